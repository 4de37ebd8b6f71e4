/* SPDX-License-Identifier: MIT */
/* json_read.c — JSON documents into the model: one value, a top-level array of documents,
 * or JSON Lines / concatenated values, one document at a time. Our own small parser (jansson
 * cannot say where a value stood); it builds jansson values, refuses duplicate keys and
 * invalid UTF-8, and keeps the place of every value and key. */
#include "doc/docint.h"
#include "doc/scalar.h"
#include "base/util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

struct jctx {
	sp_reader *r;
	sp_doc *doc;
	sp_diags *diags;
	size_t nodes;
	unsigned long long doc_start;
};

#define fail(c, ...) sp_reader_fail((c)->r, (c)->diags, __VA_ARGS__)

static inline int peek(sp_reader *r)
{
	if (r->in.pos >= r->in.len && !sp_input_fill(&r->in))
		return -1;
	return r->in.buf[r->in.pos];
}

static inline void advance(sp_reader *r, int ch)
{
	r->in.pos++;
	if (ch == '\n') {
		r->line++;
		r->col = 1;
	} else if ((ch & 0xC0) != 0x80) {
		r->col++;
	}
}

static inline sp_pos here(const sp_reader *r) { return (sp_pos){r->line, r->col}; }

static unsigned long long offset(const sp_reader *r) { return r->in.consumed + r->in.pos; }

static int skip_ws(sp_reader *r)
{
	for (;;) {
		int ch = peek(r);
		if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r')
			return ch;
		advance(r, ch);
	}
}

static int unexpected(struct jctx *c, int ch, const char *expected)
{
	if (ch < 0)
		return fail(c, here(c->r), "the text ends in the middle of a value (%s expected); "
					   "the file may be truncated", expected);
	return fail(c, here(c->r), "%s expected here; check for a missing comma, quote or "
				   "bracket", expected);
}

static bool utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned char b = s[i];
		size_t len;
		unsigned cp;
		if (b < 0x80) {
			i++;
			continue;
		} else if ((b & 0xE0) == 0xC0) {
			len = 2, cp = b & 0x1F;
		} else if ((b & 0xF0) == 0xE0) {
			len = 3, cp = b & 0x0F;
		} else if ((b & 0xF8) == 0xF0) {
			len = 4, cp = b & 0x07;
		} else {
			return false;
		}
		if (i + len > n)
			return false;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
		    cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += len;
	}
	return true;
}

static void sput(sp_reader *r, const char *p, size_t n)
{
	sp_buf_append(&r->sbuf, &r->slen, &r->scap, p, n);
}

static int hex4(struct jctx *c, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		int ch = peek(c->r);
		int d = ch >= '0' && ch <= '9' ? ch - '0'
			: ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
			: ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
		if (d < 0)
			return fail(c, here(c->r), "a \\u escape needs four hex digits");
		advance(c->r, ch);
		v = v * 16 + (unsigned)d;
	}
	*out = v;
	return 0;
}

/* Read a string (the opening quote is next): r->str and r->slen. A string without escapes
 * that lies whole in the input buffer is not copied: r->str points into the buffer and is
 * good until the next read. Any other string is built in r->sbuf (NUL-terminated). The
 * text cannot hold a NUL: raw control characters and \u0000 are refused. */
static int read_string(struct jctx *c)
{
	sp_reader *r = c->r;
	sp_pos start = here(r);
	bool wide = false; /* a byte over 0x7F: check the UTF-8 once the string is read */
	advance(r, '"');
	r->slen = 0;
	bool copied = false;
	for (;;) {
		/* a run of ordinary bytes */
		size_t avail = sp_input_fill(&r->in);
		const unsigned char *p = r->in.buf + r->in.pos, *q = p, *end = p + avail;
		unsigned col = r->col;
		for (unsigned char b; q < end && (b = *q) >= 0x20 && b != '"' && b != '\\'; q++) {
			if (b < 0x80)
				col++;
			else if (wide = true, b >= 0xC0)
				col++;
		}
		r->col = col;
		size_t n = (size_t)(q - p);
		r->in.pos += n;
		if (!copied && q < end && *q == '"') { /* the whole string, in place */
			r->str = (const char *)p;
			r->slen = n;
			advance(r, '"');
			break;
		}
		sput(r, (const char *)p, n);
		copied = true;
		if (r->slen > r->lim.max_string)
			return fail(c, start, "a text is longer than %zu bytes; shorten it", r->lim.max_string);
		int ch = peek(r);
		if (ch < 0)
			return fail(c, start, "this text has no closing quote; the file may be truncated");
		if (ch == '"') {
			advance(r, ch);
			r->str = r->sbuf;
			break;
		}
		if (ch < 0x20)
			return fail(c, here(r), "a control character (such as a line break or tab) "
						"is inside a text; write it as \\n or \\t");
		if (ch != '\\')
			continue; /* the run stopped at the end of the buffer */
		advance(r, ch);
		ch = peek(r);
		static const char escapes[] = "\"\\/bfnrt", repl[] = "\"\\/\b\f\n\r\t";
		const char *simple = ch > 0 ? strchr(escapes, ch) : NULL;
		if (simple) {
			advance(r, ch);
			sput(r, &repl[simple - escapes], 1);
		} else if (ch == 'u') {
			advance(r, ch);
			unsigned cp, lo;
			if (hex4(c, &cp) < 0)
				return -1;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				if (peek(r) != '\\')
					return fail(c, here(r), "a \\u escape starts a surrogate pair "
								"without its second half");
				advance(r, '\\');
				if (peek(r) != 'u')
					return fail(c, here(r), "a surrogate pair needs a second \\u escape");
				advance(r, 'u');
				if (hex4(c, &lo) < 0)
					return -1;
				if (lo < 0xDC00 || lo > 0xDFFF)
					return fail(c, here(r), "a \\u escape has an invalid surrogate pair");
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
				return fail(c, here(r), "a \\u escape is half a surrogate pair");
			}
			if (cp == 0)
				return fail(c, here(r), "a text contains \\u0000, which samplan does not accept");
			char u8[4];
			sput(r, u8, sp_utf8_encode(cp, u8));
		} else {
			return fail(c, here(r), "unknown escape after a backslash; write \\\\ for a "
						"backslash");
		}
	}
	if (r->slen > r->lim.max_string)
		return fail(c, start, "a text is longer than %zu bytes; shorten it", r->lim.max_string);
	if (wide && !utf8_valid((const unsigned char *)r->str, r->slen))
		return fail(c, start, "the text is not valid UTF-8; save the file as UTF-8");
	return 0;
}

static json_t *read_number(struct jctx *c)
{
	sp_reader *r = c->r;
	sp_pos start = here(r);
	char buf[64];
	size_t n = 0;
	bool is_real = false;
	int ch;
	while ((ch = peek(r)) > 0 && strchr("0123456789+-.eE", ch)) {
		if (n + 1 >= sizeof buf) {
			fail(c, start, "the number is too long");
			return NULL;
		}
		if (ch == '.' || ch == 'e' || ch == 'E')
			is_real = true;
		buf[n++] = (char)ch;
		advance(r, ch);
	}
	buf[n] = '\0';
	/* JSON grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)? */
	size_t i = buf[0] == '-';
	bool ok = buf[i] >= '0' && buf[i] <= '9';
	if (ok && buf[i] == '0' && buf[i + 1] >= '0' && buf[i + 1] <= '9')
		ok = false;
	while (ok && buf[i] >= '0' && buf[i] <= '9')
		i++;
	if (ok && buf[i] == '.') {
		i++;
		ok = buf[i] >= '0' && buf[i] <= '9';
		while (buf[i] >= '0' && buf[i] <= '9')
			i++;
	}
	if (ok && (buf[i] == 'e' || buf[i] == 'E')) {
		i++;
		if (buf[i] == '+' || buf[i] == '-')
			i++;
		ok = buf[i] >= '0' && buf[i] <= '9';
		while (buf[i] >= '0' && buf[i] <= '9')
			i++;
	}
	if (!ok || buf[i] != '\0') {
		fail(c, start, "this is not a valid JSON number");
		return NULL;
	}
	const char *why = NULL;
	json_t *v = sp_number_value(buf, 10, is_real, &why);
	if (!v)
		fail(c, start, "%s", why ? why : "the number cannot be held");
	return v;
}

static json_t *read_word(struct jctx *c)
{
	sp_reader *r = c->r;
	sp_pos start = here(r);
	char buf[8];
	size_t n = 0;
	int ch;
	while ((ch = peek(r)) >= 'a' && ch <= 'z' && n < sizeof buf - 1) {
		buf[n++] = (char)ch;
		advance(r, ch);
	}
	buf[n] = '\0';
	if (strcmp(buf, "true") == 0)
		return json_true();
	if (strcmp(buf, "false") == 0)
		return json_false();
	if (strcmp(buf, "null") == 0)
		return json_null();
	if (n == 0 && ch < 0)
		unexpected(c, ch, "a value");
	else
		fail(c, start, "this is not JSON: a value must be a text in double quotes, a "
			       "number, true, false, null, an object or an array");
	return NULL;
}

static json_t *read_value(struct jctx *c, unsigned depth);

static int check_limits(struct jctx *c, sp_pos pos)
{
	if (++c->nodes > c->r->lim.max_nodes)
		return fail(c, pos, "the document has more than %zu values; split it", c->r->lim.max_nodes);
	if (offset(c->r) - c->doc_start > c->r->lim.max_doc_bytes)
		return fail(c, pos, "the document is larger than %zu bytes; split it",
			    c->r->lim.max_doc_bytes);
	return 0;
}

/* One `"key": value` of a mapping into obj. 0, or -1 (reported). */
static int read_entry(struct jctx *c, json_t *obj, unsigned depth)
{
	sp_reader *r = c->r;
	int ch = skip_ws(r);
	if (ch != '"')
		return unexpected(c, ch, "a key in double quotes");
	sp_pos kpos = here(r);
	if (read_string(c) < 0)
		return -1;
	/* the key outlives the string buffer (the value is read next): short keys are kept
	 * here */
	char kbuf[64], *key = r->slen < sizeof kbuf ? kbuf : sp_xmalloc(r->slen + 1);
	size_t klen = r->slen;
	memcpy(key, r->str, klen);
	key[klen] = '\0';
	int rc = -1;
	ch = skip_ws(r);
	if (ch != ':') {
		unexpected(c, ch, "`:` after the key");
		goto done;
	}
	advance(r, ch);
	skip_ws(r);
	sp_pos vpos = here(r);
	json_t *v = read_value(c, depth + 1);
	if (!v)
		goto done;
	/* a key seen before is found by setting it: the object does not grow */
	size_t before = json_object_size(obj);
	json_object_setn_new_nocheck(obj, key, klen, v);
	if (json_object_size(obj) == before) {
		sp_pos first = sp_doc_key_pos(c->doc, obj, key);
		fail(c, kpos, "the key \"%s\" appears twice in the same object (first on line "
			      "%u); remove or rename one of them", key, first.line);
		goto done;
	}
	sp_postab_put(c->doc->tab, obj, key, 0, vpos, kpos);
	rc = 0;
done:
	if (key != kbuf)
		free(key);
	return rc;
}

/* Item i of a list into arr. 0, or -1 (reported). */
static int read_item(struct jctx *c, json_t *arr, size_t i, unsigned depth)
{
	skip_ws(c->r);
	sp_pos vpos = here(c->r);
	json_t *v = read_value(c, depth + 1);
	if (!v)
		return -1;
	json_array_append_new(arr, v);
	sp_postab_put(c->doc->tab, arr, NULL, i, vpos, (sp_pos){0, 0});
	return 0;
}

/* A mapping (object) or a list, from its `{` or `[` past its `}` or `]`; NULL (reported)
 * on bad input. */
static json_t *read_collection(struct jctx *c, unsigned depth, bool object)
{
	sp_reader *r = c->r;
	json_t *v = object ? json_object() : json_array();
	int close = object ? '}' : ']';
	advance(r, object ? '{' : '[');
	if (skip_ws(r) == close) {
		advance(r, close);
		return v;
	}
	for (size_t i = 0;; i++) {
		if ((object ? read_entry(c, v, depth) : read_item(c, v, i, depth)) < 0)
			break;
		int ch = skip_ws(r);
		if (ch == close) {
			advance(r, ch);
			return v;
		}
		if (ch != ',') {
			unexpected(c, ch, object ? "`,` or `}`" : "`,` or `]`");
			break;
		}
		advance(r, ch);
	}
	json_decref(v);
	return NULL;
}

static json_t *read_value(struct jctx *c, unsigned depth)
{
	sp_reader *r = c->r;
	int ch = skip_ws(r);
	sp_pos pos = here(r);
	if (check_limits(c, pos) < 0)
		return NULL;
	if ((ch == '{' || ch == '[') && depth >= r->lim.max_depth) {
		fail(c, pos, "the document nests deeper than %u levels; samplan files need far fewer",
		     r->lim.max_depth);
		return NULL;
	}
	switch (ch) {
	case '{':
		return read_collection(c, depth, true);
	case '[':
		return read_collection(c, depth, false);
	case '"':
		if (read_string(c) < 0)
			return NULL;
		return json_stringn_nocheck(r->str, r->slen);
	case '-':
	case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		return read_number(c);
	default:
		return read_word(c);
	}
}

int sp_json_next(sp_reader *r, sp_doc **out, sp_diags *diags)
{
	struct jctx c = {.r = r, .diags = diags};
	int ch = skip_ws(r);
	if (r->array_state == 0 && r->ndocs == 0 && ch == '[') {
		advance(r, ch);
		r->array_state = 1;
	}
	if (r->array_state == 1) {
		ch = skip_ws(r);
		if (ch == ']') {
			advance(r, ch);
			r->array_state = 2;
			ch = skip_ws(r);
		} else if (r->array_items > 0) {
			if (ch != ',')
				return unexpected(&c, ch, "`,` or `]` between documents");
			advance(r, ch);
			ch = skip_ws(r);
		}
	}
	if (r->array_state != 1 && ch < 0)
		return 0;
	c.doc = sp_doc_new(r);
	c.doc->format = SP_FMT_JSON;
	c.doc_start = offset(r);
	c.doc->pos = here(r);
	unsigned first_line = r->line;
	c.doc->root = read_value(&c, 0);
	if (!c.doc->root) {
		sp_doc_free(c.doc);
		return -1;
	}
	if (r->array_state == 1)
		r->array_items++;
	else if (r->ndocs == 0)
		r->fmt = r->line == first_line ? SP_FMT_JSONL : SP_FMT_JSON;
	c.doc->format = r->fmt;
	r->last_nodes = c.nodes;
	*out = c.doc;
	return 1;
}
