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

/* The processors online, at least 1 and at most PARALLEL_MAX_THREADS. */
int parallel_processors(void);

#endif
