/* SPDX-License-Identifier: MIT */
/* suppress.h — small-cell suppression: which groups of an indicator breakdown show no
 * counts, so that no report lets a reader single out a few people.
 * Layer: domain; may include base, doc and domain. */
#ifndef SP_SUPPRESS_H
#define SP_SUPPRESS_H

#include "domain/indicators.h"

#include <stdbool.h>

/**
 * Which groups of b show no counts (one flag per group, in sp_breakdown_key() order):
 * those of fewer than min_cell cases, and, when the hidden ones are fewer than min_cell
 * cases together or only one group, the next smallest as well, so that the total minus
 * the groups shown cannot give a small group's numbers. min_cell 1 hides nothing.
 * Never NULL (running out of memory ends the program). Caller frees with free().
 */
bool *sp_breakdown_suppressed(sp_breakdown *b, int min_cell);

#endif
