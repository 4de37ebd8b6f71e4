/* SPDX-License-Identifier: MIT */
/* screen.h — from the screening matrix to needs, referrals, urgency, the individual-plan
 * decision and the letters to send: the one place this is decided (samplan-screen,
 * samplan-handover-check and samplan-indicators all call sp_assess).
 * Layer: domain; may include base, doc and domain. */
#ifndef SP_SCREEN_H
#define SP_SCREEN_H

#include "domain/case.h"
#include "domain/rules.h"

/* Bits of sp_need.actions (the first three are the screening's own words) */
#define SP_ACTION_CONTACT SP_NEED_CONTACT
#define SP_ACTION_ASSESSMENT SP_NEED_ASSESSMENT
#define SP_ACTION_MEASURES SP_NEED_MEASURES
#define SP_ACTION_INFORM 8u /* make sure the person knows where to turn after release */

/** Consent to the recipient of a need. */
typedef enum { SP_NEED_GIVEN, SP_NEED_MISSING, SP_NEED_WITHDRAWN, SP_NEED_NOT_WANTED } sp_need_consent;

/** "given", "missing", "withdrawn", "not_wanted". */
const char *sp_need_consent_name(sp_need_consent c);

typedef struct {
	sp_domain domain;
	unsigned actions; /* SP_ACTION_* */
	const sp_domain_rule *rule; /* services and lead time */
	sp_urgency urgency;
	sp_need_consent consent;
	const char *recipient; /* agency id of the first service, or NULL if none is known */
	const char *while_serving; /* agency id of the service that serves the person's unit
				    * now (the rule's while_serving), or NULL */
} sp_need;

typedef struct {
	const char *template_id; /* borrowed from the rules */
	const char *recipient;   /* agency id, or "person"; borrowed */
} sp_suggestion;

/* Warnings (bits of sp_assessment.warnings); sp_assessment_json() words them. */
enum {
	SP_WARN_NO_SCREENING = 1u << 0,
	SP_WARN_DOMAINS_MISSING = 1u << 1,
	SP_WARN_RELEASED = 1u << 2,
	SP_WARN_NO_REGISTRY = 1u << 3,
	SP_WARN_NO_HOME_MUNICIPALITY = 1u << 4,
	SP_WARN_NO_SERVICE_AGENCY = 1u << 5, /* for the domains in no_agency */
	SP_WARN_NO_UNIT_SERVICE = 1u << 6,   /* for the domains in no_unit_service */
	SP_WARN_CONSENT_EXPIRES = 1u << 7,   /* a consent runs out before the release date */
	SP_WARN_COUNT = 8
};

/** The text of one warning bit (for SP_WARN_NO_SERVICE_AGENCY and SP_WARN_NO_UNIT_SERVICE
 * without the domains and the unit). */
const char *sp_warning_text(unsigned bit);

/** What screening derives for one case. Strings are borrowed from the case, the rules
 * and the registry. */
typedef struct {
	sp_date as_of;
	bool has_release;
	int days_to_release; /* release − as_of; meaningful when has_release */
	bool short_sentence, screening_timely;
	int risk_areas;
	sp_need needs[SP_DOMAIN_COUNT];
	size_t nneeds;
	bool ip_indicated, coordinator_required;
	sp_suggestion letters[32];
	size_t nletters;
	unsigned warnings;          /* SP_WARN_* */
	sp_domain_set no_agency;    /* needs whose service has no agency in the registry */
	sp_domain_set no_unit_service; /* needs with while_serving rules whose service for the
					* person's unit has no agency in the registry */
	/* what was read of the case, for the code that goes on from the assessment */
	sp_case_info info;
	sp_screening screening;
	sp_ip ip;
} sp_assessment;

/**
 * Assess case c (a valid case) as of a date under the rules; reg may be NULL (no agencies
 * registry: recipients are unknown and no letters to agencies are suggested).
 */
void sp_assess(const json_t *c, const sp_rules *rules, const sp_agencies *reg, sp_date as_of,
	       sp_assessment *out);

/** The `assessment` mapping of the format (samplan-case(5)). Caller owns the reference. */
json_t *sp_assessment_json(const sp_assessment *a);

/**
 * The agency that takes on a service of type t for case c (in domain d, or -1 for the
 * case as a whole) after release, from the registry. After release the person's services
 * are those of the home municipality, so in this order: an agency of type t in the home
 * municipality that the case already names (the handover for the domain, a consent that
 * covers it, any consent, a letter); any agency of type t in the home municipality; one of
 * type t that the case names elsewhere. An agency with `serves` (a prison's health service)
 * is never taken: it serves inmates, not the person after release. NULL if there is none.
 */
const sp_agency *sp_service_agency(const sp_agencies *reg, const json_t *c, sp_agency_type t,
				   int d);

#endif
