#!/usr/bin/env python3
"""gen_syndication.py — a synthetic syndication set built from real articles.

Takes real news articles (BBC News and PolNeAR from ../shared/data), and
writes a stream in which some originals are republished by other outlets
with the edits syndication makes, plus a gold file saying which articles
are copies of one original. Deterministic for a given --seed.

Pool. The real articles, minus any that are themselves (near-)copies of an
earlier one: BBC has about a hundred exact-duplicate pairs and some updated
versions, PolNeAR has articles annotated twice and wire stories run by two
outlets. Any article whose 5-word-shingle Jaccard or containment with an
earlier kept one is >= 0.2 is dropped, so the gold needs no guessing.

Originals. Pool articles first, in a seeded random order. When --articles
asks for more than the pool holds, further originals are "remixes": a pool
article's paragraph layout filled with sentences drawn from the whole
corpus, 15% of their words replaced by corpus words. Remixes share a
sentence with another article now and then (as real stories do) but no more
than about 2% of their shingles, far below any copy.

Copies. --originals of the originals (pool articles first) get 1 to
--max-copies copies each, published 5 minutes to 2 days after the original
by another outlet, each with independent edits:
  - tail trimmed (half of the copies keep everything, the others keep
    50-100% of the words, cut at a sentence end),
  - a new headline,
  - boilerplate: a wire credit ("LONDON (Reuters) -", "(AP) -"), a byline,
    "Read more", "Reporting by ...; Editing by ...", copyright lines,
    added; the original's lines of that kind sometimes removed,
  - 1-10% of the words substituted (by corpus words) or dropped,
  - paragraphs reflowed (merged or split; blank-line or single-newline
    layout), quote marks straight or curly.

Output: JSON Lines in crossread's interchange schema (id, source, published,
title, text) in time order, and a gold TSV `id<TAB>group` (group = the
original's id) with a header line.

Usage: gen_syndication.py [--seed N] [--articles N] [--originals N]
         [--max-copies N] [--days N] [--data DIR] OUT.jsonl GOLD.tsv
"""
import argparse
import datetime
import json
import os
import random
import re
import sys

WORD = re.compile(r"\w+")
SENT_END = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'\u201d\u2019)]))\s+(?=[\"'\u201c\u2018(]?[A-Z0-9])")

CITIES = ["LONDON", "WASHINGTON", "NEW YORK", "PARIS", "BRUSSELS", "BERLIN",
          "TOKYO", "SYDNEY", "MOSCOW", "BEIJING", "NAIROBI", "MUMBAI"]
WIRES = ["Reuters", "AP", "AFP", "UPI", "PA", "Bloomberg"]
FIRST = ["James", "Maria", "Chen", "Aisha", "Tom", "Elena", "David", "Priya",
         "Lucas", "Sarah", "Omar", "Julia", "Kenji", "Anna", "Peter", "Fatima"]
LAST = ["Smith", "Garcia", "Wang", "Khan", "Brown", "Rossi", "Müller", "Patel",
        "Okafor", "Johnson", "Novak", "Lee", "Silva", "Kowalski", "Dubois"]
OUTLET_A = ["Daily", "Evening", "Morning", "Weekly", "National", "Metro",
            "Valley", "Coastal", "Northern", "Capital", "Global", "City"]
OUTLET_B = ["Herald", "Times", "Post", "Gazette", "Courier", "Tribune",
            "Chronicle", "Observer", "Journal", "Express", "Record", "News"]


def shingles(text, k=5):
    w = WORD.findall(text.lower())
    if len(w) < k:
        return {" ".join(w)} if w else set()
    return {" ".join(w[i:i + k]) for i in range(len(w) - k + 1)}


def load_pool(paths):
    """Real articles, minus near-copies of earlier ones (see module doc)."""
    arts = []
    for p in paths:
        with open(p, encoding="utf-8") as f:
            for line in f:
                a = json.loads(line)
                if a.get("text", "").strip():
                    arts.append(a)
    kept, sets, index = [], [], {}
    dropped = 0
    for a in arts:
        s = shingles(a["text"])
        if not s:
            continue
        hits = {}
        for x in s:
            for j in index.get(x, ()):
                hits[j] = hits.get(j, 0) + 1
        near = False
        for j, c in hits.items():
            jac = c / (len(s) + len(sets[j]) - c)
            con = c / min(len(s), len(sets[j]))
            if max(jac, con) >= 0.2:
                near = True
                break
        if near:
            dropped += 1
            continue
        for x in s:
            index.setdefault(x, []).append(len(kept))
        kept.append(a)
        sets.append(s)
    return kept, dropped


def paragraphs(text):
    text = text.replace("\r\n", "\n")
    parts = re.split(r"\n\s*\n", text) if re.search(r"\n\s*\n", text) else text.split("\n")
    return [p.strip() for p in parts if p.strip()]


def sentences(par):
    return [s for s in SENT_END.split(par) if s.strip()]


class Gen:
    def __init__(self, rng, pool):
        self.rng = rng
        self.pool = pool
        self.sents = []
        self.vocab = []
        for a in pool:
            for p in paragraphs(a["text"]):
                self.sents.extend(sentences(p))
                self.vocab.extend(w for w in p.split() if w.isalpha())
        self.outlets = sorted({f"{x} {y}" for x in OUTLET_A for y in OUTLET_B})

    def person(self):
        return f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"

    def substitute(self, words, rate, drop_share):
        """Replace or drop about `rate` of the words."""
        rng, out = self.rng, []
        for w in words:
            if rng.random() < rate:
                if rng.random() < drop_share:
                    continue
                v = rng.choice(self.vocab)
                if w[:1].isupper():
                    v = v[:1].upper() + v[1:]
                if w[-1:] in ".,;:!?":
                    v += w[-1]
                out.append(v)
            else:
                out.append(w)
        return out

    def remix(self):
        """A new original: a pool article's layout, corpus sentences."""
        rng = self.rng
        tmpl = rng.choice(self.pool)
        pars = []
        for p in paragraphs(tmpl["text"]):
            n = max(1, len(sentences(p)))
            ss = [rng.choice(self.sents) for _ in range(n)]
            pars.append(" ".join(self.substitute(" ".join(ss).split(), 0.15, 0.0)))
        title = " ".join(self.substitute(tmpl.get("title", "").split(), 0.5, 0.0))
        return title, "\n\n".join(pars)

    def headline(self, title, text):
        rng = self.rng
        r = rng.random()
        if r < 0.3 or not title:
            first = sentences(paragraphs(text)[0])[0] if text else "Update"
            return " ".join(first.split()[:rng.randint(6, 12)]).rstrip(".,;:")
        if r < 0.6:
            return f"{title} - {rng.choice(['report', 'update', 'latest', 'live'])}"
        if r < 0.8:
            return title.upper() if rng.random() < 0.2 else title
        return " ".join(self.substitute(title.split(), 0.3, 0.2))

    def copy(self, title, text, outlet):
        rng = self.rng
        pars = paragraphs(text)
        wire = rng.choice(WIRES)
        # boilerplate removed
        pars = [p for p in pars if not (rng.random() < 0.7 and re.match(
            r"^(By [A-Z]|Reporting by|Read more|Copyright|©|Associated Press|\(AP\))", p))]
        if not pars:
            pars = paragraphs(text)
        # tail trimmed, at a sentence end
        if rng.random() < 0.5:
            keep = rng.uniform(0.5, 1.0)
            total = sum(len(p.split()) for p in pars)
            budget, out = keep * total, []
            for p in pars:
                n = len(p.split())
                if budget >= n:
                    out.append(p)
                    budget -= n
                    continue
                ss, part = sentences(p), []
                for s in ss:
                    if budget < len(s.split()) / 2:
                        break
                    part.append(s)
                    budget -= len(s.split())
                if part:
                    out.append(" ".join(part))
                break
            pars = out or pars[:1]
        # words substituted or dropped
        rate = rng.uniform(0.01, 0.10)
        pars = [" ".join(self.substitute(p.split(), rate, 0.4)) for p in pars]
        pars = [p for p in pars if p]
        # paragraphs reflowed
        if rng.random() < 0.4 and len(pars) > 2:
            i = rng.randrange(len(pars) - 1)
            pars[i:i + 2] = [pars[i] + " " + pars[i + 1]]
        if rng.random() < 0.4:
            i = rng.randrange(len(pars))
            ss = sentences(pars[i])
            if len(ss) > 1:
                cut = rng.randint(1, len(ss) - 1)
                pars[i:i + 1] = [" ".join(ss[:cut]), " ".join(ss[cut:])]
        # boilerplate added
        r = rng.random()
        if r < 0.35:
            pars[0] = f"{rng.choice(CITIES)} ({wire}) - {pars[0]}"
        elif r < 0.5:
            pars[0] = f"({wire}) \u2014 {pars[0]}"
        if rng.random() < 0.3:
            pars.insert(0, f"By {self.person()}, {rng.choice(['Staff Writer', 'Correspondent', wire])}")
        if rng.random() < 0.3:
            pars.insert(rng.randint(1, len(pars)), f"Read more: {self.headline(title, text)}")
        if rng.random() < 0.3:
            pars.append(f"Reporting by {self.person()}; Editing by {self.person()}")
        if rng.random() < 0.25:
            pars.append(f"\u00a9 {rng.randint(2004, 2024)} {outlet}. All rights reserved.")
        elif rng.random() < 0.15:
            pars.append(f"Copyright {rng.randint(2004, 2024)} The Associated Press. All rights "
                        "reserved. This material may not be published, broadcast, rewritten "
                        "or redistributed.")
        body = ("\n\n" if rng.random() < 0.7 else "\n").join(pars)
        if rng.random() < 0.5:
            body = re.sub(r'"([^"\n]*)"', "\u201c\\1\u201d", body)
        else:
            body = body.replace("\u201c", '"').replace("\u201d", '"')
        return self.headline(title, text), body


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("gold")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--articles", "--scale", type=int, default=20000,
                    help="articles to write, copies included (default 20000)")
    ap.add_argument("--originals", type=int, default=None,
                    help="originals that get copies (default articles/10)")
    ap.add_argument("--max-copies", type=int, default=5)
    ap.add_argument("--days", type=float, default=None,
                    help="time span (default: 100 articles an hour)")
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--data", default=os.path.join(here, "..", "..", "shared", "data"))
    a = ap.parse_args()

    rng = random.Random(a.seed)
    pool, dropped = load_pool([os.path.join(a.data, "bbc", "articles.jsonl"),
                               os.path.join(a.data, "polnear", "train", "articles.jsonl")])
    rng.shuffle(pool)
    g = Gen(rng, pool)
    n_orig_copied = a.originals if a.originals is not None else a.articles // 10
    # expected copies per copied original: (1 + max) / 2
    n_copies_est = n_orig_copied * (1 + a.max_copies) / 2
    n_originals = max(n_orig_copied, int(a.articles - n_copies_est))
    span = (a.days * 86400) if a.days else a.articles * 36.0
    t0 = datetime.datetime(2024, 1, 1, tzinfo=datetime.timezone.utc).timestamp()

    records, gold, n_written = [], [], 0
    serial = 0

    def new_id(outlet):
        nonlocal serial
        serial += 1
        return "%s-%07d" % (re.sub(r"[^a-z]+", "-", outlet.lower()), serial)

    # copied originals come first in the order so they are pool articles
    for i in range(n_originals):
        if n_written >= a.articles:
            break
        if i < len(pool):
            src = pool[i]
            title, text = src.get("title") or "", src["text"]
        else:
            title, text = g.remix()
        outlet = rng.choice(g.outlets)
        t = t0 + rng.uniform(0, span)
        oid = new_id(outlet)
        records.append((t, {"id": oid, "source": outlet, "published": t, "title": title,
                            "text": text}))
        gold.append((oid, oid))
        n_written += 1
        if i < n_orig_copied:
            for _ in range(rng.randint(1, a.max_copies)):
                if n_written >= a.articles:
                    break
                o2 = rng.choice(g.outlets)
                while o2 == outlet:
                    o2 = rng.choice(g.outlets)
                ct = t + rng.uniform(300, 2 * 86400)
                title2, text2 = g.copy(title, text, o2)
                cid = new_id(o2)
                records.append((ct, {"id": cid, "source": o2, "published": ct,
                                     "title": title2, "text": text2}))
                gold.append((cid, oid))
                n_written += 1
    records.sort(key=lambda r: (r[0], r[1]["id"]))
    with open(a.out, "w", encoding="utf-8") as f:
        for t, r in records:
            r["published"] = datetime.datetime.fromtimestamp(
                int(t), datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    with open(a.gold, "w", encoding="utf-8") as f:
        f.write("id\tgroup\n")
        for cid, oid in gold:
            f.write(f"{cid}\t{oid}\n")
    groups = {}
    for cid, oid in gold:
        groups[oid] = groups.get(oid, 0) + 1
    print(f"gen_syndication: pool {len(pool)} real articles ({dropped} near-copies dropped), "
          f"{len(records)} articles written, {sum(1 for v in groups.values() if v > 1)} "
          f"originals with {sum(v - 1 for v in groups.values())} copies, "
          f"{max(0, min(n_originals, len(records)) - len(pool))} remixed originals",
          file=sys.stderr)


if __name__ == "__main__":
    main()
