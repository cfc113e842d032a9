/* The ledger of holds on dwellings and caseloads, checked at the move-in dates that matter
 * (intervals that overlap pairwise share their latest start). */
#include "domain/ledger.h"

#include "base/array.h"
#include "base/check.h"

#include "domain/rules.h"

#include <stdlib.h>

bool ledger_init(ledger *l, const logis_scenario *s)
{
    l->scenario = s;
    l->dwellings = calloc((size_t)s->dwelling_count + 1, sizeof *l->dwellings);
    l->territories = calloc((size_t)s->territory_count + 1, sizeof *l->territories);
    l->quotas = calloc((size_t)s->territory_count + 1, sizeof *l->quotas);
    bool ok = l->dwellings && l->territories && l->quotas;
    for (int t = 0; ok && t < s->territory_count; t++) {
        l->quotas[t] = calloc((size_t)s->territories[t].quota_count + 1, sizeof **l->quotas);
        ok = l->quotas[t] != NULL;
    }
    if (ok)
        return true;
    ledger_free(l);
    return false;
}

void ledger_free(ledger *l)
{
    for (int d = 0; l->dwellings && d < l->scenario->dwelling_count; d++)
        free(l->dwellings[d].items);
    for (int t = 0; l->territories && t < l->scenario->territory_count; t++)
        free(l->territories[t].items);
    for (int t = 0; l->quotas && t < l->scenario->territory_count; t++)
        free(l->quotas[t]);
    free(l->dwellings);
    free(l->territories);
    free(l->quotas);
    l->dwellings = l->territories = NULL;
    l->quotas = NULL;
}

static bool overlaps(const hold *item, day_t start, day_t until)
{
    return item->start < until && start < item->until;
}

/* The load at day of the holds that overlap [start, until). */
static int load_at(const hold_list *list, day_t start, day_t until, day_t day)
{
    int load = 0;
    for (int i = 0; i < list->count; i++)
        if (overlaps(&list->items[i], start, until) && list->items[i].start <= day &&
            day < list->items[i].until)
            load += list->items[i].load;
    return load;
}

/* Would a new hold of `load` over [start, until) keep the list within limit at every date? The
 * load within the interval peaks at its start or at an overlapping hold's start; when all the
 * overlapping holds together leave room, no date needs a look. */
static bool fits_under(const hold_list *list, day_t start, day_t until, int load, int limit)
{
    int overlapping = 0;
    for (int i = 0; i < list->count; i++)
        if (overlaps(&list->items[i], start, until))
            overlapping += list->items[i].load;
    if (overlapping + load <= limit)
        return true;
    if (load_at(list, start, until, start) + load > limit)
        return false;
    for (int i = 0; i < list->count; i++) {
        day_t day = list->items[i].start;
        if (start < day && day < until && load_at(list, start, until, day) + load > limit)
            return false;
    }
    return true;
}

static bool list_add(hold_list *list, hold item)
{
    if (!ARRAY_GROW(list->items, list->count, list->capacity))
        return false;
    list->items[list->count++] = item;
    return true;
}

static bool quotas_allow(const ledger *l, int t, int size, day_t start)
{
    const territory *team = &l->scenario->territories[t];
    for (int k = 0; k < team->quota_count; k++) {
        const quota *q = &team->quotas[k];
        const quota_use *used = &l->quotas[t][k];
        if (rule_in_quota(q, start) &&
            ((q->persons != NO_QUOTA && used->persons + size > q->persons) ||
             (q->households != NO_QUOTA && used->households + 1 > q->households)))
            return false;
    }
    return true;
}

/* Counts a move-in of size persons on start in territory t's quotas (sign -1: takes it back). */
static void use_quotas(ledger *l, int t, int size, day_t start, int sign)
{
    const territory *team = &l->scenario->territories[t];
    for (int k = 0; k < team->quota_count; k++)
        if (rule_in_quota(&team->quotas[k], start)) {
            l->quotas[t][k].persons += sign * size;
            l->quotas[t][k].households += sign;
            LOGIS_ASSERT(l->quotas[t][k].persons >= 0 && l->quotas[t][k].households >= 0);
        }
}

bool ledger_allows(const ledger *l, int h, int d, day_t start)
{
    const logis_scenario *s = l->scenario;
    LOGIS_ASSERT(h >= 0 && h < s->household_count && d >= 0 && d < s->dwelling_count);
    const household *hh = &s->households[h];
    const dwelling *dw = &s->dwellings[d];
    if (rule_fit(hh, dw) != FIT_OK)
        return false;
    day_t end = rule_stay_end(s, hh, dw, start);
    if (!rule_dates_in_dwelling(s, dw, start, end))
        return false;
    day_t until = rule_occupied_until(s, dw, end);
    int load = dw->shared ? hh->size : 1, limit = dw->shared ? dw->places : 1;
    if (!fits_under(&l->dwellings[d], start, until, load, limit))
        return false;
    const territory *t = &s->territories[dw->territory];
    return (t->caseload == NO_CASELOAD ||
            fits_under(&l->territories[dw->territory], start, rule_support_end(s, start), 1,
                       t->caseload)) &&
           quotas_allow(l, dw->territory, hh->size, start);
}

bool ledger_book(ledger *l, int h, int d, day_t start)
{
    const logis_scenario *s = l->scenario;
    LOGIS_ASSERT(h >= 0 && h < s->household_count && d >= 0 && d < s->dwelling_count);
    const household *hh = &s->households[h];
    const dwelling *dw = &s->dwellings[d];
    day_t end = rule_stay_end(s, hh, dw, start);
    hold occupied = {start, rule_occupied_until(s, dw, end), dw->shared ? hh->size : 1};
    hold supported = {start, rule_support_end(s, start), 1};
    if (!list_add(&l->dwellings[d], occupied))
        return false;
    if (!list_add(&l->territories[dw->territory], supported)) {
        l->dwellings[d].count--;
        return false;
    }
    use_quotas(l, dw->territory, hh->size, start, 1);
    return true;
}

void ledger_unbook(ledger *l, int h, int d, day_t start)
{
    const logis_scenario *s = l->scenario;
    LOGIS_ASSERT(h >= 0 && h < s->household_count && d >= 0 && d < s->dwelling_count);
    int t = s->dwellings[d].territory;
    /* the last holds booked are this stay's */
    LOGIS_ASSERT(l->dwellings[d].count > 0 && l->territories[t].count > 0);
    LOGIS_ASSERT(l->dwellings[d].items[l->dwellings[d].count - 1].start == start &&
                 l->territories[t].items[l->territories[t].count - 1].start == start);
    l->dwellings[d].count--;
    l->territories[t].count--;
    use_quotas(l, t, s->households[h].size, start, -1);
}
