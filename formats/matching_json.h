/* The scenario reader's parts for matching: quotas, scores, links and the objective's order
 * (formats/matching_json.c). */
#ifndef LOGIS_MATCHING_JSON_H
#define LOGIS_MATCHING_JSON_H

#include "formats/scenario_reader.h"

/* The territory record's "quotas" into t; false (reported) when wrong. */
bool matching_read_quotas(reader *r, const json *record, territory *t);
/* The household record's "scores" into h (territories already read); false when wrong. */
bool matching_read_household_scores(reader *r, const json *record, household *h);
/* The scenario's "scores" (a list, or the path of a CSV matrix), after the households; also
 * settles which households have scores. */
void matching_read_scores(reader *r, const json *root);
/* The scenario's "links", after the households. */
void matching_read_links(reader *r, const json *root);
/* The scenario's "objective", after the scores (its default depends on them). */
void matching_read_objective(reader *r, const json *root);

#endif
