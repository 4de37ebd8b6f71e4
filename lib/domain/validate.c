/* SPDX-License-Identifier: MIT */
/* validate.c — the format of `kind: case` and `kind: agencies` as shape tables, and the
 * consistency rules that a table cannot say (the contract: samplan-case(5) and schemas/). */
#include "domain/validate.h"
#include "domain/case.h"
#include "domain/history.h"
#include "doc/shape.h"
#include "base/date.h"
#include "base/util.h"

#include <string.h>

static const char *const domain_values[] = {"physical_health", "mental_health", "substance_use",
					    "housing", "finances", "family", "legal",
					    "work_education", NULL};
static const sh_type domain = {.kind = SH_ENUM, .values = domain_values};
ENUM(domain_or_all, "physical_health", "mental_health", "substance_use", "housing", "finances",
     "family", "legal", "work_education", "all");
ENUM(domain_or_other, "physical_health", "mental_health", "substance_use", "housing",
     "finances", "family", "legal", "work_education", "other");
ENUM(need_action, "contact", "assessment", "measures");
ENUM(agency_type, "municipality", "nav", "health_service", "specialist_health", "school",
     "legal_aid", "prison", "probation_office", "other");
ENUM(language, "nb", "nn", "en", "se");
ENUM(unit_type, "prison", "probation_office");
ENUM(sentence_type, "prison", "community_sentence", "electronic_monitoring",
     "preventive_detention", "remand");
ENUM(security, "closed", "open", "halfway_house");
ENUM(officer_role, "contact_officer", "caseworker", "other");
ENUM(ip_status, "none", "requested", "refused_by_person", "in_progress", "established");
ENUM(plan_type, "future_plan", "individual_plan", "activity_plan", "health_plan", "other");
ENUM(measure_status, "planned", "in_progress", "done", "cancelled");
ENUM(outcome, "granted", "refused", "partial", "acknowledged");
ENUM(urgency, "urgent", "soon", "routine", "released");
ENUM(consent_state, "given", "missing", "withdrawn", "not_wanted");

static const sh_type risk_areas = {.kind = SH_INT, .min = 0, .max = 8};
LIST(text_list, sh_text);
LIST(id_list, sh_id);

/* --- consistency rules, attached to the objects they concern ----------------------------- */

/* b must not be before a (when both are dates); reported at b. */
static void not_before(sh_ctx *c, const json_t *obj, const char *a, const char *b, int slack,
		       const char *why)
{
	sp_date da, db;
	if (!sh_get_date(obj, a, &da) || !sh_get_date(obj, b, &db) || db >= da - slack)
		return;
	size_t old = sh_push_key(c, b);
	sh_report(c, SP_ERROR, sp_doc_pos(c->doc, obj, b), "%s", why);
	sh_pop(c, old);
}

static bool present(const json_t *obj, const char *key)
{
	const json_t *v = json_object_get(obj, key);
	return v && !json_is_null(v);
}

/* Report msg at obj's member key. */
static void member_problem(sh_ctx *c, const json_t *obj, const char *key, const char *msg)
{
	size_t old = sh_push_key(c, key);
	sh_report(c, SP_ERROR, sp_doc_pos(c->doc, obj, key), "%s", msg);
	sh_pop(c, old);
}

/* obj[key] when it is a non-empty string, else NULL (the generic check reports the rest). */
static const char *text_of(const json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));
	return s && *s ? s : NULL;
}

/* Report a repeated `id` among the objects of arr (a list of mappings). */
static void unique_ids(sh_ctx *c, const json_t *arr, const char *what)
{
	for (size_t i = 0; i < json_array_size(arr); i++) {
		const json_t *id = json_object_get(json_array_get(arr, i), "id");
		if (!json_is_string(id))
			continue;
		for (size_t j = 0; j < i; j++) {
			const json_t *other = json_object_get(json_array_get(arr, j), "id");
			if (!json_is_string(other) || !json_equal(id, other))
				continue;
			char first[512];
			sh_path(c, first, sizeof first - 24);
			snprintf(first + strlen(first), 24, "[%zu]", j);
			size_t old = sh_push_index(c, i);
			size_t old2 = sh_push_key(c, "id");
			sp_pos p = sp_doc_pos(c->doc, json_array_get(arr, i), "id");
			sh_report(c, SP_ERROR, p, "the same id is already used by `%s`; each %s needs "
						  "its own id", first, what);
			sh_pop(c, old2);
			sh_pop(c, old);
			break;
		}
	}
}

static void check_sentence(sh_ctx *c, const json_t *s, const sh_loc *at)
{
	const json_t *type = json_object_get(s, "type");
	bool remand = json_is_string(type) && strcmp(json_string_value(type), "remand") == 0;
	if (!remand && !present(s, "release")) {
		size_t old = sh_push_key(c, "release");
		sh_report(c, SP_ERROR, sh_pos(c, at), "is missing; add the expected release date (YYYY-MM-DD) "
					    "— only remand may leave it out");
		sh_pop(c, old);
	}
	not_before(c, s, "start", "release", 0,
		   "the release date is before the start date; correct one of them");
}

static void check_consent(sh_ctx *c, const json_t *o, const sh_loc *at)
{
	(void)at;
	not_before(c, o, "given", "withdrawn", 0,
		   "the consent is withdrawn before it was given; correct the dates");
	not_before(c, o, "given", "expires", 0,
		   "the consent expires before it was given; correct the dates");
	const json_t *doms = json_object_get(o, "domains");
	if (json_array_size(doms) > 1) {
		for (size_t i = 0; i < json_array_size(doms); i++) {
			const char *d = json_string_value(json_array_get(doms, i));
			if (d && strcmp(d, "all") == 0) {
				size_t old = sh_push_key(c, "domains");
				sh_report(c, SP_ERROR, sp_doc_pos(c->doc, o, "domains"),
					  "`all` must stand alone: write [all], or list the domains");
				sh_pop(c, old);
				break;
			}
		}
	}
}

static void check_handover(sh_ctx *c, const json_t *o, const sh_loc *at)
{
	if (present(o, "confirmed") && present(o, "declined")) {
		size_t old = sh_push_key(c, "declined");
		sh_report(c, SP_ERROR, sp_doc_pos(c->doc, o, "declined").line ? sp_doc_pos(c->doc, o, "declined") : sh_pos(c, at),
			  "a handover cannot be both confirmed and declined; keep the one that "
			  "happened");
		sh_pop(c, old);
	}
	not_before(c, o, "requested", "confirmed", 0,
		   "the handover is confirmed before it was requested; correct the dates");
	not_before(c, o, "requested", "declined", 0,
		   "the handover is declined before it was requested; correct the dates");
	if (present(o, "starts") && !present(o, "confirmed"))
		member_problem(c, o, "starts", "a handover starts only once it is confirmed; add "
					       "the date it was confirmed, or remove `starts`");
	not_before(c, o, "requested", "starts", 0,
		   "the follow-up starts before the handover was requested; correct the dates");
}

/* A meeting's time of day: "HH:MM", 00:00–23:59. */
static void check_meeting(sh_ctx *c, const json_t *o, const sh_loc *at)
{
	(void)at;
	const char *t = json_string_value(json_object_get(o, "time"));
	if (t && !(strlen(t) == 5 && t[0] >= '0' && t[0] <= '2' && t[1] >= '0' && t[1] <= '9' &&
		   (t[0] < '2' || t[1] <= '3') && t[2] == ':' && t[3] >= '0' && t[3] <= '5' &&
		   t[4] >= '0' && t[4] <= '9'))
		member_problem(c, o, "time", "is not a time of day; write HH:MM from 00:00 to "
					     "23:59, such as \"13:00\"");
}

/* A history entry: `at` a real local time with its offset, `event` a plain word, `keys`
 * dotted key paths; what history.c writes (sp_history_entry). */
static void check_history_entry(sh_ctx *c, const json_t *o, const sh_loc *at)
{
	(void)at;
	const char *when = text_of(o, "at");
	const char *why = when ? sp_timestamp_problem(when) : "";
	if (*why) {
		size_t old = sh_push_key(c, "at");
		sh_report(c, SP_ERROR, sp_doc_pos(c->doc, o, "at"),
			  "is not a valid time: it %s; write the local time with its offset, such "
			  "as 2026-10-20T14:03:11+02:00", why);
		sh_pop(c, old);
	}
	const char *event = text_of(o, "event");
	if (event && !sp_history_event_ok(event))
		member_problem(c, o, "event", "is not an event name; use lower-case letters, digits "
					      "and `-`, such as handover-confirmed");
	const json_t *keys = json_object_get(o, "keys");
	for (size_t i = 0; i < json_array_size(keys); i++) {
		const char *k = json_string_value(json_array_get(keys, i));
		if (!k || sp_history_key_ok(k))
			continue;
		size_t old = sh_push_key(c, "keys"), old2 = sh_push_index(c, i);
		sh_report(c, SP_ERROR, sp_doc_pos_at(c->doc, keys, i),
			  "is not a dotted key path; write the keys and list indexes joined by "
			  "dots, such as handovers.0.confirmed (the keys, never their values)");
		sh_pop(c, old2), sh_pop(c, old);
	}
}

static void check_coordinator(sh_ctx *c, const json_t *o, const sh_loc *at)
{
	if (present(o, "name") && !present(o, "appointed")) {
		size_t old = sh_push_key(c, "appointed");
		sh_report(c, SP_ERROR, sh_pos(c, at), "is missing; a named coordinator needs the date they "
					    "were appointed (YYYY-MM-DD)");
		sh_pop(c, old);
	}
}

/* The ids in the list obj[key], if it is one, are unique; returns the list or NULL. */
static const json_t *unique_ids_in(sh_ctx *c, const json_t *obj, const char *key, const char *what)
{
	const json_t *arr = json_object_get(obj, key);
	if (!json_is_array(arr))
		return NULL;
	size_t old = sh_push_key(c, key);
	unique_ids(c, arr, what);
	sh_pop(c, old);
	return arr;
}

static void check_plan(sh_ctx *c, const json_t *plan, const sh_loc *at)
{
	(void)at;
	const json_t *goals = unique_ids_in(c, plan, "goals", "goal");
	if (!goals)
		return;
	/* measure ids are unique within the whole plan */
	for (size_t g = 0; g < json_array_size(goals); g++) {
		const json_t *ms = json_object_get(json_array_get(goals, g), "measures");
		for (size_t m = 0; m < json_array_size(ms); m++) {
			const json_t *id = json_object_get(json_array_get(ms, m), "id");
			if (!json_is_string(id))
				continue;
			bool dup = false;
			for (size_t g2 = 0; g2 <= g && !dup; g2++) {
				const json_t *ms2 = json_object_get(json_array_get(goals, g2), "measures");
				size_t end = g2 == g ? m : json_array_size(ms2);
				for (size_t m2 = 0; m2 < end && !dup; m2++)
					dup = json_equal(id, json_object_get(json_array_get(ms2, m2), "id"));
			}
			if (!dup)
				continue;
			size_t o1 = sh_push_key(c, "goals"), o2 = sh_push_index(c, g);
			size_t o3 = sh_push_key(c, "measures"), o4 = sh_push_index(c, m);
			size_t o5 = sh_push_key(c, "id");
			sh_report(c, SP_ERROR, sp_doc_pos(c->doc, json_array_get(ms, m), "id"),
				  "another measure of this plan has the same id; each measure needs "
				  "its own id within the plan");
			sh_pop(c, o5), sh_pop(c, o4), sh_pop(c, o3), sh_pop(c, o2), sh_pop(c, o1);
		}
	}
}

static void check_screening_domains(sh_ctx *c, const json_t *doms, const sh_loc *at);

/* --- the case ---------------------------------------------------------------------------- */

OBJECT(home_municipality, NULL, REQ("number", sh_muni), REQ("name", sh_text));
OBJECT(person, NULL, REQ("name", sh_text), OPT("born", sh_date),
       REQ("home_municipality", home_municipality), OPT("language", language),
       OPT("address", sh_text));
OBJECT(unit, NULL, REQ("id", sh_id), REQ("name", sh_text), REQ("type", unit_type));
OBJECT(sentence, check_sentence, REQ("type", sentence_type), REQ("start", sh_date),
       OPT("release", sh_date), OPT("security", security),
       OPT("supervision_after_release", sh_bool));
OBJECT(officer, NULL, REQ("name", sh_text), OPT("id", sh_id), OPT("role", officer_role));
LIST(officers, officer, .max = 3);
OBJECT(programme, NULL, REQ("name", sh_text), OPT("from", sh_date), OPT("to", sh_date));
LIST(programmes, programme);
LIST(consent_domains, domain_or_all, .unique = true, .nonempty = true);
OBJECT(consent, check_consent, REQ("recipient", sh_id), REQ("domains", consent_domains),
       REQ("given", sh_date), OPT("expires", sh_date), OPT("withdrawn", sh_date));
LIST(consents, consent);
LIST(need_actions, need_action, .unique = true);
OBJECT(domain_answers, NULL, REQ("past", sh_bool), REQ("current", sh_bool),
       OPT("contact", sh_text), REQ("needs", need_actions), OPT("note", sh_text));
static const sh_type screening_domains = {.kind = SH_ANY};
OBJECT(screening, NULL, REQ("date", sh_date), OPT("by", sh_text),
       REQ("wants_follow_up", sh_bool), REQ("domains", screening_domains));
OBJECT(coordinator, check_coordinator, OPT("name", sh_text), OPT("agency", sh_id),
       OPT("appointed", sh_date));
OBJECT(ip, NULL, OPT("status", ip_status), OPT("requested", sh_date),
       OPT("coordinator", coordinator));
OBJECT(member, NULL, REQ("name", sh_text), OPT("agency", sh_id), OPT("role", sh_text));
LIST(members, member);
OBJECT(meeting, check_meeting, REQ("date", sh_date), OPT("time", sh_text),
       OPT("participants", id_list), OPT("note", sh_text));
LIST(meetings, meeting);
OBJECT(group, NULL, OPT("established", sh_date), OPT("members", members),
       OPT("meetings", meetings));
OBJECT(period, NULL, OPT("from", sh_date), OPT("to", sh_date));
OBJECT(measure, NULL, REQ("id", sh_id), REQ("text", sh_text), OPT("responsible", sh_id),
       OPT("due", sh_date), OPT("status", measure_status));
LIST(measures, measure);
OBJECT(goal, NULL, REQ("id", sh_id), REQ("domain", domain_or_other), REQ("text", sh_text),
       OPT("measures", measures));
LIST(goals, goal);
OBJECT(plan, check_plan, REQ("id", sh_id), REQ("type", plan_type), REQ("owner", sh_id),
       OPT("updated", sh_date), OPT("period", period), OPT("goals", goals));
LIST(plans, plan);
OBJECT(response, NULL, REQ("date", sh_date), REQ("outcome", outcome));
LIST(override_domains, domain, .unique = true);
OBJECT(consent_override, NULL, REQ("reason", sh_text), OPT("domains", override_domains));
OBJECT(letter, NULL, REQ("id", sh_id), REQ("template", sh_id), REQ("recipient", sh_id),
       REQ("date", sh_date), OPT("respond_by", sh_date), OPT("response", response),
       OPT("domain", domain), OPT("about", sh_id), OPT("consent_override", consent_override));
LIST(letters, letter);
OBJECT(handover, check_handover, REQ("domain", domain), REQ("to", sh_id),
       REQ("requested", sh_date), OPT("confirmed", sh_date), OPT("confirmed_by", sh_text),
       OPT("declined", sh_date), OPT("starts", sh_date), OPT("contact", sh_text));
LIST(handovers, handover);
OBJECT(history_entry, check_history_entry, REQ("at", sh_text), REQ("user", sh_text),
       REQ("tool", sh_text), REQ("event", sh_text), OPT("keys", text_list));
LIST(history, history_entry);
LIST(service_list, agency_type);
ENUM(assessed_action, "contact", "assessment", "measures", "inform");
LIST(assessed_actions, assessed_action, .unique = true);
OBJECT(assessed_need, NULL, REQ("domain", domain), OPT("actions", assessed_actions),
       OPT("services", service_list), OPT("urgency", urgency), OPT("consent", consent_state),
       OPT("recipient", sh_id), OPT("while_serving", sh_id));
LIST(assessed_needs, assessed_need);
OBJECT(suggested_letter, NULL, REQ("template", sh_id), REQ("recipient", sh_id));
LIST(suggested_letters, suggested_letter);
OBJECT(assessment, NULL, REQ("as_of", sh_date), OPT("days_to_release", sh_int),
       OPT("short_sentence", sh_bool), OPT("screening_timely", sh_bool),
       OPT("risk_areas", risk_areas), OPT("needs", assessed_needs),
       OPT("ip_indicated", sh_bool), OPT("coordinator_required", sh_bool),
       OPT("letters", suggested_letters), OPT("warnings", text_list));

ENUM(ho_status, "not_wanted", "confirmed", "pending", "late", "missing", "overdue", "declined");
ENUM(finding_name, "coordinator_not_appointed", "no_responsibility_group",
     "no_meeting_before_release", "municipality_not_notified", "letters_unanswered",
     "consent_missing", "follow_up_starts_late", "follow_up_start_unknown",
     "coordinator_not_from_services", "responsibility_group_recommended");
ENUM(follow_up, "in_place", "starts_late", "unknown");
ENUM(group_reason, "ip_indicated", "programme", "partner_measure", "partner_handover");
LIST(group_reasons, group_reason);
OBJECT(ho_need, NULL, REQ("domain", domain), REQ("status", ho_status), OPT("to", sh_id),
       OPT("requested", sh_date), OPT("confirmed", sh_date), OPT("starts", sh_date),
       OPT("follow_up", follow_up), OPT("declined", sh_date), OPT("due", sh_date),
       OPT("recipient", sh_id));
LIST(ho_needs, ho_need);
LIST(domain_list, domain);
OBJECT(finding, NULL, REQ("finding", finding_name), OPT("text", sh_text), OPT("letters", id_list),
       OPT("domains", domain_list), OPT("reasons", group_reasons));
LIST(findings, finding);
OBJECT(ho_letter, NULL, REQ("template", sh_id), REQ("recipient", sh_id), OPT("domain", domain),
       OPT("about", sh_id));
LIST(ho_letters, ho_letter);
static const sh_type days_before = {.kind = SH_INT, .min = 0, .max = 3650};
OBJECT(handover_check, NULL, REQ("as_of", sh_date), OPT("days", days_before),
       OPT("release", sh_date), OPT("days_to_release", sh_int), OPT("deadline", sh_date),
       OPT("worst", ho_status), OPT("gaps", sh_bool), OPT("needs", ho_needs),
       OPT("findings", findings), OPT("advice", findings), OPT("suggested_letters", ho_letters));

OBJECT(source_ref, NULL, REQ("plan", sh_id), REQ("item", sh_id));
LIST(source_refs, source_ref);
OBJECT(merged_measure, NULL, REQ("id", sh_id), REQ("text", sh_text), OPT("responsible", sh_id),
       OPT("due", sh_date), OPT("status", measure_status), OPT("sources", source_refs));
LIST(merged_measures, merged_measure);
OBJECT(merged_goal, NULL, REQ("id", sh_id), REQ("domain", domain_or_other), REQ("text", sh_text),
       OPT("sources", source_refs), OPT("measures", merged_measures));
LIST(merged_goals, merged_goal);
OBJECT(part, NULL, REQ("plan", sh_id), REQ("type", plan_type), REQ("owner", sh_id),
       OPT("period", period), OPT("updated", sh_date));
LIST(parts, part);
OBJECT(merged_plan, NULL, OPT("owner", sh_id), OPT("updated", sh_date), OPT("parts", parts),
       OPT("goals", merged_goals));
ENUM(merge_finding_name, "responsible_differs", "due_differs", "status_differs",
     "goal_without_measures", "no_responsible", "unit_due_after_release", "need_not_covered",
     "no_owner");
OBJECT(merge_item, NULL, REQ("plan", sh_id), REQ("item", sh_id), OPT("value", sh_any));
LIST(merge_items, merge_item);
OBJECT(merge_finding, NULL, REQ("finding", merge_finding_name), OPT("text", sh_text),
       OPT("goal", sh_id), OPT("measure", sh_id), OPT("items", merge_items), OPT("kept", sh_id),
       OPT("why", sh_text), OPT("domain", domain));
LIST(merge_findings, merge_finding);
static const sh_type count = {.kind = SH_INT, .min = 0, .max = 2147483647LL};
OBJECT(merge_report, NULL, OPT("plans", count), OPT("goals", count), OPT("matched_goals", count),
       OPT("measures", count), OPT("matched_measures", count), OPT("findings", merge_findings));

static void check_case(sh_ctx *c, const json_t *o, const sh_loc *at);
OBJECT(case_doc, check_case, REQ("samplan", sh_const1), REQ("kind", sh_text), REQ("id", sh_id),
       REQ("person", person), REQ("unit", unit), REQ("sentence", sentence),
       OPT("contact_officers", officers), OPT("programmes", programmes),
       OPT("consents", consents),
       OPT("screening", screening), OPT("ip", ip), OPT("responsibility_group", group),
       OPT("plans", plans), OPT("letters", letters), OPT("handovers", handovers),
       OPT("history", history), OPT("assessment", assessment), OPT("handover_check", handover_check),
       OPT("individual_plan", merged_plan), OPT("merge_report", merge_report));

/* kind: plan — one agency's plan, for the case it belongs to (samplan-plan-merge) */
OBJECT(plan_doc, check_plan, REQ("samplan", sh_const1), REQ("kind", sh_text), REQ("case", sh_id),
       REQ("id", sh_id), REQ("type", plan_type), REQ("owner", sh_id), OPT("updated", sh_date),
       OPT("period", period), OPT("goals", goals));

static void check_screening_domains(sh_ctx *c, const json_t *doms, const sh_loc *at)
{
	if (!json_is_object(doms)) {
		static const sh_type obj = {.kind = SH_OBJECT};
		sh_report(c, SP_ERROR, sh_pos(c, at), "must be %s (one entry per domain)", sh_describe(&obj));
		return;
	}
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)doms, key, v) {
		size_t old = sh_push_key(c, key);
		if (sp_domain_parse(key) < 0) {
			const char *guess = sp_closest(key, domain_values);
			sp_pos kp = sp_doc_key_pos(c->doc, doms, key);
			if (guess)
				sh_report(c, SP_ERROR, kp, "`%s` is not a domain; did you mean `%s`?",
					  key, guess);
			else
				sh_report(c, SP_ERROR, kp, "`%s` is not a domain; the domains are: "
							   "physical_health, mental_health, "
							   "substance_use, housing, finances, family, "
							   "legal, work_education", key);
		} else {
			sh_loc at = {doms, key, 0};
			sh_check(c, v, &at, &domain_answers);
		}
		sh_pop(c, old);
	}
	for (size_t i = 0; domain_values[i]; i++) {
		if (json_object_get(doms, domain_values[i]))
			continue;
		size_t old = sh_push_key(c, domain_values[i]);
		sh_report(c, SP_WARNING, sh_pos(c, at), "the screening has no answers for `%s`; fill in all "
					      "eight domains of the matrix", domain_values[i]);
		sh_pop(c, old);
	}
}

static void check_case(sh_ctx *c, const json_t *o, const sh_loc *at)
{
	(void)at;
	const json_t *scr = json_object_get(o, "screening");
	const json_t *sent = json_object_get(o, "sentence");
	if (json_is_object(scr)) {
		size_t old = sh_push_key(c, "screening");
		const json_t *doms = json_object_get(scr, "domains");
		if (doms) {
			size_t old2 = sh_push_key(c, "domains");
			check_screening_domains(c, doms, &(sh_loc){scr, "domains", 0});
			sh_pop(c, old2);
		}
		sp_date start, date;
		if (json_is_object(sent) && sh_get_date(sent, "start", &start) &&
		    sh_get_date(scr, "date", &date) && date < start - 30) {
			size_t old2 = sh_push_key(c, "date");
			sh_report(c, SP_ERROR, sp_doc_pos(c->doc, scr, "date"),
				  "the screening is dated more than 30 days before the sentence "
				  "started; check the date");
			sh_pop(c, old2);
		}
		sh_pop(c, old);
	}
	static const struct { const char *key, *what; } lists[] = {{"plans", "plan"},
								   {"letters", "letter"}};
	for (size_t i = 0; i < sizeof lists / sizeof *lists; i++)
		unique_ids_in(c, o, lists[i].key, lists[i].what);
}

/* --- agencies ---------------------------------------------------------------------------- */

OBJECT(agency_contact, NULL, OPT("name", sh_text), OPT("phone", sh_text), OPT("email", sh_text));
OBJECT(agreement, NULL, REQ("title", sh_text), OPT("date", sh_date), OPT("reference", sh_text));
LIST(agreements, agreement);
ENUM(written_standard, "nb", "nn", "neutral");
LIST(unit_ids, sh_id, .unique = true);
OBJECT(agency, NULL, REQ("id", sh_id), REQ("name", sh_text), REQ("type", agency_type),
       OPT("municipality", sh_muni), OPT("address", text_list), OPT("email", sh_text),
       OPT("contact", agency_contact), OPT("response_days", sh_uint),
       OPT("language", written_standard), OPT("serves", unit_ids),
       OPT("agreements", agreements));
LIST(agency_list, agency);

/* The agency with this id among the registry's, or NULL. */
static const json_t *agency_named(const json_t *list, const char *id)
{
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *a = json_array_get(list, i);
		const char *ai = json_string_value(json_object_get(a, "id"));
		if (ai && strcmp(ai, id) == 0)
			return a;
	}
	return NULL;
}

/* What agency `a` (item i of list) serves must be units. An id not in this registry may be
 * a unit of another (a region's registries are often split by unit), so only one that is
 * here with another type is wrong: routing would never match it and would wrongly keep
 * the agency from the home municipality's services. */
static void check_serves(sh_ctx *c, const json_t *list, size_t i)
{
	const json_t *serves = json_object_get(json_array_get(list, i), "serves");
	for (size_t j = 0; j < json_array_size(serves); j++) {
		const char *id = json_string_value(json_array_get(serves, j));
		const json_t *u = id ? agency_named(list, id) : NULL;
		const char *type = json_string_value(json_object_get(u, "type"));
		if (!type || strcmp(type, "prison") == 0 || strcmp(type, "probation_office") == 0)
			continue;
		size_t old = sh_push_index(c, i), old2 = sh_push_key(c, "serves"), old3 = sh_push_index(c, j);
		sh_report(c, SP_ERROR, sp_doc_pos_at(c->doc, serves, j),
			  "`%s` is not a unit: this registry gives it the type %s; `serves` lists "
			  "the prisons or probation offices whose inmates the agency serves", id, type);
		sh_pop(c, old3), sh_pop(c, old2), sh_pop(c, old);
	}
}

static void check_agencies(sh_ctx *c, const json_t *o, const sh_loc *at)
{
	(void)at;
	const json_t *list = unique_ids_in(c, o, "agencies", "agency");
	size_t old = sh_push_key(c, "agencies");
	for (size_t i = 0; i < json_array_size(list); i++)
		check_serves(c, list, i);
	sh_pop(c, old);
}
OBJECT(agencies_doc, check_agencies, REQ("samplan", sh_const1), REQ("kind", sh_text),
       REQ("agencies", agency_list));

/* --- entry point ------------------------------------------------------------------------- */

const char *sp_doc_kind(const sp_doc *doc)
{
	const json_t *k = json_object_get(doc->root, "kind");
	return json_is_string(k) ? json_string_value(k) : NULL;
}

size_t sp_validate(const sp_doc *doc, sp_diags *diags)
{
	size_t before = diags->errors;
	sh_ctx c = {.doc = doc, .diags = diags};
	if (!json_is_object(doc->root)) {
		sh_report(&c, SP_ERROR, doc->pos, "a samplan document is a mapping of keys that "
						  "starts with `samplan: 1` and `kind:`");
		return diags->errors - before;
	}
	const json_t *kind = json_object_get(doc->root, "kind");
	static const char *const kinds[] = {"case", "agencies", "plan", NULL};
	if (!json_is_string(kind)) {
		/* under its key, like every other missing or mistyped key */
		sh_push_key(&c, "kind");
		sh_report(&c, SP_ERROR, kind ? sp_doc_pos(doc, doc->root, "kind") : doc->pos,
			  "%s; add `kind: case` or `kind: agencies`",
			  kind ? "must be text" : "is missing");
	} else if (strcmp(json_string_value(kind), "case") == 0) {
		sh_check(&c, doc->root, &(sh_loc){NULL, NULL, 0}, &case_doc);
	} else if (strcmp(json_string_value(kind), "agencies") == 0) {
		sh_check(&c, doc->root, &(sh_loc){NULL, NULL, 0}, &agencies_doc);
	} else if (strcmp(json_string_value(kind), "plan") == 0) {
		sh_check(&c, doc->root, &(sh_loc){NULL, NULL, 0}, &plan_doc);
	} else {
		const char *guess = sp_closest(json_string_value(kind), kinds);
		sh_push_key(&c, "kind");
		sh_report(&c, SP_ERROR, sp_doc_pos(doc, doc->root, "kind"),
			  "this kind of document cannot be checked here; %s%s%s",
			  guess ? "did you mean `" : "use `case`, `agencies` or `plan`", guess ? guess : "",
			  guess ? "`?" : "");
	}
	return diags->errors - before;
}
