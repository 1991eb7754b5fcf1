/*
 * test_quotes.c — quotation and speaker extraction (cr_extract_quotes):
 * the seed articles (PRODUCT.md, seed case point 3), every reporting
 * pattern, statements versus fragments, speaker resolution through names,
 * pronouns and roles, reported speech, and the failure cases (unbalanced
 * marks, a quotation never closed, nested quotations, empty input).
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
    cr_quote *q;
    size_t n;
} got;

static void extract(got *g, const char *text, size_t len)
{
    cr_doc *doc = NULL;
    g->text = malloc(len + 1);
    assert_non_null(g->text);
    memcpy(g->text, text, len);
    g->text[len] = '\0';
    g->len = len;
    assert_int_equal(cr_doc_analyze(g->text, len, "en", NULL, &doc), CR_OK);
    assert_int_equal(cr_extract_quotes(g->text, len, doc, NULL, &g->q, &g->n),
                     CR_OK);
    cr_doc_free(doc);
}

static void got_free(got *g)
{
    cr_quotes_free(g->q, g->n);
    free(g->text);
}

/* The quote whose text starts with `prefix`, or NULL. */
static const cr_quote *find(const got *g, const char *prefix)
{
    size_t i, pl = strlen(prefix);
    for (i = 0; i < g->n; i++)
        if (g->q[i].end - g->q[i].start >= pl &&
            memcmp(g->text + g->q[i].start, prefix, pl) == 0)
            return &g->q[i];
    return NULL;
}

static int name_is(const cr_quote *q, const char *name)
{
    return q && q->name && strcmp(q->name, name) == 0;
}

static void expect(const got *g, const char *prefix, int kind,
                   const char *name)
{
    const cr_quote *q = find(g, prefix);
    if (!q)
        fail_msg("no quote starting '%s'", prefix);
    if (q->kind != kind)
        fail_msg("'%s' is kind %d, want %d", prefix, q->kind, kind);
    if (name && !name_is(q, name))
        fail_msg("'%s' by '%s', want '%s'", prefix, q->name ? q->name : "NULL",
                 name);
    if (!name && q->name)
        fail_msg("'%s' by '%s', want unresolved", prefix, q->name);
}

static void check_invariants(const got *g)
{
    size_t i;
    for (i = 0; i < g->n; i++) {
        const cr_quote *q = &g->q[i];
        assert_true(q->start <= q->end && q->end <= g->len);
        assert_true(i == 0 || g->q[i - 1].start < q->start ||
                    (g->q[i - 1].start == q->start &&
                     g->q[i - 1].end <= q->end));
        assert_true(q->kind >= CR_QUOTE_STATEMENT &&
                    q->kind <= CR_QUOTE_INDIRECT);
        assert_true(q->cont < (int32_t)i);
        if (q->has_speaker)
            assert_true(q->speaker.start < q->speaker.end &&
                        q->speaker.end <= g->len);
        assert_true(q->cue.start <= q->cue.end && q->cue.end <= g->len);
        assert_true(q->confidence >= 0 && q->confidence <= 1);
    }
}

static void run(got *g, const char *text)
{
    extract(g, text, strlen(text));
    check_invariants(g);
}

static size_t count_kind(const got *g, int kind)
{
    size_t i, k = 0;
    for (i = 0; i < g->n; i++)
        k += g->q[i].kind == kind;
    return k;
}

static void read_seed(got *g, const char *path)
{
    cr_article a;
    seed_article(path, &a);
    extract(g, a.text, a.text_len);
    check_invariants(g);
    cr_article_clear(&a);
}

/* --- the seeds ---------------------------------------------------------- */

static void test_seed_000(void **state)
{
    got g;
    size_t i, kim = 0;
    (void)state;
    read_seed(&g, "examples/seeds/000_ff2d2d851122c57f.txt");
    expect(&g, "I am strongly convinced", CR_QUOTE_STATEMENT, "Kim Jong-Un");
    expect(&g, "the Russian army and people will achieve", CR_QUOTE_STATEMENT,
           "Kim Jong-Un");
    expect(&g, "building a strong, modern Russia", CR_QUOTE_FRAGMENT,
           "Kim Jong-Un");
    expect(&g, "I hope that we will always", CR_QUOTE_STATEMENT,
           "Kim Jong-Un");
    /* exactly four quotations, all Kim's */
    for (i = 0; i < g.n; i++)
        if (g.q[i].kind != CR_QUOTE_INDIRECT) {
            assert_true(name_is(&g.q[i], "Kim Jong-Un"));
            kim++;
        }
    assert_int_equal(kim, 4);
    /* reported speech */
    expect(&g, "he wants to continue", CR_QUOTE_INDIRECT, "Kim Jong-Un");
    expect(&g, "the two leaders would discuss", CR_QUOTE_INDIRECT,
           "Vladimir Putin");
    got_free(&g);
}

static void test_seed_004(void **state)
{
    got g;
    size_t i;
    (void)state;
    read_seed(&g, "examples/seeds/004_6fa277031cd45622.txt");
    expect(&g, "I am deeply convinced", CR_QUOTE_STATEMENT, "Kim Jong Un");
    expect(&g, "The Russian army and people will certainly", CR_QUOTE_STATEMENT,
           "Kim Jong Un");
    expect(&g, "A toast to the future", CR_QUOTE_STATEMENT, "Vladimir Putin");
    expect(&g, "an old friend is better", CR_QUOTE_FRAGMENT, "Vladimir Putin");
    expect(&g, "Our relations were established", CR_QUOTE_STATEMENT,
           "Vladimir Putin");
    /* the 1945 remark runs over three sentences, to the closing mark */
    {
        const cr_quote *q = find(&g, "Our relations");
        assert_true(g.len - q->end <= 2);
    }
    assert_int_equal(find(&g, "evil")->kind, CR_QUOTE_FRAGMENT);
    assert_int_equal(find(&g, "great Russia")->kind, CR_QUOTE_FRAGMENT);
    assert_int_equal(find(&g, "special military operation")->kind,
                     CR_QUOTE_FRAGMENT);
    assert_int_equal(find(&g, "strengthening of future")->kind,
                     CR_QUOTE_FRAGMENT);
    /* what Moscow calls its "special military operation" */
    expect(&g, "special military operation", CR_QUOTE_FRAGMENT, "Moscow");
    /* four statements (two by Kim, two by Putin), none by anyone else */
    assert_int_equal(count_kind(&g, CR_QUOTE_STATEMENT), 4);
    for (i = 0; i < g.n; i++)
        if (g.q[i].kind == CR_QUOTE_STATEMENT)
            assert_true(name_is(&g.q[i], "Kim Jong Un") ||
                        name_is(&g.q[i], "Vladimir Putin"));
    got_free(&g);
}

/* --- reporting patterns ------------------------------------------------- */

static void test_patterns(void **state)
{
    got g;
    (void)state;
    run(&g, "Prime Minister Jane Doe spoke on Monday.\n\n"
            "\"We will not give up on this plan,\" Doe said.\n\n"
            "Senator John Roe said: \"This is a terrible idea for everyone.\"\n\n"
            "Mary Major said \"the committee has done its work well.\"\n\n"
            "\"It will pass by the end of the year,\" said Roe.\n\n"
            "Major also claimed \"nobody has read the whole bill yet.\"\n\n"
            "\"We need more time to read it,\" she added.\n\n"
            "According to Roe, \"the vote will be close but we will win.\"\n\n"
            "Roe told reporters: \"I have the votes and I will prove it.\"");
    expect(&g, "We will not give up", CR_QUOTE_STATEMENT, "Jane Doe");
    expect(&g, "This is a terrible idea", CR_QUOTE_STATEMENT, "John Roe");
    expect(&g, "the committee has done", CR_QUOTE_STATEMENT, "Mary Major");
    expect(&g, "It will pass", CR_QUOTE_STATEMENT, "John Roe");
    expect(&g, "nobody has read", CR_QUOTE_STATEMENT, "Mary Major");
    expect(&g, "We need more time", CR_QUOTE_STATEMENT, "Mary Major");
    expect(&g, "the vote will be close", CR_QUOTE_STATEMENT, "John Roe");
    expect(&g, "I have the votes", CR_QUOTE_STATEMENT, "John Roe");
    got_free(&g);
}

static void test_more_patterns(void **state)
{
    got g;
    (void)state;
    run(&g, "Senator Lindsey Graham spoke in Ohio.\n\n"
            "\u201CDoes anybody know the platform?\u201D Graham asked. "
            "\u201CNeither do I.\u201D\n\n"
            "Graham continued:\n\n"
            "\"The platform is silent on the climate and on energy.\"\n\n"
            "\u201CIt is an invasion of the state domain,\u201D Scott Pruitt, "
            "the attorney general of Oklahoma, one of the suing states, said.\n\n"
            "\u201CI am ashamed of this whole campaign season.\u201D \u2015 Pamela Padilla\n"
            "\u201CWe deserve a better debate than this one.\u201D \u2015 Jorge Falcon\n\n"
            "\"The vote is final.\" Mr. Smith then left the room.");
    expect(&g, "Does anybody know", CR_QUOTE_STATEMENT, "Lindsey Graham");
    expect(&g, "Neither do I", CR_QUOTE_STATEMENT, "Lindsey Graham");
    expect(&g, "The platform is silent", CR_QUOTE_STATEMENT, "Lindsey Graham");
    expect(&g, "It is an invasion", CR_QUOTE_STATEMENT, "Scott Pruitt");
    expect(&g, "I am ashamed", CR_QUOTE_STATEMENT, "Pamela Padilla");
    expect(&g, "We deserve", CR_QUOTE_STATEMENT, "Jorge Falcon");
    /* a new sentence after the closing period is not an attribution */
    assert_false(name_is(find(&g, "The vote is final"), "Smith"));
    got_free(&g);
}

static void test_mark_styles(void **state)
{
    got g;
    (void)state;
    run(&g, "``We are ready for the match on Sunday,'' coach Ann Lee said .\n"
            "\xE2\x80\x9CThe team trained hard all week,\xE2\x80\x9D Lee said.\n"
            "\xC2\xAB" "Nous sommes pr\xC3\xAAts pour demain matin,\xC2\xBB Lee said.\n"
            "'We will see what happens on the day,' Lee said.\n"
            "\xE2\x80\x98The fans deserve a proper win,\xE2\x80\x99 Lee said.");
    expect(&g, "We are ready", CR_QUOTE_STATEMENT, "Ann Lee");
    expect(&g, "The team trained", CR_QUOTE_STATEMENT, "Ann Lee");
    expect(&g, "Nous sommes", CR_QUOTE_STATEMENT, "Ann Lee");
    expect(&g, "We will see", CR_QUOTE_STATEMENT, "Ann Lee");
    expect(&g, "The fans deserve", CR_QUOTE_STATEMENT, "Ann Lee");
    got_free(&g);
}

static void test_apostrophes(void **state)
{
    got g;
    (void)state;
    run(&g, "The country's leader didn't say much; the boys' team won in the "
            "'90s and rock'n'roll isn't dead.");
    assert_int_equal(count_kind(&g, CR_QUOTE_STATEMENT), 0);
    assert_int_equal(count_kind(&g, CR_QUOTE_FRAGMENT), 0);
    got_free(&g);
}

static void test_interrupted(void **state)
{
    got g;
    const cr_quote *a, *b;
    (void)state;
    run(&g, "Minister Paul Smith visited the site.\n\n"
            "\"We are not done yet,\" he said, \"and we will finish this "
            "road by the spring.\"");
    a = find(&g, "We are not done");
    b = find(&g, "and we will finish");
    assert_non_null(a);
    assert_non_null(b);
    assert_int_equal(b->cont, (int32_t)(a - g.q));
    assert_true(name_is(a, "Paul Smith"));
    assert_true(name_is(b, "Paul Smith"));
    assert_int_equal(b->kind, CR_QUOTE_STATEMENT);
    got_free(&g);
}

static void test_multi_paragraph(void **state)
{
    got g;
    const cr_quote *a, *b, *c;
    (void)state;
    run(&g, "Governor Ana Ruiz spoke at length.\n\n"
            "\"The first thing we did was listen to people in every town.\n\n"
            "\"Then we wrote the plan with them, line by line.\n\n"
            "\"Now we will build it,\" Ruiz said.");
    a = find(&g, "The first thing");
    b = find(&g, "Then we wrote");
    c = find(&g, "Now we will build");
    assert_non_null(a);
    assert_non_null(b);
    assert_non_null(c);
    assert_int_equal(a->cont, -1);
    assert_int_equal(b->cont, (int32_t)(a - g.q));
    assert_int_equal(c->cont, (int32_t)(b - g.q));
    assert_true(name_is(a, "Ana Ruiz") && name_is(c, "Ana Ruiz"));
    got_free(&g);
}

static void test_fragments(void **state)
{
    got g;
    (void)state;
    run(&g, "Critics called the plan \"reckless\" and a \"giveaway to the rich\".\n"
            "What officials call a \"temporary measure\" has lasted years.\n"
            "\"Fake news\" was trending again.");
    expect(&g, "reckless", CR_QUOTE_FRAGMENT, NULL);
    expect(&g, "giveaway", CR_QUOTE_FRAGMENT, NULL);
    expect(&g, "temporary measure", CR_QUOTE_FRAGMENT, NULL);
    expect(&g, "Fake news", CR_QUOTE_FRAGMENT, NULL);
    got_free(&g);
    /* titles and slogans: capitalised words only */
    run(&g, "\"Make America Great Again.\" The book, \"Doomed to Succeed,\" sold well.");
    expect(&g, "Make America Great Again", CR_QUOTE_FRAGMENT, NULL);
    expect(&g, "Doomed to Succeed", CR_QUOTE_FRAGMENT, NULL);
    got_free(&g);
    /* a one-word sentence of its own is a statement */
    run(&g, "\"No,\" Judge Amy Berg said.");
    expect(&g, "No", CR_QUOTE_STATEMENT, "Amy Berg");
    got_free(&g);
}

static void test_roles(void **state)
{
    got g;
    (void)state;
    run(&g, "French President Emmanuel Macron met German Chancellor Olaf "
            "Scholz in Paris.\n"
            "\"Europe must stand together on energy prices,\" the French "
            "leader said.\n"
            "\"We agree on the goal and on the method,\" the German "
            "chancellor said.\n"
            "\"Nothing has been decided about the budget,\" the leader said.\n"
            "\"This is a good day for the whole union,\" an aide said.");
    expect(&g, "Europe must", CR_QUOTE_STATEMENT, "Emmanuel Macron");
    expect(&g, "We agree", CR_QUOTE_STATEMENT, "Olaf Scholz");
    /* "the leader" fits both: unresolved, never a guess */
    expect(&g, "Nothing has been", CR_QUOTE_STATEMENT, NULL);
    assert_true(find(&g, "Nothing has been")->has_speaker);
    expect(&g, "This is a good day", CR_QUOTE_STATEMENT, NULL);
    got_free(&g);
}

static void test_name_variants(void **state)
{
    got g;
    (void)state;
    run(&g, "North Korean leader Kim Jong-Un arrived by train.\n"
            "\"We came to talk about the future of our region,\" Kim Jong Un "
            "said.\n"
            "\"The talks went very well for both sides,\" Kim said.");
    expect(&g, "We came to talk", CR_QUOTE_STATEMENT, "Kim Jong-Un");
    expect(&g, "The talks went", CR_QUOTE_STATEMENT, "Kim Jong-Un");
    got_free(&g);
}

static void test_pronoun_unresolved(void **state)
{
    got g;
    (void)state;
    run(&g, "\"We will appeal against this ruling today,\" she said.");
    expect(&g, "We will appeal", CR_QUOTE_STATEMENT, NULL);
    assert_true(find(&g, "We will appeal")->has_speaker);
    got_free(&g);
}

static void test_indirect(void **state)
{
    got g;
    (void)state;
    run(&g, "Finance Minister Lena Holt said that the deficit would shrink "
            "next year. Holt told reporters that taxes would not rise.");
    expect(&g, "the deficit would shrink next year", CR_QUOTE_INDIRECT,
           "Lena Holt");
    expect(&g, "taxes would not rise", CR_QUOTE_INDIRECT, "Lena Holt");
    got_free(&g);
    /* without "that": a subject pronoun and an auxiliary open the clause */
    run(&g, "Lena Holt said she was confident about the budget. "
            "Holt said it rained.");
    expect(&g, "she was confident about the budget", CR_QUOTE_INDIRECT,
           "Lena Holt");
    assert_null(find(&g, "it rained"));
    got_free(&g);
}

/* --- failure cases ------------------------------------------------------ */

static void test_unbalanced(void **state)
{
    got g;
    (void)state;
    /* a quotation that never closes before the end */
    run(&g, "Dan Ford said: \"We will fight this in court and we will win");
    assert_true(g.n >= 1);
    assert_true(find(&g, "We will fight") != NULL);
    assert_true(find(&g, "We will fight")->confidence < 0.5);
    got_free(&g);
    /* a stray closing mark */
    run(&g, "The height was 5 ft 10\" and nothing else was said\xE2\x80\x9D here.");
    assert_int_equal(count_kind(&g, CR_QUOTE_STATEMENT), 0);
    got_free(&g);
    /* a lone opening mark in one paragraph does not swallow the next */
    run(&g, "He wrote \xE2\x80\x9C" "and then stopped.\n\n"
            "Nothing else happened that day.\n\n"
            "\"A second quotation stands on its own here,\" Sam Hill said.");
    expect(&g, "A second quotation", CR_QUOTE_STATEMENT, "Sam Hill");
    got_free(&g);
}

static void test_nested(void **state)
{
    got g;
    const cr_quote *q;
    (void)state;
    run(&g, "\"When he told me 'get out of here', I simply left the room,\" "
            "Rosa Park said.");
    q = find(&g, "When he told me");
    assert_non_null(q);
    assert_true(name_is(q, "Rosa Park"));
    assert_true(q->end - q->start > 40); /* the inner quotation does not cut it */
    got_free(&g);
}

static void test_empty_and_args(void **state)
{
    cr_quote *q = (cr_quote *)1;
    size_t n = 7;
    got g;
    (void)state;
    assert_int_equal(cr_extract_quotes("", 0, NULL, NULL, &q, &n), CR_OK);
    assert_null(q);
    assert_int_equal(n, 0);
    assert_int_equal(cr_extract_quotes("x", 1, NULL, NULL, NULL, &n), CR_EINVAL);
    /* no doc: analysed inside */
    assert_int_equal(cr_extract_quotes("\"Yes, we can win this,\" Ed Moss said.",
                                       38, NULL, NULL, &q, &n), CR_OK);
    assert_int_equal(n, 1);
    assert_string_equal(q[0].name, "Ed Moss");
    cr_quotes_free(q, n);
    cr_quotes_free(NULL, 0);
    run(&g, "\"\" \"  \" said nobody.");
    assert_int_equal(g.n, 0);
    got_free(&g);
}

static void test_many_marks_linear(void **state)
{
    size_t n = 200000, i;
    char *s = malloc(n + 1);
    got g;
    (void)state;
    assert_non_null(s);
    for (i = 0; i < n; i++)
        s[i] = (i % 4 == 0) ? '"' : (i % 4 == 2 ? ' ' : 'a');
    s[n] = '\0';
    extract(&g, s, n);
    check_invariants(&g);
    got_free(&g);
    for (i = 0; i < n; i++)
        s[i] = (i % 6 == 5) ? ' ' : (i % 6 == 0 ? 'S' : 'a');
    extract(&g, s, n); /* many capitalised names */
    check_invariants(&g);
    got_free(&g);
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_000),
        cmocka_unit_test(test_seed_004),
        cmocka_unit_test(test_patterns),
        cmocka_unit_test(test_more_patterns),
        cmocka_unit_test(test_mark_styles),
        cmocka_unit_test(test_apostrophes),
        cmocka_unit_test(test_interrupted),
        cmocka_unit_test(test_multi_paragraph),
        cmocka_unit_test(test_fragments),
        cmocka_unit_test(test_roles),
        cmocka_unit_test(test_name_variants),
        cmocka_unit_test(test_pronoun_unresolved),
        cmocka_unit_test(test_indirect),
        cmocka_unit_test(test_unbalanced),
        cmocka_unit_test(test_nested),
        cmocka_unit_test(test_empty_and_args),
        cmocka_unit_test(test_many_marks_linear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
