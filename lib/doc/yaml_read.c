/* SPDX-License-Identifier: MIT */
/* yaml_read.c — YAML documents into the model, one document at a time: first by the fast
 * reader (yaml_fast.c), and by libyaml's event API for every document it leaves. Core-schema
 * scalars, anchors and aliases with an expansion limit, a depth limit, duplicate keys
 * refused, and the place of every value and key kept.
 *
 * The input is read into a window that begins where the next document may begin. When the
 * fast reader leaves a document, a libyaml parser starts there (its lines and offsets are
 * counted from there, so they are shifted back onto the file) and reads until a document
 * ends where a `---` line or the end of the input follows; then the fast reader goes on. */
#include "doc/docint.h"
#include "doc/scalar.h"
#include "base/util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

/* The tag's name is text from the file (a note typed as `!Viktig …`): never quoted. */
#define UNSUPPORTED_TAG                                                                        \
	"a `!` here begins a tag, which samplan does not support; remove it, or put text that " \
	"begins with `!` in quotes"

#define TAG(x) "tag:yaml.org,2002:" x

struct frame {
	json_t *node; /* borrowed: owned by its parent or by the document */
	bool is_map;
	char *key; /* pending key of a mapping, owned */
	size_t key_len;
	sp_pos key_pos;
	size_t idx;
	char *anchor; /* owned; registered when the node ends */
	size_t nodes_at_start;
};

/* The latest definition of an anchor name; redefining a name replaces it, as YAML says. */
struct anchor {
	json_t *node; /* borrowed from the document */
	size_t nodes;
};

struct ctx {
	sp_reader *r;
	sp_doc *doc;
	sp_diags *diags;
	struct frame *st;
	size_t depth, cap;
	struct anchor *anchors;
	size_t nanchors, anchors_cap;
	/* name -> index in anchors: a jansson object, whose hash is seeded at random, so that
	 * no choice of names makes an alias's look-up slow (a search through the anchors made
	 * 99,000 aliases after 400,000 anchors take minutes) */
	json_t *anchor_index;
	size_t nodes, alias_nodes;
	size_t doc_start;
};

/* libyaml counts from where it began reading, which need not be the top of the input. */
static sp_pos mark_pos(const sp_reader *r, yaml_mark_t m)
{
	return (sp_pos){r->yp_line + (unsigned)m.line + 1, (unsigned)m.column + 1};
}

#define fail(c, ...) sp_reader_fail((c)->r, (c)->diags, __VA_ARGS__)

/* --- the window ---------------------------------------------------------------------- */

void sp_reader_yaml_fast(sp_reader *r, bool on) { r->yslow = !on; }

/* Read until at least `want` bytes follow ywin_start (or the input ends). Bytes before
 * ywin_start (and, while libyaml reads, before the place last converted) are let go. */
static void win_fill(sp_reader *r, size_t want)
{
	sp_input *in = &r->in;
	if (!r->ywin) { /* start with what format detection read ahead */
		r->ywin_len = in->len - in->pos;
		/* a file that format detection read whole (most case files) needs no more */
		r->ywin_cap = in->eof || in->len < SP_INBUF ? r->ywin_len + 64 : 2 * SP_INBUF;
		r->ywin = sp_xmalloc(r->ywin_cap);
		memcpy(r->ywin, in->buf + in->pos, r->ywin_len);
		r->ywin_abs = in->consumed + in->pos - (in->bom ? 3 : 0);
		in->pos = in->len;
		r->yline = 1;
	}
	if (r->ywin_len - r->ywin_start >= want || in->eof)
		return;
	/* let go of what is behind before reading on, when it is a good part of the window */
	size_t keep = r->ywin_start;
	if (r->parser_ready && r->ychar_at < keep)
		keep = r->ychar_at;
	if (keep && (keep >= r->ywin_cap / 2 || r->ywin_start + want > r->ywin_cap)) {
		memmove(r->ywin, r->ywin + keep, r->ywin_len - keep);
		r->ywin_len -= keep;
		r->ywin_start -= keep;
		r->ywin_abs += keep;
		if (r->parser_ready) {
			r->yfeed -= keep;
			r->ychar_at -= keep;
		}
	}
	while (r->ywin_len - r->ywin_start < want && !in->eof) {
		if (r->ywin_len == r->ywin_cap) {
			r->ywin_cap *= 2;
			r->ywin = sp_xrealloc(r->ywin, r->ywin_cap);
		}
		/* a buffer at a time: no more is read than a limit may need to see */
		size_t room = r->ywin_cap - r->ywin_len;
		size_t n = fread(r->ywin + r->ywin_len, 1, room < SP_INBUF ? room : SP_INBUF, in->f);
		r->ywin_len += n;
		if (n == 0) {
			in->eof = true;
			in->error = ferror(in->f) != 0;
		}
	}
}

/* The window byte where libyaml's character index idx is (idx not before the last one). */
static size_t win_index(sp_reader *r, unsigned long long idx)
{
	size_t i = r->ychar_at;
	unsigned long long n = r->ychars;
	while (n < idx && i < r->ywin_len) {
		i++;
		while (i < r->ywin_len && (r->ywin[i] & 0xC0) == 0x80)
			i++;
		n++;
	}
	r->ychar_at = i;
	r->ychars = n;
	return i;
}

/* Whether libyaml's document ended where another may begin that the fast reader can look
 * at: a `---` line or the end of the input. (libyaml also ends a document before any token
 * that cannot go on; the error comes after, and libyaml must be the one to give it.) */
static bool at_boundary(sp_reader *r, unsigned long long idx)
{
	size_t i = win_index(r, idx);
	if (i == r->ywin_len)
		return r->in.eof;
	const char *p = r->ywin + i;
	size_t left = r->ywin_len - i;
	if (left < 3 || memcmp(p, "---", 3) != 0)
		return false;
	return left == 3 ? r->in.eof : p[3] == ' ' || p[3] == '\n';
}

/* Feed libyaml from the window. libyaml holds a whole scalar in memory before it hands it
 * over, so the size limit is also kept here: once the current document has been fed well
 * past max_doc_bytes, feeding stops and the parse fails. */
static int read_handler(void *data, unsigned char *buffer, size_t size, size_t *size_read)
{
	sp_reader *r = data;
	*size_read = 0;
	if (r->yfeed - r->ywin_start > r->lim.max_doc_bytes + SP_INBUF) {
		r->too_big = true;
		return 0;
	}
	if (r->yfeed == r->ywin_len) {
		if (r->in.eof)
			return !r->in.error;
		win_fill(r, r->yfeed - r->ywin_start + SP_INBUF);
	}
	size_t n = r->ywin_len - r->yfeed < size ? r->ywin_len - r->yfeed : size;
	memcpy(buffer, r->ywin + r->yfeed, n);
	r->yfeed += n;
	*size_read = n;
	return n || !r->in.error;
}

/* Line and column of a byte offset, by reading the file again (regular files only). */
static sp_pos offset_pos(sp_reader *r, size_t offset)
{
	sp_pos p = {0, 0};
	FILE *f = r->in.f;
	if (f == stdin || fseek(f, 0, SEEK_SET) != 0)
		return p;
	p = (sp_pos){1, 1};
	int ch;
	size_t i = 0;
	if (r->in.bom)
		offset += 3;
	for (; i < offset && (ch = getc(f)) != EOF; i++) {
		if (ch == '\n')
			p.line++, p.col = 1;
		else if ((ch & 0xC0) != 0x80)
			p.col++;
	}
	return p;
}

static int parser_error(struct ctx *c)
{
	yaml_parser_t *ps = &c->r->parser;
	const char *problem = ps->problem ? ps->problem : "unknown problem";
	if (c->r->too_big)
		return fail(c, mark_pos(c->r, ps->mark), "the document is larger than %zu bytes; split it",
			    c->r->lim.max_doc_bytes);
	if (ps->error == YAML_READER_ERROR) {
		/* libyaml counts from where it began reading */
		unsigned long long at = c->r->yp_abs + ps->problem_offset;
		sp_pos pos = offset_pos(c->r, (size_t)at);
		if (strstr(problem, "UTF-8") || strstr(problem, "utf-8"))
			return fail(c, pos, "the file is not valid UTF-8 text (byte %llu); save it "
					    "as UTF-8", at + 1);
		return fail(c, pos, "the file contains a character YAML does not allow (a control "
				    "character, byte %llu); remove it", at + 1);
	}
	if (ps->error == YAML_MEMORY_ERROR)
		return fail(c, (sp_pos){0, 0}, "out of memory while reading YAML");
	sp_pos pos = mark_pos(c->r, ps->problem_mark);
	if (strstr(problem, "tab character")) /* "found a tab character that violates indentation" */
		return fail(c, pos, "a tab character is used for indentation; YAML indents with "
				    "spaces only — replace the tab with spaces");
	if (strstr(problem, "cannot start any token")) {
		const unsigned char *p = ps->buffer.pointer;
		if (p && p < ps->buffer.last && *p == '\t')
			return fail(c, pos, "a tab character is used for indentation; YAML "
					    "indents with spaces only — replace the tab with spaces");
		return fail(c, pos, "this character cannot start a value; put the text in "
				    "quotes");
	}
	if (strstr(problem, "mapping values are not allowed"))
		return fail(c, pos, "a `:` here is not allowed; put text that contains \": \" in "
				    "quotes, or check the indentation of this line");
	if (strstr(problem, "did not find expected key") ||
	    strstr(problem, "did not find expected '-'"))
		return fail(c, pos, "this line is not indented like the lines above it; line it "
				    "up with the keys (or the `-` items) it belongs with");
	if (strstr(problem, "unexpected end of stream") ||
	    strstr(problem, "did not find expected ',' or"))
		return fail(c, pos, "the text ends before a quote or bracket is closed (%s); "
				    "close it, or check that the file is complete", problem);
	if (strstr(problem, "found undefined tag handle"))
		return fail(c, pos, "unknown tag handle; remove the `!` tag");
	const char *context = ps->context ? ps->context : "";
	return fail(c, pos, "YAML syntax error: %s%s%s; check this line and the one before it",
		    problem, *context ? ", " : "", context);
}

static void push(struct ctx *c, json_t *node, bool is_map, const char *anchor)
{
	if (c->depth == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 16;
		c->st = sp_xrealloc(c->st, c->cap * sizeof *c->st);
	}
	c->st[c->depth++] = (struct frame){node, is_map, NULL, 0, {0, 0}, 0,
					   anchor ? sp_xstrdup(anchor) : NULL, c->nodes};
}

static void add_anchor(struct ctx *c, const char *name, json_t *node, size_t nodes)
{
	if (!c->anchor_index)
		c->anchor_index = json_object();
	json_t *at = json_object_get(c->anchor_index, name);
	if (at) {
		c->anchors[json_integer_value(at)] = (struct anchor){node, nodes};
		return;
	}
	if (c->nanchors == c->anchors_cap) {
		c->anchors_cap = c->anchors_cap ? 2 * c->anchors_cap : 8;
		c->anchors = sp_xrealloc(c->anchors, c->anchors_cap * sizeof *c->anchors);
	}
	c->anchors[c->nanchors] = (struct anchor){node, nodes};
	/* libyaml has checked that its input is UTF-8 */
	json_object_set_new_nocheck(c->anchor_index, name, json_integer((json_int_t)c->nanchors));
	c->nanchors++;
}

static const struct anchor *find_anchor(const struct ctx *c, const char *name)
{
	json_t *at = c->anchor_index ? json_object_get(c->anchor_index, name) : NULL;
	return at ? &c->anchors[json_integer_value(at)] : NULL;
}

static void clear_doc_state(struct ctx *c)
{
	for (size_t i = 0; i < c->depth; i++) {
		free(c->st[i].key);
		free(c->st[i].anchor);
	}
	c->depth = 0;
	json_decref(c->anchor_index);
	c->anchor_index = NULL;
	c->nanchors = 0;
	c->nodes = c->alias_nodes = 0;
}

/* Place a new value (reference stolen) under the current container, or as the root. */
static int attach(struct ctx *c, json_t *v, sp_pos pos)
{
	if (++c->nodes > c->r->lim.max_nodes) {
		json_decref(v);
		return fail(c, pos, "the document has more than %zu values; split it",
			    c->r->lim.max_nodes);
	}
	if (c->depth == 0) {
		c->doc->root = v;
		c->doc->pos = pos;
		return 0;
	}
	struct frame *f = &c->st[c->depth - 1];
	if (f->is_map) {
		/* a key seen before is found here, without a lookup of its own: setting it
		 * again replaces the value instead of adding a member */
		size_t before = json_object_size(f->node);
		json_object_setn_new_nocheck(f->node, f->key, f->key_len, v);
		if (json_object_size(f->node) == before) {
			sp_pos first = sp_doc_key_pos(c->doc, f->node, f->key);
			return fail(c, f->key_pos, "the key `%s` appears twice in the same mapping "
						   "(first on line %u); remove or rename one of them",
				    f->key, first.line);
		}
		sp_postab_put(c->doc->tab, f->node, f->key, 0, pos, f->key_pos);
		free(f->key);
		f->key = NULL;
	} else {
		json_array_append_new(f->node, v);
		sp_postab_put(c->doc->tab, f->node, NULL, f->idx++, pos, (sp_pos){0, 0});
	}
	return 0;
}

static bool expecting_key(const struct ctx *c)
{
	return c->depth && c->st[c->depth - 1].is_map && !c->st[c->depth - 1].key;
}

static int take_key(struct ctx *c, yaml_event_t *e)
{
	struct frame *f = &c->st[c->depth - 1];
	sp_pos pos = mark_pos(c->r, e->start_mark);
	/* take the text from the event rather than copy it (libyaml allocates with malloc);
	 * scalar() has refused a NUL in it */
	f->key = (char *)e->data.scalar.value;
	f->key_len = e->data.scalar.length;
	e->data.scalar.value = NULL;
	f->key_pos = pos;
	return 0;
}

static json_t *scalar_value(struct ctx *c, const yaml_event_t *e, int *rc)
{
	const char *s = (const char *)e->data.scalar.value;
	size_t len = e->data.scalar.length;
	const char *tag = (const char *)e->data.scalar.tag;
	sp_pos pos = mark_pos(c->r, e->start_mark);
	*rc = 0;
	bool plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	if (tag && strcmp(tag, "!") != 0 && strcmp(tag, TAG("str")) != 0) {
		static const struct { const char *tag; sp_scalar_type t; } known[] = {
		    {TAG("null"), SP_SC_NULL}, {TAG("bool"), SP_SC_BOOL},
		    {TAG("int"), SP_SC_INT}, {TAG("float"), SP_SC_FLOAT}};
		for (size_t i = 0; i < sizeof known / sizeof *known; i++) {
			if (strcmp(tag, known[i].tag) != 0)
				continue;
			sp_scalar_type t = sp_scalar_resolve(s, len);
			if (t == SP_SC_INT && known[i].t == SP_SC_FLOAT)
				t = SP_SC_FLOAT;
			if (t != known[i].t) {
				*rc = fail(c, pos, "the value does not fit its tag `%s`; remove the "
						   "tag or correct the value", tag);
				return NULL;
			}
			plain = true;
			goto resolve;
		}
		*rc = fail(c, pos, UNSUPPORTED_TAG);
		return NULL;
	}
	if (tag || !plain)
		return json_stringn_nocheck(s, len); /* libyaml has checked the UTF-8 */
resolve:;
	sp_scalar_type t = sp_scalar_resolve(s, len);
	if (t == SP_SC_SPECIAL) {
		*rc = fail(c, pos, "infinite and not-a-number values are not supported; put the "
				   "text in quotes if it is text");
		return NULL;
	}
	const char *why = NULL;
	json_t *v = sp_scalar_value(s, len, t, &why);
	if (!v)
		*rc = fail(c, pos, "%s", why ? why : "the text cannot be held");
	return v;
}

/* Copy an anchored value for an alias, keeping the places of its parts. */
static json_t *copy_node(struct ctx *c, const json_t *src, unsigned depth, int *rc)
{
	if (!json_is_object(src) && !json_is_array(src))
		return json_incref((json_t *)src); /* scalars are never changed in place */
	if (c->depth + depth >= c->r->lim.max_depth) { /* as start_container counts */
		*rc = -1;
		return NULL;
	}
	sp_postab *tab = c->doc->tab;
	if (json_is_object(src)) {
		json_t *dst = json_object();
		const char *k;
		json_t *v;
		json_object_foreach((json_t *)src, k, v) {
			json_t *cv = copy_node(c, v, depth + 1, rc);
			if (!cv) {
				json_decref(dst);
				return NULL;
			}
			sp_pos vp = {0, 0}, kp = {0, 0};
			sp_postab_get(tab, src, k, 0, &vp, &kp);
			json_object_set_new_nocheck(dst, k, cv);
			sp_postab_put(tab, dst, k, 0, vp, kp);
		}
		return dst;
	}
	json_t *dst = json_array();
	for (size_t i = 0; i < json_array_size(src); i++) {
		json_t *cv = copy_node(c, json_array_get(src, i), depth + 1, rc);
		if (!cv) {
			json_decref(dst);
			return NULL;
		}
		sp_pos vp = {0, 0};
		sp_postab_get(tab, src, NULL, i, &vp, NULL);
		json_array_append_new(dst, cv);
		sp_postab_put(tab, dst, NULL, i, vp, (sp_pos){0, 0});
	}
	return dst;
}

static int alias(struct ctx *c, const yaml_event_t *e)
{
	sp_pos pos = mark_pos(c->r, e->start_mark);
	const char *name = (const char *)e->data.alias.anchor;
	if (expecting_key(c))
		return fail(c, pos, "an alias cannot be used as a key; write the key as text");
	const struct anchor *a = find_anchor(c, name);
	if (!a)
		return fail(c, pos, "a `*` here begins an alias, and no anchor (`&NAME`) before it "
				    "has its name; define the anchor first, or put text that begins "
				    "with `*` in quotes");
	c->alias_nodes += a->nodes;
	if (c->alias_nodes > c->r->lim.max_alias_nodes || c->nodes + a->nodes > c->r->lim.max_nodes)
		return fail(c, pos, "aliases expand to more than %zu values (a \"billion laughs\" "
				    "file); the document is refused — write the values out or use "
				    "fewer aliases", c->r->lim.max_alias_nodes);
	int rc = 0;
	json_t *v = copy_node(c, a->node, 0, &rc);
	if (!v)
		return fail(c, pos, "the alias nests deeper than %u levels; the document is "
				    "refused", c->r->lim.max_depth);
	c->nodes += a->nodes - 1;
	return attach(c, v, pos);
}

static int start_container(struct ctx *c, const yaml_event_t *e, bool is_map)
{
	sp_pos pos = mark_pos(c->r, e->start_mark);
	const char *tag = (const char *)(is_map ? e->data.mapping_start.tag : e->data.sequence_start.tag);
	const char *anchor = (const char *)(is_map ? e->data.mapping_start.anchor : e->data.sequence_start.anchor);
	if (expecting_key(c))
		return fail(c, pos, "a key must be plain text, not a %s; write the key as text",
			    is_map ? "mapping" : "list");
	if (tag && strcmp(tag, is_map ? TAG("map") : TAG("seq")) != 0 && strcmp(tag, "!") != 0)
		return fail(c, pos, UNSUPPORTED_TAG);
	if (c->depth >= c->r->lim.max_depth)
		return fail(c, pos, "the document nests deeper than %u levels; samplan files "
				    "need far fewer — check the indentation", c->r->lim.max_depth);
	json_t *v = is_map ? json_object() : json_array();
	if (attach(c, v, pos) < 0)
		return -1;
	push(c, v, is_map, anchor);
	return 0;
}

static void end_container(struct ctx *c)
{
	struct frame *f = &c->st[--c->depth];
	if (f->anchor) {
		add_anchor(c, f->anchor, f->node, c->nodes - f->nodes_at_start + 1);
		free(f->anchor);
	}
}

static int scalar(struct ctx *c, yaml_event_t *e)
{
	if (e->data.scalar.length > c->r->lim.max_string)
		return fail(c, mark_pos(c->r, e->start_mark), "a text is longer than %zu bytes; "
							 "shorten it", c->r->lim.max_string);
	/* "\0" in a double-quoted YAML text: JSON's \u0000 is refused too (no C string,
	 * key or file name can hold it). No other style can hold a NUL: libyaml refuses it
	 * as a raw character. */
	if (e->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE &&
	    memchr(e->data.scalar.value, 0, e->data.scalar.length))
		return fail(c, mark_pos(c->r, e->start_mark), "a text contains \\0, which samplan does not "
							 "accept; remove it");
	if (expecting_key(c))
		return take_key(c, e);
	int rc;
	json_t *v = scalar_value(c, e, &rc);
	if (!v)
		return -1;
	if (e->data.scalar.anchor)
		add_anchor(c, (const char *)e->data.scalar.anchor, v, 1);
	return attach(c, v, mark_pos(c->r, e->start_mark));
}

static int handle(struct ctx *c, yaml_event_t *e)
{
	if (c->doc && e->end_mark.index - c->doc_start > c->r->lim.max_doc_bytes)
		return fail(c, mark_pos(c->r, e->start_mark), "the document is larger than %zu bytes; "
							 "split it", c->r->lim.max_doc_bytes);
	switch (e->type) {
	case YAML_SCALAR_EVENT:
		return scalar(c, e);
	case YAML_ALIAS_EVENT:
		return alias(c, e);
	case YAML_MAPPING_START_EVENT:
		return start_container(c, e, true);
	case YAML_SEQUENCE_START_EVENT:
		return start_container(c, e, false);
	case YAML_MAPPING_END_EVENT:
	case YAML_SEQUENCE_END_EVENT:
		end_container(c);
		return 0;
	default:
		return 0;
	}
}

/* The next document as the fast reader reads it: 1, 0 at the end, -2 to use libyaml. */
static int fast_next(sp_reader *r, sp_doc **out)
{
	for (size_t want = SP_INBUF;; want *= 2) {
		win_fill(r, want);
		sp_doc *doc = sp_doc_new(r);
		sp_yfast_in in = {r->ywin + r->ywin_start, r->ywin_len - r->ywin_start, r->in.eof,
				  !r->ystarted, r->yline, &r->lim};
		sp_yfast_out o;
		int rc = sp_yfast_doc(&in, doc, &o);
		if (rc == SP_YFAST_DOC || rc == SP_YFAST_END) {
			r->ywin_start += o.used;
			r->yline = o.line;
		}
		if (rc == SP_YFAST_DOC) {
			doc->format = SP_FMT_YAML;
			r->last_nodes = o.nodes;
			r->ystarted = true;
			*out = doc;
			return 1;
		}
		sp_doc_free(doc);
		if (rc == SP_YFAST_END)
			return 0;
		if (rc != SP_YFAST_MORE || r->in.eof || want > r->lim.max_doc_bytes + SP_INBUF)
			return -2;
	}
}

int sp_yaml_next(sp_reader *r, sp_doc **out, sp_diags *diags)
{
	if (!r->parser_ready) {
		if (!r->yslow) {
			int rc = fast_next(r, out);
			if (rc != -2)
				return rc;
		} else {
			win_fill(r, SP_INBUF);
		}
		if (!yaml_parser_initialize(&r->parser))
			return -1;
		yaml_parser_set_input(&r->parser, read_handler, r);
		r->parser_ready = r->ystarted = true;
		r->yfeed = r->ychar_at = r->ywin_start;
		r->ychars = 0;
		r->yp_abs = r->ywin_abs + r->ywin_start;
		r->yp_line = r->yline - 1;
	}
	struct ctx c = {.r = r, .diags = diags};
	int rc = -1;
	for (;;) {
		yaml_event_t e;
		if (!yaml_parser_parse(&r->parser, &e)) {
			parser_error(&c);
			break;
		}
		yaml_event_type_t type = e.type;
		if (type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&e);
			rc = 0;
			break;
		}
		if (type == YAML_DOCUMENT_START_EVENT) {
			c.doc = sp_doc_new(r);
			c.doc->format = SP_FMT_YAML;
			c.doc_start = e.start_mark.index;
			r->ywin_start = win_index(r, e.start_mark.index); /* for the size limit */
			yaml_event_delete(&e);
			continue;
		}
		if (type == YAML_DOCUMENT_END_EVENT) {
			/* a document that ends where a line begins (at `---` or the end) lets the
			 * fast reader go on from there; after `...` libyaml reads on */
			if (e.end_mark.column == 0 && !r->yslow && at_boundary(r, e.end_mark.index)) {
				r->ywin_start = win_index(r, e.end_mark.index);
				r->yline = r->yp_line + (unsigned)e.end_mark.line + 1;
				yaml_parser_delete(&r->parser);
				r->parser_ready = false;
			}
			yaml_event_delete(&e);
			r->ylibyaml_docs++;
			rc = 1;
			break;
		}
		int hr = c.doc ? handle(&c, &e) : 0;
		yaml_event_delete(&e);
		if (hr < 0)
			break;
	}
	r->last_nodes = c.nodes;
	clear_doc_state(&c);
	free(c.st);
	free(c.anchors);
	if (rc == 1) {
		if (!c.doc->root) /* an empty document is null, as in YAML */
			c.doc->root = json_null();
		*out = c.doc;
	} else {
		sp_doc_free(c.doc);
	}
	return rc;
}
