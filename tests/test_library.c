/* The library's surface: its version from the header's macros, status names, logis_free, and
 * two solves on two threads giving the plans one thread gives. */
#include "tests.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void the_version_is_the_headers(void)
{
    char expected[32];
    snprintf(expected, sizeof expected, "%d.%d.%d", LOGIS_VERSION_MAJOR, LOGIS_VERSION_MINOR,
             LOGIS_VERSION_PATCH);
    CU_ASSERT_STRING_EQUAL(logis_version(), expected);
    CU_ASSERT_STRING_EQUAL(LOGIS_VERSION_STRING, expected);
}

static void every_status_has_a_name(void)
{
    CU_ASSERT_STRING_EQUAL(logis_status_string(LOGIS_OK), "ok");
    CU_ASSERT_STRING_EQUAL(logis_status_string(LOGIS_E_INPUT), "input");
    CU_ASSERT_STRING_EQUAL(logis_status_string(LOGIS_E_NOMEM), "memory");
    CU_ASSERT_STRING_EQUAL(logis_status_string(LOGIS_E_SOLVER), "solver");
    CU_ASSERT_STRING_EQUAL(logis_status_string(LOGIS_E_IO), "io");
    CU_ASSERT_STRING_EQUAL(logis_status_string((logis_status)99), "unknown");
}

static void logis_free_releases_returned_strings(void)
{
    logis_free(NULL);
    logis_scenario *scenario = NULL;
    CU_ASSERT_EQUAL_FATAL(logis_scenario_load("data/examples/first-come.json", &scenario, NULL),
                          LOGIS_OK);
    char *text = logis_scenario_describe(scenario);
    CU_ASSERT_PTR_NOT_NULL(text);
    logis_free(text);
    logis_scenario_free(scenario);
}

typedef struct {
    const logis_scenario *scenario;
    char *plan_json; /* seconds aside */
    logis_status status;
} solve_job;

/* The plan's JSON with its "seconds" line removed: timings differ from run to run. */
static char *without_seconds(char *text)
{
    char *line = text ? strstr(text, "\"seconds\"") : NULL;
    if (line) {
        char *end = strchr(line, '\n');
        memmove(line, end ? end + 1 : line + strlen(line), strlen(end ? end + 1 : line) + 1);
    }
    return text;
}

static void *solve_on_thread(void *argument)
{
    solve_job *job = argument;
    logis_options options;
    logis_options_init(&options);
    options.time_limit = 60;
    logis_plan *plan = NULL;
    job->status = logis_solve(job->scenario, &options, &plan, NULL);
    job->plan_json = without_seconds(plan ? logis_plan_to_json(plan) : NULL);
    logis_plan_free(plan);
    return NULL;
}

static void two_solves_on_two_threads_give_the_plans_of_one(void)
{
    logis_scenario *faar = NULL, *example = NULL;
    CU_ASSERT_EQUAL_FATAL(logis_scenario_load("data/faar/scenario.json", &faar, NULL), LOGIS_OK);
    CU_ASSERT_EQUAL_FATAL(
        logis_scenario_load("data/examples/waiting-and-sharing.json", &example, NULL), LOGIS_OK);
    solve_job alone[2] = {{.scenario = faar}, {.scenario = example}};
    solve_job together[2] = {{.scenario = faar}, {.scenario = example}};
    for (int i = 0; i < 2; i++)
        solve_on_thread(&alone[i]);
    pthread_t threads[2];
    for (int i = 0; i < 2; i++)
        CU_ASSERT_EQUAL(pthread_create(&threads[i], NULL, solve_on_thread, &together[i]), 0);
    for (int i = 0; i < 2; i++)
        pthread_join(threads[i], NULL);
    for (int i = 0; i < 2; i++) {
        CU_ASSERT_EQUAL(together[i].status, LOGIS_OK);
        CU_ASSERT_PTR_NOT_NULL(together[i].plan_json);
        CU_ASSERT(alone[i].plan_json && together[i].plan_json &&
                  strcmp(alone[i].plan_json, together[i].plan_json) == 0);
        logis_free(alone[i].plan_json);
        logis_free(together[i].plan_json);
    }
    logis_scenario_free(faar);
    logis_scenario_free(example);
}

void suite_library(void)
{
    CU_pSuite suite = CU_add_suite("library", NULL, NULL);
    CU_add_test(suite, "the version is the header's", the_version_is_the_headers);
    CU_add_test(suite, "every status has a name", every_status_has_a_name);
    CU_add_test(suite, "logis_free releases returned strings",
                logis_free_releases_returned_strings);
    CU_add_test(suite, "two solves on two threads give the plans of one",
                two_solves_on_two_threads_give_the_plans_of_one);
}
