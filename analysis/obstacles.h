/* What stands in the way of a household moving into a dwelling on a date (rules 3, 5, 6, 8). */
#ifndef LOGIS_OBSTACLES_H
#define LOGIS_OBSTACLES_H

#include "analysis/stays.h"

/* A stay's hold on a dwelling (rule 5) or on its team's caseload (rule 6). */
typedef struct {
    int stay;
    day_t start, until;
    int weight; /* households, or persons in a shared dwelling */
} holding;

/* The holdings of the list's stays on dwelling d (at most list->count of them, into out);
 * returns how many. */
int dwelling_holdings(const logis_scenario *s, const stay_list *stays, int d, holding *out);
/* The most the holdings weigh together at any date of [from, to). */
int peak_load(const holding *list, int n, day_t from, day_t to);

enum { LISTED_MAX = 8 };

/* What stands in the way of household h moving into dwelling d on a date, given the stays:
 * the dates (rule 3), households holding the dwelling (rule 5), the team's caseload (rule 6). */
typedef struct {
    bool outside_horizon, outside_availability;
    int holders[LISTED_MAX]; /* stays holding the dwelling then, indices into the list */
    int holder_count;        /* all of them, also those beyond LISTED_MAX */
    int places_taken;        /* shared dwelling: places others hold on the first full date */
    bool caseload_full;
    int caseload_load; /* households accompanied on the first date the team is full */
    day_t caseload_day;
    bool quota_full;   /* rule 8: a quota of the territory would be exceeded... */
    int quota_index;   /* ...the first such, in the territory's list */
    long quota_persons, quota_households; /* what moves in within its dates already */
} obstacles;

/* Fills *out. False when out of memory. */
bool find_obstacles(const logis_scenario *s, const stay_list *stays, const household *h, int d,
                    day_t start, obstacles *out);
/* Marks in in_the_way (one flag per stay of the list) the stays that hold the dwelling or count
 * against the caseload on a date where h on start would break rule 5 or 6. Returns how many
 * were marked, or -1 when out of memory. */
int mark_stays_in_the_way(const logis_scenario *s, const stay_list *stays, const household *h,
                          int d, day_t start, bool *in_the_way);
/* Same obstacles (for grouping dates that share them)? */
bool same_obstacles(const obstacles *a, const obstacles *b);

#endif
