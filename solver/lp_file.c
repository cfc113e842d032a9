/* The level-1 model in CPLEX LP format (plan --write-lp), for other solvers: written from the
 * model's own arrays, the limits checked as it goes, and replaced whole or not at all. */
#include "solver/lp_file.h"

#include "base/fileset.h"
#include "base/textbuf.h"

#include <stdio.h>
#include <stdlib.h>

/* How many terms (or entries moved) between two looks at the limits: a row may hold thousands. */
enum { LP_CHECK_EVERY = 65536, LP_TERMS_PER_LINE = 6 };

typedef struct {
    const model *m;
    const work_limits *limits;
    textbuf out;
    int *row_start, *row_column; /* the matrix by rows, for the constraints */
    double *row_value;
    long work; /* terms written and entries moved since the limits were last looked at */
    bool stopped;
} lp_writer;

/* A model without columns still has one, fixed at 0: LP gives every row a left side. */
static void column_name(const model *m, int j, char *name, size_t size)
{
    const column *c = m->column_count > 0 ? &m->columns[j] : NULL;
    if (!c)
        snprintf(name, size, "x_none");
    else if (c->class_index < 0) /* a candidate type's closed dwellings (need) */
        snprintf(name, size, "x_closed_t%d", c->type_index);
    else
        snprintf(name, size, "x_c%d_t%d_d%d", c->class_index, c->type_index, c->start);
}

static void row_name(const row *r, char *name, size_t size)
{
    static const char *const prefixes[] = {
        [ROW_CLASS] = "class",        [ROW_OCCUPANCY] = "occupancy",
        [ROW_CASELOAD] = "caseload",  [ROW_LEVEL] = "level",
        [ROW_QUOTA_PERSONS] = "quota_persons", [ROW_QUOTA_HOUSEHOLDS] = "quota_households",
        [ROW_LINK] = "link"};
    snprintf(name, size, "%s_%d_d%d", prefixes[r->kind], r->owner, r->day);
}

/* Counts work done; true once the limits are reached (looked at every LP_CHECK_EVERY units). */
static bool must_stop(lp_writer *w, long work)
{
    w->work += work;
    if (w->work >= LP_CHECK_EVERY) {
        w->work = 0;
        w->stopped = w->stopped || work_limits_reached(w->limits);
    }
    return w->stopped;
}

/* " + 3 x_c0_t1_d2", a line break every few terms (LP lines have a length limit). */
static void add_term(lp_writer *w, double value, int j, int written)
{
    char name[64];
    column_name(w->m, j, name, sizeof name);
    if (written > 0 && written % LP_TERMS_PER_LINE == 0)
        textbuf_puts(&w->out, "\n   ");
    textbuf_printf(&w->out, " %c %.15g %s", value < 0 ? '-' : '+', value < 0 ? -value : value,
                   name);
}

static void write_objective(lp_writer *w)
{
    textbuf_puts(&w->out, "Maximize\n obj:");
    int written = 0;
    for (int j = 0; j < w->m->column_count && !must_stop(w, 1); j++)
        if (w->m->columns[j].cost[0] != 0)
            add_term(w, w->m->columns[j].cost[0], j, written++);
    if (written == 0)
        add_term(w, 0, 0, 0);
    textbuf_puts(&w->out, "\n");
}

/* The matrix by rows: counted, then filled in column order (the limits checked). False when out
 * of memory. */
static bool transpose(lp_writer *w)
{
    const model *m = w->m;
    w->row_start = calloc((size_t)m->row_count + 2, sizeof *w->row_start);
    w->row_column = malloc(((size_t)m->entry_count + 1) * sizeof *w->row_column);
    w->row_value = malloc(((size_t)m->entry_count + 1) * sizeof *w->row_value);
    bool ok = w->row_start && w->row_column && w->row_value;
    for (long e = 0; ok && e < m->entry_count; e++)
        w->row_start[m->entry_row[e] + 2]++;
    for (int i = 0; ok && i < m->row_count; i++)
        w->row_start[i + 2] += w->row_start[i + 1];
    for (int j = 0; ok && j < m->column_count && !must_stop(w, 1 + m->column_start[j + 1] -
                                                                 m->column_start[j]); j++)
        for (int k = m->column_start[j]; k < m->column_start[j + 1]; k++) {
            int at = w->row_start[m->entry_row[k] + 1]++;
            w->row_column[at] = j;
            w->row_value[at] = m->entry_value[k];
        }
    return ok;
}

/* A row with no entry is written with a zero term, which LP needs to have a left side. */
static void write_constraints(lp_writer *w)
{
    const model *m = w->m;
    textbuf_puts(&w->out, "\nSubject To\n");
    for (int i = 0; i < m->row_count && !must_stop(w, 1 + w->row_start[i + 1] - w->row_start[i]);
         i++) {
        char name[64];
        row_name(&m->rows[i], name, sizeof name);
        textbuf_printf(&w->out, " %s:", name);
        int first = w->row_start[i], last = w->row_start[i + 1];
        for (int k = first; k < last; k++)
            add_term(w, w->row_value[k], w->row_column[k], k - first);
        if (first == last)
            add_term(w, 0, 0, 0);
        textbuf_printf(&w->out, " %s %.15g\n", m->rows[i].kind == ROW_LINK ? "=" : "<=",
                       m->rows[i].upper);
    }
}

static void write_bounds_and_integers(lp_writer *w)
{
    char name[64];
    textbuf_puts(&w->out, "\nBounds\n");
    if (w->m->column_count == 0)
        textbuf_puts(&w->out, " x_none = 0\n");
    for (int j = 0; j < w->m->column_count && !must_stop(w, 1); j++) {
        column_name(w->m, j, name, sizeof name);
        textbuf_printf(&w->out, " 0 <= %s <= %.15g\n", name, w->m->columns[j].upper);
    }
    textbuf_puts(&w->out, "\nGeneral\n");
    for (int j = 0; j < w->m->column_count && !must_stop(w, 1); j++) {
        column_name(w->m, j, name, sizeof name);
        textbuf_printf(&w->out, " %s\n", name);
    }
    textbuf_puts(&w->out, "\nEnd\n"); /* after a blank line, as GLPK wrote it: the bench checks */
}

bool model_write_lp(const model *m, const char *path, const work_limits *limits, char *error,
                    size_t size, bool *out_of_memory)
{
    lp_writer w = {.m = m, .limits = limits};
    fileset files;
    fileset_begin(&files, NULL);
    textbuf_printf(&w.out, "\\* Problem: logis, %d rows, %d columns, %ld entries *\\\n\n",
                   m->row_count, m->column_count, m->entry_count);
    bool ok = transpose(&w);
    if (ok) {
        write_objective(&w);
        write_constraints(&w);
        write_bounds_and_integers(&w);
    }
    char *text = textbuf_finish(&w.out);
    if (ok && text && !w.stopped)
        fileset_add(&files, path, text);
    else
        fileset_fail(&files, LOGIS_E_NOMEM);
    logis_status status = fileset_finish(&files);
    /* the transposed matrix or the text missing is a lack of memory, as the set's own */
    *out_of_memory = !w.stopped && (!ok || !text || status == LOGIS_E_NOMEM);
    if (w.stopped)
        snprintf(error, size, "the time limit or a stop came before the LP file (%ld matrix "
                              "entries) was written", m->entry_count);
    else if (status != LOGIS_OK)
        snprintf(error, size, "cannot write the LP file %.200s%s", path,
                 *out_of_memory ? ": out of memory" : "");
    free(text);
    free(w.row_start);
    free(w.row_column);
    free(w.row_value);
    return status == LOGIS_OK;
}
