/* The growable array: a (pointer, count, capacity) triple given room for more elements, the
 * capacity doubled so that appending n elements costs O(n), every size checked for overflow. */
#ifndef LOGIS_ARRAY_H
#define LOGIS_ARRAY_H

#include <stdbool.h>
#include <stddef.h>

/* The array with room for `more` elements of item_size bytes after its first count: items
 * itself when it has them already (count + more <= *capacity), else items reallocated, *capacity
 * raised to twice itself, or to count + more when that is more, and to 8 at least. When out of
 * memory, or when a size would overflow size_t, items is returned as it was with *capacity
 * unchanged: the caller tells by array_has_room. Use it through ARRAY_RESERVE or ARRAY_GROW. */
void *array_reserve(void *items, size_t item_size, size_t count, size_t more, size_t *capacity);

/* Whether an array of count elements and room for capacity has room for `more` after them. */
static inline bool array_has_room(size_t count, size_t more, size_t capacity)
{
    return count <= capacity && more <= capacity - count;
}

/* Makes room for `more` elements after the first count of items (a T *, NULL when empty) whose
 * room is capacity (a size_t: any other type does not compile); both are assigned when the
 * array grows. True when there is room, false when out of memory (the array as it was). The
 * arguments are evaluated more than once: pass plain lvalues and values, nothing that changes
 * anything. */
#define ARRAY_RESERVE(items, count, more, capacity)                                              \
    ((items) = array_reserve((items), sizeof *(items), (size_t)(count), (more), &(capacity)),    \
     array_has_room((size_t)(count), (more), (capacity)))

/* Makes room for one more element, the array's next at index count: as ARRAY_RESERVE with
 * more = 1, and no call at all while there is room. */
#define ARRAY_GROW(items, count, capacity)                                                       \
    ((size_t)(count) < (capacity) || ARRAY_RESERVE(items, count, 1, capacity))

#endif
