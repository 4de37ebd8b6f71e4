/* SPDX-License-Identifier: MIT */
/* write.c — documents out as YAML, JSON or JSON Lines, from jansson values. */
#include "doc/docint.h"
#include "base/date.h"
#include "doc/scalar.h"
#include "base/util.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct sp_writer {
	FILE *f;
	sp_format fmt;
	bool failed;
	unsigned ndocs;
	char *buf; /* the document being written */
	size_t blen, bcap;
	int step;   /* YAML: how much deeper a mapping's entries go (2) */
	int seqind; /* YAML: how much deeper a list under a key goes (0: indentless) */
};

/* --- JSON ---------------------------------------------------------------------------
 * Our own writer, in jansson's layout (2-space indent; compact for JSON Lines), since
 * jansson's dump goes token by token through a callback and walks every string by code
 * point: it took longer than reading the document. The document is collected in memory
 * and written with one call. */

static void grow_buf(sp_writer *w, size_t n)
{
	w->bcap = (w->blen + n) * 2 + 256;
	w->buf = sp_xrealloc(w->buf, w->bcap);
}

static inline void put(sp_writer *w, const char *text, size_t n)
{
	if (w->blen + n > w->bcap)
		grow_buf(w, n);
	memcpy(w->buf + w->blen, text, n);
	w->blen += n;
}

static void json_str(sp_writer *w, const char *s, size_t len)
{
	if (w->blen + 6 * len + 2 > w->bcap) /* every byte escaped at the most */
		grow_buf(w, 6 * len + 2);
	static const char hex[] = "0123456789abcdef";
	char *o = w->buf + w->blen;
	*o++ = '"';
	for (const unsigned char *p = (const unsigned char *)s, *end = p + len; p < end; p++) {
		unsigned char ch = *p;
		if (ch >= 0x20 && ch != '"' && ch != '\\') {
			*o++ = (char)ch;
			continue;
		}
		*o++ = '\\';
		switch (ch) {
		case '"': *o++ = '"'; break;
		case '\\': *o++ = '\\'; break;
		case '\b': *o++ = 'b'; break;
		case '\f': *o++ = 'f'; break;
		case '\n': *o++ = 'n'; break;
		case '\r': *o++ = 'r'; break;
		case '\t': *o++ = 't'; break;
		default:
			memcpy(o, "u00", 3);
			o[3] = hex[ch >> 4];
			o[4] = hex[ch & 15];
			o += 5;
		}
	}
	*o++ = '"';
	w->blen = (size_t)(o - w->buf);
}

static void newline(sp_writer *w, int depth)
{
	static const char spaces[] = "\n                                                                ";
	put(w, spaces, 1);
	for (int n = 2 * depth; n > 0; n -= 64)
		put(w, spaces + 1, n < 64 ? (size_t)n : 64);
}

static void format_real(double d, char *buf, size_t n);

/* Numbers, booleans and null: the same text in YAML and JSON. */
static void plain_scalar(sp_writer *w, const json_t *v)
{
	char buf[64];
	switch (json_typeof(v)) {
	case JSON_INTEGER:
		put(w, buf, (size_t)snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v)));
		return;
	case JSON_REAL:
		format_real(json_real_value(v), buf, sizeof buf);
		put(w, buf, strlen(buf));
		return;
	case JSON_TRUE:
		put(w, "true", 4);
		return;
	case JSON_FALSE:
		put(w, "false", 5);
		return;
	default:
		put(w, "null", 4);
	}
}

/* depth < 0: compact */
static void json_value(sp_writer *w, const json_t *v, int depth)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		if (!json_object_size(v)) {
			put(w, "{}", 2);
			return;
		}
		put(w, "{", 1);
		bool first = true;
		for (void *it = json_object_iter((json_t *)v); it; it = json_object_iter_next((json_t *)v, it)) {
			json_t *child = json_object_iter_value(it);
			if (!first)
				put(w, ",", 1);
			first = false;
			if (depth >= 0)
				newline(w, depth + 1);
			json_str(w, json_object_iter_key(it), json_object_iter_key_len(it));
			put(w, depth >= 0 ? ": " : ":", depth >= 0 ? 2 : 1);
			json_value(w, child, depth >= 0 ? depth + 1 : -1);
		}
		if (depth >= 0)
			newline(w, depth);
		put(w, "}", 1);
		return;
	}
	case JSON_ARRAY:
		if (!json_array_size(v)) {
			put(w, "[]", 2);
			return;
		}
		put(w, "[", 1);
		for (size_t i = 0; i < json_array_size(v); i++) {
			if (i)
				put(w, ",", 1);
			if (depth >= 0)
				newline(w, depth + 1);
			json_value(w, json_array_get(v, i), depth >= 0 ? depth + 1 : -1);
		}
		if (depth >= 0)
			newline(w, depth);
		put(w, "]", 1);
		return;
	case JSON_STRING:
		json_str(w, json_string_value(v), json_string_length(v));
		return;
	default:
		plain_scalar(w, v);
	}
}

sp_writer *sp_writer_open(FILE *f, sp_format fmt)
{
	sp_writer *w = sp_xcalloc(1, sizeof *w);
	w->f = f;
	w->fmt = fmt == SP_FMT_AUTO ? SP_FMT_YAML : fmt;
	w->step = 2;
	return w;
}

static bool needs_quotes(const char *s, size_t len)
{
	if (sp_scalar_resolve(s, len) != SP_SC_STRING)
		return true;
	sp_date d;
	if (len == 10 && sp_date_parse(s, &d))
		return false; /* a date is a date for every samplan reader */
	return sp_scalar_is_yaml11_nonstring(s);
}

bool sp_yaml_needs_quotes(const char *s) { return needs_quotes(s, strlen(s)); }

/* --- YAML ---------------------------------------------------------------------------
 * Our own emitter for the one layout samplan writes (block mappings, indentless block
 * sequences, flow lists of short scalars, literal blocks for multi-line text), so that a
 * tool writes a case in a fraction of the time libyaml's general emitter takes. Every
 * scalar is written plain only when that is certain to read back as the same string;
 * otherwise double-quoted with escapes. The round-trip tests read every output back with
 * libyaml. */

static void spaces(sp_writer *w, int n)
{
	static const char sp[] = "                                                                ";
	for (; n > 0; n -= 64)
		put(w, sp, n < 64 ? (size_t)n : 64);
}

/* The code point at s (valid UTF-8), and its length in *len. */
static unsigned code_point(const unsigned char *s, size_t *len)
{
	if (s[0] < 0x80) {
		*len = 1;
		return s[0];
	}
	if ((s[0] & 0xE0) == 0xC0) {
		*len = 2;
		return (unsigned)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
	}
	if ((s[0] & 0xF0) == 0xE0) {
		*len = 3;
		return (unsigned)(s[0] & 0x0F) << 12 | (unsigned)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
	}
	*len = 4;
	return (unsigned)(s[0] & 0x07) << 18 | (unsigned)(s[1] & 0x3F) << 12 |
	       (unsigned)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
}

/* YAML's printable characters, less the byte-order mark and the line breaks of YAML 1.1
 * (NEL, LS, PS), which a reader would take for a new line. */
static bool printable(unsigned c)
{
	return (c >= 0x20 && c <= 0x7E) || (c >= 0xA0 && c <= 0xD7FF && c != 0x2028 && c != 0x2029) ||
	       (c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* Bytes plain_ok() has to look at: controls, `#`, `:`, the flow indicators, DEL and every
 * byte of a multi-byte character (GNU range designators). Text is mostly none of these. */
static const unsigned char plain_check[256] = {
    [0x00 ... 0x1F] = 1, ['#'] = 1, [','] = 1, [':'] = 1, ['['] = 1, [']'] = 1,
    ['{'] = 1, ['}'] = 1, [0x7F ... 0xFF] = 1,
};

/* Can s be written plain (in a flow list when flow) and read back as the same text? The
 * type question (does it read as a number, a boolean …) is sp_yaml_needs_quotes(). */
static bool plain_ok(const char *s, size_t len, bool flow)
{
	if (!len || s[0] == ' ' || s[len - 1] == ' ' || s[len - 1] == ':' ||
	    strchr("-?:,[]{}#&*!|>'\"%@`", s[0]) || strncmp(s, "...", 3) == 0)
		return false;
	for (size_t i = 0; i < len;) {
		while (i < len && !plain_check[(unsigned char)s[i]])
			i++;
		if (i == len)
			break;
		unsigned char b = (unsigned char)s[i];
		if (b < 0x80) { /* most text: no decoding needed */
			if (b < 0x20 || b == 0x7F)
				return false; /* tab, line breaks and controls */
			if ((b == ':' && (i + 1 == len || s[i + 1] == ' ')) || (b == '#' && s[i - 1] == ' '))
				return false;
			if (flow && strchr(",[]{}:#", b))
				return false;
			i++;
			continue;
		}
		size_t n;
		if (!printable(code_point((const unsigned char *)s + i, &n)))
			return false;
		i += n;
	}
	return true;
}

/* A literal block keeps multi-line text as it is: not when it starts with a space or a
 * line break (it would need an indentation indicator), has a space before a line break
 * or at the end, or holds characters that only escapes can write. */
static bool literal_ok(const char *s, size_t len)
{
	if (!len || s[0] == ' ' || s[0] == '\n' || s[len - 1] == ' ')
		return false;
	for (size_t i = 0; i < len;) {
		size_t n;
		unsigned c = code_point((const unsigned char *)s + i, &n);
		if (c == '\n') {
			if (i && s[i - 1] == ' ')
				return false;
		} else if (!printable(c)) {
			return false;
		}
		i += n;
	}
	return true;
}

static void double_quoted(sp_writer *w, const char *s, size_t len)
{
	put(w, "\"", 1);
	size_t run = 0;
	for (size_t i = 0; i < len;) {
		size_t n;
		unsigned c = code_point((const unsigned char *)s + i, &n);
		if (printable(c) && c != '"' && c != '\\') {
			i += n;
			continue;
		}
		put(w, s + run, i - run);
		char esc[12];
		switch (c) {
		case '"': put(w, "\\\"", 2); break;
		case '\\': put(w, "\\\\", 2); break;
		case 0: put(w, "\\0", 2); break;
		case '\t': put(w, "\\t", 2); break;
		case '\n': put(w, "\\n", 2); break;
		case '\r': put(w, "\\r", 2); break;
		default:
			put(w, esc, (size_t)snprintf(esc, sizeof esc, c <= 0xFF ? "\\x%02X" : c <= 0xFFFF ? "\\u%04X" : "\\U%08X", c));
		}
		i += n;
		run = i;
	}
	put(w, s + run, len - run);
	put(w, "\"", 1);
}

/* Text that would read back as another type is double-quoted ("0301", "NO"); text that
 * cannot be plain for its characters is single-quoted when it needs no escapes, as libyaml
 * does; the rest is double-quoted with escapes. */
/* A word of lowercase letters, digits and `_` that begins with a letter or `_` reads back
 * as the same text, unless it is one of the words YAML 1.1 or 1.2 reads as null or true or
 * false. Keys and enumerated values are such words: this spares them the general checks. */
static bool plain_word(const char *s, size_t len)
{
	if (!len || !((s[0] >= 'a' && s[0] <= 'z') || s[0] == '_'))
		return false;
	for (size_t i = 1; i < len; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
			return false;
	}
	static const char *const words[] = {"y", "n", "yes", "no", "on", "off", "true", "false",
					    "null"};
	for (size_t i = 0; len <= 5 && i < sizeof words / sizeof *words; i++)
		if (strlen(words[i]) == len && memcmp(s, words[i], len) == 0)
			return false;
	return true;
}

static void write_string(sp_writer *w, const char *s, size_t len, bool flow)
{
	if (plain_word(s, len)) {
		put(w, s, len);
		return;
	}
	if (memchr(s, '\0', len) || needs_quotes(s, len)) {
		double_quoted(w, s, len);
		return;
	}
	if (plain_ok(s, len, flow)) {
		put(w, s, len);
		return;
	}
	for (size_t i = 0; i < len;) {
		size_t n;
		if (!printable(code_point((const unsigned char *)s + i, &n))) {
			double_quoted(w, s, len);
			return;
		}
		i += n;
	}
	put(w, "'", 1);
	for (const char *q; (q = memchr(s, '\'', len));) {
		put(w, s, (size_t)(q - s) + 1);
		put(w, "'", 1);
		len -= (size_t)(q - s) + 1;
		s = q + 1;
	}
	put(w, s, len);
	put(w, "'", 1);
}

static void literal(sp_writer *w, const char *s, size_t len, int indent)
{
	size_t end = len;
	while (end && s[end - 1] == '\n')
		end--;
	size_t trailing = len - end;
	put(w, trailing == 0 ? "|-\n" : trailing == 1 ? "|\n" : "|+\n", trailing <= 1 && trailing ? 2 : 3);
	for (size_t i = 0; i < len;) {
		const char *nl = memchr(s + i, '\n', len - i);
		size_t line = nl ? (size_t)(nl - (s + i)) : len - i;
		if (line) {
			spaces(w, indent);
			put(w, s + i, line);
		}
		put(w, "\n", 1);
		i += line + 1;
	}
}

/* A scalar that is not multi-line text, on the current line. */
static void scalar(sp_writer *w, const json_t *v, bool flow)
{
	if (json_is_string(v))
		write_string(w, json_string_value(v), json_string_length(v), flow);
	else
		plain_scalar(w, v);
}

static bool multi_line(const json_t *v)
{
	return json_is_string(v) && memchr(json_string_value(v), '\n', json_string_length(v));
}

static bool flow_list(const json_t *arr)
{
	size_t width = 0;
	for (size_t i = 0; i < json_array_size(arr); i++) {
		const json_t *v = json_array_get(arr, i);
		if (json_is_object(v) || json_is_array(v) || multi_line(v))
			return false;
		width += json_is_string(v) ? json_string_length(v) + 2 : 8;
	}
	return width <= 60;
}

static void mapping_body(sp_writer *w, const json_t *obj, int indent, bool inline_first);
static void sequence_body(sp_writer *w, const json_t *arr, int indent, bool inline_first);

/* The rest of a line after "key:" or "-" (dash true), and what follows it. */
static void after(sp_writer *w, const json_t *v, int indent, bool dash)
{
	if (json_is_object(v) && json_object_size(v)) {
		if (dash) {
			put(w, " ", 1);
			mapping_body(w, v, indent + 2, true);
		} else {
			put(w, "\n", 1);
			mapping_body(w, v, indent + w->step, false);
		}
	} else if (json_is_array(v) && json_array_size(v) && !flow_list(v)) {
		if (dash) {
			put(w, " ", 1);
			sequence_body(w, v, indent + 2, true);
		} else {
			put(w, "\n", 1);
			/* indentless by default, as libyaml writes it */
			sequence_body(w, v, indent + w->seqind, false);
		}
	} else if (json_is_array(v)) {
		put(w, " [", 2);
		for (size_t i = 0; i < json_array_size(v); i++) {
			if (i)
				put(w, ", ", 2);
			scalar(w, json_array_get(v, i), true);
		}
		put(w, "]\n", 2);
	} else if (json_is_object(v)) {
		put(w, " {}\n", 4);
	} else if (multi_line(v) && literal_ok(json_string_value(v), json_string_length(v))) {
		put(w, " ", 1);
		literal(w, json_string_value(v), json_string_length(v), indent + (dash ? 2 : w->step));
	} else {
		put(w, " ", 1);
		scalar(w, v, false);
		put(w, "\n", 1);
	}
}

static void mapping_body(sp_writer *w, const json_t *obj, int indent, bool inline_first)
{
	bool first = true;
	for (void *it = json_object_iter((json_t *)obj); it; it = json_object_iter_next((json_t *)obj, it)) {
		const char *k = json_object_iter_key(it);
		json_t *v = json_object_iter_value(it);
		if (!(first && inline_first))
			spaces(w, indent);
		first = false;
		size_t len = json_object_iter_key_len(it);
		/* A YAML reader takes at most 1024 characters as a key before its `:`; escapes
		 * make a written key up to six times as long (\uXXXX for a control character) */
		if (len > 160) {
			put(w, "? ", 2);
			double_quoted(w, k, len);
			put(w, "\n", 1);
			spaces(w, indent);
		} else {
			write_string(w, k, len, false);
		}
		put(w, ":", 1);
		after(w, v, indent, false);
	}
}

static void sequence_body(sp_writer *w, const json_t *arr, int indent, bool inline_first)
{
	for (size_t i = 0; i < json_array_size(arr); i++) {
		if (!(i == 0 && inline_first))
			spaces(w, indent);
		put(w, "-", 1);
		after(w, json_array_get(arr, i), indent, true);
	}
}

static void yaml_doc(sp_writer *w, const json_t *doc)
{
	if (w->ndocs)
		put(w, "---\n", 4);
	if (json_is_object(doc) && json_object_size(doc))
		mapping_body(w, doc, 0, false);
	else if (json_is_array(doc) && json_array_size(doc))
		sequence_body(w, doc, 0, false);
	else if (multi_line(doc) && literal_ok(json_string_value(doc), json_string_length(doc)))
		literal(w, json_string_value(doc), json_string_length(doc), 2);
	else if (json_is_object(doc) || json_is_array(doc))
		put(w, json_is_object(doc) ? "{}\n" : "[]\n", 3);
	else {
		scalar(w, doc, false);
		put(w, "\n", 1);
	}
}

/* Shortest text that reads back as the same double, always with a '.' or exponent. */
static void format_real(double d, char *buf, size_t n)
{
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, n, "%.*g", prec, d);
		if (strtod(buf, NULL) == d)
			break;
	}
	if (!strpbrk(buf, ".eE"))
		strncat(buf, ".0", n - strlen(buf) - 1);
}

int sp_writer_put(sp_writer *w, const json_t *doc)
{
	if (w->failed)
		return -1;
	w->blen = 0;
	if (w->fmt == SP_FMT_YAML) {
		yaml_doc(w, doc);
	} else {
		json_value(w, doc, w->fmt == SP_FMT_JSONL ? -1 : 0);
		put(w, "\n", 1);
	}
	if (fwrite(w->buf, 1, w->blen, w->f) != w->blen) {
		w->failed = true;
		return -1;
	}
	w->ndocs++;
	return 0;
}

int sp_writer_close(sp_writer *w)
{
	if (!w)
		return 0;
	int rc = w->failed ? -1 : 0;
	free(w->buf);
	free(w);
	return rc;
}

/* --- fragments, for edits to a file's text (edit.c) ---------------------------------- */

static void flow_value(sp_writer *w, const json_t *v)
{
	if (json_is_object(v)) {
		put(w, "{", 1);
		bool first = true;
		for (void *it = json_object_iter((json_t *)v); it; it = json_object_iter_next((json_t *)v, it)) {
			if (!first)
				put(w, ", ", 2);
			first = false;
			write_string(w, json_object_iter_key(it), json_object_iter_key_len(it), true);
			put(w, ": ", 2);
			flow_value(w, json_object_iter_value(it));
		}
		put(w, "}", 1);
	} else if (json_is_array(v)) {
		put(w, "[", 1);
		for (size_t i = 0; i < json_array_size(v); i++) {
			if (i)
				put(w, ", ", 2);
			flow_value(w, json_array_get(v, i));
		}
		put(w, "]", 1);
	} else {
		scalar(w, v, true);
	}
}

char *sp_yaml_fragment(const json_t *v, int indent, sp_frag_mode mode, int step, int seqind,
		       size_t *len)
{
	sp_writer w = {.fmt = SP_FMT_YAML, .step = step, .seqind = seqind};
	switch (mode) {
	case SP_FRAG_KEY: after(&w, v, indent, false); break;
	case SP_FRAG_DASH: after(&w, v, indent, true); break;
	case SP_FRAG_FLOW: flow_value(&w, v); break;
	case SP_FRAG_NAME:
		write_string(&w, json_string_value(v), json_string_length(v), false);
		break;
	}
	put(&w, "", 1);
	*len = w.blen - 1;
	return w.buf;
}

char *sp_json_fragment(const json_t *v, bool pretty, size_t *len)
{
	sp_writer w = {.fmt = SP_FMT_JSON};
	json_value(&w, v, pretty ? 0 : -1);
	put(&w, "", 1);
	*len = w.blen - 1;
	return w.buf;
}
