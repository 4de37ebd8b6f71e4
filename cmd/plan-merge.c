/* SPDX-License-Identifier: MIT */
/* samplan-plan-merge — the agencies' plans for a person merged into one individual plan,
 * with the future plan and the others kept as parts, and where the plans disagree. */
#include "cli/cli.h"
#include "cli/run.h"
#include "cli/tool.h"
#include "domain/merge.h"
#include "domain/validate.h"

#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: samplan-plan-merge [-o FILE] [-f FMT] [--agencies FILE]... [--base FILE]\n"
    "                          [--rules FILE] [--as-of DATE] [--strict] [--keep-going]\n"
    "                          [--force] [-q] [FILE...]\n"
    "Merge the plans of each case (its `plans`, and `kind: plan` documents for it) into one\n"
    "individual plan led by the municipality, keep every plan as a named part, and report\n"
    "where the plans disagree. Plan documents may stand in files of their own anywhere on\n"
    "the command line, or in a stream before the case they belong to. With no FILE, or\n"
    "when FILE is -, read standard input.\n"
    "\n"
    "  -f, --format FMT     yaml, json, jsonl (default: as read), or table: the merged plan\n"
    "                       as an outline for a responsibility-group meeting\n"
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

enum { OPT_BASE = SP_OPT_FIRST_TOOL };

struct opts {
	sp_cli cli;
	sp_run run; /* -f, -k, --rules, --agencies; the output; the cases merged and skipped */
	bool strict;
	const char *base_path;
	json_t *base;        /* --base: case id -> the plans as they were */
	json_t *plans;       /* plan documents waiting for their case: id -> [plans] */
	unsigned long findings;
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

/* The merged plan as an outline for a meeting. */
static void outline(FILE *f, const json_t *c)
{
	const json_t *ip = json_object_get(c, "individual_plan");
	const json_t *rep = json_object_get(c, "merge_report");
	fprintf(f, "Individual plan for case %s, owner %s\n", json_string_value(json_object_get(c, "id")),
		json_is_string(json_object_get(ip, "owner")) ? json_string_value(json_object_get(ip, "owner")) : "(none)");
	const json_t *parts = json_object_get(ip, "parts");
	for (size_t i = 0; i < json_array_size(parts); i++) {
		const json_t *p = json_array_get(parts, i);
		const json_t *period = json_object_get(p, "period");
		fprintf(f, "  part %s: %s, %s", json_string_value(json_object_get(p, "plan")),
			json_string_value(json_object_get(p, "type")), json_string_value(json_object_get(p, "owner")));
		if (json_is_object(period))
			fprintf(f, ", %s to %s",
				json_is_string(json_object_get(period, "from")) ? json_string_value(json_object_get(period, "from")) : "…",
				json_is_string(json_object_get(period, "to")) ? json_string_value(json_object_get(period, "to")) : "…");
		fputc('\n', f);
	}
	const char *last = "";
	const json_t *goals = json_object_get(ip, "goals");
	for (size_t i = 0; i < json_array_size(goals); i++) {
		const json_t *g = json_array_get(goals, i);
		const char *dom = json_string_value(json_object_get(g, "domain"));
		if (strcmp(dom, last) != 0)
			fprintf(f, "%s\n", dom);
		last = dom;
		fprintf(f, "  %s  %s\n", json_string_value(json_object_get(g, "id")),
			json_string_value(json_object_get(g, "text")));
		const json_t *ms = json_object_get(g, "measures");
		for (size_t j = 0; j < json_array_size(ms); j++) {
			const json_t *m = json_array_get(ms, j);
			const char *resp = json_string_value(json_object_get(m, "responsible"));
			const char *due = json_string_value(json_object_get(m, "due"));
			const char *st = json_string_value(json_object_get(m, "status"));
			fprintf(f, "    - %s  [%s; due %s; %s]\n", json_string_value(json_object_get(m, "text")),
				resp ? resp : "no one responsible", due ? due : "-", st ? st : "planned");
		}
	}
	const json_t *fs = json_object_get(rep, "findings");
	if (json_array_size(fs))
		fprintf(f, "findings\n");
	for (size_t i = 0; i < json_array_size(fs); i++) {
		const json_t *x = json_array_get(fs, i);
		const json_t *where = json_object_get(x, "measure");
		if (!where)
			where = json_object_get(x, "goal");
		if (!where)
			where = json_object_get(x, "domain");
		fprintf(f, "  ! %s%s%s\n", where ? json_string_value(where) : "", where ? ": " : "",
			json_string_value(json_object_get(x, "text")));
	}
	fputc('\n', f);
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
	o->run.done++;
	if (o->run.table) {
		outline(o->run.f, doc->root);
		return SP_EXIT_OK;
	}
	return sp_run_put(&o->run, doc, doc->root, diags);
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

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
	    SP_RUN_LONGOPTS,
	    {"base", required_argument, NULL, OPT_BASE},
	    {"strict", no_argument, NULL, 's'},
	    {NULL, 0, NULL, 0},
	};
	struct opts o = {0};
	sp_run_init(&o.run, &o.cli, "samplan-plan-merge", usage);
	int c;
	while ((c = sp_run_getopt(&o.run, argc, argv, SP_RUN_SHORTOPTS "s", longopts)) != -1) {
		if (c == 's')
			o.strict = true;
		else if (c == OPT_BASE)
			o.base_path = optarg;
	}
	int status = SP_EXIT_BAD;
	o.plans = json_object();
	o.base = o.base_path ? json_object() : NULL;
	if (!sp_run_load(&o.run))
		goto done;
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
	json_decref(o.plans);
	json_decref(o.base);
	sp_run_free(&o.run);
	return status;
}
