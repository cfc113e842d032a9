/* Checking plans against the rules: the whole of logis_plan_verify, and the rules alone for a
 * partial plan such as the fixed stays of a scenario. */
#ifndef LOGIS_VERIFY_H
#define LOGIS_VERIFY_H

#include "domain/plan.h"

/* Appends one error per violation to diags, reported against file (NULL: "plan"). complete
 * adds the checks that need a whole plan: every household listed once, fixed stays kept, the
 * stated figures. Returns the number of violations, or -1 when out of memory. */
long plan_check_rules(const logis_scenario *s, const logis_plan *plan, bool complete,
                      const char *file, logis_diagnostics *diags);

#endif
