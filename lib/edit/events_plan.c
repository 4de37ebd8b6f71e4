/* events_plan.c — placeholder while the events are written (not committed). */
#include "edit/events.h"
const sp_event sp_events_plan[1] = {{NULL, NULL, NULL, NULL}};
const size_t sp_events_plan_n = 0;
