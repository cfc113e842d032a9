/* logis_report_write: verifies the plan, computes a report's figures once and writes its files
 * into the folder, all of them or none (a fileset). */
#include "base/diag.h"
#include "base/fileset.h"
#include "report/report.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* mkdir -p: makes the folder and the parents it lacks. False (reported) when it cannot. */
static bool make_folder(const char *folder, logis_diagnostics *diags)
{
    if (!folder[0]) {
        diag_add(diags, LOGIS_ERROR, NULL, 0, 0, NULL, "the report folder has an empty name");
        return false;
    }
    char *path = strdup(folder);
    bool ok = path != NULL;
    for (char *slash = path ? strchr(path + 1, '/') : NULL; ok; slash = strchr(slash + 1, '/')) {
        if (slash)
            *slash = '\0';
        ok = mkdir(path, 0777) == 0 || errno == EEXIST;
        if (!slash)
            break;
        *slash = '/';
    }
    struct stat info;
    if (!path)
        diag_add(diags, LOGIS_ERROR, folder, 0, 0, NULL, "out of memory");
    else if (!ok)
        diag_add(diags, LOGIS_ERROR, folder, 0, 0, NULL, "cannot create the folder: %s",
                 strerror(errno));
    else if (stat(folder, &info) != 0 || !S_ISDIR(info.st_mode)) {
        diag_add(diags, LOGIS_ERROR, folder, 0, 0, NULL, "not a folder");
        ok = false;
    }
    free(path);
    return ok;
}

typedef char *(*file_maker)(const report_data *data);

/* Makes one file's text and adds it to the set, as folder/name. */
static void add_one(fileset *set, const report_data *data, const char *folder, const char *name,
                    file_maker make, logis_diagnostics *diags)
{
    size_t length = strlen(folder) + strlen(name) + 2;
    char *path = malloc(length);
    char *text = path ? make(data) : NULL;
    if (text) {
        bool separator = folder[0] && folder[strlen(folder) - 1] != '/';
        snprintf(path, length, "%s%s%s", folder, separator ? "/" : "", name);
        fileset_add(set, path, text);
    } else {
        diag_add(diags, LOGIS_ERROR, folder, 0, 0, NULL, "out of memory writing %s", name);
        fileset_fail(set, LOGIS_E_NOMEM);
    }
    free(text);
    free(path);
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

/* Writes every file of the report, all or none. */
static logis_status write_files(const report_data *data, const char *folder,
                                logis_diagnostics *diags)
{
    static const struct {
        const char *name;
        file_maker make;
    } files[] = {
        {"assignments.csv", report_assignments_csv}, {"unassigned.csv", report_unassigned_csv},
        {"occupancy.csv", report_occupancy_csv},     {"gantt.svg", report_gantt_file},
        {"report.html", report_html},
    };
    /* All or nothing: a report whose page is new and whose spreadsheets are old would lie. */
    fileset set;
    fileset_begin(&set, diags);
    for (size_t i = 0; i < sizeof files / sizeof files[0] && set.status == LOGIS_OK; i++)
        add_one(&set, data, folder, files[i].name, files[i].make, diags);
    return fileset_finish(&set);
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
    } else if (!make_folder(folder, diags))
        *status = LOGIS_E_IO;
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
            status = write_files(&data, folder, diags);
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
