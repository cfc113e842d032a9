/* libFuzzer target for the CSV reader of `logis import`: the first byte picks the records
 * (dwellings, households, scores) and the encoding (bit 4: Windows-1252), the rest is the CSV
 * file. Records that import are exported and imported again, which must give the same JSON (the
 * README's round trip). */
#include "logis.h"
#include "tests/fuzz/fuzz_files.h"

#include <stdlib.h>
#include <string.h>

static const logis_record_kind kinds[] = {LOGIS_DWELLINGS, LOGIS_HOUSEHOLDS, LOGIS_SCORES};
enum { KIND_COUNT = sizeof kinds / sizeof kinds[0] };

static char *import_csv(logis_record_kind kind, logis_encoding encoding, const char *name)
{
    char path[512];
    char *json = NULL;
    fuzz_path(name, path, sizeof path);
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_load_options options;
    logis_load_options_init(&options);
    options.encoding = encoding;
    if (logis_csv_to_json_with(kind, path, &options, &json, diags) != LOGIS_OK && json)
        abort(); /* a failed import gives no text */
    fuzz_drop_diagnostics(diags);
    return json;
}

/* Dwellings and households only: the scores' export reads a scenario, not a bare list. */
static void check_round_trip(logis_record_kind kind, const char *json)
{
    char path[512], *csv = NULL;
    fuzz_write("imported.json", (const uint8_t *)json, strlen(json), path, sizeof path);
    logis_diagnostics *diags = logis_diagnostics_new();
    if (logis_json_to_csv(kind, path, &csv, diags) != LOGIS_OK)
        abort(); /* logis cannot export what it imported */
    fuzz_drop_diagnostics(diags);
    fuzz_write("exported.csv", (const uint8_t *)csv, strlen(csv), NULL, 0);
    free(csv);
    char *again = import_csv(kind, LOGIS_UTF8, "exported.csv"); /* export writes UTF-8 */
    if (!again || strcmp(again, json) != 0)
        abort(); /* the round trip changed the records */
    free(again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    logis_record_kind kind = kinds[(data[0] & 0x0F) % KIND_COUNT];
    logis_encoding encoding = data[0] & 0x10 ? LOGIS_WINDOWS_1252 : LOGIS_UTF8;
    fuzz_write("records.csv", data + 1, size - 1, NULL, 0);
    char *json = import_csv(kind, encoding, "records.csv");
    if (json && kind != LOGIS_SCORES)
        check_round_trip(kind, json);
    free(json);
    return 0;
}
