/* The report suite: XML escaping of anything the input holds, the figures by territory and
 * month on a tiny hand-made scenario (every number worked out by hand below), the CSV files'
 * rows, and the report folder with its five files. */
#include "tests.h"

#include "report/report.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Two months, two territories. T1: D1 (4 places) all along, D2 (2 places) from 1 February;
 * T2: D3 (3 places, sliding lease). Stays of one month, accompaniment of two. */
static const char tiny_scenario[] =
    "{\"name\": \"A & B <script>\",\n"
    " \"horizon\": {\"start\": \"2027-01-01\", \"end\": \"2027-03-01\"},\n"
    " \"rules\": {\"stay_months\": 1, \"support_months\": 2, \"start_step_days\": 1},\n"
    " \"territories\": [{\"id\": \"T1\", \"caseload\": 3}, {\"id\": \"T2\"}],\n"
    " \"dwellings\": [\n"
    "  {\"id\": \"D1\", \"territory\": \"T1\", \"places\": 4},\n"
    "  {\"id\": \"D2\", \"territory\": \"T1\", \"places\": 2,\n"
    "   \"available_from\": \"2027-02-01\"},\n"
    "  {\"id\": \"D3\", \"territory\": \"T2\", \"places\": 3, \"lease\": \"sliding\"}],\n"
    " \"households\": [\n"
    "  {\"id\": \"H1\", \"size\": 3, \"arrival\": \"2027-01-01\"},\n"
    "  {\"id\": \"H2\", \"size\": 4, \"arrival\": \"2027-02-01\"},\n"
    "  {\"id\": \"H3\", \"size\": 2, \"arrival\": \"2027-02-10\"},\n"
    "  {\"id\": \"H4\", \"size\": 3, \"arrival\": \"2027-01-11\"},\n"
    "  {\"id\": \"H5\", \"size\": 5, \"arrival\": \"2027-01-01\"}],\n"
    " \"fixed\": [{\"household\": \"H1\", \"dwelling\": \"D1\", \"start\": \"2027-01-01\"}]}\n";

/* Listed out of order on purpose: the report sorts by territory, dwelling, start. */
static const char tiny_plan[] =
    "{\"assignments\": [\n"
    "  {\"household\": \"H4\", \"dwelling\": \"D3\", \"start\": \"2027-01-11\", "
    "\"end\": \"2027-03-11\"},\n"
    "  {\"household\": \"H2\", \"dwelling\": \"D1\", \"start\": \"2027-02-01\", "
    "\"end\": \"2027-03-01\"},\n"
    "  {\"household\": \"H3\", \"dwelling\": \"D2\", \"start\": \"2027-02-10\", "
    "\"end\": \"2027-03-10\"},\n"
    "  {\"household\": \"H1\", \"dwelling\": \"D1\", \"start\": \"2027-01-01\", "
    "\"end\": \"2027-02-01\"}],\n"
    " \"unassigned\": [{\"household\": \"H5\", \"code\": \"no_fit\", "
    "\"reason\": \"size 5 > 4, \\\"the most\\\"\"}]}\n";

typedef struct {
    logis_scenario *scenario;
    logis_plan *plan;
} tiny;

static tiny load_tiny(void)
{
    tiny t = {load_fixture("tiny.json", tiny_scenario, NULL), NULL};
    if (t.scenario)
        logis_plan_load(write_fixture("tiny-plan.json", tiny_plan), t.scenario, &t.plan, NULL);
    return t;
}

static void free_tiny(tiny *t)
{
    logis_plan_free(t->plan);
    logis_scenario_free(t->scenario);
}

/* ---- escaping ---- */

static void xml_text_escapes_markup_and_replaces_what_xml_forbids(void)
{
    textbuf out = {0};
    xml_text(&out, "a<b>&\"'\x01 caf\xC3\xA9 \xC3\x28 \xC0\xAF \xED\xA0\x80 \xF0\x9F\x98\x80\t");
    char *text = textbuf_finish(&out);
    CU_ASSERT_STRING_EQUAL(text, "a&lt;b&gt;&amp;&quot;&#39;\xEF\xBF\xBD caf\xC3\xA9 "
                                 "\xEF\xBF\xBD( \xEF\xBF\xBD\xEF\xBF\xBD "
                                 "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD \xF0\x9F\x98\x80\t");
    free(text);
}

/* ---- figures ---- */

static void expect_month(const report_data *d, int territory_index, int month,
                         double place_days, double person_days, int peak)
{
    const month_figures *f = report_monthly(d, territory_index, month);
    CU_ASSERT_DOUBLE_EQUAL(f->place_days, place_days, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(f->person_days, person_days, 1e-9);
    CU_ASSERT_EQUAL(f->accompanied_peak, peak);
}

static void monthly_figures_match_the_hand_count(void)
{
    tiny t = load_tiny();
    CU_ASSERT_PTR_NOT_NULL_FATAL(t.plan);
    report_data d;
    CU_ASSERT_FATAL(report_data_build(t.plan, &d));
    CU_ASSERT_EQUAL_FATAL(d.month_count, 2);
    /* T1 January: D1 4 places × 31 days = 124; H1 3 persons × 31 days = 93; H1 alone. */
    expect_month(&d, 0, 0, 124, 93, 1);
    /* T1 February: D1 4 × 28 + D2 2 × 28 = 168; H2 4 × 28 + H3 2 × 19 (10th to 28th) = 150;
     * from the 10th H1 (accompanied until 1 March), H2 and H3: 3. */
    expect_month(&d, 0, 1, 168, 150, 3);
    /* T2 January: D3 3 × 31 = 93; H4 3 × 21 (11th to 31st) = 63. */
    expect_month(&d, 1, 0, 93, 63, 1);
    /* T2 February: 3 × 28 = 84 both; the sliding lease passes on 11 March, after the horizon. */
    expect_month(&d, 1, 1, 84, 84, 1);
    /* The months add up to the plan's own figures. */
    CU_ASSERT_DOUBLE_EQUAL(d.totals.park.place_days, 124 + 168 + 93 + 84, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(d.totals.park.person_days, 93 + 150 + 63 + 84, 1e-9);
    CU_ASSERT_EQUAL(d.left_by_code[LEFT_NO_FIT], 1);
    report_data_free(&d);
    free_tiny(&t);
}

static void stays_know_whether_they_are_fixed_and_how_full(void)
{
    tiny t = load_tiny();
    CU_ASSERT_PTR_NOT_NULL_FATAL(t.plan);
    report_data d;
    CU_ASSERT_FATAL(report_data_build(t.plan, &d));
    static const char *const order[] = {"H1", "H2", "H3", "H4"};
    static const bool fixed[] = {true, false, false, false};
    static const double fullness[] = {0.75, 1, 1, 1};
    for (int k = 0; k < 4; k++) {
        int i = d.stays_in_order[k];
        const stay *st = &t.plan->stays[i];
        CU_ASSERT_STRING_EQUAL(t.scenario->households[st->household].id, order[k]);
        CU_ASSERT_EQUAL(d.fixed[i], fixed[k]);
        CU_ASSERT_DOUBLE_EQUAL(d.fullness[i], fullness[k], 1e-9);
        CU_ASSERT_EQUAL(d.lane[i], 0);
    }
    report_data_free(&d);
    free_tiny(&t);
}

/* ---- files ---- */

static void csv_files_hold_the_hand_counted_rows(void)
{
    tiny t = load_tiny();
    CU_ASSERT_PTR_NOT_NULL_FATAL(t.plan);
    report_data d;
    CU_ASSERT_FATAL(report_data_build(t.plan, &d));
    char *assignments = report_assignments_csv(&d);
    char *unassigned = report_unassigned_csv(&d);
    char *occupancy = report_occupancy_csv(&d);
    CU_ASSERT_STRING_EQUAL(
        assignments,
        "\xEF\xBB\xBFhousehold,size,arrival,priority,dwelling,territory,places,lease,shared,"
        "start,end,wait_days,fixed\r\n"
        "H1,3,2027-01-01,1,D1,T1,4,temporary,false,2027-01-01,2027-02-01,0,true\r\n"
        "H2,4,2027-02-01,1,D1,T1,4,temporary,false,2027-02-01,2027-03-01,0,false\r\n"
        "H3,2,2027-02-10,1,D2,T1,2,temporary,false,2027-02-10,2027-03-10,0,false\r\n"
        "H4,3,2027-01-11,1,D3,T2,3,sliding,false,2027-01-11,2027-03-11,0,false\r\n");
    CU_ASSERT_STRING_EQUAL(unassigned,
                           "\xEF\xBB\xBFhousehold,size,arrival,priority,territories,needs,code,"
                           "reason\r\n"
                           "H5,5,2027-01-01,1,,,no_fit,\"size 5 > 4, \"\"the most\"\"\"\r\n");
    /* persons = person-days ÷ days: 150 / 28 = 5.36, 63 / 31 = 2.03; occupancy = person-days ÷
     * place-days: 150 / 168 = 0.8929, 63 / 93 = 0.6774. */
    CU_ASSERT_STRING_EQUAL(occupancy,
                           "\xEF\xBB\xBFterritory,month,days,place_days,person_days,places,"
                           "persons,occupancy,accompanied_peak,caseload\r\n"
                           "T1,2027-01,31,124,93,4.0,3.0,0.7500,1,3\r\n"
                           "T1,2027-02,28,168,150,6.0,5.4,0.8929,3,3\r\n"
                           "T2,2027-01,31,93,63,3.0,2.0,0.6774,1,\r\n"
                           "T2,2027-02,28,84,84,3.0,3.0,1.0000,1,\r\n");
    free(assignments);
    free(unassigned);
    free(occupancy);
    report_data_free(&d);
    free_tiny(&t);
}

/* Ids and reasons that a spreadsheet would run as formulas get a leading apostrophe in every
 * CSV file; numbers, a negative wait included, stay numbers. */
static const char formula_scenario[] =
    "{\"horizon\": {\"start\": \"2027-01-01\", \"end\": \"2027-02-01\"},\n"
    " \"rules\": {\"stay_months\": 1, \"start_step_days\": 1},\n"
    " \"territories\": [{\"id\": \"@T\"}],\n"
    " \"dwellings\": [{\"id\": \"+D\", \"territory\": \"@T\", \"places\": 4,\n"
    "                \"features\": [\"-x\"]}],\n"
    " \"households\": [{\"id\": \"=cmd|'/c calc'!A1\", \"size\": 3, \"arrival\": "
    "\"2027-01-05\"},\n"
    "  {\"id\": \"-2+3\", \"size\": 9, \"arrival\": \"2027-01-05\", \"needs\": [\"-x\"]}]}\n";

/* Edited by hand: the stay begins two days before the household arrives. */
static const char formula_plan[] =
    "{\"assignments\": [{\"household\": \"=cmd|'/c calc'!A1\", \"dwelling\": \"+D\", "
    "\"start\": \"2027-01-03\", \"end\": \"2027-02-03\"}],\n"
    " \"unassigned\": [{\"household\": \"-2+3\", \"code\": \"no_fit\", "
    "\"reason\": \"@SUM(A1)\"}]}\n";

static void csv_files_neutralise_formulas_but_not_numbers(void)
{
    logis_scenario *scenario = load_fixture("formulas.json", formula_scenario, NULL);
    logis_plan *plan = NULL;
    CU_ASSERT_PTR_NOT_NULL_FATAL(scenario);
    logis_plan_load(write_fixture("formulas-plan.json", formula_plan), scenario, &plan, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    report_data d;
    CU_ASSERT_FATAL(report_data_build(plan, &d));
    char *assignments = report_assignments_csv(&d);
    char *unassigned = report_unassigned_csv(&d);
    char *occupancy = report_occupancy_csv(&d);
    CU_ASSERT_PTR_NOT_NULL(strstr(assignments,
                                  "\r\n'=cmd|'/c calc'!A1,3,2027-01-05,1,'+D,'@T,4,temporary,"
                                  "false,2027-01-03,2027-02-03,-2,false\r\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(unassigned,
                                  "\r\n'-2+3,9,2027-01-05,1,,'-x,no_fit,'@SUM(A1)\r\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(occupancy, "\r\n'@T,2027-01,31,"));
    free(assignments);
    free(unassigned);
    free(occupancy);
    report_data_free(&d);
    logis_plan_free(plan);
    logis_scenario_free(scenario);
}

static void report_folder_gets_every_file_with_the_input_escaped(void)
{
    tiny t = load_tiny();
    CU_ASSERT_PTR_NOT_NULL_FATAL(t.plan);
    char folder[400], path[500];
    snprintf(folder, sizeof folder, "%s/reports/tiny/", fixture_folder());
    logis_diagnostics *d = logis_diagnostics_new();
    CU_ASSERT_EQUAL(logis_report_write(t.scenario, t.plan, folder, d), LOGIS_OK);
    CU_ASSERT_EQUAL(logis_diagnostics_count(d), 0);
    static const char *const files[] = {"assignments.csv", "unassigned.csv", "occupancy.csv",
                                        "gantt.svg", "report.html"};
    for (int i = 0; i < 5; i++) {
        struct stat info;
        snprintf(path, sizeof path, "%s%s", folder, files[i]);
        CU_ASSERT(stat(path, &info) == 0 && info.st_size > 0);
    }
    snprintf(path, sizeof path, "%sreport.html", folder);
    char *html = read_file_text(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(html);
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "Housing plan: A &amp; B &lt;script&gt;"));
    CU_ASSERT_PTR_NULL(strstr(html, "<script"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "size 5 &gt; 4, &quot;the most&quot;"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, ">H1 (3)</text>"));
    free(html);
    logis_diagnostics_free(d);
    free_tiny(&t);
}

static void report_refuses_a_plan_of_another_scenario(void)
{
    tiny t = load_tiny();
    logis_scenario *other = load_fixture("other.json", tiny_scenario, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t.plan);
    CU_ASSERT_PTR_NOT_NULL_FATAL(other);
    logis_diagnostics *d = logis_diagnostics_new();
    CU_ASSERT_EQUAL(logis_report_write(other, t.plan, fixture_folder(), d), LOGIS_E_INPUT);
    CU_ASSERT(diagnostics_contain(d, "another scenario", NULL));
    logis_diagnostics_free(d);
    logis_scenario_free(other);
    free_tiny(&t);
}

static void report_says_when_the_folder_cannot_be_made(void)
{
    tiny t = load_tiny();
    CU_ASSERT_PTR_NOT_NULL_FATAL(t.plan);
    char folder[400];
    snprintf(folder, sizeof folder, "%s/tiny.json/inside", fixture_folder());
    logis_diagnostics *d = logis_diagnostics_new();
    CU_ASSERT_EQUAL(logis_report_write(t.scenario, t.plan, folder, d), LOGIS_E_IO);
    CU_ASSERT(diagnostics_contain(d, "tiny.json/inside: cannot create the folder", NULL));
    logis_diagnostics_free(d);
    free_tiny(&t);
}

/* A report that fails on its last file (a folder named report.html is in the way) leaves the
 * previous report whole: its first files were replaced before, page and spreadsheets then
 * disagreeing. */
static void a_failed_report_leaves_the_previous_one_as_it_was(void)
{
    tiny t = load_tiny();
    CU_ASSERT_PTR_NOT_NULL_FATAL(t.plan);
    char folder[400], path[500];
    snprintf(folder, sizeof folder, "%s/reports/half", fixture_folder());
    logis_diagnostics *d = logis_diagnostics_new();
    CU_ASSERT_EQUAL_FATAL(logis_report_write(t.scenario, t.plan, folder, d), LOGIS_OK);
    snprintf(path, sizeof path, "%s/assignments.csv", folder);
    CU_ASSERT_EQUAL(logis_write_file(path, "previous", NULL), LOGIS_OK);
    snprintf(path, sizeof path, "%s/report.html", folder);
    CU_ASSERT_EQUAL_FATAL(remove(path), 0);
    CU_ASSERT_EQUAL_FATAL(mkdir(path, 0755), 0);
    CU_ASSERT_EQUAL(logis_report_write(t.scenario, t.plan, folder, d), LOGIS_E_IO);
    CU_ASSERT(diagnostics_contain(d, "half/report.html: cannot replace: it is a folder", NULL));
    snprintf(path, sizeof path, "%s/assignments.csv", folder);
    char *kept = read_file_text(path);
    CU_ASSERT(kept && strcmp(kept, "previous") == 0);
    free(kept);
    logis_diagnostics_free(d);
    free_tiny(&t);
}

/* The tiny plan with H3 moved into D1, which H2 holds then: rule 5 broken once. */
static const char broken_plan[] =
    "{\"assignments\": [\n"
    "  {\"household\": \"H4\", \"dwelling\": \"D3\", \"start\": \"2027-01-11\", "
    "\"end\": \"2027-03-11\"},\n"
    "  {\"household\": \"H2\", \"dwelling\": \"D1\", \"start\": \"2027-02-01\", "
    "\"end\": \"2027-03-01\"},\n"
    "  {\"household\": \"H3\", \"dwelling\": \"D1\", \"start\": \"2027-02-10\", "
    "\"end\": \"2027-03-10\"},\n"
    "  {\"household\": \"H1\", \"dwelling\": \"D1\", \"start\": \"2027-01-01\", "
    "\"end\": \"2027-02-01\"}],\n"
    " \"unassigned\": [{\"household\": \"H5\", \"code\": \"no_fit\", "
    "\"reason\": \"size 5 > 4\"}]}\n";

static logis_plan *load_broken(const logis_scenario *scenario)
{
    logis_plan *plan = NULL;
    logis_plan_load(write_fixture("broken-plan.json", broken_plan), scenario, &plan, NULL);
    return plan;
}

static void report_refuses_a_plan_that_breaks_the_rules(void)
{
    tiny t = load_tiny();
    CU_ASSERT_PTR_NOT_NULL_FATAL(t.scenario);
    logis_plan *plan = load_broken(t.scenario);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    char folder[400], path[500];
    snprintf(folder, sizeof folder, "%s/reports/broken", fixture_folder());
    logis_diagnostics *d = logis_diagnostics_new();
    long violations = -5;
    CU_ASSERT_EQUAL(logis_report_write_with(t.scenario, plan, folder, NULL, &violations, d),
                    LOGIS_E_INPUT);
    CU_ASSERT_EQUAL(violations, 1);
    CU_ASSERT(diagnostics_contain(d, "rule 5: dwelling D1 holds H2, H3 at once", NULL));
    CU_ASSERT(diagnostics_contain(d, "the plan breaks the rules (1 violation)", NULL));
    /* The plain function refuses too: its defaults are the options' defaults. */
    CU_ASSERT_EQUAL(logis_report_write(t.scenario, plan, folder, NULL), LOGIS_E_INPUT);
    snprintf(path, sizeof path, "%s/report.html", folder);
    struct stat info;
    CU_ASSERT_NOT_EQUAL(stat(path, &info), 0);
    logis_diagnostics_free(d);
    logis_plan_free(plan);
    free_tiny(&t);
}

static char *forced_file(const char *folder, const char *name)
{
    char path[500];
    snprintf(path, sizeof path, "%s/%s", folder, name);
    return read_file_text(path);
}

static void a_forced_report_names_the_violations_on_every_page(void)
{
    tiny t = load_tiny();
    CU_ASSERT_PTR_NOT_NULL_FATAL(t.scenario);
    logis_plan *plan = load_broken(t.scenario);
    CU_ASSERT_PTR_NOT_NULL_FATAL(plan);
    char folder[400];
    snprintf(folder, sizeof folder, "%s/reports/forced", fixture_folder());
    logis_report_options options;
    memset(&options, 0xff, sizeof options);
    logis_report_options_init(&options);
    CU_ASSERT_EQUAL(options.force, 0);
    options.force = 1;
    long violations = 0;
    CU_ASSERT_EQUAL(logis_report_write_with(t.scenario, plan, folder, &options, &violations,
                                            NULL),
                    LOGIS_OK);
    CU_ASSERT_EQUAL(violations, 1);
    char *html = forced_file(folder, "report.html");
    char *gantt = forced_file(folder, "gantt.svg");
    CU_ASSERT_PTR_NOT_NULL_FATAL(html);
    CU_ASSERT_PTR_NOT_NULL_FATAL(gantt);
    /* On screen a banner kept in view; printed, a page margin box on every page. */
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "<div class=\"banner\" role=\"alert\">This plan breaks "
                                        "the rules: 1 violation \xE2\x80\x94"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "@page{@top-center{content:\"This plan breaks the "
                                        "rules: 1 violation"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "rule 5: dwelling D1 holds H2, H3 at once"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "<div class=\"value\">breaks the rules</div>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(gantt, ">This plan breaks the rules: 1 violation"));
    free(html);
    free(gantt);
    logis_plan_free(plan);
    free_tiny(&t);
}

/* A plan that keeps the rules gets no banner. */
static void a_plan_that_keeps_the_rules_has_no_banner(void)
{
    tiny t = load_tiny();
    CU_ASSERT_PTR_NOT_NULL_FATAL(t.plan);
    char folder[400];
    snprintf(folder, sizeof folder, "%s/reports/clean", fixture_folder());
    long violations = -1;
    CU_ASSERT_EQUAL(logis_report_write_with(t.scenario, t.plan, folder, NULL, &violations, NULL),
                    LOGIS_OK);
    CU_ASSERT_EQUAL(violations, 0);
    char *html = forced_file(folder, "report.html");
    CU_ASSERT_PTR_NOT_NULL_FATAL(html);
    CU_ASSERT_PTR_NULL(strstr(html, "breaks the rules"));
    CU_ASSERT_PTR_NULL(strstr(html, "class=\"banner\""));
    free(html);
    free_tiny(&t);
}

/* What options.writing saw: the calls in order, and whether the folder's page existed at each. */
typedef struct {
    const char *page;
    int calls, begins[4];
    bool page_there[4];
} writing_seen;

static void note_writing(void *user, int begins)
{
    writing_seen *seen = user;
    struct stat info;
    if (seen->calls < 4) {
        seen->begins[seen->calls] = begins;
        seen->page_there[seen->calls] = stat(seen->page, &info) == 0;
    }
    seen->calls++;
}

/* options.writing brackets the making of the folder and its files, and only that: a program
 * holds its signals there, not while the plan is verified and the pages built (the h8 hostile
 * run: a Ctrl-C waited 20 s and more on a large plan). */
static void the_writing_callback_brackets_only_the_files(void)
{
    tiny t = load_tiny();
    CU_ASSERT_PTR_NOT_NULL_FATAL(t.plan);
    char folder[400], page[500];
    snprintf(folder, sizeof folder, "%s/reports/bracketed", fixture_folder());
    snprintf(page, sizeof page, "%s/report.html", folder);
    writing_seen seen = {.page = page};
    logis_report_options options;
    logis_report_options_init(&options);
    options.writing = note_writing;
    options.user = &seen;
    CU_ASSERT_EQUAL(logis_report_write_with(t.scenario, t.plan, folder, &options, NULL, NULL),
                    LOGIS_OK);
    CU_ASSERT_EQUAL_FATAL(seen.calls, 2);
    CU_ASSERT(seen.begins[0] == 1 && !seen.page_there[0]);
    CU_ASSERT(seen.begins[1] == 0 && seen.page_there[1]);
    free_tiny(&t);
}

/* The tiny scenario with H2 (4 persons) left out as well as H5 (5): the two largest. */
static const char two_left_plan[] =
    "{\"assignments\": [\n"
    "  {\"household\": \"H4\", \"dwelling\": \"D3\", \"start\": \"2027-01-11\", "
    "\"end\": \"2027-03-11\"},\n"
    "  {\"household\": \"H3\", \"dwelling\": \"D2\", \"start\": \"2027-02-10\", "
    "\"end\": \"2027-03-10\"},\n"
    "  {\"household\": \"H1\", \"dwelling\": \"D1\", \"start\": \"2027-01-01\", "
    "\"end\": \"2027-02-01\"}],\n"
    " \"unassigned\": [{\"household\": \"H5\", \"code\": \"no_fit\", \"reason\": \"size 5\"},\n"
    "  {\"household\": \"H2\", \"code\": \"capacity\", "
    "\"reason\": \"taken (4 places in T1 and 3 more)\"}]}\n";

static char *two_left_html(void)
{
    tiny t = load_tiny();
    logis_plan *plan = NULL;
    if (t.scenario)
        logis_plan_load(write_fixture("two-left.json", two_left_plan), t.scenario, &plan, NULL);
    report_data d;
    char *html = plan && report_data_build(plan, &d) ? report_html(&d) : NULL;
    if (html)
        report_data_free(&d);
    logis_plan_free(plan);
    free_tiny(&t);
    return html;
}

/* 2 of the 5 households are left out (40 %), both of the 2 of 4 persons or more: that band
 * stands out, and the sentence says so with the park's dwellings for it and the reasons. */
static void the_left_out_sentence_names_the_group_that_stands_out(void)
{
    char *html = two_left_html();
    CU_ASSERT_PTR_NOT_NULL_FATAL(html);
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "<strong>2 of 2 households left out are households of "
                                        "4 persons or more</strong>: 100.0\xC2\xA0% of the 2 "
                                        "such households on the list are left out, against "
                                        "40.0\xC2\xA0% of the whole list; the park has 1 "
                                        "dwelling of 4+ places out of 3. Of them, 1 fit no "
                                        "dwelling of the park; 1 find the places that fit them "
                                        "taken"));
    /* By reason, and by size with the band in bold. */
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "<td class=\"code\">capacity</td><td class=\"n\">1</td>"
                                        "<td class=\"n\">50.0\xC2\xA0%</td>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "<tr class=\"band\"><td class=\"n\">4</td>"
                                        "<td class=\"n\">1</td><td class=\"n\">1</td>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "<tr><td class=\"n\">3</td><td class=\"n\">2</td>"
                                        "<td class=\"n\">0</td>"));
    free(html);
}

/* The plan's reason stops after a few kinds ("and 3 more"); the page lists every dwelling that
 * fits, folded, and puts the households one by one behind a summary. */
static void left_out_reasons_are_never_cut(void)
{
    char *html = two_left_html();
    CU_ASSERT_PTR_NOT_NULL_FATAL(html);
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "taken (4 places in T1 and 3 more)<details><summary>"
                                        "the 1 dwelling that fits it</summary>"
                                        "<span id=\"fits-1\"></span>D1 (4 places, T1)"
                                        "</details>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "<details class=\"list\"><summary>The 2 households left "
                                        "out, one by one, with their reasons</summary>"));
    free(html);
}

/* Three households of 4 for one 4-place dwelling: the two left out have the same list of
 * dwellings that fit them, shown once; the second row links to it (a page of 199,999 alike
 * households left out was 1.2 GB when every row listed them again). */
static void a_list_of_fitting_dwellings_is_shown_once(void)
{
    logis_scenario *s = load_fixture(
        "alike-left.json",
        "{\"horizon\": {\"start\": \"2030-01-01\", \"end\": \"2030-04-01\"},"
        " \"territories\": [{\"id\": \"T\"}],"
        " \"dwellings\": [{\"id\": \"D4\", \"territory\": \"T\", \"places\": 4}],"
        " \"households\": [{\"id\": \"A\", \"size\": 4, \"arrival\": \"2030-01-01\"},"
        "   {\"id\": \"B\", \"size\": 4, \"arrival\": \"2030-01-01\"},"
        "   {\"id\": \"C\", \"size\": 4, \"arrival\": \"2030-01-01\"}]}",
        NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    logis_plan *plan = NULL;
    CU_ASSERT_EQUAL(logis_solve(s, NULL, &plan, NULL), LOGIS_OK);
    report_data d;
    char *html = plan && report_data_build(plan, &d) ? report_html(&d) : NULL;
    if (html)
        report_data_free(&d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(html);
    const char *list = strstr(html, "</summary><span id=\"fits-");
    CU_ASSERT_PTR_NOT_NULL_FATAL(list);
    CU_ASSERT_PTR_NULL(strstr(list + 1, "</summary><span id=\"fits-"));
    CU_ASSERT_PTR_NOT_NULL(strstr(list, "D4 (4 places, T)</details>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(list, "<details><summary>the 1 dwelling that fits it</summary>"
                                        "the same as for <a href=\"#fits-"));
    free(html);
    logis_plan_free(plan);
    logis_scenario_free(s);
}

/* The summary is a page of its own when printed: head, cards, the left-out sentence and the
 * territories, then a page break before the tables. */
static void the_summary_prints_on_a_page_of_its_own(void)
{
    char *html = two_left_html();
    CU_ASSERT_PTR_NOT_NULL_FATAL(html);
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "@media print{@page{size:A4 landscape;margin:10mm}"
                                        ".summary{break-after:page}"));
    const char *open = strstr(html, "<section class=\"summary\">\n<h1>Housing plan: ");
    const char *cards = strstr(html, "<div class=\"cards\">");
    const char *lead = strstr(html, "<p class=\"lead\"><strong>2 of 2");
    const char *territories = strstr(html, "<h2>Territories</h2>");
    const char *close = strstr(html, "</section>");
    const char *occupancy = strstr(html, "<h2>Occupancy by month</h2>");
    CU_ASSERT_FATAL(open && cards && lead && territories && close && occupancy);
    CU_ASSERT(open < cards && cards < lead && lead < territories && territories < close &&
              close < occupancy);
    free(html);
}

/* T1 has a caseload: the peak accompanied at once is shown against it. */
static void the_peak_accompanied_is_shown_where_a_caseload_bounds_it(void)
{
    char *html = two_left_html();
    CU_ASSERT_PTR_NOT_NULL_FATAL(html);
    CU_ASSERT_PTR_NOT_NULL(strstr(html, "<th class=\"n\">Most accompanied at once</th>"));
    CU_ASSERT_PTR_NULL(strstr(html, "No territory has a caseload"));
    free(html);
}

void suite_report(void)
{
    CU_pSuite suite = CU_add_suite("report", NULL, NULL);
    CU_add_test(suite, "xml_text_escapes_markup_and_replaces_what_xml_forbids",
                xml_text_escapes_markup_and_replaces_what_xml_forbids);
    CU_add_test(suite, "monthly_figures_match_the_hand_count",
                monthly_figures_match_the_hand_count);
    CU_add_test(suite, "stays_know_whether_they_are_fixed_and_how_full",
                stays_know_whether_they_are_fixed_and_how_full);
    CU_add_test(suite, "csv_files_hold_the_hand_counted_rows",
                csv_files_hold_the_hand_counted_rows);
    CU_add_test(suite, "csv_files_neutralise_formulas_but_not_numbers",
                csv_files_neutralise_formulas_but_not_numbers);
    CU_add_test(suite, "report_folder_gets_every_file_with_the_input_escaped",
                report_folder_gets_every_file_with_the_input_escaped);
    CU_add_test(suite, "the_writing_callback_brackets_only_the_files",
                the_writing_callback_brackets_only_the_files);
    CU_add_test(suite, "report_refuses_a_plan_of_another_scenario",
                report_refuses_a_plan_of_another_scenario);
    CU_add_test(suite, "a_failed_report_leaves_the_previous_one_as_it_was",
                a_failed_report_leaves_the_previous_one_as_it_was);
    CU_add_test(suite, "report_says_when_the_folder_cannot_be_made",
                report_says_when_the_folder_cannot_be_made);
    CU_add_test(suite, "report_refuses_a_plan_that_breaks_the_rules",
                report_refuses_a_plan_that_breaks_the_rules);
    CU_add_test(suite, "a_forced_report_names_the_violations_on_every_page",
                a_forced_report_names_the_violations_on_every_page);
    CU_add_test(suite, "a_plan_that_keeps_the_rules_has_no_banner",
                a_plan_that_keeps_the_rules_has_no_banner);
    CU_add_test(suite, "the_left_out_sentence_names_the_group_that_stands_out",
                the_left_out_sentence_names_the_group_that_stands_out);
    CU_add_test(suite, "left_out_reasons_are_never_cut", left_out_reasons_are_never_cut);
    CU_add_test(suite, "a list of fitting dwellings is shown once",
                a_list_of_fitting_dwellings_is_shown_once);
    CU_add_test(suite, "the_summary_prints_on_a_page_of_its_own",
                the_summary_prints_on_a_page_of_its_own);
    CU_add_test(suite, "the_peak_accompanied_is_shown_where_a_caseload_bounds_it",
                the_peak_accompanied_is_shown_where_a_caseload_bounds_it);
}
