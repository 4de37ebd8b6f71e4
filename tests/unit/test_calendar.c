/* SPDX-License-Identifier: MIT */
/* test_calendar.c — sp_case_calendar: which dated items a case gets, on which day, from
 * hand-made cases. Every expected day is worked out in a comment from the rules of
 * samplan-calendar(1), samplan-case(5) and the built-in rules (samplan-rules(5)):
 *   release: sentence.release, from as-of on;
 *   screening: start + screening_timely_days (14), only for a case with no screening; a
 *     day gone by is put on as-of;
 *   handover deadline: release − 14, while a need is missing, pending, overdue or declined;
 *   answer due: a letter's respond_by with no response, from as-of on;
 *   reminder: on the first day samplan-handover-check suggests it: a letter is unanswered
 *     from the day after respond_by; a request is overdue from the day after requested +
 *     the agency's response_days; one reminder per recipient; only with consent;
 *   meeting: a meeting of the group from as-of on, with its time;
 *   consent renewal: expires − 21 days, for a consent that expires by release, is not
 *     withdrawn and is not renewed by another; a day gone by is put on as-of;
 *   measure due: a measure's due date, not done or cancelled, from as-of on;
 *   follow-up starts: a confirmed handover's `starts`, from as-of on. */
#include "unit.h"
#include "casetext.h"
#include "domain/calendar.h"

#include <stdlib.h>

/* kommune-1804 answers in 28 days, nav-bodo in 10. */
static const char *registry_text =
    "samplan: 1\nkind: agencies\nagencies:\n"
    "  - {id: kommune-1804, name: Bodø kommune, type: municipality, municipality: \"1804\", response_days: 28}\n"
    "  - {id: nav-bodo, name: NAV Bodø, type: nav, municipality: \"1804\", response_days: 10}\n";

/* The IP, group and notice of test_handover.c: nothing is wrong at case level, so that the
 * only letters suggested are those a test sets up. */
#define IP                                                                                         \
	"ip:\n  status: in_progress\n  requested: 2026-09-06\n"                                    \
	"  coordinator: {name: Per Pettersen, agency: kommune-1804, appointed: 2026-09-20}\n"
#define GROUP "responsibility_group:\n  established: 2026-09-25\n  meetings: [{date: 2026-10-01}]\n"
#define NOTICE "\n  - {id: L-0, template: notice-of-sentence, recipient: kommune-1804, date: 2026-09-04}"

static sp_rules *rules;
static sp_agencies *reg;
static sp_doc *doc;
static sp_cal_items items;

static void setup(void)
{
	rules = sp_rules_default();
	reg = registry_of(registry_text);
	doc = NULL;
	memset(&items, 0, sizeof items);
}

static void teardown(void)
{
	sp_cal_items_free(&items);
	sp_doc_free(doc);
	sp_agencies_free(reg);
	sp_rules_free(rules);
}

/* The items of the case made of p as of a date (with IP, GROUP and the notice unless p says
 * otherwise). */
static const sp_cal_items *items_of(parts p, const char *as_of)
{
	if (!p.ip)
		p.ip = IP;
	if (!p.group)
		p.group = GROUP;
	if (!p.letters)
		p.letters = NOTICE;
	char *text = case_text(&p);
	sp_doc_free(doc);
	doc = valid_case(text);
	free(text);
	sp_cal_items_free(&items);
	sp_cal_opts o = {.as_of = D(as_of), .days = 14, .renew_days = 21};
	sp_case_calendar(doc->root, rules, reg, &o, &items);
	return &items;
}

static size_t count(sp_cal_kind k)
{
	size_t n = 0;
	for (size_t i = 0; i < items.n; i++)
		n += items.items[i].kind == k;
	return n;
}

/* The one item of kind k. */
static const sp_cal_item *one(sp_cal_kind k)
{
	ck_assert_msg(count(k) == 1, "%zu items %s, not 1", count(k), sp_cal_kind_name(k));
	for (size_t i = 0; i < items.n; i++)
		if (items.items[i].kind == k)
			return &items.items[i];
	return NULL;
}

#define ck_date(got, want) ck_assert_int_eq((got), D(want))

/* Release 2026-11-30, housing and finances missing: the release, and the deadline
 * 2026-11-30 − 14 = 2026-11-16 with both needs; screened, so no screening deadline. */
START_TEST(release_and_deadline)
{
	items_of((parts){0}, "2026-10-01");
	ck_date(one(SP_CAL_RELEASE)->date, "2026-11-30");
	const sp_cal_item *d = one(SP_CAL_HANDOVER_DEADLINE);
	ck_date(d->date, "2026-11-16");
	ck_date(d->ref, "2026-11-30");
	ck_assert_uint_eq(d->domains, (1u << SP_HOUSING) | (1u << SP_FINANCES));
	ck_assert_uint_eq(count(SP_CAL_SCREENING_DEADLINE), 0);
	/* the deadline day itself is still in the calendar; the day after, it is gone */
	items_of((parts){0}, "2026-11-16");
	ck_date(one(SP_CAL_HANDOVER_DEADLINE)->date, "2026-11-16");
	items_of((parts){0}, "2026-11-17");
	ck_assert_uint_eq(count(SP_CAL_HANDOVER_DEADLINE), 0);
	/* released: nothing of the release, nor the deadline */
	items_of((parts){0}, "2026-12-01");
	ck_assert_uint_eq(count(SP_CAL_RELEASE), 0);
}
END_TEST

/* Both needs confirmed: no deadline (nothing to settle), and each confirmed handover's
 * start is an item: housing starts 2026-11-30 (handover 1), finances 2026-12-02 (2). */
START_TEST(deadline_settled_and_follow_up)
{
	items_of((parts){.handovers =
			     "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10,"
			     " confirmed: 2026-10-01, starts: 2026-11-30}"
			     "\n  - {domain: finances, to: nav-bodo, requested: 2026-09-10,"
			     " confirmed: 2026-09-15, starts: 2026-12-02}"},
		 "2026-10-01");
	ck_assert_uint_eq(count(SP_CAL_HANDOVER_DEADLINE), 0);
	ck_assert_uint_eq(count(SP_CAL_FOLLOW_UP_STARTS), 2);
	for (size_t i = 0; i < items.n; i++) {
		const sp_cal_item *it = &items.items[i];
		if (it->kind != SP_CAL_FOLLOW_UP_STARTS)
			continue;
		ck_date(it->date, it->index == 1 ? "2026-11-30" : "2026-12-02");
		ck_assert_str_eq(it->agency, it->index == 1 ? "kommune-1804" : "nav-bodo");
		ck_assert_int_eq(it->domain, it->index == 1 ? SP_HOUSING : SP_FINANCES);
	}
}
END_TEST

/* No screening: start 2026-09-01 + 14 = 2026-09-15; as of 2026-09-20 it is put on
 * 2026-09-20 and remembers 2026-09-15. */
START_TEST(screening_deadline)
{
	const sp_cal_item *s;
	items_of((parts){.no_screening = true}, "2026-09-05");
	s = one(SP_CAL_SCREENING_DEADLINE);
	ck_date(s->date, "2026-09-15");
	ck_date(s->due, "2026-09-15");
	ck_date(s->ref, "2026-09-01");
	items_of((parts){.no_screening = true}, "2026-09-20");
	s = one(SP_CAL_SCREENING_DEADLINE);
	ck_date(s->date, "2026-09-20");
	ck_date(s->due, "2026-09-15");
}
END_TEST

/* L-1 asks kommune-1804 for an answer by 2026-10-10: an answer due on that day as of
 * 2026-10-01, and the reminder on 2026-10-11, the first day the letter is unanswered. */
START_TEST(answer_due_then_reminder)
{
	parts p = {.letters = NOTICE "\n  - {id: L-1, template: ip-request, recipient: kommune-1804,"
				     " date: 2026-09-20, respond_by: 2026-10-10}"};
	items_of(p, "2026-10-01");
	const sp_cal_item *a = one(SP_CAL_ANSWER_DUE);
	ck_date(a->date, "2026-10-10");
	ck_date(a->ref, "2026-09-20");
	ck_assert_str_eq(a->letter, "L-1");
	ck_assert_str_eq(a->agency, "kommune-1804");
	const sp_cal_item *r = one(SP_CAL_REMINDER);
	ck_date(r->date, "2026-10-11");
	ck_date(r->due, "2026-10-10");
	ck_date(r->ref, "2026-09-20");
	ck_assert_str_eq(r->letter, "L-1");
	/* as of 2026-10-15 the answer's day has gone by and the reminder is to send today */
	items_of(p, "2026-10-15");
	ck_assert_uint_eq(count(SP_CAL_ANSWER_DUE), 0);
	r = one(SP_CAL_REMINDER);
	ck_date(r->date, "2026-10-15");
	ck_date(r->due, "2026-10-10");
	/* answered: neither */
	p.letters = NOTICE "\n  - {id: L-1, template: ip-request, recipient: kommune-1804,"
			   " date: 2026-09-20, respond_by: 2026-10-10,"
			   " response: {date: 2026-10-05, outcome: acknowledged}}";
	items_of(p, "2026-10-01");
	ck_assert_uint_eq(count(SP_CAL_ANSWER_DUE) + count(SP_CAL_REMINDER), 0);
	/* reminded on 2026-10-12 already: no reminder as of 2026-10-15 */
	p.letters = NOTICE "\n  - {id: L-1, template: ip-request, recipient: kommune-1804,"
			   " date: 2026-09-20, respond_by: 2026-10-10}"
			   "\n  - {id: L-2, template: reminder, recipient: kommune-1804, date: 2026-10-12}";
	items_of(p, "2026-10-15");
	ck_assert_uint_eq(count(SP_CAL_REMINDER), 0);
}
END_TEST

/* Housing asked of kommune-1804 on 2026-09-10: its answer is due 28 days later, on
 * 2026-10-08; overdue, and a reminder suggested, from 2026-10-09. */
START_TEST(request_reminder)
{
	const char *ho = "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10}";
	items_of((parts){.handovers = ho}, "2026-10-01");
	const sp_cal_item *r = one(SP_CAL_REMINDER);
	ck_date(r->date, "2026-10-09");
	ck_date(r->due, "2026-10-08");
	ck_date(r->ref, "2026-09-10");
	ck_assert_uint_eq(r->index, 1);
	ck_assert_ptr_null(r->letter);
	ck_assert_int_eq(r->domain, SP_HOUSING);
	/* without consent to kommune-1804 no reminder is suggested, nor put in the calendar */
	items_of((parts){.handovers = ho,
			 .consents = "\n  - {recipient: nav-bodo, domains: [finances], given: 2026-09-03}"},
		 "2026-10-01");
	ck_assert_uint_eq(count(SP_CAL_REMINDER), 0);
}
END_TEST

/* Meetings on 2026-09-20 (held) and 2026-10-20 at 13:30 (planned): only the planned one,
 * meeting 2 of the list, at 13 × 60 + 30 = 810 minutes. */
START_TEST(meetings)
{
	items_of((parts){.group = "responsibility_group:\n  established: 2026-09-15\n  meetings:\n"
				  "    - {date: 2026-09-20}\n"
				  "    - {date: 2026-10-20, time: \"13:30\", participants: [kommune-1804]}\n"},
		 "2026-10-01");
	const sp_cal_item *m = one(SP_CAL_MEETING);
	ck_date(m->date, "2026-10-20");
	ck_assert_uint_eq(m->index, 2);
	ck_assert(m->has_time);
	ck_assert_int_eq(m->minute, 810);
	ck_assert_uint_eq(json_array_size(m->participants), 1);
}
END_TEST

/* The consent to nav-bodo expires 2026-11-10, before release: to renew 21 days before,
 * on 2026-10-20; as of 2026-11-01 that day has gone by and it is put on 2026-11-01. */
START_TEST(consent_renewal)
{
	char buf[512];
	snprintf(buf, sizeof buf, "%s", "\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03}"
					"\n  - {recipient: nav-bodo, domains: [finances], given: 2026-09-03,"
					" expires: 2026-11-10}");
	items_of((parts){.consents = buf}, "2026-10-01");
	const sp_cal_item *c = one(SP_CAL_CONSENT_RENEWAL);
	ck_date(c->date, "2026-10-20");
	ck_date(c->ref, "2026-11-10");
	ck_assert_uint_eq(c->index, 2);
	ck_assert_str_eq(c->agency, "nav-bodo");
	ck_assert_uint_eq(c->domains, 1u << SP_FINANCES);
	items_of((parts){.consents = buf}, "2026-11-01");
	c = one(SP_CAL_CONSENT_RENEWAL);
	ck_date(c->date, "2026-11-01");
	ck_date(c->due, "2026-10-20");
	/* renewed by a consent that holds on 2026-11-10: nothing to renew */
	snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s",
		 "\n  - {recipient: nav-bodo, domains: [finances, housing], given: 2026-10-25}");
	items_of((parts){.consents = buf}, "2026-10-01");
	ck_assert_uint_eq(count(SP_CAL_CONSENT_RENEWAL), 0);
	/* expiring after release (2026-11-30), or withdrawn: nothing to renew */
	items_of((parts){.consents = "\n  - {recipient: nav-bodo, domains: [finances],"
				     " given: 2026-09-03, expires: 2026-12-10}"},
		 "2026-10-01");
	ck_assert_uint_eq(count(SP_CAL_CONSENT_RENEWAL), 0);
	items_of((parts){.consents = "\n  - {recipient: nav-bodo, domains: [finances],"
				     " given: 2026-09-03, expires: 2026-11-10, withdrawn: 2026-09-30}"},
		 "2026-10-01");
	ck_assert_uint_eq(count(SP_CAL_CONSENT_RENEWAL), 0);
}
END_TEST

/* Measures due 2026-10-15 (planned), 2026-10-16 (done), 2026-09-20 (gone by) and
 * 2026-10-17 (in progress): the first and the last. */
START_TEST(measures_due)
{
	items_of((parts){.rest = "plans:\n  - id: fp-1\n    type: future_plan\n    owner: bodo-fengsel\n"
				 "    goals:\n      - id: g1\n        domain: housing\n        text: Bolig\n"
				 "        measures:\n"
				 "          - {id: m1, text: A, responsible: kommune-1804, due: 2026-10-15}\n"
				 "          - {id: m2, text: B, due: 2026-10-16, status: done}\n"
				 "          - {id: m3, text: C, due: 2026-09-20}\n"
				 "          - {id: m4, text: D, due: 2026-10-17, status: in_progress}\n"},
		 "2026-10-01");
	ck_assert_uint_eq(count(SP_CAL_MEASURE_DUE), 2);
	for (size_t i = 0; i < items.n; i++) {
		const sp_cal_item *it = &items.items[i];
		if (it->kind != SP_CAL_MEASURE_DUE)
			continue;
		ck_assert_str_eq(it->plan, "fp-1");
		ck_assert(strcmp(it->measure, "m1") == 0 || strcmp(it->measure, "m4") == 0);
		ck_date(it->date, strcmp(it->measure, "m1") == 0 ? "2026-10-15" : "2026-10-17");
		ck_assert_int_eq(it->domain, SP_HOUSING);
	}
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("calendar");
	TCase *tc = tcase_create("items");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, release_and_deadline);
	tcase_add_test(tc, deadline_settled_and_follow_up);
	tcase_add_test(tc, screening_deadline);
	tcase_add_test(tc, answer_due_then_reminder);
	tcase_add_test(tc, request_reminder);
	tcase_add_test(tc, meetings);
	tcase_add_test(tc, consent_renewal);
	tcase_add_test(tc, measures_due);
	suite_add_tcase(s, tc);
	return s;
}
