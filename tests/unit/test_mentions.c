/*
 * test_mentions.c — dates and quantities in text (cr_extract_exprs):
 * the seed articles (PRODUCT.md, seed case point 2), every date pattern
 * with and without an anchor date, quantities with units, scales, ranges
 * and number words, what must not be taken (pronoun "one", times,
 * ordinals, impossible dates), and the arguments.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread.h"
#include "seed.h"

typedef struct got {
    char *text;
    size_t len;
    cr_expr *m;
    size_t n;
} got;

static void check_invariants(const got *g)
{
    size_t i;
    for (i = 0; i < g->n; i++) {
        const cr_expr *m = &g->m[i];
        assert_true(m->start < m->end && m->end <= g->len);
        assert_true(i == 0 || g->m[i - 1].end <= m->start);
        assert_true(m->type == CR_EXPR_DATE || m->type == CR_EXPR_QUANTITY);
        assert_true(m->how >= CR_EXPR_GIVEN && m->how <= CR_EXPR_UNRESOLVED);
        assert_true(m->confidence > 0 && m->confidence <= 1);
        assert_true(memchr(m->value, 0, sizeof m->value) != NULL);
        assert_true(memchr(m->unit, 0, sizeof m->unit) != NULL);
        if (m->type == CR_EXPR_QUANTITY) {
            assert_int_equal(m->how, CR_EXPR_GIVEN);
            assert_true(m->number_hi >= m->number);
        } else {
            assert_true((m->how == CR_EXPR_UNRESOLVED) == (m->value[0] == 0));
        }
    }
}

static void run(got *g, const char *text, const char *anchor)
{
    cr_doc *doc = NULL;
    g->len = strlen(text);
    g->text = malloc(g->len + 1);
    assert_non_null(g->text);
    memcpy(g->text, text, g->len + 1);
    assert_int_equal(cr_doc_analyze(g->text, g->len, "en", NULL, &doc), CR_OK);
    assert_int_equal(cr_extract_exprs(g->text, g->len, doc, anchor, NULL,
                                      &g->m, &g->n), CR_OK);
    cr_doc_free(doc);
    check_invariants(g);
}

static void got_free(got *g)
{
    cr_exprs_free(g->m);
    free(g->text);
}

/* The mention whose words are exactly `words`, or NULL. */
static const cr_expr *find(const got *g, const char *words)
{
    size_t i, wl = strlen(words);
    for (i = 0; i < g->n; i++)
        if (g->m[i].end - g->m[i].start == wl &&
            memcmp(g->text + g->m[i].start, words, wl) == 0)
            return &g->m[i];
    return NULL;
}

static const cr_expr *must(const got *g, const char *words)
{
    const cr_expr *m = find(g, words);
    if (!m) {
        size_t i;
        for (i = 0; i < g->n; i++)
            fprintf(stderr, "  have: '%.*s'\n", (int)(g->m[i].end - g->m[i].start),
                    g->text + g->m[i].start);
        fail_msg("no mention '%s'", words);
    }
    return m;
}

static void date_is(const got *g, const char *words, const char *value,
                    int how)
{
    const cr_expr *m = must(g, words);
    assert_int_equal(m->type, CR_EXPR_DATE);
    if (strcmp(m->value, value) != 0)
        fail_msg("'%s' is '%s', want '%s'", words, m->value, value);
    if (m->how != how)
        fail_msg("'%s' how %d, want %d", words, m->how, how);
}

static void qty_is(const got *g, const char *words, double lo, double hi,
                   const char *unit)
{
    const cr_expr *m = must(g, words);
    assert_int_equal(m->type, CR_EXPR_QUANTITY);
    if (m->number != lo || m->number_hi != hi)
        fail_msg("'%s' is %g..%g, want %g..%g", words, m->number,
                 m->number_hi, lo, hi);
    if (strcmp(m->unit, unit) != 0)
        fail_msg("'%s' unit '%s', want '%s'", words, m->unit, unit);
}

static char *slurp_seed(const char *path, cr_article *a)
{
    seed_article(path, a);
    return a->text;
}

/* --- the seeds -------------------------------------------------------------- */

static void test_seed_000(void **state)
{
    cr_article a;
    got g;
    (void)state;
    /* no publication date: the year comes from "In the spring of 2023" */
    run(&g, slurp_seed("examples/seeds/000_ff2d2d851122c57f.txt", &a), NULL);
    date_is(&g, "on Sept. 13", "2023-09-13", CR_EXPR_INFERRED);
    date_is(&g, "earlier on Sept. 13", "2023-09-13", CR_EXPR_INFERRED);
    date_is(&g, "in 2022", "2022", CR_EXPR_GIVEN);
    date_is(&g, "In the spring of 2023", "2023-21", CR_EXPR_GIVEN);
    date_is(&g, "in 1953", "1953", CR_EXPR_GIVEN);
    date_is(&g, "Earlier in August", "2023-08", CR_EXPR_INFERRED);
    assert_true(must(&g, "Earlier in August")->confidence < 0.7);
    qty_is(&g, "four to five hours", 4, 5, "hours");
    got_free(&g);
    /* with the story's date as anchor: the same values, surer */
    run(&g, a.text, "2023-09-13");
    date_is(&g, "Earlier in August", "2023-08", CR_EXPR_INFERRED);
    assert_true(must(&g, "Earlier in August")->confidence > 0.8);
    got_free(&g);
    cr_article_clear(&a);
}

static void test_seed_004(void **state)
{
    cr_article a;
    got g;
    (void)state;
    slurp_seed("examples/seeds/004_6fa277031cd45622.txt", &a);
    assert_string_equal(a.published, "2023-09-13");
    run(&g, a.text, a.published);
    date_is(&g, "in 1945", "1945", CR_EXPR_GIVEN);
    /* "And today we also strive": the day of the speech */
    date_is(&g, "today", "2023-09-13", CR_EXPR_INFERRED);
    got_free(&g);
    cr_article_clear(&a);
}

/* --- dates ---------------------------------------------------------------- */

static void test_dates_explicit(void **state)
{
    got g;
    (void)state;
    run(&g, "He was born on Sept. 3, 1950 and left on 13 September 2021. "
            "Prices rose in May 2020 and again in the autumn of 2019. "
            "From 2019 to 2021 output doubled; in the 1990s it was flat. "
            "The file is dated 2024-02-29. By mid-2023 it was over.",
        NULL);
    date_is(&g, "on Sept. 3, 1950", "1950-09-03", CR_EXPR_GIVEN);
    date_is(&g, "on 13 September 2021", "2021-09-13", CR_EXPR_GIVEN);
    date_is(&g, "in May 2020", "2020-05", CR_EXPR_GIVEN);
    date_is(&g, "in the autumn of 2019", "2019-23", CR_EXPR_GIVEN);
    date_is(&g, "From 2019 to 2021", "2019/2021", CR_EXPR_GIVEN);
    date_is(&g, "in the 1990s", "199X", CR_EXPR_GIVEN);
    date_is(&g, "2024-02-29", "2024-02-29", CR_EXPR_GIVEN);
    date_is(&g, "By mid-2023", "2023", CR_EXPR_GIVEN);
    got_free(&g);
}

static void test_dates_relative(void **state)
{
    got g;
    (void)state;
    /* 2023-09-13 was a Wednesday */
    run(&g, "On Wednesday the talks began; on Monday he arrived and next "
            "Friday he leaves. Last year sales fell, this month they rose, "
            "and next week they will be reported. Three days ago it rained; "
            "yesterday it did not. Earlier in August he came; in July he "
            "left; last March he was away and next January he returns. "
            "Last winter was cold. Later this year they meet.",
        "2023-09-13T08:00:00Z");
    date_is(&g, "On Wednesday", "2023-09-13", CR_EXPR_INFERRED);
    date_is(&g, "on Monday", "2023-09-11", CR_EXPR_INFERRED);
    date_is(&g, "next Friday", "2023-09-15", CR_EXPR_INFERRED);
    date_is(&g, "Last year", "2022", CR_EXPR_INFERRED);
    date_is(&g, "this month", "2023-09", CR_EXPR_INFERRED);
    date_is(&g, "next week", "2023-W38", CR_EXPR_INFERRED);
    date_is(&g, "Three days ago", "2023-09-10", CR_EXPR_INFERRED);
    date_is(&g, "yesterday", "2023-09-12", CR_EXPR_INFERRED);
    date_is(&g, "Earlier in August", "2023-08", CR_EXPR_INFERRED);
    date_is(&g, "in July", "2023-07", CR_EXPR_INFERRED);
    date_is(&g, "last March", "2023-03", CR_EXPR_INFERRED);
    date_is(&g, "next January", "2024-01", CR_EXPR_INFERRED);
    date_is(&g, "Last winter", "2022-24", CR_EXPR_INFERRED);
    date_is(&g, "Later this year", "2023", CR_EXPR_INFERRED);
    got_free(&g);
}

static void test_dates_year_boundary(void **state)
{
    got g;
    (void)state;
    /* a year-less day is taken in the year that puts it nearest the
       publication date */
    run(&g, "The vote on Dec. 28 was close; the count ends on Jan. 3.",
        "2024-01-02");
    date_is(&g, "on Dec. 28", "2023-12-28", CR_EXPR_INFERRED);
    date_is(&g, "on Jan. 3", "2024-01-03", CR_EXPR_INFERRED);
    got_free(&g);
    /* the ISO week of 2021-01-01 belongs to 2020 */
    run(&g, "It happened this week.", "2021-01-01");
    date_is(&g, "this week", "2020-W53", CR_EXPR_INFERRED);
    got_free(&g);
}

static void test_dates_unresolved(void **state)
{
    got g;
    (void)state;
    /* no anchor and no year in the text */
    run(&g, "On Wednesday he spoke; on Sept. 13 he left; last year he won.",
        NULL);
    date_is(&g, "On Wednesday", "", CR_EXPR_UNRESOLVED);
    date_is(&g, "on Sept. 13", "", CR_EXPR_UNRESOLVED);
    date_is(&g, "last year", "", CR_EXPR_UNRESOLVED);
    got_free(&g);
    /* a malformed anchor is no anchor */
    run(&g, "On Wednesday he spoke.", "next Tuesday");
    date_is(&g, "On Wednesday", "", CR_EXPR_UNRESOLVED);
    got_free(&g);
}

static void test_dates_not(void **state)
{
    got g;
    (void)state;
    /* not dates: a month name as a verb or name, an impossible day, a
       count of years, a time */
    run(&g, "They march on. Brian May played. The deadline of Feb. 30, "
            "2023 passed. 2000 troops came at 10:30 to the 3rd floor.",
        "2023-09-13");
    assert_null(find(&g, "march"));
    assert_null(find(&g, "May"));
    assert_null(find(&g, "Feb. 30, 2023"));
    qty_is(&g, "2000 troops", 2000, 2000, "troops");
    assert_null(find(&g, "10:30"));
    assert_null(find(&g, "3rd"));
    got_free(&g);
}

/* --- quantities ------------------------------------------------------------- */

static void test_quantities(void **state)
{
    got g;
    (void)state;
    run(&g, "The deal is worth $5 billion, or 30 percent of the budget; "
            "200,000 troops and 1.5m people were moved, and \xC2\xA3" "2.4bn "
            "spent. Sales rose 12% and fell 3 per cent. He ran 3km. "
            "Between 10 and 20 ships sailed. Talks lasted 4-5 hours. "
            "Twenty-five million dollars went to two hundred thousand "
            "farmers. About four to five million voters came, and ten "
            "police officers.",
        NULL);
    qty_is(&g, "$5 billion", 5e9, 5e9, "USD");
    qty_is(&g, "30 percent", 30, 30, "percent");
    qty_is(&g, "200,000 troops", 2e5, 2e5, "troops");
    qty_is(&g, "1.5m people", 1.5e6, 1.5e6, "people");
    qty_is(&g, "\xC2\xA3" "2.4bn", 2.4e9, 2.4e9, "GBP");
    qty_is(&g, "12%", 12, 12, "percent");
    qty_is(&g, "3 per cent", 3, 3, "percent");
    qty_is(&g, "3km", 3, 3, "km");
    qty_is(&g, "10 and 20 ships", 10, 20, "ships");
    qty_is(&g, "4-5 hours", 4, 5, "hours");
    qty_is(&g, "Twenty-five million dollars", 25e6, 25e6, "dollars");
    qty_is(&g, "two hundred thousand farmers", 2e5, 2e5, "farmers");
    qty_is(&g, "four to five million voters", 4e6, 5e6, "voters");
    qty_is(&g, "ten police officers", 10, 10, "officers");
    got_free(&g);
}

static void test_quantities_not(void **state)
{
    got g;
    (void)state;
    run(&g, "No one came and one of them left; the one he liked stayed. "
            "Ground Zero was quiet. He came 2nd.",
        NULL);
    assert_int_equal(g.n, 0);
    got_free(&g);
}

/* --- arguments and limits ---------------------------------------------------- */

static void test_args(void **state)
{
    cr_expr *m = (cr_expr *)1;
    size_t n = 7;
    (void)state;
    assert_int_equal(cr_extract_exprs("", 0, NULL, NULL, NULL, &m, &n), CR_OK);
    assert_null(m);
    assert_int_equal(n, 0);
    assert_int_equal(cr_extract_exprs("x", 1, NULL, NULL, NULL, NULL, &n),
                     CR_EINVAL);
    assert_int_equal(cr_extract_exprs(NULL, 3, NULL, NULL, NULL, &m, &n),
                     CR_EINVAL);
    /* without a doc the text is analysed here */
    assert_int_equal(cr_extract_exprs("In 2022 it rained.", 18, NULL, NULL,
                                      NULL, &m, &n), CR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(m[0].value, "2022");
    cr_exprs_free(m);
    cr_exprs_free(NULL);
}

static void test_long_linear(void **state)
{
    /* 100,000 numbers and month names in a row: one pass, every mention
       inside the text, none overlapping */
    size_t cap = 1 << 20, len = 0, i;
    char *t = malloc(cap);
    got g;
    (void)state;
    assert_non_null(t);
    for (i = 0; len + 32 < cap; i++)
        len += (size_t)snprintf(t + len, cap - len, "%s ",
                                i % 3 == 0 ? "in August" : i % 3 == 1 ? "4 to" : "2023");
    t[len] = '\0';
    run(&g, t, "2023-09-13");
    assert_true(g.n > 1000);
    got_free(&g);
    free(t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_000),
        cmocka_unit_test(test_seed_004),
        cmocka_unit_test(test_dates_explicit),
        cmocka_unit_test(test_dates_relative),
        cmocka_unit_test(test_dates_year_boundary),
        cmocka_unit_test(test_dates_unresolved),
        cmocka_unit_test(test_dates_not),
        cmocka_unit_test(test_quantities),
        cmocka_unit_test(test_quantities_not),
        cmocka_unit_test(test_args),
        cmocka_unit_test(test_long_linear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
