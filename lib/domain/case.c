/* SPDX-License-Identifier: MIT */
/* case.c — typed views of the case model and the agencies registry. */
#include "domain/case.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

static const char *const domain_names[SP_DOMAIN_COUNT] = {
    "physical_health", "mental_health", "substance_use", "housing",
    "finances",        "family",        "legal",         "work_education"};

const char *sp_domain_name(sp_domain d) { return d < SP_DOMAIN_COUNT ? domain_names[d] : "?"; }

static int lookup(const char *s, const char *const *names, int n)
{
	if (!s)
		return -1;
	for (int i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return i;
	return -1;
}

int sp_domain_parse(const char *s) { return lookup(s, domain_names, SP_DOMAIN_COUNT); }

/* --- small getters ------------------------------------------------------------------- */

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static bool date_of(const json_t *o, const char *key, sp_date *out)
{
	const char *s = str(o, key);
	return s && sp_date_parse(s, out);
}

/* Item i of the list arr when it is a mapping, else NULL; *out (of size bytes), which the
 * caller fills from it, is cleared first. */
static const json_t *item(const json_t *arr, size_t i, void *out, size_t size)
{
	memset(out, 0, size);
	const json_t *e = json_array_get(arr, i);
	return json_is_object(e) ? e : NULL;
}

/* The same for the list c[list]. */
static const json_t *entry(const json_t *c, const char *list, size_t i, void *out, size_t size)
{
	return item(json_object_get(c, list), i, out, size);
}

static bool flag(const json_t *o, const char *key) { return json_is_true(json_object_get(o, key)); }

static int enum_of(const json_t *o, const char *key, const char *const *names, int n, int dflt)
{
	int v = lookup(str(o, key), names, n);
	return v < 0 ? dflt : v;
}

/* --- case ---------------------------------------------------------------------------- */

bool sp_case_info_get(const json_t *c, sp_case_info *out)
{
	static const char *const types[] = {"prison", "community_sentence", "electronic_monitoring",
					    "preventive_detention", "remand"};
	memset(out, 0, sizeof *out);
	const json_t *person = json_object_get(c, "person");
	const json_t *home = json_object_get(person, "home_municipality");
	const json_t *unit = json_object_get(c, "unit");
	const json_t *sent = json_object_get(c, "sentence");
	out->id = str(c, "id");
	out->person_name = str(person, "name");
	out->municipality = str(home, "number");
	out->municipality_name = str(home, "name");
	out->unit_id = str(unit, "id");
	out->unit_name = str(unit, "name");
	const char *ut = str(unit, "type");
	out->unit_is_probation_office = ut && strcmp(ut, "probation_office") == 0;
	out->sentence_type = (sp_sentence_type)enum_of(sent, "type", types, 5, SP_SENTENCE_PRISON);
	bool ok = date_of(sent, "start", &out->start);
	out->has_release = date_of(sent, "release", &out->release);
	out->supervision_after_release = flag(sent, "supervision_after_release");
	return ok && out->id && out->person_name && out->municipality && out->unit_id;
}

void sp_case_screening(const json_t *c, sp_screening *out)
{
	static const char *const needs[] = {"contact", "assessment", "measures"};
	memset(out, 0, sizeof *out);
	const json_t *s = json_object_get(c, "screening");
	if (!json_is_object(s))
		return;
	out->present = true;
	date_of(s, "date", &out->date);
	out->wants_follow_up = flag(s, "wants_follow_up");
	const json_t *doms = json_object_get(s, "domains");
	for (int d = 0; d < SP_DOMAIN_COUNT; d++) {
		const json_t *a = json_object_get(doms, domain_names[d]);
		if (!json_is_object(a))
			continue;
		sp_domain_answers *x = &out->d[d];
		x->present = true;
		x->past = flag(a, "past");
		x->current = flag(a, "current");
		const json_t *contact = json_object_get(a, "contact");
		x->has_contact = json_is_string(contact) && json_string_length(contact) > 0;
		const json_t *list = json_object_get(a, "needs");
		for (size_t i = 0; i < json_array_size(list); i++) {
			int n = lookup(json_string_value(json_array_get(list, i)), needs, 3);
			if (n >= 0)
				x->needs |= 1u << n;
		}
	}
}

bool sp_domain_is_need(const sp_domain_answers *a)
{
	return a->present && (a->needs != 0 || (a->current && !a->has_contact));
}

size_t sp_case_consent_count(const json_t *c) { return json_array_size(json_object_get(c, "consents")); }

bool sp_case_consent(const json_t *c, size_t i, sp_consent *out)
{
	const json_t *k = entry(c, "consents", i, out, sizeof *out);
	if (!k)
		return false;
	out->recipient = str(k, "recipient");
	const json_t *doms = json_object_get(k, "domains");
	for (size_t j = 0; j < json_array_size(doms); j++) {
		const char *d = json_string_value(json_array_get(doms, j));
		if (d && strcmp(d, "all") == 0)
			out->domains = SP_ALL_DOMAINS;
		else if (sp_domain_parse(d) >= 0)
			out->domains |= 1u << sp_domain_parse(d);
	}
	out->has_expires = date_of(k, "expires", &out->expires);
	out->has_withdrawn = date_of(k, "withdrawn", &out->withdrawn);
	return date_of(k, "given", &out->given) && out->recipient;
}

void sp_case_ip(const json_t *c, sp_ip *out)
{
	static const char *const st[] = {"none", "requested", "refused_by_person", "in_progress",
					 "established"};
	memset(out, 0, sizeof *out);
	const json_t *ip = json_object_get(c, "ip");
	out->status = (sp_ip_status)enum_of(ip, "status", st, 5, SP_IP_NONE);
	out->has_requested = date_of(ip, "requested", &out->requested);
	const json_t *co = json_object_get(ip, "coordinator");
	out->coordinator_name = str(co, "name");
	out->coordinator_agency = str(co, "agency");
	out->has_appointed = date_of(co, "appointed", &out->appointed);
	const json_t *g = json_object_get(c, "responsibility_group");
	if (!json_is_object(g))
		return;
	out->has_group = date_of(g, "established", &out->group_established);
	out->group_members = json_array_size(json_object_get(g, "members"));
	const json_t *meetings = json_object_get(g, "meetings");
	out->group_meetings = json_array_size(meetings);
	for (size_t i = 0; i < out->group_meetings; i++) {
		sp_date d;
		if (date_of(json_array_get(meetings, i), "date", &d) &&
		    (!out->has_first_meeting || d < out->first_meeting)) {
			out->first_meeting = d;
			out->has_first_meeting = true;
		}
	}
}

size_t sp_case_plan_count(const json_t *c) { return json_array_size(json_object_get(c, "plans")); }

bool sp_case_plan(const json_t *c, size_t i, sp_plan *out)
{
	static const char *const types[] = {"future_plan", "individual_plan", "activity_plan",
					    "health_plan", "other"};
	const json_t *p = entry(c, "plans", i, out, sizeof *out);
	if (!p)
		return false;
	out->node = p;
	out->id = str(p, "id");
	out->owner = str(p, "owner");
	out->type = (sp_plan_type)enum_of(p, "type", types, 5, SP_PLAN_OTHER);
	out->has_updated = date_of(p, "updated", &out->updated);
	out->goals = json_object_get(p, "goals");
	return out->id && out->owner;
}

size_t sp_plan_goal_count(const sp_plan *p) { return json_array_size(p->goals); }

bool sp_plan_goal(const sp_plan *p, size_t i, sp_goal *out)
{
	const json_t *g = item(p->goals, i, out, sizeof *out);
	if (!g)
		return false;
	out->node = g;
	out->domain = sp_domain_parse(str(g, "domain"));
	out->measures = json_object_get(g, "measures");
	out->id = str(g, "id");
	out->text = str(g, "text");
	return out->id && out->text;
}

size_t sp_goal_measure_count(const sp_goal *g) { return json_array_size(g->measures); }

bool sp_goal_measure(const sp_goal *g, size_t i, sp_measure *out)
{
	static const char *const st[] = {"planned", "in_progress", "done", "cancelled"};
	const json_t *m = item(g->measures, i, out, sizeof *out);
	if (!m)
		return false;
	out->node = m;
	out->id = str(m, "id");
	out->text = str(m, "text");
	out->responsible = str(m, "responsible");
	out->has_due = date_of(m, "due", &out->due);
	out->status = (sp_measure_status)enum_of(m, "status", st, 4, SP_MEASURE_PLANNED);
	return out->id && out->text;
}

bool sp_case_each_measure(const json_t *c, sp_measure_fn fn, void *ctx)
{
	for (size_t i = 0; i < sp_case_plan_count(c); i++) {
		sp_plan p;
		if (!sp_case_plan(c, i, &p))
			continue;
		for (size_t g = 0; g < sp_plan_goal_count(&p); g++) {
			sp_goal goal;
			for (size_t m = 0; sp_plan_goal(&p, g, &goal) && m < sp_goal_measure_count(&goal); m++) {
				sp_measure ms;
				if (sp_goal_measure(&goal, m, &ms) && !fn(&p, &goal, &ms, ctx))
					return false;
			}
		}
	}
	return true;
}

size_t sp_case_letter_count(const json_t *c) { return json_array_size(json_object_get(c, "letters")); }

bool sp_case_letter(const json_t *c, size_t i, sp_letter *out)
{
	static const char *const oc[] = {"granted", "refused", "partial", "acknowledged"};
	const json_t *l = entry(c, "letters", i, out, sizeof *out);
	if (!l)
		return false;
	out->id = str(l, "id");
	out->template_id = str(l, "template");
	out->recipient = str(l, "recipient");
	out->domain = sp_domain_parse(str(l, "domain"));
	out->has_respond_by = date_of(l, "respond_by", &out->respond_by);
	const json_t *r = json_object_get(l, "response");
	if (json_is_object(r) && date_of(r, "date", &out->response_date))
		out->outcome = (sp_outcome)(enum_of(r, "outcome", oc, 4, 3) + 1);
	return date_of(l, "date", &out->date) && out->id && out->template_id && out->recipient;
}

size_t sp_case_handover_count(const json_t *c) { return json_array_size(json_object_get(c, "handovers")); }

bool sp_case_handover(const json_t *c, size_t i, sp_handover *out)
{
	const json_t *h = entry(c, "handovers", i, out, sizeof *out);
	if (!h)
		return false;
	int d = sp_domain_parse(str(h, "domain"));
	out->domain = d < 0 ? SP_PHYSICAL_HEALTH : (sp_domain)d;
	out->to = str(h, "to");
	out->confirmed_by = str(h, "confirmed_by");
	out->has_confirmed = date_of(h, "confirmed", &out->confirmed);
	out->has_declined = date_of(h, "declined", &out->declined);
	out->has_starts = date_of(h, "starts", &out->starts);
	out->contact = str(h, "contact");
	return d >= 0 && out->to && date_of(h, "requested", &out->requested);
}

size_t sp_case_programme_count(const json_t *c)
{
	return json_array_size(json_object_get(c, "programmes"));
}

bool sp_case_programme(const json_t *c, size_t i, sp_programme *out)
{
	const json_t *p = entry(c, "programmes", i, out, sizeof *out);
	if (!p)
		return false;
	out->name = str(p, "name");
	out->has_from = date_of(p, "from", &out->from);
	out->has_to = date_of(p, "to", &out->to);
	return out->name != NULL;
}

static const json_t *meetings(const json_t *c)
{
	return json_object_get(json_object_get(c, "responsibility_group"), "meetings");
}

size_t sp_case_meeting_count(const json_t *c) { return json_array_size(meetings(c)); }

bool sp_case_meeting(const json_t *c, size_t i, sp_meeting *out)
{
	const json_t *m = item(meetings(c), i, out, sizeof *out);
	if (!m || !date_of(m, "date", &out->date))
		return false;
	const char *t = str(m, "time"); /* HH:MM, as the validator checks */
	if (t && strlen(t) == 5 && t[2] == ':') {
		out->has_time = true;
		out->minute = ((t[0] - '0') * 10 + t[1] - '0') * 60 + (t[3] - '0') * 10 + t[4] - '0';
	}
	const json_t *p = json_object_get(m, "participants");
	out->participants = json_is_array(p) ? p : NULL;
	return true;
}

bool sp_case_has_officer(const json_t *c, const char *id)
{
	size_t i;
	const json_t *o;
	json_array_foreach(json_object_get(c, "contact_officers"), i, o) {
		const char *oid = str(o, "id");
		if (oid && strcmp(oid, id) == 0)
			return true;
	}
	return false;
}

/* --- agencies ------------------------------------------------------------------------ */

static const char *const agency_types[SP_AGENCY_TYPE_COUNT] = {
    "municipality", "nav",    "health_service",   "specialist_health", "school",
    "legal_aid",    "prison", "probation_office", "other"};

const char *sp_agency_type_name(sp_agency_type t)
{
	return t < SP_AGENCY_TYPE_COUNT ? agency_types[t] : "other";
}

int sp_agency_type_parse(const char *s) { return lookup(s, agency_types, SP_AGENCY_TYPE_COUNT); }

int sp_agency_type_default_days(sp_agency_type t)
{
	switch (t) {
	case SP_AGENCY_MUNICIPALITY:
	case SP_AGENCY_NAV:
	case SP_AGENCY_OTHER:
		return 21;
	case SP_AGENCY_SPECIALIST_HEALTH:
		return 30;
	default:
		return 14;
	}
}

struct sp_agencies {
	sp_agency *v;
	size_t n, cap;
	json_t **docs;
	size_t ndocs;
};

sp_agencies *sp_agencies_new(void) { return sp_xcalloc(1, sizeof(sp_agencies)); }

void sp_agencies_free(sp_agencies *reg)
{
	if (!reg)
		return;
	for (size_t i = 0; i < reg->ndocs; i++)
		json_decref(reg->docs[i]);
	free(reg->docs);
	free(reg->v);
	free(reg);
}

void sp_agencies_add(sp_agencies *reg, json_t *doc)
{
	reg->docs = sp_xrealloc(reg->docs, (reg->ndocs + 1) * sizeof *reg->docs);
	reg->docs[reg->ndocs++] = json_incref(doc);
	const json_t *list = json_object_get(doc, "agencies");
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *a = json_array_get(list, i);
		sp_agency ag = {.node = a, .id = str(a, "id"), .name = str(a, "name"),
				.municipality = str(a, "municipality")};
		if (!ag.id || !ag.name)
			continue;
		int t = sp_agency_type_parse(str(a, "type"));
		ag.type = t < 0 ? SP_AGENCY_OTHER : (sp_agency_type)t;
		const json_t *days = json_object_get(a, "response_days");
		ag.response_days = json_is_integer(days) ? (int)json_integer_value(days)
							 : sp_agency_type_default_days(ag.type);
		const json_t *serves = json_object_get(a, "serves");
		ag.serves = json_array_size(serves) ? serves : NULL;
		sp_agency *old = (sp_agency *)sp_agencies_find(reg, ag.id);
		if (old) {
			*old = ag;
			continue;
		}
		if (reg->n == reg->cap) {
			reg->cap = reg->cap ? 2 * reg->cap : 32;
			reg->v = sp_xrealloc(reg->v, reg->cap * sizeof *reg->v);
		}
		reg->v[reg->n++] = ag;
	}
}

bool sp_agency_serves(const sp_agency *a, const char *unit_id)
{
	for (size_t i = 0; unit_id && i < json_array_size(a->serves); i++) {
		const char *u = json_string_value(json_array_get(a->serves, i));
		if (u && strcmp(u, unit_id) == 0)
			return true;
	}
	return false;
}

const sp_agency *sp_agencies_find(const sp_agencies *reg, const char *id)
{
	for (size_t i = 0; id && i < reg->n; i++)
		if (strcmp(reg->v[i].id, id) == 0)
			return &reg->v[i];
	return NULL;
}

const sp_agency *sp_agencies_municipality(const sp_agencies *reg, const char *number)
{
	for (size_t i = 0; number && i < reg->n; i++)
		if (reg->v[i].type == SP_AGENCY_MUNICIPALITY && reg->v[i].municipality &&
		    strcmp(reg->v[i].municipality, number) == 0)
			return &reg->v[i];
	return NULL;
}

size_t sp_agencies_count(const sp_agencies *reg) { return reg->n; }

const sp_agency *sp_agencies_at(const sp_agencies *reg, size_t i)
{
	return i < reg->n ? &reg->v[i] : NULL;
}
