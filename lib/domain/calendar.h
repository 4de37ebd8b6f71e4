/* SPDX-License-Identifier: MIT */
/* calendar.h — the dated items of a case for the caseworker's calendar: the release, the
 * last day for screening and for the handovers, answers due on letters, reminders as they
 * fall due, the group's meetings, consents to renew, plan measures due and the start of
 * follow-up (samplan-calendar(1) says which and when). What an item is, and its day, is
 * decided here; how it is written (iCalendar) and worded is lib/report/ical.
 * Layer: domain; may include base, doc and domain. */
#ifndef SP_CALENDAR_H
#define SP_CALENDAR_H

#include "domain/handover.h"

/** The kinds of dated item, in the order a day's items are listed. */
typedef enum {
	SP_CAL_RELEASE,            /* the expected release date */
	SP_CAL_SCREENING_DEADLINE, /* not screened yet: sentence start + screening_timely_days */
	SP_CAL_HANDOVER_DEADLINE,  /* release − the handover days, while a need is not settled */
	SP_CAL_FOLLOW_UP_STARTS,   /* a confirmed handover's `starts` */
	SP_CAL_MEETING,            /* a meeting of the responsibility group */
	SP_CAL_ANSWER_DUE,         /* a letter's respond_by, no response yet */
	SP_CAL_REMINDER,           /* a reminder samplan-handover-check suggests on that day */
	SP_CAL_CONSENT_RENEWAL,    /* a consent expires renew_days later, by release */
	SP_CAL_MEASURE_DUE,        /* a plan measure's due date, not done or cancelled */
	SP_CAL_KIND_COUNT
} sp_cal_kind;

/** "release", "screening-deadline", … : the kind's part of an item's key. */
const char *sp_cal_kind_name(sp_cal_kind k);

/** One dated item of a case. Strings are borrowed from the case (or the rules). */
typedef struct {
	sp_cal_kind kind;
	sp_date date;         /* the day it is in the calendar */
	sp_date due;          /* for an action put on as-of, the day it was due; for a
				 reminder, the day the answer was due; else date */
	sp_date ref;          /* the other date the item speaks of: a letter's or request's
				 date, a consent's expiry, the release for the handover
				 deadline; else 0 */
	bool has_time;
	int minute;           /* the local time of day (Europe/Oslo), with has_time */
	size_t index;         /* 1-based place in its list (handovers, meetings, consents) */
	const char *letter;   /* the letter's id (answer due, a reminder about a letter) */
	const char *plan, *measure; /* the plan's and the measure's id (measure due) */
	/* for a calendar kept inside the service only (--detail): */
	const char *agency;   /* the agency concerned, or NULL */
	int domain;           /* sp_domain, or -1 */
	sp_domain_set domains;/* a consent's domains; the needs not settled (deadline) */
	const json_t *participants; /* a meeting's agency ids, or NULL */
} sp_cal_item;

/** What decides which items a case gets. */
typedef struct {
	sp_date as_of;        /* nothing before it, but overdue actions, which are put on it */
	int days;             /* the handover deadline is release − days */
	int renew_days;       /* a consent is to be renewed this many days before it expires */
} sp_cal_opts;

/** The items of one case, in the order they were found (sp_cal_items_sort() orders them). */
typedef struct {
	sp_cal_item *items;
	size_t n, cap;
} sp_cal_items;

/**
 * Add the dated items of case c (a valid case) to out. An item dated before o->as_of is
 * left out, except an action still to take (a reminder to send, a consent to renew, a
 * screening to do), which is put on as-of with its `due` day. Reminders are those
 * samplan-handover-check suggests (sp_check_handovers()), each on the first day it would
 * suggest it, from as-of on, if nothing changes. Free with sp_cal_items_free().
 */
void sp_case_calendar(const json_t *c, const sp_rules *rules, const sp_agencies *reg,
		      const sp_cal_opts *o, sp_cal_items *out);

/** Free what out holds and empty it. */
void sp_cal_items_free(sp_cal_items *out);

#endif
