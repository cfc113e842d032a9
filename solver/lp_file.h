/* The model in CPLEX LP format, for other solvers (plan --write-lp, the bench's peers). */
#ifndef LOGIS_LP_FILE_H
#define LOGIS_LP_FILE_H

#include "solver/formulation.h"

#include <stdbool.h>
#include <stddef.h>

/* Writes the level-1 model (most weighted persons) to path, whole or not at all, checking the
 * limits (may be NULL) as it goes; false with a message in error when it could not (the limits
 * came first, out of memory, the file), *out_of_memory then telling whether memory ran out: a
 * lack of memory is LOGIS_E_NOMEM for the solve, not a solver failure. */
bool model_write_lp(const model *m, const char *path, const work_limits *limits, char *error,
                    size_t size, bool *out_of_memory);

#endif
