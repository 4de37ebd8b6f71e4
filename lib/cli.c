/* cli.c — shared command-line conventions, atomic output, the document loop. */
#include "cli.h"
#include "alloc.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef SAMPLAN_VERSION
#define SAMPLAN_VERSION "0"
#endif

void sp_cli_init(sp_cli *cli, const char *prog, const char *usage)
{
	sp_alloc_install();
	memset(cli, 0, sizeof *cli);
	cli->prog = prog;
	cli->usage = usage;
	cli->mode = 0600;
	cli->as_of = sp_date_today();
	cli->limits = sp_limits_default();
}

void sp_cli_error(const sp_cli *cli, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: ", cli->prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

void sp_cli_usage_error(const sp_cli *cli, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "%s: ", cli->prog);
	vfprintf(stderr, fmt, ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", cli->prog);
	va_end(ap);
	exit(SP_EXIT_BAD);
}

bool sp_cli_option(sp_cli *cli, int opt, const char *arg)
{
	switch (opt) {
	case 'h':
		fputs(cli->usage, stdout);
		exit(SP_EXIT_OK);
	case SP_OPT_VERSION:
		printf("%s (samplan) %s\n", cli->prog, SAMPLAN_VERSION);
		exit(SP_EXIT_OK);
	case 'o':
		cli->output = strcmp(arg, "-") == 0 ? NULL : arg;
		return true;
	case SP_OPT_MODE: {
		/* octal permissions, as chmod takes them: 600, 0640 */
		char *end;
		long m = strtol(arg, &end, 8);
		if (!*arg || *end || strspn(arg, "01234567") != strlen(arg) || m < 0 || m > 0777)
			sp_cli_usage_error(cli, "--mode: `%s` is not a file mode; write it in octal, "
					   "such as 600 or 640", arg);
		cli->mode = (mode_t)m;
		return true;
	}
	case SP_OPT_AS_OF:
		if (!sp_date_parse(arg, &cli->as_of))
			sp_cli_usage_error(cli, "--as-of: `%s` %s; write a real date as YYYY-MM-DD", arg,
					   sp_date_problem(arg));
		return true;
	default:
		return false;
	}
}

int sp_cli_getopt(const sp_cli *cli, int argc, char **argv, const char *shortopts,
		  const struct option *longopts)
{
	char opts[128];
	snprintf(opts, sizeof opts, ":%s", shortopts);
	opterr = 0;
	int c = getopt_long(argc, argv, opts, longopts, NULL);
	if (c != '?' && c != ':')
		return c;
	const char *arg = argv[optind - 1];
	bool is_long = strncmp(arg, "--", 2) == 0;
	char name[64];
	if (is_long)
		snprintf(name, sizeof name, "%.*s", (int)strcspn(arg, "="), arg);
	else
		snprintf(name, sizeof name, "-%c", optopt);
	if (c == ':')
		sp_cli_usage_error(cli, "option %s needs a value", name);
	sp_cli_usage_error(cli, "unknown option %s", name);
}

/* --- atomic output ------------------------------------------------------------------- */

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

/* --- the loop ------------------------------------------------------------------------ */

struct report_to {
	sp_report_fn fn;
	void *ctx;
	const char *prog;
};

static void flush_diags(sp_diags *d, const struct report_to *to)
{
	if (!d->n)
		return;
	if (to->fn)
		to->fn(d, to->ctx);
	else
		sp_diags_print(d, stderr, to->prog);
	sp_diags_clear(d);
}

static int worse(int a, int b) { return a > b ? a : b; }

/* Read one file's documents; returns the worst status. */
static int loop_file(sp_cli *cli, const char *file, sp_doc_fn fn, sp_diags *diags,
		     const struct report_to *to, void *ctx)
{
	sp_reader *r = sp_reader_open(file, &cli->limits, diags);
	if (!r) {
		flush_diags(diags, to);
		cli->unreadable++;
		return SP_EXIT_BAD;
	}
	int status = SP_EXIT_OK;
	for (;;) {
		sp_doc *doc;
		int rc = sp_reader_next(r, &doc, diags);
		if (rc == 0)
			break;
		if (rc < 0) {
			status = SP_EXIT_BAD;
			cli->unreadable++;
			break;
		}
		int st = fn(&doc, diags, ctx);
		sp_doc_free(doc);
		flush_diags(diags, to);
		status = worse(status, st);
		if (st == SP_EXIT_BAD && !cli->keep_going)
			break;
	}
	flush_diags(diags, to);
	sp_reader_close(r);
	return status;
}

int sp_cli_loop(sp_cli *cli, int n, char **files, sp_doc_fn fn, sp_report_fn report,
		bool strict, void *ctx)
{
	static char *stdin_only[] = {"-"};
	if (n == 0) {
		n = 1;
		files = stdin_only;
	}
	struct report_to to = {report, ctx, cli->prog};
	sp_diags diags = {.strict = strict};
	int status = SP_EXIT_OK;
	for (int i = 0; i < n; i++) {
		status = worse(status, loop_file(cli, files[i], fn, &diags, &to, ctx));
		if (status == SP_EXIT_BAD && !cli->keep_going)
			break;
	}
	sp_diags_free(&diags);
	return status;
}

sp_format sp_cli_out_format(sp_format chosen, const sp_doc *first)
{
	if (chosen != SP_FMT_AUTO)
		return chosen;
	return first ? first->format : SP_FMT_YAML;
}
