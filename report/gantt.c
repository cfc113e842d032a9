/* gantt.svg: one row per dwelling, grouped by territory, a bar per stay coloured by how full the
 * dwelling is; sliding leases hatched, fixed stays outlined, unavailable periods grey. Sizes are
 * fixed (rows of 14 px, fonts of 9 to 12 px) so that 200 dwellings stay readable. */
#include "report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum {
    WIDTH = 1360,
    LABEL_X = 8,
    PLOT_X = 176,
    PLOT_RIGHT = 1348,
    ROW = 14,
    BAR = 10,
    GROUP = 24,  /* a territory's heading band and the gap above its rows */
    AXIS = 22,   /* the month labels */
    LEGEND = 30,
    TITLE = 30
};

/* Width of a label in the 9 px bar font, generously estimated (DejaVu Sans digits are 0.64 em
 * wide): a label is only written where it fits. */
static double label_width(const char *text)
{
    return 5.8 * (double)strlen(text) + 6;
}

typedef struct {
    const report_data *data;
    textbuf *out;
    double scale; /* pixels per day */
    int top;      /* y of the month labels */
    int rows_top, rows_bottom;
    int *row_y;   /* per position in dwellings_in_order */
    int *group_y; /* per territory: y of its heading, -1 when it has no dwelling */
    int height;
} gantt;

static double day_x(const gantt *g, day_t day)
{
    const logis_scenario *s = g->data->scenario;
    day = day < s->horizon_start ? s->horizon_start : day > s->horizon_end ? s->horizon_end : day;
    return PLOT_X + (day - s->horizon_start) * g->scale;
}

static void lay_out(gantt *g, bool standalone)
{
    const logis_scenario *s = g->data->scenario;
    g->scale = (double)(PLOT_RIGHT - PLOT_X) / (s->horizon_end - s->horizon_start);
    g->top = (standalone ? TITLE : 0) + LEGEND;
    int y = g->rows_top = g->top + AXIS;
    for (int t = 0; t < s->territory_count; t++)
        g->group_y[t] = -1;
    for (int k = 0; k < s->dwelling_count; k++) {
        int dw = g->data->dwellings_in_order[k];
        int t = s->dwellings[dw].territory;
        if (g->group_y[t] < 0) {
            g->group_y[t] = y + 4;
            y += GROUP + 4;
        }
        g->row_y[k] = y;
        y += ROW * g->data->lanes[dw];
    }
    g->rows_bottom = y;
    g->height = y + AXIS + 6;
}

static void write_style(gantt *g)
{
    textbuf_puts(g->out,
                 "<style>\n"
                 ".g-title{font-size:15px;font-weight:bold;fill:#1b1f24}\n"
                 ".g-text{font-size:11px;fill:#1b1f24}\n"
                 ".g-id{font-size:10px;fill:#1b1f24}\n"
                 ".g-tag{font-size:9px;fill:#57606a}\n"
                 ".g-places{font-size:10px;fill:#57606a;text-anchor:end}\n"
                 ".g-head{font-size:12px;font-weight:bold;fill:#1b1f24}\n"
                 ".g-month{font-size:11px;fill:#1b1f24;text-anchor:middle}\n"
                 ".g-grid{stroke:#c8d1da;stroke-width:0.7}\n"
                 ".g-band{fill:#e3eaf2}\n"
                 ".g-zebra{fill:#f4f6f8}\n"
                 ".g-off{fill:#d4d4d4}\n"
                 ".g-fixed{fill:none;stroke:#000;stroke-width:1.6}\n"
                 ".g-now{stroke:#d1495b;stroke-width:2;stroke-dasharray:5 3}\n"
                 ".g-now-text{font-size:11px;font-weight:bold;fill:#d1495b;paint-order:stroke;"
                 "stroke:#fff;stroke-width:3px;stroke-linejoin:round}\n"
                 ".g-b0{fill:#08519c}.g-b1{fill:#3182bd}.g-b2{fill:#9ecae1}.g-b3{fill:#fdae6b}\n"
                 ".g-label{font-size:9px;paint-order:stroke;stroke-width:2.5px;"
                 "stroke-linejoin:round}\n"
                 ".g-l0{fill:#fff;stroke:#08519c}.g-l1{fill:#fff;stroke:#3182bd}\n"
                 ".g-l2{fill:#10243e;stroke:#9ecae1}.g-l3{fill:#10243e;stroke:#fdae6b}\n"
                 "</style>\n"
                 "<defs><pattern id=\"g-hatch\" width=\"6\" height=\"6\" "
                 "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
                 "<rect width=\"2.5\" height=\"6\" fill=\"#fff\" fill-opacity=\"0.6\"/>"
                 "</pattern></defs>\n");
}

static void write_swatch(gantt *g, double x, int y, const char *fill_class, bool hatch,
                         bool outline, const char *text)
{
    textbuf_printf(g->out, "<rect class=\"%s\" x=\"%.1f\" y=\"%d\" width=\"22\" height=\"%d\"/>",
                   fill_class, x, y, BAR);
    if (hatch)
        textbuf_printf(g->out, "<rect fill=\"url(#g-hatch)\" x=\"%.1f\" y=\"%d\" width=\"22\" "
                               "height=\"%d\"/>", x, y, BAR);
    if (outline)
        textbuf_printf(g->out, "<rect class=\"g-fixed\" x=\"%.1f\" y=\"%d\" width=\"22\" "
                               "height=\"%d\"/>", x, y, BAR);
    textbuf_printf(g->out, "<text class=\"g-text\" x=\"%.1f\" y=\"%d\">%s</text>\n", x + 27,
                   y + 9, text);
}

static void write_legend(gantt *g)
{
    static const struct {
        const char *fill;
        bool hatch, outline;
        const char *text;
    } items[] = {
        {"g-b0", false, false, "full"},
        {"g-b1", false, false, "75\xE2\x80\x93" "99\xC2\xA0%"},
        {"g-b2", false, false, "50\xE2\x80\x93" "74\xC2\xA0%"},
        {"g-b3", false, false, "under 50\xC2\xA0%"},
        {"g-b1", true, false, "sliding lease"},
        {"g-b2", false, true, "fixed or kept stay"},
        {"g-off", false, false, "not available"},
    };
    int y = g->top - LEGEND + 6;
    textbuf_printf(g->out, "<text class=\"g-text\" x=\"%d\" y=\"%d\">Persons in the dwelling "
                           "\xC3\xB7 places, at move-in:</text>\n", LABEL_X, y + 9);
    double x = LABEL_X + 262;
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++) {
        write_swatch(g, x, y, items[i].fill, items[i].hatch, items[i].outline, items[i].text);
        x += 27 + 6.6 * (double)strlen(items[i].text) + 22;
    }
}

static void write_month_labels(gantt *g, int baseline)
{
    const report_data *d = g->data;
    for (int m = 0; m < d->month_count; m++) {
        const report_month *rm = &d->months[m];
        double x0 = day_x(g, rm->first), x1 = day_x(g, rm->end);
        if (x1 - x0 < 24)
            continue;
        bool with_year = (rm->month == 1 || m == 0) && x1 - x0 >= 60;
        textbuf_printf(g->out, "<text class=\"g-month\" x=\"%.1f\" y=\"%d\">%s", (x0 + x1) / 2,
                       baseline, report_month_name(rm->month));
        if (with_year)
            textbuf_printf(g->out, " %d", rm->year);
        textbuf_puts(g->out, "</text>\n");
    }
}

static void write_grid(gantt *g)
{
    const report_data *d = g->data;
    for (int m = 0; m <= d->month_count; m++) {
        day_t day = m < d->month_count ? d->months[m].first : d->scenario->horizon_end;
        textbuf_printf(g->out, "<line class=\"g-grid\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
                               "y2=\"%d\"/>\n",
                       day_x(g, day), g->rows_top, day_x(g, day), g->rows_bottom);
    }
}

/* A re-plan's date: what is left of the line has begun and is kept. */
static void write_now(gantt *g)
{
    const logis_plan *plan = g->data->plan;
    if (!plan->replanned)
        return;
    char text[DATE_TEXT_SIZE];
    date_format(plan->replan.now, text);
    double x = day_x(g, plan->replan.now);
    textbuf_printf(g->out, "<line class=\"g-now\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" "
                           "y2=\"%d\"/>\n<text class=\"g-now-text\" x=\"%.1f\" y=\"%d\">now "
                           "%s</text>\n", x, g->rows_top - 4, x, g->rows_bottom, x + 4,
                   g->rows_top + 12, text);
}

static void write_backgrounds(gantt *g)
{
    const logis_scenario *s = g->data->scenario;
    for (int t = 0; t < s->territory_count; t++)
        if (g->group_y[t] >= 0)
            textbuf_printf(g->out, "<rect class=\"g-band\" x=\"0\" y=\"%d\" width=\"%d\" "
                                   "height=\"%d\"/>\n", g->group_y[t], WIDTH, GROUP - 4);
    for (int k = 1; k < s->dwelling_count; k += 2) {
        int dw = g->data->dwellings_in_order[k];
        textbuf_printf(g->out, "<rect class=\"g-zebra\" x=\"0\" y=\"%d\" width=\"%d\" "
                               "height=\"%d\"/>\n", g->row_y[k], WIDTH, ROW * g->data->lanes[dw]);
    }
}

static void write_group_heading(gantt *g, int territory_index)
{
    const logis_scenario *s = g->data->scenario;
    const territory *t = &s->territories[territory_index];
    const park_figures *p = &g->data->totals.territories[territory_index];
    char percent[16];
    textbuf_printf(g->out, "<text class=\"g-head\" x=\"%d\" y=\"%d\">", LABEL_X,
                   g->group_y[territory_index] + 14);
    xml_text(g->out, t->id);
    if (t->name && t->name[0]) {
        textbuf_puts(g->out, " \xC2\xB7 ");
        xml_text(g->out, t->name);
    }
    textbuf_printf(g->out, " \xE2\x80\x94 %ld dwellings, %ld places, %ld households housed, "
                           "occupancy %s\xC2\xA0%%</text>\n",
                   p->dwellings, p->places, p->households_housed,
                   report_percent(p->person_days, p->place_days, percent));
}

static void write_unavailable(gantt *g, int dw, int y)
{
    const logis_scenario *s = g->data->scenario;
    const dwelling *d = &s->dwellings[dw];
    int height = ROW * g->data->lanes[dw] - 2;
    double from = day_x(g, d->available_from), until = day_x(g, g->data->park_exit[dw]);
    if (from > PLOT_X)
        textbuf_printf(g->out, "<rect class=\"g-off\" x=\"%d\" y=\"%d\" width=\"%.1f\" "
                               "height=\"%d\"><title>not available yet</title></rect>\n",
                       PLOT_X, y + 1, from - PLOT_X, height);
    if (until < PLOT_RIGHT) {
        bool passed = g->data->park_exit[dw] < d->available_until;
        textbuf_printf(g->out, "<rect class=\"g-off\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
                               "height=\"%d\"><title>%s</title></rect>\n",
                       until, y + 1, PLOT_RIGHT - until, height,
                       passed ? "the lease has passed to the household" : "no longer available");
        if (passed && PLOT_RIGHT - until > 80)
            textbuf_printf(g->out, "<text class=\"g-tag\" x=\"%.1f\" y=\"%d\">lease passed"
                                   "</text>\n", until + 4, y + 10);
    }
}

static int fullness_bucket(double fullness)
{
    return fullness >= 0.999 ? 0 : fullness >= 0.75 ? 1 : fullness >= 0.5 ? 2 : 3;
}

static void write_bar_title(gantt *g, int i)
{
    const logis_scenario *s = g->data->scenario;
    const stay *st = &g->data->plan->stays[i];
    const household *h = &s->households[st->household];
    const dwelling *d = &s->dwellings[st->dwelling];
    char start[DATE_TEXT_SIZE], end[DATE_TEXT_SIZE];
    date_format(st->start, start);
    date_format(st->end, end);
    textbuf_puts(g->out, "<title>");
    xml_text(g->out, h->id);
    textbuf_printf(g->out, ", %d person%s, in ", h->size, h->size > 1 ? "s" : "");
    xml_text(g->out, d->id);
    textbuf_printf(g->out, " (%d places%s) from %s to %s%s</title>", d->places,
                   d->lease == LEASE_SLIDING ? ", sliding lease" : "", start, end,
                   g->data->fixed[i] ? ", fixed" : "");
}

static void write_bar_label(gantt *g, int i, double x, double width, int y, int bucket)
{
    const logis_scenario *s = g->data->scenario;
    const household *h = &s->households[g->data->plan->stays[i].household];
    char size[16], full[240];
    snprintf(size, sizeof size, "%d", h->size);
    snprintf(full, sizeof full, "%.200s (%d)", h->id, h->size);
    const char *label = width >= label_width(full) ? full : width >= label_width(size) ? size
                                                                                       : NULL;
    if (!label)
        return;
    textbuf_printf(g->out, "<text class=\"g-label g-l%d\" x=\"%.1f\" y=\"%d\">", bucket, x + 3,
                   y + 8);
    xml_text(g->out, label);
    textbuf_puts(g->out, "</text>");
}

static void write_bar(gantt *g, int i, int row_y)
{
    const stay *st = &g->data->plan->stays[i];
    const dwelling *d = &g->data->scenario->dwellings[st->dwelling];
    double x0 = day_x(g, st->start), x1 = day_x(g, st->end);
    /* A pixel less, so that back-to-back stays show as two bars. */
    double width = x1 - x0 - 1 > 1.5 ? x1 - x0 - 1 : 1.5;
    int y = row_y + ROW * g->data->lane[i] + 2;
    int bucket = fullness_bucket(g->data->fullness[i]);
    textbuf_puts(g->out, "<g>");
    write_bar_title(g, i);
    textbuf_printf(g->out, "<rect class=\"g-b%d\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
                           "height=\"%d\"/>",
                   bucket, x0, y, width, BAR);
    if (d->lease == LEASE_SLIDING)
        textbuf_printf(g->out, "<rect fill=\"url(#g-hatch)\" x=\"%.1f\" y=\"%d\" "
                               "width=\"%.1f\" height=\"%d\"/>", x0, y, width, BAR);
    if (g->data->fixed[i])
        textbuf_printf(g->out, "<rect class=\"g-fixed\" x=\"%.1f\" y=\"%d\" width=\"%.1f\" "
                               "height=\"%d\"/>", x0, y, width, BAR);
    write_bar_label(g, i, x0, width, y, bucket);
    textbuf_puts(g->out, "</g>\n");
}

static void write_row_label(gantt *g, int dw, int y)
{
    const dwelling *d = &g->data->scenario->dwellings[dw];
    const char *tag = d->lease == LEASE_SLIDING ? "sliding" : d->shared ? "shared" : "";
    textbuf_printf(g->out, "<text class=\"g-id\" x=\"%d\" y=\"%d\">", LABEL_X + 8, y + 10);
    xml_text(g->out, d->id);
    textbuf_printf(g->out, "</text><text class=\"g-tag\" x=\"%d\" y=\"%d\">%s</text>"
                           "<text class=\"g-places\" x=\"%d\" y=\"%d\">%d pl.</text>\n",
                   LABEL_X + 96, y + 10, tag, PLOT_X - 6, y + 10, d->places);
}

static void write_rows(gantt *g)
{
    const report_data *d = g->data;
    const logis_scenario *s = d->scenario;
    int next = 0; /* position in stays_in_order */
    for (int t = 0; t < s->territory_count; t++)
        if (g->group_y[t] >= 0)
            write_group_heading(g, t);
    for (int k = 0; k < s->dwelling_count; k++) {
        int dw = d->dwellings_in_order[k];
        write_row_label(g, dw, g->row_y[k]);
        write_unavailable(g, dw, g->row_y[k]);
        while (next < d->plan->stay_count && d->plan->stays[d->stays_in_order[next]].dwelling == dw)
            write_bar(g, d->stays_in_order[next++], g->row_y[k]);
    }
}

static void write_chart(gantt *g, bool standalone)
{
    const logis_scenario *s = g->data->scenario;
    if (standalone) {
        textbuf_printf(g->out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" "
                               "height=\"%d\" viewBox=\"0 0 %d %d\" ",
                       WIDTH, g->height, WIDTH, g->height);
    } else {
        textbuf_printf(g->out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%%\" "
                               "viewBox=\"0 0 %d %d\" ", WIDTH, g->height);
    }
    textbuf_puts(g->out, "font-family=\"DejaVu Sans, Arial, Helvetica, sans-serif\" role=\"img\" "
                         "aria-label=\"dwellings over time\">\n");
    write_style(g);
    textbuf_printf(g->out, "<rect x=\"0\" y=\"0\" width=\"%d\" height=\"%d\" fill=\"#fff\"/>\n",
                   WIDTH, g->height);
    if (standalone) {
        textbuf_printf(g->out, "<text class=\"g-title\" x=\"%d\" y=\"20\">", LABEL_X);
        /* The file is often shown alone: it names a plan that breaks the rules itself. */
        if (g->data->violations > 0)
            textbuf_printf(g->out, "<tspan fill=\"#b00020\">This plan breaks the rules: %ld "
                                   "violation%s \xE2\x80\x94 </tspan>", g->data->violations,
                           g->data->violations > 1 ? "s" : "");
        textbuf_puts(g->out, "Dwellings over time: ");
        xml_text(g->out, s->name[0] ? s->name : "(no name)");
        textbuf_puts(g->out, "</text>\n");
    }
    write_legend(g);
    write_backgrounds(g);
    write_grid(g);
    write_month_labels(g, g->top + 15);
    write_rows(g);
    write_now(g);
    write_month_labels(g, g->rows_bottom + 16);
    textbuf_puts(g->out, "</svg>\n");
}

void report_gantt_svg(const report_data *data, bool standalone, textbuf *out)
{
    const logis_scenario *s = data->scenario;
    gantt g = {.data = data, .out = out};
    g.row_y = malloc(((size_t)s->dwelling_count + 1) * sizeof *g.row_y);
    g.group_y = malloc(((size_t)s->territory_count + 1) * sizeof *g.group_y);
    if (g.row_y && g.group_y) {
        lay_out(&g, standalone);
        write_chart(&g, standalone);
    } else {
        out->failed = true;
    }
    free(g.row_y);
    free(g.group_y);
}

char *report_gantt_file(const report_data *data)
{
    textbuf out = {0};
    report_gantt_svg(data, true, &out);
    return textbuf_finish(&out);
}
