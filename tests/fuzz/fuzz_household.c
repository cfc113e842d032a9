/* libFuzzer target for the one-household reader of `logis suggest --household`: the input is
 * the household file, suggested into the fixture's first-come plan, in text and in JSON. */
#include "logis.h"
#include "tests/fuzz/fuzz_files.h"
#include "tests/fuzz/fuzz_fixture.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const fuzz_fixture *fixture = fuzz_fixture_get();
    char path[512];
    fuzz_write("household.json", data, size, path, sizeof path);
    for (int json = 0; json <= 1; json++) {
        logis_diagnostics *diags = logis_diagnostics_new();
        char *answer = NULL;
        logis_status status =
            logis_suggest(fixture->scenario, fixture->plan, path, json, &answer, diags);
        if ((status == LOGIS_OK) != (answer != NULL))
            abort(); /* an answer exactly when it succeeds */
        free(answer);
        fuzz_drop_diagnostics(diags);
    }
    return 0;
}
