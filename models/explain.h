/* Why a household is where a plan puts it, or is left out: the reasons written into plans, and
 * the reasoning `logis explain` and `logis suggest` share (what stands in the way of a stay). */
#ifndef LOGIS_EXPLAIN_H
#define LOGIS_EXPLAIN_H

#include "json.h"
#include "ledger.h"
#include "plan.h"

#include <stddef.h>
#include <stdio.h>

/* LEFT_NO_FIT or LEFT_NO_DATE with the reason written, or LEFT_CAPACITY (reason untouched). */
left_out_code explain_left_out(const logis_scenario *s, int h, char *reason, size_t size);

/* The stays of a plan as a list that can change, for trying moves. */
typedef struct {
    stay *items;
    int count, capacity;
} stay_list;

/* Copies count stays into an empty list. False when out of memory. */
bool stay_list_copy(stay_list *list, const stay *stays, int count);
/* Appends household h's stay in d from start (its end from rule 4). False when out of memory. */
bool stay_list_add(const logis_scenario *s, stay_list *list, int h, int d, day_t start);
/* Removes the stay at index, keeping the others in order. */
void stay_list_remove(stay_list *list, int index);
/* The index of household h's stay, or -1. */
int stay_list_find(const stay_list *list, int h);
void stay_list_free(stay_list *list);
/* A ledger holding every stay of the list; free it with ledger_free. False when out of memory
 * (nothing to free then). */
bool stay_list_ledger(const logis_scenario *s, const stay_list *list, ledger *l);

/* Is the stay one of the scenario's fixed stays (rule 7), which nothing may move? */
bool stay_is_fixed(const logis_scenario *s, const stay *st);

enum { LISTED_MAX = 8 };

/* What stands in the way of household h moving into dwelling d on a date, given the stays:
 * the dates (rule 3), households holding the dwelling (rule 5), the team's caseload (rule 6). */
typedef struct {
    bool outside_horizon, outside_availability;
    int holders[LISTED_MAX]; /* stays holding the dwelling then, indices into the list */
    int holder_count;        /* all of them, also those beyond LISTED_MAX */
    int places_taken;        /* shared dwelling: places others hold on the first full date */
    bool caseload_full;
    int caseload_load; /* households accompanied on the first date the team is full */
    day_t caseload_day;
} obstacles;

/* Fills *out. False when out of memory. */
bool find_obstacles(const logis_scenario *s, const stay_list *stays, const household *h, int d,
                    day_t start, obstacles *out);
/* Marks in in_the_way (one flag per stay of the list) the stays that hold the dwelling or count
 * against the caseload on a date where h on start would break rule 5 or 6. Returns how many
 * were marked, or -1 when out of memory. */
int mark_stays_in_the_way(const logis_scenario *s, const stay_list *stays, const household *h,
                          int d, day_t start, bool *in_the_way);
/* Same obstacles (for grouping dates that share them)? */
bool same_obstacles(const obstacles *a, const obstacles *b);

/* A place for a household and the figures the objective weighs it by. */
typedef struct {
    int dwelling;
    day_t start, end;
    int wait_days;
    int empty_places; /* places - size; in a shared dwelling, also less what others hold */
    long wait_person_days, empty_place_days; /* objectives 2 and 3 for this stay */
} spot;

typedef struct {
    spot *items;
    int count, capacity;
} spot_list;

/* False when out of memory. */
bool spot_list_add(spot_list *list, const spot *p);

/* The figures of h in d from start, next to the stays of others. False when out of memory. */
bool spot_figures(const logis_scenario *s, const stay_list *others, const household *h, int d,
                  day_t start, spot *out);
/* Best first for a household looking for a place: earliest move-in, then fewest empty places,
 * then dwelling id (qsort_r comparator; the context is the scenario). */
int compare_spots(const void *a, const void *b, void *context);

/* An answer being written about household index of scenario s, next to a plan's stays: as text
 * for people (text set), or as a JSON object (root set). */
typedef struct {
    const logis_scenario *s;
    const household *h;
    int index;
    stay_list stays; /* the plan's */
    FILE *text;      /* a memory stream into buffer, or NULL when writing JSON */
    char *buffer;
    size_t size;
    json_builder b;
    json *root;
} answer;

/* Starts an answer; false when out of memory (answer_finish still frees it). */
bool answer_begin(answer *a, const logis_scenario *s, const logis_plan *plan, int index,
                  int json_output);
/* The answer's text or JSON, everything else freed; NULL when ok is false or out of memory. */
char *answer_finish(answer *a, bool ok);
/* The household's move-in dates on its grid (starts, count: rule_grid_starts). */
void write_move_in_dates(answer *a, const day_t *starts, int count);
/* How many dwellings fit the household (rule 2), and why the others do not; returns the first. */
int write_fit_summary(answer *a);
/* What is in the way of the household in each dwelling that fits it, on each of its move-in
 * dates (starts, count), dates with the same obstacles together. False when out of memory. */
bool write_obstacles_by_dwelling(answer *a, const day_t *starts, int count);

const char *lease_name(const dwelling *d);
void write_dwelling_words(FILE *out, const logis_scenario *s, int d);
void write_household_words(FILE *out, const household *h);
void write_spot_words(FILE *out, const logis_scenario *s, const spot *p);
void add_spot_members(json_builder *b, json *item, const logis_scenario *s, const spot *p);
void add_household_members(json_builder *b, json *item, const household *h);
/* Closes the memory stream (out may be NULL) and hands over its text, *buffer; NULL, all
 * freed, when ok is false or anything failed. */
char *finish_text(FILE *out, char **buffer, bool ok);
/* Prints the document and frees it (root may be NULL); NULL when ok is false or out of
 * memory. */
char *finish_json(json *root, bool ok);

/* The plan must keep rules 1-6 before anything is reasoned from it: LOGIS_E_INPUT with the
 * violations in diags otherwise. */
logis_status explain_check_plan(const logis_scenario *s, const logis_plan *plan,
                                logis_diagnostics *diags);

#endif
