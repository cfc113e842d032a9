#!/bin/bash
# Self-test of the matching test tools: check_rules.py must accept the good plans and reject
# every hand-broken one; generators deterministic; converter, reference and checker agree.
# Usage: tests/matching/selftest.sh   (LOGIS=build/logis also runs the logis cross-check)
set -u
here=$(cd "$(dirname "$0")" && pwd)
py=${PYTHON:-python3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
pass() { echo "ok:   $*"; }

# A plan must be accepted (exit 0) or rejected (exit 1) naming the expected rule label.
expect_ok() {
    if "$py" "$here/check_rules.py" "$1" "$2" > "$work/out" 2>&1; then pass "accepts $2"
    else fail "rejects $2"; cat "$work/out"; fi
}
expect_broken() {
    "$py" "$here/check_rules.py" "$1" "$2" > "$work/out" 2>&1
    local rc=$?
    if [ $rc -eq 1 ] && grep -q "^$3: " "$work/out"; then pass "rejects $(basename "$2"): $3"
    else fail "$(basename "$2"): exit $rc, expected exit 1 and '$3'"; cat "$work/out"; fi
}

cases=$here/cases
expect_ok "$cases/tiny.json" "$cases/tiny-ok.plan.json"
for plan in "$cases"/broken-*.plan.json; do
    name=$(basename "$plan" .plan.json); name=${name#broken-}; name=${name%%-*}
    case $name in rule*) label="rule ${name#rule}" ;; *) label=$name ;; esac
    expect_broken "$cases/tiny.json" "$plan" "$label"
done

# Generators: same seed, same files.
for n in 1 2; do
    "$py" "$here/gen_matching.py" --seed 5 --links 4 --quotas --scores --collective \
        "$work/gen$n" 2> /dev/null
    "$py" "$here/gen_hias_like.py" --seed 5 --cases 40 --affiliates 5 "$work/hias$n"
done
if diff -r "$work/gen1" "$work/gen2" > /dev/null && diff -r "$work/hias1" "$work/hias2" > /dev/null
then pass "generators are deterministic"; else fail "generators differ on one seed"; fi

# Generated scenarios with every feature: the first-fit plan keeps rules 1-9.
for seed in 1 2 3 4 5 6; do
    dir=$work/seed$seed
    "$py" "$here/gen_matching.py" --seed "$seed" --links 6 --quotas --scores --collective \
        "$dir" 2> /dev/null
    "$py" "$here/first_fit.py" "$dir/scenario.json" -o "$dir/plan.json" 2> /dev/null
    expect_ok "$dir/scenario.json" "$dir/plan.json"
done

# The committed HIAS-shaped sample converts to the committed scenario.
sample=$here/data/hias-sample
"$py" "$here/hias_convert.py" --dir "$sample" "$work/sample.json" 2> /dev/null
if cmp -s "$work/sample.json" "$sample/scenario.json"; then pass "hias_convert: sample"
else fail "hias_convert: the sample converts to another scenario"; fi

# Edge cases of the converter: NA, no compatible affiliate, a capacity split into sites,
# an arrival column.
edge=$work/edge; mkdir -p "$edge"
printf 'case,size,arrival\nK1,3,2027-02-01\nK2,1,\nK3,2,2027-12-31\n' > "$edge/cases.csv"
printf 'case_id,BIG,SMALL\nK1,1,NA\nK2,0,0\nK3,1,1\n' > "$edge/compatibility.csv"
printf 'case_id,BIG,SMALL\nK1,0.5,NA\nK2,0.1,0.2\nK3,,0.3\n' > "$edge/employment.csv"
printf 'affiliate,capacity\nBIG,2500\nSMALL,2\n' > "$edge/capacity.csv"
"$py" "$here/hias_convert.py" --dir "$edge" "$edge/scenario.json" 2> /dev/null
"$py" - "$edge/scenario.json" > "$work/out" 2>&1 <<'EOF' && pass "hias_convert: edge cases" \
    || { fail "hias_convert: edge cases"; cat "$work/out"; }
import json, sys
s = json.load(open(sys.argv[1]))
sites = {d["id"]: d["places"] for d in s["dwellings"]}
assert sites == {"BIG-site1": 834, "BIG-site2": 833, "BIG-site3": 833, "SMALL-site": 2}, sites
h = {x["id"]: x for x in s["households"]}
assert h["K1"]["territories"] == ["BIG"] and h["K1"]["scores"] == {"BIG": 0.5}
assert h["K2"]["territories"] == ["no-compatible-affiliate"] and h["K2"]["arrival"] == "2027-01-01"
assert h["K3"]["scores"] == {"SMALL": 0.3} and h["K3"]["arrival"] == "2027-12-31"
assert all(x["may_share"] for x in h.values()) and s["objective"] == ["persons", "score"]
EOF

# The reference optimum: both models (and both backends when pulp imports) find the expected
# values, and their plans pass the checker.
reference_matches() {  # SCENARIO PERSONS SCORE MODEL BACKEND
    "$py" "$here/reference.py" "$1" --model "$4" --backend "$5" --plan "$work/ref.plan.json" \
        > "$work/ref.json" || { fail "reference.py on $1 ($4, $5)"; return; }
    expect_ok "$1" "$work/ref.plan.json"
    if "$py" -c 'import json, sys; r = json.load(open(sys.argv[1]))
sys.exit(not (r["persons"] == int(sys.argv[2]) and abs(r["score"] - float(sys.argv[3])) < 1e-6))' \
        "$work/ref.json" "$2" "$3"
    then pass "reference ($4, $5): persons $2, score $3"
    else fail "reference ($4, $5) on $1: $(cat "$work/ref.json"), expected $2, $3"; fi
}
if ! command -v cbc > /dev/null; then
    echo "SKIP: reference.py (no cbc: apt-get install coinor-cbc)"
else
    read -r persons score < <("$py" -c 'import json, sys; e = json.load(open(sys.argv[1]))
print(e["persons"], e["score"])' "$sample/expected.json")
    backends="lp"; "$py" -c "import pulp" 2> /dev/null && backends="lp pulp"
    for model in pairs classes; do
        for backend in $backends; do
            reference_matches "$sample/scenario.json" "$persons" "$score" "$model" "$backend"
            # K1 (3) in BIG, K3 (2) in SMALL for its score 0.3; K2 has no affiliate.
            reference_matches "$edge/scenario.json" 5 0.8 "$model" "$backend"
        done
    done
fi

# Against logis itself (rules 1-7), when a logis program is given.
if [ -n "${LOGIS:-}" ]; then
    "$py" "$here/crosscheck_logis.py" --logis "$LOGIS" --seeds 6 --mutations 30 \
        && pass "check_rules.py agrees with logis verify" \
        || fail "check_rules.py and logis verify disagree"
fi

echo "$failures failures"
[ "$failures" -eq 0 ]
