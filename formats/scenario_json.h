/* The scenario reader's entries for one more household, read from its own file as the
 * orientation list's households are (`logis suggest --household`), and for a document. */
#ifndef LOGIS_SCENARIO_JSON_H
#define LOGIS_SCENARIO_JSON_H

#include "base/json.h"
#include "domain/scenario.h"

/* Reads one household object from path ("-": standard input) into extended->households[index],
 * validated as the orientation list's households are, against extended's rules, territories
 * and features; its id must not be one of extended->household_ids (which is left unchanged).
 * Needs no dwelling has are added to extended->features (the caller frees those beyond the
 * count it had). On success the household's id and territories are the caller's to free; on
 * failure nothing is left allocated. diags must not be NULL: LOGIS_E_INPUT with every problem,
 * by file and JSON Pointer. */
logis_status scenario_read_household(logis_scenario *extended, int index, const char *path,
                                     logis_diagnostics *diags);

/* Reads a scenario from a document in memory (every array inline), checked as a file is and
 * reported as path. */
logis_status scenario_read_document(const json *root, const char *path, logis_scenario **out,
                                    logis_diagnostics *diags);

#endif
