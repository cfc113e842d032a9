#!/usr/bin/env bash
# bench/replay.sh: the replay part of `make bench`. For each case, generates the year (seed 1)
# and a forecast (the generator's list for the same settings, seed 2), runs `logis replay`
# (lead 21, step 7, notice 0, 10 s a plan: the default) with and without the forecast in the
# same run, checks the year as lived with `logis verify`, and writes bench/results/replay.md and
# replay.json.
#
# usage: bench/replay.sh LOGIS GENERATOR      (normally through `make bench`)
#   BENCH_REPLAY_CASES="x1 x5"   cases to run (default: all, see CASES below)
#   BENCH_REPLAY_LEADS=7,21      leads (default 21; x1 also runs lead 7)
set -Eeuo pipefail
trap 'echo "bench-replay: stopped at line $LINENO: $BASH_COMMAND" >&2' ERR

CASES=(x1 x1-caseload x1-demand x5)
declare -A CASE_ARGS=([x1]="" [x1-caseload]="--caseload 0.7" [x1-demand]="--demand 1.5"
                      [x5]="--scale 5")
declare -A CASE_LEADS=([x1]="7,21" [x1-caseload]="21" [x1-demand]="21" [x5]="21")

die() { echo "bench-replay: $*" >&2; exit 2; }

(($# == 2)) || die "usage: bench/replay.sh LOGIS GENERATOR"
LOGIS=$(realpath "$1") GENERATOR=$(realpath "$2")
command -v python3 >/dev/null || die "python3 is required (to write the report)"
RESULTS="$(cd "$(dirname "$0")" && pwd)/results"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/logis-bench-replay.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$RESULTS"
selected=(${BENCH_REPLAY_CASES:-${CASES[*]}})

for name in "${selected[@]}"; do
    [[ -v CASE_ARGS[$name] ]] || die "unknown case '$name' (known: ${CASES[*]})"
    dir="$WORK/$name"
    read -ra args <<<"${CASE_ARGS[$name]}"
    "$GENERATOR" --seed 1 "${args[@]}" "$dir" >/dev/null
    "$GENERATOR" --seed 2 "${args[@]}" "$WORK/$name-forecast" >/dev/null
    cp "$WORK/$name-forecast/households.json" "$dir/forecast.json"
    leads=${BENCH_REPLAY_LEADS:-${CASE_LEADS[$name]}}
    echo "bench-replay: $name, leads $leads ..." >&2
    start=$(date +%s.%N)
    "$LOGIS" replay "$dir/scenario.json" --lead "$leads" --step 7 --notice 0 \
        --forecast "$dir/forecast.json" --time-limit 10 -q -o "$dir/replay.json" >"$dir/table.txt"
    end=$(date +%s.%N)
    if "$LOGIS" verify "$dir/scenario.json" "$dir/replay.plan.json" >"$dir/verify.txt" 2>&1; then
        verify=passes
    else
        verify="FAILS: $(head -n 1 "$dir/verify.txt")"
    fi
    python3 - "$dir/replay.json" "$name" "$verify" "$(echo "$end - $start" | bc)" \
        >>"$WORK/rows.jsonl" <<'PY'
import json, sys
path, name, verify, seconds = sys.argv[1:]
doc = json.load(open(path))
print(json.dumps({"case": name, "verify": verify, "wall_seconds": float(seconds), **doc}))
PY
    cat "$dir/table.txt" >&2
done

python3 - "$WORK/rows.jsonl" "$RESULTS/replay.md" "$RESULTS/replay.json" "$("$LOGIS" --version)" \
    <<'PY'
import json, sys, datetime
rows_path, md_path, json_path, version = sys.argv[1:]
rows = [json.loads(line) for line in open(rows_path)]
md = ["# Replay benchmark", "",
      "`make bench` (bench/replay.sh), %s, %s: each year lived week by week (step 7, notice 0, "
      "10 s a plan), "
      "with the forecast (the generator's list for the same settings, seed 2) and without, in the "
      "same run; ratio = weighted persons housed online / in hindsight." %
      (datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M UTC"), version), "",
      "| case | lead | hindsight | first come | online, no forecast | online, forecast | "
      "re-plans | seconds, no forecast | seconds, forecast | year as lived |",
      "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"]
for r in rows:
    by = {}
    for run in r["runs"]:
        by.setdefault(run["lead_days"], {})[run["forecast"]] = run
    for lead in sorted(by):
        off, on = by[lead].get(False), by[lead].get(True)
        cell = lambda x: "%d (%.3f)" % (x["weighted_persons_housed"], x["ratio"]) if x else "n/a"
        md.append("| %s | %d | %d | %d (%.3f) | %s | %s | %s | %s | %s | %s |" % (
            r["case"], lead, r["hindsight"]["weighted_persons_housed"],
            r["first_come"]["weighted_persons_housed"], r["first_come"]["ratio"], cell(off),
            cell(on), (on or off)["replans"], "%.1f" % off["seconds"] if off else "n/a",
            "%.1f" % on["seconds"] if on else "n/a", r["verify"]))
open(md_path, "w").write("\n".join(md) + "\n")
json.dump(rows, open(json_path, "w"), indent=2)
PY
echo "bench-replay: wrote $RESULTS/replay.md and replay.json" >&2
