#!/usr/bin/env bash
# bench/run.sh: the `make bench` suite. Generates seeded FAAR-like scenarios, times `logis plan`
# on each (and CBC and HiGHS on logis's exported model), and writes bench/results/latest.md and
# latest.json.
#
# usage: bench/run.sh LOGIS GENERATOR [NODE_DIR]      (normally through `make bench`)
#   BENCH_CASES="x1 x5"   cases to run, in suite order (default: all of them, see CASES below)
#   BENCH_RUNS=3          timed `logis plan` runs per case; the median wall time is reported
#   BENCH_TIME_LIMIT=S    --time-limit for every case (default 60 s; x20 120 s, x40 300 s,
#                         x2-wait365 10 s)
#   BENCH_PEERS="cbc highs"   the other solvers to run (default both; "" for none)
# CBC (`cbc` on PATH, Debian coinor-cbc) solves the level-1 model logis writes with --write-lp,
# BENCH_RUNS times, but once for the cases of ONCE, whose runs take minutes. HiGHS (the npm
# package `highs`, WebAssembly, run by bench/highs.js under `node` from PATH; npm installs it into
# NODE_DIR, default build/bench-node) solves the same model once per case: it is the slowest of
# the three, and one run of half a minute or more varies little. Without cbc, node or the package
# the columns say n/a. Every process runs under a guard of twice its time limit plus 60 s, so
# that a hung solver cannot stall the suite.
set -Eeuo pipefail
trap 'echo "bench: stopped at line $LINENO: $BASH_COMMAND" >&2' ERR

CASES=(x1 x2 x5 x10 x20 x40 x1-wait x1-caseload x1-demand x5-3y x5-wait28 x2-wait365
       x1-scores x1-quotas x1-links)
declare -A CASE_ARGS=(
    [x1]="" [x2]="--scale 2" [x5]="--scale 5" [x10]="--scale 10" [x20]="--scale 20"
    [x40]="--scale 40"
    [x1-wait]="--max-wait 28 --step 7 --turnover 7"
    [x1-caseload]="--caseload 0.7"
    [x1-demand]="--demand 1.5"
    [x5-3y]="--scale 5 --years 3"
    [x5-wait28]="--scale 5 --max-wait 28 --step 1 --turnover 7"
    [x2-wait365]="--scale 2 --max-wait 365 --step 1"
    # matching (issue 15): a score per household and territory; quotas by half year on every
    # territory at 80 % of its share of the persons (they bind); 20 pairs of linked households
    # from different convoys
    [x1-scores]="--scores 0.6" [x1-quotas]="--quotas 0.8" [x1-links]="--links 20"
)
# Cases whose peer runs take minutes: CBC runs once on them.
ONCE=" x10 x20 x40 x5-3y x5-wait28 x2-wait365 "
SEED=1
# Pinned, like the schema test's validator: a peer's figures must not change under us.
HIGHS_PACKAGE=highs@1.15.3

die() { echo "bench: $*" >&2; exit 2; }
say() { echo "$*" >&2; }

# ---------------------------------------------------------------- setup

check_tools() {
    [[ -x $LOGIS ]] || die "logis not found or not executable: $LOGIS"
    [[ -x $GENERATOR ]] || die "generator not found or not executable: $GENERATOR"
    python3 -c 'import json' 2>/dev/null ||
        die "python3 is required (to read plans and write the report)"
    if [[ -x /usr/bin/time ]] && /usr/bin/time -f '%e %M' -o /dev/null true 2>/dev/null; then
        GNU_TIME=1
    else
        GNU_TIME=0
        say "bench: GNU time (/usr/bin/time) is missing:" \
            "wall times from bash's time, peak memory n/a"
    fi
    HAVE_CBC=0
    if ! peer_wanted cbc; then CBC_MISSING="not in BENCH_PEERS"
    elif command -v cbc >/dev/null; then HAVE_CBC=1
    else
        CBC_MISSING="cbc not installed"
        say "bench: cbc is not on PATH (Debian coinor-cbc): CBC columns will say n/a"
    fi
    command -v timeout >/dev/null && HAVE_TIMEOUT=1 || HAVE_TIMEOUT=0
    setup_highs
}

peer_wanted() { [[ " ${BENCH_PEERS-cbc highs} " == *" $1 "* ]]; }

# setup_highs: sets HAVE_HIGHS (and HIGHS_MISSING, why not); npm installs HIGHS_PACKAGE into
# NODE_DIR when it is not there yet. No node, npm or registry: the HiGHS columns say n/a.
setup_highs() {
    local stamp="$NODE_DIR/installed.txt"
    HAVE_HIGHS=0 HIGHS_VERSION=""
    if ! peer_wanted highs; then HIGHS_MISSING="not in BENCH_PEERS"; return; fi
    HIGHS_MISSING="node not installed"
    if ! command -v node >/dev/null; then
        say "bench: node is not on PATH: HiGHS columns will say n/a"
        return
    fi
    if [[ ! -f $NODE_DIR/node_modules/highs/package.json ||
          $(cat "$stamp" 2>/dev/null) != "$HIGHS_PACKAGE" ]]; then
        HIGHS_MISSING="npm could not install $HIGHS_PACKAGE"
        if ! command -v npm >/dev/null; then
            HIGHS_MISSING="npm not installed"
            say "bench: npm is not on PATH to install $HIGHS_PACKAGE: HiGHS columns will say n/a"
            return
        fi
        say "bench: installing $HIGHS_PACKAGE into $NODE_DIR"
        mkdir -p "$NODE_DIR"
        if ! npm install --prefix "$NODE_DIR" --no-save --no-audit --no-fund --loglevel=error \
                "$HIGHS_PACKAGE" >&2; then
            say "bench: $HIGHS_MISSING: HiGHS columns will say n/a"
            return
        fi
        echo "$HIGHS_PACKAGE" >"$stamp"
    fi
    # Load the wasm once here, so that a runtime node cannot run says so once, not in every case.
    if ! HIGHS_VERSION=$(NODE_PATH="$NODE_DIR/node_modules" node -e \
            'require("highs")().then(h => console.log(h.version.string))' 2>&1); then
        HIGHS_MISSING="highs does not load"
        say "bench: $HIGHS_PACKAGE does not load in node $(node --version): $HIGHS_VERSION"
        return
    fi
    HAVE_HIGHS=1
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
    elif [[ $1 == x40 ]]; then echo 300
    elif [[ $1 == x2-wait365 ]]; then echo 10  # issue 13: a plan within 11 s of --time-limit 10
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

median() {
    tr ' ' '\n' | sort -g |
        awk '{v[NR]=$1} END {m=int((NR+1)/2); print (NR%2 ? v[m] : (v[m]+v[m+1])/2)}'
}
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
            say "  logis plan failed on run $run: $failure;" \
                "$(tail -n 3 "$dir/logis.log" | tr '\n' ' ')"
            break
        fi
    done
    LOGIS_SECONDS=$(echo "${times[*]}" | median) LOGIS_RUNS=${#times[@]}
    record seconds_median "$LOGIS_SECONDS"
    record seconds_runs "${times[*]}"
    record peak_kib "$(echo "${peaks[*]}" | max_or_na)"
    # The version last: an empty text would merge with the tab before it.
    local status weighted bound kind coarser gap rows columns version
    IFS=$'\t' read -r status weighted bound kind coarser gap rows columns version < <(
        json_get "$dir/plan.json" status objective.weighted_persons_housed objective.bound \
        objective.bound_kind solver.coarser_start_step_days objective.gap solver.rows \
        solver.columns solver.version)
    if [[ -n $failure ]]; then status=$failure; fi
    record status "$status"
    record weighted_persons_housed "$weighted"
    record bound "$bound"
    record bound_kind "$kind"
    record coarser_start_step_days "$coarser"
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
         END {printf "%s\t%s\n", (objective == "" ? "null" : objective),
                                  (result == "" ? "null" : result)}' "$1"
}

# lp_whole FILE: GLPK has written the whole LP file, which it ends with a blank line and "End".
lp_whole() { [[ -s $1 && $(tail -c 6 "$1") == $'\n\nEnd' ]]; }

# export_model DIR LIMIT: the level-1 model for the peers, from a plan run of its own (writing the
# file would weigh on a timed run); sets EXPORTED. logis writes the file once the model is built,
# before it solves: the run gets at least 120 s for that, so that a short limit still gives the
# peers a model, and is stopped (SIGTERM: the search ends) as soon as the file is whole.
export_model() {
    local dir=$1 limit=$2 rc=0 pid start=$SECONDS
    EXPORTED=0
    if ! ((HAVE_CBC || HAVE_HIGHS)); then return; fi
    ((limit >= 120)) || limit=120
    guarded $((2 * limit + 60)) "$LOGIS" plan "$dir/scenario.json" --write-lp "$dir/model.lp" \
        --time-limit "$limit" -q -o "$dir/lp-plan.json" >"$dir/export.log" 2>&1 &
    pid=$!
    while kill -0 "$pid" 2>/dev/null && ! lp_whole "$dir/model.lp"; do sleep 0.2; done
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" || rc=$?
    if lp_whole "$dir/model.lp"; then
        EXPORTED=1
        record model_lp_mib "$(du -m "$dir/model.lp" | cut -f1)"
        record model_lp_seconds $((SECONDS - start))  # reading, building and writing
    else
        say "  logis --write-lp wrote no whole model (exit $rc): no CBC or HiGHS run"
    fi
}

run_cbc() {
    local dir=$1 limit=$2 runs=$RUNS run rc=0 seconds times=()
    if [[ $ONCE == *" $CASE "* ]]; then runs=1; fi
    if ! ((HAVE_CBC)); then record cbc_result "n/a ($CBC_MISSING)"; CBC_SECONDS=n/a; return; fi
    if ! ((EXPORTED)); then record cbc_result "n/a (no model exported)"; CBC_SECONDS=n/a; return; fi
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
    # Finished: CBC proved the optimum; at its time limit or stopped, its time is a lower bound.
    if ((rc == 0)) && [[ $result == Optimal* ]]; then record cbc_finished true
    else record cbc_finished false; fi
}

run_highs() {  # once; HiGHS "finished" only when it proved the optimum
    local dir=$1 limit=$2 rc=0 seconds kib status objective bound gap error result
    HIGHS_SECONDS=n/a
    if ! ((HAVE_HIGHS)); then record highs_result "n/a ($HIGHS_MISSING)"; return; fi
    if ! ((EXPORTED)); then record highs_result "n/a (no model exported)"; return; fi
    rm -f "$dir/highs.json"
    : >"$dir/highs.log"
    run_timed "$dir/time" "$dir/highs.log" $((2 * limit + 60)) \
        env NODE_PATH="$NODE_DIR/node_modules" node "$HIGHS_JS" "$dir/model.lp" "$limit" \
        "$dir/highs.json" || rc=$?
    read -r seconds kib <"$dir/time"
    # The error last: its text may be empty.
    IFS=$'\t' read -r status objective bound gap error < <(
        json_get "$dir/highs.json" status objective bound gap error)
    if ((rc == 124)); then result="stopped by the guard after $seconds s"
    elif ((rc != 0)); then
        [[ $error != null ]] || error=$(tail -n 1 "$dir/highs.log")
        result="error (exit $rc): $error"
    else result=$status; fi
    if ((rc != 0)); then say "  highs: $result"; fi
    HIGHS_SECONDS=$seconds
    record highs_seconds "$seconds"
    record highs_peak_kib "$kib"
    record highs_version "$HIGHS_VERSION"
    record highs_objective "$objective"
    record highs_bound "$bound"
    record highs_gap "$gap"
    record highs_result "$result"
    if ((rc == 0)) && [[ $status == optimal ]]; then record highs_finished true
    else record highs_finished false; fi
}

bench_case() {  # bench_case INDEX CASE
    local index=$1 dir="$WORK/$2" limit households dwellings args
    CASE=$2
    limit=$(time_limit "$CASE")
    read -ra args <<<"--seed $SEED ${CASE_ARGS[$CASE]}"
    "$GENERATOR" "${args[@]}" "$dir" >"$WORK/$CASE.gen.log" 2>&1 ||
        die "$CASE: generator failed: $(cat "$WORK/$CASE.gen.log")"
    read -r households dwellings < <(count_scenario "$dir/scenario.json")
    say "[$index/${#SELECTED[@]}] $CASE: $households households, $dwellings dwellings," \
        "time limit $limit s ..."
    record generator_args "${args[*]}"
    record time_limit "$limit"
    record runs "$RUNS"
    record households "$households"
    record dwellings "$dwellings"
    VERIFY="not run"
    if run_logis "$dir" "$limit"; then run_verify "$dir"; else record verify "$VERIFY"; fi
    run_first_fit "$dir"
    export_model "$dir" "$limit"
    run_cbc "$dir" "$limit"
    run_highs "$dir" "$limit"
    local cbc=$CBC_SECONDS highs=$HIGHS_SECONDS
    if [[ $cbc != n/a ]]; then cbc="$cbc s"; fi
    if [[ $highs != n/a ]]; then highs="$highs s"; fi
    say "[$index/${#SELECTED[@]}] $CASE: logis $LOGIS_SECONDS s (median of $LOGIS_RUNS)," \
        "$LOGIS_STATUS, weighted $LOGIS_WEIGHTED, verify $VERIFY, cbc $cbc, highs $highs"
    rm -rf "$dir"  # the x20 model alone is large
}

# ---------------------------------------------------------------- the report

write_report() {  # latest.md and latest.json from RECORDS, each through a temporary file
    local md="$RESULTS/latest.md" json="$RESULTS/latest.json" cpu command
    cpu=$(awk -F': *' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
    command="make bench"
    if [[ -n ${BENCH_PEERS+set} ]]; then command="BENCH_PEERS=\"$BENCH_PEERS\" $command"; fi
    if [[ -n ${BENCH_TIME_LIMIT:-} ]]; then
        command="BENCH_TIME_LIMIT=$BENCH_TIME_LIMIT $command"
    fi
    if ((RUNS != 3)); then command="BENCH_RUNS=$RUNS $command"; fi
    if [[ -n ${BENCH_CASES:-} ]]; then command="BENCH_CASES=\"${SELECTED[*]}\" $command"; fi
    REPORT_DATE=$(date -u '+%Y-%m-%d %H:%M UTC') REPORT_NPROC=$(nproc) REPORT_CPU=${cpu:-unknown} \
    REPORT_LOGIS=$("$LOGIS" --version 2>&1 | head -n 1) REPORT_COMMAND=$command \
    REPORT_CASES="${CASES[*]}" REPORT_ONCE="$ONCE" \
    REPORT_HIGHS="$HIGHS_PACKAGE${HIGHS_VERSION:+ (HiGHS $HIGHS_VERSION)}" \
        python3 - "$RECORDS" "$md.tmp" "$json.tmp" <<'EOF'
import json, math, os, sys

records, md_path, json_path = sys.argv[1:]
env = os.environ

TEXT = {"status", "verify", "glpk_version", "cbc_result", "generator_args", "bound_kind",
        "highs_result", "highs_version"}
SCALES = ["x1", "x2", "x5", "x10", "x20", "x40"]  # the cases the growth exponent is fitted on

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

def number(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)

def peer_ratio(row, peer):
    """Peer seconds / logis seconds. None against a failed logis run or a peer's error. A peer
    that did not prove the optimum (its own time limit, or stopped by the guard) did not finish:
    the ratio is then a lower bound (PEER_finished false)."""
    t, s = row.get(f"{peer}_seconds"), row.get("seconds_median")
    result = row.get(f"{peer}_result")
    if row.get("status") not in ("optimal", "feasible") or not number(t) or not s:
        return None
    if result is None or result.startswith(("error", "n/a")):
        return None
    return t / s

for row in cases.values():
    kib, w, ff = row.get("peak_kib"), row.get("weighted_persons_housed"), row.get("first_fit")
    row["peak_mib"] = round(kib / 1024, 1) if isinstance(kib, int) else None
    hkib = row.get("highs_peak_kib")
    row["highs_peak_mib"] = round(hkib / 1024, 1) if isinstance(hkib, int) else None
    row["seconds_runs"] = [value(t) for t in row.get("seconds_runs", [])]
    row["gap_percent"] = row["gap"] * 100 if number(row.get("gap")) else None
    row["ratio_to_first_fit"] = (w / ff if isinstance(w, int) and isinstance(ff, int) and ff
                                 else None)
    row["cbc_logis_time_ratio"] = peer_ratio(row, "cbc")
    row["highs_logis_time_ratio"] = peer_ratio(row, "highs")

# ---- growth against x1, and the exponent k of time ∝ households^k (issue 13)
base = cases.get("x1", {})
GROWTH = [("households", "households"), ("columns", "columns"), ("seconds", "seconds_median"),
          ("peak_mib", "peak_mib")]
for row in cases.values():
    row["growth_vs_x1"] = {
        name: row[key] / base[key] if number(row.get(key)) and number(base.get(key)) and base[key]
        else None for name, key in GROWTH}

def growth_fit():
    """Least squares of log(seconds) on log(households) over the scale cases with a plan."""
    points = [cases[n] for n in SCALES if n in cases
              and cases[n].get("status") in ("optimal", "feasible")
              and number(cases[n].get("seconds_median")) and cases[n]["seconds_median"] > 0
              and number(cases[n].get("households"))]
    xs = [math.log(p["households"]) for p in points]
    ys = [math.log(p["seconds_median"]) for p in points]
    if len(points) < 2 or len(set(xs)) < 2:
        return None, [p["case"] for p in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    k = (sum((x - mx) * (y - my) for x, y in zip(xs, ys)) /
         sum((x - mx) ** 2 for x in xs))
    return k, [p["case"] for p in points]

K, FITTED = growth_fit()

# ---- targets, computed from the figures (issue 3's "Targets", and issue 13's for scale)
def fmt(v, spec):
    return "n/a" if v is None else format(v, spec)

def optimal_within(limit):
    def check(r):
        s, ok = r.get("seconds_median"), r.get("status") == "optimal" and r.get("verify") == "ok"
        detail = f"{r.get('status')}, {fmt(s, '.2f')} s, verify {r.get('verify')}"
        return ok and s is not None and s <= limit, detail
    return check

def optimal_within_x1(times):
    """Optimal, and within `times` × the plain x1 case's median seconds of the same run."""
    def check(r):
        s, base = r.get("seconds_median"), cases.get("x1", {}).get("seconds_median")
        ok = r.get("status") == "optimal" and r.get("verify") == "ok"
        if not number(base):
            return None, f"{r.get('status')}, {fmt(s, '.2f')} s; x1 not run: no ratio"
        ratio = s / base if number(s) and base > 0 else None
        return (ok and ratio is not None and ratio <= times,
                f"{r.get('status')}, {fmt(s, '.2f')} s = {fmt(ratio, '.1f')}× x1, "
                f"verify {r.get('verify')}")
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
    return ok, (f"{r.get('status')}, gap {fmt(gap, '.3f')} %, {fmt(s, '.2f')} s,"
                f" verify {r.get('verify')}")

def gap_within(gap_percent, seconds, mib=None):
    """A verified plan within gap_percent of its stated bound, in ≤ seconds (and ≤ mib MiB)."""
    def check(r):
        gap, s, peak = r.get("gap_percent"), r.get("seconds_median"), r.get("peak_mib")
        ok = (r.get("verify") == "ok" and gap is not None and gap <= gap_percent
              and s is not None and s <= seconds)
        if mib is not None:
            ok = ok and peak is not None and peak <= mib
        return ok, (f"{r.get('status')}, gap {fmt(gap, '.3f')} % against a"
                    f" {r.get('bound_kind') or 'n/a'} bound, {fmt(s, '.2f')} s,"
                    f" peak {fmt(peak, '.0f')} MiB, verify {r.get('verify')}")
    return check

def valid_within(seconds, mib):
    def check(r):
        s, peak = r.get("seconds_median"), r.get("peak_mib")
        ok = (r.get("status") in ("optimal", "feasible") and r.get("verify") == "ok"
              and s is not None and s <= seconds and peak is not None and peak <= mib)
        return ok, (f"{r.get('status')}, {fmt(s, '.2f')} s, peak {fmt(peak, '.0f')} MiB,"
                    f" verify {r.get('verify')}")
    return check

def first_fit(r):
    w, ff = r.get("weighted_persons_housed"), r.get("first_fit")
    if not isinstance(w, int) or not isinstance(ff, int):
        return False, f"logis {fmt(w, 'd')}, first-fit {fmt(ff, 'd')}"
    return w >= ff, f"logis {w} vs first-fit {ff} ({fmt(r['ratio_to_first_fit'], '.3f')}×)"

def faster_than(peer, label):
    def check(r):
        ratio = r.get(f"{peer}_logis_time_ratio")
        if ratio is None:
            return None, f"not measured: logis {r.get('status')}, {label} {r.get(f'{peer}_result')}"
        finished = r.get(f"{peer}_finished")
        detail = (f"{label} {'' if finished else '> '}{r[f'{peer}_seconds']:.2f} s / logis"
                  f" {r['seconds_median']:.2f} s = {'' if finished else '≥ '}{ratio:.1f}×")
        if not finished and ratio < 3:
            return None, detail + f" ({label} did not finish: undecided)"
        return ratio >= 3, detail
    return check

cbc3, highs3 = faster_than("cbc", "CBC"), faster_than("highs", "HiGHS")

def bound_holds(r):
    """Issue 13: a stated bound is at least the optimum an independent solver proved on the
    exported model (and an optimal plan reaches it)."""
    proved = []
    if r.get("cbc_finished") and str(r.get("cbc_result")).startswith("Optimal"):
        proved.append(("CBC", r.get("cbc_objective")))
    if r.get("highs_finished"):
        proved.append(("HiGHS", r.get("highs_objective")))
    proved = [(name, v) for name, v in proved if number(v)]
    bound, w = r.get("bound"), r.get("weighted_persons_housed")
    if not proved or not number(bound):
        return None, f"no optimum proved by a peer (bound {fmt(bound, 'g')})"
    ok = all(bound >= v - 1e-6 for _, v in proved)
    if r.get("status") == "optimal":
        ok = ok and all(number(w) and abs(w - v) < 1e-6 for _, v in proved)
    return ok, (f"bound {bound:g} ({r.get('bound_kind')}), plan {fmt(w, 'd')}; " +
                ", ".join(f"{name} optimum {v:g}" for name, v in proved))
GIB = 1024  # MiB

TARGETS = {
    "x1": [("optimal in ≤ 2 s", optimal_within(2)), ("≥ 3× faster than CBC", cbc3),
           ("≥ 3× faster than HiGHS", highs3)],
    "x1-wait": [("optimal in ≤ 5 s", optimal_within(5))],
    "x1-caseload": [("optimal in ≤ 5 s", optimal_within(5))],
    "x5": [("optimal in ≤ 30 s", optimal_within(30)), ("≥ 3× faster than CBC", cbc3),
           ("≥ 3× faster than HiGHS", highs3)],
    "x10": [("gap ≤ 0.1 % in ≤ 60 s, peak ≤ 1 GiB", x10),
            ("optimal in ≤ 20 s", optimal_within(20)), ("≥ 3× faster than CBC", cbc3),
            ("≥ 3× faster than HiGHS", highs3)],
    "x20": [("a valid plan with its gap in ≤ 120 s", x20),
            ("optimal in ≤ 60 s", optimal_within(60))],
    "x40": [("gap ≤ 0.5 % in ≤ 300 s, peak ≤ 2 GiB", gap_within(0.5, 300, 2 * GIB))],
    "x5-3y": [("gap ≤ 0.5 % in ≤ 60 s", gap_within(0.5, 60))],
    "x5-wait28": [("gap ≤ 0.5 % in ≤ 60 s, peak ≤ 2 GiB", gap_within(0.5, 60, 2 * GIB))],
    "x2-wait365": [("a valid plan within 11 s, peak ≤ 2 GiB", valid_within(11, 2 * GIB))],
    "x1-scores": [("optimal within 3× x1", optimal_within_x1(3))],
    "x1-quotas": [("optimal within 3× x1", optimal_within_x1(3))],
    "x1-links": [("optimal within 3× x1", optimal_within_x1(3))],
}

def growth_target():
    """k ≤ 1.6 over x1 … x40. A case stopped at its time limit (feasible) would have taken longer
    to prove, so k is understated: met is then undecided, missed stays missed."""
    if K is None:
        return None, f"not measured: fewer than two scale cases ({', '.join(FITTED) or 'none'})"
    capped = [n for n in FITTED if cases[n].get("status") == "feasible"]
    detail = f"k = {K:.2f} over {', '.join(FITTED)}"
    if capped:
        detail += f"; {', '.join(capped)} stopped at the time limit, so k is understated"
    if FITTED[0] != "x1" or FITTED[-1] != "x40":
        return None, detail + " (not over x1 … x40: no verdict)"
    if K > 1.6:
        return False, detail
    return (None, detail + " (undecided)") if capped else (True, detail)

order = env["REPORT_CASES"].split()
rows = [cases[n] for n in order if n in cases]
target_lines = []

def add_target(case, text, met, detail):
    verdict = {True: "met", False: "**missed**", None: "n/a"}[met]
    target_lines.append(f"| {case} | {text} | {verdict} | {detail} |")

for r in rows:
    checks = TARGETS.get(r["case"], []) + [("never worse than first-come smallest-fit", first_fit),
                                           ("bound ≥ a peer's proved optimum", bound_holds)]
    r["targets"] = []
    for text, check in checks:
        met, detail = check(r)
        r["targets"].append({"target": text, "met": met, "detail": detail})
        add_target(r["case"], text, met, detail)
GROWTH_TEXT = "time ∝ households^k with k ≤ 1.6 over x1 … x40"
growth_met, growth_detail = growth_target()
add_target("growth", GROWTH_TEXT, growth_met, growth_detail)
not_run = [n for n in order if n not in cases]

# ---- Markdown
def cell(v, spec="", suffix=""):
    if v is None:
        return "n/a"
    return (format(v, spec) if spec and number(v) else str(v)) + suffix

def bound_kind(r):
    step = r.get("coarser_start_step_days")
    return cell(r.get("bound_kind")) + ("" if step is None else f" (coarser: {step}-day step)")

def peer_objective(r, peer):
    if r.get(f"{peer}_objective") is None:
        return cell(r.get(f"{peer}_result"))
    return f"{cell(r[f'{peer}_objective'], 'g')} ({r.get(f'{peer}_result')})"

glpk = next((r["glpk_version"] for r in rows if r.get("glpk_version")), None)
md = [
    "# logis benchmark",
    "",
    f"- date: {env['REPORT_DATE']}",
    f"- machine: {env['REPORT_NPROC']} cores, {env['REPORT_CPU']}",
    f"- {env['REPORT_LOGIS']}, GLPK {glpk or 'n/a'}; npm {env['REPORT_HIGHS']}",
    f"- reproduce: `{env['REPORT_COMMAND']}`",
    "",
    "Seconds: wall time of the whole `logis plan` process, median of the runs; peak: the largest",
    "resident set of those runs. Bound kind: `relaxation` or `trivial` (all housable persons),",
    "and the grid of move-in dates when logis built the model on a coarser one. CBC and HiGHS",
    "(WebAssembly, under node) solve the level-1 model logis writes with `--write-lp`, with the",
    f"same time limit: CBC once for{env['REPORT_ONCE'].rstrip()}, else as many runs as logis",
    "(median); HiGHS once. `>`: the peer did not prove the optimum (its time limit, or the",
    "guard stopped it), so its time and the ratio are lower bounds.",
    "",
    "| case | households | dwellings | rows | columns | seconds | peak MiB | status | weighted"
    " persons housed | bound | bound kind | gap % | first-fit | ratio to first-fit | CBC seconds"
    " | CBC objective | CBC / logis time | HiGHS seconds | HiGHS objective | HiGHS / logis time"
    " | verify |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | --- | ---: | ---: "
    "| ---: | ---: | --- | ---: | ---: | --- | ---: | --- |",
]
def at_least(r, peer, key, spec, suffix=""):
    """The figure, marked "> " as a lower bound when the peer ended without proving the optimum
    (not after an error: that time is only how long it took to fail)."""
    v, error = r.get(key), str(r.get(f"{peer}_result")).startswith("error")
    lower = v is not None and not error and not r.get(f"{peer}_finished", True)
    return ("> " if lower else "") + cell(v, spec, suffix)

for r in rows:
    md.append("| " + " | ".join([
        r["case"], cell(r.get("households")), cell(r.get("dwellings")), cell(r.get("rows")),
        cell(r.get("columns")), cell(r.get("seconds_median"), ".2f"),
        cell(r.get("peak_mib"), ".0f"),
        cell(r.get("status")), cell(r.get("weighted_persons_housed")), cell(r.get("bound"), "g"),
        bound_kind(r), cell(r.get("gap_percent"), ".3f"), cell(r.get("first_fit")),
        cell(r.get("ratio_to_first_fit"), ".3f"), at_least(r, "cbc", "cbc_seconds", ".2f"),
        peer_objective(r, "cbc"), at_least(r, "cbc", "cbc_logis_time_ratio", ".1f", "×"),
        at_least(r, "highs", "highs_seconds", ".2f"), peer_objective(r, "highs"),
        at_least(r, "highs", "highs_logis_time_ratio", ".1f", "×"), cell(r.get("verify")),
    ]) + " |")
md += ["", "## Growth against x1", "",
       "Each case's figures and their multiple of x1's (n/a when x1 was not run).", "",
       "| case | households | × x1 | columns | × x1 | seconds | × x1 | peak MiB | × x1 | status |",
       "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]
for r in rows:
    g = r["growth_vs_x1"]
    md.append("| " + " | ".join([
        r["case"], cell(r.get("households")), cell(g["households"], ".2f", "×"),
        cell(r.get("columns")), cell(g["columns"], ".2f", "×"),
        cell(r.get("seconds_median"), ".2f"), cell(g["seconds"], ".1f", "×"),
        cell(r.get("peak_mib"), ".0f"), cell(g["peak_mib"], ".1f", "×"), cell(r.get("status")),
    ]) + " |")
md += ["", "Time ∝ households^k, least squares on the logs over the scale cases x1 … x40 that"
       f" gave a plan: {growth_detail}."]
md += ["", "## Targets", "", "| case | target | verdict | figures |", "| --- | --- | --- | --- |"]
md += target_lines
if not_run:
    md += ["", "Not run this time (no verdict): " + ", ".join(not_run) + "."]
md += ["", "Generator options per case (`build/gen_scenario`): " +
       "; ".join(f"{r['case']} `{r.get('generator_args', '')}`" for r in rows) + "."]

with open(md_path, "w") as f:
    f.write("\n".join(md) + "\n")
with open(json_path, "w") as f:
    growth = {"target": GROWTH_TEXT, "k": K, "fitted_on": FITTED, "met": growth_met,
              "detail": growth_detail}
    json.dump({"cases": rows, "growth": growth}, f, indent=2, ensure_ascii=False)
    f.write("\n")
EOF
    mv "$md.tmp" "$md"
    mv "$json.tmp" "$json"
}

# ---------------------------------------------------------------- main

main() {
    (($# == 2 || $# == 3)) || die "usage: bench/run.sh LOGIS GENERATOR [NODE_DIR]"
    LOGIS=$(realpath "$1") GENERATOR=$(realpath "$2")
    NODE_DIR=$(realpath -m "${3:-$(dirname "$LOGIS")/bench-node}")
    HIGHS_JS="$(cd "$(dirname "$0")" && pwd)/highs.js"
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
