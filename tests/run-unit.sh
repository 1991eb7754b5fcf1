#!/usr/bin/env bash
# Run cmocka unit-test binaries; print one summary line; fail if any failed.
set -u
pass=0 fail=0
for t in "$@"; do
    if out=$("$t" 2>&1); then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL unit $(basename "$t")" >&2
        echo "$out" | grep -E 'FAILED|ERROR|Failure|error|Assert|runtime' | head -20 >&2
    fi
done
echo "unit: $pass binaries passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
