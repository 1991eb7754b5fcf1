/*
 * cmd_eval_stories.c — `crossread eval stories`: score story clustering
 * against gold story labels. The inputs go, in the order given, through
 * what `crossread stream` does (parse, date, analyse, the online
 * clusterer); the stories articles join are scored with pairwise and
 * BCubed precision, recall and F1 (cluster_metrics.h, shared with
 * bench/stories_eval.c).
 */
#include "cli.h"
#include "cluster_metrics.h"
#include "dup_metrics.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char help[] =
    "Usage: crossread eval stories --gold GOLD.tsv [OPTIONS] INPUT...\n"
    "\n"
    "Score story clustering against gold stories. The INPUT files (JSON Lines\n"
    "or text, as for `add`; - for stdin) are read in the order given; each\n"
    "article is assigned to a story as it arrives, exactly as `crossread\n"
    "stream` does. GOLD.tsv has a header line, then `id<TAB>story` per line\n"
    "(more columns are ignored); input articles it does not list are stories\n"
    "of their own. Prints pairwise precision, recall and F1 over all pairs of\n"
    "articles (the measure of the news-stream clustering literature), BCubed\n"
    "precision, recall and F1, and the number of predicted and gold stories.\n"
    "An online clusterer's result depends on the order articles come in:\n"
    "--shuffle N also runs N shuffled orders (seeds 1 to N, the same orders\n"
    "on every machine) and reports each and the spread of their F1.\n"
    "--errors N shows where the errors of the given order are: the N pairs\n"
    "of gold stories put together that cost the most wrong pairs, the N\n"
    "gold stories split that lost the most pairs (with the sizes of their\n"
    "parts), and the F1 with only the splits, or only the merges, left.\n"
    "\n"
    "Options:\n"
    "  --gold FILE       the gold stories (required)\n"
    "  --shuffle N       also score N shuffled orders (1-1000); the articles\n"
    "                    are then held in memory\n"
    "  --errors N        where the errors are, N of each kind (1-100000)\n"
    "  --json            one JSON object (docs/JSON.md)\n"
    "\n"
    "Examples:\n"
    "  crossread eval stories --gold ../shared/data/ecbplus/gold.tsv \\\n"
    "      ../shared/data/ecbplus/articles.jsonl\n"
    "  crossread eval stories --gold examples/ecbplus-sample.gold.tsv \\\n"
    "      examples/ecbplus-sample.jsonl\n"
    "  crossread eval stories --shuffle 10 --gold ../shared/data/ecbplus/gold.tsv \\\n"
    "      ../shared/data/ecbplus/articles.jsonl\n"
    "  crossread eval stories --errors 5 --gold examples/ecbplus-sample.gold.tsv \\\n"
    "      examples/ecbplus-sample.jsonl\n";

#define ES_MAX_SHUFFLES 1000
#define ES_MAX_ERRORS 100000

/* An article held for the shuffled runs, with its analysis and gold
 * label. */
typedef struct es_item {
    cr_article a;
    cr_doc *doc;
    int64_t gold;
} es_item;

typedef struct es_ctx {
    cli_opts *o;
    cr_clusterer *cl;
    dup_map *gold;
    int64_t *gl, *pl;
    size_t n, cap;
    long failed, missing;
    int fatal;
    int shuffles;     /* --shuffle N; 0: articles clustered as read */
    long errors;      /* --errors N; 0: no error report */
    es_item *items;   /* held articles (with --shuffle) */
    size_t nitems, capitems;
} es_ctx;

static int shuffle_opt(int argc, char **argv, int *i, void *ctx)
{
    es_ctx *c = ctx;
    char *end;
    long v;
    if (strcmp(argv[*i], "--errors") == 0) {
        const char *a = *i + 1 < argc ? argv[*i + 1] : "";
        v = strtol(a, &end, 10);
        if (*end || end == a || v < 1 || v > ES_MAX_ERRORS) {
            cli_usage_error("eval stories",
                            "--errors wants a number from 1 to %d, not '%s'",
                            ES_MAX_ERRORS, a);
            return -1;
        }
        c->errors = v;
        (*i)++;
        return 1;
    }
    if (strcmp(argv[*i], "--shuffle") != 0)
        return 0;
    if (*i + 1 >= argc) {
        cli_usage_error("eval stories", "--shuffle needs a number");
        return -1;
    }
    v = strtol(argv[*i + 1], &end, 10);
    if (*end || end == argv[*i + 1] || v < 1 || v > ES_MAX_SHUFFLES) {
        cli_usage_error("eval stories",
                        "--shuffle wants a number from 1 to %d, not '%s'",
                        ES_MAX_SHUFFLES, argv[*i + 1]);
        return -1;
    }
    c->shuffles = (int)v;
    (*i)++;
    return 1;
}

static int on_article(void *vctx, cr_article *a, const char *where)
{
    es_ctx *c = vctx;
    cr_doc *doc = NULL;
    cr_story_match m;
    int64_t *g, gl;
    cr_status rc;

    if (!a->published)
        cr_article_infer_date(a);
    rc = cr_doc_analyze(a->text, a->text_len, a->lang, &c->o->lim, &doc);
    if (rc == CR_OK && dup_labels_reserve(&c->gl, &c->pl, &c->cap, c->n) != 0)
        rc = CR_ENOMEM;
    if (rc == CR_OK && c->shuffles && c->nitems == c->capitems) {
        size_t cap = c->capitems ? 2 * c->capitems : 256;
        es_item *t = realloc(c->items, cap * sizeof *t);
        if (t) {
            c->items = t;
            c->capitems = cap;
        } else {
            rc = CR_ENOMEM;
        }
    }
    if (rc == CR_OK && !c->shuffles)
        rc = cr_clusterer_add(c->cl, (int64_t)c->n, a, doc, &m);
    if (rc != CR_OK) {
        fprintf(stderr, "crossread: %s: article %s: %s\n", where, a->id,
                cr_strerror(rc));
        c->failed++;
        c->fatal = rc == CR_ENOMEM;
        goto done;
    }
    g = dup_map_slot(c->gold, a->id, 0);
    gl = g ? *g : -1 - (int64_t)c->n;
    c->missing += !g;
    if (c->shuffles) {
        /* held: clustered in each order once the input is read */
        es_item *it = &c->items[c->nitems++];
        it->a = *a;
        it->doc = doc;
        it->gold = gl;
        memset(a, 0, sizeof *a);
        doc = NULL;
    } else {
        c->gl[c->n] = gl;
        c->pl[c->n] = m.story;
    }
    c->n++;
done:
    cr_doc_free(doc);
    cr_article_clear(a);
    return c->fatal;
}

/* Cluster the held articles in the order `order` (NULL: as read) with a
 * new clusterer and score the stories into *r. CR_OK or an error. */
static cr_status run_order(es_ctx *c, const cr_story_opts *so,
                           const size_t *order, cm_result *r)
{
    cr_clusterer *cl;
    cr_status rc = cr_clusterer_new(so, &cl);
    size_t k;
    for (k = 0; rc == CR_OK && k < c->nitems; k++) {
        const es_item *it = &c->items[order ? order[k] : k];
        cr_story_match m;
        rc = cr_clusterer_add(cl, (int64_t)k, &it->a, it->doc, &m);
        c->pl[k] = m.story;
        c->gl[k] = it->gold;
    }
    cr_clusterer_free(cl);
    if (rc == CR_OK && cm_evaluate(c->pl, c->gl, c->nitems, r) != 0)
        rc = CR_ENOMEM;
    return rc;
}

/* Mean, least, greatest and standard deviation of x[0..n). */
typedef struct es_spread {
    double mean, min, max, sd;
} es_spread;

static es_spread spread_of(const double *x, size_t n)
{
    es_spread s = {0, 0, 0, 0};
    double sq = 0;
    size_t i;
    if (!n)
        return s;
    s.min = s.max = x[0];
    for (i = 0; i < n; i++) {
        s.mean += x[i];
        s.min = x[i] < s.min ? x[i] : s.min;
        s.max = x[i] > s.max ? x[i] : s.max;
    }
    s.mean /= (double)n;
    for (i = 0; i < n; i++)
        sq += (x[i] - s.mean) * (x[i] - s.mean);
    s.sd = sqrt(sq / (double)n);
    return s;
}

/* The --shuffle runs: seeds 1..N, each order scored; prints them and the
 * spread (text), or writes the "shuffles" member (JSON). */
static cr_status run_shuffles(es_ctx *c, const cr_story_opts *so, int json)
{
    size_t n = (size_t)c->shuffles, k, s;
    size_t *order = malloc((c->nitems + 1) * sizeof *order);
    double *pf = malloc(n * sizeof *pf), *bf = malloc(n * sizeof *bf);
    size_t *ns = malloc(n * sizeof *ns);
    cr_status rc = order && pf && bf && ns ? CR_OK : CR_ENOMEM;
    es_spread sp, sb;

    for (s = 0; rc == CR_OK && s < n; s++) {
        cm_result r;
        for (k = 0; k < c->nitems; k++)
            order[k] = k;
        cm_shuffle(order, c->nitems, (uint64_t)s + 1);
        rc = run_order(c, so, order, &r);
        pf[s] = r.pair_f1;
        bf[s] = r.b3_f1;
        ns[s] = r.pred_clusters;
    }
    if (rc == CR_OK) {
        sp = spread_of(pf, n);
        sb = spread_of(bf, n);
        if (json) {
            printf(",\"shuffles\":{\"runs\":%zu,\"pairwise_f1\":{\"mean\":%.6g,"
                   "\"min\":%.6g,\"max\":%.6g,\"sd\":%.6g},\"bcubed_f1\":{"
                   "\"mean\":%.6g,\"min\":%.6g,\"max\":%.6g,\"sd\":%.6g},"
                   "\"each\":[",
                   n, sp.mean, sp.min, sp.max, sp.sd, sb.mean, sb.min, sb.max,
                   sb.sd);
            for (s = 0; s < n; s++)
                printf("%s{\"seed\":%zu,\"pairwise_f1\":%.6g,\"bcubed_f1\":"
                       "%.6g,\"predicted_stories\":%zu}",
                       s ? "," : "", s + 1, pf[s], bf[s], ns[s]);
            printf("]}");
        } else {
            printf("\nshuffled orders    pairwise F1  BCubed F1  stories\n");
            for (s = 0; s < n; s++)
                printf("  seed %-4zu %16.4f %10.4f %8zu\n", s + 1, pf[s],
                       bf[s], ns[s]);
            printf("  mean      %16.4f %10.4f\n", sp.mean, sb.mean);
            printf("  min       %16.4f %10.4f\n", sp.min, sb.min);
            printf("  max       %16.4f %10.4f\n", sp.max, sb.max);
            printf("  sd        %16.4f %10.4f\n", sp.sd, sb.sd);
        }
    }
    free(order);
    free(pf);
    free(bf);
    free(ns);
    return rc;
}

/* The name of gold label g: its story in the gold file, or a note for an
 * article the gold does not list (a story of its own). */
static const char *gold_name(char **names, size_t nnames, int64_t g)
{
    if (g >= 1 && (size_t)g <= nnames)
        return names[g - 1];
    return "(an article not in the gold)";
}

/* The --errors report of the given order (c->pl, c->gl), N of each kind. */
static int report_errors(const es_ctx *c, char **names, size_t nnames,
                         int json)
{
    cm_errors e;
    size_t i, k, top = (size_t)c->errors;
    if (cm_errors_find(c->pl, c->gl, c->n, &e) != 0)
        return -1;
    if (json) {
        printf(",\"errors\":{\"merged\":[");
        for (i = 0; i < e.nmerges && i < top; i++) {
            printf("%s{\"gold\":[", i ? "," : "");
            json_cstr(stdout, gold_name(names, nnames, e.merges[i].a));
            putchar(',');
            json_cstr(stdout, gold_name(names, nnames, e.merges[i].b));
            printf("],\"pairs\":%.0f}", e.merges[i].pairs);
        }
        printf("],\"split\":[");
        for (i = 0; i < e.nsplits && i < top; i++) {
            const cm_split *sp = &e.splits[i];
            printf("%s{\"gold\":", i ? "," : "");
            json_cstr(stdout, gold_name(names, nnames, sp->gold));
            printf(",\"pairs\":%.0f,\"parts\":[", sp->pairs);
            for (k = 0; k < sp->nparts; k++)
                printf("%s%zu", k ? "," : "", e.parts[sp->first + k]);
            printf("]}");
        }
        printf("],\"merges_fixed\":{\"pairwise_f1\":%.6g,\"bcubed_f1\":%.6g},"
               "\"splits_fixed\":{\"pairwise_f1\":%.6g,\"bcubed_f1\":%.6g}}",
               e.merges_fixed.pair_f1, e.merges_fixed.b3_f1,
               e.splits_fixed.pair_f1, e.splits_fixed.b3_f1);
    } else {
        printf("\ngold stories put together (%zu pairs of them), by wrong "
               "pairs:\n", e.nmerges);
        for (i = 0; i < e.nmerges && i < top; i++) {
            printf("  %8.0f  %s + %s\n", e.merges[i].pairs,
                   gold_name(names, nnames, e.merges[i].a),
                   gold_name(names, nnames, e.merges[i].b));
        }
        printf("gold stories split (%zu), by lost pairs, with the sizes of "
               "their parts:\n", e.nsplits);
        for (i = 0; i < e.nsplits && i < top; i++) {
            const cm_split *sp = &e.splits[i];
            printf("  %8.0f  %s:", sp->pairs,
                   gold_name(names, nnames, sp->gold));
            for (k = 0; k < sp->nparts; k++)
                printf(" %zu", e.parts[sp->first + k]);
            putchar('\n');
        }
        printf("with only the splits left (merges undone): pairwise F1 "
               "%.4f, BCubed F1 %.4f\n",
               e.merges_fixed.pair_f1, e.merges_fixed.b3_f1);
        printf("with only the merges left (splits undone): pairwise F1 "
               "%.4f, BCubed F1 %.4f\n",
               e.splits_fixed.pair_f1, e.splits_fixed.b3_f1);
    }
    cm_errors_free(&e);
    return 0;
}

int cmd_eval_stories(int argc, char **argv, cli_opts *o)
{
    es_ctx c;
    cli_input in;
    cm_result r;
    cr_story_opts so;
    const char *gold = NULL;
    char **paths = NULL, **names = NULL;
    size_t nnames = 0;
    char msg[300];
    int i, npaths = 0, rc = EXIT_OK;
    cr_status st;
    double t0;

    memset(&c, 0, sizeof c);
    memset(&in, 0, sizeof in);
    i = cli_eval_args(argc, argv, o, help, shuffle_opt, &c, &gold, &paths,
                      &npaths);
    if (i >= 0)
        return i;
    c.o = o;
    c.gold = dup_map_new();
    if (!c.gold) {
        free(paths);
        return EXIT_FATAL;
    }
    if (dup_gold_load_names(gold, c.gold, &names, &nnames, msg,
                            sizeof msg) != 0) {
        fprintf(stderr, "crossread eval stories: %s\n", msg);
        rc = EXIT_FATAL;
        goto done;
    }
    cr_story_opts_default(&so);
    if ((st = cr_clusterer_new(&so, &c.cl)) != CR_OK) {
        fprintf(stderr, "crossread eval stories: %s\n", cr_strerror(st));
        rc = EXIT_FATAL;
        goto done;
    }
    in.lim = &o->lim;
    in.on_article = on_article;
    in.ctx = &c;
    t0 = cli_now();
    cli_read_paths(&in, paths, npaths);
    memset(&r, 0, sizeof r);
    if (!c.fatal && c.shuffles &&
        (st = run_order(&c, &so, NULL, &r)) != CR_OK) {
        fprintf(stderr, "crossread eval stories: %s\n", cr_strerror(st));
        c.fatal = 1;
    } else if (!c.fatal && !c.shuffles &&
               cm_evaluate(c.pl, c.gl, c.n, &r) != 0) {
        fprintf(stderr, "crossread eval stories: out of memory\n");
        c.fatal = 1;
    }
    if (c.fatal) {
        rc = EXIT_FATAL;
        goto done;
    }
    if (o->json) {
        printf("{\"articles\":%zu,\"not_in_gold\":%ld,\"predicted_stories\":%zu,"
               "\"gold_stories\":%zu,\"pairwise\":{\"precision\":%.6g,"
               "\"recall\":%.6g,\"f1\":%.6g},\"bcubed\":{\"precision\":%.6g,"
               "\"recall\":%.6g,\"f1\":%.6g}",
               c.n, c.missing, r.pred_clusters, r.gold_clusters, r.pair_p,
               r.pair_r, r.pair_f1, r.b3_p, r.b3_r, r.b3_f1);
    } else {
        printf("%zu articles (%ld not in the gold): %zu predicted stories, "
               "%zu gold stories\n",
               c.n, c.missing, r.pred_clusters, r.gold_clusters);
        printf("             precision  recall      F1\n");
        printf("  pairwise   %9.4f %7.4f %7.4f\n", r.pair_p, r.pair_r,
               r.pair_f1);
        printf("  BCubed     %9.4f %7.4f %7.4f\n", r.b3_p, r.b3_r, r.b3_f1);
    }
    /* then, in both forms: where the errors are, the shuffled orders */
    if (c.errors && report_errors(&c, names, nnames, o->json) != 0) {
        fprintf(stderr, "crossread eval stories: out of memory\n");
        rc = EXIT_FATAL;
        goto done;
    }
    if (c.shuffles && (st = run_shuffles(&c, &so, o->json)) != CR_OK) {
        fprintf(stderr, "crossread eval stories: %s\n", cr_strerror(st));
        rc = EXIT_FATAL;
        goto done;
    }
    if (o->json)
        printf(",\"seconds\":%.3f}\n", cli_now() - t0);
    if (in.errors + c.failed)
        rc = EXIT_INPUT;
done:
    for (i = 0; (size_t)i < c.nitems; i++) {
        cr_article_clear(&c.items[i].a);
        cr_doc_free(c.items[i].doc);
    }
    free(c.items);
    cr_clusterer_free(c.cl);
    dup_map_free(c.gold);
    dup_names_free(names, nnames);
    free(c.gl);
    free(c.pl);
    free(paths);
    return rc;
}
