/*
 * quotes_eval.c — score cr_extract_quotes against PolNeAR attributions and
 * measure its throughput.
 *
 *   quotes_eval DIR [DIR...]     (DIR holds articles.jsonl and
 *                                 attributions.jsonl, e.g.
 *                                 ../shared/data/polnear/dev)
 *
 * Direct quotes: the gold attributions with "direct": true against the
 * extracted statements (kind CR_QUOTE_STATEMENT). A prediction is an
 * utterance (a statement and its continuations, cont links); it is correct
 * when one of its pieces overlaps a gold direct content piece (overlap) or
 * equals one after trimming quote marks, spaces and trailing , ; :
 * (exact). A gold quote is found when one of its pieces overlaps (or, for
 * exact, equals) a predicted piece. Speaker accuracy is over the matched
 * predictions: right when the predicted mention overlaps the gold source
 * span, or the predicted canonical name and the gold source name the same
 * person (one's last word is a word of the other).
 *
 * An article annotated twice has two attribution records; each record is
 * scored as a document of its own against the same predictions, so
 * double-annotated articles count twice (the figures are then the mean
 * over annotators, not a union).
 *
 * All attributions (direct and indirect) against all extracted quotes
 * (every kind) are reported for reference, with the same matching.
 * Throughput is CPU time of cr_extract_quotes alone over the article bytes,
 * and of cr_doc_analyze + cr_extract_quotes.
 */
#include "crossread.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* --- a small JSON reader for attributions.jsonl (trusted input) --------- */

typedef struct pspan { long s, e; } pspan;
typedef struct gattr {
    pspan content[8]; int nc;
    pspan source[4]; int ns;
    int direct;
} gattr;
typedef struct grec {
    char id[256];
    gattr *a; int na, cap;
} grec;

static const char *ws(const char *p) { while (*p && isspace((unsigned char)*p)) p++; return p; }

static const char *skip_value(const char *p);
static const char *skip_string(const char *p)
{
    p++;
    while (*p && *p != '"') { if (*p == '\\' && p[1]) p++; p++; }
    return *p ? p + 1 : p;
}
static const char *skip_value(const char *p)
{
    int depth = 0;
    p = ws(p);
    if (*p == '"') return skip_string(p);
    if (*p != '{' && *p != '[') { while (*p && *p != ',' && *p != '}' && *p != ']') p++; return p; }
    do {
        if (*p == '"') { p = skip_string(p); continue; }
        if (*p == '{' || *p == '[') depth++;
        else if (*p == '}' || *p == ']') depth--;
        p++;
    } while (*p && depth > 0);
    return p;
}

/* Parse [[s,e],...] at p into out (max cap); returns the end. */
static const char *parse_pairs(const char *p, pspan *out, int *n, int cap)
{
    const char *end = skip_value(p);
    *n = 0;
    p = ws(p);
    if (*p != '[') return end;
    p++;
    while (p < end) {
        p = ws(p);
        if (*p == '[') {
            long s = strtol(p + 1, (char **)&p, 10);
            long e;
            p = ws(p);
            if (*p == ',') p++;
            e = strtol(p, (char **)&p, 10);
            if (*n < cap) { out[*n].s = s; out[*n].e = e; (*n)++; }
            while (p < end && *p != ']') p++;
            p++;
        } else {
            p++;
        }
    }
    return end;
}

/* Within an object {...} starting at p, find key; returns the value start or NULL. */
static const char *find_key(const char *p, const char *end, const char *key)
{
    size_t kl = strlen(key);
    p = ws(p);
    if (*p != '{') return NULL;
    p++;
    while (p < end) {
        p = ws(p);
        if (*p == '}') return NULL;
        if (*p != '"') return NULL;
        {
            const char *k = p + 1;
            const char *ke = skip_string(p);
            p = ws(ke);
            if (*p == ':') p++;
            p = ws(p);
            if ((size_t)(ke - 1 - k) == kl && memcmp(k, key, kl) == 0) return p;
            p = ws(skip_value(p));
            if (*p == ',') p++;
        }
    }
    return NULL;
}

static int parse_attr_line(const char *line, grec *r)
{
    const char *end = line + strlen(line);
    const char *v = find_key(line, end, "id");
    const char *arr;
    memset(r, 0, sizeof *r);
    if (!v || *v != '"') return -1;
    {
        const char *e = skip_string(v);
        size_t l = (size_t)(e - v - 2);
        if (l >= sizeof r->id) l = sizeof r->id - 1;
        memcpy(r->id, v + 1, l);
        r->id[l] = 0;
    }
    arr = find_key(line, end, "attributions");
    if (!arr || *arr != '[') return 0;
    {
        const char *aend = skip_value(arr);
        const char *p = arr + 1;
        while (p < aend) {
            p = ws(p);
            if (*p == '{') {
                const char *oe = skip_value(p);
                gattr g;
                const char *c, *bytes;
                memset(&g, 0, sizeof g);
                c = find_key(p, oe, "content");
                if (c && (bytes = find_key(c, skip_value(c), "bytes")))
                    parse_pairs(bytes, g.content, &g.nc, 8);
                c = find_key(p, oe, "source");
                if (c && *c == '{' && (bytes = find_key(c, skip_value(c), "bytes")))
                    parse_pairs(bytes, g.source, &g.ns, 4);
                c = find_key(p, oe, "direct");
                g.direct = c && strncmp(c, "true", 4) == 0;
                if (r->na == r->cap) {
                    r->cap = r->cap ? r->cap * 2 : 16;
                    r->a = realloc(r->a, (size_t)r->cap * sizeof *r->a);
                }
                r->a[r->na++] = g;
                p = oe;
            } else {
                p++;
            }
        }
    }
    return 0;
}

/* --- matching ----------------------------------------------------------- */

static int is_markb(const unsigned char *p, long i, long len, int *w)
{
    if (p[i] == '"' || p[i] == '\'' || p[i] == '`') { *w = 1; return 1; }
    if (i + 2 < len + 1 && p[i] == 0xE2 && p[i + 1] == 0x80 &&
        (p[i + 2] == 0x9C || p[i + 2] == 0x9D || p[i + 2] == 0x98 || p[i + 2] == 0x99)) { *w = 3; return 1; }
    if (i + 1 < len + 1 && p[i] == 0xC2 && (p[i + 1] == 0xAB || p[i + 1] == 0xBB)) { *w = 2; return 1; }
    return 0;
}

/* Trim spaces and quote marks on both ends, and , ; : at the end. */
static pspan norm(const char *text, long len, pspan s)
{
    const unsigned char *p = (const unsigned char *)text;
    int w, changed = 1;
    if (s.e > len) s.e = len;
    while (changed && s.s < s.e) {
        changed = 0;
        if (isspace(p[s.s])) { s.s++; changed = 1; continue; }
        if (is_markb(p, s.s, len, &w) && s.s + w <= s.e) { s.s += w; changed = 1; continue; }
        if (isspace(p[s.e - 1]) || p[s.e - 1] == ',' || p[s.e - 1] == ';' || p[s.e - 1] == ':' ||
            p[s.e - 1] == '"' || p[s.e - 1] == '\'') { s.e--; changed = 1; continue; }
        if (s.e - 3 >= s.s && p[s.e - 3] == 0xE2 && p[s.e - 2] == 0x80 &&
            (p[s.e - 1] == 0x9D || p[s.e - 1] == 0x99 || p[s.e - 1] == 0x9C)) { s.e -= 3; changed = 1; continue; }
        if (s.e - 2 >= s.s && p[s.e - 2] == 0xC2 && p[s.e - 1] == 0xBB) { s.e -= 2; changed = 1; continue; }
    }
    return s;
}

static int ovl(pspan a, pspan b) { return a.s < b.e && b.s < a.e; }

static int same_name(const char *text, const cr_quote *q, const gattr *g)
{
    /* last word of the predicted name inside the gold source text, or the
       gold source's last word inside the name (case-insensitive ASCII) */
    char gs[512], nm[256];
    size_t gl = 0, i;
    int k;
    if (!q->name || g->ns == 0) return 0;
    for (k = 0; k < g->ns; k++)
        for (i = (size_t)g->source[k].s; i < (size_t)g->source[k].e && gl + 2 < sizeof gs; i++)
            gs[gl++] = (char)tolower((unsigned char)text[i]);
    gs[gl] = 0;
    for (i = 0; q->name[i] && i + 1 < sizeof nm; i++)
        nm[i] = (char)tolower((unsigned char)(q->name[i] == '-' ? ' ' : q->name[i]));
    nm[i] = 0;
    {
        const char *lw = strrchr(nm, ' ');
        lw = lw ? lw + 1 : nm;
        if (strlen(lw) >= 3 && strstr(gs, lw)) return 1;
    }
    {
        char *lw = strrchr(gs, ' ');
        lw = lw ? lw + 1 : gs;
        if (strlen(lw) >= 3 && strstr(nm, lw)) return 1;
    }
    return 0;
}

typedef struct score {
    long pred, pred_ok_ov, pred_ok_ex, gold, gold_ok_ov, gold_ok_ex;
    long spk_n, spk_ok, spk_none, frag_on_gold;
} score;

/* Score predicted quotes (kinds mask) against gold attributions (direct
 * only when direct_only). */
static void score_doc(const char *text, long len, const cr_quote *q, size_t nq,
                      const grec *r, int direct_only, int kinds, score *sc)
{
    size_t i;
    int a, k;
    /* predictions: utterances = roots of cont chains */
    for (i = 0; i < nq; i++) {
        size_t j;
        int ov = 0, ex = 0;
        const gattr *hit = NULL;
        if (!((1 << q[i].kind) & kinds) || q[i].cont >= 0) continue;
        sc->pred++;
        for (j = i; j < nq; j++) {
            size_t root = j;
            pspan ps;
            while (q[root].cont >= 0) root = (size_t)q[root].cont;
            if (root != i) continue;
            ps.s = q[j].start; ps.e = q[j].end;
            ps = norm(text, len, ps);
            for (a = 0; a < r->na; a++) {
                const gattr *g = &r->a[a];
                if (direct_only && !g->direct) continue;
                for (k = 0; k < g->nc; k++) {
                    pspan gsn = norm(text, len, g->content[k]);
                    if (ovl(ps, g->content[k])) { ov = 1; if (!hit) hit = g; }
                    if (gsn.s == ps.s && gsn.e == ps.e) ex = 1;
                }
            }
        }
        sc->pred_ok_ov += ov;
        sc->pred_ok_ex += ex;
        if (hit) {
            pspan sp = { q[i].speaker.start, q[i].speaker.end };
            int ok = 0;
            sc->spk_n++;
            if (!q[i].has_speaker) sc->spk_none++;
            for (k = 0; k < hit->ns && q[i].has_speaker; k++)
                if (ovl(sp, hit->source[k])) ok = 1;
            if (!ok && same_name(text, &q[i], hit)) ok = 1;
            sc->spk_ok += ok;
        }
    }
    for (a = 0; a < r->na; a++) {
        const gattr *g = &r->a[a];
        int ov = 0, ex = 0, fr = 0;
        if (direct_only && !g->direct) continue;
        sc->gold++;
        for (k = 0; k < g->nc; k++) {
            pspan gsn = norm(text, len, g->content[k]);
            for (i = 0; i < nq; i++) {
                pspan ps = { q[i].start, q[i].end };
                if (!ovl(ps, g->content[k])) continue;
                if (!((1 << q[i].kind) & kinds)) { fr = 1; continue; }
                ov = 1;
                ps = norm(text, len, ps);
                if (ps.s == gsn.s && ps.e == gsn.e) ex = 1;
            }
        }
        sc->gold_ok_ov += ov;
        sc->gold_ok_ex += ex;
        if (!ov && fr) sc->frag_on_gold++;
    }
}

static void prf(const char *what, long ok_p, long np, long ok_g, long ng)
{
    double p = np ? (double)ok_p / (double)np : 0, r = ng ? (double)ok_g / (double)ng : 0;
    double f = p + r > 0 ? 2 * p * r / (p + r) : 0;
    printf("  %-22s P %.3f  R %.3f  F1 %.3f   (%ld/%ld predicted, %ld/%ld gold)\n",
           what, p, r, f, ok_p, np, ok_g, ng);
}

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* --- main --------------------------------------------------------------- */

typedef struct art { char *id; cr_article a; } art;

int main(int argc, char **argv)
{
    int d, verbose = getenv("QEVAL_VERBOSE") != NULL;
    for (d = 1; d < argc; d++) {
        char path[4096];
        FILE *fp;
        char *line = NULL;
        size_t cap = 0;
        ssize_t ll;
        art *arts = NULL;
        size_t na = 0, acap = 0, i;
        score dir = {0}, all = {0};
        double t_ex = 0, t_an = 0, bytes = 0;
        long recs = 0;

        snprintf(path, sizeof path, "%s/articles.jsonl", argv[d]);
        fp = fopen(path, "r");
        if (!fp) { perror(path); return 1; }
        while ((ll = getline(&line, &cap, fp)) > 0) {
            cr_article a;
            cr_error e;
            if (cr_parse_jsonl(line, (size_t)ll, NULL, &a, &e) != CR_OK) continue;
            if (na == acap) { acap = acap ? acap * 2 : 256; arts = realloc(arts, acap * sizeof *arts); }
            arts[na].a = a;
            arts[na].id = a.id;
            na++;
        }
        fclose(fp);

        /* throughput over all articles */
        for (i = 0; i < na; i++) {
            cr_doc *doc = NULL;
            cr_quote *q = NULL;
            size_t nq = 0;
            double t0 = cpu_now(), t1, t2;
            int rep;
            if (cr_doc_analyze(arts[i].a.text, arts[i].a.text_len, "en", NULL, &doc) != CR_OK) continue;
            t1 = cpu_now();
            for (rep = 0; rep < 5; rep++) {
                cr_quotes_free(q, nq);
                cr_extract_quotes(arts[i].a.text, arts[i].a.text_len, doc, NULL, &q, &nq);
            }
            t2 = cpu_now();
            t_an += t1 - t0;
            t_ex += (t2 - t1) / 5;
            bytes += (double)arts[i].a.text_len;
            cr_quotes_free(q, nq);
            cr_doc_free(doc);
        }

        snprintf(path, sizeof path, "%s/attributions.jsonl", argv[d]);
        fp = fopen(path, "r");
        if (!fp) { perror(path); return 1; }
        while ((ll = getline(&line, &cap, fp)) > 0) {
            grec r;
            const art *A = NULL;
            cr_doc *doc = NULL;
            cr_quote *q = NULL;
            size_t nq = 0;
            if (parse_attr_line(line, &r) != 0) continue;
            for (i = 0; i < na; i++)
                if (strcmp(arts[i].id, r.id) == 0) { A = &arts[i]; break; }
            if (!A) { free(r.a); continue; }
            recs++;
            if (cr_doc_analyze(A->a.text, A->a.text_len, "en", NULL, &doc) == CR_OK &&
                cr_extract_quotes(A->a.text, A->a.text_len, doc, NULL, &q, &nq) == CR_OK) {
                score_doc(A->a.text, (long)A->a.text_len, q, nq, &r, 1, 1 << CR_QUOTE_STATEMENT, &dir);
                score_doc(A->a.text, (long)A->a.text_len, q, nq, &r, 0,
                          (1 << CR_QUOTE_STATEMENT) | (1 << CR_QUOTE_FRAGMENT) | (1 << CR_QUOTE_INDIRECT), &all);
                if (verbose) {
                    /* misses and false positives, for reading */
                    int a2, k;
                    for (a2 = 0; a2 < r.na; a2++) {
                        const gattr *g = &r.a[a2];
                        int ov = 0;
                        if (!g->direct) continue;
                        for (k = 0; k < g->nc; k++)
                            for (i = 0; i < nq; i++) {
                                pspan ps = { q[i].start, q[i].end };
                                if (q[i].kind == CR_QUOTE_STATEMENT && ovl(ps, g->content[k])) ov = 1;
                            }
                        if (!ov)
                            printf("MISS %s: %.*s\n", r.id, (int)(g->content[0].e - g->content[0].s),
                                   A->a.text + g->content[0].s);
                    }
                    for (i = 0; i < nq; i++) {
                        int ov = 0, spk = 0;
                        pspan ps = { q[i].start, q[i].end };
                        const gattr *hit = NULL;
                        if (q[i].kind != CR_QUOTE_STATEMENT) continue;
                        for (a2 = 0; a2 < r.na; a2++)
                            for (k = 0; k < r.a[a2].nc; k++)
                                if (r.a[a2].direct && ovl(ps, r.a[a2].content[k])) { ov = 1; if (!hit) hit = &r.a[a2]; }
                        if (!ov)
                            printf("FP   %s: %.*s\n", r.id, (int)(q[i].end - q[i].start), A->a.text + q[i].start);
                        else {
                            pspan sp = { q[i].speaker.start, q[i].speaker.end };
                            for (k = 0; k < hit->ns; k++) if (q[i].has_speaker && ovl(sp, hit->source[k])) spk = 1;
                            if (!spk && !same_name(A->a.text, &q[i], hit))
                                printf("SPK  %s: pred=\"%.*s\" (%s) gold=\"%.*s\" q=%.60s\n", r.id,
                                       (int)(q[i].speaker.end - q[i].speaker.start), A->a.text + q[i].speaker.start,
                                       q[i].name ? q[i].name : "-",
                                       hit->ns ? (int)(hit->source[0].e - hit->source[0].s) : 0,
                                       hit->ns ? A->a.text + hit->source[0].s : "",
                                       A->a.text + q[i].start);
                        }
                    }
                }
            }
            cr_quotes_free(q, nq);
            cr_doc_free(doc);
            free(r.a);
        }
        fclose(fp);
        free(line);

        printf("%s: %zu articles, %ld attribution records\n", argv[d], na, recs);
        printf(" direct quotes (statements vs gold direct):\n");
        prf("content, overlap", dir.pred_ok_ov, dir.pred, dir.gold_ok_ov, dir.gold);
        prf("content, exact", dir.pred_ok_ex, dir.pred, dir.gold_ok_ex, dir.gold);
        printf("  speaker accuracy       %.3f  (%ld/%ld matched; %ld without speaker)\n",
               dir.spk_n ? (double)dir.spk_ok / (double)dir.spk_n : 0, dir.spk_ok, dir.spk_n, dir.spk_none);
        printf("  gold direct found only as fragments: %ld\n", dir.frag_on_gold);
        printf(" all attributions (every kind vs all gold, reference):\n");
        prf("content, overlap", all.pred_ok_ov, all.pred, all.gold_ok_ov, all.gold);
        prf("content, exact", all.pred_ok_ex, all.pred, all.gold_ok_ex, all.gold);
        printf("  source accuracy        %.3f  (%ld/%ld matched)\n",
               all.spk_n ? (double)all.spk_ok / (double)all.spk_n : 0, all.spk_ok, all.spk_n);
        printf(" throughput (CPU): extraction %.1f MB/s; analysis + extraction %.1f MB/s (%.2f MB)\n",
               t_ex > 0 ? bytes / t_ex / 1e6 : 0, (t_an + t_ex) > 0 ? bytes / (t_an + t_ex) / 1e6 : 0, bytes / 1e6);
        for (i = 0; i < na; i++) cr_article_clear(&arts[i].a);
        free(arts);
    }
    return 0;
}
