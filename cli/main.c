/* The logis command: finds the command named by the first argument and runs it. Each command
 * lives in its own file (cli.h lists them) and uses liblogis through include/logis.h only. */
#include "cli/cli.h"

#include <stdio.h>
#include <string.h>

static const char *const usage_text =
    "usage: logis COMMAND [OPTIONS]\n"
    "\n"
    "Plans the housing of resettled households in an operator's dwellings.\n"
    "\n"
    "commands:\n"
    "  plan SCENARIO.json     solve and write the plan (stdout, or -o FILE)\n"
    "  check SCENARIO.json    validate and describe a scenario\n"
    "  verify SCENARIO.json PLAN.json\n"
    "                         check a plan against every rule and its own figures\n"
    "  explain SCENARIO.json PLAN.json HOUSEHOLD_ID\n"
    "                         why a household is where the plan puts it, or left out\n"
    "  suggest SCENARIO.json PLAN.json --household FILE\n"
    "                         where one more household could go\n"
    "  project SCENARIO.json  capacity projections: stays x park x demand variants\n"
    "  need SCENARIO.json     the fewest dwellings to capture to house every household\n"
    "  replay SCENARIO.json   the year lived week by week, against hindsight\n"
    "  report SCENARIO.json PLAN.json -o DIR\n"
    "                         write the plan's reports: HTML page, Gantt chart, CSV\n"
    "  import dwellings|households FILE.csv\n"
    "                         turn a spreadsheet's CSV into the JSON array\n"
    "  export dwellings|households FILE.json\n"
    "                         write the array as CSV for spreadsheets\n"
    "\n"
    "  logis --help, logis COMMAND --help, logis --version\n"
    "\n"
    "options for every command that reads a scenario (and import), anywhere on the line:\n"
    "  --max-input BYTES      refuse input files larger than this (K, M, G suffixes;\n"
    "                         default 64M)\n"
    "  --allow-outside        let a scenario name files outside its own folder\n"
    "\n"
    "exit codes: 0 success; 1 violations found, or fixed stays make the scenario\n"
    "infeasible; 2 usage or input error; 3 internal or solver failure, or a limit\n"
    "that left no room for a plan.\n";

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    {"plan", command_plan},
    {"check", command_check},
    {"verify", command_verify},
    {"explain", command_explain},
    {"suggest", command_suggest},
    {"project", command_project},
    {"need", command_need},
    {"replay", command_replay},
    {"report", command_report},
    {"import", command_import},
    {"export", command_export},
};

int main(int argc, char **argv)
{
    start_the_clock();
    int code = take_load_options(&argc, argv);
    if (code >= 0)
        return code;
    if (argc < 2) {
        complain("no command given");
        fputs(usage_text, stderr);
        return EXIT_INPUT;
    }
    const char *command = argv[1];
    if (strcmp(command, "--help") == 0 || strcmp(command, "-h") == 0 ||
        strcmp(command, "help") == 0) {
        fputs(usage_text, stdout);
        return check_stdout(EXIT_DONE);
    }
    if (strcmp(command, "--version") == 0) {
        printf("logis %s\n", logis_version());
        return check_stdout(EXIT_DONE);
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(command, commands[i].name) == 0)
            return check_stdout(commands[i].run(argc - 1, argv + 1));
    complain("unknown command '%s' (logis --help lists them)", command);
    return EXIT_INPUT;
}
