/* The field tables (domain/fields.h) against what they drive and what must agree with them: the
 * JSON Schemas in data/schema, the CSV columns, and the scenario writer. */
#include "base/json.h"
#include "domain/fields.h"
#include "tests.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* What export writes first, so that Excel reads UTF-8. */
#define UTF8_BOM "\xEF\xBB\xBF"

static json *read_schema(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "data/schema/%s", name);
    char *text = read_file_text(path);
    size_t stop;
    json *schema = text ? json_parse(text, strlen(text), &stop) : NULL;
    free(text);
    return schema;
}

static bool has_text(const json *object, const char *key, const char *text)
{
    const char *value = json_string(json_member(object, key));
    return value && strcmp(value, text) == 0;
}

static bool refers_to(const json *property, const char *definition)
{
    const char *ref = json_string(json_member(property, "$ref"));
    size_t length = ref ? strlen(ref) : 0, tail = strlen(definition);
    return length >= tail && strcmp(ref + length - tail, definition) == 0;
}

static bool number_is(const json *object, const char *key, double value)
{
    const json *member = json_member(object, key);
    return member && json_number(member) == value;
}

/* Do the words of a choice match the schema's enum (or const, for a single word)? */
static bool words_match(const json *property, const field_spec *field)
{
    const json *list = json_member(property, "enum");
    if (!list)
        return field->words[1] == NULL && has_text(property, "const", field->words[0]);
    const json *item = json_first(list);
    int k = 0;
    for (; item && field->words[k]; item = json_next(item), k++)
        if (!json_string(item) || strcmp(json_string(item), field->words[k]) != 0)
            return false;
    return !item && !field->words[k];
}

static bool default_matches(const json *property, const field_spec *field)
{
    const json *given = json_member(property, "default");
    if (!field->has_default)
        return !given || field->type == FIELD_BOOLEAN; /* false, or as the README says */
    if (field->type == FIELD_CHOICE)
        return given && has_text(property, "default", field->words[field->default_value]);
    return given && json_number(given) == (double)field->default_value;
}

static bool type_matches(const json *property, const field_spec *field)
{
    switch (field->type) {
    case FIELD_ID:
    case FIELD_REFERENCE:
        return refers_to(property, "/$defs/id");
    case FIELD_TEXT:
        return has_text(property, "type", "string");
    case FIELD_INTEGER:
    case FIELD_NUMBER:
        return has_text(property, "type", field->type == FIELD_INTEGER ? "integer" : "number") &&
               number_is(property, "minimum", (double)field->low) &&
               number_is(property, "maximum", (double)field->high);
    case FIELD_BOOLEAN:
        return has_text(property, "type", "boolean");
    case FIELD_DATE:
        return refers_to(property, "/$defs/date");
    case FIELD_CHOICE:
        return words_match(property, field);
    case FIELD_FEATURES:
        return refers_to(property, "/$defs/features");
    case FIELD_IDS:
        return has_text(property, "type", "array") &&
               refers_to(json_member(property, "items"), "/$defs/id");
    case FIELD_OBJECT:
        return has_text(property, "type", "object") || refers_to(property, "/$defs/rules");
    case FIELD_ARRAY:
        return has_text(property, "type", "array");
    case FIELD_RECORDS:
        return json_member(property, "anyOf") != NULL;
    }
    return false;
}

static bool is_required(const json *record, const char *name)
{
    for (const json *item = json_first(json_member(record, "required")); item;
         item = json_next(item))
        if (json_string(item) && strcmp(json_string(item), name) == 0)
            return true;
    return false;
}

/* How many ways the record's schema and its field table disagree (each printed). */
static int disagreements(const char *kind, const field_spec *fields, const json *record)
{
    const json *properties = json_member(record, "properties");
    int found = 0, count = 0;
    for (const field_spec *f = fields; f->name; f++, count++) {
        const json *property = json_member(properties, f->name);
        const char *problem = !property                   ? "is not in the schema"
                              : f->required != is_required(record, f->name) ? "required differs"
                              : !type_matches(property, f) ? "type or range differs"
                              : !default_matches(property, f) ? "default differs"
                                                            : NULL;
        if (problem)
            fprintf(stderr, "\n  %s.%s: %s", kind, f->name, problem);
        found += problem != NULL;
    }
    if ((int)json_count(properties) != count) {
        fprintf(stderr, "\n  %s: the schema has %zu members, the table %d", kind,
                json_count(properties), count);
        found++;
    }
    return found;
}

static void each_schema_describes_the_members_logis_reads(void)
{
    static const struct {
        const char *kind;
        const field_spec *fields;
        const char *file, *path;
    } records[] = {
        {"scenario", scenario_fields, "scenario.schema.json", ""},
        {"horizon", horizon_fields, "scenario.schema.json", "properties/horizon"},
        {"rules", rules_fields, "scenario.schema.json", "$defs/rules"},
        {"forecast", forecast_fields, "scenario.schema.json", "properties/forecast"},
        {"score", score_fields, "scenario.schema.json", "properties/scores/anyOf/0/items"},
        {"link", link_fields, "scenario.schema.json", "properties/links/anyOf/0/items"},
        {"territory", territory_fields, "territories.schema.json", "$defs/territory"},
        {"quota", quota_fields, "territories.schema.json",
         "$defs/territory/properties/quotas/items"},
        {"dwelling", dwelling_fields, "dwellings.schema.json", "$defs/dwelling"},
        {"household", household_fields, "households.schema.json", "$defs/household"},
        {"fixed", fixed_fields, "fixed.schema.json", "$defs/fixed_stay"},
    };
    int found = 0;
    for (size_t k = 0; k < sizeof records / sizeof *records; k++) {
        json *schema = read_schema(records[k].file);
        const json *record = schema ? json_at(schema, records[k].path) : NULL;
        CU_ASSERT_PTR_NOT_NULL(record);
        if (record)
            found += disagreements(records[k].kind, records[k].fields, record);
        json_free(schema);
    }
    CU_ASSERT_EQUAL(found, 0);
}

/* The header `logis export` writes: the table's CSV members, in its order. */
static void csv_columns_are_the_tables_csv_members(void)
{
    const field_spec *tables[] = {dwelling_fields, household_fields};
    const logis_record_kind kinds[] = {LOGIS_DWELLINGS, LOGIS_HOUSEHOLDS};
    const char *sources[] = {"data/faar/scenario.json", "data/faar/households.json"};
    for (int k = 0; k < 2; k++) {
        char expected[512] = "";
        for (const field_spec *f = tables[k]; f->name; f++)
            if (f->csv)
                snprintf(expected + strlen(expected), sizeof expected - strlen(expected), "%s%s",
                         expected[0] ? "," : "", f->name);
        char *csv = NULL;
        logis_diagnostics *diags = logis_diagnostics_new();
        CU_ASSERT_EQUAL(logis_json_to_csv(kinds[k], sources[k], &csv, diags), LOGIS_OK);
        CU_ASSERT_PTR_NOT_NULL(csv);
        const char *header = csv && strncmp(csv, UTF8_BOM, 3) == 0 ? csv + 3 : csv;
        if (header)
            CU_ASSERT_EQUAL(strncmp(header, expected, strlen(expected)), 0);
        if (header)
            CU_ASSERT_TRUE(header[strlen(expected)] == '\r' || header[strlen(expected)] == '\n');
        free(csv);
        logis_diagnostics_free(diags);
    }
}

/* A variant, as `logis project` writes it, reads back without an unknown member. */
static void the_scenario_writer_writes_only_members_the_reader_knows(void)
{
    logis_scenario *base = NULL;
    CU_ASSERT_EQUAL(logis_scenario_load("tests/matching/cases/tiny.json", &base, NULL),
                    LOGIS_OK);
    logis_variant variant;
    logis_variant_init(&variant);
    variant.park = 2;
    variant.demand = 1.5;
    char *text = NULL;
    CU_ASSERT_EQUAL(logis_scenario_variant(base, &variant, &text, NULL), LOGIS_OK);
    logis_diagnostics *diags = NULL;
    logis_scenario *copy = text ? load_fixture("variant.json", text, &diags) : NULL;
    CU_ASSERT_PTR_NOT_NULL(copy);
    CU_ASSERT_FALSE(diags && diagnostics_contain(diags, "unknown member", NULL));
    logis_scenario_free(copy);
    logis_diagnostics_free(diags);
    free(text);
    logis_scenario_free(base);
}

void suite_fields(void)
{
    CU_pSuite suite = CU_add_suite("fields", NULL, NULL);
    CU_add_test(suite, "each schema describes the members logis reads",
                each_schema_describes_the_members_logis_reads);
    CU_add_test(suite, "csv columns are the table's csv members",
                csv_columns_are_the_tables_csv_members);
    CU_add_test(suite, "the scenario writer writes only members the reader knows",
                the_scenario_writer_writes_only_members_the_reader_knows);
}
