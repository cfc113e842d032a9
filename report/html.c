/* report.html: one self-contained page (inline CSS and SVG, no script, nothing fetched) with the
 * summary, the territories, occupancy by month, the Gantt chart, the stays of each territory
 * and the households left out with their reasons. Laid out to print on A4 landscape too. */
#include "report/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char page_style[] =
    "<style>\n"
    "body{font:14px/1.45 \"DejaVu Sans\",Arial,Helvetica,sans-serif;color:#1b1f24;"
    "background:#fff;max-width:1360px;margin:24px auto;padding:0 16px}\n"
    "h1{font-size:24px;margin:0 0 4px}\n"
    "h2{font-size:18px;margin:36px 0 10px;padding-bottom:4px;border-bottom:2px solid #d0d7de}\n"
    "h3{font-size:15px;margin:24px 0 6px}\n"
    "p{margin:4px 0}\n"
    ".meta{color:#57606a}\n"
    ".cards{display:grid;grid-template-columns:repeat(3,1fr);gap:12px;margin-top:16px}\n"
    ".card{border:1px solid #d0d7de;border-radius:6px;padding:10px 14px}\n"
    ".card .label{color:#57606a;font-size:12px;text-transform:uppercase;letter-spacing:.04em}\n"
    ".card .value{font-size:24px;font-weight:bold}\n"
    ".card .more{color:#57606a;font-size:12px}\n"
    "table{border-collapse:collapse;width:100%;font-size:12px;margin:6px 0}\n"
    "th,td{padding:3px 7px;border-bottom:1px solid #e1e4e8;text-align:left;"
    "vertical-align:top}\n"
    "thead th{background:#eef2f6;border-bottom:2px solid #d0d7de}\n"
    "tfoot td{font-weight:bold;border-top:2px solid #d0d7de}\n"
    "tbody tr:nth-child(even){background:#f6f8fa}\n"
    ".n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    ".full{font-weight:bold;color:#b35900}\n"
    ".swatch{display:inline-block;width:10px;height:10px;margin-right:6px;"
    "border-radius:2px}\n"
    ".code{white-space:nowrap}\n"
    ".conflicts{color:#a40e26}\n"
    ".banner{position:sticky;top:0;z-index:1;background:#b00020;color:#fff;padding:8px 14px;"
    "margin:0 0 12px;border-radius:4px;font-weight:bold}\n"
    ".violations{border:2px solid #b00020;border-radius:6px;padding:6px 14px;margin-top:12px}\n"
    ".lead{font-size:15px;margin:8px 0 12px;max-width:1100px}\n"
    ".pair{display:grid;grid-template-columns:1fr 1fr;gap:24px;align-items:start}\n"
    "tr.band td{font-weight:bold}\n"
    "details summary{cursor:pointer;color:#0550ae}\n"
    "details.list>summary{font-size:15px;margin:12px 0 6px}\n"
    "footer{margin:32px 0 8px;color:#57606a;font-size:12px}\n"
    "@media print{@page{size:A4 landscape;margin:10mm}.summary{break-after:page}"
    ".summary h2{margin-top:14px}.summary .cards{gap:6px;margin-top:8px}"
    ".summary .card{padding:4px 10px}.summary .card .value{font-size:18px}"
    "body{max-width:none;margin:0;padding:0;font-size:11px}"
    "h2{break-after:avoid}h3{break-after:avoid}tr{break-inside:avoid}"
    "thead{display:table-header-group}svg{break-inside:avoid}}\n"
    "</style>\n";

static void write_text(textbuf *out, const char *text)
{
    xml_text(out, text);
}

static void write_date(textbuf *out, day_t day)
{
    char text[DATE_TEXT_SIZE];
    date_format(day, text);
    textbuf_puts(out, text);
}

static const char *outcome_text(const logis_plan *plan)
{
    static const char *const words[] = {"optimal", "feasible (not proven optimal)",
                                        "infeasible"};
    return words[plan->outcome];
}

/* On every printed page, a forced report's banner is a page margin box: its text holds no
 * input string, so it needs no CSS escaping. */
static void write_banner_style(const report_data *d, textbuf *out)
{
    if (d->violations <= 0)
        return;
    textbuf_printf(out, "<style>\n@media print{@page{@top-center{content:\"This plan breaks the "
                        "rules: %ld violation%s \\2014  see the first page\";color:#fff;"
                        "background:#b00020;font:bold 11px \"DejaVu Sans\",Arial,sans-serif}}"
                        ".banner{display:none}.violations{font-size:9px;padding:2px 10px}}\n"
                        "</style>\n",
                   d->violations, d->violations > 1 ? "s" : "");
}

static void write_banner(const report_data *d, textbuf *out)
{
    if (d->violations <= 0)
        return;
    textbuf_printf(out, "<div class=\"banner\" role=\"alert\">This plan breaks the rules: %ld "
                        "violation%s \xE2\x80\x94 its stays and figures cannot be trusted "
                        "(listed below, as logis verify lists them).</div>\n",
                   d->violations, d->violations > 1 ? "s" : "");
}

/* Every violation kept, as logis verify prints them. */
static void write_violations(const report_data *d, textbuf *out)
{
    size_t kept = logis_diagnostics_count(d->violation_list);
    if (d->violations <= 0 || !d->violation_list)
        return;
    textbuf_printf(out, "<div class=\"violations\"><h3 class=\"conflicts\">Why this plan "
                        "cannot be used: %ld violation%s of the rules</h3>\n<ul>\n",
                   d->violations, d->violations > 1 ? "s" : "");
    for (size_t i = 0; i < kept; i++) {
        char *line = logis_diagnostics_line(d->violation_list, i);
        textbuf_puts(out, "<li>");
        write_text(out, line ? line : "(out of memory)");
        textbuf_puts(out, "</li>\n");
        out->failed |= line == NULL;
        free(line);
    }
    if ((long)kept < d->violations)
        textbuf_printf(out, "<li>and %ld more, beyond the %zu kept</li>\n",
                       d->violations - (long)kept, kept);
    textbuf_puts(out, "</ul>\n</div>\n");
}

static void write_head(const report_data *d, textbuf *out)
{
    const logis_scenario *s = d->scenario;
    const char *name = s->name[0] ? s->name : "(no name)";
    textbuf_puts(out, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                      "<link rel=\"icon\" href=\"data:,\">\n<title>Housing plan: ");
    write_text(out, name);
    textbuf_puts(out, "</title>\n");
    textbuf_puts(out, page_style);
    write_banner_style(d, out);
    textbuf_puts(out, "</head>\n<body>\n");
    write_banner(d, out);
    textbuf_puts(out, "<section class=\"summary\">\n<h1>Housing plan: ");
    write_text(out, name);
    textbuf_puts(out, "</h1>\n<p class=\"meta\">Horizon ");
    write_date(out, s->horizon_start);
    textbuf_puts(out, " to ");
    write_date(out, s->horizon_end);
    textbuf_printf(out, " (%d days) \xC2\xB7 %ld dwellings, %ld places in %d territor%s "
                        "\xC2\xB7 %ld households, %ld persons on the orientation list</p>\n",
                   s->horizon_end - s->horizon_start, d->totals.park.dwellings,
                   d->totals.park.places, s->territory_count,
                   s->territory_count > 1 ? "ies" : "y", d->totals.households,
                   d->totals.persons);
}

static void write_card(textbuf *out, const char *label, const char *value, const char *more)
{
    textbuf_printf(out, "<div class=\"card\"><div class=\"label\">%s</div>"
                        "<div class=\"value\">%s</div><div class=\"more\">%s</div></div>\n",
                   label, value, more);
}

static void write_cards(const report_data *d, textbuf *out)
{
    const plan_figures *f = &d->totals;
    const logis_plan *plan = d->plan;
    char value[96], more[200], percent[16];
    textbuf_puts(out, "<div class=\"cards\">\n");
    snprintf(value, sizeof value, "%ld of %ld", f->park.persons_housed, f->persons);
    snprintf(more, sizeof more, "%s\xC2\xA0%% of the persons on the list",
             report_percent((double)f->park.persons_housed, (double)f->persons, percent));
    write_card(out, "Persons housed", value, more);
    snprintf(value, sizeof value, "%ld of %ld", f->park.households_housed, f->households);
    snprintf(more, sizeof more, "mean wait %.1f days after arrival", f->mean_wait_days);
    write_card(out, "Households housed", value, more);
    snprintf(value, sizeof value, "%s\xC2\xA0%%",
             report_percent(f->park.person_days, f->park.place_days, percent));
    write_card(out, "Occupancy", value, "person-days housed \xC3\xB7 place-days available");
    snprintf(value, sizeof value, "%d", plan->left_count);
    snprintf(more, sizeof more, "%d no_fit \xC2\xB7 %d no_date \xC2\xB7 %d capacity",
             d->left_by_code[LEFT_NO_FIT], d->left_by_code[LEFT_NO_DATE],
             d->left_by_code[LEFT_CAPACITY]);
    if (plan->replanned) {
        size_t used = strlen(more);
        snprintf(more + used, sizeof more - used, " \xC2\xB7 %d past",
                 d->left_by_code[LEFT_PAST]);
    }
    write_card(out, "Households left out", value, more);
    snprintf(value, sizeof value, "%ld", f->weighted_persons_housed);
    snprintf(more, sizeof more, "priority \xC3\x97 size over housed households; bound %.0f",
             plan->bound);
    write_card(out, "Weighted persons housed", value, more);
    if (d->violations > 0)
        snprintf(more, sizeof more, "%ld violation%s; the file says %s", d->violations,
                 d->violations > 1 ? "s" : "", outcome_text(plan));
    else if (plan->outcome == LOGIS_FEASIBLE)
        snprintf(more, sizeof more, "gap %.2f\xC2\xA0%%, %.2f s", 100 * plan->gap, plan->seconds);
    else
        snprintf(more, sizeof more, "solved in %.2f s", plan->seconds);
    write_card(out, "Plan", d->violations > 0 ? "breaks the rules" : outcome_text(plan), more);
    if (plan->replanned) {
        const replan_counts *r = &plan->replan;
        char now[DATE_TEXT_SIZE];
        date_format(r->now, now);
        snprintf(value, sizeof value, "%d moved", r->moved);
        snprintf(more, sizeof more, "re-plan of %s: %d kept, %d newly housed, %d no longer "
                 "housed", now, r->kept, r->newly_housed, r->no_longer_housed);
        write_card(out, "Changes", value, more);
    }
    textbuf_puts(out, "</div>\n");
}

static int peak_of(const report_data *d, int territory_index)
{
    int peak = 0;
    for (int m = 0; m < d->month_count; m++) {
        int value = report_monthly(d, territory_index, m)->accompanied_peak;
        peak = value > peak ? value : peak;
    }
    return peak;
}

static void write_territory_row(const report_data *d, textbuf *out, int t, bool peaks)
{
    const territory *te = &d->scenario->territories[t];
    const park_figures *p = &d->totals.territories[t];
    char percent[16];
    textbuf_printf(out, "<tr><td><span class=\"swatch\" style=\"background:%s\"></span>",
                   report_territory_colour(t));
    write_text(out, te->id);
    textbuf_puts(out, "</td><td>");
    write_text(out, te->name ? te->name : "");
    textbuf_printf(out, "</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td>"
                        "<td class=\"n\">%ld</td><td class=\"n\">%ld</td>"
                        "<td class=\"n\">%s\xC2\xA0%%</td>",
                   p->dwellings, p->places, p->households_housed, p->persons_housed,
                   report_percent(p->person_days, p->place_days, percent));
    if (peaks && te->caseload == NO_CASELOAD)
        textbuf_printf(out, "<td class=\"n\">none</td><td class=\"n\">%d</td>", peak_of(d, t));
    else if (peaks)
        textbuf_printf(out, "<td class=\"n\">%d</td><td class=\"n%s\">%d</td>", te->caseload,
                       peak_of(d, t) >= te->caseload ? " full" : "", peak_of(d, t));
    if (plan_states_score(d->scenario))
        textbuf_printf(out, "<td class=\"n\">%.6g</td>", p->score);
    textbuf_puts(out, "</tr>\n");
}

/* The peak accompanied at once tells something only where a caseload bounds it or where it is
 * below the households housed: with accompaniment as long as the horizon and no caseload, every
 * team ends up accompanying all it houses at once, and the column would repeat the housed. */
static bool peaks_tell_something(const report_data *d)
{
    for (int t = 0; t < d->scenario->territory_count; t++)
        if (d->scenario->territories[t].caseload != NO_CASELOAD ||
            peak_of(d, t) != d->totals.territories[t].households_housed)
            return true;
    return false;
}

static void write_territories(const report_data *d, textbuf *out)
{
    const plan_figures *f = &d->totals;
    bool peaks = peaks_tell_something(d);
    char percent[16];
    textbuf_puts(out, "<h2>Territories</h2>\n<table>\n<thead><tr><th>Territory</th><th>Name</th>"
                      "<th class=\"n\">Dwellings</th><th class=\"n\">Places</th>"
                      "<th class=\"n\">Households housed</th><th class=\"n\">Persons housed</th>"
                      "<th class=\"n\">Occupancy</th>");
    if (peaks)
        textbuf_puts(out, "<th class=\"n\">Caseload</th><th class=\"n\">Most accompanied at "
                          "once</th>");
    bool scored = plan_states_score(d->scenario);
    if (scored)
        textbuf_puts(out, "<th class=\"n\">Score</th>");
    textbuf_puts(out, "</tr></thead>\n<tbody>\n");
    for (int t = 0; t < d->scenario->territory_count; t++)
        write_territory_row(d, out, t, peaks);
    textbuf_printf(out, "</tbody>\n<tfoot><tr><td>All</td><td></td><td class=\"n\">%ld</td>"
                        "<td class=\"n\">%ld</td><td class=\"n\">%ld</td><td class=\"n\">%ld</td>"
                        "<td class=\"n\">%s\xC2\xA0%%</td>%s",
                   f->park.dwellings, f->park.places, f->park.households_housed,
                   f->park.persons_housed,
                   report_percent(f->park.person_days, f->park.place_days, percent),
                   peaks ? "<td></td><td></td>" : "");
    if (scored)
        textbuf_printf(out, "<td class=\"n\">%.6g</td>", f->park.score);
    textbuf_puts(out, "</tr></tfoot>\n</table>\n");
    if (!peaks)
        textbuf_printf(out, "<p class=\"meta\">No territory has a caseload, and each team "
                            "accompanies all the households it houses at once at some point "
                            "(accompaniment lasts %d months from move-in): the month by month "
                            "figures are under Occupancy by month.</p>\n",
                       d->scenario->rules.support_months);
}

static void write_month_header(const report_data *d, textbuf *out, const char *first)
{
    textbuf_printf(out, "<thead><tr><th>%s</th>", first);
    for (int m = 0; m < d->month_count; m++)
        textbuf_printf(out, "<th class=\"n\">%s %d</th>", report_month_name(d->months[m].month),
                       d->months[m].year);
    textbuf_puts(out, "</tr></thead>\n<tbody>\n");
}

static void write_occupancy_table(const report_data *d, textbuf *out)
{
    const logis_scenario *s = d->scenario;
    char percent[16];
    textbuf_puts(out, "<table>\n");
    write_month_header(d, out, "Occupancy");
    for (int t = 0; t <= s->territory_count; t++) {
        textbuf_puts(out, "<tr><td>");
        write_text(out, t < s->territory_count ? s->territories[t].id : "All");
        textbuf_puts(out, "</td>");
        for (int m = 0; m < d->month_count; m++) {
            double persons = 0, places = 0;
            for (int u = 0; u < s->territory_count; u++)
                if (u == t || t == s->territory_count) {
                    persons += report_monthly(d, u, m)->person_days;
                    places += report_monthly(d, u, m)->place_days;
                }
            textbuf_printf(out, "<td class=\"n\">%s</td>",
                           report_percent(persons, places, percent));
        }
        textbuf_puts(out, "</tr>\n");
    }
    textbuf_puts(out, "</tbody>\n</table>\n");
}

static void write_accompaniment_table(const report_data *d, textbuf *out)
{
    const logis_scenario *s = d->scenario;
    textbuf_puts(out, "<table>\n");
    write_month_header(d, out, "Accompanied at once (caseload)");
    for (int t = 0; t < s->territory_count; t++) {
        int caseload = s->territories[t].caseload;
        textbuf_puts(out, "<tr><td>");
        write_text(out, s->territories[t].id);
        if (caseload != NO_CASELOAD)
            textbuf_printf(out, " (%d)", caseload);
        textbuf_puts(out, "</td>");
        for (int m = 0; m < d->month_count; m++) {
            int peak = report_monthly(d, t, m)->accompanied_peak;
            bool full = caseload != NO_CASELOAD && peak >= caseload;
            textbuf_printf(out, "<td class=\"n%s\">%d</td>", full ? " full" : "", peak);
        }
        textbuf_puts(out, "</tr>\n");
    }
    textbuf_puts(out, "</tbody>\n</table>\n");
}

static void write_occupancy(const report_data *d, textbuf *out)
{
    textbuf_puts(out, "<h2>Occupancy by month</h2>\n<p class=\"meta\">Persons housed and places "
                      "available on an average day of each month (person-days and place-days "
                      "\xC3\xB7 days); occupancy in percent above each month. A sliding-lease "
                      "dwelling leaves the park when its lease passes to the household.</p>\n");
    report_occupancy_chart(d, out);
    write_occupancy_table(d, out);
    textbuf_printf(out, "<p class=\"meta\">The most households each territory's team "
                        "accompanies on one day of the month (%d months of accompaniment from "
                        "move-in); in bold where that reaches the caseload.</p>\n",
                   d->scenario->rules.support_months);
    write_accompaniment_table(d, out);
}

static void write_gantt(const report_data *d, textbuf *out)
{
    textbuf_puts(out, "<h2>Dwellings over time</h2>\n<p class=\"meta\">One row per dwelling, a "
                      "bar per stay with the household and its size; hover a bar for its "
                      "dates.</p>\n");
    report_gantt_svg(d, false, out);
}

static void write_stay_row(const report_data *d, textbuf *out, int i)
{
    const logis_scenario *s = d->scenario;
    const stay *st = &d->plan->stays[i];
    const household *h = &s->households[st->household];
    const dwelling *dw = &s->dwellings[st->dwelling];
    textbuf_puts(out, "<tr><td>");
    write_text(out, dw->id);
    textbuf_printf(out, "</td><td class=\"n\">%d</td><td>%s%s</td><td>", dw->places,
                   dw->lease == LEASE_SLIDING ? "sliding" : "temporary",
                   dw->shared ? ", shared" : "");
    write_text(out, h->id);
    textbuf_printf(out, "</td><td class=\"n\">%d</td><td class=\"n\">", h->size);
    write_date(out, h->arrival);
    textbuf_puts(out, "</td><td class=\"n\">");
    write_date(out, st->start);
    textbuf_puts(out, "</td><td class=\"n\">");
    write_date(out, st->end);
    textbuf_printf(out, "</td><td class=\"n\">%d</td><td>%s</td></tr>\n", st->start - h->arrival,
                   d->fixed[i] ? "fixed" : "");
}

static void write_stays(const report_data *d, textbuf *out)
{
    const logis_scenario *s = d->scenario;
    textbuf_puts(out, "<h2>Stays by territory</h2>\n");
    int next = 0;
    for (int t = 0; t < s->territory_count; t++) {
        textbuf_puts(out, "<h3>");
        write_text(out, s->territories[t].id);
        if (s->territories[t].name && s->territories[t].name[0]) {
            textbuf_puts(out, " \xC2\xB7 ");
            write_text(out, s->territories[t].name);
        }
        textbuf_printf(out, " (%ld stays)</h3>\n", d->totals.territories[t].households_housed);
        textbuf_puts(out, "<table>\n<thead><tr><th>Dwelling</th><th class=\"n\">Places</th>"
                          "<th>Lease</th><th>Household</th><th class=\"n\">Size</th>"
                          "<th class=\"n\">Arrival</th><th class=\"n\">Start</th>"
                          "<th class=\"n\">End</th><th class=\"n\">Wait (days)</th><th></th>"
                          "</tr></thead>\n<tbody>\n");
        while (next < d->plan->stay_count &&
               s->dwellings[d->plan->stays[d->stays_in_order[next]].dwelling].territory == t)
            write_stay_row(d, out, d->stays_in_order[next++]);
        textbuf_puts(out, "</tbody>\n</table>\n");
    }
}

static void write_list(const logis_scenario *s, textbuf *out, const household *h)
{
    if (h->territory_count == 0)
        textbuf_puts(out, "any");
    for (int i = 0; i < h->territory_count; i++) {
        textbuf_puts(out, i ? ", " : "");
        write_text(out, s->territories[h->territories[i]].id);
    }
    textbuf_puts(out, "</td><td>");
    for (int bit = 0, written = 0; bit < s->feature_count; bit++)
        if (h->needs & ((feature_set)1 << bit)) {
            textbuf_puts(out, written++ ? ", " : "");
            write_text(out, s->features[bit]);
        }
}

/* What a code means, for people, of households left out ("3 ..."). */
static const char *const code_meaning[LEFT_CODES] = {
    [LEFT_NO_FIT] = "fit no dwelling of the park",
    [LEFT_NO_DATE] = "fit dwellings that are not available on any of their move-in dates",
    [LEFT_CAPACITY] = ("find the places that fit them taken on their move-in dates (dwellings, "
                       "or a team's caseload or a quota full)"),
    [LEFT_PAST] = "had every move-in date before the re-plan date",
};

static void write_band_words(const report_data *d, const left_out_band *band, textbuf *out)
{
    if (band->first == band->last)
        textbuf_printf(out, "households of %d person%s", band->first,
                       band->first > 1 ? "s" : "");
    else if (band->last == d->size_max)
        textbuf_printf(out, "households of %d persons or more", band->first);
    else
        textbuf_printf(out, "households of %d to %d persons", band->first, band->last);
}

/* "81 find ...; 12 fit no dwelling of the park." from counts by code. */
static void write_code_clauses(const int *by_code, textbuf *out)
{
    const char *separator = "";
    for (int c = 0; c < LEFT_CODES; c++)
        if (by_code[c] > 0) {
            textbuf_printf(out, "%s%d %s", separator, by_code[c], code_meaning[c]);
            separator = "; ";
        }
    textbuf_puts(out, ".");
}

/* The sentence a director reads first: the group of sizes that stands out among the households
 * left out, how much, what the park has for it, and why they are left out; worded from the
 * figures, or by reason alone when no size stands out. */
static void write_left_sentence(const report_data *d, textbuf *out)
{
    const logis_scenario *s = d->scenario;
    int left = d->plan->left_count;
    left_out_band band;
    char share[16], whole[16];
    textbuf_puts(out, "<p class=\"lead\">");
    if (!report_left_out_band(d, &band)) {
        textbuf_printf(out, "Of the %d households left out, ", left);
        write_code_clauses(d->left_by_code, out);
        textbuf_puts(out, "</p>\n");
        return;
    }
    textbuf_printf(out, "<strong>%d of %d households left out are ", band.left, left);
    write_band_words(d, &band, out);
    textbuf_printf(out, "</strong>: %s\xC2\xA0%% of the %d such households on the list are left "
                        "out, against %s\xC2\xA0%% of the whole list; the park has %d "
                        "dwelling%s of %d+ places out of %d. Of them, ",
                   report_percent(band.left, band.listed, share), band.listed,
                   report_percent(left, s->household_count, whole), band.dwellings,
                   band.dwellings == 1 ? "" : "s", band.first, s->dwelling_count);
    write_code_clauses(band.by_code, out);
    textbuf_puts(out, "</p>\n");
}

static void write_code_table(const report_data *d, textbuf *out)
{
    char percent[16];
    textbuf_puts(out, "<table class=\"groups\">\n<thead><tr><th>Reason</th>"
                      "<th class=\"n\">Households</th><th class=\"n\">Share</th>"
                      "<th>What it means</th></tr></thead>\n<tbody>\n");
    for (int c = 0; c < LEFT_CODES; c++)
        if (d->left_by_code[c] > 0)
            textbuf_printf(out, "<tr><td class=\"code\">%s</td><td class=\"n\">%d</td>"
                                "<td class=\"n\">%s\xC2\xA0%%</td><td>they %s</td></tr>\n",
                           left_out_code_name((left_out_code)c), d->left_by_code[c],
                           report_percent(d->left_by_code[c], d->plan->left_count, percent),
                           code_meaning[c]);
    textbuf_puts(out, "</tbody>\n</table>\n");
}

/* Per size on the list: how many, how many left out and why; the band in bold. */
static void write_size_table(const report_data *d, textbuf *out)
{
    const logis_scenario *s = d->scenario;
    left_out_band band;
    bool stands_out = report_left_out_band(d, &band);
    char percent[16];
    textbuf_puts(out, "<table class=\"groups\">\n<thead><tr><th class=\"n\">Size</th>"
                      "<th class=\"n\">On the list</th><th class=\"n\">Left out</th>"
                      "<th class=\"n\">Share left out</th>");
    for (int c = 0; c < LEFT_CODES; c++)
        if (d->left_by_code[c] > 0)
            textbuf_printf(out, "<th class=\"n\">%s</th>", left_out_code_name((left_out_code)c));
    textbuf_puts(out, "</tr></thead>\n<tbody>\n");
    for (int size = 1; size <= d->size_max; size++) {
        if (d->listed_by_size[size] == 0)
            continue;
        bool in_band = stands_out && size >= band.first && size <= band.last;
        int by_code[LEFT_CODES] = {0};
        for (int i = 0; i < d->plan->left_count; i++)
            if (s->households[d->plan->left[i].household].size == size)
                by_code[d->plan->left[i].code]++;
        textbuf_printf(out, "<tr%s><td class=\"n\">%d</td><td class=\"n\">%d</td>"
                            "<td class=\"n\">%d</td><td class=\"n\">%s\xC2\xA0%%</td>",
                       in_band ? " class=\"band\"" : "", size, d->listed_by_size[size],
                       d->left_by_size[size],
                       report_percent(d->left_by_size[size], d->listed_by_size[size], percent));
        for (int c = 0; c < LEFT_CODES; c++)
            if (d->left_by_code[c] > 0)
                textbuf_printf(out, "<td class=\"n\">%d</td>", by_code[c]);
        textbuf_puts(out, "</tr>\n");
    }
    textbuf_puts(out, "</tbody>\n</table>\n");
}

/* Every dwelling that fits a household left out, on demand: the plan's reason names kinds of
 * dwellings and stops after a few ("and 12 more"); the page never cuts. A list already shown
 * in an earlier row is not shown again: a link leads to it. */
static void write_fitting(const report_data *d, textbuf *out, int household_index, int *found,
                          fitting_lists *shown)
{
    const logis_scenario *s = d->scenario;
    int count = report_fitting_dwellings(d, household_index, found), first = household_index;
    if (count > 0 && !fitting_lists_find(shown, found, count, household_index, &first))
        count = -1;
    if (count < 0)
        out->failed = true;
    if (count <= 0)
        return;
    textbuf_printf(out, "<details><summary>the %d dwelling%s that fit%s it</summary>", count,
                   count > 1 ? "s" : "", count > 1 ? "" : "s");
    if (first != household_index) {
        textbuf_printf(out, "the same as for <a href=\"#fits-%d\">", first);
        write_text(out, s->households[first].id);
        textbuf_puts(out, "</a></details>");
        return;
    }
    textbuf_printf(out, "<span id=\"fits-%d\"></span>", household_index);
    for (int k = 0; k < count; k++) {
        const dwelling *dw = &s->dwellings[found[k]];
        textbuf_puts(out, k ? ", " : "");
        write_text(out, dw->id);
        textbuf_printf(out, " (%d places%s, ", dw->places,
                       dw->shared ? ", shared" : dw->lease == LEASE_SLIDING ? ", sliding" : "");
        write_text(out, s->territories[dw->territory].id);
        textbuf_puts(out, ")");
    }
    textbuf_puts(out, "</details>");
}

static void write_left_row(const report_data *d, textbuf *out, const left_out *l, int *found,
                           fitting_lists *shown)
{
    const logis_scenario *s = d->scenario;
    const household *h = &s->households[l->household];
    textbuf_puts(out, "<tr><td>");
    write_text(out, h->id);
    textbuf_printf(out, "</td><td class=\"n\">%d</td><td class=\"n\">", h->size);
    write_date(out, h->arrival);
    textbuf_printf(out, "</td><td class=\"n\">%d</td><td>", h->priority);
    write_list(s, out, h);
    textbuf_printf(out, "</td><td class=\"code\">%s</td><td>", left_out_code_name(l->code));
    write_text(out, l->reason);
    if (l->code == LEFT_CAPACITY || l->code == LEFT_NO_DATE)
        write_fitting(d, out, l->household, found, shown);
    textbuf_puts(out, "</td></tr>\n");
}

static void write_left_out(const report_data *d, textbuf *out)
{
    textbuf_printf(out, "<h2 id=\"left-out\">Households left out (%d)</h2>\n",
                   d->plan->left_count);
    if (d->plan->left_count == 0) {
        textbuf_puts(out, "<p>Every household of the list is housed.</p>\n");
        return;
    }
    write_left_sentence(d, out);
    textbuf_puts(out, "<div class=\"pair\">\n");
    write_code_table(d, out);
    write_size_table(d, out);
    textbuf_puts(out, "</div>\n");
    int *found = malloc(((size_t)d->scenario->dwelling_count + 1) * sizeof *found);
    fitting_lists *shown = fitting_lists_new(d->plan->left_count);
    out->failed |= found == NULL || shown == NULL;
    textbuf_printf(out, "<details class=\"list\"><summary>The %d households left out, one by "
                        "one, with their reasons</summary>\n",
                   d->plan->left_count);
    textbuf_puts(out, "<table>\n<thead><tr><th>Household</th><th class=\"n\">Size</th>"
                      "<th class=\"n\">Arrival</th><th class=\"n\">Priority</th>"
                      "<th>Territories</th><th>Needs</th><th>Code</th><th>Reason</th></tr>"
                      "</thead>\n<tbody>\n");
    for (int i = 0; found && shown && i < d->plan->left_count; i++)
        write_left_row(d, out, &d->plan->left[i], found, shown);
    textbuf_puts(out, "</tbody>\n</table>\n</details>\n");
    free(found);
    fitting_lists_free(shown);
}

/* A place of a re-plan's change: "D0012 from 2027-03-02", or a dash. */
static void write_place(textbuf *out, const char *dwelling_id, day_t start)
{
    if (!dwelling_id) {
        textbuf_puts(out, "\xE2\x80\x94");
        return;
    }
    write_text(out, dwelling_id);
    textbuf_puts(out, " from ");
    write_date(out, start);
}

static const char *change_kind(const plan_change *c)
{
    return !c->from_dwelling ? "newly housed" : c->to_dwelling < 0 ? "no longer housed" : "moved";
}

/* The table of the changes that are (or are not) newly housed households. */
static void write_change_table(const report_data *d, textbuf *out, bool newly_housed)
{
    const logis_plan *plan = d->plan;
    textbuf_puts(out, "<table>\n<thead><tr><th>Household</th><th>Change</th><th>Was</th>"
                      "<th>Is now</th></tr></thead>\n<tbody>\n");
    for (int i = 0; i < plan->change_count; i++) {
        const plan_change *c = &plan->changes[i];
        if ((c->from_dwelling == NULL) != newly_housed)
            continue;
        textbuf_puts(out, "<tr><td>");
        write_text(out, c->household);
        textbuf_printf(out, "</td><td>%s</td><td>", change_kind(c));
        write_place(out, c->from_dwelling, c->from_start);
        textbuf_puts(out, "</td><td>");
        write_place(out, c->to_dwelling >= 0 ? d->scenario->dwellings[c->to_dwelling].id : NULL,
                    c->to_start);
        textbuf_puts(out, "</td></tr>\n");
    }
    textbuf_puts(out, "</tbody>\n</table>\n");
}

/* A re-plan: what became of the previous plan's households. The families who lose or change a
 * place they were promised come first, in full; the newly housed, usually the many, folded. */
static void write_changes(const report_data *d, textbuf *out)
{
    const replan_counts *r = &d->plan->replan;
    textbuf_puts(out, "<h2>What changed since the previous plan</h2>\n<p>Re-planned on ");
    write_date(out, r->now);
    textbuf_printf(out, ": the stays that had begun are kept as they were (outlined in the "
                        "chart, left of the now line); %d households kept their place, %d were "
                        "moved, %d are newly housed, %d are no longer housed.</p>\n",
                   r->kept, r->moved, r->newly_housed, r->no_longer_housed);
    if (r->moved + r->no_longer_housed > 0)
        write_change_table(d, out, false);
    if (r->newly_housed > 0) {
        textbuf_printf(out, "<details><summary>The %d newly housed households</summary>\n",
                       r->newly_housed);
        write_change_table(d, out, true);
        textbuf_puts(out, "</details>\n");
    }
}

static void write_conflicts(const report_data *d, textbuf *out)
{
    textbuf_puts(out, "<h2 class=\"conflicts\">The fixed stays break the rules</h2>\n<ul>\n");
    for (int i = 0; i < d->plan->conflict_count; i++) {
        textbuf_puts(out, "<li>");
        write_text(out, d->plan->conflicts[i]);
        textbuf_puts(out, "</li>\n");
    }
    textbuf_puts(out, "</ul>\n");
}

char *report_html(const report_data *d)
{
    textbuf out = {0};
    write_head(d, &out);
    write_cards(d, &out);
    write_violations(d, &out);
    if (d->plan->outcome == LOGIS_INFEASIBLE && d->plan->conflict_count > 0)
        write_conflicts(d, &out);
    if (d->plan->left_count > 0)
        write_left_sentence(d, &out);
    write_territories(d, &out);
    /* The summary is one printed page; the tables follow from the next one. */
    textbuf_puts(&out, "</section>\n");
    if (d->plan->replanned)
        write_changes(d, &out);
    write_occupancy(d, &out);
    write_gantt(d, &out);
    write_stays(d, &out);
    write_left_out(d, &out);
    textbuf_printf(&out, "<footer>Written by logis %s. The same files are in this folder: "
                         "assignments.csv, unassigned.csv, occupancy.csv, gantt.svg.</footer>\n"
                         "</body>\n</html>\n",
                   logis_version());
    return textbuf_finish(&out);
}
