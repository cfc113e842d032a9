/* The scenario as a planner knows it on a day: the households announced so far, for a replay
 * that lives the year week by week. */
#include "domain/announced.h"

#include <stdlib.h>

void announced_free(announced_scenario *a)
{
    free(a->households);
    free(a->fixed);
    free(a->links);
    free(a->link_members);
    idmap_free(&a->scenario.household_ids);
    *a = (announced_scenario){0};
}

/* The fixed stays of the households kept, with their new indices (index_of: -1 when gone). */
static int keep_fixed(const logis_scenario *s, const int *index_of, fixed_stay *out)
{
    int count = 0;
    for (int f = 0; f < s->fixed_count; f++) {
        if (index_of[s->fixed[f].household] < 0)
            continue;
        out[count] = s->fixed[f];
        out[count++].household = index_of[s->fixed[f].household];
    }
    return count;
}

/* The links of s among the households kept, with their new indices; the households' link
 * fields follow. False when out of memory. */
static bool keep_links(const logis_scenario *s, const int *index_of, announced_scenario *a)
{
    int members = 0;
    for (int l = 0; l < s->link_count; l++)
        members += s->links[l].count;
    a->links = malloc(((size_t)s->link_count + 1) * sizeof *a->links);
    a->link_members = malloc(((size_t)members + 1) * sizeof *a->link_members);
    if (!a->links || !a->link_members)
        return false;
    int count = 0, used = 0;
    for (int l = 0; l < s->link_count; l++) {
        link_group kept = {a->link_members + used, 0};
        for (int k = 0; k < s->links[l].count; k++)
            if (index_of[s->links[l].members[k]] >= 0)
                kept.members[kept.count++] = index_of[s->links[l].members[k]];
        for (int k = 0; k < kept.count; k++)
            a->households[kept.members[k]].link = kept.count >= 2 ? count : NO_LINK;
        if (kept.count >= 2) {
            a->links[count++] = kept;
            used += kept.count;
        }
    }
    a->scenario.links = a->links;
    a->scenario.link_count = count;
    return true;
}

bool announced_build(const logis_scenario *s, day_t until, announced_scenario *a)
{
    *a = (announced_scenario){.scenario = *s};
    a->scenario.household_ids = (idmap){0};
    int *index_of = malloc(((size_t)s->household_count + 1) * sizeof *index_of);
    a->households = malloc(((size_t)s->household_count + 1) * sizeof *a->households);
    a->fixed = malloc(((size_t)s->fixed_count + 1) * sizeof *a->fixed);
    bool ok = index_of && a->households && a->fixed &&
              idmap_init(&a->scenario.household_ids, (size_t)s->household_count + 1);
    int count = 0;
    for (int h = 0; ok && h < s->household_count; h++) {
        index_of[h] = -1;
        if (s->households[h].arrival >= until)
            continue;
        a->households[count] = s->households[h];
        ok = idmap_put(&a->scenario.household_ids, s->households[h].id, count) == -1;
        index_of[h] = count++;
    }
    ok = ok && keep_links(s, index_of, a);
    if (ok) {
        a->scenario.households = a->households;
        a->scenario.household_count = count;
        a->scenario.fixed = a->fixed;
        a->scenario.fixed_count = keep_fixed(s, index_of, a->fixed);
        a->scenario.forecast.announced_until = until;
    }
    free(index_of);
    if (!ok)
        announced_free(a);
    return ok;
}
