/* SPDX-License-Identifier: MIT */
/* test_caseedit.c — a case file edited in place (lib/edit/caseedit.h): only the edit's lines
 * and the history entry change; an edit that brings in a new problem is refused with the file
 * as it was; a case that already had a problem can still be edited; a second editor waits for
 * the first and sees its edit; the history names the keys, never the values. */
#include "unit.h"
#include "base/util.h"
#include "edit/caseedit.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static const char CASE[] =
    "# a comment that stays\n"
    "samplan: 1\n"
    "kind: case\n"
    "id: 2026-BOD-000001\n"
    "\n"
    "person:\n"
    "  name: Kari Nordmann\n"
    "  home_municipality: {number: \"1804\", name: Bodø}\n"
    "unit: {id: bodo-fengsel, name: Bodø fengsel, type: prison}\n"
    "sentence:\n"
    "  type: prison\n"
    "  start: 2026-09-01\n"
    "  release: 2026-11-30   # expected\n";

static char dir[64];

static char *write_case(const char *text)
{
	strcpy(dir, "/tmp/caseedit-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char *path = sp_xasprintf("%s/case.yaml", dir);
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	return path;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	size_t len;
	char *s = sp_read_all(f, 1 << 20, &len);
	fclose(f);
	return s;
}

static void cleanup(char *path)
{
	unlink(path);
	rmdir(dir);
	free(path);
}

static sp_edit_opts opts(void)
{
	return (sp_edit_opts){.tool = "test", .user = "tester", .at = 1795000000, .wait_ms = 0,
			      .limits = sp_limits_default()};
}

START_TEST(only_the_edit_and_history_change)
{
	setenv("TZ", "UTC", 1);
	char *path = write_case(CASE);
	sp_diags d = {0};
	sp_edit_opts o = opts();
	sp_case_edit *ed = sp_case_edit_open(path, &o, &d);
	ck_assert_ptr_nonnull(ed);
	ck_assert_uint_eq(sp_case_edit_count(ed), 1);
	json_t *v = json_string("2026-12-01");
	ck_assert_int_eq(sp_case_edit_set(ed, 0, "sentence.release", v, &d), 0);
	json_decref(v);
	sp_case_edit_event(ed, 0, "release-moved");
	ck_assert_int_eq(sp_case_edit_commit(ed, &d, NULL), 0);
	sp_case_edit_close(ed);
	ck_assert_uint_eq(d.n, 0);
	char *got = slurp(path);
	const char *want_tail = "  release: 2026-12-01   # expected\n"
				"history:\n"
				"  - at: \"2026-11-18T11:06:40+00:00\"\n"
				"    user: tester\n"
				"    tool: test\n"
				"    event: release-moved\n"
				"    keys: [sentence.release]\n";
	size_t head = strlen(CASE) - strlen("  release: 2026-11-30   # expected\n");
	ck_assert_int_eq(strncmp(got, CASE, head), 0);
	ck_assert_str_eq(got + head, want_tail);
	free(got);
	sp_diags_free(&d);
	cleanup(path);
}
END_TEST

START_TEST(a_new_problem_is_refused)
{
	char *path = write_case(CASE);
	sp_diags d = {0};
	sp_edit_opts o = opts();
	sp_case_edit *ed = sp_case_edit_open(path, &o, &d);
	ck_assert_ptr_nonnull(ed);
	json_t *v = json_string("2026-08-01"); /* release before start */
	ck_assert_int_eq(sp_case_edit_set(ed, 0, "sentence.release", v, &d), 0);
	json_decref(v);
	ck_assert_int_eq(sp_case_edit_commit(ed, &d, NULL), -1);
	sp_case_edit_close(ed);
	ck_assert_uint_ge(d.errors, 1);
	ck_assert_ptr_nonnull(strstr(d.v[0].msg, "nothing was written"));
	ck_assert_uint_gt(d.v[0].pos.line, 0); /* a place in the file */
	char *got = slurp(path);
	ck_assert_str_eq(got, CASE);
	free(got);
	sp_diags_free(&d);
	cleanup(path);
}
END_TEST

START_TEST(an_old_problem_does_not_stop_an_edit)
{
	/* release before start already: the edit adds none, so it is written */
	char *bad = sp_xstrdup(CASE);
	memcpy(strstr(bad, "release: 2026-11-30"), "release: 2026-08-30", 19);
	char *path = write_case(bad);
	sp_diags d = {0};
	sp_edit_opts o = opts();
	sp_case_edit *ed = sp_case_edit_open(path, &o, &d);
	ck_assert_ptr_nonnull(ed);
	json_t *v = json_string("Kari Nordmann-Hansen");
	ck_assert_int_eq(sp_case_edit_set(ed, 0, "person.name", v, &d), 0);
	json_decref(v);
	ck_assert_int_eq(sp_case_edit_commit(ed, &d, NULL), 0);
	sp_case_edit_close(ed);
	ck_assert_uint_eq(d.errors, 0);
	char *got = slurp(path);
	ck_assert_ptr_nonnull(strstr(got, "  name: Kari Nordmann-Hansen\n"));
	ck_assert_ptr_nonnull(strstr(got, "keys: [person.name]"));
	ck_assert_ptr_null(strstr(got, "Kari Nordmann\n"));
	free(got);
	free(bad);
	sp_diags_free(&d);
	cleanup(path);
}
END_TEST

START_TEST(a_second_editor_waits_or_gives_up)
{
	char *path = write_case(CASE);
	sp_diags d = {0};
	sp_edit_opts o = opts();
	sp_case_edit *first = sp_case_edit_open(path, &o, &d);
	ck_assert_ptr_nonnull(first);
	sp_case_edit *second = sp_case_edit_open(path, &o, &d);
	ck_assert_ptr_null(second);
	ck_assert_int_eq(errno, EWOULDBLOCK);
	ck_assert_uint_eq(d.n, 0);
	json_t *v = json_pack("{ss}", "name", "Ola Hansen");
	ck_assert_int_ge(sp_case_edit_append(first, 0, "contact_officers", v, &d), 0);
	ck_assert_int_eq(sp_case_edit_commit(first, &d, NULL), 0);
	sp_case_edit_close(first);
	/* the next editor sees the first one's edit */
	second = sp_case_edit_open(path, &o, &d);
	ck_assert_ptr_nonnull(second);
	ck_assert_int_eq(sp_case_edit_append(second, 0, "contact_officers", v, &d), 1);
	ck_assert_int_eq(sp_case_edit_commit(second, &d, NULL), 0);
	sp_case_edit_close(second);
	json_decref(v);
	char *got = slurp(path);
	ck_assert_ptr_nonnull(strstr(got, "contact_officers:\n  - name: Ola Hansen\n  - name: Ola Hansen\n"));
	ck_assert_ptr_nonnull(strstr(got, "keys: [contact_officers.0]"));
	ck_assert_ptr_nonnull(strstr(got, "keys: [contact_officers.1]"));
	free(got);
	sp_diags_free(&d);
	cleanup(path);
}
END_TEST

START_TEST(nothing_changed_nothing_written)
{
	char *path = write_case(CASE);
	struct stat before, after;
	ck_assert_int_eq(stat(path, &before), 0);
	sp_diags d = {0};
	sp_edit_opts o = opts();
	sp_case_edit *ed = sp_case_edit_open(path, &o, &d);
	ck_assert_ptr_nonnull(ed);
	ck_assert(!sp_case_edit_changed(ed));
	ck_assert_int_eq(sp_case_edit_commit(ed, &d, NULL), 0);
	sp_case_edit_close(ed);
	ck_assert_int_eq(stat(path, &after), 0);
	ck_assert_uint_eq(before.st_ino, after.st_ino);
	sp_diags_free(&d);
	cleanup(path);
}
END_TEST

START_TEST(a_file_that_does_not_read_is_not_opened)
{
	char *path = write_case("samplan: 1\nkind: case\nid: [broken\n");
	sp_diags d = {0};
	sp_edit_opts o = opts();
	ck_assert_ptr_null(sp_case_edit_open(path, &o, &d));
	ck_assert_uint_ge(d.errors, 1);
	ck_assert_uint_gt(d.v[0].pos.line, 0);
	sp_diags_free(&d);
	cleanup(path);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("caseedit");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, only_the_edit_and_history_change);
	tcase_add_test(tc, a_new_problem_is_refused);
	tcase_add_test(tc, an_old_problem_does_not_stop_an_edit);
	tcase_add_test(tc, a_second_editor_waits_or_gives_up);
	tcase_add_test(tc, nothing_changed_nothing_written);
	tcase_add_test(tc, a_file_that_does_not_read_is_not_opened);
	suite_add_tcase(s, tc);
	return s;
}
