/* SPDX-License-Identifier: MIT */
/* casetext.h — the test case that the screen, handover and indicators unit tests vary:
 * a case built as YAML text from parts, each NULL part keeping the template's. */
#ifndef SP_CASETEXT_H
#define SP_CASETEXT_H

#include "unit.h"
#include "domain/case.h"
#include "base/date.h"
#include "domain/validate.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* The parts of a case a test may change; NULL keeps the template's part (for ip, group,
 * letters, handovers and rest: none). */
typedef struct {
	const char *home;      /* person.home_municipality */
	const char *unit;
	const char *sentence;
	const char *consents;  /* what follows `consents:` */
	bool no_screening;
	const char *date;      /* screening.date */
	const char *follow;    /* screening.wants_follow_up */
	const char *rows;      /* screening rows; a domain not named gets a no-problem row */
	const char *omit;      /* a domain left out of the screening */
	const char *ip;        /* the whole `ip:` block */
	const char *group;     /* the whole `responsibility_group:` block */
	const char *letters;   /* what follows `letters:` */
	const char *handovers; /* what follows `handovers:` */
	const char *rest;      /* anything else, at the end */
} parts;

/* The template: home Bodø, unit bodo-fengsel, prison 2026-09-01 to 2026-11-30 (90 days),
 * consent to kommune-1804 for all domains and to nav-bodo for finances (given
 * 2026-09-03), screened 2026-09-03 (2 days after the start) wanting follow-up: a housing
 * need (past and current, no contact) and a finances need (current, no contact). */
#define HOME "{number: \"1804\", name: Bodø}"
#define UNIT "{id: bodo-fengsel, name: Bodø fengsel, type: prison}"
#define SENTENCE "{type: prison, start: 2026-09-01, release: 2026-11-30}"
#define REMAND "{type: remand, start: 2026-09-01}"
#define CONSENTS                                                                                   \
	"\n  - {recipient: kommune-1804, domains: [all], given: 2026-09-03}"                       \
	"\n  - {recipient: nav-bodo, domains: [finances], given: 2026-09-03}"
#define ROWS                                                                                       \
	"    housing: {past: true, current: true, contact: null, needs: []}\n"                      \
	"    finances: {past: false, current: true, contact: null, needs: []}\n"

static const char *const domains[SP_DOMAIN_COUNT] = {
    "physical_health", "mental_health", "substance_use", "housing",
    "finances",        "family",        "legal",         "work_education"};

static inline void put(char *buf, size_t cap, const char *fmt, ...)
{
	size_t len = strlen(buf);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf + len, cap - len, fmt, ap);
	va_end(ap);
	ck_assert_msg(strlen(buf) + 1 < cap, "test buffer too small");
}

/* The case text of p (caller frees). */
static inline char *case_text(const parts *p)
{
	size_t cap = 16384;
	char *t = calloc(1, cap);
	put(t, cap, "%s", "samplan: 1\nkind: case\nid: T-1\nperson:\n  name: Kari Nordmann\n");
	put(t, cap, "  home_municipality: %s\n", p->home ? p->home : HOME);
	put(t, cap, "unit: %s\n", p->unit ? p->unit : UNIT);
	put(t, cap, "sentence: %s\n", p->sentence ? p->sentence : SENTENCE);
	put(t, cap, "consents:%s\n", p->consents ? p->consents : CONSENTS);
	if (!p->no_screening) {
		put(t, cap, "screening:\n  date: %s\n  wants_follow_up: %s\n  domains:\n",
		    p->date ? p->date : "2026-09-03", p->follow ? p->follow : "true");
		const char *rows = p->rows ? p->rows : ROWS;
		put(t, cap, "%s", rows);
		for (int d = 0; d < SP_DOMAIN_COUNT; d++) {
			char key[64];
			snprintf(key, sizeof key, "    %s:", domains[d]);
			if (strstr(rows, key) || (p->omit && strcmp(p->omit, domains[d]) == 0))
				continue;
			put(t, cap, "    %s: {past: false, current: false, contact: null, needs: []}\n",
			    domains[d]);
		}
	}
	if (p->ip)
		put(t, cap, "%s", p->ip);
	if (p->group)
		put(t, cap, "%s", p->group);
	if (p->letters)
		put(t, cap, "letters:%s\n", p->letters);
	if (p->handovers)
		put(t, cap, "handovers:%s\n", p->handovers);
	if (p->rest)
		put(t, cap, "%s", p->rest);
	return t;
}

/* A registry of the agencies documents in text (one document). Free with sp_agencies_free. */
static inline sp_agencies *registry_of(const char *text)
{
	sp_doc *r = parse_ok(text);
	sp_agencies *reg = sp_agencies_new();
	sp_agencies_add(reg, r->root);
	sp_doc_free(r);
	return reg;
}

/* Parse text as a case and check it is valid (the problems and the text on stderr if
 * not). Caller frees. */
static inline sp_doc *valid_case(const char *text)
{
	sp_doc *dc = parse_ok(text);
	sp_diags d = {0};
	size_t errors = sp_validate(dc, &d);
	for (size_t i = 0; errors && i < d.n; i++)
		fprintf(stderr, "invalid test case: %u:%u: %s: %s\n%s", d.v[i].pos.line,
			d.v[i].pos.col, d.v[i].path, d.v[i].msg, text);
	ck_assert_uint_eq(errors, 0);
	sp_diags_free(&d);
	return dc;
}

#endif
