/* SPDX-License-Identifier: MIT */
/* letter_templates.c — the template catalogue: the --templates folders, then the built-in
 * templates; letter template headers; the partial loader that keeps names inside the
 * folders. */
#include "letters/letter.h"
#include "letters/letterint.h"

#include "doc/doc.h"
#include "base/util.h"

#include <errno.h>
#include <stdarg.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <dirent.h>

typedef struct {
	char *name;
	char *text; /* NULL: no such file */
	size_t len;
	char *path;
} cached_file;

struct sp_templates {
	char **dirs;     /* real paths of the folders */
	char **shown;    /* the folders as the user named them, for messages */
	size_t ndirs;
	cached_file *files;
	size_t nfiles, capfiles;
	sp_letter_template **letters;
	size_t nletters, capletters;
	char *error;     /* the partial loader's first problem */
};

static void set_error(char **error, char *msg)
{
	if (error)
		*error = msg;
	else
		free(msg);
}

sp_templates *sp_templates_new(const char *const *dirs, size_t n, char **error)
{
	sp_templates *t = sp_xcalloc(1, sizeof *t);
	t->dirs = sp_xcalloc(n ? n : 1, sizeof *t->dirs);
	t->shown = sp_xcalloc(n ? n : 1, sizeof *t->shown);
	for (size_t i = 0; i < n; i++) {
		char *real = realpath(dirs[i], NULL);
		struct stat st;
		if (!real || stat(real, &st) != 0 || !S_ISDIR(st.st_mode)) {
			set_error(error, sp_xasprintf("%s: %s; --templates names a folder of "
						      "NAME.mustache files",
						      dirs[i], real ? "not a folder" : strerror(errno)));
			free(real);
			sp_templates_free(t);
			return NULL;
		}
		t->shown[t->ndirs] = sp_xstrdup(dirs[i]);
		t->dirs[t->ndirs++] = real;
	}
	return t;
}

static void template_free(sp_letter_template *l)
{
	if (!l)
		return;
	free(l->id);
	free(l->title);
	free(l->guide);
	free(l->path);
	free(l->body);
	free(l);
}

void sp_templates_free(sp_templates *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->ndirs; i++)
		free(t->dirs[i]), free(t->shown[i]);
	free(t->dirs);
	free(t->shown);
	for (size_t i = 0; i < t->nfiles; i++) {
		free(t->files[i].name);
		free(t->files[i].text);
		free(t->files[i].path);
	}
	free(t->files);
	for (size_t i = 0; i < t->nletters; i++)
		template_free(t->letters[i]);
	free(t->letters);
	free(t->error);
	free(t);
}

/* A template name is an id: 1–64 of A-Z a-z 0-9 . _ -, not starting with `.`. */
static bool name_ok(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > 64 || name[0] == '.')
		return false;
	for (const char *p = name; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		      *p == '.' || *p == '_' || *p == '-'))
			return false;
	return true;
}

/* Read dir/name.mustache (shown as shown/name.mustache). 1: read; 0: no such file; -1: a
 * problem (*error set). */
static int read_in_dir(const char *dir, const char *shown, const char *name, char **text,
		       size_t *len, char **path, char **error)
{
	char *p = sp_xasprintf("%s/%s.mustache", shown, name);
	struct stat st;
	if (lstat(p, &st) != 0) {
		free(p);
		return 0;
	}
	char *real = realpath(p, NULL);
	size_t dl = strlen(dir);
	if (!real || strncmp(real, dir, dl) != 0 || real[dl] != '/') {
		*error = sp_xasprintf("%s: leads outside the templates folder %s; a template must be "
				      "a file in the folder itself, not a link out of it", p, shown);
		free(real);
		free(p);
		return -1;
	}
	free(real);
	FILE *f = fopen(p, "rb");
	if (!f) {
		*error = sp_xasprintf("%s: %s", p, strerror(errno));
		free(p);
		return -1;
	}
	size_t n;
	char *buf = sp_read_all(f, SP_TEMPLATE_MAX_FILE, &n);
	bool too_long = !buf && errno == EFBIG;
	fclose(f);
	if (!buf) {
		*error = too_long ? sp_xasprintf("%s: longer than %u bytes; a template must be "
						 "shorter", p, SP_TEMPLATE_MAX_FILE)
				  : sp_xasprintf("%s: cannot be read", p);
		free(p);
		return -1;
	}
	*text = buf;
	*len = n;
	*path = p;
	return 1;
}

/* The file NAME.mustache: from the folders, then built in; cached. NULL when there is none
 * (or on a problem, with *error set). */
static const cached_file *find_file(sp_templates *t, const char *name, char **error)
{
	for (size_t i = 0; i < t->nfiles; i++)
		if (strcmp(t->files[i].name, name) == 0)
			return t->files[i].text ? &t->files[i] : NULL;
	if (!name_ok(name)) {
		/* not quoted: a dynamic name ({{>*person.name}}) would put case data here */
		*error = sp_xstrdup("a partial or parent is named with something that is not a "
				    "template name: use 1-64 letters, digits, `.`, `_` or `-`, not "
				    "starting with `.` (no folders)");
		return NULL;
	}
	cached_file cf = {sp_xstrdup(name), NULL, 0, NULL};
	for (size_t i = 0; i < t->ndirs && !cf.text; i++) {
		int rc = read_in_dir(t->dirs[i], t->shown[i], name, &cf.text, &cf.len, &cf.path, error);
		if (rc < 0) {
			free(cf.name);
			return NULL;
		}
	}
	if (!cf.text)
		for (size_t i = 0; i < sp_builtin_template_count; i++)
			if (strcmp(sp_builtin_templates[i].name, name) == 0) {
				cf.len = sp_builtin_templates[i].len;
				cf.text = sp_xstrndup(sp_builtin_templates[i].text, cf.len);
				cf.path = sp_xasprintf("built-in:%s", name);
				break;
			}
	if (t->nfiles == t->capfiles) {
		t->capfiles = t->capfiles ? 2 * t->capfiles : 32;
		t->files = sp_xrealloc(t->files, t->capfiles * sizeof *t->files);
	}
	t->files[t->nfiles++] = cf;
	return cf.text ? &t->files[t->nfiles - 1] : NULL;
}

/* Where the header ends: the offset of the body, its line, and the header's text span.
 * false when the file does not start with a `---` line. */
static bool split_header(const char *text, size_t len, size_t *hstart, size_t *hend,
			 size_t *body, unsigned *body_line)
{
	if (len < 4 || strncmp(text, "---", 3) != 0 || (text[3] != '\n' && text[3] != '\r'))
		return false;
	size_t i = text[3] == '\r' && len > 4 && text[4] == '\n' ? 5 : 4;
	*hstart = i;
	unsigned line = 2;
	while (i < len) {
		size_t e = i;
		while (e < len && text[e] != '\n')
			e++;
		size_t l = e - i;
		if (l && text[e - 1] == '\r')
			l--;
		if ((l == 3 && (strncmp(text + i, "---", 3) == 0 || strncmp(text + i, "...", 3) == 0))) {
			*hend = i;
			*body = e < len ? e + 1 : e;
			*body_line = line + 1;
			return true;
		}
		i = e + 1;
		line++;
	}
	return false;
}

static char *header_error(const char *path, sp_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static char *header_error(const char *path, sp_pos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = sp_xvasprintf(fmt, ap);
	va_end(ap);
	char *r = pos.line ? sp_xasprintf("%s:%u:%u: %s", path, pos.line, pos.col, msg)
			   : sp_xasprintf("%s: %s", path, msg);
	free(msg);
	return r;
}

/* The position in the file of a value at pos in the header (which starts on line 2). */
static sp_pos file_pos(sp_pos p)
{
	if (p.line)
		p.line += 1;
	return p;
}

static const char *const header_keys[] = {"id",	   "title",	    "recipient",
					  "domains", "subject_domains", "reveals",
					  "response_days", "guide", "about", "handover", NULL};

/* A letter template's header as it is read: the file, the YAML and its mapping. */
typedef struct {
	const char *path;
	sp_doc *doc;
	json_t *h;
} header;

/* The position in the file of key's value, or of the header when key is absent. */
static sp_pos value_pos(const header *hd, const char *key)
{
	return file_pos(json_object_get(hd->h, key) ? sp_doc_pos(hd->doc, hd->h, key)
						    : (sp_pos){2, 1});
}

/* words[i] that s is, or -1. */
static int word_index(const char *s, const char *const *words)
{
	for (int i = 0; words[i]; i++)
		if (strcmp(s, words[i]) == 0)
			return i;
	return -1;
}

/* The header's YAML, a mapping, into hd; NULL with *error when it is not one. */
static bool read_header(const cached_file *cf, size_t hs, size_t he, header *hd, char **error)
{
	sp_diags diags = {0};
	hd->path = cf->path;
	hd->doc = NULL;
	int rc = sp_doc_parse_string(cf->text + hs, he - hs, cf->path, &hd->doc, &diags);
	if (rc != 1 || !json_is_object(hd->doc->root)) {
		if (diags.n)
			*error = header_error(cf->path, file_pos(diags.v[0].pos), "%s", diags.v[0].msg);
		else
			*error = header_error(cf->path, (sp_pos){2, 1},
					      "the header must be a YAML mapping (id: …, title: …)");
		sp_diags_free(&diags);
		sp_doc_free(hd->doc);
		return false;
	}
	sp_diags_free(&diags);
	hd->h = hd->doc->root;
	return true;
}

static bool check_keys(const header *hd, char **error)
{
	const char *key;
	json_t *v;
	json_object_foreach(hd->h, key, v)
	{
		if (word_index(key, header_keys) >= 0)
			continue;
		const char *near = sp_closest(key, header_keys);
		*error = header_error(hd->path, file_pos(sp_doc_key_pos(hd->doc, hd->h, key)),
				      "unknown header key `%s`%s%s%s", key, near ? "; did you mean `" : "",
				      near ? near : "", near ? "`?" : "");
		return false;
	}
	return true;
}

/* The text of key (caller frees); NULL with *error when it is missing or empty. */
static char *need_string(const header *hd, const char *key, char **error)
{
	json_t *s = json_object_get(hd->h, key);
	if (!json_is_string(s) || !*json_string_value(s)) {
		*error = header_error(hd->path, value_pos(hd, key), "the header needs `%s:` with a text",
				      key);
		return NULL;
	}
	return sp_xstrdup(json_string_value(s));
}

static bool parse_recipient(const header *hd, sp_letter_template *l, char **error)
{
	char *to = need_string(hd, "recipient", error);
	if (!to)
		return false;
	bool ok = true;
	if (strcmp(to, "person") == 0)
		l->recipient = SP_TO_PERSON;
	else if (strcmp(to, "any") == 0)
		l->recipient = SP_TO_ANY;
	else if ((l->recipient = sp_agency_type_parse(to)) < 0) {
		*error = header_error(hd->path, value_pos(hd, "recipient"),
				      "`recipient` must be an agency type (municipality, nav, "
				      "health_service, specialist_health, school, legal_aid, prison, "
				      "probation_office, other), person or any");
		ok = false;
	}
	free(to);
	return ok;
}

/* The domain set key says: a list of domains, [] or the word all; into *set. A missing key
 * is an error (what names what the key is for). */
static bool read_domain_set(const header *hd, const char *key, const char *what, sp_domain_set *set,
			    char **error)
{
	json_t *d = json_object_get(hd->h, key);
	*set = 0;
	if (json_is_string(d) && strcmp(json_string_value(d), "all") == 0) {
		*set = SP_ALL_DOMAINS;
		return true;
	}
	if (!json_is_array(d)) {
		*error = header_error(
		    hd->path, value_pos(hd, key),
		    "the header needs `%s:`, %s: a list such as [housing], [] or all", key, what);
		return false;
	}
	size_t i;
	json_t *x;
	json_array_foreach(d, i, x)
	{
		int dom = json_is_string(x) ? sp_domain_parse(json_string_value(x)) : -1;
		if (dom < 0) {
			*error = header_error(hd->path, file_pos(sp_doc_pos_at(hd->doc, d, i)),
					      "not a domain; use physical_health, "
					      "mental_health, substance_use, housing, finances, "
					      "family, legal or work_education");
			return false;
		}
		*set |= 1u << dom;
	}
	return true;
}

static bool parse_domains(const header *hd, sp_letter_template *l, char **error)
{
	return read_domain_set(hd, "domains", "the domains the letter may reveal", &l->domains,
			       error);
}

/* subject_domains: what the title and purpose tell; without the key, every domain the
 * letter may reveal (the safe reading: consent for one of them is then needed). */
static bool parse_subject_domains(const header *hd, sp_letter_template *l, char **error)
{
	if (!json_object_get(hd->h, "subject_domains")) {
		l->subject_domains = l->domains;
		return true;
	}
	if (!read_domain_set(hd, "subject_domains", "the domains the letter's subject reveals",
			     &l->subject_domains, error))
		return false;
	if (l->subject_domains & ~l->domains) {
		*error = header_error(hd->path, value_pos(hd, "subject_domains"),
				      "`subject_domains` must be among `domains`: a letter whose "
				      "subject tells a domain reveals it");
		return false;
	}
	return true;
}

/* reveals and about; the words stand in the order of sp_reveal and sp_about. */
static bool parse_reveals_about(const header *hd, sp_letter_template *l, char **error)
{
	static const char *const reveals[] = {"needs", "domain", "none", NULL};
	static const char *const abouts[] = {"none", "unanswered", "refused", NULL};
	json_t *r = json_object_get(hd->h, "reveals");
	int k = word_index(json_is_string(r) ? json_string_value(r) : "", reveals);
	if (k < 0) {
		*error = header_error(hd->path, value_pos(hd, "reveals"),
				      "the header needs `reveals:` needs, domain or none");
		return false;
	}
	l->reveals = (sp_reveal)k;
	if ((l->reveals == SP_REVEAL_NONE) != (l->domains == 0)) {
		*error = header_error(hd->path, value_pos(hd, "reveals"),
				      "`reveals: none` goes with `domains: []`, and only with it");
		return false;
	}
	json_t *a = json_object_get(hd->h, "about");
	k = word_index(json_is_string(a) ? json_string_value(a) : a ? "" : "none", abouts);
	if (k < 0) {
		*error = header_error(hd->path, value_pos(hd, "about"),
				      "`about` is the earlier letter the template refers to: "
				      "unanswered, refused or none");
		return false;
	}
	l->about = (sp_about)k;
	return true;
}

/* response_days, and handover: whether the answer is due by the handover deadline. */
static bool parse_answer(const header *hd, sp_letter_template *l, char **error)
{
	json_t *rd = json_object_get(hd->h, "response_days");
	if (rd && (!json_is_integer(rd) || json_integer_value(rd) < 0 ||
		   json_integer_value(rd) > 365)) {
		*error = header_error(hd->path, value_pos(hd, "response_days"),
				      "`response_days` must be a whole number of days, 0 to 365");
		return false;
	}
	l->response_days = rd ? (int)json_integer_value(rd) : 0;
	json_t *ho = json_object_get(hd->h, "handover");
	if (ho && !json_is_boolean(ho)) {
		*error = header_error(hd->path, value_pos(hd, "handover"),
				      "`handover` is true for a letter that asks a service to take "
				      "over follow-up after release, else false");
		return false;
	}
	l->handover = json_is_true(ho);
	return true;
}

/* id (the file's name), title and guide. */
static bool parse_names(const header *hd, const char *id, sp_letter_template *l, char **error)
{
	if (!(l->id = need_string(hd, "id", error)) || !(l->title = need_string(hd, "title", error)) ||
	    !(l->guide = need_string(hd, "guide", error)))
		return false;
	if (strcmp(l->id, id) != 0) {
		*error = header_error(hd->path, value_pos(hd, "id"),
				      "the header says `id: %s` but the file is %s.mustache; make them "
				      "the same",
				      l->id, id);
		return false;
	}
	return true;
}

static sp_letter_template *parse_letter(const cached_file *cf, const char *id, char **error)
{
	size_t hs, he, body;
	unsigned body_line;
	if (!split_header(cf->text, cf->len, &hs, &he, &body, &body_line)) {
		*error = header_error(
		    cf->path, (sp_pos){1, 1},
		    "not a letter template: it must start with a YAML header "
		    "between two `---` lines (id, title, recipient, domains, "
		    "subject_domains, reveals, response_days, guide); see samplan-templates(5)");
		return NULL;
	}
	header hd;
	if (!read_header(cf, hs, he, &hd, error))
		return NULL;
	sp_letter_template *l = sp_xcalloc(1, sizeof *l);
	l->path = sp_xstrdup(cf->path);
	if (!check_keys(&hd, error) || !parse_names(&hd, id, l, error) ||
	    !parse_recipient(&hd, l, error) || !parse_domains(&hd, l, error) ||
	    !parse_subject_domains(&hd, l, error) || !parse_reveals_about(&hd, l, error) ||
	    !parse_answer(&hd, l, error)) {
		sp_doc_free(hd.doc);
		template_free(l);
		return NULL;
	}
	l->body_len = cf->len - body;
	l->body = sp_xstrndup(cf->text + body, l->body_len);
	l->body_line = body_line;
	sp_doc_free(hd.doc);
	return l;
}

const sp_letter_template *sp_templates_get(sp_templates *t, const char *id, char **error)
{
	for (size_t i = 0; i < t->nletters; i++)
		if (strcmp(t->letters[i]->id, id) == 0)
			return t->letters[i];
	char *err = NULL;
	const cached_file *cf = find_file(t, id, &err);
	if (!cf) {
		set_error(error, err ? err
				     : sp_xasprintf("there is no template `%s`; samplan-letter-gen "
						    "--list shows them",
						    id));
		return NULL;
	}
	sp_letter_template *l = parse_letter(cf, id, &err);
	if (!l) {
		set_error(error, err);
		return NULL;
	}
	if (t->nletters == t->capletters) {
		t->capletters = t->capletters ? 2 * t->capletters : 16;
		t->letters = sp_xrealloc(t->letters, t->capletters * sizeof *t->letters);
	}
	t->letters[t->nletters++] = l;
	return l;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add name if it is not there yet. */
static void add_id(char ***ids, size_t *n, size_t *cap, const char *name)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*ids)[i], name) == 0)
			return;
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 32;
		*ids = sp_xrealloc(*ids, *cap * sizeof **ids);
	}
	(*ids)[(*n)++] = sp_xstrdup(name);
}

size_t sp_letter_body_start(const char *text, size_t len)
{
	size_t hs, he, body;
	unsigned line;
	return split_header(text, len, &hs, &he, &body, &line) ? body : 0;
}

static bool has_header(const char *text, size_t len)
{
	size_t a, b, c;
	unsigned l;
	return split_header(text, len, &a, &b, &c, &l);
}

char **sp_templates_ids(sp_templates *t, size_t *n)
{
	char **ids = NULL;
	size_t cap = 0;
	*n = 0;
	for (size_t i = 0; i < t->ndirs; i++) {
		DIR *d = opendir(t->dirs[i]);
		if (!d)
			continue;
		struct dirent *e;
		while ((e = readdir(d))) {
			size_t l = strlen(e->d_name);
			if (l <= 9 || strcmp(e->d_name + l - 9, ".mustache") != 0)
				continue;
			char *name = sp_xstrndup(e->d_name, l - 9);
			char *err = NULL;
			const cached_file *cf = name_ok(name) ? find_file(t, name, &err) : NULL;
			if (cf && has_header(cf->text, cf->len))
				add_id(&ids, n, &cap, name);
			free(err);
			free(name);
		}
		closedir(d);
	}
	for (size_t i = 0; i < sp_builtin_template_count; i++) {
		char *err = NULL;
		const cached_file *cf = find_file(t, sp_builtin_templates[i].name, &err);
		free(err);
		/* a folder's file of the same name hides the built-in one */
		if (cf && has_header(cf->text, cf->len))
			add_id(&ids, n, &cap, sp_builtin_templates[i].name);
	}
	if (*n)
		qsort(ids, *n, sizeof *ids, cmp_str);
	return ids;
}

char *sp_templates_partial(const char *name, void *ctx)
{
	sp_templates *t = ctx;
	char *err = NULL;
	const cached_file *cf = find_file(t, name, &err);
	if (!cf) {
		if (!err)
			err = sp_xasprintf("there is no partial `%s` (%s.mustache in the templates "
					   "folders, or built in)", name, name);
		if (!t->error)
			t->error = err;
		else
			free(err);
		return NULL;
	}
	size_t body = sp_letter_body_start(cf->text, cf->len);
	return sp_xstrndup(cf->text + body, cf->len - body);
}

char *sp_templates_error(sp_templates *t)
{
	char *e = t->error;
	t->error = NULL;
	return e;
}
