#!/usr/bin/env bash
# Throughput benchmarks for ingestion and the text pipeline (one core).
#   1. bench_text: each text-pipeline stage in memory on BBC News, and
#      extract_bench: each extractor and the whole extraction stage on
#      PolNeAR and BBC News
#   2. crossread add: ingest of N articles (BBC News replicated with fresh
#      ids and a changed sentence so no copy is an exact duplicate) into a new
#      SQLite store, next to SQLite itself inserting the same rows with no
#      analysis (sqlite3's readfile/json_each), the floor any ingest pays.
# Usage: bench/run.sh [BUILD_DIR] — needs ../shared/data/bbc.
set -eu
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
data=${CROSSREAD_SHARED:-$root/../shared}/data/bbc/articles.jsonl
n=${BENCH_ARTICLES:-100000}
[ -f "$data" ] || { echo "bench: $data not found; benchmarks need ../shared/data" >&2; exit 1; }
make -s -C "$root" BUILD="$build" all "$build/bench_text" "$build/extract_bench"
tmp=$(mktemp -d /tmp/crossread-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT

echo "== text pipeline (bench_text)"
taskset -c 0 "$build/bench_text" "$data" --mb "${BENCH_MB:-200}" --runs 3

polnear=${CROSSREAD_SHARED:-$root/../shared}/data/polnear
if [ -f "$polnear/train/articles.jsonl" ]; then
    echo
    echo "== extraction: each extractor and the whole stage (extract_bench, PolNeAR train + dev, BBC News)"
    taskset -c 0 "$build/extract_bench" "$polnear"/train/articles.jsonl "$polnear"/dev/articles.jsonl "$data"
fi

echo
echo "== ingest: $n articles into a fresh store"
python3 - "$data" "$tmp/in.jsonl" "$n" <<'PY'
import json, sys
src = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
n = int(sys.argv[3])
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for i in range(n):
        a = dict(src[i % len(src)])
        a["id"] = f"{a['id']}#{i}"
        a["text"] = f"Copy {i}. " + a["text"]
        f.write(json.dumps(a, ensure_ascii=False) + "\n")
PY
mb=$(python3 -c "import os,sys; print(os.path.getsize(sys.argv[1])/1e6)" "$tmp/in.jsonl")
t0=$(date +%s.%N)
taskset -c 0 "$build/crossread" --db "$tmp/c.db" -q --json add --no-dedup --no-stories "$tmp/in.jsonl" >"$tmp/add.json"
t1=$(date +%s.%N)
# The same ingest with near-duplicate detection on. This input is its worst
# case: every BBC article appears ~45 times, so nearly all are near-copies.
# (Stories are off in both: their cost is measured in bench/stories_store.sh.)
taskset -c 0 "$build/crossread" --db "$tmp/d.db" -q --json add --no-stories "$tmp/in.jsonl" >"$tmp/addd.json"
t1d=$(date +%s.%N)
t2=$(date +%s.%N)
taskset -c 0 sqlite3 "$tmp/s.db" >/dev/null <<SQL
pragma journal_mode=wal; pragma synchronous=normal;
create table article(id text unique, source text, title text, text text not null);
insert into article select json_extract(value,'\$.id'), json_extract(value,'\$.source'),
  json_extract(value,'\$.title'), json_extract(value,'\$.text')
  from json_each('[' || replace(rtrim(readfile('$tmp/in.jsonl'), char(10)), char(10), ',') || ']');
SQL
t3=$(date +%s.%N)
python3 - "$t0" "$t1" "$t2" "$t3" "$n" "$mb" "$tmp/add.json" "$t1d" "$tmp/addd.json" <<'PY'
import json, sys
t0, t1, t2, t3, n, mb = map(float, sys.argv[1:7])
t1d = float(sys.argv[8])
r = json.load(open(sys.argv[7]))
assert r["added"] == n, r
rd = json.load(open(sys.argv[9]))
c, s, d = t1 - t0, t3 - t2, t1d - t1
print(f"crossread add   {n/c:10.0f} articles/s {mb/c:7.1f} MB/s  ({c:.2f} s, --no-dedup: tokenized, sentences, language, hashed, indexed)")
print(f"  with dedup    {n/d:10.0f} articles/s {mb/d:7.1f} MB/s  ({d:.2f} s, + fingerprints, LSH; {rd.get('copies')} of {n} flagged as copies)")
print(f"sqlite3 insert  {n/s:10.0f} articles/s {mb/s:7.1f} MB/s  ({s:.2f} s, rows only)")
print(f"ratio crossread/sqlite3: {s/c:.2f}")
PY
