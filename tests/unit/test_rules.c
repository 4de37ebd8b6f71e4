/* SPDX-License-Identifier: MIT */
/* test_rules.c — the screening rules: the built-in default, checking a rules document (every
 * problem with its key path, line and column) and loading a rules file. */
#include "unit.h"
#include "domain/rules.h"
#include "domain/screen.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

/* A compact, valid rules document; the line numbers matter (the tests below replace lines). */
static const char *const rules_lines[] = {
    /*  1 */ "samplan: 1",
    /*  2 */ "kind: rules",
    /*  3 */ "screening_timely_days: 14",
    /*  4 */ "short_sentence_days: 90",
    /*  5 */ "urgency:",
    /*  6 */ "  soon_extra_days: 30",
    /*  7 */ "  without_release: soon",
    /*  8 */ "domains:",
    /*  9 */ "  physical_health: {services: [health_service], lead_days: 14}",
    /* 10 */ "  mental_health: {services: [specialist_health, health_service], lead_days: 42}",
    /* 11 */ "  substance_use: {services: [municipality, specialist_health], lead_days: 42}",
    /* 12 */ "  housing: {services: [municipality], lead_days: 60}",
    /* 13 */ "  finances: {services: [nav], lead_days: 28}",
    /* 14 */ "  family: {services: [municipality], lead_days: 28}",
    /* 15 */ "  legal: {services: [legal_aid], lead_days: 14}",
    /* 16 */ "  work_education: {services: [nav, school], lead_days: 28}",
    /* 17 */ "individual_plan:",
    /* 18 */ "  min_needs: 2",
    /* 19 */ "  min_services: 2",
    /* 20 */ "  past_and_current: true",
    /* 21 */ "letters:",
    /* 22 */ "  - {template: notice-of-sentence, to: municipality, when: always}",
    /* 23 */ "  - {template: nav-application, to: nav, when: need, domain: finances}",
    /* 24 */ "  - {template: information-to-person, to: person, when: no_follow_up}",
    NULL};

/* The document with lines first..last (1-based) replaced by repl (NULL: removed; repl may
 * hold several lines). first 0: the document as it is. Caller frees. */
static char *rules_edit(int first, int last, const char *repl)
{
	size_t cap = 4096 + (repl ? strlen(repl) : 0);
	char *buf = malloc(cap);
	buf[0] = '\0';
	for (int i = 0; rules_lines[i]; i++) {
		int line = i + 1;
		if (first && line >= first && line <= last) {
			if (line == first && repl) {
				strcat(buf, repl);
				strcat(buf, "\n");
			}
			continue;
		}
		strcat(buf, rules_lines[i]);
		strcat(buf, "\n");
	}
	return buf;
}

/* Check text as a rules document; the rules (or NULL) and the problems in *d. */
static sp_rules *check_text(const char *text, sp_diags *d)
{
	sp_doc *doc = parse_ok(text);
	sp_rules *r = sp_rules_from_doc(doc, d);
	sp_doc_free(doc);
	return r;
}

/* Exactly one problem, of severity sev, at path, line:col, whose message holds msg. */
static void expect_one(const sp_diags *d, sp_severity sev, const char *path, unsigned line,
		       unsigned col, const char *msg)
{
	bool ok = d->n == 1 && d->v[0].severity == sev && strcmp(d->v[0].path, path) == 0 &&
		  d->v[0].pos.line == line && d->v[0].pos.col == col && strstr(d->v[0].msg, msg);
	for (size_t i = 0; !ok && i < d->n; i++) /* show what came instead */
		fprintf(stderr, "  got %s:%u:%u: %s: %s\n", d->v[i].file, d->v[i].pos.line,
			d->v[i].pos.col, d->v[i].path, d->v[i].msg);
	ck_assert_uint_eq(d->n, 1);
	ck_assert_int_eq(d->v[0].severity, sev);
	ck_assert_str_eq(d->v[0].file, "t.yaml");
	ck_assert_str_eq(d->v[0].path, path);
	ck_assert_uint_eq(d->v[0].pos.line, line);
	ck_assert_uint_eq(d->v[0].pos.col, col);
	ck_assert_msg(strstr(d->v[0].msg, msg), "message \"%s\" lacks \"%s\"", d->v[0].msg, msg);
}

/* Replace lines first..last with repl and expect one error at path, line:col saying msg. */
static void broken(int first, int last, const char *repl, const char *path, unsigned line,
		   unsigned col, const char *msg)
{
	char *text = rules_edit(first, last, repl);
	sp_diags d = {0};
	sp_rules *r = check_text(text, &d);
	ck_assert_ptr_null(r);
	expect_one(&d, SP_ERROR, path, line, col, msg);
	ck_assert_uint_eq(d.errors, 1);
	sp_diags_free(&d);
	free(text);
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap + 1);
	size_t got;
	while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap)
			buf = realloc(buf, (cap *= 2) + 1);
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Write text to a new temporary file; returns its name (caller unlinks and frees). */
static char *temp_file(const char *text)
{
	char *name = strdup("/tmp/samplan-test-rules-XXXXXX");
	int fd = mkstemp(name);
	ck_assert_int_ge(fd, 0);
	FILE *f = fdopen(fd, "w");
	fputs(text, f);
	fclose(f);
	return name;
}

START_TEST(default_rules_match_the_file)
{
	sp_rules *r = sp_rules_default();
	ck_assert_ptr_nonnull(r);
	/* rules/default.yaml: screening_timely_days 14, short_sentence_days 90,
	 * urgency {soon_extra_days 30, without_release soon} */
	ck_assert_int_eq(r->screening_timely_days, 14);
	ck_assert_int_eq(r->short_sentence_days, 90);
	ck_assert_int_eq(r->soon_extra_days, 30);
	ck_assert_int_eq(r->without_release, SP_SOON);
	/* lead days per domain, in the file's numbers */
	static const int lead[SP_DOMAIN_COUNT] = {14, 42, 42, 60, 28, 28, 14, 28};
	for (int d = 0; d < SP_DOMAIN_COUNT; d++)
		ck_assert_int_eq(r->domain[d].lead_days, lead[d]);
	/* services, in the file's order (the first is the one to contact) */
	ck_assert_uint_eq(r->domain[SP_PHYSICAL_HEALTH].nservices, 1);
	ck_assert_int_eq(r->domain[SP_PHYSICAL_HEALTH].services[0], SP_AGENCY_HEALTH_SERVICE);
	ck_assert_uint_eq(r->domain[SP_MENTAL_HEALTH].nservices, 2);
	ck_assert_int_eq(r->domain[SP_MENTAL_HEALTH].services[0], SP_AGENCY_SPECIALIST_HEALTH);
	ck_assert_int_eq(r->domain[SP_MENTAL_HEALTH].services[1], SP_AGENCY_HEALTH_SERVICE);
	ck_assert_uint_eq(r->domain[SP_SUBSTANCE_USE].nservices, 2);
	ck_assert_int_eq(r->domain[SP_SUBSTANCE_USE].services[0], SP_AGENCY_MUNICIPALITY);
	ck_assert_int_eq(r->domain[SP_SUBSTANCE_USE].services[1], SP_AGENCY_SPECIALIST_HEALTH);
	ck_assert_uint_eq(r->domain[SP_HOUSING].nservices, 1);
	ck_assert_int_eq(r->domain[SP_HOUSING].services[0], SP_AGENCY_MUNICIPALITY);
	ck_assert_int_eq(r->domain[SP_FINANCES].services[0], SP_AGENCY_NAV);
	ck_assert_int_eq(r->domain[SP_FAMILY].services[0], SP_AGENCY_MUNICIPALITY);
	ck_assert_int_eq(r->domain[SP_LEGAL].services[0], SP_AGENCY_LEGAL_AID);
	ck_assert_uint_eq(r->domain[SP_WORK_EDUCATION].nservices, 2);
	ck_assert_int_eq(r->domain[SP_WORK_EDUCATION].services[0], SP_AGENCY_NAV);
	ck_assert_int_eq(r->domain[SP_WORK_EDUCATION].services[1], SP_AGENCY_SCHOOL);
	/* individual_plan {min_needs 2, min_services 2, past_and_current true} */
	ck_assert_int_eq(r->ip_min_needs, 2);
	ck_assert_int_eq(r->ip_min_services, 2);
	ck_assert(r->ip_past_and_current);
	/* eight letters, in the file's order */
	ck_assert_uint_eq(r->nletters, 8);
	static const char *const tmpl[] = {"notice-of-sentence", "ip-request", "coordinator-request",
					   "responsibility-group-invitation", "nav-application",
					   "housing-application", "dps-appointment",
					   "information-to-person"};
	static const int to[] = {SP_AGENCY_MUNICIPALITY, SP_AGENCY_MUNICIPALITY, SP_AGENCY_MUNICIPALITY,
				 SP_AGENCY_MUNICIPALITY, SP_AGENCY_NAV, SP_AGENCY_MUNICIPALITY,
				 SP_AGENCY_SPECIALIST_HEALTH, SP_TO_PERSON};
	static const sp_letter_when when[] = {SP_WHEN_ALWAYS, SP_WHEN_IP_NOT_REQUESTED,
					      SP_WHEN_COORDINATOR_MISSING, SP_WHEN_GROUP_MISSING,
					      SP_WHEN_NEED, SP_WHEN_NEED, SP_WHEN_NEED,
					      SP_WHEN_NO_FOLLOW_UP};
	static const int dom[] = {-1, -1, -1, -1, SP_FINANCES, SP_HOUSING, SP_MENTAL_HEALTH, -1};
	for (size_t i = 0; i < 8; i++) {
		ck_assert_str_eq(r->letters[i].template_id, tmpl[i]);
		ck_assert_int_eq(r->letters[i].to, to[i]);
		ck_assert_int_eq(r->letters[i].when, when[i]);
		ck_assert_int_eq(r->letters[i].domain, dom[i]);
	}
	sp_rules_free(r);
}
END_TEST

START_TEST(default_rules_equal_the_loaded_file)
{
	/* every value of the built-in rules equals rules/default.yaml read as a rules file */
	sp_diags d = {0};
	sp_rules *f = sp_rules_load(SAMPLAN_SOURCE_DIR "/rules/default.yaml", &d);
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(d.n, 0);
	sp_rules *r = sp_rules_default();
	ck_assert_int_eq(r->screening_timely_days, f->screening_timely_days);
	ck_assert_int_eq(r->short_sentence_days, f->short_sentence_days);
	ck_assert_int_eq(r->soon_extra_days, f->soon_extra_days);
	ck_assert_int_eq(r->without_release, f->without_release);
	for (int i = 0; i < SP_DOMAIN_COUNT; i++) {
		ck_assert_int_eq(r->domain[i].lead_days, f->domain[i].lead_days);
		ck_assert_uint_eq(r->domain[i].nservices, f->domain[i].nservices);
		for (size_t k = 0; k < r->domain[i].nservices; k++)
			ck_assert_int_eq(r->domain[i].services[k], f->domain[i].services[k]);
	}
	ck_assert_int_eq(r->ip_min_needs, f->ip_min_needs);
	ck_assert_int_eq(r->ip_min_services, f->ip_min_services);
	ck_assert_int_eq(r->ip_past_and_current, f->ip_past_and_current);
	ck_assert_uint_eq(r->nletters, f->nletters);
	for (size_t i = 0; i < r->nletters; i++) {
		ck_assert_str_eq(r->letters[i].template_id, f->letters[i].template_id);
		ck_assert_int_eq(r->letters[i].to, f->letters[i].to);
		ck_assert_int_eq(r->letters[i].when, f->letters[i].when);
		ck_assert_int_eq(r->letters[i].domain, f->letters[i].domain);
	}
	sp_rules_free(r);
	sp_rules_free(f);
	sp_diags_free(&d);
}
END_TEST

START_TEST(default_text_is_the_file)
{
	size_t len;
	char *file = read_file(SAMPLAN_SOURCE_DIR "/rules/default.yaml", &len);
	const char *text = sp_rules_default_text();
	ck_assert_uint_eq(strlen(text), len); /* the same length, NUL-terminated */
	ck_assert(memcmp(text, file, len) == 0);
	/* and the text, read as a rules document, checks without a single problem */
	sp_diags d = {0};
	sp_rules *r = check_text(text, &d);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(d.n, 0);
	sp_rules_free(r);
	sp_diags_free(&d);
	free(file);
}
END_TEST

START_TEST(compact_template_is_valid)
{
	char *text = rules_edit(0, 0, NULL);
	sp_diags d = {0};
	sp_rules *r = check_text(text, &d);
	ck_assert_ptr_nonnull(r);
	ck_assert_uint_eq(d.n, 0);
	ck_assert_uint_eq(r->nletters, 3);
	ck_assert_int_eq(r->letters[1].domain, SP_FINANCES);
	ck_assert_int_eq(r->letters[2].to, SP_TO_PERSON);
	sp_rules_free(r);
	sp_diags_free(&d);
	free(text);
}
END_TEST

START_TEST(missing_keys)
{
	/* without line 6 the urgency mapping starts at `without_release` (line 6, column 3) */
	broken(6, 6, NULL, "urgency.soon_extra_days", 6, 3,
	       "is missing; add `soon_extra_days:` with a whole number under urgency");
	/* without housing (line 12): reported where the domains mapping starts, line 9 col 3 */
	broken(12, 12, NULL, "domains.housing", 9, 3,
	       "is missing; add `housing:` with a mapping of keys and values under domains");
	/* a domain's own keys */
	broken(12, 12, "  housing: {services: [municipality]}", "domains.housing.lead_days", 12, 12,
	       "is missing; add `lead_days:`");
	broken(12, 12, "  housing: {lead_days: 60}", "domains.housing.services", 12, 12,
	       "is missing; add `services:`");
	/* a top-level key: reported at the start of the document */
	broken(17, 20, NULL, "individual_plan", 1, 1, "is missing; add `individual_plan:`");
	broken(21, 24, NULL, "letters", 1, 1, "is missing; add `letters:`");
	broken(20, 20, NULL, "individual_plan.past_and_current", 18, 3,
	       "is missing; add `past_and_current:` with true or false");
	/* a letter rule without `to` (the item starts at column 5 of line 22) */
	broken(22, 22, "  - {template: notice-of-sentence, when: always}", "letters[0].to", 22, 5,
	       "is missing; add `to:`");
}
END_TEST

START_TEST(unknown_domain_key)
{
	/* an extra domain under domains: a warning at the key (line 13 column 3); the rules load */
	char *text = rules_edit(13, 13, "  prisoner_finances: {services: [nav], lead_days: 28}\n"
				      "  finances: {services: [nav], lead_days: 28}");
	sp_diags d = {0};
	sp_rules *r = check_text(text, &d);
	ck_assert_ptr_nonnull(r);
	expect_one(&d, SP_WARNING, "domains.prisoner_finances", 13, 3,
		   "`prisoner_finances` is not a known key under `domains`");
	ck_assert_uint_eq(d.errors, 0);
	sp_rules_free(r);
	sp_diags_free(&d);
	/* with diags.strict the same is an error and there are no rules */
	sp_diags strict = {.strict = true};
	r = check_text(text, &strict);
	ck_assert_ptr_null(r);
	expect_one(&strict, SP_ERROR, "domains.prisoner_finances", 13, 3, "is not a known key");
	sp_diags_free(&strict);
	free(text);

	/* a typo inside a domain: did you mean, with the key's place (line 12 column 39) */
	text = rules_edit(12, 12, "  housing: {services: [municipality], lead_day: 60, lead_days: 60}");
	sp_diags d2 = {0};
	r = check_text(text, &d2);
	ck_assert_ptr_nonnull(r);
	expect_one(&d2, SP_WARNING, "domains.housing.lead_day", 12, 39, "did you mean `lead_days`?");
	sp_rules_free(r);
	sp_diags_free(&d2);
	free(text);
}
END_TEST

START_TEST(bad_services)
{
	/* "  housing: {services: [" — the list starts at column 23, its items at 24 and 38 */
	broken(12, 12, "  housing: {services: [], lead_days: 60}", "domains.housing.services", 12, 23,
	       "is empty; it needs at least one item");
	broken(12, 12, "  housing: {services: [municipality, kommune], lead_days: 60}",
	       "domains.housing.services[1]", 12, 38, "is not one of the allowed words");
	broken(12, 12, "  housing: {services: [municipality, municipalty], lead_days: 60}",
	       "domains.housing.services[1]", 12, 38, "did you mean `municipality`?");
	/* person is a recipient of letters, not a service */
	broken(12, 12, "  housing: {services: [person], lead_days: 60}", "domains.housing.services[0]",
	       12, 24, "is not one of the allowed words");
	broken(12, 12, "  housing: {services: [municipality, municipality], lead_days: 60}",
	       "domains.housing.services[1]", 12, 38, "repeats item [0] of this list");
	broken(12, 12, "  housing: {services: municipality, lead_days: 60}", "domains.housing.services",
	       12, 23, "must be a list, not text");
}
END_TEST

START_TEST(bad_lead_days)
{
	/* "  housing: {services: [municipality], lead_days: " — the value is at column 50 */
	broken(12, 12, "  housing: {services: [municipality], lead_days: -1}",
	       "domains.housing.lead_days", 12, 50, "must be between 0 and 3650");
	broken(12, 12, "  housing: {services: [municipality], lead_days: sixty}",
	       "domains.housing.lead_days", 12, 50, "must be a whole number, not text");
	broken(12, 12, "  housing: {services: [municipality], lead_days: \"60\"}",
	       "domains.housing.lead_days", 12, 50, "must be a whole number, not text");
	broken(6, 6, "  soon_extra_days: -30", "urgency.soon_extra_days", 6, 20,
	       "must be between 0 and 3650");
	broken(3, 3, "screening_timely_days: 2.5", "screening_timely_days", 3, 24,
	       "must be a whole number, not a decimal number");
	broken(18, 18, "  min_needs: 9", "individual_plan.min_needs", 18, 14, "must be between 0 and 8");
	broken(20, 20, "  past_and_current: yes", "individual_plan.past_and_current", 20, 21,
	       "must be true or false");
}
END_TEST

START_TEST(bad_without_release)
{
	/* released is an urgency, but not one a case without a release date can have */
	broken(7, 7, "  without_release: released", "urgency.without_release", 7, 20,
	       "is not one of the allowed words: urgent, soon, routine");
	broken(7, 7, "  without_release: son", "urgency.without_release", 7, 20,
	       "did you mean `soon`?");
}
END_TEST

START_TEST(bad_letters)
{
	/* "  - {template: notice-of-sentence, to: municipality, when: " — `when` value at col 60 */
	broken(22, 22, "  - {template: notice-of-sentence, to: municipality, when: allways}",
	       "letters[0].when", 22, 60, "did you mean `always`?");
	broken(22, 22, "  - {template: notice-of-sentence, to: municipality, when: sometimes}",
	       "letters[0].when", 22, 60, "is not one of the allowed words: always, ip_indicated");
	/* `when: need` without a domain: reported at the letter rule (line 23, column 5) */
	broken(23, 23, "  - {template: nav-application, to: nav, when: need}", "letters[1].domain", 23, 5,
	       "is missing; `when: need` needs the domain");
	/* a domain with another `when`: at the domain's value, column 76 */
	broken(22, 22, "  - {template: notice-of-sentence, to: municipality, when: always, domain: housing}",
	       "letters[0].domain", 22, 76, "only goes with `when: need`");
	/* an unknown domain in a letter rule */
	broken(23, 23, "  - {template: nav-application, to: nav, when: need, domain: money}",
	       "letters[1].domain", 23, 62, "is not one of the allowed words");
	/* `to` unknown: "  - {template: nav-application, to: " — value at column 37 */
	broken(23, 23, "  - {template: nav-application, to: nva, when: need, domain: finances}",
	       "letters[1].to", 23, 37, "did you mean `nav`?");
	broken(24, 24, "  - {template: information-to-person, to: persn, when: no_follow_up}",
	       "letters[2].to", 24, 43, "did you mean `person`?");
	broken(23, 23, "  - {template: nav-application, to: kommune-1804, when: need, domain: finances}",
	       "letters[1].to", 23, 37, "is not one of the allowed words");
	/* a template that is not an id */
	broken(23, 23, "  - {template: nav application, to: nav, when: need, domain: finances}",
	       "letters[1].template", 23, 16, "is not a valid id");
	broken(21, 24, "letters: {template: x, to: nav, when: always}", "letters", 21, 10,
	       "must be a list");
}
END_TEST

START_TEST(bad_kind_and_version)
{
	broken(2, 2, "kind: case", "kind", 2, 7, "must be `rules` in a rules file");
	broken(2, 2, "kind: Rules", "kind", 2, 7, "must be `rules` in a rules file");
	broken(2, 2, NULL, "kind", 1, 1, "must be `rules` in a rules file");
	broken(1, 1, "samplan: 2", "samplan", 1, 10, "must be 1");
	broken(1, 1, NULL, "samplan", 1, 1, "is missing; add `samplan:`");
	/* a document that is not a mapping */
	sp_diags d = {0};
	ck_assert_ptr_null(check_text("- samplan: 1\n- kind: rules\n", &d));
	expect_one(&d, SP_ERROR, "", 1, 1, "a rules document is a mapping");
	sp_diags_free(&d);
}
END_TEST

START_TEST(several_problems_all_reported)
{
	/* two broken values: both reported, in document order */
	char *text = rules_edit(12, 13, "  housing: {services: [], lead_days: 60}\n"
				      "  finances: {services: [nav], lead_days: -5}");
	sp_diags d = {0};
	ck_assert_ptr_null(check_text(text, &d));
	ck_assert_uint_eq(d.errors, 2);
	ck_assert_str_eq(d.v[0].path, "domains.housing.services");
	ck_assert_uint_eq(d.v[0].pos.line, 12);
	ck_assert_str_eq(d.v[1].path, "domains.finances.lead_days");
	ck_assert_uint_eq(d.v[1].pos.line, 13);
	sp_diags_free(&d);
	free(text);
}
END_TEST

START_TEST(load_two_documents)
{
	char *one = rules_edit(0, 0, NULL);
	char *two = malloc(2 * strlen(one) + 8);
	sprintf(two, "%s---\n%s", one, one);
	char *path = temp_file(two);
	sp_diags d = {0};
	ck_assert_ptr_null(sp_rules_load(path, &d));
	ck_assert_uint_eq(d.errors, 1);
	ck_assert_uint_eq(d.n, 1);
	ck_assert_str_eq(d.v[0].file, path);
	ck_assert_uint_eq(d.v[0].doc, 2);
	ck_assert_uint_eq(d.v[0].pos.line, 26); /* 24 lines, then `---` on line 25 */
	ck_assert(strstr(d.v[0].msg, "a rules file holds one document"));
	sp_diags_free(&d);
	unlink(path);
	free(path);
	free(two);
	free(one);
}
END_TEST

START_TEST(load_missing_and_empty_files)
{
	sp_diags d = {0};
	ck_assert_ptr_null(sp_rules_load("/nonexistent/samplan/rules.yaml", &d));
	ck_assert_uint_ge(d.errors, 1);
	ck_assert_str_eq(d.v[0].file, "/nonexistent/samplan/rules.yaml");
	sp_diags_free(&d);
	/* an empty file is no rules: an error must say so, not just return NULL */
	char *path = temp_file("");
	ck_assert_ptr_null(sp_rules_load(path, &d));
	ck_assert_uint_ge(d.errors, 1);
	ck_assert_str_eq(d.v[0].file, path);
	sp_diags_free(&d);
	unlink(path);
	free(path);
	/* a broken file: the error carries the file name */
	char *text = rules_edit(7, 7, "  without_release: released");
	path = temp_file(text);
	ck_assert_ptr_null(sp_rules_load(path, &d));
	ck_assert_uint_eq(d.errors, 1);
	ck_assert_str_eq(d.v[0].file, path);
	ck_assert_str_eq(d.v[0].path, "urgency.without_release");
	ck_assert_uint_eq(d.v[0].pos.line, 7);
	sp_diags_free(&d);
	unlink(path);
	free(path);
	free(text);
}
END_TEST

/* A case with a housing need (past and current, no contact) and a finances need (current, no
 * contact), release 2026-11-30, consent to kommune-1804 for all domains. */
static const char *custom_case =
    "samplan: 1\n"
    "kind: case\n"
    "id: T-RULES\n"
    "person:\n"
    "  name: Kari Nordmann\n"
    "  home_municipality: {number: \"1804\", name: Bodø}\n"
    "unit: {id: bodo-fengsel, name: Bodø fengsel, type: prison}\n"
    "sentence: {type: prison, start: 2026-09-01, release: 2026-11-30}\n"
    "consents:\n"
    "  - {recipient: kommune-1804, domains: [all], given: 2026-09-03}\n"
    "screening:\n"
    "  date: 2026-09-20\n"
    "  wants_follow_up: true\n"
    "  domains:\n"
    "    physical_health: {past: false, current: false, contact: null, needs: []}\n"
    "    mental_health: {past: false, current: false, contact: null, needs: []}\n"
    "    substance_use: {past: false, current: false, contact: null, needs: []}\n"
    "    housing: {past: true, current: true, contact: null, needs: []}\n"
    "    finances: {past: false, current: true, contact: null, needs: []}\n"
    "    family: {past: false, current: false, contact: null, needs: []}\n"
    "    legal: {past: false, current: false, contact: null, needs: []}\n"
    "    work_education: {past: false, current: false, contact: null, needs: []}\n";

START_TEST(custom_rules_change_the_outcome)
{
	sp_doc *c = parse_ok(custom_case);
	sp_date as_of;
	ck_assert(sp_date_parse("2026-10-01", &as_of)); /* 60 days to release */
	sp_rules *def = sp_rules_default();
	sp_assessment a;
	sp_assess(c->root, def, NULL, as_of, &a);
	/* built-in: screened 19 days after start (> 14): late; 90-day sentence: not short;
	 * housing lead 60 → 60 days left is urgent; finances lead 28, +30 = 58 < 60 → routine;
	 * 2 needs, 2 services (municipality, nav), housing past and current → IP indicated */
	ck_assert(!a.screening_timely);
	ck_assert(!a.short_sentence);
	ck_assert_uint_eq(a.nneeds, 2);
	ck_assert_int_eq(a.needs[0].urgency, SP_URGENT);
	ck_assert_int_eq(a.needs[1].urgency, SP_ROUTINE);
	ck_assert(a.ip_indicated);

	/* custom: timely within 30 days, short under 100, housing lead 30 (60 > 30 + 20 →
	 * routine), finances lead 45 (60 ≤ 45 + 20 → soon), finances served by municipality too
	 * (the same service as housing → 1 service < 2: no IP) */
	char *text = rules_edit(3, 16, "screening_timely_days: 30\n"
				      "short_sentence_days: 100\n"
				      "urgency:\n"
				      "  soon_extra_days: 20\n"
				      "  without_release: urgent\n"
				      "domains:\n"
				      "  physical_health: {services: [health_service], lead_days: 14}\n"
				      "  mental_health: {services: [specialist_health], lead_days: 42}\n"
				      "  substance_use: {services: [municipality], lead_days: 42}\n"
				      "  housing: {services: [municipality], lead_days: 30}\n"
				      "  finances: {services: [municipality], lead_days: 45}\n"
				      "  family: {services: [municipality], lead_days: 28}\n"
				      "  legal: {services: [legal_aid], lead_days: 14}\n"
				      "  work_education: {services: [school], lead_days: 28}");
	char *path = temp_file(text);
	sp_diags d = {0};
	sp_rules *custom = sp_rules_load(path, &d);
	ck_assert_ptr_nonnull(custom);
	ck_assert_uint_eq(d.n, 0);
	sp_assess(c->root, custom, NULL, as_of, &a);
	ck_assert(a.screening_timely);
	ck_assert(a.short_sentence);
	ck_assert_uint_eq(a.nneeds, 2);
	ck_assert_int_eq(a.needs[0].urgency, SP_ROUTINE);
	ck_assert_int_eq(a.needs[1].urgency, SP_SOON);
	ck_assert_int_eq(a.needs[1].rule->services[0], SP_AGENCY_MUNICIPALITY);
	ck_assert(!a.ip_indicated);
	ck_assert(!a.coordinator_required);

	/* a remand case (no release date) with one legal need: built-in without_release is
	 * soon, the custom rules say urgent */
	sp_doc *c2 = parse_ok("samplan: 1\nkind: case\nid: T-2\nperson:\n  name: Kari\n"
			      "  home_municipality: {number: \"1804\", name: Bodø}\n"
			      "unit: {id: bodo-fengsel, name: Bodø fengsel, type: prison}\n"
			      "sentence: {type: remand, start: 2026-09-01}\n"
			      "screening:\n  date: 2026-09-02\n  wants_follow_up: true\n  domains:\n"
			      "    legal: {past: false, current: false, contact: null, needs: [assessment]}\n");
	sp_assess(c2->root, def, NULL, as_of, &a);
	ck_assert_uint_eq(a.nneeds, 1);
	ck_assert_int_eq(a.needs[0].urgency, SP_SOON);
	ck_assert(!a.ip_indicated); /* 1 need < 2 */
	sp_assess(c2->root, custom, NULL, as_of, &a);
	ck_assert_int_eq(a.needs[0].urgency, SP_URGENT);
	sp_rules_free(custom);
	sp_diags_free(&d);
	unlink(path);
	free(path);
	free(text);

	/* min_needs 1, min_services 1, past_and_current false: one need alone calls for an IP */
	text = rules_edit(18, 20, "  min_needs: 1\n  min_services: 1\n  past_and_current: false");
	custom = check_text(text, &d);
	ck_assert_ptr_nonnull(custom);
	sp_assess(c2->root, custom, NULL, as_of, &a);
	ck_assert(a.ip_indicated);
	ck_assert(a.coordinator_required);
	sp_rules_free(custom);
	sp_diags_free(&d);
	free(text);
	sp_doc_free(c2);
	sp_rules_free(def);
	sp_doc_free(c);
}
END_TEST

START_TEST(urgency_names)
{
	ck_assert_str_eq(sp_urgency_name(SP_URGENT), "urgent");
	ck_assert_str_eq(sp_urgency_name(SP_SOON), "soon");
	ck_assert_str_eq(sp_urgency_name(SP_ROUTINE), "routine");
	ck_assert_str_eq(sp_urgency_name(SP_RELEASED), "released");
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("rules");
	TCase *tc = tcase_create("rules");
	tcase_add_test(tc, default_rules_match_the_file);
	tcase_add_test(tc, default_rules_equal_the_loaded_file);
	tcase_add_test(tc, default_text_is_the_file);
	tcase_add_test(tc, compact_template_is_valid);
	tcase_add_test(tc, missing_keys);
	tcase_add_test(tc, unknown_domain_key);
	tcase_add_test(tc, bad_services);
	tcase_add_test(tc, bad_lead_days);
	tcase_add_test(tc, bad_without_release);
	tcase_add_test(tc, bad_letters);
	tcase_add_test(tc, bad_kind_and_version);
	tcase_add_test(tc, several_problems_all_reported);
	tcase_add_test(tc, load_two_documents);
	tcase_add_test(tc, load_missing_and_empty_files);
	tcase_add_test(tc, custom_rules_change_the_outcome);
	tcase_add_test(tc, urgency_names);
	suite_add_tcase(s, tc);
	return s;
}
