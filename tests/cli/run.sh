#!/usr/bin/env bash
# CLI behaviour tests: ingestion, idempotence, bad input, gzip and stdin,
# the stream filter, limits, store versioning, and crash consistency under
# kill -9. Shared-data checks run when ../shared/data exists and are
# reported as skipped otherwise. Usage: tests/cli/run.sh path/to/crossread
set -u
cli=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
root=$(cd "$(dirname "$0")/../.." && pwd)
shared=${CROSSREAD_SHARED:-$root/../shared}
tmp=$(mktemp -d /tmp/crossread-cli.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
pass=0 fail=0 skip=0
ok()   { pass=$((pass + 1)); }
bad()  { fail=$((fail + 1)); echo "FAIL cli: $*" >&2; }
check() { # check DESCRIPTION COMMAND... : command must succeed
    local d=$1; shift
    if "$@"; then ok; else bad "$d"; fi
}
run() { # run into $tmp/out, $tmp/err and $rc
    "$cli" "$@" >"$tmp/out" 2>"$tmp/err"; rc=$?
}
count() { sqlite3 "$1" 'select count(*) from article'; }
has() { grep -qF -- "$2" "$1"; }

seeds=$root/examples/seeds
db=$tmp/seeds.db

# --- seeds: two articles, the date marker is metadata, re-adding is a no-op
run --db "$db" add "$seeds"
check "seeds: exit 0" [ "$rc" -eq 0 ]
check "seeds: 2 added" has "$tmp/out" "added 2 new articles"
check "seeds: 2 rows" [ "$(count "$db")" = 2 ]
run --db "$db" --json inspect 004_6fa277031cd45622
check "004: inspect ok" [ "$rc" -eq 0 ]
check "004: published from marker" has "$tmp/out" '"published":"2023-09-13","published_how":"marker"'
check "004: marker not in text" [ "$(sqlite3 "$db" "select instr(text,'date 2023') from article where id='004_6fa277031cd45622'")" = 0 ]
check "004: text starts with the body" [ "$(sqlite3 "$db" "select substr(text,1,19) from article where id='004_6fa277031cd45622'")" = "North Korean leader" ]
check "004: language en" has "$tmp/out" '"lang":"en"'
run --db "$db" add "$seeds"
check "seeds again: exit 0" [ "$rc" -eq 0 ]
check "seeds again: nothing new" has "$tmp/out" "added 0 new articles; 2 already stored (2 same id, 0 same text)"
check "seeds again: still 2 rows" [ "$(count "$db")" = 2 ]
cp "$seeds/000_ff2d2d851122c57f.txt" "$tmp/copy-of-000.txt"
run --db "$db" add "$tmp/copy-of-000.txt"
check "same text, other id: not stored" has "$tmp/out" "(0 same id, 1 same text)"
check "same text: still 2 rows" [ "$(count "$db")" = 2 ]
run --db "$db" inspect nope
check "inspect missing: exit 4" [ "$rc" -eq 4 ]
check "inspect missing: says so" has "$tmp/err" "no article 'nope'"

# --- a directory mixing good and bad input
mix=$tmp/mix; mkdir -p "$mix/sub"
printf 'A good plain article about a harbour opening in Lisbon.\n' >"$mix/good.txt"
printf 'Another good one, in a subfolder, about rain in Oslo.\n' >"$mix/sub/good2.txt"
printf 'Bad bytes here: \xff\xfe and more.\n' >"$mix/bad-utf8.txt"
printf '   \n\n  ' >"$mix/empty.txt"
printf '\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00' >"$mix/image.png"
{
  echo '{"id":"j1","source":"wire","published":"2024-01-02","text":"First JSON article, about a bridge."}'
  echo '{"id":"j2","source":"wire","text":"Second JSON article, about a tunnel."'
  echo '{"id":"j3","source":"wire","text":"Third JSON article, about trains."} trailing'
  echo '{"id":"j4","source":"wire","published":"2024-02-30","text":"A bad date."}'
  echo 'not json at all'
  echo '{"id":"j5","source":"wire","text":"Fifth JSON article, about ferries.","extra":{"nested":[1,2,{"x":null}]}}'
  echo '{"id":"j6","text":""}'
} >"$mix/feed.jsonl"
before=$(sqlite3 "$db" "select group_concat(id||content_hash) from article order by id")
run --db "$db" add "$mix"
check "mixed dir: exit 1" [ "$rc" -eq 1 ]
check "mixed dir: good text stored" [ "$(sqlite3 "$db" "select count(*) from article where id in ('good','sub/good2','j1','j5')")" = 4 ]
check "mixed dir: 6 rows now" [ "$(count "$db")" = 6 ]
check "mixed dir: earlier rows untouched" [ "$(sqlite3 "$db" "select group_concat(id||content_hash) from article where id like '00%' order by id")" = "$before" ]
check "bad utf8: file:line:col" grep -qE "bad-utf8.txt:1:17: invalid UTF-8.*byte 16" "$tmp/err"
check "empty file reported" grep -qE "empty.txt: empty article" "$tmp/err"
check "binary file reported" grep -qE "image.png:.*binary" "$tmp/err"
check "truncated json: line 2" grep -qE "feed.jsonl:2:[0-9]+: malformed JSON" "$tmp/err"
check "trailing garbage: line 3" grep -qE "feed.jsonl:3:[0-9]+: malformed JSON" "$tmp/err"
check "bad date: line 4" grep -qE "feed.jsonl:4:[0-9]+: bad date" "$tmp/err"
check "not json: line 5" grep -qE "feed.jsonl:5:1: malformed JSON" "$tmp/err"
check "empty text: line 7" grep -qE "feed.jsonl:7:[0-9]+: empty article" "$tmp/err"
check "8 error lines" [ "$(grep -c "^crossread: " "$tmp/err")" = 8 ]
check "summary counts rejects" has "$tmp/out" "8 rejected"

# --- limits
big=$tmp/big.txt
head -c 3000 /dev/zero | tr '\0' 'a' >"$big"
run --db "$db" --max-article-bytes 1000 add "$big"
check "over-limit article: exit 1" [ "$rc" -eq 1 ]
check "over-limit article: says which limit" has "$tmp/err" "--max-article-bytes"
{ printf '{"id":"long","text":"'; head -c 5000 /dev/zero | tr '\0' 'b'; printf '"}\n'
  echo '{"id":"short","text":"Short and fine."}'; } >"$tmp/long.jsonl"
run --db "$db" --max-line-bytes 1000 add "$tmp/long.jsonl"
check "over-limit line: exit 1" [ "$rc" -eq 1 ]
check "over-limit line: says which limit" has "$tmp/err" "--max-line-bytes"
check "over-limit line: next line stored" [ "$(sqlite3 "$db" "select count(*) from article where id='short'")" = 1 ]
deep=$(printf '[%.0s' $(seq 100))
echo "{\"id\":\"deep\",\"x\":$deep,\"text\":\"t\"}" >"$tmp/deep.jsonl"
run --db "$db" add "$tmp/deep.jsonl"
check "deep json: limit error" grep -qE "deep.jsonl:1:[0-9]+: limit exceeded" "$tmp/err"

# --- gzip, stdin, --source, inferred dates
printf '{"id":"g1","url":"https://example.org/2021/03/04/story","text":"Gzipped article about a harbour."}\n' | gzip >"$tmp/feed.jsonl.gz"
run --db "$db" --json add --source gzwire "$tmp/feed.jsonl.gz"
check "gzip: added" has "$tmp/out" '"added":1'
check "gzip: source and inferred date" [ "$(sqlite3 "$db" "select source||' '||published||' '||published_how from article where id='g1'")" = "gzwire 2021-03-04 inferred" ]
printf 'Plain text from stdin about a storm in Bergen.\n' | "$cli" --db "$db" add --id from-stdin - >"$tmp/out" 2>"$tmp/err"
check "stdin text: stored under --id" [ "$(sqlite3 "$db" "select count(*) from article where id='from-stdin'")" = 1 ]
printf '{"id":"s1","text":"JSON from stdin about a new airport."}\n' | gzip | "$cli" --db "$db" add - >"$tmp/out" 2>"$tmp/err"
check "stdin gzip jsonl: stored" [ "$(sqlite3 "$db" "select count(*) from article where id='s1'")" = 1 ]
run --db "$db" --json list
check "list --json: one line per article" [ "$(wc -l <"$tmp/out")" = "$(count "$db")" ]
check "list --json: valid JSON with outlets" python3 -c '
import json,sys
rows=[json.loads(l) for l in open(sys.argv[1])]
assert any(r["source"]=="wire" and r["published"]=="2024-01-02" for r in rows)' "$tmp/out"

# --- stream
{ echo '{"id":"a","published":"2023-09-13T10:00:00+02:00","text":"Der Bundestag hat am Mittwoch ein neues Gesetz beschlossen. Die Opposition kritisierte das Verfahren scharf."}'
  echo '{"id":"b","text":'
  echo '{"id":"c","text":"One sentence. Two sentences, said Mr. Smith on Sept. 13 in the U.S. capital."}'; } >"$tmp/s.jsonl"
"$cli" stream <"$tmp/s.jsonl" >"$tmp/out" 2>"$tmp/err"; rc=$?
check "stream: exit 1 on a bad line" [ "$rc" -eq 1 ]
check "stream: two lines out, in order" [ "$(python3 -c 'import json,sys; print(",".join(json.loads(l)["id"] for l in open(sys.argv[1])))' "$tmp/out")" = "a,c" ]
check "stream: bad line reported" grep -qE "stdin:2:[0-9]+: malformed JSON" "$tmp/err"
check "stream: german detected, date in UTC" has "$tmp/out" '{"id":"a","source":null,"lang":"de","published":"2023-09-13T08:00:00Z","published_how":"given","paragraphs":1,"sentences":2'
check "stream: abbreviations do not split" has "$tmp/out" '"id":"c","source":null,"lang":"en","published":null,"published_how":null,"paragraphs":1,"sentences":2'

# --- store versioning
sqlite3 "$tmp/new.db" 'pragma user_version=99; create table meta(key text primary key, value text); insert into meta values("application","crossread");'
run --db "$tmp/new.db" list
check "newer schema: exit 3" [ "$rc" -eq 3 ]
check "newer schema: says upgrade" grep -qi "newer" "$tmp/err"
printf 'this is not a database at all, just text\n%.0s' $(seq 200) >"$tmp/notdb.db"
run --db "$tmp/notdb.db" list
check "not a database: exit 3" [ "$rc" -eq 3 ]

# --- usage
run --help;            check "help: exit 0" [ "$rc" -eq 0 ]
for c in add list inspect stream; do
    run "$c" --help;   check "$c --help: exit 0 with examples" has "$tmp/out" "Example"
done
run frobnicate;        check "unknown command: exit 2" [ "$rc" -eq 2 ]
run --db "$db" add;    check "add without path: exit 2" [ "$rc" -eq 2 ]
run --db "$db" add "$tmp/does-not-exist.txt"
check "missing file: exit 1 and named" [ "$rc" -eq 1 ] && has "$tmp/err" "does-not-exist.txt: cannot open"

# --- crash consistency: kill -9 in the middle of a large ingest, then re-run
if [ -z "${CROSSREAD_TEST_ASAN:-}" ]; then n=60000; else n=15000; fi
python3 - "$tmp/large.jsonl" "$n" <<'PY'
import json, random, sys
random.seed(7)
words = "the of and harbour minister said on talks city police report council budget storm vote court rail".split()
with open(sys.argv[1], "w") as f:
    for i in range(int(sys.argv[2])):
        text = " ".join(random.choice(words) for _ in range(300)) + "."
        f.write(json.dumps({"id": f"c{i}", "source": "synthetic", "text": text}) + "\n")
PY
cdb=$tmp/crash.db
"$cli" --db "$cdb" -q add --batch 500 "$tmp/large.jsonl" >/dev/null 2>&1 &
pid=$!
for _ in $(seq 200); do
    sleep 0.05
    c=$(sqlite3 "$cdb" 'select count(*) from article' 2>/dev/null || echo 0)
    [ "${c:-0}" -ge 1000 ] && break
done
kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
got=$(count "$cdb")
check "crash: killed mid-ingest ($got of $n stored)" [ "$got" -gt 0 ] && [ "$got" -lt "$n" ]
check "crash: integrity ok" [ "$(sqlite3 "$cdb" 'pragma integrity_check')" = ok ]
check "crash: only whole batches" [ $((got % 500)) -eq 0 ]
run --db "$cdb" --json add --batch 500 "$tmp/large.jsonl"
check "crash: re-run completes" [ "$rc" -eq 0 ] && [ "$(count "$cdb")" = "$n" ]
check "crash: re-run adds the rest" has "$tmp/out" "\"added\":$((n - got)),\"same_id\":$got"

# --- shared data (present in CI and in the team's sessions)
if [ -d "$shared/data" ]; then
    pdb=$tmp/polnear.db
    run --db "$pdb" add "$shared/data/polnear/train/articles.jsonl"
    check "polnear train: exit 0" [ "$rc" -eq 0 ]
    check "polnear train: 840 stored" [ "$(count "$pdb")" = 840 ]
    run --db "$pdb" --json list
    check "polnear list: outlets and dates" python3 -c '
import json,sys
rows=[json.loads(l) for l in open(sys.argv[1])]
assert len(rows)==840
assert len({r["source"] for r in rows})==7, {r["source"] for r in rows}
assert all(r["published"] for r in rows)' "$tmp/out"
    "$cli" stream <"$shared/data/ecbplus/articles.jsonl" >"$tmp/out" 2>"$tmp/err"; rc=$?
    check "ecbplus stream: exit 0" [ "$rc" -eq 0 ]
    check "ecbplus stream: 982 lines in input order" python3 -c '
import json,sys
ids=[json.loads(l)["id"] for l in open(sys.argv[2])]
src=[json.loads(l)["id"] for l in open(sys.argv[1])]
assert len(src)==982 and src==ids' "$tmp/out" "$shared/data/ecbplus/articles.jsonl"
    run --db "$tmp/shared-seeds.db" add "$shared/../shared/seeds"
    check "../shared/seeds: 2 stored" [ "$(count "$tmp/shared-seeds.db")" = 2 ]
else
    skip=$((skip + 1))
    echo "cli: SKIPPED shared-data checks: $shared/data not found (they run in CI)"
fi

echo "cli: $pass passed, $fail failed, $skip groups skipped"
[ "$fail" -eq 0 ]
