/* SPDX-License-Identifier: MIT */
/* events_handover.c — letters answered, handovers requested, confirmed and declined, and the
 * release date moved (events.h). */
#include "edit/events.h"
#include "base/util.h"

#include <stdio.h>
#include <string.h>

static const char *const outcomes[] = {"granted", "refused", "partial", "acknowledged", NULL};

static int letter_answered(const sp_doc *doc, const sp_event_args *a, sp_event_out *out,
			   sp_diags *diags)
{
	const json_t *c = doc->root;
	size_t n = sp_case_letter_count(c), i;
	sp_letter l = {0};
	for (i = 0; i < n; i++)
		if (sp_case_letter(c, i, &l) && l.id && strcmp(l.id, a->letter) == 0)
			break;
	if (i == n)
		return sp_ev_refuse(doc, diags, "letters", "--letter: the case logs no letter with this "
							   "id; give the id of a letter in its `letters`");
	if (sp_ev_choice(doc, diags, "--outcome", a->outcome, outcomes) < 0 || !sp_ev_when(doc, a, diags))
		return -1;
	char d2[SP_DATE_BUFSIZE], key[48];
	snprintf(key, sizeof key, "letters.%zu", i); /* its place: a message never quotes a date */
	if (a->date < l.date)
		return sp_ev_refuse(doc, diags, key, "--date: the answer cannot come before the letter "
						     "was sent; give the date of the answer");
	if (l.outcome != SP_OUTCOME_NONE)
		return sp_ev_refuse(doc, diags, key, "the letter was answered already; to change "
						     "that, edit its `response` by hand");
	sp_ev_set(out, json_pack("{ss ss}", "date", sp_ev_iso(a->date, d2), "outcome", a->outcome),
		  "letters.%zu.response", i);
	sp_ev_say(out, "letter %s answered: %s, on %s", l.id, a->outcome, d2);
	return 0;
}

/* The handover of domain d (to `to`, if given) that is neither confirmed nor declined, the
 * last requested; -1 if none, -2 if several to different agencies and no `to`. */
static long pending(const json_t *c, int d, const char *to)
{
	long found = -1;
	const char *found_to = NULL;
	size_t n = sp_case_handover_count(c);
	for (size_t i = 0; i < n; i++) {
		sp_handover h;
		if (!sp_case_handover(c, i, &h) || (int)h.domain != d || h.has_confirmed || h.has_declined)
			continue;
		if (to && strcmp(h.to, to) != 0)
			continue;
		if (found >= 0 && !to && strcmp(found_to, h.to) != 0)
			return -2;
		found = (long)i;
		found_to = h.to;
	}
	return found;
}

static int handover_requested(const sp_doc *doc, const sp_event_args *a, sp_event_out *out,
			      sp_diags *diags)
{
	int d = sp_ev_domain(doc, diags, "--domain", a->domain);
	if (d < 0 || !sp_ev_agency(doc, a, diags, "--to", a->to) || !sp_ev_when(doc, a, diags))
		return -1;
	if (pending(doc->root, d, a->to) >= 0)
		return sp_ev_refuse(doc, diags, "handovers", "a handover of %s to this agency is "
							     "requested already and not yet answered; record "
							     "its answer with handover-confirmed or "
							     "handover-declined",
				    sp_domain_name((sp_domain)d));
	char iso[SP_DATE_BUFSIZE];
	sp_ev_append(out, json_pack("{ss ss ss}", "domain", sp_domain_name((sp_domain)d), "to", a->to,
				    "requested", sp_ev_iso(a->date, iso)),
		     "handovers");
	sp_ev_say(out, "handover of %s to %s requested on %s", sp_domain_name((sp_domain)d), a->to, iso);
	return 0;
}

/* The handover an answer is for: its index, or -1 with a refusal. */
static long answered(const sp_doc *doc, const sp_event_args *a, sp_diags *diags, int *d,
		     sp_handover *h)
{
	*d = sp_ev_domain(doc, diags, "--domain", a->domain);
	if (*d < 0 || (a->to && !sp_ev_agency(doc, a, diags, "--to", a->to)) || !sp_ev_when(doc, a, diags))
		return -1;
	long i = pending(doc->root, *d, a->to);
	if (i == -2) {
		sp_ev_refuse(doc, diags, "handovers", "handovers of %s to more than one agency await an "
						      "answer; say which with --to AGENCY",
			     sp_domain_name((sp_domain)*d));
		return -1;
	}
	if (i < 0) {
		sp_ev_refuse(doc, diags, "handovers", "no handover of %s%s awaits an answer: it was "
						      "never requested, or was answered already; "
						      "record the request first with handover-requested",
			     sp_domain_name((sp_domain)*d), a->to ? " to this agency" : "");
		return -1;
	}
	sp_case_handover(doc->root, (size_t)i, h);
	char key[48];
	snprintf(key, sizeof key, "handovers.%ld", i); /* its place: a message never quotes a date */
	if (a->date < h->requested) {
		sp_ev_refuse(doc, diags, key, "--date: the answer cannot come before the request; give "
					      "the date of the answer");
		return -1;
	}
	return i;
}

static int handover_confirmed(const sp_doc *doc, const sp_event_args *a, sp_event_out *out,
			      sp_diags *diags)
{
	int d;
	sp_handover h;
	long i = answered(doc, a, diags, &d, &h);
	if (i < 0)
		return -1;
	sp_date starts = 0;
	char iso[SP_DATE_BUFSIZE], siso[SP_DATE_BUFSIZE], key[32];
	if (a->starts && !sp_ev_date(doc, diags, "--starts", a->starts, &starts))
		return -1;
	snprintf(key, sizeof key, "handovers.%ld", i);
	if (a->starts && starts < h.requested)
		return sp_ev_refuse(doc, diags, key, "--starts: the follow-up cannot begin before it was "
						     "requested; give the date it begins");
	sp_ev_set(out, json_string(sp_ev_iso(a->date, iso)), "handovers.%ld.confirmed", i);
	sp_ev_set(out, json_string(a->by), "handovers.%ld.confirmed_by", i);
	if (a->starts)
		sp_ev_set(out, json_string(sp_ev_iso(starts, siso)), "handovers.%ld.starts", i);
	if (a->contact)
		sp_ev_set(out, json_string(a->contact), "handovers.%ld.contact", i);
	sp_ev_say(out, "handover of %s to %s confirmed on %s%s%s", sp_domain_name((sp_domain)d), h.to,
		  iso, a->starts ? ", follow-up from " : "", a->starts ? siso : "");
	return 0;
}

static int handover_declined(const sp_doc *doc, const sp_event_args *a, sp_event_out *out,
			     sp_diags *diags)
{
	int d;
	sp_handover h;
	long i = answered(doc, a, diags, &d, &h);
	if (i < 0)
		return -1;
	char iso[SP_DATE_BUFSIZE];
	sp_ev_set(out, json_string(sp_ev_iso(a->date, iso)), "handovers.%ld.declined", i);
	sp_ev_say(out, "handover of %s to %s declined on %s; ask another service with "
		       "handover-requested", sp_domain_name((sp_domain)d), h.to, iso);
	return 0;
}

static int release_changed(const sp_doc *doc, const sp_event_args *a, sp_event_out *out,
			   sp_diags *diags)
{
	sp_date r;
	if (!sp_ev_date(doc, diags, "--release", a->release, &r))
		return -1;
	sp_case_info info;
	if (sp_case_info_get(doc->root, &info) && info.has_release && info.release == r)
		return sp_ev_refuse(doc, diags, "sentence.release", "--release: the case has this "
								     "release date already; nothing to record");
	char iso[SP_DATE_BUFSIZE];
	sp_ev_set(out, json_string(sp_ev_iso(r, iso)), "sentence.release");
	sp_ev_say(out, "expected release moved to %s", iso);
	return 0;
}

const sp_event sp_events_handover[] = {
    {"letter-answered", "letter! outcome! date", "a letter's answer: its outcome and date",
     letter_answered},
    {"handover-requested", "domain! to! date", "a service asked to take over a domain after release",
     handover_requested},
    {"handover-confirmed", "domain! to by! starts contact date",
     "a service confirmed it takes over a domain after release",
     handover_confirmed},
    {"handover-declined", "domain! to date", "a service declined to take over a domain",
     handover_declined},
    {"release-changed", "release!", "the expected release date moved", release_changed},
};
const size_t sp_events_handover_n = sizeof sp_events_handover / sizeof *sp_events_handover;
