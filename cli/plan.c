/* logis plan: solve a scenario and write its plan. */
#include "cli/cli.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static const cli_option plan_options[] = {
    {"output", 'o', true, "FILE", "write the plan there instead of stdout"},
    {"time-limit", 't', false, "SECONDS",
     "end planning after this long, reading included, with the\n"
     "best plan so far (default 60; 0: none)"},
    {"gap", 'g', false, "FRACTION", "accept a relative gap on the first objective (default 0)"},
    {"write-lp", 'l', false, "FILE", "also write the model in CPLEX LP format, for other solvers"},
    {"first-fit", 'f', false, NULL,
     "write the first-come smallest-fit plan instead (the baseline)"},
    {"memory-limit", 'm', false, "MIB",
     "the most memory planning may take (default: three quarters of\n"
     "the machine's; 0: none); a larger model is built on coarser\n"
     "move-in dates, or refused with exit 3"},
    {"replan", 'p', false, "PREVIOUS.json",
     "re-plan: the previous plan's stays before DATE are kept, the\n"
     "others where possible; no new stay starts before DATE; the\n"
     "plan lists the changes"},
    {"now", 'n', false, "DATE", NULL},
    {"notice", 'N', false, "DAYS",
     "re-plan: also keep the stays that start before DATE + DAYS,\n"
     "announced to the families (default: rules.notice_days, 0)"},
    {"report", 'r', false, "DIR", "also write the report for people there (logis report)"},
    {"quiet", 'q', true, NULL, "no summary on stderr"},
    {"verbose", 'v', true, NULL, "GLPK's own log on stderr"},
};

static const cli_usage plan_usage = {
    "usage: logis plan SCENARIO.json [-o PLAN.json] [--time-limit SECONDS] [--gap FRACTION]\n"
    "                  [--write-lp FILE] [--first-fit] [--memory-limit MIB]\n"
    "                  [--replan PREVIOUS.json --now DATE [--notice DAYS]] [--report DIR]\n"
    "                  [--quiet | --verbose]\n"
    "\n"
    "Builds the allocation model and solves it with GLPK: most weighted persons housed,\n"
    "then least waiting, then fewest empty places. The plan goes to stdout or to -o FILE\n"
    "(written whole or not at all); a summary goes to stderr.\n"
    "\n",
    plan_options, sizeof plan_options / sizeof *plan_options, 25,
    "  --max-input BYTES, --allow-outside   how the scenario is read (logis --help)\n"};

typedef struct {
    const char *scenario, *output, *report, *previous, *now;
    bool quiet, first_fit;
    logis_options solve;
} plan_arguments;

/* A whole number of MiB from 0 (no limit) to a million. */
static bool parse_megabytes(const char *text, int *out)
{
    char *end = NULL;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno || end == text || *end || value < 0 || value > 1000000)
        return false;
    *out = (int)value;
    return true;
}

static void print_log_line(void *user, const char *line)
{
    (void)user;
    fprintf(stderr, "%s\n", line);
}

/* Returns -1 when the arguments are fine, else the exit code. */
static int parse_plan_arguments(int argc, char **argv, plan_arguments *a)
{
    logis_options_init(&a->solve);
    int option;
    while ((option = next_option(argc, argv, &plan_usage)) != -1) {
        switch (option) {
        case 'o':
            a->output = optarg;
            break;
        case 'r':
            a->report = optarg;
            break;
        case 'p':
            a->previous = optarg;
            break;
        case 'n':
            a->now = optarg;
            break;
        case 'N':
            if (!parse_days(optarg, &a->solve.notice_days)) {
                complain("--notice: expected a whole number of days from 0 to 365, got '%s'",
                         optarg);
                return EXIT_INPUT;
            }
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
        case 'm':
            if (!parse_megabytes(optarg, &a->solve.memory_limit)) {
                complain("--memory-limit: expected a whole number of MiB >= 0, got '%s'", optarg);
                return EXIT_INPUT;
            }
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
            return show_usage(&plan_usage);
        default:
            return usage_error(&plan_usage, NULL); /* getopt has said what is wrong */
        }
    }
    if (!a->previous != !a->now || (a->previous && a->first_fit)) {
        complain("--replan and --now go together, without --first-fit");
        return EXIT_INPUT;
    }
    if (a->solve.notice_days >= 0 && !a->previous) {
        complain("--notice goes with --replan and --now");
        return EXIT_INPUT;
    }
    if (optind + 1 != argc)
        return wrong_operand_count(&plan_usage, argc - optind, 1, argv + optind + 1);
    a->scenario = argv[optind];
    return -1;
}

/* The report for people next to the plan; false with *code set when it cannot be written. */
static bool write_report(const logis_scenario *scenario, const logis_plan *plan,
                         const char *folder, int *code)
{
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_report_options options;
    logis_report_options_init(&options);
    options.writing = hold_stop_signals_while_writing;
    logis_status status =
        diags ? logis_report_write_with(scenario, plan, folder, &options, NULL, diags)
              : LOGIS_E_NOMEM;
    print_diagnostics(diags, false);
    logis_diagnostics_free(diags);
    *code = status == LOGIS_E_NOMEM ? EXIT_INTERNAL : EXIT_INPUT;
    return status == LOGIS_OK;
}

/* No output replaces the scenario, the files it names (read: those its loading read, once it
 * is loaded), the previous plan or another output. */
static int refuse_replacing(const void *arguments, file_list *read)
{
    const plan_arguments *a = arguments;
    file_list inputs = inputs_read(read), outputs = {0};
    add_file(&inputs, "the scenario", NULL, a->scenario);
    add_file(&inputs, "--replan", NULL, a->previous);
    add_file(&outputs, "-o", NULL, a->output);
    add_file(&outputs, "--write-lp", NULL, a->solve.write_lp);
    add_report_files(&outputs, "--report", a->report);
    return refuse_replaced_files(&inputs, &outputs);
}

int command_plan(int argc, char **argv)
{
    plan_arguments a = {0};
    int code = parse_plan_arguments(argc, argv, &a);
    if (code < 0)
        code = refuse_replacing(&a, NULL);
    if (code >= 0)
        return code;
    limit_reading(a.scenario, a.solve.time_limit);
    logis_scenario *scenario =
        load_scenario_to_write(a.scenario, a.quiet, refuse_replacing, &a, &code);
    if (!scenario)
        return code;
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_plan *plan = NULL;
    progress_line progress;
    watch_solve(&a.solve, &progress, !a.quiet && !a.solve.verbose);
    logis_status status = !diags ? LOGIS_E_NOMEM
                          : a.first_fit
                              ? logis_plan_first_fit_with(scenario, &a.solve, &plan, diags)
                          : a.previous
                              ? logis_replan(scenario, a.previous, a.now, &a.solve, &plan, diags)
                              : logis_solve(scenario, &a.solve, &plan, diags);
    end_solve_progress(&progress);
    print_diagnostics(diags, a.previous != NULL);
    char *text = plan ? logis_plan_to_json(plan) : NULL;
    char *summary = plan ? logis_plan_summary(plan) : NULL;
    if (status == LOGIS_E_INPUT) {
        code = EXIT_INPUT;
    } else if (status == LOGIS_E_LIMIT) {
        code = EXIT_INTERNAL; /* said in the diagnostics */
    } else if (status != LOGIS_OK) {
        if (status == LOGIS_E_NOMEM && a.solve.memory_limit > 0)
            complain("planning failed (memory limit %d MiB)", a.solve.memory_limit);
        else
            complain("planning failed");
        code = EXIT_INTERNAL;
    } else if (!text || !summary) {
        complain("out of memory");
        code = EXIT_INTERNAL;
    } else if ((code = emit(a.output, text)) != EXIT_DONE) {
        /* said by emit */
    } else if (a.report && !write_report(scenario, plan, a.report, &code)) {
        complain("the plan is written, the report is not");
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

