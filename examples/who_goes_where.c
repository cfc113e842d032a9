/* who_goes_where: the smallest complete liblogis program. Loads a scenario, solves it, and prints
 * one line per stay (household, dwelling, move-in, move-out) and then the plan's summary.
 *
 *     cc who_goes_where.c $(pkg-config --cflags --libs logis) -o who_goes_where
 *     ./who_goes_where data/faar/scenario.json 30
 */
#include <logis.h>

#include <stdio.h>
#include <stdlib.h>

/* Prints every diagnostic on stderr: the file, where in it, and what is wrong. */
static void print_diagnostics(const logis_diagnostics *diags)
{
    for (size_t i = 0; i < logis_diagnostics_count(diags); i++) {
        char *line = logis_diagnostics_line(diags, i);
        fprintf(stderr, "%s\n", line ? line : "out of memory");
        free(line);
    }
}

static void print_assignments(const logis_plan *plan)
{
    for (size_t i = 0; i < logis_plan_assignment_count(plan); i++) {
        logis_assignment stay;
        if (logis_plan_assignment(plan, i, &stay) == LOGIS_OK)
            printf("%s -> %s from %s to %s\n", stay.household, stay.dwelling, stay.start,
                   stay.end);
    }
}

int main(int argc, char **argv)
{
    if (argc < 2 || argc > 3) {
        fprintf(stderr, "usage: %s SCENARIO.json [TIME_LIMIT_SECONDS]\n", argv[0]);
        return 2;
    }
    int code = 3;
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_scenario *scenario = NULL;
    logis_plan *plan = NULL;
    char *summary = NULL;
    logis_options options;
    logis_options_init(&options);
    if (argc == 3)
        options.time_limit = atof(argv[2]);
    logis_status status = logis_scenario_load(argv[1], &scenario, diags);
    if (status == LOGIS_OK)
        status = logis_solve(scenario, &options, &plan, diags);
    print_diagnostics(diags);
    if (status != LOGIS_OK) {
        code = status == LOGIS_E_INPUT ? 2 : 3;
        goto done;
    }
    summary = logis_plan_summary(plan);
    if (!summary)
        goto done;
    print_assignments(plan);
    fputs(summary, stdout);
    code = logis_plan_outcome(plan) == LOGIS_INFEASIBLE ? 1 : 0;
done:
    free(summary);
    logis_plan_free(plan); /* before its scenario */
    logis_scenario_free(scenario);
    logis_diagnostics_free(diags);
    return code;
}
