/* SPDX-License-Identifier: MIT */
/* rules.h — the screening rules (kind: rules): services and lead times per domain, the
 * timeliness, short-sentence and individual-plan rules, and which letters to suggest.
 * The built-in default is rules/default.yaml, compiled in; samplan-rules(5) explains it.
 * Layer: domain; may include base, doc and domain. */
#ifndef SP_RULES_H
#define SP_RULES_H

#include "domain/case.h"
#include "base/diag.h"
#include "doc/doc.h"

/** How soon work on a need must start. */
typedef enum { SP_URGENT, SP_SOON, SP_ROUTINE, SP_RELEASED } sp_urgency;

/** "urgent", "soon", "routine", "released". */
const char *sp_urgency_name(sp_urgency u);

/** When a letter is suggested (see rules/default.yaml). */
typedef enum {
	SP_WHEN_ALWAYS,
	SP_WHEN_IP_INDICATED,
	SP_WHEN_IP_NOT_REQUESTED,
	SP_WHEN_COORDINATOR_MISSING,
	SP_WHEN_GROUP_MISSING,
	SP_WHEN_NEED,
	SP_WHEN_NO_FOLLOW_UP,
} sp_letter_when;

/** The recipient of a letter rule that is the person, not an agency type. */
#define SP_TO_PERSON (-1)

typedef struct {
	const char *template_id; /* borrowed from the rules document */
	int to;                  /* sp_agency_type, or SP_TO_PERSON */
	sp_letter_when when;
	int domain;              /* sp_domain for SP_WHEN_NEED, else -1 */
} sp_letter_rule;

typedef struct {
	sp_agency_type services[SP_AGENCY_TYPE_COUNT]; /* for after release, home municipality */
	size_t nservices;
	sp_agency_type while_serving[SP_AGENCY_TYPE_COUNT]; /* during the sentence: services
							      that serve the person's unit */
	size_t nwhile_serving;
	int lead_days;
} sp_domain_rule;

/** When a responsibility group is expected (bits of sp_rules.group_when). */
enum {
	SP_GROUP_IP_INDICATED = 1u << 0,      /* an IP is indicated (no group: a gap) */
	SP_GROUP_PROGRAMME = 1u << 1,         /* the person takes part in a programme */
	SP_GROUP_PARTNER_MEASURE = 1u << 2,   /* a partner runs a measure in a plan */
	SP_GROUP_PARTNER_HANDOVER = 1u << 3,  /* a partner confirmed a handover while serving */
};

/** A loaded rules document. Free with sp_rules_free(). */
typedef struct {
	int screening_timely_days;
	int short_sentence_days;
	int soon_extra_days;
	sp_urgency without_release;
	sp_domain_rule domain[SP_DOMAIN_COUNT];
	int ip_min_needs, ip_min_services;
	bool ip_past_and_current;
	/* handover: the deadline is release − deadline_days (--days overrides it); follow-up
	 * starts late more than starts_late_days after release; a confirmed need without a
	 * start date is reported from start_unknown_days before release */
	int handover_deadline_days, starts_late_days, start_unknown_days;
	int answer_min_working_days; /* the shortest answer time a letter may ask for */
	unsigned group_when;         /* SP_GROUP_* */
	unsigned coordinator_agencies; /* bits (1 << sp_agency_type) that may appoint one */
	sp_letter_rule *letters;
	size_t nletters;
	json_t *doc; /* the document the strings are borrowed from */
} sp_rules;

/** The built-in rules as YAML text (what --print-rules writes). */
const char *sp_rules_default_text(void);

/** The built-in rules. Never fails (the tests check the built-in text). */
sp_rules *sp_rules_default(void);

/**
 * Read and check a rules file ("-" for standard input). Every problem goes to diags with
 * file, line, column and key path; returns NULL if there is any error.
 */
sp_rules *sp_rules_load(const char *path, sp_diags *diags);

/** Check a rules document and build the rules from it; NULL (problems in diags) on error. */
sp_rules *sp_rules_from_doc(const sp_doc *doc, sp_diags *diags);

void sp_rules_free(sp_rules *r);

#endif
