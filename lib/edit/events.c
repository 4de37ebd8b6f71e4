/* events.c — the table of events (events.h); what the events share is in eventkit.c. */
#include "edit/events.h"

#include <string.h>

const sp_event *sp_events(size_t *n)
{
	static sp_event all[64];
	static size_t count;
	if (!count) {
		const struct {
			const sp_event *v;
			size_t n;
		} parts[] = {{sp_events_handover, sp_events_handover_n},
			     {sp_events_group, sp_events_group_n},
			     {sp_events_consent, sp_events_consent_n},
			     {sp_events_plan, sp_events_plan_n}};
		for (size_t p = 0; p < sizeof parts / sizeof *parts; p++)
			for (size_t i = 0; i < parts[p].n && count < sizeof all / sizeof *all; i++)
				all[count++] = parts[p].v[i];
	}
	*n = count;
	return all;
}

const sp_event *sp_event_find(const char *name)
{
	size_t n;
	const sp_event *e = sp_events(&n);
	for (size_t i = 0; i < n; i++)
		if (strcmp(e[i].name, name) == 0)
			return &e[i];
	return NULL;
}
