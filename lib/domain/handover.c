/* handover.c — handover statuses, case findings and the letters to send next
 * (samplan-case(5) fixes the statuses; samplan-handover-check(1) explains them). */
#include "domain/handover.h"
#include "base/util.h"

#include <string.h>

/* The letter templates this check suggests (shipped by samplan-letter-gen). */
#define T_REMINDER "reminder"
#define T_COMPLAINT "complaint"
#define T_REQUEST "handover-request"
#define T_COORDINATOR "coordinator-request"
#define T_GROUP "responsibility-group-invitation"
#define T_NOTICE "notice-of-sentence"

static const char *const status_names[SP_HO_STATUS_COUNT] = {
    "not_wanted", "confirmed", "pending", "late", "missing", "overdue", "declined"};

const char *sp_ho_status_name(sp_ho_status s) { return s < SP_HO_STATUS_COUNT ? status_names[s] : "?"; }

bool sp_ho_is_gap(sp_ho_status s)
{
	return s == SP_HO_MISSING || s == SP_HO_OVERDUE || s == SP_HO_DECLINED;
}

static const char *const finding_names[SP_FIND_COUNT] = {
    "coordinator_not_appointed", "no_responsibility_group", "no_meeting_before_release",
    "municipality_not_notified", "letters_unanswered", "consent_missing"};
static const char *const finding_texts[SP_FIND_COUNT] = {
    "a coordinator is required, but none is appointed",
    "an individual plan is indicated, but there is no responsibility group",
    "the responsibility group has not met before the release date",
    "the home municipality has not been told that the person is serving",
    "letters are past their response date without an answer",
    "a handover names a recipient that the person has not consented to for that domain",
};

static unsigned bit_index(unsigned bit)
{
	unsigned i = 0;
	while (bit > 1u) {
		bit >>= 1;
		i++;
	}
	return i;
}

const char *sp_finding_name(unsigned bit) { return finding_names[bit_index(bit) % SP_FIND_COUNT]; }
const char *sp_finding_text(unsigned bit) { return finding_texts[bit_index(bit) % SP_FIND_COUNT]; }

static int response_days(const sp_agencies *reg, const char *id)
{
	const sp_agency *a = reg && id ? sp_agencies_find(reg, id) : NULL;
	return a ? a->response_days : sp_agency_type_default_days(SP_AGENCY_OTHER);
}

/* The first handover for domain d, if any. */
static bool first_handover(const json_t *c, sp_domain d, sp_handover *out)
{
	for (size_t i = 0; i < sp_case_handover_count(c); i++)
		if (sp_case_handover(c, i, out) && out->domain == d)
			return true;
	return false;
}

/* A letter of this template to this recipient dated on or after `since`, about domain d
 * when d >= 0 (a letter that names no domain is not taken to be about this one). */
static bool sent_since(const json_t *c, const char *template_id, const char *recipient,
		       sp_date since, int d)
{
	for (size_t i = 0; i < sp_case_letter_count(c); i++) {
		sp_letter l;
		if (sp_case_letter(c, i, &l) && strcmp(l.template_id, template_id) == 0 &&
		    strcmp(l.recipient, recipient) == 0 && l.date >= since && (d < 0 || l.domain == d))
			return true;
	}
	return false;
}

static void suggest(sp_handover_check *h, const char *template_id, const char *recipient,
		    int domain, const char *about)
{
	if (!recipient || h->nletters == sizeof h->letters / sizeof *h->letters)
		return;
	for (size_t i = 0; i < h->nletters; i++)
		if (strcmp(h->letters[i].template_id, template_id) == 0 &&
		    strcmp(h->letters[i].recipient, recipient) == 0 && h->letters[i].domain == domain)
			return;
	h->letters[h->nletters++] = (sp_ho_letter){template_id, recipient, domain, about};
}

static void need_status(const json_t *c, const sp_agencies *reg, const sp_need *n,
			const sp_handover_check *h, sp_ho_need *out)
{
	memset(out, 0, sizeof *out);
	out->domain = n->domain;
	sp_handover ho;
	if (!first_handover(c, n->domain, &ho)) {
		out->status = n->consent == SP_NEED_NOT_WANTED ? SP_HO_NOT_WANTED : SP_HO_MISSING;
		/* an agency to ask only when one should be asked, not for a person who wants no
		 * follow-up */
		if (out->status == SP_HO_MISSING)
			out->recipient = n->recipient;
		return;
	}
	out->to = ho.to;
	out->has_request = true;
	out->requested = ho.requested;
	out->due = sp_date_add_days(ho.requested, response_days(reg, ho.to));
	if (ho.has_declined) {
		out->status = SP_HO_DECLINED;
		out->answered = ho.declined;
	} else if (ho.has_confirmed) {
		out->answered = ho.confirmed;
		out->status = h->a.has_release && ho.confirmed > h->deadline ? SP_HO_LATE : SP_HO_CONFIRMED;
	} else {
		out->status = h->a.as_of > out->due ? SP_HO_OVERDUE : SP_HO_PENDING;
	}
}

/* The template of the rules' letter that tells the home municipality (when: always). */
static const char *notice_template(const sp_rules *r)
{
	for (size_t i = 0; i < r->nletters; i++)
		if (r->letters[i].when == SP_WHEN_ALWAYS && r->letters[i].to == SP_AGENCY_MUNICIPALITY)
			return r->letters[i].template_id;
	return T_NOTICE;
}

/* The home municipality knows the person is serving once it has had a letter about them:
 * the notice, or any other letter to a municipality agency of the home municipality (a
 * handover request, an IP request …). Without a registry only the notice is known to be one. */
static bool municipality_told(const json_t *c, const sp_agencies *reg, const char *notice,
			      const char *municipality)
{
	const char *home = reg && sp_agencies_municipality(reg, municipality) ? municipality : NULL;
	for (size_t i = 0; i < sp_case_letter_count(c); i++) {
		sp_letter l;
		if (!sp_case_letter(c, i, &l) || strcmp(l.recipient, "person") == 0)
			continue;
		if (!reg) {
			if (strcmp(l.template_id, notice) == 0)
				return true;
			continue;
		}
		const sp_agency *a = sp_agencies_find(reg, l.recipient);
		if (a && a->type == SP_AGENCY_MUNICIPALITY &&
		    (!home || (a->municipality && strcmp(a->municipality, home) == 0)))
			return true;
	}
	return false;
}

static void case_findings(const json_t *c, const sp_rules *r, const sp_agencies *reg,
			  bool follow_up, sp_handover_check *h)
{
	const sp_assessment *a = &h->a;
	const sp_ip ip = a->ip;
	const sp_case_info info = a->info;
	if (a->coordinator_required && (!ip.coordinator_name || !ip.has_appointed))
		h->findings |= SP_FIND_COORDINATOR;
	if (a->ip_indicated && ip.status != SP_IP_REFUSED_BY_PERSON) {
		if (!ip.has_group)
			h->findings |= SP_FIND_NO_GROUP;
		else if (info.has_release && (!ip.has_first_meeting || ip.first_meeting > info.release))
			h->findings |= SP_FIND_NO_MEETING;
	}
	if (follow_up && !municipality_told(c, reg, notice_template(r), info.municipality))
		h->findings |= SP_FIND_NOT_NOTIFIED;
	for (size_t i = 0; i < sp_case_letter_count(c); i++) {
		sp_letter l;
		if (sp_case_letter(c, i, &l) && l.has_respond_by && l.respond_by < a->as_of &&
		    l.outcome == SP_OUTCOME_NONE && h->nunanswered < sizeof h->unanswered / sizeof *h->unanswered) {
			h->unanswered[h->nunanswered++] = l.id;
			h->findings |= SP_FIND_UNANSWERED;
		}
	}
	for (size_t i = 0; i < sp_case_handover_count(c); i++) {
		sp_handover ho;
		if (!sp_case_handover(c, i, &ho))
			continue;
		/* consent must hold when the service was asked, and still, while it has not answered */
		bool asked_ok = sp_case_consent_state(c, ho.to, ho.domain, ho.requested) == SP_CONSENT_GIVEN;
		bool open = !ho.has_confirmed && !ho.has_declined;
		bool now_ok = !open || sp_case_consent_state(c, ho.to, ho.domain, a->as_of) == SP_CONSENT_GIVEN;
		if (!asked_ok || !now_ok) {
			h->findings |= SP_FIND_NO_CONSENT;
			h->no_consent |= 1u << ho.domain;
		}
	}
}

/* Letters only while serving, when the person wants follow-up, with consent to the
 * recipient (for a domain: covering it), and not when such a letter was already sent. */
static void next_letters(const json_t *c, const sp_agencies *reg, const char *notice,
			 bool follow_up, sp_handover_check *h)
{
	const sp_assessment *a = &h->a;
	if (!follow_up || (a->has_release && a->days_to_release < 0))
		return;
	sp_date on = a->as_of;
	for (size_t i = 0; i < h->nneeds; i++) {
		const sp_ho_need *n = &h->needs[i];
		const char *to = n->status == SP_HO_MISSING ? n->recipient : n->to;
		if (!to || sp_case_consent_state(c, to, n->domain, on) != SP_CONSENT_GIVEN)
			continue;
		if (n->status == SP_HO_OVERDUE && !sent_since(c, T_REMINDER, to, n->requested, (int)n->domain))
			suggest(h, T_REMINDER, to, (int)n->domain, NULL);
		else if (n->status == SP_HO_DECLINED && !sent_since(c, T_COMPLAINT, to, n->answered, (int)n->domain))
			suggest(h, T_COMPLAINT, to, (int)n->domain, NULL);
		else if (n->status == SP_HO_MISSING && !sent_since(c, T_REQUEST, to, SP_DATE_MIN, (int)n->domain))
			suggest(h, T_REQUEST, to, (int)n->domain, NULL);
	}
	const sp_agency *m = sp_service_agency(reg, c, SP_AGENCY_MUNICIPALITY, -1);
	const char *mid = m && sp_case_consented(c, m->id, on) ? m->id : NULL;
	if (mid && (h->findings & SP_FIND_NOT_NOTIFIED))
		suggest(h, notice, mid, -1, NULL); /* the rules' name for it, as looked for */
	if (mid && (h->findings & SP_FIND_COORDINATOR) && !sent_since(c, T_COORDINATOR, mid, SP_DATE_MIN, -1))
		suggest(h, T_COORDINATOR, mid, -1, NULL);
	if (mid && (h->findings & (SP_FIND_NO_GROUP | SP_FIND_NO_MEETING)) &&
	    !sent_since(c, T_GROUP, mid, SP_DATE_MIN, -1))
		suggest(h, T_GROUP, mid, -1, NULL);
	for (size_t i = 0; i < h->nunanswered; i++) {
		for (size_t k = 0; k < sp_case_letter_count(c); k++) {
			sp_letter l;
			if (!sp_case_letter(c, k, &l) || strcmp(l.id, h->unanswered[i]) != 0)
				continue;
			bool reminded = false; /* one reminder per recipient is enough */
			for (size_t j = 0; j < h->nletters; j++)
				reminded |= strcmp(h->letters[j].template_id, T_REMINDER) == 0 &&
					    strcmp(h->letters[j].recipient, l.recipient) == 0;
			if (!reminded && strcmp(l.recipient, "person") != 0 &&
			    sp_case_consented(c, l.recipient, on) &&
			    !sent_since(c, T_REMINDER, l.recipient, l.respond_by, -1))
				suggest(h, T_REMINDER, l.recipient, -1, l.id);
		}
	}
}

void sp_check_handovers(const json_t *c, const sp_rules *rules, const sp_agencies *reg,
			sp_date as_of, int days, sp_handover_check *h)
{
	memset(h, 0, sizeof *h);
	sp_assess(c, rules, reg, as_of, &h->a);
	const sp_case_info info = h->a.info;
	if (info.has_release)
		h->deadline = sp_date_add_days(info.release, -days);
	const sp_screening s = h->a.screening;
	bool follow_up = !s.present || s.wants_follow_up;
	/* a case not screened yet has no needs because nobody asked: its worst status is
	 * missing (the screening is), never not_wanted, which says the person declined */
	h->worst = s.present ? SP_HO_NOT_WANTED : SP_HO_MISSING;
	for (size_t i = 0; i < h->a.nneeds; i++) {
		sp_ho_need *n = &h->needs[h->nneeds++];
		need_status(c, reg, &h->a.needs[i], h, n);
		if (n->status > h->worst)
			h->worst = n->status;
	}
	case_findings(c, rules, reg, follow_up, h);
	next_letters(c, reg, notice_template(rules), follow_up, h);
}

bool sp_handover_has_gaps(const sp_handover_check *h)
{
	if (h->findings || sp_ho_is_gap(h->worst))
		return true;
	/* a request still unanswered once the deadline has passed needs acting on too */
	for (size_t i = 0; h->a.has_release && i < h->nneeds; i++)
		if (h->needs[i].status == SP_HO_PENDING && h->a.as_of > h->deadline)
			return true;
	return false;
}

static const char *date_problem(const sp_handover_check *h)
{
	if (h->a.has_release && !sp_date_valid(h->deadline))
		return "sentence.release: the deadline, --days before it, would fall before "
		       "0001-01-01, the first date a case can hold; give a smaller --days";
	for (size_t i = 0; i < h->nneeds; i++)
		if (h->needs[i].has_request && !sp_date_valid(h->needs[i].due))
			return "handovers[].requested: the answer, the agency's response_days after "
			       "it, would be due after 9999-12-31, the last date a case can hold";
	return NULL;
}

bool sp_handover_dates_ok(const sp_handover_check *h, const sp_doc *doc, sp_diags *diags)
{
	const char *problem = date_problem(h);
	if (problem)
		sp_diags_add(diags, SP_ERROR, doc->file, doc->index, doc->pos, NULL, "%s", problem);
	return !problem;
}

static json_t *date_json(sp_date d)
{
	char buf[SP_DATE_BUFSIZE];
	return json_string(sp_date_format(d, buf));
}

json_t *sp_handover_report_json(const json_t *c, const sp_handover_check *h, int days)
{
	const sp_assessment *a = &h->a;
	json_t *o = json_object();
	json_object_set_new(o, "samplan", json_integer(1));
	json_object_set_new(o, "kind", json_string("handover_report"));
	json_object_set(o, "id", json_object_get(c, "id"));
	json_object_set_new(o, "as_of", date_json(a->as_of));
	json_object_set_new(o, "days", json_integer(days));
	json_object_set_new(o, "release", a->has_release ? date_json(sp_date_add_days(a->as_of, a->days_to_release)) : json_null());
	json_object_set_new(o, "days_to_release", a->has_release ? json_integer(a->days_to_release) : json_null());
	json_object_set_new(o, "deadline", a->has_release ? date_json(h->deadline) : json_null());
	json_object_set_new(o, "worst", json_string(sp_ho_status_name(h->worst)));
	json_object_set_new(o, "gaps", json_boolean(sp_handover_has_gaps(h)));
	json_t *needs = json_array();
	for (size_t i = 0; i < h->nneeds; i++) {
		const sp_ho_need *n = &h->needs[i];
		json_t *nj = json_object();
		json_object_set_new(nj, "domain", json_string(sp_domain_name(n->domain)));
		json_object_set_new(nj, "status", json_string(sp_ho_status_name(n->status)));
		if (n->has_request) {
			json_object_set_new(nj, "to", json_string(n->to));
			json_object_set_new(nj, "requested", date_json(n->requested));
			if (n->status == SP_HO_CONFIRMED || n->status == SP_HO_LATE)
				json_object_set_new(nj, "confirmed", date_json(n->answered));
			else if (n->status == SP_HO_DECLINED)
				json_object_set_new(nj, "declined", date_json(n->answered));
			else
				json_object_set_new(nj, "due", date_json(n->due));
		} else if (n->recipient) {
			json_object_set_new(nj, "recipient", json_string(n->recipient));
		}
		json_array_append_new(needs, nj);
	}
	json_object_set_new(o, "needs", needs);
	json_t *findings = json_array();
	for (unsigned b = 0; b < SP_FIND_COUNT; b++) {
		unsigned bit = 1u << b;
		if (!(h->findings & bit))
			continue;
		json_t *f = json_pack("{s:s, s:s}", "finding", sp_finding_name(bit), "text",
				      sp_finding_text(bit));
		if (bit == SP_FIND_UNANSWERED) {
			json_t *ids = json_array();
			for (size_t i = 0; i < h->nunanswered; i++)
				json_array_append_new(ids, json_string(h->unanswered[i]));
			json_object_set_new(f, "letters", ids);
		} else if (bit == SP_FIND_NO_CONSENT) {
			json_t *doms = json_array();
			for (int d = 0; d < SP_DOMAIN_COUNT; d++)
				if (h->no_consent & (1u << d))
					json_array_append_new(doms, json_string(sp_domain_name((sp_domain)d)));
			json_object_set_new(f, "domains", doms);
		}
		json_array_append_new(findings, f);
	}
	json_object_set_new(o, "findings", findings);
	json_t *letters = json_array();
	for (size_t i = 0; i < h->nletters; i++) {
		const sp_ho_letter *l = &h->letters[i];
		json_t *lj = json_pack("{s:s, s:s}", "template", l->template_id, "recipient", l->recipient);
		if (l->domain >= 0)
			json_object_set_new(lj, "domain", json_string(sp_domain_name((sp_domain)l->domain)));
		if (l->about)
			json_object_set_new(lj, "about", json_string(l->about));
		json_array_append_new(letters, lj);
	}
	json_object_set_new(o, "suggested_letters", letters);
	return o;
}
