/*
 * stories_stream.c — throughput and memory of the story clusterer
 * (cr_clusterer_*) on a long stream built from real articles.
 *
 *   stories_stream [options] FILE.jsonl...
 *
 * The real articles (bbc, polnear, ecbplus) are the material; the stream
 * is a set of synthetic stories spread over one year. Story s draws four
 * runs of up to four sentences from four real articles, a person name and
 * a number; each of its articles is the name and the first article's
 * title, a sentence carrying the name, the number and a weekday, and each
 * sentence of the runs kept with probability 0.7. Stories that share a
 * real article share vocabulary, as same-topic stories do. Story sizes are
 * geometric (mean --mean-size); a story's articles fall within 3 days of
 * its start. Articles are fed in time order, each analysed
 * (cr_doc_analyze) and then clustered; the two are timed apart. Retired
 * stories are released every 10,000 articles (as a forever stream does
 * after saving them).
 *
 *   --articles N      articles in the stream (default 1000000)
 *   --mean-size M     mean articles per story (default 1.6)
 *   --set NAME=VALUE  a cr_story_opts field (as stories_eval; d = days)
 *   --seed S          generator seed (default 1)
 *   --report N        print a progress line every N articles (default
 *                     100000) and at 10,000
 *
 * Prints, at each report: articles, cumulative clustering seconds, the
 * clustering rate over the last segment, active stories, features,
 * cr_clusterer_stats memory, memory per active story and peak RSS. At the
 * end, the clustering against the synthetic stories (pairwise and BCubed
 * F1, cli/cluster_metrics.h) and a checksum of the assignments: two
 * builds that assign every article alike print the same checksum.
 *
 * Build and run: bench/stories.sh BUILD_DIR --stream [flags].
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "crossread.h"
#include "../cli/cluster_metrics.h"
#define BENCH_NAME "stories_stream"
#include "stories_bench.h"

typedef struct span {
    uint32_t start, len;
} span;

typedef struct base {
    char *title;
    char *text;
    span *sent;
    size_t nsent;
} base;

typedef struct event {
    int64_t t;       /* published, seconds */
    uint32_t story;
    uint32_t j;      /* article number within the story */
} event;

static base *bases;
static size_t nbases, capbases;


static uint64_t mix(uint64_t z)
{
    return splitmix(&z);
}

static double unif(uint64_t *s)
{
    return (double)(splitmix(s) >> 11) / 9007199254740992.0;
}

/* Sentences: ends at '.', '!' or '?' followed by a space. */
static void split(base *b)
{
    size_t n = strlen(b->text), i, a = 0, cap = 0;
    for (i = 0; i <= n; i++) {
        int end = i == n || ((b->text[i] == '.' || b->text[i] == '!' ||
                              b->text[i] == '?') &&
                             i + 1 < n && b->text[i + 1] == ' ');
        if (!end)
            continue;
        if (i > a) {
            if (b->nsent == cap) {
                cap = cap ? cap * 2 : 16;
                b->sent = realloc(b->sent, cap * sizeof *b->sent);
                if (!b->sent)
                    die("out of memory", NULL);
            }
            b->sent[b->nsent].start = (uint32_t)a;
            b->sent[b->nsent].len = (uint32_t)(i + (i < n) - a);
            b->nsent++;
        }
        a = i + 2;
    }
}

static void load(const char *path)
{
    FILE *f = fopen(path, "rb");
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    if (!f)
        die("cannot open", path);
    while ((n = getline(&line, &cap, f)) > 0) {
        cr_article a;
        cr_error err;
        if (cr_parse_jsonl(line, (size_t)n, NULL, &a, &err) != CR_OK)
            continue;
        if (a.text_len < 200) {
            cr_article_clear(&a);
            continue;
        }
        if (nbases == capbases) {
            capbases = capbases ? capbases * 2 : 1024;
            bases = realloc(bases, capbases * sizeof *bases);
            if (!bases)
                die("out of memory", NULL);
        }
        memset(&bases[nbases], 0, sizeof bases[nbases]);
        bases[nbases].title = strdup(a.title ? a.title : "");
        bases[nbases].text = strdup(a.text);
        split(&bases[nbases]);
        nbases++;
        cr_article_clear(&a);
    }
    free(line);
    fclose(f);
}

static int event_cmp(const void *x, const void *y)
{
    const event *a = x, *b = y;
    if (a->t != b->t)
        return a->t < b->t ? -1 : 1;
    if (a->story != b->story)
        return a->story < b->story ? -1 : 1;
    return a->j < b->j ? -1 : a->j > b->j;
}

/* A pronounceable capitalized word of three syllables from h. */
static size_t word(char *out, uint64_t h)
{
    static const char *const syl[16] = {"ka", "ro", "ven", "li", "ta", "mor",
                                        "si", "del", "qua", "ne", "bor", "tu",
                                        "lan", "ri", "zo", "pe"};
    size_t k = 0;
    int i;
    for (i = 0; i < 3; i++) {
        const char *s = syl[(h >> (4 * i)) & 15];
        memcpy(out + k, s, strlen(s));
        k += strlen(s);
    }
    out[0] = (char)(out[0] - 32);
    return k;
}

typedef struct buf {
    char *p;
    size_t n, cap;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        if (!b->p)
            die("out of memory", NULL);
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

/* The title and text of article j of story s: the story's name sentence,
 * then each sentence of its pool kept with probability 0.7. The pool is
 * four runs of up to four consecutive sentences, from four real articles
 * (a random run of each). */
static void make(uint64_t seed, uint32_t s, uint32_t j, buf *text,
                 buf *title)
{
    uint64_t hs = mix(seed ^ ((uint64_t)s << 20)), r = hs ^ (j + 1) * 7919;
    static const char *const days[7] = {"Monday", "Tuesday", "Wednesday",
                                        "Thursday", "Friday", "Saturday",
                                        "Sunday"};
    char line[256], w1[16], w2[16];
    size_t i, k, n1 = word(w1, mix(hs + 1)), n2 = word(w2, mix(hs + 2));
    const base *a0 = &bases[mix(hs + 10) % nbases];
    int len;
    text->n = 0;
    title->n = 0;
    w1[n1] = w2[n2] = '\0';
    len = snprintf(line, sizeof line,
                   "%s %s said on %s that %u people had been affected. ", w1,
                   w2, days[hs % 7], (unsigned)(mix(hs + 3) % 90000 + 100));
    put(text, line, (size_t)len);
    for (k = 0; k < 4; k++) {
        const base *b = &bases[mix(hs + 10 + k) % nbases];
        size_t from = b->nsent > 4 ? mix(hs + 20 + k) % (b->nsent - 3) : 0;
        for (i = from; i < b->nsent && i < from + 4; i++)
            if (unif(&r) < 0.7) {
                put(text, b->text + b->sent[i].start, b->sent[i].len);
                put(text, " ", 1);
            }
    }
    len = snprintf(line, sizeof line, "%s %s: ", w1, w2);
    put(title, line, (size_t)len);
    put(title, a0->title, strlen(a0->title));
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}


/* Release every retired story from *lo on; *lo moves past released ids. */
static void release_retired(cr_clusterer *c, int64_t *lo)
{
    cr_story_stats st;
    int64_t id, first_active = 0;
    cr_clusterer_stats(c, &st);
    for (id = *lo; id <= st.stories; id++) {
        cr_story_info in;
        if (cr_story_get(c, id, &in) != CR_OK)
            continue;
        if (in.active) {
            if (!first_active)
                first_active = id;
            continue;
        }
        cr_story_release(c, id);
    }
    *lo = first_active ? first_active : st.stories + 1;
}

/* Predicted stories by size and time span: a story that keeps taking
 * articles for weeks is chained (one event per story is the aim). */
typedef struct pstory {
    int64_t id, first, last;
    size_t n;
} pstory;

static int pstory_cmp(const void *x, const void *y)
{
    const pstory *a = x, *b = y;
    return (a->id > b->id) - (a->id < b->id);
}

static void report_spans(const int64_t *pred, const event *ev, size_t n)
{
    pstory *p = malloc(n * sizeof *p);
    size_t i, k = 0, big = 0, w14 = 0, w30 = 0, in30 = 0;
    int64_t maxspan = 0;

    if (!p)
        die("out of memory", NULL);
    for (i = 0; i < n; i++) {
        p[i].id = pred[i];
        p[i].first = p[i].last = ev[i].t;
        p[i].n = 1;
    }
    qsort(p, n, sizeof *p, pstory_cmp);
    for (i = 0; i < n; i++) {
        if (k && p[k - 1].id == p[i].id) {
            pstory *q = &p[k - 1];
            q->n++;
            if (p[i].first < q->first)
                q->first = p[i].first;
            if (p[i].last > q->last)
                q->last = p[i].last;
        } else {
            p[k++] = p[i];
        }
    }
    for (i = 0; i < k; i++) {
        int64_t span = p[i].last - p[i].first;
        if (p[i].n > p[big].n)
            big = i;
        if (span > maxspan)
            maxspan = span;
        w14 += span > 14 * 86400;
        if (span > 30 * 86400) {
            w30++;
            in30 += p[i].n;
        }
    }
    printf("stories: largest %zu articles over %.1f days; %zu span over 14 "
           "days, %zu over 30 days (%zu articles); longest span %.1f days\n",
           k ? p[big].n : 0, k ? (p[big].last - p[big].first) / 86400.0 : 0.0,
           w14, w30, in30, maxspan / 86400.0);
    free(p);
}

static double rss_mib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss / 1024.0;
}

int main(int argc, char **argv)
{
    size_t narticles = 1000000, report = 100000, k, nev = 0, cap;
    double mean = 1.6, t_an = 0, t_cl = 0, seg_t = 0;
    size_t seg_n = 0;
    uint64_t seed = 1, r;
    cr_story_opts o;
    cr_clusterer *c = NULL;
    event *ev;
    uint32_t s = 0;
    int64_t year0 = 1704067200, lo = 1; /* 2024-01-01 */
    buf text = {0}, title = {0};
    int64_t *pred, *gold;
    uint64_t sum = 0;
    cm_result res;
    int i;

    cr_story_opts_default(&o);
    for (i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--articles") && i + 1 < argc)
            narticles = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--mean-size") && i + 1 < argc)
            mean = strtod(argv[++i], NULL);
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
            seed = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--report") && i + 1 < argc)
            report = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--set") && i + 1 < argc)
            set_opt(&o, argv[++i]);
        else if (argv[i][0] == '-')
            die("unknown flag", argv[i]);
        else
            load(argv[i]);
    }
    if (!nbases || mean < 1)
        die("no articles (or --mean-size < 1)", NULL);

    /* the stream: stories with geometric sizes, in time order */
    cap = narticles;
    ev = malloc(cap * sizeof *ev);
    pred = malloc(cap * sizeof *pred);
    gold = malloc(cap * sizeof *gold);
    if (!ev || !pred || !gold)
        die("out of memory", NULL);
    r = seed;
    while (nev < narticles) {
        int64_t start = year0 + (int64_t)(unif(&r) * 365 * 86400.0);
        uint32_t j = 0;
        do {
            ev[nev].t = start + (j ? (int64_t)(unif(&r) * 3 * 86400.0) : 0);
            ev[nev].story = s;
            ev[nev].j = j++;
            nev++;
        } while (nev < narticles && unif(&r) > 1.0 / mean);
        s++;
    }
    qsort(ev, nev, sizeof *ev, event_cmp);
    fprintf(stderr, "stream: %zu articles, %u stories, %zu base articles\n",
            nev, s, nbases);

    if (cr_clusterer_new(&o, &c) != CR_OK)
        die("cr_clusterer_new failed", NULL);
    printf("%9s %9s %9s %9s %8s %9s %9s %7s %8s\n", "articles", "clust_s",
           "art/s", "analyse/s", "active", "features", "mem_MiB",
           "B/story", "rss_MiB");
    for (k = 0; k < nev; k++) {
        cr_article a;
        cr_doc *doc = NULL;
        char date[32];
        time_t tt = (time_t)ev[k].t;
        struct tm tm;
        double t0, t1, t2;
        cr_status rc;
        cr_story_match m;

        make(seed, ev[k].story, ev[k].j, &text, &title);
        gmtime_r(&tt, &tm);
        strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
        memset(&a, 0, sizeof a);
        a.title = title.p;
        a.text = text.p;
        a.text_len = text.n;
        a.published = date;
        a.lang = "en";
        t0 = now_s();
        if (cr_doc_analyze(a.text, a.text_len, "en", NULL, &doc) != CR_OK)
            die("analysis failed", NULL);
        t1 = now_s();
        rc = cr_clusterer_add(c, (int64_t)k, &a, doc, &m);
        t2 = now_s();
        if (rc != CR_OK)
            die("cr_clusterer_add failed", cr_strerror(rc));
        cr_doc_free(doc);
        pred[k] = m.story;
        gold[k] = ev[k].story;
        sum = (sum ^ (uint64_t)m.story) * 0x100000001b3ULL;
        t_an += t1 - t0;
        t_cl += t2 - t1;
        seg_t += t2 - t1;
        seg_n++;
        if ((k + 1) % 10000 == 0)
            release_retired(c, &lo);
        if ((k + 1) % report == 0 || k + 1 == 10000 || k + 1 == nev) {
            cr_story_stats st;
            cr_clusterer_stats(c, &st);
            printf("%9zu %9.2f %9.0f %9.0f %8zu %9zu %9.1f %7.0f %8.1f\n",
                   k + 1, t_cl, seg_n / seg_t, (k + 1) / t_an, st.active,
                   st.features, st.memory / 1048576.0,
                   st.active ? (double)st.memory / st.active : 0.0,
                   rss_mib());
            fflush(stdout);
            seg_t = 0;
            seg_n = 0;
        }
    }
    printf("total: %zu articles clustered in %.2f s (%.0f/s), analysed in "
           "%.2f s (%.0f/s)\n",
           nev, t_cl, nev / t_cl, t_an, nev / t_an);
    report_spans(pred, ev, nev);
    if (cm_evaluate(pred, gold, nev, &res))
        die("out of memory", NULL);
    printf("against the synthetic stories: pairwise F1 %.4f (P %.4f R "
           "%.4f), BCubed F1 %.4f, %zu stories for %zu; checksum %016llx\n",
           res.pair_f1, res.pair_p, res.pair_r, res.b3_f1, res.pred_clusters,
           res.gold_clusters, (unsigned long long)sum);
    cr_clusterer_free(c);
    free(ev);
    free(pred);
    free(gold);
    free(text.p);
    free(title.p);
    return 0;
}
