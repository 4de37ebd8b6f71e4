/* SPDX-License-Identifier: MIT */
/* util.c — allocation, typo suggestions, UTF-8 and reading a whole file. */
#include "base/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void oom(void)
{
	fputs("samplan: out of memory\n", stderr);
	exit(2);
}

void *sp_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *sp_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *sp_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *sp_xstrndup(const char *s, size_t n)
{
	char *p = sp_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *sp_xstrdup(const char *s) { return sp_xstrndup(s, strlen(s)); }

char *sp_xvasprintf(const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		oom();
	char *p = sp_xmalloc((size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *sp_xasprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = sp_xvasprintf(fmt, ap);
	va_end(ap);
	return p;
}

unsigned sp_edit_distance(const char *a, const char *b)
{
	enum { MAX = 64 };
	size_t la = strlen(a), lb = strlen(b);
	if (la >= MAX || lb >= MAX)
		return 255;
	unsigned d[MAX][MAX];
	for (size_t i = 0; i <= la; i++)
		d[i][0] = (unsigned)i;
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = (unsigned)j;
	for (size_t i = 1; i <= la; i++) {
		for (size_t j = 1; j <= lb; j++) {
			unsigned cost = a[i - 1] != b[j - 1];
			unsigned best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (d[i - 1][j - 1] + cost < best)
				best = d[i - 1][j - 1] + cost;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

const char *sp_closest(const char *word, const char *const *candidates)
{
	const char *best = NULL;
	unsigned best_d = 255;
	size_t len = strlen(word);
	unsigned limit = len <= 3 ? 1 : len <= 6 ? 2 : 3;
	for (; *candidates; candidates++) {
		unsigned dist = sp_edit_distance(word, *candidates);
		if (dist < best_d) {
			best_d = dist;
			best = *candidates;
		}
	}
	return best_d <= limit ? best : NULL;
}

bool sp_text_blank(const char *s)
{
	/* the white space of Unicode outside ASCII, in UTF-8 */
	static const char *const spaces[] = {
	    "\xC2\x85", "\u00A0", "\u1680", "\u2000", "\u2001", "\u2002", "\u2003", "\u2004",
	    "\u2005", "\u2006", "\u2007", "\u2008", "\u2009", "\u200A", "\u200B", "\u2028",
	    "\u2029", "\u202F", "\u205F", "\u3000", "\uFEFF", NULL};
	while (*s) {
		if (strchr(" \t\n\v\f\r", *s)) {
			s++;
			continue;
		}
		const char *const *sp = spaces;
		while (*sp && strncmp(s, *sp, strlen(*sp)) != 0)
			sp++;
		if (!*sp)
			return false;
		s += strlen(*sp);
	}
	return true;
}

size_t sp_utf8_encode(unsigned cp, char out[4])
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xC0 | cp >> 6);
		out[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xE0 | cp >> 12);
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char)(0xF0 | cp >> 18);
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

char *sp_read_all(FILE *f, size_t max, size_t *len)
{
	size_t cap = 4096, n = 0, r;
	char *text = sp_xmalloc(cap);
	while (n <= max && (r = fread(text + n, 1, cap - n - 1, f)) > 0) {
		n += r;
		if (n + 1 == cap)
			text = sp_xrealloc(text, cap *= 2);
	}
	if (n > max || ferror(f)) {
		free(text);
		errno = n > max ? EFBIG : EIO;
		return NULL;
	}
	text[n] = '\0';
	*len = n;
	return text;
}
