/* libFuzzer target for the plan reader: the input is a plan file for the fixture's scenario;
 * a plan that loads is verified, written back, summarised and explained, as `logis verify`,
 * `report` and `explain` would use it. */
#include "logis.h"
#include "domain/scenario.h" /* internal: a household id to explain */
#include "tests/fuzz/fuzz_files.h"
#include "tests/fuzz/fuzz_fixture.h"

#include <stdlib.h>
#include <string.h>

/* A plan read back from what logis wrote of it must load again, and a sound one stay sound (the
 * writer states the summary from the assignments, so a plan whose figures were wrong is then
 * right). */
static void check_round_trip(const logis_scenario *scenario, const logis_plan *plan,
                             long violations)
{
    char *json = logis_plan_to_json(plan);
    if (!json)
        return;
    char path[512];
    fuzz_write("written.json", (const uint8_t *)json, strlen(json), path, sizeof path);
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_plan *again = NULL;
    logis_status status = logis_plan_load(path, scenario, &again, diags);
    if (status == LOGIS_E_INPUT)
        abort(); /* logis wrote a plan its own reader refuses */
    if (status == LOGIS_OK && violations == 0 && logis_plan_verify(scenario, again, diags) != 0)
        abort(); /* the same plan, read back, breaks a rule */
    logis_plan_free(again);
    fuzz_drop_diagnostics(diags);
    free(json);
}

static void use_plan(const logis_scenario *scenario, const logis_plan *plan)
{
    logis_diagnostics *diags = logis_diagnostics_new();
    long violations = logis_plan_verify(scenario, plan, diags);
    char *summary = logis_plan_summary(plan), *answer = NULL;
    free(summary);
    if (violations >= 0)
        check_round_trip(scenario, plan, violations);
    if (scenario->household_count > 0) {
        const char *last = scenario->households[scenario->household_count - 1].id;
        logis_explain(scenario, plan, last, 1, &answer, diags);
        free(answer);
    }
    fuzz_drop_diagnostics(diags);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const fuzz_fixture *fixture = fuzz_fixture_get();
    char path[512];
    fuzz_write("plan.json", data, size, path, sizeof path);
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_plan *plan = NULL;
    logis_status status = logis_plan_load(path, fixture->scenario, &plan, diags);
    if (status == LOGIS_OK)
        use_plan(fixture->scenario, plan);
    else if (plan)
        abort(); /* a failed load must leave nothing */
    logis_plan_free(plan);
    fuzz_drop_diagnostics(diags);
    return 0;
}
