/* A first plan for long horizons, window by window (a rolling horizon): each quarter's arrivals
 * planned with the next quarter's known too, what began kept; a multi-year model's relaxation
 * alone does not reach a plan in the time of a solve. */
#include "solver/build.h"

#include "base/diag.h"
#include "domain/announced.h"
#include "solver/mip.h"

#include <math.h>

/* Horizons longer than ROLLING_FROM_DAYS are planned first in windows of ROLLING_STEP_DAYS, each
 * knowing the households that arrive within ROLLING_LEAD_DAYS. */
enum { ROLLING_FROM_DAYS = 400, ROLLING_STEP_DAYS = 91, ROLLING_LEAD_DAYS = 182 };

/* A window's plan is an incumbent, not an answer: proving its last units would take most of its
 * time (×5 over three years: 12,441 found in 0.9 s, proved at 36 s against a bound of 12,445). */
static const double ROLLING_GAP = 0.002;

bool rolling_wanted(const logis_scenario *s)
{
    return !s->rolling_window && !s->replan && !s->forecast.given &&
           s->horizon_end - s->horizon_start > ROLLING_FROM_DAYS;
}

/* A window's options: the caller's limits, its share of the time left, and silence. */
static logis_options window_options(const logis_options *options, double deadline, int left)
{
    logis_options o = *options;
    o.verbose = 0;
    o.log = NULL;
    o.progress = NULL;
    o.write_lp = NULL;
    o.gap = fmax(o.gap, ROLLING_GAP);
    o.time_limit = deadline <= 0 ? 0 /* none */
                                 : fmax((deadline - mip_clock()) / (left > 0 ? left : 1), 0.01);
    return o;
}

/* Plans the window from day on, from the previous window's plan (NULL for the first). */
static logis_status plan_window(const logis_scenario *s, const logis_plan *previous, day_t day,
                                const logis_options *options, announced_scenario *known,
                                logis_plan **out, logis_diagnostics *diags)
{
    if (!announced_build(s, day + ROLLING_LEAD_DAYS, known))
        return LOGIS_E_NOMEM;
    known->scenario.rolling_window = true;
    known->scenario.objective_count = 1; /* the first level alone makes the incumbent */
    return previous ? replan_after(&known->scenario, previous, day, options, out, diags)
                    : solve_scenario(&known->scenario, s->dwelling_count, options, out, diags);
}

logis_status rolling_plan(const logis_scenario *s, const logis_options *options,
                          double deadline, logis_plan **out)
{
    logis_diagnostics *diags = logis_diagnostics_new(); /* the windows' are not the caller's */
    announced_scenario known[2] = {0};
    int current = 0, windows = (s->horizon_end - s->horizon_start) / ROLLING_STEP_DAYS + 1;
    logis_plan *plan = NULL;
    logis_status status = diags ? LOGIS_OK : LOGIS_E_NOMEM;
    *out = NULL;
    day_t day = s->horizon_start;
    for (int w = 0; status == LOGIS_OK && day < s->horizon_end; w++, day += ROLLING_STEP_DAYS) {
        if (work_limits_reached(&(work_limits){deadline, options->stop}))
            break;
        logis_options o = window_options(options, deadline, windows - w);
        logis_plan *next = NULL;
        status = plan_window(s, plan, day, &o, &known[1 - current], &next, diags);
        logis_plan_free(plan);
        announced_free(&known[current]);
        plan = next;
        current = 1 - current;
    }
    logis_scenario whole = *s;
    whole.rolling_window = true;
    /* every stay has begun by the horizon's end: the plan of s */
    if (status == LOGIS_OK && plan && day >= s->horizon_end) {
        logis_options o = window_options(options, deadline, 1);
        status = replan_after(&whole, plan, s->horizon_end, &o, out, diags);
    }
    if (*out)
        (*out)->scenario = s;
    logis_plan_free(plan);
    announced_free(&known[current]);
    logis_diagnostics_free(diags);
    return status;
}
