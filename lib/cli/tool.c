/* tool.c — registries, rules and cases, the same way in every tool. */
#include "cli/tool.h"
#include "domain/validate.h"

#include <stdlib.h>
#include <string.h>

sp_agencies *sp_tool_agencies(const sp_cli *cli, const char *const *paths, size_t n, bool *ok)
{
	*ok = true;
	if (!n)
		return NULL;
	sp_agencies *reg = sp_agencies_new();
	sp_diags d = {0};
	for (size_t i = 0; i < n && *ok; i++) {
		sp_reader *r = sp_reader_open(paths[i], &cli->limits, &d);
		sp_doc *doc;
		int rc = -1;
		while (r && (rc = sp_reader_next(r, &doc, &d)) == 1) {
			const char *kind = sp_doc_kind(doc);
			if (!kind || strcmp(kind, "agencies") != 0)
				sp_diags_add(&d, SP_ERROR, doc->file, doc->index, doc->pos, "kind",
					     "--agencies needs a `kind: agencies` registry");
			else if (!sp_validate(doc, &d))
				sp_agencies_add(reg, doc->root);
			sp_doc_free(doc);
		}
		*ok = r && rc == 0 && d.errors == 0;
		sp_reader_close(r);
	}
	sp_diags_print(&d, stderr, cli->prog);
	sp_diags_free(&d);
	return reg;
}

sp_rules *sp_tool_rules(const sp_cli *cli, const char *path)
{
	if (!path)
		return sp_rules_default();
	sp_diags d = {0};
	sp_rules *r = sp_rules_load(path, &d);
	sp_diags_print(&d, stderr, cli->prog);
	sp_diags_free(&d);
	return r;
}

int sp_tool_case(const sp_cli *cli, sp_doc *doc, const char *const *derived, sp_diags *diags)
{
	const char *kind = sp_doc_kind(doc);
	if (json_is_object(doc->root) && kind && strcmp(kind, "case") != 0) {
		sp_diags_add(diags, SP_ERROR, doc->file, doc->index, doc->pos, "kind",
			     "this is not a case; %s reads `kind: case` documents (a registry goes "
			     "with --agencies)", cli->prog);
		return SP_EXIT_BAD;
	}
	for (; derived && *derived; derived++)
		if (json_is_object(doc->root) && json_object_get(doc->root, *derived))
			json_object_set_new(doc->root, *derived, json_null());
	return sp_validate(doc, diags) ? SP_EXIT_BAD : SP_EXIT_OK;
}

bool sp_tool_format(const sp_cli *cli, const char *arg, sp_format *fmt)
{
	if (strcmp(arg, "table") == 0)
		return true;
	if (!sp_format_parse(arg, fmt))
		sp_cli_usage_error(cli, "-f: unknown format; use yaml, json, jsonl or table");
	return false;
}

int sp_tool_number(const sp_cli *cli, const char *opt, const char *arg, long lo, long hi)
{
	char *end;
	long v = strtol(arg, &end, 10);
	if (!*arg || *end || v < lo || v > hi)
		sp_cli_usage_error(cli, "%s: give a whole number from %ld to %ld", opt, lo, hi);
	return (int)v;
}
