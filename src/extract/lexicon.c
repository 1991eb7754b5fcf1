/*
 * lexicon.c — the word classes and the gazetteer of the extraction stage,
 * and the per-article token view (cri_xtext) that entities.c and cites.c
 * read.
 *
 * Both tables are generated at build time from lexicon.tsv and
 * gazetteer.tsv (gen_tables.awk, sorted with LC_ALL=C sort, so their order
 * is strcmp order) and compiled in as constant data: nothing is read at
 * run time and nothing is built per call. Lookups are binary searches on
 * folded keys.
 */
#include "extract/extract.h"
#include "util/util.h"

#include <stdlib.h>
#include <string.h>

typedef struct lexent {
    const char *word;
    uint32_t cls;
} lexent;

static const lexent LEX[] = {
#include "extract_lex.inc"
};

static const cri_gaz GAZ[] = {
#include "extract_gaz.inc"
};

#define NLEX (sizeof LEX / sizeof LEX[0])
#define NGAZ (sizeof GAZ / sizeof GAZ[0])

/* strcmp of the NUL-terminated s with the counted w. */
static int cmpn(const char *s, const char *w, size_t n)
{
    int r = strncmp(s, w, n);
    if (r)
        return r;
    return s[n] ? 1 : 0;
}

uint32_t cri_lex_lookup(const char *w, size_t n)
{
    size_t lo = 0, hi = NLEX;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int r = cmpn(LEX[mid].word, w, n);
        if (r == 0)
            return LEX[mid].cls;
        if (r < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}

const cri_gaz *cri_gaz_lookup(const char *key, size_t n)
{
    size_t lo = 0, hi = NGAZ;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int r = cmpn(GAZ[mid].key, key, n);
        if (r == 0)
            return &GAZ[mid];
        if (r < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

const cri_gaz *cri_gaz_table(size_t *n)
{
    *n = NGAZ;
    return GAZ;
}

/* --- the token view ------------------------------------------------------ */

static int poss_len(const char *p, size_t n)
{
    if (n > 2 && p[n - 1] == 's' && p[n - 2] == '\'')
        return 2;
    if (n > 4 && p[n - 1] == 's' && (unsigned char)p[n - 2] == 0x99 &&
        (unsigned char)p[n - 3] == 0x80 && (unsigned char)p[n - 4] == 0xE2)
        return 4;
    return 0;
}

uint32_t cri_xtext_end_noposs(const cri_xtext *x, size_t i)
{
    const char *p = x->text + x->t[i].start;
    size_t n = x->t[i].end - x->t[i].start;
    return x->t[i].end - (uint32_t)poss_len(p, n);
}

int cri_eq_lower(const char *p, size_t n, const char *w)
{
    size_t k;
    if (strlen(w) != n)
        return 0;
    for (k = 0; k < n; k++) {
        char a = p[k];
        if (a >= 'A' && a <= 'Z')
            a = (char)(a + 32);
        if (a != w[k])
            return 0;
    }
    return 1;
}

int cri_xtext_is(const cri_xtext *x, size_t i, const char *w)
{
    return cri_eq_lower(x->text + x->t[i].start, x->t[i].end - x->t[i].start,
                        w);
}

int cri_words_in(const char *want, const char *have, size_t prefix)
{
    const char *w = want;
    while (*w) {
        const char *we = strchr(w, ' ');
        size_t wl = we ? (size_t)(we - w) : strlen(w);
        const char *h = have;
        int ok = 0;
        while (*h && !ok) {
            const char *he = strchr(h, ' ');
            size_t hl = he ? (size_t)(he - h) : strlen(h);
            size_t m = wl < hl ? wl : hl;
            ok = wl == hl ? memcmp(w, h, wl) == 0
                          : prefix && m >= prefix && memcmp(w, h, m) == 0;
            h = he ? he + 1 : h + hl;
        }
        if (!ok)
            return 0;
        w = we ? we + 1 : w + wl;
    }
    return 1;
}

/* Classes of token i from its text. */
static uint32_t classify(const cri_xtext *x, size_t i)
{
    const cr_token *t = &x->t[i];
    const char *p = x->text + t->start;
    size_t n = t->end - t->start, k, letters = 0;
    uint32_t c;
    char w[24];
    int upper = 1, ascii = 1;
    if (t->kind != CR_TOK_WORD)
        return 0;
    c = XT_WORD;
    if (t->flags & CR_TOK_CAPITALIZED)
        c |= XT_CAP;
    if (poss_len(p, n)) {
        c |= XT_POSS;
        n -= (size_t)poss_len(p, n);
    }
    for (k = 0; k < n; k++) {
        unsigned char a = (unsigned char)p[k];
        if (a >= 0x80)
            ascii = 0;
        if (a >= 'a' && a <= 'z')
            upper = 0;
        if ((a >= 'a' && a <= 'z') || (a >= 'A' && a <= 'Z'))
            letters++;
    }
    if (upper && letters >= 2 && (c & XT_CAP))
        c |= XT_UPPER;
    if (n >= sizeof w)
        return c;
    if (!ascii) { /* "José": the folded form, when it is ASCII */
        char *f = NULL;
        size_t fl = 0;
        uint32_t r = 0;
        if (cr_fold(p, n, &f, &fl) == CR_OK && fl < sizeof w) {
            for (k = 0; k < fl && (unsigned char)f[k] < 0x80; k++)
                ;
            if (k == fl)
                r = cri_lex_lookup(f, fl);
        }
        free(f);
        return c | r;
    }
    for (k = 0; k < n; k++)
        w[k] = (p[k] >= 'A' && p[k] <= 'Z') ? (char)(p[k] + 32) : p[k];
    return c | cri_lex_lookup(w, n);
}

cr_status cri_xtext_init(cri_xtext *x, const char *text, size_t len,
                         const cr_doc *doc, const cr_limits *lim)
{
    const cr_span *sents;
    size_t ns, i, si = 0;
    uint32_t prev_sent = UINT32_MAX;
    cr_status rc;
    memset(x, 0, sizeof *x);
    x->text = text;
    x->len = len;
    if (len == 0)
        return CR_OK;
    if (!doc) {
        rc = cr_doc_analyze(text, len, "en", lim, &x->own);
        if (rc != CR_OK)
            return rc;
        doc = x->own;
    }
    x->t = cr_doc_tokens(doc, &x->nt);
    sents = cr_doc_sentences(doc, &ns);
    for (i = 0; i < x->nt; i++)
        if (x->t[i].start >= x->t[i].end || x->t[i].end > len ||
            (i && x->t[i].start < x->t[i - 1].end)) {
            cri_xtext_free(x);
            return CR_EINVAL;
        }
    if (x->nt == 0)
        return CR_OK;
    x->sent = malloc(x->nt * sizeof *x->sent);
    x->cls = malloc(x->nt * sizeof *x->cls);
    if (!x->sent || !x->cls) {
        cri_xtext_free(x);
        return CR_ENOMEM;
    }
    for (i = 0; i < x->nt; i++) {
        int nl = 0;
        while (si < ns && sents[si].end <= x->t[i].start)
            si++;
        x->sent[i] = (uint32_t)si;
        x->cls[i] = classify(x, i);
        if (i > 0 && memchr(text + x->t[i - 1].end, '\n',
                            x->t[i].start - x->t[i - 1].end))
            nl = 1;
        if (i == 0 || nl)
            x->cls[i] |= XT_NLBEFORE;
        /* the first word of a sentence or line, past quote marks and
           brackets */
        if ((x->cls[i] & XT_WORD) && (x->sent[i] != prev_sent || nl)) {
            size_t k = i;
            int first = 1;
            while (k > 0 && x->sent[k - 1] == x->sent[i] &&
                   !memchr(text + x->t[k - 1].end, '\n',
                           x->t[k].start - x->t[k - 1].end)) {
                if (x->t[k - 1].kind == CR_TOK_WORD ||
                    x->t[k - 1].kind == CR_TOK_NUMBER) {
                    first = 0;
                    break;
                }
                k--;
            }
            if (first)
                x->cls[i] |= XT_INITIAL;
            prev_sent = x->sent[i];
        }
    }
    /* title-case lines */
    {
        size_t a = 0;
        while (a < x->nt) {
            size_t b = a + 1, words = 0, lower = 0, k;
            while (b < x->nt && !(x->cls[b] & XT_NLBEFORE))
                b++;
            for (k = a; k < b; k++)
                if (x->cls[k] & XT_WORD) {
                    words++;
                    lower += !(x->cls[k] & XT_CAP);
                }
            if (words >= CRI_TITLECASE_WORDS &&
                lower * CRI_TITLECASE_LOWER <= words)
                for (k = a; k < b; k++)
                    x->cls[k] |= XT_TITLECASE;
            a = b;
        }
    }
    return CR_OK;
}

void cri_xtext_free(cri_xtext *x)
{
    if (!x)
        return;
    free(x->sent);
    free(x->cls);
    cr_doc_free(x->own);
    memset(x, 0, sizeof *x);
}

size_t cri_xtext_key(const cri_xtext *x, size_t a, size_t b, char *out,
                     size_t cap)
{
    size_t o = 0, i;
    for (i = a; i <= b && i < x->nt; i++) {
        const char *p = x->text + x->t[i].start;
        size_t n = x->t[i].end - x->t[i].start, k;
        char *f = NULL;
        int ascii = 1;
        if (x->t[i].kind == CR_TOK_PUNCT && n == 1 && p[0] == '.')
            continue; /* "Mr. Kim", "E. Burman" */
        if (i == b)
            n -= (size_t)poss_len(p, n);
        for (k = 0; k < n; k++)
            if ((unsigned char)p[k] >= 0x80)
                ascii = 0;
        if (!ascii) {
            size_t fl = 0;
            if (cr_fold(p, n, &f, &fl) != CR_OK)
                return (size_t)-1;
            p = f;
            n = fl;
            if (i == b)
                n -= (size_t)poss_len(p, n);
        }
        if (o && o + 1 < cap)
            out[o++] = ' ';
        for (k = 0; k < n; k++) {
            char c = p[k];
            if (o + 1 >= cap) {
                free(f);
                return (size_t)-1;
            }
            if (c == '.')
                continue;
            if (c == '-')
                c = ' ';
            else if (c >= 'A' && c <= 'Z')
                c = (char)(c + 32);
            out[o++] = c;
        }
        free(f);
    }
    if (o >= cap)
        return (size_t)-1;
    out[o] = '\0';
    return o;
}
