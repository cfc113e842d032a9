/* logis need: the fewest dwellings to add so that every household that any dwelling could
 * house is housed. Candidate dwellings (one kind per household size, needs, territory and
 * lease) join the park; one MIP level houses the most weighted persons and, among such plans,
 * opens the fewest candidates; the candidates the plan uses are the dwellings to capture. */
#include "solver/build.h"
#include "solver/mip.h"
#include "solver/spread.h"
#include "base/array.h"
#include "base/diag.h"
#include "base/textbuf.h"
#include "domain/rules.h"
#include "domain/variant.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The scenario with the candidates after its own dwellings; its other arrays are borrowed. */
typedef struct {
    logis_scenario scenario;
    char *ids; /* the candidates' ids, one after the other: millions at ×10 */
    int candidate_count;
} widened_park;

struct logis_need {
    const logis_scenario *scenario;
    /* to capture, available from the first stay's start until the last stay's end: the lease
     * to sign */
    dwelling *dwellings;
    char **ids;
    int count;
    widened_park park;
    logis_plan *plan; /* on the widened park: who goes where */
    int candidates_from;
    int *captured_as; /* per candidate: its index among the dwellings to capture, or -1 */
};

/* ---- candidates ---- */

typedef struct {
    dwelling *items;
    int count;
    size_t capacity;
} dwelling_list;

static bool same_kind(const dwelling *x, const dwelling *y)
{
    return x->territory == y->territory && x->places == y->places &&
           x->features == y->features && x->lease == y->lease;
}

static bool add_kind(dwelling_list *kinds, const dwelling *d)
{
    for (int i = 0; i < kinds->count; i++)
        if (same_kind(&kinds->items[i], d))
            return true;
    if (!ARRAY_GROW(kinds->items, kinds->count, kinds->capacity))
        return false;
    kinds->items[kinds->count++] = *d;
    return true;
}

static bool has_fixed_stay(const logis_scenario *s, int h)
{
    for (int f = 0; f < s->fixed_count; f++)
        if (s->fixed[f].household == h)
            return true;
    return false;
}

/* One kind of dwelling per household: its size, its needs, a temporary lease unless it wants
 * a sliding one, in each territory it accepts. */
static bool candidate_kinds(const logis_scenario *s, dwelling_list *kinds)
{
    for (int h = 0; h < s->household_count; h++) {
        const household *hh = &s->households[h];
        if (has_fixed_stay(s, h))
            continue;
        for (int t = 0; t < s->territory_count; t++) {
            if (!household_accepts_territory(hh, t))
                continue;
            dwelling d = {NULL, t, hh->size,
                          hh->lease == WANTS_SLIDING ? LEASE_SLIDING : LEASE_TEMPORARY,
                          false, hh->needs, DAY_NONE_BEFORE, DAY_NONE_AFTER};
            if (!add_kind(kinds, &d))
                return false;
        }
    }
    return true;
}

/* The day a household fitting a kind may begin (+1) or end (-1) to keep a temporary copy of it:
 * from its first move-in date on its grid within the horizon to the end of a stay from its last
 * (and the turnover after). Households with no move-in date or with a fixed stay have none. */
typedef struct {
    day_t day;
    int change, household;
} copy_event;

static int compare_events(const void *a, const void *b)
{
    const copy_event *x = a, *y = b;
    if (x->day != y->day)
        return (x->day > y->day) - (x->day < y->day);
    return x->change - y->change; /* ends first: a copy freed on a day takes a move-in then */
}

/* Every household's two events, sorted by day; *count says how many. NULL when out of memory. */
static copy_event *copy_events(const logis_scenario *s, int *count)
{
    copy_event *events = malloc(((size_t)s->household_count * 2 + 1) * sizeof *events);
    day_t *starts = malloc(((size_t)rule_max_starts(s) + 1) * sizeof *starts);
    const dwelling temporary = {.lease = LEASE_TEMPORARY};
    *count = 0;
    for (int h = 0; events && starts && h < s->household_count; h++) {
        const household *hh = &s->households[h];
        int dates = has_fixed_stay(s, h) ? 0 : rule_grid_starts(s, hh, starts);
        if (dates == 0)
            continue;
        day_t end = rule_stay_end(s, hh, &temporary, starts[dates - 1]);
        events[(*count)++] = (copy_event){starts[0], +1, h};
        events[(*count)++] = (copy_event){rule_occupied_until(s, &temporary, end), -1, h};
    }
    if (events && starts)
        qsort(events, (size_t)*count, sizeof *events, compare_events);
    free(starts);
    if (!starts) {
        free(events);
        events = NULL;
    }
    return events;
}

/* How many dwellings of a kind a plan could ever use at once: for a temporary kind, the most
 * households that fit it whose events overlap on one day; for a sliding one, which leaves the
 * park, every household that fits it. Copies are alike, so a plan's stays in more copies fit in
 * that many (intervals need no more colours than their largest overlap): the need loses
 * nothing. A kind that fits only households with no move-in date keeps one copy, so that they
 * are told it is their dates. fits has room for a flag per household. */
static int kind_copies(const logis_scenario *s, const copy_event *events, int event_count,
                       const dwelling *kind, bool *fits)
{
    bool any = false;
    for (int h = 0; h < s->household_count; h++) {
        fits[h] = rule_fit(&s->households[h], kind) == FIT_OK;
        any = any || fits[h];
    }
    int open = 0, most = any; /* one copy even for households with no date: their reason */
    bool sliding = kind->lease == LEASE_SLIDING;
    for (int e = 0; e < event_count; e++) {
        if (!fits[events[e].household])
            continue;
        open += sliding ? events[e].change > 0 : events[e].change;
        most = open > most ? open : most;
    }
    return most;
}

static void widened_free(widened_park *w)
{
    free(w->ids);
    free(w->scenario.dwellings);
}

/* What to capture is sized on housing everyone: the persons come first here, whatever the
 * scenario's order of the other levels. */
static void persons_first(logis_scenario *s)
{
    int order[OBJECTIVE_LEVELS], count = 0;
    order[count++] = LEVEL_PERSONS;
    for (int k = 0; k < s->objective_count; k++)
        if (s->objective_order[k] != LEVEL_PERSONS)
            order[count++] = s->objective_order[k];
    memcpy(s->objective_order, order, (size_t)count * sizeof *order);
    s->objective_count = count;
}

/* Writes n's decimal digits at text (when not NULL); returns how many. */
static size_t put_digits(char *text, int n)
{
    size_t length = n >= 10 ? put_digits(text, n / 10) : 0;
    if (text)
        text[length] = (char)('0' + n % 10);
    return length + 1;
}

/* "candidate K.C": the C-th copy of kind K (from 1), written at text when not NULL; its length
 * with the NUL. Millions at ×10: snprintf took half the widening. */
static size_t candidate_id(char *text, int kind, int copy)
{
    static const char prefix[] = "candidate ";
    size_t length = sizeof prefix - 1;
    if (text)
        memcpy(text, prefix, length);
    length += put_digits(text ? text + length : NULL, kind + 1);
    if (text)
        text[length] = '.';
    length++;
    length += put_digits(text ? text + length : NULL, copy);
    if (text)
        text[length] = '\0';
    return length + 1;
}

/* The park with, for each kind, as many candidates as a plan could use at once. */
static bool widen(const logis_scenario *s, const dwelling_list *kinds, widened_park *w)
{
    int event_count = 0;
    copy_event *events = copy_events(s, &event_count);
    bool *fits = malloc((size_t)s->household_count + 1);
    int *copies = malloc(((size_t)kinds->count + 1) * sizeof *copies);
    bool ok = events && fits && copies;
    size_t total = 0, id_bytes = 0;
    for (int k = 0; ok && k < kinds->count; k++) {
        total += (size_t)(copies[k] = kind_copies(s, events, event_count, &kinds->items[k], fits));
        for (int copy = copies[k]; copy > 0; copy--)
            id_bytes += candidate_id(NULL, k, copy);
    }
    w->scenario = *s;
    persons_first(&w->scenario);
    w->scenario.dwellings =
        ok ? malloc(((size_t)s->dwelling_count + total + 1) * sizeof *w->scenario.dwellings)
           : NULL;
    w->ids = ok ? malloc(id_bytes + 1) : NULL;
    ok = w->scenario.dwellings && w->ids;
    if (ok && s->dwelling_count > 0)
        memcpy(w->scenario.dwellings, s->dwellings, (size_t)s->dwelling_count * sizeof(dwelling));
    int n = s->dwelling_count;
    char *id = w->ids;
    for (int k = 0; ok && k < kinds->count; k++)
        for (int copy = copies[k]; copy > 0; copy--) {
            w->scenario.dwellings[n] = kinds->items[k];
            w->scenario.dwellings[n++].id = id;
            id += candidate_id(id, k, copy);
            w->candidate_count++;
        }
    w->scenario.dwelling_count = n;
    free(events);
    free(fits);
    free(copies);
    return ok;
}

/* ---- the dwellings to capture ---- */

/* A candidate used by the plan, with where it sits among the candidates. */
typedef struct {
    dwelling dwelling;
    int candidate;
} used_candidate;

static int compare_needed(const void *a, const void *b)
{
    const dwelling *x = &((const used_candidate *)a)->dwelling;
    const dwelling *y = &((const used_candidate *)b)->dwelling;
    if (x->territory != y->territory)
        return x->territory - y->territory;
    if (x->available_from != y->available_from)
        return x->available_from < y->available_from ? -1 : 1;
    if (x->places != y->places)
        return x->places - y->places;
    return ((const used_candidate *)a)->candidate - ((const used_candidate *)b)->candidate;
}

/* Every candidate the plan uses, available from the first day it is needed until its last
 * stay ends (a later plan may use it within those dates only, as the lease allows); new ids
 * "NEW-001"… that no dwelling of the scenario has. */
static bool take_used_candidates(logis_need *need)
{
    const logis_scenario *s = need->scenario;
    const widened_park *w = &need->park;
    int candidates = w->candidate_count;
    day_t *first = malloc(((size_t)candidates + 1) * sizeof *first);
    day_t *last = malloc(((size_t)candidates + 1) * sizeof *last);
    used_candidate *used = calloc((size_t)candidates + 1, sizeof *used);
    need->dwellings = calloc((size_t)candidates + 1, sizeof *need->dwellings);
    need->ids = calloc((size_t)candidates + 1, sizeof *need->ids);
    need->captured_as = malloc(((size_t)candidates + 1) * sizeof *need->captured_as);
    bool ok = first && last && used && need->dwellings && need->ids && need->captured_as;
    for (int i = 0; ok && i < candidates; i++) {
        first[i] = DAY_NONE_AFTER;
        last[i] = DAY_NONE_BEFORE;
        need->captured_as[i] = -1;
    }
    for (int i = 0; ok && i < need->plan->stay_count; i++) {
        const stay *st = &need->plan->stays[i];
        int c = st->dwelling - need->candidates_from;
        if (c >= 0 && st->start < first[c])
            first[c] = st->start;
        if (c >= 0 && st->end > last[c])
            last[c] = st->end;
    }
    for (int c = 0; ok && c < candidates; c++)
        if (first[c] != DAY_NONE_AFTER) {
            used[need->count] = (used_candidate){w->scenario.dwellings[need->candidates_from + c],
                                                 c};
            used[need->count].dwelling.available_until = last[c];
            used[need->count++].dwelling.available_from = first[c];
        }
    if (ok)
        qsort(used, (size_t)need->count, sizeof *used, compare_needed);
    for (int i = 0; ok && i < need->count; i++) {
        need->dwellings[i] = used[i].dwelling;
        need->captured_as[used[i].candidate] = i;
    }
    free(used);
    for (int i = 0, serial = 1; ok && i < need->count; i++, serial++) {
        char id[32];
        do
            snprintf(id, sizeof id, "NEW-%03d", serial++);
        while (idmap_get(&s->dwelling_ids, id) >= 0);
        serial--;
        ok = (need->ids[i] = strdup(id)) != NULL;
        need->dwellings[i].id = need->ids[i];
    }
    free(first);
    free(last);
    return ok;
}

void logis_need_free(logis_need *need)
{
    if (!need)
        return;
    for (int i = 0; i < need->count; i++)
        free(need->ids[i]);
    free(need->ids);
    free(need->dwellings);
    free(need->captured_as);
    logis_plan_free(need->plan);
    widened_free(&need->park);
    free(need);
}

/* The solve's options: the time limit less what widening the park took (seconds at ×10, 3.9
 * million candidates), so that the limit is the whole need's. */
static logis_options options_after(const logis_options *options, double started)
{
    logis_options left;
    if (options)
        left = *options;
    else
        logis_options_init(&left);
    if (left.time_limit > 0)
        left.time_limit = fmax(0.001, left.time_limit - (mip_clock() - started));
    return left;
}

logis_status logis_need_solve(const logis_scenario *s, const logis_options *options,
                              logis_need **out, logis_diagnostics *diags)
{
    double started = mip_clock();
    *out = NULL;
    size_t errors_before = logis_diagnostics_errors(diags);
    dwelling_list kinds = {0};
    logis_need *need = calloc(1, sizeof *need);
    logis_status status = LOGIS_E_NOMEM;
    if (!need || !candidate_kinds(s, &kinds) || !widen(s, &kinds, &need->park))
        goto done;
    need->scenario = s;
    need->candidates_from = s->dwelling_count;
    logis_options left = options_after(options, started);
    work_limits limits = work_limits_from_now(&left);
    status = solve_scenario(&need->park.scenario, s->dwelling_count, &left, &need->plan, diags);
    if (status != LOGIS_OK)
        goto done;
    if (need->plan->outcome == LOGIS_INFEASIBLE) {
        diag_add(diags, LOGIS_ERROR, s->path, 0, 0, "/fixed",
                 "the fixed stays break the rules (logis plan lists them): no need computed");
        status = LOGIS_E_INPUT;
        goto done;
    }
    if (!spread_by_demand(&need->park.scenario, need->candidates_from, need->plan, &limits) ||
        !take_used_candidates(need))
        status = LOGIS_E_NOMEM;
done:
    /* the park, the spread and the solve's own failures may have said nothing */
    if (status == LOGIS_E_NOMEM)
        diag_out_of_memory(diags, errors_before, NULL);
    free(kinds.items);
    if (status == LOGIS_OK)
        *out = need;
    else
        logis_need_free(need);
    return status;
}

/* ---- what it says ---- */

/* Optimal when the count is proven: level 1 (persons housed, then fewest dwellings) is. The
 * later levels (waiting, empty places) only choose among plans with that count. */
static bool answered(const logis_need *need)
{
    return need->plan->levels[LEVEL_PERSONS].optimal;
}

static const char *status_name(const logis_need *need)
{
    return answered(need) ? "optimal" : "feasible";
}

/* The households the need's plan leaves out: none of them could be housed when the count is
 * proven; before that, they are only not housed yet (the plan so far when a limit came). */
static const char *left_out_name(const logis_need *need)
{
    return answered(need) ? "not_housable" : "not_housed_yet";
}

/* Counts, per territory, the dwellings to capture and their places. */
static void add_territory_counts(json_builder *b, json *summary, const logis_need *need)
{
    const logis_scenario *s = need->scenario;
    json *list = json_add_array(b, summary, "territories");
    for (int t = 0; t < s->territory_count; t++) {
        int dwellings = 0, places = 0;
        for (int i = 0; i < need->count; i++)
            if (need->dwellings[i].territory == t) {
                dwellings++;
                places += need->dwellings[i].places;
            }
        if (!dwellings)
            continue;
        json *item = json_add_object(b, list, NULL);
        json_add_text(b, item, "id", s->territories[t].id);
        json_add_number(b, item, "dwellings", dwellings);
        json_add_number(b, item, "places", places);
    }
}

/* Households that no added dwelling could house (too late in the horizon, the caseload). */
static void add_not_housable(json_builder *b, json *summary, const logis_need *need)
{
    json *list = json_add_array(b, summary, left_out_name(need));
    for (int i = 0; i < need->plan->left_count; i++) {
        const left_out *l = &need->plan->left[i];
        json *item = json_add_object(b, list, NULL);
        json_add_text(b, item, "household", need->scenario->households[l->household].id);
        json_add_text(b, item, "code", left_out_code_name(l->code));
        json_add_text(b, item, "reason", l->reason);
    }
}

/* The places of the dwellings to capture, and the households and persons they house. */
static void capture_totals(const logis_need *need, int *places, int *households, int *persons)
{
    *places = *households = *persons = 0;
    for (int i = 0; i < need->count; i++)
        *places += need->dwellings[i].places;
    for (int i = 0; i < need->plan->stay_count; i++) {
        const stay *st = &need->plan->stays[i];
        if (st->dwelling >= need->candidates_from) {
            (*households)++;
            *persons += need->scenario->households[st->household].size;
        }
    }
}

/* ", " between the items of a list, " and " before its last. */
static void list_separator(textbuf *out, int index, int count)
{
    textbuf_puts(out, index == 0 ? "" : index == count - 1 ? " and " : ", ");
}

/* How many dwellings to capture have that many places (territory -1: in any). */
static int dwellings_of(const logis_need *need, int places, int territory_index)
{
    int count = 0;
    for (int i = 0; i < need->count; i++)
        count += (places == 0 || need->dwellings[i].places == places) &&
                 (territory_index < 0 || need->dwellings[i].territory == territory_index);
    return count;
}

/* "13 in T01, 11 in T02 and 12 in T03" (or, named first, "T01 (13), ...") for the dwellings
 * of that many places (0: all). */
static void by_territory(textbuf *out, const logis_need *need, int places, bool named_first)
{
    const logis_scenario *s = need->scenario;
    int listed = 0, count = 0;
    for (int t = 0; t < s->territory_count; t++)
        count += dwellings_of(need, places, t) > 0;
    for (int t = 0; t < s->territory_count; t++) {
        int here = dwellings_of(need, places, t);
        if (!here)
            continue;
        list_separator(out, listed++, count);
        if (named_first)
            textbuf_printf(out, "%s (%d)", s->territories[t].id, here);
        else
            textbuf_printf(out, "%d in %s", here, s->territories[t].id);
    }
}

/* "by size: 9 of 9 places, 5 of 8 ... and 3 of 1", largest first. */
static void by_size(textbuf *out, const logis_need *need, int largest)
{
    int listed = 0, count = 0;
    for (int p = largest; p > 0; p--)
        count += dwellings_of(need, p, -1) > 0;
    textbuf_puts(out, "by size, ");
    for (int p = largest; p > 0; p--) {
        int here = dwellings_of(need, p, -1);
        if (!here)
            continue;
        list_separator(out, listed, count);
        textbuf_printf(out, listed++ ? "%d of %d" : "%d of %d places", here, p);
    }
}

/* What a director reads, from the figures: how many dwellings, for whom, between which dates,
 * where, of which sizes, and where the largest go. */
static char *capture_sentence(const logis_need *need)
{
    textbuf out = {0};
    if (need->count == 0 && !answered(need)) {
        textbuf_puts(&out, "No answer: the time limit or a stop came before the need was found; "
                           "give it more time.");
        return textbuf_finish(&out);
    }
    if (need->count == 0) {
        textbuf_puts(&out, "Nothing to capture: the park can house every household that a "
                           "dwelling of its size could.");
        return textbuf_finish(&out);
    }
    int places, households, persons, largest = 0;
    day_t from = DAY_NONE_AFTER, until = DAY_NONE_BEFORE;
    capture_totals(need, &places, &households, &persons);
    for (int i = 0; i < need->count; i++) {
        const dwelling *d = &need->dwellings[i];
        largest = d->places > largest ? d->places : largest;
        from = d->available_from < from ? d->available_from : from;
        until = d->available_until > until ? d->available_until : until;
    }
    char first[16], last[16];
    date_format(from, first);
    date_format(until, last);
    textbuf_printf(&out, "Capture %d dwelling%s (%d places) for %d household%s (%d persons), "
                         "needed from %s to %s: ", need->count, need->count == 1 ? "" : "s",
                   places, households, households == 1 ? "" : "s", persons, first, last);
    by_territory(&out, need, 0, false);
    textbuf_puts(&out, "; ");
    by_size(&out, need, largest);
    textbuf_puts(&out, ".");
    if (dwellings_of(need, largest, -1) < need->count) {
        textbuf_printf(&out, " The largest, %d of %d places, go to ",
                       dwellings_of(need, largest, -1), largest);
        by_territory(&out, need, largest, true);
        textbuf_puts(&out, ".");
    }
    if (!answered(need))
        textbuf_printf(&out, " Not an answer yet: the time limit or a stop came first, and %d "
                             "household%s not housed may need more.", need->plan->left_count,
                       need->plan->left_count == 1 ? "" : "s");
    return textbuf_finish(&out);
}

static void add_summary(json_builder *b, json *root, const logis_need *need)
{
    json *summary = json_add_object(b, root, "summary");
    int places, households, persons;
    capture_totals(need, &places, &households, &persons);
    char *sentence = capture_sentence(need);
    if (!sentence)
        b->ok = false;
    else
        json_add_text(b, summary, "sentence", sentence);
    free(sentence);
    json_add_text(b, summary, "status", status_name(need));
    json_add_number(b, summary, "dwellings", need->count);
    json_add_number(b, summary, "places", places);
    json_add_number(b, summary, "households_in_new_dwellings", households);
    json_add_number(b, summary, "persons_in_new_dwellings", persons);
    add_territory_counts(b, summary, need);
    add_not_housable(b, summary, need);
    json_add_number(b, summary, "seconds", round(need->plan->seconds * 1e3) / 1e3);
}

static int compare_stays_by_start(const void *a, const void *b)
{
    const stay *x = *(const stay *const *)a, *y = *(const stay *const *)b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->household - y->household;
}

/* "serves": the stays of dwelling i, earliest first, so that the planner sees whom the lease
 * is for. */
static void add_serves(json_builder *b, json *item, const logis_need *need, int i)
{
    const logis_plan *plan = need->plan;
    const stay **mine = malloc(((size_t)plan->stay_count + 1) * sizeof *mine);
    if (!mine || !item) {
        b->ok = false;
        free(mine);
        return;
    }
    int count = 0;
    for (int k = 0; k < plan->stay_count; k++) {
        int c = plan->stays[k].dwelling - need->candidates_from;
        if (c >= 0 && need->captured_as[c] == i)
            mine[count++] = &plan->stays[k];
    }
    qsort(mine, (size_t)count, sizeof *mine, compare_stays_by_start);
    json *list = json_add_array(b, item, "serves");
    for (int k = 0; k < count; k++) {
        const household *member = &need->scenario->households[mine[k]->household];
        json *entry = json_add_object(b, list, NULL);
        json_add_text(b, entry, "household", member->id);
        json_add_number(b, entry, "size", member->size);
        json_add_date(b, entry, "start", mine[k]->start);
        json_add_date(b, entry, "end", mine[k]->end);
    }
    free(mine);
}

char *logis_need_to_json(const logis_need *need)
{
    json_builder b = {true};
    json *root = json_new_object();
    b.ok = root != NULL;
    json_add_text(&b, root, "logis", logis_version());
    json_add_text(&b, root, "scenario", need->scenario->name);
    json *list = json_add_array(&b, root, "dwellings");
    for (int i = 0; i < need->count && b.ok; i++)
        add_serves(&b,
                   scenario_add_dwelling(&b, list, need->scenario, &need->dwellings[i],
                                         need->ids[i]),
                   need, i);
    add_summary(&b, root, need);
    char *text = b.ok ? json_print(root) : NULL;
    json_free(root);
    return text;
}

char *logis_need_scenario_json(const logis_need *need)
{
    const logis_scenario *s = need->scenario;
    size_t size = strlen(s->name) + 64;
    char *name = malloc(size);
    if (!name)
        return NULL;
    snprintf(name, size, "%s%swith %d dwelling%s to capture", s->name, *s->name ? ", " : "",
             need->count, need->count == 1 ? "" : "s");
    scenario_extra extra = {need->dwellings, (const char *const *)need->ids, need->count};
    logis_variant as_it_is;
    logis_variant_init(&as_it_is);
    json *document = scenario_document(s, &as_it_is, name, &extra);
    json_builder b = {document != NULL};
    json *park = document ? json_member(document, "dwellings") : NULL;
    json *item = json_first(park);
    for (size_t skip = json_count(park) - (size_t)need->count; item && skip > 0; skip--)
        item = json_next(item);
    for (int i = 0; item && i < need->count; i++, item = json_next(item))
        add_serves(&b, item, need, i);
    char *text = b.ok ? json_print(document) : NULL;
    json_free(document);
    free(name);
    return text;
}

char *logis_need_summary(const logis_need *need)
{
    const logis_scenario *s = need->scenario;
    size_t size = 256 + (size_t)s->territory_count * 96;
    char *text = malloc(size);
    if (!text)
        return NULL;
    int places = 0, length;
    for (int i = 0; i < need->count; i++)
        places += need->dwellings[i].places;
    length = snprintf(text, size, "%d dwelling%s to capture (%d places), %s, %.2f s\n",
                      need->count, need->count == 1 ? "" : "s", places, status_name(need),
                      need->plan->seconds);
    for (int t = 0; t < s->territory_count && length < (int)size; t++) {
        int dwellings = 0, room = 0;
        for (int i = 0; i < need->count; i++)
            if (need->dwellings[i].territory == t) {
                dwellings++;
                room += need->dwellings[i].places;
            }
        if (dwellings)
            length += snprintf(text + length, size - (size_t)length,
                               "  %-12s %4d dwelling%s %5d places\n", s->territories[t].id,
                               dwellings, dwellings == 1 ? " " : "s", room);
    }
    if (length < (int)size && need->plan->left_count)
        snprintf(text + length, size - (size_t)length, "  %d household%s %s (see %s)\n",
                 need->plan->left_count, need->plan->left_count == 1 ? "" : "s",
                 answered(need) ? "no added dwelling could house" : "not housed yet",
                 left_out_name(need));
    char *sentence = capture_sentence(need);
    textbuf out = {0};
    textbuf_puts(&out, text);
    textbuf_puts(&out, sentence ? sentence : "");
    textbuf_puts(&out, "\n");
    free(text);
    if (!sentence)
        textbuf_discard(&out);
    free(sentence);
    return textbuf_finish(&out);
}

/* "no added dwelling could take it": the need solve leaves out only such households. */
static bool not_housable_reason(void *context, int h, char *reason, size_t size,
                                bool *beyond_park)
{
    (void)context;
    (void)h;
    *beyond_park = false;
    snprintf(reason, size, "no dwelling, added or not, can take it: its teams' caseload is "
                           "full or its dates do not allow it");
    return true;
}

logis_status logis_need_plan(const logis_need *need, const logis_scenario *appended,
                             logis_plan **out, logis_diagnostics *diags)
{
    const logis_scenario *s = need->scenario;
    *out = NULL;
    if (appended->household_count != s->household_count ||
        appended->dwelling_count != s->dwelling_count + need->count) {
        diag_add(diags, LOGIS_ERROR, appended->path, 0, 0, NULL,
                 "not the scenario with the dwellings to capture appended");
        return LOGIS_E_INPUT;
    }
    logis_plan *plan = plan_new(appended);
    bool ok = plan != NULL;
    for (int i = 0; ok && i < need->plan->stay_count; i++) {
        const stay *st = &need->plan->stays[i];
        int d = st->dwelling < need->candidates_from
                    ? st->dwelling
                    : s->dwelling_count + need->captured_as[st->dwelling - need->candidates_from];
        ok = plan_add_stay(plan, st->household, d, st->start, st->end);
        if (ok)
            plan->stays[plan->stay_count - 1].kept = st->kept;
    }
    ok = ok && plan_list_left_out(plan, not_housable_reason, NULL);
    if (!ok) {
        diag_add(diags, LOGIS_ERROR, NULL, 0, 0, NULL, "out of memory");
        logis_plan_free(plan);
        return LOGIS_E_NOMEM;
    }
    plan->seconds = need->plan->seconds;
    plan_sort(plan);
    /* its bound: everyone it could house, a true one (it used to state 0) */
    logis_status status = plan_state_trivial_levels(plan) ? plan_self_check(plan, diags)
                                                          : LOGIS_E_NOMEM;
    if (status == LOGIS_OK)
        *out = plan;
    else
        logis_plan_free(plan);
    return status;
}
