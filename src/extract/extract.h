/*
 * extract.h — internal to the extraction stage: what its scanners
 * share. The word classes and the gazetteer (sorted tables generated at
 * build time from lexicon.tsv and gazetteer.tsv by gen_tables.awk,
 * searched in lexicon.c), and a per-article view of the tokens (sentence
 * of each token, word classes, capitalisation; tokens checked against the
 * text once) that all four scanners read (cr_extract_all, extract.c).
 * Second symbol tier: cri_ names, not API. Every tunable of the entities
 * and cites scanners is here; docs/ALGORITHMS.md ("Entities", "Cited
 * sources") gives the reasoning.
 */
#ifndef CR_EXTRACT_H
#define CR_EXTRACT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "crossread.h"

/* ---- tunables ----------------------------------------------------------- */

#define CRI_ENT_SPAN_MAX 10     /* tokens in one capitalised span */
#define CRI_ENT_NAME_MAX 6      /* words in a name */
#define CRI_ENT_MOD_MAX 4       /* modifier words read before a role head */
#define CRI_ENT_MAX 4096        /* entities kept per article */
#define CRI_ENT_MENTION_MAX 65536 /* mentions kept per article */
#define CRI_ENT_ROLE_MAX 1024   /* appositions remembered per article */
#define CRI_NP_MAX 10           /* words in a source noun phrase */
#define CRI_CITE_MAX 4096       /* cites kept per article */
#define CRI_TITLECASE_WORDS 4   /* a line of at least this many words ... */
#define CRI_TITLECASE_LOWER 5   /* ... with at most one lowercase word in
                                   this many is a title-case headline */

/* Confidence of a mention, by the evidence behind it. */
#define CRI_CONF_GAZ 0.95       /* a gazetteer name written in full */
#define CRI_CONF_GAZ_SHORT 0.8  /* a short or alternative gazetteer form */
#define CRI_CONF_DEMONYM 0.7    /* "Russian" -> Russia */
#define CRI_CONF_TITLED 0.9     /* a name after a title: President X Y */
#define CRI_CONF_NAME 0.6       /* two to six capitalised words, no title */
#define CRI_CONF_OTHER 0.5      /* ... and nothing says it is a person */
#define CRI_CONF_SUFFIX 0.8     /* a name ending in an organisation or
                                   place word: Amur Oblast, Defense Ministry */
#define CRI_CONF_PARTIAL 0.85   /* a word of exactly one person's name */
#define CRI_CONF_ROLE 0.8       /* a role resolved through an apposition */
#define CRI_CONF_SINGLE 0.4     /* a lone capitalised word seen twice, or
                                   before a reporting verb */

/* ---- word classes (lexicon.tsv) ----------------------------------------- */

/* One bit per class of lexicon.tsv (gen_tables.awk writes LX_ + the class
 * name in capitals). */

#define LX_STOP (1u << 0)
#define LX_MONTH (1u << 1)
#define LX_TITLE (1u << 2)
#define LX_HON (1u << 3)
#define LX_PARTICLE (1u << 4)
#define LX_ROLE (1u << 5)
#define LX_LEADER (1u << 6)
#define LX_SPOKES (1u << 7)
#define LX_ORGHEAD (1u << 8)
#define LX_PLACESUF (1u << 9)
#define LX_EVENTSUF (1u << 10)
#define LX_DET (1u << 11)
#define LX_AUX (1u << 12)
#define LX_CUE (1u << 13)
#define LX_AFTER (1u << 14)
#define LX_CHAIN (1u << 15)
#define LX_MEDIA (1u << 16)
#define LX_OFFICIAL (1u << 17)
#define LX_ANON (1u << 18)
#define LX_DATA (1u << 19)
#define LX_CREDIT (1u << 20)
#define LX_PRONOUN (1u << 21)
#define LX_ADJCAP (1u << 22)
#define LX_GIVEN (1u << 23)
#define LX_GOVTITLE (1u << 31)
/* computed per token by cri_xtext_init, not in the table */
#define XT_WORD (1u << 24) /* a word token */
#define XT_CAP (1u << 25) /* starts with an uppercase letter */
#define XT_UPPER (1u << 26) /* two or more letters, none lowercase */
#define XT_POSS (1u << 27) /* ends in 's or ’s */
#define XT_INITIAL (1u << 28) /* first word of its sentence or line */
#define XT_NLBEFORE (1u << 29) /* a line break before it */
#define XT_TITLECASE (1u << 30) /* on a line of four or more words nearly
                                   all capitalised: a headline ("Wealthy
                                   Voters Abandon Republican Party") */

/* Classes of a lowercase ASCII word (possessive already removed); 0 when
 * unlisted. */
uint32_t cri_lex_lookup(const char *w, size_t n);

/* ---- gazetteer (gazetteer.tsv) ------------------------------------------ */

enum {
    GZ_COUNTRY = 1, GZ_CAPITAL, GZ_CITY, GZ_REGION, GZ_DEMONYM, GZ_AGENCY,
    GZ_OUTLET, GZ_GOV, GZ_INTL
};
#define GZ_UPPER 1u /* only matches text written in capitals */

typedef struct cri_gaz {
    const char *key;      /* folded form */
    const char *name;     /* canonical name ("Russia" for "russian") */
    uint8_t kind;         /* GZ_* */
    const char *country;  /* the country it belongs to, or NULL */
    unsigned flags;       /* GZ_UPPER */
} cri_gaz;

/* The entry for a folded key, or NULL. */
const cri_gaz *cri_gaz_lookup(const char *key, size_t n);

/* Entries in the tables (for tests of their order). */
const cri_gaz *cri_gaz_table(size_t *n);

/* ---- a per-article view of the tokens ----------------------------------- */

typedef struct cri_xtext {
    const char *text;
    size_t len;
    const cr_doc *doc;     /* the analysis in use (given, or own) */
    const cr_token *t;
    size_t nt;
    uint32_t *sent;        /* sentence number of each token */
    uint32_t *cls;         /* LX_* | XT_* of each token */
    uint16_t *qcls;        /* quotes.c's word lists the token is on (one
                              bit per list, cri_quote_words) */
    uint8_t *lists;        /* the word lists of mentions.c, cites.c and
                              the gazetteer the token is on (CRI_M_*,
                              CRI_C_*, CRI_G_*) */
    cr_doc *own;           /* the analysis made here when none was given */
} cri_xtext;

/* Analyse text when doc is NULL, check the tokens lie inside it, and fill
 * x: every word is packed and looked up once, in one table holding the
 * lexicon and the word lists of quotes.c and mentions.c, for all four
 * scanners. CR_EINVAL for tokens outside the text. Free with
 * cri_xtext_free. */
cr_status cri_xtext_init(cri_xtext *x, const char *text, size_t len,
                         const cr_doc *doc, const cr_limits *lim);
void cri_xtext_free(cri_xtext *x);

/* Fold tokens [a, b] into a key: lowercase, diacritics stripped (cr_fold
 * for non-ASCII), hyphens as spaces, periods dropped, a final possessive
 * removed, words joined by one space. Writes at most cap-1 bytes plus NUL
 * into out; returns the length, or (size_t)-1 when it does not fit or on
 * OOM. */
size_t cri_xtext_key(const cri_xtext *x, size_t a, size_t b, char *out,
                     size_t cap);

/* The byte end of token i without a trailing possessive ('s, ’s). */
uint32_t cri_xtext_end_noposs(const cri_xtext *x, size_t i);


/* The quotes (cr_extract_quotes), entities (cr_extract_entities), dates
 * and quantities (cr_extract_exprs) and cited sources (cr_extract_cites;
 * ents NULL: found here) of the text x views. x is borrowed: one token
 * view serves all four (cr_extract_all). */
cr_status cri_quotes_find(const cri_xtext *x, cr_quote **out, size_t *n);
cr_status cri_entities_find(const cri_xtext *x, cr_entity_set *out);
cr_status cri_exprs_find(const cri_xtext *x, const char *anchor,
                         cr_expr **out, size_t *n);
cr_status cri_cites_find(const cri_xtext *x, const cr_entity_set *ents,
                         cr_cite **out, size_t *n);

/* ---- short words as two integers ---------------------------------------- */

/* A word of at most 16 ASCII bytes, lower-cased, zero-padded, little-endian
 * in two 64-bit integers: compared and hashed in a few instructions. The
 * word lists of the scanners (the lexicon, quotes.c's lists) are indexed
 * by it once per process. */
typedef struct cri_w16 {
    uint64_t lo, hi;
} cri_w16;

/* What cri_w16_pack saw in the bytes it packed. */
#define W16_LOWER 1u    /* a lowercase letter */
#define W16_CAPITAL 2u  /* an uppercase letter */
#define W16_LETTERS2 4u /* two letters or more */

/* Pack the n bytes at p into *w, lower-cased, byte by byte (any
 * platform); as cri_w16_pack. */
int cri_w16_pack_bytes(const char *p, size_t n, cri_w16 *w, unsigned *shape);

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define CRI_W16_SWAR 1
/* The ASCII letters (*up: uppercase, *lo: lowercase) of the 8 bytes in x,
 * all below 0x80, as the high bit of their byte; returns x lower-cased.
 * No addition carries into the next byte. */
static inline uint64_t cri_w16_half(uint64_t x, uint64_t *up, uint64_t *lo)
{
    const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
    uint64_t u = (x + ones * (0x80 - 'A')) & ~(x + ones * (0x80 - 'Z' - 1)) &
                 high;
    *lo = (x + ones * (0x80 - 'a')) & ~(x + ones * (0x80 - 'z' - 1)) & high;
    *up = u;
    return x | (u >> 2); /* 0x80 >> 2 is the case bit */
}

/* The n bytes at p (1 <= n <= 16, 16 readable) as two little-endian
 * integers, zero-padded; 0 when a byte is not ASCII. */
static inline int cri_w16_load(const char *p, size_t n, uint64_t *lo,
                               uint64_t *hi)
{
    uint64_t a, b = 0;
    memcpy(&a, p, 8);
    if (n < 8) {
        a &= ((uint64_t)1 << (8 * n)) - 1;
    } else if (n > 8) {
        memcpy(&b, p + 8, 8);
        if (n < 16)
            b &= ((uint64_t)1 << (8 * (n - 8))) - 1;
    }
    *lo = a;
    *hi = b;
    return !((a | b) & 0x8080808080808080ULL);
}
#endif

/* Pack the n bytes at p into *w, lower-cased; *shape receives W16_* bits.
 * 0 (and *w unusable) when n is 0 or more than 16 or a byte is not ASCII.
 * Reads the 16 bytes at p when p + 16 <= lim (the end of the buffer), 8
 * bytes at a time; else byte by byte. Inline: it runs once per token. */
static inline int cri_w16_pack(const char *p, size_t n, const char *lim,
                               cri_w16 *w, unsigned *shape)
{
#ifdef CRI_W16_SWAR
    uint64_t a, b, u, l, m;
    if (n - 1 >= 16 || lim - p < 16)
        return n - 1 >= 16 ? 0 : cri_w16_pack_bytes(p, n, w, shape);
    if (!cri_w16_load(p, n, &a, &b))
        return 0;
    a = cri_w16_half(a, &u, &l);
    if (b) { /* the second half's letters one bit lower: distinct bits */
        uint64_t ub, lb;
        b = cri_w16_half(b, &ub, &lb);
        u |= ub >> 1;
        l |= lb >> 1;
    }
    m = u | l;
    *shape = (l ? W16_LOWER : 0) | (u ? W16_CAPITAL : 0) |
             ((m & (m - 1)) ? W16_LETTERS2 : 0);
    w->lo = a;
    w->hi = b;
    return 1;
#else
    (void)lim;
    return cri_w16_pack_bytes(p, n, w, shape);
#endif
}

/* As cri_w16_pack, without the shape: fewer steps, for the many words
 * whose shape does not matter (lowercase ones in the token view). */
static inline int cri_w16_pack_key(const char *p, size_t n, const char *lim,
                                   cri_w16 *w)
{
    unsigned shape;
#ifdef CRI_W16_SWAR
    const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
    uint64_t a, b;
    if (n - 1 >= 16 || lim - p < 16)
        return n - 1 >= 16 ? 0 : cri_w16_pack_bytes(p, n, w, &shape);
    if (!cri_w16_load(p, n, &a, &b))
        return 0;
    /* the case bit of each uppercase letter (as cri_w16_half) */
    a |= ((a + ones * (0x80 - 'A')) & ~(a + ones * (0x80 - 'Z' - 1)) & high) >> 2;
    b |= ((b + ones * (0x80 - 'A')) & ~(b + ones * (0x80 - 'Z' - 1)) & high) >> 2;
    w->lo = a;
    w->hi = b;
    return 1;
#else
    (void)lim;
    return cri_w16_pack_bytes(p, n, w, &shape);
#endif
}

/* An open-addressing table from packed words to class bits; `bits`: log2
 * of the slots. Empty slots have key.lo 0 (no word packs to that). */
typedef struct cri_w16_ent {
    cri_w16 key;
    uint64_t val;
} cri_w16_ent;

/* OR val into the entry of the lowercase ASCII word w (at most 16 bytes;
 * longer ones are skipped), adding it. The table must have a free slot. */
void cri_w16_add(cri_w16_ent *tab, unsigned bits, const char *w,
                 uint64_t val);

/* The word table of the token view: bits 0-31 of a word's value are its
 * lexicon classes (LX_*), bits CRI_WQ_SHIFT.. the lists of quotes.c it is
 * on, bits CRI_WM_SHIFT.. those of mentions.c (CRI_M_*) and cites.c
 * (CRI_C_*). The scanners add their lists when the table is built (once
 * per process). */
#define CRI_WQ_SHIFT 32
#define CRI_WM_SHIFT 48
#define CRI_M_START 1u  /* a word a date or quantity may start with (of a
                           hyphenated word, its part before the hyphen) */
#define CRI_M_NUMBER 2u /* a number word, scale, "dozen" or "and" */
#define CRI_M_LEAD 4u   /* a word that makes a following month or year a
                           time ("in", "since") */
#define CRI_M_KEPT 8u   /* one of those that belongs to the mention */
#define CRI_C_SPELLED 16u /* a word cites.c compares by spelling */
#define CRI_G_FIRST 32u /* a gazetteer key ("north korea"), or one after
                           "the ", may start with the token's key (in the
                           token view: set for every token whose key is
                           not its packed word) */
void cri_quote_words(cri_w16_ent *tab, unsigned bits);
void cri_expr_words(cri_w16_ent *tab, unsigned bits);
void cri_cite_words(cri_w16_ent *tab, unsigned bits);

/* The home slot of w in a table of 2^bits slots (multiplicative hashing:
 * the keys are the fixed lists; outside words only probe). */
static inline size_t cri_w16_slot(const cri_w16 *w, unsigned bits)
{
    return (size_t)((w->lo * 0x9E3779B97F4A7C15ULL ^
                     w->hi * 0xC2B2AE3D27D4EB4FULL) >> (64 - bits));
}

/* The bits of the packed word w, 0 when absent. */
static inline uint64_t cri_w16_get(const cri_w16_ent *tab, unsigned bits,
                                   const cri_w16 *w)
{
    size_t mask = ((size_t)1 << bits) - 1, h = cri_w16_slot(w, bits);
    while (tab[h].key.lo) {
        if (tab[h].key.lo == w->lo && tab[h].key.hi == w->hi)
            return tab[h].val;
        h = (h + 1) & mask;
    }
    return 0;
}

/* ---- helpers shared with quotes.c ---------------------------------------- */

/* Are the n bytes at p, ASCII-lowercased, equal to the lowercase w?
 * Inline, without strlen: the scanners compare tokens with fixed words
 * millions of times, and most comparisons differ in the first byte. A NUL
 * in p never matches (w ends at its first NUL), so w is not read past its
 * end. */
static inline int cri_eq_lower(const char *p, size_t n, const char *w)
{
    size_t k;
    for (k = 0; k < n; k++) {
        unsigned a = (unsigned char)p[k];
        a |= ((a - 'A') < 26u) << 5;
        if (a != (unsigned char)w[k] || a == 0)
            return 0;
    }
    return w[n] == '\0';
}

/* Case-insensitive comparison of token i with the lowercase ASCII w. */
static inline int cri_xtext_is(const cri_xtext *x, size_t i, const char *w)
{
    return cri_eq_lower(x->text + x->t[i].start, x->t[i].end - x->t[i].start,
                        w);
}

/* Is every word of `want` (space-separated) a word of `have`? Words match
 * when equal, or, when prefix > 0, when the shorter is a prefix of the
 * other of at least `prefix` bytes ("korea" / "korean"). */
int cri_words_in(const char *want, const char *have, size_t prefix);

#endif /* CR_EXTRACT_H */
