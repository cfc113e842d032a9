/* The left-out section's figures: households on the list and left out by size, the band of
 * sizes where those left out gather, and the dwellings that fit a household left out. */
#include "report/report.h"

#include "base/array.h"
#include "domain/rules.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

bool report_count_sizes(report_data *d)
{
    const logis_scenario *s = d->scenario;
    int largest = 0;
    for (int h = 0; h < s->household_count; h++)
        largest = s->households[h].size > largest ? s->households[h].size : largest;
    d->size_max = largest;
    d->listed_by_size = calloc((size_t)largest + 1, sizeof *d->listed_by_size);
    d->left_by_size = calloc((size_t)largest + 1, sizeof *d->left_by_size);
    if (!d->listed_by_size || !d->left_by_size)
        return false;
    for (int h = 0; h < s->household_count; h++)
        d->listed_by_size[s->households[h].size]++;
    for (int i = 0; i < d->plan->left_count; i++)
        d->left_by_size[s->households[d->plan->left[i].household].size]++;
    return true;
}

/* How many more households of sizes [first, last] are left out than the share left out of the
 * whole list would leave: the measure of a group that stands out. Scaled by the list's length
 * to stay in whole numbers (ties must not depend on rounding). */
static long long excess(const report_data *d, int first, int last)
{
    long long left = 0, listed = 0;
    for (int size = first; size <= last; size++) {
        left += d->left_by_size[size];
        listed += d->listed_by_size[size];
    }
    return left * d->scenario->household_count - (long long)d->plan->left_count * listed;
}

/* The band's counts by code, and the park's dwellings with room for its smallest household. */
static void fill_band(const report_data *d, left_out_band *band)
{
    const logis_scenario *s = d->scenario;
    for (int size = band->first; size <= band->last; size++) {
        band->left += d->left_by_size[size];
        band->listed += d->listed_by_size[size];
    }
    for (int i = 0; i < d->plan->left_count; i++) {
        int size = s->households[d->plan->left[i].household].size;
        if (size >= band->first && size <= band->last)
            band->by_code[d->plan->left[i].code]++;
    }
    for (int k = 0; k < s->dwelling_count; k++)
        band->dwellings += s->dwellings[k].places >= band->first;
}

bool report_left_out_band(const report_data *d, left_out_band *band)
{
    *band = (left_out_band){0};
    long long best = 0;
    for (int first = 1; first <= d->size_max; first++)
        for (int last = first; last <= d->size_max; last++) {
            long long value = excess(d, first, last);
            if (value > best) {
                best = value;
                band->first = first;
                band->last = last;
            }
        }
    if (best <= 0)
        return false;
    fill_band(d, band);
    return true;
}

/* Has h a move-in date of its grid on which dwelling dw is available for the whole stay? */
static bool has_date_in(const logis_scenario *s, const household *h, const dwelling *dw,
                        day_t *starts)
{
    int count = rule_grid_starts(s, h, starts);
    for (int k = 0; k < count; k++)
        if (rule_dates_in_dwelling(s, dw, starts[k], rule_stay_end(s, h, dw, starts[k])))
            return true;
    return false;
}

int report_fitting_dwellings(const report_data *d, int household_index, int *out)
{
    const logis_scenario *s = d->scenario;
    const household *h = &s->households[household_index];
    day_t *starts = malloc(((size_t)rule_max_starts(s) + 1) * sizeof *starts);
    if (!starts)
        return -1;
    int count = 0;
    for (int k = 0; k < s->dwelling_count; k++) {
        const dwelling *dw = &s->dwellings[d->dwellings_in_order[k]];
        if (rule_fit(h, dw) == FIT_OK && has_date_in(s, h, dw, starts))
            out[count++] = d->dwellings_in_order[k];
    }
    free(starts);
    return count;
}

/* ---- each list of fitting dwellings once ---- */

typedef struct {
    uint64_t hash;
    int count, household_index; /* the household that first had the list */
    size_t at;            /* the list's first dwelling in pool */
    bool used;            /* false: an empty slot */
} fitting_slot;

struct fitting_lists {
    fitting_slot *slots;
    size_t slot_count; /* a power of two, at least twice the lists */
    int *pool;
    size_t pool_used, pool_capacity;
};

fitting_lists *fitting_lists_new(int lists)
{
    fitting_lists *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    t->slot_count = 16;
    while (t->slot_count < 2 * (size_t)(lists > 0 ? lists : 1))
        t->slot_count *= 2;
    t->slots = calloc(t->slot_count, sizeof *t->slots);
    if (!t->slots) {
        free(t);
        return NULL;
    }
    return t;
}

void fitting_lists_free(fitting_lists *t)
{
    if (!t)
        return;
    free(t->slots);
    free(t->pool);
    free(t);
}

/* FNV-1a over the dwelling indices. */
static uint64_t list_hash(const int *list, int count)
{
    uint64_t hash = 14695981039346656037ULL;
    for (int k = 0; k < count; k++) {
        hash ^= (uint32_t)list[k];
        hash *= 1099511628211ULL;
    }
    return hash;
}

bool fitting_lists_find(fitting_lists *t, const int *list, int count, int household_index,
                        int *first)
{
    uint64_t hash = list_hash(list, count);
    size_t mask = t->slot_count - 1, i = (size_t)hash & mask;
    for (; t->slots[i].used; i = (i + 1) & mask) {
        const fitting_slot *slot = &t->slots[i];
        if (slot->hash == hash && slot->count == count &&
            memcmp(t->pool + slot->at, list, (size_t)count * sizeof *list) == 0) {
            *first = slot->household_index;
            return true;
        }
    }
    if (!ARRAY_RESERVE(t->pool, t->pool_used, (size_t)count, t->pool_capacity))
        return false;
    memcpy(t->pool + t->pool_used, list, (size_t)count * sizeof *list);
    t->slots[i] = (fitting_slot){hash, count, household_index, t->pool_used, true};
    t->pool_used += (size_t)count;
    *first = household_index;
    return true;
}
