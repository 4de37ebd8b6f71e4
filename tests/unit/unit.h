/* SPDX-License-Identifier: MIT */
/* unit.h — shared by the Check unit tests: each test file defines make_suite(). */
#ifndef SP_UNIT_H
#define SP_UNIT_H

#include <check.h>
#include <string.h>

#include "base/date.h"
#include "base/diag.h"
#include "doc/doc.h"

Suite *make_suite(void);

/* Parse text as one document; fails the test on a read error. Caller frees. */
static inline sp_doc *parse_ok(const char *text)
{
	sp_diags d = {0};
	sp_doc *doc = NULL;
	int rc = sp_doc_parse_string(text, strlen(text), "t.yaml", &doc, &d);
	if (rc != 1 && d.n)
		fprintf(stderr, "unexpected: %s:%u:%u: %s\n", d.v[0].file, d.v[0].pos.line,
			d.v[0].pos.col, d.v[0].msg);
	ck_assert_int_eq(rc, 1);
	sp_diags_free(&d);
	return doc;
}

/* The date written YYYY-MM-DD; fails the test on anything else. */
static inline sp_date D(const char *s)
{
	sp_date d;
	ck_assert_msg(sp_date_parse(s, &d), "bad date %s", s);
	return d;
}

/* Parse text expecting a read error; returns a copy of its first message and sets *pos. */
static inline char *parse_fails(const char *text, sp_pos *pos)
{
	sp_diags d = {0};
	sp_doc *doc = NULL;
	int rc = sp_doc_parse_string(text, strlen(text), "t.yaml", &doc, &d);
	ck_assert_int_eq(rc, -1);
	ck_assert_ptr_null(doc);
	ck_assert_uint_ge(d.n, 1);
	if (pos)
		*pos = d.v[0].pos;
	char *msg = strdup(d.v[0].msg);
	sp_diags_free(&d);
	return msg;
}

#endif
