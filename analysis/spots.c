/* Places a household could take and the figures the objective weighs them by. */
#include "analysis/spots.h"

#include "analysis/obstacles.h"
#include "base/array.h"
#include "domain/rules.h"

#include <stdlib.h>
#include <string.h>

bool spot_figures(const logis_scenario *s, const stay_list *others, const household *h, int d,
                  day_t start, spot *out)
{
    const dwelling *dw = &s->dwellings[d];
    day_t end = rule_stay_end(s, h, dw, start);
    int wait = start - h->arrival;
    *out = (spot){d, start, end, wait, dw->places - h->size, (long)h->size * wait, 0};
    if (dw->lease == LEASE_TEMPORARY && !dw->shared)
        out->empty_place_days = (long)(dw->places - h->size) * (end - start);
    if (!dw->shared)
        return true;
    holding *list = malloc(((size_t)others->count + 1) * sizeof *list);
    if (!list)
        return false;
    int n = dwelling_holdings(s, others, d, list);
    out->empty_places -= peak_load(list, n, start, rule_occupied_until(s, dw, end));
    free(list);
    return true;
}

int compare_spots(const void *a, const void *b, void *context)
{
    const logis_scenario *s = context;
    const spot *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->empty_places != y->empty_places)
        return x->empty_places < y->empty_places ? -1 : 1;
    return strcmp(s->dwellings[x->dwelling].id, s->dwellings[y->dwelling].id);
}

bool spot_list_add(spot_list *list, const spot *p)
{
    if (!ARRAY_GROW(list->items, list->count, list->capacity))
        return false;
    list->items[list->count++] = *p;
    return true;
}

