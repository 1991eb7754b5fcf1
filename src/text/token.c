/*
 * token.c — the tokenizer: UTF-8 text to an array of cr_token.
 *
 * One left-to-right pass with no backtracking beyond a few code points of
 * lookahead, so the work is linear in the text. ASCII goes through a
 * byte-class table (words 8 bytes at a time); only non-ASCII code points
 * are decoded and looked up with utf8proc. The rules (docs/ALGORITHMS-text.md has the prose):
 *
 *  - WORD: a run of letters, digits and combining marks that starts with a
 *    letter. Inner hyphens (- U+2010 U+2011) join when a letter or digit
 *    follows ("Jong-Un", "COVID-19"); inner apostrophes (' U+2019) join when
 *    a letter follows ("Korea's", "don’t"). Short period abbreviations
 *    ("U.S.", "a.m.", "e.g.", "Ph.D.") are one word with their periods;
 *    "Sept." is "Sept" + "." and the sentence splitter knows it. A trailing
 *    apostrophe after s/S joins as a possessive ("boys'") unless a single
 *    quotation is open, where it closes the quote. Han ideographs and
 *    Hiragana are one word per character (no dictionary segmentation).
 *  - NUMBER: starts with a digit; joins "." ":" "/" + digit (4.5, 10:30,
 *    13/09), "," + exactly three digits (200,000 but not "1945,"), inner
 *    hyphens and apostrophes as words do, and trailing letters ("2nd",
 *    "1.13bn"). "'90s" / "’90s" is one number. % and $ are SYMBOLs.
 *  - PUNCT: runs of "." (so "..." is one token), runs of "!"/"?", runs of
 *    "-", and every other punctuation character alone.
 *  - QUOTE: " ' ` `` '' and the typographic marks; each gets
 *    CR_QUOTE_OPEN or CR_QUOTE_CLOSE (see quote_dir()).
 *  - SYMBOL: everything else, one code point (plus the marks, skin-tone
 *    modifiers and ZWJ sequences that extend it); an invalid UTF-8 byte is a
 *    1-byte SYMBOL.
 * Tokens longer than max_token_bytes are cut into pieces at code-point
 * boundaries.
 */
#include "text/text.h"
#include "util/util.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Character classes. The first four are the "word body" classes and must
 * stay 1..4 (is_word_body() tests a range); C_UP and C_LO stay the two
 * lowest (the fast path in cr_tokenize tests k <= C_LO). */
enum {
    C_UP = 1,   /* uppercase or titlecase letter */
    C_LO,       /* any other letter (lowercase, modifier, caseless) */
    C_DIG,      /* decimal digit */
    C_MARK,     /* combining mark, ZWJ/ZWNJ, soft hyphen: continue a word */
    C_IDEO,     /* Han ideograph or Hiragana: one word per character */
    C_SP,       /* whitespace other than '\n' */
    C_NL,       /* '\n' */
    C_PUN,      /* punctuation */
    C_QUO,      /* a quote mark */
    C_SYM,      /* symbol, control, anything else */
    C_BAD,      /* invalid UTF-8 byte */
    C_HIGH      /* byte_cls only: a non-ASCII byte, decode to classify */
};

#define X C_SYM
#define S C_SP
#define U C_UP
#define L C_LO
#define D C_DIG
#define P C_PUN
#define Q C_QUO
#define H C_HIGH
/* Class of every byte; bytes >= 0x80 start (or continue) a multi-byte
 * character and need decoding (C_HIGH). */
static const unsigned char byte_cls[256] = {
    X, X, X, X, X, X, X, X, X, S, C_NL, S, S, S, X, X, /* 0x00 */
    X, X, X, X, X, X, X, X, X, X, X, X, X, X, X, X,    /* 0x10 */
    S, P, Q, X, X, X, X, Q, P, P, X, X, P, P, P, P,    /*  !"#$%&'()*+,-./ */
    D, D, D, D, D, D, D, D, D, D, P, P, X, X, X, P,    /* 0-9 :;<=>? */
    X, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U,    /* @A-O */
    U, U, U, U, U, U, U, U, U, U, U, P, X, P, X, X,    /* P-Z[\]^_ */
    Q, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L,    /* `a-o */
    L, L, L, L, L, L, L, L, L, L, L, P, X, P, X, X,    /* p-z{|}~DEL */
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H,
    H, H, H, H, H, H, H, H, H, H, H, H, H, H, H, H
};
#undef X
#undef S
#undef U
#undef L
#undef D
#undef P
#undef Q
#undef H

/* Quote shapes: how the mark's form decides its direction. */
enum {
    SH_OPEN,       /* always opens: „ ‚ ‛ ‟ `` ` 「 『 〝 ⹂ */
    SH_CLOSE,      /* always closes: 」 』 〞 〟 */
    SH_OPENISH,    /* opens unless the context says close: “ ‘ « ‹ */
    SH_CLOSEISH,   /* closes unless the context says open: ” ’ » › '' */
    SH_STRAIGHT    /* context, then pairing state: " ' ＂ ＇ */
};

/* Quote families: a mark only pairs with marks of its family. */
enum { FAM_DOUBLE = 0, FAM_SINGLE = 1 };

typedef struct tz {
    const unsigned char *s;
    size_t len;
    cr_token *v;        /* output, grows geometrically */
    size_t n, cap;
    size_t maxtok;      /* >= 1 */
    int nl_break;       /* newlines in one gap that make a paragraph break */
    int nl;             /* newlines seen since the last token */
    int last_opener;    /* last token opens something: ( [ { dash, open quote */
    int open[2];        /* a quotation of this family is open */
    int low9[2];        /* ... and it was opened by „ or ‚ (closed by “ ‘) */
} tz;

size_t cri_space_len(const unsigned char *s, size_t len, size_t i)
{
    unsigned c = s[i], c1, c2;
    if (c < 0x80)
        return (c == ' ' || (c >= '\t' && c <= '\r')) ? 1 : 0;
    if (i + 1 >= len)
        return 0;
    c1 = s[i + 1];
    if (c == 0xC2)
        return (c1 == 0x85 || c1 == 0xA0) ? 2 : 0;
    if (i + 2 >= len || (c != 0xE1 && c != 0xE2 && c != 0xE3 && c != 0xEF))
        return 0;
    c2 = s[i + 2];
    if (c == 0xE1)
        return (c1 == 0x9A && c2 == 0x80) ? 3 : 0; /* U+1680 */
    if (c == 0xE2) {
        if (c1 == 0x80)  /* U+2000-200B, 2028, 2029, 202F */
            return ((c2 >= 0x80 && c2 <= 0x8B) || c2 == 0xA8 || c2 == 0xA9 ||
                    c2 == 0xAF) ? 3 : 0;
        if (c1 == 0x81)  /* U+205F, U+2060 */
            return (c2 == 0x9F || c2 == 0xA0) ? 3 : 0;
        return 0;
    }
    if (c == 0xE3)
        return (c1 == 0x80 && c2 == 0x80) ? 3 : 0; /* U+3000 */
    return (c1 == 0xBB && c2 == 0xBF) ? 3 : 0;     /* U+FEFF */
}

/* Shape and family of a non-ASCII quote code point; 0 when cp is none. */
static int quote_info(int32_t cp, int *shape, int *fam)
{
    switch (cp) {
    case 0x00AB: *shape = SH_OPENISH; *fam = FAM_DOUBLE; return 1;  /* « */
    case 0x00BB: *shape = SH_CLOSEISH; *fam = FAM_DOUBLE; return 1; /* » */
    case 0x2018: *shape = SH_OPENISH; *fam = FAM_SINGLE; return 1;  /* ‘ */
    case 0x2019: *shape = SH_CLOSEISH; *fam = FAM_SINGLE; return 1; /* ’ */
    case 0x201A: *shape = SH_OPEN; *fam = FAM_SINGLE; return 1;     /* ‚ */
    case 0x201B: *shape = SH_OPEN; *fam = FAM_SINGLE; return 1;     /* ‛ */
    case 0x201C: *shape = SH_OPENISH; *fam = FAM_DOUBLE; return 1;  /* “ */
    case 0x201D: *shape = SH_CLOSEISH; *fam = FAM_DOUBLE; return 1; /* ” */
    case 0x201E: *shape = SH_OPEN; *fam = FAM_DOUBLE; return 1;     /* „ */
    case 0x201F: *shape = SH_OPEN; *fam = FAM_DOUBLE; return 1;     /* ‟ */
    case 0x2039: *shape = SH_OPENISH; *fam = FAM_SINGLE; return 1;  /* ‹ */
    case 0x203A: *shape = SH_CLOSEISH; *fam = FAM_SINGLE; return 1; /* › */
    case 0x2E42: *shape = SH_OPEN; *fam = FAM_DOUBLE; return 1;     /* ⹂ */
    case 0x300C: *shape = SH_OPEN; *fam = FAM_DOUBLE; return 1;     /* 「 */
    case 0x300D: *shape = SH_CLOSE; *fam = FAM_DOUBLE; return 1;    /* 」 */
    case 0x300E: *shape = SH_OPEN; *fam = FAM_SINGLE; return 1;     /* 『 */
    case 0x300F: *shape = SH_CLOSE; *fam = FAM_SINGLE; return 1;    /* 』 */
    case 0x301D: *shape = SH_OPEN; *fam = FAM_DOUBLE; return 1;     /* 〝 */
    case 0x301E: *shape = SH_CLOSE; *fam = FAM_DOUBLE; return 1;    /* 〞 */
    case 0x301F: *shape = SH_CLOSE; *fam = FAM_DOUBLE; return 1;    /* 〟 */
    case 0xFF02: *shape = SH_STRAIGHT; *fam = FAM_DOUBLE; return 1; /* ＂ */
    case 0xFF07: *shape = SH_STRAIGHT; *fam = FAM_SINGLE; return 1; /* ＇ */
    default: return 0;
    }
}

/* Han ideographs (URO, extension A, compatibility, planes 2-3), Hiragana,
 * 々 and 〇: scripts written without spaces, one word per character. */
static int is_ideograph(int32_t cp)
{
    return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x3040 && cp <= 0x309F) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0x20000 && cp <= 0x3FFFF) || cp == 0x3005 || cp == 0x3007;
}

/* Class of the non-ASCII character at s[i]; *adv its byte length, *cpo the
 * code point (-1 when invalid). */
static int uclass(const unsigned char *s, size_t len, size_t i, size_t *adv,
                  int32_t *cpo)
{
    int32_t cp;
    int shape, fam;
    size_t sl = cri_space_len(s, len, i);
    if (sl) {
        *adv = sl;
        *cpo = 0x20;
        return C_SP;
    }
    cp = cri_utf8_decode(s, len, i, adv);
    *cpo = cp;
    if (cp < 0)
        return C_BAD;
    if (quote_info(cp, &shape, &fam))
        return C_QUO;
    if (is_ideograph(cp))
        return C_IDEO;
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return C_UP;
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return C_LO;
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
        return C_MARK;
    case UTF8PROC_CATEGORY_ND:
        return C_DIG;
    case UTF8PROC_CATEGORY_PC:
    case UTF8PROC_CATEGORY_PD:
    case UTF8PROC_CATEGORY_PS:
    case UTF8PROC_CATEGORY_PE:
    case UTF8PROC_CATEGORY_PI:
    case UTF8PROC_CATEGORY_PF:
    case UTF8PROC_CATEGORY_PO:
        return C_PUN;
    case UTF8PROC_CATEGORY_ZS:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        return C_SP; /* not reached: cri_space_len covers them */
    case UTF8PROC_CATEGORY_CF:
        /* ZWNJ, ZWJ, soft hyphen live inside words */
        return (cp == 0x200C || cp == 0x200D || cp == 0xAD) ? C_MARK : C_SYM;
    default:
        return C_SYM;
    }
}

int cri_word_class(const unsigned char *s, size_t len, size_t i, size_t *adv)
{
    int32_t cp;
    int k = uclass(s, len, i, adv, &cp);
    if (k >= C_UP && k <= C_MARK)
        return CRI_WORD_BODY;
    return k == C_IDEO ? CRI_WORD_IDEO : CRI_WORD_NONE;
}

/* Class of the character at p (p < len). */
static int class_at(const tz *t, size_t p, size_t *adv, int32_t *cp)
{
    unsigned c = t->s[p];
    if (c < 0x80) {
        *adv = 1;
        *cp = (int32_t)c;
        return byte_cls[c];
    }
    return uclass(t->s, t->len, p, adv, cp);
}

/* Does class k continue a word (letter, digit, mark)? */
static int is_word_body(int k)
{
    return k >= C_UP && k <= C_MARK;
}

/* Is there a letter (or, when digits, a letter or digit) at p? */
static int alnum_at(const tz *t, size_t p, int digits)
{
    size_t adv;
    int32_t cp;
    int k;
    if (p >= t->len)
        return 0;
    k = class_at(t, p, &adv, &cp);
    return k == C_UP || k == C_LO || (digits && k == C_DIG);
}

/* Is there a decimal digit at p? */
static int digit_at(const tz *t, size_t p)
{
    size_t adv;
    int32_t cp;
    return p < t->len && class_at(t, p, &adv, &cp) == C_DIG;
}

/* End of the run of letters, digits and marks starting at j. */
static size_t alnum_run(const tz *t, size_t j)
{
    const unsigned char *s = t->s;
    size_t len = t->len, adv;
    int32_t cp;
    for (;;) {
        while (j < len && byte_cls[s[j]] <= C_DIG)
            j++;
        if (j >= len || s[j] < 0x80 ||
            !is_word_body(uclass(s, len, j, &adv, &cp)))
            return j;
        j += adv;
    }
}

/* Byte length of an inner joiner at p: 1 for '-' or '\'', 3 for U+2010,
 * U+2011 (hyphens) or U+2019 (apostrophe); 0 for anything else. *apos says
 * which kind it is. */
static size_t joiner_len(const tz *t, size_t p, int *apos)
{
    const unsigned char *s = t->s;
    if (s[p] == '-' || s[p] == '\'') {
        *apos = s[p] == '\'';
        return 1;
    }
    if (s[p] == 0xE2 && p + 2 < t->len && s[p + 1] == 0x80 &&
        (s[p + 2] == 0x90 || s[p + 2] == 0x91 || s[p + 2] == 0x99)) {
        *apos = s[p + 2] == 0x99;
        return 3;
    }
    return 0;
}

/* Extend a word or number body from j over runs joined by inner hyphens
 * and apostrophes. With joiner_first, j sits after an abbreviation and only
 * a joiner may continue it. */
static size_t word_tail(const tz *t, size_t j, int joiner_first)
{
    for (;;) {
        size_t jl;
        int apos;
        if (!joiner_first)
            j = alnum_run(t, j);
        joiner_first = 0;
        if (j >= t->len || byte_cls[t->s[j]] == C_SP)
            return j;
        jl = joiner_len(t, j, &apos);
        if (!jl || !alnum_at(t, j + jl, !apos))
            return j;
        j += jl;
    }
}

/* A period abbreviation at i: letter segments separated by periods, the
 * first of one or two letters, every later one of exactly one ("U.S.",
 * "a.m.", "e.g.", "Ph.D.", "U.S.A"), final period included when present.
 * Returns its end, or 0 when there is none (fewer than two segments). */
static size_t abbreviation(const tz *t, size_t i)
{
    const unsigned char *s = t->s;
    size_t p = i, end = 0, adv;
    int segs = 0;
    int32_t cp;
    for (;;) {
        size_t q = p;
        int nl = 0, k;
        while (q < t->len && nl < 3) {
            k = class_at(t, q, &adv, &cp);
            if (k != C_UP && k != C_LO)
                break;
            q += adv;
            nl++;
        }
        if (nl == 0 || nl > (segs ? 1 : 2) || alnum_at(t, q, 1) ||
            (q < t->len && class_at(t, q, &adv, &cp) == C_MARK))
            break;
        segs++;
        if (q < t->len && s[q] == '.') {
            end = q + 1;
            p = q + 1;
            continue;
        }
        end = q;
        break;
    }
    return segs >= 2 ? end : 0;
}

/* Append one token, growing the array geometrically; 0 or -1 on OOM. */
static int push(tz *t, size_t a, size_t b, int kind, unsigned flags)
{
    if (t->n == t->cap) {
        size_t nc = t->cap * 2;
        cr_token *nv;
        if (nc < t->cap || nc > SIZE_MAX / sizeof *t->v)
            return -1;
        nv = realloc(t->v, nc * sizeof *t->v);
        if (!nv)
            return -1;
        t->v = nv;
        t->cap = nc;
    }
    t->v[t->n].start = (uint32_t)a;
    t->v[t->n].end = (uint32_t)b;
    t->v[t->n].kind = (uint8_t)kind;
    t->v[t->n].flags = (uint8_t)flags;
    t->n++;
    return 0;
}

/* Append token [a,b), cutting it into pieces of at most maxtok bytes at
 * code-point boundaries (a piece holds at least one code point). Only the
 * first piece keeps CR_TOK_CAPITALIZED. 0, or -1 on OOM. */
static int emit_slow(tz *t, size_t a, size_t b, int kind, unsigned flags)
{
    while (b - a > t->maxtok) {
        size_t cut = a + t->maxtok;
        while (cut > a && (t->s[cut] & 0xC0) == 0x80)
            cut--;
        if (cut == a) {
            cut = a + 1;
            while (cut < b && (t->s[cut] & 0xC0) == 0x80)
                cut++;
        }
        if (push(t, a, cut, kind, flags))
            return -1;
        flags &= ~CR_TOK_CAPITALIZED;
        a = cut;
    }
    /* a piece may have taken a whole code point longer than maxtok */
    return a < b ? push(t, a, b, kind, flags) : 0;
}

/* emit_slow() with the common case inline. `opener` records whether a
 * quote right after this token is in opening position. */
static inline int emit(tz *t, size_t a, size_t b, int kind, unsigned flags,
                       int opener)
{
    t->nl = 0;
    t->last_opener = opener;
    if (b - a <= t->maxtok && t->n < t->cap) {
        cr_token *v = &t->v[t->n++];
        v->start = (uint32_t)a;
        v->end = (uint32_t)b;
        v->kind = (uint8_t)kind;
        v->flags = (uint8_t)flags;
        return 0;
    }
    return emit_slow(t, a, b, kind, flags);
}

/* Is p (the byte after a quote mark) in closing position: end of text,
 * whitespace, closing or ending punctuation, or another quote mark? */
static int close_context(const tz *t, size_t p)
{
    size_t adv;
    int32_t cp;
    int k;
    if (p >= t->len)
        return 1;
    if (t->s[p] < 0x80)
        return t->s[p] != 0 &&
               strchr(" \t\n\v\f\r,.;:!?)]}-\"'`", t->s[p]) != NULL;
    k = uclass(t->s, t->len, p, &adv, &cp);
    if (k == C_SP || k == C_QUO)
        return 1;
    if (k == C_PUN) {
        utf8proc_category_t cat = utf8proc_category(cp);
        return cat == UTF8PROC_CATEGORY_PE || cat == UTF8PROC_CATEGORY_PF ||
               cat == UTF8PROC_CATEGORY_PO || cat == UTF8PROC_CATEGORY_PD;
    }
    return 0;
}

/* Is position i in opening position: start of text, after whitespace, or
 * right after an opening bracket, dash or opening quote? */
static int open_context(const tz *t, size_t i)
{
    return t->n == 0 || t->v[t->n - 1].end < i || t->last_opener;
}

/* Direction of the quote mark [i, i+qlen) and update of the pairing state.
 * The context decides first: opening position before a non-closing
 * character opens, a non-opening position before a closing character closes.
 * When the context is ambiguous (spaces on both sides, as in tokenized
 * corpora, or letters on both sides) the shape decides for directional
 * marks, except that “ or ‘ closes a quotation opened by „ or ‚ (German);
 * straight marks close when a quotation of their family is open. */
static unsigned quote_dir(tz *t, size_t i, size_t qlen, int shape, int fam,
                          int low9, int low9_closer)
{
    int po = open_context(t, i), pc = close_context(t, i + qlen);
    unsigned ctx = (po && !pc) ? CR_QUOTE_OPEN
                   : (!po && pc) ? CR_QUOTE_CLOSE : 0;
    unsigned dir;
    switch (shape) {
    case SH_OPEN: dir = CR_QUOTE_OPEN; break;
    case SH_CLOSE: dir = CR_QUOTE_CLOSE; break;
    case SH_OPENISH:
        dir = ctx ? ctx
                  : (low9_closer && t->open[fam] && t->low9[fam])
                        ? CR_QUOTE_CLOSE : CR_QUOTE_OPEN;
        break;
    case SH_CLOSEISH: dir = ctx ? ctx : CR_QUOTE_CLOSE; break;
    default:
        dir = ctx ? ctx : t->open[fam] ? CR_QUOTE_CLOSE : CR_QUOTE_OPEN;
        break;
    }
    if (dir == CR_QUOTE_OPEN) {
        t->open[fam] = 1;
        t->low9[fam] = low9;
    } else {
        t->open[fam] = 0;
        t->low9[fam] = 0;
    }
    return dir;
}

/* "'90s" / "’90s": an apostrophe in opening position before two digits
 * and an s that ends the run. Returns the end, or 0. */
static size_t decade(const tz *t, size_t i, size_t qlen)
{
    const unsigned char *s = t->s;
    size_t p = i + qlen;
    if (!open_context(t, i) || p + 3 > t->len)
        return 0;
    if (s[p] < '0' || s[p] > '9' || s[p + 1] < '0' || s[p + 1] > '9' ||
        s[p + 2] != 's' || alnum_at(t, p + 3, 1))
        return 0;
    return p + 3;
}

/* Forget open quotations (at a paragraph break). */
static void reset_quotes(tz *t)
{
    t->open[0] = t->open[1] = 0;
    t->low9[0] = t->low9[1] = 0;
}

/* A word starting at i (a letter or mark). */
static int do_word(tz *t, size_t i, int first_class)
{
    const unsigned char *s = t->s;
    size_t j = 0;
    /* an ASCII start needs a period at i+1 or i+2 to be an abbreviation */
    if (!(s[i] < 0x80 && i + 2 < t->len && s[i + 1] < 0x80 &&
          s[i + 1] != '.' && s[i + 2] != '.'))
        j = abbreviation(t, i);
    j = j ? word_tail(t, j, 1) : word_tail(t, i, 0);
    /* possessive "boys'" / "boys’" when no single quotation is open */
    if (!t->open[FAM_SINGLE] && (s[j - 1] == 's' || s[j - 1] == 'S') &&
        j < t->len) {
        int apos;
        size_t jl = joiner_len(t, j, &apos);
        if (jl && apos && !(j + 1 < t->len && s[j + 1] == '\''))
            j += jl;
    }
    return emit(t, i, j, CR_TOK_WORD,
                first_class == C_UP ? CR_TOK_CAPITALIZED : 0, 0);
}

/* A number starting at the digit at i. */
static int do_number(tz *t, size_t i)
{
    const unsigned char *s = t->s;
    size_t j = i;
    for (;;) {
        unsigned c;
        j = word_tail(t, j, 0);
        if (j >= t->len)
            break;
        c = s[j];
        if ((c == '.' || c == ':' || c == '/') && digit_at(t, j + 1)) {
            j++;
            continue;
        }
        if (c == ',' && j + 3 < t->len && s[j + 1] >= '0' && s[j + 1] <= '9' &&
            s[j + 2] >= '0' && s[j + 2] <= '9' && s[j + 3] >= '0' &&
            s[j + 3] <= '9' && !digit_at(t, j + 4)) {
            j += 4;
            continue;
        }
        break;
    }
    return emit(t, i, j, CR_TOK_NUMBER, 0, 0);
}

/* A symbol at i of adv bytes, extended by combining marks, variation
 * selectors, skin-tone modifiers, ZWJ sequences and a second regional
 * indicator (flags). */
static int do_symbol(tz *t, size_t i, size_t adv, int32_t cp)
{
    size_t j = i + adv, a2, a3;
    int ri = cp >= 0x1F1E6 && cp <= 0x1F1FF;
    int32_t c2, c3;
    while (j < t->len && t->s[j] >= 0x80) {
        int k = uclass(t->s, t->len, j, &a2, &c2);
        if (k == C_MARK && c2 != 0x200D) {
            j += a2;
        } else if (c2 >= 0x1F3FB && c2 <= 0x1F3FF) {
            j += a2;
        } else if (c2 == 0x200D) {
            j += a2;
            if (j < t->len && t->s[j] >= 0x80 &&
                uclass(t->s, t->len, j, &a3, &c3) == C_SYM)
                j += a3;
        } else if (ri && c2 >= 0x1F1E6 && c2 <= 0x1F1FF) {
            j += a2;
            ri = 0;
        } else {
            break;
        }
    }
    return emit(t, i, j, CR_TOK_SYMBOL, 0, 0);
}

/* An ASCII quote character at i: " ' ` and the pairs `` ''. */
static int do_ascii_quote(tz *t, size_t i)
{
    const unsigned char *s = t->s;
    unsigned c = s[i];
    size_t e;
    unsigned d;
    if (c == '`') {
        if (i + 1 < t->len && s[i + 1] == '`') {
            d = quote_dir(t, i, 2, SH_OPEN, FAM_DOUBLE, 0, 0);
            return emit(t, i, i + 2, CR_TOK_QUOTE, d, 1);
        }
        d = quote_dir(t, i, 1, SH_OPEN, FAM_SINGLE, 0, 0);
        return emit(t, i, i + 1, CR_TOK_QUOTE, d, 1);
    }
    if (c == '"') {
        d = quote_dir(t, i, 1, SH_STRAIGHT, FAM_DOUBLE, 0, 0);
        return emit(t, i, i + 1, CR_TOK_QUOTE, d, d == CR_QUOTE_OPEN);
    }
    if (i + 1 < t->len && s[i + 1] == '\'') {
        d = quote_dir(t, i, 2, SH_CLOSEISH, FAM_DOUBLE, 0, 0);
        return emit(t, i, i + 2, CR_TOK_QUOTE, d, d == CR_QUOTE_OPEN);
    }
    e = decade(t, i, 1);
    if (e)
        return emit(t, i, e, CR_TOK_NUMBER, 0, 0);
    d = quote_dir(t, i, 1, SH_STRAIGHT, FAM_SINGLE, 0, 0);
    return emit(t, i, i + 1, CR_TOK_QUOTE, d, d == CR_QUOTE_OPEN);
}

/* ASCII punctuation at i: runs of '.', of '!'/'?', of '-'; else one byte. */
static int do_ascii_punct(tz *t, size_t i)
{
    const unsigned char *s = t->s;
    unsigned c = s[i];
    size_t j = i + 1;
    if (c == '.' || c == '-') {
        while (j < t->len && s[j] == c)
            j++;
    } else if (c == '!' || c == '?') {
        while (j < t->len && (s[j] == '!' || s[j] == '?'))
            j++;
    }
    return emit(t, i, j, CR_TOK_PUNCT, 0,
                c == '(' || c == '[' || c == '{' || c == '-');
}

/* A non-ASCII character at i of class k. */
static int do_unicode(tz *t, size_t i, int k, size_t adv, int32_t cp)
{
    int shape, fam;
    unsigned d;
    size_t e;
    utf8proc_category_t cat;
    switch (k) {
    case C_UP:
    case C_LO:
    case C_MARK:
        return do_word(t, i, k);
    case C_DIG:
        return do_number(t, i);
    case C_IDEO:
        return emit(t, i, i + adv, CR_TOK_WORD, 0, 0);
    case C_QUO:
        quote_info(cp, &shape, &fam);
        if (cp == 0x2019) {
            e = decade(t, i, adv);
            if (e)
                return emit(t, i, e, CR_TOK_NUMBER, 0, 0);
        }
        d = quote_dir(t, i, adv, shape, fam, cp == 0x201E || cp == 0x201A,
                      cp == 0x201C || cp == 0x2018);
        return emit(t, i, i + adv, CR_TOK_QUOTE, d, d == CR_QUOTE_OPEN);
    case C_PUN:
        cat = utf8proc_category(cp);
        return emit(t, i, i + adv, CR_TOK_PUNCT, 0,
                    cat == UTF8PROC_CATEGORY_PS || cat == UTF8PROC_CATEGORY_PD);
    case C_BAD:
        return emit(t, i, i + 1, CR_TOK_SYMBOL, 0, 0);
    default:
        return do_symbol(t, i, adv, cp);
    }
}

cr_status cr_tokenize(const char *text, size_t len, const cr_limits *lim,
                      cr_token **tokens, size_t *n)
{
    tz t;
    size_t i = 0;
    int rc = 0;
    if (!tokens || !n || (!text && len))
        return CR_EINVAL;
    *tokens = NULL;
    *n = 0;
    if (len > UINT32_MAX)
        return CR_ELIMIT;
    if (len == 0)
        return CR_OK;
    lim = cri_limits(lim);
    memset(&t, 0, sizeof t);
    t.s = (const unsigned char *)text;
    t.len = len;
    t.maxtok = lim->max_token_bytes ? lim->max_token_bytes : 1;
    t.nl_break = cri_text_has_blank_line(text, len) ? 2 : 1;
    t.cap = len / 5 + 16;
    t.v = malloc(t.cap * sizeof *t.v);
    if (!t.v)
        return CR_ENOMEM;
    while (i < len) {
        const unsigned char *s = t.s;
        unsigned c = s[i], k = byte_cls[c];
        size_t adv;
        int32_t cp;
        if (k <= C_LO) {
            /* fast path: a plain ASCII word that no joiner, period
             * abbreviation, possessive or non-ASCII letter extends, and
             * the single space after it */
            size_t j = cri_ascii_alnum_end(s, len, i + 1);
            unsigned e;
            e = j < len ? s[j] : 0;
            if (e < 0x80 && e != '-' && e != '\'' &&
                (e != '.' || j - i > 2)) {
                if (emit(&t, i, j, CR_TOK_WORD,
                         k == C_UP ? CR_TOK_CAPITALIZED : 0, 0))
                    goto oom;
                i = j + (e == ' ');
                continue;
            }
            rc = do_word(&t, i, (int)k);
        } else if (k == C_SP) {
            while (++i < len && s[i] == ' ')
                ;
            continue;
        } else if (k == C_NL) {
            if (++t.nl >= t.nl_break)
                reset_quotes(&t);
            i++;
            continue;
        } else if (k == C_DIG) {
            rc = do_number(&t, i);
        } else if (k == C_PUN) {
            rc = do_ascii_punct(&t, i);
        } else if (k == C_QUO) {
            rc = do_ascii_quote(&t, i);
        } else if (k == C_SYM) {
            rc = do_symbol(&t, i, 1, (int32_t)c);
        } else {
            k = (unsigned)uclass(s, len, i, &adv, &cp);
            if (k == C_SP) {
                i += adv;
                continue;
            }
            rc = do_unicode(&t, i, (int)k, adv, cp);
        }
        if (rc)
            goto oom;
        i = t.v[t.n - 1].end;
    }
    *tokens = t.v;
    *n = t.n;
    return CR_OK;
oom:
    free(t.v);
    return CR_ENOMEM;
}
