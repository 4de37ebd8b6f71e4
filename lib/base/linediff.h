/* SPDX-License-Identifier: MIT */
/* linediff.h — the unified diff of two texts, line by line (Myers' algorithm), as `diff -u`
 * writes it: for showing what an edit to a case file changes (`--diff`, `--dry-run`).
 * Layer: base; may include no other layer. */
#ifndef SP_LINEDIFF_H
#define SP_LINEDIFF_H

#include <stddef.h>
#include <stdio.h>

/**
 * Write the unified diff of a[0..alen) and b[0..blen) on f, with headers `--- old_name` and
 * `+++ new_name`, three lines of context, hunks closer than that joined. Nothing when the
 * texts are the same. A last line without a line end is marked as diff marks it. A change
 * too large to find the shortest diff of cheaply is shown as one hunk that replaces the
 * changed region. Returns 0, or -1 when writing fails (errno set).
 */
int sp_diff_unified(FILE *f, const char *old_name, const char *a, size_t alen,
		    const char *new_name, const char *b, size_t blen);

#endif
