/* The scenario as a planner knows it on a day: the households announced so far (those arriving
 * before a date), with the park, the rules and the forecast of the whole scenario. */
#ifndef LOGIS_ANNOUNCED_H
#define LOGIS_ANNOUNCED_H

#include "domain/scenario.h"

typedef struct {
    logis_scenario scenario; /* a shallow copy: its households, ids and fixed stays are its own */
    household *households;
    fixed_stay *fixed;
} announced_scenario;

/* The households of s arriving before until (in s's order) and their fixed stays; the
 * forecast's announced date becomes until. False when out of memory (a is then freed). */
bool announced_build(const logis_scenario *s, day_t until, announced_scenario *a);
void announced_free(announced_scenario *a);

#endif
