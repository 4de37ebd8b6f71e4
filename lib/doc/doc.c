/* SPDX-License-Identifier: MIT */
/* doc.c — the document model: limits, format names, documents and their places. */
#include "doc/docint.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

sp_limits sp_limits_default(void)
{
	return (sp_limits){
	    .max_doc_bytes = 16u << 20,
	    .max_depth = 64,
	    .max_nodes = 1000000,
	    .max_alias_nodes = 100000,
	    .max_string = 1u << 20,
	    .max_docs = 100000000ul,
	};
}

static const char *const format_names[] = {"auto", "yaml", "json", "jsonl"};

bool sp_format_parse(const char *name, sp_format *out)
{
	for (int i = SP_FMT_YAML; i <= SP_FMT_JSONL; i++) {
		if (strcmp(name, format_names[i]) == 0) {
			*out = (sp_format)i;
			return true;
		}
	}
	return false;
}

const char *sp_format_name(sp_format f) { return format_names[f]; }

void sp_doc_free(sp_doc *doc)
{
	if (!doc)
		return;
	json_decref(doc->root);
	sp_postab_free(doc->tab);
	free(doc->file);
	free(doc);
}

sp_pos sp_doc_pos(const sp_doc *doc, const json_t *obj, const char *key)
{
	sp_pos p = {0, 0};
	sp_postab_get(doc->tab, obj, key, 0, &p, NULL);
	return p;
}

sp_pos sp_doc_key_pos(const sp_doc *doc, const json_t *obj, const char *key)
{
	sp_pos p = {0, 0};
	sp_postab_get(doc->tab, obj, key, 0, NULL, &p);
	return p;
}

sp_pos sp_doc_pos_at(const sp_doc *doc, const json_t *arr, size_t i)
{
	sp_pos p = {0, 0};
	sp_postab_get(doc->tab, arr, NULL, i, &p, NULL);
	return p;
}
