/* A re-plan that never lies: no new stay before the re-plan date, kept stays marked and read
 * back, the notice that protects announced stays, the date within the horizon, and the caseload
 * counted where a fixed stay begins after a move-in. */
#include "tests.h"

#include "base/json.h"
#include "solver/build.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Two four-place dwellings in T (caseload 2); A arrives 4 January, B 1 February (wait 0). */
static const char scenario_text[] =
    "{\"horizon\": {\"start\": \"2027-01-04\", \"end\": \"2027-12-27\"},"
    " \"territories\": [{\"id\": \"T\", \"caseload\": 2}],"
    " \"dwellings\": [{\"id\": \"D1\", \"territory\": \"T\", \"places\": 4},"
    "  {\"id\": \"D2\", \"territory\": \"T\", \"places\": 4}],"
    " \"households\": [{\"id\": \"A\", \"size\": 2, \"arrival\": \"2027-01-04\"},"
    "  {\"id\": \"B\", \"size\": 3, \"arrival\": \"2027-02-01\"}]}";

/* The previous plan knew only A; B, announced late, arrived on 1 February. */
static const char previous_text[] =
    "{\"assignments\": [{\"household\": \"A\", \"dwelling\": \"D1\", \"start\": \"2027-01-04\"}]}";

static logis_plan *replan(logis_scenario *s, const char *previous, const char *now, int notice,
                          logis_status *status, logis_diagnostics *diags)
{
    logis_options options;
    logis_options_init(&options);
    options.notice_days = notice;
    logis_plan *plan = NULL;
    *status = logis_replan(s, write_fixture("online-previous.json", previous), now, &options,
                           &plan, diags);
    return plan;
}

/* The plan as JSON, parsed. */
static json *document_of(const logis_plan *plan)
{
    char *text = plan ? logis_plan_to_json(plan) : NULL;
    size_t stop = 0;
    json *document = text ? json_parse(text, strlen(text), &stop) : NULL;
    free(text);
    return document;
}

static const json *assignment_of(const json *plan, const char *household_id)
{
    for (const json *a = json_first(json_member(plan, "assignments")); a; a = json_next(a))
        if (strcmp(json_string(json_member(a, "household")), household_id) == 0)
            return a;
    return NULL;
}

static const json *left_out_entry(const json *plan, const char *household_id)
{
    for (const json *a = json_first(json_member(plan, "unassigned")); a; a = json_next(a))
        if (strcmp(json_string(json_member(a, "household")), household_id) == 0)
            return a;
    return NULL;
}

static void a_household_announced_after_its_date_is_left_out_as_past(void)
{
    logis_scenario *s = load_fixture("online.json", scenario_text, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    logis_status status;
    logis_plan *plan = replan(s, previous_text, "2027-02-08", -1, &status, NULL);
    CU_ASSERT_EQUAL(status, LOGIS_OK);
    json *doc = document_of(plan);
    CU_ASSERT_PTR_NULL(assignment_of(doc, "B"));
    const json *left = left_out_entry(doc, "B");
    CU_ASSERT_STRING_EQUAL(json_string(json_member(left, "code")), "past");
    CU_ASSERT_PTR_NOT_NULL(strstr(json_string(json_member(left, "reason")), "2027-02-08"));
    const json *a = assignment_of(doc, "A");
    CU_ASSERT(json_true(json_member(a, "fixed")));
    CU_ASSERT_STRING_EQUAL(json_string(json_member(a, "kept")), "begun");
    CU_ASSERT_EQUAL(logis_plan_verify(s, plan, NULL), 0);
    json_free(doc);
    logis_plan_free(plan);
    logis_scenario_free(s);
}

static void a_stay_of_the_previous_plan_within_the_notice_is_announced(void)
{
    logis_scenario *s = load_fixture("online.json", scenario_text, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    static const char previous[] =
        "{\"assignments\": ["
        " {\"household\": \"A\", \"dwelling\": \"D1\", \"start\": \"2027-01-04\"},"
        " {\"household\": \"B\", \"dwelling\": \"D2\", \"start\": \"2027-02-01\"}]}";
    logis_status status;
    logis_plan *plan = replan(s, previous, "2027-01-25", 14, &status, NULL);
    CU_ASSERT_EQUAL(status, LOGIS_OK);
    json *doc = document_of(plan);
    CU_ASSERT_STRING_EQUAL(json_string(json_member(assignment_of(doc, "B"), "kept")),
                           "announced");
    json_free(doc);
    logis_plan_free(plan);
    plan = replan(s, previous, "2027-01-25", 0, &status, NULL);
    doc = document_of(plan);
    CU_ASSERT_PTR_NULL(json_member(assignment_of(doc, "B"), "kept"));
    json_free(doc);
    logis_plan_free(plan);
    logis_scenario_free(s);
}

static void a_date_outside_the_horizon_is_refused(void)
{
    logis_scenario *s = load_fixture("online.json", scenario_text, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_status status;
    CU_ASSERT_PTR_NULL(replan(s, previous_text, "2026-12-31", -1, &status, diags));
    CU_ASSERT_EQUAL(status, LOGIS_E_INPUT);
    CU_ASSERT(diagnostics_contain(diags, "outside the scenario's horizon", NULL));
    CU_ASSERT_PTR_NULL(replan(s, previous_text, "2027-12-28", -1, &status, NULL));
    CU_ASSERT_EQUAL(status, LOGIS_E_INPUT);
    logis_plan *plan = replan(s, previous_text, "2027-12-27", -1, &status, NULL);
    CU_ASSERT_EQUAL(status, LOGIS_OK);
    logis_plan_free(plan);
    logis_diagnostics_free(diags);
    logis_scenario_free(s);
}

/* A re-plan of a plan with itself changes nothing: the empty list of changes (UBSan once
 * caught qsort on it). */
static void a_replan_that_changes_nothing_lists_no_change(void)
{
    logis_scenario *s = load_fixture("online.json", scenario_text, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    logis_plan *first = NULL;
    logis_options options;
    logis_options_init(&options);
    CU_ASSERT_EQUAL_FATAL(logis_solve(s, &options, &first, NULL), LOGIS_OK);
    char *text = logis_plan_to_json(first);
    logis_status status;
    logis_plan *again = replan(s, text, "2027-01-04", -1, &status, NULL);
    CU_ASSERT_EQUAL(status, LOGIS_OK);
    json *doc = document_of(again);
    CU_ASSERT_EQUAL(json_count(json_member(doc, "changes")), 0);
    json_free(doc);
    free(text);
    logis_plan_free(first);
    logis_plan_free(again);
    logis_scenario_free(s);
}

/* F's fixed stay starts on 1 February in T, whose caseload is 1; A could move in on 4 January
 * and would still be accompanied then: A must be left out (the model once counted the caseload
 * only on move-in dates of its columns, and housed A). */
static void a_fixed_stay_that_starts_later_counts_against_the_caseload(void)
{
    static const char text[] =
        "{\"horizon\": {\"start\": \"2027-01-04\", \"end\": \"2027-12-27\"},"
        " \"territories\": [{\"id\": \"T\", \"caseload\": 1}],"
        " \"dwellings\": [{\"id\": \"D1\", \"territory\": \"T\", \"places\": 4},"
        "  {\"id\": \"D2\", \"territory\": \"T\", \"places\": 4}],"
        " \"households\": [{\"id\": \"F\", \"size\": 2, \"arrival\": \"2027-02-01\"},"
        "  {\"id\": \"A\", \"size\": 2, \"arrival\": \"2027-01-04\"}],"
        " \"fixed\": [{\"household\": \"F\", \"dwelling\": \"D1\", \"start\": \"2027-02-01\"}]}";
    logis_scenario *s = load_fixture("online-caseload.json", text, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    logis_options options;
    logis_options_init(&options);
    logis_plan *plan = NULL;
    CU_ASSERT_EQUAL_FATAL(logis_solve(s, &options, &plan, NULL), LOGIS_OK);
    CU_ASSERT_EQUAL(logis_plan_assignment_count(plan), 1);
    CU_ASSERT_EQUAL(logis_plan_verify(s, plan, NULL), 0);
    json *doc = document_of(plan);
    CU_ASSERT_STRING_EQUAL(json_string(json_member(assignment_of(doc, "F"), "kept")), "given");
    json_free(doc);
    logis_plan_free(plan);
    logis_scenario_free(s);
}

/* verify reads the re-plan date and the kept stays back: a stay before the date that was not
 * kept breaks rule 3. */
static void verify_refuses_a_new_stay_before_the_replan_date(void)
{
    logis_scenario *s = load_fixture("online.json", scenario_text, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    static const char kept[] =
        "{\"assignments\": [{\"household\": \"A\", \"dwelling\": \"D1\", \"start\": \"2027-01-04\","
        "  \"end\": \"2027-04-04\", \"fixed\": true, \"kept\": \"begun\"}],"
        " \"unassigned\": [{\"household\": \"B\", \"code\": \"past\"}],"
        " \"replan\": {\"now\": \"2027-02-08\"}}";
    static const char not_kept[] =
        "{\"assignments\": [{\"household\": \"A\", \"dwelling\": \"D1\", \"start\": \"2027-01-04\","
        "  \"end\": \"2027-04-04\", \"fixed\": true, \"kept\": \"begun\"},"
        " {\"household\": \"B\", \"dwelling\": \"D2\", \"start\": \"2027-02-01\","
        "  \"end\": \"2027-05-01\"}], \"unassigned\": [], \"replan\": {\"now\": \"2027-02-08\"}}";
    logis_plan *plan = NULL;
    CU_ASSERT_EQUAL_FATAL(logis_plan_load(write_fixture("online-kept.json", kept), s, &plan, NULL),
                          LOGIS_OK);
    CU_ASSERT_EQUAL(logis_plan_verify(s, plan, NULL), 0);
    logis_plan_free(plan);
    logis_diagnostics *diags = logis_diagnostics_new();
    CU_ASSERT_EQUAL_FATAL(
        logis_plan_load(write_fixture("online-not-kept.json", not_kept), s, &plan, NULL),
        LOGIS_OK);
    CU_ASSERT_EQUAL(logis_plan_verify(s, plan, diags), 1);
    CU_ASSERT(diagnostics_contain(diags, "before the re-plan date 2027-02-08", NULL));
    logis_plan_free(plan);
    logis_diagnostics_free(diags);
    logis_scenario_free(s);
}

/* One six-place dwelling; A, a single adult, is announced for 4 January. The forecast says a
 * family of six comes on 1 February: planned against it, the dwelling waits for the family
 * (A, housed, would hold it until April); without it, A is housed. */
static const char anticipation_text[] =
    "{\"horizon\": {\"start\": \"2027-01-04\", \"end\": \"2027-12-27\"},"
    " \"territories\": [{\"id\": \"T\"}],"
    " \"dwellings\": [{\"id\": \"D6\", \"territory\": \"T\", \"places\": 6}],"
    " \"households\": [{\"id\": \"A\", \"size\": 1, \"arrival\": \"2027-01-04\"}]%s}";

/* The plan of anticipation_text with that forecast member, by options (NULL: the defaults). */
static logis_plan *plan_with(const char *name, const char *forecast,
                             const logis_options *options, logis_scenario **s)
{
    char text[1024];
    snprintf(text, sizeof text, anticipation_text, forecast);
    *s = load_fixture(name, text, NULL);
    logis_plan *plan = NULL;
    if (*s)
        CU_ASSERT_EQUAL(logis_solve(*s, options, &plan, NULL), LOGIS_OK);
    return plan;
}

static logis_plan *plan_of(const char *name, const char *forecast, logis_scenario **s)
{
    return plan_with(name, forecast, NULL, s);
}

static void a_plan_against_a_forecast_keeps_room_for_the_family_to_come(void)
{
    logis_scenario *s = NULL;
    logis_plan *plan = plan_of("online-forecast.json",
                               ", \"forecast\": {\"households\": [{\"id\": \"FAMILY\", "
                               "\"size\": 6, \"arrival\": \"2027-02-01\", \"job\": \"x\"}]}",
                               &s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    CU_ASSERT_EQUAL(logis_plan_assignment_count(plan), 0);
    CU_ASSERT_EQUAL(logis_plan_outcome(plan), LOGIS_FEASIBLE);
    CU_ASSERT_EQUAL(logis_plan_verify(s, plan, NULL), 0);
    char *text = logis_plan_to_json(plan);
    CU_ASSERT_PTR_NULL(strstr(text, "FAMILY"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"expected_households\":\t1"));
    json *doc = document_of(plan);
    /* the bound is one that holds for any plan: A housed */
    CU_ASSERT_EQUAL(json_number(json_member(json_member(doc, "objective"), "bound")), 1);
    json_free(doc);
    free(text);
    logis_plan_free(plan);
    logis_scenario_free(s);
    plan = plan_of("online-no-forecast.json", "", &s);
    CU_ASSERT_EQUAL(logis_plan_assignment_count(plan), 1);
    CU_ASSERT_EQUAL(logis_plan_outcome(plan), LOGIS_OPTIMAL);
    logis_plan_free(plan);
    logis_scenario_free(s);
}

/* The sampled futures: as many as the forecast asks, each drawn the same on every run, so that a
 * plan made twice is the same plan. */
/* Four futures: a family of six and a single adult on 1 February, a couple in March. */
static const char four_futures[] =
    ", \"forecast\": {\"samples\": 4, \"households\": ["
    "{\"id\": \"F1\", \"size\": 6, \"arrival\": \"2027-02-01\"},"
    "{\"id\": \"F2\", \"size\": 1, \"arrival\": \"2027-02-01\"},"
    "{\"id\": \"F3\", \"size\": 2, \"arrival\": \"2027-03-15\"}]}";

static void a_forecast_s_samples_are_said_and_drawn_alike_each_time(void)
{
    static const char *const forecast = four_futures;
    logis_scenario *s = NULL;
    logis_plan *plan = plan_of("online-samples.json", forecast, &s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    json *doc = document_of(plan);
    CU_ASSERT_EQUAL(json_number(json_member(json_member(doc, "forecast"), "samples")), 4);
    json_free(doc);
    char *first = logis_plan_to_json(plan);
    logis_plan_free(plan);
    logis_scenario_free(s);
    plan = plan_of("online-samples.json", forecast, &s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    char *second = logis_plan_to_json(plan);
    /* all but the solver's figures, whose seconds differ */
    const char *solver = strstr(first, "\"solver\"");
    CU_ASSERT_PTR_NOT_NULL_FATAL(solver);
    CU_ASSERT_EQUAL(strncmp(first, second, (size_t)(solver - first)), 0);
    CU_ASSERT_EQUAL(logis_plan_verify(s, plan, NULL), 0);
    free(first);
    free(second);
    logis_plan_free(plan);
    logis_scenario_free(s);
}

/* The forecast is read as the orientation list is, errors located under /forecast. */
static void a_bad_forecast_is_refused_with_its_place(void)
{
    char text[1024];
    snprintf(text, sizeof text, anticipation_text,
             ", \"forecast\": {\"households\": [{\"id\": \"F\", \"size\": 0, "
             "\"arrival\": \"2027-02-01\"}], \"shift_days\": \"x\", \"samples\": 65}");
    logis_diagnostics *diags = NULL;
    logis_scenario *s = load_fixture("online-bad-forecast.json", text, &diags);
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT(diagnostics_contain(diags, "/forecast/households/0/size", NULL));
    CU_ASSERT(diagnostics_contain(diags, "/forecast/shift_days", NULL));
    CU_ASSERT(diagnostics_contain(diags, "/forecast/samples", "64", NULL));
    logis_diagnostics_free(diags);
    logis_scenario_free(s);
}

/* Two years of arrivals, every 5 days, sizes 1 to 6, a 14-day wait, into 10 dwellings of 2 to 6
 * places in two territories: more than the park holds. */
static char *two_years_text(void)
{
    size_t size = 64 * 1024;
    char *text = malloc(size);
    int at = 0;
    if (!text)
        return NULL;
    at += snprintf(text + at, size - (size_t)at,
                   "{\"horizon\": {\"start\": \"2027-01-04\", \"end\": \"2029-01-01\"},"
                   " \"rules\": {\"max_wait_days\": 14},"
                   " \"territories\": [{\"id\": \"T1\"}, {\"id\": \"T2\"}], \"dwellings\": [");
    for (int d = 0; d < 10; d++)
        at += snprintf(text + at, size - (size_t)at,
                       "%s{\"id\": \"D%d\", \"territory\": \"T%d\", \"places\": %d}",
                       d ? ", " : "", d, 1 + d % 2, 2 + d % 5);
    at += snprintf(text + at, size - (size_t)at, "], \"households\": [");
    for (int h = 0; h < 145; h++) {
        int day = 4 + 5 * h, month = 1 + (day / 28) % 12, year = 2027 + day / 336;
        at += snprintf(text + at, size - (size_t)at,
                       "%s{\"id\": \"H%d\", \"size\": %d, \"arrival\": \"%d-%02d-%02d\"}",
                       h ? ", " : "", h, 1 + (h * 7) % 6, year, month, 1 + day % 28);
    }
    snprintf(text + at, size - (size_t)at, "]}");
    return text;
}

/* A long horizon's first incumbent, made window by window from re-plans: a plan of the whole
 * scenario that keeps every rule and houses at least what first come does. */
static void a_long_horizon_planned_by_windows_keeps_the_rules(void)
{
    char *text = two_years_text();
    logis_scenario *s = text ? load_fixture("online-two-years.json", text, NULL) : NULL;
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT(rolling_wanted(s));
    logis_options options;
    logis_options_init(&options);
    logis_plan *rolled = NULL, *first = plan_new(s);
    bool stopped = false;
    CU_ASSERT_EQUAL(rolling_plan(s, &options, 0, &rolled), LOGIS_OK);
    CU_ASSERT_FATAL(rolled && first && first_fit_stays(first, NULL, &stopped));
    CU_ASSERT_EQUAL(logis_plan_verify(s, rolled, NULL), 0);
    CU_ASSERT(plan_weighted_persons(rolled) >= plan_weighted_persons(first));
    CU_ASSERT(plan_weighted_persons(rolled) > 0);
    logis_plan_free(rolled);
    logis_plan_free(first);
    logis_scenario_free(s);
    free(text);
}

/* A replay's report file, as `logis replay --jobs` gathers it from a process that lived the
 * year: its runs join another replay of the same year; another year's report is refused. */
static void replay_reports_of_the_same_year_are_gathered(void)
{
    logis_scenario *s = load_fixture("online-replay.json", scenario_text, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    logis_options solve;
    logis_options_init(&solve);
    logis_replay_options run;
    logis_replay_options_init(&run);
    run.lead_days = 7;
    logis_replay *lived = NULL, *gathered = NULL;
    logis_diagnostics *diags = logis_diagnostics_new();
    CU_ASSERT_EQUAL_FATAL(logis_replay_new(s, &solve, &lived, diags), LOGIS_OK);
    CU_ASSERT_EQUAL_FATAL(logis_replay_new(s, &solve, &gathered, diags), LOGIS_OK);
    CU_ASSERT_EQUAL(logis_replay_run(lived, &run, diags), LOGIS_OK);
    char *report = logis_replay_json(lived), *table = logis_replay_table(lived);
    CU_ASSERT_EQUAL(logis_replay_add_report(gathered, write_fixture("online-report.json", report),
                                            diags), LOGIS_OK);
    char *again = logis_replay_table(gathered);
    CU_ASSERT_STRING_EQUAL(again, table);
    CU_ASSERT_PTR_NOT_NULL(strstr(again, "   7     7"));
    char *other = strdup(report);
    char *hindsight = strstr(other, "\"weighted_persons_housed\":");
    CU_ASSERT_PTR_NOT_NULL_FATAL(hindsight);
    memcpy(strpbrk(hindsight, "0123456789"), "9", 1);
    CU_ASSERT_EQUAL(logis_replay_add_report(gathered, write_fixture("online-other.json", other),
                                            diags), LOGIS_E_INPUT);
    CU_ASSERT(diagnostics_contain(diags, "online-other.json", "the replay of another year",
                                  NULL));
    free(other);
    free(again);
    free(table);
    free(report);
    logis_replay_free(lived);
    logis_replay_free(gathered);
    logis_diagnostics_free(diags);
    logis_scenario_free(s);
}

void suite_online(void)
{
    CU_pSuite suite = CU_add_suite("online", NULL, NULL);
    CU_add_test(suite, "a household announced after its date is left out as past",
                a_household_announced_after_its_date_is_left_out_as_past);
    CU_add_test(suite, "a stay of the previous plan within the notice is announced",
                a_stay_of_the_previous_plan_within_the_notice_is_announced);
    CU_add_test(suite, "a date outside the horizon is refused",
                a_date_outside_the_horizon_is_refused);
    CU_add_test(suite, "a re-plan that changes nothing lists no change",
                a_replan_that_changes_nothing_lists_no_change);
    CU_add_test(suite, "a fixed stay that starts later counts against the caseload",
                a_fixed_stay_that_starts_later_counts_against_the_caseload);
    CU_add_test(suite, "verify refuses a new stay before the re-plan date",
                verify_refuses_a_new_stay_before_the_replan_date);
    CU_add_test(suite, "a plan against a forecast keeps room for the family to come",
                a_plan_against_a_forecast_keeps_room_for_the_family_to_come);
    CU_add_test(suite, "a forecast's samples are said and drawn alike each time",
                a_forecast_s_samples_are_said_and_drawn_alike_each_time);
    CU_add_test(suite, "a bad forecast is refused with its place",
                a_bad_forecast_is_refused_with_its_place);
    CU_add_test(suite, "replay reports of the same year are gathered, another year's refused",
                replay_reports_of_the_same_year_are_gathered);
    CU_add_test(suite, "a long horizon planned by windows keeps the rules",
                a_long_horizon_planned_by_windows_keeps_the_rules);
}
