/* SPDX-License-Identifier: MIT */
/* test_alloc.c — jansson on samplan's block pools: values of every size live, die and are
 * reused without overlapping. (Under sanitizers the pools are off and this runs on malloc.) */
#include "unit.h"
#include "doc/alloc.h"

#include <stdlib.h>

START_TEST(values_of_every_size)
{
	sp_alloc_install();
	sp_alloc_install(); /* twice is fine */
	for (int round = 0; round < 3; round++) {
		json_t *arr = json_array();
		for (size_t n = 0; n < 2000; n++) {
			char *s = malloc(n + 1);
			memset(s, 'a' + (int)(n % 26), n);
			s[n] = '\0';
			json_t *o = json_object();
			json_object_set_new(o, s, json_string(s)); /* keys and strings up to 2 KB */
			json_object_set_new(o, "n", json_integer((json_int_t)n));
			json_array_append_new(arr, o);
			free(s);
		}
		for (size_t n = 0; n < 2000; n += 3) /* free some in the middle, reuse them */
			json_object_set_new(json_array_get(arr, n), "x", json_real(0.5));
		for (size_t n = 0; n < 2000; n++) {
			json_t *o = json_array_get(arr, n);
			ck_assert_int_eq(json_integer_value(json_object_get(o, "n")), (json_int_t)n);
			const char *key;
			json_t *v;
			json_object_foreach(o, key, v) {
				if (json_is_string(v)) {
					ck_assert_uint_eq(strlen(key), n);
					ck_assert_str_eq(json_string_value(v), key);
				}
			}
		}
		json_decref(arr);
	}
	json_t *v = json_pack("{s:s}", "a", "b");
	char *text = json_dumps(v, JSON_COMPACT);
	ck_assert_str_eq(text, "{\"a\":\"b\"}");
	sp_json_free(text);
	json_decref(v);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("alloc");
	TCase *tc = tcase_create("alloc");
	tcase_add_test(tc, values_of_every_size);
	suite_add_tcase(s, tc);
	return s;
}
