#!/usr/bin/env bash
# Builds the fuzz seed corpus in folder $1 from the sample scenarios (data/) and the CLI test
# inputs: each JSON file alone, and each scenario with the section files it names appended in
# the fuzz target's layout: scenario, then households, dwellings, territories and fixed, each
# after a "\n@@\n" line.
set -euo pipefail
out=$1
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
mkdir -p "$out"
sections=(households dwellings territories fixed)

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
count=0
while IFS= read -r -d '' file; do
    count=$((count + 1))
    cp "$file" "$out/seed-$count"
    folder=$(dirname "$file")
    for section in "${sections[@]}"; do
        grep -q "\"$section\": *\"" "$file" || continue
        combined="$out/seed-$count-sections"
        {
            cat "$file"
            for part in "${sections[@]}"; do
                printf '\n@@\n'
                name=$(grep -o "\"$part\": *\"[^\"]*\"" "$file" | sed 's/.*: *"//; s/"$//') || true
                [ -n "$name" ] && [ -f "$folder/$name" ] && first_records "$folder/$name"
            done
        } >"$combined"
        break
    done
done < <(find "$root/data" "$root/tests/cli/inputs" "$root/tests/cli/cases" \
    -name '*.json' -size -256k -print0 | sort -z)
echo "seed corpus: $count files in $out"
