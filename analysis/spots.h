/* Places a household could take and the figures the objective weighs them by. */
#ifndef LOGIS_SPOTS_H
#define LOGIS_SPOTS_H

#include "analysis/stays.h"

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
    int count;
    size_t capacity;
} spot_list;

/* False when out of memory. */
bool spot_list_add(spot_list *list, const spot *p);

/* The figures of h in d from start, next to the stays of others. False when out of memory. */
bool spot_figures(const logis_scenario *s, const stay_list *others, const household *h, int d,
                  day_t start, spot *out);
/* Best first for a household looking for a place: earliest move-in, then fewest empty places,
 * then dwelling id (qsort_r comparator; the context is the scenario). */
int compare_spots(const void *a, const void *b, void *context);

#endif
