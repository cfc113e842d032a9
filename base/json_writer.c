/* JSON streamed into a growing text in cJSON_Print's layout (tabs in objects, ", " in arrays,
 * its escapes and number forms), so that plans read the same whichever way they were written. */
#include "base/json_writer.h"

#include "base/date.h"
#include "base/json.h"

#include <float.h>
#include <locale.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put_tabs(json_writer *w, int count)
{
    static const char tabs[JSON_WRITER_DEPTH] = "\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t";
    textbuf_add(&w->text, tabs, (size_t)count);
}

/* The escapes cJSON prints: the two JSON must-escapes, the short forms, and \u00xx for the rest
 * of the control characters; every other byte as it is. */
static void put_string(json_writer *w, const char *text)
{
    static const char hex[] = "0123456789abcdef";
    textbuf_add(&w->text, "\"", 1);
    const char *run = text ? text : "";
    for (const char *c = run;; c++) {
        unsigned char byte = (unsigned char)*c;
        if (byte >= 0x20 && byte != '"' && byte != '\\')
            continue;
        textbuf_add(&w->text, run, (size_t)(c - run));
        if (!byte)
            break;
        const char *shortcut = strchr("\"\\\b\f\n\r\t", byte);
        if (shortcut) {
            char escape[2] = {'\\', "\"\\bfnrt"[shortcut - "\"\\\b\f\n\r\t"]};
            textbuf_add(&w->text, escape, 2);
        } else {
            char escape[6] = {'\\', 'u', '0', '0', hex[byte >> 4], hex[byte & 15]};
            textbuf_add(&w->text, escape, 6);
        }
        run = c + 1;
    }
    textbuf_add(&w->text, "\"", 1);
}

/* What comes before a value: the separator from the one before, and in an object the key. */
static void start_value(json_writer *w, const char *key)
{
    if (w->depth == 0)
        return;
    int inner = w->depth - 1;
    if (w->in_array[inner]) {
        if (w->has_values[inner])
            textbuf_add(&w->text, ", ", 2);
    } else {
        if (w->has_values[inner])
            textbuf_add(&w->text, ",\n", 2);
        put_tabs(w, w->depth);
        put_string(w, key);
        textbuf_add(&w->text, ":\t", 2);
    }
    w->has_values[inner] = true;
}

static void open_container(json_writer *w, const char *key, bool array)
{
    if (w->depth >= JSON_WRITER_DEPTH - 1) {
        w->misused = true;
        return;
    }
    start_value(w, key);
    textbuf_add(&w->text, array ? "[" : "{\n", array ? 1 : 2);
    w->in_array[w->depth] = array;
    w->has_values[w->depth] = false;
    w->depth++;
}

void json_write_object(json_writer *w, const char *key)
{
    open_container(w, key, false);
}

void json_write_array(json_writer *w, const char *key)
{
    open_container(w, key, true);
}

void json_write_end(json_writer *w)
{
    if (w->depth == 0) {
        w->misused = true;
        return;
    }
    w->depth--;
    if (w->in_array[w->depth]) {
        textbuf_add(&w->text, "]", 1);
        return;
    }
    if (w->has_values[w->depth])
        textbuf_add(&w->text, "\n", 1);
    put_tabs(w, w->depth);
    textbuf_add(&w->text, "}", 1);
}

void json_write_text(json_writer *w, const char *key, const char *text)
{
    start_value(w, key);
    put_string(w, text);
}

static bool reads_back(const char *printed, double number)
{
    double back = strtod(printed, NULL);
    double larger = fmax(fabs(back), fabs(number));
    return fabs(back - number) <= larger * DBL_EPSILON;
}

/* As cJSON 1.7.15 prints a number: 15 significant digits, or 17 when 15 do not read back the
 * same (-0 stays "-0"). Whole numbers below 10^15, which print as themselves, skip the printf. */
static int format_number(double number, char printed[32])
{
    if (isnan(number) || isinf(number))
        return snprintf(printed, 32, "null");
    if (number == floor(number) && fabs(number) < 1e15 && !(number == 0 && signbit(number)))
        return snprintf(printed, 32, "%lld", (long long)number);
    int length = snprintf(printed, 32, "%1.15g", number);
    if (!reads_back(printed, number))
        length = snprintf(printed, 32, "%1.17g", number);
    char point = localeconv()->decimal_point[0]; /* a host may have set a locale: JSON's is '.' */
    char *in_locale = point != '.' ? strchr(printed, point) : NULL;
    if (in_locale)
        *in_locale = '.';
    return length;
}

void json_write_number(json_writer *w, const char *key, double number)
{
    char printed[32];
    start_value(w, key);
    int length = format_number(number, printed);
    textbuf_add(&w->text, printed, (size_t)length);
}

void json_write_bool(json_writer *w, const char *key, bool value)
{
    start_value(w, key);
    textbuf_puts(&w->text, value ? "true" : "false");
}

void json_write_null(json_writer *w, const char *key)
{
    start_value(w, key);
    textbuf_add(&w->text, "null", 4);
}

void json_write_date(json_writer *w, const char *key, int day)
{
    char text[DATE_TEXT_SIZE];
    date_format(day, text);
    json_write_text(w, key, text);
}

void json_write_value(json_writer *w, const char *key, const json *value)
{
    if (json_is_object(value) || json_is_array(value)) {
        bool object = json_is_object(value);
        if (object)
            json_write_object(w, key);
        else
            json_write_array(w, key);
        for (const json *item = json_first(value); item; item = json_next(item))
            json_write_value(w, object ? json_key(item) : NULL, item);
        json_write_end(w);
    } else if (json_is_string(value)) {
        json_write_text(w, key, json_string(value));
    } else if (json_is_number(value)) {
        json_write_number(w, key, json_number(value));
    } else if (json_is_bool(value)) {
        json_write_bool(w, key, json_true(value));
    } else {
        json_write_null(w, key);
    }
}


char *json_writer_finish(json_writer *w)
{
    if (w->misused || w->depth != 0)
        w->text.failed = true;
    char *text = textbuf_finish(&w->text);
    *w = (json_writer){0};
    return text;
}
