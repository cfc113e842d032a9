/* The allocation MIP in aggregated form: identical households merged into classes, identical
 * dwellings into types with integer counts, one integer column per class × type × move-in date,
 * and one packing row per class, per type and move-in date, per territory and move-in date. */
#ifndef LOGIS_FORMULATION_H
#define LOGIS_FORMULATION_H

#include "domain/scenario.h"

#include <signal.h>

typedef struct {
    int *members; /* household indices, ascending */
    int count;
} household_class;

/* Dwellings that are interchangeable for every plan: same territory, places, features, lease,
 * sharing and end of availability; the day each is ready may differ, so the type's capacity
 * rises in time. Shared dwellings, and dwellings with a fixed stay that begins after a new
 * stay could, are kept alone. */
typedef struct {
    int *members; /* dwelling indices by ready day, then index */
    int count;
    bool alone;
} dwelling_type;

typedef struct {
    int class_index, type_index;
    day_t start, end, occupied_until, support_end;
    double upper;
    double cost[OBJECTIVE_LEVELS];
} column;

/* Every row is a packing row (activity <= upper) but ROW_LINK: an equality, at 0, between two
 * linked households' stays in one territory. */
typedef enum {
    ROW_CLASS,
    ROW_OCCUPANCY,
    ROW_CASELOAD,
    ROW_LEVEL,
    ROW_QUOTA_PERSONS,
    ROW_QUOTA_HOUSEHOLDS,
    ROW_LINK
} row_kind;

typedef struct {
    row_kind kind;
    int owner; /* the class, type, territory (caseload, quota) or link */
    day_t day; /* the move-in date the row counts at; a quota's index; a link's territory */
    double upper;
} row;

/* When a phase of a solve must give up: at the deadline (on mip_clock(); 0: none) or as soon as
 * *stop becomes non-zero (stop may be NULL). */
typedef struct {
    double deadline;
    const volatile sig_atomic_t *stop;
} work_limits;

/* Has the deadline passed, or has the caller asked to stop? Never for NULL. */
bool work_limits_reached(const work_limits *limits);

/* The limits of options (NULL: none) for work that starts now: the deadline time_limit seconds
 * from now, when one is set, and the stop request. */
work_limits work_limits_from_now(const logis_options *options);

typedef struct {
    const logis_scenario *scenario;
    const work_limits *limits; /* checked while building; may be NULL */
    bool stopped;              /* the build gave up at the limits */
    household_class *classes;
    dwelling_type *types;
    column *columns;
    row *rows;
    int class_count, type_count, column_count, row_count;
    /* The sampled futures planned at once (1: one future, or none): each has its own resource
     * rows, which its expected households and every announced household enter. */
    int samples;
    /* the matrix by columns: entries column_start[j] .. column_start[j+1]-1 */
    int *column_start, *entry_row;
    double *entry_value;
    long entry_count;
    int *class_of_household; /* -1 for households with a fixed stay */
    int *type_of_dwelling;
    /* Per dwelling, the first day a new stay may move in: its availability, or when the fixed
     * stays of a dwelling that joins a type have left (they all begin before any new stay). */
    day_t *ready;
    int *class_first_column; /* columns of class c: class_first_column[c] .. [c+1]-1 */
    /* Dwellings from this index on are candidates a need solve may add (none: dwelling_count).
     * Each candidate type then has one more column, after every class's: how many of its
     * dwellings stay closed (class_index -1). */
    int candidates_from;
    /* Per link: the territory a fixed stay of a member binds the others to, or -1; the members
     * of a link without one are tied by ROW_LINK rows (class_tied). */
    int *link_territory;
    bool *class_tied;
} model;

typedef enum { MODEL_BUILT, MODEL_STOPPED, MODEL_OUT_OF_MEMORY } model_outcome;

/* Builds the model of a scenario whose fixed stays are valid, the dwellings from candidates_from
 * on being candidates a need solve may add (none: the dwelling count); level 1 then houses the
 * most weighted persons and, among such plans, leaves the most candidates closed. The limits
 * (may be NULL) are checked between classes and between resources. */
model_outcome model_build(const logis_scenario *s, int candidates_from,
                          const work_limits *limits, model *m);

/* The model's size without building it: its columns exactly, its matrix entries from above (a
 * row counted at every day a column of the resource moves in); MODEL_BUILT when counted. The
 * limits (may be NULL) are checked between classes. */
typedef struct {
    double columns, entries;
} model_size;
model_outcome model_estimate(const logis_scenario *s, int candidates_from,
                             const work_limits *limits, model_size *size);

bool model_is_candidate(const model *m, int dwelling_index);
/* Sets the closed-dwelling columns of x to the most the household columns of x allow. False
 * when out of memory. */
bool model_close_unused(const model *m, double *x);
void model_free(model *m);

/* How far a solution may fall short of a level held at value: the scores' fractions add up
 * with rounding errors; the other levels are whole numbers, held exactly. */
static inline double level_slack(int level, double value)
{
    double size = value < 0 ? -value : value;
    return level == LEVEL_SCORE ? 1e-6 * (size > 1 ? size : 1) : 0.0;
}

/* The column of class class_index in type type_index from start on the grid of s (the model's
 * scenario, or the same with a finer grid of move-in dates) into *out; false when there is none
 * (no dwelling of the type free and available for the whole stay). */
bool model_column_for(const logis_scenario *s, const model *m, int class_index, int type_index,
                      day_t start, column *out);

/* What every plan may use of a resource (ROW_OCCUPANCY: dwelling type owner, in dwellings or,
 * shared, places; ROW_CASELOAD: territory owner, in households) on each of the count days from
 * first, the fixed stays' load taken off, into limit[count]. False when out of memory. */
bool model_day_limits(const model *m, row_kind kind, int owner, day_t first, int count,
                      double *limit);

/* The column of household class c in dwelling type t from start, or -1. */
int model_find_column(const model *m, int class_index, int type_index, day_t start);

/* The value of objective level (0, 1, 2) for the solution x. */
double model_objective(const model *m, int level, const double *x);

/* Row activities a·x of an integer solution, into activity[row_count]. */
void model_activities(const model *m, const double *x, double *activity);

#endif
