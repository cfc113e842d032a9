/* The Lagrangian bound of the rules' own grid of move-in dates, one multiplier per dwelling
 * type or team and day, taken from a coarser grid's duals: a bound for plans made on that grid. */
#include "solver/grid_bound.h"

#include "base/array.h"
#include "base/parallel.h"
#include "domain/rules.h"

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
    grid_column *columns;
    int column_count;
    int *class_first; /* class c's columns: class_first[c] .. class_first[c + 1] - 1 */
    double *persons;  /* per class: each household's weighted persons */
    int resource_count, stride;
    day_t first_day;
    bool *priced;
    double *limit, *y, *prefix;
    pick *picks;
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
    return 2.0 * (double)sizeof(grid_column) * fine_columns; /* the list grows by doubling */
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

/* A column's gain at the multipliers: its persons less what its resources charge. */
static double column_gain(const grid_bound *g, int c, const grid_column *col)
{
    const logis_scenario *s = g->model->scenario;
    const dwelling *d = &s->dwellings[g->model->types[col->type].members[0]];
    double places = d->shared ? s->households[g->model->classes[c].members[0]].size : 1.0;
    double gain = g->persons[c] - places * charged(g, type_resource(col->type), col->start,
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
    free(g->coarse_dual);
    free(g);
}

/* Lists the columns, then tries the spreads. */
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
}

static grid_bound *grid_bound_new(const logis_scenario *fine, const model *coarse,
                                  const double *coarse_dual, const work_limits *limits)
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
    if (!g->class_first || !g->persons || !g->coarse_dual) {
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
                             const double *coarse_dual, const work_limits *limits)
{
    grid_bound *g = grid_bound_new(fine, coarse, coarse_dual, limits);
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
                        const double *coarse_dual, const work_limits *limits)
{
    grid_bound *g = grid_bound_new(fine, coarse, coarse_dual, limits);
    if (!g)
        return NAN;
    run_task(g);
    double best = best_found(g);
    grid_bound_free(g);
    return best;
}
