/* Text files in and out: input (regular files only) read whole with limits and JSON syntax
 * errors located by line and column; outputs written to a temporary file and renamed. */
#include "base/textfile.h"

#include "base/diag.h"
#include "base/fileset.h"
#include "base/utf8.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Refuses a regular file over the limit before reading any of it (standard input, when it is a
 * pipe, is measured while reading). */
static bool size_allowed(FILE *file, const char *path, size_t max_bytes,
                         logis_diagnostics *diags)
{
    struct stat info;
    if (fstat(fileno(file), &info) != 0 || !S_ISREG(info.st_mode) ||
        (unsigned long long)info.st_size <= max_bytes)
        return true;
    diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL,
             "the file is larger than the input limit of %zu bytes (%lld bytes)", max_bytes,
             (long long)info.st_size);
    return false;
}

/* Reads at most max_bytes + 1 bytes of file into a growing buffer (one byte more than allowed
 * tells that the limit is passed). LOGIS_E_NOMEM or LOGIS_E_INPUT (unreadable), reported. */
static logis_status read_bounded(FILE *file, const char *path, size_t max_bytes, char **buffer,
                                 size_t *used, logis_diagnostics *diags)
{
    size_t capacity = 0;
    size_t wanted = max_bytes + 1;
    for (;;) {
        if (capacity - *used < 4096 && capacity < wanted) {
            capacity = capacity ? 2 * capacity : 65536;
            capacity = capacity < wanted ? capacity : wanted;
            char *bigger = realloc(*buffer, capacity + 1);
            if (!bigger) {
                diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL, "out of memory reading the file");
                return LOGIS_E_NOMEM;
            }
            *buffer = bigger;
        }
        size_t got = fread(*buffer + *used, 1, capacity - *used, file);
        *used += got;
        if (got == 0 || *used == wanted)
            break;
    }
    if (ferror(file)) {
        diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL, "cannot read: %s", strerror(errno));
        return LOGIS_E_INPUT;
    }
    return LOGIS_OK;
}

/* UTF-16 and UTF-32 texts are common from some editors: say so, rather than "binary". */
static bool is_utf16_or_32(const char *text, size_t length)
{
    const unsigned char *bytes = (const unsigned char *)text;
    bool bom16 = length >= 2 && ((bytes[0] == 0xFF && bytes[1] == 0xFE) ||
                                 (bytes[0] == 0xFE && bytes[1] == 0xFF));
    /* ASCII as UTF-16 has a NUL byte every other byte ("\0i\0d" or "i\0d\0"); one stray NUL
     * before plain text ("\0id,size") is a NUL byte, said as such by the caller */
    bool ascii16 = length >= 4 ? (bytes[0] == 0 && bytes[2] == 0 && bytes[1] && bytes[3]) ||
                                     (bytes[1] == 0 && bytes[3] == 0 && bytes[0] && bytes[2])
                               : length >= 2 && (bytes[0] == 0 || bytes[1] == 0) &&
                                     bytes[0] != bytes[1];
    /* UTF-32 opens with three NUL bytes of four (big-endian, "\0\0\xFE\xFF" or "\0\0\0i";
     * little-endian "i\0\0\0") */
    bool utf32be = length >= 4 && bytes[0] == 0 && bytes[1] == 0 &&
                   (bytes[2] == 0xFE || bytes[2] == 0) && bytes[3] != 0;
    bool utf32le = length >= 4 && bytes[0] != 0 && bytes[1] == 0 && bytes[2] == 0 &&
                   bytes[3] == 0;
    return bom16 || ascii16 || utf32be || utf32le;
}

static bool starts_with_bom(const char *text, size_t length)
{
    return length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0;
}

/* Line and column of a byte, counting characters (UTF-8) as editors do. */
static void locate(const char *text, size_t start, size_t offset, int *line, int *column)
{
    *line = 1;
    *column = 1;
    for (size_t i = start; i < offset; i++) {
        if (text[i] == '\n') {
            ++*line;
            *column = 1;
        } else if (((unsigned char)text[i] & 0xC0) != 0x80) {
            ++*column;
        }
    }
}

/* Every input is UTF-8 text, JSON and CSV alike: the first byte that is not (a NUL, a stray or
 * overlong byte, a surrogate) is reported at its line and column. */
static bool is_utf8_text(const char *path, const char *text, size_t length, const char *advice,
                         logis_diagnostics *diags)
{
    if (is_utf16_or_32(text, length)) {
        diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL,
                 "not a UTF-8 text: the file is UTF-16 or UTF-32; save it as UTF-8");
        return false;
    }
    utf8_finding found = utf8_check(text, length, UTF8_FILE);
    if (found.problem == UTF8_FINE)
        return true;
    int line, column;
    char what[96];
    locate(text, starts_with_bom(text, length) ? 3 : 0, found.offset, &line, &column);
    if (found.problem == UTF8_NUL)
        diag_add(diags, LOGIS_ERROR, path, line, column, NULL,
                 "a NUL byte: the file is binary, not text");
    else
        diag_add(diags, LOGIS_ERROR, path, line, column, NULL, "%s: %s",
                 utf8_describe(found, what), advice);
    return false;
}

/* What a file that is not a regular file is, for the message that refuses it. */
static const char *file_kind(mode_t mode)
{
    if (S_ISFIFO(mode))
        return "a named pipe (FIFO)";
    if (S_ISDIR(mode))
        return "a directory";
    return S_ISSOCK(mode) ? "a socket" : "a device";
}

/* Opens path for reading when it is a regular file. Anything else is refused: a FIFO without a
 * writer would block the open forever (hence O_NONBLOCK, cleared once the file is known to be
 * regular), a directory fails late, a device may never end. NULL when refused (reported). */
static FILE *open_regular_file(const char *path, logis_diagnostics *diags)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat info;
    if (fd < 0 || fstat(fd, &info) != 0) {
        diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL, "cannot open: %s", strerror(errno));
    } else if (!S_ISREG(info.st_mode)) {
        diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL, "refused: %s, not a regular file",
                 file_kind(info.st_mode));
    } else {
        int flags = fcntl(fd, F_GETFL);
        FILE *file = flags >= 0 && fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == 0
                         ? fdopen(fd, "rb")
                         : NULL;
        if (file)
            return file;
        diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL, "cannot open: %s", strerror(errno));
    }
    if (fd >= 0)
        close(fd);
    return NULL;
}

/* Reads an open stream whole into *buffer (NUL-terminated), named path in the messages, within
 * max_bytes: LOGIS_E_INPUT or LOGIS_E_NOMEM, reported. */
static logis_status read_raw(FILE *file, const char *path, size_t max_bytes, char **buffer,
                             size_t *used, logis_diagnostics *diags)
{
    if (max_bytes > SIZE_MAX / 4)
        max_bytes = SIZE_MAX / 4; /* room for the one byte more and the buffer's doubling */
    if (!size_allowed(file, path, max_bytes, diags))
        return LOGIS_E_INPUT;
    logis_status status = read_bounded(file, path, max_bytes, buffer, used, diags);
    if (status != LOGIS_OK)
        return status;
    if (*used > max_bytes) {
        diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL,
                 "the file is larger than the input limit of %zu bytes", max_bytes);
        return LOGIS_E_INPUT;
    }
    (*buffer)[*used] = '\0';
    return LOGIS_OK;
}

static const char utf8_advice[] = "save the file as UTF-8";

/* Hands the text read over when it is UTF-8 and not blank (reported otherwise, with advice on
 * saving it as UTF-8); *buffer is the caller's to free either way, NULL once handed over. */
static bool accept_text(const char *path, char **buffer, size_t used, const char *advice,
                        char **text, size_t *length, logis_diagnostics *diags)
{
    if (!is_utf8_text(path, *buffer, used, advice, diags))
        return false;
    if (strspn(*buffer, " \t\r\n") == used) {
        diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL, "the file is empty");
        return false;
    }
    *text = *buffer;
    *length = used;
    *buffer = NULL;
    return true;
}

/* Reads an open stream whole, named path in the messages: the checks of textfile_read. */
static logis_status read_stream(FILE *file, const char *path, size_t max_bytes, char **text,
                                size_t *length, logis_diagnostics *diags)
{
    char *buffer = NULL;
    size_t used = 0;
    logis_status status = read_raw(file, path, max_bytes, &buffer, &used, diags);
    if (status == LOGIS_OK &&
        !accept_text(path, &buffer, used, utf8_advice, text, length, diags))
        status = LOGIS_E_INPUT;
    free(buffer);
    return status;
}

/* open_regular_file, the file noted among the inputs read (diag_note_input); NULL with *status
 * set when it cannot be. */
static FILE *open_input(const char *path, logis_diagnostics *diags, logis_status *status)
{
    FILE *file = open_regular_file(path, diags);
    *status = file ? LOGIS_OK : LOGIS_E_INPUT;
    if (file && !diag_note_input(diags, path)) {
        fclose(file);
        file = NULL;
        diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL, "out of memory");
        *status = LOGIS_E_NOMEM;
    }
    return file;
}

logis_status textfile_read(const char *path, size_t max_bytes, char **text, size_t *length,
                           logis_diagnostics *diags)
{
    *text = NULL;
    *length = 0;
    logis_status opened;
    FILE *file = open_input(path, diags, &opened);
    if (!file)
        return opened;
    logis_status status = read_stream(file, path, max_bytes, text, length, diags);
    fclose(file);
    return status;
}

/* The raw bytes as Windows-1252, in place of *buffer: LOGIS_E_INPUT (reported) at a byte it
 * leaves undefined, and for a text that says it is UTF-8 by its byte order mark; LOGIS_E_NOMEM
 * when the decoded copy could not be made. */
static logis_status decode_windows_1252(const char *path, char **buffer, size_t *used,
                                        logis_diagnostics *diags)
{
    if (starts_with_bom(*buffer, *used)) {
        diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL,
                 "the file starts with a UTF-8 byte order mark: it is UTF-8, not Windows-1252");
        return LOGIS_E_INPUT;
    }
    textbuf decoded = {0};
    size_t stop = utf8_from_windows_1252(&decoded, *buffer, *used);
    char *text = textbuf_finish(&decoded);
    if (!text) {
        diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL, "out of memory");
        return LOGIS_E_NOMEM;
    }
    if (stop != *used) {
        int line, column;
        locate(*buffer, 0, stop, &line, &column);
        diag_add(diags, LOGIS_ERROR, path, line, column, NULL,
                 "the byte 0x%02X, which Windows-1252 does not define: the file is not "
                 "Windows-1252", (unsigned)(unsigned char)(*buffer)[stop]);
        free(text);
        return LOGIS_E_INPUT;
    }
    free(*buffer);
    *buffer = text;
    *used = strlen(text);
    return LOGIS_OK;
}

logis_status textfile_read_spreadsheet(const char *path, size_t max_bytes,
                                       text_encoding encoding, char **text, size_t *length,
                                       logis_diagnostics *diags)
{
    static const char advice[] = "save it as \"CSV UTF-8\" from the spreadsheet, or read it as "
                                 "Windows-1252 (logis import --encoding windows-1252)";
    char *buffer = NULL;
    size_t used = 0;
    *text = NULL;
    *length = 0;
    logis_status opened;
    FILE *file = open_input(path, diags, &opened);
    if (!file)
        return opened;
    logis_status status = read_raw(file, path, max_bytes, &buffer, &used, diags);
    fclose(file);
    if (status == LOGIS_OK && encoding != TEXT_UTF8)
        status = decode_windows_1252(path, &buffer, &used, diags);
    if (status == LOGIS_OK &&
        !accept_text(path, &buffer, used, advice, text, length, diags))
        status = LOGIS_E_INPUT;
    free(buffer);
    return status;
}

logis_status textfile_read_standard_input(const char *name, size_t max_bytes, char **text,
                                          size_t *length, logis_diagnostics *diags)
{
    *text = NULL;
    *length = 0;
    return read_stream(stdin, name, max_bytes, text, length, diags);
}

/* Strict JSON syntax, checked token by token before cJSON parses (cJSON is lenient and says only
 * roughly where it stopped): the first token out of place, and what was expected there. */
typedef enum {
    EXPECT_VALUE,
    EXPECT_VALUE_OR_CLOSE, /* just after '[' */
    EXPECT_KEY_OR_CLOSE,   /* just after '{' */
    EXPECT_KEY,
    EXPECT_COLON,
    EXPECT_COMMA_OR_CLOSE,
    EXPECT_NOTHING
} expectation;

enum {
    MAX_TRACKED_DEPTH = 512, /* below cJSON's own limit of 1000 */
    MAX_NUMBER_LENGTH = 63   /* cJSON reads a number into a buffer of 64 bytes */
};

typedef struct {
    const char *text;
    size_t length, at;
    char stack[MAX_TRACKED_DEPTH];
    int depth;
    expectation expect;
} scanner;

typedef struct {
    size_t offset;
    const char *message;
} syntax_problem;

static const char *expectation_text(const scanner *g)
{
    bool in_object = g->depth > 0 && g->stack[g->depth - 1] == '{';
    switch (g->expect) {
    case EXPECT_VALUE_OR_CLOSE:
        return "expected a value or ']'";
    case EXPECT_KEY_OR_CLOSE:
        return "expected a member name in double quotes or '}'";
    case EXPECT_KEY:
        return "expected a member name in double quotes";
    case EXPECT_COLON:
        return "expected ':'";
    case EXPECT_COMMA_OR_CLOSE:
        return in_object ? "expected ',' or '}'" : "expected ',' or ']'";
    case EXPECT_NOTHING:
        return "unexpected text after the JSON value";
    default:
        return "expected a value (object, array, string, number, true, false or null)";
    }
}

static void value_done(scanner *g)
{
    g->expect = g->depth == 0 ? EXPECT_NOTHING : EXPECT_COMMA_OR_CLOSE;
}

static bool expecting_value(const scanner *g)
{
    return g->expect == EXPECT_VALUE || g->expect == EXPECT_VALUE_OR_CLOSE;
}

/* The value of the four hexadecimal digits at text (which holds at least four bytes), or -1. */
static long hex4(const char *text)
{
    static const char digits[] = "0123456789abcdef";
    long value = 0;
    for (int i = 0; i < 4; i++) {
        unsigned char c = (unsigned char)text[i];
        const char *digit = isxdigit(c) ? strchr(digits, tolower(c)) : NULL;
        if (!digit)
            return -1;
        value = value * 16 + (digit - digits);
    }
    return value;
}

/* The \uXXXX escape at text[at] (its backslash): NULL when it makes a character (a surrogate
 * pair counts as one; *after is then the byte after it), else the problem. JSON allows \u0000
 * and lone surrogates, but neither is a character of a text: C strings end at the first, and
 * the second is not UTF-8. */
static const char *scan_unicode_escape(const char *text, size_t length, size_t at, size_t *after)
{
    long unit = at + 6 <= length ? hex4(text + at + 2) : -1;
    if (unit < 0)
        return "invalid \\u escape: four hexadecimal digits must follow \\u";
    if (unit == 0)
        return "\\u0000 (a NUL character) in a string: not allowed";
    if (unit >= 0xDC00 && unit <= 0xDFFF)
        return "lone surrogate in a string: a \\uDC00-\\uDFFF escape must follow a "
               "\\uD800-\\uDBFF one";
    *after = at + 6;
    if (unit < 0xD800 || unit > 0xDBFF)
        return NULL;
    bool escaped = at + 12 <= length && text[at + 6] == '\\' && text[at + 7] == 'u';
    long low = escaped ? hex4(text + at + 8) : -1;
    if (low < 0xDC00 || low > 0xDFFF)
        return "lone surrogate in a string: a \\uD800-\\uDBFF escape must be followed by a "
               "\\uDC00-\\uDFFF one";
    *after = at + 12;
    return NULL;
}

/* A string token from g->at; NULL when fine (g->at moves past it), else the problem. */
static const char *scan_string(scanner *g, size_t *where)
{
    size_t at = g->at + 1;
    while (at < g->length && g->text[at] != '"') {
        unsigned char c = (unsigned char)g->text[at];
        if (c < 0x20) {
            *where = c == '\n' ? g->at : at;
            return c == '\n' ? "unterminated string" : "control character in a string";
        }
        if (c != '\\') {
            at++;
            continue;
        }
        *where = at;
        if (at + 1 >= g->length || !strchr("\"\\/bfnrtu", g->text[at + 1]))
            return "invalid escape in a string";
        if (g->text[at + 1] != 'u') {
            at += 2;
            continue;
        }
        const char *problem = scan_unicode_escape(g->text, g->length, at, &at);
        if (problem)
            return problem;
    }
    if (at >= g->length) {
        *where = g->at;
        return "unterminated string";
    }
    g->at = at + 1;
    return NULL;
}

static size_t skip_digits(const char *text, size_t at, size_t length)
{
    while (at < length && isdigit((unsigned char)text[at]))
        at++;
    return at;
}

/* RFC 8259's number: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? and nothing more. */
bool textfile_is_json_number(const char *token, size_t length)
{
    size_t at = length > 0 && token[0] == '-' ? 1 : 0;
    if (at >= length || !isdigit((unsigned char)token[at]))
        return false;
    at = token[at] == '0' ? at + 1 : skip_digits(token, at, length);
    if (at < length && token[at] == '.') {
        size_t digits = at + 1;
        at = skip_digits(token, digits, length);
        if (at == digits)
            return false;
    }
    if (at < length && (token[at] == 'e' || token[at] == 'E')) {
        at++;
        if (at < length && (token[at] == '+' || token[at] == '-'))
            at++;
        size_t digits = at;
        at = skip_digits(token, digits, length);
        if (at == digits)
            return false;
    }
    return at == length;
}

static bool is_word(const char *token, size_t length)
{
    return (length == 4 && (memcmp(token, "true", 4) == 0 || memcmp(token, "null", 4) == 0)) ||
           (length == 5 && memcmp(token, "false", 5) == 0);
}

/* A token that starts as a number does ("-", a digit, or what people write for one: "+", "."). */
static bool starts_like_a_number(char c)
{
    return isdigit((unsigned char)c) || c == '-' || c == '+' || c == '.';
}

/* The problem with the literal token (true, false, null or a number) of length bytes at g->at,
 * or NULL. A number is checked for its length first: cJSON reads no more than 63 characters of
 * one, and the message should say that rather than "expected a value". */
static const char *literal_problem(const scanner *g, size_t length)
{
    const char *token = g->text + g->at;
    if (!expecting_value(g))
        return expectation_text(g);
    if (!starts_like_a_number(token[0]))
        return is_word(token, length) ? NULL : expectation_text(g);
    if (length > MAX_NUMBER_LENGTH)
        return "number longer than 63 characters";
    return textfile_is_json_number(token, length)
               ? NULL
               : "invalid number: JSON writes numbers as -12, 3.5 or 1e6 (no '+', no leading "
                 "zeros, digits on both sides of '.')";
}

/* Takes the punctuation token c; false when it is out of place. */
static bool take_punctuation(scanner *g, char c)
{
    bool in_object = g->depth > 0 && g->stack[g->depth - 1] == '{';
    if (c == '{' || c == '[') {
        if (!expecting_value(g) || g->depth == MAX_TRACKED_DEPTH)
            return false;
        g->stack[g->depth++] = c;
        g->expect = c == '{' ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE_OR_CLOSE;
    } else if (c == '}' || c == ']') {
        bool closes = (c == '}') == in_object && g->depth > 0;
        bool allowed = g->expect == EXPECT_COMMA_OR_CLOSE ||
                       (c == '}' && g->expect == EXPECT_KEY_OR_CLOSE) ||
                       (c == ']' && g->expect == EXPECT_VALUE_OR_CLOSE);
        if (!closes || !allowed)
            return false;
        g->depth--;
        value_done(g);
    } else if (c == ',') {
        if (g->expect != EXPECT_COMMA_OR_CLOSE)
            return false;
        g->expect = in_object ? EXPECT_KEY : EXPECT_VALUE;
    } else {
        if (g->expect != EXPECT_COLON)
            return false;
        g->expect = EXPECT_VALUE;
    }
    return true;
}

static syntax_problem find_syntax_problem(const char *text, size_t length, size_t start)
{
    static const char blanks[] = " \t\r\n";
    scanner g = {.text = text, .length = length, .at = start, .expect = EXPECT_VALUE};
    for (;;) {
        g.at += strspn(text + g.at, blanks);
        if (g.at >= length)
            return (syntax_problem){length, g.expect == EXPECT_NOTHING
                                                ? NULL
                                                : "unexpected end of input"};
        char c = text[g.at];
        size_t where = g.at;
        if (c == '"') {
            bool key = g.expect == EXPECT_KEY || g.expect == EXPECT_KEY_OR_CLOSE;
            if (!key && !expecting_value(&g))
                return (syntax_problem){where, expectation_text(&g)};
            const char *problem = scan_string(&g, &where);
            if (problem)
                return (syntax_problem){where, problem};
            if (key)
                g.expect = EXPECT_COLON;
            else
                value_done(&g);
        } else if (strchr("{}[],:", c)) {
            if (g.depth == MAX_TRACKED_DEPTH && (c == '{' || c == '['))
                return (syntax_problem){where, "nesting deeper than 512 levels"};
            if (!take_punctuation(&g, c))
                return (syntax_problem){where, expectation_text(&g)};
            g.at++;
        } else {
            size_t token = strcspn(text + g.at, " \t\r\n{}[],:\"");
            const char *problem = literal_problem(&g, token);
            if (problem)
                return (syntax_problem){where, problem};
            g.at += token;
            value_done(&g);
        }
    }
}

/* ---- members given twice ---- */

/* JSON allows an object to name a member twice, but parsers differ on which one counts (cJSON
 * finds the first, others the last): whoever wrote the file must say which. */
typedef struct {
    const char *path;
    logis_diagnostics *diags;
    char pointer[1024]; /* of the value being searched, RFC 6901 */
    size_t length;
    const char *record; /* the id of the innermost record (an object with an "id") around it */
    size_t found;
    bool out_of_memory;
} duplicate_search;

/* Appends "/token" to the pointer, ~ and / escaped; cut short when the buffer is full. */
static void pointer_push(duplicate_search *d, const char *token)
{
    size_t at = d->length;
    if (at + 1 < sizeof d->pointer)
        d->pointer[at++] = '/';
    for (const char *c = token; *c && at + 2 < sizeof d->pointer; c++) {
        if (*c == '~' || *c == '/') {
            d->pointer[at++] = '~';
            d->pointer[at++] = *c == '~' ? '0' : '1';
        } else {
            d->pointer[at++] = *c;
        }
    }
    d->pointer[at] = '\0';
    d->length = at;
}

static void pointer_pop(duplicate_search *d, size_t mark)
{
    d->length = mark;
    d->pointer[mark] = '\0';
}

static int compare_member_names(const void *a, const void *b)
{
    return strcmp(json_key(*(const json *const *)a), json_key(*(const json *const *)b));
}

static void report_duplicate_at(duplicate_search *d, const char *format, ...)
    __attribute__((format(printf, 2, 3)));

static void report_duplicate_at(duplicate_search *d, const char *format, ...)
{
    va_list args;
    va_start(args, format);
    diag_vadd(d->diags, &(diag_place){LOGIS_ERROR, .file = d->path, .pointer = d->pointer,
                                      .record = d->record},
              format, args);
    va_end(args);
}

static void report_duplicate(duplicate_search *d, const char *key)
{
    size_t mark = d->length;
    pointer_push(d, key);
    report_duplicate_at(d, "member given twice (only one is allowed)");
    pointer_pop(d, mark);
    d->found++;
}

/* Reports each name given more than once among the members of object, once. Sorting keeps a
 * hostile object of a million members from costing a million squared comparisons. */
static void search_members(duplicate_search *d, const json *object)
{
    size_t count = json_count(object), at = 0;
    if (count < 2)
        return;
    const json **members = malloc(count * sizeof *members);
    if (!members) {
        d->out_of_memory = true;
        return;
    }
    for (const json *m = json_first(object); m; m = json_next(m))
        members[at++] = m;
    qsort(members, count, sizeof *members, compare_member_names);
    for (size_t i = 1; i < count; i++) {
        bool same = strcmp(json_key(members[i - 1]), json_key(members[i])) == 0;
        bool first_repeat = i == 1 || strcmp(json_key(members[i - 2]), json_key(members[i]));
        if (same && first_repeat)
            report_duplicate(d, json_key(members[i]));
    }
    free(members);
}

/* Searches value and everything in it (nesting is at most 512 levels: the syntax check). */
static void search_value(duplicate_search *d, const json *value)
{
    bool object = json_is_object(value);
    const char *outer_record = d->record;
    const char *id = object ? json_string(json_member(value, "id")) : NULL;
    if (id)
        d->record = id;
    if (object)
        search_members(d, value);
    size_t index = 0;
    for (const json *item = json_first(value); item && !d->out_of_memory && !diag_full(d->diags);
         item = json_next(item), index++) {
        char number[32];
        snprintf(number, sizeof number, "%zu", index);
        size_t mark = d->length;
        pointer_push(d, object ? json_key(item) : number);
        search_value(d, item);
        pointer_pop(d, mark);
    }
    d->record = outer_record;
}

/* LOGIS_E_INPUT (each duplicate reported by its pointer) when some object names a member
 * twice; LOGIS_E_NOMEM when the search ran out of memory. */
static logis_status members_are_unique(const char *path, const json *value,
                                       logis_diagnostics *diags)
{
    duplicate_search d = {.path = path, .diags = diags};
    search_value(&d, value);
    if (d.out_of_memory) {
        diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL, "out of memory parsing the file");
        return LOGIS_E_NOMEM;
    }
    return d.found == 0 ? LOGIS_OK : LOGIS_E_INPUT;
}

/* The scan accepts only what cJSON parses (its syntax, nesting, numbers and \u escapes): cJSON
 * failing on a text that passed it has run out of memory. */
logis_status textfile_parse_json(const char *path, const char *text, size_t length, json **value,
                                 logis_diagnostics *diags)
{
    size_t start = starts_with_bom(text, length) ? 3 : 0;
    syntax_problem problem = find_syntax_problem(text, length, start);
    *value = NULL;
    if (problem.message) {
        int line, column;
        locate(text, start, problem.offset, &line, &column);
        diag_add(diags, LOGIS_ERROR, path, line, column, NULL, "syntax error: %s",
                 problem.message);
        return LOGIS_E_INPUT;
    }
    size_t stop = 0;
    *value = json_parse(text + start, length - start, &stop);
    if (!*value) {
        diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL, "out of memory parsing the file");
        return LOGIS_E_NOMEM;
    }
    logis_status unique = members_are_unique(path, *value, diags);
    if (unique != LOGIS_OK) {
        json_free(*value);
        *value = NULL;
    }
    return unique;
}

/* A file is a set of one: the same temporary, flush and rename as a report's files. */
logis_status logis_write_file(const char *path, const char *text, logis_diagnostics *diags)
{
    return logis_write_files(&path, &text, 1, diags);
}

logis_status logis_write_files(const char *const *paths, const char *const *texts,
                               size_t count, logis_diagnostics *diags)
{
    fileset set;
    fileset_begin(&set, diags);
    for (size_t i = 0; i < count; i++)
        if (paths[i])
            fileset_add(&set, paths[i], texts[i]);
    return fileset_finish(&set);
}
