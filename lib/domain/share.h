/* SPDX-License-Identifier: MIT */
/* share.h — the merged plan as shared: with one recipient (an agency, or the person), or
 * with the participants of a responsibility-group meeting at once, within the person's
 * consent (consent.h). What is left out leaves no trace: no goal, measure, heading, count,
 * source or finding tells a domain the recipients may not see.
 * Layer: domain; may include base, doc and domain. */
#ifndef SP_SHARE_H
#define SP_SHARE_H

#include "domain/case.h"

/** The languages of the sentence a shared plan says what it holds in. */
typedef enum { SP_LANG_NB, SP_LANG_NN, SP_LANG_EN } sp_lang;

/** "nb", "nn" or "en". */
const char *sp_lang_name(sp_lang l);

/** The person's language (`person.language`): nn and en as they are; nb, se (no text in
 * Northern Sami yet) and none give bokmål. */
sp_lang sp_person_lang(const json_t *c);

/** An agency's written standard (its registry entry's `language`): nn gives nynorsk; nb,
 * neutral, none, or no entry (NULL) give bokmål. */
sp_lang sp_agency_lang(const json_t *agency_node);

typedef struct {
	const char *const *with; /* the recipients, all at once: agency ids or "person" */
	size_t nwith;
	const sp_date *on;       /* consent must hold on each of these dates (as-of, a meeting) */
	size_t non;
	const char *name;        /* what the sentence calls the one recipient (an agency's name);
				  * NULL for a meeting */
	sp_lang lang;            /* the sentence's language */
	const json_t *meeting;   /* the meeting the plan is shared for, or NULL */
	sp_date as_of;
} sp_share_opts;

/**
 * The merged plan of case c (its `individual_plan` and `merge_report`, from
 * sp_merge_plans()) as shared with o->with, as a new document of `kind: shared_plan`
 * (samplan-plan-merge(1) says what it holds). A goal is shown whole when every recipient
 * may see its domain (for `other`: every domain); a measure is shown when its goal is, or
 * when its goal is not but every recipient may see its domain or is responsible for it:
 * then it stands, with its own text and nothing of its goal, under its domain. Goals and
 * measures are numbered again over what is shown; parts, sources, counts and findings tell
 * only what is shown. The caller frees the document.
 */
json_t *sp_plan_share(const json_t *c, const sp_share_opts *o);

/**
 * The meeting of the responsibility group of case c on date `on` (the first, if several),
 * or NULL. Its `participants` are the agencies that sit there (may be absent).
 */
const json_t *sp_case_meeting_on(const json_t *c, sp_date on);

#endif
