/*
 * fingerprint.c — the near-duplicate fingerprint of a text: what is hashed,
 * how, and how two fingerprints are compared. Everything here is fixed per
 * CR_FINGERPRINT_VERSION (fingerprints are stored), and pinned by the
 * golden test in tests/unit/test_dedup.c: change a seed, the folding or the
 * shingling and that test fails, as it should — bump the version instead.
 *
 *  1. The normalized token stream, read here in one pass over the text
 *     (no tokenizer, no analysis): the maximal runs of letters, decimal
 *     digits and combining marks (the tokenizer's word characters,
 *     cri_word_class), a Han ideograph or Hiragana character being a run
 *     of its own, each folded as cr_fold does (ASCII runs take a lowercase
 *     fast path with identical results). Everything else separates runs,
 *     apostrophes and hyphens included ("Korea's" is "korea" "s"), so
 *     quote style, dashes, spacing and case change nothing.
 *  2. Token hash of the folded run (short_hash, folded_hash): up to 16
 *     bytes, splitmix64's finalizer over its bytes read as two
 *     little-endian words, zero-padded; longer, XXH3-64. The hashes of the
 *     whole stream, as little-endian 64-bit words, hashed again with
 *     XXH3-64 (seed SEED_EXACT), are `exact`.
 *  3. Shingles: every run of `shingle` consecutive tokens; its hash is
 *     mix64(SEED_SHINGLE + R), R = sum of t[j] * P^(k-1-j) mod 2^64 over
 *     its token hashes t[0..k) (a polynomial that rolls from one shingle to
 *     the next in two multiplications; mix64 is a bijection, so distinct R
 *     give distinct hashes, and it spreads them over all 64 bits). A text
 *     with fewer tokens than that has one shingle of all of them.
 *     `shingles` is the number of distinct shingle hashes (set_add).
 *  4. MinHash by one-permutation hashing: the top 6 bits of a shingle hash
 *     choose one of the 64 bins, its low 32 bits are the value, each bin
 *     keeps its minimum. Bins no shingle fell into are filled by optimal
 *     densification (Shrivastava 2017): bin i copies the value of the first
 *     non-empty bin in its own fixed pseudo-random probe sequence. One hash
 *     per shingle instead of 64, with the same Jaccard estimator.
 *
 * Version 1 took the word and number tokens of cr_tokenize (or of a
 * cr_doc) and hashed tokens and shingles with XXH3; version 2 reads the
 * text itself, splits at apostrophes and hyphens, and hashes as above:
 * in less than half the time (ALGORITHMS.md).
 */
#include "dedup/dedup.h"
#include "text/text.h"
#include "util/util.h"

#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#if defined(__SSE2__) && !defined(CRI_NO_SSE2)
#include <emmintrin.h>
#endif

#if CR_MINHASH_SIZE != 64
#error "one-permutation binning below uses the top 6 bits: 64 bins"
#endif

#define SEED_TOKEN 0x63726f7373726561ULL   /* "crossrea" */
#define SEED_SHINGLE 0x6473686e676c6532ULL /* "dshngle2" */
#define SHINGLE_P 0x9e3779b97f4a7c15ULL     /* odd: 2^64 / golden ratio */
#define SEED_EXACT 0x6578616374763031ULL   /* "exactv01" */
#define SEED_DENSE 0x64656e7365763031ULL   /* "densev01" */

#define EMPTY_BIN UINT32_MAX   /* minhash of a text without tokens */
#define FAST_TOKEN 64          /* ASCII tokens up to this length skip cr_fold */
#define STACK_TOKENS 256       /* token hashes kept on the stack */
#define SHINGLE_BATCH 128      /* shingle hashes per pass (minhash) */

void cr_dedup_opts_default(cr_dedup_opts *o)
{
    if (!o)
        return;
    o->shingle = CRI_DEDUP_SHINGLE;
    o->threshold = CRI_DEDUP_THRESHOLD;
    o->window = 0;
}

/* The value as little-endian bytes in memory, so that hashing the bytes of
 * an array of these gives the same result on every machine. */
static uint64_t to_le64(uint64_t v)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return __builtin_bswap64(v);
#else
    return v;
#endif
}

/* splitmix64's finalizer: a bijection of 64-bit words that spreads every
 * input bit over all output bits; mixes shingle hashes and densification
 * probes. */
static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/* Bytes of a token's first and second 8-byte words that belong to a token
 * of k <= 16 bytes: mask[k][0], mask[k][1]. */
static const uint64_t token_mask[17][2] = {
#define M(n) ((n) >= 8 ? UINT64_MAX \
              : (n) <= 0 ? 0 : ((uint64_t)1 << ((8 * (n)) & 63)) - 1)
#define ROW(k) {M(k), M((k) - 8)}
    ROW(0), ROW(1), ROW(2), ROW(3), ROW(4), ROW(5), ROW(6), ROW(7), ROW(8),
    ROW(9), ROW(10), ROW(11), ROW(12), ROW(13), ROW(14), ROW(15), ROW(16)
#undef ROW
#undef M
};

/* Hash of a folded token of n <= 16 bytes whose first 16 bytes are the
 * little-endian words w0, w1 (bytes past the token are masked off, so
 * they may be anything): up to 8 bytes, mix64(w0 ^ SEED_TOKEN) (a token
 * holds no NUL byte, so w0 determines it: distinct short tokens never
 * collide); 9 to 16 bytes, mix64(mix64(w0 ^ SEED_TOKEN) + w1). Without
 * branches on n (word lengths are unpredictable): both steps computed,
 * one selected. Inlined: it runs once per token. */
static inline __attribute__((always_inline)) uint64_t
short_hash(uint64_t w0, uint64_t w1, size_t n)
{
    uint64_t h0 = mix64((w0 & token_mask[n][0]) ^ SEED_TOKEN);
    uint64_t h1 = mix64(h0 + (w1 & token_mask[n][1]));
    return n > 8 ? h1 : h0;
}

/* Lowercase the ASCII letters of 8 bytes at once. */
static inline uint64_t lower8(uint64_t x)
{
    const uint64_t h = 0x8080808080808080ULL;
    uint64_t low7 = x & ~h;
    uint64_t ge_a = low7 + 0x3F3F3F3F3F3F3F3FULL;  /* high bit: byte >= 'A' */
    uint64_t gt_z = low7 + 0x2525252525252525ULL;  /* high bit: byte > 'Z' */
    return x | ((ge_a & ~gt_z & ~x & h) >> 2);
}

/* Hash of a folded token f[0..n): short_hash up to 16 bytes, XXH3-64 with
 * seed SEED_TOKEN beyond. */
static uint64_t folded_hash(const unsigned char *f, size_t n)
{
    uint64_t w[2] = {0, 0};
    if (n > 16)
        return XXH3_64bits_withSeed(f, n, SEED_TOKEN);
    memcpy(w, f, n);
    return short_hash(to_le64(w[0]), to_le64(w[1]), n);
}

/* Hash of the token s[0..n) folded; *empty set when it folds to nothing
 * (a lone combining mark): such a token is skipped. */
static cr_status token_hash(const unsigned char *s, size_t n, uint64_t *out,
                            int *empty)
{
    unsigned char buf[FAST_TOKEN];
    unsigned char any = 0;
    char *folded = NULL;
    size_t i, flen = 0;
    cr_status rc;

    *empty = 0;
    if (n <= 16) { /* in registers */
        uint64_t w[2] = {0, 0};
        memcpy(w, s, n);
        w[0] = to_le64(w[0]);
        w[1] = to_le64(w[1]);
        if (!((w[0] | w[1]) & 0x8080808080808080ULL)) {
            *out = short_hash(lower8(w[0]), lower8(w[1]), n);
            return CR_OK;
        }
    } else if (n <= FAST_TOKEN) {
        for (i = 0; i < n; i++) {
            unsigned char c = s[i];
            any |= c;
            buf[i] = (unsigned char)((unsigned)(c - 'A') < 26u ? c + 32 : c);
        }
        if (!(any & 0x80)) {
            *out = folded_hash(buf, n);
            return CR_OK;
        }
    }
    rc = cr_fold((const char *)s, n, &folded, &flen);
    if (rc != CR_OK)
        return rc;
    *empty = flen == 0;
    *out = folded_hash((const unsigned char *)folded, flen);
    free(folded);
    return CR_OK;
}

/* Count shingle hash h into the open-addressing set (cap a power of two,
 * 0 = empty); returns 1 when it was new. An entry is h's high 32 bits (odd,
 * so never 0) at a position from its low bits: two different hashes can
 * only merge when their high 31 bits agree and they probe the same run, a
 * chance below 2^-31 per pair: negligible beside the error of the
 * estimates the count feeds. Entries of 4 bytes keep the set small to
 * clear and to probe. */
static int set_add(uint32_t *set, size_t mask, uint64_t h)
{
    uint32_t key = (uint32_t)(h >> 32) | 1, x;
    size_t i = (size_t)h & mask; /* h is mixed: any bits will do */
    while ((x = set[i]) != 0 && x != key) /* mostly not taken: load <= 1/4 */
        i = (i + 1) & mask;
    set[i] = key;
    return x == 0;
}

/* Fill empty bins by optimal densification: bin i takes the value of the
 * first non-empty bin along its probe sequence j = top6(mix(i, attempt)).
 * `full` has bit j set when bin j got a shingle; at least one has. */
static void densify(uint32_t *mh, uint64_t full)
{
    uint32_t orig[CR_MINHASH_SIZE];
    unsigned i;
    memcpy(orig, mh, sizeof orig);
    for (i = 0; i < CR_MINHASH_SIZE; i++) {
        uint64_t a;
        unsigned j = i;
        if (full >> i & 1)
            continue;
        for (a = 1; a <= 4096; a++) {
            j = (unsigned)(mix64(SEED_DENSE ^ ((uint64_t)i << 32) ^ a) >> 58);
            if (full >> j & 1)
                break;
        }
        while (!(full >> j & 1)) /* p < 1e-27 with one full bin: scan */
            j = (j + 1) % CR_MINHASH_SIZE;
        mh[i] = orig[j];
    }
}

/* One step of the general scan at s[i] (i < len): a whole token starting
 * there (any of its bytes may be non-ASCII), or one separator character.
 * Returns the position after it; *got says whether *h holds a token hash. */
static cr_status scan_step(const unsigned char *s, size_t len, size_t i,
                           size_t *next, uint64_t *h, int *got)
{
    size_t j, adv;
    int empty;
    cr_status rc;
    *got = 0;
    if (s[i] < 0x80) {
        if (!cri_ascii_alnum(s[i])) {
            *next = i + 1;
            return CR_OK;
        }
        j = cri_ascii_alnum_end(s, len, i + 1);
    } else {
        int k = cri_word_class(s, len, i, &adv);
        if (k == CRI_WORD_NONE) {
            *next = i + adv;
            return CR_OK;
        }
        j = i + adv;
        if (k == CRI_WORD_IDEO)
            goto hash;
    }
    /* extend over non-ASCII word characters and the ASCII after them */
    while (j < len && s[j] >= 0x80 &&
           cri_word_class(s, len, j, &adv) == CRI_WORD_BODY)
        j = cri_ascii_alnum_end(s, len, j + adv);
hash:
    *next = j;
    rc = token_hash(s + i, j - i, h, &empty);
    *got = rc == CR_OK && !empty;
    return rc;
}

#ifdef CRI_ALNUM8
/* Bitmasks of the 64 bytes at p: bit i of *al set when p[i] is an ASCII
 * letter or digit, of *hi when p[i] is not ASCII; and the 64 bytes with
 * their ASCII letters lowercased into low[0..64) (once per block rather
 * than once per token). */
#if defined(__SSE2__) && !defined(CRI_NO_SSE2)
static inline void block_masks(const unsigned char *p, uint64_t *al,
                               uint64_t *hi, unsigned char *low)
{
    uint64_t a = 0, h = 0;
    unsigned c;
    for (c = 0; c < 4; c++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * c));
        /* signed compares: non-ASCII bytes are negative, never in range */
        __m128i y = _mm_or_si128(v, _mm_set1_epi8(0x20)); /* case folded */
        __m128i let = _mm_and_si128(_mm_cmpgt_epi8(y, _mm_set1_epi8('a' - 1)),
                                    _mm_cmplt_epi8(y, _mm_set1_epi8('z' + 1)));
        __m128i dig = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('0' - 1)),
                                    _mm_cmplt_epi8(v, _mm_set1_epi8('9' + 1)));
        _mm_storeu_si128((__m128i *)(void *)(low + 16 * c),
                         _mm_or_si128(v, _mm_and_si128(let, _mm_set1_epi8(0x20))));
        a |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_or_si128(let, dig))
             << (16 * c);
        h |= (uint64_t)(unsigned)_mm_movemask_epi8(v) << (16 * c);
    }
    *al = a;
    *hi = h;
}
#else
/* The high bits of the 8 bytes of x (all other bits clear) as 8 bits. */
static inline uint64_t high_bits(uint64_t x)
{
    return ((x >> 7) * 0x0102040810204080ULL) >> 56;
}

static inline void block_masks(const unsigned char *p, uint64_t *al,
                               uint64_t *hi, unsigned char *low)
{
    uint64_t a = 0, h = 0;
    unsigned c;
    for (c = 0; c < 8; c++) {
        uint64_t v, l;
        memcpy(&v, p + 8 * c, 8);
        l = lower8(v);
        memcpy(low + 8 * c, &l, 8);
        a |= high_bits(cri_ascii_alnum8(v)) << (8 * c);
        h |= high_bits(v & 0x8080808080808080ULL) << (8 * c);
    }
    *al = a;
    *hi = h;
}
#endif

/* Hash of the ASCII letters and digits p[0..k) (k >= 1), folded: in
 * registers up to 16 bytes, for which 16 bytes must be readable at p.
 * `folded` says whether p's letters are lowercase already. */
static inline __attribute__((always_inline)) cr_status
ascii_hash(const unsigned char *p, size_t k, int folded, uint64_t *h)
{
    uint64_t w0, w1;
    int empty;
    if (__builtin_expect(k > 16, 0))
        return token_hash(p, k, h, &empty);
    memcpy(&w0, p, 8);
    memcpy(&w1, p + 8, 8);
    *h = folded ? short_hash(w0, w1, k) : short_hash(lower8(w0), lower8(w1), k);
    return CR_OK;
}
#endif

/* The hashes of the folded tokens of s[0..len) (steps 1 and 2 above) into
 * th, which has room for len / 2 + 1 (a token and its separator take two
 * bytes at least); *n receives their count.
 *
 * Fast path: 64 bytes at a time, bitmasks of the ASCII letters and digits
 * and of the non-ASCII bytes (SSE2, or 8 bytes at a time without
 * branches), and a lowercased copy of the block; the tokens of the block
 * up to its first non-ASCII byte are read off the masks and hashed from
 * the copy, so the loop branches once per token rather than at each
 * unpredictable word end or length, and a token running past the block's end
 * is followed to its end. A token that touches a non-ASCII byte, and the
 * text's last 79 bytes, take the general scan (scan_step), one token or
 * separator at a time. */
static cr_status token_hashes(const unsigned char *s, size_t len,
                              uint64_t *th, size_t *n)
{
    size_t i = 0, nw = 0;
    cr_status rc;
#ifdef CRI_ALNUM8
    /* the block lowercased, and 16 bytes of zeros: 16 bytes are readable
     * after any token start */
    unsigned char low[80] = {0};
#endif
    while (i < len) {
        uint64_t h;
        int got;
#ifdef CRI_ALNUM8
        if (len - i >= 80) { /* a block, and 16 bytes after any token start */
            uint64_t al, hi, valid, starts, ends;
            unsigned blk;
            block_masks(s + i, &al, &hi, low);
            blk = hi ? (unsigned)__builtin_ctzll(hi) : 64;
            valid = blk == 64 ? UINT64_MAX : ((uint64_t)1 << blk) - 1;
            al &= valid;
            starts = al & ~(al << 1);
            ends = al & ~(al >> 1) & (valid >> 1); /* not at the block's end */
            while (starts) {
                unsigned st = (unsigned)__builtin_ctzll(starts);
                uint64_t e = ends >> st;
                if (!e) /* runs to the block's end */
                    break;
                rc = ascii_hash(low + st, (size_t)__builtin_ctzll(e) + 1, 1,
                                &h);
                if (rc != CR_OK)
                    return rc;
                th[nw++] = h;
                starts &= starts - 1;
            }
            if (!starts && blk == 64) {
                i += 64;
                continue;
            }
            if (starts && blk == 64) { /* a token runs on past the block */
                size_t st = i + (size_t)__builtin_ctzll(starts);
                size_t j = cri_ascii_alnum_end(s, len, i + 64);
                if (j == len || s[j] < 0x80) {
                    rc = ascii_hash(s + st, j - st, 0, &h);
                    if (rc != CR_OK)
                        return rc;
                    th[nw++] = h;
                    i = j;
                    continue;
                }
            }
            /* the first token not taken, or the first non-ASCII byte */
            i += starts ? (size_t)__builtin_ctzll(starts) : blk;
        }
#endif
        rc = scan_step(s, len, i, &i, &h, &got);
        if (rc != CR_OK)
            return rc;
        if (got)
            th[nw++] = h;
    }
    *n = nw;
    return CR_OK;
}

/* Steps 3 and 4 above over the nw > 0 token hashes th: out->minhash and
 * out->shingles. */
static cr_status minhash(const uint64_t *th, size_t nw, size_t k,
                         cr_fingerprint *out)
{
    uint32_t stack_set[4 * STACK_TOKENS], *set = stack_set, *heap = NULL;
    uint64_t full = 0, r = 0, pk = 1;
    size_t nsh = nw >= k ? nw - k + 1 : 1, m = nw < k ? nw : k;
    size_t i, cap, distinct = 0;

    for (cap = 16; cap < 4 * nsh; cap *= 2)
        ;
    if (cap > sizeof stack_set / sizeof *stack_set) {
        heap = malloc(cap * sizeof *heap);
        if (!heap)
            return CR_ENOMEM;
        set = heap;
    }
    memset(set, 0, cap * sizeof *set);
    for (i = 0; i < CR_MINHASH_SIZE; i++)
        out->minhash[i] = EMPTY_BIN;
    /* R of the first shingle, and P^(k-1) to take its first token out */
    for (i = 0; i < m; i++)
        r = r * SHINGLE_P + th[i];
    for (i = 1; i < k; i++)
        pk *= SHINGLE_P;
    /* In batches of SHINGLE_BATCH, one pass per step: the hashes (the
     * roll is the only chain), the bins, the distinct count. Each loop is
     * simple enough to overlap its iterations; one loop doing all three
     * stalls on the set's probes. */
    for (i = 0; i < nsh;) {
        uint64_t sh[SHINGLE_BATCH];
        size_t b, nb = nsh - i < SHINGLE_BATCH ? nsh - i : SHINGLE_BATCH;
        for (b = 0;; b++) {
            sh[b] = mix64(SEED_SHINGLE + r);
            if (b + 1 == nb || i + b + 1 == nsh)
                break;
            r = (r - th[i + b] * pk) * SHINGLE_P + th[i + b + k];
        }
        if (i + nb < nsh) /* roll on to the next batch's first shingle */
            r = (r - th[i + nb - 1] * pk) * SHINGLE_P + th[i + nb - 1 + k];
        for (b = 0; b < nb; b++) {
            unsigned bin = (unsigned)(sh[b] >> 58);
            uint32_t v = (uint32_t)sh[b], old = out->minhash[bin];
            full |= (uint64_t)1 << bin;
            out->minhash[bin] = v < old ? v : old;
        }
        for (b = 0; b < nb; b++)
            distinct += (size_t)set_add(set, cap - 1, sh[b]);
        i += nb;
    }
    out->shingles = (uint32_t)distinct;
    if (~full)
        densify(out->minhash, full);
    free(heap);
    return CR_OK;
}

cr_status cr_fingerprint_text(const char *text, size_t len, const cr_doc *doc,
                              const cr_dedup_opts *opts, cr_fingerprint *out)
{
    cr_dedup_opts def;
    uint64_t stack_th[STACK_TOKENS], *th = stack_th, *heap = NULL;
    size_t nw = 0, i;
    cr_status rc;

    (void)doc; /* version 1 read the doc's tokens; see the top of the file */
    if (!out || (!text && len))
        return CR_EINVAL;
    memset(out, 0, sizeof *out);
    if (!opts) {
        cr_dedup_opts_default(&def);
        opts = &def;
    }
    if (opts->shingle < 1 || opts->shingle > CRI_DEDUP_MAX_SHINGLE)
        return CR_EINVAL;
    if (len > UINT32_MAX)
        return CR_ELIMIT;
    if (len / 2 + 1 > STACK_TOKENS) {
        heap = malloc((len / 2 + 1) * sizeof *heap);
        if (!heap)
            return CR_ENOMEM;
        th = heap;
    }
    rc = token_hashes((const unsigned char *)(text ? text : ""), len, th, &nw);
    if (rc == CR_OK && nw)
        rc = minhash(th, nw, opts->shingle, out);
    if (rc == CR_OK) {
        for (i = 0; i < nw; i++) /* `exact` hashes little-endian bytes */
            th[i] = to_le64(th[i]);
        out->words = (uint32_t)nw;
        out->exact = XXH3_64bits_withSeed(th, nw * sizeof *th, SEED_EXACT);
    } else {
        memset(out, 0, sizeof *out);
    }
    free(heap);
    return rc;
}

double cri_dedup_containment(unsigned matches, uint32_t sa, uint32_t sb,
                             double *jaccard)
{
    double j = (double)matches / CR_MINHASH_SIZE;
    double small = sa < sb ? sa : sb, large = sa < sb ? sb : sa, c;
    *jaccard = j;
    if (large > CRI_DEDUP_MAX_RATIO * small)
        return j;
    /* |A∩B| = J |A∪B| = J (|A| + |B|) / (1 + J) */
    c = j * (small + large) / (1.0 + j) / small;
    if (c > 1.0)
        c = 1.0;
    return c < j ? j : c;
}

double cr_fingerprint_similarity(const cr_fingerprint *a,
                                 const cr_fingerprint *b,
                                 double *containment)
{
    unsigned i, m = 0;
    double j = 0.0, c = 0.0;
    if (a && b && a->shingles && b->shingles) {
        for (i = 0; i < CR_MINHASH_SIZE; i++)
            m += a->minhash[i] == b->minhash[i];
        c = cri_dedup_containment(m, a->shingles, b->shingles, &j);
    }
    if (containment)
        *containment = c;
    return j;
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
    p[2] = (unsigned char)(v >> 16);
    p[3] = (unsigned char)(v >> 24);
}

static uint32_t get32(const unsigned char *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

void cr_fingerprint_encode(const cr_fingerprint *fp,
                           unsigned char out[CR_FINGERPRINT_BYTES])
{
    unsigned char *p = out;
    unsigned i;
    *p++ = CR_FINGERPRINT_VERSION;
    for (i = 0; i < CR_MINHASH_SIZE; i++, p += 4)
        put32(p, fp->minhash[i]);
    put32(p, (uint32_t)fp->exact);
    put32(p + 4, (uint32_t)(fp->exact >> 32));
    put32(p + 8, fp->shingles);
    put32(p + 12, fp->words);
}

cr_status cr_fingerprint_decode(const unsigned char *buf, size_t len,
                                cr_fingerprint *out)
{
    const unsigned char *p = buf;
    unsigned i;
    if (!out)
        return CR_EINVAL;
    memset(out, 0, sizeof *out);
    if (!buf || len != CR_FINGERPRINT_BYTES || *p++ != CR_FINGERPRINT_VERSION)
        return CR_EINVAL;
    for (i = 0; i < CR_MINHASH_SIZE; i++, p += 4)
        out->minhash[i] = get32(p);
    out->exact = (uint64_t)get32(p) | (uint64_t)get32(p + 4) << 32;
    out->shingles = get32(p + 8);
    out->words = get32(p + 12);
    return CR_OK;
}
