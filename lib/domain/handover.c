/* SPDX-License-Identifier: MIT */
/* handover.c — handover statuses, case findings and the letters to send next
 * (samplan-case(5) fixes the statuses; samplan-handover-check(1) explains them). */
#include "domain/handover.h"
#include "domain/consent.h"
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
    "municipality_not_notified", "letters_unanswered", "consent_missing",
    "follow_up_starts_late", "follow_up_start_unknown", "coordinator_not_from_services",
    "responsibility_group_recommended"};
static const char *const finding_texts[SP_FIND_COUNT] = {
    "a coordinator is required, but none is appointed",
    "an individual plan is indicated, but there is no responsibility group",
    "the responsibility group has not met before the release date",
    "the home municipality has not been told that the person is serving",
    "letters are past their response date without an answer",
    "a handover names a recipient that the person has not consented to for that domain",
    "a confirmed handover's follow-up starts too long after release; ask the service for "
    "an earlier start",
    "release is near and a confirmed handover does not say when follow-up starts; ask the "
    "service for the date and the person who will meet them",
    "the coordinator is from an agency that cannot appoint one: the municipality appoints "
    "the coordinator (forskrift om habilitering og rehabilitering, individuell plan og "
    "koordinator § 21), the specialist health service under spesialisthelsetjenesteloven "
    "§ 2-5 a; ask the municipality to appoint one",
    "the person takes part in a programme or gets services from partners during the "
    "sentence, and there is no responsibility group; consider inviting to one",
};

static const char *const follow_up_names[] = {NULL, "in_place", "starts_late", "unknown"};

const char *sp_follow_up_name(sp_follow_up f) { return follow_up_names[f]; }

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

void sp_handover_path_get(const json_t *c, sp_domain d, const sp_agencies *reg, sp_date as_of,
			  sp_handover_path *out)
{
	memset(out, 0, sizeof *out);
	sp_handover conf = {0}, open = {0}, refused = {0};
	sp_date open_by = 0;
	for (size_t i = 0; i < sp_case_handover_count(c); i++) {
		sp_handover ho;
		if (!sp_case_handover(c, i, &ho) || ho.domain != d)
			continue;
		out->n++;
		if (ho.has_confirmed) {
			if (!out->confirmed || ho.confirmed < conf.confirmed)
				conf = ho;
			out->confirmed = true;
			if (ho.has_starts && (!out->has_starts || ho.starts < out->starts)) {
				out->starts = ho.starts;
				out->has_starts = true;
				out->starts_from = ho;
			}
		} else if (ho.has_declined) {
			if (++out->ndeclined == 1 || ho.declined >= refused.declined)
				refused = ho;
		} else {
			sp_date due = sp_date_add_days(ho.requested, response_days(reg, ho.to));
			bool not_due = as_of <= due;
			/* pending wins over overdue; within each, the answer due first */
			if (!out->open || (not_due && !out->open_not_due) ||
			    (not_due == out->open_not_due && due < open_by)) {
				open = ho;
				open_by = due;
				out->open_not_due = not_due;
			}
			out->open = true;
		}
	}
	out->decides = out->confirmed ? conf : out->open ? open : refused;
	if (out->n)
		out->due = sp_date_add_days(out->decides.requested, response_days(reg, out->decides.to));
}

/* The status of need n from every handover for its domain, in the order of samplan-case(5):
 * a confirmation (the earliest decides confirmed or late), else an open request (pending
 * while one is not yet due), else a refusal of every request, else nothing requested. */
static void need_status(const json_t *c, const sp_agencies *reg, const sp_need *n,
			const sp_handover_check *h, sp_ho_need *out)
{
	memset(out, 0, sizeof *out);
	out->domain = n->domain;
	sp_handover_path path;
	sp_handover_path_get(c, n->domain, reg, h->a.as_of, &path);
	out->nrequests = path.n;
	out->ndeclined = path.ndeclined;
	out->has_starts = path.has_starts;
	out->starts = path.starts;
	if (!path.n) {
		out->status = n->consent == SP_NEED_NOT_WANTED ? SP_HO_NOT_WANTED : SP_HO_MISSING;
		/* an agency to ask only when one should be asked, not for a person who wants no
		 * follow-up */
		if (out->status == SP_HO_MISSING)
			out->recipient = n->recipient;
		return;
	}
	const sp_handover *d = &path.decides;
	out->has_request = true;
	out->to = d->to;
	out->requested = d->requested;
	out->due = path.due;
	if (path.confirmed) {
		out->answered = d->confirmed;
		out->status = h->a.has_release && d->confirmed > h->deadline ? SP_HO_LATE : SP_HO_CONFIRMED;
	} else if (path.open) {
		out->status = path.open_not_due ? SP_HO_PENDING : SP_HO_OVERDUE;
	} else {
		out->status = SP_HO_DECLINED;
		out->answered = d->declined;
	}
}

/* Whether follow-up of a confirmed need starts in time: late when it starts more than
 * starts_late_days after release; unknown when no confirmed handover gives a start. */
static void check_follow_up(const sp_rules *r, sp_handover_check *h, sp_ho_need *n)
{
	if (n->status != SP_HO_CONFIRMED && n->status != SP_HO_LATE)
		return;
	const sp_assessment *a = &h->a;
	if (!n->has_starts) {
		n->follow_up = SP_FU_UNKNOWN;
		/* reported once release is near: before that there is time to learn the date */
		if (a->has_release && a->days_to_release <= r->start_unknown_days) {
			h->findings |= SP_FIND_START_UNKNOWN;
			h->start_unknown |= 1u << n->domain;
		}
	} else if (a->has_release && sp_date_diff(a->info.release, n->starts) > r->starts_late_days) {
		n->follow_up = SP_FU_STARTS_LATE;
		h->findings |= SP_FIND_STARTS_LATE;
		h->starts_late |= 1u << n->domain;
	} else {
		n->follow_up = SP_FU_IN_PLACE;
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

/* A letter about domain d is moot once some service confirmed it takes d over. */
static bool settled(const sp_handover_check *h, int d)
{
	for (size_t i = 0; d >= 0 && i < h->nneeds; i++)
		if ((int)h->needs[i].domain == d)
			return h->needs[i].status == SP_HO_CONFIRMED || h->needs[i].status == SP_HO_LATE;
	return false;
}

/* Whether the coordinator's agency may appoint one: a municipality or a specialist health
 * service may (the rules' coordinator.appointed_by); the correctional service may not. An
 * agency the registry does not know is given the benefit of the doubt, unless it is the
 * case's own unit. */
static bool may_appoint(const sp_rules *r, const sp_agencies *reg, const sp_case_info *info,
			const char *agency)
{
	if (info->unit_id && strcmp(agency, info->unit_id) == 0)
		return false;
	const sp_agency *ag = reg ? sp_agencies_find(reg, agency) : NULL;
	return !ag || (r->coordinator_agencies & (1u << ag->type));
}

/* A partner: an agency outside the correctional service (not the case's unit, and not a
 * prison or probation office in the registry). */
static bool partner(const sp_agencies *reg, const sp_case_info *info, const char *id)
{
	if (!id || (info->unit_id && strcmp(id, info->unit_id) == 0))
		return false;
	const sp_agency *ag = reg ? sp_agencies_find(reg, id) : NULL;
	return !ag || (ag->type != SP_AGENCY_PRISON && ag->type != SP_AGENCY_PROBATION_OFFICE);
}

struct partner_ctx {
	const sp_agencies *reg;
	const sp_case_info *info;
};

/* Go on while no partner runs this measure (a cancelled one runs nothing). */
static bool not_partners(const sp_plan *p, const sp_goal *g, const sp_measure *m, void *ctx)
{
	(void)p, (void)g;
	const struct partner_ctx *pc = ctx;
	return m->status == SP_MEASURE_CANCELLED || !partner(pc->reg, pc->info, m->responsible);
}

static bool partner_measure(const json_t *c, const sp_agencies *reg, const sp_case_info *info)
{
	struct partner_ctx pc = {reg, info};
	return !sp_case_each_measure(c, not_partners, &pc);
}

/* A partner that confirmed, by the date checked, a handover during the sentence. */
static bool partner_handover(const json_t *c, const sp_agencies *reg, const sp_assessment *a)
{
	for (size_t i = 0; i < sp_case_handover_count(c); i++) {
		sp_handover ho;
		if (sp_case_handover(c, i, &ho) && ho.has_confirmed && ho.confirmed <= a->as_of &&
		    (!a->info.has_release || ho.confirmed <= a->info.release) &&
		    partner(reg, &a->info, ho.to))
			return true;
	}
	return false;
}

/* Why a responsibility group is expected besides an IP (the rules' expected_when): the
 * report recommends one for everyone who takes part in programmes or gets services from
 * partners during the sentence. */
static unsigned group_reasons(const json_t *c, const sp_rules *r, const sp_agencies *reg,
			      const sp_handover_check *h)
{
	unsigned why = 0;
	if ((r->group_when & SP_GROUP_PROGRAMME) && sp_case_programme_count(c))
		why |= SP_GROUP_PROGRAMME;
	if ((r->group_when & SP_GROUP_PARTNER_MEASURE) && partner_measure(c, reg, &h->a.info))
		why |= SP_GROUP_PARTNER_MEASURE;
	if ((r->group_when & SP_GROUP_PARTNER_HANDOVER) && partner_handover(c, reg, &h->a))
		why |= SP_GROUP_PARTNER_HANDOVER;
	return why;
}

static void case_findings(const json_t *c, const sp_rules *r, const sp_agencies *reg,
			  bool follow_up, sp_handover_check *h)
{
	const sp_assessment *a = &h->a;
	const sp_ip ip = a->ip;
	const sp_case_info info = a->info;
	if (a->coordinator_required && (!ip.coordinator_name || !ip.has_appointed))
		h->findings |= SP_FIND_COORDINATOR;
	if (ip.coordinator_agency && !may_appoint(r, reg, &info, ip.coordinator_agency))
		h->findings |= SP_FIND_COORDINATOR_AGENCY;
	bool by_ip = a->ip_indicated && (r->group_when & SP_GROUP_IP_INDICATED);
	if (by_ip && ip.status != SP_IP_REFUSED_BY_PERSON) {
		if (!ip.has_group)
			h->findings |= SP_FIND_NO_GROUP;
		else if (info.has_release && (!ip.has_first_meeting || ip.first_meeting > info.release))
			h->findings |= SP_FIND_NO_MEETING;
	}
	h->group_reasons = group_reasons(c, r, reg, h);
	if (follow_up && !ip.has_group && !(h->findings & SP_FIND_NO_GROUP) && h->group_reasons &&
	    !(a->has_release && a->days_to_release < 0))
		h->findings |= SP_FIND_GROUP_RECOMMENDED;
	if (follow_up && !municipality_told(c, reg, notice_template(r), info.municipality))
		h->findings |= SP_FIND_NOT_NOTIFIED;
	for (size_t i = 0; i < sp_case_letter_count(c); i++) {
		sp_letter l;
		if (sp_case_letter(c, i, &l) && l.has_respond_by && l.respond_by < a->as_of &&
		    l.outcome == SP_OUTCOME_NONE && !settled(h, l.domain) && h->nunanswered < sizeof h->unanswered / sizeof *h->unanswered) {
			h->unanswered[h->nunanswered++] = l.id;
			h->findings |= SP_FIND_UNANSWERED;
		}
	}
	for (size_t i = 0; i < sp_case_handover_count(c); i++) {
		sp_handover ho;
		if (!sp_case_handover(c, i, &ho))
			continue;
		/* consent must hold when the service was asked, and still, while it has not answered */
		bool asked_ok = sp_consent_state_of(c, ho.to, ho.domain, ho.requested) == SP_CONSENT_GIVEN;
		bool open = !ho.has_confirmed && !ho.has_declined;
		bool now_ok = !open || sp_consent_state_of(c, ho.to, ho.domain, a->as_of) == SP_CONSENT_GIVEN;
		if (!asked_ok || !now_ok) {
			h->findings |= SP_FIND_NO_CONSENT;
			h->no_consent |= 1u << ho.domain;
		}
	}
}

/* A reminder to every service whose request for domain d is overdue, also while another
 * request for d is still pending: each service asked should answer (with consent to it for
 * d, and not when a reminder about d went to it since the request). */
static void remind_overdue(const json_t *c, const sp_agencies *reg, sp_domain d,
			   sp_handover_check *h)
{
	sp_date on = h->a.as_of;
	for (size_t i = 0; i < sp_case_handover_count(c); i++) {
		sp_handover ho;
		if (!sp_case_handover(c, i, &ho) || ho.domain != d || ho.has_confirmed || ho.has_declined)
			continue;
		if (on <= sp_date_add_days(ho.requested, response_days(reg, ho.to)) ||
		    sp_consent_state_of(c, ho.to, d, on) != SP_CONSENT_GIVEN ||
		    sent_since(c, T_REMINDER, ho.to, ho.requested, (int)d))
			continue;
		suggest(h, T_REMINDER, ho.to, (int)d, NULL);
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
		if (n->status == SP_HO_PENDING || n->status == SP_HO_OVERDUE)
			remind_overdue(c, reg, n->domain, h);
		const char *to = n->status == SP_HO_MISSING ? n->recipient : n->to;
		if (!to || sp_consent_state_of(c, to, n->domain, on) != SP_CONSENT_GIVEN)
			continue;
		if (n->status == SP_HO_DECLINED && !sent_since(c, T_COMPLAINT, to, n->answered, (int)n->domain))
			suggest(h, T_COMPLAINT, to, (int)n->domain, NULL);
		else if (n->status == SP_HO_MISSING && !sent_since(c, T_REQUEST, to, SP_DATE_MIN, (int)n->domain))
			suggest(h, T_REQUEST, to, (int)n->domain, NULL);
	}
	const sp_agency *m = sp_service_agency(reg, c, SP_AGENCY_MUNICIPALITY, -1);
	const char *mid = m && sp_consent_shared(c, m->id, on) ? m->id : NULL;
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
			    sp_consent_shared(c, l.recipient, on) &&
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
		check_follow_up(rules, h, n);
		if (n->status > h->worst)
			h->worst = n->status;
	}
	case_findings(c, rules, reg, follow_up, h);
	next_letters(c, reg, notice_template(rules), follow_up, h);
}

bool sp_handover_has_gaps(const sp_handover_check *h)
{
	if ((h->findings & ~(unsigned)SP_FIND_ADVICE) || sp_ho_is_gap(h->worst))
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
	if (problem && diags)
		sp_diags_add(diags, SP_ERROR, doc->file, doc->index, doc->pos, NULL, "%s", problem);
	return !problem;
}

static json_t *date_json(sp_date d)
{
	char buf[SP_DATE_BUFSIZE];
	return json_string(sp_date_format(d, buf));
}

static json_t *domains_json(sp_domain_set set)
{
	json_t *doms = json_array();
	for (int d = 0; d < SP_DOMAIN_COUNT; d++)
		if (set & (1u << d))
			json_array_append_new(doms, json_string(sp_domain_name((sp_domain)d)));
	return doms;
}

/* One entry of the report's findings or advice: its name, its text, and what it is about
 * (letter ids, domains, or the reasons a group is expected). */
static json_t *finding_json(const sp_handover_check *h, unsigned bit)
{
	static const char *const reasons[] = {"ip_indicated", "programme", "partner_measure",
					      "partner_handover"};
	json_t *f = json_pack("{s:s, s:s}", "finding", sp_finding_name(bit), "text", sp_finding_text(bit));
	if (bit == SP_FIND_UNANSWERED) {
		json_t *ids = json_array();
		for (size_t i = 0; i < h->nunanswered; i++)
			json_array_append_new(ids, json_string(h->unanswered[i]));
		json_object_set_new(f, "letters", ids);
	} else if (bit == SP_FIND_NO_CONSENT) {
		json_object_set_new(f, "domains", domains_json(h->no_consent));
	} else if (bit == SP_FIND_STARTS_LATE) {
		json_object_set_new(f, "domains", domains_json(h->starts_late));
	} else if (bit == SP_FIND_START_UNKNOWN) {
		json_object_set_new(f, "domains", domains_json(h->start_unknown));
	} else if (bit == SP_FIND_GROUP_RECOMMENDED) {
		json_t *why = json_array();
		for (unsigned k = 0; k < sizeof reasons / sizeof *reasons; k++)
			if (h->group_reasons & (1u << k))
				json_array_append_new(why, json_string(reasons[k]));
		json_object_set_new(f, "reasons", why);
	}
	return f;
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
			if (n->status == SP_HO_CONFIRMED || n->status == SP_HO_LATE) {
				json_object_set_new(nj, "confirmed", date_json(n->answered));
				if (n->has_starts)
					json_object_set_new(nj, "starts", date_json(n->starts));
				json_object_set_new(nj, "follow_up", json_string(sp_follow_up_name(n->follow_up)));
			}
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
	json_t *findings = json_array(), *advice = json_array();
	for (unsigned b = 0; b < SP_FIND_COUNT; b++) {
		unsigned bit = 1u << b;
		if (h->findings & bit)
			json_array_append_new(bit & SP_FIND_ADVICE ? advice : findings, finding_json(h, bit));
	}
	json_object_set_new(o, "findings", findings);
	json_object_set_new(o, "advice", advice);
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
