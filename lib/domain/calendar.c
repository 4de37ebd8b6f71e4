/* SPDX-License-Identifier: MIT */
/* calendar.c — the dated items of a case (samplan-calendar(1)). */
#include "domain/calendar.h"
#include "domain/consent.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

static const char *const kind_names[SP_CAL_KIND_COUNT] = {
    "release", "screening-deadline", "handover-deadline", "follow-up-starts", "meeting",
    "answer-due", "reminder", "consent-renewal", "measure-due"};

const char *sp_cal_kind_name(sp_cal_kind k) { return k < SP_CAL_KIND_COUNT ? kind_names[k] : "?"; }

/* The template samplan-handover-check suggests for a reminder (lib/domain/handover.c). */
#define T_REMINDER "reminder"

static sp_cal_item *add(sp_cal_items *out, sp_cal_kind kind, sp_date date)
{
	if (out->n == out->cap) {
		out->cap = out->cap ? 2 * out->cap : 16;
		out->items = sp_xrealloc(out->items, out->cap * sizeof *out->items);
	}
	sp_cal_item *it = &out->items[out->n++];
	memset(it, 0, sizeof *it);
	it->kind = kind;
	it->date = it->due = date;
	it->domain = -1;
	return it;
}

/* An action still to take whose day has passed goes on as-of, remembering its day. */
static sp_cal_item *add_action(sp_cal_items *out, sp_cal_kind kind, sp_date due, sp_date as_of)
{
	sp_cal_item *it = add(out, kind, due < as_of ? as_of : due);
	it->due = due;
	return it;
}

static void dated_items(const json_t *c, const sp_handover_check *h, const sp_rules *rules,
			const sp_cal_opts *o, sp_cal_items *out)
{
	const sp_case_info *info = &h->a.info;
	bool released = info->has_release && info->release < o->as_of;
	if (info->has_release && !released)
		add(out, SP_CAL_RELEASE, info->release);
	if (!h->a.screening.present && !released) {
		sp_date by = sp_date_add_days(info->start, rules->screening_timely_days);
		if (sp_date_valid(by))
			add_action(out, SP_CAL_SCREENING_DEADLINE, by, o->as_of)->ref = info->start;
	}
	sp_domain_set open = 0; /* the needs that no service has settled */
	for (size_t i = 0; i < h->nneeds; i++)
		if (sp_ho_is_gap(h->needs[i].status) || h->needs[i].status == SP_HO_PENDING)
			open |= 1u << h->needs[i].domain;
	if (info->has_release && open && h->deadline >= o->as_of && sp_date_valid(h->deadline)) {
		sp_cal_item *it = add(out, SP_CAL_HANDOVER_DEADLINE, h->deadline);
		it->ref = info->release;
		it->domains = open;
	}
	for (size_t i = 0; i < sp_case_handover_count(c); i++) {
		sp_handover ho;
		if (sp_case_handover(c, i, &ho) && ho.has_confirmed && ho.has_starts && ho.starts >= o->as_of) {
			sp_cal_item *it = add(out, SP_CAL_FOLLOW_UP_STARTS, ho.starts);
			it->index = i + 1;
			it->agency = ho.to;
			it->domain = (int)ho.domain;
		}
	}
	for (size_t i = 0; i < sp_case_meeting_count(c); i++) {
		sp_meeting m;
		if (sp_case_meeting(c, i, &m) && m.date >= o->as_of) {
			sp_cal_item *it = add(out, SP_CAL_MEETING, m.date);
			it->index = i + 1;
			it->has_time = m.has_time;
			it->minute = m.minute;
			it->participants = m.participants;
		}
	}
	for (size_t i = 0; i < sp_case_letter_count(c); i++) {
		sp_letter l;
		if (sp_case_letter(c, i, &l) && l.has_respond_by && l.outcome == SP_OUTCOME_NONE &&
		    l.respond_by >= o->as_of) {
			sp_cal_item *it = add(out, SP_CAL_ANSWER_DUE, l.respond_by);
			it->ref = l.date;
			it->letter = l.id;
			it->agency = l.recipient;
			it->domain = l.domain;
		}
	}
}

/* A consent that runs out while the unit works on the case (before release, as
 * samplan-screen warns): to be renewed renew_days before it expires, unless it is
 * withdrawn, or another consent to the same recipient covers its domains on the day it
 * expires (renewed already). */
static void consents(const json_t *c, const sp_case_info *info, const sp_cal_opts *o,
		     sp_cal_items *out)
{
	for (size_t i = 0; i < sp_case_consent_count(c); i++) {
		sp_consent k;
		if (!sp_case_consent(c, i, &k) || !k.has_expires || k.has_withdrawn ||
		    k.expires <= o->as_of || (info->has_release && k.expires > info->release))
			continue;
		/* the consent rule (lib/domain/case.c): do the domains still hold on that day? */
		if ((sp_consent_shared(c, k.recipient, k.expires) & k.domains) == k.domains)
			continue;
		sp_cal_item *it = add_action(out, SP_CAL_CONSENT_RENEWAL,
					     sp_date_add_days(k.expires, -o->renew_days), o->as_of);
		it->ref = k.expires;
		it->index = i + 1;
		it->agency = k.recipient;
		it->domains = k.domains;
	}
}

struct measures_ctx {
	const sp_cal_opts *o;
	sp_cal_items *out;
};

/* A measure still to be done with a due date from the date checked on. */
static bool measure_due(const sp_plan *p, const sp_goal *g, const sp_measure *m, void *ctx)
{
	struct measures_ctx *mc = ctx;
	if (!m->has_due || m->due < mc->o->as_of || m->status == SP_MEASURE_DONE ||
	    m->status == SP_MEASURE_CANCELLED)
		return true;
	sp_cal_item *it = add(mc->out, SP_CAL_MEASURE_DUE, m->due);
	it->plan = p->id;
	it->measure = m->id;
	it->agency = m->responsible;
	it->domain = g->domain;
	return true;
}

static void measures(const json_t *c, const sp_cal_opts *o, sp_cal_items *out)
{
	struct measures_ctx mc = {o, out};
	sp_case_each_measure(c, measure_due, &mc);
}

/* --- reminders as they fall due ------------------------------------------------------- */

/* The days to look at, in order, each once. */
typedef struct {
	sp_date day[64];
	size_t n;
} days_to_check;

static void day_add(days_to_check *d, sp_date day, sp_date from)
{
	if (day < from || !sp_date_valid(day) || d->n == sizeof d->day / sizeof *d->day)
		return;
	for (size_t i = 0; i < d->n; i++)
		if (d->day[i] == day)
			return;
	d->day[d->n++] = day;
}

static bool day_next(days_to_check *d, sp_date *day)
{
	if (!d->n)
		return false;
	size_t min = 0;
	for (size_t i = 1; i < d->n; i++)
		if (d->day[i] < d->day[min])
			min = i;
	*day = d->day[min];
	d->day[min] = d->day[--d->n];
	return true;
}

/* The handover (1-based place) that a reminder about domain d to agency `to` is about: the
 * unanswered request to it. */
static size_t request_index(const json_t *c, int d, const char *to)
{
	for (size_t i = 0; i < sp_case_handover_count(c); i++) {
		sp_handover ho;
		if (sp_case_handover(c, i, &ho) && (int)ho.domain == d && strcmp(ho.to, to) == 0 &&
		    !ho.has_confirmed && !ho.has_declined)
			return i + 1;
	}
	return 0;
}

static bool reminder_known(const sp_cal_items *out, size_t first, const sp_ho_letter *l,
			   size_t index)
{
	for (size_t i = first; i < out->n; i++) {
		const sp_cal_item *it = &out->items[i];
		if (it->kind == SP_CAL_REMINDER && it->index == index &&
		    (it->letter && l->about ? strcmp(it->letter, l->about) == 0 : it->letter == l->about))
			return true;
	}
	return false;
}

/* The dates a reminder speaks of: the letter's or the request's (ref), and, for a letter,
 * the day its answer was due (a request's is the check's, set when it was found). */
static void reminder_dates(const json_t *c, sp_cal_item *it)
{
	for (size_t k = 0; it->letter && k < sp_case_letter_count(c); k++) {
		sp_letter l;
		if (sp_case_letter(c, k, &l) && strcmp(l.id, it->letter) == 0 && l.has_respond_by) {
			it->ref = l.date;
			it->due = l.respond_by;
		}
	}
	sp_handover ho;
	if (!it->letter && it->index && sp_case_handover(c, it->index - 1, &ho))
		it->ref = ho.requested;
}

/* Each reminder on the first day from as-of on that samplan-handover-check would suggest
 * it, if nothing changes: the check itself is asked on as-of and on each day an answer
 * becomes overdue (the day after a letter's respond_by, after a request's answer was due),
 * so that the rule stays in one place (sp_check_handovers()). A reminder that is to be
 * sent already is put on as-of. */
static void reminders(const json_t *c, const sp_rules *rules, const sp_agencies *reg,
		      const sp_cal_opts *o, const sp_handover_check *now, sp_cal_items *out)
{
	days_to_check days = {.n = 0};
	day_add(&days, o->as_of, o->as_of);
	for (size_t i = 0; i < sp_case_letter_count(c); i++) {
		sp_letter l;
		if (sp_case_letter(c, i, &l) && l.has_respond_by && l.outcome == SP_OUTCOME_NONE)
			day_add(&days, sp_date_add_days(l.respond_by, 1), o->as_of);
	}
	size_t first = out->n;
	sp_handover_check *h = sp_xmalloc(sizeof *h);
	sp_date day;
	while (day_next(&days, &day)) {
		const sp_handover_check *hc = h;
		if (day == o->as_of)
			hc = now;
		else
			sp_check_handovers(c, rules, reg, day, o->days, h);
		for (size_t i = 0; i < hc->nneeds; i++) /* a request pending now falls due later */
			if (hc->needs[i].status == SP_HO_PENDING)
				day_add(&days, sp_date_add_days(hc->needs[i].due, 1), day);
		for (size_t i = 0; i < hc->nletters; i++) {
			const sp_ho_letter *l = &hc->letters[i];
			if (strcmp(l->template_id, T_REMINDER) != 0)
				continue;
			size_t index = l->about ? 0 : request_index(c, l->domain, l->recipient);
			if (reminder_known(out, first, l, index))
				continue;
			sp_cal_item *it = add(out, SP_CAL_REMINDER, day);
			it->index = index;
			it->letter = l->about;
			it->agency = l->recipient;
			it->domain = l->domain;
			for (size_t k = 0; !l->about && k < hc->nneeds; k++)
				if ((int)hc->needs[k].domain == l->domain)
					it->due = hc->needs[k].due;
		}
	}
	free(h);
	for (size_t i = first; i < out->n; i++)
		reminder_dates(c, &out->items[i]);
}

void sp_case_calendar(const json_t *c, const sp_rules *rules, const sp_agencies *reg,
		      const sp_cal_opts *o, sp_cal_items *out)
{
	sp_handover_check *h = sp_xmalloc(sizeof *h);
	sp_check_handovers(c, rules, reg, o->as_of, o->days, h);
	dated_items(c, h, rules, o, out);
	reminders(c, rules, reg, o, h, out);
	consents(c, &h->a.info, o, out);
	measures(c, o, out);
	free(h);
}

void sp_cal_items_free(sp_cal_items *out)
{
	free(out->items);
	memset(out, 0, sizeof *out);
}
