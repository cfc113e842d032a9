/* Work shared between threads: each thread takes the next task until none is left. Solves may
 * run on several threads at once, GLPK keeping its environment per thread. */
#ifndef LOGIS_PARALLEL_H
#define LOGIS_PARALLEL_H

#include <stddef.h>

enum { PARALLEL_MAX_THREADS = 64 };

/* Runs task(context, i) for every i in [0, count) on up to `threads` threads (at most
 * PARALLEL_MAX_THREADS), this one included; threads that cannot be started leave their share to
 * the others, so every task runs even when none can. */
void parallel_run(size_t count, int threads, void (*task)(void *context, size_t index),
                  void *context);

/* One task on a thread of its own, beside the caller's work. */
typedef struct background background;

/* Starts task(context) on a new thread; NULL when none can be started (the caller then goes
 * without the task, or runs it itself). */
background *background_start(void (*task)(void *context), void *context);
/* Waits for the task to end, and frees b (NULL: nothing to wait for). */
void background_wait(background *b);

/* The processors online, at least 1 and at most PARALLEL_MAX_THREADS. */
int parallel_processors(void);

#endif
