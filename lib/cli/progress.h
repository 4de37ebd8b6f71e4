/* SPDX-License-Identifier: MIT */
/* progress.h — how far a long run is, on the terminal: cases read, cases a second and the
 * share of the input, on one line of standard error overwritten in place a few times a
 * second and cleared at the end. Counts only: never a value of a case.
 * Layer: cli; may include base, doc, domain and cli. */
#ifndef SP_PROGRESS_H
#define SP_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct sp_progress sp_progress;

/**
 * Begin the progress of a tool (prog prefixes the line) reading files[0..n) ("-" is
 * standard input). NULL, and nothing is ever shown, when standard error is not a terminal,
 * or when standard output is that terminal and the tool writes to it (to_stdout): the two
 * would overwrite each other. The share of the input is shown when every file is a
 * regular file (standard input too), from their sizes. Caller ends with sp_progress_end().
 */
sp_progress *sp_progress_start(const char *prog, int n, char *const *files, bool to_stdout);

/**
 * Count one document read, and bytes more of the input. Cheap enough for every document,
 * and safe from several threads: the line is written when 250 ms have passed since the
 * last (a coarse clock, read once a document). NULL is fine.
 */
void sp_progress_doc(sp_progress *p, unsigned long long bytes);

/** Clear the line from the terminal, before a message is written to standard error; the
 * next line comes when it is due. Call with standard error locked (flockfile) when other
 * threads may write it. NULL is fine. */
void sp_progress_clear(sp_progress *p);

/** Clear the line and free p. NULL is fine. */
void sp_progress_end(sp_progress *p);

#endif
