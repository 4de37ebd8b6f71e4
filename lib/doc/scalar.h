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

/* Build the value of a plain scalar of type t; NULL if an integer is out of range. */
json_t *sp_scalar_value(const char *s, size_t len, sp_scalar_type t);

#endif
