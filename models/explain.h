/* Why a household is left out: no dwelling fits it, or no move-in date works; otherwise it is a
 * matter of capacity, which the caller words from what was binding. */
#ifndef LOGIS_EXPLAIN_H
#define LOGIS_EXPLAIN_H

#include "plan.h"

#include <stddef.h>

/* LEFT_NO_FIT or LEFT_NO_DATE with the reason written, or LEFT_CAPACITY (reason untouched). */
left_out_code explain_left_out(const logis_scenario *s, int h, char *reason, size_t size);

#endif
