#!/usr/bin/env bash
# Builds the seed corpus of fuzz target $1 (scenario, plan, household, csv) in folder $2 from the
# project's samples and CLI test inputs; plan seeds are plans of the fixture scenario $3, made by
# the logis program $4. Scenario seeds: each JSON file alone, and each scenario with the files it
# names appended in the target's layout (scenario, households, dwellings, territories, fixed,
# forecast, scores), each after a "\n@@\n" line.
set -euo pipefail
target=$1 out=$2 fixture=${3:-} logis=${4:-}
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rm -rf "$out"
mkdir -p "$out"

# A seed, not a benchmark: a long array file (one record a line) is cut to its first records
# and closed again.
first_records() {
    if [ "$(wc -l <"$1")" -le 200 ]; then
        cat "$1"
    else
        head -n 199 "$1" | sed '$ s/,$//'
        echo ']'
    fi
}

# Numbered by the files already there: seed often runs at the end of a pipeline, in a subshell.
seed() { cat >"$out/seed-$(($(find "$out" -type f | wc -l) + 1))"; }

named_file() { # the file a scenario names in member $2 (a string, or an object's "households")
    grep -o "\"$2\": *{\? *\(\"households\": *\)\?\"[^\"]*\"" "$1" | sed 's/.*: *"//; s/"$//' |
        sed -n '1p'
}

scenario_seeds() {
    local sections=(households dwellings territories fixed forecast scores) file folder name
    while IFS= read -r -d '' file; do
        seed <"$file"
        folder=$(dirname "$file")
        grep -q "\": *{\? *\(\"households\": *\)\?\"[^\"]*\.\(json\|csv\)\"" "$file" || continue
        {
            cat "$file"
            for part in "${sections[@]}"; do
                printf '\n@@\n'
                name=$(named_file "$file" "$part") || true
                if [ -n "$name" ] && [ -f "$folder/$name" ]; then first_records "$folder/$name"; fi
            done
        } | seed
    done < <(find "$root/data" "$root/tests/cli/inputs" "$root/tests/cli/cases" \
        "$root/tests/matching/cases" -name '*.json' -size -256k -print0 | sort -z)
}

plan_seeds() {
    "$logis" plan "$fixture" -q | seed
    "$logis" plan "$fixture" --first-fit -q | seed
    find "$root/tests/cli/cases" -name 'plan*.json' -size -64k -print0 |
        while IFS= read -r -d '' file; do seed <"$file"; done
}

household_seeds() {
    find "$root/tests/cli/cases" -path '*suggest*' -name 'household*.json' -print0 |
        while IFS= read -r -d '' file; do seed <"$file"; done
    grep -o '{"id": [^}]*}' "$root/data/faar/households.json" | sed -n '1,40p' |
        while IFS= read -r line; do printf '%s\n' "$line" | seed; done
}

csv_seeds() { # the first byte picks the records: 0 dwellings, 1 households, 2 scores
    local file kind
    while IFS= read -r -d '' file; do
        case $(basename "$file") in
        *dwelling*) kind='\000' ;; *household* | *case*) kind='\001' ;; *) kind='\002' ;;
        esac
        { printf "$kind"; head -c 65536 "$file"; } | seed
    done < <(find "$root/tests" "$root/data" -name '*.csv' -print0 | sort -z)
    for kind in dwellings households; do
        { printf "\\$([ $kind = dwellings ] && echo 000 || echo 001)"
          "$logis" export "$kind" "$root/data/faar/scenario.json" | sed -n '1,100p'; } | seed
    done
}

"${target}_seeds"
echo "seed corpus of $target: $(find "$out" -type f | wc -l) files in $out"
