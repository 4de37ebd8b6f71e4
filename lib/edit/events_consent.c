/* SPDX-License-Identifier: MIT */
/* events_consent.c — consents given and withdrawn, the individual plan's status and its
 * coordinator (events.h). */
#include "edit/events.h"
#include "domain/consent.h"
#include "base/util.h"

#include <string.h>

/* The domains of --domain (a->list): into *set and the list *out (new), in the order given,
 * each once, or [all]; -1 with a refusal. */
static int consent_domains(const sp_doc *doc, const sp_event_args *a, sp_diags *diags,
			   sp_domain_set *set, json_t **out)
{
	*set = 0;
	*out = NULL;
	for (size_t i = 0; i < a->nlist; i++)
		if (strcmp(a->list[i], "all") == 0) {
			for (size_t k = 0; k < a->nlist; k++)
				if (strcmp(a->list[k], "all") != 0)
					return sp_ev_refuse(doc, diags, "", "--domain all stands alone: "
									    "give it alone, or list "
									    "the domains");
			*set = SP_ALL_DOMAINS;
			*out = json_pack("[s]", "all");
			return 0;
		}
	json_t *list = json_array();
	for (size_t i = 0; i < a->nlist; i++) {
		char opt[48] = "--domain";
		if (a->nlist > 1) /* which one, without repeating what was given */
			snprintf(opt, sizeof opt, "--domain #%zu", i + 1);
		int d = sp_ev_domain(doc, diags, opt, a->list[i]);
		if (d < 0) {
			json_decref(list);
			return -1;
		}
		if (!(*set & (1u << d)))
			json_array_append_new(list, json_string(sp_domain_name((sp_domain)d)));
		*set |= 1u << d;
	}
	*out = list;
	return 0;
}

/* "housing, finances", or "all domains". */
static char *domains_words(const json_t *list)
{
	if (strcmp(json_string_value(json_array_get(list, 0)), "all") == 0)
		return sp_xstrdup("all domains");
	char *s = sp_xstrdup("");
	size_t i;
	const json_t *d;
	json_array_foreach(list, i, d) {
		char *t = sp_xasprintf("%s%s%s", s, i ? ", " : "", json_string_value(d));
		free(s);
		s = t;
	}
	return s;
}

static int consent_given(const sp_doc *doc, const sp_event_args *a, sp_event_out *out,
			 sp_diags *diags)
{
	if (!sp_ev_agency(doc, a, diags, "--recipient", a->recipient) || !sp_ev_when(doc, a, diags))
		return -1;
	sp_domain_set set;
	json_t *domains;
	if (consent_domains(doc, a, diags, &set, &domains) != 0)
		return -1;
	char iso[SP_DATE_BUFSIZE], eiso[SP_DATE_BUFSIZE];
	sp_date expires = 0;
	if (a->expires && !sp_ev_date(doc, diags, "--expires", a->expires, &expires))
		goto refused;
	if (a->expires && expires < a->date) {
		sp_ev_refuse(doc, diags, "", "--expires: the consent cannot end before it is given "
					     "(--date); give the date it ends");
		goto refused;
	}
	for (size_t i = 0; i < sp_case_consent_count(doc->root); i++) {
		sp_consent k;
		if (sp_case_consent(doc->root, i, &k) && strcmp(k.recipient, a->recipient) == 0 &&
		    k.given == a->date && k.domains == set) {
			char key[64];
			snprintf(key, sizeof key, "consents.%zu", i);
			sp_ev_refuse(doc, diags, key, "this consent (to this agency, for these domains, "
						      "given that day) is recorded already; nothing to record");
			goto refused;
		}
	}
	json_t *c = json_pack("{ss sO ss}", "recipient", a->recipient, "domains", domains, "given",
			      sp_ev_iso(a->date, iso));
	if (a->expires)
		json_object_set_new(c, "expires", json_string(sp_ev_iso(expires, eiso)));
	sp_ev_append(out, c, "consents");
	char *words = domains_words(domains);
	sp_ev_say(out, "consent to %s given on %s for %s%s%s", a->recipient, iso, words,
		  a->expires ? ", until " : "", a->expires ? eiso : "");
	free(words);
	json_decref(domains);
	return 0;
refused:
	json_decref(domains);
	return -1;
}

static int consent_withdrawn(const sp_doc *doc, const sp_event_args *a, sp_event_out *out,
			     sp_diags *diags)
{
	if (!sp_ev_agency(doc, a, diags, "--recipient", a->recipient) || !sp_ev_when(doc, a, diags))
		return -1;
	char iso[SP_DATE_BUFSIZE];
	sp_ev_iso(a->date, iso);
	size_t withdrawn = 0;
	for (size_t i = 0; i < sp_case_consent_count(doc->root); i++) {
		sp_consent k;
		if (sp_case_consent(doc->root, i, &k) && strcmp(k.recipient, a->recipient) == 0 &&
		    sp_consent_holds(&k, a->date)) {
			sp_ev_set(out, json_string(iso), "consents.%zu.withdrawn", i);
			withdrawn++;
		}
	}
	if (!withdrawn)
		return sp_ev_refuse(doc, diags, "consents", "--recipient: no consent to this agency "
							    "holds on %s (none was given by then, or "
							    "it was withdrawn or has expired): there "
							    "is nothing to withdraw", iso);
	if (withdrawn == 1)
		sp_ev_say(out, "consent to %s withdrawn on %s", a->recipient, iso);
	else
		sp_ev_say(out, "%zu consents to %s withdrawn on %s", withdrawn, a->recipient, iso);
	return 0;
}

static const char *const ip_statuses[] = {"none", "requested", "refused_by_person",
					  "in_progress", "established", NULL};

static int ip_status(const sp_doc *doc, const sp_event_args *a, sp_event_out *out,
		     sp_diags *diags)
{
	int s = sp_ev_choice(doc, diags, "--status", a->status, ip_statuses);
	if (s < 0)
		return -1;
	if (!sp_ev_when(doc, a, diags))
		return -1;
	sp_ip ip;
	sp_case_ip(doc->root, &ip);
	if (ip.status == (sp_ip_status)s)
		return sp_ev_refuse(doc, diags, "ip.status", "--status: the individual plan's status "
							     "is %s already; nothing to record",
				    a->status);
	char iso[SP_DATE_BUFSIZE];
	sp_ev_set(out, json_string(a->status), "ip.status");
	bool requested = s == SP_IP_REQUESTED && !ip.has_requested;
	if (requested)
		sp_ev_set(out, json_string(sp_ev_iso(a->date, iso)), "ip.requested");
	sp_ev_say(out, "individual plan: status %s%s%s", a->status,
		  requested ? ", requested on " : "", requested ? iso : "");
	return 0;
}

static int coordinator_appointed(const sp_doc *doc, const sp_event_args *a, sp_event_out *out,
				 sp_diags *diags)
{
	if (!sp_ev_agency(doc, a, diags, "--agency", a->agency) || !sp_ev_when(doc, a, diags))
		return -1;
	sp_ip ip;
	sp_case_ip(doc->root, &ip);
	char iso[SP_DATE_BUFSIZE];
	bool named = ip.coordinator_name != NULL;
	if (named && strcmp(ip.coordinator_name, a->name) == 0 && ip.coordinator_agency &&
	    strcmp(ip.coordinator_agency, a->agency) == 0)
		return sp_ev_refuse(doc, diags, "ip.coordinator", "--name, --agency: this coordinator "
								  "is appointed already; to change the "
								  "date, edit `ip.coordinator.appointed` "
								  "by hand");
	if (named && ip.has_appointed && a->date < ip.appointed)
		return sp_ev_refuse(doc, diags, "ip.coordinator.appointed",
				    "--date: the coordinator named now was appointed later; give "
				    "the date of the new appointment");
	sp_ev_set(out, json_string(a->name), "ip.coordinator.name");
	sp_ev_set(out, json_string(a->agency), "ip.coordinator.agency");
	sp_ev_set(out, json_string(sp_ev_iso(a->date, iso)), "ip.coordinator.appointed");
	sp_ev_say(out, "coordinator %s of %s appointed on %s%s", a->name, a->agency, iso,
		  named ? ", in place of the one before" : "");
	return 0;
}

const sp_event sp_events_consent[] = {
    {"consent-given", "recipient! domain!* expires date",
     "a consent given: to which agency, for which domains, until when", consent_given},
    {"consent-withdrawn", "recipient! date", "the person withdrew the consents to an agency",
     consent_withdrawn},
    {"ip-status", "status! date", "the individual plan's status changed", ip_status},
    {"coordinator-appointed", "name! agency! date", "the individual plan's coordinator appointed",
     coordinator_appointed},
};
const size_t sp_events_consent_n = sizeof sp_events_consent / sizeof *sp_events_consent;
