#!/bin/bash
# The matching differential test run by `make test`: logis plans scenarios it has never seen
# (tests/matching/gen_matching.py: scores, quotas, links, collective sites) and the independent
# checker (check_rules.py, written from the README and issue 15 only) must accept every plan;
# logis verify must reject each hand-broken plan of cases/ as the checker does; on the
# HIAS-shaped sample, logis must reach the optima an independent CBC model proved
# (data/hias-sample/expected.json: persons, then the score with persons held).
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
sample=$here/data/hias-sample
if "$logis" plan "$sample/scenario.json" -o "$work/hias.json" -q --time-limit 30 2>"$work/err" &&
    python3 - "$sample/expected.json" "$work/hias.json" <<'PY'
import json, sys
expected, plan = (json.load(open(path)) for path in sys.argv[1:3])
got = plan["objective"]
ok = (plan["status"] == "optimal" and got["weighted_persons_housed"] == expected["persons"]
      and abs(got["score"] - expected["score"]) <= 1e-4)
print(f"hias sample: {plan['status']}, persons {got['weighted_persons_housed']}, score "
      f"{got['score']} (reference {expected['persons']}, {expected['score']})")
sys.exit(0 if ok else 1)
PY
then
    echo "ok   the HIAS-shaped sample reaches the reference optima"
else
    fail "the HIAS-shaped sample does not reach the reference optima"; cat "$work/err"
fi
for plan in "$here"/cases/broken-*.plan.json; do
    if "$logis" verify "$here/cases/tiny.json" "$plan" >/dev/null 2>&1; then
        fail "logis verify accepts $(basename "$plan")"
    fi
done
"$logis" verify "$here/cases/tiny.json" "$here/cases/tiny-ok.plan.json" >/dev/null 2>&1 ||
    fail "logis verify rejects tiny-ok.plan.json"
echo "matching: $failures failed"
[ "$failures" -eq 0 ]
