/* SPDX-License-Identifier: MIT */
/* test_lockfile.c — a file locked for an in-place edit: waiting for another process, the file
 * replaced while waiting, links, the mode, owner and group kept, nothing left behind. */
#include "unit.h"
#include "base/lockfile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static char dir[PATH_MAX]; /* a mkdtemp() folder under $TMPDIR or /tmp, one per test */

static void make_dir(void)
{
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/sp-lock-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

/* dir/name, in one of a few buffers that take turns. */
static const char *in_dir(const char *name)
{
	static char bufs[4][PATH_MAX + 64];
	static int next;
	char *b = bufs[next++ % 4];
	snprintf(b, sizeof bufs[0], "%s/%s", dir, name);
	return b;
}

/* Remove folder with all it holds. */
static void remove_tree(const char *folder)
{
	DIR *d = opendir(folder);
	ck_assert_ptr_nonnull(d);
	struct dirent *e;
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		char path[PATH_MAX];
		snprintf(path, sizeof path, "%s/%s", folder, e->d_name);
		if (unlink(path) != 0 && errno == EISDIR)
			remove_tree(path);
	}
	closedir(d);
	ck_assert_int_eq(rmdir(folder), 0);
}

static void remove_dir(void) { remove_tree(dir); }

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

/* The content of path, in a buffer that the next call reuses. */
static const char *slurp(const char *path)
{
	static char buf[256];
	FILE *f = fopen(path, "r");
	ck_assert_ptr_nonnull(f);
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	buf[n] = '\0';
	fclose(f);
	return buf;
}

/* How many temporary files (".NAME.tmp-XXXXXX") folder holds. */
static int temps_in(const char *folder)
{
	DIR *d = opendir(folder);
	ck_assert_ptr_nonnull(d);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		n += e->d_name[0] == '.' && strstr(e->d_name, ".tmp-") != NULL;
	closedir(d);
	return n;
}

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(unsigned ms)
{
	struct timespec ts = {.tv_sec = ms / 1000, .tv_nsec = (long)(ms % 1000) * 1000000};
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
}

/* A process that holds the lock of a file until told to let it go. */
typedef struct {
	pid_t pid;
	int go; /* write a byte here to tell it to let go */
} holder;

/* Fork a process that locks path and says so; returns once the lock is taken. When told to
 * go, the process waits hold_ms, replaces the file with new_text when that is given (and
 * waits hold_ms again), and unlocks. Told by a pipe, not by the clock, so that a slow
 * machine (valgrind, a loaded CI) cannot make the lock go before the parent has looked. The
 * child ends with _exit(): status 0 when all went well. */
static holder child_holds(const char *path, unsigned hold_ms, const char *new_text)
{
	int p[2], go[2];
	ck_assert_int_eq(pipe(p), 0);
	ck_assert_int_eq(pipe(go), 0);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		close(p[0]);
		close(go[1]);
		sp_locked *l = sp_lock_file(path, 0);
		if (!l)
			_exit(2);
		char c;
		if (write(p[1], "x", 1) != 1 || read(go[0], &c, 1) != 1)
			_exit(3);
		sleep_ms(hold_ms);
		if (new_text) {
			if (sp_locked_replace(l, new_text, strlen(new_text), NULL) != 0)
				_exit(4);
			sleep_ms(hold_ms);
		}
		sp_unlock(l);
		_exit(0);
	}
	close(p[1]);
	close(go[0]);
	char c;
	ck_assert_int_eq(read(p[0], &c, 1), 1);
	close(p[0]);
	return (holder){pid, go[1]};
}

static void let_go(holder *h)
{
	ck_assert_int_eq(write(h->go, "g", 1), 1);
	close(h->go);
}

static void child_done(pid_t pid)
{
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert_msg(WIFEXITED(status) && WEXITSTATUS(status) == 0, "child status %d", status);
}

START_TEST(waits_for_another_process)
{
	make_dir();
	const char *path = in_dir("case.yaml");
	write_file(path, "a: 1\n");
	holder h = child_holds(path, 50, NULL);
	errno = 0;
	ck_assert_ptr_null(sp_lock_file(path, 0));
	ck_assert_int_eq(errno, EWOULDBLOCK);
	let_go(&h);
	sp_locked *l = sp_lock_file(path, 10000);
	ck_assert_ptr_nonnull(l); /* the child let it go 50 ms after told, well within */
	child_done(h.pid);
	size_t len;
	char *text = sp_locked_read(l, 100, &len);
	ck_assert_str_eq(text, "a: 1\n");
	ck_assert_uint_eq(len, 5);
	free(text);
	sp_unlock(l);
	remove_dir();
}
END_TEST

START_TEST(gives_up_after_wait_ms)
{
	make_dir();
	const char *path = in_dir("case.yaml");
	write_file(path, "a: 1\n");
	holder h = child_holds(path, 0, NULL); /* holds it until told */
	int64_t t0 = now_ms();
	errno = 0;
	ck_assert_ptr_null(sp_lock_file(path, 100));
	int64_t waited = now_ms() - t0;
	ck_assert_int_eq(errno, EWOULDBLOCK);
	ck_assert_int_ge(waited, 100); /* not less than asked, and not much more (a slow machine
					 * under valgrind may add some) */
	ck_assert_int_lt(waited, 1000);
	let_go(&h);
	child_done(h.pid);
	remove_dir();
}
END_TEST

/* The trap: the holder renames a new file over the one we opened and wait on. The lock we
 * end up with must be on the new file, not on the old one that no longer has the name. */
START_TEST(replaced_while_waiting)
{
	make_dir();
	const char *path = in_dir("case.yaml");
	write_file(path, "old\n");
	holder h = child_holds(path, 100, "new\n");
	let_go(&h); /* it replaces the file 100 ms from now */
	sp_locked *l = sp_lock_file(path, 10000); /* opens the old file, waits on it */
	ck_assert_ptr_nonnull(l);
	child_done(h.pid);
	size_t len;
	char *text = sp_locked_read(l, 100, &len);
	ck_assert_str_eq(text, "new\n");
	free(text);
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(sp_locked_stat(l)->st_ino, st.st_ino);
	sp_unlock(l);
	remove_dir();
}
END_TEST

/* OFD locks: two in one process exclude each other, and closing another descriptor of the
 * file does not end one (a classic POSIX record lock would end there). */
START_TEST(lock_belongs_to_its_descriptor)
{
	make_dir();
	const char *path = in_dir("case.yaml");
	write_file(path, "a: 1\n");
	sp_locked *l = sp_lock_file(path, 0);
	ck_assert_ptr_nonnull(l);
	errno = 0;
	ck_assert_ptr_null(sp_lock_file(path, 0));
	ck_assert_int_eq(errno, EWOULDBLOCK);
	int fd = open(path, O_RDONLY);
	ck_assert_int_ge(fd, 0);
	close(fd);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		sp_locked *other = sp_lock_file(path, 0);
		int refused = !other && errno == EWOULDBLOCK;
		sp_unlock(other);
		/* the parent's lock, copied by fork: freed here so that valgrind (which checks the
		 * child too, with its own exit status) finds nothing lost; closing the child's
		 * copy of the descriptor leaves the parent's lock in place */
		sp_unlock(l);
		_exit(refused ? 0 : 1);
	}
	child_done(pid);
	sp_unlock(l);
	l = sp_lock_file(path, 0);
	ck_assert_ptr_nonnull(l);
	sp_unlock(l);
	sp_unlock(NULL);
	remove_dir();
}
END_TEST

START_TEST(replace_keeps_the_lock_on_the_new_file)
{
	make_dir();
	const char *path = in_dir("case.yaml");
	write_file(path, "old\n");
	umask(077);
	ck_assert_int_eq(chmod(path, 0640), 0);
	sp_locked *l = sp_lock_file(path, 0);
	ck_assert_ptr_nonnull(l);
	const char *warning = "unset";
	ck_assert_int_eq(sp_locked_replace(l, "new\n", 4, &warning), 0);
	ck_assert_ptr_null(warning);
	ck_assert_str_eq(slurp(path), "new\n");
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 07777, 0640);
	ck_assert_uint_eq(sp_locked_stat(l)->st_ino, st.st_ino);
	ck_assert_int_eq(temps_in(dir), 0);
	/* no other editor gets the new file before sp_unlock() */
	errno = 0;
	ck_assert_ptr_null(sp_lock_file(path, 0));
	ck_assert_int_eq(errno, EWOULDBLOCK);
	size_t len;
	char *text = sp_locked_read(l, 100, &len);
	ck_assert_str_eq(text, "new\n");
	free(text);
	/* and again, under the same lock; an empty content too */
	ck_assert_int_eq(sp_locked_replace(l, "", 0, NULL), 0);
	ck_assert_str_eq(slurp(path), "");
	ck_assert_int_eq(temps_in(dir), 0);
	sp_unlock(l);
	umask(022);
	remove_dir();
}
END_TEST

START_TEST(link_edits_its_target)
{
	make_dir();
	ck_assert_int_eq(mkdir(in_dir("sub"), 0700), 0);
	const char *target = in_dir("case.yaml"), *link = in_dir("sub/link.yaml");
	write_file(target, "old\n");
	ck_assert_int_eq(symlink("../case.yaml", link), 0);
	sp_locked *l = sp_lock_file(link, 0);
	ck_assert_ptr_nonnull(l);
	char *real = realpath(target, NULL);
	ck_assert_str_eq(sp_locked_path(l), real);
	free(real);
	ck_assert_int_eq(sp_locked_replace(l, "new\n", 4, NULL), 0);
	sp_unlock(l);
	struct stat st;
	ck_assert_int_eq(lstat(link, &st), 0);
	ck_assert(S_ISLNK(st.st_mode));
	char to[64];
	ssize_t n = readlink(link, to, sizeof to - 1);
	ck_assert_int_eq(n, 12);
	to[n] = '\0';
	ck_assert_str_eq(to, "../case.yaml");
	ck_assert_str_eq(slurp(target), "new\n");
	ck_assert_int_eq(temps_in(dir), 0);
	ck_assert_int_eq(temps_in(in_dir("sub")), 0);
	remove_dir();
}
END_TEST

START_TEST(refused)
{
	make_dir();
	const char *path = in_dir("case.yaml"), *other = in_dir("other.yaml");
	write_file(path, "a: 1\n");
	sp_locked *l = sp_lock_file(path, 0);
	ck_assert_ptr_nonnull(l);
	ck_assert_int_eq(link(path, other), 0);
	int64_t t0 = now_ms();
	errno = 0;
	ck_assert_ptr_null(sp_lock_file(path, 1000)); /* a rename would part the two names */
	ck_assert_int_eq(errno, EMLINK);
	ck_assert_int_lt(now_ms() - t0, 500); /* at once, not after waiting for the lock */
	sp_unlock(l);
	ck_assert_ptr_null(sp_lock_file(other, 0));
	ck_assert_int_eq(errno, EMLINK);
	ck_assert_int_eq(unlink(other), 0);
	ck_assert_int_eq(mkfifo(in_dir("fifo"), 0600), 0);
	ck_assert_ptr_null(sp_lock_file(in_dir("fifo"), 0)); /* and does not block */
	ck_assert_int_eq(errno, EINVAL);
	ck_assert_ptr_null(sp_lock_file(dir, 0));
	ck_assert_int_eq(errno, EISDIR);
	ck_assert_ptr_null(sp_lock_file(in_dir("missing.yaml"), 0));
	ck_assert_int_eq(errno, ENOENT);
	ck_assert_int_eq(symlink("missing.yaml", in_dir("dangling")), 0);
	ck_assert_ptr_null(sp_lock_file(in_dir("dangling"), 0));
	ck_assert_int_eq(errno, ENOENT);
	remove_dir();
}
END_TEST

START_TEST(read_limit)
{
	make_dir();
	const char *path = in_dir("case.yaml");
	char text[101];
	memset(text, 'x', 100);
	text[100] = '\0';
	write_file(path, text);
	sp_locked *l = sp_lock_file(path, 0);
	ck_assert_ptr_nonnull(l);
	size_t len = 7;
	errno = 0;
	ck_assert_ptr_null(sp_locked_read(l, 99, &len));
	ck_assert_int_eq(errno, EFBIG);
	char *got = sp_locked_read(l, 100, &len);
	ck_assert_ptr_nonnull(got);
	ck_assert_uint_eq(len, 100);
	ck_assert_str_eq(got, text);
	free(got);
	/* grown behind fstat()'s back (by a writer that does not lock): still bounded */
	FILE *f = fopen(path, "a");
	fputs("yy", f);
	fclose(f);
	ck_assert_ptr_null(sp_locked_read(l, 101, &len));
	ck_assert_int_eq(errno, EFBIG);
	got = sp_locked_read(l, 102, &len);
	ck_assert_uint_eq(len, 102);
	free(got);
	ck_assert_int_eq(sp_locked_replace(l, "", 0, NULL), 0);
	got = sp_locked_read(l, 0, &len);
	ck_assert_str_eq(got, "");
	ck_assert_uint_eq(len, 0);
	free(got);
	sp_unlock(l);
	remove_dir();
}
END_TEST

/* The group is kept where the editor may set it; root keeps the owner as well. */
START_TEST(owner_and_group_kept)
{
	make_dir();
	const char *path = in_dir("case.yaml");
	write_file(path, "old\n");
	bool root = geteuid() == 0;
	uid_t uid = root ? 54321 : geteuid();
	gid_t gid = root ? 54321 : getegid();
	if (!root) {
		gid_t groups[256];
		int n = getgroups(256, groups);
		for (int i = 0; i < n && gid == getegid(); i++)
			gid = groups[i];
		if (gid == getegid()) {
			fprintf(stderr, "test_lockfile: owner_and_group_kept skipped: this process is "
					"in one group only\n");
			remove_dir();
			return;
		}
	}
	ck_assert_int_eq(chown(path, uid, gid), 0);
	sp_locked *l = sp_lock_file(path, 0);
	ck_assert_ptr_nonnull(l);
	const char *warning = "unset";
	ck_assert_int_eq(sp_locked_replace(l, "new\n", 4, &warning), 0);
	ck_assert_ptr_null(warning);
	sp_unlock(l);
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_gid, gid);
	ck_assert_uint_eq(st.st_uid, uid);
	ck_assert_str_eq(slurp(path), "new\n");
	remove_dir();
}
END_TEST

/* Run fn as the user nobody (65534, in no other group) in a child; its exit status. */
static int as_nobody(int (*fn)(const char *), const char *path)
{
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		if (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0)
			_exit(90);
		_exit(fn(path));
	}
	int status;
	ck_assert_int_eq(waitpid(pid, &status, 0), pid);
	ck_assert(WIFEXITED(status));
	return WEXITSTATUS(status);
}

static int replace_warns(const char *path)
{
	sp_locked *l = sp_lock_file(path, 0);
	if (!l)
		return 1;
	const char *warning = NULL;
	int rc = sp_locked_replace(l, "new\n", 4, &warning);
	sp_unlock(l);
	return rc != 0 ? 2 : !warning ? 3 : !strstr(warning, "group could not be kept") ? 4 : 0;
}

static int replace_refused(const char *path)
{
	sp_locked *l = sp_lock_file(path, 0);
	if (!l)
		return 1;
	int rc = sp_locked_replace(l, "newer\n", 6, NULL);
	int e = errno;
	sp_unlock(l);
	return rc != -1 ? 2 : e != EACCES ? 3 : 0;
}

/* A group the editor is not in cannot be kept: the file is replaced all the same, with a
 * warning. A folder the editor cannot write to: the file stays as it was. Needs root, to
 * become a user in no group of the file's. */
START_TEST(group_lost_and_folder_read_only)
{
	if (geteuid() != 0) {
		fprintf(stderr, "test_lockfile: group_lost_and_folder_read_only skipped: needs "
				"root to become another user\n");
		return;
	}
	make_dir();
	ck_assert_int_eq(chmod(dir, 0777), 0);
	const char *path = in_dir("case.yaml");
	write_file(path, "old\n");
	ck_assert_int_eq(chown(path, 65534, 54321), 0);
	ck_assert_int_eq(chmod(path, 0660), 0);
	ck_assert_int_eq(as_nobody(replace_warns, path), 0);
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_uint_eq(st.st_gid, 65534);
	ck_assert_int_eq(st.st_mode & 07777, 0660);
	ck_assert_str_eq(slurp(path), "new\n");
	ck_assert_int_eq(temps_in(dir), 0);
	ck_assert_int_eq(chmod(dir, 0555), 0);
	ck_assert_int_eq(as_nobody(replace_refused, path), 0);
	ck_assert_str_eq(slurp(path), "new\n");
	ck_assert_int_eq(chmod(dir, 0700), 0);
	remove_dir();
}
END_TEST

Suite *make_suite(void)
{
	Suite *s = suite_create("lockfile");
	TCase *tc = tcase_create("lockfile");
	tcase_add_test(tc, waits_for_another_process);
	tcase_add_test(tc, gives_up_after_wait_ms);
	tcase_add_test(tc, replaced_while_waiting);
	tcase_add_test(tc, lock_belongs_to_its_descriptor);
	tcase_add_test(tc, replace_keeps_the_lock_on_the_new_file);
	tcase_add_test(tc, link_edits_its_target);
	tcase_add_test(tc, refused);
	tcase_add_test(tc, read_limit);
	tcase_add_test(tc, owner_and_group_kept);
	tcase_add_test(tc, group_lost_and_folder_read_only);
	suite_add_tcase(s, tc);
	return s;
}
