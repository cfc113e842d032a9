/* A ledger of who holds which dwelling and which team's caseload when: the place-by-place
 * bookkeeping of greedy plans (first come, smallest fit). */
#ifndef LOGIS_LEDGER_H
#define LOGIS_LEDGER_H

#include "domain/scenario.h"

typedef struct {
    day_t start, until;
    int load;
} hold;

typedef struct {
    hold *items;
    int count;
    size_t capacity;
} hold_list;

/* What has moved in within a quota's dates. */
typedef struct {
    long persons, households;
} quota_use;

typedef struct {
    const logis_scenario *scenario;
    hold_list *dwellings;   /* per dwelling: occupied intervals, load in households or places */
    hold_list *territories; /* per territory: accompaniment intervals */
    quota_use **quotas;     /* per territory, per quota */
} ledger;

bool ledger_init(ledger *l, const logis_scenario *s);
void ledger_free(ledger *l);
/* Can household h move into dwelling d on start under rules 2 to 6 and 8, given what is
 * booked? */
bool ledger_allows(const ledger *l, int h, int d, day_t start);
/* Books the stay. False when out of memory. */
bool ledger_book(ledger *l, int h, int d, day_t start);
/* Takes back the last stay booked, which was h's in d from start. */
void ledger_unbook(ledger *l, int h, int d, day_t start);

#endif
