#!/usr/bin/env bash
# The hostile run of the hardening issue, on inputs made fresh from a seed: huge models, wide
# waiting windows, hostile bytes; each limit (time, Ctrl-C, memory, input size) must hold within
# 1 s or within its memory, every plan written must verify, nothing half-written may remain.
# Usage: tests/hostile/run.sh PATH/TO/logis PATH/TO/gen_scenario [SEED]   (not part of make test:
# it takes minutes and measures time; the closing notes quote it)
set -uo pipefail
logis=$(realpath "$1") gen=$(realpath "$2") seed=${3:-$RANDOM}
work=$(mktemp -d "${TMPDIR:-/tmp}/logis-hostile-XXXXXX")
trap 'rm -rf "$work"' EXIT
cd "$work" || exit 2
failures=0 checks=0

fail() { echo "FAIL $*"; failures=$((failures + 1)); }
pass() { echo "ok   $*"; }
check() { checks=$((checks + 1)); if "$@"; then :; fi; }

# Wall seconds and peak resident MiB of a command; its exit code in $status.
measure() {
    local started=$EPOCHREALTIME
    /usr/bin/time -f '%M' -o rss.txt "$@" >out.txt 2>err.txt
    status=$?
    seconds=$(echo "$EPOCHREALTIME - $started" | bc)
    peak_mib=$(($(tail -n 1 rss.txt) / 1024))
}

within() { [ "$(echo "$1 <= $2" | bc)" = 1 ]; }

# A plan file written must pass logis verify against its scenario.
verifies() { [ ! -e "$2" ] || "$logis" verify "$1" "$2" --max-input 1000000000 >/dev/null 2>&1; }

time_limit_holds() { # scenario limit label
    rm -f plan.json
    measure "$logis" plan "$1" --time-limit "$2" -q -o plan.json
    if [ "$status" -ne 0 ] || ! within "$seconds" "$(echo "$2 + 1" | bc)"; then
        fail "$3: --time-limit $2 took $seconds s, exit $status"
    elif ! verifies "$1" plan.json; then
        fail "$3: the plan written under --time-limit $2 does not verify"
    else
        pass "$3: --time-limit $2 held in $seconds s ($peak_mib MiB)"
    fi
}

# A limit shorter than reading and writing the plan take: exit 3 within the limit, said, no plan.
time_limit_refuses() { # scenario limit label
    rm -f plan.json
    measure "$logis" plan "$1" --time-limit "$2" -q -o plan.json
    if [ "$status" -ne 3 ] || ! within "$seconds" "$(echo "$2 + 1" | bc)" || [ -e plan.json ] ||
        ! grep -q "time limit" err.txt; then
        fail "$3: --time-limit $2 took $seconds s, exit $status, plan $(ls plan.json 2>&1)"
    else
        pass "$3: --time-limit $2 refused in $seconds s: $(head -c 90 err.txt)"
    fi
}

interrupt_holds() { # scenario after label
    rm -f plan.json
    # started as a terminal starts a command: a background job of this script would have SIGINT
    # ignored, which logis keeps ignoring (README, "Limits and safety")
    set -m
    "$logis" plan "$1" --time-limit 600 -q -o plan.json >/dev/null 2>err.txt &
    local pid=$! started
    set +m
    sleep "$2"
    started=$EPOCHREALTIME
    kill -INT "$pid"
    wait "$pid"
    status=$?
    seconds=$(echo "$EPOCHREALTIME - $started" | bc)
    if [ "$status" -ne 0 ] || ! within "$seconds" 1; then
        fail "$3: Ctrl-C after $2 s answered in $seconds s, exit $status"
    elif [ ! -e plan.json ] || ! verifies "$1" plan.json; then
        fail "$3: no verified plan after Ctrl-C"
    else
        pass "$3: Ctrl-C after $2 s answered in $seconds s with a verified plan"
    fi
}

memory_limit_holds() { # scenario mib label
    rm -f plan.json
    measure "$logis" plan "$1" --memory-limit "$2" --time-limit 20 -q -o plan.json
    if [ "$peak_mib" -gt "$(($2 + 64))" ]; then # the program itself, libc and GLPK's code
        fail "$3: --memory-limit $2 peaked at $peak_mib MiB"
    elif [ "$status" -ne 0 ] && [ "$status" -ne 3 ]; then
        fail "$3: --memory-limit $2 gave exit $status"
    elif [ "$status" -eq 3 ] && [ -e plan.json ]; then
        fail "$3: refused with exit 3 but left plan.json"
    elif ! verifies "$1" plan.json; then
        fail "$3: the plan written under --memory-limit $2 does not verify"
    else
        pass "$3: --memory-limit $2 held ($peak_mib MiB, exit $status, $seconds s)"
    fi
}

input_limit_holds() { # file label
    measure "$logis" check "$1" --max-input 100000
    if [ "$status" -ne 2 ] || ! within "$seconds" 1 || ! grep -q "input limit" err.txt; then
        fail "$2: --max-input gave exit $status in $seconds s"
    else
        pass "$2: --max-input refused it in $seconds s"
    fi
}

hostile_bytes_refused() { # label bytes
    mkdir -p bytes && cd bytes || return
    printf '{"horizon": {"start": "2027-01-01", "end": "2028-01-01"}, "territories": [{"id": "T"}],'\
' "dwellings": [{"id": "D", "territory": "T", "places": 2}], "households": [{"id": "%b",'\
' "size": 1, "arrival": "2027-01-01"}]}' "$2" >s.json
    measure "$logis" plan s.json -q -o p.json
    if [ "$status" -ne 2 ] || [ -e p.json ] || grep -q $'\e' err.txt; then
        fail "$1: exit $status, plan left: $([ -e p.json ] && echo yes || echo no)"
    else
        pass "$1: refused (exit 2), message clean"
    fi
    cd ..
}

# A million households for ten dwellings: reading them takes seconds, and listing who is left
# out and writing the plan more, which the search must leave them (or refuse, if the limit
# leaves less).
many_households() { # seed folder
    mkdir -p "$2" && python3 - "$1" "$2/scenario.json" <<'PY'
import json, random, sys
r = random.Random(int(sys.argv[1]))
households = [{"id": "H%07d" % i, "size": r.randint(1, 8),
               "arrival": "2027-%02d-%02d" % (r.randint(1, 12), r.randint(1, 28))}
              for i in range(1000000)]
json.dump({"horizon": {"start": "2027-01-01", "end": "2028-01-01"}, "territories": [{"id": "T"}],
           "dwellings": [{"id": "D%d" % i, "territory": "T", "places": 8} for i in range(10)],
           "households": households}, open(sys.argv[2], "w"))
PY
}

echo "hostile run, seed $seed"
"$gen" --seed "$seed" --scale 2 --max-wait 365 --step 1 wide >/dev/null
"$gen" --seed "$seed" --scale 5 --max-wait 28 --step 1 --turnover 7 wait28 >/dev/null
"$gen" --seed "$seed" --scale 5 --years 3 years3 >/dev/null
"$gen" --seed "$seed" --scale 20 x20 >/dev/null
many_households "$seed" many
check time_limit_holds wide/scenario.json 2 "x2, 365-day wait, 1-day step"
check time_limit_holds wait28/scenario.json 3 "x5, 28-day wait, 1-day step"
check time_limit_holds years3/scenario.json 3 "x5 over three years"
check time_limit_holds x20/scenario.json 5 "x20"
check time_limit_refuses many/scenario.json 3 "1,000,000 households"
check time_limit_holds many/scenario.json 10 "1,000,000 households"
check interrupt_holds wide/scenario.json 2 "x2, 365-day wait, 1-day step"
check interrupt_holds x20/scenario.json 3 "x20"
check memory_limit_holds wide/scenario.json 300 "x2, 365-day wait, 1-day step"
check memory_limit_holds wait28/scenario.json 500 "x5, 28-day wait, 1-day step"
check input_limit_holds x20/scenario.json "x20 scenario over 100 kB"
check hostile_bytes_refused "an id with ESC" 'A\x1b[2JB'
check hostile_bytes_refused "an id with U+202E" 'A\xe2\x80\xaeB'
check hostile_bytes_refused "an id with a stray byte" 'A\xffB'
check hostile_bytes_refused "an id with a surrogate" 'A\xed\xa0\x80B'
echo "hostile: $checks checks, $failures failed (seed $seed)"
[ "$failures" -eq 0 ]
