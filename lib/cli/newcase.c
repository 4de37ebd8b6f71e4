/* SPDX-License-Identifier: MIT */
/* newcase.c — the text of a new case file (newcase.h). */
#include "cli/newcase.h"

#include "base/util.h"
#include "doc/doc.h"

#include <stdlib.h>
#include <string.h>

/* --- the arguments ------------------------------------------------------------------ */

bool sp_is_id(const char *s)
{
	size_t n = strlen(s);
	if (n < 1 || n > 64 || s[0] == '.')
		return false;
	return strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._-") == n;
}

/* "NAME[,ID]": the id after the last comma. */
const char *sp_officer_arg_problem(const char *s)
{
	const char *comma = strrchr(s, ',');
	size_t namelen = comma ? (size_t)(comma - s) : strlen(s);
	char *name = sp_xstrndup(s, namelen);
	bool blank = sp_text_blank(name);
	free(name);
	if (blank)
		return "has no name: give NAME or NAME,ID";
	if (comma && !sp_is_id(comma + 1))
		return "has no id after the last comma: an id is 1-64 characters of A-Z a-z 0-9 . "
		       "_ -";
	return NULL;
}

/* "AGENCY:DOMAIN,DOMAIN[:EXPIRES]" */
const char *sp_consent_arg_parse(const char *s, sp_consent_arg *out)
{
	memset(out, 0, sizeof *out);
	const char *c1 = strchr(s, ':');
	if (!c1)
		return "is not AGENCY:DOMAIN,DOMAIN[:EXPIRES]";
	size_t alen = (size_t)(c1 - s);
	if (alen == 0 || alen > 64)
		return "does not start with an agency id";
	memcpy(out->agency, s, alen);
	if (!sp_is_id(out->agency))
		return "does not start with an agency id";
	const char *doms = c1 + 1;
	const char *c2 = strchr(doms, ':');
	size_t dlen = c2 ? (size_t)(c2 - doms) : strlen(doms);
	char *list = sp_xstrndup(doms, dlen);
	const char *problem = NULL;
	size_t count = 0;
	for (char *save = NULL, *d = strtok_r(list, ",", &save); d && !problem;
	     d = strtok_r(NULL, ",", &save), count++) {
		int dom = sp_domain_parse(d);
		if (strcmp(d, "all") == 0)
			out->all = true;
		else if (dom < 0)
			problem = "names a domain that does not exist (physical_health mental_health "
				  "substance_use housing finances family legal work_education, or all)";
		else
			out->domains |= 1u << dom;
	}
	free(list);
	if (!problem && count == 0)
		problem = "names no domain";
	if (!problem && out->all && count > 1)
		problem = "names all with other domains: all stands alone";
	if (!problem && c2) {
		out->has_expires = true;
		if (!sp_date_parse(c2 + 1, &out->expires))
			problem = "has an expiry that is not a date (YYYY-MM-DD)";
	}
	return problem;
}

/* --- the case's text --------------------------------------------------------------- */

/* A scalar: plain when it surely reads back as the same string, else double-quoted. */
static void put_str(FILE *f, const char *s)
{
	bool plain = *s && !sp_yaml_needs_quotes(s) && s[strlen(s) - 1] != ' ' &&
		     (((unsigned char)*s >= 0x80) || strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZ"
							     "abcdefghijklmnopqrstuvwxyz0123456789",
							     *s));
	for (const unsigned char *p = (const unsigned char *)s; plain && *p; p++)
		plain = *p >= 0x80 || (*p < 0x80 && strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnop"
							   "qrstuvwxyz0123456789 .,-_()/'",
							   *p));
	if (plain) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else if (*p < 0x20 || *p == 0x7f)
			fprintf(f, "\\x%02x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

enum lang { L_NB, L_NN, L_EN };

static const char *const domain_words[3][SP_DOMAIN_COUNT] = {
    [L_NB] = {"fysisk helse", "psykisk helse", "rus (alkohol og narkotika)", "bolig", "økonomi",
	      "familie", "andre juridiske forhold", "arbeid og utdanning"},
    [L_NN] = {"fysisk helse", "psykisk helse", "rus (alkohol og narkotika)", "bustad", "økonomi",
	      "familie", "andre juridiske forhold", "arbeid og utdanning"},
    [L_EN] = {"physical health", "mental health", "substance use (alcohol and drugs)", "housing",
	      "finances", "family", "other legal matters", "work and education"},
};

static const struct screening_words {
	const char *intro, *date, *wants, *q[4];
} screening_words[3] = {
    [L_NB] = {"# Kartleggingen (minikartlegging) er ikke gjort ennå. Den er kommentert ut, så\n"
	      "# ingen ubesvart rad kan leses som «ingen problemer». Fyll den inn med\n"
	      "# samplan-record screening-domain og screening-completed.\n",
	      "Dato for kartleggingen", "Ønsker personen oppfølging?",
	      {"Tidligere problemer?", "Nåværende problemer?", "Etablert kontakt for hjelp?",
	       "Trenger mer hjelp: kontakt, vurdering, tiltak?"}},
    [L_NN] = {"# Kartlegginga (minikartlegging) er ikkje gjord enno. Ho er kommentert ut, så\n"
	      "# inga rad utan svar kan lesast som «ingen problem». Fyll ho inn med\n"
	      "# samplan-record screening-domain og screening-completed.\n",
	      "Dato for kartlegginga", "Ønskjer personen oppfølging?",
	      {"Tidlegare problem?", "Noverande problem?", "Etablert kontakt for hjelp?",
	       "Treng meir hjelp: kontakt, vurdering, tiltak?"}},
    [L_EN] = {"# The screening matrix is not filled in yet. It is commented out, so that no\n"
	      "# unanswered row can read as \"no problems\". Fill it in with\n"
	      "# samplan-record screening-domain and screening-completed.\n",
	      "The day of the screening", "Does the person want follow-up?",
	      {"Earlier problems?", "Current problems?", "Established contact for help?",
	       "Needs more help: contact, assessment, measures?"}},
};

static void put_screening(FILE *f, enum lang l)
{
	const struct screening_words *w = &screening_words[l];
	static const char *const keys[4] = {"past:", "current:", "contact:", "needs:"};
	fprintf(f, "\n%s", w->intro);
	fprintf(f, "# screening:\n");
	fprintf(f, "#   %-24s # %s (YYYY-MM-DD)\n", "date:", w->date);
	fprintf(f, "#   by:\n");
	fprintf(f, "#   %-24s # %s (true/false)\n", "wants_follow_up:", w->wants);
	fprintf(f, "#   domains:\n");
	for (int d = 0; d < SP_DOMAIN_COUNT; d++) {
		fprintf(f, "#     %s:%*s # %s\n", sp_domain_name((sp_domain)d),
			(int)(21 - strlen(sp_domain_name((sp_domain)d))), "", domain_words[l][d]);
		for (int q = 0; q < 4; q++)
			fprintf(f, "#       %-20s # %s\n", keys[q], w->q[q]);
	}
}

void sp_new_case_write(FILE *f, const sp_new_case *c)
{
	const char *lang = c->language ? c->language : "nb";
	enum lang l = strcmp(lang, "nn") == 0 ? L_NN : strcmp(lang, "en") == 0 ? L_EN : L_NB;
	char buf[SP_DATE_BUFSIZE];
	fputs("# yaml-language-server: $schema=/usr/share/samplan/schemas/case.schema.json\n", f);
	fputs(l == L_NN   ? "# Ny sak, oppretta med samplan-new.\n"
	      : l == L_EN ? "# A new case, started with samplan-new.\n"
			  : "# Ny sak, opprettet med samplan-new.\n",
	      f);
	fputs("samplan: 1\nkind: case\nid: ", f);
	put_str(f, c->id);
	fputs("\n\nperson:\n  name: ", f);
	put_str(f, c->name);
	if (c->born)
		fprintf(f, "\n  born: %s", c->born);
	fprintf(f, "\n  home_municipality:\n    number: \"%s\"\n    name: ", c->municipality);
	put_str(f, c->municipality_name);
	fprintf(f, "\n  language: %s\n", lang);
	if (c->address) {
		fputs("  address: ", f);
		put_str(f, c->address);
		fputc('\n', f);
	}
	fprintf(f, "\nunit:\n  id: %s\n  name: ", c->unit_id);
	put_str(f, c->unit_name);
	fprintf(f, "\n  type: %s\n", c->unit_type);
	fprintf(f, "\nsentence:\n  type: %s\n  start: %s\n", c->sentence_type, c->start);
	if (c->release)
		fprintf(f, "  release: %s\n", c->release);
	if (c->security)
		fprintf(f, "  security: %s\n", c->security);
	if (c->nofficers)
		fputs("\ncontact_officers:\n", f);
	for (size_t i = 0; i < c->nofficers; i++) {
		const char *comma = strrchr(c->officers[i], ',');
		char *name = sp_xstrndup(c->officers[i], comma ? (size_t)(comma - c->officers[i])
							       : strlen(c->officers[i]));
		fputs("  - name: ", f);
		put_str(f, name);
		free(name);
		if (comma)
			fprintf(f, "\n    id: %s", comma + 1);
		fputs("\n    role: contact_officer\n", f);
	}
	if (c->nconsents)
		fputs("\nconsents:\n", f);
	for (size_t i = 0; i < c->nconsents; i++) {
		sp_consent_arg k;
		sp_consent_arg_parse(c->consents[i], &k);
		fprintf(f, "  - recipient: %s\n    domains: [", k.agency);
		if (k.all)
			fputs("all", f);
		for (int d = 0, n = 0; d < SP_DOMAIN_COUNT; d++)
			if (k.domains & (1u << d))
				fprintf(f, "%s%s", n++ ? ", " : "", sp_domain_name((sp_domain)d));
		fprintf(f, "]\n    given: %s\n", sp_date_format(c->given, buf));
		if (k.has_expires)
			fprintf(f, "    expires: %s\n", sp_date_format(k.expires, buf));
	}
	put_screening(f, l);
}

