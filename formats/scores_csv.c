/* The outcome scores' CSV matrix: its cells, and `logis import scores`, which turns it into the
 * scenario's "scores" list. */
#include "formats/scores_csv.h"

#include "base/csv.h"
#include "base/diag.h"
#include "base/json.h"
#include "base/textfile.h"
#include "domain/scenario.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

bool scores_parse_cell(const char *cell, double *value)
{
    *value = 0;
    if (csv_blank(cell) || strcmp(cell, "NA") == 0)
        return true;
    /* a number as a scenario's JSON writes it: strtod alone also takes "0x10" (16), "inf",
     * "nan" and " 5" */
    if (!textfile_is_json_number(cell, strlen(cell)))
        return false;
    *value = strtod(cell, NULL);
    return scores_in_range(*value);
}

typedef struct {
    const char *path;
    logis_diagnostics *diags;
    json *list;
    bool failed, out_of_memory;
} score_import;

static void import_error(score_import *im, int row, int column, const char *message,
                         const char *cell)
{
    char name[8];
    csv_column_name(column, name);
    diag_add(im->diags, LOGIS_ERROR, im->path, row, column + 1, NULL,
             "row %d, column %s: %s \"%.60s\"", row, name, message, cell);
    im->failed = true;
}

static void add_score_item(score_import *im, const char *household_id, const char *territory_id,
                           double value)
{
    json *item = json_new_object();
    bool ok = item && json_put(item, "household", json_new_text(household_id)) &&
              json_put(item, "territory", json_new_text(territory_id)) &&
              json_put(item, "value", json_new_number(value));
    if (!ok)
        json_free(item);
    else
        ok = json_put(im->list, NULL, item); /* which frees it on failure */
    im->out_of_memory |= !ok;
}

static void import_score_row(score_import *im, const csv_row *header, const csv_row *row)
{
    if (csv_blank(row->cells[0])) {
        import_error(im, row->row, 0, "expected a household id, got", row->cells[0]);
        return;
    }
    for (int c = 1; c < row->count && !im->out_of_memory; c++) {
        double value;
        if (c >= header->count || csv_blank(header->cells[c]))
            import_error(im, row->row, c, "a score in a column with no territory id:",
                         row->cells[c]);
        else if (!scores_parse_cell(row->cells[c], &value))
            import_error(im, row->row, c, SCORES_CELL_EXPECTED, row->cells[c]);
        else if (value != 0)
            add_score_item(im, row->cells[0], header->cells[c], value);
    }
}

logis_status scores_csv_to_json(const char *path, size_t max_bytes, text_encoding encoding,
                                char **json_text, logis_diagnostics *diags)
{
    score_import im = {.path = path, .diags = diags, .list = json_new_array()};
    size_t errors_before = logis_diagnostics_errors(diags);
    char *text = NULL;
    size_t length = 0;
    csv_table table = {0};
    *json_text = NULL;
    logis_status read =
        im.list ? textfile_read_spreadsheet(path, max_bytes, encoding, &text, &length, diags)
                : LOGIS_E_NOMEM;
    if (read == LOGIS_OK)
        read = csv_parse(path, text, length, &table, diags);
    im.out_of_memory = read == LOGIS_E_NOMEM;
    im.failed = read != LOGIS_OK;
    if (!im.failed && (table.count == 0 || table.rows[0].count < 2)) {
        diag_add(diags, LOGIS_ERROR, path, 1, 1, NULL, "expected a header row: the household "
                 "id column, then one column per territory id");
        im.failed = true;
    }
    bool has_header = !im.failed; /* then every row is read, each error located */
    for (int r = 1; has_header && r < table.count && !diag_full(diags); r++)
        import_score_row(&im, &table.rows[0], &table.rows[r]);
    if (!im.failed && !im.out_of_memory)
        *json_text = json_print(im.list);
    im.out_of_memory |= !im.failed && !*json_text;
    json_free(im.list);
    csv_table_free(&table);
    free(text);
    if (im.out_of_memory)
        diag_out_of_memory(diags, errors_before, path);
    return im.out_of_memory ? LOGIS_E_NOMEM : im.failed ? LOGIS_E_INPUT : LOGIS_OK;
}

/* ---- `logis export scores`: a scenario's scores as the matrix ---- */

static void score_row(csv_writer *w, const logis_scenario *s, const household *h)
{
    csv_text(w, h->id);
    for (int t = 0; t < s->territory_count; t++)
        if (h->scores[t] == 0)
            csv_empty(w);
        else
            csv_decimal(w, h->scores[t], 6);
    csv_end_row(w);
}

char *scores_to_csv(const logis_scenario *s)
{
    csv_writer w = {0};
    csv_start(&w);
    csv_text(&w, "household");
    for (int t = 0; t < s->territory_count; t++)
        csv_text(&w, s->territories[t].id);
    csv_end_row(&w);
    for (int h = 0; h < s->household_count; h++)
        if (s->households[h].scores)
            score_row(&w, s, &s->households[h]);
    return csv_finish(&w);
}
