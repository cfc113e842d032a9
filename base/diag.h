/* The diagnostics list behind logis_diagnostics: errors and warnings with their place in the
 * input, collected rather than stopping at the first. */
#ifndef LOGIS_DIAG_H
#define LOGIS_DIAG_H

#include "logis.h"

#include <stdarg.h>
#include <stdbool.h>

enum {
    DIAG_MAX_ERRORS = LOGIS_MAX_ERRORS,
    DIAG_MAX_WARNINGS = LOGIS_MAX_WARNINGS,
    DIAG_MESSAGE_SIZE = 512 /* a message's bytes with its terminator; the end is cut beyond */
};

struct logis_diagnostics {
    logis_diagnostic *items;
    size_t count, capacity, errors, warnings;
    bool out_of_memory;
    char **inputs; /* the files read, each once (logis_diagnostics_input) */
    size_t input_count, input_capacity;
};

/* Where a message is: every member but severity may be 0 or NULL (none). */
typedef struct {
    logis_severity severity;
    const char *file;
    int line, column;    /* from 1 */
    const char *pointer; /* JSON Pointer */
    const char *record;  /* the id of the record the pointer is in, shown beside it */
    const char *where;   /* a place in words, put before the message and ": " ("row 3, column B") */
} diag_place;

/* The one formatter of messages: diag_add's, and that of every reporter with printf-style
 * arguments of its own, which passes its va_list on. Appends the message, formatted into
 * DIAG_MESSAGE_SIZE bytes, at place; d may be NULL. The file, pointer, record and message are
 * kept with every byte that could break a line or drive a terminal escaped (utf8_escape), so
 * input may be quoted as it is. Beyond the limits the message is dropped; a failed allocation
 * sets out_of_memory. */
void diag_vadd(logis_diagnostics *d, const diag_place *place, const char *format, va_list args)
    __attribute__((format(printf, 3, 0)));

/* diag_vadd at file, line, column and pointer (each may be 0 or NULL). */
void diag_add(logis_diagnostics *d, logis_severity severity, const char *file, int line,
              int column, const char *pointer, const char *format, ...)
    __attribute__((format(printf, 7, 8)));

/* Appends copies of from's messages to to, as they are (already escaped), within to's limits:
 * what threads reported, each into its own list. */
void diag_add_all(logis_diagnostics *to, const logis_diagnostics *from);

/* "out of memory" (at file, which may be NULL) unless an error was added since the count was
 * errors_before: every LOGIS_E_NOMEM comes with a message, the first one the failure gave. */
void diag_out_of_memory(logis_diagnostics *d, size_t errors_before, const char *file);

/* True when no more errors are kept: readers stop early. */
bool diag_full(const logis_diagnostics *d);
/* Notes that the file at path was read, once however often; false when out of memory (d may
 * be NULL: nothing to note). */
bool diag_note_input(logis_diagnostics *d, const char *path);

#endif
