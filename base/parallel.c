/* Work shared between threads: a queue of task indices that each thread takes from until it is
 * empty; and one task run beside the caller's. */
#include "base/parallel.h"

#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

typedef struct {
    void (*task)(void *context, size_t index);
    void *context;
    size_t count, next;
    pthread_mutex_t lock;
} task_queue;

static void *take_tasks(void *argument)
{
    task_queue *q = argument;
    for (;;) {
        pthread_mutex_lock(&q->lock);
        size_t mine = q->next < q->count ? q->next++ : q->count;
        pthread_mutex_unlock(&q->lock);
        if (mine == q->count)
            return NULL;
        q->task(q->context, mine);
    }
}

void parallel_run(size_t count, int threads, void (*task)(void *context, size_t index),
                  void *context)
{
    task_queue q = {.task = task, .context = context, .count = count};
    pthread_t started[PARALLEL_MAX_THREADS];
    int running = 0;
    if (threads > PARALLEL_MAX_THREADS)
        threads = PARALLEL_MAX_THREADS;
    if (pthread_mutex_init(&q.lock, NULL) != 0) {
        for (size_t i = 0; i < count; i++)
            task(context, i);
        return;
    }
    for (; running + 1 < threads && (size_t)running + 1 < count; running++)
        if (pthread_create(&started[running], NULL, take_tasks, &q) != 0)
            break;
    take_tasks(&q);
    for (int t = 0; t < running; t++)
        pthread_join(started[t], NULL);
    pthread_mutex_destroy(&q.lock);
}

int parallel_processors(void)
{
    long processors = sysconf(_SC_NPROCESSORS_ONLN);
    return processors < 1 ? 1 : processors > PARALLEL_MAX_THREADS ? PARALLEL_MAX_THREADS
                                                                   : (int)processors;
}

struct background {
    pthread_t thread;
    void (*task)(void *context);
    void *context;
};

static void *run_background(void *argument)
{
    background *b = argument;
    b->task(b->context);
    return NULL;
}

background *background_start(void (*task)(void *context), void *context)
{
    background *b = malloc(sizeof *b);
    if (!b)
        return NULL;
    *b = (background){.task = task, .context = context};
    if (pthread_create(&b->thread, NULL, run_background, b) != 0) {
        free(b);
        return NULL;
    }
    return b;
}

void background_wait(background *b)
{
    if (!b)
        return;
    pthread_join(b->thread, NULL);
    free(b);
}
