/* SPDX-License-Identifier: MIT */
/* test_history.c — a case's history entries: the time written as local time with its
 * offset in more than one zone, SOURCE_DATE_EPOCH, the order the user is found in, and an
 * entry that the validator accepts. */
#include "unit.h"
#include "base/date.h"
#include "domain/history.h"
#include "domain/validate.h"

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* 2026-10-20T12:03:11Z, 2026-07-01T12:00:00Z, 2026-01-15T12:00:00Z */
#define OCT_20 ((time_t)1792497791)
#define JULY_1 ((time_t)1782907200)
#define JAN_15 ((time_t)1768478400)

static void set_tz(const char *tz)
{
	ck_assert_int_eq(setenv("TZ", tz, 1), 0);
	tzset();
}

/* The entry's `at` for time t. */
static char *at_of(time_t t)
{
	json_t *e = sp_history_entry(t, "u", "t", "e", NULL, 0);
	ck_assert_ptr_nonnull(e);
	char *s = strdup(json_string_value(json_object_get(e, "at")));
	json_decref(e);
	ck_assert(!*sp_timestamp_problem(s));
	return s;
}

static void check_at(const char *tz, time_t t, const char *want)
{
	set_tz(tz);
	char *got = at_of(t);
	ck_assert_msg(strcmp(got, want) == 0, "TZ=%s: %s, want %s", tz, got, want);
	free(got);
}

START_TEST(test_at_in_time_zones)
{
	check_at("UTC", OCT_20, "2026-10-20T12:03:11+00:00");
	check_at("UTC", 0, "1970-01-01T00:00:00+00:00");
	check_at("Europe/Oslo", OCT_20, "2026-10-20T14:03:11+02:00"); /* summer time */
	check_at("Europe/Oslo", JULY_1, "2026-07-01T14:00:00+02:00");
	check_at("Europe/Oslo", JAN_15, "2026-01-15T13:00:00+01:00"); /* winter time */
	/* the last second of summer time 2026 (25 October, 01:00 UTC) and the first after */
	check_at("Europe/Oslo", (time_t)1792889999, "2026-10-25T02:59:59+02:00");
	check_at("Europe/Oslo", (time_t)1792890000, "2026-10-25T02:00:00+01:00");
	/* offsets west of UTC and of half an hour, from POSIX TZ strings (no zone files) */
	check_at("<-0330>3:30", JAN_15, "2026-01-15T08:30:00-03:30");
	check_at("<+0530>-5:30", JAN_15, "2026-01-15T17:30:00+05:30");
	/* a year past 9999 cannot be written */
	set_tz("UTC");
	errno = 0;
	ck_assert_ptr_null(sp_history_entry((time_t)253402300800LL, "u", "t", "e", NULL, 0));
	ck_assert_int_eq(errno, EOVERFLOW);
}
END_TEST

START_TEST(test_entry_keys_in_order)
{
	set_tz("Europe/Oslo");
	static const char *const keys[] = {"handovers.0.confirmed", "handovers.0.confirmed_by",
	                                   "letters.3"};
	json_t *e =
	    sp_history_entry(OCT_20, "ohansen", "samplan-record", "handover-confirmed", keys, 3);
	ck_assert_ptr_nonnull(e);
	char *text = json_dumps(e, JSON_COMPACT);
	ck_assert_str_eq(text, "{\"at\":\"2026-10-20T14:03:11+02:00\",\"user\":\"ohansen\","
	                       "\"tool\":\"samplan-record\",\"event\":\"handover-confirmed\","
	                       "\"keys\":[\"handovers.0.confirmed\",\"handovers.0.confirmed_by\","
	                       "\"letters.3\"]}");
	free(text);
	json_decref(e);
	/* no keys: an empty list */
	e = sp_history_entry(OCT_20, "ohansen", "samplan-record", "note-1", NULL, 0);
	ck_assert_ptr_nonnull(e);
	ck_assert(json_is_array(json_object_get(e, "keys")));
	ck_assert_uint_eq(json_array_size(json_object_get(e, "keys")), 0);
	json_decref(e);
}
END_TEST

START_TEST(test_entry_refuses_what_the_format_refuses)
{
	set_tz("UTC");
	static const char *const good[] = {"a.b"};
	static const char *const bad_keys[][1] = {{""},     {"a..b"}, {".a"}, {"a."},
	                                          {"a[0]"}, {"a b"},  {NULL}};
	static const struct {
		const char *user, *tool, *event;
	} bad[] = {{"", "t", "e"},    {NULL, "t", "e"},  {"u", "", "e"},         {"u", NULL, "e"},
	           {"u", "t", ""},    {"u", "t", NULL},  {"u", "t", "Handover"}, {"u", "t", "a_b"},
	           {"u", "t", "a b"}, {"\xff", "t", "e"}};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		errno = 0;
		ck_assert_ptr_null(
		    sp_history_entry(0, bad[i].user, bad[i].tool, bad[i].event, good, 1));
		ck_assert_int_eq(errno, EINVAL);
	}
	for (size_t i = 0; i < sizeof bad_keys / sizeof *bad_keys; i++) {
		errno = 0;
		ck_assert_ptr_null(sp_history_entry(0, "u", "t", "e", bad_keys[i], 1));
		ck_assert_int_eq(errno, EINVAL);
	}
	errno = 0;
	ck_assert_ptr_null(sp_history_entry(0, "u", "t", "e", NULL, 2));
	ck_assert_int_eq(errno, EINVAL);
	ck_assert(sp_history_event_ok("handover-confirmed") && sp_history_event_ok("2"));
	ck_assert(sp_history_key_ok("a") && sp_history_key_ok("handovers.0.confirmed_by") &&
	          sp_history_key_ok("Screening.domains.housing"));
}
END_TEST

/* What sp_history_entry writes, sp_history_append puts at the case's end and the
 * validator accepts in strict mode. */
START_TEST(test_appended_entry_is_valid)
{
	set_tz("Europe/Oslo");
	sp_doc *doc =
	    parse_ok("{\"samplan\": 1, \"kind\": \"case\", \"id\": \"c\",\n"
	             " \"person\": {\"name\": \"K\", \"home_municipality\":\n"
	             "   {\"number\": \"0301\", \"name\": \"Oslo\"}},\n"
	             " \"unit\": {\"id\": \"u\", \"name\": \"U\", \"type\": \"prison\"},\n"
	             " \"sentence\": {\"type\": \"remand\", \"start\": \"2026-01-01\"},\n"
	             " \"history\": null, \"ip\": null}\n");
	static const char *const keys[] = {"ip.status"};
	ck_assert_int_eq(
	    sp_history_append(doc->root, sp_history_entry(JAN_15, "ohansen", "samplan-record",
	                                                  "ip-requested", keys, 1)),
	    0);
	ck_assert_int_eq(
	    sp_history_append(doc->root, sp_history_entry(OCT_20, "solsen", "samplan-record",
	                                                  "ip-established", keys, 1)),
	    0);
	/* the list that replaced null is the last key */
	const char *last = NULL, *key;
	json_t *v;
	json_object_foreach(doc->root, key, v) last = key;
	ck_assert_str_eq(last, "history");
	ck_assert_uint_eq(json_array_size(json_object_get(doc->root, "history")), 2);
	char *text = json_dumps(doc->root, 0);
	sp_doc_free(doc);
	doc = parse_ok(text);
	free(text);
	sp_diags d = {.strict = true};
	ck_assert_uint_eq(sp_validate(doc, &d), 0);
	ck_assert_uint_eq(d.n, 0);
	sp_diags_free(&d);
	/* `history` that is not a list is left alone */
	json_object_set_new(doc->root, "history", json_string("x"));
	errno = 0;
	ck_assert_int_eq(sp_history_append(doc->root, json_object()), -1);
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_str_eq(json_string_value(json_object_get(doc->root, "history")), "x");
	sp_doc_free(doc);
}
END_TEST

START_TEST(test_time_from_source_date_epoch)
{
	time_t t = 42;
	char *err = NULL;
	ck_assert_int_eq(setenv("SOURCE_DATE_EPOCH", "1792497791", 1), 0);
	ck_assert_int_eq(sp_history_time(&t, &err), 0);
	ck_assert(t == OCT_20);
	ck_assert_int_eq(setenv("SOURCE_DATE_EPOCH", "0", 1), 0);
	ck_assert_int_eq(sp_history_time(&t, &err), 0);
	ck_assert(t == 0);
	ck_assert_int_eq(setenv("SOURCE_DATE_EPOCH", "253402300799", 1), 0); /* 9999-12-31 */
	ck_assert_int_eq(sp_history_time(&t, &err), 0);
	ck_assert(t == (time_t)253402300799LL);

	static const char *const bad[] = {"",
	                                  "-1",
	                                  "+1",
	                                  "1.5",
	                                  " 1",
	                                  "1 ",
	                                  "12a",
	                                  "0x10",
	                                  "2026-10-20",
	                                  "253402300800",
	                                  "99999999999999999999999999"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		ck_assert_int_eq(setenv("SOURCE_DATE_EPOCH", bad[i], 1), 0);
		t = 42;
		err = NULL;
		ck_assert_msg(sp_history_time(&t, &err) == -1, "`%s` was taken", bad[i]);
		ck_assert(t == 42);
		ck_assert_ptr_nonnull(err);
		/* says which variable and what to write */
		ck_assert(strstr(err, "SOURCE_DATE_EPOCH") &&
		          strstr(err, "whole number of seconds"));
		free(err);
	}

	ck_assert_int_eq(unsetenv("SOURCE_DATE_EPOCH"), 0);
	time_t before = time(NULL);
	ck_assert_int_eq(sp_history_time(&t, &err), 0);
	ck_assert(t >= before && t <= time(NULL));
}
END_TEST

START_TEST(test_user_order)
{
	ck_assert_int_eq(setenv("LOGNAME", "from-logname", 1), 0);
	ck_assert_int_eq(setenv("SAMPLAN_USER", "tester", 1), 0);
	ck_assert_str_eq(sp_history_user(), "tester");
	/* empty is as if unset: then the real uid's login, then LOGNAME, then "unknown" */
	const struct passwd *pw = getpwuid(getuid());
	char *login = pw && pw->pw_name && *pw->pw_name ? strdup(pw->pw_name) : NULL;
	for (int empty = 1; empty >= 0; empty--) {
		if (empty)
			ck_assert_int_eq(setenv("SAMPLAN_USER", "", 1), 0);
		else
			ck_assert_int_eq(unsetenv("SAMPLAN_USER"), 0);
		ck_assert_str_eq(sp_history_user(), login ? login : "from-logname");
		ck_assert_int_eq(unsetenv("LOGNAME"), 0);
		ck_assert_str_eq(sp_history_user(), login ? login : "unknown");
		ck_assert_int_eq(setenv("LOGNAME", "", 1), 0);
		ck_assert_str_eq(sp_history_user(), login ? login : "unknown");
		ck_assert_int_eq(setenv("LOGNAME", "from-logname", 1), 0);
	}
	free(login);
	unsetenv("LOGNAME");
}
END_TEST

/* A user the password database does not know: LOGNAME, then "unknown". Run as root only,
 * in a child that takes a uid no entry has. */
START_TEST(test_user_without_passwd_entry)
{
	const uid_t stranger = 54321;
	if (getuid() != 0 || getpwuid(stranger))
		return;
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (setuid(stranger) != 0 || getpwuid(stranger))
			_exit(2);
		unsetenv("SAMPLAN_USER");
		setenv("LOGNAME", "from-logname", 1);
		if (strcmp(sp_history_user(), "from-logname") != 0)
			_exit(3);
		unsetenv("LOGNAME");
		if (strcmp(sp_history_user(), "unknown") != 0)
			_exit(4);
		setenv("SAMPLAN_USER", "tester", 1);
		_exit(strcmp(sp_history_user(), "tester") != 0 ? 5 : 0);
	}
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the child failed step %d",
	              WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("history");
	TCase *tc = tcase_create("history");
	tcase_add_test(tc, test_at_in_time_zones);
	tcase_add_test(tc, test_entry_keys_in_order);
	tcase_add_test(tc, test_entry_refuses_what_the_format_refuses);
	tcase_add_test(tc, test_appended_entry_is_valid);
	tcase_add_test(tc, test_time_from_source_date_epoch);
	tcase_add_test(tc, test_user_order);
	tcase_add_test(tc, test_user_without_passwd_entry);
	suite_add_tcase(s, tc);
	return s;
}
