/* write.c — documents out as YAML (libyaml's emitter), JSON or JSON Lines (jansson). */
#include "docint.h"
#include "date.h"
#include "scalar.h"
#include "util.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct sp_writer {
	FILE *f;
	sp_format fmt;
	yaml_emitter_t em;
	bool started, failed;
	unsigned ndocs;
};

static int write_handler(void *data, unsigned char *buffer, size_t size)
{
	return fwrite(buffer, 1, size, (FILE *)data) == size;
}

sp_writer *sp_writer_open(FILE *f, sp_format fmt)
{
	sp_writer *w = sp_xcalloc(1, sizeof *w);
	w->f = f;
	w->fmt = fmt == SP_FMT_AUTO ? SP_FMT_YAML : fmt;
	return w;
}

bool sp_yaml_needs_quotes(const char *s)
{
	size_t len = strlen(s);
	if (sp_scalar_resolve(s, len) != SP_SC_STRING)
		return true;
	sp_date d;
	if (sp_date_parse(s, &d))
		return false; /* a date is a date for every samplan reader */
	return sp_scalar_is_yaml11_nonstring(s);
}

static int emit(sp_writer *w, yaml_event_t *e)
{
	if (!yaml_emitter_emit(&w->em, e)) {
		w->failed = true;
		return -1;
	}
	return 0;
}

static int emit_scalar(sp_writer *w, const char *s, size_t len, yaml_scalar_style_t style)
{
	yaml_event_t e;
	yaml_scalar_event_initialize(&e, NULL, NULL, (yaml_char_t *)s, (int)len, 1, 1, style);
	return emit(w, &e);
}

static int emit_string(sp_writer *w, const char *s, size_t len)
{
	yaml_scalar_style_t style = YAML_ANY_SCALAR_STYLE;
	if (memchr(s, '\n', len))
		style = YAML_LITERAL_SCALAR_STYLE;
	else if (len == 0 || sp_yaml_needs_quotes(s))
		style = YAML_DOUBLE_QUOTED_SCALAR_STYLE;
	return emit_scalar(w, s, len, style);
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

static bool flow_list(const json_t *arr)
{
	size_t width = 0;
	for (size_t i = 0; i < json_array_size(arr); i++) {
		const json_t *v = json_array_get(arr, i);
		if (json_is_object(v) || json_is_array(v))
			return false;
		if (json_is_string(v)) {
			if (memchr(json_string_value(v), '\n', json_string_length(v)))
				return false;
			width += json_string_length(v) + 2;
		} else {
			width += 8;
		}
	}
	return width <= 60;
}

static int emit_node(sp_writer *w, const json_t *v)
{
	yaml_event_t e;
	char buf[64];
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		yaml_mapping_start_event_initialize(&e, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
		if (emit(w, &e) < 0)
			return -1;
		const char *k;
		json_t *child;
		json_object_foreach((json_t *)v, k, child) {
			if (emit_string(w, k, strlen(k)) < 0 || emit_node(w, child) < 0)
				return -1;
		}
		yaml_mapping_end_event_initialize(&e);
		return emit(w, &e);
	}
	case JSON_ARRAY: {
		yaml_sequence_start_event_initialize(&e, NULL, NULL, 1,
						     flow_list(v) ? YAML_FLOW_SEQUENCE_STYLE
								  : YAML_BLOCK_SEQUENCE_STYLE);
		if (emit(w, &e) < 0)
			return -1;
		for (size_t i = 0; i < json_array_size(v); i++)
			if (emit_node(w, json_array_get(v, i)) < 0)
				return -1;
		yaml_sequence_end_event_initialize(&e);
		return emit(w, &e);
	}
	case JSON_STRING:
		return emit_string(w, json_string_value(v), json_string_length(v));
	case JSON_INTEGER:
		snprintf(buf, sizeof buf, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return emit_scalar(w, buf, strlen(buf), YAML_PLAIN_SCALAR_STYLE);
	case JSON_REAL:
		format_real(json_real_value(v), buf, sizeof buf);
		return emit_scalar(w, buf, strlen(buf), YAML_PLAIN_SCALAR_STYLE);
	case JSON_TRUE:
		return emit_scalar(w, "true", 4, YAML_PLAIN_SCALAR_STYLE);
	case JSON_FALSE:
		return emit_scalar(w, "false", 5, YAML_PLAIN_SCALAR_STYLE);
	default:
		return emit_scalar(w, "null", 4, YAML_PLAIN_SCALAR_STYLE);
	}
}

static int yaml_put(sp_writer *w, const json_t *doc)
{
	yaml_event_t e;
	if (!w->started) {
		if (!yaml_emitter_initialize(&w->em))
			return -1;
		yaml_emitter_set_output(&w->em, write_handler, w->f);
		yaml_emitter_set_unicode(&w->em, 1);
		yaml_emitter_set_width(&w->em, 100);
		yaml_emitter_set_indent(&w->em, 2);
		w->started = true;
		yaml_stream_start_event_initialize(&e, YAML_UTF8_ENCODING);
		if (emit(w, &e) < 0)
			return -1;
	}
	yaml_document_start_event_initialize(&e, NULL, NULL, NULL, w->ndocs == 0);
	if (emit(w, &e) < 0 || emit_node(w, doc) < 0)
		return -1;
	yaml_document_end_event_initialize(&e, 1);
	if (emit(w, &e) < 0)
		return -1;
	return yaml_emitter_flush(&w->em) ? 0 : -1;
}

int sp_writer_put(sp_writer *w, const json_t *doc)
{
	if (w->failed)
		return -1;
	int rc;
	if (w->fmt == SP_FMT_YAML) {
		rc = yaml_put(w, doc);
	} else {
		size_t flags = w->fmt == SP_FMT_JSONL ? JSON_COMPACT : JSON_INDENT(2);
		rc = json_dumpf(doc, w->f, flags | JSON_ENCODE_ANY);
		if (rc == 0 && fputc('\n', w->f) == EOF)
			rc = -1;
	}
	if (rc < 0)
		w->failed = true;
	else
		w->ndocs++;
	return rc;
}

int sp_writer_close(sp_writer *w)
{
	if (!w)
		return 0;
	int rc = w->failed ? -1 : 0;
	if (w->started) {
		yaml_event_t e;
		yaml_stream_end_event_initialize(&e);
		if (!w->failed && !yaml_emitter_emit(&w->em, &e))
			rc = -1;
		yaml_emitter_delete(&w->em);
	}
	free(w);
	return rc;
}
