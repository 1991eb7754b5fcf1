/*
 * test_sentence.c — the sentence splitter (cr_split_sentences) and the
 * paragraph splitter (cr_split_paragraphs): abbreviations, initials, dates,
 * numbers, quotations spanning sentences, paragraph conventions, other
 * scripts, argument checking and pathological inputs that must stay linear.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crossread.h"

/* Split text into sentences and compare with want[] (NULL-terminated). */
static void sents_are(const char *text, const char *const *want)
{
    cr_token *t = NULL;
    cr_span *sp = NULL;
    size_t nt = 0, ns = 0, k, w = 0;
    assert_int_equal(cr_tokenize(text, strlen(text), NULL, &t, &nt), CR_OK);
    assert_int_equal(cr_split_sentences(text, strlen(text), t, nt, &sp, &ns),
                     CR_OK);
    for (k = 0; k < ns; k++) {
        size_t len = sp[k].end - sp[k].start;
        if (!want[k])
            fail_msg("extra sentence %zu: '%.*s'", k, (int)len,
                     text + sp[k].start);
        if (strlen(want[k]) != len || memcmp(want[k], text + sp[k].start, len))
            fail_msg("sentence %zu is '%.*s', want '%s'", k, (int)len,
                     text + sp[k].start, want[k]);
    }
    while (want[w])
        w++;
    if (w != ns)
        fail_msg("%zu sentences, want %zu ('%s' missing)", ns, w, want[ns]);
    free(t);
    free(sp);
}

#define SENTS(text, ...)                                                   \
    do {                                                                   \
        static const char *const want_[] = {__VA_ARGS__, NULL};            \
        sents_are(text, want_);                                            \
    } while (0)

static void test_basic(void **state)
{
    (void)state;
    SENTS("One. Two! Three? Four", "One.", "Two!", "Three?", "Four");
    SENTS("Really?! Yes... And then? Nothing.", "Really?!", "Yes...",
          "And then?", "Nothing.");
    SENTS("Wait… Then go.", "Wait…", "Then go.");
    SENTS("no space.Next one", "no space.Next one");
    SENTS("Putin.(Reuters)", "Putin.(Reuters)");
    SENTS("It ended. 25 people died.", "It ended.", "25 people died.");
    SENTS("lower. case next", "lower. case next");
    SENTS("(He left.) Then she came.", "(He left.)", "Then she came.");
    SENTS("", NULL);
}

static void test_abbreviations(void **state)
{
    (void)state;
    SENTS("RIA Novosti reported on Sept. 13. It was late.",
          "RIA Novosti reported on Sept. 13.", "It was late.");
    SENTS("Mr. Smith met Dr. Jones and Gen. Lee.", "Mr. Smith met Dr. Jones "
                                                   "and Gen. Lee.");
    SENTS("Mrs. Ms. Prof. Sen. Rep. Gov. Lt. Col. Sgt. Jr. went home.",
          "Mrs. Ms. Prof. Sen. Rep. Gov. Lt. Col. Sgt. Jr. went home.");
    SENTS("He works in the U.S. The pay is good.", "He works in the U.S.",
          "The pay is good.");
    SENTS("The U.S. Army and the U.N. Security Council met.",
          "The U.S. Army and the U.N. Security Council met.");
    SENTS("It starts at 10 a.m. Monday and ends at 5 p.m. It was fun.",
          "It starts at 10 a.m. Monday and ends at 5 p.m.", "It was fun.");
    SENTS("No. 10 said no. Then it rained.", "No. 10 said no.",
          "Then it rained.");
    SENTS("The answer was No. The end.", "The answer was No.", "The end.");
    SENTS("Apple vs. Samsung, e.g. Galaxy, i.e. Android.",
          "Apple vs. Samsung, e.g. Galaxy, i.e. Android.");
    SENTS("Apples, pears etc. Nothing else.", "Apples, pears etc.",
          "Nothing else.");
    SENTS("Born Jan. 5, he died Dec. 31. His son lived.",
          "Born Jan. 5, he died Dec. 31.", "His son lived.");
    SENTS("Acme Inc. said so. Acme Inc. The firm grew.", "Acme Inc. said so.",
          "Acme Inc.", "The firm grew.");
}

static void test_initials(void **state)
{
    (void)state;
    SENTS("George W. Bush and J. K. Rowling met.",
          "George W. Bush and J. K. Rowling met.");
    SENTS("He chose plan B. The rest failed.", "He chose plan B.",
          "The rest failed.");
}

static void test_numbers(void **state)
{
    (void)state;
    SENTS("Growth was 4.5 percent. Prices rose 1,000.50 dollars.",
          "Growth was 4.5 percent.", "Prices rose 1,000.50 dollars.");
    SENTS("It cost $5. $6 was asked.", "It cost $5.", "$6 was asked.");
    SENTS("In 1953. The war ended.", "In 1953.", "The war ended.");
}

static void test_quotations(void **state)
{
    (void)state;
    /* an attribution continues the sentence across the quote's stops */
    SENTS("\"I came. I saw,\" he said. Then he left.",
          "\"I came. I saw,\" he said.", "Then he left.");
    SENTS("\"We won. Are we happy?\" he asked.",
          "\"We won. Are we happy?\" he asked.");
    SENTS("“We won. We played well,” Kim said. Fans cheered.",
          "“We won. We played well,” Kim said.", "Fans cheered.");
    /* no attribution: split inside, the closing quote stays before */
    SENTS("He said: \"We won. We are happy.\" Then he left.",
          "He said: \"We won.", "We are happy.\"", "Then he left.");
    SENTS("He wrote \"Bye.\" She did not.", "He wrote \"Bye.\"",
          "She did not.");
    SENTS("\"Stop!\" she cried.", "\"Stop!\" she cried.");
    SENTS("It was “evil”. Then peace.", "It was “evil”.", "Then peace.");
    /* a new quotation may start a sentence */
    SENTS("He left. \"Why?\" she asked.", "He left.", "\"Why?\" she asked.");
    /* German and French marks */
    SENTS("Er sagte: „Wir siegen.“ Dann ging er.",
          "Er sagte: „Wir siegen.“", "Dann ging er.");
    SENTS("Il a dit : « Nous gagnerons. » Puis il est parti.",
          "Il a dit : « Nous gagnerons. »", "Puis il est parti.");
    SENTS("« Vraiment ? » demanda-t-il.", "« Vraiment ? » demanda-t-il.");
}

static void test_tokenized_corpus(void **state)
{
    (void)state;
    /* ECB+: spaced punctuation, straight quotes with spaces, `` '' */
    SENTS("Patrick said Monday morning : \" If it's true , it is . \" He then "
          "left .",
          "Patrick said Monday morning : \" If it's true , it is . \"",
          "He then left .");
    SENTS("He said `` we won . '' The end .", "He said `` we won . ''",
          "The end .");
    SENTS("eight years.. . Teixeira is here.", "eight years.. .",
          "Teixeira is here.");
}

static void test_paragraph_breaks(void **state)
{
    (void)state;
    /* single-newline text: every newline ends a sentence */
    SENTS("Reported on Sept.\nMr.\nNext line", "Reported on Sept.", "Mr.",
          "Next line");
    SENTS("no stop here\nand here", "no stop here", "and here");
    /* blank-line text: single newlines are line wraps */
    SENTS("A wrapped\nline. Two.\n\nNew para\n  \nThird",
          "A wrapped\nline.", "Two.", "New para", "Third");
    SENTS("“Open quote\n\nNew para.”", "“Open quote", "New para.”");
    /* a bulleted line starts a sentence even inside a paragraph */
    SENTS("Awards:\n - Best one\n* Best two\n\nNext para.", "Awards:",
          "- Best one", "* Best two", "Next para.");
}

static void test_scripts(void **state)
{
    (void)state;
    SENTS("Путин сказал: «Мы победим». Он уехал.",
          "Путин сказал: «Мы победим».", "Он уехал.");
    SENTS("中国的首都是北京。他说：“好！”我们走吧。", "中国的首都是北京。",
          "他说：“好！”", "我们走吧。");
    SENTS("هل أنت هنا؟ نعم.", "هل أنت هنا؟", "نعم.");
}

/* Sentences are ordered, non-empty and start and end on token bounds. */
static void check_sents(const char *text, size_t len)
{
    cr_token *t;
    cr_span *sp;
    size_t nt, ns, k, j = 0;
    assert_int_equal(cr_tokenize(text, len, NULL, &t, &nt), CR_OK);
    assert_int_equal(cr_split_sentences(text, len, t, nt, &sp, &ns), CR_OK);
    assert_true(ns <= nt);
    if (nt)
        assert_true(ns > 0);
    for (k = 0; k < ns; k++) {
        assert_true(sp[k].start < sp[k].end);
        if (k)
            assert_true(sp[k - 1].end <= sp[k].start);
        while (j < nt && t[j].start < sp[k].start)
            j++;
        assert_true(j < nt && t[j].start == sp[k].start);
        while (j < nt && t[j].end < sp[k].end)
            j++;
        assert_true(j < nt && t[j].end == sp[k].end);
    }
    if (nt) {
        assert_int_equal(sp[0].start, t[0].start);
        assert_int_equal(sp[ns - 1].end, t[nt - 1].end);
    }
    free(t);
    free(sp);
}

static void test_random_bounds(void **state)
{
    static const char *const atoms[] = {
        "A", "b", ".", " ", "\n", "\n\n", "\"", "“", "”", "'", "?", "!",
        "Mr", "U.S.", ",", "…", "。", "(", ")", "5", "he", "The", "»", "«"};
    unsigned seed = 99;
    int round;
    (void)state;
    for (round = 0; round < 3000; round++) {
        char buf[400];
        size_t len = 0, na = sizeof atoms / sizeof atoms[0];
        while (len < sizeof buf - 8) {
            const char *a;
            seed = seed * 1103515245u + 12345u;
            a = atoms[(seed >> 16) % na];
            memcpy(buf + len, a, strlen(a));
            len += strlen(a);
            if ((seed >> 9) % 61 == 0)
                break;
        }
        check_sents(buf, len);
    }
}

static void test_bad_tokens(void **state)
{
    const char *s = "ab cd";
    cr_token t[2] = {{3, 5, CR_TOK_WORD, 0}, {0, 2, CR_TOK_WORD, 0}};
    cr_span *sp = (cr_span *)1;
    size_t n = 9;
    (void)state;
    /* out of order */
    assert_int_equal(cr_split_sentences(s, 5, t, 2, &sp, &n), CR_EINVAL);
    assert_null(sp);
    assert_int_equal(n, 0);
    /* past the end */
    t[0].start = 0;
    t[0].end = 2;
    t[1].start = 3;
    t[1].end = 6;
    assert_int_equal(cr_split_sentences(s, 5, t, 2, &sp, &n), CR_EINVAL);
    /* empty token */
    t[1].end = 3;
    assert_int_equal(cr_split_sentences(s, 5, t, 2, &sp, &n), CR_EINVAL);
    /* overlapping */
    t[1].start = 1;
    t[1].end = 5;
    assert_int_equal(cr_split_sentences(s, 5, t, 2, &sp, &n), CR_EINVAL);
    /* fine */
    t[1].start = 3;
    assert_int_equal(cr_split_sentences(s, 5, t, 2, &sp, &n), CR_OK);
    assert_int_equal(n, 1);
    assert_int_equal(sp[0].start, 0);
    assert_int_equal(sp[0].end, 5);
    free(sp);
    assert_int_equal(cr_split_sentences(NULL, 5, t, 2, &sp, &n), CR_EINVAL);
    assert_int_equal(cr_split_sentences(s, 5, NULL, 2, &sp, &n), CR_EINVAL);
    assert_int_equal(cr_split_sentences(s, 5, t, 2, NULL, &n), CR_EINVAL);
    assert_int_equal(cr_split_sentences(s, 5, NULL, 0, &sp, &n), CR_OK);
    assert_null(sp);
    assert_int_equal(n, 0);
}

/* Paragraph spans of text, compared with want[] (NULL-terminated). */
static void paras_are(const char *text, const char *const *want)
{
    cr_span *sp = NULL;
    size_t n = 0, k, w = 0;
    assert_int_equal(cr_split_paragraphs(text, strlen(text), &sp, &n), CR_OK);
    for (k = 0; k < n; k++) {
        size_t len = sp[k].end - sp[k].start;
        if (!want[k])
            fail_msg("extra paragraph '%.*s'", (int)len, text + sp[k].start);
        if (strlen(want[k]) != len || memcmp(want[k], text + sp[k].start, len))
            fail_msg("paragraph %zu is '%.*s', want '%s'", k, (int)len,
                     text + sp[k].start, want[k]);
    }
    while (want[w])
        w++;
    assert_int_equal(n, w);
    free(sp);
}

#define PARAS(text, ...)                                                   \
    do {                                                                   \
        static const char *const want_[] = {__VA_ARGS__, NULL};            \
        paras_are(text, want_);                                            \
    } while (0)

static void test_paragraphs(void **state)
{
    cr_span *sp = (cr_span *)1;
    size_t n = 3;
    (void)state;
    PARAS("One\nTwo\n Three ", "One", "Two", "Three");
    PARAS("One\nstill one\n\nTwo\n \t\nThree", "One\nstill one", "Two",
          "Three");
    PARAS("\n\n  Lead blank lines\nand trailing\n\n\n", "Lead blank lines",
          "and trailing");
    PARAS("A\r\n\r\nB\r\nC", "A", "B\r\nC");
    PARAS("Only\xC2\xA0" "nbsp\n\xC2\xA0\nafter", "Only\xC2\xA0" "nbsp",
          "after");
    PARAS("   \n \n", NULL);
    PARAS("x", "x");
    assert_int_equal(cr_split_paragraphs(NULL, 0, &sp, &n), CR_OK);
    assert_null(sp);
    assert_int_equal(n, 0);
    assert_int_equal(cr_split_paragraphs(NULL, 1, &sp, &n), CR_EINVAL);
    assert_int_equal(cr_split_paragraphs("x", 1, NULL, &n), CR_EINVAL);
}

/* Tokenize and split len bytes of `unit` repeated, within secs. */
static void patho(const char *unit, size_t len, double secs)
{
    size_t ul = strlen(unit), i, nt, ns, np;
    char *buf = malloc(len);
    cr_token *t;
    cr_span *sp, *pp;
    clock_t c0;
    double dt;
    assert_non_null(buf);
    for (i = 0; i + ul <= len; i += ul)
        memcpy(buf + i, unit, ul);
    len = i;
    c0 = clock();
    assert_int_equal(cr_tokenize(buf, len, NULL, &t, &nt), CR_OK);
    assert_int_equal(cr_split_sentences(buf, len, t, nt, &sp, &ns), CR_OK);
    assert_int_equal(cr_split_paragraphs(buf, len, &pp, &np), CR_OK);
    dt = (double)(clock() - c0) / CLOCKS_PER_SEC;
    if (dt > secs)
        fail_msg("'%s' x %zu took %.2fs", unit, len / ul, dt);
    free(t);
    free(sp);
    free(pp);
    free(buf);
}

static void test_pathological(void **state)
{
    const size_t big = (size_t)10 << 20;
    (void)state;
    patho(".", big, 30.0);
    patho(". ", big, 30.0);
    patho("A. ", big, 30.0);
    patho("\" ", big, 30.0);
    patho("“", big, 30.0);     /* ever deeper quotations */
    patho("“a ", big, 30.0);
    patho("”. ", big, 30.0);
    patho("\"a. b,\" ", big, 30.0);
    patho("\n", big, 30.0);
    patho("a\n\n", big, 30.0);
    patho("Mr. ", big, 30.0);
    patho("a", big, 30.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),
        cmocka_unit_test(test_abbreviations),
        cmocka_unit_test(test_initials),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_quotations),
        cmocka_unit_test(test_tokenized_corpus),
        cmocka_unit_test(test_paragraph_breaks),
        cmocka_unit_test(test_scripts),
        cmocka_unit_test(test_random_bounds),
        cmocka_unit_test(test_bad_tokens),
        cmocka_unit_test(test_paragraphs),
        cmocka_unit_test(test_pathological),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
