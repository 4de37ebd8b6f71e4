/* SPDX-License-Identifier: MIT */
/* sp-convert — test helper: read documents with the library's reader and write them with
 * its writer (-f yaml|json|jsonl). Used by the schema agreement test and the round-trip
 * tests; not installed. */
#include "cli/cli.h"

#include <stdlib.h>
#include <string.h>

struct ctx {
	sp_format fmt;
	sp_writer *w;
};

static int put(sp_doc **doc, sp_diags *diags, void *p)
{
	(void)diags;
	struct ctx *c = p;
	if (!c->w)
		c->w = sp_writer_open(stdout, sp_cli_out_format(c->fmt, *doc));
	return sp_writer_put(c->w, (*doc)->root) == 0 ? SP_EXIT_OK : SP_EXIT_BAD;
}

int main(int argc, char **argv)
{
	sp_cli cli;
	sp_cli_init(&cli, "sp-convert", "Usage: sp-convert [-f yaml|json|jsonl] [FILE...]\n");
	struct ctx c = {SP_FMT_AUTO, NULL};
	int opt;
	while ((opt = getopt(argc, argv, "f:")) != -1)
		if (opt != 'f' || !sp_format_parse(optarg, &c.fmt))
			sp_cli_usage_error(&cli, "bad option");
	int st = sp_cli_loop(&cli, argc - optind, argv + optind, put, NULL, false, &c);
	if (sp_writer_close(c.w) != 0)
		st = SP_EXIT_BAD;
	return st;
}
