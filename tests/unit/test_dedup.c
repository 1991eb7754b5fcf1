/*
 * test_dedup.c — near-duplicate fingerprints and the streaming index
 * (src/dedup/): the golden fingerprint that pins CR_FINGERPRINT_VERSION,
 * what the normalized token stream ignores, encode/decode, and the index on
 * the cases the product cares about: an exact copy, a copy with its tail
 * trimmed to half, a copy with 5% of its words changed, two outlets' own
 * articles about one event (not copies), time-window eviction, determinism,
 * memory per article, and bad arguments.
 *
 * Long texts are made by a seeded generator over a fixed vocabulary, so the
 * tests need no data files and every run sees the same words.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread.h"

/* --- helpers ------------------------------------------------------------ */

static uint64_t rng_next(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static const char *const VOCAB[] = {
    "the", "government", "said", "on", "Tuesday", "that", "minister", "would",
    "meet", "officials", "in", "capital", "after", "talks", "collapsed",
    "over", "budget", "police", "reported", "three", "people", "were",
    "injured", "when", "a", "car", "hit", "barrier", "near", "station",
    "company", "shares", "rose", "percent", "market", "analysts", "expected",
    "growth", "slow", "next", "year", "president", "visited", "region",
    "flood", "victims", "promised", "aid", "spokesman", "declined", "comment",
    "report", "found", "hospital", "waiting", "times", "increased", "sharply",
    "court", "ruled", "case", "appeal", "judge", "lawyers", "argued",
    "election", "voters", "party", "leader", "campaign", "poll", "showed",
    "energy", "prices", "households", "bills", "winter", "council", "plans",
    "school", "teachers", "strike", "union", "pay", "offer", "rejected",
    "football", "club", "manager", "season", "match", "goal", "fans", "stadium",
    "scientists", "study", "climate", "data", "record", "temperatures",
    "border", "troops", "ceasefire", "agreement", "signed", "weeks", "of",
    "and", "to", "for", "with", "by", "from", "at", "as", "it", "was", "is",
    "has", "had", "not", "but", "this", "which", "their", "more", "than",
    "about", "into", "some", "other", "new", "first", "last", "two", "four",
    "million", "city", "state", "national", "public", "local", "health",
    "security", "economy", "trade", "deal", "tax", "workers", "jobs", "bank"};
#define NVOCAB (sizeof VOCAB / sizeof VOCAB[0])

/* A text of `words` words drawn from VOCAB by seed, with sentence ends and
 * paragraph breaks. Owned by the caller (free()). */
static char *gen_text(uint64_t seed, size_t words)
{
    size_t cap = words * 16 + 16, len = 0, i;
    char *t = malloc(cap);
    assert_non_null(t);
    for (i = 0; i < words; i++) {
        const char *w = VOCAB[rng_next(&seed) % NVOCAB];
        size_t n = strlen(w);
        int end = i + 1 == words || rng_next(&seed) % 14 == 0;
        if (len + n + 4 >= cap) {
            cap *= 2;
            t = realloc(t, cap);
            assert_non_null(t);
        }
        memcpy(t + len, w, n);
        len += n;
        if (end)
            t[len++] = '.';
        if (i + 1 < words) {
            if (end && rng_next(&seed) % 5 == 0) {
                t[len++] = '\n';
                t[len++] = '\n';
            } else {
                t[len++] = ' ';
            }
        }
    }
    t[len] = '\0';
    return t;
}

/* A copy of text with about `rate` of its words replaced by other
 * vocabulary words (seeded). Owned by the caller. */
static char *edit_words(const char *text, double rate, uint64_t seed)
{
    size_t len = strlen(text), o = 0;
    char *r = malloc(len * 4 + 64);
    const char *p = text;
    assert_non_null(r);
    while (*p) {
        size_t n = strcspn(p, " .\n");
        if (n && (double)(rng_next(&seed) % 10000) < rate * 10000) {
            const char *w = VOCAB[rng_next(&seed) % NVOCAB];
            if (strlen(w) == n && !strncmp(w, p, n))
                w = "replacement";
            memcpy(r + o, w, strlen(w));
            o += strlen(w);
        } else {
            memcpy(r + o, p, n);
            o += n;
        }
        p += n;
        while (*p == ' ' || *p == '.' || *p == '\n')
            r[o++] = *p++;
    }
    r[o] = '\0';
    return r;
}

static cr_fingerprint fp_of(const char *text)
{
    cr_fingerprint fp, fp2;
    cr_doc *doc = NULL;
    size_t len = strlen(text);
    assert_int_equal(cr_fingerprint_text(text, len, NULL, NULL, &fp), CR_OK);
    /* with an analysis of the same text: the same fingerprint */
    assert_int_equal(cr_doc_analyze(text, len, "en", NULL, &doc), CR_OK);
    assert_int_equal(cr_fingerprint_text(text, len, doc, NULL, &fp2), CR_OK);
    cr_doc_free(doc);
    assert_memory_equal(&fp, &fp2, sizeof fp);
    return fp;
}

static double sim_of(const cr_fingerprint *a, const cr_fingerprint *b)
{
    double c, j = cr_fingerprint_similarity(a, b, &c);
    return j > c ? j : c;
}

/* --- fingerprints ------------------------------------------------------- */

/* Pins CR_FINGERPRINT_VERSION 2: the token stream, folding, token and
 * shingle hashing, seeds, binning and densification. If this fails, stored
 * fingerprints would no longer compare with new ones: bump the version
 * instead of the numbers. (Version 1 counted 35 words here: it kept
 * "Putin's" and "200,000" whole.) */
static void test_golden_fingerprint(void **state)
{
    const char *text =
        "Kim Jong Un said on Wednesday that North Korea would \xe2\x80\x9c"
        "always be together\xe2\x80\x9d with Russia, Vladimir Putin's "
        "Kremlin said. The talks at the Vostochny Cosmodrome lasted four "
        "to five hours, TASS reported; 200,000 people watched.";
    cr_fingerprint fp = fp_of(text);
    uint64_t h = 1469598103934665603ULL;
    unsigned i;
    (void)state;
    for (i = 0; i < CR_MINHASH_SIZE; i++)
        h = (h ^ fp.minhash[i]) * 1099511628211ULL;
    if (getenv("CR_PRINT_GOLDEN"))
        fprintf(stderr, "exact %#llx shingles %u words %u mh0 %#x mh63 %#x "
                "all %#llx\n", (unsigned long long)fp.exact, fp.shingles,
                fp.words, fp.minhash[0], fp.minhash[63],
                (unsigned long long)h);
    assert_int_equal(fp.words, 37);
    assert_int_equal(fp.shingles, 33);
    assert_true(fp.exact == 0x2fbb401e18cdc062ULL);
    assert_int_equal(fp.minhash[0], 0xbe23579fu);
    assert_int_equal(fp.minhash[63], 0x24b9d2bdu);
    assert_true(h == 0x589ec16ae7507849ULL);
}

/* Case, spacing, punctuation, quote style and dashes do not change the
 * stream: tokens are the runs of letters and digits. */
static void test_normalized_stream(void **state)
{
    cr_fingerprint a = fp_of("\"It's official,\" she said. Kim Jong-Un — "
                             "KOREA'S leader — met Putin.");
    cr_fingerprint b = fp_of("\xe2\x80\x9cIt\xe2\x80\x99s  official\xe2\x80\x9d "
                             "She said!\n\nkim jong\xe2\x80\x91un, korea\xe2\x80\x99s "
                             "LEADER, met putin");
    cr_fingerprint c = fp_of("It's official, she said. Kim Jong-Un, Korea's "
                             "leader, met Putin today.");
    (void)state;
    assert_true(a.exact == b.exact);
    assert_memory_equal(a.minhash, b.minhash, sizeof a.minhash);
    assert_int_equal(a.words, 13); /* it s official ... korea s ... putin */
    assert_true(a.exact != c.exact);
    assert_int_equal(c.words, 14);
    /* folding: diacritics, case, compatibility forms (cr_fold) */
    a = fp_of("Jong-Un INTERNATIONALIZATION-READY words, M\xc3\xbcller");
    b = fp_of("jong un internationalization ready WORDS muller");
    assert_int_equal(a.words, 6);
    assert_true(a.exact == b.exact);
    /* ideographs are one token each; letters of other scripts are words */
    a = fp_of("\xe5\x8c\x97\xe4\xba\xac \xd0\x9c\xd0\xbe\xd1\x81\xd0\xba\xd0\xb2\xd0\xb0");
    assert_int_equal(a.words, 3); /* 北 京 Москва */
}

/* The scan has a fast path (64-byte blocks of ASCII, tokens up to 16 bytes
 * hashed in registers) and a general one (any other byte, and the last
 * bytes of a text); both must give the same stream. The same tokens,
 * spaced with ASCII spaces (fast path) and with no-break spaces, curly
 * quotes and em dashes (general path), at every token length around the
 * fast path's limits, give the same fingerprint. */
static void test_fast_and_general_scan(void **state)
{
    static const char *seps[] = {"\xc2\xa0", "\xe2\x80\x9d ", " \xe2\x80\x94 "};
    char *fast = malloc(40000), *slow = malloc(40000);
    size_t nf = 0, ns = 0, len, rep;
    uint64_t seed = 42;
    cr_fingerprint a, b;
    (void)state;
    assert_non_null(fast);
    assert_non_null(slow);
    for (rep = 0; rep < 8; rep++)
        for (len = 1; len <= 70; len++) {
            size_t i;
            for (i = 0; i < len; i++) {
                unsigned r = (unsigned)(rng_next(&seed) % 62);
                char ch = (char)(r < 26 ? 'a' + r : r < 52 ? 'A' + r - 26
                                                            : '0' + r - 52);
                fast[nf++] = ch;
                slow[ns++] = ch;
            }
            fast[nf++] = len % 7 == 0 ? '\n' : len % 5 == 0 ? ',' : ' ';
            memcpy(slow + ns, seps[len % 3], strlen(seps[len % 3]));
            ns += strlen(seps[len % 3]);
        }
    fast[nf] = slow[ns] = '\0';
    a = fp_of(fast);
    b = fp_of(slow);
    assert_int_equal(a.words, 8 * 70);
    assert_int_equal(b.words, 8 * 70);
    assert_true(a.exact == b.exact);
    assert_int_equal(a.shingles, b.shingles);
    assert_memory_equal(a.minhash, b.minhash, sizeof a.minhash);
    free(fast);
    free(slow);
}

/* Fewer words than a shingle: one shingle of all of them; none: nothing. */
static void test_short_and_empty(void **state)
{
    cr_fingerprint a = fp_of("Breaking news."), b = fp_of("BREAKING   NEWS");
    cr_fingerprint e = fp_of("  \"...\" -- !"), z = fp_of("");
    cr_dedup *d = NULL;
    cr_dedup_match m;
    (void)state;
    assert_int_equal(a.words, 2);
    assert_int_equal(a.shingles, 1);
    assert_true(sim_of(&a, &b) == 1.0);
    assert_int_equal(e.words, 0);
    assert_int_equal(e.shingles, 0);
    assert_int_equal(z.shingles, 0);
    assert_true(sim_of(&e, &z) == 0.0); /* no words: never a copy */
    assert_int_equal(cr_dedup_new(NULL, &d), CR_OK);
    assert_int_equal(cr_dedup_add(d, 1, 100, &e, &m), CR_OK);
    assert_int_equal(cr_dedup_add(d, 2, 101, &z, &m), CR_OK);
    assert_true(m.key == -1);
    assert_int_equal(cr_dedup_size(d), 0);
    assert_int_equal(cr_dedup_add(d, 3, 102, &a, &m), CR_OK);
    assert_int_equal(cr_dedup_add(d, 4, 103, &b, &m), CR_OK);
    assert_true(m.key == 3);
    assert_true(m.exact);
    cr_dedup_free(d);
}

/* Repeated shingles count once. */
static void test_distinct_shingles(void **state)
{
    cr_fingerprint a = fp_of("one two three four five six seven");
    cr_fingerprint b = fp_of("one two three four five six seven. "
                             "One two three four five six seven.");
    (void)state;
    assert_int_equal(a.shingles, 3);
    assert_int_equal(b.words, 14);
    assert_int_equal(b.shingles, 7); /* 3 + 4 across the join, 3 repeated */
}

static void test_encode_decode(void **state)
{
    char *t = gen_text(7, 300);
    cr_fingerprint fp = fp_of(t), back;
    unsigned char buf[CR_FINGERPRINT_BYTES];
    (void)state;
    cr_fingerprint_encode(&fp, buf);
    assert_int_equal(buf[0], CR_FINGERPRINT_VERSION);
    /* little-endian, fixed layout */
    assert_int_equal(buf[1], fp.minhash[0] & 0xFF);
    assert_int_equal(buf[4], fp.minhash[0] >> 24);
    assert_int_equal(cr_fingerprint_decode(buf, sizeof buf, &back), CR_OK);
    assert_memory_equal(&fp, &back, sizeof fp);
    assert_int_equal(cr_fingerprint_decode(buf, sizeof buf - 1, &back),
                     CR_EINVAL);
    buf[0] = CR_FINGERPRINT_VERSION + 1;
    assert_int_equal(cr_fingerprint_decode(buf, sizeof buf, &back), CR_EINVAL);
    assert_int_equal(cr_fingerprint_decode(NULL, sizeof buf, &back),
                     CR_EINVAL);
    free(t);
}

/* --- the index ---------------------------------------------------------- */

static void test_exact_copy(void **state)
{
    char *t = gen_text(11, 400), *u = strdup(t);
    cr_fingerprint a, b;
    cr_dedup *d = NULL;
    cr_dedup_match m;
    size_t i;
    (void)state;
    for (i = 0; u[i]; i++) /* another outlet's house style */
        if (u[i] >= 'a' && u[i] <= 'z' && i % 7 == 0)
            u[i] = (char)(u[i] - 32);
    a = fp_of(t);
    b = fp_of(u);
    assert_int_equal(cr_dedup_new(NULL, &d), CR_OK);
    assert_int_equal(cr_dedup_add(d, 10, 1000, &a, &m), CR_OK);
    assert_true(m.key == -1);
    assert_int_equal(cr_dedup_add(d, 11, 2000, &b, &m), CR_OK);
    assert_true(m.key == 10);
    assert_true(m.exact);
    assert_true(m.similarity == 1.0);
    assert_int_equal(cr_dedup_size(d), 2);
    cr_dedup_free(d);
    free(t);
    free(u);
}

/* Unrelated texts in the index, then a copy of one of them. */
static cr_dedup *index_with_noise(size_t n, uint64_t seed0)
{
    cr_dedup *d = NULL;
    cr_dedup_match m;
    size_t i;
    assert_int_equal(cr_dedup_new(NULL, &d), CR_OK);
    for (i = 0; i < n; i++) {
        char *t = gen_text(seed0 + i, 200 + (i % 5) * 60);
        cr_fingerprint fp = fp_of(t);
        assert_int_equal(cr_dedup_add(d, (int64_t)i, (int64_t)(1000 + i), &fp,
                                      &m), CR_OK);
        assert_true(m.key == -1);
        free(t);
    }
    return d;
}

static void test_truncated_copy(void **state)
{
    char *t = gen_text(21, 600);
    cr_dedup *d = index_with_noise(50, 1000);
    cr_dedup_match m;
    cr_fingerprint a = fp_of(t), b;
    double c, j;
    size_t half = strlen(t) / 2;
    (void)state;
    while (t[half] != ' ')
        half++;
    t[half] = '\0'; /* keep the first half */
    b = fp_of(t);
    j = cr_fingerprint_similarity(&a, &b, &c);
    assert_true(j > 0.3 && j < 0.7);
    assert_true(c > 0.85);
    assert_int_equal(cr_dedup_add(d, 100, 5000, &a, &m), CR_OK);
    assert_true(m.key == -1);
    assert_int_equal(cr_dedup_add(d, 101, 6000, &b, &m), CR_OK);
    assert_true(m.key == 100);
    assert_false(m.exact);
    assert_true(m.similarity > 0.85);
    cr_dedup_free(d);
    free(t);
}

static void test_edited_copy(void **state)
{
    char *t = gen_text(31, 500), *u = edit_words(t, 0.05, 99);
    cr_dedup *d = index_with_noise(50, 2000);
    cr_dedup_match m;
    cr_fingerprint a = fp_of(t), b = fp_of(u);
    (void)state;
    assert_true(strcmp(t, u) != 0);
    assert_true(sim_of(&a, &b) > 0.6);
    assert_int_equal(cr_dedup_add(d, 100, 5000, &a, &m), CR_OK);
    assert_int_equal(cr_dedup_add(d, 101, 6000, &b, &m), CR_OK);
    assert_true(m.key == 100);
    assert_false(m.exact);
    cr_dedup_free(d);
    free(t);
    free(u);
}

/* Two outlets' own reports of one event: same names, numbers and a shared
 * quote, different writing. Not copies. */
static void test_same_event_not_copy(void **state)
{
    const char *a =
        "Kim Jong Un met Vladimir Putin at the Vostochny Cosmodrome on "
        "Wednesday, the Kremlin said, in talks that lasted four to five "
        "hours. Russian news agencies reported that the two leaders toured "
        "the launch site before sitting down with their delegations. Kim "
        "told Putin that Russia would win a great victory, and Washington "
        "said it believed the visit was about weapons for the war in "
        "Ukraine. Kremlin spokesman Dmitry Peskov said space and aviation "
        "cooperation were on the agenda, according to TASS. Defence "
        "minister Sergei Shoigu had visited Pyongyang in August.";
    const char *b =
        "North Korean leader Kim Jong Un raised a glass to Vladimir Putin's "
        "health at a dinner in Russia's Far East on Wednesday, after the "
        "two men held talks at a remote space launch centre in Amur Oblast. "
        "Western intelligence agencies suspect Moscow wants artillery shells "
        "from Pyongyang for its war in Ukraine, a claim both governments "
        "have denied. Putin recalled the year 1945 and quoted a proverb "
        "about friendship. Kim told Putin that Russia would win a great "
        "victory, state media said, and the Kremlin described the meeting "
        "as warm.";
    cr_fingerprint fa = fp_of(a), fb = fp_of(b);
    cr_dedup_opts o;
    cr_dedup *d = NULL;
    cr_dedup_match m;
    (void)state;
    cr_dedup_opts_default(&o);
    assert_true(sim_of(&fa, &fb) < o.threshold / 2);
    assert_int_equal(cr_dedup_new(&o, &d), CR_OK);
    assert_int_equal(cr_dedup_add(d, 1, 100, &fa, &m), CR_OK);
    assert_int_equal(cr_dedup_add(d, 2, 200, &fb, &m), CR_OK);
    assert_true(m.key == -1);
    cr_dedup_free(d);
}

/* The best match wins; on a tie, the earliest. */
static void test_best_and_earliest(void **state)
{
    char *t = gen_text(41, 400), *near = edit_words(t, 0.03, 5);
    cr_fingerprint a = fp_of(t), n = fp_of(near);
    cr_dedup *d = NULL;
    cr_dedup_match m;
    (void)state;
    assert_int_equal(cr_dedup_new(NULL, &d), CR_OK);
    assert_int_equal(cr_dedup_add(d, 1, 100, &n, &m), CR_OK);
    assert_int_equal(cr_dedup_add(d, 2, 200, &a, &m), CR_OK);
    assert_true(m.key == 1);
    assert_int_equal(cr_dedup_add(d, 3, 300, &a, &m), CR_OK);
    assert_true(m.key == 2); /* exact beats near */
    assert_true(m.exact);
    assert_int_equal(cr_dedup_add(d, 4, 400, &a, &m), CR_OK);
    assert_true(m.key == 2); /* tie: the earliest */
    cr_dedup_free(d);
    free(t);
    free(near);
}

static void test_window_eviction(void **state)
{
    cr_dedup_opts o;
    cr_dedup *d = NULL;
    cr_dedup_match m;
    char *t = gen_text(51, 300);
    cr_fingerprint a = fp_of(t);
    size_t i, mem_full, n;
    (void)state;
    cr_dedup_opts_default(&o);
    o.window = 3600;
    assert_int_equal(cr_dedup_new(&o, &d), CR_OK);
    assert_int_equal(cr_dedup_add(d, 1, 10000, &a, &m), CR_OK);
    /* within the window: found */
    assert_int_equal(cr_dedup_add(d, 2, 10000 + 1800, &a, &m), CR_OK);
    assert_true(m.key == 1);
    /* 5000 articles over the next hours: the index holds one window */
    for (i = 0; i < 5000; i++) {
        char *u = gen_text(100000 + i, 120);
        cr_fingerprint f = fp_of(u);
        assert_int_equal(cr_dedup_add(d, (int64_t)(10 + i),
                                      (int64_t)(12000 + 4 * i), &f, &m),
                         CR_OK);
        free(u);
    }
    /* 3600 s hold 900 articles at one per 4 s */
    assert_true(cr_dedup_size(d) >= 900 && cr_dedup_size(d) <= 902);
    mem_full = cr_dedup_memory(d);
    assert_true(mem_full < 900 * 600 + 600000);
    /* the originals are gone: a copy of them is new */
    assert_int_equal(cr_dedup_add(d, 99999, 12000 + 4 * 5000, &a, &m), CR_OK);
    assert_true(m.key == -1);
    /* explicit eviction of everything frees the chunks and tables */
    assert_int_equal(cr_dedup_evict(d, INT64_MAX, &n), CR_OK);
    assert_true(n >= 900);
    assert_int_equal(cr_dedup_size(d), 0);
    assert_true(cr_dedup_memory(d) < mem_full / 2);
    cr_dedup_free(d);
    free(t);
}

/* Articles added out of time order are evicted by their own time. */
static void test_evict_out_of_order(void **state)
{
    cr_dedup *d = NULL;
    cr_dedup_match m;
    size_t i, n;
    cr_fingerprint f[6];
    static const int64_t times[6] = {100, 500, 200, 600, 300, 700};
    (void)state;
    assert_int_equal(cr_dedup_new(NULL, &d), CR_OK);
    for (i = 0; i < 6; i++) {
        char *t = gen_text(300 + i, 150);
        f[i] = fp_of(t);
        free(t);
        assert_int_equal(cr_dedup_add(d, (int64_t)i, times[i], &f[i], &m),
                         CR_OK);
    }
    assert_int_equal(cr_dedup_evict(d, 350, &n), CR_OK);
    assert_int_equal(n, 3); /* 100, 200, 300 */
    assert_int_equal(cr_dedup_size(d), 3);
    assert_int_equal(cr_dedup_add(d, 10, 800, &f[2], &m), CR_OK);
    assert_true(m.key == -1); /* time 200: evicted */
    assert_int_equal(cr_dedup_add(d, 11, 800, &f[3], &m), CR_OK);
    assert_true(m.key == 3);  /* time 600: kept */
    assert_int_equal(cr_dedup_evict(d, 0, &n), CR_OK);
    assert_int_equal(n, 0);
    cr_dedup_free(d);
}

/* Two indexes fed the same calls answer the same (their table seeds
 * differ: they live at different addresses). */
static void test_deterministic(void **state)
{
    cr_dedup *d1 = NULL, *d2 = NULL;
    size_t i;
    char *base[20];
    (void)state;
    assert_int_equal(cr_dedup_new(NULL, &d1), CR_OK);
    assert_int_equal(cr_dedup_new(NULL, &d2), CR_OK);
    for (i = 0; i < 20; i++)
        base[i] = gen_text(500 + i, 250);
    for (i = 0; i < 400; i++) {
        double rate = i < 20 ? 0.0 : (double)(i % 4) * 0.01;
        char *t = edit_words(base[i % 20], rate, i);
        cr_fingerprint f = fp_of(t);
        cr_dedup_match m1, m2;
        assert_int_equal(cr_dedup_add(d1, (int64_t)i, (int64_t)i, &f, &m1),
                         CR_OK);
        assert_int_equal(cr_dedup_add(d2, (int64_t)i, (int64_t)i, &f, &m2),
                         CR_OK);
        assert_true(m1.key == m2.key);
        assert_true(m1.similarity == m2.similarity);
        assert_int_equal(m1.exact, m2.exact);
        if (i >= 20 && m1.key < 0)
            fail_msg("copy %zu (rate %.2f) not found", i, rate);
        free(t);
    }
    assert_int_equal(cr_dedup_memory(d1), cr_dedup_memory(d2));
    for (i = 0; i < 20; i++)
        free(base[i]);
    cr_dedup_free(d1);
    cr_dedup_free(d2);
}

/* At the defaults, at most 300 bytes of index per article. */
static void test_memory_per_article(void **state)
{
    cr_dedup *d = NULL;
    cr_dedup_match m;
    size_t i, worst_n = 0;
    double worst = 0;
    uint64_t s = 77;
    (void)state;
    assert_int_equal(cr_dedup_new(NULL, &d), CR_OK);
    for (i = 0; i < 30000; i++) {
        cr_fingerprint f;
        unsigned k;
        /* random fingerprints: the index does not care where they came from */
        for (k = 0; k < CR_MINHASH_SIZE; k++)
            f.minhash[k] = (uint32_t)rng_next(&s);
        f.exact = rng_next(&s);
        f.shingles = 300;
        f.words = 304;
        assert_int_equal(cr_dedup_add(d, (int64_t)i, (int64_t)i, &f, &m),
                         CR_OK);
        assert_true(m.key == -1);
        if (i >= 10000 && i % 97 == 0) {
            double per = (double)cr_dedup_memory(d) / (double)cr_dedup_size(d);
            if (per > worst) {
                worst = per;
                worst_n = i;
            }
        }
    }
    if (worst > 300)
        fail_msg("%.1f bytes per article at %zu articles", worst, worst_n);
    cr_dedup_free(d);
}

/* A key shared by very many articles does not make adds quadratic. */
static void test_hot_key_bounded(void **state)
{
    cr_dedup *d = NULL;
    cr_dedup_match m;
    cr_fingerprint f;
    size_t i;
    unsigned k;
    (void)state;
    for (k = 0; k < CR_MINHASH_SIZE; k++)
        f.minhash[k] = 0x1234u * (k + 1);
    f.exact = 42;
    f.shingles = 100;
    f.words = 104;
    assert_int_equal(cr_dedup_new(NULL, &d), CR_OK);
    for (i = 0; i < 20000; i++) {
        assert_int_equal(cr_dedup_add(d, (int64_t)i, 5, &f, &m), CR_OK);
        if (i)
            assert_true(m.key == 0); /* all tie: the earliest added */
    }
    assert_true(cr_dedup_memory(d) / cr_dedup_size(d) < 300);
    cr_dedup_free(d);
}

static void test_bad_arguments(void **state)
{
    cr_dedup_opts o;
    cr_dedup *d = NULL;
    cr_fingerprint fp;
    cr_dedup_match m;
    const char *t = "A longer text than the other one, with words.";
    (void)state;
    assert_int_equal(cr_dedup_new(NULL, NULL), CR_EINVAL);
    cr_dedup_opts_default(&o);
    o.shingle = 0;
    assert_int_equal(cr_dedup_new(&o, &d), CR_EINVAL);
    assert_null(d);
    cr_dedup_opts_default(&o);
    o.threshold = 1.5;
    assert_int_equal(cr_dedup_new(&o, &d), CR_EINVAL);
    o.threshold = NAN;
    assert_int_equal(cr_dedup_new(&o, &d), CR_EINVAL);
    cr_dedup_opts_default(&o);
    o.window = -1;
    assert_int_equal(cr_dedup_new(&o, &d), CR_EINVAL);
    cr_dedup_opts_default(&o);
    o.shingle = 17;
    assert_int_equal(cr_fingerprint_text("a b", 3, NULL, &o, &fp), CR_EINVAL);
    assert_int_equal(cr_fingerprint_text(NULL, 3, NULL, NULL, &fp), CR_EINVAL);
    assert_int_equal(cr_fingerprint_text("a", 1, NULL, NULL, NULL), CR_EINVAL);
    assert_int_equal(cr_dedup_new(NULL, &d), CR_OK);
    fp = fp_of(t);
    assert_int_equal(cr_dedup_add(NULL, 1, 1, &fp, &m), CR_EINVAL);
    assert_int_equal(cr_dedup_add(d, 1, 1, NULL, &m), CR_EINVAL);
    assert_int_equal(cr_dedup_add(d, 1, 1, &fp, NULL), CR_EINVAL);
    assert_int_equal(cr_dedup_evict(NULL, 0, NULL), CR_EINVAL);
    assert_int_equal(cr_dedup_size(NULL), 0);
    assert_int_equal(cr_dedup_memory(NULL), 0);
    assert_true(cr_fingerprint_similarity(NULL, &fp, NULL) == 0.0);
    cr_dedup_free(d);
    cr_dedup_free(NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_fingerprint),
        cmocka_unit_test(test_normalized_stream),
        cmocka_unit_test(test_fast_and_general_scan),
        cmocka_unit_test(test_short_and_empty),
        cmocka_unit_test(test_distinct_shingles),
        cmocka_unit_test(test_encode_decode),
        cmocka_unit_test(test_exact_copy),
        cmocka_unit_test(test_truncated_copy),
        cmocka_unit_test(test_edited_copy),
        cmocka_unit_test(test_same_event_not_copy),
        cmocka_unit_test(test_best_and_earliest),
        cmocka_unit_test(test_window_eviction),
        cmocka_unit_test(test_evict_out_of_order),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_memory_per_article),
        cmocka_unit_test(test_hot_key_bounded),
        cmocka_unit_test(test_bad_arguments),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
