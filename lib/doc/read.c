/* SPDX-License-Identifier: MIT */
/* read.c — the reader: opens a file or stream, detects YAML or JSON, and hands each
 * document to the YAML (fast or libyaml) or the JSON reader. */
#include "doc/docint.h"
#include "base/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static sp_format detect(sp_input *in)
{
	sp_input_fill(in);
	if (in->len - in->pos >= 3 && memcmp(in->buf + in->pos, "\xEF\xBB\xBF", 3) == 0) {
		in->pos += 3;
		in->bom = true;
	}
	for (size_t i = in->pos; i < in->len; i++) {
		unsigned char c = in->buf[i];
		if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
			continue;
		return c == '{' || c == '[' ? SP_FMT_JSON : SP_FMT_YAML;
	}
	return SP_FMT_YAML;
}

/* The encoding of text that is UTF-16 or UTF-32, not UTF-8, from its first bytes: a
 * byte-order mark (FF FE 00 00 is UTF-32's before it is UTF-16's), or the NUL bytes such
 * text holds around an ASCII character. *bom tells which. NULL for text that may be UTF-8;
 * "" for a NUL among the first bytes in no pattern of the two. */
static const char *wide_encoding(const sp_input *in, bool *bom)
{
	static const struct {
		const char *mark;
		size_t len;
		const char *encoding;
	} marks[] = {
	    {"\xFF\xFE\0\0", 4, "UTF-32"}, {"\0\0\xFE\xFF", 4, "UTF-32"},
	    {"\xFF\xFE", 2, "UTF-16"},     {"\xFE\xFF", 2, "UTF-16"},
	};
	const unsigned char *b = in->buf + in->pos;
	size_t n = in->len - in->pos;
	*bom = true;
	for (size_t i = 0; i < sizeof marks / sizeof *marks; i++)
		if (n >= marks[i].len && memcmp(b, marks[i].mark, marks[i].len) == 0)
			return marks[i].encoding;
	*bom = false;
	if (n >= 4 && b[0] && !b[1] && !b[2] && !b[3])
		return "UTF-32LE";
	if (n >= 4 && !b[0] && !b[1] && !b[2] && b[3])
		return "UTF-32BE";
	if (n >= 2 && b[0] && !b[1])
		return "UTF-16LE";
	if (n >= 2 && !b[0] && b[1])
		return "UTF-16BE";
	return memchr(b, 0, n < 4 ? n : 4) ? "" : NULL;
}

/* Refuse UTF-16 and UTF-32 before a reader sees them (libyaml would read UTF-16), with the
 * command that converts the file. 0, or -1 with the error in diags. */
static int refuse_wide(sp_reader *r, sp_diags *diags)
{
	sp_input_fill(&r->in);
	bool bom;
	const char *enc = wide_encoding(&r->in, &bom);
	if (!enc)
		return 0;
	const char *from = *enc ? enc : "UTF-16";
	char *convert = strcmp(r->name, "-") == 0
			    ? sp_xasprintf("pipe it through `iconv -f %s -t UTF-8` first", from)
			    : sp_xasprintf("convert it with `iconv -f %s -t UTF-8 %s > %s.utf8`",
					   from, r->name, r->name);
	if (bom)
		sp_reader_fail(r, diags, (sp_pos){1, 1},
			       "the text is %s (it begins with a %s byte-order mark), not UTF-8; %s",
			       enc, enc, convert);
	else if (*enc)
		sp_reader_fail(r, diags, (sp_pos){1, 1},
			       "the text is not UTF-8: it holds NUL bytes, as %s text does; %s", enc,
			       convert);
	else
		sp_reader_fail(r, diags, (sp_pos){1, 1},
			       "the text is not UTF-8: it holds NUL bytes, as UTF-16 and UTF-32 text "
			       "do; if it is UTF-16, %s",
			       convert);
	free(convert);
	return -1;
}

static sp_reader *reader_new(FILE *f, bool own, const char *name, const sp_limits *limits)
{
	sp_reader *r = sp_xcalloc(1, sizeof *r);
	r->in.buf = sp_xmalloc(SP_INBUF);
	r->in.f = f;
	r->in.own = own;
	r->name = sp_xstrdup(name ? name : "-");
	r->lim = limits ? *limits : sp_limits_default();
	r->line = r->col = 1;
	return r;
}

sp_reader *sp_reader_from_file(FILE *f, const char *name, const sp_limits *limits)
{
	return reader_new(f, false, name, limits);
}

sp_reader *sp_reader_open(const char *path, const sp_limits *limits, sp_diags *diags)
{
	if (!path || strcmp(path, "-") == 0)
		return reader_new(stdin, false, "-", limits);
	FILE *f = fopen(path, "rb");
	if (!f) {
		sp_diags_add(diags, SP_ERROR, path, 0, (sp_pos){0, 0}, NULL,
			     "cannot open the file: %s; check the name and that you may read it",
			     strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISDIR(st.st_mode)) {
		fclose(f);
		sp_diags_add(diags, SP_ERROR, path, 0, (sp_pos){0, 0}, NULL,
			     "is a directory, not a file; name the files in it (for example "
			     "DIR/*.yaml)");
		return NULL;
	}
	return reader_new(f, true, path, limits);
}

sp_format sp_reader_format(const sp_reader *r) { return r->fmt; }

unsigned long long sp_reader_bytes(const sp_reader *r)
{
	/* YAML reads on into its window (yaml_read.c), past the buffer it began with */
	if (r->ywin)
		return r->ywin_abs + r->ywin_len + (r->in.bom ? 3 : 0);
	return r->in.consumed + r->in.len;
}

int sp_reader_next(sp_reader *r, sp_doc **out, sp_diags *diags)
{
	*out = NULL;
	if (r->failed)
		return -1;
	if (r->done)
		return 0;
	if (r->fmt == SP_FMT_AUTO) {
		if (refuse_wide(r, diags) != 0) {
			r->failed = true;
			return -1;
		}
		r->fmt = detect(&r->in);
	}
	if (r->ndocs >= r->lim.max_docs) {
		sp_diags_add(diags, SP_ERROR, r->name, 0, (sp_pos){0, 0}, NULL,
			     "more than %lu documents in one stream; split the input",
			     r->lim.max_docs);
		r->failed = true;
		return -1;
	}
	int rc = r->fmt == SP_FMT_YAML ? sp_yaml_next(r, out, diags) : sp_json_next(r, out, diags);
	if (rc > 0) {
		r->ndocs++;
	} else if (rc == 0) {
		r->done = true;
		if (r->in.error) {
			sp_diags_add(diags, SP_ERROR, r->name, 0, (sp_pos){0, 0}, NULL,
				     "read error: %s", strerror(errno));
			rc = -1;
		} else if (r->ndocs == 0) {
			sp_diags_add(diags, SP_ERROR, r->name, 0, (sp_pos){1, 1}, NULL,
				     "the file holds no document (it is empty or only comments); "
				     "a samplan file starts with `samplan: 1`");
			rc = -1;
		}
	}
	if (rc < 0)
		r->failed = true;
	return rc;
}

void sp_reader_close(sp_reader *r)
{
	if (!r)
		return;
	if (r->parser_ready)
		yaml_parser_delete(&r->parser);
	if (r->in.own)
		fclose(r->in.f);
	free(r->name);
	free(r->sbuf);
	free(r->ywin);
	free(r->in.buf);
	free(r);
}

int sp_doc_parse_string(const char *text, size_t len, const char *name, sp_doc **out,
			sp_diags *diags)
{
	*out = NULL;
	FILE *f = fmemopen((void *)text, len ? len : 1, "rb");
	if (!f)
		return -1;
	if (!len) /* fmemopen cannot open an empty buffer; an empty stream reads the same */
		fseek(f, 0, SEEK_END);
	sp_reader *r = reader_new(f, true, name, NULL);
	int rc = sp_reader_next(r, out, diags);
	sp_reader_close(r);
	return rc;
}
