/* Solving tiny scenarios whose optimum is worked out by hand, through the public API only: the
 * plan's status, its verification, and the exact figures and stays of its JSON text. */
#include "tests.h"

#include "base/json.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- helpers ---- */

/* A solved fixture: the scenario, its plan and the plan's JSON text parsed back. */
typedef struct {
    logis_scenario *scenario;
    logis_plan *plan;
    char *text;
    json *json;
} solved;

static json *parse_json(const char *text)
{
    size_t stop = 0;
    return json_parse(text, strlen(text), &stop);
}

/* Fixtures are written with single quotes to keep them readable; they become double quotes. */
static char *with_double_quotes(const char *text)
{
    char *copy = strdup(text);
    for (char *c = copy; c && *c; c++)
        if (*c == '\'')
            *c = '"';
    return copy;
}

/* Shows what went wrong, to explain a failed assertion. */
static void print_diagnostics(const char *name, const logis_diagnostics *diags)
{
    for (size_t i = 0; i < logis_diagnostics_count(diags); i++) {
        char *line = logis_diagnostics_line(diags, i);
        fprintf(stderr, "\n  [%s] %s", name, line ? line : "?");
        free(line);
    }
}

static logis_scenario *load_quoted(const char *name, const char *text)
{
    char *quoted = with_double_quotes(text);
    logis_diagnostics *diags = NULL;
    logis_scenario *scenario = quoted ? load_fixture(name, quoted, &diags) : NULL;
    if (!scenario)
        print_diagnostics(name, diags);
    logis_diagnostics_free(diags);
    free(quoted);
    return scenario;
}

static void release(solved *r)
{
    json_free(r->json);
    free(r->text);
    logis_plan_free(r->plan);
    logis_scenario_free(r->scenario);
    *r = (solved){0};
}

/* Loads and solves a fixture. On failure it asserts, releases everything and returns 0. */
static int solve_fixture(const char *name, const char *text, solved *r)
{
    *r = (solved){0};
    r->scenario = load_quoted(name, text);
    CU_ASSERT_PTR_NOT_NULL(r->scenario);
    logis_options options;
    logis_options_init(&options);
    options.time_limit = 30;
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_status status = r->scenario ? logis_solve(r->scenario, &options, &r->plan, diags)
                                      : LOGIS_E_INPUT;
    CU_ASSERT_EQUAL(status, LOGIS_OK);
    print_diagnostics(name, diags);
    logis_diagnostics_free(diags);
    r->text = r->plan ? logis_plan_to_json(r->plan) : NULL;
    r->json = r->text ? parse_json(r->text) : NULL;
    CU_ASSERT_PTR_NOT_NULL(r->json);
    if (!r->json)
        release(r);
    return r->json != NULL;
}

static double number_at(const json *root, const char *section, const char *name)
{
    const json *item = json_member(
        json_member(root, section), name);
    return json_is_number(item) ? json_number(item) : -1e99;
}

static const char *text_of(const json *object, const char *name)
{
    const json *item = json_member(object, name);
    return json_is_string(item) ? json_string(item) : "";
}

/* Optimal, proven (bound = value, gap 0), and verified with no violation. */
static void expect_optimal(const solved *r)
{
    CU_ASSERT_EQUAL(logis_plan_outcome(r->plan), LOGIS_OPTIMAL);
    CU_ASSERT_STRING_EQUAL(text_of(r->json, "status"), "optimal");
    double value = number_at(r->json, "objective", "weighted_persons_housed");
    CU_ASSERT_DOUBLE_EQUAL(number_at(r->json, "objective", "bound"), value, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(number_at(r->json, "objective", "gap"), 0.0, 1e-9);
    logis_diagnostics *diags = logis_diagnostics_new();
    CU_ASSERT_EQUAL(logis_plan_verify(r->scenario, r->plan, diags), 0);
    print_diagnostics("verify", diags);
    logis_diagnostics_free(diags);
}

static void expect_objective(const solved *r, double weighted, double wait, double empty)
{
    CU_ASSERT_DOUBLE_EQUAL(number_at(r->json, "objective", "weighted_persons_housed"), weighted,
                           1e-9);
    CU_ASSERT_DOUBLE_EQUAL(number_at(r->json, "objective", "wait_person_days"), wait, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(number_at(r->json, "objective", "empty_place_days"), empty, 1e-9);
}

/* The entry of list ("assignments" or "unassigned") for that household, or NULL. */
static const json *entry_of(const solved *r, const char *list, const char *household)
{
    const json *item;
    for (item = json_first(json_member(r->json, list)); item; item = json_next(item))
        if (strcmp(text_of(item, "household"), household) == 0)
            return item;
    return NULL;
}

static void expect_stay(const solved *r, const char *household, const char *dwelling,
                        const char *start, const char *end)
{
    const json *stay = entry_of(r, "assignments", household);
    CU_ASSERT_PTR_NOT_NULL(stay);
    if (!stay)
        return;
    CU_ASSERT_STRING_EQUAL(text_of(stay, "dwelling"), dwelling);
    CU_ASSERT_STRING_EQUAL(text_of(stay, "start"), start);
    CU_ASSERT_STRING_EQUAL(text_of(stay, "end"), end);
}

static void expect_wait_days(const solved *r, const char *household, double days)
{
    const json *wait =
        json_member(entry_of(r, "assignments", household), "wait_days");
    CU_ASSERT(json_is_number(wait) && json_number(wait) == days);
}

/* Left out with that code, and a reason that contains the fragment (may be NULL). */
static void expect_left_out(const solved *r, const char *household, const char *code,
                            const char *fragment)
{
    const json *left = entry_of(r, "unassigned", household);
    CU_ASSERT_PTR_NOT_NULL(left);
    if (!left)
        return;
    CU_ASSERT_STRING_EQUAL(text_of(left, "code"), code);
    if (fragment && !strstr(text_of(left, "reason"), fragment)) {
        fprintf(stderr, "\n%s: reason \"%s\" lacks \"%s\"", household, text_of(left, "reason"),
                fragment);
        CU_FAIL("the reason does not say what was expected");
    }
}

/* Every listed household (NULL-terminated) appears exactly once, and no other does. */
static void expect_each_household_once(const solved *r, const char *const *households)
{
    int listed = 0;
    for (const char *const *h = households; *h; h++, listed++) {
        int times = 0;
        const json *item;
        for (item = json_first(json_member(r->json, "assignments")); item; item = json_next(item))
            times += strcmp(text_of(item, "household"), *h) == 0;
        for (item = json_first(json_member(r->json, "unassigned")); item; item = json_next(item))
            times += strcmp(text_of(item, "household"), *h) == 0;
        CU_ASSERT_EQUAL(times, 1);
    }
    int entries = (int)json_count(json_member(r->json, "assignments")) +
                  (int)json_count(json_member(r->json, "unassigned"));
    CU_ASSERT_EQUAL(entries, listed);
}

/* ---- a stay that blocks a later arrival ---- */

/* One 5-place dwelling, stays of 3 months, no waiting. "small" (2) arrives on 1 Jan and would
 * stay to 1 Apr, blocking "large" (5) who arrives on 1 Feb: only one of them can be housed, so
 * the optimum takes "large": weighted 5, no wait, no empty place (5 of 5). */
static const char *const blocking_scenario =
    "{'horizon': {'start': '2030-01-01', 'end': '2030-03-01'},"
    " 'rules': {'stay_months': 3, 'max_wait_days': 0},"
    " 'territories': [{'id': 'T'}],"
    " 'dwellings': [{'id': 'D5', 'territory': 'T', 'places': 5}],"
    " 'households': [{'id': 'small', 'size': 2, 'arrival': '2030-01-01'},"
    "                {'id': 'large', 'size': 5, 'arrival': '2030-02-01'}]}";

static void an_early_stay_gives_way_to_a_larger_later_household(void)
{
    solved r;
    if (!solve_fixture("blocking.json", blocking_scenario, &r))
        return;
    expect_optimal(&r);
    expect_objective(&r, 5, 0, 0);
    expect_stay(&r, "large", "D5", "2030-02-01", "2030-05-01");
    expect_left_out(&r, "small", "capacity", NULL);
    expect_each_household_once(&r, (const char *const[]){"small", "large", NULL});
    release(&r);
}

/* ---- turnover ---- */

/* One 4-place dwelling, stays of 1 month, no waiting. "first" (4) stays 1 Jan to 1 Feb; "second"
 * (3) arrives on 1 Feb. With turnover 0 both fit: weighted 7, empty (4-3) x 28 days of February
 * = 28. With turnover 7 the dwelling is free only on 8 Feb: "second" is out, weighted 4, empty
 * 0. */
static int solve_turnover(int turnover, solved *r)
{
    char text[1024];
    snprintf(text, sizeof text,
             "{'horizon': {'start': '2030-01-01', 'end': '2030-03-01'},"
             " 'rules': {'stay_months': 1, 'max_wait_days': 0, 'turnover_days': %d},"
             " 'territories': [{'id': 'T'}],"
             " 'dwellings': [{'id': 'D4', 'territory': 'T', 'places': 4}],"
             " 'households': [{'id': 'first', 'size': 4, 'arrival': '2030-01-01'},"
             "                {'id': 'second', 'size': 3, 'arrival': '2030-02-01'}]}",
             turnover);
    return solve_fixture(turnover ? "turnover7.json" : "turnover0.json", text, r);
}

static void a_second_household_follows_at_once_without_turnover(void)
{
    solved r;
    if (!solve_turnover(0, &r))
        return;
    expect_optimal(&r);
    expect_objective(&r, 7, 0, 28);
    expect_stay(&r, "first", "D4", "2030-01-01", "2030-02-01");
    expect_stay(&r, "second", "D4", "2030-02-01", "2030-03-01");
    expect_each_household_once(&r, (const char *const[]){"first", "second", NULL});
    release(&r);
}

static void a_turnover_of_seven_days_keeps_the_second_household_out(void)
{
    solved r;
    if (!solve_turnover(7, &r))
        return;
    expect_optimal(&r);
    expect_objective(&r, 4, 0, 0);
    expect_stay(&r, "first", "D4", "2030-01-01", "2030-02-01");
    expect_left_out(&r, "second", "capacity", NULL);
    expect_each_household_once(&r, (const char *const[]){"first", "second", NULL});
    release(&r);
}

/* ---- a shared dwelling ---- */

/* One shared 3-place dwelling. Three singles (may_share by default) fill it together: weighted 3.
 * "couple" (2, priority 2, may_share false by default) would weigh 4 but may not go into a shared
 * dwelling, and there is no other: it is no_fit. Shared dwellings count no empty places. */
static void singles_share_a_dwelling_that_a_couple_may_not_enter(void)
{
    solved r;
    const char *text =
        "{'horizon': {'start': '2030-01-01', 'end': '2030-03-01'},"
        " 'territories': [{'id': 'T'}],"
        " 'dwellings': [{'id': 'S3', 'territory': 'T', 'places': 3, 'shared': true}],"
        " 'households': [{'id': 'one', 'size': 1, 'arrival': '2030-01-01'},"
        "                {'id': 'two', 'size': 1, 'arrival': '2030-01-01'},"
        "                {'id': 'three', 'size': 1, 'arrival': '2030-01-01'},"
        "                {'id': 'couple', 'size': 2, 'priority': 2, 'arrival': '2030-01-01'}]}";
    if (!solve_fixture("shared.json", text, &r))
        return;
    expect_optimal(&r);
    expect_objective(&r, 3, 0, 0);
    expect_stay(&r, "one", "S3", "2030-01-01", "2030-04-01");
    expect_stay(&r, "two", "S3", "2030-01-01", "2030-04-01");
    expect_stay(&r, "three", "S3", "2030-01-01", "2030-04-01");
    expect_left_out(&r, "couple", "no_fit", NULL);
    expect_each_household_once(&r, (const char *const[]){"one", "two", "three", "couple", NULL});
    release(&r);
}

/* ---- a binding caseload ---- */

/* Territory caseload 1, dwellings of 3 and 2 places, support 12 months (longer than the horizon),
 * no waiting. Both households could be housed on 1 Jan, but the team accompanies one at a time:
 * the optimum takes "three" (3) into D3, weighted 3, empty 0; "two" is out for the caseload. */
static void a_full_caseload_keeps_the_smaller_household_out(void)
{
    solved r;
    const char *text =
        "{'horizon': {'start': '2030-01-01', 'end': '2030-03-01'},"
        " 'territories': [{'id': 'T', 'caseload': 1}],"
        " 'dwellings': [{'id': 'D3', 'territory': 'T', 'places': 3},"
        "               {'id': 'D2', 'territory': 'T', 'places': 2}],"
        " 'households': [{'id': 'two', 'size': 2, 'arrival': '2030-01-01'},"
        "                {'id': 'three', 'size': 3, 'arrival': '2030-01-01'}]}";
    if (!solve_fixture("caseload.json", text, &r))
        return;
    expect_optimal(&r);
    expect_objective(&r, 3, 0, 0);
    expect_stay(&r, "three", "D3", "2030-01-01", "2030-04-01");
    expect_left_out(&r, "two", "capacity", "caseload");
    expect_each_household_once(&r, (const char *const[]){"two", "three", NULL});
    release(&r);
}

/* ---- fixed stays ---- */

/* "four" (4) is fixed in the 6-place dwelling D6. Free, the optimum would put "four" and "other"
 * (4 each) in D4 and D6 and leave "six" out, or "six" in D6 and a four in D4 (weighted 10); kept
 * as given, D6 is taken until 1 Apr, "six" cannot wait and "other" takes D4: weighted 8, empty
 * (6-4) x 90 days (1 Jan to 1 Apr 2030) = 180 for the fixed stay, 0 for "other". */
static void a_fixed_stay_is_kept_even_when_it_costs(void)
{
    solved r;
    const char *text =
        "{'horizon': {'start': '2030-01-01', 'end': '2030-03-01'},"
        " 'territories': [{'id': 'T'}],"
        " 'dwellings': [{'id': 'D4', 'territory': 'T', 'places': 4},"
        "               {'id': 'D6', 'territory': 'T', 'places': 6}],"
        " 'households': [{'id': 'four', 'size': 4, 'arrival': '2030-01-01'},"
        "                {'id': 'other', 'size': 4, 'arrival': '2030-01-01'},"
        "                {'id': 'six', 'size': 6, 'arrival': '2030-01-01'}],"
        " 'fixed': [{'household': 'four', 'dwelling': 'D6', 'start': '2030-01-01'}]}";
    if (!solve_fixture("fixed.json", text, &r))
        return;
    expect_optimal(&r);
    expect_objective(&r, 8, 0, 180);
    expect_stay(&r, "four", "D6", "2030-01-01", "2030-04-01");
    expect_stay(&r, "other", "D4", "2030-01-01", "2030-04-01");
    expect_left_out(&r, "six", "capacity", NULL);
    expect_each_household_once(&r, (const char *const[]){"four", "other", "six", NULL});
    release(&r);
}

/* Every household is fixed or fits nowhere else, so there is nothing left to decide: the plan is
 * the fixed stay alone, optimal, weighted 4, empty (6-4) x 90 = 180; "six" is left out. */
static void a_scenario_with_nothing_left_to_decide_still_solves(void)
{
    solved r;
    const char *text =
        "{'horizon': {'start': '2030-01-01', 'end': '2030-03-01'},"
        " 'territories': [{'id': 'T'}],"
        " 'dwellings': [{'id': 'D4', 'territory': 'T', 'places': 4},"
        "               {'id': 'D6', 'territory': 'T', 'places': 6}],"
        " 'households': [{'id': 'four', 'size': 4, 'arrival': '2030-01-01'},"
        "                {'id': 'six', 'size': 6, 'arrival': '2030-01-01'}],"
        " 'fixed': [{'household': 'four', 'dwelling': 'D6', 'start': '2030-01-01'}]}";
    if (!solve_fixture("fixed_only.json", text, &r))
        return;
    expect_optimal(&r);
    expect_objective(&r, 4, 0, 180);
    expect_stay(&r, "four", "D6", "2030-01-01", "2030-04-01");
    expect_left_out(&r, "six", "capacity", NULL);
    expect_each_household_once(&r, (const char *const[]){"four", "six", NULL});
    release(&r);
}

/* "late" arrived on 1 Jan and moved in on 3 Jan: off the 7-day grid and past max_wait_days 0,
 * which fixed stays may be. Kept as given: end 3 Apr, wait 2 days, wait_person_days 3 x 2 = 6,
 * empty (4-3) x 90 = 90. "pair" (2) takes the 2-place D2 on 1 Jan: weighted 3 + 2 = 5. */
static void a_fixed_stay_off_the_step_grid_is_allowed(void)
{
    solved r;
    const char *text =
        "{'horizon': {'start': '2030-01-01', 'end': '2030-03-01'},"
        " 'rules': {'max_wait_days': 0, 'start_step_days': 7},"
        " 'territories': [{'id': 'T'}],"
        " 'dwellings': [{'id': 'D4', 'territory': 'T', 'places': 4},"
        "               {'id': 'D2', 'territory': 'T', 'places': 2}],"
        " 'households': [{'id': 'late', 'size': 3, 'arrival': '2030-01-01'},"
        "                {'id': 'pair', 'size': 2, 'arrival': '2030-01-01'}],"
        " 'fixed': [{'household': 'late', 'dwelling': 'D4', 'start': '2030-01-03'}]}";
    if (!solve_fixture("fixed_off_grid.json", text, &r))
        return;
    expect_optimal(&r);
    expect_objective(&r, 5, 6, 90);
    expect_stay(&r, "late", "D4", "2030-01-03", "2030-04-03");
    expect_stay(&r, "pair", "D2", "2030-01-01", "2030-04-01");
    expect_wait_days(&r, "late", 2);
    expect_each_household_once(&r, (const char *const[]){"late", "pair", NULL});
    release(&r);
}

/* Two households fixed in one 4-place dwelling, 1 Jan and 1 Feb, with stays of 3 months: the
 * stays overlap, so the scenario is infeasible and the summary names both. */
static void two_overlapping_fixed_stays_make_the_scenario_infeasible(void)
{
    solved r;
    const char *text =
        "{'horizon': {'start': '2030-01-01', 'end': '2030-03-01'},"
        " 'territories': [{'id': 'T'}],"
        " 'dwellings': [{'id': 'D4', 'territory': 'T', 'places': 4}],"
        " 'households': [{'id': 'fixA', 'size': 2, 'arrival': '2030-01-01'},"
        "                {'id': 'fixB', 'size': 2, 'arrival': '2030-02-01'}],"
        " 'fixed': [{'household': 'fixA', 'dwelling': 'D4', 'start': '2030-01-01'},"
        "           {'household': 'fixB', 'dwelling': 'D4', 'start': '2030-02-01'}]}";
    if (!solve_fixture("fixed_pair.json", text, &r))
        return;
    CU_ASSERT_EQUAL(logis_plan_outcome(r.plan), LOGIS_INFEASIBLE);
    CU_ASSERT_STRING_EQUAL(text_of(r.json, "status"), "infeasible");
    char *summary = logis_plan_summary(r.plan);
    CU_ASSERT(summary && strstr(summary, "fixA"));
    CU_ASSERT(summary && strstr(summary, "fixB"));
    CU_ASSERT(summary && strstr(summary, "D4"));
    free(summary);
    release(&r);
}

/* ---- waiting ---- */

/* One 4-place dwelling, stays of 1 month, max_wait_days 14 on a 7-day grid. "first" (4) holds it
 * 1 Jan to 1 Feb; "second" (3) arrives 25 Jan and may move in on 25 Jan, 1 Feb or 8 Feb: the
 * earliest free date is 1 Feb, a wait of 7 days, wait_person_days 3 x 7 = 21; empty (4-3) x 28. */
static void a_household_waits_one_step_for_a_dwelling_to_free(void)
{
    solved r;
    const char *text =
        "{'horizon': {'start': '2030-01-01', 'end': '2030-03-01'},"
        " 'rules': {'stay_months': 1, 'max_wait_days': 14, 'start_step_days': 7},"
        " 'territories': [{'id': 'T'}],"
        " 'dwellings': [{'id': 'D4', 'territory': 'T', 'places': 4}],"
        " 'households': [{'id': 'first', 'size': 4, 'arrival': '2030-01-01'},"
        "                {'id': 'second', 'size': 3, 'arrival': '2030-01-25'}]}";
    if (!solve_fixture("waiting.json", text, &r))
        return;
    expect_optimal(&r);
    expect_objective(&r, 7, 21, 28);
    expect_stay(&r, "first", "D4", "2030-01-01", "2030-02-01");
    expect_stay(&r, "second", "D4", "2030-02-01", "2030-03-01");
    expect_wait_days(&r, "second", 7);
    expect_each_household_once(&r, (const char *const[]){"first", "second", NULL});
    release(&r);
}

/* ---- level 3: fewest empty places ---- */

/* Dwellings of 6 ("A6", first by id) and 4 ("B4") places, one household of 4: both fit, level 1
 * and 2 tie, level 3 picks B4 (empty 0) over A6 (empty 2 x 90 = 180). */
static void the_household_takes_the_dwelling_that_leaves_no_place_empty(void)
{
    solved r;
    const char *text =
        "{'horizon': {'start': '2030-01-01', 'end': '2030-03-01'},"
        " 'territories': [{'id': 'T'}],"
        " 'dwellings': [{'id': 'A6', 'territory': 'T', 'places': 6},"
        "               {'id': 'B4', 'territory': 'T', 'places': 4}],"
        " 'households': [{'id': 'four', 'size': 4, 'arrival': '2030-01-01'}]}";
    if (!solve_fixture("level3.json", text, &r))
        return;
    expect_optimal(&r);
    expect_objective(&r, 4, 0, 0);
    expect_stay(&r, "four", "B4", "2030-01-01", "2030-04-01");
    expect_each_household_once(&r, (const char *const[]){"four", NULL});
    release(&r);
}

/* Counts, from the verbose log, the columns fixed when the first level is held. */
static void count_fixed_columns(void *user, const char *line)
{
    int fixed = 0;
    if (sscanf(line, "logis: level 1 held: %d columns fixed", &fixed) == 1)
        *(int *)user += fixed;
}

/* Holding the persons level of the FAAR sample fixes at zero every column whose reduced cost
 * would take the relaxation below the value held: thousands of them, and the plan that
 * follows is still proven optimal on every level and passes the verifier. */
static void holding_a_level_fixes_the_columns_it_rules_out(void)
{
    logis_scenario *faar = NULL;
    CU_ASSERT_EQUAL_FATAL(logis_scenario_load("data/faar/scenario.json", &faar, NULL), LOGIS_OK);
    int fixed = 0;
    logis_options options;
    logis_options_init(&options);
    options.verbose = 1;
    options.log = count_fixed_columns;
    options.user = &fixed;
    logis_plan *plan = NULL;
    CU_ASSERT_EQUAL(logis_solve(faar, &options, &plan, NULL), LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    CU_ASSERT(fixed > 1000);
    solved r = {.scenario = faar, .plan = plan, .text = logis_plan_to_json(plan)};
    r.json = r.text ? parse_json(r.text) : NULL;
    CU_ASSERT_PTR_NOT_NULL_FATAL(r.json);
    expect_optimal(&r);
    release(&r);
}

/* ---- sliding lease ---- */

/* One sliding 4-place dwelling, support 12 months. "four" (4) moves in on 1 Jan and the lease
 * passes to it on 1 Jan 2031 (start + 12 months): the dwelling then leaves the park, so "three"
 * (3), arriving 1 Jun after a 3-month stay would have ended, cannot follow. Weighted 4; sliding
 * dwellings count no empty places. */
static void a_sliding_lease_hosts_one_household_for_the_whole_plan(void)
{
    solved r;
    const char *text =
        "{'horizon': {'start': '2030-01-01', 'end': '2031-01-01'},"
        " 'rules': {'stay_months': 3, 'support_months': 12},"
        " 'territories': [{'id': 'T'}],"
        " 'dwellings': [{'id': 'L4', 'territory': 'T', 'places': 4, 'lease': 'sliding'}],"
        " 'households': [{'id': 'four', 'size': 4, 'arrival': '2030-01-01'},"
        "                {'id': 'three', 'size': 3, 'arrival': '2030-06-01'}]}";
    if (!solve_fixture("sliding.json", text, &r))
        return;
    expect_optimal(&r);
    expect_objective(&r, 4, 0, 0);
    expect_stay(&r, "four", "L4", "2030-01-01", "2031-01-01");
    expect_left_out(&r, "three", "capacity", NULL);
    expect_each_household_once(&r, (const char *const[]){"four", "three", NULL});
    release(&r);
}

/* ---- priority ---- */

/* One 5-place dwelling. "urgent" (2 persons, priority 3) weighs 6, "big" (5, priority 1) weighs
 * 5: the optimum houses "urgent", weighted 6, empty (5-2) x 90 = 270. */
static void priority_outweighs_size(void)
{
    solved r;
    const char *text =
        "{'horizon': {'start': '2030-01-01', 'end': '2030-03-01'},"
        " 'territories': [{'id': 'T'}],"
        " 'dwellings': [{'id': 'D5', 'territory': 'T', 'places': 5}],"
        " 'households': [{'id': 'big', 'size': 5, 'arrival': '2030-01-01'},"
        "                {'id': 'urgent', 'size': 2, 'priority': 3, 'arrival': '2030-01-01'}]}";
    if (!solve_fixture("priority.json", text, &r))
        return;
    expect_optimal(&r);
    expect_objective(&r, 6, 0, 270);
    expect_stay(&r, "urgent", "D5", "2030-01-01", "2030-04-01");
    expect_left_out(&r, "big", "capacity", NULL);
    expect_each_household_once(&r, (const char *const[]){"big", "urgent", NULL});
    release(&r);
}

/* ---- why households are left out ---- */

/* D4 is available from the start, D6 only from 1 Feb. "nine" (9) fits nowhere: no_fit, "size 9 >
 * 6".
 * "after" arrives after the horizon ends: no_date. "six" fits only D6 but must move in on 1 Jan:
 * no_date. "four" and "three" both want D4 on 1 Jan: "four" is housed (weighted 4, empty 0) and
 * "three" is left out for capacity, the binding resource being the 4-place dwelling. */
static const char *const reasons_scenario =
    "{'horizon': {'start': '2030-01-01', 'end': '2030-03-01'},"
    " 'rules': {'max_wait_days': 0},"
    " 'territories': [{'id': 'T'}],"
    " 'dwellings': [{'id': 'D4', 'territory': 'T', 'places': 4},"
    "               {'id': 'D6', 'territory': 'T', 'places': 6, 'available_from': '2030-02-01'}],"
    " 'households': [{'id': 'nine', 'size': 9, 'arrival': '2030-01-01'},"
    "                {'id': 'after', 'size': 2, 'arrival': '2030-04-01'},"
    "                {'id': 'six', 'size': 6, 'arrival': '2030-01-01'},"
    "                {'id': 'four', 'size': 4, 'arrival': '2030-01-01'},"
    "                {'id': 'three', 'size': 3, 'arrival': '2030-01-01'}]}";

static void each_left_out_household_gets_its_code(void)
{
    solved r;
    if (!solve_fixture("reasons.json", reasons_scenario, &r))
        return;
    expect_optimal(&r);
    expect_objective(&r, 4, 0, 0);
    expect_stay(&r, "four", "D4", "2030-01-01", "2030-04-01");
    expect_left_out(&r, "nine", "no_fit", "size 9 > 6");
    expect_left_out(&r, "after", "no_date", NULL);
    expect_left_out(&r, "six", "no_date", NULL);
    expect_left_out(&r, "three", "capacity", "4 places");
    expect_each_household_once(
        &r, (const char *const[]){"nine", "after", "six", "four", "three", NULL});
    release(&r);
}

/* Three alike 6-place dwellings, all from 1 Feb, and one that is not: "six" must move in on
 * 1 Jan, and its reason counts each of the three that fit it, though alike dwellings are
 * looked at once. */
static void a_no_date_reason_counts_alike_dwellings(void)
{
    solved r;
    if (!solve_fixture(
            "alike.json",
            "{'horizon': {'start': '2030-01-01', 'end': '2030-03-01'},"
            " 'rules': {'max_wait_days': 0},"
            " 'territories': [{'id': 'T'}],"
            " 'dwellings': [{'id': 'A', 'territory': 'T', 'places': 6,"
            "                'available_from': '2030-02-01'},"
            "   {'id': 'B', 'territory': 'T', 'places': 6, 'available_from': '2030-02-01'},"
            "   {'id': 'C', 'territory': 'T', 'places': 6, 'available_from': '2030-02-01'},"
            "   {'id': 'D', 'territory': 'T', 'places': 2}],"
            " 'households': [{'id': 'six', 'size': 6, 'arrival': '2030-01-01'}]}",
            &r))
        return;
    expect_left_out(&r, "six", "no_date", "availability of the 3 dwellings that fit it");
    release(&r);
}

/* ---- determinism ---- */

/* The plan text without the value of "seconds", the only member allowed to differ. */
static char *without_seconds(const char *text)
{
    char *copy = strdup(text);
    char *at = copy ? strstr(copy, "\"seconds\":") : NULL;
    if (at) {
        char *value = at + strlen("\"seconds\":");
        char *after = value;
        while (*after && strchr(" \t0123456789.eE+-", *after))
            after++;
        memmove(value, after, strlen(after) + 1);
    }
    return copy;
}

/* A scenario with many ties: 6 dwellings, 18 households arriving on 4 weekly dates, waiting. */
static void write_tied_scenario(char *text, size_t size)
{
    int used = snprintf(text, size,
                        "{'horizon': {'start': '2030-01-01', 'end': '2030-04-01'},"
                        " 'rules': {'stay_months': 1, 'max_wait_days': 14},"
                        " 'territories': [{'id': 'T1', 'caseload': 5}, {'id': 'T2'}],"
                        " 'dwellings': [");
    for (int d = 0; d < 6; d++)
        used += snprintf(text + used, size - (size_t)used,
                         "%s{'id': 'D%d', 'territory': 'T%d', 'places': %d}", d ? ", " : "", d,
                         1 + d % 2, 3 + d % 3);
    used += snprintf(text + used, size - (size_t)used, "], 'households': [");
    for (int h = 0; h < 18; h++)
        used += snprintf(text + used, size - (size_t)used,
                         "%s{'id': 'H%02d', 'size': %d, 'arrival': '2030-01-%02d'}", h ? ", " : "",
                         h, 1 + h % 5, 1 + 7 * (h % 4));
    snprintf(text + used, size - (size_t)used, "]}");
}

static char *solved_text_without_seconds(const char *name, const char *text)
{
    solved r;
    if (!solve_fixture(name, text, &r))
        return NULL;
    expect_optimal(&r);
    char *result = without_seconds(r.text);
    release(&r);
    return result;
}

static void the_same_scenario_gives_the_same_plan_byte_for_byte(void)
{
    char text[4096];
    write_tied_scenario(text, sizeof text);
    char *first = solved_text_without_seconds("tied1.json", text);
    char *second = solved_text_without_seconds("tied2.json", text);
    CU_ASSERT(first && strstr(first, "\"seconds\":,"));
    CU_ASSERT(first && second && strcmp(first, second) == 0);
    free(first);
    free(second);
}

/* ---- the first-fit baseline ---- */

/* A stop asked for before the search begins still gives a valid plan (the first-fit one),
 * reported as feasible, not optimal. */
static void a_stop_request_keeps_a_valid_plan(void)
{
    logis_scenario *scenario = load_quoted("stopped.json", blocking_scenario);
    CU_ASSERT_PTR_NOT_NULL_FATAL(scenario);
    static volatile sig_atomic_t stop = 1;
    logis_options options;
    logis_options_init(&options);
    options.stop = &stop;
    logis_plan *plan = NULL;
    CU_ASSERT_EQUAL(logis_solve(scenario, &options, &plan, NULL), LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    CU_ASSERT_EQUAL(logis_plan_outcome(plan), LOGIS_FEASIBLE);
    CU_ASSERT_EQUAL(logis_plan_verify(scenario, plan, NULL), 0);
    logis_plan_free(plan);
    logis_scenario_free(scenario);
}

/* In the blocking scenario first come, first served houses "small" (weighted 2) and so blocks
 * "large"; the optimum houses "large" (weighted 5). Both plans keep the rules. */
static void the_optimum_beats_first_come_smallest_fit(void)
{
    solved r;
    if (!solve_fixture("blocking_ff.json", blocking_scenario, &r))
        return;
    expect_optimal(&r);
    logis_plan *baseline = NULL;
    CU_ASSERT_EQUAL(logis_plan_first_fit(r.scenario, &baseline, NULL), LOGIS_OK);
    char *text = baseline ? logis_plan_to_json(baseline) : NULL;
    json *parsed = text ? parse_json(text) : NULL;
    CU_ASSERT_PTR_NOT_NULL(parsed);
    double first_fit = number_at(parsed, "objective", "weighted_persons_housed");
    double optimum = number_at(r.json, "objective", "weighted_persons_housed");
    CU_ASSERT_DOUBLE_EQUAL(first_fit, 2, 1e-9);
    CU_ASSERT(optimum > first_fit);
    CU_ASSERT(baseline && logis_plan_verify(r.scenario, baseline, NULL) == 0);
    json_free(parsed);
    free(text);
    logis_plan_free(baseline);
    release(&r);
}

void suite_solve(void)
{
    CU_pSuite suite = CU_add_suite("solve", NULL, NULL);
    CU_add_test(suite, "an early stay gives way to a larger later household",
                an_early_stay_gives_way_to_a_larger_later_household);
    CU_add_test(suite, "a second household follows at once without turnover",
                a_second_household_follows_at_once_without_turnover);
    CU_add_test(suite, "a turnover of seven days keeps the second household out",
                a_turnover_of_seven_days_keeps_the_second_household_out);
    CU_add_test(suite, "singles share a dwelling that a couple may not enter",
                singles_share_a_dwelling_that_a_couple_may_not_enter);
    CU_add_test(suite, "a full caseload keeps the smaller household out",
                a_full_caseload_keeps_the_smaller_household_out);
    CU_add_test(suite, "a fixed stay is kept even when it costs",
                a_fixed_stay_is_kept_even_when_it_costs);
    CU_add_test(suite, "a scenario with nothing left to decide still solves",
                a_scenario_with_nothing_left_to_decide_still_solves);
    CU_add_test(suite, "a fixed stay off the step grid is allowed",
                a_fixed_stay_off_the_step_grid_is_allowed);
    CU_add_test(suite, "two overlapping fixed stays make the scenario infeasible",
                two_overlapping_fixed_stays_make_the_scenario_infeasible);
    CU_add_test(suite, "a household waits one step for a dwelling to free",
                a_household_waits_one_step_for_a_dwelling_to_free);
    CU_add_test(suite, "the household takes the dwelling that leaves no place empty",
                the_household_takes_the_dwelling_that_leaves_no_place_empty);
    CU_add_test(suite, "holding a level fixes the columns it rules out",
                holding_a_level_fixes_the_columns_it_rules_out);
    CU_add_test(suite, "a sliding lease hosts one household for the whole plan",
                a_sliding_lease_hosts_one_household_for_the_whole_plan);
    CU_add_test(suite, "priority outweighs size", priority_outweighs_size);
    CU_add_test(suite, "each left-out household gets its code",
                each_left_out_household_gets_its_code);
    CU_add_test(suite, "a no_date reason counts alike dwellings",
                a_no_date_reason_counts_alike_dwellings);
    CU_add_test(suite, "the same scenario gives the same plan byte for byte",
                the_same_scenario_gives_the_same_plan_byte_for_byte);
    CU_add_test(suite, "a stop request keeps a valid plan", a_stop_request_keeps_a_valid_plan);
    CU_add_test(suite, "the optimum beats first come smallest fit",
                the_optimum_beats_first_come_smallest_fit);
}
