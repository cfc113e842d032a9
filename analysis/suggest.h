/* Where one more household could go in a plan (`logis suggest`): the bounds of its search. */
#ifndef LOGIS_SUGGEST_H
#define LOGIS_SUGGEST_H

/* The bounded search for a place that moves other households: how many at most, and how much
 * work (ledger bookings and checks) it may do before it gives up. */
enum { SUGGEST_MOVES_MAX = 2, SUGGEST_WORK_MAX = 10000000 };

#endif
