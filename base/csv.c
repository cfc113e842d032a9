/* RFC 4180 CSV: the writer behind the report files and `logis export`, and the reader behind
 * `logis import`, which keeps the spreadsheet's row numbers for messages. */
#include "base/csv.h"

#include "base/diag.h"

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
    textbuf cell;
    csv_row row;       /* the row being read */
    int next_row;      /* its spreadsheet row number */
    csv_table *table;
    logis_diagnostics *diags;
    bool out_of_memory;
} csv_reader;

/* Column of a byte on its line, counting characters (UTF-8) as editors do. */
static int column_at(const csv_reader *r, size_t offset)
{
    int column = 1;
    for (size_t i = r->line_start; i < offset; i++)
        column += ((unsigned char)r->text[i] & 0xC0) != 0x80;
    return column;
}

static bool syntax_error(csv_reader *r, int line, int column, const char *message)
{
    diag_add(r->diags, LOGIS_ERROR, r->path, line, column, NULL, "%s", message);
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

static bool read_quoted(csv_reader *r)
{
    int line = r->line, column = column_at(r, r->at);
    advance(r);
    for (;;) {
        if (r->at >= r->length)
            return syntax_error(r, line, column, "this quoted cell never ends (no closing \")");
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
    return syntax_error(r, r->line, column_at(r, r->at),
                        "expected a separator or the end of the row after a closing quote");
}

static void read_plain(csv_reader *r)
{
    size_t start = r->at;
    while (!at_cell_end(r))
        r->at++;
    textbuf_add(&r->cell, r->text + start, r->at - start);
}

/* The cell as it was before the writer neutralised it: without the one apostrophe put before a
 * would-be formula. */
static const char *unguarded(const char *cell)
{
    return cell[0] == '\'' && looks_like_formula(cell + 1) ? cell + 1 : cell;
}

static bool keep_cell(csv_reader *r)
{
    csv_row *row = &r->row;
    char *copy = strdup(unguarded(r->cell.text ? r->cell.text : ""));
    char **cells = copy ? realloc(row->cells, ((size_t)row->count + 1) * sizeof *cells) : NULL;
    if (r->cell.failed || !cells) {
        free(copy);
        r->out_of_memory = true;
        return false;
    }
    row->cells = cells;
    row->cells[row->count++] = copy;
    r->cell.length = 0;
    if (r->cell.text)
        r->cell.text[0] = '\0';
    return true;
}

static void free_row(csv_row *row)
{
    for (int i = 0; i < row->count; i++)
        free(row->cells[i]);
    free(row->cells);
    *row = (csv_row){0};
}

static bool row_is_blank(const csv_row *row)
{
    for (int i = 0; i < row->count; i++)
        if (!csv_blank(row->cells[i]))
            return false;
    return true;
}

/* Adds the row just read to the table, or drops it when blank. */
static bool keep_row(csv_reader *r)
{
    csv_table *t = r->table;
    r->row.row = r->next_row++;
    if (row_is_blank(&r->row)) {
        free_row(&r->row);
        return true;
    }
    csv_row *rows = realloc(t->rows, ((size_t)t->count + 1) * sizeof *rows);
    if (!rows) {
        free_row(&r->row);
        r->out_of_memory = true;
        return false;
    }
    t->rows = rows;
    t->rows[t->count++] = r->row;
    r->row = (csv_row){0};
    return true;
}

/* Reads one row, its line end included. */
static bool read_row(csv_reader *r)
{
    for (;;) {
        bool ok = true;
        if (r->at < r->length && r->text[r->at] == '"')
            ok = read_quoted(r);
        else
            read_plain(r);
        if (!ok || !keep_cell(r))
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

bool csv_parse(const char *path, const char *text, size_t length, csv_table *table,
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
    free_row(&r.row);
    textbuf_discard(&r.cell);
    if (!ok)
        csv_table_free(table);
    table->separator = r.separator;
    return ok;
}

void csv_table_free(csv_table *table)
{
    for (int i = 0; i < table->count; i++)
        free_row(&table->rows[i]);
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
