/* SPDX-License-Identifier: MIT */
/* progress.c — a line on the terminal that says how far a long run is. */
#include "cli/progress.h"
#include "base/util.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

enum { EVERY_MS = 250 }; /* a few lines a second: enough to see it move, too few to cost */

struct sp_progress {
	const char *prog;
	unsigned long long total; /* bytes of the input; 0 when a file is not a regular one */
	long long start_ms;
	atomic_ulong docs;
	atomic_ullong bytes;
	atomic_llong due_ms;      /* when the next line may be written */
	int shown;                /* the width of the line on the terminal; 0: none */
};

/* The coarse clock is read from memory the kernel maps in, without a system call, to a
 * few milliseconds: read once a document, it costs nothing a run would notice. */
static long long now_ms(void)
{
	struct timespec ts;
#ifdef CLOCK_MONOTONIC_COARSE
	clock_gettime(CLOCK_MONOTONIC_COARSE, &ts);
#else
	clock_gettime(CLOCK_MONOTONIC, &ts);
#endif
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* The bytes of files[0..n), or 0 when one of them is not a regular file (a pipe, a
 * terminal, a folder): then no share can be told. */
static unsigned long long input_size(int n, char *const *files)
{
	unsigned long long total = 0;
	for (int i = 0; i < n; i++) {
		struct stat st;
		bool is_stdin = strcmp(files[i], "-") == 0;
		if ((is_stdin ? fstat(STDIN_FILENO, &st) : stat(files[i], &st)) != 0 ||
		    !S_ISREG(st.st_mode))
			return 0;
		total += (unsigned long long)st.st_size;
	}
	return total;
}

sp_progress *sp_progress_start(const char *prog, int n, char *const *files, bool to_stdout)
{
	if (!isatty(STDERR_FILENO) || (to_stdout && isatty(STDOUT_FILENO)))
		return NULL;
	static char *const stdin_only[] = {"-"};
	sp_progress *p = sp_xcalloc(1, sizeof *p);
	p->prog = prog;
	p->total = n ? input_size(n, files) : input_size(1, stdin_only);
	p->start_ms = now_ms();
	atomic_init(&p->docs, 0);
	atomic_init(&p->bytes, 0);
	atomic_init(&p->due_ms, p->start_ms + EVERY_MS);
	return p;
}

static void show(sp_progress *p, long long now)
{
	unsigned long docs = atomic_load(&p->docs);
	unsigned long long bytes = atomic_load(&p->bytes);
	long long ms = now > p->start_ms ? now - p->start_ms : 1;
	char line[160], share[32] = "";
	if (p->total)
		snprintf(share, sizeof share, ", %llu%% of the input",
			 (bytes < p->total ? bytes : p->total) * 100 / p->total);
	int len = snprintf(line, sizeof line, "%s: %lu document%s read, %llu a second%s", p->prog,
			   docs, docs == 1 ? "" : "s", (unsigned long long)docs * 1000 / (unsigned long long)ms,
			   share);
	if (len < 0 || (size_t)len >= sizeof line)
		return;
	flockfile(stderr);
	/* spaces over what a longer line before left */
	fprintf(stderr, "\r%s%*s\r", line, p->shown > len ? p->shown - len : 0, "");
	fflush(stderr);
	p->shown = len;
	funlockfile(stderr);
}

void sp_progress_doc(sp_progress *p, unsigned long long bytes)
{
	if (!p)
		return;
	atomic_fetch_add_explicit(&p->docs, 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&p->bytes, bytes, memory_order_relaxed);
	long long due = atomic_load_explicit(&p->due_ms, memory_order_relaxed);
	long long now = now_ms();
	/* of threads that see the line due at once, the one that moves the time on writes it */
	if (now >= due && atomic_compare_exchange_strong(&p->due_ms, &due, now + EVERY_MS))
		show(p, now);
}

void sp_progress_clear(sp_progress *p)
{
	if (!p)
		return;
	flockfile(stderr);
	if (p->shown) {
		fprintf(stderr, "\r%*s\r", p->shown, "");
		fflush(stderr);
		p->shown = 0;
	}
	funlockfile(stderr);
}

void sp_progress_end(sp_progress *p)
{
	sp_progress_clear(p);
	free(p);
}
