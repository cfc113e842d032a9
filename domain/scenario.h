/* The domain: territories, dwellings, households, fixed stays and rules of a scenario, after
 * validation, with ids resolved to indices. */
#ifndef LOGIS_SCENARIO_H
#define LOGIS_SCENARIO_H

#include "base/date.h"
#include "base/idmap.h"
#include "logis.h"

#include <stdbool.h>
#include <stdint.h>

enum {
    DAY_NONE_BEFORE = -1000000, /* available_from when absent */
    DAY_NONE_AFTER = 1000000,   /* available_until when absent */
    MAX_FEATURES = 64,          /* features and needs are kept as a 64-bit set */
    NO_CASELOAD = -1,
    NO_QUOTA = -1,              /* a quota's persons or households when absent */
    MAX_SHARED_PLACES = 1000,   /* a collective site; unshared dwellings have at most 50 */
    MAX_UNSHARED_PLACES = 50
};

typedef uint64_t feature_set;

typedef enum { LEASE_TEMPORARY, LEASE_SLIDING } lease_kind;
typedef enum { WANTS_ANY, WANTS_TEMPORARY, WANTS_SLIDING } lease_wish;

/* At most `persons` persons and `households` households (NO_QUOTA: no limit) move into the
 * territory's dwellings on dates in [from, until): a regional target, a yearly capacity. */
typedef struct {
    day_t from, until;
    int persons, households;
} quota;

typedef struct {
    char *id;
    char *name;
    int caseload; /* NO_CASELOAD when absent */
    quota *quotas;
    int quota_count;
} territory;

typedef struct {
    char *id;
    int territory;
    int places;
    lease_kind lease;
    bool shared;
    feature_set features;
    day_t available_from, available_until; /* half-open; DAY_NONE_* when absent */
} dwelling;

typedef struct {
    char *id;
    int size;
    day_t arrival;
    int stay_months; /* the household's own, or the rule's */
    feature_set needs;
    int *territories; /* accepted territories, sorted; none means any */
    int territory_count;
    int priority;
    bool may_share;
    lease_wish lease;
    /* The objective's multiplier of priority × size: 1, except in the scenario a forecast
     * solve builds, where announced households weigh more than expected ones (forecast). */
    int weight;
    bool forecast; /* an expected household of a forecast, never in any output */
    int sample;    /* the sampled future an expected household comes in (0: announced) */
    /* The outcome score of each territory (indexed by territory; NULL: every score 0). */
    double *scores;
    int link; /* the index of its link, or NO_LINK */
} household;

/* Frees what the household owns: its territory list and scores (household_release_lists), and
 * its id too (household_release). */
void household_release_lists(household *h);
void household_release(household *h);

/* Households housed all or none, all in one territory (the scenario's "links"). */
enum { NO_LINK = -1 };
typedef struct {
    int *members; /* household indices, ascending */
    int count;
} link_group;

/* Why a stay is fixed: the scenario gave it (its "fixed" list), or a re-plan kept it from the
 * previous plan because it has begun (before now) or was announced to the family (before now +
 * notice). KEPT_NONE: a stay the solver chose. */
typedef enum { KEPT_NONE, KEPT_GIVEN, KEPT_BEGUN, KEPT_ANNOUNCED } kept_reason;

typedef struct {
    int household, dwelling;
    day_t start;
    kept_reason kept;
} fixed_stay;

/* The objective levels: most weighted persons housed; when re-planning, fewest households moved
 * from the previous plan; highest outcome score; least waiting; fewest empty place-days. The
 * scenario's objective_order says which are optimised, and in what order. */
enum { LEVEL_PERSONS, LEVEL_CHANGES, LEVEL_SCORE, LEVEL_WAIT, LEVEL_EMPTY, OBJECTIVE_LEVELS };

/* A re-plan: where the previous plan put each household (dwelling -1: nowhere). Its stays
 * before the re-plan date are among the scenario's fixed stays. */
typedef struct {
    int *previous_dwelling;
    day_t *previous_start;
    day_t now;
    int notice_days; /* the previous plan's stays starting before now + notice are kept */
} replan_info;

enum { FORECAST_DEFAULT_SAMPLES = 9, FORECAST_MAX_SAMPLES = 64 };

/* The lists to come, as a past orientation list shows them (the scenario's "forecast"): its
 * households arrive shift_days later than written; those arriving before announced_until are
 * ignored, the real lists being complete until then. */
typedef struct {
    household *households;
    int count;
    idmap ids;
    int shift_days;
    day_t announced_until; /* DAY_NONE_AFTER: the day after the latest announced arrival */
    int samples;           /* sampled futures a plan is made against */
    bool given;
} forecast_list;

typedef struct rules {
    int stay_months, support_months, max_wait_days, start_step_days, turnover_days;
    int notice_days; /* re-plans keep the previous plan's stays that start before now + notice */
} rules;

/* What a day of a resource is worth to the lists to come, in weighted persons, as a forecast
 * solve prices it from its sampled futures: a place in a dwelling (the owner is the dwelling),
 * or a household in a team's caseload (the owner is the territory). Sorted by kind, owner and
 * day; `total` sums the prices of the owner's days up to this one. */
typedef enum { POTENTIAL_PLACE, POTENTIAL_CASELOAD } potential_kind;

typedef struct {
    potential_kind kind;
    int owner;
    day_t day;
    double total;
} potential;

typedef struct {
    potential *items;
    int count;
    day_t from; /* days before it are not priced: the futures planned in full cover them */
} potentials;

/* The price of holding a unit of the resource from `from` until `until` (half-open), counted
 * on the days priced. */
double potentials_over(const potentials *p, potential_kind kind, int owner, day_t from,
                       day_t until);

struct logis_scenario {
    char *name;
    char *path;
    day_t horizon_start, horizon_end;
    rules rules;
    territory *territories;
    dwelling *dwellings;
    household *households;
    fixed_stay *fixed;
    int territory_count, dwelling_count, household_count, fixed_count;
    char *features[MAX_FEATURES]; /* names of the bits of feature_set */
    int feature_count;
    idmap territory_ids, dwelling_ids, household_ids;
    const replan_info *replan; /* NULL unless re-planning */
    /* The first move-in date of a stay that is not fixed: horizon_start, or the re-plan date
     * (what has begun cannot change, and nobody moves in in the past). */
    day_t earliest_start;
    forecast_list forecast;
    link_group *links;
    int link_count;
    bool has_scores; /* some household has a score */
    bool rolling_window; /* a window of a long horizon's first plan: not split again */
    /* The levels to optimise, in order (a re-plan adds the changes right after the first). */
    int objective_order[OBJECTIVE_LEVELS];
    int objective_count;
    const potentials *potentials; /* NULL but in the scenario a forecast solve builds */
};

#endif
