/*
 * extract.c — extraction results in the store (schema version 4): each
 * article's quotes, dates and quantities, entities with their mentions and
 * cited sources, in the tables schema.h describes.
 *
 * cr_store_add_extraction writes in the batch transaction of cr_store_add
 * (cri_begin_batch); once cr_store_check_extraction has been called the
 * commit that ends a batch waits for the extraction of its last article
 * (cri_derived_done), so an article never reaches the file without it in
 * a run that extracts. Rows are keyed by (article, idx), idx being the
 * position in the array written, so the links between rows survive the
 * round trip unchanged.
 */
#include "store/store_int.h"
#include "util/util.h"

#include <stdlib.h>
#include <string.h>

/* The cached write statements (st->extract_stmt), prepared on first use. */
enum {
    X_TEXTLEN,      /* bytes of article ?1's text (row: it exists) */
    X_DEL_QUOTE,    /* the article's earlier rows, table by table */
    X_DEL_EXPR,
    X_DEL_ENTITY,
    X_DEL_MENTION,
    X_DEL_CITE,
    X_QUOTE,        /* one row each */
    X_EXPR,
    X_ENTITY,
    X_MENTION,
    X_CITE,
    X_DONE,         /* the article's extraction is stored */
    X_COUNT_
};

_Static_assert(X_COUNT_ <= CRI_EXTRACT_STMTS, "room for the statements");

static const char *const stmt_sql[X_COUNT_] = {
    [X_TEXTLEN] = "SELECT length(CAST(text AS BLOB)) FROM article"
                  " WHERE rowid = ?1",
    [X_DEL_QUOTE] = "DELETE FROM quote WHERE article = ?1",
    [X_DEL_EXPR] = "DELETE FROM expr WHERE article = ?1",
    [X_DEL_ENTITY] = "DELETE FROM entity WHERE article = ?1",
    [X_DEL_MENTION] = "DELETE FROM entity_mention WHERE article = ?1",
    [X_DEL_CITE] = "DELETE FROM cite WHERE article = ?1",
    [X_QUOTE] = "INSERT INTO quote (article, idx, start_byte, end_byte, kind,"
                " cont, speaker, speaker_start, speaker_end, cue_start,"
                " cue_end, confidence)"
                " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    [X_EXPR] = "INSERT INTO expr (article, idx, start_byte, end_byte, type,"
               " how, value, number, number_hi, unit, confidence)"
               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [X_ENTITY] = "INSERT INTO entity (article, idx, name, key, country, role,"
                 " type, class, mentions, confidence)"
                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    [X_MENTION] = "INSERT INTO entity_mention (article, idx, start_byte,"
                  " end_byte, entity, how, confidence)"
                  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    [X_CITE] = "INSERT INTO cite (article, idx, start_byte, end_byte, name,"
               " kind, cue_start, cue_end, cited_by, entity, confidence)"
               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
    [X_DONE] = "INSERT OR REPLACE INTO extracted (article) VALUES (?1)",
};

static sqlite3_stmt *stmt(cr_store *st, int which, cr_error *err)
{
    if (!st->extract_stmt[which] &&
        sqlite3_prepare_v3(st->db, stmt_sql[which], -1,
                           SQLITE_PREPARE_PERSISTENT,
                           &st->extract_stmt[which], NULL) != SQLITE_OK) {
        cri_db_fail(st->db, err, "cannot prepare a statement");
        return NULL;
    }
    return st->extract_stmt[which];
}

static void bind_str(sqlite3_stmt *s, int i, const char *v)
{
    if (v && *v)
        sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(s, i);
}

/* A span bound as two columns, or two NULLs when it is empty. */
static void bind_span(sqlite3_stmt *s, int i, cr_span sp)
{
    if (sp.end > sp.start) {
        sqlite3_bind_int64(s, i, sp.start);
        sqlite3_bind_int64(s, i + 1, sp.end);
    } else {
        sqlite3_bind_null(s, i);
        sqlite3_bind_null(s, i + 1);
    }
}

/* An index into an array, or NULL for a negative one. */
static void bind_link(sqlite3_stmt *s, int i, int64_t v)
{
    if (v >= 0)
        sqlite3_bind_int64(s, i, v);
    else
        sqlite3_bind_null(s, i);
}

/* Step a write of the batch and reset the statement. */
static cr_status step_write(cr_store *st, sqlite3_stmt *s, cr_error *err)
{
    int rc = sqlite3_step(s);
    cri_reset_stmt(s);
    if (rc != SQLITE_DONE)
        return cri_batch_fail(st, err, "cannot store an extraction");
    return CR_OK;
}

cr_status cr_store_check_extraction(cr_store *st, cr_error *err)
{
    if (!st)
        return cri_fail(err, CR_EINVAL, 0,
                        "cr_store_check_extraction: NULL store");
    st->extract_checked = 1;
    return CR_OK;
}

static int span_ok(uint32_t start, uint32_t end, int64_t len)
{
    return start <= end && (int64_t)end <= len;
}

/* Every span inside the text, every link inside its array. */
static int extraction_ok(const cr_extraction *x, int64_t len)
{
    size_t i;
    const cr_entity_set *es = &x->entities;
    for (i = 0; i < x->n_quotes; i++) {
        const cr_quote *q = &x->quotes[i];
        if (!span_ok(q->start, q->end, len) ||
            !span_ok(q->speaker.start, q->speaker.end, len) ||
            !span_ok(q->cue.start, q->cue.end, len) ||
            q->cont >= (int64_t)x->n_quotes || q->kind < CR_QUOTE_STATEMENT ||
            q->kind > CR_QUOTE_INDIRECT)
            return 0;
    }
    for (i = 0; i < x->n_exprs; i++)
        if (!span_ok(x->exprs[i].start, x->exprs[i].end, len) ||
            x->exprs[i].type < CR_EXPR_DATE ||
            x->exprs[i].type > CR_EXPR_QUANTITY ||
            x->exprs[i].how < CR_EXPR_GIVEN ||
            x->exprs[i].how > CR_EXPR_UNRESOLVED ||
            !memchr(x->exprs[i].value, 0, sizeof x->exprs[i].value) ||
            !memchr(x->exprs[i].unit, 0, sizeof x->exprs[i].unit))
            return 0;
    for (i = 0; i < es->n_entities; i++)
        if (!es->entities[i].name || !es->entities[i].key)
            return 0;
    for (i = 0; i < es->n_mentions; i++)
        if (!span_ok(es->mentions[i].start, es->mentions[i].end, len) ||
            es->mentions[i].entity >= es->n_entities)
            return 0;
    for (i = 0; i < x->n_cites; i++) {
        const cr_cite *c = &x->cites[i];
        if (!span_ok(c->start, c->end, len) ||
            !span_ok(c->cue.start, c->cue.end, len) || !c->name ||
            c->cited_by >= (int64_t)x->n_cites ||
            c->entity >= (int64_t)es->n_entities)
            return 0;
    }
    return 1;
}

/* The rows of one extraction; the statements were prepared. */
static cr_status write_rows(cr_store *st, int64_t key, const cr_extraction *x,
                            cr_error *err)
{
    sqlite3_stmt *s;
    cr_status ret = CR_OK;
    size_t i;
    const cr_entity_set *es = &x->entities;

    s = st->extract_stmt[X_QUOTE];
    for (i = 0; ret == CR_OK && i < x->n_quotes; i++) {
        const cr_quote *q = &x->quotes[i];
        cr_span sp = q->speaker;
        sqlite3_bind_int64(s, 1, key);
        sqlite3_bind_int64(s, 2, (int64_t)i);
        sqlite3_bind_int64(s, 3, q->start);
        sqlite3_bind_int64(s, 4, q->end);
        sqlite3_bind_int(s, 5, q->kind);
        bind_link(s, 6, q->cont);
        bind_str(s, 7, q->name);
        if (!q->has_speaker)
            sp.start = sp.end = 0;
        bind_span(s, 8, sp);
        bind_span(s, 10, q->cue);
        sqlite3_bind_double(s, 12, q->confidence);
        ret = step_write(st, s, err);
    }
    s = st->extract_stmt[X_EXPR];
    for (i = 0; ret == CR_OK && i < x->n_exprs; i++) {
        const cr_expr *e = &x->exprs[i];
        sqlite3_bind_int64(s, 1, key);
        sqlite3_bind_int64(s, 2, (int64_t)i);
        sqlite3_bind_int64(s, 3, e->start);
        sqlite3_bind_int64(s, 4, e->end);
        sqlite3_bind_int(s, 5, e->type);
        sqlite3_bind_int(s, 6, e->how);
        bind_str(s, 7, e->value);
        sqlite3_bind_double(s, 8, e->number);
        sqlite3_bind_double(s, 9, e->number_hi);
        bind_str(s, 10, e->unit);
        sqlite3_bind_double(s, 11, e->confidence);
        ret = step_write(st, s, err);
    }
    s = st->extract_stmt[X_ENTITY];
    for (i = 0; ret == CR_OK && i < es->n_entities; i++) {
        const cr_entity *e = &es->entities[i];
        sqlite3_bind_int64(s, 1, key);
        sqlite3_bind_int64(s, 2, (int64_t)i);
        sqlite3_bind_text(s, 3, e->name, -1, SQLITE_STATIC);
        sqlite3_bind_text(s, 4, e->key, -1, SQLITE_STATIC);
        bind_str(s, 5, e->country);
        bind_str(s, 6, e->role);
        sqlite3_bind_int(s, 7, e->type);
        sqlite3_bind_int(s, 8, e->cls);
        sqlite3_bind_int64(s, 9, e->mentions);
        sqlite3_bind_double(s, 10, e->confidence);
        ret = step_write(st, s, err);
    }
    s = st->extract_stmt[X_MENTION];
    for (i = 0; ret == CR_OK && i < es->n_mentions; i++) {
        const cr_mention *m = &es->mentions[i];
        sqlite3_bind_int64(s, 1, key);
        sqlite3_bind_int64(s, 2, (int64_t)i);
        sqlite3_bind_int64(s, 3, m->start);
        sqlite3_bind_int64(s, 4, m->end);
        sqlite3_bind_int64(s, 5, m->entity);
        sqlite3_bind_int(s, 6, m->how);
        sqlite3_bind_double(s, 7, m->confidence);
        ret = step_write(st, s, err);
    }
    s = st->extract_stmt[X_CITE];
    for (i = 0; ret == CR_OK && i < x->n_cites; i++) {
        const cr_cite *c = &x->cites[i];
        sqlite3_bind_int64(s, 1, key);
        sqlite3_bind_int64(s, 2, (int64_t)i);
        sqlite3_bind_int64(s, 3, c->start);
        sqlite3_bind_int64(s, 4, c->end);
        sqlite3_bind_text(s, 5, c->name, -1, SQLITE_STATIC);
        sqlite3_bind_int(s, 6, c->kind);
        bind_span(s, 7, c->cue);
        bind_link(s, 9, c->cited_by);
        bind_link(s, 10, c->entity);
        sqlite3_bind_double(s, 11, c->confidence);
        ret = step_write(st, s, err);
    }
    if (ret == CR_OK) {
        s = st->extract_stmt[X_DONE];
        sqlite3_bind_int64(s, 1, key);
        ret = step_write(st, s, err);
    }
    return ret;
}

cr_status cr_store_add_extraction(cr_store *st, int64_t key,
                                  const cr_extraction *x, cr_error *err)
{
    sqlite3_stmt *s;
    cr_status ret;
    int64_t len;
    int k, rc;

    if (!st || !x)
        return cri_fail(err, CR_EINVAL, 0,
                        "cr_store_add_extraction: NULL argument");
    if (!st->extract_checked)
        return cri_fail(err, CR_EINVAL, 0,
                        "cr_store_add_extraction: extraction was not checked "
                        "(cr_store_check_extraction)");
    if ((ret = cri_begin_batch(st, err)) != CR_OK)
        return ret;
    for (k = 0; k < X_COUNT_; k++)
        if (!stmt(st, k, err))
            return CR_ESTORE;
    s = st->extract_stmt[X_TEXTLEN];
    sqlite3_bind_int64(s, 1, key);
    rc = sqlite3_step(s);
    len = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : -1;
    cri_reset_stmt(s);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return cri_batch_fail(st, err, "cannot read the article");
    if (rc == SQLITE_DONE)
        return cri_fail(err, CR_ENOTFOUND, 0,
                        "cr_store_add_extraction: no article with key %lld",
                        (long long)key);
    if (!extraction_ok(x, len))
        return cri_fail(err, CR_EINVAL, 0,
                        "cr_store_add_extraction: a span outside the text or "
                        "a link outside its array");
    for (k = X_DEL_QUOTE; k <= X_DEL_CITE; k++) {
        sqlite3_bind_int64(st->extract_stmt[k], 1, key);
        if ((ret = step_write(st, st->extract_stmt[k], err)) != CR_OK)
            return ret;
    }
    if ((ret = write_rows(st, key, x, err)) != CR_OK)
        return ret;
    return cri_derived_done(st, CRI_DUE_EXTRACT, ++st->pending_extract, err);
}

/* ------------------------------------------------------------------------ */
/* Reading                                                                  */
/* ------------------------------------------------------------------------ */

/* Column i as a new string; NULL for NULL (and *oom set when a copy of a
 * non-NULL value fails). */
static char *col_str(sqlite3_stmt *s, int i, int *oom)
{
    const unsigned char *v = sqlite3_column_text(s, i);
    char *r;
    if (!v)
        return NULL;
    r = cri_strndup((const char *)v, (size_t)sqlite3_column_bytes(s, i));
    if (!r)
        *oom = 1;
    return r;
}

/* Columns i, i+1 as a span (0,0 for NULL). */
static cr_span col_span(sqlite3_stmt *s, int i)
{
    cr_span sp = {0, 0};
    if (sqlite3_column_type(s, i) != SQLITE_NULL) {
        sp.start = (uint32_t)sqlite3_column_int64(s, i);
        sp.end = (uint32_t)sqlite3_column_int64(s, i + 1);
    }
    return sp;
}

static int32_t col_link(sqlite3_stmt *s, int i)
{
    return sqlite3_column_type(s, i) == SQLITE_NULL
               ? -1
               : (int32_t)sqlite3_column_int64(s, i);
}

/* One table's rows of the article, in idx order, into a grown array of
 * `size`-byte elements; fill(row, stmt) reads one. */
typedef int (*row_fn)(void *row, sqlite3_stmt *s);

static cr_status read_rows(cr_store *st, int64_t key, const char *sql,
                           void **arr, size_t *n, size_t size, row_fn fill,
                           cr_error *err)
{
    sqlite3_stmt *s = NULL;
    size_t cap = 0;
    cr_status ret = CR_OK;
    int rc;
    if (sqlite3_prepare_v2(st->db, sql, -1, &s, NULL) != SQLITE_OK)
        return cri_db_fail(st->db, err, "cannot read an extraction");
    sqlite3_bind_int64(s, 1, key);
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (cri_grow(arr, &cap, *n + 1, size) != 0) {
            ret = cri_fail(err, CR_ENOMEM, 0, "out of memory");
            goto done;
        }
        memset((char *)*arr + *n * size, 0, size);
        (*n)++; /* counted first, so a failed row is still released */
        if (fill((char *)*arr + (*n - 1) * size, s) != 0) {
            ret = cri_fail(err, CR_ENOMEM, 0, "out of memory");
            goto done;
        }
    }
    if (rc != SQLITE_DONE)
        ret = cri_db_fail(st->db, err, "cannot read an extraction");
done:
    sqlite3_finalize(s);
    return ret;
}

static int fill_quote(void *row, sqlite3_stmt *s)
{
    cr_quote *q = row;
    int oom = 0;
    q->start = (uint32_t)sqlite3_column_int64(s, 0);
    q->end = (uint32_t)sqlite3_column_int64(s, 1);
    q->kind = (uint8_t)sqlite3_column_int(s, 2);
    q->cont = col_link(s, 3);
    q->name = col_str(s, 4, &oom);
    q->speaker = col_span(s, 5);
    q->has_speaker = sqlite3_column_type(s, 5) != SQLITE_NULL;
    q->cue = col_span(s, 7);
    q->confidence = sqlite3_column_double(s, 9);
    return oom;
}

/* Column i into a fixed buffer (NULL: empty). */
static void col_buf(sqlite3_stmt *s, int i, char *buf, size_t cap)
{
    const unsigned char *v = sqlite3_column_text(s, i);
    size_t l = v ? (size_t)sqlite3_column_bytes(s, i) : 0;
    if (l >= cap)
        l = cap - 1;
    if (l)
        memcpy(buf, v, l);
    buf[l] = '\0';
}

static int fill_expr(void *row, sqlite3_stmt *s)
{
    cr_expr *e = row;
    e->start = (uint32_t)sqlite3_column_int64(s, 0);
    e->end = (uint32_t)sqlite3_column_int64(s, 1);
    e->type = (uint8_t)sqlite3_column_int(s, 2);
    e->how = (uint8_t)sqlite3_column_int(s, 3);
    col_buf(s, 4, e->value, sizeof e->value);
    e->number = sqlite3_column_double(s, 5);
    e->number_hi = sqlite3_column_double(s, 6);
    col_buf(s, 7, e->unit, sizeof e->unit);
    e->confidence = sqlite3_column_double(s, 8);
    return 0;
}

static int fill_entity(void *row, sqlite3_stmt *s)
{
    cr_entity *e = row;
    int oom = 0;
    e->name = col_str(s, 0, &oom);
    e->key = col_str(s, 1, &oom);
    e->country = col_str(s, 2, &oom);
    e->role = col_str(s, 3, &oom);
    e->type = (uint8_t)sqlite3_column_int(s, 4);
    e->cls = (uint8_t)sqlite3_column_int(s, 5);
    e->mentions = (uint32_t)sqlite3_column_int64(s, 6);
    e->articles = 1;
    e->confidence = sqlite3_column_double(s, 7);
    return oom;
}

static int fill_mention(void *row, sqlite3_stmt *s)
{
    cr_mention *m = row;
    m->start = (uint32_t)sqlite3_column_int64(s, 0);
    m->end = (uint32_t)sqlite3_column_int64(s, 1);
    m->entity = (uint32_t)sqlite3_column_int64(s, 2);
    m->how = (uint8_t)sqlite3_column_int(s, 3);
    m->confidence = sqlite3_column_double(s, 4);
    return 0;
}

static int fill_cite(void *row, sqlite3_stmt *s)
{
    cr_cite *c = row;
    int oom = 0;
    c->start = (uint32_t)sqlite3_column_int64(s, 0);
    c->end = (uint32_t)sqlite3_column_int64(s, 1);
    c->name = col_str(s, 2, &oom);
    c->kind = (uint8_t)sqlite3_column_int(s, 3);
    c->cue = col_span(s, 4);
    c->cited_by = col_link(s, 6);
    c->entity = col_link(s, 7);
    c->confidence = sqlite3_column_double(s, 8);
    return oom || !c->name;
}

cr_status cr_store_get_extraction(cr_store *st, int64_t key,
                                  cr_extraction *out, cr_error *err)
{
    sqlite3_stmt *s = NULL;
    cr_status ret;
    int rc;

    if (out)
        memset(out, 0, sizeof *out);
    if (!st || !out)
        return cri_fail(err, CR_EINVAL, 0,
                        "cr_store_get_extraction: NULL argument");
    if (sqlite3_prepare_v2(st->db,
                           "SELECT 1 FROM extracted WHERE article = ?1", -1,
                           &s, NULL) != SQLITE_OK)
        return cri_db_fail(st->db, err, "cannot read an extraction");
    sqlite3_bind_int64(s, 1, key);
    rc = sqlite3_step(s);
    sqlite3_finalize(s);
    if (rc == SQLITE_DONE)
        return cri_fail(err, CR_ENOTFOUND, 0,
                        "no extraction stored for key %lld", (long long)key);
    if (rc != SQLITE_ROW)
        return cri_db_fail(st->db, err, "cannot read an extraction");
    ret = read_rows(st, key,
                    "SELECT start_byte, end_byte, kind, cont, speaker,"
                    " speaker_start, speaker_end, cue_start, cue_end,"
                    " confidence FROM quote WHERE article = ?1 ORDER BY idx",
                    (void **)&out->quotes, &out->n_quotes, sizeof *out->quotes,
                    fill_quote, err);
    if (ret == CR_OK)
        ret = read_rows(st, key,
                        "SELECT start_byte, end_byte, type, how, value, number,"
                        " number_hi, unit, confidence FROM expr"
                        " WHERE article = ?1 ORDER BY idx",
                        (void **)&out->exprs, &out->n_exprs, sizeof *out->exprs,
                        fill_expr, err);
    if (ret == CR_OK)
        ret = read_rows(st, key,
                        "SELECT name, key, country, role, type, class, mentions,"
                        " confidence FROM entity WHERE article = ?1"
                        " ORDER BY idx",
                        (void **)&out->entities.entities,
                        &out->entities.n_entities,
                        sizeof *out->entities.entities, fill_entity, err);
    if (ret == CR_OK)
        ret = read_rows(st, key,
                        "SELECT start_byte, end_byte, entity, how, confidence"
                        " FROM entity_mention WHERE article = ?1 ORDER BY idx",
                        (void **)&out->entities.mentions,
                        &out->entities.n_mentions,
                        sizeof *out->entities.mentions, fill_mention, err);
    if (ret == CR_OK)
        ret = read_rows(st, key,
                        "SELECT start_byte, end_byte, name, kind, cue_start,"
                        " cue_end, cited_by, entity, confidence FROM cite"
                        " WHERE article = ?1 ORDER BY idx",
                        (void **)&out->cites, &out->n_cites,
                        sizeof *out->cites, fill_cite, err);
    if (ret != CR_OK)
        cr_extraction_clear(out);
    return ret;
}

void cr_extraction_clear(cr_extraction *x)
{
    if (!x)
        return;
    cr_quotes_free(x->quotes, x->n_quotes);
    cr_exprs_free(x->exprs);
    cr_entity_set_clear(&x->entities);
    cr_cites_free(x->cites, x->n_cites);
    memset(x, 0, sizeof *x);
}

cr_status cr_store_unextracted(cr_store *st, int64_t **keys, size_t *n,
                               cr_error *err)
{
    sqlite3_stmt *s = NULL;
    size_t cap = 0;
    cr_status ret = CR_OK;
    int rc;

    if (keys)
        *keys = NULL;
    if (n)
        *n = 0;
    if (!st || !keys || !n)
        return cri_fail(err, CR_EINVAL, 0,
                        "cr_store_unextracted: NULL argument");
    cri_sync_tx(st);
    if (sqlite3_prepare_v2(st->db,
                           "SELECT a.rowid FROM article a WHERE NOT EXISTS"
                           " (SELECT 1 FROM extracted x WHERE x.article ="
                           " a.rowid) ORDER BY a.rowid",
                           -1, &s, NULL) != SQLITE_OK)
        return cri_db_fail(st->db, err, "cannot read the store");
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
        if (cri_grow((void **)keys, &cap, *n + 1, sizeof **keys) != 0) {
            ret = cri_fail(err, CR_ENOMEM, 0, "out of memory");
            break;
        }
        (*keys)[(*n)++] = (int64_t)sqlite3_column_int64(s, 0);
    }
    if (ret == CR_OK && rc != SQLITE_DONE)
        ret = cri_db_fail(st->db, err, "cannot read the store");
    sqlite3_finalize(s);
    if (ret != CR_OK) {
        free(*keys);
        *keys = NULL;
        *n = 0;
    }
    return ret;
}
