/* SPDX-License-Identifier: MIT */
/* letterout.c — each letter finished as a document and written on standard output or into
 * the file an output pattern names, with a warning for what it leaves out. */
#include "letters/letterout.h"
#include "base/util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* A problem with a case, at the case. */
static void report(sp_diags *diags, const sp_doc *doc, const char *msg)
{
	sp_diags_add(diags, SP_ERROR, doc->file, doc->index, doc->pos, NULL, "%s", msg);
}

/* Warn of the needs l leaves out for want of consent. */
static void warn_withheld(const sp_draft *l, const sp_doc *doc, sp_diags *diags)
{
	if (!l->withheld)
		return;
	char list[160] = "";
	for (int d = 0; d < SP_DOMAIN_COUNT; d++)
		if (l->withheld & (1u << d))
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s",
				 *list ? ", " : "", sp_domain_name((sp_domain)d));
	sp_diags_add(diags, SP_WARNING, doc->file, doc->index, doc->pos, NULL,
		     "letter `%s` to %s leaves out %s: the person has not consented to share %s "
		     "with %s",
		     l->t->id, l->recipient, list, strchr(list, ',') ? "them" : "it", l->recipient);
}

/* Warn of a letter that asks for an answer as soon as possible: its recipient has less
 * than the shortest answer time, so a telephone call had better go with it. */
static void warn_soonest(const sp_draft *l, const sp_doc *doc, sp_diags *diags)
{
	if (!l->has_respond_by || l->answer.kind != SP_ANSWER_SOONEST)
		return;
	sp_diags_add(diags, SP_WARNING, doc->file, doc->index, doc->pos, NULL,
		     "letter `%s` (%s) to %s asks for an answer as soon as possible: even the "
		     "shortest answer time of the rules (answers.min_working_days) ends after %s; "
		     "call %s as well",
		     l->t->id, l->id, l->recipient,
		     l->answer.by_deadline ? "the handover deadline" : "the release date",
		     l->recipient);
}

/* The letter as a document in format f, titled by its template and authored by the case's
 * unit; NULL with *error (caller frees). */
static unsigned char *finish(const sp_draft *l, sp_templates *t, sp_letter_format f, size_t *len,
			     char **error)
{
	size_t mlen;
	char *markup = sp_letter_markup(l, t, &mlen, error);
	if (!markup)
		return NULL;
	const char *author = json_string_value(json_object_get(json_object_get(l->view, "unit"), "name"));
	sp_letter_meta meta = {l->t->title, author, l->date};
	unsigned char *bytes = sp_letter_document(markup, mlen, f, &meta, len, error);
	free(markup);
	return bytes;
}

static int to_stdout(sp_letter_out *out, const sp_doc *doc, const unsigned char *bytes,
		     size_t len, sp_diags *diags)
{
	if (out->to_stdout && (sp_letter_format_binary(out->fmt) || out->fmt == SP_LF_HTML)) {
		report(diags, doc,
		       "a second letter cannot go to standard output in this format; write each "
		       "to its own file with -o PATTERN, such as -o 'letters/{id}-{template}.{ext}'");
		return -1;
	}
	int rc = 0;
	if (out->to_stdout)
		fputs("\f\n", stdout); /* text letters one after the other, a page each */
	if (fwrite(bytes, 1, len, stdout) != len || fflush(stdout) != 0) {
		report(diags, doc, "cannot write to standard output");
		rc = -1;
	}
	out->to_stdout++;
	return rc;
}

static int to_file(sp_letter_out *out, const sp_draft *l, const sp_doc *doc,
		   const unsigned char *bytes, size_t len, sp_diags *diags)
{
	if (!sp_letter_name_is_pattern(out->output) && out->written) {
		report(diags, doc,
		       "-o FILE takes one letter, and there are more; name each with a pattern "
		       "such as -o 'letters/{id}-{template}.{ext}'");
		return -1;
	}
	const char *case_id = json_string_value(json_object_get(doc->root, "id"));
	char *path = sp_letter_name(out->output, case_id, l, sp_letter_format_ext(out->fmt));
	int rc = 0;
	if (sp_letter_file_write(&out->files, path, out->mode, out->replace, bytes, len) != 0) {
		if (errno == EEXIST)
			sp_diags_add(diags, SP_ERROR, doc->file, doc->index, doc->pos, NULL,
				     "%s: the file exists; the letter was not written (--force "
				     "replaces it)", path);
		else
			sp_diags_add(diags, SP_ERROR, doc->file, doc->index, doc->pos, NULL,
				     "%s: cannot write the letter: %s", path, strerror(errno));
		rc = -1;
	}
	free(path);
	return rc;
}

int sp_letter_out_put(sp_letter_out *out, const sp_draft *l, sp_templates *t, const sp_doc *doc,
		      sp_diags *diags)
{
	warn_withheld(l, doc, diags);
	warn_soonest(l, doc, diags);
	size_t len;
	char *err = NULL;
	unsigned char *bytes = finish(l, t, out->fmt, &len, &err);
	int rc = -1;
	if (!bytes) {
		report(diags, doc, err);
		free(err);
	} else if (!out->output || strcmp(out->output, "-") == 0) {
		rc = to_stdout(out, doc, bytes, len, diags);
	} else {
		rc = to_file(out, l, doc, bytes, len, diags);
	}
	free(bytes);
	if (rc == 0)
		out->written++;
	return rc;
}

int sp_letter_out_sync(sp_letter_out *out)
{
	return sp_letter_files_sync(&out->files);
}
