/* The logis command: finds the command named by the first argument and runs it. Each command
 * lives in its own file (cli.h lists them) and uses liblogis through include/logis.h only. */
#include "cli.h"

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
    "\n"
    "  logis --help, logis COMMAND --help, logis --version\n"
    "\n"
    "exit codes: 0 success; 1 violations found, or fixed stays make the scenario\n"
    "infeasible; 2 usage or input error; 3 internal or solver failure.\n";

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
} commands[] = {
    {"plan", command_plan},
    {"check", command_check},
    {"verify", command_verify},
};

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage_text, stderr);
        return EXIT_INPUT;
    }
    const char *command = argv[1];
    if (strcmp(command, "--help") == 0 || strcmp(command, "-h") == 0 ||
        strcmp(command, "help") == 0) {
        fputs(usage_text, stdout);
        return EXIT_DONE;
    }
    if (strcmp(command, "--version") == 0) {
        printf("logis %s\n", logis_version());
        return EXIT_DONE;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(command, commands[i].name) == 0)
            return commands[i].run(argc - 1, argv + 1);
    complain("unknown command '%s' (logis --help lists them)", command);
    return EXIT_INPUT;
}
