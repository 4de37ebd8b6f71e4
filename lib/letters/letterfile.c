/* SPDX-License-Identifier: MIT */
/* letterfile.c — letters as files: the name from an -o pattern, the folders leading to it
 * made, each file written whole, and a folder synced once for the letters that go into it. */
#include "letters/letter.h"
#include "base/atomic.h"
#include "base/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char *const placeholders[] = {"id", "template", "recipient", "letter", "date", "ext",
					   NULL};

bool sp_letter_name_is_pattern(const char *name)
{
	return strchr(name, '{') != NULL;
}

const char *sp_letter_name_problem(const char *pattern)
{
	for (const char *s = pattern; (s = strchr(s, '{')); s++) {
		const char *e = strchr(s, '}');
		if (!e)
			return "a `{` without its `}`";
		bool known = false;
		for (const char *const *k = placeholders; *k; k++)
			known |= strlen(*k) == (size_t)(e - s - 1) && strncmp(s + 1, *k, (size_t)(e - s - 1)) == 0;
		if (!known)
			return "an unknown {name}: use {id}, {template}, {recipient}, {letter}, {date} or {ext}";
	}
	return NULL;
}

char *sp_letter_name(const char *p, const char *case_id, const sp_draft *l, const char *ext)
{
	char date[SP_DATE_BUFSIZE];
	sp_date_format(l->date, date);
	const char *vals[] = {case_id, l->t->id, l->recipient, l->id, date, ext};
	size_t cap = strlen(p) + 256, n = 0;
	char *out = sp_xmalloc(cap);
	while (*p) {
		const char *v = NULL;
		size_t skip = 1;
		if (*p == '{')
			for (size_t k = 0; placeholders[k]; k++) {
				size_t kl = strlen(placeholders[k]);
				if (strncmp(p + 1, placeholders[k], kl) == 0 && p[kl + 1] == '}') {
					v = vals[k];
					skip = kl + 2;
				}
			}
		size_t add = v ? strlen(v) : 1;
		if (n + add + 1 > cap) {
			cap = 2 * (n + add + 1);
			out = sp_xrealloc(out, cap);
		}
		memcpy(out + n, v ? v : p, add);
		n += add;
		p += skip;
	}
	out[n] = '\0';
	return out;
}

/* Make the folders leading to path that are missing, mode 0700. 0, or -1 with errno set.
 * A leading `/` is the root, not a folder to make; an empty path has no folders. */
static int make_parents(const char *path)
{
	char *p = sp_xstrdup(path);
	int rc = 0;
	for (char *s = *p ? strchr(p + 1, '/') : NULL; s && rc == 0; s = strchr(s + 1, '/')) {
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	free(p);
	return rc;
}

/* The length of the folder part of path ("" for a name without `/`). */
static size_t dir_len(const char *path)
{
	return strrchr(path, '/') ? (size_t)(strrchr(path, '/') - path) : 0;
}

/* True if path goes into the folder the letter before went into. */
static bool same_dir(const sp_letter_files *f, const char *path)
{
	size_t n = dir_len(path);
	return f->dir_to_sync && strlen(f->dir_to_sync) == n && strncmp(f->dir_to_sync, path, n) == 0;
}

/* Sync the folder of the letter before unless path (NULL: the end) goes into it too; path's
 * folder is then the one to sync. 0, or -1 with errno set. */
static int sync_dir(sp_letter_files *f, const char *path)
{
	if (path && same_dir(f, path))
		return 0;
	int rc = 0;
	if (f->dir_to_sync) {
		char *probe = sp_xasprintf("%s/x", *f->dir_to_sync ? f->dir_to_sync : ".");
		rc = sp_sync_dir_of(probe);
		free(probe);
		free(f->dir_to_sync);
		f->dir_to_sync = NULL;
	}
	if (path) {
		size_t n = dir_len(path);
		f->dir_to_sync = sp_xstrndup(path, n);
	}
	return rc;
}

int sp_letter_file_write(sp_letter_files *f, const char *path, mode_t mode, bool replace,
			 const void *bytes, size_t len)
{
	/* the folder of the letter before is there already */
	sp_out *out = same_dir(f, path) || make_parents(path) == 0 ? sp_out_open(path, mode) : NULL;
	int e = errno;
	if (out && fwrite(bytes, 1, len, sp_out_file(out)) != len) {
		e = errno;
		sp_out_abort(out);
		out = NULL;
	}
	if (out && sync_dir(f, path) != 0) {
		e = errno;
		sp_out_abort(out);
		out = NULL;
	}
	if (!out) {
		errno = e;
		return -1;
	}
	return sp_out_commit_flags(out, SP_OUT_NO_DIR_SYNC | (replace ? 0 : SP_OUT_NO_REPLACE));
}

int sp_letter_files_sync(sp_letter_files *f)
{
	return sync_dir(f, NULL);
}
