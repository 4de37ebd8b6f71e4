/* SPDX-License-Identifier: MIT */
/* test_handover.c — sp_check_handovers, sp_handover_has_gaps and sp_handover_report_json:
 * the status of every need at each date boundary, the worst status, every case finding,
 * the letters to send next, and the report's keys. Each case is a small template with one
 * part changed; every expected value is worked out in a comment.
 *
 * The rules (samplan-case(5), "Derived output"; lib/domain/handover.h):
 *   deadline = release − days (14 unless said); a confirmation after it is late;
 *   due = requested + the agency's response_days (21 when the agency is not in the
 *   registry); pending on the due day, overdue the day after;
 *   the first handover for a domain decides; declined before confirmed;
 *   worst: not_wanted < confirmed < pending < late < missing < overdue < declined;
 *   gaps: a finding, a need missing, overdue or declined, or a need still pending
 *   after the deadline (as of a later day; the status stays pending);
 *   a handover request, reminder or complaint already sent blocks a new one for a need
 *   only when the letter names the need's domain (its optional `domain` key);
 *   the home municipality is told once it has had any letter about the person (with a
 *   registry: any letter to a municipality agency of the home municipality; without one,
 *   only the notice).
 * The needs and their recipients come from sp_assess under the built-in rules (see
 * test_screen.c): housing → municipality, finances → nav, mental health → specialist
 * health, family → municipality, work and education → nav. */
#include "unit.h"
#include "casetext.h"
#include "domain/handover.h"
#include "domain/validate.h"

#include <stdio.h>
#include <stdlib.h>

/* The registry: Bodø (1804) and Oslo kommune (0301). kommune-1804 answers in 28 days,
 * nav-bodo in 10 (both given here, so neither is a type default); dps-salten has none
 * (specialist health: 30). kommune-ukjent, used below, is in no registry. */
static const char *registry_text =
    "samplan: 1\n"
    "kind: agencies\n"
    "agencies:\n"
    "  - {id: kommune-1804, name: Bodø kommune, type: municipality, municipality: \"1804\", response_days: 28}\n"
    "  - {id: nav-bodo, name: NAV Bodø, type: nav, municipality: \"1804\", response_days: 10}\n"
    "  - {id: dps-salten, name: Salten DPS, type: specialist_health, municipality: \"1804\"}\n"
    "  - {id: helse-bodo, name: Helsetjenesten Bodø fengsel, type: health_service, municipality: \"1804\"}\n"
    "  - {id: bodo-fengsel, name: Bodø fengsel, type: prison, municipality: \"1804\"}\n"
    "  - {id: friomsorgen-nordland, name: Nordland friomsorgskontor, type: probation_office, municipality: \"1804\"}\n"
    "  - {id: kommune-0301, name: Oslo kommune, type: municipality, municipality: \"0301\"}\n";

/* The template: home Bodø, prison 2026-09-01 to 2026-11-30, consent to kommune-1804 for
 * all domains and to nav-bodo for finances (both given 2026-09-03), screened 2026-09-03
 * wanting follow-up: a housing need (past and current) and a finances need (current),
 * so an IP is indicated and a coordinator required (2 needs, municipality and nav,
 * housing past and current). Nothing is wrong at case level: the IP is in progress with
 * a coordinator appointed, the group met on 2026-10-01, and the notice of sentence went
 * to kommune-1804 on 2026-09-04. No handovers. */
#define IP                                                                                         \
	"ip:\n  status: in_progress\n  requested: 2026-09-06\n"                                    \
	"  coordinator: {name: Per Pettersen, agency: kommune-1804, appointed: 2026-09-20}\n"
#define GROUP "responsibility_group:\n  established: 2026-09-25\n  meetings: [{date: 2026-10-01}]\n"
#define NOTICE "\n  - {id: L-0, template: notice-of-sentence, recipient: kommune-1804, date: 2026-09-04}"
#define AS_OF "2026-10-01" /* 60 days before the release; the deadline is 2026-11-16 */

static sp_rules *rules;
static sp_agencies *reg;
static sp_doc *doc; /* the case last checked (the check borrows from it) */
static sp_handover_check H;

static void setup(void)
{
	rules = sp_rules_default();
	reg = registry_of(registry_text);
	doc = NULL;
}

static void teardown(void)
{
	sp_doc_free(doc);
	doc = NULL;
	sp_agencies_free(reg);
	sp_rules_free(rules);
}

/* Build the case from p and check it is a valid case; it stays in `doc` until the next.
 * Here the template also has IP, GROUP, the notice and no handovers; "" leaves the ip or
 * the group block out. */
static const json_t *make_case(parts p)
{
	if (!p.ip)
		p.ip = IP;
	if (!p.group)
		p.group = GROUP;
	if (!p.letters)
		p.letters = NOTICE;
	if (!p.handovers)
		p.handovers = " []";
	char *text = case_text(&p);
	sp_doc_free(doc);
	doc = valid_case(text);
	free(text);
	return doc->root;
}

static const sp_handover_check *check_with(parts p, const char *as_of, int days, const sp_agencies *r)
{
	sp_check_handovers(make_case(p), rules, r, D(as_of), days, &H);
	return &H;
}

static const sp_handover_check *check(parts p, const char *as_of) { return check_with(p, as_of, 14, reg); }

/* --- ways to look at a check ---------------------------------------------------------- */

static const sp_ho_need *need(const sp_handover_check *h, sp_domain d)
{
	for (size_t i = 0; i < h->nneeds; i++)
		if (h->needs[i].domain == d)
			return &h->needs[i];
	ck_assert_msg(0, "no %s need", sp_domain_name(d));
	return NULL;
}

static const char *status(const sp_handover_check *h, sp_domain d)
{
	return sp_ho_status_name(need(h, d)->status);
}

/* "housing:missing finances:overdue" */
static const char *statuses(const sp_handover_check *h)
{
	static char buf[512];
	buf[0] = '\0';
	for (size_t i = 0; i < h->nneeds; i++) {
		put(buf, sizeof buf, i ? " %s" : "%s", sp_domain_name(h->needs[i].domain));
		put(buf, sizeof buf, ":%s", sp_ho_status_name(h->needs[i].status));
	}
	return buf;
}

/* "coordinator_not_appointed,letters_unanswered" */
static const char *findings(const sp_handover_check *h)
{
	static char buf[512];
	buf[0] = '\0';
	for (unsigned b = 0; b < SP_FIND_COUNT; b++)
		if (h->findings & (1u << b))
			put(buf, sizeof buf, *buf ? ",%s" : "%s", sp_finding_name(1u << b));
	ck_assert_uint_eq(h->findings >> SP_FIND_COUNT, 0);
	return buf;
}

/* "L-1,L-5" */
static const char *unanswered(const sp_handover_check *h)
{
	static char buf[512];
	buf[0] = '\0';
	for (size_t i = 0; i < h->nunanswered; i++)
		put(buf, sizeof buf, i ? ",%s" : "%s", h->unanswered[i]);
	return buf;
}

/* "reminder>nav-bodo/finances notice-of-sentence>kommune-1804 reminder>kommune-1804@L-1" */
static const char *letters(const sp_handover_check *h)
{
	static char buf[2048];
	buf[0] = '\0';
	for (size_t i = 0; i < h->nletters; i++) {
		const sp_ho_letter *l = &h->letters[i];
		put(buf, sizeof buf, i ? " %s" : "%s", l->template_id);
		put(buf, sizeof buf, ">%s", l->recipient);
		if (l->domain >= 0)
			put(buf, sizeof buf, "/%s", sp_domain_name((sp_domain)l->domain));
		if (l->about)
			put(buf, sizeof buf, "@%s", l->about);
	}
	return buf;
}

/* The two handover requests the template gets (both needs missing, consent to both). */
#define REQUESTS "handover-request>kommune-1804/housing handover-request>nav-bodo/finances"

/* --- names ---------------------------------------------------------------------------- */

START_TEST(names_and_gap_statuses)
{
	static const char *const names[] = {"not_wanted", "confirmed", "pending", "late",
					    "missing",    "overdue",   "declined"};
	for (int s = 0; s < SP_HO_STATUS_COUNT; s++) {
		ck_assert_str_eq(sp_ho_status_name((sp_ho_status)s), names[s]);
		/* the three statuses someone must act on */
		ck_assert_int_eq(sp_ho_is_gap((sp_ho_status)s),
				 s == SP_HO_MISSING || s == SP_HO_OVERDUE || s == SP_HO_DECLINED);
	}
	ck_assert_str_eq(sp_finding_name(SP_FIND_COORDINATOR), "coordinator_not_appointed");
	ck_assert_str_eq(sp_finding_name(SP_FIND_NO_GROUP), "no_responsibility_group");
	ck_assert_str_eq(sp_finding_name(SP_FIND_NO_MEETING), "no_meeting_before_release");
	ck_assert_str_eq(sp_finding_name(SP_FIND_NOT_NOTIFIED), "municipality_not_notified");
	ck_assert_str_eq(sp_finding_name(SP_FIND_UNANSWERED), "letters_unanswered");
	ck_assert_str_eq(sp_finding_name(SP_FIND_NO_CONSENT), "consent_missing");
	ck_assert_str_eq(sp_finding_text(SP_FIND_NOT_NOTIFIED),
			 "the home municipality has not been told that the person is serving");
	ck_assert_str_eq(sp_finding_text(SP_FIND_NO_MEETING),
			 "the responsibility group has not met before the release date");
}
END_TEST

START_TEST(gaps_from_worst_and_findings)
{
	sp_handover_check h;
	for (int s = 0; s < SP_HO_STATUS_COUNT; s++) {
		memset(&h, 0, sizeof h);
		h.worst = (sp_ho_status)s;
		ck_assert_int_eq(sp_handover_has_gaps(&h), sp_ho_is_gap((sp_ho_status)s));
		/* any finding is a gap, whatever the statuses; advice is not */
		for (unsigned b = 0; b < SP_FIND_COUNT; b++) {
			h.findings = 1u << b;
			if (h.findings == SP_FIND_GROUP_RECOMMENDED)
				ck_assert_int_eq(sp_handover_has_gaps(&h), sp_ho_is_gap((sp_ho_status)s));
			else
				ck_assert(sp_handover_has_gaps(&h));
		}
	}
}
END_TEST

/* --- the template --------------------------------------------------------------------- */

START_TEST(template_case)
{
	const sp_handover_check *h = check((parts){0}, AS_OF);
	ck_assert(h->a.has_release);
	ck_assert_int_eq(h->a.days_to_release, 60);
	ck_assert_int_eq(h->deadline, D("2026-11-16")); /* 2026-11-30 − 14 */
	/* nothing requested for either need, and the person wants follow-up: missing, with
	 * the agency to ask */
	ck_assert_str_eq(statuses(h), "housing:missing finances:missing");
	ck_assert_ptr_null(need(h, SP_HOUSING)->to);
	ck_assert(!need(h, SP_HOUSING)->has_request);
	ck_assert_str_eq(need(h, SP_HOUSING)->recipient, "kommune-1804");
	ck_assert_str_eq(need(h, SP_FINANCES)->recipient, "nav-bodo");
	ck_assert_int_eq(h->worst, SP_HO_MISSING);
	ck_assert_str_eq(findings(h), "");
	ck_assert(sp_handover_has_gaps(h)); /* missing is a gap */
	/* a handover request to each recipient, with consent for its domain */
	ck_assert_str_eq(letters(h), REQUESTS);
}
END_TEST

/* --- confirmed and late ----------------------------------------------------------------- */

START_TEST(confirmed_by_the_deadline)
{
	/* housing asked of kommune-1804 on 2026-09-10, confirmed on … (checked afterwards) */
	static const struct {
		const char *confirmed;
		int days;
		const char *deadline, *status;
	} t[] = {
	    {"2026-09-20", 14, "2026-11-16", "confirmed"},
	    {"2026-11-15", 14, "2026-11-16", "confirmed"}, /* the day before the deadline */
	    {"2026-11-16", 14, "2026-11-16", "confirmed"}, /* on the deadline: in time */
	    {"2026-11-17", 14, "2026-11-16", "late"},      /* the day after */
	    {"2026-11-30", 14, "2026-11-16", "late"},      /* on the release day */
	    {"2026-12-05", 14, "2026-11-16", "late"},      /* after the release */
	    /* --days 0: the deadline is the release day itself */
	    {"2026-11-30", 0, "2026-11-30", "confirmed"},
	    {"2026-12-01", 0, "2026-11-30", "late"},
	    /* --days 30: 2026-10-31; what was in time at 14 days is late */
	    {"2026-10-31", 30, "2026-10-31", "confirmed"},
	    {"2026-11-01", 30, "2026-10-31", "late"},
	    {"2026-11-16", 30, "2026-10-31", "late"},
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		char ho[256];
		snprintf(ho, sizeof ho,
			 "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, confirmed: %s}",
			 t[i].confirmed);
		const sp_handover_check *h = check_with((parts){.handovers = ho}, "2026-12-10", t[i].days, reg);
		ck_assert_int_eq(h->deadline, D(t[i].deadline));
		ck_assert_msg(strcmp(status(h, SP_HOUSING), t[i].status) == 0, "row %zu: %s", i,
			      status(h, SP_HOUSING));
		const sp_ho_need *n = need(h, SP_HOUSING);
		ck_assert(n->has_request);
		ck_assert_str_eq(n->to, "kommune-1804");
		ck_assert_int_eq(n->requested, D("2026-09-10"));
		ck_assert_int_eq(n->answered, D(t[i].confirmed));
		ck_assert(!sp_ho_is_gap(n->status)); /* late, but taken over */
	}
	/* remand: no release date, so no deadline, and a confirmation is never late */
	const sp_handover_check *h = check(
	    (parts){.sentence = REMAND,
		    .handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, confirmed: 2027-05-01}"},
	    "2027-05-10");
	ck_assert(!h->a.has_release);
	ck_assert_str_eq(status(h, SP_HOUSING), "confirmed");
}
END_TEST

/* --- pending and overdue ---------------------------------------------------------------- */

START_TEST(pending_until_the_answer_is_due)
{
	static const struct {
		const char *handover, *as_of, *due, *status;
		bool no_registry;
	} t[] = {
	    /* nav-bodo answers in 10 days (registry): asked 2026-09-20, due 2026-09-30 */
	    {"{domain: finances, to: nav-bodo, requested: 2026-09-20}", "2026-09-20", "2026-09-30", "pending", false},
	    {"{domain: finances, to: nav-bodo, requested: 2026-09-20}", "2026-09-30", "2026-09-30", "pending", false},
	    {"{domain: finances, to: nav-bodo, requested: 2026-09-20}", "2026-10-01", "2026-09-30", "overdue", false},
	    /* kommune-1804 in 28: asked 2026-09-10, due 2026-10-08 */
	    {"{domain: housing, to: kommune-1804, requested: 2026-09-10}", "2026-10-08", "2026-10-08", "pending", false},
	    {"{domain: housing, to: kommune-1804, requested: 2026-09-10}", "2026-10-09", "2026-10-08", "overdue", false},
	    /* an agency that is not in the registry: 21 days, due 2026-10-01 */
	    {"{domain: housing, to: kommune-ukjent, requested: 2026-09-10}", "2026-10-01", "2026-10-01", "pending", false},
	    {"{domain: housing, to: kommune-ukjent, requested: 2026-09-10}", "2026-10-02", "2026-10-01", "overdue", false},
	    /* no registry at all: 21 days for nav-bodo too, due 2026-10-11 */
	    {"{domain: finances, to: nav-bodo, requested: 2026-09-20}", "2026-10-11", "2026-10-11", "pending", true},
	    {"{domain: finances, to: nav-bodo, requested: 2026-09-20}", "2026-10-12", "2026-10-11", "overdue", true},
	    /* asked two days before the release: still pending on the release day (the
	     * agency's time has not run out, although the deadline has passed) */
	    {"{domain: housing, to: kommune-1804, requested: 2026-11-28}", "2026-11-30", "2026-12-26", "pending", false},
	    /* an answer overdue after the release stays overdue */
	    {"{domain: finances, to: nav-bodo, requested: 2026-11-25}", "2026-12-06", "2026-12-05", "overdue", false},
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		char ho[256];
		snprintf(ho, sizeof ho, "\n  - %s", t[i].handover);
		const sp_handover_check *h =
		    check_with((parts){.handovers = ho}, t[i].as_of, 14, t[i].no_registry ? NULL : reg);
		sp_domain d = strstr(t[i].handover, "housing") ? SP_HOUSING : SP_FINANCES;
		const sp_ho_need *n = need(h, d);
		ck_assert_msg(strcmp(sp_ho_status_name(n->status), t[i].status) == 0, "row %zu: %s", i,
			      sp_ho_status_name(n->status));
		ck_assert_msg(n->due == D(t[i].due), "row %zu: due", i);
		ck_assert(n->has_request);
		ck_assert_int_eq(sp_handover_has_gaps(h), 1); /* the other need is missing */
	}
}
END_TEST

/* --- declined, and which handover decides ----------------------------------------------- */

START_TEST(declined)
{
	/* declined alone (the validator forbids declined and confirmed together) */
	const sp_handover_check *h = check(
	    (parts){.handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, declined: 2026-09-25}"},
	    AS_OF);
	ck_assert_str_eq(status(h, SP_HOUSING), "declined");
	ck_assert_int_eq(need(h, SP_HOUSING)->answered, D("2026-09-25"));
	ck_assert_str_eq(need(h, SP_HOUSING)->to, "kommune-1804");
	ck_assert_int_eq(h->worst, SP_HO_DECLINED);
	ck_assert(sp_handover_has_gaps(h));
	/* declined after the deadline: declined, not late */
	h = check((parts){.handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, declined: 2026-11-20}"},
		  "2026-11-25");
	ck_assert_str_eq(status(h, SP_HOUSING), "declined");
}
END_TEST

START_TEST(every_handover_counts)
{
	/* a finances handover first (another domain: it does not count for housing); housing
	 * declined by kommune-1804 on 09-20, then asked again (09-22) and confirmed 09-28: some
	 * handover was confirmed, by the deadline 11-16, so housing is confirmed, described by
	 * the confirmed handover, with the one refusal before it counted */
	const sp_handover_check *h = check(
	    (parts){.handovers = "\n  - {domain: finances, to: nav-bodo, requested: 2026-09-20, confirmed: 2026-09-25}"
				 "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, declined: 2026-09-20}"
				 "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-22, confirmed: 2026-09-28}"},
	    AS_OF);
	ck_assert_str_eq(statuses(h), "housing:confirmed finances:confirmed");
	ck_assert_int_eq(need(h, SP_HOUSING)->requested, D("2026-09-22"));
	ck_assert_int_eq(need(h, SP_HOUSING)->answered, D("2026-09-28"));
	ck_assert_uint_eq(need(h, SP_HOUSING)->nrequests, 2);
	ck_assert_uint_eq(need(h, SP_HOUSING)->ndeclined, 1);
	/* no complaint about the refusal: another request was confirmed */
	ck_assert_str_eq(letters(h), "");
	/* in any order in the file: the confirmation listed before the refusal */
	h = check((parts){.handovers = "\n  - {domain: housing, to: nav-bodo, requested: 2026-09-22, confirmed: 2026-09-28}"
				       "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, declined: 2026-09-20}"},
		  AS_OF);
	ck_assert_str_eq(status(h, SP_HOUSING), "confirmed");
	ck_assert_str_eq(need(h, SP_HOUSING)->to, "nav-bodo");
	/* an unanswered request (kommune-ukjent, due 10-01) and a confirmed one: confirmed */
	h = check((parts){.handovers = "\n  - {domain: housing, to: kommune-ukjent, requested: 2026-09-10}"
				       "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-12, confirmed: 2026-09-20}"},
		  "2026-10-02");
	ck_assert_str_eq(status(h, SP_HOUSING), "confirmed");
	ck_assert_str_eq(need(h, SP_HOUSING)->to, "kommune-1804");
	/* two confirmations: the earliest decides; 11-10 is by the deadline 11-16, although
	 * the other (listed first) came on 11-20, after it */
	h = check((parts){.handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, confirmed: 2026-11-20}"
				       "\n  - {domain: housing, to: nav-bodo, requested: 2026-10-01, confirmed: 2026-11-10}"},
		  "2026-11-25");
	ck_assert_str_eq(status(h, SP_HOUSING), "confirmed");
	ck_assert_str_eq(need(h, SP_HOUSING)->to, "nav-bodo");
	ck_assert_int_eq(need(h, SP_HOUSING)->answered, D("2026-11-10"));
	/* only confirmations after the deadline: late, by the earliest (11-18) */
	h = check((parts){.handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, confirmed: 2026-11-20}"
				       "\n  - {domain: housing, to: nav-bodo, requested: 2026-10-01, confirmed: 2026-11-18}"},
		  "2026-11-25");
	ck_assert_str_eq(status(h, SP_HOUSING), "late");
	ck_assert_int_eq(need(h, SP_HOUSING)->answered, D("2026-11-18"));
	/* declined, then asked of another and not answered yet: pending (nav-bodo answers in
	 * 10 days: due 09-30), then overdue, with a reminder to nav-bodo and no complaint */
	const char *declined_then_asked =
	    "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, declined: 2026-09-15}"
	    "\n  - {domain: housing, to: nav-bodo, requested: 2026-09-20}";
	h = check((parts){.handovers = declined_then_asked}, "2026-09-30");
	ck_assert_str_eq(status(h, SP_HOUSING), "pending");
	ck_assert_str_eq(need(h, SP_HOUSING)->to, "nav-bodo");
	ck_assert_int_eq(need(h, SP_HOUSING)->due, D("2026-09-30"));
	h = check((parts){.handovers = declined_then_asked,
			  .consents = "\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03}"
				      "\n  - {recipient: nav-bodo, domains: [finances, housing], given: 2026-09-03}"},
		  AS_OF);
	ck_assert_str_eq(status(h, SP_HOUSING), "overdue");
	ck_assert(strstr(letters(h), "reminder>nav-bodo/housing") != NULL);
	ck_assert(strstr(letters(h), "complaint") == NULL);
	/* two open requests: pending while one is not yet due. kommune-ukjent asked 09-01 (due
	 * 09-22, passed), kommune-1804 asked 09-20 (28 days: due 10-18): pending, about the
	 * one not yet due */
	h = check((parts){.handovers = "\n  - {domain: housing, to: kommune-ukjent, requested: 2026-09-01}"
				       "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-20}"},
		  AS_OF);
	ck_assert_str_eq(status(h, SP_HOUSING), "pending");
	ck_assert_str_eq(need(h, SP_HOUSING)->to, "kommune-1804");
	ck_assert_int_eq(need(h, SP_HOUSING)->due, D("2026-10-18"));
	/* the overdue one still gets its reminder while the other is pending: nav-bodo (10
	 * days) asked on 09-01, due 09-11; kommune-1804 asked 09-20, pending */
	h = check((parts){.handovers = "\n  - {domain: housing, to: nav-bodo, requested: 2026-09-01}"
				       "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-20}",
			  .consents = "\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03}"
				      "\n  - {recipient: nav-bodo, domains: [finances, housing], given: 2026-08-20}"},
		  AS_OF);
	ck_assert_str_eq(status(h, SP_HOUSING), "pending");
	ck_assert(strstr(letters(h), "reminder>nav-bodo/housing") != NULL);
	ck_assert(strstr(letters(h), "reminder>kommune-1804/housing") == NULL);
	/* every request declined: declined, about the latest refusal (nav-bodo, 09-25), and a
	 * complaint goes to it (kommune-1804 consented to all domains; give nav-bodo housing) */
	h = check((parts){.handovers = "\n  - {domain: housing, to: nav-bodo, requested: 2026-09-12, declined: 2026-09-25}"
				       "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, declined: 2026-09-20}",
			  .consents = "\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03}"
				      "\n  - {recipient: nav-bodo, domains: [finances, housing], given: 2026-09-03}"},
		  AS_OF);
	ck_assert_str_eq(status(h, SP_HOUSING), "declined");
	ck_assert_str_eq(need(h, SP_HOUSING)->to, "nav-bodo");
	ck_assert_int_eq(need(h, SP_HOUSING)->answered, D("2026-09-25"));
	ck_assert_uint_eq(need(h, SP_HOUSING)->ndeclined, 2);
	ck_assert(strstr(letters(h), "complaint>nav-bodo/housing") != NULL);
	ck_assert(strstr(letters(h), "complaint>kommune-1804") == NULL);
}
END_TEST

/* --- follow-up that starts ------------------------------------------------------------ */

/* The template's release is 2026-11-30; follow-up is in place when it starts at most 7 days
 * after (the built-in handover.starts_late_days), so by 2026-12-07. */
#define H_STARTS(date) "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, confirmed: 2026-09-20, starts: " date "}"

START_TEST(follow_up_from_starts)
{
	/* on the seventh day after release: in place */
	const sp_handover_check *h = check((parts){.handovers = H_STARTS("2026-12-07")}, AS_OF);
	ck_assert_int_eq(need(h, SP_HOUSING)->follow_up, SP_FU_IN_PLACE);
	ck_assert_int_eq(need(h, SP_HOUSING)->starts, D("2026-12-07"));
	ck_assert_str_eq(findings(h), "");
	/* the eighth: late, a finding about housing, and a gap although housing is confirmed */
	h = check((parts){.handovers = H_STARTS("2026-12-08")}, AS_OF);
	ck_assert_str_eq(status(h, SP_HOUSING), "confirmed");
	ck_assert_int_eq(need(h, SP_HOUSING)->follow_up, SP_FU_STARTS_LATE);
	ck_assert_str_eq(findings(h), "follow_up_starts_late");
	ck_assert_uint_eq(h->starts_late, 1u << SP_HOUSING);
	ck_assert(sp_handover_has_gaps(h));
	/* a flat from before release: in place */
	h = check((parts){.handovers = H_STARTS("2026-11-15")}, AS_OF);
	ck_assert_int_eq(need(h, SP_HOUSING)->follow_up, SP_FU_IN_PLACE);
	/* a place 45 days after release, as the report's example: late */
	h = check((parts){.handovers = H_STARTS("2027-01-14")}, AS_OF);
	ck_assert_int_eq(need(h, SP_HOUSING)->follow_up, SP_FU_STARTS_LATE);
	/* two confirmations: the earliest start decides (12-01, in place) */
	h = check((parts){.handovers = H_STARTS("2026-12-20")
			  "\n  - {domain: housing, to: nav-bodo, requested: 2026-09-12, confirmed: 2026-10-01, starts: 2026-12-01}"},
		  AS_OF);
	ck_assert_int_eq(need(h, SP_HOUSING)->follow_up, SP_FU_IN_PLACE);
	ck_assert_int_eq(need(h, SP_HOUSING)->starts, D("2026-12-01"));
	/* the rules say how late is late: with starts_late_days 0, the day after release is */
	rules->starts_late_days = 0;
	h = check((parts){.handovers = H_STARTS("2026-12-01")}, AS_OF);
	ck_assert_int_eq(need(h, SP_HOUSING)->follow_up, SP_FU_STARTS_LATE);
	h = check((parts){.handovers = H_STARTS("2026-11-30")}, AS_OF);
	ck_assert_int_eq(need(h, SP_HOUSING)->follow_up, SP_FU_IN_PLACE);
	/* a need that is not confirmed has no follow-up */
	h = check((parts){.handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-20}"}, AS_OF);
	ck_assert_int_eq(need(h, SP_HOUSING)->follow_up, SP_FU_NONE);
	ck_assert_int_eq(need(h, SP_FINANCES)->follow_up, SP_FU_NONE);
}
END_TEST

START_TEST(follow_up_start_unknown)
{
	/* confirmed with no start: unknown; reported from 14 days before release (11-16), not
	 * on the 15th (11-15), and still after release */
	const char *ho = "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, confirmed: 2026-09-20}";
	const sp_handover_check *h = check((parts){.handovers = ho}, "2026-11-15");
	ck_assert_int_eq(need(h, SP_HOUSING)->follow_up, SP_FU_UNKNOWN);
	ck_assert(strstr(findings(h), "follow_up_start_unknown") == NULL);
	h = check((parts){.handovers = ho}, "2026-11-16");
	ck_assert(strstr(findings(h), "follow_up_start_unknown") != NULL);
	ck_assert_uint_eq(h->start_unknown, 1u << SP_HOUSING);
	h = check((parts){.handovers = ho}, "2026-12-05");
	ck_assert(strstr(findings(h), "follow_up_start_unknown") != NULL);
	/* the rules' start_unknown_days: 30 reports it from 10-31 */
	rules->start_unknown_days = 30;
	h = check((parts){.handovers = ho}, "2026-10-31");
	ck_assert(strstr(findings(h), "follow_up_start_unknown") != NULL);
	h = check((parts){.handovers = ho}, "2026-10-30");
	ck_assert(strstr(findings(h), "follow_up_start_unknown") == NULL);
	/* remand, no release date: a start is in place, none is unknown but never reported */
	h = check((parts){.sentence = REMAND, .handovers = H_STARTS("2027-03-01")}, "2026-11-16");
	ck_assert_int_eq(need(h, SP_HOUSING)->follow_up, SP_FU_IN_PLACE);
	h = check((parts){.sentence = REMAND, .handovers = ho}, "2026-11-16");
	ck_assert_int_eq(need(h, SP_HOUSING)->follow_up, SP_FU_UNKNOWN);
	ck_assert(strstr(findings(h), "follow_up") == NULL);
	/* the report: starts and follow_up for a confirmed need, and the finding's domains */
	h = check((parts){.handovers = H_STARTS("2026-12-08")}, AS_OF);
	json_t *r = sp_handover_report_json(doc->root, h, 14);
	json_t *housing = json_array_get(json_object_get(r, "needs"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(housing, "starts")), "2026-12-08");
	ck_assert_str_eq(json_string_value(json_object_get(housing, "follow_up")), "starts_late");
	json_t *f = json_array_get(json_object_get(r, "findings"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(f, "finding")), "follow_up_starts_late");
	ck_assert_str_eq(json_string_value(json_array_get(json_object_get(f, "domains"), 0)), "housing");
	ck_assert_uint_eq(json_array_size(json_object_get(f, "domains")), 1);
	/* the contact person is a name: it is never in the report */
	json_decref(r);
	h = check((parts){.handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, "
				       "confirmed: 2026-09-20, starts: 2026-12-08, contact: Kari Nordmann}"},
		  AS_OF);
	r = sp_handover_report_json(doc->root, h, 14);
	char *text = json_dumps(r, 0);
	ck_assert(strstr(text, "Kari") == NULL);
	free(text);
	json_decref(r);
}
END_TEST

/* --- who may coordinate ---------------------------------------------------------------- */

#define COORDINATOR(agency)                                                                        \
	"ip:\n  status: in_progress\n  requested: 2026-09-06\n"                                    \
	"  coordinator: {name: Per Pettersen, agency: " agency ", appointed: 2026-09-20}\n"

START_TEST(finding_coordinator_agency)
{
	/* the prison (the case's unit) and a probation office cannot appoint a coordinator */
	ck_assert_str_eq(findings(check((parts){.ip = COORDINATOR("bodo-fengsel")}, AS_OF)),
			 "coordinator_not_from_services");
	ck_assert_str_eq(findings(check((parts){.ip = COORDINATOR("friomsorgen-nordland")}, AS_OF)),
			 "coordinator_not_from_services");
	ck_assert(sp_handover_has_gaps(check((parts){.ip = COORDINATOR("bodo-fengsel")}, AS_OF)));
	/* the municipality, its health service, NAV and the specialist health service may */
	ck_assert_str_eq(findings(check((parts){.ip = COORDINATOR("kommune-1804")}, AS_OF)), "");
	ck_assert_str_eq(findings(check((parts){.ip = COORDINATOR("helse-bodo")}, AS_OF)), "");
	ck_assert_str_eq(findings(check((parts){.ip = COORDINATOR("nav-bodo")}, AS_OF)), "");
	ck_assert_str_eq(findings(check((parts){.ip = COORDINATOR("dps-salten")}, AS_OF)), "");
	/* an agency the registry does not know: no finding (it may well be a municipality) */
	ck_assert_str_eq(findings(check((parts){.ip = COORDINATOR("kommune-ukjent")}, AS_OF)), "");
	/* without a registry the case's own unit is still known to be the prison */
	ck_assert(strstr(findings(check_with((parts){.ip = COORDINATOR("bodo-fengsel")}, AS_OF, 14, NULL)),
			 "coordinator_not_from_services") != NULL);
	ck_assert(strstr(findings(check_with((parts){.ip = COORDINATOR("kommune-1804")}, AS_OF, 14, NULL)),
			 "coordinator_not_from_services") == NULL);
	/* the rules say who may: without nav in appointed_by, a coordinator from NAV is one */
	rules->coordinator_agencies &= ~(1u << SP_AGENCY_NAV);
	ck_assert_str_eq(findings(check((parts){.ip = COORDINATOR("nav-bodo")}, AS_OF)),
			 "coordinator_not_from_services");
	/* the message says why, citing the regulation and the act */
	const char *t = sp_finding_text(SP_FIND_COORDINATOR_AGENCY);
	ck_assert(strstr(t, "individuell plan og koordinator § 21") != NULL);
	ck_assert(strstr(t, "spesialisthelsetjenesteloven § 2-5 a") != NULL);
}
END_TEST

/* --- a responsibility group where partners take part ------------------------------------- */

/* One need (finances, current): no IP indicated, no coordinator required. Finances asked
 * of nav-bodo on 09-25, due 10-05: pending as of 10-01, not a gap. No group. */
#define ONE_NEED "    finances: {past: false, current: true, contact: null, needs: []}\n"
#define F_ASKED "\n  - {domain: finances, to: nav-bodo, requested: 2026-09-25}"
#define PROGRAMME "programmes:\n  - {name: Rusmestringsprogram, from: 2026-09-15, to: 2026-11-15}\n"
#define PLAN(responsible, status)                                                                  \
	"plans:\n  - id: fp-1\n    type: future_plan\n    owner: bodo-fengsel\n    goals:\n"        \
	"      - id: g1\n        domain: finances\n        text: Orden i økonomien\n"               \
	"        measures:\n          - {id: m1, text: Søke om stønad, responsible: " responsible     \
	", status: " status "}\n"

static const sp_handover_check *one_need(const char *rest, const char *handovers, const char *as_of)
{
	return check((parts){.rows = ONE_NEED, .ip = "", .group = "", .rest = rest, .handovers = handovers},
		     as_of);
}

START_TEST(group_recommended)
{
	/* nothing that calls for a group: no advice, no gap */
	const sp_handover_check *h = one_need(NULL, F_ASKED, AS_OF);
	ck_assert_str_eq(findings(h), "");
	ck_assert(!sp_handover_has_gaps(h));
	/* a programme: advice, and still no gap */
	h = one_need(PROGRAMME, F_ASKED, AS_OF);
	ck_assert_str_eq(findings(h), "responsibility_group_recommended");
	ck_assert_uint_eq(h->group_reasons, SP_GROUP_PROGRAMME);
	ck_assert(!sp_handover_has_gaps(h));
	/* a partner runs a measure in a plan */
	h = one_need(PLAN("nav-bodo", "planned"), F_ASKED, AS_OF);
	ck_assert_uint_eq(h->group_reasons, SP_GROUP_PARTNER_MEASURE);
	ck_assert_str_eq(findings(h), "responsibility_group_recommended");
	/* … but not the prison itself, nor a cancelled measure */
	ck_assert_str_eq(findings(one_need(PLAN("bodo-fengsel", "planned"), F_ASKED, AS_OF)), "");
	ck_assert_str_eq(findings(one_need(PLAN("nav-bodo", "cancelled"), F_ASKED, AS_OF)), "");
	/* a partner confirmed a handover during the sentence (09-28, by the date checked) */
	const char *f_conf = "\n  - {domain: finances, to: nav-bodo, requested: 2026-09-25, confirmed: 2026-09-28, starts: 2026-11-30}";
	h = one_need(NULL, f_conf, AS_OF);
	ck_assert_uint_eq(h->group_reasons, SP_GROUP_PARTNER_HANDOVER);
	ck_assert_str_eq(findings(h), "responsibility_group_recommended");
	ck_assert(!sp_handover_has_gaps(h));
	/* all three at once */
	h = one_need(PROGRAMME PLAN("nav-bodo", "in_progress"), f_conf, AS_OF);
	ck_assert_uint_eq(h->group_reasons,
			  SP_GROUP_PROGRAMME | SP_GROUP_PARTNER_MEASURE | SP_GROUP_PARTNER_HANDOVER);
	/* a group established: no advice */
	h = check((parts){.rows = ONE_NEED, .ip = "", .rest = PROGRAMME, .handovers = F_ASKED}, AS_OF);
	ck_assert_str_eq(findings(h), "");
	/* released: too late to advise */
	ck_assert(strstr(findings(one_need(PROGRAMME, F_ASKED, "2026-12-05")), "responsibility_group") == NULL);
	/* the person wants no follow-up: no advice */
	h = check((parts){.rows = ONE_NEED, .ip = "", .group = "", .follow = "false", .rest = PROGRAMME}, AS_OF);
	ck_assert_str_eq(findings(h), "");
	/* an IP indicated without a group is a gap (no_responsibility_group), not advice */
	h = check((parts){.group = "", .rest = PROGRAMME}, AS_OF);
	ck_assert_str_eq(findings(h), "no_responsibility_group");
	/* the rules say when: with expected_when [ip_indicated] only, a programme is not enough */
	rules->group_when = SP_GROUP_IP_INDICATED;
	ck_assert_str_eq(findings(one_need(PROGRAMME, F_ASKED, AS_OF)), "");
	/* and without ip_indicated, an IP indicated without a group is no gap either */
	rules->group_when = SP_GROUP_PROGRAMME;
	ck_assert_str_eq(findings(check((parts){.group = ""}, AS_OF)), "");
	/* the report lists advice apart from the findings, with its reasons */
	rules->group_when = SP_GROUP_PROGRAMME | SP_GROUP_PARTNER_MEASURE;
	h = one_need(PROGRAMME PLAN("nav-bodo", "planned"), F_ASKED, AS_OF);
	json_t *r = sp_handover_report_json(doc->root, h, 14);
	ck_assert_uint_eq(json_array_size(json_object_get(r, "findings")), 0);
	json_t *a = json_array_get(json_object_get(r, "advice"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(a, "finding")), "responsibility_group_recommended");
	json_t *why = json_object_get(a, "reasons");
	ck_assert_uint_eq(json_array_size(why), 2);
	ck_assert_str_eq(json_string_value(json_array_get(why, 0)), "programme");
	ck_assert_str_eq(json_string_value(json_array_get(why, 1)), "partner_measure");
	ck_assert(json_is_false(json_object_get(r, "gaps")));
	json_decref(r);
}
END_TEST

/* --- not wanted --------------------------------------------------------------------------- */

START_TEST(not_wanted)
{
	/* no follow-up wanted, nothing requested, and no notice sent */
	const sp_handover_check *h = check((parts){.follow = "false", .letters = " []"}, AS_OF);
	ck_assert_str_eq(statuses(h), "housing:not_wanted finances:not_wanted");
	ck_assert_int_eq(h->worst, SP_HO_NOT_WANTED);
	/* the municipality need not be told of a person who wants no follow-up */
	ck_assert_str_eq(findings(h), "");
	ck_assert(!sp_handover_has_gaps(h));
	ck_assert_str_eq(letters(h), "");
	/* no agency to ask: the recipient is for a missing need only */
	ck_assert_ptr_null(need(h, SP_HOUSING)->recipient);
	ck_assert(!need(h, SP_HOUSING)->has_request);
	/* a handover for a need the person wants no follow-up on still has its status:
	 * housing confirmed; finances asked of nav-bodo 2026-09-15, due 09-25: overdue */
	h = check((parts){.follow = "false",
			  .handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, confirmed: 2026-09-20}"
				       "\n  - {domain: finances, to: nav-bodo, requested: 2026-09-15}"},
		  AS_OF);
	ck_assert_str_eq(statuses(h), "housing:confirmed finances:overdue");
	ck_assert_int_eq(h->worst, SP_HO_OVERDUE);
	ck_assert(sp_handover_has_gaps(h));
	ck_assert_str_eq(letters(h), ""); /* but no reminder: no letters to agencies at all */
}
END_TEST

/* --- the worst status --------------------------------------------------------------------- */

/* As of 2026-11-25 (5 days before the release, the deadline 2026-11-16 passed). */
/* the confirmed ones start on release day: follow-up in place, no finding */
#define H_CONF "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, confirmed: 2026-09-20, starts: 2026-11-30}"
#define H_LATE "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, confirmed: 2026-11-20, starts: 2026-11-30}"
#define H_PEND "\n  - {domain: housing, to: kommune-1804, requested: 2026-11-01}" /* due 11-29 */
#define H_OVER "\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01}" /* due 10-29 */
#define H_DECL "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, declined: 2026-09-20}"
#define F_CONF "\n  - {domain: finances, to: nav-bodo, requested: 2026-09-10, confirmed: 2026-09-20, starts: 2026-11-30}"
#define F_LATE "\n  - {domain: finances, to: nav-bodo, requested: 2026-09-10, confirmed: 2026-11-17, starts: 2026-11-30}"
#define F_PEND "\n  - {domain: finances, to: nav-bodo, requested: 2026-11-20}" /* due 11-30 */
#define F_OVER "\n  - {domain: finances, to: nav-bodo, requested: 2026-11-10}" /* due 11-20 */
#define F_DECL "\n  - {domain: finances, to: nav-bodo, requested: 2026-09-10, declined: 2026-09-20}"

START_TEST(worst_status)
{
	static const struct {
		const char *follow, *handovers, *statuses, *worst;
		bool gaps;
	} t[] = {
	    /* each neighbouring pair of the order, both ways round */
	    {"false", " []", "housing:not_wanted finances:not_wanted", "not_wanted", false},
	    {"false", H_CONF, "housing:confirmed finances:not_wanted", "confirmed", false},
	    {"false", F_CONF, "housing:not_wanted finances:confirmed", "confirmed", false},
	    {"true", H_CONF F_CONF, "housing:confirmed finances:confirmed", "confirmed", false},
	    /* pending as of 11-25, after the deadline 11-16: a gap, though the worst stays */
	    {"true", H_CONF F_PEND, "housing:confirmed finances:pending", "pending", true},
	    {"true", H_PEND F_CONF, "housing:pending finances:confirmed", "pending", true},
	    {"true", H_PEND F_LATE, "housing:pending finances:late", "late", true},
	    {"true", H_LATE F_PEND, "housing:late finances:pending", "late", true},
	    {"true", H_LATE, "housing:late finances:missing", "missing", true},
	    {"true", F_LATE, "housing:missing finances:late", "missing", true},
	    {"true", H_OVER, "housing:overdue finances:missing", "overdue", true},
	    {"true", F_OVER, "housing:missing finances:overdue", "overdue", true},
	    {"true", H_OVER F_DECL, "housing:overdue finances:declined", "declined", true},
	    {"true", H_DECL F_OVER, "housing:declined finances:overdue", "declined", true},
	    {"true", H_DECL F_CONF, "housing:declined finances:confirmed", "declined", true},
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		const sp_handover_check *h =
		    check((parts){.follow = t[i].follow, .handovers = t[i].handovers}, "2026-11-25");
		ck_assert_msg(strcmp(statuses(h), t[i].statuses) == 0, "row %zu: %s", i, statuses(h));
		ck_assert_msg(strcmp(sp_ho_status_name(h->worst), t[i].worst) == 0, "row %zu: worst %s", i,
			      sp_ho_status_name(h->worst));
		ck_assert_str_eq(findings(h), ""); /* so the gaps are the statuses' alone */
		ck_assert_msg(sp_handover_has_gaps(h) == t[i].gaps, "row %zu: gaps", i);
	}
}
END_TEST

START_TEST(no_needs)
{
	/* no need at all: not_wanted, and no gaps while nothing is found */
	const sp_handover_check *h = check((parts){.rows = ""}, AS_OF);
	ck_assert_uint_eq(h->nneeds, 0);
	ck_assert_int_eq(h->worst, SP_HO_NOT_WANTED);
	ck_assert_str_eq(findings(h), "");
	ck_assert(!sp_handover_has_gaps(h));
	ck_assert_str_eq(letters(h), "");
	/* a finding makes it a gap: the notice was never sent */
	h = check((parts){.rows = "", .letters = " []"}, AS_OF);
	ck_assert_int_eq(h->worst, SP_HO_NOT_WANTED);
	ck_assert_str_eq(findings(h), "municipality_not_notified");
	ck_assert(sp_handover_has_gaps(h));
	ck_assert_str_eq(letters(h), "notice-of-sentence>kommune-1804");
}
END_TEST

/* --- findings ------------------------------------------------------------------------------ */

START_TEST(finding_coordinator)
{
	/* required (the template's IP decision) and no ip at all */
	ck_assert_str_eq(findings(check((parts){.ip = ""}, AS_OF)), "coordinator_not_appointed");
	/* an IP requested, but no coordinator */
	ck_assert_str_eq(findings(check((parts){.ip = "ip: {status: requested, requested: 2026-09-06}\n"}, AS_OF)),
			 "coordinator_not_appointed");
	/* an appointment without a named coordinator is none */
	ck_assert_str_eq(findings(check((parts){.ip = "ip:\n  status: in_progress\n"
						      "  coordinator: {agency: kommune-1804, appointed: 2026-09-20}\n"},
					AS_OF)),
			 "coordinator_not_appointed");
	/* named with an appointed date: none (the template) */
	ck_assert_str_eq(findings(check((parts){0}, AS_OF)), "");
	/* the person refuses an IP: the coordinator is still required (§ 21), but the
	 * responsibility group (the forum for IP work) is not */
	ck_assert_str_eq(findings(check((parts){.ip = "ip: {status: refused_by_person}\n", .group = ""}, AS_OF)),
			 "coordinator_not_appointed");
	/* not required: one need only */
	ck_assert_str_eq(findings(check((parts){.ip = "", .group = "",
						.rows = "    housing: {past: true, current: true, contact: null, needs: []}\n"},
					AS_OF)),
			 "");
}
END_TEST

START_TEST(finding_group_and_meeting)
{
	static const struct {
		const char *sentence, *ip, *group, *findings;
	} t[] = {
	    /* IP indicated, no group */
	    {NULL, NULL, "", "no_responsibility_group"},
	    /* a group that has not met */
	    {NULL, NULL, "responsibility_group:\n  established: 2026-09-25\n", "no_meeting_before_release"},
	    {NULL, NULL, "responsibility_group:\n  established: 2026-09-25\n  meetings: []\n",
	     "no_meeting_before_release"},
	    /* a meeting on the release day counts; the day after does not */
	    {NULL, NULL, "responsibility_group:\n  established: 2026-09-25\n  meetings: [{date: 2026-11-30}]\n", ""},
	    {NULL, NULL, "responsibility_group:\n  established: 2026-09-25\n  meetings: [{date: 2026-12-01}]\n",
	     "no_meeting_before_release"},
	    /* one meeting after and one before the release, in that order */
	    {NULL, NULL,
	     "responsibility_group:\n  established: 2026-09-25\n  meetings: [{date: 2026-12-01}, {date: 2026-11-29}]\n", ""},
	    /* the person refused an IP (and has a coordinator): neither finding */
	    {NULL, "ip:\n  status: refused_by_person\n  coordinator: {name: Per Pettersen, agency: kommune-1804, appointed: 2026-09-20}\n",
	     "", ""},
	    {NULL, "ip:\n  status: refused_by_person\n  coordinator: {name: Per Pettersen, agency: kommune-1804, appointed: 2026-09-20}\n",
	     "responsibility_group:\n  established: 2026-09-25\n", ""},
	    /* remand: no release to meet before */
	    {REMAND, NULL, "responsibility_group:\n  established: 2026-09-25\n", ""},
	    /* but on remand the group is still needed */
	    {REMAND, NULL, "", "no_responsibility_group"},
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		const sp_handover_check *h =
		    check((parts){.sentence = t[i].sentence, .ip = t[i].ip, .group = t[i].group}, AS_OF);
		ck_assert_msg(strcmp(findings(h), t[i].findings) == 0, "row %zu: %s", i, findings(h));
	}
	/* not indicated (one need): no group needed */
	ck_assert_str_eq(findings(check((parts){.group = "",
						.rows = "    housing: {past: true, current: true, contact: null, needs: []}\n"},
					AS_OF)),
			 "");
}
END_TEST

START_TEST(finding_municipality_not_notified)
{
	static const struct {
		const char *follow, *letters, *findings;
		bool no_registry;
	} t[] = {
	    /* no letters */
	    {NULL, " []", "municipality_not_notified", false},
	    /* the notice to kommune-1804 (the template) */
	    {NULL, NOTICE, "", false},
	    /* another letter to the home municipality tells it too */
	    {NULL, "\n  - {id: L-1, template: ip-request, recipient: kommune-1804, date: 2026-09-04}",
	     "", false},
	    /* the notice to NAV, to the person, to an agency outside the registry */
	    {NULL, "\n  - {id: L-1, template: notice-of-sentence, recipient: nav-bodo, date: 2026-09-04}",
	     "municipality_not_notified", false},
	    {NULL, "\n  - {id: L-1, template: notice-of-sentence, recipient: person, date: 2026-09-04}",
	     "municipality_not_notified", false},
	    {NULL, "\n  - {id: L-1, template: notice-of-sentence, recipient: kommune-ukjent, date: 2026-09-04}",
	     "municipality_not_notified", false},
	    /* to a municipality, but not the home one (Oslo; the person lives in Bodø) */
	    {NULL, "\n  - {id: L-1, template: notice-of-sentence, recipient: kommune-0301, date: 2026-09-04}",
	     "municipality_not_notified", false},
	    /* no follow-up wanted: not a finding */
	    {"false", " []", "", false},
	    /* without a registry any notice to an agency counts, but not one to the person */
	    {NULL, "\n  - {id: L-1, template: notice-of-sentence, recipient: kommune-ukjent, date: 2026-09-04}", "", true},
	    {NULL, "\n  - {id: L-1, template: notice-of-sentence, recipient: person, date: 2026-09-04}",
	     "municipality_not_notified", true},
	    {NULL, " []", "municipality_not_notified", true},
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		const sp_handover_check *h = check_with((parts){.follow = t[i].follow, .letters = t[i].letters},
							AS_OF, 14, t[i].no_registry ? NULL : reg);
		ck_assert_msg(strcmp(findings(h), t[i].findings) == 0, "row %zu: %s", i, findings(h));
	}
	/* home in Tromsø, which the registry does not have: the notice to the municipality the
	 * case names (kommune-1804, which the letters also go to) counts */
	const sp_handover_check *h = check((parts){.home = "{number: \"5501\", name: Tromsø}"}, AS_OF);
	ck_assert_str_eq(findings(h), "");
	h = check((parts){.home = "{number: \"5501\", name: Tromsø}", .letters = " []"}, AS_OF);
	ck_assert_str_eq(findings(h), "municipality_not_notified");
	ck_assert_str_eq(letters(h), REQUESTS " notice-of-sentence>kommune-1804");
}
END_TEST

START_TEST(finding_letters_unanswered)
{
	const sp_handover_check *h = check(
	    (parts){.letters =
			NOTICE
			/* past its respond_by, no response: unanswered */
			"\n  - {id: L-1, template: ip-request, recipient: kommune-1804, date: 2026-09-06, respond_by: 2026-09-30}"
			/* respond_by today: not yet past */
			"\n  - {id: L-2, template: coordinator-request, recipient: kommune-1804, date: 2026-09-06, respond_by: 2026-10-01}"
			/* answered (granted, refused, or late): not */
			"\n  - {id: L-3, template: housing-application, recipient: kommune-1804, date: 2026-09-06, respond_by: 2026-09-20,"
			" response: {date: 2026-09-18, outcome: granted}}"
			"\n  - {id: L-4, template: x, recipient: kommune-1804, date: 2026-09-06, respond_by: 2026-09-20,"
			" response: {date: 2026-09-28, outcome: refused}}"
			/* no respond_by: never */
			"\n  - {id: L-5, template: nav-application, recipient: nav-bodo, date: 2026-09-06}"
			/* past, to NAV, and one to the person */
			"\n  - {id: L-6, template: nav-application, recipient: nav-bodo, date: 2026-09-07, respond_by: 2026-09-21}"
			"\n  - {id: L-7, template: information-to-person, recipient: person, date: 2026-09-07, respond_by: 2026-09-21}"},
	    AS_OF);
	ck_assert_str_eq(findings(h), "letters_unanswered");
	ck_assert_str_eq(unanswered(h), "L-1,L-6,L-7"); /* in the order of the letters */
	/* the day before, L-1 (respond_by 2026-09-30) is not yet past */
	h = check((parts){.letters = NOTICE "\n  - {id: L-1, template: ip-request, recipient: kommune-1804, date: 2026-09-06, respond_by: 2026-09-30}"},
		  "2026-09-30");
	ck_assert_str_eq(findings(h), "");
	ck_assert_uint_eq(h->nunanswered, 0);
}
END_TEST

START_TEST(finding_consent_missing)
{
	static const struct {
		const char *consents, *handovers;
		sp_domain_set domains; /* no_consent; 0: not a finding */
	} t[] = {
	    /* asked the day before the consent was given */
	    {NULL, "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-02}", 1u << SP_HOUSING},
	    /* … and on the day */
	    {NULL, "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-03}", 0},
	    /* a recipient whose consent covers other domains (nav-bodo: finances only) */
	    {NULL, "\n  - {domain: finances, to: nav-bodo, requested: 2026-09-10}"
		   "\n  - {domain: housing, to: nav-bodo, requested: 2026-09-10}",
	     1u << SP_HOUSING},
	    /* a recipient with no consent at all; a domain that is not a need also counts */
	    {NULL, "\n  - {domain: family, to: kommune-ukjent, requested: 2026-09-10}", 1u << SP_FAMILY},
	    /* the second handover for a domain decides nothing, but it too was a disclosure */
	    {NULL, "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, confirmed: 2026-09-20}"
		   "\n  - {domain: housing, to: kommune-ukjent, requested: 2026-09-25}",
	     1u << SP_HOUSING},
	    /* withdrawn (2026-09-20) after the request, the handover still unanswered */
	    {"\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03, withdrawn: 2026-09-20}",
	     "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10}", 1u << SP_HOUSING},
	    /* … withdrawn today: no longer holds */
	    {"\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03, withdrawn: 2026-10-01}",
	     "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10}", 1u << SP_HOUSING},
	    /* … withdrawn tomorrow: still holds */
	    {"\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03, withdrawn: 2026-10-02}",
	     "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10}", 0},
	    /* … but once confirmed or declined, a later withdrawal is no finding */
	    {"\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03, withdrawn: 2026-09-20}",
	     "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, confirmed: 2026-09-15}", 0},
	    {"\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03, withdrawn: 2026-09-20}",
	     "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, declined: 2026-09-15}", 0},
	    /* expired before today, still unanswered */
	    {"\n  - {recipient: kommune-1804, domains: [housing], given: 2026-09-03, expires: 2026-09-30}",
	     "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10}", 1u << SP_HOUSING},
	    /* two domains without consent */
	    {" []", "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10}"
		    "\n  - {domain: finances, to: nav-bodo, requested: 2026-09-10, confirmed: 2026-09-12}",
	     (1u << SP_HOUSING) | (1u << SP_FINANCES)},
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		const sp_handover_check *h =
		    check((parts){.consents = t[i].consents, .handovers = t[i].handovers}, AS_OF);
		ck_assert_msg(((h->findings & SP_FIND_NO_CONSENT) != 0) == (t[i].domains != 0), "row %zu: %s", i,
			      findings(h));
		ck_assert_msg(h->no_consent == t[i].domains, "row %zu: domains %x", i, h->no_consent);
	}
}
END_TEST

/* --- suggested letters -------------------------------------------------------------------- */

START_TEST(letters_for_overdue_and_declined)
{
	/* finances asked of nav-bodo 2026-09-15, due 09-25, overdue: a reminder about it,
	 * after the housing request (the needs' order) */
#define F_OVERDUE "\n  - {domain: finances, to: nav-bodo, requested: 2026-09-15}"
	ck_assert_str_eq(letters(check((parts){.handovers = F_OVERDUE}, AS_OF)),
			 "handover-request>kommune-1804/housing reminder>nav-bodo/finances");
	/* a reminder to nav-bodo dated on the request day, but naming no domain: it is not
	 * taken to be about finances, so the reminder (letters_name_the_domain has those
	 * that name one) */
	ck_assert_str_eq(
	    letters(check((parts){.handovers = F_OVERDUE,
				  .letters = NOTICE "\n  - {id: R-1, template: reminder, recipient: nav-bodo, date: 2026-09-15}"},
			  AS_OF)),
	    "handover-request>kommune-1804/housing reminder>nav-bodo/finances");
	/* … dated the day before the request (about something else): the reminder */
	ck_assert_str_eq(
	    letters(check((parts){.handovers = F_OVERDUE,
				  .letters = NOTICE "\n  - {id: R-1, template: reminder, recipient: nav-bodo, date: 2026-09-14}"},
			  AS_OF)),
	    "handover-request>kommune-1804/housing reminder>nav-bodo/finances");
	/* … a reminder to another recipient does not count */
	ck_assert_str_eq(
	    letters(check((parts){.handovers = F_OVERDUE,
				  .letters = NOTICE "\n  - {id: R-1, template: reminder, recipient: kommune-1804, date: 2026-09-20}"},
			  AS_OF)),
	    "handover-request>kommune-1804/housing reminder>nav-bodo/finances");
	/* pending (as of the due day): nothing to send for finances */
	ck_assert_str_eq(letters(check((parts){.handovers = F_OVERDUE}, "2026-09-25")),
			 "handover-request>kommune-1804/housing");

	/* housing declined by kommune-1804 on 2026-09-20: a complaint */
#define H_DECLINED "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, declined: 2026-09-20}"
	ck_assert_str_eq(letters(check((parts){.handovers = H_DECLINED}, AS_OF)),
			 "complaint>kommune-1804/housing handover-request>nav-bodo/finances");
	/* a complaint dated on the decline day, but naming no domain: the complaint */
	ck_assert_str_eq(
	    letters(check((parts){.handovers = H_DECLINED,
				  .letters = NOTICE "\n  - {id: C-1, template: complaint, recipient: kommune-1804, date: 2026-09-20}"},
			  AS_OF)),
	    "complaint>kommune-1804/housing handover-request>nav-bodo/finances");
	/* … dated before the decline (an earlier complaint): the complaint */
	ck_assert_str_eq(
	    letters(check((parts){.handovers = H_DECLINED,
				  .letters = NOTICE "\n  - {id: C-1, template: complaint, recipient: kommune-1804, date: 2026-09-19}"},
			  AS_OF)),
	    "complaint>kommune-1804/housing handover-request>nav-bodo/finances");
	/* confirmed, late and pending needs get nothing */
	ck_assert_str_eq(letters(check((parts){.handovers = H_CONF F_PEND}, "2026-11-25")), "");
	ck_assert_str_eq(letters(check((parts){.handovers = H_LATE F_CONF}, "2026-11-25")), "");
}
END_TEST

START_TEST(letters_for_missing)
{
	/* a handover request already sent to kommune-1804, naming no domain: not taken to be
	 * about housing, so both requests */
	ck_assert_str_eq(
	    letters(check((parts){.letters = NOTICE "\n  - {id: Q-1, template: handover-request, recipient: kommune-1804, date: 2026-09-05}"},
			  AS_OF)),
	    REQUESTS);
	/* the request goes to the need's recipient: the mental-health need to dps-salten once
	 * the person consents to it for that domain, not before */
	ck_assert_str_eq(
	    letters(check((parts){.rows = ROWS "    mental_health: {past: false, current: false, contact: null, needs: [assessment]}\n"},
			  AS_OF)),
	    REQUESTS);
	ck_assert_str_eq(
	    letters(check((parts){.rows = ROWS "    mental_health: {past: false, current: false, contact: null, needs: [assessment]}\n",
				  .consents = CONSENTS "\n  - {recipient: dps-salten, domains: [mental_health], given: 2026-09-03}"},
			  AS_OF)),
	    "handover-request>dps-salten/mental_health " REQUESTS);
	/* without a registry there is no recipient to ask */
	const sp_handover_check *h = check_with((parts){0}, AS_OF, 14, NULL);
	ck_assert_str_eq(statuses(h), "housing:missing finances:missing");
	ck_assert_ptr_null(need(h, SP_HOUSING)->recipient);
	ck_assert_str_eq(letters(h), "");
}
END_TEST

START_TEST(letters_to_the_home_municipality)
{
	/* no IP, no group, no notice: the three letters, after the needs' */
	const sp_handover_check *h = check((parts){.ip = "", .group = "", .letters = " []"}, AS_OF);
	ck_assert_str_eq(findings(h), "coordinator_not_appointed,no_responsibility_group,municipality_not_notified");
	ck_assert_str_eq(letters(h), REQUESTS " notice-of-sentence>kommune-1804 coordinator-request>kommune-1804 "
					      "responsibility-group-invitation>kommune-1804");
	/* the coordinator request and the invitation already sent: not again (their findings
	 * stay); and letters to kommune-1804 tell the home municipality, so no notice either */
	h = check((parts){.ip = "", .group = "",
			  .letters = "\n  - {id: L-1, template: coordinator-request, recipient: kommune-1804, date: 2026-09-05}"
				     "\n  - {id: L-2, template: responsibility-group-invitation, recipient: kommune-1804, date: 2026-09-05}"},
		  AS_OF);
	ck_assert_str_eq(findings(h), "coordinator_not_appointed,no_responsibility_group");
	ck_assert_str_eq(letters(h), REQUESTS);
	/* a group that has not met: the invitation */
	h = check((parts){.group = "responsibility_group:\n  established: 2026-09-25\n"}, AS_OF);
	ck_assert_str_eq(letters(h), REQUESTS " responsibility-group-invitation>kommune-1804");
	/* consent to kommune-1804 for family only: the case letters go (any consent to it),
	 * the housing request does not (housing is not covered) */
	h = check((parts){.ip = "", .group = "", .letters = " []",
			  .consents = "\n  - {recipient: kommune-1804, domains: [family], given: 2026-09-03}"
				      "\n  - {recipient: nav-bodo, domains: [finances], given: 2026-09-03}"},
		  AS_OF);
	ck_assert_str_eq(letters(h), "handover-request>nav-bodo/finances notice-of-sentence>kommune-1804 "
				     "coordinator-request>kommune-1804 responsibility-group-invitation>kommune-1804");
	/* no consent to kommune-1804 at all (or withdrawn): nothing to it */
	h = check((parts){.ip = "", .group = "", .letters = " []",
			  .consents = "\n  - {recipient: nav-bodo, domains: [finances], given: 2026-09-03}"},
		  AS_OF);
	ck_assert_str_eq(findings(h), "coordinator_not_appointed,no_responsibility_group,municipality_not_notified");
	ck_assert_str_eq(letters(h), "handover-request>nav-bodo/finances");
	h = check((parts){.ip = "", .group = "", .letters = " []",
			  .consents = "\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03, withdrawn: 2026-09-30}"
				      "\n  - {recipient: nav-bodo, domains: [finances], given: 2026-09-03}"},
		  AS_OF);
	ck_assert_str_eq(letters(h), "handover-request>nav-bodo/finances");
}
END_TEST

START_TEST(reminders_about_unanswered_letters)
{
#define L1 "\n  - {id: L-1, template: ip-request, recipient: kommune-1804, date: 2026-09-06, respond_by: 2026-09-20}"
	/* L-1 unanswered: a reminder about it, after the other letters */
	const sp_handover_check *h = check((parts){.letters = NOTICE L1}, AS_OF);
	ck_assert_str_eq(letters(h), REQUESTS " reminder>kommune-1804@L-1");
	/* a second unanswered letter to the same recipient: still one reminder (about the first) */
	h = check((parts){.letters = NOTICE L1
			  "\n  - {id: L-2, template: coordinator-request, recipient: kommune-1804, date: 2026-09-06, respond_by: 2026-09-25}"},
		  AS_OF);
	ck_assert_str_eq(unanswered(h), "L-1,L-2");
	ck_assert_str_eq(letters(h), REQUESTS " reminder>kommune-1804@L-1");
	/* kommune-1804 already gets a reminder about the overdue housing handover (asked
	 * 2026-09-01, due 09-29): no second one about L-1 */
	h = check((parts){.letters = NOTICE L1,
			  .handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-01}"},
		  AS_OF);
	ck_assert_str_eq(letters(h), "reminder>kommune-1804/housing handover-request>nav-bodo/finances");
	/* a reminder to kommune-1804 dated on L-1's respond_by: not again; the day before: again */
	h = check((parts){.letters = NOTICE L1 "\n  - {id: R-1, template: reminder, recipient: kommune-1804, date: 2026-09-20}"},
		  AS_OF);
	ck_assert_str_eq(letters(h), REQUESTS);
	h = check((parts){.letters = NOTICE L1 "\n  - {id: R-1, template: reminder, recipient: kommune-1804, date: 2026-09-19}"},
		  AS_OF);
	ck_assert_str_eq(letters(h), REQUESTS " reminder>kommune-1804@L-1");
	/* unanswered letters to the person, and to a recipient without consent: no reminder */
	h = check((parts){.letters = NOTICE
			  "\n  - {id: L-7, template: information-to-person, recipient: person, date: 2026-09-07, respond_by: 2026-09-21}"
			  "\n  - {id: L-8, template: x, recipient: kommune-ukjent, date: 2026-09-07, respond_by: 2026-09-21}"},
		  AS_OF);
	ck_assert_str_eq(unanswered(h), "L-7,L-8");
	ck_assert_str_eq(letters(h), REQUESTS);
	/* a second unanswered letter, to nav-bodo: its own reminder */
	h = check((parts){.letters = NOTICE L1
			  "\n  - {id: L-6, template: nav-application, recipient: nav-bodo, date: 2026-09-07, respond_by: 2026-09-21}"},
		  AS_OF);
	ck_assert_str_eq(letters(h), REQUESTS " reminder>kommune-1804@L-1 reminder>nav-bodo@L-6");
}
END_TEST

START_TEST(no_letters_without_consent_for_the_domain)
{
	/* kommune-1804's consent covers family only; the housing handover (asked 09-01,
	 * overdue) and the housing decline get no letter to it, and the finding says why */
	const sp_handover_check *h = check(
	    (parts){.consents = "\n  - {recipient: kommune-1804, domains: [family], given: 2026-08-30}"
				"\n  - {recipient: nav-bodo, domains: [finances], given: 2026-09-03}",
		    .handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-01}"},
	    AS_OF);
	ck_assert_str_eq(status(h, SP_HOUSING), "overdue");
	ck_assert_str_eq(findings(h), "consent_missing");
	ck_assert_str_eq(letters(h), "handover-request>nav-bodo/finances");
	h = check((parts){.consents = "\n  - {recipient: kommune-1804, domains: [family], given: 2026-08-30}"
				      "\n  - {recipient: nav-bodo, domains: [finances], given: 2026-09-03}",
			  .handovers = H_DECLINED},
		  AS_OF);
	ck_assert_str_eq(letters(h), "handover-request>nav-bodo/finances");
	/* consent withdrawn since the finances handover was asked: no reminder */
	h = check((parts){.consents = "\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03}"
				      "\n  - {recipient: nav-bodo, domains: [finances], given: 2026-09-03, withdrawn: 2026-09-28}",
			  .handovers = F_OVERDUE},
		  AS_OF);
	ck_assert_str_eq(status(h, SP_FINANCES), "overdue");
	ck_assert_str_eq(findings(h), "consent_missing");
	ck_assert_str_eq(letters(h), "handover-request>kommune-1804/housing");
}
END_TEST

START_TEST(no_letters_once_released_or_not_wanted)
{
	/* everything to send: a missing need, an overdue one, every case finding but
	 * municipality_not_notified (L-1, to kommune-1804, has told the home municipality) */
	parts all = {.ip = "", .group = "", .letters = L1, .handovers = F_OVER};
	/* the release day itself: still serving (F_OVER due 2026-11-20 is overdue) */
	const sp_handover_check *h = check(all, "2026-11-30");
	ck_assert_str_eq(letters(h), "handover-request>kommune-1804/housing reminder>nav-bodo/finances "
				     "coordinator-request>kommune-1804 "
				     "responsibility-group-invitation>kommune-1804 reminder>kommune-1804@L-1");
	/* the day after: released, nothing */
	h = check(all, "2026-12-01");
	ck_assert_str_eq(statuses(h), "housing:missing finances:overdue");
	ck_assert_str_eq(findings(h), "coordinator_not_appointed,no_responsibility_group,letters_unanswered");
	ck_assert_str_eq(letters(h), "");
	/* remand, long after: never released, the letters go */
	all.sentence = REMAND;
	h = check(all, "2027-06-01");
	ck_assert_str_eq(letters(h), "handover-request>kommune-1804/housing reminder>nav-bodo/finances "
				     "coordinator-request>kommune-1804 "
				     "responsibility-group-invitation>kommune-1804 reminder>kommune-1804@L-1");
	/* no follow-up wanted: no letters to agencies, whatever is open */
	all.sentence = NULL;
	all.follow = "false";
	h = check(all, "2026-11-25");
	ck_assert_str_eq(findings(h), "coordinator_not_appointed,no_responsibility_group,letters_unanswered");
	ck_assert_str_eq(letters(h), "");
}
END_TEST

START_TEST(notice_template_from_the_rules)
{
	/* rules that call the notice `varsel-om-soning`: the check looks for that letter and
	 * suggests it under that name */
	const char *def = sp_rules_default_text();
	const char *old = "notice-of-sentence", *new = "varsel-om-soning";
	char *text = calloc(1, strlen(def) + 64);
	const char *at = strstr(def, old);
	ck_assert_ptr_nonnull(at);
	memcpy(text, def, (size_t)(at - def));
	strcat(text, new);
	strcat(text, at + strlen(old));
	ck_assert_ptr_null(strstr(text, old)); /* the only mention */
	sp_doc *rd = parse_ok(text);
	free(text);
	sp_diags d = {0};
	sp_rules *custom = sp_rules_from_doc(rd, &d);
	ck_assert_ptr_nonnull(custom);
	sp_diags_free(&d);
	sp_doc_free(rd);
	sp_rules *saved = rules;
	rules = custom;
	/* no letters: the notice is suggested under the rules' name */
	const sp_handover_check *h = check((parts){.letters = " []"}, AS_OF);
	ck_assert_str_eq(findings(h), "municipality_not_notified");
	ck_assert_str_eq(letters(h), REQUESTS " varsel-om-soning>kommune-1804");
	/* with a registry any letter to the home municipality tells it, the notice under
	 * the old name (the template's) too */
	h = check((parts){0}, AS_OF);
	ck_assert_str_eq(findings(h), "");
	ck_assert_str_eq(letters(h), REQUESTS);
	/* without a registry only the notice counts: under the old name it does not, under
	 * the rules' name it does */
	h = check_with((parts){0}, AS_OF, 14, NULL);
	ck_assert_str_eq(findings(h), "municipality_not_notified");
	h = check_with((parts){.letters = "\n  - {id: L-0, template: varsel-om-soning, recipient: kommune-1804, date: 2026-09-04}"},
		       AS_OF, 14, NULL);
	ck_assert_str_eq(findings(h), "");
	h = check((parts){.letters = "\n  - {id: L-0, template: varsel-om-soning, recipient: kommune-1804, date: 2026-09-04}"},
		  AS_OF);
	ck_assert_str_eq(findings(h), "");
	ck_assert_str_eq(letters(h), REQUESTS);
	rules = saved;
	sp_rules_free(custom);
}
END_TEST

/* --- the rules of the domain review ------------------------------------------------------ */

START_TEST(pending_past_the_deadline)
{
	/* housing confirmed; finances asked of nav-bodo 2026-11-08, due 11-18 (10 days). The
	 * deadline is 11-16: pending on it is no gap, pending the day after is, and the
	 * status stays pending (the worst too) until the answer is due */
#define F_PEND_1108 "\n  - {domain: finances, to: nav-bodo, requested: 2026-11-08}"
	static const struct {
		const char *as_of;
		int days;
		const char *status;
		bool gaps;
	} t[] = {
	    {"2026-11-15", 14, "pending", false}, /* the day before the deadline */
	    {"2026-11-16", 14, "pending", false}, /* on the deadline */
	    {"2026-11-17", 14, "pending", true},  /* the day after */
	    {"2026-11-18", 14, "pending", true},  /* on the due day: still pending */
	    {"2026-11-19", 14, "overdue", true},  /* then overdue, a gap as before */
	    /* --days 30: the deadline is 10-31, passed on every day asked here */
	    {"2026-11-08", 30, "pending", true},
	    /* --days 0: the deadline is the release day 11-30; pending until 11-18 only */
	    {"2026-11-17", 0, "pending", false},
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		const sp_handover_check *h =
		    check_with((parts){.handovers = H_CONF F_PEND_1108}, t[i].as_of, t[i].days, reg);
		ck_assert_msg(strcmp(status(h, SP_FINANCES), t[i].status) == 0, "row %zu: %s", i,
			      status(h, SP_FINANCES));
		ck_assert_msg(strcmp(sp_ho_status_name(h->worst), t[i].status) == 0, "row %zu: worst %s", i,
			      sp_ho_status_name(h->worst));
		ck_assert_msg(strcmp(findings(h), "") == 0, "row %zu: %s", i, findings(h));
		ck_assert_msg(sp_handover_has_gaps(h) == t[i].gaps, "row %zu: gaps", i);
		/* the report says so as well */
		json_t *r = sp_handover_report_json(doc->root, h, t[i].days);
		ck_assert_msg(json_is_true(json_object_get(r, "gaps")) == t[i].gaps, "row %zu: report gaps", i);
		json_decref(r);
		/* a pending need past the deadline gets no letter (the agency's answer is not yet
		 * due); once overdue, the reminder */
		ck_assert_str_eq(letters(h), strcmp(t[i].status, "overdue") == 0 ? "reminder>nav-bodo/finances" : "");
	}
	/* --days 0 around the release day: finances asked 11-25, due 12-05 */
	const sp_handover_check *h = check_with(
	    (parts){.handovers = H_CONF "\n  - {domain: finances, to: nav-bodo, requested: 2026-11-25}"},
	    "2026-11-30", 0, reg);
	ck_assert_str_eq(status(h, SP_FINANCES), "pending");
	ck_assert(!sp_handover_has_gaps(h));
	h = check_with((parts){.handovers = H_CONF "\n  - {domain: finances, to: nav-bodo, requested: 2026-11-25}"},
		       "2026-12-01", 0, reg);
	ck_assert_str_eq(status(h, SP_FINANCES), "pending");
	ck_assert(sp_handover_has_gaps(h));
	/* remand: no release, so no deadline; pending is never a gap */
	h = check((parts){.sentence = REMAND, .handovers = H_CONF F_PEND_1108}, "2026-11-17");
	ck_assert_str_eq(status(h, SP_FINANCES), "pending");
	ck_assert(!sp_handover_has_gaps(h));
	/* late (confirmed after the deadline) stays no gap, pending beside it is one */
	h = check((parts){.handovers = H_LATE F_PEND_1108}, "2026-11-17");
	ck_assert_str_eq(statuses(h), "housing:late finances:pending");
	ck_assert(sp_handover_has_gaps(h));
	h = check((parts){.handovers = H_LATE F_CONF}, "2026-11-25");
	ck_assert(!sp_handover_has_gaps(h));
	/* sp_handover_has_gaps on a check made by hand: the deadline and as_of alone decide */
	sp_handover_check m;
	memset(&m, 0, sizeof m);
	m.worst = SP_HO_PENDING;
	m.nneeds = 1;
	m.needs[0].domain = SP_FINANCES;
	m.needs[0].status = SP_HO_PENDING;
	m.deadline = D("2026-11-16");
	m.a.as_of = D("2026-11-17");
	ck_assert(!sp_handover_has_gaps(&m)); /* no release: no deadline */
	m.a.has_release = true;
	ck_assert(sp_handover_has_gaps(&m));
	m.a.as_of = D("2026-11-16");
	ck_assert(!sp_handover_has_gaps(&m));
	m.a.as_of = D("2026-11-17");
	m.needs[0].status = SP_HO_CONFIRMED; /* only pending needs count */
	m.worst = SP_HO_CONFIRMED;
	ck_assert(!sp_handover_has_gaps(&m));
}
END_TEST

START_TEST(letters_name_the_domain)
{
	/* finances overdue at nav-bodo (F_OVERDUE: asked 09-15): a reminder naming finances,
	 * on or after the request, blocks it; before the request, or naming another domain,
	 * or no domain, it does not */
	static const struct {
		const char *letter, *letters;
	} t[] = {
	    {"{id: R-1, template: reminder, recipient: nav-bodo, date: 2026-09-15, domain: finances}",
	     "handover-request>kommune-1804/housing"},
	    {"{id: R-1, template: reminder, recipient: nav-bodo, date: 2026-09-14, domain: finances}",
	     "handover-request>kommune-1804/housing reminder>nav-bodo/finances"},
	    {"{id: R-1, template: reminder, recipient: nav-bodo, date: 2026-09-20, domain: housing}",
	     "handover-request>kommune-1804/housing reminder>nav-bodo/finances"},
	    {"{id: R-1, template: reminder, recipient: nav-bodo, date: 2026-09-20}",
	     "handover-request>kommune-1804/housing reminder>nav-bodo/finances"},
	    {"{id: R-1, template: reminder, recipient: nav-bodo, date: 2026-09-20, domain: null}",
	     "handover-request>kommune-1804/housing reminder>nav-bodo/finances"},
	    /* naming finances, but to kommune-1804: not to the agency asked */
	    {"{id: R-1, template: reminder, recipient: kommune-1804, date: 2026-09-20, domain: finances}",
	     "handover-request>kommune-1804/housing reminder>nav-bodo/finances"},
	    /* a complaint naming finances is no reminder */
	    {"{id: R-1, template: complaint, recipient: nav-bodo, date: 2026-09-20, domain: finances}",
	     "handover-request>kommune-1804/housing reminder>nav-bodo/finances"},
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		char l[256];
		snprintf(l, sizeof l, NOTICE "\n  - %s", t[i].letter);
		const sp_handover_check *h = check((parts){.handovers = F_OVERDUE, .letters = l}, AS_OF);
		ck_assert_msg(strcmp(letters(h), t[i].letters) == 0, "row %zu: %s", i, letters(h));
	}

	/* housing declined by kommune-1804 on 09-20: a complaint naming housing on that day
	 * blocks the complaint, the day before does not, naming finances does not */
	const sp_handover_check *h = check(
	    (parts){.handovers = H_DECLINED,
		    .letters = NOTICE "\n  - {id: C-1, template: complaint, recipient: kommune-1804, date: 2026-09-20, domain: housing}"},
	    AS_OF);
	ck_assert_str_eq(letters(h), "handover-request>nav-bodo/finances");
	h = check((parts){.handovers = H_DECLINED,
			  .letters = NOTICE "\n  - {id: C-1, template: complaint, recipient: kommune-1804, date: 2026-09-19, domain: housing}"},
		  AS_OF);
	ck_assert_str_eq(letters(h), "complaint>kommune-1804/housing handover-request>nav-bodo/finances");
	h = check((parts){.handovers = H_DECLINED,
			  .letters = NOTICE "\n  - {id: C-1, template: complaint, recipient: kommune-1804, date: 2026-09-20, domain: finances}"},
		  AS_OF);
	ck_assert_str_eq(letters(h), "complaint>kommune-1804/housing handover-request>nav-bodo/finances");

	/* both needs missing: a handover request naming housing to kommune-1804 blocks that
	 * one only (whenever sent); one naming finances to nav-bodo blocks the other */
	h = check((parts){.letters = NOTICE "\n  - {id: Q-1, template: handover-request, recipient: kommune-1804, date: 2026-09-05, domain: housing}"},
		  AS_OF);
	ck_assert_str_eq(letters(h), "handover-request>nav-bodo/finances");
	h = check((parts){.letters = NOTICE "\n  - {id: Q-1, template: handover-request, recipient: nav-bodo, date: 2026-09-05, domain: finances}"},
		  AS_OF);
	ck_assert_str_eq(letters(h), "handover-request>kommune-1804/housing");
	h = check((parts){.letters = NOTICE
			  "\n  - {id: Q-1, template: handover-request, recipient: kommune-1804, date: 2026-09-05, domain: housing}"
			  "\n  - {id: Q-2, template: handover-request, recipient: nav-bodo, date: 2026-09-05, domain: finances}"},
		  AS_OF);
	ck_assert_str_eq(letters(h), "");
	/* … naming another domain (family, to kommune-1804), or finances but to kommune-1804:
	 * neither is about housing, nor to nav-bodo */
	h = check((parts){.letters = NOTICE
			  "\n  - {id: Q-1, template: handover-request, recipient: kommune-1804, date: 2026-09-05, domain: family}"
			  "\n  - {id: Q-2, template: handover-request, recipient: kommune-1804, date: 2026-09-05, domain: finances}"},
		  AS_OF);
	ck_assert_str_eq(letters(h), REQUESTS);

	/* two needs overdue at the same agency (housing and family, both asked of kommune-1804
	 * on 09-01, due 09-29): a reminder naming housing blocks only housing's; one naming no
	 * domain blocks neither */
	parts two = {.rows = ROWS "    family: {past: false, current: true, contact: null, needs: []}\n",
		     .handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-01}"
				  "\n  - {domain: family, to: kommune-1804, requested: 2026-09-01}"
				  "\n  - {domain: finances, to: nav-bodo, requested: 2026-09-20, confirmed: 2026-09-25}"};
	h = check(two, AS_OF);
	ck_assert_str_eq(statuses(h), "housing:overdue finances:confirmed family:overdue");
	ck_assert_str_eq(letters(h), "reminder>kommune-1804/housing reminder>kommune-1804/family");
	two.letters = NOTICE "\n  - {id: R-1, template: reminder, recipient: kommune-1804, date: 2026-09-30, domain: housing}";
	h = check(two, AS_OF);
	ck_assert_str_eq(letters(h), "reminder>kommune-1804/family");
	two.letters = NOTICE "\n  - {id: R-1, template: reminder, recipient: kommune-1804, date: 2026-09-30}";
	h = check(two, AS_OF);
	ck_assert_str_eq(letters(h), "reminder>kommune-1804/housing reminder>kommune-1804/family");

	/* letters for the case as a whole do not look at `domain`: a coordinator request or an
	 * invitation naming a domain still counts, and a reminder naming one still counts as
	 * the reminder about an unanswered letter to that recipient */
	h = check((parts){.ip = "", .group = "",
			  .letters = NOTICE
			  "\n  - {id: L-1, template: coordinator-request, recipient: kommune-1804, date: 2026-09-05, domain: housing}"
			  "\n  - {id: L-2, template: responsibility-group-invitation, recipient: kommune-1804, date: 2026-09-05, domain: family}"},
		  AS_OF);
	ck_assert_str_eq(findings(h), "coordinator_not_appointed,no_responsibility_group");
	ck_assert_str_eq(letters(h), REQUESTS);
	h = check((parts){.letters = NOTICE L1 "\n  - {id: R-1, template: reminder, recipient: kommune-1804, date: 2026-09-20, domain: housing}"},
		  AS_OF);
	ck_assert_str_eq(letters(h), REQUESTS);
	/* the letter's domain is read from the case */
	sp_letter let;
	make_case((parts){.letters = NOTICE "\n  - {id: R-1, template: reminder, recipient: nav-bodo, date: 2026-09-20, domain: finances}"});
	ck_assert(sp_case_letter(doc->root, 0, &let));
	ck_assert_int_eq(let.domain, -1);
	ck_assert(sp_case_letter(doc->root, 1, &let));
	ck_assert_int_eq(let.domain, SP_FINANCES);
}
END_TEST

START_TEST(municipality_told_by_any_letter)
{
	static const struct {
		const char *letters, *findings;
		bool no_registry;
	} t[] = {
	    /* with the registry: any letter to kommune-1804 (the home municipality's agency) */
	    {"\n  - {id: L-1, template: handover-request, recipient: kommune-1804, date: 2026-09-04, domain: housing}", "", false},
	    {"\n  - {id: L-1, template: reminder, recipient: kommune-1804, date: 2026-09-04}", "", false},
	    {"\n  - {id: L-1, template: x, recipient: kommune-1804, date: 2026-09-04}", "", false},
	    /* … but not one to another municipality (Oslo), to NAV in Bodø, to an agency outside
	     * the registry, or to the person */
	    {"\n  - {id: L-1, template: handover-request, recipient: kommune-0301, date: 2026-09-04}",
	     "municipality_not_notified", false},
	    {"\n  - {id: L-1, template: handover-request, recipient: nav-bodo, date: 2026-09-04}",
	     "municipality_not_notified", false},
	    {"\n  - {id: L-1, template: handover-request, recipient: kommune-ukjent, date: 2026-09-04}",
	     "municipality_not_notified", false},
	    {"\n  - {id: L-1, template: information-to-person, recipient: person, date: 2026-09-04}",
	     "municipality_not_notified", false},
	    /* one letter to the home municipality among others is enough */
	    {"\n  - {id: L-1, template: handover-request, recipient: kommune-0301, date: 2026-09-04}"
	     "\n  - {id: L-2, template: ip-request, recipient: kommune-1804, date: 2026-09-05}", "", false},
	    /* without a registry only the notice counts: another letter to kommune-1804 does not */
	    {"\n  - {id: L-1, template: ip-request, recipient: kommune-1804, date: 2026-09-04}",
	     "municipality_not_notified", true},
	    {"\n  - {id: L-1, template: handover-request, recipient: kommune-1804, date: 2026-09-04, domain: housing}",
	     "municipality_not_notified", true},
	    {NOTICE, "", true},
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		const sp_handover_check *h = check_with((parts){.letters = t[i].letters}, AS_OF, 14,
							t[i].no_registry ? NULL : reg);
		ck_assert_msg(strcmp(findings(h), t[i].findings) == 0, "row %zu: %s", i, findings(h));
		/* the notice is suggested exactly when the finding stands (and a registry names
		 * the agency) */
		ck_assert_msg((strstr(letters(h), "notice-of-sentence>kommune-1804") != NULL) ==
				  (*t[i].findings && !t[i].no_registry),
			      "row %zu: %s", i, letters(h));
	}
	/* home in Tromsø, which the registry does not have: a letter to the municipality the
	 * case names (kommune-1804) tells it */
	const sp_handover_check *h = check(
	    (parts){.home = "{number: \"5501\", name: Tromsø}",
		    .letters = "\n  - {id: L-1, template: ip-request, recipient: kommune-1804, date: 2026-09-04}"},
	    AS_OF);
	ck_assert_str_eq(findings(h), "");
}
END_TEST


/* --- the report ------------------------------------------------------------------------------ */

static void expect_report(const sp_handover_check *h, int days, const char *expected_text)
{
	json_error_t err;
	json_t *expected = json_loads(expected_text, 0, &err);
	ck_assert_msg(expected != NULL, "bad expected JSON: %s at %d", err.text, err.line);
	json_t *got = sp_handover_report_json(doc->root, h, days);
	if (!json_equal(got, expected)) {
		char *s = json_dumps(got, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fprintf(stderr, "got:\n%s\n", s);
		free(s);
	}
	ck_assert(json_equal(got, expected));
	/* the same keys in the same order, at the top and in each need, finding and letter */
	char *gs = json_dumps(got, JSON_COMPACT | JSON_PRESERVE_ORDER);
	char *es = json_dumps(expected, JSON_COMPACT | JSON_PRESERVE_ORDER);
	ck_assert_str_eq(gs, es);
	free(gs);
	free(es);
	json_decref(got);
	json_decref(expected);
}

START_TEST(report_json)
{
	/* five needs, one of each status but late and not_wanted:
	 *   mental health (assessment): nothing asked → missing, ask dps-salten (the registry's
	 *     specialist health in Bodø); no consent to it → no request;
	 *   housing confirmed 09-20 (≤ deadline 11-16), no start given → follow_up unknown
	 *     (not a finding yet: release is 60 days away, more than 14);
	 *   finances asked of nav-bodo 09-15, due 09-25 (10 days) → overdue → a reminder;
	 *   family asked of kommune-1804 09-20, due 10-18 (28 days) → pending;
	 *   work asked of nav-bodo, declined 09-25 → declined; nav-bodo's consent covers
	 *     finances only → consent_missing [work_education], and no complaint.
	 * IP indicated (5 needs, housing past and current) and no ip → coordinator finding
	 * and request; no notice, but L-1 went to kommune-1804, which tells the home
	 * municipality → no finding; L-1 past 09-20 → unanswered, and a reminder about it
	 * (kommune-1804 gets no other reminder). Worst: declined. */
	const sp_handover_check *h = check(
	    (parts){.rows = "    mental_health: {past: false, current: false, contact: null, needs: [assessment]}\n"
			    "    housing: {past: true, current: true, contact: null, needs: []}\n"
			    "    finances: {past: false, current: true, contact: null, needs: []}\n"
			    "    family: {past: false, current: true, contact: null, needs: []}\n"
			    "    work_education: {past: false, current: true, contact: null, needs: []}\n",
		    .ip = "", .letters = L1,
		    .handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, confirmed: 2026-09-20}"
				 "\n  - {domain: finances, to: nav-bodo, requested: 2026-09-15}"
				 "\n  - {domain: family, to: kommune-1804, requested: 2026-09-20}"
				 "\n  - {domain: work_education, to: nav-bodo, requested: 2026-09-10, declined: 2026-09-25}"},
	    AS_OF);
	expect_report(
	    h, 14,
	    "{\"samplan\": 1, \"kind\": \"handover_report\", \"id\": \"T-1\", \"as_of\": \"2026-10-01\","
	    " \"days\": 14, \"release\": \"2026-11-30\", \"days_to_release\": 60, \"deadline\": \"2026-11-16\","
	    " \"worst\": \"declined\", \"gaps\": true,"
	    " \"needs\": ["
	    "  {\"domain\": \"mental_health\", \"status\": \"missing\", \"recipient\": \"dps-salten\"},"
	    "  {\"domain\": \"housing\", \"status\": \"confirmed\", \"to\": \"kommune-1804\","
	    "   \"requested\": \"2026-09-10\", \"confirmed\": \"2026-09-20\", \"follow_up\": \"unknown\"},"
	    "  {\"domain\": \"finances\", \"status\": \"overdue\", \"to\": \"nav-bodo\","
	    "   \"requested\": \"2026-09-15\", \"due\": \"2026-09-25\"},"
	    "  {\"domain\": \"family\", \"status\": \"pending\", \"to\": \"kommune-1804\","
	    "   \"requested\": \"2026-09-20\", \"due\": \"2026-10-18\"},"
	    "  {\"domain\": \"work_education\", \"status\": \"declined\", \"to\": \"nav-bodo\","
	    "   \"requested\": \"2026-09-10\", \"declined\": \"2026-09-25\"}],"
	    " \"findings\": ["
	    "  {\"finding\": \"coordinator_not_appointed\","
	    "   \"text\": \"a coordinator is required, but none is appointed\"},"
	    "  {\"finding\": \"letters_unanswered\","
	    "   \"text\": \"letters are past their response date without an answer\", \"letters\": [\"L-1\"]},"
	    "  {\"finding\": \"consent_missing\","
	    "   \"text\": \"a handover names a recipient that the person has not consented to for that domain\","
	    "   \"domains\": [\"work_education\"]}],"
	    " \"advice\": [],"
	    " \"suggested_letters\": ["
	    "  {\"template\": \"reminder\", \"recipient\": \"nav-bodo\", \"domain\": \"finances\"},"
	    "  {\"template\": \"coordinator-request\", \"recipient\": \"kommune-1804\"},"
	    "  {\"template\": \"reminder\", \"recipient\": \"kommune-1804\", \"about\": \"L-1\"}]}");

	/* a late confirmation (11-20, after the deadline 10-31 at --days 30) keeps the key
	 * `confirmed`; finances not wanted: no recipient; nothing found, nothing to send */
	h = check_with((parts){.follow = "false", .handovers = H_LATE}, "2026-11-25", 30, reg);
	expect_report(
	    h, 30,
	    "{\"samplan\": 1, \"kind\": \"handover_report\", \"id\": \"T-1\", \"as_of\": \"2026-11-25\","
	    " \"days\": 30, \"release\": \"2026-11-30\", \"days_to_release\": 5, \"deadline\": \"2026-10-31\","
	    " \"worst\": \"late\", \"gaps\": false,"
	    " \"needs\": ["
	    "  {\"domain\": \"housing\", \"status\": \"late\", \"to\": \"kommune-1804\","
	    "   \"requested\": \"2026-09-10\", \"confirmed\": \"2026-11-20\","
	    "   \"starts\": \"2026-11-30\", \"follow_up\": \"in_place\"},"
	    "  {\"domain\": \"finances\", \"status\": \"not_wanted\"}],"
	    " \"findings\": [], \"advice\": [], \"suggested_letters\": []}");

	/* remand: release, days_to_release and deadline are null; housing confirmed, finances
	 * missing → a request to nav-bodo */
	h = check_with((parts){.sentence = REMAND, .handovers = H_CONF}, AS_OF, 7, reg);
	expect_report(
	    h, 7,
	    "{\"samplan\": 1, \"kind\": \"handover_report\", \"id\": \"T-1\", \"as_of\": \"2026-10-01\","
	    " \"days\": 7, \"release\": null, \"days_to_release\": null, \"deadline\": null,"
	    " \"worst\": \"missing\", \"gaps\": true,"
	    " \"needs\": ["
	    "  {\"domain\": \"housing\", \"status\": \"confirmed\", \"to\": \"kommune-1804\","
	    "   \"requested\": \"2026-09-10\", \"confirmed\": \"2026-09-20\","
	    "   \"starts\": \"2026-11-30\", \"follow_up\": \"in_place\"},"
	    "  {\"domain\": \"finances\", \"status\": \"missing\", \"recipient\": \"nav-bodo\"}],"
	    " \"findings\": [], \"advice\": [],"
	    " \"suggested_letters\": [{\"template\": \"handover-request\", \"recipient\": \"nav-bodo\","
	    "   \"domain\": \"finances\"}]}");

	/* released (3 days ago): a negative days_to_release; no letters */
	h = check((parts){0}, "2026-12-03");
	expect_report(
	    h, 14,
	    "{\"samplan\": 1, \"kind\": \"handover_report\", \"id\": \"T-1\", \"as_of\": \"2026-12-03\","
	    " \"days\": 14, \"release\": \"2026-11-30\", \"days_to_release\": -3, \"deadline\": \"2026-11-16\","
	    " \"worst\": \"missing\", \"gaps\": true,"
	    " \"needs\": ["
	    "  {\"domain\": \"housing\", \"status\": \"missing\", \"recipient\": \"kommune-1804\"},"
	    "  {\"domain\": \"finances\", \"status\": \"missing\", \"recipient\": \"nav-bodo\"}],"
	    " \"findings\": [], \"advice\": [], \"suggested_letters\": []}");
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("handover");
	TCase *tc = tcase_create("handover");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, names_and_gap_statuses);
	tcase_add_test(tc, gaps_from_worst_and_findings);
	tcase_add_test(tc, template_case);
	tcase_add_test(tc, confirmed_by_the_deadline);
	tcase_add_test(tc, pending_until_the_answer_is_due);
	tcase_add_test(tc, declined);
	tcase_add_test(tc, every_handover_counts);
	tcase_add_test(tc, follow_up_from_starts);
	tcase_add_test(tc, follow_up_start_unknown);
	tcase_add_test(tc, finding_coordinator_agency);
	tcase_add_test(tc, group_recommended);
	tcase_add_test(tc, not_wanted);
	tcase_add_test(tc, worst_status);
	tcase_add_test(tc, no_needs);
	tcase_add_test(tc, finding_coordinator);
	tcase_add_test(tc, finding_group_and_meeting);
	tcase_add_test(tc, finding_municipality_not_notified);
	tcase_add_test(tc, finding_letters_unanswered);
	tcase_add_test(tc, finding_consent_missing);
	tcase_add_test(tc, letters_for_overdue_and_declined);
	tcase_add_test(tc, letters_for_missing);
	tcase_add_test(tc, letters_to_the_home_municipality);
	tcase_add_test(tc, reminders_about_unanswered_letters);
	tcase_add_test(tc, no_letters_without_consent_for_the_domain);
	tcase_add_test(tc, no_letters_once_released_or_not_wanted);
	tcase_add_test(tc, notice_template_from_the_rules);
	tcase_add_test(tc, pending_past_the_deadline);
	tcase_add_test(tc, letters_name_the_domain);
	tcase_add_test(tc, municipality_told_by_any_letter);
	tcase_add_test(tc, report_json);
	suite_add_tcase(s, tc);
	return s;
}
