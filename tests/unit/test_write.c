/* SPDX-License-Identifier: MIT */
/* test_write.c — the writers: quoting, literal blocks, UTF-8, key order, lossless round trips. */
#include "unit.h"
#include "base/date.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

/* Write v in fmt to a string. Caller frees. */
static char *write_str(const json_t *v, sp_format fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	sp_writer *w = sp_writer_open(f, fmt);
	ck_assert_int_eq(sp_writer_put(w, v), 0);
	ck_assert_int_eq(sp_writer_close(w), 0);
	fclose(f);
	return buf;
}

/* Lowercase words are written by a shortcut: the ones YAML 1.1 or 1.2 would read as null
 * or a boolean must still be quoted, as keys and as values; the rest stay plain. */
START_TEST(lowercase_words)
{
	const char *quoted[] = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"};
	const char *plain[] = {"past", "needs", "contact_officer", "a1", "_x", "nb", "yess",
			       "onn", "nul", "o", "t", "f"};
	for (size_t i = 0; i < sizeof quoted / sizeof *quoted; i++) {
		json_t *v = json_pack("{s:s}", quoted[i], quoted[i]);
		char *out = write_str(v, SP_FMT_YAML);
		char want[64];
		snprintf(want, sizeof want, "\"%s\": \"%s\"\n", quoted[i], quoted[i]);
		ck_assert_str_eq(out, want);
		free(out);
		json_decref(v);
	}
	for (size_t i = 0; i < sizeof plain / sizeof *plain; i++) {
		json_t *v = json_pack("{s:s}", plain[i], plain[i]);
		char *out = write_str(v, SP_FMT_YAML);
		char want[64];
		snprintf(want, sizeof want, "%s: %s\n", plain[i], plain[i]);
		ck_assert_str_eq(out, want);
		free(out);
		json_decref(v);
	}
}
END_TEST

START_TEST(quoting_exactly_when_needed)
{
	const char *quoted[] = {"0301", "NO", "no", "yes", "Y", "on", "Off", "true", "False", "null",
				"~", "", "12:30", "1e3", "1_000", "0x1F", "0o17", ".inf", "-.5",
				"2026-09-01T10:00:00", "<<", "=", "1.", "+12", "2026-02-30",
				"2026-9-1"};
	const char *plain[] = {"Kari Nordmann", "2026-09-01", "kommune-1804", "nb", "Bodø",
			       "Storgata 1, 8006 Bodø", "L-0001", "ip-request", "yesterday",
			       "+47 75 55 50 00", "2026-BOD-000042"};
	for (size_t i = 0; i < sizeof quoted / sizeof *quoted; i++)
		ck_assert_msg(sp_yaml_needs_quotes(quoted[i]), "%s should be quoted", quoted[i]);
	for (size_t i = 0; i < sizeof plain / sizeof *plain; i++)
		ck_assert_msg(!sp_yaml_needs_quotes(plain[i]), "%s should be plain", plain[i]);

	json_t *v = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i}", "number", "0301", "lang", "NO",
			      "flag", "true", "date", "2026-09-01", "name", "Bodø", "count", 301);
	char *out = write_str(v, SP_FMT_YAML);
	ck_assert_str_eq(out, "number: \"0301\"\nlang: \"NO\"\nflag: \"true\"\ndate: 2026-09-01\n"
			      "name: Bodø\ncount: 301\n");
	free(out);
	json_decref(v);
}
END_TEST

START_TEST(literal_blocks_and_lists)
{
	json_t *v = json_pack("{s:s, s:[s,s], s:[{s:s}], s:[], s:{}}", "note",
			      "Mistet leiligheten i mai.\nBor hos søsteren.\n", "domains", "housing",
			      "finances", "goals", "id", "g1", "empty", "nothing");
	char *out = write_str(v, SP_FMT_YAML);
	ck_assert_str_eq(out, "note: |\n  Mistet leiligheten i mai.\n  Bor hos søsteren.\n"
			      "domains: [housing, finances]\n"
			      "goals:\n- id: g1\n"
			      "empty: []\n"
			      "nothing: {}\n");
	free(out);
	json_decref(v);
}
END_TEST

START_TEST(json_and_json_lines)
{
	json_t *v = json_pack("{s:s, s:[i,i]}", "name", "Bodø", "a", 1, 2);
	char *out = write_str(v, SP_FMT_JSONL);
	ck_assert_str_eq(out, "{\"name\":\"Bodø\",\"a\":[1,2]}\n");
	free(out);
	out = write_str(v, SP_FMT_JSON);
	ck_assert_str_eq(out, "{\n  \"name\": \"Bodø\",\n  \"a\": [\n    1,\n    2\n  ]\n}\n");
	free(out);
	json_decref(v);
}
END_TEST

START_TEST(streams_of_documents)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	sp_writer *w = sp_writer_open(f, SP_FMT_YAML);
	for (int i = 1; i <= 3; i++) {
		json_t *v = json_pack("{s:i}", "num", i);
		sp_writer_put(w, v);
		json_decref(v);
	}
	sp_writer_close(w);
	fclose(f);
	ck_assert_str_eq(buf, "num: 1\n---\nnum: 2\n---\nnum: 3\n");
	free(buf);
}
END_TEST

/* Read a whole file's documents and write them in fmt; returns the text. */
static char *rewrite_file(const char *path, sp_format fmt, json_t *docs)
{
	sp_diags d = {0};
	sp_reader *r = sp_reader_open(path, NULL, &d);
	ck_assert_ptr_nonnull(r);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	sp_writer *w = sp_writer_open(f, fmt);
	sp_doc *doc;
	int rc;
	while ((rc = sp_reader_next(r, &doc, &d)) == 1) {
		sp_writer_put(w, doc->root);
		if (docs)
			json_array_append(docs, doc->root);
		sp_doc_free(doc);
	}
	ck_assert_int_eq(rc, 0);
	sp_writer_close(w);
	fclose(f);
	sp_reader_close(r);
	sp_diags_free(&d);
	return buf;
}

/* Parse text (all its documents) into an array. */
static json_t *read_text(const char *text)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	sp_reader *r = sp_reader_from_file(f, "rt", NULL);
	sp_diags d = {0};
	json_t *docs = json_array();
	sp_doc *doc;
	int rc;
	while ((rc = sp_reader_next(r, &doc, &d)) == 1) {
		json_array_append(docs, doc->root);
		sp_doc_free(doc);
	}
	ck_assert_msg(rc == 0, "%s", d.n ? d.v[0].msg : "");
	sp_reader_close(r);
	fclose(f);
	sp_diags_free(&d);
	return docs;
}

/* Equal including the order of keys (json_equal ignores it). */
static bool same_order(const json_t *a, const json_t *b)
{
	if (json_is_object(a) && json_is_object(b)) {
		void *ia = json_object_iter((json_t *)a), *ib = json_object_iter((json_t *)b);
		for (; ia && ib; ia = json_object_iter_next((json_t *)a, ia),
				 ib = json_object_iter_next((json_t *)b, ib)) {
			if (strcmp(json_object_iter_key(ia), json_object_iter_key(ib)) != 0 ||
			    !same_order(json_object_iter_value(ia), json_object_iter_value(ib)))
				return false;
		}
		return !ia && !ib;
	}
	if (json_is_array(a) && json_is_array(b)) {
		if (json_array_size(a) != json_array_size(b))
			return false;
		for (size_t i = 0; i < json_array_size(a); i++)
			if (!same_order(json_array_get(a, i), json_array_get(b, i)))
				return false;
		return true;
	}
	return json_equal(a, b);
}

START_TEST(every_example_round_trips)
{
	const char *dirs[] = {"examples/cases", "examples/agencies", "examples/streams",
			      "tests/schema/valid"};
	int files = 0;
	for (size_t k = 0; k < sizeof dirs / sizeof *dirs; k++) {
		char dir[512];
		snprintf(dir, sizeof dir, "%s/%s", SAMPLAN_SOURCE_DIR, dirs[k]);
		DIR *dp = opendir(dir);
		ck_assert_ptr_nonnull(dp);
		struct dirent *e;
		while ((e = readdir(dp))) {
			if (e->d_name[0] == '.')
				continue;
			char path[1024];
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			json_t *orig = json_array();
			char *yaml = rewrite_file(path, SP_FMT_YAML, orig);
			json_t *back = read_text(yaml);
			ck_assert_msg(same_order(orig, back), "YAML round trip changed %s", path);
			/* writing the re-read model gives the same text: a fixed point */
			char *buf = NULL;
			size_t len = 0;
			FILE *f = open_memstream(&buf, &len);
			sp_writer *w = sp_writer_open(f, SP_FMT_YAML);
			for (size_t i = 0; i < json_array_size(back); i++)
				sp_writer_put(w, json_array_get(back, i));
			sp_writer_close(w);
			fclose(f);
			ck_assert_str_eq(buf, yaml);
			free(buf);
			char *jsonl = rewrite_file(path, SP_FMT_JSONL, NULL);
			json_t *back2 = read_text(jsonl);
			ck_assert_msg(same_order(orig, back2), "JSONL round trip changed %s", path);
			free(yaml);
			free(jsonl);
			json_decref(orig);
			json_decref(back);
			json_decref(back2);
			files++;
		}
		closedir(dp);
	}
	ck_assert_int_ge(files, 20);
}
END_TEST

START_TEST(awkward_strings_round_trip)
{
	const char *strings[] = {"0301", "NO", "yes", "true", "null", "", " leading space",
				 "trailing space ", "- dash", ": colon", "# hash", "a: b", "a #b",
				 "[x]", "{x}", "'single'", "\"double\"", "tab\there", "æøå ÆØÅ",
				 "line\nbreak", "ends with newline\n", "\n", "12:30", "@at", "`tick",
				 "%percent", "!bang", "&amp", "*star", "|pipe", ">gt", "2026-02-30",
				 "1e3", ".5", "0o17", "~", "two\n\nblank lines", "  indented\nnot"};
	json_t *v = json_object();
	json_t *list = json_array();
	for (size_t i = 0; i < sizeof strings / sizeof *strings; i++) {
		char key[16];
		snprintf(key, sizeof key, "k%zu", i);
		json_object_set_new(v, key, json_string(strings[i]));
		json_array_append_new(list, json_string(strings[i]));
	}
	json_object_set_new(v, "list", list);
	json_object_set_new(v, "NO", json_true()); /* keys are quoted by the same rule */
	json_object_set_new(v, "real", json_real(0.1));
	json_object_set_new(v, "whole_real", json_real(2.0));
	char *yaml = write_str(v, SP_FMT_YAML);
	json_t *back = read_text(yaml);
	ck_assert_msg(same_order(v, json_array_get(back, 0)), "changed:\n%s", yaml);
	free(yaml);
	json_decref(back);
	json_decref(v);
}
END_TEST


/* Random text from the characters that trouble YAML writers, in keys, values and lists:
 * every one must read back as the same string, in YAML and in JSON. */
START_TEST(random_strings_round_trip)
{
	static const char *const pieces[] = {
	    "a", "Z", "0", "1", "9", ".", "-", "+", "e", "x", "o", ":", " ", "  ", "#", "'", "\"",
	    "\\", "[", "]", "{", "}", ",", "&", "*", "!", "|", ">", "%", "@", "`", "?", "~", "\n",
	    "\t", "\r", "\x01", "\x7f", "æ", "ø", "å", "Å", "\xc2\x85", "\xe2\x80\xa8", "\xef\xbb\xbf",
	    "\xc2\xa0", "😀", "yes", "NO", "null", "true", "---", "...", "2026-09-01", "0x1F", "1e3",
	    "12:30", "<<", "="};
	const size_t npieces = sizeof pieces / sizeof *pieces;
	unsigned long long seed = 42;
	for (int round = 0; round < 300; round++) {
		json_t *doc = json_object();
		json_t *list = json_array();
		for (int k = 0; k < 12; k++) {
			char text[256] = "";
			int n = 1 + (int)(seed % 7);
			for (int i = 0; i < n; i++) {
				seed = seed * 6364136223846793005ull + 1442695040888963407ull;
				strcat(text, pieces[(seed >> 33) % npieces]);
			}
			char key[300];
			snprintf(key, sizeof key, "%s%d", k % 3 ? text : "", k);
			json_object_set_new(doc, key, json_string(text));
			json_array_append_new(list, json_string(text));
		}
		json_object_set_new(doc, "list", list);
		json_object_set_new(doc, "nested", json_pack("{s:[O]}", "deeper", list));
		for (int f = 0; f < 3; f++) {
			sp_format fmt = f == 0 ? SP_FMT_YAML : f == 1 ? SP_FMT_JSON : SP_FMT_JSONL;
			char *text = write_str(doc, fmt);
			json_t *back = read_text(text);
			ck_assert_msg(json_array_size(back) == 1 && same_order(doc, json_array_get(back, 0)),
				      "round %d, %s changed the document:\n%s", round, sp_format_name(fmt), text);
			json_decref(back);
			free(text);
		}
		json_decref(doc);
	}
}
END_TEST

/* The first problem found reading text (caller frees), or NULL when it reads. */
static char *read_problem(const char *text)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	sp_reader *r = sp_reader_from_file(f, "rt", NULL);
	sp_diags d = {0};
	sp_doc *doc;
	int rc;
	while ((rc = sp_reader_next(r, &doc, &d)) == 1)
		sp_doc_free(doc);
	char *msg = rc < 0 && d.n ? strdup(d.v[0].msg) : NULL;
	sp_reader_close(r);
	fclose(f);
	sp_diags_free(&d);
	return msg;
}

/* Every date the library can make, the ends of the calendar and a stride through it, is
 * written by both writers as text that reads back as the same date. */
START_TEST(dates_written_read_back)
{
	json_t *v = json_object(), *list = json_array();
	char buf[SP_DATE_BUFSIZE];
	for (sp_date d = SP_DATE_FIRST; d <= SP_DATE_LAST; d += 997)
		json_array_append_new(list, json_string(sp_date_format(d, buf)));
	const sp_date ends[] = {SP_DATE_FIRST, SP_DATE_FIRST + 1, SP_DATE_LAST - 1, SP_DATE_LAST};
	for (size_t i = 0; i < sizeof ends / sizeof *ends; i++)
		json_array_append_new(list, json_string(sp_date_format(ends[i], buf)));
	json_object_set_new(v, "dates", list);
	json_object_set_new(v, "last", json_string(sp_date_format(sp_date_add_days(SP_DATE_LAST - 21, 21), buf)));
	const sp_format fmts[] = {SP_FMT_YAML, SP_FMT_JSON};
	for (size_t i = 0; i < 2; i++) {
		char *text = write_str(v, fmts[i]);
		json_t *back = read_text(text);
		ck_assert_msg(same_order(v, json_array_get(back, 0)), "changed:\n%s", text);
		for (size_t j = 0; j < json_array_size(list); j++) {
			sp_date d;
			ck_assert(sp_date_parse(json_string_value(json_array_get(list, j)), &d));
		}
		free(text);
		json_decref(back);
	}
	json_decref(v);
}
END_TEST

/* Numbers at the edges of a double and of 64 bits: what can be held is read, and written
 * so that it reads back; what cannot is refused with a message that says which way. */
START_TEST(numbers_at_the_edges)
{
	const double held[] = {5e-324, -5e-324, 2.5e-320, 2.2250738585072014e-308,
			       1.7976931348623157e308, -1.7976931348623157e308};
	json_t *v = json_object(), *list = json_array();
	for (size_t i = 0; i < sizeof held / sizeof *held; i++)
		json_array_append_new(list, json_real(held[i]));
	json_object_set_new(v, "v", list);
	const sp_format fmts[] = {SP_FMT_YAML, SP_FMT_JSON};
	for (size_t i = 0; i < 2; i++) {
		char *text = write_str(v, fmts[i]);
		json_t *back = read_text(text);
		ck_assert_msg(json_equal(v, json_array_get(back, 0)), "changed:\n%s", text);
		free(text);
		json_decref(back);
	}
	json_decref(v);
	const struct {
		const char *text, *want;
	} cases[] = {
	    {"v: 5e-324\n", NULL},
	    {"{\"v\": 5e-324}", NULL},
	    {"v: 0.0e-999\n", NULL},
	    {"v: 1e-400\n", "so close to zero that it would be read as 0"},
	    {"{\"v\": -1e-400}", "so close to zero that it would be read as 0"},
	    {"v: 1e400\n", "too large to be held"},
	    {"{\"v\": -1e400}", "too small to be held"},
	    {"v: 99999999999999999999\n", "too large for 64 bits"},
	    {"{\"v\": -99999999999999999999}", "too small for 64 bits"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		char *m = read_problem(cases[i].text);
		if (!cases[i].want)
			ck_assert_msg(!m, "%s: %s", cases[i].text, m);
		else
			ck_assert_msg(m && strstr(m, cases[i].want), "%s: %s", cases[i].text, m ? m : "read");
		free(m);
	}
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("write");
	TCase *tc = tcase_create("write");
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, quoting_exactly_when_needed);
	tcase_add_test(tc, lowercase_words);
	tcase_add_test(tc, literal_blocks_and_lists);
	tcase_add_test(tc, json_and_json_lines);
	tcase_add_test(tc, streams_of_documents);
	tcase_add_test(tc, every_example_round_trips);
	tcase_add_test(tc, awkward_strings_round_trip);
	tcase_add_test(tc, random_strings_round_trip);
	tcase_add_test(tc, dates_written_read_back);
	tcase_add_test(tc, numbers_at_the_edges);
	suite_add_tcase(s, tc);
	return s;
}
