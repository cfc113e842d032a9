/* Plans as JSON: writing the documented plan format, and reading a plan back (also one edited by
 * hand) for verify, with errors located by JSON Pointer. */
#include "base/diag.h"
#include "base/json.h"
#include "base/json_writer.h"
#include "domain/plan.h"
#include "domain/rules.h"
#include "base/textfile.h"
#include "base/utf8.h"

#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *outcome_name(logis_outcome outcome)
{
    static const char *const names[] = {"optimal", "feasible", "infeasible"};
    return names[outcome];
}

/* The "objective" of each item of solver.levels. */
static const char *const level_names[OBJECTIVE_LEVELS] = {
    [LEVEL_PERSONS] = "weighted_persons_housed", [LEVEL_CHANGES] = "households_changed",
    [LEVEL_SCORE] = "score", [LEVEL_WAIT] = "wait_person_days",
    [LEVEL_EMPTY] = "empty_place_days"};

/* ---- writing ---- */

static double rounded(double value, double scale)
{
    return round(value * scale) / scale;
}

/* When the score is a level of the objective: its proven bound (the persons held at their value)
 * and the gap to it. */
static void write_score_bound(json_writer *w, const logis_plan *plan)
{
    const level_outcome *l = &plan->levels[LEVEL_SCORE];
    if (!l->solved)
        return;
    double bound = rounded(l->bound, 1e6), value = rounded(l->value, 1e6);
    json_write_number(w, "score_bound", bound);
    json_write_number(w, "score_gap",
                      bound > 0 && bound > value ? rounded((bound - value) / bound, 1e6) : 0);
}

/* The claims of one section ("objective" or "summary"), in the table's order. */
static void write_claims(json_writer *w, const logis_plan *plan, const plan_figures *f,
                         const char *section)
{
    bool scored = plan_states_score(plan->scenario);
    for (int k = 0; k < CLAIM_COUNT; k++) {
        if (strcmp(claim_table[k].section, section) != 0 || (k == CLAIM_SCORE && !scored))
            continue;
        json_write_number(w, claim_table[k].name, claim_value(f, (claim)k));
        if (k == CLAIM_WEIGHTED_PERSONS_HOUSED) {
            json_write_number(w, "bound", plan->bound);
            json_write_text(w, "bound_kind", plan->bound_trivial ? "trivial" : "relaxation");
            json_write_number(w, "gap", rounded(plan->gap, 1e6));
        }
        if (k == CLAIM_SCORE)
            write_score_bound(w, plan);
    }
}

static void write_territories(json_writer *w, const logis_plan *plan, const plan_figures *f)
{
    const logis_scenario *s = plan->scenario;
    bool scored = plan_states_score(s);
    json_write_array(w, "territories");
    for (int t = 0; t < s->territory_count; t++) {
        const park_figures *p = &f->territories[t];
        json_write_object(w, NULL);
        json_write_text(w, "id", s->territories[t].id);
        for (int k = 0; k < TERRITORY_CLAIM_COUNT; k++)
            if (k != TERRITORY_SCORE || scored)
                json_write_number(w, territory_claim_names[k],
                                  territory_claim_value(p, (territory_claim)k));
        json_write_end(w);
    }
    json_write_end(w);
}

static void write_figures(json_writer *w, const logis_plan *plan, const plan_figures *f)
{
    json_write_object(w, "objective");
    write_claims(w, plan, f, "objective");
    json_write_end(w);
    json_write_object(w, "summary");
    write_claims(w, plan, f, "summary");
    write_territories(w, plan, f);
    json_write_end(w);
}

static void write_assignments(json_writer *w, const logis_plan *plan)
{
    const logis_scenario *s = plan->scenario;
    json_write_array(w, "assignments");
    for (int i = 0; i < plan->stay_count; i++) {
        const stay *st = &plan->stays[i];
        const household *h = &s->households[st->household];
        const dwelling *d = &s->dwellings[st->dwelling];
        json_write_object(w, NULL);
        json_write_text(w, "household", h->id);
        json_write_text(w, "dwelling", d->id);
        json_write_text(w, "territory", s->territories[d->territory].id);
        json_write_date(w, "start", st->start);
        json_write_date(w, "end", st->end);
        json_write_number(w, "size", h->size);
        json_write_number(w, "places", d->places);
        json_write_number(w, "wait_days", st->start - h->arrival);
        if (st->kept != KEPT_NONE) {
            json_write_bool(w, "fixed", true);
            json_write_text(w, "kept", kept_reason_name(st->kept));
        }
        json_write_end(w);
    }
    json_write_end(w);
}

static void write_left_out(json_writer *w, const logis_plan *plan)
{
    json_write_array(w, "unassigned");
    for (int i = 0; i < plan->left_count; i++) {
        const left_out *l = &plan->left[i];
        json_write_object(w, NULL);
        json_write_text(w, "household", plan->scenario->households[l->household].id);
        json_write_text(w, "code", left_out_code_name(l->code));
        json_write_text(w, "reason", l->reason);
        json_write_end(w);
    }
    json_write_end(w);
}

static void write_solver(json_writer *w, const logis_plan *plan)
{
    json_write_object(w, "solver");
    json_write_text(w, "name", "GLPK");
    json_write_text(w, "version", plan->solver_version ? plan->solver_version : "");
    json_write_number(w, "seconds", rounded(plan->seconds, 1e3));
    json_write_number(w, "rows", plan->rows);
    json_write_number(w, "columns", plan->columns);
    json_write_number(w, "nodes", plan->nodes);
    if (plan->coarser_step)
        json_write_number(w, "coarser_start_step_days", plan->coarser_step);
    json_write_array(w, "levels");
    int order[OBJECTIVE_LEVELS];
    int count = rule_objective_levels(plan->scenario, plan->replanned, order);
    for (int k = 0; k < count; k++) {
        const level_outcome *l = &plan->levels[order[k]];
        json_write_object(w, NULL);
        json_write_text(w, "objective", level_names[order[k]]);
        json_write_text(w, "status",
                        !l->solved ? "not solved" : l->optimal ? "optimal" : "feasible");
        if (l->solved) {
            json_write_number(w, "value", l->value);
            json_write_number(w, "bound", round(l->bound * 1e3) / 1e3);
        }
        json_write_end(w);
    }
    json_write_end(w);
    json_write_end(w);
}

static void write_place(json_writer *w, const char *key, const char *dwelling_id, day_t start)
{
    if (!dwelling_id) {
        json_write_null(w, key);
        return;
    }
    json_write_object(w, key);
    json_write_text(w, "dwelling", dwelling_id);
    json_write_date(w, "start", start);
    json_write_end(w);
}

/* A re-plan's changes: every household whose dwelling or start is not what it was. */
static void write_changes(json_writer *w, const logis_plan *plan)
{
    int values[REPLAN_COUNT_KINDS];
    json_write_object(w, "replan");
    json_write_date(w, "now", plan->replan.now);
    if (plan->replan.notice_days >= 0) /* a plan read without it (an older one) says nothing */
        json_write_number(w, "notice_days", plan->replan.notice_days);
    replan_counts_list(&plan->replan, values);
    for (int k = 0; k < REPLAN_COUNT_KINDS; k++)
        json_write_number(w, replan_count_names[k], values[k]);
    json_write_end(w);
    json_write_array(w, "changes");
    for (int i = 0; i < plan->change_count; i++) {
        const plan_change *change = &plan->changes[i];
        json_write_object(w, NULL);
        json_write_text(w, "household", change->household);
        write_place(w, "from", change->from_dwelling, change->from_start);
        write_place(w, "to",
                    change->to_dwelling >= 0 ? plan->scenario->dwellings[change->to_dwelling].id
                                             : NULL,
                    change->to_start);
        json_write_end(w);
    }
    json_write_end(w);
}

/* A plan made against a forecast says so: it was not optimised for the announced households
 * alone. */
static void write_forecast(json_writer *w, const logis_plan *plan)
{
    json_write_object(w, "forecast");
    json_write_number(w, "expected_households", plan->forecast_expected);
    json_write_date(w, "after", plan->forecast_after);
    json_write_number(w, "samples", plan->forecast_samples);
    json_write_end(w);
}

static void write_conflicts(json_writer *w, const logis_plan *plan)
{
    json_write_array(w, "conflicts");
    for (int i = 0; i < plan->conflict_count; i++)
        json_write_text(w, NULL, plan->conflicts[i]);
    json_write_end(w);
}

/* Streamed, not built as a tree: a plan grows with the households, and a tree of a million of
 * them took seconds of allocations that a time limit has to leave room for. */
char *logis_plan_to_json(const logis_plan *plan)
{
    json_writer w = {0};
    plan_figures figures;
    if (!plan_figures_compute(plan, &figures))
        return NULL;
    json_write_object(&w, NULL);
    json_write_text(&w, "logis", logis_version());
    json_write_text(&w, "scenario", plan->scenario->name);
    json_write_text(&w, "status", outcome_name(plan->outcome));
    write_figures(&w, plan, &figures);
    write_assignments(&w, plan);
    write_left_out(&w, plan);
    if (plan->replanned)
        write_changes(&w, plan);
    if (plan->forecast_expected > 0)
        write_forecast(&w, plan);
    if (plan->outcome == LOGIS_INFEASIBLE)
        write_conflicts(&w, plan);
    write_solver(&w, plan);
    json_write_end(&w);
    plan_figures_free(&figures);
    return json_writer_finish(&w);
}

/* ---- reading ---- */

typedef struct {
    const logis_scenario *scenario;
    logis_diagnostics *diags;
    const char *file;
    bool ok;
    bool out_of_memory; /* what made ok false: memory, not the plan */
} plan_reader;

static void plan_error(plan_reader *r, const char *pointer, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static void plan_error(plan_reader *r, const char *pointer, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    diag_vadd(r->diags, &(diag_place){LOGIS_ERROR, .file = r->file, .pointer = pointer}, format,
              args);
    va_end(args);
    r->ok = false;
}

/* Text kept from the plan as written (a reason, an id of a change) holds no control or
 * bidirectional character: the scenario loader's rule for ids and names. False (reported at
 * pointer) when it does. */
static bool text_allowed(plan_reader *r, const char *pointer, const char *text)
{
    char what[96];
    utf8_finding found = utf8_check_text(text);
    if (found.problem == UTF8_FINE)
        return true;
    plan_error(r, pointer, "must not hold %s", utf8_describe(found, what));
    return false;
}

static void ran_out_of_memory(plan_reader *r)
{
    r->out_of_memory = true;
    r->ok = false;
}

/* The index of the record whose id is the member's value, or -1 (reported). */
static int read_reference(plan_reader *r, const json *item, const char *key, const idmap *ids,
                          const char *kind, const char *at)
{
    char pointer[96];
    snprintf(pointer, sizeof pointer, "%s/%s", at, key);
    const char *id = json_string(json_member(item, key));
    int index = id ? idmap_get(ids, id) : -1;
    if (!id)
        plan_error(r, pointer, "required string id is missing");
    else if (index < 0)
        plan_error(r, pointer, "no %s of the scenario has the id \"%.200s\"", kind, id);
    return index;
}

/* A date, said as the scenario's are: its value and the range every reader accepts. */
static day_t read_day(plan_reader *r, const json *item, const char *key, const char *at)
{
    char pointer[96], problem[DATE_PROBLEM_SIZE];
    day_t day = 0;
    snprintf(pointer, sizeof pointer, "%s/%s", at, key);
    const json *member = json_member(item, key);
    const char *text = json_string(member);
    if (!member)
        plan_error(r, pointer, "required date is missing");
    else if (!text)
        plan_error(r, pointer, "must be a date YYYY-MM-DD (got %s)", json_kind(member));
    else if (!date_parse(text, &day))
        plan_error(r, pointer, "%s", date_problem(text, problem));
    return day;
}

static const json *read_list(plan_reader *r, const json *root, const char *key)
{
    const json *list = json_member(root, key);
    char pointer[32];
    snprintf(pointer, sizeof pointer, "/%s", key);
    if (!json_is_array(list)) {
        plan_error(r, pointer, "must be an array");
        return NULL;
    }
    return list;
}

/* A number the plan states of its solve: absent (NAN), or a number within [low, high]. Anything
 * else is reported at pointer: a plan edited into "gap": -1 must not pass for a sound one. */
static double read_stated(plan_reader *r, const json *object, const char *key,
                          const char *pointer, double low, double high)
{
    const json *member = json_member(object, key);
    double value = json_number(member);
    if (!member || (value >= low && value <= high))
        return value;
    char range[64], got[64];
    if (isinf(low) && isinf(high))
        snprintf(range, sizeof range, "a number");
    else if (isinf(high))
        snprintf(range, sizeof range, "a number >= %g", low);
    else
        snprintf(range, sizeof range, "a number from %g to %g", low, high);
    if (json_is_number(member))
        snprintf(got, sizeof got, "%g", value);
    else
        snprintf(got, sizeof got, "%s", json_kind(member));
    plan_error(r, pointer, "must be %s (got %s)", range, got);
    return NAN;
}

/* A figure the plan states, which verify compares with what the plan gives: absent (NAN), or a
 * number. Anything else is reported at pointer/key: a figure edited into "3" or null must not
 * pass unchecked. */
static double stated_number(plan_reader *r, const json *object, const char *key,
                            const char *pointer)
{
    char at[96];
    snprintf(at, sizeof at, "%s/%s", pointer, key);
    return read_stated(r, object, key, at, -HUGE_VAL, HUGE_VAL);
}

/* The territory an assignment states: its index, -1 when absent (an unknown id is reported). */
static int read_stated_territory(plan_reader *r, const json *item, const char *at)
{
    if (!json_member(item, "territory"))
        return -1;
    return read_reference(r, item, "territory", &r->scenario->territory_ids, "territory", at);
}

/* Why an assignment is fixed ("fixed": true with "kept"), or KEPT_NONE. */
static kept_reason read_kept(plan_reader *r, const json *item, const char *at)
{
    const json *fixed = json_member(item, "fixed");
    const char *kept = json_string(json_member(item, "kept"));
    char pointer[96];
    snprintf(pointer, sizeof pointer, "%s/kept", at);
    if (!fixed && !kept)
        return KEPT_NONE;
    for (int k = KEPT_GIVEN; kept && k <= KEPT_ANNOUNCED; k++)
        if (strcmp(kept, kept_reason_name((kept_reason)k)) == 0 && json_true(fixed))
            return (kept_reason)k;
    plan_error(r, pointer, "a fixed stay has \"fixed\": true and \"kept\": \"given\", "
                           "\"begun\" or \"announced\"");
    return KEPT_NONE;
}

static void read_assignments(plan_reader *r, const json *root, logis_plan *plan)
{
    const logis_scenario *s = r->scenario;
    const json *list = read_list(r, root, "assignments");
    plan->claims.stays = calloc(json_count(list) + 1, sizeof *plan->claims.stays);
    if (!plan->claims.stays)
        ran_out_of_memory(r);
    int index = 0;
    for (const json *item = list ? json_first(list) : NULL; item && !diag_full(r->diags);
         item = json_next(item), index++) {
        char at[48];
        snprintf(at, sizeof at, "/assignments/%d", index);
        int h = read_reference(r, item, "household", &s->household_ids, "household", at);
        int d = read_reference(r, item, "dwelling", &s->dwelling_ids, "dwelling", at);
        day_t start = read_day(r, item, "start", at), end = read_day(r, item, "end", at);
        stay_claims claims = {read_stated_territory(r, item, at),
                              stated_number(r, item, "size", at),
                              stated_number(r, item, "places", at),
                              stated_number(r, item, "wait_days", at)};
        kept_reason kept = read_kept(r, item, at);
        if (h < 0 || d < 0 || !r->ok)
            continue;
        if (!plan_add_stay(plan, h, d, start, end)) {
            ran_out_of_memory(r);
            continue;
        }
        plan->claims.stays[plan->stay_count - 1] = claims;
        plan->stays[plan->stay_count - 1].kept = kept;
    }
}

static void read_left_out(plan_reader *r, const json *root, logis_plan *plan)
{
    const logis_scenario *s = r->scenario;
    const json *list = read_list(r, root, "unassigned");
    int index = 0;
    for (const json *item = list ? json_first(list) : NULL; item && !diag_full(r->diags);
         item = json_next(item), index++) {
        char at[48], pointer[64];
        snprintf(at, sizeof at, "/unassigned/%d", index);
        int h = read_reference(r, item, "household", &s->household_ids, "household", at);
        const char *code = json_string(json_member(item, "code"));
        int found = -1;
        for (int c = LEFT_NO_FIT; code && c < LEFT_CODES; c++)
            if (strcmp(code, left_out_code_name((left_out_code)c)) == 0)
                found = c;
        snprintf(pointer, sizeof pointer, "%s/code", at);
        if (found < 0)
            plan_error(r, pointer,
                       "must be one of \"no_fit\", \"no_date\", \"capacity\", \"past\"");
        /* The reason is kept as written, for reports; verify does not check it. */
        const char *reason = json_string(json_member(item, "reason"));
        snprintf(pointer, sizeof pointer, "%s/reason", at);
        if (reason && !text_allowed(r, pointer, reason))
            continue;
        if (h >= 0 && found >= 0 &&
            !plan_add_left(plan, h, (left_out_code)found, reason ? reason : ""))
            ran_out_of_memory(r);
    }
}

static void read_territory_claims(plan_reader *r, const json *root, logis_plan *plan)
{
    const json *list = json_member(json_member(root, "summary"), "territories");
    int count = r->scenario->territory_count, index = 0;
    if (!list)
        return;
    plan->claims.territories = malloc(((size_t)count + 1) * sizeof *plan->claims.territories);
    plan->claims.territory_listings =
        calloc((size_t)count + 1, sizeof *plan->claims.territory_listings);
    if (!plan->claims.territories || !plan->claims.territory_listings) {
        ran_out_of_memory(r);
        return;
    }
    for (int t = 0; t < count; t++)
        for (int k = 0; k < TERRITORY_CLAIM_COUNT; k++)
            plan->claims.territories[t][k] = NAN;
    for (const json *item = json_first(list); item; item = json_next(item), index++) {
        char at[48];
        snprintf(at, sizeof at, "/summary/territories/%d", index);
        int t = read_reference(r, item, "id", &r->scenario->territory_ids, "territory", at);
        if (t >= 0)
            plan->claims.territory_listings[t]++;
        for (int k = 0; t >= 0 && k < TERRITORY_CLAIM_COUNT; k++)
            plan->claims.territories[t][k] =
                stated_number(r, item, territory_claim_names[k], at);
    }
}

/* What solver.levels[0] says of level 1: which level, its value and its bound. */
static void read_first_level(plan_reader *r, const json *root, logis_plan *plan)
{
    const json *levels = json_member(json_member(root, "solver"), "levels");
    const json *first = json_is_array(levels) ? json_first(levels) : NULL;
    const char *name = json_string(json_member(first, "objective"));
    for (int k = 0; name && k < OBJECTIVE_LEVELS; k++)
        if (strcmp(name, level_names[k]) == 0)
            plan->claims.first_level =
                (level_claim){k, stated_number(r, first, "value", "/solver/levels/0"),
                              stated_number(r, first, "bound", "/solver/levels/0")};
}

static void read_claims(plan_reader *r, const json *root, logis_plan *plan)
{
    for (int k = 0; k < CLAIM_COUNT; k++) {
        const json *section = json_member(root, claim_table[k].section);
        char at[32];
        snprintf(at, sizeof at, "/%s", claim_table[k].section);
        plan->claims.values[k] = stated_number(r, section, claim_table[k].name, at);
    }
    read_territory_claims(r, root, plan);
    read_first_level(r, root, plan);
}

/* Whether the stated bound is trivial: a plan read and written again must not pass a bound that
 * holds for any plan for one a relaxation proved. Absent: as logis wrote plans before it said. */
static void read_bound_kind(plan_reader *r, const json *member, logis_plan *plan)
{
    const char *kind = json_string(member);
    plan->bound_trivial = kind && strcmp(kind, "trivial") == 0;
    if (member && (!kind || (!plan->bound_trivial && strcmp(kind, "relaxation") != 0)))
        plan_error(r, "/objective/bound_kind", "must be \"relaxation\" or \"trivial\"");
}

/* What the plan says of its own solve (status, bound, gap, seconds), kept for reports; verify
 * does not rely on it, but refuses values the plan format does not allow. A plan without them
 * reads as feasible. */
static void read_solve_report(plan_reader *r, const json *root, logis_plan *plan)
{
    const json *member = json_member(root, "status");
    const char *status = json_string(member);
    plan->outcome = LOGIS_FEASIBLE;
    bool known = !member;
    for (int k = LOGIS_OPTIMAL; status && k <= LOGIS_INFEASIBLE; k++)
        if (strcmp(status, outcome_name((logis_outcome)k)) == 0) {
            plan->outcome = (logis_outcome)k;
            known = true;
        }
    if (!known)
        plan_error(r, "/status", "must be \"optimal\", \"feasible\" or \"infeasible\"");
    const json *objective = json_member(root, "objective");
    read_bound_kind(r, json_member(objective, "bound_kind"), plan);
    double bound = read_stated(r, objective, "bound", "/objective/bound", 0, HUGE_VAL);
    double gap = read_stated(r, objective, "gap", "/objective/gap", 0, 1);
    double seconds = read_stated(r, json_member(root, "solver"), "seconds", "/solver/seconds", 0,
                                 HUGE_VAL);
    /* a plan that states no bound, or no gap, holds the ones logis would state: the bound every
     * plan keeps to, and the gap its bound makes with its assignments (read before), so that
     * its summary, its report and its copy written again say what its verifier accepts */
    plan->bound = isnan(bound) ? plan_trivial_bound(r->scenario) : bound;
    plan->bound_trivial |= isnan(bound);
    double value = r->ok ? (double)plan_weighted_persons(plan) : 0.0;
    plan->gap = !isnan(gap)              ? gap
                : plan->bound > value ? (plan->bound - value) / plan->bound
                                      : 0.0;
    plan->claims.bound = bound;
    plan->claims.gap = gap;
    plan->claims.score_bound =
        read_stated(r, objective, "score_bound", "/objective/score_bound", 0, HUGE_VAL);
    plan->claims.score_gap = read_stated(r, objective, "score_gap", "/objective/score_gap", 0, 1);
    plan->seconds = isnan(seconds) ? 0 : seconds;
}

/* One place of a re-plan's change: false (reported) when it is not {"dwelling", "start"}. */
static bool read_change_place(plan_reader *r, const json *place, const char *at,
                              const char **dwelling_id, day_t *start)
{
    *dwelling_id = NULL;
    if (!place || json_is_null(place))
        return true;
    *dwelling_id = json_string(json_member(place, "dwelling"));
    *start = read_day(r, place, "start", at);
    if (!*dwelling_id)
        plan_error(r, at, "expected null or {\"dwelling\", \"start\"}");
    return *dwelling_id != NULL;
}

/* The changes a re-plan lists, kept as written for reports; verify checks them against the
 * assignments and the counts. */
static void read_changes(plan_reader *r, const json *root, logis_plan *plan)
{
    const json *list = json_member(root, "changes");
    int index = 0;
    for (const json *item = json_first(list); item && r->ok; item = json_next(item), index++) {
        char at[64], household_at[80], from_at[80], to_at[80];
        snprintf(at, sizeof at, "/changes/%d", index);
        snprintf(household_at, sizeof household_at, "%s/household", at);
        snprintf(from_at, sizeof from_at, "%s/from", at);
        snprintf(to_at, sizeof to_at, "%s/to", at);
        const char *household_id = json_string(json_member(item, "household"));
        const char *from = NULL, *to = NULL;
        day_t from_start = 0, to_start = 0;
        if (!household_id)
            plan_error(r, at, "a change names its household");
        bool ok = household_id && text_allowed(r, household_at, household_id);
        ok = ok && read_change_place(r, json_member(item, "from"), from_at, &from, &from_start) &&
             read_change_place(r, json_member(item, "to"), to_at, &to, &to_start);
        int to_dwelling = to ? idmap_get(&r->scenario->dwelling_ids, to) : -1;
        if (ok && to && to_dwelling < 0)
            plan_error(r, to_at, "no dwelling of the scenario has this id");
        if (ok && r->ok && !plan_add_change(plan, household_id, from, from_start, to_dwelling,
                                            to_start))
            ran_out_of_memory(r);
    }
}

/* The notice a re-plan used (replan.notice_days): a whole number of days, or -1 when the plan
 * does not state it (plans written before it did). */
static int read_notice(plan_reader *r, const json *replan)
{
    const json *member = json_member(replan, "notice_days");
    double days = read_stated(r, replan, "notice_days", "/replan/notice_days", 0, HUGE_VAL);
    if (!member || isnan(days))
        return -1;
    if (days != floor(days) || days > INT_MAX) {
        plan_error(r, "/replan/notice_days", "must be a whole number of days (got %g)", days);
        return -1;
    }
    return (int)days;
}

/* A re-plan's date and counts ("replan") and its changes: no stay may begin before the date
 * unless it was kept. The counts are claims, checked by verify; the plan's own are what its
 * changes give (logis_plan_load_with), so that a plan read and written again tells no lie. */
static void read_replan(plan_reader *r, const json *root, logis_plan *plan)
{
    const json *replan = json_member(root, "replan");
    if (!replan)
        return;
    plan->replanned = true;
    plan->replan.now = read_day(r, replan, "now", "/replan");
    plan->replan.notice_days = read_notice(r, replan);
    for (int k = 0; k < REPLAN_COUNT_KINDS; k++)
        plan->claims.replan[k] = stated_number(r, replan, replan_count_names[k], "/replan");
    read_changes(r, root, plan);
}

logis_status logis_plan_load_with(const char *path, const logis_scenario *s,
                                  const logis_load_options *options, logis_plan **out,
                                  logis_diagnostics *diags)
{
    size_t max_bytes = options && options->max_input_bytes ? options->max_input_bytes
                                                           : TEXTFILE_MAX_DEFAULT;
    size_t errors_before = logis_diagnostics_errors(diags);
    plan_reader r = {s, diags, path, true, false};
    char *text = NULL;
    size_t length = 0;
    json *root = NULL;
    logis_plan *plan = plan_new(s);
    *out = NULL;
    logis_status status = plan && (plan->source = strdup(path)) ? LOGIS_OK : LOGIS_E_NOMEM;
    if (status == LOGIS_OK)
        status = textfile_read(path, max_bytes, &text, &length, diags);
    if (status == LOGIS_OK)
        status = textfile_parse_json(path, text, length, &root, diags);
    if (root && !json_is_object(root))
        plan_error(&r, "", "a plan must be a JSON object");
    if (root && r.ok) {
        read_replan(&r, root, plan);
        read_assignments(&r, root, plan);
        read_left_out(&r, root, plan);
        read_claims(&r, root, plan);
        read_solve_report(&r, root, plan);
    }
    if (status == LOGIS_OK && r.ok && plan->replanned)
        plan->replan = plan_count_changes(plan);
    json_free(root);
    free(text);
    if (status == LOGIS_OK && !r.ok)
        status = r.out_of_memory ? LOGIS_E_NOMEM : LOGIS_E_INPUT;
    if (status == LOGIS_E_NOMEM)
        diag_out_of_memory(diags, errors_before, path);
    if (status == LOGIS_OK)
        *out = plan;
    else
        logis_plan_free(plan);
    return status;
}

logis_status logis_plan_load(const char *path, const logis_scenario *s, logis_plan **out,
                             logis_diagnostics *diags)
{
    return logis_plan_load_with(path, s, NULL, out, diags);
}
