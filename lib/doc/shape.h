/* SPDX-License-Identifier: MIT */
/* shape.h — a small declarative checker for the shape of a document (internal): which keys,
 * which are required, what type each value has. validate.c describes each kind with it;
 * later document kinds (rules, plans) describe theirs the same way.
 * Layer: doc; may include base and doc. */
#ifndef SP_SHAPE_H
#define SP_SHAPE_H

#include "base/date.h"
#include "doc/doc.h"

struct sh_ctx;
struct sh_loc;

typedef enum {
	SH_ANY,    /* anything */
	SH_TEXT,   /* a string (non-empty when the field is required) */
	SH_ID,     /* an id: 1–64 of A-Z a-z 0-9 . _ -, not starting with '.' */
	SH_DATE,   /* a string YYYY-MM-DD that is a real date */
	SH_BOOL,
	SH_INT,    /* a whole number in [min, max] */
	SH_MUNI,   /* a municipality number: a string of 4 digits */
	SH_ENUM,   /* a string from values[] */
	SH_OBJECT, /* a mapping with fields[] */
	SH_LIST,   /* a list of item, at most max items (0: no limit), unique if set */
	SH_CONST1, /* the integer 1 (the format version) */
} sh_kind;

typedef struct sh_field sh_field;

/* Where a value is: the member `key` (or the item `idx`) of `parent`; parent NULL is the
 * document's root. Places are looked up only when a problem is reported. */
typedef struct sh_loc {
	const json_t *parent;
	const char *key;
	size_t idx;
} sh_loc;

typedef struct sh_type {
	sh_kind kind;
	const char *const *values;   /* SH_ENUM: NULL-terminated */
	const sh_field *fields;      /* SH_OBJECT: terminated by a field with key NULL */
	const struct sh_type *item;  /* SH_LIST */
	long long min, max;          /* SH_INT range; SH_LIST max items */
	bool unique;                 /* SH_LIST of scalars: no value twice */
	bool nonempty;               /* SH_LIST: at least one item */
	/* Called after the generic checks of an SH_OBJECT value, for what a table cannot say. */
	void (*check)(struct sh_ctx *c, const json_t *obj, const struct sh_loc *at);
} sh_type;

struct sh_field {
	const char *key;
	bool required;
	const sh_type *type;
};

/* One step of a key path: a key, or (key NULL) a list index. */
typedef struct {
	const char *key;
	size_t idx;
} sh_step;

/* State of one walk over a document. The key path is kept as steps (the keys borrowed
 * from the document or the tables) and written out only when a problem is reported. */
typedef struct sh_ctx {
	const sp_doc *doc;
	sp_diags *diags;
	sh_step steps[128];
	size_t depth;
} sh_ctx;

/* Write the current key path ("screening.domains.housing.needs[1]") into buf. */
void sh_path(const sh_ctx *c, char *buf, size_t size);

/* Check v (found at `at`, under the current path) against t. */
void sh_check(sh_ctx *c, const json_t *v, const sh_loc *at, const sh_type *t);

/* The place of a value (the document's start when it is not known). */
sp_pos sh_pos(const sh_ctx *c, const sh_loc *at);

/* Path handling: push a key or an index, pop back to an earlier depth. */
size_t sh_push_key(sh_ctx *c, const char *key);
size_t sh_push_index(sh_ctx *c, size_t i);
void sh_pop(sh_ctx *c, size_t len);

/* Report a problem at pos for the current path. */
void sh_report(sh_ctx *c, sp_severity sev, sp_pos pos, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* What a type means in plain words: "a date (YYYY-MM-DD)". */
const char *sh_describe(const sh_type *t);

/* Shared value types. */
extern const sh_type sh_text, sh_id, sh_date, sh_bool, sh_int, sh_muni,
    sh_uint, sh_any, sh_const1;

/* Declaring shapes: ENUM(name, "a", "b"); OBJECT(name, check_fn, REQ("key", type), OPT(...));
 * LIST(name, item_type, .max = 3). */
#define ENUM(name, ...)                                                                         \
	static const char *const name##_values[] = {__VA_ARGS__, NULL};                         \
	static const sh_type name = {.kind = SH_ENUM, .values = name##_values}
#define OBJECT(name, chk, ...)                                                                  \
	static const sh_field name##_fields[] = {__VA_ARGS__, {NULL, false, NULL}};             \
	static const sh_type name = {.kind = SH_OBJECT, .fields = name##_fields, .check = chk}
#define LIST(name, of, ...) static const sh_type name = {.kind = SH_LIST, .item = &of, __VA_ARGS__}
#define REQ(key, type) {key, true, &type}
#define OPT(key, type) {key, false, &type}

/* Field value as a date, when it is one (no report otherwise). */
bool sh_get_date(const json_t *obj, const char *key, sp_date *out);

#endif
