/* The parts that make a plan: the first-come smallest-fit heuristic, the rounding of relaxed
 * solutions, the extraction of stays from the aggregated solution, and the left-out list. */
#ifndef LOGIS_BUILD_H
#define LOGIS_BUILD_H

#include "solver/formulation.h"
#include "domain/plan.h"

#include <stddef.h>

/* The fixed stays alone must keep the rules; each violation becomes a conflict of the plan and
 * *feasible tells whether there was none. False when out of memory. */
bool plan_check_fixed_stays(logis_plan *plan, bool *feasible);

/* Adds the fixed stays, then places every other household first come (arrival, then id),
 * smallest fitting free dwelling, earliest date, until the limits (may be NULL) are reached:
 * *stopped (may be NULL) then says so, and the households not reached are not placed. False
 * when out of memory. */
bool first_fit_stays(logis_plan *plan, const work_limits *limits, bool *stopped);

/* Writes the capacity reason of household h into reason, and into *beyond_park whether it
 * names only what a larger park does not relieve (a team's caseload, a quota, a link, fixed
 * stays); false when out of memory. */
typedef bool (*capacity_reason)(void *context, int h, char *reason, size_t size,
                                bool *beyond_park);

/* A capacity_reason for the households a stopped first-come plan leaves out: some were never
 * tried, so it may not say that the dwellings were taken. */
bool first_come_cut_reason(void *context, int h, char *reason, size_t size, bool *beyond_park);

/* Lists every household without a stay as left out, with its code and reason. False when out
 * of memory. */
bool plan_list_left_out(logis_plan *plan, capacity_reason reason_of, void *context);

/* The model's solution x that the plan's stays (outside fixed ones) correspond to:
 * LOGIS_E_SOLVER when a stay has no column (a bug), LOGIS_E_NOMEM when out of memory. */
logis_status columns_of_stays(const model *m, const logis_plan *plan, double *x);

/* Floor of a relaxed solution, then filled greedily while every row allows it. */
typedef struct {
    const model *model;
    int level;           /* the level being optimised */
    double held[OBJECTIVE_LEVELS]; /* values that earlier levels must keep... */
    bool holds[OBJECTIVE_LEVELS];  /* ...those solved so far */
    double *activity;    /* per row */
    int *order;          /* per column */
    const double *relaxed;
    const bool *usable;  /* per column: may the rounding use it (NULL: every column) */
} rounding;

bool rounding_init(rounding *r, const model *m);
void rounding_free(rounding *r);
bool rounding_round(void *context, const double *relaxed, double *rounded);

/* Turns an integer solution into stays on real dwellings (interval colouring within each type).
 * LOGIS_E_NOMEM when out of memory, LOGIS_E_SOLVER when the solution cannot be coloured (a
 * bug). */
logis_status extract_stays(const model *m, const double *x, logis_plan *plan);

/* Every plan the library hands out passes the verifier: LOGIS_E_SOLVER, the first broken rule
 * in diags, when this one does not (a bug), LOGIS_E_NOMEM when memory runs out. */
logis_status plan_self_check(const logis_plan *plan, logis_diagnostics *diags);

/* logis_replan from a plan in memory, whose scenario has the same park as s (a replay's
 * previous week); its households are matched to s's by id. now must lie within the horizon. */
logis_status replan_after(const logis_scenario *s, const logis_plan *previous, day_t now,
                          const logis_options *options, logis_plan **out,
                          logis_diagnostics *diags);

/* The levels of a plan the solver did not prove: the plan's own figures, and the bounds that
 * hold for any plan (every household left out for capacity housed, no waiting, no empty place,
 * every previous stay kept), stated as trivial. False when out of memory. */
bool plan_state_trivial_levels(logis_plan *plan);

/* logis_solve on a scenario with a forecast: the announced households planned against the
 * expected ones, the plan holding only the announced (solver/forecast.c). */
logis_status solve_with_forecast(const logis_scenario *s, const logis_options *options,
                                 logis_plan **out, logis_diagnostics *diags);

/* Is s's horizon long enough to be planned first window by window (rolling_plan)? */
bool rolling_wanted(const logis_scenario *s);

/* A plan of s made window by window (each quarter's arrivals with the next quarter's known,
 * what began kept) until deadline (on mip_clock()) or a stop: *out NULL when the windows did not
 * reach the horizon's end. The first incumbent of a long horizon's model (solver/rolling.c). */
logis_status rolling_plan(const logis_scenario *s, const logis_options *options,
                          double deadline, logis_plan **out);

/* False, with an error in diags, when options' time limit is shorter than listing the
 * households and writing the plan take whatever the search does (LOGIS_E_LIMIT then). */
bool time_to_finish(const logis_scenario *s, const logis_options *options,
                    logis_diagnostics *diags);
/* logis_solve on a scenario whose dwellings from candidates_from on are candidates to add
 * (model_build); logis_solve passes the dwelling count. */
logis_status solve_scenario(const logis_scenario *s, int candidates_from,
                            const logis_options *options, logis_plan **out,
                            logis_diagnostics *diags);

#endif
