#!/usr/bin/env bash
# The schema test: validates every scenario and array of data/ (and tests/schema/valid/) and the
# plans logis writes for them against data/schema/ with ajv-cli, then checks that the schemas
# reject the documents of tests/schema/invalid.txt, each for the reason the loader gives.
# Usage: tests/schema/run.sh PATH/TO/logis NODE_DIR (where ajv-cli is installed when missing).
set -u

if [ $# -ne 2 ] || [ ! -x "$1" ]; then
    echo "usage: tests/schema/run.sh PATH/TO/logis NODE_DIR" >&2
    exit 2
fi
LOGIS="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
NODE_DIR="$2"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
SCHEMAS="$ROOT/data/schema"
# Pinned: the validator's verdicts must not change under us.
AJV_PACKAGES=(ajv@8.20.0 ajv-cli@5.0.0 ajv-formats@3.0.1)
AJV="$NODE_DIR/node_modules/.bin/ajv"
TOOL="$HERE/json-tool.js"

# Outside CI a machine without node or the npm registry skips, saying so; in CI it fails.
unavailable() {
    if [ "${CI:-}" = true ]; then
        echo "test-schema: FAILED: $1" >&2
        exit 1
    fi
    echo "test-schema: SKIPPED: $1 (install Debian's nodejs and npm; CI fails here)" >&2
    exit 0
}

install_ajv() {
    local stamp="$NODE_DIR/installed.txt"
    if [ -x "$AJV" ] && [ "$(cat "$stamp" 2>/dev/null)" = "${AJV_PACKAGES[*]}" ]; then
        return 0
    fi
    if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
        unavailable "node and npm not found"
    fi
    mkdir -p "$NODE_DIR"
    echo "test-schema: installing ${AJV_PACKAGES[*]} into $NODE_DIR" >&2
    npm install --prefix "$NODE_DIR" --no-save --no-audit --no-fund --loglevel=error \
        "${AJV_PACKAGES[@]}" >&2 || unavailable "npm could not install ${AJV_PACKAGES[*]}"
    echo "${AJV_PACKAGES[*]}" >"$stamp"
}

install_ajv
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/logis-schema-XXXXXX")" || exit 2
trap 'rm -rf "$SCRATCH"' EXIT
passed=0
failed=0

pass() {
    passed=$((passed + 1))
}

fail() {
    failed=$((failed + 1))
    echo "FAIL: $1" >&2
}

# Validates FILES against the schema NAME (scenario, plan, dwellings, ...) in one ajv run, whose
# report goes to OUTPUT: "FILE valid", or "FILE invalid" and its errors as JSON, per file.
validate() {
    local name="$1" output="$2" references=() documents=() other file
    shift 2
    for other in "$SCHEMAS"/*.schema.json; do
        [ "$(basename "$other")" = "$name.schema.json" ] || references+=(-r "$other")
    done
    for file in "$@"; do
        documents+=(-d "$file")
    done
    "$AJV" validate --spec=draft2020 --strict=true --strict-required=false --all-errors \
        --errors=json -c ajv-formats -s "$SCHEMAS/$name.schema.json" "${references[@]}" \
        "${documents[@]}" >"$output" 2>&1
}

# What ajv said about FILE in a report of validate.
report_on() {
    awk -v file="$1" '$0 == file " valid" || $0 == file " invalid" { on = 1; print; next }
        / (in)?valid$/ { on = 0 } on' "$2"
}

# Checks that every file given after NAME is valid under that schema.
expect_valid() {
    local name="$1" file report="$SCRATCH/ajv-$1.txt"
    shift
    [ $# -gt 0 ] || return 0
    validate "$name" "$report" "$@"
    for file in "$@"; do
        if grep -qxF "$file valid" "$report"; then
            pass
        else
            fail "${file#"$ROOT"/} should be a valid $name:"
            report_on "$file" "$report" | grep . >&2 || cat "$report" >&2
        fi
    done
}

# ---- valid documents: every scenario and the array files it names, and their plans ----

mapfile -t json_files < <(find "$ROOT/data" "$HERE/valid" -name '*.json' -not -path "$SCHEMAS/*" |
    sort)
declare -A section_of=() kind_of=()
scenarios=()
while read -r kind file; do
    kind_of["$file"]="$kind"
    [ "$kind" = object ] || continue
    scenarios+=("$file")
    while read -r section path; do
        section_of["$(realpath "$path")"]="$section"
    done < <(node "$TOOL" sections "$file")
done < <(node "$TOOL" kind "${json_files[@]}")

declare -A arrays=()
for file in "${!kind_of[@]}"; do
    [ "${kind_of["$file"]}" = object ] && continue
    section="${section_of["$(realpath "$file")"]:-}"
    if [ -z "$section" ]; then
        fail "${file#"$ROOT"/}: no scenario names this array, so no schema applies"
    else
        arrays["$section"]+="$file"$'\n'
    fi
done
for section in "${!arrays[@]}"; do
    mapfile -t files < <(printf '%s' "${arrays["$section"]}")
    expect_valid "$section" "${files[@]}"
done
expect_valid scenario "${scenarios[@]}"

mkdir -p "$SCRATCH/plans"
plans=()
# Plans SCENARIO with logis (extra options after it) into FILE, to be validated below.
make_plan() {
    local scenario="$1" plan="$2" code
    shift 2
    timeout 300 "$LOGIS" plan "$scenario" -q --time-limit 60 -o "$plan" "$@" 2>"$SCRATCH/err.txt"
    code=$?
    if [ $code -gt 1 ] || [ ! -s "$plan" ]; then
        fail "logis plan ${scenario#"$ROOT"/} $* exited $code"
        cat "$SCRATCH/err.txt" >&2
        return
    fi
    plans+=("$plan")
}

FAAR_PLAN="$SCRATCH/plans/faar.json"
for index in "${!scenarios[@]}"; do
    scenario="${scenarios[$index]}" plan="$SCRATCH/plans/$index.json"
    [ "$scenario" != "$ROOT/data/faar/scenario.json" ] || plan="$FAAR_PLAN"
    # check exits 1 for fixed stays that conflict: the scenario is read, and infeasible.
    code=0
    "$LOGIS" check "$scenario" >/dev/null 2>"$SCRATCH/err.txt" || code=$?
    if [ "$code" -le 1 ]; then
        pass
    else
        fail "logis check ${scenario#"$ROOT"/} refuses a scenario the schema accepts:"
        cat "$SCRATCH/err.txt" >&2
    fi
    make_plan "$scenario" "$plan"
done
make_plan "$ROOT/data/faar/scenario.json" "$SCRATCH/plans/faar-first-fit.json" --first-fit
# A re-plan: valid/replan.json is first-come.json with a heavier family D arriving with C.
REPLAN="$SCRATCH/plans/replan.json"
if "$LOGIS" plan --help | grep -q -- --replan; then
    make_plan "$ROOT/data/examples/first-come.json" "$SCRATCH/previous.json"
    make_plan "$HERE/valid/replan.json" "$REPLAN" --replan "$SCRATCH/previous.json" \
        --now 2027-03-01
else
    echo "schema: logis plan has no --replan, so re-plans are not checked" >&2
fi
expect_valid plan "${plans[@]}"

# ---- what other commands write: arrays from CSV, variant scenarios, scenarios with captures ----

commands="$("$LOGIS" --help | awk '/^commands:/ { on = 1; next } on && /^$/ { exit }
    on && /^  [a-z]/ { print $1 }')"
# Runs logis with the arguments when it has the command, else says the check is left out.
run_when_there() {
    if ! grep -qx "$1" <<<"$commands"; then
        echo "schema: logis has no $1 command, so what it writes is not checked" >&2
        return 1
    fi
    "$LOGIS" "$@" >/dev/null 2>"$SCRATCH/err.txt" && return 0
    fail "logis $* failed:"
    cat "$SCRATCH/err.txt" >&2
    return 1
}

for section in dwellings households; do
    run_when_there export "$section" "$ROOT/data/faar/scenario.json" -o "$SCRATCH/$section.csv" &&
        run_when_there import "$section" "$SCRATCH/$section.csv" -o "$SCRATCH/$section.json" &&
        expect_valid "$section" "$SCRATCH/$section.json"
done
if run_when_there project "$ROOT/data/examples/waiting-and-sharing.json" --stay 1,2 \
    --park 0.5,2 --demand 1.5 --emit "$SCRATCH/variants" --quiet; then
    mapfile -t variants < <(find "$SCRATCH/variants" -name 'variant-*.json' \
        -not -name '*.plan.json' | sort)
    if [ ${#variants[@]} -eq 4 ]; then
        pass
    else
        fail "logis project --emit wrote ${#variants[@]} variants, not 2 stays x 2 parks"
    fi
    expect_valid scenario "${variants[@]}"
fi
if run_when_there need "$ROOT/data/examples/waiting-and-sharing.json" -q \
    -o "$SCRATCH/need.json" --write-scenario "$SCRATCH/captured.json" \
    --write-plan "$SCRATCH/captured-plan.json"; then
    expect_valid scenario "$SCRATCH/captured.json"
    expect_valid plan "$SCRATCH/captured-plan.json"
fi

# ---- invalid documents: one change to a valid base; ajv and the loader must both refuse ----

trim() {
    local text="$1"
    text="${text#"${text%%[![:space:]]*}"}"
    printf '%s' "${text%"${text##*[![:space:]]}"}"
}

# Makes the case's document in FOLDER; prints "schema file scenario-to-check" for it.
make_case() {
    local base="$1" pointer="$2" change="$3" folder="$4"
    case "$base" in
    scenario)
        node "$TOOL" change "$HERE/valid/edges.json" "$pointer" "$change" \
            "$folder/scenario.json" && echo "scenario $folder/scenario.json $folder/scenario.json"
        ;;
    territories | dwellings | households | fixed)
        cp "$HERE"/valid/split/*.json "$folder/" &&
            node "$TOOL" change "$HERE/valid/split/$base.json" "$pointer" "$change" \
                "$folder/$base.json" && echo "$base $folder/$base.json $folder/scenario.json"
        ;;
    plan | replan)
        base="$FAAR_PLAN"
        [ "$1" = plan ] || base="$REPLAN"
        node "$TOOL" change "$base" "$pointer" "$change" "$folder/plan.json" &&
            echo "plan $folder/plan.json -"
        ;;
    *)
        return 1
        ;;
    esac
}

declare -A documents_of=()
cases=()
line_number=0
while IFS= read -r line; do
    line_number=$((line_number + 1))
    case "$line" in '#'* | '') continue ;; esac
    IFS='|' read -r base pointer change ajv_says logis_says <<<"$line"
    base="$(trim "$base")" pointer="$(trim "$pointer")" change="$(trim "$change")"
    ajv_says="$(trim "$ajv_says")" logis_says="$(trim "$logis_says")"
    where="invalid.txt:$line_number ($base $pointer)"
    [ "$base" != replan ] || [ -f "$REPLAN" ] || continue # said above: no --replan
    case "$ajv_says" in
    at) ajv_says="\"instancePath\": \"$pointer\"" ;;
    missing\ *) ajv_says="\"missingProperty\": \"${ajv_says#missing }\"" ;;
    *) fail "$where: the ajv field is neither 'at' nor 'missing NAME'" ;;
    esac
    [ -z "$pointer" ] || [ "${logis_says:0:1}" = / ] || logis_says="$pointer: $logis_says"
    folder="$SCRATCH/case-$line_number"
    mkdir -p "$folder"
    if ! read -r schema document scenario < <(make_case "$base" "$pointer" "$change" "$folder")
    then
        fail "$where: could not make the document"
        continue
    fi
    documents_of["$schema"]+="$document"$'\n'
    cases+=("$schema"$'\t'"$document"$'\t'"$ajv_says"$'\t'"$where")
    [ "$scenario" = - ] && continue
    "$LOGIS" check "$scenario" >/dev/null 2>"$folder/logis.txt"
    code=$?
    # logis names the record beside the pointer ("/households/1/arrival (H2): ..."); the cases
    # give the pointer alone
    sed -E 's#(/[^ :]*) \([^)]*\):#\1:#' "$folder/logis.txt" >"$folder/logis-pointers.txt"
    if [ $code -ne 2 ] || ! grep -qF -- "$logis_says" "$folder/logis-pointers.txt"; then
        fail "$where: logis check exited $code without saying '$logis_says':"
        cat "$folder/logis.txt" >&2
    else
        pass
    fi
done <"$HERE/invalid.txt"

for schema in "${!documents_of[@]}"; do
    mapfile -t files < <(printf '%s' "${documents_of["$schema"]}")
    validate "$schema" "$SCRATCH/refused-$schema.txt" "${files[@]}"
done
for entry in "${cases[@]}"; do
    IFS=$'\t' read -r schema document ajv_says where <<<"$entry"
    report_on "$document" "$SCRATCH/refused-$schema.txt" >"$SCRATCH/case.txt"
    if ! grep -qxF "$document invalid" "$SCRATCH/case.txt"; then
        fail "$where: the $schema schema does not refuse it"
        # ajv names every document it read: when this one is absent, show why.
        grep -qF "$document" "$SCRATCH/refused-$schema.txt" ||
            cat "$SCRATCH/refused-$schema.txt" >&2
    elif ! grep -qF -- "$ajv_says" "$SCRATCH/case.txt"; then
        fail "$where: ajv did not say '$ajv_says':"
        cat "$SCRATCH/case.txt" >&2
    else
        pass
    fi
done

echo "schema: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
