/* The reasons given for households left out of a plan, phrased for planners, and `logis
 * explain`: for one household, what stands in the way of each place that fits it, or why the
 * plan's place for it is as good as the others that were free. */
#include "explain.h"

#include "diag.h"
#include "rules.h"
#include "verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Could the household go into the dwelling if its size and needs allowed? */
static bool eligible(const household *h, const dwelling *d)
{
    fit_result fit = rule_fit(h, &(dwelling){.territory = d->territory,
                                             .places = 50,
                                             .lease = d->lease,
                                             .shared = d->shared,
                                             .features = ~(feature_set)0});
    return fit == FIT_OK;
}

static const char *where(const household *h)
{
    return h->territory_count ? "in its territories" : "in the park";
}

static void list_needs(const logis_scenario *s, feature_set needs, char *text, size_t size)
{
    text[0] = '\0';
    for (int i = 0; i < s->feature_count; i++)
        if (needs & ((feature_set)1 << i)) {
            size_t used = strlen(text);
            snprintf(text + used, size - used, "%s%s", used ? ", " : "", s->features[i]);
        }
}

static bool any_in_territories(const logis_scenario *s, const household *h)
{
    for (int d = 0; d < s->dwelling_count; d++)
        if (household_accepts_territory(h, s->dwellings[d].territory))
            return true;
    return false;
}

static left_out_code explain_no_fit(const logis_scenario *s, const household *h, int most,
                                    bool big_enough, char *reason, size_t size)
{
    char needs[200];
    list_needs(s, h->needs, needs, sizeof needs);
    if (most == 0 && !any_in_territories(s, h))
        snprintf(reason, size, "there is no dwelling %s", where(h));
    else if (most == 0 && h->lease != WANTS_ANY)
        snprintf(reason, size, "no dwelling %s has the %s lease it asks for", where(h),
                 h->lease == WANTS_SLIDING ? "sliding" : "temporary");
    else if (most == 0)
        snprintf(reason, size, "the dwellings %s are shared and it may not share", where(h));
    else if (!big_enough)
        snprintf(reason, size, "size %d > %d, the most places %s", h->size, most, where(h));
    else
        snprintf(reason, size, "needs %s: no dwelling of %d+ places %s has them", needs, h->size,
                 where(h));
    return LEFT_NO_FIT;
}

static bool has_date(const logis_scenario *s, const household *h, const dwelling *d)
{
    for (int wait = 0; wait <= s->rules.max_wait_days; wait += s->rules.start_step_days) {
        day_t start = h->arrival + wait;
        if (rule_start_on_grid(s, h, start) &&
            rule_dates_in_dwelling(s, d, start, rule_stay_end(s, h, d, start)))
            return true;
    }
    return false;
}

left_out_code explain_left_out(const logis_scenario *s, int index, char *reason, size_t size)
{
    const household *h = &s->households[index];
    int most = 0, fitting = 0;
    bool big_enough = false;
    for (int d = 0; d < s->dwelling_count; d++) {
        const dwelling *dw = &s->dwellings[d];
        if (!eligible(h, dw))
            continue;
        most = dw->places > most ? dw->places : most;
        big_enough = big_enough || dw->places >= h->size;
        if (rule_fit(h, dw) != FIT_OK)
            continue;
        if (has_date(s, h, dw))
            return LEFT_CAPACITY;
        fitting++;
    }
    if (fitting == 0)
        return explain_no_fit(s, h, most, big_enough, reason, size);
    char first[DATE_TEXT_SIZE];
    date_format(h->arrival, first);
    snprintf(reason, size,
             "no move-in date from its arrival %s (waiting at most %d days, every %d) lies in "
             "the horizon and the availability of the %d dwelling%s that fit it",
             first, s->rules.max_wait_days, s->rules.start_step_days, fitting,
             fitting > 1 ? "s" : "");
    return LEFT_NO_DATE;
}

/* ---- stays that can change ---- */

bool stay_list_copy(stay_list *list, const stay *stays, int count)
{
    *list = (stay_list){0};
    list->items = malloc(((size_t)count + 4) * sizeof *list->items);
    if (!list->items)
        return false;
    if (count > 0)
        memcpy(list->items, stays, (size_t)count * sizeof *stays);
    list->count = count;
    list->capacity = count + 4;
    return true;
}

bool stay_list_add(const logis_scenario *s, stay_list *list, int h, int d, day_t start)
{
    if (list->count == list->capacity) {
        int capacity = 2 * list->capacity + 4;
        stay *bigger = realloc(list->items, (size_t)capacity * sizeof *bigger);
        if (!bigger)
            return false;
        list->items = bigger;
        list->capacity = capacity;
    }
    day_t end = rule_stay_end(s, &s->households[h], &s->dwellings[d], start);
    list->items[list->count++] = (stay){h, d, start, end};
    return true;
}

void stay_list_remove(stay_list *list, int index)
{
    memmove(&list->items[index], &list->items[index + 1],
            (size_t)(list->count - index - 1) * sizeof *list->items);
    list->count--;
}

int stay_list_find(const stay_list *list, int h)
{
    for (int i = 0; i < list->count; i++)
        if (list->items[i].household == h)
            return i;
    return -1;
}

void stay_list_free(stay_list *list)
{
    free(list->items);
    *list = (stay_list){0};
}

bool stay_list_ledger(const logis_scenario *s, const stay_list *list, ledger *l)
{
    if (!ledger_init(l, s))
        return false;
    for (int i = 0; i < list->count; i++) {
        const stay *st = &list->items[i];
        if (!ledger_book(l, st->household, st->dwelling, st->start)) {
            ledger_free(l);
            return false;
        }
    }
    return true;
}

bool stay_is_fixed(const logis_scenario *s, const stay *st)
{
    for (int f = 0; f < s->fixed_count; f++)
        if (s->fixed[f].household == st->household && s->fixed[f].dwelling == st->dwelling &&
            s->fixed[f].start == st->start)
            return true;
    return false;
}

/* ---- what stands in the way ---- */

/* A stay's hold on a dwelling (rule 5) or on its team's caseload (rule 6). */
typedef struct {
    int stay;
    day_t start, until;
    int weight; /* households, or persons in a shared dwelling */
} holding;

static int load_on(const holding *list, int n, day_t day)
{
    int load = 0;
    for (int i = 0; i < n; i++)
        if (list[i].start <= day && day < list[i].until)
            load += list[i].weight;
    return load;
}

/* The most the holdings weigh together at any date of [from, to). Loads only rise where a
 * holding starts, so the dates to look at are from and the starts inside. */
static int peak_load(const holding *list, int n, day_t from, day_t to)
{
    int peak = load_on(list, n, from);
    for (int i = 0; i < n; i++)
        if (from < list[i].start && list[i].start < to) {
            int load = load_on(list, n, list[i].start);
            peak = load > peak ? load : peak;
        }
    return peak;
}

typedef struct {
    bool full;
    day_t first_day; /* the earliest full date */
    int first_load;  /* what the holdings weigh then */
} limit_check;

/* Would a new holding of weight over [from, to) take the holdings over limit? Marks in counted
 * (per holding) those that count on some full date. */
static limit_check over_limit(const holding *list, int n, day_t from, day_t to, int weight,
                              int limit, bool *counted)
{
    limit_check check = {false, 0, 0};
    for (int k = -1; k < n; k++) {
        day_t day = k < 0 ? from : list[k].start;
        if (k >= 0 && !(from < day && day < to))
            continue;
        int load = load_on(list, n, day);
        if (load + weight <= limit)
            continue;
        if (!check.full || day < check.first_day)
            check = (limit_check){true, day, load};
        for (int i = 0; i < n; i++)
            counted[i] = counted[i] || (list[i].start <= day && day < list[i].until);
    }
    return check;
}

static int dwelling_holdings(const logis_scenario *s, const stay_list *stays, int d,
                             holding *out)
{
    const dwelling *dw = &s->dwellings[d];
    int n = 0;
    for (int i = 0; i < stays->count; i++) {
        const stay *st = &stays->items[i];
        if (st->dwelling == d)
            out[n++] = (holding){i, st->start, rule_occupied_until(s, dw, st->end),
                                 dw->shared ? s->households[st->household].size : 1};
    }
    return n;
}

static int caseload_holdings(const logis_scenario *s, const stay_list *stays, int t,
                             holding *out)
{
    int n = 0;
    for (int i = 0; i < stays->count; i++) {
        const stay *st = &stays->items[i];
        if (s->dwellings[st->dwelling].territory == t)
            out[n++] = (holding){i, st->start, rule_support_end(s, st->start), 1};
    }
    return n;
}

static void note_holders(obstacles *out, const holding *list, int n, const bool *counted,
                         bool *in_the_way)
{
    for (int i = 0; i < n; i++) {
        if (!counted[i])
            continue;
        if (in_the_way)
            in_the_way[list[i].stay] = true;
        if (out->holder_count < LISTED_MAX)
            out->holders[out->holder_count] = list[i].stay;
        out->holder_count++;
    }
}

/* find_obstacles, and marking the stays in the way when in_the_way is given. */
static bool examine(const logis_scenario *s, const stay_list *stays, const household *h, int d,
                    day_t start, obstacles *out, bool *in_the_way)
{
    const dwelling *dw = &s->dwellings[d];
    const territory *t = &s->territories[dw->territory];
    day_t end = rule_stay_end(s, h, dw, start);
    holding *list = malloc(((size_t)stays->count + 1) * sizeof *list);
    bool *counted = calloc((size_t)stays->count + 1, sizeof *counted);
    bool ok = list && counted;
    *out = (obstacles){.outside_availability = !rule_within_availability(dw, start, end)};
    if (!ok)
        goto done;
    int n = dwelling_holdings(s, stays, d, list);
    limit_check room = over_limit(list, n, start, rule_occupied_until(s, dw, end),
                                  dw->shared ? h->size : 1, dw->shared ? dw->places : 1,
                                  counted);
    out->places_taken = room.full && dw->shared ? room.first_load : 0;
    note_holders(out, list, n, counted, in_the_way);
    if (t->caseload == NO_CASELOAD)
        goto done;
    n = caseload_holdings(s, stays, dw->territory, list);
    memset(counted, 0, (size_t)n * sizeof *counted);
    limit_check team = over_limit(list, n, start, rule_support_end(s, start), 1, t->caseload,
                                  counted);
    out->caseload_full = team.full;
    out->caseload_load = team.first_load;
    out->caseload_day = team.first_day;
    for (int i = 0; in_the_way && i < n; i++)
        in_the_way[list[i].stay] = in_the_way[list[i].stay] || counted[i];
done:
    free(counted);
    free(list);
    return ok;
}

bool find_obstacles(const logis_scenario *s, const stay_list *stays, const household *h, int d,
                    day_t start, obstacles *out)
{
    return examine(s, stays, h, d, start, out, NULL);
}

int mark_stays_in_the_way(const logis_scenario *s, const stay_list *stays, const household *h,
                          int d, day_t start, bool *in_the_way)
{
    obstacles found;
    memset(in_the_way, 0, (size_t)stays->count * sizeof *in_the_way);
    if (!examine(s, stays, h, d, start, &found, in_the_way))
        return -1;
    int marked = 0;
    for (int i = 0; i < stays->count; i++)
        marked += in_the_way[i];
    return marked;
}

bool same_obstacles(const obstacles *a, const obstacles *b)
{
    if (a->outside_availability != b->outside_availability ||
        a->holder_count != b->holder_count || a->places_taken != b->places_taken ||
        a->caseload_full != b->caseload_full || a->caseload_load != b->caseload_load)
        return false;
    int listed = a->holder_count < LISTED_MAX ? a->holder_count : LISTED_MAX;
    return memcmp(a->holders, b->holders, (size_t)listed * sizeof *a->holders) == 0;
}

/* ---- places and their figures ---- */

bool spot_figures(const logis_scenario *s, const stay_list *others, const household *h, int d,
                  day_t start, spot *out)
{
    const dwelling *dw = &s->dwellings[d];
    day_t end = rule_stay_end(s, h, dw, start);
    int wait = start - h->arrival;
    *out = (spot){d, start, end, wait, dw->places - h->size, (long)h->size * wait, 0};
    if (dw->lease == LEASE_TEMPORARY && !dw->shared)
        out->empty_place_days = (long)(dw->places - h->size) * (end - start);
    if (!dw->shared)
        return true;
    holding *list = malloc(((size_t)others->count + 1) * sizeof *list);
    if (!list)
        return false;
    int n = dwelling_holdings(s, others, d, list);
    out->empty_places -= peak_load(list, n, start, rule_occupied_until(s, dw, end));
    free(list);
    return true;
}

int compare_spots(const void *a, const void *b, void *context)
{
    const logis_scenario *s = context;
    const spot *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->empty_places != y->empty_places)
        return x->empty_places < y->empty_places ? -1 : 1;
    return strcmp(s->dwellings[x->dwelling].id, s->dwellings[y->dwelling].id);
}

/* ---- writing answers ---- */

const char *lease_name(const dwelling *d)
{
    return d->lease == LEASE_SLIDING ? "sliding" : "temporary";
}

static const char *date_text(day_t day, char *text)
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

void write_household_words(FILE *out, const household *h)
{
    char arrival[DATE_TEXT_SIZE];
    fprintf(out, "%d person%s, arrives %s, priority %d", h->size, h->size > 1 ? "s" : "",
            date_text(h->arrival, arrival), h->priority);
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

static void add_dwelling_members(json_builder *b, json *item, const logis_scenario *s, int d)
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

void add_household_members(json_builder *b, json *item, const household *h)
{
    json_add_text(b, item, "household", h->id);
    json_add_number(b, item, "size", h->size);
    json_add_date(b, item, "arrival", h->arrival);
    json_add_number(b, item, "priority", h->priority);
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

/* ---- logis explain ---- */

enum { ALTERNATIVES_SHOWN = 10, DATES_SHOWN = 8 };

/* Dates of a dwelling that share their obstacles, as one line. */
typedef struct {
    day_t first, last;
    int dates;
    bool free;
    obstacles why;
} date_run;

void write_move_in_dates(answer *a, const day_t *starts, int count)
{
    const rules *r = &a->s->rules;
    int outside = rule_max_starts(a->s) - count;
    char day[DATE_TEXT_SIZE];
    if (!a->text) {
        json *dates = json_add_array(&a->b, a->root, "move_in_dates");
        for (int k = 0; k < count; k++)
            json_add(&a->b, dates, NULL, json_new_text(date_text(starts[k], day)));
        json_add_number(&a->b, a->root, "move_in_dates_outside_horizon", outside);
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
    if (why->caseload_full)
        fprintf(a->text, "%sthe team of %s already accompanies %d households, its caseload, on %s",
                separator, a->s->territories[dw->territory].id, why->caseload_load,
                date_text(why->caseload_day, day));
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
        add_household_members(&a->b, a->root, a->h);
        json_add_bool(&a->b, a->root, "housed", false);
        json_add_text(&a->b, a->root, "code", left_out_code_name(code));
        if (reason[0])
            json_add_text(&a->b, a->root, "reason", reason);
        return;
    }
    fprintf(a->text, "%s is left out (%s): ", a->h->id, left_out_code_name(code));
    write_household_words(a->text, a->h);
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

bool spot_list_add(spot_list *list, const spot *p)
{
    if (list->count == list->capacity) {
        int capacity = 2 * list->capacity + 16;
        spot *bigger = realloc(list->items, (size_t)capacity * sizeof *bigger);
        if (!bigger)
            return false;
        list->items = bigger;
        list->capacity = capacity;
    }
    list->items[list->count++] = *p;
    return true;
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
        add_household_members(&a->b, a->root, a->h);
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
    write_household_words(a->text, a->h);
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
    answer a;
    bool ok = answer_begin(&a, s, plan, index, json_output);
    int at = ok ? stay_list_find(&a.stays, index) : -1;
    if (ok)
        ok = at >= 0 ? explain_housed(&a, at) : explain_left_out_household(&a);
    *out = answer_finish(&a, ok);
    return *out ? LOGIS_OK : LOGIS_E_NOMEM;
}
