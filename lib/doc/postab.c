/* SPDX-License-Identifier: MIT */
/* postab.c — where every value and key of a document stood.
 *
 * Reading records one entry per value, keyed by the parent container and the key (or
 * index): keyed by parent rather than by the value itself, because jansson shares one
 * value for every true, false and null. Entries are only appended while reading; the hash
 * index over them is built at the first look-up, so a document that nobody asks about (a
 * valid one) never pays for it.
 *
 * An entry keeps a 64-bit hash of (parent, key or index), not the key text: places are
 * only ever used in messages, two keys of one mapping would have to collide in 64 bits to
 * mix up a line number, and not copying every key keeps reading fast. */
#include "doc/docint.h"
#include "base/util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct ent {
	uint64_t hash;
	sp_pos val, key_pos;
};

struct sp_postab {
	struct ent *e; /* in the order recorded; a later entry for the same place wins */
	size_t n, cap;
	uint32_t *index; /* open addressing: entry number + 1, 0 for an empty slot */
	size_t slots;    /* a power of two, at least twice n; 0 until the first look-up */
};

/* key NULL: the place idx of a list; else klen bytes of key (SIZE_MAX: up to its NUL) */
static uint64_t hash_of(const json_t *parent, const char *key, size_t klen, size_t idx)
{
	uint64_t h = (uint64_t)(uintptr_t)parent * 0x9E3779B97F4A7C15ull;
	if (key) {
		h ^= 0xcbf29ce484222325ull;
		const unsigned char *p = (const unsigned char *)key;
		for (size_t i = 0; i < klen && p[i]; i++)
			h = (h ^ p[i]) * 0x100000001b3ull;
	} else {
		h ^= (idx + 1) * 0xff51afd7ed558ccdull;
	}
	return h ^ (h >> 29);
}

sp_postab *sp_postab_new(size_t expected)
{
	sp_postab *t = sp_xcalloc(1, sizeof *t);
	t->cap = expected > 64 ? expected + expected / 8 : 64;
	t->e = sp_xmalloc(t->cap * sizeof *t->e);
	return t;
}

void sp_postab_free(sp_postab *t)
{
	if (t) {
		free(t->e);
		free(t->index);
	}
	free(t);
}

static void index_entry(sp_postab *t, size_t i)
{
	size_t mask = t->slots - 1;
	size_t j = t->e[i].hash & mask;
	for (; t->index[j]; j = (j + 1) & mask) {
		if (t->e[t->index[j] - 1].hash == t->e[i].hash) {
			t->index[j] = (uint32_t)(i + 1); /* the later entry wins */
			return;
		}
	}
	t->index[j] = (uint32_t)(i + 1);
}

static void build_index(sp_postab *t)
{
	free(t->index);
	t->slots = 64;
	while (t->slots < 2 * t->n + 2)
		t->slots *= 2;
	t->index = sp_xcalloc(t->slots, sizeof *t->index);
	for (size_t i = 0; i < t->n; i++)
		index_entry(t, i);
}

void sp_postab_put(sp_postab *t, const json_t *parent, const char *key, size_t idx, sp_pos val,
		   sp_pos key_pos)
{
	sp_postab_putn(t, parent, key, SIZE_MAX, idx, val, key_pos);
}

void sp_postab_putn(sp_postab *t, const json_t *parent, const char *key, size_t klen, size_t idx,
		    sp_pos val, sp_pos key_pos)
{
	if (t->n == t->cap) {
		t->cap *= 2;
		t->e = sp_xrealloc(t->e, t->cap * sizeof *t->e);
	}
	t->e[t->n] = (struct ent){hash_of(parent, key, klen, idx), val, key_pos};
	t->n++;
	if (t->slots) { /* already indexed (a look-up happened while reading) */
		if (2 * t->n + 2 > t->slots)
			build_index(t);
		else
			index_entry(t, t->n - 1);
	}
}

bool sp_postab_get(const sp_postab *ct, const json_t *parent, const char *key, size_t idx,
		   sp_pos *val, sp_pos *key_pos)
{
	if (!ct || !parent)
		return false;
	sp_postab *t = (sp_postab *)ct; /* the index is a cache: building it changes no answer */
	if (!t->slots)
		build_index(t);
	uint64_t h = hash_of(parent, key, SIZE_MAX, idx);
	size_t mask = t->slots - 1;
	for (size_t j = h & mask; t->index[j]; j = (j + 1) & mask) {
		const struct ent *e = &t->e[t->index[j] - 1];
		if (e->hash == h) {
			if (val)
				*val = e->val;
			if (key_pos)
				*key_pos = e->key_pos;
			return true;
		}
	}
	return false;
}
