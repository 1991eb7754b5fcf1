/*
 * utf8.c — strict UTF-8 validation, control-character scanning and the
 * stored content hash.
 *
 * Both scanners are on the hot path of every ingested article, so they
 * skip plain ASCII a machine word at a time (SWAR: a 64-bit word is tested
 * for "any byte >= 0x80" or "any byte < 0x20 or == 0x7f" with a few
 * arithmetic operations) and fall back to byte-wise work only around the
 * bytes that need it. See ingest.h and crossread.h for the contracts.
 */
#include "ingest/ingest.h"
#include "util/util.h"

#include <string.h>
#include <xxhash.h>

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* Non-zero when some byte of x is zero (exact as an existence test). */
#define HAS_ZERO(x) (((x) - ONES) & ~(x) & HIGHS)
/* Non-zero when some byte of x is below n (n <= 128). */
#define HAS_LESS(x, n) (((x) - ONES * (n)) & ~(x) & HIGHS)

/* Eight bytes at p as a word (any alignment). */
static uint64_t load64(const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, sizeof w);
    return w;
}

int cri_is_space(unsigned char c)
{
    return c == ' ' || (c >= '\t' && c <= '\r');
}

/* The body of cri_utf8_seq, static so the validator's loop inlines it. */
static size_t seq_len(const unsigned char *s, size_t len, size_t i)
{
    unsigned c = s[i], c1;
    if (c < 0x80)
        return 1;
    if (c < 0xC2)
        return 0;
    if (i + 1 >= len)
        return 0;
    c1 = s[i + 1];
    if (c < 0xE0)
        return (c1 & 0xC0) == 0x80 ? 2 : 0;
    if (c < 0xF0) {
        if (c1 < (c == 0xE0 ? 0xA0u : 0x80u) ||
            c1 > (c == 0xED ? 0x9Fu : 0xBFu))
            return 0;
        if (i + 2 >= len || (s[i + 2] & 0xC0) != 0x80)
            return 0;
        return 3;
    }
    if (c < 0xF5) {
        if (c1 < (c == 0xF0 ? 0x90u : 0x80u) ||
            c1 > (c == 0xF4 ? 0x8Fu : 0xBFu))
            return 0;
        if (i + 3 >= len || (s[i + 2] & 0xC0) != 0x80 ||
            (s[i + 3] & 0xC0) != 0x80)
            return 0;
        return 4;
    }
    return 0;
}

size_t cri_utf8_seq(const unsigned char *s, size_t len, size_t i)
{
    return seq_len(s, len, i);
}

int cri_utf8_cut(const unsigned char *s, size_t len, size_t i)
{
    unsigned c = s[i];
    size_t need, k;
    if (c < 0xC2 || c > 0xF4)
        return 0;
    need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (len - i >= need)
        return 0;
    for (k = 1; i + k < len; k++) {
        unsigned lo = 0x80, hi = 0xBF, b = s[i + k];
        if (k == 1) {
            if (c == 0xE0)
                lo = 0xA0;
            else if (c == 0xED)
                hi = 0x9F;
            else if (c == 0xF0)
                lo = 0x90;
            else if (c == 0xF4)
                hi = 0x8F;
        }
        if (b < lo || b > hi)
            return 0;
    }
    return 1;
}

cr_status cri_utf8_fail(cr_error *err, const unsigned char *s, size_t len,
                        size_t i, size_t base)
{
    unsigned c = s[i];
    if (c < 0xC2 || c > 0xF4)
        return cri_fail(err, CR_EUTF8, base + i, "invalid UTF-8 byte 0x%02x",
                        c);
    if (cri_utf8_cut(s, len, i))
        return cri_fail(err, CR_EUTF8, base + i,
                        "truncated UTF-8 sequence 0x%02x at end of input", c);
    return cri_fail(err, CR_EUTF8, base + i,
                    "invalid UTF-8 sequence starting with byte 0x%02x "
                    "(overlong, surrogate or bad continuation)",
                    c);
}

cr_status cr_utf8_validate(const char *buf, size_t len, size_t *bad_offset)
{
    const unsigned char *s = (const unsigned char *)buf;
    size_t i = 0, n;
    if (!buf && len)
        return CR_EINVAL;
    while (i < len) {
        while (len - i >= 16 && !((load64(s + i) | load64(s + i + 8)) & HIGHS))
            i += 16;
        if (len - i >= 8 && !(load64(s + i) & HIGHS)) {
            i += 8;
            continue;
        }
        if (i >= len)
            break;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        /* Runs of 2-byte characters (Latin, Greek, Cyrillic, Hebrew,
         * Arabic) are the common non-ASCII case: take them directly. */
        while (len - i >= 2 && s[i] >= 0xC2 && s[i] <= 0xDF &&
               (s[i + 1] & 0xC0) == 0x80)
            i += 2;
        if (i >= len || s[i] < 0x80)
            continue;
        n = seq_len(s, len, i);
        if (!n) {
            if (bad_offset)
                *bad_offset = i;
            return CR_EUTF8;
        }
        i += n;
    }
    return CR_OK;
}

/* A control byte in the sense of cri_ctrl. */
static int is_ctrl(unsigned char c)
{
    return (c < 0x20 && !cri_is_space(c)) || c == 0x7F;
}

void cri_ctrl_scan(const char *buf, size_t len, cri_ctrl *c)
{
    const unsigned char *s = (const unsigned char *)buf;
    size_t i = 0;
    c->count = 0;
    c->first = SIZE_MAX;
    c->first_nul = SIZE_MAX;
    while (i < len) {
        if (len - i >= 8) {
            uint64_t w = load64(s + i);
            if (!HAS_LESS(w, 0x20) && !HAS_ZERO(w ^ (ONES * 0x7F))) {
                i += 8;
                continue;
            }
        }
        if (is_ctrl(s[i])) {
            if (c->first == SIZE_MAX)
                c->first = i;
            if (s[i] == 0 && c->first_nul == SIZE_MAX)
                c->first_nul = i;
            c->count++;
        }
        i++;
    }
}

int cri_looks_binary(size_t count, size_t len)
{
    return count > 0 && count > len / 32;
}

void cr_content_hash(const char *text, size_t len, char out[33])
{
    static const char hex[] = "0123456789abcdef";
    XXH128_hash_t h = XXH3_128bits(text ? text : "", text ? len : 0);
    int k;
    for (k = 0; k < 16; k++) {
        out[15 - k] = hex[(h.high64 >> (4 * k)) & 0xF];
        out[31 - k] = hex[(h.low64 >> (4 * k)) & 0xF];
    }
    out[32] = '\0';
}
