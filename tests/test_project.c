/* Capacity questions through the public API: scenario variants (scaling and stays), the
 * projection folder (emit, collect, reports) and logis_need on hand-worked scenarios. */
#include "tests.h"

#include "base/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Four two-place flats and four couples, each couple arriving a month after the last; D2 has
 * a fixed stay of H2. Ids are quoted with single quotes, turned into double quotes. */
static const char *const four_flats =
    "{'name': 'four flats', 'horizon': {'start': '2027-01-04', 'end': '2028-01-01'},"
    " 'rules': {'stay_months': 3, 'support_months': 12},"
    " 'territories': [{'id': 'T1', 'name': 'North'}],"
    " 'dwellings': [{'id': 'D1', 'territory': 'T1', 'places': 2},"
    "   {'id': 'D2', 'territory': 'T1', 'places': 2},"
    "   {'id': 'D3', 'territory': 'T1', 'places': 2, 'features': ['lift']},"
    "   {'id': 'D4', 'territory': 'T1', 'places': 2}],"
    " 'households': [{'id': 'H1', 'size': 2, 'arrival': '2027-01-04'},"
    "   {'id': 'H2', 'size': 2, 'arrival': '2027-02-01', 'stay_months': 6},"
    "   {'id': 'H3', 'size': 2, 'arrival': '2027-03-01', 'needs': ['lift']},"
    "   {'id': 'H4', 'size': 2, 'arrival': '2027-04-05'}],"
    " 'fixed': [{'household': 'H2', 'dwelling': 'D2', 'start': '2027-02-01'}]}";

static char *double_quoted(const char *text)
{
    char *copy = strdup(text);
    for (char *c = copy; c && *c; c++)
        if (*c == '\'')
            *c = '"';
    return copy;
}

static logis_scenario *load_text(const char *name, const char *single_quoted)
{
    char *text = double_quoted(single_quoted);
    logis_scenario *scenario = text ? load_fixture(name, text, NULL) : NULL;
    free(text);
    CU_ASSERT_PTR_NOT_NULL(scenario);
    return scenario;
}

/* The variant's JSON text parsed, or NULL (asserted). */
static logis_variant variant(int stay_months, double park, double demand)
{
    logis_variant v;
    logis_variant_init(&v);
    v.stay_months = stay_months;
    v.park = park;
    v.demand = demand;
    return v;
}

static json *variant_of(const logis_scenario *base, logis_variant variant)
{
    char *text = NULL;
    logis_diagnostics *diags = logis_diagnostics_new();
    CU_ASSERT_EQUAL(logis_scenario_variant(base, &variant, &text, diags), LOGIS_OK);
    size_t stop = 0;
    json *document = text ? json_parse(text, strlen(text), &stop) : NULL;
    CU_ASSERT_PTR_NOT_NULL(document);
    free(text);
    logis_diagnostics_free(diags);
    return document;
}

/* The ids of one array of a document, joined with spaces. */
static void ids_of(const json *document, const char *array, char *out, size_t size)
{
    out[0] = '\0';
    for (const json *item = json_first(json_member(document, array)); item;
         item = json_next(item)) {
        const char *id = json_string(json_member(item, "id"));
        size_t length = strlen(out);
        snprintf(out + length, size - length, "%s%s", length ? " " : "", id ? id : "?");
    }
}

static void variant_at_half_keeps_every_second_record(void)
{
    logis_scenario *base = load_text("half.json", four_flats);
    json *document = base ? variant_of(base, variant(0, 0.5, 0.5)) : NULL;
    char ids[256];
    ids_of(document, "dwellings", ids, sizeof ids);
    CU_ASSERT_STRING_EQUAL(ids, "D2 D4");
    ids_of(document, "households", ids, sizeof ids);
    CU_ASSERT_STRING_EQUAL(ids, "H2 H4");
    CU_ASSERT_EQUAL(json_count(json_member(document, "fixed")), 1);
    json_free(document);
    logis_scenario_free(base);
}

static void variant_at_one_and_a_half_copies_every_second_record_with_new_ids(void)
{
    logis_scenario *base = load_text("more.json", four_flats);
    json *document = base ? variant_of(base, variant(0, 1.5, 2)) : NULL;
    char ids[256];
    ids_of(document, "dwellings", ids, sizeof ids);
    CU_ASSERT_STRING_EQUAL(ids, "D1 D2 D2~2 D3 D4 D4~2");
    ids_of(document, "households", ids, sizeof ids);
    CU_ASSERT_STRING_EQUAL(ids, "H1 H1~2 H2 H2~2 H3 H3~2 H4 H4~2");
    /* the copy of the fixed household is not fixed: the original keeps its stay */
    CU_ASSERT_EQUAL(json_count(json_member(document, "fixed")), 1);
    json_free(document);
    logis_scenario_free(base);
}

static void variant_drops_a_fixed_stay_whose_dwelling_is_left_out(void)
{
    logis_scenario *base = load_text("drop.json", four_flats);
    json *document = base ? variant_of(base, variant(0, 0.5, 1)) : NULL;
    char ids[64];
    ids_of(document, "dwellings", ids, sizeof ids);
    CU_ASSERT_STRING_EQUAL(ids, "D2 D4");
    CU_ASSERT_EQUAL(json_count(json_member(document, "fixed")), 1);
    json_free(document);
    document = base ? variant_of(base, variant(0, 1, 0.5)) : NULL;
    ids_of(document, "households", ids, sizeof ids);
    CU_ASSERT_STRING_EQUAL(ids, "H2 H4");
    json_free(document);
    logis_scenario_free(base);
}

static void variant_stay_replaces_every_households_stay(void)
{
    logis_scenario *base = load_text("stay.json", four_flats);
    json *document = base ? variant_of(base, variant(9, 1, 1)) : NULL;
    CU_ASSERT_DOUBLE_EQUAL(json_number(json_member(json_member(document, "rules"),
                                                   "stay_months")), 9, 0);
    for (const json *h = json_first(json_member(document, "households")); h; h = json_next(h))
        CU_ASSERT_PTR_NULL(json_member(h, "stay_months"));
    json_free(document);
    document = base ? variant_of(base, variant(0, 1, 1)) : NULL;
    const json *second = json_next(json_first(json_member(document, "households")));
    CU_ASSERT_DOUBLE_EQUAL(json_number(json_member(second, "stay_months")), 6, 0);
    json_free(document);
    logis_scenario_free(base);
}

static void variant_written_back_loads_as_the_same_scenario(void)
{
    logis_scenario *base = load_text("same.json", four_flats);
    char *text = NULL;
    logis_variant same;
    logis_variant_init(&same);
    CU_ASSERT_EQUAL(base ? logis_scenario_variant(base, &same, &text, NULL) : LOGIS_E_INPUT,
                    LOGIS_OK);
    logis_scenario *again = text ? load_fixture("same-again.json", text, NULL) : NULL;
    CU_ASSERT_PTR_NOT_NULL(again);
    char *described = base ? logis_scenario_describe(base) : NULL;
    char *described_again = again ? logis_scenario_describe(again) : NULL;
    /* the description counts everything by territory, size, places, features and reason */
    const char *first = described ? strchr(described, '\n') : NULL;
    const char *second = described_again ? strchr(described_again, '\n') : NULL;
    CU_ASSERT(first && second && strcmp(first, second) == 0);
    free(described);
    free(described_again);
    free(text);
    logis_scenario_free(again);
    logis_scenario_free(base);
}

static void variant_refuses_a_stay_longer_than_the_support(void)
{
    logis_scenario *base = load_text("long.json", four_flats);
    logis_diagnostics *diags = logis_diagnostics_new();
    char *text = NULL;
    logis_variant too_long = variant(13, 1, 1);
    CU_ASSERT_EQUAL(base ? logis_scenario_variant(base, &too_long, &text, diags) : LOGIS_OK,
                    LOGIS_E_INPUT);
    CU_ASSERT_PTR_NULL(text);
    CU_ASSERT(diagnostics_contain(diags, "/rules/stay_months", "support_months (12)", NULL));
    logis_diagnostics_free(diags);
    logis_scenario_free(base);
}

/* ---- the projection folder ---- */

/* Plans one variant as `logis plan` would, into its plan file. */
static void plan_variant(const logis_projection *p, size_t index)
{
    logis_scenario *scenario = NULL;
    CU_ASSERT_EQUAL(logis_scenario_load(logis_projection_scenario_path(p, index), &scenario,
                                        NULL), LOGIS_OK);
    logis_plan *plan = NULL;
    CU_ASSERT_EQUAL(scenario ? logis_solve(scenario, NULL, &plan, NULL) : LOGIS_E_INPUT,
                    LOGIS_OK);
    char *text = plan ? logis_plan_to_json(plan) : NULL;
    CU_ASSERT_EQUAL(text ? logis_write_file(logis_projection_plan_path(p, index), text, NULL)
                         : LOGIS_E_NOMEM,
                    LOGIS_OK);
    free(text);
    logis_plan_free(plan);
    logis_scenario_free(scenario);
}

static void projection_collects_what_each_variant_housed(void)
{
    logis_scenario *base = load_text("project.json", four_flats);
    char folder[512];
    snprintf(folder, sizeof folder, "%s/projection", fixture_folder());
    logis_variant variants[] = {variant(3, 1, 1), variant(12, 1, 1)};
    logis_projection *emitted = NULL, *opened = NULL;
    CU_ASSERT_EQUAL(base ? logis_projection_emit(base, variants, 2, folder, "logis", 5, &emitted,
                                                 NULL)
                         : LOGIS_E_INPUT,
                    LOGIS_OK);
    CU_ASSERT_EQUAL(logis_projection_count(emitted), 2);
    if (emitted)
        plan_variant(emitted, 0); /* the second is left unplanned */
    CU_ASSERT_EQUAL(logis_projection_open(folder, &opened, NULL), LOGIS_OK);
    logis_diagnostics *diags = logis_diagnostics_new();
    CU_ASSERT_EQUAL(opened ? logis_projection_collect(opened, diags) : LOGIS_E_INPUT, LOGIS_OK);
    CU_ASSERT(diagnostics_contain(diags, "variant-002.plan.json", "no plan yet", NULL));
    char *csv = opened ? logis_projection_csv(opened) : NULL;
    /* 3-month stays: D1, D3 and D4 take H1, H3 and H4 (H2 is fixed in D2): 8 persons */
    CU_ASSERT_PTR_NOT_NULL(csv ? strstr(csv, "\r\n3,1,1,optimal,4,4,8,8,8,") : NULL);
    CU_ASSERT_PTR_NOT_NULL(csv ? strstr(csv, "\r\n12,1,1,missing,,") : NULL);
    char jobs_path[600];
    snprintf(jobs_path, sizeof jobs_path, "%s/jobs.txt", folder);
    char *jobs = read_file_text(jobs_path);
    CU_ASSERT_PTR_NOT_NULL(jobs ? strstr(jobs, "'logis' plan '") : NULL);
    CU_ASSERT_PTR_NOT_NULL(jobs ? strstr(jobs, "variant-002.plan.json' --time-limit 5 --quiet\n")
                                : NULL);
    free(jobs);
    free(csv);
    logis_diagnostics_free(diags);
    logis_projection_free(opened);
    logis_projection_free(emitted);
    logis_scenario_free(base);
}

/* Rules given as options replace the scenario's and are checked as its own: a stay beyond the
 * support is refused at /rules/stay_months. */
static void scenario_takes_other_rules_checked_as_its_own(void)
{
    logis_scenario *base = load_text("rules.json", four_flats);
    logis_rules rules;
    logis_rules_init(&rules);
    rules.stay_months = 6;
    rules.turnover_days = 7;
    logis_scenario *changed = NULL;
    CU_ASSERT_EQUAL(base ? logis_scenario_with_rules(base, &rules, &changed, NULL) : LOGIS_E_INPUT,
                    LOGIS_OK);
    char *text = changed ? logis_scenario_describe(changed) : NULL;
    CU_ASSERT_PTR_NOT_NULL(text ? strstr(text, "stay 6 months") : NULL);
    CU_ASSERT_PTR_NOT_NULL(text ? strstr(text, "turnover 7 days") : NULL);
    free(text);
    logis_scenario_free(changed);
    changed = NULL;
    rules.stay_months = 14;
    logis_diagnostics *diags = logis_diagnostics_new();
    CU_ASSERT_EQUAL(base ? logis_scenario_with_rules(base, &rules, &changed, diags) : LOGIS_OK,
                    LOGIS_E_INPUT);
    CU_ASSERT_PTR_NULL(changed);
    CU_ASSERT(diagnostics_contain(diags, "with other rules", "/rules/stay_months", NULL));
    logis_diagnostics_free(diags);
    logis_scenario_free(base);
}

/* ---- need ---- */

static json *need_with(const char *name, const char *single_quoted,
                       const logis_options *options)
{
    logis_scenario *base = load_text(name, single_quoted);
    logis_need *need = NULL;
    CU_ASSERT_EQUAL(base ? logis_need_solve(base, options, &need, NULL) : LOGIS_E_INPUT,
                    LOGIS_OK);
    char *text = need ? logis_need_to_json(need) : NULL;
    size_t stop = 0;
    json *document = text ? json_parse(text, strlen(text), &stop) : NULL;
    CU_ASSERT_PTR_NOT_NULL(document);
    free(text);
    logis_need_free(need);
    logis_scenario_free(base);
    return document;
}

static json *need_of(const char *name, const char *single_quoted)
{
    return need_with(name, single_quoted, NULL);
}

static double summary_number(const json *need, const char *name)
{
    return json_number(json_member(json_member(need, "summary"), name));
}

static const char *summary_text(const json *need, const char *name)
{
    return json_string(json_member(json_member(need, "summary"), name));
}

static void need_is_empty_when_the_park_houses_everyone(void)
{
    json *need = need_of("enough.json", four_flats);
    CU_ASSERT_EQUAL(json_count(json_member(need, "dwellings")), 0);
    CU_ASSERT_DOUBLE_EQUAL(summary_number(need, "dwellings"), 0, 0);
    json_free(need);
}

/* A need stopped before its plan housed anyone is no answer: it must not say that nothing is
 * to capture, nor that the households left out could not be housed (the h8 hostile run). */
static void need_stopped_at_once_says_it_has_no_answer(void)
{
    volatile sig_atomic_t stop = 1;
    logis_options options;
    logis_options_init(&options);
    options.stop = &stop;
    json *need = need_with("stopped.json",
                           "{'horizon': {'start': '2027-01-04', 'end': '2027-07-01'},"
                           " 'territories': [{'id': 'T1'}],"
                           " 'dwellings': [{'id': 'D1', 'territory': 'T1', 'places': 1}],"
                           " 'households': [{'id': 'A', 'size': 3, 'arrival': '2027-01-04'},"
                           "   {'id': 'B', 'size': 4, 'arrival': '2027-01-04'},"
                           "   {'id': 'C', 'size': 5, 'arrival': '2027-01-04'},"
                           "   {'id': 'D', 'size': 6, 'arrival': '2027-01-04'},"
                           "   {'id': 'E', 'size': 2, 'arrival': '2027-01-04'}]}",
                           &options);
    const json *summary = json_member(need, "summary");
    const char *sentence = json_string(json_member(summary, "sentence"));
    CU_ASSERT_STRING_EQUAL(json_string(json_member(summary, "status")), "feasible");
    CU_ASSERT_PTR_NULL(json_member(summary, "not_housable"));
    CU_ASSERT(json_count(json_member(summary, "not_housed_yet")) >= 1);
    CU_ASSERT_PTR_NOT_NULL(sentence ? strstr(sentence, "answer") : NULL);
    CU_ASSERT_PTR_NULL(sentence ? strstr(sentence, "Nothing to capture") : "");
    json_free(need);
}

/* Three families of 3 arrive together; the park has one three-place flat and a single room.
 * Two more three-place flats are needed, from the day they arrive; a family of 7 that fits
 * nothing gets a seven-place one, which no one else can share in time. */
static void need_adds_the_fewest_dwellings_of_the_right_size(void)
{
    json *need = need_of(
        "short.json",
        "{'horizon': {'start': '2027-01-04', 'end': '2027-07-01'},"
        " 'territories': [{'id': 'T1'}, {'id': 'T2'}],"
        " 'dwellings': [{'id': 'D1', 'territory': 'T1', 'places': 3},"
        "   {'id': 'D2', 'territory': 'T1', 'places': 1}],"
        " 'households': [{'id': 'A', 'size': 3, 'arrival': '2027-01-04'},"
        "   {'id': 'B', 'size': 3, 'arrival': '2027-01-04', 'territories': ['T2']},"
        "   {'id': 'C', 'size': 3, 'arrival': '2027-01-04'},"
        "   {'id': 'E', 'size': 7, 'arrival': '2027-02-01', 'territories': ['T2']}]}");
    CU_ASSERT_DOUBLE_EQUAL(summary_number(need, "dwellings"), 3, 0);
    CU_ASSERT_DOUBLE_EQUAL(summary_number(need, "places"), 13, 0);
    CU_ASSERT_STRING_EQUAL(summary_text(need, "status"), "optimal");
    char ids[128];
    ids_of(need, "dwellings", ids, sizeof ids);
    CU_ASSERT_STRING_EQUAL(ids, "NEW-001 NEW-002 NEW-003");
    const json *last = json_first(json_member(need, "dwellings"));
    while (last && json_next(last))
        last = json_next(last);
    CU_ASSERT_STRING_EQUAL(json_string(json_member(last, "territory")), "T2");
    CU_ASSERT_DOUBLE_EQUAL(json_number(json_member(last, "places")), 7, 0);
    CU_ASSERT_STRING_EQUAL(json_string(json_member(last, "available_from")), "2027-02-01");
    json_free(need);
}

/* A household arriving after the horizon ends cannot be housed by any dwelling. */
static void need_lists_households_no_dwelling_could_house(void)
{
    json *need = need_of(
        "late.json",
        "{'horizon': {'start': '2027-01-04', 'end': '2027-07-01'},"
        " 'territories': [{'id': 'T1'}], 'dwellings': [],"
        " 'households': [{'id': 'LATE', 'size': 2, 'arrival': '2027-08-02'}]}");
    CU_ASSERT_DOUBLE_EQUAL(summary_number(need, "dwellings"), 0, 0);
    const json *left = json_first(json_member(json_member(need, "summary"), "not_housable"));
    CU_ASSERT_STRING_EQUAL(json_string(json_member(left, "household")), "LATE");
    CU_ASSERT_STRING_EQUAL(json_string(json_member(left, "code")), "no_date");
    json_free(need);
}

/* Two couples arrive three months apart: one dwelling serves both, one after the other, and
 * is needed from the first's move-in to the second's move-out. */
static void need_says_how_long_each_dwelling_is_needed_and_for_whom(void)
{
    json *need = need_of("lease.json",
                         "{'horizon': {'start': '2027-01-04', 'end': '2027-12-31'},"
                         " 'territories': [{'id': 'T1'}], 'dwellings': [],"
                         " 'households': [{'id': 'A', 'size': 2, 'arrival': '2027-01-04'},"
                         "   {'id': 'B', 'size': 2, 'arrival': '2027-04-05'}]}");
    const json *d = json_first(json_member(need, "dwellings"));
    CU_ASSERT_DOUBLE_EQUAL(summary_number(need, "dwellings"), 1, 0);
    CU_ASSERT_STRING_EQUAL(json_string(json_member(d, "available_from")), "2027-01-04");
    CU_ASSERT_STRING_EQUAL(json_string(json_member(d, "available_until")), "2027-07-05");
    const json *first = json_first(json_member(d, "serves"));
    const json *second = json_next(first);
    CU_ASSERT_STRING_EQUAL(json_string(json_member(first, "household")), "A");
    CU_ASSERT_STRING_EQUAL(json_string(json_member(first, "end")), "2027-04-04");
    CU_ASSERT_STRING_EQUAL(json_string(json_member(second, "household")), "B");
    CU_ASSERT_STRING_EQUAL(json_string(json_member(second, "start")), "2027-04-05");
    CU_ASSERT_PTR_NULL(json_next(second));
    json_free(need);
}

/* The park is widened by as many copies of a kind as stays could overlap, a stay keeping its
 * dwelling through the turnover: the couple arriving the day after the first one's stay ends
 * cannot follow it within the 7 days, so two dwellings are needed, not one. */
static void need_counts_the_turnover_when_stays_overlap(void)
{
    json *need = need_of("turnover.json",
                         "{'horizon': {'start': '2027-01-04', 'end': '2027-12-31'},"
                         " 'rules': {'turnover_days': 7},"
                         " 'territories': [{'id': 'T1'}], 'dwellings': [],"
                         " 'households': [{'id': 'A', 'size': 2, 'arrival': '2027-01-04'},"
                         "   {'id': 'B', 'size': 2, 'arrival': '2027-04-05'}]}");
    CU_ASSERT_DOUBLE_EQUAL(summary_number(need, "dwellings"), 2, 0);
    CU_ASSERT_DOUBLE_EQUAL(summary_number(need, "households_in_new_dwellings"), 2, 0);
    CU_ASSERT_STRING_EQUAL(summary_text(need, "status"), "optimal");
    json_free(need);
}

/* The dwellings per territory in a need's summary, as "T1:2 T2:2 T3:3". */
static void territory_counts(const json *need, char *out, size_t size)
{
    size_t length = 0;
    out[0] = '\0';
    const json *list = json_member(json_member(need, "summary"), "territories");
    for (const json *t = json_first(list); t && length < size; t = json_next(t))
        length += (size_t)snprintf(out + length, size - length, "%s%s:%g", length ? " " : "",
                                   json_string(json_member(t, "id")),
                                   json_number(json_member(t, "dwellings")));
}

/* Seven couples arrive together on an empty park: six accept any territory, one only T3. Each
 * needs a dwelling; where they go is a tie the demand breaks: two, two and three, not all in
 * T1 (the first territory). */
static const char *const seven_couples =
    "{'horizon': {'start': '2027-01-04', 'end': '2027-07-01'},"
    " 'territories': [{'id': 'T1'}, {'id': 'T2'%s}, {'id': 'T3'}], 'dwellings': [],"
    " 'households': [{'id': 'A', 'size': 2, 'arrival': '2027-01-04'},"
    "   {'id': 'B', 'size': 2, 'arrival': '2027-01-04'},"
    "   {'id': 'C', 'size': 2, 'arrival': '2027-01-04'},"
    "   {'id': 'D', 'size': 2, 'arrival': '2027-01-04'},"
    "   {'id': 'E', 'size': 2, 'arrival': '2027-01-04'},"
    "   {'id': 'F', 'size': 2, 'arrival': '2027-01-04'},"
    "   {'id': 'G', 'size': 2, 'arrival': '2027-01-04', 'territories': ['T3']}]}";

static void need_spreads_the_dwellings_by_demand(void)
{
    char text[1024], counts[128];
    snprintf(text, sizeof text, seven_couples, "");
    json *need = need_of("spread.json", text);
    territory_counts(need, counts, sizeof counts);
    CU_ASSERT_STRING_EQUAL(counts, "T1:2 T2:2 T3:3");
    CU_ASSERT_STRING_EQUAL(summary_text(need, "sentence"),
                           "Capture 7 dwellings (14 places) for 7 households (14 persons), needed "
                           "from 2027-01-04 to 2027-04-04: 2 in T1, 2 in T2 and 3 in T3; by "
                           "size, 7 of 2 places.");
    json_free(need);
}

/* With a team in T2 that accompanies one household at a time, T2 gets one dwelling: spreading
 * keeps the rules. */
static void need_spreads_within_the_caseload(void)
{
    char text[1024], counts[128];
    snprintf(text, sizeof text, seven_couples, ", 'caseload': 1");
    json *need = need_of("caseload.json", text);
    territory_counts(need, counts, sizeof counts);
    CU_ASSERT_STRING_EQUAL(counts, "T1:3 T2:1 T3:3");
    json_free(need);
}

void suite_project(void)
{
    CU_pSuite suite = CU_add_suite("project", NULL, NULL);
    CU_add_test(suite, "variant at half keeps every second record",
                variant_at_half_keeps_every_second_record);
    CU_add_test(suite, "variant at 1.5 copies every second record with new ids",
                variant_at_one_and_a_half_copies_every_second_record_with_new_ids);
    CU_add_test(suite, "variant drops a fixed stay whose dwelling is left out",
                variant_drops_a_fixed_stay_whose_dwelling_is_left_out);
    CU_add_test(suite, "variant stay replaces every household's stay",
                variant_stay_replaces_every_households_stay);
    CU_add_test(suite, "variant written back loads as the same scenario",
                variant_written_back_loads_as_the_same_scenario);
    CU_add_test(suite, "variant refuses a stay longer than the support",
                variant_refuses_a_stay_longer_than_the_support);
    CU_add_test(suite, "projection collects what each variant housed",
                projection_collects_what_each_variant_housed);
    CU_add_test(suite, "scenario takes other rules checked as its own",
                scenario_takes_other_rules_checked_as_its_own);
    CU_add_test(suite, "need stopped at once says it has no answer",
                need_stopped_at_once_says_it_has_no_answer);
    CU_add_test(suite, "need is empty when the park houses everyone",
                need_is_empty_when_the_park_houses_everyone);
    CU_add_test(suite, "need adds the fewest dwellings of the right size",
                need_adds_the_fewest_dwellings_of_the_right_size);
    CU_add_test(suite, "need lists households no dwelling could house",
                need_lists_households_no_dwelling_could_house);
    CU_add_test(suite, "need counts the turnover when stays overlap",
                need_counts_the_turnover_when_stays_overlap);
    CU_add_test(suite, "need says how long each dwelling is needed and for whom",
                need_says_how_long_each_dwelling_is_needed_and_for_whom);
    CU_add_test(suite, "need spreads the dwellings by demand",
                need_spreads_the_dwellings_by_demand);
    CU_add_test(suite, "need spreads within the caseload", need_spreads_within_the_caseload);
}
