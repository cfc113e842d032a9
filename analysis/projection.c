/* Capacity projections: a folder of variant scenarios with its manifest and jobs.txt, the
 * figures collected from the variants' plans, and the report as JSON, CSV and a text table
 * (report/projection_chart.c draws it). */
#include "base/diag.h"
#include "base/json.h"
#include "domain/plan.h"
#include "analysis/projection.h"
#include "base/textbuf.h"
#include "base/textfile.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static const char manifest_name[] = "projection.json";
static const char jobs_name[] = "jobs.txt";

void logis_projection_free(logis_projection *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->count; i++) {
        free(p->rows[i].scenario_path);
        free(p->rows[i].plan_path);
    }
    free(p->rows);
    park_searches_free(p);
    free(p->folder);
    free(p->name);
    free(p);
}

size_t logis_projection_count(const logis_projection *p)
{
    return p ? p->count : 0;
}

const char *logis_projection_scenario_path(const logis_projection *p, size_t index)
{
    return p && index < p->count ? p->rows[index].scenario_path : NULL;
}

const char *logis_projection_plan_path(const logis_projection *p, size_t index)
{
    return p && index < p->count ? p->rows[index].plan_path : NULL;
}

static char *joined(const char *folder, const char *name)
{
    size_t size = strlen(folder) + strlen(name) + 2;
    char *path = malloc(size);
    if (path)
        snprintf(path, size, "%s/%s", folder, name);
    return path;
}

static logis_projection *projection_new(const char *folder, const char *name, size_t count)
{
    logis_projection *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->folder = strdup(folder);
    p->name = strdup(name);
    p->rows = calloc(count + 1, sizeof *p->rows);
    if (!p->folder || !p->name || !p->rows) {
        logis_projection_free(p);
        return NULL;
    }
    return p;
}

/* Gives row i its files, "variant-001.json" and "variant-001.plan.json" inside the folder. */
static bool name_row_files(logis_projection *p, size_t i)
{
    char name[64];
    snprintf(name, sizeof name, "variant-%03zu.json", i + 1);
    p->rows[i].scenario_path = joined(p->folder, name);
    snprintf(name, sizeof name, "variant-%03zu.plan.json", i + 1);
    p->rows[i].plan_path = joined(p->folder, name);
    return p->rows[i].scenario_path && p->rows[i].plan_path;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* ---- emitting ---- */

static bool make_folder(const char *folder, logis_diagnostics *diags)
{
    if (mkdir(folder, 0777) == 0 || errno == EEXIST)
        return true;
    diag_add(diags, LOGIS_ERROR, folder, 0, 0, NULL, "cannot create the folder: %s",
             strerror(errno));
    return false;
}

static char *manifest_text(const logis_projection *p, double time_limit)
{
    json_builder b = {true};
    json *root = json_new_object();
    b.ok = root != NULL;
    json_add_text(&b, root, "logis", logis_version());
    json_add_text(&b, root, "scenario", p->name);
    json_add_number(&b, root, "time_limit", time_limit);
    json *list = json_add_array(&b, root, "variants");
    for (size_t i = 0; i < p->count && b.ok; i++) {
        const projection_row *row = &p->rows[i];
        json *item = json_add_object(&b, list, NULL);
        json_add_number(&b, item, "stay_months", row->variant.stay_months);
        json_add_number(&b, item, "park", row->variant.park);
        json_add_number(&b, item, "demand", row->variant.demand);
        json_add_text(&b, item, "scenario", base_name(row->scenario_path));
        json_add_text(&b, item, "plan", base_name(row->plan_path));
    }
    char *text = b.ok ? json_print(root) : NULL;
    json_free(root);
    return text;
}

/* The text as one single-quoted shell word. */
static void add_quoted(textbuf *t, const char *text)
{
    textbuf_puts(t, "'");
    for (const char *c = text; *c; c++)
        textbuf_add(t, *c == '\'' ? "'\\''" : c, *c == '\'' ? 4 : 1);
    textbuf_puts(t, "'");
}

static char *jobs_text(const logis_projection *p, const char *command, double time_limit)
{
    textbuf t = {0};
    char folder[PATH_MAX];
    const char *where = realpath(p->folder, folder) ? folder : p->folder;
    for (size_t i = 0; i < p->count; i++) {
        const projection_row *row = &p->rows[i];
        char *scenario = joined(where, base_name(row->scenario_path));
        char *plan = joined(where, base_name(row->plan_path));
        t.failed = t.failed || !scenario || !plan;
        add_quoted(&t, command);
        textbuf_puts(&t, " plan ");
        add_quoted(&t, scenario ? scenario : "");
        textbuf_puts(&t, " -o ");
        add_quoted(&t, plan ? plan : "");
        textbuf_printf(&t, " --time-limit %g --quiet\n", time_limit);
        free(scenario);
        free(plan);
    }
    return textbuf_finish(&t);
}

static logis_status write_variant(const logis_scenario *base, projection_row *row,
                                  logis_diagnostics *diags)
{
    char *text = NULL;
    logis_status status = logis_scenario_variant(base, &row->variant, &text, diags);
    if (status == LOGIS_OK)
        status = logis_write_file(row->scenario_path, text, diags);
    free(text);
    return status;
}

static logis_status write_text(const char *folder, const char *name, char *text,
                               logis_diagnostics *diags)
{
    char *path = joined(folder, name);
    logis_status status = text && path ? logis_write_file(path, text, diags) : LOGIS_E_NOMEM;
    free(path);
    free(text);
    return status;
}

logis_status logis_projection_emit(const logis_scenario *base, const logis_variant *variants,
                                   size_t count, const char *folder, const char *command,
                                   double time_limit, logis_projection **out,
                                   logis_diagnostics *diags)
{
    *out = NULL;
    if (!make_folder(folder, diags))
        return LOGIS_E_IO;
    logis_projection *p = projection_new(folder, *base->name ? base->name : base->path, count);
    logis_status status = p ? LOGIS_OK : LOGIS_E_NOMEM;
    for (size_t i = 0; i < count && status == LOGIS_OK; i++) {
        p->rows[i].variant = variants[i];
        p->count = i + 1;
        status = name_row_files(p, i) ? write_variant(base, &p->rows[i], diags) : LOGIS_E_NOMEM;
    }
    if (status == LOGIS_OK)
        status = write_text(folder, manifest_name, manifest_text(p, time_limit), diags);
    if (status == LOGIS_OK)
        status = write_text(folder, jobs_name, jobs_text(p, command, time_limit), diags);
    if (status != LOGIS_OK) {
        logis_projection_free(p);
        p = NULL;
    }
    *out = p;
    return status;
}

/* ---- reading a folder back ---- */

static bool read_variant(logis_projection *p, size_t i, const json *item, logis_diagnostics *d,
                         const char *manifest)
{
    const json *months = json_member(item, "stay_months"), *park = json_member(item, "park");
    const json *demand = json_member(item, "demand"), *scenario = json_member(item, "scenario");
    const json *plan = json_member(item, "plan");
    char pointer[48];
    snprintf(pointer, sizeof pointer, "/variants/%zu", i);
    if (!json_is_number(months) || !json_is_number(park) || !json_is_number(demand) ||
        !json_string(scenario) || !json_string(plan) || strchr(json_string(scenario), '/') ||
        strchr(json_string(plan), '/')) {
        diag_add(d, LOGIS_ERROR, manifest, 0, 0, pointer,
                 "expected {stay_months, park, demand, scenario, plan} with plain file names");
        return false;
    }
    projection_row *row = &p->rows[i];
    row->variant = (logis_variant){.stay_months = (int)json_number(months),
                                   .park = json_number(park), .demand = json_number(demand)};
    row->scenario_path = joined(p->folder, json_string(scenario));
    row->plan_path = joined(p->folder, json_string(plan));
    p->count = i + 1;
    return row->scenario_path && row->plan_path;
}

static logis_status read_manifest(const char *folder, const char *manifest, const json *root,
                                  logis_projection **out, logis_diagnostics *diags)
{
    const json *variants = json_member(root, "variants");
    const json *name = json_member(root, "scenario");
    if (!json_is_array(variants) || !json_string(name)) {
        diag_add(diags, LOGIS_ERROR, manifest, 0, 0, NULL,
                 "not a projection manifest: expected \"scenario\" and \"variants\"");
        return LOGIS_E_INPUT;
    }
    logis_projection *p = projection_new(folder, json_string(name), json_count(variants));
    if (!p)
        return LOGIS_E_NOMEM;
    size_t i = 0;
    bool ok = true;
    for (const json *item = json_first(variants); item && ok; item = json_next(item), i++)
        ok = read_variant(p, i, item, diags, manifest);
    if (!ok) {
        logis_projection_free(p);
        return logis_diagnostics_errors(diags) ? LOGIS_E_INPUT : LOGIS_E_NOMEM;
    }
    *out = p;
    return LOGIS_OK;
}

logis_status logis_projection_open(const char *folder, logis_projection **out,
                                   logis_diagnostics *diags)
{
    *out = NULL;
    char *manifest = joined(folder, manifest_name);
    char *text = NULL;
    size_t length = 0;
    json *root = NULL;
    logis_status status = LOGIS_E_NOMEM;
    if (!manifest)
        goto done;
    status = textfile_read(manifest, TEXTFILE_MAX_DEFAULT, &text, &length, diags);
    if (status == LOGIS_OK)
        status = textfile_parse_json(manifest, text, length, &root, diags);
    if (status == LOGIS_OK)
        status = read_manifest(folder, manifest, root, out, diags);
done:
    json_free(root);
    free(text);
    free(manifest);
    return status;
}

/* ---- collecting the plans ---- */

void projection_take_figures(projection_row *row, const logis_plan *plan,
                             const plan_figures *f)
{
    static const char *const outcomes[] = {"optimal", "feasible", "infeasible"};
    row->status = outcomes[plan->outcome];
    row->households = f->households;
    row->households_housed = f->park.households_housed;
    row->persons = f->persons;
    row->persons_housed = f->park.persons_housed;
    row->weighted_persons_housed = f->weighted_persons_housed;
    row->occupancy = claim_value(f, CLAIM_OCCUPANCY);
    row->mean_wait_days = claim_value(f, CLAIM_MEAN_WAIT_DAYS);
    row->gap = plan->gap;
    row->seconds = plan->seconds;
    for (int i = 0; i < plan->left_count; i++)
        row->unassigned[plan->left[i].code]++;
}

/* Reads one variant's scenario and plan; a plan that is missing or unreadable marks the row. */
static logis_status collect_row(projection_row *row, logis_diagnostics *diags)
{
    logis_scenario *scenario = NULL;
    logis_plan *plan = NULL;
    plan_figures figures = {0};
    row->status = "missing";
    logis_status status = logis_scenario_load(row->scenario_path, &scenario, NULL);
    if (status != LOGIS_OK) {
        diag_add(diags, LOGIS_ERROR, row->scenario_path, 0, 0, NULL,
                 "cannot read this variant's scenario");
        goto done;
    }
    struct stat info;
    if (stat(row->plan_path, &info) != 0) {
        diag_add(diags, LOGIS_WARNING, row->plan_path, 0, 0, NULL, "no plan yet");
        goto done;
    }
    row->status = "unreadable";
    status = logis_plan_load(row->plan_path, scenario, &plan, diags);
    if (status == LOGIS_E_INPUT)
        status = LOGIS_OK;
    if (status != LOGIS_OK || !plan)
        goto done;
    if (!plan_figures_compute(plan, &figures))
        status = LOGIS_E_NOMEM;
    else
        projection_take_figures(row, plan, &figures);
done:
    plan_figures_free(&figures);
    logis_plan_free(plan);
    logis_scenario_free(scenario);
    return status;
}

logis_status logis_projection_collect(logis_projection *p, logis_diagnostics *diags)
{
    logis_status status = LOGIS_OK;
    for (size_t i = 0; i < p->count && status == LOGIS_OK; i++) {
        projection_row *row = &p->rows[i];
        memset(row->unassigned, 0, sizeof row->unassigned);
        status = collect_row(row, diags);
    }
    return status;
}

/* ---- the report ---- */

static const char *const unassigned_names[UNASSIGNED_CODES] = {"no_fit", "no_date", "capacity"};

bool projection_has_figures(const projection_row *row)
{
    return strcmp(row->status, "missing") != 0 && strcmp(row->status, "unreadable") != 0;
}

static void add_row_json(json_builder *b, json *list, const projection_row *row)
{
    json *item = json_add_object(b, list, NULL);
    json_add_number(b, item, "stay_months", row->variant.stay_months);
    json_add_number(b, item, "park", row->variant.park);
    json_add_number(b, item, "demand", row->variant.demand);
    json_add_text(b, item, "status", row->status);
    if (!projection_has_figures(row))
        return;
    json_add_number(b, item, "households", row->households);
    json_add_number(b, item, "households_housed", row->households_housed);
    json_add_number(b, item, "persons", row->persons);
    json_add_number(b, item, "persons_housed", row->persons_housed);
    json_add_number(b, item, "weighted_persons_housed", row->weighted_persons_housed);
    json_add_number(b, item, "occupancy", row->occupancy);
    json_add_number(b, item, "mean_wait_days", row->mean_wait_days);
    json *unassigned = json_add_object(b, item, "unassigned");
    for (int code = 0; code < UNASSIGNED_CODES; code++)
        json_add_number(b, unassigned, unassigned_names[code], row->unassigned[code]);
    json_add_number(b, item, "gap", round(row->gap * 1e6) / 1e6);
    json_add_number(b, item, "seconds", round(row->seconds * 1e3) / 1e3);
}

char *logis_projection_json(const logis_projection *p)
{
    json_builder b = {true};
    json *root = json_new_object();
    b.ok = root != NULL;
    json_add_text(&b, root, "logis", logis_version());
    json_add_text(&b, root, "scenario", p->name);
    json *list = json_add_array(&b, root, "variants");
    for (size_t i = 0; i < p->count && b.ok; i++)
        add_row_json(&b, list, &p->rows[i]);
    park_searches_json(&b, root, p);
    char *text = b.ok ? json_print(root) : NULL;
    json_free(root);
    return text;
}

/* A row's figures as CSV cells, without the line's end (the park searches add theirs). */
void projection_csv_figures(textbuf *t, const projection_row *r)
{
    if (projection_has_figures(r))
        textbuf_printf(t, ",%ld,%ld,%ld,%ld,%ld,%.4f,%.2f,%ld,%ld,%ld,%.6f,%.3f", r->households,
                       r->households_housed, r->persons, r->persons_housed,
                       r->weighted_persons_housed, r->occupancy, r->mean_wait_days,
                       r->unassigned[0], r->unassigned[1], r->unassigned[2], r->gap, r->seconds);
    else
        textbuf_puts(t, ",,,,,,,,,,,,");
}

char *logis_projection_csv(const logis_projection *p)
{
    textbuf t = {0};
    textbuf_printf(&t, "stay_months,park,demand,status,households,households_housed,persons,"
                       "persons_housed,weighted_persons_housed,occupancy,mean_wait_days,"
                       "unassigned_no_fit,unassigned_no_date,unassigned_capacity,gap,seconds%s\r\n",
                   p->search_count ? ",search,park_below" : "");
    for (size_t i = 0; i < p->count; i++) {
        const projection_row *r = &p->rows[i];
        textbuf_printf(&t, "%d,%g,%g,%s", r->variant.stay_months, r->variant.park,
                       r->variant.demand, r->status);
        projection_csv_figures(&t, r);
        textbuf_puts(&t, p->search_count ? ",,\r\n" : "\r\n");
    }
    park_searches_csv(&t, p);
    return textbuf_finish(&t);
}

void projection_stay_text(int stay_months, char *text, size_t size)
{
    if (stay_months)
        snprintf(text, size, "%d", stay_months);
    else
        snprintf(text, size, "given");
}

char *logis_projection_table(const logis_projection *p)
{
    textbuf t = {0};
    textbuf_printf(&t, "%s\n", p->name);
    textbuf_puts(&t, " stay  park  demand   persons housed   households  occupancy  mean wait"
                     "  no_fit no_date capacity  status      gap  seconds\n");
    for (size_t i = 0; i < p->count; i++) {
        const projection_row *r = &p->rows[i];
        char months[16];
        projection_stay_text(r->variant.stay_months, months, sizeof months);
        textbuf_printf(&t, "%5s %5g %7g", months, r->variant.park, r->variant.demand);
        if (!projection_has_figures(r)) {
            textbuf_printf(&t, "   %s\n", r->status);
            continue;
        }
        textbuf_printf(&t, "   %6ld of %-6ld %5ld of %-5ld %8.1f%% %8.1f d  %6ld %7ld %8ld  %-10s"
                           " %5.2f%% %7.1f\n",
                       r->persons_housed, r->persons, r->households_housed, r->households,
                       100 * r->occupancy, r->mean_wait_days, r->unassigned[0], r->unassigned[1],
                       r->unassigned[2], r->status, 100 * r->gap, r->seconds);
    }
    park_searches_table(&t, p);
    return textbuf_finish(&t);
}
