/*
 * fuzz_tokenize.c — libFuzzer target for the tokenizer and the sentence
 * and paragraph splitters. Any bytes go in (the first byte picks a small
 * max_token_bytes so that the piece-cutting path runs often); the target
 * aborts when an invariant breaks:
 *  - tokens are non-empty, ordered, non-overlapping, within the text, no
 *    longer than the limit (or one code point), of a known kind, and a
 *    quote token is either opening or closing;
 *  - every byte that is not part of a whitespace character is covered by
 *    exactly one token;
 *  - sentences are ordered, start on a token start, end on a token end,
 *    cover the first and the last token, and each lies inside a paragraph;
 *  - paragraphs are ordered, non-empty, within the text and trimmed.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crossread.h"
#include "text/text.h"

#define CHECK(c)        \
    do {                \
        if (!(c))       \
            abort();    \
    } while (0)

static void check_tokens(const unsigned char *s, size_t len,
                         const cr_token *t, size_t n, size_t maxtok)
{
    size_t i = 0, k;
    for (k = 0; k < n; k++) {
        unsigned f = t[k].flags & (CR_QUOTE_OPEN | CR_QUOTE_CLOSE);
        CHECK(t[k].start < t[k].end && t[k].end <= len);
        CHECK(k == 0 || t[k - 1].end <= t[k].start);
        CHECK(t[k].end - t[k].start <= (maxtok < 4 ? 4 : maxtok));
        CHECK(t[k].kind >= CR_TOK_WORD && t[k].kind <= CR_TOK_SYMBOL);
        if (t[k].kind == CR_TOK_QUOTE)
            CHECK(f == CR_QUOTE_OPEN || f == CR_QUOTE_CLOSE);
        else
            CHECK(f == 0);
        if (t[k].flags & CR_TOK_CAPITALIZED)
            CHECK(t[k].kind == CR_TOK_WORD);
    }
    k = 0;
    while (i < len) {
        size_t sl;
        if (k < n && i == t[k].start) {
            i = t[k++].end;
            continue;
        }
        sl = cri_space_len(s, len, i);
        CHECK(sl > 0);
        i += sl;
    }
    CHECK(k == n);
}

static void check_paragraphs(const unsigned char *s, size_t len,
                             const cr_span *p, size_t np)
{
    size_t k;
    for (k = 0; k < np; k++) {
        CHECK(p[k].start < p[k].end && p[k].end <= len);
        CHECK(k == 0 || p[k - 1].end < p[k].start);
        CHECK(cri_space_len(s, len, p[k].start) == 0);
        /* the last byte is not the end of an ASCII space */
        CHECK(!(s[p[k].end - 1] == ' ' || s[p[k].end - 1] == '\n' ||
                s[p[k].end - 1] == '\t' || s[p[k].end - 1] == '\r'));
    }
}

static void check_sentences(const cr_token *t, size_t n, const cr_span *sp,
                            size_t ns, const cr_span *p, size_t np)
{
    size_t k, j = 0, q = 0;
    CHECK(ns <= n);
    CHECK((n == 0) == (ns == 0));
    for (k = 0; k < ns; k++) {
        CHECK(sp[k].start < sp[k].end);
        CHECK(k == 0 || sp[k - 1].end <= sp[k].start);
        while (j < n && t[j].start < sp[k].start)
            j++;
        CHECK(j < n && t[j].start == sp[k].start);
        CHECK(k > 0 || j == 0);
        while (j < n && t[j].end < sp[k].end)
            j++;
        CHECK(j < n && t[j].end == sp[k].end);
        CHECK(k + 1 < ns || j == n - 1);
        while (q < np && p[q].end < sp[k].end)
            q++;
        CHECK(q < np && p[q].start <= sp[k].start && sp[k].end <= p[q].end);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    cr_limits lim;
    cr_token *t = NULL;
    cr_span *sp = NULL, *p = NULL;
    size_t n = 0, ns = 0, np = 0;
    const char *text;
    if (size == 0)
        return 0;
    cr_limits_default(&lim);
    lim.max_token_bytes = data[0] < 0x80 ? 1u + data[0] % 16u : 256u;
    text = (const char *)data + 1;
    size--;
    CHECK(cr_tokenize(text, size, &lim, &t, &n) == CR_OK);
    check_tokens((const unsigned char *)text, size, t, n, lim.max_token_bytes);
    CHECK(cr_split_paragraphs(text, size, &p, &np) == CR_OK);
    check_paragraphs((const unsigned char *)text, size, p, np);
    CHECK(cr_split_sentences(text, size, t, n, &sp, &ns) == CR_OK);
    check_sentences(t, n, sp, ns, p, np);
    free(t);
    free(sp);
    free(p);
    return 0;
}
