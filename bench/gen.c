/* SPDX-License-Identifier: MIT */
/* samplan-bench-gen: a deterministic corpus of valid cases for the speed harness.
 *
 * Usage: samplan-bench-gen [-n N] [-s SEED] [-f yaml|jsonl|files] [-o DIR_OR_FILE]
 *
 * Only libc, and no floating point: the same arguments give the same bytes on any
 * machine. Case i is drawn from its own generator seeded by (SEED, i), so the corpus
 * for N cases is a prefix of the corpus for any larger N. Every case is meant to be
 * valid per man/samplan-case.5, in --strict mode too. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *prog = "samplan-bench-gen";

static void die(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", prog, what, strerror(errno));
	exit(1);
}

/* ---- splitmix64 ---- */

typedef struct {
	uint64_t s;
} rng;

static uint64_t next(rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15u);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
	return z ^ (z >> 31);
}

static unsigned rnd(rng *r, unsigned n)
{
	return (unsigned)(next(r) % n);
}
static unsigned between(rng *r, unsigned lo, unsigned hi)
{
	return lo + rnd(r, hi - lo + 1);
}
static int chance(rng *r, unsigned percent)
{
	return rnd(r, 100) < percent;
}
#define PICK(r, a) ((a)[rnd((r), COUNT(a))])

/* ---- dates as days since 1970-01-01 (H. Hinnant's civil calendar algorithms) ---- */

static long days_from_civil(long y, unsigned m, unsigned d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	unsigned yoe = (unsigned)(y - era * 400);
	unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (long)doe - 719468;
}

static void format_date(long z, char out[11])
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	unsigned doe = (unsigned)(z - era * 146097);
	unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	unsigned mp = (5 * doy + 2) / 153;
	unsigned d = doy - (153 * mp + 2) / 5 + 1;
	unsigned m = mp < 10 ? mp + 3 : mp - 9;
	long y = (long)yoe + era * 400 + (m <= 2);
	unsigned v[3] = {(unsigned)y, m, d}, width[3] = {4, 2, 2};
	char *p = out + 10;
	*p = 0;
	for (int i = 2; i >= 0; i--) { /* years 0000–9999, which is all a case holds */
		for (unsigned k = 0; k < width[i]; k++, v[i] /= 10)
			*--p = (char)('0' + v[i] % 10);
		if (i)
			*--p = '-';
	}
}

/* ---- growable output buffer ---- */

typedef struct {
	char *p;
	size_t len, cap;
} buf;

static void bput(buf *b, const char *s, size_t n)
{
	if (b->len + n > b->cap) {
		size_t cap = b->cap ? b->cap : 8192;
		while (cap < b->len + n)
			cap *= 2;
		if (!(b->p = realloc(b->p, cap)))
			die("out of memory");
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

static void bputs(buf *b, const char *s)
{
	bput(b, s, strlen(s));
}
static void bputc(buf *b, char c)
{
	bput(b, &c, 1);
}

static void newline_indent(buf *b, int n)
{
	static const char spaces[] = "\n                                ";
	bput(b, spaces, (size_t)n + 1);
}

/* ---- a streaming emitter: YAML block style (flow where asked) or one-line JSON ---- */

enum { MAXDEPTH = 12 };

typedef struct {
	buf *b;
	int json, depth;
	int inline_key; /* YAML: a block mapping item starts on the line of its "- " */
	struct level {
		char seq, flow;
		int count, indent;
	} lv[MAXDEPTH];
} emitter;

static struct level *top(emitter *e)
{
	return &e->lv[e->depth - 1];
}
static int in_flow(emitter *e)
{
	return e->depth > 0 && top(e)->flow;
}

/* What goes before any value: a separator, a dash, or the space after "key:". */
static void before_value(emitter *e, int block)
{
	if (e->depth == 0)
		return;
	struct level *l = top(e);
	if (l->seq) {
		if (!l->flow) {
			newline_indent(e->b, l->indent);
			bput(e->b, "- ", 2);
			e->inline_key = block;
		} else if (l->count) {
			bputs(e->b, e->json ? "," : ", ");
		}
		l->count++;
	} else if (!l->flow && !block) {
		bputc(e->b, ' ');
	}
}

static void em_open(emitter *e, int seq, int flow)
{
	int indent = e->depth ? top(e)->indent + 2 : 0;
	flow = flow || e->json || in_flow(e);
	before_value(e, !flow);
	if (flow)
		bputc(e->b, seq ? '[' : '{');
	e->lv[e->depth++] = (struct level){(char)seq, (char)flow, 0, indent};
}

#define em_map(e)      em_open((e), 0, 0)
#define em_seq(e)      em_open((e), 1, 0)
#define em_flow_map(e) em_open((e), 0, 1)
#define em_flow_seq(e) em_open((e), 1, 1)

static void em_close(emitter *e)
{
	struct level *l = &e->lv[--e->depth];
	if (l->flow)
		bputc(e->b, l->seq ? ']' : '}');
	else if (l->count == 0)
		bputs(e->b, l->seq ? " []" : " {}"); /* the generator never leaves one empty */
}

static void em_key(emitter *e, const char *k)
{
	struct level *l = top(e);
	if (e->json) {
		bputs(e->b, l->count ? ",\"" : "\"");
		bputs(e->b, k);
		bputs(e->b, "\":");
	} else if (l->flow) {
		if (l->count)
			bputs(e->b, ", ");
		bputs(e->b, k);
		bputs(e->b, ": ");
	} else {
		if (e->inline_key)
			e->inline_key = 0;
		else if (e->depth > 1 || l->count)
			newline_indent(e->b, l->indent);
		bputs(e->b, k);
		bputc(e->b, ':');
	}
	l->count++;
}

static void put_quoted(emitter *e, const char *s)
{
	bputc(e->b, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		char esc[8];
		if (c == '"' || c == '\\') {
			esc[0] = '\\', esc[1] = (char)c, esc[2] = 0;
			bputs(e->b, esc);
		} else if (c == '\n') {
			bputs(e->b, "\\n");
		} else if (c < 0x20) {
			snprintf(esc, sizeof esc, "\\u%04x", c);
			bputs(e->b, esc);
		} else {
			bputc(e->b, (char)c);
		}
	}
	bputc(e->b, '"');
}

/* Plain unless a YAML 1.2 core or a YAML 1.1 (PyYAML) reader would read it otherwise. */
static int needs_quotes(const char *s, int flow)
{
	static const char *const words[] = {"y",   "n",    "yes",   "no",  "on",
	                                    "off", "true", "false", "null"};
	size_t n = strlen(s);
	if (n == 0 || strchr("-?:,[]{}#&*!|>'\"%@`.~+ 0123456789", s[0]))
		return 1;
	if (s[n - 1] == ' ' || s[n - 1] == ':' || strstr(s, ": ") || strstr(s, " #"))
		return 1;
	if (flow && strpbrk(s, ",[]{}"))
		return 1;
	for (const char *p = s; *p; p++)
		if ((unsigned char)*p < 0x20)
			return 1;
	for (size_t i = 0; i < COUNT(words); i++) {
		size_t j = 0;
		while (words[i][j] && (s[j] | 0x20) == words[i][j])
			j++;
		if (!words[i][j] && !s[j])
			return 1;
	}
	return 0;
}

/* Multi-line text as a literal block; the generator's texts never end in a newline. */
static void put_literal(emitter *e, const char *s)
{
	int indent = top(e)->indent + 2;
	bputs(e->b, "|-");
	while (*s) {
		const char *eol = strchr(s, '\n');
		size_t n = eol ? (size_t)(eol - s) : strlen(s);
		if (n)
			newline_indent(e->b, indent);
		else
			bputc(e->b, '\n');
		bput(e->b, s, n);
		s += n + (eol != NULL);
	}
}

static void em_str(emitter *e, const char *s)
{
	before_value(e, 0);
	if (e->json || needs_quotes(s, in_flow(e))) {
		if (!e->json && !in_flow(e) && strchr(s, '\n'))
			put_literal(e, s);
		else
			put_quoted(e, s);
	} else {
		bputs(e->b, s);
	}
}

/* A scalar written as is in both languages: integers, booleans, null. */
static void em_raw(emitter *e, const char *s)
{
	before_value(e, 0);
	bputs(e->b, s);
}

static void em_date(emitter *e, long days)
{
	char d[11];
	format_date(days, d);
	before_value(e, 0);
	if (e->json)
		bputc(e->b, '"');
	bput(e->b, d, 10);
	if (e->json)
		bputc(e->b, '"');
}

static void kv_str(emitter *e, const char *k, const char *v)
{
	em_key(e, k);
	em_str(e, v);
}

static void kv_raw(emitter *e, const char *k, const char *v)
{
	em_key(e, k);
	em_raw(e, v);
}

static void kv_date(emitter *e, const char *k, long d)
{
	em_key(e, k);
	em_date(e, d);
}

static void kv_bool(emitter *e, const char *k, int v)
{
	kv_raw(e, k, v ? "true" : "false");
}

/* ---- the invented world ---- */

static const char *const DOMAINS[8] = {"physical_health", "mental_health", "substance_use",
                                       "housing",         "finances",      "family",
                                       "legal",           "work_education"};
enum { PHYS, MENTAL, SUBST, HOUSING, FIN, FAMILY, LEGAL, WORK };

static const struct muni {
	const char *number, *name, *slug, *postcode;
} MUNIS[] = {
    {"0301", "Oslo", "oslo", "0150"},
    {"1804", "Bodø", "bodo", "8006"},
    {"4601", "Bergen", "bergen", "5003"},
    {"5001", "Trondheim", "trondheim", "7010"},
    {"1103", "Stavanger", "stavanger", "4005"},
    {"5501", "Tromsø", "tromso", "9008"},
    {"4204", "Kristiansand", "kristiansand", "4611"},
    {"3301", "Drammen", "drammen", "3015"},
    {"3107", "Fredrikstad", "fredrikstad", "1606"},
    {"3105", "Sarpsborg", "sarpsborg", "1706"},
    {"1108", "Sandnes", "sandnes", "4306"},
    {"3205", "Lillestrøm", "lillestrom", "2000"},
    {"3201", "Bærum", "baerum", "1338"},
    {"3403", "Hamar", "hamar", "2317"},
    {"3905", "Tønsberg", "tonsberg", "3110"},
    {"4003", "Skien", "skien", "3717"},
    {"1106", "Haugesund", "haugesund", "5525"},
    {"1806", "Narvik", "narvik", "8514"},
    {"1833", "Rana", "rana", "8622"},
    {"5006", "Steinkjer", "steinkjer", "7713"},
};

static const struct unit {
	const char *id, *name, *type;
	int muni;
} UNITS[] = {
    {"oslo-fengsel", "Oslo fengsel", "prison", 0},
    {"bodo-fengsel", "Bodø fengsel", "prison", 1},
    {"bergen-fengsel", "Bergen fengsel", "prison", 2},
    {"trondheim-fengsel", "Trondheim fengsel", "prison", 3},
    {"ila-fengsel", "Ila fengsel og forvaringsanstalt", "prison", 12},
    {"oslo-friomsorgskontor", "Oslo friomsorgskontor", "probation_office", 0},
    {"nordland-friomsorgskontor", "Nordland friomsorgskontor", "probation_office", 1},
};

static const char *const FIRST[] = {
    "Kari",   "Ola",     "Bjørn",    "Øystein", "Åse",    "Sølvi",    "Jørgen",    "Håkon",
    "Kåre",   "Tor",     "Siv",      "Ingrid",  "Marius", "Jonas",    "Mona",      "Stian",
    "Ørjan",  "Frøydis", "Bård",     "Tove",    "Trond",  "Ragnhild", "Geir",      "Linn",
    "Mats",   "Ådne",    "Sigbjørn", "Ellen",   "Máret",  "Ánde",     "Agnieszka", "Ahmed",
    "Åsmund", "Gøril",   "Ståle",    "Hege",    "Ævar",   "Synnøve",
};
static const char *const LAST[] = {
    "Nordmann", "Hansen", "Johansen", "Olsen",    "Larsen",    "Andersen", "Pedersen", "Nilsen",
    "Sæther",   "Løken",  "Bråthen",  "Østby",    "Haugland",  "Åsheim",   "Strøm",    "Dæhlie",
    "Kjærnes",  "Hætta",  "Sørensen", "Berg",     "Lie",       "Moen",     "Ødegård",  "Rønning",
    "Grønli",   "Fjærli", "Somby",    "Kowalski", "Bjørnstad", "Næss",     "Vågen",    "Skåre",
};
static const char *const STREETS[] = {
    "Storgata",
    "Kirkegata",
    "Sjøgata",
    "Dronningens gate",
    "Løkkeveien",
    "Fjellveien",
    "Bjørnstjerne Bjørnsons gate",
    "Åsveien",
    "Prinsens gate",
    "Havnegata",
};

static const struct domain_text {
	const char *goal[3], *measure[3], *note[3], *contact;
} TEXT[8] = {
    {{"Fast fastlege etter løslatelse", "Behandling av kroniske smerter",
      "Tannbehandling påbegynt"},
     {"Bestille time hos fastlege", "Henvise til tannlege",
      "Overføre journal fra fengselshelsetjenesten"},
     {"Trenger tannbehandling.", "Diabetes type 2, bruker insulin.",
      "Ryggplager etter arbeidsulykke i 2023."},
     "Fastlege i hjemkommunen"},
    {{"Stabil psykisk helse etter løslatelse", "Oppfølging fra DPS", "Bedre søvn"},
     {"Henvise til DPS", "Samtaler med psykolog i fengselet", "Søke plass i FACT-team"},
     {"Angst og søvnproblemer.", "Har tidligere vært innlagt på DPS.",
      "Status: venter på vurdering fra DPS."},
     "Psykolog i fengselshelsetjenesten"},
    {{"Rusfrihet", "Redusert bruk av rusmidler", "Plass i LAR"},
     {"Søke behandling i TSB", "Avtale urinprøver med fastlegen", "Delta i rusmestringsenheten"},
     {"Brukt amfetamin i ti år.", "Alkohol, særlig i helgene.",
      "Ønsker LAR; sier selv: \"nå er det nok\"."},
     "LAR-poliklinikken"},
    {{"Egen bolig ved løslatelse", "Midlertidig bolig første måned", "Beholde leiligheten"},
     {"Søke kommunal bolig", "Søke startlån hos kommunen", "Avtale visning før løslatelse"},
     {"Mistet leiligheten i mai.", "Bor hos mor ved løslatelse.",
      "Ingen fast adresse; har sofasurfet."},
     "Boligkontoret i kommunen"},
    {{"Oversikt over gjeld", "Inntekt fra første dag etter løslatelse", "Betalt husleie"},
     {"Søke økonomisk sosialhjelp", "Kontakte gjeldsrådgiver i NAV",
      "Søke om arbeidsavklaringspenger"},
     {"Gjeld til Statens innkrevingssentral.", "Har ikke bankkort.", "Mottar uføretrygd."},
     "Gjeldsrådgiver i NAV"},
    {{"Samvær med barna", "Bedre kontakt med familien", "Trygg retur til samboer"},
     {"Kontakte barnevernet om samvær", "Familiesamtale i fengselet",
      "Søke om permisjon til samvær"},
     {"To barn under 10 år.", "Brudd med familien siden 2024.", "Samboer venter barn i mars."},
     "Familievernkontoret"},
    {{"Avklart verserende sak", "Fornyet førerkort", "Ordnet betaling av bøter"},
     {"Kontakte forsvarer", "Søke fri rettshjelp", "Avklare bot med Statens innkrevingssentral"},
     {"Ny sak i tingretten til våren.", "Ubetalte bøter.", "Ønsker hjelp med klage på vedtak."},
     "Forsvarer"},
    {{"Fullført fagbrev", "Arbeid eller tiltak ved løslatelse", "Fullført videregående skole"},
     {"Starte på fengselsundervisningen", "Melde seg som arbeidssøker hos NAV",
      "Søke arbeidstrening"},
     {"Har ikke fullført videregående.", "Arbeidet som tømrer før soning.",
      "Ønsker å ta fagbrev i kokkfaget."},
     "Fengselsskolen"},
};

static const char *const MEETING_NOTES[] = {
    "Første møte, personen ledet selv.",
    "Gjennomgang av planen.",
    "Avtalt:\n- bolig søkes innen fredag\n- NAV kaller inn til samtale",
    "Personen møtte ikke; nytt møte avtales.",
    "Oppsummering av kartleggingen.\n\nNeste møte etter løslatelse.",
};

/* What one case is drawn around. */
typedef struct {
	rng r;
	const struct muni *home;
	const struct unit *unit;
	long start, release; /* release < 0: none (remand) */
	long screened;
	unsigned needs; /* bit per domain that is a need */
	char kommune[32], nav[32], dps[32];
} ctx;

static void person_name(rng *r, char *out, size_t n)
{
	const char *first = PICK(r, FIRST), *last = PICK(r, LAST);
	switch (rnd(r, 6)) {
	case 0:
		snprintf(out, n, "%s-%s %s", first, PICK(r, FIRST), last);
		break;
	case 1:
		snprintf(out, n, "%s %s %s", first, PICK(r, FIRST), last);
		break;
	default:
		snprintf(out, n, "%s %s", first, last);
	}
}

/* The agency that usually takes a domain on after release. */
static const char *agency_for(ctx *c, int domain)
{
	switch (domain) {
	case MENTAL:
		return chance(&c->r, 60) ? c->dps : c->kommune;
	case FIN:
	case WORK:
		return c->nav;
	case LEGAL:
		return chance(&c->r, 50) ? "jussbuss" : "fri-rettshjelp";
	default:
		return c->kommune;
	}
}

/* A domain that is a need when there is one, so plans and handovers follow screening. */
static int some_need(ctx *c)
{
	if (c->needs && chance(&c->r, 85))
		for (;;) {
			int d = (int)rnd(&c->r, 8);
			if (c->needs & (1u << d))
				return d;
		}
	return (int)rnd(&c->r, 8);
}

static void gen_person(emitter *e, ctx *c)
{
	char name[128], addr[160];
	em_key(e, "person");
	em_map(e);
	person_name(&c->r, name, sizeof name);
	kv_str(e, "name", name);
	if (chance(&c->r, 90))
		kv_date(e, "born", days_from_civil(1955, 1, 1) + rnd(&c->r, 52 * 365));
	em_key(e, "home_municipality");
	em_map(e);
	kv_str(e, "number", c->home->number);
	kv_str(e, "name", c->home->name);
	em_close(e);
	if (chance(&c->r, 85)) {
		unsigned l = rnd(&c->r, 100);
		kv_str(e, "language", l < 78 ? "nb" : l < 90 ? "nn" : l < 96 ? "en" : "se");
	}
	if (chance(&c->r, 60)) {
		/* one draw per statement: the order arguments are evaluated in is unspecified */
		const char *street = PICK(&c->r, STREETS);
		unsigned house = between(&c->r, 1, 120);
		const char *letter = chance(&c->r, 15) ? " B" : "";
		snprintf(addr, sizeof addr, "%s %u%s, %s %s", street, house, letter,
		         c->home->postcode, c->home->name);
		kv_str(e, "address", addr);
	}
	em_close(e);
}

static void gen_sentence(emitter *e, ctx *c)
{
	static const char *const SECURITY[] = {"closed", "closed", "closed",
	                                       "open",   "open",   "halfway_house"};
	const char *type;
	unsigned days, t = rnd(&c->r, 100);
	int prison = !strcmp(c->unit->type, "prison");
	if (prison)
		type = t < 76 ? "prison" : t < 94 ? "remand" : "preventive_detention";
	else
		type = t < 50 ? "community_sentence" : t < 85 ? "electronic_monitoring" : "prison";

	c->start = days_from_civil(2026, 1, 1) + rnd(&c->r, 546);
	t = rnd(&c->r, 100);
	if (!strcmp(type, "preventive_detention"))
		days = between(&c->r, 700, 3650);
	else if (!strcmp(type, "electronic_monitoring"))
		days = between(&c->r, 14, 120);
	else if (!strcmp(type, "remand"))
		days = between(&c->r, 7, 150);
	else
		days = t < 75   ? between(&c->r, 14, 89)
		       : t < 93 ? between(&c->r, 90, 365)
		                : between(&c->r, 366, 1500);
	c->release = !strcmp(type, "remand") && chance(&c->r, 60) ? -1 : c->start + days;
	/* drawn here because consents, written before the screening, hang on its date */
	t = rnd(&c->r, 100);
	c->screened = t < 80   ? c->start + (long)rnd(&c->r, 15)
	              : t < 95 ? c->start + (long)between(&c->r, 15, 40)
	                       : c->start - (long)between(&c->r, 1, 30);

	em_key(e, "sentence");
	em_map(e);
	kv_str(e, "type", type);
	kv_date(e, "start", c->start);
	if (c->release >= 0)
		kv_date(e, "release", c->release);
	if (prison && chance(&c->r, 80))
		kv_str(e, "security", !strcmp(type, "remand") ? "closed" : PICK(&c->r, SECURITY));
	if (chance(&c->r, 50))
		kv_bool(e, "supervision_after_release", chance(&c->r, 40));
	em_close(e);
}

static void gen_officers(emitter *e, ctx *c, char *first_officer, size_t n)
{
	static const char *const ROLES[] = {"caseworker", "contact_officer", "other"};
	unsigned t = rnd(&c->r, 100), count = t < 12 ? 0 : t < 60 ? 1 : t < 88 ? 2 : 3;
	person_name(&c->r, first_officer, n);
	if (!count)
		return;
	em_key(e, "contact_officers");
	em_seq(e);
	for (unsigned i = 0; i < count; i++) {
		char name[128];
		if (i)
			person_name(&c->r, name, sizeof name);
		em_map(e);
		kv_str(e, "name", i ? name : first_officer);
		if (chance(&c->r, 80))
			kv_str(e, "role", i ? PICK(&c->r, ROLES) : "contact_officer");
		em_close(e);
	}
	em_close(e);
}

static void gen_consents(emitter *e, ctx *c)
{
	unsigned count = rnd(&c->r, 4);
	if (!count)
		return;
	em_key(e, "consents");
	em_seq(e);
	for (unsigned i = 0; i < count; i++) {
		const char *to = i == 0   ? c->kommune
		                 : i == 1 ? c->nav
		                 : i == 2 ? c->dps
		                          : "jussbuss";
		long given = c->screened + rnd(&c->r, 10);
		em_map(e);
		kv_str(e, "recipient", to);
		em_key(e, "domains");
		em_flow_seq(e);
		if (chance(&c->r, 25)) {
			em_str(e, "all");
		} else {
			unsigned mask = (unsigned)(next(&c->r) & 0xff);
			mask |= 1u << rnd(&c->r, 8);
			for (int d = 0; d < 8; d++)
				if (mask & (1u << d) && chance(&c->r, 60))
					em_str(e, DOMAINS[d]);
			if (!top(e)->count)
				em_str(e, DOMAINS[rnd(&c->r, 8)]);
		}
		em_close(e);
		kv_date(e, "given", given);
		if (chance(&c->r, 30))
			kv_date(e, "expires", given + between(&c->r, 90, 730));
		unsigned w = rnd(&c->r, 100);
		if (w < 10)
			kv_date(e, "withdrawn", given + rnd(&c->r, 120));
		else if (w < 25)
			kv_raw(e, "withdrawn", "null");
		em_close(e);
	}
	em_close(e);
}

static void gen_screening(emitter *e, ctx *c, const char *officer)
{
	static const char *const NEEDS[] = {"contact", "assessment", "measures"};
	em_key(e, "screening");
	em_map(e);
	kv_date(e, "date", c->screened);
	if (chance(&c->r, 85))
		kv_str(e, "by", officer);
	kv_bool(e, "wants_follow_up", chance(&c->r, 85));
	em_key(e, "domains");
	em_map(e);
	for (int d = 0; d < 8; d++) {
		int past = chance(&c->r, 40), current = chance(&c->r, past ? 65 : 20);
		const char *contact = NULL;
		if (chance(&c->r, 35))
			contact = chance(&c->r, 50) ? TEXT[d].contact : agency_for(c, d);
		em_key(e, DOMAINS[d]);
		em_map(e);
		kv_bool(e, "past", past);
		kv_bool(e, "current", current);
		if (contact)
			kv_str(e, "contact", contact);
		else
			kv_raw(e, "contact", "null");
		em_key(e, "needs");
		em_flow_seq(e);
		if (current || chance(&c->r, 15))
			for (int k = 0; k < 3; k++)
				if (chance(&c->r, k == 0 && !contact ? 80 : 40))
					em_str(e, NEEDS[k]);
		if (top(e)->count || (current && !contact))
			c->needs |= 1u << d;
		em_close(e);
		if (chance(&c->r, 20))
			kv_str(e, "note", PICK(&c->r, TEXT[d].note));
		em_close(e);
	}
	em_close(e);
	em_close(e);
}

static void gen_ip(emitter *e, ctx *c)
{
	static const char *const STATUS[] = {
	    "requested",   "requested",   "requested",   "in_progress",       "in_progress",
	    "in_progress", "established", "established", "refused_by_person", "none"};
	static const char *const ROLES[] = {"NAV-veileder", "kontaktbetjent", "fastlege",
	                                    "ruskonsulent", "boligkonsulent"};
	const char *status = PICK(&c->r, STATUS);
	long requested = c->screened + between(&c->r, 1, 20), since = requested;
	char coordinator[128];
	person_name(&c->r, coordinator, sizeof coordinator);

	em_key(e, "ip");
	em_map(e);
	kv_str(e, "status", status);
	if (strcmp(status, "none"))
		kv_date(e, "requested", requested);
	if (!strcmp(status, "in_progress") || !strcmp(status, "established")) {
		since = requested + between(&c->r, 5, 40);
		em_key(e, "coordinator");
		em_map(e);
		kv_str(e, "name", coordinator);
		kv_str(e, "agency", c->kommune);
		kv_date(e, "appointed", since);
		em_close(e);
	}
	em_close(e);

	long day = since + between(&c->r, 3, 30);
	em_key(e, "responsibility_group");
	em_map(e);
	kv_date(e, "established", day);
	em_key(e, "members");
	em_seq(e);
	for (unsigned i = 0, n = between(&c->r, 2, 4); i < n; i++) {
		char name[128];
		em_flow_map(e);
		if (i == 0) {
			kv_str(e, "name", coordinator);
			kv_str(e, "agency", c->kommune);
			kv_str(e, "role", "koordinator");
		} else {
			person_name(&c->r, name, sizeof name);
			kv_str(e, "name", name);
			kv_str(e, "agency", i == 1 ? c->nav : agency_for(c, some_need(c)));
			kv_str(e, "role", PICK(&c->r, ROLES));
		}
		em_close(e);
	}
	em_close(e);
	unsigned meetings = rnd(&c->r, 3);
	if (meetings) {
		em_key(e, "meetings");
		em_seq(e);
		for (unsigned i = 0; i < meetings; i++) {
			em_map(e);
			kv_date(e, "date", day);
			kv_str(e, "note", i == 0 ? MEETING_NOTES[0] : PICK(&c->r, MEETING_NOTES));
			em_close(e);
			day += between(&c->r, 14, 45);
		}
		em_close(e);
	}
	em_close(e);
}

static void gen_plan(emitter *e, ctx *c, const char *id, const char *type, const char *owner)
{
	static const char *const STATUS[] = {"planned", "planned", "in_progress", "done",
	                                     "cancelled"};
	long from = c->start, to = c->release >= 0 ? c->release : c->start + 365;
	unsigned span = (unsigned)(to - from) + 1, measure = 0, used = 0, t = rnd(&c->r, 100);
	unsigned goals = t < 40 ? 1 : t < 75 ? 2 : t < 92 ? 3 : 4;
	em_map(e);
	kv_str(e, "id", id);
	kv_str(e, "type", type);
	kv_str(e, "owner", owner);
	if (chance(&c->r, 80))
		kv_date(e, "updated", c->screened + between(&c->r, 1, 30));
	if (chance(&c->r, 70)) {
		em_key(e, "period");
		em_flow_map(e);
		kv_date(e, "from", from);
		kv_date(e, "to", to);
		em_close(e);
	}
	em_key(e, "goals");
	em_seq(e);
	for (unsigned g = 1; g <= goals; g++) {
		char gid[16];
		int other = chance(&c->r, 8), d = some_need(c);
		while (used & (1u << d))
			d = (d + 1) % 8;
		used |= 1u << d;
		t = rnd(&c->r, 100);
		unsigned measures = t < 55 ? 1 : t < 90 ? 2 : 3, first = rnd(&c->r, 3);
		snprintf(gid, sizeof gid, "g%u", g);
		em_map(e);
		kv_str(e, "id", gid);
		kv_str(e, "domain", other ? "other" : DOMAINS[d]);
		kv_str(e, "text", other ? "En meningsfull hverdag" : PICK(&c->r, TEXT[d].goal));
		em_key(e, "measures");
		em_seq(e);
		for (unsigned m = 0; m < measures; m++) {
			char mid[16];
			snprintf(mid, sizeof mid, "m%u", ++measure);
			em_map(e);
			kv_str(e, "id", mid);
			kv_str(e, "text", TEXT[d].measure[(first + m) % 3]);
			if (chance(&c->r, 80))
				kv_str(e, "responsible", agency_for(c, d));
			if (chance(&c->r, 70))
				kv_date(e, "due", from + rnd(&c->r, span));
			if (chance(&c->r, 75))
				kv_str(e, "status", PICK(&c->r, STATUS));
			em_close(e);
		}
		em_close(e);
		em_close(e);
	}
	em_close(e);
	em_close(e);
}

static void gen_letters(emitter *e, ctx *c)
{
	static const char *const TEMPLATES[] = {"ip-request", "consent-info", "handover-request",
	                                        "reminder",   "complaint",    "release-notice"};
	static const char *const OUTCOMES[] = {"granted", "granted", "refused", "partial",
	                                       "acknowledged"};
	unsigned count = rnd(&c->r, 4);
	long day = c->screened;
	if (!count)
		return;
	em_key(e, "letters");
	em_seq(e);
	for (unsigned i = 1; i <= count; i++) {
		char id[16];
		snprintf(id, sizeof id, "L-%04u", i);
		day += between(&c->r, 1, 20);
		em_map(e);
		kv_str(e, "id", id);
		kv_str(e, "template", PICK(&c->r, TEMPLATES));
		kv_str(e, "recipient", chance(&c->r, 15) ? "person" : agency_for(c, some_need(c)));
		kv_date(e, "date", day);
		if (chance(&c->r, 60))
			kv_date(e, "respond_by", day + 21);
		if (chance(&c->r, 50)) {
			em_key(e, "response");
			em_flow_map(e);
			kv_date(e, "date", day + between(&c->r, 2, 30));
			kv_str(e, "outcome", PICK(&c->r, OUTCOMES));
			em_close(e);
		}
		em_close(e);
	}
	em_close(e);
}

/* One handover of domain d to `to`, requested on that day, with outcome o (0–99): under 45
 * confirmed (often with the day follow-up starts and who meets the person), under 60
 * declined, else unanswered. Returns the day it was declined, or -1. */
static long gen_handover(emitter *e, ctx *c, int d, const char *to, long requested, unsigned o)
{
	char by[128];
	long declined = -1;
	em_map(e);
	kv_str(e, "domain", DOMAINS[d]);
	kv_str(e, "to", to);
	kv_date(e, "requested", requested);
	if (o < 45) {
		long confirmed = requested + rnd(&c->r, 31);
		kv_date(e, "confirmed", confirmed);
		if (chance(&c->r, 80)) {
			person_name(&c->r, by, sizeof by);
			kv_str(e, "confirmed_by", by);
		}
		if (chance(&c->r, 20))
			kv_raw(e, "declined", "null");
		if (chance(&c->r, 60)) { /* around release, now and then weeks after it */
			long from = c->release >= 0 ? c->release - 5 + (long)rnd(&c->r, 50) : confirmed + rnd(&c->r, 30);
			kv_date(e, "starts", from > requested ? from : requested);
			if (chance(&c->r, 50)) {
				person_name(&c->r, by, sizeof by);
				kv_str(e, "contact", by);
			}
		}
	} else if (o < 60) {
		kv_raw(e, "confirmed", "null");
		declined = requested + rnd(&c->r, 26);
		kv_date(e, "declined", declined);
	}
	em_close(e);
	return declined;
}

static void gen_handovers(emitter *e, ctx *c)
{
	unsigned t = rnd(&c->r, 100), count = t < 30 ? 0 : t < 55 ? 1 : t < 75 ? 2 : t < 90 ? 3 : 4;
	unsigned used = 0,
	         latest = 45; /* days after screening; before release where there is one */
	if (c->release >= 0)
		latest =
		    c->release - c->screened > 4 ? (unsigned)(c->release - c->screened) - 3 : 1;
	if (!count)
		return;
	em_key(e, "handovers");
	em_seq(e);
	for (unsigned i = 0; i < count; i++) {
		int d = some_need(c);
		while (used & (1u << d))
			d = (d + 1) % 8;
		used |= 1u << d;
		long requested = c->screened + between(&c->r, 1, latest);
		long declined = gen_handover(e, c, d, agency_for(c, d), requested, rnd(&c->r, 100));
		/* about one refusal in ten is followed by a request to another service (housing:
		 * NAV after the municipality), or to the same one again */
		if (declined >= 0 && chance(&c->r, 10))
			gen_handover(e, c, d, d == HOUSING ? c->nav : agency_for(c, d),
				     declined + between(&c->r, 1, 10), rnd(&c->r, 100) < 60 ? 0 : 50);
	}
	em_close(e);
}

/* One whole case, index 0-based, into e->b. */
static void gen_case(emitter *e, uint64_t seed, unsigned long index)
{
	ctx c = {{seed ^ ((uint64_t)index * 0xD1B54A32D192ED03u)}, 0, 0, 0, 0, 0, 0, "", "", ""};
	char id[32], officer[128];
	next(&c.r);
	c.unit = &UNITS[rnd(&c.r, 100) < 75 ? rnd(&c.r, 5) : 5 + rnd(&c.r, 2)];
	c.home = chance(&c.r, 35) ? &MUNIS[c.unit->muni] : &PICK(&c.r, MUNIS);
	snprintf(c.kommune, sizeof c.kommune, "kommune-%s", c.home->number);
	snprintf(c.nav, sizeof c.nav, "nav-%s", c.home->slug);
	snprintf(c.dps, sizeof c.dps, "dps-%s", c.home->slug);
	snprintf(id, sizeof id, "BENCH-%07lu", index + 1);

	em_map(e);
	kv_raw(e, "samplan", "1");
	kv_str(e, "kind", "case");
	kv_str(e, "id", id);
	gen_person(e, &c);
	em_key(e, "unit");
	em_map(e);
	kv_str(e, "id", c.unit->id);
	kv_str(e, "name", c.unit->name);
	kv_str(e, "type", c.unit->type);
	em_close(e);
	gen_sentence(e, &c);
	gen_officers(e, &c, officer, sizeof officer);
	gen_consents(e, &c);
	gen_screening(e, &c, officer);
	int ip = chance(&c.r, 50);
	if (ip)
		gen_ip(e, &c);
	if (chance(&c.r, ip ? 75 : 25)) {
		em_key(e, "plans");
		em_seq(e);
		gen_plan(e, &c, "fp-1", "future_plan", c.unit->id);
		gen_plan(e, &c, "ip-1", "individual_plan", c.kommune);
		em_close(e);
	}
	gen_letters(e, &c);
	gen_handovers(e, &c);
	em_close(e);
	bputc(e->b, '\n');
}

/* ---- command line ---- */

static void usage(void)
{
	fprintf(stderr, "usage: %s [-n N] [-s SEED] [-f yaml|jsonl|files] [-o DIR_OR_FILE]\n",
	        prog);
	exit(1);
}

static unsigned long long number(const char *s)
{
	char *end;
	errno = 0;
	unsigned long long v = strtoull(s, &end, 10);
	if (errno || *s < '0' || *s > '9' || *end)
		usage();
	return v;
}

static void write_all(FILE *f, const buf *b, const char *name)
{
	if (fwrite(b->p, 1, b->len, f) != b->len)
		die(name);
}

int main(int argc, char **argv)
{
	unsigned long n = 1000;
	uint64_t seed = 1;
	const char *format = "yaml", *out = NULL;
	int opt;
	while ((opt = getopt(argc, argv, "n:s:f:o:h")) != -1) {
		switch (opt) {
		case 'n':
			n = (unsigned long)number(optarg);
			break;
		case 's':
			seed = number(optarg);
			break;
		case 'f':
			format = optarg;
			break;
		case 'o':
			out = optarg;
			break;
		default:
			usage();
		}
	}
	int files = !strcmp(format, "files"), json = !strcmp(format, "jsonl");
	if (optind != argc || (!files && !json && strcmp(format, "yaml")) || (files && !out))
		usage();

	FILE *f = stdout;
	const char *name = "standard output";
	if (files) {
		if (mkdir(out, 0777) && errno != EEXIST)
			die(out);
	} else if (out && strcmp(out, "-")) {
		if (!(f = fopen(out, "w")))
			die(out);
		name = out;
	}

	buf b = {0};
	emitter e = {&b, json, 0, 0, {{0}}};
	for (unsigned long i = 0; i < n; i++) {
		b.len = 0;
		if (!files && !json && i)
			bputs(&b, "---\n");
		gen_case(&e, seed, i);
		if (!files) {
			write_all(f, &b, name);
			continue;
		}
		char path[4096];
		snprintf(path, sizeof path, "%s/BENCH-%07lu.yaml", out, i + 1);
		FILE *cf = fopen(path, "w");
		if (!cf)
			die(path);
		write_all(cf, &b, path);
		if (fclose(cf))
			die(path);
	}
	free(b.p);
	if (fflush(f) || (f != stdout && fclose(f)))
		die(name);
	return 0;
}
