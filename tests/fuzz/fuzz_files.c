/* The fuzz targets' scratch folder (fuzz_files.h): made once a process, emptied and removed at
 * exit, so that a long run leaves nothing behind in /dev/shm. */
#include "tests/fuzz/fuzz_files.h"

#include "logis.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { MOST_FILES = 16 };

static char folder[256];
static char written[MOST_FILES][64];
static int written_count;

static void remove_folder(void)
{
    char path[512];
    for (int i = 0; i < written_count; i++) {
        snprintf(path, sizeof path, "%s/%s", folder, written[i]);
        unlink(path);
    }
    rmdir(folder);
}

static const char *scratch_folder(void)
{
    if (folder[0])
        return folder;
    const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
    snprintf(folder, sizeof folder, "%s/logis-fuzz-XXXXXX", base);
    if (!mkdtemp(folder))
        abort(); /* nothing can be fuzzed without a folder */
    atexit(remove_folder);
    return folder;
}

void fuzz_path(const char *name, char *path, size_t size)
{
    snprintf(path, size, "%s/%s", scratch_folder(), name);
}

static void remember(const char *name)
{
    for (int i = 0; i < written_count; i++)
        if (strcmp(written[i], name) == 0)
            return;
    if (written_count == MOST_FILES || strlen(name) >= sizeof written[0])
        abort(); /* a harness bug: more scratch files than it declares */
    strcpy(written[written_count++], name);
}

void fuzz_write(const char *name, const uint8_t *data, size_t size, char *path,
                size_t path_size)
{
    char own[512];
    if (!path) {
        path = own;
        path_size = sizeof own;
    }
    fuzz_path(name, path, path_size);
    remember(name);
    FILE *file = fopen(path, "wb");
    if (!file || (size && fwrite(data, 1, size, file) != size) || fclose(file) != 0)
        abort();
}

void fuzz_remove(const char *name)
{
    char path[512];
    fuzz_path(name, path, sizeof path);
    unlink(path);
}

void fuzz_drop_diagnostics(logis_diagnostics *diags)
{
    for (size_t i = 0; i < logis_diagnostics_count(diags); i++)
        free(logis_diagnostics_line(diags, i));
    logis_diagnostics_free(diags);
}
