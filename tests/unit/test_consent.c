/* SPDX-License-Identifier: MIT */
/* test_consent.c — the consent rule (lib/domain/consent.h): its boundaries, once. Letters,
 * plans, screening and handovers all ask sp_consent_shared() and sp_consent_state_of(). */
#include "unit.h"
#include "domain/consent.h"

static const char *case_text =
    "samplan: 1\n"
    "kind: case\n"
    "id: 2026-BOD-000042\n"
    "person: {name: Kari Nordmann, home_municipality: {number: '1804', name: Bodø}}\n"
    "unit: {id: bodo-fengsel, name: Bodø fengsel, type: prison}\n"
    "sentence: {type: prison, start: 2026-09-01, release: 2026-11-30}\n"
    "consents:\n"
    "  - {recipient: kommune-1804, domains: [housing, finances], given: 2026-09-03}\n"
    "  - {recipient: kommune-1804, domains: [family], given: 2026-10-01, expires: 2026-12-01}\n"
    "  - {recipient: nav-bodo, domains: [all], given: 2026-09-03, withdrawn: 2026-11-01}\n"
    "  - {recipient: nav-bodo, domains: [finances], given: 2026-11-10}\n"
    "  - {recipient: dps, domains: [mental_health], given: 2026-09-03, expires: 2026-12-01}\n";


#define BIT(d) (1u << (d))

START_TEST(boundaries)
{
	sp_doc *doc = parse_ok(case_text);
	const json_t *c = doc->root;
	/* given: that day counts, the day before does not */
	ck_assert_uint_eq(sp_consent_shared(c, "kommune-1804", D("2026-09-02")), 0);
	ck_assert_uint_eq(sp_consent_shared(c, "kommune-1804", D("2026-09-03")),
			  BIT(SP_HOUSING) | BIT(SP_FINANCES));
	/* expires: the day before holds, from that day on it does not */
	ck_assert_uint_eq(sp_consent_shared(c, "dps", D("2026-11-30")), BIT(SP_MENTAL_HEALTH));
	ck_assert_uint_eq(sp_consent_shared(c, "dps", D("2026-12-01")), 0);
	/* withdrawn: the same */
	ck_assert_uint_eq(sp_consent_shared(c, "nav-bodo", D("2026-10-31")), SP_ALL_DOMAINS);
	ck_assert_uint_eq(sp_consent_shared(c, "nav-bodo", D("2026-11-01")), 0);
	/* consents to one recipient add up, each on its own dates */
	ck_assert_uint_eq(sp_consent_shared(c, "kommune-1804", D("2026-11-30")),
			  BIT(SP_HOUSING) | BIT(SP_FINANCES) | BIT(SP_FAMILY));
	ck_assert_uint_eq(sp_consent_shared(c, "kommune-1804", D("2026-12-01")),
			  BIT(SP_HOUSING) | BIT(SP_FINANCES));
	ck_assert_uint_eq(sp_consent_shared(c, "nav-bodo", D("2026-11-10")), BIT(SP_FINANCES));
	ck_assert_uint_eq(sp_consent_shared(c, "unknown", D("2026-10-01")), 0);
	sp_doc_free(doc);
}
END_TEST

START_TEST(holds_one_consent)
{
	sp_consent k = {.recipient = "x", .domains = SP_ALL_DOMAINS, .given = D("2026-09-03"),
			.has_expires = true, .expires = D("2027-09-03")};
	ck_assert(!sp_consent_holds(&k, D("2026-09-02")));
	ck_assert(sp_consent_holds(&k, D("2026-09-03")));
	ck_assert(sp_consent_holds(&k, D("2027-09-02")));
	ck_assert(!sp_consent_holds(&k, D("2027-09-03")));
	k.has_withdrawn = true;
	k.withdrawn = D("2026-09-03"); /* withdrawn the day it was given: it never held */
	ck_assert(!sp_consent_holds(&k, D("2026-09-03")));
}
END_TEST

START_TEST(the_case_holders_need_none)
{
	sp_doc *doc = parse_ok(case_text);
	const json_t *c = doc->root;
	ck_assert_uint_eq(sp_consent_shared(c, SP_RECIPIENT_PERSON, D("2026-01-01")), SP_ALL_DOMAINS);
	ck_assert_uint_eq(sp_consent_shared(c, "bodo-fengsel", D("2026-01-01")), SP_ALL_DOMAINS);
	ck_assert_int_eq(sp_consent_state_of(c, "bodo-fengsel", SP_LEGAL, D("2026-01-01")),
			 SP_CONSENT_GIVEN);
	sp_doc_free(doc);
}
END_TEST

START_TEST(shared_with_all)
{
	sp_doc *doc = parse_ok(case_text);
	const json_t *c = doc->root;
	const char *group[] = {"kommune-1804", "nav-bodo", "bodo-fengsel"};
	ck_assert_uint_eq(sp_consent_shared_all(c, group, 3, D("2026-10-15")),
			  BIT(SP_HOUSING) | BIT(SP_FINANCES) | BIT(SP_FAMILY));
	ck_assert_uint_eq(sp_consent_shared_all(c, group, 3, D("2026-11-01")), 0); /* NAV withdrew */
	ck_assert_uint_eq(sp_consent_shared_all(c, group, 3, D("2026-11-10")), BIT(SP_FINANCES));
	ck_assert_uint_eq(sp_consent_shared_all(c, group, 0, D("2026-11-10")), SP_ALL_DOMAINS);
	sp_doc_free(doc);
}
END_TEST

START_TEST(state)
{
	sp_doc *doc = parse_ok(case_text);
	const json_t *c = doc->root;
	ck_assert_int_eq(sp_consent_state_of(c, "kommune-1804", SP_HOUSING, D("2026-09-03")), SP_CONSENT_GIVEN);
	ck_assert_int_eq(sp_consent_state_of(c, "kommune-1804", SP_LEGAL, D("2026-10-01")), SP_CONSENT_MISSING);
	/* not yet given is missing, not withdrawn */
	ck_assert_int_eq(sp_consent_state_of(c, "kommune-1804", SP_FAMILY, D("2026-09-30")), SP_CONSENT_MISSING);
	ck_assert_int_eq(sp_consent_state_of(c, "kommune-1804", SP_FAMILY, D("2026-12-01")), SP_CONSENT_WITHDRAWN);
	ck_assert_int_eq(sp_consent_state_of(c, "nav-bodo", SP_HOUSING, D("2026-11-01")), SP_CONSENT_WITHDRAWN);
	/* withdrawn for all, given again for finances */
	ck_assert_int_eq(sp_consent_state_of(c, "nav-bodo", SP_FINANCES, D("2026-11-10")), SP_CONSENT_GIVEN);
	ck_assert_int_eq(sp_consent_state_of(c, "dps", SP_MENTAL_HEALTH, D("2026-12-24")), SP_CONSENT_WITHDRAWN);
	ck_assert_int_eq(sp_consent_state_of(c, "nav-bodo", SP_FINANCES, D("2026-09-01")), SP_CONSENT_MISSING);
	sp_doc_free(doc);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("consent");
	TCase *tc = tcase_create("consent");
	tcase_add_test(tc, boundaries);
	tcase_add_test(tc, holds_one_consent);
	tcase_add_test(tc, the_case_holders_need_none);
	tcase_add_test(tc, shared_with_all);
	tcase_add_test(tc, state);
	suite_add_tcase(s, tc);
	return s;
}
