/*
 * cmd_add.c — `crossread add`: ingest paths into the store. Each article is
 * dated (inferred from url/id when no date was given), analysed (tokens,
 * sentences, language), fingerprinted and compared with the articles
 * before it (near-duplicates), and stored in batched transactions with its
 * fingerprint and, for a copy, the link to the article it copies.
 * Re-adding the same id or the same text is a no-op that is counted and
 * reported.
 *
 * The near-duplicate index is rebuilt at start from the store's
 * fingerprints within the window, so a run finds copies of articles added
 * by earlier runs; articles stored without a fingerprint (a store from
 * before near-duplicate detection, or runs with --no-dedup) are
 * fingerprinted and compared first. Once the input is read, the run's new
 * articles join stories in publication order (add_stories.c), continuing
 * the stories of earlier runs.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

/* The default window of `add`: a copy published more than this after the
 * article it copies is not looked for. Long enough for wire copies and
 * updates of a story, and for a feed read a few weeks late; short enough
 * that the index rebuilt at each start stays small (about 280 bytes per
 * article published in the window). docs/ALGORITHMS.md has the reasoning. */
#define ADD_DEFAULT_WINDOW (30 * 86400)

/* The default of --replay: a run replays the last this many clustered
 * articles (beside the active stories' members) into the clusterer, so its
 * term statistics (IDF) start from a fair sample, and a store of fewer
 * clustered articles is replayed whole, which continues it exactly. About
 * 0.5 ms of CPU an article (BBC, PolNeAR), so about a second per run.
 * On ECB+ given dates (949 articles), added in two runs split at 1/3, 1/2
 * and 2/3, the two runs' stories agree with one run's at pairwise F1
 * 0.987-0.996 replaying the active stories alone, 0.995-0.999 with the
 * last 100 or 300, and exactly with the default, which replays the whole
 * store there (docs/BENCHMARKS.md, "Stories in the store"). */
#define ADD_REPLAY_RECENT 2000

static const char help[] =
    "Usage: crossread add [OPTIONS] PATH...\n"
    "\n"
    "Ingest articles into the store (--db, default ./crossread.db).\n"
    "PATH is a file, a directory (read recursively, in name order), or - for\n"
    "stdin. Files ending in .jsonl/.ndjson/.json are JSON Lines, one article\n"
    "per line: {\"id\", \"source\", \"url\", \"title\", \"published\", \"lang\", \"text\"}.\n"
    "Anything else is one plain-text article whose id is its file name; an\n"
    "optional leading \" date YYYY-MM-DD \" marker sets its publication date.\n"
    "Gzip files (.gz) are read transparently. Re-adding an article with the\n"
    "same id or the same text changes nothing and is reported as such.\n"
    "Each new article is compared with those stored before it, in this run or\n"
    "earlier ones: syndicated copies, reposts and lightly edited versions are\n"
    "recorded as copies (see `crossread dups`), and the summary counts them.\n"
    "Once the input is read, the new articles join stories (see `crossread\n"
    "stories`) in publication order, whatever order they were read in: a copy\n"
    "joins the story of the article it copies; any other article is compared\n"
    "with the active stories (online clustering, docs/ALGORITHMS.md) and\n"
    "joins the best one or starts its own. A run continues the stories of the\n"
    "runs before it: the articles of the stories still active, and the last\n"
    "2000 clustered (--replay), are replayed into the clusterer at start\n"
    "(--verbose says how many, and how long). A story retires 14 days after\n"
    "its last article; an article added later but dated before that cannot\n"
    "join it (--rebuild re-clusters the whole store in publication order).\n"
    "\n"
    "Options:\n"
    "  --source NAME     outlet for articles that do not name one\n"
    "  --id ID           id of a single plain-text article read from stdin\n"
    "  --format FMT      text or jsonl: override detection by name\n"
    "  --batch N         articles per transaction (default 10000; a batch\n"
    "                    also ends at 64 MiB of text)\n"
    "  --threshold X     similarity at which an article is a copy, in (0, 1]\n"
    "                    (default 0.5): max(Jaccard, containment) of the\n"
    "                    word 5-grams, so a trimmed copy still counts\n"
    "  --shingle N       words per shingle, 1..16 (default 5); a store keeps\n"
    "                    one size\n"
    "  --window SPAN     look for copies published within SPAN of each other\n"
    "                    (7d, 36h, 90m, 3600s; 0: no limit; default 30d)\n"
    "  --no-dedup        do not look for copies (the articles are\n"
    "                    fingerprinted by the next add that does)\n"
    "  --rebuild         forget the stored stories and cluster every stored\n"
    "                    article again, in publication order, before adding\n"
    "                    PATHs (which may then be left out)\n"
    "  --no-stories      do not assign stories (faster; the articles are\n"
    "                    clustered by the next add that does)\n"
    "  --replay N        at start, replay the last N clustered articles beside\n"
    "                    the active stories' (default 2000; a store with fewer\n"
    "                    is continued exactly; 0: the active stories only)\n"
    "  plus the global options (--db, --json, --quiet, --verbose, --max-*)\n"
    "\n"
    "Examples:\n"
    "  crossread add examples/seeds\n"
    "  crossread add --source kyiv-independent story.txt\n"
    "  crossread --db news.db add archive/2024-*.jsonl.gz\n"
    "  crossread add --window 7d --threshold 0.6 wire-feed.jsonl\n"
    "  crossread add --rebuild                 # re-cluster the whole store\n"
    "  curl -s https://example.org/feed.jsonl | crossread add -\n"
    "\n"
    "Bad input (invalid UTF-8, malformed JSON, empty or binary files, articles\n"
    "over a limit) gets one error line naming file, line and column; the rest\n"
    "still goes in and the exit status is 1. The summary goes to stdout.\n";

typedef struct add_ctx {
    cli_opts *o;
    cr_store *st;
    cli_dedup dd;
    cr_dedup *index;     /* NULL with --no-dedup */
    cli_progress prog;
    long added, same_id, same_content, failed;
    long copies;         /* new articles found to copy an earlier one */
    long loaded;         /* fingerprints read back from the store */
    cr_status load_status; /* of the last cr_dedup_add while loading */
    long backfilled, backfill_copies; /* earlier articles fingerprinted now */
    long extracted_earlier; /* earlier articles whose extraction is stored now */
    int64_t newest;      /* newest publication time read in this run */
    int have_newest;
    long late;           /* new articles dated over the window before newest */
    cli_add_stories stories;
    int fatal;
} add_ctx;

/* Count a new article dated more than the near-duplicate window before
 * the newest read so far: the index has let such times go, so copies
 * among late articles can be missed (stories are not affected: they are
 * formed in time order once the input is read). */
static void note_time(add_ctx *c, const cr_article *a)
{
    int64_t t;
    if (!a->published || cr_date_seconds(a->published, &t) != CR_OK)
        return;
    if (!c->have_newest || t > c->newest) {
        c->newest = t;
        c->have_newest = 1;
    } else if (c->index && c->dd.opts.window > 0 &&
               t < c->newest - c->dd.opts.window) {
        c->late++;
    }
}

/* Print "copy of ID (0.93)" for a verbose line: the id of key. */
static void print_copy(add_ctx *c, const cr_dedup_match *m)
{
    cr_stored s;
    if (cr_store_get_key(c->st, m->key, &s, NULL) == CR_OK) {
        fprintf(stderr, ", %scopy of %s (%.2f)", m->exact ? "exact " : "",
                s.article.id, m->similarity);
        cr_stored_clear(&s);
    }
}

/* Fingerprint the stored article `key`, compare and index it, and store
 * the fingerprint with its link. On failure a message naming `what` has
 * been printed. */
static cr_status dedup_one(add_ctx *c, int64_t key, const cr_article *a,
                           const cr_doc *doc, cr_dedup_match *m,
                           const char *where)
{
    cr_fingerprint fp;
    cr_error err;
    cr_status rc;

    memset(&err, 0, sizeof err);
    rc = cr_fingerprint_text(a->text, a->text_len, doc, &c->dd.opts, &fp);
    if (rc == CR_OK)
        rc = cr_dedup_add(c->index, key, cli_article_time(a), &fp, m);
    if (rc != CR_OK) {
        fprintf(stderr, "crossread: %s: article %s: near-duplicates: %s\n",
                where, a->id, cr_strerror(rc));
        return rc;
    }
    rc = cr_store_add_fingerprint(c->st, key, &fp, m, &err);
    if (rc != CR_OK) {
        fprintf(stderr, "crossread: %s: article %s: %s: %s\n", where, a->id,
                cr_strerror(rc), err.msg);
        if (rc == CR_ESTORE)
            c->fatal = 1;
    }
    return rc;
}

/* Extract what the stored article `key` says (quotes, entities, dates and
 * quantities) and store it with the article. On failure a message has been
 * printed. */
static cr_status extract_one(add_ctx *c, int64_t key, const cr_article *a,
                             const cr_doc *doc, const char *where)
{
    cr_extraction x;
    cr_error err;
    const char *stage = NULL;
    cr_status rc;

    memset(&err, 0, sizeof err);
    rc = cli_extract(a, doc, &c->o->lim, &x, &stage);
    if (rc != CR_OK) {
        fprintf(stderr, "crossread: %s: article %s: %s: %s\n", where, a->id,
                stage, cr_strerror(rc));
        c->fatal = rc == CR_ENOMEM;
        return rc;
    }
    rc = cr_store_add_extraction(c->st, key, &x, &err);
    if (rc != CR_OK) {
        fprintf(stderr, "crossread: %s: article %s: %s: %s\n", where, a->id,
                cr_strerror(rc), err.msg);
        if (rc == CR_ESTORE)
            c->fatal = 1;
    }
    cr_extraction_clear(&x);
    return rc;
}

static int on_article(void *vctx, cr_article *a, const char *where)
{
    add_ctx *c = vctx;
    cr_doc *doc = NULL;
    cr_add_result res = CR_ADD_NEW;
    cr_error err;
    char existing[256];
    cr_status rc;

    memset(&err, 0, sizeof err);
    existing[0] = '\0';
    if (!a->published)
        cr_article_infer_date(a);
    rc = cr_doc_analyze(a->text, a->text_len, a->lang, &c->o->lim, &doc);
    if (rc != CR_OK) {
        fprintf(stderr, "crossread: %s: article %s: %s\n", where, a->id,
                cr_strerror(rc));
        c->failed++;
        goto done;
    }
    rc = cr_store_add(c->st, a, doc, &res, existing, sizeof existing, &err);
    if (rc != CR_OK) {
        fprintf(stderr, "crossread: %s: article %s: %s: %s\n", where, a->id,
                cr_strerror(rc), err.msg);
        c->failed++;
        if (rc == CR_ESTORE)
            c->fatal = 1;
        goto done;
    }
    switch (res) {
    case CR_ADD_NEW: {
        cr_dedup_match m = {-1, 0.0, 0};
        int64_t key = cr_store_last_key(c->st);
        c->added++;
        note_time(c, a);
        if (extract_one(c, key, a, doc, where) != CR_OK)
            c->failed++;
        if (c->index) {
            if (dedup_one(c, key, a, doc, &m, where) != CR_OK)
                c->failed++;
            else if (m.key >= 0)
                c->copies++;
        }
        /* its story comes once the input is read: cli_add_stories_run */
        if (c->o->verbose) {
            fprintf(stderr, "added %s (%s)", a->id, cr_doc_lang(doc));
            if (m.key >= 0)
                print_copy(c, &m);
            fputc('\n', stderr);
        }
        break;
    }
    case CR_ADD_SAME_ID:
        c->same_id++;
        if (c->o->verbose)
            fprintf(stderr, "skipped %s: already stored\n", a->id);
        break;
    case CR_ADD_SAME_CONTENT:
        c->same_content++;
        if (c->o->verbose)
            fprintf(stderr, "skipped %s: same text as stored %s\n", a->id,
                    existing);
        break;
    }
done:
    cli_progress_tick(&c->prog, c->added + c->same_id + c->same_content,
                      "articles");
    cr_doc_free(doc);
    cr_article_clear(a);
    return c->fatal;
}

/* A failure of the index while loading, as a status with a message. */
static cr_status load_fail(cr_error *err, cr_status st)
{
    snprintf(err->msg, sizeof err->msg,
             "cannot rebuild the near-duplicate index");
    return st;
}

/* Called for each stored fingerprint: rebuild the index. */
static int load_fp(int64_t key, int64_t time, const cr_fingerprint *fp,
                   void *vctx)
{
    add_ctx *c = vctx;
    cr_dedup_match m;
    c->load_status = cr_dedup_add(c->index, key, time, fp, &m);
    if (c->load_status != CR_OK)
        return 1;
    c->loaded++;
    return 0;
}

/* For each stored article that `list` names (keys in publication order),
 * load it and apply `fn`; say first how many there are ("fingerprinting
 * 3 articles stored without one"). Stops at a fatal error. An exit code. */
typedef cr_status (*stored_list_fn)(cr_store *st, int64_t **keys, size_t *n,
                                    cr_error *err);
typedef void (*stored_fn)(add_ctx *c, int64_t key, cr_stored *s);

static int for_each_stored(add_ctx *c, stored_list_fn list, const char *doing,
                           const char *lacking, stored_fn fn)
{
    int64_t *keys = NULL;
    size_t n = 0, k;
    cr_error err;
    cr_status rc;

    memset(&err, 0, sizeof err);
    rc = list(c->st, &keys, &n, &err);
    if (rc != CR_OK) {
        fprintf(stderr, "crossread: add: %s: %s\n", cr_strerror(rc), err.msg);
        return EXIT_FATAL;
    }
    if (n && !c->o->quiet)
        fprintf(stderr, "crossread: %s %zu article%s stored without %s\n",
                doing, n, n == 1 ? "" : "s", lacking);
    for (k = 0; k < n && !c->fatal; k++) {
        cr_stored s;
        rc = cr_store_get_key(c->st, keys[k], &s, &err);
        if (rc != CR_OK) {
            fprintf(stderr, "crossread: add: %s: %s\n", cr_strerror(rc),
                    err.msg);
            c->fatal = 1;
            break;
        }
        fn(c, keys[k], &s);
        cr_stored_clear(&s);
    }
    free(keys);
    return c->fatal ? EXIT_FATAL : EXIT_OK;
}

/* Fingerprint one stored article that has none yet. */
static void fingerprint_stored(add_ctx *c, int64_t key, cr_stored *s)
{
    cr_dedup_match m;
    if (dedup_one(c, key, &s->article, NULL, &m, "store") != CR_OK)
        return;
    c->backfilled++;
    c->backfill_copies += m.key >= 0;
    if (c->o->verbose && m.key >= 0) {
        fprintf(stderr, "stored %s", s->article.id);
        print_copy(c, &m);
        fputc('\n', stderr);
    }
}

/* Fingerprint the stored articles that have none yet, in publication
 * order, after the index holds the store's fingerprints. */
static int backfill(add_ctx *c)
{
    return for_each_stored(c, cr_store_unfingerprinted, "fingerprinting",
                           "one", fingerprint_stored);
}

/* Extract and store what one stored article says. */
static void extract_stored(add_ctx *c, int64_t key, cr_stored *s)
{
    cr_doc *doc = NULL;
    cr_status rc = cr_doc_analyze(s->article.text, s->article.text_len,
                                  s->lang_detected ? NULL : s->article.lang,
                                  &c->o->lim, &doc);
    if (rc == CR_OK)
        rc = extract_one(c, key, &s->article, doc, "store");
    else
        fprintf(stderr, "crossread: store: article %s: %s\n", s->article.id,
                cr_strerror(rc));
    if (rc == CR_OK)
        c->extracted_earlier++;
    else
        c->failed++;
    cr_doc_free(doc);
}

/* Extract and store what the stored articles without an extraction say
 * (stored by an older version). An exit code. */
static int extract_backfill(add_ctx *c)
{
    return for_each_stored(c, cr_store_unextracted, "extracting",
                           "an extraction", extract_stored);
}

/* Set up near-duplicate detection: check the store's fingerprints, make
 * the index, load it, fingerprint what has none. An exit code. */
static int dedup_start(add_ctx *c)
{
    cr_error err;
    cr_status rc;

    memset(&err, 0, sizeof err);
    rc = cr_store_check_fingerprints(c->st, &c->dd.opts, &err);
    if (rc == CR_EINVAL) {
        fprintf(stderr, "crossread add: %s (--shingle)\n", err.msg);
        return EXIT_USAGE;
    }
    if (rc != CR_OK) {
        fprintf(stderr,
                "crossread add: %s: %s (--no-dedup adds without looking "
                "for copies)\n",
                c->o->db, err.msg);
        return EXIT_FATAL;
    }
    rc = cr_dedup_new(&c->dd.opts, &c->index);
    if (rc != CR_OK) {
        fprintf(stderr, "crossread add: near-duplicate index: %s\n",
                cr_strerror(rc));
        return rc == CR_EINVAL ? EXIT_USAGE : EXIT_FATAL;
    }
    rc = cr_store_fingerprints(c->st, c->dd.opts.window, load_fp, c, &err);
    if (rc == CR_OK && c->load_status != CR_OK)
        rc = load_fail(&err, c->load_status);
    if (rc != CR_OK) {
        fprintf(stderr, "crossread add: %s: %s: %s\n", c->o->db,
                cr_strerror(rc), err.msg);
        return EXIT_FATAL;
    }
    return backfill(c);
}

int cmd_add(int argc, char **argv, cli_opts *o)
{
    add_ctx c;
    cli_input in;
    cr_error err;
    int i, npaths = 0, rc = EXIT_OK, rebuild = 0, no_stories = 0;
    unsigned long long replay_recent = ADD_REPLAY_RECENT;
    unsigned long batch = 0; /* 0: the library's default */
    char **paths = calloc((size_t)argc + 1, sizeof *paths);
    double t0;

    memset(&c, 0, sizeof c);
    memset(&in, 0, sizeof in);
    cli_dedup_defaults(&c.dd, ADD_DEFAULT_WINDOW);
    if (!paths)
        return EXIT_FATAL;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        int g;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(help, stdout);
            free(paths);
            return EXIT_OK;
        }
        if (strcmp(a, "--source") == 0 || strcmp(a, "--id") == 0 ||
            strcmp(a, "--format") == 0 || strcmp(a, "--batch") == 0) {
            const char *v = i + 1 < argc ? argv[++i] : NULL;
            if (!v) {
                free(paths);
                return cli_usage_error("add", "%s needs a value", a);
            }
            if (a[2] == 's')
                in.source = v;
            else if (a[2] == 'i')
                in.id = v;
            else if (a[2] == 'b') {
                char *end;
                batch = strtoul(v, &end, 10);
                if (*end || batch == 0 || batch > 1000000) {
                    free(paths);
                    return cli_usage_error("add", "--batch needs 1..1000000");
                }
            } else if (strcmp(v, "text") == 0)
                in.format = CLI_FMT_TEXT;
            else if (strcmp(v, "jsonl") == 0)
                in.format = CLI_FMT_JSONL;
            else {
                free(paths);
                return cli_usage_error("add", "--format is text or jsonl");
            }
            continue;
        }
        if (strcmp(a, "--replay") == 0) {
            const char *v = i + 1 < argc ? argv[++i] : NULL;
            char *end = NULL;
            if (v && *v >= '0' && *v <= '9')
                replay_recent = strtoull(v, &end, 10);
            if (!end || *end || replay_recent > 1000000000ULL) {
                free(paths);
                return cli_usage_error("add", "--replay needs 0..1000000000");
            }
            continue;
        }
        if (strcmp(a, "--rebuild") == 0 || strcmp(a, "--no-stories") == 0) {
            *(a[2] == 'r' ? &rebuild : &no_stories) = 1;
            continue;
        }
        if (a[0] == '-' && a[1]) {
            g = cli_dedup_opt(argc, argv, &i, "add", &c.dd);
            if (g == 0)
                g = cli_global_opt(argc, argv, &i, o);
            if (g < 0) {
                free(paths);
                return EXIT_USAGE;
            }
            if (g == 0) {
                free(paths);
                return cli_usage_error("add", "unknown option '%s'", a);
            }
            continue;
        }
        paths[npaths++] = argv[i];
    }
    if (rebuild && no_stories) {
        free(paths);
        return cli_usage_error("add", "--rebuild and --no-stories exclude "
                                      "each other");
    }
    if (npaths == 0 && !rebuild) {
        free(paths);
        return cli_usage_error("add", "no PATH to add");
    }
    c.o = o;
    c.st = cli_open_store(o);
    if (!c.st) {
        free(paths);
        return EXIT_FATAL;
    }
    if (batch)
        cr_store_set_batch(c.st, (unsigned)batch);
    cr_store_check_extraction(c.st, NULL);
    in.lim = &o->lim;
    in.on_article = on_article;
    in.ctx = &c;
    cli_progress_start(&c.prog, o->progress && !o->quiet);
    t0 = cli_now();
    if (!c.dd.off)
        rc = dedup_start(&c);
    if (rc == EXIT_OK)
        rc = extract_backfill(&c);
    if (rc == EXIT_OK && !no_stories)
        rc = cli_add_stories_start(&c.stories, c.st, o, rebuild,
                                   (size_t)replay_recent);
    if (rc != EXIT_OK) {
        cr_store_close(c.st);
        cr_dedup_free(c.index);
        cli_add_stories_free(&c.stories);
        free(paths);
        return rc;
    }
    if (o->verbose && !no_stories)
        fprintf(stderr,
                "stories: replayed %ld clustered article%s in %.3f s (%ld "
                "grouped otherwise than stored)\n",
                c.stories.replayed, c.stories.replayed == 1 ? "" : "s",
                c.stories.replay_seconds, c.stories.diverged);
    if (npaths)
        cli_read_paths(&in, paths, npaths);
    if (!no_stories && !c.fatal) {
        cli_progress_end(&c.prog);
        c.stories.prog = &c.prog;
        cli_progress_start(&c.prog, o->progress && !o->quiet);
        if (cli_add_stories_run(&c.stories, o->db) != EXIT_OK)
            c.fatal = 1;
    }
    if (cli_add_stories_finish(&c.stories) != EXIT_OK)
        c.fatal = 1;
    memset(&err, 0, sizeof err);
    if (cr_store_flush(c.st, &err) != CR_OK) {
        fprintf(stderr, "crossread: cannot commit to %s: %s\n", o->db, err.msg);
        c.fatal = 1;
    }
    cr_store_close(c.st);
    cr_dedup_free(c.index);
    cli_add_stories_free(&c.stories);
    cli_progress_end(&c.prog);
    if (o->json) {
        printf("{\"added\":%ld,\"same_id\":%ld,\"same_content\":%ld,"
               "\"rejected\":%ld,\"copies\":",
               c.added, c.same_id, c.same_content, in.errors + c.failed);
        if (c.dd.off)
            fputs("null", stdout);
        else
            printf("%ld", c.copies);
        printf(",\"earlier_fingerprinted\":%ld,\"earlier_copies\":%ld,"
               "\"stories_new\":",
               c.backfilled, c.backfill_copies);
        if (no_stories)
            fputs("null", stdout);
        else
            printf("%ld", c.stories.created);
        printf(",\"stories_replayed\":%ld,\"earlier_storied\":%ld,"
               "\"earlier_extracted\":%ld,\"seconds\":%.3f,\"db\":",
               c.stories.replayed, c.stories.backfilled, c.extracted_earlier,
               cli_now() - t0);
        json_cstr(stdout, o->db);
        puts("}");
    } else {
        printf("added %ld new article%s", c.added, c.added == 1 ? "" : "s");
        if (!c.dd.off && c.added)
            printf(", %ld of them %s", c.copies,
                   c.copies == 1 ? "a copy of an earlier one"
                                 : "copies of earlier ones");
        if (c.same_id || c.same_content)
            printf("; %ld already stored (%ld same id, %ld same text)",
                   c.same_id + c.same_content, c.same_id, c.same_content);
        if (c.backfilled)
            printf("; fingerprinted %ld earlier article%s (%ld cop%s)",
                   c.backfilled, c.backfilled == 1 ? "" : "s",
                   c.backfill_copies, c.backfill_copies == 1 ? "y" : "ies");
        if (c.stories.backfilled)
            printf("; clustered %ld earlier article%s", c.stories.backfilled,
                   c.stories.backfilled == 1 ? "" : "s");
        if (c.extracted_earlier)
            printf("; extracted %ld earlier article%s", c.extracted_earlier,
                   c.extracted_earlier == 1 ? "" : "s");
        if (!no_stories && (c.added || c.stories.backfilled))
            printf("; %ld new stor%s", c.stories.created,
                   c.stories.created == 1 ? "y" : "ies");
        if (in.errors + c.failed)
            printf("; %ld rejected (see errors above)", in.errors + c.failed);
        printf(" — %s\n", o->db);
    }
    if (c.late && !o->quiet) {
        char span[32];
        fprintf(stderr,
                "crossread add: note: %ld article%s came dated more than %s "
                "before the newest one read before %s; near-duplicates among "
                "%s may be missed. Add an archive in time order, or with "
                "--window 0 (every fingerprint kept).\n",
                c.late, c.late == 1 ? "" : "s",
                cli_span_str(c.dd.opts.window, span, sizeof span),
                c.late == 1 ? "it" : "them", c.late == 1 ? "it" : "them");
    }
    if (c.fatal)
        rc = EXIT_FATAL;
    else if (in.errors + c.failed)
        rc = EXIT_INPUT;
    free(paths);
    return rc;
}
