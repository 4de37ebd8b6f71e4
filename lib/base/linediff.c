/* SPDX-License-Identifier: MIT */
/* linediff.c — the unified diff of two texts (linediff.h). The lines both texts begin and end
 * with are set aside first (an edit changes a few lines of a long file), then Myers' O(ND)
 * algorithm finds the shortest edit script of what is left, keeping one row of its
 * furthest reaching paths per step for the way back. */
#include "base/linediff.h"
#include "base/util.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	const char *s;
	size_t n; /* with its line end, if it has one */
} line;

static line *split(const char *s, size_t len, size_t *count)
{
	size_t n = 0, cap = 64;
	line *v = sp_xmalloc(cap * sizeof *v);
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t k = nl ? (size_t)(nl - (s + i)) + 1 : len - i;
		if (n == cap)
			v = sp_xrealloc(v, (cap *= 2) * sizeof *v);
		v[n++] = (line){s + i, k};
		i += k;
	}
	*count = n;
	return v;
}

static bool same(line x, line y) { return x.n == y.n && memcmp(x.s, y.s, x.n) == 0; }

/* An edit script: for each line of a, kept or deleted; for each of b, kept or inserted. */
enum { KEEP, DEL, INS };

/* Myers over a[0..n), b[0..m): marks ka[i] / kb[j] true for the lines kept. Returns false
 * when the script would take more than max_d steps (the caller shows one block). */
static bool myers(const line *a, size_t n, const line *b, size_t m, bool *ka, bool *kb,
		  size_t max_d)
{
	size_t width = 2 * (n + m) + 1, off = n + m;
	if (n + m == 0)
		return true;
	size_t dmax = n + m < max_d ? n + m : max_d;
	/* the trace keeps a row of width longs a step: at most 64 MiB of them */
	size_t rows = ((size_t)64 << 20) / sizeof(long) / width;
	if (dmax + 1 > rows)
		dmax = rows ? rows - 1 : 0;
	if ((dmax + 1) > SIZE_MAX / width / sizeof(long))
		return false;
	long *trace = sp_xmalloc((dmax + 1) * width * sizeof *trace);
	long *v = sp_xcalloc(width, sizeof *v);
	size_t found = SIZE_MAX;
	for (size_t d = 0; d <= dmax && found == SIZE_MAX; d++) {
		for (long k = -(long)d; k <= (long)d; k += 2) {
			long x;
			if (k == -(long)d || (k != (long)d && v[off + k - 1] < v[off + k + 1]))
				x = v[off + k + 1];
			else
				x = v[off + k - 1] + 1;
			long y = x - k;
			while ((size_t)x < n && (size_t)y < m && same(a[x], b[y])) {
				x++;
				y++;
			}
			v[off + k] = x;
			if ((size_t)x >= n && (size_t)y >= m) {
				found = d;
				break;
			}
		}
		memcpy(trace + d * width, v, width * sizeof *v);
	}
	free(v);
	if (found == SIZE_MAX) {
		free(trace);
		return false;
	}
	/* back from (n, m): each step was one insertion or deletion after a diagonal run */
	long x = (long)n, y = (long)m;
	for (size_t d = found; d > 0; d--) {
		const long *pv = trace + (d - 1) * width;
		long k = x - y, pk;
		if (k == -(long)d || (k != (long)d && pv[off + k - 1] < pv[off + k + 1]))
			pk = k + 1;
		else
			pk = k - 1;
		long px = pv[off + pk], py = px - pk;
		while (x > px && y > py) {
			ka[--x] = true;
			kb[--y] = true;
		}
		x = px;
		y = py;
	}
	while (x > 0 && y > 0) {
		ka[--x] = true;
		kb[--y] = true;
	}
	free(trace);
	return true;
}

static void put_line(FILE *f, char mark, line l)
{
	fputc(mark, f);
	fwrite(l.s, 1, l.n, f);
	if (!l.n || l.s[l.n - 1] != '\n')
		fputs("\n\\ No newline at end of file\n", f);
}

/* A hunk's range as diff writes it: "3,4"; "3" for one line; "2,0" (the line before) for none. */
static void range(FILE *f, size_t from, size_t count)
{
	if (count == 1)
		fprintf(f, "%zu", from + 1);
	else
		fprintf(f, "%zu,%zu", count ? from + 1 : from, count);
}

int sp_diff_unified(FILE *f, const char *old_name, const char *a, size_t alen,
		    const char *new_name, const char *b, size_t blen)
{
	size_t n, m;
	line *la = split(a, alen, &n), *lb = split(b, blen, &m);
	size_t pre = 0, suf = 0;
	while (pre < n && pre < m && same(la[pre], lb[pre]))
		pre++;
	while (suf < n - pre && suf < m - pre && same(la[n - 1 - suf], lb[m - 1 - suf]))
		suf++;
	if (pre == n && pre == m) {
		free(la);
		free(lb);
		return 0;
	}
	bool *ka = sp_xcalloc(n + 1, sizeof *ka), *kb = sp_xcalloc(m + 1, sizeof *kb);
	for (size_t i = 0; i < pre; i++)
		ka[i] = kb[i] = true;
	for (size_t i = 0; i < suf; i++)
		ka[n - 1 - i] = kb[m - 1 - i] = true;
	myers(la + pre, n - pre - suf, lb + pre, m - pre - suf, ka + pre, kb + pre, 2000);
	/* the script as a walk over both texts: hunks of changes with three lines around */
	fprintf(f, "--- %s\n+++ %s\n", old_name, new_name);
	size_t i = 0, j = 0;
	while (i < n || j < m) {
		while (i < n && j < m && ka[i] && kb[j]) {
			i++;
			j++;
		}
		if (i >= n && j >= m)
			break;
		/* a hunk from three lines before this change to three after its last change, joining
		 * changes that are at most six kept lines apart */
		size_t hi = i > 3 ? i - 3 : 0, hj = j > 3 ? j - 3 : 0, ei = i, ej = j;
		for (;;) {
			while (ei < n && !ka[ei])
				ei++;
			while (ej < m && !kb[ej])
				ej++;
			size_t run = 0;
			while (ei + run < n && ej + run < m && ka[ei + run] && kb[ej + run] && run <= 6)
				run++;
			bool more = (ei + run < n && !ka[ei + run]) || (ej + run < m && !kb[ej + run]);
			if (run <= 6 && more) {
				ei += run;
				ej += run;
				continue;
			}
			size_t ctx = run < 3 ? run : 3;
			ei += ctx;
			ej += ctx;
			break;
		}
		fputs("@@ -", f);
		range(f, hi, ei - hi);
		fputs(" +", f);
		range(f, hj, ej - hj);
		fputs(" @@\n", f);
		size_t x = hi, y = hj;
		while (x < ei || y < ej) {
			if (x < ei && y < ej && ka[x] && kb[y]) {
				put_line(f, ' ', la[x++]);
				y++;
			} else if (x < ei && !ka[x]) {
				put_line(f, '-', la[x++]);
			} else if (y < ej && !kb[y]) {
				put_line(f, '+', lb[y++]);
			} else {
				break; /* cannot happen: kept lines pair up */
			}
		}
		i = ei;
		j = ej;
	}
	free(ka);
	free(kb);
	free(la);
	free(lb);
	return ferror(f) ? (errno = errno ? errno : EIO, -1) : 0;
}
