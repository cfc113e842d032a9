/* logis_solve: the lexicographic solve. Fixed stays are checked, the aggregated model is built,
 * each objective level is optimised in turn from the previous level's plan (the first one from
 * the first-come smallest-fit plan), and the solution is turned back into a plan. */
#include "solver/build.h"
#include "base/diag.h"
#include "solver/mip.h"
#include "domain/rules.h"
#include "domain/verify.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void logis_options_init(logis_options *options)
{
    *options = (logis_options){.time_limit = 60.0, .gap = 0.0, .notice_days = -1};
}

/* x1 replay, lead 7, forecast: waiting and empty places proved took 181 s, within 5 % 142 s,
 * the same persons housed; two re-plans then spent their whole minute closing the last 4 of
 * 22,200 weighted units on level 1. */
static const double ANTICIPATION_GAP = 0.05, ANTICIPATION_PERSONS_GAP = 0.001;

typedef struct {
    const logis_scenario *scenario;
    const logis_options *options;
    model model;
    mip *mip;
    rounding rounding;
    double started, deadline, last_progress;
    int level;
    double *x, *next;
    mip_result results[OBJECTIVE_LEVELS];
    bool solved[OBJECTIVE_LEVELS];
    bool optimal;
    double *activity; /* of the final solution, for the reasons */
    bool anticipating; /* the scenario holds a forecast's expected households */
    char error[256];
} solve_run;

static bool run_round(void *context, const double *relaxed, double *rounded)
{
    solve_run *run = context;
    return rounding_round(&run->rounding, relaxed, rounded);
}

/* Passes progress on to the caller at most once a second. */
static void run_progress(void *context, double best, double bound)
{
    solve_run *run = context;
    const logis_options *o = run->options;
    double now = mip_clock();
    if (now - run->last_progress < 1.0)
        return;
    run->last_progress = now;
    if (o->progress)
        o->progress(o->user, &(logis_progress){mip_clock() - run->started, run->level + 1, best,
                                               bound});
}

static bool level_matters(const model *m, int level)
{
    for (int j = 0; j < m->column_count; j++)
        if (m->columns[j].cost[level] != 0)
            return true;
    return false;
}

/* The relative gap a level accepts: the caller's on level 1, none on the others. Planning
 * against a forecast, whose optimum over expected households means little and can take long
 * to prove (weights 10 and 9 leave little room between plans), level 1 accepts at least
 * ANTICIPATION_PERSONS_GAP and waiting and empty places ANTICIPATION_GAP. */
static double level_gap(const solve_run *run, int level)
{
    double gap = level == LEVEL_PERSONS ? run->options->gap : 0.0;
    if (run->anticipating && level == LEVEL_PERSONS)
        gap = fmax(gap, ANTICIPATION_PERSONS_GAP);
    if (run->anticipating && level >= LEVEL_WAIT)
        gap = ANTICIPATION_GAP;
    return gap;
}

/* Optimises one level from the current solution; on success the solution is replaced. */
static bool solve_level(solve_run *run, int level)
{
    mip_params params = {.deadline = run->deadline,
                         .stop = run->options->stop,
                         .gap = level_gap(run, level),
                         .incumbent = run->x,
                         .round = run_round,
                         .progress = run_progress,
                         .context = run};
    run->level = level;
    run->rounding.level = level;
    mip_result *result = &run->results[level];
    if (!mip_solve_level(run->mip, level, &params, run->next, result)) {
        snprintf(run->error, sizeof run->error, "%s", mip_error(run->mip));
        return false;
    }
    if (run->options->verbose && run->options->log) {
        char line[160];
        snprintf(line, sizeof line, "logis: level %d %s: value %.0f, bound %.1f, %d nodes, %.2f s",
                 level + 1, result->outcome == MIP_OPTIMAL ? "optimal" : "stopped",
                 result->value, result->bound, result->nodes, mip_clock() - run->started);
        run->options->log(run->options->user, line);
    }
    double *swap = run->x;
    run->x = run->next;
    run->next = swap;
    run->rounding.held[level] = result->value;
    run->solved[level] = true;
    run->optimal = run->optimal && result->outcome == MIP_OPTIMAL;
    return true;
}

static bool time_left(const solve_run *run)
{
    const volatile sig_atomic_t *stop = run->options->stop;
    return (run->deadline <= 0 || mip_clock() < run->deadline) && !(stop && *stop);
}

/* Level 1, then levels 2 and 3 each with every earlier level held at its value. A level whose
 * costs are all zero (no waiting possible, say) is optimal as it stands. */
static bool solve_levels(solve_run *run)
{
    run->optimal = true;
    if (!solve_level(run, 0))
        return false;
    int held = 0; /* levels before this one are constraints already */
    for (int level = 1; level < OBJECTIVE_LEVELS; level++) {
        run->results[level] = (mip_result){MIP_OPTIMAL, 0, 0, 0};
        run->rounding.held[level] = 0;
        if (!level_matters(&run->model, level)) {
            run->solved[level] = true; /* nothing to optimise: zero is optimal */
            continue;
        }
        if (!time_left(run)) {
            run->optimal = false;
            return true;
        }
        for (; held < level; held++) /* a level with no costs needs no row */
            if (level_matters(&run->model, held) &&
                !mip_hold_level(run->mip, held, run->results[held].value))
                return false;
        if (!solve_level(run, level))
            return false;
    }
    return true;
}

/* The first-come smallest-fit plan as a solution of the model: the first incumbent. */
static bool start_from_first_fit(solve_run *run)
{
    logis_plan *baseline = plan_new(run->scenario);
    bool ok = baseline && first_fit_stays(baseline) &&
              columns_of_stays(&run->model, baseline, run->x);
    logis_plan_free(baseline);
    if (!ok)
        snprintf(run->error, sizeof run->error, "the first-fit plan does not fit the model");
    return ok;
}

/* Do two types read the same in a reason (places, kind, territory)? */
static bool same_words(const dwelling *a, const dwelling *b)
{
    return a->places == b->places && a->shared == b->shared && a->lease == b->lease &&
           a->territory == b->territory;
}

/* Lists the types, each description once: types that differ in what the reason does not say
 * (features, end of availability) read the same. */
static void describe_types(const solve_run *run, const bool *types, char *text, size_t size)
{
    const logis_scenario *s = run->scenario;
    const dwelling *shown[4];
    int listed = 0, more = 0;
    text[0] = '\0';
    for (int t = 0; t < run->model.type_count; t++) {
        if (!types[t])
            continue;
        const dwelling *d = &s->dwellings[run->model.types[t].members[0]];
        bool repeated = false;
        for (int k = 0; k < listed && !repeated; k++)
            repeated = same_words(shown[k], d);
        if (repeated)
            continue;
        if (listed == 4) {
            more++;
            continue;
        }
        shown[listed] = d;
        size_t used = strlen(text);
        snprintf(text + used, size - used, "%s%d places%s in %s", listed ? ", " : "", d->places,
                 d->shared ? " (shared)" : d->lease == LEASE_SLIDING ? " (sliding lease)" : "",
                 s->territories[d->territory].id);
        listed++;
    }
    if (more) {
        size_t used = strlen(text);
        snprintf(text + used, size - used, " and %d more", more);
    }
}

/* Which resources keep household h out: the rows that adding it would break. */
static void capacity_reason_of(void *context, int h, char *reason, size_t size)
{
    solve_run *run = context;
    const model *m = &run->model;
    const logis_scenario *s = run->scenario;
    int c = m->class_of_household[h];
    bool *types = calloc((size_t)m->type_count + 1, sizeof *types);
    bool caseload = false, free_place = false;
    char text[300] = "", teams[200] = "";
    for (int j = m->class_first_column[c]; types && j < m->class_first_column[c + 1]; j++) {
        bool blocked = false;
        for (int e = m->column_start[j]; e < m->column_start[j + 1]; e++) {
            const row *r = &m->rows[m->entry_row[e]];
            if (r->kind == ROW_CLASS ||
                run->activity[m->entry_row[e]] + m->entry_value[e] <= r->upper + 1e-9)
                continue;
            blocked = true;
            if (r->kind == ROW_OCCUPANCY)
                types[r->owner] = true;
            else if (!strstr(teams, s->territories[r->owner].id) && strlen(teams) < 150) {
                caseload = true;
                snprintf(teams + strlen(teams), sizeof teams - strlen(teams), "%s%s",
                         teams[0] ? ", " : "", s->territories[r->owner].id);
            }
        }
        free_place = free_place || !blocked;
    }
    if (types)
        describe_types(run, types, text, sizeof text);
    bool has_columns = m->class_first_column[c] < m->class_first_column[c + 1];
    if (!has_columns)
        snprintf(reason, size, "the dwellings that fit it are held on its move-in dates by "
                 "fixed stays, or stays kept from the previous plan");
    else if (free_place)
        snprintf(reason, size, "the search stopped at its time limit before using a free place");
    else if (text[0] && caseload)
        snprintf(reason, size, "the dwellings that fit it are taken on its move-in dates (%s), "
                 "and the caseload of %s is full", text, teams);
    else if (caseload)
        snprintf(reason, size, "the caseload of %s is full on its move-in dates", teams);
    else
        snprintf(reason, size, "the dwellings that fit it are taken on its move-in dates (%s) "
                 "by households that weigh as much or more", text);
    free(types);
}

/* What the fixed stays add to each objective level: constants the model leaves out. */
static void fixed_costs(const logis_scenario *s, double *costs)
{
    for (int level = 0; level < OBJECTIVE_LEVELS; level++)
        costs[level] = 0;
    for (int f = 0; f < s->fixed_count; f++) {
        const household *h = &s->households[s->fixed[f].household];
        const dwelling *d = &s->dwellings[s->fixed[f].dwelling];
        day_t start = s->fixed[f].start, end = rule_stay_end(s, h, d, start);
        costs[LEVEL_PERSONS] += (double)h->priority * h->size * h->weight;
        costs[LEVEL_WAIT] += (double)h->size * (start - h->arrival);
        if (d->lease == LEASE_TEMPORARY && !d->shared)
            costs[LEVEL_EMPTY] += (double)(d->places - h->size) * (end - start);
    }
}

/* Weighted persons if every household with a column were housed: the bound when the search
 * stopped before the relaxation was solved. */
static double everyone_housed(const model *m)
{
    double total = 0;
    for (int c = 0; c < m->class_count; c++)
        if (m->class_first_column[c] < m->class_first_column[c + 1])
            total += m->classes[c].count * m->columns[m->class_first_column[c]].cost[0];
    return total;
}

static bool fill_plan(solve_run *run, logis_plan *plan)
{
    const model *m = &run->model;
    run->activity = malloc(((size_t)m->row_count + 1) * sizeof *run->activity);
    if (!run->activity || !extract_stays(m, run->x, plan)) {
        snprintf(run->error, sizeof run->error, "the solution could not be turned into stays");
        return false;
    }
    model_activities(m, run->x, run->activity);
    if (!plan_list_left_out(plan, capacity_reason_of, run))
        return false;
    const mip_result *first = &run->results[0];
    double fixed[OBJECTIVE_LEVELS];
    fixed_costs(run->scenario, fixed);
    double value = first->value + fixed[0];
    double bound = isnan(first->bound) ? everyone_housed(m) : floor(first->bound + 1e-6);
    bound += fixed[0];
    plan->outcome = run->optimal ? LOGIS_OPTIMAL : LOGIS_FEASIBLE;
    plan->bound = bound > value ? bound : value;
    plan->gap = plan->bound > 0 ? (plan->bound - value) / plan->bound : 0.0;
    plan->solver_version = mip_solver_version();
    plan->rows = m->row_count;
    plan->columns = m->column_count;
    for (int level = 0; level < OBJECTIVE_LEVELS; level++) {
        const mip_result *r = &run->results[level];
        plan->nodes += r->nodes;
        plan->levels[level] = (level_outcome){run->solved[level], r->outcome == MIP_OPTIMAL,
                                              r->value + fixed[level],
                                              (isnan(r->bound) ? r->value : r->bound) +
                                                  fixed[level]};
    }
    plan_sort(plan);
    return true;
}

static void log_line(void *user, const char *line)
{
    const logis_options *o = user;
    if (o->log)
        o->log(o->user, line);
}

static bool run_solve(solve_run *run, logis_plan *plan)
{
    const logis_options *o = run->options;
    int n = run->model.column_count;
    run->x = calloc((size_t)n + 1, sizeof *run->x);
    run->next = calloc((size_t)n + 1, sizeof *run->next);
    if (!run->x || !run->next || !rounding_init(&run->rounding, &run->model) ||
        !start_from_first_fit(run))
        return false;
    run->mip = mip_new(&run->model, run->x, o->verbose != 0, o->memory_limit, log_line,
                       (void *)o, run->error, sizeof run->error);
    if (!run->mip)
        return false;
    run->rounding.usable = mip_loaded_columns(run->mip);
    if (o->write_lp && !mip_write_lp(run->mip, o->write_lp)) {
        snprintf(run->error, sizeof run->error, "cannot write the LP file %.200s", o->write_lp);
        return false;
    }
    if (n == 0) {
        run->optimal = true;
        for (int level = 0; level < OBJECTIVE_LEVELS; level++) {
            run->results[level] = (mip_result){MIP_OPTIMAL, 0, 0, 0};
            run->solved[level] = true;
        }
    } else if (!solve_levels(run)) {
        return false;
    }
    return fill_plan(run, plan);
}

logis_status plan_self_check(const logis_plan *plan, logis_diagnostics *diags)
{
    logis_diagnostics *found = logis_diagnostics_new();
    long violations = found ? plan_check_rules(plan->scenario, plan, true, "plan", found) : -1;
    logis_status status = violations < 0 ? LOGIS_E_NOMEM : LOGIS_OK;
    if (violations > 0) {
        status = LOGIS_E_SOLVER;
        diag_add(diags, LOGIS_ERROR, NULL, 0, 0, NULL,
                 "internal error: the plan breaks the rules, so it is not written (please "
                 "report it): %s", logis_diagnostics_get(found, 0)->message);
    }
    logis_diagnostics_free(found);
    return status;
}

logis_status logis_solve(const logis_scenario *s, const logis_options *options,
                         logis_plan **out, logis_diagnostics *diags)
{
    return solve_scenario(s, s->dwelling_count, options, out, diags);
}

logis_status solve_scenario(const logis_scenario *s, int candidates_from,
                            const logis_options *options, logis_plan **out,
                            logis_diagnostics *diags)
{
    if (s->forecast.given && s->forecast.count > 0 && candidates_from == s->dwelling_count)
        return solve_with_forecast(s, options, out, diags);
    logis_options defaults;
    logis_options_init(&defaults);
    solve_run run = {.scenario = s, .options = options ? options : &defaults};
    for (int h = 0; h < s->household_count && !run.anticipating; h++)
        run.anticipating = s->households[h].forecast;
    run.started = mip_clock();
    double limit = run.options->time_limit;
    /* the search stops a little early so that the whole solve, plan included, keeps the limit */
    run.deadline = limit > 0 ? run.started + limit - fmin(1.0, 0.02 * limit) : 0;
    logis_plan *plan = plan_new(s);
    bool feasible = false, ok = plan && plan_check_fixed_stays(plan, &feasible);
    logis_status status = ok ? LOGIS_OK : LOGIS_E_NOMEM;
    *out = NULL;
    if (ok && !feasible) {
        plan->outcome = LOGIS_INFEASIBLE;
    } else if (ok && !model_build_with_candidates(s, candidates_from, &run.model)) {
        status = LOGIS_E_NOMEM;
    } else if (ok && !run_solve(&run, plan)) {
        status = LOGIS_E_SOLVER;
        diag_add(diags, LOGIS_ERROR, NULL, 0, 0, NULL, "solver failure: %s",
                 run.error[0] ? run.error : "out of memory");
    }
    if (status == LOGIS_OK && plan->outcome != LOGIS_INFEASIBLE)
        status = plan_self_check(plan, diags);
    if (plan)
        plan->seconds = mip_clock() - run.started;
    mip_free(run.mip);
    rounding_free(&run.rounding);
    model_free(&run.model);
    free(run.x);
    free(run.next);
    free(run.activity);
    if (status == LOGIS_OK)
        *out = plan;
    else
        logis_plan_free(plan);
    return status;
}
