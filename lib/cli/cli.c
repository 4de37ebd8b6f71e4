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
