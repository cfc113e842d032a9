/* The rules of a plan, one function each, shared by the formulation, the heuristics, the plan
 * extraction and the verifier so that they can never disagree. */
#ifndef LOGIS_RULES_H
#define LOGIS_RULES_H

#include "domain/scenario.h"

/* Why a household and a dwelling do not fit (rule 2), or FIT_OK. */
typedef enum {
    FIT_OK,
    FIT_TOO_SMALL,
    FIT_MISSING_FEATURE,
    FIT_WRONG_TERRITORY,
    FIT_NOT_SHARING,
    FIT_WRONG_LEASE
} fit_result;

fit_result rule_fit(const household *h, const dwelling *d);
bool household_accepts_territory(const household *h, int territory_index);

/* Rule 4: the end of a stay starting on start. */
day_t rule_stay_end(const logis_scenario *s, const household *h, const dwelling *d, day_t start);
/* Rule 5: the end of the interval a stay keeps the dwelling from others: end + turnover for a
 * temporary dwelling; for a sliding lease, never (the dwelling leaves the park). */
day_t rule_occupied_until(const logis_scenario *s, const dwelling *d, day_t end);
/* Rule 6: the end of the accompaniment. */
day_t rule_support_end(const logis_scenario *s, day_t start);

/* Rule 3 without the dwelling: on the household's grid, within its waiting limit and the
 * horizon. */
bool rule_start_on_grid(const logis_scenario *s, const household *h, day_t start);
/* Rule 3 for the dwelling: within its availability (start and end)... */
bool rule_within_availability(const dwelling *d, day_t start, day_t end);
/* ...and, for a stay still to decide, in the horizon too. */
bool rule_dates_in_dwelling(const logis_scenario *s, const dwelling *d, day_t start, day_t end);

/* Can a and b take exactly the same stays (dwellings, dates, ends)? */
bool rule_same_placements(const household *a, const household *b);
/* The household's move-in dates on its grid within the horizon and from the scenario's earliest
 * start (the re-plan date), earliest first, into starts (room for rule_max_starts); returns how
 * many. */
int rule_max_starts(const logis_scenario *s);
int rule_grid_starts(const logis_scenario *s, const household *h, day_t *starts);

/* Rule 8: does a move-in on start in territory-bound quota q count against it? */
static inline bool rule_in_quota(const quota *q, day_t start)
{
    return q->from <= start && start < q->until;
}

/* The outcome score of household h housed in territory t: 0 unless given. */
static inline double rule_score(const household *h, int territory_index)
{
    return h->scores ? h->scores[territory_index] : 0.0;
}

/* The objective levels optimised, in order, into levels (room for OBJECTIVE_LEVELS): the
 * scenario's order, with fewest changes right after the first level when re-planning. Returns
 * how many. */
int rule_objective_levels(const logis_scenario *s, bool replanning, int *levels);
/* The order a scenario without an "objective" member has: persons, score (when some household
 * has scores), wait, empty; into levels, returning how many. */
int rule_default_objective(const logis_scenario *s, int *levels);
/* The word of a level in a scenario's "objective" ("persons", ...); NULL for the changes. */
const char *rule_level_word(int level);

/* Do the occupied intervals [a0, a1) and [b0, b1) overlap? */
static inline bool intervals_overlap(day_t a0, day_t a1, day_t b0, day_t b1)
{
    return a0 < b1 && b0 < a1;
}

#endif
