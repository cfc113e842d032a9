/* libFuzzer target for the scenario loader and validator: the input is a scenario file, optionally
 * followed by section files (households.json, dwellings.json, ...) after "\n@@\n" separators. */
#include "logis.h"
#include "domain/scenario.h" /* internal: whether the scenario has fixed stays */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The files an input is split into, in order; a scenario names the others by these names. */
static const char *const file_names[] = {"scenario.json", "households.json", "dwellings.json",
                                         "territories.json", "fixed.json"};
enum { FILE_COUNT = sizeof file_names / sizeof file_names[0] };
static const char separator[] = "\n@@\n";

static char folder[256];

/* A private folder for the run's files, made once; /dev/shm when there is one (faster). */
static void remove_work_folder(void)
{
    char path[512];
    for (int i = 0; i < FILE_COUNT; i++) {
        snprintf(path, sizeof path, "%s/%s", folder, file_names[i]);
        unlink(path);
    }
    rmdir(folder);
}

static const char *work_folder(void)
{
    if (folder[0])
        return folder;
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(folder, sizeof folder, "%s/logis-fuzz-XXXXXX", base);
    if (!mkdtemp(folder))
        abort(); /* the harness, not the library: nothing can be fuzzed without a folder */
    atexit(remove_work_folder);
    return folder;
}

static void path_of(const char *name, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", work_folder(), name);
}

static void write_part(const char *name, const uint8_t *data, size_t size)
{
    char path[512];
    path_of(name, path, sizeof path);
    FILE *file = fopen(path, "wb");
    if (!file)
        abort();
    if (size && fwrite(data, 1, size, file) != size)
        abort();
    fclose(file);
}

static const uint8_t *find_separator(const uint8_t *data, size_t size)
{
    size_t length = sizeof separator - 1;
    for (size_t i = 0; i + length <= size; i++)
        if (memcmp(data + i, separator, length) == 0)
            return data + i;
    return NULL;
}

/* Writes every part of the input to its file; files of missing parts are removed. */
static void write_parts(const uint8_t *data, size_t size)
{
    int index = 0;
    for (; index < FILE_COUNT && data; index++) {
        const uint8_t *end = index + 1 < FILE_COUNT ? find_separator(data, size) : NULL;
        size_t part = end ? (size_t)(end - data) : size;
        write_part(file_names[index], data, part);
        if (!end)
            data = NULL;
        else {
            size -= part + sizeof separator - 1;
            data = end + sizeof separator - 1;
        }
    }
    for (; index < FILE_COUNT; index++) {
        char path[512];
        path_of(file_names[index], path, sizeof path);
        unlink(path);
    }
}

/* What a valid scenario goes on to: describe it, plan it first-come and verify that plan, so the
 * validator's promises (ids resolved, ranges kept) are relied on the way the solver relies on
 * them. */
static void use_scenario(const logis_scenario *scenario)
{
    char *description = logis_scenario_describe(scenario);
    free(description);
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_plan *plan = NULL;
    if (logis_plan_first_fit(scenario, &plan, diags) == LOGIS_OK) {
        char *json = logis_plan_to_json(plan);
        free(json);
        long violations = logis_plan_verify(scenario, plan, diags);
        /* a first-fit plan that breaks the rules is a bug worth a crash report; fixed stays
         * may break them themselves (an infeasible scenario), so only plans without any count */
        if (violations > 0 && scenario->fixed_count == 0)
            abort();
    }
    logis_plan_free(plan);
    logis_diagnostics_free(diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    write_parts(data, size);
    char path[512];
    path_of(file_names[0], path, sizeof path);
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_scenario *scenario = NULL;
    logis_status status = logis_scenario_load(path, &scenario, diags);
    for (size_t i = 0; i < logis_diagnostics_count(diags); i++)
        free(logis_diagnostics_line(diags, i));
    if (status == LOGIS_OK)
        use_scenario(scenario);
    else if (scenario)
        abort(); /* a failed load must leave nothing */
    logis_scenario_free(scenario);
    logis_diagnostics_free(diags);
    return 0;
}
