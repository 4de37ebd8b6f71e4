/* SPDX-License-Identifier: MIT */
/* caseedit.h — a case file changed in place, the way a careful colleague would: one writer at
 * a time, only the lines that change, never a new error, and a line in the case's history
 * saying who changed what.
 *
 * An edit takes an exclusive lock on the file (base/lockfile.h: a symbolic link edits the
 * file it names; a file with several hard links is refused), reads it whole under the lock
 * and checks that every document reads. The caller goes through the documents (with the
 * places of the whole file, for its messages), and sets values and appends items through
 * the text editor (doc/edit.h). At the commit each document that changed gets one entry in
 * its `history` (time, user, tool, event and the keys touched, never the values); the new
 * text is read again whole and must give exactly the models the edits meant, and each
 * changed case is validated and must show no error it did not show before (a new warning,
 * such as a screening begun with domains still unanswered, is passed on to diags). Only then is
 * the file replaced (a temporary file in its folder, renamed into place: the file is always
 * the old one or the new one, whole), keeping its mode and group. The lock is held until
 * sp_case_edit_close(), so a reference taken from the case's log under it (a letter's
 * L-NNNN) can never be taken twice.
 * Layer: edit; may include base, doc, domain and edit. */
#ifndef SP_CASEEDIT_H
#define SP_CASEEDIT_H

#include "doc/doc.h"

#include <time.h>

typedef struct sp_case_edit sp_case_edit;

/** Who edits, and how long to wait for another writer. */
typedef struct {
	const char *tool;  /* the tool's name, for the history: "samplan-letter-gen" */
	const char *user;  /* the user for the history; NULL: SAMPLAN_USER, else the login */
	time_t at;         /* the time for the history (sp_history_time()) */
	unsigned wait_ms;  /* how long to wait for another writer's lock */
	sp_limits limits;  /* the limits every document is read under */
	bool dry_run;      /* sp_case_edit_commit() checks everything but writes nothing */
} sp_edit_opts;

/**
 * Lock the case file path and read it whole. NULL when it cannot be edited: with the
 * problems in diags (a document that does not read), or with errno set and nothing added
 * (EWOULDBLOCK: another writer held the lock past the wait; EMLINK: several hard links;
 * EFBIG: larger than SP_EDIT_MAX_FILE; anything open(2) and read(2) give).
 */
sp_case_edit *sp_case_edit_open(const char *path, const sp_edit_opts *o, sp_diags *diags);

/** The number of documents in the file. */
size_t sp_case_edit_count(const sp_case_edit *ed);

/**
 * Call fn for each document of the file as it was read (doc->index - 1 is its number for the
 * edits), with the places of the whole file; fn may change doc->root (it is the caller's
 * copy, not the file's). Stops at the first return that is not 0 and returns it; 0 when
 * every document was seen.
 */
int sp_case_edit_each(sp_case_edit *ed, int (*fn)(sp_doc *doc, void *ctx), void *ctx);

/** Set the value at path (doc/edit.h) in document doc (0-based). 0 or -1 (diags). */
int sp_case_edit_set(sp_case_edit *ed, size_t doc, const char *path, const json_t *value,
		     sp_diags *diags);

/** Append value to the list at path in document doc; the new item's index or -1 (diags). */
long sp_case_edit_append(sp_case_edit *ed, size_t doc, const char *path, const json_t *value,
			 sp_diags *diags);

/** The kind of event the history entry of document doc records ("letter-logged"); set it
 * before the commit. */
void sp_case_edit_event(sp_case_edit *ed, size_t doc, const char *event);

/** Whether any document was changed. */
bool sp_case_edit_changed(const sp_case_edit *ed);

/**
 * Add the history entries, check the new text (it reads back to the models the edits meant;
 * no changed case has an error it did not have; new warnings are added to diags) and replace
 * the file with it; nothing is written when nothing changed, or with dry_run. 0; or -1 with
 * the problems in diags (the file as it was), or -1 with errno set and no error added to
 * diags (the file as it was). *warning (may be NULL)
 * gets a sentence to show when the file was replaced but its group could not be kept.
 */
int sp_case_edit_commit(sp_case_edit *ed, sp_diags *diags, const char **warning);

/** Write the unified diff of the file as it was read and as the edits (and, after the
 * commit, the history entries) left it, on f, the file named a/NAME and b/NAME. 0, or -1
 * with errno set. */
int sp_case_edit_diff(const sp_case_edit *ed, FILE *f);

/** Release the lock and free ed (an edit not committed is forgotten). NULL is fine. */
void sp_case_edit_close(sp_case_edit *ed);

#endif
