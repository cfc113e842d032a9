/* The one file that includes cJSON.h: a thin adapter that keeps the rest of logis independent of
 * the JSON library's types and allocation rules. */
#include "base/json.h"

#include "base/date.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

json *json_parse(const char *text, size_t length, size_t *stop)
{
    const char *end = NULL;
    cJSON *value = cJSON_ParseWithLengthOpts(text, length, &end, false);
    *stop = end ? (size_t)(end - text) : (size_t)-1;
    return value;
}

void json_free(json *value)
{
    cJSON_Delete(value);
}

bool json_is_object(const json *value)
{
    return cJSON_IsObject(value);
}

bool json_is_array(const json *value)
{
    return cJSON_IsArray(value);
}

bool json_is_string(const json *value)
{
    return cJSON_IsString(value);
}

bool json_is_number(const json *value)
{
    return cJSON_IsNumber(value);
}

bool json_is_bool(const json *value)
{
    return cJSON_IsBool(value);
}

bool json_is_null(const json *value)
{
    return cJSON_IsNull(value);
}

const char *json_kind(const json *value)
{
    if (cJSON_IsObject(value))
        return "an object";
    if (cJSON_IsArray(value))
        return "an array";
    if (cJSON_IsString(value))
        return value->valuestring && value->valuestring[0] ? "a string" : "an empty string";
    if (cJSON_IsNumber(value))
        return "a number";
    if (cJSON_IsBool(value))
        return "a boolean";
    return "null";
}

const char *json_string(const json *value)
{
    return cJSON_IsString(value) ? value->valuestring : NULL;
}

double json_number(const json *value)
{
    return cJSON_IsNumber(value) ? value->valuedouble : NAN;
}

bool json_true(const json *value)
{
    return cJSON_IsTrue(value);
}

size_t json_count(const json *value)
{
    return cJSON_IsObject(value) || cJSON_IsArray(value) ? (size_t)cJSON_GetArraySize(value) : 0;
}

json *json_first(const json *value)
{
    return cJSON_IsObject(value) || cJSON_IsArray(value) ? value->child : NULL;
}

json *json_next(const json *value)
{
    return value->next;
}

const char *json_key(const json *member)
{
    return member->string;
}

json *json_member(const json *object, const char *key)
{
    return cJSON_IsObject(object) ? cJSON_GetObjectItemCaseSensitive(object, key) : NULL;
}

json *json_new_object(void)
{
    return cJSON_CreateObject();
}

json *json_new_array(void)
{
    return cJSON_CreateArray();
}

json *json_new_text(const char *text)
{
    return cJSON_CreateString(text);
}

json *json_new_number(double number)
{
    return cJSON_CreateNumber(number);
}

json *json_new_bool(bool value)
{
    return cJSON_CreateBool(value);
}

json *json_new_null(void)
{
    return cJSON_CreateNull();
}

bool json_put(json *container, const char *key, json *value)
{
    bool added = value && (key ? cJSON_AddItemToObject(container, key, value)
                               : cJSON_AddItemToArray(container, value));
    if (!added)
        cJSON_Delete(value);
    return added;
}

json *json_add(json_builder *b, json *container, const char *key, json *value)
{
    if (!container || !json_put(container, key, value)) {
        if (!container)
            cJSON_Delete(value);
        b->ok = false;
        return NULL;
    }
    return value;
}

json *json_add_object(json_builder *b, json *container, const char *key)
{
    return json_add(b, container, key, json_new_object());
}

json *json_add_array(json_builder *b, json *container, const char *key)
{
    return json_add(b, container, key, json_new_array());
}

void json_add_text(json_builder *b, json *container, const char *key, const char *text)
{
    json_add(b, container, key, json_new_text(text));
}

void json_add_number(json_builder *b, json *container, const char *key, double number)
{
    json_add(b, container, key, json_new_number(number));
}

void json_add_bool(json_builder *b, json *container, const char *key, bool value)
{
    json_add(b, container, key, json_new_bool(value));
}

void json_add_date(json_builder *b, json *container, const char *key, int day)
{
    char text[DATE_TEXT_SIZE];
    date_format(day, text);
    json_add_text(b, container, key, text);
}

/* A copy from malloc: the library's strings are all released with free (logis_free), even when a
 * host gives cJSON another allocator. */
char *json_print(const json *value)
{
    char *printed = cJSON_Print(value);
    char *text = printed ? strdup(printed) : NULL;
    cJSON_free(printed);
    return text;
}
