/* logis explain and logis suggest: why a household is where the plan puts it (or left out), and
 * where one more household could go. Both read a scenario and a plan and print the library's
 * answer, as text or JSON. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const cli_option explain_options[] = {
    {"json", 'j', false, NULL, "a JSON object for tools instead of text"},
};

static const cli_usage explain_usage = {
    "usage: logis explain SCENARIO.json PLAN.json HOUSEHOLD_ID [--json]\n"
    "\n"
    "For a household left out: every dwelling that fits it and, on each of its move-in\n"
    "dates, what is in the way (households holding the dwelling, the team's caseload, the\n"
    "dwelling's availability). For a housed one: its stay, the other places free for it\n"
    "without moving anyone, and how they compare by the objective.\n"
    "\n",
    explain_options, sizeof explain_options / sizeof *explain_options, 11, NULL};

static const cli_option suggest_options[] = {
    {"household", 'f', false, "FILE", "the household (required)"},
    {"json", 'j', false, NULL, "a JSON object for tools instead of text"},
};

static const cli_usage suggest_usage = {
    "usage: logis suggest SCENARIO.json PLAN.json --household FILE [--json]\n"
    "\n"
    "Where one more household could go. FILE holds one household object as in an\n"
    "orientation list (-: read it from standard input). Lists the places free without\n"
    "moving anyone, earliest move-in then fewest empty places first; when there is none,\n"
    "the best place that moves the fewest other households (up to two), each move listed,\n"
    "the earliest later date with a free place (how long a wait), and what is in the way.\n"
    "\n",
    suggest_options, sizeof suggest_options / sizeof *suggest_options, 21, NULL};

typedef struct {
    const cli_usage *usage;
    int wanted;               /* positional arguments */
    const char *positional[3];
    const char *household;    /* suggest's --household */
    bool json;
} explain_arguments;

/* Returns -1 when the arguments are fine, else the exit code. */
static int parse_explain_arguments(int argc, char **argv, explain_arguments *a)
{
    int option, count = 0;
    while ((option = next_option(argc, argv, a->usage)) != -1) {
        if (option == 'h')
            return show_usage(a->usage);
        if (option == 'j')
            a->json = true;
        else if (option == 'f' && a->household)
            return usage_error(a->usage, "suggest: --household is given twice ('%s', then "
                               "'%s'): one household at a time", a->household, optarg);
        else if (option == 'f')
            a->household = optarg;
        else
            return usage_error(a->usage, NULL); /* getopt has said what is wrong */
    }
    for (int i = optind; i < argc; i++)
        if (count < 3)
            a->positional[count++] = argv[i];
        else
            count++;
    if (count != a->wanted)
        return wrong_operand_count(a->usage, count, a->wanted, argv + optind + a->wanted);
    return -1;
}

/* Loads the scenario and the plan, printing what is wrong; false with *code set. */
static bool load_inputs(const explain_arguments *a, logis_scenario **scenario,
                        logis_plan **plan, int *code)
{
    *plan = NULL;
    *scenario = load_scenario(a->positional[0], false, true, NULL, code);
    if (!*scenario)
        return false;
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_status status =
        diags ? logis_plan_load_with(a->positional[1], *scenario, &load_options, plan, diags)
              : LOGIS_E_NOMEM;
    print_diagnostics(diags, false);
    logis_diagnostics_free(diags);
    *code = status == LOGIS_E_INPUT ? EXIT_INPUT : EXIT_INTERNAL;
    if (status != LOGIS_OK && status != LOGIS_E_INPUT)
        complain("out of memory");
    return status == LOGIS_OK;
}

/* Prints the answer (or what went wrong) and gives the exit code. Warnings are printed too: a
 * misspelt member of suggest's household ("territoires") would otherwise drop its limit
 * unseen, and logis check does not read that file. */
static int report_answer(logis_status status, char *answer, const logis_diagnostics *diags)
{
    print_diagnostics(diags, true);
    if (status == LOGIS_OK) {
        size_t length = strlen(answer);
        fputs(answer, stdout);
        if (length == 0 || answer[length - 1] != '\n')
            fputc('\n', stdout);
        free(answer);
        return fflush(stdout) == 0 ? EXIT_DONE : EXIT_INTERNAL;
    }
    if (status != LOGIS_E_INPUT)
        complain("out of memory");
    return status == LOGIS_E_INPUT ? EXIT_INPUT : EXIT_INTERNAL;
}

static int run(int argc, char **argv, explain_arguments *a)
{
    int code = parse_explain_arguments(argc, argv, a);
    if (code >= 0)
        return code;
    if (a->wanted == 2 && !a->household)
        return usage_error(a->usage, "suggest: --household FILE is required (- reads standard "
                           "input)");
    logis_scenario *scenario = NULL;
    logis_plan *plan = NULL;
    logis_diagnostics *diags = logis_diagnostics_new();
    if (!diags) {
        complain("out of memory");
        return EXIT_INTERNAL;
    }
    if (load_inputs(a, &scenario, &plan, &code)) {
        char *answer = NULL;
        logis_status status =
            a->wanted == 3
                ? logis_explain(scenario, plan, a->positional[2], a->json, &answer, diags)
                : logis_suggest(scenario, plan, a->household, a->json, &answer, diags);
        code = report_answer(status, answer, diags);
    }
    logis_plan_free(plan);
    logis_scenario_free(scenario);
    logis_diagnostics_free(diags);
    return code;
}

int command_explain(int argc, char **argv)
{
    explain_arguments a = {.usage = &explain_usage, .wanted = 3};
    return run(argc, argv, &a);
}

int command_suggest(int argc, char **argv)
{
    explain_arguments a = {.usage = &suggest_usage, .wanted = 2};
    return run(argc, argv, &a);
}
