/* SPDX-License-Identifier: MIT */
/* edit.c — edits made to a file's text (edit.h).
 *
 * The file is cut into its documents' texts (YAML: at the line where each document begins;
 * JSON: each value, the commas and brackets of an array of documents left between them).
 * An edit reads the layout of one document — where each value and key stands, flow or block,
 * its indentation — from libyaml's events (their marks count characters; they are turned
 * into byte offsets) or from a small scan of the JSON, splices the new text in, and reads
 * the document again to check that it gives the model the edit meant. */
#include "doc/edit.h"
#include "base/util.h"
#include "doc/docint.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

/* --- the layout of one document ------------------------------------------------------ */

typedef struct ln ln;
struct ln {
	char kind;            /* 'S' scalar, 'A' alias, 'M' mapping, 'Q' list */
	bool flow, anchored;
	size_t start, end;    /* bytes; a block collection ends where its last entry ends */
	size_t kstart, kend;  /* a mapping entry's key */
	char *key;            /* a mapping entry's key (owned) */
	ln **kid;
	size_t nkid, ckid;
};

static void ln_free(ln *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->nkid; i++)
		ln_free(n->kid[i]);
	free(n->kid);
	free(n->key);
	free(n);
}

static ln *ln_new(char kind, size_t start)
{
	ln *n = sp_xcalloc(1, sizeof *n);
	n->kind = kind;
	n->start = n->end = start;
	return n;
}

static void ln_add(ln *parent, ln *kid)
{
	if (parent->nkid == parent->ckid) {
		parent->ckid = parent->ckid ? 2 * parent->ckid : 8;
		parent->kid = sp_xrealloc(parent->kid, parent->ckid * sizeof *parent->kid);
	}
	parent->kid[parent->nkid++] = kid;
}

/* libyaml's marks count characters; the text is UTF-8. A cursor walks forward from the
 * last place asked for (marks come mostly in order) and starts again when asked for one
 * before it. */
typedef struct {
	const char *s;
	size_t n, ci, bi;
} charpos;

static size_t byte_at(charpos *c, size_t index)
{
	if (index < c->ci)
		c->ci = c->bi = 0;
	while (c->ci < index && c->bi < c->n) {
		unsigned char b = (unsigned char)c->s[c->bi];
		c->bi += b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
		c->ci++;
	}
	return c->bi < c->n ? c->bi : c->n;
}

static bool blank(const char *s, size_t from, size_t to)
{
	while (from < to && strchr(" \t\r\n", s[from]))
		from++;
	return from == to;
}

/* libyaml ends a block scalar `|` or `>` after the blank lines that follow it. They are
 * its own only with `|+`; else they stay where they are when it is replaced, and what is
 * added after it goes before them: it ends after its last line that is not blank. */
static size_t block_scalar_end(const char *s, size_t start, size_t end)
{
	for (size_t i = start + 1; i < end && i <= start + 2; i++)
		if (s[i] == '+')
			return end;
	size_t p = end;
	while (p > start && s[p - 1] != '\n' && strchr(" \t", s[p - 1]))
		p--;
	if (p > start && s[p - 1] != '\n')
		return end;
	while (p > start) {
		size_t ls = p - 1;
		while (ls > start && s[ls - 1] != '\n')
			ls--;
		if (ls <= start || !blank(s, ls, p))
			break;
		p = ls;
	}
	return p;
}

/* The layout of YAML text s[0..n) (one document), or NULL. */
static ln *yaml_layout(const char *s, size_t n)
{
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		return NULL;
	yaml_parser_set_input_string(&p, (const unsigned char *)s, n);
	charpos cp = {s, n, 0, 0};
	struct frame {
		ln *node;
		bool want_key; /* a mapping whose next scalar is a key */
		char *key;
		size_t ks, ke;
	} stack[128];
	int depth = 0;
	ln *top = NULL; /* holds every node made */
	bool ok = true, done = false;
	while (ok && !done) {
		yaml_event_t e;
		if (!yaml_parser_parse(&p, &e)) {
			ok = false;
			break;
		}
		size_t b0 = byte_at(&cp, e.start_mark.index), b1 = byte_at(&cp, e.end_mark.index);
		struct frame *f = depth ? &stack[depth - 1] : NULL;
		ln *node = NULL;
		switch (e.type) {
		case YAML_SCALAR_EVENT:
			if (f && f->want_key) {
				f->key = sp_xstrndup((const char *)e.data.scalar.value, e.data.scalar.length);
				f->ks = b0;
				f->ke = b1;
				f->want_key = false;
				break;
			}
			node = ln_new('S', b0);
			node->end = b1;
			if (e.data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
			    e.data.scalar.style == YAML_FOLDED_SCALAR_STYLE)
				node->end = block_scalar_end(s, b0, b1);
			node->anchored = e.data.scalar.anchor != NULL;
			break;
		case YAML_ALIAS_EVENT:
			node = ln_new('A', b0);
			node->end = b1;
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT: {
			bool map = e.type == YAML_MAPPING_START_EVENT;
			node = ln_new(map ? 'M' : 'Q', b0);
			node->flow = map ? e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE
					 : e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
			node->anchored = (map ? e.data.mapping_start.anchor : e.data.sequence_start.anchor) != NULL;
			break;
		}
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT: {
			ln *c = f->node;
			c->end = c->flow ? b1 : c->nkid ? c->kid[c->nkid - 1]->end : c->start;
			depth--;
			done = depth == 0;
			break;
		}
		case YAML_DOCUMENT_END_EVENT:
		case YAML_STREAM_END_EVENT: done = true; break;
		default: break;
		}
		yaml_event_delete(&e);
		if (!node)
			continue;
		if (f && f->want_key) {
			ln_free(node); /* a complex key: not edited here */
			ok = false;
			break;
		}
		if (f) {
			if (f->node->kind == 'M') {
				node->key = f->key;
				node->kstart = f->ks;
				node->kend = f->ke;
				f->key = NULL;
				f->want_key = true;
			}
			ln_add(f->node, node);
		} else {
			top = node;
			done = node->kind != 'M' && node->kind != 'Q';
		}
		if (node->kind == 'M' || node->kind == 'Q') {
			if (depth == (int)(sizeof stack / sizeof *stack)) {
				ok = false;
				break;
			}
			stack[depth++] = (struct frame){node, node->kind == 'M', NULL, 0, 0};
		}
	}
	while (depth > 0)
		free(stack[--depth].key);
	yaml_parser_delete(&p);
	if (!ok) {
		ln_free(top);
		return NULL;
	}
	return top;
}

/* --- JSON ------------------------------------------------------------------------------ */

static size_t json_ws(const char *s, size_t n, size_t i)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n'))
		i++;
	return i;
}

/* The end of the JSON string that begins at s[i] (its `"`), or SIZE_MAX. */
static size_t json_str_end(const char *s, size_t n, size_t i)
{
	for (i++; i < n; i++) {
		if (s[i] == '\\')
			i++;
		else if (s[i] == '"')
			return i + 1;
	}
	return SIZE_MAX;
}

/* The value at s[*i] (after white space); *i moves past it. NULL on bad JSON. */
static ln *json_value_layout(const char *s, size_t n, size_t *i, int depth)
{
	size_t at = json_ws(s, n, *i);
	if (at >= n || depth > 256)
		return NULL;
	if (s[at] == '{' || s[at] == '[') {
		bool map = s[at] == '{';
		ln *c = ln_new(map ? 'M' : 'Q', at);
		c->flow = true;
		size_t k = json_ws(s, n, at + 1);
		if (k < n && s[k] == (map ? '}' : ']')) {
			c->end = k + 1;
			*i = c->end;
			return c;
		}
		for (;;) {
			size_t ks = 0, ke = 0;
			if (map) {
				k = json_ws(s, n, k);
				if (k >= n || s[k] != '"' || (ke = json_str_end(s, n, k)) == SIZE_MAX)
					break;
				ks = k;
				k = json_ws(s, n, ke);
				if (k >= n || s[k] != ':')
					break;
				k++;
			}
			ln *v = json_value_layout(s, n, &k, depth + 1);
			if (!v)
				break;
			if (map) {
				json_t *key = json_loadb(s + ks, ke - ks, JSON_DECODE_ANY, NULL);
				v->key = sp_xstrdup(json_is_string(key) ? json_string_value(key) : "");
				json_decref(key);
				v->kstart = ks;
				v->kend = ke;
			}
			ln_add(c, v);
			k = json_ws(s, n, k);
			if (k < n && s[k] == ',') {
				k++;
				continue;
			}
			if (k < n && s[k] == (map ? '}' : ']')) {
				c->end = k + 1;
				*i = c->end;
				return c;
			}
			break;
		}
		ln_free(c);
		return NULL;
	}
	ln *v = ln_new('S', at);
	if (s[at] == '"') {
		v->end = json_str_end(s, n, at);
	} else {
		size_t k = at;
		while (k < n && !strchr(" \t\r\n,]}", s[k]))
			k++;
		v->end = k;
	}
	if (v->end == SIZE_MAX || v->end == at) {
		ln_free(v);
		return NULL;
	}
	*i = v->end;
	return v;
}

/* --- the file, cut into documents ----------------------------------------------------- */

typedef struct {
	char *s;
	size_t n;
} piece;

struct sp_text {
	char *name;
	bool json;
	piece *gap;   /* gap[i] comes before doc[i]; gap[ndocs] ends the file */
	piece *doc;
	size_t ndocs;
	bool changed;
	/* the model of the document edited last */
	size_t cur;
	json_t *model;
	/* and its layout (YAML), kept up to date from edit to edit: NULL when not known */
	ln *lay;
	size_t lay_doc;
};

static void piece_set(piece *p, const char *s, size_t n)
{
	free(p->s);
	p->s = sp_xmalloc(n + 1);
	memcpy(p->s, s, n);
	p->s[n] = '\0';
	p->n = n;
}

/* Add document s[from..to), after the gap s[gap_from..from). */
static void add_doc(sp_text *t, const char *s, size_t gap_from, size_t from, size_t to,
		    size_t *cap)
{
	if (t->ndocs == *cap) {
		*cap = *cap ? 2 * *cap : 8;
		t->gap = sp_xrealloc(t->gap, (*cap + 1) * sizeof *t->gap);
		t->doc = sp_xrealloc(t->doc, *cap * sizeof *t->doc);
		for (size_t k = t->ndocs; k <= *cap; k++) /* sp_text_free() frees gap[ndocs] */
			t->gap[k] = (piece){0};
	}
	t->gap[t->ndocs] = (piece){0};
	t->doc[t->ndocs] = (piece){0};
	piece_set(&t->gap[t->ndocs], s + gap_from, from - gap_from);
	piece_set(&t->doc[t->ndocs], s + from, to - from);
	t->ndocs++;
}

/* The gap after the last document: s[from..n). */
static void end_gap(sp_text *t, const char *s, size_t from, size_t n)
{
	t->gap = sp_xrealloc(t->gap, (t->ndocs + 1) * sizeof *t->gap);
	t->gap[t->ndocs] = (piece){0};
	piece_set(&t->gap[t->ndocs], s + from, n - from);
}

static size_t line_start(const char *s, size_t p)
{
	while (p && s[p - 1] != '\n')
		p--;
	return p;
}

static size_t next_line(const char *s, size_t n, size_t p)
{
	while (p < n && s[p] != '\n')
		p++;
	return p < n ? p + 1 : n;
}

/* Whether YAML text s[from..n) is one document, seen without parsing it: no line begins
 * with a marker (`---`, `...`) or a directive (`%`), and one is not only comments and blank
 * lines. *one says whether there is a document; false when that cannot be told so. */
static bool one_document(const char *s, size_t from, size_t n, bool *one)
{
	*one = false;
	for (size_t p = from; p < n; p = next_line(s, n, p)) {
		if (s[p] == '%' || (n - p >= 3 && (memcmp(s + p, "---", 3) == 0 || memcmp(s + p, "...", 3) == 0)))
			return false;
		size_t q = p;
		while (q < n && (s[q] == ' ' || s[q] == '\t'))
			q++;
		if (q < n && s[q] != '\n' && s[q] != '\r' && s[q] != '#')
			*one = true;
	}
	return true;
}

/* YAML: each document from the line it begins on to the line the next one begins on. */
static bool split_yaml(sp_text *t, const char *s, size_t n, size_t bom, sp_diags *diags)
{
	bool one;
	size_t dcap = 0;
	if (one_document(s, bom, n, &one)) { /* most case files: no need to parse it here */
		if (one)
			add_doc(t, s, 0, bom, n, &dcap);
		end_gap(t, s, one ? n : 0, n);
		return true;
	}
	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		return false;
	yaml_parser_set_input_string(&p, (const unsigned char *)s + bom, n - bom);
	charpos cp = {s + bom, n - bom, 0, 0};
	size_t *starts = NULL, count = 0, cap = 0;
	bool ok = true;
	for (;;) {
		yaml_event_t e;
		if (!yaml_parser_parse(&p, &e)) {
			sp_diags_add(diags, SP_ERROR, t->name, (unsigned)count + 1,
				     (sp_pos){(unsigned)p.problem_mark.line + 1,
					      (unsigned)p.problem_mark.column + 1},
				     NULL, "%s; correct the YAML", p.problem ? p.problem : "not YAML");
			ok = false;
			break;
		}
		yaml_event_type_t type = e.type;
		if (type == YAML_DOCUMENT_START_EVENT) {
			if (count == cap) {
				cap = cap ? 2 * cap : 8;
				starts = sp_xrealloc(starts, cap * sizeof *starts);
			}
			starts[count++] = bom + line_start(s + bom, byte_at(&cp, e.start_mark.index));
		}
		yaml_event_delete(&e);
		if (type == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&p);
	for (size_t i = 0; ok && i < count; i++)
		add_doc(t, s, i ? starts[i] : 0, i ? starts[i] : bom, i + 1 < count ? starts[i + 1] : n,
			&dcap);
	if (ok)
		end_gap(t, s, count ? n : 0, n);
	free(starts);
	return ok;
}

/* JSON: each value, or each item of a top-level array of documents. */
static bool split_json(sp_text *t, const char *s, size_t n, size_t bom, sp_diags *diags)
{
	size_t i = json_ws(s, n, bom), from = 0, dcap = 0;
	bool array = i < n && s[i] == '[', closed = false;
	if (array) {
		i = json_ws(s, n, i + 1);
		if (i < n && s[i] == ']') {
			i++;
			closed = true;
		}
	}
	while (!closed && (i = json_ws(s, n, i)) < n) {
		size_t at = i;
		ln *v = json_value_layout(s, n, &i, 0);
		if (!v) {
			sp_diags_add(diags, SP_ERROR, t->name, (unsigned)t->ndocs + 1, (sp_pos){0, 0},
				     NULL, "not JSON that can be edited; check it with samplan-validate");
			return false;
		}
		ln_free(v);
		add_doc(t, s, from, at, i, &dcap);
		from = i;
		if (!array)
			continue;
		i = json_ws(s, n, i);
		if (i < n && s[i] == ',') {
			i++;
		} else if (i < n && s[i] == ']') {
			i++;
			closed = true;
		} else {
			sp_diags_add(diags, SP_ERROR, t->name, (unsigned)t->ndocs, (sp_pos){0, 0}, NULL,
				     "the array of documents does not end; check it with samplan-validate");
			return false;
		}
	}
	if (json_ws(s, n, i) < n) {
		sp_diags_add(diags, SP_ERROR, t->name, (unsigned)t->ndocs, (sp_pos){0, 0}, NULL,
			     "text after the array of documents; check it with samplan-validate");
		return false;
	}
	end_gap(t, s, from, n);
	return true;
}

sp_text *sp_text_new(const char *name, const char *text, size_t len, sp_diags *diags)
{
	sp_text *t = sp_xcalloc(1, sizeof *t);
	t->name = sp_xstrdup(name ? name : "-");
	t->cur = SIZE_MAX;
	size_t bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	size_t i = json_ws(text, len, bom);
	t->json = i < len && (text[i] == '{' || text[i] == '[');
	if (!(t->json ? split_json : split_yaml)(t, text, len, bom, diags)) {
		sp_text_free(t);
		return NULL;
	}
	return t;
}

void sp_text_free(sp_text *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->ndocs; i++) {
		free(t->gap[i].s);
		free(t->doc[i].s);
	}
	if (t->gap)
		free(t->gap[t->ndocs].s);
	free(t->gap);
	free(t->doc);
	free(t->name);
	json_decref(t->model);
	ln_free(t->lay);
	free(t);
}

size_t sp_text_count(const sp_text *t) { return t->ndocs; }

sp_format sp_text_format(const sp_text *t) { return t->json ? SP_FMT_JSON : SP_FMT_YAML; }

bool sp_text_changed(const sp_text *t) { return t->changed; }

char *sp_text_join(const sp_text *t, size_t *len)
{
	char *buf = NULL;
	size_t n = 0, cap = 0;
	sp_buf_append(&buf, &n, &cap, "", 0);
	for (size_t i = 0; i <= t->ndocs; i++) {
		sp_buf_append(&buf, &n, &cap, t->gap[i].s, t->gap[i].n);
		if (i < t->ndocs)
			sp_buf_append(&buf, &n, &cap, t->doc[i].s, t->doc[i].n);
	}
	*len = n;
	return buf;
}

/* The model of a document's text, or NULL. */
static json_t *read_model(const sp_text *t, const char *s, size_t n)
{
	sp_doc *d = NULL;
	sp_diags quiet = {0};
	json_t *root = NULL;
	if (sp_doc_parse_string(s, n, t->name, &d, &quiet) == 1)
		root = json_incref(d->root);
	sp_doc_free(d);
	sp_diags_free(&quiet);
	return root;
}

void sp_text_seed(sp_text *t, size_t doc, const json_t *model)
{
	if (doc < t->ndocs && model) {
		json_decref(t->model);
		t->model = json_deep_copy(model);
		t->cur = doc;
	}
}

const json_t *sp_text_model(sp_text *t, size_t doc, sp_diags *diags)
{
	if (t->cur != doc) {
		json_decref(t->model);
		t->model = doc < t->ndocs ? read_model(t, t->doc[doc].s, t->doc[doc].n) : NULL;
		t->cur = t->model ? doc : SIZE_MAX;
		if (!t->model)
			sp_diags_add(diags, SP_ERROR, t->name, (unsigned)doc + 1, (sp_pos){0, 0}, NULL,
				     "the document cannot be read; check it with samplan-validate");
	}
	return t->model;
}

/* --- paths ------------------------------------------------------------------------------ */

enum { MAX_SEGS = 32 };

typedef struct {
	char *buf;
	const char *seg[MAX_SEGS];
	size_t n;
} path;

static bool path_split(path *p, const char *s)
{
	p->buf = sp_xstrdup(s);
	p->n = 0;
	for (char *c = p->buf, *tok; (tok = strsep(&c, "."));) {
		if (!*tok || p->n == MAX_SEGS)
			return false;
		p->seg[p->n++] = tok;
	}
	return p->n > 0;
}

/* The index a segment names, or -1. */
static long seg_index(const char *seg)
{
	char *end;
	errno = 0;
	long k = strtol(seg, &end, 10);
	return *seg >= '0' && *seg <= '9' && !*end && !errno ? k : -1;
}

static ln *ln_get(const ln *c, const char *seg)
{
	if (c->kind == 'M') {
		for (size_t i = c->nkid; i-- > 0;) /* the last of a repeated key is the one read */
			if (strcmp(c->kid[i]->key, seg) == 0)
				return c->kid[i];
		return NULL;
	}
	long k = c->kind == 'Q' ? seg_index(seg) : -1;
	return k >= 0 && (size_t)k < c->nkid ? c->kid[k] : NULL;
}

static json_t *model_get(json_t *c, const char *seg)
{
	if (json_is_object(c))
		return json_object_get(c, seg);
	long k = json_is_array(c) ? seg_index(seg) : -1;
	return k >= 0 ? json_array_get(c, (size_t)k) : NULL;
}

/* --- the edit --------------------------------------------------------------------------- */

/* What an edit works on: the document's text and layout, its conventions. */
typedef struct {
	sp_text *t;
	size_t doc;
	const char *s; /* the document's text */
	size_t n;
	ln *root;
	const char *nl;   /* "\n" or "\r\n", as the document's lines end */
	int step, seqind; /* YAML: indentation of a mapping's entries, of a list under a key */
	char unit[16];    /* JSON: one level of indentation */
	bool pretty;      /* JSON: the document spans lines */
	bool colon_space, comma_space; /* JSON: ": " rather than ":", ", " rather than "," */
	/* the splice */
	size_t from, to;
	char *text;
	size_t tlen;
	bool moved_nl; /* splice_lines put the text's line end first (see there) */
	sp_diags *diags;
	const char *pathstr;
	size_t where; /* the byte of the document a refusal points at */
	bool keep;    /* root is the layout of the document's text as it stands */
	bool mutated; /* the model (t->model, changed in place) no longer matches the text */
	bool committed;
} edit;

static size_t col_of(const char *s, size_t p) { return p - line_start(s, p); }

/* YAML conventions: the first block mapping inside a block mapping gives the step, the
 * first block list under a key the list indentation. */
static void yaml_conventions(edit *e, const ln *c, bool *got_step, bool *got_seq)
{
	if (c->kind == 'M' && !c->flow) {
		size_t col = col_of(e->s, c->start);
		for (size_t i = 0; i < c->nkid; i++) {
			const ln *v = c->kid[i];
			if (v->flow || (v->kind != 'M' && v->kind != 'Q'))
				continue;
			if (col_of(e->s, v->kstart) != col || line_start(e->s, v->start) == line_start(e->s, v->kstart))
				continue;
			size_t vc = col_of(e->s, v->start);
			if (v->kind == 'M' && !*got_step && vc > col && vc - col <= 8) {
				e->step = (int)(vc - col);
				*got_step = true;
			}
			if (v->kind == 'Q' && !*got_seq && vc >= col && vc - col <= 8) {
				e->seqind = (int)(vc - col);
				*got_seq = true;
			}
		}
	}
	for (size_t i = 0; i < c->nkid && !(*got_step && *got_seq); i++)
		yaml_conventions(e, c->kid[i], got_step, got_seq);
}

/* The indentation (spaces and tabs) of the line p is on. A document of a JSON array of
 * documents begins inside its line: the indentation of its first line is at the end of the
 * gap before it. */
static size_t indent_of(const edit *e, size_t p, const char **at)
{
	size_t ls = line_start(e->s, p), w = 0;
	if (ls == 0) {
		const piece *g = &e->t->gap[e->doc];
		size_t b = g->n;
		while (b > 0 && (g->s[b - 1] == ' ' || g->s[b - 1] == '\t'))
			b--;
		if (b < g->n && (b == 0 ? e->doc == 0 : g->s[b - 1] == '\n')) {
			*at = g->s + b;
			return g->n - b;
		}
	}
	while (ls + w < e->n && (e->s[ls + w] == ' ' || e->s[ls + w] == '\t'))
		w++;
	*at = e->s + ls;
	return w;
}

static void json_conventions(edit *e)
{
	const ln *r = e->root;
	e->pretty = memchr(e->s, '\n', e->n) != NULL;
	strcpy(e->unit, "  ");
	if (r->nkid) {
		const ln *k = r->kid[0];
		size_t at = r->kind == 'M' ? k->kstart : k->start;
		if (line_start(e->s, at) != line_start(e->s, r->start)) {
			const char *kin, *rin;
			size_t w = indent_of(e, at, &kin), base = indent_of(e, r->start, &rin);
			if (w > base && w - base < sizeof e->unit) {
				memcpy(e->unit, kin + base, w - base);
				e->unit[w - base] = '\0';
			}
		}
		if (r->kind == 'M') {
			size_t c = json_ws(e->s, e->n, k->kend);
			e->colon_space = c + 1 < e->n && e->s[c] == ':' && e->s[c + 1] == ' ';
		}
		/* a comma that ends a line, or none, says nothing: follow the colon */
		size_t c = json_ws(e->s, e->n, k->end);
		bool inline_comma =
		    c + 1 < e->n && e->s[c] == ',' && e->s[c + 1] != '\n' && e->s[c + 1] != '\r';
		e->comma_space = inline_comma ? e->s[c + 1] == ' ' : e->colon_space;
	} else {
		e->colon_space = e->comma_space = true;
	}
}

static bool edit_open(edit *e, sp_text *t, size_t doc, sp_diags *diags, const char *pathstr)
{
	*e = (edit){.t = t, .doc = doc, .diags = diags, .pathstr = pathstr, .step = 2};
	if (doc >= t->ndocs)
		return false;
	e->s = t->doc[doc].s;
	e->n = t->doc[doc].n;
	if (t->json) {
		size_t i = 0;
		e->root = json_value_layout(e->s, e->n, &i, 0);
	} else if (t->lay && t->lay_doc == doc) {
		e->root = t->lay; /* kept from the last edit of this document */
		t->lay = NULL;
	} else {
		e->root = yaml_layout(e->s, e->n);
	}
	if (!e->root || e->root->kind != 'M') {
		sp_diags_add(diags, SP_ERROR, t->name, (unsigned)doc + 1, (sp_pos){0, 0}, pathstr,
			     "the document is not a mapping that can be edited in place");
		return false;
	}
	e->keep = true;
	const char *lf = memchr(e->s, '\n', e->n);
	e->nl = lf && lf > e->s && lf[-1] == '\r' ? "\r\n" : "\n";
	if (t->json) {
		json_conventions(e);
	} else {
		bool got_step = false, got_seq = false;
		yaml_conventions(e, e->root, &got_step, &got_seq);
		if (!got_seq)
			e->seqind = e->step;
	}
	return true;
}

static void edit_close(edit *e)
{
	if (e->root && !e->t->json && !e->t->lay && e->keep) {
		e->t->lay = e->root; /* the layout of the text as it now stands */
		e->t->lay_doc = e->doc;
	} else {
		ln_free(e->root);
	}
	free(e->text);
}

/* The line and column in the whole file of byte at of document doc. */
static sp_pos file_pos(const sp_text *t, size_t doc, size_t at)
{
	sp_pos pos = {1, 1};
	bool bom = t->ndocs && t->gap[0].n >= 3 && memcmp(t->gap[0].s, "\xEF\xBB\xBF", 3) == 0;
	for (size_t i = 0; i <= doc && i < t->ndocs; i++) {
		const piece *ps[2] = {&t->gap[i], &t->doc[i]};
		for (int k = 0; k < 2; k++) {
			size_t n = i == doc && k == 1 ? at : ps[k]->n;
			for (size_t b = 0; b < n && b < ps[k]->n; b++) {
				unsigned char c = (unsigned char)ps[k]->s[b];
				if (c == '\n') {
					pos.line++;
					pos.col = 1;
				} else if ((c & 0xC0) != 0x80 && !(bom && b < 3 && i == 0 && k == 0)) {
					pos.col++;
				}
			}
		}
	}
	return pos;
}

static int refuse(edit *e, const char *msg)
{
	sp_diags_add(e->diags, SP_ERROR, e->t->name, (unsigned)e->doc + 1,
		     file_pos(e->t, e->doc, e->where), e->pathstr, "%s", msg);
	return -1;
}

/* Append to the splice's text, with each "\n" written as the document's line end. */
static void put(edit *e, const char *s, size_t n)
{
	size_t cap = e->text ? e->tlen + 1 : 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n' && e->nl[1])
			sp_buf_append(&e->text, &e->tlen, &cap, "\r\n", 2);
		else
			sp_buf_append(&e->text, &e->tlen, &cap, s + i, 1);
	}
	if (!e->text)
		sp_buf_append(&e->text, &e->tlen, &cap, "", 0);
}

static void puts_(edit *e, const char *s) { put(e, s, strlen(s)); }

static void spaces(edit *e, size_t n)
{
	while (n--)
		put(e, " ", 1);
}

/* A YAML fragment (docint.h), its lines after the first shifted right by shift. */
static void put_yaml(edit *e, const json_t *v, size_t indent, sp_frag_mode mode, size_t shift)
{
	size_t len;
	char *f = sp_yaml_fragment(v, (int)indent, mode, e->step, e->seqind, &len);
	for (size_t i = 0; i < len; i++) {
		put(e, f + i, 1);
		if (f[i] == '\n' && i + 1 < len && f[i + 1] != '\n')
			spaces(e, shift);
	}
	free(f);
}

/* A JSON value, its lines after the first at base plus one unit a level. */
static void put_json(edit *e, const json_t *v, bool pretty, const char *base, size_t blen)
{
	size_t len;
	char *f = sp_json_fragment(v, pretty, &len);
	if (!pretty && (e->comma_space || e->colon_space)) {
		/* the compact writer writes "," and ":" between values; space them as the
		 * document does, outside strings */
		bool in = false;
		for (size_t i = 0; i < len; i++) {
			put(e, f + i, 1);
			if (f[i] == '\\' && in && i + 1 < len)
				put(e, f + ++i, 1);
			else if (f[i] == '"')
				in = !in;
			else if (!in && ((f[i] == ',' && e->comma_space) || (f[i] == ':' && e->colon_space)))
				put(e, " ", 1);
		}
		free(f);
		return;
	}
	for (size_t i = 0; i < len; i++) {
		if (f[i] != '\n') {
			put(e, f + i, 1);
			continue;
		}
		put(e, "\n", 1);
		put(e, base, blen);
		size_t k = i + 1;
		while (k < len && f[k] == ' ')
			k++;
		for (size_t lvl = (k - i - 1) / 2; lvl > 0; lvl--)
			puts_(e, e->unit);
		i = k - 1;
	}
	free(f);
}

/* Where a line goes after a block collection at column col that ends at end: after the
 * line it ends on, and after the comments below that are indented as deep as its entries
 * (they belong to them), but before blank lines and anything else. */
static size_t after_block(const edit *e, size_t end, size_t col)
{
	const char *s = e->s;
	size_t n = e->n, p = end && s[end - 1] == '\n' ? end : next_line(s, n, end), ins = p;
	while (p < n) {
		size_t q = p;
		while (q < n && (s[q] == ' ' || s[q] == '\t'))
			q++;
		if (q == n || s[q] == '\n' || s[q] == '\r') {
			p = next_line(s, n, q);
			continue;
		}
		if (s[q] != '#' || q - p < col)
			break;
		p = next_line(s, n, q);
		ins = p;
	}
	return ins;
}

/* The splice: replace [from, to) with the text made. */
static void splice_at(edit *e, size_t from, size_t to)
{
	e->from = from;
	e->to = to;
}

/* A whole line (or lines) made, inserted at p: when p is the end of a text with no final
 * line end, the line end goes before it instead. */
static void splice_lines(edit *e, size_t p)
{
	if (p == e->n && p && e->s[p - 1] != '\n') {
		size_t nl = strlen(e->nl);
		if (e->tlen >= nl && memcmp(e->text + e->tlen - nl, e->nl, nl) == 0) {
			char *t = sp_xmalloc(e->tlen + 1);
			memcpy(t, e->nl, nl);
			memcpy(t + nl, e->text, e->tlen - nl);
			t[e->tlen] = '\0';
			free(e->text);
			e->text = t;
			e->moved_nl = true;
		}
	}
	splice_at(e, p, p);
}

/* The end of the colon after a mapping entry's key, or SIZE_MAX. */
static size_t colon_end(const edit *e, const ln *v)
{
	size_t p = v->kend;
	while (p < e->n && (e->s[p] == ' ' || e->s[p] == '\t'))
		p++;
	return p < e->n && e->s[p] == ':' ? p + 1 : SIZE_MAX;
}

/* The end of the `-` before a block list item's value, or SIZE_MAX. */
static size_t dash_end(const edit *e, const ln *v)
{
	size_t p = v->start;
	while (p > 0 && strchr(" \t\r\n", e->s[p - 1]))
		p--;
	return p > 0 && e->s[p - 1] == '-' ? p : SIZE_MAX;
}

static bool one_line(const edit *e, const ln *v)
{
	return !memchr(e->s + v->start, '\n', v->end - v->start);
}

static bool scalar_value(const json_t *v)
{
	return !json_is_object(v) && !json_is_array(v) &&
	       !(json_is_string(v) && memchr(json_string_value(v), '\n', json_string_length(v)));
}

/* The end of a block value's last line (after its line end), for a value that is replaced
 * by lines. */
static size_t value_line_end(const edit *e, const ln *v)
{
	return v->end && e->s[v->end - 1] == '\n' ? v->end : next_line(e->s, e->n, v->end);
}

/* A value written as lines replaces its key's line from the colon (or an item's dash) on: a
 * comment at the end of that line (`key: []   # none yet`, `key:   # c` above a block,
 * `key: |   # c`) stays, after the first line of what is written (`key:   # c`). */
static void keep_key_comment(edit *e, const ln *old, size_t ce)
{
	const char *s = e->s;
	size_t eol = ce;
	while (eol < e->n && s[eol] != '\n' && s[eol] != '\r')
		eol++;
	size_t from = ce;
	if (old->start >= ce && old->start <= eol) {
		from = old->end; /* after a value on the key's line; past eol when it goes on */
		if (old->kind == 'S' && old->start < eol && strchr("|>", s[old->start])) {
			from = old->start + 1; /* after a block scalar's header, `|-` */
			while (from < eol && strchr("+-0123456789", s[from]))
				from++;
		}
	}
	size_t p = from;
	while (p < eol && (s[p] == ' ' || s[p] == '\t'))
		p++;
	if (p >= eol || s[p] != '#' || p == from)
		return;
	char *first = e->text ? strpbrk(e->text, "\r\n") : NULL;
	if (!first)
		return;
	size_t at = (size_t)(first - e->text), cn = eol - from;
	e->text = sp_xrealloc(e->text, e->tlen + cn + 1);
	memmove(e->text + at + cn, e->text + at, e->tlen - at + 1);
	memcpy(e->text + at, s + from, cn);
	e->tlen += cn;
}

/* A value in flow style on one line in place of old: a string that replaces a quoted scalar
 * keeps its quotes, '…' or "…" (JSON's escapes are YAML's). */
static void put_in_place_of(edit *e, const ln *old, const json_t *v)
{
	char q = old->kind == 'S' && old->end > old->start ? e->s[old->start] : 0;
	bool printable = json_is_string(v);
	for (size_t i = 0; printable && i < json_string_length(v); i++) {
		unsigned char c = (unsigned char)json_string_value(v)[i];
		printable = c >= 0x20 && c != 0x7f;
	}
	if (q == '\'' && printable) {
		put(e, "'", 1);
		for (const char *c = json_string_value(v); *c; c++) {
			if (*c == '\'')
				put(e, "'", 1); /* '' is a quote inside '…' */
			put(e, c, 1);
		}
		put(e, "'", 1);
	} else if (q == '"' && json_is_string(v)) {
		size_t len;
		char *f = sp_json_fragment(v, false, &len);
		put(e, f, len);
		free(f);
	} else {
		put_yaml(e, v, 0, SP_FRAG_FLOW, 0);
	}
}

/* key: value, for a key that is there (YAML). */
static int yaml_replace(edit *e, const ln *parent, const ln *old, const json_t *v, bool block)
{
	if (parent->flow) {
		bool gap = old->start == old->end && old->start && e->s[old->start - 1] == ':';
		if (gap)
			puts_(e, " ");
		put_in_place_of(e, old, v);
		splice_at(e, old->start, old->end);
		return 0;
	}
	bool item = parent->kind == 'Q';
	size_t ce = item ? dash_end(e, old) : colon_end(e, old);
	if (ce == SIZE_MAX && item)
		return refuse(e, "the item's `-` is not where it is expected; edit it by hand");
	if (ce == SIZE_MAX)
		return refuse(e, "the key's `:` is not where it is expected; edit this key by hand");
	bool inline_ok = !block && one_line(e, old) && old->kind != 'A' &&
			 (scalar_value(v) || (old->flow && (json_is_object(v) || json_is_array(v))) ||
			  (json_is_array(v) && !json_array_size(v)) ||
			  (json_is_object(v) && !json_object_size(v)));
	if (inline_ok) {
		if (old->start == old->end) {
			puts_(e, " ");
			put_yaml(e, v, 0, SP_FRAG_FLOW, 0);
			splice_at(e, ce, ce);
		} else {
			put_in_place_of(e, old, v);
			splice_at(e, old->start, old->end);
		}
		return 0;
	}
	size_t col = col_of(e->s, item ? ce - 1 : old->kstart);
	put_yaml(e, v, col, item ? SP_FRAG_DASH : SP_FRAG_KEY, 0);
	keep_key_comment(e, old, ce);
	splice_at(e, ce, old->start == old->end ? next_line(e->s, e->n, ce) : value_line_end(e, old));
	return 0;
}

/* key: value, for a key that is not there yet (YAML). */
/* The root mapping's entries keep `history` last: a key added to a root whose last entry is
 * `history` goes before it. The index of the entry a new key follows (nkid - 1 without). */
static size_t follows(const edit *e, const ln *m, const char *key)
{
	size_t n = m->nkid;
	if (m == e->root && n >= 2 && strcmp(m->kid[n - 1]->key, "history") == 0 &&
	    strcmp(key, "history") != 0)
		return n - 2;
	return n - 1;
}

/* Whether a blank line comes before the line of byte p (sections set apart by blank lines). */
static bool blank_before(const edit *e, size_t p)
{
	size_t ls = line_start(e->s, p);
	if (!ls)
		return false;
	size_t prev = line_start(e->s, ls - 1), q = prev;
	while (q < ls && (e->s[q] == ' ' || e->s[q] == '\t' || e->s[q] == '\r' || e->s[q] == '\n'))
		q++;
	return q == ls;
}

/* Whether the other items of list q (mappings) write key's value in flow style: a key added
 * to one item is then written so too (`response: {date: …, outcome: …}` after the letters
 * before it). */
static bool neighbours_flow(const ln *q, const ln *m, const char *key)
{
	if (!q || q->kind != 'Q')
		return false;
	for (size_t i = q->nkid; i-- > 0;) {
		const ln *item = q->kid[i];
		if (item == m || item->kind != 'M')
			continue;
		const ln *v = ln_get(item, key);
		if (v && (v->kind == 'M' || v->kind == 'Q'))
			return v->flow;
	}
	return false;
}

static int yaml_add_key(edit *e, const ln *m, const ln *parent, const char *key, const json_t *v)
{
	json_t *k = json_string(key);
	if (!m->flow && (json_is_object(v) || json_is_array(v)) && json_object_size(v) + json_array_size(v) &&
	    neighbours_flow(parent, m, key)) {
		size_t col = col_of(e->s, m->start);
		spaces(e, col);
		put_yaml(e, k, col, SP_FRAG_NAME, 0);
		puts_(e, ": ");
		put_yaml(e, v, 0, SP_FRAG_FLOW, 0);
		puts_(e, "\n");
		splice_lines(e, after_block(e, m->end, col));
	} else if (m->flow) {
		if (m->nkid)
			puts_(e, ", ");
		put_yaml(e, k, 0, SP_FRAG_FLOW, 0);
		puts_(e, ": ");
		put_yaml(e, v, 0, SP_FRAG_FLOW, 0);
		size_t at = m->nkid ? m->kid[m->nkid - 1]->end : m->start + 1;
		splice_at(e, at, at);
	} else {
		size_t col = col_of(e->s, m->start), f = m->nkid ? follows(e, m, key) : 0;
		bool before_history = m->nkid && f + 1 < m->nkid;
		/* a document whose top-level entries are set apart by blank lines gets one too */
		bool apart = m == e->root && m->nkid >= 2 &&
			     blank_before(e, m->kid[before_history ? f + 1 : m->nkid - 1]->kstart);
		if (apart && !before_history)
			puts_(e, "\n");
		spaces(e, col);
		put_yaml(e, k, col, SP_FRAG_NAME, 0);
		puts_(e, ":");
		put_yaml(e, v, col, SP_FRAG_KEY, 0);
		if (apart && before_history)
			puts_(e, "\n");
		if (before_history)
			splice_at(e, line_start(e->s, m->kid[f + 1]->kstart), line_start(e->s, m->kid[f + 1]->kstart));
		else
			splice_lines(e, after_block(e, m->end, col));
	}
	json_decref(k);
	return 0;
}

static int json_replace(edit *e, const ln *old, const json_t *v, bool pretty)
{
	const char *base;
	size_t blen = indent_of(e, old->kend ? old->kstart : old->start, &base);
	put_json(e, v, pretty, base, blen);
	splice_at(e, old->start, old->end);
	return 0;
}

/* Whether a JSON collection is written over several lines. */
static bool json_multiline(const edit *e, const ln *c)
{
	return e->pretty && (c->nkid ? !one_line(e, c) : true);
}

/* The comma before a new member or item: then a new line at base (an object or list written
 * over lines), or the space the document puts after its commas. */
static void json_comma(edit *e, bool multi, const char *base, size_t blen)
{
	puts_(e, ",");
	if (multi) {
		puts_(e, "\n");
		put(e, base, blen);
	} else if (e->comma_space) {
		puts_(e, " ");
	}
}

static int json_add_key(edit *e, const ln *m, const char *key, const json_t *v)
{
	json_t *k = json_string(key);
	bool multi = json_multiline(e, m);
	const char *base;
	size_t blen;
	if (m->nkid) {
		const ln *last = m->kid[follows(e, m, key)];
		blen = indent_of(e, last->kstart, &base);
		json_comma(e, multi, base, blen);
		put_json(e, k, false, base, blen);
		puts_(e, e->colon_space ? ": " : ":");
		put_json(e, v, multi, base, blen);
		splice_at(e, last->end, last->end);
	} else {
		blen = indent_of(e, m->start, &base);
		if (multi) {
			puts_(e, "\n");
			put(e, base, blen);
			puts_(e, e->unit);
		}
		put_json(e, k, false, base, blen);
		puts_(e, e->colon_space ? ": " : ":");
		char *deeper = sp_xasprintf("%.*s%s", (int)blen, base, e->unit);
		put_json(e, v, multi, deeper, strlen(deeper));
		free(deeper);
		if (multi) {
			puts_(e, "\n");
			put(e, base, blen);
		}
		splice_at(e, m->start + 1, m->end - 1);
	}
	json_decref(k);
	return 0;
}

static int json_add_item(edit *e, const ln *q, const json_t *v)
{
	bool multi = json_multiline(e, q) && (q->nkid || json_is_object(v) || json_is_array(v));
	const char *base;
	size_t blen;
	if (q->nkid) {
		const ln *last = q->kid[q->nkid - 1];
		blen = indent_of(e, last->start, &base);
		json_comma(e, multi, base, blen);
		/* items written on one line each, `{"id": 1}`, are followed alike */
		bool compact = (last->kind == 'M' || last->kind == 'Q') && one_line(e, last);
		put_json(e, v, multi && !compact, base, blen);
		splice_at(e, last->end, last->end);
		return 0;
	}
	blen = indent_of(e, q->kend ? q->kstart : q->start, &base);
	char *deeper = sp_xasprintf("%.*s%s", (int)blen, base, e->unit);
	if (multi) {
		puts_(e, "\n");
		puts_(e, deeper);
	}
	put_json(e, v, multi, deeper, strlen(deeper));
	if (multi) {
		puts_(e, "\n");
		put(e, base, blen);
	}
	free(deeper);
	splice_at(e, q->start + 1, q->end - 1);
	return 0;
}

static int yaml_add_item(edit *e, const ln *parent, const ln *q, const json_t *v)
{
	if (q->flow) {
		if (!q->nkid && !(parent && parent->flow) && !scalar_value(v))
			return -2; /* `key: []` in a block becomes a block list: the caller sets it */
		if (q->nkid)
			puts_(e, ", ");
		put_yaml(e, v, 0, SP_FRAG_FLOW, 0);
		size_t at = q->nkid ? q->kid[q->nkid - 1]->end : q->start + 1;
		splice_at(e, at, at);
		return 0;
	}
	size_t col = col_of(e->s, q->start);
	const ln *last = q->kid[q->nkid - 1];
	spaces(e, col);
	puts_(e, "-");
	if (last->flow && !scalar_value(v)) {
		puts_(e, " ");
		put_yaml(e, v, 0, SP_FRAG_FLOW, 0);
		puts_(e, "\n");
	} else {
		/* `-   key:` puts a mapping deeper than `- key:`: the new item goes alike */
		size_t lc = col_of(e->s, last->start), shift = 0;
		size_t ls = line_start(e->s, last->start);
		if (last->kind == 'M' && !last->flow && lc > col + 2 && lc - col - 2 <= 8 &&
		    e->s[ls + col] == '-') /* the mapping begins on its dash's line */
			shift = lc - col - 2;
		spaces(e, shift);
		put_yaml(e, v, col, SP_FRAG_DASH, shift);
	}
	splice_lines(e, after_block(e, q->end, col));
	return 0;
}

/* The document's text with the splice made, *len bytes. */
static char *spliced(const edit *e, size_t *len)
{
	size_t n = e->n - (e->to - e->from) + e->tlen;
	char *s = sp_xmalloc(n + 1);
	memcpy(s, e->s, e->from);
	memcpy(s + e->from, e->text ? e->text : "", e->tlen);
	memcpy(s + e->from + e->tlen, e->s + e->to, e->n - e->to);
	s[n] = '\0';
	*len = n;
	return s;
}

/* json_equal(), and the keys of every mapping in the same order: an edit that puts a key
 * elsewhere than the model says (json_equal() would not see it) is not kept. */
static bool same_in_order(const json_t *a, const json_t *b)
{
	if (json_typeof(a) != json_typeof(b))
		return false;
	if (json_is_array(a)) {
		if (json_array_size(a) != json_array_size(b))
			return false;
		for (size_t i = 0; i < json_array_size(a); i++)
			if (!same_in_order(json_array_get(a, i), json_array_get(b, i)))
				return false;
		return true;
	}
	if (!json_is_object(a))
		return json_equal(a, b);
	if (json_object_size(a) != json_object_size(b))
		return false;
	void *i = json_object_iter((json_t *)a), *k = json_object_iter((json_t *)b);
	for (; i && k; i = json_object_iter_next((json_t *)a, i), k = json_object_iter_next((json_t *)b, k))
		if (strcmp(json_object_iter_key(i), json_object_iter_key(k)) != 0 ||
		    !same_in_order(json_object_iter_value(i), json_object_iter_value(k)))
			return false;
	return !i && !k;
}

static bool gives(const edit *e, const char *s, size_t n, const json_t *expected)
{
	json_t *got = read_model(e->t, s, n);
	bool same = got && same_in_order(got, expected);
	json_decref(got);
	return same;
}

static void ln_shift(ln *n, long delta)
{
	n->start = (size_t)((long)n->start + delta);
	n->end = (size_t)((long)n->end + delta);
	if (n->kend) {
		n->kstart = (size_t)((long)n->kstart + delta);
		n->kend = (size_t)((long)n->kend + delta);
	}
	for (size_t i = 0; i < n->nkid; i++)
		ln_shift(n->kid[i], delta);
}

/* Bring the layout e->root up to date with the new text s[0..n) after the splice, without
 * reading the whole document again: the top-level entries the splice touched are read again
 * on their own (a block mapping's entries at its column read alone the same), those after
 * them move by the length the splice added. False when that cannot be done (the next edit
 * reads the whole document). */
static bool relayout(edit *e, const char *s, size_t n)
{
	ln *root = e->root;
	if (e->t->json || root->kind != 'M' || root->flow || !root->nkid)
		return false;
	size_t k0 = 0, k1;
	for (size_t i = 0; i < root->nkid; i++)
		if (line_start(e->s, root->kid[i]->kstart) < e->from)
			k0 = i;
	k1 = k0;
	for (size_t i = k0; i < root->nkid; i++)
		if (line_start(e->s, root->kid[i]->kstart) < e->to)
			k1 = i;
	long delta = (long)e->tlen - (long)(e->to - e->from);
	size_t rs = line_start(e->s, root->kid[k0]->kstart);
	size_t re = k1 + 1 < root->nkid ? line_start(e->s, root->kid[k1 + 1]->kstart) : e->n;
	if (rs > e->from || re < e->to)
		return false;
	re = (size_t)((long)re + delta);
	if (re > n || rs > re)
		return false;
	ln *part = yaml_layout(s + rs, re - rs);
	if (!part || part->kind != 'M' || part->flow || !part->nkid ||
	    col_of(s, rs + part->start) != col_of(e->s, root->start)) {
		ln_free(part);
		return false;
	}
	ln_shift(part, (long)rs);
	for (size_t i = k1 + 1; i < root->nkid; i++)
		ln_shift(root->kid[i], delta);
	for (size_t i = k0; i <= k1; i++)
		ln_free(root->kid[i]);
	size_t tail = root->nkid - k1 - 1, count = k0 + part->nkid + tail;
	if (count > root->ckid) {
		root->ckid = count;
		root->kid = sp_xrealloc(root->kid, count * sizeof *root->kid);
	}
	memmove(root->kid + k0 + part->nkid, root->kid + k1 + 1, tail * sizeof *root->kid);
	memcpy(root->kid + k0, part->kid, part->nkid * sizeof *part->kid);
	root->nkid = count;
	part->nkid = 0;
	ln_free(part);
	root->start = root->kid[0]->kstart;
	root->end = root->kid[root->nkid - 1]->end;
	return true;
}

/* Apply the splice to the document's text, read it again, and keep it only when it gives
 * exactly the model expected. */
static int commit(edit *e, json_t *expected)
{
	size_t n;
	char *s = spliced(e, &n);
	bool same = gives(e, s, n, expected);
	if (!same && e->moved_nl) {
		/* a literal block `|` written last in a text with no final line end loses its own
		 * last line end: the text gets one instead */
		put(e, "\n", 1);
		free(s);
		s = spliced(e, &n);
		same = gives(e, s, n, expected);
	}
	if (!same) {
		free(s);
		if (e->moved_nl) /* a block of text `|` ends the file, without a line end */
			return refuse(e, "the file ends inside a block of text (`|` or `>`) without a "
					 "line end, and a line after it would change that text; add a "
					 "line end at the end of the file, then try again");
		return refuse(e, "this edit cannot be written without changing other parts of the "
				 "document (an anchor `&` that an alias `*` repeats, or a layout the "
				 "editor does not know); make it by hand");
	}
	e->keep = relayout(e, s, n);
	piece *d = &e->t->doc[e->doc];
	free(d->s);
	d->s = s;
	d->n = n;
	json_incref(expected);
	json_decref(e->t->model);
	e->t->model = expected;
	e->t->cur = e->doc;
	e->t->changed = true;
	e->committed = true;
	return 0;
}

static int shared(edit *e)
{
	return refuse(e, "the value is shared with another part of the document by an anchor `&` "
			 "and an alias `*`; make this edit by hand");
}

/* Follow the path as far as the layout has it: *at is the deepest node there is (segments
 * [0..*depth) of the path lead to it) and *parent its parent. A path through an alias or an
 * anchored value is refused (the model check would catch it; this says why). */
static int resolve(edit *e, const path *p, ln **at, ln **parent, size_t *depth)
{
	ln *c = e->root, *par = NULL;
	size_t i = 0;
	for (;; i++) {
		e->where = c->kend > c->kstart ? c->kstart : c->start;
		if (c->anchored || c->kind == 'A')
			return shared(e);
		ln *next = i < p->n && (c->kind == 'M' || c->kind == 'Q') ? ln_get(c, p->seg[i]) : NULL;
		if (!next)
			break;
		par = c;
		c = next;
	}
	*at = c;
	*parent = par;
	*depth = i;
	return 0;
}

/* The value to write for segments [from..n) of a path where only [0..from) exist. */
static json_t *nest(const path *p, size_t from, const json_t *value)
{
	json_t *v = json_deep_copy(value);
	for (size_t i = p->n; i-- > from + 1;) {
		json_t *o = json_object();
		json_object_set_new(o, p->seg[i], v);
		v = o;
	}
	return v;
}

/* `history` moved back to the end of the root mapping, after a key was added (the text puts
 * the key before it: follows()). */
static void history_last(json_t *root)
{
	json_t *h = json_object_get(root, "history");
	if (!h)
		return;
	json_incref(h);
	json_object_del(root, "history");
	json_object_set_new(root, "history", h);
}

/* Set the value at the path in the model, making mappings where the path goes through a
 * key that is absent or null; false (value freed) where it cannot. */
static bool model_set(json_t *root, const path *p, json_t *value)
{
	json_t *c = root;
	for (size_t i = 0; i + 1 < p->n; i++) {
		json_t *next = model_get(c, p->seg[i]);
		if (!json_is_object(next) && !json_is_array(next)) {
			if (!json_is_object(c) || (next && !json_is_null(next))) {
				json_decref(value);
				return false;
			}
			bool added = !next;
			next = json_object();
			json_object_set_new(c, p->seg[i], next);
			if (added && c == root)
				history_last(root);
		}
		c = next;
	}
	const char *last = p->seg[p->n - 1];
	if (json_is_object(c)) {
		bool added = !json_object_get(c, last);
		int rc = json_object_set_new(c, last, value);
		if (added && c == root && strcmp(last, "history") != 0)
			history_last(root);
		return rc == 0;
	}
	long k = json_is_array(c) ? seg_index(last) : -1;
	if (k < 0 || (size_t)k >= json_array_size(c)) {
		json_decref(value);
		return false;
	}
	return json_array_set_new(c, (size_t)k, value) == 0;
}

/* The splice that sets the path to value, whose result the expected model holds. block:
 * write a list or mapping as a block even where the old value was flow (`key: []`). */
static int set_path(edit *e, const path *p, const json_t *value, bool block, const json_t *expected)
{
	ln *at, *parent;
	size_t depth;
	if (resolve(e, p, &at, &parent, &depth) != 0)
		return -1;
	if (depth == p->n) /* the key or item is there: its value is replaced */
		return e->t->json ? json_replace(e, at, value, json_multiline(e, parent))
				  : yaml_replace(e, parent, at, value, block);
	if (at->kind == 'M' && at->flow && !at->nkid && !e->t->json && parent && !parent->flow &&
	    parent->kind == 'M' && depth >= 1 && (depth + 1 < p->n || json_is_object(value) ||
						  json_is_array(value))) {
		/* `key: {}` in a block that gets a mapping or list: written again as a block */
		const json_t *c = expected;
		for (size_t i = 0; i < depth && c; i++)
			c = model_get((json_t *)c, p->seg[i]);
		if (c)
			return yaml_replace(e, parent, at, c, true);
	}
	if (at->kind == 'M') { /* the key is added, with mappings for the rest of the path */
		json_t *v = nest(p, depth, value);
		int rc = e->t->json ? json_add_key(e, at, p->seg[depth], v)
				    : yaml_add_key(e, at, parent, p->seg[depth], v);
		json_decref(v);
		return rc;
	}
	if (parent && parent->kind == 'M' && depth >= 1) {
		/* a null on the way: replaced by what the model now has there */
		const json_t *c = expected;
		for (size_t i = 0; i < depth && c; i++)
			c = model_get((json_t *)c, p->seg[i]);
		if (c)
			return e->t->json ? json_replace(e, at, c, json_multiline(e, parent))
					  : yaml_replace(e, parent, at, c, false);
	}
	return refuse(e, "there is no place for the value: the path goes through a value that is "
			 "not a mapping, or a list item that is not there");
}

/* Begin an edit of path in document doc: the path split, the model, the layout. */
static bool begin(edit *e, path *p, sp_text *t, size_t doc, const char *pathstr, sp_diags *diags,
		  json_t **expected)
{
	*p = (path){0};
	*e = (edit){0};
	if (!path_split(p, pathstr)) {
		sp_diags_add(diags, SP_ERROR, t->name, (unsigned)doc + 1, (sp_pos){0, 0}, NULL,
			     "not a key path; write keys and list indexes joined by dots");
		return false;
	}
	const json_t *model = sp_text_model(t, doc, diags);
	if (!model || !edit_open(e, t, doc, diags, pathstr))
		return false;
	/* the edit changes the model in place; end() forgets it when the text does not follow */
	*expected = json_incref((json_t *)model);
	return true;
}

static void end(edit *e, path *p, json_t *expected)
{
	if (e->mutated && !e->committed && e->t) {
		json_decref(e->t->model);
		e->t->model = NULL;
		e->t->cur = SIZE_MAX;
	}
	json_decref(expected);
	edit_close(e);
	free(p->buf);
}

int sp_text_set(sp_text *t, size_t doc, const char *pathstr, const json_t *value, sp_diags *diags)
{
	path p;
	edit e;
	json_t *expected = NULL;
	int rc = -1;
	if (begin(&e, &p, t, doc, pathstr, diags, &expected)) {
		ln *at, *parent;
		size_t depth;
		e.mutated = true;
		if (!model_set(expected, &p, json_deep_copy(value))) {
			if (resolve(&e, &p, &at, &parent, &depth) == 0) /* says where */
				refuse(&e, "there is no place for the value: the path goes through a "
					   "value that is not a mapping, or a list item that is not there");
		}
		else if (set_path(&e, &p, value, false, expected) == 0)
			rc = commit(&e, expected);
	}
	end(&e, &p, expected);
	return rc;
}

long sp_text_append(sp_text *t, size_t doc, const char *pathstr, const json_t *value,
		    sp_diags *diags)
{
	path p;
	edit e;
	json_t *expected = NULL;
	if (!begin(&e, &p, t, doc, pathstr, diags, &expected)) {
		end(&e, &p, expected);
		return -1;
	}
	json_t *list = expected;
	for (size_t i = 0; list && i < p.n; i++)
		list = model_get(list, p.seg[i]);
	long rc = -1;
	if (!list || json_is_null(list)) {
		/* absent or null: the list is made, with the one item */
		end(&e, &p, expected);
		json_t *one = json_array();
		json_array_append(one, (json_t *)value);
		rc = sp_text_set(t, doc, pathstr, one, diags) == 0 ? 0 : -1;
		json_decref(one);
		return rc;
	}
	ln *at, *parent;
	size_t depth;
	int r = -1;
	if (!json_is_array(list)) {
		if (resolve(&e, &p, &at, &parent, &depth) == 0) /* says where */
			refuse(&e, "the value here is not a list; an item can only be added to a list");
	}
	else if (resolve(&e, &p, &at, &parent, &depth) == 0)
		r = depth == p.n ? 0 : refuse(&e, "the list is not where the document's text has it; "
						  "make this edit by hand");
	if (r == 0) {
		rc = (long)json_array_size(list);
		e.mutated = true;
		json_array_append_new(list, json_deep_copy(value));
		r = e.t->json ? json_add_item(&e, at, value) : yaml_add_item(&e, parent, at, value);
		if (r == -2) {
			/* `key: []` in a block: written again as a block list */
			r = set_path(&e, &p, list, true, expected);
		}
		if (r != 0 || commit(&e, expected) != 0)
			rc = -1;
	}
	end(&e, &p, expected);
	return rc;
}
