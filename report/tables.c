/* The report's spreadsheets: assignments.csv, unassigned.csv and occupancy.csv, written with the
 * shared RFC 4180 writer (base/csv.h). */
#include "base/csv.h"
#include "report/report.h"

#include <stdio.h>

static const char *lease_name(lease_kind lease)
{
    return lease == LEASE_SLIDING ? "sliding" : "temporary";
}

/* The household's accepted territories as "T01;T02" (empty: any) into text. */
static void territories_text(const logis_scenario *s, const household *h, textbuf *text)
{
    for (int i = 0; i < h->territory_count; i++)
        textbuf_printf(text, "%s%s", i ? ";" : "", s->territories[h->territories[i]].id);
}

static void needs_text(const logis_scenario *s, feature_set needs, textbuf *text)
{
    int written = 0;
    for (int bit = 0; bit < s->feature_count; bit++)
        if (needs & ((feature_set)1 << bit))
            textbuf_printf(text, "%s%s", written++ ? ";" : "", s->features[bit]);
}

/* A cell built from a temporary text (lists). */
static void list_cell(csv_writer *w, textbuf *text)
{
    csv_text(w, text->text && !text->failed ? text->text : "");
    w->text.failed |= text->failed;
    textbuf_discard(text);
}

char *report_assignments_csv(const report_data *d)
{
    static const char *const header[] = {
        "household", "size", "arrival", "priority", "dwelling", "territory", "places",
        "lease", "shared", "start", "end", "wait_days", "fixed", NULL};
    const logis_scenario *s = d->scenario;
    csv_writer w = {0};
    csv_start(&w);
    csv_cells(&w, header);
    for (int k = 0; k < d->plan->stay_count; k++) {
        int i = d->stays_in_order[k];
        const stay *st = &d->plan->stays[i];
        const household *h = &s->households[st->household];
        const dwelling *dw = &s->dwellings[st->dwelling];
        csv_text(&w, h->id);
        csv_integer(&w, h->size);
        csv_date(&w, h->arrival);
        csv_integer(&w, h->priority);
        csv_text(&w, dw->id);
        csv_text(&w, s->territories[dw->territory].id);
        csv_integer(&w, dw->places);
        csv_text(&w, lease_name(dw->lease));
        csv_text(&w, dw->shared ? "true" : "false");
        csv_date(&w, st->start);
        csv_date(&w, st->end);
        csv_integer(&w, st->start - h->arrival);
        csv_text(&w, d->fixed[i] ? "true" : "false");
        csv_end_row(&w);
    }
    return csv_finish(&w);
}

char *report_unassigned_csv(const report_data *d)
{
    static const char *const header[] = {"household", "size", "arrival", "priority",
                                         "territories", "needs", "code", "reason", NULL};
    const logis_scenario *s = d->scenario;
    csv_writer w = {0};
    csv_start(&w);
    csv_cells(&w, header);
    for (int i = 0; i < d->plan->left_count; i++) {
        const left_out *l = &d->plan->left[i];
        const household *h = &s->households[l->household];
        textbuf list = {0};
        csv_text(&w, h->id);
        csv_integer(&w, h->size);
        csv_date(&w, h->arrival);
        csv_integer(&w, h->priority);
        territories_text(s, h, &list);
        list_cell(&w, &list);
        needs_text(s, h->needs, &list);
        list_cell(&w, &list);
        csv_text(&w, left_out_code_name(l->code));
        csv_text(&w, l->reason);
        csv_end_row(&w);
    }
    return csv_finish(&w);
}

char *report_occupancy_csv(const report_data *d)
{
    static const char *const header[] = {
        "territory", "month", "days", "place_days", "person_days", "places", "persons",
        "occupancy", "accompanied_peak", "caseload", NULL};
    const logis_scenario *s = d->scenario;
    csv_writer w = {0};
    csv_start(&w);
    csv_cells(&w, header);
    for (int t = 0; t < s->territory_count; t++)
        for (int m = 0; m < d->month_count; m++) {
            const report_month *rm = &d->months[m];
            const month_figures *f = report_monthly(d, t, m);
            int days = rm->end - rm->first;
            char month[16];
            snprintf(month, sizeof month, "%04d-%02d", rm->year % 10000, rm->month % 100);
            csv_text(&w, s->territories[t].id);
            csv_text(&w, month);
            csv_integer(&w, days);
            csv_integer(&w, (long)f->place_days);
            csv_integer(&w, (long)f->person_days);
            csv_decimal(&w, f->place_days / days, 1);
            csv_decimal(&w, f->person_days / days, 1);
            csv_decimal(&w, f->place_days > 0 ? f->person_days / f->place_days : 0, 4);
            csv_integer(&w, f->accompanied_peak);
            if (s->territories[t].caseload == NO_CASELOAD)
                csv_empty(&w);
            else
                csv_integer(&w, s->territories[t].caseload);
            csv_end_row(&w);
        }
    return csv_finish(&w);
}
