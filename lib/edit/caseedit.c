/* SPDX-License-Identifier: MIT */
/* caseedit.c — a case file changed in place (caseedit.h). */
#include "edit/caseedit.h"
#include "base/linediff.h"
#include "base/lockfile.h"
#include "base/util.h"
#include "doc/edit.h"
#include "domain/history.h"
#include "domain/validate.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* What was done to one document, for its history entry. */
typedef struct {
	char **keys;
	size_t nkeys, ckeys;
	const char *event;
} touched;

struct sp_case_edit {
	sp_locked *lock;
	char *name;   /* the name the file was given under, for messages */
	char *text;   /* the file as read */
	size_t len;
	sp_text *t;
	touched *docs; /* one per document */
	sp_edit_opts o;
	sp_doc *only;  /* a file of one document: as read when opened, for the first each() */
};

/* Keep the document of a file of one (read when the edit was opened). */
static int keep_only(sp_doc *doc, void *ctx)
{
	sp_case_edit *ed = ctx;
	sp_doc_free(ed->only);
	ed->only = doc;
	return 0;
}

/* Read every document of text[0..len) with the library's reader, calling fn for each;
 * -1 with the problem in diags when one does not read. */
static int each_doc(const char *name, const char *text, size_t len, const sp_limits *lim,
		    sp_diags *diags, int (*fn)(sp_doc *, void *), void *ctx, size_t *count)
{
	FILE *f = fmemopen((void *)text, len ? len : 1, "rb");
	if (!f)
		return -1;
	if (!len)
		fseek(f, 0, SEEK_END);
	sp_reader *r = sp_reader_from_file(f, name, lim);
	sp_doc *doc = NULL;
	int rc, status = 0;
	size_t n = 0;
	while ((rc = sp_reader_next(r, &doc, diags)) == 1) {
		n++;
		status = fn ? fn(doc, ctx) : 0;
		if (fn != keep_only)
			sp_doc_free(doc);
		doc = NULL;
		if (status)
			break;
	}
	if (rc < 0)
		status = -1;
	sp_reader_close(r);
	fclose(f);
	if (count)
		*count = n;
	return status;
}

sp_case_edit *sp_case_edit_open(const char *path, const sp_edit_opts *o, sp_diags *diags)
{
	sp_locked *lock = sp_lock_file(path, o->wait_ms);
	if (!lock)
		return NULL;
	sp_case_edit *ed = sp_xcalloc(1, sizeof *ed);
	ed->lock = lock;
	ed->o = *o;
	ed->name = sp_xstrdup(path);
	ed->text = sp_locked_read(lock, SP_EDIT_MAX_FILE, &ed->len);
	if (!ed->text) {
		int e = errno;
		sp_case_edit_close(ed);
		errno = e;
		return NULL;
	}
	size_t errors = diags->errors, count = 0;
	if (each_doc(ed->name, ed->text, ed->len, &o->limits, diags, keep_only, ed, &count) != 0 ||
	    !(ed->t = sp_text_new(ed->name, ed->text, ed->len, diags)) || sp_text_count(ed->t) != count) {
		if (diags->errors == errors)
			sp_diags_add(diags, SP_ERROR, path, 0, (sp_pos){0, 0}, NULL,
				     "the file's documents cannot be told apart for an edit in place; "
				     "check it with samplan-validate");
		sp_case_edit_close(ed);
		errno = 0;
		return NULL;
	}
	ed->docs = sp_xcalloc(count ? count : 1, sizeof *ed->docs);
	if (count == 1)
		sp_text_seed(ed->t, 0, ed->only->root);
	else
		sp_doc_free(ed->only), ed->only = NULL;
	return ed;
}

size_t sp_case_edit_count(const sp_case_edit *ed) { return sp_text_count(ed->t); }

int sp_case_edit_each(sp_case_edit *ed, int (*fn)(sp_doc *doc, void *ctx), void *ctx)
{
	if (ed->only) { /* read when the edit was opened: not again */
		sp_doc *doc = ed->only;
		ed->only = NULL;
		int rc = fn(doc, ctx);
		sp_doc_free(doc);
		return rc;
	}
	sp_diags quiet = {0}; /* every document read when the edit was opened */
	int rc = each_doc(ed->name, ed->text, ed->len, &ed->o.limits, &quiet, fn, ctx, NULL);
	sp_diags_free(&quiet);
	return rc;
}

static void touch(sp_case_edit *ed, size_t doc, char *key)
{
	touched *t = &ed->docs[doc];
	if (t->nkeys == t->ckeys) {
		t->ckeys = t->ckeys ? 2 * t->ckeys : 4;
		t->keys = sp_xrealloc(t->keys, t->ckeys * sizeof *t->keys);
	}
	t->keys[t->nkeys++] = key;
}

int sp_case_edit_set(sp_case_edit *ed, size_t doc, const char *path, const json_t *value,
		     sp_diags *diags)
{
	if (sp_text_set(ed->t, doc, path, value, diags) != 0)
		return -1;
	touch(ed, doc, sp_xstrdup(path));
	return 0;
}

long sp_case_edit_append(sp_case_edit *ed, size_t doc, const char *path, const json_t *value,
			 sp_diags *diags)
{
	long i = sp_text_append(ed->t, doc, path, value, diags);
	if (i >= 0)
		touch(ed, doc, sp_xasprintf("%s.%ld", path, i));
	return i;
}

void sp_case_edit_event(sp_case_edit *ed, size_t doc, const char *event)
{
	if (doc < sp_text_count(ed->t))
		ed->docs[doc].event = event;
}

bool sp_case_edit_changed(const sp_case_edit *ed) { return sp_text_changed(ed->t); }

/* --- the check before the file is replaced ---------------------------------------------- */

/* Whether problem p is among old's not yet matched (matched marks them). */
static bool had(const sp_diags *old, bool *matched, const sp_diag *p)
{
	for (size_t i = 0; i < old->n; i++) {
		const sp_diag *q = &old->v[i];
		if (!matched[i] && q->severity == p->severity && strcmp(q->path, p->path) == 0 &&
		    strcmp(q->msg, p->msg) == 0) {
			matched[i] = true;
			return true;
		}
	}
	return false;
}

typedef struct {
	sp_case_edit *ed;
	sp_reader *old; /* the file as it was, read alongside when needed */
	size_t old_next;/* the number of the next document it gives */
	sp_diags *diags;
	size_t bad;     /* problems found */
} check;

/* Document i of the file as it was (caller frees), or NULL; i only grows from call to call. */
static sp_doc *old_doc(check *c, size_t i)
{
	sp_doc *d = NULL;
	while (c->old_next <= i) {
		sp_doc_free(d);
		d = NULL;
		sp_diags quiet = {0}; /* every document read when the edit was opened */
		int rc = sp_reader_next(c->old, &d, &quiet);
		sp_diags_free(&quiet);
		c->old_next++;
		if (rc != 1)
			return NULL;
	}
	return d;
}

static void not_as_meant(check *c, const sp_doc *doc)
{
	sp_diags_add(c->diags, SP_ERROR, doc->file, doc->index, doc->pos, NULL,
		     "the edited file would not read back as the edit meant; nothing was written "
		     "(please report this, with the file's layout but not its data)");
	c->bad++;
}

/* Each document of the new text: the model the edits meant (an unedited one: as it was); a
 * changed case with no problem it did not have before. */
static int check_doc(sp_doc *doc, void *ctx)
{
	check *c = ctx;
	size_t i = doc->index - 1;
	bool edited = i < sp_text_count(c->ed->t) && c->ed->docs[i].nkeys;
	if (!edited) {
		sp_doc *old = old_doc(c, i);
		if (!old || !json_equal(doc->root, old->root))
			not_as_meant(c, doc);
		sp_doc_free(old);
		return 0;
	}
	const json_t *want = sp_text_model(c->ed->t, i, c->diags);
	if (!want || !json_equal(doc->root, want)) {
		not_as_meant(c, doc);
		return 0;
	}
	sp_diags after = {0};
	sp_validate(doc, &after);
	if (after.n) { /* only then is the case as it was worth reading again */
		sp_diags before = {0};
		sp_doc *old = old_doc(c, i);
		if (old)
			sp_validate(old, &before);
		bool *matched = sp_xcalloc(before.n + 1, sizeof *matched);
		for (size_t k = 0; k < after.n; k++) {
			const sp_diag *p = &after.v[k];
			if (had(&before, matched, p))
				continue;
			if (p->severity == SP_WARNING) {
				/* a warning (a screening begun, not all answered) is said, not refused */
				sp_diags_add(c->diags, SP_WARNING, p->file, p->doc, p->pos, p->path, "%s",
					     p->msg);
				continue;
			}
			sp_diags_add(c->diags, p->severity, p->file, p->doc, p->pos, p->path,
				     "%s (the edit would bring this problem in; nothing was written)", p->msg);
			c->bad++;
		}
		free(matched);
		sp_diags_free(&before);
		sp_doc_free(old);
	}
	sp_diags_free(&after);
	return 0;
}

int sp_case_edit_commit(sp_case_edit *ed, sp_diags *diags, const char **warning)
{
	if (warning)
		*warning = NULL;
	size_t n = sp_text_count(ed->t);
	const char *user = ed->o.user ? ed->o.user : sp_history_user();
	for (size_t i = 0; i < n; i++) {
		touched *t = &ed->docs[i];
		if (!t->nkeys)
			continue;
		json_t *h = sp_history_entry(ed->o.at, user, ed->o.tool, t->event ? t->event : "edited",
					     (const char *const *)t->keys, t->nkeys);
		long rc = sp_text_append(ed->t, i, "history", h, diags);
		json_decref(h);
		if (rc < 0)
			return -1;
	}
	if (!sp_text_changed(ed->t))
		return 0;
	size_t len;
	char *text = sp_text_join(ed->t, &len);
	FILE *f = fmemopen(ed->text, ed->len ? ed->len : 1, "rb");
	if (f && !ed->len)
		fseek(f, 0, SEEK_END);
	check c = {ed, f ? sp_reader_from_file(f, ed->name, &ed->o.limits) : NULL, 0, diags, 0};
	int rc = -1;
	if (c.old) {
		size_t errors = diags->errors;
		int r = each_doc(ed->name, text, len, &ed->o.limits, diags, check_doc, &c, NULL);
		if (r != 0 && diags->errors == errors)
			sp_diags_add(diags, SP_ERROR, ed->name, 0, (sp_pos){0, 0}, NULL,
				     "the edited file would not read; nothing was written (please report "
				     "this, with the file's layout but not its data)");
		if (r == 0 && !c.bad)
			rc = ed->o.dry_run ? 0 : sp_locked_replace(ed->lock, text, len, warning);
		else
			errno = 0;
	}
	sp_reader_close(c.old);
	if (f)
		fclose(f);
	free(text);
	return rc;
}

int sp_case_edit_diff(const sp_case_edit *ed, FILE *f)
{
	size_t len;
	char *text = sp_text_join(ed->t, &len);
	/* the file by the name it was given, as diff -u names two files */
	const char *sep = ed->name[0] == '/' ? "" : "/";
	char *a = sp_xasprintf("a%s%s", sep, ed->name), *b = sp_xasprintf("b%s%s", sep, ed->name);
	int rc = sp_diff_unified(f, a, ed->text, ed->len, b, text, len);
	free(a);
	free(b);
	free(text);
	return rc;
}

void sp_case_edit_close(sp_case_edit *ed)
{
	if (!ed)
		return;
	for (size_t i = 0; ed->docs && i < sp_text_count(ed->t); i++) {
		for (size_t k = 0; k < ed->docs[i].nkeys; k++)
			free(ed->docs[i].keys[k]);
		free(ed->docs[i].keys);
	}
	free(ed->docs);
	sp_text_free(ed->t);
	sp_doc_free(ed->only);
	free(ed->text);
	free(ed->name);
	sp_unlock(ed->lock);
	free(ed);
}
