/*
 * sentence.c — sentence and paragraph splitting over a tokenized text.
 *
 * Paragraphs come from the text alone: blank lines separate them when the
 * text has any blank line between two non-blank ones, single newlines
 * otherwise (cri_text_has_blank_line decides once per text).
 *
 * Sentences come from the tokens, in two linear passes:
 *  1. Check the tokens and mark, per token, whether a paragraph break (or
 *     a newline before a list bullet) follows it, whether it is a
 *     terminator, and whether it lies inside an *attributed* quotation —
 *     one whose closing mark is preceded by a comma or dash or followed by
 *     a lowercase word (`"I came. I saw," he said.`). Sentence ends inside
 *     such a quotation do not split: the quotation and its attribution stay
 *     one sentence.
 *  2. Walk the tokens. A sentence ends at a paragraph break, or at a
 *     terminator (. ! ? … ?! and the CJK/Arabic/Indic full stops; or a
 *     period abbreviation such as "U.S." that may double as a full stop),
 *     extended over further terminators and closing quotes/brackets, when
 *     whitespace follows and the next token can start a sentence
 *     (capitalized or caseless word, number, opening quote or bracket,
 *     symbol). A period after a known abbreviation is judged by its class:
 *     titles ("Mr.", "Gen.", "vs.") never end a sentence; "No." does not
 *     before a number; months, "Jr.", "Inc.", initials ("W.") and "U.S."
 *     end one only before a frequent sentence-opening word ("The", "He",
 *     ...) or an opening quote.
 * docs/ALGORITHMS-text.md describes the rules and their known limits.
 */
#include "text/text.h"
#include "util/util.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#define F_BREAK 1u /* a paragraph break follows this token */
#define F_ATTR 2u  /* inside an attributed quotation */
#define F_TERM 4u  /* a terminator: . ! ? … or a word ending in a period */

/* Terminator kinds. */
enum { T_NONE, T_PERIOD, T_ELLIPSIS, T_BANG, T_CJK, T_ABBR };

/* Abbreviation classes of the word before a period. */
enum { A_NONE, A_NEVER, A_NUMPREFIX, A_AMBIG };

/* Known abbreviations, sorted by byte order (binary search). A_NEVER:
 * titles and connectives that are never the last word of a sentence;
 * A_NUMPREFIX: precede a number ("No. 10", "p. 12"); A_AMBIG: may also end
 * a sentence (months, days, "Jr.", "Inc.", "St."). Matching is
 * case-sensitive: "Mar." is a month, "mar." a verb. */
typedef struct abbrev {
    const char *word;
    unsigned char cls;
} abbrev;

static const abbrev abbrevs[] = {
    {"Adm", A_NEVER}, {"Amb", A_NEVER}, {"Apr", A_AMBIG},
    {"Art", A_NUMPREFIX}, {"Assn", A_AMBIG}, {"Atty", A_NEVER},
    {"Aug", A_AMBIG}, {"Ave", A_AMBIG}, {"Blvd", A_AMBIG}, {"Brig", A_NEVER},
    {"Bros", A_AMBIG}, {"Capt", A_NEVER}, {"Cdr", A_NEVER},
    {"Ch", A_NUMPREFIX}, {"Cmdr", A_NEVER}, {"Co", A_AMBIG}, {"Col", A_NEVER},
    {"Corp", A_AMBIG}, {"Cpl", A_NEVER}, {"Dec", A_AMBIG}, {"Dept", A_AMBIG},
    {"Det", A_NEVER}, {"Dr", A_NEVER}, {"Drs", A_NEVER}, {"Est", A_AMBIG},
    {"Feb", A_AMBIG}, {"Fig", A_NUMPREFIX}, {"Figs", A_NUMPREFIX},
    {"Fr", A_NEVER}, {"Fri", A_AMBIG}, {"Ft", A_NEVER}, {"Gen", A_NEVER},
    {"Gens", A_NEVER}, {"Gov", A_NEVER}, {"Hon", A_NEVER}, {"Inc", A_AMBIG},
    {"Insp", A_NEVER}, {"Jan", A_AMBIG}, {"Jr", A_AMBIG}, {"Jul", A_AMBIG},
    {"Jun", A_AMBIG}, {"Lieut", A_NEVER}, {"Lt", A_NEVER}, {"Ltd", A_AMBIG},
    {"Maj", A_NEVER}, {"Mar", A_AMBIG}, {"Messrs", A_NEVER},
    {"Mlle", A_NEVER}, {"Mme", A_NEVER}, {"Mon", A_AMBIG}, {"Mr", A_NEVER},
    {"Mrs", A_NEVER}, {"Ms", A_NEVER}, {"Msgr", A_NEVER}, {"Mt", A_NEVER},
    {"Mx", A_NEVER}, {"No", A_NUMPREFIX}, {"Nos", A_NUMPREFIX},
    {"Nov", A_AMBIG}, {"Nr", A_NUMPREFIX}, {"Oct", A_AMBIG},
    {"Op", A_NUMPREFIX}, {"Para", A_NUMPREFIX}, {"Plc", A_AMBIG},
    {"Pres", A_NEVER}, {"Prof", A_NEVER}, {"Pt", A_NUMPREFIX},
    {"Pvt", A_NEVER}, {"Rd", A_AMBIG}, {"Rep", A_NEVER}, {"Reps", A_NEVER},
    {"Rev", A_NEVER}, {"Rt", A_NEVER}, {"Sat", A_AMBIG},
    {"Sect", A_NUMPREFIX}, {"Sen", A_NEVER}, {"Sens", A_NEVER},
    {"Sep", A_AMBIG}, {"Sept", A_AMBIG}, {"Sgt", A_NEVER}, {"Sr", A_AMBIG},
    {"St", A_AMBIG}, {"Ste", A_AMBIG}, {"Sun", A_AMBIG}, {"Supt", A_NEVER},
    {"Thu", A_AMBIG}, {"Thur", A_AMBIG}, {"Thurs", A_AMBIG}, {"Tue", A_AMBIG},
    {"Tues", A_AMBIG}, {"Univ", A_AMBIG}, {"Vol", A_NUMPREFIX},
    {"Vols", A_NUMPREFIX}, {"Wed", A_AMBIG}, {"al", A_AMBIG},
    {"approx", A_NEVER}, {"ca", A_NEVER}, {"cf", A_NEVER}, {"est", A_AMBIG},
    {"p", A_NUMPREFIX}, {"pp", A_NUMPREFIX}, {"v", A_NEVER}, {"viz", A_NEVER},
    {"vs", A_NEVER}};

/* Words that often open a sentence, sorted by byte order: after an
 * ambiguous abbreviation they tip the balance towards a sentence end ("in
 * the U.S. The ..."), where any other capitalized word (a name: "U.S.
 * Army", "Sept. Fed") does not. */
static const char *const openers[] = {
    "A", "After", "All", "Also", "Although", "An", "And", "As", "At",
    "Because", "Before", "Both", "But", "Each", "Earlier", "He", "Her",
    "Here", "His", "How", "However", "I", "If", "In", "Instead", "It", "Its",
    "Last", "Later", "Many", "Meanwhile", "Moreover", "Most", "My", "Now",
    "On", "Or", "Our", "She", "Since", "So", "Some", "Still", "That", "The",
    "Their", "Then", "There", "These", "They", "This", "Those", "Though",
    "Thus", "Today", "We", "What", "When", "Where", "Which", "While", "Who",
    "Why", "Yesterday", "Yet", "You", "Your"};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* strcmp() between the n bytes at p and the string w. */
static int cmp_word(const unsigned char *p, size_t n, const char *w)
{
    size_t k;
    for (k = 0; k < n; k++) {
        unsigned char c = (unsigned char)w[k];
        if (c == 0 || c != p[k])
            return c == 0 ? 1 : (int)p[k] - (int)c;
    }
    return w[n] == 0 ? 0 : -1;
}

/* The abbreviation class of a word token, A_NONE when it is not listed. */
static int lookup_abbrev(const unsigned char *s, const cr_token *t)
{
    size_t lo = 0, hi = COUNT(abbrevs), n = t->end - t->start;
    if (n > 6)
        return A_NONE;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_word(s + t->start, n, abbrevs[mid].word);
        if (c == 0)
            return abbrevs[mid].cls;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return A_NONE;
}

/* Is the token one of openers[]? */
static int is_opener_word(const unsigned char *s, const cr_token *t)
{
    size_t lo = 0, hi = COUNT(openers), n = t->end - t->start;
    if (n > 9)
        return 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_word(s + t->start, n, openers[mid]);
        if (c == 0)
            return 1;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return 0;
}

/* The first code point of a token, -1 when invalid. */
static int32_t first_cp(const unsigned char *s, const cr_token *t)
{
    size_t adv;
    if (t->end <= t->start)
        return -1;
    return cri_utf8_decode(s, t->end, t->start, &adv);
}

/* The Unicode category of a token's first code point. */
static utf8proc_category_t first_cat(const unsigned char *s, const cr_token *t)
{
    int32_t cp = first_cp(s, t);
    return cp < 0 ? UTF8PROC_CATEGORY_CN : utf8proc_category(cp);
}

/* Which terminator a token is (T_NONE when it is none). */
static int term_type(const unsigned char *s, const cr_token *t)
{
    unsigned c;
    int32_t cp;
    if (t->end <= t->start)
        return T_NONE;
    if (t->kind == CR_TOK_WORD)
        return s[t->end - 1] == '.' ? T_ABBR : T_NONE;
    if (t->kind != CR_TOK_PUNCT)
        return T_NONE;
    c = s[t->start];
    if (c == '.')
        return t->end - t->start == 1 ? T_PERIOD : T_ELLIPSIS;
    if (c == '!' || c == '?')
        return T_BANG;
    if (c < 0x80)
        return T_NONE;
    cp = first_cp(s, t);
    switch (cp) {
    case 0x2026: /* … */
        return T_ELLIPSIS;
    case 0x203C: case 0x2047: case 0x2048: case 0x2049: /* ‼ ⁇ ⁈ ⁉ */
    case 0x061F: case 0x06D4:                           /* ؟ ۔ */
    case 0x0964: case 0x0965: case 0x0589: case 0x1362: /* । ॥ ։ ። */
    case 0xFE52: case 0xFE56: case 0xFE57:              /* small . ? ! */
        return T_BANG;
    case 0x3002: case 0xFF01: case 0xFF1F: case 0xFF61: /* 。！？｡ */
        return T_CJK;
    default:
        return T_NONE;
    }
}

/* A closing quote or closing bracket. */
static int is_closer(const unsigned char *s, const cr_token *t)
{
    unsigned c;
    if (t->kind == CR_TOK_QUOTE)
        return (t->flags & CR_QUOTE_CLOSE) != 0;
    if (t->kind != CR_TOK_PUNCT || t->end <= t->start)
        return 0;
    c = s[t->start];
    if (c < 0x80)
        return c == ')' || c == ']' || c == '}';
    return first_cat(s, t) == UTF8PROC_CATEGORY_PE;
}

/* Can this token start a sentence? */
static int is_starter(const unsigned char *s, const cr_token *t)
{
    utf8proc_category_t cat;
    int32_t cp;
    switch (t->kind) {
    case CR_TOK_WORD:
        cat = first_cat(s, t);
        return cat == UTF8PROC_CATEGORY_LU || cat == UTF8PROC_CATEGORY_LT ||
               cat == UTF8PROC_CATEGORY_LO;
    case CR_TOK_NUMBER:
    case CR_TOK_SYMBOL:
        return 1;
    case CR_TOK_QUOTE:
        return (t->flags & CR_QUOTE_OPEN) != 0;
    case CR_TOK_PUNCT:
        cp = first_cp(s, t);
        if (cp == '(' || cp == '[' || cp == '{' || cp == 0xBF || cp == 0xA1 ||
            cp == 0x2022)
            return 1;
        return cp >= 0x80 && utf8proc_category(cp) == UTF8PROC_CATEGORY_PS;
    default:
        return 0;
    }
}

/* A word starting with a lowercase letter (an attribution: "he said"). */
static int is_lower_word(const unsigned char *s, const cr_token *t)
{
    return t->kind == CR_TOK_WORD && first_cat(s, t) == UTF8PROC_CATEGORY_LL;
}

/* Quote family of a quote token: 0 double, 1 single. */
static int quote_fam(const unsigned char *s, const cr_token *t)
{
    unsigned c = s[t->start];
    int32_t cp;
    if (c == '"')
        return 0;
    if (c == '`' || c == '\'')
        return t->end - t->start >= 2 ? 0 : 1;
    cp = first_cp(s, t);
    switch (cp) {
    case 0xAB: case 0xBB: case 0x201C: case 0x201D: case 0x201E:
    case 0x201F: case 0x2E42: case 0x300C: case 0x300D: case 0x301D:
    case 0x301E: case 0x301F: case 0xFF02:
        return 0;
    default:
        return 1;
    }
}

/* Class of the period abbreviation ending at terminator token i. */
static int abbr_class(const unsigned char *s, const cr_token *tok, size_t i)
{
    const cr_token *w;
    size_t adv;
    int cls;
    if (tok[i].kind == CR_TOK_WORD) {
        size_t n = tok[i].end - tok[i].start;
        if (n == 4 && (memcmp(s + tok[i].start, "e.g.", 4) == 0 ||
                       memcmp(s + tok[i].start, "i.e.", 4) == 0))
            return A_NEVER;
        return A_AMBIG;
    }
    if (i == 0)
        return A_NONE;
    w = &tok[i - 1];
    if (w->kind != CR_TOK_WORD || w->end != tok[i].start)
        return A_NONE;
    cls = lookup_abbrev(s, w);
    if (cls != A_NONE)
        return cls;
    /* an initial: a single uppercase letter ("George W. Bush") */
    if (first_cat(s, w) == UTF8PROC_CATEGORY_LU &&
        cri_utf8_decode(s, w->end, w->start, &adv) >= 0 &&
        w->start + adv == w->end)
        return A_AMBIG;
    return A_NONE;
}

/* Does the whitespace between two tokens hold a paragraph break: a newline
 * (blank == 0) or a blank line, i.e. two newlines with only whitespace
 * between them (blank == 1)? Returns 1 for a break, 2 for a newline that
 * is no break, 0 for neither. */
static int gap_breaks(const unsigned char *s, size_t a, size_t b, int blank)
{
    int nl = 0, any = 0;
    while (a < b) {
        size_t sl;
        if (s[a] == '\n') {
            if (++nl > blank)
                return 1;
            any = 1;
            a++;
            continue;
        }
        sl = cri_space_len(s, b, a);
        if (sl) {
            a += sl;
        } else {
            nl = 0; /* not whitespace: tokens given by the caller */
            a++;
        }
    }
    return any ? 2 : 0;
}

/* A list bullet: - * • · ‣ ▪ ■ ● ◦ – — at the start of a line. */
static int is_bullet(const unsigned char *s, const cr_token *t)
{
    int32_t cp;
    if (t->kind != CR_TOK_PUNCT && t->kind != CR_TOK_SYMBOL)
        return 0;
    cp = first_cp(s, t);
    return cp == '-' || cp == '*' || cp == 0x2022 || cp == 0xB7 ||
           cp == 0x2023 || cp == 0x25AA || cp == 0x25A0 || cp == 0x25CF ||
           cp == 0x25E6 || cp == 0x2013 || cp == 0x2014;
}

/* Should the sentence end after the closers k, given terminator i? */
static int ends_sentence(const unsigned char *s, const cr_token *tok,
                         const unsigned char *fl, size_t i, size_t k)
{
    const cr_token *nx = &tok[k + 1];
    int tt = term_type(s, &tok[i]);
    if (tt == T_NONE || (nx->start == tok[k].end && tt != T_CJK))
        return 0;
    if ((fl[i] & F_ATTR) && (fl[k + 1] & F_ATTR))
        return 0;
    if (!is_starter(s, nx))
        return 0;
    if (tt == T_PERIOD || tt == T_ABBR) {
        switch (abbr_class(s, tok, i)) {
        case A_NEVER:
            return 0;
        case A_NUMPREFIX:
            return nx->kind != CR_TOK_NUMBER;
        case A_AMBIG:
            return (nx->kind == CR_TOK_WORD && is_opener_word(s, nx)) ||
                   (nx->kind == CR_TOK_QUOTE && (nx->flags & CR_QUOTE_OPEN));
        default:
            break;
        }
    }
    return 1;
}

/* Grow *v (of *cap spans) to hold one more; 0 or -1 on OOM. */
static int span_push(cr_span **v, size_t *n, size_t *cap, size_t a, size_t b)
{
    if (*n == *cap) {
        size_t nc = *cap ? *cap * 2 : 16;
        cr_span *nv;
        if (nc < *cap || nc > SIZE_MAX / sizeof **v)
            return -1;
        nv = realloc(*v, nc * sizeof **v);
        if (!nv)
            return -1;
        *v = nv;
        *cap = nc;
    }
    (*v)[*n].start = (uint32_t)a;
    (*v)[*n].end = (uint32_t)b;
    (*n)++;
    return 0;
}

/* The quote logic of pass 1 for quote token i: track the outermost
 * quotation (by family) and, when it closes, mark it attributed. */
static void quote_step(const unsigned char *s, size_t len, const cr_token *tok,
                       size_t ntok, size_t i, int brk, unsigned char *fl,
                       size_t *depth, size_t *open_i, int *fam)
{
    const cr_token *t = &tok[i];
    int f = quote_fam(s, t);
    size_t j;
    if (*depth == 0) {
        if (t->flags & CR_QUOTE_OPEN) {
            *depth = 1;
            *open_i = i;
            *fam = f;
        }
    } else if (f == *fam) {
        if (t->flags & CR_QUOTE_OPEN) {
            ++*depth;
        } else if ((t->flags & CR_QUOTE_CLOSE) && --*depth == 0) {
            const cr_token *p = &tok[i - 1];
            int attr = 0;
            if (i - 1 > *open_i && p->kind == CR_TOK_PUNCT &&
                (s[p->start] == ',' || s[p->start] == '-' ||
                 first_cat(s, p) == UTF8PROC_CATEGORY_PD))
                attr = 1;
            /* tok[i + 1] is validated only in the next round: peek at it
             * only when it lies within the text */
            if (!brk && i + 1 < ntok && tok[i + 1].end <= len &&
                tok[i + 1].start < tok[i + 1].end &&
                is_lower_word(s, &tok[i + 1]))
                attr = 1;
            if (attr)
                for (j = *open_i; j <= i; j++)
                    fl[j] |= F_ATTR;
        }
    }
}

/* Pass 1: check the tokens (non-empty, ordered, non-overlapping, within
 * the text) and set fl[i] for every token: paragraph break after it,
 * terminator, inside an attributed quotation. CR_EINVAL for tokens that
 * break the contract. Written to keep the common path (a word, then one
 * space or nothing) free of unpredictable branches: this loop runs once
 * per token. */
static cr_status mark_tokens(const unsigned char *s, size_t len,
                             const cr_token *tok, size_t ntok, int blank,
                             unsigned char *fl)
{
    size_t i, depth = 0, open_i = 0, prev_end = 0;
    int fam = 0;
    for (i = 0; i < ntok; i++) {
        const cr_token *t = &tok[i];
        unsigned k = t->kind, c0, brk = 0, term;
        if (t->start >= t->end || t->end > len || t->start < prev_end)
            return CR_EINVAL;
        prev_end = t->end;
        if (i + 1 < ntok) {
            size_t a = t->end, b = tok[i + 1].start, g = b - a;
            /* most gaps are nothing or one space */
            unsigned slow = (b > a) & ((g > 1) | (s[a < len ? a : a - 1] != ' '));
            if (slow) {
                int gb = gap_breaks(s, a, b < len ? b : len, blank);
                /* a line that starts with a bullet starts a sentence even
                 * where single newlines are line wraps (lists) */
                brk = gb == 1 ||
                      (gb == 2 && tok[i + 1].start < tok[i + 1].end &&
                       tok[i + 1].end <= len && is_bullet(s, &tok[i + 1]));
            }
        }
        c0 = s[t->start];
        term = ((k == CR_TOK_WORD) | (k == CR_TOK_PUNCT)) &
               (s[t->end - 1] == '.');
        term |= (k == CR_TOK_PUNCT) & ((c0 == '!') | (c0 == '?'));
        fl[i] = (unsigned char)((brk ? F_BREAK : 0) | (term ? F_TERM : 0));
        if (k == CR_TOK_QUOTE) {
            quote_step(s, len, tok, ntok, i, (int)brk, fl, &depth, &open_i,
                       &fam);
        } else if (k == CR_TOK_PUNCT && c0 >= 0x80 &&
                   term_type(s, t) != T_NONE) {
            fl[i] |= F_TERM;
        }
        if (brk)
            depth = 0;
    }
    return CR_OK;
}

/* The first i' >= i with a break or terminator flag, or ntok. */
static size_t next_event(const unsigned char *fl, size_t ntok, size_t i)
{
    const uint64_t ev = 0x0101010101010101ULL * (F_BREAK | F_TERM);
    while (i + 8 <= ntok) {
        uint64_t v;
        memcpy(&v, fl + i, 8);
        if (v & ev)
            break;
        i += 8;
    }
    while (i < ntok && !(fl[i] & (F_BREAK | F_TERM)))
        i++;
    return i;
}

cr_status cr_split_sentences(const char *text, size_t len,
                             const cr_token *tokens, size_t ntok,
                             cr_span **sents, size_t *n)
{
    const unsigned char *s = (const unsigned char *)text;
    unsigned char *fl = NULL;
    cr_span *v = NULL;
    size_t nv = 0, cap = 0, i, start = 0;
    cr_status rc = CR_OK;
    if (!sents || !n || (!text && len) || (!tokens && ntok))
        return CR_EINVAL;
    *sents = NULL;
    *n = 0;
    if (len > UINT32_MAX)
        return CR_ELIMIT;
    if (ntok == 0)
        return CR_OK;
    fl = malloc(ntok);
    if (!fl)
        return CR_ENOMEM;
    rc = mark_tokens(s, len, tokens, ntok, cri_text_has_blank_line(text, len),
                     fl);
    if (rc != CR_OK)
        goto done;
    i = 0;
    for (;;) {
        size_t k;
        i = next_event(fl, ntok, i);
        if (i >= ntok)
            break;
        k = i;
        if (fl[i] & F_TERM) {
            /* extend over further terminators and closing quotes/brackets */
            while (k + 1 < ntok && !(fl[k] & F_BREAK) &&
                   (is_closer(s, &tokens[k + 1]) ||
                    (tokens[k + 1].kind == CR_TOK_PUNCT &&
                     (fl[k + 1] & F_TERM))))
                k++;
            if (!(fl[k] & F_BREAK) && k + 1 < ntok &&
                ends_sentence(s, tokens, fl, i, k)) {
                if (span_push(&v, &nv, &cap, tokens[start].start,
                              tokens[k].end)) {
                    rc = CR_ENOMEM;
                    goto done;
                }
                start = k + 1;
            }
        }
        if (fl[k] & F_BREAK) {
            if (span_push(&v, &nv, &cap, tokens[start].start, tokens[k].end)) {
                rc = CR_ENOMEM;
                goto done;
            }
            start = k + 1;
        }
        i = k + 1;
    }
    if (start < ntok &&
        span_push(&v, &nv, &cap, tokens[start].start, tokens[ntok - 1].end))
        rc = CR_ENOMEM;
done:
    free(fl);
    if (rc != CR_OK) {
        free(v);
        return rc;
    }
    *sents = v;
    *n = nv;
    return CR_OK;
}

/* Is the line [a, e) whitespace only? When it is not and cs is not NULL,
 * *cs and *ce receive the start of its first and the end of its last
 * non-whitespace character (found from the end, so a long line costs no
 * more than its trailing whitespace). */
static int line_blank(const unsigned char *s, size_t a, size_t e, size_t *cs,
                      size_t *ce)
{
    size_t b = e;
    while (a < e) {
        size_t sl = cri_space_len(s, e, a);
        if (!sl)
            break;
        a += sl;
    }
    if (a == e)
        return 1;
    if (!cs)
        return 0;
    *cs = a;
    while (b > a) {
        size_t p = b - 1, q = p, sl;
        if (s[p] < 0x80) {
            if (s[p] == ' ' || (s[p] >= '\t' && s[p] <= '\r')) {
                b = p;
                continue;
            }
            break;
        }
        /* back to the lead byte of the character that ends at b */
        while (q > a && p - q < 3 && (s[q] & 0xC0) == 0x80)
            q--;
        sl = cri_space_len(s, e, q);
        if (!sl || q + sl != b)
            break;
        b = q;
    }
    *ce = b;
    return 0;
}

int cri_text_has_blank_line(const char *text, size_t len)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t p = 0;
    int seen = 0, pending = 0;
    if (!text)
        return 0;
    for (;;) {
        const unsigned char *nl = p < len ? memchr(s + p, '\n', len - p) : NULL;
        size_t e = nl ? (size_t)(nl - s) : len;
        if (!line_blank(s, p, e, NULL, NULL)) {
            if (pending)
                return 1;
            seen = 1;
        } else if (seen) {
            pending = 1;
        }
        if (!nl)
            return 0;
        p = e + 1;
    }
}

cr_status cr_split_paragraphs(const char *text, size_t len, cr_span **paras,
                              size_t *n)
{
    const unsigned char *s = (const unsigned char *)text;
    cr_span *v = NULL;
    size_t nv = 0, cap = 0, p = 0, ps = 0, pe = 0;
    int blank, in = 0;
    if (!paras || !n || (!text && len))
        return CR_EINVAL;
    *paras = NULL;
    *n = 0;
    if (len > UINT32_MAX)
        return CR_ELIMIT;
    if (len == 0)
        return CR_OK;
    blank = cri_text_has_blank_line(text, len);
    for (;;) {
        const unsigned char *nl = p < len ? memchr(s + p, '\n', len - p) : NULL;
        size_t e = nl ? (size_t)(nl - s) : len, cs = 0, ce = 0;
        if (!line_blank(s, p, e, &cs, &ce)) {
            if (!blank) {
                if (span_push(&v, &nv, &cap, cs, ce))
                    goto oom;
            } else {
                if (!in)
                    ps = cs;
                in = 1;
                pe = ce;
            }
        } else if (in) {
            if (span_push(&v, &nv, &cap, ps, pe))
                goto oom;
            in = 0;
        }
        if (!nl)
            break;
        p = e + 1;
    }
    if (in && span_push(&v, &nv, &cap, ps, pe))
        goto oom;
    *paras = v;
    *n = nv;
    return CR_OK;
oom:
    free(v);
    return CR_ENOMEM;
}
