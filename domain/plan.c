/* Plans: building them stay by stay, their canonical order, and the figures they report. */
#include "domain/plan.h"

#include "base/array.h"
#include "base/check.h"

#include "domain/rules.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Scores are written to a millionth: they are often probabilities. */
static const double SCORE_SCALE = 1e6;

logis_plan *plan_new(const logis_scenario *s)
{
    logis_plan *plan = calloc(1, sizeof *plan);
    if (!plan)
        return NULL;
    plan->scenario = s;
    for (int c = 0; c < CLAIM_COUNT; c++)
        plan->claims.values[c] = NAN;
    plan->claims.bound = plan->claims.gap = NAN;
    plan->claims.score_bound = plan->claims.score_gap = NAN;
    plan->claims.first_level = (level_claim){-1, NAN, NAN};
    for (int k = 0; k < REPLAN_COUNT_KINDS; k++)
        plan->claims.replan[k] = NAN;
    return plan;
}

void logis_plan_free(logis_plan *plan)
{
    if (!plan)
        return;
    for (int i = 0; i < plan->left_count; i++)
        free(plan->left[i].reason);
    for (int i = 0; i < plan->conflict_count; i++)
        free(plan->conflicts[i]);
    free(plan->conflicts);
    for (int i = 0; i < plan->change_count; i++) {
        free(plan->changes[i].household);
        free(plan->changes[i].from_dwelling);
    }
    free(plan->changes);
    free(plan->claims.territories);
    free(plan->claims.territory_listings);
    free(plan->claims.stays);
    free(plan->source);
    free(plan->stays);
    free(plan->left);
    free(plan);
}

logis_outcome logis_plan_outcome(const logis_plan *plan)
{
    return plan->outcome;
}

_Static_assert(sizeof ((logis_assignment *)0)->start == DATE_TEXT_SIZE,
               "logis_assignment holds a whole YYYY-MM-DD date");

size_t logis_plan_assignment_count(const logis_plan *plan)
{
    return plan ? (size_t)plan->stay_count : 0;
}

logis_status logis_plan_assignment(const logis_plan *plan, size_t index, logis_assignment *out)
{
    memset(out, 0, sizeof *out);
    if (index >= logis_plan_assignment_count(plan))
        return LOGIS_E_INPUT;
    const stay *st = &plan->stays[index];
    out->household = plan->scenario->households[st->household].id;
    out->dwelling = plan->scenario->dwellings[st->dwelling].id;
    date_format(st->start, out->start);
    date_format(st->end, out->end);
    return LOGIS_OK;
}

bool plan_add_stay(logis_plan *plan, int household_index, int dwelling_index, day_t start,
                   day_t end)
{
    LOGIS_ASSERT(household_index >= 0 && household_index < plan->scenario->household_count);
    LOGIS_ASSERT(dwelling_index >= 0 && dwelling_index < plan->scenario->dwelling_count);
    if (!ARRAY_GROW(plan->stays, plan->stay_count, plan->stay_capacity))
        return false;
    plan->stays[plan->stay_count++] =
        (stay){household_index, dwelling_index, start, end, KEPT_NONE};
    return true;
}

bool plan_add_change(logis_plan *plan, const char *household_id, const char *from_dwelling,
                     day_t from_start, int to_dwelling, day_t to_start)
{
    if (!ARRAY_GROW(plan->changes, plan->change_count, plan->change_capacity))
        return false;
    plan_change *c = &plan->changes[plan->change_count++];
    *c = (plan_change){strdup(household_id), from_dwelling ? strdup(from_dwelling) : NULL,
                       from_start, to_dwelling, to_start};
    return c->household && (!from_dwelling || c->from_dwelling);
}

bool plan_add_left(logis_plan *plan, int household_index, left_out_code code,
                   const char *reason)
{
    LOGIS_ASSERT(household_index >= 0 && household_index < plan->scenario->household_count);
    LOGIS_ASSERT((unsigned)code < LEFT_CODES);
    char *copy = strdup(reason);
    if (!copy || !ARRAY_GROW(plan->left, plan->left_count, plan->left_capacity)) {
        free(copy);
        return false;
    }
    plan->left[plan->left_count++] = (left_out){household_index, code, copy, false};
    return true;
}

bool plan_add_conflict(logis_plan *plan, const char *message)
{
    char *copy = strdup(message);
    if (!copy || !ARRAY_GROW(plan->conflicts, plan->conflict_count, plan->conflict_capacity)) {
        free(copy);
        return false;
    }
    plan->conflicts[plan->conflict_count++] = copy;
    return true;
}

static int compare_stays(const void *a, const void *b, void *context)
{
    const logis_scenario *s = context;
    const stay *x = a, *y = b;
    int by_id = strcmp(s->dwellings[x->dwelling].id,
                       s->dwellings[y->dwelling].id);
    if (by_id)
        return by_id;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return strcmp(s->households[x->household].id,
                  s->households[y->household].id);
}

static int compare_left(const void *a, const void *b, void *context)
{
    const logis_scenario *s = context;
    const left_out *x = a, *y = b;
    return strcmp(s->households[x->household].id,
                  s->households[y->household].id);
}

void plan_sort(logis_plan *plan)
{
    void *context = (void *)plan->scenario;
    if (plan->stay_count > 1)
        qsort_r(plan->stays, (size_t)plan->stay_count, sizeof *plan->stays, compare_stays,
                context);
    if (plan->left_count > 1)
        qsort_r(plan->left, (size_t)plan->left_count, sizeof *plan->left, compare_left, context);
}

const char *left_out_code_name(left_out_code code)
{
    static const char *const names[LEFT_CODES] = {"no_fit", "no_date", "capacity", "past"};
    LOGIS_ASSERT((unsigned)code < LEFT_CODES);
    return names[code];
}

const char *kept_reason_name(kept_reason kept)
{
    static const char *const names[] = {"", "given", "begun", "announced"};
    return names[kept];
}

static double days_within(day_t from, day_t until, day_t start, day_t end)
{
    day_t low = from > start ? from : start, high = until < end ? until : end;
    return high > low ? (double)(high - low) : 0.0;
}

static void add_stay_figures(const logis_scenario *s, const stay *st, plan_figures *f)
{
    const household *h = &s->households[st->household];
    const dwelling *d = &s->dwellings[st->dwelling];
    park_figures *parts[2] = {&f->park, &f->territories[d->territory]};
    double person_days = h->size * days_within(st->start, st->end, s->horizon_start,
                                               s->horizon_end);
    double score = rule_score(h, d->territory);
    for (int i = 0; i < 2; i++) {
        parts[i]->score += score;
        parts[i]->households_housed++;
        parts[i]->persons_housed += h->size;
        parts[i]->person_days += person_days;
    }
    f->weighted_persons_housed += (long)h->priority * h->size;
    f->wait_person_days += (long)h->size * (st->start - h->arrival);
    f->mean_wait_days += st->start - h->arrival;
    if (d->lease == LEASE_TEMPORARY && !d->shared)
        f->empty_place_days += (long)(d->places - h->size) * (st->end - st->start);
}

int *plan_stay_index(const logis_plan *plan, int household_count)
{
    int *stay_of = malloc(((size_t)household_count + 1) * sizeof *stay_of);
    if (!stay_of)
        return NULL;
    for (int h = 0; h < household_count; h++)
        stay_of[h] = -1;
    for (int i = 0; i < plan->stay_count; i++)
        stay_of[plan->stays[i].household] = i;
    return stay_of;
}

double plan_trivial_bound(const logis_scenario *s)
{
    double total = 0;
    for (int h = 0; h < s->household_count; h++)
        total += (double)s->households[h].priority * s->households[h].size;
    return total;
}

long plan_weighted_persons(const logis_plan *plan)
{
    long total = 0;
    for (int i = 0; plan && i < plan->stay_count; i++) {
        const household *h = &plan->scenario->households[plan->stays[i].household];
        total += (long)h->priority * h->size;
    }
    return total;
}

bool plan_figures_compute(const logis_plan *plan, plan_figures *f)
{
    const logis_scenario *s = plan->scenario;
    memset(f, 0, sizeof *f);
    f->territories = calloc((size_t)s->territory_count, sizeof *f->territories);
    day_t *park_leaves = malloc(((size_t)s->dwelling_count + 1) * sizeof *park_leaves);
    if (!f->territories || !park_leaves) {
        free(park_leaves);
        plan_figures_free(f);
        return false;
    }
    for (int i = 0; i < s->dwelling_count; i++)
        park_leaves[i] = s->dwellings[i].available_until;
    for (int i = 0; i < s->household_count; i++) {
        f->households++;
        f->persons += s->households[i].size;
    }
    for (int i = 0; i < plan->stay_count; i++) {
        const stay *st = &plan->stays[i];
        add_stay_figures(s, st, f);
        if (s->dwellings[st->dwelling].lease == LEASE_SLIDING &&
            st->end < park_leaves[st->dwelling])
            park_leaves[st->dwelling] = st->end;
    }
    for (int i = 0; i < s->dwelling_count; i++) {
        const dwelling *d = &s->dwellings[i];
        double place_days = d->places * days_within(d->available_from, park_leaves[i],
                                                     s->horizon_start, s->horizon_end);
        park_figures *parts[2] = {&f->park, &f->territories[d->territory]};
        for (int k = 0; k < 2; k++) {
            parts[k]->dwellings++;
            parts[k]->places += d->places;
            parts[k]->place_days += place_days;
        }
    }
    if (f->park.households_housed)
        f->mean_wait_days /= (double)f->park.households_housed;
    free(park_leaves);
    return true;
}

void plan_figures_free(plan_figures *f)
{
    free(f->territories);
    f->territories = NULL;
}

const claim_info claim_table[CLAIM_COUNT] = {
    [CLAIM_WEIGHTED_PERSONS_HOUSED] = {"objective", "weighted_persons_housed", 0},
    [CLAIM_SCORE] = {"objective", "score", 1e-6},
    [CLAIM_WAIT_PERSON_DAYS] = {"objective", "wait_person_days", 0},
    [CLAIM_EMPTY_PLACE_DAYS] = {"objective", "empty_place_days", 0},
    [CLAIM_HOUSEHOLDS] = {"summary", "households", 0},
    [CLAIM_HOUSEHOLDS_HOUSED] = {"summary", "households_housed", 0},
    [CLAIM_PERSONS] = {"summary", "persons", 0},
    [CLAIM_PERSONS_HOUSED] = {"summary", "persons_housed", 0},
    [CLAIM_DWELLINGS] = {"summary", "dwellings", 0},
    [CLAIM_PLACES] = {"summary", "places", 0},
    [CLAIM_OCCUPANCY] = {"summary", "occupancy", 1e-4},
    [CLAIM_MEAN_WAIT_DAYS] = {"summary", "mean_wait_days", 1e-2},
};

bool plan_states_score(const logis_scenario *s)
{
    bool named = false;
    for (int k = 0; k < s->objective_count; k++)
        named |= s->objective_order[k] == LEVEL_SCORE;
    return s->has_scores || named;
}

static double ratio(double part, double whole)
{
    return whole > 0 ? part / whole : 0.0;
}

const char *const territory_claim_names[TERRITORY_CLAIM_COUNT] = {
    "households_housed", "persons_housed", "dwellings", "places", "occupancy", "score"};

double territory_claim_value(const park_figures *p, territory_claim which)
{
    switch (which) {
    case TERRITORY_HOUSEHOLDS_HOUSED:
        return (double)p->households_housed;
    case TERRITORY_PERSONS_HOUSED:
        return (double)p->persons_housed;
    case TERRITORY_DWELLINGS:
        return (double)p->dwellings;
    case TERRITORY_PLACES:
        return (double)p->places;
    case TERRITORY_OCCUPANCY:
        return round(ratio(p->person_days, p->place_days) * 1e4) / 1e4;
    case TERRITORY_SCORE:
        return round(p->score * SCORE_SCALE) / SCORE_SCALE;
    default: /* can't happen: every figure has its case above */
        LOGIS_ASSERT(!"a territory figure without its case");
        return NAN;
    }
}

int claim_of_level(int level)
{
    switch (level) {
    case LEVEL_PERSONS:
        return CLAIM_WEIGHTED_PERSONS_HOUSED;
    case LEVEL_SCORE:
        return CLAIM_SCORE;
    case LEVEL_WAIT:
        return CLAIM_WAIT_PERSON_DAYS;
    case LEVEL_EMPTY:
        return CLAIM_EMPTY_PLACE_DAYS;
    default: /* the households changed: a re-plan's, stated in its "replan" member */
        return -1;
    }
}

double claim_value(const plan_figures *f, claim which)
{
    switch (which) {
    case CLAIM_WEIGHTED_PERSONS_HOUSED:
        return (double)f->weighted_persons_housed;
    case CLAIM_SCORE:
        return round(f->park.score * SCORE_SCALE) / SCORE_SCALE;
    case CLAIM_WAIT_PERSON_DAYS:
        return (double)f->wait_person_days;
    case CLAIM_EMPTY_PLACE_DAYS:
        return (double)f->empty_place_days;
    case CLAIM_HOUSEHOLDS:
        return (double)f->households;
    case CLAIM_HOUSEHOLDS_HOUSED:
        return (double)f->park.households_housed;
    case CLAIM_PERSONS:
        return (double)f->persons;
    case CLAIM_PERSONS_HOUSED:
        return (double)f->park.persons_housed;
    case CLAIM_DWELLINGS:
        return (double)f->park.dwellings;
    case CLAIM_PLACES:
        return (double)f->park.places;
    case CLAIM_OCCUPANCY:
        return round(ratio(f->park.person_days, f->park.place_days) * 1e4) / 1e4;
    case CLAIM_MEAN_WAIT_DAYS:
        return round(f->mean_wait_days * 100) / 100;
    default: /* can't happen: every figure has its case above */
        LOGIS_ASSERT(!"a plan figure without its case");
        return NAN;
    }
}

const char *const replan_count_names[REPLAN_COUNT_KINDS] = {
    "kept", "moved", "newly_housed", "no_longer_housed", "missing_from_scenario"};

replan_counts plan_count_changes(const logis_plan *plan)
{
    replan_counts n = {.now = plan->replan.now, .notice_days = plan->replan.notice_days};
    for (int i = 0; i < plan->change_count; i++) {
        const plan_change *c = &plan->changes[i];
        bool to = c->to_dwelling >= 0;
        n.missing += idmap_get(&plan->scenario->household_ids, c->household) < 0;
        n.newly_housed += to && !c->from_dwelling;
        n.moved += to && c->from_dwelling;
        n.no_longer_housed += !to && c->from_dwelling;
    }
    n.kept = plan->stay_count - n.newly_housed - n.moved;
    return n;
}

void replan_counts_list(const replan_counts *n, int list[REPLAN_COUNT_KINDS])
{
    list[REPLAN_KEPT] = n->kept;
    list[REPLAN_MOVED] = n->moved;
    list[REPLAN_NEWLY_HOUSED] = n->newly_housed;
    list[REPLAN_NO_LONGER_HOUSED] = n->no_longer_housed;
    list[REPLAN_MISSING] = n->missing;
}
