/* The few operations on the domain's records themselves: releasing what a household owns, and
 * reading the potentials a forecast puts on resources. */
#include "domain/scenario.h"

#include <stdlib.h>

void household_release_lists(household *h)
{
    free(h->territories);
    free(h->scores);
    h->territories = NULL;
    h->scores = NULL;
}

void household_release(household *h)
{
    free(h->id);
    h->id = NULL;
    household_release_lists(h);
}

/* The index of the first potential at or after (kind, owner, day). */
static int first_potential(const potentials *p, potential_kind kind, int owner, day_t day)
{
    int low = 0, high = p->count;
    while (low < high) {
        int middle = low + (high - low) / 2;
        const potential *q = &p->items[middle];
        bool before = q->kind != kind ? q->kind < kind
                      : q->owner != owner ? q->owner < owner
                                          : q->day < day;
        if (before)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

/* The owner's total up to the day before `day` (0 before its first). */
static double total_before(const potentials *p, potential_kind kind, int owner, day_t day)
{
    int i = first_potential(p, kind, owner, day) - 1;
    bool mine = i >= 0 && p->items[i].kind == kind && p->items[i].owner == owner;
    return mine ? p->items[i].total : 0.0;
}

double potentials_over(const potentials *p, potential_kind kind, int owner, day_t from,
                       day_t until)
{
    if (!p)
        return 0.0;
    from = from > p->from ? from : p->from;
    if (from >= until)
        return 0.0;
    return total_before(p, kind, owner, until) - total_before(p, kind, owner, from);
}
