/* SPDX-License-Identifier: MIT */
/* fuzz_validate.c — case validation: the bytes as a stream of documents (YAML or JSON, the
 * default limits); each goes through sp_validate() (and again in strict mode). The typed
 * accessors of case.h promise never to crash on any input, so they read every mapping,
 * valid or not. A valid case is then assessed and its handovers checked with the built-in
 * rules, without a registry and, when the stream held a valid `kind: agencies` document
 * before it, with that registry too. */
#include "fuzz.h"
#include "domain/handover.h"
#include "domain/screen.h"
#include "domain/consent.h"
#include "domain/validate.h"

static sp_rules *rules;
static sp_date as_of;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	rules = sp_rules_default();
	if (!sp_date_parse("2026-11-23", &as_of))
		abort();
	return 0;
}

/* Everything case.h can read from c. */
static void read_case(const json_t *c)
{
	sp_case_info info;
	(void)sp_case_info_get(c, &info);
	sp_screening s;
	sp_case_screening(c, &s);
	for (int d = 0; d < SP_DOMAIN_COUNT; d++)
		(void)sp_domain_is_need(&s.d[d]);
	for (size_t i = 0; i < sp_case_consent_count(c); i++) {
		sp_consent k;
		if (sp_case_consent(c, i, &k)) {
			(void)sp_consent_holds(&k, as_of);
			(void)sp_consent_shared(c, k.recipient, as_of);
			(void)sp_consent_state_of(c, k.recipient, SP_HOUSING, as_of);
		}
	}
	sp_ip ip;
	sp_case_ip(c, &ip);
	for (size_t i = 0; i < sp_case_plan_count(c); i++) {
		sp_plan p;
		if (!sp_case_plan(c, i, &p))
			continue;
		for (size_t j = 0; j < sp_plan_goal_count(&p); j++) {
			sp_goal g;
			if (!sp_plan_goal(&p, j, &g))
				continue;
			for (size_t k = 0; k < sp_goal_measure_count(&g); k++) {
				sp_measure m;
				(void)sp_goal_measure(&g, k, &m);
			}
		}
	}
	for (size_t i = 0; i < sp_case_letter_count(c); i++) {
		sp_letter l;
		(void)sp_case_letter(c, i, &l);
	}
	for (size_t i = 0; i < sp_case_handover_count(c); i++) {
		sp_handover h;
		(void)sp_case_handover(c, i, &h);
	}
}

static void assess(const json_t *c, const sp_agencies *reg)
{
	sp_assessment a;
	sp_assess(c, rules, reg, as_of, &a);
	json_decref(sp_assessment_json(&a));
	for (int t = 0; t < SP_AGENCY_TYPE_COUNT; t++)
		(void)sp_service_agency(reg, c, (sp_agency_type)t, t % SP_DOMAIN_COUNT);
	sp_handover_check h;
	sp_check_handovers(c, rules, reg, as_of, 14, &h);
	(void)sp_handover_has_gaps(&h);
	json_decref(sp_handover_report_json(c, &h, 14));
}

static void each(sp_doc *doc, void *ctx)
{
	sp_agencies **reg = ctx;
	sp_diags d = {0}, strict = {.strict = true};
	size_t errors = sp_validate(doc, &d);
	if (errors != d.errors)
		fuzz_fail("sp_validate returned %zu, but added %zu errors", errors, d.errors);
	if (sp_validate(doc, &strict) < errors)
		fuzz_fail("strict validation found fewer errors than the normal one");
	sp_diags_free(&d);
	sp_diags_free(&strict);
	if (json_is_object(doc->root))
		read_case(doc->root);
	const char *kind = sp_doc_kind(doc);
	if (errors || !kind)
		return;
	if (strcmp(kind, "agencies") == 0) {
		if (!*reg)
			*reg = sp_agencies_new();
		sp_agencies_add(*reg, doc->root);
		for (size_t i = 0; i < sp_agencies_count(*reg); i++) {
			const sp_agency *a = sp_agencies_at(*reg, i);
			if (sp_agencies_find(*reg, a->id) == NULL)
				fuzz_fail("agency %zu is not found by its id", i);
			if (a->municipality)
				(void)sp_agencies_municipality(*reg, a->municipality);
		}
	} else if (strcmp(kind, "case") == 0) {
		assess(doc->root, NULL);
		if (*reg)
			assess(doc->root, *reg);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sp_agencies *reg = NULL;
	sp_limits def = sp_limits_default();
	fuzz_read_stream(data, size, &def, each, &reg);
	sp_agencies_free(reg);
	return 0;
}
