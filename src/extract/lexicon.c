/*
 * lexicon.c — the word classes and the gazetteer of the extraction stage,
 * and the per-article token view (cri_xtext) that entities.c and cites.c
 * read.
 *
 * Both tables are generated at build time from lexicon.tsv and
 * gazetteer.tsv (gen_tables.awk, sorted with LC_ALL=C sort, so their order
 * is strcmp order) with an open-addressing hash table over each
 * (gen_index.awk), compiled in as constant data: nothing is read at run
 * time and nothing is built per call. A lookup hashes the folded key and
 * probes.
 */
#include "extract/extract.h"
#include "util/util.h"

#include <pthread.h>
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

/* Open-addressing hash tables over both (gen_index.awk): 0 is an empty
 * slot, else the entry's index + 1. */
#define HASH_SLOTS 4096
static const uint16_t LEX_HASH[HASH_SLOTS] = {
#include "extract_lex_hash.inc"
};
static const uint16_t GAZ_HASH[HASH_SLOTS] = {
#include "extract_gaz_hash.inc"
};

#define NLEX (sizeof LEX / sizeof LEX[0])
#define NGAZ (sizeof GAZ / sizeof GAZ[0])

/* The hash gen_index.awk computes. */
static size_t key_slot(const char *w, size_t n)
{
    uint32_t h = 0;
    size_t k;
    for (k = 0; k < n; k++)
        h = h * 131u + (unsigned char)w[k];
    return h % HASH_SLOTS;
}

/* Is the NUL-terminated s equal to the counted w? */
static int same(const char *s, const char *w, size_t n)
{
    size_t k;
    for (k = 0; k < n; k++)
        if (s[k] != w[k]) /* also stops at the end of a shorter s */
            return 0;
    return s[n] == '\0';
}

/* The classes of w (n bytes) from its hash slot h (key_slot). */
static uint32_t lex_probe(const char *w, size_t n, size_t h)
{
    while (LEX_HASH[h]) {
        const lexent *e = &LEX[LEX_HASH[h] - 1];
        if (same(e->word, w, n))
            return e->cls;
        h = (h + 1) % HASH_SLOTS;
    }
    return 0;
}

uint32_t cri_lex_lookup(const char *w, size_t n)
{
    return lex_probe(w, n, key_slot(w, n));
}

const cri_gaz *cri_gaz_lookup(const char *key, size_t n)
{
    size_t h = key_slot(key, n);
    while (GAZ_HASH[h]) {
        const cri_gaz *e = &GAZ[GAZ_HASH[h] - 1];
        if (same(e->key, key, n))
            return e;
        h = (h + 1) % HASH_SLOTS;
    }
    return NULL;
}

const cri_gaz *cri_gaz_table(size_t *n)
{
    *n = NGAZ;
    return GAZ;
}

/* --- short words as two integers ---------------------------------------- */

int cri_w16_pack_bytes(const char *p, size_t n, cri_w16 *w, unsigned *shape)
{
    uint64_t v[2] = {0, 0}, up = 0, lo = 0, m;
    size_t k;
    if (n == 0 || n > 16)
        return 0;
    for (k = 0; k < n; k++) {
        unsigned a = (unsigned char)p[k];
        uint64_t bit = (uint64_t)1 << k; /* one bit per byte (k < 16) */
        if (a >= 0x80)
            return 0;
        up |= (a - 'A') < 26u ? bit : 0;
        lo |= (a - 'a') < 26u ? bit : 0;
        a |= ((a - 'A') < 26u) << 5;
        v[k / 8] |= (uint64_t)a << (8 * (k % 8));
    }
    m = up | lo;
    *shape = (lo ? W16_LOWER : 0) | (up ? W16_CAPITAL : 0) |
             ((m & (m - 1)) ? W16_LETTERS2 : 0);
    w->lo = v[0];
    w->hi = v[1];
    return 1;
}

void cri_w16_add(cri_w16_ent *tab, unsigned bits, const char *w,
                 uint64_t val)
{
    cri_w16 k;
    unsigned shape;
    size_t mask = ((size_t)1 << bits) - 1, h;
    if (!cri_w16_pack(w, strlen(w), w, &k, &shape) || (shape & W16_CAPITAL))
        return; /* a word with capitals matches no lower-cased token */
    h = cri_w16_slot(&k, bits);
    while (tab[h].key.lo && (tab[h].key.lo != k.lo || tab[h].key.hi != k.hi))
        h = (h + 1) & mask;
    tab[h].key = k;
    tab[h].val |= val;
}

/* The word table of the token view (extract.h): the lexicon and the word
 * lists of quotes.c and mentions.c by packed word. A token of at most 16
 * ASCII bytes is looked up here, once for all of them; any other through
 * LEX_HASH for its lexicon classes (a listed word that does not pack
 * matches no such token either). */
#define LEX16_BITS 12
static cri_w16_ent lex16[1u << LEX16_BITS];
static pthread_once_t lex16_once = PTHREAD_ONCE_INIT;

static void lex16_build(void)
{
    size_t i;
    for (i = 0; i < NLEX; i++)
        cri_w16_add(lex16, LEX16_BITS, LEX[i].word, LEX[i].cls);
    cri_quote_words(lex16, LEX16_BITS);
    cri_expr_words(lex16, LEX16_BITS);
    cri_cite_words(lex16, LEX16_BITS);
    /* the first word of each gazetteer key, and the word after "the " */
    for (i = 0; i < NGAZ; i++) {
        const char *k = GAZ[i].key;
        int w;
        for (w = 0; w < 2 && *k; w++) {
            char word[24];
            size_t n = strcspn(k, " ");
            if (n < sizeof word) {
                memcpy(word, k, n);
                word[n] = '\0';
                cri_w16_add(lex16, LEX16_BITS, word,
                            (uint64_t)CRI_G_FIRST << CRI_WM_SHIFT);
            }
            if (n != 3 || memcmp(k, "the", 3) != 0 || k[n] != ' ')
                break;
            k += n + 1;
        }
    }
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

#ifdef CRI_W16_SWAR
/* Does the packed ASCII word v hold byte c (c not 0)? */
static int w16_has_byte(uint64_t v, unsigned c)
{
    const uint64_t ones = 0x0101010101010101ULL;
    uint64_t t = v ^ (ones * c);
    return ((t - ones) & ~t & (ones * 0x80)) != 0;
}
#endif

/* Is the packed ASCII word w free of byte c? */
static int w16_lacks(const cri_w16 *w, unsigned c)
{
#ifdef CRI_W16_SWAR
    return !w16_has_byte(w->lo, c) && !w16_has_byte(w->hi, c);
#else
    size_t k;
    for (k = 0; k < 16; k++)
        if (((k < 8 ? w->lo >> (8 * k) : w->hi >> (8 * (k - 8))) & 0xFF) == c)
            return 0;
    return 1;
#endif
}

/* May the packed ASCII word w hold a '-' or a '.'? (One test for both,
 * which ',' and '/' pass too: 0x2C..0x2F all become 0x2F.) */
static int w16_dash_dot(const cri_w16 *w)
{
#ifdef CRI_W16_SWAR
    const uint64_t three = 0x0303030303030303ULL;
    return w16_has_byte(w->lo | three, 0x2F) ||
           w16_has_byte(w->hi | three, 0x2F);
#else
    (void)w;
    return 1;
#endif
}

/* May a date or quantity start with the n bytes at p (a word)? Its part
 * before a hyphen ("twenty-five", "mid-2023"), or all of it, is one of
 * mentions.c's starting words. */
static uint8_t starts_mention(const cri_xtext *x, const char *p, size_t n)
{
    const char *h = memchr(p, '-', n);
    cri_w16 w;
    unsigned shape;
    if (h)
        n = (size_t)(h - p);
    return cri_w16_pack(p, n, x->text + x->len, &w, &shape) &&
           ((cri_w16_get(lex16, LEX16_BITS, &w) >> CRI_WM_SHIFT) &
            CRI_M_START);
}

/* Classes of token i from its text; *q and *m receive the quotes.c and
 * mentions.c lists it is on (looked up by the whole token, the lexicon by
 * the token without a possessive; of a hyphenated word, *m only says
 * whether a mention may start with it, by its part before the hyphen). */
static uint32_t classify(const cri_xtext *x, size_t i, uint16_t *q,
                         uint8_t *m)
{
    const cr_token *t = &x->t[i];
    const char *p = x->text + t->start;
    size_t n = t->end - t->start, full = n, k, letters = 0, lower = 0;
    uint32_t c, hash = 0;
    char w[24];
    unsigned high = 0;
    int pl;
    *q = 0;
    *m = CRI_G_FIRST; /* unless the packed word says otherwise */
    if (t->kind != CR_TOK_WORD)
        return 0;
    c = XT_WORD;
    if (t->flags & CR_TOK_CAPITALIZED)
        c |= XT_CAP;
    if ((pl = poss_len(p, n)) != 0) {
        c |= XT_POSS;
        n -= (size_t)pl;
    }
    {
        cri_w16 k16;
        unsigned shape = 0;
        /* the shape only matters to a capitalised word (XT_UPPER) */
        if ((c & XT_CAP) ? cri_w16_pack(p, n, x->text + x->len, &k16, &shape)
                         : cri_w16_pack_key(p, n, x->text + x->len, &k16)) {
            uint64_t v = cri_w16_get(lex16, LEX16_BITS, &k16);
            if ((c & XT_CAP) && !(shape & W16_LOWER) && (shape & W16_LETTERS2))
                c |= XT_UPPER;
            /* the lists hold no apostrophes: a possessive is on none */
            if (!pl && n < 16)
                *q = (uint16_t)(v >> CRI_WQ_SHIFT);
            if (!w16_dash_dot(&k16)) {
                if (!pl)
                    *m = (uint8_t)(v >> CRI_WM_SHIFT);
            } else if (!w16_lacks(&k16, '-')) {
                *m = CRI_G_FIRST | starts_mention(x, p, full);
            } else if (!pl) {
                *m = (uint8_t)(v >> CRI_WM_SHIFT) |
                     (w16_lacks(&k16, '.') ? 0 : CRI_G_FIRST);
            }
            return c | (uint32_t)v;
        }
    }
    *m = CRI_G_FIRST | starts_mention(x, p, full);
    /* one pass: letters, lowercase letters, non-ASCII bytes, and the
       lowercase copy the lookup takes with its hash (key_slot; only when
       it fits in w, else no lookup is made) */
    for (k = 0; k < n; k++) {
        unsigned a = (unsigned char)p[k];
        unsigned is_up = (a - 'A') < 26u;
        unsigned is_lo = (a - 'a') < 26u;
        high |= a & 0x80u;
        lower += is_lo;
        letters += is_up | is_lo;
        a += is_up << 5;
        if (k < sizeof w)
            w[k] = (char)a;
        hash = hash * 131u + a;
    }
    if (!lower && letters >= 2 && (c & XT_CAP))
        c |= XT_UPPER;
    if (n >= sizeof w)
        return c;
    if (high) { /* "José": the folded form, when it is ASCII */
        char *f = NULL;
        size_t fl = 0;
        uint32_t r = 0;
        if (cr_fold(p, n, &f, &fl) == CR_OK && fl < sizeof w && fl) {
            for (k = 0; k < fl && (unsigned char)f[k] < 0x80; k++)
                ;
            if (k == fl)
                r = cri_lex_lookup(f, fl);
        }
        free(f);
        return c | r;
    }
    return c | lex_probe(w, n, hash % HASH_SLOTS);
}

/* Is there a line break in text[a, b)? (Gaps between tokens are short.) */
static inline int gap_nl(const char *text, uint32_t a, uint32_t b)
{
    for (; a < b; a++)
        if (text[a] == '\n')
            return 1;
    return 0;
}

/* Tokens [a, b) are a line with `words` words, `lower` of them not
 * capitalised: a title-case headline when nearly all are. */
static void title_line(cri_xtext *x, size_t a, size_t b, size_t words,
                       size_t lower)
{
    if (words >= CRI_TITLECASE_WORDS && lower * CRI_TITLECASE_LOWER <= words)
        for (; a < b; a++)
            x->cls[a] |= XT_TITLECASE;
}

cr_status cri_xtext_init(cri_xtext *x, const char *text, size_t len,
                         const cr_doc *doc, const cr_limits *lim)
{
    const cr_span *sents;
    size_t ns, i, si = 0, line = 0, words = 0, lower = 0;
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
    x->doc = doc;
    x->t = cr_doc_tokens(doc, &x->nt);
    sents = cr_doc_sentences(doc, &ns);
    pthread_once(&lex16_once, lex16_build);
    if (x->nt == 0)
        return CR_OK;
    /* one block: sent and cls (4 bytes a token), qcls (2), lists (1) */
    x->sent = malloc(x->nt * (2 * sizeof *x->sent + sizeof *x->qcls +
                              sizeof *x->lists));
    if (!x->sent) {
        cri_xtext_free(x);
        return CR_ENOMEM;
    }
    x->cls = x->sent + x->nt;
    x->qcls = (uint16_t *)(x->cls + x->nt);
    x->lists = (uint8_t *)(x->qcls + x->nt);
    /* one pass: each token checked (inside the text, in order, before
       anything reads it), its sentence, classes, line and line start */
    for (i = 0; i < x->nt; i++) {
        const cr_token *t = x->t;
        uint32_t c;
        int nl = 0;
        if (t[i].start >= t[i].end || t[i].end > len ||
            (i && t[i].start < t[i - 1].end)) {
            cri_xtext_free(x);
            return CR_EINVAL;
        }
        while (si < ns && sents[si].end <= t[i].start)
            si++;
        x->sent[i] = (uint32_t)si;
        c = classify(x, i, &x->qcls[i], &x->lists[i]);
        if (i > 0 && gap_nl(text, t[i - 1].end, t[i].start))
            nl = 1;
        if (i == 0 || nl) {
            c |= XT_NLBEFORE;
            title_line(x, line, i, words, lower); /* the line before */
            line = i;
            words = lower = 0;
        }
        if (c & XT_WORD) {
            words++;
            lower += !(c & XT_CAP);
        }
        x->cls[i] = c;
        /* the first word of a sentence or line, past quote marks and
           brackets */
        if ((c & XT_WORD) && (x->sent[i] != prev_sent || nl)) {
            size_t k = i;
            int first = 1;
            while (k > 0 && x->sent[k - 1] == x->sent[i] &&
                   !gap_nl(text, x->t[k - 1].end, x->t[k].start)) {
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
    title_line(x, line, x->nt, words, lower);
    return CR_OK;
}

void cri_xtext_free(cri_xtext *x)
{
    if (!x)
        return;
    free(x->sent); /* the block of sent, cls, qcls and lists */
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
#ifdef CRI_W16_SWAR
        { /* a short ASCII word without periods or hyphens: its packed
             form is its key (room checked: no write past cap) */
            cri_w16 w;
            unsigned shape;
            if (o + 18 < cap && cri_w16_pack(p, n, x->text + x->len, &w, &shape) &&
                !w16_has_byte(w.lo, '.') && !w16_has_byte(w.hi, '.') &&
                !w16_has_byte(w.lo, '-') && !w16_has_byte(w.hi, '-')) {
                if (o)
                    out[o++] = ' ';
                memcpy(out + o, &w.lo, 8);
                if (n > 8)
                    memcpy(out + o + 8, &w.hi, 8);
                o += n;
                continue;
            }
        }
#endif
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
