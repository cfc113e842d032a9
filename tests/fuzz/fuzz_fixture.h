/* The scenario a reader's fuzz target reads its inputs against: loaded once a process from
 * $LOGIS_FUZZ_SCENARIO (make fuzz sets it), with its first-come plan. */
#ifndef LOGIS_FUZZ_FIXTURE_H
#define LOGIS_FUZZ_FIXTURE_H

#include "logis.h"

typedef struct {
    logis_scenario *scenario;
    logis_plan *plan; /* first come, verified */
} fuzz_fixture;

/* The fixture, made on the first call; aborts when it cannot be (a harness error). */
const fuzz_fixture *fuzz_fixture_get(void);

#endif
