/* What every logis command shares: exit codes, messages on stderr, loading a scenario,
 * writing outputs (never over an input or another output), and the stop signals. */
#include "cli/cli.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

static void complain_with(const char *format, va_list args) __attribute__((format(printf, 1, 0)));

static void complain_with(const char *format, va_list args)
{
    fputs("logis: ", stderr);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
}

void complain(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    complain_with(format, args);
    va_end(args);
}

/* Prints every diagnostic, one line each; returns the number of errors among them. */
size_t print_diagnostics(const logis_diagnostics *diags, bool warnings)
{
    for (size_t i = 0; i < logis_diagnostics_count(diags); i++) {
        const logis_diagnostic *d = logis_diagnostics_get(diags, i);
        if (d->severity == LOGIS_WARNING && !warnings)
            continue;
        char *line = logis_diagnostics_line(diags, i);
        fprintf(stderr, "%s\n", line ? line : "logis: out of memory");
        free(line);
    }
    return logis_diagnostics_errors(diags);
}

static int count_warnings(const logis_diagnostics *diags)
{
    int count = 0;
    for (size_t i = 0; i < logis_diagnostics_count(diags); i++)
        count += logis_diagnostics_get(diags, i)->severity == LOGIS_WARNING;
    return count;
}

/* Loads a scenario, printing what is wrong; NULL on failure with *code set. */
logis_scenario *load_scenario(const char *path, bool warnings, bool quiet, file_list *inputs,
                              int *code)
{
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_scenario *scenario = NULL;
    if (!diags) {
        complain("out of memory");
        *code = EXIT_INTERNAL;
        return NULL;
    }
    logis_status status = logis_scenario_load_with(path, &load_options, &scenario, diags);
    print_diagnostics(diags, warnings);
    int ignored = count_warnings(diags);
    if (status == LOGIS_OK && !warnings && !quiet && ignored)
        complain("%d kind%s of unknown members ignored (logis check lists them)", ignored,
                 ignored > 1 ? "s" : "");
    if (status == LOGIS_E_INPUT && logis_diagnostics_errors(diags) >= LOGIS_MAX_ERRORS)
        complain("stopped after %d errors", LOGIS_MAX_ERRORS);
    if (status != LOGIS_OK && status != LOGIS_E_INPUT)
        complain("%s: out of memory", path);
    *code = status == LOGIS_E_INPUT ? EXIT_INPUT : EXIT_INTERNAL;
    if (inputs && scenario)
        add_files_read(inputs, diags);
    logis_diagnostics_free(diags);
    return scenario;
}

logis_scenario *load_scenario_to_write(const char *path, bool quiet, outputs_rule rule,
                                       const void *arguments, int *code)
{
    file_list read = {0};
    logis_scenario *scenario = load_scenario(path, false, quiet, &read, code);
    if (scenario && (*code = rule(arguments, &read)) >= 0) {
        logis_scenario_free(scenario);
        scenario = NULL;
    }
    return scenario;
}

logis_load_options load_options; /* zeroed: the library's defaults */

/* A size in bytes with an optional K, M or G suffix (powers of 1024); false unless > 0. */
static bool parse_byte_size(const char *text, size_t *out)
{
    char *end = NULL;
    errno = 0;
    unsigned long long value = strtoull(text, &end, 10);
    int shift = 0;
    if (end != text && *end && !end[1])
        shift = *end == 'K' || *end == 'k' ? 10 : *end == 'M' || *end == 'm' ? 20
              : *end == 'G' || *end == 'g' ? 30 : -1;
    bool ok = !errno && end != text && text[0] != '-' && value > 0 && shift >= 0 &&
              (*end == '\0' || shift > 0) && value <= (SIZE_MAX >> 2) >> shift;
    if (ok)
        *out = (size_t)value << shift;
    return ok;
}

/* One loading option at argv[*at] (and its value); false with a message when it is wrong. */
static bool take_load_option(int argc, char **argv, int *at, bool *taken)
{
    const char *arg = argv[*at];
    static const char max_input[] = "--max-input";
    size_t length = sizeof max_input - 1;
    *taken = true;
    if (strcmp(arg, "--allow-outside") == 0) {
        load_options.allow_outside = 1;
        return true;
    }
    if (strncmp(arg, max_input, length) != 0 || (arg[length] && arg[length] != '=')) {
        *taken = false;
        return true;
    }
    const char *value = arg[length] == '=' ? arg + length + 1 : NULL;
    if (!value && *at + 1 < argc)
        value = argv[++*at];
    if (!value || !parse_byte_size(value, &load_options.max_input_bytes)) {
        complain("--max-input: expected a size in bytes (K, M or G suffix allowed), got '%s'",
                 value ? value : "nothing");
        return false;
    }
    return true;
}

int take_load_options(int *argc, char **argv)
{
    logis_load_options_init(&load_options);
    int kept = 1;
    bool options_end = false;
    for (int at = 1; at < *argc; at++) {
        bool taken = false;
        if (!options_end && !take_load_option(*argc, argv, &at, &taken))
            return EXIT_INPUT;
        options_end = options_end || strcmp(argv[at], "--") == 0;
        if (!taken)
            argv[kept++] = argv[at];
    }
    argv[kept] = NULL;
    *argc = kept;
    return -1;
}

bool parse_whole(const char *text, int most, int *out)
{
    if (!isdigit((unsigned char)text[0]))
        return false;
    char *end = NULL;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno || *end || value > most)
        return false;
    *out = (int)value;
    return true;
}

bool parse_days(const char *text, int *out)
{
    return parse_whole(text, 365, out);
}

/* Digits written as a person writes them: strtod alone also takes leading spaces, hexadecimal
 * ("0x10") and "inf". */
static bool plain_decimal(const char *text)
{
    return (isdigit((unsigned char)text[0]) || text[0] == '.') &&
           text[strspn(text, "0123456789.eE+-")] == '\0';
}

bool parse_seconds(const char *text, double *out)
{
    if (!plain_decimal(text))
        return false;
    char *end = NULL;
    errno = 0;
    double value = strtod(text, &end);
    if (errno || end == text || *end || !isfinite(value) || value < 0)
        return false;
    *out = value;
    return true;
}

/* Ctrl-C or SIGTERM during a solve: the first asks the solver to stop and keep its best plan; a
 * second ends the process at once, or, when files are being written, once they are whole (see
 * hold_stop_signals). */
volatile sig_atomic_t stop_requested;

static void on_stop_signal(int signal_number)
{
    (void)signal_number;
    if (stop_requested)
        _exit(130);
    stop_requested = 1;
}

/* A SIGINT ignored from the start stays ignored, as programs conventionally leave it: a shell
 * starts the background jobs of a script so, that a Ctrl-C at the terminal stops only the
 * command in the foreground. Caught over the inherited SIG_IGN once the scenario was read, as it
 * was, a SIGINT was lost or obeyed depending on when it came. SIGTERM is always caught. */
void catch_stop_signals(void)
{
    struct sigaction action, inherited;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    if (sigaction(SIGINT, NULL, &inherited) != 0 || inherited.sa_handler != SIG_IGN)
        sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
}

/* Files are written through temporaries renamed into place; a Ctrl-C or SIGTERM that ended
 * the process in between (the first one where no handler is set, the second one where it is)
 * would leave the temporaries beside them. So the two wait, blocked, until the files are whole
 * or gone, and then take effect. */
static sigset_t mask_before_writing;

void hold_stop_signals(void)
{
    sigset_t stops;
    sigemptyset(&stops);
    sigaddset(&stops, SIGINT);
    sigaddset(&stops, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stops, &mask_before_writing);
}

void release_stop_signals(void)
{
    pthread_sigmask(SIG_SETMASK, &mask_before_writing, NULL);
}

void hold_stop_signals_while_writing(void *user, int begins)
{
    (void)user;
    if (begins)
        hold_stop_signals();
    else
        release_stop_signals();
}

/* The first path given, for a message. */
static const char *first_path(const char *const *paths, size_t count)
{
    for (size_t i = 0; i < count; i++)
        if (paths[i])
            return paths[i];
    return "";
}

/* Writes each text (a line end added when newline) to its path, all or none; NULL paths are
 * skipped. The exit code: EXIT_INTERNAL when memory runs out, EXIT_INPUT when a file cannot
 * be written. */
static int write_files(const char *const *paths, const char *const *texts, size_t count,
                       bool newline)
{
    logis_diagnostics *diags = logis_diagnostics_new();
    char **lines = calloc(count + 1, sizeof *lines);
    logis_status status = diags && lines ? LOGIS_OK : LOGIS_E_NOMEM;
    for (size_t i = 0; newline && status == LOGIS_OK && i < count; i++) {
        size_t length = paths[i] ? strlen(texts[i]) : 0;
        if (!(lines[i] = malloc(length + 2)))
            status = LOGIS_E_NOMEM;
        else if (paths[i]) {
            memcpy(lines[i], texts[i], length);
            memcpy(lines[i] + length, "\n", 2);
        }
    }
    if (status == LOGIS_OK) {
        hold_stop_signals();
        status = logis_write_files(paths, newline ? (const char *const *)lines : texts, count,
                                   diags);
        release_stop_signals();
    }
    print_diagnostics(diags, false);
    if (status == LOGIS_E_NOMEM && logis_diagnostics_errors(diags) == 0)
        complain("%s: out of memory", first_path(paths, count));
    for (size_t i = 0; lines && i < count; i++)
        free(lines[i]);
    free(lines);
    logis_diagnostics_free(diags);
    return status == LOGIS_OK ? EXIT_DONE : status == LOGIS_E_NOMEM ? EXIT_INTERNAL : EXIT_INPUT;
}

int write_output(const char *path, const char *text, bool newline)
{
    if (path)
        return write_files(&path, &text, 1, newline);
    bool ok = fputs(text, stdout) >= 0 && (!newline || fputc('\n', stdout) != EOF) &&
              fflush(stdout) == 0;
    if (ok)
        return EXIT_DONE;
    complain("standard output: cannot write: %s", strerror(errno));
    clearerr(stdout); /* said once: main's last check of stdout need not say it again */
    return EXIT_INTERNAL;
}

int check_stdout(int code)
{
    if (fflush(stdout) == 0 && !ferror(stdout))
        return code;
    complain("standard output: cannot write: %s", strerror(errno));
    return code == EXIT_DONE ? EXIT_INTERNAL : code;
}

int emit(const char *path, const char *text)
{
    return write_output(path, text, true);
}

int emit_all(const char *const *paths, const char *const *texts, size_t count)
{
    return write_files(paths, texts, count, true);
}

/* ---- options and usage: both made from the command's options ---- */

/* The --help every command takes, in its getopt table though not in its option lines. */
static const cli_option help_option = {"help", 'h', true, NULL, "print the usage and exit"};

static void add_getopt_entry(const cli_option *option, struct option *longs, size_t *count,
                             char *shorts, size_t *length)
{
    longs[(*count)++] = (struct option){option->long_name,
                                        option->arg_name ? required_argument : no_argument, NULL,
                                        option->key};
    if (!option->short_form)
        return;
    shorts[(*length)++] = (char)option->key;
    if (option->arg_name)
        shorts[(*length)++] = ':';
}

/* getopt_long's tables from the command's options and --help: longs takes CLI_MAX_OPTIONS + 2
 * entries, shorts 2 * CLI_MAX_OPTIONS + 3 characters. */
static void fill_getopt_tables(const cli_usage *usage, struct option *longs, char *shorts)
{
    if (usage->count > CLI_MAX_OPTIONS) {
        complain("internal error: %zu options, more than CLI_MAX_OPTIONS", usage->count);
        abort(); /* a table in the source is too long: no run could go right */
    }
    size_t count = 0, length = 0;
    for (size_t i = 0; i < usage->count; i++)
        add_getopt_entry(&usage->options[i], longs, &count, shorts, &length);
    add_getopt_entry(&help_option, longs, &count, shorts, &length);
    longs[count] = (struct option){NULL, 0, NULL, 0};
    shorts[length] = '\0';
}

int next_option(int argc, char **argv, const cli_usage *usage)
{
    struct option longs[CLI_MAX_OPTIONS + 2];
    char shorts[2 * CLI_MAX_OPTIONS + 3];
    fill_getopt_tables(usage, longs, shorts);
    return getopt_long(argc, argv, shorts, longs, NULL);
}

/* "-o, --output FILE": how the usage names one option; the number of characters printed. */
static int print_option_name(FILE *out, const cli_option *option)
{
    int length = 0;
    if (option->short_form)
        length += fprintf(out, "-%c, ", option->key);
    length += fprintf(out, "--%s", option->long_name);
    if (option->arg_name)
        length += fprintf(out, " %s", option->arg_name);
    return length;
}

/* The lines of options[at] and of the options after it described with it; the index of the
 * next option to print. */
static size_t print_option_entry(FILE *out, const cli_usage *usage, size_t at)
{
    int width = fprintf(out, "  ") + print_option_name(out, &usage->options[at]);
    size_t next = at + 1;
    for (; next < usage->count && !usage->options[next].help; next++)
        width += fprintf(out, ", ") + print_option_name(out, &usage->options[next]);
    if (width >= usage->column) {
        fputc('\n', out);
        width = 0;
    }
    const char *help = usage->options[at].help ? usage->options[at].help : "";
    for (;;) {
        size_t line = strcspn(help, "\n");
        fprintf(out, "%*s%.*s\n", usage->column - width, "", (int)line, help);
        if (!help[line])
            return next;
        help += line + 1;
        width = 0;
    }
}

/* The aligned option lines of the usage. */
static void print_option_lines(FILE *out, const cli_usage *usage)
{
    for (size_t at = 0; at < usage->count;)
        at = print_option_entry(out, usage, at);
}

int show_usage(const cli_usage *usage)
{
    fputs(usage->text, stdout);
    print_option_lines(stdout, usage);
    if (usage->after)
        fputs(usage->after, stdout);
    return EXIT_DONE;
}

int usage_error(const cli_usage *usage, const char *format, ...)
{
    if (format) {
        va_list args;
        va_start(args, format);
        complain_with(format, args);
        va_end(args);
    }
    const char *text = usage->text, *end = strstr(text, "\n\n");
    fwrite(text, 1, end ? (size_t)(end - text) + 1 : strlen(text), stderr);
    /* "usage: logis plan ...": the command is the two words after "usage: " */
    const char *name = strncmp(text, "usage: ", 7) == 0 ? text + 7 : text;
    const char *space = strchr(name, ' ');
    int length = space ? (int)(space - name) + 1 + (int)strcspn(space + 1, " \n") : 5;
    fprintf(stderr, "(%.*s --help says more)\n", length, name);
    return EXIT_INPUT;
}

int wrong_operand_count(const cli_usage *usage, int got, int wanted, char **extra)
{
    if (got == 0)
        return usage_error(usage, "nothing to work on: the command needs the arguments below");
    if (got < wanted)
        return usage_error(usage, "an argument is missing (%d given, %d needed)", got, wanted);
    return usage_error(usage, "one argument too many: '%s'", extra[0]);
}

/* Handles --help for a command with only positional arguments; -1 to go on. */
int simple_arguments(int argc, char **argv, int wanted, const cli_usage *usage)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
            return show_usage(usage);
    if (argc > 1 && argv[1][0] == '-' && argv[1][1])
        return usage_error(usage, "unknown option '%s'", argv[1]);
    if (argc != wanted + 1)
        return wrong_operand_count(usage, argc - 1, wanted, argv + 1 + wanted);
    return -1;
}

static void format_value(double value, char *text, size_t size)
{
    if (isnan(value))
        snprintf(text, size, "-");
    else
        snprintf(text, size, "%.0f", value);
}

void show_solve_progress(void *user, const logis_progress *progress)
{
    progress_line *line = user;
    if (progress->seconds < 1.0)
        return;
    char best[32], bound[32], gap[32] = "-";
    format_value(progress->best, best, sizeof best);
    format_value(progress->bound, bound, sizeof bound);
    if (!isnan(progress->best) && !isnan(progress->bound) && progress->bound != 0)
        snprintf(gap, sizeof gap, "%.2f%%",
                 100 * fabs(progress->bound - progress->best) / fabs(progress->bound));
    fprintf(stderr, "%s%6.1f s  level %d  best %s  bound %s  gap %s%s",
            line->terminal ? "\r" : "", progress->seconds, progress->level, best, bound, gap,
            line->terminal ? "\033[K" : "\n");
    line->shown = true;
}

void end_solve_progress(progress_line *line)
{
    if (line->terminal && line->shown)
        fputc('\n', stderr);
    line->shown = false;
}

/* Seconds on the monotonic clock. */
static double seconds_now(void)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

static double command_started;

void start_the_clock(void)
{
    command_started = seconds_now();
}

/* Reading cannot stop half-way (the JSON parser is one call), and has made nothing to keep: when
 * the time limit ends it, SIGALRM ends the process there, after a message prepared beforehand
 * since a signal handler may only write(). */
static char reading_message[600];
static size_t reading_message_length;

static void on_reading_time_out(int signal_number)
{
    (void)signal_number;
    ssize_t written = write(STDERR_FILENO, reading_message, reading_message_length);
    (void)written;
    _exit(EXIT_INTERNAL);
}

static void set_reading_alarm(double seconds)
{
    struct itimerval alarm = {{0, 0}, {(time_t)seconds, (suseconds_t)(fmod(seconds, 1) * 1e6)}};
    setitimer(ITIMER_REAL, &alarm, NULL);
}

void limit_reading(const char *path, double time_limit)
{
    if (time_limit <= 0)
        return;
    int length = snprintf(reading_message, sizeof reading_message,
                          "logis: %s: the time limit of %g s ran out while reading it: no plan "
                          "written; give more time (--time-limit)\n",
                          path, time_limit);
    reading_message_length = length < 0 ? 0 : (size_t)length < sizeof reading_message
                                                   ? (size_t)length
                                                   : sizeof reading_message - 1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_reading_time_out;
    sigemptyset(&action.sa_mask);
    sigaction(SIGALRM, &action, NULL);
    double left = time_limit - (seconds_now() - command_started);
    set_reading_alarm(left > 1e-3 ? left : 1e-3);
}

void watch_solve(logis_options *options, progress_line *line, bool show)
{
    set_reading_alarm(0); /* reading is over: the solve keeps the limit from here */
    /* the time limit is the whole command's: what reading took comes out of the solve's share */
    if (options->time_limit > 0 && command_started > 0) {
        double left = options->time_limit - (seconds_now() - command_started);
        options->time_limit = left > 0.001 ? left : 0.001;
    }
    *line = (progress_line){isatty(STDERR_FILENO) != 0, false};
    options->stop = &stop_requested;
    if (show) {
        options->progress = show_solve_progress;
        options->user = line;
    }
    catch_stop_signals();
}

int output_option(int argc, char **argv, const cli_usage *usage, const char **output,
                  const extra_option *extra)
{
    int option;
    while ((option = next_option(argc, argv, usage)) != -1) {
        if (option == 'h')
            return show_usage(usage);
        if (option == 'o')
            *output = optarg;
        else if (option == '?' || !extra)
            return usage_error(usage, NULL); /* getopt has said what is wrong */
        else if (extra->value)
            *extra->value = optarg;
        else
            *extra->given = true;
    }
    return -1;
}

/* ---- outputs that would replace an input or another output ---- */

static char *joined_path(const char *folder, const char *name)
{
    size_t length = strlen(folder);
    const char *slash = length > 0 && folder[length - 1] == '/' ? "" : "/";
    size_t size = length + strlen(slash) + strlen(name) + 1;
    char *path = malloc(size);
    if (path)
        snprintf(path, size, "%s%s%s", folder, slash, name);
    return path;
}

void add_file(file_list *list, const char *role, const char *folder, const char *path)
{
    if (!path)
        return;
    named_file *files = realloc(list->files, (list->count + 1) * sizeof *files);
    if (files)
        list->files = files;
    char *copy = !files ? NULL : folder ? joined_path(folder, path) : strdup(path);
    char *role_copy = copy ? strdup(role) : NULL;
    if (!role_copy) {
        free(copy);
        list->out_of_memory = true;
        return;
    }
    list->files[list->count++] = (named_file){.role = role_copy, .path = copy};
}

void add_report_files(file_list *list, const char *role, const char *folder)
{
    static const char *const written[] = {"report.html", "gantt.svg", "assignments.csv",
                                          "unassigned.csv", "occupancy.csv"};
    add_file(list, role, NULL, folder);
    if (folder && !list->out_of_memory)
        list->files[list->count - 1].with_parents = true;
    for (size_t i = 0; folder && i < sizeof written / sizeof *written; i++)
        add_file(list, role, folder, written[i]);
}

void add_files_read(file_list *list, const logis_diagnostics *diags)
{
    const char *path;
    for (size_t i = 0; (path = logis_diagnostics_input(diags, i)) != NULL; i++)
        add_file(list, "the input", NULL, path);
}

file_list inputs_read(file_list *read)
{
    file_list inputs = read ? *read : (file_list){0};
    if (read)
        *read = (file_list){0};
    return inputs;
}

static void free_file_list(file_list *list)
{
    for (size_t i = 0; i < list->count; i++) {
        free(list->files[i].role);
        free(list->files[i].path);
        free(list->files[i].normal);
    }
    free(list->files);
    *list = (file_list){0};
}

/* Works out ".", ".." and repeated slashes of an absolute path, in place, by its text alone. */
static void collapse_dots(char *path)
{
    char *out = path;
    const char *in = path;
    for (;;) {
        in += strspn(in, "/");
        size_t length = strcspn(in, "/");
        if (length == 0)
            break;
        if (length == 2 && in[0] == '.' && in[1] == '.') {
            while (out > path && *--out != '/')
                continue;
        } else if (length != 1 || in[0] != '.') {
            *out++ = '/';
            memmove(out, in, length);
            out += length;
        }
        in += length;
    }
    if (out == path)
        *out++ = '/';
    *out = '\0';
}

/* The absolute path whose longest existing beginning is resolved (symbolic links included) and
 * the rest kept as written. NULL when out of memory. */
static char *resolve_existing_start(const char *absolute)
{
    size_t cut = strlen(absolute);
    for (;;) {
        char *start = cut > 0 ? strndup(absolute, cut) : strdup("/");
        char *real = start ? realpath(start, NULL) : NULL;
        free(start);
        if (real || cut == 0) {
            const char *rest = absolute + cut; /* "" or "/..." */
            char *resolved = !real || !rest[0]         ? real
                             : strcmp(real, "/") == 0 ? strdup(rest)
                                                      : joined_path(real, rest + 1);
            if (resolved != real)
                free(real);
            return resolved;
        }
        while (cut > 0 && absolute[--cut] != '/')
            continue;
    }
}

/* One spelling for every way of writing the path of a file that may not exist yet: two outputs
 * in a folder still to be made are told apart by it. NULL when out of memory. */
static char *normalised_path(const char *path)
{
    char *folder = path[0] == '/' ? strdup("/") : getcwd(NULL, 0);
    char *absolute = folder ? joined_path(folder, path) : NULL;
    char *normal = NULL;
    if (absolute) {
        collapse_dots(absolute);
        normal = resolve_existing_start(absolute);
    }
    free(folder);
    free(absolute);
    return normal;
}

/* Fills in what tells the file apart: its device and inode when it exists, else its normalised
 * path. False when out of memory. */
static bool identify(named_file *file)
{
    struct stat info;
    file->exists = stat(file->path, &info) == 0;
    if (!file->exists)
        return (file->normal = normalised_path(file->path)) != NULL;
    file->device = info.st_dev;
    file->inode = info.st_ino;
    file->replaceable = S_ISREG(info.st_mode) || S_ISDIR(info.st_mode);
    return true;
}

static bool identify_all(file_list *list)
{
    bool ok = !list->out_of_memory;
    for (size_t i = 0; ok && i < list->count; i++)
        ok = identify(&list->files[i]);
    return ok;
}

/* Whether writing one would replace the other: the same regular file or folder when both exist,
 * the same normalised path when neither does. Devices and pipes are written in place, never
 * replaced: /dev/null may take several outputs. */
static bool same_file(const named_file *a, const named_file *b)
{
    if (a->exists || b->exists)
        return a->exists && b->exists && a->device == b->device && a->inode == b->inode &&
               a->replaceable;
    return strcmp(a->normal, b->normal) == 0;
}

/* The file among the first `before` of list that output would replace, or NULL. */
static const named_file *replaced(const named_file *output, const file_list *list, size_t before)
{
    for (size_t i = 0; i < before; i++)
        if (same_file(output, &list->files[i]))
            return &list->files[i];
    return NULL;
}

/* Whether the folder an output goes into is there to take it, or is one logis makes (another
 * output: a report's folder); says why not. False also when out of memory. */
static bool has_a_folder(const named_file *output, const file_list *outputs)
{
    if (output->exists)
        return true;
    char *folder = strdup(output->path);
    if (!folder) {
        complain("out of memory");
        return false;
    }
    char *slash = strrchr(folder, '/');
    if (slash)
        *(slash == folder ? slash + 1 : slash) = '\0';
    const char *where = slash ? folder : ".";
    struct stat info;
    while (output->with_parents && slash && slash != folder && stat(where, &info) != 0) {
        slash = strrchr(folder, '/'); /* up to the nearest folder that exists */
        if (slash)
            *(slash == folder ? slash + 1 : slash) = '\0';
        where = slash ? folder : ".";
    }
    bool made = false;
    for (size_t i = 0; i < outputs->count && !made; i++)
        made = strcmp(outputs->files[i].path, where) == 0;
    bool there = stat(where, &info) == 0 && S_ISDIR(info.st_mode);
    bool ok = made || (there && access(where, W_OK | X_OK) == 0);
    if (!ok)
        complain("%s %s: %s", output->role, output->path,
                 there ? "its folder is not writable" : "its folder does not exist");
    free(folder);
    return ok;
}

/* An output path that names no file: empty, or "-", which elsewhere means standard input. */
static const named_file *unnamed_output(const file_list *outputs)
{
    for (size_t i = 0; i < outputs->count; i++) {
        const char *path = outputs->files[i].path;
        if (path[0] == '\0' || strcmp(path, "-") == 0)
            return &outputs->files[i];
    }
    return NULL;
}

/* The checks of refuse_replaced_files, which frees the lists after them. */
static int check_outputs(file_list *inputs, file_list *outputs)
{
    const named_file *unnamed = unnamed_output(outputs);
    if (unnamed) {
        complain("%s '%s': a file name is needed%s", unnamed->role, unnamed->path,
                 unnamed->path[0] ? ", not '-', which is no file here" : "");
        return EXIT_INPUT;
    }
    bool identified = identify_all(inputs) && identify_all(outputs);
    const named_file *output = NULL, *victim = NULL;
    for (size_t i = 0; identified && i < outputs->count && !victim; i++) {
        output = &outputs->files[i];
        victim = replaced(output, inputs, inputs->count);
        if (!victim)
            victim = replaced(output, outputs, i);
    }
    if (!identified)
        complain("out of memory");
    else if (victim)
        complain("%s %s would replace %s %s: an output never replaces an input or another output",
                 output->role, output->path, victim->role, victim->path);
    bool placed = true; /* checked before any work: a solve is not lost for want of a folder */
    for (size_t i = 0; identified && !victim && placed && i < outputs->count; i++)
        placed = has_a_folder(&outputs->files[i], outputs);
    return !identified ? EXIT_INTERNAL : victim || !placed ? EXIT_INPUT : -1;
}

int refuse_replaced_files(file_list *inputs, file_list *outputs)
{
    int code = check_outputs(inputs, outputs);
    free_file_list(inputs);
    free_file_list(outputs);
    return code;
}
