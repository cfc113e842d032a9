/* Text files in and out: input read whole with limits and JSON syntax errors located by line and
 * column with what was expected there; outputs written to a temporary file and renamed. */
#include "textfile.h"

#include "diag.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool textfile_read(const char *path, size_t max_bytes, char **text, size_t *length,
                   logis_diagnostics *diags)
{
    *text = NULL;
    *length = 0;
    FILE *file = fopen(path, "rb");
    char *buffer = NULL;
    size_t used = 0, capacity = 0;
    bool ok = false;
    if (!file) {
        diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL, "cannot open: %s", strerror(errno));
        goto done;
    }
    for (;;) {
        if (capacity - used < 4096) {
            capacity = capacity ? 2 * capacity : 65536;
            char *bigger = realloc(buffer, capacity + 1);
            if (!bigger) {
                diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL, "out of memory reading the file");
                goto done;
            }
            buffer = bigger;
        }
        size_t got = fread(buffer + used, 1, capacity - used, file);
        used += got;
        if (used > max_bytes) {
            diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL, "file is larger than %zu bytes",
                     max_bytes);
            goto done;
        }
        if (got == 0)
            break;
    }
    if (ferror(file)) {
        diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL, "cannot read: %s", strerror(errno));
        goto done;
    }
    if (memchr(buffer, '\0', used)) {
        diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL, "not a JSON text: the file is binary");
        goto done;
    }
    buffer[used] = '\0';
    if (strspn(buffer, " \t\r\n") == used) {
        diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL, "the file is empty");
        goto done;
    }
    *text = buffer;
    *length = used;
    buffer = NULL;
    ok = true;
done:
    free(buffer);
    if (file)
        fclose(file);
    return ok;
}

/* What the grammar expects next, tracked over the tokens before a syntax error. */
typedef enum {
    EXPECT_VALUE,
    EXPECT_KEY_OR_CLOSE,
    EXPECT_KEY,
    EXPECT_COLON,
    EXPECT_COMMA_OR_CLOSE,
    EXPECT_NOTHING
} expectation;

enum { MAX_TRACKED_DEPTH = 2048 };

typedef struct {
    char stack[MAX_TRACKED_DEPTH];
    int depth;
    expectation expect;
} grammar;

static void grammar_value_done(grammar *g)
{
    g->expect = g->depth == 0 ? EXPECT_NOTHING : EXPECT_COMMA_OR_CLOSE;
}

static void grammar_token(grammar *g, char token)
{
    bool in_object = g->depth > 0 && g->stack[g->depth - 1] == '{';
    switch (token) {
    case '{':
    case '[':
        if (g->depth < MAX_TRACKED_DEPTH)
            g->stack[g->depth++] = token;
        g->expect = token == '{' ? EXPECT_KEY_OR_CLOSE : EXPECT_VALUE;
        break;
    case '}':
    case ']':
        if (g->depth > 0)
            g->depth--;
        grammar_value_done(g);
        break;
    case ',':
        g->expect = in_object ? EXPECT_KEY : EXPECT_VALUE;
        break;
    case ':':
        g->expect = EXPECT_VALUE;
        break;
    case '"':
        if (g->expect == EXPECT_KEY || g->expect == EXPECT_KEY_OR_CLOSE)
            g->expect = EXPECT_COLON;
        else
            grammar_value_done(g);
        break;
    default:
        grammar_value_done(g);
    }
}

static size_t skip_string(const char *text, size_t at, size_t length)
{
    for (at++; at < length && text[at] != '"'; at++)
        if (text[at] == '\\')
            at++;
    return at + 1;
}

/* Replays the tokens before offset to say what was expected there. */
static const char *expected_at(const char *text, size_t length, size_t offset)
{
    grammar g = {.depth = 0, .expect = EXPECT_VALUE};
    size_t at = 0;
    while (at < offset && at < length) {
        char c = text[at];
        if (strchr(" \t\r\n", c)) {
            at++;
        } else if (c == '"') {
            at = skip_string(text, at, length);
            if (at > offset)
                return "unterminated string or invalid escape";
            grammar_token(&g, '"');
        } else if (strchr("{}[],:", c)) {
            grammar_token(&g, c);
            at++;
        } else {
            while (at < length && !strchr(" \t\r\n{}[],:\"", text[at]))
                at++;
            grammar_token(&g, 'v');
        }
    }
    bool in_object = g.depth > 0 && g.stack[g.depth - 1] == '{';
    if (offset >= length)
        return "unexpected end of input";
    switch (g.expect) {
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

static void locate(const char *text, size_t offset, int *line, int *column)
{
    *line = 1;
    *column = 1;
    for (size_t i = 0; i < offset; i++) {
        if (text[i] == '\n') {
            ++*line;
            *column = 1;
        } else {
            ++*column;
        }
    }
}

static void syntax_error(const char *path, const char *text, size_t length, size_t offset,
                         logis_diagnostics *diags)
{
    int line, column;
    if (offset > length)
        offset = length;
    locate(text, offset, &line, &column);
    diag_add(diags, LOGIS_ERROR, path, line, column, NULL, "syntax error: %s",
             expected_at(text, length, offset));
}

json *textfile_parse_json(const char *path, const char *text, size_t length,
                          logis_diagnostics *diags)
{
    size_t start = length >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    size_t stop = 0;
    json *value = json_parse(text + start, length - start, &stop);
    if (!value) {
        if (stop == (size_t)-1)
            diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL, "out of memory parsing the file");
        else
            syntax_error(path, text, length, start + stop, diags);
        return NULL;
    }
    size_t end = start + stop;
    end += strspn(text + end, " \t\r\n");
    if (end < length) {
        syntax_error(path, text, length, end, diags);
        json_free(value);
        return NULL;
    }
    return value;
}

logis_status logis_write_file(const char *path, const char *text, logis_diagnostics *diags)
{
    size_t length = strlen(path);
    char *temporary = malloc(length + 16);
    logis_status status = LOGIS_E_IO;
    int fd = -1;
    if (!temporary) {
        diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL, "out of memory");
        return LOGIS_E_NOMEM;
    }
    snprintf(temporary, length + 16, "%s.tmp-XXXXXX", path);
    fd = mkstemp(temporary);
    if (fd < 0) {
        diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL, "cannot create: %s", strerror(errno));
        goto done;
    }
    size_t total = strlen(text), written = 0;
    while (written < total) {
        ssize_t got = write(fd, text + written, total - written);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0) {
            diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL, "cannot write: %s", strerror(errno));
            goto done;
        }
        written += (size_t)got;
    }
    if (fchmod(fd, 0644) != 0 || fsync(fd) != 0 || close(fd) != 0) {
        fd = -1;
        diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL, "cannot write: %s", strerror(errno));
        goto done;
    }
    fd = -1;
    if (rename(temporary, path) != 0) {
        diag_add(diags, LOGIS_ERROR, path, 0, 0, NULL, "cannot replace: %s", strerror(errno));
        goto done;
    }
    status = LOGIS_OK;
done:
    if (fd >= 0)
        close(fd);
    if (status != LOGIS_OK)
        unlink(temporary);
    free(temporary);
    return status;
}
