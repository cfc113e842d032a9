/* Subgradient steps on the Lagrangian dual of the allocation model, the class rows kept: a
 * bound on weighted persons when the simplex has not solved the relaxation before the limits. */
#include "solver/lagrangian.h"

#include "base/parallel.h"

#include <math.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

/* Polyak steps, each direction deflected by half the last one (less zig-zag between two rows);
 * the step's factor halves after this many steps without a lower bound. Measured on ×5 over
 * three years, from the duals of the relaxation's third pricing round towards the rolling
 * plan's 44,349 (the optimum is 44,939): after 3,000, 8,000, 11,000 and 16,000 steps the bound
 * was 45,582, 45,095, 45,078 and 45,077 with 200, against 47,144, 45,396, 45,203 and 45,033
 * with 600; the thread beside the simplex takes 8,000 to 11,000 steps there. */
enum { PATIENCE = 200 };
static const double DEFLECTION = 0.5;

struct lagrangian {
    const model *model;
    double *y, *activity, *direction;
    /* per column, its persons and upper bound: the steps read them, not the wide columns, so
     * that they take less of the memory bandwidth the simplex beside them needs */
    double *persons, *upper;
    double target, best;
    int steps;
    work_limits limits;
    atomic_bool quit;
    background *thread;
};

/* A model's columns as the steps read them. */
typedef struct {
    const model *model;
    const double *persons, *upper;
} columns_view;

/* One column's gain at the multipliers: its persons less what its rows charge. */
static double gain_at(const columns_view *v, int j, const double *y)
{
    const model *m = v->model;
    double gain = v->persons[j];
    for (int e = m->column_start[j]; e < m->column_start[j + 1]; e++)
        gain -= y[m->entry_row[e]] * m->entry_value[e];
    return gain;
}

static void add_activity(const model *m, int j, double units, double *activity)
{
    for (int e = m->column_start[j]; e < m->column_start[j + 1]; e++)
        activity[m->entry_row[e]] += units * m->entry_value[e];
}

/* Each class houses its whole count at its best gain (a bound, even where a column's upper
 * bound is below the count); the columns of no class, each its upper bound when it gains. */
static double bound_at(const columns_view *v, const double *y, double *activity)
{
    const model *m = v->model;
    double bound = 0.0;
    for (int i = 0; i < m->row_count; i++) {
        bound += m->rows[i].kind == ROW_CLASS ? 0.0 : y[i] * m->rows[i].upper;
        activity[i] = 0.0;
    }
    for (int c = 0; c < m->class_count; c++) {
        double best = 0.0;
        int chosen = -1;
        for (int j = m->class_first_column[c]; j < m->class_first_column[c + 1]; j++) {
            double gain = v->upper[j] > 0 ? gain_at(v, j, y) : 0.0;
            if (gain > best) {
                best = gain;
                chosen = j;
            }
        }
        if (chosen >= 0) {
            bound += m->classes[c].count * best;
            add_activity(m, chosen, m->classes[c].count, activity);
        }
    }
    for (int j = m->class_first_column[m->class_count]; j < m->column_count; j++) {
        double gain = gain_at(v, j, y);
        if (v->upper[j] > 0 && gain > 0) {
            bound += v->upper[j] * gain;
            add_activity(m, j, v->upper[j], activity);
        }
    }
    return bound;
}

/* The view's arrays, from the model's columns; false when out of memory. */
static bool view_columns(const model *m, double **persons, double **upper)
{
    *persons = malloc(((size_t)m->column_count + 1) * sizeof **persons);
    *upper = malloc(((size_t)m->column_count + 1) * sizeof **upper);
    for (int j = 0; *persons && *upper && j < m->column_count; j++) {
        (*persons)[j] = m->columns[j].cost[LEVEL_PERSONS];
        (*upper)[j] = m->columns[j].upper;
    }
    return *persons && *upper;
}

double lagrangian_bound_at(const model *m, const double *y, double *activity)
{
    double *persons, *upper, bound = NAN;
    if (view_columns(m, &persons, &upper))
        bound = bound_at(&(columns_view){m, persons, upper}, y, activity);
    free(persons);
    free(upper);
    return bound;
}

/* The deflected subgradient into l->direction (the components a step could not move, 0), and
 * its squared norm. */
static double next_direction(lagrangian *l)
{
    const model *m = l->model;
    double norm = 0.0;
    for (int i = 0; i < m->row_count; i++) {
        const row *r = &m->rows[i];
        double slack = r->kind == ROW_CLASS ? 0.0 : r->upper - l->activity[i];
        double d = slack + DEFLECTION * l->direction[i];
        if (r->kind != ROW_LINK && l->y[i] <= 0 && d > 0)
            d = 0.0;
        l->direction[i] = d;
        norm += d * d;
    }
    return norm;
}

static void descend(void *context)
{
    lagrangian *l = context;
    const model *m = l->model;
    double factor = 1.0;
    int since_best = 0;
    for (int k = 0; k < l->steps && !atomic_load(&l->quit) && !work_limits_reached(&l->limits);
         k++) {
        double value = bound_at(&(columns_view){m, l->persons, l->upper}, l->y, l->activity);
        if (value < l->best) {
            l->best = value;
            since_best = 0;
        } else if (++since_best >= PATIENCE) {
            factor /= 2;
            since_best = 0;
        }
        double norm = next_direction(l);
        if (norm <= 0 || value <= l->target)
            break;
        double step = factor * (value - l->target) / norm;
        for (int i = 0; i < m->row_count; i++) {
            l->y[i] -= step * l->direction[i];
            if (m->rows[i].kind != ROW_LINK && l->y[i] < 0)
                l->y[i] = 0.0;
        }
    }
}

static void lagrangian_free(lagrangian *l)
{
    free(l->y);
    free(l->activity);
    free(l->direction);
    free(l->persons);
    free(l->upper);
    free(l);
}

/* The steps' state, y copied; NULL when out of memory. */
static lagrangian *lagrangian_new(const model *m, const double *y, double target, int steps,
                                  const work_limits *limits)
{
    lagrangian *l = calloc(1, sizeof *l);
    size_t rows = (size_t)m->row_count + 1;
    if (!l)
        return NULL;
    *l = (lagrangian){.model = m, .target = target, .best = INFINITY, .steps = steps,
                      .limits = limits ? *limits : (work_limits){0, NULL}};
    atomic_init(&l->quit, false);
    l->y = malloc(rows * sizeof *l->y);
    l->activity = malloc(rows * sizeof *l->activity);
    l->direction = calloc(rows, sizeof *l->direction);
    if (!view_columns(m, &l->persons, &l->upper) || !l->y || !l->activity || !l->direction) {
        lagrangian_free(l);
        return NULL;
    }
    memcpy(l->y, y, (size_t)m->row_count * sizeof *l->y);
    return l;
}

static double best_found(const lagrangian *l)
{
    return isfinite(l->best) ? l->best : NAN;
}

double lagrangian_lower(const model *m, const double *y, double target, int steps,
                        const work_limits *limits)
{
    lagrangian *l = lagrangian_new(m, y, target, steps, limits);
    if (!l)
        return NAN;
    descend(l);
    double best = best_found(l);
    lagrangian_free(l);
    return best;
}

lagrangian *lagrangian_start(const model *m, const double *y, double target, int steps,
                             const work_limits *limits)
{
    lagrangian *l = lagrangian_new(m, y, target, steps, limits);
    if (l)
        l->thread = background_start(descend, l);
    if (l && !l->thread) {
        lagrangian_free(l);
        return NULL;
    }
    return l;
}

double lagrangian_finish(lagrangian *l)
{
    if (!l)
        return NAN;
    atomic_store(&l->quit, true);
    background_wait(l->thread);
    double best = best_found(l);
    lagrangian_free(l);
    return best;
}
