/* SPDX-License-Identifier: MIT */
/* run.h — a tool that works on cases, from its options to its exit status: the options
 * such tools share (-f with `table`, -k, --agencies, --rules, --force, -q), the registries and rules
 * they read, the output they open, the documents or the table they write, what they
 * count, the --keep-going summary, and the output kept or thrown away at the end.
 * Messages and exit statuses are samplan(7)'s, the same in every tool that uses it.
 *
 *	struct opts o = {0};                      // holds `sp_cli cli; sp_run run;`
 *	sp_run_init(&o.run, &o.cli, "samplan-x", usage);
 *	while ((c = sp_cli_getopt(&o.cli, argc, argv, SP_RUN_SHORTOPTS, longopts)) != -1)
 *		if (!sp_run_option(&o.run, c, optarg))
 *			...                       // the tool's own options
 *	if (!sp_run_load(&o.run) || !sp_run_open(&o.run))
 *		goto done;                        // messages printed
 *	status = sp_cli_loop(&o.cli, n, files, per_case, NULL, false, &o);
 *	sp_run_summary(&o.run, "screened", false);
 *	status = sp_run_end(&o.run, status);      // commit, or abort on bad input
 * done:
 *	sp_run_free(&o.run);
 * Layer: cli; may include base, doc, domain and cli. */
#ifndef SP_RUN_H
#define SP_RUN_H

#include "cli/cli.h"
#include "domain/rules.h"

/** Long-option codes of the options sp_run_option() handles (between the shared ones
 * and SP_OPT_FIRST_TOOL). */
enum { SP_OPT_AGENCIES = 0x110, SP_OPT_RULES };

/** The long options sp_run_option() handles, after SP_CLI_LONGOPTS in a tool's table. */
#define SP_RUN_LONGOPTS                                                                          \
	SP_CLI_LONGOPTS, SP_CLI_BATCH_LONGOPTS, {"format", required_argument, NULL, 'f'},       \
	    {"agencies", required_argument, NULL, SP_OPT_AGENCIES},                             \
	    {"rules", required_argument, NULL, SP_OPT_RULES},                                   \
	    {"keep-going", no_argument, NULL, 'k'}

/** Their short options, with SP_CLI_SHORTOPTS: a tool appends its own. */
#define SP_RUN_SHORTOPTS SP_CLI_SHORTOPTS SP_CLI_BATCH_SHORTOPTS "f:k"

/** A tool's run. Lives in the tool's struct opts beside its sp_cli; sp_run_init() it. */
typedef struct {
	sp_cli *cli;                /* the tool's settings: -o, --mode, --keep-going, prog */
	sp_format fmt;              /* -f: the document format (SP_FMT_AUTO: as the first read) */
	bool table;                 /* -f table: the tool writes a table of its own to f */
	bool own_format;            /* the tool's -f is its own (sp_run_getopt() returns it) */
	const char *rules_path;     /* --rules; NULL: the built-in rules */
	const char *agencies[16];   /* --agencies, in the order given */
	size_t nagencies;
	sp_rules *rules;            /* from sp_run_load() */
	sp_agencies *reg;           /* from sp_run_load(); NULL without --agencies */
	sp_out *out;                /* the output, from sp_run_open() until sp_run_end() */
	FILE *f;                    /* sp_out_file(out): where a table (or a report) goes */
	sp_writer *w;               /* the documents' writer, opened by the first sp_run_put() */
	unsigned long done;         /* cases taken: by sp_run_case(), or the tool */
	unsigned long skipped;      /* documents skipped as bad input: by sp_run_case(), or the tool */
} sp_run;

/** sp_cli_init(cli, prog, usage), and a run for it with nothing read or opened yet. */
void sp_run_init(sp_run *run, sp_cli *cli, const char *prog, const char *usage);

/**
 * Handle an option returned by sp_cli_getopt(): a shared one (sp_cli_option()), or one of
 * SP_RUN_LONGOPTS. Returns true if it was one. A bad value (an -f other than yaml, json,
 * jsonl or table; a 17th --agencies) is a usage error (exit 2). A tool whose -f means
 * something else handles 'f' before calling this.
 */
bool sp_run_option(sp_run *run, int opt, const char *arg);

/**
 * sp_cli_getopt() for a tool on a run: the shared options and the run's are handled here
 * (sp_run_option()), and the next of the tool's own is returned, or -1 after the last.
 * shortopts is SP_RUN_SHORTOPTS and the tool's own. With run->own_format set, -f is the
 * tool's to handle too.
 */
int sp_run_getopt(sp_run *run, int argc, char **argv, const char *shortopts,
		  const struct option *longopts);

/**
 * Read the registries (--agencies) and the rules (--rules, or the built-in ones) into
 * run->reg and run->rules. false, with the problems printed, when one is bad.
 * sp_run_free() frees them.
 */
bool sp_run_load(sp_run *run);

/**
 * Open the output the user chose (-o FILE atomically with --mode, else standard output),
 * before the first case is read: a FILE that cannot be written, or that exists without
 * --force, is refused at once (sp_cli_output_check()). false, with "PROG: FILE: …" printed,
 * when it cannot be created.
 * The run owns run->out until sp_run_end(); a tool that writes one report of its own may
 * instead keep or throw it away itself (sp_out_commit(run->out) or sp_out_abort()), and
 * then sets run->out to NULL.
 */
bool sp_run_open(sp_run *run);

/**
 * Take a document as a case (sp_tool_case(): another kind refused, the derived keys
 * emptied, validated), counting it in run->done, or in run->skipped when it is refused.
 * Returns SP_EXIT_OK, or SP_EXIT_BAD with the problems in diags. The document stays the
 * caller's.
 */
int sp_run_case(sp_run *run, sp_doc *doc, const char *const *derived, sp_diags *diags);

/**
 * Write v as the next document of the output, in run->fmt (SP_FMT_AUTO: the format doc was
 * read in; the writer is opened at the first document). v stays the caller's. Returns
 * SP_EXIT_OK, or SP_EXIT_BAD with "cannot write the output: …" in diags.
 */
int sp_run_put(sp_run *run, const sp_doc *doc, const json_t *v, sp_diags *diags);

/**
 * With --keep-going, when a document was skipped or a file could not be read to the end,
 * print "PROG: N documents skipped (bad input), M VERB" (VERB: "screened", "checked" …,
 * after run->done); with files, "; K files could not be read to the end" follows.
 * Without --keep-going, or with nothing skipped, prints nothing.
 */
void sp_run_summary(const sp_run *run, const char *verb, bool files);

/**
 * End the run begun by sp_run_open(): close the documents' writer, then throw the output
 * away when status is SP_EXIT_BAD without --keep-going (nothing half-written), else
 * commit it (sp_cli_commit(): never over a file without --force). Frees run->w and
 * run->out. Returns status, or SP_EXIT_BAD when the output could not be written.
 */
int sp_run_end(sp_run *run, int status);

/** Free what the run still holds: the rules and registries; an output not ended is
 * thrown away. The run can be freed whether or not it was loaded or opened. */
void sp_run_free(sp_run *run);

#endif
