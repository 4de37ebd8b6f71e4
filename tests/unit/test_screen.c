/* SPDX-License-Identifier: MIT */
/* test_screen.c — sp_assess under the built-in rules: needs, actions, services, urgency,
 * consent per need, the individual-plan decision, suggested letters, warnings, and the
 * `assessment` mapping. Each case is a small template with one part changed; every expected
 * value is worked out in a comment from rules/default.yaml:
 *   timely ≤ 14 days after start; short < 90 days; soon_extra 30; without_release soon;
 *   lead days: physical 14, mental 42, substance 42, housing 60, finances 28, family 28,
 *   legal 14, work 28; services: physical [health_service], mental [specialist_health,
 *   health_service], substance [municipality, specialist_health], housing [municipality],
 *   finances [nav], family [municipality], legal [legal_aid], work [nav, school];
 *   IP: ≥ 2 needs, ≥ 2 different services to contact (the first of each need's list),
 *   a need with past and current problems.
 * The recipient of a need (sp_service_agency): an agency of the need's first service type
 * in the home municipality that the case names (handover, consent, letter), else the
 * registry's first of that type there, else one the case names elsewhere. */
#include "unit.h"
#include "casetext.h"
#include "domain/screen.h"
#include "domain/validate.h"

#include <stdio.h>
#include <stdlib.h>

/* The registry: everything in Bodø (1804); no legal aid, and no school but the prison's.
 * The prison's health service and school serve bodo-fengsel (the template's unit) during
 * the sentence; the first is listed before the municipality's health service, which is
 * the one for after release. */
static const char *registry_text =
    "samplan: 1\n"
    "kind: agencies\n"
    "agencies:\n"
    "  - {id: kommune-1804, name: Bodø kommune, type: municipality, municipality: \"1804\"}\n"
    "  - {id: nav-bodo, name: NAV Bodø, type: nav, municipality: \"1804\"}\n"
    "  - {id: dps-salten, name: Salten DPS, type: specialist_health, municipality: \"1804\"}\n"
    "  - {id: helse-bodo-fengsel, name: Helsetjenesten i Bodø fengsel, type: health_service,"
    " municipality: \"1804\", serves: [bodo-fengsel]}\n"
    "  - {id: helse-bodo, name: Bodø kommune, helse og omsorg, type: health_service, municipality: \"1804\"}\n"
    "  - {id: skole-bodo-fengsel, name: Opplæringen i Bodø fengsel, type: school, municipality: \"1804\","
    " serves: [bodo-fengsel]}\n"
    "  - {id: bodo-fengsel, name: Bodø fengsel, type: prison, municipality: \"1804\"}\n";

/* The template: home Bodø, prison 2026-09-01 to 2026-11-30 (90 days), consent to
 * kommune-1804 for all domains and to nav-bodo for finances, screened 2026-09-03 (2 days
 * after start) wanting follow-up, with a housing need (past and current, no contact) and a
 * finances need (current, no contact); no ip, no group, no letters. */
#define AS_OF "2026-10-01" /* 60 days before the release of 2026-11-30 */

static sp_rules *rules;
static sp_agencies *reg;
static sp_doc *doc; /* the case last assessed (the assessment borrows from it) */
static sp_assessment A;

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

/* Build the case from p and check it is a valid case; it stays in `doc` until the next. */
static const json_t *make_case(parts p)
{
	char *text = case_text(&p);
	sp_doc_free(doc);
	doc = valid_case(text);
	free(text);
	return doc->root;
}

/* Build the case from p and assess it as of `as_of` with the registry r (NULL: none). */
static const sp_assessment *assess_with(parts p, const char *as_of, const sp_agencies *r)
{
	sp_assess(make_case(p), rules, r, D(as_of), &A);
	return &A;
}

static const sp_assessment *assess(parts p, const char *as_of) { return assess_with(p, as_of, reg); }

/* --- ways to look at an assessment -------------------------------------------------- */

static const sp_need *need(const sp_assessment *a, sp_domain d)
{
	for (size_t i = 0; i < a->nneeds; i++)
		if (a->needs[i].domain == d)
			return &a->needs[i];
	return NULL;
}

/* "housing,finances" */
static const char *need_list(const sp_assessment *a)
{
	static char buf[512];
	buf[0] = '\0';
	for (size_t i = 0; i < a->nneeds; i++)
		put(buf, sizeof buf, i ? ",%s" : "%s", sp_domain_name(a->needs[i].domain));
	return buf;
}

/* "contact,measures" */
static const char *actions(const sp_need *n)
{
	static const char *const names[] = {"contact", "assessment", "measures", "inform"};
	static char buf[128];
	buf[0] = '\0';
	ck_assert_ptr_nonnull(n);
	for (unsigned b = 0; b < 4; b++)
		if (n->actions & (1u << b))
			put(buf, sizeof buf, *buf ? ",%s" : "%s", names[b]);
	ck_assert_uint_eq(n->actions & ~15u, 0);
	return buf;
}

/* "municipality,specialist_health" */
static const char *services(const sp_need *n)
{
	static char buf[256];
	buf[0] = '\0';
	ck_assert_ptr_nonnull(n);
	for (size_t k = 0; k < n->rule->nservices; k++)
		put(buf, sizeof buf, k ? ",%s" : "%s", sp_agency_type_name(n->rule->services[k]));
	return buf;
}

static const char *consent(const sp_need *n)
{
	ck_assert_ptr_nonnull(n);
	return sp_need_consent_name(n->consent);
}

static const char *urgency(const sp_need *n)
{
	ck_assert_ptr_nonnull(n);
	return sp_urgency_name(n->urgency);
}

static const char *recipient(const sp_need *n)
{
	ck_assert_ptr_nonnull(n);
	return n->recipient ? n->recipient : "(none)";
}

/* The service that serves the person's unit now, or "(none)". */
static const char *serving(const sp_need *n)
{
	ck_assert_ptr_nonnull(n);
	return n->while_serving ? n->while_serving : "(none)";
}

/* "notice-of-sentence>kommune-1804 ip-request>kommune-1804" */
static const char *letters(const sp_assessment *a)
{
	static char buf[2048];
	buf[0] = '\0';
	for (size_t i = 0; i < a->nletters; i++) {
		put(buf, sizeof buf, i ? " %s" : "%s", a->letters[i].template_id);
		put(buf, sizeof buf, ">%s", a->letters[i].recipient);
	}
	return buf;
}

/* The six letters the template case gets (see default_case). */
#define ALL_SIX                                                                                    \
	"notice-of-sentence>kommune-1804 ip-request>kommune-1804 "                                 \
	"coordinator-request>kommune-1804 responsibility-group-invitation>kommune-1804 "           \
	"nav-application>nav-bodo housing-application>kommune-1804"

/* --- the template ------------------------------------------------------------------- */

START_TEST(default_case)
{
	const sp_assessment *a = assess((parts){0}, AS_OF);
	ck_assert_int_eq(a->as_of, D(AS_OF));
	ck_assert(a->has_release);
	ck_assert_int_eq(a->days_to_release, 60); /* 2026-10-01 → 2026-11-30: 30 + 30 */
	ck_assert(!a->short_sentence);            /* 2026-09-01 → 2026-11-30 is 90 days, not < 90 */
	ck_assert(a->screening_timely);           /* screened 2 days after the start */
	ck_assert_int_eq(a->risk_areas, 2);
	ck_assert_str_eq(need_list(a), "housing,finances");
	/* housing: current without contact → [contact]; municipality → kommune-1804;
	 * 60 days ≤ lead 60 → urgent; kommune-1804 has consent for all → given */
	const sp_need *h = need(a, SP_HOUSING);
	ck_assert_str_eq(actions(h), "contact");
	ck_assert_str_eq(services(h), "municipality");
	ck_assert_str_eq(urgency(h), "urgent");
	ck_assert_str_eq(consent(h), "given");
	ck_assert_str_eq(recipient(h), "kommune-1804");
	/* finances: [contact]; nav → nav-bodo; 60 > 28 + 30 → routine; nav-bodo [finances] */
	const sp_need *f = need(a, SP_FINANCES);
	ck_assert_str_eq(actions(f), "contact");
	ck_assert_str_eq(services(f), "nav");
	ck_assert_str_eq(urgency(f), "routine");
	ck_assert_str_eq(consent(f), "given");
	ck_assert_str_eq(recipient(f), "nav-bodo");
	/* 2 needs, 2 services (municipality, nav), housing has past and current → IP */
	ck_assert(a->ip_indicated);
	ck_assert(a->coordinator_required);
	/* every letter rule but dps-appointment (no mental-health need) and
	 * information-to-person (follow-up wanted), in the rules' order; no letters sent yet,
	 * ip absent, no coordinator, no group, consents to both recipients */
	ck_assert_str_eq(letters(a), ALL_SIX);
	ck_assert_uint_eq(a->warnings, 0);
}
END_TEST

/* --- the needs rule ------------------------------------------------------------------ */

START_TEST(need_rule_and_actions)
{
	const sp_assessment *a = assess(
	    (parts){.rows =
			/* current, but with a contact: not a need */
			"    physical_health: {past: false, current: true, contact: Fastlege Hansen, needs: []}\n"
			/* past only: not a need */
			"    mental_health: {past: true, current: false, contact: null, needs: []}\n"
			/* needs given (and current without contact): the needs, not [contact] added */
			"    substance_use: {past: false, current: true, contact: null, needs: [assessment]}\n"
			/* current without contact, needs empty: [contact] */
			"    housing: {past: false, current: true, contact: null, needs: []}\n"
			/* needs given although there is a contact; canonical order, not as written */
			"    finances: {past: false, current: true, contact: NAV-veileder, needs: [measures, contact]}\n"
			/* past and current with a contact: not a need (and not long-term: see below) */
			"    legal: {past: true, current: true, contact: Advokat Berg, needs: []}\n"
			/* nothing now, but needs all three (written backwards) */
			"    work_education: {past: false, current: false, contact: null, needs: [measures, assessment, contact]}\n"},
	    AS_OF);
	ck_assert_str_eq(need_list(a), "substance_use,housing,finances,work_education");
	ck_assert_int_eq(a->risk_areas, 4);
	ck_assert_ptr_null(need(a, SP_PHYSICAL_HEALTH));
	ck_assert_ptr_null(need(a, SP_MENTAL_HEALTH));
	ck_assert_ptr_null(need(a, SP_FAMILY));
	ck_assert_ptr_null(need(a, SP_LEGAL));
	ck_assert_str_eq(actions(need(a, SP_SUBSTANCE_USE)), "assessment");
	ck_assert_str_eq(actions(need(a, SP_HOUSING)), "contact");
	ck_assert_str_eq(actions(need(a, SP_FINANCES)), "contact,measures");
	ck_assert_str_eq(actions(need(a, SP_WORK_EDUCATION)), "contact,assessment,measures");
	ck_assert_str_eq(services(need(a, SP_SUBSTANCE_USE)), "municipality,specialist_health");
	ck_assert_str_eq(services(need(a, SP_WORK_EDUCATION)), "nav,school");
	/* recipients: the first service's agency */
	ck_assert_str_eq(recipient(need(a, SP_SUBSTANCE_USE)), "kommune-1804");
	ck_assert_str_eq(recipient(need(a, SP_WORK_EDUCATION)), "nav-bodo");
	/* 4 needs and 4 services, but no need has past and current problems (legal has,
	 * but is not a need) → no IP, no coordinator, so only the notice, the nav application
	 * (finances need, nav-bodo consent) and the housing application */
	ck_assert(!a->ip_indicated);
	ck_assert(!a->coordinator_required);
	ck_assert_str_eq(letters(a), "notice-of-sentence>kommune-1804 nav-application>nav-bodo "
				     "housing-application>kommune-1804");
}
END_TEST

START_TEST(every_domain_a_need)
{
	/* all eight rows past and current with no contact, written in reverse order */
	const sp_assessment *a = assess(
	    (parts){.rows = "    work_education: {past: true, current: true, contact: null, needs: []}\n"
			    "    legal: {past: true, current: true, contact: null, needs: []}\n"
			    "    family: {past: true, current: true, contact: null, needs: []}\n"
			    "    finances: {past: true, current: true, contact: null, needs: []}\n"
			    "    housing: {past: true, current: true, contact: null, needs: []}\n"
			    "    substance_use: {past: true, current: true, contact: null, needs: []}\n"
			    "    mental_health: {past: true, current: true, contact: null, needs: []}\n"
			    "    physical_health: {past: true, current: true, contact: null, needs: []}\n"},
	    AS_OF);
	ck_assert_uint_eq(a->nneeds, 8);
	ck_assert_int_eq(a->risk_areas, 8);
	/* the canonical order, not the order written */
	ck_assert_str_eq(need_list(a), "physical_health,mental_health,substance_use,housing,"
				       "finances,family,legal,work_education");
	for (size_t i = 0; i < 8; i++)
		ck_assert_str_eq(actions(&a->needs[i]), "contact");
	ck_assert_str_eq(services(need(a, SP_MENTAL_HEALTH)), "specialist_health,health_service");
	ck_assert_str_eq(services(need(a, SP_LEGAL)), "legal_aid");
	/* recipients from the first service of each domain */
	ck_assert_str_eq(recipient(need(a, SP_PHYSICAL_HEALTH)), "helse-bodo");
	ck_assert_str_eq(recipient(need(a, SP_MENTAL_HEALTH)), "dps-salten");
	ck_assert_str_eq(recipient(need(a, SP_SUBSTANCE_USE)), "kommune-1804");
	ck_assert_str_eq(recipient(need(a, SP_FAMILY)), "kommune-1804");
	ck_assert_str_eq(recipient(need(a, SP_LEGAL)), "(none)"); /* no legal aid in the registry */
	/* during the sentence: the services that serve bodo-fengsel, for the domains whose
	 * rules have while_serving (health: physical, mental, substance use; school: work) */
	ck_assert_str_eq(serving(need(a, SP_PHYSICAL_HEALTH)), "helse-bodo-fengsel");
	ck_assert_str_eq(serving(need(a, SP_MENTAL_HEALTH)), "helse-bodo-fengsel");
	ck_assert_str_eq(serving(need(a, SP_SUBSTANCE_USE)), "helse-bodo-fengsel");
	ck_assert_str_eq(serving(need(a, SP_WORK_EDUCATION)), "skole-bodo-fengsel");
	ck_assert_str_eq(serving(need(a, SP_HOUSING)), "(none)");
	ck_assert_str_eq(serving(need(a, SP_LEGAL)), "(none)");
	/* consent follows the recipient: kommune-1804 has [all], but physical health goes to
	 * helse-bodo and mental health to dps-salten, who have none */
	ck_assert_str_eq(consent(need(a, SP_PHYSICAL_HEALTH)), "missing");
	ck_assert_str_eq(consent(need(a, SP_MENTAL_HEALTH)), "missing");
	ck_assert_str_eq(consent(need(a, SP_FAMILY)), "given");
	ck_assert_str_eq(consent(need(a, SP_WORK_EDUCATION)), "missing"); /* nav-bodo: finances only */
	/* no recipient for legal: no consent can count, although kommune-1804 has [all] */
	ck_assert_str_eq(consent(need(a, SP_LEGAL)), "missing");
	/* urgency at 60 days: lead 14 (physical, legal) → 60 > 44 routine; lead 42 → 60 ≤ 72 soon;
	 * housing lead 60 urgent; lead 28 → 60 > 58 routine */
	ck_assert_str_eq(urgency(need(a, SP_PHYSICAL_HEALTH)), "routine");
	ck_assert_str_eq(urgency(need(a, SP_MENTAL_HEALTH)), "soon");
	ck_assert_str_eq(urgency(need(a, SP_SUBSTANCE_USE)), "soon");
	ck_assert_str_eq(urgency(need(a, SP_HOUSING)), "urgent");
	ck_assert_str_eq(urgency(need(a, SP_FAMILY)), "routine");
	ck_assert_str_eq(urgency(need(a, SP_LEGAL)), "routine");
	ck_assert(a->ip_indicated);
	/* dps-appointment: a mental-health need, but no consent to dps-salten → not suggested */
	ck_assert_str_eq(letters(a), ALL_SIX);
	/* legal aid is a service with no agency in the registry, for the legal need only */
	ck_assert_uint_eq(a->warnings, SP_WARN_NO_SERVICE_AGENCY);
	ck_assert_uint_eq(a->no_agency, 1u << SP_LEGAL);
}
END_TEST

START_TEST(no_needs_at_all)
{
	/* every row a no-problem row; legal has a past problem only, physical a current one
	 * with a contact */
	const sp_assessment *a = assess(
	    (parts){.rows = "    legal: {past: true, current: false, contact: null, needs: []}\n"
			    "    physical_health: {past: false, current: true, contact: helse-bodo, needs: []}\n"},
	    AS_OF);
	ck_assert_uint_eq(a->nneeds, 0);
	ck_assert_int_eq(a->risk_areas, 0);
	ck_assert(!a->ip_indicated);
	ck_assert(!a->coordinator_required);
	ck_assert_str_eq(letters(a), "notice-of-sentence>kommune-1804"); /* `always` */
	ck_assert_uint_eq(a->warnings, 0);
	ck_assert(a->screening_timely);
}
END_TEST

/* --- urgency, release, sentence length, timeliness ------------------------------------ */

START_TEST(urgency_boundaries)
{
	/* housing: lead 60, soon up to 90; finances: lead 28, soon up to 58 */
	static const struct {
		const char *as_of;
		int days;
		const char *housing, *finances;
	} t[] = {
	    {"2026-08-31", 91, "routine", "routine"}, /* housing lead + 30 + 1 */
	    {"2026-09-01", 90, "soon", "routine"},    /* housing lead + 30 */
	    {"2026-09-30", 61, "soon", "routine"},    /* housing lead + 1 */
	    {"2026-10-01", 60, "urgent", "routine"},  /* housing lead */
	    {"2026-10-02", 59, "urgent", "routine"},  /* finances lead + 30 + 1 */
	    {"2026-10-03", 58, "urgent", "soon"},     /* finances lead + 30 */
	    {"2026-11-01", 29, "urgent", "soon"},     /* finances lead + 1 */
	    {"2026-11-02", 28, "urgent", "urgent"},   /* finances lead */
	    {"2026-11-30", 0, "urgent", "urgent"},    /* release today: not yet released */
	    {"2026-12-01", -1, "released", "released"}, /* release yesterday */
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		const sp_assessment *a = assess((parts){0}, t[i].as_of);
		ck_assert_msg(a->days_to_release == t[i].days, "%s: %d days", t[i].as_of, a->days_to_release);
		ck_assert_msg(strcmp(urgency(need(a, SP_HOUSING)), t[i].housing) == 0, "%s: housing %s",
			      t[i].as_of, urgency(need(a, SP_HOUSING)));
		ck_assert_msg(strcmp(urgency(need(a, SP_FINANCES)), t[i].finances) == 0,
			      "%s: finances %s", t[i].as_of, urgency(need(a, SP_FINANCES)));
		/* the released warning exactly once the release date has passed */
		ck_assert_msg(((a->warnings & SP_WARN_RELEASED) != 0) == (t[i].days < 0), "%s: warning",
			      t[i].as_of);
	}
}
END_TEST

START_TEST(remand_without_release)
{
	const sp_assessment *a = assess((parts){.sentence = "{type: remand, start: 2026-09-01}"}, AS_OF);
	ck_assert(!a->has_release);
	/* without_release: soon for every need, whatever its lead time */
	ck_assert_str_eq(urgency(need(a, SP_HOUSING)), "soon");
	ck_assert_str_eq(urgency(need(a, SP_FINANCES)), "soon");
	ck_assert(!a->short_sentence); /* false without a release date */
	ck_assert_uint_eq(a->warnings, 0); /* not "released" */
	json_t *j = sp_assessment_json(a);
	json_t *days = json_object_get(j, "days_to_release");
	ck_assert_ptr_nonnull(days); /* the key is there, and null */
	ck_assert(json_is_null(days));
	ck_assert(json_is_false(json_object_get(j, "short_sentence")));
	json_decref(j);
}
END_TEST

START_TEST(short_sentence_boundary)
{
	/* 2026-09-01 → 2026-11-29 is 89 days: short; → 2026-11-30 is 90: not */
	const sp_assessment *a =
	    assess((parts){.sentence = "{type: prison, start: 2026-09-01, release: 2026-11-29}"}, AS_OF);
	ck_assert(a->short_sentence);
	ck_assert_int_eq(a->days_to_release, 59);
	a = assess((parts){.sentence = "{type: prison, start: 2026-09-01, release: 2026-11-30}"}, AS_OF);
	ck_assert(!a->short_sentence);
	/* a long sentence: 2026-01-05 → 2027-03-01 */
	a = assess((parts){.sentence = "{type: prison, start: 2026-01-05, release: 2027-03-01}",
			   .date = "2026-01-06"},
		   AS_OF);
	ck_assert(!a->short_sentence);
	ck_assert_int_eq(a->days_to_release, 151); /* Oct 30 + Nov 30 + Dec 31 + Jan 31 + Feb 28 + 1 */
}
END_TEST

START_TEST(screening_timeliness)
{
	/* start 2026-09-01: the 15th is 14 days after (timely), the 16th is 15 (late) */
	ck_assert(assess((parts){.date = "2026-09-15"}, AS_OF)->screening_timely);
	ck_assert(!assess((parts){.date = "2026-09-16"}, AS_OF)->screening_timely);
	/* screened on the first day, and a week before the start (at intake of a transfer) */
	ck_assert(assess((parts){.date = "2026-09-01"}, AS_OF)->screening_timely);
	ck_assert(assess((parts){.date = "2026-08-25"}, AS_OF)->screening_timely);
}
END_TEST

START_TEST(no_screening)
{
	const sp_assessment *a = assess((parts){.no_screening = true}, AS_OF);
	ck_assert_uint_eq(a->warnings, SP_WARN_NO_SCREENING);
	ck_assert_uint_eq(a->nneeds, 0);
	ck_assert_int_eq(a->risk_areas, 0);
	ck_assert(!a->screening_timely);
	ck_assert(!a->ip_indicated);
	ck_assert(!a->coordinator_required);
	/* only the `always` letter; not the letter to a person who wants no follow-up */
	ck_assert_str_eq(letters(a), "notice-of-sentence>kommune-1804");
	ck_assert_int_eq(a->days_to_release, 60);
}
END_TEST

START_TEST(screening_with_a_domain_missing)
{
	const sp_assessment *a = assess((parts){.omit = "legal"}, AS_OF);
	ck_assert_uint_eq(a->warnings, SP_WARN_DOMAINS_MISSING);
	ck_assert_str_eq(need_list(a), "housing,finances"); /* the rest is assessed as usual */
	/* a missing domain that would be last: still noticed */
	a = assess((parts){.omit = "work_education"}, AS_OF);
	ck_assert_uint_eq(a->warnings, SP_WARN_DOMAINS_MISSING);
}
END_TEST

/* --- consent ------------------------------------------------------------------------- */

START_TEST(consent_per_need)
{
	/* the housing need goes to kommune-1804, the finances need to nav-bodo; as of 2026-10-01 */
	static const struct {
		const char *consents, *housing, *finances;
	} t[] = {
	    /* given for housing only */
	    {"\n  - {recipient: kommune-1804, domains: [housing], given: 2026-09-03}", "given", "missing"},
	    /* none at all */
	    {" []", "missing", "missing"},
	    /* withdrawn the day before as_of, on as_of: withdrawn; the day after: still given */
	    {"\n  - {recipient: kommune-1804, domains: [housing], given: 2026-09-03, withdrawn: 2026-09-30}",
	     "withdrawn", "missing"},
	    {"\n  - {recipient: kommune-1804, domains: [housing], given: 2026-09-03, withdrawn: 2026-10-01}",
	     "withdrawn", "missing"},
	    {"\n  - {recipient: kommune-1804, domains: [housing], given: 2026-09-03, withdrawn: 2026-10-02}",
	     "given", "missing"},
	    /* expires the day after as_of: given; on as_of: no longer (reported as withdrawn) */
	    {"\n  - {recipient: kommune-1804, domains: [housing], given: 2026-09-03, expires: 2026-10-02}",
	     "given", "missing"},
	    {"\n  - {recipient: kommune-1804, domains: [housing], given: 2026-09-03, expires: 2026-10-01}",
	     "withdrawn", "missing"},
	    /* consent to another recipient only: missing for housing, given for finances */
	    {"\n  - {recipient: nav-bodo, domains: [all], given: 2026-09-03}", "missing", "given"},
	    /* [all] to kommune-1804: housing given; finances goes to nav-bodo: missing */
	    {"\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03}", "given", "missing"},
	    /* the right recipient, other domains */
	    {"\n  - {recipient: kommune-1804, domains: [family, finances], given: 2026-09-03}", "missing",
	     "missing"},
	    /* given only after as_of: not yet */
	    {"\n  - {recipient: kommune-1804, domains: [housing], given: 2026-10-02}", "missing", "missing"},
	    /* a withdrawn consent and a new one, in either order: given */
	    {"\n  - {recipient: kommune-1804, domains: [housing], given: 2026-09-03, withdrawn: 2026-09-10}"
	     "\n  - {recipient: kommune-1804, domains: [housing], given: 2026-09-12}",
	     "given", "missing"},
	    {"\n  - {recipient: kommune-1804, domains: [housing], given: 2026-09-12}"
	     "\n  - {recipient: kommune-1804, domains: [housing], given: 2026-09-03, withdrawn: 2026-09-10}",
	     "given", "missing"},
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		const sp_assessment *a = assess((parts){.consents = t[i].consents}, AS_OF);
		ck_assert_msg(strcmp(consent(need(a, SP_HOUSING)), t[i].housing) == 0, "row %zu: housing %s",
			      i, consent(need(a, SP_HOUSING)));
		ck_assert_msg(strcmp(consent(need(a, SP_FINANCES)), t[i].finances) == 0,
			      "row %zu: finances %s", i, consent(need(a, SP_FINANCES)));
	}
}
END_TEST

START_TEST(no_follow_up_wanted)
{
	const sp_assessment *a = assess((parts){.follow = "false"}, AS_OF);
	ck_assert_str_eq(need_list(a), "housing,finances"); /* the needs are still needs */
	for (size_t i = 0; i < a->nneeds; i++) {
		ck_assert_str_eq(consent(&a->needs[i]), "not_wanted"); /* although consent is given */
		ck_assert_str_eq(actions(&a->needs[i]), "inform");
	}
	ck_assert_str_eq(services(need(a, SP_HOUSING)), "municipality");
	/* the decision on the need for an IP does not depend on the wish (it is the need) */
	ck_assert(a->ip_indicated);
	/* no letters to agencies at all, even with consents; one to the person */
	ck_assert_str_eq(letters(a), "information-to-person>person");
	/* and without any need: the person is still told where to turn */
	a = assess((parts){.follow = "false", .rows = ""}, AS_OF);
	ck_assert_uint_eq(a->nneeds, 0);
	ck_assert_str_eq(letters(a), "information-to-person>person");
	/* the letter to the person is not suggested twice */
	a = assess((parts){.follow = "false",
			   .rest = "letters:\n  - {id: L-1, template: information-to-person, recipient: person, date: 2026-09-04}\n"},
		   AS_OF);
	ck_assert_str_eq(letters(a), "");
}
END_TEST

/* --- the individual plan -------------------------------------------------------------- */

START_TEST(ip_rule)
{
	/* the template: 2 needs, 2 services, housing past and current → indicated */
	ck_assert(assess((parts){0}, AS_OF)->ip_indicated);
	ck_assert(A.coordinator_required);
	/* 1 need, although it has 2 services (municipality, specialist_health) and is past and
	 * current → not */
	const sp_assessment *a = assess(
	    (parts){.rows = "    substance_use: {past: true, current: true, contact: null, needs: []}\n"}, AS_OF);
	ck_assert_int_eq(a->risk_areas, 1);
	ck_assert(!a->ip_indicated);
	ck_assert(!a->coordinator_required);
	ck_assert_str_eq(letters(a), "notice-of-sentence>kommune-1804");
	/* 2 needs served by the same single service (housing and family: municipality) → not */
	a = assess((parts){.rows = "    housing: {past: true, current: true, contact: null, needs: []}\n"
				   "    family: {past: false, current: true, contact: null, needs: []}\n"},
		   AS_OF);
	ck_assert_int_eq(a->risk_areas, 2);
	ck_assert(!a->ip_indicated);
	ck_assert(!a->coordinator_required);
	/* adding finances (nav) makes 2 services → indicated */
	a = assess((parts){.rows = "    housing: {past: true, current: true, contact: null, needs: []}\n"
				   "    finances: {past: false, current: false, contact: null, needs: [assessment]}\n"
				   "    family: {past: false, current: true, contact: null, needs: []}\n"},
		   AS_OF);
	ck_assert(a->ip_indicated);
	/* 2 needs, 2 services, past in one domain and current in the other: no need with both → not */
	a = assess((parts){.rows = "    housing: {past: false, current: true, contact: null, needs: []}\n"
				   "    finances: {past: true, current: false, contact: null, needs: [assessment]}\n"},
		   AS_OF);
	ck_assert_int_eq(a->risk_areas, 2);
	ck_assert(!a->ip_indicated);
	ck_assert(!a->coordinator_required);
	/* every listed service counts: substance use [municipality, specialist_health] and
	 * housing [municipality] → 2 services (municipality, specialist_health), substance use
	 * past and current → indicated (the classic case for an IP) */
	a = assess((parts){.rows = "    substance_use: {past: true, current: true, contact: null, needs: []}\n"
				   "    housing: {past: false, current: true, contact: null, needs: []}\n"},
		   AS_OF);
	ck_assert_int_eq(a->risk_areas, 2);
	ck_assert(a->ip_indicated);
	/* mental health [specialist_health, …] and housing [municipality] → 2 → indicated */
	a = assess((parts){.rows = "    mental_health: {past: true, current: true, contact: null, needs: []}\n"
				   "    housing: {past: false, current: true, contact: null, needs: []}\n"},
		   AS_OF);
	ck_assert(a->ip_indicated);
	/* past and current in the finances need instead of housing → indicated */
	a = assess((parts){.rows = "    housing: {past: false, current: true, contact: null, needs: []}\n"
				   "    finances: {past: true, current: true, contact: null, needs: [assessment]}\n"},
		   AS_OF);
	ck_assert(a->ip_indicated);
	ck_assert(a->coordinator_required);
}
END_TEST

START_TEST(coordinator_when_ip_refused)
{
	/* the person refuses an IP: a coordinator is still required (§ 21); no IP request and
	 * no invitation to a responsibility group (the forum for IP work) */
	const sp_assessment *a = assess((parts){.rest = "ip: {status: refused_by_person}\n"}, AS_OF);
	ck_assert(a->ip_indicated);
	ck_assert(a->coordinator_required);
	ck_assert_str_eq(letters(a), "notice-of-sentence>kommune-1804 coordinator-request>kommune-1804 "
				     "nav-application>nav-bodo housing-application>kommune-1804");
	/* refused, and a coordinator named: no letter about the IP at all */
	a = assess((parts){.rest = "ip:\n  status: refused_by_person\n"
				   "  coordinator: {name: Per Pettersen, agency: kommune-1804, appointed: 2026-09-20}\n"},
		   AS_OF);
	ck_assert(a->coordinator_required);
	ck_assert_str_eq(letters(a), "notice-of-sentence>kommune-1804 nav-application>nav-bodo "
				     "housing-application>kommune-1804");
}
END_TEST

/* --- letters -------------------------------------------------------------------------- */

START_TEST(letters_need_consent_to_the_recipient)
{
	/* consent only to nav-bodo: nothing to kommune-1804, not even the notice */
	const sp_assessment *a = assess(
	    (parts){.consents = "\n  - {recipient: nav-bodo, domains: [finances], given: 2026-09-03}"}, AS_OF);
	ck_assert(a->ip_indicated);
	ck_assert_str_eq(letters(a), "nav-application>nav-bodo");
	/* consent to kommune-1804 for family only: the case letters go (any consent to the
	 * recipient), the housing application does not (housing is not covered) */
	a = assess((parts){.consents = "\n  - {recipient: kommune-1804, domains: [family], given: 2026-09-03}"
				       "\n  - {recipient: nav-bodo, domains: [finances], given: 2026-09-03}"},
		   AS_OF);
	ck_assert_str_eq(letters(a), "notice-of-sentence>kommune-1804 ip-request>kommune-1804 "
				     "coordinator-request>kommune-1804 "
				     "responsibility-group-invitation>kommune-1804 nav-application>nav-bodo");
	/* a withdrawn consent to kommune-1804 is no consent */
	a = assess((parts){.consents = "\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03, withdrawn: 2026-09-20}"},
		   AS_OF);
	ck_assert_str_eq(letters(a), "");
}
END_TEST

START_TEST(ip_request_only_when_not_requested)
{
	ck_assert_str_eq(letters(assess((parts){.rest = "ip: {status: none}\n"}, AS_OF)), ALL_SIX);
	ck_assert_str_eq(letters(assess((parts){0}, AS_OF)), ALL_SIX); /* absent: none */
	static const char *const later[] = {
	    "ip: {status: requested, requested: 2026-09-06}\n",
	    "ip: {status: in_progress, requested: 2026-09-06}\n",
	    "ip: {status: established, requested: 2026-09-06}\n",
	    "ip: {status: refused_by_person}\n",
	};
	for (size_t i = 0; i < 4; i++) {
		const sp_assessment *a = assess((parts){.rest = later[i]}, AS_OF);
		ck_assert_msg(strstr(letters(a), "ip-request") == NULL, "%s", later[i]);
		ck_assert(strstr(letters(a), "coordinator-request>kommune-1804"));
	}
	/* not indicated (one need): no request even with status none */
	ck_assert_str_eq(
	    letters(assess((parts){.rest = "ip: {status: none}\n",
				   .rows = "    housing: {past: true, current: true, contact: null, needs: []}\n"},
			   AS_OF)),
	    "notice-of-sentence>kommune-1804 housing-application>kommune-1804");
}
END_TEST

START_TEST(coordinator_and_group_letters)
{
	/* a coordinator named: no coordinator request */
	const sp_assessment *a = assess(
	    (parts){.rest = "ip:\n  status: requested\n  requested: 2026-09-06\n"
			    "  coordinator: {name: Per Pettersen, agency: kommune-1804, appointed: 2026-09-20}\n"},
	    AS_OF);
	ck_assert(a->coordinator_required); /* still required, and there is one */
	ck_assert_str_eq(letters(a), "notice-of-sentence>kommune-1804 "
				     "responsibility-group-invitation>kommune-1804 nav-application>nav-bodo "
				     "housing-application>kommune-1804");
	/* a responsibility group: no invitation */
	a = assess((parts){.rest = "responsibility_group:\n  established: 2026-09-20\n"
				   "  members: [{name: Per Pettersen, agency: kommune-1804, role: coordinator}]\n"},
		   AS_OF);
	ck_assert_str_eq(letters(a), "notice-of-sentence>kommune-1804 ip-request>kommune-1804 "
				     "coordinator-request>kommune-1804 nav-application>nav-bodo "
				     "housing-application>kommune-1804");
}
END_TEST

START_TEST(nav_application)
{
	/* finances need, but nav-bodo's consent covers housing only → no application */
	const sp_assessment *a = assess(
	    (parts){.consents = "\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03}"
				"\n  - {recipient: nav-bodo, domains: [housing], given: 2026-09-03}"},
	    AS_OF);
	ck_assert(strstr(letters(a), "nav-application") == NULL);
	ck_assert_str_eq(consent(need(a, SP_FINANCES)), "missing");
	/* [all] covers finances → the application */
	a = assess((parts){.consents = "\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03}"
				       "\n  - {recipient: nav-bodo, domains: [all], given: 2026-09-03}"},
		   AS_OF);
	ck_assert(strstr(letters(a), "nav-application>nav-bodo"));
	/* a finances consent but no finances need → no application */
	a = assess((parts){.rows = "    housing: {past: true, current: true, contact: null, needs: []}\n"
				   "    work_education: {past: false, current: true, contact: null, needs: []}\n"},
		   AS_OF);
	ck_assert(a->ip_indicated); /* municipality + nav, housing past and current */
	ck_assert(strstr(letters(a), "nav-application") == NULL);
}
END_TEST

START_TEST(dps_appointment)
{
	/* a mental-health need with consent to dps-salten → the appointment, in rule order */
	const sp_assessment *a = assess(
	    (parts){.consents = CONSENTS "\n  - {recipient: dps-salten, domains: [mental_health], given: 2026-09-03}",
		    .rows = ROWS "    mental_health: {past: false, current: false, contact: null, needs: [assessment]}\n"},
	    AS_OF);
	ck_assert_str_eq(consent(need(a, SP_MENTAL_HEALTH)), "given");
	ck_assert_str_eq(letters(a), ALL_SIX " dps-appointment>dps-salten");
}
END_TEST

START_TEST(letter_to_the_office_the_consent_names)
{
	/* two NAV offices in Bodø; the person consented to nav-bodo for housing and to
	 * nav-bodo-2 for finances: the finances need, and the NAV application about it, go to
	 * nav-bodo-2, the office the consent for that domain names */
	sp_agencies *g = registry_of(
	    "samplan: 1\nkind: agencies\nagencies:\n"
	    "  - {id: kommune-1804, name: Bodø kommune, type: municipality, municipality: \"1804\"}\n"
	    "  - {id: nav-bodo, name: NAV Bodø, type: nav, municipality: \"1804\"}\n"
	    "  - {id: nav-bodo-2, name: NAV Bodø 2, type: nav, municipality: \"1804\"}\n");
	const sp_assessment *a = assess_with(
	    (parts){.consents = "\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03}"
				"\n  - {recipient: nav-bodo, domains: [housing], given: 2026-09-03}"
				"\n  - {recipient: nav-bodo-2, domains: [finances], given: 2026-09-03}"},
	    AS_OF, g);
	ck_assert_str_eq(recipient(need(a, SP_FINANCES)), "nav-bodo-2");
	ck_assert_str_eq(consent(need(a, SP_FINANCES)), "given");
	ck_assert_str_eq(letters(a), "notice-of-sentence>kommune-1804 ip-request>kommune-1804 "
				     "coordinator-request>kommune-1804 "
				     "responsibility-group-invitation>kommune-1804 nav-application>nav-bodo-2 "
				     "housing-application>kommune-1804");
	sp_agencies_free(g);
}
END_TEST

START_TEST(letters_not_suggested_again)
{
	/* ip-request already sent to kommune-1804; a nav-application sent to another
	 * recipient does not count for nav-bodo; and the notice is not suggested, since a
	 * letter to kommune-1804 (the ip-request) has told it that the person is serving */
	const sp_assessment *a = assess(
	    (parts){.rest = "letters:\n"
			    "  - {id: L-1, template: ip-request, recipient: kommune-1804, date: 2026-09-05}\n"
			    "  - {id: L-2, template: nav-application, recipient: kommune-1804, date: 2026-09-05}\n"
			    "  - {id: L-3, template: notice-of-sentence, recipient: person, date: 2026-09-05}\n"},
	    AS_OF);
	ck_assert_str_eq(letters(a), "coordinator-request>kommune-1804 "
				     "responsibility-group-invitation>kommune-1804 nav-application>nav-bodo "
				     "housing-application>kommune-1804");
	/* a letter to another agency does not tell the municipality: the notice is suggested */
	a = assess((parts){.rest = "letters:\n"
				   "  - {id: L-1, template: handover-request, recipient: nav-bodo, date: 2026-09-05}\n"},
		   AS_OF);
	ck_assert(strstr(letters(a), "notice-of-sentence>kommune-1804") == letters(a));
}
END_TEST

/* --- without a registry, and a home municipality outside it --------------------------- */

START_TEST(without_registry)
{
	/* consent only to nav-bodo, for all domains */
	const sp_assessment *a = assess_with(
	    (parts){.consents = "\n  - {recipient: nav-bodo, domains: [all], given: 2026-09-03}"}, AS_OF, NULL);
	ck_assert_uint_eq(a->warnings, SP_WARN_NO_REGISTRY); /* and not the other two */
	ck_assert_str_eq(need_list(a), "housing,finances");
	ck_assert_ptr_null(need(a, SP_HOUSING)->recipient);
	ck_assert_ptr_null(need(a, SP_FINANCES)->recipient);
	/* no recipient known: no consent can be to it, although one covers every domain */
	ck_assert_str_eq(consent(need(a, SP_HOUSING)), "missing");
	ck_assert_str_eq(consent(need(a, SP_FINANCES)), "missing");
	ck_assert(a->ip_indicated);
	ck_assert_str_eq(letters(a), ""); /* no letters to agencies */
	/* the letter to the person needs no registry */
	a = assess_with((parts){.follow = "false"}, AS_OF, NULL);
	ck_assert_str_eq(letters(a), "information-to-person>person");
}
END_TEST

START_TEST(home_municipality_not_in_registry)
{
	const sp_assessment *a = assess((parts){.home = "{number: \"5501\", name: Tromsø}"}, AS_OF);
	ck_assert_uint_eq(a->warnings, SP_WARN_NO_HOME_MUNICIPALITY);
	/* nothing in Tromsø: the agencies the case names elsewhere (its consents) */
	ck_assert_str_eq(recipient(need(a, SP_HOUSING)), "kommune-1804");
	ck_assert_str_eq(recipient(need(a, SP_FINANCES)), "nav-bodo");
	ck_assert_str_eq(consent(need(a, SP_HOUSING)), "given");
	/* a case that names no agency: no recipient, although the unit (bodo-fengsel) is in
	 * Bodø, where there are agencies of every type the needs call for */
	a = assess((parts){.home = "{number: \"5501\", name: Tromsø}", .consents = " []"}, AS_OF);
	ck_assert_uint_eq(a->warnings, SP_WARN_NO_HOME_MUNICIPALITY | SP_WARN_NO_SERVICE_AGENCY);
	ck_assert_uint_eq(a->no_agency, (1u << SP_HOUSING) | (1u << SP_FINANCES));
	ck_assert_str_eq(recipient(need(a, SP_HOUSING)), "(none)");
	ck_assert_str_eq(consent(need(a, SP_HOUSING)), "missing");
	ck_assert_str_eq(letters(a), "");
}
END_TEST

/* --- services by where the person is ---------------------------------------------------
 * During the sentence an inmate's health care comes from the health service of the prison
 * they are in (DOMAIN.md, "Who serves whom"); after release from the home municipality. The
 * registries below say which unit a service serves with `serves`. */

/* A registry from the YAML lines of its agencies; caller frees. */
static sp_agencies *registry_of_agencies(const char *agencies)
{
	char text[4096];
	snprintf(text, sizeof text, "samplan: 1\nkind: agencies\nagencies:\n%s", agencies);
	return registry_of(text);
}

/* Oslo and Bærum, as in issue 19: Ila's health service lies in Bærum (3201). */
#define ILA_HEALTH "  - {id: helse-ila, name: Helsetjenesten i Ila fengsel, type: health_service," \
		   " municipality: \"3201\", serves: [ila-fengsel]}\n"
#define OSLO_HEALTH "  - {id: helse-oslo, name: Helsetjenesten i Oslo fengsel, type: health_service," \
		    " municipality: \"0301\", serves: [oslo-fengsel]}\n"
#define BAERUM "  - {id: kommune-3201, name: Bærum kommune, type: municipality, municipality: \"3201\"}\n"
#define BAERUM_HEALTH "  - {id: helse-baerum, name: Bærum kommune, helse, type: health_service," \
		      " municipality: \"3201\"}\n"
#define OSLO_UNIT "{id: oslo-fengsel, name: Oslo fengsel, type: prison}"
#define PHYSICAL "    physical_health: {past: false, current: true, contact: null, needs: [assessment]}\n"

/* The case of issue 19: in Oslo fengsel, home Bærum, consent to Oslo fengsel's health
 * service (and, here, to Ila's) for physical health. */
static const parts in_oslo_from_baerum = {
    .home = "{number: \"3201\", name: Bærum}", .unit = OSLO_UNIT, .rows = PHYSICAL,
    .consents = "\n  - {recipient: helse-ila, domains: [physical_health], given: 2026-09-03}"
		"\n  - {recipient: helse-oslo, domains: [physical_health], given: 2026-09-03}"};

START_TEST(the_units_own_service_while_serving)
{
	/* the template's unit is bodo-fengsel; the registry lists its health service before
	 * Bodø's own, both in Bodø, the home municipality */
	parts p = {.rows = PHYSICAL};
	const sp_assessment *a = assess(p, AS_OF);
	const sp_need *n = need(a, SP_PHYSICAL_HEALTH);
	ck_assert_str_eq(serving(n), "helse-bodo-fengsel");
	ck_assert_str_eq(recipient(n), "helse-bodo"); /* after release: never the prison's */
	ck_assert_uint_eq(a->warnings, 0);
	/* also when the case names the prison's service: a consent that covers the domain */
	p.consents = "\n  - {recipient: helse-bodo-fengsel, domains: [physical_health], given: 2026-09-03}";
	a = assess(p, AS_OF);
	ck_assert_str_eq(serving(need(a, SP_PHYSICAL_HEALTH)), "helse-bodo-fengsel");
	ck_assert_str_eq(recipient(need(a, SP_PHYSICAL_HEALTH)), "helse-bodo");
	ck_assert_str_eq(consent(need(a, SP_PHYSICAL_HEALTH)), "missing"); /* to helse-bodo */
}
END_TEST

START_TEST(another_prisons_service_never)
{
	/* only Ila's health service, in the home municipality, and named by the case's
	 * consent: it serves neither the person in Oslo fengsel now nor after release */
	sp_agencies *g = registry_of_agencies(BAERUM ILA_HEALTH);
	const sp_assessment *a = assess_with(in_oslo_from_baerum, AS_OF, g);
	const sp_need *n = need(a, SP_PHYSICAL_HEALTH);
	ck_assert_str_eq(serving(n), "(none)");
	ck_assert_str_eq(recipient(n), "(none)");
	ck_assert_uint_eq(a->warnings, SP_WARN_NO_SERVICE_AGENCY | SP_WARN_NO_UNIT_SERVICE);
	ck_assert_uint_eq(a->no_unit_service, 1u << SP_PHYSICAL_HEALTH);
	ck_assert_uint_eq(a->no_agency, 1u << SP_PHYSICAL_HEALTH);
	json_t *j = sp_assessment_json(a);
	json_t *w = json_object_get(j, "warnings");
	ck_assert_uint_eq(json_array_size(w), 2);
	ck_assert_str_eq(json_string_value(json_array_get(w, 0)),
			 "no agency in the registry for the home municipality takes on "
			 "physical_health (health_service); add one");
	ck_assert_str_eq(json_string_value(json_array_get(w, 1)),
			 "no agency in the registry serves oslo-fengsel for physical_health "
			 "(health_service); add `serves: [oslo-fengsel]` to the agency of that type "
			 "that works there");
	json_t *nj = json_array_get(json_object_get(j, "needs"), 0);
	ck_assert_ptr_null(json_object_get(nj, "while_serving"));
	ck_assert_ptr_null(json_object_get(nj, "recipient"));
	json_decref(j);
	/* the same through sp_service_agency, which letters and handovers use */
	ck_assert_ptr_null(sp_service_agency(g, doc->root, SP_AGENCY_HEALTH_SERVICE, SP_PHYSICAL_HEALTH));
	sp_agencies_free(g);
	/* with Oslo fengsel's service and Bærum's: the one now, the other for after release */
	g = registry_of_agencies(BAERUM ILA_HEALTH OSLO_HEALTH BAERUM_HEALTH);
	a = assess_with(in_oslo_from_baerum, AS_OF, g);
	n = need(a, SP_PHYSICAL_HEALTH);
	ck_assert_str_eq(serving(n), "helse-oslo");
	ck_assert_str_eq(recipient(n), "helse-baerum");
	ck_assert_uint_eq(a->warnings, 0);
	j = sp_assessment_json(a);
	nj = json_array_get(json_object_get(j, "needs"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(nj, "recipient")), "helse-baerum");
	ck_assert_str_eq(json_string_value(json_object_get(nj, "while_serving")), "helse-oslo");
	json_decref(j);
	sp_agencies_free(g);
}
END_TEST

START_TEST(the_service_the_case_names_among_the_units)
{
	/* two health services serve bodo-fengsel; a consent names the second, a handover for
	 * another domain the first */
	sp_agencies *g = registry_of_agencies(
	    "  - {id: kommune-1804, name: Bodø kommune, type: municipality, municipality: \"1804\"}\n"
	    "  - {id: helse-a, name: Helse A, type: health_service, serves: [bodo-fengsel]}\n"
	    "  - {id: helse-b, name: Helse B, type: health_service, serves: [ila-fengsel, bodo-fengsel]}\n");
	parts p = {.rows = PHYSICAL};
	const sp_assessment *a = assess_with(p, AS_OF, g);
	ck_assert_str_eq(serving(need(a, SP_PHYSICAL_HEALTH)), "helse-a"); /* the registry's first */
	p.consents = "\n  - {recipient: helse-b, domains: [physical_health], given: 2026-09-03}";
	a = assess_with(p, AS_OF, g);
	ck_assert_str_eq(serving(need(a, SP_PHYSICAL_HEALTH)), "helse-b");
	/* neither is the home municipality's: Bodø has no health service of its own here */
	ck_assert_str_eq(recipient(need(a, SP_PHYSICAL_HEALTH)), "(none)");
	ck_assert_uint_eq(a->warnings, SP_WARN_NO_SERVICE_AGENCY);
	sp_agencies_free(g);
}
END_TEST

START_TEST(where_no_unit_serves)
{
	/* a probation office has no inmates: health care comes from the home municipality,
	 * and no service is looked for to serve the office, not even one that names it */
	sp_agencies *g = registry_of_agencies(
	    "  - {id: kommune-1804, name: Bodø kommune, type: municipality, municipality: \"1804\"}\n"
	    "  - {id: helse-bodo, name: Bodø kommune, helse, type: health_service, municipality: \"1804\"}\n"
	    "  - {id: helse-fri, name: Helse, type: health_service, serves: [friomsorgen]}\n");
	parts p = {.rows = PHYSICAL,
		   .unit = "{id: friomsorgen, name: Nordland friomsorgskontor, type: probation_office}",
		   .sentence = "{type: community_sentence, start: 2026-09-01, release: 2026-11-30}"};
	const sp_assessment *a = assess_with(p, AS_OF, g);
	ck_assert_str_eq(serving(need(a, SP_PHYSICAL_HEALTH)), "(none)");
	ck_assert_str_eq(recipient(need(a, SP_PHYSICAL_HEALTH)), "helse-bodo");
	ck_assert_uint_eq(a->warnings, 0);
	/* in a prison that no service in the registry serves: the warning, for each domain
	 * with while_serving rules, with the type it lacks; none for housing */
	p.unit = "{id: bodo-fengsel, name: Bodø fengsel, type: prison}";
	p.sentence = NULL;
	p.rows = PHYSICAL "    work_education: {past: false, current: true, contact: null, needs: []}\n"
			  "    housing: {past: false, current: true, contact: null, needs: []}\n";
	a = assess_with(p, AS_OF, g);
	ck_assert_uint_eq(a->no_unit_service, (1u << SP_PHYSICAL_HEALTH) | (1u << SP_WORK_EDUCATION));
	ck_assert(a->warnings & SP_WARN_NO_UNIT_SERVICE);
	json_t *j = sp_assessment_json(a);
	json_t *w = json_object_get(j, "warnings");
	ck_assert_str_eq(json_string_value(json_array_get(w, json_array_size(w) - 1)),
			 "no agency in the registry serves bodo-fengsel for physical_health "
			 "(health_service), work_education (school); add `serves: [bodo-fengsel]` to "
			 "the agency of that type that works there");
	json_decref(j);
	/* without a registry nothing is known, and nothing is warned beyond that */
	a = assess_with(p, AS_OF, NULL);
	ck_assert_str_eq(serving(need(a, SP_PHYSICAL_HEALTH)), "(none)");
	ck_assert_uint_eq(a->warnings, SP_WARN_NO_REGISTRY);
	sp_agencies_free(g);
}
END_TEST

START_TEST(while_serving_by_the_sentence)
{
	/* remand: no release date, but in prison: the prison's service */
	parts p = {.rows = PHYSICAL, .sentence = REMAND};
	const sp_assessment *a = assess(p, AS_OF);
	ck_assert_str_eq(serving(need(a, SP_PHYSICAL_HEALTH)), "helse-bodo-fengsel");
	ck_assert_str_eq(recipient(need(a, SP_PHYSICAL_HEALTH)), "helse-bodo");
	/* release day: still serving; the day after: released, only the home municipality's,
	 * and no warning about the unit's services even in a unit nobody serves */
	p.sentence = NULL;
	a = assess(p, "2026-11-30");
	ck_assert_str_eq(serving(need(a, SP_PHYSICAL_HEALTH)), "helse-bodo-fengsel");
	a = assess(p, "2026-12-01");
	ck_assert_str_eq(serving(need(a, SP_PHYSICAL_HEALTH)), "(none)");
	ck_assert_str_eq(recipient(need(a, SP_PHYSICAL_HEALTH)), "helse-bodo");
	ck_assert_uint_eq(a->warnings, SP_WARN_RELEASED);
	p.unit = OSLO_UNIT;
	a = assess(p, "2026-12-01");
	ck_assert_uint_eq(a->warnings, SP_WARN_RELEASED);
}
END_TEST

/* --- sp_service_agency ---------------------------------------------------------------- */

START_TEST(service_agency)
{
	/* several NAV offices in Bodø, in this order; NAV and the municipality also in Oslo */
	sp_agencies *g = registry_of(
	    "samplan: 1\nkind: agencies\nagencies:\n"
	    "  - {id: kommune-1804, name: Bodø kommune, type: municipality, municipality: \"1804\"}\n"
	    "  - {id: nav-bodo, name: NAV Bodø, type: nav, municipality: \"1804\"}\n"
	    "  - {id: nav-bodo-2, name: NAV Bodø 2, type: nav, municipality: \"1804\"}\n"
	    "  - {id: nav-bodo-3, name: NAV Bodø 3, type: nav, municipality: \"1804\"}\n"
	    "  - {id: nav-bodo-4, name: NAV Bodø 4, type: nav, municipality: \"1804\"}\n"
	    "  - {id: bodo-fengsel, name: Bodø fengsel, type: prison, municipality: \"1804\"}\n"
	    "  - {id: nav-oslo, name: NAV Oslo, type: nav, municipality: \"0301\"}\n"
	    "  - {id: kommune-0301, name: Oslo kommune, type: municipality, municipality: \"0301\"}\n"
	    "  - {id: skole, name: Skolen, type: school}\n");
	const json_t *c;
#define ID(t, d) (sp_service_agency(g, c, t, d) ? sp_service_agency(g, c, t, d)->id : "(none)")
	/* a case that names no agency: the registry's first of the type in the home municipality */
	c = make_case((parts){.consents = " []"});
	ck_assert_str_eq(ID(SP_AGENCY_NAV, SP_FINANCES), "nav-bodo");
	ck_assert_str_eq(ID(SP_AGENCY_NAV, -1), "nav-bodo");
	ck_assert_str_eq(ID(SP_AGENCY_MUNICIPALITY, SP_HOUSING), "kommune-1804");
	ck_assert_str_eq(ID(SP_AGENCY_SCHOOL, -1), "(none)"); /* the school has no municipality */
	ck_assert_str_eq(ID(SP_AGENCY_LEGAL_AID, SP_LEGAL), "(none)");
	ck_assert_ptr_null(sp_service_agency(NULL, c, SP_AGENCY_NAV, SP_FINANCES));
	/* a letter to nav-bodo-4 names it: it comes before the registry's order */
	c = make_case((parts){.consents = " []",
			      .rest = "letters:\n  - {id: L-1, template: x, recipient: nav-bodo-4, date: 2026-09-05}\n"});
	ck_assert_str_eq(ID(SP_AGENCY_NAV, SP_FINANCES), "nav-bodo-4");
	ck_assert_str_eq(ID(SP_AGENCY_MUNICIPALITY, SP_HOUSING), "kommune-1804"); /* only its type */
	/* any consent (to nav-bodo-3, for housing) comes before a letter; a consent that covers
	 * the domain (nav-bodo-2, finances) before any consent, although listed after it */
	parts p = {.consents = "\n  - {recipient: nav-bodo-3, domains: [housing], given: 2026-09-03}"
			       "\n  - {recipient: nav-bodo-2, domains: [finances], given: 2026-09-03}",
		   .rest = "letters:\n  - {id: L-1, template: x, recipient: nav-bodo-4, date: 2026-09-05}\n"};
	c = make_case(p);
	ck_assert_str_eq(ID(SP_AGENCY_NAV, SP_FINANCES), "nav-bodo-2");
	ck_assert_str_eq(ID(SP_AGENCY_NAV, SP_HOUSING), "nav-bodo-3");
	ck_assert_str_eq(ID(SP_AGENCY_NAV, SP_FAMILY), "nav-bodo-3"); /* none covers: any consent */
	ck_assert_str_eq(ID(SP_AGENCY_NAV, -1), "nav-bodo-3");        /* the case as a whole */
	/* the handover for the domain comes first of all */
	p.rest = "letters:\n  - {id: L-1, template: x, recipient: nav-bodo-4, date: 2026-09-05}\n"
		 "handovers:\n  - {domain: finances, to: nav-bodo-4, requested: 2026-09-10}\n";
	c = make_case(p);
	ck_assert_str_eq(ID(SP_AGENCY_NAV, SP_FINANCES), "nav-bodo-4");
	ck_assert_str_eq(ID(SP_AGENCY_NAV, SP_HOUSING), "nav-bodo-3"); /* another domain's handover */
	/* a named agency that is not in the registry, of another type, or serves another
	 * municipality is passed over */
	c = make_case((parts){.consents = "\n  - {recipient: nav-ukjent, domains: [all], given: 2026-09-03}"
					  "\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03}"
					  "\n  - {recipient: nav-oslo, domains: [finances], given: 2026-09-03}"});
	ck_assert_str_eq(ID(SP_AGENCY_NAV, SP_FINANCES), "nav-bodo");
	/* home in Oslo: Oslo's NAV, although the case names only nav-bodo (and the unit is in Bodø) */
	c = make_case((parts){.home = "{number: \"0301\", name: Oslo}",
			      .consents = "\n  - {recipient: nav-bodo, domains: [all], given: 2026-09-03}"});
	ck_assert_str_eq(ID(SP_AGENCY_NAV, SP_FINANCES), "nav-oslo");
	ck_assert_str_eq(ID(SP_AGENCY_MUNICIPALITY, SP_HOUSING), "kommune-0301");
	/* home in Tromsø, where the registry has nothing: the agency the case names elsewhere … */
	c = make_case((parts){.home = "{number: \"5501\", name: Tromsø}",
			      .consents = "\n  - {recipient: nav-bodo-2, domains: [all], given: 2026-09-03}"});
	ck_assert_str_eq(ID(SP_AGENCY_NAV, SP_FINANCES), "nav-bodo-2");
	/* … and nothing when it names none: never the unit's municipality */
	ck_assert_str_eq(ID(SP_AGENCY_MUNICIPALITY, SP_HOUSING), "(none)");
#undef ID
	sp_agencies_free(g);
}
END_TEST

START_TEST(no_application_after_a_handover)
{
	/* housing was already handed over to kommune-1804 (requested, not yet answered): no
	 * housing application; the finances need has none, so the NAV application stays */
	const sp_assessment *a = assess(
	    (parts){.rest = "handovers:\n  - {domain: housing, to: kommune-1804, requested: 2026-09-20}\n"}, AS_OF);
	ck_assert_str_eq(letters(a), "notice-of-sentence>kommune-1804 ip-request>kommune-1804 "
				     "coordinator-request>kommune-1804 "
				     "responsibility-group-invitation>kommune-1804 nav-application>nav-bodo");
	ck_assert_str_eq(need_list(a), "housing,finances"); /* still a need */
}
END_TEST

START_TEST(no_agency_letters_after_release)
{
	/* the release day itself: still serving, the letters go */
	ck_assert_str_eq(letters(assess((parts){0}, "2026-11-30")), ALL_SIX);
	/* the day after: none to agencies */
	const sp_assessment *a = assess((parts){0}, "2026-12-01");
	ck_assert(a->ip_indicated);
	ck_assert_str_eq(letters(a), "");
	ck_assert_uint_eq(a->warnings, SP_WARN_RELEASED);
	/* the letter to the person still goes */
	ck_assert_str_eq(letters(assess((parts){.follow = "false"}, "2026-12-01")),
			 "information-to-person>person");
	/* remand (no release date): never "released" */
	ck_assert_str_eq(letters(assess((parts){.sentence = "{type: remand, start: 2026-09-01}"}, "2027-06-01")),
			 ALL_SIX);
}
END_TEST

START_TEST(consent_expiring_before_release)
{
	/* the consent to kommune-1804 expires … on the release day: it no longer holds then */
	const sp_assessment *a = assess(
	    (parts){.consents = "\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03, expires: 2026-11-30}"}, AS_OF);
	ck_assert_uint_eq(a->warnings, SP_WARN_CONSENT_EXPIRES);
	ck_assert_str_eq(consent(need(a, SP_HOUSING)), "given"); /* it holds today */
	/* … the day after the release: no warning */
	a = assess((parts){.consents = "\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03, expires: 2026-12-01}"},
		   AS_OF);
	ck_assert_uint_eq(a->warnings, 0);
	/* … already: it does not hold, and the need shows it (no warning to renew) */
	a = assess((parts){.consents = "\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03, expires: 2026-10-01}"},
		   AS_OF);
	ck_assert_uint_eq(a->warnings, 0);
	ck_assert_str_eq(consent(need(a, SP_HOUSING)), "withdrawn");
	/* withdrawn later than it expires: still the expiry that counts */
	a = assess((parts){.consents = "\n  - {recipient: nav-bodo, domains: [finances], given: 2026-09-03, expires: 2026-11-01, withdrawn: 2026-11-15}"},
		   AS_OF);
	ck_assert_uint_eq(a->warnings, SP_WARN_CONSENT_EXPIRES);
	/* released, or remand (no date to run out before): no warning */
	a = assess((parts){.consents = "\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03, expires: 2026-12-31}"},
		   "2026-12-02");
	ck_assert_uint_eq(a->warnings, SP_WARN_RELEASED);
	a = assess((parts){.sentence = "{type: remand, start: 2026-09-01}",
			   .consents = "\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03, expires: 2026-10-15}"},
		   AS_OF);
	ck_assert_uint_eq(a->warnings, 0);
}
END_TEST

/* --- the assessment mapping ----------------------------------------------------------- */

static void expect_json(const sp_assessment *a, const char *expected_text)
{
	json_error_t err;
	json_t *expected = json_loads(expected_text, 0, &err);
	ck_assert_msg(expected != NULL, "bad expected JSON: %s at %d", err.text, err.line);
	json_t *got = sp_assessment_json(a);
	if (!json_equal(got, expected)) {
		char *s = json_dumps(got, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		fprintf(stderr, "got:\n%s\n", s);
		free(s);
	}
	ck_assert(json_equal(got, expected));
	/* the same keys in the same order, at the top and in each need and letter */
	char *gs = json_dumps(got, JSON_COMPACT | JSON_PRESERVE_ORDER);
	char *es = json_dumps(expected, JSON_COMPACT | JSON_PRESERVE_ORDER);
	ck_assert_str_eq(gs, es);
	free(gs);
	free(es);
	json_decref(got);
	json_decref(expected);
}

START_TEST(assessment_json)
{
	/* the template at 2026-10-01 (see default_case for each value) */
	expect_json(assess((parts){0}, AS_OF),
		    "{\"as_of\": \"2026-10-01\", \"days_to_release\": 60, \"short_sentence\": false,"
		    " \"screening_timely\": true, \"risk_areas\": 2,"
		    " \"needs\": ["
		    "  {\"domain\": \"housing\", \"actions\": [\"contact\"], \"services\": [\"municipality\"],"
		    "   \"urgency\": \"urgent\", \"consent\": \"given\", \"recipient\": \"kommune-1804\"},"
		    "  {\"domain\": \"finances\", \"actions\": [\"contact\"], \"services\": [\"nav\"],"
		    "   \"urgency\": \"routine\", \"consent\": \"given\", \"recipient\": \"nav-bodo\"}],"
		    " \"ip_indicated\": true, \"coordinator_required\": true,"
		    " \"letters\": ["
		    "  {\"template\": \"notice-of-sentence\", \"recipient\": \"kommune-1804\"},"
		    "  {\"template\": \"ip-request\", \"recipient\": \"kommune-1804\"},"
		    "  {\"template\": \"coordinator-request\", \"recipient\": \"kommune-1804\"},"
		    "  {\"template\": \"responsibility-group-invitation\", \"recipient\": \"kommune-1804\"},"
		    "  {\"template\": \"nav-application\", \"recipient\": \"nav-bodo\"},"
		    "  {\"template\": \"housing-application\", \"recipient\": \"kommune-1804\"}],"
		    " \"warnings\": []}");

	/* remand, no registry, one legal need with all three actions, screened late
	 * (2026-09-20 is 19 days after the start): days null, no recipient key, consent
	 * missing (no recipient to consent to), the warning text; 1 need → no IP; no letters
	 * without a registry */
	expect_json(
	    assess_with((parts){.sentence = "{type: remand, start: 2026-09-01}", .date = "2026-09-20",
				.rows = "    legal: {past: true, current: true, contact: null, needs: [measures, contact, assessment]}\n"},
			"2026-10-01", NULL),
	    "{\"as_of\": \"2026-10-01\", \"days_to_release\": null, \"short_sentence\": false,"
	    " \"screening_timely\": false, \"risk_areas\": 1,"
	    " \"needs\": ["
	    "  {\"domain\": \"legal\", \"actions\": [\"contact\", \"assessment\", \"measures\"],"
	    "   \"services\": [\"legal_aid\"], \"urgency\": \"soon\", \"consent\": \"missing\"}],"
	    " \"ip_indicated\": false, \"coordinator_required\": false, \"letters\": [],"
	    " \"warnings\": [\"no agencies registry given (--agencies): recipients are unknown, consent "
	    "counts as missing, and no letters to agencies are suggested\"]}");

	/* released (3 days ago), no follow-up wanted: inform / not_wanted, the released warning,
	 * only the letter to the person */
	expect_json(assess((parts){.follow = "false",
				   .rows = "    family: {past: false, current: true, contact: null, needs: []}\n"},
			   "2026-12-03"),
		    "{\"as_of\": \"2026-12-03\", \"days_to_release\": -3, \"short_sentence\": false,"
		    " \"screening_timely\": true, \"risk_areas\": 1,"
		    " \"needs\": [{\"domain\": \"family\", \"actions\": [\"inform\"],"
		    "   \"services\": [\"municipality\"], \"urgency\": \"released\","
		    "   \"consent\": \"not_wanted\", \"recipient\": \"kommune-1804\"}],"
		    " \"ip_indicated\": false, \"coordinator_required\": false,"
		    " \"letters\": [{\"template\": \"information-to-person\", \"recipient\": \"person\"}],"
		    " \"warnings\": [\"the release date has passed; no letters to agencies are suggested\"]}");

	/* home in Tromsø (not in the registry) and no consents, so no agency is named: both
	 * warnings in bit order, the second naming each need without an agency and its
	 * service, in domain order; a short sentence (89 days), 89 − 30 = 59 days left:
	 * housing urgent (≤ 60), finances routine (> 58) */
	expect_json(assess((parts){.home = "{number: \"5501\", name: Tromsø}", .consents = " []",
				   .sentence = "{type: prison, start: 2026-09-01, release: 2026-11-29}"},
			   AS_OF),
		    "{\"as_of\": \"2026-10-01\", \"days_to_release\": 59, \"short_sentence\": true,"
		    " \"screening_timely\": true, \"risk_areas\": 2,"
		    " \"needs\": ["
		    "  {\"domain\": \"housing\", \"actions\": [\"contact\"], \"services\": [\"municipality\"],"
		    "   \"urgency\": \"urgent\", \"consent\": \"missing\"},"
		    "  {\"domain\": \"finances\", \"actions\": [\"contact\"], \"services\": [\"nav\"],"
		    "   \"urgency\": \"routine\", \"consent\": \"missing\"}],"
		    " \"ip_indicated\": true, \"coordinator_required\": true, \"letters\": [],"
		    " \"warnings\": [\"the home municipality is not in the agencies registry; add it\","
		    "  \"no agency in the registry for the home municipality takes on housing"
		    " (municipality), finances (nav); add one\"]}");
}
END_TEST

START_TEST(warning_and_consent_names)
{
	ck_assert_str_eq(sp_warning_text(SP_WARN_RELEASED),
			 "the release date has passed; no letters to agencies are suggested");
	ck_assert(strstr(sp_warning_text(SP_WARN_NO_SCREENING), "no screening"));
	ck_assert_str_eq(sp_warning_text(3), ""); /* not a single bit */
	ck_assert_str_eq(sp_need_consent_name(SP_NEED_NOT_WANTED), "not_wanted");
	ck_assert_str_eq(sp_need_consent_name(SP_NEED_WITHDRAWN), "withdrawn");
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("screen");
	TCase *tc = tcase_create("screen");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, default_case);
	tcase_add_test(tc, need_rule_and_actions);
	tcase_add_test(tc, every_domain_a_need);
	tcase_add_test(tc, no_needs_at_all);
	tcase_add_test(tc, urgency_boundaries);
	tcase_add_test(tc, remand_without_release);
	tcase_add_test(tc, short_sentence_boundary);
	tcase_add_test(tc, screening_timeliness);
	tcase_add_test(tc, no_screening);
	tcase_add_test(tc, screening_with_a_domain_missing);
	tcase_add_test(tc, consent_per_need);
	tcase_add_test(tc, no_follow_up_wanted);
	tcase_add_test(tc, ip_rule);
	tcase_add_test(tc, coordinator_when_ip_refused);
	tcase_add_test(tc, letters_need_consent_to_the_recipient);
	tcase_add_test(tc, ip_request_only_when_not_requested);
	tcase_add_test(tc, coordinator_and_group_letters);
	tcase_add_test(tc, nav_application);
	tcase_add_test(tc, dps_appointment);
	tcase_add_test(tc, letter_to_the_office_the_consent_names);
	tcase_add_test(tc, letters_not_suggested_again);
	tcase_add_test(tc, without_registry);
	tcase_add_test(tc, home_municipality_not_in_registry);
	tcase_add_test(tc, service_agency);
	tcase_add_test(tc, the_units_own_service_while_serving);
	tcase_add_test(tc, another_prisons_service_never);
	tcase_add_test(tc, the_service_the_case_names_among_the_units);
	tcase_add_test(tc, where_no_unit_serves);
	tcase_add_test(tc, while_serving_by_the_sentence);
	tcase_add_test(tc, no_application_after_a_handover);
	tcase_add_test(tc, no_agency_letters_after_release);
	tcase_add_test(tc, consent_expiring_before_release);
	tcase_add_test(tc, assessment_json);
	tcase_add_test(tc, warning_and_consent_names);
	suite_add_tcase(s, tc);
	return s;
}
