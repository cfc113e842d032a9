/* Planning against the lists to come: the announced households are solved together with the
 * forecast's expected ones (those arriving after the announced date), weighted below them, and
 * the plan keeps only the announced households' stays. */
#include "solver/build.h"

#include "domain/rules.h"

#include <stdlib.h>
#include <string.h>

/* An announced household weighs FORECAST_ANNOUNCED_WEIGHT ÷ FORECAST_EXPECTED_WEIGHT times an
 * expected one of the same size and priority: the forecast is a likely future, not a list. */
enum { FORECAST_ANNOUNCED_WEIGHT = 10, FORECAST_EXPECTED_WEIGHT = 9 };

typedef struct {
    logis_scenario scenario; /* a shallow copy: households and replan are its own */
    household *households;
    replan_info replan;
    int announced; /* the scenario's own households come first, at their own indices */
} forecast_scenario;

static void forecast_free(forecast_scenario *f)
{
    free(f->households);
    free(f->replan.previous_dwelling);
    free(f->replan.previous_start);
}

/* The forecast's announced date: as given, else the day after the latest announced arrival. */
static day_t announced_until(const logis_scenario *s)
{
    if (s->forecast.announced_until != DAY_NONE_AFTER)
        return s->forecast.announced_until;
    day_t latest = s->horizon_start - 1;
    for (int h = 0; h < s->household_count; h++)
        latest = s->households[h].arrival > latest ? s->households[h].arrival : latest;
    return latest + 1;
}

/* The re-plan's previous stays, extended to the expected households (who had none). */
static bool extend_replan(const logis_scenario *s, forecast_scenario *f, int total)
{
    if (!s->replan)
        return true;
    f->replan = *s->replan;
    f->replan.previous_dwelling = malloc(((size_t)total + 1) * sizeof(int));
    f->replan.previous_start = calloc((size_t)total + 1, sizeof(day_t));
    if (!f->replan.previous_dwelling || !f->replan.previous_start)
        return false;
    for (int h = 0; h < total; h++)
        f->replan.previous_dwelling[h] = h < s->household_count ? s->replan->previous_dwelling[h]
                                                                : -1;
    memcpy(f->replan.previous_start, s->replan->previous_start,
           (size_t)s->household_count * sizeof(day_t));
    f->scenario.replan = &f->replan;
    return true;
}

static bool forecast_build(const logis_scenario *s, forecast_scenario *f)
{
    day_t after = announced_until(s);
    int total = s->household_count;
    f->scenario = *s;
    f->announced = s->household_count;
    f->households = malloc(((size_t)s->household_count + (size_t)s->forecast.count + 1) *
                           sizeof *f->households);
    if (!f->households)
        return false;
    for (int h = 0; h < s->household_count; h++) {
        f->households[h] = s->households[h];
        f->households[h].weight = FORECAST_ANNOUNCED_WEIGHT;
    }
    for (int k = 0; k < s->forecast.count; k++) {
        household expected = s->forecast.households[k];
        expected.arrival += s->forecast.shift_days;
        expected.weight = FORECAST_EXPECTED_WEIGHT;
        if (expected.arrival >= after && expected.arrival < s->horizon_end)
            f->households[total++] = expected;
    }
    f->scenario.households = f->households;
    f->scenario.household_count = total;
    f->scenario.forecast = (forecast_list){.announced_until = after};
    return extend_replan(s, f, total);
}

/* Drops the expected households from the plan, which then belongs to s. */
static void keep_announced(logis_plan *plan, const logis_scenario *s, int announced)
{
    int kept = 0;
    for (int i = 0; i < plan->stay_count; i++)
        if (plan->stays[i].household < announced)
            plan->stays[kept++] = plan->stays[i];
    plan->stay_count = kept;
    kept = 0;
    for (int i = 0; i < plan->left_count; i++) {
        if (plan->left[i].household < announced)
            plan->left[kept++] = plan->left[i];
        else
            free(plan->left[i].reason);
    }
    plan->left_count = kept;
    plan->scenario = s;
}

logis_status solve_with_forecast(const logis_scenario *s, const logis_options *options,
                                 logis_plan **out, logis_diagnostics *diags)
{
    forecast_scenario f = {0};
    logis_plan *plan = NULL;
    *out = NULL;
    logis_status status = forecast_build(s, &f) ? LOGIS_OK : LOGIS_E_NOMEM;
    if (status == LOGIS_OK)
        status = solve_scenario(&f.scenario, f.scenario.dwelling_count, options, &plan, diags);
    if (status == LOGIS_OK && plan->outcome != LOGIS_INFEASIBLE) {
        plan->forecast_expected = f.scenario.household_count - f.announced;
        plan->forecast_after = f.scenario.forecast.announced_until;
        keep_announced(plan, s, f.announced);
        plan_sort(plan);
        status = plan_state_trivial_levels(plan) ? plan_self_check(plan, diags) : LOGIS_E_NOMEM;
    } else if (status == LOGIS_OK) {
        plan->scenario = s;
    }
    forecast_free(&f);
    if (status == LOGIS_OK)
        *out = plan;
    else
        logis_plan_free(plan);
    return status;
}
