/* SPDX-License-Identifier: MIT */
/* letterview.c — the data a letter's template sees (samplan-templates(5)): the letter, the
 * case, the person, the unit, the recipient, the sentence, the needs it reveals, the
 * individual plan, the responsibility group, the agreements and, for the person, contacts
 * and appointments; and the Norwegian words for dates and domains. */
#include "letters/letterint.h"
#include "domain/handover.h"

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

const char *lv_str(const json_t *o, const char *key)
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
	if (first && lv_str(node, "name") && strcmp(first, lv_str(node, "name")) == 0) {
		json_array_remove(lines, 0);
		if (!json_array_size(lines))
			json_object_del(o, "address");
	}
}

static void put_agency(json_t *o, const json_t *node)
{
	put(o, "name", lv_str(node, "name"));
	put(o, "type", lv_str(node, "type"));
	put_agency_address(o, node);
	put(o, "email", lv_str(node, "email"));
	const json_t *ct = json_object_get(node, "contact");
	json_t *contact = json_object();
	put(contact, "name", lv_str(ct, "name"));
	put(contact, "phone", lv_str(ct, "phone"));
	put(contact, "email", lv_str(ct, "email"));
	if (json_object_size(contact))
		json_object_set_new(o, "contact", contact);
	else
		json_decref(contact);
	put(o, "phone", lv_str(ct, "phone"));
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

const sp_agency *lv_agency(const sp_agencies *reg, const char *id)
{
	return reg && id ? sp_agencies_find(reg, id) : NULL;
}

static const char *agency_name(const sp_agencies *reg, const char *id)
{
	const sp_agency *a = lv_agency(reg, id);
	return a ? a->name : id;
}

/* The words for a handover's state, for the person. */
static const char *handover_text(const sp_handover_path *path)
{
	if (path->confirmed)
		return "har bekreftet at de tar over oppfølgingen";
	if (path->open)
		return "er spurt om å ta over oppfølgingen, men har ikke svart ennå";
	return "har avslått å ta over oppfølgingen";
}

static int cmp_appointment(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y = *(json_t *const *)b;
	return strcmp(lv_str(x, "date"), lv_str(y, "date"));
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
struct appointments_ctx {
	json_t **list; /* 256 */
	size_t n;
	sp_date from;
	const sp_agencies *reg;
};

/* A measure still to be done, due on or after the letter's date: an appointment to tell. */
static bool measure_appointment(const sp_plan *p, const sp_goal *g, const sp_measure *ms, void *ctx)
{
	(void)p, (void)g;
	struct appointments_ctx *ac = ctx;
	if (ac->n == 256 || !ms->has_due || ms->due < ac->from || ms->status == SP_MEASURE_DONE ||
	    ms->status == SP_MEASURE_CANCELLED)
		return true;
	json_t *a = json_object();
	put_date(a, "date", "date_text", ms->due);
	put(a, "text", ms->text);
	if (ms->responsible)
		put(a, "responsible", agency_name(ac->reg, ms->responsible));
	ac->list[ac->n++] = a;
	return true;
}

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
		if (n == 256 || !sp_date_parse(lv_str(m, "date") ? lv_str(m, "date") : "", &d) || d < from)
			continue;
		json_t *a = json_object();
		put_date(a, "date", "date_text", d);
		json_object_set_new(a, "text", json_string("Møte i ansvarsgruppen"));
		list[n++] = a;
	}
	struct appointments_ctx ac = {list, n, from, reg};
	sp_case_each_measure(c, measure_appointment, &ac);
	n = ac.n;
	qsort(list, n, sizeof *list, cmp_appointment);
	json_t *arr = json_array();
	const json_t *kept = NULL;
	for (size_t j = 0; j < n; j++) {
		/* the same measure in the future plan and the individual plan: told once */
		if (kept && cmp_appointment(&kept, &list[j]) == 0 &&
		    same_words(lv_str(kept, "text"), lv_str(list[j], "text"))) {
			json_decref(list[j]);
			continue;
		}
		kept = list[j];
		json_array_append_new(arr, list[j]);
	}
	return arr;
}

/* Who takes over each revealed need after release (letters to the person). */
/* Per domain revealed, the service that has taken it over or been asked: the one whose
 * handover decides the need's status (every handover counts; sp_handover_path_get), or,
 * once a confirmed handover says when follow-up starts, the one that starts first, with its
 * date and who meets the person: one service's words, never two mixed. */
static json_t *contacts(const json_t *c, const sp_agencies *reg, sp_domain_set domains, sp_date on)
{
	json_t *arr = json_array();
	for (int d = 0; d < SP_DOMAIN_COUNT; d++) {
		sp_handover_path path;
		if (!(domains & (1u << d)))
			continue;
		sp_handover_path_get(c, (sp_domain)d, reg, on, &path);
		if (!path.n)
			continue;
		const sp_handover *h = path.has_starts ? &path.starts_from : &path.decides;
		json_t *o = json_object();
		json_object_set_new(o, "domain_name", json_string(domain_nb_cap[d]));
		const sp_agency *a = lv_agency(reg, h->to);
		if (a) {
			put(o, "agency_name", a->name);
			put_agency_address(o, a->node);
			const json_t *ct = json_object_get(a->node, "contact");
			put(o, "phone", lv_str(ct, "phone"));
			put(o, "email", lv_str(a->node, "email"));
			put(o, "contact_name", lv_str(ct, "name"));
		} else
			put(o, "agency_name", h->to);
		if (h->confirmed_by && !json_object_get(o, "contact_name"))
			put(o, "contact_name", h->confirmed_by);
		json_object_set_new(o, "status_text", json_string(handover_text(&path)));
		char nb[32];
		if (path.has_starts)
			put(o, "starts_text", sp_date_text_nb(path.starts, nb));
		if (path.confirmed)
			put(o, "meets", h->contact);
		json_array_append_new(arr, o);
	}
	return arr;
}

/* --- the view -------------------------------------------------------------------------- */

static void put_date_text(json_t *o, const char *key, sp_date d)
{
	char nb[32];
	put(o, key, sp_date_text_nb(d, nb));
}

/* key: the date s as text, when s is a date. */
static void put_date_text_of(json_t *o, const char *key, const char *s)
{
	sp_date d;
	if (s && sp_date_parse(s, &d))
		put_date_text(o, key, d);
}

/* A domain as a template sees it: its key and its Norwegian name. */
static json_t *domain_view(int d)
{
	json_t *o = json_object();
	json_object_set_new(o, "key", json_string(sp_domain_name((sp_domain)d)));
	json_object_set_new(o, "name", json_string(domain_nb[d]));
	json_object_set_new(o, "name_cap", json_string(domain_nb_cap[d]));
	return o;
}

/* The earlier letter, or NULL when the case's log does not give it. */
static json_t *about_view(const sp_letter_prep *p)
{
	sp_letter al;
	size_t idx = 0;
	for (; idx < sp_case_letter_count(p->c); idx++)
		if (json_array_get(json_object_get(p->c, "letters"), idx) == p->about)
			break;
	if (!sp_case_letter(p->c, idx, &al))
		return NULL;
	json_t *ab = json_object();
	put(ab, "id", al.id);
	put(ab, "template", al.template_id);
	char *err = NULL;
	const sp_letter_template *at = sp_templates_get(p->tc, al.template_id, &err);
	free(err);
	put(ab, "title", at ? at->title : al.template_id);
	put_date(ab, "date", "date_text", al.date);
	/* a letter that asked for an answer at once named no date, whatever its log says */
	if (p->about_soonest)
		json_object_set_new(ab, "soonest", json_true());
	else if (al.has_respond_by)
		put_date(ab, "respond_by", "respond_by_text", al.respond_by);
	if (al.outcome != SP_OUTCOME_NONE) {
		put_date(ab, "response_date", "response_date_text", al.response_date);
		put(ab, "outcome", outcome_key[al.outcome]);
		put(ab, "outcome_text", outcome_nb[al.outcome]);
	}
	return ab;
}

/* Why the letter asks for an answer sooner than usual, for the layout to say: shortened
 * to fit, or as soon as possible; before release or before the handover deadline. */
static json_t *answer_view(const sp_letter_prep *p, const sp_draft *out)
{
	const sp_answer *a = &out->answer;
	json_t *o = json_object();
	json_object_set_new(o, "shortened", json_boolean(a->kind == SP_ANSWER_SHORTENED));
	json_object_set_new(o, "soonest", json_boolean(a->kind == SP_ANSWER_SOONEST));
	json_object_set_new(o, "before_deadline", json_boolean(a->by_deadline));
	if (a->by_deadline) {
		put_date(o, "deadline", "deadline_text", a->limit);
		int days = sp_date_diff(a->limit, p->info->release);
		char text[32];
		snprintf(text, sizeof text, "%d %s", days, days == 1 ? "dag" : "dager");
		json_object_set_new(o, "deadline_days", json_integer(days));
		json_object_set_new(o, "deadline_days_text", json_string(text));
	}
	return o;
}

static json_t *letter_view(const sp_letter_prep *p, const sp_draft *out)
{
	json_t *lt = json_object();
	json_object_set_new(lt, "id", json_string(out->id));
	json_object_set_new(lt, "template", json_string(p->t->id));
	put(lt, "title", p->t->title);
	put_date(lt, "date", "date_text", p->req->date);
	if (out->has_respond_by && out->answer.kind != SP_ANSWER_SOONEST)
		put_date(lt, "respond_by", "respond_by_text", out->respond_by);
	if (out->has_respond_by && out->answer.kind != SP_ANSWER_USUAL)
		json_object_set_new(lt, "answer", answer_view(p, out));
	json_object_set_new(lt, "asks_handover", json_boolean(out->asks_handover));
	if (out->domain >= 0)
		json_object_set_new(lt, "domain", domain_view(out->domain));
	if (p->asked) {
		json_t *h = json_object();
		put_date(h, "requested", "requested_text", p->asked->requested);
		json_object_set_new(lt, "handover", h);
	}
	json_t *ab = p->about ? about_view(p) : NULL;
	if (ab)
		json_object_set_new(lt, "about", ab);
	return lt;
}

static json_t *person_view(const sp_letter_prep *p)
{
	const json_t *pn = json_object_get(p->c, "person");
	json_t *person = json_object();
	put(person, "name", p->info->person_name);
	put_date_text_of(person, "born_text", lv_str(pn, "born"));
	put_address(person, json_object_get(pn, "address"));
	json_t *mun = json_object();
	put(mun, "number", p->info->municipality);
	put(mun, "name", p->info->municipality_name);
	json_object_set_new(person, "municipality", mun);
	return person;
}

/* The unit that sends the letter. */
static json_t *unit_view(const sp_letter_prep *p)
{
	const sp_case_info *info = p->info;
	json_t *unit = json_object();
	put(unit, "id", info->unit_id);
	const sp_agency *ua = lv_agency(p->reg, info->unit_id);
	if (ua)
		put_agency(unit, ua->node);
	put(unit, "name", info->unit_name);
	json_object_set_new(unit, "type",
			    json_string(info->unit_is_probation_office ? "probation_office" : "prison"));
	json_object_set_new(unit, "is_prison", json_boolean(!info->unit_is_probation_office));
	json_object_del(unit, "contact");
	return unit;
}

/* The first contact officer, or NULL. */
static json_t *officer_view(const sp_letter_prep *p)
{
	const json_t *off = json_array_get(json_object_get(p->c, "contact_officers"), 0);
	if (!json_is_object(off) || !lv_str(off, "name"))
		return NULL;
	json_t *o = json_object();
	put(o, "name", lv_str(off, "name"));
	const char *role = lv_str(off, "role");
	put(o, "role_text", !role || strcmp(role, "contact_officer") == 0 ? "kontaktbetjent"
			    : strcmp(role, "caseworker") == 0	     ? "saksbehandler"
								     : NULL);
	return o;
}

static json_t *recipient_view(const sp_letter_prep *p, const sp_draft *out)
{
	json_t *r = json_object();
	put(r, "id", out->recipient);
	json_object_set_new(r, "is_person", json_boolean(p->to_person));
	if (p->to_person) {
		put(r, "name", p->info->person_name);
		put_address(r, json_object_get(json_object_get(p->c, "person"), "address"));
	} else
		put_agency(r, p->to->node);
	return r;
}

static json_t *sentence_view(const sp_letter_prep *p)
{
	const sp_case_info *info = p->info;
	const char *type = lv_str(json_object_get(p->c, "sentence"), "type");
	json_t *sent = json_object();
	json_object_set_new(sent, "type", json_string(type ? type : ""));
	json_object_set_new(sent, "type_text", json_string(sentence_nb[info->sentence_type]));
	put_date(sent, "start", "start_text", info->start);
	if (info->has_release) {
		put_date(sent, "release", "release_text", info->release);
		json_object_set_new(sent, "days_to_release",
				    json_integer(sp_date_diff(p->req->date, info->release)));
	}
	json_object_set_new(sent, "short", json_boolean(p->a->short_sentence));
	json_object_set_new(sent, "supervision", json_boolean(info->supervision_after_release));
	return sent;
}

/* The needs the letter reveals, each with what is asked for it. */
static json_t *needs_view(const sp_letter_prep *p, sp_domain_set reveals)
{
	json_t *needs = json_array();
	for (int d = 0; d < SP_DOMAIN_COUNT; d++) {
		if (!(reveals & (1u << d)))
			continue;
		unsigned actions = 0;
		for (size_t i = 0; i < p->a->nneeds; i++)
			if ((int)p->a->needs[i].domain == d)
				actions = p->a->needs[i].actions;
		json_t *n = domain_view(d);
		json_object_set_new(n, "actions_text", actions_text(actions, p->to_person));
		json_array_append_new(needs, n);
	}
	return needs;
}

/* The individual plan. */
static json_t *ip_view(const sp_letter_prep *p)
{
	const sp_assessment *a = p->a;
	json_t *ip = json_object();
	json_object_set_new(ip, "indicated", json_boolean(a->ip_indicated));
	json_object_set_new(ip, "coordinator_required", json_boolean(a->coordinator_required));
	json_object_set_new(ip, "status_text", json_string(ip_status_nb[a->ip.status]));
	json_object_set_new(ip, "status", json_string(ip_status_key[a->ip.status]));
	json_object_set_new(ip, "refused", json_boolean(a->ip.status == SP_IP_REFUSED_BY_PERSON));
	if (a->ip.has_requested)
		put_date_text(ip, "requested_text", a->ip.requested);
	if (a->ip.coordinator_name) {
		json_t *co = json_object();
		put(co, "name", a->ip.coordinator_name);
		put(co, "agency_name", agency_name(p->reg, a->ip.coordinator_agency));
		if (a->ip.has_appointed)
			put_date_text(co, "appointed_text", a->ip.appointed);
		json_object_set_new(ip, "coordinator", co);
	}
	return ip;
}

/* The responsibility group and its meetings, or NULL when the case has none. */
static json_t *group_view(const sp_letter_prep *p)
{
	const json_t *rg = json_object_get(p->c, "responsibility_group");
	if (!json_is_object(rg))
		return NULL;
	json_t *g = json_object();
	put_date_text_of(g, "established_text", lv_str(rg, "established"));
	json_t *ms = json_array();
	size_t i;
	json_t *m;
	json_array_foreach(json_object_get(rg, "meetings"), i, m)
	{
		sp_date md;
		if (!lv_str(m, "date") || !sp_date_parse(lv_str(m, "date"), &md))
			continue;
		json_t *o = json_object();
		put_date_text(o, "date_text", md);
		/* notes about meetings go only to the person */
		if (p->to_person)
			put(o, "note", lv_str(m, "note"));
		json_array_append_new(ms, o);
	}
	json_object_set_new(g, "meetings", ms);
	return g;
}

/* The recipient's agreements with the unit. */
static json_t *agreements_view(const sp_letter_prep *p)
{
	json_t *agr = json_array();
	if (!p->to)
		return agr;
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(p->to->node, "agreements"), i, x)
	{
		json_t *o = json_object();
		put(o, "title", lv_str(x, "title"));
		put_date_text_of(o, "date_text", lv_str(x, "date"));
		put(o, "reference", lv_str(x, "reference"));
		json_array_append_new(agr, o);
	}
	return agr;
}

/* v[key] = o, unless o is NULL. */
static void set_if(json_t *v, const char *key, json_t *o)
{
	if (o)
		json_object_set_new(v, key, o);
}

/* The data the template sees. */
json_t *sp_letter_view(const sp_letter_prep *p, const sp_draft *out)
{
	json_t *v = json_object();
	json_object_set_new(v, "letter", letter_view(p, out));
	json_t *cs = json_object();
	put(cs, "id", p->info->id);
	json_object_set_new(v, "case", cs);
	json_object_set_new(v, "person", person_view(p));
	json_object_set_new(v, "unit", unit_view(p));
	set_if(v, "officer", officer_view(p));
	json_object_set_new(v, "recipient", recipient_view(p, out));
	json_object_set_new(v, "sentence", sentence_view(p));
	json_object_set_new(v, "needs", needs_view(p, out->reveals));
	json_object_set_new(v, "ip", ip_view(p));
	set_if(v, "group", group_view(p));
	json_t *agr = agreements_view(p);
	json_object_set_new(v, "has_agreements", json_boolean(json_array_size(agr) > 0));
	json_object_set_new(v, "agreements", agr);
	if (p->to_person) {
		json_object_set_new(v, "contacts", contacts(p->c, p->reg, out->reveals, p->req->date));
		json_object_set_new(v, "appointments", appointments(p->c, p->reg, p->req->date));
	}
	return v;
}
