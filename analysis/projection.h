/* The projection behind logis_projection: one row per variant, with its files and, once
 * collected, the figures of its plan. */
#ifndef LOGIS_PROJECTION_H
#define LOGIS_PROJECTION_H

#include "logis.h"

#include <stdbool.h>
#include <stddef.h>

enum { UNASSIGNED_CODES = 3 }; /* no_fit, no_date, capacity, as in plan.h */

typedef struct {
    logis_variant variant;
    char *scenario_path, *plan_path;
    const char *status; /* optimal, feasible, infeasible; missing or unreadable before a plan */
    long households, households_housed, persons, persons_housed, weighted_persons_housed;
    long unassigned[UNASSIGNED_CODES];
    double occupancy, mean_wait_days, gap, seconds;
} projection_row;

struct logis_projection {
    char *folder, *name;
    projection_row *rows;
    size_t count;
};

/* Has the row the figures of a plan (not missing, not unreadable)? */
bool projection_has_figures(const projection_row *row);
/* A variant's stay length as the table and chart write it: months, or "given" (0). */
void projection_stay_text(int stay_months, char *text, size_t size);

#endif
