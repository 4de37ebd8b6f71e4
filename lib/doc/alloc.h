/* SPDX-License-Identifier: MIT */
/* alloc.h — a faster allocator for jansson's values.
 * Layer: doc; may include base and doc. */
#ifndef SP_ALLOC_H
#define SP_ALLOC_H

/**
 * Make jansson allocate its values from per-thread pools of fixed-size blocks instead of
 * malloc. Reading a document creates and frees thousands of small values; malloc keeps
 * only a few freed blocks of each size at hand, the pools keep them all, and reading
 * becomes markedly faster (bench/README.md). Memory stays bounded by the largest
 * document held at one time.
 *
 * Call it once, first thing in main, before any jansson value exists (sp_cli_init() does).
 * Afterwards, memory that jansson hands to the caller (json_dumps) must be released with
 * sp_json_free(), never free(); samplan uses json_dumpf and json_dumpb instead.
 * The environment variable SAMPLAN_PLAIN_MALLOC=1, and builds with sanitizers, leave
 * jansson on malloc, so that valgrind and AddressSanitizer see every value. Threads other
 * than the first keep their pool until the process ends.
 */
void sp_alloc_install(void);

/** Release memory that jansson allocated for the caller. */
void sp_json_free(void *p);

#endif
