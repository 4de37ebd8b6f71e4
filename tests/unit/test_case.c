/* SPDX-License-Identifier: MIT */
/* test_case.c — typed access to cases and agencies (the consent rule: test_consent.c). */
#include "unit.h"
#include "domain/case.h"

#include <stdlib.h>

static const char *case_text =
    "samplan: 1\n"
    "kind: case\n"
    "id: 2026-BOD-000042\n"
    "person:\n"
    "  name: Kari Nordmann\n"
    "  home_municipality: {number: \"1804\", name: Bodø}\n"
    "unit: {id: bodo-fengsel, name: Bodø fengsel, type: prison}\n"
    "sentence: {type: prison, start: 2026-09-01, release: 2026-11-30, supervision_after_release: true}\n"
    "consents:\n"
    "  - {recipient: kommune-1804, domains: [housing, finances], given: 2026-09-03}\n"
    "  - {recipient: nav-bodo, domains: [all], given: 2026-09-03, withdrawn: 2026-11-01}\n"
    "  - {recipient: dps, domains: [mental_health], given: 2026-09-03, expires: 2026-12-01}\n"
    "screening:\n"
    "  date: 2026-09-03\n"
    "  wants_follow_up: true\n"
    "  domains:\n"
    "    housing: {past: true, current: true, contact: null, needs: [contact]}\n"
    "    finances: {past: false, current: true, contact: null, needs: []}\n"
    "    family: {past: false, current: true, contact: Fastlegen, needs: []}\n"
    "    legal: {past: true, current: false, contact: null, needs: [assessment, measures]}\n"
    "ip:\n"
    "  status: requested\n"
    "  requested: 2026-09-06\n"
    "  coordinator: {name: Per Pettersen, agency: kommune-1804, appointed: 2026-09-20}\n"
    "responsibility_group:\n"
    "  established: 2026-10-01\n"
    "  members: [{name: Per Pettersen}, {name: Kari Nordmann}]\n"
    "  meetings: [{date: 2026-10-15}, {date: 2026-10-01}]\n"
    "plans:\n"
    "  - id: fp-1\n"
    "    type: future_plan\n"
    "    owner: bodo-fengsel\n"
    "    updated: 2026-10-02\n"
    "    goals:\n"
    "      - id: g1\n"
    "        domain: housing\n"
    "        text: Egen bolig\n"
    "        measures:\n"
    "          - {id: m1, text: Søke kommunal bolig, responsible: kommune-1804, due: 2026-11-01, status: in_progress}\n"
    "          - {id: m2, text: Skaffe depositum}\n"
    "      - {id: g2, domain: other, text: Annet}\n"
    "letters:\n"
    "  - {id: L-1, template: ip-request, recipient: kommune-1804, date: 2026-09-05, respond_by: 2026-09-26,\n"
    "     response: {date: 2026-09-20, outcome: refused}}\n"
    "  - {id: L-2, template: notice, recipient: person, date: 2026-09-05}\n"
    "handovers:\n"
    "  - {domain: housing, to: kommune-1804, requested: 2026-10-01, confirmed: 2026-10-20, confirmed_by: Per}\n"
    "  - {domain: finances, to: nav-bodo, requested: 2026-10-01, declined: 2026-10-10}\n";


START_TEST(domains)
{
	ck_assert_str_eq(sp_domain_name(SP_PHYSICAL_HEALTH), "physical_health");
	ck_assert_str_eq(sp_domain_name(SP_WORK_EDUCATION), "work_education");
	ck_assert_int_eq(sp_domain_parse("housing"), SP_HOUSING);
	ck_assert_int_eq(sp_domain_parse("Housing"), -1);
	ck_assert_int_eq(sp_domain_parse(NULL), -1);
	for (int d = 0; d < SP_DOMAIN_COUNT; d++)
		ck_assert_int_eq(sp_domain_parse(sp_domain_name((sp_domain)d)), d);
}
END_TEST

START_TEST(info_screening_and_needs)
{
	sp_doc *doc = parse_ok(case_text);
	sp_case_info info;
	ck_assert(sp_case_info_get(doc->root, &info));
	ck_assert_str_eq(info.id, "2026-BOD-000042");
	ck_assert_str_eq(info.municipality, "1804");
	ck_assert_str_eq(info.unit_id, "bodo-fengsel");
	ck_assert(!info.unit_is_probation_office);
	ck_assert_int_eq(info.sentence_type, SP_SENTENCE_PRISON);
	ck_assert(info.has_release);
	ck_assert_int_eq(sp_date_diff(info.start, info.release), 90);
	ck_assert(info.supervision_after_release);

	sp_screening s;
	sp_case_screening(doc->root, &s);
	ck_assert(s.present);
	ck_assert(s.wants_follow_up);
	ck_assert_int_eq(s.date, D("2026-09-03"));
	ck_assert(sp_domain_is_need(&s.d[SP_HOUSING]));       /* needs: [contact] */
	ck_assert(sp_domain_is_need(&s.d[SP_FINANCES]));      /* current, no contact */
	ck_assert(!sp_domain_is_need(&s.d[SP_FAMILY]));       /* current, but has contact */
	ck_assert(sp_domain_is_need(&s.d[SP_LEGAL]));         /* needs not empty */
	ck_assert(!sp_domain_is_need(&s.d[SP_MENTAL_HEALTH])); /* not answered */
	ck_assert(!s.d[SP_MENTAL_HEALTH].present);
	ck_assert_uint_eq(s.d[SP_LEGAL].needs, SP_NEED_ASSESSMENT | SP_NEED_MEASURES);
	sp_doc_free(doc);
}
END_TEST

START_TEST(ip_plans_letters_handovers)
{
	sp_doc *doc = parse_ok(case_text);
	const json_t *c = doc->root;
	sp_ip ip;
	sp_case_ip(c, &ip);
	ck_assert_int_eq(ip.status, SP_IP_REQUESTED);
	ck_assert_str_eq(ip.coordinator_name, "Per Pettersen");
	ck_assert(ip.has_appointed);
	ck_assert(ip.has_group);
	ck_assert_uint_eq(ip.group_members, 2);
	ck_assert_uint_eq(ip.group_meetings, 2);
	ck_assert_int_eq(ip.first_meeting, D("2026-10-01"));

	ck_assert_uint_eq(sp_case_plan_count(c), 1);
	sp_plan p;
	ck_assert(sp_case_plan(c, 0, &p));
	ck_assert_int_eq(p.type, SP_PLAN_FUTURE);
	ck_assert_str_eq(p.owner, "bodo-fengsel");
	ck_assert_uint_eq(sp_plan_goal_count(&p), 2);
	sp_goal g;
	ck_assert(sp_plan_goal(&p, 0, &g));
	ck_assert_int_eq(g.domain, SP_HOUSING);
	ck_assert_uint_eq(sp_goal_measure_count(&g), 2);
	sp_measure m;
	ck_assert(sp_goal_measure(&g, 0, &m));
	ck_assert_int_eq(m.status, SP_MEASURE_IN_PROGRESS);
	ck_assert(m.has_due);
	ck_assert(sp_goal_measure(&g, 1, &m));
	ck_assert_int_eq(m.status, SP_MEASURE_PLANNED); /* the default */
	ck_assert_ptr_null(m.responsible);
	ck_assert(!sp_goal_measure(&g, 2, &m));
	ck_assert(sp_plan_goal(&p, 1, &g));
	ck_assert_int_eq(g.domain, -1);
	ck_assert_uint_eq(sp_goal_measure_count(&g), 0);

	sp_letter l;
	ck_assert_uint_eq(sp_case_letter_count(c), 2);
	ck_assert(sp_case_letter(c, 0, &l));
	ck_assert_int_eq(l.outcome, SP_OUTCOME_REFUSED);
	ck_assert_int_eq(l.response_date, D("2026-09-20"));
	ck_assert(sp_case_letter(c, 1, &l));
	ck_assert_int_eq(l.outcome, SP_OUTCOME_NONE);
	ck_assert(!l.has_respond_by);
	ck_assert_str_eq(l.recipient, "person");

	sp_handover h;
	ck_assert_uint_eq(sp_case_handover_count(c), 2);
	ck_assert(sp_case_handover(c, 0, &h));
	ck_assert_int_eq(h.domain, SP_HOUSING);
	ck_assert(h.has_confirmed && !h.has_declined);
	ck_assert(sp_case_handover(c, 1, &h));
	ck_assert(h.has_declined && !h.has_confirmed);
	ck_assert(!sp_case_handover(c, 2, &h));
	sp_doc_free(doc);
}
END_TEST

START_TEST(agencies_registry)
{
	sp_doc *a = parse_ok("samplan: 1\nkind: agencies\nagencies:\n"
			     "  - {id: kommune-1804, name: Bodø kommune, type: municipality, municipality: \"1804\", response_days: 10}\n"
			     "  - {id: nav-bodo, name: NAV Bodø, type: nav}\n"
			     "  - {id: dps, name: DPS, type: specialist_health}\n");
	sp_doc *b = parse_ok("samplan: 1\nkind: agencies\nagencies:\n"
			     "  - {id: nav-bodo, name: NAV Bodø (ny), type: nav, response_days: 7}\n"
			     "  - {id: kommune-0301, name: Oslo kommune, type: municipality, municipality: \"0301\"}\n");
	sp_agencies *reg = sp_agencies_new();
	sp_agencies_add(reg, a->root);
	sp_agencies_add(reg, b->root);
	sp_doc_free(a); /* the registry keeps its own reference */
	sp_doc_free(b);
	ck_assert_uint_eq(sp_agencies_count(reg), 4);
	const sp_agency *g = sp_agencies_find(reg, "nav-bodo");
	ck_assert_str_eq(g->name, "NAV Bodø (ny)"); /* the later registry wins */
	ck_assert_int_eq(g->response_days, 7);
	ck_assert_int_eq(sp_agencies_find(reg, "dps")->response_days, 30); /* default by type */
	ck_assert_int_eq(sp_agencies_find(reg, "kommune-0301")->response_days, 21);
	ck_assert_str_eq(sp_agencies_municipality(reg, "1804")->id, "kommune-1804");
	ck_assert_ptr_null(sp_agencies_municipality(reg, "5501"));
	ck_assert_ptr_null(sp_agencies_find(reg, "none"));
	ck_assert_str_eq(sp_agencies_at(reg, 3)->id, "kommune-0301");
	ck_assert_str_eq(sp_agency_type_name(SP_AGENCY_SPECIALIST_HEALTH), "specialist_health");
	ck_assert_int_eq(sp_agency_type_parse("school"), SP_AGENCY_SCHOOL);
	sp_agencies_free(reg);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("case");
	TCase *tc = tcase_create("case");
	tcase_add_test(tc, domains);
	tcase_add_test(tc, info_screening_and_needs);
	tcase_add_test(tc, ip_plans_letters_handovers);
	tcase_add_test(tc, agencies_registry);
	suite_add_tcase(s, tc);
	return s;
}
