/* Why a household is left out when no dwelling or no date fits it, in words for planners. */
#ifndef LOGIS_LEFT_OUT_H
#define LOGIS_LEFT_OUT_H

#include "domain/plan.h"

#include <stddef.h>

/* LEFT_NO_FIT, LEFT_NO_DATE or LEFT_PAST with the reason written, or LEFT_CAPACITY (reason
 * untouched). */
left_out_code explain_left_out(const logis_scenario *s, int h, char *reason, size_t size);

#endif
