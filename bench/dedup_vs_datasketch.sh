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
# Usage: bench/dedup_vs_datasketch.sh DATASKETCH_DIR [options]
#   --articles N     corpus size (default 20000)
#   --seed N         generator seed (default 1)
#   --threshold T    both tools (default: crossread's default, 0.5)
#   --corpus F G     use an existing corpus F (JSONL) and gold G instead
#   --cpu N          core to pin to (default 0)
#   --verify         also run datasketch with Jaccard verification
# DATASKETCH_DIR is a checkout of github.com/ekzhu/datasketch (never copied
# into this repository). Needs /usr/bin/python3 with python3-numpy and
# python3-scipy (apt-get install python3-numpy python3-scipy).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
[ $# -ge 1 ] || { sed -n '2,/^set -eu/p' "$0" | sed 's/^# \{0,1\}//' | head -n -1 >&2; exit 2; }
ds=$(cd "$1" && pwd); shift
n=20000 seed=1 thr=0.5 corpus= gold= cpu=0 verify=0
while [ $# -gt 0 ]; do
    case $1 in
    --articles) n=$2; shift 2 ;;
    --seed) seed=$2; shift 2 ;;
    --threshold) thr=$2; shift 2 ;;
    --corpus) corpus=$2; gold=$3; shift 3 ;;
    --cpu) cpu=$2; shift 2 ;;
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

echo "== crossread (parse + fingerprint + index)"
taskset -c "$cpu" "$build/dedup_bench" "$corpus" --threshold "$thr" --pred "$tmp/cr.tsv" >"$tmp/cr.out"
grep -v '^RESULT' "$tmp/cr.out" | sed 's/^/  /'
"$build/dedup_bench" --score "$tmp/cr.tsv" --gold "$gold" >"$tmp/cr.score"
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

$py - "$tmp" "$verify" <<'PY'
import json, sys, os
tmp, verify = sys.argv[1], sys.argv[2] == "1"
def load(name):
    r = {}
    for f, tag in ((name + ".out", "RESULT "), (name + ".score", "SCORE ")):
        p = os.path.join(tmp, f)
        if os.path.exists(p):
            for line in open(p):
                if line.startswith(tag):
                    r.update(json.loads(line[len(tag):]))
    return r
cr, cr2, ds = load("cr"), load("cr2"), load("ds")
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
print(f"ratios crossread/datasketch: throughput {cr['mb_per_s'] / ds['mb_per_s']:.1f}x "
      f"per wall second, {cr['mb_per_cpu_s'] / ds['mb_per_cpu_s']:.1f}x per CPU second "
      f"(with analysis {cr2['mb_per_s'] / ds['mb_per_s']:.1f}x / "
      f"{cr2['mb_per_cpu_s'] / ds['mb_per_cpu_s']:.1f}x), "
      f"peak memory {cr['peak_rss_mb'] / ds['peak_rss_mb']:.3f} "
      f"(1/{ds['peak_rss_mb'] / cr['peak_rss_mb']:.1f}), "
      f"ARI {cr['ari'] - ds['ari']:+.4f}, F1 {cr['f1'] - ds['f1']:+.4f}")
PY
