/* SPDX-License-Identifier: MIT */
/* merge.h — one plan for the person: the agencies' plans merged into one individual plan,
 * led by the municipality, with the future plan and the others kept as named parts, every
 * goal and measure carrying its sources, and the places where the plans disagree.
 * Layer: domain; may include base, doc and domain. */
#ifndef SP_MERGE_H
#define SP_MERGE_H

#include "domain/case.h"
#include "domain/rules.h"

/** Normalise text for matching: lower case, æ→ae ø→o å→a (and é…), punctuation and
 * runs of white space to one space, trimmed. Writes at most size bytes to out; returns out. */
char *sp_normalise(const char *text, char *out, size_t size);

typedef struct {
	const sp_rules *rules;     /* for the needs when the case has no assessment */
	const sp_agencies *reg;    /* the home municipality's agency (may be NULL) */
	sp_date as_of;
	const json_t *base_plans;  /* --base: the plans as they were when all agreed, or NULL */
} sp_merge_opts;

/**
 * Merge the plans of case c (its `plans`, with `extra` plan objects added, replacing a plan
 * of the same id) into `individual_plan` and `merge_report`, which are set on c (replacing
 * earlier ones in their place); extra plans are added to `plans`. Returns the number of
 * findings. The result does not depend on the order of the plans.
 */
size_t sp_merge_plans(json_t *c, json_t *const *extra, size_t nextra, const sp_merge_opts *o);

#endif
