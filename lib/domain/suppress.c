/* SPDX-License-Identifier: MIT */
/* suppress.c — small-cell suppression of indicator groups, with the groups that would
 * give a hidden one away by subtraction hidden too. */
#include "domain/suppress.h"
#include "base/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Whether every dimension of a is one of b's, and b has more. */
static bool coarser(const sp_breakdown *a, const sp_breakdown *b)
{
	const sp_dimension *da, *db;
	size_t na = sp_breakdown_dims(a, &da), nb = sp_breakdown_dims(b, &db);
	if (na >= nb)
		return false;
	for (size_t i = 0; i < na; i++) {
		bool found = false;
		for (size_t j = 0; j < nb; j++)
			found |= da[i] == db[j];
		if (!found)
			return false;
	}
	return true;
}

/* The full key of the group of a that group g of b falls in: b's period, and b's values of
 * a's dimensions in a's order. */
static void projection(sp_breakdown *a, sp_breakdown *b, size_t g, char *out, size_t size)
{
	const sp_dimension *da, *db;
	size_t na = sp_breakdown_dims(a, &da), nb = sp_breakdown_dims(b, &db);
	const char *full = sp_breakdown_full_key(b, g), *values = sp_breakdown_key(b, g);
	const char *v[SP_BY_COUNT];
	size_t len[SP_BY_COUNT], n = 0;
	for (const char *p = values; n < nb; n++) {
		const char *sep = strchr(p, '\x1f');
		v[n] = p;
		len[n] = sep ? (size_t)(sep - p) : strlen(p);
		if (!sep) {
			n++;
			break;
		}
		p = sep + 1;
	}
	snprintf(out, size, "%.*s", (int)(values - full), full);
	for (size_t i = 0; i < na; i++)
		for (size_t j = 0; j < n; j++)
			if (da[i] == db[j])
				snprintf(out + strlen(out), size - strlen(out), "%s%.*s", i ? "\x1f" : "",
					 (int)len[j], v[j]);
}

/* One pair of breakdowns: the coarser a, and b whose groups add up to a's. */
typedef struct {
	size_t a, b;
	long *class;   /* per group of b, its group in a (-1: none) */
	size_t *order; /* b's groups by class: the refinements of each group of a together */
	size_t n;      /* b's groups */
} pair;

static uint64_t cases(sp_breakdown *b, size_t g) { return sp_breakdown_counters(b, g)->c[C_CASES]; }

/* Apply the rules once to refinements r[0..n) in b of a group of a; true if it hid one. */
static bool hide_class(sp_breakdown *b, bool *sb, const size_t *r, size_t n, bool of_hidden,
		       uint64_t min)
{
	size_t nh = 0, smallest = n;
	uint64_t hidden = 0;
	bool changed = false;
	for (size_t i = 0; i < n; i++) {
		size_t g = r[i];
		if (of_hidden && !sb[g])
			sb[g] = changed = true;
		if (sb[g]) {
			nh++;
			hidden += cases(b, g);
		} else if (smallest == n || cases(b, g) < cases(b, r[smallest])) {
			smallest = i;
		}
	}
	if (!of_hidden && nh > 0 && nh < n && (nh < 2 || hidden < min)) {
		sb[r[smallest]] = true;
		changed = true;
	}
	return changed;
}

/* A group of b and its class, sorted together (qsort has no context to look it up). */
typedef struct {
	long class;
	size_t g;
} member;

static int by_class(const void *x, const void *y)
{
	const member *a = x, *b = y;
	return a->class != b->class ? (a->class < b->class ? -1 : 1) : (a->g > b->g) - (a->g < b->g);
}

static void pair_make(pair *p, sp_breakdown *const *b, size_t j, size_t i)
{
	char key[2048];
	size_t ng = sp_breakdown_count(b[i]);
	*p = (pair){j, i, sp_xcalloc(ng ? ng : 1, sizeof *p->class),
		    sp_xcalloc(ng ? ng : 1, sizeof *p->order), ng};
	member *m = sp_xcalloc(ng ? ng : 1, sizeof *m);
	for (size_t g = 0; g < ng; g++) {
		projection(b[j], b[i], g, key, sizeof key);
		p->class[g] = sp_breakdown_find(b[j], key);
		m[g] = (member){p->class[g], g};
	}
	if (ng)
		qsort(m, ng, sizeof *m, by_class);
	for (size_t g = 0; g < ng; g++)
		p->order[g] = m[g].g;
	free(m);
}

/* One pass of the rules over every pair; true if it hid a group. */
static bool pass(sp_breakdown *const *b, bool **sup, const pair *pairs, size_t np, uint64_t min)
{
	bool changed = false;
	for (size_t k = 0; k < np; k++) {
		const pair *p = &pairs[k];
		for (size_t s = 0, e; s < p->n; s = e) {
			long of = p->class[p->order[s]];
			for (e = s; e < p->n && p->class[p->order[e]] == of; e++)
				;
			if (of >= 0)
				changed |= hide_class(b[p->b], sup[p->b], p->order + s, e - s,
						      sup[p->a][of], min);
		}
	}
	return changed;
}

bool **sp_breakdowns_suppressed(sp_breakdown *const *b, size_t nb, int min_cell)
{
	bool **sup = sp_xcalloc(nb ? nb : 1, sizeof *sup);
	for (size_t i = 0; i < nb; i++) {
		size_t ng = sp_breakdown_count(b[i]);
		sup[i] = sp_xcalloc(ng ? ng : 1, sizeof **sup);
		for (size_t g = 0; g < ng && min_cell > 1; g++)
			sup[i][g] = cases(b[i], g) < (uint64_t)min_cell;
	}
	if (min_cell <= 1)
		return sup;
	pair *pairs = sp_xcalloc(nb * nb + 1, sizeof *pairs);
	size_t np = 0;
	for (size_t i = 0; i < nb; i++)
		for (size_t j = 0; j < nb; j++)
			if (coarser(b[j], b[i]))
				pair_make(&pairs[np++], b, j, i);
	while (pass(b, sup, pairs, np, (uint64_t)min_cell))
		;
	for (size_t k = 0; k < np; k++) {
		free(pairs[k].class);
		free(pairs[k].order);
	}
	free(pairs);
	return sup;
}

void sp_suppressed_free(bool **sup, size_t nb)
{
	for (size_t i = 0; sup && i < nb; i++)
		free(sup[i]);
	free(sup);
}
