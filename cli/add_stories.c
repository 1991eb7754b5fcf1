/*
 * add_stories.c — the stories part of `crossread add`: each new article
 * joins a story, and the store remembers it.
 *
 * A run continues the stories of the runs before it. At start the
 * clusterer is rebuilt from the store: the clustered members of the
 * stories still active, and the last `recent` clustered articles of any
 * story (so the term statistics start from enough articles), are added
 * again in the order the clusterer first took them (cr_store_story_replay),
 * and each story the clusterer makes is mapped to the stored story of its
 * first article. When that is the whole history (fewer clustered articles
 * than `recent`, or no story retired yet), the clusterer ends up in
 * exactly the state the last run left it in: adding A then B in two runs
 * gives the stories of adding A and B in one. Otherwise the statistics
 * start from the articles replayed; an article the replay puts with
 * another story than the store says is counted (`diverged`) and the
 * store's story is kept for it. A replayed story that the store holds as
 * retired is released without a word unless a new article joins it.
 *
 * Then the articles without a story (a store from before stories, or left
 * by an interrupted run) are clustered in publication order; the run's new
 * articles likewise, once its input is read (cli_add_stories_run), so a
 * batch read out of time order (an archive in file-name order) gives the
 * stories it would give in time order. A near-duplicate copy is not
 * clustered: it joins the story of the article it copies. `--rebuild`
 * clears the stories and clusters the whole store in publication order.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static int i64_cmp(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return x < y ? -1 : x > y;
}

/* A retired story: mark it so in the store with its final label. */
static int on_retire(void *vctx, int64_t sid, const cr_story_info *info)
{
    cli_add_stories *ss = vctx;
    cr_error err;
    cr_status rc;
    memset(&err, 0, sizeof err);
    rc = cr_store_story_retire(ss->st, sid, info->label, &err);
    if (rc != CR_OK) {
        fprintf(stderr, "crossread add: story %lld: %s: %s\n", (long long)sid,
                cr_strerror(rc), err.msg);
        return -1;
    }
    return 0;
}

/* Analyse a stored article as `add` analysed it when it arrived: the
 * language given in its metadata, or detected again. It passed the size
 * limit then; this run's may be smaller, and does not apply to it. */
static cr_status analyse_stored(cli_add_stories *ss, cr_stored *s,
                                cr_doc **doc)
{
    cr_limits lim = *ss->lim;
    if (s->lang_detected) {
        free(s->article.lang);
        s->article.lang = NULL;
    }
    if (lim.max_article_bytes < s->article.text_len)
        lim.max_article_bytes = s->article.text_len;
    return cr_doc_analyze(s->article.text, s->article.text_len,
                          s->article.lang, &lim, doc);
}

cr_status cli_add_stories_assign(cli_add_stories *ss, int64_t key,
                                 const cr_article *a, const cr_doc *doc,
                                 int64_t copy_of, int64_t *story,
                                 cr_error *err)
{
    cr_story_match sm;
    cr_story_info info;
    int64_t sid = 0;
    cr_status rc;

    *story = 0;
    if (copy_of >= 0) {
        rc = cr_store_story_of(ss->st, copy_of, &sid, err);
        if (rc == CR_OK) {
            rc = cr_store_story_add(ss->st, sid, key, 0, NULL, err);
            if (rc == CR_OK) {
                *story = sid;
                ss->copies++;
            }
            return rc;
        }
        if (rc != CR_ENOTFOUND)
            return rc;
        /* the article it copies has no story: cluster this one */
    }
    rc = cr_clusterer_add(ss->s.cl, key, a, doc, &sm);
    if (rc != CR_OK) {
        snprintf(err->msg, sizeof err->msg, "stories: %s", cr_strerror(rc));
        return rc;
    }
    if (sm.is_new) {
        rc = cr_store_story_new(ss->st, &sid, err);
        if (rc != CR_OK)
            return rc;
        if (cli_stories_track(&ss->s, sm.story, sid, 1) != 0) {
            snprintf(err->msg, sizeof err->msg, "out of memory");
            return CR_ENOMEM;
        }
        ss->created++;
    } else {
        cli_story_ref *ref = cli_stories_find(&ss->s, sm.story);
        if (!ref) {
            snprintf(err->msg, sizeof err->msg,
                     "stories: story %lld is not held", (long long)sm.story);
            return CR_EINVAL;
        }
        ref->live = 1;
        sid = ref->sid;
    }
    rc = cr_story_get(ss->s.cl, sm.story, &info);
    if (rc != CR_OK) {
        snprintf(err->msg, sizeof err->msg, "stories: story %lld: %s",
                 (long long)sm.story, cr_strerror(rc));
        return rc;
    }
    rc = cr_store_story_add(ss->st, sid, key, 1, info.label, err);
    if (rc != CR_OK)
        return rc;
    *story = sid;
    if (cli_stories_sweep(&ss->s, 0) != 0) {
        snprintf(err->msg, sizeof err->msg, "cannot retire a story");
        return CR_ESTORE;
    }
    return CR_OK;
}

/* ---- replay: rebuild the clusterer's active state ----------------------- */

typedef struct replay_ctx {
    cli_add_stories *ss;
    int64_t *seen;       /* stored stories replayed, with repeats */
    size_t nseen, capseen;
    cr_status rc;
    cr_error err;
} replay_ctx;

static int replay_one(int64_t key, int64_t story, int active, void *vctx)
{
    replay_ctx *r = vctx;
    cli_add_stories *ss = r->ss;
    cli_story_ref *ref;
    cr_stored s;
    cr_doc *doc = NULL;
    cr_story_match sm;

    r->rc = cr_store_get_key(ss->st, key, &s, &r->err);
    if (r->rc != CR_OK)
        return 1;
    r->rc = analyse_stored(ss, &s, &doc);
    if (r->rc == CR_OK)
        r->rc = cr_clusterer_add(ss->s.cl, key, &s.article, doc, &sm);
    cr_doc_free(doc);
    cr_stored_clear(&s);
    if (r->rc != CR_OK) {
        snprintf(r->err.msg, sizeof r->err.msg,
                 "replaying article key %lld: %s", (long long)key,
                 cr_strerror(r->rc));
        return 1;
    }
    if (active && r->nseen == r->capseen) {
        size_t nc = r->capseen ? 2 * r->capseen : 256;
        int64_t *nv = realloc(r->seen, nc * sizeof *nv);
        if (!nv)
            goto oom;
        r->seen = nv;
        r->capseen = nc;
    }
    if (active)
        r->seen[r->nseen++] = story;
    if (sm.is_new) {
        if (cli_stories_track(&ss->s, sm.story, story, active) != 0)
            goto oom;
    } else if ((ref = cli_stories_find(&ss->s, sm.story)) == NULL ||
               ref->sid != story) {
        ss->diverged++; /* the replay joins two stored stories */
    }
    ss->replayed++;
    return 0;
oom:
    r->rc = CR_ENOMEM;
    snprintf(r->err.msg, sizeof r->err.msg, "out of memory");
    return 1;
}

/* Replay; retire in the store the active stories the replay left without
 * a clusterer story of their own. An exit code. */
static int replay(cli_add_stories *ss, const char *db, size_t recent)
{
    replay_ctx r;
    int64_t *mapped = NULL;
    size_t i, j, k;
    cr_status rc;
    int ret = EXIT_OK;

    memset(&r, 0, sizeof r);
    r.ss = ss;
    rc = cr_store_story_replay(ss->st, recent, replay_one, &r, &r.err);
    if (rc == CR_OK)
        rc = r.rc;
    if (rc != CR_OK) {
        fprintf(stderr, "crossread add: %s: stories: %s: %s\n", db,
                cr_strerror(rc), r.err.msg);
        ret = EXIT_FATAL;
        goto done;
    }
    /* the sorted stored ids that some clusterer story maps to */
    mapped = malloc((ss->s.n ? ss->s.n : 1) * sizeof *mapped);
    if (!mapped) {
        fprintf(stderr, "crossread add: out of memory\n");
        ret = EXIT_FATAL;
        goto done;
    }
    for (i = 0; i < ss->s.n; i++)
        mapped[i] = ss->s.v[i].sid;
    qsort(mapped, ss->s.n, sizeof *mapped, i64_cmp);
    for (i = 1; i < ss->s.n; i++)
        ss->diverged += mapped[i] == mapped[i - 1]; /* ... or splits one */
    if (r.nseen)
        qsort(r.seen, r.nseen, sizeof *r.seen, i64_cmp);
    for (i = 0, k = 0; i < r.nseen; i = j) {
        for (j = i + 1; j < r.nseen && r.seen[j] == r.seen[i]; j++)
            ;
        while (k < ss->s.n && mapped[k] < r.seen[i])
            k++;
        if (k < ss->s.n && mapped[k] == r.seen[i])
            continue;
        memset(&r.err, 0, sizeof r.err);
        rc = cr_store_story_retire(ss->st, r.seen[i], NULL, &r.err);
        if (rc != CR_OK) {
            fprintf(stderr, "crossread add: %s: stories: %s: %s\n", db,
                    cr_strerror(rc), r.err.msg);
            ret = EXIT_FATAL;
            goto done;
        }
    }
done:
    free(mapped);
    free(r.seen);
    return ret;
}

/* ---- articles without a story ------------------------------------------- */

/* Cluster the stored articles without a story, dated ones in publication
 * order, then the undated in the order they were stored. `earlier`: those
 * left by an earlier run (counted in backfilled), else this run's (counted
 * in clustered). */
static int cluster_unstoried(cli_add_stories *ss, const char *db, int earlier)
{
    cr_unstoried *todo = NULL;
    size_t n = 0, i;
    cr_error err;
    cr_status rc;
    int ret = EXIT_OK;

    memset(&err, 0, sizeof err);
    rc = cr_store_unstoried(ss->st, &todo, &n, &err);
    if (rc != CR_OK) {
        fprintf(stderr, "crossread add: %s: %s: %s\n", db, cr_strerror(rc),
                err.msg);
        return EXIT_FATAL;
    }
    if (n && earlier && !ss->quiet)
        fprintf(stderr, "crossread: clustering %zu stored article%s into "
                        "stories\n", n, n == 1 ? "" : "s");
    for (i = 0; i < n && ret == EXIT_OK; i++) {
        cr_stored s;
        cr_doc *doc = NULL;
        int64_t story = 0;
        memset(&err, 0, sizeof err);
        rc = cr_store_get_key(ss->st, todo[i].key, &s, &err);
        if (rc == CR_OK) {
            rc = analyse_stored(ss, &s, &doc);
            if (rc == CR_OK)
                rc = cli_add_stories_assign(ss, todo[i].key, &s.article, doc,
                                            todo[i].copy_of, &story, &err);
            else
                snprintf(err.msg, sizeof err.msg, "analysis failed");
        }
        if (rc != CR_OK) {
            fprintf(stderr, "crossread add: %s: article key %lld: %s: %s\n",
                    db, (long long)todo[i].key, cr_strerror(rc), err.msg);
            ret = EXIT_FATAL;
        } else {
            if (ss->verbose)
                fprintf(stderr, "story %lld: %s\n", (long long)story,
                        s.article.id);
            if (earlier)
                ss->backfilled++;
            else
                ss->clustered++;
            if (ss->prog)
                cli_progress_tick(ss->prog, (long)i + 1,
                                  "articles clustered into stories");
        }
        cr_doc_free(doc);
        cr_stored_clear(&s);
    }
    free(todo);
    return ret;
}

int cli_add_stories_run(cli_add_stories *ss, const char *db)
{
    return cluster_unstoried(ss, db, 0);
}

int cli_add_stories_start(cli_add_stories *ss, cr_store *st,
                          const cli_opts *o, int rebuild, size_t recent)
{
    cr_error err;
    cr_status rc;
    double t0 = cli_now();
    int ret;

    memset(ss, 0, sizeof *ss);
    ss->st = st;
    ss->lim = &o->lim;
    ss->quiet = o->quiet;
    ss->verbose = o->verbose;
    memset(&err, 0, sizeof err);
    rc = cr_store_check_stories(st, &err);
    if (rc == CR_OK && rebuild)
        rc = cr_store_stories_clear(st, &err);
    if (rc != CR_OK) {
        fprintf(stderr, "crossread add: %s: %s: %s\n", o->db, cr_strerror(rc),
                err.msg);
        return EXIT_FATAL;
    }
    rc = cli_stories_new(&ss->s, NULL);
    if (rc != CR_OK) {
        fprintf(stderr, "crossread add: stories: %s\n", cr_strerror(rc));
        return EXIT_FATAL;
    }
    ss->s.on_retire = on_retire;
    ss->s.ctx = ss;
    ret = replay(ss, o->db, recent);
    ss->replay_seconds = cli_now() - t0;
    if (ret == EXIT_OK)
        ret = cluster_unstoried(ss, o->db, 1);
    return ret;
}

int cli_add_stories_finish(cli_add_stories *ss)
{
    if (!ss->s.cl)
        return EXIT_OK;
    return cli_stories_sweep(&ss->s, 1) == 0 ? EXIT_OK : EXIT_FATAL;
}

void cli_add_stories_free(cli_add_stories *ss)
{
    cli_stories_free(&ss->s);
}
