/* Output files all or nothing: every name made first, then temporaries beside their paths
 * (mkstemp, fsync), renamed only once every one is on disk, removed on any failure; the files
 * replaced are kept aside (hard links) until every rename is done, and put back if one fails. */
#include "base/fileset.h"

#include "base/array.h"
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
    char *temporary;  /* "PATH.tmp-XXXXXX", filled in by mkstemp; NULL for a device or pipe */
    const char *text; /* the caller's, until fileset_finish */
    bool written;     /* the temporary exists: removed unless renamed */
    char *kept;       /* "PATH.old-XXXXXX", named after the temporary; NULL for in place */
    bool aside;       /* kept is a hard link to the file that path held */
    bool replaced;    /* renamed into place */
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

/* Writes the entry's text to a new temporary file beside its path (reported when it cannot,
 * and nothing left behind). */
static void write_temporary(fileset *set, fileset_entry *entry)
{
    int fd = mkstemp(entry->temporary);
    bool ok = fd >= 0 && write_all(fd, entry->text) && fchmod(fd, 0644) == 0 && fsync(fd) == 0;
    int error = errno;
    if (fd >= 0 && close(fd) != 0 && ok) {
        ok = false;
        error = errno;
    }
    if (fd >= 0 && !ok)
        unlink(entry->temporary);
    entry->written = ok;
    if (!ok) {
        errno = error;
        io_error(set, entry->path, fd < 0 ? "cannot create" : "cannot write");
    }
}

/* Only memory is taken here, no file is touched: a set that runs out of memory leaves no trace,
 * and its caller may make the folder the files go into once every file is added. */
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
    size_t size = strlen(path) + sizeof ".tmp-XXXXXX";
    fileset_entry entry = {.path = strdup(path), .temporary = in_place ? NULL : malloc(size),
                           .kept = in_place ? NULL : malloc(size), .text = text};
    if (!entry.path || (!in_place && (!entry.temporary || !entry.kept)) ||
        !ARRAY_GROW(set->entries, set->count, set->capacity)) {
        out_of_memory(set, path);
        free(entry.path);
        free(entry.temporary);
        free(entry.kept);
        return;
    }
    if (entry.temporary)
        snprintf(entry.temporary, size, "%s.tmp-XXXXXX", path);
    set->entries[set->count++] = entry;
}

/* Opens a device or a pipe for writing. A pipe that no process reads would hold the run
 * forever at open: it is refused at once (ENXIO), then written as any file. */
static FILE *open_in_place(const char *path)
{
    int fd = open(path, O_WRONLY | O_NONBLOCK | O_TRUNC | O_CLOEXEC);
    int flags = fd >= 0 ? fcntl(fd, F_GETFL) : -1;
    FILE *file = flags >= 0 && fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == 0 ? fdopen(fd, "w")
                                                                             : NULL;
    if (!file && fd >= 0) {
        int error = errno;
        close(fd);
        errno = error;
    }
    return file;
}

/* A device or a pipe (/dev/stdout, a FIFO) is written in place: renaming over it would replace
 * it with a regular file. */
static void write_in_place(fileset *set, const fileset_entry *entry)
{
    FILE *file = open_in_place(entry->path);
    bool ok = file && fputs(entry->text, file) >= 0;
    if (file && fclose(file) != 0)
        ok = false;
    if (ok)
        return;
    if (errno != ENXIO) {
        io_error(set, entry->path, "cannot write");
        return;
    }
    /* strerror's "no such device or address" would not say why */
    diag_add(set->diags, LOGIS_ERROR, entry->path, 0, 0, NULL,
             "cannot write: no process reads this pipe (start its reader first)");
    fileset_fail(set, LOGIS_E_IO);
}

/* Keeps each file that a rename will replace under a second name (a hard link), so that it can
 * be put back. Its name's memory was taken by fileset_add: once files are touched, no
 * allocation is left to fail. A file that cannot be linked (immutable, or another user's in a
 * sticky folder) fails the set before anything is replaced. */
static void keep_old_files(fileset *set)
{
    for (size_t i = 0; i < set->count && set->status == LOGIS_OK; i++) {
        fileset_entry *entry = &set->entries[i];
        if (!entry->temporary)
            continue;
        const char *suffix = entry->temporary + strlen(entry->path) + strlen(".tmp-");
        snprintf(entry->kept, strlen(entry->temporary) + 1, "%s.old-%s", entry->path, suffix);
        entry->aside = link(entry->path, entry->kept) == 0;
        if (!entry->aside && errno != ENOENT) {
            diag_add(set->diags, LOGIS_ERROR, entry->path, 0, 0, NULL,
                     "cannot replace: %s (it could not be kept aside to be put back, should "
                     "another file fail: nothing was replaced)", strerror(errno));
            fileset_fail(set, LOGIS_E_IO);
        }
    }
}

/* After a failed rename: every file already renamed into place goes back to what it was.
 * Returns how many could not. */
static size_t put_back(fileset *set)
{
    size_t failed = 0;
    for (size_t i = 0; i < set->count; i++) {
        fileset_entry *entry = &set->entries[i];
        if (!entry->replaced)
            continue;
        bool back = entry->aside ? rename(entry->kept, entry->path) == 0
                                 : unlink(entry->path) == 0;
        entry->aside &= !back;
        failed += !back;
    }
    return failed;
}

static void rename_into_place(fileset *set)
{
    size_t renamed = 0;
    for (size_t i = 0; i < set->count && set->status == LOGIS_OK; i++) {
        fileset_entry *entry = &set->entries[i];
        if (!entry->temporary)
            continue;
        if (rename(entry->temporary, entry->path) == 0) {
            entry->written = false;
            entry->replaced = true;
            renamed++;
            continue;
        }
        int error = errno;
        size_t stuck = put_back(set);
        errno = error;
        if (stuck == 0 && renamed == 0)
            diag_add(set->diags, LOGIS_ERROR, entry->path, 0, 0, NULL,
                     "cannot replace: %s (nothing was replaced)", strerror(errno));
        else if (stuck == 0)
            diag_add(set->diags, LOGIS_ERROR, entry->path, 0, 0, NULL,
                     "cannot replace: %s (nothing was replaced: the %zu files replaced before "
                     "it were put back)", strerror(errno), renamed);
        else
            diag_add(set->diags, LOGIS_ERROR, entry->path, 0, 0, NULL,
                     "cannot replace: %s (%zu of the %zu files replaced before it could not be "
                     "put back)", strerror(errno), stuck, renamed);
        fileset_fail(set, LOGIS_E_IO);
    }
}

logis_status fileset_finish(fileset *set)
{
    for (size_t i = 0; i < set->count && set->status == LOGIS_OK; i++)
        if (set->entries[i].temporary)
            write_temporary(set, &set->entries[i]);
    for (size_t i = 0; i < set->count && set->status == LOGIS_OK; i++)
        if (!set->entries[i].temporary)
            write_in_place(set, &set->entries[i]);
    if (set->status == LOGIS_OK)
        keep_old_files(set);
    if (set->status == LOGIS_OK)
        rename_into_place(set);
    for (size_t i = 0; i < set->count; i++) {
        fileset_entry *entry = &set->entries[i];
        if (entry->written)
            unlink(entry->temporary);
        if (entry->aside)
            unlink(entry->kept);
        free(entry->path);
        free(entry->temporary);
        free(entry->kept);
    }
    free(set->entries);
    logis_status status = set->status;
    *set = (fileset){.status = status, .diags = set->diags};
    return status;
}
