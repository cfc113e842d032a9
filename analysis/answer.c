/* Answers about one household (`logis explain`, `logis suggest`) as text for people or as
 * JSON: the words for dwellings, households and places, and the plan check before reasoning. */
#include "analysis/answer.h"

#include "base/diag.h"
#include "domain/rules.h"
#include "domain/verify.h"

#include <stdio.h>
#include <stdlib.h>

const char *lease_name(const dwelling *d)
{
    return d->lease == LEASE_SLIDING ? "sliding" : "temporary";
}

const char *date_text(day_t day, char *text)
{
    date_format(day, text);
    return text;
}

void write_dwelling_words(FILE *out, const logis_scenario *s, int d)
{
    const dwelling *dw = &s->dwellings[d];
    fprintf(out, "%s (%s, %d place%s, %s%s)", dw->id, s->territories[dw->territory].id,
            dw->places, dw->places > 1 ? "s" : "", lease_name(dw), dw->shared ? ", shared" : "");
}

void write_household_words(FILE *out, const logis_scenario *s, const household *h)
{
    char arrival[DATE_TEXT_SIZE];
    fprintf(out, "%d person%s, arrives %s, priority %d", h->size, h->size > 1 ? "s" : "",
            date_text(h->arrival, arrival), h->priority);
    if (h->link == NO_LINK)
        return;
    const link_group *g = &s->links[h->link];
    fputs("; linked with", out);
    for (int k = 0, listed = 0; k < g->count; k++)
        if (&s->households[g->members[k]] != h)
            fprintf(out, "%s %s", listed++ ? "," : "", s->households[g->members[k]].id);
    fputs(" (housed all or none, in one territory)", out);
}

void write_spot_words(FILE *out, const logis_scenario *s, const spot *p)
{
    char a[DATE_TEXT_SIZE], b[DATE_TEXT_SIZE];
    write_dwelling_words(out, s, p->dwelling);
    fprintf(out, " from %s to %s: waits %d day%s, %d empty place%s", date_text(p->start, a),
            date_text(p->end, b), p->wait_days, p->wait_days == 1 ? "" : "s", p->empty_places,
            p->empty_places == 1 ? "" : "s");
    if (p->empty_place_days)
        fprintf(out, " (%ld empty place-days)", p->empty_place_days);
}

void add_dwelling_members(json_builder *b, json *item, const logis_scenario *s, int d)
{
    const dwelling *dw = &s->dwellings[d];
    json_add_text(b, item, "dwelling", dw->id);
    json_add_text(b, item, "territory", s->territories[dw->territory].id);
    json_add_number(b, item, "places", dw->places);
    json_add_text(b, item, "lease", lease_name(dw));
    json_add_bool(b, item, "shared", dw->shared);
}

void add_spot_members(json_builder *b, json *item, const logis_scenario *s, const spot *p)
{
    add_dwelling_members(b, item, s, p->dwelling);
    json_add_date(b, item, "start", p->start);
    json_add_date(b, item, "end", p->end);
    json_add_number(b, item, "wait_days", p->wait_days);
    json_add_number(b, item, "empty_places", p->empty_places);
    json_add_number(b, item, "wait_person_days", (double)p->wait_person_days);
    json_add_number(b, item, "empty_place_days", (double)p->empty_place_days);
}

void add_household_members(json_builder *b, json *item, const logis_scenario *s,
                           const household *h)
{
    json_add_text(b, item, "household", h->id);
    json_add_number(b, item, "size", h->size);
    json_add_date(b, item, "arrival", h->arrival);
    json_add_number(b, item, "priority", h->priority);
    if (h->link == NO_LINK)
        return;
    const link_group *g = &s->links[h->link];
    json *others = json_add_array(b, item, "linked_with");
    for (int k = 0; k < g->count; k++)
        if (&s->households[g->members[k]] != h)
            json_add_text(b, others, NULL, s->households[g->members[k]].id);
}

char *finish_text(FILE *out, char **buffer, bool ok)
{
    ok = ok && out && !ferror(out);
    if (out && fclose(out) != 0)
        ok = false;
    if (ok && *buffer)
        return *buffer;
    free(*buffer);
    *buffer = NULL;
    return NULL;
}

char *finish_json(json *root, bool ok)
{
    char *text = root && ok ? json_print(root) : NULL;
    json_free(root);
    return text;
}

bool answer_begin(answer *a, const logis_scenario *s, const logis_plan *plan, int index,
                  int json_output)
{
    *a = (answer){.s = s, .h = &s->households[index], .index = index, .b = {true}};
    bool ok = stay_list_copy(&a->stays, plan->stays, plan->stay_count);
    if (json_output)
        a->root = json_new_object();
    else
        a->text = open_memstream(&a->buffer, &a->size);
    return ok && (a->root || a->text);
}

char *answer_finish(answer *a, bool ok)
{
    char *text = a->text ? finish_text(a->text, &a->buffer, ok)
                         : finish_json(a->root, ok && a->b.ok);
    stay_list_free(&a->stays);
    return text;
}

logis_scenario plan_as_of_now(const logis_scenario *s, const logis_plan *plan)
{
    logis_scenario known = *s;
    if (plan->replanned && plan->replan.now > known.earliest_start)
        known.earliest_start = plan->replan.now;
    return known;
}

logis_status explain_check_plan(const logis_scenario *s, const logis_plan *plan,
                                logis_diagnostics *diags)
{
    long violations = plan_check_rules(s, plan, false, plan->source, diags);
    if (violations < 0)
        return LOGIS_E_NOMEM;
    if (violations == 0)
        return LOGIS_OK;
    diag_add(diags, LOGIS_ERROR, plan->source ? plan->source : "plan", 0, 0, NULL,
             "the plan breaks the rules (%ld violation%s): explanations need a plan that keeps "
             "them", violations, violations > 1 ? "s" : "");
    return LOGIS_E_INPUT;
}
