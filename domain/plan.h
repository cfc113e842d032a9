/* A plan: the stays it makes, the households it leaves out with their reason, its objective
 * values and figures, and how it was solved. Shared by the solver, the JSON files and verify. */
#ifndef LOGIS_PLAN_H
#define LOGIS_PLAN_H

#include "domain/scenario.h"

/* LEFT_PAST: re-planning, every move-in date of the household is before the re-plan date. */
typedef enum { LEFT_NO_FIT, LEFT_NO_DATE, LEFT_CAPACITY, LEFT_PAST, LEFT_CODES } left_out_code;

typedef struct {
    int household, dwelling;
    day_t start, end;
    kept_reason kept; /* KEPT_NONE unless the stay is one of the fixed stays */
} stay;

typedef struct {
    int household;
    left_out_code code;
    char *reason;
    bool beyond_park; /* capacity that a larger park does not relieve (set by solves only) */
} left_out;

/* Figures of a territory, or of the whole park. */
typedef struct {
    long households_housed, persons_housed, dwellings, places;
    double person_days, place_days; /* within the horizon */
    double score;                   /* the outcome scores of the households housed */
} park_figures;

typedef struct {
    long households, persons;
    long weighted_persons_housed, wait_person_days, empty_place_days;
    double mean_wait_days;
    park_figures park;
    park_figures *territories; /* one per territory of the scenario */
} plan_figures;

/* The figures a plan file states about itself, checked by verify against its assignments. */
typedef enum {
    CLAIM_WEIGHTED_PERSONS_HOUSED,
    CLAIM_SCORE, /* stated only when the scenario scores (plan_states_score) */
    CLAIM_WAIT_PERSON_DAYS,
    CLAIM_EMPTY_PLACE_DAYS,
    CLAIM_HOUSEHOLDS,
    CLAIM_HOUSEHOLDS_HOUSED,
    CLAIM_PERSONS,
    CLAIM_PERSONS_HOUSED,
    CLAIM_DWELLINGS,
    CLAIM_PLACES,
    CLAIM_OCCUPANCY,
    CLAIM_MEAN_WAIT_DAYS,
    CLAIM_COUNT
} claim;

typedef struct {
    const char *section; /* "objective" or "summary" */
    const char *name;
    double tolerance; /* the figure is written rounded to within it */
} claim_info;

extern const claim_info claim_table[CLAIM_COUNT];
/* Does a plan of s state its score: some household has one, or the objective names it? */
bool plan_states_score(const logis_scenario *s);
/* The figure's value as the plan states it. */
double claim_value(const plan_figures *figures, claim which);

/* The per-territory figures of a plan's summary. */
typedef enum {
    TERRITORY_HOUSEHOLDS_HOUSED,
    TERRITORY_PERSONS_HOUSED,
    TERRITORY_DWELLINGS,
    TERRITORY_PLACES,
    TERRITORY_OCCUPANCY,
    TERRITORY_SCORE, /* as CLAIM_SCORE */
    TERRITORY_CLAIM_COUNT
} territory_claim;

extern const char *const territory_claim_names[TERRITORY_CLAIM_COUNT];
double territory_claim_value(const park_figures *figures, territory_claim which);

/* What an assignment states besides its stay: NaN, or -1 for the territory, when absent. */
typedef struct {
    int territory;
    double size, places, wait_days;
} stay_claims;

/* What solver.levels[0] states: the objective level it names (-1: none that logis knows), its
 * value and its bound (NaN when absent). */
typedef struct {
    int level;
    double value, bound;
} level_claim;

/* The counts of a re-plan's "replan" member, in the order the plan states them. */
typedef enum {
    REPLAN_KEPT,
    REPLAN_MOVED,
    REPLAN_NEWLY_HOUSED,
    REPLAN_NO_LONGER_HOUSED,
    REPLAN_MISSING,
    REPLAN_COUNT_KINDS
} replan_count;

extern const char *const replan_count_names[REPLAN_COUNT_KINDS];

typedef struct {
    double values[CLAIM_COUNT]; /* NaN where the file states nothing */
    double (*territories)[TERRITORY_CLAIM_COUNT]; /* per territory; NULL when not stated */
    int *territory_listings; /* per territory, the items of summary.territories naming it */
    stay_claims *stays; /* parallel to the plan's stays; NULL when not read from a file */
    double bound, gap;  /* objective.bound and .gap as a file states them; NaN when it does not */
    double score_bound, score_gap; /* objective.score_bound and .score_gap, or NaN */
    level_claim first_level;
    double replan[REPLAN_COUNT_KINDS]; /* the "replan" member's counts; NaN when not stated */
} plan_claims;

/* How the solver left an objective level. */
typedef struct {
    bool solved;  /* the level was optimised (not skipped for lack of time) */
    bool optimal; /* proven */
    double value, bound;
} level_outcome;

/* How a re-plan changed one household's stay. Ids are copied: the household or the dwelling of
 * the previous plan may be missing from the scenario. */
typedef struct {
    char *household;     /* its id */
    char *from_dwelling; /* NULL: the previous plan did not house it */
    day_t from_start;
    int to_dwelling; /* -1: not housed now */
    day_t to_start;
} plan_change;

typedef struct {
    day_t now;
    int notice_days; /* stays starting before now + notice were kept; -1: the plan does not say */
    int kept, moved, newly_housed, no_longer_housed;
    int missing; /* households of the previous plan that the scenario no longer has */
} replan_counts;

struct logis_plan {
    const logis_scenario *scenario; /* borrowed: the scenario outlives its plans */
    logis_outcome outcome;
    stay *stays;
    int stay_count;
    size_t stay_capacity;
    left_out *left;
    int left_count;
    size_t left_capacity;
    double bound, gap;
    bool bound_trivial; /* the bound holds for any plan: no relaxation stands behind it */
    int coarser_step;   /* the solve used this coarser grid of move-in dates (0: the rules') */
    double seconds;
    int rows, columns, nodes;
    level_outcome levels[OBJECTIVE_LEVELS]; /* all unsolved for plans not made by the solver */
    char **conflicts; /* for an infeasible plan: the fixed stays that break the rules */
    int conflict_count;
    size_t conflict_capacity;
    plan_claims claims;
    bool replanned; /* made by a re-plan: the changes below are reported */
    replan_counts replan;
    plan_change *changes; /* every household not kept, by household id */
    int change_count;
    size_t change_capacity;
    int forecast_expected; /* households of the forecast the solve planned against (0: none) */
    day_t forecast_after;  /* the forecast's announced_until */
    int forecast_samples;  /* the sampled futures it was planned against */
    char *source; /* the file a loaded plan came from, for messages */
    const char *solver_version; /* static text */
};

/* An empty plan for the scenario; NULL when out of memory. */
logis_plan *plan_new(const logis_scenario *s);
/* Adds a stay or a left-out household (reason copied). False when out of memory. */
bool plan_add_stay(logis_plan *plan, int household_index, int dwelling_index, day_t start,
                   day_t end);
bool plan_add_left(logis_plan *plan, int household_index, left_out_code code,
                   const char *reason);
bool plan_add_conflict(logis_plan *plan, const char *message);
/* Adds a re-plan's change (ids copied; from_dwelling NULL: not housed before; to_dwelling -1:
 * not housed now). False when out of memory. */
bool plan_add_change(logis_plan *plan, const char *household_id, const char *from_dwelling,
                     day_t from_start, int to_dwelling, day_t to_start);
/* Sorts stays by dwelling id then start, left-out households by id: the plan's order. */
void plan_sort(logis_plan *plan);
/* Recomputes every figure from the stays. False when out of memory. */
bool plan_figures_compute(const logis_plan *plan, plan_figures *figures);
/* The figure of objective level (LEVEL_*) among the claims, or -1 for a level with none. */
int claim_of_level(int level);
/* The re-plan's counts as its changes and stays give them: each change counts by where it goes
 * from and to (a household the scenario lacks also as missing), each stay whose household is
 * not among the changes as kept. now and notice_days are the plan's. */
replan_counts plan_count_changes(const logis_plan *plan);
/* The counts in replan_count order. */
void replan_counts_list(const replan_counts *counts, int list[REPLAN_COUNT_KINDS]);
/* The weighted persons of every household: a bound every plan keeps to, the one a plan states
 * when nothing better is known. */
double plan_trivial_bound(const logis_scenario *s);
/* Σ priority × size over the housed households (level 1 without the forecast's weights); 0 for
 * NULL. */
long plan_weighted_persons(const logis_plan *plan);
/* Each of household_count households' stay in the plan (an index into its stays), -1 when it
 * has none; NULL when out of memory. */
int *plan_stay_index(const logis_plan *plan, int household_count);
void plan_figures_free(plan_figures *figures);
const char *left_out_code_name(left_out_code code);
/* "given", "begun", "announced" ("" for KEPT_NONE): the "kept" member of a plan's assignment. */
const char *kept_reason_name(kept_reason kept);

#endif
