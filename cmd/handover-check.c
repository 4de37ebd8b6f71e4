/* SPDX-License-Identifier: MIT */
/* samplan-handover-check — has every need a service outside that confirmed it takes over
 * after release? Statuses per need, findings per case, and the letters to send next. */
#include "cli/cli.h"
#include "cli/run.h"
#include "cli/tool.h"
#include "domain/handover.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: samplan-handover-check [-o FILE] [-f FMT] [--as-of DATE] [--days N]\n"
    "                              [--agencies FILE]... [--rules FILE] [--only-gaps]\n"
    "                              [--within DAYS] [--suggest] [--keep-going] [--force]\n"
    "                              [-q] [FILE...]\n"
    "Check, for every need of every case, that a service outside has confirmed it takes over\n"
    "after release, and name what is missing, overdue or declined and the letters to send.\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "  -f, --format FMT     yaml, json, jsonl (default: as read): one handover_report per\n"
    "                       case; or table: one line per case, most urgent first, with its\n"
    "                       open items\n"
    "  -o, --output FILE    write to FILE (atomically, mode 0600)\n"
    "      --force          replace FILE if it exists (default: refuse, before reading)\n"
    "      --mode MODE      the mode of the files written, in octal (default: 600)\n"
    "      --as-of DATE     check as of DATE (YYYY-MM-DD) instead of today\n"
    "      --days N         the deadline is N days before release (default: the rules'\n"
    "                       handover.deadline_days, 14 in the built-in rules)\n"
    "      --agencies FILE  the agencies registry: response days, recipients (repeatable)\n"
    "      --rules FILE     screening rules instead of the built-in ones (samplan-rules(5))\n"
    "      --only-gaps      report only cases with something to act on\n"
    "      --within DAYS    only cases released in the next DAYS days\n"
    "      --suggest        write the cases themselves with `handover_check` added, for\n"
    "                       samplan-letter-gen --suggested\n"
    "  -k, --keep-going     skip a bad case, count it, and go on; exit 2 at the end\n"
    "  -q, --quiet          show no progress on the terminal\n"
    "  -h, --help           show this help and exit\n"
    "      --version        show the version and exit\n"
    "\n"
    "Exit status: 0 no gaps; 1 gaps found; 2 usage error or bad input.\n"
    "See samplan-handover-check(1).\n";

enum { OPT_DAYS = SP_OPT_FIRST_TOOL, OPT_ONLY_GAPS, OPT_WITHIN, OPT_SUGGEST };

struct row {
	int days;       /* days to release; INT32_MAX without a release date */
	int worst;
	char *text;     /* the lines for this case */
};

struct opts {
	sp_cli cli;
	sp_run run; /* -f, -k, --rules, --agencies; the output; the cases checked and skipped */
	bool only_gaps, suggest;
	int days, within; /* within < 0: all */
	struct row *rows;
	size_t nrows, caprows;
	unsigned long gaps;
};

/* The table lines of one case: a head line, then its open items. Caller frees. */
static char *table_text(const char *id, const sp_handover_check *h)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	char days[16] = "-", date[SP_DATE_BUFSIZE];
	if (h->a.has_release)
		snprintf(days, sizeof days, "%d", h->a.days_to_release);
	fprintf(f, "%-20s %5s  %-10s %s\n", id, days, sp_ho_status_name(h->worst),
		sp_handover_has_gaps(h) ? "gaps" : "no gaps");
	for (size_t i = 0; i < h->nneeds; i++) {
		const sp_ho_need *n = &h->needs[i];
		bool follow_up_open = n->follow_up == SP_FU_STARTS_LATE ||
				      (h->start_unknown & (1u << n->domain));
		if ((n->status == SP_HO_CONFIRMED && !follow_up_open) || n->status == SP_HO_NOT_WANTED)
			continue;
		fprintf(f, "    %s: %s", sp_domain_name(n->domain), sp_ho_status_name(n->status));
		if (n->has_request) {
			fprintf(f, ", asked %s on %s", n->to, sp_date_format(n->requested, date));
			if (n->status == SP_HO_PENDING || n->status == SP_HO_OVERDUE)
				fprintf(f, ", answer due %s", sp_date_format(n->due, date));
			else
				fprintf(f, ", answered %s", sp_date_format(n->answered, date));
			if (n->ndeclined && n->status != SP_HO_DECLINED)
				fprintf(f, " (declined by %zu before)", n->ndeclined);
			if (n->follow_up == SP_FU_STARTS_LATE)
				fprintf(f, "; follow-up starts %s, %d days after release",
					sp_date_format(n->starts, date),
					sp_date_diff(h->a.info.release, n->starts));
			else if (n->follow_up == SP_FU_UNKNOWN && follow_up_open)
				fprintf(f, "; no start date for follow-up yet");
		} else if (n->status == SP_HO_MISSING) {
			fprintf(f, ", nothing requested%s%s", n->recipient ? "; ask " : "",
				n->recipient ? n->recipient : "");
		}
		if (n->status == SP_HO_PENDING && h->a.has_release && h->a.as_of > h->deadline)
			fprintf(f, " (past the deadline)");
		fputc('\n', f);
	}
	for (unsigned b = 0; b < SP_FIND_COUNT; b++)
		if (h->findings & (1u << b))
			fprintf(f, "    %s%s\n", (1u << b) & SP_FIND_ADVICE ? "advice: " : "",
				sp_finding_text(1u << b));
	for (size_t i = 0; i < h->nletters; i++) {
		const sp_ho_letter *l = &h->letters[i];
		fprintf(f, "    -> %s to %s", l->template_id, l->recipient);
		if (l->domain >= 0)
			fprintf(f, " about %s", sp_domain_name((sp_domain)l->domain));
		if (l->about)
			fprintf(f, " about letter %s", l->about);
		fputc('\n', f);
	}
	fclose(f);
	return buf;
}

static int check(sp_doc **docp, sp_diags *diags, void *ctx)
{
	struct opts *o = ctx;
	sp_doc *doc = *docp;
	/* what this tool derived before is replaced, whatever it holds */
	static const char *const derived[] = {"handover_check", NULL};
	if (sp_run_case(&o->run, doc, derived, diags) != SP_EXIT_OK)
		return SP_EXIT_BAD;
	sp_handover_check h;
	sp_check_handovers(doc->root, o->run.rules, o->run.reg, o->cli.as_of, o->days, &h);
	if (!sp_handover_dates_ok(&h, doc, diags))
		return SP_EXIT_BAD;
	if (o->within >= 0 && (!h.a.has_release || h.a.days_to_release < 0 || h.a.days_to_release > o->within))
		return SP_EXIT_OK;
	bool gaps = sp_handover_has_gaps(&h);
	if (o->only_gaps && !gaps)
		return SP_EXIT_OK;
	o->gaps += gaps;
	const char *id = json_string_value(json_object_get(doc->root, "id"));
	if (o->run.table) {
		if (o->nrows == o->caprows) {
			o->caprows = o->caprows ? 2 * o->caprows : 64;
			o->rows = realloc(o->rows, o->caprows * sizeof *o->rows);
			if (!o->rows)
				abort();
		}
		o->rows[o->nrows++] = (struct row){h.a.has_release ? h.a.days_to_release : INT32_MAX,
						   (int)h.worst, table_text(id, &h)};
		return SP_EXIT_OK;
	}
	json_t *report = sp_handover_report_json(doc->root, &h, o->days);
	json_t *out = report;
	if (o->suggest) { /* the case, with the report in it */
		json_object_del(report, "samplan");
		json_object_del(report, "kind");
		json_object_del(report, "id");
		json_object_set_new(doc->root, "handover_check", report);
		out = doc->root;
	}
	int status = sp_run_put(&o->run, doc, out, diags);
	if (!o->suggest)
		json_decref(report);
	return status;
}

/* most urgent first: fewest days to release (no release date last), then worst status */
static int by_urgency(const void *pa, const void *pb)
{
	const struct row *a = pa, *b = pb;
	if (a->days != b->days)
		return a->days < b->days ? -1 : 1;
	if (a->worst != b->worst)
		return b->worst - a->worst;
	return strcmp(a->text, b->text);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
	    SP_RUN_LONGOPTS,
	    {"days", required_argument, NULL, OPT_DAYS},
	    {"only-gaps", no_argument, NULL, OPT_ONLY_GAPS},
	    {"within", required_argument, NULL, OPT_WITHIN},
	    {"suggest", no_argument, NULL, OPT_SUGGEST},
	    {NULL, 0, NULL, 0},
	};
	struct opts o = {.days = -1, .within = -1};
	sp_run_init(&o.run, &o.cli, "samplan-handover-check", usage);
	int c;
	while ((c = sp_run_getopt(&o.run, argc, argv, SP_RUN_SHORTOPTS, longopts)) != -1) {
		switch (c) {
		case OPT_DAYS: o.days = sp_tool_number(&o.cli, "--days", optarg, 0, 3650); break;
		case OPT_WITHIN: o.within = sp_tool_number(&o.cli, "--within", optarg, 0, 3650); break;
		case OPT_ONLY_GAPS: o.only_gaps = true; break;
		case OPT_SUGGEST: o.suggest = true; break;
		}
	}
	if (o.suggest && o.run.table)
		sp_cli_usage_error(&o.cli, "--suggest writes cases; it does not go with -f table");
	int status = SP_EXIT_BAD;
	if (!sp_run_load(&o.run) || !sp_run_open(&o.run))
		goto done;
	if (o.days < 0) /* the rules' deadline unless --days gave one */
		o.days = o.run.rules->handover_deadline_days;
	status = sp_cli_loop(&o.cli, argc - optind, argv + optind, check, NULL, false, &o);
	if (o.run.table && !(status == SP_EXIT_BAD && !o.cli.keep_going)) {
		if (o.nrows)
			qsort(o.rows, o.nrows, sizeof *o.rows, by_urgency);
		fprintf(o.run.f, "%-20s %5s  %-10s %s\n", "CASE", "DAYS", "WORST", "GAPS");
		for (size_t i = 0; i < o.nrows; i++)
			fputs(o.rows[i].text, o.run.f);
	}
	sp_run_summary(&o.run, "checked", false);
	if (status != SP_EXIT_BAD && o.gaps)
		status = SP_EXIT_FINDINGS;
	status = sp_run_end(&o.run, status);
done:
	for (size_t i = 0; i < o.nrows; i++)
		free(o.rows[i].text);
	free(o.rows);
	sp_run_free(&o.run);
	return status;
}
