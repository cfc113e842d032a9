/* The CUnit test runner's shared parts: one suite per file, registered from test_main.c, and
 * helpers that write scenario files into a private temporary folder. */
#ifndef LOGIS_TESTS_H
#define LOGIS_TESTS_H

#include <CUnit/CUnit.h>

#include "logis.h"

void suite_dates(void);
void suite_load(void);
void suite_verify(void);
void suite_solve(void);
void suite_project(void);
void suite_replan(void);
void suite_limits(void);
void suite_api(void);
void suite_library(void);
void suite_online(void);
void suite_forecast(void);
void suite_explain(void);
void suite_report(void);
void suite_csv(void);
void suite_text(void);
void suite_files(void);
void suite_matching(void);
void suite_fields(void);
void suite_grid_bound(void);

/* Writes text to NAME inside the run's temporary folder and returns the full path (valid until
 * the next call with the same name; static storage per name slot). */
const char *write_fixture(const char *name, const char *text);
/* Writes length bytes (NUL bytes included) to NAME as write_fixture does. */
const char *write_fixture_bytes(const char *name, const char *bytes, size_t length);
/* The run's temporary folder. */
const char *fixture_folder(void);

/* Loads a scenario written with write_fixture; NULL on failure, with the diagnostics in *diags
 * when diags is given (caller frees). */
logis_scenario *load_fixture(const char *name, const char *text, logis_diagnostics **diags);

/* The whole file at path as a NUL-terminated text (caller frees); NULL when it cannot be read. */
char *read_file_text(const char *path);

/* The member at a path of keys and array indices ("dwellings/0/dates"), or NULL (base/json.h's
 * json, named by its struct here: several suites use "json" as a variable name). */
const struct cJSON *json_at(const struct cJSON *root, const char *path);

/* True when some diagnostic's one-line form contains every given fragment (NULL-terminated). */
int diagnostics_contain(const logis_diagnostics *diags, const char *fragment, ...);

#endif
