/* The dates suite: ISO 8601 parsing and printing, month arithmetic with clamping, and the
 * half-open intervals that the rules build from them. */
#include "tests.h"

#include "base/date.h"
#include "domain/rules.h"

#include <string.h>

static day_t ymd(int year, int month, int mday)
{
    return date_from_ymd(year, month, mday);
}

/* True when text parses to exactly the given calendar date. */
static int parses_to(const char *text, int year, int month, int mday)
{
    day_t day = 0;
    return date_parse(text, &day) && day == ymd(year, month, mday);
}

static int rejects(const char *text)
{
    day_t day = 0;
    return !date_parse(text, &day);
}

/* True when day plus months is the expected text. */
static int adds_to(const char *from, int months, const char *expected)
{
    day_t day = 0;
    char text[DATE_TEXT_SIZE];
    if (!date_parse(from, &day))
        return 0;
    date_format(date_add_months(day, months), text);
    return strcmp(text, expected) == 0;
}

static void date_parse_reads_valid_dates(void)
{
    CU_ASSERT(parses_to("2017-02-14", 2017, 2, 14));
    CU_ASSERT(parses_to("2017-12-31", 2017, 12, 31));
    CU_ASSERT(parses_to("2017-01-01", 2017, 1, 1));
    CU_ASSERT(parses_to("2000-02-29", 2000, 2, 29));
}

static void date_parse_counts_days_from_1970(void)
{
    day_t day = -1;
    CU_ASSERT(date_parse("1970-01-01", &day) && day == 0);
    CU_ASSERT(date_parse("1970-01-02", &day) && day == 1);
    CU_ASSERT(date_parse("2000-03-01", &day) && day == 11017);
    CU_ASSERT(date_parse("1969-12-31", &day) && day == -1);
}

static void date_parse_rejects_days_not_in_the_calendar(void)
{
    CU_ASSERT(rejects("2017-02-30"));
    CU_ASSERT(rejects("2017-02-29"));
    CU_ASSERT(rejects("2017-04-31"));
    CU_ASSERT(rejects("2017-13-01"));
    CU_ASSERT(rejects("2017-00-10"));
    CU_ASSERT(rejects("2017-01-00"));
    CU_ASSERT(rejects("2017-01-32"));
}

static void date_parse_follows_the_leap_year_rules(void)
{
    CU_ASSERT(rejects("2019-02-29"));
    CU_ASSERT(parses_to("2020-02-29", 2020, 2, 29));
    CU_ASSERT(rejects("1900-02-29"));
    CU_ASSERT(rejects("2100-02-29"));
    CU_ASSERT(parses_to("2400-02-29", 2400, 2, 29));
}

static void date_parse_rejects_other_formats(void)
{
    CU_ASSERT(rejects("2017-2-3"));
    CU_ASSERT(rejects("2017-02-030"));
    CU_ASSERT(rejects(""));
    CU_ASSERT(rejects("2017-02-14x"));
    CU_ASSERT(rejects("2017-02-14 "));
    CU_ASSERT(rejects(" 2017-02-14"));
    CU_ASSERT(rejects("2017-02-14T00:00"));
    CU_ASSERT(rejects("2017/02/14"));
    CU_ASSERT(rejects("20170214"));
    CU_ASSERT(rejects("2017-02-1a"));
    CU_ASSERT(rejects("+017-02-14"));
    CU_ASSERT(rejects("2017-+2-14"));
    CU_ASSERT(rejects("14-02-2017"));
}

static void date_parse_accepts_years_1900_to_2999_only(void)
{
    CU_ASSERT(rejects("1899-12-31"));
    CU_ASSERT(parses_to("1900-01-01", 1900, 1, 1));
    CU_ASSERT(parses_to("2999-12-31", 2999, 12, 31));
    CU_ASSERT(rejects("3000-01-01"));
    CU_ASSERT(rejects("0000-01-01"));
}

static void date_format_writes_iso_dates(void)
{
    char text[DATE_TEXT_SIZE];
    date_format(0, text);
    CU_ASSERT_STRING_EQUAL(text, "1970-01-01");
    date_format(ymd(2017, 2, 14), text);
    CU_ASSERT_STRING_EQUAL(text, "2017-02-14");
    date_format(ymd(1900, 1, 1), text);
    CU_ASSERT_STRING_EQUAL(text, "1900-01-01");
    date_format(ymd(2999, 12, 31), text);
    CU_ASSERT_STRING_EQUAL(text, "2999-12-31");
}

/* Every day of the accepted range prints and parses back to itself, one day after the last. */
static void date_format_and_parse_round_trip_every_day(void)
{
    day_t first = ymd(1900, 1, 1), last = ymd(2999, 12, 31);
    long failures = 0;
    for (day_t day = first; day <= last; day++) {
        char text[DATE_TEXT_SIZE];
        day_t back = 0;
        date_format(day, text);
        if (!date_parse(text, &back) || back != day)
            failures++;
    }
    CU_ASSERT_EQUAL(failures, 0);
    CU_ASSERT_EQUAL(last - first + 1, 1100 * 365 + 267);
}

static void date_to_ymd_splits_day_numbers(void)
{
    int year = 0, month = 0, mday = 0;
    date_to_ymd(ymd(2020, 2, 29), &year, &month, &mday);
    CU_ASSERT(year == 2020 && month == 2 && mday == 29);
    date_to_ymd(ymd(2020, 2, 29) + 1, &year, &month, &mday);
    CU_ASSERT(year == 2020 && month == 3 && mday == 1);
    date_to_ymd(ymd(2017, 12, 31) + 1, &year, &month, &mday);
    CU_ASSERT(year == 2018 && month == 1 && mday == 1);
}

static void date_add_months_keeps_the_day_of_month(void)
{
    CU_ASSERT(adds_to("2017-02-14", 3, "2017-05-14"));
    CU_ASSERT(adds_to("2017-02-14", 0, "2017-02-14"));
    CU_ASSERT(adds_to("2017-01-28", 1, "2017-02-28"));
    CU_ASSERT(adds_to("2017-03-31", 2, "2017-05-31"));
}

static void date_add_months_clamps_to_month_end(void)
{
    CU_ASSERT(adds_to("2017-11-30", 3, "2018-02-28"));
    CU_ASSERT(adds_to("2019-11-30", 3, "2020-02-29"));
    CU_ASSERT(adds_to("2017-01-31", 1, "2017-02-28"));
    CU_ASSERT(adds_to("2020-01-31", 1, "2020-02-29"));
    CU_ASSERT(adds_to("2017-03-31", 1, "2017-04-30"));
    CU_ASSERT(adds_to("1900-01-31", 1, "1900-02-28"));
}

static void date_add_months_of_a_year_keeps_the_date(void)
{
    CU_ASSERT(adds_to("2017-02-14", 12, "2018-02-14"));
    CU_ASSERT(adds_to("2016-02-29", 12, "2017-02-28"));
    CU_ASSERT(adds_to("2016-02-29", 48, "2020-02-29"));
    CU_ASSERT(adds_to("2017-08-31", 60, "2022-08-31"));
}

static void date_add_months_rolls_over_the_year(void)
{
    CU_ASSERT(adds_to("2017-12-15", 1, "2018-01-15"));
    CU_ASSERT(adds_to("2017-10-31", 4, "2018-02-28"));
    CU_ASSERT(adds_to("2017-11-01", 14, "2019-01-01"));
    CU_ASSERT(adds_to("2017-08-31", 18, "2019-02-28"));
}

/* The clamp does not carry over: two steps of one month may differ from one of two months. */
static void date_add_months_does_not_accumulate_clamping(void)
{
    day_t day = ymd(2017, 1, 31);
    CU_ASSERT_EQUAL(date_add_months(day, 2), ymd(2017, 3, 31));
    CU_ASSERT_EQUAL(date_add_months(date_add_months(day, 1), 1), ymd(2017, 3, 28));
}

/* A scenario with the default rules, and a temporary dwelling and household to go with it. */
typedef struct {
    logis_scenario scenario;
    household guest;
    dwelling home;
} stay_setting;

static stay_setting default_setting(void)
{
    stay_setting set = {.scenario = {.rules = {.stay_months = 3,
                                               .support_months = 12,
                                               .max_wait_days = 0,
                                               .start_step_days = 7,
                                               .turnover_days = 0}},
                        .guest = {.size = 2, .stay_months = 3},
                        .home = {.places = 4, .lease = LEASE_TEMPORARY}};
    return set;
}

static void temporary_stay_ends_after_its_stay_months(void)
{
    stay_setting set = default_setting();
    day_t start = ymd(2017, 2, 14);
    CU_ASSERT_EQUAL(rule_stay_end(&set.scenario, &set.guest, &set.home, start), ymd(2017, 5, 14));
    set.guest.stay_months = 6;
    CU_ASSERT_EQUAL(rule_stay_end(&set.scenario, &set.guest, &set.home, start), ymd(2017, 8, 14));
}

static void temporary_stay_end_is_clamped_to_month_end(void)
{
    stay_setting set = default_setting();
    day_t start = ymd(2017, 11, 30);
    CU_ASSERT_EQUAL(rule_stay_end(&set.scenario, &set.guest, &set.home, start), ymd(2018, 2, 28));
}

static void sliding_lease_ends_at_support_months(void)
{
    stay_setting set = default_setting();
    set.home.lease = LEASE_SLIDING;
    day_t start = ymd(2017, 2, 14);
    CU_ASSERT_EQUAL(rule_stay_end(&set.scenario, &set.guest, &set.home, start), ymd(2018, 2, 14));
    set.scenario.rules.support_months = 18;
    CU_ASSERT_EQUAL(rule_stay_end(&set.scenario, &set.guest, &set.home, ymd(2017, 8, 31)),
                    ymd(2019, 2, 28));
}

static void support_ends_support_months_after_move_in(void)
{
    stay_setting set = default_setting();
    CU_ASSERT_EQUAL(rule_support_end(&set.scenario, ymd(2017, 2, 14)), ymd(2018, 2, 14));
    CU_ASSERT_EQUAL(rule_support_end(&set.scenario, ymd(2019, 2, 28)), ymd(2020, 2, 28));
}

static void temporary_dwelling_is_kept_for_turnover_days(void)
{
    stay_setting set = default_setting();
    day_t end = ymd(2017, 5, 14);
    CU_ASSERT_EQUAL(rule_occupied_until(&set.scenario, &set.home, end), end);
    set.scenario.rules.turnover_days = 7;
    CU_ASSERT_EQUAL(rule_occupied_until(&set.scenario, &set.home, end), ymd(2017, 5, 21));
}

static void sliding_dwelling_is_never_free_again(void)
{
    stay_setting set = default_setting();
    set.home.lease = LEASE_SLIDING;
    CU_ASSERT(rule_occupied_until(&set.scenario, &set.home, ymd(2018, 2, 14)) >=
              DAY_NONE_AFTER);
}

/* [14 Feb, 14 May) holds the night of 13 May, not that of 14 May. */
static void intervals_are_half_open(void)
{
    day_t start = ymd(2017, 2, 14), end = ymd(2017, 5, 14);
    CU_ASSERT_FALSE(intervals_overlap(start, end, end, ymd(2017, 8, 14)));
    CU_ASSERT_TRUE(intervals_overlap(start, end, end - 1, ymd(2017, 8, 14)));
    CU_ASSERT_FALSE(intervals_overlap(ymd(2017, 1, 1), start, start, end));
    CU_ASSERT_TRUE(intervals_overlap(start, end, start, start + 1));
}

void suite_dates(void)
{
    CU_pSuite suite = CU_add_suite("dates", NULL, NULL);
    CU_add_test(suite, "date_parse_reads_valid_dates", date_parse_reads_valid_dates);
    CU_add_test(suite, "date_parse_counts_days_from_1970", date_parse_counts_days_from_1970);
    CU_add_test(suite, "date_parse_rejects_days_not_in_the_calendar",
                date_parse_rejects_days_not_in_the_calendar);
    CU_add_test(suite, "date_parse_follows_the_leap_year_rules",
                date_parse_follows_the_leap_year_rules);
    CU_add_test(suite, "date_parse_rejects_other_formats", date_parse_rejects_other_formats);
    CU_add_test(suite, "date_parse_accepts_years_1900_to_2999_only",
                date_parse_accepts_years_1900_to_2999_only);
    CU_add_test(suite, "date_format_writes_iso_dates", date_format_writes_iso_dates);
    CU_add_test(suite, "date_format_and_parse_round_trip_every_day",
                date_format_and_parse_round_trip_every_day);
    CU_add_test(suite, "date_to_ymd_splits_day_numbers", date_to_ymd_splits_day_numbers);
    CU_add_test(suite, "date_add_months_keeps_the_day_of_month",
                date_add_months_keeps_the_day_of_month);
    CU_add_test(suite, "date_add_months_clamps_to_month_end", date_add_months_clamps_to_month_end);
    CU_add_test(suite, "date_add_months_of_a_year_keeps_the_date",
                date_add_months_of_a_year_keeps_the_date);
    CU_add_test(suite, "date_add_months_rolls_over_the_year", date_add_months_rolls_over_the_year);
    CU_add_test(suite, "date_add_months_does_not_accumulate_clamping",
                date_add_months_does_not_accumulate_clamping);
    CU_add_test(suite, "temporary_stay_ends_after_its_stay_months",
                temporary_stay_ends_after_its_stay_months);
    CU_add_test(suite, "temporary_stay_end_is_clamped_to_month_end",
                temporary_stay_end_is_clamped_to_month_end);
    CU_add_test(suite, "sliding_lease_ends_at_support_months",
                sliding_lease_ends_at_support_months);
    CU_add_test(suite, "support_ends_support_months_after_move_in",
                support_ends_support_months_after_move_in);
    CU_add_test(suite, "temporary_dwelling_is_kept_for_turnover_days",
                temporary_dwelling_is_kept_for_turnover_days);
    CU_add_test(suite, "sliding_dwelling_is_never_free_again",
                sliding_dwelling_is_never_free_again);
    CU_add_test(suite, "intervals_are_half_open", intervals_are_half_open);
}
