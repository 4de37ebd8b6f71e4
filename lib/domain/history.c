/* SPDX-License-Identifier: MIT */
/* history.c — a case's history entries, and the time and user they are written with. */
#include "domain/history.h"
#include "base/date.h"
#include "base/util.h"

#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* 9999-12-31T23:59:59Z: the last second a timestamp can be written for. */
#define LAST_SECOND 253402300799LL

bool sp_history_event_ok(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

bool sp_history_key_ok(const char *s)
{
	bool after_dot = true; /* at the start, as after a dot, a key must follow */
	for (; *s; s++) {
		if (*s == '.') {
			if (after_dot)
				return false;
			after_dot = true;
		} else if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		           (*s >= '0' && *s <= '9') || *s == '_') {
			after_dot = false;
		} else {
			return false;
		}
	}
	return !after_dot;
}

/* at as local time "YYYY-MM-DDTHH:MM:SS+HH:MM"; false when it has no such form. */
static bool format_local(time_t at, char buf[SP_TIMESTAMP_BUFSIZE])
{
	struct tm tm;
	char zone[8];
	if (!localtime_r(&at, &tm) || tm.tm_year < 1 - 1900 || tm.tm_year > 9999 - 1900)
		return false;
	/* strftime's %z is "+0200"; the format writes the offset "+02:00" */
	if (strftime(zone, sizeof zone, "%z", &tm) != 5)
		return false;
	int n = snprintf(buf, SP_TIMESTAMP_BUFSIZE, "%04d-%02d-%02dT%02d:%02d:%02d%.3s:%s",
	                 tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
	                 tm.tm_sec, zone, zone + 3);
	return n == SP_TIMESTAMP_BUFSIZE - 1 && !*sp_timestamp_problem(buf);
}

json_t *sp_history_entry(time_t at, const char *user, const char *tool, const char *event,
                         const char *const *keys, size_t nkeys)
{
	char when[SP_TIMESTAMP_BUFSIZE];
	if (!user || !*user || !tool || !*tool || !event || !sp_history_event_ok(event) ||
	    (nkeys && !keys)) {
		errno = EINVAL;
		return NULL;
	}
	for (size_t i = 0; i < nkeys; i++) {
		if (!keys[i] || !sp_history_key_ok(keys[i])) {
			errno = EINVAL;
			return NULL;
		}
	}
	if (!format_local(at, when)) {
		errno = EOVERFLOW;
		return NULL;
	}
	json_t *list = json_array();
	for (size_t i = 0; i < nkeys; i++)
		json_array_append_new(list, json_string(keys[i]));
	json_t *user_v = json_string(user), *tool_v = json_string(tool);
	if (!user_v || !tool_v) { /* not UTF-8 */
		json_decref(user_v), json_decref(tool_v), json_decref(list);
		errno = EINVAL;
		return NULL;
	}
	json_t *e = json_object();
	json_object_set_new(e, "at", json_string(when));
	json_object_set_new(e, "user", user_v);
	json_object_set_new(e, "tool", tool_v);
	json_object_set_new(e, "event", json_string(event));
	json_object_set_new(e, "keys", list);
	return e;
}

int sp_history_append(json_t *case_root, json_t *entry)
{
	json_t *list = json_object_get(case_root, "history");
	if (!list || json_is_null(list)) {
		list = json_array();
		/* deleted first, so that a new list goes to the end, where the format shows it */
		json_object_del(case_root, "history");
		json_object_set_new(case_root, "history", list);
	} else if (!json_is_array(list)) {
		json_decref(entry);
		errno = EINVAL;
		return -1;
	}
	json_array_append_new(list, entry);
	return 0;
}

int sp_history_time(time_t *out, char **err)
{
	const char *s = getenv("SOURCE_DATE_EPOCH");
	if (!s) {
		*out = time(NULL);
		return 0;
	}
	long long v = 0;
	bool ok = *s != '\0';
	for (const char *p = s; ok && *p; p++) {
		ok = *p >= '0' && *p <= '9' && v <= (LAST_SECOND - (*p - '0')) / 10;
		if (ok)
			v = v * 10 + (*p - '0');
	}
	if (!ok || (long long)(time_t)v != v) {
		*err = sp_xstrdup(
		    "SOURCE_DATE_EPOCH must be a whole number of seconds since "
		    "1970-01-01 00:00 UTC, up to the year 9999, such as 1792497791 "
		    "(what `date +%s` prints); correct it, or unset it to use the clock");
		return -1;
	}
	*out = (time_t)v;
	return 0;
}

const char *sp_history_user(void)
{
	const char *s = getenv("SAMPLAN_USER");
	if (s && *s)
		return s;
	const struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_name && *pw->pw_name)
		return pw->pw_name;
	s = getenv("LOGNAME");
	if (s && *s)
		return s;
	return "unknown";
}
