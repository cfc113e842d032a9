/* The fixed limits on input that the README lists (Limits and safety), shared by the readers
 * that enforce them. */
#ifndef LOGIS_LIMITS_H
#define LOGIS_LIMITS_H

enum {
    INPUT_MAX_RECORDS = 1000000 /* records in a JSON array; rows of a CSV file after its header */
};

#endif
