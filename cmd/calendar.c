/* SPDX-License-Identifier: MIT */
/* samplan-calendar — the cases' deadlines for the caseworker's calendar: one iCalendar file
 * (RFC 5545) with an event per dated item, that tells the case id and what is due and
 * nothing a synced calendar should not. See samplan-calendar(1). */
#include "cli/cli.h"
#include "cli/run.h"
#include "cli/tool.h"
#include "domain/calendar.h"
#include "domain/validate.h"
#include "report/ical.h"

#include <errno.h>
#include <string.h>

static const char usage[] =
    "Usage: samplan-calendar [-o FILE] [--as-of DATE] [--days N] [--renew-days N]\n"
    "                        [--agencies FILE]... [--rules FILE] [--officer ID] [--detail]\n"
    "                        [--keep-going] [--force] [-q] [FILE...]\n"
    "Write the dated items of the cases as one iCalendar file (.ics) for Outlook, a phone or\n"
    "another calendar: the release, the last day for screening and for the handovers, the\n"
    "start of follow-up, the group's meetings, answers due, reminders to send, consents to\n"
    "renew and plan measures due. An event tells the case id and what is due; never the\n"
    "person's name, and no domain or agency without --detail.\n"
    "With no FILE, or when FILE is -, read standard input.\n"
    "\n"
    "  -o, --output FILE    write to FILE (atomically, mode 0600)\n"
    "      --force          replace FILE if it exists (default: refuse, before reading)\n"
    "      --mode MODE      the mode of the files written, in octal (default: 600)\n"
    "      --as-of DATE     the items from DATE (YYYY-MM-DD) on, instead of today; DTSTAMP\n"
    "                       and SEQUENCE come from it\n"
    "      --days N         the handover deadline is N days before release (default: the\n"
    "                       rules' handover.deadline_days, 14 in the built-in rules)\n"
    "      --renew-days N   a consent is to be renewed N days before it expires (default 21)\n"
    "      --agencies FILE  the agencies registry: response days, names (repeatable)\n"
    "      --rules FILE     screening rules instead of the built-in ones (samplan-rules(5))\n"
    "      --officer ID     only the cases of the contact officer with this id\n"
    "      --detail         name the agency and the domain in each event: for a calendar\n"
    "                       kept inside the service only, never one synced outside it\n"
    "  -k, --keep-going     skip a bad case, count it, and go on; exit 2 at the end\n"
    "  -q, --quiet          show no progress on the terminal\n"
    "  -h, --help           show this help and exit\n"
    "      --version        show the version and exit\n"
    "\n"
    "Exit status: 0 done; 2 usage error or bad input (no output file is written unless\n"
    "--keep-going). See samplan-calendar(1).\n";

enum { OPT_DAYS = SP_OPT_FIRST_TOOL, OPT_RENEW_DAYS, OPT_OFFICER, OPT_DETAIL };

struct opts {
	sp_cli cli;
	sp_run run; /* -k, --rules, --agencies; the output; the cases read and skipped */
	sp_cal_opts cal;
	const char *officer;
	bool detail;
	sp_ical *ical;
};

/* The report of samplan-handover-check holds none of the case's letters, meetings or plans:
 * say what to pipe instead of "this is not a case". */
static bool handover_report(const sp_doc *doc, sp_diags *diags)
{
	const char *kind = sp_doc_kind(doc);
	if (!kind || strcmp(kind, "handover_report") != 0)
		return false;
	sp_diags_add(diags, SP_ERROR, doc->file, doc->index, doc->pos, "kind",
		     "a handover_report holds no letters, meetings or plans of the case; give the "
		     "case files, or pipe samplan-handover-check --suggest, which writes the cases");
	return true;
}

static int add_case(sp_doc **docp, sp_diags *diags, void *ctx)
{
	struct opts *o = ctx;
	sp_doc *doc = *docp;
	/* what the tools derive is not read: the case's own keys hold every date */
	static const char *const derived[] = {"assessment", "handover_check", "individual_plan",
					      "merge_report", NULL};
	if (handover_report(doc, diags)) {
		o->run.skipped++;
		return SP_EXIT_BAD;
	}
	if (sp_run_case(&o->run, doc, derived, diags) != SP_EXIT_OK)
		return SP_EXIT_BAD;
	if (o->officer && !sp_case_has_officer(doc->root, o->officer))
		return SP_EXIT_OK;
	sp_cal_items items = {0};
	sp_case_calendar(doc->root, o->run.rules, o->run.reg, &o->cal, &items);
	const char *id = json_string_value(json_object_get(doc->root, "id"));
	bool added = sp_ical_add(o->ical, id, &items);
	sp_cal_items_free(&items);
	if (!added) {
		sp_diags_add(diags, SP_ERROR, doc->file, doc->index,
			     sp_doc_pos(doc, doc->root, "id"), "id",
			     "a case with this id was read before; its events would have the same "
			     "UIDs: give each case once (a stream and the case's own file hold it twice)");
		o->run.done--;
		o->run.skipped++;
		return SP_EXIT_BAD;
	}
	return SP_EXIT_OK;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
	    SP_CLI_LONGOPTS,
	    SP_CLI_BATCH_LONGOPTS,
	    {"agencies", required_argument, NULL, SP_OPT_AGENCIES},
	    {"rules", required_argument, NULL, SP_OPT_RULES},
	    {"keep-going", no_argument, NULL, 'k'},
	    {"days", required_argument, NULL, OPT_DAYS},
	    {"renew-days", required_argument, NULL, OPT_RENEW_DAYS},
	    {"officer", required_argument, NULL, OPT_OFFICER},
	    {"detail", no_argument, NULL, OPT_DETAIL},
	    {NULL, 0, NULL, 0},
	};
	struct opts o = {.cal = {.days = -1, .renew_days = 21}};
	sp_run_init(&o.run, &o.cli, "samplan-calendar", usage);
	int c;
	while ((c = sp_run_getopt(&o.run, argc, argv, SP_CLI_SHORTOPTS SP_CLI_BATCH_SHORTOPTS "k",
				  longopts)) != -1) {
		switch (c) {
		case OPT_DAYS: o.cal.days = sp_tool_number(&o.cli, "--days", optarg, 0, 3650); break;
		case OPT_RENEW_DAYS:
			o.cal.renew_days = sp_tool_number(&o.cli, "--renew-days", optarg, 0, 365);
			break;
		case OPT_OFFICER: o.officer = optarg; break;
		case OPT_DETAIL: o.detail = true; break;
		}
	}
	int status = SP_EXIT_BAD;
	if (!sp_run_load(&o.run) || !sp_run_open(&o.run))
		goto done;
	if (o.cal.days < 0) /* the rules' deadline unless --days gave one */
		o.cal.days = o.run.rules->handover_deadline_days;
	o.cal.as_of = o.cli.as_of;
	o.ical = sp_ical_new(&(sp_ical_opts){o.cli.as_of, o.detail, o.run.reg});
	status = sp_cli_loop(&o.cli, argc - optind, argv + optind, add_case, NULL, false, &o);
	if (!(status == SP_EXIT_BAD && !o.cli.keep_going) && sp_ical_write(o.ical, o.run.f) != 0) {
		sp_cli_error(&o.cli, "%s: cannot write the output: %s", o.cli.output ? o.cli.output : "-",
			     strerror(errno));
		status = SP_EXIT_BAD;
		o.cli.keep_going = false; /* nothing half-written is kept */
	}
	sp_run_summary(&o.run, "in the calendar", false);
	status = sp_run_end(&o.run, status);
done:
	sp_ical_free(o.ical);
	sp_run_free(&o.run);
	return status;
}
