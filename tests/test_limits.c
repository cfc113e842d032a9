/* The limits suite: input size, nesting depth, id length, array length, numbers out of range,
 * files outside the scenario's folder and the solver's memory limit, each refused with a clear
 * message that names the file and where in it. */
#include "tests.h"

#include "base/array.h"
#include "domain/plan.h"
#include "solver/lagrangian.h"
#include "solver/mip.h"

#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A valid scenario around a households array written as given. */
static char *scenario_with_households(const char *households)
{
    static const char format[] =
        "{\"horizon\": {\"start\": \"2017-01-02\", \"end\": \"2018-01-01\"},\n"
        " \"territories\": [{\"id\": \"T1\"}],\n"
        " \"dwellings\": [{\"id\": \"D1\", \"territory\": \"T1\", \"places\": 4}],\n"
        " \"households\": %s}\n";
    size_t size = sizeof format + strlen(households);
    char *text = malloc(size);
    if (text)
        snprintf(text, size, format, households);
    return text;
}

/* Loads text written to name with options; the status, with the diagnostics in *diags. */
static logis_status load_text_with(const char *name, const char *text,
                                   const logis_load_options *options,
                                   logis_diagnostics **diags)
{
    logis_scenario *scenario = NULL;
    *diags = logis_diagnostics_new();
    logis_status status = logis_scenario_load_with(write_fixture(name, text), options,
                                                   &scenario, *diags);
    CU_ASSERT(status == LOGIS_OK ? scenario != NULL : scenario == NULL);
    logis_scenario_free(scenario);
    return status;
}

/* Loads a scenario whose households are given, expecting an error with every fragment. */
static void expect_household_error(const char *households, const char *pointer,
                                   const char *message)
{
    char *text = scenario_with_households(households);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    logis_diagnostics *diags = NULL;
    CU_ASSERT_EQUAL(load_text_with("limits.json", text, NULL, &diags), LOGIS_E_INPUT);
    CU_ASSERT(diagnostics_contain(diags, "limits.json: ", pointer, message, NULL));
    if (!diagnostics_contain(diags, pointer, message, NULL))
        for (size_t i = 0; i < logis_diagnostics_count(diags); i++) {
            char *line = logis_diagnostics_line(diags, i);
            fprintf(stderr, "\n  got: %s (wanted %s %s)", line, pointer, message);
            free(line);
        }
    logis_diagnostics_free(diags);
    free(text);
}

static void expect_household_accepted(const char *households)
{
    char *text = scenario_with_households(households);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    logis_diagnostics *diags = NULL;
    CU_ASSERT_EQUAL(load_text_with("limits.json", text, NULL, &diags), LOGIS_OK);
    logis_diagnostics_free(diags);
    free(text);
}

/* ---- input size ---- */

static void load_options_default_to_64_mib_inside_the_folder(void)
{
    logis_load_options options;
    memset(&options, 0xFF, sizeof options);
    logis_load_options_init(&options);
    CU_ASSERT_EQUAL(options.max_input_bytes, (size_t)64 << 20);
    CU_ASSERT_EQUAL(options.allow_outside, 0);
}

static void file_over_the_input_limit_is_refused(void)
{
    char *text = scenario_with_households("[{\"id\": \"H1\", \"size\": 2, "
                                          "\"arrival\": \"2017-01-02\"}]");
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    size_t length = strlen(text);
    logis_load_options options;
    logis_load_options_init(&options);
    logis_diagnostics *diags = NULL;
    options.max_input_bytes = length - 1;
    CU_ASSERT_EQUAL(load_text_with("size.json", text, &options, &diags), LOGIS_E_INPUT);
    CU_ASSERT(diagnostics_contain(diags, "size.json: ", "larger than the input limit",
                                  NULL));
    logis_diagnostics_free(diags);
    options.max_input_bytes = length;
    CU_ASSERT_EQUAL(load_text_with("size.json", text, &options, &diags), LOGIS_OK);
    logis_diagnostics_free(diags);
    free(text);
}

/* A sparse file one byte over 64 MiB: refused by its size, before anything is read. */
static void file_over_64_mib_is_refused_by_default(void)
{
    const char *path = write_fixture("huge.json", "{}");
    CU_ASSERT_EQUAL_FATAL(truncate(path, ((off_t)64 << 20) + 1), 0);
    logis_scenario *scenario = NULL;
    logis_diagnostics *diags = logis_diagnostics_new();
    CU_ASSERT_EQUAL(logis_scenario_load(path, &scenario, diags), LOGIS_E_INPUT);
    CU_ASSERT_PTR_NULL(scenario);
    CU_ASSERT(diagnostics_contain(diags, "huge.json: ", "larger than the input limit of 67108864",
                                  NULL));
    logis_diagnostics_free(diags);
    unlink(path);
}

static void section_file_over_the_input_limit_is_refused(void)
{
    static const char record[] = "{\"id\": \"H%d\", \"size\": 2, \"arrival\": \"2017-01-02\"}";
    char households[2000] = "[";
    for (int i = 0; i < 20; i++) {
        size_t used = strlen(households);
        snprintf(households + used, sizeof households - used, record, i);
        strcat(households, i < 19 ? ",\n" : "]");
    }
    write_fixture("big-households.json", households);
    char *text = scenario_with_households("\"big-households.json\"");
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    logis_load_options options;
    logis_load_options_init(&options);
    options.max_input_bytes = strlen(text); /* the scenario fits, its households do not */
    CU_ASSERT_FATAL(options.max_input_bytes < strlen(households));
    logis_diagnostics *diags = NULL;
    CU_ASSERT_EQUAL(load_text_with("small.json", text, &options, &diags), LOGIS_E_INPUT);
    CU_ASSERT(diagnostics_contain(diags, "big-households.json: ", "larger than the input limit",
                                  NULL));
    logis_diagnostics_free(diags);
    free(text);
}

static void plan_file_over_the_input_limit_is_refused(void)
{
    char *text = scenario_with_households("[{\"id\": \"H1\", \"size\": 2, "
                                          "\"arrival\": \"2017-01-02\"}]");
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    logis_scenario *scenario = load_fixture("plan-scenario.json", text, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(scenario);
    const char *path = write_fixture("plan.json", "{\"assignments\": [], \"unassigned\": []}");
    logis_load_options options;
    logis_load_options_init(&options);
    options.max_input_bytes = 10;
    logis_plan *plan = NULL;
    logis_diagnostics *diags = logis_diagnostics_new();
    CU_ASSERT_EQUAL(logis_plan_load_with(path, scenario, &options, &plan, diags),
                    LOGIS_E_INPUT);
    CU_ASSERT_PTR_NULL(plan);
    CU_ASSERT(diagnostics_contain(diags, "plan.json: ", "larger than the input limit of 10",
                                  NULL));
    logis_diagnostics_free(diags);
    logis_scenario_free(scenario);
    free(text);
}

/* ---- nesting ---- */

/* A scenario with an unknown member holding depth nested arrays (the scenario object is one
 * more level). */
static char *scenario_nested(int depth)
{
    char *households = malloc(2 * (size_t)depth + 200);
    if (!households)
        return NULL;
    strcpy(households, "[{\"id\": \"H1\", \"size\": 2, \"arrival\": \"2017-01-02\", \"x\": ");
    size_t at = strlen(households);
    memset(households + at, '[', (size_t)depth);
    memset(households + at + depth, ']', (size_t)depth);
    strcpy(households + at + 2 * (size_t)depth, "}]");
    char *text = scenario_with_households(households);
    free(households);
    return text;
}

static void nesting_deeper_than_512_is_a_syntax_error_with_its_place(void)
{
    /* scenario object, households array, household object: 3 levels before the arrays */
    char *deep = scenario_nested(510);
    char *fits = scenario_nested(509);
    CU_ASSERT_PTR_NOT_NULL_FATAL(deep);
    CU_ASSERT_PTR_NOT_NULL_FATAL(fits);
    logis_diagnostics *diags = NULL;
    CU_ASSERT_EQUAL(load_text_with("deep.json", deep, NULL, &diags), LOGIS_E_INPUT);
    CU_ASSERT(diagnostics_contain(diags, "deep.json:4:", "nesting deeper than 512 levels",
                                  NULL));
    logis_diagnostics_free(diags);
    CU_ASSERT_EQUAL(load_text_with("deep.json", fits, NULL, &diags), LOGIS_OK);
    logis_diagnostics_free(diags);
    free(deep);
    free(fits);
}

/* ---- ids ---- */

static void id_of_200_bytes_is_kept_and_201_refused(void)
{
    char households[600];
    char id[202];
    memset(id, 'h', sizeof id - 1);
    id[200] = '\0';
    snprintf(households, sizeof households,
             "[{\"id\": \"%s\", \"size\": 2, \"arrival\": \"2017-01-02\"}]", id);
    expect_household_accepted(households);
    id[200] = 'h';
    id[201] = '\0';
    snprintf(households, sizeof households,
             "[{\"id\": \"%s\", \"size\": 2, \"arrival\": \"2017-01-02\"}]", id);
    expect_household_error(households, "/households/0/id", "at most 200 bytes (got 201)");
}

static void long_need_name_is_refused_with_its_length(void)
{
    char households[600];
    char need[300];
    memset(need, 'n', sizeof need - 1);
    need[sizeof need - 1] = '\0';
    snprintf(households, sizeof households,
             "[{\"id\": \"H1\", \"size\": 2, \"arrival\": \"2017-01-02\", \"needs\": [\"%s\"]}]",
             need);
    expect_household_error(households, "/households/0/needs", "at most 200 bytes (got 299)");
}

/* Ids, names and need names are shown in messages, terminals and reports: a control character
 * (a line break, a terminal escape, a line separator) or a bidirectional control (which makes
 * "A\u202eB" display reversed; the marks U+200E, U+200F and U+061C were let through) is refused
 * where it stands, however it was written (as an escape here). */
static void control_and_bidirectional_characters_in_texts_are_refused(void)
{
    static const struct {
        const char *id, *what;
    } ids[] = {
        {"A\\nB", "a control character (U+000A)"},
        {"\\u001b[31mred", "a control character (U+001B)"},
        {"A\\tB", "a control character (U+0009)"},
        {"A\\u0085", "a control character (U+0085)"},
        {"\\u202eA", "a bidirectional control character (U+202E)"},
        {"A\\u202a", "a bidirectional control character (U+202A)"},
        {"A\\u2066B", "a bidirectional control character (U+2066)"},
        {"A\\u2069", "a bidirectional control character (U+2069)"},
        {"A\\u200fB", "a bidirectional control character (U+200F)"},
        {"\\u200eA", "a bidirectional control character (U+200E)"},
        {"A\\u061cB", "a bidirectional control character (U+061C)"},
        {"A\\u2028B", "a control character (U+2028)"},
        {"A\\u2029", "a control character (U+2029)"},
    };
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        char households[300];
        snprintf(households, sizeof households,
                 "[{\"id\": \"%s\", \"size\": 2, \"arrival\": \"2017-01-02\"}]", ids[i].id);
        expect_household_error(households, "/households/0/id", ids[i].what);
        snprintf(households, sizeof households,
                 "[{\"id\": \"H1\", \"size\": 2, \"arrival\": \"2017-01-02\", "
                 "\"needs\": [\"ok\", \"%s\"]}]", ids[i].id);
        expect_household_error(households, "/households/0/needs", ids[i].what);
    }
    logis_diagnostics *diags = NULL;
    CU_ASSERT_EQUAL(load_text_with("text.json",
                                   "{\"horizon\": {\"start\": \"2017-01-02\", "
                                   "\"end\": \"2018-01-01\"},\n"
                                   " \"territories\": [{\"id\": \"T\\n\"}],\n"
                                   " \"dwellings\": [], \"households\": []}\n",
                                   NULL, &diags),
                    LOGIS_E_INPUT);
    CU_ASSERT(diagnostics_contain(diags, "/territories/0/id: must not hold a control", NULL));
    logis_diagnostics_free(diags);
}

/* Names go into reports and check's description: the same rule. */
static void control_characters_in_names_are_refused(void)
{
    logis_diagnostics *diags = NULL;
    CU_ASSERT_EQUAL(load_text_with("names.json",
                                   "{\"name\": \"plan\\u001b]0;x\\u0007\",\n"
                                   " \"horizon\": {\"start\": \"2017-01-02\", "
                                   "\"end\": \"2018-01-01\"},\n"
                                   " \"territories\": [{\"id\": \"T1\", \"name\": \"\\u202e\"}],\n"
                                   " \"dwellings\": [], \"households\": []}\n",
                                   NULL, &diags),
                    LOGIS_E_INPUT);
    CU_ASSERT(diagnostics_contain(diags, "names.json: /name: must not hold a control character "
                                  "(U+001B)", NULL));
    CU_ASSERT(diagnostics_contain(diags, "names.json: /territories/0/name (T1): must not hold a "
                                  "bidirectional control character (U+202E)", NULL));
    logis_diagnostics_free(diags);
}

/* ---- arrays ---- */

static void more_than_a_million_households_are_refused(void)
{
    size_t count = 1000001;
    char *households = malloc(2 * count + 2);
    CU_ASSERT_PTR_NOT_NULL_FATAL(households);
    households[0] = '[';
    for (size_t i = 0; i < count; i++) {
        households[1 + 2 * i] = '0';
        households[2 + 2 * i] = i + 1 < count ? ',' : ']';
    }
    households[1 + 2 * count] = '\0';
    expect_household_error(households, "/households", "more than 1000000 households");
    free(households);
}

/* ---- numbers ---- */

static void household_with(const char *member, char *out, size_t size)
{
    snprintf(out, size, "[{\"id\": \"H1\", \"size\": 2, \"arrival\": \"2017-01-02\", %s}]",
             member);
}

static void expect_member_error(const char *member, const char *pointer, const char *message)
{
    char households[400];
    household_with(member, households, sizeof households);
    expect_household_error(households, pointer, message);
}

static void numbers_out_of_range_name_the_range(void)
{
    expect_household_error("[{\"id\": \"H1\", \"size\": 31, \"arrival\": \"2017-01-02\"}]",
                           "/households/0/size", "integer from 1 to 30 (got 31)");
    expect_household_error("[{\"id\": \"H1\", \"size\": -2, \"arrival\": \"2017-01-02\"}]",
                           "/households/0/size", "integer from 1 to 30 (got -2)");
    expect_member_error("\"priority\": 11", "/households/0/priority", "from 1 to 10 (got 11)");
    expect_member_error("\"priority\": 0", "/households/0/priority", "from 1 to 10 (got 0)");
    expect_member_error("\"stay_months\": 13", "/households/0/stay_months",
                        "from 1 to 12 (got 13)");
    expect_member_error("\"adults\": 31", "/households/0/adults", "from 0 to 30 (got 31)");
}

static void non_integers_and_huge_numbers_are_refused(void)
{
    expect_household_error("[{\"id\": \"H1\", \"size\": 2.5, \"arrival\": \"2017-01-02\"}]",
                           "/households/0/size", "must be an integer from 1 to 30 (got 2.5)");
    expect_household_error("[{\"id\": \"H1\", \"size\": 1e400, \"arrival\": \"2017-01-02\"}]",
                           "/households/0/size", "(got a number too large)");
    expect_household_error("[{\"id\": \"H1\", \"size\": -1e400, \"arrival\": \"2017-01-02\"}]",
                           "/households/0/size", "(got a number too large)");
    expect_household_error("[{\"id\": \"H1\", \"size\": 1e-400, \"arrival\": \"2017-01-02\"}]",
                           "/households/0/size", "(got 0)");
    expect_household_error("[{\"id\": \"H1\", \"size\": 4294967298, \"arrival\": \"2017-01-02\"}]",
                           "/households/0/size", "(got 4294967298)");
    expect_household_error("[{\"id\": \"H1\", \"size\": \"3\", \"arrival\": \"2017-01-02\"}]",
                           "/households/0/size", "(got a string)");
    expect_household_error("[{\"id\": \"H1\", \"size\": null, \"arrival\": \"2017-01-02\"}]",
                           "/households/0/size", "(got null)");
    expect_household_accepted("[{\"id\": \"H1\", \"size\": 2.0e0, \"arrival\": \"2017-01-02\"}]");
}

/* NaN and Infinity are not JSON: the syntax check stops them where they stand. */
static void nan_and_infinity_are_syntax_errors(void)
{
    static const char *const words[] = {"NaN", "Infinity", "-Infinity", "nan", "0x10", "+1",
                                        "01", ".5", "1.", "1e", NULL};
    for (int i = 0; words[i]; i++) {
        char households[200];
        snprintf(households, sizeof households,
                 "[{\"id\": \"H1\", \"size\": %s, \"arrival\": \"2017-01-02\"}]", words[i]);
        char *text = scenario_with_households(households);
        CU_ASSERT_PTR_NOT_NULL_FATAL(text);
        logis_diagnostics *diags = NULL;
        CU_ASSERT_EQUAL(load_text_with("nan.json", text, NULL, &diags), LOGIS_E_INPUT);
        CU_ASSERT(diagnostics_contain(diags, "nan.json:4:", "syntax error", NULL));
        logis_diagnostics_free(diags);
        free(text);
    }
}

/* A valid JSON number longer than the JSON library reads: a message at its place, not a crash
 * or a wrong value. */
static void very_long_numbers_are_refused_at_their_place(void)
{
    char households[300];
    snprintf(households, sizeof households,
             "[{\"id\": \"H1\", \"size\": 2.%070d, \"arrival\": \"2017-01-02\"}]", 0);
    char *text = scenario_with_households(households);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    logis_diagnostics *diags = NULL;
    CU_ASSERT_EQUAL(load_text_with("long.json", text, NULL, &diags), LOGIS_E_INPUT);
    CU_ASSERT(diagnostics_contain(diags, "long.json:4:", "number", NULL));
    logis_diagnostics_free(diags);
    free(text);
}

/* A households text whose first household's id is written as given, loaded: a syntax error
 * at line 4, column at_column, with message. */
static void expect_id_syntax_error(const char *id, int at_column, const char *message)
{
    char households[300], where[32];
    snprintf(households, sizeof households,
             "[{\"id\": \"%s\", \"size\": 2, \"arrival\": \"2017-01-02\"}]", id);
    snprintf(where, sizeof where, "escape.json:4:%d: ", at_column);
    char *text = scenario_with_households(households);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    logis_diagnostics *diags = NULL;
    CU_ASSERT_EQUAL(load_text_with("escape.json", text, NULL, &diags), LOGIS_E_INPUT);
    CU_ASSERT(diagnostics_contain(diags, where, "syntax error: ", message, NULL));
    if (!diagnostics_contain(diags, where, message, NULL))
        fprintf(stderr, "\n  wanted %s%s for %s", where, message, id);
    logis_diagnostics_free(diags);
    free(text);
}

/* \u escapes that make no character are refused where they stand, with line and column: JSON
 * allows them, but "A\u0000B" would silently become "A", and a lone surrogate is not UTF-8
 * (cJSON refused it with no place at all). A pair that makes one character is fine. */
static void escapes_that_make_no_character_are_located(void)
{
    /* line 4 is ' "households": [{"id": "': the id's text starts at column 25 */
    expect_id_syntax_error("A\\u0000B", 26, "\\u0000 (a NUL character) in a string");
    expect_id_syntax_error("\\ud800", 25, "lone surrogate in a string");
    expect_id_syntax_error("x\\ud800\\u0041", 26, "lone surrogate in a string");
    expect_id_syntax_error("\\udc00x", 25, "lone surrogate in a string");
    expect_id_syntax_error("A\\u12G4", 26, "invalid \\u escape");
    expect_household_accepted("[{\"id\": \"\\ud83d\\ude00\", \"size\": 2, "
                              "\"arrival\": \"2017-01-02\"}]");
}

/* What people write for a number but JSON does not is named so ("expected a value" said
 * nothing); one longer than 63 characters is refused for its length, valid or not. */
static void invalid_and_long_numbers_are_named(void)
{
    static const char *const numbers[] = {"01", "+1", ".5", "1.", "-", NULL};
    for (int i = 0; numbers[i]; i++) {
        char member[40];
        snprintf(member, sizeof member, "\"priority\": %s", numbers[i]);
        char households[200];
        household_with(member, households, sizeof households);
        char *text = scenario_with_households(households);
        CU_ASSERT_PTR_NOT_NULL_FATAL(text);
        logis_diagnostics *diags = NULL;
        CU_ASSERT_EQUAL(load_text_with("number.json", text, NULL, &diags), LOGIS_E_INPUT);
        CU_ASSERT(diagnostics_contain(diags, "number.json:4:", "syntax error: invalid number",
                                      NULL));
        logis_diagnostics_free(diags);
        free(text);
    }
    char households[300];
    snprintf(households, sizeof households,
             "[{\"id\": \"H1\", \"size\": %064d, \"arrival\": \"2017-01-02\"}]", 2);
    char *text = scenario_with_households(households);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    logis_diagnostics *diags = NULL;
    CU_ASSERT_EQUAL(load_text_with("number.json", text, NULL, &diags), LOGIS_E_INPUT);
    CU_ASSERT(diagnostics_contain(diags, "number.json:4:", "number longer than 63 characters",
                                  NULL));
    logis_diagnostics_free(diags);
    free(text);
}

static void rule_and_dwelling_ranges_are_enforced(void)
{
    static const struct {
        const char *rules, *dwelling, *territory, *pointer, *message;
    } cases[] = {
        {"{\"support_months\": 61}", NULL, NULL, "/rules/support_months", "from 1 to 60"},
        {"{\"stay_months\": 0}", NULL, NULL, "/rules/stay_months", "from 1 to 12"},
        {"{\"max_wait_days\": 366}", NULL, NULL, "/rules/max_wait_days", "from 0 to 365"},
        {"{\"start_step_days\": 0}", NULL, NULL, "/rules/start_step_days", "from 1 to 365"},
        {"{\"turnover_days\": 91}", NULL, NULL, "/rules/turnover_days", "from 0 to 90"},
        {"{}", "51", NULL, "/dwellings/0/places", "from 1 to 50 (got 51)"},
        {"{}", "0", NULL, "/dwellings/0/places", "from 1 to 50 (got 0)"},
        {"{}", "4", "-1", "/territories/0/caseload", "from 0 to 1000000 (got -1)"},
        {"{}", "4", "1e9", "/territories/0/caseload", "from 0 to 1000000 (got 1000000000)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char text[800];
        snprintf(text, sizeof text,
                 "{\"horizon\": {\"start\": \"2017-01-02\", \"end\": \"2018-01-01\"},\n"
                 " \"rules\": %s,\n"
                 " \"territories\": [{\"id\": \"T1\", \"caseload\": %s}],\n"
                 " \"dwellings\": [{\"id\": \"D1\", \"territory\": \"T1\", \"places\": %s}],\n"
                 " \"households\": []}\n",
                 cases[i].rules, cases[i].territory ? cases[i].territory : "3",
                 cases[i].dwelling ? cases[i].dwelling : "4");
        logis_diagnostics *diags = NULL;
        CU_ASSERT_EQUAL(load_text_with("ranges.json", text, NULL, &diags), LOGIS_E_INPUT);
        CU_ASSERT(diagnostics_contain(diags, "ranges.json: ", cases[i].pointer, cases[i].message,
                                      NULL));
        logis_diagnostics_free(diags);
    }
}

/* ---- files outside the scenario's folder ---- */

/* fixture/inner/scenario.json naming households_path; fixture/outside.json holds households. */
static const char *inner_scenario(const char *households_path)
{
    static const char households[] = "[{\"id\": \"H1\", \"size\": 2, \"arrival\": \"2017-01-02\"}]";
    char folder[600];
    snprintf(folder, sizeof folder, "%s/inner", fixture_folder());
    mkdir(folder, 0700);
    write_fixture("outside.json", households);
    write_fixture("inner/inside.json", households);
    char quoted[700];
    snprintf(quoted, sizeof quoted, "\"%s\"", households_path);
    char *text = scenario_with_households(quoted);
    const char *path = write_fixture("inner/scenario.json", text ? text : "");
    free(text);
    return path;
}

static logis_status load_inner(const char *households_path, int allow_outside,
                               logis_diagnostics **diags)
{
    logis_load_options options;
    logis_load_options_init(&options);
    options.allow_outside = allow_outside;
    logis_scenario *scenario = NULL;
    *diags = logis_diagnostics_new();
    logis_status status = logis_scenario_load_with(inner_scenario(households_path), &options,
                                                   &scenario, *diags);
    logis_scenario_free(scenario);
    return status;
}

static void expect_outside_refused(const char *households_path)
{
    logis_diagnostics *diags = NULL;
    CU_ASSERT_EQUAL(load_inner(households_path, 0, &diags), LOGIS_E_INPUT);
    CU_ASSERT(diagnostics_contain(diags, "inner/scenario.json: /households: ", households_path,
                                  "outside the scenario's folder", NULL));
    logis_diagnostics_free(diags);
    CU_ASSERT_EQUAL(load_inner(households_path, 1, &diags), LOGIS_OK);
    logis_diagnostics_free(diags);
}

static void section_file_outside_the_folder_is_refused_unless_allowed(void)
{
    expect_outside_refused("../outside.json");
    char absolute[600];
    snprintf(absolute, sizeof absolute, "%s/outside.json", fixture_folder());
    expect_outside_refused(absolute);
}

static void symbolic_link_leading_outside_is_refused_unless_allowed(void)
{
    char link_path[600], target[600];
    snprintf(link_path, sizeof link_path, "%s/inner/link.json", fixture_folder());
    snprintf(target, sizeof target, "%s/outside.json", fixture_folder());
    inner_scenario("inside.json");
    unlink(link_path);
    CU_ASSERT_EQUAL_FATAL(symlink(target, link_path), 0);
    expect_outside_refused("link.json");
    unlink(link_path);
}

static void files_inside_the_folder_are_read(void)
{
    logis_diagnostics *diags = NULL;
    CU_ASSERT_EQUAL(load_inner("inside.json", 0, &diags), LOGIS_OK);
    logis_diagnostics_free(diags);
    CU_ASSERT_EQUAL(load_inner("../inner/./inside.json", 0, &diags), LOGIS_OK);
    logis_diagnostics_free(diags);
    char link_path[600];
    snprintf(link_path, sizeof link_path, "%s/inner/same.json", fixture_folder());
    unlink(link_path);
    CU_ASSERT_EQUAL_FATAL(symlink("inside.json", link_path), 0);
    CU_ASSERT_EQUAL(load_inner("same.json", 0, &diags), LOGIS_OK);
    logis_diagnostics_free(diags);
    unlink(link_path);
}

/* "households": "." names the scenario's own folder: it is a folder, not a file, and not
 * outside the folder, which is what it was said to be. */
static void the_scenario_folder_itself_is_said_to_be_a_folder(void)
{
    static const char *const paths[] = {".", "./", "../inner"};
    for (size_t k = 0; k < sizeof paths / sizeof *paths; k++) {
        logis_diagnostics *diags = NULL;
        CU_ASSERT_EQUAL(load_inner(paths[k], 0, &diags), LOGIS_E_INPUT);
        CU_ASSERT(diagnostics_contain(diags, "a directory, not a regular file", NULL));
        CU_ASSERT_FALSE(diagnostics_contain(diags, "outside", NULL));
        logis_diagnostics_free(diags);
    }
}

/* logis export reads the array file a scenario names as the loader does: not outside its folder
 * unless allowed. */
static void export_refuses_a_section_file_outside_the_folder_unless_allowed(void)
{
    const char *scenario = inner_scenario("../outside.json");
    logis_load_options options;
    logis_load_options_init(&options);
    logis_diagnostics *diags = logis_diagnostics_new();
    char *csv = NULL;
    CU_ASSERT_EQUAL(logis_json_to_csv(LOGIS_HOUSEHOLDS, scenario, &csv, diags), LOGIS_E_INPUT);
    CU_ASSERT_PTR_NULL(csv);
    CU_ASSERT(diagnostics_contain(diags, "inner/scenario.json: /households: the file "
                                  "\"../outside.json\" lies outside the scenario's folder: "
                                  "refused (allow it with --allow-outside)", NULL));
    logis_diagnostics_free(diags);
    options.allow_outside = 1;
    CU_ASSERT_EQUAL(logis_json_to_csv_with(LOGIS_HOUSEHOLDS, scenario, &options, &csv, NULL),
                    LOGIS_OK);
    CU_ASSERT(csv && strstr(csv, "\r\nH1,2,"));
    free(csv);
}

/* ---- the solver's memory ---- */

/* A model over the limit is refused before it is built, with what to change. */
static void model_over_the_memory_limit_is_refused_before_it_is_built(void)
{
    logis_scenario *faar = NULL;
    CU_ASSERT_EQUAL_FATAL(logis_scenario_load("data/faar/scenario.json", &faar, NULL), LOGIS_OK);
    logis_options options;
    logis_options_init(&options);
    options.memory_limit = 1;
    logis_plan *plan = NULL;
    logis_diagnostics *diags = logis_diagnostics_new();
    CU_ASSERT_EQUAL(logis_solve(faar, &options, &plan, diags), LOGIS_E_SOLVER);
    CU_ASSERT_PTR_NULL(plan);
    CU_ASSERT(diagnostics_contain(diags, "more than the memory limit of 1 MiB",
                                  "raise --memory-limit", NULL));
    logis_diagnostics_free(diags);
    logis_scenario_free(faar);
}

/* GLPK over its share of the limit fails cleanly, and frees its environment: a solve after it
 * works. It is the solver's failure (LOGIS_E_SOLVER, as documented), not logis's memory. */
static void glpk_over_its_limit_fails_and_the_next_solve_works(void)
{
    logis_scenario *faar = NULL, *small = NULL;
    CU_ASSERT_EQUAL_FATAL(logis_scenario_load("data/faar/scenario.json", &faar, NULL), LOGIS_OK);
    CU_ASSERT_EQUAL_FATAL(
        logis_scenario_load("data/examples/first-come.json", &small, NULL), LOGIS_OK);
    model m;
    CU_ASSERT_EQUAL_FATAL(model_build(faar, faar->dwelling_count, NULL, &m), MODEL_BUILT);
    double *x = calloc((size_t)m.column_count + 1, sizeof *x);
    char error[256] = "";
    bool out_of_memory = true;
    mip *p = mip_new(&m, NULL, false, 1, NULL, NULL, error, sizeof error, &out_of_memory);
    mip_result result;
    bool solved = p && x && mip_solve_level(p, 0, &(mip_params){0}, x, &result);
    CU_ASSERT_FALSE(solved);
    CU_ASSERT_PTR_NOT_NULL(strstr(p ? mip_error(p) : error, "memory"));
    CU_ASSERT_FALSE(p ? mip_out_of_memory(p) : out_of_memory);
    mip_free(p);
    free(x);
    model_free(&m);
    logis_options options;
    logis_options_init(&options);
    logis_plan *plan = NULL;
    logis_diagnostics *diags = logis_diagnostics_new();
    CU_ASSERT_EQUAL(logis_solve(small, &options, &plan, diags), LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL(plan);
    CU_ASSERT_EQUAL(logis_diagnostics_errors(diags), 0);
    if (plan) {
        CU_ASSERT_EQUAL(logis_plan_outcome(plan), LOGIS_OPTIMAL);
        char *json = logis_plan_to_json(plan);
        CU_ASSERT(json && strstr(json, "\"weighted_persons_housed\":\t10"));
        free(json);
    }
    logis_plan_free(plan);
    logis_diagnostics_free(diags);
    logis_scenario_free(small);
    logis_scenario_free(faar);
}

/* ---- limits in every phase of a solve ---- */

/* A park of `dwellings` six-place dwellings and `households` families who may wait up to a year,
 * one day at a time: the crowd of the hostile tests. Alike: families of 6 arriving on the first
 * day; else of 1 to 6 arriving over 200 days, so that no two neighbours are alike. */
static logis_scenario *crowded_scenario(const char *name, int dwellings, int households,
                                        bool alike)
{
    size_t size = 512 + (size_t)dwellings * 64 + (size_t)households * 64;
    char *text = malloc(size);
    if (!text)
        return NULL;
    int used = snprintf(text, size,
                        "{\"horizon\": {\"start\": \"2027-01-04\", \"end\": \"2028-01-03\"},"
                        "\"rules\": {\"max_wait_days\": 365, \"start_step_days\": 1},"
                        "\"territories\": [{\"id\": \"T\"}], \"dwellings\": [");
    for (int d = 0; d < dwellings; d++)
        used += snprintf(text + used, size - (size_t)used,
                         "%s{\"id\": \"D%d\", \"territory\": \"T\", \"places\": 6}",
                         d ? "," : "", d);
    used += snprintf(text + used, size - (size_t)used, "], \"households\": [");
    for (int h = 0; h < households; h++)
        used += snprintf(text + used, size - (size_t)used,
                         "%s{\"id\": \"H%d\", \"size\": %d, \"arrival\": \"2027-%02d-%02d\"}",
                         h ? "," : "", h, alike ? 6 : 1 + h % 6, alike ? 1 : 1 + h % 200 / 28,
                         alike ? 4 : 1 + h % 28);
    snprintf(text + used, size - (size_t)used, "]}");
    logis_scenario *s = load_fixture(name, text, NULL);
    free(text);
    return s;
}

/* The stated bound is the trivial one, and solver.levels says the same. */
static void check_trivial_bound(const logis_plan *plan)
{
    char *json = logis_plan_to_json(plan);
    CU_ASSERT_PTR_NOT_NULL_FATAL(json);
    CU_ASSERT_PTR_NOT_NULL(strstr(json, "\"bound_kind\":\t\"trivial\""));
    CU_ASSERT_EQUAL(plan->levels[LEVEL_PERSONS].bound, plan->bound);
    CU_ASSERT(plan->bound >= plan->levels[LEVEL_PERSONS].value);
    logis_free(json);
}

/* A stop asked before the solve ends it in the first-come phase: a valid, partial plan, whose
 * reasons do not say that households never tried found the dwellings taken. */
static void stop_before_the_solve_gives_the_first_come_plan_so_far(void)
{
    logis_scenario *s = crowded_scenario("crowd-stop.json", 5, 40, true);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    volatile sig_atomic_t stop = 1;
    logis_options options;
    logis_options_init(&options);
    options.stop = &stop;
    logis_plan *plan = NULL;
    logis_diagnostics *diags = logis_diagnostics_new();
    CU_ASSERT_EQUAL(logis_solve(s, &options, &plan, diags), LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    CU_ASSERT_EQUAL(logis_plan_outcome(plan), LOGIS_FEASIBLE);
    CU_ASSERT(plan->stay_count >= 1 && plan->stay_count < 5);
    CU_ASSERT_EQUAL(plan->stay_count + plan->left_count, 40);
    CU_ASSERT_EQUAL(plan->bound, 6.0 * 40);
    CU_ASSERT(plan->left_count > 0 && strstr(plan->left[0].reason, "time limit"));
    for (int i = 0; i < plan->left_count; i++)
        CU_ASSERT_PTR_NULL(strstr(plan->left[i].reason, "came first"));
    check_trivial_bound(plan);
    logis_plan_free(plan);
    logis_diagnostics_free(diags);
    logis_scenario_free(s);
}

/* 4,000 households take about 10 ms to list and write whatever the search: a 1 ms limit is
 * refused at once by the solve and by first come alike, no plan and the reason said; 1 s is
 * enough. */
static void time_limit_shorter_than_finishing_a_plan_is_refused(void)
{
    logis_scenario *s = crowded_scenario("crowd-finish.json", 5, 4000, false);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    logis_options options;
    logis_options_init(&options);
    options.time_limit = 0.001;
    for (int first_fit = 0; first_fit <= 1; first_fit++) {
        logis_plan *plan = NULL;
        logis_diagnostics *diags = logis_diagnostics_new();
        logis_status status = first_fit ? logis_plan_first_fit_with(s, &options, &plan, diags)
                                        : logis_solve(s, &options, &plan, diags);
        CU_ASSERT_EQUAL(status, LOGIS_E_LIMIT);
        CU_ASSERT_PTR_NULL(plan);
        CU_ASSERT_EQUAL(logis_diagnostics_errors(diags), 1);
        char *line = logis_diagnostics_line(diags, 0);
        CU_ASSERT_PTR_NOT_NULL(line && strstr(line, "4000 households") ? line : NULL);
        logis_free(line);
        logis_diagnostics_free(diags);
    }
    options.time_limit = 1;
    logis_plan *plan = NULL;
    CU_ASSERT_EQUAL(logis_plan_first_fit_with(s, &options, &plan, NULL), LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL(plan);
    logis_plan_free(plan);
    CU_ASSERT_STRING_EQUAL(logis_status_string(LOGIS_E_LIMIT), "limit");
    logis_scenario_free(s);
}

/* Asks the solve to stop at the n-th progress line of GLPK's simplex in the log: the simplex is
 * left at its next report, in the middle of the round or at its end (the log keeps a call's
 * first and last lines). user points to {lines left, stop flag}. */
typedef struct {
    int lines_left;
    volatile sig_atomic_t stop;
    int rounds_after_stop; /* pricing rounds that ended after the stop was asked */
} stop_after_lines;

static void stop_at_a_simplex_line(void *user, const char *line)
{
    stop_after_lines *a = user;
    a->rounds_after_stop += a->stop && strncmp(line, "logis: pricing round", 20) == 0;
    if (line[0] == '*' && --a->lines_left <= 0)
        a->stop = 1;
}

/* Stopped after a round of the relaxation, a plan states the bound of that round's duals
 * (Lagrangian duality): never below the optimum; after a few rounds, tighter than everyone
 * housed, the trivial bound a stop before the relaxation states. Stopped in the middle of the
 * first round's simplex, it states the trivial bound: Ctrl-C does not wait for the round to
 * end. The unfinished relaxation, rounded, is the plan when it houses more than first come. */
static void a_relaxation_stopped_early_still_states_a_true_bound(void)
{
    logis_scenario *faar = NULL;
    CU_ASSERT_EQUAL_FATAL(logis_scenario_load("data/faar/scenario.json", &faar, NULL), LOGIS_OK);
    logis_plan *optimal = NULL;
    CU_ASSERT_EQUAL_FATAL(logis_solve(faar, NULL, &optimal, NULL), LOGIS_OK);
    CU_ASSERT_EQUAL(logis_plan_outcome(optimal), LOGIS_OPTIMAL);
    stop_after_lines at_once = {.stop = 1};
    logis_options options;
    logis_options_init(&options);
    options.stop = &at_once.stop;
    logis_plan *first_come = NULL;
    CU_ASSERT_EQUAL(logis_solve(faar, &options, &first_come, NULL), LOGIS_OK);
    CU_ASSERT_FATAL(first_come && first_come->bound_trivial);
    bool tighter_seen = false, better_seen = false;
    for (int lines = 1; lines <= 5; lines += 2) {
        stop_after_lines a = {.lines_left = lines};
        options.verbose = 1;
        options.log = stop_at_a_simplex_line;
        options.user = &a;
        options.stop = &a.stop;
        logis_plan *stopped = NULL;
        CU_ASSERT_EQUAL(logis_solve(faar, &options, &stopped, NULL), LOGIS_OK);
        CU_ASSERT_PTR_NOT_NULL_FATAL(stopped);
        CU_ASSERT(stopped->bound >= optimal->bound);
        CU_ASSERT_EQUAL(stopped->levels[LEVEL_PERSONS].bound, stopped->bound);
        CU_ASSERT(lines > 1 || (stopped->bound_trivial && a.rounds_after_stop == 0));
        tighter_seen |= !stopped->bound_trivial && stopped->bound < first_come->bound;
        CU_ASSERT(plan_weighted_persons(stopped) >= plan_weighted_persons(first_come));
        better_seen |= plan_weighted_persons(stopped) > plan_weighted_persons(first_come);
        CU_ASSERT_EQUAL(logis_plan_verify(faar, stopped, NULL), 0);
        logis_plan_free(stopped);
    }
    CU_ASSERT(tighter_seen);
    CU_ASSERT(better_seen);
    logis_plan_free(first_come);
    logis_plan_free(optimal);
    logis_scenario_free(faar);
}

/* The optimum of level 1 over the model's columns, by the MIP solver itself; NaN on failure. */
static double level_one_optimum(const model *m)
{
    double *x = calloc((size_t)m->column_count + 1, sizeof *x), value = NAN;
    char error[256] = "";
    bool out_of_memory = false;
    mip *p = mip_new(m, NULL, false, 0, NULL, NULL, error, sizeof error, &out_of_memory);
    mip_result result;
    if (p && x && mip_solve_level(p, LEVEL_PERSONS, &(mip_params){0}, x, &result) &&
        result.outcome == MIP_OPTIMAL)
        value = result.value;
    mip_free(p);
    free(x);
    return value;
}

/* Random multipliers of the signs the Lagrangian allows: >= 0 on packing rows, any on links. */
static void random_multipliers(const model *m, unsigned *seed, double scale, double *y)
{
    for (int i = 0; i < m->row_count; i++) {
        double u = scale * rand_r(seed) / RAND_MAX;
        y[i] = m->rows[i].kind != ROW_LINK ? u : u - scale / 2;
    }
}

/* Lagrangian duality, as the bound of a relaxation stopped by the limits uses it: at any
 * multipliers of the right signs the bound is at least the optimum (FAAR; and the matching
 * fixture, whose quotas and links add rows of other kinds); subgradient steps from zero lower
 * it and keep it true. */
static void a_lagrangian_bound_holds_at_any_multipliers(void)
{
    const char *paths[] = {"data/faar/scenario.json", "tests/matching/cases/tiny.json"};
    for (size_t k = 0; k < sizeof paths / sizeof *paths; k++) {
        logis_scenario *s = NULL;
        CU_ASSERT_EQUAL_FATAL(logis_scenario_load(paths[k], &s, NULL), LOGIS_OK);
        model m;
        CU_ASSERT_EQUAL_FATAL(model_build(s, s->dwelling_count, NULL, &m), MODEL_BUILT);
        double optimum = level_one_optimum(&m);
        CU_ASSERT_FATAL(!isnan(optimum));
        double *y = calloc((size_t)m.row_count + 1, sizeof *y);
        double *activity = calloc((size_t)m.row_count + 1, sizeof *activity);
        CU_ASSERT_FATAL(y && activity);
        double at_zero = lagrangian_bound_at(&m, y, activity);
        CU_ASSERT(at_zero >= optimum - 1e-6);
        unsigned seed = 20261201u + (unsigned)k;
        for (int trial = 0; trial < 40; trial++) {
            random_multipliers(&m, &seed, trial % 2 ? 0.5 : 8.0, y);
            CU_ASSERT(lagrangian_bound_at(&m, y, activity) >= optimum - 1e-6);
        }
        memset(y, 0, (size_t)m.row_count * sizeof *y);
        double lowered = lagrangian_lower(&m, y, optimum, 500, NULL);
        CU_ASSERT(lowered >= optimum - 1e-6);
        CU_ASSERT(lowered < at_zero - 0.5);
        free(y);
        free(activity);
        model_free(&m);
        logis_scenario_free(s);
    }
    CU_ASSERT(isnan(lagrangian_finish(NULL)));
}

/* A hostile crowd (defect 2: a 0.5 s limit took 23.4 s in the first-come phase): the limit
 * holds, whatever phase it falls in. The margin is wide: this checks the limit, not speed. */
static void time_limit_holds_in_the_first_come_phase(void)
{
    logis_scenario *s = crowded_scenario("crowd-time.json", 50, 20000, false);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    logis_options options;
    logis_options_init(&options);
    options.time_limit = 0.5;
    logis_plan *plan = NULL;
    logis_diagnostics *diags = logis_diagnostics_new();
    CU_ASSERT_EQUAL(logis_solve(s, &options, &plan, diags), LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    CU_ASSERT(plan->seconds < 3.0);
    CU_ASSERT_EQUAL(logis_plan_outcome(plan), LOGIS_FEASIBLE);
    check_trivial_bound(plan);
    logis_plan_free(plan);
    logis_diagnostics_free(diags);
    logis_scenario_free(s);
}

/* logis plan --first-fit is the first-come phase alone: its time limit and Ctrl-C held only
 * inside a solve, and 200,000 households took 6 min 22 s against the default 60 s (the h8
 * hostile run). Stopped, the plan so far is whole, feasible, with its trivial bound. */
static void time_limit_and_stop_hold_in_the_first_come_plan(void)
{
    logis_scenario *s = crowded_scenario("crowd-first-fit.json", 50, 20000, false);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    logis_options options;
    logis_options_init(&options);
    options.time_limit = 0.2;
    logis_plan *plan = NULL;
    double started = mip_clock();
    CU_ASSERT_EQUAL(logis_plan_first_fit_with(s, &options, &plan, NULL), LOGIS_OK);
    CU_ASSERT(mip_clock() - started < 2.0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    CU_ASSERT_EQUAL(logis_plan_outcome(plan), LOGIS_FEASIBLE);
    CU_ASSERT_EQUAL(plan->stay_count + plan->left_count, 20000);
    bool said_stopped = false;
    for (int i = 0; i < plan->left_count; i++)
        said_stopped |= strstr(plan->left[i].reason, "ended the first-come plan") != NULL;
    CU_ASSERT(said_stopped);
    CU_ASSERT(plan->bound_trivial);
    CU_ASSERT_EQUAL(logis_plan_verify(s, plan, NULL), 0);
    logis_plan_free(plan);
    volatile sig_atomic_t stop = 1;
    logis_options_init(&options);
    options.stop = &stop;
    CU_ASSERT_EQUAL(logis_plan_first_fit_with(s, &options, &plan, NULL), LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    CU_ASSERT(plan->stay_count >= 1 && plan->stay_count < 5);
    CU_ASSERT_EQUAL(logis_plan_verify(s, plan, NULL), 0);
    logis_plan_free(plan);
    logis_scenario_free(s);
}

/* A model over the memory limit on the rules' grid is built on a coarser one: the plan keeps
 * the rules, says so (its file and its summary), and states a trivial bound. */
static void model_over_the_memory_limit_is_built_coarser(void)
{
    logis_scenario *s = crowded_scenario("crowd-memory.json", 20, 60, true);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    model_size fine, coarse;
    logis_scenario coarser = *s;
    coarser.rules.start_step_days = 2;
    CU_ASSERT_FATAL(model_estimate(s, s->dwelling_count, NULL, &fine) == MODEL_BUILT);
    CU_ASSERT_FATAL(model_estimate(&coarser, s->dwelling_count, NULL, &coarse) == MODEL_BUILT);
    CU_ASSERT_FATAL(coarse.columns < fine.columns);
    logis_options options;
    logis_options_init(&options);
    options.memory_limit = 0; /* none: the rules' grid */
    logis_plan *plan = NULL;
    CU_ASSERT_EQUAL(logis_solve(s, &options, &plan, NULL), LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    CU_ASSERT_EQUAL(plan->coarser_step, 0);
    CU_ASSERT_FALSE(plan->bound_trivial);
    int fine_columns = plan->columns;
    logis_plan_free(plan);
    plan = NULL;
    options.memory_limit = 1;
    while (options.memory_limit < 4096 && !plan) {
        if (logis_solve(s, &options, &plan, NULL) != LOGIS_OK)
            options.memory_limit *= 2;
    }
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    if (plan->coarser_step) {
        CU_ASSERT(plan->coarser_step % 2 == 0);
        CU_ASSERT(plan->columns < fine_columns);
        check_trivial_bound(plan);
        char *json = logis_plan_to_json(plan);
        CU_ASSERT(json && strstr(json, "\"coarser_start_step_days\""));
        logis_free(json);
        /* and so does the summary a planner reads */
        char *summary = logis_plan_summary(plan), expected[96];
        snprintf(expected, sizeof expected, "move-in dates every %d days, not the rules' %d",
                 plan->coarser_step, s->rules.start_step_days);
        CU_ASSERT(summary && strstr(summary, expected));
        logis_free(summary);
    } else {
        CU_FAIL("no memory limit gave a coarser model");
    }
    /* never worse than first come on the rules' own grid */
    logis_plan *first_come = NULL;
    CU_ASSERT_EQUAL_FATAL(logis_plan_first_fit(s, &first_come, NULL), LOGIS_OK);
    plan_figures coarse_figures, first_come_figures;
    CU_ASSERT_FATAL(plan_figures_compute(plan, &coarse_figures));
    CU_ASSERT_FATAL(plan_figures_compute(first_come, &first_come_figures));
    CU_ASSERT(coarse_figures.weighted_persons_housed >=
              first_come_figures.weighted_persons_housed);
    plan_figures_free(&coarse_figures);
    plan_figures_free(&first_come_figures);
    logis_plan_free(first_come);
    logis_diagnostics *found = logis_diagnostics_new();
    CU_ASSERT_EQUAL(logis_plan_verify(s, plan, found), 0);
    logis_diagnostics_free(found);
    logis_plan_free(plan);
    logis_scenario_free(s);
}

static void a_growing_array_keeps_its_elements_as_it_doubles(void)
{
    int *items = NULL;
    int count = 0;
    size_t capacity = 0;
    for (int i = 0; i < 1000; i++) {
        CU_ASSERT_FATAL(ARRAY_GROW(items, count, capacity));
        CU_ASSERT(capacity > (size_t)count);
        items[count++] = i;
    }
    CU_ASSERT_EQUAL(capacity, 1024); /* 8, 16, ... 1024 */
    for (int i = 0; i < count; i++)
        CU_ASSERT_EQUAL(items[i], i);
    CU_ASSERT(ARRAY_RESERVE(items, count, 5000, capacity));
    CU_ASSERT_EQUAL(capacity, 6000); /* what is wanted when it is more than twice */
    CU_ASSERT_EQUAL(items[999], 999);
    free(items);
}

static void an_array_whose_size_would_overflow_is_left_as_it_was(void)
{
    double *items = NULL;
    size_t capacity = 0;
    CU_ASSERT(ARRAY_GROW(items, 0, capacity));
    double *before = items;
    CU_ASSERT_FALSE(ARRAY_RESERVE(items, 1, SIZE_MAX / sizeof *items, capacity));
    CU_ASSERT_FALSE(ARRAY_RESERVE(items, 1, SIZE_MAX, capacity));
    CU_ASSERT_FALSE(ARRAY_GROW(items, SIZE_MAX, capacity));
    CU_ASSERT_PTR_EQUAL(items, before);
    CU_ASSERT_EQUAL(capacity, 8);
    free(items);
}

void suite_limits(void)
{
    CU_pSuite suite = CU_add_suite("limits", NULL, NULL);
    CU_add_test(suite, "load options default to 64 MiB inside the folder",
                load_options_default_to_64_mib_inside_the_folder);
    CU_add_test(suite, "a file over the input limit is refused",
                file_over_the_input_limit_is_refused);
    CU_add_test(suite, "a file over 64 MiB is refused by default",
                file_over_64_mib_is_refused_by_default);
    CU_add_test(suite, "a section file over the input limit is refused",
                section_file_over_the_input_limit_is_refused);
    CU_add_test(suite, "a plan file over the input limit is refused",
                plan_file_over_the_input_limit_is_refused);
    CU_add_test(suite, "nesting deeper than 512 is a syntax error with its place",
                nesting_deeper_than_512_is_a_syntax_error_with_its_place);
    CU_add_test(suite, "an id of 200 bytes is kept and 201 refused",
                id_of_200_bytes_is_kept_and_201_refused);
    CU_add_test(suite, "a long need name is refused with its length",
                long_need_name_is_refused_with_its_length);
    CU_add_test(suite, "more than a million households are refused",
                more_than_a_million_households_are_refused);
    CU_add_test(suite, "numbers out of range name the range",
                numbers_out_of_range_name_the_range);
    CU_add_test(suite, "non-integers and huge numbers are refused",
                non_integers_and_huge_numbers_are_refused);
    CU_add_test(suite, "NaN and Infinity are syntax errors", nan_and_infinity_are_syntax_errors);
    CU_add_test(suite, "very long numbers are refused at their place",
                very_long_numbers_are_refused_at_their_place);
    CU_add_test(suite, "escapes that make no character are located",
                escapes_that_make_no_character_are_located);
    CU_add_test(suite, "invalid and long numbers are named", invalid_and_long_numbers_are_named);
    CU_add_test(suite, "control and bidirectional characters in texts are refused",
                control_and_bidirectional_characters_in_texts_are_refused);
    CU_add_test(suite, "control characters in names are refused",
                control_characters_in_names_are_refused);
    CU_add_test(suite, "rule and dwelling ranges are enforced",
                rule_and_dwelling_ranges_are_enforced);
    CU_add_test(suite, "a section file outside the folder is refused unless allowed",
                section_file_outside_the_folder_is_refused_unless_allowed);
    CU_add_test(suite, "a symbolic link leading outside is refused unless allowed",
                symbolic_link_leading_outside_is_refused_unless_allowed);
    CU_add_test(suite, "files inside the folder are read", files_inside_the_folder_are_read);
    CU_add_test(suite, "the scenario's folder itself is said to be a folder",
                the_scenario_folder_itself_is_said_to_be_a_folder);
    CU_add_test(suite, "export refuses a section file outside the folder unless allowed",
                export_refuses_a_section_file_outside_the_folder_unless_allowed);
    CU_add_test(suite, "a model over the memory limit is refused before it is built",
                model_over_the_memory_limit_is_refused_before_it_is_built);
    CU_add_test(suite, "GLPK over its limit fails and the next solve works",
                glpk_over_its_limit_fails_and_the_next_solve_works);
    CU_add_test(suite, "a time limit shorter than finishing a plan is refused",
                time_limit_shorter_than_finishing_a_plan_is_refused);
    CU_add_test(suite, "a stop before the solve gives the first-come plan so far",
                stop_before_the_solve_gives_the_first_come_plan_so_far);
    CU_add_test(suite, "a relaxation stopped early still states a true bound",
                a_relaxation_stopped_early_still_states_a_true_bound);
    CU_add_test(suite, "a Lagrangian bound holds at any multipliers",
                a_lagrangian_bound_holds_at_any_multipliers);
    CU_add_test(suite, "the time limit holds in the first-come phase",
                time_limit_holds_in_the_first_come_phase);
    CU_add_test(suite, "the time limit and a stop hold in the first-come plan alone",
                time_limit_and_stop_hold_in_the_first_come_plan);
    CU_add_test(suite, "a model over the memory limit is built coarser",
                model_over_the_memory_limit_is_built_coarser);
    CU_add_test(suite, "a growing array keeps its elements as it doubles",
                a_growing_array_keeps_its_elements_as_it_doubles);
    CU_add_test(suite, "an array whose size would overflow is left as it was",
                an_array_whose_size_would_overflow_is_left_as_it_was);
}
