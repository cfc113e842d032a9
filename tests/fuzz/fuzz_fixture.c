/* The fuzz targets' fixed scenario and plan (fuzz_fixture.h), freed at exit so that
 * LeakSanitizer only reports what the library leaks. */
#include "tests/fuzz/fuzz_fixture.h"

#include <stdio.h>
#include <stdlib.h>

static fuzz_fixture fixture;

static void fixture_free(void)
{
    logis_plan_free(fixture.plan);
    logis_scenario_free(fixture.scenario);
}

const fuzz_fixture *fuzz_fixture_get(void)
{
    if (fixture.scenario)
        return &fixture;
    const char *path = getenv("LOGIS_FUZZ_SCENARIO");
    logis_diagnostics *diags = logis_diagnostics_new();
    if (!path || !diags || logis_scenario_load(path, &fixture.scenario, diags) != LOGIS_OK ||
        logis_plan_first_fit(fixture.scenario, &fixture.plan, diags) != LOGIS_OK ||
        logis_plan_verify(fixture.scenario, fixture.plan, diags) != 0) {
        fprintf(stderr, "fuzz: LOGIS_FUZZ_SCENARIO must name a valid scenario (got %s)\n",
                path ? path : "nothing");
        abort();
    }
    logis_diagnostics_free(diags);
    atexit(fixture_free);
    return &fixture;
}
