/* SPDX-License-Identifier: MIT */
/* test_indicators.c — the counters of one case (sp_counters_add_case after
 * sp_check_handovers), their medians, the dimension values, breakdowns (groups, crossed
 * keys, key order, merging), partial results in and out (sp_partial_json, sp_partial_add)
 * and the list of indicators. Each hand-made case is a small template with one part
 * changed; every expected count is worked out in a comment. A property test over
 * generated cases checks that any split of the cases into partials combines to exactly
 * the counters of the whole.
 *
 * The counters (lib/domain/indicators.c, samplan-indicators(1)):
 *   cases; screened (a screening); screened_timely (≤ 14 days after the start);
 *   risk_areas_N (screened cases with N needs);
 *   among screened cases with an IP indicated: ip_indicated, ip_requested (status
 *   requested, in_progress or established, or a requested date), ip_established,
 *   coordinator_appointed (a coordinator named, with an appointed date; its appointed −
 *   start goes to the days_to_coordinator histogram), group_established (the group has an
 *   established date), ip_indicated_with_release and group_met_before_release (the first
 *   meeting on or before release);
 *   per need: needs, needs_with_consent (consent `given`), needs_with_release and
 *   confirmed_by_deadline (status confirmed, not late), needs_released (release ≤ as_of)
 *   and confirmed_by_release (confirmed or late, on or before release); confirmed − requested
 *   of confirmed and late needs goes to days_to_confirmation;
 *   per letter with respond_by ≤ as_of: letters_due, and letters_answered_in_time (a
 *   response dated on or before respond_by).
 * Histograms keep days 0 … 730 and a last bin (731) for more; negative days are dropped.
 *
 * The needs come from sp_assess under the built-in rules (see test_screen.c): a domain is
 * a need when `needs` is not empty or a current problem has no contact; an IP is indicated
 * with ≥ 2 needs, ≥ 2 different services and a need with past and current problems.
 * Handover status (test_handover.c): deadline = release − days (14); confirmed on or
 * before it, late after; the first handover for a domain decides. */
#include "unit.h"
#include "casetext.h"
#include "domain/indicators.h"
#include "domain/replay.h"
#include "domain/suppress.h"
#include "domain/validate.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* The registry: Bodø (1804) and Oslo (0301). kommune-1804 answers in 28 days, nav-bodo
 * in 10; no legal aid and no school anywhere. */
static const char *registry_text =
    "samplan: 1\n"
    "kind: agencies\n"
    "agencies:\n"
    "  - {id: kommune-1804, name: Bodø kommune, type: municipality, municipality: \"1804\", response_days: 28}\n"
    "  - {id: nav-bodo, name: NAV Bodø, type: nav, municipality: \"1804\", response_days: 10}\n"
    "  - {id: dps-salten, name: Salten DPS, type: specialist_health, municipality: \"1804\"}\n"
    "  - {id: helse-bodo, name: Helsetjenesten Bodø fengsel, type: health_service, municipality: \"1804\"}\n"
    "  - {id: bodo-fengsel, name: Bodø fengsel, type: prison, municipality: \"1804\"}\n"
    "  - {id: kommune-0301, name: Oslo kommune, type: municipality, municipality: \"0301\"}\n"
    "  - {id: nav-oslo, name: NAV Grünerløkka, type: nav, municipality: \"0301\"}\n";

/* The template: home Bodø, unit bodo-fengsel, prison 2026-09-01 to 2026-11-30 (90 days;
 * deadline 2026-11-16), consent to kommune-1804 for all domains and to nav-bodo for
 * finances (given 2026-09-03), screened 2026-09-03 (2 days after the start: timely)
 * wanting follow-up: a housing need (past and current, no contact → kommune-1804, consent
 * given) and a finances need (current, no contact → nav-bodo, consent given). 2 needs,
 * 2 services (municipality, nav), housing past and current → an IP is indicated. No ip
 * block, no group, no letters, no handovers. */
#define OSLO_UNIT_TEXT "{id: oslo-fengsel, name: Oslo fengsel, type: prison}"
#define AS_OF "2026-10-01" /* 60 days before the release */

/* What the template counts as of AS_OF (and on any day before the release): one case,
 * screened in time, 2 risk areas, an IP indicated with a release date, 2 needs, both
 * with consent, both of a case with a release date; nothing requested, appointed,
 * established, confirmed; no letters. */
#define BASE                                                                                       \
	"cases=1 started=1 screened=1 screened_timely=1 risk_areas_2=1 caseload_screened=1 "       \
	"ip_indicated=1 "                                                                          \
	"ip_indicated_with_release=1 needs=2 needs_with_consent=2 needs_with_release=2"

#define US "\x1f" /* the separator of crossed keys */

/* The names the partial documents and reports use, in counter order. */
static const char *const NAMES[C_COUNT] = {
    "cases", "released_with_needs", "released_handed_over", "released_in_place",
    "started", "screened", "screened_timely",
    "risk_areas_0", "risk_areas_1", "risk_areas_2", "risk_areas_3", "risk_areas_4",
    "risk_areas_5", "risk_areas_6", "risk_areas_7", "risk_areas_8",
    "caseload_screened", "ip_indicated", "ip_requested", "ip_established", "coordinator_appointed",
    "group_established", "ip_indicated_with_release", "group_met_before_release",
    "needs", "needs_with_consent", "needs_with_release", "confirmed_by_deadline",
    "needs_released", "confirmed_by_release", "follow_up_in_place", "letters_due",
    "letters_answered_in_time"};
static const char *const HNAMES[H_COUNT] = {"days_to_coordinator", "days_to_confirmation"};

static sp_rules *rules;
static sp_agencies *reg;
static sp_doc *doc; /* the case last built (the check borrows from it) */
static sp_handover_check H;
static sp_counters K;
static int days; /* --days */

static void setup(void)
{
	rules = sp_rules_default();
	reg = registry_of(registry_text);
	doc = NULL;
	days = 14;
}

static void teardown(void)
{
	sp_doc_free(doc);
	doc = NULL;
	sp_agencies_free(reg);
	sp_rules_free(rules);
}

/* Build the case from p and check it is valid; it stays in `doc` until the next. */
static const json_t *make_case(parts p)
{
	char *text = case_text(&p);
	sp_doc_free(doc);
	doc = valid_case(text);
	free(text);
	return doc->root;
}

/* Count the case built from p into k as of a date (after checking its handovers). */
static void add_case(sp_counters *k, parts p, const char *as_of)
{
	const json_t *c = make_case(p);
	sp_check_handovers(c, rules, reg, D(as_of), days, &H);
	sp_counters_add_case(k, c, &H, D(as_of));
}

/* The counters of the one case built from p. */
static const sp_counters *count_at(parts p, const char *as_of)
{
	memset(&K, 0, sizeof K);
	add_case(&K, p, as_of);
	return &K;
}

static const sp_counters *count(parts p) { return count_at(p, AS_OF); }

/* Add the case built from p to breakdown b as of AS_OF. */
static void add_to(sp_breakdown *b, parts p)
{
	const json_t *c = make_case(p);
	sp_check_handovers(c, rules, reg, D(AS_OF), days, &H);
	sp_breakdown_add(b, c, &H, D(AS_OF));
}

/* --- counters as text ------------------------------------------------------------------ */

/* "cases=1 screened=1 … days_to_coordinator[19]=1": every counter and bin that is not 0,
 * in counter order, then the bins of each histogram in day order. */
static void render(const sp_counters *k, char *buf, size_t cap)
{
	buf[0] = '\0';
	for (int i = 0; i < C_COUNT; i++)
		if (k->c[i])
			put(buf, cap, "%s%s=%" PRIu64, *buf ? " " : "", NAMES[i], k->c[i]);
	for (int h = 0; h < H_COUNT; h++)
		for (int d = 0; d <= SP_HIST_DAYS; d++)
			if (k->h[h][d])
				put(buf, cap, "%s%s[%d]=%" PRIu64, *buf ? " " : "", HNAMES[h], d, k->h[h][d]);
}

/* Compare every counter and bin of k with `want`: "name=v" and "hist[day]=v" tokens in
 * any order (a later token for the same counter wins); whatever is not named must be 0. */
static void expect_at(const sp_counters *k, const char *want, int line)
{
	static sp_counters w;
	memset(&w, 0, sizeof w);
	char spec[4096];
	snprintf(spec, sizeof spec, "%s", want);
	char *save = NULL;
	for (char *t = strtok_r(spec, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		char name[64];
		int day;
		unsigned long long v;
		int found = -1;
		if (sscanf(t, "%63[a-z_0-9][%d]=%llu", name, &day, &v) == 3) {
			for (int h = 0; h < H_COUNT; h++)
				if (strcmp(HNAMES[h], name) == 0)
					found = h;
			ck_assert_msg(found >= 0 && day >= 0 && day <= SP_HIST_DAYS, "bad token %s", t);
			w.h[found][day] = v;
		} else if (sscanf(t, "%63[a-z_0-9]=%llu", name, &v) == 2) {
			for (int i = 0; i < C_COUNT; i++)
				if (strcmp(NAMES[i], name) == 0)
					found = i;
			ck_assert_msg(found >= 0, "bad token %s", t);
			w.c[found] = v;
		} else {
			ck_abort_msg("bad token %s", t);
		}
	}
	static char got[8192], exp[8192];
	render(k, got, sizeof got);
	render(&w, exp, sizeof exp);
	ck_assert_msg(strcmp(got, exp) == 0, "line %d:\n got  %s\n want %s", line, got, exp);
}

#define expect(k, want) expect_at((k), (want), __LINE__)

/* --- names ------------------------------------------------------------------------------ */

START_TEST(counter_and_histogram_names)
{
	for (int i = 0; i < C_COUNT; i++)
		ck_assert_str_eq(sp_counter_name(i), NAMES[i]);
	for (int h = 0; h < H_COUNT; h++)
		ck_assert_str_eq(sp_hist_name(h), HNAMES[h]);
}
END_TEST

/* --- the counters of one case ----------------------------------------------------------- */

START_TEST(template_counts)
{
	/* see BASE */
	expect(count((parts){0}), BASE);
	/* counting adds: the same case twice is everything twice */
	add_case(&K, (parts){0}, AS_OF);
	expect(&K, "cases=2 started=2 screened=2 caseload_screened=2 screened_timely=2 risk_areas_2=2 ip_indicated=2 "
		   "ip_indicated_with_release=2 needs=4 needs_with_consent=4 needs_with_release=4");
}
END_TEST

START_TEST(not_screened)
{
	/* without a screening a case counts as a case and nothing else that screening decides,
	 * although its ip, coordinator, group and a confirmed housing handover are all there */
	expect(count((parts){.no_screening = true,
			     .ip = "ip:\n  status: established\n  requested: 2026-09-06\n"
				   "  coordinator: {name: Per Pettersen, appointed: 2026-09-20}\n",
			     .group = "responsibility_group:\n  established: 2026-09-25\n"
				      "  meetings: [{date: 2026-10-01}]\n",
			     .handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, confirmed: 2026-09-20}"}),
	       "cases=1 started=1");
	/* … and its letters still count: respond_by 2026-09-26 ≤ as_of, answered 2026-09-20 */
	expect(count((parts){.no_screening = true,
			     .letters = "\n  - {id: L-1, template: ip-request, recipient: kommune-1804, date: 2026-09-05,"
					" respond_by: 2026-09-26, response: {date: 2026-09-20, outcome: granted}}"}),
	       "cases=1 started=1 letters_due=1 letters_answered_in_time=1");
}
END_TEST

START_TEST(screening_timeliness)
{
	/* 2026-09-15 is 14 days after the start: timely */
	expect(count((parts){.date = "2026-09-15"}), BASE);
	/* 2026-09-16 is 15 days: screened, not timely */
	expect(count((parts){.date = "2026-09-16"}), BASE " screened_timely=0");
	/* 30 days before the start (the earliest a valid case allows): timely */
	expect(count((parts){.date = "2026-08-02"}), BASE);
}
END_TEST

START_TEST(risk_areas_counters)
{
	/* k needs: the first k domains in order, each a current problem with no contact and
	 * no past one (so never an IP). Recipients and consent: physical health → helse-bodo
	 * (no consent), mental health → dps-salten (none), substance use → kommune-1804 (all),
	 * housing → kommune-1804, finances → nav-bodo (finances), family → kommune-1804, legal
	 * → no legal aid (no recipient, no consent), work → nav-bodo (finances only: none).
	 * So the needs with consent among the first k: */
	static const int given[] = {0, 0, 0, 1, 2, 3, 4, 4, 4};
	for (int k = 0; k <= 8; k++) {
		char rows[1024] = "", want[512]; /* "": every row a no-problem row */
		for (int d = 0; d < k; d++)
			put(rows, sizeof rows, "    %s: {past: false, current: true, contact: null, needs: []}\n",
			    domains[d]);
		snprintf(want, sizeof want,
			 "cases=1 started=1 screened=1 caseload_screened=1 screened_timely=1 risk_areas_%d=1 needs=%d "
			 "needs_with_consent=%d needs_with_release=%d",
			 k, k, given[k], k);
		expect(count((parts){.rows = rows}), want);
	}
	/* no follow-up wanted: consent is `not_wanted`, never `given` */
	expect(count((parts){.follow = "false"}), BASE " needs_with_consent=0");
}
END_TEST

START_TEST(ip_requested_and_established)
{
	static const struct {
		const char *ip;
		int requested, established;
	} t[] = {
	    {"ip:\n  status: none\n", 0, 0},
	    {"ip:\n  status: none\n  requested: 2026-09-06\n", 1, 0}, /* a requested date */
	    {"ip:\n  requested: 2026-09-06\n", 1, 0},                 /* no status, a date */
	    {"ip:\n  status: requested\n", 1, 0},
	    {"ip:\n  status: in_progress\n", 1, 0},
	    {"ip:\n  status: established\n", 1, 1},
	    {"ip:\n  status: refused_by_person\n", 0, 0},
	    {"ip:\n  status: refused_by_person\n  requested: 2026-09-06\n", 1, 0}, /* asked, then refused */
	    {"ip: null\n", 0, 0},
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		char want[512];
		snprintf(want, sizeof want, BASE " ip_requested=%d ip_established=%d", t[i].requested,
			 t[i].established);
		expect(count((parts){.ip = t[i].ip}), want);
	}
	/* one need only (housing): no IP indicated, so an established IP with a coordinator
	 * and a group that met counts for nothing of the IP */
	expect(count((parts){.rows = "    housing: {past: true, current: true, contact: null, needs: []}\n",
			     .ip = "ip:\n  status: established\n  requested: 2026-09-06\n"
				   "  coordinator: {name: Per Pettersen, appointed: 2026-09-20}\n",
			     .group = "responsibility_group:\n  established: 2026-09-25\n"
				      "  meetings: [{date: 2026-10-01}]\n"}),
	       "cases=1 started=1 screened=1 caseload_screened=1 screened_timely=1 risk_areas_1=1 needs=1 needs_with_consent=1 "
	       "needs_with_release=1");
}
END_TEST

START_TEST(coordinator_and_days)
{
	/* IP in progress (so requested) with a coordinator; days = appointed − 2026-09-01 */
	static const struct {
		const char *coordinator, *want;
	} t[] = {
	    {"{name: Per Pettersen, agency: kommune-1804, appointed: 2026-09-20}",
	     " coordinator_appointed=1 days_to_coordinator[19]=1"},
	    /* not named: not appointed, whatever the date */
	    {"{name: null, agency: kommune-1804, appointed: 2026-09-20}", ""},
	    {"{agency: kommune-1804, appointed: 2026-09-20}", ""},
	    /* the start day: 0 days */
	    {"{name: Per Pettersen, appointed: 2026-09-01}", " coordinator_appointed=1 days_to_coordinator[0]=1"},
	    /* before the start (an existing coordinator): appointed, but no days */
	    {"{name: Per Pettersen, appointed: 2026-08-15}", " coordinator_appointed=1"},
	    /* 2026-09-01 → 2027-09-01 is 365 days, → 2028-09-01 366 more (2028-02-29): 731 */
	    {"{name: Per Pettersen, appointed: 2028-08-31}", " coordinator_appointed=1 days_to_coordinator[730]=1"},
	    {"{name: Per Pettersen, appointed: 2028-09-01}", " coordinator_appointed=1 days_to_coordinator[731]=1"},
	    {"{name: Per Pettersen, appointed: 2030-01-01}", " coordinator_appointed=1 days_to_coordinator[731]=1"},
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		char ip[256], want[512];
		snprintf(ip, sizeof ip, "ip:\n  status: in_progress\n  coordinator: %s\n", t[i].coordinator);
		snprintf(want, sizeof want, BASE " ip_requested=1%s", t[i].want);
		expect(count((parts){.ip = ip}), want);
	}
	/* a coordinator although no IP is requested (the person may refuse the IP, and the
	 * municipality must still appoint one) */
	expect(count((parts){.ip = "ip:\n  status: refused_by_person\n"
				   "  coordinator: {name: Per Pettersen, appointed: 2026-09-11}\n"}),
	       BASE " coordinator_appointed=1 days_to_coordinator[10]=1");
}
END_TEST

START_TEST(responsibility_group)
{
	static const struct {
		const char *group;
		int established, met;
	} t[] = {
	    {"responsibility_group:\n  established: 2026-09-25\n  meetings: [{date: 2026-10-01}]\n", 1, 1},
	    /* the release day itself counts */
	    {"responsibility_group:\n  established: 2026-09-25\n  meetings: [{date: 2026-11-30}]\n", 1, 1},
	    /* the day after does not */
	    {"responsibility_group:\n  established: 2026-09-25\n  meetings: [{date: 2026-12-01}]\n", 1, 0},
	    /* the earliest meeting decides, whatever the order written */
	    {"responsibility_group:\n  established: 2026-09-25\n"
	     "  meetings: [{date: 2026-12-05}, {date: 2026-11-20}]\n", 1, 1},
	    {"responsibility_group:\n  established: 2026-09-25\n  meetings: [{date: 2026-12-05}, {date: 2027-01-20}]\n", 1, 0},
	    /* established, never met */
	    {"responsibility_group:\n  established: 2026-09-25\n", 1, 0},
	    {"responsibility_group:\n  established: 2026-09-25\n  meetings: []\n", 1, 0},
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		char want[512];
		snprintf(want, sizeof want, BASE " group_established=%d group_met_before_release=%d",
			 t[i].established, t[i].met);
		expect(count((parts){.group = t[i].group}), want);
	}
	/* remand, no release date: the group counts, but there is nothing to meet before, so
	 * neither ip_indicated_with_release nor group_met_before_release, and the needs have no
	 * release either */
	expect(count((parts){.sentence = REMAND,
			     .group = "responsibility_group:\n  established: 2026-09-25\n"
				      "  meetings: [{date: 2026-10-01}]\n"}),
	       "cases=1 started=1 screened=1 caseload_screened=1 screened_timely=1 risk_areas_2=1 ip_indicated=1 group_established=1 "
	       "needs=2 needs_with_consent=2");
}
END_TEST

START_TEST(needs_and_consent)
{
	/* only kommune-1804: the finances need (nav-bodo) has no consent */
	expect(count((parts){.consents = "\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03}"}),
	       BASE " needs_with_consent=1");
	/* kommune-1804's consent withdrawn before as_of: housing `withdrawn` */
	expect(count((parts){.consents = "\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03, withdrawn: 2026-09-20}"
					 "\n  - {recipient: nav-bodo, domains: [finances], given: 2026-09-03}"}),
	       BASE " needs_with_consent=1");
	/* no consents at all */
	expect(count((parts){.consents = " []"}), BASE " needs_with_consent=0");
	/* consents given the day after as_of do not hold yet; on the day they do */
	parts later = {.consents = "\n  - {recipient: kommune-1804, domains: [all], given: 2026-10-02}"
				   "\n  - {recipient: nav-bodo, domains: [finances], given: 2026-10-02}"};
	expect(count_at(later, "2026-10-01"), BASE " needs_with_consent=0");
	expect(count_at(later, "2026-10-02"), BASE);
	/* remand: the needs count, but not as needs with a release */
	expect(count((parts){.sentence = REMAND}),
	       "cases=1 started=1 screened=1 caseload_screened=1 screened_timely=1 risk_areas_2=1 ip_indicated=1 needs=2 "
	       "needs_with_consent=2");
}
END_TEST

START_TEST(handover_confirmed_by_deadline)
{
	/* as of 2026-11-20 (before the release: nothing released yet); the deadline is
	 * 2026-11-16; each row a handover for the housing need */
	static const struct {
		const char *handovers, *want;
	} t[] = {
	    /* confirmed 19 days after the request, before the deadline */
	    {"\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, confirmed: 2026-10-20}",
	     " confirmed_by_deadline=1 days_to_confirmation[19]=1"},
	    /* on the deadline: confirmed (10-01 → 11-16 is 30 + 16 = 46 days) */
	    {"\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, confirmed: 2026-11-16}",
	     " confirmed_by_deadline=1 days_to_confirmation[46]=1"},
	    /* the day after: late; its days still count */
	    {"\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, confirmed: 2026-11-17}",
	     " days_to_confirmation[47]=1"},
	    /* the same day: 0 days */
	    {"\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, confirmed: 2026-10-01}",
	     " confirmed_by_deadline=1 days_to_confirmation[0]=1"},
	    /* declined, pending (due 2026-12-08), overdue (due 2026-10-08): nothing */
	    {"\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, declined: 2026-10-10}", ""},
	    {"\n  - {domain: housing, to: kommune-1804, requested: 2026-11-10}", ""},
	    {"\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10}", ""},
	    /* family is not a need: its handover counts for nothing */
	    {"\n  - {domain: family, to: kommune-1804, requested: 2026-10-01, confirmed: 2026-10-20}", ""},
	    /* every handover counts: declined, asked again on 10-11 and confirmed on 10-20, by
	     * the deadline; the days to confirmation are the confirmed request's own (9) */
	    {"\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, declined: 2026-10-10}"
	     "\n  - {domain: housing, to: kommune-1804, requested: 2026-10-11, confirmed: 2026-10-20}",
	     " confirmed_by_deadline=1 days_to_confirmation[9]=1"},
	    /* both needs: housing 19 days, finances 10 */
	    {"\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, confirmed: 2026-10-20}"
	     "\n  - {domain: finances, to: nav-bodo, requested: 2026-10-05, confirmed: 2026-10-15}",
	     " confirmed_by_deadline=2 days_to_confirmation[10]=1 days_to_confirmation[19]=1"},
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		char want[512];
		snprintf(want, sizeof want, BASE "%s", t[i].want);
		expect(count_at((parts){.handovers = t[i].handovers}, "2026-11-20"), want);
	}
	/* --days 30: the deadline is 2026-10-31; 10-20 is in time, 11-01 late */
	days = 30;
	expect(count_at((parts){.handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, confirmed: 2026-10-31}"},
			"2026-11-20"),
	       BASE " confirmed_by_deadline=1 days_to_confirmation[30]=1");
	expect(count_at((parts){.handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, confirmed: 2026-11-01}"},
			"2026-11-20"),
	       BASE " days_to_confirmation[31]=1");
	days = 14;
	/* remand: confirmed (no deadline), counted in the days but not as a need with a
	 * release; 2026-09-02 → 2028-09-02 is 731 days: the last bin */
	expect(count_at((parts){.sentence = REMAND,
				.handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-02, confirmed: 2028-09-02}"},
			"2028-10-01"),
	       "cases=1 started=1 screened=1 caseload_screened=1 screened_timely=1 risk_areas_2=1 ip_indicated=1 needs=2 "
	       "needs_with_consent=2 days_to_confirmation[731]=1");
}
END_TEST

START_TEST(handover_confirmed_by_release)
{
	/* as of 2026-12-10, 10 days after the release: both needs are of a released case */
	static const struct {
		const char *handovers, *want;
	} t[] = {
	    {NULL, ""},
	    /* confirmed in time, so also by release */
	    {"\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, confirmed: 2026-10-20}",
	     " confirmed_by_deadline=1 confirmed_by_release=1 days_to_confirmation[19]=1"},
	    /* late, on the release day: by release (10-01 → 11-30 is 60 days) */
	    {"\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, confirmed: 2026-11-30}",
	     " confirmed_by_release=1 days_to_confirmation[60]=1"},
	    /* the day after the release: not */
	    {"\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, confirmed: 2026-12-01}",
	     " days_to_confirmation[61]=1"},
	    /* declined before the release: not */
	    {"\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, declined: 2026-11-01}", ""},
	    /* both: housing late 11-20 (50 days), finances in time 11-01 (27 days) */
	    {"\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, confirmed: 2026-11-20}"
	     "\n  - {domain: finances, to: nav-bodo, requested: 2026-10-05, confirmed: 2026-11-01}",
	     " confirmed_by_deadline=1 confirmed_by_release=2 days_to_confirmation[27]=1"
	     " days_to_confirmation[50]=1 released_handed_over=1"},    /* follow-up in place: a start at most 7 days after the release (11-30) counts, a
	     * later one or none does not; a start on a handover confirmed after release neither */
	    {"\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, confirmed: 2026-10-20, starts: 2026-12-07}",
	     " confirmed_by_deadline=1 confirmed_by_release=1 follow_up_in_place=1 days_to_confirmation[19]=1"},
	    {"\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, confirmed: 2026-10-20, starts: 2026-11-15}",
	     " confirmed_by_deadline=1 confirmed_by_release=1 follow_up_in_place=1 days_to_confirmation[19]=1"},
	    {"\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, confirmed: 2026-10-20, starts: 2026-12-08}",
	     " confirmed_by_deadline=1 confirmed_by_release=1 days_to_confirmation[19]=1"},
	    {"\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, confirmed: 2026-12-01, starts: 2026-12-02}",
	     " days_to_confirmation[61]=1"},
	    /* refused, then another service confirmed by release with a start on release day */
	    {"\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, declined: 2026-10-10}"
	     "\n  - {domain: housing, to: nav-bodo, requested: 2026-10-12, confirmed: 2026-11-20, starts: 2026-11-30}",
	     " confirmed_by_release=1 follow_up_in_place=1 days_to_confirmation[39]=1"},
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		char want[512];
		/* one person released with needs: handed over when both needs were */
		snprintf(want, sizeof want, BASE " needs_released=2 released_with_needs=1%s", t[i].want);
		expect(count_at((parts){.handovers = t[i].handovers}, "2026-12-10"), want);
	}
	/* released on as_of itself: counted as released */
	expect(count_at((parts){.handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, confirmed: 2026-11-30}"},
			"2026-11-30"),
	       BASE " needs_released=2 released_with_needs=1 confirmed_by_release=1 days_to_confirmation[60]=1");
	/* the day before the release: not yet */
	expect(count_at((parts){.handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, confirmed: 2026-11-20}"},
			"2026-11-29"),
	       BASE " days_to_confirmation[50]=1");
	/* remand is never released */
	expect(count_at((parts){.sentence = REMAND}, "2027-06-01"),
	       "cases=1 started=1 screened=1 caseload_screened=1 screened_timely=1 risk_areas_2=1 ip_indicated=1 needs=2 "
	       "needs_with_consent=2");
}
END_TEST

START_TEST(released_every_need)
{
	/* the headline: of the people released (as of 2026-12-10; release 2026-11-30), those
	 * whose every need (housing, finances) was handed over by release day, and those whose
	 * every need also had its follow-up start by release + 7 days (2026-12-07) */
	static const struct {
		const char *handovers, *want;
	} t[] = {
	    /* both confirmed before release, both start on release day: handed over, in place */
	    {"\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, confirmed: 2026-10-20, starts: 2026-11-30}"
	     "\n  - {domain: finances, to: nav-bodo, requested: 2026-10-01, confirmed: 2026-10-11, starts: 2026-12-07}",
	     " confirmed_by_deadline=2 confirmed_by_release=2 follow_up_in_place=2 released_handed_over=1"
	     " released_in_place=1 days_to_confirmation[19]=1 days_to_confirmation[10]=1"},
	    /* finances starts 2026-12-08, one day too late: handed over, not in place */
	    {"\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, confirmed: 2026-10-20, starts: 2026-11-30}"
	     "\n  - {domain: finances, to: nav-bodo, requested: 2026-10-01, confirmed: 2026-10-11, starts: 2026-12-08}",
	     " confirmed_by_deadline=2 confirmed_by_release=2 follow_up_in_place=1 released_handed_over=1"
	     " days_to_confirmation[19]=1 days_to_confirmation[10]=1"},
	    /* finances confirmed the day after release: neither */
	    {"\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, confirmed: 2026-10-20, starts: 2026-11-30}"
	     "\n  - {domain: finances, to: nav-bodo, requested: 2026-10-01, confirmed: 2026-12-01, starts: 2026-12-01}",
	     " confirmed_by_deadline=1 confirmed_by_release=1 follow_up_in_place=1"
	     " days_to_confirmation[19]=1 days_to_confirmation[61]=1"},
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		char want[768];
		snprintf(want, sizeof want, BASE " needs_released=2 released_with_needs=1%s", t[i].want);
		expect(count_at((parts){.handovers = t[i].handovers}, "2026-12-10"), want);
	}
	/* not screened by release: its needs are unknown, none handed over, but counted */
	expect(count_at((parts){.no_screening = true}, "2026-12-10"),
	       "cases=1 started=1 released_with_needs=1");
	/* screened with no need: nothing to hand over, not in the denominator */
	expect(count_at((parts){.rows = "    housing: {past: true, current: false, contact: null, needs: []}\n"},
			"2026-12-10"),
	       "cases=1 started=1 screened=1 caseload_screened=1 screened_timely=1 risk_areas_0=1");
	/* not released yet on 2026-11-29: not counted */
	expect(count_at((parts){}, "2026-11-29"), BASE);
}
END_TEST

/* The i-th period of s: "LABEL FROM TO". */
static const char *period_text(const sp_series *s, size_t i)
{
	static char buf[64];
	char label[SP_PERIOD_LABEL], a[SP_DATE_BUFSIZE], b[SP_DATE_BUFSIZE];
	sp_date from, to;
	sp_series_period(s, i, &from, &to, label);
	snprintf(buf, sizeof buf, "%s %s %s", label, sp_date_format(from, a), sp_date_format(to, b));
	return buf;
}

START_TEST(series_periods)
{
	/* quarters, the first and the last cut to --from and --to, named all the same */
	sp_series q = {SP_PERIOD_QUARTER, D("2026-02-10"), D("2026-11-23")};
	ck_assert_uint_eq(sp_series_count(&q), 4);
	ck_assert_str_eq(period_text(&q, 0), "2026-Q1 2026-02-10 2026-03-31");
	ck_assert_str_eq(period_text(&q, 1), "2026-Q2 2026-04-01 2026-06-30");
	ck_assert_str_eq(period_text(&q, 2), "2026-Q3 2026-07-01 2026-09-30");
	ck_assert_str_eq(period_text(&q, 3), "2026-Q4 2026-10-01 2026-11-23");
	/* months across a new year, a month of one day, February of a leap year */
	sp_series m = {SP_PERIOD_MONTH, D("2025-12-15"), D("2026-02-01")};
	ck_assert_uint_eq(sp_series_count(&m), 3);
	ck_assert_str_eq(period_text(&m, 0), "2025-12 2025-12-15 2025-12-31");
	ck_assert_str_eq(period_text(&m, 1), "2026-01 2026-01-01 2026-01-31");
	ck_assert_str_eq(period_text(&m, 2), "2026-02 2026-02-01 2026-02-01");
	sp_series leap = {SP_PERIOD_MONTH, D("2024-02-01"), D("2024-03-31")};
	ck_assert_str_eq(period_text(&leap, 0), "2024-02 2024-02-01 2024-02-29");
	/* years */
	sp_series y = {SP_PERIOD_YEAR, D("2024-03-01"), D("2026-06-30")};
	ck_assert_uint_eq(sp_series_count(&y), 3);
	ck_assert_str_eq(period_text(&y, 0), "2024 2024-03-01 2024-12-31");
	ck_assert_str_eq(period_text(&y, 1), "2025 2025-01-01 2025-12-31");
	ck_assert_str_eq(period_text(&y, 2), "2026 2026-01-01 2026-06-30");
	/* one day; the last day there is; no series */
	sp_series one = {SP_PERIOD_QUARTER, D("2026-05-05"), D("2026-05-05")};
	ck_assert_uint_eq(sp_series_count(&one), 1);
	ck_assert_str_eq(period_text(&one, 0), "2026-Q2 2026-05-05 2026-05-05");
	sp_series last = {SP_PERIOD_YEAR, D("9999-06-01"), D("9999-12-31")};
	ck_assert_str_eq(period_text(&last, 0), "9999 9999-06-01 9999-12-31");
	ck_assert_uint_eq(sp_series_count(&(sp_series){SP_PERIOD_NONE, 0, 0}), 0);
	ck_assert_str_eq(sp_period_kind_name(SP_PERIOD_QUARTER), "quarter");
	ck_assert_int_eq(sp_period_kind_parse("month"), SP_PERIOD_MONTH);
	ck_assert_int_eq(sp_period_kind_parse("year"), SP_PERIOD_YEAR);
	ck_assert_int_eq(sp_period_kind_parse("week"), -1);
}
END_TEST

/* The counters of one case in each period of s, as sp_case_periods() gives them: the
 * period's label, then its counters as text (render). */
static void expect_periods_at(parts p, const sp_series *s, const char *as_of,
			      const char *const *want, size_t nwant, int line)
{
	const json_t *c = make_case(p);
	sp_period_counts *pc = calloc(SP_SERIES_MAX, sizeof *pc);
	sp_handover_check bad;
	long n = sp_case_periods(c, s, D(as_of), rules, reg, days, pc, &bad);
	ck_assert_msg(n == (long)nwant, "line %d: %ld periods, want %zu", line, n, nwant);
	for (long i = 0; i < n; i++) {
		char label[SP_PERIOD_LABEL + 1];
		snprintf(label, sizeof label, "%s ", pc[i].period);
		ck_assert_msg(strncmp(want[i], label, strlen(label)) == 0, "line %d: period %s, want %s",
			      line, pc[i].period, want[i]);
		memset(&K, 0, sizeof K);
		sp_counters_add_counts(&K, &pc[i].cc);
		expect_at(&K, want[i] + strlen(label), line);
	}
	free(pc);
}
#define expect_periods(p, s, as_of, ...)                                                           \
	do {                                                                                       \
		static const char *const want_[] = {__VA_ARGS__};                                  \
		expect_periods_at((p), (s), (as_of), want_, sizeof want_ / sizeof *want_, __LINE__); \
	} while (0)

START_TEST(series_counts)
{
	/* the template (start 2026-09-01, screened 2026-09-03, release 2026-11-30, deadline
	 * 2026-11-16): housing asked 09-10 and confirmed 10-20 with follow-up on release day,
	 * finances asked 09-10 and confirmed 12-05, after the release; as of 2026-12-31 */
	parts p = {.handovers =
		       "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, confirmed: 2026-10-20, starts: 2026-11-30}"
		       "\n  - {domain: finances, to: nav-bodo, requested: 2026-09-10, confirmed: 2026-12-05}"};
	/* by month: not in August (not started), nor in December (released in November);
	 * September is its intake (started, screened: flows), every month its stocks as at the
	 * month's end; October has the housing confirmation (40 days), November the release:
	 * two needs released, housing handed over and in place, finances not yet, so the
	 * person is released without every need handed over */
	sp_series m = {SP_PERIOD_MONTH, D("2026-08-01"), D("2026-12-31")};
	expect_periods(p, &m, "2026-12-31",
		       "2026-09 " BASE,
		       "2026-10 cases=1 caseload_screened=1 ip_indicated=1 ip_indicated_with_release=1 needs=2"
		       " needs_with_consent=2 needs_with_release=2 confirmed_by_deadline=1 days_to_confirmation[40]=1",
		       "2026-11 cases=1 caseload_screened=1 ip_indicated=1 ip_indicated_with_release=1 needs=2"
		       " needs_with_consent=2 needs_with_release=2 confirmed_by_deadline=1 needs_released=2"
		       " confirmed_by_release=1 follow_up_in_place=1 released_with_needs=1");
	/* by quarter: Q3 (to 09-30) the intake, Q4 (to 12-31) the rest, with the finances
	 * confirmation of December (86 days) now there, late: not by release */
	sp_series q = {SP_PERIOD_QUARTER, D("2026-07-01"), D("2026-12-31")};
	expect_periods(p, &q, "2026-12-31",
		       "2026-Q3 " BASE,
		       "2026-Q4 cases=1 caseload_screened=1 ip_indicated=1 ip_indicated_with_release=1 needs=2"
		       " needs_with_consent=2 needs_with_release=2 confirmed_by_deadline=1 needs_released=2"
		       " confirmed_by_release=1 follow_up_in_place=1 released_with_needs=1"
		       " days_to_confirmation[40]=1 days_to_confirmation[86]=1");
	/* by year: all in 2026; a series that ends before the start counts nothing */
	sp_series y = {SP_PERIOD_YEAR, D("2025-01-01"), D("2026-12-31")};
	expect_periods(p, &y, "2026-12-31",
		       "2026 cases=1 started=1 screened=1 caseload_screened=1 screened_timely=1 risk_areas_2=1"
		       " ip_indicated=1 ip_indicated_with_release=1 needs=2 needs_with_consent=2"
		       " needs_with_release=2 confirmed_by_deadline=1 needs_released=2 confirmed_by_release=1"
		       " follow_up_in_place=1 released_with_needs=1 days_to_confirmation[40]=1"
		       " days_to_confirmation[86]=1");
	sp_period_counts pc[2];
	sp_handover_check bad;
	/* a case's group is the one it had at each period's end: screened 2026-10-05, it is
	 * "not screened" in September and has 2 needs ("1-2") in October; the other keys stay */
	sp_series so = {SP_PERIOD_MONTH, D("2026-09-01"), D("2026-10-31")};
	ck_assert_int_eq(sp_case_periods(make_case((parts){.date = "2026-10-05"}), &so, D("2026-10-31"),
					 rules, reg, days, pc, &bad), 2);
	ck_assert_str_eq(pc[0].keys.v[SP_BY_RISK_AREAS], "not screened");
	ck_assert_str_eq(pc[1].keys.v[SP_BY_RISK_AREAS], "1-2");
	ck_assert_str_eq(pc[1].keys.v[SP_BY_UNIT], "bodo-fengsel");
	ck_assert_str_eq(pc[1].keys.v[SP_BY_RELEASE_MONTH], "2026-11");
	sp_series before = {SP_PERIOD_YEAR, D("2025-01-01"), D("2025-12-31")};
	ck_assert_int_eq(sp_case_periods(make_case(p), &before, D("2026-12-31"), rules, reg, days, pc, &bad), 0);
	/* without a series: one period of every day up to as_of, the same as the year's */
	sp_series none = {SP_PERIOD_NONE, 0, 0};
	expect_periods(p, &none, "2026-12-31",
		       " cases=1 started=1 screened=1 caseload_screened=1 screened_timely=1 risk_areas_2=1"
		       " ip_indicated=1 ip_indicated_with_release=1 needs=2 needs_with_consent=2"
		       " needs_with_release=2 confirmed_by_deadline=1 needs_released=2 confirmed_by_release=1"
		       " follow_up_in_place=1 released_with_needs=1 days_to_confirmation[40]=1"
		       " days_to_confirmation[86]=1");
}
END_TEST

/* A group of b with this full key and this many cases. */
static void cases_in(sp_breakdown *b, const char *key, uint64_t n)
{
	sp_breakdown_group(b, key)->c[C_CASES] = n;
}

/* "key:H" for each hidden group of b, "key" for each shown, in key order. */
static const char *shown_text(sp_breakdown *b, const bool *sup)
{
	static char buf[1024];
	buf[0] = '\0';
	for (size_t g = 0; g < sp_breakdown_count(b); g++) {
		char key[128];
		snprintf(key, sizeof key, "%s", sp_breakdown_full_key(b, g));
		for (char *c = key; *c; c++)
			*c = *c == '\x1f' ? '|' : *c == SP_PERIOD_SEP ? '/' : *c;
		put(buf, sizeof buf, "%s%s%s", *buf ? " " : "", key, sup[g] ? ":H" : "");
	}
	return buf;
}

START_TEST(suppression)
{
	/* the overall group, unit, municipality and unit+municipality, min_cell 5, in two
	 * periods. 2026-Q1: 20 cases; units A 12, B 8; municipalities x 13, y 3, z 4;
	 * A|x 9, A|y 3, B|x 4, B|z 4. 2026-Q2: 10 cases; A 6, B 4; x 10; A|x 6, B|x 4. */
	sp_dimension u = SP_BY_UNIT, m = SP_BY_MUNICIPALITY, um[] = {SP_BY_UNIT, SP_BY_MUNICIPALITY};
	sp_breakdown *b[] = {sp_breakdown_new(NULL, 0), sp_breakdown_new(&u, 1), sp_breakdown_new(&m, 1),
			     sp_breakdown_new(um, 2)};
	cases_in(b[0], "2026-Q1\x1e", 20);
	cases_in(b[1], "2026-Q1\x1e" "A", 12);
	cases_in(b[1], "2026-Q1\x1e" "B", 8);
	cases_in(b[2], "2026-Q1\x1e" "x", 13);
	cases_in(b[2], "2026-Q1\x1e" "y", 3);
	cases_in(b[2], "2026-Q1\x1e" "z", 4);
	cases_in(b[3], "2026-Q1\x1e" "A" US "x", 9);
	cases_in(b[3], "2026-Q1\x1e" "A" US "y", 3);
	cases_in(b[3], "2026-Q1\x1e" "B" US "x", 4);
	cases_in(b[3], "2026-Q1\x1e" "B" US "z", 4);
	cases_in(b[0], "2026-Q2\x1e", 10);
	cases_in(b[1], "2026-Q2\x1e" "A", 6);
	cases_in(b[1], "2026-Q2\x1e" "B", 4);
	cases_in(b[2], "2026-Q2\x1e" "x", 10);
	cases_in(b[3], "2026-Q2\x1e" "A" US "x", 6);
	cases_in(b[3], "2026-Q2\x1e" "B" US "x", 4);
	bool **sup = sp_breakdowns_suppressed(b, 4, 5);
	/* Q1: nothing under 5 in the overall group or the units. Municipalities: y and z
	 * hidden, 7 together. unit+municipality: A|y, B|x, B|z under 5; under A (shown), A|y
	 * alone would be A − A|x: A|x goes too (12 hidden under A); under B: both, 8; under x
	 * (shown): A|x, B|x both hidden, 13; under y and z (hidden): all hidden.
	 * Q2: B (4) hidden alone under the overall group: A goes too; so all of
	 * unit+municipality under them; municipality x is the overall group: shown. */
	ck_assert_str_eq(shown_text(b[0], sup[0]), "2026-Q1/ 2026-Q2/");
	ck_assert_str_eq(shown_text(b[1], sup[1]), "2026-Q1/A 2026-Q1/B 2026-Q2/A:H 2026-Q2/B:H");
	ck_assert_str_eq(shown_text(b[2], sup[2]), "2026-Q1/x 2026-Q1/y:H 2026-Q1/z:H 2026-Q2/x");
	ck_assert_str_eq(shown_text(b[3], sup[3]),
			 "2026-Q1/A|x:H 2026-Q1/A|y:H 2026-Q1/B|x:H 2026-Q1/B|z:H "
			 "2026-Q2/A|x:H 2026-Q2/B|x:H");
	/* recomputed from what is shown: no shown group has exactly one hidden group among
	 * the groups it is the sum of, and what several hidden ones add up to is 5 or more */
	for (size_t i = 0; i < 4; i++)
		for (size_t j = 0; j < 4; j++) {
			const sp_dimension *di, *dj;
			size_t ni = sp_breakdown_dims(b[i], &di), nj = sp_breakdown_dims(b[j], &dj);
			if (!(nj == ni + 1 || (ni == 0 && nj >= 1)) || (ni == 1 && dj[0] != di[0] && dj[1] != di[0]))
				continue;
			for (size_t a = 0; a < sp_breakdown_count(b[i]); a++) {
				if (sup[i][a])
					continue;
				const char *ak = sp_breakdown_full_key(b[i], a);
				uint64_t rest = sp_breakdown_counters(b[i], a)->c[C_CASES];
				int hidden = 0;
				for (size_t g = 0; g < sp_breakdown_count(b[j]); g++) {
					const char *gk = sp_breakdown_full_key(b[j], g);
					/* g falls in a: the same period, and a's value among g's */
					if (strncmp(gk, ak, 8) != 0 || (ni == 1 && !strstr(gk + 8, ak + 8)))
						continue;
					if (sup[j][g])
						hidden++;
					else
						rest -= sp_breakdown_counters(b[j], g)->c[C_CASES];
				}
				ck_assert_msg(hidden != 1, "%zu/%zu %s: one hidden", i, j, ak);
				ck_assert_msg(hidden == 0 || rest >= 5, "%zu/%zu %s: %" PRIu64, i, j, ak, rest);
			}
		}
	sp_suppressed_free(sup, 4);
	/* min_cell 1 hides nothing */
	sup = sp_breakdowns_suppressed(b, 4, 1);
	for (size_t i = 0; i < 4; i++)
		for (size_t g = 0; g < sp_breakdown_count(b[i]); g++)
			ck_assert(!sup[i][g]);
	sp_suppressed_free(sup, 4);
	for (size_t i = 0; i < 4; i++)
		sp_breakdown_free(b[i]);
}
END_TEST

START_TEST(letters_due_and_answered)
{
	/* one letter sent 2026-09-05; as of 2026-10-01 */
	static const struct {
		const char *rest;
		int due, answered;
	} t[] = {
	    {", respond_by: 2026-09-26, response: {date: 2026-09-20, outcome: granted}", 1, 1},
	    /* answered on respond_by, refused: answered in time all the same */
	    {", respond_by: 2026-09-26, response: {date: 2026-09-26, outcome: refused}", 1, 1},
	    /* the day after respond_by */
	    {", respond_by: 2026-09-27, response: {date: 2026-09-28, outcome: partial}", 1, 0},
	    {", respond_by: 2026-09-26", 1, 0},
	    {", respond_by: 2026-09-26, response: null", 1, 0},
	    /* due on as_of itself */
	    {", respond_by: 2026-10-01", 1, 0},
	    {", respond_by: 2026-10-01, response: {date: 2026-10-01, outcome: acknowledged}", 1, 1},
	    /* due the day after as_of: not yet due, answered or not */
	    {", respond_by: 2026-10-02", 0, 0},
	    {", respond_by: 2026-10-02, response: {date: 2026-09-30, outcome: granted}", 0, 0},
	    /* no respond_by: never due */
	    {"", 0, 0},
	    {", response: {date: 2026-09-10, outcome: granted}", 0, 0},
	    {", respond_by: null, response: {date: 2026-09-10, outcome: granted}", 0, 0},
	};
	for (size_t i = 0; i < sizeof t / sizeof *t; i++) {
		char letters[512], want[512];
		snprintf(letters, sizeof letters,
			 "\n  - {id: L-1, template: ip-request, recipient: kommune-1804, date: 2026-09-05%s}",
			 t[i].rest);
		snprintf(want, sizeof want, BASE " letters_due=%d letters_answered_in_time=%d", t[i].due,
			 t[i].answered);
		expect(count((parts){.letters = letters}), want);
	}
	/* several in one case: L-1 in time, L-2 late, L-3 unanswered, L-4 not due, and a
	 * letter to the person in time: 4 due, 2 answered in time */
	expect(count((parts){.letters =
				 "\n  - {id: L-1, template: a, recipient: kommune-1804, date: 2026-09-05, respond_by: 2026-09-26,"
				 " response: {date: 2026-09-20, outcome: granted}}"
				 "\n  - {id: L-2, template: b, recipient: nav-bodo, date: 2026-09-05, respond_by: 2026-09-15,"
				 " response: {date: 2026-09-20, outcome: granted}}"
				 "\n  - {id: L-3, template: c, recipient: nav-bodo, date: 2026-09-05, respond_by: 2026-09-15}"
				 "\n  - {id: L-4, template: d, recipient: nav-bodo, date: 2026-09-05, respond_by: 2026-10-15}"
				 "\n  - {id: L-5, template: e, recipient: person, date: 2026-09-05, respond_by: 2026-09-15,"
				 " response: {date: 2026-09-14, outcome: acknowledged}}"}),
	       BASE " letters_due=4 letters_answered_in_time=2");
}
END_TEST

START_TEST(counters_merge)
{
	/* a: the template with a coordinator at 19 days; b: a remand case with a confirmed
	 * handover at 10 days and one letter due; merged = counted one after the other */
	parts a = {.ip = "ip:\n  status: in_progress\n  coordinator: {name: Per Pettersen, appointed: 2026-09-20}\n"};
	parts b = {.sentence = REMAND,
		   .handovers = "\n  - {domain: finances, to: nav-bodo, requested: 2026-09-10, confirmed: 2026-09-20}",
		   .letters = "\n  - {id: L-1, template: x, recipient: nav-bodo, date: 2026-09-05, respond_by: 2026-09-20}"};
	sp_counters *ka = calloc(1, sizeof *ka), *kb = calloc(1, sizeof *kb), *all = calloc(1, sizeof *all);
	add_case(ka, a, AS_OF);
	add_case(kb, b, AS_OF);
	ka->h[H_DAYS_TO_CONFIRMATION][SP_HIST_DAYS] = 2; /* the last bin merges too */
	kb->h[H_DAYS_TO_CONFIRMATION][SP_HIST_DAYS] = 3;
	add_case(all, a, AS_OF);
	add_case(all, b, AS_OF);
	all->h[H_DAYS_TO_CONFIRMATION][SP_HIST_DAYS] = 5;
	sp_counters_merge(ka, kb);
	ck_assert(memcmp(ka, all, sizeof *all) == 0);
	expect(ka, "cases=2 started=2 screened=2 caseload_screened=2 screened_timely=2 risk_areas_2=2 ip_indicated=2 ip_requested=1 "
		   "coordinator_appointed=1 ip_indicated_with_release=1 needs=4 needs_with_consent=4 "
		   "needs_with_release=2 letters_due=1 days_to_coordinator[19]=1 "
		   "days_to_confirmation[10]=1 days_to_confirmation[731]=5");
	/* merging nothing changes nothing */
	memset(kb, 0, sizeof *kb);
	sp_counters_merge(ka, kb);
	ck_assert(memcmp(ka, all, sizeof *all) == 0);
	free(ka);
	free(kb);
	free(all);
}
END_TEST

START_TEST(case_counts)
{
	/* one case's contribution, computed once: the counters of the case (as
	 * sp_counters_add_case adds them) and the raw days of each histogram, in need order.
	 * The template as of 2026-11-20 with a coordinator 19 days after the start, housing
	 * confirmed after 19 days and finances after 10 */
	parts p = {.ip = "ip:\n  status: in_progress\n  coordinator: {name: Per Pettersen, appointed: 2026-09-20}\n",
		   .handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-10-01, confirmed: 2026-10-20}"
				"\n  - {domain: finances, to: nav-bodo, requested: 2026-10-05, confirmed: 2026-10-15}"};
	const sp_counters *k = count_at(p, "2026-11-20");
	sp_case_counts cc;
	memset(&cc, 0xff, sizeof cc);
	sp_case_counts_get(doc->root, &H, D("2026-11-20"), &cc);
	for (int i = 0; i < C_COUNT; i++)
		ck_assert_msg(cc.c[i] == k->c[i], "%s", NAMES[i]);
	ck_assert_uint_eq(cc.c[C_CONFIRMED_BY_DEADLINE], 2);
	ck_assert_uint_eq(cc.ndays[H_DAYS_TO_COORDINATOR], 1);
	ck_assert_int_eq(cc.days[H_DAYS_TO_COORDINATOR][0], 19);
	ck_assert_uint_eq(cc.ndays[H_DAYS_TO_CONFIRMATION], 2);
	ck_assert_int_eq(cc.days[H_DAYS_TO_CONFIRMATION][0], 19); /* housing comes first */
	ck_assert_int_eq(cc.days[H_DAYS_TO_CONFIRMATION][1], 10);
	/* added to counters: the same as sp_counters_add_case */
	sp_counters *k2 = calloc(1, sizeof *k2);
	sp_counters_add_counts(k2, &cc);
	ck_assert(memcmp(k2, k, sizeof *k2) == 0);
	free(k2);

	/* a coordinator appointed before the start has no days; one 800 days after keeps its
	 * days, and they go to the last bin when added */
	k = count((parts){.ip = "ip:\n  status: in_progress\n  coordinator: {name: Per Pettersen, appointed: 2026-08-01}\n"});
	sp_case_counts_get(doc->root, &H, D(AS_OF), &cc);
	ck_assert_uint_eq(cc.c[C_COORDINATOR], 1);
	ck_assert_uint_eq(cc.ndays[H_DAYS_TO_COORDINATOR], 0);
	ck_assert_uint_eq(cc.ndays[H_DAYS_TO_CONFIRMATION], 0);
	k = count((parts){.ip = "ip:\n  status: in_progress\n  coordinator: {name: Per Pettersen, appointed: 2028-11-09}\n"});
	sp_case_counts_get(doc->root, &H, D(AS_OF), &cc);
	ck_assert_uint_eq(cc.ndays[H_DAYS_TO_COORDINATOR], 1);
	ck_assert_int_eq(cc.days[H_DAYS_TO_COORDINATOR][0], 800); /* 731 + 30 + 31 + 8 */
	expect(k, BASE " ip_requested=1 coordinator_appointed=1 days_to_coordinator[731]=1");

	/* every one of 8 needs confirmed (remand, so never late): 8 days kept */
	char rows[1024] = "", handovers[2048] = "";
	for (int d = 0; d < SP_DOMAIN_COUNT; d++) {
		put(rows, sizeof rows, "    %s: {past: true, current: true, contact: null, needs: []}\n", domains[d]);
		put(handovers, sizeof handovers,
		    "\n  - {domain: %s, to: kommune-1804, requested: 2026-09-10, confirmed: 2026-09-%02d}",
		    domains[d], 11 + d);
	}
	k = count((parts){.sentence = REMAND, .rows = rows, .handovers = handovers});
	sp_case_counts_get(doc->root, &H, D(AS_OF), &cc);
	ck_assert_uint_eq(cc.ndays[H_DAYS_TO_CONFIRMATION], 8);
	for (int d = 0; d < SP_DOMAIN_COUNT; d++)
		ck_assert_int_eq(cc.days[H_DAYS_TO_CONFIRMATION][d], d + 1);
	ck_assert_uint_eq(k->c[C_NEEDS], 8);
	for (int d = 1; d <= 8; d++)
		ck_assert_uint_eq(k->h[H_DAYS_TO_CONFIRMATION][d], 1);
}
END_TEST

/* --- medians ------------------------------------------------------------------------------ */

START_TEST(medians)
{
	sp_counters *k = calloc(1, sizeof *k);
	bool over = true;
	const int C = H_DAYS_TO_COORDINATOR, F = H_DAYS_TO_CONFIRMATION;
	/* no values: -1, and *over cleared */
	ck_assert_int_eq(sp_counters_median(k, C, &over), -1);
	ck_assert(!over);
	/* one value */
	k->h[C][12] = 1;
	ck_assert_int_eq(sp_counters_median(k, C, &over), 12);
	/* 3, 5, 10 (bins filled out of order): the middle one */
	memset(k, 0, sizeof *k);
	k->h[C][10] = 1;
	k->h[C][3] = 1;
	k->h[C][5] = 1;
	ck_assert_int_eq(sp_counters_median(k, C, &over), 5);
	ck_assert(!over);
	/* 3, 5, 10, 20: an even count gives the lower median, a day that occurred */
	k->h[C][20] = 1;
	ck_assert_int_eq(sp_counters_median(k, C, &over), 5);
	/* 4, 4, 9, 9: the lower median 4 (not 9, not 6.5) */
	memset(k, 0, sizeof *k);
	k->h[C][4] = 2;
	k->h[C][9] = 2;
	ck_assert_int_eq(sp_counters_median(k, C, &over), 4);
	/* 4, 4, 9, 9, 9: 9 */
	k->h[C][9] = 3;
	ck_assert_int_eq(sp_counters_median(k, C, &over), 9);
	/* 0 and 1: the lower, 0 */
	memset(k, 0, sizeof *k);
	k->h[C][0] = 1;
	k->h[C][1] = 1;
	ck_assert_int_eq(sp_counters_median(k, C, &over), 0);
	/* the other histogram is its own: still empty */
	ck_assert_int_eq(sp_counters_median(k, F, &over), -1);
	/* the last bin: SP_HIST_DAYS or more, with *over set */
	k->h[F][SP_HIST_DAYS] = 3;
	over = false;
	ck_assert_int_eq(sp_counters_median(k, F, &over), SP_HIST_DAYS);
	ck_assert(over);
	/* 0, 0, over, over, over: over */
	k->h[F][0] = 2;
	ck_assert_int_eq(sp_counters_median(k, F, &over), SP_HIST_DAYS);
	ck_assert(over);
	/* 0, 0, 0, over, over, over: the lower median 0, not over */
	k->h[F][0] = 3;
	ck_assert_int_eq(sp_counters_median(k, F, &over), 0);
	ck_assert(!over);
	/* 730 is the last day of its own */
	memset(k, 0, sizeof *k);
	k->h[F][SP_HIST_DAYS - 1] = 1;
	ck_assert_int_eq(sp_counters_median(k, F, &over), SP_HIST_DAYS - 1);
	ck_assert(!over);
	free(k);

	/* from cases: coordinators appointed 4, 19, −17 (before the start: dropped) and 30
	 * days after the start → 4, 19, 30 → 19 (were the −17 counted as 0 it would be 4) */
	static const char *const appointed[] = {"2026-09-05", "2026-09-20", "2026-08-15", "2026-10-01"};
	memset(&K, 0, sizeof K);
	for (int i = 0; i < 4; i++) {
		char ip[256];
		snprintf(ip, sizeof ip, "ip:\n  status: in_progress\n  coordinator: {name: Per Pettersen, appointed: %s}\n",
			 appointed[i]);
		add_case(&K, (parts){.ip = ip}, AS_OF);
	}
	ck_assert_uint_eq(K.c[C_COORDINATOR], 4);
	ck_assert_int_eq(sp_counters_median(&K, C, &over), 19);
	ck_assert(!over);
	ck_assert_int_eq(sp_counters_median(&K, F, &over), -1);
	/* then, one by one, coordinators appointed beyond two years (2029-06-01):
	 * 4 19 30 O → 19; 4 19 30 O O → 30; 4 19 30 O O O → 30 (the lower); 4 19 30 O O O O → O */
	static const int median[] = {19, 30, 30, SP_HIST_DAYS};
	for (int i = 0; i < 4; i++) {
		add_case(&K, (parts){.ip = "ip:\n  status: in_progress\n  coordinator: {name: Per Pettersen, appointed: 2029-06-01}\n"},
			 AS_OF);
		ck_assert_int_eq(sp_counters_median(&K, C, &over), median[i]);
		ck_assert(over == (i == 3));
	}
}
END_TEST

/* --- dimensions ------------------------------------------------------------------------- */

static const char *dim(sp_dimension d, parts p)
{
	static char buf[256];
	const json_t *c = make_case(p);
	sp_check_handovers(c, rules, reg, D(AS_OF), days, &H);
	memset(buf, 'x', sizeof buf);
	const char *v = sp_dimension_value(d, c, &H, buf, sizeof buf);
	ck_assert_ptr_eq(v, buf);
	return v;
}

START_TEST(dimension_names)
{
	static const char *const names[SP_BY_COUNT] = {"unit", "sentence_length", "risk_areas",
						       "sentence_type", "municipality", "supervision",
						       "release_month"};
	for (int d = 0; d < SP_BY_COUNT; d++) {
		ck_assert_str_eq(sp_dimension_name((sp_dimension)d), names[d]);
		ck_assert_int_eq(sp_dimension_parse(names[d]), d);
	}
	ck_assert_int_eq(sp_dimension_parse("Unit"), -1);
	ck_assert_int_eq(sp_dimension_parse("units"), -1);
	ck_assert_int_eq(sp_dimension_parse("uni"), -1);
	ck_assert_int_eq(sp_dimension_parse(""), -1);
}
END_TEST

START_TEST(dimension_values)
{
	/* sentence length from start to release: < 90 days, ≤ 365, more */
	ck_assert_str_eq(dim(SP_BY_SENTENCE_LENGTH, (parts){.sentence = "{type: prison, start: 2026-09-01, release: 2026-09-01}"}),
			 "under 3 months"); /* 0 days */
	ck_assert_str_eq(dim(SP_BY_SENTENCE_LENGTH, (parts){.sentence = "{type: prison, start: 2026-09-01, release: 2026-11-29}"}),
			 "under 3 months"); /* 89 */
	ck_assert_str_eq(dim(SP_BY_SENTENCE_LENGTH, (parts){0}), "3-12 months"); /* 90 */
	ck_assert_str_eq(dim(SP_BY_SENTENCE_LENGTH, (parts){.sentence = "{type: prison, start: 2026-09-01, release: 2027-09-01}"}),
			 "3-12 months"); /* 365 */
	ck_assert_str_eq(dim(SP_BY_SENTENCE_LENGTH, (parts){.sentence = "{type: prison, start: 2026-09-01, release: 2027-09-02}"}),
			 "over 12 months"); /* 366 */
	ck_assert_str_eq(dim(SP_BY_SENTENCE_LENGTH, (parts){.sentence = REMAND}), "no release date");
	/* remand with an expected release date has a length */
	ck_assert_str_eq(dim(SP_BY_SENTENCE_LENGTH, (parts){.sentence = "{type: remand, start: 2026-09-01, release: 2026-10-15}"}),
			 "under 3 months");

	/* risk areas: 0, 1-2, 3-4, 5+ (the first k domains a need), or not screened */
	static const char *const buckets[] = {"0", "1-2", "1-2", "3-4", "3-4", "5+", "5+", "5+", "5+"};
	for (int k = 0; k <= 8; k++) {
		char rows[1024] = ""; /* no problems now, but needs more help in the first k */
		for (int d = 0; d < k; d++)
			put(rows, sizeof rows, "    %s: {past: false, current: false, contact: null, needs: [measures]}\n",
			    domains[d]);
		ck_assert_msg(strcmp(dim(SP_BY_RISK_AREAS, (parts){.rows = rows}), buckets[k]) == 0,
			      "%d needs: %s", k, dim(SP_BY_RISK_AREAS, (parts){.rows = rows}));
		ck_assert_int_eq(H.a.risk_areas, k);
	}
	ck_assert_str_eq(dim(SP_BY_RISK_AREAS, (parts){.no_screening = true}), "not screened");

	/* municipality: number and name; the number keeps its zero */
	ck_assert_str_eq(dim(SP_BY_MUNICIPALITY, (parts){0}), "1804 Bodø");
	ck_assert_str_eq(dim(SP_BY_MUNICIPALITY, (parts){.home = "{number: \"0301\", name: Oslo}"}), "0301 Oslo");

	/* supervision after release */
	ck_assert_str_eq(dim(SP_BY_SUPERVISION, (parts){.sentence = "{type: prison, start: 2026-09-01, release: 2026-11-30, supervision_after_release: true}"}),
			 "yes");
	ck_assert_str_eq(dim(SP_BY_SUPERVISION, (parts){.sentence = "{type: prison, start: 2026-09-01, release: 2026-11-30, supervision_after_release: false}"}),
			 "no");
	ck_assert_str_eq(dim(SP_BY_SUPERVISION, (parts){.sentence = "{type: prison, start: 2026-09-01, release: 2026-11-30, supervision_after_release: null}"}),
			 "no");
	ck_assert_str_eq(dim(SP_BY_SUPERVISION, (parts){0}), "no");

	/* release month */
	ck_assert_str_eq(dim(SP_BY_RELEASE_MONTH, (parts){0}), "2026-11");
	ck_assert_str_eq(dim(SP_BY_RELEASE_MONTH, (parts){.sentence = "{type: prison, start: 2026-09-01, release: 2027-01-05}"}),
			 "2027-01");
	ck_assert_str_eq(dim(SP_BY_RELEASE_MONTH, (parts){.sentence = REMAND}), "no release date");

	/* unit: its agency id */
	ck_assert_str_eq(dim(SP_BY_UNIT, (parts){0}), "bodo-fengsel");
	ck_assert_str_eq(dim(SP_BY_UNIT, (parts){.unit = "{id: tromso-friomsorg, name: Troms friomsorgskontor, type: probation_office}"}),
			 "tromso-friomsorg");

	/* sentence type: as written */
	ck_assert_str_eq(dim(SP_BY_SENTENCE_TYPE, (parts){0}), "prison");
	static const char *const types[] = {"community_sentence", "electronic_monitoring", "preventive_detention"};
	for (int i = 0; i < 3; i++) {
		char s[128];
		snprintf(s, sizeof s, "{type: %s, start: 2026-09-01, release: 2026-11-30}", types[i]);
		ck_assert_str_eq(dim(SP_BY_SENTENCE_TYPE, (parts){.sentence = s}), types[i]);
	}
	ck_assert_str_eq(dim(SP_BY_SENTENCE_TYPE, (parts){.sentence = REMAND}), "remand");

	/* a small buffer is cut, not overrun */
	char small[8];
	memset(small, 'z', sizeof small);
	const json_t *c = make_case((parts){0});
	sp_check_handovers(c, rules, reg, D(AS_OF), days, &H);
	ck_assert_str_eq(sp_dimension_value(SP_BY_UNIT, c, &H, small, 5), "bodo");
	ck_assert_int_eq(small[5], 'z');
}
END_TEST

START_TEST(case_keys)
{
	/* every dimension's value at once, as sp_dimension_value gives it */
	parts ps[] = {{0},
		      {.sentence = REMAND, .no_screening = true, .home = "{number: \"0301\", name: Oslo}"},
		      {.unit = OSLO_UNIT_TEXT,
		       .sentence = "{type: community_sentence, start: 2026-09-01, release: 2027-12-24, supervision_after_release: true}"}};
	for (size_t i = 0; i < sizeof ps / sizeof *ps; i++) {
		const json_t *c = make_case(ps[i]);
		sp_check_handovers(c, rules, reg, D(AS_OF), days, &H);
		sp_case_keys keys;
		sp_case_keys_get(c, &H, &keys);
		for (int d = 0; d < SP_BY_COUNT; d++) {
			char buf[256];
			ck_assert_str_eq(keys.v[d], sp_dimension_value((sp_dimension)d, c, &H, buf, sizeof buf));
		}
	}
	const json_t *c = make_case(ps[2]);
	sp_check_handovers(c, rules, reg, D(AS_OF), days, &H);
	sp_case_keys keys;
	sp_case_keys_get(c, &H, &keys);
	ck_assert_str_eq(keys.v[SP_BY_UNIT], "oslo-fengsel");
	ck_assert_str_eq(keys.v[SP_BY_SENTENCE_LENGTH], "over 12 months");
	ck_assert_str_eq(keys.v[SP_BY_RISK_AREAS], "1-2");
	ck_assert_str_eq(keys.v[SP_BY_SENTENCE_TYPE], "community_sentence");
	ck_assert_str_eq(keys.v[SP_BY_MUNICIPALITY], "1804 Bodø");
	ck_assert_str_eq(keys.v[SP_BY_SUPERVISION], "yes");
	ck_assert_str_eq(keys.v[SP_BY_RELEASE_MONTH], "2027-12");
}
END_TEST

START_TEST(long_names_stay_text)
{
	/* a municipality name of "x" and 150 "ø" (301 bytes): its value is cut to fit, but
	 * never in the middle of a character, so the key is still UTF-8 text and the partial
	 * of a breakdown by municipality (JSON strings must be UTF-8) keeps it and combines */
	char home[512] = "{number: \"1804\", name: x";
	for (int i = 0; i < 150; i++)
		put(home, sizeof home, "%s", "ø");
	put(home, sizeof home, "%s", "}");
	const json_t *c = make_case((parts){.home = home});
	sp_check_handovers(c, rules, reg, D(AS_OF), days, &H);
	sp_case_keys keys;
	sp_case_keys_get(c, &H, &keys);
	size_t n = strlen(keys.v[SP_BY_MUNICIPALITY]);
	ck_assert_uint_gt(n, 100);
	ck_assert_uint_lt(n, sizeof keys.v[0]);
	ck_assert_msg(n % 2 == 0, "cut inside a character: %zu bytes", n); /* "1804 x" + whole ø's */
	json_t *j = json_string(keys.v[SP_BY_MUNICIPALITY]);
	ck_assert_ptr_nonnull(j); /* valid UTF-8 */
	json_decref(j);
	char buf[8];
	ck_assert_str_eq(sp_dimension_value(SP_BY_MUNICIPALITY, c, &H, buf, 8), "1804 x"); /* not half an ø */
	char buf9[9];
	ck_assert_str_eq(sp_dimension_value(SP_BY_MUNICIPALITY, c, &H, buf9, 9), "1804 xø");

	/* a character of 3 bytes (€) and of 4 (𝄞) */
	c = make_case((parts){.home = "{number: \"1804\", name: x€𝄞}"});
	sp_check_handovers(c, rules, reg, D(AS_OF), days, &H);
	char big[32];
	static const struct {
		size_t size;
		const char *want;
	} cut[] = {{7, "1804 x"}, {8, "1804 x"}, {9, "1804 x"}, {10, "1804 x€"}, {13, "1804 x€"}, {14, "1804 x€𝄞"}};
	for (size_t i = 0; i < sizeof cut / sizeof *cut; i++)
		ck_assert_str_eq(sp_dimension_value(SP_BY_MUNICIPALITY, c, &H, big, cut[i].size), cut[i].want);

	c = make_case((parts){.home = home});
	sp_check_handovers(c, rules, reg, D(AS_OF), days, &H);
	sp_dimension by[] = {SP_BY_MUNICIPALITY};
	sp_breakdown *b[1] = {sp_breakdown_new(by, 1)}, *f[1] = {sp_breakdown_new(by, 1)};
	sp_breakdown_add(b[0], c, &H, D(AS_OF));
	json_t *p = sp_partial_json(b, 1, D(AS_OF), days);
	const char *why = NULL;
	ck_assert_msg(sp_partial_add(f, 1, p, D(AS_OF), days, &why), "%s", why ? why : "");
	ck_assert_uint_eq(sp_breakdown_count(f[0]), 1);
	ck_assert_str_eq(sp_breakdown_key(f[0], 0), sp_breakdown_key(b[0], 0));
	json_decref(p);
	sp_breakdown_free(b[0]);
	sp_breakdown_free(f[0]);
}
END_TEST

/* --- breakdowns --------------------------------------------------------------------------- */

#define OSLO_UNIT OSLO_UNIT_TEXT

/* "key:cases key:cases …" in the breakdown's order */
static const char *groups(sp_breakdown *b)
{
	static char buf[4096];
	buf[0] = '\0';
	for (size_t i = 0; i < sp_breakdown_count(b); i++) {
		char key[512];
		snprintf(key, sizeof key, "%s", sp_breakdown_key(b, i));
		for (char *s = key; *s; s++)
			if (*s == '\x1f')
				*s = '|';
		put(buf, sizeof buf, "%s%s:%" PRIu64, i ? " " : "", key, sp_breakdown_counters(b, i)->c[C_CASES]);
	}
	return buf;
}

START_TEST(breakdown_groups)
{
	/* by unit: oslo, bodø, oslo, bodø, bodø → bodø 3, oslo 2, in key order */
	sp_dimension by_unit = SP_BY_UNIT;
	sp_breakdown *b = sp_breakdown_new(&by_unit, 1);
	const sp_dimension *dims;
	ck_assert_uint_eq(sp_breakdown_dims(b, &dims), 1);
	ck_assert_int_eq(dims[0], SP_BY_UNIT);
	const char *units[] = {OSLO_UNIT, UNIT, OSLO_UNIT, UNIT, UNIT};
	for (int i = 0; i < 5; i++)
		add_to(b, (parts){.unit = units[i], .no_screening = i == 0});
	ck_assert_str_eq(groups(b), "bodo-fengsel:3 oslo-fengsel:2");
	/* each group has its own counters: the oslo group has one case not screened */
	expect(sp_breakdown_counters(b, 1),
	       "cases=2 started=2 screened=1 caseload_screened=1 screened_timely=1 risk_areas_2=1 ip_indicated=1 "
	       "ip_indicated_with_release=1 needs=2 needs_with_consent=2 needs_with_release=2");
	ck_assert_ptr_null(sp_breakdown_key(b, 2));
	ck_assert_ptr_null(sp_breakdown_counters(b, 2));
	/* sp_breakdown_group finds an existing group (after the sort) and makes a new one */
	ck_assert_ptr_eq(sp_breakdown_group(b, "oslo-fengsel"), sp_breakdown_counters(b, 1));
	sp_counters *k = sp_breakdown_group(b, "aaa");
	ck_assert_uint_eq(k->c[C_CASES], 0);
	ck_assert_str_eq(groups(b), "aaa:0 bodo-fengsel:3 oslo-fengsel:2");
	/* counting after the sort goes to the group of the key, not to a new one */
	add_to(b, (parts){.unit = OSLO_UNIT});
	add_to(b, (parts){.unit = "{id: tromso-fengsel, name: Tromsø fengsel, type: prison}"});
	ck_assert_str_eq(groups(b), "aaa:0 bodo-fengsel:3 oslo-fengsel:3 tromso-fengsel:1");
	sp_breakdown_free(b);

	/* no dimensions: one group of all, key "" */
	b = sp_breakdown_new(NULL, 0);
	ck_assert_uint_eq(sp_breakdown_dims(b, &dims), 0);
	ck_assert_uint_eq(sp_breakdown_count(b), 0);
	add_to(b, (parts){0});
	add_to(b, (parts){.unit = OSLO_UNIT, .sentence = REMAND});
	ck_assert_str_eq(groups(b), ":2");
	sp_breakdown_free(b);
	sp_breakdown_free(NULL);
}
END_TEST

START_TEST(breakdown_crossed)
{
	/* unit × sentence type: keys joined by \x1f, in key order */
	sp_dimension by[] = {SP_BY_UNIT, SP_BY_SENTENCE_TYPE};
	sp_breakdown *b = sp_breakdown_new(by, 2);
	const sp_dimension *dims;
	ck_assert_uint_eq(sp_breakdown_dims(b, &dims), 2);
	ck_assert_int_eq(dims[0], SP_BY_UNIT);
	ck_assert_int_eq(dims[1], SP_BY_SENTENCE_TYPE);
	add_to(b, (parts){.unit = OSLO_UNIT});
	add_to(b, (parts){.sentence = REMAND});
	add_to(b, (parts){0});
	add_to(b, (parts){0});
	ck_assert_uint_eq(sp_breakdown_count(b), 3);
	ck_assert_str_eq(sp_breakdown_key(b, 0), "bodo-fengsel" US "prison");
	ck_assert_str_eq(sp_breakdown_key(b, 1), "bodo-fengsel" US "remand");
	ck_assert_str_eq(sp_breakdown_key(b, 2), "oslo-fengsel" US "prison");
	ck_assert_str_eq(groups(b), "bodo-fengsel|prison:2 bodo-fengsel|remand:1 oslo-fengsel|prison:1");
	sp_breakdown_free(b);

	/* three dimensions, in the order given (not sorted by dimension) */
	sp_dimension by3[] = {SP_BY_RELEASE_MONTH, SP_BY_MUNICIPALITY, SP_BY_RISK_AREAS};
	b = sp_breakdown_new(by3, 3);
	add_to(b, (parts){0});
	add_to(b, (parts){.home = "{number: \"0301\", name: Oslo}", .no_screening = true, .sentence = REMAND});
	ck_assert_uint_eq(sp_breakdown_count(b), 2);
	ck_assert_str_eq(sp_breakdown_key(b, 0), "2026-11" US "1804 Bodø" US "1-2");
	ck_assert_str_eq(sp_breakdown_key(b, 1), "no release date" US "0301 Oslo" US "not screened");
	sp_breakdown_free(b);
}
END_TEST

START_TEST(breakdown_many_groups)
{
	/* 500 groups made in a scrambled order, with the sort (sp_breakdown_count) in between:
	 * every key keeps its one group, and the groups come out in strcmp order */
	sp_breakdown *b = sp_breakdown_new(NULL, 0);
	sp_counters *ptr[500];
	for (int n = 0; n < 500; n++) {
		int i = (n * 7919) % 500; /* 7919 is prime: a permutation */
		char key[32];
		snprintf(key, sizeof key, "k%d", i);
		ptr[i] = sp_breakdown_group(b, key);
		ptr[i]->c[C_CASES] = (uint64_t)i + 1;
		if (n % 97 == 0)
			ck_assert_uint_eq(sp_breakdown_count(b), (size_t)n + 1);
		/* a key made earlier (the m-th) is found again, not made anew */
		int m = (n * 31) % (n + 1), j = (m * 7919) % 500;
		snprintf(key, sizeof key, "k%d", j);
		ck_assert_ptr_eq(sp_breakdown_group(b, key), ptr[j]);
	}
	ck_assert_uint_eq(sp_breakdown_count(b), 500);
	for (size_t g = 0; g < 500; g++) {
		int i = atoi(sp_breakdown_key(b, g) + 1);
		ck_assert_ptr_eq(sp_breakdown_counters(b, g), ptr[i]);
		ck_assert_uint_eq(sp_breakdown_counters(b, g)->c[C_CASES], (uint64_t)i + 1);
		if (g)
			ck_assert_int_lt(strcmp(sp_breakdown_key(b, g - 1), sp_breakdown_key(b, g)), 0);
	}
	for (int i = 0; i < 500; i++) {
		char key[32];
		snprintf(key, sizeof key, "k%d", i);
		ck_assert_ptr_eq(sp_breakdown_group(b, key), ptr[i]);
	}
	ck_assert_uint_eq(sp_breakdown_count(b), 500);
	sp_breakdown_free(b);
}
END_TEST

START_TEST(breakdown_merge)
{
	/* five cases counted in one breakdown by unit, or split 2 + 3 and merged: the same.
	 * The second part has a group the first lacks (tromso-fengsel). */
	parts cases[] = {
	    {0},
	    {.unit = OSLO_UNIT, .ip = "ip:\n  status: in_progress\n  coordinator: {name: Per Pettersen, appointed: 2026-09-20}\n"},
	    {.sentence = REMAND, .handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, confirmed: 2026-09-20}"},
	    {.unit = "{id: tromso-fengsel, name: Tromsø fengsel, type: prison}", .no_screening = true},
	    {.unit = OSLO_UNIT, .letters = "\n  - {id: L-1, template: x, recipient: nav-bodo, date: 2026-09-05, respond_by: 2026-09-20}"},
	};
	sp_dimension by_unit = SP_BY_UNIT;
	sp_breakdown *all = sp_breakdown_new(&by_unit, 1), *p1 = sp_breakdown_new(&by_unit, 1),
		     *p2 = sp_breakdown_new(&by_unit, 1), *empty = sp_breakdown_new(&by_unit, 1);
	for (int i = 0; i < 5; i++) {
		add_to(all, cases[i]);
		add_to(i < 2 ? p1 : p2, cases[i]);
	}
	ck_assert_str_eq(groups(p1), "bodo-fengsel:1 oslo-fengsel:1");
	sp_breakdown_merge(p1, p2);
	sp_breakdown_merge(p1, empty);
	ck_assert_str_eq(groups(p1), "bodo-fengsel:2 oslo-fengsel:2 tromso-fengsel:1");
	ck_assert_uint_eq(sp_breakdown_count(p1), sp_breakdown_count(all));
	for (size_t g = 0; g < sp_breakdown_count(all); g++) {
		ck_assert_str_eq(sp_breakdown_key(p1, g), sp_breakdown_key(all, g));
		ck_assert(memcmp(sp_breakdown_counters(p1, g), sp_breakdown_counters(all, g), sizeof(sp_counters)) == 0);
	}
	/* p2 is left as it was */
	ck_assert_str_eq(groups(p2), "bodo-fengsel:1 oslo-fengsel:1 tromso-fengsel:1");
	sp_breakdown_free(all);
	sp_breakdown_free(p1);
	sp_breakdown_free(p2);
	sp_breakdown_free(empty);
}
END_TEST

/* --- partials ------------------------------------------------------------------------------ */

/* The overall breakdown and one by unit. */
static void two_breakdowns(sp_breakdown **b)
{
	sp_dimension by_unit = SP_BY_UNIT;
	b[0] = sp_breakdown_new(NULL, 0);
	b[1] = sp_breakdown_new(&by_unit, 1);
}

/* Two cases into b[0..1]: the template with a coordinator at 19 days and a housing
 * handover confirmed after 15; an Oslo-unit remand case. */
static void two_cases(sp_breakdown **b)
{
	parts a = {.ip = "ip:\n  status: in_progress\n  coordinator: {name: Per Pettersen, appointed: 2026-09-20}\n",
		   .handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-09-10, confirmed: 2026-09-25}"};
	parts o = {.unit = OSLO_UNIT, .sentence = REMAND};
	for (int i = 0; i < 2; i++) {
		add_to(b[i], a);
		add_to(b[i], o);
	}
}

static void free_all(sp_breakdown **b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		sp_breakdown_free(b[i]);
}

START_TEST(partial_document)
{
	sp_breakdown *b[2];
	two_breakdowns(b);
	two_cases(b);
	json_t *p = sp_partial_json(b, 2, D(AS_OF), 14);
	ck_assert_int_eq(json_integer_value(json_object_get(p, "samplan")), 1);
	ck_assert_str_eq(json_string_value(json_object_get(p, "kind")), "indicators_partial");
	ck_assert_str_eq(json_string_value(json_object_get(p, "as_of")), AS_OF);
	ck_assert_int_eq(json_integer_value(json_object_get(p, "days")), 14);
	json_t *bds = json_object_get(p, "breakdowns");
	ck_assert_uint_eq(json_array_size(bds), 2);
	json_error_t err;
	json_t *by0 = json_loads("[]", 0, &err), *by1 = json_loads("[\"unit\"]", 0, &err);
	ck_assert(json_equal(json_object_get(json_array_get(bds, 0), "by"), by0));
	ck_assert(json_equal(json_object_get(json_array_get(bds, 1), "by"), by1));
	json_decref(by0);
	json_decref(by1);
	/* by unit: bodo-fengsel, then oslo-fengsel */
	json_t *gs = json_object_get(json_array_get(bds, 1), "groups");
	ck_assert_uint_eq(json_array_size(gs), 2);
	json_t *g0 = json_array_get(gs, 0);
	ck_assert_str_eq(json_string_value(json_object_get(g0, "key")), "bodo-fengsel");
	ck_assert_str_eq(json_string_value(json_object_get(json_array_get(gs, 1), "key")), "oslo-fengsel");
	/* every counter, by name, as an integer — zeros too */
	json_t *c = json_object_get(g0, "counters");
	ck_assert_uint_eq(json_object_size(c), C_COUNT);
	const sp_counters *k = sp_breakdown_counters(b[1], 0);
	for (int i = 0; i < C_COUNT; i++) {
		json_t *v = json_object_get(c, NAMES[i]);
		ck_assert_msg(json_is_integer(v), "%s", NAMES[i]);
		ck_assert_int_eq(json_integer_value(v), (json_int_t)k->c[i]);
	}
	ck_assert_int_eq(json_integer_value(json_object_get(c, "cases")), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(c, "confirmed_by_deadline")), 1);
	ck_assert_int_eq(json_integer_value(json_object_get(c, "letters_due")), 0);
	/* the histograms: only the days that occurred, as "day": count */
	json_t *expected = json_loads("{\"days_to_coordinator\": {\"19\": 1}, \"days_to_confirmation\": {\"15\": 1}}", 0, &err);
	ck_assert(json_equal(json_object_get(g0, "histograms"), expected));
	json_decref(expected);
	/* the oslo group has empty histograms, still there */
	expected = json_loads("{\"days_to_coordinator\": {}, \"days_to_confirmation\": {}}", 0, &err);
	ck_assert(json_equal(json_object_get(json_array_get(gs, 1), "histograms"), expected));
	json_decref(expected);
	/* the overall group: key "" with both cases */
	json_t *all = json_array_get(json_object_get(json_array_get(bds, 0), "groups"), 0);
	ck_assert_str_eq(json_string_value(json_object_get(all, "key")), "");
	ck_assert_int_eq(json_integer_value(json_object_get(json_object_get(all, "counters"), "cases")), 2);
	json_decref(p);
	/* another as_of and days are written as given */
	p = sp_partial_json(b, 1, D("2027-02-28"), 30);
	ck_assert_str_eq(json_string_value(json_object_get(p, "as_of")), "2027-02-28");
	ck_assert_int_eq(json_integer_value(json_object_get(p, "days")), 30);
	ck_assert_uint_eq(json_array_size(json_object_get(p, "breakdowns")), 1);
	json_decref(p);
	free_all(b, 2);
}
END_TEST

/* Counts that would pass what a partial can write (2^63 - 1), in one partial or summed
 * with those before it, in a counter or a histogram's total: the partial is refused and
 * adds nothing. */
START_TEST(partial_counts_that_overflow)
{
	sp_breakdown *b[2], *f[2];
	two_breakdowns(b);
	two_cases(b);
	json_t *p = sp_partial_json(b, 2, D(AS_OF), 14);
	json_t *big = json_deep_copy(p), *bins = json_deep_copy(p);
	json_t *g = json_array_get(json_object_get(json_array_get(json_object_get(big, "breakdowns"), 1), "groups"), 0);
	json_object_set_new(json_object_get(g, "counters"), "screened", json_integer(INT64_MAX));
	g = json_array_get(json_object_get(json_array_get(json_object_get(bins, "breakdowns"), 0), "groups"), 0);
	json_t *h = json_object_get(json_object_get(g, "histograms"), "days_to_coordinator");
	json_object_set_new(h, "3", json_integer(INT64_MAX));
	json_object_set_new(h, "003", json_integer(INT64_MAX)); /* the same bin */
	two_breakdowns(f);
	const char *why = NULL;
	ck_assert(sp_partial_add(f, 2, big, D(AS_OF), 14, &why)); /* alone it fits */
	json_t *before = sp_partial_json(f, 2, D(AS_OF), 14);
	ck_assert(!sp_partial_add(f, 2, big, D(AS_OF), 14, &why));
	ck_assert_ptr_nonnull(strstr(why, "pass 9223372036854775807"));
	ck_assert(!sp_partial_add(f, 2, bins, D(AS_OF), 14, &why));
	ck_assert_ptr_nonnull(strstr(why, "pass 9223372036854775807"));
	json_t *after = sp_partial_json(f, 2, D(AS_OF), 14);
	ck_assert(json_equal(before, after)); /* nothing added by either */
	/* the same bin twice in one partial passes it alone: nothing of it is added */
	free_all(f, 2);
	two_breakdowns(f);
	ck_assert(!sp_partial_add(f, 2, bins, D(AS_OF), 14, &why));
	ck_assert_uint_eq(sp_breakdown_count(f[0]) + sp_breakdown_count(f[1]), 0);
	json_decref(before);
	json_decref(after);
	json_decref(big);
	json_decref(bins);
	json_decref(p);
	free_all(b, 2);
	free_all(f, 2);
}
END_TEST

START_TEST(partial_round_trip)
{
	sp_breakdown *b[2], *f[2];
	two_breakdowns(b);
	two_cases(b);
	json_t *p = sp_partial_json(b, 2, D(AS_OF), 14);
	/* into fresh breakdowns: exactly the counters (and the same document again) */
	two_breakdowns(f);
	const char *why = NULL;
	ck_assert(sp_partial_add(f, 2, p, D(AS_OF), 14, &why));
	json_t *q = sp_partial_json(f, 2, D(AS_OF), 14);
	ck_assert(json_equal(p, q));
	json_decref(q);
	for (int i = 0; i < 2; i++) {
		ck_assert_uint_eq(sp_breakdown_count(f[i]), sp_breakdown_count(b[i]));
		for (size_t g = 0; g < sp_breakdown_count(b[i]); g++) {
			ck_assert_str_eq(sp_breakdown_key(f[i], g), sp_breakdown_key(b[i], g));
			ck_assert(memcmp(sp_breakdown_counters(f[i], g), sp_breakdown_counters(b[i], g),
					 sizeof(sp_counters)) == 0);
		}
	}
	/* through text, as samplan-indicators --combine reads it (JSON and YAML alike) */
	char *text = json_dumps(p, JSON_COMPACT);
	sp_doc *d = parse_ok(text);
	free(text);
	free_all(f, 2);
	two_breakdowns(f);
	ck_assert(sp_partial_add(f, 2, d->root, D(AS_OF), 14, &why));
	q = sp_partial_json(f, 2, D(AS_OF), 14);
	ck_assert(json_equal(p, q));
	json_decref(q);
	/* added twice: twice every counter and bin */
	ck_assert(sp_partial_add(f, 2, d->root, D(AS_OF), 14, &why));
	expect(sp_breakdown_counters(f[1], 0),
	       BASE " cases=2 started=2 screened=2 caseload_screened=2 screened_timely=2 risk_areas_2=2"
		    " ip_indicated=2 ip_indicated_with_release=2"
		    " needs=4 needs_with_consent=4 needs_with_release=4"
		    " ip_requested=2 coordinator_appointed=2 confirmed_by_deadline=2"
		    " days_to_coordinator[19]=2 days_to_confirmation[15]=2");
	sp_doc_free(d);
	/* only some of the partial's breakdowns asked for: the others are passed over */
	sp_breakdown *u[1];
	sp_dimension by_unit = SP_BY_UNIT;
	u[0] = sp_breakdown_new(&by_unit, 1);
	ck_assert(sp_partial_add(u, 1, p, D(AS_OF), 14, &why));
	ck_assert_str_eq(groups(u[0]), "bodo-fengsel:1 oslo-fengsel:1");
	/* none asked for: nothing to do, and fine */
	ck_assert(sp_partial_add(u, 0, p, D(AS_OF), 14, &why));
	sp_breakdown_free(u[0]);
	json_decref(p);
	free_all(b, 2);
	free_all(f, 2);
}
END_TEST

/* Add q into fresh breakdowns (the overall and by `dims`) and expect a refusal whose
 * reason holds `reason`; the breakdowns are left as they were (empty). */
static void refused_at(const json_t *q, const sp_dimension *dims, size_t ndims, const char *as_of,
		       int d, const char *reason, int line)
{
	sp_breakdown *f[2] = {sp_breakdown_new(NULL, 0), sp_breakdown_new(dims, ndims)};
	const char *why = NULL;
	ck_assert_msg(!sp_partial_add(f, 2, q, D(as_of), d, &why), "line %d: accepted", line);
	ck_assert_msg(why && *why, "line %d: no reason", line);
	ck_assert_msg(strstr(why, reason), "line %d: reason \"%s\" lacks \"%s\"", line, why, reason);
	/* nothing of a refused partial is counted */
	ck_assert_msg(sp_breakdown_count(f[0]) == 0 && sp_breakdown_count(f[1]) == 0,
		      "line %d: a refused partial was partly added", line);
	free_all(f, 2);
}

#define refused(q, reason) refused_at((q), &by_unit, 1, AS_OF, 14, (reason), __LINE__)

START_TEST(partial_refused)
{
	sp_dimension by_unit = SP_BY_UNIT;
	sp_breakdown *b[2];
	two_breakdowns(b);
	two_cases(b);
	json_t *p = sp_partial_json(b, 2, D(AS_OF), 14);
	free_all(b, 2);
#define GROUP0(q) json_array_get(json_object_get(json_array_get(json_object_get((q), "breakdowns"), 1), "groups"), 0)
#define LAST_GROUP(q) json_array_get(json_object_get(json_array_get(json_object_get((q), "breakdowns"), 1), "groups"), 1)

	/* another --as-of or --days */
	refused_at(p, &by_unit, 1, "2026-10-02", 14, "--as-of", __LINE__);
	refused_at(p, &by_unit, 1, "2026-09-30", 14, "--as-of", __LINE__);
	refused_at(p, &by_unit, 1, AS_OF, 15, "--days", __LINE__);
	refused_at(p, &by_unit, 1, AS_OF, 0, "--days", __LINE__);
	json_t *q = json_deep_copy(p);
	json_object_del(q, "as_of");
	refused(q, "--as-of");
	json_object_set_new(q, "as_of", json_string("2026-13-01"));
	refused(q, "--as-of");
	json_decref(q);
	q = json_deep_copy(p);
	json_object_set_new(q, "days", json_string("14"));
	refused(q, "--days");
	json_object_del(q, "days"); /* missing: not "0 days" either */
	refused_at(q, &by_unit, 1, AS_OF, 0, "--days", __LINE__);
	refused(q, "--days");
	json_decref(q);

	/* a breakdown asked for that the partial lacks (the overall one is there: nothing of
	 * it may be added either) */
	sp_dimension by_type = SP_BY_SENTENCE_TYPE, crossed[] = {SP_BY_UNIT, SP_BY_SENTENCE_TYPE},
		     swapped[] = {SP_BY_SENTENCE_TYPE, SP_BY_UNIT};
	refused_at(p, &by_type, 1, AS_OF, 14, "--by", __LINE__);
	refused_at(p, crossed, 2, AS_OF, 14, "--by", __LINE__);
	q = json_deep_copy(p);
	json_array_set_new(json_object_get(json_array_get(json_object_get(q, "breakdowns"), 1), "by"), 0,
			   json_string("sentence_type"));
	json_array_append_new(json_object_get(json_array_get(json_object_get(q, "breakdowns"), 1), "by"),
			      json_string("unit"));
	refused(q, "--by"); /* [sentence_type, unit] is not [unit] … */
	refused_at(q, crossed, 2, AS_OF, 14, "--by", __LINE__); /* … nor [unit, sentence_type] */
	sp_breakdown *sw[1] = {sp_breakdown_new(swapped, 2)};
	const char *why = NULL;
	ck_assert(sp_partial_add(sw, 1, q, D(AS_OF), 14, &why)); /* but it is [sentence_type, unit] */
	sp_breakdown_free(sw[0]);
	json_object_del(q, "breakdowns");
	refused(q, "--by");
	json_decref(q);

	/* a counter negative, missing, or not an integer — in the last group, so that a
	 * partial addition would show */
	static const char *const bad_counters[] = {"-1", "missing", "\"1\"", "1.0", "null"};
	for (int i = 0; i < 5; i++) {
		q = json_deep_copy(p);
		json_t *c = json_object_get(LAST_GROUP(q), "counters");
		if (strcmp(bad_counters[i], "missing") == 0)
			json_object_del(c, "needs");
		else
			json_object_set_new(c, "needs", json_loads(bad_counters[i], JSON_DECODE_ANY, NULL));
		refused(q, "counters");
		json_decref(q);
	}
	q = json_deep_copy(p);
	json_object_del(LAST_GROUP(q), "counters");
	refused(q, "counters");
	json_decref(q);

	/* a histogram bin negative, not an integer, or not a day 0 … 731 */
	static const char *const bad_bins[][2] = {
	    {"19", "-1"}, {"19", "\"1\""}, {"732", "1"}, {"-1", "1"}, {"x", "1"}, {"", "1"},
	    {"1x", "1"}, {" 5", "1"}, {"99999999999999999999", "1"},
	};
	for (size_t i = 0; i < sizeof bad_bins / sizeof *bad_bins; i++) {
		q = json_deep_copy(p);
		json_t *h = json_object_get(json_object_get(GROUP0(q), "histograms"), "days_to_coordinator");
		json_object_set_new(h, bad_bins[i][0], json_loads(bad_bins[i][1], JSON_DECODE_ANY, NULL));
		refused_at(q, &by_unit, 1, AS_OF, 14, "counters", __LINE__ * 1000 + (int)i);
		json_decref(q);
	}
	/* the last day (the bin of more) is a day */
	q = json_deep_copy(p);
	json_object_set_new(json_object_get(json_object_get(GROUP0(q), "histograms"), "days_to_coordinator"),
			    "731", json_integer(4));
	sp_breakdown *f[2];
	two_breakdowns(f);
	ck_assert(sp_partial_add(f, 2, q, D(AS_OF), 14, &why));
	ck_assert_uint_eq(sp_breakdown_counters(f[1], 0)->h[H_DAYS_TO_COORDINATOR][SP_HIST_DAYS], 4);
	free_all(f, 2);
	json_decref(q);
	/* histograms missing, or one of them not a mapping */
	q = json_deep_copy(p);
	json_object_del(GROUP0(q), "histograms");
	refused(q, "counters");
	json_decref(q);
	q = json_deep_copy(p);
	json_object_set_new(json_object_get(GROUP0(q), "histograms"), "days_to_confirmation", json_array());
	refused(q, "counters");
	json_object_del(json_object_get(GROUP0(q), "histograms"), "days_to_confirmation");
	refused(q, "counters");
	json_decref(q);
	/* a breakdown without its groups (an empty list is fine: a part with no cases) */
	q = json_deep_copy(p);
	json_object_del(json_array_get(json_object_get(q, "breakdowns"), 1), "groups");
	refused(q, "counters");
	json_decref(q);
	/* a group without a key, or with a key that is not text */
	q = json_deep_copy(p);
	json_object_del(LAST_GROUP(q), "key");
	refused(q, "");
	json_object_set_new(LAST_GROUP(q), "key", json_integer(3));
	refused(q, "");
	json_decref(q);

	/* not a partial: another kind, no kind, a case, not a mapping */
	static const char *const kinds[] = {"indicators", "case", "handover_report", "Indicators_partial"};
	for (int i = 0; i < 4; i++) {
		q = json_deep_copy(p);
		json_object_set_new(q, "kind", json_string(kinds[i]));
		refused(q, "kind: indicators_partial");
		json_decref(q);
	}
	q = json_deep_copy(p);
	json_object_del(q, "kind");
	refused(q, "kind: indicators_partial");
	json_decref(q);
	refused(make_case((parts){0}), "kind: indicators_partial");
	q = json_array();
	refused(q, "kind: indicators_partial");
	json_decref(q);

	/* and the partial itself is fine */
	two_breakdowns(f);
	ck_assert(sp_partial_add(f, 2, p, D(AS_OF), 14, &why));
	free_all(f, 2);
	json_decref(p);
#undef GROUP0
#undef LAST_GROUP
}
END_TEST

/* --- generated cases: any split combines to the whole -------------------------------------- */

static uint64_t rng;

static uint64_t rnd64(void)
{
	uint64_t z = (rng += 0x9e3779b97f4a7c15ull); /* splitmix64 */
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static int rnd(int n) { return (int)(rnd64() % (uint64_t)n); }

/* A date as text; 16 buffers in turn. */
static const char *ds(sp_date d)
{
	static char buf[16][SP_DATE_BUFSIZE];
	static int i;
	i = (i + 1) % 16;
	return sp_date_format(d, buf[i]);
}

/* A random valid case: any unit, home, sentence type and length (with and without a
 * release date), consents that hold or were withdrawn, a screening (or none) with 0–8
 * needs, an IP process, a coordinator (some appointed before the start, some more than two
 * years after), a responsibility group with meetings before and after release, letters
 * with and without respond_by and responses, handovers confirmed, declined or open, and
 * for some cases every need handed over.
 *
 * Written as it stood at the end of day `cut` (SP_DATE_LAST: as it is), by the rules of
 * samplan-indicators(1), "Replay", applied here to the text and not by the code under
 * test: what is dated after the cut is not written (a screening, a consent given, a
 * withdrawal, ip.requested — and then a status requested, in_progress or established is
 * none —, a coordinator appointed, a group established, a meeting, a letter, a response,
 * a handover requested, a confirmation with its start, a refusal). The same id draws the
 * same case whatever the cut. */
static void gen_case_at(char *t, size_t cap, int id, sp_date cut)
{
	static const char *const homes[] = {"{number: \"1804\", name: Bodø}",
					    "{number: \"0301\", name: Oslo}",
					    "{number: \"5001\", name: Trondheim}"};
	static const char *const kommune[] = {"kommune-1804", "kommune-0301", "kommune-5001"};
	static const char *const units[] = {UNIT, OSLO_UNIT,
					    "{id: salten-friomsorg, name: Salten friomsorgskontor, type: probation_office}"};
	static const char *const types[] = {"prison", "community_sentence", "electronic_monitoring",
					    "preventive_detention", "remand"};
	static const char *const statuses[] = {"none", "requested", "refused_by_person", "in_progress",
					       "established"};
	static const char *const outcomes[] = {"granted", "refused", "partial", "acknowledged"};
	static const char *const to[] = {"kommune-1804", "nav-bodo", "dps-salten", "kommune-0301", "nav-oslo"};
	t[0] = '\0';
	int home = rnd(3);
	sp_date start = D("2025-06-01") + rnd(700);
	put(t, cap, "samplan: 1\nkind: case\nid: G-%d\nperson:\n  name: Person %d\n  home_municipality: %s\n",
	    id, id, homes[home]);
	put(t, cap, "unit: %s\n", units[rnd(3)]);
	const char *type = types[rnd(5)];
	int len;
	switch (rnd(5)) {
	case 0: len = rnd(90); break;
	case 1: len = 85 + rnd(10); break;
	case 2: len = 90 + rnd(280); break;
	case 3: len = 360 + rnd(10); break;
	default: len = 370 + rnd(700); break;
	}
	bool rel = strcmp(type, "remand") != 0 || rnd(2);
	put(t, cap, "sentence:\n  type: %s\n  start: %s\n", type, ds(start));
	if (rel)
		put(t, cap, "  release: %s\n", ds(start + len));
	int sup = rnd(3);
	if (sup)
		put(t, cap, "  supervision_after_release: %s\n", sup == 1 ? "true" : "false");
	bool c1 = rnd(10) < 7, c2 = rnd(2), c3 = rnd(5) == 0;
	sp_date g1 = start + rnd(10), g2 = start + rnd(10), g3 = start + rnd(10);
	sp_date w3 = g3 + rnd(60);
	c1 &= g1 <= cut;
	c2 &= g2 <= cut;
	c3 &= g3 <= cut;
	if (c1 || c2 || c3) {
		put(t, cap, "consents:\n");
		if (c1)
			put(t, cap, "  - {recipient: %s, domains: [all], given: %s}\n", kommune[home], ds(g1));
		if (c2)
			put(t, cap, "  - {recipient: nav-bodo, domains: [finances, work_education], given: %s}\n",
			    ds(g2));
		if (c3) {
			put(t, cap, "  - {recipient: kommune-1804, domains: [housing, family], given: %s", ds(g3));
			if (w3 <= cut)
				put(t, cap, ", withdrawn: %s", ds(w3));
			put(t, cap, "}\n");
		}
	}
	unsigned needs = 0;
	if (rnd(100) < 85) {
		sp_date sd = start - 30 + rnd(60);
		const char *follow = rnd(5) ? "true" : "false";
		char rows[2048] = "";
		int level = rnd(9); /* each domain a need with chance level/8: 0 … 8 needs */
		for (int d = 0; d < SP_DOMAIN_COUNT; d++) {
			const char *past = rnd(2) ? "true" : "false";
			if (rnd(8) < level) {
				put(rows, sizeof rows, "    %s: {past: %s, current: true, contact: null, needs: %s}\n", domains[d],
				    past, rnd(3) ? "[]" : "[assessment, measures]");
				needs |= 1u << d;
			} else if (rnd(3) == 0) {
				put(rows, sizeof rows, "    %s: {past: %s, current: true, contact: Fastlege Berg, needs: []}\n",
				    domains[d], past);
			} else {
				put(rows, sizeof rows, "    %s: {past: %s, current: false, contact: null, needs: []}\n", domains[d], past);
			}
		}
		if (sd <= cut)
			put(t, cap, "screening:\n  date: %s\n  wants_follow_up: %s\n  domains:\n%s", ds(sd), follow, rows);
	}
	if (rnd(4)) {
		put(t, cap, "ip:\n");
		int st = rnd(6) ? rnd(5) : -1;
		sp_date rq = start + rnd(30);
		bool has_rq = rnd(2), asked_later = has_rq && rq > cut;
		if (st >= 0)
			put(t, cap, "  status: %s\n",
			    asked_later && (st == 1 || st == 3 || st == 4) ? "none" : statuses[st]);
		if (has_rq && !asked_later)
			put(t, cap, "  requested: %s\n", ds(rq));
		int co = rnd(4);
		if (co) {
			sp_date a = rnd(4) == 0 ? start + 720 + rnd(40) : start - 20 + rnd(80);
			if (a <= cut)
				put(t, cap, "  coordinator: {name: %s, agency: %s, appointed: %s}\n",
				    co == 3 ? "null" : "Per Pettersen", kommune[home], ds(a));
		}
	}
	if (rnd(2)) {
		bool est = rnd(10) < 8;
		sp_date e = start + rnd(60);
		int nm = rnd(4);
		sp_date m[4];
		int kept = 0;
		for (int i = 0; i < nm; i++) {
			m[i] = start + rnd((rel ? len : 200) + 60);
			kept += m[i] <= cut;
		}
		if (!est || e <= cut) {
			put(t, cap, "responsibility_group:\n");
			if (est)
				put(t, cap, "  established: %s\n", ds(e));
			if (kept)
				put(t, cap, "  meetings:\n");
			for (int i = 0; i < nm; i++)
				if (m[i] <= cut)
					put(t, cap, "    - {date: %s}\n", ds(m[i]));
		}
	}
	int nl = rnd(4);
	char list[4096] = "";
	for (int i = 0; i < nl; i++) {
		sp_date d = start + rnd(120);
		const char *rcp = rnd(6) ? to[rnd(5)] : "person";
		sp_date rb = d + rnd(30);
		bool has_rb = rnd(10) < 7, has_resp = rnd(10) < 6;
		sp_date rd = rnd(2) ? rb - 3 + rnd(7) : d + rnd(45);
		const char *outcome = outcomes[rnd(4)];
		if (d > cut)
			continue;
		put(list, sizeof list, "  - {id: L-%d, template: ip-request, recipient: %s, date: %s", i, rcp, ds(d));
		if (has_rb)
			put(list, sizeof list, ", respond_by: %s", ds(rb));
		if (has_resp && rd <= cut)
			put(list, sizeof list, ", response: {date: %s, outcome: %s}", ds(rd), outcome);
		put(list, sizeof list, "}\n");
	}
	if (*list)
		put(t, cap, "letters:\n%s", list);
	int nh = rnd(4);
	list[0] = '\0';
	for (int i = 0; i < nh; i++) {
		sp_date rq = start + rnd(150);
		const char *dom = domains[rnd(8)], *rcp = to[rnd(5)];
		int r = rnd(10);
		sp_date conf = rq + (rnd(15) ? rnd(90) : 700 + rnd(100));
		bool starts = rnd(2); /* follow-up from some day after the confirmation */
		sp_date from = conf + rnd(120), decl = rq + rnd(40);
		if (rq > cut)
			continue;
		put(list, sizeof list, "  - {domain: %s, to: %s, requested: %s", dom, rcp, ds(rq));
		if (r < 5 && conf <= cut) {
			put(list, sizeof list, ", confirmed: %s", ds(conf));
			if (starts)
				put(list, sizeof list, ", starts: %s", ds(from));
		} else if (r >= 5 && r < 7 && decl <= cut) {
			put(list, sizeof list, ", declined: %s", ds(decl));
		}
		put(list, sizeof list, "}\n");
	}
	/* every need handed over: confirmed 10 days after the start, some follow-up on the
	 * release day, some later (in place or not, by the rules' 7 days) */
	bool all = rnd(4) == 0;
	for (int d = 0; all && d < SP_DOMAIN_COUNT; d++) {
		int late = rnd(3) ? 0 : 30;
		if (!(needs & (1u << d)) || start + 5 > cut)
			continue;
		put(list, sizeof list, "  - {domain: %s, to: nav-bodo, requested: %s", domains[d], ds(start + 5));
		if (start + 10 <= cut)
			put(list, sizeof list, ", confirmed: %s, starts: %s", ds(start + 10),
			    ds(start + 10 + (rel ? len - 10 + late : 0)));
		put(list, sizeof list, "}\n");
	}
	if (*list)
		put(t, cap, "handovers:\n%s", list);
}

static void gen_case(char *t, size_t cap, int id) { gen_case_at(t, cap, id, SP_DATE_LAST); }

/* The breakdowns of the property: overall, each dimension alone, two crossings. */
static const struct {
	size_t n;
	sp_dimension d[3];
} BYS[] = {
    {0, {SP_BY_UNIT}},
    {1, {SP_BY_UNIT}},
    {1, {SP_BY_SENTENCE_LENGTH}},
    {1, {SP_BY_RISK_AREAS}},
    {1, {SP_BY_SENTENCE_TYPE}},
    {1, {SP_BY_MUNICIPALITY}},
    {1, {SP_BY_SUPERVISION}},
    {1, {SP_BY_RELEASE_MONTH}},
    {2, {SP_BY_UNIT, SP_BY_SENTENCE_LENGTH}},
    {3, {SP_BY_RISK_AREAS, SP_BY_MUNICIPALITY, SP_BY_RELEASE_MONTH}},
};
#define NB (sizeof BYS / sizeof *BYS)
#define NCASES 400
#define GEN_AS_OF "2026-06-01"
#define GEN_DAYS 21

static void new_set(sp_breakdown **b)
{
	for (size_t i = 0; i < NB; i++)
		b[i] = sp_breakdown_new(BYS[i].d, BYS[i].n);
}

/* b and c hold the same groups with the same counters and histograms */
static void same_set(sp_breakdown **b, sp_breakdown **c, int split)
{
	for (size_t i = 0; i < NB; i++) {
		ck_assert_msg(sp_breakdown_count(b[i]) == sp_breakdown_count(c[i]), "split %d, breakdown %zu", split, i);
		for (size_t g = 0; g < sp_breakdown_count(b[i]); g++) {
			ck_assert_str_eq(sp_breakdown_key(b[i], g), sp_breakdown_key(c[i], g));
			ck_assert_msg(memcmp(sp_breakdown_counters(b[i], g), sp_breakdown_counters(c[i], g),
					     sizeof(sp_counters)) == 0,
				      "split %d, breakdown %zu, group %zu", split, i, g);
		}
	}
}

START_TEST(partials_of_any_split_combine_to_the_whole)
{
	rng = 20260901;
	sp_date as_of = D(GEN_AS_OF);
	sp_doc **docs = calloc(NCASES, sizeof *docs);
	sp_handover_check *hs = calloc(NCASES, sizeof *hs);
	sp_case_keys *keys = calloc(NCASES, sizeof *keys);
	sp_case_counts *counts = calloc(NCASES, sizeof *counts);
	char *text = malloc(16384);
	for (int i = 0; i < NCASES; i++) {
		gen_case(text, 16384, i);
		docs[i] = valid_case(text);
		sp_check_handovers(docs[i]->root, rules, reg, as_of, GEN_DAYS, &hs[i]);
		/* the parts count through keys and counts computed once (as samplan-indicators
		 * does), the whole through sp_breakdown_add */
		sp_case_keys_get(docs[i]->root, &hs[i], &keys[i]);
		sp_case_counts_get(docs[i]->root, &hs[i], as_of, &counts[i]);
	}
	free(text);
	sp_breakdown *whole[NB];
	new_set(whole);
	for (int i = 0; i < NCASES; i++)
		for (size_t j = 0; j < NB; j++)
			sp_breakdown_add(whole[j], docs[i]->root, &hs[i], as_of);
	json_t *pw = sp_partial_json(whole, NB, as_of, GEN_DAYS);

	/* the cases are of varied shape: every counter, both histograms and their last bins
	 * are used, every breakdown has several groups, every risk-areas bucket occurs */
	const sp_counters *all = sp_breakdown_counters(whole[0], 0);
	ck_assert_uint_eq(sp_breakdown_count(whole[0]), 1);
	ck_assert_uint_eq(all->c[C_CASES], NCASES);
	for (int i = 0; i < C_COUNT; i++)
		ck_assert_msg(all->c[i] > 0 && (i == C_CASES || all->c[i] < NCASES * 8), "%s: %" PRIu64, NAMES[i], all->c[i]);
	for (int h = 0; h < H_COUNT; h++) {
		ck_assert_msg(all->h[h][SP_HIST_DAYS] > 0, "%s: no last bin", HNAMES[h]);
		uint64_t n = 0;
		for (int d = 0; d < SP_HIST_DAYS; d++)
			n += all->h[h][d] > 0;
		ck_assert_msg(n >= 10, "%s: %" PRIu64 " days", HNAMES[h], n);
	}
	for (size_t j = 1; j < NB; j++)
		ck_assert_msg(sp_breakdown_count(whole[j]) >= 2, "breakdown %zu", j);
	ck_assert_uint_eq(sp_breakdown_count(whole[3]), 5);      /* 0, 1-2, 3-4, 5+, not screened */
	ck_assert_uint_eq(sp_breakdown_count(whole[2]), 4);      /* the three lengths, no release date */
	ck_assert_uint_eq(sp_breakdown_count(whole[4]), 5);      /* all sentence types */

	/* invariants of the whole, in every group of every breakdown: each indicator's
	 * numerator within its denominator; the risk areas add up to the screened cases; the
	 * histograms hold no more than the counts behind them; the groups of a breakdown add
	 * up to the overall counters */
	size_t nind;
	const sp_indicator *ind = sp_indicators(&nind);
	for (size_t j = 0; j < NB; j++) {
		sp_counters *sum = calloc(1, sizeof *sum);
		for (size_t g = 0; g < sp_breakdown_count(whole[j]); g++) {
			const sp_counters *k = sp_breakdown_counters(whole[j], g);
			for (size_t i = 0; i < nind; i++)
				if (ind[i].den >= 0)
					ck_assert_msg(k->c[ind[i].num] <= k->c[ind[i].den], "%s in group %zu of %zu",
						      ind[i].name, g, j);
			uint64_t risk = 0, hc = 0, hf = 0;
			for (int r = 0; r <= 8; r++)
				risk += k->c[C_RISK0 + r];
			ck_assert_uint_eq(risk, k->c[C_SCREENED]);
			for (int d = 0; d <= SP_HIST_DAYS; d++) {
				hc += k->h[H_DAYS_TO_COORDINATOR][d];
				hf += k->h[H_DAYS_TO_CONFIRMATION][d];
			}
			ck_assert_uint_le(hc, k->c[C_COORDINATOR]);
			ck_assert_uint_le(hf, k->c[C_NEEDS]);
			ck_assert_uint_le(k->c[C_CONFIRMED_BY_DEADLINE], k->c[C_NEEDS_WITH_RELEASE]);
			ck_assert_uint_le(k->c[C_NEEDS_RELEASED], k->c[C_NEEDS_WITH_RELEASE]);
			ck_assert_uint_le(k->c[C_IP_WITH_RELEASE], k->c[C_IP]);
			ck_assert_uint_le(k->c[C_NEEDS], 8 * k->c[C_SCREENED]);
			sp_counters_merge(sum, k);
		}
		ck_assert_msg(memcmp(sum, all, sizeof *sum) == 0, "breakdown %zu does not add up", j);
		free(sum);
	}

	/* 20 splits into 1–5 parts (the first the whole in one part, the second with an empty
	 * part): each part's partial through JSON text into fresh breakdowns, and each part's
	 * breakdowns merged, give exactly the whole */
	int *part = calloc(NCASES, sizeof *part);
	for (int s = 0; s < 20; s++) {
		int np = s == 0 ? 1 : s == 1 ? 5 : 1 + rnd(5);
		for (int i = 0; i < NCASES; i++)
			part[i] = s == 1 ? rnd(4) : rnd(np);
		sp_breakdown *combined[NB], *merged[NB];
		new_set(combined);
		new_set(merged);
		for (int p = 0; p < np; p++) {
			sp_breakdown *b[NB];
			new_set(b);
			for (int i = 0; i < NCASES; i++)
				if (part[i] == p)
					for (size_t j = 0; j < NB; j++)
						sp_breakdown_add_counts(b[j], &keys[i], &counts[i]);
			json_t *pj = sp_partial_json(b, NB, as_of, GEN_DAYS);
			char *pt = json_dumps(pj, JSON_COMPACT);
			json_decref(pj);
			sp_doc *pd = parse_ok(pt);
			free(pt);
			const char *why = NULL;
			ck_assert_msg(sp_partial_add(combined, NB, pd->root, as_of, GEN_DAYS, &why), "split %d part %d: %s",
				      s, p, why ? why : "");
			sp_doc_free(pd);
			for (size_t j = 0; j < NB; j++)
				sp_breakdown_merge(merged[j], b[j]);
			free_all(b, NB);
		}
		json_t *pc = sp_partial_json(combined, NB, as_of, GEN_DAYS);
		json_t *pm = sp_partial_json(merged, NB, as_of, GEN_DAYS);
		ck_assert_msg(json_equal(pc, pw), "split %d into %d: the partials combine to another whole", s, np);
		ck_assert_msg(json_equal(pm, pw), "split %d into %d: the merged breakdowns differ", s, np);
		json_decref(pc);
		json_decref(pm);
		same_set(combined, whole, s);
		same_set(merged, whole, s);
		free_all(combined, NB);
		free_all(merged, NB);
	}
	free(part);
	json_decref(pw);
	free_all(whole, NB);
	for (int i = 0; i < NCASES; i++)
		sp_doc_free(docs[i]);
	free(docs);
	free(hs);
	free(keys);
	free(counts);
}
END_TEST

/* --- the indicators ----------------------------------------------------------------------- */

/* The counters of the generated cases as of day d, as partial documents: each case drawn
 * as it is and replayed on d by sp_case_as_of() (replay), or drawn as it stood on d by
 * the generator itself (cut), a case that starts after d left out. */
static json_t *generated_as_of(sp_date d, bool replay)
{
	sp_breakdown *b[NB];
	new_set(b);
	char *text = malloc(16384);
	rng = 20261122;
	for (int i = 0; i < NCASES; i++) {
		gen_case_at(text, 16384, i, replay ? SP_DATE_LAST : d);
		sp_doc *doc = valid_case(text);
		sp_case_info info;
		ck_assert(sp_case_info_get(doc->root, &info));
		json_t *c = replay ? sp_case_as_of(doc->root, d)
				   : info.start <= d ? json_incref(doc->root) : NULL;
		if (c) {
			sp_handover_check h;
			sp_check_handovers(c, rules, reg, d, GEN_DAYS, &h);
			for (size_t j = 0; j < NB; j++)
				sp_breakdown_add(b[j], c, &h, d);
		}
		json_decref(c);
		sp_doc_free(doc);
	}
	free(text);
	json_t *p = sp_partial_json(b, NB, d, GEN_DAYS);
	for (size_t j = 0; j < NB; j++)
		sp_breakdown_free(b[j]);
	return p;
}

START_TEST(as_of_replays_the_dated_events)
{
	/* for any day, the indicators of the cases replayed on it are those of the cases
	 * with every event after it cut out (the cutting in gen_case_at, not in the code
	 * under test); and they are not those of the cases uncut, which count events later
	 * than the day */
	static const char *const days_[] = {"2025-05-31", "2025-06-01", "2025-09-15", "2026-01-01",
					    "2026-06-01", "2026-12-31", "2027-06-01", "2029-01-01"};
	for (size_t i = 0; i < sizeof days_ / sizeof *days_; i++) {
		sp_date d = D(days_[i]);
		json_t *replayed = generated_as_of(d, true), *cut = generated_as_of(d, false);
		char *a = json_dumps(replayed, JSON_COMPACT), *b = json_dumps(cut, JSON_COMPACT);
		ck_assert_msg(json_equal(replayed, cut), "as of %s:\n replayed %.600s\n cut      %.600s",
			      days_[i], a, b);
		free(a);
		free(b);
		json_decref(replayed);
		json_decref(cut);
	}
	/* the test can tell: uncut cases as of 2026-01-01 count later events */
	sp_date d = D("2026-01-01");
	sp_breakdown *b[NB];
	new_set(b);
	char *text = malloc(16384);
	rng = 20261122;
	for (int i = 0; i < NCASES; i++) {
		gen_case_at(text, 16384, i, SP_DATE_LAST);
		sp_doc *doc = valid_case(text);
		sp_case_info info;
		sp_case_info_get(doc->root, &info);
		if (info.start <= d) {
			sp_handover_check h;
			sp_check_handovers(doc->root, rules, reg, d, GEN_DAYS, &h);
			for (size_t j = 0; j < NB; j++)
				sp_breakdown_add(b[j], doc->root, &h, d);
		}
		sp_doc_free(doc);
	}
	free(text);
	json_t *uncut = sp_partial_json(b, NB, d, GEN_DAYS), *cut = generated_as_of(d, false);
	ck_assert(!json_equal(uncut, cut));
	json_decref(uncut);
	json_decref(cut);
	for (size_t j = 0; j < NB; j++)
		sp_breakdown_free(b[j]);
}
END_TEST

START_TEST(indicator_list)
{
	size_t n;
	const sp_indicator *ind = sp_indicators(&n);
	ck_assert_uint_ge(n, 20);
	/* the headline first, in every output (issue: "first in every output") */
	ck_assert_str_eq(ind[0].name, "released_every_need_handed_over");
	ck_assert_str_eq(ind[1].name, "released_every_need_in_place");
	/* stock or flow: the release, intake, letter and median indicators are flows */
	static const char *const flows[] = {
	    "released_every_need_handed_over", "released_every_need_in_place",
	    "handover_confirmed_by_release", "follow_up_in_place_by_release", "screened",
	    "screened_timely", "risk_areas_3", "median_days_to_coordinator",
	    "median_days_to_confirmation", "letters_answered_in_time"};
	static const char *const stocks[] = {"ip_indicated", "coordinator_appointed", "group_established",
					     "handover_confirmed_by_deadline", "needs_with_consent"};
	for (size_t i = 0; i < n; i++) {
		for (size_t f = 0; f < sizeof flows / sizeof *flows; f++)
			ck_assert_msg(strcmp(ind[i].name, flows[f]) != 0 || ind[i].flow, "%s", ind[i].name);
		for (size_t f = 0; f < sizeof stocks / sizeof *stocks; f++)
			ck_assert_msg(strcmp(ind[i].name, stocks[f]) != 0 || !ind[i].flow, "%s", ind[i].name);
	}
	int medians = 0;
	bool hist_used[H_COUNT] = {0};
	for (size_t i = 0; i < n; i++) {
		ck_assert_ptr_nonnull(ind[i].name);
		ck_assert_ptr_nonnull(ind[i].text);
		ck_assert_uint_gt(strlen(ind[i].name), 0);
		ck_assert_uint_gt(strlen(ind[i].text), 0);
		for (size_t j = 0; j < i; j++)
			ck_assert_msg(strcmp(ind[i].name, ind[j].name) != 0, "%s twice", ind[i].name);
		if (ind[i].den < 0) {
			/* a median: of a histogram, named so */
			medians++;
			ck_assert_int_ge(ind[i].hist, 0);
			ck_assert_int_lt(ind[i].hist, H_COUNT);
			hist_used[ind[i].hist] = true;
			ck_assert_msg(strncmp(ind[i].name, "median_", 7) == 0, "%s", ind[i].name);
		} else {
			/* a share: two different counters */
			ck_assert_int_ge(ind[i].num, 0);
			ck_assert_int_lt(ind[i].num, C_COUNT);
			ck_assert_int_lt(ind[i].den, C_COUNT);
			ck_assert_int_ne(ind[i].num, ind[i].den);
			ck_assert_msg(strncmp(ind[i].name, "median_", 7) != 0, "%s", ind[i].name);
		}
	}
	ck_assert_int_eq(medians, H_COUNT);
	for (int h = 0; h < H_COUNT; h++)
		ck_assert(hist_used[h]);

	/* each indicator over the right denominator */
	static const struct {
		const char *name;
		int num, den, hist;
	} want[] = {
	    {"released_every_need_handed_over", C_RELEASED_HANDED_OVER, C_RELEASED_WITH_NEEDS, 0},
	    {"released_every_need_in_place", C_RELEASED_IN_PLACE, C_RELEASED_WITH_NEEDS, 0},
	    {"screened", C_SCREENED, C_STARTED, 0},
	    {"screened_timely", C_TIMELY, C_SCREENED, 0},
	    {"risk_areas_0", C_RISK0, C_SCREENED, 0},
	    {"risk_areas_4", C_RISK4, C_SCREENED, 0},
	    {"risk_areas_8", C_RISK8, C_SCREENED, 0},
	    {"ip_indicated", C_IP, C_CASELOAD_SCREENED, 0},
	    {"ip_requested", C_IP_REQUESTED, C_IP, 0},
	    {"ip_established", C_IP_ESTABLISHED, C_IP, 0},
	    {"coordinator_appointed", C_COORDINATOR, C_IP, 0},
	    {"median_days_to_coordinator", 0, -1, H_DAYS_TO_COORDINATOR},
	    {"group_established", C_GROUP, C_IP, 0},
	    {"group_met_before_release", C_MET, C_IP_WITH_RELEASE, 0},
	    {"handover_confirmed_by_deadline", C_CONFIRMED_BY_DEADLINE, C_NEEDS_WITH_RELEASE, 0},
	    {"handover_confirmed_by_release", C_CONFIRMED_BY_RELEASE, C_NEEDS_RELEASED, 0},
	    {"median_days_to_confirmation", 0, -1, H_DAYS_TO_CONFIRMATION},
	    {"letters_answered_in_time", C_LETTERS_ANSWERED, C_LETTERS_DUE, 0},
	    {"needs_with_consent", C_NEEDS_CONSENT, C_NEEDS, 0},
	};
	for (size_t w = 0; w < sizeof want / sizeof *want; w++) {
		size_t i = 0;
		while (i < n && strcmp(ind[i].name, want[w].name) != 0)
			i++;
		ck_assert_msg(i < n, "no %s", want[w].name);
		if (want[w].den < 0) {
			ck_assert_int_lt(ind[i].den, 0);
			ck_assert_int_eq(ind[i].hist, want[w].hist);
		} else {
			ck_assert_msg(ind[i].num == want[w].num && ind[i].den == want[w].den, "%s: %s / %s",
				      want[w].name, NAMES[ind[i].num], NAMES[ind[i].den]);
		}
	}
	/* every risk_areas_N share is N needs over the screened */
	for (int r = 0; r <= 8; r++) {
		char name[32];
		snprintf(name, sizeof name, "risk_areas_%d", r);
		size_t i = 0;
		while (i < n && strcmp(ind[i].name, name) != 0)
			i++;
		ck_assert_msg(i < n, "no %s", name);
		ck_assert_int_eq(ind[i].num, C_RISK0 + r);
		ck_assert_int_eq(ind[i].den, C_SCREENED);
	}
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("indicators");
	TCase *tc = tcase_create("indicators");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, counter_and_histogram_names);
	tcase_add_test(tc, template_counts);
	tcase_add_test(tc, not_screened);
	tcase_add_test(tc, screening_timeliness);
	tcase_add_test(tc, risk_areas_counters);
	tcase_add_test(tc, ip_requested_and_established);
	tcase_add_test(tc, coordinator_and_days);
	tcase_add_test(tc, responsibility_group);
	tcase_add_test(tc, needs_and_consent);
	tcase_add_test(tc, handover_confirmed_by_deadline);
	tcase_add_test(tc, handover_confirmed_by_release);
	tcase_add_test(tc, released_every_need);
	tcase_add_test(tc, series_periods);
	tcase_add_test(tc, series_counts);
	tcase_add_test(tc, suppression);
	tcase_add_test(tc, letters_due_and_answered);
	tcase_add_test(tc, counters_merge);
	tcase_add_test(tc, case_counts);
	tcase_add_test(tc, medians);
	tcase_add_test(tc, dimension_names);
	tcase_add_test(tc, dimension_values);
	tcase_add_test(tc, case_keys);
	tcase_add_test(tc, long_names_stay_text);
	tcase_add_test(tc, breakdown_groups);
	tcase_add_test(tc, breakdown_crossed);
	tcase_add_test(tc, breakdown_many_groups);
	tcase_add_test(tc, breakdown_merge);
	tcase_add_test(tc, partial_document);
	tcase_add_test(tc, partial_round_trip);
	tcase_add_test(tc, partial_refused);
	tcase_add_test(tc, partial_counts_that_overflow);
	tcase_add_test(tc, partials_of_any_split_combine_to_the_whole);
	tcase_add_test(tc, as_of_replays_the_dated_events);
	tcase_add_test(tc, indicator_list);
	suite_add_tcase(s, tc);
	return s;
}
