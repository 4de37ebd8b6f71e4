/* SPDX-License-Identifier: MIT */
/* template.c — Mustache rendering: a parsed template (template_parse.c) against a stack of
 * jansson values. The spec defines the indentation of partials and inheritance blocks in
 * terms of template lines, so those are re-indented as text and parsed where they are used. */
#include "letters/template.h"
#include "letters/templateint.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>

static const sp_span default_open = {"{{", 2}, default_close = {"}}", 2};

/* --- text helpers ------------------------------------------------------------------- */

typedef struct {
	char *s;
	size_t n, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		while (b->n + n + 1 > b->cap)
			b->cap = b->cap ? 2 * b->cap : 256;
		b->s = sp_xrealloc(b->s, b->cap);
	}
	if (n) /* s may be NULL then */
		memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static size_t line_len(const char *s, size_t n)
{
	const char *nl = memchr(s, '\n', n);
	return nl ? (size_t)(nl - s) + 1 : n;
}

static bool blank_line(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!sp_blank(s[i]) && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

/* Prefix lines of s with indent: every line (partials) or those with more than blanks. */
static void indent_lines(buf *out, const char *s, size_t n, sp_span indent, bool every)
{
	for (size_t i = 0; i < n;) {
		size_t l = line_len(s + i, n - i);
		if (every || !blank_line(s + i, l))
			put(out, indent.s, indent.n);
		put(out, s + i, l);
		i += l;
	}
	if (!out->s)
		put(out, "", 0);
}

/* The blanks that start every line of s with more than blanks on it. */
static sp_span margin(sp_span s)
{
	sp_span m = {NULL, 0};
	for (size_t i = 0; i < s.n;) {
		size_t l = line_len(s.s + i, s.n - i), b = 0;
		if (!blank_line(s.s + i, l)) {
			while (sp_blank(s.s[i + b]))
				b++;
			if (!m.s) {
				m = (sp_span){s.s + i, b};
			} else {
				size_t k = 0;
				while (k < m.n && k < b && m.s[k] == s.s[i + k])
					k++;
				m.n = k;
			}
		}
		i += l;
	}
	return m;
}

/* s without its margin; lines of blanks lose their blanks. */
static void dedent(buf *out, sp_span s)
{
	size_t m = margin(s).n;
	for (size_t i = 0; i < s.n;) {
		size_t l = line_len(s.s + i, s.n - i), skip = m;
		if (blank_line(s.s + i, l))
			for (skip = 0; skip < l && sp_blank(s.s[i + skip]);)
				skip++;
		put(out, s.s + i + skip, l - skip);
		i += l;
	}
	if (!out->s)
		put(out, "", 0);
}

/* --- rendering ---------------------------------------------------------------------- */

typedef struct {
	char *name, *text; /* text NULL: no such partial */
} cached;

typedef struct {
	sp_escape esc;
	sp_partial_fn load;
	void *ctx;
	cached *cache;
	size_t ncache, capcache;
	/* name -> index in cache: dynamic names (`{{>*x}}` in a section over a list) can be
	 * as many as the section passes, and a search through them all would be quadratic */
	json_t *cache_index;
	const json_t **stack;
	size_t nstack, capstack;
	const sp_tnode **blocks; /* overriding blocks, outermost first */
	size_t nblocks, capblocks;
	json_t *block_index; /* name -> index in blocks of the outermost override of it */
	buf out;
	unsigned depth;
	unsigned long expansions;
	size_t parsed; /* bytes of partials, parents and blocks parsed */
	unsigned long passes; /* section renders, one per list item */
	const char *where; /* "partial `x`: " or "" */
	char *err;
} renderer;

static int render_kids(renderer *r, const sp_tnode *n);

static int render_fail(renderer *r, const sp_tnode *at, const char *msg)
{
	if (at)
		r->err = sp_xasprintf("%sline %u, column %u: %s", r->where, at->line, at->col, msg);
	else
		r->err = sp_xstrdup(msg);
	return -1;
}

static int emit(renderer *r, const char *s, size_t n)
{
	if (r->out.n + n > SP_TEMPLATE_MAX_OUTPUT)
		return render_fail(r, NULL, "output longer than 16 MiB");
	put(&r->out, s, n);
	return 0;
}

static int emit_escaped(renderer *r, const char *s, size_t n, sp_escape esc)
{
	size_t from = 0;
	for (size_t i = 0; i < n; i++) {
		const char *e = NULL;
		switch (s[i]) {
		case '&':
			e = "&amp;";
			break;
		case '<':
			e = "&lt;";
			break;
		case '>':
			e = "&gt;";
			break;
		case '"':
			e = "&quot;";
			break;
		case '\'':
			e = esc == SP_ESCAPE_XML ? "&apos;" : NULL;
			break;
		}
		if (!e || esc == SP_ESCAPE_NONE)
			continue;
		if (emit(r, s + from, i - from) < 0 || emit(r, e, strlen(e)) < 0)
			return -1;
		from = i + 1;
	}
	return emit(r, s + from, n - from);
}

static int emit_value(renderer *r, const json_t *v, sp_escape esc)
{
	char num[64];
	switch (json_typeof(v)) {
	case JSON_STRING:
		return emit_escaped(r, json_string_value(v), json_string_length(v), esc);
	case JSON_INTEGER:
		snprintf(num, sizeof num, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		break;
	case JSON_REAL:
		/* the shortest form that reads back the same: 1.21, not 1.2100000000000000 */
		for (int prec = 1; prec <= 17; prec++) {
			snprintf(num, sizeof num, "%.*g", prec, json_real_value(v));
			if (strtod(num, NULL) == json_real_value(v))
				break;
		}
		break;
	case JSON_TRUE:
		strcpy(num, "true");
		break;
	case JSON_FALSE:
		strcpy(num, "false");
		break;
	default:
		return 0;
	}
	return emit(r, num, strlen(num));
}

static const json_t *lookup(const renderer *r, sp_span name)
{
	if (name.n == 1 && name.s[0] == '.')
		return r->nstack ? r->stack[r->nstack - 1] : NULL;
	const char *dot = memchr(name.s, '.', name.n);
	size_t seg = dot ? (size_t)(dot - name.s) : name.n;
	const json_t *v = NULL;
	for (size_t i = r->nstack; i-- > 0 && !v;)
		if (json_is_object(r->stack[i]))
			v = json_object_getn(r->stack[i], name.s, seg);
	for (size_t at = seg + 1; v && at <= name.n; at += seg + 1) {
		dot = memchr(name.s + at, '.', name.n - at);
		seg = dot ? (size_t)(dot - name.s) - at : name.n - at;
		v = json_is_object(v) ? json_object_getn(v, name.s + at, seg) : NULL;
	}
	return v;
}

static bool falsey(const json_t *v)
{
	return !v || json_is_false(v) || json_is_null(v) ||
	       (json_is_array(v) && json_array_size(v) == 0) ||
	       (json_is_string(v) && json_string_length(v) == 0);
}

static void push(renderer *r, const json_t *v)
{
	if (r->nstack == r->capstack) {
		r->capstack = r->capstack ? 2 * r->capstack : 16;
		r->stack = sp_xrealloc(r->stack, r->capstack * sizeof *r->stack);
	}
	r->stack[r->nstack++] = v;
}

static int render_section(renderer *r, const sp_tnode *n)
{
	const json_t *v = lookup(r, n->s);
	if (n->k == SP_T_INVERTED)
		return falsey(v) ? render_kids(r, n) : 0;
	if (falsey(v))
		return 0;
	size_t count = json_is_array(v) ? json_array_size(v) : 1;
	for (size_t i = 0; i < count; i++) {
		/* nested sections over lists multiply: 8 deep over 10 items is 10^8 passes with
		 * no output to stop them */
		if (++r->passes > SP_TEMPLATE_MAX_PASSES) {
			char msg[80];
			snprintf(msg, sizeof msg, "more than %d section passes", SP_TEMPLATE_MAX_PASSES);
			return render_fail(r, n, msg);
		}
		push(r, json_is_array(v) ? json_array_get(v, i) : v);
		int rc = render_kids(r, n);
		r->nstack--;
		if (rc < 0)
			return -1;
	}
	return 0;
}

/* The text of partial name (NULL if none), loaded once per render. */
static const char *partial_text(renderer *r, const char *name)
{
	if (!r->cache_index)
		r->cache_index = json_object();
	json_t *at = json_object_get(r->cache_index, name);
	if (at)
		return r->cache[json_integer_value(at)].text;
	if (r->ncache == r->capcache) {
		r->capcache = r->capcache ? 2 * r->capcache : 16;
		r->cache = sp_xrealloc(r->cache, r->capcache * sizeof *r->cache);
	}
	cached *c = &r->cache[r->ncache];
	c->name = sp_xstrdup(name);
	c->text = r->load ? r->load(name, r->ctx) : NULL;
	/* nocheck: the index is never written out, so a name need not be UTF-8 */
	json_object_set_new_nocheck(r->cache_index, name, json_integer((json_int_t)r->ncache));
	r->ncache++;
	return c->text;
}

/* Parse and render text (a partial, parent or block) for the tag at. */
static int render_text(renderer *r, const sp_tnode *at, const char *text, size_t len, sp_span open,
                       sp_span close, const char *label)
{
	if (r->depth >= SP_TEMPLATE_MAX_DEPTH) {
		char msg[80];
		snprintf(msg, sizeof msg, "partials nested deeper than %d", SP_TEMPLATE_MAX_DEPTH);
		return render_fail(r, at, msg);
	}
	if (++r->expansions > SP_TEMPLATE_MAX_EXPANSIONS) {
		char msg[80];
		snprintf(msg, sizeof msg, "more than %d partials and blocks expanded",
		         SP_TEMPLATE_MAX_EXPANSIONS);
		return render_fail(r, at, msg);
	}
	r->parsed += len;
	if (r->parsed > SP_TEMPLATE_MAX_PARSED)
		return render_fail(r, at, "more than 64 MiB of partials, parents and blocks expanded");
	sp_tnode root;
	char *err = NULL;
	if (sp_template_parse(text, len, open, close, &root, &err) < 0) {
		r->err = sp_xasprintf("%s%s", label, err);
		free(err);
		return -1;
	}
	const char *where = r->where;
	r->where = label;
	r->depth++;
	int rc = render_kids(r, &root);
	r->depth--;
	r->where = where;
	sp_tnode_free_kids(&root);
	return rc;
}

/* The partial or parent named by n: its name, or for `>*x` the string x holds. */
static const char *target(renderer *r, const sp_tnode *n, char **owned)
{
	if (n->dynamic) {
		const json_t *v = lookup(r, n->s);
		return json_is_string(v) ? json_string_value(v) : NULL;
	}
	return *owned = sp_xstrndup(n->s.s, n->s.n);
}

static int render_partial(renderer *r, const sp_tnode *n)
{
	char *owned = NULL;
	const char *name = target(r, n, &owned);
	const char *text = name ? partial_text(r, name) : NULL;
	if (!text) {
		free(owned);
		return 0;
	}
	char *label = sp_xasprintf("%s `%s`: ", n->k == SP_T_PARENT ? "parent" : "partial", name);
	buf b = {0};
	if (n->standalone)
		indent_lines(&b, text, strlen(text), n->indent, true);
	int rc = render_text(r, n, b.s ? b.s : text, b.s ? b.n : strlen(text), default_open,
	                     default_close, label);
	free(b.s);
	free(label);
	free(owned);
	return rc;
}

/* A parent's blocks override those of the same name in what it includes, unless a parent
 * around it overrides them first: a name is indexed by its outermost override, so that a
 * block finds it without a search through every override (quadratic in a template's size). */
static int render_parent(renderer *r, const sp_tnode *n)
{
	size_t mark = r->nblocks;
	if (!r->block_index)
		r->block_index = json_object();
	for (size_t i = 0; i < n->nkids; i++) {
		const sp_tnode *b = &n->kids[i];
		if (b->k != SP_T_BLOCK)
			continue;
		if (r->nblocks == r->capblocks) {
			r->capblocks = r->capblocks ? 2 * r->capblocks : 16;
			r->blocks = sp_xrealloc(r->blocks, r->capblocks * sizeof *r->blocks);
		}
		if (!json_object_getn(r->block_index, b->s.s, b->s.n))
			json_object_setn_new_nocheck(r->block_index, b->s.s, b->s.n,
						     json_integer((json_int_t)r->nblocks));
		r->blocks[r->nblocks++] = b;
	}
	int rc = render_partial(r, n);
	for (size_t i = mark; i < r->nblocks; i++) { /* the names this parent indexed */
		sp_span s = r->blocks[i]->s;
		json_t *at = json_object_getn(r->block_index, s.s, s.n);
		if (at && json_integer_value(at) == (json_int_t)i)
			json_object_deln(r->block_index, s.s, s.n);
	}
	r->nblocks = mark;
	return rc;
}

/* A block renders the outermost override of its name, else its own content; a standalone
 * block's lines lose their indentation where written and gain it where inserted. */
static int render_block(renderer *r, const sp_tnode *n)
{
	json_t *at = r->block_index ? json_object_getn(r->block_index, n->s.s, n->s.n) : NULL;
	const sp_tnode *src = at ? r->blocks[json_integer_value(at)] : n;
	buf text = {0}, b = {0};
	if (src->standalone)
		dedent(&text, src->body);
	else
		put(&text, src->body.s, src->body.n);
	if (n->standalone) {
		sp_span indent = margin(n->body);
		indent_lines(&b, text.s, text.n, indent.n ? indent : n->indent, false);
	}
	char *label = sp_xasprintf("block `%.*s`: ", sp_span_shown(n->s), n->s.s);
	int rc =
	    render_text(r, n, b.s ? b.s : text.s, b.s ? b.n : text.n, src->open, src->close, label);
	free(label);
	free(text.s);
	free(b.s);
	return rc;
}

static int render_node(renderer *r, const sp_tnode *n)
{
	switch (n->k) {
	case SP_T_TEXT:
		return emit(r, n->s.s, n->s.n);
	case SP_T_VAR:
	case SP_T_RAW: {
		const json_t *v = lookup(r, n->s);
		return v ? emit_value(r, v, n->k == SP_T_VAR ? r->esc : SP_ESCAPE_NONE) : 0;
	}
	case SP_T_SECTION:
	case SP_T_INVERTED:
		return render_section(r, n);
	case SP_T_PARTIAL:
		return render_partial(r, n);
	case SP_T_PARENT:
		return render_parent(r, n);
	case SP_T_BLOCK:
		return render_block(r, n);
	default:
		return 0;
	}
}

static int render_kids(renderer *r, const sp_tnode *n)
{
	for (size_t i = 0; i < n->nkids; i++)
		if (render_node(r, &n->kids[i]) < 0)
			return -1;
	return 0;
}

char *sp_template_render(const char *tmpl, size_t len, const json_t *data, sp_escape esc,
                         sp_partial_fn partials, void *ctx, char **error)
{
	renderer r = {.esc = esc, .load = partials, .ctx = ctx, .where = ""};
	sp_tnode root;
	char *err = NULL;
	if (error)
		*error = NULL;
	if (sp_template_parse(tmpl, len, default_open, default_close, &root, &err) < 0) {
		if (error)
			*error = err;
		else
			free(err);
		return NULL;
	}
	if (data)
		push(&r, data);
	int rc = render_kids(&r, &root);
	sp_tnode_free_kids(&root);
	for (size_t i = 0; i < r.ncache; i++) {
		free(r.cache[i].name);
		free(r.cache[i].text);
	}
	free(r.cache);
	json_decref(r.cache_index);
	json_decref(r.block_index);
	free(r.stack);
	free(r.blocks);
	if (rc < 0) {
		free(r.out.s);
		if (error)
			*error = r.err;
		else
			free(r.err);
		return NULL;
	}
	if (!r.out.s)
		put(&r.out, "", 0);
	return r.out.s;
}
