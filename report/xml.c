/* Escaping for XML and HTML text and attribute values, so that ids and reasons taken from the
 * input can never break a report's markup, whatever bytes they hold. */
#include "report/report.h"

#include <string.h>

/* The length of the valid UTF-8 sequence XML allows at text, or 0. */
static size_t allowed_character(const unsigned char *text)
{
    unsigned char c = text[0];
    if (c < 0x80)
        return c >= 0x20 || c == '\t' || c == '\n' || c == '\r' ? 1 : 0;
    size_t length = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (length == 0 || c > 0xF4)
        return 0;
    unsigned code = c & (0x7Fu >> length);
    for (size_t i = 1; i < length; i++) {
        if ((text[i] & 0xC0) != 0x80)
            return 0;
        code = (code << 6) | (text[i] & 0x3Fu);
    }
    bool shortest = (length == 3 && code >= 0x800) || (length == 4 && code >= 0x10000) ||
                    length == 2;
    bool forbidden = (code >= 0xD800 && code <= 0xDFFF) || code == 0xFFFE || code == 0xFFFF ||
                     code > 0x10FFFF;
    return shortest && !forbidden ? length : 0;
}

void xml_text(textbuf *out, const char *text)
{
    const unsigned char *at = (const unsigned char *)text;
    while (*at) {
        size_t length = allowed_character(at);
        const char *entity = NULL;
        switch (*at) {
        case '&':
            entity = "&amp;";
            break;
        case '<':
            entity = "&lt;";
            break;
        case '>':
            entity = "&gt;";
            break;
        case '"':
            entity = "&quot;";
            break;
        case '\'':
            entity = "&#39;";
            break;
        default:
            break;
        }
        if (entity)
            textbuf_puts(out, entity);
        else if (length)
            textbuf_add(out, (const char *)at, length);
        else
            textbuf_puts(out, "\xEF\xBF\xBD"); /* U+FFFD, the replacement character */
        at += length ? length : 1;
    }
}
