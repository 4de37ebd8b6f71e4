/* SPDX-License-Identifier: MIT */
/* samplan-plan-merge — the agencies' plans for a person merged into one individual plan,
 * with the future plan and the others kept as parts, and where the plans disagree; or that
 * plan as shared with one recipient, or with a meeting, within the person's consent.
 * See samplan-plan-merge(1). */
#include "cli/cli.h"
#include "cli/newcase.h"
#include "cli/run.h"
#include "cli/tool.h"
#include "domain/consent.h"
#include "domain/merge.h"
#include "domain/share.h"
#include "domain/validate.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: samplan-plan-merge [-o FILE] [-f FMT] [--agencies FILE]... [--base FILE]\n"
    "                          [--rules FILE] [--as-of DATE] [--strict] [--keep-going]\n"
    "                          [--for AGENCY]... [--meeting DATE] [--participants LIST]\n"
    "                          [--force] [-q] [FILE...]\n"
    "Merge the plans of each case (its `plans`, and `kind: plan` documents for it) into one\n"
    "individual plan led by the municipality, keep every plan as a named part, and report\n"
    "where the plans disagree. Plan documents may stand in files of their own anywhere on\n"
    "the command line, or in a stream before the case they belong to. With no FILE, or\n"
    "when FILE is -, read standard input. With --for or --meeting, write the merged plan as\n"
    "shared with its recipients instead: only what the person consented to share with them.\n"
    "\n"
    "  -f, --format FMT     yaml, json, jsonl (default: as read), or table: the merged plan\n"
    "                       as an outline for a responsibility-group meeting\n"
    "      --for AGENCY     the plan as shared with AGENCY (an agency id, or person for the\n"
    "                       person's own copy); may be given again, for one plan each\n"
    "      --meeting DATE   the plan as shared with the participants of the case's meeting\n"
    "                       on DATE (its participants, or those of --participants)\n"
    "      --participants LIST  the agencies at the meeting, by id, separated by commas\n"
    "  -o, --output FILE    write to FILE (atomically, mode 0600)\n"
    "      --force          replace FILE if it exists (default: refuse, before reading)\n"
    "      --mode MODE      the mode of the files written, in octal (default: 600)\n"
    "      --agencies FILE  the agencies registry: the home municipality owns the plan\n"
    "      --base FILE      the plans as they were when all sides last agreed (a case or\n"
    "                       plan documents): a change made by one side only is taken\n"
    "      --rules FILE     screening rules, for the needs of a case without assessment\n"
    "      --as-of DATE     as of DATE instead of today (for needs derived here)\n"
    "  -s, --strict         exit 1 when there are findings\n"
    "  -k, --keep-going     skip a bad case, count it, and go on; exit 2 at the end\n"
    "  -q, --quiet          show no progress on the terminal\n"
    "  -h, --help           show this help and exit\n"
    "      --version        show the version and exit\n"
    "\n"
    "Exit status: 0 merged; 1 findings, with --strict; 2 usage error or bad input.\n"
    "See samplan-plan-merge(1).\n";

enum { OPT_BASE = SP_OPT_FIRST_TOOL, OPT_FOR, OPT_MEETING, OPT_PARTICIPANTS };

#define MAX_WITH 64 /* recipients of --for, participants of --participants */

struct opts {
	sp_cli cli;
	sp_run run; /* -f, -k, --rules, --agencies; the output; the cases merged and skipped */
	bool strict;
	const char *base_path;
	json_t *base;        /* --base: case id -> the plans as they were */
	json_t *plans;       /* plan documents waiting for their case: id -> [plans] */
	unsigned long findings;
	const char *for_[MAX_WITH]; /* --for, in the order given */
	size_t nfor;
	bool meeting;                /* --meeting */
	sp_date meeting_date;
	char *participants_arg;      /* --participants, copied: its ids point into it */
	const char *participants[MAX_WITH];
	size_t nparticipants;
};

/* Read every document of a file; calls take() on each valid one. false on bad input. */
static bool read_all(struct opts *o, const char *path, const char *want,
		     void (*take)(struct opts *, sp_doc *))
{
	sp_diags d = {0};
	sp_reader *r = sp_reader_open(path, &o->cli.limits, &d);
	sp_doc *doc;
	int rc = -1;
	while (r && (rc = sp_reader_next(r, &doc, &d)) == 1) {
		const char *kind = sp_doc_kind(doc);
		bool fits = kind && (strcmp(kind, want) == 0 ||
				     (strcmp(want, "case|plan") == 0 &&
				      (strcmp(kind, "case") == 0 || strcmp(kind, "plan") == 0)));
		if (!fits)
			sp_diags_add(&d, SP_ERROR, doc->file, doc->index, doc->pos, "kind",
				     "this file must hold `kind: %s` documents",
				     strcmp(want, "case|plan") == 0 ? "case` or `kind: plan" : want);
		else if (!sp_validate(doc, &d))
			take(o, doc);
		sp_doc_free(doc);
	}
	bool ok = r && rc == 0 && d.errors == 0;
	sp_reader_close(r);
	sp_diags_print(&d, stderr, o->cli.prog);
	sp_diags_free(&d);
	return ok;
}


static void take_plan(struct opts *o, sp_doc *doc)
{
	const char *id = json_string_value(json_object_get(doc->root, "case"));
	json_t *list = json_object_get(o->plans, id);
	if (!list)
		json_object_set_new(o->plans, id, list = json_array());
	json_array_append(list, doc->root);
}

static void take_base(struct opts *o, sp_doc *doc)
{
	const char *kind = sp_doc_kind(doc);
	bool plan = strcmp(kind, "plan") == 0;
	const char *id = json_string_value(json_object_get(doc->root, plan ? "case" : "id"));
	json_t *list = json_object_get(o->base, id);
	if (!list)
		json_object_set_new(o->base, id, list = json_array());
	if (plan)
		json_array_append(list, doc->root);
	else
		json_array_extend(list, json_object_get(doc->root, "plans"));
}

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* Whom a shared plan is for, and the sentence that says what it holds. */
static void outline_shared(FILE *f, const json_t *doc)
{
	const json_t *with = json_object_get(doc, "shared_with");
	const json_t *meeting = json_object_get(doc, "meeting");
	const char *first = json_string_value(json_array_get(with, 0));
	bool own = !meeting && json_array_size(with) == 1 && strcmp(first, SP_RECIPIENT_PERSON) == 0;
	if (meeting)
		fprintf(f, "  for the meeting on %s%s%s with ", str(meeting, "date"),
			str(meeting, "time") ? " at " : "", str(meeting, "time") ? str(meeting, "time") : "");
	else
		fprintf(f, own ? "  the person's own copy" : "  shared with ");
	for (size_t i = 0; i < json_array_size(with) && !own; i++)
		fprintf(f, "%s%s", i ? ", " : "", json_string_value(json_array_get(with, i)));
	fprintf(f, ", as of %s\n  %s\n", str(doc, "as_of"), str(doc, "note"));
}

static void outline_parts(FILE *f, const json_t *parts)
{
	for (size_t i = 0; i < json_array_size(parts); i++) {
		const json_t *p = json_array_get(parts, i);
		const json_t *period = json_object_get(p, "period");
		fprintf(f, "  part %s: %s, %s", str(p, "plan"), str(p, "type"), str(p, "owner"));
		if (json_is_object(period))
			fprintf(f, ", %s to %s", str(period, "from") ? str(period, "from") : "…",
				str(period, "to") ? str(period, "to") : "…");
		fputc('\n', f);
	}
}

/* The goals under their domains; a goal shown without its text (a recipient's own
 * measures in a domain it may not see) has only its measures. */
static void outline_goals(FILE *f, const json_t *goals)
{
	const char *last = "";
	for (size_t i = 0; i < json_array_size(goals); i++) {
		const json_t *g = json_array_get(goals, i);
		const char *dom = str(g, "domain");
		if (strcmp(dom, last) != 0)
			fprintf(f, "%s\n", dom);
		last = dom;
		if (str(g, "text"))
			fprintf(f, "  %s  %s\n", str(g, "id"), str(g, "text"));
		const json_t *ms = json_object_get(g, "measures");
		for (size_t j = 0; j < json_array_size(ms); j++) {
			const json_t *m = json_array_get(ms, j);
			const char *resp = str(m, "responsible"), *due = str(m, "due"), *st = str(m, "status");
			fprintf(f, "    - %s  [%s; due %s; %s]\n", str(m, "text"),
				resp ? resp : "no one responsible", due ? due : "-", st ? st : "planned");
		}
	}
}

static void outline_findings(FILE *f, const json_t *fs)
{
	if (json_array_size(fs))
		fprintf(f, "findings\n");
	for (size_t i = 0; i < json_array_size(fs); i++) {
		const json_t *x = json_array_get(fs, i);
		const char *where = str(x, "measure");
		if (!where)
			where = str(x, "goal");
		if (!where)
			where = str(x, "domain");
		fprintf(f, "  ! %s%s%s\n", where ? where : "", where ? ": " : "", str(x, "text"));
	}
}

/* The merged plan (of a case, or a shared plan) as an outline for a meeting. */
static void outline(FILE *f, const json_t *doc)
{
	const json_t *ip = json_object_get(doc, "individual_plan");
	bool shared = json_object_get(doc, "shared_with") != NULL;
	fprintf(f, "Individual plan for case %s, owner %s\n", str(doc, shared ? "case" : "id"),
		str(ip, "owner") ? str(ip, "owner") : "(none)");
	if (shared)
		outline_shared(f, doc);
	outline_parts(f, json_object_get(ip, "parts"));
	outline_goals(f, json_object_get(ip, "goals"));
	outline_findings(f, json_object_get(json_object_get(doc, "merge_report"), "findings"));
	fputc('\n', f);
}

/* Write the merged case c as shared with `with` (n recipients), for the meeting m or not. */
static int put_shared(struct opts *o, sp_doc *doc, const char *const *with, size_t n,
		      const json_t *m, sp_diags *diags)
{
	const json_t *c = doc->root;
	sp_date on[2] = {o->cli.as_of, o->meeting_date};
	sp_share_opts so = {with, n, on, m ? 2 : 1, NULL, SP_LANG_NB, m, o->cli.as_of};
	const sp_agency *ag = o->run.reg && n == 1 ? sp_agencies_find(o->run.reg, with[0]) : NULL;
	if (n == 1 && strcmp(with[0], SP_RECIPIENT_PERSON) == 0) {
		so.lang = sp_person_lang(c);
	} else if (n == 1 && !m) {
		so.name = ag ? ag->name : with[0];
		so.lang = sp_agency_lang(ag ? ag->node : NULL);
	} else { /* a meeting: in the written standard of the municipality that leads the plan */
		const char *owner = str(json_object_get(c, "individual_plan"), "owner");
		const sp_agency *lead = o->run.reg && owner ? sp_agencies_find(o->run.reg, owner) : NULL;
		so.lang = sp_agency_lang(lead ? lead->node : NULL);
	}
	json_t *shared = sp_plan_share(c, &so);
	int rc = SP_EXIT_OK;
	if (o->run.table)
		outline(o->run.f, shared);
	else
		rc = sp_run_put(&o->run, doc, shared, diags);
	json_decref(shared);
	return rc;
}

/* The plan for the meeting on --meeting's date, with its participants (or --participants);
 * an error for a case that has no such meeting, or none who sit there. */
static int put_meeting(struct opts *o, sp_doc *doc, sp_diags *diags)
{
	char iso[SP_DATE_BUFSIZE];
	sp_date_format(o->meeting_date, iso);
	const json_t *m = o->meeting ? sp_case_meeting_on(doc->root, o->meeting_date) : NULL;
	const json_t *rg = json_object_get(doc->root, "responsibility_group");
	if (o->meeting && !m) {
		sp_pos at = json_object_get(rg, "meetings") ? sp_doc_key_pos(doc, rg, "meetings")
			    : rg ? sp_doc_key_pos(doc, doc->root, "responsibility_group") : doc->pos;
		sp_diags_add(diags, SP_ERROR, doc->file, doc->index, at,
			     "responsibility_group.meetings",
			     "--meeting %s: the case has no meeting on that date; give the date of one "
			     "of its meetings (or record it: samplan-record meeting)", iso);
		return SP_EXIT_BAD;
	}
	if (o->nparticipants)
		return put_shared(o, doc, o->participants, o->nparticipants, m, diags);
	const json_t *list = json_object_get(m, "participants");
	size_t n = json_array_size(list);
	if (!n || n > MAX_WITH) {
		sp_diags_add(diags, SP_ERROR, doc->file, doc->index, sp_doc_pos(doc, m, "date"),
			     "responsibility_group.meetings",
			     n ? "--meeting %s: the meeting has more than 64 participants; give those "
				 "who come with --participants"
			       : "--meeting %s: the meeting names no participants; add them to the "
				 "case (`participants`) or give --participants A,B",
			     iso);
		return SP_EXIT_BAD;
	}
	const char *with[MAX_WITH];
	for (size_t i = 0; i < n; i++)
		with[i] = json_string_value(json_array_get(list, i));
	return put_shared(o, doc, with, n, m, diags);
}

/* The merged case as the options ask: whole, or shared with each --for, or a meeting. */
static int put_merged(struct opts *o, sp_doc *doc, sp_diags *diags)
{
	if (o->meeting || o->nparticipants)
		return put_meeting(o, doc, diags);
	for (size_t i = 0; i < o->nfor; i++) {
		int rc = put_shared(o, doc, &o->for_[i], 1, NULL, diags);
		if (rc != SP_EXIT_OK)
			return rc;
	}
	if (o->nfor)
		return SP_EXIT_OK;
	if (o->run.table) {
		outline(o->run.f, doc->root);
		return SP_EXIT_OK;
	}
	return sp_run_put(&o->run, doc, doc->root, diags);
}

static int by_plan_id(const void *a, const void *b)
{
	return strcmp(json_string_value(json_object_get(*(json_t *const *)a, "id")),
		      json_string_value(json_object_get(*(json_t *const *)b, "id")));
}

static int merge(sp_doc **docp, sp_diags *diags, void *ctx)
{
	struct opts *o = ctx;
	sp_doc *doc = *docp;
	const char *kind = sp_doc_kind(doc);
	if (json_is_object(doc->root) && kind && strcmp(kind, "plan") == 0) {
		if (sp_validate(doc, diags)) {
			o->run.skipped++;
			return SP_EXIT_BAD;
		}
		take_plan(o, doc); /* for a case later in the stream */
		return SP_EXIT_OK;
	}
	if (json_is_object(doc->root) && kind && strcmp(kind, "case") != 0) {
		sp_diags_add(diags, SP_ERROR, doc->file, doc->index, doc->pos, "kind",
			     "samplan-plan-merge reads `kind: case` and `kind: plan` documents");
		o->run.skipped++;
		return SP_EXIT_BAD;
	}
	/* what this tool derived before is replaced, whatever it holds */
	static const char *const derived[] = {"individual_plan", "merge_report"};
	for (int i = 0; i < 2; i++)
		if (json_is_object(doc->root) && json_object_get(doc->root, derived[i]))
			json_object_set_new(doc->root, derived[i], json_null());
	const char *id = json_string_value(json_object_get(doc->root, "id"));
	if (sp_validate(doc, diags)) {
		if (id) /* its plans are not "for no case": the case is there, and bad */
			json_object_del(o->plans, id);
		o->run.skipped++;
		return SP_EXIT_BAD;
	}
	json_t *extra = json_incref(json_object_get(o->plans, id));
	json_object_del(o->plans, id);
	size_t nextra = json_array_size(extra);
	json_t **ex = calloc(nextra ? nextra : 1, sizeof *ex);
	for (size_t i = 0; i < nextra; i++)
		ex[i] = json_array_get(extra, i);
	qsort(ex, nextra, sizeof *ex, by_plan_id); /* the order of the files does not matter */
	sp_merge_opts mo = {o->run.rules, o->run.reg, o->cli.as_of,
			    o->base ? json_object_get(o->base, id) : NULL};
	o->findings += sp_merge_plans(doc->root, ex, nextra, &mo);
	free(ex);
	json_decref(extra);
	int rc = put_merged(o, doc, diags);
	if (rc == SP_EXIT_OK)
		o->run.done++;
	else
		o->run.skipped++;
	return rc;
}

/* A file on the command line (not standard input) is read ahead when it starts with a plan:
 * if it holds only plans, they are taken for their cases wherever those stand (returns 1);
 * if a case follows, it is a stream read in order with the others (returns 0). A file
 * that cannot be read at all stops everything before anything is written (returns -1). */
static int plan_file(struct opts *o, const char *path)
{
	if (strcmp(path, "-") == 0)
		return 0;
	sp_diags d = {0};
	sp_reader *r = sp_reader_open(path, &o->cli.limits, &d);
	sp_doc *doc = NULL;
	int rc = r ? sp_reader_next(r, &doc, &d) : -1;
	int result = rc < 0 ? -1 : 0;
	json_t *plans = json_array();
	while (rc == 1 && result == 0) {
		const char *kind = sp_doc_kind(doc);
		if (!kind || strcmp(kind, "plan") != 0)
			break; /* not (only) plans: a stream */
		if (sp_validate(doc, &d)) {
			result = -1;
			break;
		}
		json_array_append(plans, doc->root);
		sp_doc_free(doc);
		doc = NULL;
		rc = sp_reader_next(r, &doc, &d);
		if (rc == 0)
			result = 1;
		else if (rc < 0)
			result = -1;
	}
	sp_doc_free(doc);
	sp_reader_close(r);
	if (result == 1) {
		for (size_t i = 0; i < json_array_size(plans); i++) {
			sp_doc tmp = {.root = json_array_get(plans, i)};
			take_plan(o, &tmp);
		}
	}
	json_decref(plans);
	sp_diags_print(&d, stderr, o->cli.prog);
	sp_diags_free(&d);
	return result;
}

/* --participants A,B: agency ids, each once. */
static void participants(struct opts *o, const char *arg)
{
	free(o->participants_arg);
	o->participants_arg = sp_xstrdup(arg);
	o->nparticipants = 0;
	for (char *save = NULL, *id = strtok_r(o->participants_arg, ",", &save); id;
	     id = strtok_r(NULL, ",", &save)) {
		if (!sp_is_id(id))
			sp_cli_usage_error(&o->cli, "--participants: `%s` is not an agency id; separate "
						    "the ids by commas, without spaces", id);
		for (size_t i = 0; i < o->nparticipants; i++)
			if (strcmp(o->participants[i], id) == 0)
				sp_cli_usage_error(&o->cli, "--participants: `%s` twice", id);
		if (o->nparticipants == MAX_WITH)
			sp_cli_usage_error(&o->cli, "--participants: at most %d agencies", MAX_WITH);
		o->participants[o->nparticipants++] = id;
	}
	if (!o->nparticipants)
		sp_cli_usage_error(&o->cli, "--participants: name the agencies, by id, separated by "
					    "commas");
}

static void tool_option(struct opts *o, int c, const char *arg)
{
	switch (c) {
	case 's': o->strict = true; break;
	case OPT_BASE: o->base_path = arg; break;
	case OPT_FOR:
		if (!sp_is_id(arg))
			sp_cli_usage_error(&o->cli, "--for %s: not an agency id; give an agency id of "
						    "the registry, or person", arg);
		if (o->nfor == MAX_WITH)
			sp_cli_usage_error(&o->cli, "--for: at most %d recipients", MAX_WITH);
		o->for_[o->nfor++] = arg;
		break;
	case OPT_MEETING:
		if (!sp_date_parse(arg, &o->meeting_date))
			sp_cli_usage_error(&o->cli, "--meeting %s: %s; write the date as YYYY-MM-DD",
					   arg, sp_date_problem(arg));
		o->meeting = true;
		break;
	case OPT_PARTICIPANTS: participants(o, arg); break;
	}
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
	    SP_RUN_LONGOPTS,
	    {"base", required_argument, NULL, OPT_BASE},
	    {"strict", no_argument, NULL, 's'},
	    {"for", required_argument, NULL, OPT_FOR},
	    {"meeting", required_argument, NULL, OPT_MEETING},
	    {"participants", required_argument, NULL, OPT_PARTICIPANTS},
	    {NULL, 0, NULL, 0},
	};
	struct opts o = {0};
	sp_run_init(&o.run, &o.cli, "samplan-plan-merge", usage);
	int c;
	while ((c = sp_run_getopt(&o.run, argc, argv, SP_RUN_SHORTOPTS "s", longopts)) != -1)
		tool_option(&o, c, optarg);
	if (o.nfor && (o.meeting || o.nparticipants))
		sp_cli_usage_error(&o.cli, "--for and --meeting (or --participants) go one at a time: "
					   "a plan for one recipient, or for a meeting");
	int status = SP_EXIT_BAD;
	o.plans = json_object();
	o.base = o.base_path ? json_object() : NULL;
	if (!sp_run_load(&o.run))
		goto done;
	for (size_t i = 0; i < o.nfor; i++)
		if (o.run.reg && strcmp(o.for_[i], SP_RECIPIENT_PERSON) != 0 &&
		    !sp_agencies_find(o.run.reg, o.for_[i]))
			sp_cli_usage_error(&o.cli, "--for %s: no such agency in the registries "
						   "(--agencies); give an agency id, or person",
					   o.for_[i]);
	if (o.base_path && !read_all(&o, o.base_path, "case|plan", take_base))
		goto done;
	/* plan files first, wherever they stand; the rest are cases (and plans) in order */
	char **files = argv + optind;
	int nfiles = 0;
	for (int i = optind; i < argc; i++) {
		int kind = plan_file(&o, argv[i]);
		if (kind < 0)
			goto done;
		if (kind == 0)
			files[nfiles++] = argv[i];
	}
	if (!sp_run_open(&o.run))
		goto done;
	status = sp_cli_loop(&o.cli, nfiles, files, merge, NULL, false, &o);
	const char *left;
	json_t *v;
	json_object_foreach(o.plans, left, v) {
		sp_cli_error(&o.cli, "plans for case %s: no such case in the input; give the case file "
				     "too (plan documents in a stream come before their case)", left);
		status = SP_EXIT_BAD;
	}
	sp_run_summary(&o.run, "merged", false);
	if (status != SP_EXIT_BAD && o.strict && o.findings)
		status = SP_EXIT_FINDINGS;
	status = sp_run_end(&o.run, status);
done:
	free(o.participants_arg);
	json_decref(o.plans);
	json_decref(o.base);
	sp_run_free(&o.run);
	return status;
}
