/* The read API for integrators, through include/logis.h only: who goes where in a plan
 * (logis_plan_assignment_count, logis_plan_assignment), for solved and loaded plans. */
#include "tests.h"

#include "base/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* One dwelling of six places: B (6) then C (4) beat A (3), who arrives first (README). */
static const char first_come[] =
    "{\"name\": \"first come is not best\","
    " \"horizon\": {\"start\": \"2027-01-04\", \"end\": \"2027-07-05\"},"
    " \"territories\": [{\"id\": \"NORD\"}],"
    " \"dwellings\": [{\"id\": \"N-6A\", \"territory\": \"NORD\", \"places\": 6}],"
    " \"households\": ["
    "  {\"id\": \"A\", \"size\": 3, \"arrival\": \"2027-01-04\"},"
    "  {\"id\": \"B\", \"size\": 6, \"arrival\": \"2027-02-01\"},"
    "  {\"id\": \"C\", \"size\": 4, \"arrival\": \"2027-05-03\"}]}";

/* Two dwellings whose ids sort the other way round from the households' arrivals. */
static const char two_dwellings[] =
    "{\"horizon\": {\"start\": \"2027-01-04\", \"end\": \"2027-12-27\"},"
    " \"territories\": [{\"id\": \"SUD\"}],"
    " \"dwellings\": [{\"id\": \"Z-2\", \"territory\": \"SUD\", \"places\": 2},"
    "  {\"id\": \"A-4\", \"territory\": \"SUD\", \"places\": 4}],"
    " \"households\": ["
    "  {\"id\": \"H1\", \"size\": 2, \"arrival\": \"2027-01-04\"},"
    "  {\"id\": \"H2\", \"size\": 4, \"arrival\": \"2027-03-01\"},"
    "  {\"id\": \"H3\", \"size\": 2, \"arrival\": \"2027-06-07\"}]}";

static logis_plan *solve(logis_scenario *scenario)
{
    logis_options options;
    logis_options_init(&options);
    options.time_limit = 30;
    logis_plan *plan = NULL;
    if (scenario)
        logis_solve(scenario, &options, &plan, NULL);
    return plan;
}

static void the_assignments_of_a_solved_plan_say_who_goes_where(void)
{
    logis_scenario *scenario = load_fixture("api-first-come.json", first_come, NULL);
    logis_plan *plan = solve(scenario);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    CU_ASSERT_EQUAL(logis_plan_assignment_count(plan), 2);
    logis_assignment first, second;
    CU_ASSERT_EQUAL(logis_plan_assignment(plan, 0, &first), LOGIS_OK);
    CU_ASSERT_EQUAL(logis_plan_assignment(plan, 1, &second), LOGIS_OK);
    CU_ASSERT_STRING_EQUAL(first.household, "B");
    CU_ASSERT_STRING_EQUAL(first.dwelling, "N-6A");
    CU_ASSERT_STRING_EQUAL(first.start, "2027-02-01");
    CU_ASSERT_STRING_EQUAL(first.end, "2027-05-01");
    CU_ASSERT_STRING_EQUAL(second.household, "C");
    CU_ASSERT_STRING_EQUAL(second.start, "2027-05-03");
    CU_ASSERT_STRING_EQUAL(second.end, "2027-08-03");
    logis_plan_free(plan);
    logis_scenario_free(scenario);
}

static const char *member_text(const json *object, const char *key)
{
    const char *text = json_string(json_member(object, key));
    return text ? text : "(missing)";
}

/* The API and the plan's JSON text must tell the same stays in the same order. */
static void the_assignments_match_the_plan_json_in_order(void)
{
    logis_scenario *scenario = load_fixture("api-two-dwellings.json", two_dwellings, NULL);
    logis_plan *plan = solve(scenario);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    char *text = logis_plan_to_json(plan);
    size_t stop = 0;
    json *root = text ? json_parse(text, strlen(text), &stop) : NULL;
    const json *stays = json_member(root, "assignments");
    CU_ASSERT_EQUAL(logis_plan_assignment_count(plan), json_count(stays));
    CU_ASSERT(logis_plan_assignment_count(plan) >= 2);
    size_t index = 0;
    for (const json *item = json_first(stays); item; item = json_next(item), index++) {
        logis_assignment a;
        CU_ASSERT_EQUAL(logis_plan_assignment(plan, index, &a), LOGIS_OK);
        CU_ASSERT_STRING_EQUAL(a.household, member_text(item, "household"));
        CU_ASSERT_STRING_EQUAL(a.dwelling, member_text(item, "dwelling"));
        CU_ASSERT_STRING_EQUAL(a.start, member_text(item, "start"));
        CU_ASSERT_STRING_EQUAL(a.end, member_text(item, "end"));
    }
    logis_assignment first;
    logis_plan_assignment(plan, 0, &first);
    CU_ASSERT_STRING_EQUAL(first.dwelling, "A-4");
    json_free(root);
    free(text);
    logis_plan_free(plan);
    logis_scenario_free(scenario);
}

static void an_index_past_the_end_is_refused_and_zeroed(void)
{
    logis_scenario *scenario = load_fixture("api-past-end.json", first_come, NULL);
    logis_plan *plan = solve(scenario);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    logis_assignment a;
    memset(&a, 'x', sizeof a);
    size_t count = logis_plan_assignment_count(plan);
    CU_ASSERT_EQUAL(logis_plan_assignment(plan, count, &a), LOGIS_E_INPUT);
    CU_ASSERT_PTR_NULL(a.household);
    CU_ASSERT_PTR_NULL(a.dwelling);
    CU_ASSERT_STRING_EQUAL(a.start, "");
    CU_ASSERT_STRING_EQUAL(a.end, "");
    CU_ASSERT_EQUAL(logis_plan_assignment(plan, (size_t)-1, &a), LOGIS_E_INPUT);
    logis_plan_free(plan);
    logis_scenario_free(scenario);
}

static void a_null_plan_has_no_assignments(void)
{
    logis_assignment a;
    memset(&a, 'x', sizeof a);
    CU_ASSERT_EQUAL(logis_plan_assignment_count(NULL), 0);
    CU_ASSERT_EQUAL(logis_plan_assignment(NULL, 0, &a), LOGIS_E_INPUT);
    CU_ASSERT_PTR_NULL(a.household);
}

static void a_loaded_plan_keeps_its_file_order(void)
{
    logis_scenario *scenario = load_fixture("api-loaded.json", first_come, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(scenario);
    const char *path = write_fixture(
        "api-loaded-plan.json",
        "{\"assignments\": ["
        " {\"household\": \"C\", \"dwelling\": \"N-6A\", \"start\": \"2027-05-03\","
        "  \"end\": \"2027-08-03\"},"
        " {\"household\": \"A\", \"dwelling\": \"N-6A\", \"start\": \"2027-01-04\","
        "  \"end\": \"2027-04-04\"}],"
        " \"unassigned\": [{\"household\": \"B\", \"code\": \"capacity\"}]}");
    logis_plan *plan = NULL;
    CU_ASSERT_EQUAL(logis_plan_load(path, scenario, &plan, NULL), LOGIS_OK);
    CU_ASSERT_EQUAL(logis_plan_assignment_count(plan), 2);
    logis_assignment first, second;
    CU_ASSERT_EQUAL(logis_plan_assignment(plan, 0, &first), LOGIS_OK);
    CU_ASSERT_EQUAL(logis_plan_assignment(plan, 1, &second), LOGIS_OK);
    CU_ASSERT_STRING_EQUAL(first.household, "C");
    CU_ASSERT_STRING_EQUAL(first.end, "2027-08-03");
    CU_ASSERT_STRING_EQUAL(second.household, "A");
    CU_ASSERT_STRING_EQUAL(second.start, "2027-01-04");
    logis_plan_free(plan);
    logis_scenario_free(scenario);
}

void suite_api(void)
{
    CU_pSuite suite = CU_add_suite("api", NULL, NULL);
    CU_add_test(suite, "the assignments of a solved plan say who goes where",
                the_assignments_of_a_solved_plan_say_who_goes_where);
    CU_add_test(suite, "the assignments match the plan JSON in order",
                the_assignments_match_the_plan_json_in_order);
    CU_add_test(suite, "an index past the end is refused and zeroed",
                an_index_past_the_end_is_refused_and_zeroed);
    CU_add_test(suite, "a NULL plan has no assignments", a_null_plan_has_no_assignments);
    CU_add_test(suite, "a loaded plan keeps its file order", a_loaded_plan_keeps_its_file_order);
}
