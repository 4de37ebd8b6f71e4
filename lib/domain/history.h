/* SPDX-License-Identifier: MIT */
/* history.h — a case's `history`: the entry a tool appends when it edits a case in place
 * (when, who, which tool, what kind of edit, which keys; never a value), and where the time
 * and the user of that entry come from (samplan-case(5)).
 * Layer: domain; may include base, doc and domain. */
#ifndef SP_HISTORY_H
#define SP_HISTORY_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <time.h>

/**
 * One history entry, its keys in this order:
 *   at: at as local time with its offset, "2026-10-20T14:03:11+02:00" ("+00:00" in UTC)
 *   user, tool, event: as given
 *   keys: keys[0..nkeys) in the given order (an empty list when nkeys is 0)
 * event is lower-case letters, digits and `-` (sp_history_event_ok()); each key is a dotted
 * key path such as "handovers.0.confirmed" (sp_history_key_ok()); user and tool are not
 * empty, and every string is UTF-8.
 * Returns a new reference (caller frees with json_decref()), or NULL with errno EINVAL when
 * an argument breaks these rules, or EOVERFLOW when at is not a local time in the years
 * 0001–9999.
 */
json_t *sp_history_entry(time_t at, const char *user, const char *tool, const char *event,
                         const char *const *keys, size_t nkeys);

/**
 * Append entry to the case's `history` list, creating the list (as the case's last key)
 * when it is absent or null. Takes the reference to entry whatever happens.
 * Returns 0, or -1 with errno EINVAL when `history` is there but not a list.
 */
int sp_history_append(json_t *case_root, json_t *entry);

/**
 * The time of an entry: SOURCE_DATE_EPOCH when it is set (a whole number of seconds since
 * 1970-01-01 00:00 UTC, as `date +%s` writes it: for reproducible runs and tests), else
 * the clock, time(NULL).
 * Returns 0 with *out set; or -1 with *err a message that says what to write (caller frees
 * with free()) when SOURCE_DATE_EPOCH is set but not such a number, or is past 9999.
 */
int sp_history_time(time_t *out, char **err);

/**
 * The user of an entry: SAMPLAN_USER when it is set and not empty (for scripts and tests;
 * a tool's `--user` option may override it later), else the login name of the real user
 * (getpwuid(getuid())), else LOGNAME when set and not empty, else "unknown". Never NULL.
 * The string is the environment's or the C library's: it stays valid until the
 * environment changes or getpwuid() is called again; copy it to keep it. Not thread-safe.
 */
const char *sp_history_user(void);

/** Whether s is an event name: one or more lower-case letters, digits and `-`. */
bool sp_history_event_ok(const char *s);

/**
 * Whether s is a dotted key path: keys and list indexes ([A-Za-z0-9_]+) joined by single
 * dots, such as "handovers.0.confirmed_by"; not empty, no dot at either end.
 */
bool sp_history_key_ok(const char *s);

#endif
