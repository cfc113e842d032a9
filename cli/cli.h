/* The logis command's internals: one file per command, these shared helpers, and the table
 * in main.c. Everything goes through include/logis.h. */
#ifndef LOGIS_CLI_H
#define LOGIS_CLI_H

#include "logis.h"

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>

enum {
    EXIT_DONE = 0,       /* success */
    EXIT_VIOLATIONS = 1, /* verify found violations, or fixed stays make the scenario infeasible */
    EXIT_INPUT = 2,      /* usage or input error */
    EXIT_INTERNAL = 3    /* internal or solver failure */
};

/* Set by the first SIGINT/SIGTERM once catch_stop_signals() has run. */
extern volatile sig_atomic_t stop_requested;

void complain(const char *format, ...) __attribute__((format(printf, 1, 2)));
/* Prints every diagnostic, one line each; returns the number of errors among them. */
size_t print_diagnostics(const logis_diagnostics *diags, bool warnings);
/* Loads a scenario, printing what is wrong; NULL on failure with *code set. */
logis_scenario *load_scenario(const char *path, bool warnings, bool quiet, int *code);
bool parse_seconds(const char *text, double *out);
void catch_stop_signals(void);
/* Writes text and a newline to path (atomically) or to stdout when path is NULL. */
bool emit(const char *path, const char *text);
/* Handles --help for a command with only positional arguments; -1 to go on. */
int simple_arguments(int argc, char **argv, int wanted, const char *usage);

/* The commands: argv[0] is the command's name. */
int command_plan(int argc, char **argv);
int command_check(int argc, char **argv);
int command_verify(int argc, char **argv);

#endif
