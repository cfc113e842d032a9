/* Diagnostics: the list of input errors and warnings that the library hands back instead of
 * printing, with the formatting of each as one line. */
#include "base/diag.h"

#include "base/array.h"
#include "base/utf8.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Messages quote input (ids, member names, cells, file names), and a message is one line on a
 * terminal: every text of a diagnostic is kept with the bytes that could break that line or
 * drive the terminal escaped. NULL for NULL, or when out of memory. */
static char *escaped_copy(const char *text)
{
    if (!text)
        return NULL;
    textbuf escaped = {0};
    utf8_escape(&escaped, text);
    return textbuf_finish(&escaped);
}

logis_diagnostics *logis_diagnostics_new(void)
{
    return calloc(1, sizeof(logis_diagnostics));
}

void logis_diagnostics_free(logis_diagnostics *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->count; i++) {
        free((char *)d->items[i].file);
        free((char *)d->items[i].pointer);
        free((char *)d->items[i].message);
        free((char *)d->items[i].record);
    }
    free(d->items);
    for (size_t i = 0; i < d->input_count; i++)
        free(d->inputs[i]);
    free(d->inputs);
    free(d);
}

bool diag_note_input(logis_diagnostics *d, const char *path)
{
    if (!d)
        return true;
    for (size_t i = 0; i < d->input_count; i++)
        if (strcmp(d->inputs[i], path) == 0)
            return true;
    char *copy = strdup(path);
    if (!copy || !ARRAY_GROW(d->inputs, d->input_count, d->input_capacity)) {
        free(copy);
        return false;
    }
    d->inputs[d->input_count++] = copy;
    return true;
}

const char *logis_diagnostics_input(const logis_diagnostics *d, size_t index)
{
    return d && index < d->input_count ? d->inputs[index] : NULL;
}

size_t logis_diagnostics_count(const logis_diagnostics *d)
{
    return d ? d->count : 0;
}

size_t logis_diagnostics_errors(const logis_diagnostics *d)
{
    return d ? d->errors : 0;
}

const logis_diagnostic *logis_diagnostics_get(const logis_diagnostics *d, size_t index)
{
    return d && index < d->count ? &d->items[index] : NULL;
}

bool diag_full(const logis_diagnostics *d)
{
    return d && d->errors >= DIAG_MAX_ERRORS;
}

static bool has_room(const logis_diagnostics *d, logis_severity severity)
{
    return severity == LOGIS_ERROR ? d->errors < DIAG_MAX_ERRORS
                                   : d->warnings < DIAG_MAX_WARNINGS;
}

static void count_item(logis_diagnostics *d, logis_severity severity)
{
    if (severity == LOGIS_ERROR)
        d->errors++;
    else
        d->warnings++;
}

void diag_vadd(logis_diagnostics *d, const diag_place *place, const char *format, va_list args)
{
    if (!d || !has_room(d, place->severity))
        return;
    char message[DIAG_MESSAGE_SIZE];
    size_t used = 0;
    if (place->where) {
        snprintf(message, sizeof message, "%s: ", place->where);
        used = strlen(message);
    }
    vsnprintf(message + used, sizeof message - used, format, args);
    logis_diagnostic item = {place->severity, escaped_copy(place->file), place->line,
                             place->column, escaped_copy(place->pointer), escaped_copy(message),
                             NULL};
    if (!item.message || (place->file && !item.file) || (place->pointer && !item.pointer) ||
        !ARRAY_GROW(d->items, d->count, d->capacity)) {
        free((char *)item.file);
        free((char *)item.pointer);
        free((char *)item.message);
        d->out_of_memory = true;
        return;
    }
    /* Without its record, the message still says what is wrong and where. */
    item.record = escaped_copy(place->record);
    d->out_of_memory = d->out_of_memory || (place->record && !item.record);
    d->items[d->count++] = item;
    count_item(d, place->severity);
}

static char *copy_or_null(const char *text, bool *ok)
{
    char *copy = text ? strdup(text) : NULL;
    *ok = *ok && (copy || !text);
    return copy;
}

void diag_add_all(logis_diagnostics *to, const logis_diagnostics *from)
{
    for (size_t i = 0; to && from && i < from->count; i++) {
        const logis_diagnostic *f = &from->items[i];
        if (!has_room(to, f->severity))
            continue;
        bool ok = true;
        logis_diagnostic item = {f->severity, copy_or_null(f->file, &ok), f->line, f->column,
                                 copy_or_null(f->pointer, &ok), copy_or_null(f->message, &ok),
                                 copy_or_null(f->record, &ok)};
        if (!ok || !ARRAY_GROW(to->items, to->count, to->capacity)) {
            free((char *)item.file);
            free((char *)item.pointer);
            free((char *)item.message);
            free((char *)item.record);
            to->out_of_memory = true;
            continue;
        }
        to->items[to->count++] = item;
        count_item(to, f->severity);
    }
    for (size_t i = 0; to && from && i < from->input_count; i++)
        if (!diag_note_input(to, from->inputs[i]))
            to->out_of_memory = true;
    if (to && from && from->out_of_memory)
        to->out_of_memory = true;
}

void diag_add(logis_diagnostics *d, logis_severity severity, const char *file, int line,
              int column, const char *pointer, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    diag_vadd(d, &(diag_place){severity, file, line, column, pointer, NULL, NULL}, format, args);
    va_end(args);
}

void diag_out_of_memory(logis_diagnostics *d, size_t errors_before, const char *file)
{
    if (logis_diagnostics_errors(d) == errors_before)
        diag_add(d, LOGIS_ERROR, file, 0, 0, NULL, "out of memory");
}

char *logis_diagnostics_line(const logis_diagnostics *d, size_t index)
{
    const logis_diagnostic *item = logis_diagnostics_get(d, index);
    if (!item)
        return NULL;
    const char *file = item->file ? item->file : "logis";
    const char *kind = item->severity == LOGIS_WARNING ? "warning: " : "";
    char *line = NULL;
    int length;
    if (item->line > 0)
        length = asprintf(&line, "%s:%d:%d: %s%s", file, item->line, item->column, kind,
                          item->message);
    else if (item->pointer)
        length = asprintf(&line, "%s: %s%s%s%s: %s%s", file,
                          item->pointer[0] ? item->pointer : "(top level)",
                          item->record ? " (" : "", item->record ? item->record : "",
                          item->record ? ")" : "", kind, item->message);
    else
        length = asprintf(&line, "%s: %s%s", file, kind, item->message);
    return length < 0 ? NULL : line;
}
