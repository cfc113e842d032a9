/* The diagnostics list behind logis_diagnostics: errors and warnings with their place in the
 * input, collected rather than stopping at the first. */
#ifndef LOGIS_DIAG_H
#define LOGIS_DIAG_H

#include "logis.h"

#include <stdbool.h>

enum { DIAG_MAX_ERRORS = LOGIS_MAX_ERRORS, DIAG_MAX_WARNINGS = LOGIS_MAX_WARNINGS };

struct logis_diagnostics {
    logis_diagnostic *items;
    size_t count, capacity, errors, warnings;
    bool out_of_memory;
};

/* Appends a message; d may be NULL. file, pointer may be NULL. The three are kept with every
 * byte that could break a line or drive a terminal escaped (utf8_escape), so input may be
 * quoted as it is. Beyond the limits the message is dropped; a failed allocation sets
 * out_of_memory. */
void diag_add(logis_diagnostics *d, logis_severity severity, const char *file, int line,
              int column, const char *pointer, const char *format, ...)
    __attribute__((format(printf, 7, 8)));

/* An error at pointer inside the record whose id is record (NULL: none), shown beside it. */
void diag_add_in_record(logis_diagnostics *d, const char *file, const char *pointer,
                        const char *record, const char *message);

/* "out of memory" (at file, which may be NULL) unless an error was added since the count was
 * errors_before: every LOGIS_E_NOMEM comes with a message, the first one the failure gave. */
void diag_out_of_memory(logis_diagnostics *d, size_t errors_before, const char *file);

/* True when no more errors are kept: readers stop early. */
bool diag_full(const logis_diagnostics *d);

#endif
