/* SPDX-License-Identifier: MIT */
/* answer.c — the date a letter asks for an answer by: its usual answer time, shortened to
 * fit before release (and before the handover deadline, for a letter that asks a service
 * to take over follow-up), but never to fewer working days than the rules allow; when even
 * that does not fit, an answer as soon as possible. */
#include "letters/letter.h"

sp_answer sp_answer_date(const sp_answer_ask *ask)
{
	sp_answer a = {SP_ANSWER_USUAL, sp_date_add_days(ask->date, ask->days), false, 0};
	/* a release before the letter's date is no limit: a letter after release asks the
	 * usual time. On the release day itself every answer date is after it, and the
	 * answer is wanted at once. */
	if (!ask->has_release || ask->release < ask->date)
		return a;
	a.limit = ask->release;
	if (ask->handover && ask->deadline_days > 0) {
		/* follow-up must be settled by the handover deadline, which handover-check
		 * holds the confirmation to */
		a.limit = sp_date_add_days(ask->release, -ask->deadline_days);
		a.by_deadline = true;
	}
	if (a.respond_by <= a.limit)
		return a;
	sp_date earliest = sp_date_add_working_days(ask->date, ask->min_working_days);
	if (earliest <= a.limit) {
		a.kind = SP_ANSWER_SHORTENED;
		a.respond_by = sp_date_working_day_on_or_before(a.limit);
		/* with a floor of working days that is never before it; with none, a letter
		 * dated on a day off may have no working day to give */
		if (a.respond_by < earliest)
			a.respond_by = a.limit;
		/* an answer "by today" (min_working_days 0, a letter on the last day) is an
		 * answer at once: say so, as for a letter on the release day */
		if (a.respond_by > ask->date)
			return a;
	}
	/* No date the recipient can fairly meet fits: the letter asks for an answer as soon
	 * as possible. The log still needs a date, for the reminder that is due once an
	 * unanswered letter's date has passed: the earliest an answer can be expected, the
	 * shortest answer time the rules allow, which is as soon as a reminder is fair. */
	a.kind = SP_ANSWER_SOONEST;
	a.respond_by = earliest;
	return a;
}
