/* A bound on the first level (weighted persons) from Lagrangian duality, for when the relaxation
 * does not end in time: subgradient steps on a thread of their own, beside the simplex. */
#ifndef LOGIS_LAGRANGIAN_H
#define LOGIS_LAGRANGIAN_H

#include "solver/formulation.h"

typedef struct lagrangian lagrangian;

/* The Lagrangian bound on level 1 at the row multipliers y (one per model row, >= 0 on the
 * packing rows, free on the links'; the classes' are not used: each class's choice stays a
 * constraint), and into activity[row_count] the rows' activities at the Lagrangian problem's
 * solution. A true bound for every y of those signs; NaN when out of memory. */
double lagrangian_bound_at(const model *m, const double *y, double *activity);

/* The least bound found by at most steps subgradient steps from the multipliers y towards
 * target (a value some plan reaches), on this thread; the limits (may be NULL) end the steps
 * too. NaN when out of memory. */
double lagrangian_lower(const model *m, const double *y, double target, int steps,
                        const work_limits *limits);
/* Starts the same steps on a new thread (y copied); NULL when out of memory or when no thread
 * can start. */
lagrangian *lagrangian_start(const model *m, const double *y, double target, int steps,
                             const work_limits *limits);
/* Ends the steps, waits for the thread and frees l; returns the least bound found (NaN: none,
 * or l NULL). */
double lagrangian_finish(lagrangian *l);

#endif
