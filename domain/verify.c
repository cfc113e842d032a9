/* The verifier: checks any plan, also one edited by hand, against rules 1-9 and against the
 * figures it states, and lists every violation. Independent of how plans are made. */
#include "domain/verify.h"

#include "base/diag.h"
#include "domain/rules.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const logis_scenario *s;
    const logis_plan *plan;
    logis_diagnostics *diags;
    const char *file;
    long violations;
} checker;

static void violation(checker *c, int stay_index, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

static void violation(checker *c, int stay_index, const char *format, ...)
{
    char pointer[48];
    snprintf(pointer, sizeof pointer, "/assignments/%d", stay_index);
    diag_place place = {LOGIS_ERROR, .file = c->file, .pointer = stay_index >= 0 ? pointer : NULL};
    va_list args;
    va_start(args, format);
    diag_vadd(c->diags, &place, format, args);
    va_end(args);
    c->violations++;
}

static const char *date_text(day_t day, char *text)
{
    date_format(day, text);
    return text;
}

static void check_fit(checker *c, int i, const household *h, const dwelling *d)
{
    const char *territory_id = c->s->territories[d->territory].id;
    switch (rule_fit(h, d)) {
    case FIT_OK:
        break;
    case FIT_TOO_SMALL:
        violation(c, i, "rule 2: household %s (size %d) does not fit in dwelling %s (%d places)",
                  h->id, h->size, d->id, d->places);
        break;
    case FIT_MISSING_FEATURE:
        violation(c, i, "rule 2: dwelling %s lacks a need of household %s", d->id, h->id);
        break;
    case FIT_WRONG_TERRITORY:
        violation(c, i, "rule 2: household %s does not accept territory %s", h->id,
                  territory_id);
        break;
    case FIT_NOT_SHARING:
        violation(c, i, "rule 2: household %s may not share, dwelling %s is shared", h->id,
                  d->id);
        break;
    case FIT_WRONG_LEASE:
        violation(c, i, "rule 2: dwelling %s does not have the lease household %s asks for",
                  d->id, h->id);
        break;
    }
}

static bool is_fixed_stay(const logis_scenario *s, const stay *st)
{
    for (int f = 0; f < s->fixed_count; f++)
        if (s->fixed[f].household == st->household && s->fixed[f].dwelling == st->dwelling &&
            s->fixed[f].start == st->start)
            return true;
    return false;
}

/* A stay kept by a re-plan is exempt from the grid and the horizon, so the mark must be true to
 * the plan's own date: "begun" before it, "announced" on or after it and before it + the
 * notice (when the plan states it: older plans do not), and only in a re-plan. */
static void check_kept_by_replan(checker *c, int i, const stay *st, const household *h)
{
    char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE], e[DATE_TEXT_SIZE];
    if (st->kept != KEPT_BEGUN && st->kept != KEPT_ANNOUNCED)
        return;
    const char *mark = st->kept == KEPT_BEGUN ? "begun" : "announced";
    /* a plan read from a file states its date; one being solved has it from its scenario */
    bool replanned = c->plan->replanned || c->s->replan;
    day_t now = c->plan->replanned ? c->plan->replan.now : replanned ? c->s->replan->now : 0;
    int notice = c->plan->replanned ? c->plan->replan.notice_days
                                    : replanned ? c->s->replan->notice_days : -1;
    if (!replanned)
        violation(c, i, "rule 7: the stay of %s from %s is marked as kept (%s) by a re-plan, but "
                  "the plan is not a re-plan (no \"replan\" date)", h->id,
                  date_text(st->start, a), mark);
    else if ((st->kept == KEPT_BEGUN) != (st->start < now))
        violation(c, i, "rule 7: the stay of %s from %s is marked as %s, but the re-plan date is "
                  "%s", h->id, date_text(st->start, a), mark, date_text(now, b));
    else if (st->kept == KEPT_ANNOUNCED && notice >= 0 && (long)st->start >= (long)now + notice)
        violation(c, i, "rule 7: the stay of %s from %s is marked as announced, but the "
                  "re-plan's notice (%d days from %s) ends on %s: only the stays that start "
                  "before are announced", h->id, date_text(st->start, a), notice,
                  date_text(now, b), date_text(now + notice, e));
}

static void check_stay(checker *c, int i, const bool *fixed_household)
{
    const stay *st = &c->plan->stays[i];
    const household *h = &c->s->households[st->household];
    const dwelling *d = &c->s->dwellings[st->dwelling];
    char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];
    check_fit(c, i, h, d);
    day_t end = rule_stay_end(c->s, h, d, st->start);
    if (st->end != end)
        violation(c, i, "rule 4: stay of %s ends %s, the rule gives %s", h->id,
                  date_text(st->end, a), date_text(end, b));
    bool fixed = (fixed_household[st->household] && is_fixed_stay(c->s, st)) ||
                 st->kept == KEPT_BEGUN || st->kept == KEPT_ANNOUNCED;
    if (st->kept == KEPT_GIVEN && !is_fixed_stay(c->s, st))
        violation(c, i, "rule 7: the stay of %s in %s from %s is marked as given but the "
                  "scenario fixes no such stay", h->id, d->id, date_text(st->start, a));
    if (c->plan->replanned && st->start < c->plan->replan.now && st->kept == KEPT_NONE)
        violation(c, i, "rule 3: %s moves in on %s, before the re-plan date %s, in a stay that "
                  "was not kept from the previous plan", h->id, date_text(st->start, a),
                  date_text(c->plan->replan.now, b));
    check_kept_by_replan(c, i, st, h);
    if (fixed && st->start < h->arrival)
        violation(c, i, "rule 3: %s moves in on %s, before its arrival %s", h->id,
                  date_text(st->start, a), date_text(h->arrival, b));
    if (!fixed && !rule_start_on_grid(c->s, h, st->start))
        violation(c, i, "rule 3: %s moves in on %s, not on its grid of dates from its arrival "
                  "%s within the horizon", h->id, date_text(st->start, a),
                  date_text(h->arrival, b));
    if (fixed && !rule_within_availability(d, st->start, end))
        violation(c, i, "rule 3: fixed stay of %s from %s is outside the availability of "
                  "dwelling %s", h->id, date_text(st->start, a), d->id);
    if (!fixed && !rule_dates_in_dwelling(c->s, d, st->start, end))
        violation(c, i, "rule 3: stay of %s from %s is outside the horizon or the availability "
                  "of dwelling %s", h->id, date_text(st->start, a), d->id);
}

static void check_fixed_kept(checker *c)
{
    char a[DATE_TEXT_SIZE];
    for (int f = 0; f < c->s->fixed_count; f++) {
        const fixed_stay *fx = &c->s->fixed[f];
        bool kept = false;
        for (int i = 0; i < c->plan->stay_count && !kept; i++)
            kept = c->plan->stays[i].household == fx->household &&
                   c->plan->stays[i].dwelling == fx->dwelling &&
                   c->plan->stays[i].start == fx->start;
        if (!kept)
            violation(c, -1, "rule 7: the fixed stay of %s in %s from %s is not in the plan",
                      c->s->households[fx->household].id, c->s->dwellings[fx->dwelling].id,
                      date_text(fx->start, a));
    }
}

static int compare_by_dwelling(const void *a, const void *b, void *context)
{
    const stay *stays = context;
    const stay *x = &stays[*(const int *)a], *y = &stays[*(const int *)b];
    if (x->dwelling != y->dwelling)
        return x->dwelling < y->dwelling ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return (*(const int *)a > *(const int *)b) - (*(const int *)a < *(const int *)b);
}

/* A min-heap of the days on which the stays still in a dwelling free their places. */
typedef struct {
    day_t until;
    int size;
} occupant;

static void occupants_push(occupant *heap, int *count, occupant item)
{
    int at = (*count)++;
    for (; at > 0 && heap[(at - 1) / 2].until > item.until; at = (at - 1) / 2)
        heap[at] = heap[(at - 1) / 2];
    heap[at] = item;
}

static occupant occupants_pop(occupant *heap, int *count)
{
    occupant top = heap[0], last = heap[--*count];
    int at = 0;
    for (int child; (child = 2 * at + 1) < *count; at = child) {
        if (child + 1 < *count && heap[child + 1].until < heap[child].until)
            child++;
        if (heap[child].until >= last.until)
            break;
        heap[at] = heap[child];
    }
    heap[at] = last;
    return top;
}

/* The households of order[first..i] still in the dwelling when order[i] moves in, in start
 * order, as far as who holds them. */
static void name_occupants(const checker *c, const dwelling *d, const int *order, int first,
                           int i, char *who, size_t size)
{
    const stay *stays = c->plan->stays;
    who[0] = '\0';
    for (int k = first; k <= i; k++) {
        const stay *other = &stays[order[k]];
        if (rule_occupied_until(c->s, d, other->end) <= stays[order[i]].start)
            continue;
        size_t used = strlen(who);
        if (used >= size - 40)
            return;
        snprintf(who + used, size - used, "%s%s", used ? ", " : "",
                 c->s->households[other->household].id);
    }
}

/* Rule 5 for the stays order[first..last) of one dwelling, sorted by start: a sweep that keeps
 * the stays not yet ended in a heap, so that a plan of many stays in one dwelling takes
 * n log n, not n squared. */
static bool check_dwelling(checker *c, const int *order, int first, int last)
{
    const stay *stays = c->plan->stays;
    const dwelling *d = &c->s->dwellings[stays[order[first]].dwelling];
    char a[DATE_TEXT_SIZE];
    if (d->lease == LEASE_SLIDING && last - first > 1)
        violation(c, order[first + 1], "rule 5: sliding-lease dwelling %s hosts %d households "
                  "(%s and %s)", d->id, last - first,
                  c->s->households[stays[order[first]].household].id,
                  c->s->households[stays[order[first + 1]].household].id);
    if (d->lease == LEASE_SLIDING)
        return true;
    occupant *heap = malloc(((size_t)(last - first) + 1) * sizeof *heap);
    if (!heap)
        return false;
    int count = 0;
    long load = 0;
    for (int i = first; i < last; i++) {
        const stay *st = &stays[order[i]];
        while (count > 0 && heap[0].until <= st->start)
            load -= occupants_pop(heap, &count).size;
        int size = d->shared ? c->s->households[st->household].size : 1;
        occupants_push(heap, &count, (occupant){rule_occupied_until(c->s, d, st->end), size});
        load += size;
        int limit = d->shared ? d->places : 1;
        if (load <= limit)
            continue;
        char who[200] = "";
        if (!diag_full(c->diags)) /* the names cost a pass over the stays: only when shown */
            name_occupants(c, d, order, first, i, who, sizeof who);
        violation(c, order[i], "rule 5: dwelling %s holds %s at once on %s (%ld > %d%s)", d->id,
                  who, date_text(st->start, a), load, limit,
                  d->shared ? " places" : " household");
    }
    free(heap);
    return true;
}

static bool check_occupancy(checker *c)
{
    int n = c->plan->stay_count;
    int *order = malloc(((size_t)n + 1) * sizeof *order);
    if (!order)
        return false;
    for (int i = 0; i < n; i++)
        order[i] = i;
    qsort_r(order, (size_t)n, sizeof *order, compare_by_dwelling, c->plan->stays);
    bool ok = true;
    for (int first = 0, last; ok && first < n; first = last) {
        for (last = first + 1;
             last < n && c->plan->stays[order[last]].dwelling ==
                             c->plan->stays[order[first]].dwelling;
             last++) {
        }
        ok = check_dwelling(c, order, first, last);
    }
    free(order);
    return ok;
}

typedef struct {
    day_t day;
    int delta;
    int territory;
} support_event;

static int compare_events(const void *a, const void *b)
{
    const support_event *x = a, *y = b;
    if (x->territory != y->territory)
        return x->territory < y->territory ? -1 : 1;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    return x->delta - y->delta; /* ends (-1) before starts: intervals are half-open */
}

/* Rule 6, by a sweep over accompaniment starts and ends per territory. */
static bool check_caseload(checker *c)
{
    int n = c->plan->stay_count;
    support_event *events = malloc((2 * (size_t)n + 1) * sizeof *events);
    if (!events)
        return false;
    for (int i = 0; i < n; i++) {
        const stay *st = &c->plan->stays[i];
        int t = c->s->dwellings[st->dwelling].territory;
        events[2 * i] = (support_event){st->start, 1, t};
        events[2 * i + 1] = (support_event){rule_support_end(c->s, st->start), -1, t};
    }
    qsort(events, 2 * (size_t)n, sizeof *events, compare_events);
    int load = 0, reported = -1;
    char a[DATE_TEXT_SIZE];
    for (int i = 0; i < 2 * n; i++) {
        if (i > 0 && events[i].territory != events[i - 1].territory)
            load = 0;
        load += events[i].delta;
        const territory *t = &c->s->territories[events[i].territory];
        if (t->caseload != NO_CASELOAD && load > t->caseload && reported != events[i].territory) {
            violation(c, -1, "rule 6: territory %s accompanies %d households on %s, its "
                      "caseload is %d", t->id, load, date_text(events[i].day, a), t->caseload);
            reported = events[i].territory;
        }
    }
    free(events);
    return true;
}

/* Rule 8: the persons and households moving into a territory within each quota's dates. */
static void check_quota(checker *c, int t, const quota *q)
{
    long persons = 0, households = 0;
    for (int i = 0; i < c->plan->stay_count; i++) {
        const stay *st = &c->plan->stays[i];
        if (c->s->dwellings[st->dwelling].territory == t && rule_in_quota(q, st->start)) {
            persons += c->s->households[st->household].size;
            households++;
        }
    }
    char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];
    const char *id = c->s->territories[t].id;
    if (q->persons != NO_QUOTA && persons > q->persons)
        violation(c, -1, "rule 8: %ld persons move into territory %s from %s until %s, its "
                  "quota is %d", persons, id, date_text(q->from, a), date_text(q->until, b),
                  q->persons);
    if (q->households != NO_QUOTA && households > q->households)
        violation(c, -1, "rule 8: %ld households move into territory %s from %s until %s, its "
                  "quota is %d", households, id, date_text(q->from, a),
                  date_text(q->until, b), q->households);
}

static void check_quotas(checker *c)
{
    for (int t = 0; t < c->s->territory_count; t++)
        for (int k = 0; k < c->s->territories[t].quota_count; k++)
            check_quota(c, t, &c->s->territories[t].quotas[k]);
}

/* Rule 9: linked households in one territory, and (in a whole plan) all housed or none, unless
 * a member's stay is fixed (given, or kept by a re-plan): the others then go to its territory if
 * they can. */
static void check_link(checker *c, const link_group *g, const int *territory_of,
                       const bool *pinned, bool complete)
{
    const logis_scenario *s = c->s;
    int first = -1, housed = 0;
    for (int k = 0; k < g->count; k++) {
        int h = g->members[k];
        complete = complete && !pinned[h];
        if (territory_of[h] < 0)
            continue;
        housed++;
        if (first < 0)
            first = h;
        else if (territory_of[h] != territory_of[first])
            violation(c, -1, "rule 9: linked households %s and %s are housed in different "
                      "territories, %s and %s", s->households[first].id, s->households[h].id,
                      s->territories[territory_of[first]].id,
                      s->territories[territory_of[h]].id);
    }
    if (complete && housed > 0 && housed < g->count)
        violation(c, -1, "rule 9: %d of the %d linked households of %s are housed: all or none",
                  housed, g->count, s->households[first].id);
}

static bool check_links(checker *c, const bool *fixed_household, bool complete)
{
    const logis_scenario *s = c->s;
    int *territory_of = malloc(((size_t)s->household_count + 1) * sizeof *territory_of);
    bool *pinned = malloc(((size_t)s->household_count + 1) * sizeof *pinned);
    bool ok = territory_of && pinned;
    for (int h = 0; ok && h < s->household_count; h++) {
        territory_of[h] = -1;
        pinned[h] = fixed_household[h];
    }
    for (int i = 0; ok && i < c->plan->stay_count; i++) {
        const stay *st = &c->plan->stays[i];
        territory_of[st->household] = s->dwellings[st->dwelling].territory;
        pinned[st->household] |= st->kept != KEPT_NONE;
    }
    for (int l = 0; ok && l < s->link_count; l++)
        check_link(c, &s->links[l], territory_of, pinned, complete);
    free(territory_of);
    free(pinned);
    return ok;
}

/* Rule 1 and completeness: each household housed at most once, and listed exactly once. */
static bool check_households(checker *c, bool complete)
{
    const logis_scenario *s = c->s;
    int *listed = calloc((size_t)s->household_count + 1, sizeof *listed);
    if (!listed)
        return false;
    for (int i = 0; i < c->plan->stay_count; i++)
        if (listed[c->plan->stays[i].household]++)
            violation(c, i, "rule 1: household %s is housed more than once",
                      s->households[c->plan->stays[i].household].id);
    for (int i = 0; complete && i < c->plan->left_count; i++)
        if (listed[c->plan->left[i].household]++)
            violation(c, -1, "household %s is listed as unassigned but also housed or listed "
                      "again", s->households[c->plan->left[i].household].id);
    for (int h = 0; complete && h < s->household_count; h++)
        if (!listed[h])
            violation(c, -1, "household %s is neither in assignments nor in unassigned",
                      s->households[h].id);
    free(listed);
    return true;
}

static bool has_claims(const logis_plan *plan)
{
    for (int k = 0; k < CLAIM_COUNT; k++)
        if (!isnan(plan->claims.values[k]))
            return true;
    return plan->claims.territories != NULL || !isnan(plan->claims.bound) ||
           !isnan(plan->claims.score_bound) || plan->claims.first_level.level >= 0;
}

/* Plans write their gap to six decimals, and the bounds of solver.levels to three. */
static const double GAP_ROUNDING = 5e-7 + 1e-9, LEVEL_ROUNDING = 5e-4 + 1e-9;

static void check_stated(checker *c, int i, const char *name, double stated, double actual)
{
    if (!isnan(stated) && stated != actual)
        violation(c, i, "%s is %.10g in the plan, %.10g by the scenario", name, stated, actual);
}

/* What each assignment states besides its stay: territory, size, places, wait. */
static void check_stay_claims(checker *c)
{
    const stay_claims *claims = c->plan->claims.stays;
    for (int i = 0; claims && i < c->plan->stay_count; i++) {
        const stay *st = &c->plan->stays[i];
        const household *h = &c->s->households[st->household];
        const dwelling *d = &c->s->dwellings[st->dwelling];
        if (claims[i].territory >= 0 && claims[i].territory != d->territory)
            violation(c, i, "territory is %s in the plan, dwelling %s is in %s",
                      c->s->territories[claims[i].territory].id, d->id,
                      c->s->territories[d->territory].id);
        check_stated(c, i, "size", claims[i].size, h->size);
        check_stated(c, i, "places", claims[i].places, d->places);
        check_stated(c, i, "wait_days", claims[i].wait_days, st->start - h->arrival);
    }
}

/* A summary that lists territories lists each of the scenario's once: one left out would hide
 * its figures from the check below. */
static void check_territories_listed(checker *c)
{
    const int *listings = c->plan->claims.territory_listings;
    for (int t = 0; listings && t < c->s->territory_count; t++)
        if (listings[t] == 0)
            violation(c, -1, "summary.territories leaves out territory %s",
                      c->s->territories[t].id);
        else if (listings[t] > 1)
            violation(c, -1, "summary.territories lists territory %s %d times",
                      c->s->territories[t].id, listings[t]);
}

static void check_territory_claims(checker *c, const plan_figures *f)
{
    check_territories_listed(c);
    for (int t = 0; c->plan->claims.territories && t < c->s->territory_count; t++)
        for (int k = 0; k < TERRITORY_CLAIM_COUNT; k++) {
            double claimed = c->plan->claims.territories[t][k];
            double actual = territory_claim_value(&f->territories[t], (territory_claim)k);
            double tolerance = k == TERRITORY_OCCUPANCY ? 1e-4 : 0;
            if (!isnan(claimed) && fabs(claimed - actual) > tolerance + 1e-9)
                violation(c, -1, "summary.territories %s.%s is %.10g in the plan, %.10g by its "
                          "assignments", c->s->territories[t].id, territory_claim_names[k],
                          claimed, actual);
        }
}

/* solver.levels[0] is level 1 of the objective: its value is the plan's, its bound lies on the
 * far side of that value, and it is objective.bound for weighted persons, objective.score_bound
 * for the score. */
static void check_first_level(checker *c, const plan_figures *f)
{
    const level_claim *l = &c->plan->claims.first_level;
    int k = claim_of_level(l->level);
    if (k < 0)
        return;
    double actual = claim_value(f, (claim)k);
    double stated_bound = l->level == LEVEL_PERSONS ? c->plan->claims.bound
                          : l->level == LEVEL_SCORE ? c->plan->claims.score_bound
                                                    : NAN;
    if (!isnan(l->value) && fabs(l->value - actual) > claim_table[k].tolerance + 1e-9)
        violation(c, -1, "solver.levels[0].value is %.10g in the plan, %s.%s is %.10g by its "
                  "assignments", l->value, claim_table[k].section, claim_table[k].name, actual);
    bool maximised = l->level == LEVEL_PERSONS || l->level == LEVEL_SCORE;
    if (isnan(l->bound))
        return;
    if (!isnan(stated_bound) && fabs(l->bound - stated_bound) > LEVEL_ROUNDING)
        violation(c, -1, "solver.levels[0].bound is %.10g in the plan, objective.%s is %.10g: "
                  "level 1's bound is the plan's", l->bound,
                  l->level == LEVEL_PERSONS ? "bound" : "score_bound", stated_bound);
    else if (maximised ? l->bound < actual - LEVEL_ROUNDING : l->bound > actual + LEVEL_ROUNDING)
        violation(c, -1, "solver.levels[0].bound is %.10g in the plan, %s the %.10g %s its "
                  "assignments give", l->bound, maximised ? "below" : "above", actual,
                  claim_table[k].name);
}

/* The score's bound, when stated, holds for the plan's own score, and its gap is the one they
 * make (0 when the bound is not above the score, as the plan writes it). */
static void check_score_bound(checker *c, const plan_figures *f)
{
    double bound = c->plan->claims.score_bound, gap = c->plan->claims.score_gap;
    double score = claim_value(f, CLAIM_SCORE);
    if (isnan(bound))
        return;
    double expected = bound > 0 && bound > score ? (bound - score) / bound : 0.0;
    if (bound < score - LEVEL_ROUNDING)
        violation(c, -1, "objective.score_bound is %.10g in the plan, below the score %.10g its "
                  "assignments give", bound, score);
    else if (!isnan(gap) && fabs(gap - expected) > GAP_ROUNDING + 1e-6)
        violation(c, -1, "objective.score_gap is %.10g in the plan, (score_bound - score) / "
                  "score_bound is %.6f", gap, expected);
}

/* The bound a plan states holds for the plan itself, and its gap is the one they make. */
static void check_bound_claims(checker *c, const plan_figures *f)
{
    /* a plan being made states its bound in the model's units (a forecast's weights): only
     * what a file states is checked */
    double bound = c->plan->claims.bound, gap = c->plan->claims.gap;
    double value = (double)f->weighted_persons_housed;
    if (c->plan->outcome == LOGIS_INFEASIBLE)
        return;
    double expected = !isnan(bound) && bound > 0 ? (bound - value) / bound : 0.0;
    if (!isnan(bound) && bound < value) /* then no gap to check against a bound that is none */
        violation(c, -1, "objective.bound is %.10g in the plan, below the %.10g weighted persons "
                  "its assignments house", bound, value);
    else if (!isnan(bound) && !isnan(gap) && fabs(gap - expected) > GAP_ROUNDING)
        violation(c, -1, "objective.gap is %.10g in the plan, (bound - value) / bound is %.6f",
                  gap, expected);
    check_score_bound(c, f);
    check_first_level(c, f);
}

/* An infeasible plan houses no one: its fixed stays break the rules, and nothing was planned. */
static void check_status_claim(checker *c)
{
    if (c->plan->outcome == LOGIS_INFEASIBLE && c->plan->stay_count > 0)
        violation(c, -1, "status is \"infeasible\" in the plan, but its assignments house %d "
                  "household%s: an infeasible plan houses no one", c->plan->stay_count,
                  c->plan->stay_count > 1 ? "s" : "");
}

/* Where a change says a household goes ("to") is where the assignments put it, or nowhere. */
static void check_change(checker *c, int i, const int *stay_of)
{
    const plan_change *change = &c->plan->changes[i];
    int h = idmap_get(&c->s->household_ids, change->household);
    const stay *st = h >= 0 && stay_of[h] >= 0 ? &c->plan->stays[stay_of[h]] : NULL;
    char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];
    if (change->to_dwelling < 0 && st)
        violation(c, -1, "changes[%d] says household %s is housed nowhere now, its assignments "
                  "house it in %s from %s", i, change->household,
                  c->s->dwellings[st->dwelling].id, date_text(st->start, a));
    else if (change->to_dwelling >= 0 && !st)
        violation(c, -1, "changes[%d] says household %s goes to %s from %s, its assignments do "
                  "not house it", i, change->household,
                  c->s->dwellings[change->to_dwelling].id, date_text(change->to_start, a));
    else if (st && (st->dwelling != change->to_dwelling || st->start != change->to_start))
        violation(c, -1, "changes[%d] says household %s goes to %s from %s, its assignments "
                  "house it in %s from %s", i, change->household,
                  c->s->dwellings[change->to_dwelling].id, date_text(change->to_start, a),
                  c->s->dwellings[st->dwelling].id, date_text(st->start, b));
}

/* A re-plan's counts are what its changes and stays give: stated, they were read as they are
 * (a count of -1 or 1.5 is no count of households). */
static bool check_replan_claims(checker *c)
{
    const logis_plan *plan = c->plan;
    int *stay_of = plan_stay_index(plan, c->s->household_count);
    if (!stay_of)
        return false;
    for (int i = 0; i < plan->change_count; i++)
        check_change(c, i, stay_of);
    free(stay_of);
    replan_counts counted = plan_count_changes(plan);
    int counts[REPLAN_COUNT_KINDS];
    replan_counts_list(&counted, counts);
    for (int k = 0; k < REPLAN_COUNT_KINDS; k++)
        if (!isnan(plan->claims.replan[k]) && plan->claims.replan[k] != counts[k])
            violation(c, -1, "replan.%s is %.10g in the plan, %d by its changes and assignments",
                      replan_count_names[k], plan->claims.replan[k], counts[k]);
    return true;
}

/* Each figure the plan states must be the one its assignments give. */
static void check_claims(checker *c, const plan_figures *f)
{
    for (int k = 0; k < CLAIM_COUNT; k++) {
        double claimed = c->plan->claims.values[k], actual = claim_value(f, (claim)k);
        if (!isnan(claimed) && fabs(claimed - actual) > claim_table[k].tolerance + 1e-9)
            violation(c, -1, "%s.%s is %.10g in the plan, %.10g by its assignments",
                      claim_table[k].section, claim_table[k].name, claimed, actual);
    }
    check_territory_claims(c, f);
}

long plan_check_rules(const logis_scenario *s, const logis_plan *plan, bool complete,
                      const char *file, logis_diagnostics *diags)
{
    checker c = {s, plan, diags, file ? file : "plan", 0};
    bool *fixed_household = calloc((size_t)s->household_count + 1, sizeof *fixed_household);
    plan_figures figures = {0};
    long result = -1;
    if (!fixed_household)
        goto done;
    for (int f = 0; f < s->fixed_count; f++)
        fixed_household[s->fixed[f].household] = true;
    if (!check_households(&c, complete))
        goto done;
    for (int i = 0; i < plan->stay_count; i++)
        check_stay(&c, i, fixed_household);
    if (complete)
        check_fixed_kept(&c);
    if (!check_occupancy(&c) || !check_caseload(&c))
        goto done;
    check_quotas(&c);
    if (!check_links(&c, fixed_household, complete))
        goto done;
    if (complete) {
        check_stay_claims(&c);
        check_status_claim(&c);
    }
    if (complete && plan->replanned && !check_replan_claims(&c))
        goto done;
    if (complete && has_claims(plan)) {
        if (!plan_figures_compute(plan, &figures))
            goto done;
        check_bound_claims(&c, &figures);
        check_claims(&c, &figures);
    }
    result = c.violations;
done:
    plan_figures_free(&figures);
    free(fixed_household);
    return result;
}

/* A violation of the fixed stays' plan, located in the scenario: its assignment i is the
 * scenario's fixed stay i. */
static void add_at_fixed_stay(const logis_scenario *s, const logis_diagnostic *d,
                              logis_diagnostics *diags)
{
    const char *prefix = "/assignments/";
    char pointer[64] = "/fixed";
    if (d->pointer && strncmp(d->pointer, prefix, strlen(prefix)) == 0)
        snprintf(pointer, sizeof pointer, "/fixed/%s", d->pointer + strlen(prefix));
    diag_add(diags, LOGIS_ERROR, s->path, 0, 0, pointer, "%s", d->message);
}

long logis_scenario_check_fixed(const logis_scenario *s, logis_diagnostics *diags)
{
    logis_plan *fixed = plan_new(s);
    bool ok = fixed != NULL;
    for (int f = 0; ok && f < s->fixed_count; f++) {
        const fixed_stay *fx = &s->fixed[f];
        ok = plan_add_stay(fixed, fx->household, fx->dwelling, fx->start,
                           rule_stay_end(s, &s->households[fx->household],
                                         &s->dwellings[fx->dwelling], fx->start));
    }
    logis_diagnostics *found = ok ? logis_diagnostics_new() : NULL;
    long violations = found ? plan_check_rules(s, fixed, false, "fixed", found) : -1;
    for (size_t i = 0; violations > 0 && i < logis_diagnostics_count(found); i++)
        add_at_fixed_stay(s, logis_diagnostics_get(found, i), diags);
    logis_diagnostics_free(found);
    logis_plan_free(fixed);
    return violations;
}

long logis_plan_verify(const logis_scenario *s, const logis_plan *plan,
                       logis_diagnostics *diags)
{
    return plan_check_rules(s, plan, true, plan->source, diags);
}
