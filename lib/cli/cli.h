/* SPDX-License-Identifier: MIT */
/* cli.h — what every samplan tool shares on the command line: options, messages, exit
 * statuses, atomic output files, the files to read (folders walked with -r), and the loop
 * over input files and documents.
 * Layer: cli; may include base, doc, domain and cli. */
#ifndef SP_CLI_H
#define SP_CLI_H

#include "base/date.h"
#include "base/atomic.h"
#include "cli/progress.h"
#include "doc/doc.h"

#include <getopt.h>
#include <signal.h>
#include <sys/types.h>

/** Exit statuses of every tool (samplan(7)). */
enum {
	SP_EXIT_OK = 0,       /* done, nothing to report */
	SP_EXIT_FINDINGS = 1, /* done, and the tool found what it looks for (errors, gaps …) */
	SP_EXIT_BAD = 2,      /* usage error or bad input: a tool that writes documents leaves no
	                         output file (a report, such as samplan-validate's, is written:
	                         it names the bad input) */
};

/** Long-option codes of the shared options. */
enum { SP_OPT_VERSION = 0x100, SP_OPT_AS_OF, SP_OPT_MODE, SP_OPT_FORCE, SP_OPT_FIRST_TOOL = 0x120 };

/** The shared long options, to put first in a tool's option table. */
#define SP_CLI_LONGOPTS                                                                          \
	{"help", no_argument, NULL, 'h'}, {"version", no_argument, NULL, SP_OPT_VERSION},         \
	    {"output", required_argument, NULL, 'o'}, {"as-of", required_argument, NULL, SP_OPT_AS_OF}, \
	    {"mode", required_argument, NULL, SP_OPT_MODE}

/** The shared short options ("ho:"), to put first in a tool's optstring. */
#define SP_CLI_SHORTOPTS "ho:"

/** The options of a tool that reads many cases and writes a file, after SP_CLI_LONGOPTS:
 * --force (replace the -o file if it exists) and -q, --quiet (no progress on the terminal). */
#define SP_CLI_BATCH_LONGOPTS                                                                    \
	{"force", no_argument, NULL, SP_OPT_FORCE}, {"quiet", no_argument, NULL, 'q'}

/** Their short option, after SP_CLI_SHORTOPTS. */
#define SP_CLI_BATCH_SHORTOPTS "q"

/** A tool's shared settings. */
typedef struct {
	const char *prog;  /* "samplan-validate": prefixes every message */
	const char *usage; /* the text --help prints */
	const char *output;/* -o FILE; NULL for standard output */
	mode_t mode;       /* of files created: 0600, or --mode */
	sp_date as_of;     /* --as-of, or today */
	bool as_of_given;  /* --as-of was given */
	bool keep_going;   /* go on with the next document (or file) after bad input */
	bool force;        /* --force: replace the -o file if it exists */
	bool quiet;        /* -q, --quiet: no progress on the terminal */
	sp_limits limits;
	unsigned long unreadable; /* set by sp_cli_loop: files it could not read to the end */
	sp_progress *progress;    /* from sp_cli_progress_start() (NULL: none shown) */
} sp_cli;

/** Set the defaults: no output file, mode 0600, as_of today, default limits. */
void sp_cli_init(sp_cli *cli, const char *prog, const char *usage);

/**
 * Handle a shared option returned by getopt_long (SP_CLI_LONGOPTS, SP_CLI_BATCH_LONGOPTS).
 * Returns true if it was one. --help and --version print and exit 0; a bad value prints an
 * error and exits 2.
 */
bool sp_cli_option(sp_cli *cli, int opt, const char *arg);

/**
 * getopt_long with messages in samplan's form ("PROG: unknown option --bogus" and a pointer
 * to --help, exit 2) instead of getopt's own, which name the program by its path.
 */
int sp_cli_getopt(const sp_cli *cli, int argc, char **argv, const char *shortopts,
		  const struct option *longopts);

/** Print "PROG: message" on standard error (the progress line cleared first). */
void sp_cli_error(const sp_cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** Print "PROG: message" and a pointer to --help, then exit 2. */
_Noreturn void sp_cli_usage_error(const sp_cli *cli, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* --- the output file ----------------------------------------------------------------- */

/**
 * Before the first case is read, say whether the output file path can be written, so that
 * a long run does not fail at its end: its folder must be a folder that may be written in
 * (with makes_dirs, for a tool that makes the missing folders, the nearest one that
 * exists); it must not be a folder; without --force, no file may stand at its name.
 * false, with "PROG: PATH: what is wrong; what to do" printed.
 */
bool sp_cli_output_check(const sp_cli *cli, const char *path, bool makes_dirs);

/**
 * The same for the folder dir, which the tool makes when it is missing, of an output named
 * by a pattern (what: the pattern, for the message): the nearest folder of dir that exists
 * must be one that may be written in. false, with the message printed.
 */
bool sp_cli_output_dir_check(const sp_cli *cli, const char *what, const char *dir);

/**
 * sp_out_commit() for the output -o named (cli->output), but without --force never over a
 * file that came to be since sp_cli_output_check(). 0, or -1 with "PROG: FILE: the file
 * exists; …" or "PROG: FILE: cannot write the output: …" printed.
 */
int sp_cli_commit(const sp_cli *cli, sp_out *out);

/* --- the document loop --------------------------------------------------------------- */

/**
 * Called for each document read; returns the exit status it calls for (SP_EXIT_*). The
 * document is freed after the call unless the function sets *doc to NULL (taking it).
 */
typedef int (*sp_doc_fn)(sp_doc **doc, sp_diags *diags, void *ctx);

/** Called with the problems found while reading or by the function, to print them. */
typedef void (*sp_report_fn)(const sp_diags *diags, void *ctx);

/**
 * Read every document of every file in files[0..n) ("-" is standard input; no files means
 * standard input), calling fn for each. Problems go to report (NULL: printed on standard
 * error with the program name). Without cli->keep_going the loop stops at the first bad
 * input (status 2). A file that cannot be read to the end (missing, not YAML/JSON, a limit
 * passed) is counted in cli->unreadable. On a terminal the progress is shown meanwhile
 * (sp_cli_progress_start()). Returns the highest status seen.
 */
int sp_cli_loop(sp_cli *cli, int n, char **files, sp_doc_fn fn, sp_report_fn report,
		bool strict, void *ctx);

/**
 * Show the progress of reading files[0..n) on the terminal (sp_progress_start(); not with
 * --quiet), until sp_cli_progress_end(). sp_cli_loop() does it itself when no progress is
 * shown yet; a tool that reads its files in several loops (or threads, whose sp_cli copies
 * share it) starts it once, before them.
 */
void sp_cli_progress_start(sp_cli *cli, int n, char **files);

/** Clear the progress line and stop it. */
void sp_cli_progress_end(sp_cli *cli);

/**
 * The files to read for the arguments args[0..n): each as given, except that with
 * recursive a folder gives its .yaml, .yml, .json and .jsonl files and those of its
 * subfolders, in name order (hidden names and links to folders are skipped; a folder
 * that cannot be opened is kept, for the reader to say what is wrong). No argument gives
 * "-", standard input. A folder with none of those files is a usage error (exit 2).
 * Sets *count; caller frees with sp_cli_files_free().
 */
char **sp_cli_files(const sp_cli *cli, int n, char **args, bool recursive, size_t *count);

/** Free what sp_cli_files() returned. */
void sp_cli_files_free(char **files, size_t count);

/** The output format a tool writes when the user chose `chosen` (SP_FMT_AUTO: as read). */
sp_format sp_cli_out_format(sp_format chosen, const sp_doc *first);

#endif
