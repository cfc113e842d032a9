/* Re-planning through the public API, on hand-worked cases: stays before the date fixed, later
 * ones kept when they can be, newcomers housed by weight, and every change counted. */
#include "tests.h"

#include "base/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The previous plan: H1 in D1 from 4 January, H2 in D2 from 1 February, and GONE, whom the
 * new list no longer has. */
static const char *const previous_plan =
    "{\"assignments\": ["
    " {\"household\": \"H1\", \"dwelling\": \"D1\", \"start\": \"2027-01-04\"},"
    " {\"household\": \"H2\", \"dwelling\": \"D2\", \"start\": \"2027-02-01\"},"
    " {\"household\": \"GONE\", \"dwelling\": \"D2\", \"start\": \"2027-05-03\"}]}";

/* Couples: H1 arrives 4 January, H2 and H3 (priority 5) on 1 February; no waiting. */
static char *scenario_with(const char *dwellings)
{
    static const char *const format =
        "{\"horizon\": {\"start\": \"2027-01-04\", \"end\": \"2028-01-01\"},"
        " \"territories\": [{\"id\": \"T1\"}], \"dwellings\": [%s],"
        " \"households\": [{\"id\": \"H1\", \"size\": 2, \"arrival\": \"2027-01-04\"},"
        "  {\"id\": \"H2\", \"size\": 2, \"arrival\": \"2027-02-01\"},"
        "  {\"id\": \"H3\", \"size\": 2, \"arrival\": \"2027-02-01\", \"priority\": 5}]}";
    size_t size = strlen(format) + strlen(dwellings) + 1;
    char *text = malloc(size);
    if (text)
        snprintf(text, size, format, dwellings);
    return text;
}

/* Re-plans the scenario with these dwellings on 10 January; the plan's JSON, parsed. */
static json *replan_with(const char *name, const char *dwellings, logis_diagnostics **warnings)
{
    char *text = scenario_with(dwellings);
    logis_scenario *scenario = text ? load_fixture(name, text, NULL) : NULL;
    CU_ASSERT_PTR_NOT_NULL(scenario);
    const char *previous = write_fixture("previous.json", previous_plan);
    logis_plan *plan = NULL;
    *warnings = logis_diagnostics_new();
    CU_ASSERT_EQUAL(scenario ? logis_replan(scenario, previous, "2027-01-10", NULL, &plan,
                                            *warnings)
                             : LOGIS_E_INPUT,
                    LOGIS_OK);
    CU_ASSERT(plan && logis_plan_verify(scenario, plan, NULL) == 0);
    char *out = plan ? logis_plan_to_json(plan) : NULL;
    size_t stop = 0;
    json *document = out ? json_parse(out, strlen(out), &stop) : NULL;
    CU_ASSERT_PTR_NOT_NULL(document);
    /* as written, its counts and changes are the truth: verify reads them from the file */
    logis_plan *written = NULL;
    CU_ASSERT(out && logis_plan_load(write_fixture("replanned.json", out), scenario, &written,
                                     NULL) == LOGIS_OK);
    CU_ASSERT(written && logis_plan_verify(scenario, written, NULL) == 0);
    logis_plan_free(written);
    free(out);
    logis_plan_free(plan);
    logis_scenario_free(scenario);
    free(text);
    return document;
}

static double count_of(const json *plan, const char *name)
{
    return json_number(json_member(json_member(plan, "replan"), name));
}

/* Where the plan puts a household: "D2 2027-02-01", or "" when it does not house it. */
static void placement_of(const json *plan, const char *household, char *out, size_t size)
{
    out[0] = '\0';
    for (const json *a = json_first(json_member(plan, "assignments")); a; a = json_next(a))
        if (strcmp(json_string(json_member(a, "household")), household) == 0)
            snprintf(out, size, "%s %s", json_string(json_member(a, "dwelling")),
                     json_string(json_member(a, "start")));
}

static void replan_keeps_a_later_stay_when_there_is_room(void)
{
    char dwellings[256];
    snprintf(dwellings, sizeof dwellings, "{\"id\": \"D1\", \"territory\": \"T1\", "
             "\"places\": 2}, {\"id\": \"D2\", \"territory\": \"T1\", \"places\": 2}, "
             "{\"id\": \"D3\", \"territory\": \"T1\", \"places\": 2}");
    logis_diagnostics *warnings = NULL;
    json *plan = replan_with("room.json", dwellings, &warnings);
    char where[64];
    placement_of(plan, "H2", where, sizeof where);
    CU_ASSERT_STRING_EQUAL(where, "D2 2027-02-01"); /* kept, although D3 is as good */
    placement_of(plan, "H3", where, sizeof where);
    CU_ASSERT_STRING_EQUAL(where, "D3 2027-02-01");
    CU_ASSERT_DOUBLE_EQUAL(count_of(plan, "kept"), 2, 0);
    CU_ASSERT_DOUBLE_EQUAL(count_of(plan, "newly_housed"), 1, 0);
    CU_ASSERT_DOUBLE_EQUAL(count_of(plan, "no_longer_housed"), 1, 0);
    CU_ASSERT_DOUBLE_EQUAL(count_of(plan, "missing_from_scenario"), 1, 0);
    CU_ASSERT(diagnostics_contain(warnings, "/assignments/2", "GONE", "no longer housed", NULL));
    json_free(plan);
    logis_diagnostics_free(warnings);
}

static void replan_houses_a_heavier_newcomer_before_keeping_a_stay(void)
{
    char dwellings[256];
    snprintf(dwellings, sizeof dwellings, "{\"id\": \"D1\", \"territory\": \"T1\", "
             "\"places\": 2}, {\"id\": \"D2\", \"territory\": \"T1\", \"places\": 2}");
    logis_diagnostics *warnings = NULL;
    json *plan = replan_with("tight.json", dwellings, &warnings);
    char where[64];
    placement_of(plan, "H1", where, sizeof where);
    CU_ASSERT_STRING_EQUAL(where, "D1 2027-01-04"); /* before the date: fixed */
    placement_of(plan, "H3", where, sizeof where);
    CU_ASSERT_STRING_EQUAL(where, "D2 2027-02-01");
    placement_of(plan, "H2", where, sizeof where);
    CU_ASSERT_STRING_EQUAL(where, "");
    CU_ASSERT_DOUBLE_EQUAL(count_of(plan, "kept"), 1, 0);
    CU_ASSERT_DOUBLE_EQUAL(count_of(plan, "no_longer_housed"), 2, 0);
    const json *first = json_first(json_member(plan, "changes"));
    CU_ASSERT_STRING_EQUAL(json_string(json_member(first, "household")), "GONE");
    CU_ASSERT_PTR_NOT_NULL(json_member(first, "to")); /* null, not absent */
    json_free(plan);
    logis_diagnostics_free(warnings);
}

static void replan_moves_a_household_whose_dwelling_is_gone(void)
{
    char dwellings[256];
    snprintf(dwellings, sizeof dwellings, "{\"id\": \"D1\", \"territory\": \"T1\", "
             "\"places\": 2}, {\"id\": \"D3\", \"territory\": \"T1\", \"places\": 2}, "
             "{\"id\": \"D4\", \"territory\": \"T1\", \"places\": 2}");
    logis_diagnostics *warnings = NULL;
    json *plan = replan_with("gone.json", dwellings, &warnings);
    CU_ASSERT_DOUBLE_EQUAL(count_of(plan, "moved"), 1, 0);
    CU_ASSERT(diagnostics_contain(warnings, "dwelling D2 is not in the scenario", NULL));
    json_free(plan);
    logis_diagnostics_free(warnings);
}

static void replan_refuses_a_date_that_is_not_one(void)
{
    char *text = scenario_with("{\"id\": \"D1\", \"territory\": \"T1\", \"places\": 2}");
    logis_scenario *scenario = text ? load_fixture("date.json", text, NULL) : NULL;
    logis_plan *plan = NULL;
    logis_diagnostics *diags = logis_diagnostics_new();
    CU_ASSERT_EQUAL(scenario ? logis_replan(scenario, write_fixture("p.json", previous_plan),
                                            "2027-02-30", NULL, &plan, diags)
                             : LOGIS_OK,
                    LOGIS_E_INPUT);
    CU_ASSERT_PTR_NULL(plan);
    CU_ASSERT(diagnostics_contain(diags, "2027-02-30", NULL));
    logis_diagnostics_free(diags);
    logis_scenario_free(scenario);
    free(text);
}

/* D2 is free from 4 April and D1 from 1 May, once the stays begun by 15 February have left: the
 * two join one dwelling type with two ready days, and the newcomers of 5 and 12 April (no wait)
 * share D2 while the one of 3 May takes D1. */
static void replan_gives_each_dwelling_its_own_ready_day(void)
{
    static const char *const scenario_text =
        "{\"horizon\": {\"start\": \"2027-01-04\", \"end\": \"2028-01-01\"},"
        " \"territories\": [{\"id\": \"T1\"}],"
        " \"dwellings\": [{\"id\": \"D1\", \"territory\": \"T1\", \"places\": 2},"
        "  {\"id\": \"D2\", \"territory\": \"T1\", \"places\": 2}],"
        " \"households\": [{\"id\": \"H1\", \"size\": 2, \"arrival\": \"2027-02-01\"},"
        "  {\"id\": \"H2\", \"size\": 2, \"arrival\": \"2027-01-04\"},"
        "  {\"id\": \"N1\", \"size\": 2, \"arrival\": \"2027-04-05\"},"
        "  {\"id\": \"N2\", \"size\": 2, \"arrival\": \"2027-04-12\"},"
        "  {\"id\": \"N3\", \"size\": 2, \"arrival\": \"2027-05-03\"}]}";
    static const char *const begun =
        "{\"assignments\": ["
        " {\"household\": \"H1\", \"dwelling\": \"D1\", \"start\": \"2027-02-01\"},"
        " {\"household\": \"H2\", \"dwelling\": \"D2\", \"start\": \"2027-01-04\"}]}";
    logis_scenario *scenario = load_fixture("ready.json", scenario_text, NULL);
    const char *previous = write_fixture("begun.json", begun);
    logis_plan *plan = NULL;
    logis_diagnostics *diags = logis_diagnostics_new();
    CU_ASSERT_EQUAL_FATAL(scenario ? logis_replan(scenario, previous, "2027-02-15", NULL, &plan,
                                                  diags)
                                   : LOGIS_E_INPUT,
                          LOGIS_OK);
    CU_ASSERT(logis_plan_verify(scenario, plan, NULL) == 0);
    char *out = logis_plan_to_json(plan);
    size_t stop = 0;
    json *document = out ? json_parse(out, strlen(out), &stop) : NULL;
    char n1[64], n2[64], n3[64];
    placement_of(document, "N1", n1, sizeof n1);
    placement_of(document, "N2", n2, sizeof n2);
    placement_of(document, "N3", n3, sizeof n3);
    CU_ASSERT_STRING_EQUAL(n3, "D1 2027-05-03");
    CU_ASSERT((strcmp(n1, "D2 2027-04-05") == 0 && n2[0] == '\0') ||
              (strcmp(n2, "D2 2027-04-12") == 0 && n1[0] == '\0'));
    CU_ASSERT_DOUBLE_EQUAL(count_of(document, "kept"), 2, 0);
    json_free(document);
    free(out);
    logis_plan_free(plan);
    logis_diagnostics_free(diags);
    logis_scenario_free(scenario);
}

/* The plan says which notice the re-plan used, and its file, so read, verifies: H2's stay of 1
 * February, announced within 30 days of 10 January, is kept as announced. */
static void replan_states_its_notice(void)
{
    char *text = scenario_with("{\"id\": \"D1\", \"territory\": \"T1\", \"places\": 2}, "
                               "{\"id\": \"D2\", \"territory\": \"T1\", \"places\": 2}");
    logis_scenario *scenario = text ? load_fixture("notice.json", text, NULL) : NULL;
    logis_options options;
    logis_options_init(&options);
    options.notice_days = 30;
    logis_plan *plan = NULL, *written = NULL;
    CU_ASSERT_EQUAL_FATAL(scenario ? logis_replan(scenario, write_fixture("previous.json",
                                                                          previous_plan),
                                                  "2027-01-10", &options, &plan, NULL)
                                   : LOGIS_E_INPUT,
                          LOGIS_OK);
    char *out = logis_plan_to_json(plan);
    size_t stop = 0;
    json *document = out ? json_parse(out, strlen(out), &stop) : NULL;
    CU_ASSERT_DOUBLE_EQUAL(count_of(document, "notice_days"), 30, 0);
    CU_ASSERT_PTR_NOT_NULL(out && strstr(out, "\"kept\":\t\"announced\""));
    CU_ASSERT(out && logis_plan_load(write_fixture("noticed.json", out), scenario, &written,
                                     NULL) == LOGIS_OK);
    CU_ASSERT(written && logis_plan_verify(scenario, written, NULL) == 0);
    json_free(document);
    free(out);
    logis_plan_free(written);
    logis_plan_free(plan);
    logis_scenario_free(scenario);
    free(text);
}

void suite_replan(void)
{
    CU_pSuite suite = CU_add_suite("replan", NULL, NULL);
    CU_add_test(suite, "replan keeps a later stay when there is room",
                replan_keeps_a_later_stay_when_there_is_room);
    CU_add_test(suite, "replan houses a heavier newcomer before keeping a stay",
                replan_houses_a_heavier_newcomer_before_keeping_a_stay);
    CU_add_test(suite, "replan moves a household whose dwelling is gone",
                replan_moves_a_household_whose_dwelling_is_gone);
    CU_add_test(suite, "replan refuses a date that is not one",
                replan_refuses_a_date_that_is_not_one);
    CU_add_test(suite, "replan gives each dwelling its own ready day",
                replan_gives_each_dwelling_its_own_ready_day);
    CU_add_test(suite, "replan states its notice", replan_states_its_notice);
}
