/* Where one more household could go in a plan (`logis suggest`), and the reading of that
 * household's file, which lives beside the scenario reader it shares. */
#ifndef LOGIS_SUGGEST_H
#define LOGIS_SUGGEST_H

#include "scenario.h"

/* Reads one household object from path ("-": standard input) into extended->households[index],
 * validated as the orientation list's households are, against extended's rules, territories
 * and features; its id must not be one of extended->household_ids (which is left unchanged).
 * Needs no dwelling has are added to extended->features (the caller frees those beyond the
 * count it had). On success the household's id and territories are the caller's to free; on
 * failure nothing is left allocated. diags must not be NULL: LOGIS_E_INPUT with every problem,
 * by file and JSON Pointer. Defined in scenario_load.c. */
logis_status scenario_read_household(logis_scenario *extended, int index, const char *path,
                                     logis_diagnostics *diags);

/* The bounded search for a place that moves other households: how many at most, and how much
 * work (ledger bookings and checks) it may do before it gives up. */
enum { SUGGEST_MOVES_MAX = 2, SUGGEST_WORK_MAX = 10000000 };

#endif
