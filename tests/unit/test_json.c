/* SPDX-License-Identifier: MIT */
/* test_json.c — the JSON reader: one value, arrays of documents, JSON Lines, places, errors. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>

/* Read every document of text; returns how many, or -1 on error (message in *msg). */
static int read_all(const char *text, sp_format *fmt, char **msg, sp_pos *pos)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	sp_reader *r = sp_reader_from_file(f, "t.json", NULL);
	sp_diags d = {0};
	sp_doc *doc;
	int n = 0, rc;
	while ((rc = sp_reader_next(r, &doc, &d)) == 1) {
		ck_assert_uint_eq(doc->index, (unsigned)n + 1);
		ck_assert_int_eq(json_integer_value(json_object_get(doc->root, "n")), n + 1);
		sp_doc_free(doc);
		n++;
	}
	if (fmt)
		*fmt = sp_reader_format(r);
	if (rc < 0) {
		n = -1;
		if (msg)
			*msg = strdup(d.v[0].msg);
		if (pos)
			*pos = d.v[0].pos;
	}
	sp_reader_close(r);
	fclose(f);
	sp_diags_free(&d);
	return n;
}

START_TEST(one_value)
{
	sp_format fmt;
	ck_assert_int_eq(read_all("{\n  \"n\": 1,\n  \"s\": \"x\"\n}\n", &fmt, NULL, NULL), 1);
	ck_assert_int_eq(fmt, SP_FMT_JSON);
}
END_TEST

START_TEST(json_lines_and_concatenated)
{
	sp_format fmt;
	ck_assert_int_eq(read_all("{\"n\":1}\n{\"n\":2}\n\n{\"n\":3}\n", &fmt, NULL, NULL), 3);
	ck_assert_int_eq(fmt, SP_FMT_JSONL);
	ck_assert_int_eq(read_all("{\"n\":1}{\"n\":2}", &fmt, NULL, NULL), 2);
	ck_assert_int_eq(read_all("{\n\"n\":1}\n{\n\"n\":2}\n", &fmt, NULL, NULL), 2);
	ck_assert_int_eq(fmt, SP_FMT_JSON);
}
END_TEST

START_TEST(array_of_documents)
{
	sp_format fmt;
	ck_assert_int_eq(read_all("[ {\"n\": 1},\n  {\"n\": 2},\n  {\"n\": 3} ]\n", &fmt, NULL, NULL), 3);
	ck_assert_int_eq(read_all("[]", &fmt, NULL, NULL), -1); /* no document at all */
	char *m = NULL;
	ck_assert_int_eq(read_all("[ {\"n\": 1} {\"n\": 2} ]", &fmt, &m, NULL), -1);
	ck_assert_ptr_nonnull(strstr(m, "`,` or `]`"));
	free(m);
}
END_TEST

START_TEST(values_and_places)
{
	sp_doc *doc = parse_ok("{\"a\": [1, -2.5e1, true, false, null, \"x\\u00e6\\ud83d\\ude00\\n\"],\n"
			       " \"b\": {\"c\": \"d\"}}");
	json_t *a = json_object_get(doc->root, "a");
	ck_assert_int_eq(json_integer_value(json_array_get(a, 0)), 1);
	ck_assert(json_real_value(json_array_get(a, 1)) == -25.0);
	ck_assert(json_is_true(json_array_get(a, 2)));
	ck_assert(json_is_false(json_array_get(a, 3)));
	ck_assert(json_is_null(json_array_get(a, 4)));
	ck_assert_str_eq(json_string_value(json_array_get(a, 5)), "xæ😀\n");
	ck_assert_uint_eq(sp_doc_pos_at(doc, a, 1).col, 11);
	json_t *b = json_object_get(doc->root, "b");
	ck_assert_uint_eq(sp_doc_pos(doc, b, "c").line, 2);
	ck_assert_uint_eq(sp_doc_pos(doc, b, "c").col, 13);
	ck_assert_uint_eq(sp_doc_key_pos(doc, b, "c").col, 8);
	sp_doc_free(doc);
}
END_TEST

START_TEST(errors)
{
	struct {
		const char *text, *want;
		unsigned line;
	} cases[] = {
	    {"{\"a\": 1, \"a\": 2}", "appears twice", 1},
	    {"{\"a\": 1,\n\"b\": ", "truncated", 2},
	    {"{\"a\": \"x", "no closing quote", 1},
	    {"{\"a\": tru}", "not JSON", 1},
	    {"{\"a\": 01}", "not a valid JSON number", 1},
	    {"{\"a\": \"\xff\"}", "UTF-8", 1},
	    {"{\"a\": \"\xc3\x28\"}", "UTF-8", 1},
	    {"{\"a\": \"\xed\xa0\x80\"}", "UTF-8", 1}, /* an encoded surrogate */
	    {"{\"a\": \"\\ud800\"}", "surrogate", 1},
	    {"{\"a\": \"\\q\"}", "escape", 1},
	    {"{\"a\": \"tab\there\"}", "control character", 1},
	    {"{\"a\": 99999999999999999999}", "too large", 1},
	    {"{\"a\" 1}", "`:`", 1},
	    {"{a: 1}", "key in double quotes", 1},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *m = NULL;
		sp_pos pos = {0, 0};
		ck_assert_int_eq(read_all(cases[i].text, NULL, &m, &pos), -1);
		ck_assert_msg(strstr(m, cases[i].want), "case %zu: %s", i, m);
		ck_assert_uint_eq(pos.line, cases[i].line);
		free(m);
	}
}
END_TEST

START_TEST(depth_limit)
{
	size_t n = 10000;
	char *text = malloc(2 * n + 16);
	strcpy(text, "{\"v\": ");
	memset(text + 6, '[', n);
	memset(text + 6 + n, ']', n);
	strcpy(text + 6 + 2 * n, "}");
	char *m = NULL;
	ck_assert_int_eq(read_all(text, NULL, &m, NULL), -1);
	ck_assert_ptr_nonnull(strstr(m, "deeper than 64"));
	free(m);
	free(text);
}
END_TEST

START_TEST(byte_order_mark)
{
	ck_assert_int_eq(read_all("\xEF\xBB\xBF{\"n\": 1}", NULL, NULL, NULL), 1);
}
END_TEST


START_TEST(strings_across_buffer_refills)
{
	/* The reader refills a 64 KiB buffer; strings, escapes and multi-byte letters must
	 * survive falling across that edge, wherever it falls. */
	size_t cap = 400000, len = 0;
	char *text = malloc(cap);
	int n = 0;
	while (len < 300000) {
		n++;
		len += (size_t)snprintf(text + len, cap - len, "{\"n\": %d, \"s\": \"", n);
		for (int k = 0; k < 97 + n % 13; k++)
			len += (size_t)snprintf(text + len, cap - len, "%s",
						k % 7 == 0 ? "\\n" : k % 5 == 0 ? "æ" : "x");
		len += (size_t)snprintf(text + len, cap - len, "\"}\n");
	}
	sp_format fmt;
	char *m = NULL;
	int got = read_all(text, &fmt, &m, NULL);
	ck_assert_msg(got == n, "read %d of %d documents: %s", got, n, m ? m : "");
	ck_assert_int_eq(fmt, SP_FMT_JSONL);
	free(text);
}
END_TEST

/* Strings are read in place when they lie whole in the buffer and have no escape, and
 * copied otherwise: both must give the same text, whatever the string and wherever the
 * buffer's edge falls; keys longer than the reader's key buffer too. */
START_TEST(strings_in_place_and_copied)
{
	size_t cap = 600000, len = 0;
	char *text = malloc(cap);
	int n = 0;
	while (len < 450000) {
		n++;
		/* key: 1..139 letters (over and under 64); value: ASCII, æ/ø, an escape or not */
		int klen = 1 + n % 139, vlen = n % 211;
		len += (size_t)snprintf(text + len, cap - len, "{\"n\": %d, \"", n);
		for (int k = 0; k < klen; k++)
			text[len++] = (char)('A' + (n + k) % 26);
		len += (size_t)snprintf(text + len, cap - len, "\": \"");
		for (int k = 0; k < vlen; k++)
			len += (size_t)snprintf(text + len, cap - len, "%s",
						n % 3 == 0 && k == vlen / 2 ? "\\t" : (n + k) % 11 == 0 ? "ø" : "y");
		len += (size_t)snprintf(text + len, cap - len, "\"}\n");
	}
	FILE *f = fmemopen(text, len, "r");
	sp_reader *r = sp_reader_from_file(f, "t.json", NULL);
	sp_diags d = {0};
	sp_doc *doc;
	int got = 0;
	while (sp_reader_next(r, &doc, &d) == 1) {
		got++;
		int klen = 1 + got % 139, vlen = got % 211;
		char key[160], want[1024];
		size_t w = 0;
		for (int k = 0; k < klen; k++)
			key[k] = (char)('A' + (got + k) % 26);
		key[klen] = '\0';
		for (int k = 0; k < vlen; k++)
			w += (size_t)snprintf(want + w, sizeof want - w, "%s",
					      got % 3 == 0 && k == vlen / 2 ? "\t" : (got + k) % 11 == 0 ? "ø" : "y");
		want[w] = '\0';
		const json_t *v = json_object_get(doc->root, key);
		ck_assert_msg(v, "document %d: no key of %d letters", got, klen);
		ck_assert_str_eq(json_string_value(v), want);
		ck_assert_uint_eq(json_object_size(doc->root), 2);
		/* the value's place: `{"n": N, "KEY": "` */
		unsigned digits = 1 + (got >= 10) + (got >= 100) + (got >= 1000) + (got >= 10000);
		ck_assert_uint_eq(sp_doc_pos(doc, doc->root, key).col, 13 + digits + (unsigned)klen);
		sp_doc_free(doc);
	}
	ck_assert_msg(d.n == 0, "%s (line %u)", d.n ? d.v[0].msg : "", d.n ? d.v[0].pos.line : 0);
	ck_assert_int_eq(got, n);
	sp_reader_close(r);
	fclose(f);
	free(text);

	/* a repeated key longer than the key buffer, and bad UTF-8 with and without an escape */
	char *m = NULL;
	char dup[400];
	char k70[71];
	memset(k70, 'k', 70);
	k70[70] = '\0';
	snprintf(dup, sizeof dup, "{\"%s\": 1,\n \"%s\": 2}", k70, k70);
	ck_assert_int_eq(read_all(dup, NULL, &m, NULL), -1);
	ck_assert_msg(strstr(m, "appears twice") && strstr(m, "first on line 1"), "%s", m);
	free(m);
	m = NULL;
	ck_assert_int_eq(read_all("{\"a\": \"\\n\xc3\"}", NULL, &m, NULL), -1);
	ck_assert_msg(strstr(m, "UTF-8"), "%s", m);
	free(m);
	m = NULL;
	ck_assert_int_eq(read_all("{\"\xc3\": 1}", NULL, &m, NULL), -1);
	ck_assert_msg(strstr(m, "UTF-8"), "%s", m);
	free(m);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("json");
	tcase_add_test(tc, one_value);
	tcase_add_test(tc, json_lines_and_concatenated);
	tcase_add_test(tc, array_of_documents);
	tcase_add_test(tc, values_and_places);
	tcase_add_test(tc, errors);
	tcase_add_test(tc, depth_limit);
	tcase_add_test(tc, byte_order_mark);
	tcase_add_test(tc, strings_across_buffer_refills);
	tcase_add_test(tc, strings_in_place_and_copied);
	suite_add_tcase(s, tc);
	return s;
}
