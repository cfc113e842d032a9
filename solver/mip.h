/* The MIP solver as logis uses it: load the aggregated model, optimise one objective level at a
 * time, keep earlier levels as constraints. GLPK (glpk_backend.c) is the implementation. */
#ifndef LOGIS_MIP_H
#define LOGIS_MIP_H

#include "solver/formulation.h"

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct mip mip;

typedef enum { MIP_OPTIMAL, MIP_STOPPED, MIP_NO_SOLUTION } mip_outcome;

/* The optimal simplex basis of a level-1 relaxation, to start another LP over the same rows
 * from: each model row's status and the loaded columns' (model indices, in the order loaded),
 * in the solver's own codes. */
typedef struct {
    const int *row_status; /* per model row */
    int column_count;
    const int *column, *column_status;
} mip_basis;

typedef struct {
    double deadline;           /* on the clock of mip_clock(); 0: none */
    const volatile sig_atomic_t *stop; /* ends the search when it becomes non-zero; may be NULL */
    double gap;                /* relative gap accepted */
    const double *incumbent;   /* a feasible integer solution to start from, or NULL */
    /* Rounds a relaxed solution into a feasible integer one; false when it finds none. */
    bool (*round)(void *context, const double *relaxed, double *rounded);
    void (*progress)(void *context, double best, double bound);
    /* Told when the level-1 relaxation is solved: each model row's dual, in the signs of
     * lagrangian.h (0 on the class rows), and its basis. May be NULL. */
    void (*relaxed)(void *context, const double *dual, const mip_basis *basis);
    void *context;
} mip_params;

typedef struct {
    mip_outcome outcome;
    double value, bound; /* of the returned solution; the proven bound */
    int nodes;
} mip_result;

typedef void (*mip_log)(void *user, const char *line);

/* Seconds on a monotonic clock. */
double mip_clock(void);
const char *mip_solver_version(void);

/* Prepares the model with the level-1 objective; the columns the incumbent uses (may be NULL)
 * are loaded from the start, the others when pricing calls for them. NULL when the solver fails
 * or memory runs out (*out_of_memory then true), with the reason in error. GLPK's output goes
 * to log when verbose. GLPK may hold at most memory_limit MiB (0: no limit); beyond, the solver
 * fails: GLPK's own allocations are the solver's, logis's arrays are out of memory. */
mip *mip_new(const model *m, const double *incumbent, bool verbose, int memory_limit,
             mip_log log, void *user, char *error, size_t error_size, bool *out_of_memory);
/* Which model columns are loaded (per column); solutions offered must keep to them. */
const bool *mip_loaded_columns(const mip *p);
void mip_free(mip *p);
/* The reason of the last failure. */
const char *mip_error(const mip *p);
/* Was the last failure for lack of memory (logis's own arrays, not GLPK's)? */
bool mip_out_of_memory(const mip *p);

/* Optimises objective level (0: maximise weighted persons; 1, 2: minimise waiting, empty
 * place-days) into x[column_count]. False when the solver failed or memory ran out: the limits
 * end a search with the best plan so far, a lack of memory does not. */
bool mip_solve_level(mip *p, int level, const mip_params *params, double *x,
                     mip_result *result);
/* Solves the level-1 relaxation over every column and writes each model row's dual (its shadow
 * price, in weighted persons) into dual[row_count]. False when the limits or the solver ended it
 * first, or memory ran out. */
bool mip_relaxation_duals(mip *p, const mip_params *params, double *dual);

/* Keeps level at value from now on: a row cost·x >= value (level 0) or <= value. */
bool mip_hold_level(mip *p, int level, double value);

/* An LP over the model's rows whose columns the caller adds (a column generation over columns
 * the model does not hold), maximised, on the calling thread's own GLPK environment. */
typedef struct mip_master mip_master;

/* NULL when out of memory or when GLPK fails; GLPK may hold at most memory_limit MiB (0: no
 * limit). */
mip_master *mip_master_new(const model *m, int memory_limit);
/* A column worth cost, from 0 to upper, with values in the listed model rows; false when GLPK
 * failed or memory ran out. */
bool mip_master_add(mip_master *lp, double cost, double upper, int count, const int *rows,
                    const double *values);
/* Starts from a relaxation's basis, whose columns are the first added, in its order. */
void mip_master_start_from(mip_master *lp, const mip_basis *basis);
/* Solves the LP from the last basis: its value and each model row's dual (>= 0 but on the
 * links' rows); false when the limits (may be NULL) or GLPK ended it first. */
bool mip_master_solve(mip_master *lp, const work_limits *limits, double *value, double *dual);
void mip_master_free(mip_master *lp);

#endif
