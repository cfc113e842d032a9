/* The explain suite: logis_explain and logis_suggest on tiny scenarios and hand-written plans
 * whose answers are worked out by hand: who is in the way, the caseload, a full shared flat,
 * free places in order, one move, two moves, none, and household files that do not load. */
#include "tests.h"

#include "base/json.h"
#include "domain/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TEXT_SIZE = 8192 };

/* A scenario over the horizon [2030-01-01, 2031-01-01) with territory T (caseload when given)
 * and a plan holding the given assignments, every other household listed as left out unless
 * unlisted. Texts use single quotes for double quotes. */
typedef struct {
    const char *rules, *caseload, *dwellings, *households, *fixed, *assignments;
    bool unlisted;
} case_parts;

/* What a call said: its status, its answer parsed (NULL unless JSON was asked and given), its
 * messages. */
typedef struct {
    logis_status status;
    json *answer;
    char *text;
    logis_diagnostics *diags;
    logis_scenario *scenario;
    logis_plan *plan;
} outcome;

static char *json_quotes(char *text)
{
    for (char *c = text; *c; c++)
        if (*c == '\'')
            *c = '"';
    return text;
}

static const char *write_quoted(const char *name, const char *text)
{
    char buffer[TEXT_SIZE];
    snprintf(buffer, sizeof buffer, "%s", text);
    return write_fixture(name, json_quotes(buffer));
}

/* Lists the households the plan does not house as left out, as a plan logis makes does. */
static void list_the_others_as_left_out(logis_plan *plan)
{
    const logis_scenario *s = plan->scenario;
    for (int h = 0; h < s->household_count; h++) {
        bool housed = false;
        for (int i = 0; i < plan->stay_count; i++)
            housed |= plan->stays[i].household == h;
        if (!housed)
            CU_ASSERT(plan_add_left(plan, h, LEFT_CAPACITY, "hand-written plan"));
    }
}

/* Loads the case's scenario and plan into *o; false when either does not load. */
static bool load_case(const case_parts *p, outcome *o)
{
    char text[TEXT_SIZE];
    memset(o, 0, sizeof *o);
    o->diags = logis_diagnostics_new();
    snprintf(text, sizeof text,
             "{'horizon': {'start': '2030-01-01', 'end': '2031-01-01'}, 'rules': %s,\n"
             " 'territories': [{'id': 'T'%s%s}],\n 'dwellings': %s,\n 'households': %s,\n"
             " 'fixed': %s}\n",
             p->rules ? p->rules : "{}", p->caseload ? ", 'caseload': " : "",
             p->caseload ? p->caseload : "", p->dwellings, p->households,
             p->fixed ? p->fixed : "[]");
    logis_scenario_load(write_quoted("scenario.json", text), &o->scenario, o->diags);
    snprintf(text, sizeof text, "{'assignments': [%s], 'unassigned': []}",
             p->assignments ? p->assignments : "");
    if (o->scenario)
        logis_plan_load(write_quoted("plan.json", text), o->scenario, &o->plan, o->diags);
    if (o->plan && !p->unlisted)
        list_the_others_as_left_out(o->plan);
    return o->plan != NULL;
}

static void parse_answer(outcome *o, int as_json)
{
    size_t stop = 0;
    if (o->status == LOGIS_OK && as_json)
        o->answer = json_parse(o->text, strlen(o->text), &stop);
}

static outcome explain(const case_parts *p, const char *household_id, int as_json)
{
    outcome o;
    if (load_case(p, &o)) {
        o.status = logis_explain(o.scenario, o.plan, household_id, as_json, &o.text, o.diags);
        parse_answer(&o, as_json);
    } else {
        o.status = LOGIS_E_INPUT;
    }
    return o;
}

/* Suggests a place for the household object in newcomer. */
static outcome suggest(const case_parts *p, const char *newcomer, int as_json)
{
    outcome o;
    const char *path = write_quoted("household.json", newcomer);
    if (load_case(p, &o)) {
        o.status = logis_suggest(o.scenario, o.plan, path, as_json, &o.text, o.diags);
        parse_answer(&o, as_json);
    } else {
        o.status = LOGIS_E_INPUT;
    }
    return o;
}

static void outcome_free(outcome *o)
{
    json_free(o->answer);
    free(o->text);
    logis_plan_free(o->plan);
    logis_scenario_free(o->scenario);
    logis_diagnostics_free(o->diags);
}

static const char *text_at(const json *root, const char *path)
{
    const char *text = json_string(json_at(root, path));
    return text ? text : "(absent)";
}

static double number_at(const json *root, const char *path)
{
    const json *value = json_at(root, path);
    return json_is_number(value) ? json_number(value) : -1e99;
}

static bool flag_at(const json *root, const char *path)
{
    const json *value = json_at(root, path);
    return json_is_bool(value) && json_true(value);
}

static const char ONE_DWELLING[] = "[{'id': 'D1', 'territory': 'T', 'places': 4}]";
static const char A_THEN_B[] = "[{'id': 'A', 'size': 4, 'arrival': '2030-01-01'},"
                               " {'id': 'B', 'size': 3, 'arrival': '2030-02-01'}]";
static const char A_IN_D1[] = "{'household': 'A', 'dwelling': 'D1', 'start': '2030-01-01', "
                              "'end': '2030-04-01'}";

static void left_out_household_is_blocked_by_the_household_in_the_dwelling(void)
{
    case_parts p = {.dwellings = ONE_DWELLING, .households = A_THEN_B, .assignments = A_IN_D1};
    outcome o = explain(&p, "B", 1);
    CU_ASSERT_EQUAL_FATAL(o.status, LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o.answer);
    CU_ASSERT_FALSE(flag_at(o.answer, "housed"));
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "code"), "capacity");
    CU_ASSERT_EQUAL(number_at(o.answer, "dwellings_that_fit"), 1);
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "dwellings/0/dwelling"), "D1");
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "dwellings/0/dates/0/from"), "2030-02-01");
    CU_ASSERT_FALSE(flag_at(o.answer, "dwellings/0/dates/0/free"));
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "dwellings/0/dates/0/households/0/household"), "A");
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "dwellings/0/dates/0/households/0/end"),
                           "2030-04-01");
    CU_ASSERT_EQUAL(number_at(o.answer, "dwellings/0/dates/0/households_in_the_way"), 1);
    CU_ASSERT_PTR_NULL(json_at(o.answer, "dwellings/0/dates/0/caseload"));
    outcome_free(&o);
}

static void text_answer_names_the_household_in_the_way(void)
{
    case_parts p = {.dwellings = ONE_DWELLING, .households = A_THEN_B, .assignments = A_IN_D1};
    outcome o = explain(&p, "B", 0);
    CU_ASSERT_EQUAL_FATAL(o.status, LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(o.text, "B is left out (capacity)"));
    CU_ASSERT_PTR_NOT_NULL(strstr(o.text, "2030-02-01 (until 2030-05-01): taken by A "
                                          "(2030-01-01 to 2030-04-01)"));
    outcome_free(&o);
}

static void left_out_household_is_blocked_by_the_caseload(void)
{
    /* D2 is empty, but the team of T accompanies A for 12 months and its caseload is 1. */
    case_parts p = {.caseload = "1",
                    .dwellings = "[{'id': 'D1', 'territory': 'T', 'places': 4},"
                                 " {'id': 'D2', 'territory': 'T', 'places': 4}]",
                    .households = A_THEN_B,
                    .assignments = A_IN_D1};
    outcome o = explain(&p, "B", 1);
    CU_ASSERT_EQUAL_FATAL(o.status, LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o.answer);
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "dwellings/1/dwelling"), "D2");
    CU_ASSERT_FALSE(flag_at(o.answer, "dwellings/1/dates/0/free"));
    CU_ASSERT_EQUAL(number_at(o.answer, "dwellings/1/dates/0/households_in_the_way"), 0);
    CU_ASSERT_EQUAL(number_at(o.answer, "dwellings/1/dates/0/caseload/households"), 1);
    CU_ASSERT_EQUAL(number_at(o.answer, "dwellings/1/dates/0/caseload/limit"), 1);
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "dwellings/1/dates/0/caseload/on"), "2030-02-01");
    /* In D1 both stand in the way: A holds it, and the team is full. */
    CU_ASSERT_EQUAL(number_at(o.answer, "dwellings/0/dates/0/households_in_the_way"), 1);
    CU_ASSERT_PTR_NOT_NULL(json_at(o.answer, "dwellings/0/dates/0/caseload"));
    outcome_free(&o);
}

static void full_shared_flat_counts_the_places_taken(void)
{
    case_parts p = {.dwellings = "[{'id': 'F', 'territory': 'T', 'places': 2, 'shared': true}]",
                    .households = "[{'id': 'S1', 'size': 1, 'arrival': '2030-01-01'},"
                                  " {'id': 'S2', 'size': 1, 'arrival': '2030-01-01'},"
                                  " {'id': 'S3', 'size': 1, 'arrival': '2030-02-01'}]",
                    .assignments = "{'household': 'S1', 'dwelling': 'F', 'start': '2030-01-01',"
                                   " 'end': '2030-04-01'}, {'household': 'S2', 'dwelling': 'F',"
                                   " 'start': '2030-01-01', 'end': '2030-04-01'}"};
    outcome o = explain(&p, "S3", 1);
    CU_ASSERT_EQUAL_FATAL(o.status, LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o.answer);
    CU_ASSERT_EQUAL(number_at(o.answer, "dwellings/0/dates/0/places_taken"), 2);
    CU_ASSERT_EQUAL(number_at(o.answer, "dwellings/0/dates/0/households_in_the_way"), 2);
    outcome_free(&o);
}

static void dates_with_the_same_obstacle_are_grouped(void)
{
    /* Dates 01-01, 01-08, 01-15: D1 opens on 01-08, when X moves in until 04-08. */
    case_parts p = {.rules = "{'max_wait_days': 14, 'start_step_days': 7}",
                    .dwellings = "[{'id': 'D1', 'territory': 'T', 'places': 4, "
                                 "'available_from': '2030-01-08'}]",
                    .households = "[{'id': 'X', 'size': 4, 'arrival': '2030-01-08'},"
                                  " {'id': 'B', 'size': 2, 'arrival': '2030-01-01'}]",
                    .assignments = "{'household': 'X', 'dwelling': 'D1', 'start': '2030-01-08',"
                                   " 'end': '2030-04-08'}"};
    outcome o = explain(&p, "B", 1);
    CU_ASSERT_EQUAL_FATAL(o.status, LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o.answer);
    CU_ASSERT_EQUAL(json_count(json_at(o.answer, "dwellings/0/dates")), 2);
    CU_ASSERT_TRUE(flag_at(o.answer, "dwellings/0/dates/0/outside_availability"));
    CU_ASSERT_EQUAL(number_at(o.answer, "dwellings/0/dates/0/dates"), 1);
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "dwellings/0/dates/1/from"), "2030-01-08");
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "dwellings/0/dates/1/to"), "2030-01-15");
    CU_ASSERT_EQUAL(number_at(o.answer, "dwellings/0/dates/1/dates"), 2);
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "dwellings/0/dates/1/households/0/household"), "X");
    outcome_free(&o);
}

static const char TWO_DWELLINGS[] = "[{'id': 'D1', 'territory': 'T', 'places': 4},"
                                    " {'id': 'D2', 'territory': 'T', 'places': 2}]";

static void housed_household_in_the_best_place_has_no_better_alternative(void)
{
    /* A (size 2) in D2 (2 places): D1 is free too but leaves 2 empty places for 90 days. */
    case_parts p = {.dwellings = TWO_DWELLINGS,
                    .households = "[{'id': 'A', 'size': 2, 'arrival': '2030-01-01'}]",
                    .assignments = "{'household': 'A', 'dwelling': 'D2', 'start': '2030-01-01',"
                                   " 'end': '2030-04-01'}"};
    outcome o = explain(&p, "A", 1);
    CU_ASSERT_EQUAL_FATAL(o.status, LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o.answer);
    CU_ASSERT_TRUE(flag_at(o.answer, "housed"));
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "stay/dwelling"), "D2");
    CU_ASSERT_EQUAL(number_at(o.answer, "stay/empty_place_days"), 0);
    CU_ASSERT_EQUAL(json_count(json_at(o.answer, "alternatives")), 1);
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "alternatives/0/dwelling"), "D1");
    CU_ASSERT_EQUAL(number_at(o.answer, "alternatives/0/empty_place_days"), 180);
    CU_ASSERT_EQUAL(number_at(o.answer, "better_alternatives"), 0);
    outcome_free(&o);
}

static void housed_household_in_a_worse_place_is_told_so(void)
{
    case_parts p = {.dwellings = TWO_DWELLINGS,
                    .households = "[{'id': 'A', 'size': 2, 'arrival': '2030-01-01'}]",
                    .assignments = "{'household': 'A', 'dwelling': 'D1', 'start': '2030-01-01',"
                                   " 'end': '2030-04-01'}"};
    outcome o = explain(&p, "A", 0);
    CU_ASSERT_EQUAL_FATAL(o.status, LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(o.text, "1 of them would be better by the objective"));
    outcome_free(&o);
}

static void unknown_household_is_an_input_error(void)
{
    case_parts p = {.dwellings = ONE_DWELLING, .households = A_THEN_B, .assignments = A_IN_D1};
    outcome o = explain(&p, "Z", 0);
    CU_ASSERT_EQUAL(o.status, LOGIS_E_INPUT);
    CU_ASSERT_PTR_NULL(o.text);
    CU_ASSERT_TRUE(diagnostics_contain(o.diags, "scenario.json", "no household has the id \"Z\"",
                                       NULL));
    outcome_free(&o);
}

/* A plan may leave a household out of both its lists (verify refuses it, explain asks only for
 * rules 1-6): explain then says so, where it used to invent "left out (capacity)". */
static void household_the_plan_says_nothing_of_is_refused(void)
{
    case_parts p = {.dwellings = ONE_DWELLING, .households = A_THEN_B, .assignments = A_IN_D1,
                    .unlisted = true};
    outcome o = explain(&p, "B", 0);
    CU_ASSERT_EQUAL(o.status, LOGIS_E_INPUT);
    CU_ASSERT_PTR_NULL(o.text);
    CU_ASSERT_TRUE(diagnostics_contain(o.diags, "plan.json", "household B is neither housed",
                                       "nor listed as left out", NULL));
    outcome_free(&o);
    o = explain(&p, "A", 0); /* housed: the plan says so */
    CU_ASSERT_EQUAL(o.status, LOGIS_OK);
    outcome_free(&o);
}

static void plan_that_breaks_a_rule_is_refused(void)
{
    /* B moves into D1 while A is there. */
    case_parts p = {.dwellings = ONE_DWELLING, .households = A_THEN_B,
                    .assignments = "{'household': 'A', 'dwelling': 'D1', 'start': '2030-01-01',"
                                   " 'end': '2030-04-01'}, {'household': 'B', 'dwelling': 'D1',"
                                   " 'start': '2030-02-01', 'end': '2030-05-01'}"};
    outcome o = explain(&p, "A", 0);
    CU_ASSERT_EQUAL(o.status, LOGIS_E_INPUT);
    CU_ASSERT_TRUE(diagnostics_contain(o.diags, "rule 5", NULL));
    CU_ASSERT_TRUE(diagnostics_contain(o.diags, "the plan breaks the rules", NULL));
    outcome_free(&o);
}

static void suggestions_without_moves_come_earliest_then_fewest_empty_places(void)
{
    /* Dates 01-01, 01-08, 01-15; the 2-place D2 opens on 01-08, the 4-place D1 is always free. */
    case_parts p = {.rules = "{'max_wait_days': 14, 'start_step_days': 7}",
                    .dwellings = "[{'id': 'D1', 'territory': 'T', 'places': 4},"
                                 " {'id': 'D2', 'territory': 'T', 'places': 2,"
                                 " 'available_from': '2030-01-08'}]",
                    .households = "[{'id': 'A', 'size': 1, 'arrival': '2030-06-01'}]"};
    outcome o = suggest(&p, "{'id': 'N', 'size': 2, 'arrival': '2030-01-01'}", 1);
    CU_ASSERT_EQUAL_FATAL(o.status, LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o.answer);
    static const char *const expected[][2] = {{"D1", "2030-01-01"}, {"D2", "2030-01-08"},
                                              {"D1", "2030-01-08"}, {"D2", "2030-01-15"},
                                              {"D1", "2030-01-15"}};
    CU_ASSERT_EQUAL(json_count(json_at(o.answer, "placements")), 5);
    for (int i = 0; i < 5; i++) {
        char path[64];
        snprintf(path, sizeof path, "placements/%d/dwelling", i);
        CU_ASSERT_STRING_EQUAL(text_at(o.answer, path), expected[i][0]);
        snprintf(path, sizeof path, "placements/%d/start", i);
        CU_ASSERT_STRING_EQUAL(text_at(o.answer, path), expected[i][1]);
    }
    CU_ASSERT_EQUAL(number_at(o.answer, "placements/0/empty_places"), 2);
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "placements/0/end"), "2030-04-01");
    CU_ASSERT_PTR_NULL(json_at(o.answer, "with_moves"));
    outcome_free(&o);
}

/* N (4 persons) needs the accessible D1, where A (2 persons) lives; D2 fits A. */
static const char ACCESSIBLE_AND_PLAIN[] =
    "[{'id': 'D1', 'territory': 'T', 'places': 4, 'features': ['accessible']},"
    " {'id': 'D2', 'territory': 'T', 'places': 4}]";
static const char NEWCOMER_NEEDING_D1[] =
    "{'id': 'N', 'size': 4, 'arrival': '2030-01-01', 'needs': ['accessible']}";

static void suggestion_moves_the_one_household_in_the_way(void)
{
    case_parts p = {.dwellings = ACCESSIBLE_AND_PLAIN,
                    .households = "[{'id': 'A', 'size': 2, 'arrival': '2030-01-01'}]",
                    .assignments = "{'household': 'A', 'dwelling': 'D1', 'start': '2030-01-01',"
                                   " 'end': '2030-04-01'}"};
    outcome o = suggest(&p, NEWCOMER_NEEDING_D1, 1);
    CU_ASSERT_EQUAL_FATAL(o.status, LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o.answer);
    CU_ASSERT_EQUAL(json_count(json_at(o.answer, "placements")), 0);
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "with_moves/dwelling"), "D1");
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "with_moves/start"), "2030-01-01");
    CU_ASSERT_EQUAL(json_count(json_at(o.answer, "with_moves/moves")), 1);
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "with_moves/moves/0/household"), "A");
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "with_moves/moves/0/from/dwelling"), "D1");
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "with_moves/moves/0/to/dwelling"), "D2");
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "with_moves/moves/0/to/start"), "2030-01-01");
    CU_ASSERT_TRUE(flag_at(o.answer, "search/complete"));
    outcome_free(&o);
}

static void suggestion_moves_two_households_in_a_chain(void)
{
    /* A leaves D1 for D2, where B lives; B goes to D3. */
    case_parts p = {.dwellings = "[{'id': 'D1', 'territory': 'T', 'places': 4, 'features': "
                                 "['accessible']}, {'id': 'D2', 'territory': 'T', 'places': 4},"
                                 " {'id': 'D3', 'territory': 'T', 'places': 2}]",
                    .households = "[{'id': 'A', 'size': 4, 'arrival': '2030-01-01'},"
                                  " {'id': 'B', 'size': 2, 'arrival': '2030-01-01'}]",
                    .assignments = "{'household': 'A', 'dwelling': 'D1', 'start': '2030-01-01',"
                                   " 'end': '2030-04-01'}, {'household': 'B', 'dwelling': 'D2',"
                                   " 'start': '2030-01-01', 'end': '2030-04-01'}"};
    outcome o = suggest(&p, NEWCOMER_NEEDING_D1, 1);
    CU_ASSERT_EQUAL_FATAL(o.status, LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o.answer);
    CU_ASSERT_EQUAL_FATAL(json_count(json_at(o.answer, "with_moves/moves")), 2);
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "with_moves/moves/0/household"), "A");
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "with_moves/moves/0/to/dwelling"), "D2");
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "with_moves/moves/1/household"), "B");
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "with_moves/moves/1/to/dwelling"), "D3");
    outcome_free(&o);
}

static void no_suggestion_when_moves_cannot_make_room(void)
{
    /* A and B (4 persons each) fill D1 and D2; neither has anywhere else to go. */
    case_parts p = {.dwellings = ACCESSIBLE_AND_PLAIN,
                    .households = "[{'id': 'A', 'size': 4, 'arrival': '2030-01-01'},"
                                  " {'id': 'B', 'size': 4, 'arrival': '2030-01-01'}]",
                    .assignments = "{'household': 'A', 'dwelling': 'D1', 'start': '2030-01-01',"
                                   " 'end': '2030-04-01'}, {'household': 'B', 'dwelling': 'D2',"
                                   " 'start': '2030-01-01', 'end': '2030-04-01'}"};
    outcome o = suggest(&p, NEWCOMER_NEEDING_D1, 1);
    CU_ASSERT_EQUAL_FATAL(o.status, LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o.answer);
    CU_ASSERT_EQUAL(json_count(json_at(o.answer, "placements")), 0);
    CU_ASSERT_EQUAL(json_count(json_at(o.answer, "dwellings")), 1); /* only D1 has its need */
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "dwellings/0/dates/0/households/0/household"), "A");
    CU_ASSERT_PTR_NULL(json_at(o.answer, "with_moves"));
    CU_ASSERT_TRUE(flag_at(o.answer, "search/complete"));
    outcome_free(&o);
}

/* A's fixed stay holds D1, the one dwelling the newcomer fits, until 2030-04-01. */
static case_parts a_fixed_in_d1(void)
{
    return (case_parts){.dwellings = ACCESSIBLE_AND_PLAIN,
                        .households = "[{'id': 'A', 'size': 2, 'arrival': '2030-01-01'}]",
                        .fixed = "[{'household': 'A', 'dwelling': 'D1', 'start': '2030-01-01'}]",
                        .assignments = "{'household': 'A', 'dwelling': 'D1', "
                                       "'start': '2030-01-01', 'end': '2030-04-01'}"};
}

static void fixed_stays_are_never_moved(void)
{
    case_parts p = a_fixed_in_d1();
    outcome o = suggest(&p, NEWCOMER_NEEDING_D1, 0);
    CU_ASSERT_EQUAL_FATAL(o.status, LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(o.text, "No place is free for it without moving someone."));
    CU_ASSERT_PTR_NOT_NULL(strstr(o.text, "None can be made by moving up to 2 other households."));
    outcome_free(&o);
}

/* A and B hold D1 and D2 until 2030-04-01 and neither can move: waiting is the way, and the
 * first date of N's grid (every 7 days) from then is 2030-04-02, 91 days after its arrival. */
static void suggestion_without_a_place_gives_the_earliest_date_with_one(void)
{
    case_parts p = {.dwellings = ACCESSIBLE_AND_PLAIN,
                    .households = "[{'id': 'A', 'size': 4, 'arrival': '2030-01-01'},"
                                  " {'id': 'B', 'size': 4, 'arrival': '2030-01-01'}]",
                    .assignments = "{'household': 'A', 'dwelling': 'D1', 'start': '2030-01-01',"
                                   " 'end': '2030-04-01'}, {'household': 'B', 'dwelling': 'D2',"
                                   " 'start': '2030-01-01', 'end': '2030-04-01'}"};
    outcome o = suggest(&p, NEWCOMER_NEEDING_D1, 1);
    CU_ASSERT_EQUAL_FATAL(o.status, LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o.answer);
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "earliest_free/dwelling"), "D1");
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "earliest_free/start"), "2030-04-02");
    CU_ASSERT_EQUAL(number_at(o.answer, "earliest_free/wait_days"), 91);
    outcome_free(&o);
}

/* In text the answer comes first, then the next step, then what is in the way, summarised. */
static void suggestion_text_answers_first_then_the_next_step_then_the_obstacles(void)
{
    case_parts p = a_fixed_in_d1();
    outcome o = suggest(&p, NEWCOMER_NEEDING_D1, 0);
    CU_ASSERT_EQUAL_FATAL(o.status, LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o.text);
    const char *none = strstr(o.text, "None can be made by moving up to 2 other households.");
    const char *next = strstr(o.text, "Without moving anyone, the earliest move-in with a free "
                                      "place is 2030-04-02, a wait of 91 days:\n"
                                      "  D1 (T, 4 places, temporary) from 2030-04-02");
    const char *way = strstr(o.text, "What is in the way on its move-in dates, in the 1 "
                                     "dwelling that fits (--json lists each):\n"
                                     "  1 held by other households\n");
    CU_ASSERT_PTR_NOT_NULL(none);
    CU_ASSERT_PTR_NOT_NULL(next);
    CU_ASSERT_PTR_NOT_NULL(way);
    CU_ASSERT(none && next && way && none < next && next < way);
    outcome_free(&o);
}

/* A team of caseload 1 accompanies A for a year, past the horizon: no date has a place. */
static void suggestion_says_when_no_date_of_the_horizon_has_a_place(void)
{
    case_parts p = {.dwellings = ONE_DWELLING, .caseload = "1",
                    .households = "[{'id': 'A', 'size': 4, 'arrival': '2030-01-01'}]",
                    .assignments = A_IN_D1};
    outcome o = suggest(&p, "{'id': 'N', 'size': 2, 'arrival': '2030-01-01'}", 0);
    CU_ASSERT_EQUAL_FATAL(o.status, LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o.text);
    CU_ASSERT_PTR_NOT_NULL(strstr(o.text, "Without moving anyone, no date of its grid before "
                                          "the horizon's end (2031-01-01) has a free place."));
    CU_ASSERT_PTR_NOT_NULL(strstr(o.text, "  1 in a territory whose team's caseload is full"));
    outcome_free(&o);
    o = suggest(&p, "{'id': 'N', 'size': 2, 'arrival': '2030-01-01'}", 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o.answer);
    CU_ASSERT_TRUE(json_is_null(json_at(o.answer, "earliest_free")));
    outcome_free(&o);
}

static void suggestion_for_a_household_nothing_fits_gives_the_reason(void)
{
    case_parts p = {.dwellings = ONE_DWELLING, .households = A_THEN_B, .assignments = A_IN_D1};
    outcome o = suggest(&p, "{'id': 'N', 'size': 9, 'arrival': '2030-01-01'}", 1);
    CU_ASSERT_EQUAL_FATAL(o.status, LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(o.answer);
    CU_ASSERT_STRING_EQUAL(text_at(o.answer, "reason"), "size 9 > 4, the most places in the park");
    CU_ASSERT_PTR_NULL(json_at(o.answer, "search"));
    outcome_free(&o);
}

static void household_file_is_validated_like_the_orientation_list(void)
{
    case_parts p = {.dwellings = ONE_DWELLING, .households = A_THEN_B, .assignments = A_IN_D1};
    outcome o = suggest(&p, "{'id': 'N', 'size': 0, 'arrival': '2030-02-30', "
                            "'territories': ['X']}", 0);
    CU_ASSERT_EQUAL(o.status, LOGIS_E_INPUT);
    CU_ASSERT_PTR_NULL(o.text);
    CU_ASSERT_TRUE(diagnostics_contain(o.diags, "household.json: /size (N): must be an integer "
                                       "from 1 to 30 (got 0)", NULL));
    CU_ASSERT_TRUE(diagnostics_contain(o.diags, "household.json: /arrival (N): must be a real "
                                       "calendar date", NULL));
    CU_ASSERT_TRUE(diagnostics_contain(o.diags, "household.json: /territories/0 (N): no territory "
                                       "has the id \"X\"", NULL));
    outcome_free(&o);
}

static void household_already_in_the_scenario_is_refused(void)
{
    case_parts p = {.dwellings = ONE_DWELLING, .households = A_THEN_B, .assignments = A_IN_D1};
    outcome o = suggest(&p, "{'id': 'B', 'size': 2, 'arrival': '2030-01-01'}", 0);
    CU_ASSERT_EQUAL(o.status, LOGIS_E_INPUT);
    CU_ASSERT_TRUE(diagnostics_contain(o.diags, "household.json: /id: the scenario already has "
                                       "a household \"B\"", NULL));
    outcome_free(&o);
}

static void household_file_that_is_not_an_object_is_refused(void)
{
    case_parts p = {.dwellings = ONE_DWELLING, .households = A_THEN_B, .assignments = A_IN_D1};
    outcome o = suggest(&p, "[{'id': 'N', 'size': 2, 'arrival': '2030-01-01'}]", 0);
    CU_ASSERT_EQUAL(o.status, LOGIS_E_INPUT);
    CU_ASSERT_TRUE(diagnostics_contain(o.diags, "household.json", "must be a JSON object", NULL));
    outcome_free(&o);
}

void suite_explain(void)
{
    CU_pSuite suite = CU_add_suite("explain", NULL, NULL);
    CU_add_test(suite, "left_out_household_is_blocked_by_the_household_in_the_dwelling",
                left_out_household_is_blocked_by_the_household_in_the_dwelling);
    CU_add_test(suite, "text_answer_names_the_household_in_the_way",
                text_answer_names_the_household_in_the_way);
    CU_add_test(suite, "left_out_household_is_blocked_by_the_caseload",
                left_out_household_is_blocked_by_the_caseload);
    CU_add_test(suite, "full_shared_flat_counts_the_places_taken",
                full_shared_flat_counts_the_places_taken);
    CU_add_test(suite, "dates_with_the_same_obstacle_are_grouped",
                dates_with_the_same_obstacle_are_grouped);
    CU_add_test(suite, "housed_household_in_the_best_place_has_no_better_alternative",
                housed_household_in_the_best_place_has_no_better_alternative);
    CU_add_test(suite, "housed_household_in_a_worse_place_is_told_so",
                housed_household_in_a_worse_place_is_told_so);
    CU_add_test(suite, "unknown_household_is_an_input_error", unknown_household_is_an_input_error);
    CU_add_test(suite, "household_the_plan_says_nothing_of_is_refused",
                household_the_plan_says_nothing_of_is_refused);
    CU_add_test(suite, "plan_that_breaks_a_rule_is_refused", plan_that_breaks_a_rule_is_refused);
    CU_add_test(suite, "suggestions_without_moves_come_earliest_then_fewest_empty_places",
                suggestions_without_moves_come_earliest_then_fewest_empty_places);
    CU_add_test(suite, "suggestion_moves_the_one_household_in_the_way",
                suggestion_moves_the_one_household_in_the_way);
    CU_add_test(suite, "suggestion_moves_two_households_in_a_chain",
                suggestion_moves_two_households_in_a_chain);
    CU_add_test(suite, "no_suggestion_when_moves_cannot_make_room",
                no_suggestion_when_moves_cannot_make_room);
    CU_add_test(suite, "fixed_stays_are_never_moved", fixed_stays_are_never_moved);
    CU_add_test(suite, "suggestion_without_a_place_gives_the_earliest_date_with_one",
                suggestion_without_a_place_gives_the_earliest_date_with_one);
    CU_add_test(suite, "suggestion_text_answers_first_then_the_next_step_then_the_obstacles",
                suggestion_text_answers_first_then_the_next_step_then_the_obstacles);
    CU_add_test(suite, "suggestion_says_when_no_date_of_the_horizon_has_a_place",
                suggestion_says_when_no_date_of_the_horizon_has_a_place);
    CU_add_test(suite, "suggestion_for_a_household_nothing_fits_gives_the_reason",
                suggestion_for_a_household_nothing_fits_gives_the_reason);
    CU_add_test(suite, "household_file_is_validated_like_the_orientation_list",
                household_file_is_validated_like_the_orientation_list);
    CU_add_test(suite, "household_already_in_the_scenario_is_refused",
                household_already_in_the_scenario_is_refused);
    CU_add_test(suite, "household_file_that_is_not_an_object_is_refused",
                household_file_that_is_not_an_object_is_refused);
}
