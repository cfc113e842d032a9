/* A true bound on weighted persons for a plan solved on a coarser grid of move-in dates than the
 * rules': the Lagrangian bound of the rules' own grid, whose columns are listed, never built. */
#ifndef LOGIS_GRID_BOUND_H
#define LOGIS_GRID_BOUND_H

#include "solver/mip.h"

typedef struct grid_bound grid_bound;

/* Can the bound speak for a plan of this model: weighted persons come first, one future, no
 * candidate dwellings, no potentials? */
bool grid_bound_covers(const model *coarse);

/* The memory the bound takes for a rules' grid of that many columns, in bytes. */
double grid_bound_bytes(double fine_columns);

/* Lists the columns of the rules' grid (fine: the scenario coarse was built from, with its own
 * grid of move-in dates), then prices them at multipliers per resource and day: the coarse
 * model's row duals (lagrangian.h's signs) spread over a few widths of days, then, from the
 * coarse relaxation's optimal basis (may be NULL: none), the duals of a column generation over
 * them against the coarse model's rows; on a thread of its own. The quotas and links are
 * relaxed. The limits (may be NULL) end it. NULL when out of memory, or when no thread can
 * start. */
grid_bound *grid_bound_start(const logis_scenario *fine, const model *coarse,
                             const double *coarse_dual, const mip_basis *basis,
                             const work_limits *limits);

/* Waits for the bound (stops it at once, when now), frees g and returns the least bound on the
 * model's level-1 objective found (NaN: none, or g NULL). */
double grid_bound_finish(grid_bound *g, bool now);

/* The same on this thread. NaN when out of memory or stopped before any bound. */
double grid_bound_lower(const logis_scenario *fine, const model *coarse,
                        const double *coarse_dual, const mip_basis *basis,
                        const work_limits *limits);

#endif
