/* SPDX-License-Identifier: MIT */
/* yamldiff.h — read a YAML stream twice, with the fast reader (yaml_fast.c, libyaml for
 * what it leaves) and with libyaml alone, and say where the two differ: the documents, their
 * values in order, the place of every value and key, and the error, if any. Used by
 * fuzz_yaml and by unit.yaml. */
#ifndef SP_YAMLDIFF_H
#define SP_YAMLDIFF_H

#include "doc/docint.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	char why[512];         /* what differs; empty when the two agree */
	unsigned docs;         /* documents read */
	unsigned long fast;    /* of them, read by the fast reader */
} yamldiff;

static inline bool yamldiff_places(const sp_doc *a, const sp_doc *b, const json_t *va,
				   const json_t *vb, yamldiff *d)
{
	if (json_is_object(va)) {
		const char *k;
		json_t *m;
		void *it = json_object_iter((json_t *)vb);
		json_object_foreach((json_t *)va, k, m) {
			sp_pos pa = sp_doc_pos(a, va, k), pb = sp_doc_pos(b, vb, k);
			sp_pos ka = sp_doc_key_pos(a, va, k), kb = sp_doc_key_pos(b, vb, k);
			if (pa.line != pb.line || pa.col != pb.col || ka.line != kb.line ||
			    ka.col != kb.col) {
				snprintf(d->why, sizeof d->why, "document %u, key `%s`: value at %u:%u "
					 "and %u:%u, key at %u:%u and %u:%u", a->index, k, pa.line,
					 pa.col, pb.line, pb.col, ka.line, ka.col, kb.line, kb.col);
				return false;
			}
			if (!yamldiff_places(a, b, m, json_object_iter_value(it), d))
				return false;
			it = json_object_iter_next((json_t *)vb, it);
		}
	} else if (json_is_array(va)) {
		for (size_t i = 0; i < json_array_size(va); i++) {
			sp_pos pa = sp_doc_pos_at(a, va, i), pb = sp_doc_pos_at(b, vb, i);
			if (pa.line != pb.line || pa.col != pb.col) {
				snprintf(d->why, sizeof d->why, "document %u, item %zu: at %u:%u and %u:%u",
					 a->index, i, pa.line, pa.col, pb.line, pb.col);
				return false;
			}
			if (!yamldiff_places(a, b, json_array_get(va, i), json_array_get(vb, i), d))
				return false;
		}
	}
	return true;
}

/* The reading stopped at a byte that is not UTF-8, or a character YAML does not allow. */
static inline bool yamldiff_encoding(const sp_diags *d)
{
	return d->n && (strstr(d->v[0].msg, "not valid UTF-8 text") ||
			strstr(d->v[0].msg, "a character YAML does not allow"));
}

/* Compare the two readings of size bytes; d->why says how they differ (empty: they agree). */
static inline void yamldiff_run(const void *data, size_t size, const sp_limits *lim, yamldiff *d)
{
	static char empty[1];
	memset(d, 0, sizeof *d);
	if (!size)
		data = empty; /* fmemopen cannot open an empty buffer: open one byte, start at its end */
	FILE *fa = fmemopen((void *)data, size ? size : 1, "rb");
	FILE *fb = fmemopen((void *)data, size ? size : 1, "rb");
	if (!size) {
		fseek(fa, 0, SEEK_END);
		fseek(fb, 0, SEEK_END);
	}
	sp_reader *ra = sp_reader_from_file(fa, "t.yaml", lim);
	sp_reader *rb = sp_reader_from_file(fb, "t.yaml", lim);
	sp_reader_yaml_fast(rb, false);
	sp_diags da = {0}, db = {0};
	for (;;) {
		sp_doc *a = NULL, *b = NULL;
		int rca = sp_reader_next(ra, &a, &da), rcb = sp_reader_next(rb, &b, &db);
		/* libyaml checks the encoding of up to 16 KiB ahead of what it parses, so a bad
		 * byte can stop it a document or more before the place it is in; the fast reader
		 * stops at that document. The error must be the same, at the same place. */
		if (rca > 0 && rcb < 0 && yamldiff_encoding(&db)) {
			while (rca > 0) {
				sp_doc_free(a);
				rca = sp_reader_next(ra, &a, &da);
			}
		} else if (rcb > 0 && rca < 0 && yamldiff_encoding(&da)) {
			while (rcb > 0) {
				sp_doc_free(b);
				rcb = sp_reader_next(rb, &b, &db);
			}
		}
		if (rca != rcb) {
			snprintf(d->why, sizeof d->why, "after %u documents: %d with the fast reader, %d "
				 "with libyaml (%s)", d->docs, rca, rcb,
				 da.n ? da.v[0].msg : db.n ? db.v[0].msg : "");
		} else if (rca > 0) {
			d->docs++;
			char *ja = json_dumps(a->root, JSON_COMPACT | JSON_ENCODE_ANY);
			char *jb = json_dumps(b->root, JSON_COMPACT | JSON_ENCODE_ANY);
			if (a->index != b->index || a->format != b->format)
				snprintf(d->why, sizeof d->why, "document %u: index or format", d->docs);
			else if (strcmp(ja, jb) != 0)
				snprintf(d->why, sizeof d->why, "document %u: %.200s with the fast reader, "
					 "%.200s with libyaml", d->docs, ja, jb);
			else if (a->pos.line != b->pos.line || a->pos.col != b->pos.col)
				snprintf(d->why, sizeof d->why, "document %u begins at %u:%u and %u:%u",
					 d->docs, a->pos.line, a->pos.col, b->pos.line, b->pos.col);
			else
				yamldiff_places(a, b, a->root, b->root, d);
			free(ja);
			free(jb);
		} else if (rca < 0) {
			const sp_diag *x = da.n ? &da.v[0] : NULL, *y = db.n ? &db.v[0] : NULL;
			/* reading on past libyaml's early stop may reach the limit of documents
			 * first */
			bool limit = x && y && yamldiff_encoding(&db) &&
				     strstr(x->msg, "documents in one stream");
			if (!limit && (!x || !y || strcmp(x->msg, y->msg) != 0 || x->pos.line != y->pos.line ||
			    x->pos.col != y->pos.col || (x->doc != y->doc && !yamldiff_encoding(&da))))
				snprintf(d->why, sizeof d->why, "the errors differ: %u:%u %s / %u:%u %s",
					 x ? x->pos.line : 0, x ? x->pos.col : 0, x ? x->msg : "-",
					 y ? y->pos.line : 0, y ? y->pos.col : 0, y ? y->msg : "-");
		}
		sp_doc_free(a);
		sp_doc_free(b);
		if (rca <= 0 || rcb <= 0 || d->why[0])
			break;
	}
	d->fast = d->docs - ra->ylibyaml_docs;
	sp_reader_close(ra);
	sp_reader_close(rb);
	fclose(fa);
	fclose(fb);
	sp_diags_free(&da);
	sp_diags_free(&db);
}

#endif
