/* The growable array behind every list the library builds by appending (diagnostics, rows,
 * stays, model columns): one policy, doubling, and one place that checks the sizes. */
#include "base/array.h"

#include "base/check.h"

#include <stdint.h>
#include <stdlib.h>

enum { ARRAY_FIRST_CAPACITY = 8 };

void *array_reserve(void *items, size_t item_size, size_t count, size_t more, size_t *capacity)
{
    if (array_has_room(count, more, *capacity))
        return items;
    if (item_size == 0) { /* can't happen: the macros pass a sizeof, and no object has size 0 */
        LOGIS_ASSERT(item_size > 0);
        return items;
    }
    if (more > SIZE_MAX - count)
        return items;
    size_t wanted = count + more;
    size_t bigger = *capacity <= SIZE_MAX / 2 ? 2 * *capacity : SIZE_MAX;
    if (bigger < wanted)
        bigger = wanted;
    if (bigger < ARRAY_FIRST_CAPACITY)
        bigger = ARRAY_FIRST_CAPACITY;
    if (bigger > SIZE_MAX / item_size) /* doubling would overflow: only what is wanted */
        bigger = wanted;
    if (bigger > SIZE_MAX / item_size)
        return items;
    void *grown = realloc(items, bigger * item_size);
    if (!grown)
        return items;
    *capacity = bigger;
    return grown;
}
