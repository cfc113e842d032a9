/* logis replay: the year lived week by week. Every step from horizon.start, the households
 * arriving before the day + the lead are known; logis re-plans with the day as now, keeping
 * what has begun. The stays that began make the online result, set beside hindsight. */
#include "analysis/replay.h"

#include "base/array.h"
#include "base/diag.h"
#include "base/json.h"
#include "base/parallel.h"
#include "base/textbuf.h"
#include "base/textfile.h"
#include "domain/announced.h"
#include "solver/build.h"
#include "solver/mip.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void logis_replay_options_init(logis_replay_options *options)
{
    *options = (logis_replay_options){.lead_days = 21, .step_days = 7, .use_forecast = 1};
    logis_options_init(&options->solve);
    options->solve.time_limit = 10;
}

void logis_replay_free(logis_replay *r)
{
    if (!r)
        return;
    logis_plan_free(r->plan);
    free(r->rows);
    free(r);
}

/* The scenario without its forecast: hindsight and the final plan know the whole year. */
static logis_scenario without_forecast(const logis_scenario *s)
{
    logis_scenario plain = *s;
    plain.forecast.given = false;
    return plain;
}

logis_status logis_replay_new(const logis_scenario *s, const logis_options *solve,
                              logis_replay **out, logis_diagnostics *diags)
{
    logis_replay *r = calloc(1, sizeof *r);
    logis_scenario plain = without_forecast(s);
    logis_plan *hindsight = NULL, *first_come = NULL;
    *out = NULL;
    logis_status status = r ? logis_solve(&plain, solve, &hindsight, diags) : LOGIS_E_NOMEM;
    if (!r)
        diag_out_of_memory(diags, logis_diagnostics_errors(diags), NULL);
    if (status == LOGIS_OK)
        status = logis_plan_first_fit(&plain, &first_come, diags);
    if (status == LOGIS_OK) {
        *r = (logis_replay){.scenario = s,
                            .hindsight = plan_weighted_persons(hindsight),
                            .first_come = plan_weighted_persons(first_come),
                            .hindsight_status = hindsight->outcome == LOGIS_OPTIMAL
                                                    ? "optimal"
                                                    : hindsight->outcome == LOGIS_FEASIBLE
                                                          ? "feasible"
                                                          : "infeasible",
                            .hindsight_seconds = hindsight->seconds};
        *out = r;
    } else {
        free(r);
    }
    logis_plan_free(hindsight);
    logis_plan_free(first_come);
    return status;
}

/* One week of the year: what is known on day, planned from the previous week's plan. The
 * plans point at their scenario, so this week's and last week's stay where they are. */
typedef struct {
    const logis_replay_options *options;
    replay_row *run;
    announced_scenario known[2];
    int current;      /* known[current] is the scenario of plan */
    logis_plan *plan; /* the latest week's */
} year;

static logis_status live_week(year *y, const logis_scenario *s, day_t day,
                              logis_diagnostics *diags)
{
    const logis_replay_options *o = y->options;
    announced_scenario *known = &y->known[1 - y->current];
    if (!announced_build(s, day + o->lead_days, known))
        return LOGIS_E_NOMEM;
    known->scenario.forecast.given = o->use_forecast && s->forecast.given;
    logis_plan *plan = NULL;
    logis_status status = y->plan ? replan_after(&known->scenario, y->plan, day, &o->solve,
                                                 &plan, diags)
                                  : logis_solve(&known->scenario, &o->solve, &plan, diags);
    if (status == LOGIS_OK && plan->outcome == LOGIS_INFEASIBLE) {
        diag_add(diags, LOGIS_ERROR, NULL, 0, 0, NULL, "the fixed stays break the rules");
        status = LOGIS_E_INPUT;
    }
    if (status != LOGIS_OK) {
        logis_plan_free(plan);
        announced_free(known);
        return status;
    }
    if (y->plan) {
        y->run->replans++;
        y->run->changes += plan->replan.moved + plan->replan.no_longer_housed;
    }
    logis_plan_free(y->plan);
    announced_free(&y->known[y->current]);
    y->plan = plan;
    y->current = 1 - y->current;
    return LOGIS_OK;
}

static bool stop_requested(const logis_replay_options *o)
{
    return o->solve.stop && *o->solve.stop;
}

/* The year from horizon.start, then a last re-plan at horizon.end on the whole scenario: every
 * stay that began is kept, and that plan is the year as it was lived. */
static logis_status live_the_year(const logis_scenario *s, year *y, logis_plan **lived,
                                  logis_diagnostics *diags)
{
    logis_status status = LOGIS_OK;
    day_t day = s->horizon_start;
    for (; status == LOGIS_OK && day < s->horizon_end && !stop_requested(y->options);
         day += y->options->step_days)
        status = live_week(y, s, day, diags);
    y->run->complete = day >= s->horizon_end;
    logis_scenario plain = without_forecast(s);
    if (status == LOGIS_OK && y->plan)
        status = replan_after(&plain, y->plan, s->horizon_end, &y->options->solve, lived, diags);
    if (status == LOGIS_OK && *lived)
        (*lived)->scenario = s;
    return status;
}

/* One year lived with these options: its row, and the plan of the year as lived. */
typedef struct {
    const logis_scenario *scenario;
    logis_replay_options options; /* the caller's, the memory limit shared between the threads */
    replay_row run;
    logis_plan *lived;
    logis_diagnostics *diags; /* its own: diagnostics are not shared between threads */
    logis_status status;
} replay_job;

static void run_job(replay_job *job)
{
    const logis_replay_options *o = &job->options;
    if (o->lead_days < 0 || o->step_days < 1) {
        diag_add(job->diags, LOGIS_ERROR, NULL, 0, 0, NULL,
                 "a replay needs a lead of 0 days or more and a step of 1 day or more");
        job->status = LOGIS_E_INPUT;
        return;
    }
    job->run = (replay_row){.lead_days = o->lead_days,
                            .step_days = o->step_days,
                            .notice_days = o->solve.notice_days >= 0
                                               ? o->solve.notice_days
                                               : job->scenario->rules.notice_days,
                            .forecast = o->use_forecast && job->scenario->forecast.given};
    year y = {.options = o, .run = &job->run};
    double started = mip_clock();
    job->status = live_the_year(job->scenario, &y, &job->lived, job->diags);
    if (job->status == LOGIS_E_NOMEM) /* knowing the week's households said nothing */
        diag_out_of_memory(job->diags, 0, NULL);
    job->run.seconds = mip_clock() - started;
    job->run.weighted = plan_weighted_persons(job->lived);
    logis_plan_free(y.plan);
    announced_free(&y.known[0]);
    announced_free(&y.known[1]);
}

static void run_job_at(void *jobs, size_t index)
{
    run_job(&((replay_job *)jobs)[index]);
}

/* Appends the jobs' rows in order (the first plan of the year as lived is kept), and their
 * diagnostics. The first failure's status, else LOGIS_OK. */
static logis_status gather(logis_replay *r, replay_job *jobs, size_t count,
                           logis_diagnostics *diags)
{
    logis_status status = LOGIS_OK;
    if (!ARRAY_RESERVE(r->rows, r->count, count, r->rows_capacity))
        status = LOGIS_E_NOMEM;
    for (size_t i = 0; i < count; i++) {
        replay_job *job = &jobs[i];
        diag_add_all(diags, job->diags);
        if (status == LOGIS_OK && job->status != LOGIS_OK)
            status = job->status;
        if (status != LOGIS_OK)
            continue;
        r->rows[r->count++] = job->run;
        if (!r->plan) {
            r->plan = job->lived;
            job->lived = NULL;
        }
    }
    return status;
}

logis_status logis_replay_run_all(logis_replay *r, const logis_replay_options *options,
                                  size_t count, int jobs, logis_diagnostics *diags)
{
    size_t errors_before = logis_diagnostics_errors(diags);
    replay_job *list = calloc(count + 1, sizeof *list);
    bool ok = list != NULL;
    int threads = jobs < 1 ? 1 : jobs > LOGIS_REPLAY_MAX_JOBS ? LOGIS_REPLAY_MAX_JOBS : jobs;
    int sharing = (size_t)threads < count ? threads : (int)count;
    for (size_t i = 0; ok && i < count; i++) {
        list[i] = (replay_job){.scenario = r->scenario, .options = options[i],
                               .diags = logis_diagnostics_new()};
        if (sharing > 1 && options[i].solve.memory_limit > 0)
            list[i].options.solve.memory_limit = options[i].solve.memory_limit / sharing + 1;
        ok = list[i].diags != NULL;
    }
    if (ok)
        parallel_run(count, threads, run_job_at, list);
    logis_status status = ok ? gather(r, list, count, diags) : LOGIS_E_NOMEM;
    for (size_t i = 0; list && i < count; i++) {
        logis_plan_free(list[i].lived);
        logis_diagnostics_free(list[i].diags);
    }
    free(list);
    if (status == LOGIS_E_NOMEM)
        diag_out_of_memory(diags, errors_before, NULL);
    return status;
}

logis_status logis_replay_run(logis_replay *r, const logis_replay_options *options,
                              logis_diagnostics *diags)
{
    return logis_replay_run_all(r, options, 1, 1, diags);
}

/* ---- runs lived elsewhere ---- */

/* The row of runs[index] as logis_replay_json wrote it; false when a member is missing. */
static bool read_row(const json *item, replay_row *out)
{
    static const char *const numbers[] = {"lead_days", "step_days", "notice_days",
                                          "weighted_persons_housed", "replans", "changes",
                                          "seconds"};
    for (size_t i = 0; i < sizeof numbers / sizeof *numbers; i++)
        if (!json_is_number(json_member(item, numbers[i])))
            return false;
    if (!json_is_bool(json_member(item, "forecast")) ||
        !json_is_bool(json_member(item, "complete")))
        return false;
    *out = (replay_row){.lead_days = (int)json_number(json_member(item, "lead_days")),
                        .step_days = (int)json_number(json_member(item, "step_days")),
                        .notice_days = (int)json_number(json_member(item, "notice_days")),
                        .forecast = json_true(json_member(item, "forecast")),
                        .complete = json_true(json_member(item, "complete")),
                        .weighted = (long)json_number(
                            json_member(item, "weighted_persons_housed")),
                        .replans = (int)json_number(json_member(item, "replans")),
                        .changes = (long)json_number(json_member(item, "changes")),
                        .seconds = json_number(json_member(item, "seconds"))};
    return true;
}

/* The runs of a replay of the same year (its hindsight result says so), appended. */
static logis_status add_runs(logis_replay *r, const char *path, const json *root,
                             logis_diagnostics *diags)
{
    const json *hindsight = json_member(json_member(root, "hindsight"),
                                        "weighted_persons_housed");
    const json *runs = json_member(root, "runs");
    if (!json_is_array(runs) || !json_is_number(hindsight)) {
        diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL,
                 "not a replay report: expected \"hindsight\" and \"runs\"");
        return LOGIS_E_INPUT;
    }
    if ((long)json_number(hindsight) != r->hindsight) {
        diag_add(diags, LOGIS_ERROR, path, 0, 0, "/hindsight/weighted_persons_housed",
                 "the replay of another year: its hindsight housed %ld weighted persons, this "
                 "one's %ld", (long)json_number(hindsight), r->hindsight);
        return LOGIS_E_INPUT;
    }
    if (!ARRAY_RESERVE(r->rows, r->count, json_count(runs), r->rows_capacity))
        return LOGIS_E_NOMEM;
    size_t index = 0;
    for (const json *item = json_first(runs); item; item = json_next(item), index++) {
        if (!read_row(item, &r->rows[r->count])) {
            char pointer[32];
            snprintf(pointer, sizeof pointer, "/runs/%zu", index);
            diag_add(diags, LOGIS_ERROR, path, 0, 0, pointer,
                     "expected the numbers and flags of a run, as logis replay writes them");
            return LOGIS_E_INPUT;
        }
        r->count++;
    }
    return LOGIS_OK;
}

logis_status logis_replay_add_report(logis_replay *r, const char *path,
                                     logis_diagnostics *diags)
{
    size_t errors_before = logis_diagnostics_errors(diags);
    char *text = NULL;
    size_t length = 0;
    json *root = NULL;
    logis_status status = textfile_read(path, TEXTFILE_MAX_DEFAULT, &text, &length, diags);
    if (status == LOGIS_OK)
        status = textfile_parse_json(path, text, length, &root, diags);
    if (status == LOGIS_OK)
        status = add_runs(r, path, root, diags);
    if (status == LOGIS_E_NOMEM)
        diag_out_of_memory(diags, errors_before, NULL);
    json_free(root);
    free(text);
    return status;
}

const logis_plan *logis_replay_plan(const logis_replay *r)
{
    return r ? r->plan : NULL;
}

/* ---- the report ---- */

double replay_ratio(long part, long whole)
{
    return whole > 0 ? (double)part / (double)whole : 0.0;
}

char *logis_replay_json(const logis_replay *r)
{
    json_builder b = {true};
    json *root = json_new_object();
    json_add_text(&b, root, "scenario", r->scenario->name);
    json *hindsight = json_add_object(&b, root, "hindsight");
    json_add_number(&b, hindsight, "weighted_persons_housed", (double)r->hindsight);
    json_add_text(&b, hindsight, "status", r->hindsight_status);
    json_add_number(&b, hindsight, "seconds", r->hindsight_seconds);
    json *first_come = json_add_object(&b, root, "first_come");
    json_add_number(&b, first_come, "weighted_persons_housed", (double)r->first_come);
    json_add_number(&b, first_come, "ratio", replay_ratio(r->first_come, r->hindsight));
    json *runs = json_add_array(&b, root, "runs");
    for (int i = 0; runs && i < r->count; i++) {
        const replay_row *run = &r->rows[i];
        json *item = json_add_object(&b, runs, NULL);
        json_add_number(&b, item, "lead_days", run->lead_days);
        json_add_number(&b, item, "step_days", run->step_days);
        json_add_number(&b, item, "notice_days", run->notice_days);
        json_add_bool(&b, item, "forecast", run->forecast);
        json_add_bool(&b, item, "complete", run->complete);
        json_add_number(&b, item, "weighted_persons_housed", (double)run->weighted);
        json_add_number(&b, item, "ratio", replay_ratio(run->weighted, r->hindsight));
        json_add_number(&b, item, "replans", run->replans);
        json_add_number(&b, item, "changes", (double)run->changes);
        json_add_number(&b, item, "changes_per_replan",
                        run->replans ? (double)run->changes / run->replans : 0.0);
        json_add_number(&b, item, "seconds", run->seconds);
    }
    char *text = b.ok ? json_print(root) : NULL;
    json_free(root);
    return text;
}

char *logis_replay_csv(const logis_replay *r)
{
    textbuf t = {0};
    textbuf_puts(&t, "lead_days,step_days,notice_days,forecast,complete,weighted_persons_housed,"
                     "hindsight,ratio,first_come,first_come_ratio,replans,changes_per_replan,"
                     "seconds\r\n");
    for (int i = 0; i < r->count; i++) {
        const replay_row *run = &r->rows[i];
        textbuf_printf(&t, "%d,%d,%d,%s,%s,%ld,%ld,%.4f,%ld,%.4f,%d,%.2f,%.1f\r\n",
                       run->lead_days, run->step_days, run->notice_days,
                       run->forecast ? "yes" : "no", run->complete ? "yes" : "no", run->weighted,
                       r->hindsight, replay_ratio(run->weighted, r->hindsight), r->first_come,
                       replay_ratio(r->first_come, r->hindsight), run->replans,
                       run->replans ? (double)run->changes / run->replans : 0.0, run->seconds);
    }
    return textbuf_finish(&t);
}

char *logis_replay_table(const logis_replay *r)
{
    textbuf t = {0};
    textbuf_printf(&t, "hindsight %ld weighted persons (%s, %.1f s); first come %ld (%.3f)\n",
                   r->hindsight, r->hindsight_status, r->hindsight_seconds, r->first_come,
                   replay_ratio(r->first_come, r->hindsight));
    textbuf_puts(&t, "lead  step  notice  forecast  online  ratio  re-plans  changes/re-plan  "
                     "seconds\n");
    for (int i = 0; i < r->count; i++) {
        const replay_row *run = &r->rows[i];
        textbuf_printf(&t, "%4d  %4d  %6d  %-8s  %6ld  %.3f  %8d  %15.2f  %7.1f%s\n",
                       run->lead_days, run->step_days, run->notice_days,
                       run->forecast ? "yes" : "no", run->weighted,
                       replay_ratio(run->weighted, r->hindsight), run->replans,
                       run->replans ? (double)run->changes / run->replans : 0.0, run->seconds,
                       run->complete ? "" : "  (stopped)");
    }
    return textbuf_finish(&t);
}
