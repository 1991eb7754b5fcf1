#!/usr/bin/env bash
# What stories cost `crossread add`, and what continuing them costs a run.
#   1. add with and without stories (--no-stories) on BBC News (undated) and
#      PolNeAR train (dated), CPU seconds;
#   2. a second run on a filled store: the replay at start (the active
#      stories' articles and the last --replay clustered ones), for
#      synthetic dated stores of two sizes (tests/cli/gen_years.py) and for
#      BBC (undated: nothing retires, everything is replayed);
#   3. two runs vs one: how far the stories of a store filled in two runs
#      are from those of one run (pairwise agreement of the two partitions,
#      F1), on PolNeAR train split in halves and on ECB+ given dates (each
#      event a day drawn in two years, its articles within four days) split
#      at 1/3, 1/2 and 2/3 of its time line, for several --replay values.
# Usage: bench/stories_store.sh [BUILD_DIR] — needs ../shared/data.
set -eu
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
data=${CROSSREAD_SHARED:-$root/../shared}/data
cli=$root/$build/crossread
[ -f "$data/bbc/articles.jsonl" ] || { echo "bench: $data not found" >&2; exit 1; }
make -s -C "$root" BUILD="$build" all
tmp=$(mktemp -d /tmp/crossread-bench.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cpu() { # cpu LABEL COMMAND...: user CPU seconds of one run
    local label=$1; shift
    /usr/bin/time -f "%U" -o "$tmp/t" "$@" >/dev/null 2>"$tmp/err"
    printf '%-44s %6.2f s CPU\n' "$label" "$(cat "$tmp/t")"
}
agree() { # agree ONE.db TWO.db: pairwise agreement of their stories
    python3 - "$1" "$2" <<'PY'
import collections, sqlite3, sys
def part(db):
    return dict(sqlite3.connect(db).execute(
        "select a.id, m.story from article a join story_member m on m.article = a.rowid"))
a, b = part(sys.argv[1]), part(sys.argv[2])
c2 = lambda n: n * (n - 1) // 2
pa = sum(c2(v) for v in collections.Counter(a.values()).values())
pb = sum(c2(v) for v in collections.Counter(b.values()).values())
both = sum(c2(v) for v in collections.Counter((a[k], b[k]) for k in a).values())
p, r = (both / pb if pb else 1), (both / pa if pa else 1)
print("  %d articles, stories %d (one run) vs %d (two), pairwise agreement F1 %.4f, "
      "same story id for %d" % (len(a), len(set(a.values())), len(set(b.values())),
                                2 * p * r / (p + r) if p + r else 1, sum(a[k] == b[k] for k in a)))
PY
}
two_runs() { # two_runs LABEL FIRST SECOND ONE.db REPLAY
    rm -f "$tmp"/two.db*
    "$cli" --db "$tmp/two.db" -q add "$2" >/dev/null
    "$cli" --db "$tmp/two.db" -q -v add --replay "$5" "$3" 2>&1 >/dev/null |
        grep '^stories:' | sed "s|^stories:|$1, --replay $5:|"
    agree "$4" "$tmp/two.db"
}
echo '{"id":"one-more","text":"A short new article about a harbour."}' >"$tmp/one.jsonl"

echo "== add, with and without stories"
for set in bbc/articles.jsonl polnear/train/articles.jsonl; do
    rm -f "$tmp"/a.db*; cpu "$set --no-stories" "$cli" --db "$tmp/a.db" -q add --no-stories "$data/$set"
    rm -f "$tmp"/a.db*; cpu "$set" "$cli" --db "$tmp/a.db" -q add "$data/$set"
done

echo
echo "== a second run: the replay at start"
python3 "$root/tests/cli/gen_years.py" "$tmp/y50k.jsonl" 50000
head -20000 "$tmp/y50k.jsonl" >"$tmp/y20k.jsonl"
for f in y20k y50k bbc; do
    in=$tmp/$f.jsonl; [ "$f" = bbc ] && in=$data/bbc/articles.jsonl
    rm -f "$tmp"/r.db*; "$cli" --db "$tmp/r.db" -q add "$in" >/dev/null 2>&1
    cpu "second run on $f ($(sqlite3 "$tmp/r.db" 'select count(*) from article') stored)" \
        "$cli" --db "$tmp/r.db" -v add "$tmp/one.jsonl"
    grep "replayed" "$tmp/err"
done

echo
echo "== two runs vs one"
p=$data/polnear/train/articles.jsonl
head -420 "$p" >"$tmp/p1.jsonl"; tail -n +421 "$p" >"$tmp/p2.jsonl"
"$cli" --db "$tmp/pone.db" -q add "$tmp/p1.jsonl" "$tmp/p2.jsonl" >/dev/null
for r in 0 2000; do two_runs "PolNeAR 1/2" "$tmp/p1.jsonl" "$tmp/p2.jsonl" "$tmp/pone.db" $r; done
python3 - "$data/ecbplus" "$tmp/ecb.jsonl" <<'PY'
import csv, datetime, json, random, sys
random.seed(5)
gold = {r[0]: r[1] for r in csv.reader(open(sys.argv[1] + "/gold.tsv"), delimiter="\t") if r[0] != "id"}
arts = [json.loads(l) for l in open(sys.argv[1] + "/articles.jsonl")]
base = {e: datetime.date(2020, 1, 1) + datetime.timedelta(days=random.randrange(730))
        for e in sorted(set(gold.values()))}
for a in arts:
    a["published"] = (base[gold[a["id"]]] + datetime.timedelta(days=random.randrange(4))).isoformat()
arts.sort(key=lambda a: (a["published"], a["id"]))
with open(sys.argv[2], "w") as f:
    for a in arts:
        f.write(json.dumps(a) + "\n")
PY
"$cli" --db "$tmp/eone.db" -q add "$tmp/ecb.jsonl" >/dev/null
n=$(wc -l <"$tmp/ecb.jsonl")
for cut in 1/3 1/2 2/3; do
    k=$((n * ${cut%/*} / ${cut#*/}))
    head -"$k" "$tmp/ecb.jsonl" >"$tmp/e1.jsonl"; tail -n +"$((k + 1))" "$tmp/ecb.jsonl" >"$tmp/e2.jsonl"
    for r in 0 100 300 2000; do two_runs "ECB+ $cut" "$tmp/e1.jsonl" "$tmp/e2.jsonl" "$tmp/eone.db" $r; done
done
