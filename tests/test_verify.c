/* The verify suite: for each rule 1-7, a tiny scenario and a hand-written plan that breaks it
 * (and one that just keeps it); plan files that do not load; figures a plan states wrongly. */
#include "tests.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { TEXT_SIZE = 8192 };

/* A scenario over the horizon [2017-01-02, 2018-01-01); NULL members take small defaults.
 * Texts use single quotes where JSON has double quotes, for readability. */
typedef struct {
    const char *rules, *territories, *dwellings, *households, *fixed;
} scenario_parts;

/* A plan file: the items of its two lists, and more top-level members (or NULL). */
typedef struct {
    const char *assignments, *unassigned, *extra;
} plan_parts;

/* What logis_plan_verify said: its result (-2 when a file did not load) and its messages. */
typedef struct {
    long violations;
    logis_diagnostics *diags;
} verdict;

static const char ONE_DWELLING[] = "[{'id': 'D1', 'territory': 'T1', 'places': 4}]";
static const char TWO_DWELLINGS[] = "[{'id': 'D1', 'territory': 'T1', 'places': 4},"
                                    " {'id': 'D2', 'territory': 'T1', 'places': 4}]";
static const char ONE_HOUSEHOLD[] = "[{'id': 'H1', 'size': 2, 'arrival': '2017-01-02'}]";
static const char H1_IN_D1[] = "{'household': 'H1', 'dwelling': 'D1', 'start': '2017-01-02', "
                               "'end': '2017-04-02'}";

static char *json_quotes(char *text)
{
    for (char *c = text; *c; c++)
        if (*c == '\'')
            *c = '"';
    return text;
}

static const char *write_text(const char *name, char *text)
{
    return write_fixture(name, json_quotes(text));
}

static const char *write_scenario(const scenario_parts *p, char *text)
{
    snprintf(text, TEXT_SIZE,
             "{'name': 'verify', 'horizon': {'start': '2017-01-02', 'end': '2018-01-01'},\n"
             " 'rules': %s,\n 'territories': %s,\n 'dwellings': %s,\n 'households': %s,\n"
             " 'fixed': %s}\n",
             p->rules ? p->rules : "{}",
             p->territories ? p->territories : "[{'id': 'T1'}, {'id': 'T2'}]",
             p->dwellings ? p->dwellings : ONE_DWELLING,
             p->households ? p->households : ONE_HOUSEHOLD, p->fixed ? p->fixed : "[]");
    return write_text("scenario.json", text);
}

static const char *write_plan(const plan_parts *p, char *text)
{
    snprintf(text, TEXT_SIZE,
             "{'logis': '" LOGIS_VERSION_STRING "',\n"
             " 'assignments': [%s],\n 'unassigned': [%s]%s%s}\n",
             p->assignments ? p->assignments : "", p->unassigned ? p->unassigned : "",
             p->extra ? ",\n " : "", p->extra ? p->extra : "");
    return write_text("plan.json", text);
}

/* Asserts with a message naming what was expected and the first diagnostic actually got. */
static void assert_described(int ok, const char *expected, const logis_diagnostics *d)
{
    char what[700];
    char *first = logis_diagnostics_line(d, 0);
    snprintf(what, sizeof what, "expected %s; first diagnostic: %s", expected,
             first ? first : "(none)");
    free(first);
    CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, __LINE__, what, __FILE__, "", CU_FALSE);
}

static logis_scenario *load_scenario(const scenario_parts *p)
{
    char *text = malloc(TEXT_SIZE);
    logis_diagnostics *d = logis_diagnostics_new();
    logis_scenario *s = NULL;
    if (text)
        logis_scenario_load(write_scenario(p, text), &s, d);
    assert_described(s != NULL, "the test scenario to load", d);
    free(text);
    logis_diagnostics_free(d);
    return s;
}

static logis_status load_plan(const logis_scenario *s, const plan_parts *p, logis_plan **out,
                              logis_diagnostics *d)
{
    char *text = malloc(TEXT_SIZE);
    *out = NULL;
    if (!text)
        return LOGIS_E_NOMEM;
    logis_status status = logis_plan_load(write_plan(p, text), s, out, d);
    free(text);
    return status;
}

static verdict verify(const scenario_parts *sp, const plan_parts *pp)
{
    verdict v = {-2, logis_diagnostics_new()};
    logis_scenario *s = load_scenario(sp);
    logis_plan *plan = NULL;
    if (s && load_plan(s, pp, &plan, v.diags) == LOGIS_OK)
        v.violations = logis_plan_verify(s, plan, v.diags);
    assert_described(v.violations >= 0, "the test plan to load", v.diags);
    logis_plan_free(plan);
    logis_scenario_free(s);
    return v;
}

/* Every message mentions fragment: the plan breaks that rule and no other. */
static int all_mention(const logis_diagnostics *d, const char *fragment)
{
    size_t count = logis_diagnostics_count(d);
    for (size_t i = 0; i < count; i++)
        if (!strstr(logis_diagnostics_get(d, i)->message, fragment))
            return 0;
    return count > 0;
}

/* The plan breaks the rule named by fragment ("rule 5"), and only that rule. */
static void expect_violation(const scenario_parts *sp, const plan_parts *pp, const char *fragment)
{
    verdict v = verify(sp, pp);
    assert_described(v.violations >= 1 && all_mention(v.diags, fragment), fragment, v.diags);
    logis_diagnostics_free(v.diags);
}

/* As expect_violation, and the first message is about the assignment at pointer. */
static void expect_violation_at(const scenario_parts *sp, const plan_parts *pp,
                                const char *fragment, const char *pointer)
{
    verdict v = verify(sp, pp);
    const logis_diagnostic *first = logis_diagnostics_get(v.diags, 0);
    assert_described(v.violations >= 1 && all_mention(v.diags, fragment) && first &&
                         first->pointer && strcmp(first->pointer, pointer) == 0,
                     pointer, v.diags);
    logis_diagnostics_free(v.diags);
}

static void expect_clean(const scenario_parts *sp, const plan_parts *pp)
{
    verdict v = verify(sp, pp);
    assert_described(v.violations == 0 && logis_diagnostics_count(v.diags) == 0, "no violation",
                     v.diags);
    logis_diagnostics_free(v.diags);
}

/* ---- plans that keep the rules ---- */

static void correct_plan_has_no_violations(void)
{
    expect_clean(
        &(scenario_parts){.dwellings = "[{'id': 'D1', 'territory': 'T1', 'places': 4},"
                                       " {'id': 'D2', 'territory': 'T2', 'places': 2}]",
                          .households = "[{'id': 'H1', 'size': 4, 'arrival': '2017-01-02'},"
                                        " {'id': 'H2', 'size': 2, 'arrival': '2017-01-02'},"
                                        " {'id': 'H3', 'size': 3, 'arrival': '2017-04-02'},"
                                        " {'id': 'H4', 'size': 5, 'arrival': '2017-01-02'}]"},
        &(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                     "'start': '2017-01-02', 'end': '2017-04-02'},"
                                     "{'household': 'H3', 'dwelling': 'D1', "
                                     "'start': '2017-04-02', 'end': '2017-07-02'},"
                                     "{'household': 'H2', 'dwelling': 'D2', "
                                     "'start': '2017-01-02', 'end': '2017-04-02'}",
                      .unassigned = "{'household': 'H4', 'code': 'no_fit', 'reason': 'size 5'}"});
}

static void plan_leaving_everyone_out_has_no_violations(void)
{
    expect_clean(&(scenario_parts){0},
                 &(plan_parts){.unassigned = "{'household': 'H1', 'code': 'capacity'}"});
}

static void plan_written_by_logis_verifies_clean(void)
{
    logis_scenario *s = load_scenario(
        &(scenario_parts){.dwellings = TWO_DWELLINGS,
                          .households = "[{'id': 'H1', 'size': 4, 'arrival': '2017-01-02'},"
                                        " {'id': 'H2', 'size': 3, 'arrival': '2017-01-09'},"
                                        " {'id': 'H3', 'size': 2, 'arrival': '2017-02-06'},"
                                        " {'id': 'H4', 'size': 9, 'arrival': '2017-01-02'}]"});
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    logis_plan *made = NULL, *loaded = NULL;
    logis_diagnostics *d = logis_diagnostics_new();
    CU_ASSERT_EQUAL(logis_plan_first_fit(s, &made, d), LOGIS_OK);
    char *text = made ? logis_plan_to_json(made) : NULL;
    CU_ASSERT_PTR_NOT_NULL(text);
    if (text && logis_plan_load(write_fixture("plan.json", text), s, &loaded, d) == LOGIS_OK)
        CU_ASSERT_EQUAL(logis_plan_verify(s, loaded, d), 0);
    assert_described(loaded && logis_diagnostics_errors(d) == 0, "no violation", d);
    free(text);
    logis_plan_free(loaded);
    logis_plan_free(made);
    logis_scenario_free(s);
    logis_diagnostics_free(d);
}

/* Reads the plan file at path, writes it again, and checks that its own verifier accepts the
 * copy and that the copy holds expected (a run of its text). */
static void expect_written_again_clean(const logis_scenario *s, const char *path,
                                       const char *expected)
{
    logis_plan *read = NULL, *again = NULL;
    logis_diagnostics *d = logis_diagnostics_new();
    CU_ASSERT_EQUAL_FATAL(logis_plan_load(path, s, &read, d), LOGIS_OK);
    CU_ASSERT_EQUAL(logis_plan_verify(s, read, d), 0);
    char *written = logis_plan_to_json(read);
    CU_ASSERT_PTR_NOT_NULL_FATAL(written);
    CU_ASSERT_PTR_NOT_NULL(strstr(written, expected));
    CU_ASSERT_EQUAL(logis_plan_load(write_fixture("again.json", written), s, &again, d), LOGIS_OK);
    CU_ASSERT_EQUAL(logis_plan_verify(s, again, d), 0);
    assert_described(logis_diagnostics_errors(d) == 0, "no violation", d);
    free(written);
    logis_plan_free(again);
    logis_plan_free(read);
    logis_diagnostics_free(d);
}

/* A plan file may state a bound and no gap (found by fuzzing): written again, it states the gap
 * that bound makes, which its own verifier then accepts (it wrote a gap of 0 before). */
static void plan_stating_a_bound_without_a_gap_is_written_with_its_gap(void)
{
    logis_scenario *s = load_scenario(&(scenario_parts){0});
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    char text[TEXT_SIZE];
    const char *path = write_plan(&(plan_parts){.assignments = H1_IN_D1,
                                                .extra = "'objective': {'bound': 8}"},
                                  text);
    expect_written_again_clean(s, path, "\"gap\":\t0.75");
    logis_scenario_free(s);
}

/* A plan file that states no bound at all (found by fuzzing: it was written again with a bound
 * of 0, below its own value) is written with the trivial one, every household housed. */
static void plan_stating_no_bound_is_written_with_the_trivial_one(void)
{
    logis_scenario *s = load_scenario(&(scenario_parts){
        .households = "[{'id': 'H1', 'size': 2, 'arrival': '2017-01-02'},"
                      " {'id': 'H2', 'size': 3, 'arrival': '2017-01-02', 'priority': 2}]"});
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    char text[TEXT_SIZE];
    const char *path = write_plan(
        &(plan_parts){.assignments = H1_IN_D1,
                      .unassigned = "{'household': 'H2', 'code': 'capacity'}"},
        text);
    expect_written_again_clean(
        s, path, "\"bound\":\t8,\n\t\t\"bound_kind\":\t\"trivial\",\n\t\t\"gap\":\t0.75");
    logis_scenario_free(s);
}

/* ---- rule 1 and completeness ---- */

static void household_housed_twice_breaks_rule_1(void)
{
    expect_violation(&(scenario_parts){.dwellings = TWO_DWELLINGS},
                     &(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                                  "'start': '2017-01-02', 'end': '2017-04-02'},"
                                                  "{'household': 'H1', 'dwelling': 'D2', "
                                                  "'start': '2017-01-02', 'end': '2017-04-02'}"},
                     "rule 1");
}

static void household_both_assigned_and_unassigned_is_reported(void)
{
    verdict v = verify(&(scenario_parts){0},
                       &(plan_parts){.assignments = H1_IN_D1,
                                     .unassigned = "{'household': 'H1', 'code': 'capacity'}"});
    CU_ASSERT(v.violations >= 1);
    CU_ASSERT(diagnostics_contain(v.diags, "H1", "unassigned", NULL));
    logis_diagnostics_free(v.diags);
}

static void household_missing_from_the_plan_is_reported(void)
{
    verdict v = verify(
        &(scenario_parts){.households = "[{'id': 'H1', 'size': 2, 'arrival': '2017-01-02'},"
                                        " {'id': 'H2', 'size': 2, 'arrival': '2017-01-02'}]"},
        &(plan_parts){.assignments = H1_IN_D1});
    CU_ASSERT_EQUAL(v.violations, 1);
    CU_ASSERT(diagnostics_contain(v.diags, "H2", "neither in assignments nor in unassigned",
                                  NULL));
    logis_diagnostics_free(v.diags);
}

/* ---- rule 2: fit ---- */

static void household_larger_than_the_dwelling_breaks_rule_2(void)
{
    expect_violation_at(
        &(scenario_parts){.households = "[{'id': 'H1', 'size': 5, 'arrival': '2017-01-02'}]"},
        &(plan_parts){.assignments = H1_IN_D1}, "rule 2", "/assignments/0");
}

static void missing_need_breaks_rule_2(void)
{
    expect_violation(&(scenario_parts){.households = "[{'id': 'H1', 'size': 2, "
                                                     "'arrival': '2017-01-02', "
                                                     "'needs': ['accessible']}]"},
                     &(plan_parts){.assignments = H1_IN_D1}, "rule 2");
}

static void met_needs_keep_rule_2(void)
{
    expect_clean(&(scenario_parts){.dwellings = "[{'id': 'D1', 'territory': 'T1', 'places': 4, "
                                                "'features': ['lift', 'accessible']}]",
                                   .households = "[{'id': 'H1', 'size': 2, "
                                                 "'arrival': '2017-01-02', "
                                                 "'needs': ['accessible']}]"},
                 &(plan_parts){.assignments = H1_IN_D1});
}

static void territory_not_accepted_breaks_rule_2(void)
{
    expect_violation(&(scenario_parts){.households = "[{'id': 'H1', 'size': 2, "
                                                     "'arrival': '2017-01-02', "
                                                     "'territories': ['T2']}]"},
                     &(plan_parts){.assignments = H1_IN_D1}, "rule 2");
}

static void non_sharing_household_in_shared_dwelling_breaks_rule_2(void)
{
    expect_violation(&(scenario_parts){.dwellings = "[{'id': 'D1', 'territory': 'T1', "
                                                    "'places': 4, 'shared': true}]"},
                     &(plan_parts){.assignments = H1_IN_D1}, "rule 2");
}

static void lease_wish_breaks_rule_2(void)
{
    expect_violation(&(scenario_parts){.households = "[{'id': 'H1', 'size': 2, "
                                                     "'arrival': '2017-01-02', "
                                                     "'lease': 'sliding'}]"},
                     &(plan_parts){.assignments = H1_IN_D1}, "rule 2");
    expect_violation(&(scenario_parts){.dwellings = "[{'id': 'D1', 'territory': 'T1', "
                                                    "'places': 4, 'lease': 'sliding'}]",
                                       .households = "[{'id': 'H1', 'size': 2, "
                                                     "'arrival': '2017-01-02', "
                                                     "'lease': 'temporary'}]"},
                     &(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                                  "'start': '2017-01-02', 'end': '2018-01-02'}"},
                     "rule 2");
}

/* ---- rule 3: dates ---- */

static const char WAIT_TWO_WEEKS[] = "{'max_wait_days': 14, 'start_step_days': 7}";

static void start_off_the_step_grid_breaks_rule_3(void)
{
    expect_violation(&(scenario_parts){.rules = WAIT_TWO_WEEKS},
                     &(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                                  "'start': '2017-01-05', 'end': '2017-04-05'}"},
                     "rule 3");
}

static void start_on_the_step_grid_keeps_rule_3(void)
{
    expect_clean(&(scenario_parts){.rules = WAIT_TWO_WEEKS},
                 &(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                              "'start': '2017-01-16', 'end': '2017-04-16'}"});
}

static void wait_beyond_max_wait_days_breaks_rule_3(void)
{
    expect_violation(&(scenario_parts){.rules = WAIT_TWO_WEEKS},
                     &(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                                  "'start': '2017-01-23', 'end': '2017-04-23'}"},
                     "rule 3");
}

static void start_before_arrival_breaks_rule_3(void)
{
    expect_violation(&(scenario_parts){.rules = WAIT_TWO_WEEKS,
                                       .households = "[{'id': 'H1', 'size': 2, "
                                                     "'arrival': '2017-01-09'}]"},
                     &(plan_parts){.assignments = H1_IN_D1}, "rule 3");
}

static void start_before_the_horizon_breaks_rule_3(void)
{
    expect_violation(&(scenario_parts){.rules = WAIT_TWO_WEEKS,
                                       .households = "[{'id': 'H1', 'size': 2, "
                                                     "'arrival': '2016-12-26'}]"},
                     &(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                                  "'start': '2016-12-26', 'end': '2017-03-26'}"},
                     "rule 3");
}

static void start_at_the_horizon_end_breaks_rule_3(void)
{
    expect_violation(&(scenario_parts){.rules = WAIT_TWO_WEEKS,
                                       .households = "[{'id': 'H1', 'size': 2, "
                                                     "'arrival': '2017-12-25'}]"},
                     &(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                                  "'start': '2018-01-01', 'end': '2018-04-01'}"},
                     "rule 3");
}

static void start_before_available_from_breaks_rule_3(void)
{
    expect_violation(&(scenario_parts){.dwellings = "[{'id': 'D1', 'territory': 'T1', "
                                                    "'places': 4, "
                                                    "'available_from': '2017-01-03'}]"},
                     &(plan_parts){.assignments = H1_IN_D1}, "rule 3");
}

static void end_after_available_until_breaks_rule_3(void)
{
    expect_violation(&(scenario_parts){.dwellings = "[{'id': 'D1', 'territory': 'T1', "
                                                    "'places': 4, "
                                                    "'available_until': '2017-04-01'}]"},
                     &(plan_parts){.assignments = H1_IN_D1}, "rule 3");
}

static void end_on_available_until_keeps_rule_3(void)
{
    expect_clean(&(scenario_parts){.dwellings = "[{'id': 'D1', 'territory': 'T1', 'places': 4, "
                                                "'available_from': '2017-01-02', "
                                                "'available_until': '2017-04-02'}]"},
                 &(plan_parts){.assignments = H1_IN_D1});
}

/* ---- rule 4: ends ---- */

static void wrong_end_date_breaks_rule_4(void)
{
    expect_violation_at(&(scenario_parts){0},
                        &(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                                     "'start': '2017-01-02', "
                                                     "'end': '2017-04-03'}"},
                        "rule 4", "/assignments/0");
}

static void household_stay_months_set_the_end(void)
{
    scenario_parts six_months = {.households = "[{'id': 'H1', 'size': 2, "
                                               "'arrival': '2017-01-02', 'stay_months': 6}]"};
    expect_violation(&six_months, &(plan_parts){.assignments = H1_IN_D1}, "rule 4");
    expect_clean(&six_months, &(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                                           "'start': '2017-01-02', "
                                                           "'end': '2017-07-02'}"});
}

static void sliding_lease_ends_after_support_months(void)
{
    scenario_parts sliding = {.dwellings = "[{'id': 'D1', 'territory': 'T1', 'places': 4, "
                                           "'lease': 'sliding'}]"};
    expect_violation(&sliding, &(plan_parts){.assignments = H1_IN_D1}, "rule 4");
    expect_clean(&sliding, &(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                                        "'start': '2017-01-02', "
                                                        "'end': '2018-01-02'}"});
}

static void end_clamped_to_month_end_keeps_rule_4(void)
{
    scenario_parts late = {.households = "[{'id': 'H1', 'size': 2, 'arrival': '2017-11-30'}]"};
    expect_clean(&late, &(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                                     "'start': '2017-11-30', "
                                                     "'end': '2018-02-28'}"});
    expect_violation(&late, &(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                                         "'start': '2017-11-30', "
                                                         "'end': '2018-03-02'}"},
                     "rule 4");
}

/* ---- rule 5: occupancy ---- */

/* Two households of two: H1 arriving on 2 January, H2 on arrival. */
static void two_pairs(char *text, size_t size, const char *arrival)
{
    snprintf(text, size,
             "[{'id': 'H1', 'size': 2, 'arrival': '2017-01-02'},"
             " {'id': 'H2', 'size': 2, 'arrival': '%s'}]",
             arrival);
}

/* Two households of two, the second arriving on arrival, in one dwelling one after the other. */
static void expect_second_stay(const char *rules, const char *arrival, const char *end,
                               const char *fragment)
{
    char households[200], assignments[400];
    two_pairs(households, sizeof households, arrival);
    snprintf(assignments, sizeof assignments,
             "%s, {'household': 'H2', 'dwelling': 'D1', 'start': '%s', 'end': '%s'}", H1_IN_D1,
             arrival, end);
    scenario_parts sp = {.rules = rules, .households = households};
    plan_parts pp = {.assignments = assignments};
    if (fragment)
        expect_violation(&sp, &pp, fragment);
    else
        expect_clean(&sp, &pp);
}

static void overlapping_stays_in_an_unshared_dwelling_break_rule_5(void)
{
    expect_second_stay(NULL, "2017-03-27", "2017-06-27", "rule 5");
    expect_second_stay(NULL, "2017-04-01", "2017-07-01", "rule 5");
}

static void moving_in_on_the_previous_end_keeps_rule_5(void)
{
    expect_second_stay(NULL, "2017-04-02", "2017-07-02", NULL);
}

static void turnover_days_are_kept_between_stays(void)
{
    expect_second_stay("{'turnover_days': 7}", "2017-04-09", "2017-07-09", NULL);
}

static void turnover_short_by_one_day_breaks_rule_5(void)
{
    expect_second_stay("{'turnover_days': 7}", "2017-04-08", "2017-07-08", "rule 5");
}

static const char SHARED_THREE[] = "[{'id': 'D1', 'territory': 'T1', 'places': 3, "
                                   "'shared': true}]";

/* Two single people in a shared dwelling of three places from 2 January, and a pair arriving
 * and moving in on arrival. */
static void expect_shared_stays(const char *rules, const char *arrival, const char *end,
                                const char *fragment)
{
    char households[300], assignments[600];
    snprintf(households, sizeof households,
             "[{'id': 'H1', 'size': 1, 'arrival': '2017-01-02'},"
             " {'id': 'H2', 'size': 1, 'arrival': '2017-01-02'},"
             " {'id': 'H3', 'size': 2, 'arrival': '%s', 'may_share': true}]",
             arrival);
    snprintf(assignments, sizeof assignments,
             "{'household': 'H1', 'dwelling': 'D1', 'start': '2017-01-02', 'end': '2017-04-02'},"
             "{'household': 'H2', 'dwelling': 'D1', 'start': '2017-01-02', 'end': '2017-04-02'},"
             "{'household': 'H3', 'dwelling': 'D1', 'start': '%s', 'end': '%s'}",
             arrival, end);
    scenario_parts sp = {.rules = rules, .dwellings = SHARED_THREE, .households = households};
    plan_parts pp = {.assignments = assignments};
    if (fragment)
        expect_violation(&sp, &pp, fragment);
    else
        expect_clean(&sp, &pp);
}

static void shared_dwelling_over_its_places_on_some_date_breaks_rule_5(void)
{
    expect_shared_stays(NULL, "2017-03-06", "2017-06-06", "rule 5");
}

static void shared_dwelling_within_its_places_keeps_rule_5(void)
{
    expect_shared_stays(NULL, "2017-04-02", "2017-07-02", NULL);
}

static void shared_dwelling_counts_turnover_days(void)
{
    expect_shared_stays("{'turnover_days': 7}", "2017-04-02", "2017-07-02", "rule 5");
    expect_shared_stays("{'turnover_days': 7}", "2017-04-09", "2017-07-09", NULL);
}

static void shared_dwelling_holds_several_households_at_once(void)
{
    expect_clean(&(scenario_parts){.dwellings = SHARED_THREE,
                                   .households = "[{'id': 'H1', 'size': 1, "
                                                 "'arrival': '2017-01-02'},"
                                                 " {'id': 'H2', 'size': 2, "
                                                 "'arrival': '2017-01-02', "
                                                 "'may_share': true}]"},
                 &(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                              "'start': '2017-01-02', 'end': '2017-04-02'},"
                                              "{'household': 'H2', 'dwelling': 'D1', "
                                              "'start': '2017-01-02', 'end': '2017-04-02'}"});
}

static void sliding_dwelling_hosting_two_households_breaks_rule_5(void)
{
    char households[200];
    two_pairs(households, sizeof households, "2017-07-03");
    expect_violation(&(scenario_parts){.rules = "{'support_months': 3}",
                                       .dwellings = "[{'id': 'D1', 'territory': 'T1', "
                                                    "'places': 4, 'lease': 'sliding'}]",
                                       .households = households},
                     &(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                                  "'start': '2017-01-02', 'end': '2017-04-02'},"
                                                  "{'household': 'H2', 'dwelling': 'D1', "
                                                  "'start': '2017-07-03', 'end': '2017-10-03'}"},
                     "rule 5");
}

/* ---- rule 6: caseload ---- */

static const char CASELOAD_ONE[] = "[{'id': 'T1', 'caseload': 1}, {'id': 'T2'}]";

/* H1 in D1 from 2 January and H2 in D2 from its arrival, both in T1 (caseload 1), with three
 * months of support. */
static void expect_second_support(const char *arrival, const char *end, const char *fragment)
{
    char households[200], assignments[400];
    two_pairs(households, sizeof households, arrival);
    snprintf(assignments, sizeof assignments,
             "%s, {'household': 'H2', 'dwelling': 'D2', 'start': '%s', 'end': '%s'}", H1_IN_D1,
             arrival, end);
    scenario_parts sp = {.rules = "{'support_months': 3}", .territories = CASELOAD_ONE,
                         .dwellings = TWO_DWELLINGS, .households = households};
    plan_parts pp = {.assignments = assignments};
    if (fragment)
        expect_violation(&sp, &pp, fragment);
    else
        expect_clean(&sp, &pp);
}

static void caseload_exceeded_on_one_date_breaks_rule_6(void)
{
    expect_second_support("2017-04-01", "2017-07-01", "rule 6");
}

static void caseload_frees_up_when_support_ends(void)
{
    expect_second_support("2017-04-02", "2017-07-02", NULL);
}

static void caseload_counts_support_beyond_the_stay(void)
{
    char households[200];
    two_pairs(households, sizeof households, "2017-06-05");
    expect_violation(&(scenario_parts){.territories = CASELOAD_ONE, .dwellings = TWO_DWELLINGS,
                                       .households = households},
                     &(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                                  "'start': '2017-01-02', 'end': '2017-04-02'},"
                                                  "{'household': 'H2', 'dwelling': 'D2', "
                                                  "'start': '2017-06-05', 'end': '2017-09-05'}"},
                     "rule 6");
}

static void caseload_is_the_dwelling_territory(void)
{
    scenario_parts sp = {.territories = "[{'id': 'T1'}, {'id': 'T2', 'caseload': 0}]",
                         .dwellings = "[{'id': 'D1', 'territory': 'T1', 'places': 4},"
                                      " {'id': 'D2', 'territory': 'T2', 'places': 4}]"};
    expect_clean(&sp, &(plan_parts){.assignments = H1_IN_D1});
    expect_violation(&sp, &(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D2', "
                                                       "'start': '2017-01-02', "
                                                       "'end': '2017-04-02'}"},
                     "rule 6");
}

/* ---- rule 7: fixed stays ---- */

static const char FIXED_H1_IN_D1[] = "[{'household': 'H1', 'dwelling': 'D1', "
                                     "'start': '2017-01-02'}]";

static void fixed_stay_missing_from_the_plan_breaks_rule_7(void)
{
    expect_violation(&(scenario_parts){.fixed = FIXED_H1_IN_D1},
                     &(plan_parts){.unassigned = "{'household': 'H1', 'code': 'capacity'}"},
                     "rule 7");
}

static void fixed_stay_moved_to_another_date_breaks_rule_7(void)
{
    expect_violation(&(scenario_parts){.rules = WAIT_TWO_WEEKS, .fixed = FIXED_H1_IN_D1},
                     &(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                                  "'start': '2017-01-09', 'end': '2017-04-09'}"},
                     "rule 7");
}

static void fixed_stay_kept_has_no_violations(void)
{
    expect_clean(&(scenario_parts){.fixed = FIXED_H1_IN_D1},
                 &(plan_parts){.assignments = H1_IN_D1});
}

static void fixed_stay_is_exempt_from_the_grid_and_the_waiting_limit(void)
{
    expect_clean(&(scenario_parts){.households = "[{'id': 'H1', 'size': 2, "
                                                 "'arrival': '2016-12-01'}]",
                                   .fixed = "[{'household': 'H1', 'dwelling': 'D1', "
                                            "'start': '2017-01-04'}]"},
                 &(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                              "'start': '2017-01-04', 'end': '2017-04-04'}"});
}

/* A stay that already happened may have begun before the horizon. */
static void fixed_stay_before_the_horizon_is_kept(void)
{
    expect_clean(&(scenario_parts){.households = "[{'id': 'H1', 'size': 2, "
                                                 "'arrival': '2016-11-07'}]",
                                   .fixed = "[{'household': 'H1', 'dwelling': 'D1', "
                                            "'start': '2016-11-07'}]"},
                 &(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                              "'start': '2016-11-07', 'end': '2017-02-07'}"});
}

/* The exemption covers the grid, the waiting limit and the horizon only: no one moves in before
 * arriving. */
static void fixed_stay_before_arrival_breaks_rule_3(void)
{
    expect_violation(&(scenario_parts){.households = "[{'id': 'H1', 'size': 2, "
                                                     "'arrival': '2017-01-09'}]",
                                       .fixed = FIXED_H1_IN_D1},
                     &(plan_parts){.assignments = H1_IN_D1}, "rule 3");
}

/* A stay kept by a re-plan escapes the grid and the horizon: the mark must match the plan's
 * re-plan date, else any stay could be made to pass by calling it kept. H1 arrives 2017-01-02;
 * 2017-01-04 is off its grid. */
static const char H1_KEPT_OFF_GRID[] = "{'household': 'H1', 'dwelling': 'D1', 'start': "
                                       "'2017-01-04', 'end': '2017-04-04', 'fixed': true, "
                                       "'kept': '%s'}";

static void expect_kept(const char *kept, const char *extra, int breaks)
{
    char assignment[200];
    snprintf(assignment, sizeof assignment, H1_KEPT_OFF_GRID, kept);
    plan_parts plan = {.assignments = assignment, .extra = extra};
    if (breaks)
        expect_violation_at(&(scenario_parts){0}, &plan, "rule 7", "/assignments/0");
    else
        expect_clean(&(scenario_parts){0}, &plan);
}

static void stay_kept_outside_a_replan_breaks_rule_7(void)
{
    expect_kept("begun", NULL, 1);
    expect_kept("announced", NULL, 1);
}

static void stay_begun_after_the_replan_date_breaks_rule_7(void)
{
    expect_kept("begun", "'replan': {'now': '2017-01-03'}", 1);
    expect_kept("begun", "'replan': {'now': '2017-01-04'}", 1);
}

static void stay_announced_before_the_replan_date_breaks_rule_7(void)
{
    expect_kept("announced", "'replan': {'now': '2017-01-05'}", 1);
}

static void stays_kept_true_to_the_replan_date_keep_rule_7(void)
{
    expect_kept("begun", "'replan': {'now': '2017-01-05'}", 0);
    expect_kept("announced", "'replan': {'now': '2017-01-04'}", 0);
    expect_kept("announced", "'replan': {'now': '2017-01-04', 'notice_days': 1}", 0);
}

/* The notice the re-plan used bounds what it announced: the stay from 2017-01-04, a re-plan
 * on 2017-01-02 with 2 days' notice (which ends on 2017-01-04) had not announced it. Without
 * replan.notice_days (older plans), nothing bounds it. */
static void stay_announced_beyond_the_notice_breaks_rule_7(void)
{
    expect_kept("announced", "'replan': {'now': '2017-01-02', 'notice_days': 2}", 1);
    expect_kept("announced", "'replan': {'now': '2017-01-02', 'notice_days': 3}", 0);
    expect_kept("announced", "'replan': {'now': '2017-01-02'}", 0);
    verdict v = verify(&(scenario_parts){0},
                       &(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                                    "'start': '2017-01-04', 'end': '2017-04-04', "
                                                    "'fixed': true, 'kept': 'announced'}",
                                     .extra = "'replan': {'now': '2017-01-02', "
                                              "'notice_days': 2}"});
    CU_ASSERT(diagnostics_contain(v.diags, "(2 days from 2017-01-02) ends on 2017-01-04",
                                  NULL));
    logis_diagnostics_free(v.diags);
}

/* A plan may put any number of stays in one dwelling; rule 5 is checked in n log n (it was n
 * squared: 200,000 stays took minutes). 60,000 stays of H1 in D1 must verify in seconds. */
static void many_stays_in_one_dwelling_are_checked_quickly(void)
{
    enum { STAYS = 60000 };
    static const char stay_text[] = "{\"household\": \"H1\", \"dwelling\": \"D1\", \"start\": "
                                    "\"2017-01-02\", \"end\": \"2017-04-02\"},";
    size_t size = STAYS * sizeof stay_text + 200;
    char *text = malloc(size), *scenario = malloc(TEXT_SIZE);
    logis_diagnostics *d = logis_diagnostics_new();
    logis_scenario *s = NULL;
    logis_plan *plan = NULL;
    CU_ASSERT_FATAL(text && scenario && d);
    size_t used = (size_t)snprintf(text, size, "{\"assignments\": [");
    for (int i = 0; i < STAYS; i++)
        used += (size_t)snprintf(text + used, size - used, "%s", stay_text);
    snprintf(text + used - 1, size - used + 1, "], \"unassigned\": []}");
    logis_scenario_load(write_scenario(&(scenario_parts){0}, scenario), &s, d);
    clock_t started = clock();
    if (s && logis_plan_load(write_fixture("many.json", text), s, &plan, d) == LOGIS_OK) {
        long violations = logis_plan_verify(s, plan, d);
        CU_ASSERT(violations >= STAYS - 1);
    }
    double seconds = (double)(clock() - started) / CLOCKS_PER_SEC;
    CU_ASSERT_PTR_NOT_NULL(plan);
    assert_described(seconds < 3, "60,000 stays in one dwelling verified within 3 s of CPU", d);
    logis_plan_free(plan);
    logis_scenario_free(s);
    logis_diagnostics_free(d);
    free(scenario);
    free(text);
}

static void fixed_stay_must_still_fit(void)
{
    expect_violation(&(scenario_parts){.households = "[{'id': 'H1', 'size': 6, "
                                                     "'arrival': '2017-01-02'}]",
                                       .fixed = FIXED_H1_IN_D1},
                     &(plan_parts){.assignments = H1_IN_D1}, "rule 2");
}

static void fixed_stays_count_in_the_caseload(void)
{
    expect_violation(&(scenario_parts){.territories = CASELOAD_ONE, .dwellings = TWO_DWELLINGS,
                                       .households = "[{'id': 'H1', 'size': 2, "
                                                     "'arrival': '2016-12-01'},"
                                                     " {'id': 'H2', 'size': 2, "
                                                     "'arrival': '2017-01-09'}]",
                                       .fixed = "[{'household': 'H1', 'dwelling': 'D1', "
                                                "'start': '2017-01-04'}]"},
                     &(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                                  "'start': '2017-01-04', 'end': '2017-04-04'},"
                                                  "{'household': 'H2', 'dwelling': 'D2', "
                                                  "'start': '2017-01-09', 'end': '2017-04-09'}"},
                     "rule 6");
}

/* ---- figures the plan states ---- */

static void correct_stated_figures_have_no_violations(void)
{
    expect_clean(&(scenario_parts){0},
                 &(plan_parts){.assignments = H1_IN_D1,
                               .extra = "'objective': {'weighted_persons_housed': 2},"
                                        " 'summary': {'households': 1, 'persons_housed': 2}"});
}

static void persons_housed_off_by_one_is_a_violation(void)
{
    verdict v = verify(&(scenario_parts){0},
                       &(plan_parts){.assignments = H1_IN_D1,
                                     .extra = "'summary': {'persons_housed': 3}"});
    CU_ASSERT_EQUAL(v.violations, 1);
    CU_ASSERT(diagnostics_contain(v.diags, "summary.persons_housed", NULL));
    logis_diagnostics_free(v.diags);
}

static void weighted_persons_stated_wrongly_is_a_violation(void)
{
    verdict v = verify(
        &(scenario_parts){.households = "[{'id': 'H1', 'size': 2, 'arrival': '2017-01-02', "
                                        "'priority': 3}]"},
        &(plan_parts){.assignments = H1_IN_D1,
                      .extra = "'objective': {'weighted_persons_housed': 2}"});
    CU_ASSERT_EQUAL(v.violations, 1);
    CU_ASSERT(diagnostics_contain(v.diags, "objective.weighted_persons_housed", NULL));
    logis_diagnostics_free(v.diags);
}

/* H1 (2 persons) housed: a bound below 2 is no bound, and the gap is what bound and value make
 * (written to six decimals). */
static void stated_bound_and_gap_must_hold_for_the_plan(void)
{
    expect_clean(&(scenario_parts){0},
                 &(plan_parts){.assignments = H1_IN_D1,
                               .extra = "'objective': {'bound': 3, 'gap': 0.333333}"});
    verdict v = verify(&(scenario_parts){0},
                       &(plan_parts){.assignments = H1_IN_D1,
                                     .extra = "'objective': {'bound': 1, 'gap': 0}"});
    CU_ASSERT_EQUAL(v.violations, 1);
    CU_ASSERT(diagnostics_contain(v.diags, "objective.bound is 1", "below the 2", NULL));
    logis_diagnostics_free(v.diags);
    v = verify(&(scenario_parts){0},
               &(plan_parts){.assignments = H1_IN_D1,
                             .extra = "'objective': {'bound': 1e300, 'gap': 0}"});
    CU_ASSERT_EQUAL(v.violations, 1);
    CU_ASSERT(diagnostics_contain(v.diags, "objective.gap is 0", NULL));
    logis_diagnostics_free(v.diags);
}

static void territory_figures_stated_wrongly_are_a_violation(void)
{
    verdict v = verify(&(scenario_parts){0},
                       &(plan_parts){.assignments = H1_IN_D1,
                                     .extra = "'summary': {'territories': ["
                                              "{'id': 'T1', 'households_housed': 1, "
                                              "'persons_housed': 3},"
                                              " {'id': 'T2', 'households_housed': 0, "
                                              "'persons_housed': 0}]}"});
    CU_ASSERT_EQUAL(v.violations, 1);
    CU_ASSERT(diagnostics_contain(v.diags, "persons_housed", "T1", NULL));
    logis_diagnostics_free(v.diags);
}

/* A summary that lists territories lists each of the scenario's (T1, T2) once: one left out
 * would hide its figures from the check. */
static void territories_left_out_of_the_summary_are_a_violation(void)
{
    static const char T1[] = "{'id': 'T1', 'households_housed': 1, 'persons_housed': 2}";
    static const char T2[] = "{'id': 'T2', 'households_housed': 0, 'persons_housed': 0}";
    char extra[400];
    snprintf(extra, sizeof extra, "'summary': {'territories': [%s, %s]}", T1, T2);
    expect_clean(&(scenario_parts){0}, &(plan_parts){.assignments = H1_IN_D1, .extra = extra});
    snprintf(extra, sizeof extra, "'summary': {'territories': [%s]}", T1);
    verdict v = verify(&(scenario_parts){0},
                       &(plan_parts){.assignments = H1_IN_D1, .extra = extra});
    CU_ASSERT_EQUAL(v.violations, 1);
    CU_ASSERT(diagnostics_contain(v.diags, "summary.territories leaves out territory T2", NULL));
    logis_diagnostics_free(v.diags);
    snprintf(extra, sizeof extra, "'summary': {'territories': [%s, %s, %s]}", T1, T2, T1);
    v = verify(&(scenario_parts){0}, &(plan_parts){.assignments = H1_IN_D1, .extra = extra});
    CU_ASSERT_EQUAL(v.violations, 1);
    CU_ASSERT(diagnostics_contain(v.diags, "summary.territories lists territory T1 2 times",
                                  NULL));
    logis_diagnostics_free(v.diags);
}

/* solver.levels[0] is level 1: H1 (2 persons) housed, its value is 2 and its bound the
 * objective's; a minimised level's bound is not above its value (H1 waits 0 days). */
static void first_level_must_agree_with_the_objective(void)
{
    static const char BOUND_3[] = "'objective': {'bound': 3, 'gap': 0.333333}, 'solver': "
                                  "{'levels': [{'objective': 'weighted_persons_housed', %s}]}";
    char extra[300];
    snprintf(extra, sizeof extra, BOUND_3, "'value': 2, 'bound': 3");
    expect_clean(&(scenario_parts){0}, &(plan_parts){.assignments = H1_IN_D1, .extra = extra});
    snprintf(extra, sizeof extra, BOUND_3, "'value': 1000, 'bound': -5");
    verdict v = verify(&(scenario_parts){0},
                       &(plan_parts){.assignments = H1_IN_D1, .extra = extra});
    CU_ASSERT_EQUAL(v.violations, 2);
    CU_ASSERT(diagnostics_contain(v.diags, "solver.levels[0].value is 1000",
                                  "objective.weighted_persons_housed is 2", NULL));
    CU_ASSERT(diagnostics_contain(v.diags, "solver.levels[0].bound is -5",
                                  "objective.bound is 3", NULL));
    logis_diagnostics_free(v.diags);
    v = verify(&(scenario_parts){0},
               &(plan_parts){.assignments = H1_IN_D1,
                             .extra = "'solver': {'levels': [{'objective': 'wait_person_days', "
                                      "'value': 0, 'bound': 7}]}"});
    CU_ASSERT_EQUAL(v.violations, 1);
    CU_ASSERT(diagnostics_contain(v.diags, "solver.levels[0].bound is 7", "above the 0", NULL));
    logis_diagnostics_free(v.diags);
}

/* H1 scores 5 in T1, where D1 is: the score's bound is at least 5, its gap is what bound and
 * score make, and a score level first has the score's bound as its bound. */
static void stated_score_bound_must_hold_for_the_plan(void)
{
    static const char SCORED[] = "[{'id': 'H1', 'size': 2, 'arrival': '2017-01-02', "
                                 "'scores': {'T1': 5}}]";
    static const struct {
        const char *extra, *fragment;
    } cases[] = {
        {"'objective': {'score_bound': 10, 'score_gap': 0.5}, 'solver': {'levels': "
         "[{'objective': 'score', 'value': 5, 'bound': 10}]}", NULL},
        {"'objective': {'score_bound': 5, 'score_gap': 0}", NULL},
        {"'objective': {'score_bound': 4}", "objective.score_bound is 4"},
        {"'objective': {'score_bound': 10, 'score_gap': 0}", "objective.score_gap is 0"},
        {"'objective': {'score_bound': 10}, 'solver': {'levels': [{'objective': 'score', "
         "'value': 5, 'bound': 9}]}", "objective.score_bound is 10"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        verdict v = verify(&(scenario_parts){.households = SCORED},
                           &(plan_parts){.assignments = H1_IN_D1, .extra = cases[i].extra});
        CU_ASSERT_EQUAL(v.violations, cases[i].fragment ? 1 : 0);
        CU_ASSERT(!cases[i].fragment || diagnostics_contain(v.diags, cases[i].fragment, NULL));
        logis_diagnostics_free(v.diags);
    }
}

/* An infeasible plan houses no one: its fixed stays break the rules. */
static void infeasible_plan_that_houses_someone_is_a_violation(void)
{
    verdict v = verify(&(scenario_parts){0},
                       &(plan_parts){.assignments = H1_IN_D1, .extra = "'status': 'infeasible'"});
    CU_ASSERT_EQUAL(v.violations, 1);
    CU_ASSERT(diagnostics_contain(v.diags, "status is \"infeasible\"", "house 1 household",
                                  NULL));
    logis_diagnostics_free(v.diags);
}

/* A re-plan's counts are what its changes and stays give: H1 kept, H2 newly housed, GONE (not
 * in the scenario) no longer housed. Counts of -1 or 1.5 were read as 0 and 1. */
static void replan_counts_must_be_those_of_the_changes(void)
{
    static const char FORMAT[] =
        "'replan': {'now': '2017-01-02', %s}, 'changes': [%s"
        "{'household': 'GONE', 'from': {'dwelling': 'D1', 'start': '2017-06-05'}, 'to': null},"
        " {'household': 'H2', 'from': null, 'to': {'dwelling': 'D2', 'start': '2017-01-02'}}]";
    static const char TRUE_COUNTS[] = "'kept': 1, 'moved': 0, 'newly_housed': 1, "
                                      "'no_longer_housed': 1, 'missing_from_scenario': 1";
    scenario_parts two = {.dwellings = TWO_DWELLINGS,
                          .households = "[{'id': 'H1', 'size': 2, 'arrival': '2017-01-02'},"
                                        " {'id': 'H2', 'size': 2, 'arrival': '2017-01-02'}]"};
    char extra[800];
    plan_parts plan = {.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                      "'start': '2017-01-02', 'end': '2017-04-02'},"
                                      "{'household': 'H2', 'dwelling': 'D2', "
                                      "'start': '2017-01-02', 'end': '2017-04-02'}",
                       .extra = extra};
    snprintf(extra, sizeof extra, FORMAT, TRUE_COUNTS, "");
    expect_clean(&two, &plan);
    snprintf(extra, sizeof extra, FORMAT, "'kept': 99, 'moved': -1, 'newly_housed': 1.5", "");
    verdict v = verify(&two, &plan);
    CU_ASSERT_EQUAL(v.violations, 3);
    CU_ASSERT(diagnostics_contain(v.diags, "replan.kept is 99 in the plan, 1 by its changes",
                                  NULL));
    CU_ASSERT(diagnostics_contain(v.diags, "replan.moved is -1 in the plan, 0", NULL));
    CU_ASSERT(diagnostics_contain(v.diags, "replan.newly_housed is 1.5 in the plan, 1", NULL));
    logis_diagnostics_free(v.diags);
    /* a change must say where its household is now */
    snprintf(extra, sizeof extra, FORMAT, TRUE_COUNTS,
             "{'household': 'H1', 'from': null, 'to': {'dwelling': 'D2', "
             "'start': '2017-01-09'}},");
    v = verify(&two, &plan);
    CU_ASSERT(diagnostics_contain(v.diags, "changes[0] says household H1 goes to D2 from "
                                  "2017-01-09, its assignments house it in D1 from 2017-01-02",
                                  NULL));
    logis_diagnostics_free(v.diags);
}

static void assignment_wait_stated_wrongly_is_a_violation(void)
{
    verdict v = verify(&(scenario_parts){0},
                       &(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                                    "'start': '2017-01-02', 'end': '2017-04-02', "
                                                    "'wait_days': 7}"});
    CU_ASSERT_EQUAL(v.violations, 1);
    CU_ASSERT(diagnostics_contain(v.diags, "wait_days", NULL));
    logis_diagnostics_free(v.diags);
}

/* ---- plan files that do not load ---- */

/* Loading the plan fails with LOGIS_E_INPUT and an error at pointer mentioning fragment. */
static void expect_plan_error(const plan_parts *pp, const char *pointer, const char *fragment)
{
    logis_scenario *s = load_scenario(&(scenario_parts){.dwellings = TWO_DWELLINGS});
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    logis_diagnostics *d = logis_diagnostics_new();
    logis_plan *plan = NULL;
    logis_status status = load_plan(s, pp, &plan, d);
    int found = 0;
    for (size_t i = 0; i < logis_diagnostics_count(d); i++) {
        const logis_diagnostic *item = logis_diagnostics_get(d, i);
        found |= item->pointer && strcmp(item->pointer, pointer) == 0 &&
                 strstr(item->message, fragment) && item->file &&
                 strstr(item->file, "plan.json");
    }
    assert_described(status == LOGIS_E_INPUT && !plan && found, pointer, d);
    logis_plan_free(plan);
    logis_scenario_free(s);
    logis_diagnostics_free(d);
}

static void unknown_household_in_a_plan_is_an_input_error(void)
{
    expect_plan_error(&(plan_parts){.assignments = "{'household': 'H9', 'dwelling': 'D1', "
                                                   "'start': '2017-01-02', "
                                                   "'end': '2017-04-02'}"},
                      "/assignments/0/household", "\"H9\"");
}

static void unknown_dwelling_in_a_plan_is_an_input_error(void)
{
    expect_plan_error(&(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                    "'start': '2017-01-02', 'end': '2017-04-02'},"
                                    " {'household': 'H1', 'dwelling': 'D7', "
                                    "'start': '2017-01-02', 'end': '2017-04-02'}"},
                      "/assignments/1/dwelling", "\"D7\"");
}

static void impossible_date_in_a_plan_is_an_input_error(void)
{
    expect_plan_error(&(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                                   "'start': '2017-02-30', "
                                                   "'end': '2017-05-30'}"},
                      "/assignments/0/start", "YYYY-MM-DD");
}

/* A date out of range or impossible is said as the scenario's are: the value and the range
 * every reader accepts ("must be a date YYYY-MM-DD" said neither). */
static void date_beyond_the_range_in_a_plan_is_said_with_its_value(void)
{
    expect_plan_error(&(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                                   "'start': '2017-01-02', "
                                                   "'end': '3000-01-01'}"},
                      "/assignments/0/end", "must be a real calendar date YYYY-MM-DD from "
                      "1900-01-01 to 2999-12-31 (got \"3000-01-01\")");
    expect_plan_error(&(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                                   "'start': '2027-02-29', "
                                                   "'end': '2027-05-29'}"},
                      "/assignments/0/start", "to 2999-12-31 (got \"2027-02-29\")");
    expect_plan_error(&(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                                   "'start': 20170102, 'end': '2017-04-02'}"},
                      "/assignments/0/start", "must be a date YYYY-MM-DD (got a number)");
}

static void unknown_code_in_a_plan_is_an_input_error(void)
{
    expect_plan_error(&(plan_parts){.unassigned = "{'household': 'H1', 'code': 'too_big'}"},
                      "/unassigned/0/code", "no_fit");
}

/* A reason is kept as written, for reports: it holds no terminal escape or bidirectional
 * control, as the scenario's ids and names do not. */
static void control_characters_in_a_plan_reason_are_an_input_error(void)
{
    expect_plan_error(&(plan_parts){.unassigned = "{'household': 'H1', 'code': 'capacity', "
                                                  "'reason': 'full\\u001b[2J'}"},
                      "/unassigned/0/reason", "a control character (U+001B)");
    expect_plan_error(&(plan_parts){.unassigned = "{'household': 'H1', 'code': 'capacity', "
                                                  "'reason': 'full \\u202e'}"},
                      "/unassigned/0/reason", "a bidirectional control character (U+202E)");
}

/* JSON parsers differ on which of two members of the same name counts: a plan that names one
 * twice, at any depth, is refused with the member's pointer. */
static void member_given_twice_in_a_plan_is_an_input_error(void)
{
    expect_plan_error(&(plan_parts){.unassigned = "{'household': 'H1', 'code': 'capacity'}",
                                    .extra = "'status': 'infeasible', 'status': 'optimal'"},
                      "/status", "member given twice");
    expect_plan_error(&(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                                   "'start': '2017-01-02', 'end': '2017-04-02', "
                                                   "'note': 1, 'note': 2}"},
                      "/assignments/0/note", "member given twice");
}

/* What a plan states of its solve must be what the plan format allows: a gap from 0 to 1, a
 * bound >= 0, one of the three statuses. */
static void impossible_solve_figures_in_a_plan_are_an_input_error(void)
{
    static const char LEFT[] = "{'household': 'H1', 'code': 'capacity'}";
    expect_plan_error(&(plan_parts){.unassigned = LEFT, .extra = "'objective': {'gap': -1}"},
                      "/objective/gap", "must be a number from 0 to 1 (got -1)");
    expect_plan_error(&(plan_parts){.unassigned = LEFT, .extra = "'objective': {'gap': 1.5}"},
                      "/objective/gap", "(got 1.5)");
    expect_plan_error(&(plan_parts){.unassigned = LEFT, .extra = "'objective': {'gap': '0'}"},
                      "/objective/gap", "(got a string)");
    expect_plan_error(&(plan_parts){.unassigned = LEFT, .extra = "'objective': {'bound': -3}"},
                      "/objective/bound", "must be a number >= 0 (got -3)");
    expect_plan_error(&(plan_parts){.unassigned = LEFT, .extra = "'status': 'perfect'"},
                      "/status", "must be \"optimal\", \"feasible\" or \"infeasible\"");
    expect_plan_error(&(plan_parts){.unassigned = LEFT, .extra = "'status': null"}, "/status",
                      "must be \"optimal\"");
    expect_plan_error(&(plan_parts){.unassigned = LEFT,
                                    .extra = "'objective': {'score_gap': 2}"},
                      "/objective/score_gap", "must be a number from 0 to 1 (got 2)");
}

/* A figure the plan states is a number: one that is not would escape the check. */
static void stated_figures_that_are_not_numbers_are_an_input_error(void)
{
    static const char LEFT[] = "{'household': 'H1', 'code': 'capacity'}";
    expect_plan_error(&(plan_parts){.unassigned = LEFT,
                                    .extra = "'summary': {'persons_housed': '3'}"},
                      "/summary/persons_housed", "must be a number (got a string)");
    expect_plan_error(&(plan_parts){.unassigned = LEFT,
                                    .extra = "'objective': {'weighted_persons_housed': null}"},
                      "/objective/weighted_persons_housed", "must be a number (got null)");
    expect_plan_error(&(plan_parts){.assignments = "{'household': 'H1', 'dwelling': 'D1', "
                                                   "'start': '2017-01-02', 'end': '2017-04-02', "
                                                   "'size': [2]}"},
                      "/assignments/0/size", "must be a number (got an array)");
    expect_plan_error(&(plan_parts){.unassigned = LEFT,
                                    .extra = "'solver': {'levels': [{'objective': "
                                             "'weighted_persons_housed', 'bound': true}]}"},
                      "/solver/levels/0/bound", "must be a number (got");
}

/* replan.notice_days is a whole number of days. */
static void notice_that_is_no_number_of_days_is_an_input_error(void)
{
    static const char LEFT[] = "{'household': 'H1', 'code': 'capacity'}";
    expect_plan_error(&(plan_parts){.unassigned = LEFT,
                                    .extra = "'replan': {'now': '2017-01-02', 'notice_days': -1}"},
                      "/replan/notice_days", "must be a number >= 0 (got -1)");
    expect_plan_error(&(plan_parts){.unassigned = LEFT,
                                    .extra = "'replan': {'now': '2017-01-02', "
                                             "'notice_days': 1.5}"},
                      "/replan/notice_days", "must be a whole number of days (got 1.5)");
}

/* A trivial bound read from a plan is written back as trivial: found by fuzzing the plan
 * reader, which dropped the kind, so that a plan read and written again claimed a relaxation's
 * bound. */
static void bound_kind_of_a_plan_survives_reading_and_writing(void)
{
    static const char LEFT[] = "{'household': 'H1', 'code': 'capacity'}";
    logis_scenario *s = load_scenario(&(scenario_parts){0});
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    logis_diagnostics *d = logis_diagnostics_new();
    logis_plan *plan = NULL;
    plan_parts trivial = {.unassigned = LEFT,
                          .extra = "'objective': {'bound': 4, 'bound_kind': 'trivial'}"};
    CU_ASSERT_EQUAL_FATAL(load_plan(s, &trivial, &plan, d), LOGIS_OK);
    char *json = logis_plan_to_json(plan);
    CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"bound_kind\":\t\"trivial\""));
    free(json);
    logis_plan_free(plan);
    logis_scenario_free(s);
    logis_diagnostics_free(d);
    expect_plan_error(&(plan_parts){.unassigned = LEFT,
                                    .extra = "'objective': {'bound_kind': 'exact'}"},
                      "/objective/bound_kind", "must be \"relaxation\" or \"trivial\"");
}

static void plan_without_assignments_is_an_input_error(void)
{
    logis_scenario *s = load_scenario(&(scenario_parts){0});
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    logis_diagnostics *d = logis_diagnostics_new();
    logis_plan *plan = NULL;
    char text[] = "{'unassigned': [{'household': 'H1', 'code': 'capacity'}]}";
    CU_ASSERT_EQUAL(logis_plan_load(write_text("plan.json", text), s, &plan, d), LOGIS_E_INPUT);
    CU_ASSERT_PTR_NULL(plan);
    CU_ASSERT(diagnostics_contain(d, "plan.json: /assignments: must be an array", NULL));
    logis_plan_free(plan);
    logis_scenario_free(s);
    logis_diagnostics_free(d);
}

static void plan_syntax_error_is_located(void)
{
    logis_scenario *s = load_scenario(&(scenario_parts){0});
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    logis_diagnostics *d = logis_diagnostics_new();
    logis_plan *plan = NULL;
    char text[] = "{\n  'assignments': []\n  'unassigned': []\n}\n";
    CU_ASSERT_EQUAL(logis_plan_load(write_text("plan.json", text), s, &plan, d), LOGIS_E_INPUT);
    CU_ASSERT_PTR_NULL(plan);
    CU_ASSERT(diagnostics_contain(d, "plan.json:3:3: syntax error: expected ',' or '}'", NULL));
    logis_plan_free(plan);
    logis_scenario_free(s);
    logis_diagnostics_free(d);
}

void suite_verify(void)
{
    CU_pSuite suite = CU_add_suite("verify", NULL, NULL);
    CU_add_test(suite, "control_characters_in_a_plan_reason_are_an_input_error",
                control_characters_in_a_plan_reason_are_an_input_error);
    CU_add_test(suite, "member_given_twice_in_a_plan_is_an_input_error",
                member_given_twice_in_a_plan_is_an_input_error);
    CU_add_test(suite, "impossible_solve_figures_in_a_plan_are_an_input_error",
                impossible_solve_figures_in_a_plan_are_an_input_error);
    CU_add_test(suite, "bound_kind_of_a_plan_survives_reading_and_writing",
                bound_kind_of_a_plan_survives_reading_and_writing);
    CU_add_test(suite, "correct_plan_has_no_violations", correct_plan_has_no_violations);
    CU_add_test(suite, "plan_leaving_everyone_out_has_no_violations",
                plan_leaving_everyone_out_has_no_violations);
    CU_add_test(suite, "plan_written_by_logis_verifies_clean",
                plan_written_by_logis_verifies_clean);
    CU_add_test(suite, "household_housed_twice_breaks_rule_1",
                household_housed_twice_breaks_rule_1);
    CU_add_test(suite, "household_both_assigned_and_unassigned_is_reported",
                household_both_assigned_and_unassigned_is_reported);
    CU_add_test(suite, "household_missing_from_the_plan_is_reported",
                household_missing_from_the_plan_is_reported);
    CU_add_test(suite, "household_larger_than_the_dwelling_breaks_rule_2",
                household_larger_than_the_dwelling_breaks_rule_2);
    CU_add_test(suite, "missing_need_breaks_rule_2", missing_need_breaks_rule_2);
    CU_add_test(suite, "met_needs_keep_rule_2", met_needs_keep_rule_2);
    CU_add_test(suite, "territory_not_accepted_breaks_rule_2",
                territory_not_accepted_breaks_rule_2);
    CU_add_test(suite, "non_sharing_household_in_shared_dwelling_breaks_rule_2",
                non_sharing_household_in_shared_dwelling_breaks_rule_2);
    CU_add_test(suite, "lease_wish_breaks_rule_2", lease_wish_breaks_rule_2);
    CU_add_test(suite, "start_off_the_step_grid_breaks_rule_3",
                start_off_the_step_grid_breaks_rule_3);
    CU_add_test(suite, "start_on_the_step_grid_keeps_rule_3",
                start_on_the_step_grid_keeps_rule_3);
    CU_add_test(suite, "wait_beyond_max_wait_days_breaks_rule_3",
                wait_beyond_max_wait_days_breaks_rule_3);
    CU_add_test(suite, "start_before_arrival_breaks_rule_3", start_before_arrival_breaks_rule_3);
    CU_add_test(suite, "start_before_the_horizon_breaks_rule_3",
                start_before_the_horizon_breaks_rule_3);
    CU_add_test(suite, "start_at_the_horizon_end_breaks_rule_3",
                start_at_the_horizon_end_breaks_rule_3);
    CU_add_test(suite, "start_before_available_from_breaks_rule_3",
                start_before_available_from_breaks_rule_3);
    CU_add_test(suite, "end_after_available_until_breaks_rule_3",
                end_after_available_until_breaks_rule_3);
    CU_add_test(suite, "end_on_available_until_keeps_rule_3",
                end_on_available_until_keeps_rule_3);
    CU_add_test(suite, "wrong_end_date_breaks_rule_4", wrong_end_date_breaks_rule_4);
    CU_add_test(suite, "household_stay_months_set_the_end", household_stay_months_set_the_end);
    CU_add_test(suite, "sliding_lease_ends_after_support_months",
                sliding_lease_ends_after_support_months);
    CU_add_test(suite, "end_clamped_to_month_end_keeps_rule_4",
                end_clamped_to_month_end_keeps_rule_4);
    CU_add_test(suite, "overlapping_stays_in_an_unshared_dwelling_break_rule_5",
                overlapping_stays_in_an_unshared_dwelling_break_rule_5);
    CU_add_test(suite, "moving_in_on_the_previous_end_keeps_rule_5",
                moving_in_on_the_previous_end_keeps_rule_5);
    CU_add_test(suite, "turnover_days_are_kept_between_stays",
                turnover_days_are_kept_between_stays);
    CU_add_test(suite, "turnover_short_by_one_day_breaks_rule_5",
                turnover_short_by_one_day_breaks_rule_5);
    CU_add_test(suite, "shared_dwelling_over_its_places_on_some_date_breaks_rule_5",
                shared_dwelling_over_its_places_on_some_date_breaks_rule_5);
    CU_add_test(suite, "shared_dwelling_within_its_places_keeps_rule_5",
                shared_dwelling_within_its_places_keeps_rule_5);
    CU_add_test(suite, "shared_dwelling_counts_turnover_days",
                shared_dwelling_counts_turnover_days);
    CU_add_test(suite, "shared_dwelling_holds_several_households_at_once",
                shared_dwelling_holds_several_households_at_once);
    CU_add_test(suite, "sliding_dwelling_hosting_two_households_breaks_rule_5",
                sliding_dwelling_hosting_two_households_breaks_rule_5);
    CU_add_test(suite, "caseload_exceeded_on_one_date_breaks_rule_6",
                caseload_exceeded_on_one_date_breaks_rule_6);
    CU_add_test(suite, "caseload_frees_up_when_support_ends", caseload_frees_up_when_support_ends);
    CU_add_test(suite, "caseload_counts_support_beyond_the_stay",
                caseload_counts_support_beyond_the_stay);
    CU_add_test(suite, "caseload_is_the_dwelling_territory", caseload_is_the_dwelling_territory);
    CU_add_test(suite, "fixed_stay_missing_from_the_plan_breaks_rule_7",
                fixed_stay_missing_from_the_plan_breaks_rule_7);
    CU_add_test(suite, "fixed_stay_moved_to_another_date_breaks_rule_7",
                fixed_stay_moved_to_another_date_breaks_rule_7);
    CU_add_test(suite, "fixed_stay_kept_has_no_violations", fixed_stay_kept_has_no_violations);
    CU_add_test(suite, "fixed_stay_is_exempt_from_the_grid_and_the_waiting_limit",
                fixed_stay_is_exempt_from_the_grid_and_the_waiting_limit);
    CU_add_test(suite, "fixed_stay_before_the_horizon_is_kept",
                fixed_stay_before_the_horizon_is_kept);
    CU_add_test(suite, "fixed_stay_before_arrival_breaks_rule_3",
                fixed_stay_before_arrival_breaks_rule_3);
    CU_add_test(suite, "fixed_stay_must_still_fit", fixed_stay_must_still_fit);
    CU_add_test(suite, "stay_kept_outside_a_replan_breaks_rule_7",
                stay_kept_outside_a_replan_breaks_rule_7);
    CU_add_test(suite, "stay_begun_after_the_replan_date_breaks_rule_7",
                stay_begun_after_the_replan_date_breaks_rule_7);
    CU_add_test(suite, "stay_announced_before_the_replan_date_breaks_rule_7",
                stay_announced_before_the_replan_date_breaks_rule_7);
    CU_add_test(suite, "stays_kept_true_to_the_replan_date_keep_rule_7",
                stays_kept_true_to_the_replan_date_keep_rule_7);
    CU_add_test(suite, "stay_announced_beyond_the_notice_breaks_rule_7",
                stay_announced_beyond_the_notice_breaks_rule_7);
    CU_add_test(suite, "notice_that_is_no_number_of_days_is_an_input_error",
                notice_that_is_no_number_of_days_is_an_input_error);
    CU_add_test(suite, "many_stays_in_one_dwelling_are_checked_quickly",
                many_stays_in_one_dwelling_are_checked_quickly);
    CU_add_test(suite, "fixed_stays_count_in_the_caseload", fixed_stays_count_in_the_caseload);
    CU_add_test(suite, "correct_stated_figures_have_no_violations",
                correct_stated_figures_have_no_violations);
    CU_add_test(suite, "persons_housed_off_by_one_is_a_violation",
                persons_housed_off_by_one_is_a_violation);
    CU_add_test(suite, "weighted_persons_stated_wrongly_is_a_violation",
                weighted_persons_stated_wrongly_is_a_violation);
    CU_add_test(suite, "the stated bound and gap must hold for the plan",
                stated_bound_and_gap_must_hold_for_the_plan);
    CU_add_test(suite, "territory_figures_stated_wrongly_are_a_violation",
                territory_figures_stated_wrongly_are_a_violation);
    CU_add_test(suite, "assignment_wait_stated_wrongly_is_a_violation",
                assignment_wait_stated_wrongly_is_a_violation);
    CU_add_test(suite, "territories_left_out_of_the_summary_are_a_violation",
                territories_left_out_of_the_summary_are_a_violation);
    CU_add_test(suite, "first_level_must_agree_with_the_objective",
                first_level_must_agree_with_the_objective);
    CU_add_test(suite, "stated_score_bound_must_hold_for_the_plan",
                stated_score_bound_must_hold_for_the_plan);
    CU_add_test(suite, "stated_figures_that_are_not_numbers_are_an_input_error",
                stated_figures_that_are_not_numbers_are_an_input_error);
    CU_add_test(suite, "infeasible_plan_that_houses_someone_is_a_violation",
                infeasible_plan_that_houses_someone_is_a_violation);
    CU_add_test(suite, "replan_counts_must_be_those_of_the_changes",
                replan_counts_must_be_those_of_the_changes);
    CU_add_test(suite, "unknown_household_in_a_plan_is_an_input_error",
                unknown_household_in_a_plan_is_an_input_error);
    CU_add_test(suite, "unknown_dwelling_in_a_plan_is_an_input_error",
                unknown_dwelling_in_a_plan_is_an_input_error);
    CU_add_test(suite, "impossible_date_in_a_plan_is_an_input_error",
                impossible_date_in_a_plan_is_an_input_error);
    CU_add_test(suite, "date_beyond_the_range_in_a_plan_is_said_with_its_value",
                date_beyond_the_range_in_a_plan_is_said_with_its_value);
    CU_add_test(suite, "unknown_code_in_a_plan_is_an_input_error",
                unknown_code_in_a_plan_is_an_input_error);
    CU_add_test(suite, "plan_without_assignments_is_an_input_error",
                plan_without_assignments_is_an_input_error);
    CU_add_test(suite, "plan_syntax_error_is_located", plan_syntax_error_is_located);
    CU_add_test(suite, "plan_stating_a_bound_without_a_gap_is_written_with_its_gap",
                plan_stating_a_bound_without_a_gap_is_written_with_its_gap);
    CU_add_test(suite, "plan_stating_no_bound_is_written_with_the_trivial_one",
                plan_stating_no_bound_is_written_with_the_trivial_one);
}
