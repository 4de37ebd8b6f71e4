/* SPDX-License-Identifier: MIT */
/* suppress.c — small-cell suppression of indicator groups. */
#include "domain/suppress.h"
#include "base/util.h"

bool *sp_breakdown_suppressed(sp_breakdown *b, int min_cell)
{
	size_t n = sp_breakdown_count(b);
	bool *sup = sp_xcalloc(n, sizeof *sup);
	if (min_cell <= 1)
		return sup;
	uint64_t hidden = 0, min = (uint64_t)min_cell;
	size_t nh = 0;
	for (size_t i = 0; i < n; i++) {
		uint64_t cases = sp_breakdown_counters(b, i)->c[C_CASES];
		if (cases < min) {
			sup[i] = true;
			hidden += cases;
			nh++;
		}
	}
	while (nh > 0 && nh < n && (nh < 2 || hidden < min)) {
		size_t best = n;
		for (size_t i = 0; i < n; i++)
			if (!sup[i] &&
			    (best == n || sp_breakdown_counters(b, i)->c[C_CASES] <
			                      sp_breakdown_counters(b, best)->c[C_CASES]))
				best = i;
		sup[best] = true;
		hidden += sp_breakdown_counters(b, best)->c[C_CASES];
		nh++;
	}
	return sup;
}
