/* SPDX-License-Identifier: MIT */
/* suggest.c — the letters samplan-screen or samplan-handover-check suggests for a case, as
 * requests for samplan-letter-gen. */
#include "letters/letter.h"
#include "base/util.h"
#include "domain/handover.h"
#include "domain/screen.h"

#include <stdlib.h>
#include <string.h>

/* The domain of the rule that suggests a letter about one need (`when: need`), or -1. */
static int rule_domain(const sp_rules *r, const char *template_id)
{
	for (size_t i = 0; i < r->nletters; i++)
		if (r->letters[i].when == SP_WHEN_NEED && strcmp(r->letters[i].template_id, template_id) == 0)
			return r->letters[i].domain;
	return -1;
}

size_t sp_letter_suggested(const json_t *c, sp_suggest from, const sp_rules *rules,
			   const sp_agencies *reg, sp_date as_of, const sp_letter_req *like,
			   sp_letter_req *reqs, size_t max)
{
	size_t n = 0;
	if (from == SP_SUGGEST_SCREEN) {
		sp_assessment *a = sp_xmalloc(sizeof *a);
		sp_assess(c, rules, reg, as_of, a);
		for (size_t i = 0; i < a->nletters && n < max; i++)
			reqs[n++] = (sp_letter_req){a->letters[i].template_id, a->letters[i].recipient,
						    rule_domain(rules, a->letters[i].template_id),
						    NULL, like->date, like->skip_consent, 0};
		free(a);
	} else if (from == SP_SUGGEST_HANDOVER) {
		sp_handover_check *h = sp_xmalloc(sizeof *h);
		sp_check_handovers(c, rules, reg, as_of, rules->handover_deadline_days, h);
		for (size_t i = 0; i < h->nletters && n < max; i++)
			reqs[n++] = (sp_letter_req){h->letters[i].template_id, h->letters[i].recipient,
						    h->letters[i].domain, h->letters[i].about,
						    like->date, like->skip_consent, 0};
		free(h);
	}
	return n;
}
