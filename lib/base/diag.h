/* SPDX-License-Identifier: MIT */
/* diag.h — problems found in input: where (file, document, line, column, key path) and what.
 *
 * How samplan's functions fail: one convention, and a new function uses one of its two
 * ways, never a third (no error strings passed out, no bool with a reason beside it).
 *
 *  1. A system error (a file that cannot be opened, written, synced or renamed; memory
 *     aside) is returned as 0 on success and -1 with errno set; a function that returns a
 *     pointer returns NULL with errno set. The caller adds the words: sp_out_commit().
 *  2. A problem in the input (a document, a rules file, a registry, a template) goes to an
 *     sp_diags, with file, document, line, column and key path, in plain words and never
 *     quoting a value of the input. The function returns what its comment says: the number
 *     of errors it added (sp_validate()), NULL for an object it could not build
 *     (sp_rules_load()), or -1 for a stream it cannot go on reading (sp_reader_next()).
 *     It adds every problem it finds, not only the first, where it can go on.
 *
 * Lookups and parsers of one value (sp_date_parse(), sp_domain_parse()) answer false or -1
 * without words: not finding is not an error, and the caller knows what to say.
 * Running out of memory ends the program (sp_xmalloc(), sp_diags_add()): nothing to return.
 *
 * Who speaks and who ends: only lib/cli prints messages (sp_cli_error(); sp_diags_print()
 * is called from lib/cli, and from cmd/ on its way to lib/cli), and only cmd/ and lib/cli
 * exit; every other layer returns, as above, and leaves the words and the exit status to
 * them.
 * Layer: base; may include no other layer. */
#ifndef SP_DIAG_H
#define SP_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/** A place in an input file; line and col count from 1, 0 means unknown. */
typedef struct {
	unsigned line, col;
} sp_pos;

typedef enum { SP_ERROR, SP_WARNING } sp_severity;

/** One problem. Strings are owned by the list that holds it. */
typedef struct {
	sp_severity severity;
	char *file;   /* as given on the command line; "-" is shown as "<stdin>" */
	unsigned doc; /* 1-based document number in the file; 0 for the file as a whole */
	sp_pos pos;
	char *path;   /* key path such as "screening.domains.housing.needs[1]"; may be "" */
	char *msg;    /* plain words, never a value from the document */
} sp_diag;

/** A growing list of problems. Zero-initialise; free with sp_diags_free(). */
typedef struct {
	sp_diag *v;
	size_t n, cap;
	size_t errors, warnings;
	bool strict; /* when set, sp_diags_add() records warnings as errors */
} sp_diags;

/** Append a problem (message printf-style). Aborts the program if memory runs out. */
void sp_diags_add(sp_diags *d, sp_severity sev, const char *file, unsigned doc, sp_pos pos,
		  const char *path, const char *fmt, ...) __attribute__((format(printf, 7, 8)));

/** Remove every problem (keeps the memory for reuse). */
void sp_diags_clear(sp_diags *d);

/** Free the list's memory. */
void sp_diags_free(sp_diags *d);

/** The name a file is shown under in messages: "<stdin>" for "-" or NULL. */
const char *sp_display_name(const char *file);

/**
 * Print each problem as "[PROG: ]FILE:LINE:COL: error|warning: [document N: ][PATH: ]MSG".
 * "document N" is shown for documents after the first of a stream.
 */
void sp_diags_print(const sp_diags *d, FILE *f, const char *prog);

/** Print one problem in the form above. */
void sp_diag_print(const sp_diag *p, FILE *f, const char *prog);

#endif
