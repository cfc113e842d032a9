/* logis project --park auto: the park searches, run in this process after the variants, with a
 * line on stderr for each probe. */
#include "cli/cli.h"

#include <stdio.h>

static void show_probe(void *user, const logis_park_probe *probe)
{
    (void)user;
    char stay[16] = "given";
    if (probe->stay_months)
        snprintf(stay, sizeof stay, "%d", probe->stay_months);
    fprintf(stderr, "logis project: stay %s, demand x%g, park x%g: %s (%ld of %ld), %.1f s\n",
            stay, probe->demand, probe->park, probe->verdict, probe->households_housed,
            probe->households_to_house, probe->seconds);
}

int search_parks(logis_projection *projection, const char *scenario_path, double time_limit,
                 bool quiet)
{
    int code;
    logis_scenario *scenario = load_scenario(scenario_path, false, true, NULL, &code);
    logis_diagnostics *diags = scenario ? logis_diagnostics_new() : NULL;
    if (!diags) {
        logis_scenario_free(scenario);
        return scenario ? EXIT_INTERNAL : code;
    }
    logis_park_search_options options;
    logis_park_search_options_init(&options);
    options.solve.time_limit = time_limit;
    options.solve.stop = &stop_requested;
    options.probe = quiet ? NULL : show_probe;
    logis_status status = logis_projection_search_park(projection, scenario, &options, diags);
    print_diagnostics(diags, false);
    logis_diagnostics_free(diags);
    logis_scenario_free(scenario);
    if (status != LOGIS_OK)
        complain("the park search failed (%s)", logis_status_string(status));
    return status == LOGIS_OK ? -1 : status == LOGIS_E_INPUT ? EXIT_INPUT : EXIT_INTERNAL;
}
