/* The fuzz targets' scratch files: one private folder a process, on /dev/shm when there is one,
 * removed at exit. Harness code: it may abort, the library may not. */
#ifndef LOGIS_FUZZ_FILES_H
#define LOGIS_FUZZ_FILES_H

#include <stddef.h>
#include <stdint.h>

/* path = the folder's file called name (the folder is made on the first call). */
void fuzz_path(const char *name, char *path, size_t size);

/* Writes size bytes of data to the folder's file called name, and remembers it for removal;
 * its path into path (may be NULL). */
void fuzz_write(const char *name, const uint8_t *data, size_t size, char *path,
                size_t path_size);

/* Removes the folder's file called name, if any. */
void fuzz_remove(const char *name);

/* Frees every line of diags, as a caller that prints them would make them, then diags. */
struct logis_diagnostics;
void fuzz_drop_diagnostics(struct logis_diagnostics *diags);

#endif
