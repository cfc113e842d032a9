/* The scenario as a planner knows it on a day: the households announced so far (those arriving
 * before a date), with the park, the rules and the forecast of the whole scenario. */
#ifndef LOGIS_ANNOUNCED_H
#define LOGIS_ANNOUNCED_H

#include "domain/scenario.h"

typedef struct {
    logis_scenario scenario; /* a shallow copy: its households, ids, fixed stays and links are
                                its own */
    household *households;
    fixed_stay *fixed;
    link_group *links;
    int *link_members; /* the members of every link, one allocation */
} announced_scenario;

/* The households of s arriving before until (in s's order), their fixed stays and the links
 * of which two members or more are known (a member still to come is bound when it is known);
 * the forecast's announced date becomes until. False when out of memory (a is then freed). */
bool announced_build(const logis_scenario *s, day_t until, announced_scenario *a);
void announced_free(announced_scenario *a);

#endif
