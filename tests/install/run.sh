#!/usr/bin/env bash
# The install test: `make install` into a staging folder with PREFIX=/usr, then the example of
# examples/ built there with pkg-config against the staged library and run on the FAAR sample,
# the man page rendered, the exported symbols checked, and `make uninstall` leaving nothing.
# Usage: MAKE=make tests/install/run.sh BUILD_FOLDER
set -u

if [ $# -ne 1 ]; then
    echo "usage: tests/install/run.sh BUILD_FOLDER" >&2
    exit 2
fi
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT" || exit 2
BUILD="$1"
MAKE="${MAKE:-make}"
WORK="$(realpath -m "$BUILD/install-test")"
STAGE="$WORK/stage"
LIBDIR="$STAGE/usr/lib"
FAAR="$ROOT/data/faar/scenario.json"
passed=0
failed=0

check() {
    local what="$1"
    shift
    if "$@"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $what" >&2
    fi
}

rm -rf "$WORK"
mkdir -p "$WORK"
$MAKE --no-print-directory BUILD="$BUILD" install DESTDIR="$STAGE" PREFIX=/usr \
    >"$WORK/install.log" 2>&1
check "make install DESTDIR=$STAGE PREFIX=/usr (see $WORK/install.log)" [ $? -eq 0 ]

# ---- the files, the links and the pkg-config metadata ----

VERSION=$(awk '/^#define LOGIS_VERSION_(MAJOR|MINOR|PATCH) / { v = v s $3; s = "." }
    END { print v }' include/logis.h)
for file in bin/logis lib/liblogis.a "lib/liblogis.so.$VERSION" include/logis.h \
    lib/pkgconfig/logis.pc share/man/man1/logis.1; do
    check "$file is installed" [ -f "$STAGE/usr/$file" ]
done
check "liblogis.so.0 links to liblogis.so.$VERSION" \
    [ "$(readlink "$LIBDIR/liblogis.so.0")" = "liblogis.so.$VERSION" ]
check "liblogis.so links to liblogis.so.0" [ "$(readlink "$LIBDIR/liblogis.so")" = liblogis.so.0 ]
schemas_in_repository="$(cd data/schema && ls -- *.schema.json)"
schemas_installed="$(cd "$STAGE/usr/share/logis/schema" 2>/dev/null && ls -- *.schema.json)"
check "every schema is installed" [ "$schemas_installed" = "$schemas_in_repository" ]
check "the soname is liblogis.so.0" \
    grep -q 'SONAME.*\[liblogis\.so\.0\]' <(readelf -d "$LIBDIR/liblogis.so.$VERSION")

export PKG_CONFIG_PATH="$LIBDIR/pkgconfig"
pkg() {
    pkg-config --define-prefix "$@" logis
}
check "logis.pc says prefix=/usr" grep -qx 'prefix=/usr' "$LIBDIR/pkgconfig/logis.pc"
check "pkg-config gives the version logis --version gives" \
    [ "logis $(pkg --modversion)" = "$("$STAGE/usr/bin/logis" --version)" ]

# ---- only the API is exported, all of it ----

nm -D --defined-only "$LIBDIR/liblogis.so.$VERSION" | awk '{print $3}' | sort >"$WORK/exported"
grep -oE '^LOGIS_API [^(]*\(' include/logis.h | grep -oE '[a-z_0-9]+\($' | tr -d '(' | sort \
    >"$WORK/declared"
check "the library exports only logis_* symbols" [ -z "$(grep -v '^logis_' "$WORK/exported")" ]
check "the library exports every function of logis.h" cmp -s "$WORK/exported" "$WORK/declared"

# ---- the example, built with pkg-config against the staged shared library ----

read -ra flags <<<"$(pkg --cflags --libs)"
cc -std=c11 -Wall -Wextra -Werror -o "$WORK/who_goes_where" examples/who_goes_where.c \
    "${flags[@]}"
check "the example builds with pkg-config --cflags --libs logis" [ $? -eq 0 ]
check "the example is linked to liblogis.so.0" \
    grep -q 'NEEDED.*\[liblogis\.so\.0\]' <(readelf -d "$WORK/who_goes_where" 2>/dev/null)
LD_LIBRARY_PATH="$LIBDIR" timeout 300 "$WORK/who_goes_where" "$FAAR" 60 \
    >"$WORK/example.out" 2>"$WORK/example.err"
check "the example runs on the FAAR sample (see $WORK/example.err)" [ $? -eq 0 ]

# The same plan from the installed command: its stays and its summary, timings aside.
timeout 300 "$STAGE/usr/bin/logis" plan "$FAAR" --time-limit 60 -o "$WORK/plan.json" \
    2>"$WORK/plan.summary"
check "the installed logis plans the FAAR sample" [ $? -eq 0 ]
awk -F'"' '/^\t"assignments":/ { inside = 1 } /^\t"unassigned":/ { inside = 0 }
    inside && $2 == "household" { h = $4 } inside && $2 == "dwelling" { d = $4 }
    inside && $2 == "start" { s = $4 }
    inside && $2 == "end" { print h " -> " d " from " s " to " $4 }' "$WORK/plan.json" \
    >"$WORK/plan.stays"
grep ' -> ' "$WORK/example.out" >"$WORK/example.stays"
check "the example prints the stays of the plan" [ -s "$WORK/plan.stays" ]
check "the example prints the same stays as logis plan" \
    cmp -s "$WORK/example.stays" "$WORK/plan.stays"
without_time() {
    grep -v ' -> ' "$1" | sed -E 's/, [0-9.]+ s$//'
}
check "the example prints the plan summary" \
    grep -qE '^[0-9]+ of [0-9]+ persons housed \([0-9]+ of [0-9]+ households\)' "$WORK/example.out"
check "the example's summary is logis plan's" \
    [ "$(without_time "$WORK/example.out")" = "$(without_time "$WORK/plan.summary")" ]

# Statically linked: Libs.private and Requires.private must be enough.
read -ra static_flags <<<"$(pkg --cflags --libs --static | sed 's/-llogis /-l:liblogis.a /')"
cc -std=c11 -o "$WORK/who_goes_where_static" examples/who_goes_where.c "${static_flags[@]}" &&
    "$WORK/who_goes_where_static" data/examples/first-come.json 10 >"$WORK/static.out"
check "the example links statically with pkg-config --static" [ $? -eq 0 ]
check "the static example prints the stays" grep -q ' -> ' "$WORK/static.out"

# The static library keeps only the API global: a program may name its own functions as
# logis's internals are named (date_parse, json_string) and still link.
nm -g --defined-only "$LIBDIR/liblogis.a" | awk 'NF == 3 { print $3 }' >"$WORK/static-globals"
check "liblogis.a defines only logis_* globally: $(grep -v '^logis_' "$WORK/static-globals" |
    head -3 | tr '\n' ' ')" [ -z "$(grep -v '^logis_' "$WORK/static-globals")" ]
cat >"$WORK/clash.c" <<'CLASH'
#include <logis.h>
#include <stdio.h>
int date_parse(const char *text) { return text != NULL; }
const char *json_string(void) { return "mine"; }
int main(void)
{
    printf("%s %d %s\n", logis_version(), date_parse("x"), json_string());
    return 0;
}
CLASH
cc -std=c11 -o "$WORK/clash" "$WORK/clash.c" "${static_flags[@]}" &&
    "$WORK/clash" >"$WORK/clash.out"
check "a program defining date_parse and json_string links with liblogis.a" [ $? -eq 0 ]
check "and calls its own" grep -qx "$("$STAGE/usr/bin/logis" --version | cut -d' ' -f2) 1 mine" \
    "$WORK/clash.out"

# ---- the man page ----

MANWIDTH=80 man -l "$STAGE/usr/share/man/man1/logis.1" >"$WORK/man.txt" 2>&1
check "man -l renders the page" [ -s "$WORK/man.txt" ]
check "the installed page names the installed schemas" \
    grep -q '^\.I /usr/share/logis/schema/$' "$STAGE/usr/share/man/man1/logis.1"
groff -man -ww -z -Tutf8 "$STAGE/usr/share/man/man1/logis.1" >"$WORK/groff.txt" 2>&1
check "groff renders the page without warnings: $(head -3 "$WORK/groff.txt")" \
    [ ! -s "$WORK/groff.txt" ]
commands="$("$STAGE/usr/bin/logis" --help | awk '/^commands:/ { on = 1; next }
    on && /^$/ { exit } on && /^  [a-z]/ { print $1 }')"
check "logis --help lists commands" [ -n "$commands" ]
# The page writes options as \-\-name; every option a usage text names must be there.
options_in_page="$(grep -oE '(\\-)+[a-z]([a-z]|\\-)*' "$STAGE/usr/share/man/man1/logis.1" |
    sed 's/\\//g' | sort -u)"
for command in $commands; do
    check "the man page has a section for logis $command" \
        grep -qE "^\.SS \"?$command( |\"|$)" "$STAGE/usr/share/man/man1/logis.1"
    for option in $("$STAGE/usr/bin/logis" "$command" --help |
        grep -oE -- '(^|[][ (,|])--?[a-z][a-z-]*' | sed -E 's/^[^-]+//' | sort -u); do
        check "the man page explains logis $command $option" grep -qxF -- "$option" \
            <<<"$options_in_page"
    done
done

# ---- uninstall ----

$MAKE --no-print-directory BUILD="$BUILD" uninstall DESTDIR="$STAGE" PREFIX=/usr \
    >"$WORK/uninstall.log" 2>&1
check "make uninstall (see $WORK/uninstall.log)" [ $? -eq 0 ]
left="$(find "$STAGE" -type f -o -type l -o -name '*logis*')"
check "make uninstall leaves nothing behind: $left" [ -z "$left" ]

echo "install: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
