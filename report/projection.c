/* Capacity projections: a folder of variant scenarios with its manifest and jobs.txt, the
 * figures collected from the variants' plans, and the report as JSON, CSV, a text table and an
 * SVG chart. */
#include "diag.h"
#include "json.h"
#include "plan.h"
#include "projection.h"
#include "report.h"
#include "textbuf.h"
#include "textfile.h"

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
    row->variant = (logis_variant){(int)json_number(months), json_number(park),
                                   json_number(demand)};
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
    status = LOGIS_E_INPUT;
    if (!textfile_read(manifest, TEXTFILE_MAX_DEFAULT, &text, &length, diags))
        goto done;
    root = textfile_parse_json(manifest, text, length, diags);
    if (root)
        status = read_manifest(folder, manifest, root, out, diags);
done:
    json_free(root);
    free(text);
    free(manifest);
    return status;
}

/* ---- collecting the plans ---- */

static void take_figures(projection_row *row, const logis_plan *plan, const plan_figures *f)
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
        take_figures(row, plan, &figures);
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

static bool has_figures(const projection_row *row)
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
    if (!has_figures(row))
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
    char *text = b.ok ? json_print(root) : NULL;
    json_free(root);
    return text;
}

char *logis_projection_csv(const logis_projection *p)
{
    textbuf t = {0};
    textbuf_puts(&t, "stay_months,park,demand,status,households,households_housed,persons,"
                     "persons_housed,weighted_persons_housed,occupancy,mean_wait_days,"
                     "unassigned_no_fit,unassigned_no_date,unassigned_capacity,gap,seconds\r\n");
    for (size_t i = 0; i < p->count; i++) {
        const projection_row *r = &p->rows[i];
        textbuf_printf(&t, "%d,%g,%g,%s", r->variant.stay_months, r->variant.park,
                       r->variant.demand, r->status);
        if (has_figures(r))
            textbuf_printf(&t, ",%ld,%ld,%ld,%ld,%ld,%.4f,%.2f,%ld,%ld,%ld,%.6f,%.3f\r\n",
                           r->households, r->households_housed, r->persons, r->persons_housed,
                           r->weighted_persons_housed, r->occupancy, r->mean_wait_days,
                           r->unassigned[0], r->unassigned[1], r->unassigned[2], r->gap,
                           r->seconds);
        else
            textbuf_puts(&t, ",,,,,,,,,,,,\r\n");
    }
    return textbuf_finish(&t);
}

static void stay_text(int stay_months, char *text, size_t size)
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
        stay_text(r->variant.stay_months, months, sizeof months);
        textbuf_printf(&t, "%5s %5g %7g", months, r->variant.park, r->variant.demand);
        if (!has_figures(r)) {
            textbuf_printf(&t, "   %s\n", r->status);
            continue;
        }
        textbuf_printf(&t, "   %6ld of %-6ld %5ld of %-5ld %8.1f%% %8.1f d  %6ld %7ld %8ld  %-10s"
                           " %5.2f%% %7.1f\n",
                       r->persons_housed, r->persons, r->households_housed, r->households,
                       100 * r->occupancy, r->mean_wait_days, r->unassigned[0], r->unassigned[1],
                       r->unassigned[2], r->status, 100 * r->gap, r->seconds);
    }
    return textbuf_finish(&t);
}

/* ---- the chart: persons housed against stay length, one line per park scale, one panel per
 * demand scale ---- */

enum { PANEL_WIDTH = 560, PANEL_HEIGHT = 380, LEFT = 72, RIGHT = 96, TOP = 70, BOTTOM = 56 };

static const char *const line_colours[] = {"#1b6ca8", "#d1495b", "#2e933c", "#c47f00",
                                           "#6a4c93", "#00798c", "#7a5c3e", "#555555"};

/* The distinct values of one variant member over the rows that have figures, sorted. */
static size_t distinct_values(const logis_projection *p, int member, double *values)
{
    size_t count = 0;
    for (size_t i = 0; i < p->count; i++) {
        const logis_variant *v = &p->rows[i].variant;
        double value = member == 0 ? v->stay_months : member == 1 ? v->park : v->demand;
        size_t at = 0;
        while (at < count && values[at] < value)
            at++;
        if (at < count && values[at] == value)
            continue;
        memmove(values + at + 1, values + at, (count - at) * sizeof *values);
        values[at] = value;
        count++;
    }
    return count;
}

/* A round number at least as large as value: 1, 2 or 5 times a power of ten. */
static double nice_ceiling(double value)
{
    if (value <= 0)
        return 1;
    double power = pow(10, floor(log10(value)));
    for (int step = 0; step < 3; step++) {
        double candidate = (double[]){1, 2, 5}[step] * power;
        if (candidate >= value)
            return candidate;
    }
    return 10 * power;
}

typedef struct {
    double x0, y0; /* the panel's top left corner */
    const double *stays;
    size_t stay_count;
    double top; /* persons at the top of the axis */
} panel;

static double panel_x(const panel *g, double months)
{
    double width = PANEL_WIDTH - LEFT - RIGHT;
    if (g->stay_count < 2)
        return g->x0 + LEFT + width / 2;
    double first = g->stays[0], last = g->stays[g->stay_count - 1];
    return g->x0 + LEFT + width * (months - first) / (last - first);
}

static double panel_y(const panel *g, double persons)
{
    return g->y0 + TOP + (PANEL_HEIGHT - TOP - BOTTOM) * (1 - persons / g->top);
}

static void draw_axes(textbuf *t, const panel *g, double demand)
{
    double left = g->x0 + LEFT, right = g->x0 + PANEL_WIDTH - RIGHT;
    textbuf_printf(&*t, "<text x=\"%.1f\" y=\"%.1f\" class=\"panel\">orientation list x%g</text>\n",
                   left, g->y0 + TOP - 22, demand);
    for (int tick = 0; tick <= 5; tick++) {
        double persons = g->top * tick / 5, y = panel_y(g, persons);
        textbuf_printf(t,
                       "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>\n",
                       left, y, right, y);
        textbuf_printf(t,
                       "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%g</text>\n",
                       left - 6, y + 4, persons);
    }
    for (size_t s = 0; s < g->stay_count; s++) {
        double x = panel_x(g, g->stays[s]);
        char months[16];
        stay_text((int)g->stays[s], months, sizeof months);
        textbuf_printf(t, "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\" text-anchor=\"middle\">%s"
                          "</text>\n", x, panel_y(g, 0) + 18, months);
    }
    textbuf_printf(t, "<text x=\"%.1f\" y=\"%.1f\" class=\"axis\" text-anchor=\"middle\">"
                      "stay length (months)</text>\n", (left + right) / 2, panel_y(g, 0) + 40);
    textbuf_printf(t, "<text x=\"%.1f\" y=\"%.1f\" class=\"axis\" text-anchor=\"middle\" "
                      "transform=\"rotate(-90 %.1f %.1f)\">persons housed</text>\n",
                   g->x0 + 18, (g->y0 + TOP + panel_y(g, 0)) / 2, g->x0 + 18,
                   (g->y0 + TOP + panel_y(g, 0)) / 2);
}

/* The line of one park scale within one demand panel, labelled at its right end. */
static void draw_line(textbuf *t, const logis_projection *p, const panel *g, double park,
                      double demand, const char *colour)
{
    double last_x = 0, last_y = 0;
    int points = 0;
    textbuf_printf(t, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\" points=\"",
                   colour);
    for (size_t s = 0; s < g->stay_count; s++)
        for (size_t i = 0; i < p->count; i++) {
            const projection_row *r = &p->rows[i];
            if (!has_figures(r) || r->variant.park != park || r->variant.demand != demand ||
                r->variant.stay_months != (int)g->stays[s])
                continue;
            last_x = panel_x(g, g->stays[s]);
            last_y = panel_y(g, (double)r->persons_housed);
            textbuf_printf(t, "%s%.1f,%.1f", points++ ? " " : "", last_x, last_y);
        }
    textbuf_puts(t, "\"/>\n");
    for (size_t i = 0; i < p->count; i++) {
        const projection_row *r = &p->rows[i];
        if (!has_figures(r) || r->variant.park != park || r->variant.demand != demand)
            continue;
        textbuf_printf(t, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>stay %d, "
                          "park x%g: %ld persons housed (%s)</title></circle>\n",
                       panel_x(g, r->variant.stay_months),
                       panel_y(g, (double)r->persons_housed), colour, r->variant.stay_months,
                       park, r->persons_housed, r->status);
    }
    if (points)
        textbuf_printf(t, "<text x=\"%.1f\" y=\"%.1f\" class=\"label\" fill=\"%s\">park x%g"
                          "</text>\n", last_x + 8, last_y + 4, colour, park);
}

/* The persons of the orientation list at a demand scale (0 when no row has figures). */
static double persons_listed(const logis_projection *p, double demand)
{
    for (size_t i = 0; i < p->count; i++)
        if (has_figures(&p->rows[i]) && p->rows[i].variant.demand == demand)
            return (double)p->rows[i].persons;
    return 0;
}

static double largest_persons(const logis_projection *p)
{
    double most = 0;
    for (size_t i = 0; i < p->count; i++)
        if (has_figures(&p->rows[i]) && p->rows[i].persons > most)
            most = (double)p->rows[i].persons;
    return most;
}

/* A dashed line at the persons of the orientation list: what housing everyone would take. */
static void draw_demand(textbuf *t, const panel *g, double persons)
{
    if (persons <= 0)
        return;
    double left = g->x0 + LEFT, right = g->x0 + PANEL_WIDTH - RIGHT, y = panel_y(g, persons);
    textbuf_printf(t, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#888\" "
                      "stroke-dasharray=\"6 4\"/>\n", left, y, right, y);
    textbuf_printf(t, "<text x=\"%.1f\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">"
                      "orientation list: %.0f persons</text>\n", right, y - 6, persons);
}

static void draw_panels(textbuf *t, const logis_projection *p, const double *stays,
                        size_t stay_count, const double *parks, size_t park_count,
                        const double *demands, size_t demand_count, size_t across)
{
    double top = nice_ceiling(1.05 * largest_persons(p));
    for (size_t d = 0; d < demand_count; d++) {
        panel g = {(double)(d % across) * PANEL_WIDTH, 40.0 + (double)(d / across) * PANEL_HEIGHT,
                   stays, stay_count, top};
        draw_axes(t, &g, demands[d]);
        draw_demand(t, &g, persons_listed(p, demands[d]));
        for (size_t k = 0; k < park_count; k++)
            draw_line(t, p, &g, parks[k], demands[d],
                      line_colours[k % (sizeof line_colours / sizeof *line_colours)]);
    }
}

char *logis_projection_svg(const logis_projection *p)
{
    size_t n = p->count + 1;
    double *stays = malloc(n * sizeof *stays), *parks = malloc(n * sizeof *parks);
    double *demands = malloc(n * sizeof *demands);
    textbuf t = {0};
    if (!stays || !parks || !demands) {
        t.failed = true;
        goto done;
    }
    size_t stay_count = distinct_values(p, 0, stays), park_count = distinct_values(p, 1, parks);
    size_t demand_count = distinct_values(p, 2, demands);
    size_t across = demand_count < 2 ? 1 : 2, down = (demand_count + across - 1) / across;
    double width = (double)(across * PANEL_WIDTH), height = 40.0 + (double)down * PANEL_HEIGHT;
    textbuf_printf(&t, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
                       "viewBox=\"0 0 %.0f %.0f\" font-family=\"DejaVu Sans, Arial, sans-serif\">"
                       "\n", width, height, width, height);
    textbuf_puts(&t, "<style>.grid{stroke:#ddd;stroke-width:1}.tick{font-size:12px;fill:#444}"
                     ".axis{font-size:13px;fill:#222}.label{font-size:13px;font-weight:bold}"
                     ".panel{font-size:14px;fill:#222}.title{font-size:17px;font-weight:bold}"
                     "</style>\n<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    textbuf_puts(&t, "<text x=\"16\" y=\"26\" class=\"title\">Persons housed over the "
                     "horizon, by stay length</text>\n<text x=\"16\" y=\"46\" class=\"axis\">");
    xml_text(&t, p->name);
    textbuf_puts(&t, "</text>\n");
    draw_panels(&t, p, stays, stay_count, parks, park_count, demands, demand_count, across);
    textbuf_puts(&t, "</svg>\n");
done:
    free(stays);
    free(parks);
    free(demands);
    return textbuf_finish(&t);
}
