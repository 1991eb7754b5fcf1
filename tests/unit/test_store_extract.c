/*
 * test_store_extract.c — extraction results in the store (schema version
 * 4, src/store/extract.c): a round trip of every field and link, an
 * extraction replaced, the batch commit that waits for it, refused input
 * (no check, unknown key, spans and links out of range), articles without
 * one, and a version 3 store migrated.
 */
#include "store_util.h"

#include "seed.h"

static cr_store *extract_store(const char *name, char *path, size_t cap)
{
    cr_store *st;
    path_for(path, cap, name);
    remove_store(path);
    st = open_ok(path);
    assert_int_equal(cr_store_check_extraction(st, NULL), CR_OK);
    return st;
}

static int64_t add_key(cr_store *st, const cr_article *a)
{
    assert_int_equal(add_ok(st, a), CR_ADD_NEW);
    return cr_store_last_key(st);
}

/* The extraction of a seed, with a cite written by hand (two, the second
 * relayed by the first and naming entity 0). */
static void seed_extraction(const cr_article *a, cr_extraction *x,
                            cr_cite cites[2])
{
    memset(x, 0, sizeof *x);
    assert_int_equal(cr_extract_quotes(a->text, a->text_len, NULL, NULL,
                                       &x->quotes, &x->n_quotes), CR_OK);
    assert_int_equal(cr_extract_exprs(a->text, a->text_len, NULL,
                                      a->published, NULL, &x->exprs,
                                      &x->n_exprs), CR_OK);
    assert_int_equal(cr_extract_entities(a->text, a->text_len, NULL, NULL,
                                         &x->entities), CR_OK);
    assert_true(x->n_quotes > 4 && x->n_exprs > 2 &&
                x->entities.n_entities > 4 && x->entities.n_mentions > 4);
    memset(cites, 0, 2 * sizeof *cites);
    cites[0].start = 0;
    cites[0].end = 5;
    cites[0].name = (char *)"TASS";
    cites[0].kind = CR_CITE_AGENCY;
    cites[0].cue.start = 6;
    cites[0].cue.end = 10;
    cites[0].cited_by = -1;
    cites[0].entity = -1;
    cites[0].confidence = 0.9;
    cites[1] = cites[0];
    cites[1].name = (char *)"Dmitry Peskov";
    cites[1].kind = CR_CITE_OFFICIAL;
    cites[1].cue.start = cites[1].cue.end = 0;
    cites[1].cited_by = 0;
    cites[1].entity = 0;
}

static void same_extraction(const cr_extraction *a, const cr_extraction *b)
{
    size_t i;
    assert_int_equal(a->n_quotes, b->n_quotes);
    for (i = 0; i < a->n_quotes; i++) {
        const cr_quote *p = &a->quotes[i], *q = &b->quotes[i];
        assert_int_equal(p->start, q->start);
        assert_int_equal(p->end, q->end);
        assert_int_equal(p->kind, q->kind);
        assert_int_equal(p->cont, q->cont);
        assert_int_equal(p->has_speaker, q->has_speaker);
        if (p->has_speaker) {
            assert_int_equal(p->speaker.start, q->speaker.start);
            assert_int_equal(p->speaker.end, q->speaker.end);
        }
        assert_true((p->name == NULL) == (q->name == NULL));
        if (p->name)
            assert_string_equal(p->name, q->name);
        assert_int_equal(p->cue.start, q->cue.start);
        assert_int_equal(p->cue.end, q->cue.end);
        assert_true(p->confidence == q->confidence);
    }
    assert_int_equal(a->n_exprs, b->n_exprs);
    for (i = 0; i < a->n_exprs; i++) {
        const cr_expr *p = &a->exprs[i], *q = &b->exprs[i];
        assert_int_equal(p->start, q->start);
        assert_int_equal(p->end, q->end);
        assert_int_equal(p->type, q->type);
        assert_int_equal(p->how, q->how);
        assert_string_equal(p->value, q->value);
        assert_string_equal(p->unit, q->unit);
        assert_true(p->number == q->number && p->number_hi == q->number_hi);
        assert_true(p->confidence == q->confidence);
    }
    assert_int_equal(a->entities.n_entities, b->entities.n_entities);
    for (i = 0; i < a->entities.n_entities; i++) {
        const cr_entity *p = &a->entities.entities[i],
                        *q = &b->entities.entities[i];
        assert_string_equal(p->name, q->name);
        assert_string_equal(p->key, q->key);
        assert_true((p->role == NULL) == (q->role == NULL));
        assert_true((p->country == NULL) == (q->country == NULL));
        assert_int_equal(p->type, q->type);
        assert_int_equal(p->cls, q->cls);
        assert_int_equal(p->mentions, q->mentions);
    }
    assert_int_equal(a->entities.n_mentions, b->entities.n_mentions);
    for (i = 0; i < a->entities.n_mentions; i++) {
        const cr_mention *p = &a->entities.mentions[i],
                         *q = &b->entities.mentions[i];
        assert_int_equal(p->start, q->start);
        assert_int_equal(p->end, q->end);
        assert_int_equal(p->entity, q->entity);
        assert_int_equal(p->how, q->how);
        assert_true(p->confidence == q->confidence);
    }
    assert_int_equal(a->n_cites, b->n_cites);
    for (i = 0; i < a->n_cites; i++) {
        assert_string_equal(a->cites[i].name, b->cites[i].name);
        assert_int_equal(a->cites[i].kind, b->cites[i].kind);
        assert_int_equal(a->cites[i].cited_by, b->cites[i].cited_by);
        assert_int_equal(a->cites[i].entity, b->cites[i].entity);
        assert_int_equal(a->cites[i].cue.end, b->cites[i].cue.end);
    }
}

static void test_round_trip(void **state)
{
    char path[256];
    cr_store *st = extract_store("trip.db", path, sizeof path);
    cr_article a;
    cr_extraction x, back;
    cr_cite cites[2];
    int64_t key;
    cr_error err = {0, ""};

    seed_article("examples/seeds/004_6fa277031cd45622.txt", &a);
    key = add_key(st, &a);
    seed_extraction(&a, &x, cites);
    x.cites = cites;
    x.n_cites = 2;
    assert_int_equal(cr_store_add_extraction(st, key, &x, &err), CR_OK);
    /* written twice: replaced, not doubled */
    assert_int_equal(cr_store_add_extraction(st, key, &x, &err), CR_OK);
    assert_int_equal(cr_store_flush(st, NULL), CR_OK);
    cr_store_close(st);
    st = open_ok(path);
    assert_int_equal(cr_store_get_extraction(st, key, &back, &err), CR_OK);
    same_extraction(&x, &back);
    cr_extraction_clear(&back);
    cr_extraction_clear(&back); /* a cleared one clears again */
    x.cites = NULL;
    x.n_cites = 0;
    cr_extraction_clear(&x);
    cr_article_clear(&a);
    cr_store_close(st);
    remove_store(path);
}

static void test_commit_waits(void **state)
{
    char path[256];
    cr_store *st = extract_store("wait.db", path, sizeof path);
    cr_article a = art("w1", "s", "2024-01-01", "He said \"yes\" in 2022.");
    cr_extraction x;
    int64_t key;
    sqlite3 *db;

    cr_store_set_batch(st, 1);
    key = add_key(st, &a);
    assert_int_equal(raw_count(path), 0); /* waits for the extraction */
    memset(&x, 0, sizeof x);
    assert_int_equal(cr_extract_exprs(a.text, a.text_len, NULL, NULL, NULL,
                                      &x.exprs, &x.n_exprs), CR_OK);
    assert_int_equal(cr_store_add_extraction(st, key, &x, NULL), CR_OK);
    db = raw_open(path);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM article"), 1);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM expr"), 1);
    assert_int_equal(raw_int(db, "SELECT count(*) FROM extracted"), 1);
    sqlite3_close(db);
    cr_extraction_clear(&x);
    cr_store_close(st);
    remove_store(path);
}

static void test_errors(void **state)
{
    char path[256];
    cr_store *st;
    cr_article a = art("e1", "s", NULL, "Short text.");
    cr_extraction x, back;
    cr_quote q;
    int64_t key, *keys;
    size_t n;

    path_for(path, sizeof path, "errors.db");
    remove_store(path);
    st = open_ok(path);
    key = add_key(st, &a);
    memset(&x, 0, sizeof x);
    /* not checked */
    assert_int_equal(cr_store_add_extraction(st, key, &x, NULL), CR_EINVAL);
    assert_int_equal(cr_store_check_extraction(st, NULL), CR_OK);
    /* no such article */
    assert_int_equal(cr_store_add_extraction(st, key + 7, &x, NULL),
                     CR_ENOTFOUND);
    /* a span past the text, a link outside the array */
    memset(&q, 0, sizeof q);
    q.kind = CR_QUOTE_STATEMENT;
    q.cont = -1;
    q.start = 2;
    q.end = 99;
    x.quotes = &q;
    x.n_quotes = 1;
    assert_int_equal(cr_store_add_extraction(st, key, &x, NULL), CR_EINVAL);
    q.end = 5;
    q.cont = 1;
    assert_int_equal(cr_store_add_extraction(st, key, &x, NULL), CR_EINVAL);
    /* nothing stored for it yet */
    assert_int_equal(cr_store_get_extraction(st, key, &back, NULL),
                     CR_ENOTFOUND);
    assert_int_equal(cr_store_unextracted(st, &keys, &n, NULL), CR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(keys[0], key);
    free(keys);
    /* an empty extraction is one */
    memset(&x, 0, sizeof x);
    assert_int_equal(cr_store_add_extraction(st, key, &x, NULL), CR_OK);
    assert_int_equal(cr_store_get_extraction(st, key, &back, NULL), CR_OK);
    assert_int_equal(back.n_quotes + back.n_exprs + back.n_cites, 0);
    cr_extraction_clear(&back);
    assert_int_equal(cr_store_unextracted(st, &keys, &n, NULL), CR_OK);
    assert_int_equal(n, 0);
    free(keys);
    assert_int_equal(cr_store_add_extraction(NULL, key, &x, NULL), CR_EINVAL);
    assert_int_equal(cr_store_get_extraction(st, key, NULL, NULL), CR_EINVAL);
    cr_extraction_clear(NULL);
    cr_store_close(st);
    remove_store(path);
}

/* A version 3 store (before extraction) migrates; its articles have none. */
static void test_migrate_v3(void **state)
{
    char path[256];
    cr_store *st;
    int64_t *keys;
    size_t n;
    cr_article a = art("old", "s", "2023-05-06", "Stored before.");

    path_for(path, sizeof path, "v3.db");
    remove_store(path);
    st = open_ok(path);
    add_ok(st, &a);
    cr_store_close(st);
    raw_exec(path, "DROP TABLE cite; DROP TABLE entity_mention;"
                   "DROP TABLE entity; DROP TABLE expr; DROP TABLE quote;"
                   "DROP TABLE extracted; PRAGMA user_version = 3;");
    st = open_ok(path);
    assert_int_equal(cr_store_schema_version(st), CR_SCHEMA_VERSION);
    assert_int_equal(cr_store_unextracted(st, &keys, &n, NULL), CR_OK);
    assert_int_equal(n, 1);
    free(keys);
    cr_store_close(st);
    remove_store(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip),
        cmocka_unit_test(test_commit_waits),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_migrate_v3),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
