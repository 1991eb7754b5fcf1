/*
 * fingerprint.c — the near-duplicate fingerprint of a text: what is hashed,
 * how, and how two fingerprints are compared. Everything here is fixed per
 * CR_FINGERPRINT_VERSION (fingerprints are stored), and pinned by the
 * golden test in tests/unit/test_dedup.c: change a seed, the folding or the
 * shingling and that test fails, as it should — bump the version instead.
 *
 *  1. The normalized token stream: the word and number tokens of the text
 *     (cr_tokenize's kinds), each folded as cr_fold does (ASCII tokens take
 *     a lowercase fast path with identical results). Punctuation, quote
 *     marks and symbols are dropped, so quote style, spacing and case do not
 *     change anything.
 *  2. Token hash: XXH3-64 of the folded token, seed SEED_TOKEN. The hashes
 *     of the whole stream, as little-endian 64-bit words, hashed again with
 *     XXH3-64 (seed SEED_EXACT), are `exact`.
 *  3. Shingles: every run of `shingle` consecutive tokens; its hash is
 *     XXH3-64 (seed SEED_SHINGLE) of the run's token hashes (8 bytes each,
 *     little-endian). A text with fewer tokens than that has one shingle of
 *     all of them. `shingles` is the number of distinct shingle hashes.
 *  4. MinHash by one-permutation hashing: the top 6 bits of a shingle hash
 *     choose one of the 64 bins, its low 32 bits are the value, each bin
 *     keeps its minimum. Bins no shingle fell into are filled by optimal
 *     densification (Shrivastava 2017): bin i copies the value of the first
 *     non-empty bin in its own fixed pseudo-random probe sequence. One hash
 *     per shingle instead of 64, with the same Jaccard estimator.
 */
#include "dedup/dedup.h"
#include "util/util.h"

#include <stdlib.h>
#include <string.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

#if CR_MINHASH_SIZE != 64
#error "one-permutation binning below uses the top 6 bits: 64 bins"
#endif

#define SEED_TOKEN 0x63726f7373726561ULL   /* "crossrea" */
#define SEED_SHINGLE 0x6473686e676c6531ULL /* "dshngle1" */
#define SEED_EXACT 0x6578616374763031ULL   /* "exactv01" */
#define SEED_DENSE 0x64656e7365763031ULL   /* "densev01" */

#define EMPTY_BIN UINT32_MAX   /* minhash of a text without tokens */
#define FAST_TOKEN 64          /* ASCII tokens up to this length skip cr_fold */
#define STACK_TOKENS 256       /* token hashes kept on the stack */

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

/* splitmix64's finalizer: the fixed mixing of densification probes. */
static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/* XXH3-64 of n <= 16 bytes, and of exactly 40 bytes (a 5-word shingle):
 * flattened so the compiler inlines XXH3 and drops the length dispatch. */
#if defined(__GNUC__)
#define FLATTEN __attribute__((flatten))
#else
#define FLATTEN
#endif
static FLATTEN uint64_t xxh_short(const void *p, size_t n, uint64_t seed)
{
#if defined(__GNUC__)
    if (n > 16)
        __builtin_unreachable();
#endif
    return XXH3_64bits_withSeed(p, n, seed);
}

static FLATTEN uint64_t xxh_40(const void *p, uint64_t seed)
{
    return XXH3_64bits_withSeed(p, 40, seed);
}

/* Lowercase the ASCII letters of 8 bytes at once. */
static uint64_t lower8(uint64_t x)
{
    const uint64_t h = 0x8080808080808080ULL;
    uint64_t low7 = x & ~h;
    uint64_t ge_a = low7 + 0x3F3F3F3F3F3F3F3FULL;  /* high bit: byte >= 'A' */
    uint64_t gt_z = low7 + 0x2525252525252525ULL;  /* high bit: byte > 'Z' */
    return x | ((ge_a & ~gt_z & ~x & h) >> 2);
}

/* Hash of one word or number token s[0..n), folded; `room` bytes are
 * readable from s (n <= room). */
static cr_status token_hash(const unsigned char *s, size_t n, size_t room,
                            uint64_t *out)
{
    unsigned char buf[FAST_TOKEN];
    size_t i;
    char *folded = NULL;
    size_t flen = 0;
    cr_status rc;

    if (n <= 16) {
        uint64_t w[2] = {0, 0};
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
        if (room >= 16) { /* one unaligned load, bytes past n masked off */
            memcpy(w, s, 16);
            if (n < 8) {
                w[0] &= n ? UINT64_MAX >> (64 - 8 * n) : 0;
                w[1] = 0;
            } else if (n < 16) {
                w[1] &= n > 8 ? UINT64_MAX >> (128 - 8 * n) : 0;
            }
        } else {
            memcpy(w, s, n);
        }
        if (!((w[0] | w[1]) & 0x8080808080808080ULL)) {
            w[0] = lower8(w[0]);
            w[1] = lower8(w[1]);
            *out = xxh_short(w, n, SEED_TOKEN);
            return CR_OK;
        }
#else
        (void)room;
        memcpy(w, s, n);
        if (!((w[0] | w[1]) & 0x8080808080808080ULL)) {
            for (i = 0; i < n; i++)
                buf[i] = (unsigned char)((unsigned)(s[i] - 'A') < 26u ? s[i] + 32 : s[i]);
            *out = xxh_short(buf, n, SEED_TOKEN);
            return CR_OK;
        }
#endif
    } else if (n <= FAST_TOKEN) {
        unsigned char any = 0;
        for (i = 0; i < n; i++) {
            unsigned char c = s[i];
            any |= c;
            buf[i] = (unsigned char)((unsigned)(c - 'A') < 26u ? c + 32 : c);
        }
        if (!(any & 0x80)) {
            *out = XXH3_64bits_withSeed(buf, n, SEED_TOKEN);
            return CR_OK;
        }
    }
    rc = cr_fold((const char *)s, n, &folded, &flen);
    if (rc != CR_OK)
        return rc;
    *out = XXH3_64bits_withSeed(folded, flen, SEED_TOKEN);
    free(folded);
    return CR_OK;
}

/* Insert h into the open-addressing set (cap a power of two, 0 = empty);
 * returns 1 when it was new. */
static int set_add(uint64_t *set, size_t mask, uint64_t h)
{
    size_t i;
    if (h == 0)
        h = 1;
    i = (size_t)(h ^ (h >> 29)) & mask;
    for (;;) {
        if (set[i] == h)
            return 0;
        if (set[i] == 0) {
            set[i] = h;
            return 1;
        }
        i = (i + 1) & mask;
    }
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

cr_status cr_fingerprint_text(const char *text, size_t len, const cr_doc *doc,
                              const cr_dedup_opts *opts, cr_fingerprint *out)
{
    cr_dedup_opts def;
    const cr_token *tok;
    cr_token *own_tok = NULL;
    size_t ntok = 0, nw = 0, i, k, nsh, cap, distinct = 0;
    uint64_t stack_th[STACK_TOKENS], stack_set[2 * STACK_TOKENS];
    uint64_t *th = stack_th, *set = stack_set, *heap = NULL;
    uint64_t full = 0;
    cr_status rc = CR_OK;

    if (!out || (!text && len))
        return CR_EINVAL;
    memset(out, 0, sizeof *out);
    if (!opts) {
        cr_dedup_opts_default(&def);
        opts = &def;
    }
    k = opts->shingle;
    if (k < 1 || k > CRI_DEDUP_MAX_SHINGLE)
        return CR_EINVAL;
    if (doc) {
        tok = cr_doc_tokens(doc, &ntok);
    } else {
        rc = cr_tokenize(text ? text : "", len, NULL, &own_tok, &ntok);
        if (rc != CR_OK)
            return rc;
        tok = own_tok;
    }
    for (i = 0; i < ntok; i++) {
        if (tok[i].end > len || tok[i].start > tok[i].end) {
            rc = CR_EINVAL; /* a doc of another text */
            goto done;
        }
        nw += tok[i].kind == CR_TOK_WORD || tok[i].kind == CR_TOK_NUMBER;
    }
    nsh = nw >= k ? nw - k + 1 : (nw ? 1 : 0);
    for (cap = 16; cap < 2 * nsh; cap *= 2)
        ;
    if (nw > STACK_TOKENS) {
        heap = malloc((nw + cap) * sizeof *heap);
        if (!heap) {
            rc = CR_ENOMEM;
            goto done;
        }
        th = heap;
        set = heap + nw;
    }
    memset(set, 0, cap * sizeof *set);
    for (i = 0; i < CR_MINHASH_SIZE; i++)
        out->minhash[i] = EMPTY_BIN;

    nw = 0;
    for (i = 0; i < ntok; i++) {
        uint64_t h;
        if (tok[i].kind != CR_TOK_WORD && tok[i].kind != CR_TOK_NUMBER)
            continue;
        rc = token_hash((const unsigned char *)text + tok[i].start,
                        tok[i].end - tok[i].start, len - tok[i].start, &h);
        if (rc != CR_OK)
            goto done;
        th[nw++] = to_le64(h);
    }
    out->words = nw > UINT32_MAX ? UINT32_MAX : (uint32_t)nw;
    out->exact = XXH3_64bits_withSeed(th, nw * sizeof *th, SEED_EXACT);
    if (nw == 0)
        goto done;
    for (i = 0; i < nsh; i++) {
        uint64_t h = k == 5 && nw >= 5
                         ? xxh_40(th + i, SEED_SHINGLE)
                         : XXH3_64bits_withSeed(th + i, (nw < k ? nw : k) * 8,
                                                SEED_SHINGLE);
        unsigned bin = (unsigned)(h >> 58);
        uint32_t v = (uint32_t)h;
        distinct += (size_t)set_add(set, cap - 1, h);
        full |= (uint64_t)1 << bin;
        if (v < out->minhash[bin])
            out->minhash[bin] = v;
    }
    out->shingles = distinct > UINT32_MAX ? UINT32_MAX : (uint32_t)distinct;
    if (~full)
        densify(out->minhash, full);
done:
    free(heap);
    free(own_tok);
    if (rc != CR_OK)
        memset(out, 0, sizeof *out);
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
