/* The CSV suite: the RFC 4180 writer and reader (quoting, separators, blank rows, syntax errors
 * located by line and column), and `logis import`/`export` (cells checked by row and column,
 * the FAAR arrays coming back the same from JSON → CSV → JSON). */
#include "tests.h"

#include "base/csv.h"
#include "base/json.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define BOM "\xEF\xBB\xBF"
/* A literal's bytes and their count, NUL bytes inside included. */
#define BYTES(literal) literal, sizeof(literal) - 1

/* ---- writer ---- */

static void writer_quotes_only_cells_that_need_it(void)
{
    csv_writer w = {0};
    csv_start(&w);
    csv_text(&w, "plain");
    csv_text(&w, "a,b");
    csv_text(&w, "say \"hi\"");
    csv_text(&w, "two\nlines");
    csv_text(&w, "semi;colon");
    csv_integer(&w, -12);
    csv_decimal(&w, 0.84329, 3);
    csv_empty(&w);
    csv_end_row(&w);
    char *text = csv_finish(&w);
    CU_ASSERT_STRING_EQUAL(text, BOM "plain,\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\","
                                     "semi;colon,-12,0.843,\r\n");
    free(text);
}

/* OWASP's rule against formula injection: a text cell starting with =, +, -, @, tab or CR gets a
 * leading apostrophe (also after apostrophes already there); numbers stay numbers. */
static void writer_neutralises_text_a_spreadsheet_would_run(void)
{
    static const char *const cells[] = {"=cmd|'/c calc'!A1", "+1+1", "-2+3", "@SUM(A1)",
                                        "\tx", "'=x", "a-b", "'quoted", NULL};
    csv_writer w = {0};
    csv_start(&w);
    csv_cells(&w, cells);
    csv_text(&w, "\r=x");
    csv_integer(&w, -2);
    csv_decimal(&w, -0.5, 1);
    csv_end_row(&w);
    char *text = csv_finish(&w);
    CU_ASSERT_STRING_EQUAL(text, BOM "'=cmd|'/c calc'!A1,'+1+1,'-2+3,'@SUM(A1),'\tx,''=x,a-b,"
                                     "'quoted\r\n\"'\r=x\",-2,-0.5\r\n");
    free(text);
}

/* ---- reader ---- */

static void reader_gives_back_what_the_writer_wrote(void)
{
    static const char *const cells[] = {"a,b", "say \"hi\"", "two\r\nlines", "", " spaced ",
                                        "x"};
    csv_writer w = {0};
    csv_start(&w);
    for (int row = 0; row < 2; row++) {
        for (int i = 0; i < 6; i++)
            csv_text(&w, cells[i]);
        csv_end_row(&w);
    }
    char *text = csv_finish(&w);
    csv_table table;
    CU_ASSERT_EQUAL_FATAL(csv_parse("t.csv", text, strlen(text), &table, NULL), LOGIS_OK);
    CU_ASSERT_EQUAL(table.count, 2);
    CU_ASSERT_EQUAL(table.separator, ',');
    for (int row = 0; row < table.count; row++) {
        CU_ASSERT_EQUAL(table.rows[row].count, 6);
        for (int i = 0; i < 6 && i < table.rows[row].count; i++)
            CU_ASSERT_STRING_EQUAL(table.rows[row].cells[i], cells[i]);
    }
    csv_table_free(&table);
    free(text);
}

/* The reader takes off exactly the apostrophe the writer put before a would-be formula. */
static void reader_strips_the_apostrophe_that_neutralised_a_formula(void)
{
    const char text[] = "'=cmd|'/c calc'!A1,'-2+3,''@x,'quoted,',\"'\t\",'\r\n";
    csv_table table;
    CU_ASSERT_EQUAL_FATAL(csv_parse("t.csv", text, strlen(text), &table, NULL), LOGIS_OK);
    CU_ASSERT_EQUAL_FATAL(table.count, 1);
    static const char *const cells[] = {"=cmd|'/c calc'!A1", "-2+3", "'@x", "'quoted", "'",
                                        "\t", "'"};
    CU_ASSERT_EQUAL_FATAL(table.rows[0].count, 7);
    for (int i = 0; i < 7; i++)
        CU_ASSERT_STRING_EQUAL(table.rows[0].cells[i], cells[i]);
    csv_table_free(&table);
}

static void reader_takes_semicolons_when_the_header_has_no_comma(void)
{
    const char text[] = "id;features\r\nD1;\"a; b\"\r\nD2,x;c\r\n";
    csv_table table;
    CU_ASSERT_EQUAL_FATAL(csv_parse("t.csv", text, strlen(text), &table, NULL), LOGIS_OK);
    CU_ASSERT_EQUAL(table.separator, ';');
    CU_ASSERT_EQUAL_FATAL(table.count, 3);
    CU_ASSERT_STRING_EQUAL(table.rows[1].cells[1], "a; b");
    CU_ASSERT_STRING_EQUAL(table.rows[2].cells[0], "D2,x");
    csv_table_free(&table);
}

static void reader_drops_blank_rows_but_counts_them(void)
{
    const char text[] = "a,b\n\n , \nx,\"multi\nline\"\r\ny,z";
    csv_table table;
    CU_ASSERT_EQUAL_FATAL(csv_parse("t.csv", text, strlen(text), &table, NULL), LOGIS_OK);
    CU_ASSERT_EQUAL_FATAL(table.count, 3);
    CU_ASSERT_EQUAL(table.rows[0].row, 1);
    CU_ASSERT_EQUAL(table.rows[1].row, 4);
    CU_ASSERT_STRING_EQUAL(table.rows[1].cells[1], "multi\nline");
    CU_ASSERT_EQUAL(table.rows[2].row, 5);
    CU_ASSERT_STRING_EQUAL(table.rows[2].cells[1], "z");
    csv_table_free(&table);
}

static void reader_skips_the_byte_order_mark(void)
{
    const char text[] = BOM "id,size\r\n";
    csv_table table;
    CU_ASSERT_EQUAL_FATAL(csv_parse("t.csv", text, strlen(text), &table, NULL), LOGIS_OK);
    CU_ASSERT_STRING_EQUAL(table.rows[0].cells[0], "id");
    csv_table_free(&table);
}

static void reader_locates_a_quote_that_never_ends(void)
{
    const char text[] = "id,size\nH1,\"4\n";
    logis_diagnostics *d = logis_diagnostics_new();
    csv_table table;
    CU_ASSERT_EQUAL(csv_parse("t.csv", text, strlen(text), &table, d), LOGIS_E_INPUT);
    CU_ASSERT_EQUAL(table.count, 0);
    CU_ASSERT(diagnostics_contain(d, "t.csv:2:4: this quoted cell never ends", NULL));
    logis_diagnostics_free(d);
}

static void reader_locates_text_after_a_closing_quote(void)
{
    const char text[] = "id,size\r\n\"H1\"x,4\r\n";
    logis_diagnostics *d = logis_diagnostics_new();
    csv_table table;
    CU_ASSERT_EQUAL(csv_parse("t.csv", text, strlen(text), &table, d), LOGIS_E_INPUT);
    CU_ASSERT(diagnostics_contain(d, "t.csv:2:5: expected a separator", NULL));
    logis_diagnostics_free(d);
}

/* ---- reader limits ---- */

/* text: header, then `rows` rows of "a"; the caller frees. */
static char *rows_of_a(int rows)
{
    char *text = malloc(2 * (size_t)rows + 8);
    if (!text)
        return NULL;
    memcpy(text, "id\n", 3);
    for (int i = 0; i < rows; i++)
        memcpy(text + 3 + 2 * (size_t)i, "a\n", 2);
    text[3 + 2 * (size_t)rows] = '\0';
    return text;
}

/* A CSV file holds at most as many records as a JSON array: 1,000,000 rows after the header.
 * One more is refused with the file and that row's number, before any is converted. */
static void reader_refuses_more_rows_than_an_array_holds(void)
{
    char *text = rows_of_a(1000001);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    logis_diagnostics *d = logis_diagnostics_new();
    csv_table table;
    CU_ASSERT_EQUAL(csv_parse("t.csv", text, strlen(text), &table, d), LOGIS_E_INPUT);
    CU_ASSERT_EQUAL(table.count, 0);
    CU_ASSERT(diagnostics_contain(d, "t.csv: row 1000002: more than 1000000 rows after the "
                                  "header row", NULL));
    text[strlen(text) - 2] = '\0'; /* one row fewer: 1,000,000 records */
    CU_ASSERT_EQUAL(csv_parse("t.csv", text, strlen(text), &table, NULL), LOGIS_OK);
    CU_ASSERT_EQUAL(table.count, 1000001);
    csv_table_free(&table);
    logis_diagnostics_free(d);
    free(text);
}

/* A row holds at most 1024 cells up to its last one that is not blank, and a cell 65536 bytes:
 * each refused at its place. Empty cells after the last value (what spreadsheets export for
 * formatted columns) do not count. */
static void reader_bounds_cells_per_row_and_bytes_per_cell(void)
{
    size_t size = 3 * 70000 + 64;
    char *text = malloc(size);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    logis_diagnostics *d = logis_diagnostics_new();
    csv_table table;
    strcpy(text, "id,x\n");
    size_t at = strlen(text);
    for (int i = 0; i < 1025; i++, at += 2)
        memcpy(text + at, "a,", 2);
    strcpy(text + at, "a\n");
    CU_ASSERT_EQUAL(csv_parse("t.csv", text, strlen(text), &table, d), LOGIS_E_INPUT);
    CU_ASSERT(diagnostics_contain(d, "t.csv:2:2049: a row of more than 1024 cells", NULL));
    strcpy(text, "id,x\nv,");
    at = strlen(text);
    memset(text + at, ',', 20000);
    strcpy(text + at + 20000, "\n");
    CU_ASSERT_EQUAL_FATAL(csv_parse("t.csv", text, strlen(text), &table, NULL), LOGIS_OK);
    CU_ASSERT_EQUAL(table.rows[1].count, 1);
    csv_table_free(&table);
    strcpy(text, "id\n\"");
    memset(text + 4, 'x', 65537);
    strcpy(text + 4 + 65537, "\"\n");
    CU_ASSERT_EQUAL(csv_parse("t.csv", text, strlen(text), &table, d), LOGIS_E_INPUT);
    CU_ASSERT(diagnostics_contain(d, "t.csv:2:1: a cell longer than 65536 bytes", NULL));
    text[3] = 'y';
    CU_ASSERT_EQUAL(csv_parse("t.csv", text, strlen(text), &table, d), LOGIS_E_INPUT);
    CU_ASSERT(diagnostics_contain(d, "t.csv:2:1: a cell longer than 65536 bytes", NULL));
    text[4 + 65535] = '\n'; /* 65536 bytes: kept */
    text[4 + 65536] = '\0';
    CU_ASSERT_EQUAL(csv_parse("t.csv", text, strlen(text), &table, NULL), LOGIS_OK);
    csv_table_free(&table);
    logis_diagnostics_free(d);
    free(text);
}

/* A line "Name:   N kB" of /proc/self/status: N, or -1. */
static long status_kib(const char *name)
{
    char line[256];
    long value = -1;
    FILE *status = fopen("/proc/self/status", "r");
    while (status && value < 0 && fgets(line, sizeof line, status))
        if (strncmp(line, name, strlen(name)) == 0)
            value = strtol(line + strlen(name), NULL, 10);
    if (status)
        fclose(status);
    return value;
}

/* In a child process: how much the resident memory grew (KiB) at its peak while importing the
 * file at path; -1 when that cannot be measured (no /proc) or the import failed. The peak is
 * reset first (/proc/self/clear_refs), so what the test process held before does not count. */
static long import_growth_kib(const char *path)
{
    int channel[2];
    long growth = -1;
    if (pipe(channel) != 0)
        return -1;
    pid_t child = fork();
    if (child == 0) {
        close(channel[0]);
        FILE *clear = fopen("/proc/self/clear_refs", "w");
        bool reset = clear && fputs("5", clear) >= 0;
        if (clear && fclose(clear) != 0)
            reset = false;
        long before = status_kib("VmRSS:");
        char *json_text = NULL;
        logis_status status = logis_csv_to_json(LOGIS_HOUSEHOLDS, path, &json_text, NULL);
        free(json_text);
        long peak = status_kib("VmHWM:");
        growth = reset && status == LOGIS_OK && before >= 0 && peak >= 0 ? peak - before : -1;
        _exit(write(channel[1], &growth, sizeof growth) == sizeof growth ? 0 : 1);
    }
    close(channel[1]);
    if (child < 0 || read(channel[0], &growth, sizeof growth) != sizeof growth)
        growth = -1;
    close(channel[0]);
    if (child > 0)
        waitpid(child, NULL, 0);
    return growth;
}

/* A 30 MiB row of separators took 40 times its size (a cell allocated, and the cell array
 * grown, one at a time: 1.26 GB). Reading it now costs about the file itself. */
static void a_row_of_separators_costs_about_its_bytes(void)
{
    enum { BYTES = 30 << 20 };
    char *text = malloc(BYTES + 64);
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    strcpy(text, "id,size,arrival\nH1,2,2027-01-04\n");
    size_t at = strlen(text);
    memset(text + at, ',', BYTES);
    strcpy(text + at + BYTES, "\n");
    const char *path = write_fixture("commas.csv", text);
    free(text);
    long growth = import_growth_kib(path);
    CU_ASSERT(growth > 0 && growth < 4 * (BYTES >> 10));
    if (growth <= 0 || growth >= 4 * (BYTES >> 10))
        fprintf(stderr, "\n  importing %d MiB of separators: %ld KiB more at the peak",
                BYTES >> 20, growth);
    unlink(path);
}

/* --max-input holds for the CSV file (logis_csv_to_json read it against 64 MiB always). */
static void import_refuses_a_file_over_the_input_limit(void)
{
    logis_load_options options;
    logis_load_options_init(&options);
    options.max_input_bytes = 16;
    logis_diagnostics *d = logis_diagnostics_new();
    char *json_text = NULL;
    const char *path = write_fixture("limit.csv", "id,size,arrival\nH1,2,2027-01-04\n");
    CU_ASSERT_EQUAL(logis_csv_to_json_with(LOGIS_HOUSEHOLDS, path, &options, &json_text, d),
                    LOGIS_E_INPUT);
    CU_ASSERT_PTR_NULL(json_text);
    CU_ASSERT(diagnostics_contain(d, "limit.csv: the file is larger than the input limit of 16 "
                                  "bytes", NULL));
    options.max_input_bytes = 0; /* the default */
    CU_ASSERT_EQUAL(logis_csv_to_json_with(LOGIS_HOUSEHOLDS, path, &options, &json_text, d),
                    LOGIS_OK);
    free(json_text);
    logis_diagnostics_free(d);
}

static void column_names_run_like_a_spreadsheet(void)
{
    char name[8];
    static const struct {
        int column;
        const char *name;
    } cases[] = {{0, "A"}, {25, "Z"}, {26, "AA"}, {51, "AZ"}, {701, "ZZ"}, {702, "AAA"}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        csv_column_name(cases[i].column, name);
        CU_ASSERT_STRING_EQUAL(name, cases[i].name);
    }
}

/* ---- import ---- */

/* Imports CSV text of the given kind; the JSON parsed, or NULL (diagnostics in *diags). */
static json *import_text(logis_record_kind kind, const char *text, logis_diagnostics **diags)
{
    *diags = logis_diagnostics_new();
    char *result = NULL;
    const char *path = write_fixture("import.csv", text);
    if (logis_csv_to_json(kind, path, &result, *diags) != LOGIS_OK)
        return NULL;
    size_t stop;
    json *value = json_parse(result, strlen(result), &stop);
    free(result);
    return value;
}

static void import_types_every_cell(void)
{
    logis_diagnostics *d;
    json *array = import_text(LOGIS_HOUSEHOLDS,
                              BOM "ID , size,arrival,needs,territories,may_share,notes,priority\r\n"
                                  "H1,4,2027-01-05,\" accessible ;ground_floor; \",,TRUE,x,\r\n"
                                  "H2, 2 ,2027-02-01,,T1,false,,3\r\n",
                              &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(array);
    CU_ASSERT_EQUAL(json_count(array), 2);
    const json *h1 = json_first(array), *h2 = json_next(h1);
    CU_ASSERT_STRING_EQUAL(json_string(json_member(h1, "id")), "H1");
    CU_ASSERT_EQUAL(json_number(json_member(h1, "size")), 4);
    const json *needs = json_member(h1, "needs");
    CU_ASSERT_EQUAL(json_count(needs), 2);
    CU_ASSERT_STRING_EQUAL(json_string(json_first(needs)), "accessible");
    CU_ASSERT_STRING_EQUAL(json_string(json_next(json_first(needs))), "ground_floor");
    const json *may_share = json_member(h1, "may_share");
    CU_ASSERT(json_is_bool(may_share) && json_true(may_share));
    CU_ASSERT_PTR_NULL(json_member(h1, "territories"));
    CU_ASSERT_PTR_NULL(json_member(h1, "priority"));
    CU_ASSERT_PTR_NULL(json_member(h1, "notes"));
    CU_ASSERT_EQUAL(json_number(json_member(h2, "size")), 2);
    CU_ASSERT_EQUAL(json_number(json_member(h2, "priority")), 3);
    CU_ASSERT_FALSE(json_true(json_member(h2, "may_share")));
    CU_ASSERT(diagnostics_contain(d, "import.csv: warning: column G (\"notes\")", NULL));
    json_free(array);
    logis_diagnostics_free(d);
}

/* A list cell with no item (";", " ; ") is an empty cell: the member is left out, so that export
 * and import again give the same records (found by fuzzing the round trip: it imported as []
 * and came back without the member). */
static void import_leaves_out_a_list_without_items(void)
{
    logis_diagnostics *d;
    json *array = import_text(LOGIS_DWELLINGS,
                              "id,territory,places,features\r\nD1,T,4,;\r\nD2,T,4, ; \r\n", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(array);
    CU_ASSERT_EQUAL(json_count(array), 2);
    for (const json *record = json_first(array); record; record = json_next(record))
        CU_ASSERT_PTR_NULL(json_member(record, "features"));
    json_free(array);
    logis_diagnostics_free(d);
}

/* A whole number too long to be one logis takes is said so, and a long cell is quoted cut,
 * with a mark that says it is. */
static void import_says_a_number_is_too_large(void)
{
    logis_diagnostics *d;
    json *array = import_text(LOGIS_DWELLINGS,
                              "id,territory,places\n"
                              "D1,T1,9223372036854775808\n"
                              "D2,T1,12345678901234567890123456789012345678901234567890x\n",
                              &d);
    CU_ASSERT_PTR_NULL(array);
    CU_ASSERT(diagnostics_contain(d, "row 2, column C (places): a whole number too large: at "
                                     "most 9 digits (got \"9223372036854775808\")", NULL));
    CU_ASSERT(diagnostics_contain(d, "row 3, column C (places): must be a whole number (got "
                                     "\"1234567890123456789012345678901234567890...\")", NULL));
    json_free(array);
    logis_diagnostics_free(d);
}

static void import_names_the_row_and_column_of_each_bad_cell(void)
{
    logis_diagnostics *d;
    json *array = import_text(LOGIS_DWELLINGS,
                              "id,territory,places,shared,available_from\n"
                              "D1,T1,four,true,2027-01-01\n"
                              "\n"
                              "D2,T1,3,yes,05/01/2027\n"
                              ",T1,3,,\n"
                              "D4,T1,3,,,extra\n"
                              "D5,T1,3,,3000-01-01\n",
                              &d);
    CU_ASSERT_PTR_NULL(array);
    CU_ASSERT(diagnostics_contain(d, "row 2, column C (places): must be a whole number", NULL));
    CU_ASSERT(diagnostics_contain(d, "row 4, column D (shared): must be true or false", NULL));
    CU_ASSERT(diagnostics_contain(d, "row 4, column E (available_from): must be a date", NULL));
    CU_ASSERT(diagnostics_contain(d, "row 5, column A (id): required", NULL));
    CU_ASSERT(diagnostics_contain(d, "row 6, column F: a value beyond the last column", NULL));
    CU_ASSERT(diagnostics_contain(d, "row 7, column E (available_from): must be a date "
                                     "YYYY-MM-DD from 1900-01-01 to 2999-12-31 (got "
                                     "\"3000-01-01\")", NULL));
    CU_ASSERT_EQUAL(logis_diagnostics_errors(d), 6);
    logis_diagnostics_free(d);
}

static void import_refuses_a_header_without_a_required_column(void)
{
    logis_diagnostics *d;
    json *array = import_text(LOGIS_HOUSEHOLDS, "id,size,size\nH1,2,2\n", &d);
    CU_ASSERT_PTR_NULL(array);
    CU_ASSERT(diagnostics_contain(d, "no \"arrival\" column, which is required", NULL));
    CU_ASSERT(diagnostics_contain(d, "row 1, column C (size): a second column", NULL));
    logis_diagnostics_free(d);
}

/* Every input is UTF-8 text: a NUL byte or a byte that is not UTF-8 is refused at its line and
 * column, in words that fit a CSV file (it is not "not a JSON text"). */
static void import_locates_bytes_that_are_not_text(void)
{
    static const struct {
        const char *bytes;
        size_t length;
        const char *where, *message;
    } cases[] = {
        {BYTES("id,size,arrival\nH\0,2,2027-01-04\n"), "import.csv:2:2: ", "a NUL byte"},
        {BYTES("id,size,arrival\nH1,2,2027-01-04\nH\xFF\xFE,2,2027-01-04\n"), "import.csv:3:2: ",
         "a byte that is not UTF-8 there (0xFF)"},
        {BYTES("id,size,arrival\nH\xC0\xAF,2,2027-01-04\n"), "import.csv:2:2: ", "(0xC0)"},
        {BYTES("id,size,arrival\nH\xED\xA0\x80,2,2027-01-04\n"), "import.csv:2:2: ", "(0xED)"},
        /* a stray NUL before plain text is a NUL byte, not UTF-16; UTF-16 and UTF-32 without a
         * byte order mark are told by their NUL bytes' places */
        {BYTES("\0id,size,arrival\n"), "import.csv:1:1: ", "a NUL byte"},
        {BYTES("i\0d\0,\0s\0"), "import.csv: ", "UTF-16 or UTF-32"},
        {BYTES("\0i\0d\0,\0s"), "import.csv: ", "UTF-16 or UTF-32"},
        {BYTES("i\0\0\0d\0\0\0"), "import.csv: ", "UTF-16 or UTF-32"},
        {BYTES("\0\0\0i\0\0\0d"), "import.csv: ", "UTF-16 or UTF-32"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        logis_diagnostics *d = logis_diagnostics_new();
        char *result = NULL;
        const char *path = write_fixture_bytes("import.csv", cases[i].bytes, cases[i].length);
        CU_ASSERT_EQUAL(logis_csv_to_json(LOGIS_HOUSEHOLDS, path, &result, d), LOGIS_E_INPUT);
        CU_ASSERT_PTR_NULL(result);
        CU_ASSERT(diagnostics_contain(d, cases[i].where, cases[i].message, NULL));
        CU_ASSERT(!diagnostics_contain(d, "JSON", NULL));
        logis_diagnostics_free(d);
    }
}

/* A text cell goes into ids and names: a line break (inside quotes), a terminal escape or a
 * bidirectional control is refused by row and column, as the scenario loader refuses it. */
static void import_refuses_control_characters_in_text_cells(void)
{
    logis_diagnostics *d;
    json *array = import_text(LOGIS_HOUSEHOLDS,
                              "id,size,arrival,territories\n"
                              "\"H\n1\",2,2027-01-04,\n"
                              "H2,2,2027-01-04,T1;\x1B[2J\n"
                              "H3\xE2\x80\xAE,2,2027-01-04,\n",
                              &d);
    CU_ASSERT_PTR_NULL(array);
    CU_ASSERT(diagnostics_contain(d, "row 2, column A (id): must not hold a control character "
                                  "(U+000A)", NULL));
    CU_ASSERT(diagnostics_contain(d, "row 3, column D (territories): must not hold a control "
                                  "character (U+001B)", NULL));
    CU_ASSERT(diagnostics_contain(d, "row 4, column A (id): must not hold a bidirectional "
                                  "control character (U+202E)", NULL));
    logis_diagnostics_free(d);
}

/* export writes only what the loader would accept back: no control character in a cell. */
static void export_refuses_control_characters(void)
{
    logis_diagnostics *d = logis_diagnostics_new();
    char *csv = NULL;
    const char *path = write_fixture("controls.json",
                                     "[{\"id\": \"A\\u001b[31m\", \"size\": 2, "
                                     "\"arrival\": \"2027-01-04\", \"needs\": [\"x\\u2067\"]}]");
    CU_ASSERT_EQUAL(logis_json_to_csv(LOGIS_HOUSEHOLDS, path, &csv, d), LOGIS_E_INPUT);
    CU_ASSERT_PTR_NULL(csv);
    CU_ASSERT(diagnostics_contain(d, "controls.json: /0/id: must not hold a control character "
                                  "(U+001B)", NULL));
    CU_ASSERT(diagnostics_contain(d, "controls.json: /0/needs: must not hold a bidirectional "
                                  "control character (U+2067)", NULL));
    free(csv);
    logis_diagnostics_free(d);
}

/* Every column import knows is a member the scenario loader reads: a record with every cell
 * filled loads without a warning. */
static void imported_columns_are_members_the_loader_reads(void)
{
    logis_diagnostics *d1, *d2;
    json *dwellings = import_text(LOGIS_DWELLINGS,
                                  "id,territory,places,lease,shared,features,available_from,"
                                  "available_until\nD1,T1,4,temporary,false,lift,2017-01-02,"
                                  "2017-12-01\n",
                                  &d1);
    char *dwellings_text = dwellings ? json_print(dwellings) : NULL;
    json *households = import_text(LOGIS_HOUSEHOLDS,
                                   "id,size,adults,children,arrival,stay_months,needs,"
                                   "territories,priority,may_share,lease\n"
                                   "H1,2,1,1,2017-01-02,2,lift,T1,2,false,temporary\n",
                                   &d2);
    char *households_text = households ? json_print(households) : NULL;
    CU_ASSERT_PTR_NOT_NULL_FATAL(dwellings_text);
    CU_ASSERT_PTR_NOT_NULL_FATAL(households_text);
    size_t size = strlen(dwellings_text) + strlen(households_text) + 400;
    char *scenario = malloc(size);
    snprintf(scenario, size,
             "{\"horizon\": {\"start\": \"2017-01-02\", \"end\": \"2018-01-01\"}, "
             "\"territories\": [{\"id\": \"T1\"}], \"dwellings\": %s, \"households\": %s}",
             dwellings_text, households_text);
    logis_diagnostics *d;
    logis_scenario *s = load_fixture("every-column.json", scenario, &d);
    CU_ASSERT_PTR_NOT_NULL(s);
    CU_ASSERT_EQUAL(logis_diagnostics_count(d), 0);
    logis_scenario_free(s);
    logis_diagnostics_free(d);
    free(scenario);
    free(dwellings_text);
    free(households_text);
    json_free(dwellings);
    json_free(households);
    logis_diagnostics_free(d1);
    logis_diagnostics_free(d2);
}

/* ---- export and round trips ---- */

/* Same JSON values, members in any order; an empty array counts as absent (CSV cannot tell
 * them apart, and the loader reads both as the default). */
static bool same_value(const json *a, const json *b);

static bool same_members(const json *a, const json *b)
{
    for (const json *m = json_first(a); m; m = json_next(m)) {
        const json *other = json_member(b, json_key(m));
        bool empty = json_is_array(m) && json_count(m) == 0;
        if (!(other ? same_value(m, other) : empty))
            return false;
    }
    return true;
}

static bool same_value(const json *a, const json *b)
{
    if (json_is_object(a))
        return json_is_object(b) && same_members(a, b) && same_members(b, a);
    if (json_is_array(a)) {
        if (!json_is_array(b) || json_count(a) != json_count(b))
            return false;
        const json *y = json_first(b);
        for (const json *x = json_first(a); x; x = json_next(x), y = json_next(y))
            if (!same_value(x, y))
                return false;
        return true;
    }
    if (json_is_string(a))
        return json_is_string(b) && strcmp(json_string(a), json_string(b)) == 0;
    if (json_is_number(a))
        return json_is_number(b) && json_number(a) == json_number(b);
    if (json_is_bool(a))
        return json_is_bool(b) && json_true(a) == json_true(b);
    return false;
}

static json *parse_file(const char *path)
{
    char *text = read_file_text(path);
    size_t stop;
    json *value = text ? json_parse(text, strlen(text), &stop) : NULL;
    free(text);
    return value;
}

/* JSON file → CSV → JSON gives the same records; CSV → JSON → CSV gives the same bytes. key
 * names the array in the file (NULL: the file is the array). */
static void check_round_trip(logis_record_kind kind, const char *path, const char *key)
{
    char *csv = NULL, *again_json = NULL, *again_csv = NULL;
    CU_ASSERT_EQUAL_FATAL(logis_json_to_csv(kind, path, &csv, NULL), LOGIS_OK);
    const char *csv_path = write_fixture("round.csv", csv);
    CU_ASSERT_EQUAL_FATAL(logis_csv_to_json(kind, csv_path, &again_json, NULL), LOGIS_OK);
    const char *json_path = write_fixture("round.json", again_json);
    CU_ASSERT_EQUAL_FATAL(logis_json_to_csv(kind, json_path, &again_csv, NULL), LOGIS_OK);
    CU_ASSERT_STRING_EQUAL(csv, again_csv);
    json *original = parse_file(path), *back = parse_file(json_path);
    const json *records = key ? json_member(original, key) : original;
    CU_ASSERT(json_count(records) > 100);
    CU_ASSERT(same_value(records, back));
    json_free(original);
    json_free(back);
    free(csv);
    free(again_json);
    free(again_csv);
}

static void faar_dwellings_come_back_the_same(void)
{
    check_round_trip(LOGIS_DWELLINGS, "data/faar/scenario.json", "dwellings");
}

static void faar_households_come_back_the_same(void)
{
    check_round_trip(LOGIS_HOUSEHOLDS, "data/faar/households.json", NULL);
}

static void export_follows_the_file_a_scenario_names(void)
{
    char *from_scenario = NULL, *from_array = NULL;
    CU_ASSERT_EQUAL(logis_json_to_csv(LOGIS_HOUSEHOLDS, "data/faar/scenario.json",
                                      &from_scenario, NULL), LOGIS_OK);
    CU_ASSERT_EQUAL(logis_json_to_csv(LOGIS_HOUSEHOLDS, "data/faar/households.json",
                                      &from_array, NULL), LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL_FATAL(from_scenario);
    CU_ASSERT_PTR_NOT_NULL_FATAL(from_array);
    CU_ASSERT_STRING_EQUAL(from_scenario, from_array);
    free(from_scenario);
    free(from_array);
}

/* Ids a spreadsheet would run as formulas leave export neutralised and come back unchanged. */
static void formula_like_ids_come_back_the_same(void)
{
    const char *path = write_fixture("formulas.json",
                                     "[{\"id\": \"=cmd|'/c calc'!A1\", \"size\": 2, "
                                     "\"arrival\": \"2027-01-04\", \"needs\": [\"-x\", \"@y\"]},"
                                     " {\"id\": \"+1+1\", \"size\": 3, \"arrival\": "
                                     "\"2027-01-04\", \"territories\": [\"@T\"]},"
                                     " {\"id\": \"-2+3\", \"size\": 1, \"arrival\": "
                                     "\"2027-01-04\", \"lease\": \"any\"},"
                                     " {\"id\": \"'@SUM(A1)\", \"size\": 1, \"arrival\": "
                                     "\"2027-01-04\"}]");
    char *csv = NULL, *back = NULL;
    CU_ASSERT_EQUAL_FATAL(logis_json_to_csv(LOGIS_HOUSEHOLDS, path, &csv, NULL), LOGIS_OK);
    CU_ASSERT_PTR_NOT_NULL(strstr(csv, "\r\n'=cmd|'/c calc'!A1,2,,,2027-01-04,,'-x;@y,,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(csv, "\r\n'+1+1,3,,,2027-01-04,,,'@T,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(csv, "\r\n'-2+3,1,"));
    CU_ASSERT_PTR_NOT_NULL(strstr(csv, "\r\n''@SUM(A1),1,"));
    const char *csv_path = write_fixture("formulas.csv", csv);
    CU_ASSERT_EQUAL_FATAL(logis_csv_to_json(LOGIS_HOUSEHOLDS, csv_path, &back, NULL), LOGIS_OK);
    json *original = parse_file(path), *imported = json_parse(back, strlen(back), &(size_t){0});
    CU_ASSERT(same_value(original, imported));
    json_free(original);
    json_free(imported);
    free(csv);
    free(back);
}

static void export_refuses_what_would_not_come_back(void)
{
    const char *path = write_fixture("bad-dwellings.json",
                                     "{\"dwellings\": [{\"id\": \"D1\", \"territory\": \"T1\", "
                                     "\"places\": \"4\", \"features\": [\"a;b\"]}, "
                                     "{\"id\": \"D2\", \"territory\": \"T1\", \"places\": 2.5, "
                                     "\"shared\": 1, \"available_from\": \"2027-02-30\", "
                                     "\"secret\": \"x\"}, 7]}");
    logis_diagnostics *d = logis_diagnostics_new();
    char *csv = NULL;
    CU_ASSERT_EQUAL(logis_json_to_csv(LOGIS_DWELLINGS, path, &csv, d), LOGIS_E_INPUT);
    CU_ASSERT_PTR_NULL(csv);
    CU_ASSERT(diagnostics_contain(d, "/dwellings/0/places: must be a whole number", NULL));
    CU_ASSERT(diagnostics_contain(d, "/dwellings/0/features: item 0 must be", NULL));
    CU_ASSERT(diagnostics_contain(d, "/dwellings/1/places: must be a whole number", NULL));
    CU_ASSERT(diagnostics_contain(d, "/dwellings/1/shared: must be true or false", NULL));
    CU_ASSERT(diagnostics_contain(d, "/dwellings/1/available_from: must be a date", NULL));
    CU_ASSERT(diagnostics_contain(d, "/dwellings/1/secret: warning: not a column", NULL));
    CU_ASSERT(diagnostics_contain(d, "/dwellings/2: must be an object", NULL));
    logis_diagnostics_free(d);
}

void suite_csv(void)
{
    CU_pSuite suite = CU_add_suite("csv", NULL, NULL);
    CU_add_test(suite, "writer_quotes_only_cells_that_need_it",
                writer_quotes_only_cells_that_need_it);
    CU_add_test(suite, "writer_neutralises_text_a_spreadsheet_would_run",
                writer_neutralises_text_a_spreadsheet_would_run);
    CU_add_test(suite, "reader_strips_the_apostrophe_that_neutralised_a_formula",
                reader_strips_the_apostrophe_that_neutralised_a_formula);
    CU_add_test(suite, "reader_gives_back_what_the_writer_wrote",
                reader_gives_back_what_the_writer_wrote);
    CU_add_test(suite, "reader_takes_semicolons_when_the_header_has_no_comma",
                reader_takes_semicolons_when_the_header_has_no_comma);
    CU_add_test(suite, "reader_drops_blank_rows_but_counts_them",
                reader_drops_blank_rows_but_counts_them);
    CU_add_test(suite, "reader_skips_the_byte_order_mark", reader_skips_the_byte_order_mark);
    CU_add_test(suite, "reader_locates_a_quote_that_never_ends",
                reader_locates_a_quote_that_never_ends);
    CU_add_test(suite, "reader_locates_text_after_a_closing_quote",
                reader_locates_text_after_a_closing_quote);
    CU_add_test(suite, "reader_refuses_more_rows_than_an_array_holds",
                reader_refuses_more_rows_than_an_array_holds);
    CU_add_test(suite, "reader_bounds_cells_per_row_and_bytes_per_cell",
                reader_bounds_cells_per_row_and_bytes_per_cell);
    CU_add_test(suite, "a_row_of_separators_costs_about_its_bytes",
                a_row_of_separators_costs_about_its_bytes);
    CU_add_test(suite, "import_refuses_a_file_over_the_input_limit",
                import_refuses_a_file_over_the_input_limit);
    CU_add_test(suite, "column_names_run_like_a_spreadsheet", column_names_run_like_a_spreadsheet);
    CU_add_test(suite, "import_types_every_cell", import_types_every_cell);
    CU_add_test(suite, "import_leaves_out_a_list_without_items",
                import_leaves_out_a_list_without_items);
    CU_add_test(suite, "import_says_a_number_is_too_large", import_says_a_number_is_too_large);
    CU_add_test(suite, "import_names_the_row_and_column_of_each_bad_cell",
                import_names_the_row_and_column_of_each_bad_cell);
    CU_add_test(suite, "import_refuses_a_header_without_a_required_column",
                import_refuses_a_header_without_a_required_column);
    CU_add_test(suite, "import_locates_bytes_that_are_not_text",
                import_locates_bytes_that_are_not_text);
    CU_add_test(suite, "import_refuses_control_characters_in_text_cells",
                import_refuses_control_characters_in_text_cells);
    CU_add_test(suite, "export_refuses_control_characters", export_refuses_control_characters);
    CU_add_test(suite, "imported_columns_are_members_the_loader_reads",
                imported_columns_are_members_the_loader_reads);
    CU_add_test(suite, "faar_dwellings_come_back_the_same", faar_dwellings_come_back_the_same);
    CU_add_test(suite, "faar_households_come_back_the_same", faar_households_come_back_the_same);
    CU_add_test(suite, "export_follows_the_file_a_scenario_names",
                export_follows_the_file_a_scenario_names);
    CU_add_test(suite, "formula_like_ids_come_back_the_same", formula_like_ids_come_back_the_same);
    CU_add_test(suite, "export_refuses_what_would_not_come_back",
                export_refuses_what_would_not_come_back);
}
