/* logis import and logis export: the dwellings and households arrays between JSON and the CSV
 * files planners keep in spreadsheets. */
#include "cli/cli.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const cli_option import_options[] = {
    {"output", 'o', true, "FILE", "write the JSON there (whole or not at all) instead of stdout"},
    {"encoding", 'e', false, "NAME", "the file's encoding: utf-8 (the default) or windows-1252"},
};

static const cli_usage import_usage = {
    "usage: logis import dwellings|households|scores FILE.csv [-o FILE.json] [--encoding NAME]\n"
    "\n"
    "Turns a CSV file with a header row into the JSON array of dwellings or households\n"
    "(stdout, or -o FILE). Columns are named as the JSON members (case and surrounding\n"
    "spaces ignored); lists (features, needs, territories) are separated by ';';\n"
    "booleans are true or false; dates YYYY-MM-DD; an empty cell leaves the member out.\n"
    "scores: a matrix, household ids in the first column and one column per territory\n"
    "id, into the scenario's \"scores\" list; empty and NA cells score 0 and are left out.\n"
    "Cells may be separated by ',' or, when the header has no comma, by ';'.\n"
    "Errors name the row and column (exit 2); unknown columns are warned about and left\n"
    "out. The apostrophe export puts before a would-be formula is taken off.\n"
    "The file must be UTF-8 (a spreadsheet's \"CSV UTF-8\"); what a spreadsheet on\n"
    "Windows saves as plain \"CSV\" is Windows-1252: give --encoding windows-1252.\n"
    "\n",
    import_options, sizeof import_options / sizeof *import_options, 22,
    "  --max-input BYTES   refuse a larger CSV file (logis --help)\n"};

static const cli_option export_options[] = {
    {"output", 'o', true, "FILE", "write the CSV there (whole or not at all) instead of stdout"},
};

static const cli_usage export_usage = {
    "usage: logis export dwellings|households|scores FILE.json [-o FILE.csv]\n"
    "\n"
    "Writes the dwellings or households of FILE (a bare array, or a scenario: its array\n"
    "inline or in the file it names) as CSV, in the columns logis import reads: UTF-8\n"
    "with a byte order mark, a header row, CRLF line ends (stdout, or -o FILE).\n"
    "scores: the outcome scores of the scenario FILE as the matrix logis import reads.\n"
    "Members that are not columns are warned about and left out. A text cell starting\n"
    "with =, +, -, @, tab or CR gets a leading ' so that no spreadsheet runs it.\n"
    "\n",
    export_options, sizeof export_options / sizeof *export_options, 22,
    "  --max-input BYTES, --allow-outside   how the scenario is read (logis --help)\n"};

typedef struct {
    logis_record_kind kind;
    const char *input, *output;
    logis_encoding encoding;
} csv_arguments;

/* --encoding NAME: false (said) when NAME is not one logis reads. */
static bool parse_encoding(const char *name, logis_encoding *encoding)
{
    bool utf8 = strcasecmp(name, "utf-8") == 0 || strcasecmp(name, "utf8") == 0;
    bool windows = strcasecmp(name, "windows-1252") == 0 || strcasecmp(name, "cp1252") == 0;
    if (!utf8 && !windows)
        complain("--encoding: expected utf-8 or windows-1252, got '%s'", name);
    *encoding = windows ? LOGIS_WINDOWS_1252 : LOGIS_UTF8;
    return utf8 || windows;
}

/* Returns -1 when the arguments are fine, else the exit code. */
static int parse_csv_arguments(int argc, char **argv, const cli_usage *usage, bool importing,
                               csv_arguments *a)
{
    const char *encoding = NULL;
    extra_option encoding_option = {&encoding, NULL};
    int code = output_option(argc, argv, usage, &a->output, importing ? &encoding_option : NULL);
    if (code >= 0)
        return code;
    if (encoding && !parse_encoding(encoding, &a->encoding))
        return EXIT_INPUT;
    if (optind + 2 != argc)
        return wrong_operand_count(usage, argc - optind, 2, argv + optind + 2);
    const char *kind = argv[optind];
    bool scores = strcmp(kind, "scores") == 0;
    if (strcmp(kind, "dwellings") != 0 && strcmp(kind, "households") != 0 && !scores) {
        complain("%s: expected dwellings, households or scores, got '%s'", argv[0], kind);
        return EXIT_INPUT;
    }
    a->kind = scores ? LOGIS_SCORES
              : strcmp(kind, "households") == 0 ? LOGIS_HOUSEHOLDS : LOGIS_DWELLINGS;
    a->input = argv[optind + 1];
    return -1;
}

/* The output never replaces the input, nor the file a scenario named that was read (read,
 * once converted). */
static int refuse_replacing(const csv_arguments *a, file_list *read)
{
    file_list inputs = inputs_read(read), outputs = {0};
    add_file(&inputs, "the input", NULL, a->input);
    add_file(&outputs, "-o", NULL, a->output);
    return refuse_replaced_files(&inputs, &outputs);
}

typedef logis_status (*converter)(const csv_arguments *a, char **text,
                                  logis_diagnostics *diags);

static int convert(int argc, char **argv, const cli_usage *usage, converter convert_file,
                   bool importing)
{
    csv_arguments a = {0};
    int code = parse_csv_arguments(argc, argv, usage, importing, &a);
    if (code < 0)
        code = refuse_replacing(&a, NULL);
    if (code >= 0)
        return code;
    logis_diagnostics *diags = logis_diagnostics_new();
    char *text = NULL;
    logis_status status = diags ? convert_file(&a, &text, diags) : LOGIS_E_NOMEM;
    print_diagnostics(diags, true);
    if (status == LOGIS_E_INPUT && logis_diagnostics_errors(diags) >= LOGIS_MAX_ERRORS)
        complain("stopped after %d errors", LOGIS_MAX_ERRORS);
    file_list read = {0};
    if (status == LOGIS_OK)
        add_files_read(&read, diags);
    if (status == LOGIS_OK && (code = refuse_replacing(&a, &read)) < 0) {
        code = write_output(a.output, text, importing);
    } else if (status != LOGIS_OK) {
        if (status != LOGIS_E_INPUT)
            complain("out of memory");
        code = status == LOGIS_E_INPUT ? EXIT_INPUT : EXIT_INTERNAL;
    }
    free(text);
    logis_diagnostics_free(diags);
    return code;
}

/* The CSV file is read as the scenarios are (--max-input applies), in its own encoding. */
static logis_status import_as_loaded(const csv_arguments *a, char **text,
                                     logis_diagnostics *diags)
{
    logis_load_options options = load_options;
    options.encoding = a->encoding;
    return logis_csv_to_json_with(a->kind, a->input, &options, text, diags);
}

int command_import(int argc, char **argv)
{
    return convert(argc, argv, &import_usage, import_as_loaded, true);
}

/* The array file a scenario names is read as plan and check read it: --allow-outside and
 * --max-input apply. */
static logis_status export_as_loaded(const csv_arguments *a, char **text,
                                     logis_diagnostics *diags)
{
    return logis_json_to_csv_with(a->kind, a->input, &load_options, text, diags);
}

int command_export(int argc, char **argv)
{
    return convert(argc, argv, &export_usage, export_as_loaded, false);
}
