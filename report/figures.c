/* What a report shows, computed once: the plan's figures by territory and month, when each
 * dwelling leaves the park, which stays are fixed, and how the Gantt chart lays stays out. */
#include "report/report.h"

#include "domain/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *report_month_name(int month)
{
    static const char *const names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return names[(month - 1) % 12];
}

const char *report_percent(double part, double whole, char *text)
{
    if (whole > 0)
        snprintf(text, 16, "%.1f", 100 * part / whole);
    else
        snprintf(text, 16, "-");
    return text;
}

const month_figures *report_monthly(const report_data *data, int territory_index, int month)
{
    return &data->monthly[(size_t)territory_index * (size_t)data->month_count + (size_t)month];
}

static day_t earlier(day_t a, day_t b)
{
    return a < b ? a : b;
}

static day_t later(day_t a, day_t b)
{
    return a > b ? a : b;
}

/* Days of [start, end) within [from, until). */
static int overlap_days(day_t start, day_t end, day_t from, day_t until)
{
    day_t low = later(start, from), high = earlier(end, until);
    return high > low ? high - low : 0;
}

/* ---- orders ---- */

static int compare_dwellings(const void *a, const void *b, void *context)
{
    const logis_scenario *s = context;
    const dwelling *x = &s->dwellings[*(const int *)a], *y = &s->dwellings[*(const int *)b];
    if (x->territory != y->territory)
        return x->territory < y->territory ? -1 : 1;
    return strcmp(x->id, y->id);
}

typedef struct {
    const logis_plan *plan;
    const int *rank; /* per dwelling: its place in dwellings_in_order */
} stay_order;

static int compare_stays(const void *a, const void *b, void *context)
{
    const stay_order *order = context;
    const stay *x = &order->plan->stays[*(const int *)a];
    const stay *y = &order->plan->stays[*(const int *)b];
    if (x->dwelling != y->dwelling)
        return order->rank[x->dwelling] < order->rank[y->dwelling] ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    const logis_scenario *s = order->plan->scenario;
    return strcmp(s->households[x->household].id, s->households[y->household].id);
}

static bool sort_records(report_data *d)
{
    const logis_scenario *s = d->scenario;
    int *rank = malloc(((size_t)s->dwelling_count + 1) * sizeof *rank);
    if (!rank)
        return false;
    for (int i = 0; i < s->dwelling_count; i++)
        d->dwellings_in_order[i] = i;
    qsort_r(d->dwellings_in_order, (size_t)s->dwelling_count, sizeof(int), compare_dwellings,
            (void *)s);
    for (int i = 0; i < s->dwelling_count; i++)
        rank[d->dwellings_in_order[i]] = i;
    for (int i = 0; i < d->plan->stay_count; i++)
        d->stays_in_order[i] = i;
    stay_order order = {d->plan, rank};
    qsort_r(d->stays_in_order, (size_t)d->plan->stay_count, sizeof(int), compare_stays, &order);
    free(rank);
    return true;
}

/* ---- stays ---- */

static void find_park_exits(report_data *d)
{
    const logis_scenario *s = d->scenario;
    for (int i = 0; i < s->dwelling_count; i++)
        d->park_exit[i] = s->dwellings[i].available_until;
    for (int i = 0; i < d->plan->stay_count; i++) {
        const stay *st = &d->plan->stays[i];
        if (s->dwellings[st->dwelling].lease == LEASE_SLIDING)
            d->park_exit[st->dwelling] = earlier(d->park_exit[st->dwelling], st->end);
    }
}

static void find_fixed_stays(report_data *d)
{
    const logis_scenario *s = d->scenario;
    for (int i = 0; i < d->plan->stay_count; i++) {
        const stay *st = &d->plan->stays[i];
        d->fixed[i] = st->kept != KEPT_NONE;
        for (int f = 0; f < s->fixed_count && !d->fixed[i]; f++)
            d->fixed[i] = s->fixed[f].household == st->household &&
                          s->fixed[f].dwelling == st->dwelling && s->fixed[f].start == st->start;
    }
}

/* Gives each stay the first line of its dwelling's row that is free from its start, so that
 * stays sharing a dwelling (a shared flat, or a hand-edited plan that overlaps) never hide
 * one another; and how full the dwelling is the day it moves in. */
static void lay_out_stays(report_data *d)
{
    const logis_scenario *s = d->scenario;
    const logis_plan *plan = d->plan;
    enum { MAX_LANES = 64 };
    day_t lane_free[MAX_LANES];
    for (int i = 0; i < s->dwelling_count; i++)
        d->lanes[i] = 1;
    for (int first = 0, last; first < plan->stay_count; first = last) {
        int dw = plan->stays[d->stays_in_order[first]].dwelling;
        for (last = first; last < plan->stay_count &&
                           plan->stays[d->stays_in_order[last]].dwelling == dw;
             last++) {
        }
        int used = 0;
        for (int k = first; k < last; k++) {
            int i = d->stays_in_order[k];
            const stay *st = &plan->stays[i];
            int lane = 0;
            while (lane < used && lane_free[lane] > st->start)
                lane++;
            lane = lane < MAX_LANES ? lane : MAX_LANES - 1;
            used = lane >= used ? lane + 1 : used;
            lane_free[lane] = st->end;
            d->lane[i] = lane;
            int persons = 0;
            for (int j = first; j < last; j++) {
                const stay *other = &plan->stays[d->stays_in_order[j]];
                if (other->start <= st->start && st->start < other->end)
                    persons += s->households[other->household].size;
            }
            d->fullness[i] = (double)persons / s->dwellings[dw].places;
        }
        d->lanes[dw] = used;
    }
}

/* ---- months ---- */

static bool make_months(report_data *d)
{
    const logis_scenario *s = d->scenario;
    int year, month, mday, last_year, last_month;
    date_to_ymd(s->horizon_start, &year, &month, &mday);
    date_to_ymd(s->horizon_end - 1, &last_year, &last_month, &mday);
    d->month_count = (last_year - year) * 12 + (last_month - month) + 1;
    d->months = calloc((size_t)d->month_count, sizeof *d->months);
    d->monthly = calloc((size_t)d->month_count * (size_t)s->territory_count + 1,
                        sizeof *d->monthly);
    if (!d->months || !d->monthly)
        return false;
    for (int m = 0; m < d->month_count; m++) {
        report_month *rm = &d->months[m];
        rm->year = year + (month - 1 + m) / 12;
        rm->month = (month - 1 + m) % 12 + 1;
        day_t first = date_from_ymd(rm->year, rm->month, 1);
        rm->first = later(first, s->horizon_start);
        rm->end = earlier(date_add_months(first, 1), s->horizon_end);
    }
    return true;
}

static month_figures *monthly_at(report_data *d, int territory_index, int month)
{
    return (month_figures *)report_monthly(d, territory_index, month);
}

static void add_place_and_person_days(report_data *d)
{
    const logis_scenario *s = d->scenario;
    for (int m = 0; m < d->month_count; m++) {
        const report_month *rm = &d->months[m];
        for (int i = 0; i < s->dwelling_count; i++) {
            const dwelling *dw = &s->dwellings[i];
            int days = overlap_days(dw->available_from, d->park_exit[i], rm->first, rm->end);
            monthly_at(d, dw->territory, m)->place_days += (double)dw->places * days;
        }
        for (int i = 0; i < d->plan->stay_count; i++) {
            const stay *st = &d->plan->stays[i];
            int days = overlap_days(st->start, st->end, rm->first, rm->end);
            int t = s->dwellings[st->dwelling].territory;
            monthly_at(d, t, m)->person_days +=
                (double)s->households[st->household].size * days;
        }
    }
}

/* Households accompanied on each day of the horizon, territory by territory, as running sums
 * of +1 at the start of an accompaniment and -1 at its end; the peak of each month kept. */
static bool add_accompaniment(report_data *d)
{
    const logis_scenario *s = d->scenario;
    day_t origin = s->horizon_start;
    size_t days = (size_t)(s->horizon_end - origin);
    int *change = malloc((days + 1) * sizeof *change);
    if (!change)
        return false;
    for (int t = 0; t < s->territory_count; t++) {
        memset(change, 0, (days + 1) * sizeof *change);
        for (int i = 0; i < d->plan->stay_count; i++) {
            const stay *st = &d->plan->stays[i];
            if (s->dwellings[st->dwelling].territory != t)
                continue;
            day_t from = later(st->start, origin);
            day_t until = earlier(rule_support_end(s, st->start), s->horizon_end);
            if (from < until) {
                change[from - origin]++;
                change[until - origin]--;
            }
        }
        int current = 0;
        for (int m = 0, day = 0; m < d->month_count; m++)
            for (; origin + day < d->months[m].end; day++) {
                current += change[day];
                month_figures *f = monthly_at(d, t, m);
                f->accompanied_peak = later(f->accompanied_peak, current);
            }
    }
    free(change);
    return true;
}

bool report_data_build(const logis_plan *plan, report_data *d)
{
    const logis_scenario *s = plan->scenario;
    size_t stays = (size_t)plan->stay_count + 1, dwellings = (size_t)s->dwelling_count + 1;
    *d = (report_data){.scenario = s, .plan = plan};
    d->park_exit = malloc(dwellings * sizeof *d->park_exit);
    d->dwellings_in_order = malloc(dwellings * sizeof *d->dwellings_in_order);
    d->lanes = malloc(dwellings * sizeof *d->lanes);
    d->stays_in_order = malloc(stays * sizeof *d->stays_in_order);
    d->fixed = calloc(stays, sizeof *d->fixed);
    d->lane = calloc(stays, sizeof *d->lane);
    d->fullness = calloc(stays, sizeof *d->fullness);
    bool ok = d->park_exit && d->dwellings_in_order && d->lanes && d->stays_in_order &&
              d->fixed && d->lane && d->fullness && plan_figures_compute(plan, &d->totals) &&
              sort_records(d) && make_months(d);
    if (ok) {
        find_park_exits(d);
        find_fixed_stays(d);
        lay_out_stays(d);
        add_place_and_person_days(d);
        ok = add_accompaniment(d) && report_count_sizes(d);
    }
    for (int i = 0; ok && i < plan->left_count; i++)
        d->left_by_code[plan->left[i].code]++;
    if (!ok)
        report_data_free(d);
    return ok;
}

void report_data_free(report_data *d)
{
    plan_figures_free(&d->totals);
    free(d->park_exit);
    free(d->dwellings_in_order);
    free(d->lanes);
    free(d->stays_in_order);
    free(d->fixed);
    free(d->lane);
    free(d->fullness);
    free(d->months);
    free(d->monthly);
    free(d->listed_by_size);
    free(d->left_by_size);
    *d = (report_data){0};
}
