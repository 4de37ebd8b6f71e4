/* events_group.c — placeholder while the events are written (not committed). */
#include "edit/events.h"
const sp_event sp_events_group[1] = {{NULL, NULL, NULL, NULL}};
const size_t sp_events_group_n = 0;
