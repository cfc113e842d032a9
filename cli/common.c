/* What every logis command shares: exit codes, messages on stderr, loading a scenario,
 * writing outputs, and the stop signals. */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void complain(const char *format, ...)
{
    va_list args;
    va_start(args, format);
    fputs("logis: ", stderr);
    vfprintf(stderr, format, args);
    fputc('\n', stderr);
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
logis_scenario *load_scenario(const char *path, bool warnings, bool quiet, int *code)
{
    logis_diagnostics *diags = logis_diagnostics_new();
    logis_scenario *scenario = NULL;
    if (!diags) {
        complain("out of memory");
        *code = EXIT_INTERNAL;
        return NULL;
    }
    logis_status status = logis_scenario_load(path, &scenario, diags);
    print_diagnostics(diags, warnings);
    int ignored = count_warnings(diags);
    if (status == LOGIS_OK && !warnings && !quiet && ignored)
        complain("%d kind%s of unknown members ignored (logis check lists them)", ignored,
                 ignored > 1 ? "s" : "");
    if (status == LOGIS_E_INPUT && logis_diagnostics_errors(diags) >= 50)
        complain("stopped after 50 errors");
    if (status != LOGIS_OK && status != LOGIS_E_INPUT)
        complain("%s: out of memory", path);
    *code = status == LOGIS_E_INPUT ? EXIT_INPUT : EXIT_INTERNAL;
    logis_diagnostics_free(diags);
    return scenario;
}

bool parse_seconds(const char *text, double *out)
{
    char *end = NULL;
    errno = 0;
    double value = strtod(text, &end);
    if (errno || end == text || *end || !isfinite(value) || value < 0)
        return false;
    *out = value;
    return true;
}

/* Ctrl-C or SIGTERM during a solve: the first asks the solver to stop and keep its best plan; a
 * second ends the process at once (no output file has been started then: they are written
 * after the solve, through a temporary file). */
volatile sig_atomic_t stop_requested;

static void on_stop_signal(int signal_number)
{
    (void)signal_number;
    if (stop_requested)
        _exit(130);
    stop_requested = 1;
}

void catch_stop_signals(void)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
}

/* Writes text to path (atomically) or to stdout. */
bool emit(const char *path, const char *text)
{
    if (!path)
        return fputs(text, stdout) >= 0 && fputc('\n', stdout) != EOF && fflush(stdout) == 0;
    logis_diagnostics *diags = logis_diagnostics_new();
    size_t length = strlen(text);
    char *with_newline = malloc(length + 2);
    bool ok = diags && with_newline;
    if (ok) {
        memcpy(with_newline, text, length);
        memcpy(with_newline + length, "\n", 2);
        ok = logis_write_file(path, with_newline, diags) == LOGIS_OK;
        print_diagnostics(diags, false);
    }
    free(with_newline);
    logis_diagnostics_free(diags);
    return ok;
}

/* Handles --help for a command with only positional arguments; -1 to go on. */
int simple_arguments(int argc, char **argv, int wanted, const char *usage)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            fputs(usage, stdout);
            return EXIT_DONE;
        }
    if (argc != wanted + 1 || (argc > 1 && argv[1][0] == '-' && argv[1][1])) {
        fputs(usage, stderr);
        return EXIT_INPUT;
    }
    return -1;
}

