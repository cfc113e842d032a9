/* The chart of a capacity projection (logis_projection_svg): persons housed against stay length,
 * a line per park scale, a panel per demand scale, the orientation list's persons dashed. */
#include "analysis/projection.h"
#include "report/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { PANEL_WIDTH = 560, PANEL_HEIGHT = 380, LEFT = 72, RIGHT = 96, TOP = 70, BOTTOM = 56 };

static const char *const line_colours[] = {"#1b6ca8", "#d1495b", "#2e933c", "#c47f00",
                                           "#6a4c93", "#00798c", "#7a5c3e", "#555555"};

/* The distinct values of one variant member over the rows that have figures, sorted. */
static size_t distinct_values(const logis_projection *p, int member, double *values)
{
    size_t count = 0;
    for (size_t i = 0; i < p->count; i++) {
        const logis_variant *v = &p->rows[i].variant;
        double value = member == 0 ? v->stay_months : member == 1 ? v->park : v->demand;
        size_t at = 0;
        while (at < count && values[at] < value)
            at++;
        if (at < count && values[at] == value)
            continue;
        memmove(values + at + 1, values + at, (count - at) * sizeof *values);
        values[at] = value;
        count++;
    }
    return count;
}

/* A round number at least as large as value: 1, 2 or 5 times a power of ten. */
static double nice_ceiling(double value)
{
    if (value <= 0)
        return 1;
    double power = pow(10, floor(log10(value)));
    for (int step = 0; step < 3; step++) {
        double candidate = (double[]){1, 2, 5}[step] * power;
        if (candidate >= value)
            return candidate;
    }
    return 10 * power;
}

typedef struct {
    double x0, y0; /* the panel's top left corner */
    const double *stays;
    size_t stay_count;
    double top; /* persons at the top of the axis */
} panel;

static double panel_x(const panel *g, double months)
{
    double width = PANEL_WIDTH - LEFT - RIGHT;
    if (g->stay_count < 2)
        return g->x0 + LEFT + width / 2;
    double first = g->stays[0], last = g->stays[g->stay_count - 1];
    return g->x0 + LEFT + width * (months - first) / (last - first);
}

static double panel_y(const panel *g, double persons)
{
    return g->y0 + TOP + (PANEL_HEIGHT - TOP - BOTTOM) * (1 - persons / g->top);
}

static void draw_axes(textbuf *t, const panel *g, double demand)
{
    double left = g->x0 + LEFT, right = g->x0 + PANEL_WIDTH - RIGHT;
    textbuf_printf(&*t, "<text x=\"%.1f\" y=\"%.1f\" class=\"panel\">orientation list x%g</text>\n",
                   left, g->y0 + TOP - 22, demand);
    for (int tick = 0; tick <= 5; tick++) {
        double persons = g->top * tick / 5, y = panel_y(g, persons);
        textbuf_printf(t,
                       "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>\n",
                       left, y, right, y);
        textbuf_printf(t,
                       "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%g</text>\n",
                       left - 6, y + 4, persons);
    }
    for (size_t s = 0; s < g->stay_count; s++) {
        double x = panel_x(g, g->stays[s]);
        char months[16];
        projection_stay_text((int)g->stays[s], months, sizeof months);
        textbuf_printf(t, "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\" text-anchor=\"middle\">%s"
                          "</text>\n", x, panel_y(g, 0) + 18, months);
    }
    textbuf_printf(t, "<text x=\"%.1f\" y=\"%.1f\" class=\"axis\" text-anchor=\"middle\">"
                      "stay length (months)</text>\n", (left + right) / 2, panel_y(g, 0) + 40);
    textbuf_printf(t, "<text x=\"%.1f\" y=\"%.1f\" class=\"axis\" text-anchor=\"middle\" "
                      "transform=\"rotate(-90 %.1f %.1f)\">persons housed</text>\n",
                   g->x0 + 18, (g->y0 + TOP + panel_y(g, 0)) / 2, g->x0 + 18,
                   (g->y0 + TOP + panel_y(g, 0)) / 2);
}

/* The line of one park scale within one demand panel, labelled at its right end. */
static void draw_line(textbuf *t, const logis_projection *p, const panel *g, double park,
                      double demand, const char *colour)
{
    double last_x = 0, last_y = 0;
    int points = 0;
    textbuf_printf(t, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" points=\"",
                   colour);
    for (size_t s = 0; s < g->stay_count; s++)
        for (size_t i = 0; i < p->count; i++) {
            const projection_row *r = &p->rows[i];
            if (!projection_has_figures(r) || r->variant.park != park ||
                r->variant.demand != demand ||
                r->variant.stay_months != (int)g->stays[s])
                continue;
            last_x = panel_x(g, g->stays[s]);
            last_y = panel_y(g, (double)r->persons_housed);
            textbuf_printf(t, "%s%.1f,%.1f", points++ ? " " : "", last_x, last_y);
        }
    textbuf_puts(t, "\"/>\n");
    for (size_t i = 0; i < p->count; i++) {
        const projection_row *r = &p->rows[i];
        if (!projection_has_figures(r) || r->variant.park != park || r->variant.demand != demand)
            continue;
        textbuf_printf(t, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>stay %d, "
                          "park x%g: %ld persons housed (%s)</title></circle>\n",
                       panel_x(g, r->variant.stay_months),
                       panel_y(g, (double)r->persons_housed), colour, r->variant.stay_months,
                       park, r->persons_housed, r->status);
    }
    if (points)
        textbuf_printf(t, "<text x=\"%.1f\" y=\"%.1f\" class=\"label\" fill=\"%s\">park x%g"
                          "</text>\n", last_x + 8, last_y + 4, colour, park);
}

/* The persons of the orientation list at a demand scale (0 when no row has figures). */
static double persons_listed(const logis_projection *p, double demand)
{
    for (size_t i = 0; i < p->count; i++)
        if (projection_has_figures(&p->rows[i]) && p->rows[i].variant.demand == demand)
            return (double)p->rows[i].persons;
    return 0;
}

static double largest_persons(const logis_projection *p)
{
    double most = 0;
    for (size_t i = 0; i < p->count; i++)
        if (projection_has_figures(&p->rows[i]) && p->rows[i].persons > most)
            most = (double)p->rows[i].persons;
    return most;
}

/* A dashed line at the persons of the orientation list: what housing everyone would take. */
static void draw_demand(textbuf *t, const panel *g, double persons)
{
    if (persons <= 0)
        return;
    double left = g->x0 + LEFT, right = g->x0 + PANEL_WIDTH - RIGHT, y = panel_y(g, persons);
    textbuf_printf(t, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\" "
                      "stroke-dasharray=\"6 4\"/>\n", left, y, right, y);
    textbuf_printf(t, "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">"
                      "orientation list: %.0f persons</text>\n", right, y - 6, persons);
}

static void draw_panels(textbuf *t, const logis_projection *p, const double *stays,
                        size_t stay_count, const double *parks, size_t park_count,
                        const double *demands, size_t demand_count, size_t across)
{
    double top = nice_ceiling(1.05 * largest_persons(p));
    for (size_t d = 0; d < demand_count; d++) {
        panel g = {(double)(d % across) * PANEL_WIDTH, 40.0 + (double)(d / across) * PANEL_HEIGHT,
                   stays, stay_count, top};
        draw_axes(t, &g, demands[d]);
        draw_demand(t, &g, persons_listed(p, demands[d]));
        for (size_t k = 0; k < park_count; k++)
            draw_line(t, p, &g, parks[k], demands[d],
                      line_colours[k % (sizeof line_colours / sizeof *line_colours)]);
    }
}

char *logis_projection_svg(const logis_projection *p)
{
    size_t n = p->count + 1;
    double *stays = malloc(n * sizeof *stays), *parks = malloc(n * sizeof *parks);
    double *demands = malloc(n * sizeof *demands);
    textbuf t = {0};
    if (!stays || !parks || !demands) {
        t.failed = true;
        goto done;
    }
    size_t stay_count = distinct_values(p, 0, stays), park_count = distinct_values(p, 1, parks);
    size_t demand_count = distinct_values(p, 2, demands);
    size_t across = demand_count < 2 ? 1 : 2, down = (demand_count + across - 1) / across;
    double width = (double)(across * PANEL_WIDTH), height = 40.0 + (double)down * PANEL_HEIGHT;
    textbuf_printf(&t, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                       "viewBox=\"0 0 %.0f %.0f\" font-family=\"DejaVu Sans, Arial, sans-serif\">"
                       "\n", width, height, width, height);
    textbuf_puts(&t, "<style>.grid{stroke:#ddd;stroke-width:1}.tick{font-size:12px;fill:#444}"
                     ".axis{font-size:13px;fill:#222}.label{font-size:13px;font-weight:bold}"
                     ".panel{font-size:14px;fill:#222}.title{font-size:17px;font-weight:bold}"
                     "</style>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    textbuf_puts(&t, "<text x=\"16\" y=\"26\" class=\"title\">Persons housed over the "
                     "horizon, by stay length</text>\n<text x=\"16\" y=\"46\" class=\"axis\">");
    xml_text(&t, p->name);
    textbuf_puts(&t, "</text>\n");
    draw_panels(&t, p, stays, stay_count, parks, park_count, demands, demand_count, across);
    textbuf_puts(&t, "</svg>\n");
done:
    free(stays);
    free(parks);
    free(demands);
    return textbuf_finish(&t);
}
