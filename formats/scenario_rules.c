/* A scenario under other rules, for commands that take rules as options (logis need --stay):
 * written as a document and read back, so that every value is checked as in a scenario file. */
#include "formats/scenario_json.h"

#include "base/diag.h"
#include "domain/variant.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void logis_rules_init(logis_rules *given)
{
    *given = (logis_rules){.stay_months = -1,
                           .support_months = -1,
                           .max_wait_days = -1,
                           .start_step_days = -1,
                           .turnover_days = -1};
}

static void take_rule(int *rule, int given)
{
    if (given != -1)
        *rule = given;
}

/* The errors name the scenario "with other rules": the values at /rules are the options', not
 * the file's. */
static char *label_of(const logis_scenario *base)
{
    size_t size = strlen(base->path) + 32;
    char *label = malloc(size);
    if (label)
        snprintf(label, size, "%s with other rules", base->path);
    return label;
}

logis_status logis_scenario_with_rules(const logis_scenario *base, const logis_rules *given,
                                       logis_scenario **out, logis_diagnostics *diags)
{
    *out = NULL;
    size_t errors_before = logis_diagnostics_errors(diags);
    logis_scenario changed = *base; /* read only by scenario_document: the arrays are shared */
    take_rule(&changed.rules.stay_months, given->stay_months);
    take_rule(&changed.rules.support_months, given->support_months);
    take_rule(&changed.rules.max_wait_days, given->max_wait_days);
    take_rule(&changed.rules.start_step_days, given->start_step_days);
    take_rule(&changed.rules.turnover_days, given->turnover_days);
    logis_variant every_stay; /* a stay given is every household's, as in logis project */
    logis_variant_init(&every_stay);
    every_stay.stay_months = given->stay_months == -1 ? 0 : given->stay_months;
    json *document = scenario_document(&changed, &every_stay, base->name, NULL);
    char *label = label_of(base), *path = strdup(base->path);
    logis_status status = document && label && path
                              ? scenario_read_document(document, label, out, diags)
                              : LOGIS_E_NOMEM;
    /* the document or a copy failing said nothing: every LOGIS_E_NOMEM comes with a message */
    if (status == LOGIS_E_NOMEM)
        diag_out_of_memory(diags, errors_before, base->path);
    if (status == LOGIS_OK) {
        free((*out)->path);
        (*out)->path = path;
        path = NULL;
    }
    free(path);
    free(label);
    json_free(document);
    return status;
}
