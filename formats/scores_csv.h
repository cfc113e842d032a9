/* The outcome scores' CSV matrix (formats/scores_csv.c): first column household ids, one column
 * per territory id, empty or NA cells scoring 0. */
#ifndef LOGIS_SCORES_CSV_H
#define LOGIS_SCORES_CSV_H

#include "base/textfile.h"
#include "domain/fields.h"
#include "logis.h"

#include <stdbool.h>
#include <stddef.h>

/* The highest score, as domain/fields.h says. */
#define SCORES_MAX ((double)score_fields[SCORE_VALUE].high)

/* A score logis accepts: from 0 to SCORES_MAX. */
static inline bool scores_in_range(double value)
{
    return value >= 0 && value <= SCORES_MAX; /* false for NaN too */
}

/* What a cell must hold, for messages. */
#define SCORES_CELL_EXPECTED \
    "expected a score from 0 to 1000 (a plain number: 0.25, 12 or 1e-3), empty or NA, got"

/* A cell: a number from 0 to SCORES_MAX as JSON writes it, or empty or NA (0). False when it is
 * neither. */
bool scores_parse_cell(const char *cell, double *value);
/* `logis import scores`: the matrix at path (in encoding) as the JSON list [{"household",
 * "territory", "value"}], cells that score 0 left out; errors by row and column in diags. */
logis_status scores_csv_to_json(const char *path, size_t max_bytes, text_encoding encoding,
                                char **json_text, logis_diagnostics *diags);

/* `logis export scores`: the scores of the scenario's households as the matrix (households
 * without scores left out, a score of 0 as an empty cell); NULL when out of memory. */
char *scores_to_csv(const logis_scenario *s);

#endif
