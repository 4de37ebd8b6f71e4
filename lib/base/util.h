/* util.h — small helpers shared inside lib/ (not part of the public interface). */
#ifndef SP_UTIL_H
#define SP_UTIL_H

#include <stdarg.h>
#include <stddef.h>

/* Allocation that never returns NULL: out of memory ends the program with a message. */
void *sp_xmalloc(size_t n);
void *sp_xcalloc(size_t n, size_t size);
void *sp_xrealloc(void *p, size_t n);
char *sp_xstrdup(const char *s);
char *sp_xstrndup(const char *s, size_t n);
char *sp_xvasprintf(const char *fmt, va_list ap);
char *sp_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Damerau–Levenshtein distance (optimal string alignment), capped at 255. */
unsigned sp_edit_distance(const char *a, const char *b);

/* The candidate closest to word if it is close enough to be a likely typo, else NULL. */
const char *sp_closest(const char *word, const char *const *candidates);

#endif
