/* SPDX-License-Identifier: MIT */
/* template_parse.c — Mustache templates into trees: tags are scanned (set delimiters
 * included), paired and checked whole, so a malformed template fails the same way whatever
 * the data; then the spec's standalone-line rules decide what text each tag takes away. */
#include "letters/template.h"
#include "letters/templateint.h"
#include "base/util.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>

/* One tag as scanned. [start, end) is what it takes out of the text around it: the tag
 * itself, or its whole line when it stands alone there. */
typedef struct {
	sp_tkind k;
	sp_span name;
	bool dynamic;              /* >*name, <*name */
	bool standalone;           /* partials, parents, blocks: indent what they insert */
	size_t tag_start, tag_end; /* the delimiters */
	size_t start, end;         /* what it takes out of the text */
	size_t line_start;         /* where its line starts */
	size_t nl, line_end;       /* where the newline after it starts and ends */
	bool ws_before, ws_after;  /* only blanks between it and the line's start / end */
	sp_span open, close;       /* delimiters in effect after the tag */
	unsigned line, col;
	size_t match; /* the other tag of a section pair */
} token;

/* --- scanning ----------------------------------------------------------------------- */

typedef struct {
	const char *src;
	size_t len;
	token *tok;
	size_t ntok, cap;
	size_t cpos; /* line and column are known up to here */
	unsigned line, col;
	char *err;
} parser;

static void advance(parser *ps, size_t to)
{
	for (; ps->cpos < to; ps->cpos++) {
		unsigned char c = (unsigned char)ps->src[ps->cpos];
		if (c == '\n')
			ps->line++, ps->col = 1;
		else if ((c & 0xC0) != 0x80)
			ps->col++;
	}
}

static int fail(parser *ps, unsigned line, unsigned col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(parser *ps, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = sp_xvasprintf(fmt, ap);
	va_end(ap);
	ps->err = sp_xasprintf("line %u, column %u: %s", line, col, msg);
	free(msg);
	return -1;
}

/* The first i >= from where d starts, preceded by pre if pre is not 0; len if none. */
static size_t find(const char *s, size_t len, size_t from, char pre, sp_span d)
{
	size_t need = d.n + (pre != 0);
	for (size_t i = from; i + need <= len; i++) {
		if (pre && s[i] != pre)
			continue;
		if (memcmp(s + i + (pre != 0), d.s, d.n) == 0)
			return i;
	}
	return len;
}

static void find_line(parser *ps, token *t)
{
	const char *s = ps->src;
	size_t b = t->tag_start, e = t->tag_end;
	while (b > 0 && sp_blank(s[b - 1]))
		b--;
	t->line_start = b;
	t->ws_before = b == 0 || s[b - 1] == '\n';
	while (e < ps->len && sp_blank(s[e]))
		e++;
	t->nl = e;
	if (e == ps->len)
		t->line_end = e;
	else if (s[e] == '\n')
		t->line_end = e + 1;
	else if (s[e] == '\r' && e + 1 < ps->len && s[e + 1] == '\n')
		t->line_end = e + 2;
	else
		t->line_end = SIZE_MAX;
	t->ws_after = t->line_end != SIZE_MAX;
	t->start = t->tag_start;
	t->end = t->tag_end;
	bool may_stand = t->k != SP_T_VAR && t->k != SP_T_RAW;
	if (may_stand && t->ws_before && t->ws_after) {
		t->standalone = true;
		t->start = t->line_start;
		t->end = t->line_end;
	}
}

/* {{=<% %>=}}: two delimiters without blanks or `=`. */
static int set_delims(parser *ps, token *t, sp_span *open, sp_span *close)
{
	sp_span c = t->name;
	size_t i = 0;
	while (i < c.n && !sp_blank(c.s[i]))
		i++;
	sp_span a = {c.s, i}, b = sp_span_trim(c.s + i, c.n - i);
	bool ok = a.n && b.n && !memchr(a.s, '=', a.n) && !memchr(b.s, '=', b.n);
	for (size_t j = 0; ok && j < b.n; j++)
		ok = !sp_blank(b.s[j]);
	if (!ok)
		return fail(ps, t->line, t->col, "bad delimiter change `%.*s`", sp_span_shown(c),
		            c.s);
	*open = a;
	*close = b;
	return 0;
}

static int scan_tag(parser *ps, size_t at, sp_span *open, sp_span *close)
{
	const char *s = ps->src;
	size_t p = at + open->n;
	static const char sigils[] = "#^/!><$&{=";
	static const sp_tkind kinds[] = {SP_T_SECTION, SP_T_INVERTED, SP_T_CLOSE, SP_T_COMMENT,
	                                 SP_T_PARTIAL, SP_T_PARENT,   SP_T_BLOCK, SP_T_RAW,
	                                 SP_T_RAW,     SP_T_DELIM};
	const char *sigil = p < ps->len && s[p] ? strchr(sigils, s[p]) : NULL;
	sp_tkind k = sigil ? kinds[sigil - sigils] : SP_T_VAR;
	char pre = !sigil ? 0 : *sigil == '{' ? '}' : *sigil == '=' ? '=' : 0;
	if (sigil)
		p++;
	advance(ps, at);
	unsigned line = ps->line, col = ps->col;
	size_t e = find(s, ps->len, p, pre, *close);
	if (e == ps->len)
		return fail(ps, line, col, "unclosed tag `%.*s`", open->n > 8 ? 8 : (int)open->n,
		            open->s);
	if (ps->ntok == ps->cap) {
		ps->cap = ps->cap ? 2 * ps->cap : 32;
		ps->tok = sp_xrealloc(ps->tok, ps->cap * sizeof *ps->tok);
	}
	token *t = &ps->tok[ps->ntok++];
	*t = (token){.k = k,
	             .name = sp_span_trim(s + p, e - p),
	             .tag_start = at,
	             .tag_end = e + (pre != 0) + close->n,
	             .line = line,
	             .col = col};
	if ((k == SP_T_PARTIAL || k == SP_T_PARENT || k == SP_T_CLOSE) && t->name.n &&
	    t->name.s[0] == '*') {
		t->dynamic = k != SP_T_CLOSE;
		t->name = sp_span_trim(t->name.s + 1, t->name.n - 1);
	}
	if (k == SP_T_DELIM && set_delims(ps, t, open, close) < 0)
		return -1;
	if (k != SP_T_COMMENT && k != SP_T_DELIM && t->name.n == 0)
		return fail(ps, line, col, "empty tag");
	t->open = *open;
	t->close = *close;
	find_line(ps, t);
	return 0;
}

static int scan(parser *ps, sp_span open, sp_span close)
{
	size_t pos = 0;
	while (pos < ps->len) {
		size_t at = find(ps->src, ps->len, pos, 0, open);
		if (at == ps->len)
			break;
		if (scan_tag(ps, at, &open, &close) < 0)
			return -1;
		pos = ps->tok[ps->ntok - 1].tag_end;
	}
	return 0;
}

/* --- pairing ------------------------------------------------------------------------ */

static bool opens(sp_tkind k)
{
	return k == SP_T_SECTION || k == SP_T_INVERTED || k == SP_T_PARENT || k == SP_T_BLOCK;
}

static int match_sections(parser *ps)
{
	size_t *stack = sp_xmalloc((ps->ntok + 1) * sizeof *stack), n = 0;
	int rc = 0;
	for (size_t i = 0; i < ps->ntok && rc == 0; i++) {
		token *t = &ps->tok[i];
		if (opens(t->k)) {
			if (n == SP_TEMPLATE_MAX_NESTING)
				rc = fail(ps, t->line, t->col, "sections nested deeper than %d",
				          SP_TEMPLATE_MAX_NESTING);
			stack[n++] = i;
		} else if (t->k == SP_T_CLOSE) {
			if (n == 0) {
				rc = fail(ps, t->line, t->col, "`/%.*s` closes no section",
				          sp_span_shown(t->name), t->name.s);
				break;
			}
			token *o = &ps->tok[stack[--n]];
			if (!sp_span_eq(o->name, t->name))
				rc = fail(ps, t->line, t->col,
				          "section `%.*s` (line %u, column %u) closed by `/%.*s`",
				          sp_span_shown(o->name), o->name.s, o->line, o->col,
				          sp_span_shown(t->name), t->name.s);
			o->match = i;
			t->match = stack[n];
		}
	}
	if (rc == 0 && n) {
		token *o = &ps->tok[stack[n - 1]];
		rc = fail(ps, o->line, o->col, "unclosed section `%.*s`", sp_span_shown(o->name),
		          o->name.s);
	}
	free(stack);
	return rc;
}

/* Parents and blocks stand alone in pairs: `{{<p}}{{/p}}`, `{{<p}}{{$b}}`,
 * `{{/b}}{{/p}}` and `{{$b}}{{/b}}` alone on a line (the inheritance spec's rules). */
static bool adjacent(const token *a, const token *b)
{
	return a->tag_end == b->tag_start && a->ws_before && b->ws_after;
}

static void pair_standalone(parser *ps)
{
	for (size_t i = 0; i < ps->ntok; i++) {
		token *p = &ps->tok[i];
		if (p->k == SP_T_BLOCK && p->match == i + 1 && adjacent(p, p + 1)) {
			p->standalone = true; /* the newline stays */
			p->start = p->line_start;
			p[1].end = p[1].nl;
		}
		if (p->k != SP_T_PARENT)
			continue;
		token *q = &ps->tok[p->match];
		if (p->match == i + 1 && adjacent(p, q)) {
			p->standalone = true;
			p->start = p->line_start;
			q->end = q->line_end;
			continue;
		}
		if (p[1].k == SP_T_BLOCK && adjacent(p, p + 1)) {
			p->standalone = p[1].standalone = true;
			p->start = p->line_start;
			p[1].end = p[1].line_end;
		}
		token *c = q - 1; /* the end of the last block */
		if (c->k == SP_T_CLOSE && ps->tok[c->match].k == SP_T_BLOCK && adjacent(c, q)) {
			c->start = c->line_start;
			q->end = q->line_end;
		}
	}
}

/* --- the tree ----------------------------------------------------------------------- */

static sp_tnode *add_kid(sp_tnode *into, sp_tkind k)
{
	if (into->nkids == into->cap) {
		into->cap = into->cap ? 2 * into->cap : 8;
		into->kids = sp_xrealloc(into->kids, into->cap * sizeof *into->kids);
	}
	sp_tnode *n = &into->kids[into->nkids++];
	*n = (sp_tnode){.k = k};
	return n;
}

static void add_text(parser *ps, sp_tnode *into, size_t from, size_t to)
{
	if (from < to)
		add_kid(into, SP_T_TEXT)->s = (sp_span){ps->src + from, to - from};
}

/* Tokens [i, stop) into `into`; text starts at pos. */
static void build(parser *ps, size_t i, size_t stop, size_t pos, sp_tnode *into)
{
	while (i < stop) {
		token *t = &ps->tok[i];
		add_text(ps, into, pos, t->start);
		pos = t->end;
		if (t->k == SP_T_COMMENT || t->k == SP_T_DELIM) {
			i++;
			continue;
		}
		sp_tnode *n = add_kid(into, t->k);
		n->s = t->name;
		n->dynamic = t->dynamic;
		n->standalone = t->standalone;
		n->line = t->line;
		n->col = t->col;
		if (t->standalone)
			n->indent =
			    (sp_span){ps->src + t->line_start, t->tag_start - t->line_start};
		if (!opens(t->k)) {
			i++;
			continue;
		}
		token *c = &ps->tok[t->match];
		if (t->k == SP_T_BLOCK) {
			n->body =
			    (sp_span){ps->src + t->end, c->start > t->end ? c->start - t->end : 0};
			n->open = t->open;
			n->close = t->close;
		}
		build(ps, i + 1, t->match, t->end, n);
		pos = c->end;
		i = t->match + 1;
	}
	size_t end = stop < ps->ntok ? ps->tok[stop].start : ps->len;
	add_text(ps, into, pos, end);
}

void sp_tnode_free_kids(sp_tnode *n)
{
	for (size_t i = 0; i < n->nkids; i++)
		sp_tnode_free_kids(&n->kids[i]);
	free(n->kids);
}

int sp_template_parse(const char *src, size_t len, sp_span open, sp_span close, sp_tnode *root,
                      char **err)
{
	parser ps = {.src = src, .len = len, .line = 1, .col = 1};
	*root = (sp_tnode){.k = SP_T_SECTION};
	int rc = scan(&ps, open, close);
	if (rc == 0)
		rc = match_sections(&ps);
	if (rc == 0) {
		pair_standalone(&ps);
		build(&ps, 0, ps.ntok, 0, root);
	}
	free(ps.tok);
	*err = ps.err;
	return rc;
}
