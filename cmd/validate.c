/* SPDX-License-Identifier: MIT */
/* samplan-validate — check case and agencies files against the samplan format. */
#include "cli/cli.h"
#include "cli/run.h"
#include "domain/validate.h"

#include <string.h>

static const char usage[] =
    "Usage: samplan-validate [--strict] [-f text|json] [-o FILE [--force]] [-q] [FILE...]\n"
    "Check samplan case, agencies and plan files (YAML or JSON, single documents or\n"
    "streams)"
    " against the format, and print every problem on standard output as\n"
    "FILE:LINE:COL: error|warning: [document N: ]PATH: message\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "  -s, --strict       treat warnings (unknown keys, missing screening domains) as errors\n"
    "  -f, --format FMT   text (default) or json: a validation_report document\n"
    "  -o, --output FILE  write the report to FILE (atomically, mode 0600)\n"
    "      --force        replace FILE if it exists (default: refuse, before reading)\n"
    "  -q, --quiet        show no progress on the terminal\n"
    "      --mode MODE    the mode of the files written, in octal (default: 600)\n"
    "  -h, --help         show this help and exit\n"
    "      --as-of DATE   accepted as by every samplan tool; validation does not depend on it\n"
    "      --version      show the version and exit\n"
    "\n"
    "Exit status: 0 no errors; 1 errors found; 2 usage error, unreadable input, or the\n"
    "report could not be written.\n"
    "See samplan-validate(1) and samplan-case(5).\n";

struct opts {
	sp_cli cli;
	bool strict, json;
	sp_run run; /* the report's file; kept even when the input is bad */
	json_t *problems; /* -f json */
	unsigned long documents;
	size_t errors, warnings;
};

static void report(const sp_diags *d, void *ctx)
{
	struct opts *o = ctx;
	for (size_t i = 0; i < d->n; i++) {
		const sp_diag *p = &d->v[i];
		if (p->severity == SP_ERROR)
			o->errors++;
		else
			o->warnings++;
		if (!o->json) {
			sp_diag_print(p, o->run.f, NULL);
			continue;
		}
		json_array_append_new(
		    o->problems,
		    json_pack("{s:s, s:I, s:I, s:I, s:s, s:s, s:s}", "file", p->file, "document",
			      (json_int_t)p->doc, "line", (json_int_t)p->pos.line, "column",
			      (json_int_t)p->pos.col, "severity",
			      p->severity == SP_ERROR ? "error" : "warning", "path", p->path,
			      "message", p->msg));
	}
}

static int check(sp_doc **doc, sp_diags *diags, void *ctx)
{
	struct opts *o = ctx;
	o->documents++;
	return sp_validate(*doc, diags) ? SP_EXIT_FINDINGS : SP_EXIT_OK;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
	    SP_CLI_LONGOPTS,
	    SP_CLI_BATCH_LONGOPTS,
	    {"strict", no_argument, NULL, 's'},
	    {"format", required_argument, NULL, 'f'},
	    {NULL, 0, NULL, 0},
	};
	struct opts o = {0};
	sp_run_init(&o.run, &o.cli, "samplan-validate", usage);
	o.cli.keep_going = true; /* a validator reports on every file */
	int c;
	while ((c = sp_cli_getopt(&o.cli, argc, argv, SP_CLI_SHORTOPTS SP_CLI_BATCH_SHORTOPTS "sf:", longopts)) != -1) {
		if (sp_cli_option(&o.cli, c, optarg))
			continue;
		if (c == 's')
			o.strict = true;
		else if (c == 'f' && strcmp(optarg, "text") == 0)
			o.json = false;
		else if (c == 'f' && strcmp(optarg, "json") == 0)
			o.json = true;
		else
			sp_cli_usage_error(&o.cli, "-f: unknown format; use text or json");
	}
	if (!sp_run_open(&o.run))
		return SP_EXIT_BAD;
	o.problems = json_array();
	int status = sp_cli_loop(&o.cli, argc - optind, argv + optind, check, report, o.strict, &o);
	if (o.json) {
		json_t *doc = json_pack("{s:i, s:s, s:I, s:I, s:I, s:O}", "samplan", 1, "kind",
					"validation_report", "documents", (json_int_t)o.documents,
					"errors", (json_int_t)o.errors, "warnings",
					(json_int_t)o.warnings, "problems", o.problems);
		json_dumpf(doc, o.run.f, JSON_INDENT(2));
		fputc('\n', o.run.f);
		json_decref(doc);
	}
	json_decref(o.problems);
	if (sp_cli_commit(&o.cli, o.run.out) != 0)
		return SP_EXIT_BAD;
	return status;
}
