/* logis replay: what a year would have looked like, lived week by week, for each lead with and
 * without the forecast, beside hindsight and first come. */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const cli_option replay_options[] = {
    {"lead", 'L', false, "DAYS[,DAYS...]",
     "how long before their arrival the households are known\n"
     "(default 21)"},
    {"step", 's', false, "DAYS", "days between re-plans (default 7)"},
    {"notice", 'N', false, "DAYS",
     "keep the stays announced within this notice (default:\n"
     "rules.notice_days)"},
    {"forecast", 'f', false, "FILE",
     "a past orientation list to plan against (default: the\n"
     "scenario's forecast member)"},
    {"no-forecast", 'n', false, NULL, "only the runs without a forecast"},
    {"time-limit", 't', false, "SECONDS", "for each plan (default 10)"},
    {"jobs", 'j', false, "N",
     "years lived at once, each in a process of its own\n"
     "(default: the processors)"},
    {"output", 'o', true, "FILE",
     "the report as JSON, and the first run's year as lived in\n"
     "FILE with .plan.json for .json (logis verify accepts it)"},
    {"csv", 'c', false, "FILE", "the report as CSV, the chart as SVG"},
    {"svg", 'g', false, "FILE", NULL},
    {"quiet", 'q', true, NULL, "no progress on stderr"},
};

static const cli_usage replay_usage = {
    "usage: logis replay SCENARIO.json [--lead DAYS[,DAYS...]] [--step DAYS] [--notice DAYS]\n"
    "                    [--forecast FILE | --no-forecast] [--time-limit SECONDS]\n"
    "                    [--jobs N] [-o REPLAY.json] [--csv FILE] [--svg FILE] [--quiet]\n"
    "\n"
    "SCENARIO holds the year as it really came. For each lead, from the horizon's start and\n"
    "every step, the households arriving before the day + the lead are known, and logis\n"
    "re-plans with the day as now, keeping what has begun. The stays that began are the year\n"
    "lived online, set beside hindsight (the whole year known on its first day) and the\n"
    "first-come plan. With a forecast each lead runs twice: without it and planned against it.\n"
    "\n",
    replay_options, sizeof replay_options / sizeof *replay_options, 25, NULL};

enum { MAX_LEADS = 16 };

typedef struct {
    const char *scenario, *output, *csv, *svg, *forecast;
    int leads[MAX_LEADS], lead_count, step, notice, jobs;
    bool no_forecast, quiet;
    double time_limit;
    char *plan_output;
} replay_arguments;

/* "7,21": every item a number of days, none empty ("7,,21" and "7," are refused, as project's
 * lists are). */
static bool parse_leads(const char *text, replay_arguments *a)
{
    a->lead_count = 0;
    for (const char *at = text;; at++) {
        char item[16];
        size_t length = strcspn(at, ",");
        if (length == 0 || length >= sizeof item || a->lead_count == MAX_LEADS)
            return false;
        memcpy(item, at, length);
        item[length] = '\0';
        if (!parse_days(item, &a->leads[a->lead_count++]))
            return false;
        at += length;
        if (*at == '\0')
            return true;
    }
}

/* Returns false, with a message, for an option's bad value. */
static bool parse_option(int option, replay_arguments *a)
{
    switch (option) {
    case 'L':
        if (parse_leads(optarg, a))
            return true;
        complain("--lead: expected up to %d whole numbers of days (0 to 365) separated by "
                 "commas, got '%s'", MAX_LEADS, optarg);
        return false;
    case 's':
        if (parse_days(optarg, &a->step) && a->step >= 1)
            return true;
        complain("--step: expected a whole number of days from 1 to 365, got '%s'", optarg);
        return false;
    case 'N':
        if (parse_days(optarg, &a->notice))
            return true;
        complain("--notice: expected a whole number of days from 0 to 365, got '%s'", optarg);
        return false;
    case 't':
        if (parse_seconds(optarg, &a->time_limit))
            return true;
        complain("--time-limit: expected a number of seconds >= 0, got '%s'", optarg);
        return false;
    case 'j':
        if (parse_days(optarg, &a->jobs) && a->jobs >= 1 && a->jobs <= LOGIS_REPLAY_MAX_JOBS)
            return true;
        complain("--jobs: expected a whole number from 1 to %d, got '%s'",
                 LOGIS_REPLAY_MAX_JOBS, optarg);
        return false;
    }
    return true;
}

static int parse_replay_arguments(int argc, char **argv, replay_arguments *a)
{
    long processors = sysconf(_SC_NPROCESSORS_ONLN);
    *a = (replay_arguments){.leads = {21}, .lead_count = 1, .step = 7, .notice = -1,
                            .time_limit = 10,
                            .jobs = processors < 1 ? 1
                                    : processors > LOGIS_REPLAY_MAX_JOBS ? LOGIS_REPLAY_MAX_JOBS
                                                                         : (int)processors};
    int option;
    while ((option = next_option(argc, argv, &replay_usage)) != -1) {
        if (option == 'h')
            return show_usage(&replay_usage);
        if (option == '?')
            return usage_error(&replay_usage, NULL); /* getopt has said what is wrong */
        if (!parse_option(option, a))
            return EXIT_INPUT;
        a->output = option == 'o' ? optarg : a->output;
        a->csv = option == 'c' ? optarg : a->csv;
        a->svg = option == 'g' ? optarg : a->svg;
        a->forecast = option == 'f' ? optarg : a->forecast;
        a->no_forecast = a->no_forecast || option == 'n';
        a->quiet = a->quiet || option == 'q';
    }
    if (a->forecast && a->no_forecast) {
        complain("--forecast and --no-forecast exclude each other");
        return EXIT_INPUT;
    }
    if (optind + 1 != argc)
        return wrong_operand_count(&replay_usage, argc - optind, 1, argv + optind + 1);
    a->scenario = argv[optind];
    return -1;
}

/* FILE.plan.json beside -o FILE.json (FILE.plan.json for a name without .json). */
static char *plan_path(const char *output)
{
    size_t length = strlen(output);
    if (length > 5 && strcmp(output + length - 5, ".json") == 0)
        length -= 5;
    char *path = malloc(length + sizeof ".plan.json");
    if (path) {
        memcpy(path, output, length);
        memcpy(path + length, ".plan.json", sizeof ".plan.json");
    }
    return path;
}

/* Every output goes into a folder that exists and can be written, before any work. */
static bool outputs_writable(const replay_arguments *a)
{
    const char *paths[] = {a->output, a->plan_output, a->csv, a->svg};
    for (size_t i = 0; i < sizeof paths / sizeof *paths; i++) {
        if (!paths[i])
            continue;
        char folder[4096];
        snprintf(folder, sizeof folder, "%s", paths[i]);
        char *slash = strrchr(folder, '/');
        if (slash)
            *(slash == folder ? slash + 1 : slash) = '\0';
        if (access(slash ? folder : ".", W_OK | X_OK) != 0) {
            complain("%s: cannot write into %s: %s", paths[i], slash ? folder : ".",
                     strerror(errno));
            return false;
        }
    }
    return true;
}

/* No output replaces the scenario, the files it names (read: those its loading read, once it
 * is loaded), the forecast or another output. */
static int refuse_replacing(const void *arguments, file_list *read)
{
    const replay_arguments *a = arguments;
    file_list inputs = inputs_read(read), outputs = {0};
    add_file(&inputs, "the scenario", NULL, a->scenario);
    add_file(&inputs, "--forecast", NULL, a->forecast);
    add_file(&outputs, "-o", NULL, a->output);
    add_file(&outputs, "the year as lived (-o)", NULL, a->plan_output);
    add_file(&outputs, "--csv", NULL, a->csv);
    add_file(&outputs, "--svg", NULL, a->svg);
    return refuse_replaced_files(&inputs, &outputs);
}

/* The runs: each lead with the forecast (when there is one), then without. */
static size_t runs_of(const replay_arguments *a, bool forecast, logis_replay_options *runs)
{
    size_t count = 0;
    for (int i = 0; i < a->lead_count; i++)
        for (int with = forecast ? 1 : 0; with >= 0; with--) {
            logis_replay_options *o = &runs[count++];
            logis_replay_options_init(o);
            o->lead_days = a->leads[i];
            o->step_days = a->step;
            o->use_forecast = with;
            o->solve.time_limit = a->time_limit;
            o->solve.notice_days = a->notice;
            o->solve.stop = &stop_requested;
        }
    return count;
}

/* ---- years lived in processes of their own ---- */

typedef struct {
    logis_replay *replay; /* holds no run yet: a child's report is its one run */
    const logis_replay_options *runs;
    const char *folder;
    bool keep_lived; /* the first run's year as lived is wanted */
    size_t failed;
} year_processes;

static void scratch_name(const year_processes *y, const char *kind, size_t index, char *path,
                         size_t size)
{
    snprintf(path, size, "%s/%s-%zu.json", y->folder, kind, index);
}

/* In the child: lives the year, then writes its report (and the first run's year as lived)
 * into the scratch folder. The exit code. */
static int live_here(const year_processes *y, size_t index)
{
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_status status = diags ? logis_replay_run(y->replay, &y->runs[index], diags)
                                : LOGIS_E_NOMEM;
    print_diagnostics(diags, false);
    logis_diagnostics_free(diags);
    if (status != LOGIS_OK)
        return EXIT_INTERNAL;
    char report_path[PATH_MAX], plan_path_[PATH_MAX];
    scratch_name(y, "report", index, report_path, sizeof report_path);
    scratch_name(y, "lived", index, plan_path_, sizeof plan_path_);
    const logis_plan *lived = index == 0 && y->keep_lived ? logis_replay_plan(y->replay) : NULL;
    char *report = logis_replay_json(y->replay), *plan = lived ? logis_plan_to_json(lived) : NULL;
    int code = !report || (lived && !plan)
                   ? EXIT_INTERNAL
                   : emit_all((const char *const[]){report_path, plan ? plan_path_ : NULL},
                              (const char *const[]){report, plan}, 2);
    free(report);
    free(plan);
    return code;
}

/* A child of this very process (not a new program): it has the scenario and hindsight. */
static pid_t start_year(void *user, size_t index)
{
    pid_t child = fork();
    if (child == 0)
        _exit(live_here(user, index));
    return child;
}

static void year_ended(void *user, size_t index, bool done)
{
    year_processes *y = user;
    if (!done)
        complain("the year lived with lead %d%s failed", y->runs[index].lead_days,
                 y->runs[index].use_forecast ? " and the forecast" : "");
    y->failed += !done;
}

/* The reports of the processes, in order; the first run's year as lived as text in *lived. */
static bool gather_years(year_processes *y, size_t count, char **lived)
{
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_status status = diags ? LOGIS_OK : LOGIS_E_NOMEM;
    for (size_t i = 0; i < count && status == LOGIS_OK; i++) {
        char path[PATH_MAX];
        scratch_name(y, "report", i, path, sizeof path);
        status = logis_replay_add_report(y->replay, path, diags);
    }
    print_diagnostics(diags, false);
    logis_diagnostics_free(diags);
    char path[PATH_MAX];
    scratch_name(y, "lived", 0, path, sizeof path);
    *lived = status == LOGIS_OK ? scratch_text(path) : NULL;
    size_t length = *lived ? strlen(*lived) : 0;
    if (length > 0 && (*lived)[length - 1] == '\n') /* emit_all's, which adds it again */
        (*lived)[length - 1] = '\0';
    return status == LOGIS_OK;
}

/* The runs that a stop request kept from starting, lived in this process: each ends before
 * its first week. */
static bool live_here_stopped(logis_replay *replay, const logis_replay_options *runs,
                              size_t count)
{
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_status status = diags ? logis_replay_run_all(replay, runs, count, 1, diags)
                                : LOGIS_E_NOMEM;
    print_diagnostics(diags, false);
    logis_diagnostics_free(diags);
    return status == LOGIS_OK;
}

/* Each run in a process of its own, jobs at a time, each with its share of the memory. */
static bool live_in_processes(logis_replay *replay, logis_replay_options *runs, size_t count,
                              int jobs, char **lived, bool keep_lived)
{
    char folder[PATH_MAX];
    if (!scratch_folder("replay", folder, sizeof folder))
        return false;
    int sharing = (size_t)jobs < count ? jobs : (int)count;
    for (size_t i = 0; i < count; i++)
        if (runs[i].solve.memory_limit > 0) /* 0: no limit */
            runs[i].solve.memory_limit = runs[i].solve.memory_limit / sharing + 1;
    year_processes y = {.replay = replay, .runs = runs, .folder = folder,
                        .keep_lived = keep_lived};
    process_pool pool = {.start = start_year, .ended = year_ended, .user = &y};
    size_t started = run_processes(&pool, count, jobs);
    bool ok = y.failed == 0 && gather_years(&y, started, lived);
    remove_folder(folder);
    if (ok && started < count) /* stopped: the rest end at once, each a row that says so */
        ok = live_here_stopped(replay, runs + started, count - started);
    return ok;
}

/* Every run of the year, and the text of the first one's year as lived (NULL when none or
 * not asked for); false (with a message) when one failed. */
static bool run_years(logis_replay *replay, const replay_arguments *a, bool forecast,
                      char **lived)
{
    logis_replay_options runs[2 * MAX_LEADS];
    size_t count = runs_of(a, forecast, runs);
    int jobs = (size_t)a->jobs < count ? a->jobs : (int)count;
    if (!a->quiet)
        fprintf(stderr, "living the year %zu time%s (%d at once)...\n", count,
                count > 1 ? "s" : "", jobs);
    *lived = NULL;
    if (jobs > 1) {
        bool ok = live_in_processes(replay, runs, count, jobs, lived, a->plan_output != NULL);
        if (!ok)
            complain("the replay failed");
        return ok;
    }
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_status status = diags ? logis_replay_run_all(replay, runs, count, 1, diags)
                                : LOGIS_E_NOMEM;
    print_diagnostics(diags, false);
    logis_diagnostics_free(diags);
    const logis_plan *plan = logis_replay_plan(replay);
    if (status == LOGIS_OK && plan && a->plan_output && !(*lived = logis_plan_to_json(plan)))
        status = LOGIS_E_NOMEM;
    if (status != LOGIS_OK)
        complain("the replay failed");
    return status == LOGIS_OK;
}

/* The outputs, all or none. A replay stopped before any year was lived has no year as lived:
 * a plan file of another run, left beside the report, would be taken for this run's. */
static int write_outputs(const logis_replay *replay, const replay_arguments *a,
                         const char *plan)
{
    char *table = logis_replay_table(replay), *json = logis_replay_json(replay);
    char *csv = a->csv ? logis_replay_csv(replay) : NULL;
    char *svg = a->svg ? logis_replay_svg(replay) : NULL;
    int code = EXIT_DONE;
    if (!table || !json || (a->csv && !csv) || (a->svg && !svg)) {
        complain("out of memory");
        code = EXIT_INTERNAL;
    } else if ((code = emit_all((const char *const[]){a->output, plan ? a->plan_output : NULL,
                                                       a->csv, a->svg},
                                (const char *const[]){json, plan, csv, svg}, 4)) != EXIT_DONE) {
        /* said by emit_all */
    } else if (a->plan_output && !plan && remove(a->plan_output) != 0 && errno != ENOENT) {
        complain("%s: another run's year as lived is left beside the report: %s",
                 a->plan_output, strerror(errno));
        code = EXIT_INTERNAL;
    } else {
        fputs(table, stdout);
    }
    free(table);
    free(json);
    free(csv);
    free(svg);
    return code;
}

static int replay_scenario(const logis_scenario *scenario, const replay_arguments *a)
{
    logis_options solve;
    logis_options_init(&solve);
    solve.time_limit = a->time_limit;
    solve.stop = &stop_requested;
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_replay *replay = NULL;
    if (!a->quiet)
        fprintf(stderr, "planning the year in hindsight...\n");
    logis_status status = diags ? logis_replay_new(scenario, &solve, &replay, diags)
                                : LOGIS_E_NOMEM;
    print_diagnostics(diags, false);
    logis_diagnostics_free(diags);
    if (status != LOGIS_OK) {
        complain("planning the year in hindsight failed");
        return status == LOGIS_E_INPUT ? EXIT_INPUT : EXIT_INTERNAL;
    }
    bool forecast = !a->no_forecast && logis_scenario_has_forecast(scenario);
    char *lived = NULL;
    int code = run_years(replay, a, forecast, &lived) ? write_outputs(replay, a, lived)
                                                      : EXIT_INTERNAL;
    free(lived);
    logis_replay_free(replay);
    return code;
}

int command_replay(int argc, char **argv)
{
    replay_arguments a;
    int code = parse_replay_arguments(argc, argv, &a);
    if (code >= 0)
        return code;
    if (a.output && !(a.plan_output = plan_path(a.output))) {
        complain("out of memory");
        return EXIT_INTERNAL;
    }
    code = refuse_replacing(&a, NULL);
    if (code >= 0 || !outputs_writable(&a)) {
        free(a.plan_output);
        return code >= 0 ? code : EXIT_INPUT;
    }
    load_options.forecast = a.forecast;
    logis_scenario *scenario =
        load_scenario_to_write(a.scenario, a.quiet, refuse_replacing, &a, &code);
    if (scenario) {
        catch_stop_signals();
        code = replay_scenario(scenario, &a);
    }
    logis_scenario_free(scenario);
    free(a.plan_output);
    return code;
}
