/* Texts for people: the summary of a plan printed after `logis plan`, and the description of a
 * scenario printed by `logis check`. */
#include "domain/left_out.h"
#include "domain/plan.h"
#include "domain/rules.h"
#include "base/textbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *outcome_word(logis_outcome outcome)
{
    static const char *const words[] = {"optimal", "feasible (not proven optimal)",
                                        "infeasible"};
    return words[outcome];
}

char *logis_plan_summary(const logis_plan *plan)
{
    const logis_scenario *s = plan->scenario;
    textbuf b = {0};
    plan_figures f;
    if (plan->outcome == LOGIS_INFEASIBLE) {
        textbuf_printf(&b, "infeasible: the fixed stays break the rules:\n");
        for (int i = 0; i < plan->conflict_count; i++)
            textbuf_printf(&b, "  %s\n", plan->conflicts[i]);
        return textbuf_finish(&b);
    }
    if (!plan_figures_compute(plan, &f))
        return NULL;
    textbuf_printf(&b, "%ld of %ld persons housed (%ld of %ld households), weighted %ld, %s",
                   f.park.persons_housed, f.persons, f.park.households_housed, f.households,
                   f.weighted_persons_housed, outcome_word(plan->outcome));
    if (plan->outcome != LOGIS_OPTIMAL)
        textbuf_printf(&b, ", bound %.0f%s, gap %.2f%%", plan->bound,
                       plan->bound_trivial ? " (trivial: every household housed)" : "",
                       100 * plan->gap);
    textbuf_printf(&b, ", %.2f s\n", plan->seconds);
    if (plan->coarser_step)
        textbuf_printf(&b, "  move-in dates every %d days, not the rules' %d: the model on the "
                           "rules' dates would not fit the memory or time limit\n",
                       plan->coarser_step, s->rules.start_step_days);
    for (int t = 0; t < s->territory_count; t++) {
        const park_figures *p = &f.territories[t];
        textbuf_printf(&b,
                       "  %-12s %5ld persons %4ld households  %3ld dwellings %4ld places  "
                       "occupancy %5.1f%%\n",
                       s->territories[t].id, p->persons_housed, p->households_housed,
                       p->dwellings, p->places,
                       p->place_days > 0 ? 100 * p->person_days / p->place_days : 0.0);
        if (plan_states_score(s))
            textbuf_printf(&b, "%*sscore %.6g\n", 15, "", p->score);
    }
    if (plan_states_score(s))
        textbuf_printf(&b, "  score %.6g in all\n", f.park.score);
    int codes[LEFT_CODES] = {0};
    for (int i = 0; i < plan->left_count; i++)
        codes[plan->left[i].code]++;
    textbuf_printf(&b, "  left out: %d no_fit, %d no_date, %d capacity", codes[LEFT_NO_FIT],
                   codes[LEFT_NO_DATE], codes[LEFT_CAPACITY]);
    if (plan->replanned)
        textbuf_printf(&b, ", %d past", codes[LEFT_PAST]);
    textbuf_printf(&b, "; mean wait %.1f days\n", f.mean_wait_days);
    if (plan->replanned) {
        const replan_counts *r = &plan->replan;
        char now[DATE_TEXT_SIZE];
        date_format(r->now, now);
        textbuf_printf(&b,
                       "  re-plan from %s: %d kept, %d moved, %d newly housed, %d no longer housed",
                       now, r->kept, r->moved, r->newly_housed, r->no_longer_housed);
        if (r->missing)
            textbuf_printf(&b, " (%d not in the scenario any more)", r->missing);
        textbuf_printf(&b, "\n");
    }
    if (plan->forecast_expected > 0) {
        char after[DATE_TEXT_SIZE];
        date_format(plan->forecast_after, after);
        textbuf_printf(&b,
                       "  planned against a forecast: %d expected households after %s, %d "
                       "sampled futures\n",
                       plan->forecast_expected, after, plan->forecast_samples);
    }
    plan_figures_free(&f);
    return textbuf_finish(&b);
}

static void describe_park(textbuf *b, const logis_scenario *s)
{
    int by_places[MAX_UNSHARED_PLACES + 1] = {0}, sliding = 0, shared = 0, captured = 0;
    int places = 0, collective = 0;
    for (int d = 0; d < s->dwelling_count; d++) {
        const dwelling *dw = &s->dwellings[d];
        if (dw->places > MAX_UNSHARED_PLACES)
            collective++;
        else
            by_places[dw->places]++;
        places += dw->places;
        sliding += dw->lease == LEASE_SLIDING;
        shared += dw->shared;
        captured += dw->available_from > s->horizon_start;
    }
    textbuf_printf(b, "park: %d dwellings, %d places (%d sliding lease, %d shared, "
                      "%d available later)\n",
                   s->dwelling_count, places, sliding, shared, captured);
    textbuf_printf(b, "  dwellings by places:");
    for (int p = 1; p <= MAX_UNSHARED_PLACES; p++)
        if (by_places[p])
            textbuf_printf(b, " %d:%d", p, by_places[p]);
    if (collective)
        textbuf_printf(b, "; collective sites (over %d places): %d", MAX_UNSHARED_PLACES,
                       collective);
    textbuf_printf(b, "\n");
}

static void describe_quotas(textbuf *b, const territory *t)
{
    for (int k = 0; k < t->quota_count; k++) {
        const quota *q = &t->quotas[k];
        char from[DATE_TEXT_SIZE], until[DATE_TEXT_SIZE];
        date_format(q->from, from);
        date_format(q->until, until);
        textbuf_printf(b, "    quota from %s until %s:", from, until);
        if (q->persons != NO_QUOTA)
            textbuf_printf(b, " %d persons", q->persons);
        if (q->households != NO_QUOTA)
            textbuf_printf(b, "%s %d households", q->persons != NO_QUOTA ? "," : "",
                           q->households);
        textbuf_printf(b, "\n");
    }
}

/* Scores, links and the objective's order, when the scenario has any. */
static void describe_matching(textbuf *b, const logis_scenario *s)
{
    int scored = 0, linked = 0;
    for (int h = 0; h < s->household_count; h++)
        scored += s->households[h].scores != NULL;
    for (int l = 0; l < s->link_count; l++)
        linked += s->links[l].count;
    if (scored)
        textbuf_printf(b, "scores: %d of %d households have outcome scores\n", scored,
                       s->household_count);
    if (s->link_count)
        textbuf_printf(b, "links: %d (%d households), each housed all or none in one "
                          "territory\n", s->link_count, linked);
    int usual[OBJECTIVE_LEVELS];
    int count = rule_default_objective(s, usual);
    if (!scored && count == s->objective_count &&
        memcmp(s->objective_order, usual, (size_t)count * sizeof *usual) == 0)
        return;
    textbuf_printf(b, "objective:");
    for (int k = 0; k < s->objective_count; k++)
        textbuf_printf(b, "%s %s", k ? "," : "", rule_level_word(s->objective_order[k]));
    textbuf_printf(b, "\n");
}

static void describe_territories(textbuf *b, const logis_scenario *s)
{
    textbuf_printf(b, "territories:\n");
    for (int t = 0; t < s->territory_count; t++) {
        int dwellings = 0, places = 0;
        for (int d = 0; d < s->dwelling_count; d++)
            if (s->dwellings[d].territory == t) {
                dwellings++;
                places += s->dwellings[d].places;
            }
        textbuf_printf(b, "  %-12s %4d dwellings %5d places", s->territories[t].id, dwellings,
                       places);
        if (s->territories[t].caseload != NO_CASELOAD)
            textbuf_printf(b, "  caseload %d", s->territories[t].caseload);
        textbuf_printf(b, "\n");
        describe_quotas(b, &s->territories[t]);
    }
}

static void describe_households(textbuf *b, const logis_scenario *s)
{
    int by_size[31] = {0}, persons = 0;
    day_t first = DAY_NONE_AFTER, last = DAY_NONE_BEFORE;
    for (int h = 0; h < s->household_count; h++) {
        const household *hh = &s->households[h];
        by_size[hh->size]++;
        persons += hh->size;
        first = hh->arrival < first ? hh->arrival : first;
        last = hh->arrival > last ? hh->arrival : last;
    }
    textbuf_printf(b, "households: %d, %d persons", s->household_count, persons);
    if (s->household_count) {
        char from[DATE_TEXT_SIZE], to[DATE_TEXT_SIZE];
        date_format(first, from);
        date_format(last, to);
        textbuf_printf(b, ", arriving from %s to %s", from, to);
    }
    textbuf_printf(b, "; %d fixed stays\n  households by size:", s->fixed_count);
    for (int size = 1; size <= 30; size++)
        if (by_size[size])
            textbuf_printf(b, " %d:%d", size, by_size[size]);
    textbuf_printf(b, "\n");
}

static void describe_hopeless(textbuf *b, const logis_scenario *s)
{
    int count = 0;
    for (int h = 0; h < s->household_count; h++) {
        char reason[400];
        left_out_code code = explain_left_out(s, h, reason, sizeof reason);
        if (code == LEFT_CAPACITY)
            continue;
        if (count++ == 0)
            textbuf_printf(b, "households that can never be housed:\n");
        textbuf_printf(b, "  %-12s %-8s %s\n", s->households[h].id, left_out_code_name(code),
                       reason);
    }
    if (count == 0)
        textbuf_printf(b, "every household fits some dwelling on some move-in date\n");
}

static void describe_forecast(textbuf *b, const logis_scenario *s)
{
    const forecast_list *f = &s->forecast;
    if (!f->given)
        return;
    long persons = 0;
    for (int i = 0; i < f->count; i++)
        persons += f->households[i].size;
    textbuf_printf(b, "forecast: %d households, %ld persons, arrivals moved %d days; plans are "
                      "made against %d sampled futures of those arriving after ",
                   f->count, persons, f->shift_days, f->samples);
    if (f->announced_until == DAY_NONE_AFTER) {
        textbuf_puts(b, "the latest announced arrival\n");
        return;
    }
    char until[DATE_TEXT_SIZE];
    date_format(f->announced_until, until);
    textbuf_printf(b, "%s\n", until);
}

char *logis_scenario_describe(const logis_scenario *s)
{
    textbuf b = {0};
    char start[DATE_TEXT_SIZE], end[DATE_TEXT_SIZE];
    date_format(s->horizon_start, start);
    date_format(s->horizon_end, end);
    textbuf_printf(&b, "scenario: %s\nhorizon: %s to %s\n", s->name[0] ? s->name : "(no name)",
                   start, end);
    textbuf_printf(&b, "rules: stay %d months, support %d months, wait up to %d days every %d, "
                       "turnover %d days\n",
                   s->rules.stay_months, s->rules.support_months, s->rules.max_wait_days,
                   s->rules.start_step_days, s->rules.turnover_days);
    describe_territories(&b, s);
    describe_park(&b, s);
    describe_households(&b, s);
    describe_forecast(&b, s);
    describe_matching(&b, s);
    describe_hopeless(&b, s);
    return textbuf_finish(&b);
}
