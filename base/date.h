/* Calendar dates as day numbers (days since 1970-01-01): ISO 8601 parsing and printing, and the
 * month arithmetic the rules use. */
#ifndef LOGIS_DATE_H
#define LOGIS_DATE_H

#include <stdbool.h>

typedef int day_t;

enum {
    DATE_TEXT_SIZE = 11, /* "YYYY-MM-DD" and its terminator */
    DATE_FIRST_YEAR = 1900,
    DATE_LAST_YEAR = 2999 /* the range every reader accepts, and so every date written */
};

/* Accepts exactly YYYY-MM-DD for a real calendar date from DATE_FIRST_YEAR to DATE_LAST_YEAR. */
bool date_parse(const char *text, day_t *out);
enum { DATE_PROBLEM_SIZE = 128 };
/* Why date_parse refuses text, for a message: "must be a real calendar date YYYY-MM-DD from
 * 1900-01-01 to 2999-12-31 (got "3000-01-01")". The text is quoted only when it looks like a
 * date: a name typed where a date goes stays out of messages. Written into problem
 * (DATE_PROBLEM_SIZE bytes), which is returned. */
const char *date_problem(const char *text, char *problem);
/* DATE_LAST_YEAR-12-31, the last day date_parse accepts. */
day_t date_last(void);
/* Writes YYYY-MM-DD into text (DATE_TEXT_SIZE bytes). */
void date_format(day_t day, char *text);
day_t date_from_ymd(int year, int month, int mday);
void date_to_ymd(day_t day, int *year, int *month, int *mday);
/* The same day `months` later, clamped to the end of the month: 2017-11-30 + 3 = 2018-02-28. */
day_t date_add_months(day_t day, int months);

#endif
