/* letterfmt.c — letter markup as text, Markdown, HTML, ODT, DOCX and PDF. The markup is
 * parsed into blocks once; each writer walks the blocks. ODT and DOCX are zip containers
 * written with libzip in memory (entry times are the letter's date); PDF is drawn with
 * pango on a cairo PDF surface, A4, DejaVu Sans embedded as a subset. */
#include "letters/letterfmt.h"

#include "base/util.h"

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

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

/* --- a growing buffer ---------------------------------------------------------------- */

typedef struct {
	char *p;
	size_t n, cap;
} buf;

static void add(buf *b, const char *s, size_t n)
{
	if (b->n + n + 1 > b->cap) {
		b->cap = b->cap ? b->cap : 4096;
		while (b->n + n + 1 > b->cap)
			b->cap *= 2;
		b->p = sp_xrealloc(b->p, b->cap);
	}
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

static void adds(buf *b, const char *s)
{
	add(b, s, strlen(s));
}

static void addf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void addf(buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *s = sp_xvasprintf(fmt, ap);
	va_end(ap);
	adds(b, s);
	free(s);
}

/* & < > " ' as entities (HTML and XML alike). */
static void add_escaped(buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': adds(b, "&amp;"); break;
		case '<': adds(b, "&lt;"); break;
		case '>': adds(b, "&gt;"); break;
		case '"': adds(b, "&quot;"); break;
		case '\'': adds(b, "&#39;"); break;
		default: add(b, s, 1);
		}
	}
}

/* <tag>text</tag>, the text escaped; nothing when text is NULL. */
static void add_element(buf *b, const char *tag, const char *text)
{
	if (!text)
		return;
	addf(b, "<%s>", tag);
	add_escaped(b, text);
	addf(b, "</%s>", tag);
}

/* --- the markup ---------------------------------------------------------------------- */

typedef enum { BL_HEAD, BL_LINES, BL_REF, BL_H1, BL_H2, BL_LIST, BL_PARA } bkind;

typedef struct {
	bkind k;
	char **items; /* lines (HEAD, LINES, REF), list items, or the one text */
	size_t n;
} block;

typedef struct {
	block *v;
	size_t n, cap;
	bool open; /* the last block takes more lines */
} blocks;

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
		if (n == 0) {
			bs->open = false;
			continue;
		}
		bkind k = BL_PARA;
		size_t skip = 0;
		if (n >= 2 && s[1] == ' ' && strchr("^|~#-", s[0])) {
			k = s[0] == '^' ? BL_HEAD : s[0] == '|' ? BL_LINES : s[0] == '~' ? BL_REF
					: s[0] == '#' ? BL_H1 : BL_LIST;
			skip = 2;
		} else if (n >= 3 && s[0] == '#' && s[1] == '#' && s[2] == ' ') {
			k = BL_H2;
			skip = 3;
		} else if (n == 1 && strchr("^|~-", s[0])) {
			continue; /* a marker with nothing after it */
		}
		s += skip;
		n -= skip;
		while (n && *s == ' ')
			s++, n--;
		if (n == 0)
			continue;
		block *last = bs->open && bs->n ? &bs->v[bs->n - 1] : NULL;
		if (k == BL_PARA && last && (last->k == BL_PARA || last->k == BL_LIST)) {
			join_item(last, s, n); /* a paragraph goes on; a list item's lazy continuation */
			continue;
		}
		if (k == BL_H1 || k == BL_H2) {
			push_item(new_block(bs, k), s, n);
			bs->open = false;
			continue;
		}
		if (!last || last->k != k || k == BL_PARA)
			last = new_block(bs, k);
		push_item(last, s, n);
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
			adds(b, "\n");
			lead = rest;
			lw = u8len(lead, strlen(lead));
			line_start = true;
		}
		if (line_start) {
			adds(b, lead);
			col = lw;
			line_start = false;
		} else {
			adds(b, " ");
			col++;
		}
		add(b, s, (size_t)(e - s));
		col += w;
		s = e;
	}
	adds(b, "\n");
}

static void write_txt(const blocks *bs, buf *b)
{
	for (size_t i = 0; i < bs->n; i++) {
		const block *k = &bs->v[i];
		if (i)
			adds(b, "\n");
		switch (k->k) {
		case BL_HEAD:
		case BL_LINES:
			for (size_t j = 0; j < k->n; j++)
				addf(b, "%s\n", k->items[j]);
			break;
		case BL_REF:
			for (size_t j = 0; j < k->n; j++) {
				size_t w = u8len(k->items[j], strlen(k->items[j]));
				for (size_t p = w; p < TXT_WIDTH; p++)
					adds(b, " ");
				addf(b, "%s\n", k->items[j]);
			}
			break;
		case BL_H1:
		case BL_H2: {
			add_wrapped(b, k->items[0], "", "");
			size_t w = u8len(k->items[0], strlen(k->items[0]));
			for (size_t p = 0; p < (w < TXT_WIDTH ? w : TXT_WIDTH); p++)
				adds(b, k->k == BL_H1 ? "=" : "-");
			adds(b, "\n");
			break;
		}
		case BL_LIST:
			for (size_t j = 0; j < k->n; j++)
				add_wrapped(b, k->items[j], "  - ", "    ");
			break;
		case BL_PARA: add_wrapped(b, k->items[0], "", ""); break;
		}
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
		adds(b, "\\");
	else if (p != s && (*p == '.' || *p == ')')) {
		add(b, s, (size_t)(p - s));
		adds(b, "\\");
		s = p;
	}
	for (; *s; s++) {
		if (strchr("\\`*_[]<>", *s))
			adds(b, "\\");
		add(b, s, 1);
	}
}

static void write_md(const blocks *bs, buf *b)
{
	for (size_t i = 0; i < bs->n; i++) {
		const block *k = &bs->v[i];
		if (i)
			adds(b, "\n");
		switch (k->k) {
		case BL_HEAD:
		case BL_LINES:
		case BL_REF:
			for (size_t j = 0; j < k->n; j++) {
				add_md(b, k->items[j]);
				adds(b, j + 1 < k->n ? "\\\n" : "\n");
			}
			break;
		case BL_H1:
		case BL_H2:
			adds(b, k->k == BL_H1 ? "# " : "## ");
			add_md(b, k->items[0]);
			adds(b, "\n");
			break;
		case BL_LIST:
			for (size_t j = 0; j < k->n; j++) {
				adds(b, "- ");
				add_md(b, k->items[j]);
				adds(b, "\n");
			}
			break;
		case BL_PARA:
			add_md(b, k->items[0]);
			adds(b, "\n");
			break;
		}
	}
}

/* --- HTML ---------------------------------------------------------------------------- */

static void add_lines_html(buf *b, const block *k)
{
	for (size_t j = 0; j < k->n; j++) {
		if (j)
			adds(b, "<br>\n");
		add_escaped(b, k->items[j]);
	}
}

static void write_html(const blocks *bs, const sp_letter_meta *m, buf *b)
{
	adds(b, "<!DOCTYPE html>\n<html lang=\"nb\">\n<head>\n<meta charset=\"utf-8\">\n<title>");
	add_escaped(b, m->title ? m->title : "");
	adds(b, "</title>\n<style>\n"
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
	for (size_t i = 0; i < bs->n; i++) {
		const block *k = &bs->v[i];
		switch (k->k) {
		case BL_HEAD:
			adds(b, "<header class=\"letterhead\"><p>");
			add_lines_html(b, k);
			adds(b, "</p></header>\n");
			break;
		case BL_LINES:
			adds(b, i + 1 < bs->n && bs->v[i + 1].k == BL_REF ? "<p class=\"address\">"
									   : "<p class=\"lines\">");
			add_lines_html(b, k);
			adds(b, "</p>\n");
			break;
		case BL_REF:
			adds(b, "<p class=\"reference\">");
			add_lines_html(b, k);
			adds(b, "</p>\n");
			break;
		case BL_H1:
		case BL_H2:
			adds(b, k->k == BL_H1 ? "<h1>" : "<h2>");
			add_escaped(b, k->items[0]);
			adds(b, k->k == BL_H1 ? "</h1>\n" : "</h2>\n");
			break;
		case BL_LIST:
			adds(b, "<ul>\n");
			for (size_t j = 0; j < k->n; j++) {
				adds(b, "<li>");
				add_escaped(b, k->items[j]);
				adds(b, "</li>\n");
			}
			adds(b, "</ul>\n");
			break;
		case BL_PARA:
			adds(b, "<p>");
			add_escaped(b, k->items[0]);
			adds(b, "</p>\n");
			break;
		}
	}
	adds(b, "</body>\n</html>\n");
}

/* --- zip containers ------------------------------------------------------------------ */

typedef struct {
	const char *name;
	const char *data;
	size_t len;
	bool store; /* uncompressed (an ODT's mimetype) */
} zip_entry;

static unsigned char *zip_build(const zip_entry *e, size_t n, sp_date date, size_t *out_len,
				char **error)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *za = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
	if (!za) {
		*error = sp_xasprintf("cannot start a zip container: %s", zip_error_strerror(&ze));
		zip_source_free(src);
		zip_error_fini(&ze);
		return NULL;
	}
	zip_source_keep(src);
	int y, mo, d;
	sp_date_to_ymd(date, &y, &mo, &d);
	if (y < 1980)
		y = 1980, mo = 1, d = 1;
	zip_uint16_t dosdate = (zip_uint16_t)(((y - 1980) << 9) | (mo << 5) | d);
	for (size_t i = 0; i < n; i++) {
		zip_source_t *s = zip_source_buffer(za, e[i].data, e[i].len, 0);
		zip_int64_t idx = s ? zip_file_add(za, e[i].name, s, ZIP_FL_ENC_UTF_8) : -1;
		if (idx < 0 ||
		    zip_set_file_compression(za, (zip_uint64_t)idx, e[i].store ? ZIP_CM_STORE : ZIP_CM_DEFLATE, 9) < 0 ||
		    zip_file_set_dostime(za, (zip_uint64_t)idx, 0, dosdate, 0) < 0) {
			if (idx < 0)
				zip_source_free(s);
			*error = sp_xasprintf("cannot add %s to the zip container: %s", e[i].name,
					      zip_strerror(za));
			zip_discard(za);
			zip_source_free(src);
			return NULL;
		}
	}
	if (zip_close(za) < 0) {
		*error = sp_xasprintf("cannot write the zip container: %s", zip_strerror(za));
		zip_discard(za);
		zip_source_free(src);
		return NULL;
	}
	unsigned char *out = NULL;
	zip_int64_t len = -1;
	if (zip_source_open(src) == 0) {
		if (zip_source_seek(src, 0, SEEK_END) == 0 && (len = zip_source_tell(src)) >= 0 &&
		    zip_source_seek(src, 0, SEEK_SET) == 0) {
			out = sp_xmalloc((size_t)len + 1);
			if (zip_source_read(src, out, (zip_uint64_t)len) != len) {
				free(out);
				out = NULL;
			}
		}
		zip_source_close(src);
	}
	zip_source_free(src);
	if (!out) {
		*error = sp_xstrdup("cannot read back the zip container");
		return NULL;
	}
	*out_len = (size_t)len;
	return out;
}

static void iso_datetime(sp_date d, char out[32], bool zulu)
{
	char iso[SP_DATE_BUFSIZE];
	snprintf(out, 32, "%sT00:00:00%s", sp_date_format(d, iso), zulu ? "Z" : "");
}

/* --- ODT ----------------------------------------------------------------------------- */

#define ODF_NS                                                                                     \
	" xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\""                       \
	" xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\""                         \
	" xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\""                           \
	" xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\""                \
	" xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\""

static const char odt_styles[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<office:document-styles" ODF_NS " office:version=\"1.3\">\n"
    "<office:font-face-decls><style:font-face style:name=\"Liberation Sans\" "
    "svg:font-family=\"&apos;Liberation Sans&apos;\" style:font-family-generic=\"swiss\" "
    "style:font-pitch=\"variable\"/></office:font-face-decls>\n"
    "<office:styles>\n"
    "<style:default-style style:family=\"paragraph\"><style:paragraph-properties "
    "fo:margin-top=\"0cm\" fo:margin-bottom=\"0cm\"/><style:text-properties "
    "style:font-name=\"Liberation Sans\" fo:font-size=\"11pt\" fo:language=\"nb\" "
    "fo:country=\"NO\"/></style:default-style>\n"
    "<style:style style:name=\"Standard\" style:family=\"paragraph\" style:class=\"text\"/>\n"
    "<style:style style:name=\"Text_20_body\" style:display-name=\"Text body\" "
    "style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"text\">"
    "<style:paragraph-properties fo:margin-bottom=\"0.25cm\" fo:line-height=\"115%\"/>"
    "</style:style>\n"
    "<style:style style:name=\"Heading_20_1\" style:display-name=\"Heading 1\" "
    "style:family=\"paragraph\" style:parent-style-name=\"Standard\" "
    "style:next-style-name=\"Text_20_body\" style:default-outline-level=\"1\" "
    "style:class=\"text\"><style:paragraph-properties fo:margin-top=\"0.4cm\" "
    "fo:margin-bottom=\"0.3cm\" fo:keep-with-next=\"always\"/><style:text-properties "
    "fo:font-size=\"14pt\" fo:font-weight=\"bold\"/></style:style>\n"
    "<style:style style:name=\"Heading_20_2\" style:display-name=\"Heading 2\" "
    "style:family=\"paragraph\" style:parent-style-name=\"Standard\" "
    "style:next-style-name=\"Text_20_body\" style:default-outline-level=\"2\" "
    "style:class=\"text\"><style:paragraph-properties fo:margin-top=\"0.35cm\" "
    "fo:margin-bottom=\"0.2cm\" fo:keep-with-next=\"always\"/><style:text-properties "
    "fo:font-size=\"12pt\" fo:font-weight=\"bold\"/></style:style>\n"
    "<style:style style:name=\"Letterhead\" style:family=\"paragraph\" "
    "style:parent-style-name=\"Standard\"><style:paragraph-properties "
    "fo:margin-bottom=\"0.6cm\" fo:border-bottom=\"0.5pt solid #808080\" "
    "fo:padding-bottom=\"0.1cm\"/><style:text-properties fo:font-size=\"9pt\" "
    "fo:color=\"#404040\"/></style:style>\n"
    "<style:style style:name=\"Address\" style:family=\"paragraph\" "
    "style:parent-style-name=\"Standard\"><style:paragraph-properties fo:margin-top=\"0.8cm\" "
    "fo:margin-bottom=\"0.8cm\"/></style:style>\n"
    "<style:style style:name=\"Lines\" style:family=\"paragraph\" "
    "style:parent-style-name=\"Standard\"><style:paragraph-properties "
    "fo:margin-bottom=\"0.25cm\"/></style:style>\n"
    "<style:style style:name=\"Reference\" style:family=\"paragraph\" "
    "style:parent-style-name=\"Standard\"><style:paragraph-properties fo:text-align=\"end\" "
    "fo:margin-bottom=\"0.4cm\"/></style:style>\n"
    "<style:style style:name=\"List_20_Paragraph\" style:display-name=\"List Paragraph\" "
    "style:family=\"paragraph\" style:parent-style-name=\"Standard\" style:class=\"list\">"
    "<style:paragraph-properties fo:margin-bottom=\"0.1cm\"/></style:style>\n"
    "<text:list-style style:name=\"Bullets\"><text:list-level-style-bullet text:level=\"1\" "
    "text:bullet-char=\"•\"><style:list-level-properties "
    "text:list-level-position-and-space-mode=\"label-alignment\"><style:list-level-label-alignment "
    "text:label-followed-by=\"listtab\" text:list-tab-stop-position=\"0.635cm\" "
    "fo:text-indent=\"-0.635cm\" fo:margin-left=\"0.635cm\"/></style:list-level-properties>"
    "</text:list-level-style-bullet></text:list-style>\n"
    "</office:styles>\n"
    "<office:automatic-styles><style:page-layout style:name=\"A4\"><style:page-layout-properties "
    "fo:page-width=\"21cm\" fo:page-height=\"29.7cm\" style:print-orientation=\"portrait\" "
    "fo:margin-top=\"2cm\" fo:margin-bottom=\"2cm\" fo:margin-left=\"2.5cm\" "
    "fo:margin-right=\"2.5cm\"/></style:page-layout></office:automatic-styles>\n"
    "<office:master-styles><style:master-page style:name=\"Standard\" "
    "style:page-layout-name=\"A4\"/></office:master-styles>\n"
    "</office:document-styles>\n";

static const char odt_manifest[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\" "
    "manifest:version=\"1.3\">\n"
    " <manifest:file-entry manifest:full-path=\"/\" manifest:version=\"1.3\" "
    "manifest:media-type=\"application/vnd.oasis.opendocument.text\"/>\n"
    " <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\n"
    " <manifest:file-entry manifest:full-path=\"styles.xml\" manifest:media-type=\"text/xml\"/>\n"
    " <manifest:file-entry manifest:full-path=\"meta.xml\" manifest:media-type=\"text/xml\"/>\n"
    "</manifest:manifest>\n";

static const char odt_mimetype[] = "application/vnd.oasis.opendocument.text";

static void odt_lines(buf *b, const block *k, const char *style)
{
	addf(b, "<text:p text:style-name=\"%s\">", style);
	for (size_t j = 0; j < k->n; j++) {
		if (j)
			adds(b, "<text:line-break/>");
		add_escaped(b, k->items[j]);
	}
	adds(b, "</text:p>\n");
}

static void odt_content(const blocks *bs, buf *b)
{
	adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-content" ODF_NS
		" office:version=\"1.3\">\n<office:body>\n<office:text>\n");
	for (size_t i = 0; i < bs->n; i++) {
		const block *k = &bs->v[i];
		switch (k->k) {
		case BL_HEAD: odt_lines(b, k, "Letterhead"); break;
		case BL_LINES:
			odt_lines(b, k, i + 1 < bs->n && bs->v[i + 1].k == BL_REF ? "Address" : "Lines");
			break;
		case BL_REF: odt_lines(b, k, "Reference"); break;
		case BL_H1:
		case BL_H2:
			addf(b, "<text:h text:style-name=\"Heading_20_%d\" text:outline-level=\"%d\">",
			     k->k == BL_H1 ? 1 : 2, k->k == BL_H1 ? 1 : 2);
			add_escaped(b, k->items[0]);
			adds(b, "</text:h>\n");
			break;
		case BL_LIST:
			adds(b, "<text:list text:style-name=\"Bullets\">\n");
			for (size_t j = 0; j < k->n; j++) {
				adds(b, "<text:list-item><text:p text:style-name=\"List_20_Paragraph\">");
				add_escaped(b, k->items[j]);
				adds(b, "</text:p></text:list-item>\n");
			}
			adds(b, "</text:list>\n");
			break;
		case BL_PARA:
			adds(b, "<text:p text:style-name=\"Text_20_body\">");
			add_escaped(b, k->items[0]);
			adds(b, "</text:p>\n");
			break;
		}
	}
	adds(b, "</office:text>\n</office:body>\n</office:document-content>\n");
}

static unsigned char *write_odt(const blocks *bs, const sp_letter_meta *m, size_t *len,
				char **error)
{
	buf content = {0}, meta = {0};
	odt_content(bs, &content);
	char when[32];
	iso_datetime(m->date, when, false);
	adds(&meta, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document-meta "
		    "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" "
		    "xmlns:meta=\"urn:oasis:names:tc:opendocument:xmlns:meta:1.0\" "
		    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" office:version=\"1.3\">"
		    "<office:meta><meta:generator>samplan</meta:generator>");
	add_element(&meta, "dc:title", m->title ? m->title : "");
	add_element(&meta, "meta:initial-creator", m->author);
	addf(&meta, "<dc:language>nb-NO</dc:language><meta:creation-date>%s</meta:creation-date>"
		    "<dc:date>%s</dc:date></office:meta></office:document-meta>\n",
	     when, when);
	zip_entry e[] = {
	    {"mimetype", odt_mimetype, sizeof odt_mimetype - 1, true},
	    {"META-INF/manifest.xml", odt_manifest, sizeof odt_manifest - 1, false},
	    {"styles.xml", odt_styles, sizeof odt_styles - 1, false},
	    {"meta.xml", meta.p, meta.n, false},
	    {"content.xml", content.p, content.n, false},
	};
	unsigned char *out = zip_build(e, sizeof e / sizeof *e, m->date, len, error);
	free(content.p);
	free(meta.p);
	return out;
}

/* --- DOCX ---------------------------------------------------------------------------- */

#define W_NS "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

static const char docx_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "<Override PartName=\"/docProps/core.xml\" "
    "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
    "</Types>\n";

static const char docx_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"word/document.xml\"/>"
    "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/"
    "relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
    "</Relationships>\n";

static const char docx_doc_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/styles\" Target=\"styles.xml\"/></Relationships>\n";

static const char docx_styles[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:styles " W_NS ">\n"
    "<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Arial\" w:hAnsi=\"Arial\" "
    "w:eastAsia=\"Arial\" w:cs=\"Arial\"/><w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/>"
    "<w:lang w:val=\"nb-NO\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>"
    "<w:spacing w:after=\"0\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault>"
    "</w:docDefaults>\n"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
    "<w:qFormat/><w:pPr><w:spacing w:after=\"140\"/></w:pPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/>"
    "<w:spacing w:before=\"240\" w:after=\"160\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr>"
    "<w:b/><w:bCs/><w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/>"
    "<w:spacing w:before=\"200\" w:after=\"120\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr>"
    "<w:b/><w:bCs/><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/></w:rPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Letterhead\">"
    "<w:name w:val=\"Letterhead\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:pBdr><w:bottom "
    "w:val=\"single\" w:sz=\"4\" w:space=\"4\" w:color=\"808080\"/></w:pBdr><w:spacing "
    "w:after=\"360\"/></w:pPr><w:rPr><w:color w:val=\"404040\"/><w:sz w:val=\"18\"/>"
    "<w:szCs w:val=\"18\"/></w:rPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Address\">"
    "<w:name w:val=\"Address\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing "
    "w:before=\"480\" w:after=\"480\"/></w:pPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Lines\">"
    "<w:name w:val=\"Lines\"/><w:basedOn w:val=\"Normal\"/></w:style>\n"
    "<w:style w:type=\"paragraph\" w:customStyle=\"1\" w:styleId=\"Reference\">"
    "<w:name w:val=\"Reference\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:jc w:val=\"right\"/>"
    "<w:spacing w:after=\"240\"/></w:pPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:styleId=\"ListBullet\"><w:name w:val=\"List Bullet\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:after=\"60\"/><w:ind w:left=\"360\" "
    "w:hanging=\"360\"/></w:pPr></w:style>\n"
    "</w:styles>\n";

static void docx_runs(buf *b, const block *k)
{
	for (size_t j = 0; j < k->n; j++) {
		if (j)
			adds(b, "<w:r><w:br/></w:r>");
		adds(b, "<w:r><w:t xml:space=\"preserve\">");
		add_escaped(b, k->items[j]);
		adds(b, "</w:t></w:r>");
	}
}

static void docx_par(buf *b, const char *style, const block *k)
{
	addf(b, "<w:p><w:pPr><w:pStyle w:val=\"%s\"/></w:pPr>", style);
	docx_runs(b, k);
	adds(b, "</w:p>\n");
}

static void docx_document(const blocks *bs, buf *b)
{
	adds(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document " W_NS
		"><w:body>\n");
	for (size_t i = 0; i < bs->n; i++) {
		const block *k = &bs->v[i];
		switch (k->k) {
		case BL_HEAD: docx_par(b, "Letterhead", k); break;
		case BL_LINES:
			docx_par(b, i + 1 < bs->n && bs->v[i + 1].k == BL_REF ? "Address" : "Lines", k);
			break;
		case BL_REF: docx_par(b, "Reference", k); break;
		case BL_H1: docx_par(b, "Heading1", k); break;
		case BL_H2: docx_par(b, "Heading2", k); break;
		case BL_PARA: docx_par(b, "Normal", k); break;
		case BL_LIST:
			for (size_t j = 0; j < k->n; j++) {
				adds(b, "<w:p><w:pPr><w:pStyle w:val=\"ListBullet\"/></w:pPr><w:r><w:t>•"
					"</w:t></w:r><w:r><w:tab/></w:r><w:r><w:t xml:space=\"preserve\">");
				add_escaped(b, k->items[j]);
				adds(b, "</w:t></w:r></w:p>\n");
			}
			break;
		}
	}
	adds(b, "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" "
		"w:right=\"1417\" w:bottom=\"1134\" w:left=\"1417\" w:header=\"708\" w:footer=\"708\" "
		"w:gutter=\"0\"/></w:sectPr>\n</w:body></w:document>\n");
}

static unsigned char *write_docx(const blocks *bs, const sp_letter_meta *m, size_t *len,
				 char **error)
{
	buf doc = {0}, core = {0};
	docx_document(bs, &doc);
	char when[32];
	iso_datetime(m->date, when, true);
	adds(&core, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
		    "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/"
		    "metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" "
		    "xmlns:dcterms=\"http://purl.org/dc/terms/\" "
		    "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">");
	add_element(&core, "dc:title", m->title ? m->title : "");
	add_element(&core, "dc:creator", m->author);
	addf(&core, "<dc:language>nb-NO</dc:language><dcterms:created xsi:type=\"dcterms:W3CDTF\">"
		    "%s</dcterms:created></cp:coreProperties>\n",
	     when);
	zip_entry e[] = {
	    {"[Content_Types].xml", docx_types, sizeof docx_types - 1, false},
	    {"_rels/.rels", docx_rels, sizeof docx_rels - 1, false},
	    {"docProps/core.xml", core.p, core.n, false},
	    {"word/_rels/document.xml.rels", docx_doc_rels, sizeof docx_doc_rels - 1, false},
	    {"word/styles.xml", docx_styles, sizeof docx_styles - 1, false},
	    {"word/document.xml", doc.p, doc.n, false},
	};
	unsigned char *out = zip_build(e, sizeof e / sizeof *e, m->date, len, error);
	free(doc.p);
	free(core.p);
	return out;
}

/* --- PDF ----------------------------------------------------------------------------- */

#define PT_PER_CM (72.0 / 2.54)
#define PAGE_W (21.0 * PT_PER_CM)
#define PAGE_H (29.7 * PT_PER_CM)
#define MARGIN_X (2.5 * PT_PER_CM)
#define MARGIN_TOP (1.5 * PT_PER_CM)
#define MARGIN_BOTTOM (2.0 * PT_PER_CM)
#define FONT "DejaVu Sans"

typedef struct {
	cairo_t *cr;
	PangoLayout *layout;
	const block *head; /* the letterhead, drawn on top of every page */
	double y;          /* where the next line goes */
	double top;        /* where the body starts on a page */
	int page;
} pdf_state;

static cairo_status_t pdf_write(void *closure, const unsigned char *data, unsigned int length)
{
	add(closure, (const char *)data, length);
	return CAIRO_STATUS_SUCCESS;
}

static void set_font(PangoLayout *l, double size, bool bold)
{
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, FONT);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
}

/* Lay out text at x with width; lines that do not fit go on a new page. */
static void pdf_text(pdf_state *st, const char *text, double x, double width, double size,
		     bool bold, PangoAlignment align, double gray);

static void pdf_page_start(pdf_state *st)
{
	st->page++;
	cairo_t *cr = st->cr;
	double y = MARGIN_TOP;
	if (st->head) {
		PangoLayout *l = st->layout;
		set_font(l, 8.5, false);
		pango_layout_set_width(l, (int)((PAGE_W - 2 * MARGIN_X) * PANGO_SCALE));
		pango_layout_set_alignment(l, PANGO_ALIGN_LEFT);
		buf t = {0};
		for (size_t j = 0; j < st->head->n; j++) {
			if (j)
				adds(&t, "\n");
			adds(&t, st->head->items[j]);
		}
		pango_layout_set_text(l, t.p, (int)t.n);
		free(t.p);
		cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
		cairo_move_to(cr, MARGIN_X, y);
		pango_cairo_show_layout(cr, l);
		int w, h;
		pango_layout_get_size(l, &w, &h);
		y += (double)h / PANGO_SCALE + 4;
		cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
		cairo_set_line_width(cr, 0.5);
		cairo_move_to(cr, MARGIN_X, y);
		cairo_line_to(cr, PAGE_W - MARGIN_X, y);
		cairo_stroke(cr);
		y += 18;
	}
	/* the page number at the foot */
	char num[32];
	snprintf(num, sizeof num, "Side %d", st->page);
	set_font(st->layout, 8.5, false);
	pango_layout_set_width(st->layout, (int)((PAGE_W - 2 * MARGIN_X) * PANGO_SCALE));
	pango_layout_set_alignment(st->layout, PANGO_ALIGN_CENTER);
	pango_layout_set_text(st->layout, num, -1);
	cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
	cairo_move_to(cr, MARGIN_X, PAGE_H - MARGIN_BOTTOM + 14);
	pango_cairo_show_layout(cr, st->layout);
	st->top = st->y = y;
}

static void pdf_text(pdf_state *st, const char *text, double x, double width, double size,
		     bool bold, PangoAlignment align, double gray)
{
	PangoLayout *l = st->layout;
	set_font(l, size, bold);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, text, -1);
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double shift = 0;
	bool first = true;
	do {
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		double top = (double)logical.y / PANGO_SCALE, h = (double)logical.height / PANGO_SCALE;
		if (first) {
			shift = st->y - top;
			first = false;
		}
		if (shift + top + h > PAGE_H - MARGIN_BOTTOM) {
			cairo_show_page(st->cr);
			pdf_page_start(st);
			/* pdf_page_start used the layout for the letterhead: set it up again */
			set_font(l, size, bold);
			pango_layout_set_width(l, (int)(width * PANGO_SCALE));
			pango_layout_set_alignment(l, align);
			pango_layout_set_text(l, text, -1);
			PangoLayoutIter *again = pango_layout_get_iter(l);
			PangoRectangle r;
			do
				pango_layout_iter_get_line_extents(again, NULL, &r);
			while (r.y != logical.y && pango_layout_iter_next_line(again));
			pango_layout_iter_free(it);
			it = again;
			shift = st->y - top;
		}
		double baseline = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
		cairo_set_source_rgb(st->cr, gray, gray, gray);
		cairo_move_to(st->cr, x + (double)logical.x / PANGO_SCALE, shift + baseline);
		pango_cairo_show_layout_line(st->cr, pango_layout_iter_get_line_readonly(it));
		st->y = shift + top + h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

static char *joined(const block *k)
{
	buf t = {0};
	adds(&t, "");
	for (size_t j = 0; j < k->n; j++) {
		if (j)
			adds(&t, "\n");
		adds(&t, k->items[j]);
	}
	return t.p;
}

static unsigned char *write_pdf(const blocks *bs, const sp_letter_meta *m, size_t *len,
				char **error)
{
	buf out = {0};
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(pdf_write, &out, PAGE_W, PAGE_H);
	char when[32];
	iso_datetime(m->date, when, false);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, m->title ? m->title : "");
	if (m->author)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, m->author);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "samplan");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, when);
	cairo_t *cr = cairo_create(s);
	pdf_state st = {cr, pango_cairo_create_layout(cr), NULL, 0, 0, 0};
	for (size_t i = 0; i < bs->n && !st.head; i++)
		if (bs->v[i].k == BL_HEAD)
			st.head = &bs->v[i];
	pdf_page_start(&st);
	double w = PAGE_W - 2 * MARGIN_X;
	bool first = true;
	for (size_t i = 0; i < bs->n; i++) {
		const block *k = &bs->v[i];
		if (k->k == BL_HEAD)
			continue;
		if (!first)
			st.y += k->k == BL_H1 ? 14 : k->k == BL_H2 ? 10 : 7;
		first = false;
		switch (k->k) {
		case BL_HEAD: break;
		case BL_LINES:
		case BL_REF: {
			char *t = joined(k);
			pdf_text(&st, t, MARGIN_X, w, 10.5, false,
				 k->k == BL_REF ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT, 0);
			free(t);
			break;
		}
		case BL_H1: pdf_text(&st, k->items[0], MARGIN_X, w, 14, true, PANGO_ALIGN_LEFT, 0); break;
		case BL_H2: pdf_text(&st, k->items[0], MARGIN_X, w, 11.5, true, PANGO_ALIGN_LEFT, 0); break;
		case BL_PARA: pdf_text(&st, k->items[0], MARGIN_X, w, 10.5, false, PANGO_ALIGN_LEFT, 0); break;
		case BL_LIST:
			for (size_t j = 0; j < k->n; j++) {
				if (j)
					st.y += 3;
				double y0 = st.y;
				int page = st.page;
				pdf_text(&st, k->items[j], MARGIN_X + 14, w - 14, 10.5, false,
					 PANGO_ALIGN_LEFT, 0);
				/* the bullet beside the item's first line */
				double save = st.y;
				if (page == st.page) {
					st.y = y0;
					pdf_text(&st, "•", MARGIN_X + 2, 12, 10.5, false, PANGO_ALIGN_LEFT, 0);
					st.y = save;
				}
			}
			break;
		}
	}
	g_object_unref(st.layout);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	cairo_status_t status = cairo_surface_status(s);
	cairo_surface_destroy(s);
	if (status != CAIRO_STATUS_SUCCESS) {
		*error = sp_xasprintf("cannot write the PDF: %s", cairo_status_to_string(status));
		free(out.p);
		return NULL;
	}
	*len = out.n;
	return (unsigned char *)out.p;
}

#ifdef SAMPLAN_SANITIZE
/* LeakSanitizer: fontconfig keeps its caches for the life of the process and refers to
 * them by offsets no leak checker can follow (tests/valgrind.supp says the same to
 * valgrind). Only allocations made inside libfontconfig are let go. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
	return "leak:libfontconfig.so\n";
}

/* and says nothing of it on standard error, which the tests compare */
const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
	return "print_suppressions=0";
}
#endif

void sp_letterfmt_cleanup(void)
{
	pango_cairo_font_map_set_default(NULL); /* the fonts and their caches */
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
	case SP_LF_TXT: write_txt(&bs, &b); break;
	case SP_LF_MD: write_md(&bs, &b); break;
	case SP_LF_HTML: write_html(&bs, meta, &b); break;
	case SP_LF_ODT: out = write_odt(&bs, meta, out_len, error); break;
	case SP_LF_DOCX: out = write_docx(&bs, meta, out_len, error); break;
	case SP_LF_PDF: out = write_pdf(&bs, meta, out_len, error); break;
	}
	blocks_free(&bs);
	if (f == SP_LF_TXT || f == SP_LF_MD || f == SP_LF_HTML) {
		if (!b.p)
			adds(&b, "");
		*out_len = b.n;
		out = (unsigned char *)b.p;
	}
	return out;
}
