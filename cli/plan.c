/* logis plan: solve a scenario and write its plan. */
#include "cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static const char *const plan_usage_text =
    "usage: logis plan SCENARIO.json [-o PLAN.json] [--time-limit SECONDS] [--gap FRACTION]\n"
    "                  [--write-lp FILE] [--first-fit] [--quiet | --verbose]\n"
    "\n"
    "Builds the allocation model and solves it with GLPK: most weighted persons housed,\n"
    "then least waiting, then fewest empty places. The plan goes to stdout or to -o FILE\n"
    "(written whole or not at all); a summary goes to stderr.\n"
    "\n"
    "  -o, --output FILE      write the plan there instead of stdout\n"
    "  --time-limit SECONDS   stop the search after this long (default 60; 0: none)\n"
    "  --gap FRACTION         accept a relative gap on the first objective (default 0)\n"
    "  --write-lp FILE        also write the model in CPLEX LP format, for other solvers\n"
    "  --first-fit            write the first-come smallest-fit plan instead (the baseline)\n"
    "  -q, --quiet            no summary on stderr\n"
    "  -v, --verbose          GLPK's own log on stderr\n";

typedef struct {
    const char *scenario, *output;
    bool quiet, first_fit;
    logis_options solve;
} plan_arguments;

static void print_log_line(void *user, const char *line)
{
    (void)user;
    fprintf(stderr, "%s\n", line);
}

/* Returns -1 when the arguments are fine, else the exit code. */
static int parse_plan_arguments(int argc, char **argv, plan_arguments *a)
{
    static const struct option options[] = {
        {"output", required_argument, NULL, 'o'}, {"time-limit", required_argument, NULL, 't'},
        {"gap", required_argument, NULL, 'g'},    {"write-lp", required_argument, NULL, 'l'},
        {"first-fit", no_argument, NULL, 'f'},    {"quiet", no_argument, NULL, 'q'},
        {"verbose", no_argument, NULL, 'v'},      {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0}};
    logis_options_init(&a->solve);
    int option;
    while ((option = getopt_long(argc, argv, "o:qvh", options, NULL)) != -1) {
        switch (option) {
        case 'o':
            a->output = optarg;
            break;
        case 't':
            if (!parse_seconds(optarg, &a->solve.time_limit)) {
                complain("--time-limit: expected a number of seconds >= 0, got '%s'", optarg);
                return EXIT_INPUT;
            }
            break;
        case 'g':
            if (!parse_seconds(optarg, &a->solve.gap) || a->solve.gap >= 1) {
                complain("--gap: expected a fraction from 0 to 1, got '%s'", optarg);
                return EXIT_INPUT;
            }
            break;
        case 'l':
            a->solve.write_lp = optarg;
            break;
        case 'f':
            a->first_fit = true;
            break;
        case 'q':
            a->quiet = true;
            break;
        case 'v':
            a->solve.verbose = 1;
            a->solve.log = print_log_line;
            break;
        case 'h':
            fputs(plan_usage_text, stdout);
            return EXIT_DONE;
        default:
            fputs(plan_usage_text, stderr);
            return EXIT_INPUT;
        }
    }
    if (optind + 1 != argc) {
        fputs(plan_usage_text, stderr);
        return EXIT_INPUT;
    }
    a->scenario = argv[optind];
    return -1;
}

int command_plan(int argc, char **argv)
{
    plan_arguments a = {0};
    int code = parse_plan_arguments(argc, argv, &a);
    if (code >= 0)
        return code;
    logis_scenario *scenario = load_scenario(a.scenario, false, a.quiet, &code);
    if (!scenario)
        return code;
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_plan *plan = NULL;
    a.solve.stop = &stop_requested;
    catch_stop_signals();
    logis_status status = !diags ? LOGIS_E_NOMEM
                          : a.first_fit ? logis_plan_first_fit(scenario, &plan, diags)
                                        : logis_solve(scenario, &a.solve, &plan, diags);
    print_diagnostics(diags, false);
    char *text = plan ? logis_plan_to_json(plan) : NULL;
    char *summary = plan ? logis_plan_summary(plan) : NULL;
    if (status != LOGIS_OK) {
        complain("planning failed");
        code = EXIT_INTERNAL;
    } else if (!text || !summary) {
        complain("out of memory");
        code = EXIT_INTERNAL;
    } else if (!emit(a.output, text)) {
        code = a.output ? EXIT_INPUT : EXIT_INTERNAL;
    } else {
        bool infeasible = logis_plan_outcome(plan) == LOGIS_INFEASIBLE;
        if (!a.quiet || infeasible)
            fputs(summary, stderr);
        if (stop_requested && !a.quiet)
            complain("stopped on request: the plan is the best found so far");
        code = infeasible ? EXIT_VIOLATIONS : EXIT_DONE;
    }
    free(text);
    free(summary);
    logis_plan_free(plan);
    logis_diagnostics_free(diags);
    logis_scenario_free(scenario);
    return code;
}

