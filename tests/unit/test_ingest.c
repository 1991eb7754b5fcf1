/*
 * test_ingest.c — unit tests of the ingest stage: UTF-8 validation, the
 * content hash, the plain-text and JSON Lines parsers, date normalisation
 * and date inference.
 *
 * Every error class is checked with its status AND its byte offset, since
 * offsets are what a user gets to find the bad byte. Inputs are embedded
 * strings: the tests read no files.
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
#include "ingest/ingest.h"

/* ---- helpers ----------------------------------------------------------- */

static cr_limits small_limits(void)
{
    cr_limits lim;
    cr_limits_default(&lim);
    return lim;
}

/* 1 when every byte of a is zero. */
static int article_zeroed(const cr_article *a)
{
    static const cr_article zero;
    return a->id == zero.id && a->source == zero.source &&
           a->url == zero.url && a->title == zero.title &&
           a->lang == zero.lang && a->published == zero.published &&
           a->text == zero.text && a->text_len == 0 &&
           a->published_how == CR_DATE_NONE;
}

/* Parse a JSON line (as a C string) expecting an error; checks the status,
 * the offset, that the message holds `frag` and that *out stays zeroed. */
static void jsonl_err(const char *line, size_t len, const cr_limits *lim,
                      cr_status want, size_t off, const char *frag)
{
    cr_article a;
    cr_error err;
    cr_status st;
    memset(&a, 0xAB, sizeof a);
    memset(&err, 0, sizeof err);
    st = cr_parse_jsonl(line, len, lim, &a, &err);
    if (st != want || err.offset != off ||
        (frag && !strstr(err.msg, frag)))
        print_error("line [%.*s]: got status %d offset %zu msg \"%s\"; "
                    "want %d offset %zu \"%s\"\n",
                    (int)(len > 80 ? 80 : len), line, st, err.offset, err.msg,
                    want, off, frag ? frag : "");
    assert_int_equal(st, want);
    assert_int_equal(err.offset, off);
    if (frag)
        assert_non_null(strstr(err.msg, frag));
    assert_true(err.msg[0] != '\0');
    assert_true(article_zeroed(&a));
}

#define JERR(line, want, off, frag)                                        \
    jsonl_err((line), strlen(line), NULL, (want), (off), (frag))

static void text_err(const char *buf, size_t len, const cr_limits *lim,
                     cr_status want, size_t off, const char *frag)
{
    cr_article a;
    cr_error err;
    cr_status st;
    memset(&a, 0xAB, sizeof a);
    memset(&err, 0, sizeof err);
    st = cr_parse_text(buf, len, "t", lim, &a, &err);
    if (st != want || err.offset != off ||
        (frag && !strstr(err.msg, frag)))
        print_error("text: got status %d offset %zu msg \"%s\"; want %d "
                    "offset %zu \"%s\"\n",
                    st, err.offset, err.msg, want, off, frag ? frag : "");
    assert_int_equal(st, want);
    assert_int_equal(err.offset, off);
    if (frag)
        assert_non_null(strstr(err.msg, frag));
    assert_true(article_zeroed(&a));
}

#define TERR(buf, want, off, frag)                                         \
    text_err((buf), strlen(buf), NULL, (want), (off), (frag))

/* Parse a JSON line that must succeed. */
static void jsonl_ok(const char *line, cr_article *a)
{
    cr_error err;
    cr_status st;
    memset(&err, 0, sizeof err);
    st = cr_parse_jsonl(line, strlen(line), NULL, a, &err);
    if (st != CR_OK)
        print_error("line [%s]: status %d offset %zu msg \"%s\"\n", line, st,
                    err.offset, err.msg);
    assert_int_equal(st, CR_OK);
}

/* The normalised "published" of a one-field record, or NULL on error. */
static void published_is(const char *value, const char *want)
{
    char line[256];
    cr_article a;
    snprintf(line, sizeof line,
             "{\"id\":\"x\",\"text\":\"t\",\"published\":\"%s\"}", value);
    jsonl_ok(line, &a);
    if (!a.published || strcmp(a.published, want) != 0)
        print_error("published %s -> %s, want %s\n", value,
                    a.published ? a.published : "(null)", want);
    assert_non_null(a.published);
    assert_string_equal(a.published, want);
    assert_int_equal(a.published_how, CR_DATE_GIVEN);
    cr_article_clear(&a);
}

/* A bad "published": CR_EDATE at the value's opening quote (offset 33). */
static void published_bad(const char *value)
{
    char line[256];
    snprintf(line, sizeof line,
             "{\"id\":\"x\",\"text\":\"t\",\"published\":\"%s\"}", value);
    jsonl_err(line, strlen(line), NULL, CR_EDATE, 33, "published");
}

/* ---- UTF-8 ------------------------------------------------------------- */

static void utf8_valid(const char *s, size_t len)
{
    size_t bad = 12345;
    assert_int_equal(cr_utf8_validate(s, len, &bad), CR_OK);
    assert_int_equal(bad, 12345);
}

static void utf8_invalid(const char *s, size_t len, size_t off)
{
    size_t bad = 12345;
    assert_int_equal(cr_utf8_validate(s, len, &bad), CR_EUTF8);
    assert_int_equal(bad, off);
}

static void test_utf8_valid(void **state)
{
    (void)state;
    utf8_valid("", 0);
    utf8_valid(NULL, 0);
    utf8_valid("plain ascii", 11);
    utf8_valid("caf\xc3\xa9", 5);                     /* é */
    utf8_valid("\xe2\x82\xac", 3);                    /* € */
    utf8_valid("\xf0\x9f\x98\x80", 4);                /* 😀 */
    utf8_valid("\xed\x9f\xbf", 3);                    /* U+D7FF */
    utf8_valid("\xee\x80\x80", 3);                    /* U+E000 */
    utf8_valid("\xf4\x8f\xbf\xbf", 4);                /* U+10FFFF */
    utf8_valid("\xc2\x80", 2);                        /* U+0080 */
    utf8_valid("\xe0\xa0\x80", 3);                    /* U+0800 */
    utf8_valid("\xf0\x90\x80\x80", 4);                /* U+10000 */
    utf8_valid("with a NUL \0 inside", 19);           /* NUL is valid UTF-8 */
}

static void test_utf8_invalid(void **state)
{
    (void)state;
    utf8_invalid("\xff", 1, 0);
    utf8_invalid("ab\x80", 3, 2);                     /* lone continuation */
    utf8_invalid("\xc0\x80", 2, 0);                   /* overlong NUL */
    utf8_invalid("\xc1\xbf", 2, 0);                   /* overlong */
    utf8_invalid("\xe0\x80\x80", 3, 0);               /* overlong 3-byte */
    utf8_invalid("\xe0\x9f\xbf", 3, 0);               /* overlong 3-byte */
    utf8_invalid("\xf0\x80\x80\x80", 4, 0);           /* overlong 4-byte */
    utf8_invalid("\xf0\x8f\xbf\xbf", 4, 0);           /* overlong 4-byte */
    utf8_invalid("x\xed\xa0\x80", 4, 1);              /* U+D800 */
    utf8_invalid("x\xed\xbf\xbf", 4, 1);              /* U+DFFF */
    utf8_invalid("\xf4\x90\x80\x80", 4, 0);           /* U+110000 */
    utf8_invalid("\xf5\x80\x80\x80", 4, 0);
    utf8_invalid("\xf8\x88\x80\x80\x80", 5, 0);
    utf8_invalid("abc\xe2\x82", 5, 3);                /* truncated */
    utf8_invalid("abc\xe2\x82z", 6, 3);               /* broken */
    utf8_invalid("\xc3\xa9\xc3", 3, 2);
    utf8_invalid("\xc3\xa9" "abcdefghijklmnopqrstu\xc3(", 25, 23);
}

/* The word-at-a-time path: a bad byte at every position of long buffers,
 * after ASCII and after multi-byte characters. */
static void test_utf8_every_position(void **state)
{
    char buf[80];
    size_t pos, bad;
    (void)state;
    for (pos = 0; pos < sizeof buf; pos++) {
        memset(buf, 'a', sizeof buf);
        buf[pos] = (char)0xFF;
        utf8_invalid(buf, sizeof buf, pos);
        buf[pos] = (char)0x80;
        utf8_invalid(buf, sizeof buf, pos);
        /* the bad byte at the end of a shorter buffer */
        utf8_invalid(buf, pos + 1, pos);
        buf[pos] = 'b';
        utf8_valid(buf, sizeof buf);
    }
    for (pos = 0; pos + 2 <= sizeof buf; pos += 2) {
        size_t k;
        for (k = 0; k + 2 <= sizeof buf; k += 2) {
            buf[k] = (char)0xC3;
            buf[k + 1] = (char)0xA9;
        }
        buf[pos + 1] = 'x';
        bad = 0;
        assert_int_equal(cr_utf8_validate(buf, sizeof buf, &bad), CR_EUTF8);
        assert_int_equal(bad, pos);
    }
    assert_int_equal(cr_utf8_validate("\xff", 1, NULL), CR_EUTF8);
}

/* ---- content hash ------------------------------------------------------ */

static void test_content_hash(void **state)
{
    char h[33], h2[33];
    (void)state;
    /* Golden values: the hash is stored, so it must never change. The
     * empty-input value is XXH3-128's published test vector. */
    cr_content_hash("", 0, h);
    assert_string_equal(h, "99aa06d3014798d86001c324468d497f");
    cr_content_hash(NULL, 0, h);
    assert_string_equal(h, "99aa06d3014798d86001c324468d497f");
    cr_content_hash("abc", 3, h);
    assert_string_equal(h, "06b05ab6733a618578af5f94892f3950");
    cr_content_hash("North Korean leader Kim Jong Un", 31, h);
    assert_string_equal(h, "4a043e84bf16cab3edd8314c4f3457cf");
    cr_content_hash("abd", 3, h2);
    assert_string_not_equal(h, h2);
    assert_int_equal(strlen(h2), 32);
}

/* ---- dates ------------------------------------------------------------- */

static void test_date_helpers(void **state)
{
    char out[CRI_DATE_MAX];
    const char *why = NULL;
    (void)state;
    assert_true(cri_date_valid(2024, 2, 29));
    assert_false(cri_date_valid(2023, 2, 29));
    assert_true(cri_date_valid(2000, 2, 29));
    assert_false(cri_date_valid(1900, 2, 29));
    assert_false(cri_date_valid(2023, 4, 31));
    assert_true(cri_date_valid(2023, 12, 31));
    assert_false(cri_date_valid(2023, 13, 1));
    assert_false(cri_date_valid(2023, 0, 1));
    assert_false(cri_date_valid(2023, 1, 0));
    assert_false(cri_date_valid(0, 1, 1));
    assert_true(cri_date_valid(1, 1, 1));
    assert_true(cri_date_valid(9999, 12, 31));
    assert_int_equal(cri_days_in_month(2023, 2), 28);
    assert_int_equal(cri_days_in_month(2024, 2), 29);
    assert_int_equal(cri_days_in_month(2024, 13), 0);

    assert_int_equal(cri_date_normalize("0001-01-01T00:30+01:00", 22, out,
                                        &why),
                     -1);
    assert_non_null(strstr(why, "out of range"));
    assert_int_equal(cri_date_normalize("9999-12-31T23:30-01:00", 22, out,
                                        NULL),
                     -1);
    assert_int_equal(cri_date_normalize("9999-12-31T23:30+01:00", 22, out,
                                        NULL),
                     0);
    assert_string_equal(out, "9999-12-31T22:30:00Z");
    assert_int_equal(cri_date_normalize("2023-09-13", 9, out, NULL), -1);

    assert_true(cri_date_is_normal("2023-09-13"));
    assert_true(cri_date_is_normal("2023-09-13T23:59:59Z"));
    assert_false(cri_date_is_normal("2023-09-31"));
    assert_false(cri_date_is_normal("2023-09-13T24:00:00Z"));
    assert_false(cri_date_is_normal("2023-09-13T10:00:00"));
    assert_false(cri_date_is_normal(NULL));
}

/* cr_date_seconds and its inverse, cri_date_format. */
static void test_date_seconds(void **state)
{
    char out[CRI_DATE_MAX];
    int64_t t = 1;
    (void)state;
    assert_int_equal(cr_date_seconds("1970-01-01", &t), CR_OK);
    assert_int_equal(t, 0);
    assert_int_equal(cr_date_seconds("2023-09-13", &t), CR_OK);
    assert_int_equal(t, 1694563200);
    assert_int_equal(cr_date_seconds("2023-09-13T10:11:12Z", &t), CR_OK);
    assert_int_equal(t, 1694563200 + 36672);
    assert_int_equal(cr_date_seconds("2024-02-29T23:59:59Z", &t), CR_OK);
    assert_int_equal(t, 1709251199);
    assert_int_equal(cr_date_seconds("1969-12-31T23:59:59Z", &t), CR_OK);
    assert_int_equal(t, -1);
    assert_int_equal(cr_date_seconds("0001-01-01", &t), CR_OK);
    assert_int_equal(t, -62135596800LL);
    assert_int_equal(cr_date_seconds("2023-09-13T10:11:12", &t), CR_EDATE);
    assert_int_equal(t, 0);
    assert_int_equal(cr_date_seconds("2023-02-30", &t), CR_EDATE);
    assert_int_equal(cr_date_seconds("13 Sept 2023", &t), CR_EDATE);
    assert_int_equal(cr_date_seconds(NULL, &t), CR_EINVAL);
    assert_int_equal(cr_date_seconds("2023-09-13", NULL), CR_EINVAL);

    assert_int_equal(cri_date_format(1694563200, out), 0);
    assert_string_equal(out, "2023-09-13");
    assert_int_equal(cri_date_format(1694563200 + 36672, out), 0);
    assert_string_equal(out, "2023-09-13T10:11:12Z");
    assert_int_equal(cri_date_format(-1, out), 0);
    assert_string_equal(out, "1969-12-31T23:59:59Z");
    assert_int_equal(cri_date_format(-62135596800LL, out), 0);
    assert_string_equal(out, "0001-01-01");
    assert_int_equal(cri_date_format(-62135596801LL, out), -1);
    assert_int_equal(cri_date_format(253402300800LL, out), -1);
}

static void test_ctrl_scan(void **state)
{
    cri_ctrl c;
    (void)state;
    cri_ctrl_scan("plain text\twith\r\nspaces\f\v and more words here", 44,
                  &c);
    assert_int_equal(c.count, 0);
    assert_int_equal(c.first, SIZE_MAX);
    cri_ctrl_scan("0123456789abcdef\x01xyz\x7f\0", 22, &c);
    assert_int_equal(c.count, 3);
    assert_int_equal(c.first, 16);
    assert_int_equal(c.first_nul, 21);
    assert_false(cri_looks_binary(0, 0));
    assert_false(cri_looks_binary(1, 100));
    assert_true(cri_looks_binary(1, 10));
    assert_true(cri_looks_binary(4, 100));
}

/* ---- plain text -------------------------------------------------------- */

static void test_text_seed(void **state)
{
    static const char seed[] =
        " date 2023-09-13 North Korean leader Kim Jong Un told Russian "
        "president Vladimir Putin via a translator that he was sure that the "
        "Russian army and people would triumph against \xe2\x80\x9c" "evil"
        "\xe2\x80\x9d.\n\nNorth Korea's leader attends a meeting.\n";
    cr_article a;
    cr_error err;
    (void)state;
    assert_int_equal(cr_parse_text(seed, strlen(seed), "004", NULL, &a, &err),
                     CR_OK);
    assert_string_equal(a.id, "004");
    assert_non_null(a.published);
    assert_string_equal(a.published, "2023-09-13");
    assert_int_equal(a.published_how, CR_DATE_MARKER);
    assert_int_equal(strncmp(a.text, "North Korean leader", 19), 0);
    assert_int_equal(a.text_len, strlen(seed) - 17 - 1);
    assert_int_equal(a.text[a.text_len - 1], '.');
    assert_int_equal(strlen(a.text), a.text_len);
    assert_null(a.source);
    assert_null(a.url);
    assert_null(a.title);
    assert_null(a.lang);
    cr_article_clear(&a);
    assert_true(article_zeroed(&a));
}

static void test_text_plain(void **state)
{
    static const char seed0[] =
        "North Korean leader Kim Jong-Un told Russian officials during his "
        "visit that he is confident in Russia's victory over Ukraine, the "
        "Russian state news agency RIA Novosti reported on Sept. 13.\n\"I am "
        "strongly convinced\"\n";
    cr_article a;
    (void)state;
    assert_int_equal(
        cr_parse_text(seed0, strlen(seed0), "000", NULL, &a, NULL), CR_OK);
    assert_null(a.published);
    assert_int_equal(a.published_how, CR_DATE_NONE);
    assert_int_equal(a.text_len, strlen(seed0) - 1);
    assert_memory_equal(a.text, seed0, a.text_len);
    cr_article_clear(&a);

    /* Surrounding whitespace is trimmed, inner whitespace kept. */
    assert_int_equal(cr_parse_text("\r\n\t  Hello\n\n world \n\n", 21, "x",
                                   NULL, &a, NULL),
                     CR_OK);
    assert_string_equal(a.text, "Hello\n\n world");
    assert_int_equal(a.text_len, 13);
    cr_article_clear(&a);

    /* A BOM is stripped, with or without a marker after it. */
    assert_int_equal(
        cr_parse_text("\xef\xbb\xbf" "Body", 7, "x", NULL, &a, NULL), CR_OK);
    assert_string_equal(a.text, "Body");
    cr_article_clear(&a);
    assert_int_equal(cr_parse_text("\xef\xbb\xbf date 2020-02-29\nBody", 24,
                                   "x", NULL, &a, NULL),
                     CR_OK);
    assert_string_equal(a.text, "Body");
    assert_string_equal(a.published, "2020-02-29");
    cr_article_clear(&a);
}

static void test_text_marker_variants(void **state)
{
    cr_article a;
    (void)state;
    /* No leading whitespace; tabs and newlines around the date. */
    assert_int_equal(
        cr_parse_text("date\t2000-02-29\nText", 20, "x", NULL, &a, NULL),
        CR_OK);
    assert_string_equal(a.published, "2000-02-29");
    assert_string_equal(a.text, "Text");
    cr_article_clear(&a);

    /* Not markers: the whole buffer is the body. */
    assert_int_equal(cr_parse_text("date 2023-9-13 text", 19, "x", NULL, &a,
                                   NULL),
                     CR_OK);
    assert_string_equal(a.text, "date 2023-9-13 text");
    assert_null(a.published);
    cr_article_clear(&a);
    assert_int_equal(cr_parse_text("dated 2023-09-13 x", 18, "x", NULL, &a,
                                   NULL),
                     CR_OK);
    assert_null(a.published);
    cr_article_clear(&a);
    assert_int_equal(cr_parse_text("date 2023-09-13x", 16, "x", NULL, &a,
                                   NULL),
                     CR_OK);
    assert_null(a.published);
    assert_string_equal(a.text, "date 2023-09-13x");
    cr_article_clear(&a);
    assert_int_equal(cr_parse_text("Date 2023-09-13 x", 17, "x", NULL, &a,
                                   NULL),
                     CR_OK);
    assert_null(a.published);
    cr_article_clear(&a);
    assert_int_equal(cr_parse_text("x date 2023-09-13 y", 19, "x", NULL, &a,
                                   NULL),
                     CR_OK);
    assert_null(a.published);
    cr_article_clear(&a);
}

static void test_text_marker_bad_date(void **state)
{
    (void)state;
    TERR(" date 2023-02-30 North Korea", CR_EDATE, 6, "2023-02-30");
    TERR("date 2023-02-29 x", CR_EDATE, 5, "invalid date");
    TERR(" date 1900-02-29 x", CR_EDATE, 6, NULL);
    TERR(" date 2023-13-01 x", CR_EDATE, 6, NULL);
    TERR(" date 0000-01-01 x", CR_EDATE, 6, NULL);
    TERR("\xef\xbb\xbf date 2023-04-31\n", CR_EDATE, 9, NULL);
}

static void test_text_errors(void **state)
{
    static const char bin[] = "ab\x01\x02\x03\x04 cd";
    cr_limits lim = small_limits();
    char big[600];
    size_t k;
    (void)state;
    TERR("", CR_EEMPTY, 0, "empty");
    TERR(" \n\t\r\n ", CR_EEMPTY, 6, "empty");
    TERR(" date 2023-09-13", CR_EEMPTY, 16, "after the date marker");
    TERR(" date 2023-09-13 \n ", CR_EEMPTY, 19, "after the date marker");
    TERR("\xef\xbb\xbf", CR_EEMPTY, 3, NULL);
    /* Offsets are into the input buffer, past trimmed space and marker. */
    TERR("  date 2023-09-13  ab\xff" "c", CR_EUTF8, 21, "0xff");
    TERR("ab\xed\xa0\x80", CR_EUTF8, 2, "0xed");
    TERR("  caf\xc3", CR_EUTF8, 5, "truncated");
    text_err("  ab\0cd", 7, NULL, CR_EBINARY, 4, "NUL");
    text_err(bin, sizeof bin - 1, NULL, CR_EBINARY, 2, "binary");
    /* One stray control character in a longer text is accepted. */
    {
        cr_article a;
        static const char stray[] =
            "A longer text with one stray \x1b escape character in it.";
        assert_int_equal(cr_parse_text(stray, strlen(stray), "x", NULL, &a,
                                       NULL),
                         CR_OK);
        cr_article_clear(&a);
    }
    /* Limits: the body after trimming is what counts. */
    lim.max_article_bytes = 10;
    {
        cr_article a;
        assert_int_equal(
            cr_parse_text("  0123456789  ", 14, "x", &lim, &a, NULL), CR_OK);
        assert_int_equal(a.text_len, 10);
        cr_article_clear(&a);
    }
    text_err("  0123456789A ", 14, &lim, CR_ELIMIT, 12,
             "text is 11 bytes, limit is 10 (--max-article-bytes)");
    cr_limits_default(&lim);
    lim.max_article_bytes = 500;
    for (k = 0; k < sizeof big; k++)
        big[k] = 'x';
    text_err(big, sizeof big, &lim, CR_ELIMIT, 500, "600 bytes");
}

static void test_text_ids(void **state)
{
    cr_article a;
    cr_error err;
    cr_limits lim = small_limits();
    char hash[33];
    (void)state;
    /* No id: the content hash of the body becomes the id. */
    assert_int_equal(cr_parse_text("  Body text ", 12, NULL, NULL, &a, &err),
                     CR_OK);
    cr_content_hash("Body text", 9, hash);
    assert_string_equal(a.id, hash);
    cr_article_clear(&a);

    memset(&a, 0xAB, sizeof a);
    assert_int_equal(cr_parse_text("Body", 4, "", NULL, &a, &err), CR_EINVAL);
    assert_true(article_zeroed(&a));
    assert_int_equal(cr_parse_text("Body", 4, "\xff", NULL, &a, &err),
                     CR_EINVAL);
    lim.max_field_bytes = 3;
    assert_int_equal(cr_parse_text("Body", 4, "abcd", &lim, &a, &err),
                     CR_ELIMIT);
    assert_non_null(strstr(err.msg, "--max-field-bytes"));
    assert_int_equal(cr_parse_text("Body", 4, "abc", &lim, &a, &err), CR_OK);
    assert_string_equal(a.id, "abc");
    cr_article_clear(&a);

    assert_int_equal(cr_parse_text(NULL, 4, "x", NULL, &a, &err), CR_EINVAL);
    assert_int_equal(cr_parse_text("x", 1, "x", NULL, NULL, &err),
                     CR_EINVAL);
    assert_int_equal(cr_parse_text(NULL, 0, "x", NULL, &a, NULL), CR_EEMPTY);
}

static void test_article_clear(void **state)
{
    cr_article a;
    (void)state;
    cr_article_clear(NULL);
    memset(&a, 0, sizeof a);
    cr_article_clear(&a);
    assert_true(article_zeroed(&a));
    a.id = malloc(3);
    a.title = malloc(3);
    a.text = malloc(3);
    a.text_len = 2;
    a.published_how = CR_DATE_GIVEN;
    cr_article_clear(&a);
    assert_true(article_zeroed(&a));
}

/* ---- JSON Lines: happy paths ------------------------------------------- */

static void test_jsonl_full(void **state)
{
    static const char line[] =
        "{\"id\": \"business/001\", \"source\": \"bbc\", \"url\": "
        "\"https://bbc.co.uk/news/1\", \"title\": \"Ad sales boost Time "
        "Warner profit\", \"published\": \"2004-12-01\", \"lang\": \"en\", "
        "\"topic\": \"business\", \"text\": \"Quarterly profits at US "
        "media giant TimeWarner jumped 76% to $1.13bn (\\u00a3600m).\\n\\n"
        "The firm \\u2026\"}\n";
    cr_article a;
    (void)state;
    jsonl_ok(line, &a);
    assert_string_equal(a.id, "business/001");
    assert_string_equal(a.source, "bbc");
    assert_string_equal(a.url, "https://bbc.co.uk/news/1");
    assert_string_equal(a.title, "Ad sales boost Time Warner profit");
    assert_string_equal(a.published, "2004-12-01");
    assert_int_equal(a.published_how, CR_DATE_GIVEN);
    assert_string_equal(a.lang, "en");
    assert_string_equal(a.text,
                        "Quarterly profits at US media giant TimeWarner "
                        "jumped 76% to $1.13bn (\xc2\xa3" "600m).\n\nThe "
                        "firm \xe2\x80\xa6");
    assert_int_equal(a.text_len, strlen(a.text));
    cr_article_clear(&a);
}

static void test_jsonl_minimal(void **state)
{
    cr_article a;
    (void)state;
    jsonl_ok("{\"id\":\"a\",\"text\":\"b\"}", &a);
    assert_string_equal(a.id, "a");
    assert_string_equal(a.text, "b");
    assert_int_equal(a.text_len, 1);
    assert_null(a.source);
    assert_null(a.url);
    assert_null(a.title);
    assert_null(a.lang);
    assert_null(a.published);
    assert_int_equal(a.published_how, CR_DATE_NONE);
    cr_article_clear(&a);

    /* Whitespace everywhere JSON allows it, CRLF at the end, a BOM. */
    jsonl_ok("\xef\xbb\xbf \t{ \"text\" :\r\n \"b\" , \"id\" : \"a\" } \r\n",
             &a);
    assert_string_equal(a.id, "a");
    assert_string_equal(a.text, "b");
    cr_article_clear(&a);

    /* Optional fields null or "" stay NULL. */
    jsonl_ok("{\"id\":\"a\",\"source\":null,\"url\":\"\",\"title\":null,"
             "\"published\":\"\",\"lang\":null,\"text\":\"b\"}",
             &a);
    assert_null(a.source);
    assert_null(a.url);
    assert_null(a.title);
    assert_null(a.published);
    assert_int_equal(a.published_how, CR_DATE_NONE);
    assert_null(a.lang);
    cr_article_clear(&a);

    /* Text is kept exactly as given, surrounding whitespace included. */
    jsonl_ok("{\"id\":\"a\",\"text\":\"  b \\n\"}", &a);
    assert_string_equal(a.text, "  b \n");
    cr_article_clear(&a);
}

static void test_jsonl_numeric_id(void **state)
{
    cr_article a;
    (void)state;
    jsonl_ok("{\"id\":42,\"text\":\"b\"}", &a);
    assert_string_equal(a.id, "42");
    cr_article_clear(&a);
    jsonl_ok("{\"id\": -1.50e+3 ,\"text\":\"b\"}", &a);
    assert_string_equal(a.id, "-1.50e+3");
    cr_article_clear(&a);
    jsonl_ok("{\"id\":0,\"text\":\"b\"}", &a);
    assert_string_equal(a.id, "0");
    cr_article_clear(&a);
    JERR("{\"id\":012,\"text\":\"b\"}", CR_EJSON, 7, "leading zeros");
    JERR("{\"id\":1.,\"text\":\"b\"}", CR_EJSON, 8, "digit after '.'");
    JERR("{\"id\":-,\"text\":\"b\"}", CR_EJSON, 7, "digit");
    JERR("{\"id\":1e,\"text\":\"b\"}", CR_EJSON, 8, "exponent");
}

static void test_jsonl_unknown_fields(void **state)
{
    cr_article a;
    (void)state;
    jsonl_ok("{\"x\":{\"a\":[1,2.5,-3e2,{\"b\":null,\"c\":[true,false]}],"
             "\"\":\"\"},\"id\":\"a\",\"y\":[],\"z\":{},\"w\":\"\\ud83d\\ude00"
             "\",\"wire\":null,\"n\":-0,\"text\":\"t\",\"k\":[[],[{}]]}",
             &a);
    assert_string_equal(a.id, "a");
    assert_string_equal(a.text, "t");
    cr_article_clear(&a);
    /* Unknown fields are validated all the same. */
    JERR("{\"id\":\"a\",\"x\":[1,],\"text\":\"t\"}", CR_EJSON, 17,
         "expected a JSON value, got ']'");
    JERR("{\"id\":\"a\",\"x\":{\"a\" 1},\"text\":\"t\"}", CR_EJSON, 19,
         "expected ':' after object key");
    JERR("{\"id\":\"a\",\"x\":{\"a\":1 \"b\":2},\"text\":\"t\"}", CR_EJSON,
         21, "expected ',' or '}' after object member");
    JERR("{\"id\":\"a\",\"x\":[1 2],\"text\":\"t\"}", CR_EJSON, 17,
         "expected ',' or ']' after array element");
    JERR("{\"id\":\"a\",\"x\":{1:2},\"text\":\"t\"}", CR_EJSON, 15,
         "expected '\"' to start an object key");
    JERR("{\"id\":\"a\",\"x\":tru,\"text\":\"t\"}", CR_EJSON, 17,
         "expected 'true'");
    JERR("{\"id\":\"a\",\"x\":nul", CR_EJSON, 17, "truncated");
    JERR("{\"id\":\"a\",\"x\":01,\"text\":\"t\"}", CR_EJSON, 15,
         "leading zeros");
    JERR("{\"id\":\"a\",\"x\":'a',\"text\":\"t\"}", CR_EJSON, 14,
         "expected a JSON value, got '''");
    JERR("{\"id\":\"a\",\"x\":\"\xc3\x28\",\"text\":\"t\"}", CR_EUTF8, 15,
         "0xc3");
}

static void test_jsonl_escapes(void **state)
{
    cr_article a;
    (void)state;
    jsonl_ok("{\"id\":\"e\",\"text\":\"q\\\"b\\\\s\\/b\\bf\\fn\\nr\\rt\\tu"
             "\\u00e9\\u00E9\\u20ac\\ud83d\\ude00\\uD83D\\uDE00\\u0041 end\"}",
             &a);
    assert_string_equal(a.text, "q\"b\\s/b\bf\fn\nr\rt\tu\xc3\xa9\xc3\xa9"
                                "\xe2\x82\xac\xf0\x9f\x98\x80\xf0\x9f\x98\x80"
                                "A end");
    assert_int_equal(a.text_len, strlen(a.text));
    cr_article_clear(&a);
    /* Escapes in keys: "\u0069d" is "id". */
    jsonl_ok("{\"\\u0069d\":\"k\",\"te\\u0078t\":\"v\"}", &a);
    assert_string_equal(a.id, "k");
    assert_string_equal(a.text, "v");
    cr_article_clear(&a);
    /* Raw UTF-8 passes through. */
    jsonl_ok("{\"id\":\"\xc3\xa9\",\"text\":\"\xf0\x9f\x98\x80 \xe2\x80\x9cq"
             "\xe2\x80\x9d\"}",
             &a);
    assert_string_equal(a.id, "\xc3\xa9");
    assert_string_equal(a.text, "\xf0\x9f\x98\x80 \xe2\x80\x9cq\xe2\x80\x9d");
    cr_article_clear(&a);
}

/* ---- JSON Lines: errors ------------------------------------------------ */

static void test_jsonl_string_errors(void **state)
{
    (void)state;
    /* offsets:          0123456789012345678 */
    JERR("{\"id\":\"a\",\"text\":\"x\\ud800y\"}", CR_EUTF8, 19,
         "unpaired high surrogate");
    JERR("{\"id\":\"a\",\"text\":\"x\\udc00y\"}", CR_EUTF8, 19,
         "unpaired low surrogate");
    JERR("{\"id\":\"a\",\"text\":\"x\\ud83d\\u0041\"}", CR_EUTF8, 19,
         "unpaired high surrogate");
    JERR("{\"id\":\"a\",\"text\":\"x\\ud83d\\ud83d\"}", CR_EUTF8, 19,
         "surrogate");
    JERR("{\"id\":\"a\",\"text\":\"x\\ud83d\"}", CR_EUTF8, 19, "surrogate");
    JERR("{\"id\":\"a\",\"text\":\"x\\u0000y\"}", CR_EBINARY, 19, "NUL");
    JERR("{\"id\":\"a\\u0000\",\"text\":\"x\"}", CR_EBINARY, 8, "NUL");
    JERR("{\"id\":\"a\",\"text\":\"x\\xy\"}", CR_EJSON, 19,
         "invalid escape '\\x'");
    JERR("{\"id\":\"a\",\"text\":\"x\\u12G4\"}", CR_EJSON, 19,
         "4 hex digits");
    JERR("{\"id\":\"a\",\"text\":\"x\ty\"}", CR_EJSON, 19,
         "raw control character 0x09");
    JERR("{\"id\":\"a\",\"text\":\"x\ny\"}", CR_EJSON, 19, "0x0a");
    JERR("{\"id\":\"a\",\"text\":\"x\xffy\"}", CR_EUTF8, 19, "0xff");
    JERR("{\"id\":\"a\",\"text\":\"x\xed\xa0\x80y\"}", CR_EUTF8, 19,
         "0xed");
    JERR("{\"id\":\"a\",\"text\":\"x\xc0\xafy\"}", CR_EUTF8, 19, "0xc0");
    JERR("{\"id\":\"a\",\"text\":\"x\xf4\x90\x80\x80y\"}", CR_EUTF8, 19,
         NULL);
    jsonl_err("{\"id\":\"a\",\"text\":\"x\0y\"}", 23, NULL, CR_EBINARY, 19,
              "NUL");
    jsonl_err("{\"id\":\"a\",\0\"text\":\"x\"}", 22, NULL, CR_EBINARY, 10,
              "NUL");
    /* Binary text through escapes: offset of the first control escape. */
    JERR("{\"id\":\"a\",\"text\":\"ab\\u0001\\u0002\\u0003\\u0004\"}",
         CR_EBINARY, 20, "looks binary");
    /* \b and DEL count as control characters too. */
    JERR("{\"id\":\"a\",\"text\":\"\\b\\b\\b\x7f\"}", CR_EBINARY, 18,
         "looks binary");
    JERR("{\"id\":\"a\",\"title\":\"\\u001b\",\"text\":\"x\"}", CR_EBINARY,
         19, "field \"title\" looks binary");
    {
        cr_article a;
        jsonl_ok("{\"id\":\"a\",\"text\":\"A longer text with one stray "
                 "\\u001b escape character in it.\"}",
                 &a);
        cr_article_clear(&a);
    }
}

static void test_jsonl_structure_errors(void **state)
{
    (void)state;
    JERR("", CR_EJSON, 0, "empty line");
    JERR("  \r\n", CR_EJSON, 4, "empty line");
    JERR("[1]", CR_EJSON, 0, "expected '{'");
    JERR("\"x\"", CR_EJSON, 0, "one JSON object");
    JERR("{\"id\" \"a\"}", CR_EJSON, 6, "expected ':' after object key");
    JERR("{\"id\":\"a\" \"text\":\"b\"}", CR_EJSON, 10,
         "expected ',' or '}' after object member, got '\"'");
    JERR("{\"id\":\"a\",}", CR_EJSON, 10, "expected '\"' to start an object "
                                          "key, got '}'");
    JERR("{id:\"a\"}", CR_EJSON, 1, "object key");
    JERR("{\"id\":\"a\",\"text\":\"b\"} x", CR_EJSON, 22,
         "unexpected data after the JSON object");
    JERR("{\"id\":\"a\",\"text\":\"b\"}{}", CR_EJSON, 21, "unexpected data");
    JERR("{\"id\":\"a\",\"text\":\"b\"}\x01", CR_EJSON, 21, "byte 0x01");
    JERR("{\"id\":\"a\",\"text\":}", CR_EJSON, 17, "expected a JSON value");
    JERR("{\"id\":\"a\",\"text\":\"b\"\xc3\xa9}", CR_EJSON, 20, "0xc3");
}

/* A record cut at every length is reported as truncated, at its end. */
static void test_jsonl_truncated(void **state)
{
    static const char line[] =
        "{\"id\": \"a\\u00e9\", \"x\": [1, -2.5e3, {\"k\": [true, false, "
        "null]}], \"text\": \"caf\xc3\xa9 \\ud83d\\ude00 \xf0\x9f\x98\x80 "
        "\\\"q\\\"\", \"published\": \"2023-09-13T10:00:00+02:00\"}";
    size_t cut, n = strlen(line);
    cr_article a;
    (void)state;
    jsonl_ok(line, &a);
    assert_string_equal(a.published, "2023-09-13T08:00:00Z");
    cr_article_clear(&a);
    JERR("", CR_EJSON, 0, "empty line");
    for (cut = 1; cut < n; cut++)
        jsonl_err(line, cut, NULL, CR_EJSON, cut,
                  "unexpected end of line, truncated record?");
}

static void test_jsonl_field_errors(void **state)
{
    (void)state;
    JERR("{\"text\":\"b\"}", CR_EFIELD, 0, "missing required field \"id\"");
    JERR("{\"id\":\"a\"}", CR_EFIELD, 0, "missing required field \"text\"");
    JERR("{}", CR_EFIELD, 0, "missing");
    JERR("{\"id\":null,\"text\":\"b\"}", CR_EFIELD, 6, "\"id\" is null");
    JERR("{\"id\":\"a\",\"text\":null}", CR_EFIELD, 17, "\"text\" is null");
    JERR("{\"id\":\"\",\"text\":\"b\"}", CR_EFIELD, 6, "\"id\" is empty");
    JERR("{\"id\":true,\"text\":\"b\"}", CR_EFIELD, 6,
         "field \"id\" must be a string or a number, got a boolean");
    JERR("{\"id\":\"a\",\"text\":5}", CR_EFIELD, 17,
         "field \"text\" must be a string, got a number");
    JERR("{\"id\":\"a\",\"title\":{\"x\":1},\"text\":\"b\"}", CR_EFIELD, 18,
         "got an object");
    JERR("{\"id\":\"a\",\"source\":[],\"text\":\"b\"}", CR_EFIELD, 19,
         "got an array");
    JERR("{\"id\":\"a\",\"published\":20230913,\"text\":\"b\"}", CR_EFIELD, 22,
         "\"published\" must be a string");
    JERR("{\"id\":\"a\",\"text\":\"\"}", CR_EEMPTY, 17, "empty");
    JERR("{\"id\":\"a\",\"text\":\" \\n\\t\\r \"}", CR_EEMPTY, 17,
         "whitespace only");
    JERR("{\"id\":\"a\",\"title\":\" \",\"text\":\"\"}", CR_EEMPTY, 29,
         "no title");
}

/* A headline without body text is an article: its text is stored empty. */
static void test_jsonl_title_only(void **state)
{
    cr_article a;
    (void)state;
    jsonl_ok("{\"id\":\"11_7ecb\",\"title\":\"The election is over.\","
             "\"text\":\"\"}", &a);
    assert_string_equal(a.text, "");
    assert_int_equal(a.text_len, 0);
    assert_string_equal(a.title, "The election is over.");
    cr_article_clear(&a);
    jsonl_ok("{\"id\":\"b\",\"title\":\"T\",\"text\":\" \\n \"}", &a);
    assert_int_equal(a.text_len, 0);
    cr_article_clear(&a);
}

static void test_jsonl_duplicates(void **state)
{
    cr_article a;
    (void)state;
    jsonl_ok("{\"id\":\"a\",\"text\":\"first\",\"id\":\"b\",\"text\":\"x\","
             "\"published\":\"2020-01-01\",\"published\":null}",
             &a);
    assert_string_equal(a.id, "b");
    assert_string_equal(a.text, "x");
    assert_int_equal(a.text_len, 1);
    assert_null(a.published);
    assert_int_equal(a.published_how, CR_DATE_NONE);
    cr_article_clear(&a);
    jsonl_ok("{\"id\":1,\"id\":\"s\",\"text\":\"b\",\"title\":\"T\","
             "\"title\":\"\"}",
             &a);
    assert_string_equal(a.id, "s");
    assert_null(a.title);
    cr_article_clear(&a);
    /* The last occurrence decides whether the text is blank. */
    jsonl_ok("{\"id\":\"a\",\"text\":\"\",\"text\":\"b\"}", &a);
    assert_string_equal(a.text, "b");
    cr_article_clear(&a);
    JERR("{\"id\":\"a\",\"text\":\"b\",\"text\":\" \"}", CR_EEMPTY, 28, NULL);
}

static void test_jsonl_limits(void **state)
{
    cr_limits lim = small_limits();
    cr_article a;
    cr_error err;
    static const char ok8[] =
        "{\"id\":\"a\",\"title\":\"12345678\",\"text\":\"b\"}";
    static const char esc8[] =
        "{\"id\":\"a\",\"title\":\"\\u00e9\\u00e9\\u00e9\\u00e9\","
        "\"text\":\"b\"}";
    static const char bad9[] =
        "{\"id\":\"a\",\"title\":\"123456789\",\"text\":\"b\"}";
    static const char badesc[] =
        "{\"id\":\"a\",\"title\":\"\\u20ac\\u20ac\\u20ac\",\"text\":\"b\"}";
    static const char numid[] = "{\"id\":123456789,\"text\":\"b\"}";
    static const char unknown[] =
        "{\"id\":\"a\",\"other\":\"a long value beyond the field limit\","
        "\"text\":\"b\"}";
    static const char text11[] = "{\"id\":\"a\",\"text\":\"01234567890\"}";
    (void)state;

    lim.max_field_bytes = 8;
    assert_int_equal(cr_parse_jsonl(ok8, strlen(ok8), &lim, &a, &err), CR_OK);
    assert_string_equal(a.title, "12345678");
    cr_article_clear(&a);
    assert_int_equal(cr_parse_jsonl(esc8, strlen(esc8), &lim, &a, &err),
                     CR_OK);
    cr_article_clear(&a);
    jsonl_err(bad9, strlen(bad9), &lim, CR_ELIMIT, 18,
              "field \"title\" is 9 bytes, limit is 8 (--max-field-bytes)");
    jsonl_err(badesc, strlen(badesc), &lim, CR_ELIMIT, 18, "9 bytes");
    jsonl_err(numid, strlen(numid), &lim, CR_ELIMIT, 6, "\"id\" is 9 bytes");
    assert_int_equal(
        cr_parse_jsonl(unknown, strlen(unknown), &lim, &a, &err), CR_OK);
    cr_article_clear(&a);
    /* The text has its own limit. */
    assert_int_equal(cr_parse_jsonl(text11, strlen(text11), &lim, &a, &err),
                     CR_OK);
    cr_article_clear(&a);
    lim.max_article_bytes = 10;
    jsonl_err(text11, strlen(text11), &lim, CR_ELIMIT, 17,
              "text is 11 bytes, limit is 10 (--max-article-bytes)");
    /* The line limit comes first. */
    cr_limits_default(&lim);
    lim.max_line_bytes = 20;
    jsonl_err(text11, strlen(text11), &lim, CR_ELIMIT, 20,
              "limit is 20 (--max-line-bytes)");
    lim.max_line_bytes = strlen(text11);
    assert_int_equal(cr_parse_jsonl(text11, strlen(text11), &lim, &a, &err),
                     CR_OK);
    cr_article_clear(&a);
}

static void test_jsonl_depth(void **state)
{
    cr_limits lim = small_limits();
    cr_article a;
    cr_error err;
    static const char d3[] = "{\"id\":\"a\",\"x\":[[1]],\"y\":{\"z\":[]},"
                             "\"text\":\"b\"}";
    static const char d4[] = "{\"id\":\"a\",\"x\":[[[1]]],\"text\":\"b\"}";
    static const char d4o[] = "{\"id\":\"a\",\"x\":{\"a\":{\"b\":{}}},"
                              "\"text\":\"b\"}";
    size_t n = 200000, k;
    char *deep;
    (void)state;
    lim.max_json_depth = 3;
    assert_int_equal(cr_parse_jsonl(d3, strlen(d3), &lim, &a, &err), CR_OK);
    cr_article_clear(&a);
    jsonl_err(d4, strlen(d4), &lim, CR_ELIMIT, 16,
              "deeper than 3 levels (--max-json-depth)");
    jsonl_err(d4o, strlen(d4o), &lim, CR_ELIMIT, 24, "deeper than 3");
    lim.max_json_depth = 1;
    jsonl_err(d3, strlen(d3), &lim, CR_ELIMIT, 14, "deeper than 1");
    lim.max_json_depth = 0;
    jsonl_err(d3, strlen(d3), &lim, CR_ELIMIT, 0, "deeper than 0");

    /* Pathological nesting: a clean limit error, no recursion. */
    deep = malloc(n + 16);
    assert_non_null(deep);
    memcpy(deep, "{\"x\":", 5);
    for (k = 5; k < n; k++)
        deep[k] = '[';
    jsonl_err(deep, n, NULL, CR_ELIMIT, 5 + 31, "deeper than 32");
    lim.max_json_depth = 1 << 30;
    jsonl_err(deep, n, &lim, CR_EJSON, n, "truncated");
    free(deep);
}

/* ---- JSON Lines: dates and languages ----------------------------------- */

static void test_jsonl_published(void **state)
{
    (void)state;
    published_is("2023-09-13", "2023-09-13");
    published_is("2024-02-29", "2024-02-29");
    published_is("2023-09-13T10:20", "2023-09-13T10:20:00Z");
    published_is("2023-09-13 10:20:30", "2023-09-13T10:20:30Z");
    published_is("2023-09-13t10:20:30z", "2023-09-13T10:20:30Z");
    published_is("2023-09-13T10:20:30.123456Z", "2023-09-13T10:20:30Z");
    published_is("2023-09-13T10:20:30,5+00:00", "2023-09-13T10:20:30Z");
    /* Zone offsets, across midnight, month, year and leap-day boundaries. */
    published_is("2023-09-13T01:30:00+02:00", "2023-09-12T23:30:00Z");
    published_is("2023-09-13T22:45:00-05:00", "2023-09-14T03:45:00Z");
    published_is("2023-12-31T23:30:00-01:00", "2024-01-01T00:30:00Z");
    published_is("2024-01-01T00:15:00+00:30", "2023-12-31T23:45:00Z");
    published_is("2024-02-28T23:00:00-02:00", "2024-02-29T01:00:00Z");
    published_is("2023-02-28T23:00:00-02:00", "2023-03-01T01:00:00Z");
    published_is("2024-03-01T00:30+01:00", "2024-02-29T23:30:00Z");
    published_is("2023-03-01T00:30+01:00", "2023-02-28T23:30:00Z");
    published_is("2000-03-01T05:00+05:30", "2000-02-29T23:30:00Z");
    published_is("2023-09-13T12:00:00+0530", "2023-09-13T06:30:00Z");
    published_is("2023-09-13T12:00:00-03", "2023-09-13T15:00:00Z");

    published_bad("2023-02-29");
    published_bad("1900-02-29");
    published_bad("2023-04-31");
    published_bad("2023-13-01");
    published_bad("2023-00-10");
    published_bad("2023-09-00");
    published_bad("2023-9-13");
    published_bad("13/09/2023");
    published_bad("Wed, 13 Sep 2023");
    published_bad("2023-09-13T24:00");
    published_bad("2023-09-13T10:60");
    published_bad("2023-09-13T10:20:60");
    published_bad("2023-09-13T10");
    published_bad("2023-09-13T10:20:");
    published_bad("2023-09-13T10:20:30.");
    published_bad("2023-09-13T10:20+24:00");
    published_bad("2023-09-13T10:20+05:60");
    published_bad("2023-09-13T10:20+5");
    published_bad("2023-09-13Z");
    published_bad("2023-09-13T10:20Zx");
    published_bad("2023-09-13x");
    published_bad("0000-01-01");
}

static void test_jsonl_lang(void **state)
{
    static const struct {
        const char *in, *out;
    } cases[] = {{"en", "en"},     {"EN", "en"},         {"en-US", "en"},
                 {"pt_BR", "pt"},  {"zh-Hant-TW", "zh"}, {"deu", "deu"},
                 {"english", NULL}, {"e", NULL},         {"und", NULL},
                 {"en-", NULL},    {"en US", NULL},      {"12", NULL},
                 {"en-toolongsubtag", NULL}};
    size_t k;
    (void)state;
    for (k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char line[128];
        cr_article a;
        snprintf(line, sizeof line,
                 "{\"id\":\"x\",\"lang\":\"%s\",\"text\":\"t\"}", cases[k].in);
        jsonl_ok(line, &a);
        if (cases[k].out)
            assert_string_equal(a.lang, cases[k].out);
        else
            assert_null(a.lang);
        cr_article_clear(&a);
    }
}

static void test_jsonl_args(void **state)
{
    cr_article a;
    cr_error err;
    (void)state;
    assert_int_equal(cr_parse_jsonl(NULL, 3, NULL, &a, &err), CR_EINVAL);
    assert_int_equal(cr_parse_jsonl("{}", 2, NULL, NULL, &err), CR_EINVAL);
    assert_int_equal(cr_parse_jsonl(NULL, 0, NULL, &a, NULL), CR_EJSON);
}

/* ---- date inference ---------------------------------------------------- */

static void infer(const char *url, const char *id, const char *want)
{
    cr_article a;
    memset(&a, 0, sizeof a);
    a.url = url ? strdup(url) : NULL;
    a.id = id ? strdup(id) : NULL;
    assert_int_equal(cr_article_infer_date(&a), CR_OK);
    if (want) {
        assert_non_null(a.published);
        assert_string_equal(a.published, want);
        assert_int_equal(a.published_how, CR_DATE_INFERRED);
    } else {
        assert_null(a.published);
        assert_int_equal(a.published_how, CR_DATE_NONE);
    }
    cr_article_clear(&a);
}

static void test_infer_date(void **state)
{
    cr_article a;
    (void)state;
    infer("https://www.example.com/2023/09/13/kim-putin", NULL, "2023-09-13");
    infer(NULL, "breitbart_2015-11-11_the-ninth-circle", "2015-11-11");
    infer(NULL, "reuters_2016_02_29_x", "2016-02-29");
    infer(NULL, "x_20230913_y", "2023-09-13");
    infer("https://x.com/a/b", "x-20230913", "2023-09-13");
    infer(NULL, "20230913", "2023-09-13");
    /* The url wins over the id. */
    infer("https://x.com/2001/01/02/a", "nyt_2015-11-11_y", "2001-01-02");
    /* The first valid date wins; invalid ones are skipped. */
    infer("https://x.com/2023/02/30/b/2023/03/01/", NULL, "2023-03-01");
    infer(NULL, "1899-12-31_2100-12-31", "2100-12-31");
    /* Nothing found. */
    infer(NULL, NULL, NULL);
    infer("https://x.com/news/1694563200", "business/001", NULL);
    infer(NULL, "x_202309130_y", NULL);
    infer(NULL, "x_2023091_y", NULL);
    infer(NULL, "x12023-09-13", NULL);
    infer(NULL, "2023-09-131", NULL);
    infer(NULL, "2023-09/13", NULL);
    infer(NULL, "2023-13-01", NULL);
    infer(NULL, "2101-01-01", NULL);
    infer(NULL, "1899-01-01", NULL);
    infer(NULL, "2023-02-29", NULL);
    infer(NULL, "2023-09-1", NULL);

    /* A published date is never replaced. */
    memset(&a, 0, sizeof a);
    a.id = strdup("x_2015-11-11");
    a.published = strdup("2020-01-01");
    a.published_how = CR_DATE_GIVEN;
    assert_int_equal(cr_article_infer_date(&a), CR_OK);
    assert_string_equal(a.published, "2020-01-01");
    assert_int_equal(a.published_how, CR_DATE_GIVEN);
    cr_article_clear(&a);
    assert_int_equal(cr_article_infer_date(NULL), CR_EINVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_utf8_valid),
        cmocka_unit_test(test_utf8_invalid),
        cmocka_unit_test(test_utf8_every_position),
        cmocka_unit_test(test_content_hash),
        cmocka_unit_test(test_date_helpers),
        cmocka_unit_test(test_date_seconds),
        cmocka_unit_test(test_ctrl_scan),
        cmocka_unit_test(test_text_seed),
        cmocka_unit_test(test_text_plain),
        cmocka_unit_test(test_text_marker_variants),
        cmocka_unit_test(test_text_marker_bad_date),
        cmocka_unit_test(test_text_errors),
        cmocka_unit_test(test_text_ids),
        cmocka_unit_test(test_article_clear),
        cmocka_unit_test(test_jsonl_full),
        cmocka_unit_test(test_jsonl_minimal),
        cmocka_unit_test(test_jsonl_numeric_id),
        cmocka_unit_test(test_jsonl_unknown_fields),
        cmocka_unit_test(test_jsonl_escapes),
        cmocka_unit_test(test_jsonl_string_errors),
        cmocka_unit_test(test_jsonl_structure_errors),
        cmocka_unit_test(test_jsonl_truncated),
        cmocka_unit_test(test_jsonl_field_errors),
        cmocka_unit_test(test_jsonl_duplicates),
        cmocka_unit_test(test_jsonl_title_only),
        cmocka_unit_test(test_jsonl_limits),
        cmocka_unit_test(test_jsonl_depth),
        cmocka_unit_test(test_jsonl_published),
        cmocka_unit_test(test_jsonl_lang),
        cmocka_unit_test(test_jsonl_args),
        cmocka_unit_test(test_infer_date),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
