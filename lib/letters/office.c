/* SPDX-License-Identifier: MIT */
/* office.c — what ODT and DOCX share: the document made of a format's fixed parts, its
 * metadata and its body (the blocks in its tags), zipped with libzip in memory; every entry's
 * time is the letter's date, so the same letter gives the same bytes. */
#include "letters/letterfmt_int.h"

#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

/* The letter's date as an MS-DOS date (zip times start in 1980). */
static zip_uint16_t dos_date(sp_date date)
{
	int y, mo, d;
	sp_date_to_ymd(date, &y, &mo, &d);
	if (y < 1980)
		y = 1980, mo = 1, d = 1;
	return (zip_uint16_t)(((y - 1980) << 9) | (mo << 5) | d);
}

/* Add e[0..n) to za and close it; false with *error (za still open) when libzip fails. */
static bool write_entries(zip_t *za, const lf_zip_entry *e, size_t n, sp_date date, char **error)
{
	zip_uint16_t dosdate = dos_date(date);
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
			return false;
		}
	}
	if (zip_close(za) < 0) {
		*error = sp_xasprintf("cannot write the zip container: %s", zip_strerror(za));
		return false;
	}
	return true;
}

/* The bytes the closed archive left in src (caller frees); NULL if they cannot be read. */
static unsigned char *read_back(zip_source_t *src, size_t *out_len)
{
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
	*out_len = (size_t)len;
	return out;
}

static unsigned char *zip_build(const lf_zip_entry *e, size_t n, sp_date date, size_t *out_len,
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
	if (!write_entries(za, e, n, date, error)) {
		zip_discard(za);
		zip_source_free(src);
		return NULL;
	}
	size_t len;
	unsigned char *out = read_back(src, &len);
	zip_source_free(src);
	if (!out) {
		*error = sp_xstrdup("cannot read back the zip container");
		return NULL;
	}
	*out_len = len;
	return out;
}

static void office_meta(const lf_office_format *f, const sp_letter_meta *m, buf *b)
{
	char when[32];
	lf_iso_datetime(m->date, when, f->zulu);
	lf_adds(b, f->meta_open);
	lf_add_element(b, "dc:title", m->title ? m->title : "");
	lf_add_element(b, f->creator_tag, m->author);
	lf_adds(b, "<dc:language>nb-NO</dc:language>");
	for (size_t i = 0; i < 2 && f->date_tags[i][0]; i++) {
		lf_adds(b, f->date_tags[i][0]);
		lf_adds(b, when);
		lf_adds(b, f->date_tags[i][1]);
	}
	lf_adds(b, f->meta_close);
}

unsigned char *lf_office_document(const blocks *bs, const sp_letter_meta *m,
				  const lf_office_format *f, size_t *len, char **error)
{
	buf body = {0}, meta = {0};
	lf_adds(&body, f->body_open);
	lf_write_blocks(bs, f->dialect, &body);
	lf_adds(&body, f->body_close);
	office_meta(f, m, &meta);
	lf_zip_entry e[LF_OFFICE_MAX_PARTS];
	memcpy(e, f->parts, f->nparts * sizeof *e);
	e[f->body_at].data = body.p;
	e[f->body_at].len = body.n;
	e[f->meta_at].data = meta.p;
	e[f->meta_at].len = meta.n;
	unsigned char *out = zip_build(e, f->nparts, m->date, len, error);
	free(body.p);
	free(meta.p);
	return out;
}
