/* SPDX-License-Identifier: MIT */
/* atomic.c — output files that are whole or absent: a temporary file in the target's folder,
 * renamed into place, and removed when a signal stops the program. */
#include "base/atomic.h"
#include "base/util.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct sp_out {
	FILE *f;
	char *path, *tmp;
	mode_t mode;
};

/* A tool stopped by a signal (Ctrl-C, kill) must not leave its temporary file behind:
 * the names of the open ones are kept here for the handler, which removes them and then
 * lets the signal take its course. A signal handler can only reach process-wide state. */
enum { MAX_TEMPS = 8 };
static char temp_names[MAX_TEMPS][4096];
static volatile sig_atomic_t temp_used[MAX_TEMPS];

static void remove_temps(int sig)
{
	for (int i = 0; i < MAX_TEMPS; i++)
		if (temp_used[i])
			unlink(temp_names[i]);
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Track name (on) or stop tracking it; name NULL only installs the handlers. */
static void track_temp(const char *name, bool on)
{
	static bool handlers;
	if (!handlers) {
		handlers = true;
		int sigs[] = {SIGINT, SIGTERM, SIGHUP, SIGPIPE};
		for (size_t i = 0; i < sizeof sigs / sizeof *sigs; i++) {
			struct sigaction sa = {.sa_handler = remove_temps};
			sigemptyset(&sa.sa_mask);
			struct sigaction old;
			if (sigaction(sigs[i], NULL, &old) == 0 && old.sa_handler == SIG_IGN)
				continue; /* left ignored, as the shell asked */
			sigaction(sigs[i], &sa, NULL);
		}
	}
	for (int i = 0; name && i < MAX_TEMPS; i++) {
		if (on && !temp_used[i] && strlen(name) < sizeof temp_names[i]) {
			strcpy(temp_names[i], name);
			temp_used[i] = 1;
			return;
		}
		if (!on && temp_used[i] && strcmp(temp_names[i], name) == 0) {
			temp_used[i] = 0;
			return;
		}
	}
}

void sp_signals_hold(sigset_t *old)
{
	sigset_t caught;
	sigemptyset(&caught);
	sigaddset(&caught, SIGINT);
	sigaddset(&caught, SIGTERM);
	sigaddset(&caught, SIGHUP);
	sigaddset(&caught, SIGPIPE);
	sigprocmask(SIG_BLOCK, &caught, old);
}

void sp_signals_release(const sigset_t *old) { sigprocmask(SIG_SETMASK, old, NULL); }

sp_out *sp_out_open(const char *path, mode_t mode)
{
	sp_out *o = sp_xcalloc(1, sizeof *o);
	if (!path || strcmp(path, "-") == 0) {
		o->f = stdout;
		return o;
	}
	char *copy = sp_xstrdup(path);
	char *copy2 = sp_xstrdup(path);
	o->path = sp_xstrdup(path);
	o->tmp = sp_xasprintf("%s/.%s.tmp-XXXXXX", dirname(copy), basename(copy2));
	free(copy);
	free(copy2);
	o->mode = mode;
	/* the caught signals wait while the file is made and tracked: one that came in
	 * between would leave it behind */
	track_temp(NULL, false); /* the handlers are in place */
	sigset_t old;
	sp_signals_hold(&old);
	int fd = mkstemp(o->tmp); /* creates the file 0600 */
	if (fd >= 0)
		track_temp(o->tmp, true);
	sp_signals_release(&old);
	if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
		int e = errno;
		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
			track_temp(o->tmp, false);
		}
		free(o->path);
		free(o->tmp);
		free(o);
		errno = e;
		return NULL;
	}
	return o;
}

FILE *sp_out_file(sp_out *o) { return o->f; }

const char *sp_out_temp_path(const sp_out *o) { return o->path ? o->tmp : NULL; }

static void out_free(sp_out *o)
{
	if (o->tmp)
		track_temp(o->tmp, false);
	free(o->path);
	free(o->tmp);
	free(o);
}

int sp_out_commit(sp_out *o)
{
	return sp_out_commit_flags(o, 0);
}

int sp_out_commit_new(sp_out *o)
{
	return sp_out_commit_flags(o, SP_OUT_NO_REPLACE);
}

int sp_sync_dir_of(const char *path)
{
	char *copy = sp_xstrdup(path);
	int dfd = open(dirname(copy), O_RDONLY | O_DIRECTORY);
	int rc = dfd >= 0 && fsync(dfd) == 0 ? 0 : -1;
	if (dfd >= 0)
		close(dfd);
	free(copy);
	return rc;
}

int sp_out_commit_flags(sp_out *o, unsigned flags)
{
	bool replace = !(flags & SP_OUT_NO_REPLACE);
	if (!o->path) {
		int rc = fflush(stdout) == 0 && !ferror(stdout) ? 0 : -1;
		out_free(o);
		return rc;
	}
	int rc = 0;
	if (fflush(o->f) != 0 || ferror(o->f) || fsync(fileno(o->f)) != 0 ||
	    fchmod(fileno(o->f), o->mode) != 0)
		rc = -1;
	int e = errno;
	if (fclose(o->f) != 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	if (rc == 0 && replace && rename(o->tmp, o->path) != 0) {
		rc = -1;
		e = errno;
	}
	/* link() fails with EEXIST where a file is: the old one stays, whole */
	if (rc == 0 && !replace && link(o->tmp, o->path) != 0) {
		rc = -1;
		e = errno;
	}
	if (rc != 0 || !replace)
		unlink(o->tmp);
	if (rc == 0 && !(flags & SP_OUT_NO_DIR_SYNC))
		sp_sync_dir_of(o->path);
	out_free(o);
	errno = e;
	return rc;
}

void sp_out_abort(sp_out *o)
{
	if (!o)
		return;
	if (o->path) {
		fclose(o->f);
		unlink(o->tmp);
	}
	out_free(o);
}
