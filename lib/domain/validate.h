/* SPDX-License-Identifier: MIT */
/* validate.h — checking documents against the samplan format (samplan-case(5)).
 * Layer: domain; may include base, doc and domain. */
#ifndef SP_VALIDATE_H
#define SP_VALIDATE_H

#include "doc/doc.h"

/**
 * Check a document of kind `case` or `agencies` against the format and every consistency
 * rule, adding *all* problems found to diags, each with file, line, column and key path.
 * Unknown keys and a screening with domains missing are warnings (errors when
 * diags->strict is set). Messages never quote a value of the document.
 * Returns the number of errors added.
 */
size_t sp_validate(const sp_doc *doc, sp_diags *diags);

/** The document's kind ("case", "agencies", …), or NULL if it has none. */
const char *sp_doc_kind(const sp_doc *doc);

#endif
