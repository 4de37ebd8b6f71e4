/* SPDX-License-Identifier: MIT */
/* test_letter.c — the letter library: the consent check and what a letter reveals
 * (sp_letter_prepare), the letter's id, answer date and log entry, the earlier letter a
 * reminder refers to, letter template headers and their errors, the partial loader's
 * guard on names and links, values that cannot add structure to a letter, and letter
 * markup as txt, md, HTML, ODT, DOCX and PDF (sp_letter_document).
 *
 * Every test writes its own letter templates (and a layout partial, `test-layout`) into a
 * folder under a mkdtemp() directory, so nothing here depends on the built-in templates;
 * the folder is removed afterwards.
 *
 * The case is the shared test case (casetext.h): home Bodø (1804), Bodø fengsel, prison
 * 2026-09-01 to 2026-11-30. Unless a test says otherwise its screening has three needs,
 * written out of the canonical domain order (finances, mental_health, housing):
 *   finances: current, no contact      → a need, actions [contact]     → "kontakt"
 *   mental_health: needs [assessment]  → a need, actions [assessment]  → "kartlegging"
 *   housing: past and current, no contact → a need                     → "kontakt"
 * so the need domains in canonical order are mental_health, housing, finances. The
 * consents are the template's: kommune-1804 for all domains, nav-bodo for finances, both
 * given 2026-09-03. Every letter is dated 2026-11-23 (a week before the release). */
#include "casetext.h"
#include "letters/letter.h"
#include "letters/letterfmt.h"
#include "unit.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define DATE "2026-11-23"

/* The rows of the three needs above, finances first. */
#define ROWS3                                                                                      \
	"    finances: {past: false, current: true, contact: null, needs: []}\n"                   \
	"    mental_health: {past: false, current: false, contact: null, needs: [assessment]}\n"   \
	"    housing: {past: true, current: true, contact: null, needs: []}\n"

#define BIT(d) (1u << (d))
#define NEEDS3 (BIT(SP_MENTAL_HEALTH) | BIT(SP_HOUSING) | BIT(SP_FINANCES))

/* The registry: kommune-1804 answers in 28 days and nav-bodo in 10 (both said here);
 * dps-salten says nothing (its type's default, 30, must not count for a letter). */
static const char *registry_text =
    "samplan: 1\n"
    "kind: agencies\n"
    "agencies:\n"
    "  - {id: kommune-1804, name: Bodø kommune, type: municipality, municipality: \"1804\", "
    "response_days: 28}\n"
    "  - {id: nav-bodo, name: NAV Bodø, type: nav, municipality: \"1804\", response_days: 10}\n"
    "  - {id: dps-salten, name: Salten DPS, type: specialist_health, municipality: \"1804\"}\n"
    "  - {id: bodo-fengsel, name: Bodø fengsel, type: prison, municipality: \"1804\"}\n";

/* --- the template folder -------------------------------------------------------------- */

static char root[200]; /* the mkdtemp() directory, under $TMPDIR or /tmp */
static char tpl[256];  /* root/tpl: the templates folder */
static sp_rules *rules;
static sp_agencies *reg;
static sp_doc *doc;      /* the case last built */
static sp_templates *tc; /* the catalogue over tpl */
static sp_draft dr;      /* the draft last prepared */
static char *err;        /* the error last returned */

static void write_file(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	ck_assert_msg(f != NULL, "cannot write %s: %s", path, strerror(errno));
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

/* Remove path and everything under it (links are removed, never followed). */
static void rm_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *e;
		while (d && (e = readdir(d))) {
			if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
				continue;
			char sub[1024];
			snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
			rm_tree(sub);
		}
		if (d)
			closedir(d);
		rmdir(path);
	} else
		unlink(path);
}

/* The layout every test letter inherits: letterhead, address, reference, subject, body. */
static const char layout[] = "^ {{unit.name}}\n"
                             "\n"
                             "| {{recipient.name}}\n"
                             "\n"
                             "~ Vår referanse: {{case.id}}/{{letter.id}}\n"
                             "~ Dato: {{letter.date_text}}\n"
                             "\n"
                             "# {{$subject}}{{letter.title}}{{/subject}}\n"
                             "\n"
                             "{{$body}}{{/body}}\n";

/* The body of the test letters: the needs the letter reveals, and its one domain. */
#define BODY                                                                                       \
	"{{<test-layout}}\n"                                                                       \
	"{{$body}}\n"                                                                              \
	"{{#needs}}\n"                                                                             \
	"- {{name_cap}} ({{key}}): {{actions_text}}\n"                                             \
	"{{/needs}}\n"                                                                             \
	"{{#letter.domain}}\n"                                                                     \
	"Området er {{name}}.\n"                                                                  \
	"{{/letter.domain}}\n"                                                                     \
	"{{/body}}\n"                                                                              \
	"{{/test-layout}}\n"

/* Write letter template id with the header lines given (after id and title) and BODY. */
static void letter_template(const char *id, const char *header)
{
	char text[4096], name[128];
	snprintf(text, sizeof text,
	         "---\nid: %s\ntitle: Tittel for %s\n%sguide: Bare for test.\n---\n%s", id, id,
	         header, BODY);
	snprintf(name, sizeof name, "%s.mustache", id);
	write_file(tpl, name, text);
}

static void setup(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(root, sizeof root, "%s/sp-letter-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(root));
	snprintf(tpl, sizeof tpl, "%s/tpl", root);
	ck_assert_int_eq(mkdir(tpl, 0700), 0);
	write_file(tpl, "test-layout.mustache", layout);
	/* to the municipality (found from the home municipality), every need */
	letter_template("to-kommune", "recipient: municipality\ndomains: all\nreveals: needs\n"
	                              "response_days: 14\n");
	/* to any agency (or the person), every need; no answer asked for */
	letter_template("needs-any", "recipient: any\ndomains: all\nreveals: needs\n");
	/* the needs, but only housing ones */
	letter_template("needs-housing", "recipient: any\ndomains: [housing]\nreveals: needs\n");
	/* about one domain of three */
	letter_template("about-domain",
	                "recipient: any\ndomains: [housing, finances, mental_health]\n"
	                "reveals: domain\nresponse_days: 14\n");
	/* about its one domain */
	letter_template("housing-only", "recipient: any\ndomains: [housing]\nreveals: domain\n");
	/* about nothing */
	letter_template("nothing", "recipient: any\ndomains: []\nreveals: none\n");
	/* asks a service to take over follow-up: its answer is due by the handover deadline */
	letter_template("ask-handover", "recipient: any\ndomains: all\nreveals: domain\n"
	                                "response_days: 14\nhandover: true\n");
	/* a reminder about the latest unanswered letter */
	letter_template("remind",
	                "recipient: any\ndomains: all\nreveals: domain\nresponse_days: 14\n"
	                "about: unanswered\n");

	rules = sp_rules_default();
	reg = registry_of(registry_text);
	doc = NULL;
	err = NULL;
	memset(&dr, 0, sizeof dr);
	const char *dirs[] = {tpl};
	char *e = NULL;
	tc = sp_templates_new(dirs, 1, &e);
	ck_assert_msg(tc != NULL, "%s", e ? e : "");
}

static void teardown(void)
{
	sp_draft_clear(&dr);
	free(err);
	err = NULL;
	sp_templates_free(tc);
	tc = NULL;
	sp_doc_free(doc);
	doc = NULL;
	sp_agencies_free(reg);
	sp_rules_free(rules);
	rm_tree(root);
}

/* --- building and preparing ------------------------------------------------------------ */

/* Build the case from p (with the three needs unless p.rows says otherwise) and check it
 * is valid; it stays in `doc` until the next. */
static json_t *make_case(parts p)
{
	if (!p.rows)
		p.rows = ROWS3;
	char *text = case_text(&p);
	sp_doc_free(doc);
	doc = valid_case(text);
	free(text);
	return doc->root;
}

/* Prepare template id to `to` (NULL: the template's own kind of recipient) about domain
 * (-1: none) for the case in doc; the draft goes to dr, the error to err. */
static int prep(const char *id, const char *to, int domain, bool skip)
{
	sp_draft_clear(&dr);
	free(err);
	err = NULL;
	sp_letter_req req = {.template_id = id,
	                     .to = to,
	                     .domain = domain,
	                     .about = NULL,
	                     .date = D(DATE),
	                     .skip_consent = skip};
	int rc = sp_letter_prepare(doc->root, tc, rules, reg, &req, &dr, &err);
	ck_assert_msg(rc == 0 || err != NULL, "a failure without a message");
	return rc;
}

/* prep that must succeed. */
static void prep_ok(const char *id, const char *to, int domain, bool skip)
{
	int rc = prep(id, to, domain, skip);
	ck_assert_msg(rc == 0, "%s to %s: rc %d: %s", id, to ? to : "(default)", rc,
	              err ? err : "");
	ck_assert_ptr_nonnull(dr.view);
}

static void has(const char *s, const char *part)
{
	ck_assert_msg(s && strstr(s, part), "expected `%s` in: %s", part, s ? s : "(null)");
}

static void has_not(const char *s, const char *part)
{
	ck_assert_msg(s && !strstr(s, part), "did not expect `%s` in: %s", part, s ? s : "(null)");
}

/* The keys of the view's needs, "mental_health,housing". */
static const char *need_keys(const json_t *view)
{
	static char buf[512];
	buf[0] = '\0';
	size_t i;
	json_t *n;
	json_array_foreach(json_object_get(view, "needs"), i, n)
	    put(buf, sizeof buf, i ? ",%s" : "%s", json_string_value(json_object_get(n, "key")));
	return buf;
}

/* The view as JSON text (static buffer). */
static const char *view_text(const json_t *view)
{
	static char buf[65536];
	char *s = json_dumps(view, JSON_SORT_KEYS);
	ck_assert_ptr_nonnull(s);
	ck_assert_uint_lt(strlen(s), sizeof buf);
	strcpy(buf, s);
	free(s);
	return buf;
}

/* A view must not name a domain it does not reveal, in any language or case. */
static void names_no_domain(const json_t *view, sp_domain_set revealed)
{
	const char *v = view_text(view);
	for (int d = 0; d < SP_DOMAIN_COUNT; d++) {
		if (revealed & BIT(d))
			continue;
		char q[64], cap[64];
		snprintf(q, sizeof q, "\"%s\"", sp_domain_name((sp_domain)d));
		const char *nb = sp_domain_name_nb((sp_domain)d);
		has_not(v, q);
		has_not(v, nb);
		/* the capitalised name: nb with its first letter upper case ("Psykisk helse",
		 * "Økonomi") */
		if ((unsigned char)nb[0] < 0x80)
			snprintf(cap, sizeof cap, "%c%s", nb[0] - 32, nb + 1);
		else /* ø (c3 b8) → Ø (c3 98) */
			snprintf(cap, sizeof cap, "%c%c%s", nb[0], nb[1] - 0x20, nb + 2);
		has_not(v, cap);
	}
}

/* Compare a JSON value with JSON text. */
static void json_is(const json_t *got, const char *want_text)
{
	json_error_t je;
	json_t *want = json_loads(want_text, 0, &je);
	ck_assert_msg(want != NULL, "bad expected JSON: %s", je.text);
	char *g = json_dumps(got, JSON_SORT_KEYS), *w = json_dumps(want, JSON_SORT_KEYS);
	ck_assert_msg(json_equal(got, want), "got %s, want %s", g, w);
	free(g);
	free(w);
	json_decref(want);
}

/* The rendered letter markup of dr (caller frees). */
static char *markup(void)
{
	size_t len = 0;
	char *e = NULL;
	char *m = sp_letter_markup(&dr, tc, &len, &e);
	ck_assert_msg(m != NULL, "%s", e ? e : "");
	ck_assert_uint_eq(len, strlen(m));
	return m;
}

/* --- 1. consent --------------------------------------------------------------------------- */

/* Consent to kommune-1804 for all domains: the letter tells all three needs, in the
 * canonical order (not the order the screening wrote them in), withholds nothing, and goes
 * to the home municipality's agency by itself. */
START_TEST(consent_covers_all_needs)
{
	make_case((parts){0});
	prep_ok("to-kommune", NULL, -1, false);
	ck_assert_str_eq(dr.recipient, "kommune-1804");
	ck_assert_str_eq(need_keys(dr.view), "mental_health,housing,finances");
	ck_assert_uint_eq(dr.reveals, NEEDS3);
	ck_assert_uint_eq(dr.withheld, 0);
	ck_assert_uint_eq(dr.unconsented, 0);
	ck_assert(!dr.no_consent_at_all);
	char *m = markup();
	has(m, "- Psykisk helse (mental_health): kartlegging\n"
	       "- Bolig (housing): kontakt\n"
	       "- Økonomi (finances): kontakt\n");
	has(m, "# Tittel for to-kommune\n");
	has(m, "| Bodø kommune\n");
	free(m);
}
END_TEST

/* nav-bodo has consent for finances only. A `reveals: needs` letter to it tells finances
 * and leaves housing and mental health out (letter.h: withheld says which); a letter about
 * housing alone is refused (-2), naming the template, the domain, the recipient and the
 * date. The consent was never given, so the message does not call it withdrawn. */
START_TEST(consent_missing_for_a_need)
{
	make_case((parts){0});
	prep_ok("needs-any", "nav-bodo", -1, false);
	ck_assert_str_eq(need_keys(dr.view), "finances");
	ck_assert_uint_eq(dr.reveals, BIT(SP_FINANCES));
	ck_assert_uint_eq(dr.withheld, BIT(SP_MENTAL_HEALTH) | BIT(SP_HOUSING));
	names_no_domain(dr.view, BIT(SP_FINANCES));

	ck_assert_int_eq(prep("about-domain", "nav-bodo", SP_HOUSING, false), -2);
	ck_assert_ptr_null(dr.view);
	has(err, "about-domain");
	has(err, "housing");
	has(err, "nav-bodo");
	has(err, DATE);
	has_not(err, "withdrawn");
	has_not(err, "finances"); /* only what is missing is named */
}
END_TEST

/* kommune-1804's consent (all domains) is withdrawn on 2026-11-01: from that day it no
 * longer holds, so on 2026-11-23 no consent to kommune-1804 holds at all and every letter
 * to it is refused, saying the consent was withdrawn or expired. Withdrawn on the letter's
 * day: refused too; withdrawn the day after: the letter goes. */
START_TEST(consent_withdrawn)
{
	make_case((parts){.consents =
	                      "\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03, "
	                      "withdrawn: 2026-11-01}"});
	ck_assert_int_eq(prep("needs-any", "kommune-1804", -1, false), -2);
	has(err, "needs-any");
	has(err, "no consent to kommune-1804 holds on " DATE);
	has(err, "withdrawn or has expired");
	ck_assert_int_eq(prep("about-domain", "kommune-1804", SP_HOUSING, false), -2);
	has(err, "housing");
	has(err, "withdrawn or has expired");

	make_case((parts){.consents =
	                      "\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03, "
	                      "withdrawn: " DATE "}"});
	ck_assert_int_eq(prep("about-domain", "kommune-1804", SP_HOUSING, false), -2);
	has(err, "withdrawn or has expired");

	make_case((parts){.consents =
	                      "\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03, "
	                      "withdrawn: 2026-11-24}"});
	prep_ok("about-domain", "kommune-1804", SP_HOUSING, false);
	ck_assert_uint_eq(dr.reveals, BIT(SP_HOUSING));
}
END_TEST

/* The consent expires 2026-11-20, before the letter: refused, expired. Expiring the day
 * after the letter, it still holds. */
START_TEST(consent_expired)
{
	make_case((parts){
	    .consents = "\n  - {recipient: kommune-1804, domains: [housing], given: 2026-09-03, "
	                "expires: 2026-11-20}"});
	ck_assert_int_eq(prep("about-domain", "kommune-1804", SP_HOUSING, false), -2);
	has(err, "kommune-1804");
	has(err, "housing");
	has(err, "withdrawn or has expired");
	ck_assert_int_eq(prep("needs-any", "kommune-1804", -1, false), -2);
	has(err, "no consent to kommune-1804 holds");

	make_case((parts){
	    .consents = "\n  - {recipient: kommune-1804, domains: [housing], given: 2026-09-03, "
	                "expires: 2026-11-24}"});
	prep_ok("about-domain", "kommune-1804", SP_HOUSING, false);
	/* and a needs letter under it tells housing only */
	prep_ok("needs-any", "kommune-1804", -1, false);
	ck_assert_str_eq(need_keys(dr.view), "housing");
}
END_TEST

/* A consent given the day after the letter did not hold on the letter's date: refused,
 * and not as withdrawn (it had not been given yet). Given on the letter's day, it holds. */
START_TEST(consent_given_after_the_letter)
{
	make_case((parts){
	    .consents = "\n  - {recipient: kommune-1804, domains: [all], given: 2026-11-24}"});
	ck_assert_int_eq(prep("about-domain", "kommune-1804", SP_HOUSING, false), -2);
	has(err, "housing");
	has(err, "kommune-1804");
	has(err, DATE);
	has_not(err, "withdrawn");
	ck_assert_int_eq(prep("needs-any", "kommune-1804", -1, false), -2);
	has(err, "no consent to kommune-1804 holds on " DATE);

	make_case((parts){.consents =
	                      "\n  - {recipient: kommune-1804, domains: [all], given: " DATE "}"});
	prep_ok("about-domain", "kommune-1804", SP_HOUSING, false);
}
END_TEST

/* --without-consent-check: the needs letter to nav-bodo tells all three needs; the two
 * without consent are `unconsented`, and the log entry records the override with the
 * reason and those two domains (canonical order). Without a reason, or when nothing was
 * unconsented, there is no override. */
START_TEST(consent_skipped)
{
	make_case((parts){0});
	prep_ok("needs-any", "nav-bodo", -1, true);
	ck_assert_str_eq(need_keys(dr.view), "mental_health,housing,finances");
	ck_assert_uint_eq(dr.reveals, NEEDS3);
	ck_assert_uint_eq(dr.unconsented, BIT(SP_MENTAL_HEALTH) | BIT(SP_HOUSING));
	ck_assert_uint_eq(dr.withheld, 0);
	ck_assert(!dr.no_consent_at_all);
	json_t *e = sp_letter_log_entry(&dr, "Muntlig samtykke 2026-11-22");
	json_is(json_object_get(e, "consent_override"),
	        "{\"reason\": \"Muntlig samtykke 2026-11-22\", \"domains\": [\"mental_health\", "
	        "\"housing\"]}");
	json_decref(e);
	e = sp_letter_log_entry(&dr, NULL);
	ck_assert_ptr_null(json_object_get(e, "consent_override"));
	json_decref(e);

	/* everything consented: the reason is not recorded as an override */
	prep_ok("needs-any", "kommune-1804", -1, true);
	ck_assert_uint_eq(dr.unconsented, 0);
	e = sp_letter_log_entry(&dr, "unødvendig");
	ck_assert_ptr_null(json_object_get(e, "consent_override"));
	json_decref(e);

	/* no consent at all to dps-salten: a letter that reveals nothing still overrides */
	prep_ok("nothing", "dps-salten", -1, true);
	ck_assert(dr.no_consent_at_all);
	ck_assert_uint_eq(dr.unconsented, 0);
	e = sp_letter_log_entry(&dr, "Akutt");
	json_is(json_object_get(e, "consent_override"), "{\"reason\": \"Akutt\", \"domains\": []}");
	json_decref(e);
}
END_TEST

/* A letter that reveals no domain still goes only to an agency some consent holds for:
 * dps-salten has none (refused), nav-bodo has one (finances; the letter goes, revealing
 * nothing). To the person no consent is needed. */
START_TEST(consent_reveals_none)
{
	make_case((parts){0});
	ck_assert_int_eq(prep("nothing", "dps-salten", -1, false), -2);
	has(err, "nothing");
	has(err, "no consent to dps-salten holds on " DATE);

	prep_ok("nothing", "nav-bodo", -1, false);
	ck_assert_uint_eq(dr.reveals, 0);
	ck_assert_str_eq(need_keys(dr.view), "");
	names_no_domain(dr.view, 0);

	prep_ok("nothing", "person", -1, false);
	ck_assert_str_eq(dr.recipient, "person");
	ck_assert_uint_eq(dr.reveals, 0);
	ck_assert_uint_eq(dr.unconsented, 0);
	ck_assert(
	    json_is_true(json_object_get(json_object_get(dr.view, "recipient"), "is_person")));

	/* a case without any consent: still fine to the person, and a needs letter to the
	 * person tells every need */
	make_case((parts){.consents = " []"});
	prep_ok("needs-any", "person", -1, false);
	ck_assert_str_eq(need_keys(dr.view), "mental_health,housing,finances");
}
END_TEST

/* The subject. subject-housing may tell housing and finances needs, and its subject tells
 * housing: to nav-bodo (consent for finances only) it is refused though the finances need
 * could be told, with a message that names the template, the recipient and housing; to
 * kommune-1804 (all) it goes; the person needs no consent; with the override it goes and
 * housing is logged. A subject of two domains needs consent for one of them, and one of
 * none needs none. */
START_TEST(consent_for_the_subject)
{
	letter_template("subject-housing", "recipient: any\ndomains: [housing, finances]\n"
	                                   "subject_domains: [housing]\nreveals: needs\n");
	letter_template("subject-two", "recipient: any\ndomains: [housing, finances]\n"
	                               "subject_domains: [finances, housing]\nreveals: needs\n");
	letter_template("subject-none", "recipient: any\ndomains: [housing]\n"
	                                "subject_domains: []\nreveals: needs\n");
	make_case((parts){0});
	ck_assert_int_eq(prep("subject-housing", "nav-bodo", -1, false), -2);
	ck_assert_ptr_null(dr.view);
	has(err, "letter `subject-housing` to nav-bodo would reveal housing by its subject without "
	         "consent: the person's consent to nav-bodo for housing on " DATE " is missing; ");
	has(err, "--without-consent-check --reason TEXT");
	/* about finances alone (--domain) it is refused all the same: the subject tells housing */
	ck_assert_int_eq(prep("subject-housing", "nav-bodo", SP_FINANCES, false), -2);
	has(err, "by its subject");

	prep_ok("subject-housing", "kommune-1804", -1, false);
	ck_assert_uint_eq(dr.reveals, BIT(SP_HOUSING) | BIT(SP_FINANCES));
	make_case((parts){.consents = " []"});
	prep_ok("subject-housing", "person", -1, false);
	ck_assert_uint_eq(dr.unconsented, 0);

	make_case((parts){0});
	prep_ok("subject-housing", "nav-bodo", -1, true);
	ck_assert_uint_eq(dr.reveals, BIT(SP_HOUSING) | BIT(SP_FINANCES));
	ck_assert_uint_eq(dr.unconsented, BIT(SP_HOUSING));
	json_t *e = sp_letter_log_entry(&dr, "Akutt");
	json_is(json_object_get(e, "consent_override"),
	        "{\"reason\": \"Akutt\", \"domains\": [\"housing\"]}");
	json_decref(e);

	/* housing or finances: nav-bodo's consent for finances will do; the housing need is
	 * left out */
	prep_ok("subject-two", "nav-bodo", -1, false);
	ck_assert_uint_eq(dr.reveals, BIT(SP_FINANCES));
	ck_assert_uint_eq(dr.withheld, BIT(SP_HOUSING));
	/* a subject that tells nothing: the letter goes, without the housing need */
	prep_ok("subject-none", "nav-bodo", -1, false);
	ck_assert_uint_eq(dr.reveals, 0);
	ck_assert_uint_eq(dr.withheld, BIT(SP_HOUSING));
	names_no_domain(dr.view, 0);

	/* no need in the subject's domains changes nothing: the subject tells it anyway */
	make_case((parts){.rows = "    finances: {past: false, current: true, contact: null, "
	                          "needs: []}\n"});
	ck_assert_int_eq(prep("subject-housing", "nav-bodo", -1, false), -2);
	/* nor does consent for the domain that came too late or has gone */
	make_case((parts){.consents = "\n  - {recipient: nav-bodo, domains: [finances], given: "
	                              "2026-09-03}"
	                              "\n  - {recipient: nav-bodo, domains: [housing], given: "
	                              "2026-09-03, withdrawn: 2026-11-01}"});
	ck_assert_int_eq(prep("subject-housing", "nav-bodo", -1, false), -2);
	has(err, "is missing (the one for housing was withdrawn or has expired); ");
	make_case((parts){.consents = "\n  - {recipient: nav-bodo, domains: [finances], given: "
	                              "2026-09-03}"
	                              "\n  - {recipient: nav-bodo, domains: [housing], given: "
	                              "2026-11-24}"});
	ck_assert_int_eq(prep("subject-housing", "nav-bodo", -1, false), -2);
}
END_TEST

/* A reminder repeats the title of the letter it is about, and is held to that letter's
 * subject: about a subject-housing letter to nav-bodo (consent for finances only) it is
 * refused, and goes once nav-bodo has consent for housing too. */
START_TEST(consent_for_the_earlier_letters_subject)
{
	letter_template("subject-housing", "recipient: any\ndomains: [housing, finances]\n"
	                                   "subject_domains: [housing]\nreveals: needs\n");
	const char *letters = "\n  - {id: L-0001, template: subject-housing, recipient: nav-bodo, "
	                      "date: 2026-10-01, respond_by: 2026-10-15}";
	make_case((parts){.letters = letters});
	ck_assert_int_eq(prep("remind", "nav-bodo", -1, false), -2);
	has(err, "letter `remind` to nav-bodo would reveal housing by its subject (the earlier "
	         "letter's title) without consent");
	prep_ok("remind", "nav-bodo", -1, true);
	ck_assert_uint_eq(dr.unconsented, BIT(SP_HOUSING));

	make_case((parts){.letters = letters,
	                  .consents = "\n  - {recipient: nav-bodo, domains: [finances, housing], "
	                              "given: 2026-09-03}"});
	prep_ok("remind", "nav-bodo", -1, false);
	ck_assert_str_eq(dr.about, "L-0001");
	const json_t *ab = json_object_get(json_object_get(dr.view, "letter"), "about");
	ck_assert_str_eq(json_string_value(json_object_get(ab, "title")),
	                 "Tittel for subject-housing");
}
END_TEST

/* --- 2. what a letter reveals ------------------------------------------------------------ */

/* `reveals: domain` about housing to kommune-1804 (consent for all): the letter reveals
 * housing and nothing else, though the case has three needs and the template may write
 * about three domains. */
START_TEST(reveals_one_domain)
{
	make_case((parts){0});
	prep_ok("about-domain", "kommune-1804", SP_HOUSING, false);
	ck_assert_int_eq(dr.domain, SP_HOUSING);
	ck_assert_uint_eq(dr.reveals, BIT(SP_HOUSING));
	ck_assert_str_eq(need_keys(dr.view), "housing");
	json_is(json_object_get(json_object_get(dr.view, "letter"), "domain"),
	        "{\"key\": \"housing\", \"name\": \"bolig\", \"name_cap\": \"Bolig\"}");
	names_no_domain(dr.view, BIT(SP_HOUSING));
	char *m = markup();
	has(m, "Området er bolig.\n");
	has_not(m, "sykisk");
	has_not(m, "konomi");
	free(m);
}
END_TEST

/* A domain outside the template's `domains` (family) is refused, whatever the consent. */
START_TEST(reveals_domain_outside_template)
{
	make_case((parts){0});
	ck_assert_int_eq(prep("about-domain", "kommune-1804", SP_FAMILY, false), -1);
	ck_assert_ptr_null(dr.view);
	has(err, "about-domain");
	has(err, "family");
	/* no domain given and none to take from an earlier letter: say which */
	ck_assert_int_eq(prep("about-domain", "kommune-1804", -1, false), -1);
	has(err, "--domain");
}
END_TEST

/* A template about one domain only picks it without --domain. */
START_TEST(reveals_single_domain_template)
{
	make_case((parts){0});
	prep_ok("housing-only", "kommune-1804", -1, false);
	ck_assert_int_eq(dr.domain, SP_HOUSING);
	ck_assert_uint_eq(dr.reveals, BIT(SP_HOUSING));
	ck_assert_str_eq(need_keys(dr.view), "housing");
	names_no_domain(dr.view, BIT(SP_HOUSING));
}
END_TEST

/* `reveals: needs` with `domains: [housing]`: of the three needs only housing, with
 * consent for all. */
START_TEST(reveals_needs_within_template_domains)
{
	make_case((parts){0});
	prep_ok("needs-housing", "kommune-1804", -1, false);
	ck_assert_uint_eq(dr.reveals, BIT(SP_HOUSING));
	ck_assert_uint_eq(dr.withheld, 0);
	ck_assert_str_eq(need_keys(dr.view), "housing");
	names_no_domain(dr.view, BIT(SP_HOUSING));
}
END_TEST

/* --- 3. the letter's id, answer date and log entry --------------------------------------- */

/* A sentence whose release is far from the letters' date. */
#define LATE_RELEASE "{type: prison, start: 2026-09-01, release: 2027-03-01}"

/* Letters L-0001 and L-0007: the next is L-0008 (one past the highest, not past the
 * count); a case without letters starts at L-0001. */
START_TEST(letter_ids)
{
	make_case((parts){.letters =
	                      "\n  - {id: L-0001, template: to-kommune, recipient: kommune-1804, "
	                      "date: 2026-09-10, response: {date: 2026-09-20, outcome: granted}}"
	                      "\n  - {id: L-0007, template: to-kommune, recipient: kommune-1804, "
	                      "date: 2026-10-10, response: {date: 2026-10-20, outcome: granted}}"});
	prep_ok("about-domain", "kommune-1804", SP_HOUSING, false);
	ck_assert_str_eq(dr.id, "L-0008");
	ck_assert_str_eq(
	    json_string_value(json_object_get(json_object_get(dr.view, "letter"), "id")), "L-0008");

	make_case((parts){0});
	prep_ok("about-domain", "kommune-1804", SP_HOUSING, false);
	ck_assert_str_eq(dr.id, "L-0001");
}
END_TEST

/* The answer date: the template asks for 14 days; kommune-1804 says 28 in the registry,
 * which wins: 2026-11-23 + 28 = 2026-12-21. dps-salten says nothing (its type's default
 * does not count): + 14 = 2026-12-07. A template that asks for no answer has none, even to
 * an agency with response_days. The log entry has exactly id, template, recipient, date,
 * respond_by and domain, and sp_letter_log appends it to `letters`. (Release is in March
 * here, so that no answer date is shortened to fit before it: answer_date_fits_release.) */
START_TEST(respond_by_and_log_entry)
{
	make_case((parts){.sentence = LATE_RELEASE,
	                  .consents =
	                      CONSENTS "\n  - {recipient: dps-salten, domains: [mental_health], "
	                               "given: 2026-09-03}"});
	prep_ok("about-domain", "kommune-1804", SP_HOUSING, false);
	ck_assert(dr.has_respond_by);
	ck_assert_int_eq(dr.respond_by, D("2026-12-21"));
	json_t *e = sp_letter_log_entry(&dr, NULL);
	json_is(
	    e,
	    "{\"id\": \"L-0001\", \"template\": \"about-domain\", \"recipient\": \"kommune-1804\","
	    " \"date\": \"2026-11-23\", \"respond_by\": \"2026-12-21\", \"domain\": \"housing\"}");
	json_t *c = json_deep_copy(doc->root);
	json_object_del(c, "letters");
	sp_letter_log(c, e);
	json_is(
	    json_object_get(c, "letters"),
	    "[{\"id\": \"L-0001\", \"template\": \"about-domain\", \"recipient\": \"kommune-1804\","
	    " \"date\": \"2026-11-23\", \"respond_by\": \"2026-12-21\", \"domain\": \"housing\"}]");
	json_decref(c);

	prep_ok("about-domain", "dps-salten", SP_MENTAL_HEALTH, false);
	ck_assert(dr.has_respond_by);
	ck_assert_int_eq(dr.respond_by, D("2026-12-07"));
	e = sp_letter_log_entry(&dr, NULL);
	json_is(
	    e, "{\"id\": \"L-0001\", \"template\": \"about-domain\", \"recipient\": \"dps-salten\","
	       " \"date\": \"2026-11-23\", \"respond_by\": \"2026-12-07\", \"domain\": "
	       "\"mental_health\"}");
	json_decref(e);

	prep_ok("needs-any", "kommune-1804", -1, false);
	ck_assert(!dr.has_respond_by);
	ck_assert_ptr_null(json_object_get(json_object_get(dr.view, "letter"), "respond_by"));
	e = sp_letter_log_entry(&dr, NULL);
	json_is(e,
	        "{\"id\": \"L-0001\", \"template\": \"needs-any\", \"recipient\": \"kommune-1804\","
	        " \"date\": \"2026-11-23\"}");
	json_decref(e);
}
END_TEST

/* --- 4. the letter a reminder is about --------------------------------------------------- */

/* Letters to kommune-1804 (and one to nav-bodo), as of 2026-11-23:
 *   L-0001 2026-09-10, answer by 2026-10-01, no answer      unanswered
 *   L-0002 2026-10-05, answer by 2026-10-26, no answer      unanswered, the latest → this one
 *   L-0003 2026-10-20, answer by 2026-11-10, answered       no
 *   L-0004 2026-11-15, answer by 2026-12-06                 not yet due
 *   L-0005 2026-11-01 to nav-bodo, answer by 2026-11-10     another recipient
 * L-0002 was about housing, so the reminder is too. */
#define REMINDER_LETTERS                                                                           \
	"\n  - {id: L-0001, template: to-kommune, recipient: kommune-1804, date: 2026-09-10, "     \
	"respond_by: 2026-10-01}"                                                                  \
	"\n  - {id: L-0002, template: about-domain, recipient: kommune-1804, date: 2026-10-05, "   \
	"respond_by: 2026-10-26, domain: housing}"                                                 \
	"\n  - {id: L-0003, template: to-kommune, recipient: kommune-1804, date: 2026-10-20, "     \
	"respond_by: 2026-11-10, response: {date: 2026-11-01, outcome: granted}}"                  \
	"\n  - {id: L-0004, template: to-kommune, recipient: kommune-1804, date: 2026-11-15, "     \
	"respond_by: 2026-12-06}"                                                                  \
	"\n  - {id: L-0005, template: needs-any, recipient: nav-bodo, date: 2026-11-01, "          \
	"respond_by: 2026-11-10}"

START_TEST(reminder_picks_latest_unanswered)
{
	make_case((parts){.letters = REMINDER_LETTERS});
	prep_ok("remind", "kommune-1804", -1, false);
	ck_assert_str_eq(dr.about, "L-0002");
	ck_assert_int_eq(dr.domain, SP_HOUSING);
	ck_assert_str_eq(dr.id, "L-0006");
	const json_t *ab = json_object_get(json_object_get(dr.view, "letter"), "about");
	ck_assert_str_eq(json_string_value(json_object_get(ab, "id")), "L-0002");
	ck_assert_str_eq(json_string_value(json_object_get(ab, "respond_by")), "2026-10-26");
	/* the earlier letter's title from its template */
	ck_assert_str_eq(json_string_value(json_object_get(ab, "title")),
	                 "Tittel for about-domain");
	/* kommune-1804's 28 days would end 2026-12-21; the reminder's answer, too, is due
	 * by the release, Monday 2026-11-30 */
	json_t *e = sp_letter_log_entry(&dr, NULL);
	json_is(
	    e, "{\"id\": \"L-0006\", \"template\": \"remind\", \"recipient\": \"kommune-1804\","
	       " \"date\": \"2026-11-23\", \"respond_by\": \"2026-11-30\", \"domain\": \"housing\","
	       " \"about\": \"L-0002\"}");
	json_decref(e);

	/* to nav-bodo: its one unanswered letter (about no domain, so the reminder reveals
	 * none) */
	prep_ok("remind", "nav-bodo", -1, false);
	ck_assert_str_eq(dr.about, "L-0005");
	ck_assert_int_eq(dr.domain, -1);
	ck_assert_uint_eq(dr.reveals, 0);
}
END_TEST

/* Nothing unanswered past its date: the reminder cannot pick one and says to name it with
 * --about. */
START_TEST(reminder_without_unanswered)
{
	make_case((parts){
	    .letters = "\n  - {id: L-0003, template: to-kommune, recipient: kommune-1804, "
	               "date: 2026-10-20, respond_by: 2026-11-10, response: {date: 2026-11-01, "
	               "outcome: granted}}"
	               "\n  - {id: L-0004, template: to-kommune, recipient: kommune-1804, "
	               "date: 2026-11-15, respond_by: 2026-12-06}"});
	ck_assert_int_eq(prep("remind", "kommune-1804", -1, false), -1);
	ck_assert_ptr_null(dr.view);
	has(err, "--about");
	has(err, "kommune-1804");

	/* named with --about, it goes */
	sp_draft_clear(&dr);
	free(err);
	err = NULL;
	sp_letter_req req = {.template_id = "remind",
	                     .to = "kommune-1804",
	                     .domain = -1,
	                     .about = "L-0004",
	                     .date = D(DATE)};
	ck_assert_int_eq(sp_letter_prepare(doc->root, tc, rules, reg, &req, &dr, &err), 0);
	ck_assert_str_eq(dr.about, "L-0004");
}
END_TEST

/* The letter's view: letter.respond_by and letter.answer (NULL when absent). */
static const json_t *letter_key(const char *key)
{
	return json_object_get(json_object_get(dr.view, "letter"), key);
}

static const char *log_respond_by(void)
{
	static char buf[SP_DATE_BUFSIZE];
	json_t *e = sp_letter_log_entry(&dr, NULL);
	snprintf(buf, sizeof buf, "%s", json_string_value(json_object_get(e, "respond_by")));
	json_decref(e);
	return buf;
}

/* The answer date fits before release (Monday 2026-11-30): kommune-1804's 28 days would
 * end 2026-12-21. The draft, the view and the log entry say the same date, and the view
 * says why. */
START_TEST(answer_date_fits_release)
{
	make_case((parts){0});
	prep_ok("about-domain", "kommune-1804", SP_HOUSING, false);
	ck_assert_int_eq(dr.answer.kind, SP_ANSWER_SHORTENED);
	ck_assert_int_eq(dr.respond_by, D("2026-11-30"));
	ck_assert_str_eq(log_respond_by(), "2026-11-30");
	ck_assert_str_eq(json_string_value(letter_key("respond_by")), "2026-11-30");
	ck_assert_str_eq(json_string_value(letter_key("respond_by_text")), "30. november 2026");
	json_is(letter_key("answer"),
	        "{\"shortened\": true, \"soonest\": false, \"before_deadline\": false}");
	ck_assert(json_is_false(letter_key("asks_handover")));
	/* with release in March, the usual date and no `answer` */
	make_case((parts){.sentence = LATE_RELEASE});
	prep_ok("about-domain", "kommune-1804", SP_HOUSING, false);
	ck_assert_int_eq(dr.answer.kind, SP_ANSWER_USUAL);
	ck_assert_str_eq(log_respond_by(), "2026-12-21");
	ck_assert_ptr_null(letter_key("answer"));
}
END_TEST

/* A letter whose template asks for a handover is due by the handover deadline, release
 * minus 14 days: with release on Friday 2026-12-18, Friday 2026-12-04. */
START_TEST(answer_date_fits_handover_deadline)
{
	make_case((parts){.sentence = "{type: prison, start: 2026-09-01, release: 2026-12-18}"});
	prep_ok("ask-handover", "kommune-1804", SP_HOUSING, false);
	ck_assert(dr.asks_handover);
	ck_assert_int_eq(dr.answer.kind, SP_ANSWER_SHORTENED);
	ck_assert_str_eq(log_respond_by(), "2026-12-04");
	ck_assert_str_eq(json_string_value(letter_key("respond_by_text")), "4. desember 2026");
	json_is(letter_key("answer"),
	        "{\"shortened\": true, \"soonest\": false, \"before_deadline\": true, "
	        "\"deadline\": \"2026-12-04\", \"deadline_text\": \"4. desember 2026\", "
	        "\"deadline_days\": 14, \"deadline_days_text\": \"14 dager\"}");
	ck_assert(json_is_true(letter_key("asks_handover")));
	/* the same letter without the handover header: due by release */
	prep_ok("about-domain", "kommune-1804", SP_HOUSING, false);
	ck_assert_str_eq(log_respond_by(), "2026-12-18");
}
END_TEST

/* No date fits: the handover deadline (2026-11-16) is a week before the letter. The
 * letter asks for an answer as soon as possible and its view has no date; the log keeps
 * the letter's date plus three working days, Thursday 2026-11-26. */
START_TEST(answer_soonest)
{
	make_case((parts){0});
	prep_ok("ask-handover", "kommune-1804", SP_HOUSING, false);
	ck_assert_int_eq(dr.answer.kind, SP_ANSWER_SOONEST);
	ck_assert(dr.has_respond_by);
	ck_assert_str_eq(log_respond_by(), "2026-11-26");
	ck_assert_ptr_null(letter_key("respond_by"));
	ck_assert_ptr_null(letter_key("respond_by_text"));
	ck_assert(json_is_true(json_object_get(letter_key("answer"), "soonest")));
	ck_assert(json_is_true(json_object_get(letter_key("answer"), "before_deadline")));
	/* with a floor of one working day the log keeps Tuesday 24th, and the deadline
	 * has passed all the same */
	rules->answer_min_working_days = 1;
	prep_ok("ask-handover", "kommune-1804", SP_HOUSING, false);
	ck_assert_int_eq(dr.answer.kind, SP_ANSWER_SOONEST);
	ck_assert_str_eq(log_respond_by(), "2026-11-24");
	/* and a release four days ahead leaves no three working days for any letter */
	rules->answer_min_working_days = 3;
	make_case((parts){.sentence = "{type: prison, start: 2026-09-01, release: 2026-11-25}"});
	prep_ok("about-domain", "kommune-1804", SP_HOUSING, false);
	ck_assert_int_eq(dr.answer.kind, SP_ANSWER_SOONEST);
	ck_assert(json_is_false(json_object_get(letter_key("answer"), "before_deadline")));
}
END_TEST

/* A reminder of a handover request is due by the handover deadline too, and asks again
 * for the start and the contact (asks_handover); a reminder of another letter only by
 * release. Release Friday 2026-12-18, deadline Friday 2026-12-04. */
START_TEST(reminder_answer_date)
{
	make_case((parts){
	    .sentence = "{type: prison, start: 2026-09-01, release: 2026-12-18}",
	    .letters = "\n  - {id: L-0001, template: ask-handover, recipient: kommune-1804, "
	               "date: 2026-10-05, respond_by: 2026-10-19, domain: housing}"
	               "\n  - {id: L-0002, template: about-domain, recipient: kommune-1804, "
	               "date: 2026-10-06, respond_by: 2026-10-20, domain: finances}"});
	prep_ok("remind", "kommune-1804", SP_HOUSING, false);
	ck_assert_str_eq(dr.about, "L-0001");
	ck_assert(dr.asks_handover);
	ck_assert_str_eq(log_respond_by(), "2026-12-04");
	prep_ok("remind", "kommune-1804", SP_FINANCES, false);
	ck_assert_str_eq(dr.about, "L-0002");
	ck_assert(!dr.asks_handover);
	ck_assert_str_eq(log_respond_by(), "2026-12-18");
	/* no earlier letter, but a handover requested of the recipient: the same deadline */
	make_case((parts){
	    .sentence = "{type: prison, start: 2026-09-01, release: 2026-12-18}",
	    .handovers = "\n  - {domain: housing, to: kommune-1804, requested: 2026-10-05}"});
	prep_ok("remind", "kommune-1804", SP_HOUSING, false);
	ck_assert_ptr_null(dr.about);
	ck_assert(dr.asks_handover);
	ck_assert_str_eq(log_respond_by(), "2026-12-04");
}
END_TEST

/* A reminder of a letter that asked for an answer at once says so, not the date its log
 * keeps: the handover request of Monday 2026-11-16 came on its deadline (release
 * 2026-11-30 minus 14), and three working days end Thursday 19th. Once the log's date is
 * not the one that goes with "snarest" (the release was moved since), the date is told. */
START_TEST(reminder_of_soonest)
{
	make_case((parts){.letters = "\n  - {id: L-0001, template: ask-handover, recipient: "
	                             "kommune-1804, date: 2026-11-16, respond_by: 2026-11-19, "
	                             "domain: housing}"});
	prep_ok("remind", "kommune-1804", SP_HOUSING, false);
	ck_assert_str_eq(dr.about, "L-0001");
	const json_t *ab = letter_key("about");
	ck_assert(json_is_true(json_object_get(ab, "soonest")));
	ck_assert_ptr_null(json_object_get(ab, "respond_by"));
	ck_assert_ptr_null(json_object_get(ab, "respond_by_text"));
	make_case((parts){.letters = "\n  - {id: L-0001, template: ask-handover, recipient: "
	                             "kommune-1804, date: 2026-11-16, respond_by: 2026-11-20, "
	                             "domain: housing}"});
	prep_ok("remind", "kommune-1804", SP_HOUSING, false);
	ab = letter_key("about");
	ck_assert_ptr_null(json_object_get(ab, "soonest"));
	ck_assert_str_eq(json_string_value(json_object_get(ab, "respond_by")), "2026-11-20");
}
END_TEST

/* --- 5. header errors --------------------------------------------------------------------- */

/* Write NAME.mustache with text and expect sp_templates_get to fail with a message that
 * starts "DIR/NAME.mustache:LINE:COL: " and contains what. */
static void header_error(const char *name, const char *text, unsigned line, unsigned col,
                         const char *what)
{
	char file[128], prefix[512];
	snprintf(file, sizeof file, "%s.mustache", name);
	write_file(tpl, file, text);
	char *e = NULL;
	ck_assert_ptr_null(sp_templates_get(tc, name, &e));
	ck_assert_ptr_nonnull(e);
	snprintf(prefix, sizeof prefix, "%s/%s:%u:%u: ", tpl, file, line, col);
	ck_assert_msg(strncmp(e, prefix, strlen(prefix)) == 0, "expected `%s…`, got: %s", prefix,
	              e);
	has(e, what);
	free(e);
}

START_TEST(header_errors)
{
	/* line 1 is `---`; the misspelt key on line 8 */
	header_error("t-unknown",
	             "---\n"
	             "id: t-unknown\n"
	             "title: T\n"
	             "recipient: any\n"
	             "domains: all\n"
	             "reveals: needs\n"
	             "guide: g\n"
	             "respons_days: 14\n"
	             "---\n"
	             "body\n",
	             8, 1, "unknown header key `respons_days`; did you mean `response_days`?");
	/* the id (line 3, its value at column 5) is not the file's name */
	header_error("t-wrongid",
	             "---\n"
	             "title: T\n"
	             "id: other\n"
	             "recipient: any\n"
	             "domains: all\n"
	             "reveals: needs\n"
	             "guide: g\n"
	             "---\n",
	             3, 5, "`id: other` but the file is t-wrongid.mustache");
	/* the recipient (line 5, value at column 12) is no agency type */
	header_error("t-recipient",
	             "---\n"
	             "id: t-recipient\n"
	             "title: T\n"
	             "guide: g\n"
	             "recipient: kommune\n"
	             "domains: all\n"
	             "reveals: needs\n"
	             "---\n",
	             5, 12, "`recipient` must be an agency type");
	/* `reveals: none` (line 7, value at column 10) with a domain */
	header_error("t-none",
	             "---\n"
	             "id: t-none\n"
	             "title: T\n"
	             "guide: g\n"
	             "recipient: any\n"
	             "domains: [housing]\n"
	             "reveals: none\n"
	             "---\n",
	             7, 10, "`reveals: none` goes with `domains: []`");
	/* subject_domains (line 6, value at column 18) tells a domain the letter may not reveal */
	header_error("t-subject",
	             "---\n"
	             "id: t-subject\n"
	             "title: T\n"
	             "recipient: any\n"
	             "domains: [housing]\n"
	             "subject_domains: [housing, finances]\n"
	             "reveals: needs\n"
	             "guide: g\n"
	             "---\n",
	             6, 18, "`subject_domains` must be among `domains`");
	/* an item that is no domain (line 6, column 19) */
	header_error("t-subject-word",
	             "---\n"
	             "id: t-subject-word\n"
	             "title: T\n"
	             "recipient: any\n"
	             "domains: all\n"
	             "subject_domains: [rus]\n"
	             "reveals: needs\n"
	             "guide: g\n"
	             "---\n",
	             6, 19, "not a domain; use physical_health");
	/* neither a list nor all (line 6, column 18) */
	header_error("t-subject-text",
	             "---\n"
	             "id: t-subject-text\n"
	             "title: T\n"
	             "recipient: any\n"
	             "domains: all\n"
	             "subject_domains: housing\n"
	             "reveals: needs\n"
	             "guide: g\n"
	             "---\n",
	             6, 18, "`subject_domains:`, the domains the letter's subject reveals");
	/* `handover` (line 7, value at column 11) is true or false */
	header_error("t-handover",
	             "---\n"
	             "id: t-handover\n"
	             "title: T\n"
	             "recipient: any\n"
	             "domains: all\n"
	             "handover: yes\n"
	             "reveals: needs\n"
	             "guide: g\n"
	             "---\n",
	             6, 11, "`handover` is true for a letter that asks a service to take over");
	/* and a good header is read: its fields, and its body starts on line 11 */
	char text[1024];
	snprintf(text, sizeof text,
	         "---\nid: t-good\ntitle: God\nrecipient: nav\ndomains: [finances, housing]\n"
	         "reveals: domain\nresponse_days: 9\nabout: refused\nguide: g\n---\nBody {{x}}\n");
	write_file(tpl, "t-good.mustache", text);
	char *e = NULL;
	const sp_letter_template *t = sp_templates_get(tc, "t-good", &e);
	ck_assert_msg(t != NULL, "%s", e ? e : "");
	ck_assert_str_eq(t->id, "t-good");
	ck_assert_str_eq(t->title, "God");
	ck_assert_int_eq(t->recipient, SP_AGENCY_NAV);
	ck_assert_uint_eq(t->domains, BIT(SP_FINANCES) | BIT(SP_HOUSING));
	ck_assert_int_eq(t->reveals, SP_REVEAL_DOMAIN);
	ck_assert_int_eq(t->about, SP_ABOUT_REFUSED);
	ck_assert_int_eq(t->response_days, 9);
	ck_assert(!t->handover); /* without the key */
	ck_assert_str_eq(t->body, "Body {{x}}\n");
	ck_assert_uint_eq(t->body_line, 11);
	/* without subject_domains the subject may tell any domain the letter may reveal */
	ck_assert_uint_eq(t->subject_domains, t->domains);
	write_file(tpl, "t-subject-good.mustache",
	           "---\nid: t-subject-good\ntitle: God\nrecipient: nav\n"
	           "domains: [finances, housing]\nsubject_domains: [finances]\nreveals: needs\n"
	           "guide: g\n---\nBody\n");
	t = sp_templates_get(tc, "t-subject-good", &e);
	ck_assert_msg(t != NULL, "%s", e ? e : "");
	ck_assert_uint_eq(t->subject_domains, BIT(SP_FINANCES));
	write_file(tpl, "t-subject-all.mustache",
	           "---\nid: t-subject-all\ntitle: Alt\nrecipient: any\ndomains: all\n"
	           "subject_domains: all\nreveals: domain\nguide: g\n---\nBody\n");
	t = sp_templates_get(tc, "t-subject-all", &e);
	ck_assert_msg(t != NULL, "%s", e ? e : "");
	ck_assert_uint_eq(t->subject_domains, SP_ALL_DOMAINS);
	write_file(tpl, "t-handover-good.mustache",
	           "---\nid: t-handover-good\ntitle: Over\nrecipient: any\ndomains: all\n"
	           "reveals: domain\nresponse_days: 21\nhandover: true\nguide: g\n---\nBody\n");
	t = sp_templates_get(tc, "t-handover-good", &e);
	ck_assert_msg(t != NULL, "%s", e ? e : "");
	ck_assert(t->handover);
}
END_TEST

/* --- 6. partial names --------------------------------------------------------------------- */

/* A name that is not an id renders as nothing, and the loader says why. */
static void bad_partial(const char *name, const char *why)
{
	free(sp_templates_error(tc));
	char *p = sp_templates_partial(name, tc);
	ck_assert_msg(p == NULL, "partial `%s` was loaded: %s", name, p);
	char *e = sp_templates_error(tc);
	ck_assert_msg(e != NULL, "no error for partial `%s`", name);
	has(e, why);
	free(e);
	/* the error is handed out once */
	ck_assert_ptr_null(sp_templates_error(tc));
}

START_TEST(partial_names)
{
	/* files the bad names could reach if they were taken as paths */
	write_file(root, "x.mustache", "outside the folder\n");
	write_file(tpl, ".hidden.mustache", "hidden\n");
	bad_partial("../x", "is not a template name");
	bad_partial("/etc/passwd", "is not a template name");
	bad_partial(".hidden", "is not a template name");
	bad_partial("no-such-partial", "there is no partial `no-such-partial`");

	/* a link out of the folder */
	char target[512], link[512];
	snprintf(target, sizeof target, "%s/x.mustache", root);
	snprintf(link, sizeof link, "%s/escape.mustache", tpl);
	ck_assert_int_eq(symlink(target, link), 0);
	bad_partial("escape", "leads outside");
	/* out of it into a sibling folder whose name starts with the folder's */
	char sib[300];
	snprintf(sib, sizeof sib, "%s-other", tpl);
	ck_assert_int_eq(mkdir(sib, 0700), 0);
	write_file(sib, "y.mustache", "in the sibling folder\n");
	snprintf(target, sizeof target, "%s/y.mustache", sib);
	snprintf(link, sizeof link, "%s/sibling.mustache", tpl);
	ck_assert_int_eq(symlink(target, link), 0);
	bad_partial("sibling", "leads outside");

	/* a link to a file in the folder itself is fine */
	write_file(tpl, "inner.mustache", "inner text\n");
	snprintf(link, sizeof link, "%s/alias.mustache", tpl);
	ck_assert_int_eq(symlink("inner.mustache", link), 0);
	char *p = sp_templates_partial("alias", tc);
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p, "inner text\n");
	free(p);
	ck_assert_ptr_null(sp_templates_error(tc));

	/* a letter template used as a partial: its header is left out */
	p = sp_templates_partial("nothing", tc);
	ck_assert_ptr_nonnull(p);
	ck_assert_str_eq(p, BODY);
	free(p);
}
END_TEST

/* Two folders with a partial of the same name: the first folder given wins; a partial only
 * the second has is found there; and a folder's file hides the built-in one of its name. */
START_TEST(partial_first_folder_wins)
{
	char a[256], b[256];
	snprintf(a, sizeof a, "%s/a", root);
	snprintf(b, sizeof b, "%s/b", root);
	ck_assert_int_eq(mkdir(a, 0700), 0);
	ck_assert_int_eq(mkdir(b, 0700), 0);
	write_file(a, "shared-part.mustache", "from a\n");
	write_file(b, "shared-part.mustache", "from b\n");
	write_file(b, "b-only.mustache", "only b\n");
	ck_assert_uint_gt(sp_builtin_template_count, 0);
	const char *builtin = sp_builtin_templates[0].name;
	char file[128];
	snprintf(file, sizeof file, "%s.mustache", builtin);
	write_file(b, file, "the user's own\n");

	const char *dirs[] = {a, b};
	char *e = NULL;
	sp_templates *t2 = sp_templates_new(dirs, 2, &e);
	ck_assert_msg(t2 != NULL, "%s", e ? e : "");
	char *p = sp_templates_partial("shared-part", t2);
	ck_assert_str_eq(p, "from a\n");
	free(p);
	p = sp_templates_partial("b-only", t2);
	ck_assert_str_eq(p, "only b\n");
	free(p);
	p = sp_templates_partial(builtin, t2);
	ck_assert_str_eq(p, "the user's own\n");
	free(p);
	ck_assert_ptr_null(sp_templates_error(t2));
	sp_templates_free(t2);

	/* the other way round, b wins */
	const char *dirs2[] = {b, a};
	t2 = sp_templates_new(dirs2, 2, &e);
	ck_assert_ptr_nonnull(t2);
	p = sp_templates_partial("shared-part", t2);
	ck_assert_str_eq(p, "from b\n");
	free(p);
	sp_templates_free(t2);

	/* without the folder, the built-in one (as compiled in) */
	t2 = sp_templates_new(NULL, 0, &e);
	ck_assert_ptr_nonnull(t2);
	p = sp_templates_partial(builtin, t2);
	ck_assert_ptr_nonnull(p);
	ck_assert_str_ne(p, "the user's own\n");
	free(p);
	sp_templates_free(t2);
}
END_TEST

/* --- 7. values are folded ------------------------------------------------------------------ */

/* A person's name with a line break and a heading after it: the letter shows it on one
 * line, so it cannot start a heading; a name that itself starts like a heading or a list
 * item gets a no-break space after its marker, so it is no markup either. */
START_TEST(values_folded)
{
	write_file(
	    tpl, "name-line.mustache",
	    "---\nid: name-line\ntitle: Navn\nrecipient: person\ndomains: []\nreveals: none\n"
	    "guide: g\n---\n"
	    "{{person.name}}\n"
	    "\n"
	    "Til {{person.name}}\n");
	make_case((parts){0});
	json_object_set_new(json_object_get(doc->root, "person"), "name",
	                    json_string("Kari\n# Injected\r\n- punkt"));
	prep_ok("name-line", NULL, -1, false);
	ck_assert_str_eq(dr.recipient, "person");
	char *m = markup();
	ck_assert_str_eq(m, "Kari # Injected  - punkt\n\nTil Kari # Injected  - punkt\n");
	for (const char *l = m; l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL)
		ck_assert_msg(strncmp(l, "# Injected", 10) != 0 && strncmp(l, "- punkt", 7) != 0,
		              "a value started a line: %s", m);
	free(m);

	json_object_set_new(json_object_get(doc->root, "person"), "name",
	                    json_string("# Injected"));
	prep_ok("name-line", NULL, -1, false);
	m = markup();
	ck_assert_str_eq(m, "#\xc2\xa0Injected\n\nTil #\xc2\xa0Injected\n");
	free(m);
	json_object_set_new(json_object_get(doc->root, "person"), "name", json_string("- punkt"));
	prep_ok("name-line", NULL, -1, false);
	m = markup();
	ck_assert_str_eq(m, "-\xc2\xa0punkt\n\nTil -\xc2\xa0punkt\n");
	free(m);
	/* and the letter has no heading */
	size_t n = 0;
	char *e = NULL;
	unsigned char *html = sp_letter_document("#\xc2\xa0Injected\n", 12, SP_LF_HTML,
	                                         &(sp_letter_meta){"t", NULL, D(DATE)}, &n, &e);
	ck_assert_ptr_nonnull(html);
	has((char *)html, "<p>#\xc2\xa0Injected</p>");
	has_not((char *)html, "<h1>");
	free(html);
}
END_TEST

/* --- 8. formats ------------------------------------------------------------------------------ */

/* Every block kind. The paragraph of sixteen 10-character words wraps at 76 columns:
 * seven words and six spaces are exactly 76, so 7 + 7 + 2. */
static const char fmt_markup[] =
    "^ Bodø fengsel\n"
    "^ Postboks 1, 8001 Bodø\n"
    "\n"
    "| NAV Bodø\n"
    "| Postboks 2\n"
    "\n"
    "~ Vår referanse: T-1/L-0001\n"
    "~ Dato: 23. november 2026\n"
    "\n"
    "# Søknad om bolig & <hjelp>\n"
    "\n"
    "## Bakgrunn\n"
    "\n"
    "ordnumme01 ordnumme02 ordnumme03 ordnumme04 ordnumme05 ordnumme06 ordnumme07\n"
    "ordnumme08 ordnumme09 ordnumme10 ordnumme11 ordnumme12 ordnumme13 ordnumme14 ordnumme15\n"
    "ordnumme16\n"
    "\n"
    "#1 i køen er *viktig* & <klar>\n"
    "\n"
    "- første punkt & mer\n"
    "- andre <punkt>\n"
    "\n"
    "Med vennlig hilsen\n";

static unsigned char *document(sp_letter_format f, size_t *n)
{
	sp_letter_meta meta = {"Søknad om bolig", "Bodø fengsel", D(DATE)};
	char *e = NULL;
	*n = 0;
	unsigned char *out = sp_letter_document(fmt_markup, strlen(fmt_markup), f, &meta, n, &e);
	ck_assert_msg(out != NULL, "%s: %s", sp_letter_format_ext(f), e ? e : "");
	ck_assert_uint_gt(*n, 0);
	return out;
}

static bool bytes_have(const unsigned char *b, size_t n, const char *s)
{
	size_t k = strlen(s);
	for (size_t i = 0; i + k <= n; i++)
		if (memcmp(b + i, s, k) == 0)
			return true;
	return false;
}

START_TEST(format_txt)
{
	size_t n;
	char *t = (char *)document(SP_LF_TXT, &n);
	ck_assert_uint_eq(n, strlen(t));
	has(t, "Bodø fengsel\nPostboks 1, 8001 Bodø\n\nNAV Bodø\nPostboks 2\n");
	/* the heading underlined as long as it is (25 characters, ø is one) */
	has(t, "\nSøknad om bolig & <hjelp>\n=========================\n");
	has(t, "\nBakgrunn\n--------\n");
	has(t, "\nordnumme01 ordnumme02 ordnumme03 ordnumme04 ordnumme05 ordnumme06 ordnumme07\n"
	       "ordnumme08 ordnumme09 ordnumme10 ordnumme11 ordnumme12 ordnumme13 ordnumme14\n"
	       "ordnumme15 ordnumme16\n");
	has(t, "\n  - første punkt & mer\n  - andre <punkt>\n");
	/* the reference right-aligned to column 76; no line longer than 76 characters */
	has(t, "\n                                                     Dato: 23. november 2026\n");
	for (const char *l = t; *l;) {
		const char *e = strchr(l, '\n');
		ck_assert_ptr_nonnull(e);
		size_t chars = 0;
		for (const char *p = l; p < e; p++)
			chars += ((unsigned char)*p & 0xc0) != 0x80;
		ck_assert_msg(chars <= 76, "a line of %zu characters: %.*s", chars, (int)(e - l),
		              l);
		l = e + 1;
	}
	free(t);
}
END_TEST

START_TEST(format_md)
{
	size_t n;
	char *t = (char *)document(SP_LF_MD, &n);
	ck_assert_uint_eq(n, strlen(t));
	has(t, "\n# Søknad om bolig & \\<hjelp\\>\n");
	has(t, "\n## Bakgrunn\n");
	/* the paragraph's leading # and its * are text, not a heading and emphasis */
	has(t, "\n\\#1 i køen er \\*viktig\\* & \\<klar\\>\n");
	has(t, "\n- første punkt & mer\n- andre \\<punkt\\>\n");
	/* letterhead and address lines are kept apart with hard breaks */
	has(t, "NAV Bodø\\\nPostboks 2\n");
	has_not(t, "\n#1");
	free(t);
}
END_TEST

START_TEST(format_html)
{
	size_t n;
	char *t = (char *)document(SP_LF_HTML, &n);
	ck_assert_uint_eq(n, strlen(t));
	has(t, "<title>Søknad om bolig</title>");
	has(t, "<h1>Søknad om bolig &amp; &lt;hjelp&gt;</h1>\n");
	has(t, "<h2>Bakgrunn</h2>\n");
	has(t, "<p>#1 i køen er *viktig* &amp; &lt;klar&gt;</p>\n");
	has(t, "<ul>\n<li>første punkt &amp; mer</li>\n<li>andre &lt;punkt&gt;</li>\n</ul>\n");
	has(t, "<p class=\"address\">NAV Bodø<br>\nPostboks 2</p>\n");
	has(t,
	    "<p class=\"reference\">Vår referanse: T-1/L-0001<br>\nDato: 23. november 2026</p>\n");
	has_not(t, "<hjelp>");
	has_not(t, "<klar>");
	has_not(t, "<punkt>");
	free(t);
}
END_TEST

START_TEST(format_odt)
{
	size_t n;
	unsigned char *b = document(SP_LF_ODT, &n);
	static const char mt[] = "application/vnd.oasis.opendocument.text";
	ck_assert_uint_gt(n, 38 + sizeof mt);
	ck_assert(memcmp(b, "PK\x03\x04", 4) == 0);
	/* the first entry is `mimetype`, stored (compression method 0) with no extra field,
	 * so its text stands at offset 38 */
	ck_assert_int_eq(b[8] | b[9] << 8, 0);
	ck_assert_int_eq(b[26] | b[27] << 8, 8);
	ck_assert_int_eq(b[28] | b[29] << 8, 0);
	ck_assert(memcmp(b + 30, "mimetype", 8) == 0);
	ck_assert(memcmp(b + 38, mt, sizeof mt - 1) == 0);
	ck_assert(bytes_have(b, n, "content.xml"));
	ck_assert(bytes_have(b, n, "META-INF/manifest.xml"));
	free(b);
}
END_TEST

START_TEST(format_docx)
{
	size_t n;
	unsigned char *b = document(SP_LF_DOCX, &n);
	ck_assert(memcmp(b, "PK\x03\x04", 4) == 0);
	ck_assert(bytes_have(b, n, "word/document.xml"));
	ck_assert(bytes_have(b, n, "[Content_Types].xml"));
	free(b);
}
END_TEST

START_TEST(format_pdf)
{
	size_t n;
	unsigned char *b = document(SP_LF_PDF, &n);
	ck_assert(memcmp(b, "%PDF-", 5) == 0);
	ck_assert_msg(bytes_have(b, n, "/CreationDate (20261123") ||
	                  bytes_have(b, n, "/CreationDate (D:20261123"),
	              "the PDF's creation date is not the letter's date");
	ck_assert(bytes_have(b, n, "%%EOF"));
	free(b);
}
END_TEST

/* The same markup and metadata give the same bytes, in every format. */
START_TEST(formats_reproducible)
{
	for (int f = SP_LF_TXT; f <= SP_LF_PDF; f++) {
		size_t n1, n2;
		unsigned char *a = document((sp_letter_format)f, &n1);
		unsigned char *b = document((sp_letter_format)f, &n2);
		ck_assert_msg(n1 == n2 && memcmp(a, b, n1) == 0, "%s differs between two runs",
		              sp_letter_format_ext((sp_letter_format)f));
		free(a);
		free(b);
	}
}
END_TEST

START_TEST(format_names)
{
	static const char *const names[] = {"txt", "md", "html", "odt", "docx", "pdf"};
	for (int f = SP_LF_TXT; f <= SP_LF_PDF; f++) {
		sp_letter_format g;
		ck_assert(sp_letter_format_parse(names[f], &g));
		ck_assert_int_eq(g, f);
		ck_assert_str_eq(sp_letter_format_ext((sp_letter_format)f), names[f]);
		ck_assert_int_eq(sp_letter_format_binary((sp_letter_format)f), f >= SP_LF_ODT);
	}
	sp_letter_format g;
	ck_assert(!sp_letter_format_parse("rtf", &g));
	ck_assert(!sp_letter_format_parse("PDF", &g));
}
END_TEST

/* The PDF writer keeps fonts between letters; let them go so that leak checkers see none. */
/* --- the property: no domain without consent, ever ------------------------------------- */

/* Every built-in template (with the recipient, domain and earlier letter that
 * tests/letters/letters.txt gives it, and a reminder about an unanswered nav-application)
 * against tests/letters/case.yaml, whose eight domains are all needs, under each of the 256
 * sets of domains consented to every recipient: a letter that is written tells its agency
 * recipient only consented domains (in the data the template sees, in the log entry and in
 * the list of needs the letter prints), its subject needs consent for one of the domains it
 * tells, no subject without consent is named anywhere (the markup, the title the document's
 * metadata carries, the file name), and with every domain consented every letter is
 * written. */
static const struct {
	const char *id, *to;
	int domain;
	const char *about;
} builtin_letters[] = {
    {"notice-of-sentence", NULL, -1, NULL},
    {"ip-request", NULL, -1, NULL},
    {"coordinator-request", NULL, -1, NULL},
    {"nav-application", NULL, -1, NULL},
    {"dps-appointment", NULL, -1, NULL},
    {"housing-application", NULL, -1, NULL},
    {"responsibility-group-invitation", NULL, -1, NULL},
    {"handover-request", "nav-narvik", SP_FINANCES, NULL},
    {"reminder", "nav-narvik", -1, "L-0004"},
    {"complaint", "kommune-1806", -1, NULL},
    {"information-to-person", NULL, -1, NULL},
    {"reminder", "nav-narvik", -1, "L-0007"},
};

/* The domains each built-in template's subject tells (its title and purpose), as the
 * catalogue must say them, and words of the subject that name it. */
static const struct {
	const char *id;
	sp_domain_set subject;
	const char *words; /* NULL: the subject names no domain */
} builtin_subjects[] = {
    {"notice-of-sentence", 0, NULL},
    {"ip-request", 0, NULL},
    {"coordinator-request", 0, NULL},
    {"nav-application", BIT(SP_FINANCES), "økonomisk stønad"},
    {"dps-appointment", BIT(SP_MENTAL_HEALTH) | BIT(SP_SUBSTANCE_USE), "ved DPS"},
    {"housing-application", BIT(SP_HOUSING), "Søknad om bolig"},
    {"responsibility-group-invitation", 0, NULL},
    {"handover-request", 0, NULL},
    {"reminder", 0, NULL},
    {"complaint", 0, NULL},
    {"information-to-person", 0, NULL},
};
#define NSUBJECTS (sizeof builtin_subjects / sizeof *builtin_subjects)

static sp_domain_set builtin_subject(const char *id)
{
	for (size_t i = 0; i < NSUBJECTS; i++)
		if (strcmp(builtin_subjects[i].id, id) == 0)
			return builtin_subjects[i].subject;
	ck_abort_msg("%s is not in builtin_subjects", id);
	return 0;
}

/* Every built-in letter template says in its header which domains its subject tells (the
 * key is there, not left to its default), and says what builtin_subjects says. */
START_TEST(builtin_subjects_in_the_catalogue)
{
	sp_templates *ptc = sp_templates_new(NULL, 0, NULL);
	size_t nids;
	char **ids = sp_templates_ids(ptc, &nids);
	ck_assert_uint_eq(nids, NSUBJECTS);
	for (size_t i = 0; i < nids; i++) {
		char *e = NULL;
		const sp_letter_template *t = sp_templates_get(ptc, ids[i], &e);
		ck_assert_msg(t != NULL, "%s", e ? e : "");
		ck_assert_msg(t->subject_domains == builtin_subject(ids[i]),
		              "%s: subject_domains %#x, expected %#x", ids[i], t->subject_domains,
		              builtin_subject(ids[i]));
		for (size_t b = 0; b < sp_builtin_template_count; b++)
			if (strcmp(sp_builtin_templates[b].name, ids[i]) == 0)
				ck_assert_msg(
				    strstr(sp_builtin_templates[b].text, "\nsubject_domains: "),
				    "%s does not say its subject_domains", ids[i]);
		free(ids[i]);
	}
	free(ids);
	sp_templates_free(ptc);
}
END_TEST

/* The template of letter id in case c, or NULL. */
static const char *letter_template_of(const json_t *c, const char *id)
{
	size_t i;
	json_t *l;
	json_array_foreach(json_object_get(c, "letters"), i, l)
	{
		if (id && strcmp(json_string_value(json_object_get(l, "id")), id) == 0)
			return json_string_value(json_object_get(l, "template"));
	}
	return NULL;
}

/* Nothing of letter l (its markup m) names the subject of a built-in template that tells
 * only domains outside allowed. */
static void names_no_subject(sp_templates *ptc, const sp_draft *l, const char *m,
                             sp_domain_set allowed, unsigned set)
{
	char *name = sp_letter_name("{id}-{template}-{recipient}-{letter}-{date}.{ext}",
	                            "2025-BOD-000311", l, "pdf");
	for (size_t i = 0; i < NSUBJECTS; i++) {
		if (!builtin_subjects[i].subject || (builtin_subjects[i].subject & allowed))
			continue;
		char *e = NULL;
		const sp_letter_template *st = sp_templates_get(ptc, builtin_subjects[i].id, &e);
		ck_assert_msg(st != NULL, "%s", e ? e : "");
		const char *what[] = {st->title, builtin_subjects[i].words};
		for (size_t w = 0; w < 2; w++) {
			ck_assert_msg(!strstr(m, what[w]), "%s names \"%s\" (consent %#x)",
			              l->t->id, what[w], set);
			ck_assert_msg(!strstr(l->t->title, what[w]),
			              "%s: the document's title names \"%s\" (consent %#x)",
			              l->t->id, what[w], set);
		}
		ck_assert_msg(!strstr(name, builtin_subjects[i].id),
		              "%s: the file %s (consent %#x)", l->t->id, name, set);
	}
	free(name);
}

static const char *const recipients[] = {"kommune-1806", "nav-narvik", "dps-narvik"};

static const char *const domain_cap_nb[] = {"Fysisk helse", "Psykisk helse", "Rus", "Bolig",
                                            "Økonomi", "Familie", "Juridiske forhold",
                                            "Arbeid og utdanning"};

static sp_doc *fixture_doc(const char *name)
{
	char path[512];
	snprintf(path, sizeof path, "%s/tests/letters/%s", SAMPLAN_SOURCE_DIR, name);
	sp_diags d = {0};
	sp_reader *r = sp_reader_open(path, NULL, &d);
	ck_assert_ptr_nonnull(r);
	sp_doc *out = NULL;
	ck_assert_int_eq(sp_reader_next(r, &out, &d), 1);
	sp_reader_close(r);
	sp_diags_free(&d);
	return out;
}

START_TEST(no_domain_without_consent)
{
	sp_doc *cd = fixture_doc("case.yaml"), *rd = fixture_doc("agencies.yaml");
	sp_agencies *preg = sp_agencies_new();
	sp_agencies_add(preg, rd->root);
	sp_rules *prules = sp_rules_default();
	sp_templates *ptc = sp_templates_new(NULL, 0, NULL);
	ck_assert_ptr_nonnull(ptc);
	size_t nids;
	char **ids = sp_templates_ids(ptc, &nids);
	/* every built-in template is tried */
	for (size_t i = 0; i < nids; i++) {
		size_t t = 0;
		while (t < sizeof builtin_letters / sizeof *builtin_letters &&
		       strcmp(builtin_letters[t].id, ids[i]) != 0)
			t++;
		ck_assert_msg(t < sizeof builtin_letters / sizeof *builtin_letters, "%s untried",
		              ids[i]);
		free(ids[i]);
	}
	free(ids);
	/* an unanswered nav-application to nav-narvik, for a reminder to repeat its title */
	json_array_append_new(json_object_get(cd->root, "letters"),
	                      json_pack("{s:s, s:s, s:s, s:s, s:s}", "id", "L-0007", "template",
	                                "nav-application", "recipient", "nav-narvik", "date",
	                                "2026-10-01", "respond_by", "2026-10-22"));
	unsigned written = 0, refused = 0, subject_refused = 0;
	for (unsigned set = 0; set <= SP_ALL_DOMAINS; set++) {
		json_t *consents = json_array();
		for (size_t r = 0; r < sizeof recipients / sizeof *recipients && set; r++) {
			json_t *ds = json_array();
			for (int d = 0; d < SP_DOMAIN_COUNT; d++)
				if (set & BIT(d))
					json_array_append_new(ds, json_string(sp_domain_name((sp_domain)d)));
			json_array_append_new(consents, json_pack("{s:s, s:o, s:s}", "recipient",
			                                          recipients[r], "domains", ds,
			                                          "given", "2025-01-01"));
		}
		json_object_set_new(cd->root, "consents", consents);
		for (size_t t = 0; t < sizeof builtin_letters / sizeof *builtin_letters; t++) {
			sp_letter_req req = {builtin_letters[t].id, builtin_letters[t].to,
			                     builtin_letters[t].domain, builtin_letters[t].about,
			                     D("2026-11-23"), false, 0};
			sp_draft l;
			char *e = NULL;
			int rc = sp_letter_prepare(cd->root, ptc, prules, preg, &req, &l, &e);
			if (set == SP_ALL_DOMAINS)
				ck_assert_msg(rc == 0, "%s with every consent: %s", req.template_id, e);
			ck_assert_msg(rc == 0 || rc == -2, "%s, consent %#x: %s", req.template_id, set, e);
			if (rc != 0) {
				refused++;
				subject_refused += strstr(e, "by its subject") != NULL;
				free(e);
				continue;
			}
			free(e);
			e = NULL;
			written++;
			bool person = strcmp(l.recipient, "person") == 0;
			sp_domain_set allowed = person ? SP_ALL_DOMAINS : set;
			ck_assert_msg((l.reveals & ~allowed) == 0, "%s reveals %#x, consent %#x",
			              req.template_id, l.reveals, set);
			/* the subject: the template's, and the earlier letter's title it repeats */
			const char *et = letter_template_of(cd->root, l.about);
			sp_domain_set subjects[] = {builtin_subject(l.t->id),
			                            et ? builtin_subject(et) : 0};
			for (size_t j = 0; j < 2; j++)
				ck_assert_msg(!subjects[j] || (subjects[j] & allowed),
				              "%s%s%s: its subject tells %#x, consent %#x",
				              req.template_id, et ? " about " : "", et ? et : "",
				              subjects[j], set);
			size_t k;
			json_t *n;
			json_array_foreach(json_object_get(l.view, "needs"), k, n)
			{
				int d = sp_domain_parse(json_string_value(json_object_get(n, "key")));
				ck_assert_msg(d >= 0 && (allowed & BIT(d)), "%s: need %s, consent %#x",
				              req.template_id, json_string_value(json_object_get(n, "key")),
				              set);
			}
			const char *lk = json_string_value(
			    json_object_get(json_object_get(json_object_get(l.view, "letter"), "domain"), "key"));
			ck_assert_msg(!lk || (allowed & BIT(sp_domain_parse(lk))), "%s about %s, consent %#x",
			              req.template_id, lk, set);
			json_t *entry = sp_letter_log_entry(&l, NULL);
			const char *ed = json_string_value(json_object_get(entry, "domain"));
			ck_assert(!ed || (allowed & BIT(sp_domain_parse(ed))));
			json_decref(entry);
			size_t mlen;
			char *m = sp_letter_markup(&l, ptc, &mlen, &e);
			ck_assert_msg(m != NULL, "%s: %s", req.template_id, e);
			for (int d = 0; d < SP_DOMAIN_COUNT; d++) {
				char line[64];
				snprintf(line, sizeof line, "\n- %s: ", domain_cap_nb[d]);
				ck_assert_msg((allowed & BIT(d)) || !strstr(m, line),
				              "%s lists %s without consent (%#x)", req.template_id,
				              domain_cap_nb[d], set);
			}
			names_no_subject(ptc, &l, m, allowed, set);
			free(m);
			sp_draft_clear(&l);
		}
	}
	/* both branches were taken many times */
	ck_assert_uint_gt(written, 1000);
	ck_assert_uint_gt(refused, 100);
	ck_assert_uint_gt(subject_refused, 100);
	sp_templates_free(ptc);
	sp_rules_free(prules);
	sp_agencies_free(preg);
	sp_doc_free(rd);
	sp_doc_free(cd);
}
END_TEST

static void fmt_teardown(void)
{
	sp_letterfmt_cleanup();
}

/* Issue 20, finding 3: an empty name (from -o '') made make_parents read past its copy of
 * it (ASan saw it). It names no file: refused with ENOENT, nothing made. */
START_TEST(letter_file_empty_name)
{
	sp_letter_files f = {0};
	errno = 0;
	ck_assert_int_eq(sp_letter_file_write(&f, "", 0600, false, "x", 1), -1);
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_int_eq(sp_letter_files_sync(&f), 0);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("letter");
	TCase *tc_consent = tcase_create("consent");
	tcase_add_checked_fixture(tc_consent, setup, teardown);
	tcase_add_test(tc_consent, consent_covers_all_needs);
	tcase_add_test(tc_consent, consent_missing_for_a_need);
	tcase_add_test(tc_consent, consent_withdrawn);
	tcase_add_test(tc_consent, consent_expired);
	tcase_add_test(tc_consent, consent_given_after_the_letter);
	tcase_add_test(tc_consent, consent_skipped);
	tcase_add_test(tc_consent, consent_reveals_none);
	tcase_add_test(tc_consent, consent_for_the_subject);
	tcase_add_test(tc_consent, consent_for_the_earlier_letters_subject);
	suite_add_tcase(s, tc_consent);

	TCase *tc_reveals = tcase_create("reveals");
	tcase_add_checked_fixture(tc_reveals, setup, teardown);
	tcase_add_test(tc_reveals, reveals_one_domain);
	tcase_add_test(tc_reveals, reveals_domain_outside_template);
	tcase_add_test(tc_reveals, reveals_single_domain_template);
	tcase_add_test(tc_reveals, reveals_needs_within_template_domains);
	suite_add_tcase(s, tc_reveals);

	TCase *tc_log = tcase_create("log");
	tcase_add_checked_fixture(tc_log, setup, teardown);
	tcase_add_test(tc_log, letter_ids);
	tcase_add_test(tc_log, respond_by_and_log_entry);
	tcase_add_test(tc_log, reminder_picks_latest_unanswered);
	tcase_add_test(tc_log, reminder_without_unanswered);
	tcase_add_test(tc_log, answer_date_fits_release);
	tcase_add_test(tc_log, answer_date_fits_handover_deadline);
	tcase_add_test(tc_log, answer_soonest);
	tcase_add_test(tc_log, reminder_answer_date);
	tcase_add_test(tc_log, reminder_of_soonest);
	suite_add_tcase(s, tc_log);

	TCase *tc_tpl = tcase_create("templates");
	tcase_add_checked_fixture(tc_tpl, setup, teardown);
	tcase_add_test(tc_tpl, header_errors);
	tcase_add_test(tc_tpl, partial_names);
	tcase_add_test(tc_tpl, partial_first_folder_wins);
	tcase_add_test(tc_tpl, values_folded);
	suite_add_tcase(s, tc_tpl);

	TCase *tc_prop = tcase_create("property");
	tcase_set_timeout(tc_prop, 300);
	tcase_add_test(tc_prop, builtin_subjects_in_the_catalogue);
	tcase_add_test(tc_prop, no_domain_without_consent);
	suite_add_tcase(s, tc_prop);

	TCase *tc_fmt = tcase_create("formats");
	tcase_add_checked_fixture(tc_fmt, NULL, fmt_teardown);
	tcase_set_timeout(tc_fmt, 60);
	tcase_add_test(tc_fmt, format_names);
	tcase_add_test(tc_fmt, format_txt);
	tcase_add_test(tc_fmt, format_md);
	tcase_add_test(tc_fmt, format_html);
	tcase_add_test(tc_fmt, format_odt);
	tcase_add_test(tc_fmt, format_docx);
	tcase_add_test(tc_fmt, format_pdf);
	tcase_add_test(tc_fmt, formats_reproducible);
	suite_add_tcase(s, tc_fmt);

	TCase *tc_files = tcase_create("files");
	tcase_add_test(tc_files, letter_file_empty_name);
	suite_add_tcase(s, tc_files);
	return s;
}
