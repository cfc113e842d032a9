/* CSV text as RFC 4180 describes it, with what spreadsheets need: a writer (UTF-8 with a byte
 * order mark, CRLF, quoting only when needed, no formula in a text cell) shared by the reports
 * and `logis export`, and a reader for `logis import` that locates every problem by line and
 * column. */
#ifndef LOGIS_CSV_H
#define LOGIS_CSV_H

#include "base/date.h"
#include "base/limits.h"
#include "logis.h"
#include "base/textbuf.h"

#include <stdbool.h>
#include <stddef.h>

/* ---- writing ---- */

typedef struct {
    textbuf text;
    int column; /* cells written in the current row */
} csv_writer;

/* Starts a CSV text with the UTF-8 byte order mark: without it Excel reads the file in the
 * local 8-bit code page and garbles every accented letter (LibreOffice and the reader below
 * skip it). */
void csv_start(csv_writer *w);
/* One text cell, quoted when it holds a comma, a quote, CR or LF (quotes doubled inside). Text
 * that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR, also after
 * apostrophes) gets a leading apostrophe, which csv_parse takes off. Numbers go through
 * csv_integer and csv_decimal, never neutralised. */
void csv_text(csv_writer *w, const char *value);
void csv_integer(csv_writer *w, long value);
/* A number with a fixed count of decimals and a '.' as the decimal point, whatever the locale. */
void csv_decimal(csv_writer *w, double value, int decimals);
void csv_date(csv_writer *w, day_t day);
void csv_empty(csv_writer *w);
/* Ends the row with CRLF. */
void csv_end_row(csv_writer *w);
/* A whole row of text cells, from a NULL-terminated list (a header row, say). */
void csv_cells(csv_writer *w, const char *const *cells);
/* The text, the caller's to free(); NULL when out of memory. */
char *csv_finish(csv_writer *w);

/* ---- reading ---- */

enum {
    CSV_MAX_CELLS = 1024,       /* cells in a row, up to its last one that is not blank */
    CSV_MAX_CELL_BYTES = 65536, /* bytes in a cell */
    CSV_MAX_ROWS = 1 + INPUT_MAX_RECORDS /* the header and as many records as a JSON array */
};

typedef struct {
    char **cells; /* one allocation with the texts they point to */
    int count;    /* up to the last cell that is not blank */
    int row;      /* the row number a spreadsheet shows for it: the header is row 1 */
} csv_row;

typedef struct {
    csv_row *rows; /* rows[0] is the header row */
    int count;
    char separator;
} csv_table;

/* Parses CSV text read from path. A leading byte order mark is skipped; cells are separated by
 * ',' or, when the header row holds no comma but a ';', by ';' (what spreadsheets in many
 * European locales write); rows end with CRLF, LF or CR; quoted cells may hold separators,
 * doubled quotes and line breaks; a cell that is an apostrophe and a would-be formula loses the
 * apostrophe (csv_text put it there). A row ends at its last cell that is not blank (spaces and
 * tabs only); rows whose cells are all blank are left out (their row numbers still count).
 * LOGIS_E_INPUT, with a "path:line:column: ..." error in diags, on a quoted cell that never
 * ends, text after a closing quote, a row of more than CSV_MAX_CELLS cells or a cell of more
 * than CSV_MAX_CELL_BYTES bytes; with "path: row N: ..." past CSV_MAX_ROWS rows; LOGIS_E_NOMEM,
 * with a message, when out of memory. *table is then empty. */
logis_status csv_parse(const char *path, const char *text, size_t length, csv_table *table,
                       logis_diagnostics *diags);
void csv_table_free(csv_table *table);

/* True when the cell holds nothing but spaces and tabs. */
bool csv_blank(const char *cell);
/* The spreadsheet name of a column counted from 0: "A", ..., "Z", "AA", ...; text holds 8
 * bytes. */
void csv_column_name(int column, char *text);

#endif
