/* logis_report_write: verifies the plan, computes a report's figures once and makes every file's
 * text first, then writes them all into the folder or none (a fileset). */
#include "base/diag.h"
#include "base/fileset.h"
#include "report/report.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The folder a report goes into: a copy of its name, made before anything is created, and how
 * much of it the report made (the parents it lacked), so that a failure can take them away. */
typedef struct {
    char *path;
    size_t made_from; /* the length of the first prefix it made; SIZE_MAX: none */
} report_folder;

/* mkdir -p on the copy, noting the first folder it makes. LOGIS_E_IO (reported) when it
 * cannot. */
static logis_status make_folder(report_folder *f, const char *folder, logis_diagnostics *diags)
{
    bool ok = true;
    f->made_from = SIZE_MAX;
    for (char *slash = strchr(f->path + 1, '/'); ok; slash = strchr(slash + 1, '/')) {
        if (slash)
            *slash = '\0';
        bool made = mkdir(f->path, 0777) == 0;
        ok = made || errno == EEXIST;
        if (made && f->made_from == SIZE_MAX)
            f->made_from = strlen(f->path);
        if (!slash)
            break;
        *slash = '/';
    }
    struct stat info;
    if (!ok)
        diag_add(diags, LOGIS_ERROR, folder, 0, 0, NULL, "cannot create the folder: %s",
                 strerror(errno));
    else if (stat(folder, &info) != 0 || !S_ISDIR(info.st_mode))
        diag_add(diags, LOGIS_ERROR, folder, 0, 0, NULL, "not a folder");
    else
        return LOGIS_OK;
    return LOGIS_E_IO;
}

/* A report that failed leaves no folder it made: each one, deepest first, is removed (it is
 * empty, the file set having removed its temporaries). */
static void unmake_folder(report_folder *f)
{
    if (f->made_from == SIZE_MAX)
        return;
    for (size_t end = strlen(f->path); end >= f->made_from; end--) {
        if (end < strlen(f->path) && f->path[end] != '/')
            continue;
        f->path[end] = '\0';
        if (rmdir(f->path) != 0)
            return;
    }
}

typedef char *(*file_maker)(const report_data *data);

static const struct {
    const char *name;
    file_maker make;
} report_files[] = {
    {"assignments.csv", report_assignments_csv}, {"unassigned.csv", report_unassigned_csv},
    {"occupancy.csv", report_occupancy_csv},     {"gantt.svg", report_gantt_file},
    {"report.html", report_html},
};
enum { REPORT_FILES = sizeof report_files / sizeof report_files[0] };

static char *path_in(const char *folder, const char *name)
{
    size_t length = strlen(folder) + strlen(name) + 2;
    char *path = malloc(length);
    bool separator = folder[0] && folder[strlen(folder) - 1] != '/';
    if (path)
        snprintf(path, length, "%s%s%s", folder, separator ? "/" : "", name);
    return path;
}

/* Every file's text and path, made before anything is written: out of memory, the report makes
 * nothing, not even its folder. False when out of memory. */
static bool make_files(const report_data *data, const char *folder, char **texts, char **paths)
{
    bool ok = true;
    for (size_t i = 0; ok && i < REPORT_FILES; i++) {
        texts[i] = report_files[i].make(data);
        paths[i] = path_in(folder, report_files[i].name);
        ok = texts[i] && paths[i];
    }
    return ok;
}

void logis_report_options_init(logis_report_options *options)
{
    *options = (logis_report_options){0};
}

/* Verifies the plan into found (the report's banner lists them) and copies each violation into
 * diags. The number of violations, or -1 when out of memory. An infeasible plan is not verified:
 * it houses no one on purpose, and its page opens with the fixed stays that break the rules. */
static long verify_for_report(const logis_plan *plan, logis_diagnostics *found,
                              logis_diagnostics *diags)
{
    if (plan->outcome == LOGIS_INFEASIBLE)
        return 0;
    long violations = logis_plan_verify(plan->scenario, plan, found);
    for (size_t i = 0; violations > 0 && i < logis_diagnostics_count(found); i++) {
        const logis_diagnostic *d = logis_diagnostics_get(found, i);
        diag_add(diags, d->severity, d->file, d->line, d->column, d->pointer, "%s", d->message);
    }
    if (found->out_of_memory)
        return -1;
    return violations;
}

static void say_writing(const logis_report_options *options, int begins)
{
    if (options && options->writing)
        options->writing(options->user, begins);
}

/* Writes every file of the report, all or none: every text and path first, the folder only once
 * the set holds them all; a report that fails removes the folders it made. The caller hears
 * (options->writing) when the folder and files begin to be made and when they are done. */

static logis_status write_files(const report_data *data, const char *folder,
                                const logis_report_options *options, logis_diagnostics *diags)
{
    if (!folder[0]) {
        diag_add(diags, LOGIS_ERROR, NULL, 0, 0, NULL, "the report folder has an empty name");
        return LOGIS_E_IO;
    }
    char *texts[REPORT_FILES] = {NULL}, *paths[REPORT_FILES] = {NULL};
    report_folder made = {strdup(folder), SIZE_MAX};
    bool made_texts = made.path && make_files(data, folder, texts, paths);
    if (!made_texts)
        diag_add(diags, LOGIS_ERROR, folder, 0, 0, NULL, "out of memory making the report");
    /* All or nothing: a report whose page is new and whose spreadsheets are old would lie. The
     * set takes its memory before the folder is made: out of memory, nothing is. */
    fileset set;
    fileset_begin(&set, diags);
    if (!made_texts)
        fileset_fail(&set, LOGIS_E_NOMEM);
    for (size_t i = 0; i < REPORT_FILES; i++)
        fileset_add(&set, paths[i], texts[i]);
    say_writing(options, 1);
    if (set.status == LOGIS_OK)
        fileset_fail(&set, make_folder(&made, folder, diags));
    logis_status status = fileset_finish(&set);
    if (status != LOGIS_OK)
        unmake_folder(&made);
    say_writing(options, 0);
    for (size_t i = 0; i < REPORT_FILES; i++) {
        free(texts[i]);
        free(paths[i]);
    }
    free(made.path);
    return status;
}

/* The plan fits the scenario and is verified; false (reported, *status set) when no report may
 * be written of it. */
static bool may_report(const logis_plan *plan, const char *folder, bool force, long found,
                       logis_diagnostics *diags, logis_status *status)
{
    *status = LOGIS_OK;
    if (found < 0) {
        diag_add(diags, LOGIS_ERROR, folder, 0, 0, NULL, "out of memory");
        *status = LOGIS_E_NOMEM;
    } else if (found > 0 && !force) {
        /* A report reads as the truth to people who never run verify: none of a broken plan. */
        diag_add(diags, LOGIS_ERROR, plan->source ? plan->source : "plan", 0, 0, NULL,
                 "the plan breaks the rules (%ld violation%s): no report is written of it "
                 "unless forced", found, found > 1 ? "s" : "");
        *status = LOGIS_E_INPUT;
    }
    return *status == LOGIS_OK;
}

logis_status logis_report_write_with(const logis_scenario *scenario, const logis_plan *plan,
                                     const char *folder, const logis_report_options *options,
                                     long *violations, logis_diagnostics *diags)
{
    if (violations)
        *violations = 0;
    if (plan->scenario != scenario) {
        diag_add(diags, LOGIS_ERROR, folder, 0, 0, NULL,
                 "the plan was made for another scenario");
        return LOGIS_E_INPUT;
    }
    logis_diagnostics *found = logis_diagnostics_new();
    long count = found ? verify_for_report(plan, found, diags) : -1;
    if (violations)
        *violations = count;
    report_data data;
    logis_status status;
    if (may_report(plan, folder, options && options->force, count, diags, &status)) {
        if (report_data_build(plan, &data)) {
            data.violations = count;
            data.violation_list = found;
            status = write_files(&data, folder, options, diags);
            report_data_free(&data);
        } else {
            diag_add(diags, LOGIS_ERROR, folder, 0, 0, NULL, "out of memory");
            status = LOGIS_E_NOMEM;
        }
    }
    logis_diagnostics_free(found);
    return status;
}

logis_status logis_report_write(const logis_scenario *scenario, const logis_plan *plan,
                                const char *folder, logis_diagnostics *diags)
{
    return logis_report_write_with(scenario, plan, folder, NULL, NULL, diags);
}
