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
	sp_agency_type services[SP_AGENCY_TYPE_COUNT];
	size_t nservices;
	int lead_days;
} sp_domain_rule;

/** A loaded rules document. Free with sp_rules_free(). */
typedef struct {
	int screening_timely_days;
	int short_sentence_days;
	int soon_extra_days;
	sp_urgency without_release;
	sp_domain_rule domain[SP_DOMAIN_COUNT];
	int ip_min_needs, ip_min_services;
	bool ip_past_and_current;
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
