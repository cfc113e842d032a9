#!/usr/bin/env bash
# bench/run.sh: the `make bench` suite. Generates seeded FAAR-like scenarios, times `logis plan`
# on each (and CBC on logis's exported model), and writes bench/results/latest.md and latest.json.
#
# usage: bench/run.sh LOGIS GENERATOR      (normally through `make bench`)
#   BENCH_CASES="x1 x5"   cases to run, in suite order (default: all of them, see CASES below)
#   BENCH_RUNS=3          timed `logis plan` runs per case; the median wall time is reported
#   BENCH_TIME_LIMIT=S    --time-limit for every case (default 60 s, 120 s for x20)
# CBC (`cbc` on PATH, Debian coinor-cbc) solves the level-1 model logis writes with --write-lp,
# BENCH_RUNS times, but once for x10 and x20, whose runs take minutes. Every process runs under a
# guard of twice its time limit plus 60 s, so that a hung solver cannot stall the suite.
set -Eeuo pipefail
trap 'echo "bench: stopped at line $LINENO: $BASH_COMMAND" >&2' ERR

CASES=(x1 x2 x5 x10 x20 x1-wait x1-caseload x1-demand)
declare -A CASE_ARGS=(
    [x1]="" [x2]="--scale 2" [x5]="--scale 5" [x10]="--scale 10" [x20]="--scale 20"
    [x1-wait]="--max-wait 28 --step 7 --turnover 7"
    [x1-caseload]="--caseload 0.7"
    [x1-demand]="--demand 1.5"
)
SEED=1

die() { echo "bench: $*" >&2; exit 2; }
say() { echo "$*" >&2; }

# ---------------------------------------------------------------- setup

check_tools() {
    [[ -x $LOGIS ]] || die "logis not found or not executable: $LOGIS"
    [[ -x $GENERATOR ]] || die "generator not found or not executable: $GENERATOR"
    python3 -c 'import json' 2>/dev/null || die "python3 is required (to read plans and write the report)"
    if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%e %M' -o /dev/null true 2>/dev/null; then
        GNU_TIME=1
    else
        GNU_TIME=0
        say "bench: GNU time (/usr/bin/time) is missing: wall times from bash's time, peak memory n/a"
    fi
    if command -v cbc >/dev/null; then HAVE_CBC=1; else
        HAVE_CBC=0
        say "bench: cbc is not on PATH (Debian coinor-cbc): CBC columns will say n/a"
    fi
    command -v timeout >/dev/null && HAVE_TIMEOUT=1 || HAVE_TIMEOUT=0
}

select_cases() {  # fills SELECTED from BENCH_CASES, kept in suite order
    local wanted=" ${BENCH_CASES:-${CASES[*]}} " name
    for name in $wanted; do
        [[ -v CASE_ARGS[$name] ]] || die "unknown case '$name' in BENCH_CASES (known: ${CASES[*]})"
    done
    SELECTED=()
    for name in "${CASES[@]}"; do
        if [[ $wanted == *" $name "* ]]; then SELECTED+=("$name"); fi
    done
    ((${#SELECTED[@]} > 0)) || die "BENCH_CASES selects no case"
}

time_limit() {  # time_limit CASE
    if [[ -n ${BENCH_TIME_LIMIT:-} ]]; then echo "$BENCH_TIME_LIMIT"
    elif [[ $1 == x20 ]]; then echo 120
    else echo 60; fi
}

# ---------------------------------------------------------------- running and measuring

guarded() {  # guarded SECONDS CMD...: CMD, killed (with its children) if it outlives SECONDS
    local seconds=$1; shift
    if ((HAVE_TIMEOUT)); then timeout --kill-after=10 "$seconds" "$@"; else "$@"; fi
}

# run_timed TIMEFILE LOG GUARD CMD...: runs CMD, its output appended to LOG; writes "seconds KiB"
# (KiB "n/a" without GNU time) to TIMEFILE; returns CMD's status (124 when the guard stopped it).
run_timed() {
    local timefile=$1 log=$2 limit=$3 rc=0; shift 3
    : >"$timefile"
    if ((GNU_TIME)); then
        guarded "$limit" /usr/bin/time -f '%e %M' -o "$timefile" "$@" >>"$log" 2>&1 || rc=$?
    else
        local TIMEFORMAT='%R n/a'
        { time guarded "$limit" "$@" >>"$log" 2>&1 || rc=$?; } 2>"$timefile"
    fi
    # GNU time puts "Command exited with non-zero status N" first; keep the figures.
    local last; last=$(tail -n 1 "$timefile")
    [[ $last =~ ^[0-9.]+\ ([0-9]+|n/a)$ ]] || last="$limit n/a"
    echo "$last" >"$timefile"
    return $rc
}

median() { tr ' ' '\n' | sort -g | awk '{v[NR]=$1} END {m=int((NR+1)/2); print (NR%2 ? v[m] : (v[m]+v[m+1])/2)}'; }
max_or_na() { tr ' ' '\n' | awk '$1!="n/a" {if (!n++ || $1>m) m=$1} END {print n ? m : "n/a"}'; }

json_get() {  # json_get FILE KEY.PATH...: the values, tab-separated, "null" when absent
    python3 - "$@" <<'EOF'
import json, sys
try:
    with open(sys.argv[1]) as f:
        doc = json.load(f)
except Exception:
    doc = {}
values = []
for key in sys.argv[2:]:
    v = doc
    for part in key.split("."):
        v = v.get(part) if isinstance(v, dict) else None
    values.append("null" if v is None else str(v))
print("\t".join(values))
EOF
}

count_scenario() {  # count_scenario SCENARIO: "households dwellings", following file references
    python3 - "$1" <<'EOF'
import json, os, sys
path = sys.argv[1]
with open(path) as f:
    scenario = json.load(f)
def items(member):
    v = scenario.get(member, [])
    if isinstance(v, str):
        with open(os.path.join(os.path.dirname(path), v)) as f:
            v = json.load(f)
    return len(v)
print(items("households"), items("dwellings"))
EOF
}

record() {  # record KEY VALUE: one figure of the current case
    printf '%s\t%s\t%s\n' "$CASE" "$1" "${2//[$'\t\n']/ }" >>"$RECORDS"
}

# ---------------------------------------------------------------- one case, step by step

run_logis() {  # RUNS timed plans; records seconds, peak memory and the last plan's figures
    local dir=$1 limit=$2 run rc seconds kib times=() peaks=() failure=""
    for ((run = 1; run <= RUNS; run++)); do
        rm -f "$dir/plan.json"
        rc=0
        run_timed "$dir/time" "$dir/logis.log" $((2 * limit + 60)) \
            "$LOGIS" plan "$dir/scenario.json" -o "$dir/plan.json" -q --time-limit "$limit" || rc=$?
        read -r seconds kib <"$dir/time"
        times+=("$seconds"); peaks+=("$kib")
        if ((rc != 0)); then
            if ((rc == 124)); then failure="stopped by the guard after $seconds s"
            else failure="error (exit $rc)"; fi
            say "  logis plan failed on run $run: $failure; $(tail -n 3 "$dir/logis.log" | tr '\n' ' ')"
            break
        fi
    done
    LOGIS_SECONDS=$(echo "${times[*]}" | median) LOGIS_RUNS=${#times[@]}
    record seconds_median "$LOGIS_SECONDS"
    record seconds_runs "${times[*]}"
    record peak_kib "$(echo "${peaks[*]}" | max_or_na)"
    local status weighted bound gap rows columns version
    IFS=$'\t' read -r status weighted bound gap rows columns version < <(json_get "$dir/plan.json" \
        status objective.weighted_persons_housed objective.bound objective.gap \
        solver.rows solver.columns solver.version)
    if [[ -n $failure ]]; then status=$failure; fi
    record status "$status"
    record weighted_persons_housed "$weighted"
    record bound "$bound"
    record gap "$gap"
    record rows "$rows"
    record columns "$columns"
    record glpk_version "$version"
    LOGIS_STATUS=$status LOGIS_WEIGHTED=$weighted
    [[ -z $failure ]]
}

run_verify() {
    local dir=$1 rc=0 verdict
    "$LOGIS" verify "$dir/scenario.json" "$dir/plan.json" >"$dir/verify.log" 2>&1 || rc=$?
    case $rc in
        0) verdict=ok ;;
        1) verdict=FAILED; say "  verify: $(head -n 5 "$dir/verify.log" | tr '\n' ' ')" ;;
        *) verdict="error (exit $rc)" ;;
    esac
    record verify "$verdict"
    VERIFY=$verdict
}

run_first_fit() {
    local dir=$1 rc=0 value="null"
    guarded 600 "$LOGIS" plan "$dir/scenario.json" --first-fit -o "$dir/ff.json" -q \
        >"$dir/ff.log" 2>&1 || rc=$?
    if ((rc == 0)); then
        value=$(json_get "$dir/ff.json" objective.weighted_persons_housed)
    else
        say "  logis plan --first-fit failed (exit $rc)"
    fi
    record first_fit "$value"
}

cbc_result() {  # cbc_result LOG: "objective<TAB>result line"
    awk '/^Result - / {sub(/^Result - /, ""); result=$0}
         /^Objective value:/ {objective=$3}
         END {printf "%s\t%s\n", (objective == "" ? "null" : objective), (result == "" ? "null" : result)}' "$1"
}

run_cbc() {
    local dir=$1 limit=$2 runs=$RUNS run rc=0 seconds times=()
    if [[ $CASE == x10 || $CASE == x20 ]]; then runs=1; fi
    if ! ((HAVE_CBC)); then record cbc_result "n/a (cbc not installed)"; CBC_SECONDS=n/a; return; fi
    guarded $((2 * limit + 60)) "$LOGIS" plan "$dir/scenario.json" --write-lp "$dir/model.lp" \
        --time-limit "$limit" -q -o "$dir/lp-plan.json" >"$dir/export.log" 2>&1 || rc=$?
    if [[ ! -s $dir/model.lp ]]; then
        say "  logis --write-lp wrote no model (exit $rc): no CBC run"
        record cbc_result "n/a (no model exported)"; CBC_SECONDS=n/a; return
    fi
    for ((run = 1; run <= runs; run++)); do
        rc=0
        : >"$dir/cbc.log"
        run_timed "$dir/time" "$dir/cbc.log" $((2 * limit + 60)) \
            cbc "$dir/model.lp" sec "$limit" solve quit || rc=$?
        read -r seconds _ <"$dir/time"
        times+=("$seconds")
        if ((rc == 124)); then say "  cbc stopped by the guard after $seconds s"; break; fi
        if ((rc != 0)); then say "  cbc failed (exit $rc)"; break; fi
    done
    CBC_SECONDS=$(echo "${times[*]}" | median)
    local objective result
    IFS=$'\t' read -r objective result < <(cbc_result "$dir/cbc.log")
    if ((rc == 124)); then result="stopped by the guard after $seconds s"
    elif ((rc != 0)); then result="error (exit $rc)"; fi
    record cbc_seconds "$CBC_SECONDS"
    record cbc_runs "${#times[@]}"
    record cbc_objective "$objective"
    record cbc_result "$result"
    if ((rc == 0)); then record cbc_finished true; else record cbc_finished false; fi
}

bench_case() {  # bench_case INDEX CASE
    local index=$1 dir="$WORK/$2" limit households dwellings args
    CASE=$2
    limit=$(time_limit "$CASE")
    read -ra args <<<"--seed $SEED ${CASE_ARGS[$CASE]}"
    "$GENERATOR" "${args[@]}" "$dir" >"$WORK/$CASE.gen.log" 2>&1 ||
        die "$CASE: generator failed: $(cat "$WORK/$CASE.gen.log")"
    read -r households dwellings < <(count_scenario "$dir/scenario.json")
    say "[$index/${#SELECTED[@]}] $CASE: $households households, $dwellings dwellings, time limit $limit s ..."
    record generator_args "${args[*]}"
    record time_limit "$limit"
    record runs "$RUNS"
    record households "$households"
    record dwellings "$dwellings"
    VERIFY="not run"
    if run_logis "$dir" "$limit"; then run_verify "$dir"; else record verify "$VERIFY"; fi
    run_first_fit "$dir"
    run_cbc "$dir" "$limit"
    local cbc=$CBC_SECONDS
    if [[ $cbc != n/a ]]; then cbc="$cbc s"; fi
    say "[$index/${#SELECTED[@]}] $CASE: logis $LOGIS_SECONDS s (median of $LOGIS_RUNS), $LOGIS_STATUS," \
        "weighted $LOGIS_WEIGHTED, verify $VERIFY, cbc $cbc"
    rm -rf "$dir"  # the x20 model alone is large
}

# ---------------------------------------------------------------- the report

write_report() {  # latest.md and latest.json from RECORDS, each through a temporary file
    local md="$RESULTS/latest.md" json="$RESULTS/latest.json" cpu command
    cpu=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
    command="make bench"
    if [[ -n ${BENCH_TIME_LIMIT:-} ]]; then command="BENCH_TIME_LIMIT=$BENCH_TIME_LIMIT $command"; fi
    if ((RUNS != 3)); then command="BENCH_RUNS=$RUNS $command"; fi
    if [[ -n ${BENCH_CASES:-} ]]; then command="BENCH_CASES=\"${SELECTED[*]}\" $command"; fi
    REPORT_DATE=$(date -u '+%Y-%m-%d %H:%M UTC') REPORT_NPROC=$(nproc) REPORT_CPU=${cpu:-unknown} \
    REPORT_LOGIS=$("$LOGIS" --version 2>&1 | head -n 1) REPORT_COMMAND=$command \
    REPORT_CASES="${CASES[*]}" \
        python3 - "$RECORDS" "$md.tmp" "$json.tmp" <<'EOF'
import json, os, sys

records, md_path, json_path = sys.argv[1:]
env = os.environ

TEXT = {"status", "verify", "glpk_version", "cbc_result", "generator_args"}

def value(text, key=""):
    if text in ("null", "", "n/a"):
        return None
    if text in ("true", "false"):
        return text == "true"
    if key in TEXT:
        return text
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text

cases = {}
with open(records) as f:
    for line in f:
        name, key, text = line.rstrip("\n").split("\t", 2)
        row = cases.setdefault(name, {"case": name})
        row[key] = text.split() if key == "seconds_runs" else value(text, key)

for row in cases.values():
    kib, w, ff = row.get("peak_kib"), row.get("weighted_persons_housed"), row.get("first_fit")
    row["peak_mib"] = round(kib / 1024, 1) if isinstance(kib, int) else None
    row["seconds_runs"] = [value(t) for t in row.get("seconds_runs", [])]
    row["gap_percent"] = row["gap"] * 100 if isinstance(row.get("gap"), (int, float)) else None
    row["ratio_to_first_fit"] = w / ff if isinstance(w, int) and isinstance(ff, int) and ff else None
    cbc, s = row.get("cbc_seconds"), row.get("seconds_median")
    # No ratio against a failed logis run or a CBC error; when the guard stopped CBC, the ratio
    # is a lower bound (cbc_finished false).
    usable = row.get("status") in ("optimal", "feasible") and isinstance(cbc, (int, float)) and s
    usable = usable and (row.get("cbc_finished") or str(row.get("cbc_result")).startswith("stopped by the guard"))
    row["cbc_logis_time_ratio"] = cbc / s if usable else None

# ---- targets, computed from the figures (docs: issue 3, "Targets")
def optimal_within(limit):
    def check(r):
        s, ok = r.get("seconds_median"), r.get("status") == "optimal" and r.get("verify") == "ok"
        detail = f"{r.get('status')}, {fmt(s, '.2f')} s, verify {r.get('verify')}"
        return ok and s is not None and s <= limit, detail
    return check

def x10(r):
    gap, s, mib = r.get("gap_percent"), r.get("seconds_median"), r.get("peak_mib")
    ok = (r.get("verify") == "ok" and gap is not None and gap <= 0.1 and s is not None and s <= 60
          and mib is not None and mib <= 1024)
    return ok, (f"gap {fmt(gap, '.3f')} %, {fmt(s, '.2f')} s, peak {fmt(mib, '.0f')} MiB, "
                f"verify {r.get('verify')}")

def x20(r):
    s, gap = r.get("seconds_median"), r.get("gap_percent")
    ok = r.get("verify") == "ok" and gap is not None and s is not None and s <= 120
    return ok, f"{r.get('status')}, gap {fmt(gap, '.3f')} %, {fmt(s, '.2f')} s, verify {r.get('verify')}"

def first_fit(r):
    w, ff = r.get("weighted_persons_housed"), r.get("first_fit")
    if not isinstance(w, int) or not isinstance(ff, int):
        return False, f"logis {fmt(w, 'd')}, first-fit {fmt(ff, 'd')}"
    return w >= ff, f"logis {w} vs first-fit {ff} ({fmt(r['ratio_to_first_fit'], '.3f')}×)"

def cbc3(r):
    ratio = r.get("cbc_logis_time_ratio")
    if ratio is None:
        return None, f"not measured: logis {r.get('status')}, CBC {r.get('cbc_result')}"
    finished = r.get("cbc_finished")
    detail = (f"CBC {'' if finished else '> '}{r['cbc_seconds']:.2f} s / logis"
              f" {r['seconds_median']:.2f} s = {'' if finished else '≥ '}{ratio:.1f}×")
    if not finished and ratio < 3:
        return None, detail + " (CBC did not finish: undecided)"
    return ratio >= 3, detail

def fmt(v, spec):
    return "n/a" if v is None else format(v, spec)

TARGETS = {
    "x1": [("optimal in ≤ 2 s", optimal_within(2)), ("≥ 3× faster than CBC", cbc3)],
    "x1-wait": [("optimal in ≤ 5 s", optimal_within(5))],
    "x1-caseload": [("optimal in ≤ 5 s", optimal_within(5))],
    "x5": [("optimal in ≤ 30 s", optimal_within(30)), ("≥ 3× faster than CBC", cbc3)],
    "x10": [("gap ≤ 0.1 % in ≤ 60 s, peak ≤ 1 GiB", x10)],
    "x20": [("a valid plan with its gap in ≤ 120 s", x20)],
}

order = env["REPORT_CASES"].split()
rows = [cases[n] for n in order if n in cases]
target_lines = []
for r in rows:
    checks = TARGETS.get(r["case"], []) + [("never worse than first-come smallest-fit", first_fit)]
    r["targets"] = []
    for text, check in checks:
        met, detail = check(r)
        r["targets"].append({"target": text, "met": met, "detail": detail})
        verdict = {True: "met", False: "**missed**", None: "n/a"}[met]
        target_lines.append(f"| {r['case']} | {text} | {verdict} | {detail} |")
not_run = [n for n in order if n not in cases]

# ---- Markdown
def cell(v, spec="", suffix=""):
    if v is None:
        return "n/a"
    return (format(v, spec) if spec and isinstance(v, (int, float)) else str(v)) + suffix

glpk = next((r["glpk_version"] for r in rows if r.get("glpk_version")), None)
md = [
    "# logis benchmark",
    "",
    f"- date: {env['REPORT_DATE']}",
    f"- machine: {env['REPORT_NPROC']} cores, {env['REPORT_CPU']}",
    f"- {env['REPORT_LOGIS']}, GLPK {glpk or 'n/a'}",
    f"- reproduce: `{env['REPORT_COMMAND']}`",
    "",
    "Seconds: wall time of the whole `logis plan` process, median of the runs; peak: the largest",
    "resident set of those runs. CBC solves the level-1 model logis writes with `--write-lp`, with",
    "the same time limit (once for x10 and x20, else as many runs as logis, median).",
    "",
    "| case | households | dwellings | rows | columns | seconds | peak MiB | status | weighted"
    " persons housed | bound | gap % | first-fit | ratio to first-fit | CBC seconds | CBC objective"
    " | CBC / logis time | verify |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: "
    "| --- | ---: | --- |",
]
for r in rows:
    cbc_objective = r.get("cbc_result") if r.get("cbc_objective") is None else \
        f"{cell(r['cbc_objective'], 'g')} ({r.get('cbc_result')})"
    over = "" if r.get("cbc_finished", True) else "> "  # the guard stopped CBC: a lower bound
    md.append("| " + " | ".join([
        r["case"], cell(r.get("households")), cell(r.get("dwellings")), cell(r.get("rows")),
        cell(r.get("columns")), cell(r.get("seconds_median"), ".2f"), cell(r.get("peak_mib"), ".0f"),
        cell(r.get("status")), cell(r.get("weighted_persons_housed")), cell(r.get("bound"), "g"),
        cell(r.get("gap_percent"), ".3f"), cell(r.get("first_fit")),
        cell(r.get("ratio_to_first_fit"), ".3f"), over + cell(r.get("cbc_seconds"), ".2f"),
        cell(cbc_objective), over + cell(r.get("cbc_logis_time_ratio"), ".1f", "×"),
        cell(r.get("verify")),
    ]) + " |")
md += ["", "## Targets", "", "| case | target | verdict | figures |", "| --- | --- | --- | --- |"]
md += target_lines
if not_run:
    md += ["", "Not run this time (no verdict): " + ", ".join(not_run) + "."]
md += ["", "Generator options per case (`build/gen_scenario`): " +
       "; ".join(f"{r['case']} `{r.get('generator_args', '')}`" for r in rows) + "."]

with open(md_path, "w") as f:
    f.write("\n".join(md) + "\n")
with open(json_path, "w") as f:
    json.dump(rows, f, indent=2, ensure_ascii=False)
    f.write("\n")
EOF
    mv "$md.tmp" "$md"
    mv "$json.tmp" "$json"
}

# ---------------------------------------------------------------- main

main() {
    (($# == 2)) || die "usage: bench/run.sh LOGIS GENERATOR"
    LOGIS=$(realpath "$1") GENERATOR=$(realpath "$2")
    RUNS=${BENCH_RUNS:-3}
    [[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive integer (got '$RUNS')"
    [[ -z ${BENCH_TIME_LIMIT:-} || $BENCH_TIME_LIMIT =~ ^[1-9][0-9]*$ ]] ||
        die "BENCH_TIME_LIMIT must be a positive whole number of seconds (got '$BENCH_TIME_LIMIT')"
    check_tools
    select_cases
    RESULTS="$(cd "$(dirname "$0")" && pwd)/results"
    mkdir -p "$RESULTS"
    WORK=$(mktemp -d "${TMPDIR:-/tmp}/logis-bench.XXXXXX")
    trap 'rm -rf "$WORK"' EXIT
    RECORDS="$WORK/records.tsv"
    : >"$RECORDS"
    local index=0 name
    for name in "${SELECTED[@]}"; do
        bench_case $((++index)) "$name"
    done
    write_report
    say "bench: wrote $RESULTS/latest.md and latest.json"
}

main "$@"
