/* The Lagrangian bound of the rules' own grid of move-in dates, one multiplier per dwelling
 * type or team and day, at multipliers from a coarser grid: a bound for plans made on it. */
#include "solver/grid_bound.h"

#include "base/array.h"
#include "base/parallel.h"
#include "domain/rules.h"
#include "solver/mip.h"

#include <limits.h>
#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* The widths of the spreads tried: WIDTHS of them, from one day to about four coarse steps. */
enum { WIDTHS = 8 };

/* The limits are checked every so many classes. */
enum { STOP_CHECK_EVERY = 256 };

/* A column of the rules' grid: what the bound needs of it. */
typedef struct {
    int type, upper;
    day_t start, until, support_end;
} grid_column;

/* A class's column worth taking at the multipliers. */
typedef struct {
    double gain;
    int column;
} pick;

/* Per resource (the types' occupancy, then one caseload per territory) and day from first_day,
 * at r * stride + (day - first_day): its limit, multiplier and the multipliers' prefix sums; a
 * territory without a caseload has none and is never priced. */
struct grid_bound {
    const model *model;
    const logis_scenario *fine;
    double *coarse_dual; /* per coarse model row: the first multipliers, spread */
    mip_basis basis;     /* the coarse relaxation's, copied; no columns when none */
    int *basis_store;
    grid_column *columns;
    int column_count;
    int *class_first; /* class c's columns: class_first[c] .. class_first[c + 1] - 1 */
    double *persons;  /* per class: each household's weighted persons */
    int resource_count, stride;
    day_t first_day;
    bool *priced;
    double *limit, *y, *prefix;
    pick *picks;
    /* the column generation over the coarse model's rows: per resource, its rows (ascending
     * days) rows_of[row_first[r]] .. rows_of[row_first[r + 1]] - 1; per class, its row */
    int *row_first, *rows_of, *class_row;
    bool *in_master; /* per column */
    pick *candidates; /* per column, room for those that price out */
    double best;
    work_limits limits;
    atomic_bool quit;
    background *thread;
};

bool grid_bound_covers(const model *coarse)
{
    const logis_scenario *s = coarse->scenario;
    int order[OBJECTIVE_LEVELS];
    rule_objective_levels(s, false, order);
    return order[0] == LEVEL_PERSONS && coarse->samples == 1 && !s->potentials &&
           coarse->candidates_from == s->dwelling_count;
}

double grid_bound_bytes(double fine_columns)
{
    /* the list grows by doubling; a flag and a candidate per column for the pricing */
    return (2.0 * (double)sizeof(grid_column) + (double)sizeof(bool) + (double)sizeof(pick)) *
           fine_columns;
}

static int type_resource(int type)
{
    return type;
}

static int team_resource(const grid_bound *g, int type)
{
    const logis_scenario *s = g->model->scenario;
    int where = s->dwellings[g->model->types[type].members[0]].territory;
    return s->territories[where].caseload == NO_CASELOAD
               ? -1
               : g->model->type_count + where;
}

static bool stopped(const grid_bound *g)
{
    return atomic_load(&g->quit) || work_limits_reached(&g->limits);
}

/* Lists every class's columns on fine's grid, as model_build would make them there; false when
 * out of memory or stopped. */
static bool list_columns(grid_bound *g, const logis_scenario *fine)
{
    const model *m = g->model;
    size_t capacity = 0;
    day_t *starts = malloc((size_t)rule_max_starts(fine) * sizeof *starts);
    bool ok = starts != NULL;
    for (int c = 0; ok && c < m->class_count; c++) {
        const household *h = &fine->households[m->classes[c].members[0]];
        int start_count = rule_grid_starts(fine, h, starts);
        g->class_first[c] = g->column_count;
        ok = !stopped(g);
        for (int t = 0; ok && t < m->type_count; t++) {
            if (rule_fit(h, &fine->dwellings[m->types[t].members[0]]) != FIT_OK)
                continue;
            for (int k = 0; ok && k < start_count; k++) {
                column made;
                if (!model_column_for(fine, m, c, t, starts[k], &made))
                    continue;
                ok = g->column_count < INT_MAX && ARRAY_GROW(g->columns, g->column_count, capacity);
                if (ok)
                    g->columns[g->column_count++] =
                        (grid_column){t, (int)made.upper, made.start, made.occupied_until,
                                      made.support_end};
                g->persons[c] = made.cost[LEVEL_PERSONS];
            }
        }
    }
    g->class_first[m->class_count] = g->column_count;
    free(starts);
    return ok;
}

/* The days from the earliest move-in to the latest; the rows of later days are left out (fewer
 * constraints: a relaxation still), so each column's days end after the latest. */
static void find_days(grid_bound *g, day_t *last)
{
    g->first_day = g->column_count ? g->columns[0].start : 0;
    *last = g->first_day;
    for (int j = 0; j < g->column_count; j++) {
        const grid_column *col = &g->columns[j];
        g->first_day = col->start < g->first_day ? col->start : g->first_day;
        *last = col->start > *last ? col->start : *last;
    }
    for (int j = 0; j < g->column_count; j++) {
        grid_column *col = &g->columns[j];
        col->until = col->until > *last ? *last + 1 : col->until;
        col->support_end = col->support_end > *last ? *last + 1 : col->support_end;
    }
}

/* The arrays per resource and day, and each priced resource's limits; false when out of
 * memory. */
static bool size_resources(grid_bound *g)
{
    const model *m = g->model;
    const logis_scenario *s = m->scenario;
    day_t last;
    find_days(g, &last);
    g->stride = last - g->first_day + 2; /* the days to last, and one for the sums */
    g->resource_count = m->type_count + s->territory_count;
    size_t cells = (size_t)g->resource_count * (size_t)g->stride;
    g->priced = calloc((size_t)g->resource_count, sizeof *g->priced);
    g->limit = calloc(cells, sizeof *g->limit);
    g->y = calloc(cells, sizeof *g->y);
    g->prefix = calloc(cells, sizeof *g->prefix);
    bool ok = g->priced && g->limit && g->y && g->prefix;
    for (int r = 0; ok && r < g->resource_count; r++) {
        bool team = r >= m->type_count;
        int owner = team ? r - m->type_count : r;
        g->priced[r] = !team || s->territories[owner].caseload != NO_CASELOAD;
        if (g->priced[r])
            ok = model_day_limits(m, team ? ROW_CASELOAD : ROW_OCCUPANCY, owner, g->first_day,
                                  g->stride - 1, g->limit + (size_t)r * g->stride);
    }
    return ok;
}

/* The resource of a coarse model row that the bound prices, or -1. */
static int row_resource(const grid_bound *g, const row *r)
{
    if (r->kind == ROW_OCCUPANCY)
        return type_resource(r->owner);
    if (r->kind == ROW_CASELOAD)
        return g->model->type_count + r->owner;
    return -1;
}

/* The coarse duals as multipliers of the rules' grid: each row's spread evenly over the width
 * days up to its own. A coarse row prices the stays that hold its day; the stays of the rules'
 * grid that move in between the coarse dates would slip past it, but not past the days before:
 * measured on ×5 with a 28-day wait on a 4-day grid, widths of 1, 4 and 7 days gave bounds of
 * 16,271, 15,609 and 15,524 weighted persons (the plan 14,961). */
static void spread_duals(grid_bound *g, const double *coarse_dual, int width)
{
    const model *m = g->model;
    memset(g->y, 0, (size_t)g->resource_count * g->stride * sizeof *g->y);
    for (int i = 0; i < m->row_count; i++) {
        int r = row_resource(g, &m->rows[i]);
        if (r < 0 || coarse_dual[i] <= 0)
            continue;
        for (day_t d = m->rows[i].day - width + 1; d <= m->rows[i].day; d++)
            if (d >= g->first_day && d - g->first_day < g->stride - 1)
                g->y[(size_t)r * g->stride + (size_t)(d - g->first_day)] +=
                    coarse_dual[i] / width;
    }
}

static void sum_prefixes(grid_bound *g)
{
    for (int r = 0; r < g->resource_count; r++) {
        double *y = g->y + (size_t)r * g->stride, *prefix = g->prefix + (size_t)r * g->stride;
        prefix[0] = 0.0;
        for (int d = 0; d + 1 < g->stride; d++)
            prefix[d + 1] = prefix[d] + y[d];
    }
}

/* What the multipliers charge a resource between two days. */
static double charged(const grid_bound *g, int r, day_t from, day_t until)
{
    const double *prefix = g->prefix + (size_t)r * g->stride;
    return prefix[until - g->first_day] - prefix[from - g->first_day];
}

static int compare_picks(const void *a, const void *b)
{
    double x = ((const pick *)a)->gain, y = ((const pick *)b)->gain;
    return (x < y) - (x > y);
}

/* What a household of class c takes of a dwelling of the type: its persons when shared. */
static double places_taken(const grid_bound *g, int c, int type)
{
    const logis_scenario *s = g->model->scenario;
    const dwelling *d = &s->dwellings[g->model->types[type].members[0]];
    return d->shared ? s->households[g->model->classes[c].members[0]].size : 1.0;
}

/* A column's gain at the multipliers: its persons less what its resources charge. */
static double column_gain(const grid_bound *g, int c, const grid_column *col)
{
    double gain = g->persons[c] - places_taken(g, c, col->type) *
                                      charged(g, type_resource(col->type), col->start,
                                              col->until);
    int team = team_resource(g, col->type);
    return team < 0 ? gain : gain - charged(g, team, col->start, col->support_end);
}

/* The class's best use of its count at the multipliers: its best columns, each up to its upper
 * bound. */
static double best_of_class(grid_bound *g, int c)
{
    int count = 0;
    long room = 0;
    for (int j = g->class_first[c]; j < g->class_first[c + 1]; j++) {
        double gain = column_gain(g, c, &g->columns[j]);
        if (gain > 0) {
            g->picks[count++] = (pick){gain, j};
            room += g->columns[j].upper;
        }
    }
    int left = g->model->classes[c].count;
    if (room > left)
        qsort(g->picks, (size_t)count, sizeof *g->picks, compare_picks);
    double worth = 0.0;
    for (int k = 0; k < count && left > 0; k++) {
        int upper = g->columns[g->picks[k].column].upper;
        int units = upper < left ? upper : left;
        worth += units * g->picks[k].gain;
        left -= units;
    }
    return worth;
}

/* The Lagrangian bound at the multipliers: what the limits charge, and what each class gains at
 * its best (the class rows stay constraints). A true bound for any multipliers >= 0; NaN when
 * the limits end it first. */
static double bound_here(grid_bound *g)
{
    size_t cells = (size_t)g->resource_count * g->stride;
    double bound = 0.0;
    sum_prefixes(g);
    for (size_t i = 0; i < cells; i++)
        bound += g->y[i] * g->limit[i];
    for (int c = 0; c < g->model->class_count; c++) {
        if (c % STOP_CHECK_EVERY == 0 && stopped(g))
            return NAN;
        bound += best_of_class(g, c);
    }
    return bound;
}

/* The least bound over the spreads' widths, kept in g->best as each is found. */
static void try_widths(grid_bound *g)
{
    int step = g->model->scenario->rules.start_step_days, jump = (step + 1) / 2;
    for (int k = 0; k < WIDTHS && !stopped(g); k++) {
        spread_duals(g, g->coarse_dual, 1 + k * jump);
        double value = bound_here(g);
        if (value < g->best)
            g->best = value;
    }
}

static void grid_bound_free(grid_bound *g)
{
    free(g->columns);
    free(g->class_first);
    free(g->persons);
    free(g->priced);
    free(g->limit);
    free(g->y);
    free(g->prefix);
    free(g->picks);
    free(g->row_first);
    free(g->rows_of);
    free(g->class_row);
    free(g->in_master);
    free(g->candidates);
    free(g->coarse_dual);
    free(g->basis_store);
    free(g);
}

/* ---- the rules' grid's columns over the coarse model's rows ---- */

/* The coarse model's rows by resource, in its order (ascending days), and each class's row;
 * false when out of memory. */
static bool index_rows(grid_bound *g)
{
    const model *m = g->model;
    g->row_first = calloc((size_t)g->resource_count + 2, sizeof *g->row_first);
    g->rows_of = malloc(((size_t)m->row_count + 1) * sizeof *g->rows_of);
    g->class_row = malloc(((size_t)m->class_count + 1) * sizeof *g->class_row);
    if (!g->row_first || !g->rows_of || !g->class_row)
        return false;
    for (int c = 0; c < m->class_count; c++)
        g->class_row[c] = -1; /* a class whose count cannot bind has none */
    for (int i = 0; i < m->row_count; i++) {
        int r = row_resource(g, &m->rows[i]);
        if (r >= 0)
            g->row_first[r + 2]++;
        if (m->rows[i].kind == ROW_CLASS)
            g->class_row[m->rows[i].owner] = i;
    }
    for (int r = 0; r < g->resource_count; r++)
        g->row_first[r + 2] += g->row_first[r + 1];
    for (int i = 0; i < m->row_count; i++) {
        int r = row_resource(g, &m->rows[i]);
        if (r >= 0)
            g->rows_of[g->row_first[r + 1]++] = i;
    }
    return true;
}

/* Appends the rows of resource r on days in [from, until), at weight; returns the count. */
static int add_held(const grid_bound *g, int r, day_t from, day_t until, double weight,
                    int *rows, double *values, int count)
{
    int low = g->row_first[r], high = g->row_first[r + 1];
    while (low < high) {
        int middle = (low + high) / 2;
        if (g->model->rows[g->rows_of[middle]].day < from)
            low = middle + 1;
        else
            high = middle;
    }
    for (int k = low; k < g->row_first[r + 1] && g->model->rows[g->rows_of[k]].day < until;
         k++) {
        rows[count] = g->rows_of[k];
        values[count++] = weight;
    }
    return count;
}

/* Adds column j of class c to the master, with its entries in the coarse rows. */
static bool add_to_master(grid_bound *g, mip_master *lp, int c, int j, int *rows,
                          double *values)
{
    const grid_column *col = &g->columns[j];
    int count = 0, team = team_resource(g, col->type);
    if (g->class_row[c] >= 0) {
        rows[count] = g->class_row[c];
        values[count++] = 1.0;
    }
    count = add_held(g, type_resource(col->type), col->start, col->until,
                     places_taken(g, c, col->type), rows, values, count);
    if (team >= 0)
        count = add_held(g, team, col->start, col->support_end, 1.0, rows, values, count);
    g->in_master[j] = true;
    return mip_master_add(lp, g->persons[c], col->upper, count, rows, values);
}

/* Into g->candidates, best first, the columns not in the master whose reduced cost at the duals
 * (spread on their days, one each) is positive; returns how many. */
static int price_out(grid_bound *g, const double *dual)
{
    int count = 0;
    for (int c = 0; c < g->model->class_count; c++) {
        double class_dual = g->class_row[c] >= 0 ? dual[g->class_row[c]] : 0.0;
        for (int j = g->class_first[c]; j < g->class_first[c + 1]; j++) {
            double reduced = g->in_master[j] ? 0.0
                                              : column_gain(g, c, &g->columns[j]) - class_dual;
            if (reduced > 1e-6)
                g->candidates[count++] = (pick){reduced, j};
        }
    }
    qsort(g->candidates, (size_t)count, sizeof *g->candidates, compare_picks);
    return count;
}

static int class_of_column(const grid_bound *g, int j)
{
    int low = 0, high = g->model->class_count - 1;
    while (low < high) {
        int middle = (low + high + 1) / 2;
        if (g->class_first[middle] <= j)
            low = middle;
        else
            high = middle - 1;
    }
    return low;
}

/* The rules' grid's column of coarse model column j, or -1. */
static int fine_column_of(const grid_bound *g, int j)
{
    const column *c = &g->model->columns[j];
    if (c->class_index < 0)
        return -1;
    int low = g->class_first[c->class_index], high = g->class_first[c->class_index + 1];
    while (low < high) {
        int middle = (low + high) / 2;
        const grid_column *f = &g->columns[middle];
        if (f->type < c->type_index || (f->type == c->type_index && f->start < c->start))
            low = middle + 1;
        else
            high = middle;
    }
    bool found = low < g->class_first[c->class_index + 1] &&
                 g->columns[low].type == c->type_index && g->columns[low].start == c->start;
    return found ? low : -1;
}

/* The master's first columns: the coarse relaxation's, in its order, from its basis; false
 * when one has no counterpart (the master then holds some: start another) or out of
 * memory. */
static bool seed_from_basis(grid_bound *g, mip_master *lp, int *rows, double *values)
{
    bool ok = g->basis.column_count > 0;
    for (int k = 0; ok && k < g->basis.column_count; k++) {
        int j = fine_column_of(g, g->basis.column[k]);
        ok = j >= 0 && add_to_master(g, lp, g->model->columns[g->basis.column[k]].class_index, j,
                                     rows, values);
    }
    if (ok)
        mip_master_start_from(lp, &g->basis);
    return ok;
}

/* Column generation over the coarse rows, from the coarse relaxation's optimal basis: each
 * round's duals, each on its row's day, give a bound (those days' rows are rows of the rules'
 * grid), and the columns that price out join the master; when none does, the bound is the
 * master's optimum. Measured on ×5 with a 28-day wait on a 4-day grid: 15,395 after seven
 * solves (the spreads: 15,522; the plan 14,961); the coarse rows miss days on which the rules'
 * grid's stays may still overlap, which keeps it above the rules' grid's relaxation. */
static void generate_columns(grid_bound *g)
{
    const model *m = g->model;
    if (g->basis.column_count == 0) /* the coarse relaxation was not solved */
        return;
    int most_rows = 1;
    for (int r = 0; r < g->resource_count; r++)
        most_rows += g->row_first[r + 1] - g->row_first[r];
    mip_master *lp = mip_master_new(m, 0);
    double *dual = malloc(((size_t)m->row_count + 1) * sizeof *dual), value = 0;
    int *rows = malloc(((size_t)most_rows + 1) * sizeof *rows), loaded = 0;
    double *values = malloc(((size_t)most_rows + 1) * sizeof *values);
    bool ok = lp && dual && rows && values && seed_from_basis(g, lp, rows, values);
    while (ok && !stopped(g) && mip_master_solve(lp, &g->limits, &value, dual)) {
        spread_duals(g, dual, 1);
        double bound = bound_here(g);
        g->best = bound < g->best ? bound : g->best;
        int count = price_out(g, dual), adding = loaded / 2 + 1000;
        for (int k = 0; ok && k < count && k < adding; k++)
            ok = add_to_master(g, lp, class_of_column(g, g->candidates[k].column),
                               g->candidates[k].column, rows, values);
        loaded += count < adding ? count : adding;
        if (count == 0)
            break;
    }
    mip_master_free(lp);
    free(dual);
    free(rows);
    free(values);
}

/* Lists the columns, tries the spreads, then generates columns from the coarse basis. */
static void run_task(void *context)
{
    grid_bound *g = context;
    const model *m = g->model;
    int most = 0;
    bool ok = list_columns(g, g->fine) && size_resources(g);
    for (int c = 0; ok && c < m->class_count; c++)
        if (g->class_first[c + 1] - g->class_first[c] > most)
            most = g->class_first[c + 1] - g->class_first[c];
    ok = ok && (g->picks = malloc(((size_t)most + 1) * sizeof *g->picks)) != NULL;
    if (ok)
        try_widths(g);
    ok = ok && index_rows(g) &&
         (g->in_master = calloc((size_t)g->column_count + 1, sizeof *g->in_master)) != NULL &&
         (g->candidates = malloc(((size_t)g->column_count + 1) * sizeof *g->candidates)) != NULL;
    if (ok)
        generate_columns(g);
}

/* A copy of the basis into g (none when basis is NULL); false when out of memory. */
static bool copy_basis(grid_bound *g, const mip_basis *basis)
{
    if (!basis)
        return true;
    size_t rows = (size_t)g->model->row_count, columns = (size_t)basis->column_count;
    g->basis_store = malloc((rows + 2 * columns + 1) * sizeof *g->basis_store);
    if (!g->basis_store)
        return false;
    int *store = g->basis_store;
    memcpy(store, basis->row_status, rows * sizeof *store);
    memcpy(store + rows, basis->column, columns * sizeof *store);
    memcpy(store + rows + columns, basis->column_status, columns * sizeof *store);
    g->basis = (mip_basis){store, basis->column_count, store + rows, store + rows + columns};
    return true;
}

static grid_bound *grid_bound_new(const logis_scenario *fine, const model *coarse,
                                  const double *coarse_dual, const mip_basis *basis,
                                  const work_limits *limits)
{
    grid_bound *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    *g = (grid_bound){.model = coarse, .fine = fine, .best = INFINITY,
                      .limits = limits ? *limits : (work_limits){0, NULL}};
    atomic_init(&g->quit, false);
    g->class_first = calloc((size_t)coarse->class_count + 1, sizeof *g->class_first);
    g->persons = calloc((size_t)coarse->class_count + 1, sizeof *g->persons);
    g->coarse_dual = malloc(((size_t)coarse->row_count + 1) * sizeof *g->coarse_dual);
    if (!g->class_first || !g->persons || !g->coarse_dual || !copy_basis(g, basis)) {
        grid_bound_free(g);
        return NULL;
    }
    memcpy(g->coarse_dual, coarse_dual, (size_t)coarse->row_count * sizeof *g->coarse_dual);
    return g;
}

static double best_found(const grid_bound *g)
{
    return isfinite(g->best) ? g->best : NAN;
}

grid_bound *grid_bound_start(const logis_scenario *fine, const model *coarse,
                             const double *coarse_dual, const mip_basis *basis,
                             const work_limits *limits)
{
    grid_bound *g = grid_bound_new(fine, coarse, coarse_dual, basis, limits);
    if (g)
        g->thread = background_start(run_task, g);
    if (g && !g->thread) {
        grid_bound_free(g);
        return NULL;
    }
    return g;
}

double grid_bound_finish(grid_bound *g, bool now)
{
    if (!g)
        return NAN;
    if (now)
        atomic_store(&g->quit, true);
    background_wait(g->thread);
    double best = best_found(g);
    grid_bound_free(g);
    return best;
}

double grid_bound_lower(const logis_scenario *fine, const model *coarse,
                        const double *coarse_dual, const mip_basis *basis,
                        const work_limits *limits)
{
    grid_bound *g = grid_bound_new(fine, coarse, coarse_dual, basis, limits);
    if (!g)
        return NAN;
    run_task(g);
    double best = best_found(g);
    grid_bound_free(g);
    return best;
}
