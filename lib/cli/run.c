/* SPDX-License-Identifier: MIT */
/* run.c — a case tool's shared options, inputs and output, the same way in every tool. */
#include "cli/run.h"
#include "cli/tool.h"

#include <errno.h>
#include <string.h>

void sp_run_init(sp_run *run, sp_cli *cli, const char *prog, const char *usage)
{
	sp_cli_init(cli, prog, usage);
	memset(run, 0, sizeof *run);
	run->cli = cli;
}

bool sp_run_option(sp_run *run, int opt, const char *arg)
{
	switch (opt) {
	case 'f':
		run->table = sp_tool_format(run->cli, arg, &run->fmt);
		return true;
	case 'k':
		run->cli->keep_going = true;
		return true;
	case SP_OPT_RULES:
		run->rules_path = arg;
		return true;
	case SP_OPT_AGENCIES:
		if (run->nagencies == sizeof run->agencies / sizeof *run->agencies)
			sp_cli_usage_error(run->cli, "--agencies: at most 16 registries");
		run->agencies[run->nagencies++] = arg;
		return true;
	default:
		return sp_cli_option(run->cli, opt, arg);
	}
}

int sp_run_getopt(sp_run *run, int argc, char **argv, const char *shortopts,
		  const struct option *longopts)
{
	int c;
	while ((c = sp_cli_getopt(run->cli, argc, argv, shortopts, longopts)) != -1)
		if ((c == 'f' && run->own_format) || !sp_run_option(run, c, optarg))
			break;
	return c;
}

bool sp_run_load(sp_run *run)
{
	bool ok;
	run->reg = sp_tool_agencies(run->cli, run->agencies, run->nagencies, &ok);
	return ok && (run->rules = sp_tool_rules(run->cli, run->rules_path)) != NULL;
}

bool sp_run_open(sp_run *run)
{
	if (run->cli->output && !sp_cli_output_check(run->cli, run->cli->output, false))
		return false;
	if (!(run->out = sp_out_open(run->cli->output, run->cli->mode))) {
		sp_cli_error(run->cli, "%s: cannot create the file: %s", run->cli->output,
			     strerror(errno));
		return false;
	}
	run->f = sp_out_file(run->out);
	return true;
}

int sp_run_case(sp_run *run, sp_doc *doc, const char *const *derived, sp_diags *diags)
{
	if (sp_tool_case(run->cli, doc, derived, diags) != SP_EXIT_OK) {
		run->skipped++;
		return SP_EXIT_BAD;
	}
	run->done++;
	return SP_EXIT_OK;
}

int sp_run_put(sp_run *run, const sp_doc *doc, const json_t *v, sp_diags *diags)
{
	if (!run->w)
		run->w = sp_writer_open(run->f, sp_cli_out_format(run->fmt, doc));
	if (sp_writer_put(run->w, v) == 0)
		return SP_EXIT_OK;
	sp_diags_add(diags, SP_ERROR, run->cli->output ? run->cli->output : "-", 0, (sp_pos){0, 0},
		     NULL, "cannot write the output: %s", strerror(errno));
	return SP_EXIT_BAD;
}

void sp_run_summary(const sp_run *run, const char *verb, bool files)
{
	unsigned long unreadable = run->cli->unreadable;
	if (!run->cli->keep_going || !(run->skipped || unreadable))
		return;
	char tail[64] = "";
	if (files && unreadable)
		snprintf(tail, sizeof tail, "; %lu file%s could not be read to the end", unreadable,
			 unreadable == 1 ? "" : "s");
	sp_cli_error(run->cli, "%lu document%s skipped (bad input), %lu %s%s", run->skipped,
		     run->skipped == 1 ? "" : "s", run->done, verb, tail);
}

int sp_run_end(sp_run *run, int status)
{
	if (sp_writer_close(run->w) != 0)
		status = SP_EXIT_BAD;
	run->w = NULL;
	if (status == SP_EXIT_BAD && !run->cli->keep_going) {
		sp_out_abort(run->out); /* nothing half-written */
	} else if (sp_cli_commit(run->cli, run->out) != 0) {
		status = SP_EXIT_BAD;
	}
	run->out = NULL;
	run->f = NULL;
	return status;
}

void sp_run_free(sp_run *run)
{
	sp_writer_close(run->w);
	sp_out_abort(run->out);
	sp_rules_free(run->rules);
	sp_agencies_free(run->reg);
	run->w = NULL;
	run->out = NULL;
	run->rules = NULL;
	run->reg = NULL;
}
