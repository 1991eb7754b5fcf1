#!/usr/bin/env bash
# Near-duplicate detection side by side: crossread vs datasketch's
# MinHash-LSH, on the same synthetic syndication corpus, one after the other,
# each pinned to one core. Prints for each: throughput (MB of article text
# per second of wall time and per second of CPU time, articles/s), peak
# RSS, pairwise precision/recall/F1 and ARI against the gold (both scored
# by bench/dedup_bench --score), and the ratios. On a shared machine the
# CPU-time figures are the steadier: they count the time each process ran.
#
# Same corpus, same shingles (word 5-grams of the lowercased stream of
# letter-and-digit runs),
# same threshold, streaming insert+query in time order, num_perm 64 for
# datasketch (crossread's CR_MINHASH_SIZE). crossread runs its whole
# near-duplicate path, from a JSON line to a decision: cr_parse_jsonl +
# cr_fingerprint_text + cr_dedup_add (and, as a second line, with the
# cr_doc_analyze that `crossread add` runs before storing an article, which
# the fingerprint does not use).
#
# crossread's run is short (well under a second at 20,000 articles), so one
# run measures the machine's momentary load as much as the code: the
# crossread side runs --runs times (default 5), every run's figures are
# printed, and the table and the ratios use the median of each throughput
# figure (the spread, min-max, is printed beside it) and the largest peak
# RSS. Its groups are the same in every run (checked); they are scored
# once. datasketch's run is long and steady (minutes), so it runs once;
# "+ analysis" runs once too (informative).
#
# Usage: bench/dedup_vs_datasketch.sh DATASKETCH_DIR [options]
#   --articles N     corpus size (default 20000)
#   --seed N         generator seed (default 1)
#   --threshold T    both tools (default: crossread's default, 0.5)
#   --corpus F G     use an existing corpus F (JSONL) and gold G instead
#   --cpu N          core to pin to (default 0)
#   --runs N         crossread runs, medians reported (default 5)
#   --verify         also run datasketch with Jaccard verification
# DATASKETCH_DIR is a checkout of github.com/ekzhu/datasketch (never copied
# into this repository). Needs /usr/bin/python3 with python3-numpy and
# python3-scipy (apt-get install python3-numpy python3-scipy).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 1 ] || { sed -n '2,/^set -eu/p' "$0" | sed 's/^# \{0,1\}//' | head -n -1 >&2; exit 2; }
ds=$(cd "$1" && pwd); shift
n=20000 seed=1 thr=0.5 corpus= gold= cpu=0 verify=0 runs=5
while [ $# -gt 0 ]; do
    case $1 in
    --articles) n=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --threshold) thr=$2; shift 2 ;;
    --corpus) corpus=$2; gold=$3; shift 3 ;;
    --cpu) cpu=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --verify) verify=1; shift ;;
    *) echo "dedup_vs_datasketch: unknown option $1" >&2; exit 2 ;;
    esac
done
py=/usr/bin/python3
[ -d "$ds/datasketch" ] || { echo "dedup_vs_datasketch: $ds has no datasketch/ package" >&2; exit 2; }
$py -c 'import numpy, scipy' 2>/dev/null || {
    echo "dedup_vs_datasketch: $py lacks numpy/scipy (apt-get install python3-numpy python3-scipy)" >&2; exit 2; }

build=$root/build/bench
make -s -C "$root" BUILD="$build" lib
cc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -I"$root/include" "$root/bench/dedup_bench.c" \
    "$root/cli/dup_metrics.c" \
    "$build/libcrossread.a" $(pkg-config --libs sqlite3 libutf8proc zlib libxxhash) \
    -lstemmer -lcld2 -lstdc++ -lm -pthread -o "$build/dedup_bench"

tmp=$(mktemp -d /tmp/crossread-dedup.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
if [ -z "$corpus" ]; then
    corpus=$tmp/corpus.jsonl gold=$tmp/gold.tsv
    echo "== corpus: gen_syndication.py --seed $seed --articles $n"
    $py "$root/bench/gen_syndication.py" --seed "$seed" --articles "$n" "$corpus" "$gold"
fi
echo "== corpus $corpus ($(wc -l <"$corpus") articles), threshold $thr, core $cpu"

result() { sed -n 's/^RESULT //p' "$1"; }
score() { sed -n 's/^SCORE //p' "$1"; }

case $runs in ''|*[!0-9]*|0) echo "dedup_vs_datasketch: --runs wants a positive number" >&2; exit 2 ;; esac
echo "== crossread (parse + fingerprint + index), $runs runs"
for r in $(seq 1 "$runs"); do
    taskset -c "$cpu" "$build/dedup_bench" "$corpus" --threshold "$thr" --pred "$tmp/crrun$r.tsv" >"$tmp/crrun$r.out"
    if [ "$r" = 1 ]; then
        grep -v '^RESULT' "$tmp/crrun1.out" | sed 's/^/  /'
    elif ! cmp -s "$tmp/crrun1.tsv" "$tmp/crrun$r.tsv"; then
        echo "dedup_vs_datasketch: run $r found other groups than run 1" >&2; exit 1
    fi
    echo "  run $r: $(grep '^throughput' "$tmp/crrun$r.out")"
done
"$build/dedup_bench" --score "$tmp/crrun1.tsv" --gold "$gold" >"$tmp/cr.score"
echo "== crossread with cr_doc_analyze (parse + analyze + fingerprint + index)"
taskset -c "$cpu" "$build/dedup_bench" "$corpus" --threshold "$thr" --analyze >"$tmp/cr2.out"
grep -E '^throughput|peak RSS' "$tmp/cr2.out" | sed 's/^/  /'
echo "== datasketch MinHashLSH (num_perm 64)"
taskset -c "$cpu" $py "$root/bench/dedup_datasketch.py" "$ds" "$corpus" --threshold "$thr" \
    --num-perm 64 --pred "$tmp/ds.tsv" >"$tmp/ds.out"
grep -v '^RESULT' "$tmp/ds.out" | sed 's/^/  /'
"$build/dedup_bench" --score "$tmp/ds.tsv" --gold "$gold" >"$tmp/ds.score"
if [ "$verify" = 1 ]; then
    echo "== datasketch MinHashLSH + Jaccard verification"
    taskset -c "$cpu" $py "$root/bench/dedup_datasketch.py" "$ds" "$corpus" --threshold "$thr" \
        --num-perm 64 --verify --pred "$tmp/dsv.tsv" >"$tmp/dsv.out"
    "$build/dedup_bench" --score "$tmp/dsv.tsv" --gold "$gold" >"$tmp/dsv.score"
fi

$py - "$tmp" "$verify" "$runs" <<'PY'
import json, sys, os, statistics
tmp, verify, runs = sys.argv[1], sys.argv[2] == "1", int(sys.argv[3])
def load(name):
    r = {}
    for f, tag in ((name + ".out", "RESULT "), (name + ".score", "SCORE ")):
        p = os.path.join(tmp, f)
        if os.path.exists(p):
            for line in open(p):
                if line.startswith(tag):
                    r.update(json.loads(line[len(tag):]))
    return r
crs = [load("crrun%d" % r) for r in range(1, runs + 1)]
cr = dict(crs[0])
cr.update(load("cr"))  # the scores
spread = {}
for k in ("mb_per_s", "mb_per_cpu_s", "articles_per_s", "peak_rss_mb"):
    v = [r[k] for r in crs]
    cr[k] = max(v) if k == "peak_rss_mb" else statistics.median(v)
    spread[k] = (min(v), max(v))
cr2, ds = load("cr2"), load("ds")
for k in ("precision", "recall", "f1", "ari"):  # same groups as "crossread"
    cr2.pop(k, None)
rows = [("crossread", cr), ("crossread + analysis", cr2), ("datasketch", ds)]
if verify:
    rows.append(("datasketch + verify", load("dsv")))
print()
print(f"{'':22} {'MB/s':>7} {'CPU MB/s':>8} {'articles/s':>10} {'peak RSS MB':>11} "
      f"{'index B/art':>11} {'P':>7} {'R':>7} {'F1':>7} {'ARI':>7}")
for name, r in rows:
    ib = r.get("index_bytes_per_article")
    f = lambda k: f"{r[k]:7.4f}" if k in r else f"{'-':>7}"
    print(f"{name:22} {r['mb_per_s']:7.2f} {r['mb_per_cpu_s']:8.2f} {r['articles_per_s']:10.0f} "
          f"{r['peak_rss_mb']:11.1f} {(f'{ib:11.0f}' if ib else f'{chr(45):>11}')} "
          f"{f('precision')} {f('recall')} {f('f1')} {f('ari')}")
print()
print(f"crossread over {runs} runs: median {cr['mb_per_s']:.1f} MB/s "
      f"({spread['mb_per_s'][0]:.1f}-{spread['mb_per_s'][1]:.1f}), "
      f"{cr['mb_per_cpu_s']:.1f} MB per CPU second "
      f"({spread['mb_per_cpu_s'][0]:.1f}-{spread['mb_per_cpu_s'][1]:.1f}); "
      "per run (wall / CPU): " + ", ".join(
          f"{r['mb_per_s']:.1f} / {r['mb_per_cpu_s']:.1f}" for r in crs))
print(f"ratios crossread (median)/datasketch: throughput {cr['mb_per_s'] / ds['mb_per_s']:.1f}x "
      f"per wall second, {cr['mb_per_cpu_s'] / ds['mb_per_cpu_s']:.1f}x per CPU second "
      f"(with analysis {cr2['mb_per_s'] / ds['mb_per_s']:.1f}x / "
      f"{cr2['mb_per_cpu_s'] / ds['mb_per_cpu_s']:.1f}x), "
      f"peak memory {cr['peak_rss_mb'] / ds['peak_rss_mb']:.3f} "
      f"(1/{ds['peak_rss_mb'] / cr['peak_rss_mb']:.1f}), "
      f"ARI {cr['ari'] - ds['ari']:+.4f}, F1 {cr['f1'] - ds['f1']:+.4f}")
PY
