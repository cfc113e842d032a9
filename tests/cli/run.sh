#!/usr/bin/env bash
# The CLI cases: runs each case of tests/cli/cases/ in a fresh temporary folder and checks its
# exit code, stdout/stderr fragments and files. Usage: tests/cli/run.sh PATH/TO/logis
# With VALGRIND=1 in the environment every run of logis (setup and after scripts included) goes
# through valgrind, and any invalid access or definite/indirect leak fails the case.
#
# A case is a folder tests/cli/cases/NAME/ holding:
#   args            the arguments of one logis run, one per line; @ROOT@ is the repository root
#   exit            the expected exit code (default 0)
#   uses            optional: files of tests/cli/inputs/ to copy into the run's folder, one a line
#   input/          optional: files copied into the run's folder
#   setup, after    optional bash run in the run's folder before and after logis (they must exit
#                   0); LOGIS, ROOT, STDOUT and STDERR are set for them (setup always gets the
#                   real logis, after the one under valgrind with VALGRIND=1)
#   stdout.has, stderr.has          fixed strings, one a line, that must each appear
#   stdout.lacks, stderr.lacks      fixed strings that must not appear
#   stdout.matches, stderr.matches  extended regular expressions that must each match a line
#   stdout.empty, stderr.empty      present: that stream must be empty
#   files.exist, files.absent       paths, relative to the run's folder, that must (not) exist
#   valgrind.skip   present: skipped under VALGRIND=1; it says why (too slow there, say)
#   needs           optional: commands the case runs besides logis, one a line; a case whose
#                   command is missing is skipped, saying so (tools/deps installs them; with
#                   CI=true a missing command fails the case instead)
set -u

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
    echo "usage: tests/cli/run.sh PATH/TO/logis" >&2
    exit 2
fi
LOGIS="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
TIMEOUT=300
REAL_LOGIS=$LOGIS
export LOGIS ROOT

SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/logis-cli-XXXXXX")" || exit 2
trap 'rm -rf "$SCRATCH"' EXIT

# Under VALGRIND=1, LOGIS becomes a wrapper that runs the real logis in valgrind; its reports go
# to one log per process (stderr stays logis's own), checked after each case.
if [ "${VALGRIND:-0}" = 1 ]; then
    if ! command -v valgrind >/dev/null; then
        echo "VALGRIND=1 but valgrind is not installed" >&2
        exit 2
    fi
    mkdir -p "$SCRATCH/valgrind"
    cat >"$SCRATCH/logis-valgrind" <<EOF
#!/bin/sh
exec valgrind -q --error-exitcode=99 --leak-check=full \\
    --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect \\
    --log-file="$SCRATCH/valgrind/%p.log" "$LOGIS" "\$@"
EOF
    chmod +x "$SCRATCH/logis-valgrind"
    LOGIS="$SCRATCH/logis-valgrind"
    TIMEOUT=600
fi

problems=()

note() {
    problems+=("$1")
}

# Every line of the file, skipping blank ones.
each_line() {
    [ -f "$1" ] || return 0
    grep -v '^[[:space:]]*$' "$1"
}

check_stream() {
    local case_dir=$1 name=$2 output=$3 line
    while IFS= read -r line; do
        grep -qF -- "$line" "$output" || note "$name lacks: $line"
    done < <(each_line "$case_dir/$name.has")
    while IFS= read -r line; do
        ! grep -qF -- "$line" "$output" || note "$name has: $line"
    done < <(each_line "$case_dir/$name.lacks")
    while IFS= read -r line; do
        grep -qE -- "$line" "$output" || note "$name matches no line: $line"
    done < <(each_line "$case_dir/$name.matches")
    if [ -f "$case_dir/$name.empty" ] && [ -s "$output" ]; then
        note "$name is not empty: $(head -c 200 "$output" | tr '\n' ' ')"
    fi
}

check_files() {
    local case_dir=$1 work=$2 path
    while IFS= read -r path; do
        [ -e "$work/$path" ] || note "file missing: $path"
    done < <(each_line "$case_dir/files.exist")
    while IFS= read -r path; do
        [ ! -e "$work/$path" ] || note "file left behind: $path"
    done < <(each_line "$case_dir/files.absent")
}

# Copies the case's inputs into the run's folder.
prepare() {
    local case_dir=$1 work=$2 file
    mkdir -p "$work"
    while IFS= read -r file; do
        cp "$HERE/inputs/$file" "$work/" || note "no input $file"
    done < <(each_line "$case_dir/uses")
    if [ -d "$case_dir/input" ]; then
        cp -R "$case_dir/input/." "$work/"
    fi
}

# Runs a case's setup or after script in the run's folder. When it fails, the last lines its
# commands printed (not bash's trace) say why.
run_script() {
    local case_dir=$1 work=$2 script=$3 out=$4 line
    [ -f "$case_dir/$script" ] || return 0
    (cd "$work" && STDOUT="$out/stdout" STDERR="$out/stderr" \
        bash -eux "$case_dir/$script") >"$out/$script.log" 2>&1 && return 0
    note "$script failed at: $(grep '^+' "$out/$script.log" | tail -n 1)"
    while IFS= read -r line; do
        note "$script: $line"
    done < <(grep -v '^+' "$out/$script.log" | tail -n 12)
}

run_case() {
    local case_dir=$1 work=$2 out=$3 args=() expected=0 code
    prepare "$case_dir" "$work"
    : >"$out/stdout"
    : >"$out/stderr"
    LOGIS="$REAL_LOGIS" run_script "$case_dir" "$work" setup "$out"
    [ ${#problems[@]} -eq 0 ] || return 0
    mapfile -t args < <(each_line "$case_dir/args" | sed "s|@ROOT@|$ROOT|g")
    [ -f "$case_dir/exit" ] && expected=$(tr -d '[:space:]' <"$case_dir/exit")
    (cd "$work" && exec timeout "$TIMEOUT" "$LOGIS" "${args[@]}") >"$out/stdout" 2>"$out/stderr"
    code=$?
    [ "$code" = "$expected" ] || note "exit $code, expected $expected"
    check_stream "$case_dir" stdout "$out/stdout"
    check_stream "$case_dir" stderr "$out/stderr"
    check_files "$case_dir" "$work"
    run_script "$case_dir" "$work" after "$out"
    check_valgrind
}

# Under VALGRIND=1: every report valgrind wrote during the case fails it.
check_valgrind() {
    local log line
    [ "${VALGRIND:-0}" = 1 ] || return 0
    for log in "$SCRATCH"/valgrind/*.log; do
        [ -e "$log" ] || continue
        while IFS= read -r line; do
            note "valgrind: $line"
        done < <(grep -vE '^==[0-9]+== *$' "$log" | head -n 12)
        rm -f "$log"
    done
}

# The first command a case needs that is not on PATH, if any.
missing_command() {
    local command
    while IFS= read -r command; do
        command -v "$command" >/dev/null || { echo "$command"; return 0; }
    done < <(each_line "$1/needs")
}

# CLI_SHARD=I/N runs every N-th case from the I-th (counting from 0): make test-valgrind runs two
# shards at once, one a core.
shard=${CLI_SHARD:-0/1}
shard_index=${shard%/*} shard_count=${shard#*/}
position=-1
total=0
failed=0
skipped=0
for case_dir in "$HERE"/cases/*/; do
    case_dir=${case_dir%/}
    name=$(basename "$case_dir")
    position=$((position + 1))
    [ $((position % shard_count)) -eq "$shard_index" ] || continue
    if [ "${VALGRIND:-0}" = 1 ] && [ -f "$case_dir/valgrind.skip" ]; then
        echo "skip $name: $(head -n 1 "$case_dir/valgrind.skip")"
        continue
    fi
    absent=$(missing_command "$case_dir")
    if [ -n "$absent" ] && [ "${CI:-}" != true ]; then
        echo "skip $name: needs $absent, which tools/deps could not install"
        skipped=$((skipped + 1))
        continue
    fi
    total=$((total + 1))
    problems=()
    mkdir -p "$SCRATCH/$name/out"
    run_case "$case_dir" "$SCRATCH/$name/work" "$SCRATCH/$name/out"
    if [ ${#problems[@]} -eq 0 ]; then
        echo "ok   $name"
    else
        failed=$((failed + 1))
        echo "FAIL $name"
        for problem in "${problems[@]}"; do
            echo "     $problem"
        done
        sed 's/^/     stderr: /' "$SCRATCH/$name/out/stderr" | head -n 8
    fi
done

echo "cli: $total cases, $((total - failed)) passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] || exit 1
[ "$total" -gt 0 ] || exit 1
exit 0
