/* SPDX-License-Identifier: MIT */
/* tool.c — registries, rules and cases, the same way in every tool. */
#include "cli/tool.h"
#include "base/util.h"
#include "domain/validate.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The build says where the installation keeps it (CMAKE_INSTALL_FULL_SYSCONFDIR/samplan). */
#ifndef SAMPLAN_SYSCONFDIR
#define SAMPLAN_SYSCONFDIR "/etc/samplan"
#endif

const char *sp_tool_sysconfdir(void)
{
	const char *dir = getenv("SAMPLAN_SYSCONFDIR");
	if (!dir)
		dir = SAMPLAN_SYSCONFDIR;
	return *dir ? dir : NULL;
}

char *sp_tool_sysconf(const char *name, bool dir)
{
	const char *etc = sp_tool_sysconfdir();
	if (!etc)
		return NULL;
	char *path = sp_xasprintf("%s/%s", etc, name);
	struct stat st;
	if (stat(path, &st) == 0 && (dir ? S_ISDIR(st.st_mode) : !S_ISDIR(st.st_mode)))
		return path;
	free(path);
	return NULL;
}

sp_agencies *sp_tool_agencies(const sp_cli *cli, const char *const *paths, size_t n, bool *ok)
{
	*ok = true;
	char *own = NULL;
	if (!n) {
		if (!(own = sp_tool_sysconf("agencies.yaml", false)))
			return NULL;
		paths = (const char *const *)&own;
		n = 1;
	}
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
	free(own);
	return reg;
}

sp_rules *sp_tool_rules(const sp_cli *cli, const char *path)
{
	char *own = path ? NULL : sp_tool_sysconf("rules.yaml", false);
	if (!path && !own)
		return sp_rules_default();
	sp_diags d = {0};
	sp_rules *r = sp_rules_load(path ? path : own, &d);
	sp_diags_print(&d, stderr, cli->prog);
	sp_diags_free(&d);
	free(own);
	return r;
}

/* json_dump_callback's sink: the text hashed as it is made, never held whole */
static int hash_bytes(const char *buf, size_t n, void *data)
{
	uint64_t *h = data;
	for (size_t i = 0; i < n; i++)
		*h = (*h ^ (unsigned char)buf[i]) * 0x100000001b3u;
	return 0;
}

char *sp_tool_rules_id(const sp_cli *cli, const char *path)
{
	sp_diags d = {0};
	sp_doc *doc = NULL;
	char *own = path ? NULL : sp_tool_sysconf("rules.yaml", false);
	if (own)
		path = own;
	if (path) {
		sp_reader *r = sp_reader_open(path, &cli->limits, &d);
		if (r && sp_reader_next(r, &doc, &d) != 1)
			doc = NULL;
		sp_reader_close(r);
	} else {
		const char *text = sp_rules_default_text();
		if (sp_doc_parse_string(text, strlen(text), "rules", &doc, &d) != 1)
			doc = NULL;
	}
	sp_diags_free(&d);
	free(own);
	uint64_t h = 0xcbf29ce484222325u; /* FNV-1a: enough to tell rules apart, not a seal */
	int rc = doc ? json_dump_callback(doc->root, hash_bytes, &h, JSON_COMPACT | JSON_SORT_KEYS)
		     : -1;
	sp_doc_free(doc);
	return rc == 0 ? sp_xasprintf("fnv1a64:%016llx", (unsigned long long)h) : NULL;
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
