/* Calendar dates as day numbers, by the proleptic Gregorian civil-day algorithm (Howard
 * Hinnant's days_from_civil), exact for every year this program accepts. */
#include "base/date.h"

#include <stdio.h>
#include <string.h>

static bool is_leap(int year)
{
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

day_t date_from_ymd(int year, int month, int mday)
{
    int y = month <= 2 ? year - 1 : year;
    int era = (y >= 0 ? y : y - 399) / 400;
    int year_of_era = y - era * 400;
    int day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + mday - 1;
    int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

void date_to_ymd(day_t day, int *year, int *month, int *mday)
{
    int z = day + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int day_of_era = z - era * 146097;
    int year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
    int day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    int mp = (5 * day_of_year + 2) / 153;
    *mday = day_of_year - (153 * mp + 2) / 5 + 1;
    *month = mp < 10 ? mp + 3 : mp - 9;
    *year = year_of_era + era * 400 + (*month <= 2);
}

static bool parse_digits(const char *text, int count, int *out)
{
    int value = 0;
    for (int i = 0; i < count; i++) {
        if (text[i] < '0' || text[i] > '9')
            return false;
        value = value * 10 + (text[i] - '0');
    }
    *out = value;
    return true;
}

bool date_parse(const char *text, day_t *out)
{
    int year, month, mday;
    if (strlen(text) != 10 || text[4] != '-' || text[7] != '-')
        return false;
    if (!parse_digits(text, 4, &year) || !parse_digits(text + 5, 2, &month) ||
        !parse_digits(text + 8, 2, &mday))
        return false;
    if (year < DATE_FIRST_YEAR || year > DATE_LAST_YEAR || month < 1 || month > 12 || mday < 1 ||
        mday > days_in_month(year, month))
        return false;
    *out = date_from_ymd(year, month, mday);
    return true;
}

const char *date_problem(const char *text, char *problem)
{
    size_t length = strlen(text);
    bool looks_like_a_date = length <= 20 && strspn(text, "0123456789-/. ") == length;
    snprintf(problem, DATE_PROBLEM_SIZE,
             "must be a real calendar date YYYY-MM-DD from %d-01-01 to %d-12-31%s%s%s",
             DATE_FIRST_YEAR, DATE_LAST_YEAR, looks_like_a_date ? " (got \"" : "",
             looks_like_a_date ? text : "", looks_like_a_date ? "\")" : "");
    return problem;
}

day_t date_last(void)
{
    return date_from_ymd(DATE_LAST_YEAR, 12, 31);
}

void date_format(day_t day, char *text)
{
    int year, month, mday;
    date_to_ymd(day, &year, &month, &mday);
    unsigned y = (unsigned)year % 10000u, m = (unsigned)month % 100u, d = (unsigned)mday % 100u;
    snprintf(text, DATE_TEXT_SIZE, "%04u-%02u-%02u", y, m, d);
}

day_t date_add_months(day_t day, int months)
{
    int year, month, mday;
    date_to_ymd(day, &year, &month, &mday);
    int index = year * 12 + (month - 1) + months;
    year = index / 12;
    month = index % 12 + 1;
    int last = days_in_month(year, month);
    return date_from_ymd(year, month, mday < last ? mday : last);
}
