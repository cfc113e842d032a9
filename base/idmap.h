/* A string → index hash map (open addressing) so that id lookups stay linear in the data. */
#ifndef LOGIS_IDMAP_H
#define LOGIS_IDMAP_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    const char **keys; /* borrowed: the strings must outlive the map */
    int *values;
    size_t capacity, count;
} idmap;

/* false when out of memory. */
bool idmap_init(idmap *map, size_t expected);
void idmap_free(idmap *map);
/* Adds key → value. Returns the value already there for a duplicate key, -1 when added, -2 when
 * out of memory. */
int idmap_put(idmap *map, const char *key, int value);
/* The value, or -1. */
int idmap_get(const idmap *map, const char *key);

#endif
