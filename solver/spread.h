/* Where logis need's new dwellings go: after the solve, by the demand of the households they
 * house, among the territories those households accept (solver/spread.c). */
#ifndef LOGIS_SPREAD_H
#define LOGIS_SPREAD_H

#include "domain/plan.h"
#include "solver/formulation.h"

/* Moves whole candidate dwellings of plan (on the widened park s, whose dwellings from
 * candidates_from on are candidates) with their stays to unused candidates of the same kind in
 * other territories, while that brings the count per territory closer to the demand and every
 * rule holds; no objective level changes. Stops at the limits (may be NULL): each move is whole,
 * so the plan is then as spread as time allowed. False when out of memory (the plan keeps the
 * rules then too). */
bool spread_by_demand(const logis_scenario *s, int candidates_from, logis_plan *plan,
                      const work_limits *limits);

#endif
