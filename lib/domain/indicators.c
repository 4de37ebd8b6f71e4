/* SPDX-License-Identifier: MIT */
/* indicators.c — counting cases into groups; partial counters in and out
 * (samplan-indicators(1) defines every indicator). */
#include "domain/indicators.h"
#include "base/util.h"
#include "domain/replay.h"

#include <stdlib.h>
#include <string.h>

static const char *const counter_names[C_COUNT] = {
    "cases", "released_with_needs", "released_handed_over", "released_in_place",
    "started", "screened", "screened_timely",
    "risk_areas_0", "risk_areas_1", "risk_areas_2", "risk_areas_3", "risk_areas_4",
    "risk_areas_5", "risk_areas_6", "risk_areas_7", "risk_areas_8",
    "caseload_screened", "ip_indicated", "ip_requested", "ip_established", "coordinator_appointed",
    "group_established", "ip_indicated_with_release", "group_met_before_release",
    "needs", "needs_with_consent", "needs_with_release", "confirmed_by_deadline",
    "needs_released", "confirmed_by_release", "follow_up_in_place", "letters_due", "letters_answered_in_time"};
static const char *const hist_names[H_COUNT] = {"days_to_coordinator", "days_to_confirmation"};

const char *sp_counter_name(int i) { return counter_names[i]; }
const char *sp_hist_name(int i) { return hist_names[i]; }

static void hist_add(sp_case_counts *cc, int h, int32_t days)
{
	if (days >= 0 && cc->ndays[h] < SP_DOMAIN_COUNT + 1)
		cc->days[h][cc->ndays[h]++] = days;
}

static bool within(sp_date d, sp_date from, sp_date to) { return d >= from && d <= to; }

bool sp_case_in_period(const sp_case_info *info, sp_date from, sp_date to)
{
	return info->start <= to && !(info->has_release && info->release < from);
}

/* The stocks of the IP, coordinator and group of a screened case; the coordinator's days
 * when it was appointed in the period. */
static void ip_counts(const sp_handover_check *h, sp_date from, sp_case_counts *cc)
{
	uint32_t *k = cc->c;
	const sp_assessment *a = &h->a;
	const sp_ip ip = a->ip;
	const sp_case_info info = a->info;
	k[C_CASELOAD_SCREENED]++;
	if (!a->ip_indicated)
		return;
	k[C_IP]++;
	k[C_IP_REQUESTED] += ip.has_requested || ip.status == SP_IP_REQUESTED ||
			     ip.status == SP_IP_IN_PROGRESS || ip.status == SP_IP_ESTABLISHED;
	k[C_IP_ESTABLISHED] += ip.status == SP_IP_ESTABLISHED;
	if (ip.coordinator_name && ip.has_appointed) {
		k[C_COORDINATOR]++;
		if (ip.appointed >= from) /* after `to` the replay took it out */
			hist_add(cc, H_DAYS_TO_COORDINATOR, sp_date_diff(info.start, ip.appointed));
	}
	k[C_GROUP] += ip.has_group;
	if (info.has_release) {
		k[C_IP_WITH_RELEASE]++;
		k[C_MET] += ip.has_first_meeting && ip.first_meeting <= info.release;
	}
}

/* The needs: stocks of every need, and the flows of the release when it falls in the
 * period, with the headline: the person released with every need handed over. */
static void need_counts(const sp_handover_check *h, sp_date from, sp_date to, sp_case_counts *cc)
{
	uint32_t *k = cc->c;
	const sp_assessment *a = &h->a;
	const sp_case_info info = a->info;
	bool released = info.has_release && within(info.release, from, to);
	bool all_handed_over = true, all_in_place = true;
	for (size_t i = 0; i < h->nneeds; i++) {
		const sp_ho_need *n = &h->needs[i];
		k[C_NEEDS]++;
		k[C_NEEDS_CONSENT] += a->needs[i].consent == SP_NEED_GIVEN;
		bool confirmed = n->status == SP_HO_CONFIRMED || n->status == SP_HO_LATE;
		if (confirmed && n->answered >= from) /* after `to`: taken out */
			hist_add(cc, H_DAYS_TO_CONFIRMATION, sp_date_diff(n->requested, n->answered));
		bool by_release = confirmed && info.has_release && n->answered <= info.release;
		/* handed over, and someone meets the person when it matters */
		bool in_place = by_release && n->follow_up == SP_FU_IN_PLACE;
		all_handed_over &= by_release;
		all_in_place &= in_place;
		if (!info.has_release)
			continue;
		k[C_NEEDS_WITH_RELEASE]++;
		k[C_CONFIRMED_BY_DEADLINE] += n->status == SP_HO_CONFIRMED;
		if (released) {
			k[C_NEEDS_RELEASED]++;
			k[C_CONFIRMED_BY_RELEASE] += by_release;
			k[C_FOLLOW_UP_IN_PLACE] += in_place;
		}
	}
	/* a person released unscreened has needs nobody knows: none of them was handed over */
	if (released && (!a->screening.present || h->nneeds)) {
		k[C_RELEASED_WITH_NEEDS]++;
		k[C_RELEASED_HANDED_OVER] += a->screening.present && all_handed_over;
		k[C_RELEASED_IN_PLACE] += a->screening.present && all_in_place;
	}
}

void sp_case_counts_in(const json_t *c, const sp_handover_check *h, sp_date from, sp_date to,
		       sp_case_counts *cc)
{
	memset(cc, 0, sizeof *cc);
	uint32_t *k = cc->c;
	const sp_assessment *a = &h->a;
	k[C_CASES]++;
	if (a->info.start >= from) { /* the intake of the period */
		k[C_STARTED]++;
		if (a->screening.present) {
			k[C_SCREENED]++;
			k[C_TIMELY] += a->screening_timely;
			k[C_RISK0 + a->risk_areas]++;
		}
	}
	if (a->screening.present)
		ip_counts(h, from, cc);
	need_counts(h, from, to, cc);
	for (size_t i = 0; i < sp_case_letter_count(c); i++) {
		sp_letter l;
		if (!sp_case_letter(c, i, &l) || !l.has_respond_by || !within(l.respond_by, from, to))
			continue;
		k[C_LETTERS_DUE]++;
		k[C_LETTERS_ANSWERED] += l.outcome != SP_OUTCOME_NONE && l.response_date <= l.respond_by;
	}
}

void sp_case_counts_get(const json_t *c, const sp_handover_check *h, sp_date as_of,
			sp_case_counts *cc)
{
	sp_case_counts_in(c, h, SP_DATE_MIN, as_of, cc);
}

void sp_counters_add_counts(sp_counters *k, const sp_case_counts *cc)
{
	for (int i = 0; i < C_COUNT; i++)
		k->c[i] += cc->c[i];
	for (int h = 0; h < H_COUNT; h++)
		for (int i = 0; i < cc->ndays[h]; i++)
			k->h[h][cc->days[h][i] < SP_HIST_DAYS ? cc->days[h][i] : SP_HIST_DAYS]++;
}

void sp_counters_add_case(sp_counters *k, const json_t *c, const sp_handover_check *h,
			  sp_date as_of)
{
	sp_case_counts cc;
	sp_case_counts_get(c, h, as_of, &cc);
	sp_counters_add_counts(k, &cc);
}

void sp_counters_merge(sp_counters *k, const sp_counters *o)
{
	for (int i = 0; i < C_COUNT; i++)
		k->c[i] += o->c[i];
	for (int h = 0; h < H_COUNT; h++)
		for (int d = 0; d <= SP_HIST_DAYS; d++)
			k->h[h][d] += o->h[h][d];
}

int sp_counters_median(const sp_counters *k, int h, bool *over)
{
	uint64_t n = 0;
	for (int d = 0; d <= SP_HIST_DAYS; d++)
		n += k->h[h][d];
	*over = false;
	if (!n)
		return -1;
	uint64_t half = (n + 1) / 2, seen = 0; /* the lower median: always a day that occurred */
	for (int d = 0; d <= SP_HIST_DAYS; d++) {
		seen += k->h[h][d];
		if (seen >= half) {
			*over = d == SP_HIST_DAYS;
			return d;
		}
	}
	return -1;
}

/* --- dimensions ---------------------------------------------------------------------- */

static const char *const dim_names[SP_BY_COUNT] = {"unit", "sentence_length", "risk_areas",
						   "sentence_type", "municipality", "supervision",
						   "release_month"};

const char *sp_dimension_name(sp_dimension d) { return dim_names[d]; }

int sp_dimension_parse(const char *s)
{
	for (int i = 0; i < SP_BY_COUNT; i++)
		if (strcmp(s, dim_names[i]) == 0)
			return i;
	return -1;
}

/* A value cut short by snprintf may end inside a UTF-8 character: cut it back to whole
 * characters, so that a key is still text (jansson takes only UTF-8 strings). */
static void whole_chars(char *buf)
{
	size_t n = strlen(buf), i = n;
	while (i > 0 && n - i < 3 && ((unsigned char)buf[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return;
	unsigned char lead = (unsigned char)buf[i - 1];
	size_t len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (n - (i - 1) < len)
		buf[i - 1] = '\0';
}

/* The value of dimension d from what was read of the case once. */
static void value_of(sp_dimension d, const sp_case_info *info, const json_t *sent, bool screened,
		     int risk, char *buf, size_t size)
{
	switch (d) {
	case SP_BY_UNIT:
		snprintf(buf, size, "%s", info->unit_id ? info->unit_id : "");
		break;
	case SP_BY_SENTENCE_LENGTH:
		if (!info->has_release)
			snprintf(buf, size, "no release date");
		else {
			int32_t len = sp_date_diff(info->start, info->release);
			snprintf(buf, size, "%s", len < 90 ? "under 3 months" : len <= 365 ? "3-12 months" : "over 12 months");
		}
		break;
	case SP_BY_RISK_AREAS:
		snprintf(buf, size, "%s", !screened ? "not screened" : risk == 0 ? "0" : risk <= 2 ? "1-2" : risk <= 4 ? "3-4" : "5+");
		break;
	case SP_BY_SENTENCE_TYPE:
		snprintf(buf, size, "%s", json_string_value(json_object_get(sent, "type")));
		break;
	case SP_BY_MUNICIPALITY:
		snprintf(buf, size, "%s %s", info->municipality ? info->municipality : "",
			 info->municipality_name ? info->municipality_name : "");
		break;
	case SP_BY_SUPERVISION:
		snprintf(buf, size, "%s", info->supervision_after_release ? "yes" : "no");
		break;
	case SP_BY_RELEASE_MONTH: {
		char date[SP_DATE_BUFSIZE];
		if (info->has_release)
			snprintf(buf, size, "%.7s", sp_date_format(info->release, date));
		else
			snprintf(buf, size, "no release date");
		break;
	}
	default:
		buf[0] = '\0';
	}
	whole_chars(buf);
}

const char *sp_dimension_value(sp_dimension d, const json_t *c, const sp_handover_check *h,
			       char *buf, size_t size)
{
	value_of(d, &h->a.info, json_object_get(c, "sentence"), json_is_object(json_object_get(c, "screening")),
		 h->a.risk_areas, buf, size);
	return buf;
}

/* --- breakdowns: groups by key ------------------------------------------------------- */

typedef struct {
	char *key;
	sp_counters *k;
} group;

struct sp_breakdown {
	sp_dimension dims[SP_BY_COUNT];
	size_t ndims;
	group *g;
	size_t n, cap;
	size_t *index; /* open addressing over g: position + 1 */
	size_t slots;
	bool sorted; /* g is in key order */
	bool stale;  /* sorting moved the groups: the index does not point at them */
};

sp_breakdown *sp_breakdown_new(const sp_dimension *dims, size_t ndims)
{
	sp_breakdown *b = sp_xcalloc(1, sizeof *b);
	if (ndims)
		memcpy(b->dims, dims, ndims * sizeof *dims);
	b->ndims = ndims;
	b->slots = 64;
	b->index = sp_xcalloc(b->slots, sizeof *b->index);
	return b;
}

void sp_breakdown_free(sp_breakdown *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->n; i++) {
		free(b->g[i].key);
		free(b->g[i].k);
	}
	free(b->g);
	free(b->index);
	free(b);
}

size_t sp_breakdown_dims(const sp_breakdown *b, const sp_dimension **dims)
{
	*dims = b->dims;
	return b->ndims;
}

static uint64_t hash_str(const char *s)
{
	uint64_t h = 0xcbf29ce484222325ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
	return h;
}

static void reindex(sp_breakdown *b)
{
	free(b->index);
	while (b->slots < 2 * b->n + 2)
		b->slots *= 2;
	b->index = sp_xcalloc(b->slots, sizeof *b->index);
	for (size_t i = 0; i < b->n; i++) {
		size_t j = hash_str(b->g[i].key) & (b->slots - 1);
		while (b->index[j])
			j = (j + 1) & (b->slots - 1);
		b->index[j] = i + 1;
	}
}

/* The slot of key in b's index: the one that holds it, or the empty one where it would go. */
static size_t slot_of(sp_breakdown *b, const char *key)
{
	if (b->stale) {
		reindex(b);
		b->stale = false;
	}
	size_t j = hash_str(key) & (b->slots - 1);
	while (b->index[j] && strcmp(b->g[b->index[j] - 1].key, key) != 0)
		j = (j + 1) & (b->slots - 1);
	return j;
}

sp_counters *sp_breakdown_group(sp_breakdown *b, const char *key)
{
	size_t j = slot_of(b, key);
	if (b->index[j])
		return b->g[b->index[j] - 1].k;
	if (b->n == b->cap) {
		b->cap = b->cap ? 2 * b->cap : 16;
		b->g = sp_xrealloc(b->g, b->cap * sizeof *b->g);
	}
	b->g[b->n] = (group){sp_xstrdup(key), sp_xcalloc(1, sizeof(sp_counters))};
	b->index[j] = ++b->n;
	b->sorted = false;
	if (2 * b->n + 2 > b->slots)
		reindex(b);
	return b->g[b->n - 1].k;
}

void sp_case_keys_get(const json_t *c, const sp_handover_check *h, sp_case_keys *out)
{
	const json_t *sent = json_object_get(c, "sentence");
	bool screened = json_is_object(json_object_get(c, "screening"));
	for (int d = 0; d < SP_BY_COUNT; d++)
		value_of((sp_dimension)d, &h->a.info, sent, screened, h->a.risk_areas, out->v[d], sizeof out->v[d]);
}

void sp_breakdown_add_counts(sp_breakdown *b, const sp_case_keys *keys, const sp_case_counts *cc)
{
	sp_breakdown_add_in(b, NULL, keys, cc);
}

void sp_breakdown_add_in(sp_breakdown *b, const char *period, const sp_case_keys *keys,
			 const sp_case_counts *cc)
{
	char key[1024] = "";
	if (period)
		snprintf(key, sizeof key, "%s%c", period, SP_PERIOD_SEP);
	for (size_t i = 0; i < b->ndims; i++) {
		if (i)
			strncat(key, "\x1f", sizeof key - strlen(key) - 1);
		strncat(key, keys->v[b->dims[i]], sizeof key - strlen(key) - 1);
	}
	sp_counters_add_counts(sp_breakdown_group(b, key), cc);
}

long sp_case_periods(const json_t *c, const sp_series *s, sp_date as_of, const sp_rules *rules,
		     const sp_agencies *reg, int days, sp_period_counts *out, sp_handover_check *h)
{
	sp_case_info info;
	if (!sp_case_info_get(c, &info))
		return 0;
	size_t np = s->kind ? sp_series_count(s) : 1;
	long n = 0;
	for (size_t p = 0; p < np; p++) {
		sp_period_counts *pc = &out[n];
		sp_date from = SP_DATE_MIN, to = as_of;
		if (s->kind)
			sp_series_period(s, p, &from, &to, NULL);
		if (!sp_case_in_period(&info, from, to))
			continue;
		json_t *view = sp_case_as_of(c, to);
		sp_check_handovers(view, rules, reg, to, days, h);
		bool ok = sp_handover_dates_ok(h, NULL, NULL);
		if (ok) {
			pc->period[0] = '\0';
			if (s->kind)
				sp_series_period(s, p, &from, &to, pc->period);
			if (n == 0) {
				sp_case_keys_get(view, h, &pc->keys);
			} else { /* of the keys only the risk areas change as the case goes on */
				pc->keys = out[n - 1].keys;
				value_of(SP_BY_RISK_AREAS, &h->a.info, NULL,
					 json_is_object(json_object_get(view, "screening")), h->a.risk_areas,
					 pc->keys.v[SP_BY_RISK_AREAS], sizeof pc->keys.v[SP_BY_RISK_AREAS]);
			}
			sp_case_counts_in(view, h, from, to, &pc->cc);
			n++;
		}
		json_decref(view);
		if (!ok)
			return -1;
	}
	return n;
}

void sp_breakdown_add_period(sp_breakdown *b, const sp_period_counts *pc, bool series)
{
	sp_breakdown_add_in(b, series ? pc->period : NULL, &pc->keys, &pc->cc);
}

void sp_breakdown_add(sp_breakdown *b, const json_t *c, const sp_handover_check *h, sp_date as_of)
{
	sp_case_keys keys;
	sp_case_counts cc;
	sp_case_keys_get(c, h, &keys);
	sp_case_counts_get(c, h, as_of, &cc);
	sp_breakdown_add_counts(b, &keys, &cc);
}

void sp_breakdown_merge(sp_breakdown *b, const sp_breakdown *o)
{
	for (size_t i = 0; i < o->n; i++)
		sp_counters_merge(sp_breakdown_group(b, o->g[i].key), o->g[i].k);
}

static int by_key(const void *pa, const void *pb)
{
	return strcmp(((const group *)pa)->key, ((const group *)pb)->key);
}

size_t sp_breakdown_count(sp_breakdown *b)
{
	if (!b->sorted) {
		if (b->n)
			qsort(b->g, b->n, sizeof *b->g, by_key);
		b->sorted = true;
		b->stale = true;
	}
	return b->n;
}

long sp_breakdown_find(sp_breakdown *b, const char *key)
{
	sp_breakdown_count(b); /* sorted first: the index then points into key order */
	size_t j = slot_of(b, key);
	return b->index[j] ? (long)b->index[j] - 1 : -1;
}

const char *sp_breakdown_full_key(sp_breakdown *b, size_t i) { return sp_breakdown_count(b) > i ? b->g[i].key : NULL; }

const char *sp_breakdown_key(sp_breakdown *b, size_t i)
{
	const char *key = sp_breakdown_full_key(b, i), *sep = key ? strchr(key, SP_PERIOD_SEP) : NULL;
	return sep ? sep + 1 : key;
}

const char *sp_breakdown_period(sp_breakdown *b, size_t i, char buf[SP_PERIOD_LABEL])
{
	const char *key = sp_breakdown_full_key(b, i), *sep = key ? strchr(key, SP_PERIOD_SEP) : NULL;
	if (!sep)
		return NULL;
	snprintf(buf, SP_PERIOD_LABEL, "%.*s", (int)(sep - key), key);
	return buf;
}
const sp_counters *sp_breakdown_counters(sp_breakdown *b, size_t i) { return sp_breakdown_count(b) > i ? b->g[i].k : NULL; }

/* --- the indicators ------------------------------------------------------------------ */

#define STOCK false
#define FLOW true

/* The headline first: of the people released, those whose every need was handed over. */
static const sp_indicator indicators[] = {
    {"released_every_need_handed_over", "people released in the period (with needs, or not screened) whose every need had a handover confirmed by release day", C_RELEASED_HANDED_OVER, C_RELEASED_WITH_NEEDS, 0, FLOW},
    {"released_every_need_in_place", "of the same people, those whose every need was handed over by release and had its follow-up start at most the rules' starts_late_days after it", C_RELEASED_IN_PLACE, C_RELEASED_WITH_NEEDS, 0, FLOW},
    {"handover_confirmed_by_release", "needs of people released in the period whose handover was confirmed by release", C_CONFIRMED_BY_RELEASE, C_NEEDS_RELEASED, 0, FLOW},
    {"follow_up_in_place_by_release", "needs of people released in the period whose handover was confirmed by release and whose follow-up started at most the rules' starts_late_days after it", C_FOLLOW_UP_IN_PLACE, C_NEEDS_RELEASED, 0, FLOW},
    {"screened", "sentences started in the period that have a screening", C_SCREENED, C_STARTED, 0, FLOW},
    {"screened_timely", "of those, screenings within the timeliness limit of the sentence start", C_TIMELY, C_SCREENED, 0, FLOW},
    {"risk_areas_0", "of the screened, cases with no need", C_RISK0, C_SCREENED, 0, FLOW},
    {"risk_areas_1", "of the screened, cases with 1 need", C_RISK1, C_SCREENED, 0, FLOW},
    {"risk_areas_2", "of the screened, cases with 2 needs", C_RISK2, C_SCREENED, 0, FLOW},
    {"risk_areas_3", "of the screened, cases with 3 needs", C_RISK3, C_SCREENED, 0, FLOW},
    {"risk_areas_4", "of the screened, cases with 4 needs", C_RISK4, C_SCREENED, 0, FLOW},
    {"risk_areas_5", "of the screened, cases with 5 needs", C_RISK5, C_SCREENED, 0, FLOW},
    {"risk_areas_6", "of the screened, cases with 6 needs", C_RISK6, C_SCREENED, 0, FLOW},
    {"risk_areas_7", "of the screened, cases with 7 needs", C_RISK7, C_SCREENED, 0, FLOW},
    {"risk_areas_8", "of the screened, cases with 8 needs", C_RISK8, C_SCREENED, 0, FLOW},
    {"ip_indicated", "screened cases of the period's caseload whose needs call for an individual plan", C_IP, C_CASELOAD_SCREENED, 0, STOCK},
    {"ip_requested", "of those, an IP requested (or in progress, or established)", C_IP_REQUESTED, C_IP, 0, STOCK},
    {"ip_established", "of those, an IP established", C_IP_ESTABLISHED, C_IP, 0, STOCK},
    {"coordinator_appointed", "of those, a coordinator appointed", C_COORDINATOR, C_IP, 0, STOCK},
    {"median_days_to_coordinator", "median days from sentence start to the appointment of the coordinators appointed in the period", 0, -1, H_DAYS_TO_COORDINATOR, FLOW},
    {"group_established", "of cases with an IP indicated, a responsibility group established", C_GROUP, C_IP, 0, STOCK},
    {"group_met_before_release", "of cases with an IP indicated and a release date, the group met on or before release", C_MET, C_IP_WITH_RELEASE, 0, STOCK},
    {"handover_confirmed_by_deadline", "needs (of cases with a release date) whose handover was confirmed by the deadline", C_CONFIRMED_BY_DEADLINE, C_NEEDS_WITH_RELEASE, 0, STOCK},
    {"median_days_to_confirmation", "median days from a handover request to its confirmation, of the confirmations in the period", 0, -1, H_DAYS_TO_CONFIRMATION, FLOW},
    {"letters_answered_in_time", "letters whose respond_by falls in the period that were answered by respond_by", C_LETTERS_ANSWERED, C_LETTERS_DUE, 0, FLOW},
    {"needs_with_consent", "needs with consent for the recipient at the period's end", C_NEEDS_CONSENT, C_NEEDS, 0, STOCK},
};

const sp_indicator *sp_indicators(size_t *n)
{
	*n = sizeof indicators / sizeof *indicators;
	return indicators;
}

/* --- partials ------------------------------------------------------------------------ */

static json_t *counters_json(const sp_counters *k)
{
	json_t *o = json_object(), *c = json_object(), *hs = json_object();
	for (int i = 0; i < C_COUNT; i++)
		json_object_set_new(c, counter_names[i], json_integer((json_int_t)k->c[i]));
	for (int h = 0; h < H_COUNT; h++) {
		json_t *bins = json_object();
		for (int d = 0; d <= SP_HIST_DAYS; d++) {
			if (!k->h[h][d])
				continue;
			char day[16];
			snprintf(day, sizeof day, "%d", d);
			json_object_set_new(bins, day, json_integer((json_int_t)k->h[h][d]));
		}
		json_object_set_new(hs, hist_names[h], bins);
	}
	json_object_set_new(o, "counters", c);
	json_object_set_new(o, "histograms", hs);
	return o;
}

static json_t *by_json(const sp_breakdown *b)
{
	json_t *by = json_array();
	for (size_t i = 0; i < b->ndims; i++)
		json_array_append_new(by, json_string(dim_names[b->dims[i]]));
	return by;
}

json_t *sp_partial_json(sp_breakdown *const *b, size_t nb, sp_date as_of, int days)
{
	char date[SP_DATE_BUFSIZE];
	json_t *doc = json_pack("{s:i, s:s, s:s, s:i}", "samplan", 1, "kind", "indicators_partial",
				"as_of", sp_date_format(as_of, date), "days", days);
	json_t *bds = json_array();
	for (size_t i = 0; i < nb; i++) {
		json_t *groups = json_array();
		for (size_t g = 0; g < sp_breakdown_count(b[i]); g++) {
			json_t *gj = counters_json(sp_breakdown_counters(b[i], g));
			json_object_set_new(gj, "key", json_string(sp_breakdown_full_key(b[i], g)));
			json_array_append_new(groups, gj);
		}
		json_array_append_new(bds, json_pack("{s:o, s:o}", "by", by_json(b[i]), "groups", groups));
	}
	json_object_set_new(doc, "breakdowns", bds);
	return doc;
}

/* The day of a histogram bin as sp_partial_json writes it: "0" … "731", digits only. */
static bool bin_day(const char *s, int *day)
{
	int d = 0;
	if (!*s || strlen(s) > 3)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return false;
		d = 10 * d + (*s - '0');
	}
	*day = d;
	return d <= SP_HIST_DAYS;
}

/* The largest count a partial can write (as a JSON integer) and read back. */
#define COUNT_MAX ((uint64_t)INT64_MAX)

/* *sum += n, unless that passes COUNT_MAX (*sum is at most COUNT_MAX). */
static bool add_count(uint64_t *sum, uint64_t n)
{
	if (n > COUNT_MAX - *sum)
		return false;
	*sum += n;
	return true;
}

/* Whether k + o can still be counted and written: every counter, and the total of every
 * histogram (the medians add its bins up), at most COUNT_MAX. */
static bool counters_fit(const sp_counters *k, const sp_counters *o)
{
	for (int i = 0; i < C_COUNT; i++) {
		uint64_t sum = k->c[i];
		if (!add_count(&sum, o->c[i]))
			return false;
	}
	for (int h = 0; h < H_COUNT; h++) {
		uint64_t total = 0;
		for (int d = 0; d <= SP_HIST_DAYS; d++)
			if (!add_count(&total, k->h[h][d]) || !add_count(&total, o->h[h][d]))
				return false;
	}
	return true;
}

enum { GROUP_OK, GROUP_BAD, GROUP_TOO_MANY };

/* Read a group of a partial into k (zeroed): every counter and both histograms there,
 * each count an integer ≥ 0, each bin a day; GROUP_TOO_MANY when a histogram's bins
 * together pass COUNT_MAX. */
static int counters_read(sp_counters *k, const json_t *gj)
{
	const json_t *c = json_object_get(gj, "counters"), *hs = json_object_get(gj, "histograms");
	if (!json_is_object(c) || !json_is_object(hs))
		return GROUP_BAD;
	for (int i = 0; i < C_COUNT; i++) {
		const json_t *v = json_object_get(c, counter_names[i]);
		if (!json_is_integer(v) || json_integer_value(v) < 0)
			return GROUP_BAD;
		k->c[i] = (uint64_t)json_integer_value(v);
	}
	for (int h = 0; h < H_COUNT; h++) {
		json_t *bins = json_object_get(hs, hist_names[h]), *v;
		const char *day;
		uint64_t total = 0;
		if (!json_is_object(bins))
			return GROUP_BAD;
		json_object_foreach(bins, day, v) {
			int d;
			if (!bin_day(day, &d) || !json_is_integer(v) || json_integer_value(v) < 0)
				return GROUP_BAD;
			/* "7" and "007" are the same day: both go into its bin */
			if (!add_count(&total, (uint64_t)json_integer_value(v)))
				return GROUP_TOO_MANY;
			k->h[h][d] += (uint64_t)json_integer_value(v);
		}
	}
	return GROUP_OK;
}

/* The groups of one breakdown of a partial, read into tmp (same dimensions), checked to
 * fit with what b holds already. NULL, or the reason the partial is refused. */
static const char *groups_read(sp_breakdown *tmp, sp_breakdown *b, const json_t *groups)
{
	static const char too_many[] = "the counts of this partial, added to those before it, "
				       "pass 9223372036854775807; a partial of real cases never "
				       "counts so many (it was changed or damaged)";
	sp_counters *one = sp_xmalloc(sizeof *one);
	const char *why = NULL;
	for (size_t g = 0; g < json_array_size(groups) && !why; g++) {
		const json_t *gj = json_array_get(groups, g);
		memset(one, 0, sizeof *one);
		int rc = json_is_string(json_object_get(gj, "key")) ? counters_read(one, gj) : GROUP_BAD;
		if (rc == GROUP_BAD) {
			why = "a group of the partial has missing or negative counters";
			break;
		}
		sp_counters *k = sp_breakdown_group(tmp, json_string_value(json_object_get(gj, "key")));
		if (rc == GROUP_TOO_MANY || !counters_fit(k, one))
			why = too_many;
		else
			sp_counters_merge(k, one);
	}
	for (size_t i = 0; i < tmp->n && !why; i++) {
		size_t j = slot_of(b, tmp->g[i].key);
		if (b->index[j] && !counters_fit(b->g[b->index[j] - 1].k, tmp->g[i].k))
			why = too_many;
	}
	free(one);
	return why;
}

/* The breakdown of partial p with the dimensions of b, or NULL. */
static const json_t *partial_breakdown(const json_t *p, const sp_breakdown *b)
{
	const json_t *bds = json_object_get(p, "breakdowns"), *found = NULL;
	json_t *want = by_json(b);
	for (size_t j = 0; j < json_array_size(bds) && !found; j++)
		if (json_equal(json_object_get(json_array_get(bds, j), "by"), want))
			found = json_array_get(bds, j);
	json_decref(want);
	return found;
}

bool sp_partial_add(sp_breakdown *const *b, size_t nb, const json_t *p, sp_date as_of, int days,
		    const char **why)
{
	const char *kind = json_string_value(json_object_get(p, "kind"));
	const char *date = json_string_value(json_object_get(p, "as_of"));
	const json_t *pdays = json_object_get(p, "days");
	sp_date d;
	if (!kind || strcmp(kind, "indicators_partial") != 0) {
		*why = "this is not a partial result (kind: indicators_partial) of samplan-indicators --partial";
		return false;
	}
	if (!date || !sp_date_parse(date, &d) || d != as_of || !json_is_integer(pdays) ||
	    json_integer_value(pdays) != days) {
		*why = "the partial was made with another --as-of or --days; give the same to --combine";
		return false;
	}
	/* read all of it first: a partial that does not fit adds nothing */
	sp_breakdown **tmp = sp_xcalloc(nb ? nb : 1, sizeof *tmp);
	*why = NULL;
	for (size_t i = 0; i < nb && !*why; i++) {
		tmp[i] = sp_breakdown_new(b[i]->dims, b[i]->ndims);
		const json_t *found = partial_breakdown(p, b[i]);
		const json_t *groups = json_object_get(found, "groups");
		if (!found)
			*why = "the partial lacks a breakdown asked for; make the partials with the same --by";
		else if (!json_is_array(groups))
			*why = "a breakdown of the partial has no groups (missing counters)";
		else
			*why = groups_read(tmp[i], b[i], groups);
	}
	for (size_t i = 0; i < nb && !*why; i++)
		sp_breakdown_merge(b[i], tmp[i]);
	for (size_t i = 0; i < nb; i++)
		sp_breakdown_free(tmp[i]);
	free(tmp);
	return !*why;
}
