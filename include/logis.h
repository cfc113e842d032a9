/* logis.h: the whole public API of liblogis, a resettlement housing allocation engine.
 * A function that is not declared here is not part of the API. */
#ifndef LOGIS_H
#define LOGIS_H

#include <signal.h>
#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The version of this header; logis_version() gives the library's, which may be newer. The
 * Makefile reads the version from these three lines. Option structs end in reserved members,
 * which their _init functions zero: members can be added within them without a new size. */
#define LOGIS_VERSION_MAJOR 0
#define LOGIS_VERSION_MINOR 2
#define LOGIS_VERSION_PATCH 0
#define LOGIS_STRINGIFY_(x) #x
#define LOGIS_STRINGIFY(x) LOGIS_STRINGIFY_(x)
#define LOGIS_VERSION_STRING                                                                    \
    LOGIS_STRINGIFY(LOGIS_VERSION_MAJOR)                                                        \
    "." LOGIS_STRINGIFY(LOGIS_VERSION_MINOR) "." LOGIS_STRINGIFY(LOGIS_VERSION_PATCH)

#if defined(__GNUC__)
#define LOGIS_API __attribute__((visibility("default")))
#else
#define LOGIS_API
#endif

/* Ownership and errors. Every logis_* handle is opaque, made by a *_new / *_load / logis_solve
 * function and released by its *_free function; *_free(NULL) does nothing. Strings returned as
 * `char *` are the caller's to release with logis_free() (which is free(): they never come from
 * cJSON's allocator, so a host that calls cJSON_InitHooks may still free them); strings returned
 * as `const char *` belong to the object they came from and live as long as it does. Functions
 * that can fail return a logis_status; on failure their output pointer is set to NULL, nothing is
 * left allocated, and the reasons are appended to the logis_diagnostics the caller passed (which
 * may be NULL to discard them). The library never prints, exits or aborts, GLPK's own output and
 * errors included.
 *
 * Threads. Objects are not locked: an object may be changed by one thread at a time, and read by
 * several at once (one loaded scenario may be solved on many threads). Solves (logis_solve,
 * logis_plan_first_fit, logis_replan, logis_need_solve, logis_need_plan) may run at the same time
 * on different threads: GLPK keeps its environment, its hooks and its memory limit per thread, and
 * logis installs them at each solve on the solving thread. A host that uses GLPK itself on a
 * solving thread must not rely on its own hooks there while logis solves. A solve against a
 * forecast, and logis_replay_run_all, start threads of their own (one per processor, or the
 * jobs asked), which end before the call returns. A solve against a forecast calls the log and
 * progress callbacks on the calling thread only; logis_replay_run_all with more than one job may
 * call them from its threads at once. */

typedef enum {
    LOGIS_OK = 0,
    LOGIS_E_INPUT = 1,  /* unreadable, malformed or invalid input: see the diagnostics */
    LOGIS_E_NOMEM = 2,  /* out of memory */
    LOGIS_E_SOLVER = 3, /* the MIP solver failed */
    LOGIS_E_IO = 4,     /* an output file could not be written */
    LOGIS_E_LIMIT = 5   /* the time limit is shorter than making any plan takes: see the
                         * diagnostics (a plan of a million households takes seconds to list) */
} logis_status;

/* "ok", "input", "memory", "solver", "io", "limit", or "unknown" for a value that is not a
 * status. */
LOGIS_API const char *logis_status_string(logis_status status);

/* Releases a string the library returned as `char *`; logis_free(NULL) does nothing. */
LOGIS_API void logis_free(void *text);

/* Diagnostics keep at most this many errors (and then stop collecting), and this many warnings. */
#define LOGIS_MAX_ERRORS 50
#define LOGIS_MAX_WARNINGS 200

typedef enum { LOGIS_ERROR = 0, LOGIS_WARNING = 1 } logis_severity;

/* One message about the input: where it is (file, line:column for JSON syntax, or an RFC 6901
 * JSON Pointer into that file, with the id of the record it lies in, "H00002") and what is
 * wrong. Members are NULL or 0 when they do not apply. */
typedef struct {
    logis_severity severity;
    const char *file;
    int line, column;
    const char *pointer;
    const char *message;
    const char *record;
} logis_diagnostic;

typedef struct logis_diagnostics logis_diagnostics;
typedef struct logis_scenario logis_scenario;
typedef struct logis_plan logis_plan;

/* "MAJOR.MINOR.PATCH" of the library. */
LOGIS_API const char *logis_version(void);

/* Diagnostics: a list of errors and warnings. new returns NULL when out of memory. Collection
 * stops at LOGIS_MAX_ERRORS errors; count reports what was kept. */
LOGIS_API logis_diagnostics *logis_diagnostics_new(void);
LOGIS_API void logis_diagnostics_free(logis_diagnostics *diags);
LOGIS_API size_t logis_diagnostics_count(const logis_diagnostics *diags);
LOGIS_API size_t logis_diagnostics_errors(const logis_diagnostics *diags);
/* NULL when index is out of range. */
LOGIS_API const logis_diagnostic *logis_diagnostics_get(const logis_diagnostics *diags,
                                                       size_t index);
/* The diagnostic as one line: "file:line:col: message", "file: /pointer: message" or
 * "file: /pointer (record): message".
 * NULL when index is out of range or out of memory. */
LOGIS_API char *logis_diagnostics_line(const logis_diagnostics *diags, size_t index);
/* The files read while diags collected (a scenario's list files and scores CSV among them; for
 * logis_json_to_csv, every file the scenario names, read or not), each once, by the path they
 * were opened at; NULL when index is out of range. A caller about to write files checks that
 * none of them would be replaced. */
LOGIS_API const char *logis_diagnostics_input(const logis_diagnostics *diags, size_t index);

/* Reads and validates a scenario file and the array files it names (paths relative to its
 * folder). LOGIS_E_INPUT with every problem found in diags; unknown members give warnings. */
LOGIS_API logis_status logis_scenario_load(const char *path, logis_scenario **out,
                                           logis_diagnostics *diags);

/* The encoding of CSV files read by logis_csv_to_json_with. */
typedef enum { LOGIS_UTF8 = 0, LOGIS_WINDOWS_1252 = 1 } logis_encoding;

/* How input files are read. Zeroed members take the defaults. */
typedef struct {
    size_t max_input_bytes; /* the largest file read, in bytes; default (and 0) 64 MiB */
    /* When non-zero, the files a scenario names may lie outside its folder (after resolving
     * symbolic links); by default such a scenario is refused. */
    int allow_outside;
    /* When set, this file (a past orientation list, in the households format; a path as given,
     * not relative to the scenario) is read as the scenario's forecast households, in place of
     * the "households" of its "forecast" member. */
    const char *forecast;
    /* CSV import only: LOGIS_WINDOWS_1252 reads what a spreadsheet on Windows saves as "CSV"
     * (JSON is UTF-8 by its standard). Takes the room of a reserved member: same size, same
     * offsets, so that programs built against the earlier header keep working. */
    logis_encoding encoding;
    int reserved_int; /* zero: pads encoding to the reserved member's size */
    double reserved[3]; /* zero (logis_load_options_init): room for members to come */
} logis_load_options;

/* Fills options with the defaults; always call it before setting members. */
LOGIS_API void logis_load_options_init(logis_load_options *options);
/* logis_scenario_load with options (NULL: the defaults, which logis_scenario_load uses). */
LOGIS_API logis_status logis_scenario_load_with(const char *path,
                                                const logis_load_options *options,
                                                logis_scenario **out, logis_diagnostics *diags);
LOGIS_API void logis_scenario_free(logis_scenario *scenario);
/* The scenario's fixed stays checked alone against the rules, as logis_solve does first: each
 * conflict appended to diags as an error. The number of conflicts (0: none), or -1 when out of
 * memory. */
LOGIS_API long logis_scenario_check_fixed(const logis_scenario *scenario,
                                          logis_diagnostics *diags);
/* Has the scenario a forecast (its "forecast" member, or logis_load_options.forecast)? */
LOGIS_API int logis_scenario_has_forecast(const logis_scenario *scenario);
/* A human description of the scenario for `logis check`: counts by territory, places and size
 * histograms, households that can never be housed and why. NULL when out of memory. */
LOGIS_API char *logis_scenario_describe(const logis_scenario *scenario);

/* A variant of a scenario for capacity projections. Scaling is deterministic: ×2 copies every
 * record, ×1.5 copies every second one, ×0.5 keeps every second one; copies get new ids
 * ("D001~2"). Fixed stays are kept when their household and dwelling are. */
typedef struct {
    int stay_months; /* every household stays this long; 0 keeps the scenario's stays */
    double park;     /* dwellings scaled by this factor, in (0, 20] */
    double demand;   /* the orientation list scaled by this factor, in (0, 20] */
    double reserved[4]; /* zero (logis_variant_init): room for members to come */
} logis_variant;

/* The scenario as it is: its own stays, park and demand ×1. */
LOGIS_API void logis_variant_init(logis_variant *variant);

/* The variant as scenario JSON text in *text (caller frees), with every array inline.
 * LOGIS_E_INPUT with a message when the variant does not fit the scenario's rules. */
LOGIS_API logis_status logis_scenario_variant(const logis_scenario *base,
                                              const logis_variant *variant, char **text,
                                              logis_diagnostics *diags);

/* Rules that replace a scenario's, as commands take them from options (logis need --stay);
 * -1 keeps the scenario's. */
typedef struct {
    int stay_months; /* every household stays this long, as with logis_variant */
    int support_months, max_wait_days, start_step_days, turnover_days;
    double reserved[4]; /* zero (logis_rules_init): room for members to come */
} logis_rules;

/* Keeps every rule of the scenario (every member -1). */
LOGIS_API void logis_rules_init(logis_rules *given);

/* The scenario under those rules in *out (free with logis_scenario_free), written as a
 * document and read back: each value is checked as the scenario file's "rules" would be, and
 * LOGIS_E_INPUT reports what is wrong against "PATH with other rules". Its forecast households
 * are not carried over. */
LOGIS_API logis_status logis_scenario_with_rules(const logis_scenario *base,
                                                 const logis_rules *given, logis_scenario **out,
                                                 logis_diagnostics *diags);

/* A capacity projection: variant scenarios in a folder, planned one process each (by logis
 * project, or by GNU parallel / a job array from jobs.txt), then collected into a report. */
typedef struct logis_projection logis_projection;

/* Writes every variant as folder/variant-NNN.json (created if missing), the manifest
 * folder/projection.json and folder/jobs.txt: one "COMMAND plan SCENARIO -o PLAN --time-limit S
 * --quiet" line per variant, with absolute paths. LOGIS_E_INPUT for a variant that does not fit
 * the scenario, LOGIS_E_IO when a file cannot be written; *out is NULL then. */
LOGIS_API logis_status logis_projection_emit(const logis_scenario *base,
                                             const logis_variant *variants, size_t count,
                                             const char *folder, const char *command,
                                             double time_limit, logis_projection **out,
                                             logis_diagnostics *diags);
/* Reads the manifest of a folder written by logis_projection_emit. LOGIS_E_INPUT when it is
 * missing or malformed. */
LOGIS_API logis_status logis_projection_open(const char *folder, logis_projection **out,
                                             logis_diagnostics *diags);
LOGIS_API size_t logis_projection_count(const logis_projection *projection);
/* The files of variant index; NULL when index is out of range. */
LOGIS_API const char *logis_projection_scenario_path(const logis_projection *projection,
                                                     size_t index);
LOGIS_API const char *logis_projection_plan_path(const logis_projection *projection,
                                                 size_t index);
/* Reads every variant's plan and takes its figures. A missing plan (a warning) or an unreadable
 * one (errors) leaves its row without figures, status "missing" or "unreadable"; the status
 * returned is not LOGIS_OK only when a variant scenario cannot be read or memory runs out. */
LOGIS_API logis_status logis_projection_collect(logis_projection *projection,
                                                logis_diagnostics *diags);
/* The report, one row per variant, as JSON, CSV (RFC 4180), a text table, or an SVG chart of
 * persons housed against stay length (a line per park scale, a panel per demand scale). NULL
 * when out of memory; the caller frees. */
LOGIS_API char *logis_projection_json(const logis_projection *projection);
LOGIS_API char *logis_projection_csv(const logis_projection *projection);
LOGIS_API char *logis_projection_table(const logis_projection *projection);
LOGIS_API char *logis_projection_svg(const logis_projection *projection);
LOGIS_API void logis_projection_free(logis_projection *projection);

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
     * it can with the best plan found so far, status feasible: within about 0.1 s inside GLPK's
     * simplex, which is abandoned, unless the solving thread had a GLPK environment of its own
     * before the solve (then the simplex's chunk of 2000 iterations ends first). */
    const volatile sig_atomic_t *stop;
    /* The most memory the solve may take, in MiB, logis's model and GLPK together; 0 means no
     * limit. Default: three quarters of the machine's memory (or of the address-space limit).
     * The model's size is estimated before it is built: one over the limit is built on a coarser
     * grid of move-in dates (the plan says so, and its bound is then trivial), or refused with
     * LOGIS_E_SOLVER and what to change when even one date a household is too much. GLPK going
     * over its share ends the solve with LOGIS_E_SOLVER; the library stays usable. */
    int memory_limit;
    /* Re-plans: the stays of the previous plan that start before now + notice_days are kept as
     * they are (the families have been told). -1, the default: the scenario's rules. */
    int notice_days;
    double reserved[8]; /* zero (logis_options_init): room for members to come */
} logis_options;

/* Fills options with the defaults; always call it before setting members. */
LOGIS_API void logis_options_init(logis_options *options);

/* Builds and solves the allocation MIP. A plan is returned whenever the status is LOGIS_OK,
 * including an infeasible one (fixed stays that break the rules): check logis_plan_outcome. */
LOGIS_API logis_status logis_solve(const logis_scenario *scenario, const logis_options *options,
                                   logis_plan **out, logis_diagnostics *diags);

/* The park a list needs: for a stay and a demand scale, the smallest park scale, a multiple of
 * the resolution up to 20, at which a plan houses the whole list, that is every household some
 * dwelling of the park fits on some move-in date (not no_fit or no_date at x1, nor linked with
 * such a household: no scale houses those). The scales 1, 2, 4, 8, 16 and 20 are probed until
 * one houses it, then the search bisects down to the resolution; each probe is a plan of the
 * variant, as logis_solve makes it with the options' solve. The scaling rule is not monotone
 * (x1.55 does not hold every dwelling of x1.5), so the answer is the scale found with the one a
 * step below it, which the bisection probed: status "optimal" when that one is proven short
 * (its plan's bound is below the list's weighted persons, or a household of the list fits none
 * of its dwellings), "feasible" when its plan is not proven. "not reached": no probed scale up to
 * 20 houses the list, or a probe's households were left out only for caseloads, quotas, links or
 * fixed stays, which a larger park does not relieve; "infeasible": the fixed stays break the
 * rules; "stopped": a stop request came first. */
typedef struct {
    int stay_months;        /* the variant's, as logis_variant's */
    double demand, park;    /* the variant's demand scale; the scale probed */
    const char *verdict;    /* "houses the list", "short, proven", "short, not proven" */
    long households_housed; /* of those the list has to house */
    long households_to_house;
    double seconds;
} logis_park_probe;

typedef struct {
    double resolution;   /* default 0.05; from 0.01 to 1 */
    logis_options solve; /* each probe's plan: time limit, memory limit, stop request */
    void (*probe)(void *user, const logis_park_probe *probe); /* after each probe; may be NULL */
    void *user;
    double reserved[4]; /* zero (logis_park_search_options_init): room for members to come */
} logis_park_search_options;

/* Fills options with the defaults (solve: logis_options_init's); call it before setting
 * members. */
LOGIS_API void logis_park_search_options_init(logis_park_search_options *options);
/* Searches the park for every stay and demand scale of the projection's variants, in their
 * order, on the projection's scenario base; the answers join its report (JSON "park_searches",
 * CSV rows with a "search" column, a block under the text table). LOGIS_E_INPUT for a
 * resolution out of range or a variant that does not fit the scenario; LOGIS_E_SOLVER or
 * LOGIS_E_NOMEM when a probe fails (the searches done so far are kept). */
LOGIS_API logis_status logis_projection_search_park(logis_projection *projection,
                                                    const logis_scenario *base,
                                                    const logis_park_search_options *options,
                                                    logis_diagnostics *diags);

/* The first-come, smallest-fit plan a planner would make by hand: the baseline. */
LOGIS_API logis_status logis_plan_first_fit(const logis_scenario *scenario, logis_plan **out,
                                            logis_diagnostics *diags);
/* The same within options' time_limit and stop (NULL: none; its other members are not used):
 * stopped, the plan is the first-come plan as far as it got, feasible, its bound trivial. */
LOGIS_API logis_status logis_plan_first_fit_with(const logis_scenario *scenario,
                                                 const logis_options *options, logis_plan **out,
                                                 logis_diagnostics *diags);

/* Re-plans after a previous plan (a plan file, matched to this scenario by ids). Its stays that
 * start before now ("YYYY-MM-DD", within the horizon) are kept ("begun"), and so are those that
 * start before now + the notice ("announced"); no other stay starts before now. The later ones
 * are kept where they can be: a level between weighted persons housed and waiting minimises the
 * households, among those it housed, whose dwelling or start changes. The plan lists the
 * changes. Households of the previous plan that the scenario lacks give warnings and count as
 * no longer housed. LOGIS_E_INPUT when the date or the previous plan cannot be read. */
LOGIS_API logis_status logis_replan(const logis_scenario *scenario, const char *previous_plan,
                                    const char *now, const logis_options *options,
                                    logis_plan **out, logis_diagnostics *diags);

/* Replays: the year of a scenario lived as planners live it. From horizon.start, every
 * step_days, the households arriving before the day + lead_days are known, and logis re-plans
 * with the day as now (keeping what has begun, and what the notice protects), against the
 * scenario's forecast when use_forecast is set and the scenario has one (its announced date is
 * then the day + the lead). The stays that began make the online result; the hindsight plan
 * knows the whole year on its first day. Every plan made on the way passes the verifier. */
typedef struct {
    int lead_days;        /* default 21 */
    int step_days;        /* default 7 */
    int use_forecast;     /* default 1 */
    logis_options solve;  /* each plan's: time limit (default 10 s), notice_days, stop */
    double reserved[4];   /* zero (logis_replay_options_init): room for members to come */
} logis_replay_options;

typedef struct logis_replay logis_replay;

LOGIS_API void logis_replay_options_init(logis_replay_options *options);
/* Solves the hindsight plan (the scenario without its forecast) and the first-come plan. The
 * scenario must outlive *out. */
LOGIS_API logis_status logis_replay_new(const logis_scenario *scenario,
                                        const logis_options *solve, logis_replay **out,
                                        logis_diagnostics *diags);
/* Lives the year once with these options: one more run in the report. A stop request ends the
 * year early (the run says it is not complete). LOGIS_E_INPUT for a negative lead or a step
 * below 1. */
LOGIS_API logis_status logis_replay_run(logis_replay *replay,
                                        const logis_replay_options *options,
                                        logis_diagnostics *diags);
/* Lives the year once for each of count options, on up to `jobs` threads at once (at most
 * LOGIS_REPLAY_MAX_JOBS), each solve's memory limit shared between the threads; the runs are
 * added in the order of the options, whatever order they end in. The first failure's status,
 * after every run has ended. */
#define LOGIS_REPLAY_MAX_JOBS 64
LOGIS_API logis_status logis_replay_run_all(logis_replay *replay,
                                            const logis_replay_options *options, size_t count,
                                            int jobs, logis_diagnostics *diags);
/* Appends the runs of the replay report at path (logis_replay_json's text) of the same
 * scenario, whose years were lived elsewhere: how `logis replay --jobs` gathers the years its
 * processes lived. LOGIS_E_INPUT when the file is not such a report, or is another year's (its
 * hindsight differs). */
LOGIS_API logis_status logis_replay_add_report(logis_replay *replay, const char *path,
                                               logis_diagnostics *diags);
/* The first run's plan of the year as it was lived, on the scenario (every stay kept). */
LOGIS_API const logis_plan *logis_replay_plan(const logis_replay *replay);
/* The runs beside hindsight and first come, as JSON, CSV, a text table, and an SVG chart (the
 * share of the hindsight result against the lead, a line with and one without the forecast).
 * NULL when out of memory; logis_free them. */
LOGIS_API char *logis_replay_json(const logis_replay *replay);
LOGIS_API char *logis_replay_csv(const logis_replay *replay);
LOGIS_API char *logis_replay_table(const logis_replay *replay);
LOGIS_API char *logis_replay_svg(const logis_replay *replay);
LOGIS_API void logis_replay_free(logis_replay *replay);

/* What to capture: the fewest dwellings to add to the park so that every household some
 * dwelling could house is housed (a household that fits nothing gets a dwelling of its size).
 * Solved exactly (status optimal) within the options' time limit. */
typedef struct logis_need logis_need;

/* The scenario must outlive *out. LOGIS_E_INPUT when the fixed stays break the rules;
 * LOGIS_E_SOLVER or LOGIS_E_NOMEM with a message otherwise; *out is NULL then. */
LOGIS_API logis_status logis_need_solve(const logis_scenario *scenario,
                                        const logis_options *options, logis_need **out,
                                        logis_diagnostics *diags);
/* {"dwellings": [dwelling objects with new ids, available_from = the date first needed],
 * "summary": {...}}. NULL when out of memory. */
LOGIS_API char *logis_need_to_json(const logis_need *need);
/* The scenario with those dwellings appended, every array inline. NULL when out of memory. */
LOGIS_API char *logis_need_scenario_json(const logis_need *need);
/* A few lines for people. NULL when out of memory. */
LOGIS_API char *logis_need_summary(const logis_need *need);
/* The plan the need solve found, on the scenario with the dwellings appended (loaded from
 * logis_need_scenario_json's text): the proof that they house everyone. Status feasible: it is
 * the need's plan, not optimised for that scenario. LOGIS_E_INPUT when appended is not that
 * scenario. */
LOGIS_API logis_status logis_need_plan(const logis_need *need, const logis_scenario *appended,
                                       logis_plan **out, logis_diagnostics *diags);
LOGIS_API void logis_need_free(logis_need *need);

LOGIS_API void logis_plan_free(logis_plan *plan);

typedef enum { LOGIS_OPTIMAL = 0, LOGIS_FEASIBLE = 1, LOGIS_INFEASIBLE = 2 } logis_outcome;
LOGIS_API logis_outcome logis_plan_outcome(const logis_plan *plan);

/* Who goes where: one stay of a plan. The ids belong to the plan's scenario and live as long as
 * it does; the dates are copied in, "YYYY-MM-DD", end exclusive. */
typedef struct {
    const char *household;
    const char *dwelling;
    char start[11];
    char end[11];
} logis_assignment;

/* The number of stays in the plan; 0 for NULL. */
LOGIS_API size_t logis_plan_assignment_count(const logis_plan *plan);
/* Fills *out with the stay at index, in the plan's order: by dwelling id, then start (a loaded
 * plan keeps its file's order). LOGIS_E_INPUT, *out zeroed, when plan is NULL or index is out
 * of range. */
LOGIS_API logis_status logis_plan_assignment(const logis_plan *plan, size_t index,
                                             logis_assignment *out);

/* The plan as JSON text (the documented plan format). NULL when out of memory. */
LOGIS_API char *logis_plan_to_json(const logis_plan *plan);
/* A few lines for people: persons and households housed, by territory, status, time; for an
 * infeasible plan, the conflicting fixed stays. NULL when out of memory. */
LOGIS_API char *logis_plan_summary(const logis_plan *plan);

/* Reads a plan file written by logis or by hand, against the scenario it is for. */
LOGIS_API logis_status logis_plan_load(const char *path, const logis_scenario *scenario,
                                       logis_plan **out, logis_diagnostics *diags);
/* logis_plan_load with options (only max_input_bytes applies; NULL: the defaults). */
LOGIS_API logis_status logis_plan_load_with(const char *path, const logis_scenario *scenario,
                                            const logis_load_options *options, logis_plan **out,
                                            logis_diagnostics *diags);

/* Checks a plan against every rule and against the counts it reports. Each violation is
 * appended to diags as an error. Returns the number of violations, or -1 when out of memory. */
LOGIS_API long logis_plan_verify(const logis_scenario *scenario, const logis_plan *plan,
                                 logis_diagnostics *diags);

/* Explaining a plan. Both take a plan that keeps rules 1-6 (else LOGIS_E_INPUT, the violations
 * in diags) and write their answer into *out (the caller's to free): text for people when json
 * is 0, else a JSON object (README, "Explain and suggest").
 * logis_explain: for a household left out, every dwelling that fits it and, on each of its
 * move-in dates, what is in the way (households holding the dwelling, the team's caseload, the
 * availability); for a housed one, its stay, the other places free for it without moving
 * anyone, and how they compare by the objective. LOGIS_E_INPUT for an unknown household id,
 * and for one the plan neither houses nor lists as left out. */
LOGIS_API logis_status logis_explain(const logis_scenario *scenario, const logis_plan *plan,
                                     const char *household_id, int json, char **out,
                                     logis_diagnostics *diags);
/* logis_suggest: where one more household could go. household_path names a JSON file holding
 * one household object as in an orientation list ("-": standard input), validated as the
 * scenario's households are (LOGIS_E_INPUT, with file and JSON Pointer in diags). The answer
 * lists the places free without moving anyone, earliest move-in then fewest empty places first;
 * when there is none, the best place that moves the fewest other households (at most two),
 * each move listed. */
LOGIS_API logis_status logis_suggest(const logis_scenario *scenario, const logis_plan *plan,
                                     const char *household_path, int json, char **out,
                                     logis_diagnostics *diags);

/* Writes text to path through a temporary file in the same folder, flushed and renamed: an
 * existing file is replaced whole or not at all. LOGIS_E_IO or LOGIS_E_NOMEM with a message in
 * diags. */
LOGIS_API logis_status logis_write_file(const char *path, const char *text,
                                        logis_diagnostics *diags);
/* Writes texts[i] to paths[i] for each i below count, all or none: each to a temporary file
 * beside its path, every one renamed into place only once all were written (a command's several
 * outputs). A NULL path is skipped. LOGIS_E_IO (the path in diags) or LOGIS_E_NOMEM, and then
 * no path was replaced. */
LOGIS_API logis_status logis_write_files(const char *const *paths, const char *const *texts,
                                         size_t count, logis_diagnostics *diags);

/* Reports for people: writes into folder (created, with its parents, when missing; its files
 * are all replaced or none is: every text is made first, each goes to a temporary file, all are
 * renamed into place once every one is written) assignments.csv, unassigned.csv,
 * occupancy.csv, gantt.svg and report.html, a self-contained page. A report that fails leaves
 * no folder it made. The plan must be one of the scenario's. It is verified first
 * (logis_plan_verify): a plan that breaks the rules is refused with LOGIS_E_INPUT, each
 * violation an error in diags, unless logis_report_options.force (an infeasible plan, whose
 * fixed stays break the rules, is not verified: its report says so). LOGIS_E_IO (with the path
 * in diags) when a file or the folder cannot be written, LOGIS_E_INPUT when the plan belongs to
 * another scenario, LOGIS_E_NOMEM (nothing is made then). */
LOGIS_API logis_status logis_report_write(const logis_scenario *scenario, const logis_plan *plan,
                                          const char *folder, logis_diagnostics *diags);

typedef struct {
    /* When non-zero, a plan that breaks the rules is reported all the same, its violations
     * errors in diags and named by a red banner on every page of report.html and in gantt.svg.
     * Default 0: such a plan is refused. */
    int force;
    /* When set, called with 1 just before the report's folder and files are made, and with 0
     * once they are whole or gone: a program that a signal could end half-way (leaving
     * temporaries) holds its signals in between, and only then, not while the plan is verified
     * and the pages are built (minutes for a plan of 200,000 households). May be NULL. */
    void (*writing)(void *user, int begins);
    void *user; /* given to writing */
    double reserved[2]; /* zero (logis_report_options_init): room for members to come */
} logis_report_options;

/* Fills options with the defaults; always call it before setting members. */
LOGIS_API void logis_report_options_init(logis_report_options *options);
/* logis_report_write with options (NULL: the defaults, which logis_report_write uses). When
 * violations is not NULL it gets the number of violations found (0 when the plan keeps the
 * rules or is not verified, -1 when out of memory), forced or not: a caller tells a refused
 * plan from another input error by it. */
LOGIS_API logis_status logis_report_write_with(const logis_scenario *scenario,
                                               const logis_plan *plan, const char *folder,
                                               const logis_report_options *options,
                                               long *violations, logis_diagnostics *diags);

/* Spreadsheets in and out: the dwellings or households arrays as CSV, one column per JSON
 * member, lists (features, needs, territories) joined by ';', booleans true/false, an empty
 * cell for an absent member. */
/* LOGIS_SCORES: the outcome scores' matrix (first column household ids, one column per
 * territory id; empty or NA cells score 0). logis_csv_to_json makes the scenario's "scores" list
 * [{"household", "territory", "value"}] of it, the cells that score 0 left out;
 * logis_json_to_csv writes it from a scenario, wherever it gives its scores (households, list,
 * CSV file), loading the scenario as logis_scenario_load does. */
typedef enum { LOGIS_DWELLINGS = 0, LOGIS_HOUSEHOLDS = 1, LOGIS_SCORES = 2 } logis_record_kind;

/* Reads a CSV file with a header row and makes the JSON array of its records (*json_text, the
 * caller's). On failure *json_text is NULL and diags says what is wrong, by row and column:
 * LOGIS_E_INPUT, or LOGIS_E_NOMEM. Columns logis does not know are warned about and left out. */
LOGIS_API logis_status logis_csv_to_json(logis_record_kind kind, const char *csv_path,
                                         char **json_text, logis_diagnostics *diags);
/* logis_csv_to_json with options (max_input_bytes applies; NULL: the defaults). */
LOGIS_API logis_status logis_csv_to_json_with(logis_record_kind kind, const char *csv_path,
                                              const logis_load_options *options,
                                              char **json_text, logis_diagnostics *diags);
/* Writes the records of a JSON file, a bare array or a scenario (its "dwellings" or
 * "households", inline or in the file it names), as CSV text (*csv_text, the caller's) in the
 * columns logis_csv_to_json reads. The file a scenario names is read as logis_scenario_load
 * reads it: refused outside the scenario's folder. On failure *csv_text is NULL: LOGIS_E_INPUT
 * (diags locates each problem by JSON Pointer), or LOGIS_E_NOMEM. Unknown members are warned
 * about and left out. */
LOGIS_API logis_status logis_json_to_csv(logis_record_kind kind, const char *json_path,
                                         char **csv_text, logis_diagnostics *diags);
/* logis_json_to_csv with options (max_input_bytes and allow_outside apply; NULL: the
 * defaults). */
LOGIS_API logis_status logis_json_to_csv_with(logis_record_kind kind, const char *json_path,
                                              const logis_load_options *options,
                                              char **csv_text, logis_diagnostics *diags);

#ifdef __cplusplus
}
#endif
#endif
