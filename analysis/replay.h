/* The replay behind logis_replay: a year lived week by week, once per lead (and with and
 * without the forecast), beside the hindsight plan and the first-come plan. */
#ifndef LOGIS_REPLAY_H
#define LOGIS_REPLAY_H

#include "domain/plan.h"

typedef struct {
    int lead_days, step_days, notice_days;
    bool forecast;   /* the re-plans planned against the scenario's forecast */
    bool complete;   /* false when a stop request ended the year early */
    long weighted;   /* weighted persons housed by the stays that began */
    int replans;     /* re-plans after the first plan */
    long changes;    /* stays promised and then moved or withdrawn, over all re-plans */
    double seconds;
} replay_row;

struct logis_replay {
    const logis_scenario *scenario;
    long hindsight, first_come; /* weighted persons housed */
    const char *hindsight_status;
    double hindsight_seconds;
    replay_row *rows;
    int count;
    size_t rows_capacity;
    logis_plan *plan; /* the first run's final online plan */
};

/* part ÷ whole, 0 when whole is 0: a run's share of the hindsight result. */
double replay_ratio(long part, long whole);

#endif
