/* logis.h: the whole public API of liblogis, a resettlement housing allocation engine.
 * A function that is not declared here is not part of the API. */
#ifndef LOGIS_H
#define LOGIS_H

#include <signal.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define LOGIS_API __attribute__((visibility("default")))
#else
#define LOGIS_API
#endif

/* Ownership and errors.
 * Every logis_* handle is opaque, made by a *_new / *_load / logis_solve function and released by
 * its *_free function; *_free(NULL) does nothing. Strings returned as `char *` are the caller's to
 * release with free(); strings returned as `const char *` belong to the object they came from and
 * live as long as it does. Functions that can fail return a logis_status; on failure their output
 * pointer is set to NULL, nothing is left allocated, and the reasons are appended to the
 * logis_diagnostics the caller passed (which may be NULL to discard them). The library never
 * prints, exits or aborts, GLPK's own output and errors included. */

typedef enum {
    LOGIS_OK = 0,
    LOGIS_E_INPUT = 1,  /* unreadable, malformed or invalid input: see the diagnostics */
    LOGIS_E_NOMEM = 2,  /* out of memory */
    LOGIS_E_SOLVER = 3, /* the MIP solver failed */
    LOGIS_E_IO = 4      /* an output file could not be written */
} logis_status;

typedef enum { LOGIS_ERROR = 0, LOGIS_WARNING = 1 } logis_severity;

/* One message about the input: where it is (file, line:column for JSON syntax, or an RFC 6901
 * JSON Pointer into that file) and what is wrong. Members are NULL or 0 when they do not apply. */
typedef struct {
    logis_severity severity;
    const char *file;
    int line, column;
    const char *pointer;
    const char *message;
} logis_diagnostic;

typedef struct logis_diagnostics logis_diagnostics;
typedef struct logis_scenario logis_scenario;
typedef struct logis_plan logis_plan;

/* "MAJOR.MINOR.PATCH" of the library. */
LOGIS_API const char *logis_version(void);

/* Diagnostics: a list of errors and warnings. new returns NULL when out of memory. Collection
 * stops at 50 errors; count reports what was kept. */
LOGIS_API logis_diagnostics *logis_diagnostics_new(void);
LOGIS_API void logis_diagnostics_free(logis_diagnostics *diags);
LOGIS_API size_t logis_diagnostics_count(const logis_diagnostics *diags);
LOGIS_API size_t logis_diagnostics_errors(const logis_diagnostics *diags);
/* NULL when index is out of range. */
LOGIS_API const logis_diagnostic *logis_diagnostics_get(const logis_diagnostics *diags,
                                                       size_t index);
/* The diagnostic as one line: "file:line:col: message" or "file: /pointer: message".
 * NULL when index is out of range or out of memory. */
LOGIS_API char *logis_diagnostics_line(const logis_diagnostics *diags, size_t index);

/* Reads and validates a scenario file and the array files it names (paths relative to its
 * folder). LOGIS_E_INPUT with every problem found in diags; unknown members give warnings. */
LOGIS_API logis_status logis_scenario_load(const char *path, logis_scenario **out,
                                           logis_diagnostics *diags);
LOGIS_API void logis_scenario_free(logis_scenario *scenario);
/* A human description of the scenario for `logis check`: counts by territory, places and size
 * histograms, households that can never be housed and why. NULL when out of memory. */
LOGIS_API char *logis_scenario_describe(const logis_scenario *scenario);

/* Progress of a solve, given to the progress callback about once a second. */
typedef struct {
    double seconds;    /* since the solve started */
    int level;         /* objective level being solved: 1, 2 or 3 */
    double best;       /* best plan's value at this level, or NaN when there is none yet */
    double bound;      /* proven bound at this level, or NaN */
} logis_progress;

typedef struct {
    double time_limit;      /* seconds for the whole solve; <= 0 means none. Default 60. */
    double gap;             /* relative gap accepted on level 1. Default 0 (prove optimality). */
    const char *write_lp;   /* when set, the level-1 model is written there in CPLEX LP format */
    int verbose;            /* when non-zero, GLPK's output goes to the log callback */
    void (*log)(void *user, const char *line);                   /* may be NULL */
    void (*progress)(void *user, const logis_progress *progress); /* may be NULL */
    void *user;
    /* When set and *stop becomes non-zero (from a signal handler, say), the solve ends as soon as
     * it can with the best plan found so far, status feasible. */
    const volatile sig_atomic_t *stop;
} logis_options;

/* Fills options with the defaults; always call it before setting members. */
LOGIS_API void logis_options_init(logis_options *options);

/* Builds and solves the allocation MIP. A plan is returned whenever the status is LOGIS_OK,
 * including an infeasible one (fixed stays that break the rules): check logis_plan_outcome. */
LOGIS_API logis_status logis_solve(const logis_scenario *scenario, const logis_options *options,
                                   logis_plan **out, logis_diagnostics *diags);

/* The first-come, smallest-fit plan a planner would make by hand: the baseline. */
LOGIS_API logis_status logis_plan_first_fit(const logis_scenario *scenario, logis_plan **out,
                                            logis_diagnostics *diags);

LOGIS_API void logis_plan_free(logis_plan *plan);

typedef enum { LOGIS_OPTIMAL = 0, LOGIS_FEASIBLE = 1, LOGIS_INFEASIBLE = 2 } logis_outcome;
LOGIS_API logis_outcome logis_plan_outcome(const logis_plan *plan);

/* The plan as JSON text (the documented plan format). NULL when out of memory. */
LOGIS_API char *logis_plan_to_json(const logis_plan *plan);
/* A few lines for people: persons and households housed, by territory, status, time; for an
 * infeasible plan, the conflicting fixed stays. NULL when out of memory. */
LOGIS_API char *logis_plan_summary(const logis_plan *plan);

/* Reads a plan file written by logis or by hand, against the scenario it is for. */
LOGIS_API logis_status logis_plan_load(const char *path, const logis_scenario *scenario,
                                       logis_plan **out, logis_diagnostics *diags);

/* Checks a plan against every rule and against the counts it reports. Each violation is
 * appended to diags as an error. Returns the number of violations, or -1 when out of memory. */
LOGIS_API long logis_plan_verify(const logis_scenario *scenario, const logis_plan *plan,
                                 logis_diagnostics *diags);

/* Writes text to path through a temporary file in the same folder, flushed and renamed: an
 * existing file is replaced whole or not at all. LOGIS_E_IO with a message in diags. */
LOGIS_API logis_status logis_write_file(const char *path, const char *text,
                                        logis_diagnostics *diags);

#ifdef __cplusplus
}
#endif
#endif
