/* The planner's manual method, first come smallest fit: the baseline every optimised plan is
 * compared with, and the first incumbent handed to the solver. */
#include "solver/build.h"
#include "base/diag.h"
#include "domain/ledger.h"
#include "domain/rules.h"
#include "domain/verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int compare_by_places(const void *a, const void *b, void *context)
{
    const dwelling *dwellings = context;
    const dwelling *x = &dwellings[*(const int *)a], *y = &dwellings[*(const int *)b];
    if (x->places != y->places)
        return x->places - y->places;
    return strcmp(x->id, y->id);
}

static int compare_by_arrival(const void *a, const void *b, void *context)
{
    const household *households = context;
    const household *x = &households[*(const int *)a], *y = &households[*(const int *)b];
    if (x->arrival != y->arrival)
        return x->arrival < y->arrival ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* The smallest free dwelling for h on its earliest possible date, in territory only_territory
 * unless it is -1; false when there is none. */
static bool place_household(logis_plan *plan, ledger *l, const int *by_places, int h,
                            int only_territory, day_t *starts, bool *out_of_memory)
{
    const logis_scenario *s = plan->scenario;
    int start_count = rule_grid_starts(s, &s->households[h], starts);
    for (int k = 0; k < start_count; k++)
        for (int i = 0; i < s->dwelling_count; i++) {
            int d = by_places[i];
            if ((only_territory >= 0 && s->dwellings[d].territory != only_territory) ||
                !ledger_allows(l, h, d, starts[k]))
                continue;
            day_t end = rule_stay_end(s, &s->households[h], &s->dwellings[d], starts[k]);
            if (!ledger_book(l, h, d, starts[k]) || !plan_add_stay(plan, h, d, starts[k], end))
                *out_of_memory = true;
            return true;
        }
    return false;
}

/* Takes back the last `count` stays of the plan, booked in that order. */
static void take_back(logis_plan *plan, ledger *l, int count)
{
    for (; count > 0; count--) {
        const stay *st = &plan->stays[--plan->stay_count];
        ledger_unbook(l, st->household, st->dwelling, st->start);
    }
}

/* Rule 9 for a link: all its members in the first territory where all fit, or none. A member
 * with a fixed stay binds the others to its territory, each then placed if it fits. */
static void place_link(logis_plan *plan, ledger *l, const int *by_places, const link_group *g,
                       const bool *fixed, day_t *starts, bool *out_of_memory)
{
    const logis_scenario *s = plan->scenario;
    int bound = -1;
    for (int k = 0; k < plan->stay_count; k++)
        for (int i = 0; i < g->count; i++)
            if (plan->stays[k].household == g->members[i] && fixed[g->members[i]])
                bound = s->dwellings[plan->stays[k].dwelling].territory;
    for (int i = 0; bound >= 0 && i < g->count; i++)
        if (!fixed[g->members[i]])
            place_household(plan, l, by_places, g->members[i], bound, starts, out_of_memory);
    for (int t = 0; bound < 0 && t < s->territory_count && !*out_of_memory; t++) {
        int placed = 0;
        while (placed < g->count && place_household(plan, l, by_places, g->members[placed], t,
                                                     starts, out_of_memory))
            placed++;
        if (placed == g->count)
            return;
        take_back(plan, l, placed);
    }
}

bool first_fit_stays(logis_plan *plan, const work_limits *limits, bool *stopped)
{
    const logis_scenario *s = plan->scenario;
    ledger l;
    int *by_places = malloc(((size_t)s->dwelling_count + 1) * sizeof *by_places);
    int *by_arrival = malloc(((size_t)s->household_count + 1) * sizeof *by_arrival);
    bool *fixed = calloc((size_t)s->household_count + 1, sizeof *fixed);
    bool *linked_done = calloc((size_t)s->link_count + 1, sizeof *linked_done);
    day_t *starts = malloc((size_t)rule_max_starts(s) * sizeof *starts);
    bool ledger_ready = ledger_init(&l, s);
    bool out_of_memory = !by_places || !by_arrival || !fixed || !linked_done || !starts ||
                         !ledger_ready;
    for (int f = 0; !out_of_memory && f < s->fixed_count; f++) {
        const fixed_stay *fx = &s->fixed[f];
        const household *h = &s->households[fx->household];
        const dwelling *d = &s->dwellings[fx->dwelling];
        fixed[fx->household] = true;
        out_of_memory = !ledger_book(&l, fx->household, fx->dwelling, fx->start) ||
                        !plan_add_stay(plan, fx->household, fx->dwelling, fx->start,
                                       rule_stay_end(s, h, d, fx->start));
        if (!out_of_memory)
            plan->stays[plan->stay_count - 1].kept = fx->kept;
    }
    int n = 0;
    for (int d = 0; !out_of_memory && d < s->dwelling_count; d++)
        by_places[d] = d;
    for (int h = 0; !out_of_memory && h < s->household_count; h++)
        if (!fixed[h])
            by_arrival[n++] = h;
    if (!out_of_memory) {
        qsort_r(by_places, (size_t)s->dwelling_count, sizeof *by_places, compare_by_places,
                s->dwellings);
        qsort_r(by_arrival, (size_t)n, sizeof *by_arrival, compare_by_arrival, s->households);
    }
    /* bookings only add up: a household like one that found no place finds none either */
    bool reached = false;
    int failed = -1;
    for (int i = 0; !out_of_memory && !reached && i < n; i++) {
        const household *h = &s->households[by_arrival[i]];
        if (h->link != NO_LINK) {
            if (!linked_done[h->link])
                place_link(plan, &l, by_places, &s->links[h->link], fixed, starts,
                           &out_of_memory);
            linked_done[h->link] = true;
        } else if (failed < 0 || !rule_same_placements(h, &s->households[failed])) {
            if (!place_household(plan, &l, by_places, by_arrival[i], -1, starts,
                                 &out_of_memory))
                failed = by_arrival[i];
        }
        reached = work_limits_reached(limits);
    }
    if (stopped)
        *stopped = reached;
    if (ledger_ready)
        ledger_free(&l);
    free(by_places);
    free(by_arrival);
    free(fixed);
    free(linked_done);
    free(starts);
    return !out_of_memory;
}

static bool first_come_reason(void *context, int h, char *reason, size_t size,
                              bool *beyond_park)
{
    (void)context;
    (void)h;
    *beyond_park = false;
    snprintf(reason, size, "the dwellings that fit it were taken on its move-in dates by "
                           "households that came first");
    return true;
}

bool first_come_cut_reason(void *context, int h, char *reason, size_t size, bool *beyond_park)
{
    (void)context;
    (void)h;
    *beyond_park = false;
    snprintf(reason, size, "the time limit or a stop ended the first-come plan before it was "
                           "complete; the dwellings that fit it may be free");
    return true;
}

/* The fixed stays alone must keep the rules; each violation becomes a conflict of the plan. */
bool plan_check_fixed_stays(logis_plan *plan, bool *feasible)
{
    logis_diagnostics *found = logis_diagnostics_new();
    long violations = found ? logis_scenario_check_fixed(plan->scenario, found) : -1;
    bool ok = violations >= 0;
    for (size_t i = 0; ok && i < logis_diagnostics_count(found); i++)
        ok = plan_add_conflict(plan, logis_diagnostics_get(found, i)->message);
    *feasible = violations == 0;
    logis_diagnostics_free(found);
    return ok;
}

/* The first-come plan of a scenario whose fixed stays keep the rules, as far as it gets within
 * the limits, with its trivial bound and gap. False when out of memory. */
static bool make_first_fit(const logis_scenario *s, const work_limits *limits, logis_plan *plan)
{
    plan_figures f;
    bool stopped = false;
    if (!first_fit_stays(plan, limits, &stopped) ||
        !plan_list_left_out(plan, stopped ? first_come_cut_reason : first_come_reason, NULL) ||
        !plan_figures_compute(plan, &f))
        return false;
    plan->outcome = LOGIS_FEASIBLE;
    plan->bound = plan_trivial_bound(s); /* the only bound a heuristic plan can state */
    plan->bound_trivial = true;
    plan->gap = plan->bound > 0
                    ? (plan->bound - (double)f.weighted_persons_housed) / plan->bound
                    : 0.0;
    plan_figures_free(&f);
    plan_sort(plan);
    return true;
}

logis_status logis_plan_first_fit(const logis_scenario *s, logis_plan **out,
                                  logis_diagnostics *diags)
{
    return logis_plan_first_fit_with(s, NULL, out, diags);
}

logis_status logis_plan_first_fit_with(const logis_scenario *s, const logis_options *options,
                                       logis_plan **out, logis_diagnostics *diags)
{
    *out = NULL;
    if (!time_to_finish(s, options, diags))
        return LOGIS_E_LIMIT;
    work_limits limits = work_limits_from_now(options); /* the clock starts here, as a solve's */
    size_t errors_before = logis_diagnostics_errors(diags);
    logis_plan *plan = plan_new(s);
    bool feasible = false;
    *out = NULL;
    logis_status status =
        plan && plan_check_fixed_stays(plan, &feasible) ? LOGIS_OK : LOGIS_E_NOMEM;
    if (status == LOGIS_OK && !feasible) /* as logis_solve: no stays, the conflicts */
        plan->outcome = LOGIS_INFEASIBLE;
    else if (status == LOGIS_OK)
        status = make_first_fit(s, &limits, plan) ? plan_self_check(plan, diags) : LOGIS_E_NOMEM;
    if (status == LOGIS_E_NOMEM)
        diag_out_of_memory(diags, errors_before, NULL);
    if (status == LOGIS_OK)
        *out = plan;
    else
        logis_plan_free(plan);
    return status;
}
