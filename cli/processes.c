/* Work spread over child processes, a few at a time, with a private scratch folder: how
 * `project` plans its variants and `replay` lives its years. */
#include "cli/cli.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

bool scratch_folder(const char *purpose, char *path, size_t size)
{
    const char *scratch = getenv("TMPDIR");
    snprintf(path, size, "%s/logis-%s-XXXXXX", scratch && *scratch ? scratch : "/tmp", purpose);
    if (mkdtemp(path))
        return true;
    complain("cannot create a scratch folder (%s): %s", path, strerror(errno));
    return false;
}

void remove_folder(const char *folder)
{
    DIR *listing = opendir(folder);
    struct dirent *item;
    while (listing && (item = readdir(listing)) != NULL) {
        if (item->d_name[0] == '.')
            continue;
        char path[PATH_MAX + NAME_MAX + 2];
        snprintf(path, sizeof path, "%s/%s", folder, item->d_name);
        unlink(path);
    }
    if (listing)
        closedir(listing);
    rmdir(folder);
}

char *scratch_text(const char *path)
{
    FILE *file = fopen(path, "rb");
    char *text = NULL;
    long length = -1;
    if (file && fseek(file, 0, SEEK_END) == 0 && (length = ftell(file)) >= 0 &&
        fseek(file, 0, SEEK_SET) == 0 && (text = malloc((size_t)length + 1)) != NULL) {
        if (fread(text, 1, (size_t)length, file) == (size_t)length) {
            text[length] = '\0';
        } else {
            free(text);
            text = NULL;
        }
    }
    if (file)
        fclose(file);
    return text;
}

typedef struct {
    const process_pool *pool;
    pid_t running[MOST_PROCESSES];
    size_t index[MOST_PROCESSES]; /* the work each running process does */
    size_t count;
} children;

/* Waits for one child and tells the pool it ended; false when none is left to wait for. */
static bool reap(children *c)
{
    int status = 0;
    pid_t child = wait(&status);
    if (child < 0)
        return errno == EINTR;
    for (size_t i = 0; i < c->count; i++)
        if (c->running[i] == child) {
            size_t index = c->index[i];
            c->count--;
            c->running[i] = c->running[c->count];
            c->index[i] = c->index[c->count];
            bool done = WIFEXITED(status) && (WEXITSTATUS(status) == EXIT_DONE ||
                                              WEXITSTATUS(status) == EXIT_VIOLATIONS);
            c->pool->ended(c->pool->user, index, done);
            break;
        }
    return true;
}

size_t run_processes(const process_pool *pool, size_t count, int jobs)
{
    children c = {.pool = pool};
    size_t started = 0, most = jobs < 1 ? 1 : jobs > MOST_PROCESSES ? MOST_PROCESSES : (size_t)jobs;
    while (started < count && !stop_requested) {
        if (c.count == most) {
            reap(&c);
            continue;
        }
        pid_t child = pool->start(pool->user, started);
        if (child < 0) {
            complain("cannot start a process: %s", strerror(errno));
            break;
        }
        c.running[c.count] = child;
        c.index[c.count++] = started++;
    }
    bool passed_on = false;
    while (c.count > 0) {
        /* A stop sent to this process alone (SIGTERM from a service manager, or timeout) would
         * otherwise wait for each child's whole time limit: each is told to stop too, by
         * SIGTERM, which a child started with SIGINT ignored (as this process may be) obeys. */
        for (size_t i = 0; stop_requested && !passed_on && i < c.count; i++)
            kill(c.running[i], SIGTERM);
        passed_on = passed_on || stop_requested;
        if (!reap(&c))
            break;
    }
    return started;
}
