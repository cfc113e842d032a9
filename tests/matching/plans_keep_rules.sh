#!/bin/bash
# The matching differential test run by `make test`: logis plans scenarios it has never seen
# (tests/matching/gen_matching.py: scores, quotas, links, collective sites) and the independent
# checker (check_rules.py, written from the README and issue 15 only) must accept every plan;
# logis verify must reject each hand-broken plan of cases/ as the checker does.
# Usage: tests/matching/plans_keep_rules.sh PATH/TO/logis
set -u
if [ $# -ne 1 ] || [ ! -x "$1" ]; then
    echo "usage: tests/matching/plans_keep_rules.sh PATH/TO/logis" >&2
    exit 2
fi
logis=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

for seed in 1 2 3 4; do
    out=$work/s$seed
    python3 "$here/gen_matching.py" --seed "$seed" --households 150 --links 6 --quotas --scores \
        --collective "$out" >/dev/null 2>&1 || { fail "seed $seed: the generator failed"; continue; }
    if ! "$logis" plan "$out/scenario.json" -o "$out/plan.json" -q --time-limit 10 2>"$work/err"
    then
        fail "seed $seed: logis plan failed"; cat "$work/err"; continue
    fi
    if python3 "$here/check_rules.py" "$out/scenario.json" "$out/plan.json" >"$work/check" 2>&1; then
        echo "ok   seed $seed: $(tail -n 1 "$work/check")"
    else
        fail "seed $seed: the independent checker rejects logis's plan"; cat "$work/check"
    fi
done
for plan in "$here"/cases/broken-*.plan.json; do
    if "$logis" verify "$here/cases/tiny.json" "$plan" >/dev/null 2>&1; then
        fail "logis verify accepts $(basename "$plan")"
    fi
done
"$logis" verify "$here/cases/tiny.json" "$here/cases/tiny-ok.plan.json" >/dev/null 2>&1 ||
    fail "logis verify rejects tiny-ok.plan.json"
echo "matching: $failures failed"
[ "$failures" -eq 0 ]
