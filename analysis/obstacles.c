/* What stands in the way of a household moving into a dwelling on a date: the dates (rule 3),
 * the households holding the dwelling (rule 5), the team's caseload (rule 6), a quota (rule 8). */
#include "analysis/obstacles.h"

#include "domain/rules.h"

#include <stdlib.h>
#include <string.h>

static int load_on(const holding *list, int n, day_t day)
{
    int load = 0;
    for (int i = 0; i < n; i++)
        if (list[i].start <= day && day < list[i].until)
            load += list[i].weight;
    return load;
}

/* Loads only rise where a holding starts, so the dates to look at are from and the starts
 * inside. */
int peak_load(const holding *list, int n, day_t from, day_t to)
{
    int peak = load_on(list, n, from);
    for (int i = 0; i < n; i++)
        if (from < list[i].start && list[i].start < to) {
            int load = load_on(list, n, list[i].start);
            peak = load > peak ? load : peak;
        }
    return peak;
}

typedef struct {
    bool full;
    day_t first_day; /* the earliest full date */
    int first_load;  /* what the holdings weigh then */
} limit_check;

/* Would a new holding of weight over [from, to) take the holdings over limit? Marks in counted
 * (per holding) those that count on some full date. */
static limit_check over_limit(const holding *list, int n, day_t from, day_t to, int weight,
                              int limit, bool *counted)
{
    limit_check check = {false, 0, 0};
    for (int k = -1; k < n; k++) {
        day_t day = k < 0 ? from : list[k].start;
        if (k >= 0 && !(from < day && day < to))
            continue;
        int load = load_on(list, n, day);
        if (load + weight <= limit)
            continue;
        if (!check.full || day < check.first_day)
            check = (limit_check){true, day, load};
        for (int i = 0; i < n; i++)
            counted[i] = counted[i] || (list[i].start <= day && day < list[i].until);
    }
    return check;
}

int dwelling_holdings(const logis_scenario *s, const stay_list *stays, int d,
                             holding *out)
{
    const dwelling *dw = &s->dwellings[d];
    int n = 0;
    for (int i = 0; i < stays->count; i++) {
        const stay *st = &stays->items[i];
        if (st->dwelling == d)
            out[n++] = (holding){i, st->start, rule_occupied_until(s, dw, st->end),
                                 dw->shared ? s->households[st->household].size : 1};
    }
    return n;
}

static int caseload_holdings(const logis_scenario *s, const stay_list *stays, int t,
                             holding *out)
{
    int n = 0;
    for (int i = 0; i < stays->count; i++) {
        const stay *st = &stays->items[i];
        if (s->dwellings[st->dwelling].territory == t)
            out[n++] = (holding){i, st->start, rule_support_end(s, st->start), 1};
    }
    return n;
}

static void note_holders(obstacles *out, const holding *list, int n, const bool *counted,
                         bool *in_the_way)
{
    for (int i = 0; i < n; i++) {
        if (!counted[i])
            continue;
        if (in_the_way)
            in_the_way[list[i].stay] = true;
        if (out->holder_count < LISTED_MAX)
            out->holders[out->holder_count] = list[i].stay;
        out->holder_count++;
    }
}

/* Rule 8: the first quota of territory t that h moving in on start would exceed. */
static void check_quotas(const logis_scenario *s, const stay_list *stays, const household *h,
                         int t, day_t start, obstacles *out)
{
    const territory *team = &s->territories[t];
    for (int k = 0; k < team->quota_count && !out->quota_full; k++) {
        const quota *q = &team->quotas[k];
        if (!rule_in_quota(q, start))
            continue;
        long persons = 0, households = 0;
        for (int i = 0; i < stays->count; i++) {
            const stay *st = &stays->items[i];
            if (s->dwellings[st->dwelling].territory == t && rule_in_quota(q, st->start)) {
                persons += s->households[st->household].size;
                households++;
            }
        }
        out->quota_full = (q->persons != NO_QUOTA && persons + h->size > q->persons) ||
                          (q->households != NO_QUOTA && households + 1 > q->households);
        out->quota_index = k;
        out->quota_persons = persons;
        out->quota_households = households;
    }
}

/* find_obstacles, and marking the stays in the way when in_the_way is given. */
static bool examine(const logis_scenario *s, const stay_list *stays, const household *h, int d,
                    day_t start, obstacles *out, bool *in_the_way)
{
    const dwelling *dw = &s->dwellings[d];
    const territory *t = &s->territories[dw->territory];
    day_t end = rule_stay_end(s, h, dw, start);
    holding *list = malloc(((size_t)stays->count + 1) * sizeof *list);
    bool *counted = calloc((size_t)stays->count + 1, sizeof *counted);
    bool ok = list && counted;
    *out = (obstacles){.outside_availability = !rule_within_availability(dw, start, end)};
    if (!ok)
        goto done;
    int n = dwelling_holdings(s, stays, d, list);
    limit_check room = over_limit(list, n, start, rule_occupied_until(s, dw, end),
                                  dw->shared ? h->size : 1, dw->shared ? dw->places : 1,
                                  counted);
    out->places_taken = room.full && dw->shared ? room.first_load : 0;
    note_holders(out, list, n, counted, in_the_way);
    check_quotas(s, stays, h, dw->territory, start, out);
    if (t->caseload == NO_CASELOAD)
        goto done;
    n = caseload_holdings(s, stays, dw->territory, list);
    memset(counted, 0, (size_t)n * sizeof *counted);
    limit_check team = over_limit(list, n, start, rule_support_end(s, start), 1, t->caseload,
                                  counted);
    out->caseload_full = team.full;
    out->caseload_load = team.first_load;
    out->caseload_day = team.first_day;
    for (int i = 0; in_the_way && i < n; i++)
        in_the_way[list[i].stay] = in_the_way[list[i].stay] || counted[i];
done:
    free(counted);
    free(list);
    return ok;
}

bool find_obstacles(const logis_scenario *s, const stay_list *stays, const household *h, int d,
                    day_t start, obstacles *out)
{
    return examine(s, stays, h, d, start, out, NULL);
}

int mark_stays_in_the_way(const logis_scenario *s, const stay_list *stays, const household *h,
                          int d, day_t start, bool *in_the_way)
{
    obstacles found;
    memset(in_the_way, 0, (size_t)stays->count * sizeof *in_the_way);
    if (!examine(s, stays, h, d, start, &found, in_the_way))
        return -1;
    int marked = 0;
    for (int i = 0; i < stays->count; i++)
        marked += in_the_way[i];
    return marked;
}

bool same_obstacles(const obstacles *a, const obstacles *b)
{
    if (a->outside_availability != b->outside_availability ||
        a->holder_count != b->holder_count || a->places_taken != b->places_taken ||
        a->caseload_full != b->caseload_full || a->caseload_load != b->caseload_load ||
        a->quota_full != b->quota_full || (a->quota_full && a->quota_index != b->quota_index))
        return false;
    int listed = a->holder_count < LISTED_MAX ? a->holder_count : LISTED_MAX;
    return memcmp(a->holders, b->holders, (size_t)listed * sizeof *a->holders) == 0;
}
