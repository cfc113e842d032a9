/* The stays of a plan as a list that can change, for trying moves, and its ledger. */
#ifndef LOGIS_STAYS_H
#define LOGIS_STAYS_H

#include "domain/ledger.h"
#include "domain/plan.h"

#include <stdbool.h>

/* The stays of a plan as a list that can change, for trying moves. */
typedef struct {
    stay *items;
    int count;
    size_t capacity;
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

/* Is the stay one of the scenario's fixed stays (rule 7), or kept by a re-plan, which nothing
 * may move? */
bool stay_is_fixed(const logis_scenario *s, const stay *st);

#endif
