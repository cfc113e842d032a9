/* What logis suggest adds when no place is free on a household's own dates: the earliest later
 * date with a free place, and what stands in the way, summarised. */
#ifndef LOGIS_SUGGEST_NEXT_H
#define LOGIS_SUGGEST_NEXT_H

#include "analysis/answer.h"

/* The earliest move-in on the household's step grid, past its waiting limit up to the
 * horizon's end, with a place free without moving anyone (the best of that date), or none.
 * False when out of memory. */
bool write_earliest_free_place(answer *a);
/* In text, how many of the dwellings that fit have each kind of obstacle on the move-in dates
 * (starts); in JSON, every dwelling and date as logis explain gives them. False when out of
 * memory. */
bool write_obstacle_summary(answer *a, const day_t *starts, int count);

#endif
