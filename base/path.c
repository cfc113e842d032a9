/* File paths: files named relative to a scenario's folder, and the check that keeps them inside
 * it (a scenario from elsewhere must not make logis read /etc/passwd or a user's files). */
#include "base/path.h"

#include "base/diag.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

char *path_beside(const char *base, const char *relative)
{
    const char *slash = strrchr(base, '/');
    size_t folder = relative[0] == '/' || !slash ? 0 : (size_t)(slash - base) + 1;
    char *joined = malloc(folder + strlen(relative) + 1);
    if (joined) {
        memcpy(joined, base, folder);
        strcpy(joined + folder, relative);
    }
    return joined;
}

/* The folder holding base, symbolic links resolved; NULL when it cannot be resolved. */
static char *real_folder_of(const char *base, bool *out_of_memory)
{
    const char *slash = strrchr(base, '/');
    char *folder = slash ? strndup(base, (size_t)(slash - base) + 1) : strdup(".");
    char *real = folder ? realpath(folder, NULL) : NULL;
    *out_of_memory = !folder;
    free(folder);
    return real;
}

/* Whether real is folder or lies below it. The folder itself is not outside it: reading it
 * then says what is wrong ("households": "." names a folder, not a file). */
static bool within(const char *real, const char *folder)
{
    size_t length = strlen(folder);
    return strncmp(real, folder, length) == 0 &&
           (real[length] == '\0' || real[length] == '/' || (length == 1 && folder[0] == '/'));
}

path_place path_place_beside(const char *path, const char *base)
{
    char *real = realpath(path, NULL);
    if (!real)
        return PATH_INSIDE;
    bool out_of_memory = false;
    char *folder = real_folder_of(base, &out_of_memory);
    bool inside = folder && within(real, folder);
    free(folder);
    free(real);
    return out_of_memory ? PATH_NO_MEMORY : inside ? PATH_INSIDE : PATH_OUTSIDE;
}

void path_refuse_outside(logis_diagnostics *diags, const char *file, const char *pointer,
                         const char *written)
{
    diag_add(diags, LOGIS_ERROR, file, 0, 0, pointer,
             "the file \"%.200s\" lies outside the scenario's folder: refused (allow it with "
             "--allow-outside)",
             written);
}
