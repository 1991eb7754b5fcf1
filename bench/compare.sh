#!/usr/bin/env bash
# Benchmark of the comparison (`crossread compare`, the code `crossread show`
# runs once a story's articles are read from the store):
#   1. two articles of about 2,000 words each that share a third of their
#      sentences (the issue's target: under 100 ms);
#   2. one "story" of 200 real articles (BBC politics, 2004-2005: one topic,
#      many overlapping reports; target: under 2 s).
# Each case runs REPEAT times (default 5); the best and median wall times are
# printed. Data comes from ../shared/data/bbc and is written to a temporary
# folder, never to the repository.
# Usage: bench/compare.sh [BUILD_DIR]   (default build)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cli=$root/${1:-build}/crossread
shared=${CROSSREAD_SHARED:-$root/../shared}
repeat=${REPEAT:-5}
[ -x "$cli" ] || { echo "build crossread first (make)"; exit 1; }
[ -f "$shared/data/bbc/articles.jsonl" ] || { echo "needs $shared/data/bbc"; exit 1; }
tmp=$(mktemp -d /tmp/crossread-bench-compare.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

python3 - "$shared/data/bbc/articles.jsonl" "$tmp" <<'EOF'
import json, sys
arts = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
pol = [a for a in arts if a.get("topic") == "politics"]
out = sys.argv[2]
# two ~2,000-word articles: a shares a third of its paragraphs with b
def words(t): return len(t.split())
paras = [p for a in pol for p in a["text"].split("\n") if p.strip()]
a, b, i = [], [], 0
while sum(map(words, a)) < 2000:
    a.append(paras[i]); i += 1
    if i % 3 == 0: b.append(paras[i - 1])
while sum(map(words, b)) < 2000:
    b.append(paras[i]); i += 1
open(out + "/a.txt", "w").write("\n\n".join(a) + "\n")
open(out + "/b.txt", "w").write("\n\n".join(b[::-1]) + "\n")
print("pair: %d and %d words" % (sum(map(words, a)), sum(map(words, b))))
with open(out + "/story200.jsonl", "w") as f:
    for x in pol[:200]:
        f.write(json.dumps(x) + "\n")
print("story: 200 articles, %d words" % sum(words(x["text"]) for x in pol[:200]))
EOF

time_it() { # time_it LABEL COMMAND... : best and median of $repeat runs, ms
    local label=$1; shift
    local t=()
    for _ in $(seq "$repeat"); do
        local s e
        s=$(date +%s%N)
        "$@" >/dev/null
        e=$(date +%s%N)
        t+=($(( (e - s) / 1000000 )))
    done
    printf '%s\n' "${t[@]}" | sort -n | awk -v l="$label" '
        { v[NR] = $1 } END { printf "%-34s best %5d ms   median %5d ms   (%d runs)\n", l, v[1], v[int((NR + 1) / 2)], NR }'
}
time_it "compare: 2 x 2,000 words" "$cli" compare --format json "$tmp/a.txt" "$tmp/b.txt"
time_it "compare: 200-article story" "$cli" compare --format json "$tmp/story200.jsonl"

# crossread show on the largest story of the BBC corpus, as stored by add
db=$tmp/bbc.db
"$cli" --db "$db" --quiet add "$shared/data/bbc/articles.jsonl" >/dev/null 2>&1 || true
big=$("$cli" --db "$db" --json stories | python3 -c '
import json, sys
best = max((json.loads(l) for l in sys.stdin), key=lambda s: s["articles"] + s.get("copies", 0))
print(best["id"], best["articles"] + best.get("copies", 0))')
set -- $big
time_it "show: largest BBC story ($2 articles)" "$cli" --db "$db" show --format json "$1"
