/* Planning against the lists to come: the potentials that price a resource-day, the futures
 * planned at once each in rows of its own, and the family expected beyond them. */
#include "tests.h"

#include "solver/build.h"

#include <stdlib.h>
#include <string.h>

/* A dwelling's places priced on days 10 and 20, a team's caseload on day 15, from day 12 on. */
static void potentials_add_up_the_days_priced_within_the_stay(void)
{
    potential items[] = {{POTENTIAL_PLACE, 3, 10, 1.0},
                         {POTENTIAL_PLACE, 3, 20, 3.0},
                         {POTENTIAL_PLACE, 5, 11, 7.0},
                         {POTENTIAL_CASELOAD, 0, 15, 5.0}};
    potentials p = {items, 4, 12};
    CU_ASSERT_DOUBLE_EQUAL(potentials_over(&p, POTENTIAL_PLACE, 3, 0, 30), 2.0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(potentials_over(&p, POTENTIAL_PLACE, 3, 0, 20), 0.0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(potentials_over(&p, POTENTIAL_PLACE, 3, 21, 30), 0.0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(potentials_over(&p, POTENTIAL_PLACE, 4, 0, 30), 0.0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(potentials_over(&p, POTENTIAL_PLACE, 5, 0, 30), 0.0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(potentials_over(&p, POTENTIAL_CASELOAD, 0, 0, 16), 5.0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(potentials_over(&p, POTENTIAL_CASELOAD, 1, 0, 16), 0.0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(potentials_over(NULL, POTENTIAL_PLACE, 3, 0, 30), 0.0, 1e-12);
}

/* One four-place dwelling; A (two persons) is announced, E1 and E2 (three) are expected on the
 * same day, each in a future of its own. */
static const char two_futures_text[] =
    "{\"horizon\": {\"start\": \"2027-01-04\", \"end\": \"2027-12-27\"},"
    " \"rules\": {\"max_wait_days\": 0},"
    " \"territories\": [{\"id\": \"T\"}],"
    " \"dwellings\": [{\"id\": \"D4\", \"territory\": \"T\", \"places\": 4}],"
    " \"households\": [{\"id\": \"A\", \"size\": 2, \"arrival\": \"2027-01-04\"},"
    "  {\"id\": \"E1\", \"size\": 3, \"arrival\": \"2027-01-04\"},"
    "  {\"id\": \"E2\", \"size\": 3, \"arrival\": \"2027-01-04\"}]}";

static logis_scenario *two_futures(void)
{
    logis_scenario *s = load_fixture("forecast-two-futures.json", two_futures_text, NULL);
    if (!s)
        return NULL;
    s->households[0].weight = 20; /* ten in each future */
    for (int h = 1; h <= 2; h++) {
        s->households[h].forecast = true;
        s->households[h].sample = h;
        s->households[h].weight = 9;
    }
    return s;
}

/* The entries of model column j in rows of kind. */
static int entries_in(const model *m, int j, row_kind kind)
{
    int count = 0;
    for (int e = m->column_start[j]; e < m->column_start[j + 1]; e++)
        count += m->rows[m->entry_row[e]].kind == kind;
    return count;
}

static void each_future_has_its_rows_and_the_announced_enter_all(void)
{
    logis_scenario *s = two_futures();
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    model m;
    CU_ASSERT_EQUAL_FATAL(model_build(s, s->dwelling_count, NULL, &m), MODEL_BUILT);
    CU_ASSERT_EQUAL(m.samples, 2);
    int occupancy = 0;
    for (int i = 0; i < m.row_count; i++)
        occupancy += m.rows[i].kind == ROW_OCCUPANCY;
    CU_ASSERT_EQUAL(occupancy, 2);
    CU_ASSERT_EQUAL(m.column_count, 3);
    for (int j = 0; j < m.column_count; j++) {
        int h = m.classes[m.columns[j].class_index].members[0];
        CU_ASSERT_EQUAL(entries_in(&m, j, ROW_OCCUPANCY), h == 0 ? 2 : 1);
    }
    model_free(&m);
    logis_scenario_free(s);
}

/* A (2 × 20 = 40) gives way to the two futures' families (27 each, one in each future); the plan
 * holds neither: they are alternatives, not two households in one dwelling. */
static void the_futures_households_are_never_placed(void)
{
    logis_scenario *s = two_futures();
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    logis_plan *plan = NULL;
    CU_ASSERT_EQUAL_FATAL(logis_solve(s, NULL, &plan, NULL), LOGIS_OK);
    CU_ASSERT_EQUAL(logis_plan_outcome(plan), LOGIS_OPTIMAL);
    CU_ASSERT_EQUAL(logis_plan_assignment_count(plan), 0);
    CU_ASSERT_DOUBLE_EQUAL(plan->bound, 54.0, 1e-9);
    logis_plan_free(plan);
    logis_scenario_free(s);
}

/* One six-place dwelling, stays of six months; A, a single adult, is announced for 4 January.
 * The forecast expects a family of six on 7 June: after the months the futures plan household by
 * household, so only the potentials see that A, housed until July, would keep it out. */
static const char far_family_text[] =
    "{\"horizon\": {\"start\": \"2027-01-04\", \"end\": \"2027-12-27\"},"
    " \"rules\": {\"stay_months\": 6, \"max_wait_days\": 0},"
    " \"territories\": [{\"id\": \"T\"}],"
    " \"dwellings\": [{\"id\": \"D6\", \"territory\": \"T\", \"places\": 6}],"
    " \"households\": [{\"id\": \"A\", \"size\": 1, \"arrival\": \"2027-01-04\"}]%s}";

static logis_plan *far_family_plan(const char *forecast, logis_scenario **s)
{
    char text[1024];
    snprintf(text, sizeof text, far_family_text, forecast);
    *s = load_fixture("forecast-far-family.json", text, NULL);
    logis_plan *plan = NULL;
    if (*s)
        CU_ASSERT_EQUAL(logis_solve(*s, NULL, &plan, NULL), LOGIS_OK);
    return plan;
}

static void a_family_expected_beyond_the_futures_is_priced(void)
{
    logis_scenario *s = NULL;
    logis_plan *plan = far_family_plan(", \"forecast\": {\"households\": [{\"id\": \"FAMILY\", "
                                       "\"size\": 6, \"arrival\": \"2027-06-07\"}]}",
                                       &s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    CU_ASSERT_EQUAL(logis_plan_assignment_count(plan), 0);
    CU_ASSERT_EQUAL(logis_plan_verify(s, plan, NULL), 0);
    char *text = logis_plan_to_json(plan);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "keep out households the forecast expects"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "\"expected_households\":\t1"));
    CU_ASSERT_PTR_NULL(strstr(text, "FAMILY"));
    free(text);
    logis_plan_free(plan);
    logis_scenario_free(s);
    plan = far_family_plan("", &s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    CU_ASSERT_EQUAL(logis_plan_assignment_count(plan), 1);
    logis_plan_free(plan);
    logis_scenario_free(s);
}

/* Asked to stop before it starts, the plan against the forecast is first come's, valid, and
 * says that no future priced it. */
static void a_stop_before_the_futures_leaves_a_valid_plan(void)
{
    static volatile sig_atomic_t stop = 1;
    logis_options options;
    logis_options_init(&options);
    options.stop = &stop;
    char text[1024];
    snprintf(text, sizeof text, far_family_text,
             ", \"forecast\": {\"households\": [{\"id\": \"FAMILY\", \"size\": 6, "
             "\"arrival\": \"2027-06-07\"}]}");
    logis_scenario *s = load_fixture("forecast-stopped.json", text, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    logis_plan *plan = NULL;
    CU_ASSERT_EQUAL_FATAL(logis_solve(s, &options, &plan, NULL), LOGIS_OK);
    CU_ASSERT_EQUAL(logis_plan_outcome(plan), LOGIS_FEASIBLE);
    CU_ASSERT_EQUAL(plan->forecast_samples, 0);
    CU_ASSERT_EQUAL(logis_plan_verify(s, plan, NULL), 0);
    logis_plan_free(plan);
    logis_scenario_free(s);
}

void suite_forecast(void)
{
    CU_pSuite suite = CU_add_suite("forecast", NULL, NULL);
    CU_add_test(suite, "potentials add up the days priced within the stay",
                potentials_add_up_the_days_priced_within_the_stay);
    CU_add_test(suite, "each future has its rows and the announced enter all",
                each_future_has_its_rows_and_the_announced_enter_all);
    CU_add_test(suite, "the futures' households are never placed",
                the_futures_households_are_never_placed);
    CU_add_test(suite, "a family expected beyond the futures is priced",
                a_family_expected_beyond_the_futures_is_priced);
    CU_add_test(suite, "a stop before the futures leaves a valid plan",
                a_stop_before_the_futures_leaves_a_valid_plan);
}
