/* SPDX-License-Identifier: MIT */
/* case.h — typed access to the case model and the agencies registry. The accessors read
 * validated documents (sp_validate() found no errors); on other input they return what they
 * can and never crash. Strings returned are borrowed from the document.
 * Layer: domain; may include base, doc and domain. */
#ifndef SP_CASE_H
#define SP_CASE_H

#include "base/date.h"

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

/* --- domains ------------------------------------------------------------------------- */

/** The eight life domains of the screening matrix, in the canonical order. */
typedef enum {
	SP_PHYSICAL_HEALTH,
	SP_MENTAL_HEALTH,
	SP_SUBSTANCE_USE,
	SP_HOUSING,
	SP_FINANCES,
	SP_FAMILY,
	SP_LEGAL,
	SP_WORK_EDUCATION,
	SP_DOMAIN_COUNT
} sp_domain;

/** A set of domains: bit (1 << domain). */
typedef unsigned sp_domain_set;
#define SP_ALL_DOMAINS ((1u << SP_DOMAIN_COUNT) - 1)

/** "housing" for SP_HOUSING. */
const char *sp_domain_name(sp_domain d);

/** The domain named s, or -1. */
int sp_domain_parse(const char *s);

/* --- the case ------------------------------------------------------------------------ */

typedef enum {
	SP_SENTENCE_PRISON,
	SP_SENTENCE_COMMUNITY,
	SP_SENTENCE_ELECTRONIC_MONITORING,
	SP_SENTENCE_PREVENTIVE_DETENTION,
	SP_SENTENCE_REMAND,
} sp_sentence_type;

/** The person, unit and sentence of a case. */
typedef struct {
	const char *id;
	const char *person_name;
	const char *municipality;      /* home municipality number, "0301" */
	const char *municipality_name;
	const char *unit_id, *unit_name;
	bool unit_is_probation_office;
	sp_sentence_type sentence_type;
	sp_date start;
	bool has_release;
	sp_date release;
	bool supervision_after_release;
} sp_case_info;

/** Fill *out from case c; false if a required part is missing or malformed. */
bool sp_case_info_get(const json_t *c, sp_case_info *out);

/* Bits of sp_domain_answers.needs */
#define SP_NEED_CONTACT 1u
#define SP_NEED_ASSESSMENT 2u
#define SP_NEED_MEASURES 4u

/** One row of the screening matrix. */
typedef struct {
	bool present;     /* the domain was answered */
	bool past, current;
	bool has_contact; /* an established contact for help */
	unsigned needs;   /* SP_NEED_* bits */
} sp_domain_answers;

typedef struct {
	bool present; /* the case has a screening */
	sp_date date;
	bool wants_follow_up;
	sp_domain_answers d[SP_DOMAIN_COUNT];
} sp_screening;

/** The screening matrix of case c (out->present is false when it has none). */
void sp_case_screening(const json_t *c, sp_screening *out);

/** True if the domain is a need: `needs` not empty, or a current problem with no contact. */
bool sp_domain_is_need(const sp_domain_answers *a);

typedef struct {
	const char *recipient;
	sp_domain_set domains;
	sp_date given;
	bool has_expires, has_withdrawn;
	sp_date expires, withdrawn;
} sp_consent;

/** Number of consents in case c; sp_case_consent() fills the i-th (the rule that decides
 * what they allow is in consent.h). */
size_t sp_case_consent_count(const json_t *c);
bool sp_case_consent(const json_t *c, size_t i, sp_consent *out);

typedef enum {
	SP_IP_NONE,
	SP_IP_REQUESTED,
	SP_IP_REFUSED_BY_PERSON,
	SP_IP_IN_PROGRESS,
	SP_IP_ESTABLISHED
} sp_ip_status;

typedef struct {
	sp_ip_status status;
	bool has_requested;
	sp_date requested;
	const char *coordinator_name, *coordinator_agency; /* NULL when none */
	bool has_appointed;
	sp_date appointed;
	/* responsibility group */
	bool has_group;
	sp_date group_established;
	size_t group_members, group_meetings;
	bool has_first_meeting;
	sp_date first_meeting; /* the earliest meeting */
} sp_ip;

/** The IP process and responsibility group of case c. */
void sp_case_ip(const json_t *c, sp_ip *out);

typedef enum {
	SP_PLAN_FUTURE,
	SP_PLAN_INDIVIDUAL,
	SP_PLAN_ACTIVITY,
	SP_PLAN_HEALTH,
	SP_PLAN_OTHER
} sp_plan_type;

typedef struct {
	const json_t *node;
	const char *id, *owner;
	sp_plan_type type;
	bool has_updated;
	sp_date updated;
	const json_t *goals; /* list, or NULL */
} sp_plan;

typedef struct {
	const json_t *node;
	const char *id, *text;
	int domain;             /* sp_domain, or -1 for `other` */
	const json_t *measures; /* list, or NULL */
} sp_goal;

typedef enum { SP_MEASURE_PLANNED, SP_MEASURE_IN_PROGRESS, SP_MEASURE_DONE, SP_MEASURE_CANCELLED } sp_measure_status;

typedef struct {
	const json_t *node;
	const char *id, *text, *responsible; /* responsible may be NULL */
	bool has_due;
	sp_date due;
	sp_measure_status status;
} sp_measure;

size_t sp_case_plan_count(const json_t *c);
bool sp_case_plan(const json_t *c, size_t i, sp_plan *out);
size_t sp_plan_goal_count(const sp_plan *p);
bool sp_plan_goal(const sp_plan *p, size_t i, sp_goal *out);
size_t sp_goal_measure_count(const sp_goal *g);
bool sp_goal_measure(const sp_goal *g, size_t i, sp_measure *out);

/** Called for each measure by sp_case_each_measure(); return false to stop. */
typedef bool (*sp_measure_fn)(const sp_plan *p, const sp_goal *g, const sp_measure *m, void *ctx);

/** Every measure of every goal of every plan of case c, in file order, until fn returns
 * false; returns false when fn stopped it. */
bool sp_case_each_measure(const json_t *c, sp_measure_fn fn, void *ctx);

typedef enum { SP_OUTCOME_NONE, SP_OUTCOME_GRANTED, SP_OUTCOME_REFUSED, SP_OUTCOME_PARTIAL, SP_OUTCOME_ACKNOWLEDGED } sp_outcome;

typedef struct {
	const char *id, *template_id, *recipient;
	sp_date date;
	bool has_respond_by;
	sp_date respond_by;
	sp_outcome outcome; /* SP_OUTCOME_NONE: no response yet */
	sp_date response_date;
	int domain;         /* the domain the letter is about (optional key), or -1 */
} sp_letter;

size_t sp_case_letter_count(const json_t *c);
bool sp_case_letter(const json_t *c, size_t i, sp_letter *out);

typedef struct {
	sp_domain domain;
	const char *to, *confirmed_by;
	const char *contact;  /* who meets the person, or NULL; a name: never in messages */
	sp_date requested;
	bool has_confirmed, has_declined, has_starts;
	sp_date confirmed, declined;
	sp_date starts;       /* the date follow-up begins (only with confirmed) */
} sp_handover;

size_t sp_case_handover_count(const json_t *c);
bool sp_case_handover(const json_t *c, size_t i, sp_handover *out);

/** A programme the person takes part in during the sentence. */
typedef struct {
	const char *name;
	bool has_from, has_to;
	sp_date from, to;
} sp_programme;

size_t sp_case_programme_count(const json_t *c);
bool sp_case_programme(const json_t *c, size_t i, sp_programme *out);

/** A meeting of the responsibility group, held or planned (a date after as-of). */
typedef struct {
	sp_date date;
	bool has_time;
	int minute;                  /* local time of day in minutes from 00:00, with has_time */
	const json_t *participants;  /* list of agency ids, or NULL */
} sp_meeting;

/** Number of meetings of the responsibility group of case c; sp_case_meeting() fills the
 * i-th (false when it is not a meeting with a date). */
size_t sp_case_meeting_count(const json_t *c);
bool sp_case_meeting(const json_t *c, size_t i, sp_meeting *out);

/** Whether one of the contact officers of case c has this id (`contact_officers[].id`). */
bool sp_case_has_officer(const json_t *c, const char *id);

/* --- agencies ------------------------------------------------------------------------ */

typedef enum {
	SP_AGENCY_MUNICIPALITY,
	SP_AGENCY_NAV,
	SP_AGENCY_HEALTH_SERVICE,
	SP_AGENCY_SPECIALIST_HEALTH,
	SP_AGENCY_SCHOOL,
	SP_AGENCY_LEGAL_AID,
	SP_AGENCY_PRISON,
	SP_AGENCY_PROBATION_OFFICE,
	SP_AGENCY_OTHER,
	SP_AGENCY_TYPE_COUNT
} sp_agency_type;

/** "municipality" for SP_AGENCY_MUNICIPALITY. */
const char *sp_agency_type_name(sp_agency_type t);
/** The agency type named s, or -1. */
int sp_agency_type_parse(const char *s);
/** The usual answer time when an agency gives none: 21 days for municipalities and NAV,
 * 30 for specialist health, 14 for the others. */
int sp_agency_type_default_days(sp_agency_type t);

typedef struct {
	const json_t *node;
	const char *id, *name, *municipality; /* municipality may be NULL */
	sp_agency_type type;
	int response_days; /* from the registry, or the type's default */
	const json_t *serves; /* the units whose inmates it serves (a prison's health service),
			       * or NULL when its `serves` is absent or empty */
} sp_agency;

/** Whether agency a serves the inmates of the unit with this id (its `serves` names it). */
bool sp_agency_serves(const sp_agency *a, const char *unit_id);

/** A registry of agencies gathered from one or more `kind: agencies` documents. */
typedef struct sp_agencies sp_agencies;

/** An empty registry; free with sp_agencies_free(). */
sp_agencies *sp_agencies_new(void);
void sp_agencies_free(sp_agencies *reg);

/** Add every agency of an agencies document (the registry keeps a reference to it).
 * A later document's agency replaces an earlier one with the same id. */
void sp_agencies_add(sp_agencies *reg, json_t *agencies_doc);

/** The agency with this id, or NULL. */
const sp_agency *sp_agencies_find(const sp_agencies *reg, const char *id);

/** The agency of type municipality for a municipality number, or NULL. */
const sp_agency *sp_agencies_municipality(const sp_agencies *reg, const char *number);

/** Number of agencies, and the i-th in the order added. */
size_t sp_agencies_count(const sp_agencies *reg);
const sp_agency *sp_agencies_at(const sp_agencies *reg, size_t i);

#endif
