/* logis report: writes a plan's reports for people (spreadsheets, a Gantt chart, one HTML page)
 * into a folder. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static const cli_option report_options[] = {
    {"output", 'o', true, "DIR", "the folder (required)"},
    {"force", 'f', false, NULL,
     "report a plan that breaks the rules all the same, a red banner\n"
     "on every page of report.html saying so"},
};

static const cli_usage report_usage = {
    "usage: logis report SCENARIO.json PLAN.json -o DIR [--force]\n"
    "\n"
    "Writes into DIR (created when missing) the plan's reports for people:\n"
    "  report.html       one self-contained page: a summary page (figures, who is\n"
    "                    left out, territories), occupancy by month, the Gantt chart,\n"
    "                    the stays, the households left out by reason and size\n"
    "  gantt.svg         one row per dwelling, a bar per stay\n"
    "  assignments.csv   the stays; unassigned.csv: the households left out, with reasons\n"
    "  occupancy.csv     per territory and month: places, persons, occupancy, caseload\n"
    "The files are replaced all together or not at all. A plan that logis verify\n"
    "rejects is refused (exit 1, its violations listed) unless --force.\n"
    "\n",
    report_options, sizeof report_options / sizeof *report_options, 21, NULL};

/* Returns -1 when the arguments are fine, else the exit code; *folder and *force set. */
static int parse_report_arguments(int argc, char **argv, const char **folder, bool *force)
{
    extra_option force_option = {NULL, force};
    int code = output_option(argc, argv, &report_usage, folder, &force_option);
    if (code >= 0)
        return code;
    if (optind + 2 != argc)
        return wrong_operand_count(&report_usage, argc - optind, 2, argv + optind + 2);
    if (!*folder)
        return usage_error(&report_usage, "-o DIR is required: the folder of the report");
    return -1;
}

typedef struct {
    const char *scenario, *plan, *folder;
} report_files;

/* No report file replaces the scenario, the files it names (read: those its loading read, once
 * it is loaded) or the plan. */
static int refuse_replacing(const void *arguments, file_list *read)
{
    const report_files *files = arguments;
    file_list inputs = inputs_read(read), outputs = {0};
    add_file(&inputs, "the scenario", NULL, files->scenario);
    add_file(&inputs, "the plan", NULL, files->plan);
    add_report_files(&outputs, "-o", files->folder);
    return refuse_replaced_files(&inputs, &outputs);
}

/* A plan refused for its violations exits as logis verify does. */
static int exit_code_of(logis_status status, long violations)
{
    switch (status) {
    case LOGIS_OK:
        return EXIT_DONE;
    case LOGIS_E_INPUT:
        return violations > 0 ? EXIT_VIOLATIONS : EXIT_INPUT;
    case LOGIS_E_IO:
        return EXIT_INPUT;
    default:
        return EXIT_INTERNAL;
    }
}

static void say_what_was_done(const char *folder, int code, long violations)
{
    if (code == EXIT_VIOLATIONS)
        complain("--force writes the report all the same, a banner on every page saying so");
    else if (code == EXIT_DONE && violations > 0)
        fprintf(stderr, "%s: report.html, gantt.svg, assignments.csv, unassigned.csv, "
                        "occupancy.csv written of a plan that breaks the rules (%ld violation%s, "
                        "a banner says so)\n", folder, violations, violations > 1 ? "s" : "");
    else if (code == EXIT_DONE)
        fprintf(stderr, "%s: report.html, gantt.svg, assignments.csv, unassigned.csv, "
                        "occupancy.csv written\n", folder);
}

int command_report(int argc, char **argv)
{
    const char *folder = NULL;
    bool force = false;
    int code = parse_report_arguments(argc, argv, &folder, &force);
    if (code >= 0)
        return code;
    report_files files = {argv[optind], argv[optind + 1], folder};
    if ((code = refuse_replacing(&files, NULL)) >= 0)
        return code;
    logis_scenario *scenario =
        load_scenario_to_write(files.scenario, true, refuse_replacing, &files, &code);
    if (!scenario)
        return code;
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_plan *plan = NULL;
    logis_report_options options;
    logis_report_options_init(&options);
    options.force = force;
    options.writing = hold_stop_signals_while_writing;
    long violations = 0;
    logis_status status = diags ? logis_plan_load_with(files.plan, scenario, &load_options, &plan,
                                                       diags)
                                : LOGIS_E_NOMEM;
    if (status == LOGIS_OK)
        status = logis_report_write_with(scenario, plan, folder, &options, &violations, diags);
    print_diagnostics(diags, false);
    code = exit_code_of(status, violations);
    say_what_was_done(folder, code, violations);
    if (!diags)
        complain("out of memory");
    logis_plan_free(plan);
    logis_diagnostics_free(diags);
    logis_scenario_free(scenario);
    return code;
}
