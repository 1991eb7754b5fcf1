/*
 * dedup_bench.c — streaming near-duplicate detection on a JSON Lines corpus,
 * timed and scored, through the public API only.
 *
 * Reads articles in file order (the corpus is expected in time order, and
 * read in 1 MB blocks, each line parsed where it lies in the block) and
 * for each runs cr_parse_jsonl, cr_fingerprint_text and cr_dedup_add: the
 * whole near-duplicate path from a JSON line to a decision. With --analyze
 * it also runs cr_doc_analyze, as `crossread add` does before storing an
 * article (the fingerprint does not use it). An article that copies an
 * earlier one joins that one's group. Prints throughput (MB of article
 * text per second of wall time and per second of CPU time — on a shared
 * machine the second is the time the process actually ran — articles per
 * second, time per stage), peak RSS, index bytes per article, and with
 * --gold pairwise precision/recall/F1 and ARI against gold groups
 * (cli/dup_metrics.c, the scoring of `crossread eval dups`, compiled in).
 * The last line is `RESULT {json}` for scripts.
 *
 * --allpairs instead fingerprints every article and compares all pairs
 * (O(n^2): for threshold studies on small sets such as ECB+), printing the
 * distribution of similarities, split by gold group when --gold is given.
 *
 * --score PRED.tsv scores another tool's predicted groups (TSV `id<TAB>
 * group`, header optional) against --gold with the same metrics, so both
 * sides of a comparison are scored by one piece of code.
 *
 * Usage: dedup_bench FILE.jsonl [--gold GOLD.tsv] [--pred OUT.tsv]
 *          [--threshold T] [--shingle K] [--window SECONDS] [--analyze]
 *          [--allpairs] [--top N]
 *        dedup_bench --score PRED.tsv --gold GOLD.tsv
 * Gold: TSV `id<TAB>group[<TAB>...]`, an optional header line starting
 * with "id<TAB>". Articles missing from the gold count as singletons.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "crossread.h"
#include "../cli/dup_metrics.h"

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double now(void)
{
    return clock_s(CLOCK_MONOTONIC);
}

/* CPU time of this process: on a shared machine, the time it actually ran. */
static double cpu_now(void)
{
    return clock_s(CLOCK_PROCESS_CPUTIME_ID);
}

static void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) {
        fprintf(stderr, "dedup_bench: out of memory\n");
        exit(3);
    }
    return p;
}

static char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *r = xrealloc(NULL, n);
    memcpy(r, s, n);
    return r;
}

/* Gold TSV into ids -> group numbers (cli/dup_metrics.c). */
static int load_gold(const char *path, dup_map *gold)
{
    char msg[300];
    if (dup_gold_load(path, gold, msg, sizeof msg) != 0) {
        fprintf(stderr, "dedup_bench: %s\n", msg);
        return -1;
    }
    return 0;
}

/* The value of key in m, created (as 0) when absent; exits when out of
 * memory. */
static int64_t *map_slot(dup_map *m, const char *key)
{
    int64_t *v = dup_map_slot(m, key, 1);
    if (!v) {
        fprintf(stderr, "dedup_bench: out of memory\n");
        exit(3);
    }
    return v;
}

/* Seconds since the epoch of a published date; 0 when there is none. */
static int64_t iso_seconds(const char *s)
{
    int64_t t = 0;
    if (s && cr_date_seconds(s, &t) != CR_OK)
        t = 0;
    return t;
}

/* Lines of a file read in large blocks: a line that lies whole in the
 * block is handed out in place, not copied (as getline would). */
typedef struct reader {
    int fd, eof;
    char *buf;
    size_t cap, start, end; /* unread bytes: buf[start..end) */
} reader;

#define READ_BLOCK ((size_t)1 << 20)

/* The next line, its '\n' included, at *line; its length, 0 at the end
 * of the file, -1 on a read error. */
static ssize_t next_line(reader *r, char **line)
{
    for (;;) {
        char *b = r->buf + r->start;
        char *nl = memchr(b, '\n', r->end - r->start);
        ssize_t got;
        if (nl || (r->eof && r->end > r->start)) {
            size_t n = nl ? (size_t)(nl + 1 - b) : r->end - r->start;
            *line = b;
            r->start += n;
            return (ssize_t)n;
        }
        if (r->eof)
            return 0;
        /* keep the partial line, at the front; grow for a long one */
        memmove(r->buf, b, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
        if (r->cap - r->end < READ_BLOCK) {
            r->cap = r->cap ? 2 * r->cap : 2 * READ_BLOCK;
            r->buf = xrealloc(r->buf, r->cap);
        }
        got = read(r->fd, r->buf + r->end, r->cap - r->end);
        if (got < 0)
            return -1;
        r->eof = got == 0;
        r->end += (size_t)got;
    }
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

typedef struct opts {
    const char *input, *gold, *pred, *score;
    cr_dedup_opts d;
    int analyze, allpairs, top;
} opts;

static int usage(void)
{
    fprintf(stderr,
            "usage: dedup_bench FILE.jsonl [--gold GOLD.tsv] [--pred OUT.tsv]\n"
            "         [--threshold T] [--shingle K] [--window SECONDS]\n"
            "         [--analyze] [--allpairs] [--top N]\n"
            "       dedup_bench --score PRED.tsv --gold GOLD.tsv\n");
    return 2;
}

/* Score a predicted-groups TSV against the gold. */
static int score_file(const char *path, dup_map *gold)
{
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t cap = 0, n = 0, alloc = 0, missing = 0;
    ssize_t got;
    dup_map *groups = dup_map_new();
    int64_t *gl = NULL, *pl = NULL;
    dup_scores sc;
    if (!f || !groups) {
        perror(path);
        return 3;
    }
    while ((got = getline(&line, &cap, f)) > 0) {
        char *tab;
        int64_t *g, *p;
        while (got && (line[got - 1] == '\n' || line[got - 1] == '\r'))
            line[--got] = '\0';
        tab = strchr(line, '\t');
        if (!tab || !strncmp(line, "id\t", 3))
            continue;
        *tab = '\0';
        if (n == alloc) {
            alloc = alloc ? 2 * alloc : 4096;
            gl = xrealloc(gl, alloc * sizeof *gl);
            pl = xrealloc(pl, alloc * sizeof *pl);
        }
        p = map_slot(groups, tab + 1);
        if (!*p)
            *p = (int64_t)dup_map_size(groups);
        pl[n] = *p;
        g = dup_map_slot(gold, line, 0);
        gl[n] = g ? *g : -1 - (int64_t)n;
        missing += !g;
        n++;
    }
    free(line);
    fclose(f);
    dup_score(gl, pl, n, &sc);
    printf("%zu articles (%zu not in the gold): pairwise P %.4f R %.4f F1 %.4f, "
           "ARI %.4f\n", n, missing, sc.precision, sc.recall, sc.f1, sc.ari);
    printf("SCORE {\"articles\": %zu, \"precision\": %.5f, \"recall\": %.5f, "
           "\"f1\": %.5f, \"ari\": %.5f}\n", n, sc.precision, sc.recall, sc.f1,
           sc.ari);
    free(gl);
    free(pl);
    dup_map_free(groups);
    return 0;
}

/* All pairs of a small corpus: the similarity distribution. */
static int run_allpairs(const opts *o, dup_map *gold, int have_gold)
{
    FILE *f = fopen(o->input, "r");
    char *line = NULL;
    size_t cap = 0, n = 0, alloc = 0, i, j;
    ssize_t got;
    cr_fingerprint *fp = NULL;
    char **ids = NULL;
    int64_t *grp = NULL;
    static const double cuts[] = {0.1, 0.2, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9};
    enum { NC = sizeof cuts / sizeof cuts[0] };
    size_t over_same[NC] = {0}, over_other[NC] = {0}, maxo_over[NC] = {0};
    double *maxo;
    typedef struct { double s, j, c; size_t a, b; } top_pair;
    top_pair *tops;
    size_t ntop = 0, same_pairs = 0, other_pairs = 0;

    if (!f) {
        perror(o->input);
        return 3;
    }
    while ((got = getline(&line, &cap, f)) > 0) {
        cr_article a;
        cr_error err;
        if (cr_parse_jsonl(line, (size_t)got, NULL, &a, &err) != CR_OK)
            continue;
        if (n == alloc) {
            alloc = alloc ? 2 * alloc : 1024;
            fp = xrealloc(fp, alloc * sizeof *fp);
            ids = xrealloc(ids, alloc * sizeof *ids);
            grp = xrealloc(grp, alloc * sizeof *grp);
        }
        if (cr_fingerprint_text(a.text, a.text_len, NULL, &o->d, &fp[n]) !=
            CR_OK) {
            cr_article_clear(&a);
            continue;
        }
        ids[n] = xstrdup(a.id);
        {
            int64_t *g = have_gold ? dup_map_slot(gold, a.id, 0) : NULL;
            grp[n] = g ? *g : -1 - (int64_t)n;
        }
        n++;
        cr_article_clear(&a);
    }
    free(line);
    fclose(f);
    maxo = calloc(n ? n : 1, sizeof *maxo);
    tops = calloc((size_t)o->top + 1, sizeof *tops);
    for (i = 0; i < n; i++)
        for (j = i + 1; j < n; j++) {
            double c, jac = cr_fingerprint_similarity(&fp[i], &fp[j], &c);
            double s = jac > c ? jac : c;
            int same = grp[i] == grp[j];
            size_t k;
            same ? same_pairs++ : other_pairs++;
            for (k = 0; k < NC; k++)
                if (s >= cuts[k])
                    (same ? over_same : over_other)[k]++;
            if (!same || !have_gold) {
                if (s > maxo[i])
                    maxo[i] = s;
                if (s > maxo[j])
                    maxo[j] = s;
                if (ntop < (size_t)o->top || s > tops[ntop - 1].s) {
                    size_t p = ntop < (size_t)o->top ? ntop++ : ntop - 1;
                    while (p > 0 && tops[p - 1].s < s) {
                        tops[p] = tops[p - 1];
                        p--;
                    }
                    tops[p].s = s;
                    tops[p].j = jac;
                    tops[p].c = c;
                    tops[p].a = i;
                    tops[p].b = j;
                }
            }
        }
    for (i = 0; i < n; i++) {
        size_t k;
        for (k = 0; k < NC; k++)
            maxo_over[k] += maxo[i] >= cuts[k];
    }
    printf("articles %zu, pairs %zu (%zu in one gold group, %zu across)\n", n,
           same_pairs + other_pairs, same_pairs, other_pairs);
    printf("similarity = max(Jaccard, containment); shingle %u\n", o->d.shingle);
    printf("   >=   pairs same-group   pairs other   articles whose max "
           "(other group) is >=\n");
    for (i = 0; i < NC; i++)
        printf("  %.2f  %16zu %13zu   %zu\n", cuts[i], over_same[i],
               over_other[i], maxo_over[i]);
    printf("top %zu pairs%s:\n", ntop, have_gold ? " across gold groups" : "");
    for (i = 0; i < ntop; i++)
        printf("  %.3f  J %.3f C %.3f  %s (%u sh) ~ %s (%u sh)\n", tops[i].s,
               tops[i].j, tops[i].c, ids[tops[i].a], fp[tops[i].a].shingles,
               ids[tops[i].b], fp[tops[i].b].shingles);
    for (i = 0; i < n; i++)
        free(ids[i]);
    free(ids);
    free(fp);
    free(grp);
    free(maxo);
    free(tops);
    return 0;
}

int main(int argc, char **argv)
{
    opts o;
    dup_map *gold = dup_map_new();
    int have_gold = 0, i, rc = 0;
    FILE *pf = NULL;
    reader in = {0};
    char *line;
    size_t n = 0, alloc = 0, bad = 0, dups = 0, exact = 0;
    size_t max_index = 0, max_index_size = 0;
    ssize_t got;
    int64_t *pred = NULL, *gl = NULL;
    char **ids = NULL;
    double t0, c0, t_parse = 0, t_an = 0, t_fp = 0, t_add = 0, total, cpu;
    double text_bytes = 0, line_bytes = 0;
    cr_dedup *dd = NULL;
    cr_status st;
    dup_scores sc;

    memset(&o, 0, sizeof o);
    cr_dedup_opts_default(&o.d);
    o.top = 10;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--gold") && i + 1 < argc)
            o.gold = argv[++i];
        else if (!strcmp(a, "--pred") && i + 1 < argc)
            o.pred = argv[++i];
        else if (!strcmp(a, "--score") && i + 1 < argc)
            o.score = argv[++i];
        else if (!strcmp(a, "--threshold") && i + 1 < argc)
            o.d.threshold = strtod(argv[++i], NULL);
        else if (!strcmp(a, "--shingle") && i + 1 < argc)
            o.d.shingle = (unsigned)strtoul(argv[++i], NULL, 10);
        else if (!strcmp(a, "--window") && i + 1 < argc)
            o.d.window = strtoll(argv[++i], NULL, 10);
        else if (!strcmp(a, "--top") && i + 1 < argc)
            o.top = (int)strtol(argv[++i], NULL, 10);
        else if (!strcmp(a, "--analyze"))
            o.analyze = 1;
        else if (!strcmp(a, "--allpairs"))
            o.allpairs = 1;
        else if (a[0] != '-' && !o.input)
            o.input = a;
        else
            return usage();
    }
    if ((!o.input && !o.score) || o.top < 0 || (o.score && !o.gold))
        return usage();
    if (!gold) {
        fprintf(stderr, "dedup_bench: out of memory\n");
        return 3;
    }
    if (o.gold) {
        if (load_gold(o.gold, gold) != 0)
            return 3;
        have_gold = 1;
    }
    if (o.score) {
        rc = score_file(o.score, gold);
        dup_map_free(gold);
        return rc;
    }
    if (o.allpairs) {
        rc = run_allpairs(&o, gold, have_gold);
        dup_map_free(gold);
        return rc;
    }
    if ((st = cr_dedup_new(&o.d, &dd)) != CR_OK) {
        fprintf(stderr, "dedup_bench: %s\n", cr_strerror(st));
        return 2;
    }
    in.fd = open(o.input, O_RDONLY);
    if (in.fd < 0) {
        perror(o.input);
        return 3;
    }
    t0 = now();
    c0 = cpu_now();
    while ((got = next_line(&in, &line)) > 0) {
        cr_article a;
        cr_error err;
        cr_doc *doc = NULL;
        cr_fingerprint fp;
        cr_dedup_match m;
        double t1 = now(), t2, t3, t4;
        line_bytes += (double)got;
        st = cr_parse_jsonl(line, (size_t)got, NULL, &a, &err);
        t2 = now();
        t_parse += t2 - t1;
        if (st != CR_OK) {
            bad++;
            continue;
        }
        text_bytes += (double)a.text_len;
        if (o.analyze)
            st = cr_doc_analyze(a.text, a.text_len, a.lang, NULL, &doc);
        t3 = now();
        t_an += t3 - t2;
        if (st == CR_OK)
            st = cr_fingerprint_text(a.text, a.text_len, doc, &o.d, &fp);
        t4 = now();
        t_fp += t4 - t3;
        cr_doc_free(doc);
        if (st != CR_OK) {
            bad++;
            cr_article_clear(&a);
            continue;
        }
        if (n == alloc) {
            alloc = alloc ? 2 * alloc : 4096;
            pred = xrealloc(pred, alloc * sizeof *pred);
            ids = xrealloc(ids, alloc * sizeof *ids);
        }
        st = cr_dedup_add(dd, (int64_t)n, iso_seconds(a.published), &fp, &m);
        t_add += now() - t4;
        if (st != CR_OK) {
            fprintf(stderr, "dedup_bench: cr_dedup_add: %s\n", cr_strerror(st));
            return 3;
        }
        pred[n] = m.key >= 0 ? pred[m.key] : (int64_t)n;
        dups += m.key >= 0;
        exact += m.key >= 0 && m.exact;
        ids[n] = xstrdup(a.id);
        n++;
        cr_article_clear(&a);
        if ((n & 1023) == 0 && cr_dedup_memory(dd) > max_index) {
            max_index = cr_dedup_memory(dd);
            max_index_size = cr_dedup_size(dd);
        }
    }
    total = now() - t0;
    cpu = cpu_now() - c0;
    if (got < 0) {
        perror(o.input);
        return 3;
    }
    close(in.fd);
    free(in.buf);

    printf("articles %zu (%zu rejected), %.1f MB of text, %zu copies found "
           "(%zu exact)\n", n, bad, text_bytes / 1e6, dups, exact);
    printf("threshold %.2f, shingle %u, window %lld s, %s\n", o.d.threshold,
           o.d.shingle, (long long)o.d.window,
           o.analyze ? "with cr_doc_analyze" : "no analysis");
    printf("throughput %.1f MB/s, %.0f articles/s (%.2f s); per CPU second "
           "%.1f MB/s (%.2f s)\n",
           text_bytes / 1e6 / total, (double)n / total, total,
           text_bytes / 1e6 / cpu, cpu);
    printf("  stages: parse %.1f%%, analyze %.1f%%, fingerprint %.1f%% "
           "(%.0f MB/s), index %.1f%% (%.0f articles/s)\n",
           100 * t_parse / total, 100 * t_an / total, 100 * t_fp / total,
           text_bytes / 1e6 / t_fp, 100 * t_add / total, (double)n / t_add);
    printf("peak RSS %.1f MB; index %.1f MB for %zu articles = %.0f bytes/article"
           " (max sampled %.0f)\n", peak_rss_kb() / 1024.0,
           cr_dedup_memory(dd) / 1e6, cr_dedup_size(dd),
           cr_dedup_size(dd) ? (double)cr_dedup_memory(dd) / cr_dedup_size(dd) : 0.0,
           max_index_size ? (double)max_index / max_index_size : 0.0);
    if (o.pred) {
        pf = fopen(o.pred, "w");
        if (!pf) {
            perror(o.pred);
            return 3;
        }
        fprintf(pf, "id\tgroup\n");
        for (i = 0; (size_t)i < n; i++)
            fprintf(pf, "%s\t%s\n", ids[i], ids[pred[i]]);
        fclose(pf);
    }
    memset(&sc, 0, sizeof sc);
    if (have_gold) {
        size_t missing = 0, k;
        gl = xrealloc(NULL, (n ? n : 1) * sizeof *gl);
        for (k = 0; k < n; k++) {
            int64_t *g = dup_map_slot(gold, ids[k], 0);
            gl[k] = g ? *g : -1 - (int64_t)k;
            missing += !g;
        }
        dup_score(gl, pred, n, &sc);
        printf("vs gold (%zu articles not in it): pairwise P %.4f R %.4f F1 "
               "%.4f, ARI %.4f (%.0f gold pairs, %.0f predicted)\n", missing,
               sc.precision, sc.recall, sc.f1, sc.ari, sc.gold_pairs,
               sc.pred_pairs);
    }
    printf("RESULT {\"articles\": %zu, \"mb\": %.3f, \"seconds\": %.4f, "
           "\"cpu_seconds\": %.4f, \"mb_per_cpu_s\": %.3f, "
           "\"mb_per_s\": %.3f, \"articles_per_s\": %.1f, \"peak_rss_mb\": %.2f, "
           "\"index_bytes_per_article\": %.1f, \"copies\": %zu, "
           "\"precision\": %.5f, \"recall\": %.5f, \"f1\": %.5f, \"ari\": %.5f}\n",
           n, text_bytes / 1e6, total, cpu, text_bytes / 1e6 / cpu,
           text_bytes / 1e6 / total,
           (double)n / total, peak_rss_kb() / 1024.0,
           cr_dedup_size(dd) ? (double)cr_dedup_memory(dd) / cr_dedup_size(dd) : 0.0,
           dups, sc.precision, sc.recall, sc.f1, sc.ari);
    (void)line_bytes;
    for (i = 0; (size_t)i < n; i++)
        free(ids[i]);
    free(ids);
    free(pred);
    free(gl);
    dup_map_free(gold);
    cr_dedup_free(dd);
    return rc;
}
