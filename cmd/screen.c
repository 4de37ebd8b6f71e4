/* SPDX-License-Identifier: MIT */
/* samplan-screen — from the screening matrix to needs, referrals, urgency, the
 * individual-plan decision and the letters to send; adds `assessment` to each case. */
#include "cli/cli.h"
#include "cli/run.h"
#include "cli/tool.h"
#include "domain/rules.h"
#include "domain/screen.h"

#include <string.h>

static const char usage[] =
    "Usage: samplan-screen [-o FILE] [-f FMT] [--as-of DATE] [--rules FILE]\n"
    "                      [--agencies FILE]... [--keep-going] [--force] [-q] [FILE...]\n"
    "       samplan-screen --print-rules [-o FILE [--force]]\n"
    "Read cases (YAML or JSON, single documents or streams) and write them again with\n"
    "`assessment`: needs, services, urgency, consent, the individual-plan decision and the\n"
    "letters to send. With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "  -f, --format FMT     yaml, json, jsonl (default: as read), or table: one line per\n"
    "                       need, for people\n"
    "  -o, --output FILE    write to FILE (atomically, mode 0600)\n"
    "      --force          replace FILE if it exists (default: refuse, before reading)\n"
    "      --mode MODE      the mode of the files written, in octal (default: 600)\n"
    "      --as-of DATE     assess as of DATE (YYYY-MM-DD) instead of today\n"
    "      --rules FILE     rules to use instead of the built-in ones (samplan-rules(5))\n"
    "      --agencies FILE  the agencies registry: recipients, home municipality (repeatable)\n"
    "  -k, --keep-going     skip a bad case, count it, and go on; exit 2 at the end\n"
    "      --print-rules    write the built-in rules and exit\n"
    "  -q, --quiet          show no progress on the terminal\n"
    "  -h, --help           show this help and exit\n"
    "      --version        show the version and exit\n"
    "\n"
    "Exit status: 0 done; 2 usage error or bad input (no output file is written unless\n"
    "--keep-going). See samplan-screen(1).\n";

enum { OPT_PRINT_RULES = SP_OPT_FIRST_TOOL };

struct opts {
	sp_cli cli;
	sp_run run; /* -f, -k, --rules, --agencies; the output; the cases screened and skipped */
	bool print_rules;
};

static void table_header(FILE *f)
{
	fprintf(f, "%-20s %5s  %-15s %-28s %-8s %-10s %s\n", "CASE", "DAYS", "DOMAIN", "ACTIONS",
		"URGENCY", "CONSENT", "RECIPIENT");
}

/* ", 6 domains not answered yet" for a screening begun but not filled in: its needs so far
 * are not all (the count alone would read as "no more problems"); "" when all are answered. */
static const char *unanswered(const sp_screening *s, char buf[48])
{
	int n = 0;
	for (int d = 0; d < SP_DOMAIN_COUNT; d++)
		n += !s->d[d].present;
	if (!n)
		return "";
	snprintf(buf, 48, " so far, %d domain%s not answered yet", n, n == 1 ? "" : "s");
	return buf;
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
	/* no screening is no answer: "0 needs" would read as "no problems" */
	char un[48];
	if (!a->screening.present)
		fprintf(f, "%-20s %5s  %-15s not screened yet", id, days, "(case)");
	else
		fprintf(f, "%-20s %5s  %-15s %d need%s%s; IP %s; coordinator %s", id, days,
			"(case)", a->risk_areas, a->risk_areas == 1 ? "" : "s",
			unanswered(&a->screening, un), a->ip_indicated ? "indicated" : "not indicated",
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
	if (sp_run_case(&o->run, doc, derived, diags) != SP_EXIT_OK)
		return SP_EXIT_BAD;
	sp_assessment a;
	sp_assess(doc->root, o->run.rules, o->run.reg, o->cli.as_of, &a);
	if (o->run.table) {
		table_case(o->run.f, json_string_value(json_object_get(doc->root, "id")), &a);
		return ferror(o->run.f) ? SP_EXIT_BAD : SP_EXIT_OK;
	}
	/* setting it again replaces an earlier assessment in its place: re-screening is
	 * idempotent */
	json_object_set_new(doc->root, "assessment", sp_assessment_json(&a));
	return sp_run_put(&o->run, doc, doc->root, diags);
}

static int print_rules(struct opts *o)
{
	if (!sp_run_open(&o->run))
		return SP_EXIT_BAD;
	fputs(sp_rules_default_text(), o->run.f);
	return sp_cli_commit(&o->cli, o->run.out) == 0 ? SP_EXIT_OK : SP_EXIT_BAD;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
	    SP_RUN_LONGOPTS,
	    {"print-rules", no_argument, NULL, OPT_PRINT_RULES},
	    {NULL, 0, NULL, 0},
	};
	struct opts o = {0};
	sp_run_init(&o.run, &o.cli, "samplan-screen", usage);
	int c;
	while ((c = sp_run_getopt(&o.run, argc, argv, SP_RUN_SHORTOPTS, longopts)) != -1)
		if (c == OPT_PRINT_RULES)
			o.print_rules = true;
	if (o.print_rules && (o.run.rules_path || optind < argc))
		sp_cli_usage_error(&o.cli, "--print-rules writes the built-in rules; it takes no --rules and no FILE");
	if (o.print_rules)
		return print_rules(&o);
	int status = SP_EXIT_BAD;
	if (!sp_run_load(&o.run) || !sp_run_open(&o.run))
		goto done;
	if (o.run.table)
		table_header(o.run.f);
	status = sp_cli_loop(&o.cli, argc - optind, argv + optind, screen, NULL, false, &o);
	sp_run_summary(&o.run, "screened", true);
	status = sp_run_end(&o.run, status);
done:
	sp_run_free(&o.run);
	return status;
}
