/* Rounding a relaxed solution: every row is a packing row, so its floor is feasible; the places
 * the floor frees are then filled greedily, first where the relaxation wanted them. */
#include "solver/build.h"

#include <math.h>
#include <stdlib.h>

bool rounding_init(rounding *r, const model *m)
{
    *r = (rounding){.model = m};
    r->activity = malloc(((size_t)m->row_count + 1) * sizeof *r->activity);
    r->order = malloc(((size_t)m->column_count + 1) * sizeof *r->order);
    if (r->activity && r->order)
        return true;
    rounding_free(r);
    return false;
}

void rounding_free(rounding *r)
{
    free(r->activity);
    free(r->order);
    r->activity = NULL;
    r->order = NULL;
}

static int compare_costs(const column *x, const column *y)
{
    if (x->cost[0] != y->cost[0])
        return x->cost[0] > y->cost[0] ? -1 : 1;
    for (int level = 1; level < OBJECTIVE_LEVELS; level++)
        if (x->cost[level] != y->cost[level])
            return x->cost[level] < y->cost[level] ? -1 : 1;
    return 0;
}

/* The relaxation's most wanted columns first: largest fractional part, then best costs. */
static int compare_wanted(const void *a, const void *b, void *context)
{
    const rounding *r = context;
    int i = *(const int *)a, k = *(const int *)b;
    double fi = r->relaxed[i] - floor(r->relaxed[i]), fk = r->relaxed[k] - floor(r->relaxed[k]);
    if (fi != fk)
        return fi > fk ? -1 : 1;
    int by_cost = compare_costs(&r->model->columns[i], &r->model->columns[k]);
    return by_cost ? by_cost : (i > k) - (i < k);
}

static int compare_valuable(const void *a, const void *b, void *context)
{
    const rounding *r = context;
    int i = *(const int *)a, k = *(const int *)b;
    int by_cost = compare_costs(&r->model->columns[i], &r->model->columns[k]);
    return by_cost ? by_cost : (i > k) - (i < k);
}

/* Linked households are housed all or none: one column at a time cannot keep their equalities,
 * so the rounding leaves them to the search. */
static bool tied(const model *m, int j)
{
    return m->columns[j].class_index >= 0 && m->class_tied[m->columns[j].class_index];
}

static bool can_add(const rounding *r, const double *x, int j)
{
    const model *m = r->model;
    if (x[j] + 1 > m->columns[j].upper || (r->usable && !r->usable[j]) || tied(m, j))
        return false;
    for (int e = m->column_start[j]; e < m->column_start[j + 1]; e++)
        if (r->activity[m->entry_row[e]] + m->entry_value[e] >
            m->rows[m->entry_row[e]].upper + 1e-9)
            return false;
    return true;
}

static void add(rounding *r, double *x, int j)
{
    const model *m = r->model;
    x[j] += 1;
    for (int e = m->column_start[j]; e < m->column_start[j + 1]; e++)
        r->activity[m->entry_row[e]] += m->entry_value[e];
}

bool rounding_round(void *context, const double *relaxed, double *x)
{
    rounding *r = context;
    const model *m = r->model;
    int n = m->column_count;
    for (int j = 0; j < n; j++) {
        x[j] = tied(m, j) ? 0 : floor(relaxed[j] + 1e-9);
        x[j] = x[j] < 0 ? 0 : x[j] > m->columns[j].upper ? m->columns[j].upper : x[j];
        r->order[j] = j;
    }
    model_activities(m, x, r->activity);
    r->relaxed = relaxed;
    qsort_r(r->order, (size_t)n, sizeof *r->order, compare_wanted, r);
    for (int i = 0; i < n; i++) {
        int j = r->order[i];
        while (x[j] < ceil(relaxed[j] - 1e-9) && can_add(r, x, j))
            add(r, x, j);
    }
    if (r->level == 0) {
        qsort_r(r->order, (size_t)n, sizeof *r->order, compare_valuable, r);
        for (int i = 0; i < n; i++)
            while (m->columns[r->order[i]].cost[0] > 0 && can_add(r, x, r->order[i]))
                add(r, x, r->order[i]);
    }
    if (r->level > LEVEL_PERSONS && model_objective(m, LEVEL_PERSONS, x) < r->held[0] - 1e-6)
        return false;
    for (int level = 1; level < OBJECTIVE_LEVELS; level++)
        if (r->holds[level] && level != r->level &&
            model_objective(m, level, x) >
                r->held[level] + 1e-6 + level_slack(level, r->held[level]))
            return false;
    return true;
}
