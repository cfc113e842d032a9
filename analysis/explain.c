/* `logis explain`: for one household, what stands in the way of each place that fits it, or
 * why the plan's place for it is as good as the others that were free. */
#include "analysis/explain.h"

#include "analysis/obstacles.h"
#include "base/diag.h"
#include "domain/left_out.h"
#include "domain/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- logis explain ---- */

enum { ALTERNATIVES_SHOWN = 10, DATES_SHOWN = 8 };

/* Dates of a dwelling that share their obstacles, as one line. */
typedef struct {
    day_t first, last;
    int dates;
    bool free;
    obstacles why;
} date_run;

/* How many of the household's grid dates are before the scenario's earliest start (a re-plan's
 * date) while in the horizon: they have passed. */
static int passed_dates(const logis_scenario *s, const household *h)
{
    int passed = 0;
    for (int wait = 0; wait <= s->rules.max_wait_days; wait += s->rules.start_step_days) {
        day_t start = h->arrival + wait;
        passed += start >= s->horizon_start && start < s->horizon_end &&
                  start < s->earliest_start;
    }
    return passed;
}

void write_move_in_dates(answer *a, const day_t *starts, int count)
{
    const rules *r = &a->s->rules;
    int passed = passed_dates(a->s, a->h);
    int outside = rule_max_starts(a->s) - count - passed;
    char day[DATE_TEXT_SIZE];
    if (!a->text) {
        json *dates = json_add_array(&a->b, a->root, "move_in_dates");
        for (int k = 0; k < count; k++)
            json_add(&a->b, dates, NULL, json_new_text(date_text(starts[k], day)));
        json_add_number(&a->b, a->root, "move_in_dates_outside_horizon", outside);
        if (a->s->earliest_start > a->s->horizon_start)
            json_add_number(&a->b, a->root, "move_in_dates_passed", passed);
        return;
    }
    fprintf(a->text, "Its move-in dates (waiting at most %d days, every %d):", r->max_wait_days,
            r->start_step_days);
    for (int k = 0; k < count && k < DATES_SHOWN; k++)
        fprintf(a->text, " %s", date_text(starts[k], day));
    if (count > DATES_SHOWN)
        fprintf(a->text, " and %d more", count - DATES_SHOWN);
    if (count == 0)
        fprintf(a->text, " none");
    if (outside > 0)
        fprintf(a->text, " (%d outside the horizon)", outside);
    if (passed > 0)
        fprintf(a->text, " (%d before the re-plan date %s)", passed,
                date_text(a->s->earliest_start, day));
    fputs(".\n", a->text);
}

/* How many dwellings fit, and why the others do not (rule 2). */
int write_fit_summary(answer *a)
{
    static const char *const names[] = {"", "too_small", "missing_feature", "wrong_territory",
                                        "not_sharing", "wrong_lease"};
    static const char *const words[] = {"", "too small", "without a need it has",
                                        "outside its territories", "shared (it may not share)",
                                        "with the other lease"};
    int counts[6] = {0};
    for (int d = 0; d < a->s->dwelling_count; d++)
        counts[rule_fit(a->h, &a->s->dwellings[d])]++;
    if (a->text) {
        fprintf(a->text, "It fits %d of the %d dwellings", counts[FIT_OK], a->s->dwelling_count);
        for (int k = 1, first = 1; k < 6; k++)
            if (counts[k]) {
                fprintf(a->text, "%s%d %s", first ? "; the others: " : ", ", counts[k], words[k]);
                first = 0;
            }
        fputs(".\n", a->text);
        return counts[FIT_OK];
    }
    json_add_number(&a->b, a->root, "dwellings_that_fit", counts[FIT_OK]);
    json *others = json_add_object(&a->b, a->root, "dwellings_that_do_not_fit");
    for (int k = 1; k < 6; k++)
        json_add_number(&a->b, others, names[k], counts[k]);
    return counts[FIT_OK];
}

static void write_availability(answer *a, const dwelling *dw)
{
    char day[DATE_TEXT_SIZE];
    fputs("the stay would fall outside the dwelling's availability (", a->text);
    if (dw->available_from != DAY_NONE_BEFORE)
        fprintf(a->text, "from %s", date_text(dw->available_from, day));
    if (dw->available_until != DAY_NONE_AFTER)
        fprintf(a->text, "%suntil %s", dw->available_from != DAY_NONE_BEFORE ? ", " : "",
                date_text(dw->available_until, day));
    fputc(')', a->text);
}

static void write_holders(answer *a, const dwelling *dw, const obstacles *why)
{
    char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE];
    if (dw->shared)
        fprintf(a->text, "%d of its %d places taken by ", why->places_taken, dw->places);
    else if (dw->lease == LEASE_SLIDING)
        fputs("its sliding lease, for one household in the whole plan, goes to ", a->text);
    else
        fputs("taken by ", a->text);
    int listed = why->holder_count < LISTED_MAX ? why->holder_count : LISTED_MAX;
    for (int i = 0; i < listed; i++) {
        const stay *st = &a->stays.items[why->holders[i]];
        fprintf(a->text, "%s%s (%s to %s)", i ? ", " : "", a->s->households[st->household].id,
                date_text(st->start, from), date_text(st->end, to));
    }
    if (why->holder_count > listed)
        fprintf(a->text, " and %d more", why->holder_count - listed);
}

static void write_quota(answer *a, const dwelling *dw, const obstacles *why,
                        const char *separator)
{
    const quota *q = &a->s->territories[dw->territory].quotas[why->quota_index];
    char from[DATE_TEXT_SIZE], until[DATE_TEXT_SIZE];
    fprintf(a->text, "%sthe quota of %s from %s until %s is full:", separator,
            a->s->territories[dw->territory].id, date_text(q->from, from),
            date_text(q->until, until));
    if (q->persons != NO_QUOTA)
        fprintf(a->text, " %ld of %d persons", why->quota_persons, q->persons);
    if (q->households != NO_QUOTA)
        fprintf(a->text, "%s %ld of %d households", q->persons != NO_QUOTA ? "," : "",
                why->quota_households, q->households);
    fputs(" move in then", a->text);
}

static void add_quota_members(answer *a, json *item, const dwelling *dw, const obstacles *why)
{
    const quota *q = &a->s->territories[dw->territory].quotas[why->quota_index];
    json_builder *b = &a->b;
    json *full = json_add_object(b, item, "quota");
    json_add_text(b, full, "territory", a->s->territories[dw->territory].id);
    json_add_date(b, full, "from", q->from);
    json_add_date(b, full, "until", q->until);
    json_add_number(b, full, "persons_moving_in", why->quota_persons);
    json_add_number(b, full, "households_moving_in", why->quota_households);
    if (q->persons != NO_QUOTA)
        json_add_number(b, full, "persons", q->persons);
    if (q->households != NO_QUOTA)
        json_add_number(b, full, "households", q->households);
}

static void write_run_words(answer *a, int d, const date_run *run)
{
    const dwelling *dw = &a->s->dwellings[d];
    const obstacles *why = &run->why;
    char day[DATE_TEXT_SIZE];
    fprintf(a->text, "    %s", date_text(run->first, day));
    if (run->dates > 1)
        fprintf(a->text, " to %s (%d dates)", date_text(run->last, day), run->dates);
    else
        fprintf(a->text, " (until %s)", date_text(rule_stay_end(a->s, a->h, dw, run->first), day));
    fputs(": ", a->text);
    if (run->free) {
        fputs("free: it could move in without moving anyone\n", a->text);
        return;
    }
    const char *separator = "";
    if (why->outside_availability) {
        write_availability(a, dw);
        separator = "; ";
    }
    if (why->holder_count) {
        fputs(separator, a->text);
        write_holders(a, dw, why);
        separator = "; ";
    }
    if (why->caseload_full) {
        fprintf(a->text, "%sthe team of %s already accompanies %d households, its caseload, on %s",
                separator, a->s->territories[dw->territory].id, why->caseload_load,
                date_text(why->caseload_day, day));
        separator = "; ";
    }
    if (why->quota_full)
        write_quota(a, dw, why, separator);
    fputc('\n', a->text);
}

static void add_run_members(answer *a, json *item, int d, const date_run *run)
{
    const dwelling *dw = &a->s->dwellings[d];
    const obstacles *why = &run->why;
    json_builder *b = &a->b;
    json_add_date(b, item, "from", run->first);
    json_add_date(b, item, "to", run->last);
    json_add_number(b, item, "dates", run->dates);
    json_add_bool(b, item, "free", run->free);
    json_add_bool(b, item, "outside_availability", why->outside_availability);
    json *holders = json_add_array(b, item, "households");
    int listed = why->holder_count < LISTED_MAX ? why->holder_count : LISTED_MAX;
    for (int i = 0; i < listed; i++) {
        const stay *st = &a->stays.items[why->holders[i]];
        json *holder = json_add_object(b, holders, NULL);
        json_add_text(b, holder, "household", a->s->households[st->household].id);
        json_add_date(b, holder, "start", st->start);
        json_add_date(b, holder, "end", st->end);
    }
    json_add_number(b, item, "households_in_the_way", why->holder_count);
    if (dw->shared)
        json_add_number(b, item, "places_taken", why->places_taken);
    if (why->quota_full)
        add_quota_members(a, item, dw, why);
    if (!why->caseload_full)
        return;
    json *team = json_add_object(b, item, "caseload");
    json_add_text(b, team, "territory", a->s->territories[dw->territory].id);
    json_add_number(b, team, "households", why->caseload_load);
    json_add_number(b, team, "limit", a->s->territories[dw->territory].caseload);
    json_add_date(b, team, "on", why->caseload_day);
}

static void write_run(answer *a, json *dates, int d, const date_run *run)
{
    if (a->text)
        write_run_words(a, d, run);
    else
        add_run_members(a, json_add_object(&a->b, dates, NULL), d, run);
}

/* One dwelling that fits the left-out household: what is in the way on each move-in date,
 * consecutive dates with the same obstacles together. */
static bool explain_dwelling(answer *a, const ledger *l, int d, const day_t *starts, int count)
{
    json *dates = NULL;
    if (a->text) {
        fputs("  ", a->text);
        write_dwelling_words(a->text, a->s, d);
        fputc('\n', a->text);
    } else {
        json *item = json_add_object(&a->b, json_member(a->root, "dwellings"), NULL);
        add_dwelling_members(&a->b, item, a->s, d);
        dates = json_add_array(&a->b, item, "dates");
    }
    date_run run = {0};
    for (int k = 0; k < count; k++) {
        date_run next = {starts[k], starts[k], 1, ledger_allows(l, a->index, d, starts[k]), {0}};
        if (!find_obstacles(a->s, &a->stays, a->h, d, starts[k], &next.why))
            return false;
        if (k > 0 && next.free == run.free && same_obstacles(&next.why, &run.why)) {
            run.last = starts[k];
            run.dates++;
            continue;
        }
        if (k > 0)
            write_run(a, dates, d, &run);
        run = next;
    }
    if (count > 0)
        write_run(a, dates, d, &run);
    return true;
}

static void write_left_out_header(answer *a, left_out_code code, const char *reason)
{
    if (!a->text) {
        add_household_members(&a->b, a->root, a->s, a->h);
        json_add_bool(&a->b, a->root, "housed", false);
        json_add_text(&a->b, a->root, "code", left_out_code_name(code));
        if (reason[0])
            json_add_text(&a->b, a->root, "reason", reason);
        return;
    }
    fprintf(a->text, "%s is left out (%s): ", a->h->id, left_out_code_name(code));
    write_household_words(a->text, a->s, a->h);
    fputs(".\n", a->text);
    if (reason[0])
        fprintf(a->text, "Why: %s.\n", reason);
}

bool write_obstacles_by_dwelling(answer *a, const day_t *starts, int count)
{
    const logis_scenario *s = a->s;
    ledger l;
    if (!stay_list_ledger(s, &a->stays, &l))
        return false;
    bool ok = true, listed = false;
    if (!a->text)
        json_add_array(&a->b, a->root, "dwellings");
    for (int d = 0; ok && count && d < s->dwelling_count; d++) {
        if (rule_fit(a->h, &s->dwellings[d]) != FIT_OK)
            continue;
        if (a->text && !listed)
            fputs("What is in the way, dwelling by dwelling, on its move-in dates:\n", a->text);
        listed = true;
        ok = explain_dwelling(a, &l, d, starts, count);
    }
    ledger_free(&l);
    return ok;
}

static bool explain_left_out_household(answer *a)
{
    char reason[400] = "";
    left_out_code code = explain_left_out(a->s, a->index, reason, sizeof reason);
    day_t *starts = malloc((size_t)rule_max_starts(a->s) * sizeof *starts);
    if (!starts)
        return false;
    int count = rule_grid_starts(a->s, a->h, starts);
    write_left_out_header(a, code, reason);
    write_move_in_dates(a, starts, count);
    write_fit_summary(a);
    bool ok = write_obstacles_by_dwelling(a, starts, count);
    free(starts);
    return ok;
}

/* Objective order for a household already housed: less waiting, then fewer empty place-days
 * (the persons housed are the same wherever it goes). */
static int compare_by_objective(const void *a, const void *b, void *context)
{
    const spot *x = a, *y = b;
    if (x->wait_person_days != y->wait_person_days)
        return x->wait_person_days < y->wait_person_days ? -1 : 1;
    if (x->empty_place_days != y->empty_place_days)
        return x->empty_place_days < y->empty_place_days ? -1 : 1;
    return compare_spots(a, b, context);
}
/* Every other place free for the household, next to the others' stays, best first by the
 * objective. */
static bool free_alternatives(answer *a, const stay_list *others, const stay *chosen,
                              spot_list *out)
{
    const logis_scenario *s = a->s;
    day_t *starts = malloc((size_t)rule_max_starts(s) * sizeof *starts);
    ledger l;
    bool ledger_ready = stay_list_ledger(s, others, &l), ok = starts && ledger_ready;
    int count = ok ? rule_grid_starts(s, a->h, starts) : 0;
    for (int d = 0; ok && d < s->dwelling_count; d++)
        for (int k = 0; ok && k < count; k++) {
            spot p;
            if ((d == chosen->dwelling && starts[k] == chosen->start) ||
                !ledger_allows(&l, a->index, d, starts[k]))
                continue;
            ok = spot_figures(s, others, a->h, d, starts[k], &p) && spot_list_add(out, &p);
        }
    if (ok && out->count > 1) /* qsort_r wants items even for none */
        qsort_r(out->items, (size_t)out->count, sizeof *out->items, compare_by_objective,
                (void *)s);
    if (ledger_ready)
        ledger_free(&l);
    free(starts);
    return ok;
}

static void write_verdict(answer *a, bool fixed, int alternatives, int better, int as_good)
{
    char verdict[400];
    if (fixed)
        snprintf(verdict, sizeof verdict, "it is a fixed stay (rule 7): decided before the "
                 "plan and kept as given");
    else if (alternatives == 0)
        snprintf(verdict, sizeof verdict, "no other dwelling or date was free for it without "
                 "moving someone: this was its only place");
    else if (better > 0)
        snprintf(verdict, sizeof verdict, "%d of them would be better by the objective (less "
                 "waiting, or as little with fewer empty place-days): the plan is not optimal "
                 "on those levels (a time limit, or a plan changed by hand)", better);
    else if (as_good > 0)
        snprintf(verdict, sizeof verdict, "none of them is better: the persons housed are the "
                 "same wherever it goes, and none waits less or, waiting as little, leaves fewer "
                 "empty place-days (%d %s as good: a tie)", as_good, as_good == 1 ? "is" : "are");
    else
        snprintf(verdict, sizeof verdict, "it is the best of them: the persons housed are the "
                 "same wherever it goes, and the others wait longer or, waiting as little, leave "
                 "more empty place-days");
    if (a->text)
        fprintf(a->text, "Why this one: %s.\n", verdict);
    else
        json_add_text(&a->b, a->root, "verdict", verdict);
}

static void write_housed(answer *a, const spot *chosen, bool fixed,
                         const spot_list *alternatives)
{
    int better = 0, as_good = 0;
    for (int i = 0; i < alternatives->count; i++) {
        const spot *other = &alternatives->items[i];
        bool same_wait = other->wait_person_days == chosen->wait_person_days;
        better += other->wait_person_days < chosen->wait_person_days ||
                  (same_wait && other->empty_place_days < chosen->empty_place_days);
        as_good += same_wait && other->empty_place_days == chosen->empty_place_days;
    }
    if (!a->text) {
        add_household_members(&a->b, a->root, a->s, a->h);
        json_add_bool(&a->b, a->root, "housed", true);
        json_add_bool(&a->b, a->root, "fixed", fixed);
        add_spot_members(&a->b, json_add_object(&a->b, a->root, "stay"), a->s, chosen);
        json *list = json_add_array(&a->b, a->root, "alternatives");
        for (int i = 0; i < alternatives->count; i++)
            add_spot_members(&a->b, json_add_object(&a->b, list, NULL), a->s,
                             &alternatives->items[i]);
        json_add_number(&a->b, a->root, "better_alternatives", better);
        write_verdict(a, fixed, alternatives->count, better, as_good);
        return;
    }
    fprintf(a->text, "%s is housed: ", a->h->id);
    write_household_words(a->text, a->s, a->h);
    fputs(".\nIn ", a->text);
    write_spot_words(a->text, a->s, chosen);
    fprintf(a->text, ".\nOther places free for it without moving anyone: %d%s\n",
            alternatives->count, alternatives->count ? " (best by the objective first)" : "");
    for (int i = 0; i < alternatives->count && i < ALTERNATIVES_SHOWN; i++) {
        fputs("  ", a->text);
        write_spot_words(a->text, a->s, &alternatives->items[i]);
        fputc('\n', a->text);
    }
    if (alternatives->count > ALTERNATIVES_SHOWN)
        fprintf(a->text, "  and %d more (--json lists them all)\n",
                alternatives->count - ALTERNATIVES_SHOWN);
    write_verdict(a, fixed, alternatives->count, better, as_good);
}

static bool explain_housed(answer *a, int at)
{
    stay chosen_stay = a->stays.items[at];
    bool fixed = stay_is_fixed(a->s, &chosen_stay);
    stay_list others;
    spot_list alternatives = {0};
    spot chosen;
    bool ok = stay_list_copy(&others, a->stays.items, a->stays.count);
    if (!ok)
        goto done;
    stay_list_remove(&others, at);
    ok = spot_figures(a->s, &others, a->h, chosen_stay.dwelling, chosen_stay.start, &chosen) &&
         (fixed || free_alternatives(a, &others, &chosen_stay, &alternatives));
    if (ok)
        write_housed(a, &chosen, fixed, &alternatives);
done:
    free(alternatives.items);
    stay_list_free(&others);
    return ok;
}

/* Whether the plan houses the household or lists it as left out. A plan may leave a household
 * out of both lists (only verify asks for each one): explain would then invent its answer. */
static bool plan_says_what_became_of(const logis_plan *plan, int household_index)
{
    for (int i = 0; i < plan->stay_count; i++)
        if (plan->stays[i].household == household_index)
            return true;
    for (int i = 0; i < plan->left_count; i++)
        if (plan->left[i].household == household_index)
            return true;
    return false;
}

logis_status logis_explain(const logis_scenario *s, const logis_plan *plan,
                           const char *household_id, int json_output, char **out,
                           logis_diagnostics *diags)
{
    *out = NULL;
    int index = household_id ? idmap_get(&s->household_ids, household_id) : -1;
    if (index < 0) {
        diag_add(diags, LOGIS_ERROR, s->path, 0, 0, NULL, "no household has the id \"%s\"",
                 household_id ? household_id : "");
        return LOGIS_E_INPUT;
    }
    logis_status status = explain_check_plan(s, plan, diags);
    if (status != LOGIS_OK)
        return status;
    if (!plan_says_what_became_of(plan, index)) {
        diag_add(diags, LOGIS_ERROR, plan->source ? plan->source : "plan", 0, 0, NULL,
                 "household %s is neither housed (assignments) nor listed as left out "
                 "(unassigned) in the plan: there is nothing to explain", household_id);
        return LOGIS_E_INPUT;
    }
    logis_scenario known = plan_as_of_now(s, plan);
    answer a;
    bool ok = answer_begin(&a, &known, plan, index, json_output);
    int at = ok ? stay_list_find(&a.stays, index) : -1;
    if (ok)
        ok = at >= 0 ? explain_housed(&a, at) : explain_left_out_household(&a);
    *out = answer_finish(&a, ok);
    return *out ? LOGIS_OK : LOGIS_E_NOMEM;
}
