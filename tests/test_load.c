/* The scenario loading suite: every class of input error is reported with its file, its line and
 * column or JSON Pointer, and its message; defaults are applied; the FAAR sample loads. */
#include "tests.h"

#include "domain/scenario.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { TEXT_SIZE = 16384 };

/* A scenario as its top-level members; NULL takes a small valid default, OMIT leaves the
 * member out. Texts use single quotes where JSON has double quotes, for readability. */
typedef struct {
    const char *name, *horizon, *rules, *territories, *dwellings, *households, *fixed, *extra;
} parts;

static const char OMIT[] = "omitted";

static const char DEFAULT_HORIZON[] = "{'start': '2017-01-02', 'end': '2018-01-01'}";
static const char DEFAULT_TERRITORIES[] = "[{'id': 'T1', 'caseload': 4}, {'id': 'T2'}]";
static const char DEFAULT_DWELLINGS[] = "[{'id': 'D1', 'territory': 'T1', 'places': 4}]";
static const char DEFAULT_HOUSEHOLDS[] = "[{'id': 'H1', 'size': 2, 'arrival': '2017-01-02'}]";

/* Turns the single quotes of a test text into JSON's double quotes, in place. */
static char *json_quotes(char *text)
{
    for (char *c = text; *c; c++)
        if (*c == '\'')
            *c = '"';
    return text;
}

static void append_member(char *text, const char *key, const char *value, const char *fallback)
{
    const char *chosen = value ? value : fallback;
    if (value == OMIT || !chosen)
        return;
    size_t used = strlen(text);
    snprintf(text + used, TEXT_SIZE - used, "%s\n '%s': %s", used > 1 ? "," : "", key, chosen);
}

static void compose(const parts *p, char *text)
{
    snprintf(text, TEXT_SIZE, "{");
    append_member(text, "name", p->name, "'tiny'");
    append_member(text, "horizon", p->horizon, DEFAULT_HORIZON);
    append_member(text, "rules", p->rules, NULL);
    append_member(text, "territories", p->territories, DEFAULT_TERRITORIES);
    append_member(text, "dwellings", p->dwellings, DEFAULT_DWELLINGS);
    append_member(text, "households", p->households, DEFAULT_HOUSEHOLDS);
    append_member(text, "fixed", p->fixed, NULL);
    if (p->extra) {
        size_t used = strlen(text);
        snprintf(text + used, TEXT_SIZE - used, ",\n %s", p->extra);
    }
    size_t used = strlen(text);
    snprintf(text + used, TEXT_SIZE - used, "\n}\n");
    json_quotes(text);
}

/* Writes a test text (single quotes) to the fixture folder under name. */
static const char *write_json(const char *name, const char *text)
{
    char *copy = strdup(text);
    const char *path = write_fixture(name, copy ? json_quotes(copy) : "");
    free(copy);
    return path;
}

/* Loads the file at path into *out; returns the status, with the diagnostics in *diags. */
static logis_status load_path(const char *path, logis_scenario **out, logis_diagnostics **diags)
{
    *diags = logis_diagnostics_new();
    return logis_scenario_load(path, out, *diags);
}

static logis_status load_parts(const parts *p, logis_scenario **out, logis_diagnostics **diags)
{
    char *text = malloc(TEXT_SIZE);
    if (!text) {
        *out = NULL;
        *diags = logis_diagnostics_new();
        return LOGIS_E_NOMEM;
    }
    compose(p, text);
    logis_status status = load_path(write_fixture("scenario.json", text), out, diags);
    free(text);
    return status;
}

static int ends_with_file(const char *path, const char *file)
{
    size_t a = path ? strlen(path) : 0, b = strlen(file);
    return a >= b && strcmp(path + a - b, file) == 0 && (a == b || path[a - b - 1] == '/');
}

/* True when some diagnostic of the severity is about that file (its last component) and exact
 * pointer, with a message containing fragment. */
static int has_diagnostic(const logis_diagnostics *d, logis_severity severity, const char *file,
                          const char *pointer, const char *fragment)
{
    for (size_t i = 0; i < logis_diagnostics_count(d); i++) {
        const logis_diagnostic *item = logis_diagnostics_get(d, i);
        if (item->severity == severity && ends_with_file(item->file, file) && item->pointer &&
            strcmp(item->pointer, pointer) == 0 && strstr(item->message, fragment))
            return 1;
    }
    return 0;
}

static int has_error(const logis_diagnostics *d, const char *file, const char *pointer,
                     const char *fragment)
{
    return has_diagnostic(d, LOGIS_ERROR, file, pointer, fragment);
}

/* Asserts with a message that names what was expected and the first diagnostic actually got. */
static void assert_described(int ok, const char *expected, const logis_diagnostics *d)
{
    char what[700];
    char *first = logis_diagnostics_line(d, 0);
    snprintf(what, sizeof what, "expected %s; first diagnostic: %s", expected,
             first ? first : "(none)");
    free(first);
    CU_assertImplementation(ok ? CU_TRUE : CU_FALSE, __LINE__, what, __FILE__, "", CU_FALSE);
}

/* Loading the scenario fails with LOGIS_E_INPUT and an error at file and pointer. */
static void expect_error_in(const parts *p, const char *file, const char *pointer,
                            const char *fragment)
{
    logis_scenario *s = NULL;
    logis_diagnostics *d = NULL;
    logis_status status = load_parts(p, &s, &d);
    char expected[400];
    snprintf(expected, sizeof expected, "error %s: %s: %s", file, pointer, fragment);
    assert_described(status == LOGIS_E_INPUT && !s && has_error(d, file, pointer, fragment),
                     expected, d);
    logis_scenario_free(s);
    logis_diagnostics_free(d);
}

static void expect_error(const parts *p, const char *pointer, const char *fragment)
{
    expect_error_in(p, "scenario.json", pointer, fragment);
}

/* Loading text as scenario.json fails on a syntax error at line:column with that message. */
static void expect_syntax_error(const char *text, int line, int column, const char *message)
{
    logis_scenario *s = NULL;
    logis_diagnostics *d = NULL;
    logis_status status = load_path(write_json("scenario.json", text), &s, &d);
    const logis_diagnostic *item = logis_diagnostics_get(d, 0);
    char expected[300];
    snprintf(expected, sizeof expected, "scenario.json:%d:%d: %s", line, column, message);
    assert_described(status == LOGIS_E_INPUT && !s && logis_diagnostics_count(d) == 1 && item &&
                         ends_with_file(item->file, "scenario.json") && item->line == line &&
                         item->column == column && strcmp(item->message, message) == 0,
                     expected, d);
    logis_scenario_free(s);
    logis_diagnostics_free(d);
}

/* ---- syntax and unreadable files ---- */

static void missing_comma_is_located_by_line_and_column(void)
{
    expect_syntax_error("{\n  'name': 'x'\n  'horizon': {}\n}\n", 3, 3,
                        "syntax error: expected ',' or '}'");
    expect_syntax_error("[1 2]", 1, 4, "syntax error: expected ',' or ']'");
}

static void missing_colon_is_located_by_line_and_column(void)
{
    expect_syntax_error("{\n  'name' 'x'\n}\n", 2, 10, "syntax error: expected ':'");
    expect_syntax_error("{\n  'horizon': {'start': '2017-01-02',\n    'end' '2018-01-01'}\n}",
                        3, 11, "syntax error: expected ':'");
}

static void trailing_comma_expects_a_member_name(void)
{
    expect_syntax_error("{'name': 'x',}", 1, 14,
                        "syntax error: expected a member name in double quotes");
}

static void unterminated_string_is_located_at_the_string(void)
{
    logis_scenario *s = NULL;
    logis_diagnostics *d = NULL;
    load_path(write_json("scenario.json", "{\n  'name': 'abc\n}\n"), &s, &d);
    const logis_diagnostic *item = logis_diagnostics_get(d, 0);
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT_PTR_NOT_NULL_FATAL(item);
    CU_ASSERT_EQUAL(item->line, 2);
    CU_ASSERT_EQUAL(item->column, 11); /* the opening quote */
    CU_ASSERT_PTR_NOT_NULL(strstr(item->message, "syntax error: unterminated string"));
    logis_scenario_free(s);
    logis_diagnostics_free(d);
}

static void text_after_the_value_is_reported(void)
{
    expect_syntax_error("{'name': 'x'}\n}\n", 2, 1,
                        "syntax error: unexpected text after the JSON value");
}

static void truncated_file_reports_the_end_of_input(void)
{
    expect_syntax_error("{\n  'name': 'x',\n  'territories': [", 3, 19,
                        "syntax error: unexpected end of input");
    expect_syntax_error("{'name': 'x'", 1, 13, "syntax error: unexpected end of input");
}

/* A UTF-8 byte order mark is skipped: it is no column of the text. */
static void byte_order_mark_is_not_counted_as_columns(void)
{
    expect_syntax_error("\xEF\xBB\xBF{'name' 'x'}", 1, 9, "syntax error: expected ':'");
}

static void byte_order_mark_is_accepted(void)
{
    logis_scenario *s = NULL;
    logis_diagnostics *d = NULL;
    load_path(write_json("scenario.json", "\xEF\xBB\xBF{'horizon': {'start': '2017-01-02', "
                                          "'end': '2018-01-01'}, 'territories': [{'id': 'T1'}],"
                                          " 'dwellings': [], 'households': []}"),
              &s, &d);
    assert_described(s != NULL, "a scenario after a byte order mark", d);
    logis_scenario_free(s);
    logis_diagnostics_free(d);
}

static void syntax_error_line_has_the_documented_form(void)
{
    logis_scenario *s = NULL;
    logis_diagnostics *d = NULL;
    load_path(write_json("scenario.json", "{\n  'name': 'x'\n  'horizon': {}\n}\n"), &s, &d);
    char expected[600];
    snprintf(expected, sizeof expected,
             "%s/scenario.json:3:3: syntax error: expected ',' or '}'", fixture_folder());
    char *line = logis_diagnostics_line(d, 0);
    CU_ASSERT(line && strcmp(line, expected) == 0);
    free(line);
    logis_scenario_free(s);
    logis_diagnostics_free(d);
}

/* Loading the file at path fails with one error about file whose message contains fragment. */
static void expect_file_error(const char *path, const char *file, const char *fragment)
{
    logis_scenario *s = NULL;
    logis_diagnostics *d = NULL;
    logis_status status = load_path(path, &s, &d);
    const logis_diagnostic *item = logis_diagnostics_get(d, 0);
    assert_described(status == LOGIS_E_INPUT && !s && logis_diagnostics_errors(d) == 1 && item &&
                         ends_with_file(item->file, file) && strstr(item->message, fragment),
                     fragment, d);
    logis_scenario_free(s);
    logis_diagnostics_free(d);
}

static void empty_file_is_an_input_error(void)
{
    expect_file_error(write_fixture("empty.json", ""), "empty.json", "empty");
    expect_file_error(write_fixture("blank.json", " \n\t\n"), "blank.json", "empty");
}

static void binary_file_is_an_input_error(void)
{
    static const char bytes[] = "{\"name\": \"x\0y\"}";
    char path[600];
    snprintf(path, sizeof path, "%s/binary.json", fixture_folder());
    FILE *file = fopen(path, "wb");
    CU_ASSERT_PTR_NOT_NULL_FATAL(file);
    fwrite(bytes, 1, sizeof bytes - 1, file);
    fclose(file);
    expect_file_error(path, "binary.json", "binary");
}

/* Bytes that are not UTF-8 in a JSON file (here inside an id) are refused where they are, by
 * line and column, before any of them can reach an output. */
static void bytes_that_are_not_utf8_are_located(void)
{
    static const char *const ids[] = {"A\xFF\xFE", "A\xC0\xAF", "A\xED\xA0\x80"};
    for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
        char text[300];
        snprintf(text, sizeof text, "{\"horizon\": {\"start\": \"2017-01-02\", "
                 "\"end\": \"2017-06-01\"},\n\"territories\": [{\"id\": \"%s\"}],\n"
                 "\"dwellings\": [], \"households\": []}\n", ids[i]);
        logis_diagnostics *d = NULL;
        logis_scenario *s = load_fixture("not-utf8.json", text, &d);
        CU_ASSERT_PTR_NULL(s);
        CU_ASSERT(diagnostics_contain(d, "not-utf8.json:2:26: a byte that is not UTF-8 there",
                                      NULL));
        logis_scenario_free(s);
        logis_diagnostics_free(d);
    }
}

/* A member given twice is an error with its pointer wherever it is: a known member, an unknown
 * one (which was counted as "also in 1 more households" of the one household), and at any
 * depth, with the id of the record it is in; one report per name. */
static void members_given_twice_are_errors_at_any_depth(void)
{
    logis_diagnostics *d = NULL;
    logis_scenario *s = load_fixture("twice.json",
                                     "{\"horizon\": {\"start\": \"2017-01-02\", "
                                     "\"end\": \"2018-01-01\", \"end\": \"2017-06-01\"},\n"
                                     " \"territories\": [{\"id\": \"T1\"}], \"dwellings\": [],\n"
                                     " \"households\": [{\"id\": \"H1\", \"size\": 2, "
                                     "\"arrival\": \"2017-01-02\", \"nickname\": \"a\", "
                                     "\"nickname\": \"b\", \"nickname\": \"c\", "
                                     "\"x\": {\"a/b\": 1, \"a/b\": 2}}]}\n",
                                     &d);
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT(diagnostics_contain(d, "twice.json: /horizon/end: member given twice", NULL));
    CU_ASSERT(diagnostics_contain(d, "twice.json: /households/0/nickname (H1): member given twice",
                                  NULL));
    CU_ASSERT(diagnostics_contain(d, "twice.json: /households/0/x/a~1b (H1): member given twice",
                                  NULL));
    CU_ASSERT(!diagnostics_contain(d, "more households", NULL));
    CU_ASSERT_EQUAL(logis_diagnostics_errors(d), 3);
    logis_scenario_free(s);
    logis_diagnostics_free(d);
}

/* An object of many members is searched by sorting, not by comparing every pair. */
static void a_member_twice_among_many_is_found(void)
{
    enum { MEMBERS = 200000 };
    char *text = malloc((size_t)MEMBERS * 24 + 400);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    size_t at = (size_t)sprintf(text, "{\"horizon\": {\"start\": \"2017-01-02\", "
                                      "\"end\": \"2018-01-01\"}, \"territories\": [{\"id\": "
                                      "\"T1\"}], \"dwellings\": [], \"households\": [], "
                                      "\"notes\": {");
    for (int i = 0; i < MEMBERS; i++)
        at += (size_t)sprintf(text + at, "\"m%d\": 0, ", i == MEMBERS - 1 ? 7 : i);
    strcpy(text + at - 2, "}}\n");
    logis_diagnostics *d = NULL;
    logis_scenario *s = load_fixture("many.json", text, &d);
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT(diagnostics_contain(d, "many.json: /notes/m7: member given twice", NULL));
    logis_scenario_free(s);
    logis_diagnostics_free(d);
    free(text);
}

/* Loading the parts succeeds. */
static void expect_loads(const parts *p)
{
    logis_scenario *s = NULL;
    logis_diagnostics *d = NULL;
    assert_described(load_parts(p, &s, &d) == LOGIS_OK && s, "the scenario to load", d);
    logis_scenario_free(s);
    logis_diagnostics_free(d);
}

/* Dates run from 1900 to 2999 in every file logis reads, plans included: a horizon whose last
 * stay could end after 2999-12-31 is refused when the scenario is read, or verify, report and
 * explain would refuse the plan that plan wrote (a 60-month lease from 2999 ended in 3004). */
static void horizons_whose_stays_would_end_after_2999_are_refused(void)
{
    static const char SLIDING[] = "[{'id': 'D1', 'territory': 'T1', 'places': 4, "
                                  "'lease': 'sliding'}]";
    static const char LATE[] = "[{'id': 'H1', 'size': 2, 'arrival': '2994-12-31'}]";
    expect_loads(&(parts){.horizon = "{'start': '2994-01-03', 'end': '2995-01-01'}",
                          .rules = "{'support_months': 60}", .dwellings = SLIDING,
                          .households = LATE});
    expect_error(&(parts){.horizon = "{'start': '2994-01-03', 'end': '2995-01-02'}",
                          .rules = "{'support_months': 60}", .dwellings = SLIDING,
                          .households = LATE},
                 "/horizon/end", "must be 2995-01-01 or earlier: a stay starting the day "
                 "before it could last support_months (60) and end on 3000-01-01, after "
                 "2999-12-31, the last date logis reads");
    expect_loads(&(parts){.horizon = "{'start': '2998-06-01', 'end': '2999-01-01'}",
                          .households = "[{'id': 'H1', 'size': 2, 'arrival': '2998-06-01'}]"});
    expect_error(&(parts){.horizon = "{'start': '2999-01-04', 'end': '2999-07-05'}"},
                 "/horizon/end", "must be 2999-01-01 or earlier");
}

/* A fixed stay is not bound by the horizon: its own end must be a date logis reads. */
static void fixed_stays_that_would_end_after_2999_are_refused(void)
{
    expect_error(&(parts){.households = "[{'id': 'H1', 'size': 2, 'arrival': '2999-11-01'}]",
                          .fixed = "[{'household': 'H1', 'dwelling': 'D1', "
                                   "'start': '2999-11-01'}]"},
                 "/fixed/0/start", "too late: the stay would end on 3000-02-01, after "
                 "2999-12-31");
}

static void missing_file_is_an_input_error(void)
{
    char path[600];
    snprintf(path, sizeof path, "%s/no-such-scenario.json", fixture_folder());
    expect_file_error(path, "no-such-scenario.json", "cannot open");
}

/* Only regular files are read: a directory or a device is refused before any reading (the CLI
 * case only-regular-files-are-read does FIFOs, under a timeout). */
static void what_is_not_a_regular_file_is_refused(void)
{
    expect_file_error(fixture_folder(), fixture_folder(), "refused: a directory, not a regular "
                                                          "file");
    expect_file_error("/dev/null", "/dev/null", "refused: a device, not a regular file");
}

static void top_level_must_be_an_object(void)
{
    logis_scenario *s = NULL;
    logis_diagnostics *d = NULL;
    logis_status status = load_path(write_json("scenario.json", "[{'name': 'x'}]"), &s, &d);
    CU_ASSERT_EQUAL(status, LOGIS_E_INPUT);
    CU_ASSERT(has_error(d, "scenario.json", "", "must be a JSON object (got an array)"));
    CU_ASSERT(diagnostics_contain(d, "scenario.json: (top level): ", NULL));
    logis_scenario_free(s);
    logis_diagnostics_free(d);
}

/* ---- required members and types ---- */

static void missing_sections_are_reported_by_pointer(void)
{
    expect_error(&(parts){.horizon = OMIT}, "/horizon", "required member is missing");
    expect_error(&(parts){.territories = OMIT}, "/territories", "required member is missing");
    expect_error(&(parts){.dwellings = OMIT}, "/dwellings", "required member is missing");
    expect_error(&(parts){.households = OMIT}, "/households", "required member is missing");
}

/* Every error of a file at once: both of the horizon's dates, not only the first. */
static void horizon_with_two_bad_dates_reports_both(void)
{
    const parts p = {.horizon = "{'start': '2017-02-30', 'end': '2017-13-01'}"};
    expect_error(&p, "/horizon/start", "must be a real calendar date");
    expect_error(&p, "/horizon/end", "must be a real calendar date");
}

/* The line of the diagnostic at index, freed here; "" when there is none. */
static void assert_line(const logis_diagnostics *d, size_t index, const char *expected)
{
    char *line = logis_diagnostics_line(d, index);
    const char *shown = line ? strstr(line, "scenario.json: ") : NULL;
    assert_described(shown && strcmp(shown, expected) == 0, expected, d);
    free(line);
}

/* A semantic error names the record's id beside its pointer: a planner finds H00002 in the
 * list by its id, not by counting records. The pointer itself stays a JSON Pointer. */
static void semantic_errors_name_the_record_id(void)
{
    const parts p = {.dwellings = "[{'id': 'D1', 'territory': 'T1', 'places': 0}]",
                     .households = "[{'id': 'H1', 'size': 2, 'arrival': '2017-01-02'},"
                                   " {'id': 'H00002', 'size': 2, 'arrival': '2017-01-32'},"
                                   " {'size': 2, 'arrival': '2017-01-32'}]"};
    logis_scenario *s = NULL;
    logis_diagnostics *d = NULL;
    CU_ASSERT_EQUAL(load_parts(&p, &s, &d), LOGIS_E_INPUT);
    CU_ASSERT_EQUAL_FATAL(logis_diagnostics_count(d), 4);
    assert_line(d, 0, "scenario.json: /dwellings/0/places (D1): must be an integer from 1 to 50 "
                      "(got 0)");
    assert_line(d, 1, "scenario.json: /households/1/arrival (H00002): must be a real calendar "
                      "date YYYY-MM-DD from 1900-01-01 to 2999-12-31 (got \"2017-01-32\")");
    assert_line(d, 2, "scenario.json: /households/2/id: required member is missing");
    assert_line(d, 3, "scenario.json: /households/2/arrival: must be a real calendar date "
                      "YYYY-MM-DD from 1900-01-01 to 2999-12-31 (got \"2017-01-32\")");
    const logis_diagnostic *item = logis_diagnostics_get(d, 1);
    CU_ASSERT_STRING_EQUAL(item->pointer, "/households/1/arrival");
    CU_ASSERT_STRING_EQUAL(item->record, "H00002");
    CU_ASSERT_PTR_NULL(logis_diagnostics_get(d, 2)->record);
    logis_scenario_free(s);
    logis_diagnostics_free(d);
}

static void missing_horizon_dates_are_reported(void)
{
    expect_error(&(parts){.horizon = "{'start': '2017-01-02'}"}, "/horizon/end",
                 "required member is missing");
    expect_error(&(parts){.horizon = "{'end': '2018-01-01'}"}, "/horizon/start",
                 "required member is missing");
}

static void missing_record_members_are_reported(void)
{
    expect_error(&(parts){.households = "[{'id': 'H1', 'arrival': '2017-01-02'}]"},
                 "/households/0/size", "required member is missing");
    expect_error(&(parts){.households = "[{'id': 'H1', 'size': 2}]"}, "/households/0/arrival",
                 "required member is missing");
    expect_error(&(parts){.households = "[{'size': 2, 'arrival': '2017-01-02'}]"},
                 "/households/0/id", "required member is missing");
    expect_error(&(parts){.dwellings = "[{'id': 'D1', 'territory': 'T1'}]"},
                 "/dwellings/0/places", "required member is missing");
    expect_error(&(parts){.dwellings = "[{'id': 'D1', 'places': 2}]"}, "/dwellings/0/territory",
                 "required member is missing");
    expect_error(&(parts){.territories = "[{'name': 'North'}]"}, "/territories/0/id",
                 "required member is missing");
    expect_error(&(parts){.fixed = "[{'household': 'H1', 'dwelling': 'D1'}]"}, "/fixed/0/start",
                 "required member is missing");
}

static void empty_territory_list_is_refused(void)
{
    expect_error(&(parts){.territories = "[]", .dwellings = "[]"}, "/territories",
                 "at least one territory");
}

static void wrong_types_are_reported_by_pointer(void)
{
    expect_error(&(parts){.households = "[{'id': 'H1', 'size': '2', 'arrival': '2017-01-02'}]"},
                 "/households/0/size", "(got a string)");
    expect_error(&(parts){.dwellings = "[{'id': 'D1', 'territory': 'T1', 'places': 2, "
                                       "'shared': 'yes'}]"},
                 "/dwellings/0/shared", "must be true or false (got a string)");
    expect_error(&(parts){.households = "[{'id': 7, 'size': 2, 'arrival': '2017-01-02'}]"},
                 "/households/0/id", "must be a string id (got a number)");
    expect_error(&(parts){.households = "[{'id': 'H1', 'size': 2, 'arrival': 20170102}]"},
                 "/households/0/arrival", "(got a number)");
    expect_error(&(parts){.households = "[{'id': 'H1', 'size': 2, 'arrival': '2017-01-02', "
                                        "'territories': 'T1'}]"},
                 "/households/0/territories", "(got a string)");
    expect_error(&(parts){.territories = "[{'id': 'T1', 'name': 3}]"}, "/territories/0/name",
                 "must be a string (got a number)");
}

static void wrong_section_types_are_reported_by_pointer(void)
{
    expect_error(&(parts){.horizon = "['2017-01-02', '2018-01-01']"}, "/horizon",
                 "(got an array)");
    expect_error(&(parts){.rules = "[]"}, "/rules", "must be an object (got an array)");
    expect_error(&(parts){.dwellings = "5"}, "/dwellings", "(got a number)");
    expect_error(&(parts){.households = "{}"}, "/households", "(got an object)");
    expect_error(&(parts){.households = "[3]"}, "/households/0",
                 "must be an object (got a number)");
    expect_error(&(parts){.name = "['x']"}, "/name", "must be a string (got an array)");
}

static void empty_id_is_refused(void)
{
    expect_error(&(parts){.households = "[{'id': '', 'size': 2, 'arrival': '2017-01-02'}]"},
                 "/households/0/id", "non-empty");
}

static void feature_lists_must_hold_strings(void)
{
    logis_scenario *s = NULL;
    logis_diagnostics *d = NULL;
    logis_status status = load_parts(
        &(parts){.households = "[{'id': 'H1', 'size': 2, 'arrival': '2017-01-02', 'needs': [1]}]"},
        &s, &d);
    CU_ASSERT_EQUAL(status, LOGIS_E_INPUT);
    CU_ASSERT(has_error(d, "scenario.json", "/households/0/needs", "must be a non-empty string") ||
              has_error(d, "scenario.json", "/households/0/needs/0", "must be a non-empty string"));
    logis_scenario_free(s);
    logis_diagnostics_free(d);
    /* an empty name is a string, but not what is asked for: said so ("got a string" was not) */
    expect_error(&(parts){.households = "[{'id': 'H1', 'size': 2, 'arrival': '2017-01-02', "
                                        "'needs': ['']}]"},
                 "/households/0/needs", "item 0 must be a non-empty string (got an empty string)");
    expect_error(&(parts){.households = "[{'id': 'H1', 'size': '', 'arrival': '2017-01-02'}]"},
                 "/households/0/size", "(got an empty string)");
}

/* ---- dates ---- */

static void impossible_dates_are_refused(void)
{
    expect_error(&(parts){.households = "[{'id': 'H1', 'size': 2, 'arrival': '2017-02-30'}]"},
                 "/households/0/arrival", "(got \"2017-02-30\")");
    expect_error(&(parts){.horizon = "{'start': '2017-13-01', 'end': '2018-01-01'}"},
                 "/horizon/start", "2017-13-01");
    expect_error(&(parts){.dwellings = "[{'id': 'D1', 'territory': 'T1', 'places': 2, "
                                       "'available_from': '2017-2-3'}]"},
                 "/dwellings/0/available_from", "YYYY-MM-DD");
    expect_error(&(parts){.fixed = "[{'household': 'H1', 'dwelling': 'D1', "
                                   "'start': '2019-02-29'}]"},
                 "/fixed/0/start", "2019-02-29");
}

static void horizon_must_end_after_it_starts(void)
{
    expect_error(&(parts){.horizon = "{'start': '2018-01-01', 'end': '2018-01-01'}"},
                 "/horizon/end", "must be after");
    expect_error(&(parts){.horizon = "{'start': '2018-01-02', 'end': '2018-01-01'}"},
                 "/horizon/end", "must be after");
}

static void availability_must_end_after_it_starts(void)
{
    expect_error(&(parts){.dwellings = "[{'id': 'D1', 'territory': 'T1', 'places': 2, "
                                       "'available_from': '2017-05-01', "
                                       "'available_until': '2017-05-01'}]"},
                 "/dwellings/0/available_until", "must be after available_from");
}

/* ---- numbers ---- */

static void household_size_must_be_1_to_30(void)
{
    expect_error(&(parts){.households = "[{'id': 'H1', 'size': 0, 'arrival': '2017-01-02'}]"},
                 "/households/0/size", "must be an integer from 1 to 30 (got 0)");
    expect_error(&(parts){.households = "[{'id': 'H1', 'size': 31, 'arrival': '2017-01-02'}]"},
                 "/households/0/size", "must be an integer from 1 to 30 (got 31)");
}

static void dwelling_places_must_be_1_to_50(void)
{
    expect_error(&(parts){.dwellings = "[{'id': 'D1', 'territory': 'T1', 'places': 0}]"},
                 "/dwellings/0/places", "must be an integer from 1 to 50 (got 0)");
    expect_error(&(parts){.dwellings = "[{'id': 'D1', 'territory': 'T1', 'places': 51}]"},
                 "/dwellings/0/places", "must be an integer from 1 to 50 (got 51)");
}

static void priority_must_be_1_to_10(void)
{
    expect_error(&(parts){.households = "[{'id': 'H1', 'size': 2, 'arrival': '2017-01-02', "
                                        "'priority': 11}]"},
                 "/households/0/priority", "must be an integer from 1 to 10 (got 11)");
    expect_error(&(parts){.households = "[{'id': 'H1', 'size': 2, 'arrival': '2017-01-02', "
                                        "'priority': 0}]"},
                 "/households/0/priority", "(got 0)");
}

static void caseload_must_not_be_negative(void)
{
    expect_error(&(parts){.territories = "[{'id': 'T1', 'caseload': -1}]"},
                 "/territories/0/caseload", "(got -1)");
}

static void non_integers_are_refused(void)
{
    expect_error(&(parts){.households = "[{'id': 'H1', 'size': 2.5, 'arrival': '2017-01-02'}]"},
                 "/households/0/size", "must be an integer from 1 to 30 (got 2.5)");
    expect_error(&(parts){.rules = "{'turnover_days': 1.5}"}, "/rules/turnover_days",
                 "(got 1.5)");
}

static void rules_out_of_range_are_refused(void)
{
    expect_error(&(parts){.rules = "{'support_months': 61}"}, "/rules/support_months",
                 "from 1 to 60 (got 61)");
    expect_error(&(parts){.rules = "{'support_months': 0}"}, "/rules/support_months", "(got 0)");
    expect_error(&(parts){.rules = "{'stay_months': 0}"}, "/rules/stay_months", "(got 0)");
    expect_error(&(parts){.rules = "{'max_wait_days': 366}"}, "/rules/max_wait_days",
                 "from 0 to 365 (got 366)");
    expect_error(&(parts){.rules = "{'max_wait_days': -1}"}, "/rules/max_wait_days", "(got -1)");
    expect_error(&(parts){.rules = "{'start_step_days': 0}"}, "/rules/start_step_days",
                 "from 1 to 365 (got 0)");
    expect_error(&(parts){.rules = "{'turnover_days': 91}"}, "/rules/turnover_days",
                 "from 0 to 90 (got 91)");
}

static void stay_months_may_not_exceed_support_months(void)
{
    expect_error(&(parts){.rules = "{'stay_months': 13}"}, "/rules/stay_months",
                 "from 1 to 12 (got 13)");
    expect_error(&(parts){.rules = "{'stay_months': 7, 'support_months': 6}"},
                 "/rules/stay_months", "from 1 to 6 (got 7)");
    expect_error(&(parts){.rules = "{'support_months': 6}",
                          .households = "[{'id': 'H1', 'size': 2, 'arrival': '2017-01-02', "
                                        "'stay_months': 9}]"},
                 "/households/0/stay_months", "from 1 to 6 (got 9)");
}

static void adults_and_children_must_add_up_to_size(void)
{
    logis_scenario *s = NULL;
    logis_diagnostics *d = NULL;
    logis_status status = load_parts(
        &(parts){.households = "[{'id': 'H1', 'size': 4, 'adults': 2, 'children': 1, "
                               "'arrival': '2017-01-02'}]"},
        &s, &d);
    CU_ASSERT_EQUAL(status, LOGIS_E_INPUT);
    CU_ASSERT(has_error(d, "scenario.json", "/households/0", "adults + children = 3") ||
              has_error(d, "scenario.json", "/households/0/size", "adults + children = 3"));
    logis_scenario_free(s);
    logis_diagnostics_free(d);
}

/* ---- consistency, ids and references ---- */

static void sliding_dwelling_may_not_be_shared(void)
{
    expect_error(&(parts){.dwellings = "[{'id': 'D1', 'territory': 'T1', 'places': 4, "
                                       "'lease': 'sliding', 'shared': true}]"},
                 "/dwellings/0/shared", "never shared");
}

static void duplicate_ids_are_reported_at_the_second(void)
{
    expect_error(&(parts){.dwellings = "[{'id': 'D1', 'territory': 'T1', 'places': 4}, "
                                       "{'id': 'D1', 'territory': 'T2', 'places': 2}]"},
                 "/dwellings/1/id", "duplicate id \"D1\"");
    expect_error(&(parts){.households = "[{'id': 'H1', 'size': 2, 'arrival': '2017-01-02'}, "
                                        "{'id': 'H2', 'size': 2, 'arrival': '2017-01-02'}, "
                                        "{'id': 'H1', 'size': 3, 'arrival': '2017-01-02'}]"},
                 "/households/2/id", "duplicate id \"H1\"");
    expect_error(&(parts){.territories = "[{'id': 'T1'}, {'id': 'T1'}]"}, "/territories/1/id",
                 "duplicate id \"T1\"");
}

static void dangling_references_are_reported(void)
{
    expect_error(&(parts){.dwellings = "[{'id': 'D1', 'territory': 'T9', 'places': 4}]"},
                 "/dwellings/0/territory", "no territory has the id \"T9\"");
    expect_error(&(parts){.households = "[{'id': 'H1', 'size': 2, 'arrival': '2017-01-02', "
                                        "'territories': ['T1', 'T9']}]"},
                 "/households/0/territories/1", "\"T9\"");
    expect_error(&(parts){.fixed = "[{'household': 'H9', 'dwelling': 'D1', "
                                   "'start': '2017-01-02'}]"},
                 "/fixed/0/household", "no household has the id \"H9\"");
    expect_error(&(parts){.fixed = "[{'household': 'H1', 'dwelling': 'D9', "
                                   "'start': '2017-01-02'}]"},
                 "/fixed/0/dwelling", "no dwelling has the id \"D9\"");
}

static void lease_words_are_checked(void)
{
    expect_error(&(parts){.dwellings = "[{'id': 'D1', 'territory': 'T1', 'places': 4, "
                                       "'lease': 'any'}]"},
                 "/dwellings/0/lease", "must be one of \"temporary\", \"sliding\"");
    expect_error(&(parts){.households = "[{'id': 'H1', 'size': 2, 'arrival': '2017-01-02', "
                                        "'lease': 'permanent'}]"},
                 "/households/0/lease", "must be one of \"any\", \"temporary\", \"sliding\"");
    expect_error(&(parts){.households = "[{'id': 'H1', 'size': 2, 'arrival': '2017-01-02', "
                                        "'lease': true}]"},
                 "/households/0/lease", "must be one of");
}

/* ---- sections in their own files ---- */

static void errors_in_a_referenced_file_name_that_file(void)
{
    logis_scenario *s = NULL;
    logis_diagnostics *d = NULL;
    write_json("households.json", "[{'id': 'H1', 'size': 2, 'arrival': '2017-01-02'},\n"
                                  " {'id': 'H2', 'size': 0, 'arrival': '2017-01-02'}]\n");
    logis_status status = load_parts(&(parts){.households = "'households.json'"}, &s, &d);
    CU_ASSERT_EQUAL(status, LOGIS_E_INPUT);
    CU_ASSERT(has_error(d, "households.json", "/1/size", "must be an integer from 1 to 30"));
    CU_ASSERT(diagnostics_contain(d, "households.json: /1/size (H2): must be an integer from 1 "
                                     "to 30 (got 0)", NULL));
    CU_ASSERT_FALSE(diagnostics_contain(d, "scenario.json", NULL));
    logis_scenario_free(s);
    logis_diagnostics_free(d);
}

static void references_from_a_referenced_file_resolve(void)
{
    write_json("orientation.json", "[{'id': 'H1', 'size': 2, 'arrival': '2017-01-02', "
                                   "'territories': ['T9']}]");
    expect_error_in(&(parts){.households = "'orientation.json'"}, "orientation.json",
                    "/0/territories/0", "\"T9\"");
}

static void referenced_file_must_hold_an_array(void)
{
    write_json("households.json", "{'id': 'H1'}");
    expect_error_in(&(parts){.households = "'households.json'"}, "households.json", "",
                    "(got an object)");
}

static void syntax_error_in_a_referenced_file_names_that_file(void)
{
    logis_scenario *s = NULL;
    logis_diagnostics *d = NULL;
    write_json("households.json", "[\n  {'id': 'H1' 'size': 2}\n]\n");
    load_parts(&(parts){.households = "'households.json'"}, &s, &d);
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT(diagnostics_contain(d, "households.json:2:15: syntax error: expected ',' or '}'",
                                  NULL));
    logis_scenario_free(s);
    logis_diagnostics_free(d);
}

static void missing_referenced_file_is_reported(void)
{
    logis_scenario *s = NULL;
    logis_diagnostics *d = NULL;
    logis_status status = load_parts(&(parts){.households = "'no-such-list.json'"}, &s, &d);
    CU_ASSERT_EQUAL(status, LOGIS_E_INPUT);
    CU_ASSERT_PTR_NULL(s);
    CU_ASSERT(diagnostics_contain(d, "no-such-list.json", "cannot open", NULL));
    logis_scenario_free(s);
    logis_diagnostics_free(d);
}

static void referenced_file_is_found_beside_the_scenario(void)
{
    logis_scenario *s = NULL;
    logis_diagnostics *d = NULL;
    write_json("dwellings.json", "[{'id': 'D1', 'territory': 'T2', 'places': 3},"
                                 " {'id': 'D2', 'territory': 'T1', 'places': 5}]");
    logis_status status = load_parts(&(parts){.dwellings = "'dwellings.json'"}, &s, &d);
    CU_ASSERT_EQUAL(status, LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(s->dwelling_count, 2);
    CU_ASSERT_EQUAL(s->dwellings[1].places, 5);
    logis_scenario_free(s);
    logis_diagnostics_free(d);
}

/* ---- many errors ---- */

static void several_errors_are_reported_at_once(void)
{
    logis_scenario *s = NULL;
    logis_diagnostics *d = NULL;
    logis_status status = load_parts(
        &(parts){.dwellings = "[{'id': 'D1', 'territory': 'T1', 'places': 0}]",
                 .households = "[{'id': 'H1', 'size': 2, 'arrival': '2017-02-30'},"
                               " {'id': 'H2', 'size': 40, 'arrival': '2017-01-02'}]",
                 .rules = "{'turnover_days': 100}"},
        &s, &d);
    CU_ASSERT_EQUAL(status, LOGIS_E_INPUT);
    CU_ASSERT_EQUAL(logis_diagnostics_errors(d), 4);
    CU_ASSERT(has_error(d, "scenario.json", "/dwellings/0/places", "(got 0)"));
    CU_ASSERT(has_error(d, "scenario.json", "/households/0/arrival", "2017-02-30"));
    CU_ASSERT(has_error(d, "scenario.json", "/households/1/size", "(got 40)"));
    CU_ASSERT(has_error(d, "scenario.json", "/rules/turnover_days", "(got 100)"));
    logis_scenario_free(s);
    logis_diagnostics_free(d);
}

/* A households array of count records of size 0, each one error. */
static char *households_of_size_zero(int count)
{
    char *text = malloc((size_t)count * 64 + 8);
    if (!text)
        return NULL;
    size_t used = (size_t)sprintf(text, "[");
    for (int i = 0; i < count; i++)
        used += (size_t)sprintf(text + used, "%s{'id': 'H%d', 'size': 0, 'arrival': '2017-01-02'}",
                                i ? ", " : "", i);
    strcpy(text + used, "]");
    return text;
}

static void errors_stop_at_fifty(void)
{
    char *households = households_of_size_zero(60);
    CU_ASSERT_PTR_NOT_NULL_FATAL(households);
    logis_scenario *s = NULL;
    logis_diagnostics *d = NULL;
    logis_status status = load_parts(&(parts){.households = households}, &s, &d);
    CU_ASSERT_EQUAL(status, LOGIS_E_INPUT);
    CU_ASSERT_EQUAL(logis_diagnostics_errors(d), 50);
    CU_ASSERT(has_error(d, "scenario.json", "/households/49/size", "(got 0)"));
    CU_ASSERT_FALSE(has_error(d, "scenario.json", "/households/50/size", "(got 0)"));
    free(households);
    logis_scenario_free(s);
    logis_diagnostics_free(d);
}

/* ---- warnings and defaults ---- */

static void unknown_members_are_warnings(void)
{
    logis_scenario *s = NULL;
    logis_diagnostics *d = NULL;
    logis_status status = load_parts(
        &(parts){.households = "[{'id': 'H1', 'size': 2, 'arrival': '2017-01-02', "
                               "'nationality': 'x', 'phone': '0600'}]",
                 .extra = "'comment': 'draft'"},
        &s, &d);
    CU_ASSERT_EQUAL(status, LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL(s);
    CU_ASSERT_EQUAL(logis_diagnostics_errors(d), 0);
    CU_ASSERT(has_diagnostic(d, LOGIS_WARNING, "scenario.json", "/households/0/nationality",
                             "unknown member"));
    CU_ASSERT(has_diagnostic(d, LOGIS_WARNING, "scenario.json", "/households/0/phone",
                             "unknown member"));
    CU_ASSERT(has_diagnostic(d, LOGIS_WARNING, "scenario.json", "/comment", "unknown member"));
    CU_ASSERT(diagnostics_contain(d, "warning: ", NULL));
    logis_scenario_free(s);
    logis_diagnostics_free(d);
}

static void unknown_member_pointers_are_escaped(void)
{
    logis_scenario *s = NULL;
    logis_diagnostics *d = NULL;
    load_parts(&(parts){.households = "[{'id': 'H1', 'size': 2, 'arrival': '2017-01-02', "
                                      "'a/b~c': 1}]"},
               &s, &d);
    CU_ASSERT_PTR_NOT_NULL(s);
    CU_ASSERT(has_diagnostic(d, LOGIS_WARNING, "scenario.json", "/households/0/a~1b~0c",
                             "unknown member"));
    logis_scenario_free(s);
    logis_diagnostics_free(d);
}

static void unknown_members_in_a_referenced_file_name_that_file(void)
{
    logis_scenario *s = NULL;
    logis_diagnostics *d = NULL;
    write_json("households.json", "[{'id': 'H1', 'size': 2, 'arrival': '2017-01-02', "
                                  "'birth_date': '1980-01-01'}]");
    logis_status status = load_parts(&(parts){.households = "'households.json'"}, &s, &d);
    CU_ASSERT_EQUAL(status, LOGIS_OK);
    CU_ASSERT(has_diagnostic(d, LOGIS_WARNING, "households.json", "/0/birth_date",
                             "unknown member"));
    logis_scenario_free(s);
    logis_diagnostics_free(d);
}

static logis_scenario *load_valid(const parts *p)
{
    logis_scenario *s = NULL;
    logis_diagnostics *d = NULL;
    load_parts(p, &s, &d);
    assert_described(s != NULL, "a valid scenario", d);
    logis_diagnostics_free(d);
    return s;
}

static void rules_take_their_defaults(void)
{
    logis_scenario *s = load_valid(&(parts){0});
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(s->rules.stay_months, 3);
    CU_ASSERT_EQUAL(s->rules.support_months, 12);
    CU_ASSERT_EQUAL(s->rules.max_wait_days, 0);
    CU_ASSERT_EQUAL(s->rules.start_step_days, 7);
    CU_ASSERT_EQUAL(s->rules.turnover_days, 0);
    logis_scenario_free(s);
}

static void household_members_take_their_defaults(void)
{
    logis_scenario *s = load_valid(
        &(parts){.households = "[{'id': 'H1', 'size': 1, 'arrival': '2017-01-02'},"
                               " {'id': 'H2', 'size': 2, 'arrival': '2017-01-02'}]"});
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(s->household_count, 2);
    const household *single = &s->households[0], *pair = &s->households[1];
    CU_ASSERT_TRUE(single->may_share);
    CU_ASSERT_FALSE(pair->may_share);
    CU_ASSERT_EQUAL(pair->priority, 1);
    CU_ASSERT_EQUAL(pair->stay_months, 3);
    CU_ASSERT_EQUAL(pair->lease, WANTS_ANY);
    CU_ASSERT_EQUAL(pair->territory_count, 0);
    CU_ASSERT_EQUAL(pair->needs, 0);
    logis_scenario_free(s);
}

static void household_members_override_the_defaults(void)
{
    logis_scenario *s = load_valid(
        &(parts){.rules = "{'stay_months': 2}",
                 .households = "[{'id': 'H1', 'size': 1, 'arrival': '2017-01-02', "
                               "'may_share': false, 'priority': 7, 'lease': 'temporary'},"
                               " {'id': 'H2', 'size': 3, 'arrival': '2017-01-02', "
                               "'may_share': true, 'stay_months': 5, 'lease': 'sliding'}]"});
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_FALSE(s->households[0].may_share);
    CU_ASSERT_EQUAL(s->households[0].priority, 7);
    CU_ASSERT_EQUAL(s->households[0].stay_months, 2);
    CU_ASSERT_EQUAL(s->households[0].lease, WANTS_TEMPORARY);
    CU_ASSERT_TRUE(s->households[1].may_share);
    CU_ASSERT_EQUAL(s->households[1].stay_months, 5);
    CU_ASSERT_EQUAL(s->households[1].lease, WANTS_SLIDING);
    logis_scenario_free(s);
}

static void dwelling_members_take_their_defaults(void)
{
    logis_scenario *s = load_valid(&(parts){0});
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    const dwelling *d = &s->dwellings[0];
    CU_ASSERT_EQUAL(d->lease, LEASE_TEMPORARY);
    CU_ASSERT_FALSE(d->shared);
    CU_ASSERT_EQUAL(d->features, 0);
    CU_ASSERT_EQUAL(d->available_from, DAY_NONE_BEFORE);
    CU_ASSERT_EQUAL(d->available_until, DAY_NONE_AFTER);
    CU_ASSERT_EQUAL(s->territories[1].caseload, NO_CASELOAD);
    CU_ASSERT_EQUAL(s->territories[0].caseload, 4);
    logis_scenario_free(s);
}

static void references_resolve_to_indices(void)
{
    logis_scenario *s = load_valid(
        &(parts){.dwellings = "[{'id': 'D1', 'territory': 'T2', 'places': 4}]",
                 .households = "[{'id': 'H1', 'size': 2, 'arrival': '2017-01-02', "
                               "'territories': ['T2', 'T1']}]",
                 .fixed = "[{'household': 'H1', 'dwelling': 'D1', 'start': '2017-01-02'}]"});
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(s->dwellings[0].territory, 1);
    CU_ASSERT_EQUAL(s->households[0].territory_count, 2);
    CU_ASSERT_EQUAL(s->fixed_count, 1);
    CU_ASSERT(s->fixed[0].household == 0 && s->fixed[0].dwelling == 0);
    CU_ASSERT_EQUAL(s->fixed[0].start, date_from_ymd(2017, 1, 2));
    logis_scenario_free(s);
}

static void faar_sample_loads_without_errors(void)
{
    logis_scenario *s = NULL;
    logis_diagnostics *d = NULL;
    logis_status status = load_path("data/faar/scenario.json", &s, &d);
    CU_ASSERT_EQUAL(status, LOGIS_OK);
    CU_ASSERT_EQUAL(logis_diagnostics_errors(d), 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    CU_ASSERT_EQUAL(s->dwelling_count, 193);
    CU_ASSERT_EQUAL(s->territory_count, 5);
    CU_ASSERT_EQUAL(s->household_count, 701);
    long places = 0;
    for (int i = 0; i < s->dwelling_count; i++)
        places += s->dwellings[i].places;
    CU_ASSERT_EQUAL(places, 903);
    /* the files read, each once, for the outputs to spare them */
    CU_ASSERT_STRING_EQUAL(logis_diagnostics_input(d, 0), "data/faar/scenario.json");
    CU_ASSERT_STRING_EQUAL(logis_diagnostics_input(d, 1), "data/faar/households.json");
    CU_ASSERT_PTR_NULL(logis_diagnostics_input(d, 2));
    logis_scenario_free(s);
    logis_diagnostics_free(d);
}

void suite_load(void)
{
    CU_pSuite suite = CU_add_suite("load", NULL, NULL);
    CU_add_test(suite, "horizon_with_two_bad_dates_reports_both",
                horizon_with_two_bad_dates_reports_both);
    CU_add_test(suite, "semantic_errors_name_the_record_id", semantic_errors_name_the_record_id);
    CU_add_test(suite, "missing_comma_is_located_by_line_and_column",
                missing_comma_is_located_by_line_and_column);
    CU_add_test(suite, "missing_colon_is_located_by_line_and_column",
                missing_colon_is_located_by_line_and_column);
    CU_add_test(suite, "trailing_comma_expects_a_member_name",
                trailing_comma_expects_a_member_name);
    CU_add_test(suite, "unterminated_string_is_located_at_the_string",
                unterminated_string_is_located_at_the_string);
    CU_add_test(suite, "text_after_the_value_is_reported", text_after_the_value_is_reported);
    CU_add_test(suite, "truncated_file_reports_the_end_of_input",
                truncated_file_reports_the_end_of_input);
    CU_add_test(suite, "byte_order_mark_is_not_counted_as_columns",
                byte_order_mark_is_not_counted_as_columns);
    CU_add_test(suite, "byte_order_mark_is_accepted", byte_order_mark_is_accepted);
    CU_add_test(suite, "syntax_error_line_has_the_documented_form",
                syntax_error_line_has_the_documented_form);
    CU_add_test(suite, "empty_file_is_an_input_error", empty_file_is_an_input_error);
    CU_add_test(suite, "binary_file_is_an_input_error", binary_file_is_an_input_error);
    CU_add_test(suite, "bytes_that_are_not_utf8_are_located", bytes_that_are_not_utf8_are_located);
    CU_add_test(suite, "horizons_whose_stays_would_end_after_2999_are_refused",
                horizons_whose_stays_would_end_after_2999_are_refused);
    CU_add_test(suite, "fixed_stays_that_would_end_after_2999_are_refused",
                fixed_stays_that_would_end_after_2999_are_refused);
    CU_add_test(suite, "members_given_twice_are_errors_at_any_depth",
                members_given_twice_are_errors_at_any_depth);
    CU_add_test(suite, "a_member_twice_among_many_is_found", a_member_twice_among_many_is_found);
    CU_add_test(suite, "missing_file_is_an_input_error", missing_file_is_an_input_error);
    CU_add_test(suite, "what_is_not_a_regular_file_is_refused",
                what_is_not_a_regular_file_is_refused);
    CU_add_test(suite, "top_level_must_be_an_object", top_level_must_be_an_object);
    CU_add_test(suite, "missing_sections_are_reported_by_pointer",
                missing_sections_are_reported_by_pointer);
    CU_add_test(suite, "missing_horizon_dates_are_reported", missing_horizon_dates_are_reported);
    CU_add_test(suite, "missing_record_members_are_reported",
                missing_record_members_are_reported);
    CU_add_test(suite, "empty_territory_list_is_refused", empty_territory_list_is_refused);
    CU_add_test(suite, "wrong_types_are_reported_by_pointer",
                wrong_types_are_reported_by_pointer);
    CU_add_test(suite, "wrong_section_types_are_reported_by_pointer",
                wrong_section_types_are_reported_by_pointer);
    CU_add_test(suite, "empty_id_is_refused", empty_id_is_refused);
    CU_add_test(suite, "feature_lists_must_hold_strings", feature_lists_must_hold_strings);
    CU_add_test(suite, "impossible_dates_are_refused", impossible_dates_are_refused);
    CU_add_test(suite, "horizon_must_end_after_it_starts", horizon_must_end_after_it_starts);
    CU_add_test(suite, "availability_must_end_after_it_starts",
                availability_must_end_after_it_starts);
    CU_add_test(suite, "household_size_must_be_1_to_30", household_size_must_be_1_to_30);
    CU_add_test(suite, "dwelling_places_must_be_1_to_50", dwelling_places_must_be_1_to_50);
    CU_add_test(suite, "priority_must_be_1_to_10", priority_must_be_1_to_10);
    CU_add_test(suite, "caseload_must_not_be_negative", caseload_must_not_be_negative);
    CU_add_test(suite, "non_integers_are_refused", non_integers_are_refused);
    CU_add_test(suite, "rules_out_of_range_are_refused", rules_out_of_range_are_refused);
    CU_add_test(suite, "stay_months_may_not_exceed_support_months",
                stay_months_may_not_exceed_support_months);
    CU_add_test(suite, "adults_and_children_must_add_up_to_size",
                adults_and_children_must_add_up_to_size);
    CU_add_test(suite, "sliding_dwelling_may_not_be_shared", sliding_dwelling_may_not_be_shared);
    CU_add_test(suite, "duplicate_ids_are_reported_at_the_second",
                duplicate_ids_are_reported_at_the_second);
    CU_add_test(suite, "dangling_references_are_reported", dangling_references_are_reported);
    CU_add_test(suite, "lease_words_are_checked", lease_words_are_checked);
    CU_add_test(suite, "errors_in_a_referenced_file_name_that_file",
                errors_in_a_referenced_file_name_that_file);
    CU_add_test(suite, "references_from_a_referenced_file_resolve",
                references_from_a_referenced_file_resolve);
    CU_add_test(suite, "referenced_file_must_hold_an_array", referenced_file_must_hold_an_array);
    CU_add_test(suite, "syntax_error_in_a_referenced_file_names_that_file",
                syntax_error_in_a_referenced_file_names_that_file);
    CU_add_test(suite, "missing_referenced_file_is_reported", missing_referenced_file_is_reported);
    CU_add_test(suite, "referenced_file_is_found_beside_the_scenario",
                referenced_file_is_found_beside_the_scenario);
    CU_add_test(suite, "several_errors_are_reported_at_once", several_errors_are_reported_at_once);
    CU_add_test(suite, "errors_stop_at_fifty", errors_stop_at_fifty);
    CU_add_test(suite, "unknown_members_are_warnings", unknown_members_are_warnings);
    CU_add_test(suite, "unknown_member_pointers_are_escaped", unknown_member_pointers_are_escaped);
    CU_add_test(suite, "unknown_members_in_a_referenced_file_name_that_file",
                unknown_members_in_a_referenced_file_name_that_file);
    CU_add_test(suite, "rules_take_their_defaults", rules_take_their_defaults);
    CU_add_test(suite, "household_members_take_their_defaults",
                household_members_take_their_defaults);
    CU_add_test(suite, "household_members_override_the_defaults",
                household_members_override_the_defaults);
    CU_add_test(suite, "dwelling_members_take_their_defaults",
                dwelling_members_take_their_defaults);
    CU_add_test(suite, "references_resolve_to_indices", references_resolve_to_indices);
    CU_add_test(suite, "faar_sample_loads_without_errors", faar_sample_loads_without_errors);
}
