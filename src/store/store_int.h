/*
 * store_int.h — what the files of src/store/ share: the cr_store handle and
 * the small SQLite helpers. Private to src/store/. store.c owns opening,
 * migrations, the batch transaction and articles; other files of this folder
 * add tables of their own (a migration step in schema.h) and write inside
 * the same batch transaction (cri_begin_batch), so one commit covers an
 * article and everything derived from it.
 */
#ifndef CR_STORE_INT_H
#define CR_STORE_INT_H

#include "crossread.h"

#include <sqlite3.h>

#define CRI_STORY_STMTS 8
#define CRI_EXTRACT_STMTS 12

struct cr_store {
    sqlite3 *db;
    int version;             /* schema version, CR_SCHEMA_VERSION once open */
    unsigned batch;          /* cr_store_add calls per transaction, >= 1 */
    unsigned pending;        /* calls since the open transaction began */
    size_t pending_bytes;    /* text bytes stored since then */
    int in_tx;               /* 1 while a batch transaction is open */
    int commit_due;          /* the batch is full; commit once its last
                                article has what `due` names */
    unsigned due;            /* CRI_DUE_* bits still awaited */
    unsigned pending_fp;     /* fingerprints since the transaction began */
    unsigned pending_story;  /* story memberships since then */
    unsigned pending_extract;/* extractions stored since then */
    int fp_checked;          /* cr_store_check_fingerprints succeeded */
    int stories_checked;     /* cr_store_check_stories succeeded */
    int extract_checked;     /* cr_store_check_extraction succeeded */
    int64_t next_seq;        /* story_member.seq of the next clustered
                                article (stories.c) */
    int64_t last_key;        /* rowid of the last article stored, or -1 */
    sqlite3_stmt *find_id;   /* 1 if ?1 is a stored id */
    sqlite3_stmt *find_hash; /* the id stored with content_hash ?1 */
    sqlite3_stmt *insert;    /* one article row */
    sqlite3_stmt *get;       /* the columns of one article, text last */
    sqlite3_stmt *count;     /* count(*) */
    sqlite3_stmt *get_key;   /* as get, by rowid */
    sqlite3_stmt *insert_fp; /* one fingerprint row */
    sqlite3_stmt *insert_dup;/* one duplicate link */
    sqlite3_stmt *story_stmt[CRI_STORY_STMTS]; /* stories.c's statements,
                                prepared on first use; finalized at close */
    sqlite3_stmt *extract_stmt[CRI_EXTRACT_STMTS]; /* extract.c's, likewise */
};

/* Fill err with `what` and SQLite's latest message on db; CR_ESTORE. */
cr_status cri_db_fail(sqlite3 *db, cr_error *err, const char *what);
/* Run SQL that returns no rows we need. SQLite result code. */
int cri_exec_sql(sqlite3 *db, const char *sql);
/* First column of the first row of sql as an integer (0 without a row). */
int cri_query_int(sqlite3 *db, const char *sql, sqlite3_int64 *out);
/* Roll back the open transaction of db, if any (error paths only). */
void cri_rollback(sqlite3 *db);
/* Reset a cached statement and drop its bindings. */
void cri_reset_stmt(sqlite3_stmt *stmt);

/* The batch transaction (see store.c): open it unless open; note that SQLite
 * ended it on its own; forget it; report a failed statement of the batch. */
cr_status cri_begin_batch(cr_store *st, cr_error *err);
void cri_sync_tx(cr_store *st);
void cri_end_batch(cr_store *st);
cr_status cri_batch_fail(cr_store *st, cr_error *err, const char *what);

/* What the commit that ends a batch waits for, beside the article that
 * filled it: its fingerprint (once cr_store_check_fingerprints succeeded)
 * its story (once cr_store_check_stories did) and its extraction (once
 * cr_store_check_extraction did). A writer of one of them
 * calls cri_derived_done: it commits when the batch is due and nothing
 * else is awaited, else when `pending` (its own writes since the
 * transaction began) reached the batch size. */
#define CRI_DUE_FP 1u
#define CRI_DUE_STORY 2u
#define CRI_DUE_EXTRACT 4u
cr_status cri_derived_done(cr_store *st, unsigned what, unsigned pending,
                           cr_error *err);

#endif
