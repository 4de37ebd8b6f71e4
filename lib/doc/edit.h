/* SPDX-License-Identifier: MIT */
/* edit.h — edits made to a file's text, not by writing the model out again: a value set, an
 * item appended to a list. Everything else in the file stays byte for byte as it was:
 * comments, blank lines, key order, indentation, quoting, flow or block style, CRLF line
 * ends, a byte-order mark, the other documents of a stream. What an edit adds is written
 * in the style of its neighbours: an item of a flow list `[a, b]` in flow style, an entry of
 * a block mapping at its entries' indentation, a list item like the items before it, JSON
 * pretty or compact as the object it goes into.
 *
 * Every edit is checked before it is kept: the document's new text is read again and must
 * give exactly the model the edit meant (the old model with the one change). An edit that
 * cannot be written so (a value an anchor `&` shares with an alias `*`, a complex key) is
 * refused with the document left as it was.
 *
 * A file is held in memory as its documents' texts, and an edit re-reads only the text of
 * the document it changes, so a stream of many cases costs one pass, not one per edit.
 * Layer: doc; may include base and doc. */
#ifndef SP_EDIT_H
#define SP_EDIT_H

#include "doc/doc.h"

/** The largest file that is edited in place: it is held in memory whole. */
enum { SP_EDIT_MAX_FILE = 64 << 20 };

typedef struct sp_text sp_text;

/**
 * Split len bytes of text (copied; name for messages) into its documents, YAML or JSON as
 * the reader would detect them. NULL with the problem in diags when the text is not a
 * stream of documents that can be edited (a syntax error: the reader's own message is the
 * better one, so a caller reads the file with sp_reader first).
 */
sp_text *sp_text_new(const char *name, const char *text, size_t len, sp_diags *diags);

/** Free t. NULL is fine. */
void sp_text_free(sp_text *t);

/** The number of documents. */
size_t sp_text_count(const sp_text *t);

/** SP_FMT_YAML or SP_FMT_JSON. */
sp_format sp_text_format(const sp_text *t);

/**
 * Set the value at path in document doc (0-based) to a copy of value. path is keys and list
 * indexes joined by dots ("handovers.0.confirmed"); mappings on the way that do not exist
 * are made. 0, or -1 with the problem in diags (the text stays as it was).
 */
int sp_text_set(sp_text *t, size_t doc, const char *path, const json_t *value, sp_diags *diags);

/**
 * Append a copy of value to the list at path in document doc, making the list when the key
 * is absent or null. Returns the new item's index, or -1 with the problem in diags.
 */
long sp_text_append(sp_text *t, size_t doc, const char *path, const json_t *value,
		    sp_diags *diags);

/** The model of document doc as the edits so far left it (owned by t, valid until the next
 * call on t), or NULL with the problem in diags. */
const json_t *sp_text_model(sp_text *t, size_t doc, sp_diags *diags);

/** Tell t the model of document doc as read (copied), which the caller has at hand: the
 * first edit of it then need not read it again. It must be the model of the document's
 * text as it stands; the edit's own check reads the text it makes. */
void sp_text_seed(sp_text *t, size_t doc, const json_t *model);

/** Whether an edit changed the text. */
bool sp_text_changed(const sp_text *t);

/** The whole text as edited, NUL-terminated, *len bytes; caller frees. */
char *sp_text_join(const sp_text *t, size_t *len);

#endif
