/* A narrow view of cJSON, so that only json.c includes cJSON.h: parse with an error position,
 * walk values, build and print documents. */
#ifndef LOGIS_JSON_H
#define LOGIS_JSON_H

#include <stdbool.h>
#include <stddef.h>

typedef struct cJSON json;

/* Parses one JSON value at the start of text. *stop is the byte where parsing stopped: after the
 * value, or at the syntax error when NULL is returned ((size_t)-1 when out of memory). */
json *json_parse(const char *text, size_t length, size_t *stop);
void json_free(json *value);

bool json_is_object(const json *value);
bool json_is_array(const json *value);
bool json_is_string(const json *value);
bool json_is_number(const json *value);
bool json_is_bool(const json *value);
bool json_is_null(const json *value);
/* A short English name of the value's type, for messages: "a string", "an array" ("an empty
 * string" for "", which a message asking for a non-empty one must tell apart). */
const char *json_kind(const json *value);

const char *json_string(const json *value); /* NULL unless a string */
double json_number(const json *value);       /* NaN unless a number */
bool json_true(const json *value);
size_t json_count(const json *value); /* members of an object or items of an array */
json *json_first(const json *value);  /* first member or item, for walking with json_next */
json *json_next(const json *value);
const char *json_key(const json *member);
json *json_member(const json *object, const char *key); /* exact, case-sensitive */

/* Builders: NULL when out of memory. json_put takes value over (and frees it on failure); key is
 * NULL for arrays. It returns false when out of memory. */
json *json_new_object(void);
json *json_new_array(void);
json *json_new_text(const char *text);
json *json_new_number(double number);
json *json_new_bool(bool value);
json *json_new_null(void);
bool json_put(json *container, const char *key, json *value);
/* Builds a document without checking every step: ok turns false at the first allocation that
 * fails, and the caller checks it once at the end. The json_add_* return the value added, or
 * NULL. */
typedef struct {
    bool ok;
} json_builder;

json *json_add(json_builder *b, json *container, const char *key, json *value);
json *json_add_object(json_builder *b, json *container, const char *key);
json *json_add_array(json_builder *b, json *container, const char *key);
void json_add_text(json_builder *b, json *container, const char *key, const char *text);
void json_add_number(json_builder *b, json *container, const char *key, double number);
void json_add_bool(json_builder *b, json *container, const char *key, bool value);
/* The day as "YYYY-MM-DD". */
void json_add_date(json_builder *b, json *container, const char *key, int day);

/* Pretty-printed text, to free with free(); NULL when out of memory. */
char *json_print(const json *value);

#endif
