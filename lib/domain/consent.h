/* SPDX-License-Identifier: MIT */
/* consent.h — the consent rule: which domains of a case may be shared with whom, on a date.
 * The one place it is decided: letters (what a letter may tell its recipient), plans (what
 * a merged plan or a meeting's outline may show), screening and handovers (whether consent
 * for a need is there) and the calendar all ask here.
 * Layer: domain; may include base, doc and domain. */
#ifndef SP_CONSENT_H
#define SP_CONSENT_H

#include "domain/case.h"

/** The recipient that stands for the person the case is about (as in `letters[].recipient`). */
#define SP_RECIPIENT_PERSON "person"

/**
 * True if consent k holds on date `on`: from the day it was given (that day counts), until
 * the day it expires or is withdrawn (from that day on it no longer holds). Given
 * 2026-09-03, expires 2027-09-03: it holds on 2026-09-03 and on 2027-09-02, not on
 * 2027-09-03.
 */
bool sp_consent_holds(const sp_consent *k, sp_date on);

/**
 * The domains of case c that may be shared with `recipient` (an agency id) on date `on`:
 * those of every consent to it that holds on that day (sp_consent_holds), SP_ALL_DOMAINS
 * for one given for `all`. The person themself (SP_RECIPIENT_PERSON) and the correctional
 * unit that holds the case (its `unit.id`) are no recipients of the person's data: they
 * get SP_ALL_DOMAINS. Any other recipient without consent gets 0.
 */
sp_domain_set sp_consent_shared(const json_t *c, const char *recipient, sp_date on);

/**
 * The domains that may be shared with all n recipients at once on date `on` (at a meeting
 * where they all sit): those that sp_consent_shared() gives every one of them.
 * SP_ALL_DOMAINS when n is 0.
 */
sp_domain_set sp_consent_shared_all(const json_t *c, const char *const *recipients, size_t n,
				    sp_date on);

typedef enum { SP_CONSENT_GIVEN, SP_CONSENT_MISSING, SP_CONSENT_WITHDRAWN } sp_consent_state;

/**
 * Why domain d may or may not be shared with recipient on date `on`: GIVEN when
 * sp_consent_shared() has it; WITHDRAWN when a consent given by then covered it but has
 * been withdrawn or has expired; MISSING otherwise.
 */
sp_consent_state sp_consent_state_of(const json_t *c, const char *recipient, sp_domain d,
				     sp_date on);

#endif
