/* gen_scenario: seeded, deterministic generator of FAAR-like scenarios (park + households) for
 * benchmarking logis; the same options and seed give byte-identical files on every machine. */
#define _POSIX_C_SOURCE 200809L /* mkdir */

#include <errno.h>
#include <stdarg.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PLACE_SIZES 8
#define MAX_YEARS 10 /* ×40 over ten years is already some 280,000 households */

/* The FAAR park: these counts give exactly 193 dwellings and 903 places (DOMAIN.md). */
static const int place_size[PLACE_SIZES] = {2, 3, 4, 5, 6, 7, 8, 9};
static const int faar_count[PLACE_SIZES] = {14, 32, 45, 46, 33, 15, 6, 2};
/* Household sizes 1..10 in percent (DOMAIN.md); mean 4.56. */
static const int size_percent[10] = {8, 10, 14, 18, 18, 14, 9, 5, 3, 1};
/* Adults in households of 3 or more: mostly two parents, some single parents or grown children. */
static const int adult_percent[4] = {15, 65, 12, 8};

/* One random stream per purpose, so that changing one option (say --sliding) leaves the draws of
 * every other attribute untouched, and household options never change the park. */
enum stream { S_SHUFFLE = 1, S_SLIDING, S_SHARED, S_CAPTURED, S_CAPTURE_DATES, S_ACCESSIBLE,
              S_CONVOY_DATES, S_CONVOY_WEIGHTS, S_HOUSEHOLDS, S_SCORES, S_LINKS };

typedef struct {
    double seed, scale, demand, caseload, sliding, shared, captured;
    double max_wait, step, turnover, stay_months, support_months, years; /* whole numbers */
    double scores, quotas, links; /* matching: the highest score, a quota's share, link count */
    int inline_households;
    long start; /* day number, see days_from_civil */
    const char *outdir;
} options;

typedef struct { uint64_t state; } rng;

typedef struct {
    int places, territory, sliding, shared, accessible;
    long available_offset; /* days after the horizon start; 0 = available from the start */
} dwelling;

typedef struct {
    int size, adults, accessible, priority, sliding_lease, territory_count, territory[2];
    long arrival;
} household;

typedef struct {
    household *items;
    long count, allocated, persons;
    int convoys; /* convoys that received at least one household */
} household_list;

typedef struct { int year, month, day; } civil_date;
typedef struct { char text[11]; } date_text; /* by value, so two can sit in one printf */

__attribute__((format(printf, 2, 3))) static _Noreturn void die(int status, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fprintf(stderr, "gen_scenario: ");
    vfprintf(stderr, format, args);
    fprintf(stderr, "\n");
    va_end(args);
    exit(status);
}

static void *checked(void *p)
{
    if (!p)
        die(1, "out of memory");
    return p;
}

/* splitmix64: tiny, well mixed and fully specified, unlike rand(). */
static uint64_t rng_next(rng *r)
{
    uint64_t z = (r->state += 0x9E3779B97F4A7C15u);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9u;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBu;
    return z ^ (z >> 31);
}

static rng rng_stream(const options *o, enum stream purpose)
{
    rng r = {(uint64_t)o->seed};
    r.state = rng_next(&r) ^ ((uint64_t)purpose * 0xD1B54A32D192ED03u);
    return r;
}

/* Uniform in [0, n); rejection keeps it unbiased for any n. */
static long rng_below(rng *r, long n)
{
    uint64_t range = (uint64_t)n, limit = UINT64_MAX - UINT64_MAX % range, x;
    do
        x = rng_next(r);
    while (x >= limit);
    return (long)(x % range);
}

static double rng_unit(rng *r) { return (double)(rng_next(r) >> 11) * 0x1.0p-53; }

static int rng_chance(rng *r, double p) { return rng_unit(r) < p; }

/* Howard Hinnant's civil-date algorithms: day 0 is 1970-01-01, proleptic Gregorian. */
static long days_from_civil(civil_date d)
{
    long y = d.year - (d.month <= 2);
    long era = (y >= 0 ? y : y - 399) / 400, yoe = y - era * 400;
    long doy = (153 * ((d.month + 9) % 12) + 2) / 5 + d.day - 1;
    return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

static civil_date civil_from_days(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    civil_date d;
    d.day = (int)(doy - (153 * mp + 2) / 5 + 1);
    d.month = (int)(mp < 10 ? mp + 3 : mp - 9);
    d.year = (int)(yoe + era * 400 + (d.month <= 2));
    return d;
}

static int days_in_month(int year, int month)
{
    static const int length[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return length[month - 1] + (month == 2 && leap);
}

/* Same day `months` later (or earlier), clamped to the month's end: 02-29 + 1 year = 02-28. */
static long add_months(long day, int months)
{
    civil_date d = civil_from_days(day);
    int index = d.year * 12 + (d.month - 1) + months;
    d.year = index / 12;
    d.month = index % 12 + 1;
    if (d.day > days_in_month(d.year, d.month))
        d.day = days_in_month(d.year, d.month);
    return days_from_civil(d);
}

/* YYYY-MM-DD; the year is kept to four digits by parse_date's range. */
static date_text format_date(long day)
{
    civil_date d = civil_from_days(day);
    date_text out;
    snprintf(out.text, sizeof out.text, "%04d-%02d-%02d", d.year, d.month, d.day);
    return out;
}

/* Strict YYYY-MM-DD, years 1900..9998 so that a one-year horizon's end still has four digits
 * (parse_options checks longer horizons). */
static int parse_date(const char *text, long *day)
{
    if (strlen(text) != 10 || text[4] != '-' || text[7] != '-')
        return 0;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (text[i] < '0' || text[i] > '9'))
            return 0;
    civil_date d = {atoi(text), atoi(text + 5), atoi(text + 8)};
    if (d.year < 1900 || d.year > 9998 || d.month < 1 || d.month > 12 || d.day < 1 ||
        d.day > days_in_month(d.year, d.month))
        return 0;
    *day = days_from_civil(d);
    return 1;
}

static void usage(FILE *to)
{
    fprintf(to, "usage: gen_scenario [--seed N] [--scale F] [--demand F] [--max-wait DAYS]\n"
                "         [--step DAYS] [--turnover DAYS] [--stay-months M] [--support-months M]\n"
                "         [--caseload F] [--sliding F] [--shared F] [--captured F]\n"
                "         [--years N] [--start YYYY-MM-DD] [--scores MAX] [--quotas F]\n"
                "         [--links N] [--inline] OUTDIR\n");
}

static _Noreturn void fail_option(const char *name, const char *value, const char *expected)
{
    die(2, "%s: bad value '%s' (expected %s)", name, value, expected);
}

/* Reads one numeric option; a bad or out-of-range value exits 2. */
static double parse_number(const char *name, const char *value, double lo, double hi, int whole)
{
    char *end, expected[80];
    double x = strtod(value, &end);
    snprintf(expected, sizeof expected, "%s in %.16g..%.16g", whole ? "an integer" : "a number",
             lo, hi);
    if (end == value || *end != '\0' || !isfinite(x) || x < lo || x > hi ||
        (whole && x != floor(x)))
        fail_option(name, value, expected);
    return x;
}

static void parse_options(int argc, char **argv, options *o)
{
    const options defaults = {1, 1, 1, 0, 0.10, 0.05, 0.10, 0, 7, 0, 3, 12, 1, 0, 0, 0, 0, 0,
                              NULL};
    /* The seed is kept within 2^53 so that a double holds it exactly. */
    const struct { const char *name; double *value, lo, hi; int whole; } numbers[] = {
        {"--seed", &o->seed, 0, 9007199254740992.0, 1},
        {"--scale", &o->scale, 0.5, 40, 0},       {"--demand", &o->demand, 0.01, 20, 0},
        {"--caseload", &o->caseload, 0, 10, 0},   {"--sliding", &o->sliding, 0, 1, 0},
        {"--shared", &o->shared, 0, 1, 0},        {"--captured", &o->captured, 0, 1, 0},
        {"--max-wait", &o->max_wait, 0, 365, 1},  {"--step", &o->step, 1, 365, 1},
        {"--turnover", &o->turnover, 0, 90, 1},   {"--stay-months", &o->stay_months, 1, 12, 1},
        {"--support-months", &o->support_months, 1, 60, 1},
        {"--years", &o->years, 1, MAX_YEARS, 1},
        {"--scores", &o->scores, 0, 1000, 0},    {"--quotas", &o->quotas, 0, 10, 0},
        {"--links", &o->links, 0, 100000, 1},
    };
    *o = defaults;
    parse_date("2027-01-05", &o->start);
    for (int i = 1; i < argc; i++) {
        const char *name = argv[i], *value = i + 1 < argc ? argv[i + 1] : "";
        size_t k = 0;
        if (strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0) {
            usage(stdout);
            exit(0);
        } else if (strcmp(name, "--inline") == 0) {
            o->inline_households = 1;
        } else if (name[0] != '-') {
            if (o->outdir)
                fail_option("OUTDIR", name, "a single output directory");
            o->outdir = name;
        } else if (strcmp(name, "--start") == 0) {
            if (!parse_date(value, &o->start))
                fail_option(name, value, "a date YYYY-MM-DD, year 1900..9998");
            i++;
        } else {
            while (k < sizeof numbers / sizeof numbers[0] && strcmp(numbers[k].name, name) != 0)
                k++;
            if (k == sizeof numbers / sizeof numbers[0])
                die(2, "%s: unknown option (see --help)", name);
            *numbers[k].value =
                parse_number(name, value, numbers[k].lo, numbers[k].hi, numbers[k].whole);
            i++;
        }
    }
    if (!o->outdir) {
        usage(stderr);
        exit(2);
    }
    if (o->stay_months > o->support_months) /* a stay is part of the support period */
        die(2, "--stay-months: %.0f is longer than --support-months %.0f", o->stay_months,
            o->support_months);
    if (civil_from_days(add_months(o->start, 12 * (int)o->years)).year > 9999)
        die(2, "--years: %.0f years from %s end after 9999", o->years,
            format_date(o->start).text);
}

static void shuffle_ints(rng *r, int *a, int n)
{
    for (int i = n - 1; i > 0; i--) {
        int j = (int)rng_below(r, i + 1), t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}

static int any_dwelling(const dwelling *d) { (void)d; return 1; }
static int shareable_dwelling(const dwelling *d) { return !d->sliding && d->places >= 3; }

/* Picks round(share × n) eligible dwellings (fewer if fewer are eligible) into picked[] and
 * returns how many: an exact count, not a coin per dwelling, so small parks get their share. */
static int pick_dwellings(const options *o, enum stream s, const dwelling *ds, int n,
                          double share, int (*eligible)(const dwelling *), int *picked)
{
    rng r = rng_stream(o, s);
    int candidates = 0, wanted = (int)lround(share * n);
    for (int i = 0; i < n; i++)
        if (eligible(&ds[i]))
            picked[candidates++] = i;
    shuffle_ints(&r, picked, candidates);
    return wanted < candidates ? wanted : candidates;
}

static dwelling *build_park(const options *o, int territories, int *count)
{
    int n = 0, k;
    for (int s = 0; s < PLACE_SIZES; s++)
        n += (int)lround(faar_count[s] * o->scale);
    dwelling *ds = checked(calloc((size_t)n, sizeof *ds));
    int *picked = checked(malloc((size_t)n * sizeof *picked));
    for (int s = 0, i = 0; s < PLACE_SIZES; s++)
        for (long c = lround(faar_count[s] * o->scale); c > 0; c--)
            picked[i++] = place_size[s];
    rng shuffle = rng_stream(o, S_SHUFFLE), capture_dates = rng_stream(o, S_CAPTURE_DATES);
    shuffle_ints(&shuffle, picked, n);
    for (int i = 0; i < n; i++) {
        ds[i].places = picked[i];
        ds[i].territory = i % territories;
    }
    k = pick_dwellings(o, S_SLIDING, ds, n, o->sliding, any_dwelling, picked);
    while (k-- > 0)
        ds[picked[k]].sliding = 1;
    k = pick_dwellings(o, S_SHARED, ds, n, o->shared, shareable_dwelling, picked);
    while (k-- > 0)
        ds[picked[k]].shared = 1;
    /* Captured dwellings come in over the horizon but its last three months (the first nine of
     * a one-year horizon), so that each still hosts a stay or two. */
    long window = add_months(o->start, 12 * (int)o->years - 3) - o->start;
    k = pick_dwellings(o, S_CAPTURED, ds, n, o->captured, any_dwelling, picked);
    while (k-- > 0)
        ds[picked[k]].available_offset = 1 + rng_below(&capture_dates, window - 1);
    k = pick_dwellings(o, S_ACCESSIBLE, ds, n, 0.08, any_dwelling, picked);
    while (k-- > 0)
        ds[picked[k]].accessible = 1;
    free(picked);
    *count = n;
    return ds;
}

/* Persons the park can host over the horizon: temporary places turn over every stay, while a
 * sliding dwelling hosts one household for good. */
static double hosting_capacity(const options *o, const dwelling *ds, int n, long horizon_days)
{
    double stay_days = o->stay_months * 30.4 + o->turnover, persons = 0;
    for (int i = 0; i < n; i++)
        persons += ds[i].sliding ? ds[i].places
                                 : ds[i].places * (double)(horizon_days - ds[i].available_offset)
                                       / stay_days;
    return persons;
}

/* Index drawn from a table of percentages summing to 100. */
static int draw_from_percent(rng *r, const int *percent)
{
    long x = rng_below(r, 100);
    int i = 0;
    while (x >= percent[i])
        x -= percent[i++];
    return i;
}

static household draw_household(rng *r, long arrival, int territories, int park_has_sliding)
{
    household h = {0};
    h.arrival = arrival;
    h.size = 1 + draw_from_percent(r, size_percent);
    h.adults = 1 + draw_from_percent(r, adult_percent);
    if (h.size <= 2) /* a couple or a single parent */
        h.adults = h.size == 1 || rng_chance(r, 0.7) ? h.size : 1;
    h.adults = h.adults < h.size ? h.adults : h.size;
    h.accessible = rng_chance(r, 0.05);
    h.priority = rng_chance(r, 0.12) ? (rng_chance(r, 2.0 / 3) ? 2 : 3) : 1;
    h.sliding_lease = park_has_sliding && rng_chance(r, 0.02);
    if (rng_chance(r, 0.10)) { /* tied to family or medical care in one or two territories */
        int first = (int)rng_below(r, territories);
        h.territory_count = territories > 1 && rng_chance(r, 0.3) ? 2 : 1;
        h.territory[0] = first;
        if (h.territory_count == 2) {
            int other = (int)rng_below(r, territories - 1);
            other += other >= first; /* distinct from the first */
            h.territory[0] = other < first ? other : first;
            h.territory[1] = other < first ? first : other;
        }
    }
    return h;
}

static void push_household(household_list *list, household h)
{
    if (list->count == list->allocated) {
        list->allocated = list->allocated ? 2 * list->allocated : 1024;
        list->items = checked(realloc(list->items, (size_t)list->allocated * sizeof *list->items));
    }
    list->items[list->count++] = h;
    list->persons += h.size;
}

/* Convoys every 7 to 14 days from the start to two months before the end, over every year of
 * the horizon; each convoy's share of the target persons varies ±50%, and households are drawn
 * until the running share is met. */
static household_list draw_households(const options *o, long end, double target,
                                      int territories, int park_has_sliding)
{
    rng dates = rng_stream(o, S_CONVOY_DATES), weights = rng_stream(o, S_CONVOY_WEIGHTS);
    rng people = rng_stream(o, S_HOUSEHOLDS);
    long last_day = add_months(end, -2), most = (last_day - o->start) / 7 + 1;
    long *convoy_day = checked(malloc((size_t)most * sizeof *convoy_day));
    double *weight = checked(malloc((size_t)most * sizeof *weight));
    double total_weight = 0, running = 0;
    int convoys = 0;
    for (long day = o->start; day <= last_day; day += 7 + rng_below(&dates, 8)) {
        convoy_day[convoys] = day;
        weight[convoys] = 0.5 + rng_unit(&weights);
        total_weight += weight[convoys++];
    }
    household_list list = {0};
    for (int c = 0; c < convoys; c++) {
        long before = list.count;
        running += weight[c];
        while ((double)list.persons < target * running / total_weight)
            push_household(&list, draw_household(&people, convoy_day[c], territories,
                                                 park_has_sliding));
        list.convoys += list.count > before;
    }
    free(convoy_day);
    free(weight);
    return list;
}

/* Quotas by half year, sized on the persons the territory's share of the dwellings would
 * receive in that half, × --quotas (below 1: they bind). */
static void write_quotas(FILE *f, const options *o, double share_of_persons)
{
    int halves = 2 * (int)o->years;
    fprintf(f, ", \"quotas\": [");
    for (int k = 0; k < halves; k++)
        fprintf(f, "%s{\"from\": \"%s\", \"until\": \"%s\", \"persons\": %ld}", k ? ", " : "",
                format_date(add_months(o->start, 6 * k)).text,
                format_date(add_months(o->start, 6 * (k + 1))).text,
                lround(o->quotas * share_of_persons / halves));
    fprintf(f, "]");
}

/* A team's caseload is sized on the households it would follow at once: its territory's share
 * of the dwellings × a year's households × the part of a year each is followed. */
static void write_territories(FILE *f, const options *o, const dwelling *ds, int n,
                              int territories, long households, long persons)
{
    fprintf(f, "  \"territories\": [\n");
    for (int t = 0; t < territories; t++) {
        int own = 0;
        for (int i = 0; i < n; i++)
            own += ds[i].territory == t;
        fprintf(f, "    {\"id\": \"T%02d\", \"name\": \"Territory %02d\"", t + 1, t + 1);
        if (o->caseload > 0) {
            long caseload =
                lround(o->caseload * own / n * (double)households / o->years *
                       o->support_months / 12.0);
            fprintf(f, ", \"caseload\": %ld", caseload > 0 ? caseload : 1);
        }
        if (o->quotas > 0)
            write_quotas(f, o, (double)own / n * (double)persons);
        fprintf(f, "}%s\n", t + 1 < territories ? "," : "");
    }
    fprintf(f, "  ],\n");
}

static void write_dwellings(FILE *f, const options *o, const dwelling *ds, int n)
{
    fprintf(f, "  \"dwellings\": [\n");
    for (int i = 0; i < n; i++) {
        fprintf(f, "    {\"id\": \"D%04d\", \"territory\": \"T%02d\", \"places\": %d, "
                   "\"lease\": \"%s\"",
                i + 1, ds[i].territory + 1, ds[i].places,
                ds[i].sliding ? "sliding" : "temporary");
        if (ds[i].shared)
            fprintf(f, ", \"shared\": true");
        if (ds[i].accessible)
            fprintf(f, ", \"features\": [\"accessible\"]");
        if (ds[i].available_offset > 0)
            fprintf(f, ", \"available_from\": \"%s\"",
                    format_date(o->start + ds[i].available_offset).text);
        fprintf(f, "}%s\n", i + 1 < n ? "," : "");
    }
    fprintf(f, "  ],\n");
}

/* Scores in every territory, drawn from a stream of the household's own: the same for a
 * household whatever the other options. */
static void write_scores(FILE *f, const options *o, long index, int territories)
{
    rng r = rng_stream(o, S_SCORES);
    r.state ^= (uint64_t)(index + 1) * 0x9E3779B97F4A7C15u;
    fprintf(f, ", \"scores\": {");
    for (int t = 0; t < territories; t++)
        fprintf(f, "%s\"T%02d\": %.3f", t ? ", " : "", t + 1,
                o->scores * (double)rng_below(&r, 1001) / 1000.0);
    fprintf(f, "}");
}

static void write_household(FILE *f, const options *o, const household *h, long index,
                            int territories)
{
    fprintf(f, "{\"id\": \"H%05ld\", \"size\": %d, \"adults\": %d, \"children\": %d, "
               "\"arrival\": \"%s\"%s",
            index + 1, h->size, h->adults, h->size - h->adults, format_date(h->arrival).text,
            h->accessible ? ", \"needs\": [\"accessible\"]" : "");
    if (h->territory_count == 1)
        fprintf(f, ", \"territories\": [\"T%02d\"]", h->territory[0] + 1);
    if (h->territory_count == 2)
        fprintf(f, ", \"territories\": [\"T%02d\", \"T%02d\"]", h->territory[0] + 1,
                h->territory[1] + 1);
    if (h->priority > 1)
        fprintf(f, ", \"priority\": %d", h->priority);
    if (o->scores > 0)
        write_scores(f, o, index, territories);
    fprintf(f, "%s}", h->sliding_lease ? ", \"lease\": \"sliding\"" : "");
}

/* A JSON array, one household a line; `indent` is the array's own indentation. */
static void write_household_array(FILE *f, const options *o, const household_list *list,
                                  int territories, const char *indent)
{
    fprintf(f, "[\n");
    for (long i = 0; i < list->count; i++) {
        fprintf(f, "%s  ", indent);
        write_household(f, o, &list->items[i], i, territories);
        fprintf(f, "%s\n", i + 1 < list->count ? "," : "");
    }
    fprintf(f, "%s]", indent);
}

static FILE *open_output(const char *dir, const char *name, char path[4096])
{
    snprintf(path, 4096, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f)
        die(1, "cannot write %s: %s", path, strerror(errno));
    return f;
}

/* Exits 1 if anything written to f was lost (full disk, I/O error). */
static void close_output(FILE *f, const char *path)
{
    int failed = ferror(f);
    if (fclose(f) != 0 || failed)
        die(1, "error writing %s", path);
}

/* Pairs of households from different convoys (families on different lists who asked to live
 * near each other), drawn at random among the next 40 on the list, each in one pair at most. */
static void write_links(FILE *f, const options *o, const household_list *list)
{
    rng r = rng_stream(o, S_LINKS);
    char *used = checked(calloc((size_t)list->count + 1, 1));
    long made = 0;
    fprintf(f, "  \"links\": [");
    for (long tries = 0; made < (long)o->links && tries < 100 * (long)o->links + 1000; tries++) {
        long a = rng_below(&r, list->count > 1 ? list->count : 1), b = a + 1 + rng_below(&r, 40);
        if (b >= list->count || used[a] || used[b] ||
            list->items[a].arrival == list->items[b].arrival)
            continue;
        used[a] = used[b] = 1;
        fprintf(f, "%s\n    {\"households\": [\"H%05ld\", \"H%05ld\"], \"same\": \"territory\"}",
                made++ ? "," : "", a + 1, b + 1);
    }
    fprintf(f, "\n  ],\n");
    free(used);
}

static void write_scenario(const options *o, const dwelling *ds, int n, int territories,
                           long end, const household_list *list)
{
    char path[4096];
    FILE *f = open_output(o->outdir, "scenario.json", path);
    fprintf(f, "{\n  \"name\": \"FAAR-like scenario: scale %g, demand %g, seed %.0f",
            o->scale, o->demand, o->seed);
    if (o->years > 1) /* a one-year name stays as it was */
        fprintf(f, ", %.0f years", o->years);
    fprintf(f, "\",\n");
    fprintf(f, "  \"horizon\": {\"start\": \"%s\", \"end\": \"%s\"},\n",
            format_date(o->start).text, format_date(end).text);
    fprintf(f, "  \"rules\": {\"stay_months\": %.0f, \"support_months\": %.0f, "
               "\"max_wait_days\": %.0f, \"start_step_days\": %.0f, \"turnover_days\": %.0f},\n",
            o->stay_months, o->support_months, o->max_wait, o->step, o->turnover);
    write_territories(f, o, ds, n, territories, list->count, list->persons);
    write_dwellings(f, o, ds, n);
    if (o->links > 0)
        write_links(f, o, list);
    fprintf(f, "  \"households\": ");
    if (o->inline_households)
        write_household_array(f, o, list, territories, "  ");
    else
        fprintf(f, "\"households.json\"");
    fprintf(f, "\n}\n");
    close_output(f, path);
    if (!o->inline_households) {
        f = open_output(o->outdir, "households.json", path);
        write_household_array(f, o, list, territories, "");
        fprintf(f, "\n");
        close_output(f, path);
    }
}

int main(int argc, char **argv)
{
    options o;
    int n, places = 0, sliding = 0, shared = 0, captured = 0;
    parse_options(argc, argv, &o);
    if (mkdir(o.outdir, 0777) != 0 && errno != EEXIST)
        die(1, "cannot create %s: %s", o.outdir, strerror(errno));
    long end = add_months(o.start, 12 * (int)o.years);
    int territories = lround(5 * o.scale) > 1 ? (int)lround(5 * o.scale) : 1;
    dwelling *ds = build_park(&o, territories, &n);
    double capacity = hosting_capacity(&o, ds, n, end - o.start);
    for (int i = 0; i < n; i++) {
        places += ds[i].places;
        sliding += ds[i].sliding;
        shared += ds[i].shared;
        captured += ds[i].available_offset > 0;
    }
    household_list list = draw_households(&o, end, o.demand * capacity, territories, sliding > 0);
    write_scenario(&o, ds, n, territories, end, &list);
    printf("%s: %d territories, %d dwellings, %d places (%d sliding, %d shared, %d captured), "
           "capacity %.0f persons; %ld households, %ld persons (mean size %.2f) in %d convoys\n",
           o.outdir, territories, n, places, sliding, shared, captured, capacity, list.count,
           list.persons, list.count ? (double)list.persons / (double)list.count : 0.0,
           list.convoys);
    free(list.items);
    free(ds);
    return 0;
}
