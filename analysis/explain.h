/* What `logis explain` writes about a household, in parts `logis suggest` reuses: its move-in
 * dates, the dwellings that fit it, and what stands in the way in each. */
#ifndef LOGIS_EXPLAIN_H
#define LOGIS_EXPLAIN_H

#include "analysis/answer.h"

/* The household's move-in dates on its grid (starts, count: rule_grid_starts). */
void write_move_in_dates(answer *a, const day_t *starts, int count);
/* How many dwellings fit the household (rule 2), and why the others do not; returns the first. */
int write_fit_summary(answer *a);
/* What is in the way of the household in each dwelling that fits it, on each of its move-in
 * dates (starts, count), dates with the same obstacles together. False when out of memory. */
bool write_obstacles_by_dwelling(answer *a, const day_t *starts, int count);

#endif
