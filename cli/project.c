/* logis project: capacity projections. Writes every variant of a scenario to a folder, plans
 * each in its own `logis plan` process (--jobs at a time), and reports the figures of all. */
#include "cli/cli.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

enum { MAX_VALUES = 16, MOST_JOBS = MOST_PROCESSES };

static const cli_option project_options[] = {
    {"stay", 's', false, "MONTHS,...",
     "every household stays this long (default: as in the scenario)"},
    {"park", 'p', false, "SCALE,...",
     "the park scaled: x1.5 adds a copy of every second dwelling,\n"
     "x0.5 keeps every second one (default 1); `auto` in the list\n"
     "also finds, per stay and demand, the smallest scale (to 0.05)\n"
     "that houses the whole list"},
    {"demand", 'd', false, "SCALE,...", "the orientation list scaled the same way (default 1)"},
    {"jobs", 'j', false, "N", "plan N variants at once, one process each (default: the cores)"},
    {"time-limit", 't', false, "SECONDS", "for each variant's plan (default 60)"},
    {"output", 'o', true, "FILE", "the report as JSON"},
    {"csv", 'c', false, "FILE", "the report as CSV"},
    {"svg", 'g', false, "FILE", "a chart: persons housed against stay length, a line per park"},
    {"emit", 'e', false, "DIR",
     "only write the variants, DIR/projection.json and DIR/jobs.txt\n"
     "(one logis plan command a line: parallel < DIR/jobs.txt)"},
    {"collect", 'C', false, "DIR", "report on the plans written into an emitted DIR"},
    {"quiet", 'q', true, NULL, "no progress on stderr"},
};

static const cli_usage project_usage = {
    "usage: logis project SCENARIO.json [--stay MONTHS,...] [--park SCALE,...]\n"
    "                     [--demand SCALE,...] [--jobs N] [--time-limit SECONDS]\n"
    "                     [-o PROJ.json] [--csv FILE] [--svg FILE] [--emit DIR] [--quiet]\n"
    "       logis project --collect DIR [-o PROJ.json] [--csv FILE] [--svg FILE]\n"
    "\n"
    "Plans every combination of stay length, park scale and demand scale, and reports per\n"
    "variant the persons and households housed, occupancy, mean wait, households left out by\n"
    "reason, status, gap and seconds. A table goes to stdout.\n"
    "\n",
    project_options, sizeof project_options / sizeof *project_options, 25, NULL};

typedef struct {
    const char *scenario, *output, *csv, *svg, *emit, *collect;
    double stays[MAX_VALUES], parks[MAX_VALUES], demands[MAX_VALUES];
    int stay_count, park_count, demand_count, jobs;
    double time_limit;
    bool quiet, park_auto;
} project_arguments;

/* Parses "3,6,9" into values; false when it is not such a list. */
static bool parse_list(const char *option, const char *text, double *values, int *count)
{
    *count = 0;
    const char *at = text;
    while (*count < MAX_VALUES) {
        char *end = NULL;
        errno = 0;
        double value = strtod(at, &end);
        if (errno || end == at || !(value > 0)) {
            complain("%s: expected positive numbers separated by commas, got '%s'", option, text);
            return false;
        }
        values[(*count)++] = value;
        if (*end == '\0')
            return true;
        if (*end != ',')
            break;
        at = end + 1;
    }
    complain("%s: expected at most %d numbers separated by commas, got '%s'", option, MAX_VALUES,
             text);
    return false;
}

/* --park: scales, and `auto` among them for the park search. */
static bool parse_parks(const char *text, project_arguments *a)
{
    char scales[256] = "";
    if (strlen(text) >= sizeof scales) {
        complain("--park: expected at most %zu characters, got '%s'", sizeof scales - 1, text);
        return false;
    }
    const char *at = text;
    for (size_t length; *at; at += length + (at[length] == ',')) {
        length = strcspn(at, ",");
        if (length == 4 && strncmp(at, "auto", 4) == 0)
            a->park_auto = true;
        else
            snprintf(scales + strlen(scales), sizeof scales - strlen(scales), "%s%.*s",
                     scales[0] ? "," : "", (int)length, at);
    }
    return (a->park_auto && !scales[0]) || parse_list("--park", scales, a->parks, &a->park_count);
}

static bool parse_whole_months(const project_arguments *a)
{
    for (int i = 0; i < a->stay_count; i++)
        if (a->stays[i] != (int)a->stays[i]) {
            complain("--stay: months are whole numbers, got %g", a->stays[i]);
            return false;
        }
    return true;
}

static int default_jobs(void)
{
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return cores > 0 ? (int)cores : 1;
}

static bool parse_option(int option, project_arguments *a)
{
    char *end = NULL;
    switch (option) {
    case 's':
        return parse_list("--stay", optarg, a->stays, &a->stay_count) && parse_whole_months(a);
    case 'p':
        return parse_parks(optarg, a);
    case 'd':
        return parse_list("--demand", optarg, a->demands, &a->demand_count);
    case 'j':
        a->jobs = (int)strtol(optarg, &end, 10);
        if (*end || a->jobs < 1 || a->jobs > MOST_JOBS) {
            complain("--jobs: expected a number of processes from 1 to 256, got '%s'", optarg);
            return false;
        }
        return true;
    case 't':
        if (!parse_seconds(optarg, &a->time_limit)) {
            complain("--time-limit: expected a number of seconds >= 0, got '%s'", optarg);
            return false;
        }
        return true;
    case 'o':
        a->output = optarg;
        return true;
    case 'c':
        a->csv = optarg;
        return true;
    case 'g':
        a->svg = optarg;
        return true;
    case 'e':
        a->emit = optarg;
        return true;
    case 'C':
        a->collect = optarg;
        return true;
    case 'q':
        a->quiet = true;
        return true;
    default:
        return false;
    }
}

/* Returns -1 when the arguments are fine, else the exit code. */
static int parse_project_arguments(int argc, char **argv, project_arguments *a)
{
    *a = (project_arguments){.jobs = default_jobs(), .time_limit = 60};
    int option;
    while ((option = next_option(argc, argv, &project_usage)) != -1) {
        if (option == 'h')
            return show_usage(&project_usage);
        if (!parse_option(option, a)) {
            return option == '?' ? usage_error(&project_usage, NULL) : EXIT_INPUT;
        }
    }
    bool collecting = a->collect != NULL;
    if (collecting && (a->emit || a->stay_count || a->park_count || a->demand_count))
        return usage_error(&project_usage, "--collect reads planned variants: it takes no "
                                               "--emit, --stay, --park or --demand");
    if (a->park_auto && (collecting || a->emit))
        return usage_error(&project_usage, "--park auto searches in this process: it takes "
                                               "no --emit or --collect");
    if (optind + (collecting ? 0 : 1) != argc)
        return wrong_operand_count(&project_usage, argc - optind, collecting ? 0 : 1,
                                   argv + optind + (collecting ? 0 : 1));
    a->scenario = collecting ? NULL : argv[optind];
    return -1;
}

static int variant_count(const project_arguments *a)
{
    return (a->stay_count ? a->stay_count : 1) * (a->park_count ? a->park_count : 1) *
           (a->demand_count ? a->demand_count : 1);
}

/* Every combination, stay first, then park, then demand; returns how many. */
static int combine(const project_arguments *a, logis_variant *variants)
{
    int count = 0;
    for (int s = 0; s < (a->stay_count ? a->stay_count : 1); s++)
        for (int p = 0; p < (a->park_count ? a->park_count : 1); p++)
            for (int d = 0; d < (a->demand_count ? a->demand_count : 1); d++)
                variants[count++] = (logis_variant){
                    .stay_months = a->stay_count ? (int)a->stays[s] : 0,
                    .park = a->park_count ? a->parks[p] : 1.0,
                    .demand = a->demand_count ? a->demands[d] : 1.0};
    return count;
}

/* ---- running the variants ---- */

typedef struct {
    const logis_projection *projection;
    double time_limit, started;
    size_t finished, failed;
    bool progress, terminal;
} job_runner;

static double seconds_now(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + now.tv_nsec / 1e9;
}

/* Each variant runs this very program (resolved, so that under valgrind it is logis, not the
 * tool) as `logis plan`. */
static pid_t launch(void *user, size_t index)
{
    const job_runner *r = user;
    char limit[32];
    snprintf(limit, sizeof limit, "%g", r->time_limit);
    const char *plan = logis_projection_plan_path(r->projection, index);
    pid_t child = fork();
    if (child != 0)
        return child;
    int quiet_output = open("/dev/null", O_WRONLY);
    if (quiet_output >= 0)
        dup2(quiet_output, STDOUT_FILENO);
    char *const arguments[] = {"logis",       "plan",
                               (char *)logis_projection_scenario_path(r->projection, index),
                               "-o",          (char *)plan,
                               "--time-limit", limit,
                               "--quiet",     NULL};
    char program[PATH_MAX];
    execv(realpath("/proc/self/exe", program) ? program : "/proc/self/exe", arguments);
    _exit(EXIT_INTERNAL);
}

static void show_progress(const job_runner *r)
{
    if (!r->progress)
        return;
    size_t total = logis_projection_count(r->projection), width = 30;
    size_t filled = total ? width * r->finished / total : width;
    int seconds = (int)(seconds_now() - r->started);
    if (!r->terminal) {
        fprintf(stderr, "logis project: %zu of %zu variants planned, %d:%02d\n", r->finished,
                total, seconds / 60, seconds % 60);
        return;
    }
    char bar[64];
    memset(bar, '#', filled);
    memset(bar + filled, '.', width - filled);
    bar[width] = '\0';
    fprintf(stderr, "\r[%s] %zu/%zu variants  %d:%02d%s", bar, r->finished, total, seconds / 60,
            seconds % 60, r->finished == total ? "\n" : "");
}

static void planned(void *user, size_t index, bool done)
{
    (void)index;
    job_runner *r = user;
    r->finished++;
    r->failed += !done;
    show_progress(r);
}

static void run_variants(job_runner *r, int jobs)
{
    r->started = seconds_now();
    show_progress(r);
    process_pool pool = {.start = launch, .ended = planned, .user = r};
    run_processes(&pool, logis_projection_count(r->projection), jobs);
}

/* ---- reporting ---- */

static bool write_reports(const project_arguments *a, const logis_projection *p)
{
    char *table = logis_projection_table(p), *json = a->output ? logis_projection_json(p) : NULL;
    char *csv = a->csv ? logis_projection_csv(p) : NULL;
    char *svg = a->svg ? logis_projection_svg(p) : NULL;
    bool ok = table && (!a->output || json) && (!a->csv || csv) && (!a->svg || svg);
    if (!ok)
        complain("out of memory");
    ok = ok && emit_all((const char *const[]){a->output, a->csv, a->svg},
                        (const char *const[]){json, csv, svg}, 3) == EXIT_DONE;
    if (ok)
        fputs(table, stdout);
    free(table);
    free(json);
    free(csv);
    free(svg);
    return ok;
}

static int collect_and_report(const project_arguments *a, logis_projection *p)
{
    logis_diagnostics *diags = logis_diagnostics_new();
    if (!diags) {
        complain("out of memory");
        return EXIT_INTERNAL;
    }
    logis_status status = logis_projection_collect(p, diags);
    size_t problems = print_diagnostics(diags, true);
    size_t missing = logis_diagnostics_count(diags) - problems;
    logis_diagnostics_free(diags);
    if (status != LOGIS_OK) {
        complain("cannot collect the variants' plans");
        return status == LOGIS_E_INPUT ? EXIT_INPUT : EXIT_INTERNAL;
    }
    if (!write_reports(a, p))
        return EXIT_INTERNAL;
    if (problems + missing)
        complain("%zu variant%s without a plan", problems + missing,
                 problems + missing > 1 ? "s" : "");
    /* stopped, the variants not run have no plan, as asked: the report of the others is the
     * result, as a stopped plan's best plan is */
    return problems || (missing && !stop_requested) ? EXIT_INPUT : EXIT_DONE;
}

/* ---- outputs that would replace an input ---- */

static void add_reports(file_list *outputs, const project_arguments *a)
{
    add_file(outputs, "-o", NULL, a->output);
    add_file(outputs, "--csv", NULL, a->csv);
    add_file(outputs, "--svg", NULL, a->svg);
}

/* The files --emit writes into its folder, named as the README documents them. */
static void add_emitted_files(file_list *outputs, const project_arguments *a)
{
    add_file(outputs, "--emit", NULL, a->emit);
    add_file(outputs, "--emit", a->emit, "projection.json");
    add_file(outputs, "--emit", a->emit, "jobs.txt");
    for (int i = 1; i <= variant_count(a); i++) {
        char name[64];
        snprintf(name, sizeof name, "variant-%03d.json", i);
        add_file(outputs, "--emit", a->emit, name);
        snprintf(name, sizeof name, "variant-%03d.plan.json", i);
        add_file(outputs, "--emit", a->emit, name);
    }
}

/* No output replaces the scenario, the files it names (read: those its loading read, once it
 * is loaded) or another output. */
static int refuse_replacing_scenario(const void *arguments, file_list *read)
{
    const project_arguments *a = arguments;
    file_list inputs = inputs_read(read), outputs = {0};
    add_file(&inputs, "the scenario", NULL, a->scenario);
    add_reports(&outputs, a);
    if (a->emit)
        add_emitted_files(&outputs, a);
    return refuse_replaced_files(&inputs, &outputs);
}

/* Before collecting: no report replaces the manifest or a variant's scenario or plan. */
static int refuse_replacing_collected(const project_arguments *a, const logis_projection *p)
{
    file_list inputs = {0}, outputs = {0};
    add_file(&inputs, "the manifest", a->collect, "projection.json");
    for (size_t i = 0; i < logis_projection_count(p); i++) {
        char role[64];
        snprintf(role, sizeof role, "the scenario of variant %zu", i + 1);
        add_file(&inputs, role, NULL, logis_projection_scenario_path(p, i));
        snprintf(role, sizeof role, "the plan of variant %zu", i + 1);
        add_file(&inputs, role, NULL, logis_projection_plan_path(p, i));
    }
    add_reports(&outputs, a);
    return refuse_replaced_files(&inputs, &outputs);
}

/* ---- the three ways to run ---- */

static int collect_folder(const project_arguments *a)
{
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_projection *p = NULL;
    logis_status status = diags ? logis_projection_open(a->collect, &p, diags) : LOGIS_E_NOMEM;
    print_diagnostics(diags, false);
    logis_diagnostics_free(diags);
    int code = status == LOGIS_OK         ? refuse_replacing_collected(a, p)
               : status == LOGIS_E_INPUT ? EXIT_INPUT
                                         : EXIT_INTERNAL;
    if (code < 0)
        code = collect_and_report(a, p);
    logis_projection_free(p);
    return code;
}

/* The command jobs.txt runs: "logis" when it was found on PATH, else this very program. */
static const char *job_command(const char *invoked_as, char *resolved)
{
    if (!strchr(invoked_as, '/'))
        return "logis";
    return realpath("/proc/self/exe", resolved) ? resolved : invoked_as;
}

static logis_projection *emit_variants(const project_arguments *a, const char *folder,
                                       const char *command, int *code)
{
    logis_scenario *scenario =
        load_scenario_to_write(a->scenario, a->quiet, refuse_replacing_scenario, a, code);
    if (!scenario)
        return NULL;
    logis_variant variants[MAX_VALUES * MAX_VALUES * MAX_VALUES];
    int count = combine(a, variants);
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_projection *p = NULL;
    logis_status status = diags ? logis_projection_emit(scenario, variants, (size_t)count, folder,
                                                        command, a->time_limit, &p, diags)
                                : LOGIS_E_NOMEM;
    print_diagnostics(diags, false);
    logis_diagnostics_free(diags);
    logis_scenario_free(scenario);
    *code = status == LOGIS_OK                                  ? EXIT_DONE
            : status == LOGIS_E_INPUT || status == LOGIS_E_IO ? EXIT_INPUT
                                                                : EXIT_INTERNAL;
    return p;
}

static int emit_only(const project_arguments *a, const char *invoked_as)
{
    char resolved[PATH_MAX];
    int code;
    logis_projection *p = emit_variants(a, a->emit, job_command(invoked_as, resolved), &code);
    if (p && !a->quiet)
        fprintf(stderr,
                "logis project: %zu variants in %s; plan them with `parallel < %s/jobs.txt`, "
                "then run `logis project --collect %s`\n",
                logis_projection_count(p), a->emit, a->emit, a->emit);
    logis_projection_free(p);
    return code;
}

static int plan_and_report(const project_arguments *a)
{
    char path[PATH_MAX];
    if (!scratch_folder("project", path, sizeof path))
        return EXIT_INTERNAL;
    int code;
    logis_projection *p = emit_variants(a, path, "logis", &code);
    if (p) {
        catch_stop_signals();
        job_runner runner = {.projection = p, .time_limit = a->time_limit,
                             .progress = !a->quiet, .terminal = isatty(STDERR_FILENO)};
        run_variants(&runner, a->jobs);
        int searched = a->park_auto && !stop_requested
                           ? search_parks(p, a->scenario, a->time_limit, a->quiet)
                           : -1;
        if (stop_requested)
            complain("stopped on request: the report holds the variants planned so far");
        code = searched >= 0 ? searched : collect_and_report(a, p);
    }
    logis_projection_free(p);
    remove_folder(path);
    return code;
}

int command_project(int argc, char **argv)
{
    project_arguments a;
    int code = parse_project_arguments(argc, argv, &a);
    if (code >= 0)
        return code;
    if (a.collect)
        return collect_folder(&a);
    code = refuse_replacing_scenario(&a, NULL);
    if (code >= 0)
        return code;
    if (a.emit)
        return emit_only(&a, argv[-1]); /* main passes argv + 1: the program as invoked */
    return plan_and_report(&a);
}
