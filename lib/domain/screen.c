/* SPDX-License-Identifier: MIT */
/* screen.c — the needs rule, urgency, consent per need, the IP decision and suggested
 * letters (samplan-rules(5) gives the rules and why). */
#include "domain/screen.h"
#include "domain/consent.h"
#include "base/util.h"

#include <string.h>

static const char *const consent_names[] = {"given", "missing", "withdrawn", "not_wanted"};

const char *sp_need_consent_name(sp_need_consent c) { return consent_names[c]; }

static const char *const warning_texts[SP_WARN_COUNT] = {
    "no screening: the case has no screening matrix yet; screen at intake",
    "the screening does not answer all eight domains; fill in the missing ones",
    "the release date has passed; no letters to agencies are suggested",
    /* one message over two lines: in parentheses, so that clang sees no missing comma */
    ("no agencies registry given (--agencies): recipients are unknown, consent counts as "
     "missing, and no letters to agencies are suggested"),
    "the home municipality is not in the agencies registry; add it",
    "no agency in the registry for the home municipality takes on these needs; add one",
    ("no agency in the registry serves the person's unit for these needs; add `serves:` with "
     "the unit to the agency of that type that works in the unit"),
    "a consent runs out before the release date; ask the person to renew it",
};

const char *sp_warning_text(unsigned bit)
{
	for (unsigned i = 0; i < SP_WARN_COUNT; i++)
		if (bit == 1u << i)
			return warning_texts[i];
	return "";
}

/* What a service must be to take a need on: of type t, and either (unit set) one that
 * serves the inmates of that unit, or (unit NULL) one with no `serves`, for after release,
 * in municipality `home` (any place when home is NULL). A unit's own service never takes
 * a need over for after release, and another unit's never serves the person at all. */
typedef struct {
	sp_agency_type t;
	const char *home, *unit;
} fit;

static bool fits(const sp_agency *a, const fit *f)
{
	if (a->type != f->t)
		return false;
	if (f->unit)
		return sp_agency_serves(a, f->unit);
	return !a->serves &&
	       (!f->home || (a->municipality && strcmp(a->municipality, f->home) == 0));
}

/* The agency named by `id` if it is in the registry and fits. */
static const sp_agency *named(const sp_agencies *reg, const char *id, const fit *f)
{
	const sp_agency *a = id ? sp_agencies_find(reg, id) : NULL;
	return a && fits(a, f) ? a : NULL;
}

/* An agency that fits and that the case names (for domain d, or -1). */
static const sp_agency *named_by_case(const sp_agencies *reg, const json_t *c, const fit *f, int d)
{
	const sp_agency *a;
	for (size_t i = 0; d >= 0 && i < sp_case_handover_count(c); i++) {
		sp_handover h;
		if (sp_case_handover(c, i, &h) && (int)h.domain == d && (a = named(reg, h.to, f)))
			return a;
	}
	for (int pass = 0; pass < 2; pass++) { /* consents that cover the domain, then any */
		for (size_t i = 0; i < sp_case_consent_count(c); i++) {
			sp_consent k;
			if (sp_case_consent(c, i, &k) && (pass || (d >= 0 && (k.domains & (1u << d)))) &&
			    (a = named(reg, k.recipient, f)))
				return a;
		}
	}
	for (size_t i = 0; i < sp_case_letter_count(c); i++) {
		sp_letter l;
		if (sp_case_letter(c, i, &l) && (a = named(reg, l.recipient, f)))
			return a;
	}
	return NULL;
}

/* One the case names, else the registry's first that fits. */
static const sp_agency *fitting(const sp_agencies *reg, const json_t *c, const fit *f, int d)
{
	const sp_agency *a = named_by_case(reg, c, f, d);
	for (size_t i = 0; !a && i < sp_agencies_count(reg); i++)
		if (fits(sp_agencies_at(reg, i), f))
			a = sp_agencies_at(reg, i);
	return a;
}

static const sp_agency *service_agency(const sp_agencies *reg, const json_t *c, sp_agency_type t,
				       int d, const char *home)
{
	if (!reg)
		return NULL;
	const sp_agency *a = home ? fitting(reg, c, &(fit){t, home, NULL}, d) : NULL;
	return a ? a : named_by_case(reg, c, &(fit){t, NULL, NULL}, d);
}

const sp_agency *sp_service_agency(const sp_agencies *reg, const json_t *c, sp_agency_type t,
				   int d)
{
	sp_case_info info;
	sp_case_info_get(c, &info);
	return service_agency(reg, c, t, d, info.municipality);
}

/* The service that serves the person's unit now for a need in domain d: the first of the
 * rule's while_serving types that an agency serving the unit gives. */
static const sp_agency *unit_service(const sp_agencies *reg, const json_t *c,
				     const sp_domain_rule *rule, int d, const char *unit)
{
	const sp_agency *a = NULL;
	for (size_t k = 0; !a && k < rule->nwhile_serving; k++)
		a = fitting(reg, c, &(fit){rule->while_serving[k], NULL, unit}, d);
	return a;
}

/* Whether the person is in a unit that serves them now: in prison (a probation office has
 * no inmates; at home the municipality's services give the care) and not yet released. */
static bool in_unit(const sp_assessment *a)
{
	return !a->info.unit_is_probation_office && a->info.unit_id &&
	       !(a->has_release && a->days_to_release < 0);
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

/* Consent for domain d to the recipient; with no recipient known there is none to give. */
static sp_need_consent consent_of(const json_t *c, const char *recipient, sp_domain d, sp_date on)
{
	if (!recipient)
		return SP_NEED_MISSING;
	sp_consent_state st = sp_consent_state_of(c, recipient, d, on);
	return st == SP_CONSENT_GIVEN ? SP_NEED_GIVEN
	       : st == SP_CONSENT_WITHDRAWN ? SP_NEED_WITHDRAWN : SP_NEED_MISSING;
}

static bool has_handover(const json_t *c, int d)
{
	for (size_t i = 0; i < sp_case_handover_count(c); i++) {
		sp_handover h;
		if (sp_case_handover(c, i, &h) && (int)h.domain == d)
			return true;
	}
	return false;
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

static bool wrote_to(const json_t *c, const char *recipient)
{
	for (size_t i = 0; i < sp_case_letter_count(c); i++) {
		sp_letter l;
		if (sp_case_letter(c, i, &l) && strcmp(l.recipient, recipient) == 0)
			return true;
	}
	return false;
}

static bool any_consent(const json_t *c, const char *recipient, sp_date on)
{
	return sp_consent_shared(c, recipient, on) != 0;
}

static const sp_need *need_in(const sp_assessment *a, int d)
{
	for (size_t i = 0; i < a->nneeds; i++)
		if ((int)a->needs[i].domain == d)
			return &a->needs[i];
	return NULL;
}

/* Whether the case calls for the letter of rule lr, whoever it would go to. */
static bool letter_due(const json_t *c, const sp_letter_rule *lr, const sp_assessment *a)
{
	const sp_ip *ip = &a->ip;
	const sp_screening *s = &a->screening;
	switch (lr->when) {
	case SP_WHEN_ALWAYS: return true;
	case SP_WHEN_IP_INDICATED: return a->ip_indicated;
	case SP_WHEN_IP_NOT_REQUESTED: return a->ip_indicated && ip->status == SP_IP_NONE;
	case SP_WHEN_COORDINATOR_MISSING: return a->coordinator_required && !ip->coordinator_name;
	case SP_WHEN_GROUP_MISSING:
		return a->ip_indicated && !ip->has_group && ip->status != SP_IP_REFUSED_BY_PERSON;
	case SP_WHEN_NEED: /* not when a service was already asked to take it over */
		return need_in(a, lr->domain) && !has_handover(c, lr->domain);
	case SP_WHEN_NO_FOLLOW_UP: return s->present && !s->wants_follow_up;
	default: return false;
	}
}

/* The agency the letter of rule lr goes to, or NULL when there is none that has consented. */
static const char *agency_recipient(const json_t *c, const sp_agencies *reg, const sp_letter_rule *lr,
				    const sp_assessment *a)
{
	const sp_agency *ag = service_agency(reg, c, (sp_agency_type)lr->to,
					     lr->when == SP_WHEN_NEED ? lr->domain : -1,
					     a->info.municipality);
	if (!ag)
		return NULL;
	bool ok = lr->when == SP_WHEN_NEED
		      ? sp_consent_state_of(c, ag->id, (sp_domain)lr->domain, a->as_of) == SP_CONSENT_GIVEN
		      : any_consent(c, ag->id, a->as_of);
	return ok ? ag->id : NULL; /* never to a recipient without consent */
}

static void suggest(const json_t *c, const sp_rules *r, const sp_agencies *reg, sp_assessment *a)
{
	const sp_screening *s = &a->screening;
	/* letters to agencies: only while serving, and only when the person wants follow-up */
	bool to_agencies = (!s->present || s->wants_follow_up) &&
			   !(a->has_release && a->days_to_release < 0);
	for (size_t i = 0; i < r->nletters && a->nletters < sizeof a->letters / sizeof *a->letters; i++) {
		const sp_letter_rule *lr = &r->letters[i];
		if (!letter_due(c, lr, a))
			continue;
		if (lr->to != SP_TO_PERSON && !to_agencies)
			continue;
		const char *to = lr->to == SP_TO_PERSON ? "person" : agency_recipient(c, reg, lr, a);
		if (!to || has_letter(c, lr->template_id, to))
			continue;
		/* the notice tells the municipality the person is serving: any letter to it did */
		if (lr->when == SP_WHEN_ALWAYS && lr->to == SP_AGENCY_MUNICIPALITY && wrote_to(c, to))
			continue;
		a->letters[a->nletters++] = (sp_suggestion){lr->template_id, to};
	}
}

/* Days to release, whether the sentence is short, whether the screening came in time. */
static void assess_dates(sp_assessment *a, const sp_rules *r)
{
	const sp_case_info *info = &a->info;
	a->has_release = info->has_release;
	if (info->has_release) {
		a->days_to_release = sp_date_diff(a->as_of, info->release);
		a->short_sentence = sp_date_diff(info->start, info->release) < r->short_sentence_days;
		if (a->days_to_release < 0)
			a->warnings |= SP_WARN_RELEASED;
	}
	if (!a->screening.present)
		a->warnings |= SP_WARN_NO_SCREENING;
	else
		a->screening_timely = sp_date_diff(info->start, a->screening.date) <= r->screening_timely_days;
}

static void registry_warnings(sp_assessment *a, const sp_agencies *reg)
{
	if (!reg)
		a->warnings |= SP_WARN_NO_REGISTRY;
	else if (!sp_agencies_municipality(reg, a->info.municipality))
		a->warnings |= SP_WARN_NO_HOME_MUNICIPALITY;
}

/* The need in domain d: its actions, urgency, recipient and consent. */
static const sp_need *add_need(const json_t *c, const sp_rules *r, const sp_agencies *reg,
			       sp_assessment *a, int d)
{
	const sp_domain_answers *ans = &a->screening.d[d];
	sp_need *n = &a->needs[a->nneeds++];
	n->domain = (sp_domain)d;
	n->rule = &r->domain[d];
	n->actions = ans->needs ? ans->needs : SP_ACTION_CONTACT;
	n->urgency = urgency_of(a, r, n->rule->lead_days);
	const sp_agency *ag = service_agency(reg, c, n->rule->services[0], d, a->info.municipality);
	if (reg && !ag) {
		a->warnings |= SP_WARN_NO_SERVICE_AGENCY;
		a->no_agency |= 1u << d;
	}
	n->recipient = ag ? ag->id : NULL;
	if (reg && n->rule->nwhile_serving && in_unit(a)) {
		const sp_agency *now = unit_service(reg, c, n->rule, d, a->info.unit_id);
		if (!now) {
			a->warnings |= SP_WARN_NO_UNIT_SERVICE;
			a->no_unit_service |= 1u << d;
		}
		n->while_serving = now ? now->id : NULL;
	}
	if (!a->screening.wants_follow_up) {
		n->consent = SP_NEED_NOT_WANTED;
		n->actions = SP_ACTION_INFORM;
	} else {
		n->consent = consent_of(c, n->recipient, n->domain, a->as_of);
	}
	return n;
}

/* Every domain the screening marks as a need; then whether the needs call for an IP. */
static void assess_needs(const json_t *c, const sp_rules *r, const sp_agencies *reg, sp_assessment *a)
{
	const sp_screening *s = &a->screening;
	unsigned services = 0;
	bool long_term = false;
	for (int d = 0; d < SP_DOMAIN_COUNT; d++) {
		const sp_domain_answers *ans = &s->d[d];
		if (s->present && !ans->present)
			a->warnings |= SP_WARN_DOMAINS_MISSING;
		if (!sp_domain_is_need(ans))
			continue;
		const sp_need *n = add_need(c, r, reg, a, d);
		/* every service the rules list for the need: substance use and housing call on
		 * the municipality and specialist care, the classic case for an IP */
		for (size_t k = 0; k < n->rule->nservices; k++)
			services |= 1u << n->rule->services[k];
		long_term |= ans->past && ans->current;
	}
	a->risk_areas = (int)a->nneeds;
	int nservices = __builtin_popcount(services);
	a->ip_indicated = a->risk_areas >= r->ip_min_needs && nservices >= r->ip_min_services &&
			  (!r->ip_past_and_current || long_term);
	/* the municipality must appoint a coordinator also when the person declines an IP */
	a->coordinator_required = a->ip_indicated;
}

static void consent_warnings(const json_t *c, sp_assessment *a)
{
	for (size_t i = 0; a->has_release && a->days_to_release >= 0 && i < sp_case_consent_count(c); i++) {
		sp_consent k;
		if (sp_case_consent(c, i, &k) && sp_consent_holds(&k, a->as_of) && k.has_expires &&
		    k.expires <= a->info.release)
			a->warnings |= SP_WARN_CONSENT_EXPIRES;
	}
}

void sp_assess(const json_t *c, const sp_rules *r, const sp_agencies *reg, sp_date as_of,
	       sp_assessment *a)
{
	memset(a, 0, sizeof *a);
	a->as_of = as_of;
	sp_case_info_get(c, &a->info);
	sp_case_screening(c, &a->screening);
	sp_case_ip(c, &a->ip);
	assess_dates(a, r);
	registry_warnings(a, reg);
	assess_needs(c, r, reg, a);
	consent_warnings(c, a);
	suggest(c, r, reg, a);
}

static json_t *need_json(const sp_need *n)
{
	static const char *const action_names[] = {"contact", "assessment", "measures", "inform"};
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
	if (n->while_serving)
		json_object_set_new(nj, "while_serving", json_string(n->while_serving));
	return nj;
}

/* "physical_health (health_service), …": each need in `set` and the service it lacks. */
static void list_needs(char *text, size_t size, const sp_assessment *a, sp_domain_set set,
		       bool while_serving)
{
	const char *sep = " ";
	for (size_t k = 0; k < a->nneeds; k++) {
		const sp_need *n = &a->needs[k];
		if (!(set & (1u << n->domain)))
			continue;
		const sp_domain_rule *r = n->rule;
		snprintf(text + strlen(text), size - strlen(text), "%s%s (%s)", sep,
			 sp_domain_name(n->domain),
			 sp_agency_type_name(while_serving ? r->while_serving[0] : r->services[0]));
		sep = ", ";
	}
}

/* The no-agency warning, naming each need without one and the service it calls on. */
static json_t *no_service_agency_warning(const sp_assessment *a)
{
	char text[512] = "no agency in the registry for the home municipality takes on";
	list_needs(text, sizeof text, a, a->no_agency, false);
	snprintf(text + strlen(text), sizeof text - strlen(text), "; add one");
	return json_string(text);
}

/* The same for the services that serve the person's unit: never another unit's instead. */
static json_t *no_unit_service_warning(const sp_assessment *a)
{
	char text[640];
	snprintf(text, sizeof text, "no agency in the registry serves %s for", a->info.unit_id);
	list_needs(text, sizeof text, a, a->no_unit_service, true);
	snprintf(text + strlen(text), sizeof text - strlen(text),
		 "; add `serves: [%s]` to the agency of that type that works there",
		 a->info.unit_id);
	return json_string(text);
}

static json_t *warnings_json(const sp_assessment *a)
{
	json_t *warnings = json_array();
	for (unsigned b = 0; b < SP_WARN_COUNT; b++) {
		if (!(a->warnings & (1u << b)))
			continue;
		json_t *w = 1u << b == SP_WARN_NO_SERVICE_AGENCY ? no_service_agency_warning(a)
			    : 1u << b == SP_WARN_NO_UNIT_SERVICE ? no_unit_service_warning(a)
								 : json_string(warning_texts[b]);
		json_array_append_new(warnings, w);
	}
	return warnings;
}

json_t *sp_assessment_json(const sp_assessment *a)
{
	char buf[SP_DATE_BUFSIZE];
	json_t *o = json_object();
	json_object_set_new(o, "as_of", json_string(sp_date_format(a->as_of, buf)));
	json_object_set_new(o, "days_to_release",
			    a->has_release ? json_integer(a->days_to_release) : json_null());
	json_object_set_new(o, "short_sentence", json_boolean(a->short_sentence));
	json_object_set_new(o, "screening_timely", json_boolean(a->screening_timely));
	json_object_set_new(o, "risk_areas", json_integer(a->risk_areas));
	json_t *needs = json_array();
	for (size_t i = 0; i < a->nneeds; i++)
		json_array_append_new(needs, need_json(&a->needs[i]));
	json_object_set_new(o, "needs", needs);
	json_object_set_new(o, "ip_indicated", json_boolean(a->ip_indicated));
	json_object_set_new(o, "coordinator_required", json_boolean(a->coordinator_required));
	json_t *letters = json_array();
	for (size_t i = 0; i < a->nletters; i++)
		json_array_append_new(letters, json_pack("{s:s, s:s}", "template",
							 a->letters[i].template_id, "recipient",
							 a->letters[i].recipient));
	json_object_set_new(o, "letters", letters);
	json_object_set_new(o, "warnings", warnings_json(a));
	return o;
}
