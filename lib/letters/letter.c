/* letter.c — one letter: its recipient, the consent check, the data its template sees,
 * its rendering to letter markup and its entry in the case's letter log. */
#include "letters/letter.h"

#include "domain/screen.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const months_nb[] = {"januar",  "februar", "mars",	  "april",
					"mai",	   "juni",    "juli",	  "august",
					"september", "oktober", "november", "desember"};

char *sp_date_text_nb(sp_date d, char buf[32])
{
	int y, m, day;
	sp_date_to_ymd(d, &y, &m, &day);
	snprintf(buf, 32, "%d. %s %d", day, months_nb[(m - 1) % 12], y);
	return buf;
}

static const char *const domain_nb[SP_DOMAIN_COUNT] = {
    "fysisk helse", "psykisk helse", "rus", "bolig", "økonomi", "familie", "juridiske forhold",
    "arbeid og utdanning"};
static const char *const domain_nb_cap[SP_DOMAIN_COUNT] = {
    "Fysisk helse", "Psykisk helse", "Rus", "Bolig", "Økonomi", "Familie", "Juridiske forhold",
    "Arbeid og utdanning"};

const char *sp_domain_name_nb(sp_domain d)
{
	return d < SP_DOMAIN_COUNT ? domain_nb[d] : "";
}

/* --- building the view --------------------------------------------------------------- */

/* A copy of s with every control character (line breaks, tabs) made a space: a value
 * cannot start a line of letter markup, so data never adds structure to a letter. */
static json_t *folded(const char *s)
{
	/* room for a no-break space (2 bytes) in place of one space */
	char *c = sp_xmalloc(strlen(s) + 2);
	strcpy(c, s);
	for (unsigned char *p = (unsigned char *)c; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			*p = ' ';
	/* A value may stand at the start of a line: one that begins like a line of letter
	 * markup (`# `, `## `, `- `, `| `, `^ `, `~ `) gets a no-break space after its marker,
	 * which reads the same and is not markup. */
	size_t m = strspn(c, "#");
	if (m == 0 && c[0] && strchr("-|^~", c[0]))
		m = 1;
	if (m && m <= 2 && c[m] == ' ') {
		memmove(c + m + 2, c + m + 1, strlen(c + m + 1) + 1);
		c[m] = (char)0xc2;
		c[m + 1] = (char)0xa0;
	}
	json_t *v = json_string(c);
	free(c);
	return v ? v : json_string("");
}

static void put(json_t *o, const char *key, const char *s)
{
	if (s && *s)
		json_object_set_new(o, key, folded(s));
}

static void put_date(json_t *o, const char *key, const char *text_key, sp_date d)
{
	char iso[SP_DATE_BUFSIZE], nb[32];
	json_object_set_new(o, key, json_string(sp_date_format(d, iso)));
	json_object_set_new(o, text_key, json_string(sp_date_text_nb(d, nb)));
}

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

/* Address lines: a list of texts, or one text whose parts are separated by commas. */
static json_t *address_lines(const json_t *a)
{
	json_t *lines = json_array();
	if (json_is_array(a)) {
		size_t i;
		json_t *x;
		json_array_foreach(a, i, x) if (json_is_string(x) && *json_string_value(x))
		    json_array_append_new(lines, folded(json_string_value(x)));
	} else if (json_is_string(a)) {
		const char *s = json_string_value(a);
		while (*s) {
			while (*s == ' ')
				s++;
			const char *e = strchr(s, ',');
			size_t n = e ? (size_t)(e - s) : strlen(s);
			while (n && s[n - 1] == ' ')
				n--;
			if (n) {
				char *part = sp_xstrndup(s, n);
				json_array_append_new(lines, folded(part));
				free(part);
			}
			s = e ? e + 1 : s + strlen(s);
		}
	}
	if (json_array_size(lines) == 0) {
		json_decref(lines);
		return NULL;
	}
	return lines;
}

static void put_address(json_t *o, const json_t *a)
{
	json_t *lines = address_lines(a);
	if (lines)
		json_object_set_new(o, "address", lines);
}

/* name, address, email, contact of a registry entry. */
/* An agency's address; a registry may start it with the agency's name, which the letter
 * names once. */
static void put_agency_address(json_t *o, const json_t *node)
{
	put_address(o, json_object_get(node, "address"));
	json_t *lines = json_object_get(o, "address");
	const char *first = json_string_value(json_array_get(lines, 0));
	if (first && str(node, "name") && strcmp(first, str(node, "name")) == 0) {
		json_array_remove(lines, 0);
		if (!json_array_size(lines))
			json_object_del(o, "address");
	}
}

static void put_agency(json_t *o, const json_t *node)
{
	put(o, "name", str(node, "name"));
	put(o, "type", str(node, "type"));
	put_agency_address(o, node);
	put(o, "email", str(node, "email"));
	const json_t *ct = json_object_get(node, "contact");
	json_t *contact = json_object();
	put(contact, "name", str(ct, "name"));
	put(contact, "phone", str(ct, "phone"));
	put(contact, "email", str(ct, "email"));
	if (json_object_size(contact))
		json_object_set_new(o, "contact", contact);
	else
		json_decref(contact);
	put(o, "phone", str(ct, "phone"));
}

static const char *const sentence_nb[] = {"fengselsstraff", "samfunnsstraff",
					  "straffegjennomføring med elektronisk kontroll",
					  "forvaring", "varetektsfengsling"};

static const char *const ip_status_nb[] = {"ikke startet", "anmodet",
					   "personen ønsker ikke individuell plan", "under arbeid",
					   "etablert"};

static const char *const ip_status_key[] = {"none", "requested", "refused_by_person",
					    "in_progress", "established"};

static const char *const outcome_nb[] = {"", "innvilget", "avslått", "delvis innvilget",
					 "mottatt"};

static const char *const outcome_key[] = {"", "granted", "refused", "partial", "acknowledged"};

/* "kontakt, kartlegging og tiltak" */
static json_t *actions_text(unsigned actions, bool to_person)
{
	static const char *const words[] = {"kontakt", "kartlegging", "tiltak",
					    "informasjon om hvor personen kan henvende seg"};
	static const char *const inform_you = "informasjon om hvor du kan få hjelp";
	const char *w[4];
	size_t n = 0;
	for (unsigned b = 0; b < 4; b++)
		if (actions & (1u << b))
			w[n++] = b == 3 && to_person ? inform_you : words[b];
	if (n == 0)
		return json_string("oppfølging");
	char buf[256] = "";
	for (size_t i = 0; i < n; i++) {
		if (i)
			strcat(buf, i + 1 == n ? " og " : ", ");
		strcat(buf, w[i]);
	}
	return json_string(buf);
}

static const sp_agency *agency(const sp_agencies *reg, const char *id)
{
	return reg && id ? sp_agencies_find(reg, id) : NULL;
}

static const char *agency_name(const sp_agencies *reg, const char *id)
{
	const sp_agency *a = agency(reg, id);
	return a ? a->name : id;
}

/* The earlier letter a reminder or complaint refers to. */
static const json_t *find_letter(const json_t *c, const char *id)
{
	const json_t *ls = json_object_get(c, "letters");
	size_t i;
	json_t *l;
	json_array_foreach(ls, i, l) if (id && json_is_object(l) && str(l, "id") &&
					 strcmp(str(l, "id"), id) == 0) return l;
	return NULL;
}

/* The latest letter to recipient that the template is about (unanswered or refused), in
 * domain d when d >= 0; its index, or -1. */
static long latest_about(const json_t *c, const char *recipient, sp_about about, int d,
			 sp_date on)
{
	long best = -1;
	sp_date best_date = SP_DATE_MIN;
	for (size_t i = 0; i < sp_case_letter_count(c); i++) {
		sp_letter l;
		if (!sp_case_letter(c, i, &l) || strcmp(l.recipient, recipient) != 0 || l.date > on)
			continue;
		if (d >= 0 && l.domain != d)
			continue;
		bool fits = about == SP_ABOUT_UNANSWERED
				? l.outcome == SP_OUTCOME_NONE && l.has_respond_by && l.respond_by < on
				: l.outcome == SP_OUTCOME_REFUSED || l.outcome == SP_OUTCOME_PARTIAL;
		if (fits && l.date >= best_date) {
			best = (long)i;
			best_date = l.date;
		}
	}
	return best;
}

static void next_id(const json_t *c, char id[24])
{
	unsigned long max = 0;
	size_t n = sp_case_letter_count(c);
	for (size_t i = 0; i < n; i++) {
		sp_letter l;
		if (!sp_case_letter(c, i, &l) || !l.id || strncmp(l.id, "L-", 2) != 0)
			continue;
		char *end;
		unsigned long k = strtoul(l.id + 2, &end, 10);
		if (*end == '\0' && k > max && k < 99999999)
			max = k;
	}
	if (max < n)
		max = n;
	snprintf(id, 24, "L-%04lu", max + 1);
}

/* The words for a handover's state, for the person. */
static const char *handover_text(const sp_handover *h)
{
	if (h->has_declined)
		return "har avslått å ta over oppfølgingen";
	if (h->has_confirmed)
		return "har bekreftet at de tar over oppfølgingen";
	return "er spurt om å ta over oppfølgingen, men har ikke svart ennå";
}

static int cmp_appointment(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	return strcmp(str(x, "date"), str(y, "date"));
}

/* a and b say the same, but for case, spaces and a full stop at the end (ASCII letters). */
static bool same_words(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	for (;;) {
		while (*a == ' ' && (a[1] == ' ' || a[1] == '\0'))
			a++;
		while (*b == ' ' && (b[1] == ' ' || b[1] == '\0'))
			b++;
		if ((*a == '.' && !a[1]) || (*b == '.' && !b[1])) {
			a += *a == '.' && !a[1];
			b += *b == '.' && !b[1];
			continue;
		}
		char x = *a >= 'A' && *a <= 'Z' ? (char)(*a + 32) : *a;
		char y = *b >= 'A' && *b <= 'Z' ? (char)(*b + 32) : *b;
		if (x != y)
			return false;
		if (!x)
			return true;
		a++, b++;
	}
}

/* Meetings and plan measures from the letter's date on, in date order. */
static json_t *appointments(const json_t *c, const sp_agencies *reg, sp_date from)
{
	json_t *list[256];
	size_t n = 0;
	const json_t *meetings = json_object_get(json_object_get(c, "responsibility_group"), "meetings");
	size_t i;
	json_t *m;
	json_array_foreach(meetings, i, m)
	{
		sp_date d;
		if (n == 256 || !sp_date_parse(str(m, "date") ? str(m, "date") : "", &d) || d < from)
			continue;
		json_t *a = json_object();
		put_date(a, "date", "date_text", d);
		json_object_set_new(a, "text", json_string("Møte i ansvarsgruppen"));
		list[n++] = a;
	}
	for (size_t p = 0; p < sp_case_plan_count(c); p++) {
		sp_plan plan;
		if (!sp_case_plan(c, p, &plan))
			continue;
		for (size_t g = 0; g < sp_plan_goal_count(&plan); g++) {
			sp_goal goal;
			if (!sp_plan_goal(&plan, g, &goal))
				continue;
			for (size_t k = 0; k < sp_goal_measure_count(&goal); k++) {
				sp_measure ms;
				if (n == 256 || !sp_goal_measure(&goal, k, &ms) || !ms.has_due ||
				    ms.due < from || ms.status == SP_MEASURE_DONE ||
				    ms.status == SP_MEASURE_CANCELLED)
					continue;
				json_t *a = json_object();
				put_date(a, "date", "date_text", ms.due);
				put(a, "text", ms.text);
				if (ms.responsible)
					put(a, "responsible", agency_name(reg, ms.responsible));
				list[n++] = a;
			}
		}
	}
	qsort(list, n, sizeof *list, cmp_appointment);
	json_t *arr = json_array();
	const json_t *kept = NULL;
	for (size_t j = 0; j < n; j++) {
		/* the same measure in the future plan and the individual plan: told once */
		if (kept && cmp_appointment(&kept, &list[j]) == 0 &&
		    same_words(str(kept, "text"), str(list[j], "text"))) {
			json_decref(list[j]);
			continue;
		}
		kept = list[j];
		json_array_append_new(arr, list[j]);
	}
	return arr;
}

/* Who takes over each revealed need after release (letters to the person). */
static json_t *contacts(const json_t *c, const sp_agencies *reg, sp_domain_set domains)
{
	json_t *arr = json_array();
	for (int d = 0; d < SP_DOMAIN_COUNT; d++) {
		if (!(domains & (1u << d)))
			continue;
		for (size_t i = 0; i < sp_case_handover_count(c); i++) {
			sp_handover h;
			if (!sp_case_handover(c, i, &h) || (int)h.domain != d)
				continue;
			json_t *o = json_object();
			json_object_set_new(o, "domain_name", json_string(domain_nb_cap[d]));
			const sp_agency *a = agency(reg, h.to);
			if (a) {
				put(o, "agency_name", a->name);
				put_agency_address(o, a->node);
				const json_t *ct = json_object_get(a->node, "contact");
				put(o, "phone", str(ct, "phone"));
				put(o, "email", str(a->node, "email"));
				put(o, "contact_name", str(ct, "name"));
			} else
				put(o, "agency_name", h.to);
			if (h.confirmed_by && !json_object_get(o, "contact_name"))
				put(o, "contact_name", h.confirmed_by);
			json_object_set_new(o, "status_text", json_string(handover_text(&h)));
			json_array_append_new(arr, o);
			break; /* the first handover for a domain is the one that counts */
		}
	}
	return arr;
}

/* The domains of set as "housing, finances" into buf; those withdrawn or expired (rather
 * than never given) into gone. */
static void domain_list(char *buf, size_t size, sp_domain_set set, const json_t *c,
			const char *recipient, sp_date date, char *gone, size_t gsize)
{
	buf[0] = gone[0] = '\0';
	for (int d = 0; d < SP_DOMAIN_COUNT; d++) {
		if (!(set & (1u << d)))
			continue;
		const char *name = sp_domain_name((sp_domain)d);
		snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", *buf ? ", " : "", name);
		if (sp_case_consent_state(c, recipient, (sp_domain)d, date) == SP_CONSENT_WITHDRAWN)
			snprintf(gone + strlen(gone), gsize - strlen(gone), "%s%s", *gone ? ", " : "",
				 name);
	}
}

static char *refusal(const char *recipient, const json_t *c, sp_domain_set missing,
		     sp_domain_set withheld, sp_date date, const sp_letter_template *t)
{
	char iso[SP_DATE_BUFSIZE];
	sp_date_format(date, iso);
	size_t cap = 1024, len = 0;
	char *msg = sp_xmalloc(cap);
	msg[0] = '\0';
#define ADD(...)                                                                                   \
	do {                                                                                       \
		int k = snprintf(msg + len, cap - len, __VA_ARGS__);                               \
		if ((size_t)k >= cap - len) {                                                      \
			cap = 2 * cap + (size_t)k;                                                 \
			msg = sp_xrealloc(msg, cap);                                               \
			snprintf(msg + len, cap - len, __VA_ARGS__);                               \
		}                                                                                  \
		len += (size_t)k;                                                                  \
	} while (0)
	char list[256], gone[256];
	if (!missing) {
		ADD("letter `%s` to %s: no consent to %s holds on %s", t->id, recipient, recipient, iso);
		domain_list(list, sizeof list, withheld, c, recipient, date, gone, sizeof gone);
		if (*gone)
			ADD(" (the one for %s was withdrawn or has expired)", gone);
		ADD("; the person must consent before %s is contacted: add it under `consents` (or "
		    "use --without-consent-check --reason TEXT)",
		    recipient);
		return msg;
	}
	domain_list(list, sizeof list, missing, c, recipient, date, gone, sizeof gone);
	ADD("letter `%s` to %s would reveal %s without consent: the person's consent to %s for %s "
	    "on %s is missing",
	    t->id, recipient, list, recipient, list, iso);
	if (*gone)
		ADD(" (the one for %s was withdrawn or has expired)", gone);
	ADD("; record the consent under `consents`, send a letter that reveals less, or use "
	    "--without-consent-check --reason TEXT");
	return msg;
#undef ADD
}

int sp_letter_prepare(const json_t *c, sp_templates *tc, const sp_rules *rules,
		      const sp_agencies *reg, const sp_letter_req *req, sp_draft *out,
		      char **error)
{
	memset(out, 0, sizeof *out);
	out->domain = -1;
	const sp_letter_template *t = sp_templates_get(tc, req->template_id, error);
	if (!t)
		return -1;
	out->t = t;
	out->date = req->date;
	sp_assessment *a = sp_xmalloc(sizeof *a);
	sp_assess(c, rules, reg, req->date, a);
	const sp_case_info *info = &a->info;
	int rc = -1;

	/* the recipient */
	const sp_agency *to = NULL;
	if (req->to && strcmp(req->to, "person") == 0) {
		if (t->recipient != SP_TO_PERSON && t->recipient != SP_TO_ANY) {
			*error = sp_xasprintf("template `%s` is written to an agency (%s), not to the "
					      "person; use --to AGENCY, or a template for the person",
					      t->id, sp_agency_type_name((sp_agency_type)t->recipient));
			goto done;
		}
		out->recipient = "person";
	} else if (req->to) {
		if (t->recipient == SP_TO_PERSON) {
			*error = sp_xasprintf("template `%s` is written to the person; leave out --to "
					      "or use --to person", t->id);
			goto done;
		}
		if (!(to = agency(reg, req->to))) {
			*error = sp_xasprintf("--to %s: %s; the recipient must be an agency of the "
					      "registry (--agencies FILE) or `person`",
					      req->to, reg ? "no such agency in the registry"
						       : "no agencies registry was given");
			goto done;
		}
		out->recipient = to->id;
	} else if (t->recipient == SP_TO_PERSON) {
		out->recipient = "person";
	} else if (t->recipient == SP_TO_ANY) {
		*error = sp_xasprintf("template `%s` can go to any agency; say which with --to AGENCY",
				      t->id);
		goto done;
	} else {
		to = reg ? sp_service_agency(reg, c, (sp_agency_type)t->recipient, req->domain) : NULL;
		if (!to) {
			*error = sp_xasprintf(
			    "template `%s` goes to the %s, and %s; name the recipient with --to AGENCY",
			    t->id, sp_agency_type_name((sp_agency_type)t->recipient),
			    reg ? "the registry has none for this case's home municipality"
				: "no agencies registry was given (--agencies FILE)");
			goto done;
		}
		out->recipient = to->id;
	}
	bool to_person = strcmp(out->recipient, "person") == 0;

	/* the earlier letter and the domain */
	const json_t *about = NULL;
	const sp_handover *asked = NULL; /* the request a reminder can refer to instead */
	sp_handover ho;
	for (size_t i = 0; req->domain >= 0 && i < sp_case_handover_count(c); i++)
		if (sp_case_handover(c, i, &ho) && (int)ho.domain == req->domain) {
			if (strcmp(ho.to, out->recipient) == 0)
				asked = &ho;
			break; /* the first handover for a domain is the one that counts */
		}
	if (req->about) {
		if (!(about = find_letter(c, req->about))) {
			*error = sp_xasprintf("--about %s: the case has no letter with that id", req->about);
			goto done;
		}
		if (strcmp(str(about, "recipient"), out->recipient) != 0) {
			*error = sp_xasprintf("--about %s: that letter went to %s, not to %s; a %s goes "
					      "to the recipient of the letter it is about",
					      req->about, str(about, "recipient"), out->recipient, t->id);
			goto done;
		}
	} else if (t->about != SP_ABOUT_NONE) {
		long i = latest_about(c, out->recipient, t->about, req->domain, req->date);
		if (i >= 0)
			about = json_array_get(json_object_get(c, "letters"), (size_t)i);
		else if (!asked || t->about != SP_ABOUT_UNANSWERED) {
			*error = sp_xasprintf("template `%s` refers to an earlier %s letter to %s%s%s, and "
					      "the case has none; name it with --about LETTER-ID",
					      t->id, t->about == SP_ABOUT_UNANSWERED ? "unanswered" : "refused",
					      out->recipient, req->domain >= 0 ? " about " : "",
					      req->domain >= 0 ? sp_domain_name((sp_domain)req->domain) : "");
			goto done;
		}
	}
	out->about = about ? str(about, "id") : NULL;
	int d = req->domain;
	if (d < 0 && about) {
		int ad = json_is_string(json_object_get(about, "domain"))
			     ? sp_domain_parse(str(about, "domain"))
			     : -1;
		if (ad >= 0 && (t->domains & (1u << ad)))
			d = ad;
	}
	if (d < 0 && t->reveals == SP_REVEAL_DOMAIN && __builtin_popcount(t->domains) == 1)
		d = __builtin_ctz(t->domains);
	if (d >= 0 && !(t->domains & (1u << d))) {
		*error = sp_xasprintf("template `%s` does not write about %s; it may reveal only the "
				      "domains in its header",
				      t->id, sp_domain_name((sp_domain)d));
		goto done;
	}
	/* a reminder or complaint about a letter that was about no one domain reveals none */
	if (t->reveals == SP_REVEAL_DOMAIN && d < 0 && !about) {
		*error = sp_xasprintf("template `%s` is about one domain; say which with --domain DOMAIN",
				      t->id);
		goto done;
	}
	out->domain = t->reveals == SP_REVEAL_NONE ? -1 : d;
	if (out->domain < 0)
		asked = NULL;

	/* what the letter reveals, and the consent for it */
	sp_domain_set need_set = 0;
	for (size_t i = 0; i < a->nneeds; i++)
		need_set |= 1u << a->needs[i].domain;
	sp_domain_set ok = to_person ? SP_ALL_DOMAINS : sp_case_consented(c, out->recipient, req->date);
	if (t->reveals == SP_REVEAL_NONE || (t->reveals == SP_REVEAL_DOMAIN && out->domain < 0))
		out->reveals = 0;
	else if (out->domain >= 0)
		out->reveals = 1u << out->domain;
	else {
		/* a letter about the person's needs tells only those the person consented to
		 * share with the recipient, and says which it leaves out */
		out->reveals = t->domains & need_set;
		if (!req->skip_consent) {
			out->withheld = out->reveals & ~ok;
			out->reveals &= ok;
		}
	}
	if (!to_person) {
		sp_domain_set missing = out->reveals & ~ok;
		bool none = ok == 0;
		if ((missing || none) && !req->skip_consent) {
			*error = refusal(out->recipient, c, missing, none ? out->withheld : 0, req->date, t);
			rc = -2;
			goto done;
		}
		out->unconsented = missing;
		out->no_consent_at_all = none;
	}

	/* the letter's id and answer date */
	next_id(c, out->id);
	int days = t->response_days;
	if (days && to && json_is_integer(json_object_get(to->node, "response_days")) &&
	    to->response_days > 0)
		days = to->response_days;
	if (days) {
		out->has_respond_by = true;
		out->respond_by = sp_date_add_days(req->date, days);
	}

	/* the view */
	json_t *v = json_object();
	json_t *lt = json_object();
	json_object_set_new(lt, "id", json_string(out->id));
	json_object_set_new(lt, "template", json_string(t->id));
	put(lt, "title", t->title);
	put_date(lt, "date", "date_text", req->date);
	if (out->has_respond_by)
		put_date(lt, "respond_by", "respond_by_text", out->respond_by);
	if (out->domain >= 0) {
		json_t *dom = json_object();
		json_object_set_new(dom, "key", json_string(sp_domain_name((sp_domain)out->domain)));
		json_object_set_new(dom, "name", json_string(domain_nb[out->domain]));
		json_object_set_new(dom, "name_cap", json_string(domain_nb_cap[out->domain]));
		json_object_set_new(lt, "domain", dom);
	}
	if (asked) {
		json_t *h = json_object();
		put_date(h, "requested", "requested_text", asked->requested);
		json_object_set_new(lt, "handover", h);
	}
	if (about) {
		sp_letter al;
		size_t idx = 0;
		for (; idx < sp_case_letter_count(c); idx++)
			if (json_array_get(json_object_get(c, "letters"), idx) == about)
				break;
		if (sp_case_letter(c, idx, &al)) {
			json_t *ab = json_object();
			put(ab, "id", al.id);
			put(ab, "template", al.template_id);
			char *err = NULL;
			const sp_letter_template *at = sp_templates_get(tc, al.template_id, &err);
			free(err);
			put(ab, "title", at ? at->title : al.template_id);
			put_date(ab, "date", "date_text", al.date);
			if (al.has_respond_by)
				put_date(ab, "respond_by", "respond_by_text", al.respond_by);
			if (al.outcome != SP_OUTCOME_NONE) {
				put_date(ab, "response_date", "response_date_text", al.response_date);
				put(ab, "outcome", outcome_key[al.outcome]);
				put(ab, "outcome_text", outcome_nb[al.outcome]);
			}
			json_object_set_new(lt, "about", ab);
		}
	}
	json_object_set_new(v, "letter", lt);
	json_t *cs = json_object();
	put(cs, "id", info->id);
	json_object_set_new(v, "case", cs);

	const json_t *pn = json_object_get(c, "person");
	json_t *person = json_object();
	put(person, "name", info->person_name);
	sp_date born;
	if (str(pn, "born") && sp_date_parse(str(pn, "born"), &born)) {
		char nb[32];
		put(person, "born_text", sp_date_text_nb(born, nb));
	}
	put_address(person, json_object_get(pn, "address"));
	json_t *mun = json_object();
	put(mun, "number", info->municipality);
	put(mun, "name", info->municipality_name);
	json_object_set_new(person, "municipality", mun);
	json_object_set_new(v, "person", person);

	json_t *unit = json_object();
	put(unit, "id", info->unit_id);
	const sp_agency *ua = agency(reg, info->unit_id);
	if (ua)
		put_agency(unit, ua->node);
	put(unit, "name", info->unit_name);
	json_object_set_new(unit, "type",
			    json_string(info->unit_is_probation_office ? "probation_office" : "prison"));
	json_object_set_new(unit, "is_prison", json_boolean(!info->unit_is_probation_office));
	json_object_del(unit, "contact");
	json_object_set_new(v, "unit", unit);

	const json_t *off = json_array_get(json_object_get(c, "contact_officers"), 0);
	if (json_is_object(off) && str(off, "name")) {
		json_t *o = json_object();
		put(o, "name", str(off, "name"));
		const char *role = str(off, "role");
		put(o, "role_text", !role || strcmp(role, "contact_officer") == 0 ? "kontaktbetjent"
				    : strcmp(role, "caseworker") == 0	     ? "saksbehandler"
									     : NULL);
		json_object_set_new(v, "officer", o);
	}

	json_t *rc_ = json_object();
	put(rc_, "id", out->recipient);
	json_object_set_new(rc_, "is_person", json_boolean(to_person));
	if (to_person) {
		put(rc_, "name", info->person_name);
		put_address(rc_, json_object_get(pn, "address"));
	} else
		put_agency(rc_, to->node);
	json_object_set_new(v, "recipient", rc_);

	json_t *sent = json_object();
	json_object_set_new(sent, "type", json_string(str(json_object_get(c, "sentence"), "type")
							   ? str(json_object_get(c, "sentence"), "type")
							   : ""));
	json_object_set_new(sent, "type_text", json_string(sentence_nb[info->sentence_type]));
	put_date(sent, "start", "start_text", info->start);
	if (info->has_release) {
		put_date(sent, "release", "release_text", info->release);
		json_object_set_new(sent, "days_to_release",
				    json_integer(sp_date_diff(req->date, info->release)));
	}
	json_object_set_new(sent, "short", json_boolean(a->short_sentence));
	json_object_set_new(sent, "supervision", json_boolean(info->supervision_after_release));
	json_object_set_new(v, "sentence", sent);

	json_t *needs = json_array();
	for (int dd = 0; dd < SP_DOMAIN_COUNT; dd++) {
		if (!(out->reveals & (1u << dd)))
			continue;
		unsigned actions = 0;
		for (size_t i = 0; i < a->nneeds; i++)
			if ((int)a->needs[i].domain == dd)
				actions = a->needs[i].actions;
		json_t *n = json_object();
		json_object_set_new(n, "key", json_string(sp_domain_name((sp_domain)dd)));
		json_object_set_new(n, "name", json_string(domain_nb[dd]));
		json_object_set_new(n, "name_cap", json_string(domain_nb_cap[dd]));
		json_object_set_new(n, "actions_text", actions_text(actions, to_person));
		json_array_append_new(needs, n);
	}
	json_object_set_new(v, "needs", needs);

	json_t *ip = json_object();
	json_object_set_new(ip, "indicated", json_boolean(a->ip_indicated));
	json_object_set_new(ip, "coordinator_required", json_boolean(a->coordinator_required));
	json_object_set_new(ip, "status_text", json_string(ip_status_nb[a->ip.status]));
	json_object_set_new(ip, "status", json_string(ip_status_key[a->ip.status]));
	json_object_set_new(ip, "refused", json_boolean(a->ip.status == SP_IP_REFUSED_BY_PERSON));
	if (a->ip.has_requested) {
		char nb[32];
		put(ip, "requested_text", sp_date_text_nb(a->ip.requested, nb));
	}
	if (a->ip.coordinator_name) {
		json_t *co = json_object();
		put(co, "name", a->ip.coordinator_name);
		put(co, "agency_name", agency_name(reg, a->ip.coordinator_agency));
		if (a->ip.has_appointed) {
			char nb[32];
			put(co, "appointed_text", sp_date_text_nb(a->ip.appointed, nb));
		}
		json_object_set_new(ip, "coordinator", co);
	}
	json_object_set_new(v, "ip", ip);

	const json_t *rg = json_object_get(c, "responsibility_group");
	if (json_is_object(rg)) {
		json_t *g = json_object();
		sp_date est;
		if (str(rg, "established") && sp_date_parse(str(rg, "established"), &est)) {
			char nb[32];
			put(g, "established_text", sp_date_text_nb(est, nb));
		}
		json_t *ms = json_array();
		size_t i;
		json_t *m;
		json_array_foreach(json_object_get(rg, "meetings"), i, m)
		{
			sp_date md;
			if (!str(m, "date") || !sp_date_parse(str(m, "date"), &md))
				continue;
			json_t *o = json_object();
			char nb[32];
			put(o, "date_text", sp_date_text_nb(md, nb));
			/* notes about meetings go only to the person */
			if (to_person)
				put(o, "note", str(m, "note"));
			json_array_append_new(ms, o);
		}
		json_object_set_new(g, "meetings", ms);
		json_object_set_new(v, "group", g);
	}

	json_t *agr = json_array();
	if (to) {
		size_t i;
		json_t *x;
		json_array_foreach(json_object_get(to->node, "agreements"), i, x)
		{
			json_t *o = json_object();
			put(o, "title", str(x, "title"));
			sp_date ad;
			if (str(x, "date") && sp_date_parse(str(x, "date"), &ad)) {
				char nb[32];
				put(o, "date_text", sp_date_text_nb(ad, nb));
			}
			put(o, "reference", str(x, "reference"));
			json_array_append_new(agr, o);
		}
	}
	json_object_set_new(v, "has_agreements", json_boolean(json_array_size(agr) > 0));
	json_object_set_new(v, "agreements", agr);
	if (to_person) {
		json_object_set_new(v, "contacts", contacts(c, reg, out->reveals));
		json_object_set_new(v, "appointments", appointments(c, reg, req->date));
	}
	out->view = v;
	rc = 0;
done:
	free(a);
	return rc;
}

void sp_draft_clear(sp_draft *l)
{
	json_decref(l->view);
	l->view = NULL;
}

char *sp_letter_markup(const sp_draft *l, sp_templates *t, size_t *len, char **error)
{
	char *err = NULL;
	free(sp_templates_error(t));
	char *text = sp_template_render(l->t->body, l->t->body_len, l->view, SP_ESCAPE_NONE,
					sp_templates_partial, t, &err);
	char *perr = sp_templates_error(t);
	if (!text || perr) {
		unsigned line, col;
		int used = 0;
		if (perr)
			*error = sp_xasprintf("%s: %s", l->t->path, perr);
		else if (err && sscanf(err, "line %u, column %u: %n", &line, &col, &used) == 2 && used)
			/* the renderer counts from the body; the file has the header above it */
			*error = sp_xasprintf("%s:%u:%u: %s", l->t->path, line + l->t->body_line - 1, col,
					      err + used);
		else
			*error = sp_xasprintf("%s: %s", l->t->path, err ? err : "cannot be rendered");
		free(perr);
		free(err);
		free(text);
		return NULL;
	}
	*len = strlen(text);
	return text;
}

json_t *sp_letter_log_entry(const sp_draft *l, const char *reason)
{
	char iso[SP_DATE_BUFSIZE];
	json_t *e = json_object();
	json_object_set_new(e, "id", json_string(l->id));
	json_object_set_new(e, "template", json_string(l->t->id));
	json_object_set_new(e, "recipient", json_string(l->recipient));
	json_object_set_new(e, "date", json_string(sp_date_format(l->date, iso)));
	if (l->has_respond_by)
		json_object_set_new(e, "respond_by", json_string(sp_date_format(l->respond_by, iso)));
	if (l->domain >= 0)
		json_object_set_new(e, "domain", json_string(sp_domain_name((sp_domain)l->domain)));
	if (l->about)
		json_object_set_new(e, "about", json_string(l->about));
	if (reason && (l->unconsented || l->no_consent_at_all)) {
		json_t *o = json_object();
		json_object_set_new(o, "reason", json_string(reason));
		json_t *ds = json_array();
		for (int d = 0; d < SP_DOMAIN_COUNT; d++)
			if (l->unconsented & (1u << d))
				json_array_append_new(ds, json_string(sp_domain_name((sp_domain)d)));
		json_object_set_new(o, "domains", ds);
		json_object_set_new(e, "consent_override", o);
	}
	return e;
}

void sp_letter_log(json_t *c, json_t *entry)
{
	json_t *ls = json_object_get(c, "letters");
	if (!json_is_array(ls)) {
		ls = json_array();
		json_object_set_new(c, "letters", ls);
	}
	json_array_append_new(ls, entry);
}
