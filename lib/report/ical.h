/* SPDX-License-Identifier: MIT */
/* ical.h — the dated items of many cases (domain/calendar.h) as one iCalendar file
 * (RFC 5545) for the caseworker's calendar: an event per item, worded so that a calendar
 * synced to a phone or a cloud tells the case id and what is due, never the person's name,
 * a domain or an agency unless the caller asks for the detail. Same cases and settings, same
 * bytes: no clock is read and the time zone is the project's, not the machine's.
 * Only samplan_calendar links libical.
 * Layer: report; may include base, doc, domain and report. */
#ifndef SP_REPORT_ICAL_H
#define SP_REPORT_ICAL_H

#include "domain/calendar.h"

#include <stdio.h>

/** How the calendar is written. */
typedef struct {
	sp_date as_of;            /* DTSTAMP (its midnight, UTC) and SEQUENCE (YYYYMMDD) */
	bool detail;              /* name the agency and the domain of each item (--detail) */
	const sp_agencies *reg;   /* agency names for the detail; may be NULL (ids then) */
} sp_ical_opts;

/** A calendar being gathered: the events of many cases, written whole by sp_ical_write(). */
typedef struct sp_ical sp_ical;

/** An empty calendar; free with sp_ical_free(). */
sp_ical *sp_ical_new(const sp_ical_opts *o);

/**
 * Add an event for each item of the case with this id, worded at once: nothing of the case
 * or the items is kept. false, and nothing added, when a case with the same id was added
 * before: its events would have the same UIDs.
 */
bool sp_ical_add(sp_ical *cal, const char *case_id, const sp_cal_items *items);

/** The number of events added. */
size_t sp_ical_count(const sp_ical *cal);

/**
 * Write the calendar to f: the events in the order of their day, time and UID, with CRLF
 * line endings and lines folded at 75 octets. 0, or -1 with errno set when f cannot be
 * written (EIO when libical cannot build an event).
 */
int sp_ical_write(sp_ical *cal, FILE *f);

/** Free the calendar (NULL is fine). */
void sp_ical_free(sp_ical *cal);

#endif
