/*
 * store.c — the SQLite store: the only file of libcrossread that talks to
 * SQLite, and the only place the library touches a file (the one the caller
 * names). See the "Store (SQLite)" section of include/crossread.h for the
 * contracts and schema.h for the tables.
 *
 * A cr_store is one SQLite connection in WAL mode (synchronous=NORMAL,
 * foreign_keys=ON, a busy timeout) plus the prepared statements of the hot
 * paths, prepared once at open. Opening inspects the file before changing
 * anything in it: a file that is not SQLite, an SQLite database that is not
 * a crossread store, or a store newer than this library is refused with
 * CR_ESTORE and left untouched. An older store is migrated forward, one
 * schema.h step per transaction.
 *
 * Writes are batched: cr_store_add opens a transaction (BEGIN IMMEDIATE)
 * when none is open and commits after every `batch` calls. Every write
 * happens inside a transaction, so a crash (even kill -9) loses at most the
 * uncommitted batch and WAL keeps the file consistent.
 *
 * A handle is used by one thread at a time (the connection is opened
 * without SQLite's own mutexes). No global state: everything lives in the
 * handle.
 */
#include "ingest/ingest.h"
#include "store/schema.h"
#include "store/store_int.h"
#include "util/util.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Tunables, measured by inserting 100,000 and 1,000,000 synthetic 2.5 KB
 * articles (doc == NULL). The cost that dominates at scale is rewriting the
 * pages of the indexes whose keys arrive in random order (content_hash,
 * and (published, id) for a shuffled archive): every commit writes each
 * index page it touched, so bigger batches amortise it. */
#define STORE_DEFAULT_BATCH 10000u  /* adds per transaction; 1000 measured
                                       2x slower at 100k, 3x at 1M */
#define STORE_BATCH_BYTES ((size_t)64 << 20) /* ... or this much text,
                                       whichever comes first: bounds the
                                       WAL when articles are large */
#define STORE_BUSY_TIMEOUT_MS 5000  /* wait this long for another writer */
#define STORE_PAGE_SIZE 16384       /* new stores only; 6 texts of 2.5 KB a
                                       page. 4 KB pages were 2x slower,
                                       64 KB ~15% faster but make every
                                       random read (get, dedup) 64 KB */
#define STORE_CACHE_KIB 65536       /* page cache per handle, grown as used */
#define STORE_WAL_PAGES 4096        /* checkpoint when the WAL reaches this
                                       many pages (64 MiB at 16 KiB), not
                                       SQLite's 1000: an index page rewritten
                                       by several batches is copied back to
                                       the database once */
#define STORE_WAL_LIMIT_BYTES 67108864 /* truncate the WAL back to this
                                       after a checkpoint */

#define STR_(x) #x
#define STR(x) STR_(x)

/* The migration steps, in order: migrations[v] takes version v to v+1. */
static const char *const migrations[] = {
    CRI_MIGRATION_1,
    CRI_MIGRATION_2,
    CRI_MIGRATION_3,
    CRI_MIGRATION_4,
};

_Static_assert(sizeof migrations / sizeof migrations[0] == CR_SCHEMA_VERSION,
               "one migration step per schema version");


/* The columns read back into a cr_stored, in this order; text is appended
 * only where the text is loaded. */
#define STORED_COLS                                                          \
    "id, source, url, title, lang, lang_detected, published, published_how," \
    " content_hash, sentences, tokens, ingested, rowid"
enum {
    COL_ID, COL_SOURCE, COL_URL, COL_TITLE, COL_LANG, COL_LANG_DETECTED,
    COL_PUBLISHED, COL_PUBLISHED_HOW, COL_CONTENT_HASH, COL_SENTENCES,
    COL_TOKENS, COL_INGESTED, COL_KEY, COL_TEXT
};

/* ------------------------------------------------------------------------ */
/* Small helpers                                                            */
/* ------------------------------------------------------------------------ */

/* Fill err with `what` and SQLite's latest message on db; CR_ESTORE. */
cr_status cri_db_fail(sqlite3 *db, cr_error *err, const char *what)
{
    return cri_fail(err, CR_ESTORE, 0, "%s: %s", what, sqlite3_errmsg(db));
}

/* Run SQL that returns no rows we need. SQLite result code. */
int cri_exec_sql(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

/* Run a query whose first row's first column is an integer into *out
 * (0 when there is no row). SQLite result code: SQLITE_OK or an error. */
int cri_query_int(sqlite3 *db, const char *sql, sqlite3_int64 *out)
{
    sqlite3_stmt *stmt = NULL;
    int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, NULL);
    *out = 0;
    if (rc != SQLITE_OK)
        goto done;
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW)
        *out = sqlite3_column_int64(stmt, 0);
    if (rc == SQLITE_ROW || rc == SQLITE_DONE)
        rc = SQLITE_OK;
done:
    sqlite3_finalize(stmt);
    return rc;
}

/* Roll back the open transaction of db, if any. Used on error paths only:
 * its own failure changes nothing the caller can act on. */
void cri_rollback(sqlite3 *db)
{
    if (!sqlite3_get_autocommit(db))
        (void)cri_exec_sql(db, "ROLLBACK");
}

/* Reset a cached statement and drop its bindings (they may point into the
 * caller's memory). */
void cri_reset_stmt(sqlite3_stmt *stmt)
{
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
}

/* Copy len bytes of src into dst[cap] as a NUL-terminated string, cut short
 * if needed at a UTF-8 character boundary. Does nothing when dst is NULL or
 * cap is 0. */
static void copy_truncated(char *dst, size_t cap, const char *src, size_t len)
{
    if (!dst || cap == 0)
        return;
    if (len > cap - 1) {
        len = cap - 1;
        /* src[len] is the first byte left out; if it continues a character,
         * leave out that whole character. */
        while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(dst, src, len);
    dst[len] = '\0';
}

/* The stored name of a cr_date_how: NULL for CR_DATE_NONE, "" for a value
 * that is not a cr_date_how. */
static const char *how_name(cr_date_how how)
{
    switch (how) {
    case CR_DATE_NONE: return NULL;
    case CR_DATE_GIVEN: return "given";
    case CR_DATE_MARKER: return "marker";
    case CR_DATE_INFERRED: return "inferred";
    }
    return "";
}

static cr_date_how how_value(const unsigned char *name)
{
    if (!name)
        return CR_DATE_NONE;
    if (strcmp((const char *)name, "given") == 0)
        return CR_DATE_GIVEN;
    if (strcmp((const char *)name, "marker") == 0)
        return CR_DATE_MARKER;
    if (strcmp((const char *)name, "inferred") == 0)
        return CR_DATE_INFERRED;
    return CR_DATE_NONE;
}

/* ------------------------------------------------------------------------ */
/* Open: inspect, configure, migrate                                        */
/* ------------------------------------------------------------------------ */

/* Classify the database on db without writing to it. On CR_OK *version is
 * its schema version (0 for an empty database, which becomes a store);
 * CR_ESTORE when it is not SQLite, not a crossread store, or newer than
 * this library. */
static cr_status inspect(sqlite3 *db, int *version, cr_error *err)
{
    sqlite3_stmt *stmt = NULL;
    sqlite3_int64 v, nobj;
    cr_status ret = CR_OK;
    int rc;

    rc = cri_query_int(db, "PRAGMA user_version", &v);
    if (rc == SQLITE_NOTADB) {
        ret = cri_fail(err, CR_ESTORE, 0,
                       "not a crossread store: the file is not an SQLite "
                       "database");
        goto done;
    }
    if (rc != SQLITE_OK) {
        ret = cri_db_fail(db, err, "cannot read the store");
        goto done;
    }
    rc = cri_query_int(db, "SELECT count(*) FROM sqlite_master", &nobj);
    if (rc != SQLITE_OK) {
        ret = cri_db_fail(db, err, "cannot read the store");
        goto done;
    }
    if (v == 0 && nobj == 0) {
        *version = 0;               /* empty: a new store */
        goto done;
    }
    /* Tables, or a user_version some program set: it must say crossread. */
    rc = sqlite3_prepare_v2(db,
                            "SELECT value FROM meta WHERE key = 'application'",
                            -1, &stmt, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(stmt);
    if (rc != SQLITE_OK && rc != SQLITE_ROW && rc != SQLITE_DONE &&
        (rc & 0xff) != SQLITE_ERROR) {
        /* busy, I/O error, ...: not an answer about what the file is */
        ret = cri_db_fail(db, err, "cannot read the store");
        goto done;
    }
    if (v <= 0 || rc != SQLITE_ROW ||
        sqlite3_column_type(stmt, 0) != SQLITE_TEXT ||
        strcmp((const char *)sqlite3_column_text(stmt, 0), "crossread") != 0) {
        ret = cri_fail(err, CR_ESTORE, 0,
                       "not a crossread store: an SQLite database without "
                       "crossread's meta table");
        goto done;
    }
    if (v > CR_SCHEMA_VERSION) {
        ret = cri_fail(err, CR_ESTORE, 0,
                       "store schema version %lld is newer than this "
                       "crossread (%d); upgrade crossread",
                       (long long)v, CR_SCHEMA_VERSION);
        goto done;
    }
    *version = (int)v;
done:
    sqlite3_finalize(stmt);
    return ret;
}

/* Bring the store from *version (as inspect() found it) up to
 * CR_SCHEMA_VERSION, one step per transaction. The version is read again
 * inside each transaction, so two processes opening the same old store
 * never apply a step twice. */
static cr_status migrate(sqlite3 *db, int *version, cr_error *err)
{
    char sql[64];
    cr_status ret = CR_OK;
    int v = 0;

    /* Nothing to do: take no write lock, so opening never waits for a
     * writer that is in the middle of a batch. */
    if (*version >= CR_SCHEMA_VERSION)
        return CR_OK;
    for (;;) {
        if (cri_exec_sql(db, "BEGIN IMMEDIATE") != SQLITE_OK) {
            ret = cri_db_fail(db, err, "cannot migrate the store");
            goto done;
        }
        ret = inspect(db, &v, err);
        if (ret != CR_OK)
            goto done;
        if (v >= CR_SCHEMA_VERSION)
            break;
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
        if (cri_exec_sql(db, migrations[v]) != SQLITE_OK ||
            cri_exec_sql(db, sql) != SQLITE_OK) {
            ret = cri_fail(err, CR_ESTORE, 0,
                           "cannot migrate the store to version %d: %s",
                           v + 1, sqlite3_errmsg(db));
            goto done;
        }
        if (cri_exec_sql(db, "COMMIT") != SQLITE_OK) {
            ret = cri_db_fail(db, err, "cannot migrate the store");
            goto done;
        }
    }
    if (cri_exec_sql(db, "COMMIT") != SQLITE_OK) {
        ret = cri_db_fail(db, err, "cannot read the store");
        goto done;
    }
    *version = v;
done:
    if (ret != CR_OK)
        cri_rollback(db);
    return ret;
}

/* Refuse a store whose content hashes were computed by another version of
 * cr_content_hash(): deduplication against them would silently fail. */
static cr_status check_hash_version(sqlite3 *db, cr_error *err)
{
    sqlite3_int64 hv;
    if (cri_query_int(db,
                  "SELECT CAST(value AS INTEGER) FROM meta"
                  " WHERE key = 'content_hash_version'",
                  &hv) != SQLITE_OK)
        return cri_db_fail(db, err, "cannot read the store");
    if (hv != CR_CONTENT_HASH_VERSION)
        return cri_fail(err, CR_ESTORE, 0,
                        "store content hashes are version %lld, this "
                        "crossread computes version %d",
                        (long long)hv, CR_CONTENT_HASH_VERSION);
    return CR_OK;
}

/* Set the connection's pragmas. `fresh` when the database is still empty:
 * only then can the page size change. */
static cr_status configure(sqlite3 *db, int fresh, cr_error *err)
{
    static const char *const pragmas =
        "PRAGMA journal_mode = WAL;"
        "PRAGMA synchronous = NORMAL;"
        "PRAGMA foreign_keys = ON;"
        "PRAGMA cache_size = -" STR(STORE_CACHE_KIB) ";"
        "PRAGMA wal_autocheckpoint = " STR(STORE_WAL_PAGES) ";"
        "PRAGMA journal_size_limit = " STR(STORE_WAL_LIMIT_BYTES) ";";
    if (fresh &&
        cri_exec_sql(db, "PRAGMA page_size = " STR(STORE_PAGE_SIZE)) != SQLITE_OK)
        return cri_db_fail(db, err, "cannot configure the store");
    /* journal_mode reports the mode it got rather than failing: a file
     * system without shared memory keeps a rollback journal, which is as
     * safe, only slower for readers. */
    if (cri_exec_sql(db, pragmas) != SQLITE_OK)
        return cri_db_fail(db, err, "cannot configure the store");
    return CR_OK;
}

/* Prepare the cached statements of st (finalized by release()). */
static cr_status prepare_all(cr_store *st, cr_error *err)
{
    const struct {
        sqlite3_stmt **slot;
        const char *sql;
    } stmts[] = {
        {&st->find_id, "SELECT 1 FROM article WHERE id = ?1"},
        {&st->find_hash,
         /* unary + keeps the planner on the content_hash index: the
          * source index would scan every article of a big outlet */
         "SELECT id FROM article WHERE content_hash = ?1"
         " AND +source IS ?2 AND +published IS ?3 LIMIT 1"},
        {&st->insert,
         "INSERT INTO article (id, source, url, title, lang, lang_detected,"
         " published, published_how, text, content_hash, sentences, tokens,"
         " ingested) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
         " ?12, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))"},
        {&st->get, "SELECT " STORED_COLS ", text FROM article WHERE id = ?1"},
        {&st->count, "SELECT count(*) FROM article"},
        {&st->get_key,
         "SELECT " STORED_COLS ", text FROM article WHERE rowid = ?1"},
        {&st->insert_fp,
         "INSERT OR REPLACE INTO fingerprint (article, data) VALUES (?1, ?2)"},
        {&st->insert_dup,
         "INSERT OR REPLACE INTO duplicate (article, of, similarity, exact)"
         " VALUES (?1, ?2, ?3, ?4)"},
    };
    size_t i;
    for (i = 0; i < sizeof stmts / sizeof stmts[0]; i++)
        if (sqlite3_prepare_v3(st->db, stmts[i].sql, -1,
                               SQLITE_PREPARE_PERSISTENT, stmts[i].slot,
                               NULL) != SQLITE_OK)
            return cri_db_fail(st->db, err, "cannot prepare a statement");
    return CR_OK;
}

/* Finalize the cached statements and close the connection. */
static void release(cr_store *st)
{
    int i;
    sqlite3_finalize(st->find_id);
    sqlite3_finalize(st->find_hash);
    sqlite3_finalize(st->insert);
    sqlite3_finalize(st->get);
    sqlite3_finalize(st->count);
    sqlite3_finalize(st->get_key);
    sqlite3_finalize(st->insert_fp);
    sqlite3_finalize(st->insert_dup);
    for (i = 0; i < CRI_STORY_STMTS; i++)
        sqlite3_finalize(st->story_stmt[i]);
    for (i = 0; i < CRI_EXTRACT_STMTS; i++)
        sqlite3_finalize(st->extract_stmt[i]);
    sqlite3_close(st->db);
    free(st);
}

cr_status cr_store_open(const char *path, cr_store **out, cr_error *err)
{
    cr_store *st = NULL;
    cr_status ret = CR_OK;
    int version = 0;
    int rc;

    if (out)
        *out = NULL;
    if (!path || !out)
        return cri_fail(err, CR_EINVAL, 0, "cr_store_open: NULL argument");
    st = calloc(1, sizeof *st);
    if (!st)
        return cri_fail(err, CR_ENOMEM, 0, "out of memory");
    st->batch = STORE_DEFAULT_BATCH;
    st->last_key = -1;

    rc = sqlite3_open_v2(path, &st->db,
                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                             SQLITE_OPEN_NOMUTEX,
                         NULL);
    if (rc != SQLITE_OK) {
        if (!st->db)
            ret = cri_fail(err, CR_ENOMEM, 0, "out of memory");
        else
            ret = cri_db_fail(st->db, err, "cannot open the store");
        goto done;
    }
    sqlite3_extended_result_codes(st->db, 1);
    sqlite3_busy_timeout(st->db, STORE_BUSY_TIMEOUT_MS);
    /* The file may come from anywhere: no schema tricks, no side-effecting
     * functions in its triggers or views. */
    sqlite3_db_config(st->db, SQLITE_DBCONFIG_DEFENSIVE, 1, (int *)NULL);
    sqlite3_db_config(st->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, (int *)NULL);

    /* Look before changing anything: a foreign file stays untouched. */
    ret = inspect(st->db, &version, err);
    if (ret != CR_OK)
        goto done;
    ret = configure(st->db, version == 0, err);
    if (ret != CR_OK)
        goto done;
    ret = migrate(st->db, &version, err);
    if (ret != CR_OK)
        goto done;
    st->version = version;
    ret = check_hash_version(st->db, err);
    if (ret != CR_OK)
        goto done;
    ret = prepare_all(st, err);
done:
    if (ret != CR_OK) {
        release(st);
        return ret;
    }
    *out = st;
    return CR_OK;
}

void cr_store_close(cr_store *st)
{
    if (!st)
        return;
    /* A failed commit cannot be reported from here; callers that care call
     * cr_store_flush first. Closing then rolls the batch back. */
    (void)cr_store_flush(st, NULL);
    release(st);
}

int cr_store_schema_version(const cr_store *st)
{
    return st ? st->version : 0;
}

/* ------------------------------------------------------------------------ */
/* Batched writes                                                           */
/* ------------------------------------------------------------------------ */

/* Forget the batch: it was committed or rolled back. */
void cri_end_batch(cr_store *st)
{
    st->in_tx = 0;
    st->pending = 0;
    st->pending_fp = 0;
    st->pending_story = 0;
    st->pending_extract = 0;
    st->pending_bytes = 0;
    st->commit_due = 0;
    st->due = 0;
}

/* Note that SQLite ended the batch transaction on its own (after some I/O,
 * disk-full or out-of-memory errors it rolls the whole transaction back). */
void cri_sync_tx(cr_store *st)
{
    if (st->in_tx && sqlite3_get_autocommit(st->db))
        cri_end_batch(st);
}

/* A statement of the batch failed: report it, and whether SQLite rolled
 * back the rest of the batch with it. */
cr_status cri_batch_fail(cr_store *st, cr_error *err, const char *what)
{
    int was_open = st->in_tx;
    cr_status ret;
    if (was_open && sqlite3_get_autocommit(st->db))
        ret = cri_fail(err, CR_ESTORE, 0,
                       "%s: %s (the uncommitted batch was rolled back)", what,
                       sqlite3_errmsg(st->db));
    else
        ret = cri_db_fail(st->db, err, what);
    cri_sync_tx(st);
    return ret;
}

void cr_store_set_batch(cr_store *st, unsigned batch)
{
    if (st)
        st->batch = batch ? batch : 1;
}

cr_status cr_store_flush(cr_store *st, cr_error *err)
{
    if (!st)
        return cri_fail(err, CR_EINVAL, 0, "cr_store_flush: NULL store");
    cri_sync_tx(st);
    if (!st->in_tx)
        return CR_OK;
    if (cri_exec_sql(st->db, "COMMIT") != SQLITE_OK)
        return cri_batch_fail(st, err, "cannot commit");
    cri_end_batch(st);
    return CR_OK;
}

/* Open the batch transaction unless one is open. */
cr_status cri_begin_batch(cr_store *st, cr_error *err)
{
    cri_sync_tx(st);
    if (st->in_tx)
        return CR_OK;
    if (cri_exec_sql(st->db, "BEGIN IMMEDIATE") != SQLITE_OK)
        return cri_db_fail(st->db, err, "cannot begin a transaction");
    cri_end_batch(st);
    st->in_tx = 1;
    return CR_OK;
}

cr_status cri_derived_done(cr_store *st, unsigned what, unsigned pending,
                           cr_error *err)
{
    st->due &= ~what;
    if (st->commit_due ? st->due == 0 : pending >= st->batch)
        return cr_store_flush(st, err);
    return CR_OK;
}

int64_t cr_store_last_key(const cr_store *st)
{
    return st ? st->last_key : -1;
}

/* Is id already stored? 1 yes, 0 no, -1 on an SQLite error. */
static int has_id(cr_store *st, const char *id)
{
    int rc;
    sqlite3_bind_text(st->find_id, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(st->find_id);
    cri_reset_stmt(st->find_id);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* Is this content hash stored? 1 yes (the id copied into existing_id),
 * 0 no, -1 on an SQLite error. */
static void bind_str(sqlite3_stmt *stmt, int i, const char *s);

/* Is the same article stored under another id: the same text (content
 * hash) from the same outlet (source) with the same publication date? The
 * same text from another outlet or on another day is a republication, a
 * separate article that the near-duplicate stage groups with it. */
static int has_hash(cr_store *st, const char *hash, const cr_article *a,
                    char *existing_id, size_t existing_cap)
{
    int rc, found;
    sqlite3_bind_text(st->find_hash, 1, hash, -1, SQLITE_STATIC);
    bind_str(st->find_hash, 2, a->source);
    bind_str(st->find_hash, 3, a->published);
    rc = sqlite3_step(st->find_hash);
    found = rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
    if (found == 1)
        copy_truncated(existing_id, existing_cap,
                       (const char *)sqlite3_column_text(st->find_hash, 0),
                       (size_t)sqlite3_column_bytes(st->find_hash, 0));
    cri_reset_stmt(st->find_hash);
    return found;
}

/* Bind NULL for a NULL string, else the NUL-terminated string (borrowed). */
static void bind_str(sqlite3_stmt *stmt, int i, const char *s)
{
    if (s)
        sqlite3_bind_text(stmt, i, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(stmt, i);
}

/* Store one article. The batch transaction is opened here when none is
 * open, and committed once this is the batch's `batch`-th call (new or
 * duplicate: a long run of duplicates still releases the write lock) or
 * the batch holds STORE_BATCH_BYTES of text.
 *
 * Errors inside a batch: the failed statement alone is lost; the batch
 * stays open and its earlier rows are committed by the next flush (or the
 * commit that ends the batch). The exception is an error after which
 * SQLite itself rolls the whole transaction back (disk full, I/O error, out
 * of memory): then err says "the uncommitted batch was rolled back" and the
 * next add starts a new batch. If the commit that ends a batch fails, that
 * error is returned and *result still says what became of this article
 * within the batch. */
cr_status cr_store_add(cr_store *st, const cr_article *a, const cr_doc *doc,
                       cr_add_result *result, char *existing_id,
                       size_t existing_cap, cr_error *err)
{
    char hash[33];
    const char *how, *lang;
    int lang_detected = 0;
    int found;
    cr_status ret = CR_OK;

    if (!st || !a || !a->id || !a->text || !result)
        return cri_fail(err, CR_EINVAL, 0, "cr_store_add: NULL argument");
    if (existing_id && existing_cap > 0)
        existing_id[0] = '\0';
    how = how_name(a->published_how);
    if (how && !*how)
        return cri_fail(err, CR_EINVAL, 0,
                        "cr_store_add: bad published_how %d",
                        (int)a->published_how);
    if (!a->published)
        how = NULL;             /* no date, so nothing to say how */
    lang = a->lang;
    if (doc && !lang) {
        lang = cr_doc_lang(doc);
        lang_detected = lang != NULL;
    }
    cr_content_hash(a->text, a->text_len, hash);

    st->last_key = -1;
    if (st->commit_due && (ret = cr_store_flush(st, err)) != CR_OK)
        return ret;
    if ((ret = cri_begin_batch(st, err)) != CR_OK)
        return ret;

    found = has_id(st, a->id);
    if (found < 0) {
        ret = cri_batch_fail(st, err, "cannot look up the id");
        goto done;
    }
    if (found) {
        copy_truncated(existing_id, existing_cap, a->id, strlen(a->id));
        *result = CR_ADD_SAME_ID;
        goto counted;
    }
    found = has_hash(st, hash, a, existing_id, existing_cap);
    if (found < 0) {
        ret = cri_batch_fail(st, err, "cannot look up the content hash");
        goto done;
    }
    if (found) {
        *result = CR_ADD_SAME_CONTENT;
        goto counted;
    }

    bind_str(st->insert, 1, a->id);
    bind_str(st->insert, 2, a->source);
    bind_str(st->insert, 3, a->url);
    bind_str(st->insert, 4, a->title);
    bind_str(st->insert, 5, lang);
    sqlite3_bind_int(st->insert, 6, lang_detected);
    bind_str(st->insert, 7, a->published);
    bind_str(st->insert, 8, how);
    if (sqlite3_bind_text64(st->insert, 9, a->text,
                            (sqlite3_uint64)a->text_len, SQLITE_STATIC,
                            SQLITE_UTF8) != SQLITE_OK) {
        /* only SQLITE_TOOBIG: past SQLite's string limit (1e9 bytes) */
        ret = cri_fail(err, CR_ELIMIT, 0,
                       "a text of %zu bytes is too long for the store",
                       a->text_len);
        cri_reset_stmt(st->insert);
        goto done;
    }
    bind_str(st->insert, 10, hash);
    if (doc) {
        size_t ns = 0, nt = 0;
        (void)cr_doc_sentences(doc, &ns);
        (void)cr_doc_tokens(doc, &nt);
        sqlite3_bind_int64(st->insert, 11, (sqlite3_int64)ns);
        sqlite3_bind_int64(st->insert, 12, (sqlite3_int64)nt);
    }
    if (sqlite3_step(st->insert) != SQLITE_DONE) {
        ret = cri_batch_fail(st, err, "cannot store the article");
        cri_reset_stmt(st->insert);
        goto done;
    }
    cri_reset_stmt(st->insert);
    *result = CR_ADD_NEW;
    st->last_key = (int64_t)sqlite3_last_insert_rowid(st->db);
    st->pending_bytes += a->text_len;

counted:
    if (++st->pending >= st->batch || st->pending_bytes >= STORE_BATCH_BYTES) {
        st->due = (st->fp_checked ? CRI_DUE_FP : 0) |
                  (st->stories_checked ? CRI_DUE_STORY : 0) |
                  (st->extract_checked ? CRI_DUE_EXTRACT : 0);
        if (st->due && *result == CR_ADD_NEW)
            st->commit_due = 1;     /* after its fingerprint and story */
        else
            ret = cr_store_flush(st, err);
    }
done:
    return ret;
}

/* ------------------------------------------------------------------------ */
/* Reading                                                                  */
/* ------------------------------------------------------------------------ */

void cr_stored_clear(cr_stored *s)
{
    if (!s)
        return;
    free(s->article.id);
    free(s->article.source);
    free(s->article.url);
    free(s->article.title);
    free(s->article.lang);
    free(s->article.published);
    free(s->article.text);
    memset(s, 0, sizeof *s);
}

/* Copy text column i of stmt into *dst (NULL for SQL NULL). 0, or -1 on
 * out of memory. */
static int col_dup(sqlite3_stmt *stmt, int i, char **dst, size_t *len)
{
    const unsigned char *s;
    size_t n;
    *dst = NULL;
    if (sqlite3_column_type(stmt, i) == SQLITE_NULL)
        return 0;
    s = sqlite3_column_text(stmt, i);
    if (!s)
        return -1;
    n = (size_t)sqlite3_column_bytes(stmt, i);
    *dst = cri_strndup((const char *)s, n);
    if (!*dst)
        return -1;
    if (len)
        *len = n;
    return 0;
}

/* Copy text column i into the fixed buffer dst[cap], truncating. */
static void col_copy(sqlite3_stmt *stmt, int i, char *dst, size_t cap)
{
    const unsigned char *s = sqlite3_column_text(stmt, i);
    copy_truncated(dst, cap, s ? (const char *)s : "",
                   s ? (size_t)sqlite3_column_bytes(stmt, i) : 0);
}

/* An INTEGER column, or -1 when NULL. */
static int64_t col_count(sqlite3_stmt *stmt, int i)
{
    if (sqlite3_column_type(stmt, i) == SQLITE_NULL)
        return -1;
    return (int64_t)sqlite3_column_int64(stmt, i);
}

/* Fill *out (zeroed by the caller) from the current row of stmt, whose
 * columns are STORED_COLS, then text when with_text. On failure *out is
 * cleared. */
static cr_status fill_stored(sqlite3_stmt *stmt, int with_text,
                             cr_stored *out, cr_error *err)
{
    cr_article *a = &out->article;
    if (col_dup(stmt, COL_ID, &a->id, NULL) ||
        col_dup(stmt, COL_SOURCE, &a->source, NULL) ||
        col_dup(stmt, COL_URL, &a->url, NULL) ||
        col_dup(stmt, COL_TITLE, &a->title, NULL) ||
        col_dup(stmt, COL_LANG, &a->lang, NULL) ||
        col_dup(stmt, COL_PUBLISHED, &a->published, NULL) ||
        (with_text && col_dup(stmt, COL_TEXT, &a->text, &a->text_len))) {
        cr_stored_clear(out);
        return cri_fail(err, CR_ENOMEM, 0, "out of memory");
    }
    a->published_how =
        how_value(sqlite3_column_text(stmt, COL_PUBLISHED_HOW));
    out->lang_detected = sqlite3_column_int(stmt, COL_LANG_DETECTED) != 0;
    out->key = (int64_t)sqlite3_column_int64(stmt, COL_KEY);
    out->sentences = col_count(stmt, COL_SENTENCES);
    out->tokens = col_count(stmt, COL_TOKENS);
    col_copy(stmt, COL_CONTENT_HASH, out->content_hash,
             sizeof out->content_hash);
    col_copy(stmt, COL_INGESTED, out->ingested, sizeof out->ingested);
    return CR_OK;
}

cr_status cr_store_get(cr_store *st, const char *id, cr_stored *out,
                       cr_error *err)
{
    cr_status ret = CR_OK;
    int rc;

    if (out)
        memset(out, 0, sizeof *out);
    if (!st || !id || !out)
        return cri_fail(err, CR_EINVAL, 0, "cr_store_get: NULL argument");
    sqlite3_bind_text(st->get, 1, id, -1, SQLITE_STATIC);
    rc = sqlite3_step(st->get);
    if (rc == SQLITE_ROW)
        ret = fill_stored(st->get, 1, out, err);
    else if (rc == SQLITE_DONE)
        ret = cri_fail(err, CR_ENOTFOUND, 0, "no article with id \"%.120s\"",
                       id);
    else
        ret = cri_db_fail(st->db, err, "cannot read the article");
    cri_reset_stmt(st->get);
    return ret;
}

cr_status cr_store_get_key(cr_store *st, int64_t key, cr_stored *out,
                           cr_error *err)
{
    cr_status ret = CR_OK;
    int rc;

    if (out)
        memset(out, 0, sizeof *out);
    if (!st || !out)
        return cri_fail(err, CR_EINVAL, 0, "cr_store_get_key: NULL argument");
    sqlite3_bind_int64(st->get_key, 1, (sqlite3_int64)key);
    rc = sqlite3_step(st->get_key);
    if (rc == SQLITE_ROW)
        ret = fill_stored(st->get_key, 1, out, err);
    else if (rc == SQLITE_DONE)
        ret = cri_fail(err, CR_ENOTFOUND, 0, "no article with key %lld",
                       (long long)key);
    else
        ret = cri_db_fail(st->db, err, "cannot read the article");
    cri_reset_stmt(st->get_key);
    return ret;
}

/* Visit the rows of one listing query (prepared here, not cached, so that
 * fn may call other cr_store functions that read). *stop is set when fn
 * asked to stop. */
static cr_status visit(cr_store *st, const char *sql, const char *source,
                       cr_store_visit_fn fn, void *ctx, int *stop,
                       cr_error *err)
{
    sqlite3_stmt *stmt = NULL;
    cr_stored row;
    cr_status ret = CR_OK;
    int rc;

    if (sqlite3_prepare_v2(st->db, sql, -1, &stmt, NULL) != SQLITE_OK) {
        ret = cri_db_fail(st->db, err, "cannot list the store");
        goto done;
    }
    if (source)
        sqlite3_bind_text(stmt, 1, source, -1, SQLITE_STATIC);
    for (;;) {
        rc = sqlite3_step(stmt);
        if (rc != SQLITE_ROW)
            break;
        memset(&row, 0, sizeof row);
        ret = fill_stored(stmt, 0, &row, err);
        if (ret != CR_OK)
            goto done;
        *stop = fn(&row, ctx) != 0;
        cr_stored_clear(&row);
        if (*stop)
            goto done;
    }
    if (rc != SQLITE_DONE)
        ret = cri_db_fail(st->db, err, "cannot list the store");
done:
    sqlite3_finalize(stmt);
    return ret;
}

/* Dated articles first, in (published, id) order, then undated ones by id:
 * two queries that each walk the (published, id) index, no sorting. fn may
 * read the store (cr_store_get, cr_store_count) but must not add to it: a
 * row added while the listing runs may or may not be visited. */
cr_status cr_store_list(cr_store *st, const char *source,
                        cr_store_visit_fn fn, void *ctx, cr_error *err)
{
    static const char *const all[2] = {
        "SELECT " STORED_COLS " FROM article"
        " WHERE published IS NOT NULL ORDER BY published, id",
        "SELECT " STORED_COLS " FROM article"
        " WHERE published IS NULL ORDER BY id",
    };
    static const char *const by_source[2] = {
        "SELECT " STORED_COLS " FROM article"
        " WHERE published IS NOT NULL AND source = ?1 ORDER BY published, id",
        "SELECT " STORED_COLS " FROM article"
        " WHERE published IS NULL AND source = ?1 ORDER BY id",
    };
    const char *const *sql = source ? by_source : all;
    cr_status ret = CR_OK;
    int stop = 0;
    int i;

    if (!st || !fn)
        return cri_fail(err, CR_EINVAL, 0, "cr_store_list: NULL argument");
    for (i = 0; i < 2 && ret == CR_OK && !stop; i++)
        ret = visit(st, sql[i], source, fn, ctx, &stop, err);
    return ret;
}

cr_status cr_store_count(cr_store *st, int64_t *n, cr_error *err)
{
    cr_status ret = CR_OK;
    int rc;

    if (n)
        *n = 0;
    if (!st || !n)
        return cri_fail(err, CR_EINVAL, 0, "cr_store_count: NULL argument");
    rc = sqlite3_step(st->count);
    if (rc == SQLITE_ROW)
        *n = (int64_t)sqlite3_column_int64(st->count, 0);
    else
        ret = cri_db_fail(st->db, err, "cannot count the articles");
    cri_reset_stmt(st->count);
    return ret;
}

/* ------------------------------------------------------------------------ */
/* Near-duplicates: fingerprints and duplicate links                        */
/* ------------------------------------------------------------------------ */

cr_status cr_store_check_fingerprints(cr_store *st, const cr_dedup_opts *opts,
                                      cr_error *err)
{
    cr_dedup_opts def;
    sqlite3_int64 version = 0, shingle = 0, any = 0;
    char sql[200];

    if (!st)
        return cri_fail(err, CR_EINVAL, 0,
                        "cr_store_check_fingerprints: NULL store");
    if (!opts) {
        cr_dedup_opts_default(&def);
        opts = &def;
    }
    if (opts->shingle < 1 || opts->shingle > 1000)
        return cri_fail(err, CR_EINVAL, 0, "shingle size %u is out of range",
                        opts->shingle);
    cri_sync_tx(st);
    if (cri_query_int(st->db,
                  "SELECT CAST(value AS INTEGER) FROM meta"
                  " WHERE key = 'fingerprint_version'",
                  &version) != SQLITE_OK ||
        cri_query_int(st->db,
                  "SELECT CAST(value AS INTEGER) FROM meta"
                  " WHERE key = 'fingerprint_shingle'",
                  &shingle) != SQLITE_OK ||
        cri_query_int(st->db, "SELECT EXISTS (SELECT 1 FROM fingerprint)",
                  &any) != SQLITE_OK)
        return cri_db_fail(st->db, err, "cannot read the store's fingerprints");
    if (any && version < CR_FINGERPRINT_VERSION) {
        /* Fingerprints and links of an older version are derived data:
         * dropped, so that every article is fingerprinted again. */
        if (cri_exec_sql(st->db, "DELETE FROM duplicate;"
                                 " DELETE FROM fingerprint") != SQLITE_OK)
            return cri_batch_fail(st, err,
                                  "cannot drop the old fingerprints");
        any = 0;
    }
    if (any) {
        if (version != CR_FINGERPRINT_VERSION)
            return cri_fail(err, CR_ESTORE, 0,
                            "the store's fingerprints are version %lld, this "
                            "crossread makes version %d: they cannot be "
                            "compared",
                            (long long)version, CR_FINGERPRINT_VERSION);
        if (shingle != (sqlite3_int64)opts->shingle)
            return cri_fail(err, CR_EINVAL, 0,
                            "the store's fingerprints use %lld-word shingles, "
                            "not %u: they cannot be compared",
                            (long long)shingle, opts->shingle);
    } else if (version != CR_FINGERPRINT_VERSION ||
               shingle != (sqlite3_int64)opts->shingle) {
        /* No fingerprints yet: the store takes this kind. */
        snprintf(sql, sizeof sql,
                 "INSERT OR REPLACE INTO meta (key, value) VALUES"
                 " ('fingerprint_version', '%d'),"
                 " ('fingerprint_shingle', '%u')",
                 CR_FINGERPRINT_VERSION, opts->shingle);
        if (cri_exec_sql(st->db, sql) != SQLITE_OK)
            return cri_batch_fail(st, err, "cannot record the fingerprint kind");
    }
    st->fp_checked = 1;
    return CR_OK;
}

/* Step an insert of the near-duplicate tables and reset it. A foreign key
 * that names no article is CR_ENOTFOUND. */
static cr_status step_insert(cr_store *st, sqlite3_stmt *stmt, int64_t key,
                             cr_error *err, const char *what)
{
    int rc = sqlite3_step(stmt);
    cr_status ret = CR_OK;
    if (rc == SQLITE_CONSTRAINT_FOREIGNKEY)
        ret = cri_fail(err, CR_ENOTFOUND, 0, "%s: no article with key %lld",
                       what, (long long)key);
    else if (rc != SQLITE_DONE)
        ret = cri_batch_fail(st, err, what);
    cri_reset_stmt(stmt);
    return ret;
}

cr_status cr_store_add_fingerprint(cr_store *st, int64_t key,
                                   const cr_fingerprint *fp,
                                   const cr_dedup_match *m, cr_error *err)
{
    unsigned char buf[CR_FINGERPRINT_BYTES];
    cr_status ret;

    if (!st || !fp)
        return cri_fail(err, CR_EINVAL, 0,
                        "cr_store_add_fingerprint: NULL argument");
    if (!st->fp_checked)
        return cri_fail(err, CR_EINVAL, 0,
                        "cr_store_add_fingerprint: the store's fingerprints "
                        "were not checked (cr_store_check_fingerprints)");
    if (m && m->key >= 0 && m->key == key)
        return cri_fail(err, CR_EINVAL, 0,
                        "cr_store_add_fingerprint: article %lld cannot copy "
                        "itself",
                        (long long)key);
    cr_fingerprint_encode(fp, buf);
    if ((ret = cri_begin_batch(st, err)) != CR_OK)
        return ret;
    sqlite3_bind_int64(st->insert_fp, 1, (sqlite3_int64)key);
    sqlite3_bind_blob(st->insert_fp, 2, buf, (int)sizeof buf, SQLITE_STATIC);
    ret = step_insert(st, st->insert_fp, key, err,
                      "cannot store the fingerprint");
    if (ret == CR_OK && m && m->key >= 0) {
        sqlite3_bind_int64(st->insert_dup, 1, (sqlite3_int64)key);
        sqlite3_bind_int64(st->insert_dup, 2, (sqlite3_int64)m->key);
        sqlite3_bind_double(st->insert_dup, 3, m->similarity);
        sqlite3_bind_int(st->insert_dup, 4, m->exact != 0);
        ret = step_insert(st, st->insert_dup, m->key, err,
                          "cannot store the duplicate link");
    }
    if (ret != CR_OK)
        return ret;
    return cri_derived_done(st, CRI_DUE_FP, ++st->pending_fp, err);
}

/* The lower bound on `published` for a window before the newest dated
 * article, into since[CRI_DATE_MAX]: "" (no bound) without a window, an
 * undated store or a bound before year 1. */
static cr_status window_start(cr_store *st, int64_t window,
                              char since[CRI_DATE_MAX], cr_error *err)
{
    sqlite3_stmt *stmt = NULL;
    int64_t newest;
    int rc;

    since[0] = '\0';
    if (window <= 0)
        return CR_OK;
    rc = sqlite3_prepare_v2(st->db, "SELECT max(published) FROM article", -1,
                            &stmt, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(stmt);
    if (rc != SQLITE_ROW) {
        sqlite3_finalize(stmt);
        return cri_db_fail(st->db, err, "cannot read the store");
    }
    if (sqlite3_column_type(stmt, 0) == SQLITE_TEXT &&
        cr_date_seconds((const char *)sqlite3_column_text(stmt, 0),
                        &newest) == CR_OK &&
        newest >= INT64_MIN + window &&
        cri_date_format(newest - window, since) != 0)
        since[0] = '\0';
    sqlite3_finalize(stmt);
    return CR_OK;
}

cr_status cr_store_fingerprints(cr_store *st, int64_t window,
                                cr_store_fingerprint_fn fn, void *ctx,
                                cr_error *err)
{
    static const char *const sql[2] = {
        "SELECT f.article, a.published, f.data"
        " FROM article a JOIN fingerprint f ON f.article = a.rowid"
        " WHERE a.published >= ?1 ORDER BY a.published, a.id",
        "SELECT f.article, NULL, f.data"
        " FROM article a JOIN fingerprint f ON f.article = a.rowid"
        " WHERE a.published IS NULL ORDER BY a.rowid",
    };
    char since[CRI_DATE_MAX];
    sqlite3_stmt *stmt = NULL;
    cr_fingerprint fp;
    cr_status ret;
    int i, rc = SQLITE_DONE, stop = 0;

    if (!st || !fn || window < 0)
        return cri_fail(err, CR_EINVAL, 0,
                        "cr_store_fingerprints: bad argument");
    if (!st->fp_checked)
        return cri_fail(err, CR_EINVAL, 0,
                        "cr_store_fingerprints: the store's fingerprints "
                        "were not checked (cr_store_check_fingerprints)");
    if ((ret = window_start(st, window, since, err)) != CR_OK)
        return ret;
    for (i = 0; i < 2 && !stop; i++) {
        if (sqlite3_prepare_v2(st->db, sql[i], -1, &stmt, NULL) != SQLITE_OK)
            return cri_db_fail(st->db, err, "cannot read the fingerprints");
        if (i == 0)
            sqlite3_bind_text(stmt, 1, since, -1, SQLITE_STATIC);
        while (!stop && (rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            int64_t key = (int64_t)sqlite3_column_int64(stmt, 0), t = 0;
            const void *blob = sqlite3_column_blob(stmt, 2);
            int n = sqlite3_column_bytes(stmt, 2);
            if (cr_fingerprint_decode(blob, (size_t)(n > 0 ? n : 0), &fp) !=
                CR_OK) {
                ret = cri_fail(err, CR_ESTORE, 0,
                               "the fingerprint of article key %lld is "
                               "damaged or of another version",
                               (long long)key);
                goto done;
            }
            if (sqlite3_column_type(stmt, 1) == SQLITE_TEXT)
                (void)cr_date_seconds(
                    (const char *)sqlite3_column_text(stmt, 1), &t);
            stop = fn(key, t, &fp, ctx) != 0;
        }
        if (!stop && rc != SQLITE_DONE) {
            ret = cri_db_fail(st->db, err, "cannot read the fingerprints");
            goto done;
        }
        sqlite3_finalize(stmt);
        stmt = NULL;
    }
done:
    sqlite3_finalize(stmt);
    return ret;
}

cr_status cr_store_unfingerprinted(cr_store *st, int64_t **keys, size_t *n,
                                   cr_error *err)
{
    static const char *const sql[2] = {
        "SELECT a.rowid FROM article a WHERE a.published IS NOT NULL"
        " AND NOT EXISTS (SELECT 1 FROM fingerprint f"
        "                 WHERE f.article = a.rowid)"
        " ORDER BY a.published, a.id",
        "SELECT a.rowid FROM article a WHERE a.published IS NULL"
        " AND NOT EXISTS (SELECT 1 FROM fingerprint f"
        "                 WHERE f.article = a.rowid)"
        " ORDER BY a.rowid",
    };
    sqlite3_stmt *stmt = NULL;
    int64_t *v = NULL;
    size_t len = 0, cap = 0;
    cr_status ret = CR_OK;
    int i, rc;

    if (keys)
        *keys = NULL;
    if (n)
        *n = 0;
    if (!st || !keys || !n)
        return cri_fail(err, CR_EINVAL, 0,
                        "cr_store_unfingerprinted: NULL argument");
    for (i = 0; i < 2; i++) {
        if (sqlite3_prepare_v2(st->db, sql[i], -1, &stmt, NULL) != SQLITE_OK) {
            ret = cri_db_fail(st->db, err, "cannot read the store");
            goto done;
        }
        while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
            if (len == cap) {
                size_t nc = cap ? 2 * cap : 256;
                int64_t *nv = realloc(v, nc * sizeof *nv);
                if (!nv) {
                    ret = cri_fail(err, CR_ENOMEM, 0, "out of memory");
                    goto done;
                }
                v = nv;
                cap = nc;
            }
            v[len++] = (int64_t)sqlite3_column_int64(stmt, 0);
        }
        if (rc != SQLITE_DONE) {
            ret = cri_db_fail(st->db, err, "cannot read the store");
            goto done;
        }
        sqlite3_finalize(stmt);
        stmt = NULL;
    }
done:
    sqlite3_finalize(stmt);
    if (ret != CR_OK) {
        free(v);
        return ret;
    }
    *keys = v;
    *n = len;
    return CR_OK;
}

/* ---- groups of copies --------------------------------------------------- */

/* A duplicate link as read for grouping. */
typedef struct dup_link {
    int64_t article, of;   /* copy, original */
    int64_t root;          /* the group's article that copies nothing */
    double similarity;
    int exact;
} dup_link;

/* Index of the link of `article` in links[0..n) (sorted by article), or
 * -1 when it copies nothing. */
static ptrdiff_t find_link(const dup_link *links, size_t n, int64_t article)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (links[mid].article < article)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && links[lo].article == article ? (ptrdiff_t)lo : -1;
}

/* Set links[i].root for every link: follow `of` until an article without
 * a link. Each chain is walked once (roots found are reused); a cycle,
 * which crossread never writes, ends at the link that closes it. */
static void find_roots(dup_link *links, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++)
        links[i].root = -1;
    for (i = 0; i < n; i++) {
        ptrdiff_t j = (ptrdiff_t)i, k;
        int64_t root;
        size_t steps = 0;
        /* find the root */
        for (;;) {
            if (links[j].root >= 0) {
                root = links[j].root;
                break;
            }
            k = find_link(links, n, links[j].of);
            if (k < 0 || ++steps > n) {
                root = k < 0 ? links[j].of : links[j].article;
                break;
            }
            j = k;
        }
        /* compress the path walked */
        j = (ptrdiff_t)i;
        steps = 0;
        while (links[j].root < 0 && steps++ <= n) {
            links[j].root = root;
            k = find_link(links, n, links[j].of);
            if (k < 0)
                break;
            j = k;
        }
    }
}

static int link_by_root(const void *x, const void *y)
{
    const dup_link *a = x, *b = y;
    if (a->root != b->root)
        return a->root < b->root ? -1 : 1;
    return a->article < b->article ? -1 : a->article > b->article;
}

static int link_by_article(const void *x, const void *y)
{
    const dup_link *a = x, *b = y;
    return a->article < b->article ? -1 : a->article > b->article;
}

/* One group: where its links start in the root-sorted array, how many. */
typedef struct dup_group {
    size_t first, nlinks;
} dup_group;

static int group_order(const void *x, const void *y, const dup_link *links)
{
    const dup_group *a = x, *b = y;
    if (a->nlinks != b->nlinks)
        return a->nlinks > b->nlinks ? -1 : 1;
    return links[a->first].root < links[b->first].root ? -1 : 1;
}

/* qsort has no context argument: groups are sorted through this. */
typedef struct group_sort {
    dup_group g;
    const dup_link *links;
} group_sort;

static int group_sort_cmp(const void *x, const void *y)
{
    const group_sort *a = x, *b = y;
    return group_order(&a->g, &b->g, a->links);
}

/* Members in publication order (undated last), then key. */
static int member_order(const void *x, const void *y)
{
    const cr_dup_member *a = x, *b = y;
    int c;
    if (a->published && b->published) {
        c = strcmp(a->published, b->published);
        if (c)
            return c;
    } else if (a->published || b->published) {
        return a->published ? -1 : 1;
    }
    return a->key < b->key ? -1 : a->key > b->key;
}

/* Release the strings of members[0..n). */
static void free_members(cr_dup_member *m, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        free((char *)m[i].id);
        free((char *)m[i].source);
        free((char *)m[i].published);
        free((char *)m[i].title);
    }
}

/* A text column of stmt as a new string (NULL for SQL NULL); -1 on OOM. */
static int col_str(sqlite3_stmt *stmt, int i, const char **out)
{
    char *s = NULL;
    int rc = col_dup(stmt, i, &s, NULL);
    *out = s;
    return rc;
}

/* Read the members of one group (links[first..first+nlinks), all with the
 * same root) into m[0..nlinks] and call fn. */
static cr_status report_group(cr_store *st, sqlite3_stmt *meta,
                              const dup_link *links, size_t nlinks,
                              cr_dup_member *m, cr_store_group_fn fn,
                              void *ctx, int *stop, cr_error *err)
{
    size_t n = nlinks + 1, i, j, canon = 0;
    cr_status ret = CR_OK;

    memset(m, 0, n * sizeof *m);
    for (i = 0; i < n; i++) {
        int rc;
        m[i].key = i == 0 ? links[0].root : links[i - 1].article;
        m[i].copy_of = i == 0 ? -1 : links[i - 1].of;
        m[i].similarity = i == 0 ? 0.0 : links[i - 1].similarity;
        m[i].exact = i == 0 ? 0 : links[i - 1].exact;
        sqlite3_bind_int64(meta, 1, (sqlite3_int64)m[i].key);
        rc = sqlite3_step(meta);
        if (rc == SQLITE_ROW) {
            if (col_str(meta, 0, &m[i].id) || col_str(meta, 1, &m[i].source) ||
                col_str(meta, 2, &m[i].published) ||
                col_str(meta, 3, &m[i].title))
                ret = cri_fail(err, CR_ENOMEM, 0, "out of memory");
            m[i].bytes = (int64_t)sqlite3_column_int64(meta, 4);
        } else if (rc != SQLITE_DONE) {
            ret = cri_db_fail(st->db, err, "cannot read a group of copies");
        } /* else: a link to a missing article (foreign keys were off) */
        cri_reset_stmt(meta);
        if (ret != CR_OK)
            goto done;
    }
    /* Drop members whose article is gone. */
    for (i = j = 0; i < n; i++)
        if (m[i].id)
            m[j++] = m[i];
        else
            free_members(&m[i], 1);
    n = j;
    if (n < 2)
        goto done;
    qsort(m, n, sizeof *m, member_order);
    for (i = 0; i < n; i++) {
        if (m[i].copy_of >= 0)
            for (j = 0; j < n; j++)
                if (m[j].key == m[i].copy_of)
                    m[i].copy_of_id = m[j].id;
        if (m[i].bytes > m[canon].bytes)
            canon = i; /* members are in (published, key) order already */
    }
    *stop = fn(m, n, canon, ctx) != 0;
done:
    free_members(m, n);
    return ret;
}

cr_status cr_store_dup_groups(cr_store *st, size_t min_size,
                              cr_store_group_fn fn, void *ctx, cr_error *err)
{
    sqlite3_stmt *stmt = NULL, *meta = NULL;
    dup_link *links = NULL;
    group_sort *groups = NULL;
    cr_dup_member *members = NULL;
    size_t n = 0, cap = 0, ngroups = 0, i, biggest = 0;
    cr_status ret = CR_OK;
    int rc, stop = 0;

    if (!st || !fn)
        return cri_fail(err, CR_EINVAL, 0,
                        "cr_store_dup_groups: NULL argument");
    if (min_size < 2)
        min_size = 2;
    if (sqlite3_prepare_v2(st->db,
                           "SELECT article, of, similarity, exact"
                           " FROM duplicate ORDER BY article",
                           -1, &stmt, NULL) != SQLITE_OK) {
        ret = cri_db_fail(st->db, err, "cannot read the duplicate links");
        goto done;
    }
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (n == cap) {
            size_t nc = cap ? 2 * cap : 256;
            dup_link *nl = realloc(links, nc * sizeof *nl);
            if (!nl) {
                ret = cri_fail(err, CR_ENOMEM, 0, "out of memory");
                goto done;
            }
            links = nl;
            cap = nc;
        }
        links[n].article = (int64_t)sqlite3_column_int64(stmt, 0);
        links[n].of = (int64_t)sqlite3_column_int64(stmt, 1);
        links[n].similarity = sqlite3_column_double(stmt, 2);
        links[n].exact = sqlite3_column_int(stmt, 3) != 0;
        n++;
    }
    if (rc != SQLITE_DONE) {
        ret = cri_db_fail(st->db, err, "cannot read the duplicate links");
        goto done;
    }
    sqlite3_finalize(stmt);
    stmt = NULL;
    if (n == 0)
        goto done;

    qsort(links, n, sizeof *links, link_by_article);
    find_roots(links, n);
    qsort(links, n, sizeof *links, link_by_root);
    groups = malloc(n * sizeof *groups);
    if (!groups) {
        ret = cri_fail(err, CR_ENOMEM, 0, "out of memory");
        goto done;
    }
    for (i = 0; i < n;) {
        size_t j = i + 1;
        while (j < n && links[j].root == links[i].root)
            j++;
        if (j - i + 1 >= min_size) {
            groups[ngroups].g.first = i;
            groups[ngroups].g.nlinks = j - i;
            groups[ngroups].links = links;
            if (j - i > biggest)
                biggest = j - i;
            ngroups++;
        }
        i = j;
    }
    qsort(groups, ngroups, sizeof *groups, group_sort_cmp);
    members = malloc((biggest + 1) * sizeof *members);
    if (ngroups && !members) {
        ret = cri_fail(err, CR_ENOMEM, 0, "out of memory");
        goto done;
    }
    if (sqlite3_prepare_v2(st->db,
                           "SELECT id, source, published, title,"
                           " length(CAST(text AS BLOB))"
                           " FROM article WHERE rowid = ?1",
                           -1, &meta, NULL) != SQLITE_OK) {
        ret = cri_db_fail(st->db, err, "cannot read a group of copies");
        goto done;
    }
    for (i = 0; i < ngroups && !stop && ret == CR_OK; i++)
        ret = report_group(st, meta, links + groups[i].g.first,
                           groups[i].g.nlinks, members, fn, ctx, &stop, err);
done:
    sqlite3_finalize(stmt);
    sqlite3_finalize(meta);
    free(links);
    free(groups);
    free(members);
    return ret;
}
