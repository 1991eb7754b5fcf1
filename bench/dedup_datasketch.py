#!/usr/bin/env python3
"""dedup_datasketch.py — the datasketch side of bench/dedup_vs_datasketch.sh.

Streams a JSON Lines corpus through datasketch's MinHash + MinHashLSH the
way a dedup pipeline uses it: for each article in file order, MinHash of
its word 5-gram shingles (lowercased stream of the runs of letters and
digits, as crossread's fingerprint reads a text),
query the LSH, and if it returns candidates call the article a copy of the
earliest one; then insert it. With --verify, candidates are first checked
by estimated Jaccard >= threshold (keeping every MinHash in memory, as
crossread keeps its compact signatures).

datasketch is not part of crossread: its location is an argument, and
nothing of it is copied here. Needs Debian's python3-numpy and python3-scipy.

Writes predicted groups (id<TAB>group) to --pred and prints one line
`RESULT {json}` with articles, MB of text, seconds (wall and CPU), MB/s
(per wall and per CPU second), articles/s and peak RSS (getrusage,
includes the interpreter and numpy).

Usage: dedup_datasketch.py DATASKETCH_DIR INPUT.jsonl --pred OUT.tsv
         [--threshold T] [--num-perm N] [--shingle K] [--verify]
"""
import argparse
import json
import re
import resource
import sys
import time

TOKEN = re.compile(r"[^\W_]+")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("datasketch")
    ap.add_argument("input")
    ap.add_argument("--pred", required=True)
    ap.add_argument("--threshold", type=float, default=0.5)
    ap.add_argument("--num-perm", type=int, default=64)
    ap.add_argument("--shingle", type=int, default=5)
    ap.add_argument("--verify", action="store_true")
    a = ap.parse_args()
    sys.path.insert(0, a.datasketch)
    from datasketch import MinHash, MinHashLSH  # noqa: E402

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    k = a.shingle
    lsh = MinHashLSH(threshold=a.threshold, num_perm=a.num_perm)
    # one MinHash with the permutations drawn once; copies share them
    proto = MinHash(num_perm=a.num_perm)
    ids, group, kept = [], [], []
    text_bytes = 0
    copies = 0
    t0, c0 = time.perf_counter(), time.process_time()
    with open(a.input, encoding="utf-8") as f:
        for line in f:
            art = json.loads(line)
            text = art.get("text") or ""
            text_bytes += len(text.encode("utf-8"))
            w = TOKEN.findall(text.lower())
            if len(w) >= k:
                sh = [" ".join(w[i:i + k]).encode("utf-8") for i in range(len(w) - k + 1)]
            else:
                sh = [" ".join(w).encode("utf-8")] if w else []
            n = len(ids)
            ids.append(art["id"])
            group.append(n)
            if not sh:
                if a.verify:
                    kept.append(None)
                continue
            m = proto.copy()
            m.update_batch(sh)
            cands = lsh.query(m)
            if a.verify and cands:
                cands = [c for c in cands if m.jaccard(kept[c]) >= a.threshold]
            if cands:
                group[n] = group[min(cands)]
                copies += 1
            lsh.insert(n, m, check_duplication=False)
            if a.verify:
                kept.append(m)
    secs = time.perf_counter() - t0
    cpu = time.process_time() - c0
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with open(a.pred, "w", encoding="utf-8") as f:
        f.write("id\tgroup\n")
        for i, g in zip(ids, group):
            f.write(f"{i}\t{ids[g]}\n")
    print(f"datasketch: {len(ids)} articles, {copies} copies, b={lsh.b} r={lsh.r}, "
          f"num_perm {a.num_perm}, threshold {a.threshold}"
          f"{', verified' if a.verify else ''}; RSS before the stream "
          f"{rss0 / 1024:.1f} MB")
    print("RESULT " + json.dumps({
        "articles": len(ids), "mb": text_bytes / 1e6, "seconds": secs,
        "cpu_seconds": cpu, "mb_per_cpu_s": text_bytes / 1e6 / cpu,
        "mb_per_s": text_bytes / 1e6 / secs, "articles_per_s": len(ids) / secs,
        "peak_rss_mb": rss / 1024, "copies": copies, "bands": lsh.b, "rows": lsh.r}))


if __name__ == "__main__":
    main()
