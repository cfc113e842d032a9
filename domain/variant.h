/* Writing a scenario back as JSON: variants for projections (stays, park and demand scaled),
 * and a scenario with dwellings appended (the dwellings logis need proposes). */
#ifndef LOGIS_VARIANT_H
#define LOGIS_VARIANT_H

#include "base/json.h"
#include "domain/scenario.h"

/* Dwellings to append to the park, with their ids (not in the scenario). */
typedef struct {
    const dwelling *dwellings;
    const char *const *ids;
    int count;
} scenario_extra;

/* The scenario as a JSON document (every array inline) for the variant, named name, with the
 * extra dwellings (may be NULL) after the park. NULL when out of memory. */
json *scenario_document(const logis_scenario *s, const logis_variant *v, const char *name,
                        const scenario_extra *extra);

/* Appends the dwelling as a scenario dwelling object to list, with that id; returns the object
 * (NULL when out of memory) for callers that say more about it. */
json *scenario_add_dwelling(json_builder *b, json *list, const logis_scenario *s,
                            const dwelling *d, const char *id);

#endif
