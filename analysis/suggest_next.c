/* logis suggest's next steps when no place is free on a household's dates: how long it would
 * have to wait for one, and what is in the way, counted by kind rather than listed. */
#include "analysis/suggest_next.h"

#include "analysis/explain.h"
#include "analysis/obstacles.h"
#include "analysis/suggest.h"
#include "domain/ledger.h"
#include "domain/rules.h"

/* The best place free on start, into *best; false when none is. */
static bool best_free_on(answer *a, const ledger *l, day_t start, spot *best, bool *failed)
{
    bool found = false;
    for (int d = 0; d < a->s->dwelling_count && !*failed; d++) {
        spot p;
        if (!ledger_allows(l, a->index, d, start))
            continue;
        *failed = !spot_figures(a->s, &a->stays, a->h, d, start, &p);
        if (!*failed && (!found || compare_spots(&p, best, (void *)a->s) < 0))
            *best = p;
        found = found || !*failed;
    }
    return found;
}

/* Scans the grid's dates from the arrival on; the work limit bounds a horizon of centuries. */
static bool find_earliest_free(answer *a, spot *best, bool *found)
{
    const logis_scenario *s = a->s;
    ledger l;
    if (!stay_list_ledger(s, &a->stays, &l))
        return false;
    bool failed = false;
    long work = 0;
    *found = false;
    for (day_t start = a->h->arrival; start < s->horizon_end && !*found && !failed &&
                                      work < SUGGEST_WORK_MAX;
         start += s->rules.start_step_days) {
        work += s->dwelling_count;
        if (start >= s->earliest_start && start >= s->horizon_start)
            *found = best_free_on(a, &l, start, best, &failed);
    }
    ledger_free(&l);
    return !failed;
}

bool write_earliest_free_place(answer *a)
{
    spot best;
    bool found = false;
    if (!find_earliest_free(a, &best, &found))
        return false;
    if (!a->text) {
        if (found)
            add_spot_members(&a->b, json_add_object(&a->b, a->root, "earliest_free"), a->s,
                             &best);
        else
            json_add(&a->b, a->root, "earliest_free", json_new_null());
        return true;
    }
    char day[DATE_TEXT_SIZE];
    if (!found) {
        fprintf(a->text, "Without moving anyone, no date of its grid before the horizon's end "
                         "(%s) has a free place.\n", date_text(a->s->horizon_end, day));
        return true;
    }
    fprintf(a->text, "Without moving anyone, the earliest move-in with a free place is %s, a "
                     "wait of %d day%s:\n  ", date_text(best.start, day), best.wait_days,
            best.wait_days == 1 ? "" : "s");
    write_spot_words(a->text, a->s, &best);
    fputc('\n', a->text);
    return true;
}

/* Per kind of obstacle, the dwellings that fit where it stands on some move-in date. */
typedef struct {
    int fit, held, unavailable, caseload, quota;
} obstacle_counts;

static bool count_dwelling(answer *a, int d, const day_t *starts, int count, obstacle_counts *c)
{
    bool held = false, unavailable = false, team_full = false, quota_full = false;
    for (int k = 0; k < count; k++) {
        obstacles why;
        if (!find_obstacles(a->s, &a->stays, a->h, d, starts[k], &why))
            return false;
        held = held || why.holder_count > 0;
        unavailable = unavailable || why.outside_availability;
        team_full = team_full || why.caseload_full;
        quota_full = quota_full || why.quota_full;
    }
    c->fit++;
    c->held += held;
    c->unavailable += unavailable;
    c->caseload += team_full;
    c->quota += quota_full;
    return true;
}

static void write_count(answer *a, int count, const char *words)
{
    if (count)
        fprintf(a->text, "  %d %s\n", count, words);
}

bool write_obstacle_summary(answer *a, const day_t *starts, int count)
{
    if (!a->text)
        return write_obstacles_by_dwelling(a, starts, count);
    obstacle_counts c = {0};
    for (int d = 0; d < a->s->dwelling_count && count > 0; d++)
        if (rule_fit(a->h, &a->s->dwellings[d]) == FIT_OK && !count_dwelling(a, d, starts, count,
                                                                             &c))
            return false;
    if (c.fit == 0)
        return true;
    fprintf(a->text, "What is in the way on its move-in dates, in the %d dwelling%s that fit%s "
                     "(--json lists each):\n", c.fit, c.fit == 1 ? "" : "s",
            c.fit == 1 ? "s" : "");
    write_count(a, c.held, "held by other households");
    write_count(a, c.unavailable, "not available then");
    write_count(a, c.caseload, "in a territory whose team's caseload is full");
    write_count(a, c.quota, "in a territory whose quota is full");
    return true;
}
