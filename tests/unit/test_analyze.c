/*
 * test_analyze.c — match keys (cr_fold), Snowball stemming, language
 * identification and the analysed document (cr_doc_*).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "crossread.h"
#include "text/langvote.h"

static void fold_is(const char *in, const char *want)
{
    char *out = NULL;
    size_t n = 0;
    assert_int_equal(cr_fold(in, strlen(in), &out, &n), CR_OK);
    assert_string_equal(out, want);
    assert_int_equal(n, strlen(want));
    free(out);
}

static void test_fold(void **state)
{
    (void)state;
    fold_is("Kim Jong-Un", "kim jong-un");
    fold_is("KOREA’S", "korea's");
    fold_is("Jong\xE2\x80\x91Un", "jong-un");       /* non-breaking hyphen */
    fold_is("Müller", "muller");
    fold_is("ÉTÉ", "ete");
    fold_is("Straße", "strasse");                   /* full case folding */
    fold_is("ＴＡＳＳ", "tass");                      /* NFKC: fullwidth */
    fold_is("ﬁnance", "finance");                   /* NFKC: ligature */
    fold_is("Путин", "путин");
    fold_is("", "");
}

static void test_fold_rejects_invalid(void **state)
{
    char *out = (char *)1;
    size_t n;
    (void)state;
    assert_int_equal(cr_fold("a\xff", 2, &out, &n), CR_EUTF8);
    assert_null(out);
    assert_int_equal(cr_fold(NULL, 0, &out, &n), CR_EINVAL);
}

static void stem_is(cr_stemmer *st, const char *w, const char *want)
{
    const char *s;
    size_t n;
    assert_int_equal(cr_stem(st, w, strlen(w), &s, &n), CR_OK);
    assert_int_equal(n, strlen(want));
    assert_memory_equal(s, want, n);
}

static void test_stem(void **state)
{
    cr_stemmer *en = NULL, *de = NULL, *ru = NULL, *none = (cr_stemmer *)1;
    (void)state;
    assert_int_equal(cr_stemmer_new("en", &en), CR_OK);
    assert_int_equal(cr_stemmer_new("de", &de), CR_OK);
    assert_int_equal(cr_stemmer_new("ru", &ru), CR_OK);
    stem_is(en, "convinced", "convinc");
    stem_is(en, "victories", "victori");
    stem_is(en, "talks", "talk");
    stem_is(de, "verhandlungen", "verhandl");
    stem_is(ru, "переговоры", "переговор");
    assert_int_equal(cr_stemmer_new("xx", &none), CR_ELANG);
    assert_null(none);
    cr_stemmer_free(en);
    cr_stemmer_free(de);
    cr_stemmer_free(ru);
    cr_stemmer_free(NULL);
}

static void lang_is(const char *text, const char *want)
{
    char code[8];
    int rel = -1;
    assert_int_equal(cr_detect_language(text, strlen(text), code, &rel),
                     CR_OK);
    assert_string_equal(code, want);
    assert_int_equal(rel, strcmp(want, "und") != 0);
}

static void test_language(void **state)
{
    (void)state;
    lang_is("North Korean leader Kim Jong Un told Russian president Vladimir "
            "Putin via a translator that he was sure that the Russian army "
            "and people would triumph.", "en");
    lang_is("Der nordkoreanische Machthaber Kim Jong Un hat dem russischen "
            "Präsidenten Wladimir Putin bei einem Treffen seine "
            "Unterstützung zugesichert.", "de");
    lang_is("Le dirigeant nord-coréen Kim Jong-un a assuré au président "
            "russe Vladimir Poutine que son pays soutiendrait la Russie.",
            "fr");
    lang_is("Лидер КНДР Ким Чен Ын заявил президенту России Владимиру "
            "Путину, что уверен в победе российской армии.", "ru");
    lang_is("", "und");
    lang_is("1953 2023 4.5 200,000", "und");
}

static void test_doc(void **state)
{
    const char *t = "Kim said \"we will win.\" Putin agreed.\n\nMr. Peskov "
                    "spoke on Sept. 13 in the U.S. embassy.";
    cr_doc *d = NULL;
    size_t n, i;
    const cr_span *s;
    const cr_token *tok;
    (void)state;
    assert_int_equal(cr_doc_analyze(t, strlen(t), NULL, NULL, &d), CR_OK);
    s = cr_doc_paragraphs(d, &n);
    assert_int_equal(n, 2);
    assert_int_equal(s[0].start, 0);
    s = cr_doc_sentences(d, &n);
    assert_int_equal(n, 3);
    assert_memory_equal(t + s[2].start, "Mr. Peskov", 10);
    assert_int_equal(t[s[2].end - 1], '.');
    tok = cr_doc_tokens(d, &n);
    assert_true(n > 15);
    for (i = 1; i < n; i++)
        assert_true(tok[i].start >= tok[i - 1].end);
    assert_string_equal(cr_doc_lang(d), "en");
    cr_doc_free(d);

    /* a given language skips detection */
    assert_int_equal(cr_doc_analyze(t, strlen(t), "de", NULL, &d), CR_OK);
    assert_string_equal(cr_doc_lang(d), "de");
    assert_int_equal(cr_doc_lang_reliable(d), 1);
    cr_doc_free(d);
    cr_doc_free(NULL);
}

static int vote(const char *text, char code[8])
{
    cr_token *t = NULL;
    size_t n = 0;
    int r;
    assert_int_equal(cr_tokenize(text, strlen(text), NULL, &t, &n), CR_OK);
    r = cri_lang_vote(text, t, n, code);
    free(t);
    return r;
}

static void doc_lang_is(const char *text, const char *want)
{
    cr_doc *d = NULL;
    assert_int_equal(cr_doc_analyze(text, strlen(text), NULL, NULL, &d), CR_OK);
    assert_string_equal(cr_doc_lang(d), want);
    cr_doc_free(d);
}

/* The stopword vote decides long texts, abstains on short, mixed or
 * non-Latin ones (CLD2 decides those), and the doc gets it right either
 * way. */
static void test_language_vote(void **state)
{
    char code[8] = "";
    const char *en =
        "The meeting comes as Western intelligence agencies suspect that "
        "Russia is looking to acquire North Korean weapons and ammunition to "
        "use in its military campaign in Ukraine. Both Moscow and Pyongyang "
        "have denied the claims. At the meeting, the president toasted the "
        "strengthening of future cooperation with the country and said that "
        "it was for the health of all of those who were present.";
    const char *de =
        "Die Bundesregierung hat am Mittwoch ein neues Gesetz beschlossen, "
        "das nach Angaben des Ministeriums noch in diesem Jahr in Kraft "
        "treten soll. Die Opposition kritisierte das Verfahren, weil die "
        "Abgeordneten nicht genug Zeit für die Beratung gehabt hätten und "
        "auch die Länder nicht gehört worden seien. Der Minister sagte, es "
        "gebe keine Alternative zu dem Plan.";
    const char *fr =
        "Le gouvernement a présenté mercredi un projet de loi qui doit "
        "entrer en vigueur avant la fin de l'année. Les députés de "
        "l'opposition ont critiqué une procédure qu'ils jugent trop rapide, "
        "et ils ont demandé que le texte soit examiné par une commission. Le "
        "ministre a répondu qu'il n'y avait pas d'autre solution pour le "
        "pays et que la réforme serait appliquée dans les mois qui viennent.";
    (void)state;
    assert_int_equal(vote(en, code), 1);
    assert_string_equal(code, "en");
    assert_int_equal(vote(de, code), 1);
    assert_string_equal(code, "de");
    /* Romance languages share many function words: the vote may leave
     * French to CLD2, but must never name another language. */
    if (vote(fr, code))
        assert_string_equal(code, "fr");
    assert_int_equal(vote("The talks lasted five hours.", code), 0);
    assert_int_equal(vote("Лидер КНДР Ким Чен Ын заявил президенту России "
                          "Владимиру Путину, что уверен в победе российской "
                          "армии и народа в этой войне и что он всегда будет "
                          "вместе с Россией в борьбе против империализма.",
                          code), 0);
    doc_lang_is(en, "en");
    doc_lang_is(de, "de");
    doc_lang_is(fr, "fr");
    doc_lang_is("Лидер КНДР Ким Чен Ын заявил президенту России Владимиру "
                "Путину, что уверен в победе российской армии.", "ru");
}

static void test_doc_limit(void **state)
{
    cr_limits lim;
    cr_doc *d = (cr_doc *)1;
    (void)state;
    cr_limits_default(&lim);
    lim.max_article_bytes = 10;
    assert_int_equal(cr_doc_analyze("0123456789ab", 12, NULL, &lim, &d),
                     CR_ELIMIT);
    assert_null(d);
}

static void test_strerror(void **state)
{
    int s;
    (void)state;
    for (s = CR_OK; s <= CR_ELANG; s++)
        assert_true(strlen(cr_strerror((cr_status)s)) > 1);
    assert_string_equal(cr_strerror((cr_status)999), "unknown status");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fold),
        cmocka_unit_test(test_fold_rejects_invalid),
        cmocka_unit_test(test_stem),
        cmocka_unit_test(test_language),
        cmocka_unit_test(test_doc),
        cmocka_unit_test(test_language_vote),
        cmocka_unit_test(test_doc_limit),
        cmocka_unit_test(test_strerror),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
