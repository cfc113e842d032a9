/* logis report: writes a plan's reports for people (spreadsheets, a Gantt chart, one HTML page)
 * into a folder. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static const char *const report_usage_text =
    "usage: logis report SCENARIO.json PLAN.json -o DIR\n"
    "\n"
    "Writes into DIR (created when missing) the plan's reports for people:\n"
    "  report.html       one self-contained page: summary, territories, occupancy by\n"
    "                    month, the Gantt chart, the stays, the households left out\n"
    "  gantt.svg         one row per dwelling, a bar per stay\n"
    "  assignments.csv   the stays; unassigned.csv: the households left out, with reasons\n"
    "  occupancy.csv     per territory and month: places, persons, occupancy, caseload\n"
    "The files are replaced all together or not at all.\n"
    "\n"
    "  -o, --output DIR   the folder (required)\n";

/* Returns -1 when the arguments are fine, else the exit code; *folder set. */
static int parse_report_arguments(int argc, char **argv, const char **folder)
{
    int code = output_option(argc, argv, report_usage_text, folder);
    if (code >= 0)
        return code;
    if (optind + 2 != argc)
        return wrong_operand_count(report_usage_text, argc - optind, 2, argv + optind + 2);
    if (!*folder)
        return usage_error(report_usage_text, "-o DIR is required: the folder of the report");
    return -1;
}

/* Before any work: no report file replaces the scenario or the plan. */
static int refuse_replacing(const char *scenario, const char *plan, const char *folder)
{
    file_list inputs = {0}, outputs = {0};
    add_file(&inputs, "the scenario", NULL, scenario);
    add_file(&inputs, "the plan", NULL, plan);
    add_report_files(&outputs, "-o", folder);
    return refuse_replaced_files(&inputs, &outputs);
}

static int exit_code_of(logis_status status)
{
    switch (status) {
    case LOGIS_OK:
        return EXIT_DONE;
    case LOGIS_E_INPUT:
    case LOGIS_E_IO:
        return EXIT_INPUT;
    default:
        return EXIT_INTERNAL;
    }
}

int command_report(int argc, char **argv)
{
    const char *folder = NULL;
    int code = parse_report_arguments(argc, argv, &folder);
    if (code < 0)
        code = refuse_replacing(argv[optind], argv[optind + 1], folder);
    if (code >= 0)
        return code;
    const char *plan_path = argv[optind + 1];
    logis_scenario *scenario = load_scenario(argv[optind], false, true, &code);
    if (!scenario)
        return code;
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_plan *plan = NULL;
    logis_status status = diags ? logis_plan_load_with(plan_path, scenario, &load_options, &plan,
                                                       diags)
                                : LOGIS_E_NOMEM;
    if (status == LOGIS_OK)
        status = logis_report_write(scenario, plan, folder, diags);
    print_diagnostics(diags, false);
    code = exit_code_of(status);
    if (code == EXIT_DONE)
        fprintf(stderr, "%s: report.html, gantt.svg, assignments.csv, unassigned.csv, "
                        "occupancy.csv written\n", folder);
    else if (!diags)
        complain("out of memory");
    logis_plan_free(plan);
    logis_diagnostics_free(diags);
    logis_scenario_free(scenario);
    return code;
}
