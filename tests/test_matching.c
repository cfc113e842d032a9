/* Matching beyond a roof, through the public API: outcome scores and the objective's order,
 * territory quotas (rule 8), linked households (rule 9) and collective sites; each optimum
 * worked out by hand, each broken rule caught by the verifier, each bad input named. */
#include "tests.h"

#include "base/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TEXT_SIZE = 8192 };

/* Texts use single quotes where JSON has double quotes, for readability. */
static char *quoted(const char *text)
{
    char *copy = strdup(text);
    for (char *c = copy; c && *c; c++)
        if (*c == '\'')
            *c = '"';
    return copy;
}

/* A scenario over [2027-01-04, 2027-04-01) from its members after the horizon. */
static logis_scenario *load_members(const char *members, logis_diagnostics **diags)
{
    char text[TEXT_SIZE];
    snprintf(text, sizeof text,
             "{'name': 'matching', 'horizon': {'start': '2027-01-04', 'end': '2027-04-01'}, %s}",
             members);
    char *json_text = quoted(text);
    logis_scenario *s = json_text ? load_fixture("matching.json", json_text, diags) : NULL;
    free(json_text);
    return s;
}

typedef struct {
    logis_scenario *scenario;
    logis_plan *plan;
    json *json;
} solved;

static void release(solved *r)
{
    json_free(r->json);
    logis_plan_free(r->plan);
    logis_scenario_free(r->scenario);
}

static bool solve_members(const char *members, bool first_fit, solved *r)
{
    *r = (solved){0};
    logis_diagnostics *diags = NULL;
    r->scenario = load_members(members, &diags);
    logis_diagnostics_free(diags);
    diags = logis_diagnostics_new();
    logis_options options;
    logis_options_init(&options);
    logis_status status = !r->scenario ? LOGIS_E_INPUT
                          : first_fit  ? logis_plan_first_fit(r->scenario, &r->plan, diags)
                                       : logis_solve(r->scenario, &options, &r->plan, diags);
    CU_ASSERT_EQUAL(status, LOGIS_OK);
    CU_ASSERT_EQUAL(r->plan ? logis_plan_verify(r->scenario, r->plan, diags) : -1, 0);
    logis_diagnostics_free(diags);
    char *text = r->plan ? logis_plan_to_json(r->plan) : NULL;
    size_t stop = 0;
    r->json = text ? json_parse(text, strlen(text), &stop) : NULL;
    free(text);
    return r->json != NULL;
}

static double objective(const solved *r, const char *name)
{
    const json *item = json_member(json_member(r->json, "objective"), name);
    return json_is_number(item) ? json_number(item) : -1;
}

/* The dwelling the plan gives the household, or "" when none. */
static const char *dwelling_of(const solved *r, const char *household)
{
    for (const json *a = json_first(json_member(r->json, "assignments")); a; a = json_next(a))
        if (strcmp(json_string(json_member(a, "household")), household) == 0)
            return json_string(json_member(a, "dwelling"));
    return "";
}

/* ---- scores and the objective's order ---- */

static const char SCORED[] =
    "'territories': [{'id': 'N'}, {'id': 'S'}],"
    "'dwellings': [{'id': 'N1', 'territory': 'N', 'places': 4},"
    "              {'id': 'S1', 'territory': 'S', 'places': 4}],"
    "'households': [{'id': 'A', 'size': 3, 'arrival': '2027-01-04',"
    "                'scores': {'N': 0.2, 'S': 0.7}},"
    "               {'id': 'B', 'size': 3, 'arrival': '2027-01-04',"
    "                'scores': {'N': 0.6, 'S': 0.1}}]";

static void test_scores_place_each_where_it_does_best(void)
{
    solved r;
    if (!solve_members(SCORED, false, &r))
        return release(&r);
    CU_ASSERT_STRING_EQUAL(dwelling_of(&r, "A"), "S1");
    CU_ASSERT_STRING_EQUAL(dwelling_of(&r, "B"), "N1");
    CU_ASSERT_DOUBLE_EQUAL(objective(&r, "score"), 1.3, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(objective(&r, "score_bound"), 1.3, 1e-9);
    const json *levels = json_member(json_member(r.json, "solver"), "levels");
    const json *second = json_next(json_first(levels));
    CU_ASSERT_STRING_EQUAL(second ? json_string(json_member(second, "objective")) : "", "score");
    release(&r);
}

static const char SCORED_AND_BIG[] =
    "'territories': [{'id': 'N'}, {'id': 'S'}],"
    "'dwellings': [{'id': 'N1', 'territory': 'N', 'places': 4},"
    "              {'id': 'S1', 'territory': 'S', 'places': 4}],"
    "'households': [{'id': 'A', 'size': 3, 'arrival': '2027-01-04',"
    "                'scores': {'N': 0.2, 'S': 0.7}},"
    "               {'id': 'B', 'size': 3, 'arrival': '2027-01-04',"
    "                'scores': {'N': 0.6, 'S': 0.1}},"
    "               {'id': 'C', 'size': 4, 'arrival': '2027-01-04'}],";

static void test_persons_come_before_scores(void)
{
    /* C scores nothing but is the biggest: it is housed, A goes where it scores best */
    char members[TEXT_SIZE];
    snprintf(members, sizeof members, "%s'objective': ['persons', 'score']", SCORED_AND_BIG);
    solved r;
    if (!solve_members(members, false, &r))
        return release(&r);
    CU_ASSERT_DOUBLE_EQUAL(objective(&r, "weighted_persons_housed"), 7, 0);
    CU_ASSERT_DOUBLE_EQUAL(objective(&r, "score"), 0.7, 1e-9);
    CU_ASSERT_STRING_EQUAL(dwelling_of(&r, "A"), "S1");
    CU_ASSERT_STRING_EQUAL(dwelling_of(&r, "C"), "N1");
    const json *levels = json_member(json_member(r.json, "solver"), "levels");
    CU_ASSERT_EQUAL(json_count(levels), 2);
    release(&r);
}

static void test_scores_first_when_asked(void)
{
    /* the planner's order: the best scores first, then persons; C is left out, and the persons'
     * bound, which would hold only given the score, is the trivial one */
    char members[TEXT_SIZE];
    snprintf(members, sizeof members, "%s'objective': ['score', 'persons']", SCORED_AND_BIG);
    solved r;
    if (!solve_members(members, false, &r))
        return release(&r);
    CU_ASSERT_DOUBLE_EQUAL(objective(&r, "score"), 1.3, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(objective(&r, "weighted_persons_housed"), 6, 0);
    CU_ASSERT_STRING_EQUAL(dwelling_of(&r, "C"), "");
    const json *kind = json_member(json_member(r.json, "objective"), "bound_kind");
    CU_ASSERT_STRING_EQUAL(kind ? json_string(kind) : "", "trivial");
    release(&r);
}

static void test_scores_from_a_list_and_a_csv(void)
{
    const char *csv = write_fixture("scores.csv", "household,N,S\r\nA,0.2,0.7\r\nB,0.6,NA\r\n");
    CU_ASSERT_PTR_NOT_NULL(csv);
    static const char base[] =
        "'territories': [{'id': 'N'}, {'id': 'S'}],"
        "'dwellings': [{'id': 'N1', 'territory': 'N', 'places': 4},"
        "              {'id': 'S1', 'territory': 'S', 'places': 4}],"
        "'households': [{'id': 'A', 'size': 3, 'arrival': '2027-01-04'},"
        "               {'id': 'B', 'size': 3, 'arrival': '2027-01-04'}],";
    const char *forms[] = {"'scores': 'scores.csv'",
                           "'scores': [{'household': 'A', 'territory': 'S', 'value': 0.7},"
                           "{'household': 'B', 'territory': 'N', 'value': 0.6}]"};
    for (int k = 0; k < 2; k++) {
        char members[TEXT_SIZE];
        snprintf(members, sizeof members, "%s%s", base, forms[k]);
        solved r;
        if (solve_members(members, false, &r)) {
            CU_ASSERT_STRING_EQUAL(dwelling_of(&r, "A"), "S1");
            CU_ASSERT_DOUBLE_EQUAL(objective(&r, "score"), 1.3, 1e-9);
        }
        release(&r);
    }
}

/* A scenario's scores.csv is read as `logis import scores` reads it: a cell as JSON writes a
 * number, which "0x10" (strtod: 16), "inf", "nan" and " 5" are not. */
static void test_scores_csv_cells_are_plain_numbers(void)
{
    static const char *const cells[] = {"0x10", "inf", "nan", " 5"};
    static const char members[] =
        "'territories': [{'id': 'N'}], 'dwellings': [{'id': 'N1', 'territory': 'N', "
        "'places': 4}], 'households': [{'id': 'A', 'size': 3, 'arrival': '2027-01-04'}], "
        "'scores': 'scores.csv'";
    for (size_t k = 0; k < sizeof cells / sizeof *cells; k++) {
        char csv[64];
        snprintf(csv, sizeof csv, "household,N\r\nA,%s\r\n", cells[k]);
        write_fixture("scores.csv", csv);
        logis_diagnostics *diags = NULL;
        logis_scenario *s = load_members(members, &diags);
        CU_ASSERT_PTR_NULL(s);
        CU_ASSERT(diagnostics_contain(diags, "scores.csv:2:2: row 2, column B: expected a score",
                                      cells[k], NULL));
        logis_scenario_free(s);
        logis_diagnostics_free(diags);
    }
}

static void test_no_scores_no_score_member(void)
{
    solved r;
    if (solve_members("'territories': [{'id': 'N'}], 'dwellings': [{'id': 'N1', 'territory': "
                      "'N', 'places': 4}], 'households': [{'id': 'A', 'size': 3, 'arrival': "
                      "'2027-01-04'}]",
                      false, &r))
        CU_ASSERT_PTR_NULL(json_member(json_member(r.json, "objective"), "score"));
    release(&r);
}

/* ---- quotas ---- */

static const char QUOTA[] =
    "'rules': {'max_wait_days': 28},"
    "'territories': [{'id': 'N', 'quotas': [{'from': '2027-01-01', 'until': '2027-02-01',"
    "                 'persons': 5, 'households': 2}]}],"
    "'dwellings': [{'id': 'C1', 'territory': 'N', 'places': 300, 'shared': true}],"
    "'households': [{'id': 'A', 'size': 3, 'arrival': '2027-01-04', 'may_share': true},"
    "               {'id': 'B', 'size': 3, 'arrival': '2027-01-04', 'may_share': true},"
    "               {'id': 'C', 'size': 2, 'arrival': '2027-01-11', 'may_share': true},"
    "               {'id': 'D', 'size': 1, 'arrival': '2027-01-04', 'may_share': true}]";

static void test_quota_holds_in_plan_and_first_come(void)
{
    for (int first_fit = 0; first_fit < 2; first_fit++) {
        solved r;
        if (solve_members(QUOTA, first_fit, &r)) {
            /* January takes 5 persons and 2 households; B waits until 1 February */
            double housed = objective(&r, "weighted_persons_housed");
            CU_ASSERT(housed <= 9);
            if (!first_fit)
                CU_ASSERT_DOUBLE_EQUAL(housed, 9, 0);
        }
        release(&r);
    }
}

static void test_verify_catches_a_full_quota(void)
{
    logis_diagnostics *diags = NULL;
    logis_scenario *s = load_members(QUOTA, &diags);
    logis_diagnostics_free(diags);
    char *plan_text = quoted(
        "{'assignments': ["
        "{'household': 'A', 'dwelling': 'C1', 'start': '2027-01-04', 'end': '2027-04-04'},"
        "{'household': 'B', 'dwelling': 'C1', 'start': '2027-01-04', 'end': '2027-04-04'}],"
        "'unassigned': [{'household': 'C', 'code': 'capacity', 'reason': 'full'},"
        " {'household': 'D', 'code': 'capacity', 'reason': 'full'}]}");
    const char *path = write_fixture("quota-plan.json", plan_text);
    logis_plan *plan = NULL;
    diags = logis_diagnostics_new();
    CU_ASSERT_EQUAL(s ? logis_plan_load(path, s, &plan, diags) : LOGIS_E_INPUT, LOGIS_OK);
    CU_ASSERT_EQUAL(plan ? logis_plan_verify(s, plan, diags) : 0, 1);
    CU_ASSERT(diagnostics_contain(diags, "rule 8", "6 persons", "territory N", "quota is 5",
                                  NULL));
    logis_diagnostics_free(diags);
    logis_plan_free(plan);
    logis_scenario_free(s);
    free(plan_text);
}

/* ---- links ---- */

static const char LINKED[] =
    "'territories': [{'id': 'N'}, {'id': 'S'}],"
    "'dwellings': [{'id': 'N1', 'territory': 'N', 'places': 4},"
    "              {'id': 'S1', 'territory': 'S', 'places': 4},"
    "              {'id': 'S2', 'territory': 'S', 'places': 2}],"
    "'households': [{'id': 'A', 'size': 4, 'arrival': '2027-01-04'},"
    "               {'id': 'B', 'size': 2, 'arrival': '2027-01-04', 'territories': ['N']},"
    "               {'id': 'C', 'size': 3, 'arrival': '2027-01-04'}],"
    "'links': [{'households': ['A', 'B'], 'same': 'territory'}]";

static void test_linked_households_all_or_none(void)
{
    /* A and B fit together only in N, and N has one dwelling: both are left out, C housed */
    for (int first_fit = 0; first_fit < 2; first_fit++) {
        solved r;
        if (solve_members(LINKED, first_fit, &r)) {
            CU_ASSERT_STRING_EQUAL(dwelling_of(&r, "A"), "");
            CU_ASSERT_STRING_EQUAL(dwelling_of(&r, "B"), "");
            CU_ASSERT_STRING_NOT_EQUAL(dwelling_of(&r, "C"), "");
        }
        release(&r);
    }
}

static void test_linked_households_housed_together(void)
{
    /* with a second dwelling in N, A and B are housed there together */
    static const char members[] =
        "'territories': [{'id': 'N'}, {'id': 'S'}],"
        "'dwellings': [{'id': 'N1', 'territory': 'N', 'places': 4},"
        "              {'id': 'N2', 'territory': 'N', 'places': 2},"
        "              {'id': 'S1', 'territory': 'S', 'places': 4}],"
        "'households': [{'id': 'A', 'size': 4, 'arrival': '2027-01-04'},"
        "               {'id': 'B', 'size': 2, 'arrival': '2027-01-04', 'territories': ['N']},"
        "               {'id': 'C', 'size': 3, 'arrival': '2027-01-04'}],"
        "'links': [{'households': ['A', 'B'], 'same': 'territory'}]";
    for (int first_fit = 0; first_fit < 2; first_fit++) {
        solved r;
        if (solve_members(members, first_fit, &r)) {
            CU_ASSERT_STRING_EQUAL(dwelling_of(&r, "A"), "N1");
            CU_ASSERT_STRING_EQUAL(dwelling_of(&r, "B"), "N2");
            CU_ASSERT_STRING_EQUAL(dwelling_of(&r, "C"), "S1");
        }
        release(&r);
    }
}

/* ---- input ---- */

static void expect_error(const char *members, const char *pointer, const char *words)
{
    logis_diagnostics *diags = NULL;
    logis_scenario *s = load_members(members, &diags);
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT(diagnostics_contain(diags, pointer, words, NULL));
    if (!diagnostics_contain(diags, pointer, words, NULL))
        for (size_t i = 0; i < logis_diagnostics_count(diags); i++) {
            char *line = logis_diagnostics_line(diags, i);
            fprintf(stderr, "\n  %s", line ? line : "?");
            free(line);
        }
    logis_diagnostics_free(diags);
    logis_scenario_free(s);
}

#define PARK "'territories': [{'id': 'N'}], 'dwellings': [{'id': 'N1', 'territory': 'N', " \
             "'places': 4}], "
#define ONE_HOUSEHOLD "'households': [{'id': 'A', 'size': 3, 'arrival': '2027-01-04'}, " \
                      "{'id': 'B', 'size': 1, 'arrival': '2027-01-04'}]"

static void test_bad_matching_input_is_named(void)
{
    expect_error("'territories': [{'id': 'N', 'quotas': [{'from': '2027-02-01', 'until': "
                 "'2027-01-01', 'persons': 3}]}], 'dwellings': [], " ONE_HOUSEHOLD,
                 "/territories/0/quotas/0/until", "must be after from");
    expect_error("'territories': [{'id': 'N', 'quotas': [{'from': '2027-01-01', 'until': "
                 "'2027-02-01'}]}], 'dwellings': [], " ONE_HOUSEHOLD,
                 "/territories/0/quotas/0", "needs \"persons\" or \"households\"");
    expect_error(PARK "'households': [{'id': 'A', 'size': 3, 'arrival': '2027-01-04', "
                 "'scores': {'X': 1}}]", "/households/0/scores/X", "no territory");
    expect_error(PARK "'households': [{'id': 'A', 'size': 3, 'arrival': '2027-01-04', "
                 "'scores': {'N': 1001}}]", "/households/0/scores/N", "from 0 to 1000");
    expect_error(PARK ONE_HOUSEHOLD ", 'links': [{'households': ['A']}]",
                 "/links/0/households", "at least two");
    expect_error(PARK ONE_HOUSEHOLD ", 'links': [{'households': ['A', 'B']}, "
                 "{'households': ['B', 'A']}]", "/links/1/households/0", "already in link 0");
    expect_error(PARK ONE_HOUSEHOLD ", 'objective': ['persons', 'jobs']", "/objective/1",
                 "must be one of");
    expect_error(PARK ONE_HOUSEHOLD ", 'objective': ['persons', 'wait', 'wait']",
                 "/objective/2", "listed twice");
    expect_error("'territories': [{'id': 'N'}], 'dwellings': [{'id': 'N1', 'territory': 'N', "
                 "'places': 51}], " ONE_HOUSEHOLD, "/dwellings/0/places", "from 1 to 50");
    expect_error(PARK ONE_HOUSEHOLD ", 'scores': [{'household': 'A', 'territory': 'N', "
                 "'value': 1}, {'household': 'A', 'territory': 'N', 'value': 0}]",
                 "/scores/1/value", "given twice");
}

static void test_collective_site_takes_a_thousand(void)
{
    logis_diagnostics *diags = NULL;
    logis_scenario *s = load_members("'territories': [{'id': 'N'}], 'dwellings': [{'id': "
                                     "'C1', 'territory': 'N', 'places': 1000, 'shared': "
                                     "true}], " ONE_HOUSEHOLD, &diags);
    CU_ASSERT_PTR_NOT_NULL(s);
    logis_diagnostics_free(diags);
    logis_scenario_free(s);
}

void suite_matching(void)
{
    CU_pSuite suite = CU_add_suite("matching", NULL, NULL);
    CU_add_test(suite, "scores place each where it does best",
                test_scores_place_each_where_it_does_best);
    CU_add_test(suite, "persons come before scores", test_persons_come_before_scores);
    CU_add_test(suite, "scores first when asked", test_scores_first_when_asked);
    CU_add_test(suite, "scores from a list and a CSV", test_scores_from_a_list_and_a_csv);
    CU_add_test(suite, "a scores CSV's cells are plain numbers",
                test_scores_csv_cells_are_plain_numbers);
    CU_add_test(suite, "no scores, no score member", test_no_scores_no_score_member);
    CU_add_test(suite, "quota holds in plan and first come",
                test_quota_holds_in_plan_and_first_come);
    CU_add_test(suite, "verify catches a full quota", test_verify_catches_a_full_quota);
    CU_add_test(suite, "linked households all or none", test_linked_households_all_or_none);
    CU_add_test(suite, "linked households housed together",
                test_linked_households_housed_together);
    CU_add_test(suite, "bad matching input is named", test_bad_matching_input_is_named);
    CU_add_test(suite, "collective site takes a thousand", test_collective_site_takes_a_thousand);
}
