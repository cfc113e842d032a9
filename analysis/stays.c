/* The stays of a plan as a list that can change, for trying moves (`logis explain`, `logis
 * suggest`), and the ledger of such a list. */
#include "analysis/stays.h"

#include "base/array.h"
#include "base/check.h"
#include "domain/rules.h"

#include <stdlib.h>
#include <string.h>

bool stay_list_copy(stay_list *list, const stay *stays, int count)
{
    *list = (stay_list){0};
    list->items = malloc(((size_t)count + 4) * sizeof *list->items);
    if (!list->items)
        return false;
    if (count > 0)
        memcpy(list->items, stays, (size_t)count * sizeof *stays);
    list->count = count;
    list->capacity = (size_t)count + 4;
    return true;
}

bool stay_list_add(const logis_scenario *s, stay_list *list, int h, int d, day_t start)
{
    if (!ARRAY_GROW(list->items, list->count, list->capacity))
        return false;
    day_t end = rule_stay_end(s, &s->households[h], &s->dwellings[d], start);
    list->items[list->count++] = (stay){h, d, start, end, KEPT_NONE};
    return true;
}

void stay_list_remove(stay_list *list, int index)
{
    LOGIS_ASSERT(index >= 0 && index < list->count);
    memmove(&list->items[index], &list->items[index + 1],
            (size_t)(list->count - index - 1) * sizeof *list->items);
    list->count--;
}

int stay_list_find(const stay_list *list, int h)
{
    for (int i = 0; i < list->count; i++)
        if (list->items[i].household == h)
            return i;
    return -1;
}

void stay_list_free(stay_list *list)
{
    free(list->items);
    *list = (stay_list){0};
}

bool stay_list_ledger(const logis_scenario *s, const stay_list *list, ledger *l)
{
    if (!ledger_init(l, s))
        return false;
    for (int i = 0; i < list->count; i++) {
        const stay *st = &list->items[i];
        if (!ledger_book(l, st->household, st->dwelling, st->start)) {
            ledger_free(l);
            return false;
        }
    }
    return true;
}

bool stay_is_fixed(const logis_scenario *s, const stay *st)
{
    if (st->kept != KEPT_NONE)
        return true;
    for (int f = 0; f < s->fixed_count; f++)
        if (s->fixed[f].household == st->household && s->fixed[f].dwelling == st->dwelling &&
            s->fixed[f].start == st->start)
            return true;
    return false;
}
