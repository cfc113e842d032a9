/* logis check and logis verify: read a scenario (and a plan) and say what is wrong. */
#include "cli/cli.h"

#include <stdio.h>
#include <stdlib.h>

static const cli_usage check_usage = {.text =
    "usage: logis check SCENARIO.json\n"
    "\n"
    "Validates the scenario and the files it names, lists every error (exit 2) and the\n"
    "members it ignores, and describes it: counts by territory, places and sizes,\n"
    "households that can never be housed and why. Fixed stays that break the rules\n"
    "together, which plan would refuse, are listed too (exit 1).\n"};

static const cli_usage verify_usage = {.text =
    "usage: logis verify SCENARIO.json PLAN.json\n"
    "\n"
    "Checks the plan (also one edited by hand) against rules 1-7 and the figures it\n"
    "states; lists every violation on stderr. Exit 0 when there is none, 1 otherwise.\n"};

int command_check(int argc, char **argv)
{
    int code = simple_arguments(argc, argv, 1, &check_usage);
    if (code >= 0)
        return code;
    logis_scenario *scenario = load_scenario(argv[1], true, false, NULL, &code);
    if (!scenario)
        return code;
    char *description = logis_scenario_describe(scenario);
    logis_diagnostics *conflicts = logis_diagnostics_new();
    long found = conflicts ? logis_scenario_check_fixed(scenario, conflicts) : -1;
    if (description)
        fputs(description, stdout);
    print_diagnostics(conflicts, false);
    code = !description || found < 0 ? EXIT_INTERNAL : found > 0 ? EXIT_VIOLATIONS : EXIT_DONE;
    if (code == EXIT_INTERNAL)
        complain("out of memory");
    else if (found > 0)
        complain("the fixed stays break the rules: logis plan would find the scenario "
                 "infeasible");
    free(description);
    logis_diagnostics_free(conflicts);
    logis_scenario_free(scenario);
    return code;
}

int command_verify(int argc, char **argv)
{
    int code = simple_arguments(argc, argv, 2, &verify_usage);
    if (code >= 0)
        return code;
    logis_scenario *scenario = load_scenario(argv[1], false, true, NULL, &code);
    if (!scenario)
        return code;
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_plan *plan = NULL;
    logis_status status =
        diags ? logis_plan_load_with(argv[2], scenario, &load_options, &plan, diags)
                                : LOGIS_E_NOMEM;
    long violations = status == LOGIS_OK ? logis_plan_verify(scenario, plan, diags) : -1;
    print_diagnostics(diags, false);
    if (status == LOGIS_E_INPUT)
        code = EXIT_INPUT;
    else if (status != LOGIS_OK || violations < 0)
        code = EXIT_INTERNAL;
    else if (violations > 0)
        code = EXIT_VIOLATIONS;
    else
        code = EXIT_DONE;
    if (code == EXIT_VIOLATIONS)
        fprintf(stderr, "%s: %ld violation%s\n", argv[2], violations, violations > 1 ? "s" : "");
    else if (code == EXIT_DONE)
        fprintf(stderr, "%s: the plan keeps every rule and its figures are right\n", argv[2]);
    logis_plan_free(plan);
    logis_diagnostics_free(diags);
    logis_scenario_free(scenario);
    return code;
}

