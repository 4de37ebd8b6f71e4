/* SPDX-License-Identifier: MIT */
/* tool.h — what the tools that work on cases share beyond the command line: reading the
 * agencies registries and the rules they are given, and taking a case to work on.
 * Layer: cli; may include base, doc, domain and cli. */
#ifndef SP_TOOL_H
#define SP_TOOL_H

#include "cli/cli.h"
#include "domain/rules.h"

/**
 * The folder of a unit's own registry, rules and templates: SAMPLAN_SYSCONFDIR when it is
 * set (empty: none), else the one the build was configured for, under the installation's
 * sysconfdir (/etc/samplan for the Debian package; samplan(7), FILES). NULL for none.
 */
const char *sp_tool_sysconfdir(void);

/** The folder's NAME (agencies.yaml, rules.yaml, templates) when it is there, else NULL.
 * dir: a folder is asked for (true) or a file. Caller frees. */
char *sp_tool_sysconf(const char *name, bool dir);

/**
 * Read every registry named (with --agencies) into one. With none named, the unit's own
 * registry, sp_tool_sysconf("agencies.yaml"), when it is there; else NULL. Problems
 * are printed on standard error; *ok is false if there was any (a file that is not
 * `kind: agencies`, or not valid). Caller frees with sp_agencies_free().
 */
sp_agencies *sp_tool_agencies(const sp_cli *cli, const char *const *paths, size_t n, bool *ok);

/** The rules from a file (--rules); when path is NULL, the unit's own rules,
 * sp_tool_sysconf("rules.yaml"), when they are there, else the built-in ones. NULL, with
 * the problems printed, when the file is bad. Caller frees with sp_rules_free(). */
sp_rules *sp_tool_rules(const sp_cli *cli, const char *path);

/**
 * What tells the rules a tool works with (the same as sp_tool_rules(cli, path) takes)
 * from other rules: a hash of the rules document as data, so that its layout and
 * comments do not count ("fnv1a64:" and 16 hex digits). For a partial result to carry, so
 * that partials counted under other rules are not added up. NULL when the file cannot be
 * read (sp_tool_rules() says why). Caller frees.
 */
char *sp_tool_rules_id(const sp_cli *cli, const char *path);

/**
 * Take a document as a case to work on: another kind is refused; the keys that tools
 * derive (`derived`, NULL-terminated), whatever they hold, are emptied in their place so
 * they are replaced, not checked; then the case is validated. Returns SP_EXIT_OK, or
 * SP_EXIT_BAD with the problems in diags.
 */
int sp_tool_case(const sp_cli *cli, sp_doc *doc, const char *const *derived, sp_diags *diags);

/** The -f of a tool that also writes a table: true for `table`, else the document format
 * in *fmt, or a usage error (exit 2). */
bool sp_tool_format(const sp_cli *cli, const char *arg, sp_format *fmt);

/** A whole number option in [lo, hi], or a usage error (exit 2). */
int sp_tool_number(const sp_cli *cli, const char *opt, const char *arg, long lo, long hi);

#endif
