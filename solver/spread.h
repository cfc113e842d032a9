/* Where logis need's new dwellings go: after the solve, by the demand of the households they
 * house, among the territories those households accept (solver/spread.c). */
#ifndef LOGIS_SPREAD_H
#define LOGIS_SPREAD_H

#include "domain/plan.h"

/* Moves whole candidate dwellings of plan (on the widened park s, whose dwellings from
 * candidates_from on are candidates) with their stays to unused candidates of the same kind in
 * other territories, while that brings the count per territory closer to the demand and every
 * rule holds; no objective level changes. False when out of memory (the plan keeps the rules
 * then too). */
bool spread_by_demand(const logis_scenario *s, int candidates_from, logis_plan *plan);

#endif
