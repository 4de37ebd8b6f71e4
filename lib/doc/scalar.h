/* SPDX-License-Identifier: MIT */
/* scalar.h — YAML 1.2 core-schema resolution of plain scalars (internal).
 * Layer: doc; may include base and doc. */
#ifndef SP_SCALAR_H
#define SP_SCALAR_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

typedef enum { SP_SC_STRING, SP_SC_NULL, SP_SC_BOOL, SP_SC_INT, SP_SC_FLOAT, SP_SC_SPECIAL } sp_scalar_type;

/* The core-schema type of a plain scalar. SP_SC_SPECIAL: .inf / .nan, which have no JSON value. */
sp_scalar_type sp_scalar_resolve(const char *s, size_t len);

/* True if a YAML 1.1 reader (such as PyYAML) would read plain s as something other than a
 * string or a date: y/n/yes/no/on/off, octal 0755, sexagesimal 12:30, 1_000, timestamps … */
bool sp_scalar_is_yaml11_nonstring(const char *s);

/* The value of a number text (NUL-terminated, already of the YAML or JSON number grammar):
 * an integer in base 8, 10 or 16 when real is false, else a real. A real is rounded to the
 * nearest double, subnormals (5e-324) included. NULL, with *why a sentence that says why
 * and what to do, when it cannot be held: an integer beyond 64 bits, a real beyond the
 * largest double, or a real other than 0 so close to zero that it would be read as 0. */
json_t *sp_number_value(const char *text, int base, bool real, const char **why);

/* Build the value of a plain scalar of type t; NULL for a number that cannot be held, with
 * *why (when why is not NULL) saying why, as sp_number_value() does. */
json_t *sp_scalar_value(const char *s, size_t len, sp_scalar_type t, const char **why);

#endif
