/* The logis command's internals: one file per command, these shared helpers, and the table
 * in main.c. Everything goes through include/logis.h. */
#ifndef LOGIS_CLI_H
#define LOGIS_CLI_H

#include "logis.h"

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

enum {
    EXIT_DONE = 0,       /* success */
    EXIT_VIOLATIONS = 1, /* verify found violations, or fixed stays make the scenario infeasible */
    EXIT_INPUT = 2,      /* usage or input error */
    EXIT_INTERNAL = 3    /* internal or solver failure, or a limit that left no room for a plan */
};

/* Set by the first SIGINT/SIGTERM once catch_stop_signals() has run (SIGINT only when the
 * process did not start with it ignored). */
extern volatile sig_atomic_t stop_requested;

void complain(const char *format, ...) __attribute__((format(printf, 1, 2)));
/* Prints every diagnostic, one line each; returns the number of errors among them. */
size_t print_diagnostics(const logis_diagnostics *diags, bool warnings);
/* How every command reads its inputs: --max-input and --allow-outside, which main() takes out
 * of the arguments wherever they are (take_load_options) before the command runs. */
extern logis_load_options load_options;
/* Removes the loading options from argv (updating *argc) into load_options; -1 when fine, else
 * the exit code after a message. */
int take_load_options(int *argc, char **argv);
/* logis project --park auto: searches the park for the projection's stays and demands, in this
 * process (cli/project_park.c); -1 when done, else the exit code after a message. */
int search_parks(logis_projection *projection, const char *scenario_path, double time_limit,
                 bool quiet);
bool parse_seconds(const char *text, double *out);
/* A whole number written in plain digits, from 0 to most. */
bool parse_whole(const char *text, int most, int *out);
/* A whole number of days from 0 to 365. */
bool parse_days(const char *text, int *out);
/* The first SIGTERM, or SIGINT unless ignored from the start, sets stop_requested; a second
 * ends the process. */
void catch_stop_signals(void);
/* Ctrl-C and SIGTERM wait from hold_stop_signals to release_stop_signals: around writing files,
 * so that none is left half-written or as a temporary beside it. */
void hold_stop_signals(void);
void release_stop_signals(void);
/* logis_report_options.writing: holds them while the report's files are written. */
void hold_stop_signals_while_writing(void *user, int begins);
/* Writes text, and a newline when asked, to path (atomically) or to stdout when path is NULL:
 * EXIT_DONE; EXIT_INPUT when path cannot be written; EXIT_INTERNAL when memory runs out or
 * stdout fails. What went wrong is said on stderr. */
int write_output(const char *path, const char *text, bool newline);
/* code, unless what the command printed on stdout could not all be written (a full disk, a
 * closed pipe): then EXIT_INTERNAL in place of EXIT_DONE, said on stderr. */
int check_stdout(int code);
/* write_output with the newline. */
int emit(const char *path, const char *text);
/* Writes each text (a line end added) to its path, all or none; NULL paths are skipped. The exit
 * code as write_output's: EXIT_INTERNAL when memory runs out, EXIT_INPUT when a file cannot be
 * written. */
int emit_all(const char *const *paths, const char *const *texts, size_t count);
/* A private folder for a command's scratch files, "$TMPDIR/logis-PURPOSE-XXXXXX" (/tmp without
 * TMPDIR); false after a message. */
bool scratch_folder(const char *purpose, char *path, size_t size);
/* Removes such a folder and the files in it. */
void remove_folder(const char *folder);
/* The whole text of a file a child process wrote there; NULL when it is not there (or out of
 * memory). */
char *scratch_text(const char *path);

/* Work done by child processes: start forks the one for item index (its pid, or -1 with errno);
 * ended is told when it has ended, done unless it failed or was killed. */
enum { MOST_PROCESSES = 256 };
typedef struct {
    pid_t (*start)(void *user, size_t index);
    void (*ended)(void *user, size_t index, bool done);
    void *user;
} process_pool;
/* Runs the count items in order, at most jobs processes at once, until a stop request, which
 * is passed on to the running ones; returns when all that started have ended: how many started.
 */
size_t run_processes(const process_pool *pool, size_t count, int jobs);

/* One option of a command. Its getopt table and the option lines of its usage are both made
 * from one array of these, so that the two cannot disagree. */
typedef struct {
    const char *long_name;
    int key;              /* what next_option returns for it: not 'h' (--help) nor '?' */
    bool short_form;      /* -key is the option too (key is then a letter) */
    const char *arg_name; /* the argument it requires, as the usage names it; NULL: none */
    /* Its lines in the usage, '\n' between them. NULL: the option is described with the one
     * before, whose line names both ("--csv FILE, --svg FILE"). */
    const char *help;
} cli_option;

/* A command's usage: the hand-written synopsis and description, then a line or more for each
 * option, made from its options. --help (-h) is every command's and is not listed. */
typedef struct {
    const char *text;     /* the synopsis, a blank line, what the command does */
    const cli_option *options;
    size_t count;
    int column;           /* where the help of each option starts */
    const char *after;    /* printed after the options; NULL: nothing */
} cli_usage;

/* The most options a command may have. */
enum { CLI_MAX_OPTIONS = 24 };

/* getopt_long over the command's options: the key of the next option, 'h' for --help, '?'
 * after getopt has said what is wrong, -1 at the end. Its tables are made afresh at each call
 * from the options (getopt keeps its place in argv, not in them). */
int next_option(int argc, char **argv, const cli_usage *usage);
/* Prints the whole usage on stdout: EXIT_DONE. */
int show_usage(const cli_usage *usage);

/* What the one option beside -o sets: *value to its argument when it takes one, else *given. */
typedef struct {
    const char **value;
    bool *given;
} extra_option;
/* Reads the options of a command whose options are -o/--output and at most one more, set
 * through extra (NULL when there is none): -1 to go on, with *output set when given and
 * optind at the first positional argument, else the exit code. */
int output_option(int argc, char **argv, const cli_usage *usage, const char **output,
                  const extra_option *extra);
/* A usage error: what was wrong (format may be NULL when getopt has said it), the command's
 * synopsis (its usage text up to the first blank line), and where the rest is. EXIT_INPUT. */
int usage_error(const cli_usage *usage, const char *format, ...)
    __attribute__((format(printf, 2, 3)));
/* The usage error of a command that got `got` arguments where it wants `wanted`; extra holds
 * those after the wanted ones. */
int wrong_operand_count(const cli_usage *usage, int got, int wanted, char **extra);
/* Handles --help for a command with only positional arguments; -1 to go on. */
int simple_arguments(int argc, char **argv, int wanted, const cli_usage *usage);

/* The files a command reads and writes, as its command line names them: checked before any
 * work, so that no output replaces an input or another output. */
typedef struct {
    char *role; /* how the command line names it: "-o", "the scenario" */
    char *path;
    /* What tells it apart, filled in by the check: the file when it exists, else its path
     * normalised (absolute, dots worked out, symbolic links resolved where they exist). */
    bool exists, replaceable; /* replaceable: a regular file or a folder, not a device */
    bool with_parents;        /* a folder logis makes with the parents it lacks (a report's) */
    dev_t device;
    ino_t inode;
    char *normal;
} named_file;

typedef struct {
    named_file *files;
    size_t count;
    bool out_of_memory;
} file_list;

/* Adds the file at path, inside folder when folder is given; nothing when path is NULL. */
void add_file(file_list *list, const char *role, const char *folder, const char *path);
/* Adds the folder logis report writes into (nothing when NULL) and the files it writes there. */
void add_report_files(file_list *list, const char *role, const char *folder);
/* Adds the files read while diags collected (logis_diagnostics_input), a scenario's lists among
 * them: an output may not replace them either. */
void add_files_read(file_list *list, const logis_diagnostics *diags);
/* The list that starts a command's inputs: the files its loading read, taken out of *read
 * (emptied) when given. */
file_list inputs_read(file_list *read);
/* Loads a scenario with load_options, printing what is wrong; NULL on failure with *code set.
 * The files read (its list files among them) are added to inputs when given. */
logis_scenario *load_scenario(const char *path, bool warnings, bool quiet, file_list *inputs,
                              int *code);
/* A command's rule that no output replaces an input: -1 when none does, else the exit code
 * (refuse_replaced_files); read holds the files the scenario's loading read, NULL before. */
typedef int (*outputs_rule)(const void *arguments, file_list *read);
/* load_scenario for a command that writes files: once the scenario is read, no output may
 * replace a file it named either (rule(arguments, read)); NULL with *code set when one would
 * (the scenario freed) or when the loading failed. */
logis_scenario *load_scenario_to_write(const char *path, bool quiet, outputs_rule rule,
                                       const void *arguments, int *code);
/* -1 when every output is a file of its own: not an input, not another output (the same file
 * when it exists, the same normalised path when not). Else EXIT_INPUT, after a message naming
 * both paths, or EXIT_INTERNAL. Releases both lists. */
int refuse_replaced_files(file_list *inputs, file_list *outputs);

/* The live line of a long solve on stderr: rewritten in place on a terminal, a line a second
 * otherwise; nothing during the first second. */
typedef struct {
    bool terminal, shown;
} progress_line;
void show_solve_progress(void *user, const logis_progress *progress);
/* Prepares a solve for the command line: the stop signals end it early, the time already spent
 * since start_the_clock comes out of its time limit, and with show the live line reports on
 * it. */
void watch_solve(logis_options *options, progress_line *line, bool show);
/* Until watch_solve, a time limit that runs out ends the process with EXIT_INTERNAL and a
 * message that reading path took all of it (> 0; 0 or less: no limit). */
void limit_reading(const char *path, double time_limit);
/* Marks the start of the command: watch_solve takes the time spent since out of the solve's
 * time limit, which is the whole command's. */
void start_the_clock(void);
/* Ends the live line so that what follows starts on its own line. */
void end_solve_progress(progress_line *line);

/* The commands: argv[0] is the command's name. */
int command_plan(int argc, char **argv);
int command_check(int argc, char **argv);
int command_verify(int argc, char **argv);
int command_explain(int argc, char **argv);
int command_suggest(int argc, char **argv);
int command_project(int argc, char **argv);
int command_need(int argc, char **argv);
int command_replay(int argc, char **argv);
int command_report(int argc, char **argv);
int command_import(int argc, char **argv);
int command_export(int argc, char **argv);

#endif
