/* SPDX-License-Identifier: MIT */
/* events_group.c — the responsibility group established, its members and meetings, and the
 * programmes the person takes part in (events.h). */
#include "edit/events.h"
#include "base/util.h"

#include <string.h>

static const char *text_of(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static bool same(const char *a, const char *b) { return a && b && strcmp(a, b) == 0; }

static bool date_at(const json_t *o, const char *key, sp_date *d)
{
	const char *t = text_of(o, key);
	return t && sp_date_parse(t, d);
}

static int group_established(const sp_doc *doc, const sp_event_args *a, sp_event_out *out,
			     sp_diags *diags)
{
	if (!sp_ev_when(doc, a, diags))
		return -1;
	sp_ip ip;
	sp_case_ip(doc->root, &ip);
	char iso[SP_DATE_BUFSIZE];
	if (ip.has_group)
		return sp_ev_refuse(doc, diags, "responsibility_group.established",
				    "the responsibility group was established already; to change "
				    "the date, edit it by hand");
	sp_ev_set(out, json_string(sp_ev_iso(a->date, iso)), "responsibility_group.established");
	sp_ev_say(out, "responsibility group established on %s", iso);
	return 0;
}

static int group_member(const sp_doc *doc, const sp_event_args *a, sp_event_out *out,
			sp_diags *diags)
{
	if (!sp_ev_agency(doc, a, diags, "--agency", a->agency))
		return -1;
	const json_t *members =
	    json_object_get(json_object_get(doc->root, "responsibility_group"), "members");
	size_t i;
	const json_t *m;
	json_array_foreach(members, i, m) {
		if (same(text_of(m, "name"), a->name) && same(text_of(m, "agency"), a->agency)) {
			char key[64];
			snprintf(key, sizeof key, "responsibility_group.members.%zu", i);
			return sp_ev_refuse(doc, diags, key, "--name, --agency: the group has this "
							     "member already; to change the role, edit "
							     "it by hand");
		}
	}
	json_t *member = json_pack("{ss ss}", "name", a->name, "agency", a->agency);
	if (a->role)
		json_object_set_new(member, "role", json_string(a->role));
	sp_ev_append(out, member, "responsibility_group.members");
	sp_ev_say(out, "%s of %s joined the responsibility group%s%s", a->name, a->agency,
		  a->role ? " as " : "", a->role ? a->role : "");
	return 0;
}

/* "HH:MM" from 00:00 to 23:59, as the format has it. */
static bool time_of_day(const char *t)
{
	return strlen(t) == 5 && t[0] >= '0' && t[0] <= '2' && t[1] >= '0' && t[1] <= '9' &&
	       (t[0] < '2' || t[1] <= '3') && t[2] == ':' && t[3] >= '0' && t[3] <= '5' &&
	       t[4] >= '0' && t[4] <= '9';
}

/* The meeting already recorded on the same day (at the same time, when both say one), or
 * -1: recording it again would count it twice. */
static long meeting_on(const json_t *c, sp_date day, const char *time)
{
	const json_t *meetings =
	    json_object_get(json_object_get(c, "responsibility_group"), "meetings");
	size_t i;
	const json_t *m;
	json_array_foreach(meetings, i, m) {
		sp_date d;
		const char *t = text_of(m, "time");
		if (date_at(m, "date", &d) && d == day &&
		    (!t || !time || strcmp(t, time) == 0))
			return (long)i;
	}
	return -1;
}

static int meeting(const sp_doc *doc, const sp_event_args *a, sp_event_out *out,
		   sp_diags *diags)
{
	/* a meeting may be planned: only the sentence's start bounds its date */
	if (!sp_ev_when(doc, a, diags))
		return -1;
	if (a->time && !time_of_day(a->time))
		return sp_ev_refuse(doc, diags, "", "--time: not a time of day; write HH:MM from "
						    "00:00 to 23:59, such as 13:00");
	json_t *participants = json_array();
	for (size_t i = 0; i < a->nlist; i++) {
		char opt[48] = "--participant";
		if (a->nlist > 1) /* which one, without repeating what was given */
			snprintf(opt, sizeof opt, "--participant #%zu", i + 1);
		if (!sp_ev_agency(doc, a, diags, opt, a->list[i])) {
			json_decref(participants);
			return -1;
		}
		bool seen = false;
		for (size_t k = 0; k < i; k++)
			seen = seen || strcmp(a->list[k], a->list[i]) == 0;
		if (!seen)
			json_array_append_new(participants, json_string(a->list[i]));
	}
	char iso[SP_DATE_BUFSIZE];
	long dup = meeting_on(doc->root, a->date, a->time);
	if (dup >= 0) {
		json_decref(participants);
		char key[64];
		snprintf(key, sizeof key, "responsibility_group.meetings.%ld", dup);
		return sp_ev_refuse(doc, diags, key, "a meeting on that day is recorded already; "
						     "to change it, edit it by hand");
	}
	json_t *m = json_pack("{ss}", "date", sp_ev_iso(a->date, iso));
	if (a->time)
		json_object_set_new(m, "time", json_string(a->time));
	if (json_array_size(participants))
		json_object_set(m, "participants", participants);
	if (a->note)
		json_object_set_new(m, "note", json_string(a->note));
	json_decref(participants);
	sp_ev_append(out, m, "responsibility_group.meetings");
	sp_ev_say(out, "meeting %s %s%s%s", a->date <= a->as_of ? "held on" : "planned for", iso,
		  a->time ? " at " : "", a->time ? a->time : "");
	return 0;
}

/* The programme named name that is running (begun, not ended), the last listed; or -1. */
static long running(const json_t *c, const char *name)
{
	long found = -1;
	size_t i;
	const json_t *p;
	json_array_foreach(json_object_get(c, "programmes"), i, p)
		if (same(text_of(p, "name"), name) && json_is_string(json_object_get(p, "from")) &&
		    !json_is_string(json_object_get(p, "to")))
			found = (long)i;
	return found;
}

static int programme_started(const sp_doc *doc, const sp_event_args *a, sp_event_out *out,
			     sp_diags *diags)
{
	if (!sp_ev_when(doc, a, diags))
		return -1;
	char iso[SP_DATE_BUFSIZE];
	long i = running(doc->root, a->name);
	if (i >= 0) {
		char key[64];
		snprintf(key, sizeof key, "programmes.%ld", i);
		return sp_ev_refuse(doc, diags, key, "--name: a programme of this name is running "
						     "already (from %s); record its end first with "
						     "programme-ended",
				    text_of(json_array_get(json_object_get(doc->root, "programmes"),
							   (size_t)i), "from"));
	}
	sp_ev_append(out, json_pack("{ss ss}", "name", a->name, "from", sp_ev_iso(a->date, iso)),
		     "programmes");
	sp_ev_say(out, "programme %s started on %s", a->name, iso);
	return 0;
}

static int programme_ended(const sp_doc *doc, const sp_event_args *a, sp_event_out *out,
			   sp_diags *diags)
{
	if (!sp_ev_when(doc, a, diags))
		return -1;
	long i = running(doc->root, a->name);
	if (i < 0)
		return sp_ev_refuse(doc, diags, "programmes", "--name: no programme of this name is "
							      "running (begun and not ended); check "
							      "the name, or record its start with "
							      "programme-started");
	char iso[SP_DATE_BUFSIZE], key[64];
	snprintf(key, sizeof key, "programmes.%ld", i);
	sp_date from;
	if (date_at(json_array_get(json_object_get(doc->root, "programmes"), (size_t)i), "from",
		    &from) &&
	    a->date < from)
		return sp_ev_refuse(doc, diags, key, "--date: the programme cannot end before it "
						     "began; give the date it ended");
	sp_ev_set(out, json_string(sp_ev_iso(a->date, iso)), "programmes.%ld.to", i);
	sp_ev_say(out, "programme %s ended on %s", a->name, iso);
	return 0;
}

const sp_event sp_events_group[] = {
    {"group-established", "date", "the responsibility group established", group_established},
    {"group-member", "name! agency! role", "a member joined the responsibility group",
     group_member},
    {"meeting", "date time participant* note", "a meeting of the responsibility group, held or planned",
     meeting},
    {"programme-started", "name! date", "the person began a programme", programme_started},
    {"programme-ended", "name! date", "the person ended a programme", programme_ended},
};
const size_t sp_events_group_n = sizeof sp_events_group / sizeof *sp_events_group;
