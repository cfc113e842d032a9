/* The chart of a replay (logis_replay_svg): the share of the hindsight result housed online,
 * against the lead with which the lists are known, one line with and one without the forecast,
 * and first come as a dashed line: what a week of earlier notice is worth. */
#include "analysis/replay.h"
#include "report/report.h"

#include <math.h>
#include <stdio.h>

enum { WIDTH = 640, HEIGHT = 420, LEFT = 72, RIGHT = 150, TOP = 70, BOTTOM = 56 };

typedef struct {
    int first_lead, last_lead;
    double low; /* the ratio at the bottom of the axis; the top is 1 */
} axes;

static double lead_x(const axes *a, double lead)
{
    double width = WIDTH - LEFT - RIGHT;
    if (a->last_lead == a->first_lead)
        return LEFT + width / 2;
    return LEFT + width * (lead - a->first_lead) / (a->last_lead - a->first_lead);
}

static double ratio_y(const axes *a, double ratio)
{
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - (ratio - a->low) / (1 - a->low));
}

/* The leads' span, and a bottom on a tenth at least 0.02 below the lowest ratio shown. */
static axes axes_of(const logis_replay *r)
{
    axes a = {r->count ? r->rows[0].lead_days : 0, r->count ? r->rows[0].lead_days : 0, 0};
    double lowest = replay_ratio(r->first_come, r->hindsight);
    for (int i = 0; i < r->count; i++) {
        const replay_row *run = &r->rows[i];
        a.first_lead = run->lead_days < a.first_lead ? run->lead_days : a.first_lead;
        a.last_lead = run->lead_days > a.last_lead ? run->lead_days : a.last_lead;
        double value = replay_ratio(run->weighted, r->hindsight);
        lowest = value < lowest ? value : lowest;
    }
    a.low = floor((lowest - 0.02) * 10) / 10;
    a.low = a.low < 0 ? 0 : a.low > 0.9 ? 0.9 : a.low;
    return a;
}

static void draw_axes(textbuf *t, const axes *a, const logis_replay *r)
{
    for (int tick = 0; tick <= 5; tick++) {
        double value = a->low + (1 - a->low) * tick / 5, y = ratio_y(a, value);
        textbuf_printf(t, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" class=\"grid\"/>\n",
                       LEFT, y, WIDTH - RIGHT, y);
        textbuf_printf(t, "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%.2f"
                          "</text>\n", LEFT - 8, y + 4, value);
    }
    for (int i = 0; i < r->count; i++) {
        double x = lead_x(a, r->rows[i].lead_days);
        textbuf_printf(t, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%d"
                          "</text>\n", x, HEIGHT - BOTTOM + 18, r->rows[i].lead_days);
    }
    textbuf_printf(t, "<text x=\"%d\" y=\"%d\" class=\"axis\" text-anchor=\"middle\">days of "
                      "notice (lead)</text>\n", (LEFT + WIDTH - RIGHT) / 2, HEIGHT - 14);
    textbuf_printf(t, "<text x=\"16\" y=\"%d\" class=\"axis\" transform=\"rotate(-90 16 %d)\" "
                      "text-anchor=\"middle\">online / hindsight</text>\n",
                   (TOP + HEIGHT - BOTTOM) / 2, (TOP + HEIGHT - BOTTOM) / 2);
}

static void draw_runs(textbuf *t, const axes *a, const logis_replay *r, bool forecast,
                      const char *colour, const char *name)
{
    int points = 0;
    double last_x = 0, last_y = 0;
    textbuf_printf(t, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" points=\"",
                   colour);
    for (int i = 0; i < r->count; i++) {
        if (r->rows[i].forecast != forecast)
            continue;
        last_x = lead_x(a, r->rows[i].lead_days);
        last_y = ratio_y(a, replay_ratio(r->rows[i].weighted, r->hindsight));
        textbuf_printf(t, "%s%.1f,%.1f", points++ ? " " : "", last_x, last_y);
    }
    textbuf_puts(t, "\"/>\n");
    for (int i = 0; i < r->count; i++)
        if (r->rows[i].forecast == forecast)
            textbuf_printf(t, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"/>\n",
                           lead_x(a, r->rows[i].lead_days),
                           ratio_y(a, replay_ratio(r->rows[i].weighted, r->hindsight)), colour);
    if (points)
        textbuf_printf(t, "<text x=\"%.1f\" y=\"%.1f\" class=\"label\" fill=\"%s\">%s</text>\n",
                       last_x + 10, last_y + 4, colour, name);
}

static void draw_first_come(textbuf *t, const axes *a, const logis_replay *r)
{
    double y = ratio_y(a, replay_ratio(r->first_come, r->hindsight));
    textbuf_printf(t, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#888\" "
                      "stroke-dasharray=\"6 4\"/>\n<text x=\"%d\" y=\"%.1f\" class=\"tick\">"
                      "first come</text>\n", LEFT, y, WIDTH - RIGHT, y, WIDTH - RIGHT + 10,
                   y + 4);
}

char *logis_replay_svg(const logis_replay *r)
{
    textbuf t = {0};
    axes a = axes_of(r);
    textbuf_printf(&t, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                       "viewBox=\"0 0 %d %d\" font-family=\"DejaVu Sans, Arial, sans-serif\">\n",
                   WIDTH, HEIGHT, WIDTH, HEIGHT);
    textbuf_puts(&t, "<style>.grid{stroke:#ddd;stroke-width:1}.tick{font-size:12px;fill:#444}"
                     ".axis{font-size:13px;fill:#222}.label{font-size:13px;font-weight:bold}"
                     ".title{font-size:17px;font-weight:bold}</style>\n"
                     "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    textbuf_puts(&t, "<text x=\"16\" y=\"26\" class=\"title\">Persons housed online, as a share "
                     "of hindsight</text>\n<text x=\"16\" y=\"46\" class=\"axis\">");
    xml_text(&t, r->scenario->name);
    textbuf_puts(&t, "</text>\n");
    draw_axes(&t, &a, r);
    draw_first_come(&t, &a, r);
    draw_runs(&t, &a, r, false, "#d1495b", "no forecast");
    draw_runs(&t, &a, r, true, "#1b6ca8", "with forecast");
    textbuf_puts(&t, "</svg>\n");
    return textbuf_finish(&t);
}
