/* RFC 4180 CSV: the writer behind the report files and `logis export`, and the reader behind
 * `logis import`, which keeps the spreadsheet's row numbers for messages. */
#include "base/csv.h"

#include "base/array.h"
#include "base/diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- writing ---- */

void csv_start(csv_writer *w)
{
    textbuf_puts(&w->text, "\xEF\xBB\xBF");
    w->column = 0;
}

static void separate(csv_writer *w)
{
    if (w->column++ > 0)
        textbuf_puts(&w->text, ",");
}

/* Text that a spreadsheet would run as a formula: it starts with =, +, -, @, tab or CR (OWASP's
 * list). Apostrophes before such a start count too, so that the reader, which takes off one,
 * gives back a text that had its own. */
static bool looks_like_formula(const char *text)
{
    char first = text[strspn(text, "'")];
    return first != '\0' && strchr("=+-@\t\r", first) != NULL;
}

void csv_text(csv_writer *w, const char *value)
{
    separate(w);
    const char *guard = looks_like_formula(value) ? "'" : "";
    if (!strpbrk(value, ",\"\r\n")) {
        textbuf_puts(&w->text, guard);
        textbuf_puts(&w->text, value);
        return;
    }
    textbuf_puts(&w->text, "\"");
    textbuf_puts(&w->text, guard);
    for (const char *quote; (quote = strchr(value, '"')) != NULL; value = quote + 1) {
        textbuf_add(&w->text, value, (size_t)(quote - value));
        textbuf_puts(&w->text, "\"\"");
    }
    textbuf_puts(&w->text, value);
    textbuf_puts(&w->text, "\"");
}

void csv_integer(csv_writer *w, long value)
{
    separate(w);
    textbuf_printf(&w->text, "%ld", value);
}

void csv_decimal(csv_writer *w, double value, int decimals)
{
    separate(w);
    /* printf follows LC_NUMERIC, which the library never changes: logis leaves it "C". */
    textbuf_printf(&w->text, "%.*f", decimals, value);
}

void csv_date(csv_writer *w, day_t day)
{
    char text[DATE_TEXT_SIZE];
    date_format(day, text);
    csv_text(w, text);
}

void csv_empty(csv_writer *w)
{
    separate(w);
}

void csv_end_row(csv_writer *w)
{
    textbuf_puts(&w->text, "\r\n");
    w->column = 0;
}

void csv_cells(csv_writer *w, const char *const *cells)
{
    for (int k = 0; cells[k]; k++)
        csv_text(w, cells[k]);
    csv_end_row(w);
}

char *csv_finish(csv_writer *w)
{
    return textbuf_finish(&w->text);
}

/* ---- reading ---- */

typedef struct {
    const char *path, *text;
    size_t length, at;
    char separator;
    int line;          /* of the byte at `at`, from 1 */
    size_t line_start; /* offset of that line's first byte */
    textbuf cell;      /* the cell being read */
    textbuf kept;      /* the row's cells so far, each NUL-terminated */
    size_t offsets[CSV_MAX_CELLS]; /* of each kept cell in `kept` */
    int count;         /* cells kept in the row: up to its last one that is not blank */
    int blanks;        /* blank cells read since the last kept one: kept only if one follows */
    size_t blank_start; /* where the first of them is in `kept` */
    size_t rows_capacity;
    int next_row;      /* the spreadsheet row number of the row being read */
    csv_table *table;
    logis_diagnostics *diags;
    bool out_of_memory;
} csv_reader;

/* A byte of the text with its line: its column is counted only for a message (counting it for
 * every cell would make a long line cost its length squared). */
typedef struct {
    int line;
    size_t line_start, offset;
} csv_place;

static csv_place here(const csv_reader *r)
{
    return (csv_place){r->line, r->line_start, r->at};
}

/* Reports the message at place, its column counted in characters (UTF-8) as editors do.
 * Returns false. */
static bool syntax_error(csv_reader *r, csv_place place, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static bool syntax_error(csv_reader *r, csv_place place, const char *format, ...)
{
    int column = 1;
    for (size_t i = place.line_start; i < place.offset; i++)
        column += ((unsigned char)r->text[i] & 0xC0) != 0x80;
    va_list args;
    va_start(args, format);
    diag_vadd(r->diags,
              &(diag_place){LOGIS_ERROR, .file = r->path, .line = place.line, .column = column},
              format, args);
    va_end(args);
    return false;
}

/* Steps over one byte, keeping the line count. */
static void advance(csv_reader *r)
{
    if (r->text[r->at] == '\n' ||
        (r->text[r->at] == '\r' && (r->at + 1 >= r->length || r->text[r->at + 1] != '\n'))) {
        r->line++;
        r->line_start = r->at + 1;
    }
    r->at++;
}

static bool at_cell_end(const csv_reader *r)
{
    if (r->at >= r->length)
        return true;
    char c = r->text[r->at];
    return c == r->separator || c == '\r' || c == '\n';
}

static bool cell_too_long(csv_reader *r, csv_place place)
{
    return syntax_error(r, place, "a cell longer than %d bytes", CSV_MAX_CELL_BYTES);
}

static bool read_quoted(csv_reader *r)
{
    csv_place opening = here(r);
    advance(r);
    for (;;) {
        if (r->at >= r->length)
            return syntax_error(r, opening, "this quoted cell never ends (no closing \")");
        if (r->cell.length >= CSV_MAX_CELL_BYTES)
            return cell_too_long(r, opening);
        char c = r->text[r->at];
        if (c == '"' && r->at + 1 < r->length && r->text[r->at + 1] == '"') {
            textbuf_puts(&r->cell, "\"");
            r->at += 2;
        } else if (c == '"') {
            advance(r);
            break;
        } else {
            textbuf_add(&r->cell, &c, 1);
            advance(r);
        }
    }
    if (at_cell_end(r))
        return true;
    return syntax_error(r, here(r),
                        "expected a separator or the end of the row after a closing quote");
}

static bool read_plain(csv_reader *r)
{
    csv_place start = here(r);
    while (!at_cell_end(r))
        r->at++;
    if (r->at - start.offset > CSV_MAX_CELL_BYTES)
        return cell_too_long(r, start);
    textbuf_add(&r->cell, r->text + start.offset, r->at - start.offset);
    return true;
}

/* The cell as it was before the writer neutralised it: without the one apostrophe put before a
 * would-be formula. */
static const char *unguarded(const char *cell)
{
    return cell[0] == '\'' && looks_like_formula(cell + 1) ? cell + 1 : cell;
}

/* Counts the blank cells read since the last cell kept as kept, a cell that is not blank
 * following them: their texts are in `kept` from blank_start on. */
static void keep_blanks(csv_reader *r)
{
    for (size_t at = r->blank_start; r->blanks > 0; r->blanks--) {
        r->offsets[r->count++] = at;
        at += strlen(r->kept.text + at) + 1;
    }
}

/* A blank cell is only counted: it is kept when a cell that is not blank follows, and its text
 * only while that could still fit CSV_MAX_CELLS (a row of a million separators costs nothing). */
static void note_blank(csv_reader *r, const char *cell)
{
    if (r->blanks == 0)
        r->blank_start = r->kept.length;
    if (r->count + r->blanks < CSV_MAX_CELLS)
        textbuf_add(&r->kept, cell, strlen(cell) + 1);
    r->blanks++;
}

/* A cell that is not blank, kept after the blank ones before it; false past CSV_MAX_CELLS. */
static bool keep_filled(csv_reader *r, const char *cell)
{
    if (r->count + r->blanks >= CSV_MAX_CELLS)
        return false;
    keep_blanks(r);
    r->offsets[r->count++] = r->kept.length;
    textbuf_add(&r->kept, cell, strlen(cell) + 1);
    return true;
}

/* Keeps the cell just read (it starts at start); false when out of memory or past
 * CSV_MAX_CELLS (reported). */
static bool keep_cell(csv_reader *r, csv_place start)
{
    if (r->cell.failed || r->kept.failed) {
        r->out_of_memory = true;
        return false;
    }
    const char *cell = unguarded(r->cell.text ? r->cell.text : "");
    bool ok = true;
    if (csv_blank(cell))
        note_blank(r, cell);
    else
        ok = keep_filled(r, cell);
    r->cell.length = 0;
    if (r->cell.text)
        r->cell.text[0] = '\0';
    if (!ok)
        syntax_error(r, start, "a row of more than %d cells", CSV_MAX_CELLS);
    return ok;
}

/* The kept cells as a row: one allocation holding the cell pointers, then their texts (the
 * trailing blank cells left out). */
static bool make_row(csv_reader *r, csv_row *row)
{
    size_t pointers = (size_t)r->count * sizeof(char *);
    size_t bytes = r->blanks > 0 ? r->blank_start : r->kept.length;
    char **cells = malloc(pointers + bytes);
    if (!cells)
        return false;
    char *texts = (char *)cells + pointers;
    memcpy(texts, r->kept.text, bytes);
    for (int i = 0; i < r->count; i++)
        cells[i] = texts + r->offsets[i];
    *row = (csv_row){cells, r->count, r->next_row};
    return true;
}

static bool too_many_rows(csv_reader *r)
{
    diag_add(r->diags, LOGIS_ERROR, r->path, 0, 0, NULL,
             "row %d: more than %d rows after the header row, the most records logis reads "
             "(as in a JSON array)", r->next_row, CSV_MAX_ROWS - 1);
    return false;
}

/* Appends the kept cells to the table as a row. False beyond CSV_MAX_ROWS (reported) or when
 * out of memory. */
static bool add_row(csv_reader *r)
{
    csv_table *t = r->table;
    if (t->count == CSV_MAX_ROWS)
        return too_many_rows(r);
    bool room = ARRAY_GROW(t->rows, t->count, r->rows_capacity);
    if (!room || r->kept.failed || !make_row(r, &t->rows[t->count])) {
        r->out_of_memory = true;
        return false;
    }
    t->count++;
    return true;
}

/* Ends the row just read: added to the table unless all its cells are blank. */
static bool keep_row(csv_reader *r)
{
    bool ok = r->count == 0 || add_row(r);
    r->next_row++;
    r->count = r->blanks = 0;
    r->kept.length = 0;
    return ok;
}

/* Reads one row, its line end included. */
static bool read_row(csv_reader *r)
{
    for (;;) {
        csv_place start = here(r);
        bool ok = r->at < r->length && r->text[r->at] == '"' ? read_quoted(r) : read_plain(r);
        if (!ok || !keep_cell(r, start))
            return false;
        if (r->at < r->length && r->text[r->at] == r->separator) {
            r->at++;
            continue;
        }
        if (r->at < r->length && r->text[r->at] == '\r')
            advance(r);
        if (r->at < r->length && r->text[r->at] == '\n')
            advance(r);
        return keep_row(r);
    }
}

/* ',' unless the header row has no comma outside quotes but has a ';'. */
static char detect_separator(const char *text, size_t length)
{
    bool quoted = false;
    int commas = 0, semicolons = 0;
    for (size_t i = 0; i < length; i++) {
        char c = text[i];
        if (c == '"')
            quoted = !quoted;
        else if (!quoted && (c == '\n' || c == '\r'))
            break;
        else if (!quoted && c == ',')
            commas++;
        else if (!quoted && c == ';')
            semicolons++;
    }
    return commas == 0 && semicolons > 0 ? ';' : ',';
}

logis_status csv_parse(const char *path, const char *text, size_t length, csv_table *table,
                       logis_diagnostics *diags)
{
    size_t start = length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    *table = (csv_table){0};
    csv_reader r = {.path = path, .text = text, .length = length, .at = start, .line = 1,
                    .line_start = start, .next_row = 1, .table = table, .diags = diags};
    r.separator = table->separator = detect_separator(text + start, length - start);
    bool ok = true;
    while (ok && r.at < r.length)
        ok = read_row(&r);
    if (r.out_of_memory)
        diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL, "out of memory reading the file");
    textbuf_discard(&r.cell);
    textbuf_discard(&r.kept);
    if (!ok)
        csv_table_free(table);
    table->separator = r.separator;
    return ok ? LOGIS_OK : r.out_of_memory ? LOGIS_E_NOMEM : LOGIS_E_INPUT;
}

void csv_table_free(csv_table *table)
{
    for (int i = 0; i < table->count; i++)
        free(table->rows[i].cells); /* the texts are in the same allocation */
    free(table->rows);
    *table = (csv_table){0};
}

bool csv_blank(const char *cell)
{
    return cell[strspn(cell, " \t")] == '\0';
}

void csv_column_name(int column, char *text)
{
    char reversed[8];
    int count = 0;
    for (int n = column + 1; n > 0 && count < 7; n = (n - 1) / 26)
        reversed[count++] = (char)('A' + (n - 1) % 26);
    for (int i = 0; i < count; i++)
        text[i] = reversed[count - 1 - i];
    text[count] = '\0';
}
