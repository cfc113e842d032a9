/* Spreading logis need's new dwellings by demand: the MIP proves how few dwellings suffice; the
 * territory of each is a tie, broken here towards where the households they house can go. */
#include "solver/spread.h"

#include "domain/rules.h"
#include "domain/verify.h"

#include <stdlib.h>

/* Why after the solve: level 1 of the MIP counts dwellings, not where they are. A dwelling of a
 * kind serves its households as well in any territory they all accept, so the solver breaks
 * that tie by index (on the FAAR sample half the dwellings went to T01, the first territory,
 * though nine households in ten accept any). Demand decides instead: a household housed in a
 * new dwelling counts 1/k in each of the k territories it accepts; per size of dwelling, a
 * territory's target is that size's new dwellings in proportion to its demand, and its overall
 * target the sum over sizes. A dwelling moves, with its stays, to an unused candidate of the
 * same kind in a territory all its households accept (with the same scores there) when that
 * lowers the squared distances between counts and targets, per size and overall, and the
 * verifier still passes the plan (caseloads, quotas, links). Places, dates, leases and scores
 * stay as they were, so every level of the objective keeps its value: the plan is as good as
 * the solver's. Each move lowers the distance, so the search ends. */

typedef struct {
    const logis_scenario *s;
    logis_plan *plan;
    int from, candidates, territories, sizes;
    int *stays_in;  /* per candidate: its stays */
    /* the candidates with stays, which moves swap for unused ones but never add to: per
     * candidate its slot (-1: unused), per slot its candidate, and per slot and territory
     * whether a move there is worth trying (per candidate it would take gigabytes at ×10) */
    int *slot_of, *in_slot, used;
    bool *open_to;
    double *target; /* per size and territory, then overall per territory */
    int *count;     /* as target */
} spread;

static const dwelling *candidate(const spread *sp, int c)
{
    return &sp->s->dwellings[sp->from + c];
}

/* The index of size places (or of the overall counts, for places = sizes) in territory t. */
static int cell(const spread *sp, int places, int t)
{
    return places * sp->territories + t;
}

/* Is moving candidate c (which has stays) to territory t worth trying? */
static bool *worth_trying(const spread *sp, int c, int t)
{
    return &sp->open_to[(size_t)sp->slot_of[c] * (size_t)sp->territories + (size_t)t];
}

static double distance(const spread *sp, int places, int t)
{
    return sp->count[cell(sp, places, t)] - sp->target[cell(sp, places, t)];
}

/* Can every household in candidate c move to territory t without changing its score? */
static void mark_territories(spread *sp)
{
    for (int i = 0; i < sp->plan->stay_count; i++) {
        const stay *st = &sp->plan->stays[i];
        int c = st->dwelling - sp->from;
        if (c < 0)
            continue;
        const household *member = &sp->s->households[st->household];
        int own = candidate(sp, c)->territory;
        for (int t = 0; t < sp->territories; t++)
            *worth_trying(sp, c, t) &= t != own && household_accepts_territory(member, t) &&
                                       rule_score(member, t) == rule_score(member, own);
    }
}

/* Demand per size and territory from the households housed, then the targets. */
static void set_targets(spread *sp, double *demand)
{
    for (int i = 0; i < sp->plan->stay_count; i++) {
        const stay *st = &sp->plan->stays[i];
        if (st->dwelling < sp->from)
            continue;
        const household *member = &sp->s->households[st->household];
        int places = sp->s->dwellings[st->dwelling].places, accepted = 0;
        for (int t = 0; t < sp->territories; t++)
            accepted += household_accepts_territory(member, t);
        for (int t = 0; t < sp->territories && accepted; t++)
            if (household_accepts_territory(member, t))
                demand[cell(sp, places, t)] += 1.0 / accepted;
    }
    for (int p = 0; p < sp->sizes; p++) {
        double wanted = 0, used = 0;
        for (int t = 0; t < sp->territories; t++) {
            wanted += demand[cell(sp, p, t)];
            used += sp->count[cell(sp, p, t)];
        }
        for (int t = 0; t < sp->territories && wanted > 0; t++) {
            sp->target[cell(sp, p, t)] = used * demand[cell(sp, p, t)] / wanted;
            sp->target[cell(sp, sp->sizes, t)] += sp->target[cell(sp, p, t)];
        }
    }
}

static bool spread_init(spread *sp, const logis_scenario *s, int from, logis_plan *plan)
{
    *sp = (spread){.s = s, .plan = plan, .from = from, .candidates = s->dwelling_count - from,
                   .territories = s->territory_count, .sizes = 1};
    for (int c = 0; c < sp->candidates; c++)
        if (candidate(sp, c)->places >= sp->sizes)
            sp->sizes = candidate(sp, c)->places + 1;
    size_t cells = (size_t)(sp->sizes + 1) * (size_t)sp->territories;
    sp->stays_in = calloc((size_t)sp->candidates + 1, sizeof *sp->stays_in);
    sp->slot_of = malloc(((size_t)sp->candidates + 1) * sizeof *sp->slot_of);
    sp->in_slot = malloc(((size_t)plan->stay_count + 1) * sizeof *sp->in_slot);
    sp->open_to = malloc(((size_t)plan->stay_count * (size_t)sp->territories + 1) *
                         sizeof *sp->open_to);
    sp->target = calloc(cells, sizeof *sp->target);
    sp->count = calloc(cells, sizeof *sp->count);
    double *demand = calloc(cells, sizeof *demand);
    bool ok = sp->stays_in && sp->slot_of && sp->in_slot && sp->open_to && sp->target &&
              sp->count && demand;
    for (int i = 0; ok && i < plan->stay_count; i++)
        if (plan->stays[i].dwelling >= from)
            sp->stays_in[plan->stays[i].dwelling - from]++;
    for (int c = 0; ok && c < sp->candidates; c++) {
        sp->slot_of[c] = sp->stays_in[c] ? sp->used : -1;
        if (sp->stays_in[c]) {
            sp->in_slot[sp->used++] = c;
            for (int t = 0; t < sp->territories; t++)
                *worth_trying(sp, c, t) = true;
            sp->count[cell(sp, candidate(sp, c)->places, candidate(sp, c)->territory)]++;
            sp->count[cell(sp, sp->sizes, candidate(sp, c)->territory)]++;
        }
    }
    if (ok) {
        mark_territories(sp);
        set_targets(sp, demand);
    }
    free(demand);
    return ok;
}

static void spread_free(spread *sp)
{
    free(sp->stays_in);
    free(sp->slot_of);
    free(sp->in_slot);
    free(sp->open_to);
    free(sp->target);
    free(sp->count);
}

/* The move that lowers the distance most, into *c and *to; false when none does. Ties go to
 * the lower candidate and territory, so the result does not depend on anything but the plan. */
static bool best_move(const spread *sp, int *c, int *to)
{
    double best = 1e-9;
    bool found = false;
    for (int u = 0; u < sp->used; u++) {
        int k = sp->in_slot[u];
        int places = candidate(sp, k)->places, own = candidate(sp, k)->territory;
        double leaving = distance(sp, places, own) + distance(sp, sp->sizes, own);
        for (int t = 0; t < sp->territories; t++) {
            double gain = leaving - distance(sp, places, t) - distance(sp, sp->sizes, t) - 2;
            bool earlier = found && gain == best && (k < *c || (k == *c && t < *to));
            if (*worth_trying(sp, k, t) && (gain > best || earlier)) {
                best = gain;
                *c = k;
                *to = t;
                found = true;
            }
        }
    }
    return found;
}

/* An unused candidate of c's kind in territory to, or -1. */
static int free_twin(const spread *sp, int c, int to)
{
    const dwelling *d = candidate(sp, c);
    for (int k = 0; k < sp->candidates; k++) {
        const dwelling *e = candidate(sp, k);
        if (!sp->stays_in[k] && e->territory == to && e->places == d->places &&
            e->features == d->features && e->lease == d->lease)
            return k;
    }
    return -1;
}

static void move_stays(spread *sp, int c, int twin)
{
    for (int i = 0; i < sp->plan->stay_count; i++)
        if (sp->plan->stays[i].dwelling == sp->from + c)
            sp->plan->stays[i].dwelling = sp->from + twin;
}

/* Moves c's stays to twin when the plan keeps every rule there: 1 when moved, 0 when not,
 * -1 when out of memory. */
static int try_move(spread *sp, int c, int twin)
{
    move_stays(sp, c, twin);
    logis_diagnostics *found = logis_diagnostics_new();
    long violations = found ? plan_check_rules(sp->s, sp->plan, false, NULL, found) : -1;
    logis_diagnostics_free(found);
    if (violations != 0) {
        move_stays(sp, twin, c);
        return violations < 0 ? -1 : 0;
    }
    int places = candidate(sp, c)->places, own = candidate(sp, c)->territory;
    int to = candidate(sp, twin)->territory;
    sp->slot_of[twin] = sp->slot_of[c]; /* with c's open territories */
    sp->in_slot[sp->slot_of[c]] = twin;
    sp->slot_of[c] = -1;
    *worth_trying(sp, twin, own) = true;
    *worth_trying(sp, twin, to) = false;
    sp->stays_in[twin] = sp->stays_in[c];
    sp->stays_in[c] = 0;
    sp->count[cell(sp, places, own)]--;
    sp->count[cell(sp, sp->sizes, own)]--;
    sp->count[cell(sp, places, to)]++;
    sp->count[cell(sp, sp->sizes, to)]++;
    return 1;
}

bool spread_by_demand(const logis_scenario *s, int candidates_from, logis_plan *plan,
                      const work_limits *limits)
{
    spread sp;
    bool ok = spread_init(&sp, s, candidates_from, plan);
    int c = 0, to = 0;
    while (ok && !work_limits_reached(limits) && best_move(&sp, &c, &to)) {
        int twin = free_twin(&sp, c, to);
        int moved = twin < 0 ? 0 : try_move(&sp, c, twin);
        if (moved == 0)
            *worth_trying(&sp, c, to) = false; /* not there, whatever else moves */
        ok = moved >= 0;
    }
    spread_free(&sp);
    return ok;
}
