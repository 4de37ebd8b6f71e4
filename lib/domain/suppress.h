/* SPDX-License-Identifier: MIT */
/* suppress.h — small-cell suppression: which groups of indicator breakdowns show no
 * counts, so that no report lets a reader single out a few people, nor work a hidden
 * group's numbers out of those shown.
 * Layer: domain; may include base, doc and domain. */
#ifndef SP_SUPPRESS_H
#define SP_SUPPRESS_H

#include "domain/indicators.h"

#include <stdbool.h>

/**
 * Which groups of the breakdowns b[0..nb) show no counts: sup[i][g] for group g (in
 * sp_breakdown_key() order) of b[i]. Every counter of a group is a sum over its cases, so
 * a group of a breakdown is the sum of its refinements in any breakdown whose dimensions
 * take in its own (b[0], with none, is the sum of every breakdown; unit is the sum of
 * unit+municipality for that unit), period by period in a series. Hidden are:
 *   - the groups of fewer than min_cell cases;
 *   - every refinement of a hidden group;
 *   - among the refinements of a group shown, when those hidden are only one or fewer
 *     than min_cell cases together, the next smallest, until they are not;
 * repeated until nothing changes. min_cell 1 hides nothing. Never NULL (running out of
 * memory ends the program). Free with sp_suppressed_free().
 */
bool **sp_breakdowns_suppressed(sp_breakdown *const *b, size_t nb, int min_cell);

void sp_suppressed_free(bool **sup, size_t nb);

#endif
