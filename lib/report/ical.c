/* SPDX-License-Identifier: MIT */
/* ical.c — the dated items of many cases as one iCalendar file (RFC 5545), written
 * with libical.
 *
 * libical is fit for byte-identical output, as used here: it writes the properties of a
 * component in the order they were added, ends every line with CRLF, escapes TEXT values
 * and folds lines at 75 octets without splitting a UTF-8 character. It adds nothing of its
 * own: DTSTAMP and SEQUENCE are set from --as-of here. What it is not used for is the time
 * zone: its built-in zones are read from the machine's zoneinfo, which differs between
 * machines, so the VTIMEZONE of Europe/Oslo is built here from the project's own rules
 * (europe_oslo()). */
#include "report/ical.h"
#include "base/util.h"

#include <libical/ical.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* When an event's alarm goes off (all-day events start at midnight, local time). */
typedef enum {
	ALARM_NONE,
	ALARM_WEEK,       /* 09:00 a week before */
	ALARM_DAY,        /* 09:00 the day before */
	ALARM_HALF_HOUR,  /* half an hour before a meeting with a time */
} alarm_kind;

static const char *const alarm_trigger[] = {NULL, "-P6DT15H", "-PT15H", "-PT30M"};

typedef struct {
	sp_date date;
	bool has_time;
	int minute;
	alarm_kind alarm;
	bool busy;          /* a meeting takes the caseworker's time; a deadline does not */
	char *uid, *summary, *description;
} event;

struct sp_ical {
	sp_ical_opts o;
	event *ev;
	size_t n, cap;
	char **ids;         /* the case ids added: an open-addressing set */
	size_t nids, capids;
};

/* The duration a meeting is shown with: the case gives its start only. */
#define MEETING_MINUTES 60

sp_ical *sp_ical_new(const sp_ical_opts *o)
{
	sp_ical *cal = sp_xcalloc(1, sizeof *cal);
	cal->o = *o;
	return cal;
}

size_t sp_ical_count(const sp_ical *cal) { return cal->n; }

/* --- the set of case ids ---------------------------------------------------------------- */

static size_t id_hash(const char *s)
{
	size_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

/* The slot of id in a table of cap slots: where it is, or the empty one where it goes. */
static char **id_slot(char **ids, size_t cap, const char *id)
{
	size_t k = id_hash(id);
	while (ids[k % cap] && strcmp(ids[k % cap], id) != 0)
		k++;
	return &ids[k % cap];
}

/* Add id to the set; false when it is there already. */
static bool id_add(sp_ical *cal, const char *id)
{
	if (2 * (cal->nids + 1) > cal->capids) { /* at most half full */
		size_t cap = cal->capids ? 2 * cal->capids : 64;
		char **ids = sp_xcalloc(cap, sizeof *ids);
		for (size_t i = 0; i < cal->capids; i++)
			if (cal->ids[i])
				*id_slot(ids, cap, cal->ids[i]) = cal->ids[i];
		free(cal->ids);
		cal->ids = ids;
		cal->capids = cap;
	}
	char **slot = id_slot(cal->ids, cal->capids, id);
	if (*slot)
		return false;
	*slot = sp_xstrdup(id);
	cal->nids++;
	return true;
}

/* --- the words of an event -------------------------------------------------------------- */

static const char *date_text(sp_date d, char buf[SP_DATE_BUFSIZE])
{
	return sp_date_valid(d) ? sp_date_format(d, buf) : "?";
}

/* The item's part of its UID: its kind and what tells it from the case's others. */
static void item_key(FILE *f, const sp_cal_item *it)
{
	fputs(sp_cal_kind_name(it->kind), f);
	switch (it->kind) {
	case SP_CAL_FOLLOW_UP_STARTS: fprintf(f, "/handover-%zu", it->index); break;
	case SP_CAL_MEETING: case SP_CAL_CONSENT_RENEWAL: fprintf(f, "/%zu", it->index); break;
	case SP_CAL_ANSWER_DUE: fprintf(f, "/%s", it->letter); break;
	case SP_CAL_REMINDER:
		if (it->letter)
			fprintf(f, "/%s", it->letter);
		else
			fprintf(f, "/handover-%zu", it->index);
		break;
	case SP_CAL_MEASURE_DUE: fprintf(f, "/%s/%s", it->plan, it->measure); break;
	default: break;
	}
}

static void summary(FILE *f, const char *id, const sp_cal_item *it)
{
	static const char *const what[SP_CAL_KIND_COUNT] = {
	    "release", "last day for screening", "last day for handovers", "follow-up starts",
	    "responsibility group meeting", "answer due", "send a reminder", "consent to renew",
	    "plan measure due"};
	fprintf(f, "%s: %s", id, what[it->kind]);
	if (it->kind == SP_CAL_ANSWER_DUE || (it->kind == SP_CAL_REMINDER && it->letter))
		fprintf(f, " (%s)", it->letter);
	else if (it->kind == SP_CAL_MEASURE_DUE)
		fprintf(f, " (%s/%s)", it->plan, it->measure);
}

/* What is due, by ids and dates only: nothing here tells a domain, an agency or a name. */
static void description(FILE *f, const char *id, const sp_cal_item *it)
{
	char a[SP_DATE_BUFSIZE], b[SP_DATE_BUFSIZE];
	switch (it->kind) {
	case SP_CAL_RELEASE:
		fprintf(f, "The expected release date of case %s.", id);
		break;
	case SP_CAL_SCREENING_DEADLINE:
		fprintf(f, "Case %s has no screening yet. It should be screened by %s, %d days "
			   "after the sentence started on %s.", id, date_text(it->due, a),
			sp_date_diff(it->ref, it->due), date_text(it->ref, b));
		break;
	case SP_CAL_HANDOVER_DEADLINE:
		fprintf(f, "The last day for services to confirm that they take over the needs of "
			   "case %s after release on %s; some are not confirmed yet.", id,
			date_text(it->ref, a));
		break;
	case SP_CAL_FOLLOW_UP_STARTS:
		fprintf(f, "Follow-up after release starts for case %s (handover %zu in the case "
			   "file): check that someone meets the person.", id, it->index);
		break;
	case SP_CAL_MEETING:
		fprintf(f, "A meeting of the responsibility group of case %s (meeting %zu in the "
			   "case file).", id, it->index);
		if (it->has_time)
			fprintf(f, " The case gives its start only; it is shown as an hour.");
		break;
	case SP_CAL_ANSWER_DUE:
		fprintf(f, "The answer to letter %s of case %s, sent on %s, is due.", it->letter, id,
			date_text(it->ref, a));
		break;
	case SP_CAL_REMINDER:
		if (it->letter)
			fprintf(f, "Send a reminder about letter %s of case %s, sent on %s: its "
				   "answer was due on %s.", it->letter, id, date_text(it->ref, a),
				date_text(it->due, b));
		else
			fprintf(f, "Send a reminder about handover %zu of case %s, asked for on %s: "
				   "its answer was due on %s.", it->index, id, date_text(it->ref, a),
				date_text(it->due, b));
		break;
	case SP_CAL_CONSENT_RENEWAL:
		fprintf(f, "A consent of case %s (consent %zu in the case file) expires on %s. "
			   "Ask the person whether to renew it.", id, it->index, date_text(it->ref, a));
		break;
	case SP_CAL_MEASURE_DUE:
		fprintf(f, "Measure %s of plan %s of case %s is due.", it->measure, it->plan, id);
		break;
	default:
		break;
	}
	if (it->date > it->due && it->kind != SP_CAL_REMINDER)
		fprintf(f, " It was due on %s.", date_text(it->due, a));
}

static void agency_text(FILE *f, const sp_ical *cal, const char *id)
{
	const sp_agency *ag = cal->o.reg ? sp_agencies_find(cal->o.reg, id) : NULL;
	if (strcmp(id, "person") == 0)
		fputs("the person", f);
	else if (ag)
		fprintf(f, "%s (%s)", ag->name, id);
	else
		fputs(id, f);
}

/* For a calendar kept inside the service (--detail): the agencies and the domains. */
static void detail(FILE *f, const sp_ical *cal, const sp_cal_item *it)
{
	static const char *const role[SP_CAL_KIND_COUNT] = {
	    [SP_CAL_FOLLOW_UP_STARTS] = "Service", [SP_CAL_ANSWER_DUE] = "From",
	    [SP_CAL_REMINDER] = "To", [SP_CAL_CONSENT_RENEWAL] = "Recipient",
	    [SP_CAL_MEASURE_DUE] = "Responsible"};
	if (it->agency && role[it->kind]) {
		fprintf(f, "\n%s: ", role[it->kind]);
		agency_text(f, cal, it->agency);
	}
	size_t i;
	const json_t *p;
	json_array_foreach(it->participants, i, p) {
		fputs(i ? ", " : "\nParticipants: ", f);
		agency_text(f, cal, json_string_value(p));
	}
	if (it->domain >= 0)
		fprintf(f, "\nDomain: %s", sp_domain_name((sp_domain)it->domain));
	for (int d = 0, k = 0; d < SP_DOMAIN_COUNT; d++)
		if (it->domains & (1u << d))
			fprintf(f, "%s%s", k++ ? ", " : "\nDomains: ", sp_domain_name((sp_domain)d));
}

/* A text written to a FILE, as a string; caller frees. */
typedef struct {
	char *buf;
	size_t len;
	FILE *f;
} text;

static FILE *text_open(text *t)
{
	*t = (text){NULL, 0, open_memstream(&t->buf, &t->len)};
	if (!t->f)
		abort(); /* out of memory, as sp_xmalloc() */
	return t->f;
}

static char *text_close(text *t)
{
	fclose(t->f);
	return t->buf;
}

static char *summary_text(const char *id, const sp_cal_item *it)
{
	text t;
	summary(text_open(&t), id, it);
	return text_close(&t);
}

static char *description_text(const sp_ical *cal, const char *id, const sp_cal_item *it)
{
	text t;
	description(text_open(&t), id, it);
	if (cal->o.detail)
		detail(t.f, cal, it);
	return text_close(&t);
}

static char *uid(const char *id, const sp_cal_item *it)
{
	text t;
	fprintf(text_open(&t), "%s/", id);
	item_key(t.f, it);
	fputs("@samplan", t.f);
	return text_close(&t);
}

static alarm_kind alarm_of(const sp_cal_item *it)
{
	if (it->date > it->due) /* put on as-of, overdue: no alarm for a day gone by */
		return ALARM_NONE;
	switch (it->kind) {
	case SP_CAL_RELEASE: return ALARM_WEEK;
	case SP_CAL_MEETING: return it->has_time ? ALARM_HALF_HOUR : ALARM_DAY;
	case SP_CAL_SCREENING_DEADLINE: case SP_CAL_HANDOVER_DEADLINE:
	case SP_CAL_CONSENT_RENEWAL: case SP_CAL_MEASURE_DUE: return ALARM_DAY;
	default: return ALARM_NONE;
	}
}

bool sp_ical_add(sp_ical *cal, const char *case_id, const sp_cal_items *items)
{
	if (!id_add(cal, case_id))
		return false;
	for (size_t i = 0; i < items->n; i++) {
		const sp_cal_item *it = &items->items[i];
		if (cal->n == cal->cap) {
			cal->cap = cal->cap ? 2 * cal->cap : 64;
			cal->ev = sp_xrealloc(cal->ev, cal->cap * sizeof *cal->ev);
		}
		cal->ev[cal->n++] = (event){
		    .date = it->date, .has_time = it->has_time, .minute = it->minute,
		    .alarm = alarm_of(it), .busy = it->kind == SP_CAL_MEETING,
		    .uid = uid(case_id, it), .summary = summary_text(case_id, it),
		    .description = description_text(cal, case_id, it)};
	}
	return true;
}

/* --- iCalendar -------------------------------------------------------------------------- */

static struct icaltimetype day_of(sp_date d)
{
	int y, m, dd;
	sp_date_to_ymd(d, &y, &m, &dd);
	struct icaltimetype t = icaltime_null_date();
	t.year = y, t.month = m, t.day = dd;
	return t;
}

/* A local time of Europe/Oslo: floating here, its TZID parameter added to the property. */
static struct icaltimetype time_of(sp_date d, int minute)
{
	d = sp_date_add_days(d, minute / (24 * 60));
	minute %= 24 * 60;
	struct icaltimetype t = day_of(d);
	t.is_date = 0;
	t.hour = minute / 60, t.minute = minute % 60, t.second = 0;
	return t;
}

static const char TZID[] = "Europe/Oslo";

static icalproperty *local(icalproperty *p)
{
	icalproperty_add_parameter(p, icalparameter_new_tzid(TZID));
	return p;
}

/* One observance of a VTIMEZONE: from its first onset, yearly by the rule. */
static icalcomponent *observance(icalcomponent *c, int from, int to, const char *name,
				 const char *dtstart, const char *rrule)
{
	icalcomponent_add_property(c, icalproperty_new_tzoffsetfrom(from));
	icalcomponent_add_property(c, icalproperty_new_tzoffsetto(to));
	icalcomponent_add_property(c, icalproperty_new_tzname(name));
	icalcomponent_add_property(c, icalproperty_new_dtstart(icaltime_from_string(dtstart)));
	icalcomponent_add_property(c, icalproperty_new_rrule(icalrecurrencetype_from_string(rrule)));
	return c;
}

/* Europe/Oslo as Norway keeps it since 1996: CET (UTC+1), and summer time CEST (UTC+2) from
 * the last Sunday of March at 02:00 to the last Sunday of October at 03:00 local time. The
 * project's data, not the machine's zoneinfo, so that every machine writes the same bytes;
 * the meetings it is for are all after 1996. */
static icalcomponent *europe_oslo(void)
{
	icalcomponent *tz = icalcomponent_new_vtimezone();
	icalcomponent_add_property(tz, icalproperty_new_tzid(TZID));
	icalcomponent_add_component(tz, observance(icalcomponent_new_xdaylight(), 3600, 7200, "CEST",
						   "19960331T020000",
						   "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"));
	icalcomponent_add_component(tz, observance(icalcomponent_new_xstandard(), 7200, 3600, "CET",
						   "19961027T030000",
						   "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"));
	return tz;
}

static icalcomponent *vevent(const sp_ical *cal, const event *e)
{
	icalcomponent *v = icalcomponent_new_vevent();
	int y, m, d;
	sp_date_to_ymd(cal->o.as_of, &y, &m, &d);
	struct icaltimetype stamp = time_of(cal->o.as_of, 0);
	stamp.zone = icaltimezone_get_utc_timezone();
	icalcomponent_add_property(v, icalproperty_new_uid(e->uid));
	icalcomponent_add_property(v, icalproperty_new_dtstamp(stamp));
	/* an end past 9999-12-31 cannot be written: without DTEND an all-day event lasts its
	 * day and a timed one its moment (RFC 5545, 3.6.1) */
	bool end_fits = sp_date_valid(sp_date_add_days(e->date, 1));
	if (e->has_time) {
		icalcomponent_add_property(v, local(icalproperty_new_dtstart(time_of(e->date, e->minute))));
		if (end_fits || e->minute + MEETING_MINUTES < 24 * 60)
			icalcomponent_add_property(
			    v, local(icalproperty_new_dtend(time_of(e->date, e->minute + MEETING_MINUTES))));
	} else {
		icalcomponent_add_property(v, icalproperty_new_dtstart(day_of(e->date)));
		if (end_fits)
			icalcomponent_add_property(v, icalproperty_new_dtend(day_of(sp_date_add_days(e->date, 1))));
	}
	/* a later --as-of is a later revision: an import replaces the events of an earlier one */
	icalcomponent_add_property(v, icalproperty_new_sequence(y * 10000 + m * 100 + d));
	icalcomponent_add_property(v, icalproperty_new_summary(e->summary));
	icalcomponent_add_property(v, icalproperty_new_description(e->description));
	icalcomponent_add_property(v, icalproperty_new_class(ICAL_CLASS_PRIVATE));
	icalcomponent_add_property(v, icalproperty_new_transp(e->busy ? ICAL_TRANSP_OPAQUE
								      : ICAL_TRANSP_TRANSPARENT));
	if (e->alarm != ALARM_NONE) {
		icalcomponent *a = icalcomponent_new_valarm();
		struct icaltriggertype tr = {.time = icaltime_null_time(),
					     .duration = icaldurationtype_from_string(alarm_trigger[e->alarm])};
		icalcomponent_add_property(a, icalproperty_new_action(ICAL_ACTION_DISPLAY));
		icalcomponent_add_property(a, icalproperty_new_trigger(tr));
		icalcomponent_add_property(a, icalproperty_new_description(e->summary));
		icalcomponent_add_component(v, a);
	}
	return v;
}

static int by_time(const void *pa, const void *pb)
{
	const event *a = pa, *b = pb;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	int ta = a->has_time ? a->minute : -1, tb = b->has_time ? b->minute : -1;
	if (ta != tb) /* all-day first */
		return ta < tb ? -1 : 1;
	return strcmp(a->uid, b->uid);
}

/* Write the text of component c but for its last line (its END), which is returned in end;
 * 0 or -1 with errno. */
static int put_open(FILE *f, icalcomponent *c, const char *end)
{
	char *s = icalcomponent_as_ical_string_r(c);
	if (!s) {
		errno = EIO;
		return -1;
	}
	size_t len = strlen(s), endlen = strlen(end);
	int rc = len >= endlen && strcmp(s + len - endlen, end) == 0 &&
			 fwrite(s, 1, len - endlen, f) == len - endlen ? 0 : -1;
	if (rc && !ferror(f))
		errno = EIO;
	free(s);
	return rc;
}

static int put(FILE *f, icalcomponent *c)
{
	char *s = icalcomponent_as_ical_string_r(c);
	if (!s) {
		errno = EIO;
		return -1;
	}
	size_t len = strlen(s);
	int rc = fwrite(s, 1, len, f) == len ? 0 : -1;
	free(s);
	return rc;
}

int sp_ical_write(sp_ical *cal, FILE *f)
{
	icalerror_set_errors_are_fatal(0);
	if (cal->n)
		qsort(cal->ev, cal->n, sizeof *cal->ev, by_time);
	/* the calendar's head and its VTIMEZONE, whose component also keeps an empty calendar
	 * valid (RFC 5545 asks for one component at least); the events are written one by one
	 * after them, so that a large calendar is never one string */
	icalcomponent *head = icalcomponent_new_vcalendar();
	icalcomponent_add_property(head, icalproperty_new_prodid("-//samplan//samplan-calendar//EN"));
	icalcomponent_add_property(head, icalproperty_new_version("2.0"));
	icalcomponent_add_property(head, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(head, icalproperty_new_method(ICAL_METHOD_PUBLISH));
	icalcomponent_add_component(head, europe_oslo());
	int rc = put_open(f, head, "END:VCALENDAR\r\n");
	icalcomponent_free(head);
	for (size_t i = 0; rc == 0 && i < cal->n; i++) {
		icalcomponent *v = vevent(cal, &cal->ev[i]);
		rc = put(f, v);
		icalcomponent_free(v);
	}
	if (rc == 0 && fputs("END:VCALENDAR\r\n", f) == EOF)
		rc = -1;
	icalmemory_free_ring();
	return rc;
}

void sp_ical_free(sp_ical *cal)
{
	if (!cal)
		return;
	for (size_t i = 0; i < cal->n; i++) {
		free(cal->ev[i].uid);
		free(cal->ev[i].summary);
		free(cal->ev[i].description);
	}
	free(cal->ev);
	for (size_t i = 0; i < cal->capids; i++)
		free(cal->ids[i]);
	free(cal->ids);
	free(cal);
}
