/* screen.c — the needs rule, urgency, consent per need, the IP decision and suggested
 * letters (samplan-rules(5) gives the rules and why). */
#include "screen.h"
#include "util.h"

#include <string.h>

static const char *const consent_names[] = {"given", "missing", "withdrawn", "not_wanted"};

const char *sp_need_consent_name(sp_need_consent c) { return consent_names[c]; }

static const char *const warning_texts[SP_WARN_COUNT] = {
    "no screening: the case has no screening matrix yet; screen at intake",
    "the screening does not answer all eight domains; fill in the missing ones",
    "the release date has passed",
    "no agencies registry given (--agencies): recipients are unknown and no letters to "
    "agencies are suggested",
    "the home municipality is not in the agencies registry; add it",
    "a service a need calls for has no agency in the registry for the home municipality",
};

const char *sp_warning_text(unsigned bit)
{
	for (unsigned i = 0; i < SP_WARN_COUNT; i++)
		if (bit == 1u << i)
			return warning_texts[i];
	return "";
}

const sp_agency *sp_service_agency(const sp_agencies *reg, sp_agency_type t,
				   const char *home_municipality, const char *unit_id)
{
	if (!reg)
		return NULL;
	const sp_agency *unit = sp_agencies_find(reg, unit_id);
	const char *places[2] = {home_municipality, unit ? unit->municipality : NULL};
	for (int p = 0; p < 2; p++) {
		if (!places[p])
			continue;
		for (size_t i = 0; i < sp_agencies_count(reg); i++) {
			const sp_agency *a = sp_agencies_at(reg, i);
			if (a->type == t && a->municipality && strcmp(a->municipality, places[p]) == 0)
				return a;
		}
	}
	return NULL;
}

static sp_urgency urgency_of(const sp_assessment *a, const sp_rules *r, int lead_days)
{
	if (!a->has_release)
		return r->without_release;
	if (a->days_to_release < 0)
		return SP_RELEASED;
	if (a->days_to_release <= lead_days)
		return SP_URGENT;
	if (a->days_to_release <= lead_days + r->soon_extra_days)
		return SP_SOON;
	return SP_ROUTINE;
}

/* Consent for domain d to recipient (or, with no recipient known, to anyone). */
static sp_need_consent consent_of(const json_t *c, const char *recipient, sp_domain d, sp_date on)
{
	if (recipient) {
		sp_consent_state st = sp_case_consent_state(c, recipient, d, on);
		return st == SP_CONSENT_GIVEN ? SP_NEED_GIVEN
		       : st == SP_CONSENT_WITHDRAWN ? SP_NEED_WITHDRAWN : SP_NEED_MISSING;
	}
	sp_need_consent best = SP_NEED_MISSING;
	for (size_t i = 0; i < sp_case_consent_count(c); i++) {
		sp_consent k;
		if (!sp_case_consent(c, i, &k) || !(k.domains & (1u << d)) || k.given > on)
			continue;
		if (sp_consent_holds(&k, on))
			return SP_NEED_GIVEN;
		best = SP_NEED_WITHDRAWN;
	}
	return best;
}

static bool has_letter(const json_t *c, const char *template_id, const char *recipient)
{
	for (size_t i = 0; i < sp_case_letter_count(c); i++) {
		sp_letter l;
		if (sp_case_letter(c, i, &l) && strcmp(l.template_id, template_id) == 0 &&
		    strcmp(l.recipient, recipient) == 0)
			return true;
	}
	return false;
}

static bool any_consent(const json_t *c, const char *recipient, sp_date on)
{
	return sp_case_consented(c, recipient, on) != 0;
}

static const sp_need *need_in(const sp_assessment *a, int d)
{
	for (size_t i = 0; i < a->nneeds; i++)
		if ((int)a->needs[i].domain == d)
			return &a->needs[i];
	return NULL;
}

static void suggest(const json_t *c, const sp_rules *r, const sp_agencies *reg,
		    const sp_case_info *info, const sp_screening *s, sp_assessment *a)
{
	sp_ip ip;
	sp_case_ip(c, &ip);
	bool follow_up = !s->present || s->wants_follow_up;
	for (size_t i = 0; i < r->nletters && a->nletters < sizeof a->letters / sizeof *a->letters; i++) {
		const sp_letter_rule *lr = &r->letters[i];
		bool due;
		switch (lr->when) {
		case SP_WHEN_ALWAYS: due = true; break;
		case SP_WHEN_IP_INDICATED: due = a->ip_indicated; break;
		case SP_WHEN_IP_NOT_REQUESTED: due = a->ip_indicated && ip.status == SP_IP_NONE; break;
		case SP_WHEN_COORDINATOR_MISSING: due = a->coordinator_required && !ip.coordinator_name; break;
		case SP_WHEN_GROUP_MISSING: due = a->ip_indicated && !ip.has_group; break;
		case SP_WHEN_NEED: due = need_in(a, lr->domain) != NULL; break;
		case SP_WHEN_NO_FOLLOW_UP: due = s->present && !s->wants_follow_up; break;
		default: due = false;
		}
		if (!due)
			continue;
		const char *to;
		if (lr->to == SP_TO_PERSON) {
			to = "person";
		} else {
			if (!follow_up)
				continue; /* the person wants no follow-up: no letters to agencies */
			const sp_agency *ag = sp_service_agency(reg, (sp_agency_type)lr->to,
								info->municipality, info->unit_id);
			if (!ag)
				continue;
			to = ag->id;
			bool ok = lr->when == SP_WHEN_NEED
				      ? sp_case_consent_state(c, to, (sp_domain)lr->domain, a->as_of) ==
					    SP_CONSENT_GIVEN
				      : any_consent(c, to, a->as_of);
			if (!ok)
				continue; /* never to a recipient without consent */
		}
		if (has_letter(c, lr->template_id, to))
			continue;
		a->letters[a->nletters++] = (sp_suggestion){lr->template_id, to};
	}
}

void sp_assess(const json_t *c, const sp_rules *r, const sp_agencies *reg, sp_date as_of,
	       sp_assessment *a)
{
	memset(a, 0, sizeof *a);
	a->as_of = as_of;
	sp_case_info info;
	sp_case_info_get(c, &info);
	a->has_release = info.has_release;
	if (info.has_release) {
		a->days_to_release = sp_date_diff(as_of, info.release);
		a->short_sentence = sp_date_diff(info.start, info.release) < r->short_sentence_days;
		if (a->days_to_release < 0)
			a->warnings |= SP_WARN_RELEASED;
	}
	sp_screening s;
	sp_case_screening(c, &s);
	if (!s.present)
		a->warnings |= SP_WARN_NO_SCREENING;
	else
		a->screening_timely = sp_date_diff(info.start, s.date) <= r->screening_timely_days;
	if (!reg)
		a->warnings |= SP_WARN_NO_REGISTRY;
	else if (!sp_agencies_municipality(reg, info.municipality))
		a->warnings |= SP_WARN_NO_HOME_MUNICIPALITY;

	unsigned services = 0;
	bool long_term = false;
	for (int d = 0; d < SP_DOMAIN_COUNT; d++) {
		const sp_domain_answers *ans = &s.d[d];
		if (s.present && !ans->present)
			a->warnings |= SP_WARN_DOMAINS_MISSING;
		if (!sp_domain_is_need(ans))
			continue;
		sp_need *n = &a->needs[a->nneeds++];
		n->domain = (sp_domain)d;
		n->rule = &r->domain[d];
		n->actions = ans->needs ? ans->needs : SP_ACTION_CONTACT;
		for (size_t k = 0; k < n->rule->nservices; k++)
			services |= 1u << n->rule->services[k];
		long_term |= ans->past && ans->current;
		n->urgency = urgency_of(a, r, n->rule->lead_days);
		const sp_agency *ag = sp_service_agency(reg, n->rule->services[0], info.municipality,
							info.unit_id);
		if (reg && !ag)
			a->warnings |= SP_WARN_NO_SERVICE_AGENCY;
		n->recipient = ag ? ag->id : NULL;
		if (!s.wants_follow_up) {
			n->consent = SP_NEED_NOT_WANTED;
			n->actions = SP_ACTION_INFORM;
		} else {
			n->consent = consent_of(c, n->recipient, n->domain, as_of);
		}
	}
	a->risk_areas = (int)a->nneeds;
	int nservices = __builtin_popcount(services);
	a->ip_indicated = a->risk_areas >= r->ip_min_needs && nservices >= r->ip_min_services &&
			  (!r->ip_past_and_current || long_term);
	/* the municipality must appoint a coordinator also when the person declines an IP */
	a->coordinator_required = a->ip_indicated;
	suggest(c, r, reg, &info, &s, a);
}

json_t *sp_assessment_json(const sp_assessment *a)
{
	static const char *const action_names[] = {"contact", "assessment", "measures", "inform"};
	char buf[SP_DATE_BUFSIZE];
	json_t *o = json_object();
	json_object_set_new(o, "as_of", json_string(sp_date_format(a->as_of, buf)));
	json_object_set_new(o, "days_to_release",
			    a->has_release ? json_integer(a->days_to_release) : json_null());
	json_object_set_new(o, "short_sentence", json_boolean(a->short_sentence));
	json_object_set_new(o, "screening_timely", json_boolean(a->screening_timely));
	json_object_set_new(o, "risk_areas", json_integer(a->risk_areas));
	json_t *needs = json_array();
	for (size_t i = 0; i < a->nneeds; i++) {
		const sp_need *n = &a->needs[i];
		json_t *nj = json_object();
		json_object_set_new(nj, "domain", json_string(sp_domain_name(n->domain)));
		json_t *actions = json_array();
		for (unsigned b = 0; b < 4; b++)
			if (n->actions & (1u << b))
				json_array_append_new(actions, json_string(action_names[b]));
		json_object_set_new(nj, "actions", actions);
		json_t *services = json_array();
		for (size_t k = 0; k < n->rule->nservices; k++)
			json_array_append_new(services, json_string(sp_agency_type_name(n->rule->services[k])));
		json_object_set_new(nj, "services", services);
		json_object_set_new(nj, "urgency", json_string(sp_urgency_name(n->urgency)));
		json_object_set_new(nj, "consent", json_string(sp_need_consent_name(n->consent)));
		if (n->recipient)
			json_object_set_new(nj, "recipient", json_string(n->recipient));
		json_array_append_new(needs, nj);
	}
	json_object_set_new(o, "needs", needs);
	json_object_set_new(o, "ip_indicated", json_boolean(a->ip_indicated));
	json_object_set_new(o, "coordinator_required", json_boolean(a->coordinator_required));
	json_t *letters = json_array();
	for (size_t i = 0; i < a->nletters; i++)
		json_array_append_new(letters, json_pack("{s:s, s:s}", "template",
							 a->letters[i].template_id, "recipient",
							 a->letters[i].recipient));
	json_object_set_new(o, "letters", letters);
	json_t *warnings = json_array();
	for (unsigned b = 0; b < SP_WARN_COUNT; b++)
		if (a->warnings & (1u << b))
			json_array_append_new(warnings, json_string(warning_texts[b]));
	json_object_set_new(o, "warnings", warnings);
	return o;
}
