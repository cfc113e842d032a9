/* The growing text behind the CSV, SVG and HTML writers: doubling capacity, sticky failure. */
#include "base/textbuf.h"

#include "base/array.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Makes room for count more bytes and the terminator; false (sticky) when out of memory. */
static bool reserve(textbuf *b, size_t count)
{
    if (b->failed)
        return false;
    if (!ARRAY_RESERVE(b->text, b->length + 1, count, b->capacity))
        b->failed = true;
    return !b->failed;
}

void textbuf_add(textbuf *b, const char *bytes, size_t count)
{
    if (!reserve(b, count))
        return;
    memcpy(b->text + b->length, bytes, count);
    b->length += count;
    b->text[b->length] = '\0';
}

void textbuf_puts(textbuf *b, const char *text)
{
    textbuf_add(b, text, strlen(text));
}

void textbuf_printf(textbuf *b, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    int needed = vsnprintf(NULL, 0, format, args);
    va_end(args);
    if (needed < 0) {
        b->failed = true;
        return;
    }
    if (!reserve(b, (size_t)needed))
        return;
    va_start(args, format);
    vsnprintf(b->text + b->length, (size_t)needed + 1, format, args);
    va_end(args);
    b->length += (size_t)needed;
}

char *textbuf_finish(textbuf *b)
{
    char *text = b->failed ? NULL : b->text ? b->text : strdup("");
    if (b->failed)
        free(b->text);
    *b = (textbuf){0};
    return text;
}

void textbuf_discard(textbuf *b)
{
    free(b->text);
    *b = (textbuf){0};
}
