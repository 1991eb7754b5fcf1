/*
 * test_stopwords.c — the stopword lists and cr_is_stopword().
 *
 * Checks the lists themselves (strictly sorted, no duplicates, bounded
 * length, in folded form), that every entry is found when handed over
 * without a terminating NUL, a few hits and misses per language, the
 * language codes that are accepted, and the edge cases of the lookup.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "text/stopwords.h"
#include "util/util.h"

/* The languages the lists cover, in the order cri_stopword_lang() gives. */
static const char *const expected_langs[] = {
    "da", "de", "en", "es", "fi", "fr", "hu", "id", "it",
    "nl", "no", "pl", "pt", "ro", "ru", "sv", "tr",
};
#define NLANGS (sizeof(expected_langs) / sizeof(expected_langs[0]))

/* Look s up through a heap copy of exactly strlen(s) bytes, with no NUL
 * after it, so that AddressSanitizer catches any read past len. */
static int lookup(const char *lang, const char *s)
{
    size_t len = strlen(s);
    char *buf = malloc(len ? len : 1);
    int r;

    assert_non_null(buf);
    memcpy(buf, s, len);
    r = cr_is_stopword(lang, buf, len);
    free(buf);
    return r;
}

static void test_languages(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < NLANGS; i++) {
        const char *code = cri_stopword_lang(i);
        assert_non_null(code);
        assert_string_equal(code, expected_langs[i]);
    }
    assert_null(cri_stopword_lang(NLANGS));
    assert_null(cri_stopword_lang((size_t)-1));
}

static void test_lists_sorted_unique(void **state)
{
    size_t i, j;

    (void)state;
    for (i = 0; i < NLANGS; i++) {
        size_t n = 0;
        const char *const *list = cri_stopword_list(expected_langs[i], &n);
        assert_non_null(list);
        assert_int_equal(n, cri_stopword_count(expected_langs[i]));
        assert_in_range(n, 100, 300);
        for (j = 0; j < n; j++) {
            size_t len = strlen(list[j]);
            assert_in_range(len, 1, CRI_STOPWORD_MAX_BYTES);
            if (j > 0 && strcmp(list[j - 1], list[j]) >= 0)
                fail_msg("%s: \"%s\" does not sort before \"%s\"",
                         expected_langs[i], list[j - 1], list[j]);
        }
    }
}

/* Is s[i..] one of the letters that survive folding in Latin-script lists
 * (æ ø ł ı)? Returns its byte length, or 0. */
static size_t kept_latin_letter(const unsigned char *s)
{
    if (s[0] == 0xC3 && (s[1] == 0xA6 || s[1] == 0xB8))
        return 2; /* æ ø */
    if ((s[0] == 0xC5 && s[1] == 0x82) || (s[0] == 0xC4 && s[1] == 0xB1))
        return 2; /* ł ı */
    return 0;
}

/* Lowercase Cyrillic а..я (U+0430..U+044F), "ё" excluded since it folds to
 * "е". Returns the byte length, or 0. */
static size_t cyrillic_lower(const unsigned char *s)
{
    if (s[0] == 0xD0 && s[1] >= 0xB0 && s[1] <= 0xBF)
        return 2;
    if (s[0] == 0xD1 && s[1] >= 0x80 && s[1] <= 0x8F)
        return 2;
    return 0;
}

/* Every entry is in folded form: lowercase, no diacritics left. */
static void test_lists_folded(void **state)
{
    size_t i, j;

    (void)state;
    for (i = 0; i < NLANGS; i++) {
        size_t n = 0;
        const char *const *list = cri_stopword_list(expected_langs[i], &n);
        int cyrillic = strcmp(expected_langs[i], "ru") == 0;
        for (j = 0; j < n; j++) {
            const unsigned char *w = (const unsigned char *)list[j];
            size_t k = 0;
            while (w[k] != '\0') {
                size_t adv = 0;
                if (w[k] == '-' || w[k] == '\'')
                    adv = 1;
                else if (!cyrillic && w[k] >= 'a' && w[k] <= 'z')
                    adv = 1;
                else if (cyrillic)
                    adv = cyrillic_lower(w + k);
                else
                    adv = kept_latin_letter(w + k);
                if (adv == 0)
                    fail_msg("%s: \"%s\" is not in folded form",
                             expected_langs[i], list[j]);
                k += adv;
            }
        }
    }
}

static void test_every_entry_found(void **state)
{
    size_t i, j;

    (void)state;
    for (i = 0; i < NLANGS; i++) {
        size_t n = 0;
        const char *const *list = cri_stopword_list(expected_langs[i], &n);
        for (j = 0; j < n; j++)
            if (!lookup(expected_langs[i], list[j]))
                fail_msg("%s: \"%s\" not found", expected_langs[i], list[j]);
    }
}

struct lang_words {
    const char *lang;
    const char *words[12]; /* NULL-terminated */
};

static const struct lang_words hits[] = {
    {"en", {"the", "a", "of", "and", "which", "don't", "it's", "won't",
            "themselves", NULL}},
    {"de", {"der", "und", "fur", "uber", "dass", "wurde", "konnen",
            "wahrend", NULL}},
    {"fr", {"le", "et", "ete", "etre", "ou", "deja", "tres", "ca", "qu",
            NULL}},
    {"es", {"el", "y", "mas", "tambien", "segun", "despues", "aun", NULL}},
    {"it", {"il", "e", "perche", "piu", "gia", "cosi", "dell", NULL}},
    {"pt", {"o", "nao", "voce", "tambem", "ate", "apos", "sao", NULL}},
    {"nl", {"de", "het", "een", "niet", "omdat", "zijn", NULL}},
    {"sv", {"och", "att", "ar", "fran", "ocksa", "over", "nagon", NULL}},
    {"da", {"og", "ikke", "ogsa", "nar", "være", "vaere", "ifølge",
            "ifolge", NULL}},
    {"no", {"og", "ikke", "ikkje", "a", "pa", "eg", "kva", "sjøl", "sjol",
            NULL}},
    {"fi", {"ja", "etta", "han", "mutta", "myos", "tama", "olivat", NULL}},
    {"ru", {"и", "в", "что", "ее", "еще", "мои", "мой", "которыи",
            "который", "из-за", NULL}},
    {"pl", {"i", "sie", "ze", "był", "byl", "wlasnie", "własnie", "ktory",
            NULL}},
    {"tr", {"ve", "bir", "icin", "degil", "artık", "artik", "cok", "mı",
            NULL}},
    {"hu", {"a", "az", "es", "hogy", "meg", "mar", "kozott", "o", NULL}},
    {"ro", {"si", "in", "sa", "ca", "aceasta", "dupa", "insa", NULL}},
    {"id", {"yang", "dan", "di", "tidak", "tersebut", "adalah", NULL}},
};

static void test_hits(void **state)
{
    size_t i, j;

    (void)state;
    for (i = 0; i < sizeof(hits) / sizeof(hits[0]); i++)
        for (j = 0; hits[i].words[j]; j++)
            if (!lookup(hits[i].lang, hits[i].words[j]))
                fail_msg("%s: \"%s\" should be a stopword", hits[i].lang,
                         hits[i].words[j]);
}

/* Content words, and function words left out because their folded form is
 * also a content word (see stopwords.c). */
static const struct lang_words misses[] = {
    {"en", {"us", "said", "government", "one", "thee", "th", "whos",
            NULL}},
    {"de", {"regierung", "für", "über", "eins", NULL}},
    {"fr", {"gouvernement", "été", "or", NULL}},
    {"es", {"gobierno", "más", "uno", NULL}},
    {"ru", {"путин", "корея", "правительство", "два", NULL}},
    {"tr", {"kim", "su", "hukumet", NULL}},
    {"hu", {"ok", "kormany", NULL}},
    {"da", {"maske", "far", "regeringen", NULL}},
    {"sv", {"far", "regeringen", NULL}},
    {"no", {"far", "regjeringen", NULL}},
    {"pl", {"rzad", "dwa", NULL}},
    {"id", {"pemerintah", NULL}},
};

static void test_misses(void **state)
{
    static const char *const everywhere[] = {"putin", "korea", "victory",
                                             "jong", "seoul", NULL};
    size_t i, j;

    (void)state;
    for (i = 0; i < sizeof(misses) / sizeof(misses[0]); i++)
        for (j = 0; misses[i].words[j]; j++)
            if (lookup(misses[i].lang, misses[i].words[j]))
                fail_msg("%s: \"%s\" should not be a stopword",
                         misses[i].lang, misses[i].words[j]);
    for (i = 0; i < NLANGS; i++)
        for (j = 0; everywhere[j]; j++)
            if (lookup(expected_langs[i], everywhere[j]))
                fail_msg("%s: \"%s\" should not be a stopword",
                         expected_langs[i], everywhere[j]);
}

static void test_language_codes(void **state)
{
    size_t n = 7;

    (void)state;
    /* unknown, undetermined or malformed codes: never a stopword */
    assert_false(cr_is_stopword(NULL, "the", 3));
    assert_false(cr_is_stopword("", "the", 3));
    assert_false(cr_is_stopword("und", "the", 3));
    assert_false(cr_is_stopword("xx", "the", 3));
    assert_false(cr_is_stopword("e", "the", 3));
    assert_false(cr_is_stopword("eng", "the", 3));
    assert_false(cr_is_stopword("english", "the", 3));
    assert_false(cr_is_stopword("-en", "the", 3));
    assert_false(cr_is_stopword("zh", "the", 3));
    assert_int_equal(cri_stopword_count(NULL), 0);
    assert_int_equal(cri_stopword_count("und"), 0);
    assert_null(cri_stopword_list("und", &n));
    assert_int_equal(n, 0);
    assert_null(cri_stopword_list(NULL, NULL));

    /* case and region subtags are ignored */
    assert_true(cr_is_stopword("EN", "the", 3));
    assert_true(cr_is_stopword("en-GB", "the", 3));
    assert_true(cr_is_stopword("en_US", "the", 3));
    assert_true(cr_is_stopword("pt-BR", "nao", 3));

    /* Norwegian under all three codes, one list */
    assert_true(cri_stopword_count("no") > 0);
    assert_int_equal(cri_stopword_count("nb"), cri_stopword_count("no"));
    assert_int_equal(cri_stopword_count("nn"), cri_stopword_count("no"));
    assert_true(cr_is_stopword("nb", "ikke", 4));
    assert_true(cr_is_stopword("nn", "ikkje", 5));

    /* a word is a stopword only in its own language */
    assert_true(cr_is_stopword("de", "und", 3));
    assert_false(cr_is_stopword("en", "und", 3));
    assert_false(cr_is_stopword("de", "the", 3));
}

static void test_bounds(void **state)
{
    char big[CRI_STOPWORD_MAX_BYTES + 8];

    (void)state;
    assert_false(cr_is_stopword("en", NULL, 3));
    assert_false(cr_is_stopword("en", "the", 0));
    assert_false(cr_is_stopword("en", NULL, 0));

    /* len, not the NUL, ends the word */
    assert_true(cr_is_stopword("en", "thex", 3));
    assert_false(cr_is_stopword("en", "thex", 2));
    assert_true(cr_is_stopword("en", "a long sentence", 1));
    assert_false(cr_is_stopword("en", "t\0e", 3));
    assert_false(cr_is_stopword("en", "the\0", 4));

    /* prefixes and extensions of stopwords */
    assert_false(lookup("en", "th"));
    assert_false(lookup("en", "thes"));
    assert_false(lookup("en", "zzzz"));
    assert_false(lookup("en", "\xff\xfe"));
    assert_false(lookup("ru", "\xd0"));

    /* over-long words are rejected without being compared */
    memset(big, 'a', sizeof big);
    assert_false(cr_is_stopword("en", big, sizeof big));
    assert_false(cr_is_stopword("en", big, (size_t)-1));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_languages),
        cmocka_unit_test(test_lists_sorted_unique),
        cmocka_unit_test(test_lists_folded),
        cmocka_unit_test(test_every_entry_found),
        cmocka_unit_test(test_hits),
        cmocka_unit_test(test_misses),
        cmocka_unit_test(test_language_codes),
        cmocka_unit_test(test_bounds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
