/* UTF-8 as RFC 3629 defines it (no overlong forms, no surrogates, nothing beyond U+10FFFF): one
 * decoder behind the checks of every input and the escaping of every quoted input. */
#include "base/utf8.h"

#include <stdio.h>
#include <string.h>

/* The length of the valid sequence at s (its character in *code_point), or 0 when the bytes
 * there are not UTF-8. */
static size_t decode(const unsigned char *s, size_t length, unsigned *code_point)
{
    unsigned char lead = s[0];
    size_t need;
    unsigned least;
    if (lead < 0x80) {
        *code_point = lead;
        return 1;
    }
    if (lead >= 0xC2 && lead <= 0xDF) {
        need = 2, least = 0x80, *code_point = lead & 0x1Fu;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        need = 3, least = 0x800, *code_point = lead & 0x0Fu;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        need = 4, least = 0x10000, *code_point = lead & 0x07u;
    } else {
        return 0;
    }
    if (length < need)
        return 0;
    for (size_t i = 1; i < need; i++) {
        if ((s[i] & 0xC0) != 0x80)
            return 0;
        *code_point = (*code_point << 6) | (s[i] & 0x3Fu);
    }
    bool surrogate = *code_point >= 0xD800 && *code_point <= 0xDFFF;
    return *code_point < least || *code_point > 0x10FFFF || surrogate ? 0 : need;
}

static bool is_control(unsigned c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F);
}

/* Unicode's Bidi_Control characters: the marks (U+061C, U+200E, U+200F) reorder what is
 * around them as the embeddings and isolates do. */
static bool is_bidi_control(unsigned c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E ||
           c == 0x200F || c == 0x061C;
}

/* U+2028 and U+2029 break lines in editors and browsers as a line feed does. */
static bool is_line_separator(unsigned c)
{
    return c == 0x2028 || c == 0x2029;
}

static utf8_problem classify(unsigned c, utf8_use use)
{
    if (c == 0)
        return UTF8_NUL;
    if (use == UTF8_FILE)
        return UTF8_FINE;
    if (is_control(c) || is_line_separator(c))
        return UTF8_CONTROL;
    return is_bidi_control(c) ? UTF8_BIDI : UTF8_FINE;
}

utf8_finding utf8_check(const char *text, size_t length, utf8_use use)
{
    const unsigned char *bytes = (const unsigned char *)text;
    for (size_t at = 0; at < length;) {
        unsigned c;
        size_t size = decode(bytes + at, length - at, &c);
        if (size == 0)
            return (utf8_finding){UTF8_INVALID, at, bytes[at]};
        utf8_problem problem = classify(c, use);
        if (problem != UTF8_FINE)
            return (utf8_finding){problem, at, c};
        at += size;
    }
    return (utf8_finding){UTF8_FINE, length, 0};
}

utf8_finding utf8_check_text(const char *text)
{
    return utf8_check(text, strlen(text), UTF8_TEXT);
}

const char *utf8_describe(utf8_finding finding, char *text)
{
    static const char *const kinds[] = {
        [UTF8_FINE] = "nothing wrong", [UTF8_INVALID] = "",
        [UTF8_NUL] = "a NUL character", [UTF8_CONTROL] = "a control character",
        [UTF8_BIDI] = "a bidirectional control character"};
    if (finding.problem == UTF8_INVALID)
        snprintf(text, 96, "a byte that is not UTF-8 there (0x%02X)", finding.code_point);
    else
        snprintf(text, 96, "%s (U+%04X)", kinds[finding.problem], finding.code_point);
    return text;
}

/* Windows-1252's 0x80-0x9F, where it differs from Latin-1; 0 where it defines nothing. */
static const unsigned short windows_1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178};

static void append_utf8(textbuf *out, unsigned c)
{
    char bytes[3];
    size_t count = 0;
    if (c < 0x80) {
        bytes[count++] = (char)c;
    } else if (c < 0x800) {
        bytes[count++] = (char)(0xC0 | c >> 6);
        bytes[count++] = (char)(0x80 | (c & 0x3F));
    } else { /* every Windows-1252 character lies below U+10000 */
        bytes[count++] = (char)(0xE0 | c >> 12);
        bytes[count++] = (char)(0x80 | (c >> 6 & 0x3F));
        bytes[count++] = (char)(0x80 | (c & 0x3F));
    }
    textbuf_add(out, bytes, count);
}

size_t utf8_from_windows_1252(textbuf *out, const char *text, size_t length)
{
    const unsigned char *bytes = (const unsigned char *)text;
    size_t plain = 0; /* the start of the run of ASCII bytes not yet appended */
    for (size_t at = 0; at < length; at++) {
        if (bytes[at] < 0x80)
            continue;
        unsigned c = bytes[at] >= 0xA0 ? bytes[at] : windows_1252_high[bytes[at] - 0x80];
        textbuf_add(out, text + plain, at - plain);
        plain = at + 1;
        if (!c)
            return at;
        append_utf8(out, c);
    }
    textbuf_add(out, text + plain, length - plain);
    return length;
}

/* Characters that draw nothing: the byte order mark (U+FEFF, a second one in a CSV header) and
 * the zero-width space, non-joiner, joiner and word joiner. Quoted, "\uFEFFid" would look like
 * "id". */
static bool is_invisible(unsigned c)
{
    return c == 0xFEFF || (c >= 0x200B && c <= 0x200D) || c == 0x2060;
}

/* Characters a terminal or an editor would act on or draw misleadingly, or not draw at all:
 * shown as escapes. */
static bool shown_escaped(unsigned c)
{
    return is_control(c) || is_line_separator(c) || is_bidi_control(c) || is_invisible(c);
}

void utf8_escape(textbuf *out, const char *text)
{
    const unsigned char *bytes = (const unsigned char *)text;
    size_t length = strlen(text), plain = 0;
    for (size_t at = 0; at < length;) {
        unsigned c;
        size_t size = decode(bytes + at, length - at, &c);
        if (size > 0 && !shown_escaped(c)) {
            at += size;
            continue;
        }
        textbuf_add(out, text + plain, at - plain);
        if (size == 0 || c < 0x80)
            textbuf_printf(out, "\\x%02X", bytes[at]);
        else
            textbuf_printf(out, "\\u%04X", c);
        at += size ? size : 1;
        plain = at;
    }
    textbuf_add(out, text + plain, length - plain);
}
