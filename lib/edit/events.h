/* SPDX-License-Identifier: MIT */
/* events.h — the day's events of a case, each a small edit: a letter answered, a handover
 * requested, confirmed or declined, a meeting held, a consent given or withdrawn, … Each
 * event reads the case (valid), checks that it makes sense (refusing, with what to do, a
 * handover confirmed that was never requested, a date before the sentence began, an agency
 * the registry does not know …) and says which values to set and which items to append,
 * and what it did in words. samplan-record(1) applies them through the editing engine
 * (caseedit.h), so the case file keeps its layout and the event its history entry.
 * Layer: edit; may include base, doc, domain and edit. */
#ifndef SP_EVENTS_H
#define SP_EVENTS_H

#include "base/date.h"
#include "doc/doc.h"
#include "domain/case.h"

/** The arguments of an event, as given (NULL or 0: not given). */
typedef struct {
	sp_date date;               /* --date, else the as-of date */
	const char *letter;         /* a letter's id */
	const char *outcome;        /* granted | refused | partial | acknowledged */
	const char *domain;         /* a domain */
	const char *to;             /* an agency id */
	const char *by;             /* a person's name */
	const char *starts;         /* a date (text, checked by the event) */
	const char *contact;        /* a person's name, or (screening) a contact or `none` */
	const char *name, *agency, *role, *time, *note, *recipient, *expires, *status, *plan,
	    *measure, *past, *current, *needs, *wants, *release;
	const char *list[16];       /* --participant, --domain of a consent, --needs */
	size_t nlist;
	const sp_agencies *reg;     /* the registry (--agencies), or NULL: agency ids unchecked */
	sp_date as_of;
} sp_event_args;

/** One change an event makes. */
typedef struct {
	bool append;  /* append value to the list at path, else set path to value */
	char *path;   /* owned */
	json_t *value;/* owned */
} sp_event_op;

/** What an event made of a case: its changes and its words. Zero-initialise; free with
 * sp_event_out_clear(). */
typedef struct {
	sp_event_op *ops;
	size_t n, cap;
	char *words;  /* "letter L-0003 answered: granted on 2026-11-20" (owned) */
} sp_event_out;

void sp_event_out_clear(sp_event_out *out);

/** An event. */
typedef struct {
	const char *name;     /* "handover-confirmed": the subcommand and the history event */
	const char *options;  /* the options it takes, "domain! to by! starts contact date":
				 `!` marks those it needs, `*` those it takes more than once */
	const char *summary;  /* one line for --help */
	/* Decide the changes for case doc (valid) into out: 0; or -1 with the problem in diags
	 * (a refusal, which says what to do). */
	int (*decide)(const sp_doc *doc, const sp_event_args *a, sp_event_out *out, sp_diags *diags);
} sp_event;

/** The i-th event, in the order --help lists them (0-based), or NULL past the last. */
const sp_event *sp_event_at(size_t i);

/** The event named name, or NULL. */
const sp_event *sp_event_find(const char *name);

/* --- for the events' own files (events_*.c) ------------------------------------------- */

/** Add a change: set path (printf-style) to value (stolen). */
void sp_ev_set(sp_event_out *out, json_t *value, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/** Add a change: append value (stolen) to the list at path (printf-style). */
void sp_ev_append(sp_event_out *out, json_t *value, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/** Set the words (printf-style). */
void sp_ev_say(sp_event_out *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/** Refuse: an error at key of doc (a dotted path, "" for the case; its place if the case
 * has it), message printf-style; returns -1. */
int sp_ev_refuse(const sp_doc *doc, sp_diags *diags, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/** A date argument: *out from text; false, with a refusal naming opt, when it is not a
 * date or falls before the sentence's start. */
bool sp_ev_date(const sp_doc *doc, sp_diags *diags, const char *opt, const char *text,
		sp_date *out);

/** The date of the event (--date or as-of), checked like sp_ev_date(); false if refused. */
bool sp_ev_when(const sp_doc *doc, const sp_event_args *a, sp_diags *diags);

/** An agency argument: false, with a refusal naming opt, when a registry is given and does
 * not know it (or it is not an id). */
bool sp_ev_agency(const sp_doc *doc, const sp_event_args *a, sp_diags *diags, const char *opt,
		  const char *id);

/** The index of text among choices (NULL-terminated), or -1 with a refusal naming opt and
 * the choices: "--outcome: use granted, refused, partial or acknowledged". */
int sp_ev_choice(const sp_doc *doc, sp_diags *diags, const char *opt, const char *text,
		 const char *const *choices);

/** A domain argument: the domain, or -1 with a refusal naming opt. */
int sp_ev_domain(const sp_doc *doc, sp_diags *diags, const char *opt, const char *text);

/** "2026-11-23" into buf. */
const char *sp_ev_iso(sp_date d, char buf[SP_DATE_BUFSIZE]);

/** The events of each file (events_letters.c …), for the table in events.c. */
extern const sp_event sp_events_handover[], sp_events_group[], sp_events_consent[],
    sp_events_plan[];
extern const size_t sp_events_handover_n, sp_events_group_n, sp_events_consent_n,
    sp_events_plan_n;

#endif
