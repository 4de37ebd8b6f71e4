/* SPDX-License-Identifier: MIT */
/* lockfile.c — a file locked for an in-place edit, read and replaced whole while locked.
 * Why the lock is an OFD lock, and what that means on network shares: lockfile.h. */
#define _GNU_SOURCE /* F_OFD_SETLK */
#include "base/lockfile.h"
#include "base/atomic.h"
#include "base/util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/file.h>
#include <time.h>
#include <unistd.h>

struct sp_locked {
	int fd;
	bool flock; /* the lock is a flock() one: the kernel has no OFD locks */
	char *path; /* realpath() of the path given */
	struct stat st;
};

/* --- the lock ------------------------------------------------------------------------- */

/* Try once to lock fd, whole file, exclusive, without waiting. 0 when taken; -1 with errno
 * EWOULDBLOCK when another holds it, or another errno. *use_flock starts false and turns
 * true, for good, when the kernel does not know OFD locks. */
static int try_lock(int fd, bool *use_flock)
{
#ifdef F_OFD_SETLK
	if (!*use_flock) {
		struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET}; /* l_pid must be 0 */
		if (fcntl(fd, F_OFD_SETLK, &fl) == 0)
			return 0;
		if (errno == EAGAIN || errno == EACCES) {
			errno = EWOULDBLOCK;
			return -1;
		}
		if (errno != EINVAL)
			return -1;
		*use_flock = true; /* before Linux 3.15 */
	}
#else
	*use_flock = true;
#endif
	return flock(fd, LOCK_EX | LOCK_NB);
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Sleep about *delay_ms (a quarter of it either way, at random), but not past deadline,
 * then let the next sleep be half as long again, up to 50 ms. */
static void back_off(unsigned *delay_ms, int64_t deadline, uint32_t *rand_state)
{
	*rand_state ^= *rand_state << 13; /* xorshift32: jitter needs no better */
	*rand_state ^= *rand_state >> 17;
	*rand_state ^= *rand_state << 5;
	int64_t us = (int64_t)*delay_ms * 1000;
	us += (int64_t)(*rand_state % (uint32_t)(us / 2 + 1)) - us / 4;
	int64_t left_us = (deadline - now_ms()) * 1000;
	if (us > left_us)
		us = left_us;
	if (us > 0) {
		struct timespec ts = {.tv_sec = us / 1000000, .tv_nsec = us % 1000000 * 1000};
		nanosleep(&ts, NULL);
	}
	*delay_ms = *delay_ms * 3 / 2 < 50 ? *delay_ms * 3 / 2 : 50;
}

/* Open the regular file real for writing; -1 with errno as sp_lock_file() documents. */
static int open_regular(const char *real, struct stat *st)
{
	/* looked at before the open: opening a device or a FIFO can block or have effects */
	if (stat(real, st) != 0)
		return -1;
	if (!S_ISREG(st->st_mode)) {
		errno = S_ISDIR(st->st_mode) ? EISDIR : EINVAL;
		return -1;
	}
	int fd = open(real, O_RDWR | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	if (fd < 0)
		return -1;
	if (fstat(fd, st) != 0 || !S_ISREG(st->st_mode)) { /* swapped since the stat() */
		int e = S_ISREG(st->st_mode) ? errno : EINVAL;
		close(fd);
		errno = e;
		return -1;
	}
	if (st->st_nlink > 1) { /* refused at once, not after waiting for the lock */
		close(fd);
		errno = EMLINK;
		return -1;
	}
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	return fd;
}

/* Whether fd, locked, is still the file at real: an editor who held the lock before may
 * have renamed a new file over it. Also false when nothing is at real any more. */
static bool still_there(int fd, const char *real, struct stat *st)
{
	struct stat now;
	return fstat(fd, st) == 0 && stat(real, &now) == 0 && now.st_dev == st->st_dev &&
	       now.st_ino == st->st_ino;
}

sp_locked *sp_lock_file(const char *path, unsigned wait_ms)
{
	int64_t deadline = now_ms() + wait_ms;
	uint32_t rand_state = ((uint32_t)getpid() * 2654435761u ^ (uint32_t)now_ms()) | 1;
	unsigned delay_ms = 2;
	bool use_flock = false, replaced_late = false;
	for (;;) {
		char *real = realpath(path, NULL);
		if (!real)
			return NULL;
		struct stat st;
		int fd = open_regular(real, &st);
		if (fd < 0) {
			int e = errno;
			free(real);
			errno = e;
			return NULL;
		}
		int rc;
		while ((rc = try_lock(fd, &use_flock)) != 0 && errno == EWOULDBLOCK &&
		       now_ms() < deadline)
			back_off(&delay_ms, deadline, &rand_state);
		int e = errno;
		if (rc == 0 && still_there(fd, real, &st)) {
			if (st.st_nlink > 1) { /* linked while we waited */
				close(fd);
				free(real);
				errno = EMLINK;
				return NULL;
			}
			sp_locked *l = sp_xcalloc(1, sizeof *l);
			l->fd = fd;
			l->flock = use_flock;
			l->path = real;
			l->st = st;
			return l;
		}
		close(fd);
		free(real);
		if (rc != 0) {
			errno = e;
			return NULL;
		}
		/* replaced while we waited: the new file, at once; past the deadline only once */
		if (now_ms() >= deadline) {
			if (replaced_late) {
				errno = EWOULDBLOCK;
				return NULL;
			}
			replaced_late = true;
		}
	}
}

const char *sp_locked_path(const sp_locked *l) { return l->path; }

const struct stat *sp_locked_stat(const sp_locked *l) { return &l->st; }

/* --- reading and replacing ------------------------------------------------------------- */

char *sp_locked_read(sp_locked *l, size_t max, size_t *len)
{
	size_t size = l->st.st_size > 0 ? (size_t)l->st.st_size : 0;
	if (size > max) {
		errno = EFBIG;
		return NULL;
	}
	/* room for the size fstat() gave, a byte more to see that it grew, and the NUL */
	size_t cap = size + 2, n = 0;
	char *buf = sp_xmalloc(cap);
	for (;;) {
		if (n + 1 == cap)
			buf = sp_xrealloc(buf, cap *= 2);
		ssize_t r = pread(l->fd, buf + n, cap - n - 1, (off_t)n);
		if (r == 0)
			break;
		if (r < 0 && errno == EINTR)
			continue;
		if (r > 0 && (n += (size_t)r) <= max)
			continue;
		int e = r < 0 ? errno : EFBIG;
		free(buf);
		errno = e;
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* Give the new file fd the group of the old one (as st says), and its owner when root.
 * Where that is not allowed, *warning says what was lost; -1 with errno on other errors. */
static int keep_owner(int fd, const struct stat *old, const char **warning)
{
	struct stat st;
	if (fstat(fd, &st) != 0)
		return -1;
	bool root = geteuid() == 0;
	uid_t uid = root && st.st_uid != old->st_uid ? old->st_uid : (uid_t)-1;
	/* nothing to change also where a file system shows one owner for every file (vfat,
	 * some SMB mounts) and refuses fchown() */
	if (uid == (uid_t)-1 && st.st_gid == old->st_gid)
		return 0;
	if (fchown(fd, uid, old->st_gid) == 0)
		return 0;
	if (errno != EPERM)
		return -1;
	if (uid != (uid_t)-1 && fchown(fd, (uid_t)-1, old->st_gid) == 0) {
		*warning = "the file's owner could not be kept; it now belongs to the user who "
			   "edited it";
		return 0;
	}
	if (uid != (uid_t)-1 && errno != EPERM)
		return -1;
	*warning = root ? "the file's owner and group could not be kept; it now belongs to the "
			  "user who edited it, with that user's default group"
			: "the file's group could not be kept (you are not a member of it); it now "
			  "has your default group";
	return 0;
}

int sp_locked_replace(sp_locked *l, const void *bytes, size_t len, const char **warning)
{
	const char *warn = NULL;
	if (warning)
		*warning = NULL;
	sp_out *o = sp_out_open(l->path, l->st.st_mode & 07777);
	if (!o)
		return -1;
	FILE *f = sp_out_file(o);
	int keep = -1, e;
	if (keep_owner(fileno(f), &l->st, &warn) != 0 || (len && fwrite(bytes, 1, len, f) != len))
		goto fail;
	/* The new file is locked before it takes the name, so that no editor finds it unlocked
	 * between the rename and sp_unlock(). A duplicate of the descriptor holds the lock:
	 * sp_out_commit() closes its own, and the lock belongs to what both share. */
	bool use_flock = l->flock;
	if ((keep = fcntl(fileno(f), F_DUPFD_CLOEXEC, 0)) < 0 || try_lock(keep, &use_flock) != 0)
		goto fail;
	if (sp_out_commit(o) != 0) {
		e = errno;
		close(keep);
		errno = e;
		return -1;
	}
	close(l->fd); /* the old file's lock: an editor waiting on it finds the file replaced */
	l->fd = keep;
	l->flock = use_flock;
	fstat(keep, &l->st);
	if (warning)
		*warning = warn;
	return 0;
fail:
	e = errno;
	if (keep >= 0)
		close(keep);
	sp_out_abort(o);
	errno = e;
	return -1;
}

void sp_unlock(sp_locked *l)
{
	if (!l)
		return;
	close(l->fd); /* ends the lock: the descriptor that took it is its last */
	free(l->path);
	free(l);
}
