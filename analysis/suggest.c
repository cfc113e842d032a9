/* logis suggest: where one more household could go in a plan. First the places free without
 * moving anyone; when there is none, the best place that moves the fewest other households,
 * found by a bounded exact search that tries moving one household, then two. */
#include "analysis/suggest.h"

#include "base/diag.h"
#include "analysis/explain.h"
#include "analysis/obstacles.h"
#include "analysis/suggest_next.h"
#include "domain/left_out.h"
#include "formats/scenario_json.h"
#include "domain/rules.h"
#include "domain/verify.h"

#include <stdlib.h>
#include <string.h>

/* A household of the plan that leaves its stay for another place. */
typedef struct {
    int household;
    stay from;
    int dwelling;
    day_t start;
} move;

enum { IN_THE_WAY_KEPT = 3 }; /* more than a search of two moves (and the mover) can clear */

/* Who is in the way of one of a household's places in the plan as it is: the first households,
 * how many in all, and whether the obstacle is soft (a shared dwelling or a caseload, where
 * moving some of them out may be enough). */
typedef struct {
    int households[IN_THE_WAY_KEPT];
    int count;
    bool soft;
} in_the_way;

/* A household's places, best first, and who is in the way of each; made when first needed. */
typedef struct {
    bool made;
    spot_list spots;
    in_the_way *blocked; /* per spot */
} household_places;

/* The search for a place that moves others. The scenario is the plan's with the newcomer
 * last; every place is checked against the ledger of a trial's stays (rules 2-6); what is in
 * the way in the plan as it is only tells which trials cannot work, to skip them. */
typedef struct {
    const logis_scenario *s;
    const stay_list *plan_stays;
    int newcomer;
    bool *fixed;  /* per household: it has a fixed stay, which nothing moves (rule 7) */
    bool *moved;  /* per household: moved out in the trial being tried */
    int *stay_of; /* per household: the index of its stay in the plan, or -1 */
    household_places *places; /* per household */
    move moves[SUGGEST_MOVES_MAX];
    int move_count;
    stay_list found; /* the stays of the answer, newcomer included, once one is found */
    long work;       /* bookings and checks so far */
    bool cut_short, out_of_memory;
} search;

static bool search_stops(search *x)
{
    x->cut_short = x->cut_short || x->work > SUGGEST_WORK_MAX;
    return x->cut_short || x->out_of_memory;
}

static bool trial_ledger(search *x, const stay_list *stays, ledger *l)
{
    x->work += stays->count + 1;
    x->out_of_memory = x->out_of_memory || !stay_list_ledger(x->s, stays, l);
    return !x->out_of_memory;
}

static bool trial_allows(search *x, const ledger *l, int h, const spot *p)
{
    x->work++;
    return ledger_allows(l, h, p->dwelling, p->start);
}

/* Every place that fits household h on its grid, within the horizon and availability, best
 * first (earliest move-in, fewest empty places). False when out of memory. */
static bool places_of(const logis_scenario *s, int h, spot_list *out)
{
    const household *hh = &s->households[h];
    stay_list nobody = {0};
    day_t *starts = malloc((size_t)rule_max_starts(s) * sizeof *starts);
    bool ok = starts != NULL;
    int count = ok ? rule_grid_starts(s, hh, starts) : 0;
    for (int k = 0; ok && k < count; k++)
        for (int d = 0; ok && d < s->dwelling_count; d++) {
            const dwelling *dw = &s->dwellings[d];
            spot p;
            if (rule_fit(hh, dw) != FIT_OK ||
                !rule_dates_in_dwelling(s, dw, starts[k], rule_stay_end(s, hh, dw, starts[k])))
                continue;
            ok = spot_figures(s, &nobody, hh, d, starts[k], &p) && spot_list_add(out, &p);
        }
    if (ok && out->count > 1) /* qsort_r wants items even for none */
        qsort_r(out->items, (size_t)out->count, sizeof *out->items, compare_spots,
                (void *)s);
    free(starts);
    return ok;
}

/* Who is in the way of each of the places, in the plan as it is. */
static bool note_who_is_in_the_way(search *x, int h, household_places *hp)
{
    const logis_scenario *s = x->s;
    bool *flags = calloc((size_t)x->plan_stays->count + 1, sizeof *flags);
    hp->blocked = calloc((size_t)hp->spots.count + 1, sizeof *hp->blocked);
    bool ok = flags && hp->blocked;
    for (int i = 0; ok && i < hp->spots.count; i++) {
        const spot *p = &hp->spots.items[i];
        const dwelling *dw = &s->dwellings[p->dwelling];
        in_the_way *b = &hp->blocked[i];
        ok = mark_stays_in_the_way(s, x->plan_stays, &s->households[h], p->dwelling, p->start,
                                   flags) >= 0;
        b->soft = dw->shared || s->territories[dw->territory].caseload != NO_CASELOAD;
        for (int k = 0; ok && k < x->plan_stays->count; k++)
            if (flags[k] && b->count++ < IN_THE_WAY_KEPT)
                b->households[b->count - 1] = x->plan_stays->items[k].household;
    }
    free(flags);
    return ok;
}

/* Household h's places and who is in their way; NULL when out of memory. */
static const household_places *places_for(search *x, int h)
{
    household_places *hp = &x->places[h];
    if (!hp->made && places_of(x->s, h, &hp->spots) && note_who_is_in_the_way(x, h, hp))
        hp->made = true;
    x->out_of_memory = x->out_of_memory || !hp->made;
    return hp->made ? hp : NULL;
}

static bool is_stay_left(const search *x, int h, const spot *p)
{
    if (!x->moved[h])
        return false;
    const stay *from = &x->plan_stays->items[x->stay_of[h]];
    return from->dwelling == p->dwelling && from->start == p->start;
}

/* Could place i of h be free once the households moved out so far are gone? False only when
 * that is certain: a hard obstacle held by a household still in place, or the stay it left
 * (others may have moved in since, so only the ledger says when it is free). */
static bool may_be_free(const search *x, int h, const household_places *hp, int i)
{
    const in_the_way *b = &hp->blocked[i];
    if (is_stay_left(x, h, &hp->spots.items[i]))
        return false;
    if (b->count == 0 || b->soft)
        return true;
    if (b->count > IN_THE_WAY_KEPT)
        return false;
    for (int k = 0; k < b->count; k++)
        if (b->households[k] != h && !x->moved[b->households[k]])
            return false;
    return true;
}

/* Has every pending household some place that may be free? */
static bool all_may_find_a_place(search *x, const int *pending, int count)
{
    for (int k = 0; k < count; k++) {
        const household_places *hp = places_for(x, pending[k]);
        bool some = false;
        for (int i = 0; hp && !some && i < hp->spots.count; i++)
            some = may_be_free(x, pending[k], hp, i);
        if (!some)
            return false;
    }
    return true;
}

static bool place_pending(search *x, const stay_list *stays, const ledger *given,
                          const int *pending, int count, int budget);

/* Household h takes place p in a copy of stays; the pending households are then placed.
 * given, when not NULL, is the ledger of stays with h at p. */
static bool settle(search *x, const stay_list *stays, int h, const spot *p, const ledger *given,
                   const int *pending, int count, int budget)
{
    stay_list trial;
    if (!stay_list_copy(&trial, stays->items, stays->count) ||
        !stay_list_add(x->s, &trial, h, p->dwelling, p->start)) {
        x->out_of_memory = true;
        stay_list_free(&trial);
        return false;
    }
    if (h != x->newcomer) {
        const stay *from = &x->plan_stays->items[x->stay_of[h]];
        x->moves[x->move_count++] = (move){h, *from, p->dwelling, p->start};
    }
    bool placed = count == 0 ? stay_list_copy(&x->found, trial.items, trial.count)
                             : place_pending(x, &trial, given, pending, count, budget);
    x->out_of_memory = x->out_of_memory || (count == 0 && !placed);
    if (!placed && h != x->newcomer)
        x->move_count--;
    stay_list_free(&trial);
    return placed;
}

/* Household h takes its place i once one or two households in its way (as many as the budget
 * allows) move out; they join the pending households, to be placed elsewhere. */
static bool make_room(search *x, const stay_list *stays, int h, int i, const int *pending,
                      int count, int budget);

/* Where a household may go in a trial: free, taken by others, or the stay it left. */
typedef enum { PLACE_FREE, PLACE_TAKEN, PLACE_LEFT } place_state;

/* Places pending[0] (a household moved out) on a free place, best first, then the rest; with
 * budget left, it may also take a place by moving one more household out of its way. given,
 * when not NULL, is the ledger of stays. */
static bool place_pending(search *x, const stay_list *stays, const ledger *given,
                          const int *pending, int count, int budget)
{
    int h = pending[0];
    const household_places *hp = places_for(x, h);
    ledger own;
    bool built = false, placed = false;
    if (!hp || (budget == 0 && !all_may_find_a_place(x, pending, count)))
        return false;
    if (!given && !(built = trial_ledger(x, stays, &own)))
        return false;
    const ledger *l = given ? given : &own;
    place_state *state = calloc((size_t)hp->spots.count + 1, sizeof *state);
    x->out_of_memory = x->out_of_memory || !state;
    for (int i = 0; state && !placed && i < hp->spots.count && !search_stops(x); i++) {
        const spot *p = &hp->spots.items[i];
        state[i] = is_stay_left(x, h, p)                                        ? PLACE_LEFT
                   : !may_be_free(x, h, hp, i) || !trial_allows(x, l, h, p) ? PLACE_TAKEN
                                                                              : PLACE_FREE;
        if (state[i] == PLACE_FREE)
            placed = settle(x, stays, h, p, NULL, pending + 1, count - 1, budget);
    }
    for (int i = 0; state && budget > 0 && !placed && i < hp->spots.count && !search_stops(x);
         i++)
        if (state[i] == PLACE_TAKEN)
            placed = make_room(x, stays, h, i, pending + 1, count - 1, budget);
    free(state);
    if (built)
        ledger_free(&own);
    return placed;
}

/* Stays in the way of h at p that may move: not fixed, not the newcomer, not moved already. */
static int movable_in_the_way(search *x, const stay_list *stays, int h, const spot *p,
                              int *out)
{
    bool *blocking = calloc((size_t)stays->count + 1, sizeof *blocking);
    int n = 0;
    if (!blocking ||
        mark_stays_in_the_way(x->s, stays, &x->s->households[h], p->dwelling, p->start,
                              blocking) < 0) {
        x->out_of_memory = true;
        free(blocking);
        return 0;
    }
    for (int i = 0; i < stays->count; i++) {
        int other = stays->items[i].household;
        if (blocking[i] && !x->fixed[other] && other != x->newcomer && !x->moved[other])
            out[n++] = i;
    }
    free(blocking);
    return n;
}

/* In a copy of stays without the stays at gone[] (in increasing order), h takes p if the
 * ledger allows it, and the pending households are placed with what is left of the budget. */
static bool check_and_settle(search *x, const stay_list *stays, int h, const spot *p,
                             const int *gone, int gone_count, const int *pending, int count,
                             int budget)
{
    stay_list trial;
    ledger l;
    bool placed = false;
    if (!stay_list_copy(&trial, stays->items, stays->count)) {
        x->out_of_memory = true;
        return false;
    }
    for (int k = gone_count - 1; k >= 0; k--)
        stay_list_remove(&trial, gone[k]);
    if (trial_ledger(x, &trial, &l)) {
        bool fits = trial_allows(x, &l, h, p);
        if (fits && !ledger_book(&l, h, p->dwelling, p->start))
            x->out_of_memory = true;
        else if (fits)
            placed = settle(x, &trial, h, p, &l, pending, count, budget);
        ledger_free(&l);
    }
    stay_list_free(&trial);
    return placed;
}

/* Moves the stays at gone[] (one or two, increasing) out of stays so that h may take its place
 * i; they join the pending households. Trials that cannot work are skipped unchecked. */
static bool move_out_and_settle(search *x, const stay_list *stays, int h, int i,
                                const int *pending, int count, int budget, const int *gone,
                                int gone_count)
{
    int waiting[SUGGEST_MOVES_MAX + 2], waiting_count = 0;
    const household_places *hp = &x->places[h];
    for (int k = 0; k < count; k++)
        waiting[waiting_count++] = pending[k];
    for (int k = 0; k < gone_count; k++) {
        waiting[waiting_count++] = stays->items[gone[k]].household;
        x->moved[stays->items[gone[k]].household] = true;
    }
    int left = budget - gone_count;
    bool placed = false;
    if (may_be_free(x, h, hp, i) && (left > 0 || all_may_find_a_place(x, waiting,
                                                                      waiting_count)))
        placed = check_and_settle(x, stays, h, &hp->spots.items[i], gone, gone_count, waiting,
                                  waiting_count, left);
    for (int k = 0; k < gone_count; k++)
        x->moved[stays->items[gone[k]].household] = false;
    return placed;
}

static bool make_room(search *x, const stay_list *stays, int h, int i, const int *pending,
                      int count, int budget)
{
    const household_places *hp = places_for(x, h);
    int *movable = malloc(((size_t)stays->count + 1) * sizeof *movable);
    int n = movable && hp ? movable_in_the_way(x, stays, h, &hp->spots.items[i], movable) : 0;
    bool placed = false;
    x->out_of_memory = x->out_of_memory || !movable;
    for (int a = 0; !placed && a < n && !search_stops(x); a++)
        placed = move_out_and_settle(x, stays, h, i, pending, count, budget, &movable[a], 1);
    for (int a = 0; budget >= 2 && !placed && a < n && !search_stops(x); a++)
        for (int b = a + 1; !placed && b < n && !search_stops(x); b++)
            placed = move_out_and_settle(x, stays, h, i, pending, count, budget,
                                         (int[]){movable[a], movable[b]}, 2);
    free(movable);
    return placed;
}

/* The verifier's word on the stays of an answer (rules 1-6, fixed stays as they are): a second
 * opinion, independent of the ledger the search used. -1 when out of memory. */
static long violations_of(const logis_scenario *s, const stay_list *stays)
{
    logis_plan *trial = plan_new(s);
    long violations = trial ? 0 : -1;
    for (int i = 0; trial && violations == 0 && i < stays->count; i++) {
        const stay *st = &stays->items[i];
        violations = plan_add_stay(trial, st->household, st->dwelling, st->start, st->end) ? 0
                                                                                          : -1;
    }
    if (violations == 0)
        violations = plan_check_rules(s, trial, false, NULL, NULL);
    logis_plan_free(trial);
    return violations;
}

/* The best place for the newcomer that moves the fewest households: one, then two. On success
 * *best is that place, figured next to the answer's stays. */
static bool search_with_moves(search *x, spot *best)
{
    const household_places *hp = places_for(x, x->newcomer);
    for (int budget = 1; hp && budget <= SUGGEST_MOVES_MAX; budget++)
        for (int i = 0; i < hp->spots.count && !search_stops(x); i++) {
            if (!make_room(x, x->plan_stays, x->newcomer, i, NULL, 0, budget))
                continue;
            long violations = violations_of(x->s, &x->found);
            x->out_of_memory = violations < 0;
            if (violations != 0) /* never seen: the ledger and the verifier share the rules */
                return false;
            stay_list_remove(&x->found, stay_list_find(&x->found, x->newcomer));
            const spot *p = &hp->spots.items[i];
            x->out_of_memory = !spot_figures(x->s, &x->found, &x->s->households[x->newcomer],
                                             p->dwelling, p->start, best);
            return !x->out_of_memory;
        }
    return false;
}

/* ---- the answer ---- */

static void write_free_places(answer *a, const spot_list *free_places)
{
    enum { SHOWN = 10 };
    if (!a->text) {
        json *list = json_add_array(&a->b, a->root, "placements");
        for (int i = 0; i < free_places->count; i++)
            add_spot_members(&a->b, json_add_object(&a->b, list, NULL), a->s,
                             &free_places->items[i]);
        return;
    }
    if (free_places->count == 0) {
        fputs("No place is free for it without moving someone.\n", a->text);
        return;
    }
    fprintf(a->text, "Places free without moving anyone, earliest move-in then fewest empty "
                     "places first: %d\n", free_places->count);
    for (int i = 0; i < free_places->count && i < SHOWN; i++) {
        fputs("  ", a->text);
        write_spot_words(a->text, a->s, &free_places->items[i]);
        fputc('\n', a->text);
    }
    if (free_places->count > SHOWN)
        fprintf(a->text, "  and %d more (--json lists them all)\n", free_places->count - SHOWN);
}

static void write_move_words(answer *a, const move *m)
{
    char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE];
    date_format(m->from.start, from);
    date_format(m->start, to);
    fprintf(a->text, "  move %s (%d person%s) from %s on %s to %s on %s\n",
            a->s->households[m->household].id, a->s->households[m->household].size,
            a->s->households[m->household].size > 1 ? "s" : "",
            a->s->dwellings[m->from.dwelling].id, from, a->s->dwellings[m->dwelling].id, to);
}

static void add_move_members(answer *a, json *item, const move *m)
{
    json_add_text(&a->b, item, "household", a->s->households[m->household].id);
    json *from = json_add_object(&a->b, item, "from");
    json_add_text(&a->b, from, "dwelling", a->s->dwellings[m->from.dwelling].id);
    json_add_date(&a->b, from, "start", m->from.start);
    json *to = json_add_object(&a->b, item, "to");
    json_add_text(&a->b, to, "dwelling", a->s->dwellings[m->dwelling].id);
    json_add_date(&a->b, to, "start", m->start);
}

static void write_search(answer *a, const search *x, bool found, const spot *best)
{
    if (!a->text) {
        json *outcome = json_add_object(&a->b, a->root, "search");
        json_add_number(&a->b, outcome, "moves_at_most", SUGGEST_MOVES_MAX);
        json_add_bool(&a->b, outcome, "complete", !x->cut_short);
        if (!found)
            return;
        json *with = json_add_object(&a->b, a->root, "with_moves");
        add_spot_members(&a->b, with, a->s, best);
        json *list = json_add_array(&a->b, with, "moves");
        for (int i = 0; i < x->move_count; i++)
            add_move_members(a, json_add_object(&a->b, list, NULL), &x->moves[i]);
        return;
    }
    if (!found) {
        fprintf(a->text, "None can be made by moving up to %d other households%s.\n",
                SUGGEST_MOVES_MAX,
                x->cut_short ? " within the search's work limit (it stopped there)" : "");
        return;
    }
    fprintf(a->text, "Moving %d household%s, the best place is:\n  ", x->move_count,
            x->move_count > 1 ? "s" : "");
    write_spot_words(a->text, a->s, best);
    fputc('\n', a->text);
    for (int i = 0; i < x->move_count; i++)
        write_move_words(a, &x->moves[i]);
}

/* The search for a place that moves others, written as the answer. */
static bool suggest_with_moves(answer *a)
{
    search x = {.s = a->s, .plan_stays = &a->stays, .newcomer = a->index};
    spot best;
    size_t households = (size_t)a->s->household_count + 1;
    x.fixed = calloc(households, sizeof *x.fixed);
    x.moved = calloc(households, sizeof *x.moved);
    x.places = calloc(households, sizeof *x.places);
    x.stay_of = malloc(households * sizeof *x.stay_of);
    bool ok = x.fixed && x.moved && x.places && x.stay_of;
    for (int f = 0; ok && f < a->s->fixed_count; f++)
        x.fixed[a->s->fixed[f].household] = true;
    for (int h = 0; ok && h < a->s->household_count; h++)
        x.stay_of[h] = -1;
    for (int i = 0; ok && i < a->stays.count; i++)
        x.stay_of[a->stays.items[i].household] = i;
    bool found = ok && search_with_moves(&x, &best);
    ok = ok && !x.out_of_memory;
    if (ok)
        write_search(a, &x, found, &best);
    for (int h = 0; x.places && h < a->s->household_count; h++) {
        free(x.places[h].spots.items);
        free(x.places[h].blocked);
    }
    stay_list_free(&x.found);
    free(x.stay_of);
    free(x.places);
    free(x.moved);
    free(x.fixed);
    return ok;
}

/* When no place is free on its dates: the no_fit or no_date reason, or the search that moves
 * others; then, but for no_fit, the wait for a free place; then what is in the way (starts:
 * room for its grid), the answer coming before the reasons for it. */
static bool suggest_without_free_place(answer *a, day_t *starts)
{
    char reason[400] = "";
    left_out_code code = explain_left_out(a->s, a->index, reason, sizeof reason);
    if (code != LEFT_CAPACITY && a->text)
        fprintf(a->text, "Why: %s.\n", reason);
    else if (code != LEFT_CAPACITY)
        json_add_text(&a->b, a->root, "reason", reason);
    bool ok = code != LEFT_CAPACITY || suggest_with_moves(a);
    if (ok && code != LEFT_NO_FIT)
        ok = write_earliest_free_place(a);
    if (ok && code == LEFT_CAPACITY)
        ok = write_obstacle_summary(a, starts, rule_grid_starts(a->s, a->h, starts));
    return ok;
}

/* The places free for the newcomer next to the plan's stays, best first. */
static bool free_places_of(answer *a, spot_list *out)
{
    spot_list places = {0};
    ledger l;
    bool ready = stay_list_ledger(a->s, &a->stays, &l);
    bool ok = ready && places_of(a->s, a->index, &places);
    for (int i = 0; ok && i < places.count; i++)
        if (ledger_allows(&l, a->index, places.items[i].dwelling, places.items[i].start))
            ok = spot_figures(a->s, &a->stays, a->h, places.items[i].dwelling,
                              places.items[i].start, &places.items[i]) &&
                 spot_list_add(out, &places.items[i]);
    if (ok && out->count > 1) /* qsort_r wants items even for none */
        qsort_r(out->items, (size_t)out->count, sizeof *out->items, compare_spots,
                (void *)a->s);
    if (ready)
        ledger_free(&l);
    free(places.items);
    return ok;
}

static bool suggest_answer(answer *a)
{
    spot_list free_places = {0};
    day_t *starts = malloc((size_t)rule_max_starts(a->s) * sizeof *starts);
    bool ok = starts && free_places_of(a, &free_places);
    if (ok && a->text) {
        fprintf(a->text, "%s (not in the plan): ", a->h->id);
        write_household_words(a->text, a->s, a->h);
        fputs(".\n", a->text);
    } else if (ok) {
        add_household_members(&a->b, a->root, a->s, a->h);
    }
    if (ok) {
        write_move_in_dates(a, starts, rule_grid_starts(a->s, a->h, starts));
        write_fit_summary(a);
        write_free_places(a, &free_places);
    }
    if (ok && free_places.count == 0)
        ok = suggest_without_free_place(a, starts);
    free(free_places.items);
    free(starts);
    return ok;
}

/* The scenario with room for one more household, last; the others are borrowed. */
/* The scenario with room for one more household, as of the plan's re-plan date if it has one
 * (nothing moves in before it). */
static bool extend_scenario(const logis_scenario *s, const logis_plan *plan,
                            logis_scenario *extended)
{
    *extended = *s;
    extended->earliest_start = plan->replanned ? plan->replan.now : s->earliest_start;
    extended->households = calloc((size_t)s->household_count + 1, sizeof *extended->households);
    if (!extended->households)
        return false;
    if (s->household_count > 0)
        memcpy(extended->households, s->households,
               (size_t)s->household_count * sizeof *s->households);
    extended->household_count = s->household_count + 1;
    return true;
}

static void release_extension(const logis_scenario *s, logis_scenario *extended)
{
    if (extended->households)
        household_release(&extended->households[s->household_count]);
    for (int i = s->feature_count; i < extended->feature_count; i++)
        free(extended->features[i]);
    free(extended->households);
}

/* The answer for the household read into extended, last. */
static logis_status suggest_for(const logis_scenario *extended, const logis_plan *plan,
                                int json_output, char **out)
{
    answer a;
    bool ok = answer_begin(&a, extended, plan, extended->household_count - 1, json_output);
    ok = ok && suggest_answer(&a);
    *out = answer_finish(&a, ok);
    return *out ? LOGIS_OK : LOGIS_E_NOMEM;
}

logis_status logis_suggest(const logis_scenario *s, const logis_plan *plan,
                           const char *household_path, int json_output, char **out,
                           logis_diagnostics *diags)
{
    logis_diagnostics *own = diags ? NULL : logis_diagnostics_new();
    logis_diagnostics *messages = diags ? diags : own;
    logis_scenario extended;
    logis_status status = LOGIS_E_NOMEM;
    size_t errors_before = logis_diagnostics_errors(messages);
    *out = NULL;
    if (extend_scenario(s, plan, &extended) && messages)
        status = scenario_read_household(&extended, s->household_count, household_path,
                                         messages);
    if (status == LOGIS_OK)
        status = explain_check_plan(s, plan, messages);
    if (status == LOGIS_OK)
        status = suggest_for(&extended, plan, json_output, out);
    /* the extension and the answer failing said nothing: LOGIS_E_NOMEM comes with a message */
    if (status == LOGIS_E_NOMEM)
        diag_out_of_memory(messages, errors_before, NULL);
    release_extension(s, &extended);
    logis_diagnostics_free(own);
    return status;
}
