/* SPDX-License-Identifier: MIT */
/* merge.c — matching goals and measures across plans, and the findings
 * (samplan-plan-merge(1) explains every rule). */
#include "domain/merge.h"
#include "domain/screen.h"
#include "base/util.h"

#include <stdlib.h>
#include <string.h>

/* The length of the UTF-8 sequence at p: its lead byte's length, cut short at the first
 * byte that does not continue it (so a broken sequence never reads past the end). */
static size_t utf8_len(const unsigned char *p, bool *whole)
{
	size_t len = (*p & 0xE0) == 0xC0 ? 2 : (*p & 0xF0) == 0xE0 ? 3 : (*p & 0xF8) == 0xF0 ? 4 : 1;
	size_t k = 1;
	while (k < len && (p[k] & 0xC0) == 0x80)
		k++;
	*whole = k == len;
	return k;
}

/* What the character at p (adv bytes long, whole unless broken) becomes in a key: NULL
 * when it separates words, "" when it is dropped, else the letters it folds to. A letter
 * that stays as it is has its length put in *rlen; `one` holds a single ASCII letter. */
static const char *fold_char(const unsigned char *p, size_t adv, bool whole, char one[2], size_t *rlen)
{
	unsigned cp = !whole ? 0 : adv == 2 ? ((p[0] & 0x1Fu) << 6) | (p[1] & 0x3Fu)
		      : adv == 3 ? ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu)
				 : 0;
	if (adv == 2 && cp >= 0xC0 && cp <= 0xFF) { /* Latin-1 letters: the Norwegian ones, and accents */
		static const char *const fold[64] = {
		    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
		    "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "ss",
		    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
		    "d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "y"};
		return fold[cp - 0xC0]; /* × and ÷ separate, like punctuation */
	}
	if (adv == 2 && cp >= 0x80 && cp <= 0xBF) {
		/* Latin-1 punctuation: no-break space, « », §, … separate; a soft hyphen
		 * is invisible and dropped */
		return cp == 0xAD ? "" : NULL;
	}
	if (adv == 2 && cp >= 0x300 && cp <= 0x36F)
		return ""; /* a combining accent (decomposed é, å): dropped, like the accent of é */
	if (adv == 3 && cp >= 0x2000 && cp <= 0x206F) {
		/* general punctuation: dashes, typographic quotes, the spaces of word
		 * processors; the zero-width ones are dropped */
		return (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060 ? "" : NULL;
	}
	if (adv == 3 && cp == 0xFEFF)
		return ""; /* zero-width no-break space (a byte-order mark) */
	if (*p >= 0x80) { /* other letters stay as they are */
		*rlen = adv;
		return (const char *)p;
	}
	if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9')) {
		one[0] = (char)*p;
		return one;
	}
	if (*p >= 'A' && *p <= 'Z') {
		one[0] = (char)(*p - 'A' + 'a');
		return one;
	}
	return NULL;
}

char *sp_normalise(const char *text, char *out, size_t size)
{
	if (!size)
		return out;
	size_t n = 0;
	bool space = false;
	for (const unsigned char *p = (const unsigned char *)text; *p;) {
		char one[2] = {0, 0};
		size_t rlen = 0;
		bool whole;
		size_t adv = utf8_len(p, &whole);
		const char *rep = fold_char(p, adv, whole, one, &rlen);
		p += adv;
		if (!rep) { /* punctuation and space separate words */
			space = true;
			continue;
		}
		if (!rlen)
			rlen = strlen(rep);
		if (!rlen)
			continue;
		size_t sep = space && n ? 1 : 0;
		if (n + sep + rlen >= size) /* only whole letters, and room for the end */
			break;
		if (sep)
			out[n++] = ' ';
		space = false;
		memcpy(out + n, rep, rlen);
		n += rlen;
	}
	out[n] = '\0';
	return out;
}

/* --- building the merged plan --------------------------------------------------------
 * Three passes: match every goal and measure of every plan (plans in a fixed order, so the
 * input order does not matter); number the merged items (domains in the canonical order);
 * then settle each field and note every disagreement. */

typedef struct {
	const char *plan, *item;
	sp_date updated;
	const json_t *node; /* the measure in its plan */
	bool ip;            /* it comes from an individual plan */
} contrib;

typedef struct {
	char key[256];
	contrib *c;
	size_t nc, capc;
	json_t *node;
} mmeasure;

typedef struct {
	int domain; /* sp_domain, or SP_DOMAIN_COUNT for `other` */
	size_t met; /* the order first met, which decides the order within a domain */
	char key[256];
	json_t *sources;
	const json_t *text;
	mmeasure *m;
	size_t nm, capm;
	json_t *node;
} mgoal;

typedef struct {
	mgoal *g;
	size_t ng, capg;
	json_t *findings;
	const sp_merge_opts *o;
} merger;

#define GROW(arr, n, cap, init)                                                                  \
	do {                                                                                     \
		if ((n) == (cap)) {                                                              \
			(cap) = (cap) ? 2 * (cap) : (init);                                      \
			(arr) = sp_xrealloc((arr), (cap) * sizeof *(arr));                       \
		}                                                                                \
	} while (0)

static json_t *source(const char *plan, const char *item)
{
	return json_pack("{s:s, s:s}", "plan", plan, "item", item);
}

static void finding(merger *mg, const char *name, const char *text, const mgoal *g,
		    const mmeasure *m, json_t *items, json_t *extra)
{
	json_t *f = json_pack("{s:s, s:s}", "finding", name, "text", text);
	if (g)
		json_object_set(f, "goal", json_object_get(g->node, "id"));
	if (m)
		json_object_set(f, "measure", json_object_get(m->node, "id"));
	if (items)
		json_object_set_new(f, "items", items);
	if (extra) {
		json_object_update(f, extra);
		json_decref(extra);
	}
	json_array_append_new(mg->findings, f);
}

static mgoal *goal_for(merger *mg, int domain, const char *key)
{
	for (size_t i = 0; i < mg->ng; i++)
		if (mg->g[i].domain == domain && strcmp(mg->g[i].key, key) == 0)
			return &mg->g[i];
	GROW(mg->g, mg->ng, mg->capg, 16);
	mgoal *g = &mg->g[mg->ng++];
	memset(g, 0, sizeof *g);
	g->domain = domain;
	g->met = mg->ng - 1;
	g->sources = json_array();
	snprintf(g->key, sizeof g->key, "%s", key);
	return g;
}

static void add_measure(mgoal *g, const json_t *meas, const char *plan, sp_date updated, bool ip)
{
	char key[256];
	sp_normalise(json_string_value(json_object_get(meas, "text")), key, sizeof key);
	mmeasure *m = NULL;
	for (size_t i = 0; i < g->nm && !m; i++)
		if (strcmp(g->m[i].key, key) == 0)
			m = &g->m[i];
	if (!m) {
		GROW(g->m, g->nm, g->capm, 8);
		m = &g->m[g->nm++];
		memset(m, 0, sizeof *m);
		snprintf(m->key, sizeof m->key, "%s", key);
	}
	GROW(m->c, m->nc, m->capc, 4);
	m->c[m->nc++] = (contrib){plan, json_string_value(json_object_get(meas, "id")), updated, meas, ip};
}

/* Plans in the order that decides ties: the individual plan first, then by id. */
static int plan_order(const void *pa, const void *pb)
{
	const json_t *a = *(json_t *const *)pa, *b = *(json_t *const *)pb;
	const char *ta = json_string_value(json_object_get(a, "type"));
	const char *tb = json_string_value(json_object_get(b, "type"));
	bool ia = ta && strcmp(ta, "individual_plan") == 0, ib = tb && strcmp(tb, "individual_plan") == 0;
	if (ia != ib)
		return ia ? -1 : 1;
	return strcmp(json_string_value(json_object_get(a, "id")), json_string_value(json_object_get(b, "id")));
}

/* What makes goals of different plans the same goal: the domain (SP_DOMAIN_COUNT for none)
 * is returned, the text as sp_normalise() gives it is put in key. */
static int goal_key(const json_t *goal, char *key, size_t size)
{
	int d = sp_domain_parse(json_string_value(json_object_get(goal, "domain")));
	sp_normalise(json_string_value(json_object_get(goal, "text")), key, size);
	return d < 0 ? SP_DOMAIN_COUNT : d;
}

/* The field as it was in the base version of one plan (the base plan with the same id)
 * for this measure; *found says whether that base plan has the measure at all. Each side
 * is compared with its own base, so a disagreement already in the base is still one. */
static const json_t *base_value(const merger *mg, const char *plan_id, const mgoal *g,
				const mmeasure *m, const char *field, bool *found)
{
	*found = false;
	const json_t *plans = mg->o->base_plans;
	for (size_t p = 0; p < json_array_size(plans); p++) {
		const json_t *plan = json_array_get(plans, p);
		const char *id = json_string_value(json_object_get(plan, "id"));
		if (!id || !plan_id || strcmp(id, plan_id) != 0)
			continue;
		const json_t *goals = json_object_get(plan, "goals");
		for (size_t i = 0; i < json_array_size(goals); i++) {
			const json_t *goal = json_array_get(goals, i);
			char k[256];
			if (goal_key(goal, k, sizeof k) != g->domain || strcmp(k, g->key) != 0)
				continue;
			const json_t *ms = json_object_get(goal, "measures");
			for (size_t j = 0; j < json_array_size(ms); j++) {
				const json_t *meas = json_array_get(ms, j);
				sp_normalise(json_string_value(json_object_get(meas, "text")), k, sizeof k);
				if (strcmp(k, m->key) == 0) {
					*found = true;
					return json_object_get(meas, field);
				}
			}
		}
		return NULL; /* plan ids are unique: the first with the id is the one */
	}
	return NULL;
}

static bool present(const json_t *v) { return v && !json_is_null(v); }

static bool same_value(const json_t *a, const json_t *b)
{
	return present(a) && present(b) ? json_equal(a, b) : present(a) == present(b);
}

/* With base plans: which side of a disagreement over the field changed it since its own
 * base (a side whose base has no such measure changed it). Returns the contribution to
 * hold when only one side changed it, else m->nc: a true disagreement. */
static size_t changed_side(const merger *mg, const mgoal *g, const mmeasure *m, const char *field,
			   size_t held, size_t i)
{
	bool held_in = false, i_in = false;
	const json_t *held_base = base_value(mg, m->c[held].plan, g, m, field, &held_in);
	const json_t *i_base = base_value(mg, m->c[i].plan, g, m, field, &i_in);
	bool held_changed = !held_in || !same_value(json_object_get(m->c[held].node, field), held_base);
	bool i_changed = !i_in || !same_value(json_object_get(m->c[i].node, field), i_base);
	if (!held_changed && i_changed) /* only the later plan changed it */
		return i;
	if (held_changed && !i_changed) /* only the held one changed it */
		return held;
	return m->nc;
}

/* Note that the held contribution and contribution i give the field different values;
 * returns the one whose value is kept. */
static size_t differs(merger *mg, const mgoal *g, const mmeasure *m, const char *field, size_t held,
		      size_t i)
{
	bool status = strcmp(field, "status") == 0;
	size_t winner = status && m->c[i].updated > m->c[held].updated ? i : held;
	json_t *items = json_array();
	size_t pair[2] = {held, i};
	for (int k = 0; k < 2; k++) {
		json_t *it = source(m->c[pair[k]].plan, m->c[pair[k]].item);
		json_object_set(it, "value", json_object_get(m->c[pair[k]].node, field));
		json_array_append_new(items, it);
	}
	char name[64], text[200];
	snprintf(name, sizeof name, "%s_differs", field);
	/* say truly why the kept value won */
	const char *why;
	if (status && m->c[i].updated != m->c[held].updated) {
		why = "updated last";
		snprintf(text, sizeof text, "the plans give this measure different statuses; "
					    "the plan updated last wins");
	} else if (m->c[winner].ip) {
		why = "individual plan first";
		snprintf(text, sizeof text, "the plans give this measure a different `%s`; the "
					    "individual plan's is kept (the municipality leads) — "
					    "agree on one", field);
	} else {
		why = "first plan by id";
		snprintf(text, sizeof text, "the plans give this measure a different `%s`; with "
					    "no individual plan to lead, the first plan's by id is "
					    "kept — agree on one", field);
	}
	finding(mg, name, text, g, m, items, json_pack("{s:s, s:s}", "kept", m->c[winner].plan, "why", why));
	return winner;
}

/* Settle one field of a merged measure from its contributions. */
static void settle(merger *mg, const mgoal *g, mmeasure *m, const char *field)
{
	size_t held = m->nc; /* the contribution whose value is held */
	for (size_t i = 0; i < m->nc; i++) {
		const json_t *v = json_object_get(m->c[i].node, field);
		if (!present(v))
			continue;
		if (held == m->nc) {
			held = i;
			continue;
		}
		if (json_equal(json_object_get(m->c[held].node, field), v))
			continue;
		size_t side = mg->o->base_plans ? changed_side(mg, g, m, field, held, i) : m->nc;
		held = side < m->nc ? side : differs(mg, g, m, field, held, i);
	}
	if (held < m->nc)
		json_object_set(m->node, field, json_object_get(m->c[held].node, field));
}

/* Goals in the canonical domain order (`other` last), as first met within a domain. */
static int goal_order(const void *pa, const void *pb)
{
	const mgoal *a = pa, *b = pb;
	if (a->domain != b->domain)
		return a->domain - b->domain;
	return a->met < b->met ? -1 : a->met > b->met; /* qsort is not stable */
}

static void add_extra(json_t *plans, json_t *extra)
{
	json_t *plan = json_deep_copy(extra);
	json_object_del(plan, "samplan");
	json_object_del(plan, "kind");
	json_object_del(plan, "case");
	const char *id = json_string_value(json_object_get(plan, "id"));
	for (size_t i = 0; i < json_array_size(plans); i++) {
		if (strcmp(json_string_value(json_object_get(json_array_get(plans, i), "id")), id) == 0) {
			json_array_set_new(plans, i, plan);
			return;
		}
	}
	json_array_append_new(plans, plan);
}

static sp_date date_of(const json_t *o, const char *key)
{
	sp_date d = SP_DATE_MIN;
	const char *s = json_string_value(json_object_get(o, key));
	if (s)
		sp_date_parse(s, &d);
	return d;
}

/* The domains that are needs: from the case's assessment, else from its screening. */
static sp_domain_set needs_of(const json_t *c, const sp_merge_opts *o)
{
	sp_domain_set set = 0;
	const json_t *needs = json_object_get(json_object_get(c, "assessment"), "needs");
	if (json_is_array(needs)) {
		for (size_t i = 0; i < json_array_size(needs); i++) {
			int d = sp_domain_parse(json_string_value(json_object_get(json_array_get(needs, i), "domain")));
			if (d >= 0)
				set |= 1u << d;
		}
		return set;
	}
	sp_assessment a;
	sp_assess(c, o->rules, o->reg, o->as_of, &a);
	for (size_t i = 0; i < a.nneeds; i++)
		set |= 1u << a.needs[i].domain;
	return set;
}

static void other_findings(merger *mg, const json_t *c)
{
	sp_case_info info;
	sp_case_info_get(c, &info);
	sp_domain_set covered = 0;
	for (size_t i = 0; i < mg->ng; i++) {
		mgoal *g = &mg->g[i];
		if (g->domain < SP_DOMAIN_COUNT)
			covered |= 1u << g->domain;
		if (!g->nm)
			finding(mg, "goal_without_measures", "the goal has no measures; agree on what is "
							     "to be done, by whom and when", g, NULL, NULL, NULL);
		for (size_t j = 0; j < g->nm; j++) {
			mmeasure *m = &g->m[j];
			const char *st = json_string_value(json_object_get(m->node, "status"));
			if (st && (strcmp(st, "done") == 0 || strcmp(st, "cancelled") == 0))
				continue; /* finished: nobody needs to own it any more */
			const json_t *resp = json_object_get(m->node, "responsible");
			if (!present(resp)) {
				finding(mg, "no_responsible", "the measure has no one responsible; name the "
							      "agency that will do it", g, m, NULL, NULL);
				continue;
			}
			sp_date due = date_of(m->node, "due");
			/* a probation office that supervises after release can still act then */
			bool acts_after = info.unit_is_probation_office && info.supervision_after_release;
			if (!acts_after && info.has_release && info.unit_id &&
			    strcmp(json_string_value(resp), info.unit_id) == 0 && due != SP_DATE_MIN &&
			    due > info.release)
				finding(mg, "unit_due_after_release", "the correctional unit is responsible, "
								      "but the measure is due after release, "
								      "when the unit can no longer do it; "
								      "give it a new owner", g, m, NULL, NULL);
		}
	}
	sp_screening scr;
	sp_case_screening(c, &scr);
	/* a person who wants no follow-up gets no goals pressed on them */
	sp_domain_set uncovered = scr.present && !scr.wants_follow_up ? 0 : needs_of(c, mg->o) & ~covered;
	for (int d = 0; d < SP_DOMAIN_COUNT; d++) {
		if (!(uncovered & (1u << d)))
			continue;
		finding(mg, "need_not_covered", "a need from the assessment or the screening has no goal "
						"in any plan; add a goal for it", NULL, NULL, NULL,
			json_pack("{s:s}", "domain", sp_domain_name((sp_domain)d)));
	}
}

static const char *domain_label(int d) { return d < SP_DOMAIN_COUNT ? sp_domain_name((sp_domain)d) : "other"; }

/* The case's plans with the extra plans added (an extra replaces a plan with its id). */
static json_t *plans_with_extra(json_t *c, json_t *const *extra, size_t nextra)
{
	json_t *plans = json_object_get(c, "plans");
	if (!json_is_array(plans) && nextra) { /* a case without plans gets them only to add some */
		plans = json_array();
		json_object_set_new(c, "plans", plans);
	}
	for (size_t i = 0; i < nextra; i++)
		add_extra(plans, extra[i]);
	return plans;
}

/* The np plans in the order that decides ties (plan_order); the caller frees the array. */
static json_t **plans_in_order(const json_t *plans, size_t np)
{
	json_t **sorted = sp_xcalloc(np, sizeof *sorted);
	for (size_t i = 0; i < np; i++)
		sorted[i] = json_array_get(plans, i);
	if (np > 1)
		qsort(sorted, np, sizeof *sorted, plan_order);
	return sorted;
}

/* What the plans say of the merged plan as a whole. */
typedef struct {
	json_t *parts;     /* one entry a plan: its id, type, owner, period and update */
	sp_date updated;   /* the latest update of any plan */
	const char *owner; /* the owner of the first individual plan */
} plan_head;

/* The counts in the merge report, besides plans and goals. */
typedef struct {
	size_t matched_goals, measures, matched_measures;
} tally;

static json_t *plan_part(const json_t *plan, const char *pid, const char *type)
{
	json_t *part = json_pack("{s:s, s:s, s:O}", "plan", pid, "type", type ? type : "other", "owner",
				 json_object_get(plan, "owner"));
	static const char *const keep[] = {"period", "updated"};
	for (int k = 0; k < 2; k++)
		if (present(json_object_get(plan, keep[k])))
			json_object_set(part, keep[k], json_object_get(plan, keep[k]));
	return part;
}

static void match_goal(merger *mg, const json_t *goal, const char *pid, sp_date up, bool ip)
{
	char key[256];
	int domain = goal_key(goal, key, sizeof key);
	mgoal *g = goal_for(mg, domain, key);
	if (!g->text)
		g->text = json_object_get(goal, "text");
	json_array_append_new(g->sources, source(pid, json_string_value(json_object_get(goal, "id"))));
	const json_t *ms = json_object_get(goal, "measures");
	for (size_t j = 0; j < json_array_size(ms); j++)
		add_measure(g, json_array_get(ms, j), pid, up, ip);
}

/* Take one plan into the merge: its part of the whole, and every goal and measure matched. */
static void match_plan(merger *mg, plan_head *head, const json_t *plan)
{
	const char *pid = json_string_value(json_object_get(plan, "id"));
	const char *type = json_string_value(json_object_get(plan, "type"));
	bool ip = type && strcmp(type, "individual_plan") == 0;
	sp_date up = date_of(plan, "updated");
	if (up > head->updated)
		head->updated = up;
	if (!head->owner && ip)
		head->owner = json_string_value(json_object_get(plan, "owner"));
	json_array_append_new(head->parts, plan_part(plan, pid, type));
	const json_t *goals = json_object_get(plan, "goals");
	for (size_t i = 0; i < json_array_size(goals); i++)
		match_goal(mg, json_array_get(goals, i), pid, up, ip);
}

/* The merged measure numbered n of the goal goal_id, its fields settled. */
static json_t *merged_measure(merger *mg, const mgoal *g, mmeasure *m, const char *goal_id, size_t n)
{
	char mid[96];
	snprintf(mid, sizeof mid, "%s.%zu", goal_id, n);
	m->node = json_pack("{s:s, s:O}", "id", mid, "text", json_object_get(m->c[0].node, "text"));
	settle(mg, g, m, "responsible");
	settle(mg, g, m, "due");
	settle(mg, g, m, "status");
	json_t *src = json_array();
	for (size_t s = 0; s < m->nc; s++)
		json_array_append_new(src, source(m->c[s].plan, m->c[s].item));
	json_object_set_new(m->node, "sources", src);
	return m->node;
}

/* The merged goals, numbered within their domain (`housing-1`, …), with their measures. */
static json_t *merged_goals(merger *mg, tally *t)
{
	json_t *goals_out = json_array();
	for (size_t i = 0, k = 0; i < mg->ng; i++) {
		mgoal *g = &mg->g[i];
		k = i && mg->g[i - 1].domain == g->domain ? k + 1 : 1;
		char id[64];
		snprintf(id, sizeof id, "%s-%zu", domain_label(g->domain), k);
		g->node = json_pack("{s:s, s:s, s:O, s:o}", "id", id, "domain", domain_label(g->domain),
				    "text", g->text, "sources", g->sources);
		t->matched_goals += json_array_size(g->sources) > 1;
		json_t *ms = json_array();
		for (size_t j = 0; j < g->nm; j++) {
			json_array_append_new(ms, merged_measure(mg, g, &g->m[j], id, j + 1));
			t->measures++;
			t->matched_measures += g->m[j].nc > 1;
		}
		json_object_set_new(g->node, "measures", ms);
		json_array_append_new(goals_out, g->node);
	}
	return goals_out;
}

/* With no individual plan, the home municipality owns the merged plan if the registry has it. */
static const char *municipality_owner(merger *mg, const json_t *c)
{
	sp_case_info info;
	sp_case_info_get(c, &info);
	const sp_agency *m = mg->o->reg ? sp_agencies_municipality(mg->o->reg, info.municipality) : NULL;
	const char *owner = m ? m->id : NULL;
	if (!owner)
		finding(mg, "no_owner", "there is no individual plan and no home municipality in "
					"the agencies registry (--agencies): the plan has no owner",
			NULL, NULL, NULL, NULL);
	return owner;
}

/* The merged plan; it takes head->parts and goals. */
static json_t *individual_plan(const plan_head *head, json_t *goals)
{
	char ubuf[SP_DATE_BUFSIZE];
	json_t *ip = json_object();
	json_object_set_new(ip, "owner", head->owner ? json_string(head->owner) : json_null());
	json_object_set_new(ip, "updated", head->updated != SP_DATE_MIN
						? json_string(sp_date_format(head->updated, ubuf))
						: json_null());
	json_object_set_new(ip, "parts", head->parts);
	json_object_set_new(ip, "goals", goals);
	return ip;
}

static json_t *merge_report(const merger *mg, size_t np, const tally *t)
{
	return json_pack("{s:I, s:I, s:I, s:I, s:I, s:O}", "plans", (json_int_t)np, "goals",
			 (json_int_t)mg->ng, "matched_goals", (json_int_t)t->matched_goals, "measures",
			 (json_int_t)t->measures, "matched_measures", (json_int_t)t->matched_measures,
			 "findings", mg->findings);
}

static void merger_free(merger *mg)
{
	for (size_t i = 0; i < mg->ng; i++) {
		for (size_t j = 0; j < mg->g[i].nm; j++)
			free(mg->g[i].m[j].c);
		free(mg->g[i].m);
	}
	free(mg->g);
}

size_t sp_merge_plans(json_t *c, json_t *const *extra, size_t nextra, const sp_merge_opts *o)
{
	json_t *plans = plans_with_extra(c, extra, nextra);
	size_t np = json_array_size(plans);
	json_t **sorted = plans_in_order(plans, np);
	merger mg = {.findings = json_array(), .o = o};
	plan_head head = {.parts = json_array(), .updated = SP_DATE_MIN};
	for (size_t p = 0; p < np; p++)
		match_plan(&mg, &head, sorted[p]);
	if (mg.ng > 1) /* qsort must not be given NULL, even for no goals */
		qsort(mg.g, mg.ng, sizeof *mg.g, goal_order);
	tally t = {0, 0, 0};
	json_t *goals = merged_goals(&mg, &t);
	other_findings(&mg, c);
	if (!head.owner)
		head.owner = municipality_owner(&mg, c);
	json_t *ip = individual_plan(&head, goals);
	json_t *report = merge_report(&mg, np, &t);
	size_t nfind = json_array_size(mg.findings);
	json_decref(mg.findings);
	json_object_set_new(c, "individual_plan", ip);
	json_object_set_new(c, "merge_report", report);
	merger_free(&mg);
	free(sorted);
	return nfind;
}
