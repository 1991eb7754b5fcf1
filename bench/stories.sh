#!/usr/bin/env bash
# Story clustering benchmarks.
#
#   bench/stories.sh [BUILD_DIR] [stories_eval flags]
#     builds the evaluation driver and runs it on ECB+ in file order (with
#     its largest merges and splits, stories_eval --errors) and over
#     SHUFFLES shuffled orders (default 10), and the seed checks (alone
#     and inside PolNeAR);
#   bench/stories.sh [BUILD_DIR] --stream [stories_stream flags]
#     the throughput and memory benchmark (bench/stories_stream.c):
#     STREAM_ARTICLES articles (default 1,000,000) of synthetic stories
#     built from bbc, polnear and ecbplus over one year, in time order, with
#     a 60-day window so that about 100,000 stories are active in steady
#     state; CPU time of the one thread.
set -eu
B=${1:-build}; shift || true
D=${DATA:-../shared/data}
build() {
    cc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Iinclude \
        "bench/$1.c" "$B/libcrossread.a" \
        $(pkg-config --libs sqlite3 libutf8proc zlib libxxhash) \
        -lstemmer -lcld2 -lstdc++ -lm -pthread -o "$B/$1"
}
if [ "${1:-}" = "--stream" ]; then
    shift
    build stories_stream
    exec "$B/stories_stream" --articles "${STREAM_ARTICLES:-1000000}" \
        --set window=60d "$@" \
        "$D/bbc/articles.jsonl" "$D/polnear/train/articles.jsonl" \
        "$D/polnear/dev/articles.jsonl" "$D/ecbplus/articles.jsonl"
fi
build stories_eval
E="$B/stories_eval"
N=${SHUFFLES:-10}
echo "== ECB+, file order"
"$E" --quiet --errors 8 --gold "$D/ecbplus/gold.tsv" "$D/ecbplus/articles.jsonl" "$@"
echo "== ECB+, shuffled (seeds 1..$N)"
for s in $(seq 1 "$N"); do
    "$E" --quiet --shuffle $s --gold "$D/ecbplus/gold.tsv" "$D/ecbplus/articles.jsonl" "$@"
done | awk '{print; for(i=1;i<=NF;i++){if($i=="F1"){k++; v[k]+=$(i+1); s2[k]+=$(i+1)^2; if(!(k in mn)||$(i+1)<mn[k])mn[k]=$(i+1); if(!(k in mx)||$(i+1)>mx[k])mx[k]=$(i+1)}} n++; k=0}
  END{printf "mean pairwise F1 %.4f (min %.4f max %.4f sd %.4f)  mean BCubed F1 %.4f (min %.4f max %.4f sd %.4f)\n",
      v[1]/n, mn[1], mx[1], sqrt(s2[1]/n-(v[1]/n)^2), v[2]/n, mn[2], mx[2], sqrt(s2[2]/n-(v[2]/n)^2)}'
echo "== seeds alone"
"$E" --quiet examples/seeds/*.txt --show "$(basename examples/seeds/000_*.txt)" "$@"
echo "== seeds inside PolNeAR, time order"
"$E" --quiet --time-order "$D/polnear/train/articles.jsonl" "$D/polnear/dev/articles.jsonl" \
    examples/seeds/*.txt --show "$(basename examples/seeds/000_*.txt)" "$@"
echo "== seeds inside PolNeAR, dates removed, shuffled"
"$E" --quiet --no-dates --shuffle 1 "$D/polnear/train/articles.jsonl" "$D/polnear/dev/articles.jsonl" \
    examples/seeds/*.txt --show "$(basename examples/seeds/000_*.txt)" "$@"
