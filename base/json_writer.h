/* JSON written as it is produced, without a tree: for documents that grow with the input (a
 * plan of a million households), laid out byte for byte as cJSON_Print lays out the same tree. */
#ifndef LOGIS_JSON_WRITER_H
#define LOGIS_JSON_WRITER_H

#include "base/json.h"
#include "base/textbuf.h"

#include <stdbool.h>

/* Deep enough for every document logis writes; deeper nesting makes the text fail. */
#define JSON_WRITER_DEPTH 16

/* Zero-initialise. Every value takes a key inside an object and NULL elsewhere. A failed
 * allocation or a misuse (nesting too deep, a container closed that is not open) is sticky and
 * makes json_writer_finish return NULL, so that writers check once, at the end. */
typedef struct {
    textbuf text;
    int depth; /* containers open */
    bool in_array[JSON_WRITER_DEPTH];
    bool has_values[JSON_WRITER_DEPTH];
    bool misused;
} json_writer;

void json_write_object(json_writer *w, const char *key); /* opens {, closed by json_write_end */
void json_write_array(json_writer *w, const char *key);  /* opens [, closed by json_write_end */
void json_write_end(json_writer *w);
void json_write_text(json_writer *w, const char *key, const char *text); /* NULL writes "" */
void json_write_number(json_writer *w, const char *key, double number);  /* NaN, inf: null */
void json_write_bool(json_writer *w, const char *key, bool value);
void json_write_null(json_writer *w, const char *key);
/* The day as "YYYY-MM-DD". */
void json_write_date(json_writer *w, const char *key, int day);
/* A value built as a tree (base/json.h), written as cJSON_Print would write it there: a
 * document of many small records is written one record at a time, each tree freed after. */
void json_write_value(json_writer *w, const char *key, const json *value);

/* The text, to free() (no final newline, as cJSON_Print); NULL when an allocation failed or
 * containers were left open or misused. The writer is empty afterwards either way. */
char *json_writer_finish(json_writer *w);

#endif
