/* SPDX-License-Identifier: MIT */
/* handover.h — has every need a service outside that confirmed it takes over after
 * release? The statuses of the spec (samplan-case(5)), the case-level findings, and the
 * letters to send next; used by samplan-handover-check and samplan-indicators.
 * Layer: domain; may include base, doc and domain. */
#ifndef SP_HANDOVER_H
#define SP_HANDOVER_H

#include "doc/doc.h"
#include "domain/screen.h"

/** A need's handover status, from best to worst (the order the table sorts by). */
typedef enum {
	SP_HO_NOT_WANTED, /* the person wants no follow-up, nothing requested */
	SP_HO_CONFIRMED,  /* confirmed on or before the deadline */
	SP_HO_PENDING,    /* requested, the answer is not yet due */
	SP_HO_LATE,       /* confirmed after the deadline */
	SP_HO_MISSING,    /* nothing requested */
	SP_HO_OVERDUE,    /* requested, the agency's usual response time has passed */
	SP_HO_DECLINED,   /* the service declined */
	SP_HO_STATUS_COUNT
} sp_ho_status;

/** "confirmed", "late", … */
const char *sp_ho_status_name(sp_ho_status s);

/** True for the statuses someone must act on: missing, overdue, declined. */
bool sp_ho_is_gap(sp_ho_status s);

/** Whether follow-up of a confirmed need starts in time (samplan-handover-check(1)). */
typedef enum {
	SP_FU_NONE,       /* the need is not confirmed */
	SP_FU_IN_PLACE,   /* follow-up starts at most starts_late_days after release */
	SP_FU_STARTS_LATE,/* it starts later than that */
	SP_FU_UNKNOWN,    /* no confirmed handover says when it starts */
} sp_follow_up;

/** "in_place", "starts_late", "unknown" (NULL for SP_FU_NONE). */
const char *sp_follow_up_name(sp_follow_up f);

/** A need's status is decided from every handover for its domain: some handover confirmed
 * (the earliest confirmation decides between confirmed and late); else a request not yet
 * answered (pending while one is not yet due, else overdue); else every request declined;
 * else nothing requested. `to`, `requested`, `answered` and `due` describe the handover
 * that decided it: the earliest confirmation; the unanswered request due first (of those
 * not yet due, when pending); the latest refusal. */
typedef struct {
	sp_domain domain;
	sp_ho_status status;
	const char *to;      /* the agency of the handover that decided the status, or NULL */
	size_t nrequests;    /* handovers for the domain */
	size_t ndeclined;    /* of those, declined */
	sp_follow_up follow_up;
	bool has_starts;
	sp_date starts;      /* the earliest start of follow-up among confirmed handovers */
	bool has_request;
	sp_date requested;
	sp_date answered;    /* confirmed or declined, when so */
	sp_date due;         /* requested + the agency's response days, when requested */
	const char *recipient; /* for `missing`: the agency to ask (sp_service_agency) */
} sp_ho_need;

/** Every handover of one domain, taken together (the one rule that handover-check, the
 * indicators and the letters share). */
typedef struct {
	size_t n, ndeclined;     /* handovers for the domain; of those declined */
	bool confirmed;          /* some handover was confirmed */
	bool open, open_not_due; /* some request unanswered; one of them not yet due */
	sp_handover decides;     /* the handover that decides the status (see sp_ho_need) */
	sp_date due;             /* its answer's due date (requested + response days) */
	bool has_starts;
	sp_date starts;          /* the earliest start among the confirmed handovers */
	sp_handover starts_from; /* the confirmed handover that starts first (has_starts) */
} sp_handover_path;

/** The handovers of case c for domain d as of a date; reg gives response days (NULL: 21).
 * out->n is 0 when there are none. */
void sp_handover_path_get(const json_t *c, sp_domain d, const sp_agencies *reg, sp_date as_of,
			  sp_handover_path *out);

/** Case-level findings (bits). */
enum {
	SP_FIND_COORDINATOR = 1u << 0,    /* a coordinator is required but not appointed */
	SP_FIND_NO_GROUP = 1u << 1,       /* IP indicated, no responsibility group */
	SP_FIND_NO_MEETING = 1u << 2,     /* a group, but no meeting before release */
	SP_FIND_NOT_NOTIFIED = 1u << 3,   /* the home municipality not told the person is serving */
	SP_FIND_UNANSWERED = 1u << 4,     /* letters past respond_by without a response */
	SP_FIND_NO_CONSENT = 1u << 5,     /* a handover names a recipient without consent */
	SP_FIND_STARTS_LATE = 1u << 6,    /* confirmed, but follow-up starts late */
	SP_FIND_START_UNKNOWN = 1u << 7,  /* confirmed, release near, no start date known */
	SP_FIND_COORDINATOR_AGENCY = 1u << 8, /* the coordinator's agency cannot appoint one */
	SP_FIND_GROUP_RECOMMENDED = 1u << 9,  /* advice: a group would help (not a gap) */
	SP_FIND_COUNT = 10
};

/** The findings that are advice, not gaps: the report lists them under `advice`. */
#define SP_FIND_ADVICE (SP_FIND_GROUP_RECOMMENDED)

/** The short name ("coordinator_not_appointed") and the plain text of a finding bit. */
const char *sp_finding_name(unsigned bit);
const char *sp_finding_text(unsigned bit);

typedef struct {
	const char *template_id;
	const char *recipient;
	int domain;           /* sp_domain, or -1 */
	const char *about;    /* the letter id a reminder is about, or NULL */
} sp_ho_letter;

typedef struct {
	sp_assessment a;      /* what screening derives (needs, IP decision) */
	sp_date deadline;     /* release − days; meaningful when a.has_release */
	sp_ho_need needs[SP_DOMAIN_COUNT];
	size_t nneeds;
	unsigned findings;    /* SP_FIND_* */
	const char *unanswered[32]; /* ids of letters past respond_by */
	size_t nunanswered;
	sp_domain_set no_consent;   /* domains of handovers to a recipient without consent */
	sp_domain_set starts_late, start_unknown; /* domains of those follow-up findings */
	unsigned group_reasons;     /* SP_GROUP_* that call for a group (without an IP too) */
	sp_ho_letter letters[48];
	size_t nletters;
	sp_ho_status worst;   /* the worst need status (with no needs: SP_HO_NOT_WANTED, or
				 SP_HO_MISSING when the case has no screening yet) */
} sp_handover_check;

/**
 * Check the handovers of case c as of a date: the deadline is release − days (pass
 * rules->handover_deadline_days unless the user gave another). reg may be
 * NULL (the default response days by agency type then apply, and no letters to agencies
 * that the case does not name are suggested).
 */
void sp_check_handovers(const json_t *c, const sp_rules *rules, const sp_agencies *reg,
			sp_date as_of, int days, sp_handover_check *out);

/** True when the check found anything to act on: a gap status (missing, overdue,
 * declined), a request still pending after the deadline, or a finding that is not advice. */
bool sp_handover_has_gaps(const sp_handover_check *h);

/** True when every date the check derived can be written (only h's dates are read); else
 * false, with an error for doc in diags (unless diags is NULL) saying which (it falls outside the years 0001–9999), naming the key it comes
 * from and the option. */
bool sp_handover_dates_ok(const sp_handover_check *h, const sp_doc *doc, sp_diags *diags);

/** The report of one case (kind: handover_report, samplan-handover-check(1)). */
json_t *sp_handover_report_json(const json_t *c, const sp_handover_check *h, int days);

#endif
