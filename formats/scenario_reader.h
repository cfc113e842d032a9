/* The scenario reader's state and its typed getters, shared by the files that read parts of a
 * scenario: every problem is reported with its file and JSON Pointer. */
#ifndef LOGIS_SCENARIO_READER_H
#define LOGIS_SCENARIO_READER_H

#include "base/json.h"
#include "base/limits.h"
#include "domain/fields.h"
#include "domain/scenario.h"

#include <stdbool.h>
#include <stddef.h>

enum {
    MAX_ID_LENGTH = 200, /* bytes, also for feature and need names */
    MAX_RECORDS = INPUT_MAX_RECORDS,
    MAX_DOCUMENTS = 5,
    MAX_UNKNOWN_KINDS = 64
};

typedef struct {
    const char *section; /* the record kind, e.g. "households" */
    char *name;
    char *file;
    char *pointer; /* of the first occurrence */
    int more;      /* further occurrences */
} unknown_member;

typedef struct {
    logis_scenario *scenario;
    logis_diagnostics *diags;
    logis_load_options options;
    const char *file;
    char pointer[1024];
    size_t pointer_length;
    const char *section;
    const char *record_id; /* of the record being read, once known: shown beside pointers */
    json *documents[MAX_DOCUMENTS];
    char *document_paths[MAX_DOCUMENTS];
    int document_count;
    unknown_member unknowns[MAX_UNKNOWN_KINDS];
    int unknown_count;
    bool out_of_memory;
} reader;

/* The JSON Pointer of what is being read: push a key or an index, pop back to a mark. */
size_t reader_push_key(reader *r, const char *key);
size_t reader_push_index(reader *r, size_t index);
void reader_pop(reader *r, size_t mark);

/* Reports an error at the current pointer, extended by key when given. */
void reader_invalid(reader *r, const char *key, const char *format, ...)
    __attribute__((format(printf, 3, 4)));
/* A copy of text; NULL (and out_of_memory set) when out of memory. */
char *reader_copy(reader *r, const char *text);
/* Notes the members of object that are not among fields (domain/fields.h) for one warning. */
void reader_check_members(reader *r, const json *object, const field_spec *fields);

/* Optional or required members, as their field_spec says; false (reported) when present but
 * wrong, or required and missing. The output is left as is when the member is absent. */
bool reader_int(reader *r, const json *object, const field_spec *field, int *value);
/* An integer at most high, when the record narrows the field's range. */
bool reader_int_upto(reader *r, const json *object, const field_spec *field, long high,
                     int *value);
bool reader_date(reader *r, const json *object, const field_spec *field, day_t *day);
bool reader_bool(reader *r, const json *object, const field_spec *field, bool *flag);
bool reader_features(reader *r, const json *object, const field_spec *field, feature_set *set);
/* Text kept from the input holds no control character and no bidirectional control. */
bool reader_text_allowed(reader *r, const char *key, long item, const char *text);
/* A non-empty id of at most MAX_ID_LENGTH bytes, or NULL (reported, when missing if the field
 * is required). */
const char *reader_id(reader *r, const json *object, const field_spec *field);
/* The index of one of the field's words, its default when absent, -1 (reported) when wrong. */
int reader_choice(reader *r, const json *object, const field_spec *field);
/* The index of the record whose id the member names, through ids; -1 (reported) when none. */
int reader_reference(reader *r, const json *object, const field_spec *field, const idmap *ids,
                     const char *kind);

/* Reads and parses a JSON file the scenario names; the reader owns the result. */
json *reader_load_document(reader *r, const char *path);
/* May the file at path, written `written` under key, be read: inside the scenario's folder? */
bool reader_inside_folder(reader *r, const char *path, const char *key, const char *written);

typedef bool (*record_reader)(reader *r, const json *record, int index);
/* Reads each object of array with read_record into a new array of *count records. */
bool reader_array(reader *r, const json *array, const char *key, record_reader read_record,
                  void **records, size_t record_size, int *count);
/* The same for the root's member the field names: an array inline, or the path of a file
 * holding one. */
bool reader_section(reader *r, const json *root, const field_spec *field,
                    record_reader read_record, void **records, size_t record_size, int *count);

#endif
