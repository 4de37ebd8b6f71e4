/* samplan-screen — from the screening matrix to needs, referrals, urgency, the
 * individual-plan decision and the letters to send; adds `assessment` to each case. */
#include "cli/cli.h"
#include "domain/rules.h"
#include "domain/screen.h"
#include "cli/tool.h"
#include "domain/validate.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: samplan-screen [-o FILE] [-f FMT] [--as-of DATE] [--rules FILE]\n"
    "                      [--agencies FILE]... [--keep-going] [FILE...]\n"
    "       samplan-screen --print-rules [-o FILE]\n"
    "Read cases (YAML or JSON, single documents or streams) and write them again with\n"
    "`assessment`: needs, services, urgency, consent, the individual-plan decision and the\n"
    "letters to send. With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "  -f, --format FMT     yaml, json, jsonl (default: as read), or table: one line per\n"
    "                       need, for people\n"
    "  -o, --output FILE    write to FILE (atomically, mode 0600)\n"
    "      --mode MODE      the mode of the files written, in octal (default: 600)\n"
    "      --as-of DATE     assess as of DATE (YYYY-MM-DD) instead of today\n"
    "      --rules FILE     rules to use instead of the built-in ones (samplan-rules(5))\n"
    "      --agencies FILE  the agencies registry: recipients, home municipality (repeatable)\n"
    "  -k, --keep-going     skip a bad case, count it, and go on; exit 2 at the end\n"
    "      --print-rules    write the built-in rules and exit\n"
    "  -h, --help           show this help and exit\n"
    "      --version        show the version and exit\n"
    "\n"
    "Exit status: 0 done; 2 usage error or bad input (no output file is written unless\n"
    "--keep-going). See samplan-screen(1).\n";

enum { OPT_RULES = SP_OPT_FIRST_TOOL, OPT_AGENCIES, OPT_PRINT_RULES };

struct opts {
	sp_cli cli;
	sp_format fmt;
	bool table, print_rules;
	const char *rules_path;
	const char *agencies[16];
	size_t nagencies;
	sp_rules *rules;
	sp_agencies *reg;
	FILE *out;
	sp_writer *w;
	unsigned long cases, skipped;
};

static void table_header(FILE *f)
{
	fprintf(f, "%-20s %5s  %-15s %-28s %-8s %-10s %s\n", "CASE", "DAYS", "DOMAIN", "ACTIONS",
		"URGENCY", "CONSENT", "RECIPIENT");
}

static void table_case(FILE *f, const char *id, const sp_assessment *a)
{
	static const char *const action_names[] = {"contact", "assessment", "measures", "inform"};
	char days[16] = "-";
	if (a->has_release)
		snprintf(days, sizeof days, "%d", a->days_to_release);
	for (size_t i = 0; i < a->nneeds; i++) {
		const sp_need *n = &a->needs[i];
		char actions[64] = "";
		for (unsigned b = 0; b < 4; b++)
			if (n->actions & (1u << b))
				snprintf(actions + strlen(actions), sizeof actions - strlen(actions),
					 "%s%s", *actions ? "," : "", action_names[b]);
		fprintf(f, "%-20s %5s  %-15s %-28s %-8s %-10s %s\n", id, days,
			sp_domain_name(n->domain), actions, sp_urgency_name(n->urgency),
			sp_need_consent_name(n->consent), n->recipient ? n->recipient : "-");
	}
	fprintf(f, "%-20s %5s  %-15s %d need%s; IP %s; coordinator %s", id, days, "(case)",
		a->risk_areas, a->risk_areas == 1 ? "" : "s",
		a->ip_indicated ? "indicated" : "not indicated",
		a->coordinator_required ? "required" : "not required");
	for (size_t i = 0; i < a->nletters; i++)
		fprintf(f, "%s%s to %s", i ? ", " : "; letters: ", a->letters[i].template_id,
			a->letters[i].recipient);
	fputc('\n', f);
	for (unsigned b = 0; b < SP_WARN_COUNT; b++)
		if (a->warnings & (1u << b))
			fprintf(f, "%-20s %5s  %-15s warning: %s\n", id, days, "(case)",
				sp_warning_text(1u << b));
}

static int screen(sp_doc **docp, sp_diags *diags, void *ctx)
{
	struct opts *o = ctx;
	sp_doc *doc = *docp;
	static const char *const derived[] = {"assessment", NULL};
	if (sp_tool_case(&o->cli, doc, derived, diags) != SP_EXIT_OK) {
		o->skipped++;
		return SP_EXIT_BAD;
	}
	sp_assessment a;
	sp_assess(doc->root, o->rules, o->reg, o->cli.as_of, &a);
	o->cases++;
	if (o->table) {
		table_case(o->out, json_string_value(json_object_get(doc->root, "id")), &a);
		return ferror(o->out) ? SP_EXIT_BAD : SP_EXIT_OK;
	}
	/* setting it again replaces an earlier assessment in its place: re-screening is
	 * idempotent */
	json_object_set_new(doc->root, "assessment", sp_assessment_json(&a));
	if (!o->w)
		o->w = sp_writer_open(o->out, sp_cli_out_format(o->fmt, doc));
	if (sp_writer_put(o->w, doc->root) != 0) {
		sp_diags_add(diags, SP_ERROR, o->cli.output ? o->cli.output : "-", 0, (sp_pos){0, 0},
			     NULL, "cannot write the output: %s", strerror(errno));
		return SP_EXIT_BAD;
	}
	return SP_EXIT_OK;
}

static int print_rules(struct opts *o)
{
	sp_out *out = sp_out_open(o->cli.output, o->cli.mode);
	if (!out) {
		sp_cli_error(&o->cli, "%s: cannot create the file: %s", o->cli.output, strerror(errno));
		return SP_EXIT_BAD;
	}
	fputs(sp_rules_default_text(), sp_out_file(out));
	if (sp_out_commit(out) != 0) {
		sp_cli_error(&o->cli, "cannot write the rules: %s", strerror(errno));
		return SP_EXIT_BAD;
	}
	return SP_EXIT_OK;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
	    SP_CLI_LONGOPTS,
	    {"format", required_argument, NULL, 'f'},
	    {"rules", required_argument, NULL, OPT_RULES},
	    {"agencies", required_argument, NULL, OPT_AGENCIES},
	    {"keep-going", no_argument, NULL, 'k'},
	    {"print-rules", no_argument, NULL, OPT_PRINT_RULES},
	    {NULL, 0, NULL, 0},
	};
	struct opts o = {0};
	sp_cli_init(&o.cli, "samplan-screen", usage);
	int c;
	while ((c = sp_cli_getopt(&o.cli, argc, argv, SP_CLI_SHORTOPTS "f:k", longopts)) != -1) {
		if (sp_cli_option(&o.cli, c, optarg))
			continue;
		switch (c) {
		case 'f':
			o.table = sp_tool_format(&o.cli, optarg, &o.fmt);
			break;
		case 'k':
			o.cli.keep_going = true;
			break;
		case OPT_RULES:
			o.rules_path = optarg;
			break;
		case OPT_AGENCIES:
			if (o.nagencies == sizeof o.agencies / sizeof *o.agencies)
				sp_cli_usage_error(&o.cli, "--agencies: at most 16 registries");
			o.agencies[o.nagencies++] = optarg;
			break;
		case OPT_PRINT_RULES:
			o.print_rules = true;
			break;
		}
	}
	if (o.print_rules && (o.rules_path || optind < argc))
		sp_cli_usage_error(&o.cli, "--print-rules writes the built-in rules; it takes no --rules and no FILE");
	if (o.print_rules)
		return print_rules(&o);
	int status = SP_EXIT_BAD;
	sp_out *out = NULL;
	bool ok;
	o.reg = sp_tool_agencies(&o.cli, o.agencies, o.nagencies, &ok);
	if (!ok || !(o.rules = sp_tool_rules(&o.cli, o.rules_path)))
		goto done;
	if (!(out = sp_out_open(o.cli.output, o.cli.mode))) {
		sp_cli_error(&o.cli, "%s: cannot create the file: %s", o.cli.output, strerror(errno));
		goto done;
	}
	o.out = sp_out_file(out);
	if (o.table)
		table_header(o.out);
	status = sp_cli_loop(&o.cli, argc - optind, argv + optind, screen, NULL, false, &o);
	if (sp_writer_close(o.w) != 0)
		status = SP_EXIT_BAD;
	if (o.cli.keep_going && (o.skipped || o.cli.unreadable)) {
		char files[64] = "";
		if (o.cli.unreadable)
			snprintf(files, sizeof files, "; %lu file%s could not be read to the end",
				 o.cli.unreadable, o.cli.unreadable == 1 ? "" : "s");
		sp_cli_error(&o.cli, "%lu document%s skipped (bad input), %lu screened%s", o.skipped,
			     o.skipped == 1 ? "" : "s", o.cases, files);
	}
	if (status == SP_EXIT_BAD && !o.cli.keep_going) {
		sp_out_abort(out); /* nothing half-written */
	} else if (sp_out_commit(out) != 0) {
		sp_cli_error(&o.cli, "cannot write the output: %s", strerror(errno));
		status = SP_EXIT_BAD;
	}
done:
	sp_rules_free(o.rules);
	sp_agencies_free(o.reg);
	return status;
}
