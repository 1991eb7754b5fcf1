#!/usr/bin/env bash
# Run each libFuzzer target for SECONDS with its seed corpus (fuzz/corpus/NAME)
# and a scratch corpus under build/fuzz/. Usage: fuzz.sh SECONDS TARGET...
set -u
secs=$1; shift
fail=0
for t in "$@"; do
    name=$(basename "$t"); short=${name#fuzz_}
    work=build/fuzz/corpus-$short; mkdir -p "$work"
    seeds=fuzz/corpus/$short
    [ -d "$seeds" ] || seeds=
    if "$t" -max_total_time="$secs" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
        -print_final_stats=0 "$work" $seeds >build/fuzz/$name.log 2>&1; then
        echo "fuzz $name: ok ($(grep -oE "Done [0-9]+ runs" build/fuzz/$name.log | tail -1) in ${secs}s)"
    else
        fail=1
        echo "fuzz $name: FAILED — see build/fuzz/$name.log" >&2
        tail -30 build/fuzz/$name.log >&2
    fi
done
exit $fail
