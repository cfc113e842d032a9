/* Helpers for the suites: fixture files in a temporary folder, loading them, reading files and
 * JSON members back, searching the diagnostics for expected messages. */
#include "tests.h"

#include "base/json.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char folder[256];

const char *fixture_folder(void)
{
    if (!folder[0]) {
        snprintf(folder, sizeof folder, "/tmp/logis-tests-XXXXXX");
        if (!mkdtemp(folder)) {
            perror("mkdtemp");
            exit(2);
        }
    }
    return folder;
}

const char *write_fixture_bytes(const char *name, const char *bytes, size_t length)
{
    static char paths[8][512];
    static int next;
    char *path = paths[next++ % 8];
    snprintf(path, 512, "%s/%s", fixture_folder(), name);
    FILE *file = fopen(path, "wb");
    if (file) {
        fwrite(bytes, 1, length, file);
        fclose(file);
    }
    return path;
}

const char *write_fixture(const char *name, const char *text)
{
    return write_fixture_bytes(name, text, strlen(text));
}

logis_scenario *load_fixture(const char *name, const char *text, logis_diagnostics **diags)
{
    logis_diagnostics *found = logis_diagnostics_new();
    logis_scenario *scenario = NULL;
    logis_scenario_load(write_fixture(name, text), &scenario, found);
    if (diags)
        *diags = found;
    else
        logis_diagnostics_free(found);
    return scenario;
}

int diagnostics_contain(const logis_diagnostics *diags, const char *fragment, ...)
{
    for (size_t i = 0; i < logis_diagnostics_count(diags); i++) {
        char *line = logis_diagnostics_line(diags, i);
        int all = line && strstr(line, fragment) != NULL;
        va_list args;
        va_start(args, fragment);
        for (const char *more = va_arg(args, const char *); all && more;
             more = va_arg(args, const char *))
            all = strstr(line, more) != NULL;
        va_end(args);
        free(line);
        if (all)
            return 1;
    }
    return 0;
}

char *read_file_text(const char *path)
{
    FILE *file = fopen(path, "rb");
    char *text = NULL;
    if (file && fseek(file, 0, SEEK_END) == 0) {
        long length = ftell(file);
        rewind(file);
        text = length >= 0 ? malloc((size_t)length + 1) : NULL;
        if (text)
            text[fread(text, 1, (size_t)length, file)] = '\0';
    }
    if (file)
        fclose(file);
    return text;
}

const json *json_at(const json *root, const char *path)
{
    char copy[256];
    snprintf(copy, sizeof copy, "%s", path);
    const json *value = root;
    for (char *key = strtok(copy, "/"); key && value; key = strtok(NULL, "/")) {
        if (!json_is_array(value)) {
            value = json_member(value, key);
            continue;
        }
        int index = atoi(key);
        value = json_first(value);
        while (value && index-- > 0)
            value = json_next(value);
    }
    return value;
}
