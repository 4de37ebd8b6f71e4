/* SPDX-License-Identifier: MIT */
/* test_merge.c — sp_normalise and sp_merge_plans: matching goals and measures across plans,
 * the merged individual plan (owner, parts, ids, order, texts, sources), every finding with
 * its fields, extra plan documents, three-way merging against base plans, and two
 * properties over generated plans (idempotence, independence of the plan order).
 *
 * Each case is a small valid template with one part changed. The template (see `fp_plan`
 * and `ip_plan`): home Bodø (1804), unit bodo-fengsel, prison 2026-09-01 to 2026-11-30,
 * screened with a housing need and a finances need, and two plans listed future plan first:
 *   fp-1  future_plan      bodo-fengsel  updated 2026-10-02
 *         g1 housing "egen bolig ved løslatelse"
 *            m1 "søke  kommunal bolig"   kommune-1804  2026-11-01  planned
 *   ip-1  individual_plan  kommune-1804  updated 2026-10-01
 *         g1 housing "Egen bolig ved løslatelse"
 *            m1 "Søke kommunal bolig."   kommune-1804  2026-11-01  planned
 *         g2 finances "Orden i økonomien"
 *            m2 "Søke sosialhjelp"       nav-bodo      2026-11-15  (no status)
 * Merged: housing-1 (ip-1/g1, fp-1/g1) with housing-1.1 (ip-1/m1, fp-1/m1), finances-1
 * (ip-1/g2) with finances-1.1 (ip-1/m2); owner kommune-1804; no findings. */
#include "unit.h"
#include "domain/merge.h"
#include "domain/validate.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

/* --- building texts ------------------------------------------------------------------ */

static char *arena[4096];
static size_t narena;

/* A formatted string that lives until the end of the test. */
static const char *F(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static const char *F(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	ck_assert_int_ge(n, 0);
	char *s = malloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	ck_assert_uint_lt(narena, sizeof arena / sizeof *arena);
	arena[narena++] = s;
	return s;
}

/* The items of a NULL-terminated list of strings joined with ", ". */
static const char *join(va_list ap)
{
	const char *out = "";
	for (const char *s; (s = va_arg(ap, const char *));)
		out = *out ? F("%s, %s", out, s) : s;
	return out;
}

/* A measure in YAML flow style; NULL leaves a field out. */
static const char *M(const char *id, const char *text, const char *resp, const char *due,
		     const char *status)
{
	return F("{id: %s, text: \"%s\"%s%s%s%s%s%s}", id, text, resp ? ", responsible: " : "",
		 resp ? resp : "", due ? ", due: " : "", due ? due : "", status ? ", status: " : "",
		 status ? status : "");
}

/* A goal with its measures (NULL-terminated). */
static const char *G(const char *id, const char *domain, const char *text, ...)
{
	va_list ap;
	va_start(ap, text);
	const char *ms = join(ap);
	va_end(ap);
	return F("{id: %s, domain: %s, text: \"%s\", measures: [%s]}", id, domain, text, ms);
}

/* A plan with its goals (NULL-terminated); updated NULL leaves it out. */
static const char *P(const char *id, const char *type, const char *owner, const char *updated, ...)
{
	va_list ap;
	va_start(ap, updated);
	const char *gs = join(ap);
	va_end(ap);
	return F("{id: %s, type: %s, owner: %s%s%s, goals: [%s]}", id, type, owner,
		 updated ? ", updated: " : "", updated ? updated : "", gs);
}

/* The list of plans (NULL-terminated) as the value of `plans:`. */
static const char *PLANS(const char *first, ...)
{
	if (!first)
		return " []";
	const char *out = F("\n  - %s", first);
	va_list ap;
	va_start(ap, first);
	for (const char *s; (s = va_arg(ap, const char *));)
		out = F("%s\n  - %s", out, s);
	va_end(ap);
	return out;
}

/* The template's plans, with the housing measure's responsible, due and status given. */
static const char *fp_with(const char *resp, const char *due, const char *status)
{
	return P("fp-1", "future_plan", "bodo-fengsel", "2026-10-02",
		 G("g1", "housing", "egen bolig ved løslatelse",
		   M("m1", "søke  kommunal bolig", resp, due, status), NULL),
		 NULL);
}

static const char *ip_with(const char *resp, const char *due, const char *status)
{
	return P("ip-1", "individual_plan", "kommune-1804", "2026-10-01",
		 G("g1", "housing", "Egen bolig ved løslatelse",
		   M("m1", "Søke kommunal bolig.", resp, due, status), NULL),
		 G("g2", "finances", "Orden i økonomien",
		   M("m2", "Søke sosialhjelp", "nav-bodo", "2026-11-15", NULL), NULL),
		 NULL);
}

#define RESP "kommune-1804"
#define DUE "2026-11-01"
#define STATUS "planned"
static const char *fp_plan(void) { return fp_with(RESP, DUE, STATUS); }
static const char *ip_plan(void) { return ip_with(RESP, DUE, STATUS); }

/* The parts of a case a test may change; NULL keeps the template's part. */
typedef struct {
	const char *plans;      /* after `plans:` */
	const char *rows;       /* screening rows; the other domains get a no-problem row */
	bool no_screening;
	const char *assessment; /* the whole `assessment:` block */
	const char *sentence;
	const char *home;
	const char *unit;       /* the `unit:` mapping (default Bodø fengsel, a prison) */
	bool no_follow_up;      /* screening.wants_follow_up: false */
} parts;

#define HOUSING_ROW "    housing: {past: true, current: true, contact: null, needs: []}\n"
#define ROWS HOUSING_ROW "    finances: {past: false, current: true, contact: null, needs: []}\n"

static const char *const domains[SP_DOMAIN_COUNT] = {
    "physical_health", "mental_health", "substance_use", "housing",
    "finances",        "family",        "legal",         "work_education"};

static const char *case_text(const parts *p)
{
	const char *t = F("samplan: 1\nkind: case\nid: T-1\nperson:\n  name: Kari Nordmann\n"
			  "  home_municipality: %s\n"
			  "unit: %s\n"
			  "sentence: %s\n",
			  p->home ? p->home : "{number: \"1804\", name: Bodø}",
			  p->unit ? p->unit : "{id: bodo-fengsel, name: Bodø fengsel, type: prison}",
			  p->sentence ? p->sentence : "{type: prison, start: 2026-09-01, release: 2026-11-30}");
	if (!p->no_screening) {
		const char *rows = p->rows ? p->rows : ROWS;
		t = F("%sscreening:\n  date: 2026-09-03\n  wants_follow_up: %s\n  domains:\n%s", t,
		      p->no_follow_up ? "false" : "true", rows);
		for (int d = 0; d < SP_DOMAIN_COUNT; d++)
			if (!strstr(rows, F("    %s:", domains[d])))
				t = F("%s    %s: {past: false, current: false, contact: null, needs: []}\n", t,
				      domains[d]);
	}
	if (p->assessment)
		t = F("%s%s", t, p->assessment);
	return F("%splans:%s\n", t, p->plans ? p->plans : PLANS(fp_plan(), ip_plan(), NULL));
}

/* --- the fixture -------------------------------------------------------------------- */

static const char *registry_text =
    "samplan: 1\n"
    "kind: agencies\n"
    "agencies:\n"
    "  - {id: kommune-1804, name: Bodø kommune, type: municipality, municipality: \"1804\"}\n"
    "  - {id: nav-bodo, name: NAV Bodø, type: nav, municipality: \"1804\"}\n"
    "  - {id: bodo-fengsel, name: Bodø fengsel, type: prison, municipality: \"1804\"}\n";

static sp_rules *rules;
static sp_agencies *reg;
static sp_doc *doc;     /* the case last merged */
static const json_t *C; /* its root */
static size_t nfound;   /* what sp_merge_plans returned */

static void setup(void)
{
	narena = 0;
	rules = sp_rules_default();
	sp_doc *r = parse_ok(registry_text);
	reg = sp_agencies_new();
	sp_agencies_add(reg, r->root);
	sp_doc_free(r);
	doc = NULL;
	C = NULL;
}

static void teardown(void)
{
	sp_doc_free(doc);
	doc = NULL;
	sp_agencies_free(reg);
	sp_rules_free(rules);
	for (size_t i = 0; i < narena; i++)
		free(arena[i]);
	narena = 0;
}


/* Validate a document; fails the test (printing the text) if it is not valid. */
static void check_valid(const sp_doc *dd, const char *what)
{
	sp_diags d = {0};
	size_t errors = sp_validate(dd, &d);
	for (size_t i = 0; errors && i < d.n; i++)
		fprintf(stderr, "invalid %s: %u:%u: %s: %s\n", what, d.v[i].pos.line, d.v[i].pos.col,
			d.v[i].path, d.v[i].msg);
	ck_assert_uint_eq(errors, 0);
	sp_diags_free(&d);
}

/* A JSON value read back through the document reader and checked by the validator. */
static void check_valid_json(const json_t *v, const char *what)
{
	char *text = json_dumps(v, JSON_COMPACT);
	sp_doc *dd = parse_ok(text);
	check_valid(dd, what);
	sp_doc_free(dd);
	free(text);
}

static sp_doc *make_doc(const parts *p)
{
	sp_doc *dd = parse_ok(case_text(p));
	check_valid(dd, "test case");
	return dd;
}

/* Build the case from p and merge it (with extra plans and base plans, and a registry or
 * none); the result stays in `doc`/`C` until the next. The merged case must be valid. */
static size_t merge_full(parts p, json_t *const *extra, size_t nextra, const json_t *base,
			 const sp_agencies *r)
{
	sp_doc_free(doc);
	doc = make_doc(&p);
	sp_merge_opts o = {rules, r, D("2026-10-01"), base};
	nfound = sp_merge_plans(doc->root, extra, nextra, &o);
	C = doc->root;
	check_valid_json(C, "merged case");
	ck_assert_uint_eq(nfound, json_array_size(json_object_get(json_object_get(C, "merge_report"), "findings")));
	return nfound;
}

static size_t merge(parts p) { return merge_full(p, NULL, 0, NULL, reg); }

static size_t merge_base(parts p, const char *base_plans)
{
	sp_doc *b = parse_ok(F("plans:%s\n", base_plans));
	size_t n = merge_full(p, NULL, 0, json_object_get(b->root, "plans"), reg);
	sp_doc_free(b);
	return n;
}

/* --- ways to look at the result ------------------------------------------------------ */

static const json_t *IP(void) { return json_object_get(C, "individual_plan"); }
static const json_t *REPORT(void) { return json_object_get(C, "merge_report"); }
static const json_t *FINDINGS(void) { return json_object_get(REPORT(), "findings"); }

/* The value of key as text: the string, "null" for null, "-" when absent. */
static const char *S(const json_t *o, const char *key)
{
	const json_t *v = json_object_get(o, key);
	if (!v)
		return "-";
	if (json_is_null(v))
		return "null";
	if (json_is_string(v))
		return json_string_value(v);
	char *t = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
	const char *s = F("%s", t);
	free(t);
	return s;
}

static json_int_t count(const char *key)
{
	const json_t *v = json_object_get(REPORT(), key);
	ck_assert_msg(json_is_integer(v), "merge_report.%s is not a number", key);
	return json_integer_value(v);
}

/* The merged goal with this id (fails if there is none). */
static const json_t *goal(const char *id)
{
	const json_t *gs = json_object_get(IP(), "goals");
	for (size_t i = 0; i < json_array_size(gs); i++)
		if (strcmp(S(json_array_get(gs, i), "id"), id) == 0)
			return json_array_get(gs, i);
	ck_abort_msg("no merged goal %s", id);
	return NULL;
}

/* The merged measure with this id, found in its goal (the id before the last dot). */
static const json_t *measure(const char *id)
{
	const char *dot = strrchr(id, '.');
	ck_assert_ptr_nonnull(dot);
	const json_t *ms = json_object_get(goal(F("%.*s", (int)(dot - id), id)), "measures");
	for (size_t i = 0; i < json_array_size(ms); i++)
		if (strcmp(S(json_array_get(ms, i), "id"), id) == 0)
			return json_array_get(ms, i);
	ck_abort_msg("no merged measure %s", id);
	return NULL;
}

/* "housing-1 finances-1": the merged goals' ids in order. */
static const char *goal_ids(void)
{
	const char *out = "";
	const json_t *gs = json_object_get(IP(), "goals");
	for (size_t i = 0; i < json_array_size(gs); i++)
		out = F("%s%s%s", out, i ? " " : "", S(json_array_get(gs, i), "id"));
	return out;
}

/* "housing-1.1 housing-1.2": a goal's measures' ids in order. */
static const char *measure_ids(const char *goal_id)
{
	const char *out = "";
	const json_t *ms = json_object_get(goal(goal_id), "measures");
	for (size_t i = 0; i < json_array_size(ms); i++)
		out = F("%s%s%s", out, i ? " " : "", S(json_array_get(ms, i), "id"));
	return out;
}

/* "ip-1/g1 fp-1/g1": the sources of a merged item; each is exactly {plan, item}. */
static const char *sources(const json_t *node)
{
	const json_t *src = json_object_get(node, "sources");
	ck_assert(json_is_array(src));
	const char *out = "";
	for (size_t i = 0; i < json_array_size(src); i++) {
		const json_t *s = json_array_get(src, i);
		ck_assert_uint_eq(json_object_size(s), 2);
		out = F("%s%s%s/%s", out, i ? " " : "", S(s, "plan"), S(s, "item"));
	}
	return out;
}

/* "responsible_differs@housing-1.1 need_not_covered@legal": each finding and where it is
 * (its measure, else its goal, else its domain). */
static const char *found(void)
{
	const char *out = "";
	const json_t *fs = FINDINGS();
	for (size_t i = 0; i < json_array_size(fs); i++) {
		const json_t *f = json_array_get(fs, i);
		const char *where = json_object_get(f, "measure") ? S(f, "measure")
				    : json_object_get(f, "goal")  ? S(f, "goal")
								  : S(f, "domain");
		out = F("%s%s%s@%s", out, i ? " " : "", S(f, "finding"), where);
	}
	return out;
}

static const json_t *finding_at(size_t i)
{
	ck_assert_uint_gt(json_array_size(FINDINGS()), i);
	return json_array_get(FINDINGS(), i);
}

/* "ip-1/m1=kommune-1804 fp-1/m1=nav-bodo": a finding's items; each is {plan, item, value}. */
static const char *items(const json_t *f)
{
	const json_t *its = json_object_get(f, "items");
	ck_assert(json_is_array(its));
	const char *out = "";
	for (size_t i = 0; i < json_array_size(its); i++) {
		const json_t *it = json_array_get(its, i);
		ck_assert_uint_eq(json_object_size(it), 3);
		out = F("%s%s%s/%s=%s", out, i ? " " : "", S(it, "plan"), S(it, "item"), S(it, "value"));
	}
	return out;
}

/* The keys of a finding, sorted: "finding goal items kept measure text why". */
static const char *keys(const json_t *f)
{
	const char *names[16];
	size_t n = 0;
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)f, k, v) {
		ck_assert_uint_lt(n, 16);
		names[n++] = k;
	}
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && strcmp(names[j - 1], names[j]) > 0; j--) {
			const char *t = names[j];
			names[j] = names[j - 1];
			names[j - 1] = t;
		}
	const char *out = "";
	for (size_t i = 0; i < n; i++)
		out = F("%s%s%s", out, i ? " " : "", names[i]);
	return out;
}

/* --- sp_normalise -------------------------------------------------------------------- */

static const char *N(const char *s)
{
	char buf[256];
	return F("%s", sp_normalise(s, buf, sizeof buf));
}

START_TEST(normalise_case_and_letters)
{
	ck_assert_str_eq(N("Søke kommunal bolig."), "soke kommunal bolig");
	ck_assert_str_eq(N("søke  kommunal bolig"), "soke kommunal bolig");
	ck_assert_str_eq(N("SØKE KOMMUNAL BOLIG"), "soke kommunal bolig");
	ck_assert_str_eq(N("AbC xYz"), "abc xyz");
	/* æ ø å and Æ Ø Å */
	ck_assert_str_eq(N("æøå ÆØÅ"), "aeoa aeoa");
	ck_assert_str_eq(N("Ærlig økonomi på Åsen"), "aerlig okonomi pa asen");
	/* accents and the other Latin-1 letters */
	ck_assert_str_eq(N("Kafé CAFÉ"), "kafe cafe");
	ck_assert_str_eq(N("Über Ñandú çà ë ï ô"), "uber nandu ca e i o");
	ck_assert_str_eq(N("Straße"), "strasse");
	ck_assert_str_eq(N("Þór Ýr"), "thor yr");
	/* digits are kept */
	ck_assert_str_eq(N("Søknad nr. 12 i 2026"), "soknad nr 12 i 2026");
	ck_assert_str_eq(N("0301"), "0301");
	/* letters outside Latin-1 stay as they are (Cyrillic, Greek, CJK, Sámi č) */
	ck_assert_str_eq(N("Жильё"), "Жильё");
	ck_assert_str_eq(N("Søke: Жильё!"), "soke Жильё");
	ck_assert_str_eq(N("Ελλάδα 住房"), "Ελλάδα 住房");
	ck_assert_str_eq(N("Čáhci"), "Čahci");
}
END_TEST

START_TEST(normalise_punctuation_and_space)
{
	ck_assert_str_eq(N("a,b;c:d"), "a b c d");
	ck_assert_str_eq(N("(NAV) - \"bolig\"?"), "nav bolig");
	ck_assert_str_eq(N("a \t\n\r  b"), "a b");
	ck_assert_str_eq(N("   leading and trailing   "), "leading and trailing");
	ck_assert_str_eq(N("...a..."), "a");
	ck_assert_str_eq(N("a.b"), "a b");
	ck_assert_str_eq(N("!?!"), "");
	ck_assert_str_eq(N(""), "");
	/* the pair, and more that must match or not */
	ck_assert_str_eq(N("Søke kommunal bolig."), N("søke  kommunal bolig"));
	ck_assert_str_eq(N("Søke bolig"), N("Søke bolig!"));
	ck_assert_str_ne(N("bolig"), N("boliger"));
	ck_assert_str_ne(N("Søke bolig"), N("Søke boliger"));
	ck_assert_str_ne(N("rus 1"), N("rus 2"));
	ck_assert_str_ne(N("ab"), N("a b"));
}
END_TEST

/* Text pasted from a word processor: no-break space, Norwegian quotation marks, dashes,
 * typographic quotes, a soft hyphen, decomposed letters. */
START_TEST(normalise_office_text)
{
	ck_assert_str_eq(N("Søke\xc2\xa0kommunal\xc2\xa0" "bolig"), "soke kommunal bolig"); /* U+00A0 */
	ck_assert_str_eq(N("«Søke bolig»"), "soke bolig");
	ck_assert_str_eq(N("Bolig – NAV"), "bolig nav");                   /* en dash */
	ck_assert_str_eq(N("Bolig—NAV"), "bolig nav");                     /* em dash */
	ck_assert_str_eq(N("“Bolig” ‘nå’ …"), "bolig na");
	ck_assert_str_eq(N("bo\xc2\xadlig"), "bolig");                      /* soft hyphen */
	ck_assert_str_eq(N("bo\xe2\x80\x8blig"), "bolig");                  /* zero-width space */
	ck_assert_str_eq(N("Kafe\xcc\x81 a\xcc\x8a" "s"), "kafe as");        /* e + U+0301, a + U+030A */
	ck_assert_str_eq(N("Søke bolig §\xc2\xa0" "3"), "soke bolig 3");
	ck_assert_str_eq(N("a ×b"), "a b");
	ck_assert_str_eq(N("2×3÷4"), "2 3 4");
}
END_TEST

/* sp_normalise into a buffer of 32 bytes told it has `size`: what it wrote, checking that
 * nothing was written past size and that the result ends within it. */
static const char *N_in(const char *text, size_t size)
{
	char big[32];
	ck_assert_uint_le(size, sizeof big);
	memset(big, 'X', sizeof big);
	ck_assert_ptr_eq(sp_normalise(text, big, size), big);
	for (size_t i = size; i < sizeof big; i++)
		ck_assert_msg(big[i] == 'X', "%s: byte %zu written with a size of %zu", text, i, size);
	size_t n = 0;
	while (n < size && big[n])
		n++;
	ck_assert_msg(n < size, "%s: not terminated within %zu bytes", text, size);
	return F("%s", big);
}

START_TEST(normalise_small_buffer)
{
	/* never more than size bytes, always terminated, a prefix of the whole, as much as
	 * fits */
	ck_assert_str_eq(N_in("Abcdefghijkl", 8), "abcdefg");
	ck_assert_str_eq(N_in("Æ Æ Æ", 8), "ae ae");  /* "ae ae ae" needs 9 */
	ck_assert_str_eq(N_in("Æ Æ Æ", 9), "ae ae ae");
	ck_assert_str_eq(N_in("  ab", 3), "ab");
	/* a letter of several bytes is not cut in half at the end */
	ck_assert_str_eq(N_in("abcd😀", 8), "abcd");
	ck_assert_str_eq(N_in("abc😀x", 8), "abc😀");
	ck_assert_str_eq(N_in("abcdeЖ", 8), "abcdeЖ");
	ck_assert_str_eq(N_in("abcdefЖ", 8), "abcdef");
	ck_assert_str_eq(N_in("abc 住房", 7), "abc");    /* "abc 住" is 7 bytes */
	ck_assert_str_eq(N_in("abc 住房", 8), "abc 住");
	ck_assert_str_eq(N_in("abc 住房", 10), "abc 住");
	ck_assert_str_eq(N_in("abc 住房", 11), "abc 住房");
	const char *const texts[] = {"abcd😀", "abcde😀", "abc😀x", "abcdeЖ", "abcdefЖ", "abcdeæ", "abc 住房",
				     "Søke kommunal bolig.", "a ø b «c» d"};
	for (size_t i = 0; i < sizeof texts / sizeof *texts; i++)
		for (size_t size = 1; size <= 24; size++) {
			const char *part = N_in(texts[i], size), *whole = N(texts[i]);
			size_t n = strlen(part);
			ck_assert_msg(strncmp(whole, part, n) == 0, "%s: %s is not a prefix of %s", texts[i], part, whole);
			ck_assert_msg(n == strlen(whole) || ((unsigned char)whole[n] & 0xC0) != 0x80,
				      "%s: cut inside a letter after %zu bytes", texts[i], n);
		}
	ck_assert_str_eq(N_in("abc", 1), "");
	char none = 'Z';
	sp_normalise("abc", &none, 0); /* no room at all: nothing written */
	ck_assert_int_eq(none, 'Z');
}
END_TEST

/* --- the template and matching -------------------------------------------------------- */

START_TEST(template_case)
{
	ck_assert_uint_eq(merge((parts){0}), 0);
	ck_assert_str_eq(found(), "");
	ck_assert_str_eq(S(IP(), "owner"), "kommune-1804");
	ck_assert_str_eq(S(IP(), "updated"), "2026-10-02"); /* the latest plan's */
	ck_assert_str_eq(goal_ids(), "housing-1 finances-1");
	ck_assert_int_eq(count("plans"), 2);
	ck_assert_int_eq(count("goals"), 2);
	ck_assert_int_eq(count("matched_goals"), 1);
	ck_assert_int_eq(count("measures"), 2);
	ck_assert_int_eq(count("matched_measures"), 1);
	/* the goal and measure that both plans have: the IP's texts, both sources, IP first */
	const json_t *h = goal("housing-1");
	ck_assert_str_eq(S(h, "domain"), "housing");
	ck_assert_str_eq(S(h, "text"), "Egen bolig ved løslatelse");
	ck_assert_str_eq(sources(h), "ip-1/g1 fp-1/g1");
	ck_assert_str_eq(measure_ids("housing-1"), "housing-1.1");
	const json_t *m = measure("housing-1.1");
	ck_assert_str_eq(S(m, "text"), "Søke kommunal bolig.");
	ck_assert_str_eq(S(m, "responsible"), RESP);
	ck_assert_str_eq(S(m, "due"), DUE);
	ck_assert_str_eq(S(m, "status"), STATUS);
	ck_assert_str_eq(sources(m), "ip-1/m1 fp-1/m1");
	/* the IP's own goal: one source; a field the plan leaves out stays out */
	ck_assert_str_eq(sources(goal("finances-1")), "ip-1/g2");
	const json_t *f = measure("finances-1.1");
	ck_assert_str_eq(S(f, "text"), "Søke sosialhjelp");
	ck_assert_str_eq(S(f, "responsible"), "nav-bodo");
	ck_assert_str_eq(S(f, "due"), "2026-11-15");
	ck_assert_str_eq(S(f, "status"), "-");
	ck_assert_str_eq(sources(f), "ip-1/m2");
	/* every plan is a named part: IP first, then by id; period and updated kept */
	const json_t *parts_ = json_object_get(IP(), "parts");
	ck_assert_uint_eq(json_array_size(parts_), 2);
	const json_t *p0 = json_array_get(parts_, 0), *p1 = json_array_get(parts_, 1);
	ck_assert_str_eq(S(p0, "plan"), "ip-1");
	ck_assert_str_eq(S(p0, "type"), "individual_plan");
	ck_assert_str_eq(S(p0, "owner"), "kommune-1804");
	ck_assert_str_eq(S(p0, "updated"), "2026-10-01");
	ck_assert_str_eq(S(p0, "period"), "-");
	ck_assert_str_eq(S(p1, "plan"), "fp-1");
	ck_assert_str_eq(S(p1, "type"), "future_plan");
	ck_assert_str_eq(S(p1, "owner"), "bodo-fengsel");
	/* the input plans are left as they were */
	ck_assert_uint_eq(json_array_size(json_object_get(C, "plans")), 2);
	ck_assert_str_eq(S(json_array_get(json_object_get(C, "plans"), 0), "id"), "fp-1");
}
END_TEST

START_TEST(part_with_period)
{
	merge((parts){.plans = PLANS(F("{id: fp-1, type: future_plan, owner: bodo-fengsel, "
				       "period: {from: 2026-09-01, to: 2026-11-30}, goals: [%s]}",
				       G("g1", "housing", "Egen bolig ved løslatelse",
					 M("m1", "Søke kommunal bolig", RESP, DUE, NULL), NULL)),
				     ip_plan(), NULL)});
	const json_t *p1 = json_array_get(json_object_get(IP(), "parts"), 1);
	ck_assert_str_eq(S(p1, "plan"), "fp-1");
	ck_assert_str_eq(S(p1, "period"), "{\"from\":\"2026-09-01\",\"to\":\"2026-11-30\"}");
	ck_assert_str_eq(S(p1, "updated"), "-");
	ck_assert_str_eq(S(IP(), "updated"), "2026-10-01"); /* fp-1 has none */
}
END_TEST

START_TEST(goals_match_only_within_a_domain)
{
	/* the same text under family: its own goal; its measure is not matched with
	 * housing's either */
	merge((parts){.plans = PLANS(P("fp-1", "future_plan", "bodo-fengsel", "2026-10-02",
				       G("g1", "family", "Egen bolig ved løslatelse",
					 M("m1", "Søke kommunal bolig", RESP, DUE, STATUS), NULL),
				       NULL),
				     ip_plan(), NULL)});
	ck_assert_str_eq(goal_ids(), "housing-1 finances-1 family-1");
	ck_assert_str_eq(sources(goal("housing-1")), "ip-1/g1");
	ck_assert_str_eq(sources(goal("family-1")), "fp-1/g1");
	ck_assert_str_eq(sources(measure("family-1.1")), "fp-1/m1");
	ck_assert_str_eq(S(goal("family-1"), "text"), "Egen bolig ved løslatelse");
	ck_assert_int_eq(count("goals"), 3);
	ck_assert_int_eq(count("matched_goals"), 0);
	ck_assert_int_eq(count("measures"), 3);
	ck_assert_int_eq(count("matched_measures"), 0);
	ck_assert_str_eq(found(), "");
}
END_TEST

START_TEST(measures_match_only_within_a_goal)
{
	/* another housing goal with the same measure: two goals, two measures */
	merge((parts){.plans = PLANS(P("fp-1", "future_plan", "bodo-fengsel", "2026-10-02",
				       G("g1", "housing", "Bolig i Bodø",
					 M("m1", "Søke kommunal bolig", "nav-bodo", DUE, STATUS), NULL),
				       NULL),
				     ip_plan(), NULL)});
	ck_assert_str_eq(goal_ids(), "housing-1 housing-2 finances-1");
	ck_assert_str_eq(S(goal("housing-2"), "text"), "Bolig i Bodø");
	ck_assert_str_eq(sources(measure("housing-1.1")), "ip-1/m1");
	ck_assert_str_eq(sources(measure("housing-2.1")), "fp-1/m1");
	ck_assert_str_eq(S(measure("housing-2.1"), "responsible"), "nav-bodo");
	ck_assert_int_eq(count("matched_goals"), 0);
	ck_assert_int_eq(count("matched_measures"), 0);
	ck_assert_int_eq(count("measures"), 3);
	ck_assert_str_eq(found(), ""); /* different measures do not differ */
}
END_TEST

START_TEST(matched_goal_with_own_measures)
{
	/* the goal matches; the FP adds a measure of its own and the template's matched one:
	 * measures numbered as first met (the IP's first), sources per measure */
	merge((parts){.plans = PLANS(P("fp-1", "future_plan", "bodo-fengsel", "2026-10-02",
				       G("g1", "housing", "EGEN BOLIG, VED LØSLATELSE!",
					 M("m7", "Skaffe depositum", "nav-bodo", NULL, NULL),
					 M("m1", "Søke kommunal bolig", RESP, DUE, STATUS), NULL),
				       NULL),
				     ip_plan(), NULL)});
	ck_assert_str_eq(goal_ids(), "housing-1 finances-1");
	ck_assert_str_eq(measure_ids("housing-1"), "housing-1.1 housing-1.2");
	ck_assert_str_eq(sources(measure("housing-1.1")), "ip-1/m1 fp-1/m1");
	ck_assert_str_eq(S(measure("housing-1.2"), "text"), "Skaffe depositum");
	ck_assert_str_eq(sources(measure("housing-1.2")), "fp-1/m7");
	ck_assert_str_eq(S(measure("housing-1.2"), "due"), "-");
	ck_assert_int_eq(count("goals"), 2);
	ck_assert_int_eq(count("matched_goals"), 1);
	ck_assert_int_eq(count("measures"), 3);
	ck_assert_int_eq(count("matched_measures"), 1);
}
END_TEST

START_TEST(three_plans_counts_and_sources)
{
	/* an activity plan with the same goal and measure, spelled another way */
	const char *ap = P("ap-1", "activity_plan", "nav-bodo", "2026-09-20",
			   G("g5", "housing", "Egen bolig ved løslatelse!!",
			     M("m9", "Søke Kommunal Bolig", RESP, DUE, STATUS), NULL),
			   G("g6", "finances", "orden i ØKONOMIEN", NULL), NULL);
	merge((parts){.plans = PLANS(fp_plan(), ap, ip_plan(), NULL)});
	ck_assert_str_eq(sources(goal("housing-1")), "ip-1/g1 ap-1/g5 fp-1/g1");
	ck_assert_str_eq(sources(measure("housing-1.1")), "ip-1/m1 ap-1/m9 fp-1/m1");
	ck_assert_str_eq(sources(goal("finances-1")), "ip-1/g2 ap-1/g6");
	ck_assert_int_eq(count("plans"), 3);
	ck_assert_int_eq(count("goals"), 2);
	ck_assert_int_eq(count("matched_goals"), 2);
	ck_assert_int_eq(count("measures"), 2);
	ck_assert_int_eq(count("matched_measures"), 1);
	const json_t *parts_ = json_object_get(IP(), "parts");
	ck_assert_str_eq(S(json_array_get(parts_, 0), "plan"), "ip-1");
	ck_assert_str_eq(S(json_array_get(parts_, 1), "plan"), "ap-1");
	ck_assert_str_eq(S(json_array_get(parts_, 2), "plan"), "fp-1");
	ck_assert_str_eq(found(), ""); /* g6 has no measures, but the merged goal has */
}
END_TEST

START_TEST(canonical_domain_order)
{
	/* goals listed other, work, housing, physical, housing: merged in the canonical order,
	 * `other` last, numbered per domain in the order first met */
	merge((parts){.plans = PLANS(P("fp-1", "future_plan", "bodo-fengsel", "2026-10-02",
				       G("g1", "other", "Annet", M("m1", "Ringe mor", RESP, DUE, NULL), NULL),
				       G("g2", "work_education", "Fagbrev", M("m2", "Skole", RESP, DUE, NULL), NULL),
				       G("g3", "housing", "Bolig B", M("m3", "Tiltak B", RESP, DUE, NULL), NULL),
				       G("g4", "physical_health", "Tannlege", M("m4", "Time", RESP, DUE, NULL), NULL),
				       G("g5", "housing", "Bolig A", M("m5", "Tiltak A", RESP, DUE, NULL), NULL),
				       NULL),
				     NULL),
		       .rows = ""});
	ck_assert_str_eq(goal_ids(), "physical_health-1 housing-1 housing-2 work_education-1 other-1");
	ck_assert_str_eq(S(goal("housing-1"), "text"), "Bolig B");
	ck_assert_str_eq(S(goal("housing-2"), "text"), "Bolig A");
	ck_assert_str_eq(S(goal("other-1"), "domain"), "other");
	ck_assert_str_eq(measure_ids("housing-2"), "housing-2.1");
	ck_assert_str_eq(S(measure("housing-2.1"), "text"), "Tiltak A");
	ck_assert_str_eq(sources(measure("other-1.1")), "fp-1/m1");
}
END_TEST

START_TEST(domain_order_among_many)
{
	/* eleven goals of one domain and others around them: the numbers follow the
	 * order met, whatever the sort does with equal domains */
	const char *gs = "";
	for (int i = 1; i <= 11; i++) {
		gs = F("%s%s%s", gs, *gs ? ", " : "", G(F("h%d", i), "housing", F("Bolig %d", i), M(F("m%d", i), "Tiltak", RESP, DUE, NULL), NULL));
		gs = F("%s, %s", gs, G(F("o%d", i), i % 2 ? "other" : "legal", F("Annet %d", i), M(F("n%d", i), "Tiltak", RESP, DUE, NULL), NULL));
	}
	merge((parts){.plans = PLANS(F("{id: fp-1, type: future_plan, owner: bodo-fengsel, goals: [%s]}", gs), NULL),
		      .rows = ""});
	const json_t *goals = json_object_get(IP(), "goals");
	ck_assert_uint_eq(json_array_size(goals), 22);
	for (int i = 1; i <= 11; i++) {
		ck_assert_str_eq(S(goal(F("housing-%d", i)), "text"), F("Bolig %d", i));
		ck_assert_str_eq(sources(goal(F("housing-%d", i))), F("fp-1/h%d", i));
		ck_assert_str_eq(S(json_array_get(goals, (size_t)i - 1), "id"), F("housing-%d", i));
	}
	ck_assert_str_eq(S(goal("legal-1"), "text"), "Annet 2");
	ck_assert_str_eq(S(goal("legal-5"), "text"), "Annet 10");
	ck_assert_str_eq(S(goal("other-1"), "text"), "Annet 1");
	ck_assert_str_eq(S(goal("other-6"), "text"), "Annet 11");
	ck_assert_str_eq(S(json_array_get(goals, 11), "id"), "legal-1");
	ck_assert_str_eq(S(json_array_get(goals, 21), "id"), "other-6");
}
END_TEST

START_TEST(texts_from_the_individual_plan)
{
	/* three spellings of the same goal and measure; the IP is listed last and its id
	 * sorts after the others: its texts still win */
	const char *ip = P("zz-ip", "individual_plan", "kommune-1804", "2026-09-01",
			   G("g1", "housing", "Egen bolig, ved løslatelse",
			     M("m1", "Søke: kommunal bolig", RESP, DUE, NULL), NULL),
			   NULL);
	const char *ap = P("ap-1", "activity_plan", "nav-bodo", "2026-10-05",
			   G("g1", "housing", "egen bolig ved løslatelse!",
			     M("m1", "søke kommunal bolig!", RESP, DUE, NULL), NULL),
			   NULL);
	merge((parts){.plans = PLANS(ap, fp_plan(), ip, NULL), .rows = HOUSING_ROW});
	ck_assert_str_eq(goal_ids(), "housing-1");
	ck_assert_str_eq(S(goal("housing-1"), "text"), "Egen bolig, ved løslatelse");
	ck_assert_str_eq(S(measure("housing-1.1"), "text"), "Søke: kommunal bolig");
	ck_assert_str_eq(sources(goal("housing-1")), "zz-ip/g1 ap-1/g1 fp-1/g1");
	ck_assert_str_eq(sources(measure("housing-1.1")), "zz-ip/m1 ap-1/m1 fp-1/m1");
	ck_assert_str_eq(S(json_array_get(json_object_get(IP(), "parts"), 0), "plan"), "zz-ip");

	/* without an IP: the plan first by id (ap-1 before fp-1), wherever it is listed */
	merge((parts){.plans = PLANS(fp_plan(), ap, NULL), .rows = HOUSING_ROW});
	ck_assert_str_eq(S(goal("housing-1"), "text"), "egen bolig ved løslatelse!");
	ck_assert_str_eq(S(measure("housing-1.1"), "text"), "søke kommunal bolig!");
	ck_assert_str_eq(sources(measure("housing-1.1")), "ap-1/m1 fp-1/m1");
	merge((parts){.plans = PLANS(ap, fp_plan(), NULL), .rows = HOUSING_ROW});
	ck_assert_str_eq(S(goal("housing-1"), "text"), "egen bolig ved løslatelse!");

	/* the IP has the goal but not the measure: the goal's text from the IP, the measure's
	 * from the first plan by id that has it */
	merge((parts){.plans = PLANS(fp_plan(), ap,
				     P("ip-1", "individual_plan", "kommune-1804", NULL,
				       G("g1", "housing", "EGEN bolig ved løslatelse",
					 M("m1", "Annet tiltak", RESP, DUE, NULL), NULL),
				       NULL),
				     NULL),
		      .rows = HOUSING_ROW});
	ck_assert_str_eq(S(goal("housing-1"), "text"), "EGEN bolig ved løslatelse");
	ck_assert_str_eq(measure_ids("housing-1"), "housing-1.1 housing-1.2");
	ck_assert_str_eq(S(measure("housing-1.1"), "text"), "Annet tiltak");
	ck_assert_str_eq(S(measure("housing-1.2"), "text"), "søke kommunal bolig!");
	ck_assert_str_eq(sources(measure("housing-1.2")), "ap-1/m1 fp-1/m1");
	ck_assert_str_eq(found(), "");
}
END_TEST

/* --- findings ------------------------------------------------------------------------ */

START_TEST(responsible_differs)
{
	ck_assert_uint_eq(merge((parts){.plans = PLANS(fp_with("nav-bodo", DUE, STATUS), ip_plan(), NULL)}), 1);
	ck_assert_str_eq(found(), "responsible_differs@housing-1.1");
	const json_t *f = finding_at(0);
	ck_assert_str_eq(keys(f), "finding goal items kept measure text why");
	ck_assert_str_eq(S(f, "goal"), "housing-1");
	ck_assert_str_eq(S(f, "measure"), "housing-1.1");
	ck_assert_str_eq(items(f), "ip-1/m1=kommune-1804 fp-1/m1=nav-bodo");
	ck_assert_str_eq(S(f, "kept"), "ip-1");
	ck_assert_str_eq(S(f, "why"), "individual plan first");
	ck_assert_ptr_nonnull(strstr(S(f, "text"), "`responsible`"));
	ck_assert_ptr_nonnull(strstr(S(f, "text"), "individual plan's is kept"));
	ck_assert_str_eq(S(measure("housing-1.1"), "responsible"), "kommune-1804");
	ck_assert_str_eq(S(measure("housing-1.1"), "due"), DUE); /* the others agree */

	/* the same when the IP is the one listed first, and when the IP holds nav-bodo */
	merge((parts){.plans = PLANS(ip_with("nav-bodo", DUE, STATUS), fp_plan(), NULL)});
	ck_assert_str_eq(found(), "responsible_differs@housing-1.1");
	ck_assert_str_eq(items(finding_at(0)), "ip-1/m1=nav-bodo fp-1/m1=kommune-1804");
	ck_assert_str_eq(S(finding_at(0), "kept"), "ip-1");
	ck_assert_str_eq(S(measure("housing-1.1"), "responsible"), "nav-bodo");

	/* no IP: the plan first by id is kept */
	const char *ap = P("ap-1", "activity_plan", "nav-bodo", "2026-10-05",
			   G("g1", "housing", "Egen bolig ved løslatelse",
			     M("m4", "Søke kommunal bolig", "nav-bodo", DUE, STATUS), NULL),
			   NULL);
	merge((parts){.plans = PLANS(fp_plan(), ap, NULL), .rows = HOUSING_ROW});
	ck_assert_str_eq(found(), "responsible_differs@housing-1.1");
	ck_assert_str_eq(items(finding_at(0)), "ap-1/m4=nav-bodo fp-1/m1=kommune-1804");
	ck_assert_str_eq(S(finding_at(0), "kept"), "ap-1");
	ck_assert_str_eq(S(measure("housing-1.1"), "responsible"), "nav-bodo");

	/* one plan leaves it out: the other's is taken, nothing differs */
	ck_assert_uint_eq(merge((parts){.plans = PLANS(fp_with("nav-bodo", DUE, STATUS), ip_with(NULL, DUE, STATUS), NULL)}), 0);
	ck_assert_str_eq(S(measure("housing-1.1"), "responsible"), "nav-bodo");
}
END_TEST

START_TEST(due_differs)
{
	ck_assert_uint_eq(merge((parts){.plans = PLANS(fp_with(RESP, "2026-11-20", STATUS), ip_plan(), NULL)}), 1);
	ck_assert_str_eq(found(), "due_differs@housing-1.1");
	const json_t *f = finding_at(0);
	ck_assert_str_eq(keys(f), "finding goal items kept measure text why");
	ck_assert_str_eq(items(f), "ip-1/m1=2026-11-01 fp-1/m1=2026-11-20");
	ck_assert_str_eq(S(f, "kept"), "ip-1");
	ck_assert_str_eq(S(f, "why"), "individual plan first");
	ck_assert_ptr_nonnull(strstr(S(f, "text"), "`due`"));
	ck_assert_str_eq(S(measure("housing-1.1"), "due"), DUE);
	/* responsible and due both differ: two findings, responsible first */
	ck_assert_uint_eq(merge((parts){.plans = PLANS(fp_with("nav-bodo", "2026-11-20", STATUS), ip_plan(), NULL)}), 2);
	ck_assert_str_eq(found(), "responsible_differs@housing-1.1 due_differs@housing-1.1");
	/* a due only in the FP is taken */
	ck_assert_uint_eq(merge((parts){.plans = PLANS(fp_with(RESP, "2026-11-20", STATUS), ip_with(RESP, NULL, STATUS), NULL)}), 0);
	ck_assert_str_eq(S(measure("housing-1.1"), "due"), "2026-11-20");
}
END_TEST

START_TEST(status_differs)
{
	/* the FP (updated 2026-10-02) is later than the IP (2026-10-01): its status wins */
	ck_assert_uint_eq(merge((parts){.plans = PLANS(fp_with(RESP, DUE, "done"), ip_plan(), NULL)}), 1);
	ck_assert_str_eq(found(), "status_differs@housing-1.1");
	const json_t *f = finding_at(0);
	ck_assert_str_eq(keys(f), "finding goal items kept measure text why");
	ck_assert_str_eq(items(f), "ip-1/m1=planned fp-1/m1=done");
	ck_assert_str_eq(S(f, "kept"), "fp-1");
	ck_assert_str_eq(S(f, "why"), "updated last");
	ck_assert_ptr_nonnull(strstr(S(f, "text"), "updated last wins"));
	ck_assert_str_eq(S(measure("housing-1.1"), "status"), "done");

	/* the IP updated later: the IP's status wins */
	const char *ip_late = P("ip-1", "individual_plan", "kommune-1804", "2026-10-03",
				G("g1", "housing", "Egen bolig ved løslatelse",
				  M("m1", "Søke kommunal bolig.", RESP, DUE, "in_progress"), NULL),
				NULL);
	merge((parts){.plans = PLANS(fp_with(RESP, DUE, "done"), ip_late, NULL), .rows = HOUSING_ROW});
	ck_assert_str_eq(found(), "status_differs@housing-1.1");
	ck_assert_str_eq(items(finding_at(0)), "ip-1/m1=in_progress fp-1/m1=done");
	ck_assert_str_eq(S(finding_at(0), "kept"), "ip-1");
	ck_assert_str_eq(S(measure("housing-1.1"), "status"), "in_progress");

	/* updated the same day: the IP first */
	const char *ip_same = P("ip-1", "individual_plan", "kommune-1804", "2026-10-02",
				G("g1", "housing", "Egen bolig ved løslatelse",
				  M("m1", "Søke kommunal bolig.", RESP, DUE, "in_progress"), NULL),
				NULL);
	merge((parts){.plans = PLANS(fp_with(RESP, DUE, "done"), ip_same, NULL), .rows = HOUSING_ROW});
	ck_assert_str_eq(found(), "status_differs@housing-1.1");
	ck_assert_str_eq(S(finding_at(0), "kept"), "ip-1");
	ck_assert_str_eq(S(measure("housing-1.1"), "status"), "in_progress");

	/* without an IP, the same day: the first by id; a plan without `updated` loses */
	const char *ap = P("ap-1", "activity_plan", "nav-bodo", "2026-10-02",
			   G("g1", "housing", "Egen bolig ved løslatelse",
			     M("m1", "Søke kommunal bolig", RESP, DUE, "cancelled"), NULL),
			   NULL);
	merge((parts){.plans = PLANS(fp_with(RESP, DUE, "done"), ap, NULL), .rows = HOUSING_ROW});
	ck_assert_str_eq(found(), "status_differs@housing-1.1");
	ck_assert_str_eq(items(finding_at(0)), "ap-1/m1=cancelled fp-1/m1=done");
	ck_assert_str_eq(S(finding_at(0), "kept"), "ap-1");
	ck_assert_str_eq(S(measure("housing-1.1"), "status"), "cancelled");
	const char *ap_undated = P("ap-1", "activity_plan", "nav-bodo", NULL,
				   G("g1", "housing", "Egen bolig ved løslatelse",
				     M("m1", "Søke kommunal bolig", RESP, DUE, "cancelled"), NULL),
				   NULL);
	merge((parts){.plans = PLANS(fp_with(RESP, DUE, "done"), ap_undated, NULL), .rows = HOUSING_ROW});
	ck_assert_str_eq(found(), "status_differs@housing-1.1");
	ck_assert_str_eq(S(finding_at(0), "kept"), "fp-1");
	ck_assert_str_eq(S(measure("housing-1.1"), "status"), "done");

	/* three statuses: the latest plan wins both comparisons */
	const char *hp = P("hp-1", "health_plan", "nav-bodo", "2026-10-09",
			   G("g1", "housing", "Egen bolig ved løslatelse",
			     M("m1", "Søke kommunal bolig", RESP, DUE, "cancelled"), NULL),
			   NULL);
	merge((parts){.plans = PLANS(hp, fp_with(RESP, DUE, "done"), ip_plan(), NULL)});
	ck_assert_str_eq(found(), "status_differs@housing-1.1 status_differs@housing-1.1");
	ck_assert_str_eq(items(finding_at(0)), "ip-1/m1=planned fp-1/m1=done");
	ck_assert_str_eq(S(finding_at(0), "kept"), "fp-1");
	ck_assert_str_eq(items(finding_at(1)), "fp-1/m1=done hp-1/m1=cancelled");
	ck_assert_str_eq(S(finding_at(1), "kept"), "hp-1");
	ck_assert_str_eq(S(measure("housing-1.1"), "status"), "cancelled");

	/* a status only in one plan is taken without a finding */
	ck_assert_uint_eq(merge((parts){.plans = PLANS(fp_with(RESP, DUE, "in_progress"), ip_with(RESP, DUE, NULL), NULL)}), 0);
	ck_assert_str_eq(S(measure("housing-1.1"), "status"), "in_progress");
}
END_TEST

START_TEST(unit_due_after_release)
{
	/* the unit (bodo-fengsel) responsible, due the day after the release of 2026-11-30 */
	const char *fp = P("fp-1", "future_plan", "bodo-fengsel", "2026-10-02",
			   G("g1", "housing", "Egen bolig ved løslatelse",
			     M("m1", "Søke kommunal bolig", RESP, DUE, NULL),
			     M("m2", "Følge til visning", "bodo-fengsel", "2026-12-01", NULL), NULL),
			   NULL);
	ck_assert_uint_eq(merge((parts){.plans = PLANS(fp, ip_plan(), NULL)}), 1);
	ck_assert_str_eq(found(), "unit_due_after_release@housing-1.2");
	const json_t *f = finding_at(0);
	ck_assert_str_eq(keys(f), "finding goal measure text");
	ck_assert_str_eq(S(f, "goal"), "housing-1");
	ck_assert_ptr_nonnull(strstr(S(f, "text"), "after release"));
	ck_assert_str_eq(S(measure("housing-1.2"), "responsible"), "bodo-fengsel");

	/* on the release day itself: nothing */
	fp = P("fp-1", "future_plan", "bodo-fengsel", "2026-10-02",
	       G("g1", "housing", "Egen bolig ved løslatelse",
		 M("m2", "Følge til visning", "bodo-fengsel", "2026-11-30", NULL), NULL),
	       NULL);
	ck_assert_uint_eq(merge((parts){.plans = PLANS(fp, ip_plan(), NULL)}), 0);
	/* another agency due after release: nothing */
	fp = P("fp-1", "future_plan", "bodo-fengsel", "2026-10-02",
	       G("g1", "housing", "Egen bolig ved løslatelse",
		 M("m2", "Følge til visning", "kommune-1804", "2027-01-15", NULL), NULL),
	       NULL);
	ck_assert_uint_eq(merge((parts){.plans = PLANS(fp, ip_plan(), NULL)}), 0);
	/* the unit without a due date: nothing */
	fp = P("fp-1", "future_plan", "bodo-fengsel", "2026-10-02",
	       G("g1", "housing", "Egen bolig ved løslatelse",
		 M("m2", "Følge til visning", "bodo-fengsel", NULL, NULL), NULL),
	       NULL);
	ck_assert_uint_eq(merge((parts){.plans = PLANS(fp, ip_plan(), NULL)}), 0);
	/* remand: no release date, nothing */
	fp = P("fp-1", "future_plan", "bodo-fengsel", "2026-10-02",
	       G("g1", "housing", "Egen bolig ved løslatelse",
		 M("m2", "Følge til visning", "bodo-fengsel", "2027-12-01", NULL), NULL),
	       NULL);
	ck_assert_uint_eq(merge((parts){.plans = PLANS(fp, ip_plan(), NULL),
					.sentence = "{type: remand, start: 2026-09-01}"}), 0);
	/* the merged value counts: the IP gives the unit a due after release */
	merge((parts){.plans = PLANS(fp_plan(), ip_with("bodo-fengsel", "2026-12-24", NULL), NULL)});
	ck_assert_str_eq(found(), "responsible_differs@housing-1.1 due_differs@housing-1.1 "
				  "unit_due_after_release@housing-1.1");
}
END_TEST

START_TEST(no_responsible)
{
	ck_assert_uint_eq(merge((parts){.plans = PLANS(fp_with(NULL, DUE, STATUS), ip_with(NULL, DUE, STATUS), NULL)}), 1);
	ck_assert_str_eq(found(), "no_responsible@housing-1.1");
	const json_t *f = finding_at(0);
	ck_assert_str_eq(keys(f), "finding goal measure text");
	ck_assert_str_eq(S(f, "goal"), "housing-1");
	ck_assert_ptr_nonnull(strstr(S(f, "text"), "no one responsible"));
	ck_assert_str_eq(S(measure("housing-1.1"), "responsible"), "-");
	/* explicitly null in one plan and left out of the other */
	merge((parts){.plans = PLANS(fp_with("null", DUE, STATUS), ip_with(NULL, DUE, STATUS), NULL)});
	ck_assert_str_eq(found(), "no_responsible@housing-1.1");
	/* either plan naming one is enough */
	ck_assert_uint_eq(merge((parts){.plans = PLANS(fp_with(NULL, DUE, STATUS), ip_plan(), NULL)}), 0);
	/* an explicit null is no value: it neither differs from the other plan's nor wins */
	ck_assert_uint_eq(merge((parts){.plans = PLANS(fp_with(RESP, DUE, STATUS), ip_with("null", "null", "null"), NULL)}), 0);
	ck_assert_str_eq(S(measure("housing-1.1"), "responsible"), RESP);
	ck_assert_str_eq(S(measure("housing-1.1"), "due"), DUE);
	ck_assert_str_eq(S(measure("housing-1.1"), "status"), STATUS);
	ck_assert_uint_eq(merge((parts){.plans = PLANS(fp_with("null", "null", "null"), ip_plan(), NULL)}), 0);
	ck_assert_str_eq(S(measure("housing-1.1"), "responsible"), RESP);
	ck_assert_str_eq(S(measure("housing-1.1"), "status"), STATUS);
}
END_TEST

START_TEST(need_not_covered)
{
	/* a legal need (screening) and a mental-health need, no goal for them; the template's
	 * housing and finances are covered */
	ck_assert_uint_eq(merge((parts){.rows = ROWS
					"    legal: {past: false, current: false, contact: null, needs: [contact]}\n"
					"    mental_health: {past: false, current: true, contact: null, needs: []}\n"}),
			  2);
	ck_assert_str_eq(found(), "need_not_covered@mental_health need_not_covered@legal");
	const json_t *f = finding_at(1);
	ck_assert_str_eq(keys(f), "domain finding text");
	ck_assert_str_eq(S(f, "domain"), "legal");
	ck_assert_ptr_nonnull(strstr(S(f, "text"), "no goal"));
	/* a current problem with a contact is not a need */
	ck_assert_uint_eq(merge((parts){.rows = ROWS "    legal: {past: true, current: true, contact: Jussbuss, needs: []}\n"}), 0);
	/* a goal in `other` covers no need */
	merge((parts){.plans = PLANS(P("fp-1", "future_plan", "bodo-fengsel", NULL,
				       G("g1", "other", "Bolig", M("m1", "Søke bolig", RESP, DUE, NULL), NULL), NULL),
				     NULL)});
	ck_assert_str_eq(found(), "need_not_covered@housing need_not_covered@finances");
	/* a goal without measures covers its domain (and has its own finding) */
	merge((parts){.plans = PLANS(P("fp-1", "future_plan", "bodo-fengsel", NULL,
				       G("g1", "housing", "Bolig", NULL), G("g2", "finances", "Penger", NULL), NULL),
				     NULL)});
	ck_assert_str_eq(found(), "goal_without_measures@housing-1 goal_without_measures@finances-1");
	/* no screening and no assessment: no needs */
	ck_assert_uint_eq(merge((parts){.no_screening = true, .plans = PLANS(ip_with(RESP, DUE, NULL), NULL)}), 0);
}
END_TEST

START_TEST(needs_from_the_assessment)
{
	/* the assessment, when the case has one, decides: family only, not the screening's */
	const char *a = "assessment:\n  as_of: 2026-10-01\n  needs:\n"
			"    - {domain: family, actions: [contact]}\n";
	ck_assert_uint_eq(merge((parts){.assessment = a}), 1);
	ck_assert_str_eq(found(), "need_not_covered@family");
	ck_assert_str_eq(S(finding_at(0), "domain"), "family");
	/* an assessment with no needs: none, although the screening has housing and
	 * finances and there are no plans at all */
	ck_assert_uint_eq(merge((parts){.assessment = "assessment: {as_of: 2026-10-01, needs: []}\n",
					.plans = PLANS(NULL)}),
			  0);
	/* an assessment without a list of needs: the screening's */
	ck_assert_uint_eq(merge((parts){.assessment = "assessment: {as_of: 2026-10-01}\n",
					.plans = PLANS(NULL)}),
			  2);
	ck_assert_str_eq(found(), "need_not_covered@housing need_not_covered@finances");
	/* without an assessment the screening's needs show */
	merge((parts){.plans = PLANS(ip_with(RESP, DUE, NULL), NULL),
		      .rows = "    legal: {past: false, current: false, contact: null, needs: [contact]}\n"});
	ck_assert_str_eq(found(), "need_not_covered@legal");
}
END_TEST

START_TEST(goal_without_measures)
{
	const char *ip = P("ip-1", "individual_plan", "kommune-1804", "2026-10-01",
			   G("g1", "housing", "Egen bolig ved løslatelse",
			     M("m1", "Søke kommunal bolig.", RESP, DUE, STATUS), NULL),
			   G("g2", "finances", "Orden i økonomien", NULL),
			   G("g3", "other", "Kontakt med familien", NULL), NULL);
	ck_assert_uint_eq(merge((parts){.plans = PLANS(fp_plan(), ip, NULL)}), 2);
	ck_assert_str_eq(found(), "goal_without_measures@finances-1 goal_without_measures@other-1");
	const json_t *f = finding_at(0);
	ck_assert_str_eq(keys(f), "finding goal text");
	ck_assert_ptr_nonnull(strstr(S(f, "text"), "no measures"));
	ck_assert_uint_eq(json_array_size(json_object_get(goal("finances-1"), "measures")), 0);
	/* a plan's goal without measures matched with one that has them: no finding */
	const char *fp = P("fp-1", "future_plan", "bodo-fengsel", "2026-10-02",
			   G("g1", "housing", "egen bolig ved løslatelse", NULL), NULL);
	ck_assert_uint_eq(merge((parts){.plans = PLANS(fp, ip_plan(), NULL)}), 0);
	ck_assert_str_eq(sources(goal("housing-1")), "ip-1/g1 fp-1/g1");
}
END_TEST

START_TEST(owner)
{
	/* the IP's owner, even when the registry names the home municipality's agency */
	const char *ip = P("ip-1", "individual_plan", "bydel-sagene", NULL,
			   G("g1", "housing", "Bolig", M("m1", "Søke bolig", RESP, DUE, NULL), NULL),
			   G("g2", "finances", "Penger", M("m2", "Søke", RESP, DUE, NULL), NULL), NULL);
	ck_assert_uint_eq(merge((parts){.plans = PLANS(fp_plan(), ip, NULL)}), 0);
	ck_assert_str_eq(S(IP(), "owner"), "bydel-sagene");
	/* two IPs: the first by id */
	const char *ip0 = P("ip-0", "individual_plan", "kommune-1833", NULL, NULL);
	merge((parts){.plans = PLANS(ip, fp_plan(), ip0, NULL)});
	ck_assert_str_eq(S(IP(), "owner"), "kommune-1833");
	/* no IP: the registry's municipality agency for the home municipality */
	ck_assert_uint_eq(merge((parts){.plans = PLANS(fp_plan(), P("ap-1", "activity_plan", "nav-bodo", NULL,
								    G("g2", "finances", "Penger", M("m2", "Søke", RESP, DUE, NULL), NULL), NULL),
						       NULL)}),
			  0);
	ck_assert_str_eq(S(IP(), "owner"), "kommune-1804");
	ck_assert_str_eq(S(json_array_get(json_object_get(IP(), "parts"), 0), "plan"), "ap-1");
}
END_TEST

START_TEST(no_owner)
{
	/* no IP and no registry */
	const char *fp = PLANS(fp_plan(), NULL);
	ck_assert_uint_eq(merge_full((parts){.plans = fp, .rows = ""}, NULL, 0, NULL, NULL), 1);
	ck_assert_str_eq(found(), "no_owner@-");
	const json_t *f = finding_at(0);
	ck_assert_str_eq(keys(f), "finding text");
	ck_assert_ptr_nonnull(strstr(S(f, "text"), "no owner"));
	ck_assert_str_eq(S(IP(), "owner"), "null");
	/* a registry without the home municipality (Tromsø) */
	ck_assert_uint_eq(merge((parts){.plans = fp, .rows = "", .home = "{number: \"5501\", name: Tromsø}"}), 1);
	ck_assert_str_eq(found(), "no_owner@-");
	ck_assert_str_eq(S(IP(), "owner"), "null");
	/* no plans at all: no goals, a plan with no owner, counts of zero */
	ck_assert_uint_eq(merge_full((parts){.plans = PLANS(NULL), .rows = ""}, NULL, 0, NULL, NULL), 1);
	ck_assert_str_eq(found(), "no_owner@-");
	ck_assert_str_eq(S(IP(), "updated"), "null");
	ck_assert_str_eq(S(IP(), "parts"), "[]");
	ck_assert_str_eq(S(IP(), "goals"), "[]");
	ck_assert_int_eq(count("plans"), 0);
	ck_assert_int_eq(count("goals"), 0);
	ck_assert_int_eq(count("measures"), 0);
	/* an IP and no registry: no finding */
	ck_assert_uint_eq(merge_full((parts){.rows = ""}, NULL, 0, NULL, NULL), 0);
	ck_assert_str_eq(S(IP(), "owner"), "kommune-1804");
}
END_TEST

START_TEST(findings_in_order)
{
	/* all of them at once, in the order: the fields that differ (per measure:
	 * responsible, due, status; goals and measures in order), then per goal in order a
	 * goal without measures, a measure without responsible or the unit's measure due
	 * after release, then needs in domain order, then no owner */
	const char *fp = P("fp-1", "future_plan", "bodo-fengsel", "2026-10-02",
			   G("g1", "housing", "egen bolig ved løslatelse",
			     M("m1", "søke kommunal bolig", "nav-bodo", "2026-11-02", "done"),
			     M("m2", "Visning", "bodo-fengsel", "2026-12-02", NULL), NULL),
			   G("g2", "other", "Annet", NULL),
			   G("g3", "finances", "Penger", M("m3", "Budsjett", NULL, NULL, NULL), NULL), NULL);
	const char *ap = P("ap-1", "activity_plan", "nav-bodo", "2026-09-01",
			   G("g1", "housing", "egen bolig ved løslatelse",
			     M("m1", "søke kommunal bolig", RESP, DUE, "planned"), NULL),
			   NULL);
	size_t n = merge_full((parts){.plans = PLANS(fp, ap, NULL),
				      .rows = ROWS "    family: {past: false, current: true, contact: null, needs: []}\n"
						   "    physical_health: {past: false, current: true, contact: null, needs: []}\n"},
			      NULL, 0, NULL, NULL);
	ck_assert_str_eq(found(), "responsible_differs@housing-1.1 due_differs@housing-1.1 "
				  "status_differs@housing-1.1 unit_due_after_release@housing-1.2 "
				  "no_responsible@finances-1.1 goal_without_measures@other-1 "
				  "need_not_covered@physical_health need_not_covered@family no_owner@-");
	ck_assert_uint_eq(n, 9);
	ck_assert_str_eq(S(finding_at(0), "kept"), "ap-1");
	ck_assert_str_eq(S(finding_at(2), "kept"), "fp-1");
	ck_assert_str_eq(S(measure("housing-1.1"), "responsible"), "kommune-1804");
	ck_assert_str_eq(S(measure("housing-1.1"), "due"), DUE);
	ck_assert_str_eq(S(measure("housing-1.1"), "status"), "done");
}
END_TEST

/* --- extra plan documents ------------------------------------------------------------ */

static json_t *plan_doc(const char *plan)
{
	sp_doc *d = parse_ok(F("plan: %s\n", plan));
	json_t *p = json_incref(json_object_get(d->root, "plan"));
	sp_doc_free(d);
	json_object_set_new(p, "samplan", json_integer(1));
	json_object_set_new(p, "kind", json_string("plan"));
	json_object_set_new(p, "case", json_string("T-1"));
	return p;
}

START_TEST(extra_plans)
{
	/* a new fp-1 replaces the case's in its place; a new ap-1 is added at the end */
	json_t *ex[2] = {plan_doc(fp_with("nav-bodo", DUE, STATUS)),
			 plan_doc(P("ap-1", "activity_plan", "nav-bodo", "2026-09-01",
				    G("g1", "finances", "Orden i økonomien",
				      M("m1", "Søke sosialhjelp", "nav-bodo", "2026-11-15", NULL), NULL),
				    NULL))};
	ck_assert_uint_eq(merge_full((parts){0}, ex, 2, NULL, reg), 1);
	const json_t *plans = json_object_get(C, "plans");
	ck_assert_uint_eq(json_array_size(plans), 3);
	const json_t *fp = json_array_get(plans, 0), *ap = json_array_get(plans, 2);
	ck_assert_str_eq(S(fp, "id"), "fp-1");
	ck_assert_str_eq(S(json_array_get(plans, 1), "id"), "ip-1");
	ck_assert_str_eq(S(ap, "id"), "ap-1");
	for (int i = 0; i < 2; i++) {
		const json_t *p = i ? ap : fp;
		ck_assert_ptr_null(json_object_get(p, "samplan"));
		ck_assert_ptr_null(json_object_get(p, "kind"));
		ck_assert_ptr_null(json_object_get(p, "case"));
		ck_assert_ptr_nonnull(json_object_get(p, "goals"));
	}
	ck_assert_uint_eq(json_object_size(fp), 5); /* id type owner updated goals */
	/* the extra documents themselves are left as they were */
	ck_assert_str_eq(S(ex[0], "kind"), "plan");
	ck_assert_str_eq(S(ex[1], "case"), "T-1");
	ck_assert_ptr_ne(ex[0], fp);
	/* and they count in the merge */
	ck_assert_str_eq(found(), "responsible_differs@housing-1.1");
	ck_assert_str_eq(items(finding_at(0)), "ip-1/m1=kommune-1804 fp-1/m1=nav-bodo");
	ck_assert_int_eq(count("plans"), 3);
	ck_assert_int_eq(count("matched_goals"), 2);
	ck_assert_str_eq(sources(measure("finances-1.1")), "ip-1/m2 ap-1/m1");
	ck_assert_str_eq(S(json_array_get(json_object_get(IP(), "parts"), 1), "plan"), "ap-1");
	json_decref(ex[0]);
	json_decref(ex[1]);
}
END_TEST

START_TEST(extra_plans_without_plans)
{
	/* a case with no `plans` key and no extra plans: left without (the tool leaves the
	 * input as it was), merged into an empty plan */
	sp_doc_free(doc);
	const char *text = case_text(&(parts){0});
	doc = parse_ok(F("%.*s", (int)(strstr(text, "plans:") - text), text));
	ck_assert_ptr_null(json_object_get(doc->root, "plans"));
	sp_merge_opts o = {rules, reg, D("2026-10-01"), NULL};
	ck_assert_uint_eq(sp_merge_plans(doc->root, NULL, 0, &o), 2); /* the two needs */
	C = doc->root;
	ck_assert_ptr_null(json_object_get(C, "plans"));
	ck_assert_str_eq(S(IP(), "goals"), "[]");
	ck_assert_str_eq(S(IP(), "owner"), "kommune-1804");
	ck_assert_int_eq(count("plans"), 0);
	/* with an extra plan it gets one */
	json_t *ex = plan_doc(ip_plan());
	ck_assert_uint_eq(sp_merge_plans(doc->root, &ex, 1, &o), 0);
	C = doc->root;
	ck_assert_uint_eq(json_array_size(json_object_get(C, "plans")), 1);
	ck_assert_str_eq(goal_ids(), "housing-1 finances-1");
	check_valid_json(C, "merged case");
	/* a second merge replaces the derived keys where they stand */
	json_object_set_new(doc->root, "after", json_true());
	ck_assert_uint_eq(sp_merge_plans(doc->root, &ex, 1, &o), 0);
	const char *k, *order = "";
	json_t *v;
	json_object_foreach(doc->root, k, v) order = F("%s %s", order, k);
	ck_assert_ptr_nonnull(strstr(order, " individual_plan merge_report plans after"));
	json_decref(ex);
}
END_TEST

/* --- three-way merging ---------------------------------------------------------------- */

/* The base: the template's plans, agreeing on everything. */
static const char *base(void) { return PLANS(fp_plan(), ip_plan(), NULL); }

START_TEST(three_way_one_side_changed)
{
	static const char *const fields[] = {"responsible", "due", "status"};
	static const char *const values[] = {"nav-bodo", "2026-11-20", "done"};
	for (int f = 0; f < 3; f++) {
		const char *r = f == 0 ? values[0] : RESP, *d = f == 1 ? values[1] : DUE,
			   *s = f == 2 ? values[2] : STATUS;
		for (int side = 0; side < 2; side++) {
			const char *fp = side ? fp_plan() : fp_with(r, d, s);
			const char *ip = side ? ip_with(r, d, s) : ip_plan();
			for (int order = 0; order < 2; order++) {
				const char *plans = order ? PLANS(ip, fp, NULL) : PLANS(fp, ip, NULL);
				/* without a base: the finding (for status, the FP's when it changed) */
				ck_assert_uint_eq(merge((parts){.plans = plans}), 1);
				ck_assert_str_eq(found(), F("%s_differs@housing-1.1", fields[f]));
				/* with the base: the change is taken, no finding */
				ck_assert_msg(merge_base((parts){.plans = plans}, base()) == 0,
					      "%s changed by the %s: %s", fields[f], side ? "IP" : "FP", found());
				ck_assert_str_eq(S(measure("housing-1.1"), fields[f]), values[f]);
				ck_assert_str_eq(S(measure("housing-1.1"), "responsible"), r);
				ck_assert_str_eq(S(measure("housing-1.1"), "due"), d);
				ck_assert_str_eq(S(measure("housing-1.1"), "status"), s);
			}
		}
	}
}
END_TEST

START_TEST(three_way_status_against_updated)
{
	/* the IP (updated earlier) changed the status, the FP did not: the IP's is taken,
	 * although without the base the FP, updated last, would win */
	const char *plans = PLANS(fp_plan(), ip_with(RESP, DUE, "in_progress"), NULL);
	merge((parts){.plans = plans});
	ck_assert_str_eq(S(measure("housing-1.1"), "status"), STATUS);
	ck_assert_uint_eq(merge_base((parts){.plans = plans}, base()), 0);
	ck_assert_str_eq(S(measure("housing-1.1"), "status"), "in_progress");
}
END_TEST

START_TEST(three_way_both_changed)
{
	/* both sides changed, to different values: the finding, as without a base */
	const char *plans = PLANS(fp_with("nav-bodo", "2026-11-20", "done"),
				  ip_with("bodo-fengsel", "2026-11-10", "in_progress"), NULL);
	ck_assert_uint_eq(merge_base((parts){.plans = plans}, base()), 3);
	ck_assert_str_eq(found(), "responsible_differs@housing-1.1 due_differs@housing-1.1 "
				  "status_differs@housing-1.1");
	ck_assert_str_eq(items(finding_at(0)), "ip-1/m1=bodo-fengsel fp-1/m1=nav-bodo");
	ck_assert_str_eq(S(finding_at(0), "kept"), "ip-1");
	ck_assert_str_eq(S(finding_at(2), "kept"), "fp-1");
	ck_assert_str_eq(S(measure("housing-1.1"), "responsible"), "bodo-fengsel");
	ck_assert_str_eq(S(measure("housing-1.1"), "due"), "2026-11-10");
	ck_assert_str_eq(S(measure("housing-1.1"), "status"), "done");
	/* both changed to the same value: nothing to report */
	ck_assert_uint_eq(merge_base((parts){.plans = PLANS(fp_with("nav-bodo", DUE, STATUS),
							    ip_with("nav-bodo", DUE, STATUS), NULL)},
				     base()),
			  0);
	ck_assert_str_eq(S(measure("housing-1.1"), "responsible"), "nav-bodo");
	/* one side changed responsible, the other due: both taken */
	ck_assert_uint_eq(merge_base((parts){.plans = PLANS(fp_with("nav-bodo", DUE, STATUS),
							    ip_with(RESP, "2026-11-10", STATUS), NULL)},
				     base()),
			  0);
	ck_assert_str_eq(S(measure("housing-1.1"), "responsible"), "nav-bodo");
	ck_assert_str_eq(S(measure("housing-1.1"), "due"), "2026-11-10");
}
END_TEST

START_TEST(three_way_item_not_in_base)
{
	/* the base has another measure: as without a base */
	const char *b = PLANS(P("fp-1", "future_plan", "bodo-fengsel", NULL,
				G("g1", "housing", "egen bolig ved løslatelse",
				  M("m1", "Skaffe depositum", RESP, DUE, STATUS), NULL), NULL),
			      P("ip-1", "individual_plan", "kommune-1804", NULL,
				G("g1", "housing", "Egen bolig ved løslatelse",
				  M("m1", "Skaffe depositum", RESP, DUE, STATUS), NULL), NULL),
			      NULL);
	const char *plans = PLANS(fp_with("nav-bodo", DUE, STATUS), ip_plan(), NULL);
	ck_assert_uint_eq(merge_base((parts){.plans = plans}, b), 1);
	ck_assert_str_eq(found(), "responsible_differs@housing-1.1");
	ck_assert_str_eq(S(measure("housing-1.1"), "responsible"), RESP);
	/* the same measure under another goal, or another domain, is not the item either */
	b = PLANS(P("ip-1", "individual_plan", "kommune-1804", NULL,
		    G("g1", "housing", "Annen bolig", M("m1", "Søke kommunal bolig", RESP, DUE, STATUS), NULL),
		    G("g2", "family", "Egen bolig ved løslatelse", M("m1", "Søke kommunal bolig", RESP, DUE, STATUS), NULL), NULL),
		  NULL);
	ck_assert_uint_eq(merge_base((parts){.plans = plans}, b), 1);
	ck_assert_str_eq(found(), "responsible_differs@housing-1.1");
	/* an empty base: as without one */
	ck_assert_uint_eq(merge_base((parts){.plans = plans}, PLANS(NULL)), 1);
	ck_assert_str_eq(found(), "responsible_differs@housing-1.1");
	/* the base matches by normalised text too */
	b = PLANS(P("fp-1", "future_plan", "bodo-fengsel", NULL,
		    G("g1", "housing", "EGEN BOLIG VED LØSLATELSE", M("m1", "Søke kommunal bolig!", RESP, DUE, STATUS), NULL), NULL),
		  P("ip-1", "individual_plan", "kommune-1804", NULL,
		    G("g1", "housing", "Egen  bolig ved løslatelse", M("m1", "søke kommunal bolig", RESP, DUE, STATUS), NULL), NULL),
		  NULL);
	ck_assert_uint_eq(merge_base((parts){.plans = plans}, b), 0);
	ck_assert_str_eq(S(measure("housing-1.1"), "responsible"), "nav-bodo");
}
END_TEST

START_TEST(three_way_conflict_already_in_base)
{
	/* the base plans already disagreed (IP kommune-1804, FP nav-bodo) and neither side
	 * changed since: still a conflict, whatever order the base lists the plans in */
	const char *plans = PLANS(fp_with("nav-bodo", DUE, STATUS), ip_plan(), NULL);
	const char *bases[] = {PLANS(fp_with("nav-bodo", DUE, STATUS), ip_plan(), NULL),
			       PLANS(ip_plan(), fp_with("nav-bodo", DUE, STATUS), NULL)};
	for (int i = 0; i < 2; i++) {
		ck_assert_uint_eq(merge_base((parts){.plans = plans}, bases[i]), 1);
		ck_assert_str_eq(found(), "responsible_differs@housing-1.1");
		ck_assert_str_eq(S(measure("housing-1.1"), "responsible"), RESP);
	}
	/* the IP has since taken the FP's value: agreed, nothing to report */
	ck_assert_uint_eq(merge_base((parts){.plans = PLANS(fp_with("nav-bodo", DUE, STATUS), ip_with("nav-bodo", DUE, STATUS), NULL)},
				     bases[1]),
			  0);
	/* the FP has since changed to a third value, the IP kept its own: the FP changed,
	 * the IP did not, so the FP's is taken */
	for (int i = 0; i < 2; i++) {
		ck_assert_uint_eq(merge_base((parts){.plans = PLANS(fp_with("bodo-fengsel", DUE, STATUS), ip_plan(), NULL)},
					     bases[i]),
				  0);
		ck_assert_str_eq(S(measure("housing-1.1"), "responsible"), "bodo-fengsel");
	}
}
END_TEST

START_TEST(three_way_three_plans)
{
	/* three plans agreed; only the activity plan changed the due date: taken */
	const char *ap = P("ap-1", "activity_plan", "nav-bodo", "2026-09-01",
			   G("g1", "housing", "Egen bolig ved løslatelse",
			     M("m1", "Søke kommunal bolig", RESP, DUE, STATUS), NULL),
			   NULL);
	const char *ap2 = P("ap-1", "activity_plan", "nav-bodo", "2026-09-01",
			    G("g1", "housing", "Egen bolig ved løslatelse",
			      M("m1", "Søke kommunal bolig", RESP, "2026-11-25", STATUS), NULL),
			    NULL);
	const char *b = PLANS(fp_plan(), ip_plan(), ap, NULL);
	ck_assert_uint_eq(merge_base((parts){.plans = PLANS(ap2, fp_plan(), ip_plan(), NULL)}, b), 0);
	ck_assert_str_eq(S(measure("housing-1.1"), "due"), "2026-11-25");
	/* the FP changed it too, to another day: the conflict */
	ck_assert_uint_eq(merge_base((parts){.plans = PLANS(ap2, fp_with(RESP, "2026-11-05", STATUS), ip_plan(), NULL)}, b), 1);
	ck_assert_str_eq(found(), "due_differs@housing-1.1");
	ck_assert_str_eq(items(finding_at(0)), "ap-1/m1=2026-11-25 fp-1/m1=2026-11-05");
	ck_assert_str_eq(S(finding_at(0), "kept"), "ap-1");
}
END_TEST

/* --- properties over generated plans ---------------------------------------------------- */

static uint64_t rng_state;
static unsigned rnd(unsigned n) /* 0 … n-1, xorshift64* */
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (unsigned)((rng_state * 2685821657736338717ULL) >> 33) % n;
}

/* A small vocabulary, each with spellings that normalise the same. */
static const char *const goal_words[][3] = {
    {"Egen bolig ved løslatelse", "egen bolig ved  løslatelse.", "EGEN BOLIG VED LØSLATELSE!"},
    {"Orden i økonomien", "orden i økonomien", "Orden i Økonomien."},
    {"Fast jobb", "fast jobb!", "  Fast   jobb "},
};
static const char *const measure_words[][3] = {
    {"Søke kommunal bolig.", "søke  kommunal bolig", "SØKE KOMMUNAL BOLIG"},
    {"Søke sosialhjelp", "søke sosialhjelp!", "Søke Sosialhjelp."},
    {"Møte hos NAV", "møte hos nav", "Møte, hos NAV"},
    {"Kafé-besøk", "kafe besøk", "KAFÉ BESØK"},
};
static const char *const gen_domains[] = {"housing", "finances", "work_education", "other"};
static const char *const gen_resp[] = {NULL, "kommune-1804", "nav-bodo", "bodo-fengsel"};
static const char *const gen_due[] = {NULL, "2026-11-01", "2026-11-30", "2026-12-01"};
static const char *const gen_status[] = {NULL, "planned", "in_progress", "done", "cancelled"};
static const char *const gen_updated[] = {NULL, "2026-10-01", "2026-10-02", "2026-10-03"};
static const struct {
	const char *id, *type, *owner;
} gen_plans[] = {{"ip-1", "individual_plan", "kommune-1804"}, {"fp-1", "future_plan", "bodo-fengsel"},
		 {"ap-1", "activity_plan", "nav-bodo"},          {"hp-1", "health_plan", "helse-bodo"},
		 {"ip-0", "individual_plan", "bydel-x"},          {"x-9", "other", "bodo-fengsel"}};
#define PICK(a) (a)[rnd(sizeof(a) / sizeof *(a))]

static json_t *gen_plan(size_t slot)
{
	json_t *p = json_pack("{s:s, s:s, s:s}", "id", gen_plans[slot].id, "type", gen_plans[slot].type,
			      "owner", gen_plans[slot].owner);
	const char *up = PICK(gen_updated);
	if (up)
		json_object_set_new(p, "updated", json_string(up));
	json_t *goals = json_array();
	unsigned ng = rnd(5), mid = 0;
	for (unsigned g = 0; g < ng; g++) {
		char gid[16], mid_[16];
		snprintf(gid, sizeof gid, "g%u", g + 1);
		json_t *goal = json_pack("{s:s, s:s, s:s}", "id", gid, "domain",
					 PICK(gen_domains), "text", goal_words[rnd(3)][rnd(3)]);
		json_t *ms = json_array();
		unsigned nm = rnd(4);
		for (unsigned k = 0; k < nm; k++) {
			snprintf(mid_, sizeof mid_, "m%u", ++mid);
			json_t *m = json_pack("{s:s, s:s}", "id", mid_, "text",
					      measure_words[rnd(4)][rnd(3)]);
			const char *r = PICK(gen_resp), *d = PICK(gen_due), *s = PICK(gen_status);
			if (r)
				json_object_set_new(m, "responsible", json_string(r));
			if (d)
				json_object_set_new(m, "due", json_string(d));
			if (s)
				json_object_set_new(m, "status", json_string(s));
			json_array_append_new(ms, m);
		}
		if (nm || rnd(2))
			json_object_set_new(goal, "measures", ms);
		else
			json_decref(ms);
		json_array_append_new(goals, goal);
	}
	json_object_set_new(p, "goals", goals);
	return p;
}

/* 2–4 plans, distinct ids, in random order */
static json_t *gen_plan_list(void)
{
	size_t slots[6] = {0, 1, 2, 3, 4, 5};
	for (size_t i = 5; i > 0; i--) {
		size_t j = rnd((unsigned)i + 1), t = slots[i];
		slots[i] = slots[j];
		slots[j] = t;
	}
	json_t *plans = json_array();
	unsigned n = 2 + rnd(3);
	for (unsigned i = 0; i < n; i++)
		json_array_append_new(plans, gen_plan(slots[i]));
	return plans;
}

/* A base: the plans with some measure fields changed back (as they were before). */
static json_t *gen_base(const json_t *plans)
{
	json_t *b = json_deep_copy(plans);
	for (size_t p = 0; p < json_array_size(b); p++) {
		json_t *goals = json_object_get(json_array_get(b, p), "goals");
		for (size_t g = 0; g < json_array_size(goals); g++) {
			json_t *ms = json_object_get(json_array_get(goals, g), "measures");
			for (size_t k = 0; k < json_array_size(ms); k++) {
				json_t *m = json_array_get(ms, k);
				if (rnd(3) == 0)
					json_object_set_new(m, "responsible", json_string(gen_resp[1 + rnd(3)]));
				if (rnd(3) == 0)
					json_object_set_new(m, "due", json_string(gen_due[1 + rnd(3)]));
				if (rnd(3) == 0)
					json_object_set_new(m, "status", json_string(gen_status[1 + rnd(4)]));
			}
		}
	}
	return b;
}

static void shuffle(json_t *arr)
{
	for (size_t i = json_array_size(arr); i > 1; i--) {
		size_t j = rnd((unsigned)i);
		json_t *a = json_incref(json_array_get(arr, i - 1)), *b = json_incref(json_array_get(arr, j));
		json_array_set_new(arr, i - 1, b);
		json_array_set_new(arr, j, a);
	}
}

/* Merge c (with the registry), returning the number of findings. */
static size_t merge_into(json_t *c, json_t *const *extra, size_t n, const json_t *b, const sp_agencies *r)
{
	sp_merge_opts o = {rules, r, D("2026-10-01"), b};
	return sp_merge_plans(c, extra, n, &o);
}

static void same_result(const json_t *a, const json_t *b, const char *what, unsigned round)
{
	static const char *const keys_[] = {"individual_plan", "merge_report"};
	for (int k = 0; k < 2; k++) {
		const json_t *x = json_object_get(a, keys_[k]), *y = json_object_get(b, keys_[k]);
		ck_assert_ptr_nonnull(x);
		if (!json_equal(x, y)) {
			char *sx = json_dumps(x, JSON_INDENT(1)), *sy = json_dumps(y, JSON_INDENT(1));
			fprintf(stderr, "round %u, %s: %s differs\n%s\n---\n%s\n", round, what, keys_[k], sx, sy);
			free(sx);
			free(sy);
			ck_abort_msg("round %u, %s: %s differs", round, what, keys_[k]);
		}
	}
}

#define ROUNDS 300

static void properties(bool with_base)
{
	/* the case: housing, finances and legal needs */
	sp_doc *tmpl = make_doc(&(parts){.plans = PLANS(NULL),
					  .rows = ROWS "    legal: {past: false, current: false, contact: null, needs: [contact]}\n"});
	rng_state = with_base ? 0x5EED5EED1234ULL : 0x9E3779B97F4A7C15ULL;
	size_t total_findings = 0, matched = 0, with_conflict = 0;
	for (unsigned round = 0; round < ROUNDS; round++) {
		const sp_agencies *r = rnd(4) ? reg : NULL;
		json_t *c = json_deep_copy(tmpl->root);
		json_t *plans = gen_plan_list();
		json_object_set_new(c, "plans", plans);
		json_t *b = with_base ? gen_base(plans) : NULL;
		json_t *orig = json_deep_copy(c);

		/* the merged case is valid, and its number of findings is returned */
		size_t n = merge_into(c, NULL, 0, b, r);
		const json_t *rep = json_object_get(c, "merge_report");
		ck_assert_uint_eq(n, json_array_size(json_object_get(rep, "findings")));
		ck_assert_uint_eq(json_integer_value(json_object_get(rep, "plans")), json_array_size(plans));
		total_findings += n;
		matched += json_integer_value(json_object_get(rep, "matched_measures")) > 0;
		for (size_t i = 0; i < n; i++)
			with_conflict += strstr(json_string_value(json_object_get(json_array_get(json_object_get(rep, "findings"), i), "finding")), "_differs") != NULL;
		if (round % 10 == 0)
			check_valid_json(c, "merged generated case");

		/* (a) idempotent: the merged case merged again */
		json_t *again = json_deep_copy(c);
		ck_assert_uint_eq(merge_into(again, NULL, 0, b, r), n);
		same_result(c, again, "merged again", round);
		json_decref(again);

		/* ... and with one of its plans given again as a plan document */
		again = json_deep_copy(c);
		json_t *ex = json_deep_copy(json_array_get(plans, rnd((unsigned)json_array_size(plans))));
		json_object_set_new(ex, "samplan", json_integer(1));
		json_object_set_new(ex, "kind", json_string("plan"));
		json_object_set_new(ex, "case", json_string("T-1"));
		ck_assert_uint_eq(merge_into(again, &ex, 1, b, r), n);
		same_result(c, again, "merged again with a plan as extra", round);
		ck_assert(json_equal(json_object_get(again, "plans"), plans));
		json_decref(again);
		json_decref(ex);

		/* (b) the order of the plans (and of the base) does not matter */
		for (int k = 0; k < 3; k++) {
			json_t *shuffled = json_deep_copy(orig);
			shuffle(json_object_get(shuffled, "plans"));
			json_t *b2 = b ? json_deep_copy(b) : NULL;
			if (b2)
				shuffle(b2);
			ck_assert_uint_eq(merge_into(shuffled, NULL, 0, b2, r), n);
			same_result(c, shuffled, "plans shuffled", round);
			json_decref(shuffled);
			json_decref(b2);
		}

		/* the plans as extra documents on a case without them: the same */
		json_t *bare = json_deep_copy(orig);
		json_object_del(bare, "plans");
		size_t np = json_array_size(plans);
		json_t **exs = calloc(np, sizeof *exs);
		for (size_t i = 0; i < np; i++) {
			exs[i] = json_deep_copy(json_array_get(plans, np - 1 - i));
			json_object_set_new(exs[i], "kind", json_string("plan"));
		}
		ck_assert_uint_eq(merge_into(bare, exs, np, b, r), n);
		same_result(c, bare, "plans given as extra", round);
		for (size_t i = 0; i < np; i++)
			json_decref(exs[i]);
		free(exs);
		json_decref(bare);

		json_decref(orig);
		json_decref(b);
		json_decref(c);
	}
	/* the generator makes the cases the properties are about */
	ck_assert_uint_gt(total_findings, ROUNDS);
	ck_assert_uint_gt(matched, ROUNDS / 3);
	ck_assert_uint_gt(with_conflict, ROUNDS / 5);
	sp_doc_free(tmpl);
}

START_TEST(property_idempotent_and_order_free) { properties(false); }
END_TEST

START_TEST(property_with_base) { properties(true); }
END_TEST


/* The reviews' rules: say truly why a value was kept; finished measures need no owner; a
 * probation office that supervises after release may own a measure due then; no goals
 * pressed on a person who wants no follow-up. */
START_TEST(review_rules)
{
	/* two plans, neither an individual plan: the first by id is kept, and the text says so */
	const char *a = P("ap-1", "activity_plan", "nav-bodo", "2026-10-02",
			  G("g1", "housing", "Egen bolig ved løslatelse",
			    M("m1", "Søke kommunal bolig", "nav-bodo", DUE, NULL), NULL), NULL);
	const char *b = P("fp-1", "future_plan", "bodo-fengsel", "2026-10-02",
			  G("g1", "housing", "Egen bolig ved løslatelse",
			    M("m1", "Søke kommunal bolig", RESP, DUE, NULL), NULL), NULL);
	merge((parts){.plans = PLANS(a, b, NULL)});
	const json_t *f = finding_at(0);
	ck_assert_str_eq(S(f, "finding"), "responsible_differs");
	ck_assert_str_eq(S(f, "kept"), "ap-1");
	ck_assert_str_eq(S(f, "why"), "first plan by id");
	ck_assert_ptr_null(strstr(S(f, "text"), "individual plan's"));
	/* statuses differ, both plans updated the same day: not "updated last" */
	const char *a2 = P("ap-1", "activity_plan", "nav-bodo", "2026-10-02",
			   G("g1", "housing", "Egen bolig ved løslatelse",
			     M("m1", "Søke kommunal bolig", RESP, DUE, "done"), NULL), NULL);
	const char *b2 = P("fp-1", "future_plan", "bodo-fengsel", "2026-10-02",
			   G("g1", "housing", "Egen bolig ved løslatelse",
			     M("m1", "Søke kommunal bolig", RESP, DUE, "in_progress"), NULL), NULL);
	merge((parts){.plans = PLANS(a2, b2, NULL)});
	f = finding_at(0);
	ck_assert_str_eq(S(f, "finding"), "status_differs");
	ck_assert_str_eq(S(f, "why"), "first plan by id");
	ck_assert_str_eq(S(f, "kept"), "ap-1");
	/* a done or cancelled measure with no one responsible is no finding */
	ck_assert_uint_eq(merge((parts){.plans = PLANS(fp_with(NULL, DUE, "done"), ip_with(NULL, DUE, "done"), NULL)}), 0);
	ck_assert_uint_eq(merge((parts){.plans = PLANS(fp_with(NULL, DUE, "cancelled"), ip_with(NULL, DUE, "cancelled"), NULL)}), 0);
	/* a probation office with supervision after release may own a measure due after it */
	const char *fo = P("fp-1", "future_plan", "friomsorgen-bodo", "2026-10-02",
			   G("g1", "housing", "Egen bolig ved løslatelse",
			     M("m1", "Søke kommunal bolig", RESP, DUE, NULL),
			     M("m2", "Oppfølging etter løslatelse", "friomsorgen-bodo", "2027-01-15", NULL), NULL), NULL);
	const char *office = "{id: friomsorgen-bodo, name: Friomsorgen Bodø, type: probation_office}";
	ck_assert_uint_eq(merge((parts){.plans = PLANS(fo, ip_plan(), NULL), .unit = office,
					.sentence = "{type: community_sentence, start: 2026-09-01, release: 2026-11-30, supervision_after_release: true}"}), 0);
	/* … but not without supervision */
	ck_assert_uint_eq(merge((parts){.plans = PLANS(fo, ip_plan(), NULL), .unit = office,
					.sentence = "{type: community_sentence, start: 2026-09-01, release: 2026-11-30}"}), 1);
	ck_assert_str_eq(found(), "unit_due_after_release@housing-1.2");
	/* a need without a goal, for a person who wants no follow-up: no finding */
	const char *rows = ROWS "    legal: {past: false, current: false, contact: null, needs: [contact]}\n";
	ck_assert_uint_eq(merge((parts){.rows = rows}), 1);
	ck_assert_str_eq(found(), "need_not_covered@legal");
	ck_assert_uint_eq(merge((parts){.rows = rows, .no_follow_up = true}), 0);
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("merge");
	TCase *tc = tcase_create("merge");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, normalise_case_and_letters);
	tcase_add_test(tc, normalise_punctuation_and_space);
	tcase_add_test(tc, normalise_office_text);
	tcase_add_test(tc, normalise_small_buffer);
	tcase_add_test(tc, template_case);
	tcase_add_test(tc, part_with_period);
	tcase_add_test(tc, goals_match_only_within_a_domain);
	tcase_add_test(tc, measures_match_only_within_a_goal);
	tcase_add_test(tc, matched_goal_with_own_measures);
	tcase_add_test(tc, three_plans_counts_and_sources);
	tcase_add_test(tc, canonical_domain_order);
	tcase_add_test(tc, domain_order_among_many);
	tcase_add_test(tc, texts_from_the_individual_plan);
	tcase_add_test(tc, responsible_differs);
	tcase_add_test(tc, due_differs);
	tcase_add_test(tc, status_differs);
	tcase_add_test(tc, unit_due_after_release);
	tcase_add_test(tc, no_responsible);
	tcase_add_test(tc, need_not_covered);
	tcase_add_test(tc, review_rules);
	tcase_add_test(tc, needs_from_the_assessment);
	tcase_add_test(tc, goal_without_measures);
	tcase_add_test(tc, owner);
	tcase_add_test(tc, no_owner);
	tcase_add_test(tc, findings_in_order);
	tcase_add_test(tc, extra_plans);
	tcase_add_test(tc, extra_plans_without_plans);
	tcase_add_test(tc, three_way_one_side_changed);
	tcase_add_test(tc, three_way_status_against_updated);
	tcase_add_test(tc, three_way_both_changed);
	tcase_add_test(tc, three_way_item_not_in_base);
	tcase_add_test(tc, three_way_conflict_already_in_base);
	tcase_add_test(tc, three_way_three_plans);
	tcase_add_test(tc, property_idempotent_and_order_free);
	tcase_add_test(tc, property_with_base);
	suite_add_tcase(s, tc);
	return s;
}
