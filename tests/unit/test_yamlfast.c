/* SPDX-License-Identifier: MIT */
/* test_yamlfast.c — the fast YAML reader (lib/doc/yaml_fast.c) against libyaml: on every input
 * both must give the same documents, values, places and errors (fuzz/yamldiff.h), and the
 * fast reader must take the documents it is meant for. */
#include "unit.h"
#include "yamldiff.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

/* Both readings agree, with the default limits and with small ones; returns the count of
 * documents and how many the fast reader took (default limits). */
static yamldiff agree(const char *text, size_t len)
{
	sp_limits def = sp_limits_default();
	sp_limits small = {.max_doc_bytes = 1024, .max_depth = 6, .max_nodes = 200,
			   .max_alias_nodes = 40, .max_string = 48, .max_docs = 5};
	yamldiff d, s;
	yamldiff_run(text, len, &small, &s);
	ck_assert_msg(!s.why[0], "small limits: %s\n--- input:\n%.300s", s.why, text);
	yamldiff_run(text, len, &def, &d);
	ck_assert_msg(!d.why[0], "%s\n--- input:\n%.300s", d.why, text);
	return d;
}

/* Documents for both readers in turn, and literal text blocks. */
#define MIXED "a: 1 #c\n#d\n---\nb: &y 2\nc: *y\n---\nd: 3\n---\ne: >\n  f\n...\n---\ng: 4\n---\nh: [1]\n"
#define LITERALS "a: |-\n  line 1\n\n  line 3\nb: |\n  x\n    y\n\n\nc: 1\n"

/* Inputs the fast reader reads by itself: every document. */
static const char *const fast_inputs[] = {
    "a: 1\n",
    "a: 1",
    "---\na: 1\n---\nb: 2\n",
    "--- # the first\na: 1\n---   \nb: 2\n",
    "# c\n\na: 1 # c\nb:   x  \n\n# the end\n",
    "a:\n  b:\n    c: d\n  e: [1, 2, x]\n",
    "a: []\nb: {}\nc: {x: 1, y: \"z\", z: 'w'}\nd: [ \"a\" , 'b',c ]\n",
    "- a\n- b: 1\n  c: 2\n-   d: 3\n    e: [4]\n",
    "a:\n- 1\n- 2\nb: 3\n",
    "a:\n  - x: 1\n    y: 2\n  - z\n  -\n    w: 1\n",
    "a: 'it''s'\nb: \"q\\\"\\n\\t\\\\\\/\\u00e6\\x41\\U0001F600\\e\\a\\b\\f\\v\\r\"\n",
    LITERALS,
    "a: |-\n  # not a comment\n    more\nb: 1\n",
    "- |\n  in a list\n- |-\n  x\n\n",
    "a: æøå Åse\nb: -5\nc: -x\nd: .5\ne: 0o17\nf: 0x1F\ng: 1e3\nh: null\ni: ~\nj: true\n"
    "k: False\nl:\nm: 'ÿ'\nn: 1.5\no: +7\n",
    "a: b:c\nd: http://x/y#z\ne: a, b [c] {d}\nf: x - y\ng: a  b\n",
    "key : value\nk2:    v2\n",
    "a:   # comment\n  b: 1\n",
    "a:\n\n  # c\n    # c\n  b: 1\n",
    "\xEF\xBB\xBF" "a: 1\n",
    "a: 2027-03-08\nb: \"0301\"\nc: 2027-02-30\n",
    "outer:\n  inner:\n  - 1\n  - 2\n  last: x\n",
    "a: \"\"\nb: ''\nc: \" lead and trail \"\n",
    "samplan: 1\nkind: case\nid: X-1\nperson:\n  name: Ola Nordmann\n  born: 1990-01-01\n",
};

/* Inputs with documents the fast reader leaves to libyaml (and errors): the two readings
 * must still agree, message and place included. */
static const char *const slow_inputs[] = {
    "a: &x 1\nb: *x\n",
    "a: !!str 1\n",
    "a: >\n  folded\n  text\n",
    "a: multi\n  line\n",
    "a: \"multi\n  line\"\n",
    "'q': 1\n\"r\": 2\n",
    "? a\n: 1\n",
    "a: 1\n...\n---\nb: 2\n",
    "a: 1\n...\nb: 2\n",
    "%YAML 1.2\n---\na: 1\n",
    "a: 1\r\nb: 2\r\n",
    "a:\tb\n",
    "\ta: 1\n",
    "a: [1, [2]]\n",
    "a: [1,]\n",
    "a: {b: }\n",
    "a: [a: 1]\n",
    "a: [1,\n  2]\n",
    "a: |+\n  x\n\nb: 1\n",
    "a: |2\n   x\n",
    "a: |\n  x",
    "a: |\n  x\n  ",
    "a: |\n\n  x\n",
    "a: |\n   \n  x\n",
    "a: |\n  x\n   \nb: 1\n",
    "---\n---\na: 1\n",
    "",
    "# only a comment\n",
    "\n\n",
    "text\n",
    "- - a\n",
    "-\n- a\n",
    "a: 1\na: 2\n",
    "a: [1, 2\n",
    "a: 'x\n",
    "a: b: c\n",
    "a: 1\n b: 2\n",
    "  a: 1\nb: 2\n",
    "a: \"\\0\"\n",
    "a: \"\\u0000\"\n",
    "a: .inf\n",
    "a: 99999999999999999999\n",
    "a: \"\\ud800\"\n",
    "a: \xff\n",
    "a: \xc2\x85\n",
    "a: \x01\n",
    "a: \x7f\n",
    "a: \xef\xbb\xbf\n",
    "- a\nb: 1\n",
    "a:\n  - b\n  c: 1\n",
    "a: 1\n  # deeper comment\nb: 2\n",
    "a:\n  b: 1\n c: 2\n",
    MIXED,
    "a: 1\n--- text\n",
    "a: 1\n---\n%YAML 1.1\n---\nb: 2\n",
    "a: \"x\" y\n",
    "a: 'x'#y\n",
    "a: [x]y\n",
    "a: x\n- b\n",
    "a: \"\\q\"\n",
    "a: \"\\x4\"\n",
    "a: @x\n",
    "a: `x\n",
    "a: %x\n",
    "a: -\n",
    "a: ?x\n",
    "a: :x\n",
    "a: |-\n  x\n b: 1\n",
    "---\n- a\n- b\n...\n",
    "{a: 1}\n",
    "a: 1\n---\nb: \x01\n",
    "a: 1\n---\nb: 2\n# \xff\n",
    "a: 1 # \xc3\n",
    "# \x02\na: 1\n",
    "[1, 2]\n",
};

START_TEST(fast_where_it_should_be)
{
	for (size_t i = 0; i < sizeof fast_inputs / sizeof *fast_inputs; i++) {
		yamldiff d = agree(fast_inputs[i], strlen(fast_inputs[i]));
		ck_assert_msg(d.docs > 0 && d.fast == d.docs, "input %zu: %lu of %u documents read "
			      "fast:\n%s", i, d.fast, d.docs, fast_inputs[i]);
	}
}
END_TEST

START_TEST(agrees_where_it_steps_aside)
{
	unsigned long slow = 0;
	for (size_t i = 0; i < sizeof slow_inputs / sizeof *slow_inputs; i++) {
		yamldiff d = agree(slow_inputs[i], strlen(slow_inputs[i]));
		slow += d.docs - d.fast;
	}
	ck_assert_uint_gt(slow, 20); /* libyaml did read documents here */
}
END_TEST

/* Every prefix of a mixed stream: the reader must agree wherever the input is cut. */
START_TEST(agrees_on_every_prefix)
{
	const char *inputs[] = {MIXED, LITERALS};
	for (size_t i = 0; i < 2; i++)
		for (size_t n = 0; n <= strlen(inputs[i]); n++)
			agree(inputs[i], n);
}
END_TEST

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *buf = malloc((size_t)n + 1);
	*len = fread(buf, 1, (size_t)n, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

/* Every YAML file under dir (not node_modules). */
static void each_file(const char *dir, unsigned *files, unsigned long *docs, unsigned long *fast)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.' || strcmp(e->d_name, "node_modules") == 0)
			continue;
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		struct stat st;
		if (stat(path, &st) != 0)
			continue;
		if (S_ISDIR(st.st_mode)) {
			each_file(path, files, docs, fast);
			continue;
		}
		size_t n = strlen(e->d_name);
		if (n < 5 || (strcmp(e->d_name + n - 5, ".yaml") != 0 && strcmp(e->d_name + n - 4, ".yml") != 0))
			continue;
		size_t len;
		char *text = slurp(path, &len);
		yamldiff r = agree(text, len);
		(*files)++;
		*docs += r.docs;
		*fast += r.fast;
		free(text);
	}
	closedir(d);
}

START_TEST(agrees_on_the_repository_files)
{
	unsigned files = 0;
	unsigned long docs = 0, fast = 0;
	const char *dirs[] = {"examples", "tests", "rules", "fuzz", "schemas"};
	for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", SAMPLAN_SOURCE_DIR, dirs[i]);
		each_file(path, &files, &docs, &fast);
	}
	ck_assert_uint_gt(files, 100);
	/* the examples and test cases are the kind of file the fast reader is for */
	ck_assert_msg(fast * 10 >= docs * 9, "%lu of %lu documents read fast", fast, docs);
}
END_TEST

/* A stream of several MB: the example cases again and again, with documents left to libyaml
 * and documents larger than the window in between, so that the reader goes back and forth
 * and the window moves and grows wherever a document falls. */
START_TEST(agrees_across_the_window)
{
	const char *names[] = {"2019-ILA-000045", "2025-BOD-000311", "2026-OSL-000118",
			       "2026-BOD-000402"};
	char *cases[4];
	size_t lens[4];
	for (int i = 0; i < 4; i++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/examples/cases/%s.yaml", SAMPLAN_SOURCE_DIR, names[i]);
		cases[i] = slurp(path, &lens[i]);
		ck_assert_ptr_nonnull(cases[i]);
	}
	size_t cap = 8u << 20, len = 0;
	char *s = malloc(cap);
	char big[150000];
	unsigned left = 0; /* documents left to libyaml: with an alias, folded, and after `...` */
	for (unsigned k = 0; len < 6u << 20; k++) {
		const char *c = cases[k % 4];
		memcpy(s + len, "---\n", 4), len += 4;
		memcpy(s + len, c, lens[k % 4]), len += lens[k % 4];
		if (k % 17 == 3) {
			len += (size_t)sprintf(s + len, "---\nx: &a 1\ny: *a\n");
			left++;
		}
		if (k % 29 == 5) {
			len += (size_t)sprintf(s + len, "---\nf: >\n  folded\n...\n");
			left += 2;
		}
		if (k % 97 == 7) { /* larger than the first look at the window */
			size_t n = (size_t)sprintf(big, "---\nnote: |-\n");
			while (n < sizeof big - 100)
				n += (size_t)sprintf(big + n, "  line %u æ\n", k);
			n += (size_t)sprintf(big + n, "end: %u\n", k);
			memcpy(s + len, big, n), len += n;
		}
	}
	sp_limits def = sp_limits_default();
	yamldiff d;
	yamldiff_run(s, len, &def, &d);
	ck_assert_msg(!d.why[0], "%s", d.why);
	ck_assert_uint_gt(d.docs, 1000);
	ck_assert_msg(d.fast == d.docs - left, "%lu of %u documents read fast, not %u", d.fast,
		      d.docs, d.docs - left);
	free(s);
	for (int i = 0; i < 4; i++)
		free(cases[i]);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("yamlfast");
	TCase *tc = tcase_create("yamlfast");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, fast_where_it_should_be);
	tcase_add_test(tc, agrees_where_it_steps_aside);
	tcase_add_test(tc, agrees_on_every_prefix);
	tcase_add_test(tc, agrees_on_the_repository_files);
	tcase_add_test(tc, agrees_across_the_window);
	suite_add_tcase(s, tc);
	return s;
}
