#!/usr/bin/env bash
# `make test`: every tier, in order, with one summary line at the end.
#   1. build (warnings are errors here)
#   2. unit (cmocka), spec (input → expected output through the CLI),
#      cli (behaviour, bad input, crash consistency, shared-data checks)
#   3. the same three tiers in an ASan+UBSan build
#   4. each libFuzzer target for a short run (FUZZ_SHORT_SECONDS, default 10)
set -u
cd "$(dirname "$0")/.."
jobs=${JOBS:-2}
results=()
failed=0
tier() {
    local name=$1; shift
    echo "=== $name"
    if "$@"; then results+=("$name ok"); else results+=("$name FAILED"); failed=$((failed + 1)); fi
}
tier build make -s -j"$jobs" all CFLAGS="-O2 -g -Werror"
tier unit make -s -j"$jobs" unit
tier spec make -s spec
tier cli make -s clitest
tier asan-build make -s -j"$jobs" BUILD=build/asan SAN=1 OPT=-O1 all
tier asan-unit make -s -j"$jobs" BUILD=build/asan SAN=1 OPT=-O1 unit
tier asan-spec make -s BUILD=build/asan SAN=1 OPT=-O1 spec
tier asan-cli env CROSSREAD_TEST_ASAN=1 make -s BUILD=build/asan SAN=1 OPT=-O1 clitest
tier fuzz make -s fuzz-short FUZZ_SHORT_SECONDS="${FUZZ_SHORT_SECONDS:-10}"
echo
echo "make test: ${#results[@]} tiers, $failed failed — ${results[*]}"
[ "$failed" -eq 0 ]
