/* Output files written all or nothing: each to a temporary file in its own folder, every one
 * renamed into place only once all of them were written (a report's five files, say). */
#ifndef LOGIS_FILESET_H
#define LOGIS_FILESET_H

#include "logis.h"

#include <stddef.h>

typedef struct fileset_entry fileset_entry;

typedef struct {
    fileset_entry *entries;
    size_t count, capacity;
    logis_status status; /* the first failure; LOGIS_OK while there is none */
    logis_diagnostics *diags;
} fileset;

/* Starts an empty set; its messages go to diags (which may be NULL). */
void fileset_begin(fileset *set, logis_diagnostics *diags);
/* Adds path, to be replaced by text (the caller's: it must live until fileset_finish). Only
 * memory is taken here, no file is touched: out of memory (LOGIS_E_NOMEM) the set writes
 * nothing. An existing device or pipe (/dev/stdout) cannot be renamed over: it is written in
 * place by fileset_finish, before the renames. A failure is reported (with path) and fails the
 * set; later calls then do nothing. */
void fileset_add(fileset *set, const char *path, const char *text);
/* Fails the set for a reason of the caller's (a text it could not make): nothing is replaced. */
void fileset_fail(fileset *set, logis_status status);
/* When every file was added, writes each text to a temporary file beside its path, flushed to
 * disk, then, once all are written, renames each over its path; on any failure removes every
 * temporary and replaces nothing. Releases the set. LOGIS_OK, or the first failure's status
 * (LOGIS_E_IO for a file, LOGIS_E_NOMEM). Each file replaced is kept aside (a hard link) until
 * every rename is done: when a rename fails once others were done, those are put back. */
logis_status fileset_finish(fileset *set);

#endif
