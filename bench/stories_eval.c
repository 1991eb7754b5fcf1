/*
 * stories_eval.c — evaluation driver for the story clusterer
 * (cr_clusterer_*): reads articles, analyses them (cr_doc_analyze), feeds
 * them to one clusterer in the given order, a shuffled order or time order,
 * and scores the stories against gold labels with pairwise and BCubed
 * precision / recall / F1 (cli/cluster_metrics.h).
 *
 *   stories_eval [options] FILE...
 *
 * FILE is JSON Lines (one article per line, cr_parse_jsonl) or, for a name
 * ending in .txt, one plain-text article (cr_parse_text, id = file name).
 *
 *   --gold TSV        gold labels: header line, then id<TAB>story[<TAB>...]
 *   --shuffle SEED    shuffle the articles (SplitMix64 Fisher-Yates)
 *   --time-order      sort by published time (stable); undated ones last
 *   --no-dates        drop every published date before clustering
 *   --set NAME=VALUE  an option of cr_story_opts: threshold, w_terms,
 *                     w_names, w_numbers, title_weight, grace, half_life,
 *                     window (seconds, or with a d suffix days), max_active
 *   --show ID         print the story of article ID with its members
 *   --stories         print every story: id, size, label
 *   --dump            print id, story, new, score for every article
 *   --errors N        with --gold: where the errors are — the N pairs of
 *                     gold stories merged into one story with the most
 *                     wrong pairs, the N gold stories split with the most
 *                     pairs lost (with the sizes of their parts), and the
 *                     F1 that fixing only the merges, or only the splits,
 *                     would give
 *   --quiet           print only the one-line result
 *
 * Build: `bench/stories.sh` (or see it).
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crossread.h"
#include "../cli/cluster_metrics.h"
#define BENCH_NAME "stories_eval"
#include "stories_bench.h"

typedef struct item {
    cr_article a;
    cr_doc *doc;
    int64_t t;        /* published seconds, for --time-order */
    int dated;
    size_t order;     /* input position */
    int64_t story;    /* assigned */
    int is_new;
    double score;
} item;

static item *items;
static size_t nitems, capitems;


static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf = NULL;
    size_t cap = 0, n = 0, r;
    if (!f)
        die(strerror(errno), path);
    for (;;) {
        if (n + 65536 + 1 > cap) {
            cap = cap ? cap * 2 : 1 << 20;
            buf = realloc(buf, cap);
            if (!buf)
                die("out of memory", NULL);
        }
        r = fread(buf + n, 1, cap - n - 1, f);
        n += r;
        if (r == 0)
            break;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

static item *new_item(void)
{
    if (nitems == capitems) {
        capitems = capitems ? capitems * 2 : 1024;
        items = realloc(items, capitems * sizeof *items);
        if (!items)
            die("out of memory", NULL);
    }
    memset(&items[nitems], 0, sizeof items[nitems]);
    items[nitems].order = nitems;
    return &items[nitems++];
}

static int ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && !strcmp(s + a - b, suf);
}

static void load(const char *path)
{
    size_t len, i = 0, line = 0;
    char *buf = read_file(path, &len);
    cr_error err;
    if (ends_with(path, ".txt")) {
        const char *base = strrchr(path, '/');
        item *it = new_item();
        base = base ? base + 1 : path;
        if (cr_parse_text(buf, len, base, NULL, &it->a, &err) != CR_OK) {
            fprintf(stderr, "%s: %s\n", path, err.msg);
            nitems--;
        }
        free(buf);
        return;
    }
    while (i < len) {
        size_t j = i;
        while (j < len && buf[j] != '\n')
            j++;
        line++;
        if (j > i) {
            item *it = new_item();
            if (cr_parse_jsonl(buf + i, j - i, NULL, &it->a, &err) != CR_OK) {
                fprintf(stderr, "%s:%zu: %s\n", path, line, err.msg);
                nitems--;
            }
        }
        i = j + 1;
    }
    free(buf);
}

/* ---- gold labels ------------------------------------------------------- */

typedef struct gold {
    char *id;
    int64_t story; /* label interned as a number */
} gold;

static gold *golds;
static size_t ngold;
static char **gold_names; /* label text of each interned story number */
static size_t ngold_names;

static int gold_cmp(const void *a, const void *b)
{
    return strcmp(((const gold *)a)->id, ((const gold *)b)->id);
}

static void load_gold(const char *path)
{
    size_t len, i, cap = 0, nlab = 0, caplab = 0, k;
    char *buf = read_file(path, &len), *p, *save = NULL;
    char **labels = NULL;
    int first = 1;
    (void)i;
    for (p = buf; p && *p; p = save) {
        char *nl = strchr(p, '\n'), *tab, *end;
        save = nl ? nl + 1 : NULL;
        if (nl)
            *nl = '\0';
        if (first) { /* header */
            first = 0;
            continue;
        }
        tab = strchr(p, '\t');
        if (!tab || tab == p)
            continue;
        *tab = '\0';
        end = strchr(tab + 1, '\t');
        if (end)
            *end = '\0';
        if (ngold == cap) {
            cap = cap ? cap * 2 : 1024;
            golds = realloc(golds, cap * sizeof *golds);
            if (!golds)
                die("out of memory", NULL);
        }
        for (k = 0; k < nlab; k++)
            if (!strcmp(labels[k], tab + 1))
                break;
        if (k == nlab) {
            if (nlab == caplab) {
                caplab = caplab ? caplab * 2 : 256;
                labels = realloc(labels, caplab * sizeof *labels);
                if (!labels)
                    die("out of memory", NULL);
            }
            labels[nlab++] = tab + 1;
            gold_names = realloc(gold_names, nlab * sizeof *gold_names);
            if (!gold_names || !(gold_names[nlab - 1] = strdup(tab + 1)))
                die("out of memory", NULL);
            ngold_names = nlab;
        }
        golds[ngold].id = strdup(p);
        golds[ngold].story = (int64_t)k;
        ngold++;
    }
    qsort(golds, ngold, sizeof *golds, gold_cmp);
    free(labels);
    free(buf);
}

static const gold *gold_find(const char *id)
{
    gold key;
    key.id = (char *)id;
    return ngold ? bsearch(&key, golds, ngold, sizeof *golds, gold_cmp)
                 : NULL;
}

/* ---- order ------------------------------------------------------------- */


static int time_cmp(const void *a, const void *b)
{
    const item *x = a, *y = b;
    if (x->dated != y->dated)
        return x->dated ? -1 : 1;
    if (x->dated && x->t != y->t)
        return x->t < y->t ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

/* "YYYY-MM-DD[THH:MM:SSZ]" to seconds; 0 when absent. */
static int to_seconds(const char *p, int64_t *t)
{
    int y, m, d, hh = 0, mi = 0, ss = 0;
    int64_t era, yoe, doy, doe;
    if (!p || sscanf(p, "%4d-%2d-%2d", &y, &m, &d) != 3)
        return 0;
    if (p[10] == 'T' && sscanf(p + 11, "%2d:%2d:%2d", &hh, &mi, &ss) != 3)
        return 0;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    *t = (era * 146097 + doe - 719468) * 86400 + hh * 3600 + mi * 60 + ss;
    return 1;
}

/* ---- error report ------------------------------------------------------ */

/* The --errors report over nlab labelled items (pred[i], gl[i]):
 * cm_errors_find (cli/cluster_metrics.h), as `crossread eval stories
 * --errors` prints it. */
static void report_errors(const int64_t *pred, const int64_t *gl,
                          size_t nlab, size_t top)
{
    cm_errors e;
    size_t i, k;
    if (cm_errors_find(pred, gl, nlab, &e))
        die("out of memory", NULL);
    printf("merged gold stories (wrong pairs):\n");
    for (i = 0; i < e.nmerges && i < top; i++)
        printf("  %6.0f  %s + %s\n", e.merges[i].pairs,
               gold_names[e.merges[i].a], gold_names[e.merges[i].b]);
    printf("split gold stories (lost pairs: sizes of the parts):\n");
    for (i = 0; i < e.nsplits && i < top; i++) {
        const cm_split *sp = &e.splits[i];
        printf("  %6.0f  %s:", sp->pairs, gold_names[sp->gold]);
        for (k = 0; k < sp->nparts; k++)
            printf(" %zu", e.parts[sp->first + k]);
        printf("\n");
    }
    printf("merges fixed: pairwise F1 %.4f  bcubed F1 %.4f\n",
           e.merges_fixed.pair_f1, e.merges_fixed.b3_f1);
    printf("splits fixed: pairwise F1 %.4f  bcubed F1 %.4f\n",
           e.splits_fixed.pair_f1, e.splits_fixed.b3_f1);
    cm_errors_free(&e);
}

/* ---- options ----------------------------------------------------------- */


static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    cr_story_opts o;
    cr_clusterer *cl = NULL;
    cr_story_stats st;
    const char *gold_path = NULL, *show[16];
    int nshow = 0, shuffle = 0, time_order = 0, no_dates = 0;
    int print_stories = 0, dump = 0, quiet = 0, i;
    size_t errors = 0;
    uint64_t seed = 0;
    size_t k, nlab = 0;
    int64_t *pred, *gl;
    double t0, t_cluster;
    cm_result res;
    cr_status rc;

    cr_story_opts_default(&o);
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--gold") && i + 1 < argc)
            gold_path = argv[++i];
        else if (!strcmp(a, "--shuffle") && i + 1 < argc) {
            shuffle = 1;
            seed = strtoull(argv[++i], NULL, 10);
        } else if (!strcmp(a, "--time-order"))
            time_order = 1;
        else if (!strcmp(a, "--no-dates"))
            no_dates = 1;
        else if (!strcmp(a, "--set") && i + 1 < argc)
            set_opt(&o, argv[++i]);
        else if (!strcmp(a, "--show") && i + 1 < argc && nshow < 16)
            show[nshow++] = argv[++i];
        else if (!strcmp(a, "--stories"))
            print_stories = 1;
        else if (!strcmp(a, "--dump"))
            dump = 1;
        else if (!strcmp(a, "--errors") && i + 1 < argc)
            errors = (size_t)strtoull(argv[++i], NULL, 10);
        else if (!strcmp(a, "--quiet"))
            quiet = 1;
        else if (a[0] == '-' && a[1])
            die("unknown flag", a);
        else
            load(a);
    }
    if (!nitems)
        die("no articles", NULL);
    if (gold_path)
        load_gold(gold_path);

    /* analyse */
    t0 = now_s();
    for (k = 0; k < nitems; k++) {
        item *it = &items[k];
        if (no_dates) {
            free(it->a.published);
            it->a.published = NULL;
        }
        it->dated = to_seconds(it->a.published, &it->t);
        if (it->a.text_len &&
            cr_doc_analyze(it->a.text, it->a.text_len, it->a.lang, NULL,
                           &it->doc) != CR_OK)
            die("analysis failed", it->a.id);
    }
    if (!quiet)
        fprintf(stderr, "analysed %zu articles in %.2f s\n", nitems,
                now_s() - t0);

    if (shuffle) {
        size_t *perm = malloc((nitems + 1) * sizeof *perm);
        item *tmp = malloc((nitems + 1) * sizeof *tmp);
        if (!perm || !tmp)
            die("out of memory", NULL);
        for (k = 0; k < nitems; k++)
            perm[k] = k;
        cm_shuffle(perm, nitems, seed);
        for (k = 0; k < nitems; k++)
            tmp[k] = items[perm[k]];
        memcpy(items, tmp, nitems * sizeof *items);
        free(tmp);
        free(perm);
    }
    if (time_order)
        qsort(items, nitems, sizeof *items, time_cmp);

    rc = cr_clusterer_new(&o, &cl);
    if (rc != CR_OK)
        die("cr_clusterer_new", cr_strerror(rc));
    t0 = now_s();
    for (k = 0; k < nitems; k++) {
        cr_story_match m;
        rc = cr_clusterer_add(cl, (int64_t)k, &items[k].a, items[k].doc, &m);
        if (rc != CR_OK)
            die("cr_clusterer_add", cr_strerror(rc));
        items[k].story = m.story;
        items[k].is_new = m.is_new;
        items[k].score = m.score;
    }
    t_cluster = now_s() - t0;
    cr_clusterer_stats(cl, &st);

    if (dump)
        for (k = 0; k < nitems; k++)
            printf("%s\t%lld\t%d\t%.3f\n", items[k].a.id,
                   (long long)items[k].story, items[k].is_new,
                   items[k].score);

    if (print_stories) {
        int64_t id;
        for (id = 1; id <= st.stories; id++) {
            cr_story_info info;
            if (cr_story_get(cl, id, &info) == CR_OK)
                printf("story %lld\t%zu\t%s\n", (long long)id,
                       info.articles, info.label);
        }
    }

    for (i = 0; i < nshow; i++) {
        cr_story_info info;
        const int64_t *keys;
        size_t nk, m;
        for (k = 0; k < nitems; k++)
            if (!strcmp(items[k].a.id, show[i]))
                break;
        if (k == nitems) {
            printf("show %s: no such article\n", show[i]);
            continue;
        }
        cr_story_get(cl, items[k].story, &info);
        cr_story_members(cl, items[k].story, &keys, &nk);
        printf("show %s: story %lld, %zu articles, label \"%s\"\n", show[i],
               (long long)info.id, info.articles, info.label);
        for (m = 0; m < nk; m++)
            printf("  %s\t%s\n", items[keys[m]].a.id,
                   items[keys[m]].a.title ? items[keys[m]].a.title : "");
    }

    if (ngold) {
        pred = malloc(nitems * sizeof *pred);
        gl = malloc(nitems * sizeof *gl);
        if (!pred || !gl)
            die("out of memory", NULL);
        for (k = 0; k < nitems; k++) {
            const gold *g = gold_find(items[k].a.id);
            if (!g)
                continue;
            pred[nlab] = items[k].story;
            gl[nlab] = g->story;
            nlab++;
        }
        if (cm_evaluate(pred, gl, nlab, &res))
            die("out of memory", NULL);
        printf("pairwise P %.4f R %.4f F1 %.4f  bcubed P %.4f R %.4f F1 "
               "%.4f  stories %zu gold %zu  articles %zu\n",
               res.pair_p, res.pair_r, res.pair_f1, res.b3_p, res.b3_r,
               res.b3_f1, res.pred_clusters, res.gold_clusters, nlab);
        if (errors)
            report_errors(pred, gl, nlab, errors);
        if (nlab < nitems && !quiet)
            fprintf(stderr, "%zu articles have no gold label\n",
                    nitems - nlab);
        free(pred);
        free(gl);
    }
    if (!quiet)
        fprintf(stderr,
                "clustered %zu articles in %.3f s (%.0f/s): %lld stories, "
                "%zu active, %zu features, %.1f MiB\n",
                nitems, t_cluster, nitems / (t_cluster > 0 ? t_cluster : 1e-9),
                (long long)st.stories, st.active, st.features,
                st.memory / 1048576.0);

    cr_clusterer_free(cl);
    for (k = 0; k < nitems; k++) {
        cr_article_clear(&items[k].a);
        cr_doc_free(items[k].doc);
    }
    free(items);
    for (k = 0; k < ngold; k++)
        free(golds[k].id);
    free(golds);
    for (k = 0; k < ngold_names; k++)
        free(gold_names[k]);
    free(gold_names);
    return 0;
}
