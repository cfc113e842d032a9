/* The report writer (logis_report_write): the figures every file of a report draws on,
 * computed once from a scenario and its plan, and the writer of each file. */
#ifndef LOGIS_REPORT_H
#define LOGIS_REPORT_H

#include "domain/plan.h"
#include "base/textbuf.h"

typedef struct {
    int year, month;  /* month 1..12 */
    day_t first, end; /* the month's days within the horizon: [first, end) */
} report_month;

typedef struct {
    double place_days;    /* places available × days, in the month */
    double person_days;   /* persons housed × days, in the month */
    int accompanied_peak; /* the most households accompanied (rule 6) on one day of the month */
} month_figures;

typedef struct {
    const logis_scenario *scenario;
    const logis_plan *plan;
    plan_figures totals;
    day_t *park_exit;        /* per dwelling: available_until, or the day its sliding lease
                                passes to the household, whichever comes first */
    int *stays_in_order;     /* stay indices by dwelling (territory, then id), then start */
    int *dwellings_in_order; /* dwelling indices by territory, then id */
    bool *fixed;             /* per stay: one of the scenario's fixed stays */
    int *lane;               /* per stay: its line within its dwelling's Gantt row */
    int *lanes;              /* per dwelling: lines of its Gantt row, at least 1 */
    double *fullness;        /* per stay: persons in the dwelling the day it moves in ÷ places */
    report_month *months;
    int month_count;
    month_figures *monthly; /* month_count per territory, territory after territory */
    int left_by_code[LEFT_CODES]; /* households left out, by left_out_code */
    int size_max;        /* the largest household of the list */
    int *listed_by_size; /* households on the list, per size 0..size_max */
    int *left_by_size;   /* households left out, per size */
    long violations; /* of the rules, in a plan reported by force (0: it keeps them) */
    const logis_diagnostics *violation_list; /* those violations (NULL when none), borrowed */
} report_data;

/* The sizes [first, last] where the households left out gather most beyond the list's share
 * left out, with their counts. */
typedef struct {
    int first, last;
    int left, listed; /* households of those sizes left out, on the list */
    int by_code[LEFT_CODES];
    int dwellings; /* dwellings of the park with at least `first` places */
} left_out_band;

/* Computes everything from the plan and its scenario. False when out of memory (data is then
 * released). */
bool report_data_build(const logis_plan *plan, report_data *data);
void report_data_free(report_data *data);
const month_figures *report_monthly(const report_data *data, int territory_index, int month);
/* Fills the counts by size; false when out of memory (report_data_build's part). */
bool report_count_sizes(report_data *data);
/* The band of sizes that stands out most among the households left out; false (band zeroed)
 * when none does: every size is left out at most as often as the whole list. */
bool report_left_out_band(const report_data *data, left_out_band *band);
/* The dwellings that fit the household (rule 2) on some move-in date of its grid (rule 3),
 * by territory then id, into out (room for every dwelling): how many, or -1 when out of
 * memory. */
int report_fitting_dwellings(const report_data *data, int household_index, int *out);

/* The lists of dwellings that fit households left out, each distinct list kept once: a page
 * that listed them again in every row of 199,999 alike households was 1.2 GB. */
typedef struct fitting_lists fitting_lists;
/* For at most `lists` lists; NULL when out of memory. */
fitting_lists *fitting_lists_new(int lists);
void fitting_lists_free(fitting_lists *t);
/* Looks list[0..count) up: *first is the household (index) that first had the same list, which
 * is household_index itself when the list is new (then remembered). False when out of
 * memory. */
bool fitting_lists_find(fitting_lists *t, const int *list, int count, int household_index,
                        int *first);
/* "Jan" ... "Dec" */
const char *report_month_name(int month);
/* The ratio as a percentage with one decimal ("84.3"), or "-" when whole is 0; text holds 16
 * bytes. */
const char *report_percent(double part, double whole, char *text);

/* The files: each returns its text (the caller's) or NULL when out of memory. */
char *report_assignments_csv(const report_data *data);
char *report_unassigned_csv(const report_data *data);
char *report_occupancy_csv(const report_data *data);
char *report_gantt_file(const report_data *data);
char *report_html(const report_data *data);

/* The Gantt chart as an <svg> element. standalone: a file of its own, with the XML declaration
 * and a fixed size; otherwise an element for a page, scaled to its width. */
void report_gantt_svg(const report_data *data, bool standalone, textbuf *out);
/* The occupancy-by-month chart, an <svg> element for report.html. */
void report_occupancy_chart(const report_data *data, textbuf *out);
/* The colour of a territory in charts and tables: "#rrggbb". */
const char *report_territory_colour(int territory_index);

/* Text placed in XML or HTML: & < > " ' escaped, and what XML 1.0 forbids (control
 * characters, invalid UTF-8) replaced by U+FFFD, so that any input gives a well-formed file. */
void xml_text(textbuf *out, const char *text);

#endif
