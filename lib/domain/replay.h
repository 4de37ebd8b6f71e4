/* SPDX-License-Identifier: MIT */
/* replay.h — a case as it stood on a date: every dated event after the date taken out or
 * undone, so that the indicators of an earlier --as-of count what the unit knew then
 * (samplan-indicators(1), "Replay").
 * Layer: domain; may include base, doc and domain. */
#ifndef SP_REPLAY_H
#define SP_REPLAY_H

#include "base/date.h"

#include <jansson.h>

/**
 * Case c (a valid case) as it stood at the end of day d. NULL when its sentence starts
 * after d: the case did not exist yet. Otherwise a new reference (json_decref() it): c
 * itself when nothing in it is dated after d, else a copy that shares c's unchanged parts,
 * with what happened after d taken out:
 *   - a screening dated after d;
 *   - a consent given after d; a withdrawal after d (the consent held on d);
 *   - ip.requested after d, and then a status requested, in_progress or established
 *     (the plan was not asked for yet: its status is none); the coordinator when
 *     appointed after d;
 *   - the responsibility group when established after d; its meetings after d;
 *   - letters sent after d; a response dated after d;
 *   - handovers requested after d; a confirmation after d (with confirmed_by, starts and
 *     contact, which come with it); a refusal after d;
 *   - programmes that start after d; history entries after d.
 * What holds no date stays as it is now: sentence.release, ip.status (but see above),
 * the group's members, the plans, the screening's answers, a consent's expiry (a date
 * known when the consent was given). The copy is a valid case.
 */
json_t *sp_case_as_of(const json_t *c, sp_date d);

#endif
