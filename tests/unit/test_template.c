/* SPDX-License-Identifier: MIT */
/* test_template.c — the Mustache renderer: every test of the official specification (when
 * its files are at hand), then errors, limits and escaping. */
#include "letters/template.h"
#include "unit.h"

#include <dirent.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef SAMPLAN_MUSTACHE_SPEC
#define SAMPLAN_MUSTACHE_SPEC SAMPLAN_SOURCE_DIR "/../shared/mustache-spec"
#endif

/* Partials from a JSON object of name: text. */
static char *from_object(const char *name, void *ctx)
{
	const char *text = json_string_value(json_object_get(ctx, name));
	return text ? strdup(text) : NULL;
}

/* Render with partials given as "name", "text", … NULL. */
static char *render(const char *tmpl, const char *data, sp_escape esc, char **err, ...)
{
	json_t *d = json_loads(data, 0, NULL), *partials = json_object();
	ck_assert_ptr_nonnull(d);
	va_list ap;
	va_start(ap, err);
	for (const char *name; (name = va_arg(ap, const char *));)
		json_object_set_new(partials, name, json_string(va_arg(ap, const char *)));
	va_end(ap);
	char *out = sp_template_render(tmpl, strlen(tmpl), d, esc, from_object, partials, err);
	json_decref(d);
	json_decref(partials);
	return out;
}

static void expect_error(const char *tmpl, const char *msg)
{
	char *err = NULL;
	char *out = render(tmpl, "{}", SP_ESCAPE_HTML, &err, "bad", "x{{#open}}y", NULL);
	ck_assert_ptr_null(out);
	ck_assert_ptr_nonnull(err);
	ck_assert_str_eq(err, msg);
	free(err);
}

/* --- the specification -------------------------------------------------------------- */

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run one spec file; returns the number of failures and adds to *total. */
static int run_spec_file(const char *dir, const char *file, size_t *total)
{
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir, file);
	json_error_t jerr;
	json_t *spec = json_load_file(path, 0, &jerr);
	if (!spec) {
		fprintf(stderr, "%s:%d: %s\n", path, jerr.line, jerr.text);
		return 1;
	}
	json_t *tests = json_object_get(spec, "tests"), *t;
	size_t i, passed = 0;
	json_array_foreach(tests, i, t)
	{
		const char *tmpl = json_string_value(json_object_get(t, "template"));
		const char *want = json_string_value(json_object_get(t, "expected"));
		json_t *partials = json_object_get(t, "partials");
		char *err = NULL;
		char *got = sp_template_render(tmpl, strlen(tmpl), json_object_get(t, "data"),
		                               SP_ESCAPE_HTML, from_object, partials, &err);
		if (got && strcmp(got, want) == 0)
			passed++;
		else
			fprintf(stderr, "FAIL %s: %s\n  template: %s\n  expected: %s\n  got: %s\n",
			        file, json_string_value(json_object_get(t, "name")), tmpl, want,
			        got ? got : err);
		free(got);
		free(err);
	}
	char module[256];
	snprintf(module, sizeof module, "%.*s", (int)(strlen(file) - 5), file);
	printf("mustache spec: %s %zu/%zu\n", module, passed, json_array_size(tests));
	*total += passed;
	int failed = (int)(json_array_size(tests) - passed);
	json_decref(spec);
	return failed;
}

START_TEST(mustache_spec)
{
	const char *dir = SAMPLAN_MUSTACHE_SPEC;
	DIR *d = opendir(dir);
	if (!d) {
		printf("mustache spec: %s not found, only the local tests run\n", dir);
		return;
	}
	char *names[64];
	size_t n = 0;
	for (struct dirent *e; (e = readdir(d)) && n < 64;) {
		size_t l = strlen(e->d_name);
		if (l > 5 && strcmp(e->d_name + l - 5, ".json") == 0 &&
		    strcmp(e->d_name, "~lambdas.json") != 0)
			names[n++] = strdup(e->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_names);
	int failed = 0;
	size_t total = 0;
	for (size_t i = 0; i < n; i++) {
		failed += run_spec_file(dir, names[i], &total);
		free(names[i]);
	}
	printf("mustache spec: %zu passed, %d failed\n", total, failed);
	ck_assert_uint_ge(n, 6);
	ck_assert_int_eq(failed, 0);
}
END_TEST

/* --- local tests -------------------------------------------------------------------- */

START_TEST(errors_have_line_and_column)
{
	expect_error("Hei\n  {{#needs}}x", "line 2, column 3: unclosed section `needs`");
	expect_error("{{#a}}\n {{/b}}",
	             "line 2, column 2: section `a` (line 1, column 1) closed by `/b`");
	expect_error("x\n{{/a}}", "line 2, column 1: `/a` closes no section");
	expect_error("Bodø {{name", "line 1, column 6: unclosed tag `{{`");
	expect_error("{{{name}}", "line 1, column 1: unclosed tag `{{`");
	expect_error("a\n{{= x =}}", "line 2, column 1: bad delimiter change `x`");
	expect_error("{{=a b c=}}", "line 1, column 1: bad delimiter change `a b c`");
	expect_error("{{=<% %>=}}\n<%#a%>", "line 2, column 1: unclosed section `a`");
	expect_error("{{}}", "line 1, column 1: empty tag");
	expect_error("1\n2{{>bad}}", "partial `bad`: line 1, column 2: unclosed section `open`");
	/* the whole template is checked, not only what renders */
	expect_error("{{#no}}{{#x}}{{/no}}{{/x}}",
	             "line 1, column 14: section `x` (line 1, column 8) closed by `/no`");
}
END_TEST

START_TEST(recursion_is_limited)
{
	char *err = NULL;
	char *out = render("{{>self}}", "{}", SP_ESCAPE_HTML, &err, "self", "x{{>self}}", NULL);
	ck_assert_ptr_null(out);
	ck_assert_str_eq(err, "partial `self`: line 1, column 2: partials nested deeper than 64");
	free(err);
	out = render("{{<p}}{{/p}}", "{}", SP_ESCAPE_HTML, &err, "p", "{{<p}}{{/p}}", NULL);
	ck_assert_ptr_null(out);
	ck_assert_ptr_nonnull(strstr(err, "nested deeper than 64"));
	free(err);
	/* a block that overrides with itself */
	out = render("{{<p}}{{$a}}{{$a}}{{/a}}{{/a}}{{/p}}", "{}", SP_ESCAPE_HTML, &err, "p",
	             "{{$a}}{{/a}}", NULL);
	ck_assert_ptr_null(out);
	ck_assert_ptr_nonnull(strstr(err, "nested deeper than 64"));
	free(err);
	/* each of 30 partials calls the next twice: stopped by the count, not after 2^30 times */
	json_t *chain = json_object();
	for (int i = 0; i < 30; i++) {
		char name[8], text[40];
		snprintf(name, sizeof name, "p%d", i);
		snprintf(text, sizeof text, "{{>p%d}}{{>p%d}}", i + 1, i + 1);
		json_object_set_new(chain, name, json_string(text));
	}
	out = sp_template_render("{{>p0}}", 7, NULL, SP_ESCAPE_HTML, from_object, chain, &err);
	ck_assert_ptr_null(out);
	ck_assert_ptr_nonnull(strstr(err, "more than 100000 partials and blocks expanded"));
	free(err);
	json_decref(chain);
	/* recursion through data stops where the data does */
	out = render("{{>node}}",
	             "{\"n\":\"1\",\"kids\":[{\"n\":\"2\",\"kids\":[{\"n\":\"3\",\"kids\":[]}]}]}",
	             SP_ESCAPE_HTML, &err, "node", "{{n}}({{#kids}}{{>node}}{{/kids}})", NULL);
	ck_assert_str_eq(out, "1(2(3()))");
	free(out);
}
END_TEST

START_TEST(section_passes_are_limited)
{
	/* eight nested sections over ten items would be 10^8 passes with no output (found by
	 * fuzz_template: fuzz/regressions/template/nested-sections-no-output) */
	json_t *data = json_pack("{s:[iiiiiiiiii]}", "l", 1, 1, 1, 1, 1, 1, 1, 1, 1, 1);
	const char *tmpl = "{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}"
	                   "{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}";
	char *err = NULL;
	char *out = sp_template_render(tmpl, strlen(tmpl), data, SP_ESCAPE_NONE, NULL, NULL, &err);
	ck_assert_ptr_null(out);
	ck_assert_ptr_nonnull(strstr(err, "more than 1000000 section passes"));
	free(err);
	/* five deep is 111,110 passes: fine */
	tmpl = "{{#l}}{{#l}}{{#l}}{{#l}}{{#l}}{{/l}}{{/l}}{{/l}}{{/l}}{{/l}}";
	out = sp_template_render(tmpl, strlen(tmpl), data, SP_ESCAPE_NONE, NULL, NULL, NULL);
	ck_assert_ptr_nonnull(out);
	free(out);
	json_decref(data);
}
END_TEST

START_TEST(output_is_limited)
{
	size_t big = 1u << 20;
	char *s = malloc(big + 1);
	memset(s, 'x', big);
	s[big] = '\0';
	json_t *data = json_pack("{s:s, s:[iiiiiiiiiiiiiiiii]}", "s", s, "list", 1, 2, 3, 4, 5, 6,
	                         7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17);
	free(s);
	char *err = NULL;
	const char *tmpl = "{{#list}}{{s}}{{/list}}";
	char *out = sp_template_render(tmpl, strlen(tmpl), data, SP_ESCAPE_NONE, NULL, NULL, &err);
	ck_assert_ptr_null(out);
	ck_assert_str_eq(err, "output longer than 16 MiB");
	free(err);
	tmpl = "{{#list}}{{#s}}.{{/s}}{{/list}}";
	out = sp_template_render(tmpl, strlen(tmpl), data, SP_ESCAPE_NONE, NULL, NULL, NULL);
	ck_assert_str_eq(out, ".................");
	free(out);
	json_decref(data);
}
END_TEST

START_TEST(escaping)
{
	const char *data = "{\"v\":\"<Bodø & \\\"Mo\\\" i 'Rana'>\"}";
	char *out = render("{{v}}|{{{v}}}|{{&v}}", data, SP_ESCAPE_XML, NULL, NULL);
	ck_assert_str_eq(out, "&lt;Bodø &amp; &quot;Mo&quot; i &apos;Rana&apos;&gt;|"
	                      "<Bodø & \"Mo\" i 'Rana'>|<Bodø & \"Mo\" i 'Rana'>");
	free(out);
	out = render("{{v}}", data, SP_ESCAPE_HTML, NULL, NULL);
	ck_assert_str_eq(out, "&lt;Bodø &amp; &quot;Mo&quot; i 'Rana'&gt;");
	free(out);
	out = render("{{v}}", data, SP_ESCAPE_NONE, NULL, NULL);
	ck_assert_str_eq(out, "<Bodø & \"Mo\" i 'Rana'>");
	free(out);
}
END_TEST

START_TEST(values_and_truthiness)
{
	const char *data = "{\"i\":-3,\"r\":0.1,\"t\":true,\"f\":false,\"n\":null,\"e\":\"\","
	                   "\"o\":{},\"a\":[1,2],\"z\":0}";
	char *out =
	    render("{{i}} {{r}} {{t}} {{f}} [{{n}}{{o}}{{a}}]", data, SP_ESCAPE_HTML, NULL, NULL);
	ck_assert_str_eq(out, "-3 0.1 true false []");
	free(out);
	out = render("{{#e}}e{{/e}}{{^e}}!e{{/e}} {{#o}}o{{/o}} {{#z}}z{{/z}} {{^n}}!n{{/n}}", data,
	             SP_ESCAPE_HTML, NULL, NULL);
	ck_assert_str_eq(out, "!e o z !n");
	free(out);
	out = sp_template_render("", 0, NULL, SP_ESCAPE_HTML, NULL, NULL, NULL);
	ck_assert_str_eq(out, "");
	free(out);
	out = sp_template_render("{{>missing}}{{x}}", 17, NULL, SP_ESCAPE_HTML, NULL, NULL, NULL);
	ck_assert_str_eq(out, "");
	free(out);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("template");
	TCase *tc = tcase_create("template");
	tcase_add_test(tc, mustache_spec);
	tcase_add_test(tc, errors_have_line_and_column);
	tcase_add_test(tc, recursion_is_limited);
	tcase_add_test(tc, output_is_limited);
	tcase_add_test(tc, section_passes_are_limited);
	tcase_add_test(tc, escaping);
	tcase_add_test(tc, values_and_truthiness);
	suite_add_tcase(s, tc);
	return s;
}
