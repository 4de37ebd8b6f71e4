/* SPDX-License-Identifier: MIT */
/* test_linediff.c — the unified diff samplan prints for an edit (--diff, --dry-run): the
 * layout `diff -u` writes, hunks joined when their context meets, a last line without a
 * line end marked, nothing for the same texts. */
#include "unit.h"
#include "base/linediff.h"

#include <stdlib.h>

static char *diff_of(const char *a, const char *b)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_int_eq(sp_diff_unified(f, "a/case.yaml", a, strlen(a), "b/case.yaml", b, strlen(b)), 0);
	fclose(f);
	return buf;
}

START_TEST(same_texts_give_nothing)
{
	char *d = diff_of("a\nb\n", "a\nb\n");
	ck_assert_str_eq(d, "");
	free(d);
}
END_TEST

START_TEST(an_append_and_a_change_far_apart)
{
	const char *a = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n";
	const char *b = "1\n2\nthree\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n";
	char *d = diff_of(a, b);
	ck_assert_str_eq(d, "--- a/case.yaml\n+++ b/case.yaml\n"
			    "@@ -1,6 +1,6 @@\n 1\n 2\n-3\n+three\n 4\n 5\n 6\n"
			    "@@ -10,3 +10,4 @@\n 10\n 11\n 12\n+13\n");
	free(d);
}
END_TEST

START_TEST(close_changes_share_a_hunk)
{
	char *d = diff_of("a\nb\nc\nd\ne\n", "a\nB\nc\nd\nE\n");
	ck_assert_str_eq(d, "--- a/case.yaml\n+++ b/case.yaml\n"
			    "@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n-e\n+E\n");
	free(d);
}
END_TEST

START_TEST(no_line_end_at_the_end)
{
	char *d = diff_of("a\nb", "a\nb\nc\n");
	ck_assert_str_eq(d, "--- a/case.yaml\n+++ b/case.yaml\n"
			    "@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n");
	free(d);
}
END_TEST

START_TEST(from_nothing)
{
	char *d = diff_of("", "x\n");
	ck_assert_str_eq(d, "--- a/case.yaml\n+++ b/case.yaml\n@@ -0,0 +1 @@\n+x\n");
	free(d);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("linediff");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, same_texts_give_nothing);
	tcase_add_test(tc, an_append_and_a_change_far_apart);
	tcase_add_test(tc, close_changes_share_a_hunk);
	tcase_add_test(tc, no_line_end_at_the_end);
	tcase_add_test(tc, from_nothing);
	suite_add_tcase(s, tc);
	return s;
}
