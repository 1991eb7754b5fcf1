#!/usr/bin/env bash
# `make demo`: what crossread does today, on the bundled examples.
set -eu
cli=${1:-build/crossread}
cd "$(dirname "$0")/.."
db=build/demo.db
rm -f "$db" "$db-wal" "$db-shm"
if [ -t 1 ]; then b=$'\033[1m' n=$'\033[0m'; else b= n=; fi
say() { printf '\n%s$ %s%s\n' "$b" "$*" "$n"; }
run() { say "$*"; "$@"; }

run "$cli" --db "$db" add examples/seeds examples/ecbplus-sample.jsonl
run "$cli" --db "$db" add examples/seeds
run "$cli" --db "$db" list
run "$cli" --db "$db" inspect 004_6fa277031cd45622
say "$cli stream < examples/ecbplus-sample.jsonl | head -3"
"$cli" stream < examples/ecbplus-sample.jsonl | head -3
run "$cli" --db "$db" stories --limit 5
run "$cli" compare examples/seeds/000_ff2d2d851122c57f.txt examples/seeds/004_6fa277031cd45622.txt
"$cli" compare --format html -o build/seeds.html examples/seeds/*.txt
printf '\nStore: %s. The seed comparison as a web page: build/seeds.html\n' "$db"
printf 'Try: %s --db %s show 1 --format md\n' "$cli" "$db"
