/* Planning against the lists to come (sample average approximation with potentials): the
 * announced households are planned at once with a few sampled futures of the next months, each
 * future in rows of its own; what a stay holds beyond those months is priced by potentials, the
 * shadow prices of places and caseload in the relaxations of whole-year sampled futures. */
#include "solver/build.h"

#include "base/array.h"
#include "base/diag.h"
#include "base/parallel.h"
#include "domain/rules.h"
#include "solver/mip.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* An announced household weighs FORECAST_ANNOUNCED_WEIGHT ÷ FORECAST_EXPECTED_WEIGHT times an
 * expected one of the same size and priority: the forecast is a likely future, not a list. */
enum { FORECAST_ANNOUNCED_WEIGHT = 10, FORECAST_EXPECTED_WEIGHT = 9 };

/* How far a sampled convoy may arrive from the forecast's date, either way: lists do not come
 * on the same days each year. */
enum { FORECAST_JITTER_DAYS = 5 };

/* The futures planned household by household: FORECAST_FUTURES of them (at most the samples
 * asked for), over the FORECAST_WINDOW_DAYS after the announced date. Unseen years (the
 * independent generator's, seeds 71-79, lead 21): 0.968 of hindsight with the nine futures'
 * most central plan; 0.970 with one future over 60 days; 0.977 with four over 120 (19 s a year),
 * as made here; with the announced households priced too, 0.975 with four over 120, 0.977 with
 * six (36 s), 0.976 with four over 180 (50 s). */
enum { FORECAST_FUTURES = 4, FORECAST_WINDOW_DAYS = 120 };

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

/* SplitMix64's finaliser: the samples are drawn from hashes of (sample, item), so each sample is
 * the same on every run and every machine. */
static uint64_t sample_hash(uint64_t sample, uint64_t item)
{
    uint64_t z = sample * 0x9e3779b97f4a7c15ULL + item + 0x9e3779b97f4a7c15ULL;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* The k-th expected household of a sample. Sample 0 is the list as written; in the others the
 * household is one of the list drawn at random (the year's mix, not its exact families), on the
 * date of the k-th moved by up to FORECAST_JITTER_DAYS, by as much for its whole convoy. */
static household sampled_household(const forecast_list *list, int sample, int k)
{
    day_t date = list->households[k].arrival;
    int drawn = k;
    if (sample > 0) {
        uint64_t member = sample_hash((uint64_t)sample, (uint64_t)k);
        uint64_t convoy = sample_hash((uint64_t)sample, (uint64_t)(uint32_t)date << 32);
        drawn = (int)(member % (uint64_t)list->count);
        date += (int)(convoy % (2 * FORECAST_JITTER_DAYS + 1)) - FORECAST_JITTER_DAYS;
    }
    household expected = list->households[drawn];
    expected.arrival = date + list->shift_days;
    expected.weight = FORECAST_EXPECTED_WEIGHT;
    return expected;
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

/* The announced households, each of weight announced_weight, and `count` sampled futures from
 * `first` on, of the expected households arriving before `until`, the k-th future's households
 * tagged k + 1 (their rows). */
static bool futures_build(const logis_scenario *s, int first, int count, day_t until,
                          int announced_weight, forecast_scenario *f)
{
    day_t after = announced_until(s);
    int total = s->household_count;
    f->scenario = *s;
    f->announced = s->household_count;
    f->households = malloc(((size_t)s->household_count +
                            (size_t)count * (size_t)s->forecast.count + 1) *
                           sizeof *f->households);
    if (!f->households)
        return false;
    for (int h = 0; h < s->household_count; h++) {
        f->households[h] = s->households[h];
        f->households[h].weight = announced_weight;
    }
    for (int k = 0; k < count; k++)
        for (int i = 0; i < s->forecast.count; i++) {
            household expected = sampled_household(&s->forecast, first + k, i);
            expected.sample = k + 1;
            if (expected.arrival >= after && expected.arrival < until &&
                expected.arrival < s->horizon_end)
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

/* ---- potentials: what the futures' relaxations say a resource-day is worth ---- */

typedef struct {
    potential *items;
    int count;
    bool priced; /* the future's relaxation was solved in time */
} future_potentials;

/* The resource-days of model m at the duals of its relaxation (each item's total is then its
 * own day's price). */
static bool collect_potentials(const model *m, const double *dual, future_potentials *out)
{
    size_t capacity = 0;
    for (int i = 0; i < m->row_count; i++) {
        const row *r = &m->rows[i];
        double price = fmax(dual[i], 0.0);
        if ((r->kind != ROW_OCCUPANCY && r->kind != ROW_CASELOAD) || price <= 0)
            continue;
        bool place = r->kind == ROW_OCCUPANCY;
        int owners = place ? m->types[r->owner].count : 1;
        for (int k = 0; k < owners; k++) {
            if (!ARRAY_GROW(out->items, out->count, capacity))
                return false;
            out->items[out->count++] = (potential){
                place ? POTENTIAL_PLACE : POTENTIAL_CASELOAD,
                place ? m->types[r->owner].members[k] : r->owner, r->day, price};
        }
    }
    return true;
}

/* A full resource's dual may rest on the households' own rows instead (a degenerate optimum:
 * one dwelling, one family to come, the day's price anywhere between 0 and the family's weight).
 * Taking POTENTIAL_SHAVE off every resource's limit makes the full ones bind, so that a day is
 * priced at what losing it would cost, not at what one more would bring. */
static const double POTENTIAL_SHAVE = 0.01;

/* Prices the resource-days against sampled future `sample`, out->priced staying false when the
 * limits come first. The announced households weigh nothing there: a potential is what the
 * expected households would give for a resource-day, against which the plan of the futures
 * then weighs the announced ones (priced with themselves, a household would set its own price:
 * unseen years 0.975 of hindsight, against 0.976 so). */
static logis_status price_future(const logis_scenario *s, int sample, const logis_options *o,
                                 double deadline, future_potentials *out)
{
    forecast_scenario f = {0};
    model m = {0};
    mip *p = NULL;
    double *dual = NULL;
    work_limits limits = {deadline, o->stop};
    char error[256] = "";
    bool out_of_memory = !futures_build(s, sample, 1, s->horizon_end, 0, &f);
    model_outcome built = out_of_memory ? MODEL_OUT_OF_MEMORY
                                        : model_build(&f.scenario, s->dwelling_count, &limits, &m);
    out_of_memory = built == MODEL_OUT_OF_MEMORY;
    for (int i = 0; built == MODEL_BUILT && i < m.row_count; i++)
        if (m.rows[i].kind == ROW_OCCUPANCY || m.rows[i].kind == ROW_CASELOAD)
            m.rows[i].upper = fmax(m.rows[i].upper - POTENTIAL_SHAVE, 0.0);
    if (built == MODEL_BUILT) {
        p = mip_new(&m, NULL, false, o->memory_limit, NULL, NULL, error, sizeof error,
                    &out_of_memory);
        dual = malloc(((size_t)m.row_count + 1) * sizeof *dual);
        out_of_memory = out_of_memory || !dual;
    }
    mip_params params = {.deadline = deadline, .stop = o->stop};
    if (p && dual && mip_relaxation_duals(p, &params, dual)) {
        out->priced = collect_potentials(&m, dual, out);
        out_of_memory = !out->priced;
    }
    out_of_memory = out_of_memory || (p && mip_out_of_memory(p));
    free(dual);
    mip_free(p);
    model_free(&m);
    forecast_free(&f);
    return out_of_memory ? LOGIS_E_NOMEM : LOGIS_OK;
}

typedef struct {
    const logis_scenario *scenario;
    logis_options options; /* the caller's, with a thread's share of the memory */
    double deadline;
    future_potentials *futures;
    logis_status *status;
} pricing_jobs;

static void price_future_at(void *context, size_t index)
{
    pricing_jobs *jobs = context;
    jobs->status[index] = price_future(jobs->scenario, (int)index, &jobs->options, jobs->deadline,
                                       &jobs->futures[index]);
}

static int compare_potentials(const void *a, const void *b)
{
    const potential *x = a, *y = b;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    if (x->owner != y->owner)
        return x->owner < y->owner ? -1 : 1;
    return (x->day > y->day) - (x->day < y->day);
}

/* The mean of the priced futures' potentials per resource-day, added up along each owner's
 * days. False when out of memory. */
static bool mean_potentials(const future_potentials *futures, int count, potentials *out)
{
    size_t total = 0;
    int priced = 0;
    for (int k = 0; k < count; k++) {
        total += futures[k].priced ? (size_t)futures[k].count : 0;
        priced += futures[k].priced;
    }
    out->items = malloc((total + 1) * sizeof *out->items);
    if (!out->items)
        return false;
    size_t n = 0;
    for (int k = 0; k < count; k++)
        for (int i = 0; futures[k].priced && i < futures[k].count; i++) {
            out->items[n] = futures[k].items[i];
            out->items[n++].total /= priced;
        }
    qsort(out->items, n, sizeof *out->items, compare_potentials);
    int kept = 0;
    for (size_t i = 0; i < n; i++) {
        potential *last = kept > 0 ? &out->items[kept - 1] : NULL;
        bool same_owner = last && last->kind == out->items[i].kind &&
                          last->owner == out->items[i].owner;
        if (same_owner && last->day == out->items[i].day) {
            last->total += out->items[i].total;
            continue;
        }
        double before = same_owner ? last->total : 0.0;
        out->items[kept] = out->items[i];
        out->items[kept++].total += before;
    }
    out->count = kept;
    return true;
}

/* The futures' potentials, each future on the threads there are, within half the time left;
 * *priced: how many futures were. */
static logis_status price_futures(const logis_scenario *s, const logis_options *options,
                                  int samples, potentials *out, int *priced)
{
    future_potentials *futures = calloc((size_t)samples, sizeof *futures);
    logis_status *status = calloc((size_t)samples, sizeof *status);
    logis_status first = futures && status ? LOGIS_OK : LOGIS_E_NOMEM;
    int threads = parallel_processors();
    double now = mip_clock();
    pricing_jobs jobs = {s, *options, options->time_limit > 0 ? now + options->time_limit / 2 : 0,
                         futures, status};
    jobs.options.memory_limit = options->memory_limit > 0 && threads > 1
                                    ? options->memory_limit / threads + 1
                                    : options->memory_limit;
    if (first == LOGIS_OK)
        parallel_run((size_t)samples, threads, price_future_at, &jobs);
    *priced = 0;
    for (int k = 0; first == LOGIS_OK && k < samples; k++) {
        first = status[k];
        *priced += futures[k].priced;
    }
    if (first == LOGIS_OK && !mean_potentials(futures, samples, out))
        first = LOGIS_E_NOMEM;
    for (int k = 0; futures && k < samples; k++)
        free(futures[k].items);
    free(futures);
    free(status);
    return first;
}

/* The forecast's households arriving from `after` on, within the horizon. */
static int expected_after(const logis_scenario *s, day_t after)
{
    int count = 0;
    for (int k = 0; k < s->forecast.count; k++) {
        day_t arrival = s->forecast.households[k].arrival + s->forecast.shift_days;
        count += arrival >= after && arrival < s->horizon_end;
    }
    return count;
}

/* Do the fixed stays keep the rules (*hold)? The futures' models are built on that. */
static logis_status fixed_stays_hold(const logis_scenario *s, bool *hold)
{
    logis_plan *plan = plan_new(s);
    bool checked = plan && plan_check_fixed_stays(plan, hold);
    logis_plan_free(plan);
    return checked ? LOGIS_OK : LOGIS_E_NOMEM;
}

/* The plan of the announced households against the futures; its forecast figures say how many
 * expected households it was planned with, after which date, and how many futures priced. */
static logis_status solve_against_futures(const logis_scenario *s, const logis_options *options,
                                          logis_plan **out, logis_diagnostics *diags)
{
    int samples = s->forecast.samples > 1 ? s->forecast.samples : 1, priced = 0;
    int futures = samples < FORECAST_FUTURES ? samples : FORECAST_FUTURES;
    day_t window_end = announced_until(s) + FORECAST_WINDOW_DAYS;
    double started = mip_clock();
    potentials prices = {.from = window_end};
    forecast_scenario f = {0};
    bool hold = false;
    logis_status status = fixed_stays_hold(s, &hold);
    if (status == LOGIS_OK && hold) /* else the plan says which fixed stays break the rules */
        status = price_futures(s, options, samples, &prices, &priced);
    /* an announced household weighs as much as in each future, that each future weighs alike */
    if (status == LOGIS_OK &&
        !futures_build(s, 0, futures, window_end, FORECAST_ANNOUNCED_WEIGHT * futures, &f))
        status = LOGIS_E_NOMEM;
    f.scenario.potentials = &prices;
    logis_options rest = *options;
    if (rest.time_limit > 0)
        rest.time_limit = fmax(rest.time_limit - (mip_clock() - started), 0.001);
    if (status == LOGIS_OK)
        status = solve_scenario(&f.scenario, s->dwelling_count, &rest, out, diags);
    if (status == LOGIS_OK && (*out)->outcome != LOGIS_INFEASIBLE) {
        (*out)->forecast_expected = expected_after(s, f.scenario.forecast.announced_until);
        (*out)->forecast_after = f.scenario.forecast.announced_until;
        (*out)->forecast_samples = priced;
    }
    if (status == LOGIS_OK)
        keep_announced(*out, s, f.announced);
    free(prices.items);
    forecast_free(&f);
    return status;
}

logis_status solve_with_forecast(const logis_scenario *s, const logis_options *options,
                                 logis_plan **out, logis_diagnostics *diags)
{
    logis_options defaults;
    logis_options_init(&defaults);
    logis_plan *plan = NULL;
    *out = NULL;
    logis_status status = solve_against_futures(s, options ? options : &defaults, &plan, diags);
    if (status == LOGIS_OK && plan->outcome != LOGIS_INFEASIBLE) {
        plan_sort(plan);
        status = plan_state_trivial_levels(plan) ? plan_self_check(plan, diags) : LOGIS_E_NOMEM;
    }
    if (status == LOGIS_OK)
        *out = plan;
    else
        logis_plan_free(plan);
    return status;
}
