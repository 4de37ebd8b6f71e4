/* SPDX-License-Identifier: MIT */
/* samplan-bench-edit — the time of one edit in place of one case file, without the cost of
 * starting a tool: what samplan-letter-gen -i spends to log one letter, in its parts.
 *
 *   samplan-bench-edit [-n RUNS] CASE DIR
 *
 * CASE is read once. Each run copies it to DIR/case.yaml (not timed), then times:
 *   text     the text editor alone (doc/edit.h): split the bytes into documents, append one
 *            `letters` entry (the document read again and checked), join the text; no
 *            file, no lock, no validation
 *   open     sp_case_edit_open(): lock, read, every document read and its places kept
 *   append   sp_case_edit_append() of the same entry
 *   commit   sp_case_edit_commit(): the history entry, the new text read back and compared,
 *            the case validated before and after, the file replaced (temporary file,
 *            fsync, rename, the folder fsync'd)
 *   close    sp_case_edit_close(): unlock, free
 *   edit     open + append + commit + close: one edit of one case
 * and prints, per part, the fastest, the median and the mean in milliseconds. Put DIR on
 * tmpfs (/dev/shm) to leave out the disk's fsync, on a disk to count it. See bench/README. */
#define _POSIX_C_SOURCE 200809L
#include "doc/edit.h"
#include "base/util.h"
#include "domain/history.h"
#include "edit/caseedit.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { PART_TEXT, PART_OPEN, PART_APPEND, PART_COMMIT, PART_CLOSE, PART_EDIT, NPARTS };
static const char *const part_name[NPARTS] = {"text", "open", "append", "commit", "close", "edit"};

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static int put_file(const char *path, const char *bytes, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	size_t n = fwrite(bytes, 1, len, f);
	return fclose(f) == 0 && n == len ? 0 : -1;
}

/* The text editor alone: 0, or -1 with the problems printed. */
static int time_text(const char *name, const char *bytes, size_t len, const json_t *entry,
                     double *ms)
{
	sp_diags diags = {0};
	double t0 = now_ms();
	sp_text *t = sp_text_new(name, bytes, len, &diags);
	long rc = t ? sp_text_append(t, 0, "letters", entry, &diags) : -1;
	size_t outlen = 0;
	char *out = rc >= 0 ? sp_text_join(t, &outlen) : NULL;
	*ms = now_ms() - t0;
	free(out);
	sp_text_free(t);
	sp_diags_print(&diags, stderr, "samplan-bench-edit");
	sp_diags_free(&diags);
	return rc >= 0 ? 0 : -1;
}

/* One edit through the case editor, part by part: 0, or -1 with the problem printed. */
static int time_edit(const char *path, const sp_edit_opts *eo, const json_t *entry, double *ms)
{
	sp_diags diags = {0};
	int status = -1;
	double t0 = now_ms();
	sp_case_edit *ed = sp_case_edit_open(path, eo, &diags);
	double t1 = now_ms();
	long rc = ed ? sp_case_edit_append(ed, 0, "letters", entry, &diags) : -1;
	double t2 = now_ms();
	if (rc >= 0) {
		sp_case_edit_event(ed, 0, "letter-logged");
		status = sp_case_edit_commit(ed, &diags, NULL);
	}
	double t3 = now_ms();
	int e = errno;
	sp_case_edit_close(ed);
	double t4 = now_ms();
	ms[PART_OPEN] = t1 - t0;
	ms[PART_APPEND] = t2 - t1;
	ms[PART_COMMIT] = t3 - t2;
	ms[PART_CLOSE] = t4 - t3;
	ms[PART_EDIT] = t4 - t0;
	if (status != 0 && !diags.n)
		fprintf(stderr, "samplan-bench-edit: %s: %s\n", path, strerror(ed ? e : errno));
	sp_diags_print(&diags, stderr, "samplan-bench-edit");
	sp_diags_free(&diags);
	return status;
}

int main(int argc, char **argv)
{
	long runs = 50;
	int c;
	while ((c = getopt(argc, argv, "n:")) != -1) {
		if (c != 'n' || (runs = strtol(optarg, NULL, 10)) < 1)
			goto usage;
	}
	if (argc - optind != 2)
		goto usage;
	const char *src = argv[optind], *dir = argv[optind + 1];
	FILE *f = fopen(src, "rb");
	size_t len = 0;
	char *bytes = f ? sp_read_all(f, SP_EDIT_MAX_FILE, &len) : NULL;
	if (f)
		fclose(f);
	if (!bytes) {
		fprintf(stderr, "samplan-bench-edit: %s: %s\n", src, strerror(errno));
		return 2;
	}
	size_t plen = strlen(dir) + sizeof "/case.yaml";
	char *path = sp_xmalloc(plen);
	snprintf(path, plen, "%s/case.yaml", dir);
	json_t *entry =
	    json_pack("{s:s, s:s, s:s, s:s}", "id", "L-9001", "template", "information-to-person",
	              "recipient", "person", "date", "2026-11-23");
	sp_edit_opts eo = {
	    .tool = "samplan-bench-edit", .wait_ms = 0, .limits = sp_limits_default()};
	char *err = NULL;
	double *ms = sp_xmalloc(sizeof *ms * NPARTS * (size_t)runs);
	int status = 2;
	if (sp_history_time(&eo.at, &err) != 0) {
		fprintf(stderr, "samplan-bench-edit: %s\n", err);
		goto done;
	}
	for (long r = 0; r < runs; r++) {
		double *m = ms + NPARTS * r;
		if (put_file(path, bytes, len) != 0) {
			fprintf(stderr, "samplan-bench-edit: %s: %s\n", path, strerror(errno));
			goto done;
		}
		if (time_text(src, bytes, len, entry, &m[PART_TEXT]) != 0 ||
		    time_edit(path, &eo, entry, m) != 0)
			goto done;
	}
	printf("%-8s %10s %10s %10s   (ms, %ld runs, %zu bytes)\n", "part", "fastest", "median",
	       "mean", runs, len);
	double *col = sp_xmalloc(sizeof *col * (size_t)runs);
	for (int p = 0; p < NPARTS; p++) {
		double sum = 0;
		for (long r = 0; r < runs; r++)
			sum += col[r] = ms[NPARTS * r + p];
		qsort(col, (size_t)runs, sizeof *col, cmp_double);
		printf("%-8s %10.3f %10.3f %10.3f\n", part_name[p], col[0], col[runs / 2],
		       sum / (double)runs);
	}
	free(col);
	status = 0;
done:
	unlink(path);
	free(err);
	free(ms);
	json_decref(entry);
	free(path);
	free(bytes);
	return status;
usage:
	fputs("usage: samplan-bench-edit [-n RUNS] CASE DIR\n", stderr);
	return 2;
}
