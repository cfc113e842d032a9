/* Answers about one household (`logis explain`, `logis suggest`): text for people or JSON, the
 * words for dwellings, households and places, and the plan check before reasoning. */
#ifndef LOGIS_ANSWER_H
#define LOGIS_ANSWER_H

#include "analysis/spots.h"
#include "base/json.h"

#include <stddef.h>
#include <stdio.h>

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
const char *lease_name(const dwelling *d);
/* The day as YYYY-MM-DD in text (DATE_TEXT_SIZE bytes); returns text. */
const char *date_text(day_t day, char *text);
void write_dwelling_words(FILE *out, const logis_scenario *s, int d);
void write_household_words(FILE *out, const logis_scenario *s, const household *h);
void write_spot_words(FILE *out, const logis_scenario *s, const spot *p);
void add_dwelling_members(json_builder *b, json *item, const logis_scenario *s, int d);
void add_spot_members(json_builder *b, json *item, const logis_scenario *s, const spot *p);
void add_household_members(json_builder *b, json *item, const logis_scenario *s,
                           const household *h);
/* Closes the memory stream (out may be NULL) and hands over its text, *buffer; NULL, all
 * freed, when ok is false or anything failed. */
char *finish_text(FILE *out, char **buffer, bool ok);
/* Prints the document and frees it (root may be NULL); NULL when ok is false or out of
 * memory. */
char *finish_json(json *root, bool ok);

/* The scenario as of the plan's re-plan date, if it has one: no place before it is offered. */
logis_scenario plan_as_of_now(const logis_scenario *s, const logis_plan *plan);

/* The plan must keep rules 1-6 before anything is reasoned from it: LOGIS_E_INPUT with the
 * violations in diags otherwise. */
logis_status explain_check_plan(const logis_scenario *s, const logis_plan *plan,
                                logis_diagnostics *diags);

#endif
