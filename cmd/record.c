/* SPDX-License-Identifier: MIT */
/* samplan-record — the day's events written into case files: a letter answered, a handover
 * requested, confirmed or declined, a meeting held, a consent given or withdrawn … one small
 * validated edit each, through the editing engine: the file keeps its layout, and the event
 * its line in the case's history. See samplan-record(1); the events are lib/edit/events.h.
 */
#include "base/linediff.h"
#include "base/util.h"
#include "cli/cli.h"
#include "cli/run.h"
#include "cli/tool.h"
#include "doc/edit.h"
#include "domain/history.h"
#include "edit/caseedit.h"
#include "edit/events.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char usage_head[] =
    "Usage: samplan-record EVENT [options] CASE...\n"
    "       samplan-record log CASE...\n"
    "       samplan-record EVENT --help\n"
    "Write one of the day's events into each case file named: only the lines of the\n"
    "event change (comments and layout stay), under the file's lock, checked before it is\n"
    "written, with an entry in the case's history. Prints what it changed.\n"
    "\n"
    "Events:\n";

static const char usage_tail[] =
    "  log                  print each case's history: when, who, which tool, what kind\n"
    "                       of event and which keys (never the values)\n"
    "\n"
    "Options (each event takes those its --help lists):\n"
    "      --date DATE        the day of the event (default: --as-of, or today)\n"
    "      --as-of DATE       today, for the default date (default: today)\n"
    "      --letter ID        the letter answered (L-0003)\n"
    "      --outcome OUTCOME  granted, refused, partial or acknowledged\n"
    "      --domain DOMAIN    the life domain (a consent: repeatable, or all)\n"
    "      --to AGENCY        the agency asked to take over\n"
    "      --by NAME          who confirmed\n"
    "      --starts DATE      when the follow-up begins\n"
    "      --contact TEXT     who meets the person; a screening's contact, or none\n"
    "      --name NAME        a person or a programme\n"
    "      --agency AGENCY    a person's agency\n"
    "      --role ROLE        a member's role in the responsibility group\n"
    "      --time HH:MM       a meeting's time\n"
    "      --participant AGENCY\n"
    "                         an agency at a meeting (repeatable)\n"
    "      --note TEXT        a note\n"
    "      --recipient AGENCY a consent's recipient\n"
    "      --expires DATE     when a consent ends\n"
    "      --status STATUS    an individual plan's or a measure's status\n"
    "      --plan ID          a plan of the case\n"
    "      --measure ID       a measure of that plan\n"
    "      --past yes|no      a screening domain: earlier problems\n"
    "      --current yes|no   a screening domain: current problems\n"
    "      --needs LIST       a screening domain: contact,assessment,measures or none\n"
    "      --wants-follow-up yes|no\n"
    "                         the person's own wish for help\n"
    "      --release DATE     the new expected release date\n"
    "      --id ID            the case to record in, in a file of several cases\n"
    "      --agencies FILE    the agencies registry: agency ids are checked against it\n"
    "                         (repeatable)\n"
    "      --dry-run          print the diff the event would make; write nothing\n"
    "      --diff             print the diff of each file after what changed\n"
    "      --wait SECONDS     how long to wait for another tool editing the same file\n"
    "                         (default: 5; 0: do not wait)\n"
    "      --mode MODE        taken as by every tool, but unused: an edited case file keeps\n"
    "                         its own mode\n"
    "  -q, --quiet            print nothing but the problems\n"
    "  -h, --help             show this help (with EVENT: the event's) and exit\n"
    "      --version          show the version and exit\n"
    "\n"
    "Exit status: 0 recorded in every case file; 1 with several case files, some were\n"
    "recorded and some not (named on standard error); 2 usage error, or nothing recorded\n"
    "(an event that makes no sense for the case, bad input, a file another tool kept\n"
    "locked). A file is changed whole or not at all. See samplan-record(1).\n";

enum {
	OPT_DATE = SP_OPT_FIRST_TOOL, OPT_LETTER, OPT_OUTCOME, OPT_DOMAIN, OPT_TO, OPT_BY, OPT_STARTS,
	OPT_CONTACT, OPT_NAME, OPT_AGENCY, OPT_ROLE, OPT_TIME, OPT_PARTICIPANT, OPT_NOTE,
	OPT_RECIPIENT, OPT_EXPIRES, OPT_STATUS, OPT_PLAN, OPT_MEASURE, OPT_PAST, OPT_CURRENT,
	OPT_NEEDS, OPT_WANTS, OPT_RELEASE, OPT_ID, OPT_DRY_RUN, OPT_DIFF, OPT_WAIT,
};

/* The event options by name: their codes and where their values go. */
static const struct {
	const char *name;
	int code;
	size_t off; /* in sp_event_args; SIZE_MAX: into its list */
} event_opts[] = {
    {"letter", OPT_LETTER, offsetof(sp_event_args, letter)},
    {"outcome", OPT_OUTCOME, offsetof(sp_event_args, outcome)},
    {"domain", OPT_DOMAIN, offsetof(sp_event_args, domain)},
    {"to", OPT_TO, offsetof(sp_event_args, to)},
    {"by", OPT_BY, offsetof(sp_event_args, by)},
    {"starts", OPT_STARTS, offsetof(sp_event_args, starts)},
    {"contact", OPT_CONTACT, offsetof(sp_event_args, contact)},
    {"name", OPT_NAME, offsetof(sp_event_args, name)},
    {"agency", OPT_AGENCY, offsetof(sp_event_args, agency)},
    {"role", OPT_ROLE, offsetof(sp_event_args, role)},
    {"time", OPT_TIME, offsetof(sp_event_args, time)},
    {"participant", OPT_PARTICIPANT, SIZE_MAX},
    {"note", OPT_NOTE, offsetof(sp_event_args, note)},
    {"recipient", OPT_RECIPIENT, offsetof(sp_event_args, recipient)},
    {"expires", OPT_EXPIRES, offsetof(sp_event_args, expires)},
    {"status", OPT_STATUS, offsetof(sp_event_args, status)},
    {"plan", OPT_PLAN, offsetof(sp_event_args, plan)},
    {"measure", OPT_MEASURE, offsetof(sp_event_args, measure)},
    {"past", OPT_PAST, offsetof(sp_event_args, past)},
    {"current", OPT_CURRENT, offsetof(sp_event_args, current)},
    {"needs", OPT_NEEDS, offsetof(sp_event_args, needs)},
    {"wants-follow-up", OPT_WANTS, offsetof(sp_event_args, wants)},
    {"release", OPT_RELEASE, offsetof(sp_event_args, release)},
};
enum { NOPTS = sizeof event_opts / sizeof *event_opts };

struct opts {
	sp_cli cli;
	sp_run run;            /* --agencies */
	const sp_event *ev;    /* NULL: log */
	sp_event_args a;
	bool given[NOPTS], has_date, dry_run, diff;
	unsigned wait_s;
	const char *id;
	sp_edit_opts eo;
	char *usage;
};

/* --- one case file ------------------------------------------------------------------------ */

struct pick {
	struct opts *o;
	size_t doc, found;
	sp_event_out out;
	sp_diags *diags;
	int status;
};

/* The case to record in: the one with --id, or the file's only document. */
static int pick_case(sp_doc *doc, void *ctx)
{
	struct pick *p = ctx;
	const char *id = json_string_value(json_object_get(doc->root, "id"));
	if (p->o->id && !(id && strcmp(id, p->o->id) == 0))
		return 0;
	if (++p->found > 1)
		return 0;
	p->doc = doc->index - 1;
	/* its errors stop the event; its warnings are the case's as read, and the edit's check
	 * says those the event brings in (a warning the event answers is not repeated) */
	sp_diags found = {0};
	int rc = sp_tool_case(&p->o->cli, doc, NULL, &found);
	for (size_t i = 0; i < found.n; i++)
		if (found.v[i].severity == SP_ERROR)
			sp_diags_add(p->diags, SP_ERROR, found.v[i].file, found.v[i].doc, found.v[i].pos,
				     found.v[i].path, "%s", found.v[i].msg);
	sp_diags_free(&found);
	if (rc != SP_EXIT_OK) {
		sp_diags_add(p->diags, SP_ERROR, doc->file, doc->index, doc->pos, NULL,
			     "the case has errors; correct them first (samplan-validate shows them)");
		p->status = SP_EXIT_BAD;
		return 0;
	}
	p->o->a.date = p->o->has_date ? p->o->a.date : p->o->cli.as_of;
	if (p->o->ev->decide(doc, &p->o->a, &p->out, p->diags) != 0)
		p->status = SP_EXIT_BAD;
	return 0;
}

static void edit_error(struct opts *o, const char *file)
{
	if (errno == EWOULDBLOCK)
		sp_cli_error(&o->cli, "%s: another program is editing this case file; nothing was "
				      "recorded. Try again, or wait longer with --wait SECONDS", file);
	else if (errno == EMLINK)
		sp_cli_error(&o->cli, "%s: the file has several hard links, which an edit in place "
				      "cannot keep (it writes a new file); nothing was recorded. Edit "
				      "a copy with one name", file);
	else if (errno == EFBIG)
		sp_cli_error(&o->cli, "%s: larger than %d MiB, which an edit in place reads whole; "
				      "nothing was recorded", file, SP_EDIT_MAX_FILE >> 20);
	else if (errno)
		sp_cli_error(&o->cli, "%s: %s; nothing was recorded", file, strerror(errno));
}

/* Record the event in one case file: SP_EXIT_OK, or SP_EXIT_BAD with the problems printed. */
static int record_file(struct opts *o, const char *file)
{
	sp_diags diags = {0};
	struct pick p = {.o = o, .diags = &diags, .status = SP_EXIT_OK};
	sp_case_edit *ed = sp_case_edit_open(file, &o->eo, &diags);
	if (!ed) {
		edit_error(o, file);
		p.status = SP_EXIT_BAD;
		goto done;
	}
	sp_case_edit_each(ed, pick_case, &p);
	if (p.found == 0) {
		sp_diags_add(&diags, SP_ERROR, file, 0, (sp_pos){0, 0}, NULL,
			     o->id ? "no case in the file has this --id; check the id"
				   : "the file holds no case");
		p.status = SP_EXIT_BAD;
	} else if (p.found > 1) {
		sp_diags_add(&diags, SP_ERROR, file, 0, (sp_pos){0, 0}, NULL,
			     o->id ? "more than one case in the file has this --id; give each its own"
				   : "the file holds several cases; say which with --id ID");
		p.status = SP_EXIT_BAD;
	}
	for (size_t i = 0; p.status == SP_EXIT_OK && i < p.out.n; i++) {
		const sp_event_op *op = &p.out.ops[i];
		long rc = op->append ? sp_case_edit_append(ed, p.doc, op->path, op->value, &diags)
				     : sp_case_edit_set(ed, p.doc, op->path, op->value, &diags);
		if (rc < 0)
			p.status = SP_EXIT_BAD;
	}
	if (p.status == SP_EXIT_OK) {
		sp_case_edit_event(ed, p.doc, o->ev->name);
		const char *warning = NULL;
		size_t errors = diags.errors;
		if (sp_case_edit_commit(ed, &diags, &warning) != 0) {
			if (diags.errors == errors)
				edit_error(o, file);
			p.status = SP_EXIT_BAD;
		} else {
			if (warning)
				sp_cli_error(&o->cli, "warning: %s: %s", file, warning);
			if (!o->cli.quiet)
				printf("%s: %s%s\n", file, o->dry_run ? "would record: " : "", p.out.words);
			if (o->diff || o->dry_run)
				sp_case_edit_diff(ed, stdout);
		}
	}
done:
	sp_diags_print(&diags, stderr, o->cli.prog);
	sp_diags_free(&diags);
	sp_event_out_clear(&p.out);
	sp_case_edit_close(ed);
	return p.status;
}

/* --- log ---------------------------------------------------------------------------------- */

static int print_history(sp_doc **docp, sp_diags *diags, void *ctx)
{
	(void)diags;
	(void)ctx;
	const sp_doc *doc = *docp;
	const char *id = json_string_value(json_object_get(doc->root, "id"));
	const json_t *h = json_object_get(doc->root, "history");
	size_t i;
	const json_t *e;
	json_array_foreach(h, i, e) {
		printf("%s  %s  %s  %s  %s  ", id ? id : "?",
		       json_string_value(json_object_get(e, "at")) ?: "?",
		       json_string_value(json_object_get(e, "user")) ?: "?",
		       json_string_value(json_object_get(e, "tool")) ?: "?",
		       json_string_value(json_object_get(e, "event")) ?: "?");
		size_t k;
		const json_t *key;
		json_array_foreach(json_object_get(e, "keys"), k, key)
			printf("%s%s", k ? "," : "", json_string_value(key) ?: "?");
		putchar('\n');
	}
	return ferror(stdout) ? SP_EXIT_BAD : SP_EXIT_OK;
}

/* --- options ------------------------------------------------------------------------------ */

/* Whether the event takes option name; *needed and *many (may be NULL) say whether it needs
 * it and takes it more than once. */
static bool takes(const sp_event *ev, const char *name, bool *needed, bool *many)
{
	size_t n = strlen(name);
	for (const char *p = ev->options; *p;) {
		size_t k = strcspn(p, " !*"), f = strspn(p + k, "!*");
		if (k == n && strncmp(p, name, n) == 0) {
			if (needed)
				*needed = memchr(p + k, '!', f) != NULL;
			if (many)
				*many = memchr(p + k, '*', f) != NULL;
			return true;
		}
		p += k + f;
		p += strspn(p, " ");
	}
	return false;
}

/* The lines of usage_tail that describe option --name (and their continuation lines). */
static void option_help(const char *name)
{
	size_t n = strlen(name);
	for (const char *l = usage_tail; *l; l = strchr(l, '\n') + 1) {
		const char *o = l + strspn(l, " ");
		if (strncmp(o, "--", 2) != 0 || strncmp(o + 2, name, n) != 0 || !strchr(" \n", o[2 + n]))
			continue;
		do {
			const char *end = strchr(l, '\n');
			printf("%.*s\n", (int)(end - l), l);
			l = end + 1;
		} while (strncmp(l, "                         ", 25) == 0);
		return;
	}
}

/* samplan-record EVENT --help: what the event records and the options it takes. */
static void event_help(const sp_event *ev)
{
	printf("Usage: samplan-record %s [options] CASE...\n%c%s.\n", ev->name,
	       ev->summary[0] - 'a' + 'A', ev->summary + 1);
	for (int needed = 1; needed >= 0; needed--) {
		bool any = false;
		for (const char *p = ev->options; *p;) {
			size_t k = strcspn(p, " !*"), f = strspn(p + k, "!*");
			bool bang = memchr(p + k, '!', f) != NULL;
			if (bang == (needed == 1)) {
				if (!any)
					printf("\n%s:\n", needed ? "Needed" : "Optional");
				any = true;
				char name[32];
				snprintf(name, sizeof name, "%.*s", (int)k, p);
				option_help(name);
			}
			p += k + f;
			p += strspn(p, " ");
		}
	}
	puts("\nAnd --as-of, --agencies, --id, --dry-run, --diff, --wait and --quiet, as\n"
	     "samplan-record --help says. See samplan-record(1).");
}

static char *make_usage(void)
{
	char *u = NULL;
	size_t len = 0, cap = 0;
	sp_buf_append(&u, &len, &cap, usage_head, strlen(usage_head));
	const sp_event *ev;
	for (size_t i = 0; (ev = sp_event_at(i)); i++) {
		/* a name too long for its column puts the summary on the next line */
		char *line = strlen(ev->name) > 20
				 ? sp_xasprintf("  %s\n%23s%s\n", ev->name, "", ev->summary)
				 : sp_xasprintf("  %-20s %s\n", ev->name, ev->summary);
		sp_buf_append(&u, &len, &cap, line, strlen(line));
		free(line);
	}
	sp_buf_append(&u, &len, &cap, usage_tail, strlen(usage_tail));
	return u;
}

static void parse_options(struct opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
	    SP_RUN_LONGOPTS,
	    {"date", required_argument, NULL, OPT_DATE}, {"letter", required_argument, NULL, OPT_LETTER},
	    {"outcome", required_argument, NULL, OPT_OUTCOME}, {"domain", required_argument, NULL, OPT_DOMAIN},
	    {"to", required_argument, NULL, OPT_TO}, {"by", required_argument, NULL, OPT_BY},
	    {"starts", required_argument, NULL, OPT_STARTS}, {"contact", required_argument, NULL, OPT_CONTACT},
	    {"name", required_argument, NULL, OPT_NAME}, {"agency", required_argument, NULL, OPT_AGENCY},
	    {"role", required_argument, NULL, OPT_ROLE}, {"time", required_argument, NULL, OPT_TIME},
	    {"participant", required_argument, NULL, OPT_PARTICIPANT},
	    {"note", required_argument, NULL, OPT_NOTE}, {"recipient", required_argument, NULL, OPT_RECIPIENT},
	    {"expires", required_argument, NULL, OPT_EXPIRES}, {"status", required_argument, NULL, OPT_STATUS},
	    {"plan", required_argument, NULL, OPT_PLAN}, {"measure", required_argument, NULL, OPT_MEASURE},
	    {"past", required_argument, NULL, OPT_PAST}, {"current", required_argument, NULL, OPT_CURRENT},
	    {"needs", required_argument, NULL, OPT_NEEDS},
	    {"wants-follow-up", required_argument, NULL, OPT_WANTS},
	    {"release", required_argument, NULL, OPT_RELEASE}, {"id", required_argument, NULL, OPT_ID},
	    {"dry-run", no_argument, NULL, OPT_DRY_RUN}, {"diff", no_argument, NULL, OPT_DIFF},
	    {"wait", required_argument, NULL, OPT_WAIT}, /* -q, --quiet: the run's (cli.quiet) */
	    {NULL, 0, NULL, 0},
	};
	/* the event comes first, so that `EVENT --help` is the event's help */
	if (argc > 1 && argv[1][0] != '-') {
		if (strcmp(argv[1], "log") != 0 && !(o->ev = sp_event_find(argv[1])))
			sp_cli_usage_error(&o->cli, "%s: no such event (samplan-record --help lists them)",
					   argv[1]);
		if (!o->ev)
			o->ev = NULL;
		argv[1] = argv[0];
		argv++;
		argc--;
	} else if (argc > 1 && strcmp(argv[1], "-h") != 0 && strcmp(argv[1], "--help") != 0 &&
		   strcmp(argv[1], "--version") != 0) {
		sp_cli_usage_error(&o->cli, "say which event to record first: samplan-record EVENT "
					    "[options] CASE... (--help lists the events)");
	}
	int c;
	while ((c = sp_run_getopt(&o->run, argc, argv, SP_RUN_SHORTOPTS, longopts)) != -1) {
		switch (c) {
		case OPT_DATE:
			if (!sp_date_parse(optarg, &o->a.date))
				sp_cli_usage_error(&o->cli, "--date %s: %s; write the date as YYYY-MM-DD",
						   optarg, sp_date_problem(optarg));
			o->has_date = true;
			continue;
		case OPT_ID: o->id = optarg; continue;
		case OPT_DRY_RUN: o->dry_run = true; continue;
		case OPT_DIFF: o->diff = true; continue;
		case OPT_WAIT: o->wait_s = (unsigned)sp_tool_number(&o->cli, "--wait", optarg, 0, 3600); continue;
		}
		for (size_t i = 0; i < NOPTS; i++) {
			if (event_opts[i].code != c)
				continue;
			bool list;
			if (!o->ev || !takes(o->ev, event_opts[i].name, NULL, &list))
				sp_cli_usage_error(&o->cli, "--%s does not go with %s (samplan-record %s "
							    "--help lists what does)", event_opts[i].name,
						   o->ev ? o->ev->name : "log", o->ev ? o->ev->name : "log");
			if (o->given[i] && !list)
				sp_cli_usage_error(&o->cli, "--%s: give it once", event_opts[i].name);
			if (list && o->a.nlist == sizeof o->a.list / sizeof *o->a.list)
				sp_cli_usage_error(&o->cli, "--%s: at most 16", event_opts[i].name);
			if (list)
				o->a.list[o->a.nlist++] = optarg;
			if (event_opts[i].off != SIZE_MAX && !o->given[i])
				*(const char **)((char *)&o->a + event_opts[i].off) = optarg;
			o->given[i] = true;
		}
	}
	/* the shared options of a run that write or read what samplan-record does not */
	if (o->cli.output || o->run.fmt != SP_FMT_AUTO || o->run.table || o->cli.keep_going ||
	    o->run.rules_path || o->cli.force)
		sp_cli_usage_error(&o->cli, "-o, -f, -k, --rules and --force do not go with "
					    "samplan-record: it changes the case files named, each on "
					    "its own, and prints what it did");
	if (o->ev) {
		bool needed;
		for (size_t i = 0; i < NOPTS; i++)
			if (!o->given[i] && takes(o->ev, event_opts[i].name, &needed, NULL) && needed)
				sp_cli_usage_error(&o->cli, "%s needs --%s (samplan-record %s --help)",
						   o->ev->name, event_opts[i].name, o->ev->name);
		if (o->has_date && !takes(o->ev, "date", NULL, NULL))
			sp_cli_usage_error(&o->cli, "--date does not go with %s", o->ev->name);
	}
}

int main(int argc, char **argv)
{
	struct opts o = {.wait_s = 5};
	o.usage = make_usage();
	sp_run_init(&o.run, &o.cli, "samplan-record", o.usage);
	/* `samplan-record EVENT --help`: the event's own */
	if (argc > 2 && argv[1][0] != '-' && sp_event_find(argv[1]))
		for (int i = 2; i < argc; i++)
			if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
				event_help(sp_event_find(argv[1]));
				free(o.usage);
				return SP_EXIT_OK;
			}
	if (argc < 2)
		sp_cli_usage_error(&o.cli, "say which event to record: samplan-record EVENT [options] "
					   "CASE... (--help lists the events)");
	parse_options(&o, argc, argv);
	argc--;
	int nfiles = argc - optind;
	char **files = argv + 1 + optind;
	int status = SP_EXIT_BAD;
	if (nfiles == 0)
		sp_cli_usage_error(&o.cli, o.ev ? "name the case files to record in"
					   : "name the case files whose history to print");
	if (!sp_run_load(&o.run))
		goto done;
	if (!o.ev) {
		status = sp_cli_loop(&o.cli, nfiles, files, print_history, NULL, false, &o);
		goto done;
	}
	for (int i = 0; i < nfiles; i++)
		if (strcmp(files[i], "-") == 0)
			sp_cli_usage_error(&o.cli, "an event is recorded in case files; standard input "
						   "cannot be changed");
	char *err = NULL;
	if (sp_history_time(&o.eo.at, &err) != 0) {
		sp_cli_error(&o.cli, "%s", err);
		free(err);
		goto done;
	}
	o.eo.tool = o.cli.prog;
	o.eo.wait_ms = o.wait_s * 1000u;
	o.eo.limits = o.cli.limits;
	o.eo.dry_run = o.dry_run;
	o.a.reg = o.run.reg;
	o.a.as_of = o.cli.as_of;
	int failed = 0;
	char *not_in = NULL; /* the files not recorded in, for the summary */
	size_t len = 0, cap = 0;
	for (int i = 0; i < nfiles; i++)
		if (record_file(&o, files[i]) != SP_EXIT_OK) {
			if (failed++)
				sp_buf_append(&not_in, &len, &cap, ", ", 2);
			sp_buf_append(&not_in, &len, &cap, files[i], strlen(files[i]));
		}
	if (failed && nfiles > 1)
		sp_cli_error(&o.cli, "recorded in %d of %d case files; not in: %s", nfiles - failed,
			     nfiles, not_in);
	free(not_in);
	status = !failed ? SP_EXIT_OK : failed < nfiles ? SP_EXIT_FINDINGS : SP_EXIT_BAD;
	if (fflush(stdout) != 0 || ferror(stdout)) {
		sp_cli_error(&o.cli, "cannot write to standard output: %s", strerror(errno));
		status = SP_EXIT_BAD;
	}
done:
	sp_run_free(&o.run);
	free(o.usage);
	return status;
}
