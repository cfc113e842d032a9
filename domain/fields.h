/* The members of each kind of scenario record — name, type, required, range, default — written
 * once: the scenario reader, the CSV columns, the scenario writers and the schema test use them. */
#ifndef LOGIS_FIELDS_H
#define LOGIS_FIELDS_H

#include <stdbool.h>

typedef enum {
    FIELD_ID,        /* the record's own id */
    FIELD_REFERENCE, /* the id of a record of another kind */
    FIELD_TEXT,
    FIELD_INTEGER,
    FIELD_NUMBER,
    FIELD_BOOLEAN,
    FIELD_DATE,
    FIELD_CHOICE,   /* one of words */
    FIELD_FEATURES, /* a list of feature names */
    FIELD_IDS,      /* a list of ids of records of another kind */
    FIELD_OBJECT,
    FIELD_ARRAY,
    FIELD_RECORDS /* an array of records, or the name of the file that holds them */
} field_type;

typedef struct {
    const char *name;
    field_type type;
    bool required;
    long low, high;           /* numbers: the values allowed (a reader may narrow them) */
    bool has_default;         /* an integer or a choice: the value when absent */
    long default_value;       /* an integer, or the index of a choice's word */
    const char *const *words; /* FIELD_CHOICE: NULL-terminated */
    bool csv;                 /* a column of `logis import` and `logis export` */
} field_spec;

/* Each table ends with a member named NULL; the enums index them. */
enum { TERRITORY_ID, TERRITORY_NAME, TERRITORY_CASELOAD, TERRITORY_QUOTAS };
enum { QUOTA_FROM, QUOTA_UNTIL, QUOTA_PERSONS, QUOTA_HOUSEHOLDS };
enum {
    DWELLING_ID,
    DWELLING_TERRITORY,
    DWELLING_PLACES,
    DWELLING_LEASE,
    DWELLING_SHARED,
    DWELLING_FEATURES,
    DWELLING_AVAILABLE_FROM,
    DWELLING_AVAILABLE_UNTIL,
    DWELLING_SERVES
};
enum {
    HOUSEHOLD_ID,
    HOUSEHOLD_SIZE,
    HOUSEHOLD_ADULTS,
    HOUSEHOLD_CHILDREN,
    HOUSEHOLD_ARRIVAL,
    HOUSEHOLD_STAY_MONTHS,
    HOUSEHOLD_NEEDS,
    HOUSEHOLD_TERRITORIES,
    HOUSEHOLD_PRIORITY,
    HOUSEHOLD_MAY_SHARE,
    HOUSEHOLD_LEASE,
    HOUSEHOLD_SCORES
};
enum {
    RULES_STAY_MONTHS,
    RULES_SUPPORT_MONTHS,
    RULES_MAX_WAIT_DAYS,
    RULES_START_STEP_DAYS,
    RULES_TURNOVER_DAYS,
    RULES_NOTICE_DAYS
};
enum { HORIZON_START, HORIZON_END };
enum { FIXED_HOUSEHOLD, FIXED_DWELLING, FIXED_START };
enum { FORECAST_HOUSEHOLDS, FORECAST_ANNOUNCED_UNTIL, FORECAST_SHIFT_DAYS, FORECAST_SAMPLES };
enum { SCORE_HOUSEHOLD, SCORE_TERRITORY, SCORE_VALUE };
enum { LINK_HOUSEHOLDS, LINK_SAME };
enum {
    SCENARIO_NAME,
    SCENARIO_HORIZON,
    SCENARIO_RULES,
    SCENARIO_TERRITORIES,
    SCENARIO_DWELLINGS,
    SCENARIO_HOUSEHOLDS,
    SCENARIO_FIXED,
    SCENARIO_FORECAST,
    SCENARIO_SCORES,
    SCENARIO_LINKS,
    SCENARIO_OBJECTIVE
};

extern const field_spec territory_fields[], quota_fields[], dwelling_fields[],
    household_fields[], rules_fields[], horizon_fields[], fixed_fields[], forecast_fields[],
    score_fields[], link_fields[], scenario_fields[];

/* The words of the choices, in the order of the domain's enums. */
extern const char *const dwelling_lease_words[], *const household_lease_words[],
    *const link_same_words[];

#endif
