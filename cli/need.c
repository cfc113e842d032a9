/* logis need: the fewest dwellings to capture so that every household can be housed. */
#include "cli/cli.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>

static const cli_option need_options[] = {
    {"output", 'o', true, "FILE", "write NEED.json there instead of stdout"},
    {"write-scenario", 'w', false, "FILE", "also write the scenario with those dwellings appended"},
    {"write-plan", 'p', false, "FILE",
     "and the plan that houses everyone on it (logis verify checks\n"
     "it)"},
    {"stay", 'A', false, "MONTHS", "every household stays this long (as logis project --stay)"},
    {"support", 'B', false, "MONTHS", "the team accompanies a household this long"},
    {"max-wait", 'C', false, "DAYS", "a household may wait this long for its move-in"},
    {"step", 'D', false, "DAYS", "move-in dates this far apart"},
    {"turnover", 'E', false, "DAYS",
     "a dwelling is free again this long after a stay\n"
     "(these replace the scenario's rules, checked as its own are)"},
    {"time-limit", 't', false, "SECONDS", "stop the search after this long (default 60; 0: none)"},
    {"quiet", 'q', true, NULL, "no summary on stderr"},
};

static const cli_usage need_usage = {
    "usage: logis need SCENARIO.json [-o NEED.json] [--write-scenario FILE [--write-plan FILE]]\n"
    "                  [--stay MONTHS] [--support MONTHS] [--max-wait DAYS] [--step DAYS]\n"
    "                  [--turnover DAYS] [--time-limit SECONDS] [--quiet]\n"
    "\n"
    "Finds the fewest dwellings to add to the park (territory, places, features, and the\n"
    "first date each is needed) with which every household some dwelling could house is\n"
    "housed; a household that fits no dwelling gets one of its size. Solved exactly with\n"
    "GLPK. NEED.json is {\"dwellings\": [...], \"summary\": {...}}: ordinary dwelling objects\n"
    "with new ids, ready to append to the park. A summary goes to stderr.\n"
    "\n",
    need_options, sizeof need_options / sizeof *need_options, 27, NULL};

typedef struct {
    const char *scenario, *output, *scenario_output, *plan_output;
    bool quiet, rules_given;
    logis_options solve;
    logis_rules rules;
} need_arguments;

/* The rule options: their names, the unit they are in, and where each goes. */
static int *rule_option(need_arguments *a, int option, const char **name, const char **unit)
{
    static const char *const names[] = {"--stay", "--support", "--max-wait", "--step",
                                        "--turnover"};
    int *const places[] = {&a->rules.stay_months, &a->rules.support_months,
                           &a->rules.max_wait_days, &a->rules.start_step_days,
                           &a->rules.turnover_days};
    if (option < 'A' || option > 'E')
        return NULL;
    *name = names[option - 'A'];
    *unit = option <= 'B' ? "months" : "days";
    return places[option - 'A'];
}

/* A rule's value: a whole number here, its range checked by the library as in a scenario. */
static bool take_rule_option(need_arguments *a, int option)
{
    const char *name, *unit;
    int *rule = rule_option(a, option, &name, &unit);
    if (!parse_whole(optarg, INT_MAX, rule)) {
        complain("%s: expected a whole number of %s, got '%s'", name, unit, optarg);
        return false;
    }
    a->rules_given = true;
    return true;
}

/* Returns -1 when the arguments are fine, else the exit code. */
static int parse_need_arguments(int argc, char **argv, need_arguments *a)
{
    logis_options_init(&a->solve);
    logis_rules_init(&a->rules);
    int option;
    while ((option = next_option(argc, argv, &need_usage)) != -1) {
        if (option >= 'A' && option <= 'E') {
            if (!take_rule_option(a, option))
                return EXIT_INPUT;
        } else if (option == 'o') {
            a->output = optarg;
        } else if (option == 'w') {
            a->scenario_output = optarg;
        } else if (option == 'p') {
            a->plan_output = optarg;
        } else if (option == 't') {
            if (!parse_seconds(optarg, &a->solve.time_limit)) {
                complain("--time-limit: expected a number of seconds >= 0, got '%s'", optarg);
                return EXIT_INPUT;
            }
        } else if (option == 'q') {
            a->quiet = true;
        } else if (option == 'h') {
            return show_usage(&need_usage);
        } else {
            return usage_error(&need_usage, NULL); /* getopt has said what is wrong */
        }
    }
    if (a->plan_output && !a->scenario_output) {
        complain("--write-plan needs --write-scenario: the plan is for that scenario");
        return EXIT_INPUT;
    }
    if (optind + 1 != argc)
        return wrong_operand_count(&need_usage, argc - optind, 1, argv + optind + 1);
    a->scenario = argv[optind];
    return -1;
}

/* The need's plan on the scenario just written with the dwellings appended. */
static int write_witness(const need_arguments *a, const logis_need *need)
{
    int code;
    logis_scenario *appended = load_scenario(a->scenario_output, false, true, NULL, &code);
    if (!appended)
        return code;
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_plan *plan = NULL;
    logis_status status = diags ? logis_need_plan(need, appended, &plan, diags) : LOGIS_E_NOMEM;
    print_diagnostics(diags, false);
    char *text = plan ? logis_plan_to_json(plan) : NULL;
    code = status == LOGIS_E_INPUT ? EXIT_INPUT
           : !text                 ? EXIT_INTERNAL
                                   : emit(a->plan_output, text);
    if (status == LOGIS_OK && !text)
        complain("out of memory");
    free(text);
    logis_plan_free(plan);
    logis_diagnostics_free(diags);
    logis_scenario_free(appended);
    return code;
}

static int write_need(const need_arguments *a, const logis_need *need)
{
    char *text = logis_need_to_json(need), *summary = logis_need_summary(need);
    char *widened = a->scenario_output ? logis_need_scenario_json(need) : NULL;
    int code = EXIT_DONE;
    if (!text || !summary || (a->scenario_output && !widened)) {
        complain("out of memory");
        code = EXIT_INTERNAL;
    } else if ((a->scenario_output &&
                (code = emit(a->scenario_output, widened)) != EXIT_DONE) ||
               (code = emit(a->output, text)) != EXIT_DONE) {
        /* said by emit */
    } else {
        if (a->plan_output)
            code = write_witness(a, need);
        if (!a->quiet && code == EXIT_DONE)
            fputs(summary, stderr);
    }
    free(text);
    free(summary);
    free(widened);
    return code;
}

/* No output replaces the scenario, the files it names (read: those its loading read, once it
 * is loaded) or another output. */
static int refuse_replacing(const void *arguments, file_list *read)
{
    const need_arguments *a = arguments;
    file_list inputs = inputs_read(read), outputs = {0};
    add_file(&inputs, "the scenario", NULL, a->scenario);
    add_file(&outputs, "-o", NULL, a->output);
    add_file(&outputs, "--write-scenario", NULL, a->scenario_output);
    add_file(&outputs, "--write-plan", NULL, a->plan_output);
    return refuse_replaced_files(&inputs, &outputs);
}

/* The scenario under the rules of the options, in place of the one loaded (freed); NULL with
 * *code set when they do not fit it. */
static logis_scenario *under_rules(logis_scenario *loaded, const logis_rules *rules, int *code)
{
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_scenario *changed = NULL;
    logis_status status = diags ? logis_scenario_with_rules(loaded, rules, &changed, diags)
                                : LOGIS_E_NOMEM;
    print_diagnostics(diags, false);
    if (status == LOGIS_E_NOMEM)
        complain("out of memory");
    *code = status == LOGIS_E_INPUT ? EXIT_INPUT : EXIT_INTERNAL;
    logis_diagnostics_free(diags);
    logis_scenario_free(loaded);
    return changed;
}

int command_need(int argc, char **argv)
{
    need_arguments a = {0};
    int code = parse_need_arguments(argc, argv, &a);
    if (code < 0)
        code = refuse_replacing(&a, NULL);
    if (code >= 0)
        return code;
    limit_reading(a.scenario, a.solve.time_limit);
    logis_scenario *scenario =
        load_scenario_to_write(a.scenario, a.quiet, refuse_replacing, &a, &code);
    if (scenario && a.rules_given)
        scenario = under_rules(scenario, &a.rules, &code);
    if (!scenario)
        return code;
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_need *need = NULL;
    progress_line progress;
    watch_solve(&a.solve, &progress, !a.quiet);
    logis_status status = diags ? logis_need_solve(scenario, &a.solve, &need, diags)
                                : LOGIS_E_NOMEM;
    end_solve_progress(&progress);
    print_diagnostics(diags, false);
    code = status == LOGIS_OK       ? write_need(&a, need)
           : status == LOGIS_E_INPUT ? EXIT_INPUT
                                     : EXIT_INTERNAL;
    logis_need_free(need);
    logis_diagnostics_free(diags);
    logis_scenario_free(scenario);
    return code;
}
