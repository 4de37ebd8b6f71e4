/* samplan-letter-gen — standard letters from cases: a central part citing laws and
 * circulars, a local part from the agencies registry, only what the person consented to
 * share with the recipient; as text, Markdown, HTML, ODT, DOCX or PDF; logged in the case. */
#include "cli/cli.h"
#include "domain/handover.h"
#include "letters/letter.h"
#include "letters/letterfmt.h"
#include "domain/screen.h"
#include "cli/tool.h"
#include "base/util.h"
#include "domain/validate.h"

#include <errno.h>
#include <malloc.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
    "      --record           write each case again with its letters in `letters`, on\n"
    "                         standard output (the letters then go to -o files)\n"
    "  -i, --in-place         the same, back into each case file (atomically)\n"
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
	OPT_FORCE,
	OPT_DATE,
	OPT_AGENCIES,
	OPT_TEMPLATES,
	OPT_RULES,
	OPT_RECORD,
	OPT_NO_CONSENT,
	OPT_REASON,
	OPT_LIST,
	OPT_GUIDE,
	OPT_RENDER,
	OPT_ESCAPE,
};

enum { SUGGEST_NONE, SUGGEST_SCREEN, SUGGEST_HANDOVER };

#define MAX_LIST 16

struct opts {
	sp_cli cli;
	const char *templates_ids[MAX_LIST];
	size_t ntemplates;
	const char *to, *about, *reason, *rules_path, *guide, *render, *date_arg;
	int domain;
	int suggested;
	sp_letter_format fmt;
	bool force, record, in_place, skip_consent, list, has_date;
	sp_date date;
	const char *agencies[MAX_LIST];
	size_t nagencies;
	const char *dirs[MAX_LIST];
	size_t ndirs;
	sp_escape esc;
	/* at work */
	sp_rules *rules;
	sp_agencies *reg;
	sp_templates *tc;
	sp_writer *w;         /* --record: the cases on standard output */
	json_t *in_place_docs; /* -i: the documents of the file at hand */
	sp_format in_place_fmt;
	unsigned long letters, to_stdout, refused, skipped, failed;
	char *dir_to_sync; /* the folder of the letters written last: synced once they are done */
	int status;
};

/* --- file names ---------------------------------------------------------------------- */

static bool is_pattern(const char *s)
{
	return strchr(s, '{') != NULL;
}

static const char *const placeholders[] = {"id", "template", "recipient", "letter", "date", "ext",
					   NULL};

/* NULL if the pattern is good, else what is wrong. */
static const char *pattern_problem(const char *p)
{
	for (const char *s = p; (s = strchr(s, '{')); s++) {
		const char *e = strchr(s, '}');
		if (!e)
			return "a `{` without its `}`";
		bool known = false;
		for (const char *const *k = placeholders; *k; k++)
			known |= strlen(*k) == (size_t)(e - s - 1) && strncmp(s + 1, *k, (size_t)(e - s - 1)) == 0;
		if (!known)
			return "an unknown {name}: use {id}, {template}, {recipient}, {letter}, {date} or {ext}";
	}
	return NULL;
}

static char *expand(const char *p, const char *case_id, const sp_draft *l, const char *ext)
{
	char date[SP_DATE_BUFSIZE];
	sp_date_format(l->date, date);
	const char *vals[] = {case_id, l->t->id, l->recipient, l->id, date, ext};
	size_t cap = strlen(p) + 256, n = 0;
	char *out = malloc(cap);
	if (!out)
		abort();
	while (*p) {
		const char *v = NULL;
		size_t skip = 1;
		if (*p == '{')
			for (size_t k = 0; placeholders[k]; k++) {
				size_t kl = strlen(placeholders[k]);
				if (strncmp(p + 1, placeholders[k], kl) == 0 && p[kl + 1] == '}') {
					v = vals[k];
					skip = kl + 2;
				}
			}
		size_t add = v ? strlen(v) : 1;
		if (n + add + 1 > cap) {
			cap = 2 * (n + add + 1);
			if (!(out = realloc(out, cap)))
				abort();
		}
		memcpy(out + n, v ? v : p, add);
		n += add;
		p += skip;
	}
	out[n] = '\0';
	return out;
}

/* Make the folders leading to path that are missing, mode 0700 (they hold letters about
 * people). 0, or -1 with errno set. */
static int make_parents(const char *path)
{
	char *p = strdup(path);
	if (!p)
		abort();
	int rc = 0;
	for (char *s = strchr(p + 1, '/'); s && rc == 0; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	free(p);
	return rc;
}

/* Letters go into their folder without a folder fsync each; the folder is synced once
 * when the next letter goes elsewhere, and at the end (path NULL). */
static int sync_dir(struct opts *o, const char *path)
{
	size_t n = path ? (size_t)(strrchr(path, '/') ? strrchr(path, '/') - path : 0) : 0;
	if (o->dir_to_sync && path && strlen(o->dir_to_sync) == n &&
	    strncmp(o->dir_to_sync, path, n) == 0)
		return 0;
	int rc = 0;
	if (o->dir_to_sync) {
		char *probe = sp_xasprintf("%s/x", *o->dir_to_sync ? o->dir_to_sync : ".");
		rc = sp_sync_dir_of(probe);
		free(probe);
		free(o->dir_to_sync);
		o->dir_to_sync = NULL;
	}
	if (path) {
		o->dir_to_sync = malloc(n + 1);
		if (!o->dir_to_sync)
			abort();
		memcpy(o->dir_to_sync, path, n);
		o->dir_to_sync[n] = '\0';
	}
	return rc;
}

/* --- one letter ---------------------------------------------------------------------- */

/* Report a problem with a case at the case (and key) it concerns. */
static void report(sp_diags *diags, const sp_doc *doc, const char *key, const char *msg)
{
	sp_pos pos = key && json_object_get(doc->root, key) ? sp_doc_key_pos(doc, doc->root, key)
							    : doc->pos;
	sp_diags_add(diags, SP_ERROR, doc->file, doc->index, pos, NULL, "%s", msg);
}

static int write_letter(struct opts *o, sp_doc *doc, const sp_letter_req *req, sp_diags *diags)
{
	json_t *c = doc->root;
	sp_draft l;
	char *err = NULL;
	int prc = sp_letter_prepare(c, o->tc, o->rules, o->reg, req, &l, &err);
	if (prc != 0) {
		bool consent = prc == -2;
		report(diags, doc, consent ? "consents" : NULL, err);
		free(err);
		if (consent)
			o->refused++;
		else
			o->failed++;
		return consent ? SP_EXIT_FINDINGS : SP_EXIT_BAD;
	}
	if (l.withheld) {
		char list[160] = "";
		for (int d = 0; d < SP_DOMAIN_COUNT; d++)
			if (l.withheld & (1u << d))
				snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
					 *list ? ", " : "", sp_domain_name((sp_domain)d));
		char *msg = sp_xasprintf("letter `%s` to %s leaves out %s: the person has not "
					 "consented to share %s with %s",
					 l.t->id, l.recipient, list, strchr(list, ',') ? "them" : "it",
					 l.recipient);
		sp_diags_add(diags, SP_WARNING, doc->file, doc->index, doc->pos, NULL, "%s", msg);
		free(msg);
	}
	size_t mlen, dlen;
	char *markup = sp_letter_markup(&l, o->tc, &mlen, &err);
	unsigned char *bytes = NULL;
	if (markup) {
		const char *author = json_string_value(json_object_get(json_object_get(l.view, "unit"), "name"));
		sp_letter_meta meta = {l.t->title, author, l.date};
		bytes = sp_letter_document(markup, mlen, o->fmt, &meta, &dlen, &err);
		free(markup);
	}
	if (!bytes) {
		report(diags, doc, NULL, err);
		free(err);
		sp_draft_clear(&l);
		o->failed++;
		return SP_EXIT_BAD;
	}
	int rc = SP_EXIT_OK;
	const char *case_id = json_string_value(json_object_get(c, "id"));
	if (!o->cli.output || strcmp(o->cli.output, "-") == 0) {
		if (o->to_stdout && (sp_letter_format_binary(o->fmt) || o->fmt == SP_LF_HTML)) {
			report(diags, doc, NULL,
			       "a second letter cannot go to standard output in this format; write each "
			       "to its own file with -o PATTERN, such as -o 'letters/{id}-{template}.{ext}'");
			rc = SP_EXIT_BAD;
		} else {
			if (o->to_stdout)
				fputs("\f\n", stdout); /* text letters one after the other, a page each */
			if (fwrite(bytes, 1, dlen, stdout) != dlen || fflush(stdout) != 0) {
				report(diags, doc, NULL, "cannot write to standard output");
				rc = SP_EXIT_BAD;
			}
			o->to_stdout++;
		}
	} else {
		char *path = is_pattern(o->cli.output)
				 ? expand(o->cli.output, case_id, &l, sp_letter_format_ext(o->fmt))
				 : strdup(o->cli.output);
		if (!path)
			abort();
		if (!is_pattern(o->cli.output) && o->letters) {
			report(diags, doc, NULL,
			       "-o FILE takes one letter, and there are more; name each with a pattern "
			       "such as -o 'letters/{id}-{template}.{ext}'");
			rc = SP_EXIT_BAD;
		} else {
			/* the folder of the letter before is there already */
			size_t dl = strrchr(path, '/') ? (size_t)(strrchr(path, '/') - path) : 0;
			bool known = o->dir_to_sync && strlen(o->dir_to_sync) == dl &&
				     strncmp(o->dir_to_sync, path, dl) == 0;
			sp_out *out = known || make_parents(path) == 0 ? sp_out_open(path, o->cli.mode)
								       : NULL;
			int e = errno;
			if (out && fwrite(bytes, 1, dlen, sp_out_file(out)) != dlen) {
				e = errno;
				sp_out_abort(out);
				out = NULL;
			}
			unsigned flags = SP_OUT_NO_DIR_SYNC | (o->force ? 0 : SP_OUT_NO_REPLACE);
			if (out && sync_dir(o, path) != 0) {
				e = errno;
				sp_out_abort(out);
				out = NULL;
			}
			if (!out || sp_out_commit_flags(out, flags) != 0) {
				if (out)
					e = errno;
				char *msg = e == EEXIST
						? sp_xasprintf("%s: the file exists; the letter was "
								      "not written (--force replaces it)", path)
						: sp_xasprintf("%s: cannot write the letter: %s", path,
								      strerror(e));
				report(diags, doc, NULL, msg);
				free(msg);
				rc = SP_EXIT_BAD;
			}
		}
		free(path);
	}
	free(bytes);
	if (rc == SP_EXIT_OK) {
		o->letters++;
		/* logged in the case in memory, so the next letter gets the next id; the case is
		 * written again only with --record or -i */
		sp_letter_log(c, sp_letter_log_entry(&l, o->reason));
	}
	else
		o->failed++;
	sp_draft_clear(&l);
	return rc;
}

/* --- the cases ----------------------------------------------------------------------- */

/* The domain of the rule that suggests a letter about one need (`when: need`), or -1. */
static int rule_domain(const sp_rules *r, const char *template_id)
{
	for (size_t i = 0; i < r->nletters; i++)
		if (r->letters[i].when == SP_WHEN_NEED && strcmp(r->letters[i].template_id, template_id) == 0)
			return r->letters[i].domain;
	return -1;
}

static int put_case(struct opts *o, sp_doc *doc, sp_diags *diags)
{
	if (o->in_place) {
		if (!o->in_place_docs) {
			o->in_place_docs = json_array();
			o->in_place_fmt = doc->format;
		}
		json_array_append(o->in_place_docs, doc->root);
		return SP_EXIT_OK;
	}
	if (!o->w)
		o->w = sp_writer_open(stdout, doc->format);
	if (sp_writer_put(o->w, doc->root) != 0) {
		sp_diags_add(diags, SP_ERROR, "-", 0, (sp_pos){0, 0}, NULL,
			     "cannot write the case: %s", strerror(errno));
		return SP_EXIT_BAD;
	}
	return SP_EXIT_OK;
}

static int on_case(sp_doc **docp, sp_diags *diags, void *ctx)
{
	struct opts *o = ctx;
	sp_doc *doc = *docp;
	if (sp_tool_case(&o->cli, doc, NULL, diags) != SP_EXIT_OK) {
		o->skipped++;
		if (o->in_place)
			put_case(o, doc, diags); /* written back as it was */
		return SP_EXIT_BAD;
	}
	int worst = SP_EXIT_OK;
	sp_letter_req reqs[64];
	size_t n = 0;
	if (o->suggested == SUGGEST_SCREEN) {
		sp_assessment *a = malloc(sizeof *a);
		if (!a)
			abort();
		sp_assess(doc->root, o->rules, o->reg, o->cli.as_of, a);
		for (size_t i = 0; i < a->nletters && n < 64; i++)
			reqs[n++] = (sp_letter_req){a->letters[i].template_id, a->letters[i].recipient,
						    rule_domain(o->rules, a->letters[i].template_id),
						    NULL, o->date, o->skip_consent};
		free(a);
	} else if (o->suggested == SUGGEST_HANDOVER) {
		sp_handover_check *h = malloc(sizeof *h);
		if (!h)
			abort();
		sp_check_handovers(doc->root, o->rules, o->reg, o->cli.as_of, 14, h);
		for (size_t i = 0; i < h->nletters && n < 64; i++)
			reqs[n++] = (sp_letter_req){h->letters[i].template_id, h->letters[i].recipient,
						    h->letters[i].domain, h->letters[i].about, o->date,
						    o->skip_consent};
		free(h);
	} else {
		for (size_t i = 0; i < o->ntemplates; i++)
			reqs[n++] = (sp_letter_req){o->templates_ids[i], o->to, o->domain, o->about,
						    o->date, o->skip_consent};
	}
	/* The suggestions borrow strings from the case; letters appended to it leave those
	 * in place (a json array grows, its old items stay where they are). */
	for (size_t i = 0; i < n; i++) {
		int rc = write_letter(o, doc, &reqs[i], diags);
		if (rc > worst)
			worst = rc;
		if (rc != SP_EXIT_OK && !o->cli.keep_going)
			break;
	}
	/* the letters that were written are logged, whatever became of the others */
	if (o->record || o->in_place) {
		int rc = put_case(o, doc, diags);
		if (rc > worst)
			worst = rc;
	}
	if (worst == SP_EXIT_FINDINGS && !o->cli.keep_going && !o->in_place)
		worst = SP_EXIT_BAD; /* stop the loop; main() gives the refusal its own status */
	return worst;
}

/* --- --list, --guide, --render -------------------------------------------------------- */

static const char *recipient_name(int r)
{
	return r == SP_TO_PERSON ? "person" : r == SP_TO_ANY ? "any" : sp_agency_type_name((sp_agency_type)r);
}

static int list_templates(struct opts *o)
{
	size_t n;
	char **ids = sp_templates_ids(o->tc, &n);
	int status = SP_EXIT_OK;
	printf("%-34s %-18s %s\n", "TEMPLATE", "RECIPIENT", "TITLE");
	for (size_t i = 0; i < n; i++) {
		char *err = NULL;
		const sp_letter_template *t = sp_templates_get(o->tc, ids[i], &err);
		if (t)
			printf("%-34s %-18s %s\n", t->id, recipient_name(t->recipient), t->title);
		else {
			sp_cli_error(&o->cli, "%s", err);
			status = SP_EXIT_BAD;
		}
		free(err);
		free(ids[i]);
	}
	free(ids);
	return status;
}

static void print_wrapped(const char *s, size_t width)
{
	size_t col = 0;
	while (*s) {
		while (*s == ' ' || *s == '\n')
			s++;
		const char *e = s;
		while (*e && *e != ' ' && *e != '\n')
			e++;
		size_t w = 0;
		for (const char *p = s; p < e; p++)
			w += ((unsigned char)*p & 0xc0) != 0x80;
		if (col && col + 1 + w > width) {
			putchar('\n');
			col = 0;
		}
		if (col) {
			putchar(' ');
			col++;
		}
		fwrite(s, 1, (size_t)(e - s), stdout);
		col += w;
		s = e;
	}
	if (col)
		putchar('\n');
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
	printf("%s — %s\n", t->id, t->title);
	printf("Recipient:     %s\n", recipient_name(t->recipient));
	printf("May reveal:    ");
	if (t->domains == SP_ALL_DOMAINS)
		printf("all domains");
	else if (!t->domains)
		printf("no domain");
	for (int d = 0, first = 1; d < SP_DOMAIN_COUNT && t->domains != SP_ALL_DOMAINS; d++)
		if (t->domains & (1u << d)) {
			printf("%s%s", first ? "" : ", ", sp_domain_name((sp_domain)d));
			first = 0;
		}
	printf("%s\n", t->reveals == SP_REVEAL_NEEDS	? " (the person's needs among them)"
		       : t->reveals == SP_REVEAL_DOMAIN ? " (the one the letter is about)"
							: "");
	if (t->response_days)
		printf("Answer within: %d days\n", t->response_days);
	else
		printf("Answer within: no answer asked for\n");
	printf("File:          %s\n\n", t->path);
	print_wrapped(t->guide, 76);
	return ferror(stdout) ? SP_EXIT_BAD : SP_EXIT_OK;
}

static int render(struct opts *o, int nfiles, char **files)
{
	if (nfiles > 1)
		sp_cli_usage_error(&o->cli, "--render takes one DATA file (or standard input)");
	FILE *f = fopen(o->render, "rb");
	if (!f) {
		sp_cli_error(&o->cli, "%s: %s", o->render, strerror(errno));
		return SP_EXIT_BAD;
	}
	size_t cap = 4096, n = 0;
	char *text = malloc(cap);
	size_t r;
	while (text && (r = fread(text + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n > SP_TEMPLATE_MAX_FILE)
			break;
		if (n == cap)
			text = realloc(text, cap *= 2);
	}
	fclose(f);
	if (!text)
		abort();
	if (n > SP_TEMPLATE_MAX_FILE) {
		sp_cli_error(&o->cli, "%s: longer than %u bytes; a template must be shorter", o->render,
			     SP_TEMPLATE_MAX_FILE);
		free(text);
		return SP_EXIT_BAD;
	}
	/* a letter template's header is not part of what it renders */
	size_t start = 0;
	if (n >= 4 && strncmp(text, "---", 3) == 0 && (text[3] == '\n' || text[3] == '\r')) {
		for (size_t i = 4; i + 3 <= n; i++)
			if (text[i - 1] == '\n' && (strncmp(text + i, "---", 3) == 0 || strncmp(text + i, "...", 3) == 0) &&
			    (i + 3 == n || text[i + 3] == '\n' || text[i + 3] == '\r')) {
				start = i + 3;
				while (start < n && text[start] != '\n')
					start++;
				start += start < n;
				break;
			}
	}
	/* The data is one document, whatever its type: a JSON array is a value here, not a
	 * stream of documents (the specification renders against a list at the root). */
	const char *dname = nfiles ? files[0] : "-";
	FILE *df = strcmp(dname, "-") == 0 ? stdin : fopen(dname, "rb");
	size_t dcap = 4096, dn = 0;
	char *dtext = malloc(dcap);
	bool too_big = false;
	while (df && dtext && (r = fread(dtext + dn, 1, dcap - dn - 1, df)) > 0) {
		dn += r;
		if (dn > o->cli.limits.max_doc_bytes) {
			too_big = true;
			break;
		}
		if (dn + 1 == dcap)
			dtext = realloc(dtext, dcap *= 2);
	}
	if (!dtext)
		abort();
	dtext[dn] = '\0';
	if (df && df != stdin)
		fclose(df);
	sp_diags diags = {0};
	sp_doc *doc = NULL;
	int rc = -1;
	size_t lead = strspn(dtext, " \t\r\n");
	if (!df)
		sp_cli_error(&o->cli, "%s: %s", dname, strerror(errno));
	else if (too_big)
		sp_cli_error(&o->cli, "%s: longer than %zu bytes", sp_display_name(dname),
			     o->cli.limits.max_doc_bytes);
	else if (dtext[lead] == '{' || dtext[lead] == '[') {
		json_error_t je;
		json_t *v = json_loadb(dtext, dn, JSON_DECODE_ANY, &je);
		if (!v)
			sp_cli_error(&o->cli, "%s:%d:%d: %s; the data must be one JSON value",
				     sp_display_name(dname), je.line, je.column, je.text);
		else {
			doc = calloc(1, sizeof *doc);
			if (!doc)
				abort();
			doc->root = v;
			rc = 1;
		}
	} else {
		rc = sp_doc_parse_string(dtext, dn, dname, &doc, &diags);
	}
	free(dtext);
	int status = SP_EXIT_BAD;
	if (rc != 1) {
		if (rc == 0)
			sp_cli_error(&o->cli, "%s: no document to render against", sp_display_name(dname));
		sp_diags_print(&diags, stderr, o->cli.prog);
	} else {
		char *err = NULL;
		free(sp_templates_error(o->tc));
		char *out = sp_template_render(text + start, n - start, doc->root, o->esc,
					       sp_templates_partial, o->tc, &err);
		char *perr = sp_templates_error(o->tc);
		if (perr) /* the spec renders a missing partial as nothing: say so, render on */
			sp_cli_error(&o->cli, "warning: %s", perr);
		free(perr);
		if (!out) {
			sp_cli_error(&o->cli, "%s: %s", o->render, err);
		} else {
			sp_out *w = sp_out_open(o->cli.output, o->cli.mode);
			if (w && fputs(out, sp_out_file(w)) >= 0 && sp_out_commit(w) == 0)
				status = SP_EXIT_OK;
			else {
				sp_out_abort(w);
				sp_cli_error(&o->cli, "cannot write the output: %s", strerror(errno));
			}
		}
		free(out);
		free(err);
	}
	sp_doc_free(doc);
	sp_diags_free(&diags);
	free(text);
	return status;
}

/* --- main ---------------------------------------------------------------------------- */

/* True if the file's first character that is not a blank is `[` (a JSON array). */
static bool json_array_file(const char *file)
{
	FILE *f = fopen(file, "rb");
	int ch = EOF;
	while (f && (ch = fgetc(f)) != EOF && strchr(" \t\r\n", ch))
		;
	if (f)
		fclose(f);
	return ch == '[';
}

static int in_place_file(struct opts *o, char *file)
{
	struct stat st;
	if (stat(file, &st) != 0) {
		sp_cli_error(&o->cli, "%s: %s", file, strerror(errno));
		return SP_EXIT_BAD;
	}
	o->in_place_docs = NULL;
	/* The whole file is read, whatever goes wrong with one letter, so that it can be
	 * written back whole with every letter that was written logged. */
	bool keep = o->cli.keep_going;
	unsigned long unreadable = o->cli.unreadable, letters = o->letters;
	o->cli.keep_going = true;
	int status = sp_cli_loop(&o->cli, 1, &file, on_case, NULL, false, o);
	o->cli.keep_going = keep;
	if (o->cli.unreadable != unreadable) {
		json_decref(o->in_place_docs); /* never write back a file that was not read whole */
		o->in_place_docs = NULL;
		return SP_EXIT_BAD;
	}
	if (!o->in_place_docs || o->letters == letters) {
		json_decref(o->in_place_docs); /* no letter for this file: it stays as it was */
		o->in_place_docs = NULL;
		return status;
	}
	/* the letters are on disk for good before the case says they were sent */
	if (sync_dir(o, NULL) != 0) {
		sp_cli_error(&o->cli, "cannot sync the letters' folder: %s", strerror(errno));
		json_decref(o->in_place_docs);
		o->in_place_docs = NULL;
		return SP_EXIT_BAD;
	}
	sp_out *out = sp_out_open(file, st.st_mode & 07777);
	bool ok = out != NULL;
	if (ok && o->in_place_fmt == SP_FMT_JSON && json_array_file(file)) {
		/* a JSON array of cases stays one */
		ok = json_dumpf(o->in_place_docs, sp_out_file(out), JSON_INDENT(2)) == 0 &&
		     fputc('\n', sp_out_file(out)) != EOF;
	} else if (ok) {
		sp_writer *w = sp_writer_open(sp_out_file(out), o->in_place_fmt);
		ok = w != NULL;
		size_t i;
		json_t *d;
		json_array_foreach(o->in_place_docs, i, d) ok = ok && sp_writer_put(w, d) == 0;
		if (w && sp_writer_close(w) != 0)
			ok = false;
	}
	if (!ok || sp_out_commit(out) != 0) {
		if (!ok)
			sp_out_abort(out);
		sp_cli_error(&o->cli, "%s: cannot write the case back: %s", file, strerror(errno));
		status = SP_EXIT_BAD;
	}
	json_decref(o->in_place_docs);
	o->in_place_docs = NULL;
	return status;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
	    SP_CLI_LONGOPTS,
	    {"template", required_argument, NULL, 't'},
	    {"to", required_argument, NULL, OPT_TO},
	    {"domain", required_argument, NULL, OPT_DOMAIN},
	    {"about", required_argument, NULL, OPT_ABOUT},
	    {"suggested", optional_argument, NULL, OPT_SUGGESTED},
	    {"format", required_argument, NULL, 'f'},
	    {"force", no_argument, NULL, OPT_FORCE},
	    {"date", required_argument, NULL, OPT_DATE},
	    {"agencies", required_argument, NULL, OPT_AGENCIES},
	    {"templates", required_argument, NULL, OPT_TEMPLATES},
	    {"rules", required_argument, NULL, OPT_RULES},
	    {"record", no_argument, NULL, OPT_RECORD},
	    {"in-place", no_argument, NULL, 'i'},
	    {"without-consent-check", no_argument, NULL, OPT_NO_CONSENT},
	    {"reason", required_argument, NULL, OPT_REASON},
	    {"keep-going", no_argument, NULL, 'k'},
	    {"list", no_argument, NULL, OPT_LIST},
	    {"guide", required_argument, NULL, OPT_GUIDE},
	    {"render", required_argument, NULL, OPT_RENDER},
	    {"escape", required_argument, NULL, OPT_ESCAPE},
	    {NULL, 0, NULL, 0},
	};
	/* zlib takes and frees a few hundred KiB for each entry of an ODT or DOCX: kept, not
	 * given back to the system and faulted in again, that is twice the letters a second */
	mallopt(M_TRIM_THRESHOLD, 32 << 20);
	mallopt(M_MMAP_THRESHOLD, 32 << 20);
	struct opts o = {.domain = -1, .fmt = SP_LF_TXT, .esc = SP_ESCAPE_HTML};
	sp_cli_init(&o.cli, "samplan-letter-gen", usage);
	int c;
	while ((c = sp_cli_getopt(&o.cli, argc, argv, SP_CLI_SHORTOPTS "t:f:ik", longopts)) != -1) {
		if (sp_cli_option(&o.cli, c, optarg))
			continue;
		switch (c) {
		case 't':
			if (o.ntemplates == MAX_LIST)
				sp_cli_usage_error(&o.cli, "-t: at most %d templates", MAX_LIST);
			o.templates_ids[o.ntemplates++] = optarg;
			break;
		case OPT_TO: o.to = optarg; break;
		case OPT_DOMAIN:
			if ((o.domain = sp_domain_parse(optarg)) < 0)
				sp_cli_usage_error(&o.cli, "--domain %s: not a domain; use physical_health, "
							   "mental_health, substance_use, housing, finances, "
							   "family, legal or work_education", optarg);
			break;
		case OPT_ABOUT: o.about = optarg; break;
		case OPT_SUGGESTED:
			if (!optarg || strcmp(optarg, "screen") == 0)
				o.suggested = SUGGEST_SCREEN;
			else if (strcmp(optarg, "handover") == 0)
				o.suggested = SUGGEST_HANDOVER;
			else
				sp_cli_usage_error(&o.cli, "--suggested=%s: use --suggested=screen or "
							   "--suggested=handover", optarg);
			break;
		case 'f':
			if (!sp_letter_format_parse(optarg, &o.fmt))
				sp_cli_usage_error(&o.cli, "-f %s: use txt, md, html, odt, docx or pdf", optarg);
			break;
		case OPT_FORCE: o.force = true; break;
		case OPT_DATE:
			if (!sp_date_parse(optarg, &o.date))
				sp_cli_usage_error(&o.cli, "--date %s: %s; write the date as YYYY-MM-DD",
						   optarg, sp_date_problem(optarg));
			o.has_date = true;
			break;
		case OPT_AGENCIES:
			if (o.nagencies == MAX_LIST)
				sp_cli_usage_error(&o.cli, "--agencies: at most %d registries", MAX_LIST);
			o.agencies[o.nagencies++] = optarg;
			break;
		case OPT_TEMPLATES:
			if (o.ndirs == MAX_LIST)
				sp_cli_usage_error(&o.cli, "--templates: at most %d folders", MAX_LIST);
			o.dirs[o.ndirs++] = optarg;
			break;
		case OPT_RULES: o.rules_path = optarg; break;
		case OPT_RECORD: o.record = true; break;
		case 'i': o.in_place = true; break;
		case OPT_NO_CONSENT: o.skip_consent = true; break;
		case OPT_REASON: o.reason = optarg; break;
		case 'k': o.cli.keep_going = true; break;
		case OPT_LIST: o.list = true; break;
		case OPT_GUIDE: o.guide = optarg; break;
		case OPT_RENDER: o.render = optarg; break;
		case OPT_ESCAPE:
			if (strcmp(optarg, "html") == 0)
				o.esc = SP_ESCAPE_HTML;
			else if (strcmp(optarg, "xml") == 0)
				o.esc = SP_ESCAPE_XML;
			else if (strcmp(optarg, "none") == 0)
				o.esc = SP_ESCAPE_NONE;
			else
				sp_cli_usage_error(&o.cli, "--escape %s: use html, xml or none", optarg);
			break;
		}
	}
	int modes = (o.list ? 1 : 0) + (o.guide ? 1 : 0) + (o.render ? 1 : 0) +
		    (o.ntemplates || o.suggested ? 1 : 0);
	if (modes == 0)
		sp_cli_usage_error(&o.cli, "say which letters to write: -t TEMPLATE or --suggested "
					   "(--list shows the templates)");
	if (modes > 1)
		sp_cli_usage_error(&o.cli, "-t/--suggested, --list, --guide and --render go one at a time");
	if (o.ntemplates && o.suggested)
		sp_cli_usage_error(&o.cli, "-t and --suggested go one at a time");
	if (o.suggested && (o.to || o.domain >= 0 || o.about))
		sp_cli_usage_error(&o.cli, "--suggested picks each letter's recipient and domain; "
					   "leave out --to, --domain and --about");
	if (o.skip_consent && !o.reason)
		sp_cli_usage_error(&o.cli, "--without-consent-check needs --reason TEXT: why the "
					   "letter goes without the person's consent");
	if (o.reason && !o.skip_consent)
		sp_cli_usage_error(&o.cli, "--reason goes with --without-consent-check");
	if (o.reason && !*o.reason)
		sp_cli_usage_error(&o.cli, "--reason: say why, in words");
	if (o.skip_consent && !o.record && !o.in_place)
		sp_cli_usage_error(&o.cli, "--without-consent-check is recorded in the case's letter "
					   "log: add --record or -i");
	if (o.record && o.in_place)
		sp_cli_usage_error(&o.cli, "--record and -i go one at a time");
	if ((o.record || o.in_place) && (!o.cli.output || strcmp(o.cli.output, "-") == 0))
		sp_cli_usage_error(&o.cli, "%s writes the cases%s; write the letters to files with -o "
					   "PATTERN, such as -o 'letters/{id}-{template}.{ext}'",
				   o.record ? "--record" : "-i",
				   o.record ? " to standard output" : " back");
	if (o.in_place && optind == argc)
		sp_cli_usage_error(&o.cli, "-i updates case files; name them (not standard input)");
	for (int i = optind; o.in_place && i < argc; i++)
		if (strcmp(argv[i], "-") == 0)
			sp_cli_usage_error(&o.cli, "-i updates case files; standard input cannot be updated");
	if (o.cli.output && is_pattern(o.cli.output) && pattern_problem(o.cli.output))
		sp_cli_usage_error(&o.cli, "-o %s: %s", o.cli.output, pattern_problem(o.cli.output));
	if (!o.has_date)
		o.date = o.cli.as_of;

	char *err = NULL;
	if (!(o.tc = sp_templates_new(o.dirs, o.ndirs, &err))) {
		sp_cli_error(&o.cli, "%s", err);
		free(err);
		return SP_EXIT_BAD;
	}
	int status = SP_EXIT_BAD;
	if (o.list) {
		status = list_templates(&o);
		goto done;
	}
	if (o.guide) {
		status = guide(&o);
		goto done;
	}
	if (o.render) {
		status = render(&o, argc - optind, argv + optind);
		goto done;
	}
	for (size_t i = 0; i < o.ntemplates; i++)
		if (!sp_templates_get(o.tc, o.templates_ids[i], &err)) {
			sp_cli_error(&o.cli, "-t %s: %s", o.templates_ids[i], err);
			free(err);
			goto done;
		}
	bool ok;
	o.reg = sp_tool_agencies(&o.cli, o.agencies, o.nagencies, &ok);
	if (!ok || !(o.rules = sp_tool_rules(&o.cli, o.rules_path)))
		goto done;
	if (o.in_place) {
		status = SP_EXIT_OK;
		for (int i = optind; i < argc; i++) {
			int rc = in_place_file(&o, argv[i]);
			if (rc > status)
				status = rc;
			if (rc >= SP_EXIT_BAD && !o.cli.keep_going)
				break;
		}
	} else {
		status = sp_cli_loop(&o.cli, argc - optind, argv + optind, on_case, NULL, false, &o);
	}
	if (sync_dir(&o, NULL) != 0) {
		sp_cli_error(&o.cli, "cannot sync the letters' folder: %s", strerror(errno));
		status = SP_EXIT_BAD;
	}
	if (o.w && sp_writer_close(o.w) != 0) {
		sp_cli_error(&o.cli, "cannot write the cases: %s", strerror(errno));
		status = SP_EXIT_BAD;
	}
	if (o.skipped || o.refused || o.failed || o.cli.unreadable)
		sp_cli_error(&o.cli, "%lu letter%s written; %lu refused for want of consent, %lu "
				     "not written for other reasons, %lu case%s skipped (bad input)",
			     o.letters, o.letters == 1 ? "" : "s", o.refused, o.failed, o.skipped,
			     o.skipped == 1 ? "" : "s");
	/* a refusal is its own status when it is the only thing that went wrong */
	if (o.refused && !o.failed && !o.skipped && !o.cli.unreadable && status == SP_EXIT_BAD)
		status = SP_EXIT_FINDINGS;
done:
	sp_templates_free(o.tc);
	sp_rules_free(o.rules);
	sp_agencies_free(o.reg);
	sp_letterfmt_cleanup();
	return status;
}
