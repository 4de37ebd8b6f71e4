/* SPDX-License-Identifier: MIT */
/* cli.c — shared command-line conventions and the document loop. */
#include "cli/cli.h"
#include "doc/alloc.h"
#include "base/util.h"

#include <dirent.h>
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
	sp_progress_clear(cli->progress);
	fprintf(stderr, "%s: ", cli->prog);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

void sp_cli_usage_error(const sp_cli *cli, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sp_progress_clear(cli->progress);
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
		/* checked here, once, so that no tool hands an empty name to what writes files */
		if (!*arg)
			sp_cli_usage_error(cli, "-o: the file name is empty; name a file, or - for "
					   "standard output");
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
	case SP_OPT_FORCE:
		cli->force = true;
		return true;
	case 'q':
		cli->quiet = true;
		return true;
	case SP_OPT_AS_OF:
		if (!sp_date_parse(arg, &cli->as_of))
			sp_cli_usage_error(cli, "--as-of: `%s` %s; write a real date as YYYY-MM-DD", arg,
					   sp_date_problem(arg));
		cli->as_of_given = true;
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

/* --- the output file ----------------------------------------------------------------- */

static void say_exists(const sp_cli *cli, const char *path)
{
	sp_cli_error(cli, "%s: the file exists; nothing was written (--force replaces it)", path);
}

/* Whether a file may be made in the folder dir (the effective user's right, as the tool
 * has it); false with errno set. */
static bool may_write_in(const char *dir)
{
	return faccessat(AT_FDCWD, dir, W_OK | X_OK, AT_EACCESS) == 0;
}

/* The folder of the output what, dir, may be written in; with makes_dirs a missing one
 * is made by the tool, so the nearest folder that exists must do. */
static bool folder_ok(const sp_cli *cli, const char *what, const char *dir, bool makes_dirs)
{
	char *at = sp_xstrdup(dir);
	struct stat st;
	bool ok = false;
	int rc;
	while ((rc = stat(at, &st)) != 0 && errno == ENOENT && makes_dirs && strcmp(at, ".") != 0 &&
	       strcmp(at, "/") != 0) {
		char *up = sp_xstrdup(dirname(at)); /* dirname may change its argument */
		free(at);
		at = up;
	}
	if (rc != 0 && errno == ENOENT)
		sp_cli_error(cli, "%s: the folder %s does not exist; make it (mkdir -p %s) or name "
			     "one that exists", what, at, at);
	else if (rc != 0)
		sp_cli_error(cli, "%s: cannot reach the folder %s: %s; name a folder you may write in",
			     what, at, strerror(errno));
	else if (!S_ISDIR(st.st_mode))
		sp_cli_error(cli, "%s: %s is not a folder; name a file in a folder", what, at);
	else if (!may_write_in(at))
		sp_cli_error(cli, "%s: cannot write in the folder %s: %s; name a folder you may "
			     "write in", what, at, strerror(errno));
	else
		ok = true;
	free(at);
	return ok;
}

bool sp_cli_output_check(const sp_cli *cli, const char *path, bool makes_dirs)
{
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		sp_cli_error(cli, "%s: is a folder; name a file to write", path);
		return false;
	}
	if (lstat(path, &st) == 0 && !cli->force) {
		say_exists(cli, path);
		return false;
	}
	char *copy = sp_xstrdup(path);
	bool ok = folder_ok(cli, path, dirname(copy), makes_dirs);
	free(copy);
	return ok;
}

bool sp_cli_output_dir_check(const sp_cli *cli, const char *what, const char *dir)
{
	return folder_ok(cli, what, *dir ? dir : ".", true);
}

int sp_cli_commit(const sp_cli *cli, sp_out *out)
{
	if (sp_out_commit_flags(out, cli->force ? 0 : SP_OUT_NO_REPLACE) == 0)
		return 0;
	const char *name = cli->output ? cli->output : "standard output";
	if (errno == EEXIST)
		say_exists(cli, name);
	else
		sp_cli_error(cli, "%s: cannot write the output: %s", name, strerror(errno));
	return -1;
}

/* --- the loop ------------------------------------------------------------------------ */

struct report_to {
	sp_report_fn fn;
	void *ctx;
	const char *prog;
	sp_progress *progress;
};

static void flush_diags(sp_diags *d, const struct report_to *to)
{
	if (!d->n)
		return;
	/* the progress line cleared and the problems printed with no other thread between */
	flockfile(stderr);
	sp_progress_clear(to->progress);
	if (to->fn)
		to->fn(d, to->ctx);
	else
		sp_diags_print(d, stderr, to->prog);
	funlockfile(stderr);
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
	unsigned long long counted = 0; /* bytes of the file counted in the progress */
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
		unsigned long long read = sp_reader_bytes(r);
		sp_progress_doc(cli->progress, read - counted);
		counted = read;
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
	bool own_progress = !cli->progress;
	if (own_progress)
		sp_cli_progress_start(cli, n, files);
	struct report_to to = {report, ctx, cli->prog, cli->progress};
	sp_diags diags = {.strict = strict};
	int status = SP_EXIT_OK;
	for (int i = 0; i < n; i++) {
		status = worse(status, loop_file(cli, files[i], fn, &diags, &to, ctx));
		if (status == SP_EXIT_BAD && !cli->keep_going)
			break;
	}
	sp_diags_free(&diags);
	if (own_progress)
		sp_cli_progress_end(cli);
	return status;
}

void sp_cli_progress_start(sp_cli *cli, int n, char **files)
{
	if (!cli->quiet && !cli->progress)
		cli->progress = sp_progress_start(cli->prog, n, files, !cli->output);
}

void sp_cli_progress_end(sp_cli *cli)
{
	sp_progress_end(cli->progress);
	cli->progress = NULL;
}

/* --- the files to read --------------------------------------------------------------- */

typedef struct {
	char **v;
	size_t n, cap;
} file_list;

/* Add path, which the list takes. */
static void add_owned(file_list *l, char *path)
{
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = sp_xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n++] = path;
}

static bool wanted(const char *name)
{
	const char *dot = strrchr(name, '.');
	return name[0] != '.' && dot && (!strcmp(dot, ".yaml") || !strcmp(dot, ".yml") ||
					 !strcmp(dot, ".json") || !strcmp(dot, ".jsonl"));
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* The files of a folder and its subfolders, in name order. */
static void add_dir(file_list *l, const char *dir)
{
	DIR *d = opendir(dir);
	if (!d) {
		add_owned(l, sp_xstrdup(dir)); /* the reader says what is wrong */
		return;
	}
	file_list names = {0};
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		add_owned(&names, sp_xasprintf("%s/%s", dir, e->d_name));
	}
	closedir(d);
	if (names.n)
		qsort(names.v, names.n, sizeof *names.v, by_name);
	for (size_t i = 0; i < names.n; i++) {
		struct stat st, lst;
		bool link = lstat(names.v[i], &lst) == 0 && S_ISLNK(lst.st_mode);
		if (stat(names.v[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			if (!link) /* a link to a folder could lead back into this one */
				add_dir(l, names.v[i]);
		} else if (wanted(strrchr(names.v[i], '/') + 1))
			add_owned(l, sp_xstrdup(names.v[i]));
	}
	sp_cli_files_free(names.v, names.n);
}

char **sp_cli_files(const sp_cli *cli, int n, char **args, bool recursive, size_t *count)
{
	file_list l = {0};
	for (int i = 0; i < n; i++) {
		struct stat st;
		if (recursive && strcmp(args[i], "-") != 0 && stat(args[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			size_t before = l.n;
			add_dir(&l, args[i]);
			if (l.n == before)
				sp_cli_usage_error(cli, "%s: no .yaml, .yml, .json or .jsonl files in the folder", args[i]);
		} else
			add_owned(&l, sp_xstrdup(args[i]));
	}
	if (!l.n)
		add_owned(&l, sp_xstrdup("-"));
	*count = l.n;
	return l.v;
}

void sp_cli_files_free(char **files, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(files[i]);
	free(files);
}

sp_format sp_cli_out_format(sp_format chosen, const sp_doc *first)
{
	if (chosen != SP_FMT_AUTO)
		return chosen;
	return first ? first->format : SP_FMT_YAML;
}
