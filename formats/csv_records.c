/* Spreadsheets in and out (`logis import`, `logis export`): the dwellings and households arrays
 * as CSV with one column per JSON member, checked cell by cell with the row and column named. */
#include "base/csv.h"
#include "base/diag.h"
#include "base/json.h"
#include "base/json_writer.h"
#include "base/path.h"
#include "base/textfile.h"
#include "base/utf8.h"
#include "domain/fields.h"
#include "formats/scores_csv.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef enum { CELL_TEXT, CELL_INTEGER, CELL_BOOLEAN, CELL_DATE, CELL_LIST } cell_type;

enum {
    MAX_COLUMNS = 16, /* more than either kind of record has members */
    MAX_WARNED_MEMBERS = 32,
    MAX_INTEGER_DIGITS = 9
};

/* The columns of a kind of record: the members domain/fields.h marks as CSV, in its order. */
typedef struct {
    const field_spec *field[MAX_COLUMNS];
    int count;
} column_list;

static column_list columns_of(logis_record_kind kind)
{
    column_list columns = {.count = 0};
    const field_spec *fields = kind == LOGIS_HOUSEHOLDS ? household_fields : dwelling_fields;
    for (const field_spec *f = fields; f->name; f++)
        if (f->csv && columns.count < MAX_COLUMNS)
            columns.field[columns.count++] = f;
    return columns;
}

static cell_type cell_type_of(const field_spec *field)
{
    switch (field->type) {
    case FIELD_INTEGER:
        return CELL_INTEGER;
    case FIELD_BOOLEAN:
        return CELL_BOOLEAN;
    case FIELD_DATE:
        return CELL_DATE;
    case FIELD_FEATURES:
    case FIELD_IDS:
        return CELL_LIST;
    default:
        return CELL_TEXT;
    }
}

static const char *kind_name(logis_record_kind kind)
{
    return kind == LOGIS_HOUSEHOLDS ? "households" : "dwellings";
}

/* ==== CSV → JSON ==== */

typedef struct {
    const char *path;
    logis_record_kind kind;
    column_list columns;
    int file_column[MAX_COLUMNS]; /* per column: its column in the file, or -1 */
    const csv_row *header;
    logis_diagnostics *diags;
    bool failed;
    bool out_of_memory;
} importer;

static void cell_error(importer *im, int row, int column, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

static void cell_error(importer *im, int row, int column, const char *format, ...)
{
    char letter[8], where[96];
    csv_column_name(column, letter);
    const char *name = column < im->header->count ? im->header->cells[column] : "";
    if (csv_blank(name))
        snprintf(where, sizeof where, "row %d, column %s", row, letter);
    else
        snprintf(where, sizeof where, "row %d, column %s (%.60s)", row, letter, name);
    va_list args;
    va_start(args, format);
    diag_vadd(im->diags, &(diag_place){LOGIS_ERROR, .file = im->path, .where = where}, format,
              args);
    va_end(args);
    im->failed = true;
}

/* The cell without its surrounding spaces and tabs, into text (size bytes). */
static const char *trimmed(const char *cell, char *text, size_t size)
{
    size_t start = strspn(cell, " \t"), length = strlen(cell + start);
    while (length > 0 && (cell[start + length - 1] == ' ' || cell[start + length - 1] == '\t'))
        length--;
    if (length >= size)
        length = size - 1;
    memcpy(text, cell + start, length);
    text[length] = '\0';
    return text;
}

/* Messages quote a cell up to QUOTED_BYTES bytes, then "...": the cell itself may be long. */
enum { QUOTED_BYTES = 40 };

static const char *cut_mark(const char *text)
{
    return strlen(text) > QUOTED_BYTES ? "..." : "";
}

/* How many digits the cell's whole number has (after an optional minus); 0 when the cell is
 * not a whole number. */
static size_t integer_digits(const char *text)
{
    const char *digits = text + (text[0] == '-');
    size_t count = strspn(digits, "0123456789");
    return digits[count] == '\0' ? count : 0;
}

static json *integer_cell(importer *im, const csv_row *row, int column, const char *text)
{
    size_t digits = integer_digits(text);
    if (digits > 0 && digits <= MAX_INTEGER_DIGITS)
        return json_new_number((double)strtol(text, NULL, 10));
    if (digits > 0)
        cell_error(im, row->row, column, "a whole number too large: at most %d digits (got "
                                         "\"%.*s%s\")", MAX_INTEGER_DIGITS, QUOTED_BYTES, text,
                   cut_mark(text));
    else
        cell_error(im, row->row, column, "must be a whole number (got \"%.*s%s\")", QUOTED_BYTES,
                   text, cut_mark(text));
    return NULL;
}

static json *boolean_cell(importer *im, const csv_row *row, int column, const char *text)
{
    if (strcasecmp(text, "true") == 0 || strcasecmp(text, "false") == 0)
        return json_new_bool(strcasecmp(text, "true") == 0);
    cell_error(im, row->row, column, "must be true or false (got \"%.*s%s\")", QUOTED_BYTES,
               text, cut_mark(text));
    return NULL;
}

/* A date cell: an ISO date within the range every reader accepts. A cell of another shape was
 * most likely reformatted by a spreadsheet, and the message says so. */
static json *date_cell(importer *im, const csv_row *row, int column, const char *text)
{
    day_t day;
    if (date_parse(text, &day))
        return json_new_text(text);
    bool iso_shape = strlen(text) == 10 && strspn(text, "0123456789-") == 10 &&
                     text[4] == '-' && text[7] == '-';
    cell_error(im, row->row, column,
               "must be a date YYYY-MM-DD from %d-01-01 to %d-12-31 (got \"%.*s%s\"%s)",
               DATE_FIRST_YEAR, DATE_LAST_YEAR, QUOTED_BYTES, text, cut_mark(text),
               iso_shape ? "" : "; a spreadsheet may have reformatted it: format the column "
                                "as text");
    return NULL;
}

/* Cuts the spaces and tabs around text, in place. */
static char *trim_in_place(char *text)
{
    char *start = text + strspn(text, " \t");
    size_t length = strlen(start);
    while (length > 0 && (start[length - 1] == ' ' || start[length - 1] == '\t'))
        length--;
    start[length] = '\0';
    return start;
}

/* A text cell holds no control character (a line break, a terminal escape) and no
 * bidirectional control: the scenario loader's rule for ids and names, told by row and column
 * here. False (reported) when it does. */
static bool cell_text_allowed(importer *im, const csv_row *row, int column)
{
    char what[96];
    utf8_finding found = utf8_check_text(row->cells[column]);
    if (found.problem != UTF8_FINE)
        cell_error(im, row->row, column, "must not hold %s", utf8_describe(found, what));
    return found.problem == UTF8_FINE;
}

/* "a; b;c" → ["a", "b", "c"]: items trimmed, empty items left out (a cell of only ";" is then
 * an empty list, which import_row leaves out as it does an empty cell). */
static json *list_cell(importer *im, const char *cell)
{
    json *list = json_new_array();
    char *copy = strdup(cell);
    bool ok = list && copy;
    for (char *item = copy, *end = NULL; ok && item; item = end ? end + 1 : NULL) {
        end = strchr(item, ';');
        if (end)
            *end = '\0';
        item = trim_in_place(item);
        ok = !item[0] || json_put(list, NULL, json_new_text(item));
    }
    free(copy);
    if (!ok) {
        json_free(list);
        im->out_of_memory = true;
        return NULL;
    }
    return list;
}

static json *text_cell(importer *im, const char *cell)
{
    char *copy = strdup(cell);
    json *value = copy ? json_new_text(trim_in_place(copy)) : NULL;
    free(copy);
    if (!value)
        im->out_of_memory = true;
    return value;
}

/* The cell's JSON value, NULL when it is wrong (reported) or out of memory. Spaces around a
 * value are typing slips, never data: they are cut. */
static json *cell_value(importer *im, const csv_row *row, int column, cell_type type)
{
    const char *cell = row->cells[column];
    char text[256];
    trimmed(cell, text, sizeof text);
    if ((type == CELL_TEXT || type == CELL_LIST) && !cell_text_allowed(im, row, column))
        return NULL;
    switch (type) {
    case CELL_TEXT:
        return text_cell(im, cell);
    case CELL_INTEGER:
        return integer_cell(im, row, column, text);
    case CELL_BOOLEAN:
        return boolean_cell(im, row, column, text);
    case CELL_DATE:
        return date_cell(im, row, column, text);
    case CELL_LIST:
        return list_cell(im, cell);
    }
    return NULL;
}

static json *import_row(importer *im, const csv_row *row, int header_count)
{
    json *record = json_new_object();
    if (!record) {
        im->out_of_memory = true;
        return NULL;
    }
    for (int c = header_count; c < row->count; c++)
        if (!csv_blank(row->cells[c]))
            cell_error(im, row->row, c, "a value beyond the last column of the header row");
    for (int k = 0; k < im->columns.count; k++) {
        const field_spec *field = im->columns.field[k];
        int column = im->file_column[k];
        bool blank = column < 0 || column >= row->count || csv_blank(row->cells[column]);
        if (blank && field->required && column >= 0)
            cell_error(im, row->row, column, "required, but the cell is empty");
        if (blank)
            continue;
        json *value = cell_value(im, row, column, cell_type_of(field));
        if (value && cell_type_of(field) == CELL_LIST && json_count(value) == 0) {
            json_free(value); /* no item: as an empty cell, so that export gives the cell back */
            continue;
        }
        if (value && !json_put(record, field->name, value))
            im->out_of_memory = true;
    }
    return record;
}

/* The index of the column of that name, case aside, or -1. */
static int find_column(const column_list *columns, const char *name)
{
    for (int k = 0; k < columns->count; k++)
        if (strcasecmp(columns->field[k]->name, name) == 0)
            return k;
    return -1;
}

/* Maps the header's columns to the members; unknown and unnamed columns are warned about. */
static void read_header(importer *im, const csv_row *header)
{
    for (int k = 0; k < MAX_COLUMNS; k++)
        im->file_column[k] = -1;
    for (int c = 0; c < header->count; c++) {
        char name[256], letter[8];
        trimmed(header->cells[c], name, sizeof name);
        csv_column_name(c, letter);
        int k = find_column(&im->columns, name);
        if (k >= 0 && im->file_column[k] >= 0)
            cell_error(im, header->row, c, "a second column of that name");
        else if (k >= 0)
            im->file_column[k] = c;
        else if (name[0])
            diag_add(im->diags, LOGIS_WARNING, im->path, 0, 0, NULL,
                     "column %s (\"%.60s\") is not a member of %s: left out", letter, name,
                     kind_name(im->kind));
    }
    for (int k = 0; k < im->columns.count; k++)
        if (im->columns.field[k]->required && im->file_column[k] < 0) {
            diag_add(im->diags, LOGIS_ERROR, im->path, 0, 0, NULL,
                     "the header row (row %d) has no \"%s\" column, which is required",
                     header->row, im->columns.field[k]->name);
            im->failed = true;
        }
}

/* The JSON array of the table's records, each written as soon as it is read (a tree of a
 * million records would hold about half a gigabyte); NULL when a cell failed or memory ran
 * out. */
static char *import_table(importer *im, const csv_table *table)
{
    json_writer w = {0};
    json_write_array(&w, NULL);
    im->header = &table->rows[0];
    read_header(im, im->header);
    for (int r = 1; r < table->count && !diag_full(im->diags) && !im->out_of_memory; r++) {
        json *record = import_row(im, &table->rows[r], table->rows[0].count);
        if (record && !im->failed)
            json_write_value(&w, NULL, record);
        json_free(record);
    }
    json_write_end(&w);
    char *text = json_writer_finish(&w);
    im->out_of_memory |= !im->failed && !text;
    if (im->failed || im->out_of_memory) {
        free(text);
        return NULL;
    }
    return text;
}

logis_status logis_csv_to_json_with(logis_record_kind kind, const char *csv_path,
                                    const logis_load_options *options, char **json_text,
                                    logis_diagnostics *diags)
{
    importer im = {.path = csv_path, .kind = kind, .columns = columns_of(kind), .diags = diags};
    size_t max_bytes = options && options->max_input_bytes ? options->max_input_bytes
                                                           : TEXTFILE_MAX_DEFAULT;
    text_encoding encoding = options && options->encoding == LOGIS_WINDOWS_1252
                                 ? TEXT_WINDOWS_1252
                                 : TEXT_UTF8;
    if (kind == LOGIS_SCORES)
        return scores_csv_to_json(csv_path, max_bytes, encoding, json_text, diags);
    char *text = NULL;
    size_t length = 0;
    csv_table table = {0};
    *json_text = NULL;
    logis_status read =
        textfile_read_spreadsheet(csv_path, max_bytes, encoding, &text, &length, diags);
    if (read == LOGIS_OK)
        read = csv_parse(csv_path, text, length, &table, diags);
    if (read != LOGIS_OK) {
        im.failed = true;
        goto done;
    }
    if (table.count == 0) {
        diag_add(diags, LOGIS_ERROR, csv_path, 0, 0, NULL, "no header row: every row is blank");
        im.failed = true;
        goto done;
    }
    *json_text = import_table(&im, &table);
done:
    csv_table_free(&table);
    free(text);
    if (im.out_of_memory)
        diag_add(diags, LOGIS_ERROR, csv_path, 0, 0, NULL, "out of memory");
    if (read == LOGIS_E_NOMEM) /* reported as it happened */
        return LOGIS_E_NOMEM;
    return im.out_of_memory ? LOGIS_E_NOMEM : im.failed ? LOGIS_E_INPUT : LOGIS_OK;
}

logis_status logis_csv_to_json(logis_record_kind kind, const char *csv_path, char **json_text,
                               logis_diagnostics *diags)
{
    return logis_csv_to_json_with(kind, csv_path, NULL, json_text, diags);
}

/* ==== JSON → CSV ==== */

typedef struct {
    const char *name;  /* borrowed from the document */
    int first, more;   /* index of the first record that has it; how many others do */
} unknown_member;

typedef struct {
    const char *file;   /* the file the records are in */
    const char *prefix; /* JSON Pointer of the array in that file: "" or "/dwellings" */
    logis_record_kind kind;
    column_list columns;
    logis_diagnostics *diags;
    logis_load_options options; /* how the files are read: size limit, files outside */
    bool failed;
    bool out_of_memory; /* reading a file ran out of it (reported) */
    unknown_member unknowns[MAX_WARNED_MEMBERS];
    int unknown_count;
} exporter;

static void member_error(exporter *ex, int index, const char *key, const char *format, ...)
    __attribute__((format(printf, 4, 5)));

static void member_error(exporter *ex, int index, const char *key, const char *format, ...)
{
    char pointer[300];
    snprintf(pointer, sizeof pointer, "%s/%d%s%s", ex->prefix, index, key ? "/" : "",
             key ? key : "");
    va_list args;
    va_start(args, format);
    diag_vadd(ex->diags, &(diag_place){LOGIS_ERROR, .file = ex->file, .pointer = pointer},
              format, args);
    va_end(args);
    ex->failed = true;
}

/* Text the scenario loader accepts: no control or bidirectional character. False (reported)
 * when it has one. */
static bool text_allowed(exporter *ex, const char *text, int index, const char *key)
{
    char what[96];
    utf8_finding found = utf8_check_text(text);
    if (found.problem != UTF8_FINE)
        member_error(ex, index, key, "must not hold %s", utf8_describe(found, what));
    return found.problem == UTF8_FINE;
}

/* Text that import gives back the same: not empty, no spaces around it. */
static bool text_keeps(const char *text)
{
    size_t length = strlen(text);
    return length > 0 && !isspace((unsigned char)text[0]) &&
           !isspace((unsigned char)text[length - 1]);
}

static void export_text(exporter *ex, csv_writer *w, const json *value, int index,
                        const char *key)
{
    const char *text = json_string(value);
    if (!text)
        member_error(ex, index, key, "must be a string (got %s)", json_kind(value));
    else if (!text_keeps(text))
        member_error(ex, index, key, "an empty text, or spaces around it, would not come back "
                                     "the same from CSV");
    else
        text_allowed(ex, text, index, key);
    csv_text(w, text ? text : "");
}

static void export_integer(exporter *ex, csv_writer *w, const json *value, int index,
                           const char *key)
{
    double number = json_number(value);
    bool whole = isfinite(number) && number == floor(number) && fabs(number) < 1e9;
    if (!whole)
        member_error(ex, index, key, "must be a whole number (got %s)", json_kind(value));
    csv_integer(w, whole ? (long)number : 0);
}

static void export_boolean(exporter *ex, csv_writer *w, const json *value, int index,
                           const char *key)
{
    if (!json_is_bool(value))
        member_error(ex, index, key, "must be true or false (got %s)", json_kind(value));
    csv_text(w, json_true(value) ? "true" : "false");
}

static void export_date(exporter *ex, csv_writer *w, const json *value, int index,
                        const char *key)
{
    const char *text = json_string(value);
    day_t day;
    if (!text || !date_parse(text, &day))
        member_error(ex, index, key, "must be a date YYYY-MM-DD");
    csv_text(w, text ? text : "");
}

/* An item that would come back the same from "a;b;c". */
static bool list_item_keeps(const char *item)
{
    return text_keeps(item) && !strchr(item, ';');
}

static void export_list(exporter *ex, csv_writer *w, const json *value, int index,
                        const char *key)
{
    textbuf joined = {0};
    int position = 0;
    if (!json_is_array(value))
        member_error(ex, index, key, "must be an array of strings (got %s)", json_kind(value));
    for (const json *item = json_first(value); item; item = json_next(item), position++) {
        const char *text = json_string(item);
        if (!text || !list_item_keeps(text))
            member_error(ex, index, key,
                         "item %d must be a non-empty string without ';' or spaces around it",
                         position);
        else
            text_allowed(ex, text, index, key);
        textbuf_printf(&joined, "%s%s", position ? ";" : "", text ? text : "");
    }
    csv_text(w, joined.text && !joined.failed ? joined.text : "");
    w->text.failed |= joined.failed;
    textbuf_discard(&joined);
}

static void note_unknown(exporter *ex, const char *name, int index)
{
    for (int i = 0; i < ex->unknown_count; i++)
        if (strcmp(ex->unknowns[i].name, name) == 0) {
            ex->unknowns[i].more++;
            return;
        }
    if (ex->unknown_count < MAX_WARNED_MEMBERS)
        ex->unknowns[ex->unknown_count++] = (unknown_member){name, index, 0};
}

/* Appends name to pointer as an RFC 6901 reference token (~ and / escaped). */
static void pointer_append(char *pointer, size_t size, const char *name)
{
    size_t at = strlen(pointer);
    for (const char *c = name; *c && at + 3 < size; c++) {
        if (*c == '~' || *c == '/') {
            pointer[at++] = '~';
            pointer[at++] = *c == '~' ? '0' : '1';
        } else {
            pointer[at++] = *c;
        }
    }
    pointer[at] = '\0';
}

static void warn_unknowns(exporter *ex)
{
    for (int i = 0; i < ex->unknown_count; i++) {
        const unknown_member *u = &ex->unknowns[i];
        char pointer[400];
        snprintf(pointer, sizeof pointer, "%s/%d/", ex->prefix, u->first);
        pointer_append(pointer, sizeof pointer, u->name);
        if (u->more)
            diag_add(ex->diags, LOGIS_WARNING, ex->file, 0, 0, pointer,
                     "not a column of the CSV: left out (also in %d more %s)", u->more,
                     kind_name(ex->kind));
        else
            diag_add(ex->diags, LOGIS_WARNING, ex->file, 0, 0, pointer,
                     "not a column of the CSV: left out");
    }
}


static bool is_column(const column_list *columns, const char *name)
{
    for (int k = 0; k < columns->count; k++)
        if (strcmp(columns->field[k]->name, name) == 0)
            return true;
    return false;
}

static void export_record(exporter *ex, csv_writer *w, const json *record, int index)
{
    typedef void (*cell_writer)(exporter *, csv_writer *, const json *, int, const char *);
    static const cell_writer writers[] = {
        [CELL_TEXT] = export_text,      [CELL_INTEGER] = export_integer,
        [CELL_BOOLEAN] = export_boolean, [CELL_DATE] = export_date,
        [CELL_LIST] = export_list};
    if (!json_is_object(record)) {
        member_error(ex, index, NULL, "must be an object (got %s)", json_kind(record));
        return;
    }
    for (const json *m = json_first(record); m; m = json_next(m))
        if (!is_column(&ex->columns, json_key(m)))
            note_unknown(ex, json_key(m), index);
    for (int k = 0; k < ex->columns.count; k++) {
        const field_spec *field = ex->columns.field[k];
        const json *value = json_member(record, field->name);
        if (value)
            writers[cell_type_of(field)](ex, w, value, index, field->name);
        else
            csv_empty(w);
    }
    csv_end_row(w);
}

static char *export_array(exporter *ex, const json *array)
{
    csv_writer w = {0};
    csv_start(&w);
    for (int k = 0; k < ex->columns.count; k++)
        csv_text(&w, ex->columns.field[k]->name);
    csv_end_row(&w);
    int index = 0;
    for (const json *record = json_first(array); record && !diag_full(ex->diags);
         record = json_next(record), index++)
        export_record(ex, &w, record, index);
    warn_unknowns(ex);
    if (ex->failed) {
        textbuf_discard(&w.text);
        return NULL;
    }
    return csv_finish(&w);
}

static json *read_json_file(exporter *ex, const char *path)
{
    char *text = NULL;
    size_t length = 0;
    json *document = NULL;
    logis_status status = textfile_read(path, ex->options.max_input_bytes, &text, &length,
                                        ex->diags);
    if (status == LOGIS_OK)
        status = textfile_parse_json(path, text, length, &document, ex->diags);
    ex->out_of_memory |= status == LOGIS_E_NOMEM;
    free(text);
    return document;
}

/* The array file a scenario names, read as the scenario loader reads it: from the scenario's
 * folder, and refused outside it unless allow_outside. NULL when refused or unreadable
 * (reported), or out of memory. */
static json *read_named_file(exporter *ex, const char *path, const char *written)
{
    path_place place = ex->options.allow_outside ? PATH_INSIDE
                                                 : path_place_beside(path, ex->file);
    if (place == PATH_OUTSIDE)
        path_refuse_outside(ex->diags, ex->file,
                            ex->kind == LOGIS_HOUSEHOLDS ? "/households" : "/dwellings",
                            written);
    return place == PATH_INSIDE ? read_json_file(ex, path) : NULL;
}

/* The array to export: the document itself, or the scenario's member (inline, or read from the
 * file it names into *named, whose path goes to *named_path). NULL when there is none
 * (reported). */
static const json *find_records(exporter *ex, const json *root, json **named, char **named_path)
{
    const char *key = kind_name(ex->kind);
    const json *member = json_is_object(root) ? json_member(root, key) : root;
    if (json_is_object(root) && json_is_string(member)) {
        *named_path = path_beside(ex->file, json_string(member));
        *named = *named_path ? read_named_file(ex, *named_path, json_string(member)) : NULL;
        if (!*named)
            return NULL;
        ex->file = *named_path;
        member = *named;
    } else if (json_is_object(root)) {
        ex->prefix = ex->kind == LOGIS_HOUSEHOLDS ? "/households" : "/dwellings";
    }
    if (json_is_array(member))
        return member;
    diag_add(ex->diags, LOGIS_ERROR, ex->file, 0, 0, ex->prefix,
             member ? "must be an array of %s, or the path of a file holding one (got %s)"
                    : "expected a scenario with %s, or an array of them%s",
             key, member ? json_kind(member) : "");
    return NULL;
}

/* Notes the file a member names (a string: the path of its records) among the inputs. */
static void note_named_file(exporter *ex, const json *member)
{
    if (!json_is_string(member))
        return;
    char *path = path_beside(ex->file, json_string(member));
    if (!ex->out_of_memory && (!path || !diag_note_input(ex->diags, path))) {
        diag_add(ex->diags, LOGIS_ERROR, ex->file, 0, 0, NULL, "out of memory");
        ex->out_of_memory = true;
    }
    free(path);
}

/* Every file a scenario names is one of its inputs, read now or not (logis export dwellings
 * does not read the households' list): noted so that the caller's output spares them all. */
static void note_named_files(exporter *ex, const json *root)
{
    if (!json_is_object(root))
        return;
    for (const field_spec *field = scenario_fields; field->name; field++)
        if (field->type == FIELD_RECORDS)
            note_named_file(ex, json_member(root, field->name));
    const json *forecast = json_member(root, scenario_fields[SCENARIO_FORECAST].name);
    if (json_is_object(forecast))
        note_named_file(ex, json_member(forecast, forecast_fields[0].name));
}

static logis_status export_file(logis_record_kind kind, const char *json_path,
                                const logis_load_options *options, char **csv_text,
                                logis_diagnostics *diags)
{
    exporter ex = {.file = json_path, .prefix = "", .kind = kind, .columns = columns_of(kind),
                   .diags = diags, .options = *options};
    if (ex.options.max_input_bytes == 0)
        ex.options.max_input_bytes = TEXTFILE_MAX_DEFAULT;
    json *named = NULL;
    char *named_path = NULL;
    size_t errors_before = logis_diagnostics_errors(diags);
    json *root = read_json_file(&ex, json_path);
    note_named_files(&ex, root);
    const json *array = root && !ex.out_of_memory ? find_records(&ex, root, &named, &named_path)
                                                   : NULL;
    if (array)
        *csv_text = export_array(&ex, array);
    bool input_error = logis_diagnostics_errors(diags) > errors_before || ex.failed;
    json_free(named);
    free(named_path);
    json_free(root);
    if (ex.out_of_memory) /* reported as it happened */
        return LOGIS_E_NOMEM;
    if (*csv_text || input_error)
        return *csv_text ? LOGIS_OK : LOGIS_E_INPUT;
    diag_add(diags, LOGIS_ERROR, json_path, 0, 0, NULL, "out of memory");
    return LOGIS_E_NOMEM;
}

/* The scores live in households, in a list or in a CSV file: the scenario is loaded (as plan
 * loads it) to gather them. */
static logis_status export_scores(const char *path, const logis_load_options *options,
                                  char **csv_text, logis_diagnostics *diags)
{
    logis_scenario *s = NULL;
    logis_status status = logis_scenario_load_with(path, options, &s, diags);
    if (status == LOGIS_OK) {
        *csv_text = scores_to_csv(s);
        status = *csv_text ? LOGIS_OK : LOGIS_E_NOMEM;
    }
    logis_scenario_free(s);
    return status;
}

logis_status logis_json_to_csv_with(logis_record_kind kind, const char *json_path,
                                    const logis_load_options *options, char **csv_text,
                                    logis_diagnostics *diags)
{
    /* Errors are told apart from a lack of memory by counting them: keep a list when the caller
     * gave none. */
    logis_diagnostics *own = diags ? NULL : logis_diagnostics_new();
    logis_load_options defaults;
    logis_load_options_init(&defaults);
    logis_status status = LOGIS_E_NOMEM;
    *csv_text = NULL;
    if (kind == LOGIS_SCORES) {
        logis_diagnostics_free(own);
        return export_scores(json_path, options, csv_text, diags);
    }
    if (diags || own)
        status = export_file(kind, json_path, options ? options : &defaults, csv_text,
                             diags ? diags : own);
    logis_diagnostics_free(own);
    return status;
}

logis_status logis_json_to_csv(logis_record_kind kind, const char *json_path, char **csv_text,
                               logis_diagnostics *diags)
{
    return logis_json_to_csv_with(kind, json_path, NULL, csv_text, diags);
}
