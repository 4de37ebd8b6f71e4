/* SPDX-License-Identifier: MIT */
/* letter.c — one letter decided: its recipient, the earlier letter it is about, its domain,
 * the consent check and what it reveals, its id and answer date; then its rendering to
 * letter markup and its entry in the case's letter log. The data its template sees is built
 * in letterview.c. */
#include "letters/letterint.h"
#include "domain/consent.h"

#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The earlier letter a reminder or complaint refers to. */
static const json_t *find_letter(const json_t *c, const char *id)
{
	const json_t *ls = json_object_get(c, "letters");
	size_t i;
	json_t *l;
	json_array_foreach(ls, i, l) if (id && json_is_object(l) && lv_str(l, "id") &&
					 strcmp(lv_str(l, "id"), id) == 0) return l;
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

/* The domains of set as "housing, finances" (joined by sep) into buf; those withdrawn or
 * expired (rather than never given) into gone. */
static void domain_list(char *buf, size_t size, sp_domain_set set, const char *sep,
			const json_t *c, const char *recipient, sp_date date, char *gone,
			size_t gsize)
{
	buf[0] = gone[0] = '\0';
	for (int d = 0; d < SP_DOMAIN_COUNT; d++) {
		if (!(set & (1u << d)))
			continue;
		const char *name = sp_domain_name((sp_domain)d);
		snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", *buf ? sep : "", name);
		if (sp_consent_state_of(c, recipient, (sp_domain)d, date) == SP_CONSENT_WITHDRAWN)
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
		domain_list(list, sizeof list, withheld, ", ", c, recipient, date, gone,
			    sizeof gone);
		if (*gone)
			ADD(" (the one for %s was withdrawn or has expired)", gone);
		ADD("; the person must consent before %s is contacted: add it under `consents` (or "
		    "use --without-consent-check --reason TEXT)",
		    recipient);
		return msg;
	}
	domain_list(list, sizeof list, missing, ", ", c, recipient, date, gone, sizeof gone);
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

/* The refusal of a letter whose subject tells subject (none of them consented), by its
 * template's title or by the earlier letter's it repeats: the template, the recipient, the
 * domains and the date, never a value from the case. */
static char *subject_refusal(const char *recipient, const json_t *c, sp_domain_set subject,
			     bool earlier, sp_date date, const sp_letter_template *t)
{
	char iso[SP_DATE_BUFSIZE], list[256], gone[256];
	sp_date_format(date, iso);
	domain_list(list, sizeof list, subject, " or ", c, recipient, date, gone, sizeof gone);
	return sp_xasprintf(
	    "letter `%s` to %s would reveal %s by its subject%s without consent: "
	    "the person's consent to %s for %s on %s is missing%s%s%s; record the "
	    "consent under `consents`, or use --without-consent-check --reason TEXT",
	    t->id, recipient, list, earlier ? " (the earlier letter's title)" : "", recipient, list,
	    iso, *gone ? " (the one for " : "", gone,
	    *gone ? " was withdrawn or has expired)" : "");
}

/* The recipient the user names with --to: the person or an agency of the registry. */
static int named_recipient(sp_letter_prep *p, sp_draft *out, char **error)
{
	const sp_letter_template *t = p->t;
	if (strcmp(p->req->to, "person") == 0) {
		if (t->recipient != SP_TO_PERSON && t->recipient != SP_TO_ANY) {
			*error = sp_xasprintf("template `%s` is written to an agency (%s), not to the "
					      "person; use --to AGENCY, or a template for the person",
					      t->id, sp_agency_type_name((sp_agency_type)t->recipient));
			return -1;
		}
		out->recipient = "person";
		return 0;
	}
	if (t->recipient == SP_TO_PERSON) {
		*error = sp_xasprintf("template `%s` is written to the person; leave out --to "
				      "or use --to person", t->id);
		return -1;
	}
	if (!(p->to = lv_agency(p->reg, p->req->to))) {
		*error = sp_xasprintf("--to %s: %s; the recipient must be an agency of the "
				      "registry (--agencies FILE) or `person`",
				      p->req->to, p->reg ? "no such agency in the registry"
							 : "no agencies registry was given");
		return -1;
	}
	/* a prison's health service or school serves its own inmates only: the person in
	 * another unit is not its patient or pupil, now or after release */
	if (p->to->serves && !sp_agency_serves(p->to, p->info->unit_id)) {
		*error = sp_xasprintf("--to %s: it serves only the inmates of the units its `serves` "
				      "names, and this case is at %s; write to the service that serves "
				      "%s, or to the home municipality's for after release",
				      p->to->id, p->info->unit_id, p->info->unit_id);
		return -1;
	}
	out->recipient = p->to->id;
	return 0;
}

/* The recipient: the one named with --to, else the template's kind of recipient. */
static int pick_recipient(sp_letter_prep *p, sp_draft *out, char **error)
{
	const sp_letter_template *t = p->t;
	if (p->req->to)
		return named_recipient(p, out, error);
	if (t->recipient == SP_TO_PERSON) {
		out->recipient = "person";
		return 0;
	}
	if (t->recipient == SP_TO_ANY) {
		*error = sp_xasprintf("template `%s` can go to any agency; say which with --to AGENCY",
				      t->id);
		return -1;
	}
	p->to = p->reg ? sp_service_agency(p->reg, p->c, (sp_agency_type)t->recipient, p->req->domain)
		       : NULL;
	if (!p->to) {
		*error = sp_xasprintf(
		    "template `%s` goes to the %s, and %s; name the recipient with --to AGENCY",
		    t->id, sp_agency_type_name((sp_agency_type)t->recipient),
		    p->reg ? "the registry has none for this case's home municipality"
			   : "no agencies registry was given (--agencies FILE)");
		return -1;
	}
	out->recipient = p->to->id;
	return 0;
}

/* The handover of the letter's domain asked of the recipient (a reminder may refer to it). */
static void find_asked(sp_letter_prep *p, const sp_draft *out)
{
	/* a domain may have several handovers (every one counts): the one this recipient was
	 * asked last */
	sp_handover h;
	for (size_t i = 0; p->req->domain >= 0 && i < sp_case_handover_count(p->c); i++)
		if (sp_case_handover(p->c, i, &h) && (int)h.domain == p->req->domain &&
		    strcmp(h.to, out->recipient) == 0 && (!p->asked || h.requested >= p->ho.requested)) {
			p->ho = h;
			p->asked = &p->ho;
		}
}

/* The earlier letter: the one named with --about, else the latest the template is about. */
static int find_about(sp_letter_prep *p, sp_draft *out, char **error)
{
	const sp_letter_req *req = p->req;
	const sp_letter_template *t = p->t;
	if (req->about) {
		if (!(p->about = find_letter(p->c, req->about))) {
			*error = sp_xasprintf("--about %s: the case has no letter with that id", req->about);
			return -1;
		}
		if (strcmp(lv_str(p->about, "recipient"), out->recipient) != 0) {
			*error = sp_xasprintf(
			    "--about %s: that letter went to %s, not to %s; a %s goes "
			    "to the recipient of the letter it is about",
			    req->about, lv_str(p->about, "recipient"), out->recipient, t->id);
			return -1;
		}
	} else if (t->about != SP_ABOUT_NONE) {
		long i = latest_about(p->c, out->recipient, t->about, req->domain, req->date);
		if (i >= 0)
			p->about = json_array_get(json_object_get(p->c, "letters"), (size_t)i);
		else if (!p->asked || t->about != SP_ABOUT_UNANSWERED) {
			*error = sp_xasprintf("template `%s` refers to an earlier %s letter to %s%s%s, and "
					      "the case has none; name it with --about LETTER-ID",
					      t->id, t->about == SP_ABOUT_UNANSWERED ? "unanswered" : "refused",
					      out->recipient, req->domain >= 0 ? " about " : "",
					      req->domain >= 0 ? sp_domain_name((sp_domain)req->domain) : "");
			return -1;
		}
	}
	out->about = p->about ? lv_str(p->about, "id") : NULL;
	return 0;
}

/* The letter's domain: --domain, else the earlier letter's, else the template's only one. */
static int pick_domain(sp_letter_prep *p, sp_draft *out, char **error)
{
	const sp_letter_template *t = p->t;
	int d = p->req->domain;
	if (d < 0 && p->about) {
		int ad = json_is_string(json_object_get(p->about, "domain"))
			     ? sp_domain_parse(lv_str(p->about, "domain"))
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
		return -1;
	}
	/* a reminder or complaint about a letter that was about no one domain reveals none */
	if (t->reveals == SP_REVEAL_DOMAIN && d < 0 && !p->about) {
		*error = sp_xasprintf("template `%s` is about one domain; say which with --domain DOMAIN",
				      t->id);
		return -1;
	}
	out->domain = t->reveals == SP_REVEAL_NONE ? -1 : d;
	if (out->domain < 0)
		p->asked = NULL;
	return 0;
}

/* What the letter reveals, given the consents ok on the letter's date. */
static void pick_reveals(const sp_letter_prep *p, sp_domain_set ok, sp_draft *out)
{
	const sp_letter_template *t = p->t;
	sp_domain_set need_set = 0;
	for (size_t i = 0; i < p->a->nneeds; i++)
		need_set |= 1u << p->a->needs[i].domain;
	if (t->reveals == SP_REVEAL_NONE || (t->reveals == SP_REVEAL_DOMAIN && out->domain < 0))
		out->reveals = 0;
	else if (out->domain >= 0)
		out->reveals = 1u << out->domain;
	else {
		/* a letter about the person's needs tells only those the person consented to
		 * share with the recipient, and says which it leaves out */
		out->reveals = t->domains & need_set;
		if (!p->req->skip_consent) {
			out->withheld = out->reveals & ~ok;
			out->reveals &= ok;
		}
	}
}

/* The template of the earlier letter a reminder or complaint is about, or NULL when there
 * is none or it is gone. */
static const sp_letter_template *earlier_template(const sp_letter_prep *p)
{
	const char *tid = p->about ? lv_str(p->about, "template") : NULL;
	if (!tid)
		return NULL;
	char *err = NULL;
	const sp_letter_template *at = sp_templates_get(p->tc, tid, &err);
	free(err);
	return at;
}

/* The domains told by the title of the earlier letter a reminder or complaint repeats
 * (its template's subject_domains), or 0 when there is none. */
static sp_domain_set earlier_subject(const sp_letter_prep *p)
{
	if (!p->about)
		return 0;
	const sp_letter_template *at = earlier_template(p);
	/* an earlier letter whose template is gone is named by its id: it may tell any
	 * domain, so some consent must hold, as for every letter to an agency */
	return at ? at->subject_domains : SP_ALL_DOMAINS;
}

/* Of the domains a subject tells, those without consent when none of them has one: a
 * subject that tells "mental health or substance use" needs consent for one of the two. */
static sp_domain_set untold(sp_domain_set subject, sp_domain_set ok)
{
	/* "any domain" asks only for some consent to the recipient, which every letter to an
	 * agency needs anyway */
	return subject == SP_ALL_DOMAINS || subject & ok ? 0 : subject;
}

/* What the letter reveals, and the consent for it: -2 with *error for a refusal. A letter
 * to an agency needs consent for every domain its body tells, some consent to the
 * recipient, and consent for at least one of the domains its subject tells (and one of
 * those the earlier letter's title it repeats tells). */
static int check_consent(const sp_letter_prep *p, sp_draft *out, char **error)
{
	const sp_letter_req *req = p->req;
	sp_domain_set ok = p->to_person ? SP_ALL_DOMAINS
					: sp_consent_shared(p->c, out->recipient, req->date);
	pick_reveals(p, ok, out);
	if (p->to_person)
		return 0;
	sp_domain_set missing = out->reveals & ~ok;
	bool none = ok == 0;
	if ((missing || none) && !req->skip_consent) {
		*error = refusal(out->recipient, p->c, missing, none ? out->withheld : 0, req->date,
				 p->t);
		return -2;
	}
	sp_domain_set own = untold(p->t->subject_domains, ok);
	sp_domain_set earlier = untold(earlier_subject(p), ok);
	if ((own || earlier) && !req->skip_consent) {
		*error = subject_refusal(out->recipient, p->c, own ? own : earlier, !own, req->date,
					 p->t);
		return -2;
	}
	out->unconsented = missing | own | earlier;
	out->no_consent_at_all = none;
	return 0;
}

/* Whether the letter asks a service to take over follow-up: its template does, or it is
 * a reminder of a letter that did, or of a handover requested (the same deadline holds). */
static bool asks_handover(const sp_letter_prep *p)
{
	if (p->t->handover)
		return true;
	if (p->t->about != SP_ABOUT_UNANSWERED)
		return false;
	if (!p->about)
		return p->asked != NULL;
	const sp_letter_template *at = earlier_template(p);
	return at && at->handover;
}

/* What decides the answer date of a letter of template t dated date, asking a handover
 * or not, to the recipient: its usual time is the template's, or the recipient agency's own
 * from the registry. ask->days is 0 when the template asks no answer. */
static sp_answer_ask answer_ask(const sp_letter_prep *p, const sp_letter_template *t,
				sp_date date, bool handover)
{
	int days = t->response_days;
	if (days && p->to && json_is_integer(json_object_get(p->to->node, "response_days")) &&
	    p->to->response_days > 0)
		days = p->to->response_days;
	return (sp_answer_ask){date,
			       days,
			       p->info->has_release,
			       p->info->release,
			       handover,
			       p->rules->handover_deadline_days,
			       p->rules->answer_min_working_days};
}

/* Whether the earlier letter asked for an answer at once: its answer date, worked out
 * again, is "snarest", and the date it logged is the one that goes with that (when the
 * release date has changed since, the log's date is all there is to tell). */
static bool earlier_soonest(const sp_letter_prep *p)
{
	const sp_letter_template *at = earlier_template(p);
	sp_letter al;
	size_t i = 0;
	const json_t *ls = json_object_get(p->c, "letters");
	while (i < json_array_size(ls) && json_array_get(ls, i) != p->about)
		i++;
	if (!at || !sp_case_letter(p->c, i, &al) || !al.has_respond_by)
		return false;
	sp_answer_ask ask = answer_ask(p, at, al.date, at->handover);
	if (!ask.days)
		return false;
	sp_answer a = sp_answer_date(&ask);
	return a.kind == SP_ANSWER_SOONEST && a.respond_by == al.respond_by;
}

/* The date an answer is asked for (answer.c): -1 with *error when the usual date falls
 * past 9999-12-31, which no case can hold. */
static int set_answer_date(const sp_letter_prep *p, sp_draft *out, char **error)
{
	const sp_answer_ask ask = answer_ask(p, p->t, p->req->date, out->asks_handover);
	if (!ask.days)
		return 0;
	out->answer = sp_answer_date(&ask);
	out->has_respond_by = true;
	out->respond_by = out->answer.respond_by;
	if (!sp_date_valid(out->respond_by)) {
		*error = sp_xstrdup("--date: the answer asked for by this letter would fall after "
				    "9999-12-31, the last date a case can hold; give an earlier "
				    "--date (or --as-of)");
		return -1;
	}
	return 0;
}

/* The letter's id: the log's next, or one no logged letter can have. */
static void set_id(const sp_letter_prep *p, sp_draft *out)
{
	int y, m, d;
	sp_date_to_ymd(p->req->date, &y, &m, &d);
	if (p->req->unlogged)
		snprintf(out->id, sizeof out->id, "U-%04d%02d%02d-%u", y % 10000, m % 100, d % 100,
			 p->req->unlogged % 1000000);
	else
		next_id(p->c, out->id);
}

/* The recipient, the earlier letter, the domain, the consent, the id: 0, -1 or -2. */
static int prepare_steps(sp_letter_prep *p, sp_draft *out, char **error)
{
	if (pick_recipient(p, out, error) < 0)
		return -1;
	p->to_person = strcmp(out->recipient, "person") == 0;
	find_asked(p, out);
	if (find_about(p, out, error) < 0 || pick_domain(p, out, error) < 0)
		return -1;
	int rc = check_consent(p, out, error);
	if (rc < 0)
		return rc;
	set_id(p, out);
	out->asks_handover = asks_handover(p);
	p->about_soonest = p->about && earlier_soonest(p);
	if (set_answer_date(p, out, error) < 0)
		return -1;
	out->view = sp_letter_view(p, out);
	return 0;
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
	sp_letter_prep p = {
	    .c = c, .tc = tc, .reg = reg, .rules = rules, .req = req, .t = t, .a = a,
	    .info = &a->info};
	int rc = prepare_steps(&p, out, error);
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