/* logis_solve: the lexicographic solve. Fixed stays are checked, the aggregated model is built,
 * each objective level is optimised in turn from the previous level's plan (the first one from
 * the first-come smallest-fit plan), and the solution is turned back into a plan. */
#include "solver/build.h"
#include "solver/grid_bound.h"
#include "solver/lp_file.h"
#include "base/diag.h"
#include "solver/mip.h"
#include "domain/rules.h"
#include "domain/verify.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

/* Three quarters of the machine's memory, or of the address-space limit when it is lower, in
 * MiB; 0 when neither is known. */
static int default_memory_limit(void)
{
    long pages = sysconf(_SC_PHYS_PAGES), page_size = sysconf(_SC_PAGE_SIZE);
    double bytes = pages > 0 && page_size > 0 ? (double)pages * (double)page_size : 0;
    struct rlimit address_space;
    if (getrlimit(RLIMIT_AS, &address_space) == 0 && address_space.rlim_cur != RLIM_INFINITY &&
        (bytes == 0 || (double)address_space.rlim_cur < bytes))
        bytes = (double)address_space.rlim_cur;
    double mib = 0.75 * bytes / 1048576.0;
    return mib >= INT_MAX ? INT_MAX : (int)mib;
}

void logis_options_init(logis_options *options)
{
    *options = (logis_options){.time_limit = 60.0, .gap = 0.0, .notice_days = -1,
                               .memory_limit = default_memory_limit()};
}

/* x1 replay, lead 7, forecast: waiting and empty places proved took 181 s, within 5 % 142 s,
 * the same persons housed; two re-plans then spent their whole minute closing the last 4 of
 * 22,200 weighted units on level 1. */
static const double ANTICIPATION_GAP = 0.05, ANTICIPATION_PERSONS_GAP = 0.001;

typedef struct {
    const logis_scenario *scenario; /* the model's: the caller's, or its coarser copy */
    const logis_scenario *rules_grid; /* the caller's, on the rules' grid of move-in dates */
    const logis_options *options;
    work_limits limits;
    logis_scenario coarser; /* the caller's with a coarser grid of move-in dates */
    int stride;             /* the coarser grid's step in the caller's steps (1: none) */
    model_size size;        /* the model's, estimated before it is built */
    double fine_columns;    /* the columns of the rules' grid, estimated */
    grid_bound *grid;       /* the bound on the rules' grid, when the model's is coarser */
    logis_plan *baseline;   /* first come, smallest fit, on the caller's grid: the plan so far */
    logis_plan *incumbent;  /* the same on the model's grid: the first incumbent */
    bool stopped;           /* the limits ended a phase before the search */
    bool first_come_cut;    /* they ended the first-come plan itself: some were never tried */
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
    char **class_reasons; /* per class, once written; NULL entries not yet */
    bool *class_beyond_park; /* per class, beside its reason */
    bool anticipating; /* the scenario holds a forecast's expected households */
    char error[256];
    bool out_of_memory; /* what ended run_solve: memory, not the solver (error) */
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

/* A line of the verbose log, when the caller asked for one. */
static void note(const solve_run *run, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

static void note(const solve_run *run, const char *format, ...)
{
    if (!run->options->verbose || !run->options->log)
        return;
    char line[200];
    va_list args;
    va_start(args, format);
    vsnprintf(line, sizeof line, format, args);
    va_end(args);
    run->options->log(run->options->user, line);
}

static double model_bytes(const model_size *size);

/* On a coarser grid, the solved relaxation's duals and basis price the rules' own grid for a
 * bound, beside the search, when its columns' list fits the memory beside the model. */
static void run_relaxed(void *context, const double *dual, const mip_basis *basis)
{
    solve_run *run = context;
    double limit = (double)run->options->memory_limit * 1048576.0;
    bool fits = limit <= 0 ||
                model_bytes(&run->size) + grid_bound_bytes(run->fine_columns) <= limit;
    if (run->stride == 1 || run->grid || run->anticipating || !fits ||
        !grid_bound_covers(&run->model))
        return;
    run->grid = grid_bound_start(run->rules_grid, &run->model, dual, basis, &run->limits);
    note(run, "logis: bound on the rules' grid %s, %.2f s", run->grid ? "started" : "not started",
         mip_clock() - run->started);
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
    if (run->anticipating && level >= LEVEL_SCORE)
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
                         .relaxed = run_relaxed,
                         .context = run};
    run->level = level;
    run->rounding.level = level;
    mip_result *result = &run->results[level];
    if (!mip_solve_level(run->mip, level, &params, run->next, result)) {
        snprintf(run->error, sizeof run->error, "%s", mip_error(run->mip));
        run->out_of_memory = mip_out_of_memory(run->mip);
        return false;
    }
    note(run, "logis: level %d %s: value %.0f, bound %.1f, %d nodes, %.2f s", level + 1,
         result->outcome == MIP_OPTIMAL ? "optimal" : "stopped", result->value, result->bound,
         result->nodes, mip_clock() - run->started);
    double *swap = run->x;
    run->x = run->next;
    run->next = swap;
    run->rounding.held[level] = result->value;
    run->rounding.holds[level] = true;
    run->solved[level] = true;
    run->optimal = run->optimal && result->outcome == MIP_OPTIMAL;
    return true;
}

static bool time_left(const solve_run *run)
{
    return !work_limits_reached(&run->limits);
}

/* The first level, then each next one in the scenario's order with every earlier level held at
 * its value. A level whose costs are all zero (no waiting possible, say) is optimal as it
 * stands. */
static bool solve_levels(solve_run *run)
{
    int order[OBJECTIVE_LEVELS];
    int count = rule_objective_levels(run->scenario, run->scenario->replan != NULL, order);
    run->optimal = true;
    if (!solve_level(run, order[0]))
        return false;
    int held = 0; /* levels order[0 .. held) are constraints already */
    for (int k = 1; k < count; k++) {
        int level = order[k];
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
        for (; held < k; held++) /* a level with no costs needs no row */
            if (level_matters(&run->model, order[held]) &&
                !mip_hold_level(run->mip, order[held], run->results[order[held]].value)) {
                snprintf(run->error, sizeof run->error, "%s", mip_error(run->mip));
                run->out_of_memory = mip_out_of_memory(run->mip);
                return false;
            }
        if (!solve_level(run, level))
            return false;
    }
    return true;
}

/* The first-come smallest-fit plan as a solution of the model: the first incumbent. */
static bool start_from_first_fit(solve_run *run)
{
    logis_status status = columns_of_stays(&run->model, run->incumbent, run->x);
    if (status == LOGIS_E_SOLVER)
        snprintf(run->error, sizeof run->error, "the first-fit plan does not fit the model");
    run->out_of_memory = status == LOGIS_E_NOMEM;
    return status == LOGIS_OK;
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

/* Appends the territory's id to a list of at most about 150 bytes, once. */
static void list_territory(char *list, size_t size, const char *id)
{
    if (!strstr(list, id) && strlen(list) < 150)
        snprintf(list + strlen(list), size - strlen(list), "%s%s", list[0] ? ", " : "", id);
}

/* The other members of h's link, for its reason: "A, B". */
static void describe_link(const logis_scenario *s, int h, char *text, size_t size)
{
    const link_group *g = &s->links[s->households[h].link];
    text[0] = '\0';
    for (int k = 0; k < g->count; k++)
        if (g->members[k] != h)
            list_territory(text, size, s->households[g->members[k]].id);
}

/* Which resources keep household h out: the rows that adding it would break; *beyond_park
 * when none of them is a dwelling's. False when out of memory. */
static bool write_capacity_reason(solve_run *run, int h, char *reason, size_t size,
                                  bool *beyond_park)
{
    const model *m = &run->model;
    const logis_scenario *s = run->scenario;
    int c = m->class_of_household[h];
    bool *types = calloc((size_t)m->type_count + 1, sizeof *types);
    bool caseload = false, free_place = false;
    char text[300] = "", teams[200] = "", quotas[200] = "";
    if (!types)
        return false;
    for (int j = m->class_first_column[c]; j < m->class_first_column[c + 1]; j++) {
        bool blocked = false;
        for (int e = m->column_start[j]; e < m->column_start[j + 1]; e++) {
            const row *r = &m->rows[m->entry_row[e]];
            if (r->kind == ROW_CLASS || r->kind == ROW_LINK ||
                run->activity[m->entry_row[e]] + m->entry_value[e] <= r->upper + 1e-9)
                continue;
            blocked = true;
            if (r->kind == ROW_OCCUPANCY)
                types[r->owner] = true;
            else if (r->kind == ROW_CASELOAD)
                list_territory(teams, sizeof teams, s->territories[r->owner].id);
            else
                list_territory(quotas, sizeof quotas, s->territories[r->owner].id);
        }
        free_place = free_place || !blocked;
    }
    caseload = teams[0] != '\0';
    describe_types(run, types, text, sizeof text);
    bool has_columns = m->class_first_column[c] < m->class_first_column[c + 1];
    bool linked = free_place && s->households[h].link != NO_LINK && m->class_tied[c];
    *beyond_park = !has_columns || linked || (!free_place && !text[0] && (quotas[0] || caseload));
    if (!has_columns)
        snprintf(reason, size, "the dwellings that fit it are held on its move-in dates by "
                               "fixed stays, or stays kept from the previous plan");
    else if (linked) {
        describe_link(s, h, teams, sizeof teams);
        snprintf(reason, size, "it is linked with %s, housed all or none in one territory, and "
                 "they do not all fit there", teams);
    } else if (free_place && s->potentials)
        snprintf(reason, size, "a dwelling that fits it is free on its move-in dates, but its stay "
                               "would keep out households the forecast expects, who weigh more");
    else if (free_place)
        snprintf(reason, size, "the search stopped at its time limit before using a free place");
    else if (quotas[0])
        snprintf(reason, size, "the quota of %s is full on its move-in dates%s%s", quotas,
                 text[0] ? "; the other dwellings that fit it are taken: " : "", text);
    else if (text[0] && caseload)
        snprintf(reason, size, "the dwellings that fit it are taken on its move-in dates (%s), "
                 "and the caseload of %s is full", text, teams);
    else if (caseload)
        snprintf(reason, size, "the caseload of %s is full on its move-in dates", teams);
    else if (run->anticipating)
        snprintf(reason, size, "the dwellings that fit it are taken on its move-in dates (%s) "
                 "by households that weigh as much or more, or kept for households the forecast "
                 "expects", text);
    else
        snprintf(reason, size, "the dwellings that fit it are taken on its move-in dates (%s) "
                 "by households that weigh as much or more", text);
    free(types);
    return true;
}

/* The reason depends on the household's class alone: written once a class (a crowd of identical
 * households left out would otherwise cost a pass over the class's columns each). A reason the
 * cache cannot keep is written again for the next household of its class. */
static bool capacity_reason_of(void *context, int h, char *reason, size_t size,
                               bool *beyond_park)
{
    solve_run *run = context;
    int c = run->model.class_of_household[h];
    if (c >= 0 && run->class_reasons && run->class_reasons[c]) {
        snprintf(reason, size, "%s", run->class_reasons[c]);
        *beyond_park = run->class_beyond_park[c];
        return true;
    }
    if (!write_capacity_reason(run, h, reason, size, beyond_park))
        return false;
    if (c >= 0 && run->class_reasons) {
        run->class_reasons[c] = strdup(reason);
        run->class_beyond_park[c] = *beyond_park;
    }
    return true;
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
        costs[LEVEL_SCORE] -= rule_score(h, d->territory);
        costs[LEVEL_WAIT] += (double)h->size * (start - h->arrival);
        if (d->lease == LEASE_TEMPORARY && !d->shared)
            costs[LEVEL_EMPTY] += (double)(d->places - h->size) * (end - start);
    }
}

static bool persons_come_first(const logis_scenario *s)
{
    int order[OBJECTIVE_LEVELS];
    rule_objective_levels(s, false, order);
    return order[0] == LEVEL_PERSONS;
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

/* The solution as the plan's stays and left-out list, then its figures. The reasons' cache
 * (class_reasons) may be missing: each reason is then written in full. */
static bool fill_plan(solve_run *run, logis_plan *plan)
{
    const model *m = &run->model;
    run->activity = malloc(((size_t)m->row_count + 1) * sizeof *run->activity);
    run->class_reasons = calloc((size_t)m->class_count + 1, sizeof *run->class_reasons);
    run->class_beyond_park = calloc((size_t)m->class_count + 1, sizeof *run->class_beyond_park);
    if (!run->class_beyond_park) { /* the cache goes whole or not at all */
        free(run->class_reasons);
        run->class_reasons = NULL;
    }
    logis_status status = run->activity ? extract_stays(m, run->x, plan) : LOGIS_E_NOMEM;
    if (status == LOGIS_OK) {
        model_activities(m, run->x, run->activity);
        if (!plan_list_left_out(plan, capacity_reason_of, run))
            status = LOGIS_E_NOMEM;
    }
    if (status == LOGIS_E_SOLVER)
        snprintf(run->error, sizeof run->error, "the solution could not be turned into stays");
    run->out_of_memory = status == LOGIS_E_NOMEM;
    if (status != LOGIS_OK)
        return false;
    const mip_result *first = &run->results[LEVEL_PERSONS];
    double fixed[OBJECTIVE_LEVELS];
    fixed_costs(run->scenario, fixed);
    double value = model_objective(m, LEVEL_PERSONS, run->x) + fixed[LEVEL_PERSONS];
    /* The persons' bound is the relaxation's when they come first; after another level it holds
     * only among plans that keep that level's optimum, so the trivial one is stated. A level
     * stopped early has at best the duals of an unfinished relaxation: the trivial bound when
     * it is tighter. */
    bool dual_weaker = first->outcome != MIP_OPTIMAL && first->bound > everyone_housed(m);
    plan->bound_trivial = isnan(first->bound) || dual_weaker ||
                          !persons_come_first(run->scenario);
    double bound = plan->bound_trivial ? everyone_housed(m) : floor(first->bound + 1e-6);
    bound += fixed[LEVEL_PERSONS];
    plan->outcome = run->optimal ? LOGIS_OPTIMAL : LOGIS_FEASIBLE;
    plan->bound = bound > value ? bound : value;
    plan->gap = plan->bound > 0 ? (plan->bound - value) / plan->bound : 0.0;
    plan->solver_version = mip_solver_version();
    plan->rows = m->row_count;
    plan->columns = m->column_count;
    for (int level = 0; level < OBJECTIVE_LEVELS; level++) {
        const mip_result *r = &run->results[level];
        /* the score is minimised as a cost: its value and bound are the costs' opposites */
        double sign = level == LEVEL_SCORE ? -1.0 : 1.0;
        /* the value is the plan's: a later level may improve on an earlier one stopped short
         * (--gap), whose row holds only its value */
        double plan_value = model_objective(m, level, run->x) + fixed[level];
        plan->nodes += r->nodes;
        plan->levels[level] = (level_outcome){
            run->solved[level], r->outcome == MIP_OPTIMAL, sign * plan_value,
            sign * ((isnan(r->bound) ? r->value : r->bound) + fixed[level])};
    }
    /* level 1's bound is the one the objective states (whole persons, or the trivial one when
     * the relaxation gave none or a weaker one); after another level it is that level's own */
    if (persons_come_first(run->scenario))
        plan->levels[LEVEL_PERSONS].bound = plan->bound;
    plan_sort(plan);
    return true;
}

static void log_line(void *user, const char *line)
{
    const logis_options *o = user;
    if (o->log)
        o->log(o->user, line);
}

/* The memory a model takes while it is solved, per column and per entry of model_estimate's
 * upper count: logis's own arrays (the model, the solutions, the pricing) and GLPK's copy of the
 * columns it loads. Above the peak resident memory measured on ×1 and ×2 models with 28- to
 * 365-day waits on 1- and 7-day grids (0.5 to 5.5 GiB), by 1.1 to 5 times. */
static const double BYTES_PER_COLUMN = 400.0, BYTES_PER_ENTRY = 80.0;

/* logis's own share of those: the model, the solutions and the pricing arrays. */
static const double OWN_BYTES_PER_COLUMN = 200.0, OWN_BYTES_PER_ENTRY = 30.0;

static double model_bytes(const model_size *size)
{
    return size->columns * BYTES_PER_COLUMN + size->entries * BYTES_PER_ENTRY;
}

/* What the memory limit leaves GLPK once logis's own arrays are counted (MiB, at least 1). */
static int glpk_memory_limit(const solve_run *run)
{
    if (run->options->memory_limit <= 0)
        return 0;
    double own = run->size.columns * OWN_BYTES_PER_COLUMN +
                 run->size.entries * OWN_BYTES_PER_ENTRY;
    double left = run->options->memory_limit - own / 1048576.0;
    return left < 1 ? 1 : (int)left;
}

static bool run_solve(solve_run *run, logis_plan *plan)
{
    const logis_options *o = run->options;
    int n = run->model.column_count;
    run->x = calloc((size_t)n + 1, sizeof *run->x);
    run->next = calloc((size_t)n + 1, sizeof *run->next);
    if (!run->x || !run->next || !rounding_init(&run->rounding, &run->model)) {
        run->out_of_memory = true;
        return false;
    }
    if (!start_from_first_fit(run))
        return false;
    run->mip = mip_new(&run->model, run->x, o->verbose != 0, glpk_memory_limit(run), log_line,
                       (void *)o, run->error, sizeof run->error, &run->out_of_memory);
    if (!run->mip)
        return false;
    run->rounding.usable = mip_loaded_columns(run->mip);
    if (o->write_lp && !model_write_lp(&run->model, o->write_lp, &run->limits, run->error,
                                       sizeof run->error, &run->out_of_memory))
        return false;
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

/* Seconds to build a model, per entry of model_estimate's upper count: 13.8 s for 124 million
 * on this project's 2-core machine (×2, 365-day wait, 4-day grid), under load. */
static const double BUILD_SECONDS_PER_ENTRY = 1.1e-7;

/* Can the model be built in a third of the time left? A model that takes the whole limit to
 * build leaves no time to solve it. */
static bool builds_in_time(const solve_run *run, const model_size *size)
{
    double left = run->deadline - mip_clock();
    return run->deadline <= 0 || size->entries * BUILD_SECONDS_PER_ENTRY <= left / 3;
}

/* The finest grid of move-in dates whose model fits the memory limit and can be built in time:
 * the rules' own (stride 1), else every 2nd, 4th ... date of it on a copy of the scenario. The
 * plan's dates are then still on the rules' grid, but its bound is no longer the model's. */
static logis_status choose_grid(solve_run *run, int candidates_from, logis_diagnostics *diags)
{
    const logis_scenario *s = run->scenario;
    double limit = (double)run->options->memory_limit * 1048576.0;
    model_size *size = &run->size;
    run->stride = 1;
    for (;;) {
        const logis_scenario *tried = run->stride == 1 ? s : &run->coarser;
        model_outcome counted = model_estimate(tried, candidates_from, &run->limits, size);
        if (counted != MODEL_BUILT) {
            run->stopped = counted == MODEL_STOPPED;
            return run->stopped ? LOGIS_OK : LOGIS_E_NOMEM;
        }
        bool coarsest = tried->rules.start_step_days > s->rules.max_wait_days;
        bool fits_memory = limit <= 0 || model_bytes(size) <= limit;
        if (fits_memory && (coarsest || builds_in_time(run, size)))
            break;
        int step = s->rules.start_step_days * run->stride * 2;
        if (coarsest) {
            diag_add(diags, LOGIS_ERROR, NULL, 0, 0, NULL,
                     "the model would take about %.0f MiB (%.0f columns, %.0f matrix entries) "
                     "even on a grid of one move-in date a household, more than the memory "
                     "limit of %d MiB: raise --memory-limit, or plan fewer households or "
                     "dwellings at once", model_bytes(size) / 1048576.0, size->columns,
                     size->entries, run->options->memory_limit);
            return LOGIS_E_SOLVER;
        }
        if (run->stride == 1)
            run->fine_columns = size->columns;
        run->stride *= 2;
        run->coarser = *s;
        run->coarser.rules.start_step_days = step;
    }
    if (run->stride > 1)
        run->scenario = &run->coarser;
    note(run, "logis: model of %.0f columns, at most %.0f entries, about %.0f MiB; move-in "
         "dates every %d days", size->columns, size->entries, model_bytes(size) / 1048576.0,
         run->scenario->rules.start_step_days);
    return LOGIS_OK;
}

static bool stopped_reason(void *context, int h, char *reason, size_t size,
                           bool *beyond_park)
{
    (void)context;
    (void)h;
    *beyond_park = false;
    snprintf(reason, size, "the time limit ended the solve before the model was solved; in the "
                           "first-come plan, the dwellings that fit it were taken on its "
                           "move-in dates by households that came first");
    return true;
}

static double best_score(const logis_scenario *s, const household *h)
{
    double best = 0;
    for (int t = 0; t < s->territory_count; t++)
        best = rule_score(h, t) > best ? rule_score(h, t) : best;
    return best;
}

bool plan_state_trivial_levels(logis_plan *plan)
{
    const logis_scenario *s = plan->scenario;
    plan_figures f;
    if (!plan_figures_compute(plan, &f))
        return false;
    double value[OBJECTIVE_LEVELS] = {[LEVEL_PERSONS] = (double)f.weighted_persons_housed,
                                      [LEVEL_SCORE] = f.park.score,
                                      [LEVEL_WAIT] = (double)f.wait_person_days,
                                      [LEVEL_EMPTY] = (double)f.empty_place_days};
    double bound[OBJECTIVE_LEVELS] = {0};
    plan_figures_free(&f);
    for (int i = 0; s->replan && i < plan->stay_count; i++) {
        const stay *st = &plan->stays[i];
        bool as_before = s->replan->previous_dwelling[st->household] == st->dwelling &&
                         s->replan->previous_start[st->household] == st->start;
        if (as_before && st->kept == KEPT_NONE)
            value[LEVEL_CHANGES] -= 1;
    }
    bound[LEVEL_PERSONS] = value[LEVEL_PERSONS];
    bound[LEVEL_SCORE] = value[LEVEL_SCORE];
    for (int i = 0; i < plan->left_count; i++)
        if (plan->left[i].code == LEFT_CAPACITY) {
            const household *h = &s->households[plan->left[i].household];
            bound[LEVEL_PERSONS] += (double)h->priority * h->size;
            bound[LEVEL_SCORE] += best_score(s, h);
        }
    for (int h = 0; s->replan && h < s->household_count; h++)
        if (s->replan->previous_dwelling[h] >= 0)
            bound[LEVEL_CHANGES] -= 1;
    for (int level = 0; level < OBJECTIVE_LEVELS; level++)
        plan->levels[level] = (level_outcome){plan->levels[level].solved, false, value[level],
                                              bound[level]};
    plan->outcome = LOGIS_FEASIBLE;
    plan->bound = bound[LEVEL_PERSONS];
    plan->bound_trivial = true;
    plan->gap = plan->bound > 0 ? (plan->bound - value[LEVEL_PERSONS]) / plan->bound : 0.0;
    return true;
}

/* The first-come plan, as far as the limits let it go, on the scenario's grid. NULL when out of
 * memory. */
static logis_plan *first_come(solve_run *run, const logis_scenario *s)
{
    logis_plan *plan = plan_new(s);
    if (plan && !first_fit_stays(plan, &run->limits, &run->stopped)) {
        logis_plan_free(plan);
        plan = NULL;
    }
    return plan;
}

static bool coarser_reason(void *context, int h, char *reason, size_t size,
                           bool *beyond_park)
{
    (void)context;
    (void)h;
    *beyond_park = false;
    snprintf(reason, size, "first come on the rules' grid of move-in dates housed more than the "
                           "model on the coarser grid the memory limit allowed; in that plan, "
                           "the dwellings that fit it were taken on its move-in dates by "
                           "households that came first");
    return true;
}

/* The first-come plan is the plan: the limits ended a phase before the search, or the model's
 * coarser grid did worse. */
static bool plan_from_baseline(solve_run *run, logis_plan *plan, capacity_reason reason_of)
{
    logis_plan *baseline = run->baseline;
    for (int i = 0; i < baseline->stay_count; i++) {
        const stay *st = &baseline->stays[i];
        if (!plan_add_stay(plan, st->household, st->dwelling, st->start, st->end))
            return false;
        plan->stays[plan->stay_count - 1].kept = st->kept;
    }
    plan->levels[LEVEL_PERSONS].solved = true;
    plan_sort(plan);
    return plan_list_left_out(plan, reason_of, NULL) && plan_state_trivial_levels(plan);
}

/* On a coarser grid the plan may house fewer than first come on the rules' own grid does: that
 * plan is then the one given. False when out of memory. */
static bool keep_the_better_first_come(solve_run *run, logis_plan *plan)
{
    if (plan_weighted_persons(run->baseline) <= plan_weighted_persons(plan))
        return true;
    plan->stay_count = 0;
    for (int i = 0; i < plan->left_count; i++)
        free(plan->left[i].reason);
    plan->left_count = 0;
    return plan_from_baseline(run, plan, coarser_reason);
}

/* Finishing a plan (its stays, reasons, check, then the caller's file) costs about what placing
 * it first come did, FINISH_PER_FIRST_COME times over: measured in this run, on this machine
 * under its present load, that much is kept back from the search so that the limit holds for
 * the whole solve (×5 over three years, under load: the fixed margin alone ended 1.4 s late). */
enum { FINISH_PER_FIRST_COME = 2 };

/* Listing the households left out and writing the plan take about this long a household
 * whatever the search did (1,000,000 households: 1.8 s after a search stopped at once), which
 * no measure of first come shows when the limit cut it short: kept back from the start. */
static const double FINISH_SECONDS_PER_HOUSEHOLD = 2.5e-6;

bool time_to_finish(const logis_scenario *s, const logis_options *options,
                    logis_diagnostics *diags)
{
    double limit = options ? options->time_limit : 0;
    double needed = FINISH_SECONDS_PER_HOUSEHOLD * s->household_count;
    if (limit <= 0 || limit >= needed)
        return true;
    diag_add(diags, LOGIS_ERROR, NULL, 0, 0, NULL,
             "the time limit leaves %.2f s, and whatever the search, a plan of %d households "
             "takes about %.1f s to list and write: no plan; give more time",
             limit, s->household_count, needed);
    return false;
}

static void keep_time_to_finish(solve_run *run, double first_come_seconds)
{
    if (run->deadline <= 0)
        return;
    run->deadline -= FINISH_PER_FIRST_COME * first_come_seconds;
    run->limits.deadline = run->deadline;
}

/* On a long horizon, the plan made window by window in half the time left becomes the first
 * incumbent when it houses more than first come does. False when out of memory. */
static bool start_from_rolling(solve_run *run)
{
    double now = mip_clock();
    double deadline = run->deadline > 0 ? now + (run->deadline - now) / 2 : 0;
    logis_plan *rolled = NULL;
    logis_status status = rolling_plan(run->scenario, run->options, deadline, &rolled);
    bool better = rolled && plan_weighted_persons(rolled) > plan_weighted_persons(run->incumbent);
    note(run, "logis: plan by windows: %s %ld, %.2f s", rolled ? "weighted persons" : "none",
         rolled ? plan_weighted_persons(rolled) : 0L, mip_clock() - run->started);
    if (better)
        run->incumbent = rolled; /* the baseline, first come, stays the plan so far */
    else
        logis_plan_free(rolled);
    return status != LOGIS_E_NOMEM;
}

/* A plan on a coarser grid states the rules' grid's bound when its steps found one below the
 * trivial bound; the other levels keep theirs. */
static void state_grid_bound(solve_run *run, logis_plan *plan)
{
    double found = grid_bound_finish(run->grid, false);
    run->grid = NULL;
    double fixed[OBJECTIVE_LEVELS];
    fixed_costs(run->scenario, fixed);
    double bound = floor(found + 1e-6) + fixed[LEVEL_PERSONS];
    double value = plan->levels[LEVEL_PERSONS].value;
    note(run, "logis: bound on the rules' grid %.1f, %.2f s", bound, mip_clock() - run->started);
    if (isnan(found) || bound >= plan->bound)
        return;
    plan->bound = bound > value ? bound : value;
    plan->bound_trivial = false;
    plan->gap = plan->bound > 0 ? (plan->bound - value) / plan->bound : 0.0;
    plan->levels[LEVEL_PERSONS].bound = plan->bound;
}

/* Builds the model within the limits and solves it; the first-come plan when the limits end
 * the building. */
static logis_status plan_by_model(solve_run *run, int candidates_from, logis_plan *plan,
                                  logis_diagnostics *diags)
{
    double started = mip_clock();
    run->baseline = first_come(run, plan->scenario);
    run->first_come_cut = run->stopped;
    keep_time_to_finish(run, mip_clock() - started);
    if (!run->baseline)
        return LOGIS_E_NOMEM;
    logis_status status = run->stopped ? LOGIS_OK : choose_grid(run, candidates_from, diags);
    if (status != LOGIS_OK)
        return status;
    run->incumbent = run->baseline;
    if (!run->stopped && run->stride > 1 && !(run->incumbent = first_come(run, run->scenario)))
        return LOGIS_E_NOMEM;
    bool long_horizon = run->stride == 1 && candidates_from == run->scenario->dwelling_count &&
                        rolling_wanted(run->scenario);
    if (!run->stopped && long_horizon && !start_from_rolling(run))
        return LOGIS_E_NOMEM;
    if (run->stopped)
        return plan_from_baseline(run, plan,
                                  run->first_come_cut ? first_come_cut_reason : stopped_reason)
                   ? LOGIS_OK
                   : LOGIS_E_NOMEM;
    model_outcome built = model_build(run->scenario, candidates_from, &run->limits, &run->model);
    if (built == MODEL_STOPPED)
        return plan_from_baseline(run, plan, stopped_reason) ? LOGIS_OK : LOGIS_E_NOMEM;
    if (built == MODEL_OUT_OF_MEMORY)
        return LOGIS_E_NOMEM;
    note(run, "logis: model built: %d rows, %d columns, %ld entries, %.2f s",
         run->model.row_count, run->model.column_count, run->model.entry_count,
         mip_clock() - run->started);
    bool solved = run_solve(run, plan);
    if (!solved && run->out_of_memory)
        return LOGIS_E_NOMEM;
    if (!solved) {
        diag_add(diags, LOGIS_ERROR, NULL, 0, 0, NULL, "solver failure: %s",
                 run->error[0] ? run->error : "unknown error");
        return LOGIS_E_SOLVER;
    }
    plan->coarser_step = run->stride > 1 ? run->scenario->rules.start_step_days : 0;
    if (run->stride > 1 && !keep_the_better_first_come(run, plan))
        return LOGIS_E_NOMEM;
    if ((run->stride > 1 || plan->bound_trivial) && !plan_state_trivial_levels(plan))
        return LOGIS_E_NOMEM;
    if (run->stride > 1)
        state_grid_bound(run, plan);
    return LOGIS_OK;
}

logis_status logis_solve(const logis_scenario *s, const logis_options *options,
                         logis_plan **out, logis_diagnostics *diags)
{
    size_t errors_before = logis_diagnostics_errors(diags);
    logis_status status = solve_scenario(s, s->dwelling_count, options, out, diags);
    if (status == LOGIS_E_NOMEM)
        diag_out_of_memory(diags, errors_before, NULL);
    return status;
}

logis_status solve_scenario(const logis_scenario *s, int candidates_from,
                            const logis_options *options, logis_plan **out,
                            logis_diagnostics *diags)
{
    if (s->forecast.given && s->forecast.count > 0 && candidates_from == s->dwelling_count)
        return solve_with_forecast(s, options, out, diags);
    if (!time_to_finish(s, options, diags))
        return LOGIS_E_LIMIT;
    logis_options defaults;
    logis_options_init(&defaults);
    solve_run run = {.scenario = s, .rules_grid = s, .options = options ? options : &defaults};
    for (int h = 0; h < s->household_count && !run.anticipating; h++)
        run.anticipating = s->households[h].forecast || s->potentials;
    run.started = mip_clock();
    double limit = run.options->time_limit;
    /* the search stops a little early so that the whole solve, plan included, keeps the limit */
    double finish = fmin(1.0, 0.02 * limit) + FINISH_SECONDS_PER_HOUSEHOLD * s->household_count;
    run.deadline = limit > 0 ? fmax(run.started, run.started + limit - finish) : 0;
    run.limits = (work_limits){run.deadline, run.options->stop};
    logis_plan *plan = plan_new(s);
    bool feasible = false, ok = plan && plan_check_fixed_stays(plan, &feasible);
    logis_status status = ok ? LOGIS_OK : LOGIS_E_NOMEM;
    *out = NULL;
    if (ok && !feasible)
        plan->outcome = LOGIS_INFEASIBLE;
    else if (ok)
        status = plan_by_model(&run, candidates_from, plan, diags);
    if (status == LOGIS_OK && plan->outcome != LOGIS_INFEASIBLE)
        status = plan_self_check(plan, diags);
    if (plan)
        plan->seconds = mip_clock() - run.started;
    grid_bound_finish(run.grid, true);
    mip_free(run.mip);
    rounding_free(&run.rounding);
    for (int c = 0; run.class_reasons && c < run.model.class_count; c++)
        free(run.class_reasons[c]);
    free(run.class_reasons);
    free(run.class_beyond_park);
    model_free(&run.model);
    if (run.incumbent != run.baseline)
        logis_plan_free(run.incumbent);
    logis_plan_free(run.baseline);
    free(run.x);
    free(run.next);
    free(run.activity);
    if (status == LOGIS_OK)
        *out = plan;
    else
        logis_plan_free(plan);
    return status;
}
