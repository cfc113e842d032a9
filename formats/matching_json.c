/* Reading what a scenario says about matching: territory quotas, outcome scores (in a household,
 * as a list or as a CSV matrix), linked households and the objective's order. */
#include "formats/matching_json.h"

#include "base/csv.h"
#include "base/diag.h"
#include "base/path.h"
#include "base/textfile.h"
#include "domain/rules.h"
#include "formats/scores_csv.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- quotas ---- */

static bool read_quota(reader *r, const json *item, quota *q)
{
    const field_spec *fields = quota_fields;
    *q = (quota){.persons = NO_QUOTA, .households = NO_QUOTA};
    reader_check_members(r, item, fields);
    bool ok = reader_date(r, item, &fields[QUOTA_FROM], &q->from);
    ok &= reader_date(r, item, &fields[QUOTA_UNTIL], &q->until);
    ok &= reader_int(r, item, &fields[QUOTA_PERSONS], &q->persons);
    ok &= reader_int(r, item, &fields[QUOTA_HOUSEHOLDS], &q->households);
    if (ok && q->from >= q->until) {
        reader_invalid(r, "until", "must be after from");
        ok = false;
    }
    if (ok && q->persons == NO_QUOTA && q->households == NO_QUOTA) {
        reader_invalid(r, NULL, "a quota needs \"persons\" or \"households\" (or both)");
        ok = false;
    }
    return ok;
}

bool matching_read_quotas(reader *r, const json *record, territory *t)
{
    const json *list = json_member(record, "quotas");
    if (!list)
        return true;
    if (!json_is_array(list)) {
        reader_invalid(r, "quotas", "must be an array of {\"from\", \"until\", \"persons\"?, "
                                    "\"households\"?} (got %s)", json_kind(list));
        return false;
    }
    t->quotas = calloc(json_count(list) + 1, sizeof *t->quotas);
    if (!t->quotas) {
        r->out_of_memory = true;
        return false;
    }
    size_t mark = reader_push_key(r, "quotas");
    bool ok = true;
    for (const json *item = json_first(list); item; item = json_next(item)) {
        size_t item_mark = reader_push_index(r, (size_t)t->quota_count);
        if (!json_is_object(item)) {
            reader_invalid(r, NULL, "must be an object (got %s)", json_kind(item));
            ok = false;
        } else {
            ok &= read_quota(r, item, &t->quotas[t->quota_count]);
        }
        t->quota_count++;
        reader_pop(r, item_mark);
    }
    reader_pop(r, mark);
    return ok;
}

/* ---- scores ---- */

/* Sets household h's score in territory t; false (reported at key) when given before. */
static bool set_score(reader *r, household *h, int t, double value, const char *key)
{
    if (!h->scores)
        h->scores = calloc((size_t)r->scenario->territory_count + 1, sizeof *h->scores);
    if (!h->scores) {
        r->out_of_memory = true;
        return false;
    }
    if (h->scores[t] != 0 || isnan(h->scores[t])) {
        reader_invalid(r, key, "the score of household \"%s\" in territory \"%s\" is given twice",
                       h->id, r->scenario->territories[t].id);
        return false;
    }
    /* NaN marks "given" until the end of reading: a score of 0 given twice is found too */
    h->scores[t] = value == 0 ? NAN : value;
    return true;
}

static bool read_score_value(reader *r, const json *number, const char *key, double *value)
{
    *value = json_number(number);
    if (json_is_number(number) && scores_in_range(*value))
        return true;
    reader_invalid(r, key, "must be a number from 0 to %g (got %s)", SCORES_MAX,
                   json_is_number(number) ? "a number out of range" : json_kind(number));
    return false;
}

bool matching_read_household_scores(reader *r, const json *record, household *h)
{
    const json *object = json_member(record, "scores");
    if (!object)
        return true;
    if (!json_is_object(object)) {
        reader_invalid(r, "scores", "must be an object {\"TERRITORY_ID\": NUMBER, ...} (got %s)",
                       json_kind(object));
        return false;
    }
    size_t mark = reader_push_key(r, "scores");
    bool ok = true;
    for (const json *m = json_first(object); m; m = json_next(m)) {
        int t = idmap_get(&r->scenario->territory_ids, json_key(m));
        double value;
        if (t < 0) {
            reader_invalid(r, json_key(m), "no territory has this id");
            ok = false;
        } else if (read_score_value(r, m, json_key(m), &value)) {
            ok &= set_score(r, h, t, value, json_key(m));
        } else {
            ok = false;
        }
    }
    reader_pop(r, mark);
    return ok;
}

static bool read_score_record(reader *r, const json *record, int index)
{
    const field_spec *fields = score_fields;
    (void)index;
    logis_scenario *s = r->scenario;
    reader_check_members(r, record, fields);
    int h = reader_reference(r, record, &fields[SCORE_HOUSEHOLD], &s->household_ids,
                             "household");
    int t = reader_reference(r, record, &fields[SCORE_TERRITORY], &s->territory_ids,
                             "territory");
    const json *number = json_member(record, fields[SCORE_VALUE].name);
    double value = 0;
    if (!number) {
        reader_invalid(r, "value", "required member is missing");
        return false;
    }
    bool ok = read_score_value(r, number, "value", &value) && h >= 0 && t >= 0;
    return ok && set_score(r, &s->households[h], t, value, "value");
}

/* ---- the score matrix in CSV ---- */

typedef struct {
    reader *r;
    const char *path;
    int *territory_of_column;
} score_table;

static void cell_error(score_table *st, int row, int column, const char *message,
                       const char *cell)
{
    char name[8];
    csv_column_name(column, name);
    diag_add(st->r->diags, LOGIS_ERROR, st->path, row, column + 1, NULL,
             "row %d, column %s: %s \"%.60s\"", row, name, message, cell);
}

static bool read_header(score_table *st, const csv_row *header)
{
    bool ok = header->count >= 2;
    if (!ok)
        diag_add(st->r->diags, LOGIS_ERROR, st->path, 1, 1, NULL,
                 "row 1: expected the household id column, then one column per territory id");
    for (int c = 1; ok && c < header->count; c++) {
        st->territory_of_column[c] = idmap_get(&st->r->scenario->territory_ids,
                                               header->cells[c]);
        if (st->territory_of_column[c] < 0) {
            cell_error(st, header->row, c, "no territory has the id", header->cells[c]);
            ok = false;
        }
    }
    return ok;
}

static bool read_score_row(score_table *st, const csv_row *row)
{
    logis_scenario *s = st->r->scenario;
    int h = idmap_get(&s->household_ids, row->cells[0]);
    if (h < 0) {
        cell_error(st, row->row, 0, "no household has the id", row->cells[0]);
        return false;
    }
    bool ok = true;
    for (int c = 1; c < row->count; c++) {
        double value;
        if (st->territory_of_column[c] < 0 || !scores_parse_cell(row->cells[c], &value)) {
            cell_error(st, row->row, c, SCORES_CELL_EXPECTED, row->cells[c]);
            ok = false;
        } else if (value != 0) {
            ok &= set_score(st->r, &s->households[h], st->territory_of_column[c], value, NULL);
        }
    }
    return ok;
}

static void read_score_csv(reader *r, const char *written)
{
    char *path = path_beside(r->scenario->path, written);
    char *text = NULL;
    size_t length = 0;
    csv_table table = {0};
    score_table st = {r, written, NULL};
    r->out_of_memory |= !path;
    bool allowed = path && reader_inside_folder(r, path, "scores", written);
    size_t errors = logis_diagnostics_errors(r->diags);
    logis_status read = allowed ? textfile_read(path, r->options.max_input_bytes, &text, &length,
                                                r->diags)
                                : LOGIS_E_INPUT;
    /* the file's own error does not say which scenario names it; a lack of memory is no fault
     * of the file's */
    if (allowed && read == LOGIS_E_INPUT && logis_diagnostics_errors(r->diags) > errors)
        reader_invalid(r, "scores", "names \"%.*s\", which could not be read (above)",
                       MAX_ID_LENGTH, written);
    if (read == LOGIS_OK)
        read = csv_parse(written, text, length, &table, r->diags);
    r->out_of_memory |= read == LOGIS_E_NOMEM;
    bool ok = read == LOGIS_OK && table.count > 0;
    st.territory_of_column = ok ? calloc((size_t)table.rows[0].count + 1, sizeof(int)) : NULL;
    r->out_of_memory |= ok && !st.territory_of_column;
    if (st.territory_of_column && read_header(&st, &table.rows[0]))
        for (int i = 1; i < table.count && !diag_full(r->diags); i++)
            read_score_row(&st, &table.rows[i]);
    free(st.territory_of_column);
    csv_table_free(&table);
    free(text);
    free(path);
}

/* Undoes set_score's mark of scores given as 0. */
static void settle_scores(logis_scenario *s)
{
    for (int h = 0; h < s->household_count; h++)
        for (int t = 0; s->households[h].scores && t < s->territory_count; t++)
            if (isnan(s->households[h].scores[t]))
                s->households[h].scores[t] = 0;
    for (int h = 0; h < s->household_count; h++)
        s->has_scores |= s->households[h].scores != NULL;
}

/* A path ending in .json names a file holding the list, as for the other sections; any other
 * path names the CSV matrix. */
static bool names_json_file(const json *member)
{
    const char *path = json_string(member);
    size_t length = path ? strlen(path) : 0;
    return length >= 5 && strcasecmp(path + length - 5, ".json") == 0;
}

void matching_read_scores(reader *r, const json *root)
{
    const json *member = json_member(root, "scores");
    if (member && json_is_string(member) && !names_json_file(member)) {
        read_score_csv(r, json_string(member));
    } else if (member) { /* each record goes into its household: the array is not kept */
        void *unused = NULL;
        int count = 0;
        reader_section(r, root, &scenario_fields[SCENARIO_SCORES], read_score_record, &unused, 1,
                       &count);
        free(unused);
    }
    settle_scores(r->scenario);
}

/* ---- links ---- */

static bool add_member(reader *r, link_group *group, int link_index, const json *id, size_t at)
{
    logis_scenario *s = r->scenario;
    const char *text = json_string(id);
    int h = text ? idmap_get(&s->household_ids, text) : -1;
    size_t mark = reader_push_index(r, at);
    bool ok = h >= 0 && s->households[h].link == NO_LINK;
    if (!text)
        reader_invalid(r, NULL, "must be a household id (got %s)", json_kind(id));
    else if (h < 0)
        reader_invalid(r, NULL, "no household has the id \"%.200s\"", text);
    else if (s->households[h].link == link_index)
        reader_invalid(r, NULL, "household \"%s\" is listed twice", text);
    else if (!ok)
        reader_invalid(r, NULL, "household \"%s\" is already in link %d", text,
                       s->households[h].link);
    reader_pop(r, mark);
    if (ok) {
        s->households[h].link = link_index;
        group->members[group->count++] = h;
    }
    return ok;
}

static int compare_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static bool read_link(reader *r, const json *record, int index)
{
    const field_spec *fields = link_fields;
    link_group *group = &r->scenario->links[index];
    reader_check_members(r, record, fields);
    bool ok = reader_choice(r, record, &fields[LINK_SAME]) >= 0;
    const json *list = json_member(record, "households");
    if (!list || !json_is_array(list) || json_count(list) < 2) {
        reader_invalid(r, "households", "must be an array of at least two household ids");
        return false;
    }
    group->members = malloc(json_count(list) * sizeof *group->members);
    if (!group->members) {
        r->out_of_memory = true;
        return false;
    }
    size_t mark = reader_push_key(r, "households"), at = 0;
    for (const json *id = json_first(list); id; id = json_next(id))
        ok &= add_member(r, group, index, id, at++);
    reader_pop(r, mark);
    qsort(group->members, (size_t)group->count, sizeof *group->members, compare_ints);
    return ok;
}

void matching_read_links(reader *r, const json *root)
{
    logis_scenario *s = r->scenario;
    for (int h = 0; h < s->household_count; h++)
        s->households[h].link = NO_LINK;
    reader_section(r, root, &scenario_fields[SCENARIO_LINKS], read_link, (void **)&s->links,
                   sizeof *s->links, &s->link_count);
}

/* ---- the objective's order ---- */

static int level_of_word(const char *word)
{
    for (int level = 0; word && level < OBJECTIVE_LEVELS; level++)
        if (rule_level_word(level) && strcmp(word, rule_level_word(level)) == 0)
            return level;
    return -1;
}

static bool read_level(reader *r, const json *item, size_t at)
{
    logis_scenario *s = r->scenario;
    int level = level_of_word(json_string(item));
    bool repeated = false;
    for (int k = 0; k < s->objective_count; k++)
        repeated |= s->objective_order[k] == level;
    size_t mark = reader_push_index(r, at);
    if (level < 0)
        reader_invalid(r, NULL, "must be one of \"persons\", \"score\", \"wait\", \"empty\"");
    else if (repeated)
        reader_invalid(r, NULL, "\"%s\" is listed twice", rule_level_word(level));
    else
        s->objective_order[s->objective_count++] = level;
    reader_pop(r, mark);
    return level >= 0 && !repeated;
}

void matching_read_objective(reader *r, const json *root)
{
    logis_scenario *s = r->scenario;
    const json *list = json_member(root, "objective");
    s->objective_count = rule_default_objective(s, s->objective_order);
    if (!list)
        return;
    if (!json_is_array(list) || json_count(list) == 0 ||
        json_count(list) > OBJECTIVE_LEVELS - 1) {
        reader_invalid(r, "objective", "must be an array such as [\"persons\", \"score\", "
                                       "\"wait\", \"empty\"]");
        return;
    }
    s->objective_count = 0;
    size_t mark = reader_push_key(r, "objective"), at = 0;
    for (const json *item = json_first(list); item; item = json_next(item))
        read_level(r, item, at++);
    reader_pop(r, mark);
}
