/* libFuzzer target for the scenario loader and validator: the input is a scenario file, optionally
 * followed by the files it may name (households.json, dwellings.json, ..., the forecast's list
 * and the scores' CSV matrix) after "\n@@\n" separators. */
#include "logis.h"
#include "domain/scenario.h" /* internal: whether the scenario has fixed stays */
#include "tests/fuzz/fuzz_files.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The files an input is split into, in order; a scenario names the others by these names. */
static const char *const file_names[] = {"scenario.json",    "households.json", "dwellings.json",
                                         "territories.json", "fixed.json",      "forecast.json",
                                         "scores.csv"};
enum { FILE_COUNT = sizeof file_names / sizeof file_names[0] };
static const char separator[] = "\n@@\n";

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
        fuzz_write(file_names[index], data, part, NULL, 0);
        if (!end)
            data = NULL;
        else {
            size -= part + sizeof separator - 1;
            data = end + sizeof separator - 1;
        }
    }
    for (; index < FILE_COUNT; index++)
        fuzz_remove(file_names[index]);
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
    fuzz_path(file_names[0], path, sizeof path);
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_scenario *scenario = NULL;
    logis_status status = logis_scenario_load(path, &scenario, diags);
    if (status == LOGIS_OK)
        use_scenario(scenario);
    else if (scenario)
        abort(); /* a failed load must leave nothing */
    logis_scenario_free(scenario);
    fuzz_drop_diagnostics(diags);
    return 0;
}
