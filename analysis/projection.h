/* The projection behind logis_projection: one row per variant, with its files and, once
 * collected, the figures of its plan. */
#ifndef LOGIS_PROJECTION_H
#define LOGIS_PROJECTION_H

#include "logis.h"
#include "base/json.h"
#include "base/textbuf.h"
#include "domain/plan.h"

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

/* The answer of a park search for one stay and demand scale (logis_projection_search_park). */
typedef struct {
    int stay_months;
    double demand, resolution;
    const char *status; /* optimal, feasible, not reached, infeasible, stopped */
    projection_row found; /* the plan at the scale found (park 0 when none) */
    double below;         /* the scale a step below, probed short (0: no dwelling at all) */
    bool below_proven;
    long households, to_house; /* the list; those it has to house (the others: never) */
    int probes;
    double seconds;
    char *note; /* "not reached": why, from the last probe's households left out */
} park_search;

struct logis_projection {
    char *folder, *name;
    projection_row *rows;
    size_t count;
    park_search *searches;
    size_t search_count;
};

/* Has the row the figures of a plan (not missing, not unreadable)? */
bool projection_has_figures(const projection_row *row);
/* Takes a plan's figures into the row (status, counts, left out by code). */
void projection_take_figures(projection_row *row, const logis_plan *plan,
                             const plan_figures *figures);
/* The searches' parts of the report, after the rows: JSON members, CSV columns and rows, text. */
void projection_csv_figures(textbuf *t, const projection_row *row);
void park_searches_json(json_builder *b, json *root, const logis_projection *p);
void park_searches_csv(textbuf *t, const logis_projection *p);
void park_searches_table(textbuf *t, const logis_projection *p);
void park_searches_free(logis_projection *p);

/* A variant's stay length as the table and chart write it: months, or "given" (0). */
void projection_stay_text(int stay_months, char *text, size_t size);

#endif
