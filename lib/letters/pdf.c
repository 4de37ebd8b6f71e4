/* SPDX-License-Identifier: MIT */
/* pdf.c — a letter as PDF: drawn with pango on a cairo PDF surface, A4, DejaVu Sans embedded
 * as a subset; the letterhead on top of every page, the page number at the foot. */
#include "letters/letterfmt_int.h"

#include "base/util.h"

#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>

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
	lf_add(closure, (const char *)data, length);
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

/* The lines of k as one text, a line each (caller frees). */
static char *joined(const block *k)
{
	buf t = {0};
	lf_adds(&t, "");
	for (size_t j = 0; j < k->n; j++) {
		if (j)
			lf_adds(&t, "\n");
		lf_adds(&t, k->items[j]);
	}
	return t.p;
}

/* The small gray text of the letterhead and the page number, at y; its height. */
static double pdf_small_text(pdf_state *st, const char *text, PangoAlignment align, double y)
{
	PangoLayout *l = st->layout;
	set_font(l, 8.5, false);
	pango_layout_set_width(l, (int)((PAGE_W - 2 * MARGIN_X) * PANGO_SCALE));
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, text, -1);
	cairo_set_source_rgb(st->cr, 0.25, 0.25, 0.25);
	cairo_move_to(st->cr, MARGIN_X, y);
	pango_cairo_show_layout(st->cr, l);
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

/* The letterhead at y, underlined; where the body starts below it. */
static double pdf_letterhead(pdf_state *st, double y)
{
	char *t = joined(st->head);
	y += pdf_small_text(st, t, PANGO_ALIGN_LEFT, y) + 4;
	free(t);
	cairo_t *cr = st->cr;
	cairo_set_source_rgb(cr, 0.5, 0.5, 0.5);
	cairo_set_line_width(cr, 0.5);
	cairo_move_to(cr, MARGIN_X, y);
	cairo_line_to(cr, PAGE_W - MARGIN_X, y);
	cairo_stroke(cr);
	return y + 18;
}

static void pdf_page_start(pdf_state *st)
{
	st->page++;
	double y = st->head ? pdf_letterhead(st, MARGIN_TOP) : MARGIN_TOP;
	char num[32];
	snprintf(num, sizeof num, "Side %d", st->page);
	pdf_small_text(st, num, PANGO_ALIGN_CENTER, PAGE_H - MARGIN_BOTTOM + 14);
	st->top = st->y = y;
}

/* Lay out text at x with width; lines that do not fit go on a new page. */
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

/* The items of a list, each with a bullet beside its first line. */
static void pdf_list(pdf_state *st, const block *k, double w)
{
	for (size_t j = 0; j < k->n; j++) {
		if (j)
			st->y += 3;
		double y0 = st->y;
		int page = st->page;
		pdf_text(st, k->items[j], MARGIN_X + 14, w - 14, 10.5, false, PANGO_ALIGN_LEFT, 0);
		double save = st->y;
		if (page == st->page) {
			st->y = y0;
			pdf_text(st, "•", MARGIN_X + 2, 12, 10.5, false, PANGO_ALIGN_LEFT, 0);
			st->y = save;
		}
	}
}

static void pdf_block(pdf_state *st, const block *k)
{
	double w = PAGE_W - 2 * MARGIN_X;
	switch (k->k) {
	case BL_HEAD: break; /* on top of every page */
	case BL_LINES:
	case BL_REF: {
		char *t = joined(k);
		pdf_text(st, t, MARGIN_X, w, 10.5, false,
			 k->k == BL_REF ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT, 0);
		free(t);
		break;
	}
	case BL_H1: pdf_text(st, k->items[0], MARGIN_X, w, 14, true, PANGO_ALIGN_LEFT, 0); break;
	case BL_H2: pdf_text(st, k->items[0], MARGIN_X, w, 11.5, true, PANGO_ALIGN_LEFT, 0); break;
	case BL_PARA: pdf_text(st, k->items[0], MARGIN_X, w, 10.5, false, PANGO_ALIGN_LEFT, 0); break;
	case BL_LIST: pdf_list(st, k, w); break;
	}
}

/* The pages: the letterhead on each, then the blocks with space between them. */
static void pdf_draw(cairo_t *cr, const blocks *bs)
{
	pdf_state st = {cr, pango_cairo_create_layout(cr), NULL, 0, 0, 0};
	for (size_t i = 0; i < bs->n && !st.head; i++)
		if (bs->v[i].k == BL_HEAD)
			st.head = &bs->v[i];
	pdf_page_start(&st);
	bool first = true;
	for (size_t i = 0; i < bs->n; i++) {
		const block *k = &bs->v[i];
		if (k->k == BL_HEAD)
			continue;
		if (!first)
			st.y += k->k == BL_H1 ? 14 : k->k == BL_H2 ? 10 : 7;
		first = false;
		pdf_block(&st, k);
	}
	g_object_unref(st.layout);
}

/* A PDF surface writing into out, with the letter's metadata. */
static cairo_surface_t *pdf_surface(const sp_letter_meta *m, buf *out)
{
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(pdf_write, out, PAGE_W, PAGE_H);
	char when[32];
	lf_iso_datetime(m->date, when, false);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, m->title ? m->title : "");
	if (m->author)
		cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_AUTHOR, m->author);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "samplan");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, when);
	return s;
}

unsigned char *lf_write_pdf(const blocks *bs, const sp_letter_meta *m, size_t *len, char **error)
{
	buf out = {0};
	cairo_surface_t *s = pdf_surface(m, &out);
	cairo_t *cr = cairo_create(s);
	pdf_draw(cr, bs);
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
