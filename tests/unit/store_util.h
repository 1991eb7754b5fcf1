/*
 * store_util.h — what the store's unit tests share (test_store.c,
 * test_store_stories.c): a temporary directory per test group, plain
 * SQLite connections to look at what reached the file, and small builders
 * of stores and articles. Included by one test file per binary.
 */
#ifndef CR_TEST_STORE_UTIL_H
#define CR_TEST_STORE_UTIL_H

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
#include <unistd.h>

#include "crossread.h"

static char tmpdir[] = "/tmp/crossread-store-XXXXXX";

/* path <- tmpdir/name */
static inline void path_for(char *path, size_t cap, const char *name)
{
    int n = snprintf(path, cap, "%s/%s", tmpdir, name);
    assert_true(n > 0 && (size_t)n < cap);
}

/* Remove a store and its WAL companions. */
static inline void remove_store(const char *path)
{
    char p[512];
    unlink(path);
    snprintf(p, sizeof p, "%s-wal", path);
    unlink(p);
    snprintf(p, sizeof p, "%s-shm", path);
    unlink(p);
}

static inline int group_setup(void **state)
{
    return mkdtemp(tmpdir) ? 0 : -1;
}

/* Remove whatever a failed test left behind, then the directory. */
static inline int group_teardown(void **state)
{
    char p[512];
    struct dirent *e;
    DIR *d = opendir(tmpdir);
    if (d) {
        for (;;) {
            e = readdir(d);
            if (!e)
                break;
            if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
                continue;
            snprintf(p, sizeof p, "%s/%s", tmpdir, e->d_name);
            unlink(p);
        }
        closedir(d);
    }
    return rmdir(tmpdir);
}

/* A plain SQLite connection to path, outside the store. */
static inline sqlite3 *raw_open(const char *path)
{
    sqlite3 *db = NULL;
    assert_int_equal(sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE |
                                                    SQLITE_OPEN_CREATE,
                                     NULL),
                     SQLITE_OK);
    sqlite3_busy_timeout(db, 2000);
    return db;
}

static inline void raw_exec(const char *path, const char *sql)
{
    sqlite3 *db = raw_open(path);
    assert_int_equal(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

/* The first column of the first row of sql, as an integer. */
static inline long long raw_int(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *stmt = NULL;
    long long v;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    v = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    return v;
}

/* The first column of the first row of sql, as text, into out[cap]. */
static inline void raw_text(sqlite3 *db, const char *sql, char *out,
                            size_t cap)
{
    sqlite3_stmt *stmt = NULL;
    const unsigned char *s;
    assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(stmt), SQLITE_ROW);
    s = sqlite3_column_text(stmt, 0);
    snprintf(out, cap, "%s", s ? (const char *)s : "(null)");
    sqlite3_finalize(stmt);
}

static inline long long raw_count(const char *path)
{
    sqlite3 *db = raw_open(path);
    long long n = raw_int(db, "SELECT count(*) FROM article");
    sqlite3_close(db);
    return n;
}

static inline cr_store *open_ok(const char *path)
{
    cr_store *st = NULL;
    cr_error err = {0, ""};
    cr_status rc = cr_store_open(path, &st, &err);
    if (rc != CR_OK)
        fail_msg("cr_store_open: %s: %s", cr_strerror(rc), err.msg);
    assert_non_null(st);
    return st;
}

/* An article on the stack; strings borrowed (the store only reads them). */
static inline cr_article art(const char *id, const char *source,
                      const char *published, const char *text)
{
    cr_article a;
    memset(&a, 0, sizeof a);
    a.id = (char *)id;
    a.source = (char *)source;
    a.published = (char *)published;
    a.published_how = published ? CR_DATE_GIVEN : CR_DATE_NONE;
    a.text = (char *)text;
    a.text_len = strlen(text);
    return a;
}

static inline cr_add_result add_ok(cr_store *st, const cr_article *a)
{
    cr_add_result r = 0;
    cr_error err = {0, ""};
    cr_status rc = cr_store_add(st, a, NULL, &r, NULL, 0, &err);
    if (rc != CR_OK)
        fail_msg("cr_store_add(%s): %s: %s", a->id, cr_strerror(rc),
                 err.msg);
    return r;
}

/* Open path expecting CR_ESTORE with a message containing `want`. */
static inline void open_fails(const char *path, const char *want)
{
    cr_store *st = (cr_store *)&st;   /* must be reset to NULL */
    cr_error err = {0, ""};
    assert_int_equal(cr_store_open(path, &st, &err), CR_ESTORE);
    assert_null(st);
    if (!strstr(err.msg, want))
        fail_msg("message \"%s\" lacks \"%s\"", err.msg, want);
}

#endif /* CR_TEST_STORE_UTIL_H */
