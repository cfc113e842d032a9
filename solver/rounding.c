/* Rounding a relaxed solution: every row is a packing row (but the links' equalities), so its
 * floor is feasible; the places the floor frees are then filled greedily, first where the
 * relaxation wanted them, linked households a whole link at a time. */
#include "solver/build.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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
 * so they are added a whole link at a time (add_links). */
static bool tied(const model *m, int j)
{
    return m->columns[j].class_index >= 0 && m->class_tied[m->columns[j].class_index];
}

/* Can column j take one more, every packing row allowing it? A link's member may (as_member:
 * its equalities are kept by adding the whole link). */
static bool fits(const rounding *r, const double *x, int j, bool as_member)
{
    const model *m = r->model;
    if (x[j] + 1 > m->columns[j].upper || (r->usable && !r->usable[j]) ||
        (tied(m, j) && !as_member))
        return false;
    for (int e = m->column_start[j]; e < m->column_start[j + 1]; e++)
        if (m->rows[m->entry_row[e]].kind != ROW_LINK &&
            r->activity[m->entry_row[e]] + m->entry_value[e] >
                m->rows[m->entry_row[e]].upper + 1e-9)
            return false;
    return true;
}

static bool can_add(const rounding *r, const double *x, int j)
{
    return fits(r, x, j, false);
}

static void add(rounding *r, double *x, int j, double step)
{
    const model *m = r->model;
    x[j] += step;
    for (int e = m->column_start[j]; e < m->column_start[j + 1]; e++)
        r->activity[m->entry_row[e]] += step * m->entry_value[e];
}

/* The column of class c in territory t the relaxation wants most that fits, or -1. */
static int member_column(const rounding *r, const double *x, int c, int t)
{
    const model *m = r->model;
    int best = -1;
    for (int j = m->class_first_column[c]; j < m->class_first_column[c + 1]; j++) {
        int place = m->types[m->columns[j].type_index].members[0];
        if (m->scenario->dwellings[place].territory == t && fits(r, x, j, true) &&
            (best < 0 || r->relaxed[j] > r->relaxed[best]))
            best = j;
    }
    return best;
}

/* How much the relaxation houses the link's members in territory t. */
static double wanted_in(const rounding *r, const link_group *g, int t)
{
    const model *m = r->model;
    double total = 0;
    for (int k = 0; k < g->count; k++) {
        int c = m->class_of_household[g->members[k]];
        for (int j = m->class_first_column[c]; j < m->class_first_column[c + 1]; j++)
            if (m->scenario->dwellings[m->types[m->columns[j].type_index].members[0]]
                    .territory == t)
                total += r->relaxed[j];
    }
    return total;
}

/* The territory the relaxation wants the link in most, among those not tried yet. */
static int next_territory(const rounding *r, const link_group *g, const bool *tried)
{
    int best = -1;
    double most = -1;
    for (int t = 0; t < r->model->scenario->territory_count; t++) {
        double wanted = tried[t] ? -1 : wanted_in(r, g, t);
        if (!tried[t] && wanted > most) {
            best = t;
            most = wanted;
        }
    }
    return best;
}

/* Houses each link the rows leave room for, all its members in the territory the relaxation
 * wants them in most where they all fit (the links of fixed stays have no equalities: their
 * members go alone). */
static void add_links(rounding *r, double *x)
{
    const model *m = r->model;
    const logis_scenario *s = m->scenario;
    int chosen[64];
    bool *tried = calloc((size_t)s->territory_count + 1, sizeof *tried);
    for (int l = 0; tried && l < s->link_count; l++) {
        const link_group *g = &s->links[l];
        if (m->link_territory[l] >= 0 || g->count > 64)
            continue;
        memset(tried, 0, (size_t)s->territory_count * sizeof *tried);
        for (int t; (t = next_territory(r, g, tried)) >= 0;) {
            tried[t] = true;
            int added = 0;
            while (added < g->count) {
                int j = member_column(r, x, m->class_of_household[g->members[added]], t);
                if (j < 0)
                    break;
                add(r, x, j, 1);
                chosen[added++] = j;
            }
            if (added == g->count)
                break;
            while (added > 0)
                add(r, x, chosen[--added], -1);
        }
    }
    free(tried);
}

/* Does housing one more with column c improve the level (persons and scores only grow)? */
static bool houses_more(const column *c, int level)
{
    return level == LEVEL_PERSONS ? c->cost[level] > 0 : c->cost[level] < 0;
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
    add_links(r, x); /* first: a link needs room for all its members at once */
    qsort_r(r->order, (size_t)n, sizeof *r->order, compare_wanted, r);
    for (int i = 0; i < n; i++) {
        int j = r->order[i];
        while (x[j] < ceil(relaxed[j] - 1e-9) && can_add(r, x, j))
            add(r, x, j, 1);
    }
    if (r->level == LEVEL_PERSONS || r->level == LEVEL_SCORE) {
        qsort_r(r->order, (size_t)n, sizeof *r->order, compare_valuable, r);
        for (int i = 0; i < n; i++)
            while (houses_more(&m->columns[r->order[i]], r->level) && can_add(r, x, r->order[i]))
                add(r, x, r->order[i], 1);
    }
    if (r->holds[LEVEL_PERSONS] && r->level != LEVEL_PERSONS &&
        model_objective(m, LEVEL_PERSONS, x) < r->held[LEVEL_PERSONS] - 1e-6)
        return false;
    for (int level = 1; level < OBJECTIVE_LEVELS; level++)
        if (r->holds[level] && level != r->level &&
            model_objective(m, level, x) >
                r->held[level] + 1e-6 + level_slack(level, r->held[level]))
            return false;
    return true;
}
