/* SPDX-License-Identifier: MIT */
/* samplan-letter-gen — standard letters from cases: a central part citing laws and
 * circulars, a local part from the agencies registry, only what the person consented to
 * share with the recipient; as text, Markdown, HTML, ODT, DOCX or PDF; logged in the case.
 * See samplan-letter-gen(1); the work is lib/letters' (letter.h, letterout.h). */
#include "base/util.h"
#include "cli/cli.h"
#include "cli/run.h"
#include "cli/tool.h"
#include "doc/edit.h"
#include "domain/history.h"
#include "edit/caseedit.h"
#include "letters/letter.h"
#include "letters/letterout.h"

#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char usage[] =
    "Usage: samplan-letter-gen -t TEMPLATE [--to AGENCY] [--domain DOMAIN] [--about ID]\n"
    "                          [options] [FILE...]\n"
    "       samplan-letter-gen --suggested[=screen|handover] [options] [FILE...]\n"
    "       samplan-letter-gen --list | --guide ID [--templates DIR]...\n"
    "       samplan-letter-gen --render TEMPLATE [--templates DIR]... [--escape ESC] [DATA]\n"
    "Write standard letters for cases (YAML or JSON, single documents or streams): one\n"
    "letter per case and template. A letter reveals only the domains the person consented\n"
    "to share with its recipient on the letter's date. With no FILE, or when FILE is -,\n"
    "read standard input.\n"
    "\n"
    "  -t, --template ID      the letter to write (repeatable; --list shows them)\n"
    "      --to AGENCY        the recipient: an agency id of the registry, or person\n"
    "                         (default: the template's kind of agency for the case)\n"
    "      --domain DOMAIN    the domain a letter about one need is about\n"
    "      --about ID         the earlier letter a reminder or complaint is about\n"
    "      --suggested[=FROM] the letters samplan-screen (default) or samplan-handover-check\n"
    "                         suggests for each case\n"
    "  -f, --format FMT       txt (default), md, html, odt, docx or pdf\n"
    "  -o, --output PATTERN   write each letter to a file named by PATTERN, in which {id}\n"
    "                         (the case), {template}, {recipient}, {letter}, {date} and\n"
    "                         {ext} are replaced: -o 'letters/{id}-{template}.{ext}'\n"
    "      --force            replace letter files that exist (default: refuse)\n"
    "      --mode MODE        the mode of the letter files, in octal (default: 600)\n"
    "      --date DATE        the letter's date (default: --as-of, or today)\n"
    "      --as-of DATE       the day to assess the cases as of (default: today)\n"
    "      --agencies FILE    the agencies registry: recipients and local part (repeatable)\n"
    "      --templates DIR    templates that override or add to the built-in ones\n"
    "                         (repeatable, searched in order before the built-in ones)\n"
    "      --rules FILE       rules for the needs and the suggestions (samplan-rules(5))\n"
    "      --record           write each case again, in samplan's layout, with its\n"
    "                         letters in `letters`, on standard output (the letters then\n"
    "                         go to -o files)\n"
    "  -i, --in-place         log the letters in each case file itself, edited in place\n"
    "                         (comments and layout kept), under the file's lock\n"
    "      --wait SECONDS     with -i, how long to wait for another program editing a\n"
    "                         case file (default: 5; 0: do not wait)\n"
    "      --without-consent-check\n"
    "                         write a letter even where consent is missing; needs --reason\n"
    "                         and --record or -i: the reason goes into the case's letter log\n"
    "      --reason TEXT      why consent was not checked\n"
    "  -k, --keep-going       skip a bad case or a refused letter, and go on\n"
    "      --list             list the templates: id, recipient, title\n"
    "      --guide ID         print a template's guide for the caseworker\n"
    "      --render TEMPLATE  render a Mustache file against a document (DATA, or standard\n"
    "                         input) and print the result as it is\n"
    "      --escape ESC       how --render escapes values: html (default), xml or none\n"
    "  -q, --quiet            show no progress on the terminal\n"
    "  -h, --help             show this help and exit\n"
    "      --version          show the version and exit\n"
    "\n"
    "Exit status: 0 done; 1 a letter was refused for want of consent; 2 usage error or\n"
    "bad input (no letter file is left half-written). See samplan-letter-gen(1) and\n"
    "samplan-templates(5).\n";

enum {
	OPT_TO = SP_OPT_FIRST_TOOL,
	OPT_DOMAIN,
	OPT_ABOUT,
	OPT_SUGGESTED,
	OPT_DATE,
	OPT_TEMPLATES,
	OPT_RECORD,
	OPT_NO_CONSENT,
	OPT_REASON,
	OPT_LIST,
	OPT_GUIDE,
	OPT_RENDER,
	OPT_ESCAPE,
	OPT_WAIT,
};

#define MAX_LIST 16

struct opts {
	sp_cli cli;
	const char *templates_ids[MAX_LIST];
	size_t ntemplates;
	sp_run run; /* -k, --agencies, --rules; the registries and rules read */
	const char *to, *about, *reason, *guide, *render;
	int domain;
	sp_suggest suggested;
	sp_letter_out out; /* the format, -o, --mode, --force; the letters written */
	bool record, in_place, skip_consent, list, has_date;
	sp_date date;
	const char *dirs[MAX_LIST + 1]; /* --templates, then the unit's own (sp_tool_sysconf) */
	size_t ndirs;
	char *own_dir;
	sp_escape esc;
	/* at work */
	sp_templates *tc;
	sp_letter_record rec; /* --record: the cases on standard output */
	unsigned long refused, skipped, failed;
	/* -i */
	unsigned wait_s;
	sp_edit_opts eo;
	sp_case_edit *ed;     /* the case file being edited */
	sp_diags *dg;         /* its problems */
	unsigned long bad_cases;
	int worst;            /* the worst status of its letters */
};

/* --- one letter ---------------------------------------------------------------------- */

static int write_letter(struct opts *o, sp_doc *doc, const sp_letter_req *req, sp_diags *diags)
{
	sp_draft l;
	char *err = NULL;
	int prc = sp_letter_prepare(doc->root, o->tc, o->run.rules, o->run.reg, req, &l, &err);
	if (prc != 0) {
		bool consent = prc == -2; /* reported at the case's consents */
		sp_pos pos = consent && json_object_get(doc->root, "consents")
				 ? sp_doc_key_pos(doc, doc->root, "consents")
				 : doc->pos;
		sp_diags_add(diags, SP_ERROR, doc->file, doc->index, pos, NULL, "%s", err);
		free(err);
		if (consent)
			o->refused++;
		else
			o->failed++;
		return consent ? SP_EXIT_FINDINGS : SP_EXIT_BAD;
	}
	int rc = SP_EXIT_OK;
	if (sp_letter_out_put(&o->out, &l, o->tc, doc, diags) == 0) {
		/* logged in the case in memory, so the next letter gets the next id; the case is
		 * written again with --record, and the entry goes into the file with -i */
		json_t *entry = sp_letter_log_entry(&l, o->reason);
		if (o->ed && sp_case_edit_append(o->ed, doc->index - 1, "letters", entry, diags) < 0) {
			sp_diags_add(diags, SP_ERROR, doc->file, doc->index, doc->pos, "letters",
				     "the letter was written (to the -o file for its reference) but "
				     "cannot be logged in the case file; log it by hand");
			o->failed++;
			rc = SP_EXIT_BAD;
		}
		sp_letter_log(doc->root, entry);
	} else {
		o->failed++;
		rc = SP_EXIT_BAD;
	}
	sp_draft_clear(&l);
	return rc;
}

/* --- the cases ----------------------------------------------------------------------- */

static int put_case(struct opts *o, sp_doc *doc, sp_diags *diags)
{
	if (sp_letter_record_put(&o->rec, stdout, doc->root, doc->format) != 0) {
		sp_diags_add(diags, SP_ERROR, "-", 0, (sp_pos){0, 0}, NULL,
			     "cannot write the case: %s", strerror(errno));
		return SP_EXIT_BAD;
	}
	return SP_EXIT_OK;
}

/* The letters asked for one case (valid), each logged in doc->root once it is written. */
static int case_letters(struct opts *o, sp_doc *doc, sp_diags *diags)
{
	sp_letter_req reqs[64], like = {NULL, o->to, o->domain, o->about, o->date, o->skip_consent, 0};
	size_t n = 0;
	if (o->suggested)
		n = sp_letter_suggested(doc->root, o->suggested, o->run.rules, o->run.reg, o->cli.as_of, &like,
					reqs, 64);
	for (; !o->suggested && n < o->ntemplates; n++) {
		reqs[n] = like;
		reqs[n].template_id = o->templates_ids[n];
	}
	/* A letter that no case logs gets a reference no logged letter can take. */
	for (size_t i = 0; !o->record && !o->in_place && i < n; i++)
		reqs[i].unlogged = (unsigned)i + 1;
	/* The suggestions borrow strings from the case; letters appended to it leave those
	 * in place (a json array grows, its old items stay where they are). */
	int worst = SP_EXIT_OK;
	for (size_t i = 0; i < n; i++) {
		int rc = write_letter(o, doc, &reqs[i], diags);
		if (rc > worst)
			worst = rc;
		if (rc != SP_EXIT_OK && !o->cli.keep_going)
			break;
	}
	return worst;
}

/* --record: the history entry of the letters letters[from..to) logged in case c. */
static void record_history(struct opts *o, json_t *c, size_t from, size_t to)
{
	char *keys[64];
	size_t n = 0;
	for (size_t i = from; i < to && n < 64; i++)
		keys[n++] = sp_xasprintf("letters.%zu", i);
	json_t *e = sp_history_entry(o->eo.at, sp_history_user(), o->cli.prog, "letter-logged",
				     (const char *const *)keys, n);
	if (e)
		sp_history_append(c, e);
	for (size_t i = 0; i < n; i++)
		free(keys[i]);
}

static int on_case(sp_doc **docp, sp_diags *diags, void *ctx)
{
	struct opts *o = ctx;
	sp_doc *doc = *docp;
	if (sp_tool_case(&o->cli, doc, NULL, diags) != SP_EXIT_OK) {
		o->skipped++;
		return SP_EXIT_BAD;
	}
	size_t before = json_array_size(json_object_get(doc->root, "letters"));
	int worst = case_letters(o, doc, diags);
	/* the letters that were written are logged, whatever became of the others, with the
	 * case's history entry as an edit in place gives it (-i) */
	if (o->record) {
		size_t after = json_array_size(json_object_get(doc->root, "letters"));
		if (after > before)
			record_history(o, doc->root, before, after);
		int rc = put_case(o, doc, diags);
		if (rc > worst)
			worst = rc;
	}
	if (worst == SP_EXIT_FINDINGS && !o->cli.keep_going)
		worst = SP_EXIT_BAD; /* stop the loop; main() gives the refusal its own status */
	return worst;
}

/* --- -i: the case file edited in place -------------------------------------------------- */

/* First every case of the file is checked: no letter leaves before all can be logged. */
static int in_place_check(sp_doc *doc, void *ctx)
{
	struct opts *o = ctx;
	if (sp_tool_case(&o->cli, doc, NULL, o->dg) != SP_EXIT_OK)
		o->bad_cases++;
	return 0;
}

/* Then the letters of each case, each logged in the edit as soon as it is written. */
static int in_place_letters(sp_doc *doc, void *ctx)
{
	struct opts *o = ctx;
	sp_diags quiet = {0};
	bool bad = sp_tool_case(&o->cli, doc, NULL, &quiet) != SP_EXIT_OK; /* said in the check */
	sp_diags_free(&quiet);
	if (bad)
		return 0;
	sp_case_edit_event(o->ed, doc->index - 1, "letter-logged");
	int rc = case_letters(o, doc, o->dg);
	if (rc > o->worst)
		o->worst = rc;
	return 0; /* every case of the file is tried: its letters are logged whatever happens */
}

/* What an edit that could not be opened or committed says, from errno. */
static void edit_error(struct opts *o, const char *file, const char *doing)
{
	if (errno == EWOULDBLOCK)
		sp_cli_error(&o->cli, "%s: another program is editing this case file; nothing was "
				      "%s. Try again, or wait longer with --wait SECONDS", file, doing);
	else if (errno == EMLINK)
		sp_cli_error(&o->cli, "%s: the file has several hard links, which an edit in place "
				      "cannot keep (it writes a new file); nothing was %s. Edit a copy "
				      "with one name", file, doing);
	else if (errno == EFBIG)
		sp_cli_error(&o->cli, "%s: larger than %d MiB, which an edit in place reads whole; "
				      "nothing was %s. Split the stream into smaller files", file,
			     SP_EDIT_MAX_FILE >> 20, doing);
	else if (errno)
		sp_cli_error(&o->cli, "%s: %s; nothing was %s", file, strerror(errno), doing);
}

/* -i: the letters for the cases of one file, under the file's lock: every case checked,
 * then the letters written, then the file changed to log them. */
static int in_place_file(struct opts *o, const char *file)
{
	sp_diags diags = {0};
	o->dg = &diags;
	int status = SP_EXIT_OK;
	sp_case_edit *ed = sp_case_edit_open(file, &o->eo, &diags);
	if (!ed) {
		edit_error(o, file, "written");
		o->cli.unreadable++;
		status = SP_EXIT_BAD;
		goto done;
	}
	o->bad_cases = 0;
	sp_case_edit_each(ed, in_place_check, o);
	o->skipped += o->bad_cases;
	if (o->bad_cases && !o->cli.keep_going) {
		status = SP_EXIT_BAD; /* no letter for any case of the file */
		goto done;
	}
	if (o->bad_cases)
		status = SP_EXIT_BAD;
	/* every letter of every case is tried, whatever happens to one (-k or not), so that
	 * the file logs all that were written; without -k the run stops after this file */
	bool keep = o->cli.keep_going;
	o->cli.keep_going = true;
	o->ed = ed;
	o->worst = SP_EXIT_OK;
	sp_case_edit_each(ed, in_place_letters, o);
	o->ed = NULL;
	o->cli.keep_going = keep;
	if (o->worst > status)
		status = o->worst;
	if (!sp_case_edit_changed(ed))
		goto done;
	const char *warning = NULL;
	size_t errors = diags.errors;
	if (sp_letter_out_sync(&o->out) != 0) {
		/* the letters are on disk for good before the case says they were sent */
		sp_cli_error(&o->cli, "cannot sync the letters' folder: %s", strerror(errno));
		status = SP_EXIT_BAD;
	} else if (sp_case_edit_commit(ed, &diags, &warning) != 0) {
		if (diags.errors == errors)
			edit_error(o, file, "logged");
		sp_diags_add(&diags, SP_ERROR, file, 0, (sp_pos){0, 0}, NULL,
			     "the letters written for this file are not logged in it; log them by hand "
			     "or write them again with -i");
		status = SP_EXIT_BAD;
	} else if (warning) {
		sp_cli_error(&o->cli, "warning: %s: %s", file, warning);
	}
done:
	sp_diags_print(&diags, stderr, o->cli.prog);
	sp_diags_free(&diags);
	sp_case_edit_close(ed);
	o->dg = NULL;
	return status;
}

/* The letters for every case of files[0..n), and the summary of what went wrong. */
static int write_letters(struct opts *o, int n, char **files)
{
	int status = SP_EXIT_OK;
	if (o->in_place || o->record) {
		o->eo = (sp_edit_opts){.tool = o->cli.prog, .wait_ms = o->wait_s * 1000u,
				       .limits = o->cli.limits};
		char *err = NULL;
		if (sp_history_time(&o->eo.at, &err) != 0) {
			sp_cli_error(&o->cli, "%s", err);
			free(err);
			return SP_EXIT_BAD;
		}
	}
	for (int i = 0; o->in_place && i < n; i++) {
		int rc = in_place_file(o, files[i]);
		if (rc > status)
			status = rc;
		if (rc >= SP_EXIT_BAD && !o->cli.keep_going)
			break;
	}
	if (!o->in_place)
		status = sp_cli_loop(&o->cli, n, files, on_case, NULL, false, o);
	if (sp_letter_out_sync(&o->out) != 0) {
		sp_cli_error(&o->cli, "cannot sync the letters' folder: %s", strerror(errno));
		status = SP_EXIT_BAD;
	}
	if (sp_letter_record_close(&o->rec) != 0) {
		sp_cli_error(&o->cli, "cannot write the cases: %s", strerror(errno));
		status = SP_EXIT_BAD;
	}
	if (o->skipped || o->refused || o->failed || o->cli.unreadable)
		sp_cli_error(&o->cli, "%lu letter%s written; %lu refused for want of consent, %lu "
				      "not written for other reasons, %lu case%s skipped (bad input)",
			     o->out.written, o->out.written == 1 ? "" : "s", o->refused, o->failed, o->skipped,
			     o->skipped == 1 ? "" : "s");
	/* a refusal is its own status when it is the only thing that went wrong */
	if (o->refused && !o->failed && !o->skipped && !o->cli.unreadable && status == SP_EXIT_BAD)
		status = SP_EXIT_FINDINGS;
	return status;
}

/* --- --list, --guide, --render -------------------------------------------------------- */

static int list_templates(struct opts *o)
{
	size_t n;
	char **ids = sp_templates_ids(o->tc, &n);
	int status = SP_EXIT_OK;
	printf("%-34s %-18s %s\n", "TEMPLATE", "RECIPIENT", "TITLE");
	for (size_t i = 0; i < n; i++) {
		char *err = NULL;
		const sp_letter_template *t = sp_templates_get(o->tc, ids[i], &err);
		if (t) {
			printf("%-34s %-18s %s\n", t->id, sp_letter_recipient_name(t->recipient), t->title);
		} else {
			sp_cli_error(&o->cli, "%s", err);
			status = SP_EXIT_BAD;
		}
		free(err);
		free(ids[i]);
	}
	free(ids);
	return status;
}

static int guide(struct opts *o)
{
	char *err = NULL;
	const sp_letter_template *t = sp_templates_get(o->tc, o->guide, &err);
	if (!t) {
		sp_cli_error(&o->cli, "%s", err);
		free(err);
		return SP_EXIT_BAD;
	}
	sp_letter_guide_write(stdout, t);
	return ferror(stdout) ? SP_EXIT_BAD : SP_EXIT_OK;
}

/* The document --render renders against, or NULL with the problems printed. */
static sp_doc *render_data(struct opts *o, const char *name)
{
	sp_doc *doc = NULL;
	sp_diags diags = {0};
	json_error_t je;
	int rc = sp_render_data_read(name, o->cli.limits.max_doc_bytes, &doc, &diags, &je);
	if (rc == 0)
		sp_cli_error(&o->cli, "%s: no document to render against", sp_display_name(name));
	else if (rc < 0 && *je.text)
		sp_cli_error(&o->cli, "%s:%d:%d: %s; the data must be one JSON value",
			     sp_display_name(name), je.line, je.column, je.text);
	else if (rc < 0 && !diags.n && errno == EFBIG)
		sp_cli_error(&o->cli, "%s: longer than %zu bytes", sp_display_name(name),
			     o->cli.limits.max_doc_bytes);
	else if (rc < 0 && !diags.n)
		sp_cli_error(&o->cli, "%s: %s", name, strerror(errno));
	if (rc != 1) {
		sp_diags_print(&diags, stderr, o->cli.prog);
		sp_doc_free(doc);
		doc = NULL;
	}
	sp_diags_free(&diags);
	return doc;
}

static int render(struct opts *o, int nfiles, char **files)
{
	if (nfiles > 1)
		sp_cli_usage_error(&o->cli, "--render takes one DATA file (or standard input)");
	size_t len;
	char *text = sp_template_file_read(o->render, &len), *err = NULL, *out = NULL;
	if (!text && errno == EFBIG)
		sp_cli_error(&o->cli, "%s: longer than %u bytes; a template must be shorter", o->render,
			     SP_TEMPLATE_MAX_FILE);
	else if (!text)
		sp_cli_error(&o->cli, "%s: %s", o->render, strerror(errno));
	sp_doc *doc = text ? render_data(o, nfiles ? files[0] : "-") : NULL;
	if (!doc) {
		free(text);
		return SP_EXIT_BAD;
	}
	free(sp_templates_error(o->tc));
	out = sp_template_render(text, len, doc->root, o->esc, sp_templates_partial, o->tc, &err);
	char *perr = sp_templates_error(o->tc);
	if (perr) /* the spec renders a missing partial as nothing: say so, render on */
		sp_cli_error(&o->cli, "warning: %s", perr);
	free(perr);
	int status = SP_EXIT_BAD;
	sp_out *w = out ? sp_out_open(o->cli.output, o->cli.mode) : NULL;
	if (!out) {
		sp_cli_error(&o->cli, "%s: %s", o->render, err);
	} else if (!w || fputs(out, sp_out_file(w)) < 0) {
		sp_cli_error(&o->cli, "cannot write the output: %s", strerror(errno));
		sp_out_abort(w);
	} else if (sp_cli_commit(&o->cli, w) == 0) { /* which frees w, written or not */
		status = SP_EXIT_OK;
	}
	free(out);
	free(err);
	sp_doc_free(doc);
	free(text);
	return status;
}

/* --- main ---------------------------------------------------------------------------- */

/* Before the first case is read, whether the letters (or --render's output) can be written
 * where -o says: for a pattern, the folder of its part before the first {name}, which is
 * made when it is missing. false with the message printed. */
static bool output_ok(struct opts *o)
{
	const char *out = o->cli.output;
	if (!out)
		return true;
	if (o->render || !sp_letter_name_is_pattern(out))
		return sp_cli_output_check(&o->cli, out, !o->render);
	size_t fixed = strcspn(out, "{");
	while (fixed && out[fixed - 1] != '/')
		fixed--;
	char *dir = sp_xstrndup(out, fixed > 1 ? fixed - 1 : fixed); /* without its last `/` */
	bool ok = sp_cli_output_dir_check(&o->cli, out, dir);
	free(dir);
	return ok;
}

static void parse_options(struct opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
	    SP_RUN_LONGOPTS, /* -f is the letters' format here */
	    /* which letters */
	    {"template", required_argument, NULL, 't'}, {"to", required_argument, NULL, OPT_TO},
	    {"domain", required_argument, NULL, OPT_DOMAIN}, {"about", required_argument, NULL, OPT_ABOUT},
	    {"suggested", optional_argument, NULL, OPT_SUGGESTED},
	    /* the letters' date (--force, for their files, is the run's: cli.force) */
	    {"date", required_argument, NULL, OPT_DATE},
	    /* what they are made from */
	    {"templates", required_argument, NULL, OPT_TEMPLATES},
	    /* the letter log */
	    {"record", no_argument, NULL, OPT_RECORD}, {"in-place", no_argument, NULL, 'i'},
	    {"without-consent-check", no_argument, NULL, OPT_NO_CONSENT},
	    {"reason", required_argument, NULL, OPT_REASON},
	    /* the side modes */
	    {"list", no_argument, NULL, OPT_LIST}, {"guide", required_argument, NULL, OPT_GUIDE},
	    {"render", required_argument, NULL, OPT_RENDER}, {"escape", required_argument, NULL, OPT_ESCAPE},
	    {"wait", required_argument, NULL, OPT_WAIT},
	    {NULL, 0, NULL, 0},
	};
	int c;
	o->run.own_format = true;
	while ((c = sp_run_getopt(&o->run, argc, argv, SP_RUN_SHORTOPTS "t:i", longopts)) != -1) {
		switch (c) {
		case 't':
			if (o->ntemplates == MAX_LIST)
				sp_cli_usage_error(&o->cli, "-t: at most %d templates", MAX_LIST);
			o->templates_ids[o->ntemplates++] = optarg;
			break;
		case OPT_TO: o->to = optarg; break;
		case OPT_DOMAIN:
			if ((o->domain = sp_domain_parse(optarg)) < 0)
				sp_cli_usage_error(&o->cli, "--domain %s: not a domain; use physical_health, "
							    "mental_health, substance_use, housing, finances, "
							    "family, legal or work_education", optarg);
			break;
		case OPT_ABOUT: o->about = optarg; break;
		case OPT_SUGGESTED:
			if (!optarg || strcmp(optarg, "screen") == 0)
				o->suggested = SP_SUGGEST_SCREEN;
			else if (strcmp(optarg, "handover") == 0)
				o->suggested = SP_SUGGEST_HANDOVER;
			else
				sp_cli_usage_error(&o->cli, "--suggested=%s: use --suggested=screen or "
							    "--suggested=handover", optarg);
			break;
		case 'f':
			if (!sp_letter_format_parse(optarg, &o->out.fmt))
				sp_cli_usage_error(&o->cli, "-f %s: use txt, md, html, odt, docx or pdf", optarg);
			break;
		case OPT_DATE:
			if (!sp_date_parse(optarg, &o->date))
				sp_cli_usage_error(&o->cli, "--date %s: %s; write the date as YYYY-MM-DD",
						   optarg, sp_date_problem(optarg));
			o->has_date = true;
			break;
		case OPT_TEMPLATES:
			if (o->ndirs == MAX_LIST)
				sp_cli_usage_error(&o->cli, "--templates: at most %d folders", MAX_LIST);
			o->dirs[o->ndirs++] = optarg;
			break;
		case OPT_RECORD: o->record = true; break;
		case OPT_WAIT: o->wait_s = (unsigned)sp_tool_number(&o->cli, "--wait", optarg, 0, 3600); break;
		case 'i': o->in_place = true; break;
		case OPT_NO_CONSENT: o->skip_consent = true; break;
		case OPT_REASON: o->reason = optarg; break;
		case OPT_LIST: o->list = true; break;
		case OPT_GUIDE: o->guide = optarg; break;
		case OPT_RENDER: o->render = optarg; break;
		case OPT_ESCAPE:
			if (!sp_escape_parse(optarg, &o->esc))
				sp_cli_usage_error(&o->cli, "--escape %s: use html, xml or none", optarg);
			break;
		}
	}
	o->out.output = o->cli.output;
	o->out.mode = o->cli.mode;
	o->out.replace = o->cli.force;
}

/* The options that do not go together, and what -i and --record need. */
static void check_options(struct opts *o, int nfiles, char **files)
{
	int modes = (o->list ? 1 : 0) + (o->guide ? 1 : 0) + (o->render ? 1 : 0) +
		    (o->ntemplates || o->suggested ? 1 : 0);
	if (modes == 0)
		sp_cli_usage_error(&o->cli, "say which letters to write: -t TEMPLATE or --suggested "
					    "(--list shows the templates)");
	if (modes > 1)
		sp_cli_usage_error(&o->cli, "-t/--suggested, --list, --guide and --render go one at a time");
	if (o->ntemplates && o->suggested)
		sp_cli_usage_error(&o->cli, "-t and --suggested go one at a time");
	if (o->suggested && (o->to || o->domain >= 0 || o->about))
		sp_cli_usage_error(&o->cli, "--suggested picks each letter's recipient and domain; "
					    "leave out --to, --domain and --about");
	if (o->skip_consent && !o->reason)
		sp_cli_usage_error(&o->cli, "--without-consent-check needs --reason TEXT: why the "
					    "letter goes without the person's consent");
	if (o->reason && !o->skip_consent)
		sp_cli_usage_error(&o->cli, "--reason goes with --without-consent-check");
	if (o->reason && sp_text_blank(o->reason))
		sp_cli_usage_error(&o->cli, "--reason: say why, in words");
	if (o->skip_consent && !o->record && !o->in_place)
		sp_cli_usage_error(&o->cli, "--without-consent-check is recorded in the case's letter "
					    "log: add --record or -i");
	if (o->record && o->in_place)
		sp_cli_usage_error(&o->cli, "--record and -i go one at a time");
	if ((o->record || o->in_place) && (!o->cli.output || strcmp(o->cli.output, "-") == 0))
		sp_cli_usage_error(&o->cli, "%s writes the cases%s; write the letters to files with -o "
					    "PATTERN, such as -o 'letters/{id}-{template}.{ext}'",
				   o->record ? "--record" : "-i",
				   o->record ? " to standard output" : " back");
	if (o->in_place && nfiles == 0)
		sp_cli_usage_error(&o->cli, "-i updates case files; name them (not standard input)");
	for (int i = 0; o->in_place && i < nfiles; i++)
		if (strcmp(files[i], "-") == 0)
			sp_cli_usage_error(&o->cli, "-i updates case files; standard input cannot be updated");
	if (o->cli.output && sp_letter_name_problem(o->cli.output))
		sp_cli_usage_error(&o->cli, "-o %s: %s", o->cli.output, sp_letter_name_problem(o->cli.output));
	if (!o->has_date)
		o->date = o->cli.as_of;
}

int main(int argc, char **argv)
{
	/* zlib takes and frees a few hundred KiB for each entry of an ODT or DOCX: kept, not
	 * given back to the system and faulted in again, that is twice the letters a second */
	mallopt(M_TRIM_THRESHOLD, 32 << 20);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	struct opts o = {.domain = -1, .out.fmt = SP_LF_TXT, .esc = SP_ESCAPE_HTML, .wait_s = 5};
	sp_run_init(&o.run, &o.cli, "samplan-letter-gen", usage);
	parse_options(&o, argc, argv);
	int nfiles = argc - optind;
	char **files = argv + optind, *err = NULL;
	check_options(&o, nfiles, files);

	int status = SP_EXIT_BAD;
	if ((o.own_dir = sp_tool_sysconf("templates", true)))
		o.dirs[o.ndirs++] = o.own_dir;
	if (!(o.tc = sp_templates_new(o.dirs, o.ndirs, &err))) {
		sp_cli_error(&o.cli, "%s", err);
		free(err);
		goto done;
	}
	if (!o.list && !o.guide && !output_ok(&o))
		goto done;
	if (o.list || o.guide || o.render) {
		status = o.list ? list_templates(&o) : o.guide ? guide(&o) : render(&o, nfiles, files);
		goto done;
	}
	for (size_t i = 0; i < o.ntemplates; i++)
		if (!sp_templates_get(o.tc, o.templates_ids[i], &err)) {
			sp_cli_error(&o.cli, "-t %s: %s", o.templates_ids[i], err);
			free(err);
			goto done;
		}
	if (sp_run_load(&o.run))
		status = write_letters(&o, nfiles, files);
done:
	sp_templates_free(o.tc);
	free(o.own_dir);
	sp_run_free(&o.run);
	sp_letterfmt_cleanup();
	return status;
}
