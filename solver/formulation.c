/* Building the aggregated allocation MIP. Occupancy and caseload are checked only at move-in
 * dates: stays are intervals, and intervals that pairwise overlap share their latest start. */
#include "solver/formulation.h"

#include "base/array.h"
#include "base/check.h"
#include "domain/rules.h"
#include "solver/mip.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int row, column;
    double value;
} entry;

typedef struct {
    entry *items;
    long count;
    size_t capacity;
} entry_list;

static bool entries_add(entry_list *list, int row_index, int column_index, double value)
{
    if (!ARRAY_GROW(list->items, list->count, list->capacity))
        return false;
    list->items[list->count++] = (entry){row_index, column_index, value};
    return true;
}

bool work_limits_reached(const work_limits *limits)
{
    return limits && ((limits->stop && *limits->stop) ||
                      (limits->deadline > 0 && mip_clock() >= limits->deadline));
}

work_limits work_limits_from_now(const logis_options *options)
{
    work_limits limits = {0, options ? options->stop : NULL};
    if (options && options->time_limit > 0)
        limits.deadline = mip_clock() + options->time_limit;
    return limits;
}

/* ---- household classes ---- */

static int compare_territory_lists(const household *x, const household *y)
{
    if (x->territory_count != y->territory_count)
        return x->territory_count - y->territory_count;
    for (int i = 0; i < x->territory_count; i++)
        if (x->territories[i] != y->territories[i])
            return x->territories[i] - y->territories[i];
    return 0;
}

/* Households with other scores are told apart (the score level prices them differently). */
static int compare_scores(const household *x, const household *y, int territory_count)
{
    if (!x->scores || !y->scores)
        return (x->scores != NULL) - (y->scores != NULL);
    for (int t = 0; t < territory_count; t++)
        if (x->scores[t] != y->scores[t])
            return x->scores[t] < y->scores[t] ? -1 : 1;
    return 0;
}

static int compare_households(const household *x, const household *y, int territory_count)
{
    if (x->arrival != y->arrival)
        return x->arrival < y->arrival ? -1 : 1;
    if (x->size != y->size)
        return x->size - y->size;
    if (x->stay_months != y->stay_months)
        return x->stay_months - y->stay_months;
    if (x->needs != y->needs)
        return x->needs < y->needs ? -1 : 1;
    if (x->priority != y->priority)
        return y->priority - x->priority;
    if (x->weight != y->weight)
        return y->weight - x->weight;
    if (x->sample != y->sample)
        return x->sample - y->sample;
    if (x->may_share != y->may_share)
        return (int)x->may_share - (int)y->may_share;
    if (x->lease != y->lease)
        return (int)x->lease - (int)y->lease;
    int by_territories = compare_territory_lists(x, y);
    return by_territories ? by_territories : compare_scores(x, y, territory_count);
}

/* Households keep classes of their own when re-planning, if the previous plan housed them (so
 * that staying where they were can be counted), and when linked (a link binds each member). */
static int compare_alone(const logis_scenario *s, int i, int k)
{
    const replan_info *r = s->replan;
    bool alone = s->households[i].link != NO_LINK || s->households[k].link != NO_LINK ||
                 (r && (r->previous_dwelling[i] >= 0 || r->previous_dwelling[k] >= 0));
    return alone ? (i > k) - (i < k) : 0;
}

static int compare_household_indices(const void *a, const void *b, void *context)
{
    const logis_scenario *s = context;
    int i = *(const int *)a, k = *(const int *)b;
    int by_key = compare_households(&s->households[i], &s->households[k], s->territory_count);
    if (!by_key)
        by_key = compare_alone(s, i, k);
    return by_key ? by_key : (i > k) - (i < k);
}

/* Sorts the households without a fixed stay by class key and cuts the runs into classes. */
static bool build_classes(const logis_scenario *s, model *m, int *order)
{
    int n = 0;
    for (int h = 0; h < s->household_count; h++)
        if (m->class_of_household[h] == 0)
            order[n++] = h;
    qsort_r(order, (size_t)n, sizeof *order, compare_household_indices, (void *)s);
    for (int first = 0, last; first < n; first = last) {
        for (last = first + 1;
             last < n &&
             compare_households(&s->households[order[first]], &s->households[order[last]],
                                s->territory_count) == 0 &&
             compare_alone(s, order[first], order[last]) == 0;
             last++) {
        }
        household_class *c = &m->classes[m->class_count];
        c->members = malloc((size_t)(last - first) * sizeof *c->members);
        if (!c->members)
            return false;
        memcpy(c->members, order + first, (size_t)(last - first) * sizeof *c->members);
        c->count = last - first;
        for (int i = first; i < last; i++)
            m->class_of_household[order[i]] = m->class_count;
        m->class_count++;
    }
    return true;
}

/* ---- dwelling types ---- */

static int compare_dwellings(const dwelling *x, const dwelling *y)
{
    if (x->territory != y->territory)
        return x->territory - y->territory;
    if (x->places != y->places)
        return x->places - y->places;
    if (x->features != y->features)
        return x->features < y->features ? -1 : 1;
    if (x->lease != y->lease)
        return (int)x->lease - (int)y->lease;
    if (x->available_until != y->available_until)
        return x->available_until < y->available_until ? -1 : 1;
    return 0;
}

typedef struct {
    const dwelling *dwellings;
    const bool *alone;
    const day_t *ready;
    int candidates_from;
} dwelling_order;

static int compare_dwelling_indices(const void *a, const void *b, void *context)
{
    const dwelling_order *o = context;
    int i = *(const int *)a, k = *(const int *)b;
    if (o->alone[i] != o->alone[k])
        return o->alone[i] ? 1 : -1;
    if ((i >= o->candidates_from) != (k >= o->candidates_from))
        return i >= o->candidates_from ? 1 : -1;
    int by_key = compare_dwellings(&o->dwellings[i], &o->dwellings[k]);
    if (by_key)
        return by_key;
    if (o->ready[i] != o->ready[k])
        return o->ready[i] < o->ready[k] ? -1 : 1;
    return (i > k) - (i < k);
}

/* The day each dwelling is ready for a new stay. A dwelling in a type has only fixed stays that
 * begin before any new stay can (a re-plan's begun stays): to new stays it is a dwelling whose
 * availability begins when they have left, and the greedy colouring stays exact. */
static void set_ready_days(const logis_scenario *s, model *m, const bool *alone)
{
    for (int d = 0; d < s->dwelling_count; d++)
        m->ready[d] = s->dwellings[d].available_from;
    for (int f = 0; f < s->fixed_count; f++) {
        const fixed_stay *fx = &s->fixed[f];
        const dwelling *d = &s->dwellings[fx->dwelling];
        day_t until = rule_occupied_until(
            s, d, rule_stay_end(s, &s->households[fx->household], d, fx->start));
        if (!alone[fx->dwelling] && until > m->ready[fx->dwelling])
            m->ready[fx->dwelling] = until;
    }
}

/* Would staying in the same dwelling be counted (the changes level of a re-plan)? */
static bool counts_changes(const logis_scenario *s)
{
    return s->replan && !s->rolling_window;
}

/* Dwellings alone in their type: shared ones, those with a fixed stay a new stay could precede,
 * and when changes are counted those the previous plan gave a household that may move. */
static bool build_types(const logis_scenario *s, model *m, int *order, bool *alone)
{
    int n = s->dwelling_count;
    for (int d = 0; d < n; d++)
        alone[d] = alone[d] || s->dwellings[d].shared;
    for (int h = 0; counts_changes(s) && h < s->household_count; h++)
        if (s->replan->previous_dwelling[h] >= 0 && m->class_of_household[h] >= 0)
            alone[s->replan->previous_dwelling[h]] = true;
    set_ready_days(s, m, alone);
    for (int d = 0; d < n; d++)
        order[d] = d;
    dwelling_order context = {s->dwellings, alone, m->ready, m->candidates_from};
    qsort_r(order, (size_t)n, sizeof *order, compare_dwelling_indices, &context);
    for (int first = 0, last; first < n; first = last) {
        last = first + 1;
        while (!alone[order[first]] && last < n && !alone[order[last]] &&
               compare_dwellings(&s->dwellings[order[first]], &s->dwellings[order[last]]) == 0 &&
               model_is_candidate(m, order[first]) == model_is_candidate(m, order[last]))
            last++;
        dwelling_type *t = &m->types[m->type_count];
        t->members = malloc((size_t)(last - first) * sizeof *t->members);
        if (!t->members)
            return false;
        memcpy(t->members, order + first, (size_t)(last - first) * sizeof *t->members);
        t->count = last - first;
        t->alone = alone[order[first]];
        for (int i = first; i < last; i++)
            m->type_of_dwelling[order[i]] = m->type_count;
        m->type_count++;
    }
    return true;
}

/* How many of the type's dwellings are ready on day. */
static int type_capacity(const model *m, const dwelling_type *t, day_t day)
{
    int count = 0;
    while (count < t->count && m->ready[t->members[count]] <= day)
        count++;
    return count;
}

/* ---- columns ---- */

/* Does a stay occupying [start, until) in a dwelling alone collide with its fixed stays? For a
 * shared dwelling the rows count the places instead. */
static bool collides_with_fixed(const logis_scenario *s, int dwelling_index, day_t start,
                                day_t until)
{
    const dwelling *d = &s->dwellings[dwelling_index];
    if (d->shared)
        return false;
    for (int f = 0; f < s->fixed_count; f++) {
        const fixed_stay *fx = &s->fixed[f];
        if (fx->dwelling != dwelling_index)
            continue;
        const household *h = &s->households[fx->household];
        day_t fixed_until = rule_occupied_until(s, d, rule_stay_end(s, h, d, fx->start));
        if (intervals_overlap(start, until, fx->start, fixed_until))
            return true;
    }
    return false;
}

/* Would household h keep the dwelling and date the previous plan gave it? */
static bool stays_as_before(const logis_scenario *s, int h, int dwelling_index, day_t start)
{
    return counts_changes(s) && s->replan->previous_dwelling[h] == dwelling_index &&
           s->replan->previous_start[h] == start;
}

/* What a column takes from the lists to come: the potentials of the places and the caseload it
 * holds (a forecast solve's; 0 elsewhere), in every sampled future it enters. */
static double potential_cost(const logis_scenario *s, const model *m, const household *h,
                             int first_dwelling, day_t start, day_t until, day_t support_end)
{
    const dwelling *d = &s->dwellings[first_dwelling];
    if (!s->potentials)
        return 0.0;
    double places = d->shared ? h->size : 1.0;
    double cost = places * potentials_over(s->potentials, POTENTIAL_PLACE, first_dwelling, start,
                                           until);
    if (s->territories[d->territory].caseload != NO_CASELOAD)
        cost += potentials_over(s->potentials, POTENTIAL_CASELOAD, d->territory, start,
                                support_end);
    return cost * (h->sample == 0 ? m->samples : 1);
}

bool model_column_for(const logis_scenario *s, const model *m, int class_index, int type_index,
                      day_t start, column *out)
{
    const household *h = &s->households[m->classes[class_index].members[0]];
    const dwelling_type *t = &m->types[type_index];
    const dwelling *d = &s->dwellings[t->members[0]];
    day_t end = rule_stay_end(s, h, d, start);
    day_t until = rule_occupied_until(s, d, end);
    int capacity = type_capacity(m, t, start);
    if (capacity == 0 || !rule_dates_in_dwelling(s, d, start, end))
        return false;
    if (h->link != NO_LINK && m->link_territory[h->link] >= 0 &&
        m->link_territory[h->link] != d->territory)
        return false;
    if (t->alone && collides_with_fixed(s, t->members[0], start, until))
        return false;
    int most = d->shared ? d->places / h->size : capacity;
    int members = m->classes[class_index].count;
    *out = (column){class_index, type_index, start, end, until, rule_support_end(s, start),
                    members < most ? members : most, {0}};
    out->cost[LEVEL_PERSONS] = (double)h->priority * h->size * h->weight -
                               potential_cost(s, m, h, t->members[0], start, until,
                                              out->support_end);
    out->cost[LEVEL_CHANGES] = stays_as_before(s, m->classes[class_index].members[0],
                                               t->members[0], start) ? -1.0 : 0.0;
    /* every level but the first is minimised: the score counts against */
    out->cost[LEVEL_SCORE] = -rule_score(h, d->territory);
    out->cost[LEVEL_WAIT] = (double)h->size * (start - h->arrival);
    out->cost[LEVEL_EMPTY] = d->lease == LEASE_TEMPORARY && !d->shared
                                 ? (double)(d->places - h->size) * (end - start)
                                 : 0.0;
    return true;
}

static bool add_column(const logis_scenario *s, model *m, int class_index, int type_index,
                       day_t start, size_t *capacity_columns)
{
    column made;
    if (!model_column_for(s, m, class_index, type_index, start, &made))
        return true;
    if (!ARRAY_GROW(m->columns, m->column_count, *capacity_columns))
        return false;
    m->columns[m->column_count++] = made;
    return true;
}

/* For the dwellings a need solve may add: per candidate type, a column counting those of its
 * dwellings left closed, in every occupancy row of the type (so the rows stay packing rows).
 * It is worth 1 on level 1, and a weighted person households + 1: no plan opens more
 * candidates than it houses households, so housing more always comes first. */
static bool add_closed_columns(model *m, size_t *capacity_columns)
{
    bool any = false;
    int class_columns = m->column_count;
    for (int t = 0; t < m->type_count; t++) {
        if (!model_is_candidate(m, m->types[t].members[0]))
            continue;
        day_t first = DAY_NONE_AFTER;
        for (int j = 0; j < class_columns; j++)
            if (m->columns[j].type_index == t && m->columns[j].start < first)
                first = m->columns[j].start;
        if (first == DAY_NONE_AFTER)
            continue;
        if (!ARRAY_GROW(m->columns, m->column_count, *capacity_columns))
            return false;
        m->columns[m->column_count++] = (column){-1, t, first, DAY_NONE_AFTER, DAY_NONE_AFTER,
                                                 first, m->types[t].count, {1.0}};
        any = true;
    }
    for (int j = 0; any && j < class_columns; j++)
        m->columns[j].cost[LEVEL_PERSONS] *= m->scenario->household_count + 1;
    return true;
}

/* Every column of every class, the limits checked between classes: false when out of memory
 * or stopped (m->stopped). */
static bool build_columns(const logis_scenario *s, model *m)
{
    size_t capacity_columns = 0;
    day_t *starts = malloc((size_t)rule_max_starts(s) * sizeof *starts);
    if (!starts)
        return false;
    bool ok = true;
    for (int c = 0; c < m->class_count && ok; c++) {
        const household *h = &s->households[m->classes[c].members[0]];
        int start_count = rule_grid_starts(s, h, starts);
        m->stopped = work_limits_reached(m->limits);
        ok = !m->stopped;
        m->class_first_column[c] = m->column_count;
        for (int t = 0; t < m->type_count && ok; t++) {
            if (rule_fit(h, &s->dwellings[m->types[t].members[0]]) != FIT_OK)
                continue;
            for (int k = 0; k < start_count && ok; k++)
                ok = add_column(s, m, c, t, starts[k], &capacity_columns);
        }
    }
    m->class_first_column[m->class_count] = m->column_count;
    free(starts);
    return ok && add_closed_columns(m, &capacity_columns);
}

int model_find_column(const model *m, int class_index, int type_index, day_t start)
{
    LOGIS_ASSERT(class_index >= 0 && class_index < m->class_count);
    for (int j = m->class_first_column[class_index]; j < m->class_first_column[class_index + 1];
         j++)
        if (m->columns[j].type_index == type_index && m->columns[j].start == start)
            return j;
    return -1;
}

/* ---- rows ---- */

static bool add_row(model *m, size_t *capacity_rows, row_kind kind, int owner, day_t day,
                    double upper)
{
    if (!ARRAY_GROW(m->rows, m->row_count, *capacity_rows))
        return false;
    m->rows[m->row_count++] = (row){kind, owner, day, upper};
    return true;
}

/* One row per class with columns, also where it cannot bind: the exported model then always
 * has rows, and the reasons can name what binds. */
static bool build_class_rows(model *m, size_t *capacity_rows, entry_list *entries)
{
    for (int c = 0; c < m->class_count; c++) {
        int first = m->class_first_column[c], last = m->class_first_column[c + 1];
        if (first == last)
            continue;
        if (!add_row(m, capacity_rows, ROW_CLASS, c, 0, m->classes[c].count))
            return false;
        for (int j = first; j < last; j++)
            if (!entries_add(entries, m->row_count - 1, j, 1.0))
                return false;
    }
    return true;
}

/* A group of columns that share a resource: a dwelling type or a territory's team. */
typedef struct {
    row_kind kind;
    int owner;
    int *columns;
    int count;
    /* the load a fixed stay puts on the resource, and the interval it holds it */
    int fixed_count;
    day_t *fixed_start, *fixed_until;
    double *fixed_load;
} resource;

static int compare_days(const void *a, const void *b)
{
    day_t x = *(const day_t *)a, y = *(const day_t *)b;
    return (x > y) - (x < y);
}

static day_t column_until(const column *c, row_kind kind)
{
    return kind == ROW_CASELOAD ? c->support_end : c->occupied_until;
}

static double column_weight(const model *m, const column *c, row_kind kind)
{
    const logis_scenario *s = m->scenario;
    if (c->class_index < 0) /* closed candidate dwellings: no household, no caseload */
        return kind == ROW_OCCUPANCY ? 1.0 : 0.0;
    const dwelling *d = &s->dwellings[m->types[c->type_index].members[0]];
    if (kind == ROW_OCCUPANCY && d->shared)
        return s->households[m->classes[c->class_index].members[0]].size;
    return 1.0;
}

static double resource_limit(const model *m, const resource *r, day_t day)
{
    const logis_scenario *s = m->scenario;
    double limit;
    if (r->kind == ROW_CASELOAD) {
        limit = s->territories[r->owner].caseload;
    } else {
        const dwelling_type *t = &m->types[r->owner];
        const dwelling *d = &s->dwellings[t->members[0]];
        limit = d->shared ? d->places : type_capacity(m, t, day);
    }
    for (int f = 0; f < r->fixed_count; f++)
        if (r->fixed_start[f] <= day && day < r->fixed_until[f])
            limit -= r->fixed_load[f];
    return limit;
}

/* The first of the sorted days[0..count) that is >= day. */
static int first_day_from(const day_t *days, int count, day_t day)
{
    int low = 0, high = count;
    while (low < high) {
        int middle = (low + high) / 2;
        if (days[middle] < day)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

/* The resource's distinct move-in dates, sorted, into days; returns how many. The fixed stays'
 * starts are among them: the load rises there too, and a column that began earlier and holds
 * that date must be counted with them (a fixed stay that starts after a column's move-in). */
static int resource_days(const model *m, const resource *r, day_t *days)
{
    int count = 0;
    for (int i = 0; i < r->count; i++)
        days[count++] = m->columns[r->columns[i]].start;
    for (int f = 0; f < r->fixed_count; f++)
        days[count++] = r->fixed_start[f];
    qsort(days, (size_t)count, sizeof *days, compare_days);
    int distinct = 0;
    for (int i = 0; i < count; i++)
        if (distinct == 0 || days[distinct - 1] != days[i])
            days[distinct++] = days[i];
    return distinct;
}

/* Building stops at the limits every STOP_CHECK_EVERY columns or entries within a resource and
 * the matrix, not only between resources: one territory's caseload rows at ×2 with a 365-day
 * wait on a 4-day grid took a second, which a Ctrl-C waited for. */
enum { STOP_CHECK_EVERY = 1 << 14 };

/* Has the build reached the limits? Checked on every STOP_CHECK_EVERY-th count only. */
static bool stopped_at(model *m, long count)
{
    if (count % STOP_CHECK_EVERY == 0 && work_limits_reached(m->limits))
        m->stopped = true;
    return m->stopped;
}

/* One row per distinct move-in date of the resource, over the columns whose interval holds that
 * date. A row is left out when it cannot bind, or when the next date's row implies it: nothing
 * ends in between (so every column here is counted there too) and the limit is no larger. */
static bool build_resource_rows(model *m, const resource *r, day_t *days, int *scratch,
                                size_t *capacity_rows, entry_list *entries)
{
    int n = resource_days(m, r, days);
    int *first = scratch, *after = scratch + r->count;
    int *ending = scratch + 2 * r->count, *row_of = ending + n + 1;
    double *most = calloc((size_t)n + 1, sizeof *most);
    if (!most)
        return false;
    memset(ending, 0, ((size_t)n + 1) * sizeof *ending);
    for (int i = 0; i < r->count && !stopped_at(m, i); i++) {
        const column *c = &m->columns[r->columns[i]];
        first[i] = first_day_from(days, n, c->start);
        after[i] = first_day_from(days, n, column_until(c, r->kind));
        /* every column's start is one of the days, and its interval does not end before it */
        LOGIS_ASSERT(first[i] < n && days[first[i]] == c->start && first[i] <= after[i]);
        ending[after[i]]++;
        for (int p = first[i]; p < after[i]; p++)
            most[p] += column_weight(m, c, r->kind) * c->upper;
    }
    bool ok = !m->stopped;
    for (int p = 0; p < n && ok; p++) {
        double limit = resource_limit(m, r, days[p]);
        bool implied = p + 1 < n && ending[p + 1] == 0 &&
                       resource_limit(m, r, days[p + 1]) <= limit;
        row_of[p] = most[p] <= limit || implied ? -1 : m->row_count;
        if (row_of[p] >= 0)
            ok = add_row(m, capacity_rows, r->kind, r->owner, days[p], limit);
    }
    for (int i = 0; i < r->count && ok && !stopped_at(m, i); i++) {
        const column *c = &m->columns[r->columns[i]];
        for (int p = first[i]; p < after[i] && ok; p++)
            if (row_of[p] >= 0 && column_weight(m, c, r->kind) != 0)
                ok = entries_add(entries, row_of[p], r->columns[i],
                                 column_weight(m, c, r->kind));
    }
    free(most);
    return ok && !m->stopped;
}

static void collect_fixed(const model *m, resource *r)
{
    const logis_scenario *s = m->scenario;
    r->fixed_count = 0;
    for (int f = 0; f < s->fixed_count; f++) {
        const fixed_stay *fx = &s->fixed[f];
        const household *h = &s->households[fx->household];
        const dwelling *d = &s->dwellings[fx->dwelling];
        /* a dwelling's place in a type already holds its fixed stays (its ready day) */
        bool mine = r->kind == ROW_CASELOAD ? d->territory == r->owner
                                            : m->type_of_dwelling[fx->dwelling] == r->owner &&
                                                  m->types[r->owner].alone;
        if (!mine)
            continue;
        day_t end = rule_stay_end(s, h, d, fx->start);
        r->fixed_start[r->fixed_count] = fx->start;
        r->fixed_until[r->fixed_count] = r->kind == ROW_CASELOAD ? rule_support_end(s, fx->start)
                                                                 : rule_occupied_until(s, d, end);
        r->fixed_load[r->fixed_count++] = r->kind == ROW_OCCUPANCY && d->shared ? h->size : 1.0;
    }
}

bool model_day_limits(const model *m, row_kind kind, int owner, day_t first, int count,
                      double *limit)
{
    size_t fixed = (size_t)m->scenario->fixed_count + 1;
    resource r = {.kind = kind, .owner = owner, .fixed_start = malloc(fixed * sizeof(day_t)),
                  .fixed_until = malloc(fixed * sizeof(day_t)),
                  .fixed_load = malloc(fixed * sizeof(double))};
    bool ok = r.fixed_start && r.fixed_until && r.fixed_load;
    if (ok)
        collect_fixed(m, &r);
    for (int i = 0; ok && i < count; i++)
        limit[i] = resource_limit(m, &r, first + i);
    free(r.fixed_start);
    free(r.fixed_until);
    free(r.fixed_load);
    return ok;
}

/* The sampled future a column's household belongs to (0: announced, in every future). */
static int column_sample(const model *m, const column *c)
{
    return c->class_index < 0 ? 0
                              : m->scenario->households[m->classes[c->class_index].members[0]].sample;
}

/* Does the column enter the rows of sampled future k (1, 2, ...)? Every column does when the
 * model plans a single future. */
static bool column_in_sample(const model *m, const column *c, int k)
{
    int own = m->samples > 1 ? column_sample(m, c) : 0;
    return own == 0 || own == k;
}

/* The resource's columns in sampled future k, from its columns of every future, into chosen. */
static void choose_sample_columns(const model *m, resource *r, const int *all, int count, int k,
                                  int *chosen)
{
    r->count = 0;
    for (int i = 0; i < count; i++)
        if (column_in_sample(m, &m->columns[all[i]], k))
            chosen[r->count++] = all[i];
    r->columns = chosen;
}

/* Groups the columns by resource (type, or territory with a caseload) and builds their rows,
 * for each sampled future. */
static bool build_resource_group(model *m, row_kind kind, int owner_count, size_t *capacity_rows,
                                 entry_list *entries)
{
    const logis_scenario *s = m->scenario;
    int n = m->column_count, f = s->fixed_count;
    int *owner_of = malloc(((size_t)n + 1) * sizeof *owner_of);
    int *start = calloc((size_t)owner_count + 2, sizeof *start);
    int *sorted = malloc(((size_t)n + 1) * sizeof *sorted);
    /* days: the columns' and the fixed stays' starts; scratch: first and after per column,
     * ending and row_of per day */
    day_t *days = malloc(((size_t)n + (size_t)f + 1) * sizeof *days);
    int *scratch = malloc((4 * (size_t)n + 2 * (size_t)f + 4) * sizeof *scratch);
    int *chosen = malloc(((size_t)n + 1) * sizeof *chosen);
    resource r = {.kind = kind,
                  .fixed_start = malloc(((size_t)f + 1) * sizeof(day_t)),
                  .fixed_until = malloc(((size_t)f + 1) * sizeof(day_t)),
                  .fixed_load = malloc(((size_t)f + 1) * sizeof(double))};
    bool ok = owner_of && start && sorted && days && scratch && chosen && r.fixed_start &&
              r.fixed_until && r.fixed_load;
    for (int j = 0; ok && j < n; j++) {
        const column *c = &m->columns[j];
        owner_of[j] = kind == ROW_CASELOAD
                          ? s->dwellings[m->types[c->type_index].members[0]].territory
                          : c->type_index;
        start[owner_of[j] + 2]++;
    }
    for (int o = 0; ok && o < owner_count; o++)
        start[o + 2] += start[o + 1];
    for (int j = 0; ok && j < n; j++)
        sorted[start[owner_of[j] + 1]++] = j;
    for (int o = 0; ok && o < owner_count; o++) {
        if (kind == ROW_CASELOAD && s->territories[o].caseload == NO_CASELOAD)
            continue;
        r.owner = o;
        LOGIS_ASSERT(start[o + 1] >= start[o]);
        collect_fixed(m, &r);
        for (int k = 1; ok && k <= m->samples; k++) {
            choose_sample_columns(m, &r, sorted + start[o], start[o + 1] - start[o], k, chosen);
            m->stopped = work_limits_reached(m->limits);
            ok = !m->stopped && build_resource_rows(m, &r, days, scratch, capacity_rows, entries);
        }
    }
    free(owner_of);
    free(start);
    free(sorted);
    free(days);
    free(scratch);
    free(chosen);
    free(r.fixed_start);
    free(r.fixed_until);
    free(r.fixed_load);
    return ok;
}

/* Turns the entries into the column-wise matrix. */
static bool store_matrix(model *m, const entry_list *entries)
{
    m->column_start = calloc((size_t)m->column_count + 1, sizeof *m->column_start);
    m->entry_row = malloc(((size_t)entries->count + 1) * sizeof *m->entry_row);
    m->entry_value = malloc(((size_t)entries->count + 1) * sizeof *m->entry_value);
    if (!m->column_start || !m->entry_row || !m->entry_value)
        return false;
    for (long e = 0; e < entries->count && !stopped_at(m, e); e++) {
        const entry *item = &entries->items[e];
        LOGIS_ASSERT(item->row >= 0 && item->row < m->row_count && item->column >= 0 &&
                     item->column < m->column_count);
        m->column_start[item->column + 1]++;
    }
    if (m->stopped)
        return false;
    for (int j = 0; j < m->column_count; j++)
        m->column_start[j + 1] += m->column_start[j];
    int *next = malloc(((size_t)m->column_count + 1) * sizeof *next);
    if (!next)
        return false;
    memcpy(next, m->column_start, (size_t)m->column_count * sizeof *next);
    for (long e = 0; e < entries->count && !stopped_at(m, e); e++) {
        const entry *item = &entries->items[e];
        int at = next[item->column]++;
        m->entry_row[at] = item->row;
        m->entry_value[at] = item->value;
    }
    m->entry_count = entries->count;
    free(next);
    return !m->stopped;
}

/* ---- quotas and links ---- */

static int column_territory(const model *m, const column *c)
{
    return m->scenario->dwellings[m->types[c->type_index].members[0]].territory;
}

/* What the fixed stays already use of a quota, in persons or households. */
static double quota_fixed_use(const logis_scenario *s, int t, const quota *q, bool persons)
{
    double used = 0;
    for (int f = 0; f < s->fixed_count; f++)
        if (s->dwellings[s->fixed[f].dwelling].territory == t &&
            rule_in_quota(q, s->fixed[f].start))
            used += persons ? s->households[s->fixed[f].household].size : 1;
    return used;
}

/* Rule 8: one row per quota and limit (persons, households) and sampled future, when it can
 * bind. */
static bool build_quota_row(model *m, int t, int k, bool persons, int sample,
                            size_t *capacity_rows, entry_list *entries)
{
    const logis_scenario *s = m->scenario;
    const quota *q = &s->territories[t].quotas[k];
    int limit = persons ? q->persons : q->households;
    if (limit == NO_QUOTA)
        return true;
    double upper = limit - quota_fixed_use(s, t, q, persons), most = 0;
    int first = m->row_count;
    bool ok = add_row(m, capacity_rows, persons ? ROW_QUOTA_PERSONS : ROW_QUOTA_HOUSEHOLDS, t,
                      k, upper);
    long first_entry = entries->count;
    for (int j = 0; ok && j < m->column_count; j++) {
        const column *c = &m->columns[j];
        if (c->class_index < 0 || column_territory(m, c) != t || !rule_in_quota(q, c->start) ||
            !column_in_sample(m, c, sample))
            continue;
        double weight = persons ? s->households[m->classes[c->class_index].members[0]].size : 1;
        most += weight * c->upper;
        ok = entries_add(entries, first, j, weight);
    }
    if (ok && most <= upper) { /* cannot bind: taken back */
        m->row_count = first;
        entries->count = first_entry;
    }
    return ok;
}

static bool build_quota_rows(model *m, size_t *capacity_rows, entry_list *entries)
{
    const logis_scenario *s = m->scenario;
    bool ok = true;
    for (int t = 0; t < s->territory_count && ok; t++)
        for (int k = 0; k < s->territories[t].quota_count && ok; k++)
            for (int sample = 1; sample <= m->samples && ok; sample++)
                ok = build_quota_row(m, t, k, true, sample, capacity_rows, entries) &&
                     build_quota_row(m, t, k, false, sample, capacity_rows, entries);
    return ok;
}

/* Adds the columns of class c in territory t to row with coefficient sign. */
static bool add_class_in_territory(model *m, int c, int t, int row_index, double sign,
                                   entry_list *entries)
{
    bool ok = true;
    for (int j = m->class_first_column[c]; j < m->class_first_column[c + 1] && ok; j++)
        if (column_territory(m, &m->columns[j]) == t)
            ok = entries_add(entries, row_index, j, sign);
    return ok;
}

/* Rule 9: for a link no fixed stay binds, each member's stays in each territory equal the
 * first member's (all or none, in one territory). */
static bool build_link_rows(model *m, size_t *capacity_rows, entry_list *entries)
{
    const logis_scenario *s = m->scenario;
    bool ok = true;
    for (int l = 0; l < s->link_count && ok; l++) {
        const link_group *g = &s->links[l];
        if (m->link_territory[l] >= 0)
            continue;
        int lead = m->class_of_household[g->members[0]];
        for (int k = 1; k < g->count && ok; k++) {
            int other = m->class_of_household[g->members[k]];
            for (int t = 0; t < s->territory_count && ok; t++)
                ok = add_row(m, capacity_rows, ROW_LINK, l, t, 0) &&
                     add_class_in_territory(m, other, t, m->row_count - 1, 1.0, entries) &&
                     add_class_in_territory(m, lead, t, m->row_count - 1, -1.0, entries);
        }
        for (int k = 0; k < g->count; k++)
            m->class_tied[m->class_of_household[g->members[k]]] = true;
    }
    return ok;
}

static bool build_rows(model *m)
{
    entry_list entries = {0};
    size_t capacity_rows = 0;
    bool ok = build_class_rows(m, &capacity_rows, &entries) &&
              build_resource_group(m, ROW_OCCUPANCY, m->type_count, &capacity_rows, &entries) &&
              build_resource_group(m, ROW_CASELOAD, m->scenario->territory_count,
                                   &capacity_rows, &entries) &&
              build_quota_rows(m, &capacity_rows, &entries) &&
              build_link_rows(m, &capacity_rows, &entries) &&
              store_matrix(m, &entries);
    free(entries.items);
    return ok;
}

bool model_is_candidate(const model *m, int dwelling_index)
{
    return dwelling_index >= m->candidates_from;
}

/* The classes and the types: what the columns are made of. False when out of memory. */
static bool model_prepare(const logis_scenario *s, int candidates_from, model *m)
{
    memset(m, 0, sizeof *m);
    m->scenario = s;
    m->candidates_from = candidates_from;
    m->samples = 1;
    for (int h = 0; h < s->household_count; h++)
        m->samples = s->households[h].sample > m->samples ? s->households[h].sample : m->samples;
    size_t households = (size_t)s->household_count + 1, dwellings = (size_t)s->dwelling_count + 1;
    int *order = malloc((households > dwellings ? households : dwellings) * sizeof *order);
    bool *alone = calloc(dwellings, sizeof *alone);
    m->class_of_household = calloc(households, sizeof *m->class_of_household);
    m->type_of_dwelling = calloc(dwellings, sizeof *m->type_of_dwelling);
    m->ready = malloc(dwellings * sizeof *m->ready);
    m->classes = calloc(households, sizeof *m->classes);
    m->types = calloc(dwellings, sizeof *m->types);
    m->class_first_column = calloc(households + 1, sizeof *m->class_first_column);
    m->link_territory = malloc(((size_t)s->link_count + 1) * sizeof *m->link_territory);
    m->class_tied = calloc(households, sizeof *m->class_tied);
    bool ok = order && alone && m->class_of_household && m->type_of_dwelling && m->ready &&
              m->classes && m->types && m->class_first_column && m->link_territory &&
              m->class_tied;
    for (int l = 0; ok && l < s->link_count; l++)
        m->link_territory[l] = -1;
    for (int f = 0; ok && f < s->fixed_count; f++) {
        const household *h = &s->households[s->fixed[f].household];
        m->class_of_household[s->fixed[f].household] = -1;
        if (s->fixed[f].start > s->earliest_start)
            alone[s->fixed[f].dwelling] = true;
        if (h->link != NO_LINK)
            m->link_territory[h->link] = s->dwellings[s->fixed[f].dwelling].territory;
    }
    ok = ok && build_classes(s, m, order) && build_types(s, m, order, alone);
    free(order);
    free(alone);
    return ok;
}

model_outcome model_build(const logis_scenario *s, int candidates_from,
                          const work_limits *limits, model *m)
{
    bool ok = model_prepare(s, candidates_from, m);
    m->limits = limits;
    ok = ok && build_columns(s, m) && build_rows(m);
    bool stopped = m->stopped;
    if (!ok)
        model_free(m);
    return ok ? MODEL_BUILT : stopped ? MODEL_STOPPED : MODEL_OUT_OF_MEMORY;
}

/* ---- size, before building ---- */

/* Per resource (types, then territories), prefix counts over the horizon's days of the days
 * some column or fixed stay moves in: the only days the resource can have a row. */
typedef struct {
    int days;
    int *count; /* resource r, day d: count[r * (days + 1) + d] */
} move_in_days;

static int day_index(const move_in_days *md, const logis_scenario *s, day_t day)
{
    long index = (long)day - s->horizon_start;
    return index < 0 ? 0 : index > md->days ? md->days : (int)index;
}

static void mark_day(move_in_days *md, const logis_scenario *s, int owner, day_t day)
{
    int index = day_index(md, s, day);
    if (index < md->days)
        md->count[(size_t)owner * (size_t)(md->days + 1) + (size_t)index + 1] = 1;
}

static int days_between(const move_in_days *md, const logis_scenario *s, int owner,
                        day_t from, day_t until)
{
    const int *counts = md->count + (size_t)owner * (size_t)(md->days + 1);
    return counts[day_index(md, s, until)] - counts[day_index(md, s, from)];
}

/* A column's entries in quota rows (two a quota, at most) and link rows (one a territory for
 * each other member, at most). */
static double matching_entries(const logis_scenario *s, const household *h, int t, day_t start)
{
    double count = 0;
    for (int k = 0; k < s->territories[t].quota_count; k++)
        count += rule_in_quota(&s->territories[t].quotas[k], start) ? 2 : 0;
    if (h->link != NO_LINK)
        count += s->links[h->link].count;
    return count;
}

/* Visits every column: marks its days (first pass) or counts its entries (second pass), an
 * announced household's once in each sampled future's rows. False when the limits were reached
 * first. */
static bool visit_columns(const model *m, move_in_days *md, bool count_pass, day_t *starts,
                          model_size *size)
{
    const logis_scenario *s = m->scenario;
    for (int c = 0; c < m->class_count; c++) {
        if (work_limits_reached(m->limits))
            return false;
        const household *h = &s->households[m->classes[c].members[0]];
        int start_count = rule_grid_starts(s, h, starts);
        double copies = h->sample == 0 ? m->samples : 1;
        for (int t = 0; t < m->type_count; t++) {
            if (rule_fit(h, &s->dwellings[m->types[t].members[0]]) != FIT_OK)
                continue;
            int team = s->dwellings[m->types[t].members[0]].territory;
            bool caseload = s->territories[team].caseload != NO_CASELOAD;
            column made;
            for (int k = 0; k < start_count; k++) {
                if (!model_column_for(s, m, c, t, starts[k], &made))
                    continue;
                if (!count_pass) {
                    mark_day(md, s, t, made.start);
                    if (caseload)
                        mark_day(md, s, m->type_count + team, made.start);
                    continue;
                }
                size->columns += 1;
                size->entries += 1 + copies * (days_between(md, s, t, made.start,
                                                            made.occupied_until) +
                                                matching_entries(s, h, team, made.start));
                if (caseload)
                    size->entries += copies * days_between(md, s, m->type_count + team,
                                                           made.start, made.support_end);
            }
        }
    }
    return true;
}

static void mark_fixed_days(const model *m, move_in_days *md)
{
    const logis_scenario *s = m->scenario;
    for (int f = 0; f < s->fixed_count; f++) {
        const dwelling *d = &s->dwellings[s->fixed[f].dwelling];
        mark_day(md, s, m->type_of_dwelling[s->fixed[f].dwelling], s->fixed[f].start);
        mark_day(md, s, m->type_count + d->territory, s->fixed[f].start);
    }
}

static void sum_days(move_in_days *md, int resources)
{
    for (int r = 0; r < resources; r++) {
        int *counts = md->count + (size_t)r * (size_t)(md->days + 1);
        for (int d = 1; d <= md->days; d++)
            counts[d] += counts[d - 1];
    }
}

model_outcome model_estimate(const logis_scenario *s, int candidates_from,
                             const work_limits *limits, model_size *size)
{
    model m;
    *size = (model_size){0};
    bool ok = model_prepare(s, candidates_from, &m), reached = false;
    m.limits = limits;
    int resources = m.type_count + s->territory_count;
    move_in_days md = {.days = s->horizon_end > s->horizon_start
                                   ? (int)(s->horizon_end - s->horizon_start) : 0};
    md.count = ok ? calloc((size_t)resources * (size_t)(md.days + 1) + 1, sizeof *md.count)
                  : NULL;
    day_t *starts = malloc((size_t)rule_max_starts(s) * sizeof *starts);
    ok = ok && md.count && starts;
    if (ok && visit_columns(&m, &md, false, starts, size)) {
        mark_fixed_days(&m, &md);
        sum_days(&md, resources);
        reached = !visit_columns(&m, &md, true, starts, size);
    } else {
        reached = ok;
    }
    free(md.count);
    free(starts);
    model_free(&m);
    return !ok ? MODEL_OUT_OF_MEMORY : reached ? MODEL_STOPPED : MODEL_BUILT;
}

void model_free(model *m)
{
    for (int c = 0; m->classes && c < m->class_count; c++)
        free(m->classes[c].members);
    for (int t = 0; m->types && t < m->type_count; t++)
        free(m->types[t].members);
    free(m->classes);
    free(m->types);
    free(m->columns);
    free(m->rows);
    free(m->column_start);
    free(m->entry_row);
    free(m->entry_value);
    free(m->class_of_household);
    free(m->type_of_dwelling);
    free(m->ready);
    free(m->class_first_column);
    free(m->link_territory);
    free(m->class_tied);
    memset(m, 0, sizeof *m);
}

bool model_close_unused(const model *m, double *x)
{
    double *activity = malloc(((size_t)m->row_count + 1) * sizeof *activity);
    int *closed_in = malloc(((size_t)m->type_count + 1) * sizeof *closed_in);
    bool ok = activity && closed_in;
    if (!ok)
        goto done;
    for (int t = 0; t < m->type_count; t++)
        closed_in[t] = -1;
    for (int j = m->class_first_column[m->class_count]; j < m->column_count; j++) {
        x[j] = 0;
        closed_in[m->columns[j].type_index] = j;
    }
    model_activities(m, x, activity);
    for (int j = m->class_first_column[m->class_count]; j < m->column_count; j++)
        x[j] = m->columns[j].upper;
    for (int i = 0; i < m->row_count; i++) {
        const row *r = &m->rows[i];
        int j = r->kind == ROW_OCCUPANCY ? closed_in[r->owner] : -1;
        if (j >= 0 && r->upper - activity[i] < x[j])
            x[j] = floor(r->upper - activity[i] + 1e-9) > 0 ? floor(r->upper - activity[i] + 1e-9)
                                                            : 0;
    }
done:
    free(activity);
    free(closed_in);
    return ok;
}

void model_activities(const model *m, const double *x, double *activity)
{
    memset(activity, 0, (size_t)m->row_count * sizeof *activity);
    for (int j = 0; j < m->column_count; j++)
        if (x[j] != 0)
            for (int e = m->column_start[j]; e < m->column_start[j + 1]; e++)
                activity[m->entry_row[e]] += m->entry_value[e] * x[j];
}

double model_objective(const model *m, int level, const double *x)
{
    double value = 0;
    for (int j = 0; j < m->column_count; j++)
        value += m->columns[j].cost[level] * x[j];
    return value;
}
