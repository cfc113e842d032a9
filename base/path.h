/* File paths: a file named relative to another file's folder (a scenario's array files), and
 * whether it lies inside that folder once symbolic links are resolved. */
#ifndef LOGIS_PATH_H
#define LOGIS_PATH_H

#include "logis.h"

/* relative, taken from the folder holding base (an absolute relative stays as it is); NULL
 * when out of memory. */
char *path_beside(const char *base, const char *relative);

typedef enum { PATH_INSIDE, PATH_OUTSIDE, PATH_NO_MEMORY } path_place;

/* Where path lies against the folder holding base, symbolic links resolved. A path that does not
 * resolve (a missing file) counts as inside: opening it reports what is wrong. */
path_place path_place_beside(const char *path, const char *base);

/* The error for a file that a scenario names (as `written`) outside its folder, at file and
 * pointer: the one message every reader of scenarios gives. */
void path_refuse_outside(logis_diagnostics *diags, const char *file, const char *pointer,
                         const char *written);

#endif
