/* The rules of a plan (fit, dates, ends, occupancy intervals), written once for every user. */
#include "domain/rules.h"

bool household_accepts_territory(const household *h, int territory_index)
{
    if (h->territory_count == 0)
        return true;
    for (int i = 0; i < h->territory_count; i++)
        if (h->territories[i] == territory_index)
            return true;
    return false;
}

fit_result rule_fit(const household *h, const dwelling *d)
{
    if (h->size > d->places)
        return FIT_TOO_SMALL;
    if ((h->needs & ~d->features) != 0)
        return FIT_MISSING_FEATURE;
    if (!household_accepts_territory(h, d->territory))
        return FIT_WRONG_TERRITORY;
    if (d->shared && !h->may_share)
        return FIT_NOT_SHARING;
    if ((h->lease == WANTS_TEMPORARY && d->lease != LEASE_TEMPORARY) ||
        (h->lease == WANTS_SLIDING && d->lease != LEASE_SLIDING))
        return FIT_WRONG_LEASE;
    return FIT_OK;
}

day_t rule_stay_end(const logis_scenario *s, const household *h, const dwelling *d, day_t start)
{
    int months = d->lease == LEASE_SLIDING ? s->rules.support_months : h->stay_months;
    return date_add_months(start, months);
}

day_t rule_occupied_until(const logis_scenario *s, const dwelling *d, day_t end)
{
    return d->lease == LEASE_SLIDING ? DAY_NONE_AFTER : end + s->rules.turnover_days;
}

day_t rule_support_end(const logis_scenario *s, day_t start)
{
    return date_add_months(start, s->rules.support_months);
}

bool rule_start_on_grid(const logis_scenario *s, const household *h, day_t start)
{
    int wait = start - h->arrival;
    return wait >= 0 && wait <= s->rules.max_wait_days && wait % s->rules.start_step_days == 0 &&
           start >= s->horizon_start && start < s->horizon_end;
}

bool rule_within_availability(const dwelling *d, day_t start, day_t end)
{
    return start >= d->available_from && end <= d->available_until;
}

bool rule_dates_in_dwelling(const logis_scenario *s, const dwelling *d, day_t start, day_t end)
{
    return start >= s->horizon_start && start < s->horizon_end &&
           rule_within_availability(d, start, end);
}

bool rule_same_placements(const household *a, const household *b)
{
    if (a->arrival != b->arrival || a->size != b->size || a->stay_months != b->stay_months ||
        a->needs != b->needs || a->may_share != b->may_share || a->lease != b->lease ||
        a->territory_count != b->territory_count)
        return false;
    for (int i = 0; i < a->territory_count; i++)
        if (a->territories[i] != b->territories[i])
            return false;
    return true;
}

int rule_max_starts(const logis_scenario *s)
{
    return s->rules.max_wait_days / s->rules.start_step_days + 1;
}

int rule_grid_starts(const logis_scenario *s, const household *h, day_t *starts)
{
    int count = 0;
    for (int wait = 0; wait <= s->rules.max_wait_days; wait += s->rules.start_step_days) {
        day_t start = h->arrival + wait;
        if (start >= s->earliest_start && start >= s->horizon_start && start < s->horizon_end)
            starts[count++] = start;
    }
    return count;
}

int rule_objective_levels(const logis_scenario *s, bool replanning, int *levels)
{
    int count = 0;
    levels[count++] = s->objective_count > 0 ? s->objective_order[0] : LEVEL_PERSONS;
    if (replanning && !s->rolling_window) /* a window moves what it likes */
        levels[count++] = LEVEL_CHANGES;
    for (int k = 1; k < s->objective_count; k++)
        levels[count++] = s->objective_order[k];
    return count;
}

int rule_default_objective(const logis_scenario *s, int *levels)
{
    int count = 0;
    levels[count++] = LEVEL_PERSONS;
    if (s->has_scores)
        levels[count++] = LEVEL_SCORE;
    levels[count++] = LEVEL_WAIT;
    levels[count++] = LEVEL_EMPTY;
    return count;
}

const char *rule_level_word(int level)
{
    static const char *const words[OBJECTIVE_LEVELS] = {
        [LEVEL_PERSONS] = "persons", [LEVEL_SCORE] = "score", [LEVEL_WAIT] = "wait",
        [LEVEL_EMPTY] = "empty"};
    return level >= 0 && level < OBJECTIVE_LEVELS ? words[level] : NULL;
}
