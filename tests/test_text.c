/* The text suite: the one UTF-8 check every input goes through (files, then ids and names), and
 * the escaping of input quoted in messages, and JSON streamed in cJSON_Print's layout. */
#include "tests.h"

#include "base/diag.h"
#include "base/json_writer.h"
#include "base/utf8.h"

#include <cJSON.h>
#include <float.h>
#include <math.h>

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static utf8_finding check(const char *bytes, utf8_use use)
{
    return utf8_check(bytes, strlen(bytes), use);
}

static void invalid_sequences_are_found_where_they_start(void)
{
    static const struct {
        const char *bytes;
        size_t offset;
        unsigned byte;
    } cases[] = {
        {"ab\xFF\xFE", 2, 0xFF},         /* never in UTF-8 */
        {"a\xC0\xAF", 1, 0xC0},          /* overlong '/' */
        {"\xE0\x80\xAF", 0, 0xE0},       /* overlong, three bytes */
        {"x\xED\xA0\x80y", 1, 0xED},     /* the surrogate U+D800 */
        {"\xF4\x90\x80\x80", 0, 0xF4},   /* beyond U+10FFFF */
        {"ok \xE2\x82", 3, 0xE2},        /* cut short */
        {"\x80", 0, 0x80},               /* a continuation byte alone */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        utf8_finding found = check(cases[i].bytes, UTF8_FILE);
        CU_ASSERT_EQUAL(found.problem, UTF8_INVALID);
        CU_ASSERT_EQUAL(found.offset, cases[i].offset);
        CU_ASSERT_EQUAL(found.code_point, cases[i].byte);
    }
}

static void valid_text_passes(void)
{
    const char *texts[] = {"plain", "caf\xC3\xA9", "\xE6\x97\xA5\xE6\x9C\xAC",
                           "\xF0\x9F\x98\x80", "\xEF\xBF\xBD", ""};
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        CU_ASSERT_EQUAL(check(texts[i], UTF8_TEXT).problem, UTF8_FINE);
        CU_ASSERT_EQUAL(check(texts[i], UTF8_FILE).problem, UTF8_FINE);
    }
}

static void a_nul_is_a_problem_in_files_and_texts(void)
{
    utf8_finding found = utf8_check("ab\0c", 4, UTF8_FILE);
    CU_ASSERT_EQUAL(found.problem, UTF8_NUL);
    CU_ASSERT_EQUAL(found.offset, 2);
    CU_ASSERT_EQUAL(utf8_check("ab\0c", 4, UTF8_TEXT).problem, UTF8_NUL);
}

/* Line breaks and tabs belong in files; in an id or a name they are refused, as are the
 * characters that reorder what a reader sees. */
static void controls_and_bidirectional_characters_are_refused_in_texts(void)
{
    static const struct {
        const char *bytes;
        utf8_problem problem;
        unsigned code_point;
    } cases[] = {
        {"A\nB", UTF8_CONTROL, 0x0A},          {"A\tB", UTF8_CONTROL, 0x09},
        {"\x1B[31mred", UTF8_CONTROL, 0x1B},   {"A\x7F", UTF8_CONTROL, 0x7F},
        {"A\xC2\x85", UTF8_CONTROL, 0x85},     {"A\xC2\x9B", UTF8_CONTROL, 0x9B},
        {"A\xE2\x80\xAE" "B", UTF8_BIDI, 0x202E}, {"\xE2\x80\xAA", UTF8_BIDI, 0x202A},
        {"\xE2\x81\xA6x", UTF8_BIDI, 0x2066},  {"\xE2\x81\xA9", UTF8_BIDI, 0x2069},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        utf8_finding found = check(cases[i].bytes, UTF8_TEXT);
        CU_ASSERT_EQUAL(found.problem, cases[i].problem);
        CU_ASSERT_EQUAL(found.code_point, cases[i].code_point);
        CU_ASSERT_EQUAL(check(cases[i].bytes, UTF8_FILE).problem, UTF8_FINE);
    }
}

static void findings_are_described_for_messages(void)
{
    char text[96];
    CU_ASSERT_STRING_EQUAL(utf8_describe(check("\x1B", UTF8_TEXT), text),
                           "a control character (U+001B)");
    CU_ASSERT_STRING_EQUAL(utf8_describe(check("\xE2\x80\xAE", UTF8_TEXT), text),
                           "a bidirectional control character (U+202E)");
    CU_ASSERT_STRING_EQUAL(utf8_describe(check("\xFF", UTF8_TEXT), text),
                           "a byte that is not UTF-8 there (0xFF)");
}

static char *escaped(const char *text)
{
    textbuf out = {0};
    utf8_escape(&out, text);
    return textbuf_finish(&out);
}

/* Windows-1252 is Latin-1 but for 0x80-0x9F, where it has typographic characters and five
 * holes: the decoder stops at a hole and says where. */
static void windows_1252_decodes_into_utf8(void)
{
    static const char text[] = "acc\xE8s \x80 \x9C \x92 \xA0 \xFF ok";
    textbuf out = {0};
    CU_ASSERT_EQUAL(utf8_from_windows_1252(&out, text, strlen(text)), strlen(text));
    char *decoded = textbuf_finish(&out);
    CU_ASSERT_STRING_EQUAL(decoded, "acc\u00E8s \u20AC \u0153 \u2019 \u00A0 \u00FF ok");
    free(decoded);
    static const char holes[] = {'\x81', '\x8D', '\x8F', '\x90', '\x9D'};
    for (size_t i = 0; i < sizeof holes; i++) {
        char with_hole[] = {'a', 'b', holes[i], 'c', '\0'};
        CU_ASSERT_EQUAL(utf8_from_windows_1252(&out, with_hole, 4), 2);
        textbuf_discard(&out);
    }
}

static void expect_escaped(const char *text, const char *expected)
{
    char *got = escaped(text);
    CU_ASSERT_PTR_NOT_NULL_FATAL(got);
    CU_ASSERT_STRING_EQUAL(got, expected);
    free(got);
}

/* What could break a message's line or drive a terminal is shown as an escape; letters of any
 * script, and backslashes, are left as they are. */
static void escaping_shows_what_would_break_a_line_or_a_terminal(void)
{
    expect_escaped("plain caf\xC3\xA9 \xE6\x97\xA5 a\\b", "plain caf\xC3\xA9 \xE6\x97\xA5 a\\b");
    expect_escaped("H1\nfake.json: ok", "H1\\x0Afake.json: ok");
    expect_escaped("\x1B[2J\r\t\x7F", "\\x1B[2J\\x0D\\x09\\x7F");
    expect_escaped("\xC2\x9B" "31m", "\\u009B31m");
    expect_escaped("A\xE2\x80\xAE" "B\xE2\x81\xA6", "A\\u202EB\\u2066");
    expect_escaped("line\xE2\x80\xA8sep", "line\\u2028sep");
    /* what draws nothing: a second byte order mark, zero-width space, (non-)joiners */
    expect_escaped("\xEF\xBB\xBFid", "\\uFEFFid");
    expect_escaped("a\xE2\x80\x8B" "b\xE2\x80\x8C" "c\xE2\x80\x8D" "d\xE2\x81\xA0" "e",
                   "a\\u200Bb\\u200Cc\\u200Dd\\u2060e");
    expect_escaped("bad \xFF\xFE \xC0\xAF \xED\xA0\x80",
                   "bad \\xFF\\xFE \\xC0\\xAF \\xED\\xA0\\x80");
    expect_escaped("", "");
}

/* Every diagnostic goes through the escape: the message, its file and its pointer, whatever
 * input they quote. */
static void diagnostics_never_hold_a_raw_control_byte(void)
{
    logis_diagnostics *diags = NULL;
    logis_scenario *s = load_fixture("escape.json",
                                     "{\"horizon\": {\"start\": \"2017-01-02\", "
                                     "\"end\": \"2018-01-01\"},\n"
                                     " \"territories\": [{\"id\": \"T1\"}], \"dwellings\": [],\n"
                                     " \"households\": [], \"\\u001b]0;owned\\u0007\\nx\": 1}\n",
                                     &diags);
    CU_ASSERT_PTR_NOT_NULL(s);
    CU_ASSERT(diagnostics_contain(diags, "/\\x1B]0;owned\\x07\\x0Ax: warning: unknown member",
                                  NULL));
    for (size_t i = 0; i < logis_diagnostics_count(diags); i++) {
        char *line = logis_diagnostics_line(diags, i);
        CU_ASSERT(line && !strpbrk(line, "\x1B\x07\n"));
        free(line);
    }
    logis_scenario_free(s);
    logis_diagnostics_free(diags);
}

/* A reporter with printf-style arguments of its own, as the readers have: it passes them on. */
static void report(logis_diagnostics *d, const diag_place *place, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static void report(logis_diagnostics *d, const diag_place *place, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    diag_vadd(d, place, format, args);
    va_end(args);
}

static void messages_are_formatted_once_with_their_place(void)
{
    logis_diagnostics *d = logis_diagnostics_new();
    report(d, &(diag_place){LOGIS_ERROR, .file = "list.csv", .where = "row 3, column B (size)"},
           "must be %s", "a number");
    report(d,
           &(diag_place){LOGIS_ERROR, .file = "s.json", .pointer = "/households/0/size",
                         .record = "H\n1"},
           "must be from %d to %d", 1, 30);
    char word[700];
    memset(word, 'x', sizeof word - 1);
    word[sizeof word - 1] = '\0';
    report(d, &(diag_place){LOGIS_WARNING, .line = 2, .column = 5}, "%s", word);
    CU_ASSERT_EQUAL_FATAL(logis_diagnostics_count(d), 3);
    CU_ASSERT_EQUAL(logis_diagnostics_errors(d), 2);
    char *line = logis_diagnostics_line(d, 0);
    CU_ASSERT_STRING_EQUAL(line, "list.csv: row 3, column B (size): must be a number");
    free(line);
    line = logis_diagnostics_line(d, 1);
    CU_ASSERT_STRING_EQUAL(line, "s.json: /households/0/size (H\\x0A1): must be from 1 to 30");
    free(line);
    CU_ASSERT_EQUAL(strlen(logis_diagnostics_get(d, 2)->message), DIAG_MESSAGE_SIZE - 1);
    logis_diagnostics_free(d);
}

/* ---- JSON streamed as cJSON prints it ---- */

static unsigned next_random(unsigned *state)
{
    *state = *state * 1103515245u + 12345u;
    return *state >> 8;
}

/* Bytes 1..255 (a string of them: every escape, controls, raw UTF-8 bytes), empty at times. */
static void random_text(unsigned *state, char *text, size_t size)
{
    size_t length = next_random(state) % size;
    for (size_t i = 0; i < length; i++)
        text[i] = (char)(1 + next_random(state) % 255);
    text[length] = '\0';
}

static double random_number(unsigned *state)
{
    static const double edges[] = {0.0, -0.0, 1, -1, 2147483647.0, 2147483648.0, -2147483648.0,
                                   -2147483649.0, 0.1, 1.0 / 3, 1e300, -1e-300, DBL_MAX,
                                   DBL_MIN, 123456789012345678.0, 999999999999999.0, 1e15,
                                   -4503599627370497.0, 0.5, NAN, INFINITY};
    unsigned pick = next_random(state) % 28;
    if (pick < sizeof edges / sizeof *edges)
        return edges[pick];
    return ((double)next_random(state) - 8e6) / (1 + next_random(state) % 1000);
}

/* The same random value added to a cJSON tree and to the writer. */
static void add_random_value(unsigned *state, cJSON *parent, json_writer *w, int depth)
{
    char key[12], text[12];
    random_text(state, key, sizeof key);
    const char *name = cJSON_IsObject(parent) ? key : NULL;
    unsigned kind = next_random(state) % (depth < 4 ? 7 : 5);
    cJSON *value;
    if (kind == 0) {
        random_text(state, text, sizeof text);
        value = cJSON_CreateString(text);
        json_write_text(w, name, text);
    } else if (kind == 1) {
        double number = random_number(state);
        value = cJSON_CreateNumber(number);
        json_write_number(w, name, number);
    } else if (kind == 2) {
        bool truth = next_random(state) % 2;
        value = cJSON_CreateBool(truth);
        json_write_bool(w, name, truth);
    } else if (kind <= 4) {
        value = cJSON_CreateNull();
        json_write_null(w, name);
    } else {
        value = kind == 5 ? cJSON_CreateObject() : cJSON_CreateArray();
        if (kind == 5)
            json_write_object(w, name);
        else
            json_write_array(w, name);
        for (unsigned n = next_random(state) % 4; n > 0; n--)
            add_random_value(state, value, w, depth + 1);
        json_write_end(w);
    }
    if (name)
        cJSON_AddItemToObject(parent, name, value);
    else
        cJSON_AddItemToArray(parent, value);
}

static void streamed_json_is_laid_out_as_cjson_prints_it(void)
{
    for (unsigned seed = 1; seed <= 300; seed++) {
        unsigned state = seed;
        cJSON *root = seed % 2 ? cJSON_CreateObject() : cJSON_CreateArray();
        json_writer w = {0};
        if (seed % 2)
            json_write_object(&w, NULL);
        else
            json_write_array(&w, NULL);
        for (unsigned n = next_random(&state) % 6; n > 0; n--)
            add_random_value(&state, root, &w, 1);
        json_write_end(&w);
        char *printed = cJSON_Print(root), *streamed = json_writer_finish(&w);
        /* the tree itself, written as a value inside an array, one level down */
        json_writer inside = {0};
        json_write_array(&inside, NULL);
        json_write_value(&inside, NULL, root);
        json_write_end(&inside);
        cJSON *holder = cJSON_CreateArray();
        cJSON_AddItemReferenceToArray(holder, root);
        char *held = cJSON_Print(holder), *written = json_writer_finish(&inside);
        CU_ASSERT_PTR_NOT_NULL_FATAL(printed);
        CU_ASSERT_PTR_NOT_NULL_FATAL(streamed);
        CU_ASSERT_STRING_EQUAL(streamed, printed);
        CU_ASSERT_PTR_NOT_NULL_FATAL(written);
        CU_ASSERT_STRING_EQUAL(written, held);
        cJSON_free(printed);
        cJSON_free(held);
        free(streamed);
        free(written);
        cJSON_Delete(holder);
        cJSON_Delete(root);
    }
}

static void streamed_json_left_open_or_closed_twice_fails(void)
{
    json_writer open = {0}, closed_twice = {0}, deep = {0};
    json_write_object(&open, NULL);
    json_write_array(&open, "a");
    json_write_end(&open);
    CU_ASSERT_PTR_NULL(json_writer_finish(&open));
    json_write_array(&closed_twice, NULL);
    json_write_end(&closed_twice);
    json_write_end(&closed_twice);
    CU_ASSERT_PTR_NULL(json_writer_finish(&closed_twice));
    for (int i = 0; i < JSON_WRITER_DEPTH; i++)
        json_write_array(&deep, NULL);
    for (int i = 0; i < JSON_WRITER_DEPTH; i++)
        json_write_end(&deep);
    CU_ASSERT_PTR_NULL(json_writer_finish(&deep));
}

void suite_text(void)
{
    CU_pSuite suite = CU_add_suite("text", NULL, NULL);
    CU_add_test(suite, "invalid sequences are found where they start",
                invalid_sequences_are_found_where_they_start);
    CU_add_test(suite, "valid text passes", valid_text_passes);
    CU_add_test(suite, "a NUL is a problem in files and texts",
                a_nul_is_a_problem_in_files_and_texts);
    CU_add_test(suite, "controls and bidirectional characters are refused in texts",
                controls_and_bidirectional_characters_are_refused_in_texts);
    CU_add_test(suite, "Windows-1252 decodes into UTF-8", windows_1252_decodes_into_utf8);
    CU_add_test(suite, "streamed JSON is laid out as cJSON prints it",
                streamed_json_is_laid_out_as_cjson_prints_it);
    CU_add_test(suite, "streamed JSON left open or closed twice fails",
                streamed_json_left_open_or_closed_twice_fails);
    CU_add_test(suite, "findings are described for messages",
                findings_are_described_for_messages);
    CU_add_test(suite, "escaping shows what would break a line or a terminal",
                escaping_shows_what_would_break_a_line_or_a_terminal);
    CU_add_test(suite, "diagnostics never hold a raw control byte",
                diagnostics_never_hold_a_raw_control_byte);
    CU_add_test(suite, "messages are formatted once with their place",
                messages_are_formatted_once_with_their_place);
}
