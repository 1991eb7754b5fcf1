/*
 * test_token.c — the tokenizer (cr_tokenize): token kinds, flags and
 * offsets on the tricky cases of news text, every quote-mark style,
 * invalid UTF-8, the token-length limit, argument errors, a randomized
 * coverage property and pathological inputs that must stay linear.
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

/* Tokenize text and compare with spec: space-separated items TEXT/CODE,
 * split at the item's last '/'. CODE is the kind (w n p q s) followed by
 * flags: o (open), c (close), C (capitalized). */
static void toks_lim(const char *text, const cr_limits *lim, const char *spec)
{
    cr_token *t = NULL;
    size_t n = 0, k = 0;
    const char *p = spec;
    char item[256];
    assert_int_equal(cr_tokenize(text, strlen(text), lim, &t, &n), CR_OK);
    while (*p) {
        const char *e = strchr(p, ' '), *slash;
        size_t len = e ? (size_t)(e - p) : strlen(p), tl;
        unsigned flags = 0;
        int kind = 0;
        const char *c;
        assert_true(len < sizeof item);
        memcpy(item, p, len);
        item[len] = '\0';
        p += len;
        while (*p == ' ')
            p++;
        if (len == 0)
            continue;
        slash = strrchr(item, '/');
        assert_non_null(slash);
        tl = (size_t)(slash - item);
        switch (slash[1]) {
        case 'w': kind = CR_TOK_WORD; break;
        case 'n': kind = CR_TOK_NUMBER; break;
        case 'p': kind = CR_TOK_PUNCT; break;
        case 'q': kind = CR_TOK_QUOTE; break;
        case 's': kind = CR_TOK_SYMBOL; break;
        default: fail_msg("bad spec item %s", item);
        }
        for (c = slash + 2; *c; c++)
            flags |= *c == 'o' ? CR_QUOTE_OPEN
                     : *c == 'c' ? CR_QUOTE_CLOSE : CR_TOK_CAPITALIZED;
        if (k >= n)
            fail_msg("%s: missing token %zu '%s'", text, k, item);
        if (t[k].end - t[k].start != tl ||
            memcmp(text + t[k].start, item, tl) != 0 || t[k].kind != kind ||
            t[k].flags != flags)
            fail_msg("%s: token %zu is '%.*s' kind %d flags %u, want %s", text,
                     k, (int)(t[k].end - t[k].start), text + t[k].start,
                     t[k].kind, t[k].flags, item);
        k++;
    }
    if (k != n)
        fail_msg("%s: %zu tokens, want %zu (next '%.*s')", text, n, k,
                 (int)(t[k].end - t[k].start), text + t[k].start);
    free(t);
}

static void toks(const char *text, const char *spec)
{
    toks_lim(text, NULL, spec);
}

static void test_words(void **state)
{
    (void)state;
    toks("Kim Jong-Un", "Kim/wC Jong-Un/wC");
    toks("Korea's don’t O'Brien", "Korea's/wC don’t/w O'Brien/wC");
    toks("COVID-19 F-16 e-mail", "COVID-19/wC F-16/wC e-mail/w");
    toks("Jong\xE2\x80\x91Un", "Jong\xE2\x80\x91Un/wC"); /* U+2011 */
    toks("rock'n'roll", "rock'n'roll/w");
    toks("anti- war", "anti/w -/p war/w");
    toks("well--known", "well/w --/p known/w");
    toks("Émile émile Путин", "Émile/wC émile/w Путин/wC");
    toks("naïve cafe\xCC\x81", "naïve/w cafe\xCC\x81/w"); /* combining mark */
}

static void test_possessive_apostrophe(void **state)
{
    (void)state;
    /* after s, no single quotation open: a possessive, part of the word */
    toks("the boys' toys", "the/w boys'/w toys/w");
    toks("Jones’ car", "Jones’/wC car/w");
    /* inside a single quotation the same mark closes the quote */
    toks("'the boys' he said", "'/qo the/w boys/w '/qc he/w said/w");
    toks("‘evil’ things", "‘/qo evil/w ’/qc things/w");
    toks("goin' home", "goin/w '/qc home/w");
}

static void test_abbreviations(void **state)
{
    (void)state;
    toks("U.S. U.K. a.m. p.m. e.g., i.e. Ph.D. U.S.A",
         "U.S./wC U.K./wC a.m./w p.m./w e.g./w ,/p i.e./w Ph.D./wC U.S.A/wC");
    toks("U.S.-led U.S.'s", "U.S.-led/wC U.S.'s/wC");
    toks("Sept. 13", "Sept/wC ./p 13/n");
    toks("Mr. Smith", "Mr/wC ./p Smith/wC");
    toks("George W. Bush", "George/wC W/wC ./p Bush/wC");
    toks("a.mazing end.The U.S.Army", "a/w ./p mazing/w end/w ./p The/wC "
                                       "U.S./wC Army/wC");
}

static void test_numbers(void **state)
{
    (void)state;
    toks("1953 4.5 200,000 1,000.50 1945, 1,2345",
         "1953/n 4.5/n 200,000/n 1,000.50/n 1945/n ,/p 1/n ,/p 2345/n");
    toks("76% 2nd $5 10:30 1.13bn", "76/n %/s 2nd/n $/s 5/n 10:30/n 1.13bn/n");
    toks("19-year-old 2023-09-13 24/7", "19-year-old/n 2023-09-13/n 24/7/n");
    toks("the '90s and ’80s", "the/w '90s/n and/w ’80s/n");
    toks("4.5. -5 .5", "4.5/n ./p -/p 5/n ./p 5/n");
    toks("٣٤ ١٠", "٣٤/n ١٠/n"); /* Arabic-Indic digits */
}

static void test_punctuation(void **state)
{
    (void)state;
    toks("Wait... what?! No!!", "Wait/wC .../p what/w ?!/p No/wC !!/p");
    toks("a — b – c … d", "a/w —/p b/w –/p c/w …/p d/w");
    toks("(a) [b] {c}", "(/p a/w )/p [/p b/w ]/p {/p c/w }/p");
    toks("x; y: z/w", "x/w ;/p y/w :/p z/w //p w/w");
}

static void test_symbols(void **state)
{
    (void)state;
    toks("& @ # + = < > ^ | ~ _ * \\", "&/s @/s #/s +/s =/s </s >/s ^/s |/s "
                                       "~/s _/s */s \\/s");
    toks("£5 €20 5°C", "£/s 5/n €/s 20/n 5/n °/s C/wC");
    /* emoji with skin tone, a flag, a ZWJ family, a keycap */
    toks("😀 👍🏽 🇺🇦 👨‍👩‍👧 #️⃣", "😀/s 👍🏽/s 🇺🇦/s 👨‍👩‍👧/s #️⃣/s");
}

static void test_quotes_directional(void **state)
{
    (void)state;
    toks("“a” ‘b’ «c» ‹d›", "“/qo a/w ”/qc ‘/qo b/w ’/qc «/qo c/w »/qc "
                           "‹/qo d/w ›/qc");
    /* German „…“ and ‚…‘: the high mark closes */
    toks("„Wir“ und ‚ja‘", "„/qo Wir/wC “/qc und/w ‚/qo ja/w ‘/qc");
    toks("„ Wir “", "„/qo Wir/wC “/qc"); /* spaced: pairing decides */
    /* French « … » with spaces; German »…« reversed */
    toks("« oui » et »Zitat«", "«/qo oui/w »/qc et/w »/qo Zitat/wC «/qc");
    toks("``g''", "``/qo g/w ''/qc");
    toks("「東京」", "「/qo 東/w 京/w 」/qc");
    /* Swedish ”…”: context opens the first */
    toks("sa ”hej” då", "sa/w ”/qo hej/w ”/qc då/w");
}

static void test_quotes_straight(void **state)
{
    (void)state;
    toks("\"Hi\" 'x'", "\"/qo Hi/wC \"/qc '/qo x/w '/qc");
    toks("\"He said 'no' to me\"",
         "\"/qo He/wC said/w '/qo no/w '/qc to/w me/w \"/qc");
    toks("(\"x\")", "(/p \"/qo x/w \"/qc )/p");
    toks("said:\"We", "said/w :/p \"/qo We/wC");
    /* ECB+ style: spaces on both sides, pairing decides */
    toks("morning : \" If it's true . \" He",
         "morning/w :/p \"/qo If/wC it's/w true/w ./p \"/qc He/wC");
    toks("said `` yes '' .", "said/w ``/qo yes/w ''/qc ./p");
    /* a paragraph break resets the pairing state */
    toks("a \" b\n\n\" c", "a/w \"/qo b/w \"/qo c/w");
}

static void test_scripts(void **state)
{
    (void)state;
    toks("Путин сказал: «Мы победим».",
         "Путин/wC сказал/w :/p «/qo Мы/wC победим/w »/qc ./p");
    toks("中国的首都是北京。", "中/w 国/w 的/w 首/w 都/w 是/w 北/w 京/w 。/p");
    toks("ひらがなカタカナ", "ひ/w ら/w が/w な/w カタカナ/w");
    toks("قال الرئيس؟", "قال/w الرئيس/w ؟/p");
    toks("iPhone手机", "iPhone/w 手/w 机/w");
}

static void test_whitespace(void **state)
{
    (void)state;
    /* NBSP, ideographic space, zero-width space and BOM separate tokens */
    toks("a\xC2\xA0" "b\xE3\x80\x80" "c\xE2\x80\x8B" "d\xEF\xBB\xBF" "e",
         "a/w b/w c/w d/w e/w");
    toks(" \t\r\n ", "");
    toks("", "");
}

static void test_invalid_utf8(void **state)
{
    cr_token *t = NULL;
    size_t n = 0;
    const char s[] = "a\xFF" "b\xE2\x80 c\xC3";
    (void)state;
    assert_int_equal(cr_tokenize(s, sizeof s - 1, NULL, &t, &n), CR_OK);
    assert_int_equal(n, 7);
    assert_int_equal(t[1].kind, CR_TOK_SYMBOL);
    assert_int_equal(t[1].start, 1);
    assert_int_equal(t[1].end, 2);
    assert_int_equal(t[3].kind, CR_TOK_SYMBOL);
    assert_int_equal(t[3].end - t[3].start, 1);
    assert_int_equal(t[4].end - t[4].start, 1);
    assert_int_equal(t[6].kind, CR_TOK_SYMBOL);
    assert_int_equal(t[6].start, 7);
    free(t);
    /* an overlong NUL and a surrogate are invalid too */
    assert_int_equal(cr_tokenize("\xC0\x80\xED\xA0\x80", 5, NULL, &t, &n),
                     CR_OK);
    assert_int_equal(n, 5);
    free(t);
}

static void test_offsets(void **state)
{
    cr_token *t = NULL;
    size_t n = 0;
    const char *s = "  Hi, “you”!\n";
    (void)state;
    assert_int_equal(cr_tokenize(s, strlen(s), NULL, &t, &n), CR_OK);
    assert_int_equal(n, 6);
    assert_int_equal(t[0].start, 2);
    assert_int_equal(t[0].end, 4);
    assert_int_equal(t[1].start, 4);
    assert_int_equal(t[1].end, 5);
    assert_int_equal(t[2].start, 6);
    assert_int_equal(t[2].end, 9);   /* “ is 3 bytes */
    assert_int_equal(t[3].start, 9);
    assert_int_equal(t[3].end, 12);
    assert_int_equal(t[4].start, 12);
    assert_int_equal(t[4].end, 15);
    assert_int_equal(t[5].start, 15);
    assert_int_equal(t[5].end, 16);
    free(t);
}

static void test_token_limit(void **state)
{
    cr_limits lim;
    (void)state;
    cr_limits_default(&lim);
    lim.max_token_bytes = 4;
    toks_lim("Abcdefghij x", &lim, "Abcd/wC efgh/w ij/w x/w");
    lim.max_token_bytes = 3; /* é is 2 bytes: never cut inside it */
    toks_lim("ééé", &lim, "é/w é/w é/w");
    lim.max_token_bytes = 1; /* a piece holds at least one code point */
    toks_lim("Éa", &lim, "É/wC a/w");
    lim.max_token_bytes = 0;
    toks_lim("ab", &lim, "a/w b/w");
    lim.max_token_bytes = 2;
    toks_lim("1,000.5", &lim, "1,/n 00/n 0./n 5/n");
}

static void test_errors(void **state)
{
    cr_token *t = (cr_token *)1;
    size_t n = 7;
    (void)state;
    assert_int_equal(cr_tokenize(NULL, 3, NULL, &t, &n), CR_EINVAL);
    assert_int_equal(cr_tokenize("abc", 3, NULL, NULL, &n), CR_EINVAL);
    assert_int_equal(cr_tokenize("abc", 3, NULL, &t, NULL), CR_EINVAL);
    assert_int_equal(cr_tokenize(NULL, 0, NULL, &t, &n), CR_OK);
    assert_null(t);
    assert_int_equal(n, 0);
#if SIZE_MAX > UINT32_MAX
    /* the length is checked before a byte is read */
    assert_int_equal(cr_tokenize("abc", (size_t)UINT32_MAX + 1, NULL, &t, &n),
                     CR_ELIMIT);
    assert_null(t);
#endif
}

static int is_space(const unsigned char *s, size_t len, size_t i, size_t *adv)
{
    static const char *const wide[] = {"\xC2\x85", "\xC2\xA0", "\xE3\x80\x80",
                                       "\xE2\x80\x8B", "\xEF\xBB\xBF", NULL};
    size_t k;
    *adv = 1;
    if (strchr(" \t\n\v\f\r", s[i]) && s[i])
        return 1;
    for (k = 0; wide[k]; k++) {
        size_t wl = strlen(wide[k]);
        if (i + wl <= len && memcmp(s + i, wide[k], wl) == 0) {
            *adv = wl;
            return 1;
        }
    }
    return 0;
}

/* Tokens are ordered, non-empty, within bounds, and every byte that is not
 * part of a whitespace character is covered by exactly one token. */
static void check_cover(const unsigned char *s, size_t len, const cr_token *t,
                        size_t n, size_t maxtok)
{
    size_t i = 0, k = 0, adv;
    for (k = 0; k < n; k++) {
        assert_true(t[k].start < t[k].end);
        assert_true(t[k].end <= len);
        if (k)
            assert_true(t[k - 1].end <= t[k].start);
        assert_true(t[k].end - t[k].start <= (maxtok < 4 ? 4 : maxtok));
        assert_true(t[k].kind >= CR_TOK_WORD && t[k].kind <= CR_TOK_SYMBOL);
        if (t[k].kind == CR_TOK_QUOTE) {
            unsigned f = t[k].flags & (CR_QUOTE_OPEN | CR_QUOTE_CLOSE);
            assert_true(f == CR_QUOTE_OPEN || f == CR_QUOTE_CLOSE);
        }
    }
    k = 0;
    while (i < len) {
        if (k < n && i == t[k].start) {
            i = t[k++].end;
            continue;
        }
        assert_true(is_space(s, len, i, &adv));
        i += adv;
    }
    assert_int_equal(k, n);
}

static void test_random_cover(void **state)
{
    static const char *const atoms[] = {
        "a", "Z", "é", "Ж", "中", "7", ".", ",", "-", "'", "’", "\"", "“",
        "”", "„", "«", "»", "`", "``", "''", " ", "\n", "\n\n", "\xC2\xA0",
        "$", "%", "😀", "\xCC\x81", "\xE2\x80\x8D", "\xFF", "\xE2\x80", "…",
        "!", "?", "(", ")", "s", ":", "/", "\xE2\x80\x8B", "\x01"};
    unsigned seed = 12345;
    int round;
    cr_limits lim;
    (void)state;
    cr_limits_default(&lim);
    for (round = 0; round < 2000; round++) {
        unsigned char buf[512];
        size_t len = 0, na = sizeof atoms / sizeof atoms[0], n;
        cr_token *t;
        while (len < sizeof buf - 8) {
            const char *a;
            seed = seed * 1103515245u + 12345u;
            a = atoms[(seed >> 16) % na];
            memcpy(buf + len, a, strlen(a));
            len += strlen(a);
            if ((seed >> 8) % 97 == 0)
                break;
        }
        lim.max_token_bytes = 1 + round % 9;
        assert_int_equal(cr_tokenize((const char *)buf, len, &lim, &t, &n),
                         CR_OK);
        check_cover(buf, len, t, n, lim.max_token_bytes);
        free(t);
    }
}

/* Tokenize len bytes made of `unit` repeated; must finish well within
 * `secs` (a quadratic pass over 10 MB would not). */
static void patho(const char *unit, size_t len, double secs)
{
    size_t ul = strlen(unit), i, n;
    char *buf = malloc(len);
    cr_token *t;
    clock_t c0;
    double dt;
    assert_non_null(buf);
    for (i = 0; i + ul <= len; i += ul)
        memcpy(buf + i, unit, ul);
    len = i;
    c0 = clock();
    assert_int_equal(cr_tokenize(buf, len, NULL, &t, &n), CR_OK);
    dt = (double)(clock() - c0) / CLOCKS_PER_SEC;
    if (dt > secs)
        fail_msg("'%s' x %zu took %.2fs", unit, len / ul, dt);
    assert_true(n > 0);
    assert_true(t[n - 1].end <= len);
    free(t);
    free(buf);
}

static void test_pathological(void **state)
{
    const size_t big = (size_t)10 << 20;
    (void)state;
    patho("a", big, 20.0);      /* one huge word: pieces of 256 bytes */
    patho(".", big, 20.0);
    patho("\"", big, 20.0);
    patho("'", big, 20.0);
    patho("“", big, 20.0);
    patho("a.", big, 20.0);
    patho("-a", big, 20.0);
    patho("1,000", big, 20.0);
    patho("é", big, 20.0);
    patho("'s", big, 20.0);
    patho("\xFF", big, 20.0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words),
        cmocka_unit_test(test_possessive_apostrophe),
        cmocka_unit_test(test_abbreviations),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_punctuation),
        cmocka_unit_test(test_symbols),
        cmocka_unit_test(test_quotes_directional),
        cmocka_unit_test(test_quotes_straight),
        cmocka_unit_test(test_scripts),
        cmocka_unit_test(test_whitespace),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_offsets),
        cmocka_unit_test(test_token_limit),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_random_cover),
        cmocka_unit_test(test_pathological),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
