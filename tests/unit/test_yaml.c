/* SPDX-License-Identifier: MIT */
/* test_yaml.c — the YAML reader: core-schema scalars, streams, aliases, limits, places. */
#include "unit.h"

#include <stdio.h>
#include <stdlib.h>

static json_t *value_of(const char *text)
{
	sp_doc *doc = parse_ok(text);
	json_t *v = json_incref(json_object_get(doc->root, "v"));
	sp_doc_free(doc);
	return v;
}

START_TEST(the_norway_problem)
{
	/* YAML 1.2 core schema: only true/false are booleans */
	const char *strings[] = {"NO", "no", "yes", "Yes", "on", "off", "OFF", "y", "n", "12:30",
				 "2026-09-01", "1_000", "0b101", "+.5x", "0x", "0o", "nb"};
	for (size_t i = 0; i < sizeof strings / sizeof *strings; i++) {
		char text[64];
		snprintf(text, sizeof text, "v: %s\n", strings[i]);
		json_t *v = value_of(text);
		ck_assert_msg(json_is_string(v), "%s is not a string", strings[i]);
		ck_assert_str_eq(json_string_value(v), strings[i]);
		json_decref(v);
	}
}
END_TEST

START_TEST(core_schema_types)
{
	json_t *v;
	const char *trues[] = {"true", "True", "TRUE"};
	for (int i = 0; i < 3; i++) {
		char t[32];
		snprintf(t, sizeof t, "v: %s\n", trues[i]);
		v = value_of(t);
		ck_assert(json_is_true(v));
	}
	v = value_of("v: FALSE\n");
	ck_assert(json_is_false(v));
	const char *nulls[] = {"v:\n", "v: ~\n", "v: null\n", "v: Null\n", "v: NULL\n"};
	for (int i = 0; i < 5; i++) {
		v = value_of(nulls[i]);
		ck_assert(json_is_null(v));
	}
	v = value_of("v: 0301\n"); /* the municipality number that loses its zero */
	ck_assert(json_is_integer(v));
	ck_assert_int_eq(json_integer_value(v), 301);
	json_decref(v);
	v = value_of("v: -42\n");
	ck_assert_int_eq(json_integer_value(v), -42);
	json_decref(v);
	v = value_of("v: 0x1F\n");
	ck_assert_int_eq(json_integer_value(v), 31);
	json_decref(v);
	v = value_of("v: 0o17\n");
	ck_assert_int_eq(json_integer_value(v), 15);
	json_decref(v);
	v = value_of("v: 1.5e3\n");
	ck_assert(json_is_real(v));
	ck_assert(json_real_value(v) == 1500.0);
	json_decref(v);
	v = value_of("v: .5\n");
	ck_assert(json_is_real(v));
	json_decref(v);
	/* quoted and block scalars are always strings */
	v = value_of("v: \"0301\"\n");
	ck_assert_str_eq(json_string_value(v), "0301");
	json_decref(v);
	v = value_of("v: 'true'\n");
	ck_assert_str_eq(json_string_value(v), "true");
	json_decref(v);
	v = value_of("v: |\n  line one\n  line two\n");
	ck_assert_str_eq(json_string_value(v), "line one\nline two\n");
	json_decref(v);
	v = value_of("v: !!str 12\n");
	ck_assert_str_eq(json_string_value(v), "12");
	json_decref(v);
	v = value_of("v: æøå ÆØÅ\n");
	ck_assert_str_eq(json_string_value(v), "æøå ÆØÅ");
	json_decref(v);
}
END_TEST

START_TEST(refused_scalars)
{
	char *m;
	m = parse_fails("v: .inf\n", NULL);
	ck_assert_ptr_nonnull(strstr(m, "not supported"));
	free(m);
	m = parse_fails("v: 99999999999999999999\n", NULL);
	ck_assert_ptr_nonnull(strstr(m, "too large"));
	free(m);
	m = parse_fails("v: !!int abc\n", NULL);
	ck_assert_ptr_nonnull(strstr(m, "tag"));
	free(m);
	/* the tag or alias is text from the file (a note typed as `!Viktig`, `*Merk*`): the
	 * message says what is wrong without quoting it */
	m = parse_fails("v: !custom x\n", NULL);
	ck_assert_ptr_nonnull(strstr(m, "does not support"));
	ck_assert_ptr_null(strstr(m, "custom"));
	free(m);
	m = parse_fails("v: *Merk hemmelig\n", NULL);
	ck_assert_ptr_nonnull(strstr(m, "alias"));
	ck_assert_ptr_null(strstr(m, "Merk"));
	free(m);
	m = parse_fails("v: \"a\\0b\"\n", NULL);
	ck_assert_ptr_nonnull(strstr(m, "contains \\0"));
	free(m);
}
END_TEST

START_TEST(places_of_values_and_keys)
{
	sp_doc *doc = parse_ok("# a comment\n"
			       "samplan: 1\n"
			       "sentence:\n"
			       "  start: 2026-09-01\n"
			       "  list:\n"
			       "    - a\n"
			       "    -   b\n");
	json_t *s = json_object_get(doc->root, "sentence");
	sp_pos p = sp_doc_pos(doc, s, "start");
	ck_assert_uint_eq(p.line, 4);
	ck_assert_uint_eq(p.col, 10);
	p = sp_doc_key_pos(doc, s, "start");
	ck_assert_uint_eq(p.line, 4);
	ck_assert_uint_eq(p.col, 3);
	p = sp_doc_pos_at(doc, json_object_get(s, "list"), 1);
	ck_assert_uint_eq(p.line, 7);
	ck_assert_uint_eq(p.col, 9);
	p = sp_doc_pos(doc, doc->root, "samplan");
	ck_assert_uint_eq(p.line, 2);
	ck_assert_uint_eq(p.col, 10);
	p = sp_doc_pos(doc, doc->root, "nothing");
	ck_assert_uint_eq(p.line, 0);
	ck_assert_uint_eq(doc->pos.line, 2);
	/* true/false/null are shared values in jansson: places are kept per key all the same */
	sp_doc_free(doc);
	doc = parse_ok("a: true\nb:\n  c: true\n  d: null\n");
	p = sp_doc_pos(doc, json_object_get(doc->root, "b"), "c");
	ck_assert_uint_eq(p.line, 3);
	p = sp_doc_pos(doc, doc->root, "a");
	ck_assert_uint_eq(p.line, 1);
	sp_doc_free(doc);
}
END_TEST

START_TEST(streams)
{
	const char *text = "a: 1\n---\na: 2\n--- \na: 3\n...\n";
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	sp_reader *r = sp_reader_from_file(f, "s.yaml", NULL);
	sp_diags d = {0};
	sp_doc *doc;
	for (int i = 1; i <= 3; i++) {
		ck_assert_int_eq(sp_reader_next(r, &doc, &d), 1);
		ck_assert_uint_eq(doc->index, (unsigned)i);
		ck_assert_int_eq(json_integer_value(json_object_get(doc->root, "a")), i);
		ck_assert_int_eq(doc->format, SP_FMT_YAML);
		sp_doc_free(doc);
	}
	ck_assert_int_eq(sp_reader_next(r, &doc, &d), 0);
	ck_assert_int_eq(sp_reader_format(r), SP_FMT_YAML);
	sp_reader_close(r);
	fclose(f);
	ck_assert_uint_eq(d.n, 0);
	sp_diags_free(&d);
}
END_TEST

START_TEST(anchors_and_aliases)
{
	sp_doc *doc = parse_ok("base: &b\n  x: 1\n  y: [a, b]\ncopy: *b\nname: &n Kari\nagain: *n\n");
	json_t *copy = json_object_get(doc->root, "copy");
	ck_assert(json_equal(copy, json_object_get(doc->root, "base")));
	/* the copy is a copy: changing it does not change the original */
	ck_assert_ptr_ne(copy, json_object_get(doc->root, "base"));
	ck_assert_str_eq(json_string_value(json_object_get(doc->root, "again")), "Kari");
	/* the parts of an alias keep the place of the anchored original */
	ck_assert_uint_eq(sp_doc_pos(doc, copy, "x").line, 2);
	sp_doc_free(doc);
	char *m = parse_fails("a: *nothing\n", NULL);
	ck_assert_ptr_nonnull(strstr(m, "no anchor"));
	free(m);
}
END_TEST

START_TEST(billion_laughs)
{
	/* 9 levels of 9 aliases each: 9^9 (387 million) values if expanded */
	char text[2048] = "a: &a [x, x, x, x, x, x, x, x, x]\n";
	for (char c = 'b'; c <= 'j'; c++) {
		char line[128];
		snprintf(line, sizeof line, "%c: &%c [*%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c, *%c]\n",
			 c, c, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1);
		strcat(text, line);
	}
	sp_pos pos;
	char *m = parse_fails(text, &pos);
	ck_assert_ptr_nonnull(strstr(m, "billion laughs"));
	ck_assert_uint_ge(pos.line, 5);
	free(m);
}
END_TEST

START_TEST(depth_limit)
{
	size_t n = 10000;
	char *text = malloc(2 * n + 8);
	strcpy(text, "v: ");
	memset(text + 3, '[', n);
	memset(text + 3 + n, ']', n);
	text[3 + 2 * n] = '\0';
	sp_pos pos;
	char *m = parse_fails(text, &pos);
	ck_assert_ptr_nonnull(strstr(m, "deeper than 64"));
	ck_assert_uint_eq(pos.line, 1);
	free(m);
	free(text);
	/* 60 levels are fine */
	char ok[256] = "v: ";
	memset(ok + 3, '[', 60);
	memset(ok + 63, ']', 60);
	ok[123] = '\n';
	ok[124] = '\0';
	sp_doc_free(parse_ok(ok));
}
END_TEST

START_TEST(duplicate_keys)
{
	sp_pos pos;
	char *m = parse_fails("a: 1\nb:\n  c: 1\n  c: 2\n", &pos);
	ck_assert_ptr_nonnull(strstr(m, "`c` appears twice"));
	ck_assert_ptr_nonnull(strstr(m, "line 3"));
	ck_assert_uint_eq(pos.line, 4);
	ck_assert_uint_eq(pos.col, 3);
	free(m);
}
END_TEST

START_TEST(syntax_errors_say_where)
{
	sp_pos pos;
	char *m = parse_fails("a:\n\tb: 1\n", &pos);
	ck_assert_ptr_nonnull(strstr(m, "tab"));
	ck_assert_uint_eq(pos.line, 2);
	free(m);
	m = parse_fails("a: [1, 2\n", &pos);
	ck_assert_ptr_nonnull(strstr(m, "closed"));
	free(m);
	m = parse_fails("a: \"unterminated\n", &pos);
	ck_assert_ptr_nonnull(strstr(m, "closed"));
	free(m);
	m = parse_fails("a: 1\n b: 2\n", &pos);
	ck_assert_uint_eq(pos.line, 2);
	free(m);
	m = parse_fails("a: b: c\n", &pos);
	ck_assert_ptr_nonnull(strstr(m, "`:`"));
	free(m);
	m = parse_fails("a: \xff\xfe\n", &pos);
	ck_assert_ptr_nonnull(strstr(m, "UTF-8"));
	free(m);
	m = parse_fails("", &pos);
	ck_assert_ptr_nonnull(strstr(m, "no document"));
	free(m);
	m = parse_fails("# only a comment\n", &pos);
	ck_assert_ptr_nonnull(strstr(m, "no document"));
	free(m);
	m = parse_fails("? [a]\n: 1\n", &pos);
	ck_assert_ptr_nonnull(strstr(m, "plain text"));
	free(m);
}
END_TEST

START_TEST(byte_order_mark_and_crlf)
{
	sp_doc *doc = parse_ok("\xEF\xBB\xBFkind: case\r\nid: x\r\n");
	ck_assert_str_eq(json_string_value(json_object_get(doc->root, "kind")), "case");
	ck_assert_str_eq(json_string_value(json_object_get(doc->root, "id")), "x");
	ck_assert_uint_eq(sp_doc_pos(doc, doc->root, "id").line, 2);
	sp_doc_free(doc);
}
END_TEST

/* ASCII text as UTF-16 or UTF-32 (width 2 or 4 bytes) in either byte order, a byte-order
 * mark first if bom, into out; returns the number of bytes. */
static size_t encode_wide(const char *text, unsigned width, bool big, bool bom, unsigned char *out)
{
	size_t n = 0;
	for (size_t i = bom ? 0 : 1; i <= strlen(text); i++) {
		unsigned long cp = i ? (unsigned char)text[i - 1] : 0xFEFF;
		for (unsigned b = 0; b < width; b++)
			out[n++] = (unsigned char)(cp >> 8 * (big ? width - 1 - b : b));
	}
	return n;
}

/* Issue 20, finding 6: libyaml read UTF-16 with a byte-order mark, and -i wrote it back as
 * UTF-8. Samplan files are UTF-8 only: UTF-16 and UTF-32, YAML or JSON, with a mark or
 * without one (NUL bytes), are refused at 1:1 with the iconv command that converts them. */
START_TEST(utf16_and_utf32_refused)
{
	static const struct {
		unsigned width;
		bool big, bom;
		const char *convert;
	} cases[] = {
	    {2, false, true, "`iconv -f UTF-16 -t UTF-8 t.yaml > t.yaml.utf8`"},
	    {2, true, true, "`iconv -f UTF-16 -t UTF-8 t.yaml > t.yaml.utf8`"},
	    {4, false, true, "`iconv -f UTF-32 -t UTF-8 t.yaml > t.yaml.utf8`"},
	    {4, true, true, "`iconv -f UTF-32 -t UTF-8 t.yaml > t.yaml.utf8`"},
	    {2, false, false, "`iconv -f UTF-16LE -t UTF-8 t.yaml > t.yaml.utf8`"},
	    {2, true, false, "`iconv -f UTF-16BE -t UTF-8 t.yaml > t.yaml.utf8`"},
	    {4, false, false, "`iconv -f UTF-32LE -t UTF-8 t.yaml > t.yaml.utf8`"},
	    {4, true, false, "`iconv -f UTF-32BE -t UTF-8 t.yaml > t.yaml.utf8`"},
	};
	static const char *const texts[] = {"samplan: 1\nkind: case\nid: x\n",
					    "{\"samplan\": 1, \"kind\": \"case\", \"id\": \"x\"}\n"};
	unsigned char buf[512];
	for (size_t t = 0; t < sizeof texts / sizeof *texts; t++)
		for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
			size_t len = encode_wide(texts[t], cases[i].width, cases[i].big, cases[i].bom, buf);
			sp_diags d = {0};
			sp_doc *doc = NULL;
			int rc = sp_doc_parse_string((const char *)buf, len, "t.yaml", &doc, &d);
			ck_assert_msg(rc == -1 && !doc, "text %zu, case %zu was read", t, i);
			ck_assert_uint_eq(d.n, 1);
			ck_assert_uint_eq(d.v[0].pos.line, 1);
			ck_assert_uint_eq(d.v[0].pos.col, 1);
			ck_assert_msg(strstr(d.v[0].msg, cases[i].convert), "text %zu, case %zu: %s", t, i,
				      d.v[0].msg);
			sp_diags_free(&d);
		}
	/* NUL bytes in no pattern of the two: not UTF-8 all the same */
	sp_diags d = {0};
	sp_doc *doc = NULL;
	ck_assert_int_eq(sp_doc_parse_string("\0\0\0\0kind: case\n", 15, "t.yaml", &doc, &d), -1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "not UTF-8"));
	sp_diags_free(&d);
}
END_TEST

START_TEST(limits_hold)
{
	sp_limits lim = sp_limits_default();
	ck_assert_uint_eq(lim.max_depth, 64);
	ck_assert_uint_eq(lim.max_alias_nodes, 100000);
	lim.max_string = 10;
	lim.max_doc_bytes = 64;
	lim.max_docs = 2;
	const char *text = "a: 0123456789abc\n";
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	sp_reader *r = sp_reader_from_file(f, "l.yaml", &lim);
	sp_diags d = {0};
	sp_doc *doc;
	ck_assert_int_eq(sp_reader_next(r, &doc, &d), -1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "longer than 10 bytes"));
	sp_reader_close(r);
	fclose(f);
	sp_diags_clear(&d);
	const char *big = "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\nh: 8\ni: 9\nj: 10\nk: 11\nl: 12\n"
			  "m: 13\nn: 14\no: 15\n";
	f = fmemopen((void *)big, strlen(big), "r");
	r = sp_reader_from_file(f, "l.yaml", &lim);
	ck_assert_int_eq(sp_reader_next(r, &doc, &d), -1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "larger than 64 bytes"));
	sp_reader_close(r);
	fclose(f);
	sp_diags_clear(&d);
	const char *three = "a: 1\n---\na: 2\n---\na: 3\n";
	f = fmemopen((void *)three, strlen(three), "r");
	r = sp_reader_from_file(f, "l.yaml", &lim);
	for (int i = 0; i < 2; i++) {
		ck_assert_int_eq(sp_reader_next(r, &doc, &d), 1);
		sp_doc_free(doc);
	}
	ck_assert_int_eq(sp_reader_next(r, &doc, &d), -1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "more than 2 documents"));
	sp_reader_close(r);
	fclose(f);
	sp_diags_free(&d);
}
END_TEST


START_TEST(a_huge_scalar_is_stopped_while_read)
{
	/* libyaml keeps a whole scalar in memory: the reader must stop feeding it */
	sp_limits lim = sp_limits_default();
	lim.max_doc_bytes = 1000;
	size_t n = 1u << 20;
	char *text = malloc(n + 8);
	memcpy(text, "a: ", 3);
	memset(text + 3, 'x', n);
	strcpy(text + 3 + n, "\n");
	FILE *f = fmemopen(text, n + 4, "r");
	sp_reader *r = sp_reader_from_file(f, "h.yaml", &lim);
	sp_diags d = {0};
	sp_doc *doc;
	ck_assert_int_eq(sp_reader_next(r, &doc, &d), -1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "larger than 1000 bytes"));
	/* it stopped after little more than one buffer, not at the end of the scalar */
	ck_assert_uint_lt(ftell(f), 300000);
	sp_reader_close(r);
	fclose(f);
	sp_diags_free(&d);
	free(text);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("yaml");
	TCase *tc = tcase_create("yaml");
	tcase_add_test(tc, the_norway_problem);
	tcase_add_test(tc, core_schema_types);
	tcase_add_test(tc, refused_scalars);
	tcase_add_test(tc, places_of_values_and_keys);
	tcase_add_test(tc, streams);
	tcase_add_test(tc, anchors_and_aliases);
	tcase_add_test(tc, billion_laughs);
	tcase_add_test(tc, depth_limit);
	tcase_add_test(tc, duplicate_keys);
	tcase_add_test(tc, syntax_errors_say_where);
	tcase_add_test(tc, byte_order_mark_and_crlf);
	tcase_add_test(tc, utf16_and_utf32_refused);
	tcase_add_test(tc, limits_hold);
	tcase_add_test(tc, a_huge_scalar_is_stopped_while_read);
	suite_add_tcase(s, tc);
	return s;
}
