/* SPDX-License-Identifier: MIT */
/* replay.c — a case as it stood on a date (samplan-indicators(1), "Replay"). Each part of
 * the case is copied only when something in it changes; the rest is shared. */
#include "domain/replay.h"

#include <string.h>

/* Whether o[key] is a date after d. A key without a date is not after anything. */
static bool after(const json_t *o, const char *key, sp_date d)
{
	const char *s = json_string_value(json_object_get(o, key));
	sp_date v;
	return s && sp_date_parse(s, &v) && v > d;
}

/* The copy of *o to change, made on the first change (*o is then the copy, owned by the
 * caller through *copy). */
static json_t *writable(json_t **copy, const json_t *o)
{
	if (!*copy)
		*copy = json_copy((json_t *)o);
	return *copy;
}

/* What one item of a list becomes on d: NULL to drop it; else a new reference, the item
 * itself when it is unchanged. */
typedef json_t *(*item_fn)(const json_t *item, sp_date d);

/* The list of key `key` of obj with each item through fn; set in *out (copied on the first
 * change) only when some item changed or was dropped. */
static void list_as_of(json_t **out, const json_t *obj, const char *key, sp_date d, item_fn fn)
{
	const json_t *list = json_object_get(obj, key);
	if (!json_is_array(list))
		return;
	json_t *kept = json_array();
	bool changed = false;
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *it = json_array_get(list, i);
		json_t *now = json_is_object(it) ? fn(it, d) : json_incref((json_t *)it);
		changed |= now != it;
		if (now)
			json_array_append_new(kept, now);
	}
	if (changed)
		json_object_set(writable(out, obj), key, kept);
	json_decref(kept);
}

/* An item with the keys of `keys` (NULL-terminated) deleted when `when` is after d. */
static json_t *undo(const json_t *it, const char *when, sp_date d, const char *const *keys)
{
	if (!after(it, when, d))
		return json_incref((json_t *)it);
	json_t *c = json_copy((json_t *)it);
	for (; *keys; keys++)
		json_object_del(c, *keys);
	return c;
}

static json_t *consent_on(const json_t *k, sp_date d)
{
	static const char *const withdrawal[] = {"withdrawn", NULL};
	return after(k, "given", d) ? NULL : undo(k, "withdrawn", d, withdrawal);
}

static json_t *letter_on(const json_t *l, sp_date d)
{
	if (after(l, "date", d))
		return NULL;
	const json_t *r = json_object_get(l, "response");
	if (!after(r, "date", d))
		return json_incref((json_t *)l);
	json_t *c = json_copy((json_t *)l);
	json_object_del(c, "response"); /* no answer yet on d */
	return c;
}

static json_t *handover_on(const json_t *h, sp_date d)
{
	static const char *const confirmation[] = {"confirmed", "confirmed_by", "starts",
						   "contact", NULL};
	static const char *const refusal[] = {"declined", NULL};
	if (after(h, "requested", d))
		return NULL;
	json_t *c = undo(h, "confirmed", d, confirmation), *r = undo(c, "declined", d, refusal);
	json_decref(c);
	return r;
}

static json_t *meeting_on(const json_t *m, sp_date d)
{
	return after(m, "date", d) ? NULL : json_incref((json_t *)m);
}

static json_t *programme_on(const json_t *p, sp_date d)
{
	return after(p, "from", d) ? NULL : json_incref((json_t *)p);
}

/* A history entry's `at` is a local time: its date is its first ten characters. */
static json_t *history_on(const json_t *e, sp_date d)
{
	const char *at = json_string_value(json_object_get(e, "at"));
	char day[SP_DATE_BUFSIZE];
	sp_date v;
	if (at && strlen(at) >= 10) {
		memcpy(day, at, 10);
		day[10] = '\0';
		if (sp_date_parse(day, &v) && v > d)
			return NULL;
	}
	return json_incref((json_t *)e);
}

/* ip: a request after d is not yet made, and a plan not yet asked for is not requested,
 * in progress or established; a coordinator appointed after d is not yet there. */
static void ip_on(json_t **out, const json_t *c, sp_date d)
{
	const json_t *ip = json_object_get(c, "ip");
	if (!json_is_object(ip))
		return;
	json_t *copy = NULL;
	if (after(ip, "requested", d)) {
		const char *st = json_string_value(json_object_get(ip, "status"));
		json_object_del(writable(&copy, ip), "requested");
		if (st && (!strcmp(st, "requested") || !strcmp(st, "in_progress") ||
			   !strcmp(st, "established")))
			json_object_set_new(copy, "status", json_string("none"));
	}
	if (after(json_object_get(ip, "coordinator"), "appointed", d))
		json_object_del(writable(&copy, ip), "coordinator");
	if (copy)
		json_object_set_new(writable(out, c), "ip", copy);
}

static void group_on(json_t **out, const json_t *c, sp_date d)
{
	const json_t *g = json_object_get(c, "responsibility_group");
	if (!json_is_object(g))
		return;
	if (after(g, "established", d)) {
		json_object_del(writable(out, c), "responsibility_group");
		return;
	}
	json_t *copy = NULL;
	list_as_of(&copy, g, "meetings", d, meeting_on);
	if (copy)
		json_object_set_new(writable(out, c), "responsibility_group", copy);
}

json_t *sp_case_as_of(const json_t *c, sp_date d)
{
	if (after(json_object_get(c, "sentence"), "start", d))
		return NULL;
	json_t *out = NULL;
	if (after(json_object_get(c, "screening"), "date", d))
		json_object_del(writable(&out, c), "screening");
	list_as_of(&out, c, "consents", d, consent_on);
	ip_on(&out, c, d);
	group_on(&out, c, d);
	list_as_of(&out, c, "letters", d, letter_on);
	list_as_of(&out, c, "handovers", d, handover_on);
	list_as_of(&out, c, "programmes", d, programme_on);
	list_as_of(&out, c, "history", d, history_on);
	return out ? out : json_incref((json_t *)c);
}
