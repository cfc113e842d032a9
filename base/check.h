/* LOGIS_ASSERT: the library's invariants, checked in debug and sanitizer builds, compiled to
 * nothing in release builds.
 *
 * A release build defines NDEBUG: the Makefile's default CFLAGS (-O2 -g -DNDEBUG) do, so that
 * `make`, `make demo`, `make install` and the unit and CLI suites build the library as it ships.
 * A build with CFLAGS of its own does not, unless they say -DNDEBUG: `make test-sanitize` (and
 * `make test`, which runs it), `make fuzz`, `make test-alloc`, or `make CFLAGS="-O0 -g"` check
 * every assertion, and one that fails prints its file, line and condition and aborts (assert).
 * A packager who sets CFLAGS adds -DNDEBUG: a release build never prints or aborts.
 *
 * An assertion states what the library's own code makes true (an index in range, a count that
 * cannot be negative), never what input could break: input is checked and reported through the
 * diagnostics. Its condition must have no side effect; in release builds it is type-checked but
 * never evaluated. A branch that cannot be taken but that release builds still handle (a status
 * returned, a default value) is marked with a comment "can't happen: <why>" and the assertion. */
#ifndef LOGIS_CHECK_H
#define LOGIS_CHECK_H

#ifdef NDEBUG
#define LOGIS_ASSERT(condition) ((void)sizeof(!(condition)))
#else
#include <assert.h>
#define LOGIS_ASSERT(condition) assert(condition)
#endif

#endif
