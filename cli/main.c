/* The logis command: parses arguments, calls liblogis through include/logis.h only, prints
 * diagnostics and summaries, and maps outcomes to the documented exit codes. */
#include "logis.h"

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
    EXIT_DONE = 0,       /* success */
    EXIT_VIOLATIONS = 1, /* verify found violations, or fixed stays make the scenario infeasible */
    EXIT_INPUT = 2,      /* usage or input error */
    EXIT_INTERNAL = 3    /* internal or solver failure */
};

static void complain(const char *format, ...) __attribute__((format(printf, 1, 2)));

static void complain(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fputs("logis: ", stderr);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
    va_end(args);
}

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

static const char *const check_usage_text =
    "usage: logis check SCENARIO.json\n"
    "\n"
    "Validates the scenario and the files it names, lists every error (exit 2) and the\n"
    "members it ignores, and describes it: counts by territory, places and sizes,\n"
    "households that can never be housed and why.\n";

static const char *const verify_usage_text =
    "usage: logis verify SCENARIO.json PLAN.json\n"
    "\n"
    "Checks the plan (also one edited by hand) against rules 1-7 and the figures it\n"
    "states; lists every violation on stderr. Exit 0 when there is none, 1 otherwise.\n";

/* Prints every diagnostic, one line each; returns the number of errors among them. */
static size_t print_diagnostics(const logis_diagnostics *diags, bool warnings)
{
    for (size_t i = 0; i < logis_diagnostics_count(diags); i++) {
        const logis_diagnostic *d = logis_diagnostics_get(diags, i);
        if (d->severity == LOGIS_WARNING && !warnings)
            continue;
        char *line = logis_diagnostics_line(diags, i);
        fprintf(stderr, "%s\n", line ? line : "logis: out of memory");
        free(line);
    }
    return logis_diagnostics_errors(diags);
}

static int count_warnings(const logis_diagnostics *diags)
{
    int count = 0;
    for (size_t i = 0; i < logis_diagnostics_count(diags); i++)
        count += logis_diagnostics_get(diags, i)->severity == LOGIS_WARNING;
    return count;
}

/* Loads a scenario, printing what is wrong; NULL on failure with *code set. */
static logis_scenario *load_scenario(const char *path, bool warnings, bool quiet, int *code)
{
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_scenario *scenario = NULL;
    if (!diags) {
        complain("out of memory");
        *code = EXIT_INTERNAL;
        return NULL;
    }
    logis_status status = logis_scenario_load(path, &scenario, diags);
    print_diagnostics(diags, warnings);
    int ignored = count_warnings(diags);
    if (status == LOGIS_OK && !warnings && !quiet && ignored)
        complain("%d kind%s of unknown members ignored (logis check lists them)", ignored,
                 ignored > 1 ? "s" : "");
    if (status == LOGIS_E_INPUT && logis_diagnostics_errors(diags) >= 50)
        complain("stopped after 50 errors");
    if (status != LOGIS_OK && status != LOGIS_E_INPUT)
        complain("%s: out of memory", path);
    *code = status == LOGIS_E_INPUT ? EXIT_INPUT : EXIT_INTERNAL;
    logis_diagnostics_free(diags);
    return scenario;
}

static bool parse_seconds(const char *text, double *out)
{
    char *end = NULL;
    errno = 0;
    double value = strtod(text, &end);
    if (errno || end == text || *end || !isfinite(value) || value < 0)
        return false;
    *out = value;
    return true;
}

typedef struct {
    const char *scenario, *output;
    bool quiet, first_fit;
    logis_options solve;
} plan_arguments;

/* Ctrl-C or SIGTERM during a solve: the first asks the solver to stop and keep its best plan; a
 * second ends the process at once (no output file has been started then: they are written
 * after the solve, through a temporary file). */
static volatile sig_atomic_t stop_requested;

static void on_stop_signal(int signal_number)
{
    (void)signal_number;
    if (stop_requested)
        _exit(130);
    stop_requested = 1;
}

static void catch_stop_signals(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
}

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

/* Writes text to path (atomically) or to stdout. */
static bool emit(const char *path, const char *text)
{
    if (!path)
        return fputs(text, stdout) >= 0 && fputc('\n', stdout) != EOF && fflush(stdout) == 0;
    logis_diagnostics *diags = logis_diagnostics_new();
    size_t length = strlen(text);
    char *with_newline = malloc(length + 2);
    bool ok = diags && with_newline;
    if (ok) {
        memcpy(with_newline, text, length);
        memcpy(with_newline + length, "\n", 2);
        ok = logis_write_file(path, with_newline, diags) == LOGIS_OK;
        print_diagnostics(diags, false);
    }
    free(with_newline);
    logis_diagnostics_free(diags);
    return ok;
}

static int command_plan(int argc, char **argv)
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

/* Handles --help for a command with only positional arguments; -1 to go on. */
static int simple_arguments(int argc, char **argv, int wanted, const char *usage)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage, stdout);
            return EXIT_DONE;
        }
    if (argc != wanted + 1 || (argc > 1 && argv[1][0] == '-' && argv[1][1])) {
        fputs(usage, stderr);
        return EXIT_INPUT;
    }
    return -1;
}

static int command_check(int argc, char **argv)
{
    int code = simple_arguments(argc, argv, 1, check_usage_text);
    if (code >= 0)
        return code;
    logis_scenario *scenario = load_scenario(argv[1], true, false, &code);
    if (!scenario)
        return code;
    char *description = logis_scenario_describe(scenario);
    if (description)
        fputs(description, stdout);
    else
        complain("out of memory");
    free(description);
    logis_scenario_free(scenario);
    return description ? EXIT_DONE : EXIT_INTERNAL;
}

static int command_verify(int argc, char **argv)
{
    int code = simple_arguments(argc, argv, 2, verify_usage_text);
    if (code >= 0)
        return code;
    logis_scenario *scenario = load_scenario(argv[1], false, true, &code);
    if (!scenario)
        return code;
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_plan *plan = NULL;
    logis_status status = diags ? logis_plan_load(argv[2], scenario, &plan, diags)
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
    if (strcmp(command, "plan") == 0)
        return command_plan(argc - 1, argv + 1);
    if (strcmp(command, "check") == 0)
        return command_check(argc - 1, argv + 1);
    if (strcmp(command, "verify") == 0)
        return command_verify(argc - 1, argv + 1);
    complain("unknown command '%s' (logis --help lists them)", command);
    return EXIT_INPUT;
}
