/*
 * diff.c — word keys and the word diff: how one rendering of a passage
 * rewrites another ("strongly" → "deeply", "follow excellently" →
 * "brilliantly inherit"). Words are compared by the hash of their stem, so
 * inflection, case and diacritics are not differences; punctuation and
 * quote marks are not compared at all.
 */
#include "compare/compare.h"
#include "util/util.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#define KEY_SEED 0x63726f7373726561ULL /* "crossrea": keys live in memory
                                          only, never stored */

/* Hash of the first CRI_PREFIX characters (not bytes) of s[0..n). */
static uint64_t prefix_hash(const char *s, size_t n)
{
    size_t i = 0, chars = 0;
    while (i < n && chars < CRI_PREFIX) {
        i++;
        while (i < n && ((unsigned char)s[i] & 0xC0) == 0x80)
            i++;
        chars++;
    }
    return XXH3_64bits_withSeed(s, i, KEY_SEED + 1) | 1;
}

void cri_prefix_keys(const char *f, size_t fn, uint64_t pre[2])
{
    const char *h = memchr(f, '-', fn);
    pre[1] = 0;
    if (h && h > f && (size_t)(h - f) + 1 < fn) {
        pre[0] = prefix_hash(f, (size_t)(h - f));
        pre[1] = prefix_hash(h + 1, fn - (size_t)(h - f) - 1);
    } else {
        pre[0] = prefix_hash(f, fn);
    }
}

cr_status cri_words(const char *text, size_t len, const cr_token *tok,
                    size_t ntok, cr_stemmer *st, const char *lang,
                    cri_word **out, size_t *n)
{
    cri_word *w = NULL;
    size_t nw = 0, cap = 0, i;
    cr_status rc = CR_OK;

    *out = NULL;
    *n = 0;
    for (i = 0; i < ntok; i++) {
        char *f = NULL;
        size_t fn = 0;
        const char *stem;
        size_t sn;
        cri_word *x;
        if (tok[i].kind != CR_TOK_WORD && tok[i].kind != CR_TOK_NUMBER)
            continue;
        if (tok[i].end > len || tok[i].start >= tok[i].end) {
            rc = CR_EINVAL;
            break;
        }
        if (cri_grow((void **)&w, &cap, nw + 1, sizeof *w)) {
            rc = CR_ENOMEM;
            break;
        }
        if ((rc = cr_fold(text + tok[i].start, tok[i].end - tok[i].start,
                          &f, &fn)) != CR_OK)
            break;
        x = &w[nw++];
        x->start = tok[i].start;
        x->end = tok[i].end;
        x->tok = (uint32_t)i;
        x->kind = tok[i].kind;
        x->cap = (tok[i].flags & CR_TOK_CAPITALIZED) != 0;
        x->fold = XXH3_64bits_withSeed(f, fn, KEY_SEED);
        x->stop = lang && tok[i].kind == CR_TOK_WORD &&
                  cr_is_stopword(lang, f, fn);
        x->stem = x->fold;
        x->syn = 0;
        x->nsyn = 0;
        cri_prefix_keys(f, fn, x->pre);
        x->brk = nw > 1 && i > w[nw - 2].tok + 1;
        {
            /* only punctuation counts: a quote mark between two words of
             * one passage is not a clause boundary */
            uint32_t k;
            if (x->brk) {
                x->brk = 0;
                for (k = w[nw - 2].tok + 1; k < i; k++)
                    if (tok[k].kind == CR_TOK_PUNCT)
                        x->brk = 1;
            }
        }
        if (st && tok[i].kind == CR_TOK_WORD &&
            cr_stem(st, f, fn, &stem, &sn) == CR_OK)
            x->stem = XXH3_64bits_withSeed(stem, sn, KEY_SEED);
        free(f);
    }
    if (rc != CR_OK) {
        free(w);
        return rc;
    }
    *out = w;
    *n = nw;
    return CR_OK;
}

/* Append a step, merging it into the previous one when both change. */
static int push(cri_dop **ops, size_t *n, size_t *cap, uint8_t kind,
                uint32_t a0, uint32_t a1, uint32_t b0, uint32_t b1)
{
    cri_dop *p;
    if (a0 == a1 && b0 == b1)
        return 0;
    if (*n > 0) {
        p = &(*ops)[*n - 1];
        if ((p->kind == CR_DIFF_EQUAL) == (kind == CR_DIFF_EQUAL)) {
            p->a1 = a1;
            p->b1 = b1;
            if (kind != CR_DIFF_EQUAL)
                p->kind = (p->a0 == p->a1)   ? CR_DIFF_INSERT
                          : (p->b0 == p->b1) ? CR_DIFF_DELETE
                                             : CR_DIFF_REPLACE;
            return 0;
        }
    }
    if (cri_grow((void **)ops, cap, *n + 1, sizeof **ops))
        return -1;
    p = &(*ops)[(*n)++];
    p->kind = kind;
    p->a0 = a0;
    p->a1 = a1;
    p->b0 = b0;
    p->b1 = b1;
    return 0;
}

/* The change step between two equal runs. */
static int push_change(cri_dop **ops, size_t *n, size_t *cap, uint32_t a0,
                       uint32_t a1, uint32_t b0, uint32_t b1)
{
    uint8_t kind = a0 == a1   ? CR_DIFF_INSERT
                   : b0 == b1 ? CR_DIFF_DELETE
                              : CR_DIFF_REPLACE;
    return push(ops, n, cap, kind, a0, a1, b0, b1);
}

/* Fold a lone equal stopword between two changes into one change. */
static size_t absorb_glue(cri_dop *ops, size_t n, const cri_word *a)
{
    size_t i, o = 0;
    for (i = 0; i < n; i++) {
        if (o >= 2 && ops[o - 1].kind == CR_DIFF_EQUAL &&
            ops[o - 1].a1 - ops[o - 1].a0 == 1 && a[ops[o - 1].a0].stop &&
            ops[o - 2].kind != CR_DIFF_EQUAL && ops[i].kind != CR_DIFF_EQUAL) {
            cri_dop *p = &ops[o - 2];
            p->a1 = ops[i].a1;
            p->b1 = ops[i].b1;
            p->kind = CR_DIFF_REPLACE;
            o--;
            continue;
        }
        ops[o++] = ops[i];
    }
    return o;
}

/* First break (word with brk) inside w[lo+1..hi), or hi. */
static uint32_t first_break(const cri_word *w, uint32_t lo, uint32_t hi)
{
    uint32_t i;
    for (i = lo + 1; i < hi; i++)
        if (w[i].brk)
            return i;
    return hi;
}

/* Cut replacements that cross punctuation on one side only. */
static int split_at_breaks(cri_dop **ops, size_t *n, size_t *cap,
                           const cri_word *a, const cri_word *b)
{
    size_t i;
    for (i = 0; i < *n; i++) {
        cri_dop *p = &(*ops)[i], tail;
        uint32_t ka, kb;
        if (p->kind != CR_DIFF_REPLACE)
            continue;
        ka = first_break(a, p->a0, p->a1);
        kb = first_break(b, p->b0, p->b1);
        if ((ka < p->a1) == (kb < p->b1))
            continue;
        tail = *p;
        if (ka < p->a1) {
            tail.kind = CR_DIFF_DELETE;
            tail.a0 = ka;
            tail.b0 = tail.b1 = p->b1;
            p->a1 = ka;
        } else {
            tail.kind = CR_DIFF_INSERT;
            tail.b0 = kb;
            tail.a0 = tail.a1 = p->a1;
            p->b1 = kb;
        }
        if (cri_grow((void **)ops, cap, *n + 1, sizeof **ops))
            return -1;
        memmove(&(*ops)[i + 2], &(*ops)[i + 1],
                (*n - i - 1) * sizeof **ops);
        (*ops)[i + 1] = tail;
        (*n)++;
    }
    return 0;
}

cr_status cri_diff(const cri_word *a, size_t na, const cri_word *b,
                   size_t nb, cri_dop **ops, size_t *n)
{
    size_t pre = 0, suf = 0, cap = 0, m, k, i, j;
    uint32_t *len = NULL;
    cri_dop *o = NULL;
    size_t no = 0;

    *ops = NULL;
    *n = 0;
    while (pre < na && pre < nb && a[pre].stem == b[pre].stem)
        pre++;
    while (suf < na - pre && suf < nb - pre &&
           a[na - 1 - suf].stem == b[nb - 1 - suf].stem)
        suf++;
    if (push(&o, &no, &cap, CR_DIFF_EQUAL, 0, (uint32_t)pre, 0,
             (uint32_t)pre))
        goto oom;
    m = na - pre - suf; /* middle lengths */
    k = nb - pre - suf;
    if (m && k && (m + 1) * (k + 1) <= CRI_DIFF_MAX_CELLS) {
        /* len[i][j]: LCS length of a[pre+i..] and b[pre+j..] */
        const cri_word *x = a + pre, *y = b + pre;
        size_t w = k + 1, ea = 0, eb = 0;
        len = calloc((m + 1) * w, sizeof *len);
        if (!len)
            goto oom;
        for (i = m; i-- > 0;)
            for (j = k; j-- > 0;)
                len[i * w + j] = x[i].stem == y[j].stem
                                     ? len[(i + 1) * w + j + 1] + 1
                                 : len[(i + 1) * w + j] >= len[i * w + j + 1]
                                     ? len[(i + 1) * w + j]
                                     : len[i * w + j + 1];
        i = j = 0;
        while (i < m && j < k) {
            if (x[i].stem == y[j].stem) {
                if (push_change(&o, &no, &cap, (uint32_t)(pre + ea),
                                (uint32_t)(pre + i), (uint32_t)(pre + eb),
                                (uint32_t)(pre + j)) ||
                    push(&o, &no, &cap, CR_DIFF_EQUAL, (uint32_t)(pre + i),
                         (uint32_t)(pre + i + 1), (uint32_t)(pre + j),
                         (uint32_t)(pre + j + 1)))
                    goto oom;
                i++;
                j++;
                ea = i;
                eb = j;
            } else if (len[(i + 1) * w + j] >= len[i * w + j + 1]) {
                i++;
            } else {
                j++;
            }
        }
        if (push_change(&o, &no, &cap, (uint32_t)(pre + ea),
                        (uint32_t)(pre + m), (uint32_t)(pre + eb),
                        (uint32_t)(pre + k)))
            goto oom;
        free(len);
        len = NULL;
    } else if (push_change(&o, &no, &cap, (uint32_t)pre, (uint32_t)(pre + m),
                           (uint32_t)pre, (uint32_t)(pre + k))) {
        goto oom;
    }
    if (push(&o, &no, &cap, CR_DIFF_EQUAL, (uint32_t)(na - suf),
             (uint32_t)na, (uint32_t)(nb - suf), (uint32_t)nb))
        goto oom;
    no = absorb_glue(o, no, a);
    if (split_at_breaks(&o, &no, &cap, a, b))
        goto oom;
    *ops = o;
    *n = no;
    return CR_OK;
oom:
    free(len);
    free(o);
    return CR_ENOMEM;
}

/* The byte offset where word index i of w[0..n) begins, or where the words
 * before it end when i == n. */
static uint32_t at(const cri_word *w, size_t n, uint32_t i)
{
    if (i < n)
        return w[i].start;
    return n ? w[n - 1].end : 0;
}

void cri_dop_spans(const cri_dop *op, const cri_word *a, size_t na,
                   const cri_word *b, size_t nb, cr_diff_op *out)
{
    out->kind = op->kind;
    out->a.start = at(a, na, op->a0);
    out->a.end = op->a1 > op->a0 ? a[op->a1 - 1].end : out->a.start;
    out->b.start = at(b, nb, op->b0);
    out->b.end = op->b1 > op->b0 ? b[op->b1 - 1].end : out->b.start;
}

cr_status cr_diff_words(const char *a, size_t alen, const char *b,
                        size_t blen, const char *lang, cr_diff_op **ops,
                        size_t *n)
{
    cr_token *ta = NULL, *tb = NULL;
    size_t nta = 0, ntb = 0, nwa = 0, nwb = 0, ndo = 0, i;
    cri_word *wa = NULL, *wb = NULL;
    cri_dop *d = NULL;
    cr_stemmer *st = NULL;
    cr_diff_op *out = NULL;
    cr_status rc;

    if (!a || !b || !ops || !n)
        return CR_EINVAL;
    *ops = NULL;
    *n = 0;
    if (lang && cr_stemmer_new(lang, &st) != CR_OK)
        st = NULL;
    if ((rc = cr_tokenize(a, alen, NULL, &ta, &nta)) != CR_OK ||
        (rc = cr_tokenize(b, blen, NULL, &tb, &ntb)) != CR_OK ||
        (rc = cri_words(a, alen, ta, nta, st, lang, &wa, &nwa)) != CR_OK ||
        (rc = cri_words(b, blen, tb, ntb, st, lang, &wb, &nwb)) != CR_OK)
        goto done;
    if (nwa > CR_DIFF_MAX_WORDS || nwb > CR_DIFF_MAX_WORDS) {
        cri_dop one = {CR_DIFF_REPLACE, 0, (uint32_t)nwa, 0, (uint32_t)nwb};
        d = malloc(sizeof *d);
        if (!d) {
            rc = CR_ENOMEM;
            goto done;
        }
        *d = one;
        ndo = 1;
    } else if ((rc = cri_diff(wa, nwa, wb, nwb, &d, &ndo)) != CR_OK) {
        goto done;
    }
    if (ndo) {
        out = malloc(ndo * sizeof *out);
        if (!out) {
            rc = CR_ENOMEM;
            goto done;
        }
        for (i = 0; i < ndo; i++)
            cri_dop_spans(&d[i], wa, nwa, wb, nwb, &out[i]);
    }
    *ops = out;
    *n = ndo;
done:
    cr_stemmer_free(st);
    free(ta);
    free(tb);
    free(wa);
    free(wb);
    free(d);
    return rc;
}
