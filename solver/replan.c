/* Re-planning when a new list arrives: the previous plan's stays that start before the re-plan
 * date become fixed stays, the later ones are kept where possible (the changes level, between
 * weighted persons and waiting), and the plan lists every household whose stay changed. */
#include "solver/build.h"
#include "base/diag.h"
#include "base/textfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *household_id, *dwelling_id; /* borrowed from the parsed previous plan */
    int household, dwelling;                 /* -1 when the scenario has no such id */
    day_t start;
} previous_stay;

typedef struct {
    json *document;
    previous_stay *stays;
    int count;
} previous_plan;

static void previous_free(previous_plan *p)
{
    json_free(p->document);
    free(p->stays);
}

/* One assignment of the previous plan; false (with an error) when it is malformed. */
static bool read_previous_stay(const logis_scenario *s, const char *path, const json *item,
                               int index, previous_stay *out, logis_diagnostics *diags)
{
    char pointer[64];
    snprintf(pointer, sizeof pointer, "/assignments/%d", index);
    const char *household_id = json_string(json_member(item, "household"));
    const char *dwelling_id = json_string(json_member(item, "dwelling"));
    const char *start = json_string(json_member(item, "start"));
    day_t day;
    if (!household_id || !dwelling_id || !start || !date_parse(start, &day)) {
        diag_add(diags, LOGIS_ERROR, path, 0, 0, pointer,
                 "expected {\"household\", \"dwelling\", \"start\": YYYY-MM-DD}");
        return false;
    }
    *out = (previous_stay){household_id, dwelling_id, idmap_get(&s->household_ids, household_id),
                           idmap_get(&s->dwelling_ids, dwelling_id), day};
    if (out->household < 0)
        diag_add(diags, LOGIS_WARNING, path, 0, 0, pointer,
                 "household %s is not in the scenario any more: counted as no longer housed",
                 household_id);
    else if (out->dwelling < 0)
        diag_add(diags, LOGIS_WARNING, path, 0, 0, pointer,
                 "dwelling %s is not in the scenario any more: household %s is placed again",
                 dwelling_id, household_id);
    return true;
}

static logis_status read_previous(const logis_scenario *s, const char *path, previous_plan *p,
                                  logis_diagnostics *diags)
{
    char *text = NULL;
    size_t length = 0;
    logis_status status = textfile_read(path, TEXTFILE_MAX_DEFAULT, &text, &length, diags);
    if (status == LOGIS_OK)
        status = textfile_parse_json(path, text, length, &p->document, diags);
    free(text);
    if (status != LOGIS_OK)
        return status;
    const json *list = json_member(p->document, "assignments");
    if (!json_is_array(list)) {
        diag_add(diags, LOGIS_ERROR, path, 0, 0, "/assignments",
                 "a plan needs an array of assignments");
        return LOGIS_E_INPUT;
    }
    p->stays = calloc(json_count(list) + 1, sizeof *p->stays);
    if (!p->stays)
        return LOGIS_E_NOMEM;
    bool ok = true;
    int index = 0;
    for (const json *item = json_first(list); item; item = json_next(item), index++)
        ok &= read_previous_stay(s, path, item, index, &p->stays[p->count++], diags);
    return ok ? LOGIS_OK : LOGIS_E_INPUT;
}

/* ---- the scenario as the re-plan sees it ---- */

typedef struct {
    logis_scenario scenario; /* a shallow copy: only fixed and replan are its own */
    fixed_stay *fixed;
    replan_info info;
    int eligible; /* households with a previous stay from now on, which may change */
} replan_scenario;

static void replan_scenario_free(replan_scenario *r)
{
    free(r->fixed);
    free(r->info.previous_dwelling);
    free(r->info.previous_start);
}

static bool fixed_already(const logis_scenario *s, int household_index)
{
    for (int f = 0; f < s->fixed_count; f++)
        if (s->fixed[f].household == household_index)
            return true;
    return false;
}

/* The previous plan's stays before now have begun; those before now + notice have been
 * announced to the families: both are kept as they are. */
static bool prepare(const logis_scenario *s, const previous_plan *p, day_t now, int notice,
                    replan_scenario *r)
{
    r->scenario = *s;
    r->fixed = malloc(((size_t)s->fixed_count + (size_t)p->count + 1) * sizeof *r->fixed);
    r->info.previous_dwelling = malloc(((size_t)s->household_count + 1) * sizeof(int));
    r->info.previous_start = calloc((size_t)s->household_count + 1, sizeof(day_t));
    if (!r->fixed || !r->info.previous_dwelling || !r->info.previous_start)
        return false;
    if (s->fixed_count > 0)
        memcpy(r->fixed, s->fixed, (size_t)s->fixed_count * sizeof *r->fixed);
    int fixed_count = s->fixed_count;
    for (int h = 0; h < s->household_count; h++)
        r->info.previous_dwelling[h] = -1;
    for (int i = 0; i < p->count; i++) {
        const previous_stay *st = &p->stays[i];
        if (st->household < 0 || fixed_already(s, st->household) ||
            r->info.previous_dwelling[st->household] >= 0)
            continue;
        bool kept = st->dwelling >= 0 && st->start < now + notice;
        if (!kept)
            r->eligible++;
        if (st->dwelling < 0)
            continue;
        r->info.previous_dwelling[st->household] = st->dwelling;
        r->info.previous_start[st->household] = st->start;
        if (kept)
            r->fixed[fixed_count++] = (fixed_stay){st->household, st->dwelling, st->start,
                                                   st->start < now ? KEPT_BEGUN : KEPT_ANNOUNCED};
    }
    r->info.now = now;
    r->info.notice_days = notice;
    r->scenario.earliest_start = now;
    r->scenario.fixed = r->fixed;
    r->scenario.fixed_count = fixed_count;
    r->scenario.replan = &r->info;
    return true;
}

/* ---- the changes ---- */

static bool add_change(logis_plan *plan, const char *household_id, const previous_stay *from,
                       const stay *to)
{
    return plan_add_change(plan, household_id, from ? from->dwelling_id : NULL,
                           from ? from->start : 0, to ? to->dwelling : -1, to ? to->start : 0);
}

/* Compares each household's previous stay with its new one and counts what happened. */
static bool list_changes(logis_plan *plan, const previous_plan *p)
{
    const logis_scenario *s = plan->scenario;
    int *stay_of = plan_stay_index(plan, s->household_count);
    const previous_stay **before = calloc((size_t)s->household_count + 1, sizeof *before);
    bool ok = stay_of && before;
    replan_counts *n = &plan->replan;
    for (int i = 0; ok && i < p->count; i++) {
        const previous_stay *st = &p->stays[i];
        if (st->household >= 0) {
            if (!before[st->household])
                before[st->household] = st;
            continue;
        }
        n->missing++;
        n->no_longer_housed++;
        ok = add_change(plan, st->household_id, st, NULL);
    }
    for (int h = 0; ok && h < s->household_count; h++) {
        const previous_stay *from = before[h];
        const stay *to = stay_of[h] >= 0 ? &plan->stays[stay_of[h]] : NULL;
        if (!from && !to)
            continue;
        if (from && to && from->dwelling == to->dwelling && from->start == to->start) {
            n->kept++;
            continue;
        }
        if (!from)
            n->newly_housed++;
        else if (!to)
            n->no_longer_housed++;
        else
            n->moved++;
        ok = add_change(plan, s->households[h].id, from, to);
    }
    free(stay_of);
    free(before);
    return ok;
}

static int compare_changes(const void *a, const void *b)
{
    return strcmp(((const plan_change *)a)->household, ((const plan_change *)b)->household);
}

/* The re-plan date: a date within the horizon (its end included: nothing moves in then). */
static bool read_now(const logis_scenario *s, const char *now, day_t *day,
                     logis_diagnostics *diags)
{
    char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE];
    if (!date_parse(now, day)) {
        diag_add(diags, LOGIS_ERROR, NULL, 0, 0, NULL,
                 "the re-plan date must be a date YYYY-MM-DD (got \"%.40s\")", now);
        return false;
    }
    if (*day >= s->horizon_start && *day <= s->horizon_end)
        return true;
    date_format(s->horizon_start, from);
    date_format(s->horizon_end, to);
    diag_add(diags, LOGIS_ERROR, NULL, 0, 0, NULL,
             "the re-plan date %s is outside the scenario's horizon, from %s to %s", now, from,
             to);
    return false;
}

/* The re-plan itself, from the previous plan's stays, at a date within the horizon. */
static logis_status replan_from(const logis_scenario *s, previous_plan *previous, day_t day,
                                const logis_options *options, logis_plan **out,
                                logis_diagnostics *diags)
{
    int notice = options && options->notice_days >= 0 ? options->notice_days
                                                      : s->rules.notice_days;
    replan_scenario r = {0};
    logis_plan *plan = NULL;
    logis_status status = prepare(s, previous, day, notice, &r) ? LOGIS_OK : LOGIS_E_NOMEM;
    if (status == LOGIS_OK)
        status = solve_scenario(&r.scenario, s->dwelling_count, options, &plan, diags);
    if (status == LOGIS_OK) {
        plan->scenario = s; /* the same households and dwellings, without the re-plan's fixing */
        plan->replanned = true;
        plan->replan.now = day;
        plan->replan.notice_days = notice;
        plan->levels[LEVEL_CHANGES].value += r.eligible;
        plan->levels[LEVEL_CHANGES].bound += r.eligible;
        if (!list_changes(plan, previous))
            status = LOGIS_E_NOMEM;
        else if (plan->change_count > 1)
            qsort(plan->changes, (size_t)plan->change_count, sizeof *plan->changes,
                  compare_changes);
    }
    if (status == LOGIS_OK && plan->outcome != LOGIS_INFEASIBLE)
        status = plan_self_check(plan, diags);
    replan_scenario_free(&r);
    if (status == LOGIS_OK)
        *out = plan;
    else
        logis_plan_free(plan);
    return status;
}

logis_status logis_replan(const logis_scenario *s, const char *previous_path, const char *now,
                          const logis_options *options, logis_plan **out,
                          logis_diagnostics *diags)
{
    *out = NULL;
    day_t day;
    if (!read_now(s, now, &day, diags))
        return LOGIS_E_INPUT;
    size_t errors_before = logis_diagnostics_errors(diags);
    previous_plan previous = {0};
    logis_status status = read_previous(s, previous_path, &previous, diags);
    if (status == LOGIS_OK)
        status = replan_from(s, &previous, day, options, out, diags);
    previous_free(&previous);
    if (status == LOGIS_E_NOMEM)
        diag_out_of_memory(diags, errors_before, NULL);
    return status;
}

/* The stays of a plan on another scenario with the same park, matched to s by household id. */
static bool previous_from_plan(const logis_scenario *s, const logis_plan *plan,
                               previous_plan *p)
{
    p->stays = calloc((size_t)plan->stay_count + 1, sizeof *p->stays);
    if (!p->stays)
        return false;
    for (int i = 0; i < plan->stay_count; i++) {
        const stay *st = &plan->stays[i];
        const char *id = plan->scenario->households[st->household].id;
        const char *dwelling_id = plan->scenario->dwellings[st->dwelling].id;
        p->stays[p->count++] = (previous_stay){id, dwelling_id, idmap_get(&s->household_ids, id),
                                               idmap_get(&s->dwelling_ids, dwelling_id),
                                               st->start};
    }
    return true;
}

logis_status replan_after(const logis_scenario *s, const logis_plan *previous, day_t now,
                          const logis_options *options, logis_plan **out,
                          logis_diagnostics *diags)
{
    previous_plan p = {0};
    size_t errors_before = logis_diagnostics_errors(diags);
    *out = NULL;
    logis_status status = previous_from_plan(s, previous, &p) ? LOGIS_OK : LOGIS_E_NOMEM;
    if (status == LOGIS_OK)
        status = replan_from(s, &p, now, options, out, diags);
    previous_free(&p);
    if (status == LOGIS_E_NOMEM)
        diag_out_of_memory(diags, errors_before, NULL);
    return status;
}
