/* Text files in and out: reading JSON input (regular files only) with size limits and precise
 * syntax messages, and writing outputs atomically (temporary file, flush, rename). */
#ifndef LOGIS_TEXTFILE_H
#define LOGIS_TEXTFILE_H

#include "base/json.h"
#include "logis.h"

#include <stdbool.h>
#include <stddef.h>

enum { TEXTFILE_MAX_DEFAULT = 64 << 20 }; /* bytes, the default input limit */

/* Reads the whole file into *text (NUL-terminated, caller frees). Refuses anything but a regular
 * file at once (a FIFO, a directory, a device), files larger than max_bytes (before reading
 * them), empty files, UTF-16/32 texts and any byte that is not UTF-8 text (a NUL, an invalid
 * sequence: located by line and column): LOGIS_E_INPUT with a message in diags; LOGIS_E_NOMEM
 * (with a message too) when out of memory. */
logis_status textfile_read(const char *path, size_t max_bytes, char **text, size_t *length,
                           logis_diagnostics *diags);
typedef enum { TEXT_UTF8, TEXT_WINDOWS_1252 } text_encoding;

/* textfile_read of a file a spreadsheet saved, in encoding: Windows-1252 (the "CSV" of a
 * spreadsheet on Windows in Western Europe) is decoded into UTF-8, and a byte it does not define
 * or a UTF-8 byte order mark is then an error; a UTF-8 file that is not UTF-8 is told how to
 * save it, or to read it as Windows-1252. LOGIS_E_NOMEM (with a message) when out of memory. */
logis_status textfile_read_spreadsheet(const char *path, size_t max_bytes,
                                       text_encoding encoding, char **text, size_t *length,
                                       logis_diagnostics *diags);
/* Reads standard input whole as textfile_read reads a file, pipe or not, named `name` in the
 * messages: for the commands that take "-". */
logis_status textfile_read_standard_input(const char *name, size_t max_bytes, char **text,
                                          size_t *length, logis_diagnostics *diags);

/* Parses JSON text read from path into *value (NULL on failure): LOGIS_E_INPUT on a syntax
 * error, reported as "path:line:col: syntax error: ...", or an object that names a member
 * twice anywhere in the text ("path: /pointer/name: member given twice"); LOGIS_E_NOMEM, with
 * a message, when out of memory. */
logis_status textfile_parse_json(const char *path, const char *text, size_t length, json **value,
                                 logis_diagnostics *diags);

/* Whether the length bytes at token are a number as JSON writes it (RFC 8259: -12, 3.5, 1e6),
 * and nothing more: no sign '+', no leading zero, no space, no hexadecimal, no inf or nan, all of
 * which strtod takes. */
bool textfile_is_json_number(const char *token, size_t length);

#endif
