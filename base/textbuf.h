/* A growing text that writers append to (CSV, SVG, HTML): one allocation failure makes the whole
 * text fail, checked once when it is finished, so that writers need no error path per append. */
#ifndef LOGIS_TEXTBUF_H
#define LOGIS_TEXTBUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    char *text; /* NUL-terminated once anything was appended */
    size_t length, capacity;
    bool failed; /* an allocation failed: later appends do nothing */
} textbuf;

void textbuf_add(textbuf *b, const char *bytes, size_t count);
void textbuf_puts(textbuf *b, const char *text);
void textbuf_printf(textbuf *b, const char *format, ...) __attribute__((format(printf, 2, 3)));
/* The text (the caller's, to free()); "" when nothing was appended. NULL when some append
 * failed, and then the buffer is released. Either way the buffer is empty afterwards. */
char *textbuf_finish(textbuf *b);
/* Releases the text without returning it. */
void textbuf_discard(textbuf *b);

#endif
