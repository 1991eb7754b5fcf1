/*
 * test_store.c — unit tests of the SQLite store (src/store/store.c):
 * creating and reopening stores, the three add results, batching as seen
 * from a second connection, reading back, listing order and filters, schema
 * migration (v0 and v1 to the current version), and refusal of files that
 * are not (current) crossread stores; keys, fingerprints, duplicate links
 * and groups of copies.
 *
 * Every test works on its own file in a temporary directory made by the
 * group setup and removed by the group teardown. Second connections are
 * opened with SQLite directly, to see what really reached the file.
 *
 * Built with -DCR_TEST_FAKES, the file carries small stand-ins for the doc
 * accessors and cr_content_hash, so the store can be tested before the rest
 * of the library exists (the near-duplicate tests, which need the real
 * fingerprints, are left out then); without it, it links against the real
 * library.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <dirent.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crossread.h"

#ifdef CR_TEST_FAKES
#include <xxhash.h>

/* Stand-ins: a doc that only knows its counts and language. */
struct cr_doc {
    size_t nsent, ntok;
    char lang[8];
};

void cr_content_hash(const char *text, size_t len, char out[33])
{
    XXH128_hash_t h = XXH3_128bits(text, len);
    snprintf(out, 33, "%016llx%016llx", (unsigned long long)h.high64,
             (unsigned long long)h.low64);
}

cr_status cr_doc_analyze(const char *text, size_t len, const char *lang,
                         const cr_limits *lim, cr_doc **out)
{
    cr_doc *d = calloc(1, sizeof *d);
    size_t i;
    if (!d)
        return CR_ENOMEM;
    d->ntok = len > 0;
    for (i = 0; i < len; i++) {
        d->nsent += text[i] == '.';
        d->ntok += text[i] == ' ';
    }
    snprintf(d->lang, sizeof d->lang, "%s", lang ? lang : "en");
    *out = d;
    return CR_OK;
}

void cr_doc_free(cr_doc *doc)
{
    free(doc);
}

const cr_token *cr_doc_tokens(const cr_doc *doc, size_t *n)
{
    *n = doc->ntok;
    return NULL;
}

const cr_span *cr_doc_sentences(const cr_doc *doc, size_t *n)
{
    *n = doc->nsent;
    return NULL;
}

const char *cr_doc_lang(const cr_doc *doc)
{
    return doc->lang;
}
#endif /* CR_TEST_FAKES */

#include "store_util.h"

/* ------------------------------------------------------------------------ */
/* Tests                                                                    */
/* ------------------------------------------------------------------------ */

static void test_open_create(void **state)
{
    char path[256], mode[16];
    cr_store *st;
    sqlite3 *db;
    int64_t n = -1;

    path_for(path, sizeof path, "create.db");
    st = open_ok(path);
    assert_int_equal(cr_store_schema_version(st), CR_SCHEMA_VERSION);
    assert_int_equal(cr_store_count(st, &n, NULL), CR_OK);
    assert_int_equal(n, 0);
    cr_store_close(st);

    db = raw_open(path);
    raw_text(db, "PRAGMA journal_mode", mode, sizeof mode);
    assert_string_equal(mode, "wal");
    assert_int_equal(raw_int(db, "PRAGMA user_version"), CR_SCHEMA_VERSION);
    raw_text(db, "SELECT value FROM meta WHERE key = 'application'", mode,
             sizeof mode);
    assert_string_equal(mode, "crossread");
    assert_int_equal(raw_int(db, "SELECT value FROM meta"
                                 " WHERE key = 'content_hash_version'"),
                     CR_CONTENT_HASH_VERSION);
    sqlite3_close(db);
    remove_store(path);
}

static void test_reopen_persists(void **state)
{
    char path[256];
    cr_store *st;
    cr_article a = art("a1", "reuters", "2023-09-13", "First text.");
    cr_article b = art("b1", "ap", NULL, "Second text.");
    cr_stored s;
    int64_t n = 0;

    path_for(path, sizeof path, "reopen.db");
    st = open_ok(path);
    assert_int_equal(add_ok(st, &a), CR_ADD_NEW);
    assert_int_equal(add_ok(st, &b), CR_ADD_NEW);
    cr_store_close(st);

    st = open_ok(path);
    assert_int_equal(cr_store_count(st, &n, NULL), CR_OK);
    assert_int_equal(n, 2);
    assert_int_equal(cr_store_get(st, "b1", &s, NULL), CR_OK);
    assert_string_equal(s.article.text, "Second text.");
    cr_stored_clear(&s);
    /* a reopened store still deduplicates */
    assert_int_equal(add_ok(st, &a), CR_ADD_SAME_ID);
    cr_store_close(st);
    remove_store(path);
}

static void test_add_results(void **state)
{
    char path[256], existing[64];
    cr_store *st;
    cr_article a = art("a1", "reuters", "2023-09-13", "The same words.");
    cr_article same_id = art("a1", "other", NULL, "Different words.");
    cr_article same_text = art("a2", "reuters", "2023-09-13", "The same words.");
    cr_article other = art("a3", "ap", NULL, "Other words.");
    cr_add_result r = 0;
    cr_stored s;
    int64_t n = 0;

    path_for(path, sizeof path, "add.db");
    st = open_ok(path);
    assert_int_equal(add_ok(st, &a), CR_ADD_NEW);

    snprintf(existing, sizeof existing, "junk");
    assert_int_equal(cr_store_add(st, &same_id, NULL, &r, existing,
                                  sizeof existing, NULL),
                     CR_OK);
    assert_int_equal(r, CR_ADD_SAME_ID);
    assert_string_equal(existing, "a1");

    snprintf(existing, sizeof existing, "junk");
    assert_int_equal(cr_store_add(st, &same_text, NULL, &r, existing,
                                  sizeof existing, NULL),
                     CR_OK);
    assert_int_equal(r, CR_ADD_SAME_CONTENT);
    assert_string_equal(existing, "a1");

    /* the same text from another outlet, or on another day, is a
     * republication: stored */
    {
        cr_article other_outlet = art("a4", "ap", "2023-09-13", "The same words.");
        cr_article other_day = art("a5", "reuters", "2024-01-02", "The same words.");
        cr_article again = art("a6", "reuters", "2024-01-02", "The same words.");
        assert_int_equal(add_ok(st, &other_outlet), CR_ADD_NEW);
        assert_int_equal(add_ok(st, &other_day), CR_ADD_NEW);
        assert_int_equal(cr_store_add(st, &again, NULL, &r, existing,
                                      sizeof existing, NULL), CR_OK);
        assert_int_equal(r, CR_ADD_SAME_CONTENT);
        assert_string_equal(existing, "a5");
    }

    /* a new article clears existing_id */
    snprintf(existing, sizeof existing, "junk");
    assert_int_equal(cr_store_add(st, &other, NULL, &r, existing,
                                  sizeof existing, NULL),
                     CR_OK);
    assert_int_equal(r, CR_ADD_NEW);
    assert_string_equal(existing, "");

    /* nothing changed for the duplicates: a1, a3 and the republications
     * a4, a5 are stored */
    assert_int_equal(cr_store_count(st, &n, NULL), CR_OK);
    assert_int_equal(n, 4);
    assert_int_equal(cr_store_get(st, "a1", &s, NULL), CR_OK);
    assert_string_equal(s.article.source, "reuters");
    assert_string_equal(s.article.text, "The same words.");
    cr_stored_clear(&s);
    assert_int_equal(cr_store_get(st, "a2", &s, NULL), CR_ENOTFOUND);
    cr_store_close(st);
    assert_int_equal(raw_count(path), 4);
    remove_store(path);
}

static void test_get_fields(void **state)
{
    char path[256], hash[33];
    cr_store *st;
    cr_article a = art("id-1", "reuters", "2023-09-13T08:30:00Z",
                       "Body text.\n\nSecond paragraph.");
    cr_stored s;
    cr_error err = {0, ""};

    a.url = "https://example.com/2023/09/13/x";
    a.title = "A title";
    a.lang = "en";
    a.published_how = CR_DATE_MARKER;
    path_for(path, sizeof path, "get.db");
    st = open_ok(path);
    assert_int_equal(add_ok(st, &a), CR_ADD_NEW);

    memset(&s, 0x5a, sizeof s);
    assert_int_equal(cr_store_get(st, "id-1", &s, &err), CR_OK);
    assert_string_equal(s.article.id, "id-1");
    assert_string_equal(s.article.source, "reuters");
    assert_string_equal(s.article.url, a.url);
    assert_string_equal(s.article.title, "A title");
    assert_string_equal(s.article.lang, "en");
    assert_string_equal(s.article.published, "2023-09-13T08:30:00Z");
    assert_int_equal(s.article.published_how, CR_DATE_MARKER);
    assert_int_equal(s.article.text_len, a.text_len);
    assert_memory_equal(s.article.text, a.text, a.text_len);
    cr_content_hash(a.text, a.text_len, hash);
    assert_string_equal(s.content_hash, hash);
    assert_int_equal(strlen(s.content_hash), 32);
    assert_int_equal(s.sentences, -1);
    assert_int_equal(s.tokens, -1);
    assert_int_equal(s.lang_detected, 0);
    /* "2026-11-23T12:00:00Z" */
    assert_int_equal(strlen(s.ingested), 20);
    assert_int_equal(s.ingested[4], '-');
    assert_int_equal(s.ingested[10], 'T');
    assert_int_equal(s.ingested[19], 'Z');
    cr_stored_clear(&s);
    assert_null(s.article.id);

    memset(&s, 0x5a, sizeof s);
    assert_int_equal(cr_store_get(st, "nope", &s, &err), CR_ENOTFOUND);
    assert_null(s.article.id);
    assert_non_null(strstr(err.msg, "nope"));
    cr_stored_clear(&s);

    /* NULL strings stay NULL; how without a date is not stored */
    a = art("bare", NULL, NULL, "Bare.");
    a.published_how = CR_DATE_INFERRED;
    assert_int_equal(add_ok(st, &a), CR_ADD_NEW);
    assert_int_equal(cr_store_get(st, "bare", &s, NULL), CR_OK);
    assert_null(s.article.source);
    assert_null(s.article.url);
    assert_null(s.article.title);
    assert_null(s.article.lang);
    assert_null(s.article.published);
    assert_int_equal(s.article.published_how, CR_DATE_NONE);
    cr_stored_clear(&s);
    cr_store_close(st);
    remove_store(path);
}

static void test_add_with_doc(void **state)
{
    static const char text[] = "One sentence here. And a second one.";
    char path[256];
    cr_store *st;
    cr_doc *doc = NULL;
    cr_article a = art("d1", "x", NULL, text);
    cr_add_result r = 0;
    cr_stored s;
    size_t ns = 0, nt = 0;

    path_for(path, sizeof path, "doc.db");
    st = open_ok(path);
    assert_int_equal(cr_doc_analyze(text, strlen(text), "de", NULL, &doc),
                     CR_OK);
    cr_doc_sentences(doc, &ns);
    cr_doc_tokens(doc, &nt);

    /* no lang on the article: taken from the doc, marked detected */
    assert_int_equal(cr_store_add(st, &a, doc, &r, NULL, 0, NULL), CR_OK);
    assert_int_equal(r, CR_ADD_NEW);
    assert_int_equal(cr_store_get(st, "d1", &s, NULL), CR_OK);
    assert_string_equal(s.article.lang, cr_doc_lang(doc));
    assert_int_equal(s.lang_detected, 1);
    assert_int_equal(s.sentences, (int64_t)ns);
    assert_int_equal(s.tokens, (int64_t)nt);
    cr_stored_clear(&s);

    /* lang given on the article wins */
    a = art("d2", "x", NULL, "Another text. With two sentences.");
    a.lang = "fr";
    assert_int_equal(cr_store_add(st, &a, doc, &r, NULL, 0, NULL), CR_OK);
    assert_int_equal(cr_store_get(st, "d2", &s, NULL), CR_OK);
    assert_string_equal(s.article.lang, "fr");
    assert_int_equal(s.lang_detected, 0);
    assert_int_equal(s.sentences, (int64_t)ns);
    cr_stored_clear(&s);

    cr_doc_free(doc);
    cr_store_close(st);
    remove_store(path);
}

/* Listing: record the ids seen, stop after `stop_after` when non-zero. */
struct seen {
    char ids[16][16];
    int n;
    int stop_after;
    int text_loaded;
};

static int record(const cr_stored *s, void *ctx)
{
    struct seen *sn = ctx;
    if (sn->n < 16)
        snprintf(sn->ids[sn->n], sizeof sn->ids[0], "%s", s->article.id);
    sn->n++;
    if (s->article.text)
        sn->text_loaded = 1;
    return sn->stop_after && sn->n >= sn->stop_after;
}

static void test_list(void **state)
{
    static const struct {
        const char *id, *source, *published;
    } rows[] = {
        {"e", "ap", NULL},
        {"b", "reuters", "2023-09-13T10:00:00Z"},
        {"d", "reuters", NULL},
        {"a", "ap", "2023-09-13"},
        {"c", "ap", "2023-09-13"},
        {"f", "reuters", "2021-01-01"},
    };
    static const char *const order[] = {"f", "a", "c", "b", "d", "e"};
    char path[256], text[32];
    cr_store *st;
    struct seen sn;
    cr_error err = {0, ""};
    size_t i;

    path_for(path, sizeof path, "list.db");
    st = open_ok(path);
    for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        cr_article a;
        snprintf(text, sizeof text, "Text number %zu.", i);
        a = art(rows[i].id, rows[i].source, rows[i].published, text);
        assert_int_equal(add_ok(st, &a), CR_ADD_NEW);
    }

    memset(&sn, 0, sizeof sn);
    assert_int_equal(cr_store_list(st, NULL, record, &sn, &err), CR_OK);
    assert_int_equal(sn.n, 6);
    assert_int_equal(sn.text_loaded, 0);
    for (i = 0; i < 6; i++)
        assert_string_equal(sn.ids[i], order[i]);

    memset(&sn, 0, sizeof sn);
    assert_int_equal(cr_store_list(st, "ap", record, &sn, &err), CR_OK);
    assert_int_equal(sn.n, 3);
    assert_string_equal(sn.ids[0], "a");
    assert_string_equal(sn.ids[1], "c");
    assert_string_equal(sn.ids[2], "e");

    memset(&sn, 0, sizeof sn);
    assert_int_equal(cr_store_list(st, "nobody", record, &sn, &err), CR_OK);
    assert_int_equal(sn.n, 0);

    /* early stop, in the dated part and in the undated part */
    memset(&sn, 0, sizeof sn);
    sn.stop_after = 2;
    assert_int_equal(cr_store_list(st, NULL, record, &sn, &err), CR_OK);
    assert_int_equal(sn.n, 2);
    assert_string_equal(sn.ids[1], "a");
    memset(&sn, 0, sizeof sn);
    sn.stop_after = 5;
    assert_int_equal(cr_store_list(st, NULL, record, &sn, &err), CR_OK);
    assert_int_equal(sn.n, 5);
    cr_store_close(st);
    remove_store(path);
}

static void test_batch_commits(void **state)
{
    char path[256], id[16], text[32];
    cr_store *st;
    int i;

    path_for(path, sizeof path, "batch.db");
    st = open_ok(path);
    cr_store_set_batch(st, 3);
    for (i = 0; i < 7; i++) {
        cr_article a;
        snprintf(id, sizeof id, "b%d", i);
        snprintf(text, sizeof text, "Batch text %d.", i);
        a = art(id, NULL, NULL, text);
        assert_int_equal(add_ok(st, &a), CR_ADD_NEW);
    }
    /* two batches of 3 committed; the 7th is pending */
    assert_int_equal(raw_count(path), 6);
    assert_int_equal(cr_store_flush(st, NULL), CR_OK);
    assert_int_equal(raw_count(path), 7);
    assert_int_equal(cr_store_flush(st, NULL), CR_OK); /* nothing pending */

    /* batch 0 means every add commits */
    cr_store_set_batch(st, 0);
    {
        cr_article a = art("b7", NULL, NULL, "Batch text 7.");
        assert_int_equal(add_ok(st, &a), CR_ADD_NEW);
    }
    assert_int_equal(raw_count(path), 8);

    /* close flushes */
    cr_store_set_batch(st, 1000);
    {
        cr_article a = art("b8", NULL, NULL, "Batch text 8.");
        assert_int_equal(add_ok(st, &a), CR_ADD_NEW);
    }
    assert_int_equal(raw_count(path), 8);
    cr_store_close(st);
    assert_int_equal(raw_count(path), 9);
    remove_store(path);
}

/* Large texts end a batch early: 64 MiB of text commits even though
 * `batch` articles have not been added. */
static void test_batch_bytes(void **state)
{
    enum { BIG = 4 << 20 };
    char path[256], id[16];
    char *text = malloc(BIG + 1);
    cr_store *st;
    int i;

    assert_non_null(text);
    memset(text, 'a', BIG);
    text[BIG] = '\0';
    path_for(path, sizeof path, "bytes.db");
    st = open_ok(path);
    for (i = 0; i < 16; i++) {
        cr_article a;
        snprintf(id, sizeof id, "big%d", i);
        text[0] = (char)('A' + i);      /* distinct content */
        a = art(id, NULL, NULL, text);
        assert_int_equal(add_ok(st, &a), CR_ADD_NEW);
        assert_int_equal(raw_count(path), i < 15 ? 0 : 16);
    }
    cr_store_close(st);
    free(text);
    remove_store(path);
}

/* Opening a store (say, to list it) while a writer holds a batch open must
 * neither wait nor see the uncommitted rows. */
static void test_open_during_batch(void **state)
{
    char path[256];
    cr_store *w, *r;
    cr_article a = art("w1", NULL, NULL, "Written.");
    int64_t n = -1;

    path_for(path, sizeof path, "concurrent.db");
    w = open_ok(path);
    assert_int_equal(add_ok(w, &a), CR_ADD_NEW);  /* batch open */
    r = open_ok(path);
    assert_int_equal(cr_store_count(r, &n, NULL), CR_OK);
    assert_int_equal(n, 0);
    assert_int_equal(cr_store_flush(w, NULL), CR_OK);
    assert_int_equal(cr_store_count(r, &n, NULL), CR_OK);
    assert_int_equal(n, 1);
    cr_store_close(r);
    cr_store_close(w);
    remove_store(path);
}

/* A failed statement loses only itself; the rest of the batch commits. */
static void test_error_mid_batch(void **state)
{
    char path[256];
    cr_store *st;
    cr_article a = art("ok1", NULL, NULL, "First.");
    cr_article bad = art("bad", NULL, NULL, "Refused.");
    cr_article c = art("ok2", NULL, NULL, "Second.");
    cr_add_result r = 0;
    cr_error err = {0, ""};

    path_for(path, sizeof path, "midbatch.db");
    cr_store_close(open_ok(path));
    raw_exec(path, "CREATE TRIGGER refuse BEFORE INSERT ON article"
                   " WHEN NEW.id = 'bad'"
                   " BEGIN SELECT RAISE(ABORT, 'boom'); END");
    st = open_ok(path);
    assert_int_equal(add_ok(st, &a), CR_ADD_NEW);
    assert_int_equal(cr_store_add(st, &bad, NULL, &r, NULL, 0, &err),
                     CR_ESTORE);
    assert_non_null(strstr(err.msg, "boom"));
    assert_int_equal(add_ok(st, &c), CR_ADD_NEW);
    assert_int_equal(cr_store_flush(st, NULL), CR_OK);
    cr_store_close(st);
    assert_int_equal(raw_count(path), 2);
    remove_store(path);
}

static void test_migrate_from_v0(void **state)
{
    char path[256];
    cr_store *st;
    sqlite3 *db;
    FILE *f;

    /* an SQLite database with pages but no tables, user_version 0 */
    path_for(path, sizeof path, "v0.db");
    raw_exec(path, "CREATE TABLE t (x); DROP TABLE t;");
    st = open_ok(path);
    assert_int_equal(cr_store_schema_version(st), CR_SCHEMA_VERSION);
    cr_store_close(st);
    db = raw_open(path);
    assert_int_equal(raw_int(db, "PRAGMA user_version"), CR_SCHEMA_VERSION);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM meta"
                                 " WHERE key = 'application'"),
                     1);
    sqlite3_close(db);
    remove_store(path);

    /* an empty (0-byte) file */
    path_for(path, sizeof path, "empty.db");
    f = fopen(path, "wb");
    assert_non_null(f);
    fclose(f);
    st = open_ok(path);
    assert_int_equal(cr_store_schema_version(st), CR_SCHEMA_VERSION);
    cr_store_close(st);
    remove_store(path);
}

static void test_too_new(void **state)
{
    char path[256], want[128];
    sqlite3 *db;

    path_for(path, sizeof path, "new.db");
    cr_store_close(open_ok(path));
    raw_exec(path, "PRAGMA user_version = 5");
    snprintf(want, sizeof want,
             "store schema version 5 is newer than this crossread (%d); "
             "upgrade crossread",
             CR_SCHEMA_VERSION);
    open_fails(path, want);
    db = raw_open(path);
    assert_int_equal(raw_int(db, "PRAGMA user_version"), 5);
    sqlite3_close(db);
    remove_store(path);
}

static void test_hash_version_mismatch(void **state)
{
    char path[256];

    path_for(path, sizeof path, "hashv.db");
    cr_store_close(open_ok(path));
    raw_exec(path, "UPDATE meta SET value = '99'"
                   " WHERE key = 'content_hash_version'");
    open_fails(path, "content hashes are version 99");
    remove_store(path);
}

static void test_foreign_sqlite(void **state)
{
    char path[256], mode[16];
    sqlite3 *db;

    path_for(path, sizeof path, "foreign.db");
    raw_exec(path, "CREATE TABLE notes (x TEXT)");
    open_fails(path, "not a crossread store");
    /* left untouched: no WAL, no meta */
    db = raw_open(path);
    raw_text(db, "PRAGMA journal_mode", mode, sizeof mode);
    assert_string_equal(mode, "delete");
    assert_int_equal(raw_int(db, "SELECT count(*) FROM sqlite_master"), 1);
    sqlite3_close(db);
    remove_store(path);

    /* another program's versioned schema */
    path_for(path, sizeof path, "foreign3.db");
    raw_exec(path, "CREATE TABLE meta (key TEXT, value TEXT);"
                   "INSERT INTO meta VALUES ('application', 'other');"
                   "PRAGMA user_version = 3;");
    open_fails(path, "not a crossread store");
    remove_store(path);
}

static void test_garbage_file(void **state)
{
    char path[256], buf[4096];
    struct stat sb;
    FILE *f;
    size_t i;

    path_for(path, sizeof path, "garbage.db");
    for (i = 0; i < sizeof buf; i++)
        buf[i] = (char)('a' + i % 26);
    f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(buf, 1, sizeof buf, f), sizeof buf);
    fclose(f);
    open_fails(path, "not an SQLite database");
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_size, (off_t)sizeof buf);
    remove_store(path);

    /* a directory cannot be opened */
    open_fails(tmpdir, "cannot open");
}

static void test_null_handling(void **state)
{
    char path[256];
    cr_store *st = NULL;
    cr_article a = art("n1", NULL, NULL, "Text.");
    cr_article noid = art("n2", NULL, NULL, "Text 2.");
    cr_article notext = art("n3", NULL, NULL, "Text 3.");
    cr_add_result r = 0;
    cr_stored s;
    int64_t n;

    assert_int_equal(cr_store_open(NULL, &st, NULL), CR_EINVAL);
    path_for(path, sizeof path, "null.db");
    assert_int_equal(cr_store_open(path, NULL, NULL), CR_EINVAL);
    cr_store_close(NULL);
    cr_stored_clear(NULL);
    cr_store_set_batch(NULL, 5);
    assert_int_equal(cr_store_schema_version(NULL), 0);
    assert_int_equal(cr_store_flush(NULL, NULL), CR_EINVAL);
    assert_int_equal(cr_store_count(NULL, &n, NULL), CR_EINVAL);
    assert_int_equal(cr_store_add(NULL, &a, NULL, &r, NULL, 0, NULL),
                     CR_EINVAL);
    assert_int_equal(cr_store_get(NULL, "x", &s, NULL), CR_EINVAL);
    assert_int_equal(cr_store_list(NULL, NULL, record, NULL, NULL),
                     CR_EINVAL);

    st = open_ok(path);
    noid.id = NULL;
    notext.text = NULL;
    assert_int_equal(cr_store_add(st, NULL, NULL, &r, NULL, 0, NULL),
                     CR_EINVAL);
    assert_int_equal(cr_store_add(st, &noid, NULL, &r, NULL, 0, NULL),
                     CR_EINVAL);
    assert_int_equal(cr_store_add(st, &notext, NULL, &r, NULL, 0, NULL),
                     CR_EINVAL);
    assert_int_equal(cr_store_add(st, &a, NULL, NULL, NULL, 0, NULL),
                     CR_EINVAL);
    a.published = "2023-01-01";
    a.published_how = (cr_date_how)42;
    assert_int_equal(cr_store_add(st, &a, NULL, &r, NULL, 0, NULL),
                     CR_EINVAL);
    assert_int_equal(cr_store_get(st, NULL, &s, NULL), CR_EINVAL);
    assert_int_equal(cr_store_get(st, "x", NULL, NULL), CR_EINVAL);
    assert_int_equal(cr_store_list(st, NULL, NULL, NULL, NULL), CR_EINVAL);
    assert_int_equal(cr_store_count(st, NULL, NULL), CR_EINVAL);
    assert_int_equal(cr_store_count(st, &n, NULL), CR_OK);
    assert_int_equal(n, 0);
    cr_store_close(st);
    remove_store(path);
}

static void test_existing_id_truncation(void **state)
{
    /* 8 ASCII bytes, then "é" (2 bytes), then more */
    static const char long_id[] = "abcdefgh\xc3\xa9ijklmnopqrstuvwxyz";
    char path[256], buf[16];
    cr_store *st;
    cr_article a = art(long_id, NULL, NULL, "Shared text.");
    cr_article dup = art("short", NULL, NULL, "Shared text.");
    cr_add_result r = 0;

    path_for(path, sizeof path, "trunc.db");
    st = open_ok(path);
    assert_int_equal(add_ok(st, &a), CR_ADD_NEW);

    /* cap 10 leaves room for 9 bytes: "abcdefgh" + half of "é" -> cut
     * before the "é" */
    memset(buf, 'X', sizeof buf);
    assert_int_equal(cr_store_add(st, &dup, NULL, &r, buf, 10, NULL), CR_OK);
    assert_int_equal(r, CR_ADD_SAME_CONTENT);
    assert_string_equal(buf, "abcdefgh");
    assert_int_equal(buf[10], 'X');

    /* cap 11: the whole "é" fits */
    assert_int_equal(cr_store_add(st, &dup, NULL, &r, buf, 11, NULL), CR_OK);
    assert_string_equal(buf, "abcdefgh\xc3\xa9");

    /* same id, cap 4 */
    memset(buf, 'X', sizeof buf);
    assert_int_equal(cr_store_add(st, &a, NULL, &r, buf, 4, NULL), CR_OK);
    assert_int_equal(r, CR_ADD_SAME_ID);
    assert_string_equal(buf, "abc");
    assert_int_equal(buf[4], 'X');

    /* cap 1: just the NUL; cap 0: untouched */
    assert_int_equal(cr_store_add(st, &dup, NULL, &r, buf, 1, NULL), CR_OK);
    assert_string_equal(buf, "");
    buf[0] = 'Y';
    assert_int_equal(cr_store_add(st, &dup, NULL, &r, buf, 0, NULL), CR_OK);
    assert_int_equal(buf[0], 'Y');
    cr_store_close(st);
    remove_store(path);
}

/* ------------------------------------------------------------------------ */
/* Near-duplicates: keys, fingerprints, links, groups (real library only)  */
/* ------------------------------------------------------------------------ */

#ifndef CR_TEST_FAKES
#include "store/schema.h"

/* Fingerprint text with the default options. */
static cr_fingerprint fp_of(const char *text)
{
    cr_fingerprint fp;
    assert_int_equal(cr_fingerprint_text(text, strlen(text), NULL, NULL, &fp),
                     CR_OK);
    return fp;
}

/* Add an article, returning its key. */
static int64_t add_key(cr_store *st, const cr_article *a)
{
    assert_int_equal(add_ok(st, a), CR_ADD_NEW);
    assert_true(cr_store_last_key(st) > 0);
    return cr_store_last_key(st);
}

static void test_keys(void **state)
{
    char path[256];
    cr_store *st;
    cr_article a = art("k1", "ap", "2024-01-02", "Key one.");
    cr_article b = art("k2", "ap", NULL, "Key two.");
    cr_stored s;
    int64_t ka, kb;

    path_for(path, sizeof path, "keys.db");
    st = open_ok(path);
    assert_int_equal(cr_store_last_key(st), -1);
    ka = add_key(st, &a);
    kb = add_key(st, &b);
    assert_true(kb > ka);
    assert_int_equal(add_ok(st, &a), CR_ADD_SAME_ID);
    assert_int_equal(cr_store_last_key(st), -1);
    assert_int_equal(cr_store_get_key(st, kb, &s, NULL), CR_OK);
    assert_string_equal(s.article.id, "k2");
    assert_string_equal(s.article.text, "Key two.");
    assert_int_equal(s.key, kb);
    cr_stored_clear(&s);
    assert_int_equal(cr_store_get(st, "k1", &s, NULL), CR_OK);
    assert_int_equal(s.key, ka);
    cr_stored_clear(&s);
    assert_int_equal(cr_store_get_key(st, kb + 100, &s, NULL), CR_ENOTFOUND);
    assert_int_equal(cr_store_last_key(NULL), -1);
    cr_store_close(st);
    remove_store(path);
}

/* A version 1 store (made from the frozen step 1) moves to version 2 with
 * its articles intact and listed as unfingerprinted. */
static void test_migrate_v1_to_v2(void **state)
{
    char path[256], v[16];
    cr_store *st;
    sqlite3 *db;
    int64_t *keys = NULL;
    size_t n = 99;

    path_for(path, sizeof path, "v1.db");
    raw_exec(path, CRI_MIGRATION_1
             "INSERT INTO article (id, published, published_how, text,"
             " content_hash, ingested) VALUES"
             " ('old2', NULL, NULL, 'Undated.', 'h2', '2024-01-01T00:00:00Z'),"
             " ('old1', '2023-05-06', 'given', 'Dated.', 'h1',"
             "  '2024-01-01T00:00:00Z');"
             "PRAGMA user_version = 1;");
    st = open_ok(path);
    assert_int_equal(cr_store_schema_version(st), CR_SCHEMA_VERSION);
    assert_int_equal(cr_store_unfingerprinted(st, &keys, &n, NULL), CR_OK);
    assert_int_equal(n, 2);
    assert_int_equal(keys[0], 2); /* dated first, then undated */
    assert_int_equal(keys[1], 1);
    free(keys);
    cr_store_close(st);
    db = raw_open(path);
    assert_int_equal(raw_int(db, "PRAGMA user_version"), CR_SCHEMA_VERSION);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM article"), 2);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM fingerprint"), 0);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM duplicate"), 0);
    raw_text(db, "SELECT value FROM meta WHERE key = 'fingerprint_version'",
             v, sizeof v);
    assert_string_equal(v, "1");
    sqlite3_close(db);
    remove_store(path);
}

typedef struct fp_seen {
    int64_t key[8], time[8];
    cr_fingerprint fp[8];
    size_t n;
} fp_seen;

static int record_fp(int64_t key, int64_t time, const cr_fingerprint *fp,
                     void *ctx)
{
    fp_seen *s = ctx;
    assert_true(s->n < 8);
    s->key[s->n] = key;
    s->time[s->n] = time;
    s->fp[s->n] = *fp;
    s->n++;
    return 0;
}

static const char text_a[] =
    "The harbour authority of Lisbon opened a new container terminal on "
    "Tuesday, doubling the port's capacity for ships arriving from Asia and "
    "the Americas, the minister for infrastructure told reporters.";
static const char text_b[] =
    "Heavy rain flooded the centre of Bergen overnight, closing the fish "
    "market and two tunnels while the city council met to discuss the "
    "cost of new flood barriers along the old wharf.";

static void test_fingerprint_round_trip(void **state)
{
    char path[256];
    cr_store *st;
    cr_article a = art("fa", "ap", "2024-03-01T10:00:00Z", text_a);
    cr_article b = art("fb", "reuters", "2024-03-01", text_b);
    cr_article c = art("fc", "afp", NULL, text_a);
    cr_article late = art("fd", "afp", "2024-03-20", "A later one.");
    cr_fingerprint fa = fp_of(text_a), fb = fp_of(text_b);
    cr_dedup_match m = {-1, 0.0, 0};
    cr_dedup_opts o;
    fp_seen seen;
    int64_t ka, kb, kc, kd, *keys = NULL;
    size_t n = 0;
    cr_error err = {0, ""};
    sqlite3 *db;
    char sql[300], v[16];

    path_for(path, sizeof path, "fp.db");
    st = open_ok(path);
    ka = add_key(st, &a);
    /* writing before the check is refused */
    assert_int_equal(cr_store_add_fingerprint(st, ka, &fa, NULL, &err),
                     CR_EINVAL);
    assert_int_equal(cr_store_fingerprints(st, 0, record_fp, &seen, NULL),
                     CR_EINVAL);
    assert_int_equal(cr_store_check_fingerprints(st, NULL, &err), CR_OK);
    assert_int_equal(cr_store_add_fingerprint(st, ka, &fa, NULL, &err), CR_OK);
    kb = add_key(st, &b);
    assert_int_equal(cr_store_add_fingerprint(st, kb, &fb, NULL, &err), CR_OK);
    kc = add_key(st, &c);
    m.key = ka;
    m.similarity = 1.0;
    m.exact = 1;
    assert_int_equal(cr_store_add_fingerprint(st, kc, &fa, &m, &err), CR_OK);
    kd = add_key(st, &late); /* left without a fingerprint */
    /* bad keys */
    assert_int_equal(cr_store_add_fingerprint(st, kd + 10, &fa, NULL, &err),
                     CR_ENOTFOUND);
    m.key = kd + 10;
    assert_int_equal(cr_store_add_fingerprint(st, kb, &fb, &m, &err),
                     CR_ENOTFOUND);
    m.key = kb;
    assert_int_equal(cr_store_add_fingerprint(st, kb, &fb, &m, &err),
                     CR_EINVAL);
    cr_store_close(st);

    st = open_ok(path);
    assert_int_equal(cr_store_check_fingerprints(st, NULL, &err), CR_OK);
    memset(&seen, 0, sizeof seen);
    assert_int_equal(cr_store_fingerprints(st, 0, record_fp, &seen, &err),
                     CR_OK);
    /* publication order ("2024-03-01" sorts before its 10:00), undated last */
    assert_int_equal(seen.n, 3);
    assert_int_equal(seen.key[0], kb);
    assert_int_equal(seen.key[1], ka);
    assert_int_equal(seen.key[2], kc);
    assert_int_equal(seen.time[0], 1709251200);
    assert_int_equal(seen.time[1], 1709251200 + 36000);
    assert_int_equal(seen.time[2], 0);
    assert_memory_equal(&seen.fp[0], &fb, sizeof fb);
    assert_memory_equal(&seen.fp[1], &fa, sizeof fa);
    assert_memory_equal(&seen.fp[2], &fa, sizeof fa);
    /* a window of 18 days before the newest date (03-20) keeps the undated
     * one only; 18 days and 14 hours reaches 10:00 on 03-01, not its
     * midnight */
    memset(&seen, 0, sizeof seen);
    assert_int_equal(cr_store_fingerprints(st, 18 * 86400, record_fp, &seen,
                                           &err),
                     CR_OK);
    assert_int_equal(seen.n, 1);
    assert_int_equal(seen.key[0], kc);
    memset(&seen, 0, sizeof seen);
    assert_int_equal(cr_store_fingerprints(st, 18 * 86400 + 14 * 3600,
                                           record_fp, &seen, &err),
                     CR_OK);
    assert_int_equal(seen.n, 2);
    assert_int_equal(seen.key[0], ka);
    assert_int_equal(cr_store_unfingerprinted(st, &keys, &n, &err), CR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(keys[0], kd);
    free(keys);

    /* another shingle size cannot join; another version is refused */
    cr_dedup_opts_default(&o);
    o.shingle = 3;
    assert_int_equal(cr_store_check_fingerprints(st, &o, &err), CR_EINVAL);
    assert_non_null(strstr(err.msg, "5-word shingles, not 3"));
    cr_store_close(st);
    db = raw_open(path);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM fingerprint"), 3);
    assert_int_equal(raw_int(db, "SELECT of FROM duplicate"), ka);
    assert_int_equal(raw_int(db, "SELECT exact FROM duplicate"), 1);
    assert_int_equal(raw_int(db, "SELECT length(data) FROM fingerprint"
                                 " LIMIT 1"),
                     CR_FINGERPRINT_BYTES);
    sqlite3_close(db);
    raw_exec(path, "UPDATE meta SET value = '99'"
                   " WHERE key = 'fingerprint_version'");
    st = open_ok(path); /* the store opens; its fingerprints do not mix */
    assert_int_equal(cr_store_check_fingerprints(st, NULL, &err), CR_ESTORE);
    assert_non_null(strstr(err.msg, "version 99"));
    cr_store_close(st);
    /* a damaged fingerprint is reported, not used */
    snprintf(sql, sizeof sql, "UPDATE meta SET value = '%d'"
             " WHERE key = 'fingerprint_version';"
             "UPDATE fingerprint SET data = x'00' WHERE article = 1",
             CR_FINGERPRINT_VERSION);
    raw_exec(path, sql);
    st = open_ok(path);
    assert_int_equal(cr_store_check_fingerprints(st, NULL, &err), CR_OK);
    memset(&seen, 0, sizeof seen);
    assert_int_equal(cr_store_fingerprints(st, 0, record_fp, &seen, &err),
                     CR_ESTORE);
    assert_non_null(strstr(err.msg, "damaged"));
    cr_store_close(st);
    /* an older version is dropped, links with it, and the store adopts
     * the new one: every article is unfingerprinted again */
    snprintf(sql, sizeof sql, "UPDATE meta SET value = '%d'"
             " WHERE key = 'fingerprint_version'",
             CR_FINGERPRINT_VERSION - 1);
    raw_exec(path, sql);
    st = open_ok(path);
    assert_int_equal(cr_store_check_fingerprints(st, NULL, &err), CR_OK);
    assert_int_equal(cr_store_unfingerprinted(st, &keys, &n, NULL), CR_OK);
    assert_int_equal(n, 4);
    free(keys);
    cr_store_close(st);
    db = raw_open(path);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM fingerprint"), 0);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM duplicate"), 0);
    raw_text(db, "SELECT value FROM meta WHERE key = 'fingerprint_version'",
             v, sizeof v);
    assert_int_equal(atoi(v), CR_FINGERPRINT_VERSION);
    sqlite3_close(db);
    remove_store(path);

    /* an empty store adopts the shingle size it is given */
    path_for(path, sizeof path, "fp3.db");
    st = open_ok(path);
    assert_int_equal(cr_store_check_fingerprints(st, &o, &err), CR_OK);
    cr_store_close(st);
    db = raw_open(path);
    assert_int_equal(raw_int(db, "SELECT value FROM meta"
                                 " WHERE key = 'fingerprint_shingle'"),
                     3);
    sqlite3_close(db);
    remove_store(path);
}

/* Once fingerprints are checked, the commit that ends a batch waits for
 * the fingerprint of its last article. */
static void test_fingerprint_same_commit(void **state)
{
    char path[256];
    cr_store *st;
    cr_article a = art("c1", NULL, NULL, text_a);
    cr_article b = art("c2", NULL, NULL, text_b);
    cr_fingerprint fa = fp_of(text_a), fb = fp_of(text_b);
    int64_t k;
    sqlite3 *db;

    path_for(path, sizeof path, "commit.db");
    st = open_ok(path);
    cr_store_set_batch(st, 1);
    assert_int_equal(cr_store_check_fingerprints(st, NULL, NULL), CR_OK);
    k = add_key(st, &a);
    assert_int_equal(raw_count(path), 0);
    assert_int_equal(cr_store_add_fingerprint(st, k, &fa, NULL, NULL), CR_OK);
    assert_int_equal(raw_count(path), 1);
    db = raw_open(path);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM fingerprint"), 1);
    sqlite3_close(db);
    /* without the fingerprint, the next add commits the batch */
    k = add_key(st, &b);
    assert_int_equal(raw_count(path), 1);
    assert_int_equal(add_ok(st, &a), CR_ADD_SAME_ID);
    assert_int_equal(raw_count(path), 2);
    assert_int_equal(cr_store_add_fingerprint(st, k, &fb, NULL, NULL), CR_OK);
    cr_store_close(st);
    db = raw_open(path);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM fingerprint"), 2);
    sqlite3_close(db);
    remove_store(path);
}

typedef struct groups_seen {
    size_t n, sizes[4], canon[4];
    char ids[4][8][8];
    char copy_of[4][8][8];
    double sim[4][8];
} groups_seen;

static int record_group(const cr_dup_member *m, size_t n, size_t canon,
                        void *ctx)
{
    groups_seen *g = ctx;
    size_t i;
    assert_true(g->n < 4 && n <= 8);
    g->sizes[g->n] = n;
    g->canon[g->n] = canon;
    for (i = 0; i < n; i++) {
        snprintf(g->ids[g->n][i], 8, "%s", m[i].id);
        snprintf(g->copy_of[g->n][i], 8, "%s",
                 m[i].copy_of_id ? m[i].copy_of_id : "-");
        g->sim[g->n][i] = m[i].similarity;
        assert_true((m[i].copy_of < 0) == (m[i].copy_of_id == NULL));
    }
    g->n++;
    return 0;
}

static void test_dup_groups(void **state)
{
    char path[256];
    cr_store *st;
    /* group 1: g1 <- g2 <- g3 (a copy of a copy), g1 <- g4; g3 is the
     * longest; group 2: h1 <- h2, equally long, h2 published first */
    cr_article arts[] = {
        art("g1", "ap", "2024-01-02", "Original wire story, medium."),
        art("g2", "bbc", "2024-01-03", "Copy of the wire story."),
        art("g3", "cnn", "2024-01-01", "The longest version of the story, with more."),
        art("g4", "afp", NULL, "Short."),
        art("solo", "ap", "2024-01-02", "Alone."),
        art("h1", "x", "2024-02-02", "Same length A."),
        art("h2", "y", "2024-02-01", "Same length B."),
    };
    int64_t k[7];
    cr_fingerprint fp = fp_of(text_a);
    cr_dedup_match m;
    groups_seen g;
    size_t i;
    static const int of[7] = {-1, 0, 1, 0, -1, -1, 5};

    path_for(path, sizeof path, "groups.db");
    st = open_ok(path);
    assert_int_equal(cr_store_check_fingerprints(st, NULL, NULL), CR_OK);
    memset(&g, 0, sizeof g);
    assert_int_equal(cr_store_dup_groups(st, 0, record_group, &g, NULL), CR_OK);
    assert_int_equal(g.n, 0);
    for (i = 0; i < 7; i++) {
        k[i] = add_key(st, &arts[i]);
        m.key = of[i] >= 0 ? k[of[i]] : -1;
        m.similarity = 0.5 + (double)i / 100;
        m.exact = 0;
        assert_int_equal(cr_store_add_fingerprint(st, k[i], &fp, &m, NULL),
                         CR_OK);
    }
    memset(&g, 0, sizeof g);
    assert_int_equal(cr_store_dup_groups(st, 2, record_group, &g, NULL), CR_OK);
    assert_int_equal(g.n, 2);
    assert_int_equal(g.sizes[0], 4);
    /* publication order, undated last */
    assert_string_equal(g.ids[0][0], "g3");
    assert_string_equal(g.ids[0][1], "g1");
    assert_string_equal(g.ids[0][2], "g2");
    assert_string_equal(g.ids[0][3], "g4");
    assert_int_equal(g.canon[0], 0); /* the longest text */
    assert_string_equal(g.copy_of[0][0], "g2");
    assert_string_equal(g.copy_of[0][1], "-");
    assert_string_equal(g.copy_of[0][2], "g1");
    assert_string_equal(g.copy_of[0][3], "g1");
    assert_true(g.sim[0][0] > 0.519 && g.sim[0][0] < 0.521);
    assert_true(g.sim[0][1] == 0.0);
    assert_int_equal(g.sizes[1], 2);
    assert_string_equal(g.ids[1][0], "h2");
    assert_int_equal(g.canon[1], 0); /* equal length: earliest published */
    memset(&g, 0, sizeof g);
    assert_int_equal(cr_store_dup_groups(st, 3, record_group, &g, NULL), CR_OK);
    assert_int_equal(g.n, 1);
    assert_int_equal(g.sizes[0], 4);
    cr_store_close(st);
    remove_store(path);
}
#endif /* CR_TEST_FAKES */

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_open_create),
        cmocka_unit_test(test_reopen_persists),
        cmocka_unit_test(test_add_results),
        cmocka_unit_test(test_get_fields),
        cmocka_unit_test(test_add_with_doc),
        cmocka_unit_test(test_list),
        cmocka_unit_test(test_batch_commits),
        cmocka_unit_test(test_batch_bytes),
        cmocka_unit_test(test_open_during_batch),
        cmocka_unit_test(test_error_mid_batch),
        cmocka_unit_test(test_migrate_from_v0),
        cmocka_unit_test(test_too_new),
        cmocka_unit_test(test_hash_version_mismatch),
        cmocka_unit_test(test_foreign_sqlite),
        cmocka_unit_test(test_garbage_file),
        cmocka_unit_test(test_null_handling),
        cmocka_unit_test(test_existing_id_truncation),
#ifndef CR_TEST_FAKES
        cmocka_unit_test(test_keys),
        cmocka_unit_test(test_migrate_v1_to_v2),
        cmocka_unit_test(test_fingerprint_round_trip),
        cmocka_unit_test(test_fingerprint_same_commit),
        cmocka_unit_test(test_dup_groups),
#endif
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
