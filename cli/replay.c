/* logis replay: what a year would have looked like, lived week by week, for each lead with and
 * without the forecast, beside hindsight and first come. */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
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
     "years lived at once, on as many threads (default: the\n"
     "processors)"},
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

/* Before any work: no output replaces the scenario, the forecast or another output. */
static int refuse_replacing(const replay_arguments *a)
{
    file_list inputs = {0}, outputs = {0};
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

/* Every run of the year; false (with a message) when one failed. */
static bool run_years(logis_replay *replay, const replay_arguments *a, bool forecast)
{
    logis_replay_options runs[2 * MAX_LEADS];
    size_t count = runs_of(a, forecast, runs);
    if (!a->quiet)
        fprintf(stderr, "living the year %zu time%s (%d at once)...\n", count,
                count > 1 ? "s" : "", a->jobs);
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_status status = diags ? logis_replay_run_all(replay, runs, count, a->jobs, diags)
                                : LOGIS_E_NOMEM;
    print_diagnostics(diags, false);
    logis_diagnostics_free(diags);
    if (status != LOGIS_OK)
        complain("the replay failed");
    return status == LOGIS_OK;
}

/* The outputs, all or none. A replay stopped before any year was lived has no year as lived:
 * a plan file of another run, left beside the report, would be taken for this run's. */
static int write_outputs(const logis_replay *replay, const replay_arguments *a)
{
    char *table = logis_replay_table(replay), *json = logis_replay_json(replay);
    char *csv = a->csv ? logis_replay_csv(replay) : NULL;
    char *svg = a->svg ? logis_replay_svg(replay) : NULL;
    const logis_plan *lived = logis_replay_plan(replay);
    char *plan = a->plan_output && lived ? logis_plan_to_json(lived) : NULL;
    int code = EXIT_DONE;
    if (!table || !json || (a->csv && !csv) || (a->svg && !svg) ||
        (a->plan_output && lived && !plan)) {
        complain("out of memory");
        code = EXIT_INTERNAL;
    } else if ((code = emit_all((const char *const[]){a->output, plan ? a->plan_output : NULL,
                                                       a->csv, a->svg},
                                (const char *const[]){json, plan, csv, svg}, 4)) != EXIT_DONE) {
        /* said by emit_all */
    } else if (a->plan_output && !lived && remove(a->plan_output) != 0 && errno != ENOENT) {
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
    free(plan);
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
    int code = run_years(replay, a, forecast) ? write_outputs(replay, a) : EXIT_INTERNAL;
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
    code = refuse_replacing(&a);
    if (code >= 0 || !outputs_writable(&a)) {
        free(a.plan_output);
        return code >= 0 ? code : EXIT_INPUT;
    }
    load_options.forecast = a.forecast;
    logis_scenario *scenario = load_scenario(a.scenario, false, a.quiet, &code);
    if (scenario) {
        catch_stop_signals();
        code = replay_scenario(scenario, &a);
    }
    logis_scenario_free(scenario);
    free(a.plan_output);
    return code;
}
