/*
 * stories.c — stories in the store (cr_store_story_*, cr_store_stories):
 * the tables of schema version 3, `story` and `story_member` (schema.h).
 * The clusterer runs in the caller; this file records what it decided,
 * reads it back for listing, and gives a later run what it needs to carry
 * on: the clustered members of the active stories in the order they were
 * taken (replay), and the articles that have no story yet.
 *
 * Writes happen in the batch transaction of store.c (cri_begin_batch). The
 * commit that ends a batch waits for the story of its last article once
 * cr_store_check_stories has been called (cri_derived_done), so an article
 * never reaches the file without its story in a run that assigns them.
 *
 * Counts are computed on read: a story's articles are its members that
 * copy no other member (a group of copies counts once), its outlets the
 * distinct sources of all its members, so they stay right whichever order
 * copies and their originals arrived in.
 */
#include "store/store_int.h"
#include "util/util.h"

#include <stdlib.h>
#include <string.h>

/* The cached statements (st->story_stmt), prepared on first use. */
enum {
    S_PUBLISHED,  /* the published date of article ?1 (row: it exists) */
    S_MEMBER,     /* insert a membership */
    S_EXTEND,     /* widen a story's span, set its label */
    S_NEW,        /* insert an empty story */
    S_RETIRE,     /* mark a story retired */
    S_OF,         /* the story of an article */
    S_COUNTS,     /* members and articles of a story */
    S_OUTLETS,    /* outlets of a story */
    S_COUNT_
};

_Static_assert(S_COUNT_ <= CRI_STORY_STMTS, "room for the statements");

static const char *const stmt_sql[S_COUNT_] = {
    [S_PUBLISHED] = "SELECT published FROM article WHERE rowid = ?1",
    [S_MEMBER] =
        "INSERT INTO story_member (article, story, seq) VALUES (?1, ?2, ?3)",
    [S_EXTEND] =
        "UPDATE story SET"
        " first = CASE WHEN ?2 IS NULL THEN first"
        "              WHEN first IS NULL OR ?2 < first THEN ?2"
        "              ELSE first END,"
        " last  = CASE WHEN ?2 IS NULL THEN last"
        "              WHEN last IS NULL OR ?2 > last THEN ?2"
        "              ELSE last END,"
        " label = coalesce(?3, label),"
        " active = CASE WHEN ?4 THEN 1 ELSE active END"
        " WHERE id = ?1",
    [S_NEW] = "INSERT INTO story (label) VALUES ('')",
    [S_RETIRE] =
        "UPDATE story SET active = 0, label = coalesce(?2, label)"
        " WHERE id = ?1",
    [S_OF] = "SELECT story FROM story_member WHERE article = ?1",
    [S_COUNTS] =
        /* a member counts unless it copies another member of the story */
        "SELECT count(*), coalesce(sum(NOT EXISTS ("
        "  SELECT 1 FROM duplicate d JOIN story_member o ON o.article = d.of"
        "  WHERE d.article = m.article AND o.story = m.story)), 0)"
        " FROM story_member m WHERE m.story = ?1",
    [S_OUTLETS] =
        "SELECT a.source FROM story_member m JOIN article a"
        " ON a.rowid = m.article"
        " WHERE m.story = ?1 AND a.source IS NOT NULL GROUP BY a.source"
        " ORDER BY min(a.published) IS NULL, min(a.published), a.source",
};

/* The cached statement `which`, prepared now if needed; NULL (err filled)
 * when SQLite refuses it. */
static sqlite3_stmt *stmt(cr_store *st, int which, cr_error *err)
{
    if (!st->story_stmt[which] &&
        sqlite3_prepare_v3(st->db, stmt_sql[which], -1,
                           SQLITE_PREPARE_PERSISTENT, &st->story_stmt[which],
                           NULL) != SQLITE_OK) {
        cri_db_fail(st->db, err, "cannot prepare a statement");
        return NULL;
    }
    return st->story_stmt[which];
}

static void bind_str(sqlite3_stmt *s, int i, const char *v)
{
    if (v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, i);
}

/* Step a write statement of the batch and reset it; `what` names it in
 * errors. A foreign key naming nothing is CR_ENOTFOUND. */
static cr_status step_write(cr_store *st, sqlite3_stmt *s, cr_error *err,
                            const char *what)
{
    int rc = sqlite3_step(s);
    cr_status ret = CR_OK;
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        ret = cri_fail(err, CR_ENOTFOUND, 0, "%s: no such article or story",
                       what);
    else if (rc == SQLITE_CONSTRAINT_PRIMARYKEY)
        ret = cri_fail(err, CR_EINVAL, 0,
                       "%s: the article already belongs to a story", what);
    else if (rc != SQLITE_DONE)
        ret = cri_batch_fail(st, err, what);
    cri_reset_stmt(s);
    return ret;
}

/* ------------------------------------------------------------------------ */
/* Writing                                                                  */
/* ------------------------------------------------------------------------ */

cr_status cr_store_check_stories(cr_store *st, cr_error *err)
{
    sqlite3_int64 seq;
    if (!st)
        return cri_fail(err, CR_EINVAL, 0, "cr_store_check_stories: NULL store");
    cri_sync_tx(st);
    if (cri_query_int(st->db, "SELECT coalesce(max(seq), 0) FROM story_member",
                      &seq) != SQLITE_OK)
        return cri_db_fail(st->db, err, "cannot read the stories");
    st->next_seq = (int64_t)seq + 1;
    st->stories_checked = 1;
    return CR_OK;
}

/* Open the batch for a story write; CR_EINVAL before check_stories. */
static cr_status begin_write(cr_store *st, cr_error *err, const char *fn)
{
    if (!st)
        return cri_fail(err, CR_EINVAL, 0, "%s: NULL store", fn);
    if (!st->stories_checked)
        return cri_fail(err, CR_EINVAL, 0,
                        "%s: stories were not checked "
                        "(cr_store_check_stories)", fn);
    return cri_begin_batch(st, err);
}

cr_status cr_store_story_new(cr_store *st, int64_t *id, cr_error *err)
{
    sqlite3_stmt *s;
    cr_status ret;
    if (!id)
        return cri_fail(err, CR_EINVAL, 0, "cr_store_story_new: NULL id");
    *id = 0;
    if ((ret = begin_write(st, err, "cr_store_story_new")) != CR_OK)
        return ret;
    if (!(s = stmt(st, S_NEW, err)))
        return CR_ESTORE;
    ret = step_write(st, s, err, "cannot create a story");
    if (ret == CR_OK)
        *id = (int64_t)sqlite3_last_insert_rowid(st->db);
    return ret;
}

cr_status cr_store_story_add(cr_store *st, int64_t story, int64_t key,
                             int clustered, const char *label, cr_error *err)
{
    sqlite3_stmt *pub, *mem, *ext;
    char *published = NULL;
    cr_status ret;
    int rc;

    if ((ret = begin_write(st, err, "cr_store_story_add")) != CR_OK)
        return ret;
    if (!(pub = stmt(st, S_PUBLISHED, err)) || !(mem = stmt(st, S_MEMBER, err)) ||
        !(ext = stmt(st, S_EXTEND, err)))
        return CR_ESTORE;
    sqlite3_bind_int64(pub, 1, (sqlite3_int64)key);
    rc = sqlite3_step(pub);
    if (rc == SQLITE_ROW && sqlite3_column_type(pub, 0) == SQLITE_TEXT) {
        published = cri_strndup((const char *)sqlite3_column_text(pub, 0),
                                (size_t)sqlite3_column_bytes(pub, 0));
        if (!published)
            ret = cri_fail(err, CR_ENOMEM, 0, "out of memory");
    } else if (rc == SQLITE_DONE) {
        ret = cri_fail(err, CR_ENOTFOUND, 0, "no article with key %lld",
                       (long long)key);
    } else if (rc != SQLITE_ROW) {
        ret = cri_batch_fail(st, err, "cannot read the article");
    }
    cri_reset_stmt(pub);
    if (ret != CR_OK)
        goto done;

    sqlite3_bind_int64(mem, 1, (sqlite3_int64)key);
    sqlite3_bind_int64(mem, 2, (sqlite3_int64)story);
    if (clustered)
        sqlite3_bind_int64(mem, 3, (sqlite3_int64)st->next_seq);
    ret = step_write(st, mem, err, "cannot store the story of an article");
    if (ret != CR_OK)
        goto done;
    if (clustered)
        st->next_seq++;
    sqlite3_bind_int64(ext, 1, (sqlite3_int64)story);
    bind_str(ext, 2, published);
    bind_str(ext, 3, label);
    sqlite3_bind_int(ext, 4, clustered != 0);
    ret = step_write(st, ext, err, "cannot update the story");
    if (ret != CR_OK)
        goto done;
    ret = cri_derived_done(st, CRI_DUE_STORY, ++st->pending_story, err);
done:
    free(published);
    return ret;
}

cr_status cr_store_story_retire(cr_store *st, int64_t story,
                                const char *label, cr_error *err)
{
    sqlite3_stmt *s;
    cr_status ret;
    if ((ret = begin_write(st, err, "cr_store_story_retire")) != CR_OK)
        return ret;
    if (!(s = stmt(st, S_RETIRE, err)))
        return CR_ESTORE;
    sqlite3_bind_int64(s, 1, (sqlite3_int64)story);
    bind_str(s, 2, label);
    ret = step_write(st, s, err, "cannot retire a story");
    if (ret == CR_OK && sqlite3_changes(st->db) == 0)
        ret = cri_fail(err, CR_ENOTFOUND, 0, "no story %lld",
                       (long long)story);
    return ret;
}

cr_status cr_store_stories_clear(cr_store *st, cr_error *err)
{
    cr_status ret;
    if ((ret = begin_write(st, err, "cr_store_stories_clear")) != CR_OK)
        return ret;
    if (cri_exec_sql(st->db, "DELETE FROM story_member; DELETE FROM story;") !=
        SQLITE_OK)
        return cri_batch_fail(st, err, "cannot clear the stories");
    st->next_seq = 1;
    return CR_OK;
}

/* ------------------------------------------------------------------------ */
/* Reading                                                                  */
/* ------------------------------------------------------------------------ */

cr_status cr_store_story_of(cr_store *st, int64_t key, int64_t *story,
                            cr_error *err)
{
    sqlite3_stmt *s;
    cr_status ret = CR_OK;
    int rc;
    if (story)
        *story = 0;
    if (!st || !story)
        return cri_fail(err, CR_EINVAL, 0, "cr_store_story_of: NULL argument");
    if (!(s = stmt(st, S_OF, err)))
        return CR_ESTORE;
    sqlite3_bind_int64(s, 1, (sqlite3_int64)key);
    rc = sqlite3_step(s);
    if (rc == SQLITE_ROW)
        *story = (int64_t)sqlite3_column_int64(s, 0);
    else if (rc == SQLITE_DONE)
        ret = cri_fail(err, CR_ENOTFOUND, 0,
                       "the article with key %lld has no story",
                       (long long)key);
    else
        ret = cri_db_fail(st->db, err, "cannot read the stories");
    cri_reset_stmt(s);
    return ret;
}

cr_status cr_store_story_replay(cr_store *st, size_t recent,
                                cr_store_member_fn fn, void *ctx,
                                cr_error *err)
{
    sqlite3_stmt *s = NULL;
    sqlite3_int64 last = 0;
    cr_status ret = CR_OK;
    int rc, stop = 0;

    if (!st || !fn)
        return cri_fail(err, CR_EINVAL, 0,
                        "cr_store_story_replay: NULL argument");
    if (cri_query_int(st->db, "SELECT coalesce(max(seq), 0) FROM story_member",
                      &last) != SQLITE_OK)
        return cri_db_fail(st->db, err, "cannot read the stories");
    /* the recent ones by a scan of the members (seq has no index: one
     * pass, no analysis), the active stories' through their index */
    if (sqlite3_prepare_v2(st->db,
                           "SELECT m.seq, m.article, m.story, s.active"
                           " FROM story_member m JOIN story s"
                           " ON s.id = m.story WHERE m.seq > ?1"
                           " UNION"
                           " SELECT m.seq, m.article, m.story, 1 FROM story s"
                           " JOIN story_member m ON m.story = s.id"
                           " WHERE s.active = 1 AND m.seq IS NOT NULL"
                           " ORDER BY 1",
                           -1, &s, NULL) != SQLITE_OK)
        return cri_db_fail(st->db, err, "cannot read the stories");
    sqlite3_bind_int64(s, 1, (size_t)last > recent
                                 ? last - (sqlite3_int64)recent
                                 : 0);
    while (!stop && (rc = sqlite3_step(s)) == SQLITE_ROW)
        stop = fn((int64_t)sqlite3_column_int64(s, 1),
                  (int64_t)sqlite3_column_int64(s, 2),
                  sqlite3_column_int(s, 3) != 0, ctx) != 0;
    if (!stop && rc != SQLITE_DONE)
        ret = cri_db_fail(st->db, err, "cannot read the stories");
    sqlite3_finalize(s);
    return ret;
}

/* An article without a story while the order is worked out: its time (a
 * dated article's own; an undated one's, the newest dated before it) and
 * its storage order. */
typedef struct unstoried_row {
    int64_t t;
    int dated;       /* 0: nothing dated came before it either */
    cr_unstoried u;
} unstoried_row;

static int unstoried_cmp(const void *pa, const void *pb)
{
    const unstoried_row *a = pa, *b = pb;
    if (a->dated != b->dated)
        return a->dated - b->dated;
    if (a->dated && a->t != b->t)
        return a->t < b->t ? -1 : 1;
    return a->u.key < b->u.key ? -1 : a->u.key > b->u.key;
}

cr_status cr_store_unstoried(cr_store *st, cr_unstoried **out, size_t *n,
                             cr_error *err)
{
    static const char sql[] =
        "SELECT a.rowid, d.of, a.published FROM article a"
        " LEFT JOIN duplicate d ON d.article = a.rowid"
        " WHERE NOT EXISTS"
        "  (SELECT 1 FROM story_member m WHERE m.article = a.rowid)"
        " ORDER BY a.rowid";
    sqlite3_stmt *s = NULL;
    unstoried_row *v = NULL;
    cr_unstoried *res;
    size_t len = 0, cap = 0, i;
    int64_t newest = 0;
    int have_newest = 0;
    cr_status ret = CR_OK;
    int rc;

    if (out)
        *out = NULL;
    if (n)
        *n = 0;
    if (!st || !out || !n)
        return cri_fail(err, CR_EINVAL, 0, "cr_store_unstoried: NULL argument");
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return cri_db_fail(st->db, err, "cannot read the store");
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        const char *pub = (const char *)sqlite3_column_text(s, 2);
        int64_t t;
        if (cri_grow((void **)&v, &cap, len + 1, sizeof *v)) {
            ret = cri_fail(err, CR_ENOMEM, 0, "out of memory");
            goto done;
        }
        v[len].u.key = (int64_t)sqlite3_column_int64(s, 0);
        v[len].u.copy_of = sqlite3_column_type(s, 1) == SQLITE_NULL
                               ? -1
                               : (int64_t)sqlite3_column_int64(s, 1);
        if (pub && cr_date_seconds(pub, &t) == CR_OK) {
            if (!have_newest || t > newest)
                newest = t;
            have_newest = 1;
            v[len].t = t;
            v[len].dated = 1;
        } else {
            v[len].t = newest;
            v[len].dated = have_newest;
        }
        len++;
    }
    if (rc != SQLITE_DONE) {
        ret = cri_db_fail(st->db, err, "cannot read the store");
        goto done;
    }
    if (len)
        qsort(v, len, sizeof *v, unstoried_cmp);
    /* the rows become the result in place: it is the smaller element */
    res = (cr_unstoried *)(void *)v;
    for (i = 0; i < len; i++) {
        cr_unstoried u = v[i].u;
        res[i] = u;
    }
done:
    sqlite3_finalize(s);
    if (ret != CR_OK) {
        free(v);
        return ret;
    }
    *out = (cr_unstoried *)(void *)v;
    *n = len;
    return CR_OK;
}

/* ---- stories as read back ----------------------------------------------- */

/* The columns of a story row, in the order the listing queries give them. */
#define STORY_COLS "id, label, first, last, active"

/* Outlets of one story while its callback runs. */
typedef struct outlet_buf {
    char **v;
    size_t n, cap;
} outlet_buf;

static void outlets_clear(outlet_buf *b)
{
    size_t i;
    for (i = 0; i < b->n; i++)
        free(b->v[i]);
    b->n = 0;
}

/* Fill *out from the current row of q (STORY_COLS) and the story's counts
 * and outlets, then call fn; *stop receives its answer. */
static cr_status report_story(cr_store *st, sqlite3_stmt *q, outlet_buf *ob,
                              cr_store_story_fn fn, void *ctx, int *stop,
                              cr_error *err)
{
    sqlite3_stmt *cnt, *outl;
    cr_stored_story s;
    cr_status ret = CR_OK;
    int rc;

    if (!(cnt = stmt(st, S_COUNTS, err)) || !(outl = stmt(st, S_OUTLETS, err)))
        return CR_ESTORE;
    memset(&s, 0, sizeof s);
    s.id = (int64_t)sqlite3_column_int64(q, 0);
    s.label = (const char *)sqlite3_column_text(q, 1);
    s.first = (const char *)sqlite3_column_text(q, 2);
    s.last = (const char *)sqlite3_column_text(q, 3);
    s.active = sqlite3_column_int(q, 4) != 0;
    if (!s.label)
        s.label = "";

    sqlite3_bind_int64(cnt, 1, (sqlite3_int64)s.id);
    if (sqlite3_step(cnt) == SQLITE_ROW) {
        s.members = (int64_t)sqlite3_column_int64(cnt, 0);
        s.articles = (int64_t)sqlite3_column_int64(cnt, 1);
    } else {
        ret = cri_db_fail(st->db, err, "cannot count a story's articles");
    }
    cri_reset_stmt(cnt);
    if (ret != CR_OK)
        return ret;

    outlets_clear(ob);
    sqlite3_bind_int64(outl, 1, (sqlite3_int64)s.id);
    while ((rc = sqlite3_step(outl)) == SQLITE_ROW) {
        char *name;
        if (cri_grow((void **)&ob->v, &ob->cap, ob->n + 1, sizeof *ob->v) ||
            !(name = cri_strndup((const char *)sqlite3_column_text(outl, 0),
                                 (size_t)sqlite3_column_bytes(outl, 0)))) {
            ret = cri_fail(err, CR_ENOMEM, 0, "out of memory");
            break;
        }
        ob->v[ob->n++] = name;
    }
    if (ret == CR_OK && rc != SQLITE_DONE)
        ret = cri_db_fail(st->db, err, "cannot read a story's outlets");
    cri_reset_stmt(outl);
    if (ret != CR_OK)
        return ret;
    s.outlets = (const char *const *)ob->v;
    s.noutlets = ob->n;
    *stop = fn(&s, ctx) != 0;
    return CR_OK;
}

/* Report the rows of one story query (bound with `source` at ?1 when
 * given, `id` at ?1 when id > 0) until *left reaches 0 (when limited). */
static cr_status report_rows(cr_store *st, const char *sql, const char *source,
                             int64_t id, size_t *left, outlet_buf *ob,
                             size_t *found, cr_store_story_fn fn, void *ctx,
                             int *stop, cr_error *err)
{
    sqlite3_stmt *q = NULL;
    cr_status ret = CR_OK;
    int rc = SQLITE_DONE;

    if (sqlite3_prepare_v2(st->db, sql, -1, &q, NULL) != SQLITE_OK)
        return cri_db_fail(st->db, err, "cannot read the stories");
    if (source)
        sqlite3_bind_text(q, 1, source, -1, SQLITE_STATIC);
    else if (id > 0)
        sqlite3_bind_int64(q, 1, (sqlite3_int64)id);
    while (!*stop && ret == CR_OK && (!left || *left > 0) &&
           (rc = sqlite3_step(q)) == SQLITE_ROW) {
        ret = report_story(st, q, ob, fn, ctx, stop, err);
        (*found)++;
        if (left)
            (*left)--;
    }
    if (ret == CR_OK && !*stop && (!left || *left > 0) && rc != SQLITE_DONE)
        ret = cri_db_fail(st->db, err, "cannot read the stories");
    sqlite3_finalize(q);
    return ret;
}

#define HAS_SOURCE                                                           \
    " AND EXISTS (SELECT 1 FROM story_member m JOIN article a"               \
    " ON a.rowid = m.article WHERE m.story = story.id AND a.source = ?1)"

cr_status cr_store_stories(cr_store *st, const char *source, size_t limit,
                           cr_store_story_fn fn, void *ctx, cr_error *err)
{
    static const char *const all[2] = {
        "SELECT " STORY_COLS " FROM story WHERE last IS NOT NULL"
        " ORDER BY last DESC, id DESC",
        "SELECT " STORY_COLS " FROM story WHERE last IS NULL"
        " ORDER BY id DESC",
    };
    static const char *const by_source[2] = {
        "SELECT " STORY_COLS " FROM story WHERE last IS NOT NULL" HAS_SOURCE
        " ORDER BY last DESC, id DESC",
        "SELECT " STORY_COLS " FROM story WHERE last IS NULL" HAS_SOURCE
        " ORDER BY id DESC",
    };
    const char *const *sql = source ? by_source : all;
    outlet_buf ob = {NULL, 0, 0};
    size_t left = limit, found = 0;
    cr_status ret = CR_OK;
    int i, stop = 0;

    if (!st || !fn)
        return cri_fail(err, CR_EINVAL, 0, "cr_store_stories: NULL argument");
    for (i = 0; i < 2 && ret == CR_OK && !stop && (!limit || left > 0); i++)
        ret = report_rows(st, sql[i], source, 0, limit ? &left : NULL, &ob,
                          &found, fn, ctx, &stop, err);
    outlets_clear(&ob);
    free(ob.v);
    return ret;
}

cr_status cr_store_story_get(cr_store *st, int64_t id, cr_store_story_fn fn,
                             void *ctx, cr_error *err)
{
    outlet_buf ob = {NULL, 0, 0};
    size_t found = 0;
    cr_status ret;
    int stop = 0;

    if (!st || !fn)
        return cri_fail(err, CR_EINVAL, 0, "cr_store_story_get: NULL argument");
    if (id <= 0)
        return cri_fail(err, CR_ENOTFOUND, 0, "no story %lld", (long long)id);
    ret = report_rows(st, "SELECT " STORY_COLS " FROM story WHERE id = ?1",
                      NULL, id, NULL, &ob, &found, fn, ctx, &stop, err);
    outlets_clear(&ob);
    free(ob.v);
    if (ret == CR_OK && !found)
        ret = cri_fail(err, CR_ENOTFOUND, 0, "no story %lld", (long long)id);
    return ret;
}

/* A story's callback that only notes that it exists. */
static int exists_fn(const cr_stored_story *s, void *ctx)
{
    (void)s;
    *(int *)ctx = 1;
    return 1;
}

cr_status cr_store_story_articles(cr_store *st, int64_t id,
                                  cr_store_article_fn fn, void *ctx,
                                  cr_error *err)
{
    sqlite3_stmt *q = NULL;
    cr_story_article a;
    cr_status ret;
    int rc = SQLITE_DONE, found = 0, stop = 0;

    if (!st || !fn)
        return cri_fail(err, CR_EINVAL, 0,
                        "cr_store_story_articles: NULL argument");
    if ((ret = cr_store_story_get(st, id, exists_fn, &found, err)) != CR_OK)
        return ret;
    if (sqlite3_prepare_v2(
            st->db,
            "SELECT a.rowid, a.id, a.source, a.published, a.title, o.id,"
            " m.seq IS NOT NULL"
            " FROM story_member m JOIN article a ON a.rowid = m.article"
            " LEFT JOIN duplicate d ON d.article = m.article"
            " LEFT JOIN article o ON o.rowid = d.of"
            " WHERE m.story = ?1"
            " ORDER BY a.published IS NULL, a.published, a.rowid",
            -1, &q, NULL) != SQLITE_OK)
        return cri_db_fail(st->db, err, "cannot read a story's articles");
    sqlite3_bind_int64(q, 1, (sqlite3_int64)id);
    while (!stop && (rc = sqlite3_step(q)) == SQLITE_ROW) {
        a.key = (int64_t)sqlite3_column_int64(q, 0);
        a.id = (const char *)sqlite3_column_text(q, 1);
        a.source = (const char *)sqlite3_column_text(q, 2);
        a.published = (const char *)sqlite3_column_text(q, 3);
        a.title = (const char *)sqlite3_column_text(q, 4);
        a.copy_of = (const char *)sqlite3_column_text(q, 5);
        a.clustered = sqlite3_column_int(q, 6) != 0;
        stop = fn(&a, ctx) != 0;
    }
    if (!stop && rc != SQLITE_DONE)
        ret = cri_db_fail(st->db, err, "cannot read a story's articles");
    sqlite3_finalize(q);
    return ret;
}
