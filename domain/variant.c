/* Scenario variants for capacity projections: every stay set to a length, the park and the
 * orientation list scaled deterministically, and the result written as a scenario file. */
#include "base/array.h"
#include "base/diag.h"
#include "base/json.h"
#include "domain/fields.h"
#include "domain/rules.h"
#include "domain/variant.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { LARGEST_SCALE = 20 };

/* How many times record `index` appears at this scale: every record floor(scale) times, and one
 * more time for an evenly spread share of them (×1.5: every second record; ×0.5: every second
 * record once, the others not at all). */
static int copies_of(int index, double scale)
{
    double whole = floor(scale), share = scale - whole;
    int extra = (int)floor((index + 1) * share + 1e-9) - (int)floor(index * share + 1e-9);
    return (int)whole + extra;
}

/* Ids handed out to the variant's records: copies get "<id>~2", "<id>~3"…, lengthened with
 * more "~" while they collide with any id already given. */
typedef struct {
    idmap given;
    char **owned;
    int owned_count;
    size_t owned_capacity;
} id_pool;

static void id_pool_free(id_pool *pool)
{
    idmap_free(&pool->given);
    for (int i = 0; i < pool->owned_count; i++)
        free(pool->owned[i]);
    free(pool->owned);
}

static const char *id_pool_take(id_pool *pool, const char *id, int copy)
{
    if (!ARRAY_GROW(pool->owned, pool->owned_count, pool->owned_capacity))
        return NULL;
    size_t size = strlen(id) + 16;
    char *text = malloc(size);
    if (!text)
        return NULL;
    if (copy == 1)
        snprintf(text, size, "%s", id);
    else
        snprintf(text, size, "%s~%d", id, copy);
    while (idmap_get(&pool->given, text) >= 0) {
        size_t length = strlen(text);
        char *longer = realloc(text, length + 2);
        if (!longer) {
            free(text);
            return NULL;
        }
        text = longer;
        memcpy(text + length, "~", 2);
    }
    pool->owned[pool->owned_count++] = text;
    return idmap_put(&pool->given, text, 0) == -1 ? text : NULL;
}

static void add_features(json_builder *b, json *object, const char *key,
                         const logis_scenario *s, feature_set set)
{
    json *list = json_add_array(b, object, key);
    for (int f = 0; f < s->feature_count; f++)
        if (set & ((feature_set)1 << f))
            json_add_text(b, list, NULL, s->features[f]);
}

/* Quotas are targets set by others: a variant keeps them as they are, whatever its scale. */
static void add_quotas(json_builder *b, json *item, const territory *t)
{
    if (t->quota_count == 0)
        return;
    json *list = json_add_array(b, item, territory_fields[TERRITORY_QUOTAS].name);
    for (int k = 0; k < t->quota_count; k++) {
        const quota *q = &t->quotas[k];
        json *entry = json_add_object(b, list, NULL);
        json_add_date(b, entry, quota_fields[QUOTA_FROM].name, q->from);
        json_add_date(b, entry, quota_fields[QUOTA_UNTIL].name, q->until);
        if (q->persons != NO_QUOTA)
            json_add_number(b, entry, quota_fields[QUOTA_PERSONS].name, q->persons);
        if (q->households != NO_QUOTA)
            json_add_number(b, entry, quota_fields[QUOTA_HOUSEHOLDS].name, q->households);
    }
}

static void add_territories(json_builder *b, json *root, const logis_scenario *s)
{
    const field_spec *fields = territory_fields;
    json *list = json_add_array(b, root, scenario_fields[SCENARIO_TERRITORIES].name);
    for (int t = 0; t < s->territory_count; t++) {
        json *item = json_add_object(b, list, NULL);
        json_add_text(b, item, fields[TERRITORY_ID].name, s->territories[t].id);
        if (s->territories[t].name)
            json_add_text(b, item, fields[TERRITORY_NAME].name, s->territories[t].name);
        if (s->territories[t].caseload != NO_CASELOAD)
            json_add_number(b, item, fields[TERRITORY_CASELOAD].name, s->territories[t].caseload);
        add_quotas(b, item, &s->territories[t]);
    }
}

json *scenario_add_dwelling(json_builder *b, json *list, const logis_scenario *s,
                            const dwelling *d, const char *id)
{
    const field_spec *fields = dwelling_fields;
    json *item = json_add_object(b, list, NULL);
    json_add_text(b, item, fields[DWELLING_ID].name, id);
    json_add_text(b, item, fields[DWELLING_TERRITORY].name, s->territories[d->territory].id);
    json_add_number(b, item, fields[DWELLING_PLACES].name, d->places);
    json_add_text(b, item, fields[DWELLING_LEASE].name, dwelling_lease_words[d->lease]);
    json_add_bool(b, item, fields[DWELLING_SHARED].name, d->shared);
    add_features(b, item, fields[DWELLING_FEATURES].name, s, d->features);
    if (d->available_from != DAY_NONE_BEFORE)
        json_add_date(b, item, fields[DWELLING_AVAILABLE_FROM].name, d->available_from);
    if (d->available_until != DAY_NONE_AFTER)
        json_add_date(b, item, fields[DWELLING_AVAILABLE_UNTIL].name, d->available_until);
    return item;
}

static void add_household(json_builder *b, json *list, const logis_scenario *s,
                          const household *h, const char *id, int stay_months)
{
    const field_spec *fields = household_fields;
    json *item = json_add_object(b, list, NULL);
    json_add_text(b, item, fields[HOUSEHOLD_ID].name, id);
    json_add_number(b, item, fields[HOUSEHOLD_SIZE].name, h->size);
    json_add_date(b, item, fields[HOUSEHOLD_ARRIVAL].name, h->arrival);
    if (stay_months == 0 && h->stay_months != s->rules.stay_months)
        json_add_number(b, item, fields[HOUSEHOLD_STAY_MONTHS].name, h->stay_months);
    add_features(b, item, fields[HOUSEHOLD_NEEDS].name, s, h->needs);
    json *territories = json_add_array(b, item, fields[HOUSEHOLD_TERRITORIES].name);
    for (int t = 0; t < h->territory_count; t++)
        json_add_text(b, territories, NULL, s->territories[h->territories[t]].id);
    json_add_number(b, item, fields[HOUSEHOLD_PRIORITY].name, h->priority);
    json_add_bool(b, item, fields[HOUSEHOLD_MAY_SHARE].name, h->may_share);
    json_add_text(b, item, fields[HOUSEHOLD_LEASE].name, household_lease_words[h->lease]);
    json *scores = h->scores ? json_add_object(b, item, fields[HOUSEHOLD_SCORES].name) : NULL;
    for (int t = 0; scores && t < s->territory_count; t++)
        if (h->scores[t] != 0)
            json_add_number(b, scores, s->territories[t].id, h->scores[t]);
}

/* Links hold between the first copies of their households, when all are in the variant. */
static void add_links(json_builder *b, json *root, const logis_scenario *s,
                      const char *const *households)
{
    if (s->link_count == 0)
        return;
    json *list = json_add_array(b, root, "links");
    for (int l = 0; l < s->link_count; l++) {
        const link_group *g = &s->links[l];
        bool whole = true;
        for (int k = 0; k < g->count; k++)
            whole = whole && households[g->members[k]];
        json *item = whole ? json_add_object(b, list, NULL) : NULL;
        json *members = item ? json_add_array(b, item, "households") : NULL;
        for (int k = 0; members && k < g->count; k++)
            json_add_text(b, members, NULL, households[g->members[k]]);
        if (item)
            json_add_text(b, item, "same", "territory");
    }
}

/* The objective's order, when the scenario's is not the default one. */
static void add_objective(json_builder *b, json *root, const logis_scenario *s)
{
    int usual[OBJECTIVE_LEVELS];
    int count = rule_default_objective(s, usual);
    if (count == s->objective_count &&
        memcmp(usual, s->objective_order, (size_t)count * sizeof *usual) == 0)
        return;
    json *list = json_add_array(b, root, "objective");
    for (int k = 0; k < s->objective_count; k++)
        json_add_text(b, list, NULL, rule_level_word(s->objective_order[k]));
}

static void add_rules(json_builder *b, json *root, const logis_scenario *s, int stay_months)
{
    const field_spec *fields = rules_fields;
    json *set = json_add_object(b, root, scenario_fields[SCENARIO_RULES].name);
    json_add_number(b, set, fields[RULES_STAY_MONTHS].name,
                    stay_months ? stay_months : s->rules.stay_months);
    json_add_number(b, set, fields[RULES_SUPPORT_MONTHS].name, s->rules.support_months);
    json_add_number(b, set, fields[RULES_MAX_WAIT_DAYS].name, s->rules.max_wait_days);
    json_add_number(b, set, fields[RULES_START_STEP_DAYS].name, s->rules.start_step_days);
    json_add_number(b, set, fields[RULES_TURNOVER_DAYS].name, s->rules.turnover_days);
    if (s->rules.notice_days)
        json_add_number(b, set, fields[RULES_NOTICE_DAYS].name, s->rules.notice_days);
}

/* The records of one array at a scale, with their new ids; kept[i] is the id of record i's
 * first copy, or NULL when the record is left out of the variant. */
typedef struct {
    json_builder *builder;
    json *list;
    id_pool *pool;
    const char **kept;
} scaled_array;

static void add_dwellings(scaled_array *a, const logis_scenario *s, double scale)
{
    for (int d = 0; d < s->dwelling_count && a->builder->ok; d++)
        for (int copy = 1; copy <= copies_of(d, scale) && a->builder->ok; copy++) {
            const char *id = id_pool_take(a->pool, s->dwellings[d].id, copy);
            a->builder->ok = id != NULL;
            if (copy == 1)
                a->kept[d] = id;
            if (id)
                scenario_add_dwelling(a->builder, a->list, s, &s->dwellings[d], id);
        }
}

static void add_households(scaled_array *a, const logis_scenario *s, double scale,
                           int stay_months)
{
    for (int h = 0; h < s->household_count && a->builder->ok; h++)
        for (int copy = 1; copy <= copies_of(h, scale) && a->builder->ok; copy++) {
            const char *id = id_pool_take(a->pool, s->households[h].id, copy);
            a->builder->ok = id != NULL;
            if (copy == 1)
                a->kept[h] = id;
            if (id)
                add_household(a->builder, a->list, s, &s->households[h], id, stay_months);
        }
}

/* Fixed stays stay when both their household and their dwelling are in the variant. */
static void add_fixed(json_builder *b, json *root, const logis_scenario *s,
                      const char *const *households, const char *const *dwellings)
{
    json *list = json_add_array(b, root, "fixed");
    for (int f = 0; f < s->fixed_count; f++) {
        const fixed_stay *fx = &s->fixed[f];
        if (!households[fx->household] || !dwellings[fx->dwelling])
            continue;
        json *item = json_add_object(b, list, NULL);
        json_add_text(b, item, "household", households[fx->household]);
        json_add_text(b, item, "dwelling", dwellings[fx->dwelling]);
        json_add_date(b, item, "start", fx->start);
    }
}

static char *variant_name(const logis_scenario *s, const logis_variant *v)
{
    char stay[32] = "as given";
    if (v->stay_months)
        snprintf(stay, sizeof stay, "%d months", v->stay_months);
    size_t size = strlen(s->name) + 96;
    char *name = malloc(size);
    if (name)
        snprintf(name, size, "%s%sstays %s, park x%g, demand x%g", s->name,
                 *s->name ? ": " : "", stay, v->park, v->demand);
    return name;
}

json *scenario_document(const logis_scenario *s, const logis_variant *v, const char *name,
                        const scenario_extra *extra)
{
    json_builder b = {true};
    json *root = json_new_object();
    id_pool pool = {0};
    const char **dwellings = calloc((size_t)s->dwelling_count + 1, sizeof *dwellings);
    const char **households = calloc((size_t)s->household_count + 1, sizeof *households);
    b.ok = root && dwellings && households &&
           idmap_init(&pool.given, (size_t)(s->dwelling_count * ceil(v->park) +
                                            s->household_count * ceil(v->demand)) +
                                       (extra ? (size_t)extra->count : 0) + 16);
    json_add_text(&b, root, "name", name);
    json *horizon = json_add_object(&b, root, "horizon");
    json_add_date(&b, horizon, "start", s->horizon_start);
    json_add_date(&b, horizon, "end", s->horizon_end);
    add_rules(&b, root, s, v->stay_months);
    add_territories(&b, root, s);
    scaled_array park = {&b, json_add_array(&b, root, "dwellings"), &pool, dwellings};
    if (b.ok)
        add_dwellings(&park, s, v->park);
    for (int i = 0; extra && i < extra->count && b.ok; i++)
        scenario_add_dwelling(&b, park.list, s, &extra->dwellings[i], extra->ids[i]);
    scaled_array list = {&b, json_add_array(&b, root, "households"), &pool, households};
    if (b.ok)
        add_households(&list, s, v->demand, v->stay_months);
    if (b.ok)
        add_fixed(&b, root, s, households, dwellings);
    if (b.ok)
        add_links(&b, root, s, households);
    if (b.ok)
        add_objective(&b, root, s);
    free(dwellings);
    free(households);
    id_pool_free(&pool);
    if (!b.ok) {
        json_free(root);
        root = NULL;
    }
    return root;
}

static bool variant_is_valid(const logis_scenario *s, const logis_variant *v,
                             logis_diagnostics *diags)
{
    size_t errors = logis_diagnostics_errors(diags);
    if (v->stay_months < 0 || v->stay_months > s->rules.support_months)
        diag_add(diags, LOGIS_ERROR, s->path, 0, 0, "/rules/stay_months",
                 "a stay of %d months is not within 1..support_months (%d)", v->stay_months,
                 s->rules.support_months);
    if (!(v->park > 0 && v->park <= LARGEST_SCALE))
        diag_add(diags, LOGIS_ERROR, s->path, 0, 0, "/dwellings",
                 "a park scale of %g is not within (0, %d]", v->park, LARGEST_SCALE);
    if (!(v->demand > 0 && v->demand <= LARGEST_SCALE))
        diag_add(diags, LOGIS_ERROR, s->path, 0, 0, "/households",
                 "a demand scale of %g is not within (0, %d]", v->demand, LARGEST_SCALE);
    return logis_diagnostics_errors(diags) == errors;
}

void logis_variant_init(logis_variant *variant)
{
    *variant = (logis_variant){.stay_months = 0, .park = 1.0, .demand = 1.0};
}

logis_status logis_scenario_variant(const logis_scenario *base, const logis_variant *variant,
                                    char **text, logis_diagnostics *diags)
{
    *text = NULL;
    if (!variant_is_valid(base, variant, diags))
        return LOGIS_E_INPUT;
    char *name = variant_name(base, variant);
    json *document = name ? scenario_document(base, variant, name, NULL) : NULL;
    if (document)
        *text = json_print(document);
    json_free(document);
    free(name);
    return *text ? LOGIS_OK : LOGIS_E_NOMEM;
}
