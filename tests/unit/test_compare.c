/*
 * test_compare.c — the word diff (cr_diff_words) and the comparison
 * (cr_compare_*): diff steps on hand-made pairs, the seed comparison's
 * aligned quotations and framing difference, one article, identical
 * copies, unrelated articles, misuse of the API.
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
#include "compare/compare.h"

/* The diff of a and b rendered as "=w ~a>b -a +b" steps. */
static char *diff_str(const char *a, const char *b)
{
    cr_diff_op *ops = NULL;
    size_t n = 0, i, o = 0;
    char *out = malloc(4096);
    assert_non_null(out);
    assert_int_equal(cr_diff_words(a, strlen(a), b, strlen(b), "en", &ops, &n),
                     CR_OK);
    out[0] = '\0';
    for (i = 0; i < n; i++) {
        const char *k = ops[i].kind == CR_DIFF_EQUAL    ? "="
                        : ops[i].kind == CR_DIFF_DELETE ? "-"
                        : ops[i].kind == CR_DIFF_INSERT ? "+"
                                                        : "~";
        o += (size_t)snprintf(out + o, 4096 - o, "%s%s%.*s", i ? " " : "", k,
                              (int)(ops[i].a.end - ops[i].a.start),
                              a + ops[i].a.start);
        if (ops[i].kind == CR_DIFF_REPLACE || ops[i].kind == CR_DIFF_INSERT)
            o += (size_t)snprintf(out + o, 4096 - o, ">%.*s",
                                  (int)(ops[i].b.end - ops[i].b.start),
                                  b + ops[i].b.start);
    }
    free(ops);
    return out;
}

static void expect_diff(const char *a, const char *b, const char *want)
{
    char *got = diff_str(a, b);
    if (strcmp(got, want) != 0)
        fail_msg("diff of \"%s\" / \"%s\":\n got  %s\n want %s", a, b, got,
                 want);
    free(got);
}

static void test_diff(void **state)
{
    (void)state;
    expect_diff("I am strongly convinced", "I am deeply convinced",
                "=I am ~strongly>deeply =convinced");
    /* a lone stopword between two changes joins them */
    expect_diff("will follow excellently the tradition",
                "will brilliantly inherit the tradition",
                "=will ~follow excellently>brilliantly inherit =the tradition");
    /* inflection and case are not differences */
    expect_diff("the fronts of Victory", "the front of victory",
                "=the fronts of Victory");
    expect_diff("a b c", "a b c d", "=a b c +>d");
    expect_diff("a b c d", "a b c", "=a b c -d");
    expect_diff("", "", "");
    expect_diff("", "new words", "+>new words");
    /* a change crossing punctuation on one side only is cut there */
    expect_diff("on the front of the (Russo-Ukrainian War) and in building",
                "on the fronts of the special military operation",
                "=on the front of the ~Russo-Ukrainian War>special military "
                "operation -and in building");
}

static void test_diff_args(void **state)
{
    cr_diff_op *ops = NULL;
    size_t n = 7;
    (void)state;
    assert_int_equal(cr_diff_words(NULL, 0, "x", 1, NULL, &ops, &n),
                     CR_EINVAL);
    /* no stemmer for the language: folding only */
    assert_int_equal(cr_diff_words("Fronts", 6, "fronts", 6, "xx", &ops, &n),
                     CR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(ops[0].kind, CR_DIFF_EQUAL);
    free(ops);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    *len = (size_t)n;
    return buf;
}

static void add_file(cr_compare *c, const char *path, const char *id)
{
    size_t len;
    char *buf = slurp(path, &len);
    cr_article a;
    cr_error err;
    assert_int_equal(cr_parse_text(buf, len, id, NULL, &a, &err), CR_OK);
    assert_int_equal(cr_compare_add(c, &a, NULL, &err), CR_OK);
    cr_article_clear(&a);
    free(buf);
}

static int span_is(const cr_compare *c, const cr_cmp_ref *r, const char *s)
{
    const cr_cmp_article *a = cr_compare_article(c, r->article);
    return r->span.end - r->span.start == strlen(s) &&
           memcmp(a->text + r->span.start, s, strlen(s)) == 0;
}

static void test_seeds(void **state)
{
    cr_compare *c = NULL;
    const cr_cmp_group *g;
    const cr_cmp_diff *d;
    size_t n, i, multi = 0, framing = 0;
    const uint32_t *order;
    (void)state;
    assert_int_equal(cr_compare_new(NULL, &c), CR_OK);
    add_file(c, "examples/seeds/000_ff2d2d851122c57f.txt", "000");
    add_file(c, "examples/seeds/004_6fa277031cd45622.txt", "004");
    assert_int_equal(cr_compare_run(c, NULL), CR_OK);
    /* 004 is dated (its marker), 000 is not: 004 comes first */
    order = cr_compare_order(c, &n);
    assert_int_equal(n, 2);
    assert_int_equal(order[0], 1);
    assert_true(cr_compare_article(c, 1)->first);
    assert_false(cr_compare_article(c, 0)->first);
    g = cr_compare_quote_groups(c, &n);
    for (i = 0; i < n; i++)
        if (g[i].n > 1) {
            multi++;
            assert_non_null(g[i].speaker);
            assert_true(strncmp(g[i].speaker, "Kim Jong", 8) == 0);
            assert_true(g[i].similarity > 0.5);
        }
    assert_int_equal(multi, 2);
    d = cr_compare_differences(c, &n);
    for (i = 0; i < n; i++)
        if (d[i].kind == CR_CMP_FRAMING &&
            span_is(c, &d[i].a, "special military operation") &&
            span_is(c, &d[i].b, "Russo-Ukrainian War"))
            framing++;
    assert_int_equal(framing, 1);
    /* every sentence is in exactly one fact group */
    g = cr_compare_facts(c, &n);
    {
        size_t total = 0, ns0, ns1;
        for (i = 0; i < n; i++)
            total += g[i].n;
        cr_compare_sentences(c, 0, &ns0);
        cr_compare_sentences(c, 1, &ns1);
        assert_int_equal(total, ns0 + ns1);
    }
    cr_compare_free(c);
}

static void add_text(cr_compare *c, const char *id, const char *text)
{
    cr_article a;
    memset(&a, 0, sizeof a);
    a.id = (char *)id;
    a.text = (char *)text;
    a.text_len = strlen(text);
    a.lang = (char *)"en";
    assert_int_equal(cr_compare_add(c, &a, NULL, NULL), CR_OK);
}

/* A comparison of the two texts a and b, run. */
static cr_compare *run_two(const char *a, const char *b)
{
    cr_compare *c = NULL;
    assert_int_equal(cr_compare_new(NULL, &c), CR_OK);
    add_text(c, "a", a);
    add_text(c, "b", b);
    assert_int_equal(cr_compare_run(c, NULL), CR_OK);
    return c;
}

/* No quotation of c aligns with another. */
static void assert_quotes_apart(const cr_compare *c)
{
    size_t n, i;
    const cr_cmp_group *g = cr_compare_quote_groups(c, &n);
    assert_true(n >= 2);
    for (i = 0; i < n; i++)
        assert_int_equal(g[i].n, 1);
}

static void test_unrelated(void **state)
{
    cr_compare *c;
    size_t n, i;
    const cr_cmp_group *g;
    (void)state;
    c = run_two("\"We will open the new harbour in May,\" the mayor of "
                "Lisbon said. Ships will dock there from June.",
                "\"The rain will not stop before Sunday,\" a forecaster "
                "in Oslo said. Rivers are rising across Norway.");
    assert_quotes_apart(c);
    g = cr_compare_facts(c, &n);
    for (i = 0; i < n; i++)
        assert_int_equal(g[i].n, 1);
    cr_compare_differences(c, &n);
    assert_int_equal(n, 0);
    cr_compare_free(c);
}

/* Two statements that share a few words, each the other's only match,
 * spoken by two different people: not two renderings of one utterance
 * (a weak pair needs speakers that do not conflict). */
static void test_weak_pair_other_speaker(void **state)
{
    cr_compare *c;
    (void)state;
    c = run_two("Athletes face a hearing in Athens.\n\n\"We cannot comment "
                "on the hearing, because we were not present when the "
                "athletes were heard,\" said Gregor Ioannou, a lawyer for "
                "the sprinters.",
                "The federation met in Athens on Monday.\n\n\"So how can "
                "anyone try the athletes without a fair hearing?\" said "
                "Vasilis Stavrou, the federation's president.");
    assert_quotes_apart(c);
    cr_compare_free(c);
}

/* Does group g hold a passage of article art? */
static int has_article(const cr_cmp_group *g, size_t art)
{
    size_t m;
    for (m = 0; m < g->n; m++)
        if (g->members[m].article == art)
            return 1;
    return 0;
}

/* b's quotation carries both a's and c's, which share nothing: a ~ b and
 * b ~ c align, but a and c are not the same utterance, nor their sentences
 * the same fact (no chaining through b). */
static void test_no_chains(void **state)
{
    cr_compare *c = NULL;
    size_t n, i, ab = 0, bc = 0;
    const cr_cmp_group *g;
    (void)state;
    assert_int_equal(cr_compare_new(NULL, &c), CR_OK);
    add_text(c, "a", "\"The new harbour in Lisbon will open to cargo ships in "
                     "May,\" the mayor said.");
    add_text(c, "b", "\"The new harbour in Lisbon will open in May, and the "
                     "old ferry terminal will close for repairs in June,\" "
                     "the mayor said.");
    add_text(c, "c", "\"The old ferry terminal will close for repairs in "
                     "June,\" a spokeswoman said.");
    assert_int_equal(cr_compare_run(c, NULL), CR_OK);
    g = cr_compare_quote_groups(c, &n);
    for (i = 0; i < n; i++) {
        assert_false(has_article(&g[i], 0) && has_article(&g[i], 2));
        ab += has_article(&g[i], 0) && has_article(&g[i], 1);
        bc += has_article(&g[i], 1) && has_article(&g[i], 2);
        if (g[i].n > 1)
            assert_true(g[i].similarity >= 0.34);
    }
    assert_int_equal(ab + bc, 1);  /* b's quotation joins one of them */
    g = cr_compare_facts(c, &n);
    for (i = 0; i < n; i++)
        assert_false(has_article(&g[i], 0) && has_article(&g[i], 2));
    cr_compare_free(c);
}

static void test_copies_and_one(void **state)
{
    static const char t[] = "\"Prices rose 5 percent in May,\" the minister "
                            "said. Markets fell on Tuesday.";
    cr_compare *c = NULL;
    size_t n, i;
    const cr_cmp_group *g;
    (void)state;
    assert_int_equal(cr_compare_new(NULL, &c), CR_OK);
    add_text(c, "a", t);
    add_text(c, "b", t);
    assert_int_equal(cr_compare_run(c, NULL), CR_OK);
    g = cr_compare_quote_groups(c, &n);
    assert_int_equal(n, 1);
    assert_int_equal(g[0].n, 2);
    g = cr_compare_facts(c, &n);
    for (i = 0; i < n; i++)
        assert_int_equal(g[i].n, 2);
    cr_compare_differences(c, &n);
    assert_int_equal(n, 0);
    cr_compare_free(c);

    assert_int_equal(cr_compare_new(NULL, &c), CR_OK);
    add_text(c, "a", t);
    assert_int_equal(cr_compare_run(c, NULL), CR_OK);
    g = cr_compare_facts(c, &n);
    assert_true(n >= 2);
    cr_compare_summary(c, &n);
    assert_true(n >= 1);
    cr_compare_free(c);
}

static void test_numbers_differ(void **state)
{
    cr_compare *c = NULL;
    size_t n;
    const cr_cmp_diff *d;
    (void)state;
    assert_int_equal(cr_compare_new(NULL, &c), CR_OK);
    add_text(c, "a", "The flood in Porto killed 12 people and destroyed "
                     "40 houses on Monday, officials said.");
    add_text(c, "b", "The flood in Porto killed 15 people and destroyed "
                     "40 houses on Monday, officials said.");
    assert_int_equal(cr_compare_run(c, NULL), CR_OK);
    d = cr_compare_differences(c, &n);
    assert_int_equal(n, 1);
    assert_int_equal(d[0].kind, CR_CMP_NUMBERS);
    assert_true(span_is(c, &d[0].a, "12"));
    assert_true(span_is(c, &d[0].b, "15"));
    cr_compare_free(c);
}

static void add_dated(cr_compare *c, const char *id, const char *published,
                      const char *text)
{
    cr_article a;
    memset(&a, 0, sizeof a);
    a.id = (char *)id;
    a.text = (char *)text;
    a.text_len = strlen(text);
    a.lang = (char *)"en";
    a.published = (char *)published;
    assert_int_equal(cr_compare_add(c, &a, NULL, NULL), CR_OK);
}

static void test_dates_and_quantities_differ(void **state)
{
    cr_compare *c = NULL;
    size_t n, i, dates = 0, numbers = 0;
    const cr_cmp_diff *d;
    (void)state;
    assert_int_equal(cr_compare_new(NULL, &c), CR_OK);
    add_dated(c, "a", "2023-09-14",
              "The two leaders met on Sept. 13 at the cosmodrome and talked "
              "for four hours about rockets, officials in Moscow said.");
    add_dated(c, "b", "2023-09-15",
              "The two leaders met on Sept. 12 at the cosmodrome and talked "
              "for five hours about rockets, officials in Moscow said.");
    assert_int_equal(cr_compare_run(c, NULL), CR_OK);
    d = cr_compare_differences(c, &n);
    for (i = 0; i < n; i++) {
        if (d[i].kind == CR_CMP_DATES && span_is(c, &d[i].a, "13") &&
            span_is(c, &d[i].b, "12"))
            dates++;
        if (d[i].kind == CR_CMP_NUMBERS && span_is(c, &d[i].a, "four") &&
            span_is(c, &d[i].b, "five"))
            numbers++;
    }
    assert_int_equal(dates, 1);
    assert_int_equal(numbers, 1);
    cr_compare_free(c);
}

static void test_misuse(void **state)
{
    cr_compare *c = NULL;
    cr_error err;
    size_t n = 3;
    (void)state;
    assert_int_equal(cr_compare_new(NULL, NULL), CR_EINVAL);
    assert_int_equal(cr_compare_new(NULL, &c), CR_OK);
    assert_int_equal(cr_compare_add(c, NULL, NULL, &err), CR_EINVAL);
    /* nothing added: runs, reports nothing */
    assert_int_equal(cr_compare_run(c, NULL), CR_OK);
    assert_null(cr_compare_quote_groups(c, &n));
    assert_int_equal(n, 0);
    {
        cr_article a;
        memset(&a, 0, sizeof a);
        a.id = (char *)"late";
        a.text = (char *)"x";
        a.text_len = 1;
        assert_int_equal(cr_compare_add(c, &a, NULL, &err), CR_EINVAL);
    }
    cr_compare_free(c);
    cr_compare_free(NULL);
}

/* How two words' synonym classes link them: 2 a shared synset, 1 one's
 * synset directly above the other's first sense, 0 none. */
static int link(const char *x, const char *y)
{
    uint32_t a[CRI_SYN_MAX], b[CRI_SYN_MAX];
    size_t na = cri_synsets(x, strlen(x), a, CRI_SYN_MAX);
    size_t nb = cri_synsets(y, strlen(y), b, CRI_SYN_MAX), i, j;
    int best = 0;
    for (i = 0; i < na; i++)
        for (j = 0; j < nb; j++) {
            int hx = (a[i] & CRI_SYN_HYPER) != 0, hy = (b[j] & CRI_SYN_HYPER) != 0;
            assert_true((a[i] >> 3) < cri_synset_limit());
            if (a[i] >> 3 != b[j] >> 3 || (hx && hy))
                continue;
            if (!hx && !hy)
                return 2;
            best = 1;
        }
    return best;
}

static void test_synonyms(void **state)
{
    uint32_t ids[CRI_SYN_MAX];
    (void)state;
    /* inflected forms reach their lemmas' classes (weapons -> weapon,
     * penalizes -> penalize, irregular ran -> run) */
    assert_int_equal(link("arms", "weapons"), 2);
    assert_int_equal(link("punishes", "penalizes"), 2);
    assert_int_equal(link("alterations", "changes"), 2);
    assert_int_equal(link("ran", "running"), 2);
    /* ammunition lies under {weaponry, arms} */
    assert_int_equal(link("ammunition", "arms"), 1);
    /* two words under one class are not synonyms */
    assert_int_equal(link("rifle", "pistol"), 0);
    assert_int_equal(link("arms", "ukraine"), 0);
    assert_int_equal(cri_synsets("qzxv", 4, ids, CRI_SYN_MAX), 0);
    assert_int_equal(cri_synsets("ab", 2, ids, CRI_SYN_MAX), 0);
    /* the limit is respected */
    assert_true(cri_synsets("run", 3, ids, 2) <= 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_diff),
        cmocka_unit_test(test_diff_args),
        cmocka_unit_test(test_seeds),
        cmocka_unit_test(test_unrelated),
        cmocka_unit_test(test_weak_pair_other_speaker),
        cmocka_unit_test(test_no_chains),
        cmocka_unit_test(test_copies_and_one),
        cmocka_unit_test(test_numbers_differ),
        cmocka_unit_test(test_dates_and_quantities_differ),
        cmocka_unit_test(test_misuse),
        cmocka_unit_test(test_synonyms),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
