/* SPDX-License-Identifier: MIT */
/* test_cli.c — atomic output files and the output-format choice. */
#include "unit.h"
#include "cli/cli.h"

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[64];

static void make_dir(void)
{
	strcpy(dir, "/tmp/sp-cli-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static int entries(void)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.' || strncmp(e->d_name, ".out", 4) == 0;
	closedir(d);
	return n;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	static char buf[256];
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

START_TEST(commit_renames_into_place_0600)
{
	make_dir();
	char path[128];
	snprintf(path, sizeof path, "%s/out.yaml", dir);
	umask(022);
	sp_out *o = sp_out_open(path, 0600);
	ck_assert_ptr_nonnull(o);
	fputs("a: 1\n", sp_out_file(o));
	ck_assert_ptr_null(slurp(path)); /* nothing at the target before the commit */
	ck_assert_int_eq(entries(), 1);  /* only the temporary file */
	ck_assert_int_eq(sp_out_commit(o), 0);
	ck_assert_str_eq(slurp(path), "a: 1\n");
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	ck_assert_int_eq(entries(), 1); /* no temporary file left */
	unlink(path);
	rmdir(dir);
}
END_TEST

START_TEST(abort_keeps_the_old_file)
{
	make_dir();
	char path[128];
	snprintf(path, sizeof path, "%s/out.yaml", dir);
	FILE *f = fopen(path, "w");
	fputs("old\n", f);
	fclose(f);
	sp_out *o = sp_out_open(path, 0600);
	fputs("half-writ", sp_out_file(o));
	sp_out_abort(o);
	ck_assert_str_eq(slurp(path), "old\n");
	ck_assert_int_eq(entries(), 1);
	o = sp_out_open(path, 0644); /* a mode given by the user is kept */
	fputs("new\n", sp_out_file(o));
	ck_assert_int_eq(sp_out_commit(o), 0);
	ck_assert_str_eq(slurp(path), "new\n");
	struct stat st;
	stat(path, &st);
	ck_assert_int_eq(st.st_mode & 0777, 0644);
	unlink(path);
	rmdir(dir);
}
END_TEST

START_TEST(cannot_create)
{
	ck_assert_ptr_null(sp_out_open("/nonexistent-dir/x.yaml", 0600));
}
END_TEST

START_TEST(output_format)
{
	sp_doc d = {.format = SP_FMT_JSONL};
	ck_assert_int_eq(sp_cli_out_format(SP_FMT_AUTO, &d), SP_FMT_JSONL);
	ck_assert_int_eq(sp_cli_out_format(SP_FMT_YAML, &d), SP_FMT_YAML);
	ck_assert_int_eq(sp_cli_out_format(SP_FMT_AUTO, NULL), SP_FMT_YAML);
	sp_format f;
	ck_assert(sp_format_parse("jsonl", &f));
	ck_assert_int_eq(f, SP_FMT_JSONL);
	ck_assert(!sp_format_parse("xml", &f));
	ck_assert_str_eq(sp_format_name(SP_FMT_JSON), "json");
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("cli");
	TCase *tc = tcase_create("cli");
	tcase_add_test(tc, commit_renames_into_place_0600);
	tcase_add_test(tc, abort_keeps_the_old_file);
	tcase_add_test(tc, cannot_create);
	tcase_add_test(tc, output_format);
	suite_add_tcase(s, tc);
	return s;
}
