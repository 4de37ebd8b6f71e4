/* postab.c — where every value and key of a document stood: a hash table keyed by the
 * parent container and the key (or index). Keyed by parent rather than by the value itself
 * because jansson shares one value for every true, false and null.
 *
 * An entry keeps a 64-bit hash of (parent, key or index), not the key text: places are only
 * ever used in messages, two keys of one mapping would need to collide in 64 bits to mix up
 * a line number, and not copying every key keeps reading fast. */
#include "docint.h"
#include "util.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct ent {
	uint64_t hash; /* 0 marks an empty slot */
	sp_pos val, key_pos;
};

struct sp_postab {
	struct ent *e;
	size_t cap, n;
};

static uint64_t hash_of(const json_t *parent, const char *key, size_t idx)
{
	uint64_t h = (uint64_t)(uintptr_t)parent * 0x9E3779B97F4A7C15ull;
	if (key) {
		h ^= 0xcbf29ce484222325ull;
		for (const unsigned char *p = (const unsigned char *)key; *p; p++)
			h = (h ^ *p) * 0x100000001b3ull;
	} else {
		h ^= (idx + 1) * 0xff51afd7ed558ccdull;
	}
	h ^= h >> 29;
	return h ? h : 1;
}

sp_postab *sp_postab_new(size_t expected)
{
	sp_postab *t = sp_xcalloc(1, sizeof *t);
	t->cap = 64;
	while (t->cap < 2 * expected + 2)
		t->cap *= 2;
	t->e = sp_xcalloc(t->cap, sizeof *t->e);
	return t;
}

void sp_postab_free(sp_postab *t)
{
	if (!t)
		return;
	free(t->e);
	free(t);
}

static void grow(sp_postab *t)
{
	struct ent *old = t->e;
	size_t oldcap = t->cap;
	t->cap *= 2;
	t->e = sp_xcalloc(t->cap, sizeof *t->e);
	for (size_t i = 0; i < oldcap; i++) {
		if (!old[i].hash)
			continue;
		size_t j = old[i].hash & (t->cap - 1);
		while (t->e[j].hash)
			j = (j + 1) & (t->cap - 1);
		t->e[j] = old[i];
	}
	free(old);
}

void sp_postab_put(sp_postab *t, const json_t *parent, const char *key, size_t idx, sp_pos val,
		   sp_pos key_pos)
{
	if (2 * (t->n + 1) > t->cap)
		grow(t);
	uint64_t h = hash_of(parent, key, idx);
	size_t j = h & (t->cap - 1);
	while (t->e[j].hash && t->e[j].hash != h)
		j = (j + 1) & (t->cap - 1);
	if (!t->e[j].hash)
		t->n++;
	t->e[j] = (struct ent){h, val, key_pos};
}

bool sp_postab_get(const sp_postab *t, const json_t *parent, const char *key, size_t idx,
		   sp_pos *val, sp_pos *key_pos)
{
	if (!t || !parent)
		return false;
	uint64_t h = hash_of(parent, key, idx);
	for (size_t j = h & (t->cap - 1); t->e[j].hash; j = (j + 1) & (t->cap - 1)) {
		if (t->e[j].hash == h) {
			if (val)
				*val = t->e[j].val;
			if (key_pos)
				*key_pos = t->e[j].key_pos;
			return true;
		}
	}
	return false;
}
