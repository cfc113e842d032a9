/* String → index hash map: FNV-1a hashing with linear probing, sized for a load under one half. */
#include "base/idmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static size_t hash_text(const char *key)
{
    uint64_t hash = 1469598103934665603u;
    for (const unsigned char *p = (const unsigned char *)key; *p; p++)
        hash = (hash ^ *p) * 1099511628211u;
    return (size_t)hash;
}

bool idmap_init(idmap *map, size_t expected)
{
    size_t capacity = 16;
    while (capacity < 2 * expected + 2)
        capacity *= 2;
    map->keys = calloc(capacity, sizeof *map->keys);
    map->values = calloc(capacity, sizeof *map->values);
    map->capacity = capacity;
    map->count = 0;
    if (map->keys && map->values)
        return true;
    idmap_free(map);
    return false;
}

void idmap_free(idmap *map)
{
    free(map->keys);
    free(map->values);
    map->keys = NULL;
    map->values = NULL;
    map->capacity = map->count = 0;
}

static size_t idmap_slot(const idmap *map, const char *key)
{
    size_t mask = map->capacity - 1;
    size_t slot = hash_text(key) & mask;
    while (map->keys[slot] && strcmp(map->keys[slot], key) != 0)
        slot = (slot + 1) & mask;
    return slot;
}

static bool idmap_grow(idmap *map)
{
    idmap bigger;
    if (!idmap_init(&bigger, map->capacity))
        return false;
    for (size_t i = 0; i < map->capacity; i++)
        if (map->keys[i]) {
            size_t slot = idmap_slot(&bigger, map->keys[i]);
            bigger.keys[slot] = map->keys[i];
            bigger.values[slot] = map->values[i];
            bigger.count++;
        }
    idmap_free(map);
    *map = bigger;
    return true;
}

int idmap_put(idmap *map, const char *key, int value)
{
    if (2 * (map->count + 1) > map->capacity && !idmap_grow(map))
        return -2;
    size_t slot = idmap_slot(map, key);
    if (map->keys[slot])
        return map->values[slot];
    map->keys[slot] = key;
    map->values[slot] = value;
    map->count++;
    return -1;
}

int idmap_get(const idmap *map, const char *key)
{
    if (!map->capacity)
        return -1;
    size_t slot = idmap_slot(map, key);
    return map->keys[slot] ? map->values[slot] : -1;
}
