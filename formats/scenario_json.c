/* Reading a scenario: the JSON files, every member checked against the documented format, errors
 * collected with their file and JSON Pointer, ids resolved into the domain structures. */
#include "base/check.h"
#include "base/diag.h"
#include "base/json.h"
#include "base/limits.h"
#include "base/path.h"
#include "domain/rules.h"
#include "domain/scenario.h"
#include "formats/scenario_json.h"
#include "formats/matching_json.h"
#include "formats/scenario_reader.h"
#include "base/textfile.h"
#include "base/utf8.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

/* ---- JSON Pointer bookkeeping ---- */

size_t reader_push_key(reader *r, const char *key)
{
    size_t mark = r->pointer_length;
    size_t room = sizeof r->pointer - r->pointer_length;
    char *at = r->pointer + r->pointer_length;
    if (room > 1) {
        *at++ = '/';
        room--;
    }
    for (const char *p = key; *p && room > 2; p++) {
        if (*p == '~' || *p == '/') {
            *at++ = '~';
            *at++ = *p == '~' ? '0' : '1';
            room -= 2;
        } else {
            *at++ = *p;
            room--;
        }
    }
    *at = '\0';
    r->pointer_length = (size_t)(at - r->pointer);
    return mark;
}

size_t reader_push_index(reader *r, size_t index)
{
    char text[32];
    snprintf(text, sizeof text, "%zu", index);
    return reader_push_key(r, text);
}

void reader_pop(reader *r, size_t mark)
{
    r->pointer_length = mark;
    r->pointer[mark] = '\0';
}

/* Reports an error at the current pointer, extended by key when given. */
void reader_invalid(reader *r, const char *key, const char *format, ...)
    __attribute__((format(printf, 3, 4)));

void reader_invalid(reader *r, const char *key, const char *format, ...)
{
    size_t mark = key ? reader_push_key(r, key) : r->pointer_length;
    diag_place place = {LOGIS_ERROR, .file = r->file, .pointer = r->pointer,
                        .record = r->record_id};
    va_list args;
    va_start(args, format);
    diag_vadd(r->diags, &place, format, args);
    va_end(args);
    reader_pop(r, mark);
}

char *reader_copy(reader *r, const char *text)
{
    char *copy = strdup(text);
    if (!copy)
        r->out_of_memory = true;
    return copy;
}

/* ---- unknown members: one warning per kind of record and member name ---- */

static void note_unknown(reader *r, const char *name)
{
    for (int i = 0; i < r->unknown_count; i++) {
        unknown_member *u = &r->unknowns[i];
        if (u->section == r->section && strcmp(u->name, name) == 0) {
            u->more++;
            return;
        }
    }
    if (r->unknown_count == MAX_UNKNOWN_KINDS)
        return;
    size_t mark = reader_push_key(r, name);
    unknown_member *u = &r->unknowns[r->unknown_count];
    *u = (unknown_member){r->section, strdup(name), strdup(r->file), strdup(r->pointer), 0};
    reader_pop(r, mark);
    if (!u->name || !u->file || !u->pointer) {
        free(u->name);
        free(u->file);
        free(u->pointer);
        r->out_of_memory = true;
        return;
    }
    r->unknown_count++;
}

/* Notes the unknown members of object. A member given twice never gets here: the parser
 * refuses it (textfile_parse_json), so a repeated unknown member is not "one more record". */
void reader_check_members(reader *r, const json *object, const field_spec *fields)
{
    for (const json *m = json_first(object); m; m = json_next(m)) {
        bool found = false;
        for (const field_spec *f = fields; f->name && !found; f++)
            found = strcmp(f->name, json_key(m)) == 0;
        if (!found)
            note_unknown(r, json_key(m));
    }
}

static void report_unknowns(reader *r)
{
    for (int i = 0; i < r->unknown_count; i++) {
        unknown_member *u = &r->unknowns[i];
        if (u->more)
            diag_add(r->diags, LOGIS_WARNING, u->file, 0, 0, u->pointer,
                     "unknown member ignored (also in %d more %s)", u->more, u->section);
        else
            diag_add(r->diags, LOGIS_WARNING, u->file, 0, 0, u->pointer,
                     "unknown member ignored");
        free(u->name);
        free(u->file);
        free(u->pointer);
    }
    r->unknown_count = 0;
}

/* ---- typed members ---- */

/* The member the field names; NULL when absent (reported when required: *ok then false). */
static const json *field_member(reader *r, const json *object, const field_spec *field, bool *ok)
{
    const json *member = json_member(object, field->name);
    *ok = member || !field->required;
    if (!member && field->required)
        reader_invalid(r, field->name, "required member is missing");
    return member;
}

bool reader_int(reader *r, const json *object, const field_spec *field, int *value)
{
    return reader_int_upto(r, object, field, field->high, value);
}

bool reader_int_upto(reader *r, const json *object, const field_spec *field, long high,
                     int *value)
{
    LOGIS_ASSERT(field->type == FIELD_INTEGER && high <= field->high);
    const char *key = field->name;
    long low = field->low;
    bool ok;
    const json *member = field_member(r, object, field, &ok);
    if (!member)
        return ok;
    double number = json_number(member);
    if (!isfinite(number) || number != floor(number) || number < (double)low ||
        number > (double)high) {
        if (json_is_number(member) && !isfinite(number))
            reader_invalid(r, key, "must be an integer from %ld to %ld (got a number too large)",
                           low, high);
        else if (json_is_number(member))
            reader_invalid(r, key, "must be an integer from %ld to %ld (got %.15g)", low, high,
                           number);
        else
            reader_invalid(r, key, "must be an integer from %ld to %ld (got %s)", low, high,
                    json_kind(member));
        return false;
    }
    *value = (int)number;
    return true;
}

bool reader_date(reader *r, const json *object, const field_spec *field, day_t *day)
{
    LOGIS_ASSERT(field->type == FIELD_DATE);
    const char *key = field->name;
    bool ok;
    const json *member = field_member(r, object, field, &ok);
    if (!member)
        return ok;
    const char *text = json_string(member);
    if (!text) {
        reader_invalid(r, key, "must be a date YYYY-MM-DD (got %s)", json_kind(member));
        return false;
    }
    if (!date_parse(text, day)) {
        char problem[DATE_PROBLEM_SIZE];
        reader_invalid(r, key, "%s", date_problem(text, problem));
        return false;
    }
    return true;
}

bool reader_bool(reader *r, const json *object, const field_spec *field, bool *flag)
{
    LOGIS_ASSERT(field->type == FIELD_BOOLEAN && !field->required);
    const char *key = field->name;
    const json *member = json_member(object, key);
    if (!member)
        return true;
    if (!json_is_bool(member)) {
        reader_invalid(r, key, "must be true or false (got %s)", json_kind(member));
        return false;
    }
    *flag = json_true(member);
    return true;
}

/* Text kept from the input (an id, a name) must hold no control character (a line break, a
 * terminal escape) and no bidirectional control, which would make it display other than it
 * is in messages and reports. False (reported at key, item when item >= 0) when it does. */
bool reader_text_allowed(reader *r, const char *key, long item, const char *text)
{
    char what[96];
    utf8_finding found = utf8_check_text(text);
    if (found.problem == UTF8_FINE)
        return true;
    if (item >= 0)
        reader_invalid(r, key, "item %ld must not hold %s", item, utf8_describe(found, what));
    else
        reader_invalid(r, key, "must not hold %s", utf8_describe(found, what));
    return false;
}

/* An id: a non-empty string of at most MAX_ID_LENGTH bytes. Returns NULL (reported) when
 * wrong. */
const char *reader_id(reader *r, const json *object, const field_spec *field)
{
    LOGIS_ASSERT(field->type == FIELD_ID || field->type == FIELD_REFERENCE);
    const char *key = field->name;
    bool ok;
    const json *member = field_member(r, object, field, &ok);
    if (!member)
        return NULL;
    const char *text = json_string(member);
    if (!text)
        reader_invalid(r, key, "must be a string id (got %s)", json_kind(member));
    else if (!text[0])
        reader_invalid(r, key, "must be a non-empty string id");
    else if (strlen(text) > MAX_ID_LENGTH)
        reader_invalid(r, key, "must be an id of at most %d bytes (got %zu)", MAX_ID_LENGTH,
                strlen(text));
    else if (reader_text_allowed(r, key, -1, text))
        return text;
    return NULL;
}

/* One of the field's words; returns its index, or the field's default when absent, -1 when
 * wrong. */
int reader_choice(reader *r, const json *object, const field_spec *field)
{
    LOGIS_ASSERT(field->type == FIELD_CHOICE && field->has_default);
    const char *key = field->name;
    const char *const *words = field->words;
    const json *member = json_member(object, key);
    if (!member)
        return (int)field->default_value;
    const char *text = json_string(member);
    for (int i = 0; text && words[i]; i++)
        if (strcmp(text, words[i]) == 0)
            return i;
    char expected[200] = "";
    for (int i = 0; words[i]; i++) {
        size_t used = strlen(expected);
        snprintf(expected + used, sizeof expected - used, "%s\"%s\"", i ? ", " : "", words[i]);
    }
    reader_invalid(r, key, "must be one of %s", expected);
    return -1;
}

static int feature_bit(reader *r, const char *name)
{
    logis_scenario *s = r->scenario;
    for (int i = 0; i < s->feature_count; i++)
        if (strcmp(s->features[i], name) == 0)
            return i;
    if (s->feature_count == MAX_FEATURES)
        return -1;
    s->features[s->feature_count] = reader_copy(r, name);
    return s->features[s->feature_count] ? s->feature_count++ : -1;
}

/* A list of feature names (dwelling features, household needs) as a set. */
bool reader_features(reader *r, const json *object, const field_spec *field, feature_set *set)
{
    LOGIS_ASSERT(field->type == FIELD_FEATURES && !field->required);
    const char *key = field->name;
    const json *member = json_member(object, key);
    if (!member)
        return true;
    if (!json_is_array(member)) {
        reader_invalid(r, key, "must be an array of strings (got %s)", json_kind(member));
        return false;
    }
    size_t mark = reader_push_key(r, key);
    bool ok = true;
    size_t index = 0;
    for (const json *item = json_first(member); item; item = json_next(item), index++) {
        const char *name = json_string(item);
        if (name && !reader_text_allowed(r, NULL, (long)index, name)) {
            ok = false;
            break;
        }
        int bit = name && name[0] && strlen(name) <= MAX_ID_LENGTH ? feature_bit(r, name) : -2;
        if (bit == -2 && name && name[0])
            reader_invalid(r, NULL, "item %zu must be a name of at most %d bytes (got %zu)", index,
                    MAX_ID_LENGTH, strlen(name));
        else if (bit == -2)
            reader_invalid(r, NULL, "item %zu must be a non-empty string (got %s)", index,
                    json_kind(item));
        else if (bit == -1 && !r->out_of_memory)
            reader_invalid(r, NULL, "more than %d distinct features and needs", MAX_FEATURES);
        if (bit < 0) {
            ok = false;
            break;
        }
        *set |= (feature_set)1 << bit;
    }
    reader_pop(r, mark);
    return ok;
}

static int compare_ints(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

/* A reference to a record of another section, through its id map. Returns the index or -1. */
int reader_reference(reader *r, const json *object, const field_spec *field, const idmap *ids,
                     const char *kind)
{
    const char *key = field->name;
    const char *id = reader_id(r, object, field);
    if (!id)
        return -1;
    int index = idmap_get(ids, id);
    if (index < 0)
        reader_invalid(r, key, "no %s has the id \"%s\"", kind, id);
    return index;
}

/* ---- documents and sections ---- */

json *reader_load_document(reader *r, const char *path)
{
    if (r->document_count == MAX_DOCUMENTS)
        return NULL;
    char *text = NULL;
    size_t length = 0;
    char *display = reader_copy(r, path);
    if (!display)
        return NULL;
    r->document_paths[r->document_count] = display;
    json *document = NULL;
    logis_status status = textfile_read(path, r->options.max_input_bytes, &text, &length,
                                        r->diags);
    if (status == LOGIS_OK)
        status = textfile_parse_json(path, text, length, &document, r->diags);
    r->out_of_memory |= status == LOGIS_E_NOMEM;
    free(text);
    r->documents[r->document_count++] = document;
    return document;
}

/* Whether the section file at path (named `written` in the scenario, under key) may be read: it
 * must resolve, symbolic links included, inside the scenario's folder unless allow_outside. A
 * file that does not exist passes here, to be reported when it is opened. */
bool reader_inside_folder(reader *r, const char *path, const char *key,
                          const char *written)
{
    if (r->options.allow_outside)
        return true;
    path_place place = path_place_beside(path, r->scenario->path);
    if (place == PATH_NO_MEMORY)
        r->out_of_memory = true;
    if (place == PATH_OUTSIDE) {
        size_t mark = reader_push_key(r, key);
        path_refuse_outside(r->diags, r->file, r->pointer, written);
        reader_pop(r, mark);
    }
    return place == PATH_INSIDE;
}

/* Reads each object of array with read_record into *records, a new array of *count zeroed
 * records of record_size bytes. */
bool reader_array(reader *r, const json *array, const char *key, record_reader read_record,
                  void **records, size_t record_size, int *count)
{
    bool ok = json_is_array(array);
    if (!ok)
        reader_invalid(r, NULL,
                       "must be an array of %s, or the path of a file holding one (got %s)", key,
                       json_kind(array));
    else if (json_count(array) > MAX_RECORDS) {
        reader_invalid(r, NULL, "more than %d %s", MAX_RECORDS, key);
        ok = false;
    }
    *records = ok ? calloc(json_count(array) + 1, record_size) : NULL;
    if (ok && !*records) {
        r->out_of_memory = true;
        ok = false;
    }
    r->section = key;
    int index = 0;
    for (const json *item = ok ? json_first(array) : NULL; item && !diag_full(r->diags);
         item = json_next(item), index++) {
        size_t item_mark = reader_push_index(r, (size_t)index);
        if (!json_is_object(item))
            reader_invalid(r, NULL, "must be an object (got %s)", json_kind(item));
        else
            read_record(r, item, index);
        r->record_id = NULL;
        reader_pop(r, item_mark);
    }
    *count = ok ? (int)json_count(array) : 0;
    return ok;
}

bool reader_section(reader *r, const json *root, const field_spec *field,
                    record_reader read_record, void **records, size_t record_size,
                    int *count)
{
    LOGIS_ASSERT(field->type == FIELD_RECORDS);
    const char *key = field->name;
    bool ok;
    const json *member = field_member(r, root, field, &ok);
    *count = 0;
    if (!member)
        return ok;
    const char *saved_file = r->file;
    size_t saved_length = r->pointer_length;
    char saved_pointer[sizeof r->pointer];
    memcpy(saved_pointer, r->pointer, sizeof saved_pointer);
    const json *array = member;
    if (json_is_string(member)) {
        char *path = path_beside(r->scenario->path, json_string(member));
        r->out_of_memory |= !path;
        bool allowed = path && reader_inside_folder(r, path, key, json_string(member));
        size_t errors = logis_diagnostics_errors(r->diags);
        array = allowed ? reader_load_document(r, path) : NULL;
        free(path);
        if (!array && allowed && logis_diagnostics_errors(r->diags) > errors)
            reader_invalid(r, key, "names \"%.*s\", which could not be read (above)", MAX_ID_LENGTH,
                    json_string(member));
        if (!array)
            return false;
        r->file = r->document_paths[r->document_count - 1];
        reader_pop(r, 0);
    } else {
        reader_push_key(r, key);
    }
    ok = reader_array(r, array, key, read_record, records, record_size, count);
    r->file = saved_file;
    memcpy(r->pointer, saved_pointer, sizeof saved_pointer);
    r->pointer_length = saved_length;
    return ok;
}

/* Registers a record's id; false (reported) when missing or a duplicate. */
static bool register_id(reader *r, const json *record, const field_spec *id_field, idmap *ids,
                        int index, char **out)
{
    const char *id = reader_id(r, record, id_field);
    if (!id)
        return false;
    *out = reader_copy(r, id);
    if (!*out)
        return false;
    int previous = idmap_put(ids, *out, index);
    if (previous == -2)
        r->out_of_memory = true;
    else if (previous >= 0)
        reader_invalid(r, id_field->name, "duplicate id \"%s\" (first at index %d)", id, previous);
    if (previous == -1) {
        r->record_id = *out;
        return true;
    }
    free(*out);
    *out = NULL;
    return false;
}

static bool read_territory(reader *r, const json *record, int index)
{
    const field_spec *fields = territory_fields;
    territory *t = &r->scenario->territories[index];
    *t = (territory){.caseload = NO_CASELOAD};
    reader_check_members(r, record, fields);
    const json *name = json_member(record, fields[TERRITORY_NAME].name);
    bool ok = register_id(r, record, &fields[TERRITORY_ID], &r->scenario->territory_ids, index,
                          &t->id);
    if (name && !json_is_string(name)) {
        reader_invalid(r, "name", "must be a string (got %s)", json_kind(name));
        ok = false;
    } else if (name && !reader_text_allowed(r, "name", -1, json_string(name))) {
        ok = false;
    } else if (name) {
        t->name = reader_copy(r, json_string(name));
    }
    ok &= reader_int(r, record, &fields[TERRITORY_CASELOAD], &t->caseload);
    ok &= matching_read_quotas(r, record, t);
    return ok;
}

static bool read_dwelling(reader *r, const json *record, int index)
{
    const field_spec *fields = dwelling_fields;
    dwelling *d = &r->scenario->dwellings[index];
    *d = (dwelling){.territory = -1,
                    .available_from = DAY_NONE_BEFORE,
                    .available_until = DAY_NONE_AFTER};
    reader_check_members(r, record, fields);
    bool ok = register_id(r, record, &fields[DWELLING_ID], &r->scenario->dwelling_ids, index,
                          &d->id);
    d->territory = reader_reference(r, record, &fields[DWELLING_TERRITORY],
                                    &r->scenario->territory_ids, "territory");
    ok &= d->territory >= 0;
    ok &= reader_bool(r, record, &fields[DWELLING_SHARED], &d->shared);
    ok &= reader_int_upto(r, record, &fields[DWELLING_PLACES],
                          d->shared ? MAX_SHARED_PLACES : MAX_UNSHARED_PLACES, &d->places);
    int lease = reader_choice(r, record, &fields[DWELLING_LEASE]);
    ok &= lease >= 0;
    d->lease = lease == LEASE_SLIDING ? LEASE_SLIDING : LEASE_TEMPORARY;
    ok &= reader_features(r, record, &fields[DWELLING_FEATURES], &d->features);
    ok &= reader_date(r, record, &fields[DWELLING_AVAILABLE_FROM], &d->available_from);
    ok &= reader_date(r, record, &fields[DWELLING_AVAILABLE_UNTIL], &d->available_until);
    if (ok && d->lease == LEASE_SLIDING && d->shared) {
        reader_invalid(r, fields[DWELLING_SHARED].name, "a sliding-lease dwelling is never shared");
        ok = false;
    }
    if (ok && d->available_from >= d->available_until) {
        reader_invalid(r, fields[DWELLING_AVAILABLE_UNTIL].name, "must be after available_from");
        ok = false;
    }
    return ok;
}

static bool read_household_territories(reader *r, const json *record, household *h)
{
    const json *list = json_member(record, "territories");
    if (!list)
        return true;
    if (!json_is_array(list)) {
        reader_invalid(r, "territories", "must be an array of territory ids (got %s)",
                       json_kind(list));
        return false;
    }
    h->territories = malloc((json_count(list) + 1) * sizeof *h->territories);
    if (!h->territories) {
        r->out_of_memory = true;
        return false;
    }
    size_t mark = reader_push_key(r, "territories");
    bool ok = true;
    size_t index = 0;
    for (const json *item = json_first(list); item; item = json_next(item), index++) {
        const char *id = json_string(item);
        int found = id ? idmap_get(&r->scenario->territory_ids, id) : -1;
        char key[32];
        snprintf(key, sizeof key, "%zu", index);
        if (!id)
            reader_invalid(r, key, "must be a territory id (got %s)", json_kind(item));
        else if (found < 0)
            reader_invalid(r, key, "no territory has the id \"%.*s\"", MAX_ID_LENGTH, id);
        if (found < 0) {
            ok = false;
            continue;
        }
        h->territories[h->territory_count++] = found;
    }
    reader_pop(r, mark);
    qsort(h->territories, (size_t)h->territory_count, sizeof *h->territories, compare_ints);
    return ok;
}

static bool check_composition(reader *r, const json *record, const household *h)
{
    int adults = -1, children = -1;
    bool ok = reader_int(r, record, &household_fields[HOUSEHOLD_ADULTS], &adults);
    ok &= reader_int(r, record, &household_fields[HOUSEHOLD_CHILDREN], &children);
    if (ok && adults >= 0 && children >= 0 && adults + children != h->size) {
        reader_invalid(r, NULL, "adults + children = %d, but size is %d", adults + children,
                       h->size);
        ok = false;
    }
    return ok;
}

/* One household into *h, its id registered in ids. Unknown members are warned about, except in
 * a forecast (a past list: its other members are of no concern). */
static bool read_household_into(reader *r, const json *record, int index, household *h,
                                idmap *ids, bool announced)
{
    const field_spec *fields = household_fields;
    const rules *defaults = &r->scenario->rules;
    *h = (household){.stay_months = defaults->stay_months,
                     .priority = (int)fields[HOUSEHOLD_PRIORITY].default_value,
                     .weight = 1,
                     .link = NO_LINK};
    if (announced)
        reader_check_members(r, record, fields);
    bool ok = register_id(r, record, &fields[HOUSEHOLD_ID], ids, index, &h->id);
    ok &= reader_int(r, record, &fields[HOUSEHOLD_SIZE], &h->size);
    ok &= ok && check_composition(r, record, h);
    ok &= reader_date(r, record, &fields[HOUSEHOLD_ARRIVAL], &h->arrival);
    ok &= reader_int_upto(r, record, &fields[HOUSEHOLD_STAY_MONTHS], defaults->support_months,
                          &h->stay_months);
    ok &= reader_features(r, record, &fields[HOUSEHOLD_NEEDS], &h->needs);
    ok &= read_household_territories(r, record, h);
    ok &= reader_int(r, record, &fields[HOUSEHOLD_PRIORITY], &h->priority);
    h->may_share = h->size == 1;
    ok &= reader_bool(r, record, &fields[HOUSEHOLD_MAY_SHARE], &h->may_share);
    int lease = reader_choice(r, record, &fields[HOUSEHOLD_LEASE]);
    ok &= lease >= 0;
    h->lease = lease > 0 ? (lease_wish)lease : WANTS_ANY; /* the words follow the enum */
    if (announced) /* a past list's scores say nothing of the households to come */
        ok &= matching_read_household_scores(r, record, h);
    if (!ok)
        household_release_lists(h);
    return ok;
}

static bool read_household(reader *r, const json *record, int index)
{
    logis_scenario *s = r->scenario;
    return read_household_into(r, record, index, &s->households[index], &s->household_ids,
                               true);
}

static bool read_forecast_household(reader *r, const json *record, int index)
{
    forecast_list *f = &r->scenario->forecast;
    bool ok = read_household_into(r, record, index, &f->households[index], &f->ids, false);
    f->households[index].forecast = true;
    return ok;
}

/* "forecast": {"households": ARRAY | "path.json", "announced_until"?: DATE,
 * "shift_days"?: INTEGER, "samples"?: INTEGER}. */
static void read_forecast(reader *r, const json *root)
{
    const field_spec *fields = forecast_fields;
    const json *object = json_member(root, "forecast");
    forecast_list *f = &r->scenario->forecast;
    f->announced_until = DAY_NONE_AFTER;
    f->samples = (int)fields[FORECAST_SAMPLES].default_value;
    if (!object)
        return;
    if (!json_is_object(object)) {
        reader_invalid(r, "forecast", "must be an object {\"households\", \"announced_until\"?, "
                "\"shift_days\"?, \"samples\"?} (got %s)", json_kind(object));
        return;
    }
    if (!idmap_init(&f->ids, 1024)) {
        r->out_of_memory = true;
        return;
    }
    size_t mark = reader_push_key(r, "forecast");
    r->section = "forecast";
    reader_check_members(r, object, fields);
    reader_int(r, object, &fields[FORECAST_SHIFT_DAYS], &f->shift_days);
    reader_date(r, object, &fields[FORECAST_ANNOUNCED_UNTIL], &f->announced_until);
    reader_int(r, object, &fields[FORECAST_SAMPLES], &f->samples);
    if (!r->options.forecast)
        f->given = reader_section(r, object, &fields[FORECAST_HOUSEHOLDS], read_forecast_household,
                                  (void **)&f->households, sizeof *f->households, &f->count);
    reader_pop(r, mark);
}

/* The forecast's households from the file the caller named (logis_load_options.forecast). */
static void read_forecast_file(reader *r)
{
    forecast_list *f = &r->scenario->forecast;
    if (!f->ids.keys && !idmap_init(&f->ids, 1024)) {
        r->out_of_memory = true;
        return;
    }
    const char *saved_file = r->file;
    size_t saved_length = r->pointer_length;
    char saved_pointer[sizeof r->pointer];
    memcpy(saved_pointer, r->pointer, sizeof saved_pointer);
    json *array = reader_load_document(r, r->options.forecast);
    if (array) {
        r->file = r->document_paths[r->document_count - 1];
        reader_pop(r, 0);
        f->given = reader_array(r, array, "households", read_forecast_household,
                                (void **)&f->households, sizeof *f->households, &f->count);
    }
    r->file = saved_file;
    memcpy(r->pointer, saved_pointer, sizeof saved_pointer);
    r->pointer_length = saved_length;
}

static bool read_fixed(reader *r, const json *record, int index)
{
    const field_spec *fields = fixed_fields;
    logis_scenario *s = r->scenario;
    fixed_stay *f = &s->fixed[index];
    reader_check_members(r, record, fields);
    f->household = reader_reference(r, record, &fields[FIXED_HOUSEHOLD], &s->household_ids,
                                    "household");
    f->dwelling = reader_reference(r, record, &fields[FIXED_DWELLING], &s->dwelling_ids,
                                   "dwelling");
    bool ok = reader_date(r, record, &fields[FIXED_START], &f->start);
    f->kept = KEPT_GIVEN;
    ok = ok && f->household >= 0 && f->dwelling >= 0;
    /* The horizon does not bind a fixed stay: its own end must be a date logis reads. */
    day_t end = ok ? rule_stay_end(s, &s->households[f->household], &s->dwellings[f->dwelling],
                                   f->start)
                   : 0;
    if (ok && end > date_last()) {
        char text[DATE_TEXT_SIZE], last[DATE_TEXT_SIZE];
        date_format(end, text);
        date_format(date_last(), last);
        reader_invalid(r, "start",
                       "too late: the stay would end on %s, after %s, the last date logis " "reads",
                       text, last);
        ok = false;
    }
    return ok;
}

/* Reads the horizon; true when it is valid. */
static bool read_horizon(reader *r, const json *root)
{
    const json *horizon = json_member(root, "horizon");
    if (!horizon) {
        reader_invalid(r, "horizon", "required member is missing");
        return false;
    }
    if (!json_is_object(horizon)) {
        reader_invalid(r, "horizon", "must be an object {\"start\", \"end\"} (got %s)",
                json_kind(horizon));
        return false;
    }
    size_t mark = reader_push_key(r, "horizon");
    r->section = "horizon";
    reader_check_members(r, horizon, horizon_fields);
    logis_scenario *s = r->scenario;
    /* both read, so that two bad dates are both reported */
    bool ok = reader_date(r, horizon, &horizon_fields[HORIZON_START], &s->horizon_start);
    ok &= reader_date(r, horizon, &horizon_fields[HORIZON_END], &s->horizon_end);
    if (ok && s->horizon_start >= s->horizon_end) {
        reader_invalid(r, "end", "must be after the horizon's start");
        ok = false;
    }
    s->earliest_start = s->horizon_start;
    reader_pop(r, mark);
    return ok;
}

/* Every date of a plan must be one its readers accept, so that verify, report and explain can
 * read what plan wrote: a stay may start on the horizon's last day and last support_months (no
 * stay or accompaniment lasts longer), and must end by date_last(). */
static void check_horizon_fits_dates(reader *r)
{
    const logis_scenario *s = r->scenario;
    int months = s->rules.support_months;
    day_t latest = date_add_months(s->horizon_end - 1, months);
    if (latest <= date_last())
        return;
    char end[DATE_TEXT_SIZE], last[DATE_TEXT_SIZE], allowed[DATE_TEXT_SIZE];
    date_format(latest, end);
    date_format(date_last(), last);
    date_format(date_add_months(date_last(), -months) + 1, allowed);
    size_t mark = reader_push_key(r, "horizon");
    reader_invalid(r, "end", "must be %s or earlier: a stay starting the day before it could last "
            "support_months (%d) and end on %s, after %s, the last date logis reads", allowed,
            months, end, last);
    reader_pop(r, mark);
}

static void read_rules(reader *r, const json *root)
{
    const field_spec *fields = rules_fields;
    rules *set = &r->scenario->rules;
    *set = (struct rules){.stay_months = (int)fields[RULES_STAY_MONTHS].default_value,
                          .support_months = (int)fields[RULES_SUPPORT_MONTHS].default_value,
                          .max_wait_days = (int)fields[RULES_MAX_WAIT_DAYS].default_value,
                          .start_step_days = (int)fields[RULES_START_STEP_DAYS].default_value,
                          .turnover_days = (int)fields[RULES_TURNOVER_DAYS].default_value,
                          .notice_days = (int)fields[RULES_NOTICE_DAYS].default_value};
    const json *object = json_member(root, "rules");
    if (!object)
        return;
    if (!json_is_object(object)) {
        reader_invalid(r, "rules", "must be an object (got %s)", json_kind(object));
        return;
    }
    size_t mark = reader_push_key(r, "rules");
    r->section = "rules";
    reader_check_members(r, object, fields);
    reader_int(r, object, &fields[RULES_SUPPORT_MONTHS], &set->support_months);
    reader_int_upto(r, object, &fields[RULES_STAY_MONTHS], set->support_months,
                    &set->stay_months);
    reader_int(r, object, &fields[RULES_MAX_WAIT_DAYS], &set->max_wait_days);
    reader_int(r, object, &fields[RULES_START_STEP_DAYS], &set->start_step_days);
    reader_int(r, object, &fields[RULES_TURNOVER_DAYS], &set->turnover_days);
    reader_int(r, object, &fields[RULES_NOTICE_DAYS], &set->notice_days);
    reader_pop(r, mark);
}

static void read_name(reader *r, const json *root)
{
    const json *name = json_member(root, "name");
    if (name && !json_is_string(name))
        reader_invalid(r, "name", "must be a string (got %s)", json_kind(name));
    else if (name)
        reader_text_allowed(r, "name", -1, json_string(name));
    r->scenario->name = reader_copy(r, name && json_string(name) ? json_string(name) : "");
}

static void read_scenario(reader *r, const json *root)
{
    const field_spec *fields = scenario_fields;
    logis_scenario *s = r->scenario;
    if (!json_is_object(root)) {
        reader_invalid(r, NULL, "a scenario must be a JSON object (got %s)", json_kind(root));
        return;
    }
    r->section = "scenario";
    reader_check_members(r, root, fields);
    read_name(r, root);
    bool horizon_ok = read_horizon(r, root);
    read_rules(r, root);
    if (horizon_ok)
        check_horizon_fits_dates(r);
    if (!idmap_init(&s->territory_ids, 16) || !idmap_init(&s->dwelling_ids, 256) ||
        !idmap_init(&s->household_ids, 1024)) {
        r->out_of_memory = true;
        return;
    }
    if (reader_section(r, root, &fields[SCENARIO_TERRITORIES], read_territory,
                       (void **)&s->territories, sizeof *s->territories, &s->territory_count) &&
        s->territory_count == 0)
        reader_invalid(r, fields[SCENARIO_TERRITORIES].name, "at least one territory is needed");
    reader_section(r, root, &fields[SCENARIO_DWELLINGS], read_dwelling, (void **)&s->dwellings,
                   sizeof *s->dwellings, &s->dwelling_count);
    reader_section(r, root, &fields[SCENARIO_HOUSEHOLDS], read_household,
                   (void **)&s->households, sizeof *s->households, &s->household_count);
    reader_section(r, root, &fields[SCENARIO_FIXED], read_fixed, (void **)&s->fixed,
                   sizeof *s->fixed, &s->fixed_count);
    matching_read_scores(r, root);
    matching_read_links(r, root);
    matching_read_objective(r, root);
    read_forecast(r, root);
    if (r->options.forecast)
        read_forecast_file(r);
}

void logis_scenario_free(logis_scenario *s)
{
    if (!s)
        return;
    for (int i = 0; i < s->territory_count; i++) {
        free(s->territories[i].id);
        free(s->territories[i].name);
        free(s->territories[i].quotas);
    }
    for (int i = 0; i < s->dwelling_count; i++)
        free(s->dwellings[i].id);
    for (int i = 0; i < s->household_count; i++)
        household_release(&s->households[i]);
    for (int i = 0; i < s->forecast.count; i++)
        household_release(&s->forecast.households[i]);
    for (int i = 0; i < s->link_count; i++)
        free(s->links[i].members);
    free(s->links);
    free(s->forecast.households);
    idmap_free(&s->forecast.ids);
    for (int i = 0; i < s->feature_count; i++)
        free(s->features[i]);
    idmap_free(&s->territory_ids);
    idmap_free(&s->dwelling_ids);
    idmap_free(&s->household_ids);
    free(s->territories);
    free(s->dwellings);
    free(s->households);
    free(s->fixed);
    free(s->name);
    free(s->path);
    free(s);
}

int logis_scenario_has_forecast(const logis_scenario *s)
{
    return s->forecast.given;
}

/* The encoding took the room of one reserved double: the struct keeps its size and offsets. */
_Static_assert(offsetof(logis_load_options, reserved) - offsetof(logis_load_options, encoding) ==
                   sizeof(double),
               "logis_load_options.encoding must fill exactly one reserved member");

void logis_load_options_init(logis_load_options *options)
{
    *options = (logis_load_options){.max_input_bytes = TEXTFILE_MAX_DEFAULT};
}

/* Reads the scenario at path, or the document given (root, reported as path) when not NULL. */
static logis_status read_scenario_from(const char *path, const json *given,
                                       const logis_load_options *options, logis_scenario **out,
                                       logis_diagnostics *diags)
{
    logis_diagnostics *own = diags ? NULL : logis_diagnostics_new();
    reader r = {.diags = diags ? diags : own, .file = path};
    logis_load_options_init(&r.options);
    if (options)
        r.options = *options;
    if (r.options.max_input_bytes == 0)
        r.options.max_input_bytes = TEXTFILE_MAX_DEFAULT;
    size_t errors_before = logis_diagnostics_errors(r.diags);
    *out = NULL;
    r.scenario = calloc(1, sizeof *r.scenario);
    if (!r.diags || !r.scenario || !(r.scenario->path = strdup(path))) {
        r.out_of_memory = true;
    } else {
        const json *root = given ? given : reader_load_document(&r, path);
        if (root)
            read_scenario(&r, root);
        else if (logis_diagnostics_errors(r.diags) == errors_before)
            r.out_of_memory = true;
    }
    report_unknowns(&r);
    for (int i = 0; i < r.document_count; i++) {
        json_free(r.documents[i]);
        free(r.document_paths[i]);
    }
    bool failed = logis_diagnostics_errors(r.diags) > errors_before;
    logis_status status = r.out_of_memory ? LOGIS_E_NOMEM : failed ? LOGIS_E_INPUT : LOGIS_OK;
    if (status == LOGIS_E_NOMEM)
        diag_out_of_memory(r.diags, errors_before, path);
    if (status == LOGIS_OK)
        *out = r.scenario;
    else
        logis_scenario_free(r.scenario);
    logis_diagnostics_free(own);
    return status;
}

logis_status logis_scenario_load_with(const char *path, const logis_load_options *options,
                                      logis_scenario **out, logis_diagnostics *diags)
{
    return read_scenario_from(path, NULL, options, out, diags);
}

logis_status scenario_read_document(const json *root, const char *path, logis_scenario **out,
                                    logis_diagnostics *diags)
{
    return read_scenario_from(path, root, NULL, out, diags);
}

logis_status logis_scenario_load(const char *path, logis_scenario **out,
                                 logis_diagnostics *diags)
{
    return logis_scenario_load_with(path, NULL, out, diags);
}

/* ---- one household on its own, for logis suggest ---- */

logis_status scenario_read_household(logis_scenario *extended, int index, const char *path,
                                     logis_diagnostics *diags)
{
    bool from_stdin = strcmp(path, "-") == 0;
    const char *name = from_stdin ? "<stdin>" : path;
    reader r = {.scenario = extended, .diags = diags, .file = name, .section = "household"};
    idmap scenario_ids = extended->household_ids; /* kept apart: register_id adds to the map */
    household *h = &extended->households[index];
    char *text = NULL;
    size_t length = 0, errors_before = logis_diagnostics_errors(diags);
    json *root = NULL;
    *h = (household){0};
    logis_status status = idmap_init(&extended->household_ids, 4) ? LOGIS_OK : LOGIS_E_NOMEM;
    if (status == LOGIS_OK)
        status = from_stdin ? textfile_read_standard_input(name, TEXTFILE_MAX_DEFAULT, &text,
                                                           &length, diags)
                            : textfile_read(path, TEXTFILE_MAX_DEFAULT, &text, &length, diags);
    if (status == LOGIS_OK)
        status = textfile_parse_json(name, text, length, &root, diags);
    r.out_of_memory = status == LOGIS_E_NOMEM;
    if (root && !json_is_object(root))
        reader_invalid(&r, NULL, "a household must be a JSON object (got %s)", json_kind(root));
    else if (root && read_household(&r, root, index) && idmap_get(&scenario_ids, h->id) >= 0) {
        r.record_id = NULL; /* the message quotes the id */
        reader_invalid(&r, "id", "the scenario already has a household \"%s\"", h->id);
    }
    report_unknowns(&r);
    idmap_free(&extended->household_ids);
    extended->household_ids = scenario_ids;
    json_free(root);
    free(text);
    bool failed = r.out_of_memory || logis_diagnostics_errors(diags) > errors_before;
    if (failed) {
        household_release(h);
        *h = (household){0};
    }
    if (r.out_of_memory)
        diag_out_of_memory(diags, errors_before, name);
    return r.out_of_memory ? LOGIS_E_NOMEM : failed ? LOGIS_E_INPUT : LOGIS_OK;
}
