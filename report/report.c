/* logis_report_write: computes a report's figures once and writes its files into the folder,
 * all of them or none (a fileset). */
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

logis_status logis_report_write(const logis_scenario *scenario, const logis_plan *plan,
                                const char *folder, logis_diagnostics *diags)
{
    static const struct {
        const char *name;
        file_maker make;
    } files[] = {
        {"assignments.csv", report_assignments_csv}, {"unassigned.csv", report_unassigned_csv},
        {"occupancy.csv", report_occupancy_csv},     {"gantt.svg", report_gantt_file},
        {"report.html", report_html},
    };
    report_data data;
    if (plan->scenario != scenario) {
        diag_add(diags, LOGIS_ERROR, folder, 0, 0, NULL,
                 "the plan was made for another scenario");
        return LOGIS_E_INPUT;
    }
    if (!make_folder(folder, diags))
        return LOGIS_E_IO;
    if (!report_data_build(plan, &data)) {
        diag_add(diags, LOGIS_ERROR, folder, 0, 0, NULL, "out of memory");
        return LOGIS_E_NOMEM;
    }
    /* All or nothing: a report whose page is new and whose spreadsheets are old would lie. */
    fileset set;
    fileset_begin(&set, diags);
    for (size_t i = 0; i < sizeof files / sizeof files[0] && set.status == LOGIS_OK; i++)
        add_one(&set, &data, folder, files[i].name, files[i].make, diags);
    report_data_free(&data);
    return fileset_finish(&set);
}
