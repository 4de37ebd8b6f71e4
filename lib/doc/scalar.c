/* SPDX-License-Identifier: MIT */
/* scalar.c — which plain scalars are not strings (YAML 1.2 core schema; and YAML 1.1, so
 * that the writer can quote strings an older reader would misread). */
#include "doc/scalar.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_hex(char c) { return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

/* Every word of the lists below has at most five characters. */
static bool eq_any(const char *s, size_t len, const char *const *words)
{
	if (len == 0 || len > 5)
		return false;
	for (; *words; words++) /* the first letter rules out most words without a strlen */
		if ((*words)[0] == s[0] && strlen(*words) == len && memcmp(s, *words, len) == 0)
			return true;
	return false;
}

static bool all(const char *s, size_t len, bool (*pred)(char))
{
	if (!len)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!pred(s[i]))
			return false;
	return true;
}

static bool is_oct(char c) { return c >= '0' && c <= '7'; }

/* [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )? */
static bool core_float(const char *s, size_t len)
{
	size_t i = 0;
	if (i < len && (s[i] == '-' || s[i] == '+'))
		i++;
	size_t int_digits = 0, frac_digits = 0;
	while (i < len && is_digit(s[i]))
		i++, int_digits++;
	if (i < len && s[i] == '.') {
		i++;
		while (i < len && is_digit(s[i]))
			i++, frac_digits++;
		if (!int_digits && !frac_digits)
			return false;
	} else if (!int_digits) {
		return false;
	}
	if (i < len && (s[i] == 'e' || s[i] == 'E')) {
		i++;
		if (i < len && (s[i] == '-' || s[i] == '+'))
			i++;
		size_t e = 0;
		while (i < len && is_digit(s[i]))
			i++, e++;
		if (!e)
			return false;
	}
	return i == len;
}

sp_scalar_type sp_scalar_resolve(const char *s, size_t len)
{
	static const char *const nulls[] = {"~", "null", "Null", "NULL", NULL};
	static const char *const bools[] = {"true", "True", "TRUE", "false", "False", "FALSE", NULL};
	static const char *const specials[] = {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF",
					       "-.inf", "-.Inf", "-.INF", ".nan", ".NaN", ".NAN", NULL};
	if (len == 0)
		return SP_SC_NULL;
	char c0 = s[0];
	if (c0 == '~' || c0 == 'n' || c0 == 'N')
		return eq_any(s, len, nulls) ? SP_SC_NULL : SP_SC_STRING;
	if (c0 == 't' || c0 == 'T' || c0 == 'f' || c0 == 'F')
		return eq_any(s, len, bools) ? SP_SC_BOOL : SP_SC_STRING;
	if (!is_digit(c0) && c0 != '+' && c0 != '-' && c0 != '.')
		return SP_SC_STRING; /* most scalars: words */
	if (len > 2 && c0 == '0' && s[1] == 'o' && all(s + 2, len - 2, is_oct))
		return SP_SC_INT;
	if (len > 2 && c0 == '0' && s[1] == 'x' && all(s + 2, len - 2, is_hex))
		return SP_SC_INT;
	size_t sign = c0 == '-' || c0 == '+';
	if (all(s + sign, len - sign, is_digit))
		return SP_SC_INT;
	if (core_float(s, len))
		return SP_SC_FLOAT;
	if (eq_any(s, len, specials))
		return SP_SC_SPECIAL;
	return SP_SC_STRING;
}

json_t *sp_number_value(const char *text, int base, bool real, const char **why)
{
	bool negative = text[0] == '-';
	errno = 0;
	if (real) {
		char *end;
		double d = strtod(text, &end);
		if (errno == ERANGE && isinf(d)) {
			*why = negative ? "the number is too small to be held (below about -1.8e308); "
					  "put it in quotes if it is text"
					: "the number is too large to be held (above about 1.8e308); put "
					  "it in quotes if it is text";
			return NULL;
		}
		/* ERANGE with a finite value is an underflow: a subnormal (5e-324) is held as
		 * closely as it can be, but a number read as 0 that is not 0 would be wrong */
		if (errno == ERANGE && d == 0) {
			for (const char *p = text; p < end && *p != 'e' && *p != 'E'; p++)
				if (*p >= '1' && *p <= '9') {
					*why = "the number is so close to zero that it would be read as "
					       "0; write 0, or put it in quotes if it is text";
					return NULL;
				}
		}
		return json_real(d);
	}
	const char *p = text + (base != 10 ? 2 : 0); /* after 0o or 0x */
	long long v = strtoll(p, NULL, base);
	if (errno == ERANGE) {
		*why = negative ? "the number is too small for 64 bits (below "
				  "-9223372036854775808); put it in quotes if it is text"
				: "the number is too large for 64 bits (above 9223372036854775807); "
				  "put it in quotes if it is text";
		return NULL;
	}
	return json_integer(v);
}

json_t *sp_scalar_value(const char *s, size_t len, sp_scalar_type t, const char **why)
{
	char buf[128];
	const char *unused;
	if (!why)
		why = &unused;
	switch (t) {
	case SP_SC_NULL:
		return json_null();
	case SP_SC_BOOL:
		return json_boolean(s[0] == 't' || s[0] == 'T');
	case SP_SC_INT:
	case SP_SC_FLOAT: {
		if (len >= sizeof buf) {
			*why = "the number is longer than 127 characters; shorten it, or put it in "
			       "quotes if it is text";
			return NULL;
		}
		memcpy(buf, s, len);
		buf[len] = '\0';
		int base = buf[0] == '0' && (buf[1] == 'o' || buf[1] == 'x') ? (buf[1] == 'o' ? 8 : 16) : 10;
		return sp_number_value(buf, base, t == SP_SC_FLOAT, why);
	}
	default:
		return json_stringn_nocheck(s, len); /* libyaml has checked the UTF-8 */
	}
}

/* --- YAML 1.1 ------------------------------------------------------------------------ */

static bool digit_or_underscore(char c) { return is_digit(c) || c == '_'; }

/* 1.1 sexagesimal: [-+]?[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)? */
static bool sexagesimal(const char *s)
{
	size_t i = (*s == '-' || *s == '+');
	if (!is_digit(s[i]))
		return false;
	while (digit_or_underscore(s[i]))
		i++;
	int groups = 0;
	while (s[i] == ':') {
		i++;
		if (!is_digit(s[i]))
			return false;
		i++;
		if (is_digit(s[i]))
			i++;
		groups++;
	}
	if (!groups)
		return false;
	if (s[i] == '.')
		for (i++; digit_or_underscore(s[i]); i++)
			;
	return s[i] == '\0';
}

/* 1.1 numbers: ints in base 2/8/10/16 with _, floats like 1., .5, 1_0.5e+3 */
static bool yaml11_number(const char *s)
{
	size_t i = (*s == '-' || *s == '+');
	const char *p = s + i;
	size_t n = strlen(p);
	if (!n)
		return false;
	if (n > 2 && p[0] == '0' && (p[1] == 'b' || p[1] == 'x')) {
		for (size_t j = 2; j < n; j++)
			if (!(p[1] == 'b' ? (p[j] == '0' || p[j] == '1' || p[j] == '_')
					  : (is_hex(p[j]) || p[j] == '_')))
				return false;
		return true;
	}
	bool digits = false, dot = false;
	size_t j = 0;
	for (; j < n && (digit_or_underscore(p[j]) || (p[j] == '.' && !dot)); j++) {
		if (p[j] == '.')
			dot = true;
		else if (is_digit(p[j]))
			digits = true;
	}
	if (!digits)
		return false;
	if (j < n && (p[j] == 'e' || p[j] == 'E')) {
		if (!dot && !digits)
			return false;
		j++;
		if (j < n && (p[j] == '-' || p[j] == '+'))
			j++;
		if (j == n || !is_digit(p[j]))
			return false;
		while (j < n && is_digit(p[j]))
			j++;
	}
	return j == n && p[0] != '_';
}

/* 1.1 timestamps: [0-9]{4}-[0-9]{1,2}-[0-9]{1,2}, alone or with a time. A real date
 * YYYY-MM-DD is a date for samplan too and is not asked about here; anything else of this
 * shape (2026-02-30, 2026-9-1, a date with a time) is text a 1.1 reader would misread. */
static bool yaml11_timestamp(const char *s)
{
	size_t i = 0, n;
	while (is_digit(s[i]))
		i++;
	if (i != 4 || s[i] != '-')
		return false;
	for (i++, n = 0; is_digit(s[i]); i++, n++)
		;
	if (n < 1 || n > 2 || s[i] != '-')
		return false;
	for (i++, n = 0; is_digit(s[i]); i++, n++)
		;
	return n >= 1 && n <= 2 &&
	       (s[i] == '\0' || s[i] == 'T' || s[i] == 't' || s[i] == ' ' || s[i] == '\t');
}

bool sp_scalar_is_yaml11_nonstring(const char *s)
{
	/* every 1.1 non-string starts with one of these: most text is ruled out at once */
	if (!*s || !strchr("0123456789+-.~=<yYnNtTfFoO", *s))
		return false;
	static const char *const words[] = {
	    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE",
	    "false", "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "~", "null", "Null",
	    "NULL", "=", "<<", ".inf", ".Inf", ".INF", "-.inf", "-.Inf", "-.INF", "+.inf",
	    "+.Inf", "+.INF", ".nan", ".NaN", ".NAN", NULL};
	size_t len = strlen(s);
	if (eq_any(s, len, words))
		return true;
	/* numbers, sexagesimals and timestamps start with a digit, a sign or a dot */
	if (!strchr("0123456789+-.", *s))
		return false;
	return yaml11_number(s) || sexagesimal(s) || yaml11_timestamp(s);
}
