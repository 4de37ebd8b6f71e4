/* diag.h — problems found in input: where (file, document, line, column, key path) and what. */
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
