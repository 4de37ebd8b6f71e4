/* SPDX-License-Identifier: MIT */
/* yaml_fast.c — a fast reader for the block YAML that case files are written in.
 *
 * libyaml spends about 225 instructions on every byte; most of a case file is a few kinds
 * of line: `key: value`, `- item`, comments, flow lists of words. This reader takes one
 * document of that kind straight into the model, with the same values and places that
 * yaml_read.c gets from libyaml's events. Anything else — anchors, tags, folded or
 * multi-line text, quoted keys, tabs, CR, explicit `...`, any error — is not guessed at:
 * the reader gives up on the document (SP_YFAST_BAIL) without having consumed anything,
 * and yaml_read.c reads that document with libyaml, which also says what is wrong. So
 * libyaml stays the authority; fuzz_yaml and unit.yamlfast check that both agree
 * (fuzz/yamldiff.h). */
#include "doc/docint.h"
#include "doc/scalar.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

enum { OK = 0, BAIL = -1 };

/* What follows the value just read: the next line with content (`look` 1, cursor on its
 * first character, `ind` spaces before it), the end of the input (0) or a document marker
 * at the start of a line (2). */
typedef struct {
	const unsigned char *p, *end, *bol; /* cursor, end of the bytes, start of the line */
	bool eof;                           /* nothing follows end */
	bool more;                          /* a look went past end before the input's end */
	unsigned line;                      /* of the cursor, 1-based */
	int look;
	unsigned ind;
	sp_doc *doc;
	const sp_limits *lim;
	size_t nodes;
	unsigned depth;
	const unsigned char *cq; /* a place on the current line and its column, so that */
	unsigned ccol;           /* a long line is counted once, not once per value */
	char *sbuf; /* text with escapes undone */
	size_t slen, scap;
} fp;

/* The byte at q, or -1 at the end of the bytes (which, before the input's end, means the
 * document needs more of them: the result is thrown away). */
static inline int ch_at(fp *f, const unsigned char *q)
{
	if (q < f->end)
		return *q;
	if (!f->eof)
		f->more = true;
	return -1;
}

/* Line and column (in characters, as libyaml counts) of q on the current line. */
static sp_pos pos_of(fp *f, const unsigned char *q)
{
	if (f->cq < f->bol || f->cq > q) {
		f->cq = f->bol;
		f->ccol = 1;
	}
	for (; f->cq < q; f->cq++)
		f->ccol += (*f->cq & 0xC0) != 0x80;
	return (sp_pos){f->line, f->ccol};
}

/* The length (2–4) of the UTF-8 character at q if libyaml reads it as an ordinary
 * printable character; 0 for anything else (invalid, a control character, a line or
 * paragraph separator, a byte-order mark): the caller gives up. */
static size_t utf8_char(fp *f, const unsigned char *q)
{
	unsigned b = *q, cp, n;
	if (b >= 0xC2 && b <= 0xDF)
		n = 2, cp = b & 0x1F;
	else if (b >= 0xE0 && b <= 0xEF)
		n = 3, cp = b & 0x0F;
	else if (b >= 0xF0 && b <= 0xF4)
		n = 4, cp = b & 0x07;
	else
		return 0;
	for (unsigned i = 1; i < n; i++) {
		int c = ch_at(f, q + i);
		if (c < 0 || (c & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (c & 0x3F);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF)
		return 0;
	if (cp < 0xA0 || (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0x2028 || cp == 0x2029 ||
	    cp == 0xFEFF || cp == 0xFFFE || cp == 0xFFFF)
		return 0;
	return n;
}

/* Past a comment (q at its `#`) to the line break or the end; NULL if it holds a byte
 * libyaml would refuse (libyaml checks every byte of the input, comments too). */
static const unsigned char *past_comment(fp *f, const unsigned char *q)
{
	for (int c; (c = ch_at(f, q)) >= 0 && c != '\n';) {
		if (c >= 0x20 && c < 0x7F) {
			q++;
			continue;
		}
		size_t n = c >= 0x80 ? utf8_char(f, q) : 0;
		if (!n)
			return NULL;
		q += n;
	}
	return q;
}

static void sput(fp *f, const void *s, size_t n)
{
	sp_buf_append(&f->sbuf, &f->slen, &f->scap, s, n);
}

static void newline(fp *f, const unsigned char *after)
{
	f->p = f->bol = after;
	f->line++;
}

/* From the start of a line: pass blank and comment lines, then set look/ind. */
static int next_line(fp *f)
{
	for (;;) {
		const unsigned char *q = f->p;
		unsigned n = 0;
		while (ch_at(f, q) == ' ')
			q++, n++;
		int c = ch_at(f, q);
		if (c == '#') {
			if (!(q = past_comment(f, q)))
				return BAIL;
			c = ch_at(f, q);
		}
		if (c < 0) {
			f->p = q;
			f->look = 0;
			return OK;
		}
		if (c == '\n') {
			newline(f, q + 1);
			continue;
		}
		if (c == '\t' || c == '\r')
			return BAIL;
		f->p = q;
		if (n == 0 && (c == '-' || c == '.') && ch_at(f, q + 1) == c && ch_at(f, q + 2) == c) {
			int after = ch_at(f, q + 3);
			if (after == ' ' || after == '\n' || after < 0) {
				f->look = 2;
				return OK;
			}
		}
		f->look = 1;
		f->ind = n;
		return OK;
	}
}

/* After a value: spaces, a comment, the end of the line; then the next line. */
static int end_of_line(fp *f)
{
	const unsigned char *q = f->p;
	bool space = false;
	while (ch_at(f, q) == ' ')
		q++, space = true;
	int c = ch_at(f, q);
	if (c == '#' && space) {
		if (!(q = past_comment(f, q)))
			return BAIL;
		c = ch_at(f, q);
	}
	if (c == '\n')
		newline(f, q + 1);
	else if (c < 0)
		f->p = q;
	else
		return BAIL;
	return next_line(f);
}

static bool is_dash_entry(fp *f, const unsigned char *q)
{
	if (ch_at(f, q) != '-')
		return false;
	int c = ch_at(f, q + 1);
	return c == ' ' || c == '\n' || c < 0;
}

/* --- scalars ------------------------------------------------------------------------- */

typedef struct {
	const char *s;
	size_t len;
	bool plain;
	sp_pos pos;
} scalar;

/* Bytes that end a run of ordinary text in a plain scalar: controls, space, `#`, `:`, the
 * flow indicators, DEL and every byte of a multi-byte character (GNU range designators). */
static const unsigned char plain_stop[256] = {
    [0x00 ... 0x20] = 1, ['#'] = 1, [','] = 1, [':'] = 1, ['['] = 1, [']'] = 1,
    ['{'] = 1, ['}'] = 1, [0x7F ... 0xFF] = 1,
};

/* A plain scalar on this line. In a flow collection it also ends at `,` `]` `}`. *key:
 * it ends with `:` and a space (or the end of the line), which is consumed. */
static int plain(fp *f, bool flow, scalar *out, bool *key)
{
	const unsigned char *q = f->p, *start = q, *last = q; /* last: after the last non-space */
	int c = ch_at(f, q);
	*key = false;
	if (c <= 0 || strchr("-?:,[]{}#&*!|>'\"%@`", c)) { /* indicators (and NUL) */
		int d = ch_at(f, q + 1);
		if (c != '-' || !((d >= '0' && d <= '9') || (d >= 'a' && d <= 'z') ||
				  (d >= 'A' && d <= 'Z') || d == '.'))
			return BAIL;
	}
	for (;;) {
		const unsigned char *run = q;
		while (q < f->end && !plain_stop[*q])
			q++;
		if (q != run)
			last = q;
		c = ch_at(f, q);
		if (c < 0 || c == '\n')
			break;
		if (c == ':') {
			int d = ch_at(f, q + 1);
			if (d == ' ' || d == '\n' || d < 0) {
				*key = true;
				break;
			}
			if (flow)
				return BAIL;
			q++, last = q;
			continue;
		}
		if (c == '#' && q[-1] == ' ')
			break;
		if (flow && (c == ',' || c == '[' || c == ']' || c == '{' || c == '}'))
			break;
		if (c == ' ') {
			q++;
			continue;
		}
		if (c < 0x20 || c == 0x7F)
			return BAIL;
		if (c < 0x80) {
			q++, last = q;
			continue;
		}
		size_t n = utf8_char(f, q);
		if (!n)
			return BAIL;
		q += n, last = q;
	}
	*out = (scalar){(const char *)start, (size_t)(last - start), true, pos_of(f, start)};
	if (out->len > f->lim->max_string || (*key && out->len > 512))
		return BAIL;
	f->p = *key ? q + 1 : last;
	return OK;
}

static int hex(fp *f, const unsigned char *q, int n, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < n; i++) {
		int c = ch_at(f, q + i);
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return BAIL;
		v = v * 16 + (unsigned)d;
	}
	*out = v;
	return OK;
}

/* A quoted scalar that ends on this line. */
static int quoted(fp *f, scalar *out)
{
	const unsigned char *q = f->p;
	int quote = *q++;
	f->slen = 0;
	for (;;) {
		int c = ch_at(f, q);
		if (c < 0 || c == '\n' || c == '\t' || c == '\r' || (c < 0x20) || c == 0x7F)
			return BAIL;
		if (c == quote) {
			if (quote == '\'' && ch_at(f, q + 1) == '\'') {
				sput(f, "'", 1);
				q += 2;
				continue;
			}
			q++;
			break;
		}
		if (c == '\\' && quote == '"') {
			static const char from[] = "\\\"/ntrbfaev", to[] = "\\\"/\n\t\r\b\f\a\x1b\v";
			int e = ch_at(f, q + 1);
			const char *k = e > 0 ? strchr(from, e) : NULL;
			if (k) {
				sput(f, &to[k - from], 1);
				q += 2;
				continue;
			}
			int n = e == 'x' ? 2 : e == 'u' ? 4 : e == 'U' ? 8 : 0;
			unsigned cp;
			if (!n || hex(f, q + 2, n, &cp) < 0 || cp == 0 || cp > 0x10FFFF ||
			    (cp >= 0xD800 && cp <= 0xDFFF))
				return BAIL;
			char u8[4];
			sput(f, u8, sp_utf8_encode(cp, u8));
			q += 2 + n;
			continue;
		}
		size_t n = c < 0x80 ? 1 : utf8_char(f, q);
		if (!n)
			return BAIL;
		sput(f, q, n);
		q += n;
	}
	if (f->slen > f->lim->max_string)
		return BAIL;
	*out = (scalar){f->sbuf ? f->sbuf : "", f->slen, false, pos_of(f, f->p)};
	f->p = q;
	return OK;
}

static json_t *scalar_json(const scalar *s)
{
	if (!s->plain)
		return json_stringn_nocheck(s->s, s->len);
	sp_scalar_type t = sp_scalar_resolve(s->s, s->len);
	return t == SP_SC_SPECIAL ? NULL : sp_scalar_value(s->s, s->len, t, NULL);
}

/* --- building ------------------------------------------------------------------------ */

/* Where a new value goes: under a key of a mapping, at an index of a list, or the root. */
typedef struct {
	json_t *parent;
	const char *key;
	size_t klen, idx;
	sp_pos key_pos;
} slot;

/* Put v (reference stolen) in its slot, as yaml_read.c's attach() does. */
static int put(fp *f, const slot *at, json_t *v, sp_pos pos)
{
	if (!v || ++f->nodes > f->lim->max_nodes) {
		json_decref(v);
		return BAIL;
	}
	if (!at->parent) {
		f->doc->root = v;
		f->doc->pos = pos;
		return OK;
	}
	if (json_is_object(at->parent)) {
		size_t before = json_object_size(at->parent);
		json_object_setn_new_nocheck(at->parent, at->key, at->klen, v);
		if (json_object_size(at->parent) == before)
			return BAIL; /* a repeated key: libyaml's reading says so */
		sp_postab_putn(f->doc->tab, at->parent, at->key, at->klen, 0, pos, at->key_pos);
	} else {
		json_array_append_new(at->parent, v);
		sp_postab_put(f->doc->tab, at->parent, NULL, at->idx, pos, (sp_pos){0, 0});
	}
	return OK;
}

static int put_scalar(fp *f, const slot *at, const scalar *s)
{
	return put(f, at, scalar_json(s), s->pos);
}

/* A new mapping or list in its slot; NULL to give up (too deep, too many values). */
static json_t *open_container(fp *f, const slot *at, bool map, sp_pos pos)
{
	if (f->depth >= f->lim->max_depth)
		return NULL;
	json_t *v = map ? json_object() : json_array();
	if (put(f, at, v, pos) < 0)
		return NULL;
	f->depth++;
	return v;
}

/* `[a, "b", [c]]` or `{k: v, l: [w]}` on one line. */
static int flow(fp *f, const slot *at)
{
	bool map = *f->p == '{';
	int close = map ? '}' : ']';
	json_t *c = open_container(f, at, map, pos_of(f, f->p));
	if (!c)
		return BAIL;
	f->p++;
	for (size_t i = 0;; i++) {
		while (ch_at(f, f->p) == ' ')
			f->p++;
		int ch = ch_at(f, f->p);
		if (ch == close && i == 0)
			break;
		slot item = {c, NULL, 0, i, {0, 0}};
		scalar k, v;
		bool key;
		if (map) {
			if (plain(f, true, &k, &key) < 0 || !key || ch_at(f, f->p) != ' ')
				return BAIL;
			while (ch_at(f, f->p) == ' ')
				f->p++;
			item.key = k.s, item.klen = k.len, item.key_pos = k.pos;
		}
		ch = ch_at(f, f->p);
		if (ch == '[' || ch == '{') {
			if (flow(f, &item) < 0)
				return BAIL;
		} else if (ch == '"' || ch == '\'') {
			if (quoted(f, &v) < 0 || put_scalar(f, &item, &v) < 0)
				return BAIL;
		} else if (plain(f, true, &v, &key) < 0 || key || put_scalar(f, &item, &v) < 0) {
			return BAIL;
		}
		while (ch_at(f, f->p) == ' ')
			f->p++;
		ch = ch_at(f, f->p);
		if (ch == close)
			break;
		if (ch != ',')
			return BAIL;
		f->p++;
		while (ch_at(f, f->p) == ' ')
			f->p++;
		if (ch_at(f, f->p) == close)
			return BAIL; /* a trailing comma: left to libyaml */
	}
	f->p++;
	f->depth--;
	return OK;
}

/* `|` or `|-` and the lines under it, more indented than `ind`. */
static int literal(fp *f, const slot *at, unsigned ind)
{
	sp_pos pos = pos_of(f, f->p);
	const unsigned char *q = f->p + 1;
	bool strip = ch_at(f, q) == '-';
	q += strip;
	f->p = q;
	int c = ch_at(f, q);
	if (c != ' ' && c != '\n' && c >= 0)
		return BAIL; /* keep (+), an indentation indicator */
	/* the header line ends like any other; next_line() is not used after it, since a
	 * comment line under the header is text */
	while (ch_at(f, q) == ' ')
		q++;
	if (ch_at(f, q) == '#' && q[-1] == ' ' && !(q = past_comment(f, q)))
		return BAIL;
	if (ch_at(f, q) != '\n')
		return BAIL;
	newline(f, q + 1);
	/* the first line sets the indentation; a first line that is blank is left to libyaml */
	unsigned m = 0;
	q = f->p;
	while (ch_at(f, q) == ' ')
		q++, m++;
	c = ch_at(f, q);
	if (c < 0 || c == '\n' || c == '\t' || c == '\r' || m <= ind)
		return BAIL;
	f->slen = 0;
	size_t pending = 0; /* line breaks not yet written: they go before the next text */
	for (;;) {
		q = f->p;
		unsigned n = 0;
		while (n < m && ch_at(f, q) == ' ')
			q++, n++;
		c = ch_at(f, q);
		if (n < m && c >= 0 && c != '\n')
			break; /* less indented text: the block is over */
		if (c < 0 && n == 0)
			break;
		if (c == ' ') {
			/* more indentation than the block's: text, unless the line is only spaces */
			const unsigned char *s = q;
			while (ch_at(f, s) == ' ')
				s++;
			int d = ch_at(f, s);
			if (d == '\n' || d < 0)
				return BAIL;
		}
		if (c < 0)
			return BAIL; /* spaces and no line break at the end: left to libyaml */
		if (c == '\n') {
			pending++;
			newline(f, q + 1);
			continue;
		}
		while (pending) {
			sput(f, "\n", 1);
			pending--;
		}
		const unsigned char *s = q;
		for (;;) {
			c = ch_at(f, s);
			if (c < 0 || c == '\n')
				break;
			if (c == '\t' || c == '\r' || c < 0x20 || c == 0x7F)
				return BAIL;
			size_t k = c < 0x80 ? 1 : utf8_char(f, s);
			if (!k)
				return BAIL;
			s += k;
		}
		if (c < 0)
			return BAIL; /* text with no line break at the end: left to libyaml */
		sput(f, q, (size_t)(s - q));
		pending = 1; /* the break after this line */
		newline(f, s + 1);
	}
	if (!strip && f->slen)
		sput(f, "\n", 1);
	if (f->slen > f->lim->max_string)
		return BAIL;
	scalar v = {f->sbuf, f->slen, false, pos};
	if (put_scalar(f, at, &v) < 0)
		return BAIL;
	/* the cursor is at the start of the line after the block */
	return next_line(f);
}

static int block_map(fp *f, const slot *at, unsigned ind);
static int block_seq(fp *f, const slot *at, unsigned ind);

/* The value after `key:` (seq false) or `-` (seq true) of a collection indented by ind;
 * the cursor is just after the indicator. Ends with the next line looked at. */
static int block_value(fp *f, const slot *at, unsigned ind, bool seq, sp_pos empty_pos)
{
	while (ch_at(f, f->p) == ' ')
		f->p++;
	int c = ch_at(f, f->p);
	scalar s;
	bool key;
	if (c < 0 || c == '\n' || c == '#') {
		if (c == '#' && !(f->p = past_comment(f, f->p))) /* after the indicator's space */
			return BAIL;
		if (end_of_line(f) < 0)
			return BAIL;
		if (f->look == 1 && f->ind > ind)
			return f->p[0] == '-' && is_dash_entry(f, f->p) ? block_seq(f, at, f->ind)
									: block_map(f, at, f->ind);
		if (!seq && f->look == 1 && f->ind == ind && is_dash_entry(f, f->p))
			return block_seq(f, at, ind); /* a list not indented under its key */
		if (seq)
			return BAIL; /* an empty item */
		s = (scalar){"", 0, true, empty_pos};
		return put_scalar(f, at, &s);
	}
	if (c == '"' || c == '\'') {
		if (quoted(f, &s) < 0 || put_scalar(f, at, &s) < 0)
			return BAIL;
	} else if (c == '[' || c == '{') {
		if (flow(f, at) < 0)
			return BAIL;
	} else if (c == '|') {
		return literal(f, at, ind);
	} else if (seq && is_dash_entry(f, f->p)) {
		return BAIL; /* `- - x` */
	} else {
		const unsigned char *start = f->p;
		if (plain(f, false, &s, &key) < 0)
			return BAIL;
		if (key) {
			if (!seq)
				return BAIL; /* `a: b: c` */
			f->p = start; /* `- key: value`: a mapping indented to its first key */
			return block_map(f, at, (unsigned)(start - f->bol));
		}
		if (put_scalar(f, at, &s) < 0)
			return BAIL;
	}
	if (end_of_line(f) < 0)
		return BAIL;
	return f->look == 1 && f->ind > ind ? BAIL : OK; /* text going on below: not here */
}

/* A mapping whose keys are indented by ind; the cursor is on its first key. */
static int block_map(fp *f, const slot *at, unsigned ind)
{
	json_t *m = open_container(f, at, true, pos_of(f, f->p));
	if (!m)
		return BAIL;
	for (;;) {
		scalar k;
		bool key;
		if (plain(f, false, &k, &key) < 0 || !key)
			return BAIL;
		/* the key's text stays in the input while its value is read */
		slot item = {m, k.s, k.len, 0, k.pos};
		sp_pos after_colon = pos_of(f, f->p);
		if (block_value(f, &item, ind, false, after_colon) < 0)
			return BAIL;
		if (f->look != 1 || f->ind < ind)
			break;
		if (f->ind > ind || is_dash_entry(f, f->p))
			return BAIL;
	}
	f->depth--;
	return OK;
}

/* A list whose `-` are indented by ind; the cursor is on the first `-`. */
static int block_seq(fp *f, const slot *at, unsigned ind)
{
	json_t *l = open_container(f, at, false, pos_of(f, f->p));
	if (!l)
		return BAIL;
	for (size_t i = 0;; i++) {
		slot item = {l, NULL, 0, i, {0, 0}};
		f->p++; /* the `-` */
		if (block_value(f, &item, ind, true, (sp_pos){0, 0}) < 0)
			return BAIL;
		if (f->look != 1 || f->ind < ind)
			break;
		if (f->ind > ind)
			return BAIL;
		if (!is_dash_entry(f, f->p))
			break; /* a key of the mapping this list is not indented under */
	}
	f->depth--;
	return OK;
}

/* --- one document -------------------------------------------------------------------- */

int sp_yfast_doc(const sp_yfast_in *in, sp_doc *doc, sp_yfast_out *out)
{
	fp f = {.p = (const unsigned char *)in->buf, .end = (const unsigned char *)in->buf + in->len,
		.bol = (const unsigned char *)in->buf, .eof = in->eof, .line = in->line, .doc = doc,
		.lim = in->lim};
	int rc = SP_YFAST_BAIL;
	if (next_line(&f) < 0)
		goto done;
	if (f.look == 0) {
		rc = SP_YFAST_END;
		goto done;
	}
	if (f.look == 2) {
		if (*f.p != '-') /* `...` */
			goto done;
		f.p += 3;
		if (end_of_line(&f) < 0)
			goto done;
	} else if (!in->first) {
		goto done; /* only the first document may begin without `---` */
	}
	if (f.look != 1 || f.ind != 0 || *f.p == '%')
		goto done; /* an empty document, a directive, text at the top */
	slot root = {0};
	if (is_dash_entry(&f, f.p) ? block_seq(&f, &root, 0) < 0 : block_map(&f, &root, 0) < 0)
		goto done;
	if (f.look == 1 || (f.look == 2 && *f.p != '-'))
		goto done; /* what follows is not `---` or the end */
	if ((size_t)(f.p - (const unsigned char *)in->buf) > in->lim->max_doc_bytes)
		goto done;
	out->used = (size_t)(f.p - (const unsigned char *)in->buf);
	out->line = f.line;
	out->nodes = f.nodes;
	rc = SP_YFAST_DOC;
done:
	free(f.sbuf);
	if (f.more)
		rc = SP_YFAST_MORE;
	if (rc == SP_YFAST_END) {
		out->used = (size_t)(f.p - (const unsigned char *)in->buf);
		out->line = f.line;
	}
	return rc;
}
