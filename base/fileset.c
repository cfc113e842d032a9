/* Output files all or nothing: temporaries beside their paths (mkstemp, fsync), renamed only
 * once every one is on disk, removed on any failure; logis_write_file is a set of one. */
#include "base/fileset.h"

#include "base/diag.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct fileset_entry {
    char *path;
    char *temporary; /* NULL for a device or pipe, written in place */
    char *text;      /* what to write in place; NULL for a temporary */
};

void fileset_begin(fileset *set, logis_diagnostics *diags)
{
    *set = (fileset){.status = LOGIS_OK, .diags = diags};
}

void fileset_fail(fileset *set, logis_status status)
{
    if (set->status == LOGIS_OK)
        set->status = status;
}

static void io_error(fileset *set, const char *path, const char *what)
{
    diag_add(set->diags, LOGIS_ERROR, path, 0, 0, NULL, "%s: %s", what, strerror(errno));
    fileset_fail(set, LOGIS_E_IO);
}

static void out_of_memory(fileset *set, const char *path)
{
    diag_add(set->diags, LOGIS_ERROR, path, 0, 0, NULL, "out of memory");
    fileset_fail(set, LOGIS_E_NOMEM);
}

static bool write_all(int fd, const char *text)
{
    size_t total = strlen(text), written = 0;
    while (written < total) {
        ssize_t got = write(fd, text + written, total - written);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            return false;
        written += (size_t)got;
    }
    return true;
}

/* Writes text to a new temporary file beside path; its name, or NULL (reported, and nothing
 * left behind). */
static char *write_temporary(fileset *set, const char *path, const char *text)
{
    size_t size = strlen(path) + 16;
    char *temporary = malloc(size);
    if (!temporary) {
        out_of_memory(set, path);
        return NULL;
    }
    snprintf(temporary, size, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(temporary);
    bool ok = fd >= 0 && write_all(fd, text) && fchmod(fd, 0644) == 0 && fsync(fd) == 0;
    int error = errno;
    if (fd >= 0 && close(fd) != 0 && ok) {
        ok = false;
        error = errno;
    }
    if (!ok) {
        errno = error;
        io_error(set, path, fd < 0 ? "cannot create" : "cannot write");
        if (fd >= 0)
            unlink(temporary);
        free(temporary);
        temporary = NULL;
    }
    return temporary;
}

static bool reserve_entry(fileset *set)
{
    if (set->count < set->capacity)
        return true;
    size_t capacity = set->capacity ? 2 * set->capacity : 8;
    fileset_entry *entries = realloc(set->entries, capacity * sizeof *entries);
    if (!entries)
        return false;
    set->entries = entries;
    set->capacity = capacity;
    return true;
}

void fileset_add(fileset *set, const char *path, const char *text)
{
    if (set->status != LOGIS_OK)
        return;
    struct stat existing;
    bool exists = stat(path, &existing) == 0;
    if (exists && S_ISDIR(existing.st_mode)) {
        /* rename would fail only at the end, once other files were replaced */
        diag_add(set->diags, LOGIS_ERROR, path, 0, 0, NULL, "cannot replace: it is a folder");
        fileset_fail(set, LOGIS_E_IO);
        return;
    }
    bool in_place = exists && !S_ISREG(existing.st_mode);
    fileset_entry entry = {strdup(path), NULL, in_place ? strdup(text) : NULL};
    if (!entry.path || (in_place && !entry.text) || !reserve_entry(set)) {
        out_of_memory(set, path);
    } else if (in_place || (entry.temporary = write_temporary(set, path, text)) != NULL) {
        set->entries[set->count++] = entry;
        return;
    }
    free(entry.path);
    free(entry.text);
}

/* A device or a pipe (/dev/stdout, a FIFO) is written in place: renaming over it would replace
 * it with a regular file. */
static void write_in_place(fileset *set, const fileset_entry *entry)
{
    FILE *file = fopen(entry->path, "w");
    bool ok = file && fputs(entry->text, file) >= 0;
    if (file && fclose(file) != 0)
        ok = false;
    if (!ok)
        io_error(set, entry->path, "cannot write");
}

static void rename_into_place(fileset *set)
{
    size_t renamed = 0;
    for (size_t i = 0; i < set->count && set->status == LOGIS_OK; i++) {
        fileset_entry *entry = &set->entries[i];
        if (!entry->temporary)
            continue;
        if (rename(entry->temporary, entry->path) != 0) {
            diag_add(set->diags, LOGIS_ERROR, entry->path, 0, 0, NULL,
                     "cannot replace: %s (%zu of the other files were replaced already)",
                     strerror(errno), renamed);
            fileset_fail(set, LOGIS_E_IO);
            continue;
        }
        free(entry->temporary);
        entry->temporary = NULL;
        renamed++;
    }
}

logis_status fileset_finish(fileset *set)
{
    for (size_t i = 0; i < set->count && set->status == LOGIS_OK; i++)
        if (set->entries[i].text)
            write_in_place(set, &set->entries[i]);
    if (set->status == LOGIS_OK)
        rename_into_place(set);
    for (size_t i = 0; i < set->count; i++) {
        if (set->entries[i].temporary)
            unlink(set->entries[i].temporary);
        free(set->entries[i].path);
        free(set->entries[i].temporary);
        free(set->entries[i].text);
    }
    free(set->entries);
    logis_status status = set->status;
    *set = (fileset){.status = status, .diags = set->diags};
    return status;
}
