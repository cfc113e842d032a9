/* UTF-8 checks for every text that enters logis (whole files, then ids and names), and the
 * escaping of input quoted in messages: no input byte breaks a line or drives a terminal. */
#ifndef LOGIS_UTF8_H
#define LOGIS_UTF8_H

#include "base/textbuf.h"

#include <stdbool.h>
#include <stddef.h>

typedef enum {
    UTF8_FINE = 0,
    UTF8_INVALID, /* not UTF-8: a stray byte, an overlong form, a surrogate, beyond U+10FFFF */
    UTF8_NUL,     /* U+0000, which C strings (and cJSON) cut the text at */
    UTF8_CONTROL, /* U+0001-U+001F, U+007F-U+009F: line breaks, tabs, terminal escapes */
    UTF8_BIDI     /* U+202A-U+202E, U+2066-U+2069: make text display other than it is */
} utf8_problem;

typedef enum {
    UTF8_FILE, /* a whole text file: only invalid sequences and NUL are problems */
    UTF8_TEXT  /* an id, a name, a cell: control and bidirectional characters too */
} utf8_use;

typedef struct {
    utf8_problem problem;
    size_t offset;         /* of the first byte of the first problem */
    unsigned code_point;   /* of that character; for UTF8_INVALID, the byte */
} utf8_finding;

/* The first problem of the length bytes at text for that use (problem UTF8_FINE when none). */
utf8_finding utf8_check(const char *text, size_t length, utf8_use use);
/* utf8_check of a NUL-terminated string. */
utf8_finding utf8_check_text(const char *text);
/* What the finding is, for a message: "a control character (U+001B)", "the byte 0xFF, which is
 * not UTF-8". text holds 96 bytes; returns it. */
const char *utf8_describe(utf8_finding finding, char *text);

/* Windows-1252 (what a spreadsheet on French Windows saves as "CSV") decoded into UTF-8, appended
 * to out. Returns the offset of the first byte that Windows-1252 leaves undefined (0x81, 0x8D,
 * 0x8F, 0x90, 0x9D), or length when there is none: then the whole text was appended. */
size_t utf8_from_windows_1252(textbuf *out, const char *text, size_t length);

/* Appends text with every byte that could break a line or drive a terminal escaped: control
 * characters and invalid bytes as \xNN, C1 controls, bidirectional controls, the line and
 * paragraph separators and the characters that draw nothing (U+FEFF, U+200B-U+200D, U+2060) as
 * \uNNNN. Everything else is copied as it is. */
void utf8_escape(textbuf *out, const char *text);

#endif
