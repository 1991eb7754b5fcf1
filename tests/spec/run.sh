#!/usr/bin/env bash
# Spec tests: input → expected output, run through the CLI.
#
# For every tests/spec/cases/NAME.txt (a plain-text article, seed format) and
# every expected file beside it:
#   NAME.paragraphs   crossread inspect --file NAME.txt --paragraphs
#   NAME.sentences    crossread inspect --file NAME.txt --sentences
#   NAME.tokens       crossread inspect --file NAME.txt --tokens
# the command's stdout must equal the expected file byte for byte.
# Usage: tests/spec/run.sh path/to/crossread
set -u
cli=${1:?usage: run.sh CLI}
dir=$(cd "$(dirname "$0")/cases" && pwd)
pass=0 fail=0
for exp in "$dir"/*.paragraphs "$dir"/*.sentences "$dir"/*.tokens; do
    [ -e "$exp" ] || continue
    name=${exp%.*}
    what=${exp##*.}
    input=$name.txt
    if [ ! -f "$input" ]; then
        echo "spec: $exp has no input $input" >&2
        fail=$((fail + 1))
        continue
    fi
    if diff -u "$exp" <("$cli" inspect --file "$input" "--$what" 2>&1) >/tmp/crossread-spec.$$ 2>&1; then
        pass=$((pass + 1))
    else
        echo "FAIL spec $(basename "$name").$what" >&2
        head -40 /tmp/crossread-spec.$$ >&2
        fail=$((fail + 1))
    fi
done
rm -f /tmp/crossread-spec.$$
echo "spec: $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
