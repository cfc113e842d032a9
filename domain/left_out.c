/* The reasons written into plans for households left out because nothing fits them (no_fit) or
 * no move-in date does (no_date), phrased for planners; capacity reasons come from the solver. */
#include "domain/left_out.h"

#include "base/date.h"
#include "domain/rules.h"

#include <stdio.h>
#include <string.h>

/* Could the household go into the dwelling if its size and needs allowed? */
static bool eligible(const household *h, const dwelling *d)
{
    fit_result fit = rule_fit(h, &(dwelling){.territory = d->territory,
                                             .places = 50,
                                             .lease = d->lease,
                                             .shared = d->shared,
                                             .features = ~(feature_set)0});
    return fit == FIT_OK;
}

static const char *where(const household *h)
{
    return h->territory_count ? "in its territories" : "in the park";
}

static void list_needs(const logis_scenario *s, feature_set needs, char *text, size_t size)
{
    text[0] = '\0';
    for (int i = 0; i < s->feature_count; i++)
        if (needs & ((feature_set)1 << i)) {
            size_t used = strlen(text);
            snprintf(text + used, size - used, "%s%s", used ? ", " : "", s->features[i]);
        }
}

static bool any_in_territories(const logis_scenario *s, const household *h)
{
    for (int d = 0; d < s->dwelling_count; d++)
        if (household_accepts_territory(h, s->dwellings[d].territory))
            return true;
    return false;
}

static left_out_code explain_no_fit(const logis_scenario *s, const household *h, int most,
                                    bool big_enough, char *reason, size_t size)
{
    char needs[200];
    list_needs(s, h->needs, needs, sizeof needs);
    if (most == 0 && !any_in_territories(s, h))
        snprintf(reason, size, "there is no dwelling %s", where(h));
    else if (most == 0 && h->lease != WANTS_ANY)
        snprintf(reason, size, "no dwelling %s has the %s lease it asks for", where(h),
                 h->lease == WANTS_SLIDING ? "sliding" : "temporary");
    else if (most == 0)
        snprintf(reason, size, "the dwellings %s are shared and it may not share", where(h));
    else if (!big_enough)
        snprintf(reason, size, "size %d > %d, the most places %s", h->size, most, where(h));
    else
        snprintf(reason, size, "needs %s: no dwelling of %d+ places %s has them", needs, h->size,
                 where(h));
    return LEFT_NO_FIT;
}

typedef enum { NO_DATE, ONLY_PAST_DATES, SOME_DATE } date_finding;

/* Has the household a move-in date in the dwelling, and is one of them from the earliest start
 * (a re-plan's date) on? */
static date_finding find_date(const logis_scenario *s, const household *h, const dwelling *d)
{
    date_finding found = NO_DATE;
    for (int wait = 0; wait <= s->rules.max_wait_days; wait += s->rules.start_step_days) {
        day_t start = h->arrival + wait;
        if (!rule_start_on_grid(s, h, start) ||
            !rule_dates_in_dwelling(s, d, start, rule_stay_end(s, h, d, start)))
            continue;
        if (start >= s->earliest_start)
            return SOME_DATE;
        found = ONLY_PAST_DATES;
    }
    return found;
}

/* Do the two dwellings answer every question above alike (all but their ids)? */
static bool alike(const dwelling *a, const dwelling *b)
{
    return a->territory == b->territory && a->places == b->places && a->lease == b->lease &&
           a->shared == b->shared && a->features == b->features &&
           a->available_from == b->available_from && a->available_until == b->available_until;
}

left_out_code explain_left_out(const logis_scenario *s, int index, char *reason, size_t size)
{
    const household *h = &s->households[index];
    int most = 0, fitting = 0;
    bool big_enough = false, past = false, last_fitted = false;
    for (int d = 0; d < s->dwelling_count; d++) {
        const dwelling *dw = &s->dwellings[d];
        /* a run of alike dwellings (logis need's candidates: millions at ×10) asks once */
        if (d > 0 && alike(dw, &s->dwellings[d - 1])) {
            fitting += last_fitted;
            continue;
        }
        last_fitted = false;
        if (!eligible(h, dw))
            continue;
        most = dw->places > most ? dw->places : most;
        big_enough = big_enough || dw->places >= h->size;
        if (rule_fit(h, dw) != FIT_OK)
            continue;
        date_finding found = find_date(s, h, dw);
        if (found == SOME_DATE)
            return LEFT_CAPACITY;
        past = past || found == ONLY_PAST_DATES;
        fitting++;
        last_fitted = true;
    }
    if (fitting == 0)
        return explain_no_fit(s, h, most, big_enough, reason, size);
    char first[DATE_TEXT_SIZE];
    if (past) {
        date_format(s->earliest_start, first);
        snprintf(reason, size, "its move-in dates are before %s, the date of the re-plan", first);
        return LEFT_PAST;
    }
    date_format(h->arrival, first);
    snprintf(reason, size,
             "no move-in date from its arrival %s (waiting at most %d days, every %d) lies in "
             "the horizon and the availability of the %d dwelling%s that fit it",
             first, s->rules.max_wait_days, s->rules.start_step_days, fitting,
             fitting > 1 ? "s" : "");
    return LEFT_NO_DATE;
}
