/* Allocation failure tested as SQLite tests it (issue 14): the Nth allocation of a FAAR-sized
 * plan, re-plan and report fails, for N = 1, 2, 3...; every run must end cleanly.
 *
 * What fails. The final link wraps malloc, calloc, realloc, strdup, strndup and free
 * (-Wl,--wrap=...): every such call made from logis's own objects comes here, and
 * cJSON_InitHooks routes cJSON's allocations (its parser, its trees, cJSON_Print) through the
 * same wrappers. Not failed: GLPK's allocations inside libglpk (its glp_mem_limit is how they
 * fail, tested in test_limits.c) and those glibc makes for logis (asprintf, open_memstream,
 * realpath, stdio buffers).
 *
 * The pipeline, as `logis plan` and `logis report` run it: load the scenario, solve it (and
 * make the first-come plan, as --first-fit does), the plan as JSON (and its summary) written to
 * a file, a re-plan at --now against the plan of an earlier clean run, its JSON and file, that
 * file read back and its report written into a folder. No time limit: every run below is
 * forked from one run, whose clock goes on while it waits for them, so a limit would end its
 * search at a different place each time (FAAR is optimal in 0.2 s without one).
 *
 * How a run must end when allocation N fails (and, in persistent mode, every one after it): the
 * failing call returns LOGIS_E_NOMEM (NULL for a function that returns text), hands out
 * nothing, and says so in its diagnostics (in persistent mode the message itself may not be
 * allocatable); no crash, no sanitizer report; no file from the failed step, whole or partial;
 * nothing leaked: as SQLite counts its memory, the wrappers keep every allocation made during
 * the runs, and a failed step must leave as many as it found; its files closed and no GLPK
 * environment left (GLPK's memory lives in it). LeakSanitizer, which also sees the allocations
 * made inside GLPK and glibc, checks every --lsan-every-th run (it takes 20 ms to 0.6 s a
 * check here, too long for every run) and the whole program at its end. A run the failure did
 * not stop must give the plans of a clean run.
 *
 * How N is swept. One run counts the allocations; at allocation N it forks, and the child
 * fails that allocation and carries on: the child is exactly the run that fails N, without
 * redoing the N - 1 before it (tens of milliseconds a run, where a run from the start takes
 * seconds under the sanitizers). A child's later steps write into a folder of its own, and its
 * open files get file descriptions of their own; while the parent writes files it waits for
 * each child, which then removes what it made there. The pipeline makes about 82,000
 * allocations, too many to fail each one in a few minutes: in each step every N up to --dense
 * is run, then every --stride-th, and every allocation site (the wrapper's caller and the
 * frames above it) the first --per-site times it is reached, so that the error path of a site
 * reached once in a while is run too; each N in both modes. --only N runs one N alone, in one
 * process, for a debugger: it prints the failing allocation's stack, and LeakSanitizer gives
 * the stacks of a leak. */
#include "logis.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <execinfo.h>
#include <fcntl.h>
#include <glpk.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/common_interface_defs.h>
#include <sanitizer/lsan_interface.h>
#define LEAKS_FOUND() __lsan_do_recoverable_leak_check()
#define PRINT_STACK() __sanitizer_print_stack_trace()
#else
#define LEAKS_FOUND() 0
#define PRINT_STACK() (void)0
#endif

/* ---- Settings ------------------------------------------------------------------------------ */

typedef enum { TRANSIENT, PERSISTENT, MODE_COUNT } fail_mode;
static const char *const mode_names[MODE_COUNT] = {"transient", "persistent"};

enum { MAX_JOBS = 2 };

static struct {
    const char *scenario, *now;
    long dense, stride, per_site, lsan_every;
    int jobs;
    bool modes[MODE_COUNT];
    int only_step; /* sweep this step alone; -1: every one */
    long only;     /* run this N alone, in this process */
    int max_failures;
    bool verbose;
} settings = {"data/faar/scenario.json", "2027-07-05", 25, 1000, 2, 50, 1, {true, true}, -1, 0,
              20, false};

/* ASan's defaults for this program: a small quarantine, since each fork copies the page tables
 * of all the memory the parent holds. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "detect_leaks=1:quarantine_size_mb=16";
}

/* ---- The allocator ------------------------------------------------------------------------- */

void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);
void *__real_realloc(void *pointer, size_t size);
char *__real_strdup(const char *text);
char *__real_strndup(const char *text, size_t size);
void __real_free(void *pointer);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t count, size_t size);
void *__wrap_realloc(void *pointer, size_t size);
char *__wrap_strdup(const char *text);
char *__wrap_strndup(const char *text, size_t size);
void __wrap_free(void *pointer);

static struct {
    bool armed;      /* counting: only during the library's calls, never the harness's own */
    long count;      /* allocations counted so far */
    long fail_at;    /* the allocation that fails; 0: none */
    fail_mode mode;  /* PERSISTENT: every allocation after fail_at fails too */
    long injected;   /* failures handed out */
    bool forking;    /* the sweeping run: fork at the allocations of the sweep */
    int step;        /* the step under way */
    long step_start; /* count when it began */
    bool child;
} counter;

/* The allocations made while armed and not yet freed, by address: an open-addressing table
 * (linear probing, deletion by backward shift) in memory of its own. */
typedef struct {
    void *pointer;
    long serial; /* its N */
} tracked;

static struct {
    tracked *slots;
    size_t capacity, live;
} tracker;

static size_t home_slot(const void *pointer, size_t capacity)
{
    uint64_t hash = (uint64_t)(uintptr_t)pointer * 0x9E3779B97F4A7C15ull;
    return (size_t)(hash >> 32) & (capacity - 1);
}

static void place(tracked *slots, size_t capacity, tracked item)
{
    size_t i = home_slot(item.pointer, capacity);
    while (slots[i].pointer)
        i = (i + 1) & (capacity - 1);
    slots[i] = item;
}

/* Doubles the table; a harness that cannot is stopped (the library is not under test then). */
static void grow_tracker(void)
{
    size_t capacity = tracker.capacity ? 2 * tracker.capacity : 1 << 16;
    tracked *slots = __real_calloc(capacity, sizeof *slots);
    if (!slots) {
        fputs("alloc_fail: out of memory for the allocation table\n", stderr);
        _exit(2);
    }
    for (size_t i = 0; i < tracker.capacity; i++)
        if (tracker.slots[i].pointer)
            place(slots, capacity, tracker.slots[i]);
    __real_free(tracker.slots);
    tracker.slots = slots;
    tracker.capacity = capacity;
}

static void track(void *pointer, long serial)
{
    if (!pointer)
        return;
    if (2 * (tracker.live + 1) > tracker.capacity)
        grow_tracker();
    place(tracker.slots, tracker.capacity, (tracked){pointer, serial});
    tracker.live++;
}

/* Forgets pointer; false when it was not tracked (made by the harness or inside glibc). */
static bool untrack(const void *pointer)
{
    if (!pointer || !tracker.capacity)
        return false;
    size_t mask = tracker.capacity - 1, i = home_slot(pointer, tracker.capacity);
    while (tracker.slots[i].pointer != pointer) {
        if (!tracker.slots[i].pointer)
            return false;
        i = (i + 1) & mask;
    }
    tracker.slots[i].pointer = NULL;
    tracker.live--;
    for (size_t j = (i + 1) & mask; tracker.slots[j].pointer; j = (j + 1) & mask) {
        size_t k = home_slot(tracker.slots[j].pointer, tracker.capacity);
        bool stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
        if (!stays) {
            tracker.slots[i] = tracker.slots[j];
            tracker.slots[j].pointer = NULL;
            i = j;
        }
    }
    return true;
}

static bool should_fail(void);

/* The allocation just counted, if it succeeded, is tracked when the count is on. */
static void *counted(void *pointer)
{
    if (counter.armed)
        track(pointer, counter.count);
    return pointer;
}

void *__wrap_malloc(size_t size)
{
    return should_fail() ? NULL : counted(__real_malloc(size));
}

void *__wrap_calloc(size_t count, size_t size)
{
    return should_fail() ? NULL : counted(__real_calloc(count, size));
}

/* A block realloc moves is tracked again only when it was tracked: glibc made the others. */
void *__wrap_realloc(void *pointer, size_t size)
{
    if (should_fail())
        return NULL;
    bool was_tracked = untrack(pointer);
    void *moved = __real_realloc(pointer, size);
    if (!moved && was_tracked)
        track(pointer, counter.count);
    else if (moved && (was_tracked || !pointer))
        counted(moved);
    return moved;
}

char *__wrap_strdup(const char *text)
{
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return counted(__real_strdup(text));
}

char *__wrap_strndup(const char *text, size_t size)
{
    if (should_fail()) {
        errno = ENOMEM;
        return NULL;
    }
    return counted(__real_strndup(text, size));
}

void __wrap_free(void *pointer)
{
    untrack(pointer);
    __real_free(pointer);
}

/* cJSON's allocations go through the same wrappers. */
static void route_cjson(void)
{
    cJSON_Hooks hooks = {__wrap_malloc, __wrap_free};
    cJSON_InitHooks(&hooks);
}

/* ---- Messages and paths -------------------------------------------------------------------- */

static double clock_seconds(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + 1e-9 * (double)now.tv_nsec;
}

static void say(const char *format, ...) __attribute__((format(printf, 1, 2)));

static void say(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    vfprintf(stderr, format, args);
    va_end(args);
    fputc('\n', stderr);
}

/* What a run found wrong, with its N: `alloc_fail --only N --mode M` runs it again alone. */
static void complain(const char *format, ...) __attribute__((format(printf, 1, 2)));

static void complain(const char *format, ...)
{
    char message[1024];
    va_list args;
    va_start(args, format);
    vsnprintf(message, sizeof message, format, args);
    va_end(args);
    fprintf(stderr, "alloc_fail: N=%ld %s: %s\n", counter.fail_at, mode_names[counter.mode],
            message);
}

/* out = a "/" b. Every path here is short, under the temporary folder: a longer one is a
 * harness error. */
static void join(char *out, size_t size, const char *a, const char *b)
{
    int length = snprintf(out, size, "%s/%s", a, b);
    if (length < 0 || (size_t)length >= size) {
        say("alloc_fail: path too long: %s/%s", a, b);
        _exit(2);
    }
}

static char base_folder[PATH_MAX];
static char output_root[PATH_MAX]; /* where the steps that begin from now on write */

static void remove_tree(const char *path)
{
    DIR *folder = opendir(path);
    if (!folder) {
        unlink(path);
        return;
    }
    for (struct dirent *entry; (entry = readdir(folder));) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
            continue;
        char inner[PATH_MAX];
        join(inner, sizeof inner, path, entry->d_name);
        remove_tree(inner);
    }
    closedir(folder);
    rmdir(path);
}

/* What a folder holds, as paths relative to it (folders end in '/'), sorted; at most
 * MAX_NAMES, more than any step writes. 0 when the folder does not exist. */
enum { MAX_NAMES = 16, NAME_SIZE = 128 };
typedef char name_list[MAX_NAMES][NAME_SIZE];

static int compare_names(const void *a, const void *b)
{
    return strcmp(a, b);
}

static void list_into(const char *root, const char *prefix, name_list names, int *count)
{
    char path[PATH_MAX];
    join(path, sizeof path, root, prefix);
    DIR *folder = opendir(path);
    if (!folder)
        return;
    for (struct dirent *entry; (entry = readdir(folder)) && *count < MAX_NAMES;) {
        if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
            continue;
        char *name = names[(*count)++];
        bool is_folder = entry->d_type == DT_DIR;
        int length = snprintf(name, NAME_SIZE, "%s%s%s", prefix, entry->d_name,
                              is_folder ? "/" : "");
        if (length < 0) /* a longer name is kept cut: it is no output's, and is reported */
            (*count)--;
        else if (is_folder)
            list_into(root, name, names, count);
    }
    closedir(folder);
}

static int list_tree(const char *root, name_list names)
{
    int count = 0;
    list_into(root, "", names, &count);
    qsort(names, (size_t)count, NAME_SIZE, compare_names);
    return count;
}

static bool in_list(const name_list names, int count, const char *name)
{
    for (int i = 0; i < count; i++)
        if (strcmp(names[i], name) == 0)
            return true;
    return false;
}

static int open_descriptors(void)
{
    int count = 0;
    for (int fd = 0; fd < 1024; fd++)
        count += fcntl(fd, F_GETFD) != -1;
    return count;
}

/* ---- The pipeline -------------------------------------------------------------------------- */

typedef enum { V_OK, V_FAILED, V_BAD } verdict;

enum { STEP_LIMIT = 10, STEP_PLAN_WRITE = 4, STEP_REPLAN_WRITE = 7 };

typedef struct {
    logis_scenario *scenario;
    logis_plan *plan, *replan, *loaded;
    char *plan_text, *replan_text;
    char previous[PATH_MAX]; /* the clean run's plan file; empty: this run's own */
    int begun;               /* steps begun */
    verdict last;            /* how the last one begun ended */
    size_t live_at_start;    /* tracked allocations when it began */
    int descriptors_at_start;
    char area[STEP_LIMIT][PATH_MAX]; /* each writing step's folder */
} run_state;

/* --verbose: what a clean failure said, to read the messages users would get. */
static verdict show_failure(const char *call, const logis_diagnostics *diags)
{
    const logis_diagnostic *first = logis_diagnostics_get(diags, 0);
    complain("%s: %s", call, first ? first->message : "(no diagnostics)");
    return V_FAILED;
}

/* A status call's end. On failure: LOGIS_E_NOMEM, nothing handed out, a message. */
static verdict judge(const char *call, logis_status status, const void *out,
                     const logis_diagnostics *diags)
{
    if (status == LOGIS_OK && out)
        return V_OK;
    if (status == LOGIS_OK)
        complain("%s: LOGIS_OK without a result", call);
    else if (counter.injected == 0)
        complain("%s: %s with no failed allocation", call, logis_status_string(status));
    else if (status != LOGIS_E_NOMEM)
        complain("%s: status %s, not memory", call, logis_status_string(status));
    else if (out)
        complain("%s: LOGIS_E_NOMEM, yet a result handed out", call);
    else if (diags && counter.mode == TRANSIENT && logis_diagnostics_errors(diags) == 0)
        complain("%s: LOGIS_E_NOMEM without a message", call);
    else
        return settings.verbose ? show_failure(call, diags) : V_FAILED;
    for (size_t i = 0; i < logis_diagnostics_count(diags); i++)
        say("  diagnostic: %s", logis_diagnostics_get(diags, i)->message);
    return V_BAD;
}

/* A text call's end: NULL is its documented way to say out of memory. */
static verdict judge_text(const char *call, const char *text)
{
    if (text)
        return V_OK;
    if (counter.injected > 0)
        return V_FAILED;
    complain("%s: NULL with no failed allocation", call);
    return V_BAD;
}

/* Every step with a diagnostics list makes it first, as the CLI does: when it cannot, the step
 * fails as the CLI's would, out of memory. */
static verdict with_diags(const char *call, logis_diagnostics **diags)
{
    *diags = logis_diagnostics_new();
    return *diags ? V_OK : judge(call, LOGIS_E_NOMEM, NULL, NULL);
}

static verdict step_load(run_state *r)
{
    logis_diagnostics *diags;
    verdict v = with_diags("logis_diagnostics_new", &diags);
    if (v == V_OK) {
        logis_status status = logis_scenario_load(settings.scenario, &r->scenario, diags);
        v = judge("logis_scenario_load", status, r->scenario, diags);
    }
    logis_diagnostics_free(diags);
    return v;
}

static void solve_options(logis_options *options)
{
    logis_options_init(options);
    options->time_limit = 0; /* none: see the header */
}

static verdict step_solve(run_state *r)
{
    logis_diagnostics *diags;
    logis_options options;
    solve_options(&options);
    verdict v = with_diags("logis_diagnostics_new", &diags);
    if (v == V_OK) {
        logis_status status = logis_solve(r->scenario, &options, &r->plan, diags);
        v = judge("logis_solve", status, r->plan, diags);
    }
    logis_diagnostics_free(diags);
    return v;
}

/* The plan's JSON and summary, as `logis plan` makes both before writing either: the step
 * fails, and keeps nothing, when either cannot be made. */
/* The first-come plan, as `logis plan --first-fit` makes it: made, then let go. */
static verdict step_first_fit(run_state *r)
{
    logis_diagnostics *diags;
    logis_plan *plan = NULL;
    verdict v = with_diags("logis_diagnostics_new", &diags);
    if (v == V_OK) {
        logis_status status = logis_plan_first_fit(r->scenario, &plan, diags);
        v = judge("logis_plan_first_fit", status, plan, diags);
    }
    logis_plan_free(plan);
    logis_diagnostics_free(diags);
    return v;
}

static verdict plan_text(const logis_plan *plan, char **text, const char *call)
{
    *text = logis_plan_to_json(plan);
    verdict v = judge_text(call, *text);
    char *summary = v == V_OK ? logis_plan_summary(plan) : NULL;
    if (v == V_OK)
        v = judge_text("logis_plan_summary", summary);
    free(summary);
    if (v != V_OK) {
        free(*text);
        *text = NULL;
    }
    return v;
}

static verdict step_plan_text(run_state *r)
{
    return plan_text(r->plan, &r->plan_text, "logis_plan_to_json");
}

static verdict write_text(const char *folder, const char *name, const char *text)
{
    char path[PATH_MAX];
    join(path, sizeof path, folder, name);
    logis_diagnostics *diags;
    verdict v = with_diags("logis_diagnostics_new", &diags);
    if (v == V_OK) {
        logis_status status = logis_write_file(path, text, diags);
        v = judge("logis_write_file", status, status == LOGIS_OK ? path : NULL, diags);
    }
    logis_diagnostics_free(diags);
    return v;
}

static verdict step_plan_write(run_state *r)
{
    return write_text(r->area[r->begun - 1], "plan.json", r->plan_text);
}

static verdict step_replan(run_state *r)
{
    if (!r->previous[0])
        join(r->previous, sizeof r->previous, r->area[STEP_PLAN_WRITE], "plan.json");
    logis_diagnostics *diags;
    logis_options options;
    solve_options(&options);
    verdict v = with_diags("logis_diagnostics_new", &diags);
    if (v == V_OK) {
        logis_status status =
            logis_replan(r->scenario, r->previous, settings.now, &options, &r->replan, diags);
        v = judge("logis_replan", status, r->replan, diags);
    }
    logis_diagnostics_free(diags);
    return v;
}

static verdict step_replan_text(run_state *r)
{
    return plan_text(r->replan, &r->replan_text, "logis_plan_to_json (re-plan)");
}

static verdict step_replan_write(run_state *r)
{
    return write_text(r->area[r->begun - 1], "replan.json", r->replan_text);
}

/* The re-plan read back, as `logis report SCENARIO PLAN` reads it. */
static verdict step_replan_load(run_state *r)
{
    char path[PATH_MAX];
    join(path, sizeof path, r->area[STEP_REPLAN_WRITE], "replan.json");
    logis_diagnostics *diags;
    verdict v = with_diags("logis_diagnostics_new", &diags);
    if (v == V_OK) {
        logis_status status = logis_plan_load(path, r->scenario, &r->loaded, diags);
        v = judge("logis_plan_load", status, r->loaded, diags);
    }
    logis_diagnostics_free(diags);
    return v;
}

static verdict step_report(run_state *r)
{
    char folder[PATH_MAX];
    join(folder, sizeof folder, r->area[r->begun - 1], "report");
    logis_diagnostics *diags;
    verdict v = with_diags("logis_diagnostics_new", &diags);
    if (v == V_OK) {
        logis_status status = logis_report_write(r->scenario, r->loaded, folder, diags);
        v = judge("logis_report_write", status, status == LOGIS_OK ? folder : NULL, diags);
    }
    logis_diagnostics_free(diags);
    return v;
}

/* The steps; a writing step's outputs are what its folder holds when it succeeds, sorted,
 * folders ending in '/'. */
static const struct {
    const char *name;
    verdict (*call)(run_state *r);
    const char *outputs[MAX_NAMES];
} steps[] = {
    {"load", step_load, {NULL}},
    {"solve", step_solve, {NULL}},
    {"first-fit", step_first_fit, {NULL}},
    {"plan-json", step_plan_text, {NULL}},
    {"plan-write", step_plan_write, {"plan.json"}},
    {"replan", step_replan, {NULL}},
    {"replan-json", step_replan_text, {NULL}},
    {"replan-write", step_replan_write, {"replan.json"}},
    {"replan-load", step_replan_load, {NULL}},
    {"report", step_report,
     {"report/", "report/assignments.csv", "report/gantt.svg", "report/occupancy.csv",
      "report/report.html", "report/unassigned.csv"}},
};
enum { STEP_COUNT = sizeof steps / sizeof steps[0] };
_Static_assert((int)STEP_COUNT <= (int)STEP_LIMIT, "a run holds every step's folder");

static bool writes_files(int step)
{
    return steps[step].outputs[0] != NULL;
}

static void run_free(run_state *r)
{
    logis_plan_free(r->loaded);
    logis_plan_free(r->replan);
    logis_plan_free(r->plan);
    logis_scenario_free(r->scenario);
    free(r->plan_text);
    free(r->replan_text);
    r->scenario = NULL;
    r->plan = r->replan = r->loaded = NULL;
    r->plan_text = r->replan_text = NULL;
}

/* A writing step's folder is made before the step, by the harness (uncounted). */
static void begin_step(run_state *r, int step)
{
    bool armed = counter.armed;
    counter.armed = false;
    if (writes_files(step)) {
        join(r->area[step], PATH_MAX, output_root, steps[step].name);
        mkdir(r->area[step], 0777);
    }
    r->live_at_start = tracker.live;
    r->descriptors_at_start = open_descriptors();
    counter.step = step;
    counter.step_start = counter.count;
    counter.armed = armed;
    r->begun = step + 1;
}

/* The N of a few allocations the failed step left. */
static void name_leaks(long since)
{
    char list[200] = "";
    size_t used = 0;
    int shown = 0;
    for (size_t i = 0; i < tracker.capacity && shown < 5; i++) {
        if (!tracker.slots[i].pointer || tracker.slots[i].serial <= since)
            continue;
        int length = snprintf(list + used, sizeof list - used, " %ld",
                              tracker.slots[i].serial);
        used += length > 0 ? (size_t)length : 0;
        shown++;
    }
    say("  made by allocations%s...; `alloc_fail --only %ld --mode %s` gives LeakSanitizer's"
        " stacks",
        list, counter.fail_at, mode_names[counter.mode]);
}

/* A failed step leaves what it found: as many allocations, as many open files. */
static verdict check_failed_step(const run_state *r)
{
    bool armed = counter.armed;
    counter.armed = false;
    verdict v = V_FAILED;
    if (tracker.live != r->live_at_start) {
        complain("%s failed and leaked %zd allocations", steps[r->begun - 1].name,
                 (ssize_t)(tracker.live - r->live_at_start));
        name_leaks(counter.step_start);
        v = V_BAD;
    }
    int descriptors = open_descriptors();
    if (descriptors != r->descriptors_at_start) {
        complain("%s failed and left %d files open (%d before)", steps[r->begun - 1].name,
                 descriptors, r->descriptors_at_start);
        v = V_BAD;
    }
    counter.armed = armed;
    return v;
}

static long step_allocations[STEP_LIMIT];
static double step_seconds[STEP_LIMIT]; /* the sweeping run's, its children's included */

static verdict run_pipeline(run_state *r)
{
    for (int step = 0; step < STEP_COUNT; step++) {
        begin_step(r, step);
        double started = clock_seconds();
        r->last = steps[step].call(r);
        if (counter.forking) {
            step_allocations[step] = counter.count - counter.step_start;
            step_seconds[step] = clock_seconds() - started;
        }
        if (r->last == V_FAILED)
            r->last = check_failed_step(r);
        if (r->last != V_OK)
            return r->last;
    }
    return V_OK;
}

/* ---- Checks at a run's end ----------------------------------------------------------------- */

/* Takes out the figures that are times: a plan's "seconds" and the report's "solved in". */
static void mask_times(char *text)
{
    static const char *const markers[] = {"\"seconds\":", "solved in "};
    for (size_t m = 0; m < sizeof markers / sizeof markers[0]; m++)
        for (char *at = strstr(text, markers[m]); at; at = strstr(at + 1, markers[m])) {
            char *figure = at + strlen(markers[m]);
            size_t length = strspn(figure, " \t0123456789.e-");
            memmove(figure, figure + length, strlen(figure + length) + 1);
        }
}

static char *reference_plan, *reference_replan; /* the clean run's JSON, times masked */

/* A plan made despite a failure: the clean run's, apart from the times. */
static bool same_as_reference(const char *text, const char *reference, const char *what)
{
    char *copy = strdup(text);
    bool same = copy != NULL;
    if (copy) {
        mask_times(copy);
        same = strcmp(copy, reference) == 0;
    }
    free(copy);
    if (!same)
        complain("the run was not stopped, but its %s differs from a clean run's", what);
    return same;
}

/* A writing step's folder: its outputs whole when it succeeded, nothing when it failed, not
 * even the report's folder. */
static bool area_clean(const run_state *r, int step)
{
    bool done = step < r->begun - 1 || (step == r->begun - 1 && r->last == V_OK);
    name_list names;
    int count = list_tree(r->area[step], names);
    int expected = 0;
    while (steps[step].outputs[expected])
        expected++;
    bool ok = !done || count == expected;
    for (int i = 0; i < count; i++) {
        bool wrong = !done || i >= expected || strcmp(names[i], steps[step].outputs[i]) != 0;
        if (wrong)
            complain("%s %s %s", steps[step].name, done ? "wrote" : "failed and left",
                     names[i]);
        ok &= !wrong;
    }
    if (!ok && done)
        complain("%s succeeded with %d files and folders, not %d", steps[step].name, count,
                 expected);
    return ok;
}

enum {
    RUN_CLEAN = 0,     /* failed as documented */
    RUN_TOLERATED = 3, /* the failure did not stop the run, which gave a clean run's plans */
    RUN_UNCLEAN = 20,  /* wrong status, a result handed out, no message, a leak */
    RUN_PARTIAL = 21,  /* a file left by the failed step, or a step's files not whole */
    RUN_LEAK = 22,     /* LeakSanitizer, or a GLPK environment left */
    RUN_WRONG = 23,    /* not stopped, but its plans differ from a clean run's */
    RUN_HARNESS = 24   /* the harness could not do its part */
};

static int files_verdict(const run_state *r)
{
    bool ok = true;
    for (int step = 0; step < r->begun; step++)
        if (writes_files(step))
            ok &= area_clean(r, step);
    return ok ? RUN_CLEAN : RUN_PARTIAL;
}

/* A run that went to its end although an allocation failed: the clean run's plans, and every
 * allocation given back once they are freed. */
static int tolerated_verdict(run_state *r)
{
    bool same = same_as_reference(r->plan_text, reference_plan, "plan") &&
                same_as_reference(r->replan_text, reference_replan, "re-plan");
    run_free(r);
    if (tracker.live != 0) {
        complain("the run was not stopped, and leaked %zu allocations", tracker.live);
        name_leaks(0);
        return RUN_UNCLEAN;
    }
    return same ? RUN_TOLERATED : RUN_WRONG;
}

static int run_verdict(run_state *r, verdict v)
{
    if (v == V_BAD)
        return RUN_UNCLEAN;
    int code = files_verdict(r);
    if (code == RUN_CLEAN && glp_free_env() == 0) {
        complain("%s left a GLPK environment", steps[r->begun - 1].name);
        code = RUN_LEAK;
    }
    if (code == RUN_CLEAN && v == V_OK && counter.injected > 0)
        code = tolerated_verdict(r);
    return code;
}

/* The allocation sites the sweeping run has reached, with their visits. */
enum { SITE_DEPTH = 8, MAX_SITES = 1 << 14 };

static struct {
    struct {
        uint64_t site;
        int visits;
    } slots[MAX_SITES];
    int count;
} sites;

/* ---- Children ------------------------------------------------------------------------------ */

typedef struct {
    pid_t pid;
    long n;
    fail_mode mode;
    int step;
} child_info;

static child_info children[MAX_JOBS];
static int child_count;
static long children_forked;

typedef struct {
    long runs, clean, tolerated, bad;
} step_tally;

static step_tally tallies[STEP_LIMIT];
static long total_bad;

/* The files the child may have made in the parent's folder of the step under way at the fork,
 * which the parent waits to write: removed, so that the parent finds its folder as it was. */
static int forked_step;
static name_list forked_names;
static int forked_count;

static void remove_what_the_child_made(const run_state *r)
{
    int step = forked_step;
    if (!writes_files(step))
        return;
    name_list names;
    int count = list_tree(r->area[step], names);
    for (int i = count - 1; i >= 0; i--) { /* files before their folders */
        if (in_list(forked_names, forked_count, names[i]))
            continue;
        char inner[PATH_MAX];
        join(inner, sizeof inner, r->area[step], names[i]);
        remove_tree(inner);
    }
}

/* A child's end: the checks, LeakSanitizer now and then, its files gone. */
static void child_exit(run_state *r, verdict v)
{
    counter.armed = false;
    int code = run_verdict(r, v);
    if (code == RUN_CLEAN && children_forked % settings.lsan_every == 0 && LEAKS_FOUND()) {
        complain("leak after the failure (LeakSanitizer's report above)");
        code = RUN_LEAK;
    }
    remove_what_the_child_made(r);
    remove_tree(output_root);
    fflush(stderr);
    _exit(code);
}

/* The child's open files get file descriptions of their own: reading on, or fclose seeking
 * back over what stdio buffered, would otherwise move the parent's offset in the same file. */
static bool own_file_offsets(void)
{
    for (int fd = 3; fd < 1024; fd++) {
        struct stat info;
        if (fstat(fd, &info) != 0 || !S_ISREG(info.st_mode))
            continue;
        int flags = fcntl(fd, F_GETFL);
        off_t offset = lseek(fd, 0, SEEK_CUR);
        char link[64];
        snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
        int copy = open(link, (flags & (O_ACCMODE | O_APPEND)) | O_CLOEXEC);
        bool ok = flags >= 0 && copy >= 0 && lseek(copy, offset, SEEK_SET) == offset &&
                  dup2(copy, fd) == fd;
        if (copy >= 0)
            close(copy);
        if (!ok)
            return false;
    }
    return true;
}

static void become_child(const run_state *r, long n, fail_mode mode)
{
    counter.child = true;
    counter.forking = false;
    counter.fail_at = n;
    counter.mode = mode;
    child_count = 0;
    alarm(300); /* a run that never ends is a failure too: SIGALRM ends it */
    forked_step = counter.step;
    forked_count = writes_files(forked_step) ? list_tree(r->area[forked_step], forked_names) : 0;
    join(output_root, sizeof output_root, base_folder, "child-XXXXXX");
    if (!mkdtemp(output_root) || !own_file_offsets()) {
        complain("cannot set up the run: %s", strerror(errno));
        _exit(RUN_HARNESS);
    }
}

static void stop_early(void)
{
    say("alloc_fail: %ld bad runs: stopping (--max-failures)", total_bad);
    while (child_count > 0 && waitpid(children[--child_count].pid, NULL, 0) >= 0)
        ;
    remove_tree(base_folder);
    _exit(1);
}

static void tally(const child_info *c, int status)
{
    step_tally *t = &tallies[c->step];
    t->runs++;
    int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    if (code == RUN_TOLERATED && settings.verbose)
        say("alloc_fail: N=%ld %s (%s): not stopped, the plans of a clean run", c->n,
            mode_names[c->mode], steps[c->step].name);
    if (code == RUN_CLEAN || code == RUN_TOLERATED) {
        t->clean += code == RUN_CLEAN;
        t->tolerated += code == RUN_TOLERATED;
        return;
    }
    t->bad++;
    total_bad++;
    if (WIFSIGNALED(status))
        say("alloc_fail: N=%ld %s (%s): killed by signal %d (%s)", c->n, mode_names[c->mode],
            steps[c->step].name, WTERMSIG(status), strsignal(WTERMSIG(status)));
    else if (code < RUN_UNCLEAN)
        say("alloc_fail: N=%ld %s (%s): exit %d, a crash or a sanitizer report (above)", c->n,
            mode_names[c->mode], steps[c->step].name, code);
    if (total_bad >= settings.max_failures)
        stop_early();
}

static void reap_one(void)
{
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, 0)) < 0 && errno == EINTR)
        ;
    for (int i = 0; i < child_count; i++) {
        if (children[i].pid != pid)
            continue;
        child_info done = children[i];
        children[i] = children[--child_count];
        tally(&done, status);
        return;
    }
}

static run_state *sweeping_run;

/* Forks the run that fails allocation n; true in that child. */
static bool spawn(long n, fail_mode mode)
{
    while (child_count >= settings.jobs)
        reap_one();
    fflush(stdout);
    fflush(stderr);
    children_forked++;
    pid_t pid = fork();
    if (pid == 0) {
        become_child(sweeping_run, n, mode);
        return true;
    }
    if (pid < 0) {
        say("alloc_fail: fork: %s", strerror(errno));
        _exit(2);
    }
    children[child_count++] = (child_info){pid, n, mode, counter.step};
    if (writes_files(counter.step)) /* the child may write in the parent's folder: wait */
        while (child_count > 0)
            reap_one();
    return false;
}

/* Where an allocation is made from: a hash of the return addresses of the wrapper and the
 * functions above it (backtrace, since cJSON and glibc may have no frame pointers). */
static uint64_t allocation_site(void)
{
    void *frames[SITE_DEPTH];
    int count = backtrace(frames, SITE_DEPTH);
    uint64_t hash = 1469598103934665603ull; /* FNV-1a */
    for (int i = 0; i < count; i++)
        hash = (hash ^ (uint64_t)(uintptr_t)frames[i]) * 1099511628211ull;
    return hash | 1; /* never 0, which marks an empty slot */
}

/* How many times the sweeping run has reached this site, this time included. */
static int site_visits(uint64_t site)
{
    size_t mask = MAX_SITES - 1, i = (size_t)(site >> 40) & mask;
    while (sites.slots[i].site && sites.slots[i].site != site)
        i = (i + 1) & mask;
    if (!sites.slots[i].site) {
        if (2 * ++sites.count > MAX_SITES) {
            say("alloc_fail: more than %d allocation sites", MAX_SITES / 2);
            _exit(2);
        }
        sites.slots[i].site = site;
    }
    return ++sites.slots[i].visits;
}

/* Every allocation of a step up to --dense, then every --stride-th, and each site the first
 * --per-site times it is reached: an error path a stride would miss is still run. */
static bool in_sweep(long k)
{
    if (settings.only_step >= 0 && settings.only_step != counter.step)
        return false;
    bool site_new = site_visits(allocation_site()) <= settings.per_site;
    return site_new || k <= settings.dense || (k - settings.dense) % settings.stride == 0;
}

static bool should_fail(void)
{
    if (!counter.armed)
        return false;
    counter.count++;
    if (counter.forking) {
        counter.armed = false;
        bool child = !in_sweep(counter.count - counter.step_start);
        for (int mode = 0; mode < MODE_COUNT && !child; mode++)
            child = settings.modes[mode] && spawn(counter.count, (fail_mode)mode);
        counter.armed = true;
    }
    bool fail = counter.fail_at > 0 &&
                (counter.count == counter.fail_at ||
                 (counter.mode == PERSISTENT && counter.count > counter.fail_at));
    if (fail && settings.only > 0 && counter.count == settings.only) {
        say("alloc_fail: allocation %ld fails here:", counter.count);
        PRINT_STACK();
    }
    counter.injected += fail;
    return fail;
}

/* ---- The runs ------------------------------------------------------------------------------ */

/* The clean run: the previous plan for the re-plan, and the plans every other run must match
 * when a failure does not stop it. */
static bool reference_run(run_state *r)
{
    join(output_root, sizeof output_root, base_folder, "reference");
    mkdir(output_root, 0777);
    if (run_pipeline(r) != V_OK) {
        say("alloc_fail: the clean run failed at %s", steps[r->begun - 1].name);
        return false;
    }
    reference_plan = strdup(r->plan_text);
    reference_replan = strdup(r->replan_text);
    if (!reference_plan || !reference_replan)
        return false;
    mask_times(reference_plan);
    mask_times(reference_replan);
    return true;
}

/* The sweeping run, every child forked from it; true when it and every child were right. */
static bool sweep(run_state *r)
{
    join(output_root, sizeof output_root, base_folder, "run");
    mkdir(output_root, 0777);
    sweeping_run = r;
    counter.forking = true;
    counter.armed = true;
    verdict v = run_pipeline(r);
    if (counter.child)
        child_exit(r, v);
    counter.armed = false;
    counter.forking = false;
    while (child_count > 0)
        reap_one();
    if (v != V_OK) {
        say("alloc_fail: the sweeping run itself failed at %s", steps[r->begun - 1].name);
        return false;
    }
    return true;
}

/* One N in this process, as SQLite's loop does it: for a debugger, and LeakSanitizer's stacks
 * at exit. */
static bool run_only(run_state *r)
{
    join(output_root, sizeof output_root, base_folder, "only");
    mkdir(output_root, 0777);
    counter.fail_at = settings.only;
    counter.armed = true;
    verdict v = run_pipeline(r);
    counter.armed = false;
    int code = run_verdict(r, v);
    say("alloc_fail: N=%ld %s: stopped at %s, %s (%ld failures handed out)", settings.only,
        mode_names[counter.mode], steps[r->begun - 1].name,
        v == V_OK ? "completed" : v == V_FAILED ? "failed cleanly" : "failed wrongly",
        counter.injected);
    return code == RUN_CLEAN || code == RUN_TOLERATED;
}

static void print_tallies(double seconds)
{
    long runs = 0, allocations = 0;
    say("%-13s %11s %8s %8s %10s %5s %8s", "step", "allocations", "runs", "clean", "tolerated",
        "bad", "seconds");
    for (int s = 0; s < STEP_COUNT; s++) {
        const step_tally *t = &tallies[s];
        say("%-13s %11ld %8ld %8ld %10ld %5ld %8.1f", steps[s].name, step_allocations[s],
            t->runs, t->clean, t->tolerated, t->bad, step_seconds[s]);
        runs += t->runs;
        allocations += step_allocations[s];
    }
    say("%-13s %11ld %8ld", "total", allocations, runs);
    say("alloc_fail: N swept: every one up to %ld in each step, then every %ld-th, and the "
        "first %ld at each of %d allocation sites; %s%s%s; LeakSanitizer in every %ld-th run",
        settings.dense, settings.stride, settings.per_site, sites.count,
        settings.modes[TRANSIENT] ? "transient" : "",
        settings.modes[TRANSIENT] && settings.modes[PERSISTENT] ? " and " : "",
        settings.modes[PERSISTENT] ? "persistent" : "", settings.lsan_every);
    say("alloc_fail: %ld runs in %.1f s, %ld bad", runs, seconds, total_bad);
}

/* ---- The command line ---------------------------------------------------------------------- */

static void usage(void)
{
    say("usage: alloc_fail [SCENARIO] [--now DATE] [--dense K] [--stride S] [--per-site P]\n"
        "                  [--jobs 1|2] [--mode transient|persistent|both] [--step NAME]\n"
        "                  [--only N] [--lsan-every K] [--max-failures M] [--verbose]");
    exit(2);
}

static int step_named(const char *name)
{
    for (int s = 0; s < STEP_COUNT; s++)
        if (strcmp(steps[s].name, name) == 0)
            return s;
    usage();
    return -1;
}

static void parse_mode(const char *text)
{
    bool both = strcmp(text, "both") == 0;
    settings.modes[TRANSIENT] = both || strcmp(text, "transient") == 0;
    settings.modes[PERSISTENT] = both || strcmp(text, "persistent") == 0;
    if (!settings.modes[TRANSIENT] && !settings.modes[PERSISTENT])
        usage();
    counter.mode = settings.modes[TRANSIENT] ? TRANSIENT : PERSISTENT;
}

static long positive(const char *text)
{
    char *end = NULL;
    long value = strtol(text, &end, 10);
    if (!*text || *end || value < 0)
        usage();
    return value;
}

static void parse_option(const char *option, const char *value)
{
    if (strcmp(option, "--now") == 0)
        settings.now = value;
    else if (strcmp(option, "--dense") == 0)
        settings.dense = positive(value);
    else if (strcmp(option, "--stride") == 0)
        settings.stride = positive(value) ? positive(value) : 1;
    else if (strcmp(option, "--per-site") == 0)
        settings.per_site = positive(value);
    else if (strcmp(option, "--lsan-every") == 0)
        settings.lsan_every = positive(value) ? positive(value) : 1;
    else if (strcmp(option, "--jobs") == 0)
        settings.jobs = positive(value) == 2 ? 2 : 1;
    else if (strcmp(option, "--mode") == 0)
        parse_mode(value);
    else if (strcmp(option, "--step") == 0)
        settings.only_step = step_named(value);
    else if (strcmp(option, "--only") == 0)
        settings.only = positive(value);
    else if (strcmp(option, "--max-failures") == 0)
        settings.max_failures = (int)positive(value);
    else
        usage();
}

static void parse_arguments(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--verbose") == 0)
            settings.verbose = true;
        else if (argv[i][0] != '-')
            settings.scenario = argv[i];
        else if (i + 1 < argc) {
            parse_option(argv[i], argv[i + 1]);
            i++;
        } else {
            usage();
        }
    }
}

int main(int argc, char **argv)
{
    parse_arguments(argc, argv);
    double started = clock_seconds();
    const char *tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    join(base_folder, sizeof base_folder, tmp, "logis-alloc-XXXXXX");
    if (!mkdtemp(base_folder)) {
        say("alloc_fail: mkdtemp: %s", strerror(errno));
        return 2;
    }
    route_cjson();
    allocation_site(); /* backtrace's first call loads libgcc_s: not while armed */
    run_state reference = {0}, r = {0};
    bool ok = reference_run(&reference);
    memcpy(r.previous, reference.previous, sizeof r.previous);
    if (ok)
        ok = settings.only > 0 ? run_only(&r) : sweep(&r);
    run_free(&r);
    run_free(&reference);
    free(reference_plan);
    free(reference_replan);
    __real_free(tracker.slots);
    remove_tree(base_folder);
    if (settings.only == 0)
        print_tallies(clock_seconds() - started);
    return ok && total_bad == 0 ? 0 : 1;
}
