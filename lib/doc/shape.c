/* SPDX-License-Identifier: MIT */
/* shape.c — the generic shape checker: keys known and required, value types, enums,
 * list limits, with typo suggestions and the place of every problem. */
#include "doc/shape.h"
#include "base/util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

const sh_type sh_any = {.kind = SH_ANY};
const sh_type sh_text = {.kind = SH_TEXT};
const sh_type sh_id = {.kind = SH_ID};
const sh_type sh_date = {.kind = SH_DATE};
const sh_type sh_bool = {.kind = SH_BOOL};
const sh_type sh_int = {.kind = SH_INT, .min = -2147483648LL, .max = 2147483647LL};
const sh_type sh_uint = {.kind = SH_INT, .min = 0, .max = 2147483647LL};
const sh_type sh_muni = {.kind = SH_MUNI};
const sh_type sh_const1 = {.kind = SH_CONST1};

size_t sh_push_key(sh_ctx *c, const char *key)
{
	size_t old = c->depth;
	if (c->depth < sizeof c->steps / sizeof *c->steps)
		c->steps[c->depth] = (sh_step){key, 0};
	c->depth++;
	return old;
}

size_t sh_push_index(sh_ctx *c, size_t i)
{
	size_t old = c->depth;
	if (c->depth < sizeof c->steps / sizeof *c->steps)
		c->steps[c->depth] = (sh_step){NULL, i};
	c->depth++;
	return old;
}

void sh_pop(sh_ctx *c, size_t depth) { c->depth = depth; }

void sh_path(const sh_ctx *c, char *buf, size_t size)
{
	size_t len = 0, n = c->depth;
	if (n > sizeof c->steps / sizeof *c->steps)
		n = sizeof c->steps / sizeof *c->steps;
	buf[0] = '\0';
	for (size_t i = 0; i < n && len + 1 < size; i++) {
		const sh_step *st = &c->steps[i];
		int w = st->key ? snprintf(buf + len, size - len, "%s%s", i ? "." : "", st->key)
				: snprintf(buf + len, size - len, "[%zu]", st->idx);
		if (w < 0)
			break;
		len += (size_t)w < size - len ? (size_t)w : size - len - 1;
	}
}

void sh_report(sh_ctx *c, sp_severity sev, sp_pos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *msg = sp_xvasprintf(fmt, ap);
	va_end(ap);
	char path[512];
	sh_path(c, path, sizeof path);
	sp_diags_add(c->diags, sev, c->doc->file, c->doc->index, pos, path, "%s", msg);
	free(msg);
}

sp_pos sh_pos(const sh_ctx *c, const sh_loc *at)
{
	sp_pos p = {0, 0};
	if (at && at->parent) {
		if (at->key)
			p = sp_doc_pos(c->doc, at->parent, at->key);
		else
			p = sp_doc_pos_at(c->doc, at->parent, at->idx);
	}
	return p.line ? p : c->doc->pos;
}

const char *sh_describe(const sh_type *t)
{
	switch (t->kind) {
	case SH_TEXT: return "text";
	case SH_ID: return "an id (1–64 letters A–Z, digits, `.`, `_` or `-`)";
	case SH_DATE: return "a date written YYYY-MM-DD";
	case SH_BOOL: return "true or false";
	case SH_INT: return "a whole number";
	case SH_MUNI: return "a 4-digit municipality number in quotes, such as \"0301\"";
	case SH_ENUM: return "one of the listed words";
	case SH_OBJECT: return "a mapping of keys and values";
	case SH_LIST: return "a list";
	case SH_CONST1: return "1";
	default: return "a value";
	}
}

static const char *json_kind(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: return "a mapping";
	case JSON_ARRAY: return "a list";
	case JSON_STRING: return "text";
	case JSON_INTEGER: return "a whole number";
	case JSON_REAL: return "a decimal number";
	case JSON_TRUE:
	case JSON_FALSE: return "true/false";
	default: return "empty (null)";
	}
}

/* The last key of the current path with the indexes after it ("plans[1]"), for messages;
 * NULL at the top of the document. */
static const char *parent_name(const sh_ctx *c, char *buf, size_t size)
{
	if (!c->depth)
		return NULL;
	char path[512];
	sh_path(c, path, sizeof path);
	const char *dot = strrchr(path, '.');
	snprintf(buf, size, "%s", dot ? dot + 1 : path);
	return buf;
}

static void wrong_type(sh_ctx *c, const json_t *v, const sh_loc *at, const sh_type *t)
{
	sh_report(c, SP_ERROR, sh_pos(c, at), "must be %s, not %s", sh_describe(t), json_kind(v));
}

static bool id_ok(const char *s)
{
	size_t n = strlen(s);
	if (n < 1 || n > 64 || s[0] == '.')
		return false;
	for (size_t i = 0; i < n; i++) {
		char ch = s[i];
		if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
		      ch == '.' || ch == '_' || ch == '-'))
			return false;
	}
	return true;
}

static void list_values(char *buf, size_t n, const char *const *values)
{
	buf[0] = '\0';
	for (size_t i = 0; values[i]; i++) {
		size_t len = strlen(buf);
		snprintf(buf + len, n - len, "%s%s", i ? ", " : "", values[i]);
	}
}

static void check_enum(sh_ctx *c, const json_t *v, const sh_loc *at, const sh_type *t)
{
	if (!json_is_string(v)) {
		char buf[512];
		list_values(buf, sizeof buf, t->values);
		sh_report(c, SP_ERROR, sh_pos(c, at), "must be one of: %s; not %s", buf, json_kind(v));
		return;
	}
	const char *s = json_string_value(v);
	for (size_t i = 0; t->values[i]; i++)
		if (strcmp(s, t->values[i]) == 0)
			return;
	const char *guess = sp_closest(s, t->values);
	char buf[512];
	list_values(buf, sizeof buf, t->values);
	if (guess)
		sh_report(c, SP_ERROR, sh_pos(c, at), "is not one of the allowed words; did you mean `%s`? "
					    "(allowed: %s)", guess, buf);
	else
		sh_report(c, SP_ERROR, sh_pos(c, at), "is not one of the allowed words: %s", buf);
}

static void unknown_key(sh_ctx *c, const json_t *obj, const char *key, const sh_type *t)
{
	char buf[512];
	const char *parent = parent_name(c, buf, sizeof buf);
	const char *names[64];
	size_t n = 0;
	for (const sh_field *g = t->fields; g->key && n < 63; g++)
		names[n++] = g->key;
	names[n] = NULL;
	const char *guess = sp_closest(key, names);
	size_t old = sh_push_key(c, key);
	sp_pos kp = sp_doc_key_pos(c->doc, obj, key);
	const char *under = parent ? " under `" : " at the top of the document";
	const char *close = parent ? "`" : "";
	if (guess)
		sh_report(c, SP_WARNING, kp, "`%s` is not a known key%s%s%s; did you mean `%s`?", key,
			  under, parent ? parent : "", close, guess);
	else
		sh_report(c, SP_WARNING, kp, "`%s` is not a known key%s%s%s; check the spelling or "
					     "remove it",
			  key, under, parent ? parent : "", close);
	sh_pop(c, old);
}

/* One pass over the members in the order written, then the required keys not seen. */
static void check_object(sh_ctx *c, const json_t *obj, const sh_loc *at, const sh_type *t)
{
	uint64_t seen = 0; /* bit i: fields[i] is present (tables have fewer than 64 fields) */
	const char *key;
	json_t *v;
	for (void *it = json_object_iter((json_t *)obj); it;
	     it = json_object_iter_next((json_t *)obj, it)) {
		key = json_object_iter_key(it);
		v = json_object_iter_value(it);
		size_t i = 0;
		const sh_field *f = t->fields;
		while (f->key && (f->key[0] != key[0] || strcmp(f->key, key) != 0))
			f++, i++;
		if (!f->key) {
			unknown_key(c, obj, key, t);
			continue;
		}
		if (json_is_null(v) && !f->required)
			continue; /* null means absent */
		seen |= 1ull << i;
		size_t old = sh_push_key(c, key);
		sh_loc member = {obj, key, 0};
		if (f->required && f->type->kind == SH_TEXT && json_is_string(v) &&
		    json_string_length(v) == 0)
			sh_report(c, SP_ERROR, sh_pos(c, &member), "is empty; fill it in");
		else
			sh_check(c, v, &member, f->type);
		sh_pop(c, old);
	}
	size_t i = 0;
	for (const sh_field *f = t->fields; f->key; f++, i++) {
		if (!f->required || (seen & (1ull << i)))
			continue;
		char buf[512];
		const char *parent = parent_name(c, buf, sizeof buf);
		size_t old = sh_push_key(c, f->key);
		sh_report(c, SP_ERROR, sh_pos(c, at), "is missing; add `%s:` with %s%s%s", f->key,
			  sh_describe(f->type), parent ? " under " : "", parent ? parent : "");
		sh_pop(c, old);
	}
	if (t->check)
		t->check(c, obj, at);
}

static void check_list(sh_ctx *c, const json_t *arr, const sh_loc *at, const sh_type *t)
{
	size_t n = json_array_size(arr);
	if (t->nonempty && n == 0)
		sh_report(c, SP_ERROR, sh_pos(c, at), "is empty; it needs at least one item");
	if (t->max && (long long)n > t->max)
		sh_report(c, SP_ERROR, sh_pos(c, at), "has %zu items; at most %lld are allowed", n, t->max);
	for (size_t i = 0; i < n; i++) {
		const json_t *v = json_array_get(arr, i);
		size_t old = sh_push_index(c, i);
		sh_loc item = {arr, NULL, i};
		sh_check(c, v, &item, t->item);
		if (t->unique && json_is_string(v)) {
			for (size_t j = 0; j < i; j++) {
				if (json_equal(v, json_array_get(arr, j))) {
					sh_report(c, SP_ERROR, sh_pos(c, &item), "repeats item [%zu] of this list; "
								   "remove one of them", j);
					break;
				}
			}
		}
		sh_pop(c, old);
	}
}

void sh_check(sh_ctx *c, const json_t *v, const sh_loc *at, const sh_type *t)
{
	switch (t->kind) {
	case SH_ANY:
		return;
	case SH_TEXT:
		if (!json_is_string(v))
			wrong_type(c, v, at, t);
		return;
	case SH_ID:
		if (!json_is_string(v))
			wrong_type(c, v, at, t);
		else if (!id_ok(json_string_value(v)))
			sh_report(c, SP_ERROR, sh_pos(c, at), "is not a valid id; use 1–64 letters A–Z, digits, "
						    "`.`, `_` or `-` (no spaces, not starting with `.`)");
		return;
	case SH_DATE:
		if (!json_is_string(v)) {
			wrong_type(c, v, at, t);
		} else {
			const char *why = sp_date_problem(json_string_value(v));
			if (*why)
				sh_report(c, SP_ERROR, sh_pos(c, at), "is not a valid date: it %s; write a real "
							    "date as YYYY-MM-DD", why);
		}
		return;
	case SH_BOOL:
		if (!json_is_boolean(v)) {
			if (json_is_string(v))
				sh_report(c, SP_ERROR, sh_pos(c, at), "must be true or false (only these two "
							    "words; yes/no/on/off are text)");
			else
				wrong_type(c, v, at, t);
		}
		return;
	case SH_INT:
		if (!json_is_integer(v))
			wrong_type(c, v, at, t);
		else if (json_integer_value(v) < t->min || json_integer_value(v) > t->max)
			sh_report(c, SP_ERROR, sh_pos(c, at), "must be between %lld and %lld", t->min, t->max);
		return;
	case SH_MUNI: {
		if (json_is_integer(v)) {
			sh_report(c, SP_ERROR, sh_pos(c, at), "is written as a number, so a leading zero would be "
						    "lost; write the 4 digits in quotes, such as \"0301\"");
			return;
		}
		const char *s = json_is_string(v) ? json_string_value(v) : NULL;
		bool ok = s && strlen(s) == 4;
		for (size_t i = 0; ok && i < 4; i++)
			ok = s[i] >= '0' && s[i] <= '9';
		if (!ok)
			sh_report(c, SP_ERROR, sh_pos(c, at), "must be %s", sh_describe(t));
		return;
	}
	case SH_ENUM:
		check_enum(c, v, at, t);
		return;
	case SH_OBJECT:
	case SH_LIST: {
		bool object = t->kind == SH_OBJECT;
		if (object ? !json_is_object(v) : !json_is_array(v))
			wrong_type(c, v, at, t);
		else if (object)
			check_object(c, v, at, t);
		else
			check_list(c, v, at, t);
		return;
	}
	case SH_CONST1:
		if (!json_is_integer(v) || json_integer_value(v) != 1)
			sh_report(c, SP_ERROR, sh_pos(c, at), "must be 1: this is version 1 of the samplan "
						    "format, the only one these tools read");
		return;
	}
}

bool sh_get_date(const json_t *obj, const char *key, sp_date *out)
{
	const json_t *v = json_object_get(obj, key);
	return v && json_is_string(v) && sp_date_parse(json_string_value(v), out);
}
