/* The members of each kind of scenario record, in the order of the README's tables (the CSV
 * columns' order too). data/schema says the same: tests/test_fields.c compares them. */
#include "domain/fields.h"

#include "domain/scenario.h"

#include <stddef.h>

const char *const dwelling_lease_words[] = {"temporary", "sliding", NULL};
const char *const household_lease_words[] = {"any", "temporary", "sliding", NULL};
const char *const link_same_words[] = {"territory", NULL};

/* How a member is marked in the tables below. */
enum { OPTIONAL = 0, REQUIRED = 1, CSV = 2 };

#define FLAGS(flags_) .required = ((flags_) & REQUIRED) != 0, .csv = ((flags_) & CSV) != 0
#define FIELD(name_, type_, flags_) {.name = name_, .type = type_, FLAGS(flags_)}
#define INTEGER(name_, flags_, low_, high_) \
    {.name = name_, .type = FIELD_INTEGER, FLAGS(flags_), .low = low_, .high = high_}
#define INTEGER_OR(name_, flags_, low_, high_, default_) \
    {.name = name_, .type = FIELD_INTEGER, FLAGS(flags_), .low = low_, .high = high_, \
     .has_default = true, .default_value = default_}
#define CHOICE(name_, flags_, words_, default_) \
    {.name = name_, .type = FIELD_CHOICE, FLAGS(flags_), .words = words_, .has_default = true, \
     .default_value = default_}
#define END {.name = NULL}

const field_spec territory_fields[] = {
    FIELD("id", FIELD_ID, REQUIRED),
    FIELD("name", FIELD_TEXT, OPTIONAL),
    INTEGER("caseload", OPTIONAL, 0, 1000000),
    FIELD("quotas", FIELD_ARRAY, OPTIONAL),
    END};

const field_spec quota_fields[] = {
    FIELD("from", FIELD_DATE, REQUIRED),
    FIELD("until", FIELD_DATE, REQUIRED),
    INTEGER("persons", OPTIONAL, 0, 1000000),
    INTEGER("households", OPTIONAL, 0, 1000000),
    END};

const field_spec dwelling_fields[] = {
    FIELD("id", FIELD_ID, REQUIRED | CSV),
    FIELD("territory", FIELD_REFERENCE, REQUIRED | CSV),
    INTEGER("places", REQUIRED | CSV, 1, MAX_SHARED_PLACES), /* unshared: MAX_UNSHARED_PLACES */
    CHOICE("lease", CSV, dwelling_lease_words, LEASE_TEMPORARY),
    FIELD("shared", FIELD_BOOLEAN, CSV),
    FIELD("features", FIELD_FEATURES, CSV),
    FIELD("available_from", FIELD_DATE, CSV),
    FIELD("available_until", FIELD_DATE, CSV),
    FIELD("serves", FIELD_ARRAY, OPTIONAL), /* logis need's note of its stays: not read */
    END};

const field_spec household_fields[] = {
    FIELD("id", FIELD_ID, REQUIRED | CSV),
    INTEGER("size", REQUIRED | CSV, 1, 30),
    INTEGER("adults", CSV, 0, 30),
    INTEGER("children", CSV, 0, 30),
    FIELD("arrival", FIELD_DATE, REQUIRED | CSV),
    INTEGER("stay_months", CSV, 1, 60), /* at most the rules' support_months */
    FIELD("needs", FIELD_FEATURES, CSV),
    FIELD("territories", FIELD_IDS, CSV),
    INTEGER_OR("priority", CSV, 1, 10, 1),
    FIELD("may_share", FIELD_BOOLEAN, CSV),
    CHOICE("lease", CSV, household_lease_words, WANTS_ANY),
    FIELD("scores", FIELD_OBJECT, OPTIONAL),
    END};

const field_spec rules_fields[] = {
    INTEGER_OR("stay_months", OPTIONAL, 1, 60, 3), /* at most support_months */
    INTEGER_OR("support_months", OPTIONAL, 1, 60, 12),
    INTEGER_OR("max_wait_days", OPTIONAL, 0, 365, 0),
    INTEGER_OR("start_step_days", OPTIONAL, 1, 365, 7),
    INTEGER_OR("turnover_days", OPTIONAL, 0, 90, 0),
    INTEGER_OR("notice_days", OPTIONAL, 0, 365, 0),
    END};

const field_spec horizon_fields[] = {
    FIELD("start", FIELD_DATE, REQUIRED), FIELD("end", FIELD_DATE, REQUIRED), END};

const field_spec fixed_fields[] = {
    FIELD("household", FIELD_REFERENCE, REQUIRED),
    FIELD("dwelling", FIELD_REFERENCE, REQUIRED),
    FIELD("start", FIELD_DATE, REQUIRED),
    END};

const field_spec forecast_fields[] = {
    FIELD("households", FIELD_RECORDS, REQUIRED),
    FIELD("announced_until", FIELD_DATE, OPTIONAL),
    INTEGER_OR("shift_days", OPTIONAL, -3650, 3650, 0),
    INTEGER_OR("samples", OPTIONAL, 1, FORECAST_MAX_SAMPLES, FORECAST_DEFAULT_SAMPLES),
    END};

const field_spec score_fields[] = {
    FIELD("household", FIELD_REFERENCE, REQUIRED),
    FIELD("territory", FIELD_REFERENCE, REQUIRED),
    {.name = "value", .type = FIELD_NUMBER, .required = true, .low = 0, .high = 1000},
    END};

const field_spec link_fields[] = {
    FIELD("households", FIELD_IDS, REQUIRED),
    CHOICE("same", OPTIONAL, link_same_words, 0),
    END};

const field_spec scenario_fields[] = {
    FIELD("name", FIELD_TEXT, OPTIONAL),
    FIELD("horizon", FIELD_OBJECT, REQUIRED),
    FIELD("rules", FIELD_OBJECT, OPTIONAL),
    FIELD("territories", FIELD_RECORDS, REQUIRED),
    FIELD("dwellings", FIELD_RECORDS, REQUIRED),
    FIELD("households", FIELD_RECORDS, REQUIRED),
    FIELD("fixed", FIELD_RECORDS, OPTIONAL),
    FIELD("forecast", FIELD_OBJECT, OPTIONAL),
    FIELD("scores", FIELD_RECORDS, OPTIONAL),
    FIELD("links", FIELD_RECORDS, OPTIONAL),
    FIELD("objective", FIELD_ARRAY, OPTIONAL),
    END};
