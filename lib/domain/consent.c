/* SPDX-License-Identifier: MIT */
/* consent.c — the consent rule (consent.h): the one place where consent is decided. */
#include "domain/consent.h"

#include <string.h>

bool sp_consent_holds(const sp_consent *k, sp_date on)
{
	return k->given <= on && !(k->has_expires && on >= k->expires) &&
	       !(k->has_withdrawn && on >= k->withdrawn);
}

/* The person and the unit that holds the case need no consent to see it. */
static bool holds_the_case(const json_t *c, const char *who)
{
	if (strcmp(who, SP_RECIPIENT_PERSON) == 0)
		return true;
	const char *unit = json_string_value(json_object_get(json_object_get(c, "unit"), "id"));
	return unit && strcmp(unit, who) == 0;
}

sp_domain_set sp_consent_shared(const json_t *c, const char *recipient, sp_date on)
{
	if (holds_the_case(c, recipient))
		return SP_ALL_DOMAINS;
	sp_domain_set set = 0;
	for (size_t i = 0; i < sp_case_consent_count(c); i++) {
		sp_consent k;
		if (sp_case_consent(c, i, &k) && strcmp(k.recipient, recipient) == 0 &&
		    sp_consent_holds(&k, on))
			set |= k.domains;
	}
	return set;
}

sp_domain_set sp_consent_shared_all(const json_t *c, const char *const *recipients, size_t n,
				    sp_date on)
{
	sp_domain_set set = SP_ALL_DOMAINS;
	for (size_t i = 0; i < n; i++)
		set &= sp_consent_shared(c, recipients[i], on);
	return set;
}

sp_consent_state sp_consent_state_of(const json_t *c, const char *recipient, sp_domain d,
				     sp_date on)
{
	if (sp_consent_shared(c, recipient, on) & (1u << d))
		return SP_CONSENT_GIVEN;
	for (size_t i = 0; i < sp_case_consent_count(c); i++) {
		sp_consent k;
		if (sp_case_consent(c, i, &k) && strcmp(k.recipient, recipient) == 0 &&
		    k.domains & (1u << d) && k.given <= on)
			return SP_CONSENT_WITHDRAWN; /* given by then, and no longer holds */
	}
	return SP_CONSENT_MISSING;
}
