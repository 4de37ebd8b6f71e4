/* SPDX-License-Identifier: MIT */
/* eventkit.c — what the events share (events.h): their changes and words, refusals at a
 * place of the case, and the checks of dates, agencies and domains they take. */
#include "edit/events.h"
#include "base/util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void sp_event_out_clear(sp_event_out *out)
{
	for (size_t i = 0; i < out->n; i++) {
		free(out->ops[i].path);
		json_decref(out->ops[i].value);
	}
	free(out->ops);
	free(out->words);
	*out = (sp_event_out){0};
}

static void add(sp_event_out *out, bool append, json_t *value, const char *fmt, va_list ap)
{
	if (out->n == out->cap) {
		out->cap = out->cap ? 2 * out->cap : 4;
		out->ops = sp_xrealloc(out->ops, out->cap * sizeof *out->ops);
	}
	out->ops[out->n++] = (sp_event_op){append, sp_xvasprintf(fmt, ap), value};
}

void sp_ev_set(sp_event_out *out, json_t *value, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(out, false, value, fmt, ap);
	va_end(ap);
}

void sp_ev_append(sp_event_out *out, json_t *value, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(out, true, value, fmt, ap);
	va_end(ap);
}

void sp_ev_say(sp_event_out *out, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	free(out->words);
	out->words = sp_xvasprintf(fmt, ap);
	va_end(ap);
}

/* The value at a dotted path of the case, for the place of a refusal. */
static sp_pos place(const sp_doc *doc, const char *key)
{
	const json_t *parent = NULL, *v = doc->root;
	char *copy = sp_xstrdup(key), *rest = copy, *seg = NULL, *last = NULL;
	while (v && (seg = strsep(&rest, ".")) && *seg) {
		parent = v;
		last = seg;
		char *end;
		unsigned long k = strtoul(seg, &end, 10);
		v = json_is_array(v) && !*end ? json_array_get(v, k) : json_object_get(v, seg);
	}
	sp_pos pos = doc->pos;
	if (parent && last && json_is_object(parent) && json_object_get(parent, last))
		pos = sp_doc_key_pos(doc, parent, last);
	else if (parent && last && json_is_array(parent))
		pos = sp_doc_pos_at(doc, parent, strtoul(last, NULL, 10));
	free(copy);
	return pos.line ? pos : doc->pos;
}

int sp_ev_refuse(const sp_doc *doc, sp_diags *diags, const char *key, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = sp_xvasprintf(fmt, ap);
	va_end(ap);
	sp_diags_add(diags, SP_ERROR, doc->file, doc->index, place(doc, key ? key : ""),
		     key && *key ? key : NULL, "%s", msg);
	free(msg);
	return -1;
}

const char *sp_ev_iso(sp_date d, char buf[SP_DATE_BUFSIZE]) { return sp_date_format(d, buf); }

bool sp_ev_date(const sp_doc *doc, sp_diags *diags, const char *opt, const char *text,
		sp_date *out)
{
	if (!sp_date_parse(text, out)) {
		sp_ev_refuse(doc, diags, "", "%s: %s; write the date as YYYY-MM-DD", opt,
			     sp_date_problem(text));
		return false;
	}
	sp_case_info info;
	if (sp_case_info_get(doc->root, &info) && *out < info.start) {
		/* the place leads to the start: a message never quotes a date of the case */
		sp_ev_refuse(doc, diags, "sentence.start",
			     "%s: the date is before the sentence began; give the right date", opt);
		return false;
	}
	return true;
}

bool sp_ev_when(const sp_doc *doc, const sp_event_args *a, sp_diags *diags)
{
	char buf[SP_DATE_BUFSIZE];
	sp_date d;
	return sp_ev_date(doc, diags, "--date", sp_ev_iso(a->date, buf), &d);
}

bool sp_ev_agency(const sp_doc *doc, const sp_event_args *a, sp_diags *diags, const char *opt,
		  const char *id)
{
	size_t n = strlen(id);
	bool ok = n >= 1 && n <= 64 && id[0] != '.' && strspn(id, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
								 "abcdefghijklmnopqrstuvwxyz0123456789._-") == n;
	if (!ok) {
		sp_ev_refuse(doc, diags, "", "%s: not an agency id (letters, digits, `.`, `_` and `-`); "
					     "give the id the agencies registry has", opt);
		return false;
	}
	if (a->reg && !sp_agencies_find(a->reg, id)) {
		sp_ev_refuse(doc, diags, "", "%s: the agencies registry (--agencies) has no agency with "
					     "this id; check the spelling, or add the agency to the registry",
			     opt);
		return false;
	}
	return true;
}

int sp_ev_domain(const sp_doc *doc, sp_diags *diags, const char *opt, const char *text)
{
	int d = sp_domain_parse(text);
	if (d < 0)
		sp_ev_refuse(doc, diags, "", "%s: not a domain; use physical_health, mental_health, "
					     "substance_use, housing, finances, family, legal or "
					     "work_education", opt);
	return d;
}

int sp_ev_choice(const sp_doc *doc, sp_diags *diags, const char *opt, const char *text,
		 const char *const *choices)
{
	size_t n = 0;
	while (choices[n] && strcmp(choices[n], text) != 0)
		n++;
	if (choices[n])
		return (int)n;
	char *list = NULL;
	size_t len = 0, cap = 0;
	for (size_t i = 0; choices[i]; i++) {
		const char *sep = !i ? "" : choices[i + 1] ? ", " : " or ";
		sp_buf_append(&list, &len, &cap, sep, strlen(sep));
		sp_buf_append(&list, &len, &cap, choices[i], strlen(choices[i]));
	}
	sp_ev_refuse(doc, diags, "", "%s: use %s", opt, list ? list : "");
	free(list);
	return -1;
}
