/*
 * cmd_eval.c — `crossread eval dups`: score near-duplicate detection
 * against gold groups. The inputs go, in the order given, through the same
 * path as `crossread stream` (parse, analyse, fingerprint, the in-memory
 * index with its window); articles joined by duplicate_of links form the
 * predicted groups, which are scored with pairwise precision, recall, F1
 * and the adjusted Rand index (dup_metrics.c, shared with bench/).
 */
#include "cli.h"
#include "dup_metrics.h"

#include <stdlib.h>
#include <string.h>

/* As `stream`: eval measures what stream does. */
#define EVAL_DEFAULT_WINDOW (7 * 86400)

static const char help[] =
    "Usage: crossread eval dups --gold GOLD.tsv [OPTIONS] INPUT...\n"
    "       crossread eval stories --gold GOLD.tsv INPUT...  (see eval stories --help)\n"
    "       crossread eval quotes --gold ATTRIBUTIONS.jsonl INPUT...  (see eval quotes --help)\n"
    "       crossread eval align FILE                      (see eval align --help)\n"
    "\n"
    "Score near-duplicate detection against gold groups. The INPUT files\n"
    "(JSON Lines or text, as for `add`; - for stdin) are read in the order\n"
    "given and go through exactly what `crossread stream` does, with no store:\n"
    "each article is compared with the earlier ones in the window. Articles\n"
    "joined by duplicate_of links (transitively) form the predicted groups.\n"
    "GOLD.tsv has a header line, then `id<TAB>group` per line (more columns\n"
    "are ignored); input articles it does not list are groups of their own.\n"
    "Prints pairwise precision, recall and F1 (over pairs of articles put in\n"
    "one group), the adjusted Rand index, and the counts behind them: how many\n"
    "predicted pairs join articles of different gold groups.\n"
    "\n"
    "Options:\n"
    "  --gold FILE       the gold groups (required)\n"
    "  --threshold X     similarity at which an article is a copy (default 0.5)\n"
    "  --shingle N       words per shingle, 1..16 (default 5)\n"
    "  --window SPAN     as for stream (default 7d; 0: no window)\n"
    "  --json            one JSON object (docs/JSON.md)\n"
    "\n"
    "Examples:\n"
    "  python3 bench/gen_syndication.py --seed 1 syn.jsonl syn-gold.tsv\n"
    "  crossread eval dups --gold syn-gold.tsv syn.jsonl\n"
    "  crossread eval dups --gold ../shared/data/ecbplus/gold.tsv \\\n"
    "      ../shared/data/ecbplus/articles.jsonl     # events, not copies:\n"
    "                                                # false_pairs should be 0\n";

typedef struct eval_ctx {
    cli_opts *o;
    cli_dupstream *dups;
    dup_map *gold;
    int64_t *gl, *pl;   /* gold and predicted label per sequence number */
    size_t n, cap;
    long failed, copies, missing;
    int fatal;
} eval_ctx;

static int on_article(void *vctx, cr_article *a, const char *where)
{
    eval_ctx *c = vctx;
    cr_dedup_match m;
    const char *of_id;
    int64_t seq, *g;
    cr_status rc;

    if (!a->published)
        cr_article_infer_date(a);
    /* the fingerprint reads the text itself: no analysis needed */
    rc = dup_labels_reserve(&c->gl, &c->pl, &c->cap, c->n) != 0
             ? CR_ENOMEM
             : cli_dupstream_add(c->dups, a, NULL, &seq, &m, &of_id);
    if (rc != CR_OK) {
        fprintf(stderr, "crossread: %s: article %s: %s\n", where, a->id,
                cr_strerror(rc));
        c->failed++;
        c->fatal = rc == CR_ENOMEM || rc == CR_ELIMIT;
        goto done;
    }
    /* sequence numbers are 0, 1, ... in the order articles went in */
    g = dup_map_slot(c->gold, a->id, 0);
    c->gl[c->n] = g ? *g : -1 - (int64_t)c->n;
    c->missing += !g;
    c->pl[c->n] = m.key >= 0 ? c->pl[m.key] : (int64_t)c->n;
    c->copies += m.key >= 0;
    c->n++;
    if (c->o->verbose && m.key >= 0)
        fprintf(stderr, "%s copies %s (%.2f)\n", a->id, of_id, m.similarity);
done:
    cr_article_clear(a);
    return c->fatal;
}

int cli_eval_args(int argc, char **argv, cli_opts *o, const char *usage,
                  cli_eval_opt_fn opt, void *ctx, const char **gold,
                  char ***paths, int *npaths)
{
    char cmd[64];
    int i, g;

    snprintf(cmd, sizeof cmd, "eval %s", argv[1]);
    *gold = NULL;
    *npaths = 0;
    *paths = calloc((size_t)argc + 1, sizeof **paths);
    if (!*paths)
        return EXIT_FATAL;
    for (i = 2; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage, stdout);
            g = EXIT_OK;
            goto stop;
        }
        if (strcmp(a, "--gold") == 0) {
            if (i + 1 >= argc) {
                g = cli_usage_error(cmd, "--gold needs a file");
                goto stop;
            }
            *gold = argv[++i];
            continue;
        }
        if (a[0] == '-' && a[1]) {
            g = opt ? opt(argc, argv, &i, ctx) : 0;
            if (g == 0)
                g = cli_global_opt(argc, argv, &i, o);
            if (g == 0)
                cli_usage_error(cmd, "unknown option '%s'", a);
            if (g <= 0) {
                g = EXIT_USAGE;
                goto stop;
            }
            continue;
        }
        (*paths)[(*npaths)++] = argv[i];
    }
    if (*gold && *npaths > 0)
        return -1;
    g = cli_usage_error(cmd, "%s", !*gold ? "--gold FILE is required"
                                          : "no INPUT to read");
stop:
    free(*paths);
    *paths = NULL;
    return g;
}

static int dedup_opt(int argc, char **argv, int *i, void *dd)
{
    return cli_dedup_opt(argc, argv, i, "eval dups", dd);
}

int cmd_eval(int argc, char **argv, cli_opts *o)
{
    eval_ctx c;
    cli_input in;
    cli_dedup dd;
    dup_scores sc;
    const char *gold = NULL;
    char **paths = NULL;
    char msg[300], span[32];
    int i, npaths = 0, rc = EXIT_OK;
    cr_status st;
    double t0;

    memset(&c, 0, sizeof c);
    memset(&in, 0, sizeof in);
    cli_dedup_defaults(&dd, EVAL_DEFAULT_WINDOW);
    if (argc < 2 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "--help") == 0) {
        if (argc < 2)
            return cli_usage_error("eval", "what to evaluate? (dups, stories, quotes, align)");
        fputs(help, stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "stories") == 0)
        return cmd_eval_stories(argc, argv, o);
    if (strcmp(argv[1], "quotes") == 0)
        return cmd_eval_quotes(argc, argv, o);
    if (strcmp(argv[1], "align") == 0)
        return cmd_eval_align(argc, argv, o);
    if (strcmp(argv[1], "dups") != 0)
        return cli_usage_error("eval", "cannot evaluate '%s' (dups, stories, quotes, align)",
                               argv[1]);
    i = cli_eval_args(argc, argv, o, help, dedup_opt, &dd, &gold, &paths,
                      &npaths);
    if (i >= 0)
        return i;
    if (dd.off) {
        free(paths);
        return cli_usage_error("eval dups",
                               "--no-dedup leaves nothing to evaluate");
    }
    c.o = o;
    c.gold = dup_map_new();
    if (!c.gold) {
        free(paths);
        return EXIT_FATAL;
    }
    if (dup_gold_load(gold, c.gold, msg, sizeof msg) != 0) {
        fprintf(stderr, "crossread eval dups: %s\n", msg);
        dup_map_free(c.gold);
        free(paths);
        return EXIT_FATAL;
    }
    if ((st = cli_dupstream_new(&dd.opts, &c.dups)) != CR_OK) {
        fprintf(stderr, "crossread eval dups: %s\n", cr_strerror(st));
        dup_map_free(c.gold);
        free(paths);
        return EXIT_FATAL;
    }
    in.lim = &o->lim;
    in.on_article = on_article;
    in.ctx = &c;
    t0 = cli_now();
    cli_read_paths(&in, paths, npaths);
    memset(&sc, 0, sizeof sc);
    if (!c.fatal && dup_score(c.gl, c.pl, c.n, &sc) != 0) {
        fprintf(stderr, "crossread eval dups: out of memory\n");
        c.fatal = 1;
    }
    if (!c.fatal && o->json) {
        printf("{\"articles\":%zu,\"not_in_gold\":%ld,\"gold_pairs\":%.0f,"
               "\"predicted_pairs\":%.0f,\"true_pairs\":%.0f,"
               "\"false_pairs\":%.0f,\"copies\":%ld,\"precision\":%.6g,"
               "\"recall\":%.6g,\"f1\":%.6g,\"ari\":%.6g,\"threshold\":%g,"
               "\"shingle\":%u,\"window\":%lld,\"seconds\":%.3f}\n",
               c.n, c.missing, sc.gold_pairs, sc.pred_pairs, sc.true_pairs,
               sc.pred_pairs - sc.true_pairs, c.copies, sc.precision,
               sc.recall, sc.f1, sc.ari, dd.opts.threshold, dd.opts.shingle,
               (long long)dd.opts.window, cli_now() - t0);
    } else if (!c.fatal) {
        printf("%zu articles (%ld not in the gold), threshold %g, shingle %u, "
               "window %s\n",
               c.n, c.missing, dd.opts.threshold, dd.opts.shingle,
               cli_span_str(dd.opts.window, span, sizeof span));
        printf("  copies found        %10ld\n", c.copies);
        printf("  gold pairs          %10.0f\n", sc.gold_pairs);
        printf("  predicted pairs     %10.0f  (%.0f within one gold group, "
               "%.0f across gold groups)\n",
               sc.pred_pairs, sc.true_pairs, sc.pred_pairs - sc.true_pairs);
        printf("  pairwise precision  %10.4f\n", sc.precision);
        printf("  pairwise recall     %10.4f\n", sc.recall);
        printf("  pairwise F1         %10.4f\n", sc.f1);
        printf("  ARI                 %10.4f\n", sc.ari);
    }
    cli_dupstream_free(c.dups);
    dup_map_free(c.gold);
    free(c.gl);
    free(c.pl);
    free(paths);
    if (c.fatal)
        return EXIT_FATAL;
    if (in.errors + c.failed)
        rc = EXIT_INPUT;
    return rc;
}
