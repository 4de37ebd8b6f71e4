/* SPDX-License-Identifier: MIT */
/* alloc.c — per-thread pools of fixed-size blocks for jansson.
 *
 * Blocks carry a 16-byte header (keeping the 16-byte alignment malloc gives) that says
 * which size class they belong to; class 0 marks a large block that came straight from
 * malloc. Freed blocks go onto their class's list and are handed out again; the memory of
 * a pool is never returned, so it is as large as the most the thread ever held at once.
 * The lists are thread-local: a block freed by another thread simply joins that thread's
 * list. Process-global state is unavoidable here, since jansson's allocator hook is. */
#include "doc/alloc.h"
#include "base/util.h"

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { HEADER = 16, GRAIN = 16, CLASSES = 32 /* blocks up to 512 bytes */, CHUNK = 65536 };

struct pool {
	void *free[CLASSES + 1];
	char *next, *end; /* the unused rest of the current chunk */
	void *chunks;     /* list of chunks, linked through their first word */
};

static _Thread_local struct pool pool;

static void *pool_malloc(size_t n)
{
	size_t cls = (n + GRAIN - 1) / GRAIN;
	if (cls == 0)
		cls = 1;
	if (cls > CLASSES) {
		unsigned char *p = malloc(n + HEADER);
		if (!p)
			return NULL;
		memset(p, 0, HEADER);
		return p + HEADER;
	}
	unsigned char *p = pool.free[cls];
	if (p) {
		pool.free[cls] = *(void **)p;
		return p;
	}
	size_t size = HEADER + cls * GRAIN;
	if ((size_t)(pool.end - pool.next) < size) {
		char *chunk = malloc(CHUNK);
		if (!chunk)
			return NULL;
		*(void **)chunk = pool.chunks;
		pool.chunks = chunk;
		pool.next = chunk + HEADER; /* the link word, padded to keep alignment */
		pool.end = chunk + CHUNK;
	}
	unsigned char *block = (unsigned char *)pool.next;
	pool.next += size;
	memset(block, 0, HEADER);
	block[0] = (unsigned char)cls;
	return block + HEADER;
}

static void pool_free(void *ptr)
{
	if (!ptr)
		return;
	unsigned char *block = (unsigned char *)ptr - HEADER;
	size_t cls = block[0];
	if (cls == 0) {
		free(block);
		return;
	}
	*(void **)ptr = pool.free[cls];
	pool.free[cls] = ptr;
}

/* At exit, give the main thread's chunks back, so that leak checkers see no pool memory. */
static void release_chunks(void)
{
	while (pool.chunks) {
		void *next = *(void **)pool.chunks;
		free(pool.chunks);
		pool.chunks = next;
	}
}

#ifdef SAMPLAN_SANITIZE
static const bool sanitized = true; /* AddressSanitizer must see every value */
#else
static const bool sanitized = false;
#endif

static bool installed;

void sp_alloc_install(void)
{
	const char *plain = getenv("SAMPLAN_PLAIN_MALLOC");
	if (installed || sanitized || (plain && *plain && strcmp(plain, "0") != 0))
		return;
	installed = true;
	json_set_alloc_funcs(pool_malloc, pool_free);
	atexit(release_chunks);
}

void sp_json_free(void *p)
{
	json_malloc_t m;
	json_free_t f;
	json_get_alloc_funcs(&m, &f);
	f(p);
}
