/* The occupancy-by-month chart of report.html: per month, the persons housed on an average day
 * stacked by territory, the places available as a line, and the occupancy written above. */
#include "report/report.h"

#include <math.h>
#include <string.h>

enum {
    CHART_WIDTH = 1360,
    CHART_HEIGHT = 330,
    CHART_LEFT = 64,
    CHART_RIGHT = 1344,
    CHART_TOP = 44,
    CHART_BOTTOM = 286
};

/* Colours told apart also by most colour-blind readers (Tableau 10), territory after
 * territory. */
const char *report_territory_colour(int territory_index)
{
    static const char *const colours[] = {"#4e79a7", "#f28e2b", "#59a14f", "#e15759",
                                          "#76b7b2", "#edc948", "#b07aa1", "#ff9da7",
                                          "#9c755f", "#bab0ac"};
    return colours[territory_index % 10];
}

typedef struct {
    const report_data *data;
    textbuf *out;
    double top_value; /* persons at the top of the y axis */
    double slot;      /* width of a month */
} chart;

static double month_persons(const report_data *d, int territory_index, int month)
{
    const report_month *rm = &d->months[month];
    return report_monthly(d, territory_index, month)->person_days / (rm->end - rm->first);
}

static double month_places(const report_data *d, int month)
{
    const report_month *rm = &d->months[month];
    double place_days = 0;
    for (int t = 0; t < d->scenario->territory_count; t++)
        place_days += report_monthly(d, t, month)->place_days;
    return place_days / (rm->end - rm->first);
}

/* A round step (1, 2 or 5 × a power of ten) that cuts [0, top] into about five parts. */
static double tick_step(double top)
{
    double rough = top / 5, power = pow(10, floor(log10(rough)));
    double steps[] = {1, 2, 5, 10};
    for (int i = 0; i < 4; i++)
        if (steps[i] * power >= rough)
            return steps[i] * power;
    return 10 * power;
}

static double value_y(const chart *c, double value)
{
    return CHART_BOTTOM - value / c->top_value * (CHART_BOTTOM - CHART_TOP);
}

static void write_axis(chart *c)
{
    double highest = 1;
    for (int m = 0; m < c->data->month_count; m++) {
        double persons = 0;
        for (int t = 0; t < c->data->scenario->territory_count; t++)
            persons += month_persons(c->data, t, m);
        highest = fmax(highest, fmax(persons, month_places(c->data, m)));
    }
    double step = tick_step(highest);
    c->top_value = ceil(highest / step) * step;
    for (double v = 0; v <= c->top_value + step / 2; v += step)
        textbuf_printf(c->out, "<line class=\"c-grid\" x1=\"%d\" y1=\"%.1f\" x2=\"%d\" "
                               "y2=\"%.1f\"/><text class=\"c-tick\" x=\"%d\" y=\"%.1f\">%.0f"
                               "</text>\n",
                       CHART_LEFT, value_y(c, v), CHART_RIGHT, value_y(c, v), CHART_LEFT - 6,
                       value_y(c, v) + 4, v);
    textbuf_printf(c->out, "<text class=\"c-text\" x=\"%d\" y=\"%d\">persons, on an average "
                           "day of the month</text>\n", CHART_LEFT - 50, CHART_TOP - 12);
}

static void write_month(chart *c, int m)
{
    const report_data *d = c->data;
    const report_month *rm = &d->months[m];
    double x = CHART_LEFT + m * c->slot, bar = c->slot * 0.6, total = 0;
    for (int t = 0; t < d->scenario->territory_count; t++) {
        double persons = month_persons(d, t, m);
        double y0 = value_y(c, total), y1 = value_y(c, total + persons);
        total += persons;
        if (y0 - y1 < 0.05)
            continue;
        textbuf_printf(c->out, "<rect fill=\"%s\" x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" "
                               "height=\"%.1f\"><title>",
                       report_territory_colour(t), x + (c->slot - bar) / 2, y1, bar, y0 - y1);
        xml_text(c->out, d->scenario->territories[t].id);
        textbuf_printf(c->out, ": %.1f persons</title></rect>\n", persons);
    }
    double places = month_places(d, m);
    char percent[16];
    textbuf_printf(c->out, "<line class=\"c-places\" x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" "
                           "y2=\"%.1f\"><title>%.1f places available</title></line>\n",
                   x + 2, value_y(c, places), x + c->slot - 2, value_y(c, places), places);
    textbuf_printf(c->out, "<text class=\"c-percent\" x=\"%.1f\" y=\"%.1f\">%s%s</text>\n",
                   x + c->slot / 2, fmin(value_y(c, total), value_y(c, places)) - 5,
                   report_percent(total, places, percent), places > 0 ? "\xC2\xA0%" : "");
    textbuf_printf(c->out, "<text class=\"c-month\" x=\"%.1f\" y=\"%d\">%s %d</text>\n",
                   x + c->slot / 2, CHART_BOTTOM + 18, report_month_name(rm->month), rm->year);
    /* A month the horizon cuts says so: its average is over fewer days. */
    day_t month_start = date_from_ymd(rm->year, rm->month, 1);
    int days = rm->end - rm->first, whole = date_add_months(month_start, 1) - month_start;
    if (days < whole)
        textbuf_printf(c->out, "<text class=\"c-tick c-middle\" x=\"%.1f\" y=\"%d\">%d day%s"
                               "</text>\n",
                       x + c->slot / 2, CHART_BOTTOM + 33, days, days > 1 ? "s" : "");
}

static void write_legend(chart *c)
{
    const logis_scenario *s = c->data->scenario;
    double x = CHART_LEFT + 330;
    for (int t = 0; t < s->territory_count; t++) {
        textbuf_printf(c->out, "<rect fill=\"%s\" x=\"%.1f\" y=\"12\" width=\"14\" "
                               "height=\"12\"/><text class=\"c-text\" x=\"%.1f\" y=\"22\">",
                       report_territory_colour(t), x, x + 19);
        xml_text(c->out, s->territories[t].id);
        textbuf_puts(c->out, "</text>\n");
        x += 19 + 7.0 * (double)strlen(s->territories[t].id) + 18;
    }
    textbuf_printf(c->out, "<line class=\"c-places\" x1=\"%.1f\" y1=\"18\" x2=\"%.1f\" y2=\"18\"/>"
                           "<text class=\"c-text\" x=\"%.1f\" y=\"22\">places available</text>\n",
                   x, x + 22, x + 27);
}

void report_occupancy_chart(const report_data *data, textbuf *out)
{
    chart c = {.data = data, .out = out};
    c.slot = (double)(CHART_RIGHT - CHART_LEFT) / data->month_count;
    textbuf_printf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%%\" "
                        "viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Arial, Helvetica, "
                        "sans-serif\" role=\"img\" aria-label=\"occupancy by month\">\n",
                   CHART_WIDTH, CHART_HEIGHT);
    textbuf_puts(out, "<style>\n"
                      ".c-text{font-size:12px;fill:#1b1f24}\n"
                      ".c-tick{font-size:11px;fill:#57606a;text-anchor:end}\n"
                      ".c-middle{text-anchor:middle}\n"
                      ".c-month{font-size:11px;fill:#1b1f24;text-anchor:middle}\n"
                      ".c-percent{font-size:11px;font-weight:bold;fill:#1b1f24;"
                      "text-anchor:middle}\n"
                      ".c-grid{stroke:#d8dee4;stroke-width:1}\n"
                      ".c-places{stroke:#1b1f24;stroke-width:2.5}\n"
                      "</style>\n");
    write_axis(&c);
    write_legend(&c);
    for (int m = 0; m < data->month_count; m++)
        write_month(&c, m);
    textbuf_puts(out, "</svg>\n");
}
