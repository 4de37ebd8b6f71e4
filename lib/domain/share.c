/* SPDX-License-Identifier: MIT */
/* share.c — the merged plan as shared with its recipients, within consent (share.h). Every
 * item is judged for each recipient, and shown only when all may see it: a meeting's
 * outline is what each participant could be given alone. */
#include "domain/share.h"
#include "domain/consent.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *sp_lang_name(sp_lang l) { return l == SP_LANG_NN ? "nn" : l == SP_LANG_EN ? "en" : "nb"; }

static sp_lang lang_of(const char *s, bool english)
{
	if (s && strcmp(s, "nn") == 0)
		return SP_LANG_NN;
	return english && s && strcmp(s, "en") == 0 ? SP_LANG_EN : SP_LANG_NB;
}

sp_lang sp_person_lang(const json_t *c)
{
	return lang_of(json_string_value(json_object_get(json_object_get(c, "person"), "language")),
		       true);
}

sp_lang sp_agency_lang(const json_t *agency_node)
{
	return lang_of(json_string_value(json_object_get(agency_node, "language")), false);
}

const json_t *sp_case_meeting_on(const json_t *c, sp_date on)
{
	const json_t *ms = json_object_get(json_object_get(c, "responsibility_group"), "meetings");
	for (size_t i = 0; i < json_array_size(ms); i++) {
		sp_date d;
		const char *s = json_string_value(json_object_get(json_array_get(ms, i), "date"));
		if (s && sp_date_parse(s, &d) && d == on)
			return json_array_get(ms, i);
	}
	return NULL;
}

/* --- who may see what ------------------------------------------------------------------ */

typedef struct {
	const sp_share_opts *o;
	sp_domain_set *seen;    /* per recipient: the domains consent allows on every date */
	size_t n;
} viewers;

static void viewers_init(viewers *v, const json_t *c, const sp_share_opts *o)
{
	v->o = o;
	v->n = o->nwith;
	v->seen = sp_xcalloc(v->n ? v->n : 1, sizeof *v->seen);
	for (size_t r = 0; r < v->n; r++) {
		v->seen[r] = SP_ALL_DOMAINS;
		for (size_t k = 0; k < o->non; k++)
			v->seen[r] &= sp_consent_shared(c, o->with[r], o->on[k]);
	}
}

/* Whether recipient r may see domain d (-1: `other`, which needs consent for every domain). */
static bool may_see(const viewers *v, size_t r, int d)
{
	return d < 0 ? v->seen[r] == SP_ALL_DOMAINS : (v->seen[r] >> d) & 1u;
}

static bool all_see(const viewers *v, int d)
{
	for (size_t r = 0; r < v->n; r++)
		if (!may_see(v, r, d))
			return false;
	return true;
}

/* A measure of a goal not all may see: shown when each recipient may see its domain or is
 * responsible for it (and knows it already). */
static bool all_know(const viewers *v, int d, const json_t *measure)
{
	const char *resp = json_string_value(json_object_get(measure, "responsible"));
	for (size_t r = 0; r < v->n; r++)
		if (!may_see(v, r, d) && !(resp && strcmp(resp, v->o->with[r]) == 0))
			return false;
	return true;
}

/* --- the shared plan ------------------------------------------------------------------- */

typedef struct {
	const viewers *v;
	json_t *ids;   /* the merged plan's goal and measure ids -> the shared plan's */
	json_t *plans; /* the plans that the sources shown name: id -> true */
	size_t measures, matched_goals, matched_measures;
} sharing;

static int domain_of(const json_t *goal)
{
	return sp_domain_parse(json_string_value(json_object_get(goal, "domain")));
}

static void note_sources(sharing *s, const json_t *item)
{
	const json_t *src = json_object_get(item, "sources");
	for (size_t i = 0; i < json_array_size(src); i++) {
		const char *plan = json_string_value(json_object_get(json_array_get(src, i), "plan"));
		if (plan)
			json_object_set_new(s->plans, plan, json_true());
	}
}

/* A measure as shown, numbered n under the goal shown as gid; whole with its sources, or
 * bare (a measure of a goal not shown: its own fields, nothing that leads elsewhere). */
static json_t *shown_measure(sharing *s, const json_t *m, const char *gid, size_t n, bool whole)
{
	char mid[96];
	snprintf(mid, sizeof mid, "%s.%zu", gid, n);
	json_t *out = json_pack("{s:s}", "id", mid);
	static const char *const keys[] = {"text", "responsible", "due", "status", "sources"};
	for (int k = 0; k < (whole ? 5 : 4); k++)
		if (json_object_get(m, keys[k]))
			json_object_set(out, keys[k], json_object_get(m, keys[k]));
	const char *old = json_string_value(json_object_get(m, "id"));
	if (whole && old) {
		json_object_set_new(s->ids, old, json_string(mid));
		note_sources(s, m);
		s->matched_measures += json_array_size(json_object_get(m, "sources")) > 1;
	}
	s->measures++;
	return out;
}

/* The goal as shown with the id gid: whole, or only the measures its recipients know (NULL
 * when there are none: the goal leaves no trace). */
static json_t *shown_goal(sharing *s, const json_t *g, const char *gid)
{
	int d = domain_of(g);
	bool whole = all_see(s->v, d);
	json_t *ms = json_array();
	const json_t *in = json_object_get(g, "measures");
	for (size_t i = 0; i < json_array_size(in); i++) {
		const json_t *m = json_array_get(in, i);
		if (whole || all_know(s->v, d, m))
			json_array_append_new(ms, shown_measure(s, m, gid, json_array_size(ms) + 1, whole));
	}
	if (!whole && !json_array_size(ms)) {
		json_decref(ms);
		return NULL;
	}
	json_t *out = json_pack("{s:s, s:O}", "id", gid, "domain", json_object_get(g, "domain"));
	if (whole) {
		json_object_set(out, "text", json_object_get(g, "text"));
		json_object_set(out, "sources", json_object_get(g, "sources"));
		json_object_set_new(s->ids, json_string_value(json_object_get(g, "id")), json_string(gid));
		note_sources(s, g);
		s->matched_goals += json_array_size(json_object_get(g, "sources")) > 1;
	}
	json_object_set_new(out, "measures", ms);
	return out;
}

/* The goals shown, numbered again within their domain over what is shown. */
static json_t *shown_goals(sharing *s, const json_t *goals)
{
	json_t *out = json_array();
	const char *last = "";
	size_t k = 0;
	for (size_t i = 0; i < json_array_size(goals); i++) {
		const json_t *g = json_array_get(goals, i);
		const char *dom = json_string_value(json_object_get(g, "domain"));
		char gid[64];
		snprintf(gid, sizeof gid, "%s-%zu", dom, strcmp(dom, last) == 0 ? k + 1 : 1);
		json_t *shown = shown_goal(s, g, gid);
		if (!shown)
			continue;
		k = strcmp(dom, last) == 0 ? k + 1 : 1;
		last = dom;
		json_array_append_new(out, shown);
	}
	return out;
}

/* A finding as shown, with the shared plan's ids; NULL when it is about something not shown
 * (or about a domain that not every recipient may see). */
static json_t *shown_finding(const sharing *s, const json_t *f)
{
	json_t *out = json_deep_copy(f);
	static const char *const refs[] = {"measure", "goal"};
	for (int k = 0; k < 2; k++) {
		const json_t *ref = json_object_get(f, refs[k]);
		if (!ref)
			continue;
		json_t *now = json_object_get(s->ids, json_string_value(ref));
		if (!now) {
			json_decref(out);
			return NULL;
		}
		json_object_set(out, refs[k], now);
	}
	const json_t *dom = json_object_get(f, "domain");
	if (dom && !all_see(s->v, sp_domain_parse(json_string_value(dom)))) {
		json_decref(out);
		return NULL;
	}
	return out;
}

static json_t *shown_parts(const sharing *s, const json_t *parts, sp_date *updated)
{
	json_t *out = json_array();
	*updated = SP_DATE_MIN;
	for (size_t i = 0; i < json_array_size(parts); i++) {
		const json_t *p = json_array_get(parts, i);
		if (!json_object_get(s->plans, json_string_value(json_object_get(p, "plan"))))
			continue;
		json_array_append(out, (json_t *)p);
		sp_date u;
		const char *us = json_string_value(json_object_get(p, "updated"));
		if (us && sp_date_parse(us, &u) && u > *updated)
			*updated = u;
	}
	return out;
}

/* The one sentence that says what the plan holds, in the language asked for. */
static json_t *note(const sp_share_opts *o, bool person)
{
	static const char *const own[] = {
	    "Dette er ditt eget eksemplar av hele planen; hver tjeneste får bare se det du har "
	    "samtykket til å dele med tjenesten.",
	    "Dette er ditt eige eksemplar av heile planen; kvar teneste får berre sjå det du har "
	    "samtykt til å dele med tenesta.",
	    "This is your own copy of the whole plan; each service sees only what you have agreed "
	    "to share with it."};
	static const char *const with[] = {
	    "Planen inneholder bare det personen har samtykket til at deles med %s.",
	    "Planen inneheld berre det personen har samtykt til at blir delt med %s."};
	static const char *const meeting[] = {
	    "Planen inneholder bare det personen har samtykket til at deles med alle som deltar i "
	    "møtet.",
	    "Planen inneheld berre det personen har samtykt til at blir delt med alle som deltek i "
	    "møtet."};
	if (person)
		return json_string(own[o->lang]);
	sp_lang l = o->lang == SP_LANG_NN ? SP_LANG_NN : SP_LANG_NB; /* agencies: nb or nn */
	if (!o->name)
		return json_string(meeting[l]);
	char *text = sp_xasprintf(with[l], o->name); /* a long name whole, never cut mid-letter */
	json_t *j = json_string(text);
	free(text);
	return j;
}

static json_t *head(const json_t *c, const sp_share_opts *o, bool person)
{
	char iso[SP_DATE_BUFSIZE];
	json_t *with = json_array();
	for (size_t r = 0; r < o->nwith; r++)
		json_array_append_new(with, json_string(o->with[r]));
	json_t *doc = json_pack("{s:i, s:s, s:O, s:s, s:o}", "samplan", 1, "kind", "shared_plan",
				"case", json_object_get(c, "id"), "as_of",
				sp_date_format(o->as_of, iso), "shared_with", with);
	if (o->meeting) {
		json_t *m = json_pack("{s:O}", "date", json_object_get(o->meeting, "date"));
		if (json_object_get(o->meeting, "time"))
			json_object_set(m, "time", json_object_get(o->meeting, "time"));
		json_object_set_new(doc, "meeting", m);
	}
	json_object_set_new(doc, "language", json_string(sp_lang_name(person ? o->lang
				  : o->lang == SP_LANG_NN ? SP_LANG_NN : SP_LANG_NB)));
	json_object_set_new(doc, "note", note(o, person));
	return doc;
}

json_t *sp_plan_share(const json_t *c, const sp_share_opts *o)
{
	viewers v;
	viewers_init(&v, c, o);
	bool person = o->nwith == 1 && strcmp(o->with[0], SP_RECIPIENT_PERSON) == 0;
	sharing s = {&v, json_object(), json_object(), 0, 0, 0};
	const json_t *ip = json_object_get(c, "individual_plan");
	json_t *goals = shown_goals(&s, json_object_get(ip, "goals"));
	json_t *findings = json_array();
	const json_t *fs = json_object_get(json_object_get(c, "merge_report"), "findings");
	for (size_t i = 0; i < json_array_size(fs); i++) {
		json_t *f = shown_finding(&s, json_array_get(fs, i));
		if (f)
			json_array_append_new(findings, f);
	}
	sp_date updated;
	json_t *parts = shown_parts(&s, json_object_get(ip, "parts"), &updated);
	char ubuf[SP_DATE_BUFSIZE];
	json_t *plan = json_pack("{s:O, s:o, s:o, s:o}", "owner", json_object_get(ip, "owner"),
				 "updated", updated != SP_DATE_MIN ? json_string(sp_date_format(updated, ubuf))
								  : json_null(),
				 "parts", parts, "goals", goals);
	json_t *report = json_pack("{s:I, s:I, s:I, s:I, s:I, s:o}", "plans",
				   (json_int_t)json_array_size(parts), "goals",
				   (json_int_t)json_array_size(goals), "matched_goals",
				   (json_int_t)s.matched_goals, "measures", (json_int_t)s.measures,
				   "matched_measures", (json_int_t)s.matched_measures, "findings", findings);
	json_t *doc = head(c, o, person);
	json_object_set_new(doc, "individual_plan", plan);
	json_object_set_new(doc, "merge_report", report);
	json_decref(s.ids);
	json_decref(s.plans);
	free(v.seen);
	return doc;
}
