/* The park a list needs (logis project --park auto): per stay and demand scale, the smallest
 * park scale at which a plan houses the whole list, by bisection over plans of the variants. */
#include "analysis/projection.h"
#include "base/diag.h"
#include "domain/left_out.h"
#include "domain/variant.h"
#include "formats/scenario_json.h"
#include "solver/build.h"
#include "solver/mip.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { LARGEST_PARK = 20 }; /* the variants' largest scale */

typedef enum { WHOLE, SHORT_PROVEN, SHORT_UNPROVEN, BEYOND_PARK, INFEASIBLE } verdict;

static const char *const verdict_words[] = {"houses the list", "short, proven",
                                            "short, not proven", "short, not by the park",
                                            "infeasible"};

/* One search: the list to house (by household index, the same at every park scale, since the
 * park scale does not touch the orientation list) and what the probes found. */
typedef struct {
    const logis_scenario *base;
    const logis_park_search_options *options;
    logis_diagnostics *diags;
    park_search *answer;
    bool *to_house;
    long weighted_to_house; /* the list's weighted persons: a bound below it proves it short */
    verdict below_verdict;
    logis_status status;
} search_run;

void logis_park_search_options_init(logis_park_search_options *options)
{
    *options = (logis_park_search_options){.resolution = 0.05};
    logis_options_init(&options->solve);
}

/* The variant at that park scale, read as its scenario file would be. */
static logis_status load_variant(const search_run *run, double park, logis_scenario **out)
{
    logis_variant v;
    logis_variant_init(&v);
    v.stay_months = run->answer->stay_months;
    v.demand = run->answer->demand;
    v.park = park;
    size_t size = strlen(run->base->path) + 64;
    char *label = malloc(size);
    if (label)
        snprintf(label, size, "%s at park x%g", run->base->path, park);
    json *document = scenario_document(run->base, &v, run->base->name, NULL);
    logis_status status = document && label
                              ? scenario_read_document(document, label, out, run->diags)
                              : LOGIS_E_NOMEM;
    json_free(document);
    free(label);
    return status;
}

/* Households no park scale houses: no dwelling of the park (x1 holds every kind there is) fits
 * them, or none on a move-in date; and those linked with one, housed all or none. */
static void mark_never_housed(const logis_scenario *s, bool *to_house)
{
    bool *fixed = calloc((size_t)s->household_count + 1, sizeof *fixed);
    for (int f = 0; fixed && f < s->fixed_count; f++)
        fixed[s->fixed[f].household] = true;
    for (int h = 0; h < s->household_count; h++) {
        char reason[512];
        to_house[h] = (fixed && fixed[h]) || explain_left_out(s, h, reason, sizeof reason) ==
                                                 LEFT_CAPACITY;
    }
    for (int l = 0; l < s->link_count; l++) {
        bool all = true;
        for (int k = 0; k < s->links[l].count; k++)
            all = all && to_house[s->links[l].members[k]];
        for (int k = 0; k < s->links[l].count && !all; k++)
            to_house[s->links[l].members[k]] = false;
    }
    free(fixed);
}

static logis_status find_list(search_run *run)
{
    logis_scenario *s = NULL;
    logis_status status = load_variant(run, 1.0, &s);
    if (status != LOGIS_OK)
        return status;
    run->to_house = calloc((size_t)s->household_count + 1, sizeof *run->to_house);
    if (!run->to_house) {
        logis_scenario_free(s);
        return LOGIS_E_NOMEM;
    }
    mark_never_housed(s, run->to_house);
    run->answer->households = s->household_count;
    for (int h = 0; h < s->household_count; h++)
        if (run->to_house[h]) {
            run->answer->to_house++;
            run->weighted_to_house += (long)s->households[h].priority * s->households[h].size;
        }
    logis_scenario_free(s);
    return LOGIS_OK;
}

/* The first reason of a household of the list left out: what stopped the search. */
static void note_reason(search_run *run, const logis_plan *plan, double park)
{
    for (int i = 0; i < plan->left_count; i++) {
        const left_out *l = &plan->left[i];
        if (!run->to_house[l->household] || !l->reason)
            continue;
        size_t size = strlen(l->reason) + 96;
        free(run->answer->note);
        run->answer->note = malloc(size);
        if (run->answer->note)
            snprintf(run->answer->note, size, "at park x%g, %s: %s", park,
                     plan->scenario->households[l->household].id, l->reason);
        return;
    }
}

/* Whether the plan houses the list, proves that no plan at its scale does, or neither. */
static verdict judge(const search_run *run, const logis_plan *plan, long *housed)
{
    if (plan->outcome == LOGIS_INFEASIBLE)
        return INFEASIBLE;
    bool proven = floor(plan->bound + 1e-6) < (double)run->weighted_to_house;
    bool beyond = true;
    long left = 0;
    for (int i = 0; i < plan->left_count; i++) {
        const left_out *l = &plan->left[i];
        if (!run->to_house[l->household])
            continue;
        left++;
        proven = proven || l->code != LEFT_CAPACITY;
        beyond = beyond && l->code == LEFT_CAPACITY && l->beyond_park;
    }
    *housed = run->answer->to_house - left;
    if (left == 0)
        return WHOLE;
    return beyond ? BEYOND_PARK : proven ? SHORT_PROVEN : SHORT_UNPROVEN;
}

/* The plan at this scale, judged; the one that houses the list gives the answer its figures. */
static verdict probe(search_run *run, double park)
{
    double started = mip_clock();
    logis_scenario *s = NULL;
    logis_plan *plan = NULL;
    plan_figures figures = {0};
    verdict v = INFEASIBLE;
    long housed = 0;
    run->status = load_variant(run, park, &s);
    if (run->status == LOGIS_OK)
        run->status = logis_solve(s, &run->options->solve, &plan, run->diags);
    if (run->status != LOGIS_OK)
        goto done;
    run->answer->probes++;
    v = judge(run, plan, &housed);
    if (v == WHOLE) {
        if (!plan_figures_compute(plan, &figures)) {
            run->status = LOGIS_E_NOMEM;
            goto done;
        }
        projection_take_figures(&run->answer->found, plan, &figures);
        run->answer->found.variant.park = park;
    } else
        note_reason(run, plan, park);
    if (run->options->probe) {
        logis_park_probe report = {run->answer->stay_months, run->answer->demand, park,
                                   verdict_words[v], housed, run->answer->to_house,
                                   mip_clock() - started};
        run->options->probe(run->options->user, &report);
    }
done:
    plan_figures_free(&figures);
    logis_plan_free(plan);
    logis_scenario_free(s);
    return v;
}

static bool stop_asked(const search_run *run)
{
    return run->options->solve.stop && *run->options->solve.stop;
}

/* Scales are whole steps of the resolution: probe k is at park k x resolution. */
static double scale_of(const search_run *run, int step)
{
    return round(step * run->answer->resolution * 1e6) / 1e6;
}

/* Doubles the park from x1 until a probe houses the list; its step, or 0 when none does.
 * *below is the last step probed short (0: none, the park without dwellings). */
static int find_upper(search_run *run, int top, int *below)
{
    int step = (int)ceil(1 / run->answer->resolution - 1e-9);
    *below = 0;
    /* a park without dwellings houses no one: short, unless there is no one to house */
    run->below_verdict = run->answer->to_house ? SHORT_PROVEN : WHOLE;
    while (!stop_asked(run)) {
        verdict v = probe(run, scale_of(run, step));
        if (run->status != LOGIS_OK)
            return 0;
        if (v == WHOLE)
            return step;
        if (v == INFEASIBLE || v == BEYOND_PARK || step == top) {
            run->answer->status = v == INFEASIBLE ? "infeasible" : "not reached";
            return 0;
        }
        *below = step;
        run->below_verdict = v;
        step = step * 2 < top ? step * 2 : top;
    }
    return 0;
}

/* Bisects between a step probed short (or 0) and one that houses the list. */
static int bisect(search_run *run, int below, int above)
{
    while (above - below > 1 && !stop_asked(run)) {
        int middle = below + (above - below) / 2;
        verdict v = probe(run, scale_of(run, middle));
        if (run->status != LOGIS_OK)
            break;
        if (v == WHOLE)
            above = middle;
        else {
            below = middle;
            run->below_verdict = v;
        }
    }
    run->answer->below = scale_of(run, below);
    run->answer->below_proven = run->below_verdict == SHORT_PROVEN;
    return above - below > 1 ? 0 : above;
}

static logis_status search_one(const logis_scenario *base, const logis_park_search_options *o,
                               park_search *answer, logis_diagnostics *diags)
{
    double started = mip_clock();
    search_run run = {base, o, diags, answer, NULL, 0, SHORT_PROVEN, LOGIS_OK};
    answer->status = "stopped";
    answer->found.status = "missing";
    answer->found.variant = (logis_variant){.stay_months = answer->stay_months,
                                            .demand = answer->demand};
    run.status = find_list(&run);
    int top = (int)floor(LARGEST_PARK / answer->resolution + 1e-9), below = 0;
    int above = run.status == LOGIS_OK ? find_upper(&run, top, &below) : 0;
    if (above && run.status == LOGIS_OK && bisect(&run, below, above))
        answer->status = answer->below_proven ? "optimal" : "feasible";
    if (above && run.status == LOGIS_OK && !stop_asked(&run)) {
        free(answer->note);
        answer->note = NULL;
    }
    answer->seconds = mip_clock() - started;
    free(run.to_house);
    return run.status;
}

/* Has an earlier row the same stay and demand (searched once)? */
static bool searched_before(const logis_projection *p, size_t index)
{
    for (size_t i = 0; i < index; i++)
        if (p->rows[i].variant.stay_months == p->rows[index].variant.stay_months &&
            p->rows[i].variant.demand == p->rows[index].variant.demand)
            return true;
    return false;
}

logis_status logis_projection_search_park(logis_projection *p, const logis_scenario *base,
                                          const logis_park_search_options *o,
                                          logis_diagnostics *diags)
{
    if (!(o->resolution >= 0.01 && o->resolution <= 1)) {
        diag_add(diags, LOGIS_ERROR, NULL, 0, 0, NULL,
                 "a park search resolution of %g is not within 0.01..1", o->resolution);
        return LOGIS_E_INPUT;
    }
    park_searches_free(p);
    p->searches = calloc(p->count + 1, sizeof *p->searches);
    if (!p->searches)
        return LOGIS_E_NOMEM;
    logis_status status = LOGIS_OK;
    for (size_t i = 0; i < p->count && status == LOGIS_OK; i++) {
        if (searched_before(p, i))
            continue;
        park_search *answer = &p->searches[p->search_count++];
        answer->stay_months = p->rows[i].variant.stay_months;
        answer->demand = p->rows[i].variant.demand;
        answer->resolution = o->resolution;
        status = search_one(base, o, answer, diags);
    }
    return status;
}

void park_searches_free(logis_projection *p)
{
    for (size_t i = 0; i < p->search_count; i++)
        free(p->searches[i].note);
    free(p->searches);
    p->searches = NULL;
    p->search_count = 0;
}

/* ---- the report ---- */

static bool found(const park_search *s)
{
    return strcmp(s->status, "optimal") == 0 || strcmp(s->status, "feasible") == 0;
}

void park_searches_json(json_builder *b, json *root, const logis_projection *p)
{
    if (!p->search_count)
        return;
    json *list = json_add_array(b, root, "park_searches");
    for (size_t i = 0; i < p->search_count && b->ok; i++) {
        const park_search *s = &p->searches[i];
        json *item = json_add_object(b, list, NULL);
        json_add_number(b, item, "stay_months", s->stay_months);
        json_add_number(b, item, "demand", s->demand);
        json_add_number(b, item, "resolution", s->resolution);
        json_add_text(b, item, "status", s->status);
        json_add_number(b, item, "households", s->households);
        json_add_number(b, item, "households_to_house", s->to_house);
        if (found(s)) {
            json_add_number(b, item, "park", s->found.variant.park);
            json_add_number(b, item, "park_below", s->below);
            json_add_bool(b, item, "below_proven_short", s->below_proven);
            json_add_text(b, item, "plan_status", s->found.status);
            json_add_number(b, item, "persons_housed", s->found.persons_housed);
            json_add_number(b, item, "households_housed", s->found.households_housed);
        }
        if (s->note)
            json_add_text(b, item, "note", s->note);
        json_add_number(b, item, "probes", s->probes);
        json_add_number(b, item, "seconds", round(s->seconds * 1e3) / 1e3);
    }
}

void park_searches_csv(textbuf *t, const logis_projection *p)
{
    for (size_t i = 0; i < p->search_count; i++) {
        const park_search *s = &p->searches[i];
        textbuf_printf(t, "%d,", s->stay_months);
        if (found(s))
            textbuf_printf(t, "%g", s->found.variant.park);
        textbuf_printf(t, ",%g,%s", s->demand, s->found.status);
        projection_csv_figures(t, &s->found);
        textbuf_printf(t, ",%s,", s->status);
        if (found(s))
            textbuf_printf(t, "%g", s->below);
        textbuf_puts(t, "\r\n");
    }
}

void park_searches_table(textbuf *t, const logis_projection *p)
{
    if (!p->search_count)
        return;
    textbuf_printf(t, "the park that houses the whole list (to %g):\n",
                   p->searches[0].resolution);
    textbuf_puts(t, " stay  demand   park  search       below                to house  never"
                    "  probes  seconds\n");
    for (size_t i = 0; i < p->search_count; i++) {
        const park_search *s = &p->searches[i];
        char months[16], park[16] = "-", below[32] = "";
        projection_stay_text(s->stay_months, months, sizeof months);
        if (found(s)) {
            snprintf(park, sizeof park, "%g", s->found.variant.park);
            snprintf(below, sizeof below, "%g %s", s->below,
                     s->below_proven ? "short" : "not proven");
        }
        textbuf_printf(t, "%5s %7g %6s  %-11s  %-18s  %8ld %6ld  %6d %8.1f\n", months, s->demand,
                       park, s->status, below, s->to_house, s->households - s->to_house,
                       s->probes, s->seconds);
        if (s->note)
            textbuf_printf(t, "      %s\n", s->note);
    }
}
