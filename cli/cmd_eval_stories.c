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
    "\n"
    "Options:\n"
    "  --gold FILE       the gold stories (required)\n"
    "  --json            one JSON object (docs/JSON.md)\n"
    "\n"
    "Examples:\n"
    "  crossread eval stories --gold ../shared/data/ecbplus/gold.tsv \\\n"
    "      ../shared/data/ecbplus/articles.jsonl\n"
    "  crossread eval stories --gold examples/ecbplus-sample.gold.tsv \\\n"
    "      examples/ecbplus-sample.jsonl\n";

typedef struct es_ctx {
    cli_opts *o;
    cr_clusterer *cl;
    dup_map *gold;
    int64_t *gl, *pl;
    size_t n, cap;
    long failed, missing;
    int fatal;
} es_ctx;

static int on_article(void *vctx, cr_article *a, const char *where)
{
    es_ctx *c = vctx;
    cr_doc *doc = NULL;
    cr_story_match m;
    int64_t *g;
    cr_status rc;

    if (!a->published)
        cr_article_infer_date(a);
    rc = cr_doc_analyze(a->text, a->text_len, a->lang, &c->o->lim, &doc);
    if (rc == CR_OK && dup_labels_reserve(&c->gl, &c->pl, &c->cap, c->n) != 0)
        rc = CR_ENOMEM;
    if (rc == CR_OK)
        rc = cr_clusterer_add(c->cl, (int64_t)c->n, a, doc, &m);
    if (rc != CR_OK) {
        fprintf(stderr, "crossread: %s: article %s: %s\n", where, a->id,
                cr_strerror(rc));
        c->failed++;
        c->fatal = rc == CR_ENOMEM;
        goto done;
    }
    g = dup_map_slot(c->gold, a->id, 0);
    c->gl[c->n] = g ? *g : -1 - (int64_t)c->n;
    c->missing += !g;
    c->pl[c->n] = m.story;
    c->n++;
done:
    cr_doc_free(doc);
    cr_article_clear(a);
    return c->fatal;
}

int cmd_eval_stories(int argc, char **argv, cli_opts *o)
{
    es_ctx c;
    cli_input in;
    cm_result r;
    cr_story_opts so;
    const char *gold = NULL;
    char **paths = NULL;
    char msg[300];
    int i, npaths = 0, rc = EXIT_OK;
    cr_status st;
    double t0;

    memset(&c, 0, sizeof c);
    memset(&in, 0, sizeof in);
    i = cli_eval_args(argc, argv, o, help, NULL, NULL, &gold, &paths,
                      &npaths);
    if (i >= 0)
        return i;
    c.o = o;
    c.gold = dup_map_new();
    if (!c.gold) {
        free(paths);
        return EXIT_FATAL;
    }
    if (dup_gold_load(gold, c.gold, msg, sizeof msg) != 0) {
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
    if (!c.fatal && cm_evaluate(c.pl, c.gl, c.n, &r) != 0) {
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
               "\"recall\":%.6g,\"f1\":%.6g},\"seconds\":%.3f}\n",
               c.n, c.missing, r.pred_clusters, r.gold_clusters, r.pair_p,
               r.pair_r, r.pair_f1, r.b3_p, r.b3_r, r.b3_f1, cli_now() - t0);
    } else {
        printf("%zu articles (%ld not in the gold): %zu predicted stories, "
               "%zu gold stories\n",
               c.n, c.missing, r.pred_clusters, r.gold_clusters);
        printf("             precision  recall      F1\n");
        printf("  pairwise   %9.4f %7.4f %7.4f\n", r.pair_p, r.pair_r,
               r.pair_f1);
        printf("  BCubed     %9.4f %7.4f %7.4f\n", r.b3_p, r.b3_r, r.b3_f1);
    }
    if (in.errors + c.failed)
        rc = EXIT_INPUT;
done:
    cr_clusterer_free(c.cl);
    dup_map_free(c.gold);
    free(c.gl);
    free(c.pl);
    free(paths);
    return rc;
}
