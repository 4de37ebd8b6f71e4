/* SPDX-License-Identifier: MIT */
/* test_validate.c — sp_validate(): every shape rule and consistency rule of samplan-case(5),
 * each with its count of problems, severity, key path, line, column and message; the
 * examples pass --strict; no message ever repeats a value of the document.
 *
 * Most tests start from CASE (or AGENCIES), a small document that is valid even in strict
 * mode, change one thing in it, and look for exactly the problem that change should cause.
 * The expected place is found in the changed text itself (where()), so a test names the
 * line it means ("  start: 2026-09-01", at "start") rather than a number that drifts. */
#include "unit.h"
#include "domain/validate.h"

#include <dirent.h>
#include <stdlib.h>

/* The rule table below leaves out the trailing fields a row does not need. */
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"

#ifndef SAMPLAN_SOURCE_DIR
#error "SAMPLAN_SOURCE_DIR must name the source tree (the build defines it)"
#endif

/* --- the base documents ------------------------------------------------------------------ */

#define HEAD "samplan: 1\nkind: case\nid: case-1\n"
#define PERSON                                                                                  \
	"person:\n"                                                                             \
	"  name: Kari Nordmann\n"                                                               \
	"  born: 1990-04-12\n"                                                                  \
	"  home_municipality:\n"                                                                \
	"    number: \"1804\"\n"                                                                \
	"    name: Bodo\n"                                                                      \
	"  language: nb\n"                                                                      \
	"  address: Storgata 1\n"
#define UNIT "unit:\n  id: bodo-fengsel\n  name: Bodo fengsel\n  type: prison\n"
#define SENTENCE                                                                                \
	"sentence:\n"                                                                           \
	"  type: prison\n"                                                                      \
	"  start: 2026-09-01\n"                                                                 \
	"  release: 2026-11-30\n"                                                               \
	"  security: closed\n"                                                                  \
	"  supervision_after_release: true\n"
#define OFFICERS "contact_officers:\n  - name: Ola Hansen\n    role: contact_officer\n"
#define CONSENTS                                                                                \
	"consents:\n"                                                                           \
	"  - recipient: kommune-1804\n"                                                         \
	"    domains: [housing, finances]\n"                                                    \
	"    given: 2026-09-03\n"                                                               \
	"    expires: 2027-09-03\n"                                                             \
	"    withdrawn: null\n"
#define DOMAINS                                                                                 \
	"  domains:\n"                                                                          \
	"    physical_health: {past: false, current: false, contact: null, needs: []}\n"        \
	"    mental_health: {past: false, current: false, contact: null, needs: []}\n"          \
	"    substance_use: {past: false, current: false, contact: null, needs: []}\n"          \
	"    housing:\n"                                                                        \
	"      past: true\n"                                                                    \
	"      current: true\n"                                                                 \
	"      contact: null\n"                                                                 \
	"      needs: [contact]\n"                                                              \
	"      note: Mistet leiligheten.\n"                                                     \
	"    finances: {past: false, current: true, contact: NAV Bodo, needs: [assessment]}\n"  \
	"    family: {past: false, current: false, contact: null, needs: []}\n"                 \
	"    legal: {past: false, current: false, contact: null, needs: []}\n"                  \
	"    work_education: {past: false, current: false, contact: null, needs: []}\n"
#define SCREENING                                                                               \
	"screening:\n"                                                                          \
	"  date: 2026-09-03\n"                                                                  \
	"  by: Ola Hansen\n"                                                                    \
	"  wants_follow_up: true\n" DOMAINS
#define IP                                                                                      \
	"ip:\n"                                                                                 \
	"  status: requested\n"                                                                 \
	"  requested: 2026-09-06\n"                                                             \
	"  coordinator:\n"                                                                      \
	"    name: Per Pettersen\n"                                                             \
	"    agency: kommune-1804\n"                                                            \
	"    appointed: 2026-09-20\n"
#define GROUP                                                                                   \
	"responsibility_group:\n"                                                               \
	"  established: 2026-10-01\n"                                                           \
	"  members:\n"                                                                          \
	"    - {name: Per Pettersen, agency: kommune-1804, role: coordinator}\n"                \
	"  meetings:\n"                                                                         \
	"    - {date: 2026-10-01, time: \"13:00\", participants: [kommune-1804], note: Forste mote}\n"
/* The two plans use the same goal id and the same measure id: that is allowed. */
#define PLAN1                                                                                   \
	"  - id: fp-1\n"                                                                        \
	"    type: future_plan\n"                                                               \
	"    owner: bodo-fengsel\n"                                                             \
	"    updated: 2026-10-02\n"                                                             \
	"    period: {from: 2026-09-01, to: 2026-11-30}\n"                                      \
	"    goals:\n"                                                                          \
	"      - id: g1\n"                                                                      \
	"        domain: housing\n"                                                             \
	"        text: Egen bolig\n"                                                            \
	"        measures:\n"                                                                   \
	"          - id: m1\n"                                                                  \
	"            text: Soke kommunal bolig\n"                                               \
	"            responsible: kommune-1804\n"                                               \
	"            due: 2026-11-01\n"                                                         \
	"            status: planned\n"                                                         \
	"      - id: g2\n"                                                                      \
	"        domain: finances\n"                                                            \
	"        text: Orden i okonomien\n"                                                     \
	"        measures:\n"                                                                   \
	"          - id: m2\n"                                                                  \
	"            text: Soke sosialhjelp\n"
#define PLAN2                                                                                   \
	"  - id: ip-1\n"                                                                        \
	"    type: individual_plan\n"                                                           \
	"    owner: kommune-1804\n"                                                             \
	"    goals:\n"                                                                          \
	"      - id: g1\n"                                                                      \
	"        domain: other\n"                                                               \
	"        text: Bolig\n"                                                                 \
	"        measures:\n"                                                                   \
	"          - id: m1\n"                                                                  \
	"            text: Tildele bolig\n"
#define LETTERS                                                                                 \
	"letters:\n"                                                                            \
	"  - id: L-0001\n"                                                                      \
	"    template: ip-request\n"                                                            \
	"    recipient: kommune-1804\n"                                                         \
	"    date: 2026-09-05\n"                                                                \
	"    respond_by: 2026-09-26\n"                                                          \
	"    response: {date: 2026-09-20, outcome: granted}\n"                                  \
	"  - id: L-0002\n"                                                                      \
	"    template: information-to-person\n"                                                 \
	"    recipient: person\n"                                                               \
	"    date: 2026-09-06\n"
#define HANDOVERS                                                                               \
	"handovers:\n"                                                                          \
	"  - domain: housing\n"                                                                 \
	"    to: kommune-1804\n"                                                                \
	"    requested: 2026-10-01\n"                                                           \
	"    confirmed: 2026-10-20\n"                                                           \
	"    confirmed_by: Per Pettersen\n"                                                     \
	"    declined: null\n"
#define HISTORY                                                                                 \
	"history:\n"                                                                            \
	"  - at: 2026-10-20T14:03:11+02:00\n"                                                   \
	"    user: ohansen\n"                                                                   \
	"    tool: samplan-record\n"                                                            \
	"    event: handover-confirmed\n"                                                       \
	"    keys: [handovers.0.confirmed, handovers.0.confirmed_by]\n"                         \
	"  - {at: 2026-11-02T09:15:00Z, user: solsen, tool: samplan-letter-gen, event: sent}\n"
#define ASSESSMENT                                                                              \
	"assessment:\n"                                                                         \
	"  as_of: 2026-11-22\n"                                                                 \
	"  days_to_release: 8\n"                                                                \
	"  short_sentence: true\n"                                                              \
	"  screening_timely: true\n"                                                            \
	"  risk_areas: 2\n"                                                                     \
	"  needs:\n"                                                                            \
	"    - domain: housing\n"                                                               \
	"      actions: [contact]\n"                                                            \
	"      services: [municipality]\n"                                                      \
	"      urgency: urgent\n"                                                               \
	"      consent: given\n"                                                                \
	"  ip_indicated: true\n"                                                                \
	"  coordinator_required: true\n"                                                        \
	"  letters: [{template: ip-request, recipient: kommune-1804}]\n"                       \
	"  warnings: []\n"

static const char CASE[] = HEAD PERSON UNIT SENTENCE OFFICERS CONSENTS SCREENING IP GROUP
    "plans:\n" PLAN1 PLAN2 LETTERS HANDOVERS HISTORY ASSESSMENT;

#define AGENCY1                                                                                 \
	"  - id: kommune-1804\n"                                                                \
	"    name: Bodo kommune\n"                                                              \
	"    type: municipality\n"                                                              \
	"    municipality: \"1804\"\n"                                                          \
	"    address: [Postboks 319, 8001 Bodo]\n"                                              \
	"    email: postmottak@example.no\n"                                                    \
	"    contact: {name: Per Pettersen, phone: \"+47 75 55 50 00\"}\n"                      \
	"    response_days: 21\n"                                                               \
	"    agreements:\n"                                                                     \
	"      - title: Samarbeidsavtale\n"                                                     \
	"        date: 2025-03-01\n"                                                            \
	"        reference: \"25/1234\"\n"
#define AGENCY2 "  - id: nav-bodo\n    name: NAV Bodo\n    type: nav\n"
#define AGENCY_LIST "agencies:\n" AGENCY1 AGENCY2

static const char AGENCIES[] = "samplan: 1\nkind: agencies\n" AGENCY_LIST;

/* --- helpers ----------------------------------------------------------------------------- */

/* The one occurrence of needle in hay[0..len); fails the test if there are none or several. */
static const char *once(const char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	const char *found = NULL;
	for (const char *p = hay; p + n <= hay + len; p++) {
		if (memcmp(p, needle, n) != 0)
			continue;
		ck_assert_msg(!found, "the test text holds `%s` more than once", needle);
		found = p;
	}
	ck_assert_msg(found, "the test text does not hold `%s`", needle);
	return found;
}

/* text with find replaced by repl; find must occur once inside section (NULL: the whole
 * text), and section once in text. Caller frees. */
static char *edit(const char *text, const char *section, const char *find, const char *repl)
{
	const char *scope = text;
	size_t scope_len = strlen(text);
	if (section) {
		scope = once(text, scope_len, section);
		scope_len = strlen(section);
	}
	const char *p = once(scope, scope_len, find);
	size_t head = (size_t)(p - text), flen = strlen(find), rlen = strlen(repl);
	size_t tail = strlen(p + flen);
	char *out = malloc(head + rlen + tail + 1);
	ck_assert_ptr_nonnull(out);
	memcpy(out, text, head);
	memcpy(out + head, repl, rlen);
	memcpy(out + head + rlen, p + flen, tail + 1);
	return out;
}

/* Where sub starts inside the one occurrence of at in text (sub NULL: where at starts);
 * lines and columns from 1, columns counted in characters. */
static sp_pos where(const char *text, const char *at, const char *sub)
{
	const char *p = once(text, strlen(text), at);
	if (sub) {
		const char *q = strstr(p, sub);
		ck_assert_msg(q && q + strlen(sub) <= p + strlen(at), "`%s` is not inside `%s`", sub,
			      at);
		p = q;
	}
	sp_pos pos = {1, 1};
	for (const char *s = text; s < p; s++) {
		if (*s == '\n')
			pos.line++, pos.col = 1;
		else if ((*s & 0xC0) != 0x80)
			pos.col++;
	}
	return pos;
}

static void dump(const char *name, const sp_diags *d)
{
	fprintf(stderr, "%s: %zu problem(s):\n", name, d->n);
	for (size_t i = 0; i < d->n; i++)
		fprintf(stderr, "  %u:%u %s [%s] %s\n", d->v[i].pos.line, d->v[i].pos.col,
			d->v[i].severity == SP_ERROR ? "error" : "warning", d->v[i].path, d->v[i].msg);
}

/* Checks that hold for every problem sp_validate reports on a document parsed by parse_ok:
 * it has a place, it belongs to the document, and its message holds no value of the
 * document (the tests write such values as MARKER…). */
static void check_every_problem(const char *name, const sp_diags *d)
{
	size_t errors = 0, warnings = 0;
	for (size_t i = 0; i < d->n; i++) {
		const sp_diag *p = &d->v[i];
		if (strstr(p->msg, "MARKER") || strstr(p->path, "MARKER"))
			dump(name, d);
		ck_assert_msg(!strstr(p->msg, "MARKER"), "%s: a message repeats a value: %s", name,
			      p->msg);
		ck_assert_msg(!strstr(p->path, "MARKER"), "%s: a path holds a value: %s", name,
			      p->path);
		ck_assert_msg(p->pos.line > 0 && p->pos.col > 0, "%s: [%s] %s has no place", name,
			      p->path, p->msg);
		ck_assert_str_eq(p->file, "t.yaml");
		ck_assert_uint_eq(p->doc, 1);
		if (p->severity == SP_ERROR)
			errors++;
		else
			warnings++;
	}
	ck_assert_uint_eq(errors, d->errors);
	ck_assert_uint_eq(warnings, d->warnings);
}

/* parse_ok names every document t.yaml, the name the messages are expected to carry. */
static sp_doc *parse_doc(const char *text)
{
	sp_doc *doc = parse_ok(text);
	ck_assert_str_eq(doc->file, "t.yaml");
	return doc;
}

/* Validate text; caller frees the result with sp_diags_free. */
static sp_diags validate_text(const char *name, const char *text, bool strict)
{
	sp_doc *doc = parse_doc(text);
	sp_diags d = {.strict = strict};
	size_t errors = sp_validate(doc, &d);
	sp_doc_free(doc);
	ck_assert_uint_eq(errors, d.errors);
	check_every_problem(name, &d);
	return d;
}

/* The one problem with this path (fails if there is none, or more than one). */
static const sp_diag *problem_at(const char *name, const sp_diags *d, const char *path)
{
	const sp_diag *found = NULL;
	size_t n = 0;
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->v[i].path, path) == 0)
			found = &d->v[i], n++;
	if (n != 1)
		dump(name, d);
	ck_assert_msg(n == 1, "%s: %zu problems with path `%s`, expected 1", name, n, path);
	return found;
}

static void check_problem(const char *name, const sp_diag *p, sp_severity sev, sp_pos pos,
			  const char *fragment)
{
	ck_assert_msg(p->severity == sev, "%s: [%s] is %s, expected %s", name, p->path,
		      p->severity == SP_ERROR ? "an error" : "a warning",
		      sev == SP_ERROR ? "an error" : "a warning");
	ck_assert_msg(p->pos.line == pos.line && p->pos.col == pos.col,
		      "%s: [%s] at %u:%u, expected %u:%u", name, p->path, p->pos.line, p->pos.col,
		      pos.line, pos.col);
	ck_assert_msg(strstr(p->msg, fragment), "%s: [%s] message `%s` lacks `%s`", name, p->path,
		      p->msg, fragment);
}

static void check_counts(const char *name, const sp_diags *d, size_t errors, size_t warnings)
{
	if (d->errors != errors || d->warnings != warnings)
		dump(name, d);
	ck_assert_msg(d->errors == errors && d->warnings == warnings,
		      "%s: %zu errors and %zu warnings, expected %zu and %zu", name, d->errors,
		      d->warnings, errors, warnings);
}

/* --- one change, one problem: the table ------------------------------------------------- */

enum { OK = 0, ERR = 1, WARN = 2, STRICT = 4 };

struct rule {
	const char *name;
	const char *base;     /* NULL: CASE */
	const char *section;  /* where find is looked for; NULL: the whole base */
	const char *find, *repl;
	int flags;            /* OK: no problem at all; ERR or WARN: the one problem; STRICT */
	size_t errors, warnings; /* when more than the one problem is expected (else 0, 0) */
	const char *path;
	const char *at, *at_sub; /* the place: at_sub inside the one occurrence of at */
	const char *fragment;
	const char *find2, *repl2; /* a second change (in the whole text), if any */
};

/* A row that changes CASE: its name, and NULL for the base. */
#define R(name) name, NULL

static const struct rule rules[] = {
    /* --- required keys missing (reported where their mapping starts) --- */
    {R("samplan missing"), NULL, "samplan: 1\n", "", ERR, 0, 0, "samplan", "kind: case", NULL,
     "is missing; add `samplan:`"},
    {R("id missing"), NULL, "id: case-1\n", "", ERR, 0, 0, "id", "samplan: 1", NULL,
     "is missing; add `id:` with an id"},
    {R("person missing"), NULL, PERSON, "", ERR, 0, 0, "person", "samplan: 1", NULL,
     "is missing; add `person:`"},
    {R("unit missing"), NULL, UNIT, "", ERR, 0, 0, "unit", "samplan: 1", NULL,
     "is missing; add `unit:`"},
    {R("sentence missing"), NULL, SENTENCE, "", ERR, 0, 0, "sentence", "samplan: 1", NULL,
     "is missing; add `sentence:`"},
    {R("person.name missing"), PERSON, "  name: Kari Nordmann\n", "", ERR, 0, 0, "person.name",
     "  born: 1990-04-12", "born", "is missing; add `name:` with text under person"},
    {R("person.home_municipality missing"), PERSON,
     "  home_municipality:\n    number: \"1804\"\n    name: Bodo\n", "", ERR, 0, 0,
     "person.home_municipality", "person:\n  name", "name", "is missing; add `home_municipality:`"},
    {R("home_municipality.number missing"), PERSON, "    number: \"1804\"\n", "", ERR, 0, 0,
     "person.home_municipality.number", "    name: Bodo", "name", "is missing; add `number:`"},
    {R("home_municipality.name missing"), PERSON, "    name: Bodo\n", "", ERR, 0, 0,
     "person.home_municipality.name", "    number: \"1804\"", "number",
     "is missing; add `name:` with text under home_municipality"},
    {R("unit.id missing"), UNIT, "  id: bodo-fengsel\n", "", ERR, 0, 0, "unit.id",
     "unit:\n  name", "name", "is missing; add `id:`"},
    {R("unit.name missing"), UNIT, "  name: Bodo fengsel\n", "", ERR, 0, 0, "unit.name",
     "unit:\n  id", "id", "is missing; add `name:`"},
    {R("unit.type missing"), UNIT, "  type: prison\n", "", ERR, 0, 0, "unit.type", "unit:\n  id",
     "id", "is missing; add `type:` with one of the listed words under unit"},
    {R("sentence.type missing"), SENTENCE, "  type: prison\n", "", ERR, 0, 0, "sentence.type",
     "sentence:\n  start", "start", "is missing; add `type:`"},
    {R("sentence.start missing"), SENTENCE, "  start: 2026-09-01\n", "", ERR, 0, 0,
     "sentence.start", "sentence:\n  type", "type", "is missing; add `start:` with a date"},
    {R("sentence.release missing"), SENTENCE, "  release: 2026-11-30\n", "", ERR, 0, 0,
     "sentence.release", "sentence:\n  type", "type",
     "is missing; add the expected release date (YYYY-MM-DD) — only remand may leave it out"},
    {R("screening.date missing"), SCREENING, "  date: 2026-09-03\n", "", ERR, 0, 0,
     "screening.date", "screening:\n  by", "by", "is missing; add `date:`"},
    {R("screening.wants_follow_up missing"), SCREENING, "  wants_follow_up: true\n", "", ERR, 0, 0,
     "screening.wants_follow_up", "screening:\n  date", "date",
     "is missing; add `wants_follow_up:` with true or false"},
    {R("screening.domains missing"), SCREENING, DOMAINS, "", ERR, 0, 0, "screening.domains",
     "screening:\n  date", "date", "is missing; add `domains:`"},
    {R("domain past missing"), DOMAINS, "      past: true\n", "", ERR, 0, 0,
     "screening.domains.housing.past", "    housing:\n      current", "current",
     "is missing; add `past:` with true or false under housing"},
    {R("domain current missing"), DOMAINS, "      current: true\n", "", ERR, 0, 0,
     "screening.domains.housing.current", "    housing:\n      past", "past",
     "is missing; add `current:`"},
    {R("domain needs missing"), DOMAINS, "      needs: [contact]\n", "", ERR, 0, 0,
     "screening.domains.housing.needs", "    housing:\n      past", "past",
     "is missing; add `needs:` with a list"},
    {R("flow domain needs missing"), DOMAINS, "legal: {past: false, current: false, contact: null, needs: []}",
     "legal: {past: false, current: false, contact: null}", ERR, 0, 0,
     "screening.domains.legal.needs", "legal: {past", "{", "is missing; add `needs:`"},
    {R("consent recipient missing"), CONSENTS, "  - recipient: kommune-1804\n    domains",
     "  - domains", ERR, 0, 0, "consents[0].recipient", "  - domains: [housing", "domains",
     "is missing; add `recipient:` with an id"},
    {R("consent domains missing"), CONSENTS, "    domains: [housing, finances]\n", "", ERR, 0, 0,
     "consents[0].domains", "- recipient: kommune-1804\n    given", "recipient",
     "is missing; add `domains:`"},
    {R("consent given missing"), CONSENTS, "    given: 2026-09-03\n", "", ERR, 0, 0,
     "consents[0].given", "- recipient: kommune-1804\n    domains", "recipient",
     "is missing; add `given:` with a date"},
    {R("plan id missing"), PLAN1, "  - id: fp-1\n    type", "  - type", ERR, 0, 0, "plans[0].id",
     "  - type: future_plan", "type", "is missing; add `id:`"},
    {R("plan type missing"), PLAN1, "    type: future_plan\n", "", ERR, 0, 0, "plans[0].type",
     "- id: fp-1", "id", "is missing; add `type:`"},
    {R("plan owner missing"), PLAN1, "    owner: bodo-fengsel\n", "", ERR, 0, 0, "plans[0].owner",
     "- id: fp-1", "id", "is missing; add `owner:` with an id"},
    {R("goal id missing"), PLAN1, "      - id: g1\n        domain", "      - domain", ERR, 0, 0,
     "plans[0].goals[0].id", "      - domain: housing", "domain", "is missing; add `id:`"},
    {R("goal domain missing"), PLAN1, "        domain: housing\n", "", ERR, 0, 0,
     "plans[0].goals[0].domain", "- id: g1\n        text: Egen", "id",
     "is missing; add `domain:`"},
    {R("goal text missing"), PLAN1, "        text: Egen bolig\n", "", ERR, 0, 0,
     "plans[0].goals[0].text", "- id: g1\n        domain: housing", "id",
     "is missing; add `text:` with text"},
    {R("measure id missing"), PLAN1, "          - id: m1\n            text", "          - text",
     ERR, 0, 0, "plans[0].goals[0].measures[0].id", "          - text: Soke kommunal", "text",
     "is missing; add `id:`"},
    {R("measure text missing"), PLAN1, "            text: Soke kommunal bolig\n", "", ERR, 0, 0,
     "plans[0].goals[0].measures[0].text", "- id: m1\n            responsible", "id",
     "is missing; add `text:`"},
    {R("letter id missing"), LETTERS, "  - id: L-0001\n    template", "  - template", ERR, 0, 0,
     "letters[0].id", "  - template: ip-request", "template", "is missing; add `id:`"},
    {R("letter template missing"), LETTERS, "    template: ip-request\n", "", ERR, 0, 0,
     "letters[0].template", "- id: L-0001", "id", "is missing; add `template:`"},
    {R("letter recipient missing"), LETTERS, "    recipient: kommune-1804\n", "", ERR, 0, 0,
     "letters[0].recipient", "- id: L-0001", "id", "is missing; add `recipient:`"},
    {R("letter date missing"), LETTERS, "    date: 2026-09-05\n", "", ERR, 0, 0,
     "letters[0].date", "- id: L-0001", "id", "is missing; add `date:` with a date"},
    {R("letter response outcome missing"), LETTERS, "{date: 2026-09-20, outcome: granted}",
     "{date: 2026-09-20}", ERR, 0, 0, "letters[0].response.outcome", "{date: 2026-09-20}", NULL,
     "is missing; add `outcome:`"},
    {R("letter response date missing"), LETTERS, "{date: 2026-09-20, outcome: granted}",
     "{outcome: granted}", ERR, 0, 0, "letters[0].response.date", "{outcome: granted}", NULL,
     "is missing; add `date:`"},
    {R("handover domain missing"), HANDOVERS, "  - domain: housing\n    to", "  - to", ERR, 0, 0,
     "handovers[0].domain", "  - to: kommune-1804", "to", "is missing; add `domain:`"},
    {R("handover to missing"), HANDOVERS, "    to: kommune-1804\n", "", ERR, 0, 0,
     "handovers[0].to", "  - domain: housing\n    requested", "domain", "is missing; add `to:`"},
    {R("handover requested missing"), HANDOVERS, "    requested: 2026-10-01\n", "", ERR, 0, 0,
     "handovers[0].requested", "  - domain: housing\n    to", "domain",
     "is missing; add `requested:` with a date"},
    {R("group member name missing"), GROUP, "{name: Per Pettersen, agency", "{agency", ERR, 0, 0,
     "responsibility_group.members[0].name", "{agency: kommune-1804, role", "{",
     "is missing; add `name:`"},
    {R("group meeting date missing"), GROUP, "{date: 2026-10-01, time", "{time", ERR, 0, 0,
     "responsibility_group.meetings[0].date", "{time: \"13:00\"", "{", "is missing; add `date:`"},
    {R("assessment as_of missing"), ASSESSMENT, "  as_of: 2026-11-22\n", "", ERR, 0, 0,
     "assessment.as_of", "  days_to_release", "days", "is missing; add `as_of:`"},
    {R("assessment need domain missing"), ASSESSMENT, "    - domain: housing\n      actions",
     "    - actions", ERR, 0, 0, "assessment.needs[0].domain", "    - actions: [contact]",
     "actions", "is missing; add `domain:`"},
    {R("suggested letter recipient missing"), ASSESSMENT,
     "{template: ip-request, recipient: kommune-1804}", "{template: ip-request}", ERR, 0, 0,
     "assessment.letters[0].recipient", "{template: ip-request}", NULL,
     "is missing; add `recipient:`"},
    {"agencies missing", AGENCIES, NULL, AGENCY_LIST, "", ERR, 0, 0, "agencies", "samplan: 1",
     NULL, "is missing; add `agencies:` with a list"},
    {"agency id missing", AGENCIES, AGENCY2, "  - id: nav-bodo\n    name", "  - name", ERR, 0, 0,
     "agencies[1].id", "  - name: NAV Bodo", "name", "is missing; add `id:`"},
    {"agency name missing", AGENCIES, AGENCY2, "    name: NAV Bodo\n", "", ERR, 0, 0,
     "agencies[1].name", "- id: nav-bodo", "id", "is missing; add `name:`"},
    {"agency type missing", AGENCIES, AGENCY2, "    type: nav\n", "", ERR, 0, 0,
     "agencies[1].type", "- id: nav-bodo", "id", "is missing; add `type:`"},
    {"agreement title missing", AGENCIES, AGENCY1, "      - title: Samarbeidsavtale\n        date",
     "      - date", ERR, 0, 0, "agencies[0].agreements[0].title", "      - date: 2025-03-01",
     "date", "is missing; add `title:`"},

    /* --- null: fine where optional, an error where required --- */
    {R("optional null: person.born"), PERSON, "  born: 1990-04-12\n", "  born: null\n", OK},
    {R("optional null: security ~"), SENTENCE, "  security: closed\n", "  security: ~\n", OK},
    {R("optional null: empty value"), PERSON, "  language: nb\n", "  language:\n", OK},
    {R("optional null: lists"), NULL, OFFICERS, "contact_officers: null\n", OK},
    {R("optional null: nested"), IP, "    agency: kommune-1804\n", "    agency: null\n", OK},
    {R("optional null: domain note"), DOMAINS, "      note: Mistet leiligheten.\n",
     "      note: null\n", OK},
    {R("optional null: days_to_release"), ASSESSMENT, "  days_to_release: 8\n",
     "  days_to_release: null\n", OK},
    {R("required null: person.name"), PERSON, "  name: Kari Nordmann\n", "  name: null\n", ERR, 0,
     0, "person.name", "  name: null", "null", "must be text, not empty (null)"},
    {R("required null: sentence.start ~"), SENTENCE, "  start: 2026-09-01\n", "  start: ~\n", ERR,
     0, 0, "sentence.start", "  start: ~", "~", "must be a date written YYYY-MM-DD, not empty"},
    /* an empty value stands right after its `:` (here: where the line ends) */
    {R("required null: unit.type empty"), UNIT, "  type: prison\n", "  type:\n", ERR, 0, 0,
     "unit.type", "  type:\nsentence", "\n", "must be one of: prison, probation_office; not empty"},
    {R("required null: domain past"), DOMAINS, "      past: true\n", "      past: null\n", ERR, 0,
     0, "screening.domains.housing.past", "      past: null", "null",
     "must be true or false, not empty (null)"},
    {R("required null: release"), SENTENCE, "  release: 2026-11-30\n", "  release: null\n", ERR,
     0, 0, "sentence.release", "sentence:\n  type", "type", "is missing; add the expected release"},

    /* --- required text empty --- */
    {R("empty person.name"), PERSON, "  name: Kari Nordmann\n", "  name: \"\"\n", ERR, 0, 0,
     "person.name", "  name: \"\"", "\"", "is empty; fill it in"},
    {R("empty unit.name"), UNIT, "  name: Bodo fengsel\n", "  name: ''\n", ERR, 0, 0, "unit.name",
     "  name: ''", "'", "is empty; fill it in"},
    {R("empty goal text"), PLAN1, "        text: Egen bolig\n", "        text: \"\"\n", ERR, 0, 0,
     "plans[0].goals[0].text", "        text: \"\"", "\"", "is empty; fill it in"},
    {R("empty required id"), UNIT, "  id: bodo-fengsel\n", "  id: \"\"\n", ERR, 0, 0, "unit.id",
     "  id: \"\"", "\"", "is not a valid id"},
    {R("empty optional text is fine"), PERSON, "  address: Storgata 1\n", "  address: \"\"\n", OK},

    /* --- wrong types --- */
    {R("text where a date is expected"), SENTENCE, "  start: 2026-09-01\n",
     "  start: next monday\n", ERR, 0, 0, "sentence.start", "  start: next monday", "next",
     "is not a valid date: it is not written YYYY-MM-DD"},
    {R("number where a date is expected"), SENTENCE, "  start: 2026-09-01\n",
     "  start: 20260901\n", ERR, 0, 0, "sentence.start", "  start: 20260901", "2026",
     "must be a date written YYYY-MM-DD, not a whole number"},
    {R("date not zero-padded"), PERSON, "  born: 1990-04-12\n", "  born: 1990-4-12\n", ERR, 0, 0,
     "person.born", "  born: 1990-4-12", "1990", "is not written YYYY-MM-DD"},
    {R("date with a time"), LETTERS, "    date: 2026-09-05\n", "    date: 2026-09-05T10:00\n",
     ERR, 0, 0, "letters[0].date", "    date: 2026-09-05T10", "2026", "is not written YYYY-MM-DD"},
    {R("2026-02-30"), PERSON, "  born: 1990-04-12\n", "  born: 2026-02-30\n", ERR, 0, 0,
     "person.born", "  born: 2026-02-30", "2026",
     "is not a valid date: it is a day that does not exist in that month"},
    {R("2026-13-01"), PERSON, "  born: 1990-04-12\n", "  born: 2026-13-01\n", ERR, 0, 0,
     "person.born", "  born: 2026-13-01", "2026", "has a month that does not exist (01–12)"},
    {R("2023-02-29 (not a leap year)"), PERSON, "  born: 1990-04-12\n", "  born: 2023-02-29\n",
     ERR, 0, 0, "person.born", "  born: 2023-02-29", "2023", "a day that does not exist"},
    {R("2024-02-29 (a leap year)"), PERSON, "  born: 1990-04-12\n", "  born: 2024-02-29\n", OK},
    {R("quoted date"), SENTENCE, "  start: 2026-09-01\n", "  start: '2026-09-01'\n", OK},
    {R("number where text is expected"), PERSON, "  name: Kari Nordmann\n", "  name: 42\n", ERR,
     0, 0, "person.name", "  name: 42", "42", "must be text, not a whole number"},
    {R("list where text is expected"), PERSON, "  address: Storgata 1\n",
     "  address: [Storgata 1]\n", ERR, 0, 0, "person.address", "  address: [", "[",
     "must be text, not a list"},
    {R("boolean where text is expected"), PERSON, "  name: Kari Nordmann\n", "  name: true\n",
     ERR, 0, 0, "person.name", "  name: true", "true", "must be text, not true/false"},
    {R("text where a mapping is expected"), NULL, UNIT, "unit: Bodo fengsel\n", ERR, 0, 0, "unit",
     "unit: Bodo", "Bodo", "must be a mapping of keys and values, not text"},
    {R("mapping where a list is expected"), NULL, OFFICERS,
     "contact_officers: {name: Ola Hansen}\n", ERR, 0, 0, "contact_officers",
     "contact_officers: {", "{", "must be a list, not a mapping"},
    {R("yes instead of true"), SENTENCE, "  supervision_after_release: true\n",
     "  supervision_after_release: yes\n", ERR, 0, 0, "sentence.supervision_after_release",
     "  supervision_after_release: yes", "yes",
     "must be true or false (only these two words; yes/no/on/off are text)"},
    {R("no instead of false"), SCREENING, "  wants_follow_up: true\n",
     "  wants_follow_up: no\n", ERR, 0, 0, "screening.wants_follow_up", "  wants_follow_up: no",
     "no", "must be true or false (only these two words"},
    {R("quoted \"true\""), DOMAINS, "      current: true\n", "      current: \"true\"\n", ERR, 0,
     0, "screening.domains.housing.current", "      current: \"true\"", "\"",
     "must be true or false"},
    {R("number instead of true"), DOMAINS, "      current: true\n", "      current: 1\n", ERR, 0,
     0, "screening.domains.housing.current", "      current: 1", "1",
     "must be true or false, not a whole number"},
    {R("True is a boolean in YAML 1.2"), SENTENCE, "  supervision_after_release: true\n",
     "  supervision_after_release: True\n", OK},
    {R("decimal where a whole number is expected"), ASSESSMENT, "  days_to_release: 8\n",
     "  days_to_release: 8.5\n", ERR, 0, 0, "assessment.days_to_release",
     "  days_to_release: 8.5", "8", "must be a whole number, not a decimal number"},
    {"text where a whole number is expected", AGENCIES, AGENCY1, "    response_days: 21\n",
     "    response_days: \"21\"\n", ERR, 0, 0, "agencies[0].response_days",
     "    response_days: \"21\"", "\"", "must be a whole number, not text"},
    {"response_days negative", AGENCIES, AGENCY1, "    response_days: 21\n",
     "    response_days: -1\n", ERR, 0, 0, "agencies[0].response_days", "    response_days: -1",
     "-1", "must be between 0 and"},
    {"response_days 0", AGENCIES, AGENCY1, "    response_days: 21\n", "    response_days: 0\n",
     OK},
    {R("risk_areas 9"), ASSESSMENT, "  risk_areas: 2\n", "  risk_areas: 9\n", ERR, 0, 0,
     "assessment.risk_areas", "  risk_areas: 9", "9", "must be between 0 and 8"},
    {R("risk_areas 8"), ASSESSMENT, "  risk_areas: 2\n", "  risk_areas: 8\n", OK},
    {R("risk_areas -1"), ASSESSMENT, "  risk_areas: 2\n", "  risk_areas: -1\n", ERR, 0, 0,
     "assessment.risk_areas", "  risk_areas: -1", "-1", "must be between 0 and 8"},
    {"address a string, not a list", AGENCIES, AGENCY1, "    address: [Postboks 319, 8001 Bodo]\n",
     "    address: Postboks 319\n", ERR, 0, 0, "agencies[0].address", "    address: Postboks",
     "Postboks", "must be a list, not text"},
    {"address line a number", AGENCIES, AGENCY1, "[Postboks 319, 8001 Bodo]", "[Postboks 319, 8001]",
     ERR, 0, 0, "agencies[0].address[1]", "[Postboks 319, 8001]", "8001",
     "must be text, not a whole number"},

    /* --- municipality numbers --- */
    {R("municipality 0301 unquoted"), PERSON, "    number: \"1804\"\n", "    number: 0301\n", ERR,
     0, 0, "person.home_municipality.number", "    number: 0301", "0301",
     "is written as a number, so a leading zero would be lost; write the 4 digits in quotes"},
    {R("municipality 1804 unquoted"), PERSON, "    number: \"1804\"\n", "    number: 1804\n", ERR,
     0, 0, "person.home_municipality.number", "    number: 1804", "1804",
     "is written as a number"},
    {R("municipality 0301 quoted"), PERSON, "    number: \"1804\"\n", "    number: '0301'\n", OK},
    {R("municipality 3 digits"), PERSON, "    number: \"1804\"\n", "    number: \"301\"\n", ERR, 0,
     0, "person.home_municipality.number", "    number: \"301\"", "\"",
     "must be a 4-digit municipality number in quotes, such as \"0301\""},
    {R("municipality 5 digits"), PERSON, "    number: \"1804\"\n", "    number: \"18040\"\n", ERR,
     0, 0, "person.home_municipality.number", "    number: \"18040\"", "\"",
     "must be a 4-digit municipality number"},
    {R("municipality letters"), PERSON, "    number: \"1804\"\n", "    number: \"18O4\"\n", ERR, 0,
     0, "person.home_municipality.number", "    number: \"18O4\"", "\"",
     "must be a 4-digit municipality number"},
    {"agency municipality unquoted", AGENCIES, AGENCY1, "    municipality: \"1804\"\n",
     "    municipality: 0301\n", ERR, 0, 0, "agencies[0].municipality", "    municipality: 0301",
     "0301", "is written as a number, so a leading zero would be lost"},

    /* --- ids --- */
    {R("id starting with ."), NULL, "id: case-1\n", "id: .case-1\n", ERR, 0, 0, "id",
     "id: .case-1", ".", "is not a valid id; use 1–64 letters"},
    {R("id with a space"), NULL, "id: case-1\n", "id: case 1\n", ERR, 0, 0, "id", "id: case 1",
     "case", "is not a valid id"},
    {R("id with a slash"), UNIT, "  id: bodo-fengsel\n", "  id: bodo/fengsel\n", ERR, 0, 0,
     "unit.id", "  id: bodo/fengsel", "bodo", "is not a valid id"},
    {R("id of 65 characters"), NULL, "id: case-1\n",
     "id: a234567890123456789012345678901234567890123456789012345678901234x\n", ERR, 0, 0, "id",
     "id: a2345", "a", "is not a valid id"},
    {R("id of 64 characters"), NULL, "id: case-1\n",
     "id: a234567890123456789012345678901234567890123456789012345678901234\n", OK},
    {R("id with dots and underscores"), NULL, "id: case-1\n", "id: 2026_BOD.000042\n", OK},
    {R("id a number"), NULL, "id: case-1\n", "id: 42\n", ERR, 0, 0, "id", "id: 42", "42",
     "must be an id (1–64 letters A–Z, digits, `.`, `_` or `-`), not a whole number"},
    {R("agency id in a letter"), LETTERS, "    recipient: kommune-1804\n",
     "    recipient: Bodo kommune\n", ERR, 0, 0, "letters[0].recipient",
     "    recipient: Bodo kommune", "Bodo", "is not a valid id"},

    /* --- every enum, misspelt (did you mean …) --- */
    {R("language bn"), PERSON, "  language: nb\n", "  language: bn\n", ERR, 0, 0,
     "person.language", "  language: bn", "bn", "did you mean `nb`?"},
    {R("language NO (text, not false)"), PERSON, "  language: nb\n", "  language: NO\n", ERR, 0,
     0, "person.language", "  language: NO", "NO",
     "is not one of the allowed words: nb, nn, en, se"},
    {R("unit.type prisn"), UNIT, "  type: prison\n", "  type: prisn\n", ERR, 0, 0, "unit.type",
     "  type: prisn", "prisn", "is not one of the allowed words; did you mean `prison`? (allowed: "
                               "prison, probation_office)"},
    {R("sentence.type remnad"), SENTENCE, "  type: prison\n", "  type: remnad\n", ERR, 0, 0,
     "sentence.type", "  type: remnad", "remnad", "did you mean `remand`?"},
    {R("sentence.security opne"), SENTENCE, "  security: closed\n", "  security: opne\n", ERR, 0,
     0, "sentence.security", "  security: opne", "opne", "did you mean `open`?"},
    {R("officer role casworker"), OFFICERS, "    role: contact_officer\n",
     "    role: casworker\n", ERR, 0, 0, "contact_officers[0].role", "    role: casworker",
     "casworker", "did you mean `caseworker`?"},
    {R("consent domain finanses"), CONSENTS, "[housing, finances]", "[housing, finanses]", ERR, 0,
     0, "consents[0].domains[1]", "[housing, finanses]", "finanses", "did you mean `finances`?"},
    {R("needs contakt"), DOMAINS, "      needs: [contact]\n", "      needs: [contakt]\n", ERR, 0,
     0, "screening.domains.housing.needs[0]", "      needs: [contakt]", "contakt",
     "did you mean `contact`?"},
    {R("ip status requestd"), IP, "  status: requested\n", "  status: requestd\n", ERR, 0, 0,
     "ip.status", "  status: requestd", "requestd", "did you mean `requested`?"},
    {R("plan type futur_plan"), PLAN1, "    type: future_plan\n", "    type: futur_plan\n", ERR, 0,
     0, "plans[0].type", "    type: futur_plan", "futur", "did you mean `future_plan`?"},
    {R("goal domain housng"), PLAN1, "        domain: housing\n", "        domain: housng\n", ERR,
     0, 0, "plans[0].goals[0].domain", "        domain: housng", "housng",
     "did you mean `housing`?"},
    {R("goal domain other is allowed"), PLAN1, "        domain: housing\n",
     "        domain: other\n", OK},
    {R("measure status planed"), PLAN1, "            status: planned\n",
     "            status: planed\n", ERR, 0, 0, "plans[0].goals[0].measures[0].status",
     "            status: planed", "planed", "did you mean `planned`?"},
    {R("letter outcome grantd"), LETTERS, "outcome: granted}", "outcome: grantd}", ERR, 0, 0,
     "letters[0].response.outcome", "outcome: grantd}", "grantd", "did you mean `granted`?"},
    {R("handover domain housng"), HANDOVERS, "  - domain: housing\n", "  - domain: housng\n", ERR,
     0, 0, "handovers[0].domain", "  - domain: housng", "housng", "did you mean `housing`?"},
    {R("handover domain other is not allowed"), HANDOVERS, "  - domain: housing\n",
     "  - domain: other\n", ERR, 0, 0, "handovers[0].domain", "  - domain: other", "other",
     "is not one of the allowed words: physical_health, mental_health"},
    {R("assessment urgency urgnet"), ASSESSMENT, "      urgency: urgent\n",
     "      urgency: urgnet\n", ERR, 0, 0, "assessment.needs[0].urgency", "      urgency: urgnet",
     "urgnet", "did you mean `urgent`?"},
    {R("assessment consent givn"), ASSESSMENT, "      consent: given\n", "      consent: givn\n",
     ERR, 0, 0, "assessment.needs[0].consent", "      consent: givn", "givn",
     "did you mean `given`?"},
    {R("assessment service municipalty"), ASSESSMENT, "[municipality]", "[municipalty]", ERR, 0,
     0, "assessment.needs[0].services[0]", "[municipalty]", "municipalty",
     "did you mean `municipality`?"},
    {R("assessment action asessment"), ASSESSMENT, "      actions: [contact]\n",
     "      actions: [asessment]\n", ERR, 0, 0, "assessment.needs[0].actions[0]",
     "      actions: [asessment]", "asessment", "did you mean `assessment`?"},
    {"agency type municipalty", AGENCIES, AGENCY1, "    type: municipality\n",
     "    type: municipalty\n", ERR, 0, 0, "agencies[0].type", "    type: municipalty",
     "municipalty", "did you mean `municipality`?"},
    {R("enum far from every word"), UNIT, "  type: prison\n", "  type: hospital\n", ERR, 0, 0,
     "unit.type", "  type: hospital", "hospital",
     "is not one of the allowed words: prison, probation_office"},
    {R("enum a number"), SENTENCE, "  security: closed\n", "  security: 3\n", ERR, 0, 0,
     "sentence.security", "  security: 3", "3",
     "must be one of: closed, open, halfway_house; not a whole number"},

    /* --- unknown keys: a warning, an error in strict mode --- */
    {R("unknown key relase"), SENTENCE, "  release: 2026-11-30\n",
     "  release: 2026-11-30\n  relase: 2026-11-30\n", WARN, 0, 0, "sentence.relase",
     "  relase: 2026", "relase",
     "`relase` is not a known key under `sentence`; did you mean `release`?"},
    {R("unknown key relase, strict"), SENTENCE, "  release: 2026-11-30\n",
     "  release: 2026-11-30\n  relase: 2026-11-30\n", ERR | STRICT, 0, 0, "sentence.relase",
     "  relase: 2026", "relase", "did you mean `release`?"},
    {R("release spelt relase"), SENTENCE, "  release: 2026-11-30\n", "  relase: 2026-11-30\n",
     WARN, 1, 0, "sentence.relase", "  relase: 2026", "relase", "did you mean `release`?"},
    {R("unknown key at the top"), NULL, "id: case-1\n", "id: case-1\nremarks: none\n", WARN, 0, 0,
     "remarks", "remarks: none", "remarks",
     "`remarks` is not a known key at the top of the document; check the spelling or remove it"},
    {R("unknown key in a list item"), PLAN2, "    owner: kommune-1804\n",
     "    owner: kommune-1804\n    ownr: x\n", WARN, 0, 0, "plans[1].ownr", "    ownr: x", "ownr",
     "did you mean `owner`?"},
    {R("unknown key in a screening domain"), DOMAINS, "      note: Mistet leiligheten.\n",
     "      nots: Mistet leiligheten.\n", WARN, 0, 0, "screening.domains.housing.nots",
     "      nots: Mistet", "nots", "`nots` is not a known key under `housing`; did you mean `note`?"},
    {R("unknown key in a flow mapping"), LETTERS, "{date: 2026-09-20, outcome: granted}",
     "{date: 2026-09-20, outcome: granted, by: mail}", WARN, 0, 0, "letters[0].response.by",
     "by: mail}", "by", "`by` is not a known key under `response`"},
    /* --- an agency's written standard and the units it serves --- */
    {"agency language nn", AGENCIES, AGENCY1, "    response_days: 21\n",
     "    response_days: 21\n    language: nn\n", STRICT},
    {"agency language neutral", AGENCIES, AGENCY1, "    response_days: 21\n",
     "    response_days: 21\n    language: neutral\n", STRICT},
    {"agency language en", AGENCIES, AGENCY1, "    response_days: 21\n",
     "    response_days: 21\n    language: en\n", ERR, 0, 0, "agencies[0].language",
     "    language: en", "en", "nb, nn, neutral"},
    {"agency serves a unit of another registry", AGENCIES, AGENCY2, "    type: nav\n",
     "    type: nav\n    serves: [bodo-fengsel, ila-fengsel]\n", STRICT},
    {"agency serves a unit of the registry", AGENCIES, NULL, "  - id: nav-bodo\n",
     "  - {id: bodo-fengsel, name: Bodo fengsel, type: prison}\n"
     "  - {id: friomsorgen, name: Friomsorgen, type: probation_office}\n"
     "  - {id: helse, name: Helse, type: health_service, serves: [bodo-fengsel, friomsorgen]}\n"
     "  - id: nav-bodo\n", STRICT},
    {"agency serves a municipality", AGENCIES, AGENCY2, "    type: nav\n",
     "    type: nav\n    serves: [bodo-fengsel, kommune-1804]\n", ERR, 0, 0,
     "agencies[1].serves[1]", "kommune-1804]", "kommune",
     "`kommune-1804` is not a unit: this registry gives it the type municipality"},
    {"agency serves text, not a list", AGENCIES, AGENCY2, "    type: nav\n",
     "    type: nav\n    serves: bodo-fengsel\n", ERR, 0, 0, "agencies[1].serves",
     "    serves: bodo-fengsel", "bodo", "must be a list, not text"},
    {"agency serves a name, not an id", AGENCIES, AGENCY2, "    type: nav\n",
     "    type: nav\n    serves: [Bodo fengsel]\n", ERR, 0, 0, "agencies[1].serves[0]",
     "[Bodo fengsel]", "Bodo", "is not a valid id"},
    {"agency serves one unit twice", AGENCIES, AGENCY2, "    type: nav\n",
     "    type: nav\n    serves: [bodo-fengsel, bodo-fengsel]\n", ERR, 0, 0,
     "agencies[1].serves[1]", "fengsel, bodo-fengsel]", "bodo", "repeats item [0]"},
    {"agency serves nothing", AGENCIES, AGENCY2, "    type: nav\n",
     "    type: nav\n    serves: []\n", STRICT},
    {"unknown key in an agency", AGENCIES, AGENCY2, "    type: nav\n",
     "    type: nav\n    typ: nav\n", WARN, 0, 0, "agencies[1].typ", "    typ: nav", "typ",
     "did you mean `type`?"},

    /* --- screening domains --- */
    {R("unknown domain housng"), DOMAINS, "    housing:\n", "    housng:\n", ERR, 0, 1,
     "screening.domains.housng", "    housng:", "housng",
     "`housng` is not a domain; did you mean `housing`?"},
    {R("unknown domain far from every domain"), DOMAINS,
     "    legal: {past: false, current: false, contact: null, needs: []}\n",
     "    legal: {past: false, current: false, contact: null, needs: []}\n"
     "    hobbies: {past: false, current: false, contact: null, needs: []}\n",
     ERR, 0, 0, "screening.domains.hobbies", "    hobbies:", "hobbies",
     "`hobbies` is not a domain; the domains are: physical_health"},
    {R("domain `other` is not a screening domain"), DOMAINS,
     "    legal: {past: false, current: false, contact: null, needs: []}\n",
     "    legal: {past: false, current: false, contact: null, needs: []}\n"
     "    other: {past: false, current: false, contact: null, needs: []}\n",
     ERR, 0, 0, "screening.domains.other", "    other:", "other", "is not a domain"},
    {R("missing domain"), DOMAINS,
     "    legal: {past: false, current: false, contact: null, needs: []}\n", "", WARN, 0, 0,
     "screening.domains.legal", "  domains:\n    physical_health", "physical_health",
     "the screening has no answers for `legal`; fill in all eight domains"},
    {R("missing domain, strict"), DOMAINS,
     "    legal: {past: false, current: false, contact: null, needs: []}\n", "", ERR | STRICT, 0,
     0, "screening.domains.legal", "  domains:\n    physical_health", "physical_health",
     "the screening has no answers for `legal`"},
    {R("domains a list"), DOMAINS, DOMAINS, "  domains: [housing]\n", ERR, 0, 0,
     "screening.domains", "  wants_follow_up: true\n  domains: [", "[",
     "must be a mapping of keys and values (one entry per domain)"},
    {R("domain entry not a mapping"), DOMAINS,
     "    legal: {past: false, current: false, contact: null, needs: []}\n", "    legal: yes\n",
     ERR, 0, 0, "screening.domains.legal", "    legal: yes", "yes",
     "must be a mapping of keys and values, not text"},
    {R("needs with a bad value"), DOMAINS, "      needs: [contact]\n",
     "      needs: [contact, help]\n", ERR, 0, 0, "screening.domains.housing.needs[1]",
     "      needs: [contact, help]", "help",
     "is not one of the allowed words: contact, assessment, measures"},
    {R("needs with a repeated value"), DOMAINS, "      needs: [contact]\n",
     "      needs: [contact, contact]\n", ERR, 0, 0, "screening.domains.housing.needs[1]",
     "      needs: [contact, contact]", "contact]", "repeats item [0] of this list"},
    {R("needs in block style, repeated"), DOMAINS, "      needs: [contact]\n",
     "      needs:\n        - assessment\n        - contact\n        - assessment\n", ERR, 0, 0,
     "screening.domains.housing.needs[2]", "        - contact\n        - assessment",
     "assessment", "repeats item [0] of this list"},
    {R("needs may be empty"), DOMAINS, "      needs: [contact]\n", "      needs: []\n", OK},

    /* --- consents --- */
    {R("consent [all, housing]"), CONSENTS, "[housing, finances]", "[all, housing]", ERR, 0, 0,
     "consents[0].domains", "    domains: [all", "[",
     "`all` must stand alone: write [all], or list the domains"},
    {R("consent [all]"), CONSENTS, "[housing, finances]", "[all]", OK},
    {R("consent all as bare text"), CONSENTS, "[housing, finances]", "all", ERR, 0, 0,
     "consents[0].domains", "    domains: all", "all", "must be a list, not text"},
    {R("consent domains empty"), CONSENTS, "[housing, finances]", "[]", ERR, 0, 0,
     "consents[0].domains", "    domains: []", "[", "is empty; it needs at least one item"},
    {R("consent domains repeated"), CONSENTS, "[housing, finances]", "[housing, housing]", ERR, 0,
     0, "consents[0].domains[1]", "[housing, housing]", "housing]", "repeats item [0]"},
    {R("consent domain other"), CONSENTS, "[housing, finances]", "[other]", ERR, 0, 0,
     "consents[0].domains[0]", "    domains: [other]", "other",
     "is not one of the allowed words: physical_health"},
    {R("consent withdrawn before given"), CONSENTS, "    withdrawn: null\n",
     "    withdrawn: 2026-09-02\n", ERR, 0, 0, "consents[0].withdrawn", "    withdrawn: 2026",
     "2026", "the consent is withdrawn before it was given"},
    {R("consent withdrawn the day it was given"), CONSENTS, "    withdrawn: null\n",
     "    withdrawn: 2026-09-03\n", OK},
    {R("consent expires before given"), CONSENTS, "    expires: 2027-09-03\n",
     "    expires: 2026-09-02\n", ERR, 0, 0, "consents[0].expires", "    expires: 2026", "2026",
     "the consent expires before it was given"},
    {R("consent expires the day it was given"), CONSENTS, "    expires: 2027-09-03\n",
     "    expires: 2026-09-03\n", OK},

    /* --- contact officers --- */
    {R("four contact officers"), OFFICERS, "    role: contact_officer\n",
     "    role: contact_officer\n  - name: B\n  - name: C\n  - name: D\n", ERR, 0, 0,
     "contact_officers", "  - name: Ola", "-", "has 4 items; at most 3 are allowed"},
    {R("three contact officers"), OFFICERS, "    role: contact_officer\n",
     "    role: contact_officer\n  - name: B\n  - name: C\n", OK},
    {R("no contact officers"), NULL, OFFICERS, "contact_officers: []\n", OK},

    /* --- sentence --- */
    {R("remand without release"), SENTENCE, "  type: prison\n  start: 2026-09-01\n  release: 2026-11-30\n",
     "  type: remand\n  start: 2026-09-01\n", OK},
    {R("remand with release"), SENTENCE, "  type: prison\n", "  type: remand\n", OK},
    {R("community sentence without release"), SENTENCE,
     "  type: prison\n  start: 2026-09-01\n  release: 2026-11-30\n",
     "  type: community_sentence\n  start: 2026-09-01\n", ERR, 0, 0, "sentence.release",
     "sentence:\n  type", "type", "only remand may leave it out"},
    {R("release before start"), SENTENCE, "  release: 2026-11-30\n", "  release: 2026-08-31\n",
     ERR, 0, 0, "sentence.release", "  release: 2026-08-31", "2026",
     "the release date is before the start date"},
    {R("release on the start day"), SENTENCE, "  release: 2026-11-30\n",
     "  release: 2026-09-01\n", OK},

    /* --- screening date: not more than 30 days before the start --- */
    {R("screening 31 days before start"), SCREENING, "  date: 2026-09-03\n",
     "  date: 2026-08-01\n", ERR, 0, 0, "screening.date", "  date: 2026-08-01", "2026",
     "the screening is dated more than 30 days before the sentence started"},
    {R("screening 30 days before start"), SCREENING, "  date: 2026-09-03\n",
     "  date: 2026-08-02\n", OK},
    {R("screening 31 days before a start on 1 January"), NULL,
     "  start: 2026-09-01\n  release: 2026-11-30\n", "  start: 2027-01-01\n  release: 2027-03-01\n",
     ERR, 0, 0, "screening.date", "  date: 2026-12-01", "2026", "more than 30 days before",
     "  date: 2026-09-03\n", "  date: 2026-12-01\n"},
    {R("screening 30 days before a start on 1 January"), NULL,
     "  start: 2026-09-01\n  release: 2026-11-30\n", "  start: 2027-01-01\n  release: 2027-03-01\n",
     OK, 0, 0, NULL, NULL, NULL, NULL, "  date: 2026-09-03\n", "  date: 2026-12-02\n"},
    {R("screening after the start"), SCREENING, "  date: 2026-09-03\n", "  date: 2026-11-29\n",
     OK},

    /* --- handovers --- */
    {R("handover confirmed and declined"), HANDOVERS, "    declined: null\n",
     "    declined: 2026-10-21\n", ERR, 0, 0, "handovers[0].declined", "    declined: 2026", "2026",
     "a handover cannot be both confirmed and declined"},
    {R("handover confirmed before requested"), HANDOVERS, "    confirmed: 2026-10-20\n",
     "    confirmed: 2026-09-30\n", ERR, 0, 0, "handovers[0].confirmed", "    confirmed: 2026",
     "2026", "the handover is confirmed before it was requested"},
    {R("handover confirmed the day it was requested"), HANDOVERS, "    confirmed: 2026-10-20\n",
     "    confirmed: 2026-10-01\n", OK},
    {R("handover declined before requested"), HANDOVERS,
     "    confirmed: 2026-10-20\n    confirmed_by: Per Pettersen\n    declined: null\n",
     "    declined: 2026-09-30\n", ERR, 0, 0, "handovers[0].declined", "    declined: 2026",
     "2026", "the handover is declined before it was requested"},
    {R("handover declined the day it was requested"), HANDOVERS,
     "    confirmed: 2026-10-20\n    confirmed_by: Per Pettersen\n    declined: null\n",
     "    declined: 2026-10-01\n", OK},
    {R("handover requested only"), HANDOVERS,
     "    confirmed: 2026-10-20\n    confirmed_by: Per Pettersen\n    declined: null\n", "", OK},

    /* --- handovers: when the follow-up starts --- */
    {R("handover starts and contact"), HANDOVERS, "    declined: null\n",
     "    declined: null\n    starts: 2026-11-30\n    contact: Per Pettersen\n", OK},
    {R("handover starts the day it was requested"), HANDOVERS, "    declined: null\n",
     "    declined: null\n    starts: 2026-10-01\n", OK},
    {R("handover starts without confirmed"), HANDOVERS,
     "    confirmed: 2026-10-20\n    confirmed_by: Per Pettersen\n", "    starts: 2026-11-30\n",
     ERR, 0, 0, "handovers[0].starts", "    starts: 2026", "2026",
     "a handover starts only once it is confirmed; add the date it was confirmed"},
    {R("handover starts, confirmed null"), HANDOVERS, "    confirmed: 2026-10-20\n",
     "    confirmed: null\n    starts: 2026-11-30\n", ERR, 0, 0, "handovers[0].starts",
     "    starts: 2026", "2026", "a handover starts only once it is confirmed"},
    {R("handover starts before requested"), HANDOVERS, "    declined: null\n",
     "    declined: null\n    starts: 2026-09-30\n", ERR, 0, 0, "handovers[0].starts",
     "    starts: 2026", "2026", "the follow-up starts before the handover was requested"},
    {R("handover starts not a date"), HANDOVERS, "    declined: null\n",
     "    declined: null\n    starts: 30.11.2026\n", ERR, 0, 0, "handovers[0].starts",
     "    starts: 30", "30", "is not a valid date"},

    /* --- the newer keys of the case --- */
    {R("officer id"), OFFICERS, "    role: contact_officer\n",
     "    id: ohansen\n    role: contact_officer\n", OK},
    {R("officer id not an id"), OFFICERS, "    role: contact_officer\n",
     "    id: o/hansen\n    role: contact_officer\n", ERR, 0, 0, "contact_officers[0].id",
     "    id: o/hansen", "o/", "is not a valid id"},
    {R("programmes"), OFFICERS, "    role: contact_officer\n",
     "    role: contact_officer\nprogrammes:\n  - {name: Rusmestring, from: 2026-09-15, "
     "to: 2026-11-15}\n  - {name: Arbeidstrening}\n", OK},
    {R("programme name missing"), OFFICERS, "    role: contact_officer\n",
     "    role: contact_officer\nprogrammes:\n  - {from: 2026-09-15}\n", ERR, 0, 0,
     "programmes[0].name", "  - {from: 2026-09-15}", "{", "is missing; add `name:`"},
    {R("programme from not a date"), OFFICERS, "    role: contact_officer\n",
     "    role: contact_officer\nprogrammes:\n  - {name: R, from: 2026-09-31}\n", ERR, 0, 0,
     "programmes[0].from", "from: 2026-09-31", "2026", "is not a valid date"},
    {R("meeting time 23:59"), GROUP, "time: \"13:00\"", "time: \"23:59\"", OK},
    {R("meeting time plain"), GROUP, "time: \"13:00\"", "time: 00:00", OK},
    {R("meeting time 24:00"), GROUP, "time: \"13:00\"", "time: \"24:00\"", ERR, 0, 0,
     "responsibility_group.meetings[0].time", "time: \"24:00\"", "\"24",
     "is not a time of day; write HH:MM from 00:00 to 23:59"},
    {R("meeting time 9:30"), GROUP, "time: \"13:00\"", "time: \"9:30\"", ERR, 0, 0,
     "responsibility_group.meetings[0].time", "time: \"9:30\"", "\"9", "is not a time of day"},
    {R("meeting time 13:60"), GROUP, "time: \"13:00\"", "time: \"13:60\"", ERR, 0, 0,
     "responsibility_group.meetings[0].time", "time: \"13:60\"", "\"13", "is not a time of day"},
    {R("meeting time a number"), GROUP, "time: \"13:00\"", "time: 1300", ERR, 0, 0,
     "responsibility_group.meetings[0].time", "time: 1300", "1300", "must be text"},
    {R("meeting participant not an id"), GROUP, "participants: [kommune-1804]",
     "participants: [Bodo kommune]", ERR, 0, 0, "responsibility_group.meetings[0].participants[0]",
     "[Bodo kommune]", "Bodo", "is not a valid id"},

    /* --- history --- */
    {R("history null"), NULL, HISTORY, "history: null\n", OK},
    {R("history empty"), NULL, HISTORY, "history: []\n", OK},
    {R("history not a list"), NULL, HISTORY, "history: yes\n", ERR, 0, 0, "history",
     "history: yes", "yes", "must be a list"},
    {R("history entry not a mapping"), HISTORY, "  - {at: 2026-11-02T09:15:00Z",
     "  - x\n  - {at: 2026-11-02T09:15:00Z", ERR, 0, 0, "history[1]", "  - x", "x",
     "must be a mapping"},
    {R("history at missing"), HISTORY, "  - at: 2026-10-20T14:03:11+02:00\n    user",
     "  - user", ERR, 0, 0, "history[0].at", "  - user: ohansen", "user", "is missing; add `at:`"},
    {R("history at with a space and no seconds"), HISTORY, "at: 2026-10-20T14:03:11+02:00",
     "at: 2026-10-20 14:03", ERR, 0, 0, "history[0].at", "at: 2026-10-20 14:03", "2026",
     "is not a valid time: it is not written YYYY-MM-DDTHH:MM:SS followed by Z or an offset "
     "+HH:MM or -HH:MM; write the local time with its offset, such as "
     "2026-10-20T14:03:11+02:00"},
    {R("history at without offset"), HISTORY, "at: 2026-10-20T14:03:11+02:00",
     "at: 2026-10-20T14:03:11", ERR, 0, 0, "history[0].at", "at: 2026-10-20T14:03:11\n", "2026",
     "is not written YYYY-MM-DDTHH:MM:SS"},
    {R("history at a date"), HISTORY, "at: 2026-10-20T14:03:11+02:00", "at: 2026-10-20", ERR, 0,
     0, "history[0].at", "at: 2026-10-20\n", "2026", "is not written YYYY-MM-DDTHH:MM:SS"},
    {R("history at 30 February"), HISTORY, "at: 2026-10-20T14:03:11+02:00",
     "at: 2026-02-30T14:03:11+01:00", ERR, 0, 0, "history[0].at", "at: 2026-02-30", "2026",
     "is not a valid time: it is a day that does not exist in that month"},
    {R("history at month 13"), HISTORY, "at: 2026-10-20T14:03:11+02:00",
     "at: 2026-13-20T14:03:11+02:00", ERR, 0, 0, "history[0].at", "at: 2026-13", "2026",
     "has a month that does not exist"},
    {R("history at hour 24"), HISTORY, "at: 2026-10-20T14:03:11+02:00",
     "at: 2026-10-20T24:00:00+02:00", ERR, 0, 0, "history[0].at", "at: 2026-10-20T24", "2026",
     "has an hour that does not exist (00–23)"},
    {R("history at minute 60"), HISTORY, "at: 2026-10-20T14:03:11+02:00",
     "at: 2026-10-20T14:60:11+02:00", ERR, 0, 0, "history[0].at", "at: 2026-10-20T14:60", "2026",
     "has a minute that does not exist"},
    {R("history at second 60"), HISTORY, "at: 2026-10-20T14:03:11+02:00",
     "at: 2026-10-20T23:59:60Z", ERR, 0, 0, "history[0].at", "at: 2026-10-20T23:59:60Z", "2026",
     "has a second that does not exist"},
    {R("history at offset 24 hours"), HISTORY, "at: 2026-10-20T14:03:11+02:00",
     "at: 2026-10-20T14:03:11+24:00", ERR, 0, 0, "history[0].at", "at: 2026-10-20T14:03:11+24",
     "2026", "has an offset that does not exist"},
    {R("history at offset west, half an hour"), HISTORY, "at: 2026-10-20T14:03:11+02:00",
     "at: 2026-10-20T08:33:11-03:30", OK},
    {R("history at quoted"), HISTORY, "at: 2026-10-20T14:03:11+02:00",
     "at: \"2026-10-20T14:03:11+02:00\"", OK},
    {R("history at a number"), HISTORY, "at: 2026-10-20T14:03:11+02:00", "at: 20261020", ERR, 0,
     0, "history[0].at", "at: 20261020", "2026", "must be text"},
    {R("history at empty"), HISTORY, "at: 2026-10-20T14:03:11+02:00", "at: \"\"", ERR, 0, 0,
     "history[0].at", "at: \"\"", "\"", "is empty; fill it in"},
    {R("history unknown key"), HISTORY, "    event: handover-confirmed\n",
     "    event: handover-confirmed\n    note: x\n", WARN, 0, 0, "history[0].note", "    note: x",
     "note", "`note` is not a known key under `history[0]`"},
    {R("history unknown key, strict"), HISTORY, "    event: handover-confirmed\n",
     "    event: handover-confirmed\n    value: x\n", ERR | STRICT, 0, 0, "history[0].value",
     "    value: x", "value", "`value` is not a known key under `history[0]`"},
    {R("history user missing"), HISTORY, "    user: ohansen\n", "", ERR, 0, 0, "history[0].user",
     "  - at: 2026-10-20T14", "at", "is missing; add `user:`"},
    {R("history user empty"), HISTORY, "    user: ohansen\n", "    user: \"\"\n", ERR, 0, 0,
     "history[0].user", "    user: \"\"", "\"", "is empty; fill it in"},
    {R("history tool missing"), HISTORY, "    tool: samplan-record\n", "", ERR, 0, 0,
     "history[0].tool", "  - at: 2026-10-20T14", "at", "is missing; add `tool:`"},
    {R("history event missing"), HISTORY, "    event: handover-confirmed\n", "", ERR, 0, 0,
     "history[0].event", "  - at: 2026-10-20T14", "at", "is missing; add `event:`"},
    {R("history event with capitals"), HISTORY, "    event: handover-confirmed\n",
     "    event: Handover-Confirmed\n", ERR, 0, 0, "history[0].event", "    event: Handover",
     "Handover", "is not an event name; use lower-case letters, digits and `-`"},
    {R("history event with an underscore"), HISTORY, "    event: handover-confirmed\n",
     "    event: handover_confirmed\n", ERR, 0, 0, "history[0].event", "    event: handover_",
     "handover", "is not an event name"},
    {R("history keys missing"), HISTORY,
     "    keys: [handovers.0.confirmed, handovers.0.confirmed_by]\n", "", OK},
    {R("history keys empty"), HISTORY,
     "    keys: [handovers.0.confirmed, handovers.0.confirmed_by]\n", "    keys: []\n", OK},
    {R("history key with brackets"), HISTORY, "handovers.0.confirmed, ",
     "\"handovers[0].confirmed\", ", ERR, 0, 0, "history[0].keys[0]",
     "[\"handovers[0].confirmed\",", "\"handovers",
     "is not a dotted key path; write the keys and list indexes joined by dots"},
    {R("history key with an empty step"), HISTORY, "handovers.0.confirmed_by]",
     "handovers..confirmed_by]", ERR, 0, 0, "history[0].keys[1]", "handovers..confirmed_by",
     NULL, "is not a dotted key path"},
    {R("history key not text"), HISTORY, "handovers.0.confirmed_by]", "7]", ERR, 0, 0,
     "history[0].keys[1]", "7]", NULL, "must be text"},

    /* --- coordinator --- */
    {R("coordinator named without appointed"), IP, "    appointed: 2026-09-20\n", "", ERR, 0, 0,
     "ip.coordinator.appointed", "    name: Per Pettersen\n    agency", "name",
     "is missing; a named coordinator needs the date they were appointed"},
    {R("coordinator named, appointed null"), IP, "    appointed: 2026-09-20\n",
     "    appointed: null\n", ERR, 0, 0, "ip.coordinator.appointed",
     "    name: Per Pettersen\n    agency", "name", "a named coordinator needs the date"},
    {R("coordinator not named needs no date"), IP,
     "    name: Per Pettersen\n    agency: kommune-1804\n    appointed: 2026-09-20\n",
     "    agency: kommune-1804\n", OK},

    /* --- duplicate ids --- */
    {R("duplicate plan id"), PLAN2, "  - id: ip-1\n", "  - id: fp-1\n", ERR, 0, 0, "plans[1].id",
     "  - id: fp-1\n    type: individual_plan", "fp-1",
     "the same id is already used by `plans[0]`; each plan needs its own id"},
    {R("duplicate goal id in a plan"), PLAN1, "      - id: g2\n", "      - id: g1\n", ERR, 0, 0,
     "plans[0].goals[1].id", "- id: g1\n        domain: finances", "g1",
     "the same id is already used by `plans[0].goals[0]`"},
    {R("duplicate measure id across goals of a plan"), PLAN1, "          - id: m2\n",
     "          - id: m1\n", ERR, 0, 0, "plans[0].goals[1].measures[0].id",
     "- id: m1\n            text: Soke sosialhjelp", "m1",
     "another measure of this plan has the same id"},
    {R("duplicate measure id in one goal"), PLAN2, "            text: Tildele bolig\n",
     "            text: Tildele bolig\n          - id: m1\n            text: Flytte inn\n", ERR, 0,
     0, "plans[1].goals[0].measures[1].id", "- id: m1\n            text: Flytte", "m1",
     "another measure of this plan has the same id"},
    {R("measure ids of one plan used again in another"), PLAN2, "          - id: m1\n",
     "          - id: m2\n", OK},
    {R("goal id equal to a measure id"), PLAN2, "          - id: m1\n", "          - id: g1\n",
     OK},
    {R("duplicate letter id"), LETTERS, "  - id: L-0002\n", "  - id: L-0001\n", ERR, 0, 0,
     "letters[1].id", "- id: L-0001\n    template: information", "L-0001",
     "the same id is already used by `letters[0]`"},
    {"duplicate agency id", AGENCIES, AGENCY2, "  - id: nav-bodo\n", "  - id: kommune-1804\n", ERR,
     0, 0, "agencies[1].id", "- id: kommune-1804\n    name: NAV", "kommune",
     "the same id is already used by `agencies[0]`; each agency needs its own id"},

    /* --- samplan and kind --- */
    {R("samplan: 2"), NULL, "samplan: 1\n", "samplan: 2\n", ERR, 0, 0, "samplan", "samplan: 2",
     "2", "must be 1: this is version 1 of the samplan format"},
    {R("samplan: \"1\""), NULL, "samplan: 1\n", "samplan: \"1\"\n", ERR, 0, 0, "samplan",
     "samplan: \"1\"", "\"", "must be 1"},
    {R("samplan: 1.0"), NULL, "samplan: 1\n", "samplan: 1.0\n", ERR, 0, 0, "samplan",
     "samplan: 1.0", "1", "must be 1"},
    {R("kind missing"), NULL, "kind: case\n", "", ERR, 0, 0, "kind", "samplan: 1", NULL,
     "is missing; add `kind: case` or `kind: agencies`"},
    {R("kind cas"), NULL, "kind: case\n", "kind: cas\n", ERR, 0, 0, "kind", "kind: cas", "cas",
     "did you mean `case`?"},
    {R("kind far from every kind"), NULL, "kind: case\n", "kind: invoice\n", ERR, 0, 0, "kind",
     "kind: invoice", "invoice", "use `case`, `agencies` or `plan`"},
    {R("kind a number"), NULL, "kind: case\n", "kind: 3\n", ERR, 0, 0, "kind", "kind: 3", "3",
     "must be text"},
    {"kind agencie", AGENCIES, NULL, "kind: agencies\n", "kind: agencie\n", ERR, 0, 0, "kind",
     "kind: agencie", "agencie", "did you mean `agencies`?"},
    {"case keys in an agencies document", AGENCIES, NULL, "kind: agencies\n",
     "kind: agencies\nid: x\n", WARN, 0, 0, "id", "id: x", "id",
     "`id` is not a known key at the top of the document"},
};

START_TEST(test_rule)
{
	const struct rule *r = &rules[_i];
	char *text = edit(r->base ? r->base : CASE, r->section, r->find, r->repl);
	if (r->find2) {
		char *t2 = edit(text, NULL, r->find2, r->repl2);
		free(text);
		text = t2;
	}
	sp_diags d = validate_text(r->name, text, r->flags & STRICT);
	if (!(r->flags & (ERR | WARN))) {
		check_counts(r->name, &d, 0, 0);
	} else {
		size_t errors = r->errors + ((r->flags & ERR) != 0);
		size_t warnings = r->warnings + ((r->flags & WARN) != 0);
		check_counts(r->name, &d, errors, warnings);
		const sp_diag *p = problem_at(r->name, &d, r->path);
		check_problem(r->name, p, r->flags & ERR ? SP_ERROR : SP_WARNING,
			      where(text, r->at, r->at_sub), r->fragment);
	}
	sp_diags_free(&d);
	free(text);
}
END_TEST

/* --- the base documents, and problems that come in more than one ------------------------- */

START_TEST(test_bases_are_valid)
{
	sp_diags d = validate_text("CASE", CASE, true);
	check_counts("CASE", &d, 0, 0);
	sp_diags_free(&d);
	d = validate_text("AGENCIES", AGENCIES, true);
	check_counts("AGENCIES", &d, 0, 0);
	sp_diags_free(&d);
	/* the smallest case: only what is required */
	static const char minimal[] = "samplan: 1\nkind: case\nid: c\n"
				      "person: {name: K, home_municipality: {number: \"0301\", "
				      "name: Oslo}}\n"
				      "unit: {id: u, name: U, type: probation_office}\n"
				      "sentence: {type: remand, start: 2026-01-01}\n";
	d = validate_text("minimal", minimal, true);
	check_counts("minimal", &d, 0, 0);
	sp_diags_free(&d);
	d = validate_text("minimal agencies", "samplan: 1\nkind: agencies\nagencies: []\n", true);
	check_counts("minimal agencies", &d, 0, 0);
	sp_diags_free(&d);
}
END_TEST

/* The place of a problem, with the numbers written out (where() is checked here too). */
START_TEST(test_places_written_out)
{
	char *text = edit(CASE, SENTENCE, "  release: 2026-11-30\n", "  release: 2026-08-31\n");
	sp_diags d = validate_text("release", text, false);
	check_counts("release", &d, 1, 0);
	const sp_diag *p = problem_at("release", &d, "sentence.release");
	ck_assert_uint_eq(p->pos.line, 19);
	ck_assert_uint_eq(p->pos.col, 12);
	sp_diags_free(&d);
	free(text);

	text = edit(CASE, SENTENCE, "  release: 2026-11-30\n", "");
	d = validate_text("no release", text, false);
	p = problem_at("no release", &d, "sentence.release");
	ck_assert_uint_eq(p->pos.line, 17); /* where the mapping under `sentence:` starts */
	ck_assert_uint_eq(p->pos.col, 3);
	sp_diags_free(&d);
	free(text);

	text = edit(CASE, DOMAINS, "      needs: [contact]\n", "      needs: [contact, contact]\n");
	d = validate_text("needs", text, false);
	p = problem_at("needs", &d, "screening.domains.housing.needs[1]");
	ck_assert_uint_eq(p->pos.line, 43);
	ck_assert_uint_eq(p->pos.col, 24);
	sp_diags_free(&d);
	free(text);
}
END_TEST

/* Every problem is reported, not just the first. */
START_TEST(test_all_problems_reported)
{
	char *t1 = edit(CASE, SENTENCE, "  release: 2026-11-30\n", "  release: 2026-08-31\n");
	char *t2 = edit(t1, PERSON, "  born: 1990-04-12\n", "  born: 2026-02-30\n");
	char *t3 = edit(t2, UNIT, "  type: prison\n", "  type: prisn\n");
	char *t4 = edit(t3, HANDOVERS, "    declined: null\n", "    declined: 2026-10-21\n");
	char *t5 = edit(t4, LETTERS, "  - id: L-0002\n", "  - id: L-0001\n");
	char *t6 = edit(t5, DOMAINS, "    housing:\n", "    housng:\n");
	sp_diags d = validate_text("many", t6, false);
	check_counts("many", &d, 6, 1);
	problem_at("many", &d, "sentence.release");
	problem_at("many", &d, "person.born");
	problem_at("many", &d, "unit.type");
	problem_at("many", &d, "handovers[0].declined");
	problem_at("many", &d, "letters[1].id");
	problem_at("many", &d, "screening.domains.housng");
	problem_at("many", &d, "screening.domains.housing");
	sp_diags_free(&d);
	d = validate_text("many, strict", t6, true);
	check_counts("many, strict", &d, 7, 0);
	sp_diags_free(&d);
	free(t1), free(t2), free(t3), free(t4), free(t5), free(t6);
}
END_TEST

/* An unknown key is a warning: it adds to warnings, not to the count sp_validate returns. */
START_TEST(test_warning_is_not_counted_as_error)
{
	char *text = edit(CASE, NULL, "id: case-1\n", "id: case-1\nremarks: none\n");
	sp_doc *doc = parse_doc(text);
	sp_diags d = {0};
	ck_assert_uint_eq(sp_validate(doc, &d), 0);
	ck_assert_uint_eq(d.warnings, 1);
	sp_diags_clear(&d);
	d.strict = true;
	ck_assert_uint_eq(sp_validate(doc, &d), 1);
	ck_assert_uint_eq(d.warnings, 0);
	sp_diags_free(&d);
	sp_doc_free(doc);
	free(text);
}
END_TEST

/* The count sp_validate returns is of this document only, not of the list so far. */
START_TEST(test_returns_errors_added)
{
	char *text = edit(CASE, NULL, "samplan: 1\n", "samplan: 2\n");
	sp_doc *doc = parse_doc(text);
	sp_diags d = {0};
	ck_assert_uint_eq(sp_validate(doc, &d), 1);
	ck_assert_uint_eq(sp_validate(doc, &d), 1);
	ck_assert_uint_eq(d.errors, 2);
	sp_diags_free(&d);
	sp_doc_free(doc);
	free(text);
}
END_TEST

START_TEST(test_not_a_mapping)
{
	static const struct {
		const char *text;
		unsigned line, col;
	} docs[] = {
	    {"- samplan: 1\n- kind: case\n", 1, 1},
	    {"# a comment\nhello\n", 2, 1},
	    {"42\n", 1, 1},
	    {"# a list in flow style (a bare [ would start a JSON array of documents)\n[1, 2]\n",
	     2, 1},
	    {"\"samplan: 1\"\n", 1, 1},
	    {"~\n", 1, 1},
	};
	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
		sp_diags d = validate_text(docs[i].text, docs[i].text, false);
		check_counts(docs[i].text, &d, 1, 0);
		const sp_diag *p = problem_at(docs[i].text, &d, "");
		check_problem(docs[i].text, p, SP_ERROR, (sp_pos){docs[i].line, docs[i].col},
			      "a samplan document is a mapping of keys that starts with `samplan: 1`");
		sp_diags_free(&d);
	}
}
END_TEST

/* Positions in JSON documents, too. */
START_TEST(test_json_document)
{
	static const char json[] =
	    "{\n"
	    "  \"samplan\": 1, \"kind\": \"case\", \"id\": \"c-1\",\n"
	    "  \"person\": {\"name\": \"K\", \"home_municipality\": {\"number\": 301, \"name\": "
	    "\"Oslo\"}},\n"
	    "  \"unit\": {\"id\": \"u\", \"name\": \"U\", \"type\": \"prison\"},\n"
	    "  \"sentence\": {\"type\": \"prison\", \"start\": \"2026-09-01\", \"release\": "
	    "\"2026-02-30\"},\n"
	    "  \"plans\": [{\"id\": \"p\", \"type\": \"other\", \"owner\": \"u\"},\n"
	    "            {\"id\": \"p\", \"type\": \"other\", \"owner\": \"u\", \"ownr\": 1}]\n"
	    "}\n";
	sp_diags d = validate_text("json", json, false);
	check_counts("json", &d, 3, 1);
	check_problem("json", problem_at("json", &d, "person.home_municipality.number"), SP_ERROR,
		      where(json, "301", NULL), "is written as a number");
	check_problem("json", problem_at("json", &d, "sentence.release"), SP_ERROR,
		      where(json, "\"2026-02-30\"", NULL), "a day that does not exist");
	check_problem("json", problem_at("json", &d, "plans[1].id"), SP_ERROR,
		      where(json, "{\"id\": \"p\", \"type\": \"other\", \"owner\": \"u\", \"ownr\"",
			    "\"p\""),
		      "the same id is already used by `plans[0]`");
	check_problem("json", problem_at("json", &d, "plans[1].ownr"), SP_WARNING,
		      where(json, "\"ownr\"", NULL), "`ownr` is not a known key under `plans[1]`; "
						       "did you mean `owner`?");
	sp_diags_free(&d);
}
END_TEST

/* The domains of a screening are only the eight, whatever the strictness. */
START_TEST(test_unknown_domain_is_an_error_even_without_strict)
{
	char *text = edit(CASE, DOMAINS, "    family: {", "    famliy: {");
	sp_diags d = validate_text("famliy", text, false);
	check_counts("famliy", &d, 1, 1);
	check_problem("famliy", problem_at("famliy", &d, "screening.domains.famliy"), SP_ERROR,
		      where(text, "    famliy", "famliy"),
		      "`famliy` is not a domain; did you mean `family`?");
	check_problem("famliy", problem_at("famliy", &d, "screening.domains.family"), SP_WARNING,
		      where(text, "  domains:\n    physical_health", "physical_health"),
		      "the screening has no answers for `family`");
	sp_diags_free(&d);
	free(text);
}
END_TEST

/* --- no value of the document ever appears in a message --------------------------------- */

static const char MARKED_CASE[] =
    "samplan: MARKERVERSION\n"
    "kind: case\n"
    "id: MARKER ID\n"
    "person:\n"
    "  name: [MARKERNAME]\n"
    "  born: MARKERDATE\n"
    "  home_municipality: {number: MARKERMUNI, name: \"\"}\n"
    "  language: MARKERENUM\n"
    "  address: 17\n"
    "  remarks: MARKERVALUE\n"
    "unit: {id: .MARKERID, name: MARKERNAME, type: prisonMARKER}\n"
    "sentence: {type: prison, start: 2026-09-01, release: 2026-08-01,\n"
    "           supervision_after_release: MARKERBOOL, security: opne}\n"
    "contact_officers: [{name: A}, {name: B}, {name: C},\n"
    "                   {name: MARKERNAME, id: MARKER/ID, role: MARKERROLE}]\n"
    "programmes: [{name: [MARKERNAME], from: MARKERDATE}]\n"
    "consents:\n"
    "  - {recipient: MARKER RECIPIENT, domains: [all, MARKERDOMAIN, MARKERDOMAIN],\n"
    "     given: 2026-09-03, expires: 2026-09-01, withdrawn: MARKERDATE}\n"
    "screening:\n"
    "  date: 2026-01-01\n"
    "  by: 42\n"
    "  wants_follow_up: MARKERBOOL\n"
    "  domains:\n"
    "    housing: {past: MARKER, current: true, contact: [MARKER], needs: [MARKERNEED, MARKERNEED],\n"
    "              note: MARKERNOTE, notes: MARKERNOTE}\n"
    "    family: MARKERFAMILY\n"
    "ip: {status: MARKERSTATUS, requested: 2026-02-30, coordinator: {name: MARKERNAME}}\n"
    "plans:\n"
    "  - {id: MARKERPLAN, type: MARKERTYPE, owner: MARKER OWNER}\n"
    "  - id: MARKERPLAN\n"
    "    type: other\n"
    "    owner: x\n"
    "    goals:\n"
    "      - {id: MARKERGOAL, domain: MARKERDOMAIN, text: MARKERTEXT,\n"
    "         measures: [{id: MARKERMEASURE, text: \"\", status: MARKERSTATUS}]}\n"
    "      - {id: MARKERGOAL, domain: other, text: MARKERTEXT,\n"
    "         measures: [{id: MARKERMEASURE, text: MARKERTEXT, due: 2026-13-01}]}\n"
    "letters:\n"
    "  - {id: MARKERLETTER, template: MARKERTEMPLATE, recipient: person, date: MARKERDATE,\n"
    "     response: {date: 2026-01-01, outcome: MARKEROUTCOME}}\n"
    "  - {id: MARKERLETTER, template: t, recipient: person, date: 2026-01-01}\n"
    "handovers:\n"
    "  - {domain: MARKERDOMAIN, to: x, requested: 2026-10-01, confirmed: 2026-09-01,\n"
    "     declined: 2026-09-02, confirmed_by: 7}\n"
    "  - {domain: housing, to: x, requested: 2026-10-01, starts: 2026-09-01, contact: 9}\n"
    "  - {domain: housing, to: x, requested: 2026-10-01, confirmed: 2026-10-02, starts: MARKERDATE}\n"
    "responsibility_group: {meetings: [{date: 2026-10-01, time: MARKERTIME, participants: [MARKER ID]}]}\n"
    "history:\n"
    "  - {at: MARKERTIME, user: MARKERUSER, tool: x, event: MARKER EVENT, keys: [MARKER KEY, 5]}\n"
    "  - {at: 2026-02-30T10:00:00+01:00, user: u, tool: t, event: e}\n"
    "assessment: {as_of: MARKERDATE, risk_areas: 9, days_to_release: MARKERDAYS,\n"
    "             needs: [{domain: housing, urgency: MARKERURGENCY}], warnings: [1]}\n";

static const char MARKED_AGENCIES[] =
    "samplan: 1\n"
    "kind: agencies\n"
    "agencies:\n"
    "  - {id: MARKERAGENCY, name: MARKERNAME, type: MARKERTYPE, municipality: MARKERMUNI,\n"
    "     address: MARKERADDRESS, response_days: -5, contact: {name: [MARKER]},\n"
    "     agreements: [{title: \"\", date: MARKERDATE}]}\n"
    "  - {id: MARKERAGENCY, name: x, type: nav, municipality: 0301, response_days: MARKERDAYS}\n";

static bool has_problem(const sp_diags *d, const char *path)
{
	for (size_t i = 0; i < d->n; i++)
		if (strcmp(d->v[i].path, path) == 0)
			return true;
	return false;
}

START_TEST(test_no_value_in_messages)
{
	/* every key whose MARKER value is wrong, so the messages checked are the ones that
	 * concern a marked value */
	static const char *const case_paths[] = {
	    "samplan", "id", "person.name", "person.born", "person.home_municipality.number",
	    "person.home_municipality.name", "person.language", "person.address", "person.remarks",
	    "unit.id", "unit.type", "sentence.release", "sentence.supervision_after_release",
	    "sentence.security", "contact_officers", "contact_officers[3].role",
	    "consents[0].recipient", "consents[0].domains", "consents[0].domains[1]",
	    "consents[0].domains[2]", "consents[0].expires", "consents[0].withdrawn",
	    "screening.date", "screening.by", "screening.wants_follow_up",
	    "screening.domains.housing.past", "screening.domains.housing.contact",
	    "screening.domains.housing.needs[0]", "screening.domains.housing.needs[1]",
	    "screening.domains.housing.notes", "screening.domains.family", "ip.status",
	    "ip.requested", "ip.coordinator.appointed", "plans[0].type", "plans[0].owner",
	    "plans[1].id", "plans[1].goals[0].domain", "plans[1].goals[0].measures[0].text",
	    "plans[1].goals[0].measures[0].status", "plans[1].goals[1].id",
	    "plans[1].goals[1].measures[0].id", "plans[1].goals[1].measures[0].due",
	    "letters[0].date", "letters[0].response.outcome", "letters[1].id",
	    "handovers[0].domain", "handovers[0].confirmed", "handovers[0].declined",
	    "handovers[0].confirmed_by", "handovers[1].starts", "handovers[1].contact",
	    "handovers[2].starts", "contact_officers[3].id", "programmes[0].name",
	    "programmes[0].from", "responsibility_group.meetings[0].time",
	    "responsibility_group.meetings[0].participants[0]", "history[0].at", "history[0].event",
	    "history[0].keys[0]", "history[0].keys[1]", "history[1].at", "assessment.as_of", "assessment.risk_areas",
	    "assessment.days_to_release", "assessment.needs[0].urgency", "assessment.warnings[0]",
	    NULL};
	static const char *const agencies_paths[] = {
	    "agencies[0].type", "agencies[0].municipality", "agencies[0].address",
	    "agencies[0].response_days", "agencies[0].contact.name", "agencies[0].agreements[0].title",
	    "agencies[0].agreements[0].date", "agencies[1].id", "agencies[1].municipality",
	    "agencies[1].response_days", NULL};
	static const char *const kind_paths[] = {"kind", NULL};
	static const char *const root_paths[] = {"", NULL};
	static const struct {
		const char *text;
		const char *const *paths;
	} docs[] = {
	    {MARKED_CASE, case_paths},
	    {MARKED_AGENCIES, agencies_paths},
	    {"samplan: 1\nkind: MARKERKIND\n", kind_paths},
	    {"samplan: 1\nkind: [MARKERKIND]\n", kind_paths},
	    {"- MARKERLIST\n", root_paths},
	    {"MARKERSCALAR\n", root_paths},
	};
	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++) {
		for (int strict = 0; strict <= 1; strict++) {
			/* validate_text fails the test if a message or path holds "MARKER" */
			sp_diags d = validate_text(docs[i].text, docs[i].text, strict);
			for (const char *const *path = docs[i].paths; *path; path++) {
				if (!has_problem(&d, *path))
					dump(docs[i].text, &d);
				ck_assert_msg(has_problem(&d, *path), "no problem reported at `%s`",
					      *path);
			}
			sp_diags_free(&d);
		}
	}
}
END_TEST

/* --- the examples pass --strict ---------------------------------------------------------- */

static size_t validate_file(const char *path, size_t *errors, size_t *warnings)
{
	sp_diags d = {.strict = true};
	sp_reader *r = sp_reader_open(path, NULL, &d);
	ck_assert_msg(r != NULL, "cannot open %s", path);
	size_t docs = 0;
	sp_doc *doc;
	int rc;
	while ((rc = sp_reader_next(r, &doc, &d)) == 1) {
		docs++;
		sp_validate(doc, &d);
		sp_doc_free(doc);
	}
	if (rc < 0 || d.n)
		dump(path, &d);
	ck_assert_msg(rc == 0, "%s: read error", path);
	*errors += d.errors;
	*warnings += d.warnings;
	sp_diags_free(&d);
	sp_reader_close(r);
	return docs;
}

START_TEST(test_examples_pass_strict)
{
	static const struct {
		const char *dir;
		size_t min_files, min_docs;
	} dirs[] = {{"cases", 14, 14}, {"agencies", 2, 2}, {"streams", 2, 6}};
	for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
		char dirpath[4096];
		snprintf(dirpath, sizeof dirpath, "%s/examples/%s", SAMPLAN_SOURCE_DIR, dirs[i].dir);
		DIR *dir = opendir(dirpath);
		ck_assert_msg(dir != NULL, "cannot open %s", dirpath);
		size_t files = 0, docs = 0;
		struct dirent *e;
		while ((e = readdir(dir))) {
			if (e->d_name[0] == '.')
				continue;
			char path[8192];
			snprintf(path, sizeof path, "%s/%s", dirpath, e->d_name);
			size_t errors = 0, warnings = 0;
			size_t n = validate_file(path, &errors, &warnings);
			ck_assert_msg(n >= 1, "%s holds no document", path);
			ck_assert_msg(errors == 0 && warnings == 0,
				      "%s: %zu errors, %zu warnings in strict mode", path, errors,
				      warnings);
			files++;
			docs += n;
		}
		closedir(dir);
		ck_assert_uint_ge(files, dirs[i].min_files);
		ck_assert_uint_ge(docs, dirs[i].min_docs);
	}
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("validate");
	TCase *tc = tcase_create("rules");
	tcase_add_loop_test(tc, test_rule, 0, (int)(sizeof rules / sizeof *rules));
	suite_add_tcase(s, tc);
	tc = tcase_create("documents");
	tcase_add_test(tc, test_bases_are_valid);
	tcase_add_test(tc, test_places_written_out);
	tcase_add_test(tc, test_all_problems_reported);
	tcase_add_test(tc, test_warning_is_not_counted_as_error);
	tcase_add_test(tc, test_returns_errors_added);
	tcase_add_test(tc, test_not_a_mapping);
	tcase_add_test(tc, test_json_document);
	tcase_add_test(tc, test_unknown_domain_is_an_error_even_without_strict);
	tcase_add_test(tc, test_no_value_in_messages);
	tcase_add_test(tc, test_examples_pass_strict);
	suite_add_tcase(s, tc);
	return s;
}
