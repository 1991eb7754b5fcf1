/*
 * test_store_stories.c — unit tests of stories in the store
 * (src/store/stories.c): creating stories and members, listing order,
 * filters and limits, counts that take a group of copies once, outlets in
 * order of first publication, the members of one story, retirement and
 * the replay order across reopening, articles without a story, clearing,
 * the commit that waits for an article's story, errors, and the migration
 * of a version 2 store.
 */
#include "store_util.h"
#include "store/schema.h"

/* ---- helpers ------------------------------------------------------------ */

static int64_t story_new_ok(cr_store *st)
{
    int64_t id = 0;
    cr_error err = {0, ""};
    cr_status rc = cr_store_story_new(st, &id, &err);
    if (rc != CR_OK)
        fail_msg("cr_store_story_new: %s: %s", cr_strerror(rc), err.msg);
    assert_true(id > 0);
    return id;
}

static void member_ok(cr_store *st, int64_t story, int64_t key,
                      int clustered, const char *label)
{
    cr_error err = {0, ""};
    cr_status rc = cr_store_story_add(st, story, key, clustered, label, &err);
    if (rc != CR_OK)
        fail_msg("cr_store_story_add(%lld, %lld): %s: %s", (long long)story,
                 (long long)key, cr_strerror(rc), err.msg);
}

/* Add an article and return its key. */
static int64_t add_key(cr_store *st, const char *id, const char *source,
                       const char *published, const char *text)
{
    cr_article a = art(id, source, published, text);
    assert_int_equal(add_ok(st, &a), CR_ADD_NEW);
    return cr_store_last_key(st);
}

/* What a listing saw, one line per story: "id|label|articles|members|
 * first|last|outlets,..|active". */
typedef struct seen {
    char lines[16][256];
    int n;
} seen;

static int note_story(const cr_stored_story *s, void *ctx)
{
    seen *v = ctx;
    char out[128] = "";
    size_t i;
    assert_true(v->n < 16);
    for (i = 0; i < s->noutlets; i++) {
        strncat(out, s->outlets[i], sizeof out - strlen(out) - 2);
        strcat(out, ",");
    }
    snprintf(v->lines[v->n++], sizeof v->lines[0],
             "%lld|%s|%lld|%lld|%s|%s|%s|%d", (long long)s->id, s->label,
             (long long)s->articles, (long long)s->members,
             s->first ? s->first : "-", s->last ? s->last : "-", out,
             s->active);
    return 0;
}

static int note_article(const cr_story_article *a, void *ctx)
{
    seen *v = ctx;
    assert_true(v->n < 16);
    snprintf(v->lines[v->n++], sizeof v->lines[0], "%s|%s|%s|%s|%d", a->id,
             a->source ? a->source : "-", a->published ? a->published : "-",
             a->copy_of ? a->copy_of : "-", a->clustered);
    return 0;
}

typedef struct replayed {
    int64_t key[16], story[16];
    int active[16];
    int n;
} replayed;

static int note_replay(int64_t key, int64_t story, int active, void *ctx)
{
    replayed *r = ctx;
    assert_true(r->n < 16);
    r->key[r->n] = key;
    r->active[r->n] = active;
    r->story[r->n++] = story;
    return 0;
}

static cr_store *stories_store(const char *name, char *path, size_t cap)
{
    cr_store *st;
    path_for(path, cap, name);
    st = open_ok(path);
    assert_int_equal(cr_store_check_stories(st, NULL), CR_OK);
    return st;
}

/* ---- tests -------------------------------------------------------------- */

/* Three stories: order newest first, undated last; counts, outlets by
 * first publication, first/last span, labels; source filter and limit. */
static void test_list(void **state)
{
    char path[256];
    cr_store *st = stories_store("list.db", path, sizeof path);
    int64_t k1, k2, k3, k4, k5, s1, s2, s3;
    seen v;

    k1 = add_key(st, "a1", "bbb", "2024-03-02", "First report.");
    k2 = add_key(st, "a2", "aaa", "2024-03-01T08:00:00Z", "Earlier report.");
    k3 = add_key(st, "a3", "bbb", "2024-03-05", "Follow-up.");
    k4 = add_key(st, "b1", "ccc", "2024-02-01", "Another event.");
    k5 = add_key(st, "c1", NULL, NULL, "Undated.");
    s1 = story_new_ok(st);
    s2 = story_new_ok(st);
    s3 = story_new_ok(st);
    member_ok(st, s1, k1, 1, "First report");
    member_ok(st, s1, k2, 1, NULL);          /* label stays */
    member_ok(st, s1, k3, 1, "Follow-up");   /* label changes */
    member_ok(st, s2, k4, 1, "Another");
    member_ok(st, s3, k5, 1, "Undated");

    memset(&v, 0, sizeof v);
    assert_int_equal(cr_store_stories(st, NULL, 0, note_story, &v, NULL),
                     CR_OK);
    assert_int_equal(v.n, 3);
    assert_string_equal(v.lines[0], "1|Follow-up|3|3|2024-03-01T08:00:00Z|"
                                    "2024-03-05|aaa,bbb,|1");
    assert_string_equal(v.lines[1], "2|Another|1|1|2024-02-01|2024-02-01|"
                                    "ccc,|1");
    assert_string_equal(v.lines[2], "3|Undated|1|1|-|-||1");

    memset(&v, 0, sizeof v);
    assert_int_equal(cr_store_stories(st, "bbb", 0, note_story, &v, NULL),
                     CR_OK);
    assert_int_equal(v.n, 1);
    assert_true(strncmp(v.lines[0], "1|", 2) == 0);
    memset(&v, 0, sizeof v);
    assert_int_equal(cr_store_stories(st, NULL, 2, note_story, &v, NULL),
                     CR_OK);
    assert_int_equal(v.n, 2);

    /* one story and its articles by publication */
    memset(&v, 0, sizeof v);
    assert_int_equal(cr_store_story_get(st, s2, note_story, &v, NULL), CR_OK);
    assert_int_equal(v.n, 1);
    memset(&v, 0, sizeof v);
    assert_int_equal(cr_store_story_articles(st, s1, note_article, &v, NULL),
                     CR_OK);
    assert_int_equal(v.n, 3);
    assert_string_equal(v.lines[0], "a2|aaa|2024-03-01T08:00:00Z|-|1");
    assert_string_equal(v.lines[1], "a1|bbb|2024-03-02|-|1");
    assert_string_equal(v.lines[2], "a3|bbb|2024-03-05|-|1");
    cr_store_close(st);
    remove_store(path);
}

/* A copy joins its original's story: counted once, its outlet listed, its
 * link shown; a copy is not replayed. */
static void test_copies_count_once(void **state)
{
    static const char text[] =
        "The harbour bridge reopened on Monday after two years of repairs, "
        "the city council said, and the first trams crossed at dawn while "
        "commuters watched from the new walkways along the river.";
    char path[256];
    cr_store *st = stories_store("copies.db", path, sizeof path);
    cr_fingerprint fp;
    cr_dedup_match m = {-1, 0.0, 0};
    int64_t k1, k2, s1;
    replayed r;
    seen v;

    assert_int_equal(cr_store_check_fingerprints(st, NULL, NULL), CR_OK);
    k1 = add_key(st, "orig", "wire", "2024-05-01", text);
    assert_int_equal(cr_fingerprint_text(text, strlen(text), NULL, NULL, &fp),
                     CR_OK);
    assert_int_equal(cr_store_add_fingerprint(st, k1, &fp, NULL, NULL), CR_OK);
    s1 = story_new_ok(st);
    member_ok(st, s1, k1, 1, "Bridge reopens");
    k2 = add_key(st, "repost", "daily", "2024-05-02", text);
    m.key = k1;
    m.similarity = 1.0;
    m.exact = 1;
    assert_int_equal(cr_store_add_fingerprint(st, k2, &fp, &m, NULL), CR_OK);
    member_ok(st, s1, k2, 0, NULL);

    memset(&v, 0, sizeof v);
    assert_int_equal(cr_store_stories(st, NULL, 0, note_story, &v, NULL),
                     CR_OK);
    assert_int_equal(v.n, 1);
    assert_string_equal(v.lines[0], "1|Bridge reopens|1|2|2024-05-01|"
                                    "2024-05-02|wire,daily,|1");
    memset(&v, 0, sizeof v);
    assert_int_equal(cr_store_story_articles(st, s1, note_article, &v, NULL),
                     CR_OK);
    assert_string_equal(v.lines[1], "repost|daily|2024-05-02|orig|0");
    memset(&r, 0, sizeof r);
    assert_int_equal(cr_store_story_replay(st, 0, note_replay, &r, NULL), CR_OK);
    assert_int_equal(r.n, 1);
    assert_int_equal(r.key[0], k1);
    cr_store_close(st);
    remove_store(path);
}

/* Replay: clustered members of active stories in the order taken, across
 * reopening (the sequence continues); a retired story is not replayed. */
static void test_replay_order(void **state)
{
    char path[256];
    cr_store *st = stories_store("replay.db", path, sizeof path);
    int64_t k1, k2, k3, k4, s1, s2, s3;
    replayed r;
    seen v;

    k1 = add_key(st, "x1", "s", "2024-01-03", "One.");
    k2 = add_key(st, "x2", "s", "2024-01-01", "Two.");
    k3 = add_key(st, "x3", "s", "2024-01-02", "Three.");
    s1 = story_new_ok(st);
    s2 = story_new_ok(st);
    s3 = story_new_ok(st);
    member_ok(st, s2, k2, 1, NULL);
    member_ok(st, s1, k1, 1, NULL);
    member_ok(st, s3, k3, 1, NULL);
    assert_int_equal(cr_store_story_retire(st, s3, "Final", NULL), CR_OK);
    memset(&v, 0, sizeof v);
    assert_int_equal(cr_store_story_get(st, s3, note_story, &v, NULL), CR_OK);
    assert_string_equal(v.lines[0], "3|Final|1|1|2024-01-02|2024-01-02|s,|0");
    cr_store_close(st);

    st = open_ok(path);
    assert_int_equal(cr_store_check_stories(st, NULL), CR_OK);
    k4 = add_key(st, "x4", "s", "2024-01-04", "Four.");
    member_ok(st, s2, k4, 1, NULL);
    memset(&r, 0, sizeof r);
    assert_int_equal(cr_store_story_replay(st, 0, note_replay, &r, NULL), CR_OK);
    assert_int_equal(r.n, 3);
    assert_int_equal(r.key[0], k2);
    assert_int_equal(r.story[0], s2);
    assert_int_equal(r.key[1], k1);
    assert_int_equal(r.key[2], k4); /* taken after reopening: last */
    /* the last 2 clustered articles of any story come too: k3 (retired) */
    memset(&r, 0, sizeof r);
    assert_int_equal(cr_store_story_replay(st, 2, note_replay, &r, NULL),
                     CR_OK);
    assert_int_equal(r.n, 4);
    assert_int_equal(r.key[2], k3);
    assert_int_equal(r.story[2], s3);
    assert_int_equal(r.active[2], 0);
    assert_int_equal(r.active[3], 1);
    /* a clustered article makes its story active again */
    member_ok(st, s3, add_key(st, "x5", "s", "2024-01-05", "Five."), 1, NULL);
    memset(&v, 0, sizeof v);
    assert_int_equal(cr_store_story_get(st, s3, note_story, &v, NULL), CR_OK);
    assert_string_equal(v.lines[0], "3|Final|2|2|2024-01-02|2024-01-05|s,|1");
    cr_store_close(st);
    remove_store(path);
}

/* Articles without a story, in publication order with their copy links;
 * clearing the stories makes every article one again. */
static void test_unstoried_and_clear(void **state)
{
    char path[256];
    cr_store *st = stories_store("unstoried.db", path, sizeof path);
    cr_unstoried *u = NULL;
    size_t n = 0;
    int64_t k1, k2, k3, k4, k5, s1;
    seen v;

    k1 = add_key(st, "u1", "s", NULL, "Undated one.");
    k2 = add_key(st, "u2", "s", "2024-02-02", "Late.");
    k3 = add_key(st, "u3", "s", "2024-02-01", "Early.");
    s1 = story_new_ok(st);
    member_ok(st, s1, k2, 1, NULL);
    assert_int_equal(cr_store_unstoried(st, &u, &n, NULL), CR_OK);
    assert_int_equal(n, 2);
    assert_int_equal(u[0].key, k1); /* undated, nothing dated before it */
    assert_int_equal(u[1].key, k3);
    assert_int_equal(u[0].copy_of, -1);
    free(u);

    /* stored out of time order, undated ones between: time order, each
     * undated article at the newest time stored before it */
    k4 = add_key(st, "u4", "s", NULL, "Undated two.");
    k5 = add_key(st, "u5", "s", "2024-01-15T08:00:00Z", "Earliest.");
    assert_int_equal(cr_store_stories_clear(st, NULL), CR_OK);
    memset(&v, 0, sizeof v);
    assert_int_equal(cr_store_stories(st, NULL, 0, note_story, &v, NULL),
                     CR_OK);
    assert_int_equal(v.n, 0);
    assert_int_equal(cr_store_unstoried(st, &u, &n, NULL), CR_OK);
    assert_int_equal(n, 5);
    assert_int_equal(u[0].key, k1);
    assert_int_equal(u[1].key, k5);
    assert_int_equal(u[2].key, k3);
    assert_int_equal(u[3].key, k2);
    assert_int_equal(u[4].key, k4); /* at u2's time, stored after it */
    free(u);
    cr_store_close(st);
    remove_store(path);
}

/* With fingerprints and stories checked, the commit that ends a batch
 * waits for both of its last article: a second connection sees the
 * article only with its fingerprint and story. */
static void test_commit_waits_for_story(void **state)
{
    char path[256];
    cr_store *st = stories_store("commit.db", path, sizeof path);
    int64_t k, s;
    sqlite3 *db;

    cr_fingerprint fp;

    assert_int_equal(cr_store_check_fingerprints(st, NULL, NULL), CR_OK);
    cr_store_set_batch(st, 1);
    s = story_new_ok(st);
    assert_int_equal(cr_store_flush(st, NULL), CR_OK);
    k = add_key(st, "w1", "s", "2024-01-01", "Waiting for the story.");
    assert_int_equal(raw_count(path), 0);
    /* the fingerprint alone does not end the batch ... */
    assert_int_equal(cr_fingerprint_text("Waiting for the story.", 22, NULL,
                                         NULL, &fp),
                     CR_OK);
    assert_int_equal(cr_store_add_fingerprint(st, k, &fp, NULL, NULL), CR_OK);
    assert_int_equal(raw_count(path), 0);
    /* ... the story does */
    member_ok(st, s, k, 1, "Waiting");
    db = raw_open(path);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM article"), 1);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM story_member"), 1);
    sqlite3_close(db);
    cr_store_close(st);
    remove_store(path);
}

static void test_errors(void **state)
{
    char path[256];
    cr_store *st;
    cr_error err = {0, ""};
    int64_t k, s, story = -1;
    seen v;

    path_for(path, sizeof path, "errors.db");
    st = open_ok(path);
    k = add_key(st, "e1", "s", NULL, "Some text.");
    /* writes need cr_store_check_stories */
    assert_int_equal(cr_store_story_new(st, &s, &err), CR_EINVAL);
    assert_non_null(strstr(err.msg, "cr_store_check_stories"));
    assert_int_equal(cr_store_check_stories(st, NULL), CR_OK);
    s = story_new_ok(st);
    assert_int_equal(cr_store_story_add(st, s + 1, k, 1, NULL, NULL),
                     CR_ENOTFOUND);
    assert_int_equal(cr_store_story_add(st, s, k + 100, 1, NULL, NULL),
                     CR_ENOTFOUND);
    assert_int_equal(cr_store_story_of(st, k, &story, NULL), CR_ENOTFOUND);
    assert_int_equal(story, 0);
    member_ok(st, s, k, 1, NULL);
    assert_int_equal(cr_store_story_add(st, s, k, 1, NULL, &err), CR_EINVAL);
    assert_non_null(strstr(err.msg, "already belongs"));
    assert_int_equal(cr_store_story_of(st, k, &story, NULL), CR_OK);
    assert_int_equal(story, s);
    memset(&v, 0, sizeof v);
    assert_int_equal(cr_store_story_get(st, 99, note_story, &v, NULL),
                     CR_ENOTFOUND);
    assert_int_equal(cr_store_story_get(st, -1, note_story, &v, NULL),
                     CR_ENOTFOUND);
    assert_int_equal(cr_store_story_articles(st, 99, note_article, &v, NULL),
                     CR_ENOTFOUND);
    assert_int_equal(cr_store_story_retire(st, 99, NULL, NULL), CR_ENOTFOUND);
    assert_int_equal(v.n, 0);
    assert_int_equal(cr_store_stories(NULL, NULL, 0, note_story, &v, NULL),
                     CR_EINVAL);
    cr_store_close(st);
    remove_store(path);
}

/* A version 2 store gains the story tables; its articles have no story. */
static void test_migrate_v2(void **state)
{
    char path[256];
    cr_store *st;
    cr_unstoried *u = NULL;
    size_t n = 0;

    path_for(path, sizeof path, "v2.db");
    raw_exec(path, CRI_MIGRATION_1 CRI_MIGRATION_2
             "INSERT INTO article (id, published, published_how, text,"
             " content_hash, ingested) VALUES"
             " ('old', '2023-05-06', 'given', 'Dated.', 'h1',"
             "  '2024-01-01T00:00:00Z');"
             "PRAGMA user_version = 2;");
    st = open_ok(path);
    assert_int_equal(cr_store_schema_version(st), CR_SCHEMA_VERSION);
    assert_int_equal(cr_store_unstoried(st, &u, &n, NULL), CR_OK);
    assert_int_equal(n, 1);
    free(u);
    cr_store_close(st);
    remove_store(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_list),
        cmocka_unit_test(test_copies_count_once),
        cmocka_unit_test(test_replay_order),
        cmocka_unit_test(test_unstoried_and_clear),
        cmocka_unit_test(test_commit_waits_for_story),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_migrate_v2),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
