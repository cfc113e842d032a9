/* What the library says about itself: its version, the names of its statuses, and the release
 * of the strings it returns. */
#include "logis.h"

#include <stdlib.h>

const char *logis_version(void)
{
    return LOGIS_VERSION_STRING;
}

const char *logis_status_string(logis_status status)
{
    switch (status) {
    case LOGIS_OK:
        return "ok";
    case LOGIS_E_INPUT:
        return "input";
    case LOGIS_E_NOMEM:
        return "memory";
    case LOGIS_E_SOLVER:
        return "solver";
    case LOGIS_E_IO:
        return "io";
    case LOGIS_E_LIMIT:
        return "limit";
    }
    return "unknown";
}

void logis_free(void *text)
{
    free(text);
}
