/* SPDX-License-Identifier: MIT */
/* letterfmt.c — letter markup as a finished document. The markup is parsed into blocks once;
 * each writer walks the blocks: text, Markdown and HTML here, ODT and DOCX in odt.c and
 * docx.c (sharing office.c), PDF in pdf.c; the buffer they fill and the paragraph walk of
 * HTML, ODT and DOCX are in letterbuf.c, below them all. */
#include "letters/letterfmt_int.h"

#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const format_names[] = {"txt", "md", "html", "odt", "docx", "pdf"};

bool sp_letter_format_parse(const char *name, sp_letter_format *out)
{
	for (size_t i = 0; i < sizeof format_names / sizeof *format_names; i++)
		if (strcmp(name, format_names[i]) == 0) {
			*out = (sp_letter_format)i;
			return true;
		}
	return false;
}

const char *sp_letter_format_ext(sp_letter_format f)
{
	return format_names[f];
}

bool sp_letter_format_binary(sp_letter_format f)
{
	return f == SP_LF_ODT || f == SP_LF_DOCX || f == SP_LF_PDF;
}

/* --- the markup ---------------------------------------------------------------------- */

static void blocks_free(blocks *bs)
{
	for (size_t i = 0; i < bs->n; i++) {
		for (size_t j = 0; j < bs->v[i].n; j++)
			free(bs->v[i].items[j]);
		free(bs->v[i].items);
	}
	free(bs->v);
}

static void push_item(block *b, const char *s, size_t n)
{
	b->items = sp_xrealloc(b->items, (b->n + 1) * sizeof *b->items);
	b->items[b->n++] = sp_xstrndup(s, n);
}

static block *new_block(blocks *bs, bkind k)
{
	if (bs->n == bs->cap) {
		bs->cap = bs->cap ? 2 * bs->cap : 32;
		bs->v = sp_xrealloc(bs->v, bs->cap * sizeof *bs->v);
	}
	bs->v[bs->n] = (block){k, NULL, 0};
	bs->open = true;
	return &bs->v[bs->n++];
}

/* Append " s" to the last item of b. */
static void join_item(block *b, const char *s, size_t n)
{
	char *old = b->items[b->n - 1];
	size_t ol = strlen(old);
	char *j = sp_xmalloc(ol + 1 + n + 1);
	memcpy(j, old, ol);
	j[ol] = ' ';
	memcpy(j + ol + 1, s, n);
	j[ol + 1 + n] = '\0';
	free(old);
	b->items[b->n - 1] = j;
}

/* The kind of the trimmed line *s[0..*n), which then is the text after its marker; false
 * when nothing is left (a marker with nothing after it). */
static bool line_kind(const char **s, size_t *n, bkind *k)
{
	const char *p = *s;
	size_t m = *n, skip = 0;
	*k = BL_PARA;
	if (m >= 2 && p[1] == ' ' && strchr("^|~#-", p[0])) {
		*k = p[0] == '^' ? BL_HEAD : p[0] == '|' ? BL_LINES : p[0] == '~' ? BL_REF
			: p[0] == '#' ? BL_H1 : BL_LIST;
		skip = 2;
	} else if (m >= 3 && p[0] == '#' && p[1] == '#' && p[2] == ' ') {
		*k = BL_H2;
		skip = 3;
	} else if (m == 1 && strchr("^|~-", p[0])) {
		return false;
	}
	p += skip;
	m -= skip;
	while (m && *p == ' ')
		p++, m--;
	*s = p;
	*n = m;
	return m != 0;
}

/* The text s[0..n) of a line of kind k into bs: a new block, or more of the open one. */
static void add_line(blocks *bs, bkind k, const char *s, size_t n)
{
	block *last = bs->open && bs->n ? &bs->v[bs->n - 1] : NULL;
	if (k == BL_PARA && last && (last->k == BL_PARA || last->k == BL_LIST)) {
		join_item(last, s, n); /* a paragraph goes on; a list item's lazy continuation */
		return;
	}
	if (k == BL_H1 || k == BL_H2) {
		push_item(new_block(bs, k), s, n);
		bs->open = false;
		return;
	}
	if (!last || last->k != k || k == BL_PARA)
		last = new_block(bs, k);
	push_item(last, s, n);
}

static void parse_markup(const char *text, size_t len, blocks *bs)
{
	memset(bs, 0, sizeof *bs);
	size_t i = 0;
	while (i < len) {
		size_t e = i;
		while (e < len && text[e] != '\n')
			e++;
		const char *s = text + i;
		size_t n = e - i;
		i = e + 1;
		while (n && (*s == ' ' || *s == '\t'))
			s++, n--;
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
			n--;
		bkind k;
		if (n == 0)
			bs->open = false; /* a blank line ends a block */
		else if (line_kind(&s, &n, &k))
			add_line(bs, k, s, n);
	}
}

/* --- text ---------------------------------------------------------------------------- */

#define TXT_WIDTH 76

/* Characters in a UTF-8 string (its display width for the letters' alphabet). */
static size_t u8len(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

/* Word-wrap s to width, the first line after `first`, the others after `rest`. */
static void add_wrapped(buf *b, const char *s, const char *first, const char *rest)
{
	const char *lead = first;
	size_t lw = u8len(lead, strlen(lead));
	size_t col = 0;
	bool line_start = true;
	while (*s) {
		while (*s == ' ')
			s++;
		if (!*s)
			break;
		const char *e = s;
		while (*e && *e != ' ')
			e++;
		size_t w = u8len(s, (size_t)(e - s));
		if (!line_start && col + 1 + w > TXT_WIDTH) {
			lf_adds(b, "\n");
			lead = rest;
			lw = u8len(lead, strlen(lead));
			line_start = true;
		}
		if (line_start) {
			lf_adds(b, lead);
			col = lw;
			line_start = false;
		} else {
			lf_adds(b, " ");
			col++;
		}
		lf_add(b, s, (size_t)(e - s));
		col += w;
		s = e;
	}
	lf_adds(b, "\n");
}

/* Each block by fn, a blank line between two: the walk of text and Markdown. */
static void write_each(const blocks *bs, buf *b, void (*fn)(const block *, buf *))
{
	for (size_t i = 0; i < bs->n; i++) {
		if (i)
			lf_adds(b, "\n");
		fn(&bs->v[i], b);
	}
}

static void txt_block(const block *k, buf *b)
{
	switch (k->k) {
	case BL_HEAD:
	case BL_LINES:
		for (size_t j = 0; j < k->n; j++)
			lf_addf(b, "%s\n", k->items[j]);
		break;
	case BL_REF:
		for (size_t j = 0; j < k->n; j++) {
			size_t w = u8len(k->items[j], strlen(k->items[j]));
			for (size_t p = w; p < TXT_WIDTH; p++)
				lf_adds(b, " ");
			lf_addf(b, "%s\n", k->items[j]);
		}
		break;
	case BL_H1:
	case BL_H2: {
		add_wrapped(b, k->items[0], "", "");
		size_t w = u8len(k->items[0], strlen(k->items[0]));
		for (size_t p = 0; p < (w < TXT_WIDTH ? w : TXT_WIDTH); p++)
			lf_adds(b, k->k == BL_H1 ? "=" : "-");
		lf_adds(b, "\n");
		break;
	}
	case BL_LIST:
		for (size_t j = 0; j < k->n; j++)
			add_wrapped(b, k->items[j], "  - ", "    ");
		break;
	case BL_PARA: add_wrapped(b, k->items[0], "", ""); break;
	}
}

/* --- Markdown ------------------------------------------------------------------------ */

/* s with Markdown's special characters escaped, so that text stays text. */
static void add_md(buf *b, const char *s)
{
	const char *p = s;
	while (*p >= '0' && *p <= '9')
		p++;
	if (strchr("#-+>|=", *s) && *s)
		lf_adds(b, "\\");
	else if (p != s && (*p == '.' || *p == ')')) {
		lf_add(b, s, (size_t)(p - s));
		lf_adds(b, "\\");
		s = p;
	}
	for (; *s; s++) {
		if (strchr("\\`*_[]<>", *s))
			lf_adds(b, "\\");
		lf_add(b, s, 1);
	}
}

static void md_block(const block *k, buf *b)
{
	switch (k->k) {
	case BL_HEAD:
	case BL_LINES:
	case BL_REF:
		for (size_t j = 0; j < k->n; j++) {
			add_md(b, k->items[j]);
			lf_adds(b, j + 1 < k->n ? "\\\n" : "\n");
		}
		break;
	case BL_H1:
	case BL_H2:
		lf_adds(b, k->k == BL_H1 ? "# " : "## ");
		add_md(b, k->items[0]);
		lf_adds(b, "\n");
		break;
	case BL_LIST:
		for (size_t j = 0; j < k->n; j++) {
			lf_adds(b, "- ");
			add_md(b, k->items[j]);
			lf_adds(b, "\n");
		}
		break;
	case BL_PARA:
		add_md(b, k->items[0]);
		lf_adds(b, "\n");
		break;
	}
}

/* --- HTML ---------------------------------------------------------------------------- */

static const lf_dialect html_dialect = {
    .par =
	{
	    [BL_HEAD] = {"<header class=\"letterhead\"><p>", "</p></header>\n"},
	    [BL_LINES] = {"<p class=\"lines\">", "</p>\n"},
	    [BL_REF] = {"<p class=\"reference\">", "</p>\n"},
	    [BL_H1] = {"<h1>", "</h1>\n"},
	    [BL_H2] = {"<h2>", "</h2>\n"},
	    [BL_LIST] = {"<ul>\n", "</ul>\n"},
	    [BL_PARA] = {"<p>", "</p>\n"},
	},
    .address_open = "<p class=\"address\">",
    .run_open = "",
    .run_close = "",
    .line_break = "<br>\n",
    .item_open = "<li>",
    .item_close = "</li>\n",
};

static void write_html(const blocks *bs, const sp_letter_meta *m, buf *b)
{
	lf_adds(b, "<!DOCTYPE html>\n<html lang=\"nb\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	lf_add_escaped(b, m->title ? m->title : "");
	lf_adds(b, "</title>\n<style>\n"
		"@page { size: A4; margin: 2cm 2.5cm; }\n"
		"body { font-family: \"DejaVu Sans\", Arial, sans-serif; font-size: 11pt; "
		"line-height: 1.4; max-width: 16cm; margin: 2em auto; color: #000; }\n"
		"header.letterhead { font-size: 9pt; color: #404040; border-bottom: 1px solid #808080; "
		"margin-bottom: 2em; }\n"
		"p.address { margin: 2em 0; }\n"
		"p.reference { text-align: right; }\n"
		"h1 { font-size: 14pt; margin: 1.5em 0 0.8em; }\n"
		"h2 { font-size: 12pt; margin: 1.2em 0 0.5em; }\n"
		"</style>\n</head>\n<body>\n");
	lf_write_blocks(bs, &html_dialect, b);
	lf_adds(b, "</body>\n</html>\n");
}

/* --- all formats --------------------------------------------------------------------- */

unsigned char *sp_letter_document(const char *text, size_t len, sp_letter_format f,
				  const sp_letter_meta *meta, size_t *out_len, char **error)
{
	blocks bs;
	parse_markup(text, len, &bs);
	buf b = {0};
	unsigned char *out = NULL;
	switch (f) {
	case SP_LF_TXT: write_each(&bs, &b, txt_block); break;
	case SP_LF_MD: write_each(&bs, &b, md_block); break;
	case SP_LF_HTML: write_html(&bs, meta, &b); break;
	case SP_LF_ODT: out = lf_office_document(&bs, meta, &lf_odt, out_len, error); break;
	case SP_LF_DOCX: out = lf_office_document(&bs, meta, &lf_docx, out_len, error); break;
	case SP_LF_PDF: out = lf_write_pdf(&bs, meta, out_len, error); break;
	}
	blocks_free(&bs);
	if (f == SP_LF_TXT || f == SP_LF_MD || f == SP_LF_HTML) {
		if (!b.p)
			lf_adds(&b, "");
		*out_len = b.n;
		out = (unsigned char *)b.p;
	}
	return out;
}
