/* From the aggregated solution back to people and dwellings: households of a class take its
 * columns in id order, and each type's stays are coloured onto its dwellings in start order. */
#include "solver/build.h"
#include "base/check.h"
#include "domain/left_out.h"
#include "domain/rules.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    int household, type_index;
    day_t start;
} placement;

static int compare_placements(const void *a, const void *b)
{
    const placement *x = a, *y = b;
    if (x->type_index != y->type_index)
        return x->type_index - y->type_index;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->household - y->household;
}

static placement *place_households(const model *m, const double *x, int *count)
{
    int total = 0;
    for (int j = 0; j < m->column_count; j++)
        total += (int)x[j];
    placement *list = malloc(((size_t)total + 1) * sizeof *list);
    int *used = calloc((size_t)m->class_count + 1, sizeof *used);
    if (list && used) {
        int n = 0;
        for (int j = 0; j < m->column_count; j++) {
            const column *c = &m->columns[j];
            if (c->class_index < 0) /* closed candidate dwellings */
                continue;
            const household_class *hc = &m->classes[c->class_index];
            /* several sampled futures are alternatives: only the announced share dwellings */
            if (m->samples > 1 && m->scenario->households[hc->members[0]].sample > 0)
                continue;
            for (int k = 0; k < (int)x[j] && used[c->class_index] < hc->count; k++)
                list[n++] = (placement){hc->members[used[c->class_index]++], c->type_index,
                                        c->start};
        }
        qsort(list, (size_t)n, sizeof *list, compare_placements);
        *count = n;
    } else {
        free(list);
        list = NULL;
    }
    free(used);
    return list;
}

/* The first dwelling of the type that is available and free on start; -1 when none. */
static int free_member(const model *m, const dwelling_type *t, const day_t *free_from,
                       day_t start)
{
    const logis_scenario *s = m->scenario;
    for (int i = 0; i < t->count; i++) {
        const dwelling *d = &s->dwellings[t->members[i]];
        if (d->available_from <= start && (d->shared || free_from[t->members[i]] <= start))
            return t->members[i];
    }
    return -1;
}

logis_status extract_stays(const model *m, const double *x, logis_plan *plan)
{
    const logis_scenario *s = m->scenario;
    int count = 0;
    placement *list = place_households(m, x, &count);
    day_t *free_from = malloc(((size_t)s->dwelling_count + 1) * sizeof *free_from);
    logis_status status = list && free_from ? LOGIS_OK : LOGIS_E_NOMEM;
    for (int d = 0; status == LOGIS_OK && d < s->dwelling_count; d++)
        free_from[d] = m->ready[d];
    for (int i = 0; status == LOGIS_OK && i < count; i++) {
        const placement *p = &list[i];
        int d = free_member(m, &m->types[p->type_index], free_from, p->start);
        if (d < 0) { /* can't happen: the type's occupancy rows leave a dwelling free (README) */
            LOGIS_ASSERT(d >= 0);
            status = LOGIS_E_SOLVER;
            break;
        }
        const household *h = &s->households[p->household];
        day_t end = rule_stay_end(s, h, &s->dwellings[d], p->start);
        free_from[d] = rule_occupied_until(s, &s->dwellings[d], end);
        if (!plan_add_stay(plan, p->household, d, p->start, end))
            status = LOGIS_E_NOMEM;
    }
    for (int f = 0; status == LOGIS_OK && f < s->fixed_count; f++) {
        const fixed_stay *fx = &s->fixed[f];
        if (!plan_add_stay(plan, fx->household, fx->dwelling, fx->start,
                           rule_stay_end(s, &s->households[fx->household],
                                         &s->dwellings[fx->dwelling], fx->start)))
            status = LOGIS_E_NOMEM;
        else
            plan->stays[plan->stay_count - 1].kept = fx->kept;
    }
    free(list);
    free(free_from);
    return status;
}

logis_status columns_of_stays(const model *m, const logis_plan *plan, double *x)
{
    memset(x, 0, (size_t)m->column_count * sizeof *x);
    for (int i = 0; i < plan->stay_count; i++) {
        const stay *st = &plan->stays[i];
        int class_index = m->class_of_household[st->household];
        if (class_index < 0)
            continue;
        int j = model_find_column(m, class_index, m->type_of_dwelling[st->dwelling], st->start);
        if (j < 0)
            return LOGIS_E_SOLVER;
        x[j] += 1;
    }
    return model_close_unused(m, x) ? LOGIS_OK : LOGIS_E_NOMEM;
}

bool plan_list_left_out(logis_plan *plan, capacity_reason reason_of, void *context)
{
    const logis_scenario *s = plan->scenario;
    bool *housed = calloc((size_t)s->household_count + 1, sizeof *housed);
    bool ok = housed != NULL;
    for (int i = 0; ok && i < plan->stay_count; i++)
        housed[plan->stays[i].household] = true;
    for (int h = 0; ok && h < s->household_count; h++) {
        if (housed[h])
            continue;
        char reason[400];
        bool beyond_park = false;
        left_out_code code = explain_left_out(s, h, reason, sizeof reason);
        ok = code != LEFT_CAPACITY || reason_of(context, h, reason, sizeof reason, &beyond_park);
        ok = ok && plan_add_left(plan, h, code, reason);
        if (ok)
            plan->left[plan->left_count - 1].beyond_park = beyond_park;
    }
    free(housed);
    return ok;
}
