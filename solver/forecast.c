/* Planning against the lists to come, by sample average approximation: the announced households
 * are solved with each sampled future (the forecast's households arriving after the announced
 * date, weighted below them), and the plan kept is the one most sampled futures agree with. */
#include "solver/build.h"

#include "base/diag.h"
#include "base/parallel.h"
#include "domain/rules.h"
#include "solver/mip.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* An announced household weighs FORECAST_ANNOUNCED_WEIGHT ÷ FORECAST_EXPECTED_WEIGHT times an
 * expected one of the same size and priority: the forecast is a likely future, not a list. */
enum { FORECAST_ANNOUNCED_WEIGHT = 10, FORECAST_EXPECTED_WEIGHT = 9 };

/* How far a sampled convoy may arrive from the forecast's date, either way: lists do not come
 * on the same days each year. */
enum { FORECAST_JITTER_DAYS = 5 };

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

static bool forecast_build(const logis_scenario *s, int sample, forecast_scenario *f)
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
        household expected = sampled_household(&s->forecast, sample, k);
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

/* The plan of the announced households against one sampled future. */
static logis_status solve_sample(const logis_scenario *s, int sample, const logis_options *options,
                                 logis_plan **out, logis_diagnostics *diags)
{
    forecast_scenario f = {0};
    *out = NULL;
    logis_status status = forecast_build(s, sample, &f) ? LOGIS_OK : LOGIS_E_NOMEM;
    if (status == LOGIS_OK)
        status = solve_scenario(&f.scenario, f.scenario.dwelling_count, options, out, diags);
    if (status == LOGIS_OK && (*out)->outcome != LOGIS_INFEASIBLE) {
        (*out)->forecast_expected = f.scenario.household_count - f.announced;
        (*out)->forecast_after = f.scenario.forecast.announced_until;
        keep_announced(*out, s, f.announced);
    } else if (status == LOGIS_OK) {
        (*out)->scenario = s;
    }
    forecast_free(&f);
    return status;
}

/* Dwellings of one kind are the same decision: which of them a plan takes is chance. */
static bool same_kind(const dwelling *x, const dwelling *y)
{
    return x->territory == y->territory && x->places == y->places && x->lease == y->lease &&
           x->shared == y->shared && x->features == y->features;
}

/* How many announced households, not kept, the two plans decide alike: both leave it out, or
 * both house it on one date in dwellings of one kind. */
static int agreement(const logis_plan *a, const int *stay_of_a, const logis_plan *b,
                     const int *stay_of_b)
{
    const logis_scenario *s = a->scenario;
    int alike = 0;
    for (int h = 0; h < s->household_count; h++) {
        int i = stay_of_a[h], j = stay_of_b[h];
        if (i >= 0 && a->stays[i].kept != KEPT_NONE)
            continue;
        alike += i < 0 && j < 0;
        alike += i >= 0 && j >= 0 && a->stays[i].start == b->stays[j].start &&
                 same_kind(&s->dwellings[a->stays[i].dwelling],
                           &s->dwellings[b->stays[j].dwelling]);
    }
    return alike;
}

/* The index of the plan that agrees most with all the others (the first of equals), or -1 when
 * out of memory. */
static int medoid(logis_plan *const *plans, int count)
{
    int **stay_of = count > 0 ? calloc((size_t)count, sizeof *stay_of) : NULL;
    bool ok = stay_of != NULL;
    for (int k = 0; ok && k < count; k++)
        ok = (stay_of[k] = plan_stay_index(plans[k], plans[k]->scenario->household_count)) !=
             NULL;
    int best = ok ? 0 : -1;
    long best_agreement = -1;
    for (int k = 0; ok && k < count; k++) {
        long total = 0;
        for (int j = 0; j < count; j++)
            total += j == k ? 0 : agreement(plans[k], stay_of[k], plans[j], stay_of[j]);
        if (total > best_agreement) {
            best_agreement = total;
            best = k;
        }
    }
    for (int k = 0; stay_of && k < count; k++)
        free(stay_of[k]);
    free(stay_of);
    return best;
}

/* The other sampled futures, solved on as many threads as there are processors, silently. */
typedef struct {
    const logis_scenario *scenario;
    logis_options options;
    logis_plan **plans;
    logis_status *status;
    logis_diagnostics **diags;
} sample_jobs;

static void solve_sample_at(void *context, size_t index)
{
    sample_jobs *jobs = context;
    size_t k = index + 1; /* sample 0 was solved first, alone */
    if (jobs->options.stop && *jobs->options.stop)
        return; /* the caller asked to stop: the samples made so far decide */
    jobs->status[k] = solve_sample(jobs->scenario, (int)k, &jobs->options, &jobs->plans[k],
                                   jobs->diags[k]);
}

/* A sample may take FORECAST_SAMPLE_MARGIN times the first one's time: the others are of the same
 * size, but each is a different problem. */
enum { FORECAST_SAMPLE_MARGIN = 3 };

/* How many more samples the time left allows after the first, which took `taken` seconds and
 * proved its plan, and the options they get: each the time of its round (the samples one
 * thread solves in turn), its share of the memory, and no progress reports. */
static int further_samples(const logis_options *options, double taken, int threads, int wanted,
                           logis_options *share)
{
    *share = *options;
    share->log = NULL;
    share->progress = NULL;
    share->write_lp = NULL;
    if (options->memory_limit > 0 && threads > 1)
        share->memory_limit = options->memory_limit / threads + 1;
    if (options->time_limit <= 0)
        return wanted;
    double left = options->time_limit - taken;
    double each = FORECAST_SAMPLE_MARGIN * (taken > 0.05 ? taken : 0.05);
    int rounds = left > each ? (int)(left / each) : 0;
    int more = rounds * threads < wanted ? rounds * threads : wanted;
    if (more > 0)
        share->time_limit = left / ((more + threads - 1) / threads);
    return more;
}

/* Solves the samples; the plans made, in sample order, go to plans[0..*made). The first failure's
 * status, and every sample's messages, go to diags. The first sample, the list as written, is
 * solved alone with the whole time limit: the others come only when it proved its plan with time
 * to spare, so that a model too big for the time is planned as against a single future. */
static logis_status solve_samples(const logis_scenario *s, int samples,
                                  const logis_options *options, logis_plan **plans, int *made,
                                  logis_diagnostics *diags)
{
    double started = mip_clock();
    logis_status status = solve_sample(s, 0, options, &plans[0], diags);
    *made = status == LOGIS_OK;
    if (status != LOGIS_OK || plans[0]->outcome != LOGIS_OPTIMAL || samples == 1)
        return status;
    int threads = parallel_processors();
    sample_jobs jobs = {.scenario = s,
                        .plans = plans,
                        .status = calloc((size_t)samples + 1, sizeof *jobs.status),
                        .diags = calloc((size_t)samples + 1, sizeof *jobs.diags)};
    int more = further_samples(options, mip_clock() - started, threads, samples - 1,
                               &jobs.options);
    status = jobs.status && jobs.diags ? LOGIS_OK : LOGIS_E_NOMEM;
    for (int k = 1; status == LOGIS_OK && k <= more; k++)
        status = (jobs.diags[k] = logis_diagnostics_new()) ? LOGIS_OK : LOGIS_E_NOMEM;
    if (status == LOGIS_OK)
        parallel_run((size_t)more, threads, solve_sample_at, &jobs);
    for (int k = 1; jobs.diags && k <= more; k++) {
        diag_add_all(diags, jobs.diags[k]);
        if (status == LOGIS_OK && jobs.status[k] != LOGIS_OK)
            status = jobs.status[k];
        if (plans[k])
            plans[(*made)++] = plans[k];
        logis_diagnostics_free(jobs.diags[k]);
    }
    for (int k = *made; k < samples; k++)
        plans[k] = NULL;
    free(jobs.status);
    free(jobs.diags);
    return status;
}

logis_status solve_with_forecast(const logis_scenario *s, const logis_options *options,
                                 logis_plan **out, logis_diagnostics *diags)
{
    logis_options defaults;
    logis_options_init(&defaults);
    int samples = s->forecast.samples > 1 ? s->forecast.samples : 1;
    logis_plan **plans = calloc((size_t)samples + 1, sizeof *plans);
    int made = 0;
    *out = NULL;
    logis_status status =
        plans ? solve_samples(s, samples, options ? options : &defaults, plans, &made, diags)
              : LOGIS_E_NOMEM;
    /* fixed stays that break the rules make every sample infeasible: the first says so */
    bool infeasible = status == LOGIS_OK && made > 0 && plans[0]->outcome == LOGIS_INFEASIBLE;
    int chosen = status != LOGIS_OK ? -1 : infeasible ? 0 : medoid(plans, made);
    if (status == LOGIS_OK && chosen < 0)
        status = LOGIS_E_NOMEM;
    logis_plan *plan = chosen >= 0 ? plans[chosen] : NULL;
    if (plan && plan->outcome != LOGIS_INFEASIBLE) {
        plan->forecast_samples = made;
        plan_sort(plan);
        status = plan_state_trivial_levels(plan) ? plan_self_check(plan, diags) : LOGIS_E_NOMEM;
    }
    for (int k = 0; plans && k < made; k++)
        if (k != chosen || status != LOGIS_OK)
            logis_plan_free(plans[k]);
    free(plans);
    if (status == LOGIS_OK)
        *out = plan;
    return status;
}
