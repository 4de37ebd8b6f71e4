/* SPDX-License-Identifier: MIT */
/* events.c — the table of events (events.h); what the events share is in eventkit.c. */
#include "edit/events.h"

#include <string.h>

/* The events of each file, in the order --help lists them. */
static const struct {
	const sp_event *v;
	const size_t *n;
} parts[] = {
    {sp_events_handover, &sp_events_handover_n},
    {sp_events_group, &sp_events_group_n},
    {sp_events_consent, &sp_events_consent_n},
    {sp_events_plan, &sp_events_plan_n},
};

const sp_event *sp_event_at(size_t i)
{
	for (size_t p = 0; p < sizeof parts / sizeof *parts; p++) {
		if (i < *parts[p].n)
			return &parts[p].v[i];
		i -= *parts[p].n;
	}
	return NULL;
}

const sp_event *sp_event_find(const char *name)
{
	const sp_event *e;
	for (size_t i = 0; (e = sp_event_at(i)); i++)
		if (strcmp(e->name, name) == 0)
			return e;
	return NULL;
}
