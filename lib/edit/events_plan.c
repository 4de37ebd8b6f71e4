/* SPDX-License-Identifier: MIT */
/* events_plan.c — the screening matrix answered row by row and completed, and a plan's
 * measure moved on (events.h).
 *
 * A screening is written whole the first time (its date, the person's wish for follow-up
 * and the eight domains): the editing engine allows no edit that brings in a problem, and a
 * screening begun by one row or by its date alone would lack required keys or domains. So
 * both screening events work on a case that has a screening, and refuse one without. */
#include "edit/events.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* yes: 1, no: 0; -1 with a refusal naming opt. */
static int yes_no(const sp_doc *doc, sp_diags *diags, const char *opt, const char *text)
{
	if (strcmp(text, "yes") == 0)
		return 1;
	if (strcmp(text, "no") == 0)
		return 0;
	sp_ev_refuse(doc, diags, "", "%s: answer yes or no", opt);
	return -1;
}

static const char *const need_names[] = {"contact", "assessment", "measures"}; /* SP_NEED_* */
enum { NNEEDS = sizeof need_names / sizeof *need_names };

/* --needs "contact,assessment" (or none) into SP_NEED_* bits; false with a refusal. */
static bool parse_needs(const sp_doc *doc, sp_diags *diags, const char *text, unsigned *out)
{
	*out = 0;
	if (strcmp(text, "none") == 0)
		return true;
	char *copy = sp_xstrdup(text), *rest = copy, *item;
	bool ok = true;
	while (ok && (item = strsep(&rest, ","))) {
		item += strspn(item, " ");
		size_t len = strcspn(item, " "), k = 0;
		while (k < NNEEDS && !(strlen(need_names[k]) == len && strncmp(item, need_names[k], len) == 0))
			k++;
		ok = k < NNEEDS && item[len + strspn(item + len, " ")] == '\0';
		if (ok)
			*out |= 1u << k;
	}
	free(copy);
	if (!ok)
		sp_ev_refuse(doc, diags, "", "--needs: list what more help is needed, of contact, "
					     "assessment and measures, separated by commas "
					     "(contact,assessment); or write none");
	return ok;
}

static json_t *needs_json(unsigned needs)
{
	json_t *list = json_array();
	for (size_t k = 0; k < NNEEDS; k++)
		if (needs & (1u << k))
			json_array_append_new(list, json_string(need_names[k]));
	return list;
}

static int no_screening(const sp_doc *doc, sp_diags *diags)
{
	return sp_ev_refuse(doc, diags, "", "the case has no screening yet; begin it with "
					    "screening-completed (its date, who screened and the "
					    "person's wish for follow-up), then answer each domain with "
					    "screening-domain");
}

/* The domains of the screening s with no answers, domain `but` excepted. */
static int unanswered(const sp_screening *s, int but)
{
	int n = 0;
	for (int d = 0; d < SP_DOMAIN_COUNT; d++)
		n += d != but && !s->d[d].present;
	return n;
}

/* Set key of the screening's row `name` to value (stolen) unless it has it already (absent
 * is null). */
static void change(sp_event_out *out, const json_t *old, json_t *value, const char *name,
		   const char *key)
{
	if (json_equal(old ? old : json_null(), value))
		json_decref(value);
	else
		sp_ev_set(out, value, "screening.domains.%s.%s", name, key);
}

static int screening_domain(const sp_doc *doc, const sp_event_args *a, sp_event_out *out,
			    sp_diags *diags)
{
	int d = sp_ev_domain(doc, diags, "--domain", a->domain), past, current;
	unsigned needs = 0;
	if (d < 0 || (past = yes_no(doc, diags, "--past", a->past)) < 0 ||
	    (current = yes_no(doc, diags, "--current", a->current)) < 0 ||
	    (a->needs && !parse_needs(doc, diags, a->needs, &needs)))
		return -1;
	if (a->contact && !*a->contact)
		return sp_ev_refuse(doc, diags, "", "--contact: say who already helps (a name, a "
						    "service or an agency id), or write none");
	if (a->note && !*a->note)
		return sp_ev_refuse(doc, diags, "", "--note: the note is empty; leave --note out, "
						    "or write the note");
	sp_screening s;
	sp_case_screening(doc->root, &s);
	if (!s.present)
		return no_screening(doc, diags);
	const char *name = sp_domain_name((sp_domain)d);
	bool none = a->contact && strcmp(a->contact, "none") == 0;
	json_t *contact = !a->contact ? NULL : none ? json_null() : json_string(a->contact);
	sp_domain_answers row = s.d[d]; /* the row as the event leaves it, for the words */
	if (!row.present) {
		json_t *v = json_pack("{sb sb so so}", "past", past, "current", current, "contact",
				      contact ? contact : json_null(), "needs", needs_json(needs));
		if (a->note)
			json_object_set_new(v, "note", json_string(a->note));
		sp_ev_set(out, v, "screening.domains.%s", name);
	} else { /* a row answered before: the answers that differ replace theirs */
		const json_t *old = json_object_get(json_object_get(doc->root, "screening"), "domains");
		old = json_object_get(old, name);
		change(out, json_object_get(old, "past"), json_boolean(past), name, "past");
		change(out, json_object_get(old, "current"), json_boolean(current), name, "current");
		if (contact)
			change(out, json_object_get(old, "contact"), contact, name, "contact");
		if (a->needs && needs != row.needs)
			sp_ev_set(out, needs_json(needs), "screening.domains.%s.needs", name);
		if (a->note)
			change(out, json_object_get(old, "note"), json_string(a->note), name, "note");
		char key[64];
		snprintf(key, sizeof key, "screening.domains.%s", name);
		if (!out->n)
			return sp_ev_refuse(doc, diags, key, "the domain has these answers already; "
							     "nothing to record");
	}
	if (!row.present || a->contact)
		row.has_contact = a->contact && !none;
	if (!row.present || a->needs)
		row.needs = needs;
	row.present = true;
	row.past = past;
	row.current = current;
	int left = unanswered(&s, d);
	char rest[96] = "";
	if (left)
		snprintf(rest, sizeof rest, "; %d other domain%s no answers yet", left,
			 left == 1 ? " has" : "s have");
	sp_ev_say(out, "screening: %s answered, %s%s", name,
		  sp_domain_is_need(&row) ? "a need" : "not a need", rest);
	return 0;
}

static int screening_completed(const sp_doc *doc, const sp_event_args *a, sp_event_out *out,
			       sp_diags *diags)
{
	int wants = yes_no(doc, diags, "--wants-follow-up", a->wants);
	if (wants < 0)
		return -1;
	if (!*a->by)
		return sp_ev_refuse(doc, diags, "", "--by: give the name of who did the screening");
	/* not sp_ev_when(): a screening may come up to 30 days before the sentence begins */
	sp_case_info info;
	if (sp_case_info_get(doc->root, &info) && a->date < info.start - 30)
		return sp_ev_refuse(doc, diags, "sentence.start", "--date: a screening cannot be dated "
								  "more than 30 days before the sentence "
								  "began; give the date of the screening");
	sp_screening s;
	sp_case_screening(doc->root, &s);
	char iso[SP_DATE_BUFSIZE];
	if (!s.present) {
		/* the screening begins here: its rows come one by one with screening-domain */
		sp_ev_set(out, json_pack("{ss ss sb s{}}", "date", sp_ev_iso(a->date, iso), "by", a->by,
					 "wants_follow_up", wants, "domains"),
			  "screening");
		sp_ev_say(out, "screening begun on %s, the person %s follow-up; no domain has answers "
			       "yet: record them with screening-domain",
			  iso, wants ? "wants" : "does not want");
		return 0;
	}
	const json_t *scr = json_object_get(doc->root, "screening");
	const struct {
		const char *key;
		json_t *value;
	} keys[] = {{"date", json_string(sp_ev_iso(a->date, iso))},
		    {"by", json_string(a->by)},
		    {"wants_follow_up", json_boolean(wants)}};
	for (size_t k = 0; k < sizeof keys / sizeof *keys; k++) /* those that differ */
		if (json_equal(json_object_get(scr, keys[k].key), keys[k].value))
			json_decref(keys[k].value);
		else
			sp_ev_set(out, keys[k].value, "screening.%s", keys[k].key);
	if (!out->n)
		return sp_ev_refuse(doc, diags, "screening", "the screening has this date, --by and "
							     "wish for follow-up already; nothing to "
							     "record");
	int left = unanswered(&s, -1);
	char rest[96] = "";
	if (left)
		snprintf(rest, sizeof rest, "; %d domain%s no answers yet: record %s with "
					    "screening-domain", left, left == 1 ? " has" : "s have",
			 left == 1 ? "it" : "them");
	sp_ev_say(out, "screening completed on %s, the person %s follow-up%s", iso,
		  wants ? "wants" : "does not want", rest);
	return 0;
}

static const char *const statuses[] = {"planned", "in_progress", "done", "cancelled",
				       NULL}; /* sp_measure_status */

static int measure_status(const sp_doc *doc, const sp_event_args *a, sp_event_out *out,
			  sp_diags *diags)
{
	int st = sp_ev_choice(doc, diags, "--status", a->status, statuses);
	if (st < 0)
		return -1;
	const json_t *c = doc->root;
	size_t np = sp_case_plan_count(c), p;
	sp_plan plan = {0};
	for (p = 0; p < np; p++)
		if (sp_case_plan(c, p, &plan) && plan.id && strcmp(plan.id, a->plan) == 0)
			break;
	if (p == np)
		return sp_ev_refuse(doc, diags, "plans", "--plan: the case has no plan with this id; "
							 "give the id of a plan in its `plans`");
	size_t ng = sp_plan_goal_count(&plan);
	for (size_t g = 0; g < ng; g++) {
		sp_goal goal;
		if (!sp_plan_goal(&plan, g, &goal))
			continue;
		size_t nm = sp_goal_measure_count(&goal);
		for (size_t m = 0; m < nm; m++) {
			sp_measure ms;
			if (!sp_goal_measure(&goal, m, &ms) || !ms.id || strcmp(ms.id, a->measure) != 0)
				continue;
			char key[96];
			snprintf(key, sizeof key, "plans.%zu.goals.%zu.measures.%zu", p, g, m);
			if (ms.status == (sp_measure_status)st)
				return sp_ev_refuse(doc, diags, key, "--status: the measure has this "
								     "status already%s; nothing to record",
						    json_object_get(ms.node, "status")
							? ""
							: " (it has none, which means planned)");
			sp_ev_set(out, json_string(statuses[st]), "%s.status", key);
			sp_ev_say(out, "measure %s of plan %s: %s", ms.id, plan.id, statuses[st]);
			return 0;
		}
	}
	char key[48];
	snprintf(key, sizeof key, "plans.%zu", p);
	return sp_ev_refuse(doc, diags, key, "--measure: the plan has no measure with this id; "
					     "give the id of a measure in its goals' `measures`");
}

const sp_event sp_events_plan[] = {
    {"screening-domain", "domain! past! current! contact needs note",
     "one row of a screening: earlier and current problems, contact, needs",
     screening_domain},
    {"screening-completed", "by! wants-follow-up! date",
     "a screening done: when, by whom, the person's wish for follow-up",
     screening_completed},
    {"measure-status", "plan! measure! status!", "a plan's measure planned, in progress, done or "
						 "cancelled",
     measure_status},
};
const size_t sp_events_plan_n = sizeof sp_events_plan / sizeof *sp_events_plan;
