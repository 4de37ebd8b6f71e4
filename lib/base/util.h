/* SPDX-License-Identifier: MIT */
/* util.h — small helpers shared inside lib/ (not part of the public interface).
 * Layer: base; may include no other layer. */
#ifndef SP_UTIL_H
#define SP_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

/* Allocation that never returns NULL: out of memory ends the program with a message. */
void *sp_xmalloc(size_t n);
void *sp_xcalloc(size_t n, size_t size);
void *sp_xrealloc(void *p, size_t n);
char *sp_xstrdup(const char *s);
char *sp_xstrndup(const char *s, size_t n);
char *sp_xvasprintf(const char *fmt, va_list ap);
char *sp_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Append n bytes of s to a growing buffer: *buf holds *len bytes in *cap allocated, and
 * always a NUL after them. Inline: the readers call it for every escaped character. */
static inline void sp_buf_append(char **buf, size_t *len, size_t *cap, const void *s, size_t n)
{
	if (*len + n + 1 > *cap) {
		*cap = (*len + n + 1) * 2;
		*buf = sp_xrealloc(*buf, *cap);
	}
	memcpy(*buf + *len, s, n);
	*len += n;
	(*buf)[*len] = '\0';
}

/* Read f to its end into a NUL-terminated buffer (caller frees), its length in *len; NULL
 * with errno EFBIG once it holds more than max bytes, or EIO when reading fails. */
char *sp_read_all(FILE *f, size_t max, size_t *len);

/* Write code point cp (at most 0x10FFFF) as UTF-8 into out; returns the bytes written, 1-4. */
size_t sp_utf8_encode(unsigned cp, char out[4]);

/* True when s holds no word: nothing, or only white space (ASCII, and the Unicode spaces
 * such as U+00A0 no-break space and U+3000 ideographic space, written in UTF-8). */
bool sp_text_blank(const char *s);

/* Damerau–Levenshtein distance (optimal string alignment), capped at 255. */
unsigned sp_edit_distance(const char *a, const char *b);

/* The candidate closest to word if it is close enough to be a likely typo, else NULL. */
const char *sp_closest(const char *word, const char *const *candidates);

#endif
