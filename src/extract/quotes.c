/*
 * quotes.c — direct quotations, quoted fragments and reported speech, with
 * their speakers (cr_extract_quotes).
 *
 * Works on the tokens of an analysed document: quote tokens already say
 * whether they open or close (src/text/token.c). Four passes, each linear
 * in the tokens (lookups are bounded windows or capped tables):
 *
 *  1. names: capitalised spans of the whole article become entities (full
 *     names, titles stripped) and their appositions become roles
 *     ("North Korean leader Kim Jong-Un" -> role leader/{north, korean});
 *  2. quotations: an opening mark pairs with the next closing mark of its
 *     family (double or single) in the same paragraph; a paragraph that
 *     ends inside a quotation continues it when the next paragraph reopens
 *     with the same family;
 *  3. attribution: the reporting patterns around each quotation, then the
 *     nearest reporting verb in its sentence, then the previous quotation's
 *     speaker in the same or previous paragraph;
 *  4. reported speech: a reporting verb followed by "that" (or a subject
 *     pronoun) outside quotations.
 *
 * Tunables are the Q_* constants below; docs/ALGORITHMS.md ("Quotes") explains
 * each.
 */
#include "extract/extract.h"
#include "util/util.h"

#include <stdlib.h>
#include <string.h>

/* --- tunables ----------------------------------------------------------- */

#define Q_FRAG_MAX_WORDS 4   /* a quotation this short is a term unless it
                                is a sentence of its own */
#define Q_TITLE_MAX_WORDS 8 /* a quotation of capitalised words up to this
                                long is a title or slogan: a fragment */
#define Q_NP_MAX 7           /* words in a speaker noun phrase */
#define Q_NAME_MAX 6         /* words in a name */
#define Q_MAX_ENTS 512       /* entities remembered per article */
#define Q_MAX_ROLES 512      /* appositions remembered per article */
#define Q_MAX_MENTIONS 4096  /* person mentions remembered (pronouns) */
#define Q_SENT_LOOKBACK 80  /* tokens searched back for a reporting verb in
                                the sentence of a quotation */
#define Q_CLAUSE_MAX 200     /* tokens in a reported clause at most */
#define Q_INHERIT_PARAS 1    /* an unattributed quotation inherits the
                                speaker of a quotation at most this many
                                paragraphs earlier */

/* --- small token helpers ------------------------------------------------ */

typedef struct qctx {
    const char *text;
    size_t len;
    const cr_token *t;
    size_t nt;
    uint32_t *para;          /* paragraph number of each token */
    uint32_t *sent;          /* sentence number of each token */
    uint32_t *sent_first;    /* first token of each sentence */
    uint32_t *sent_last;     /* last token of each sentence (inclusive) */
    size_t nsent;
    size_t sent_key;         /* (while building) */
    uint8_t *inq;            /* 1 for tokens inside a quotation (or marks) */
    const uint16_t *cls;     /* word-class bits of each token (LISTS) */
    /* entities */
    struct ent { char *key; size_t klen; char *canon; } *ents;
    size_t nents;
    struct role { char *head; char *mods; size_t ent; } *roles;
    size_t nroles;
    struct mention { uint32_t tok; size_t ent; } *ments;
    size_t nments;
    cr_quote *q;
    size_t nq, capq;
    size_t prev_q;           /* first piece of the last statement, or -1 */
    size_t prev_para;        /* its last paragraph */
    size_t pending_from;     /* a statement whose attribution ends in ","
                                before another opening mark ... */
    size_t pending_tok;      /* ... at this token: its second half */
    int mark_only;           /* pass 2 only marks quoted tokens (inq) */
} qctx;

static int tlen(const qctx *c, size_t i) { return (int)(c->t[i].end - c->t[i].start); }
static const char *tptr(const qctx *c, size_t i) { return c->text + c->t[i].start; }
static int is_word(const qctx *c, size_t i) { return c->t[i].kind == CR_TOK_WORD; }
static int is_cap(const qctx *c, size_t i)
{
    return c->t[i].kind == CR_TOK_WORD && (c->t[i].flags & CR_TOK_CAPITALIZED);
}

/* Case-insensitive ASCII comparison of a token with w. */
static int teq(const qctx *c, size_t i, const char *w)
{
    return cri_eq_lower(tptr(c, i), (size_t)tlen(c, i), w);
}

/* The lists of LISTS (below), by position: the bit of each in cls. */
enum { L_CUES, L_AUX, L_PRONOUNS_SG, L_PRONOUNS, L_DETS, L_PARTICLES,
       L_TITLES, L_LEADERS, L_NAMING, L_STOP, L_HON };

/* Is token i on list l (L_*)? */
static int tin(const qctx *c, size_t i, unsigned l)
{
    return (c->cls[i] >> l) & 1u;
}

static int is_punct(const qctx *c, size_t i, const char *p)
{
    return c->t[i].kind == CR_TOK_PUNCT && teq(c, i, p);
}

static int is_dash(const qctx *c, size_t i)
{
    return c->t[i].kind == CR_TOK_PUNCT &&
           (teq(c, i, "-") || teq(c, i, "--") || teq(c, i, "\xE2\x80\x94") ||
            teq(c, i, "\xE2\x80\x93") || teq(c, i, "\xE2\x80\x95"));
}

static int is_term(const qctx *c, size_t i)
{
    return c->t[i].kind == CR_TOK_PUNCT &&
           (teq(c, i, ".") || teq(c, i, "!") || teq(c, i, "?") ||
            teq(c, i, "?!") || teq(c, i, "...") || teq(c, i, "\xE2\x80\xA6"));
}

/* 1 for the double family (" “ ” „ « » `` ''...), 2 for the single one
 * (' ‘ ’ ‚ ‛ ‹ › `). */
static int qfam(const qctx *c, size_t i)
{
    const unsigned char *p = (const unsigned char *)tptr(c, i);
    int n = tlen(c, i);
    if (n == 1)
        return (p[0] == '\'' || p[0] == '`') ? 2 : 1;
    if (n == 3 && p[0] == 0xE2 && p[1] == 0x80 &&
        (p[2] == 0x98 || p[2] == 0x99 || p[2] == 0x9A || p[2] == 0x9B ||
         p[2] == 0xB9 || p[2] == 0xBA))
        return 2;
    if (n == 3 && p[0] == 0xEF && p[1] == 0xBC && p[2] == 0x87)
        return 2;
    return 1;
}

static int is_open(const qctx *c, size_t i)
{
    return c->t[i].kind == CR_TOK_QUOTE && (c->t[i].flags & CR_QUOTE_OPEN);
}
static int is_close(const qctx *c, size_t i)
{
    return c->t[i].kind == CR_TOK_QUOTE && (c->t[i].flags & CR_QUOTE_CLOSE);
}

/* --- word lists --------------------------------------------------------- */

static const char *const CUES[] = {
    "said", "says", "say", "told", "tells", "tell", "added", "adds",
    "claimed", "claims", "wrote", "writes", "insisted", "insists", "warned",
    "warns", "stressed", "stresses", "noted", "notes", "argued", "argues",
    "explained", "explains", "asked", "asks", "replied", "replies",
    "declared", "declares", "stated", "states", "announced", "announces",
    "continued", "continues", "recalled", "recalls", "acknowledged",
    "acknowledges", "admitted", "admits", "suggested", "suggests",
    "responded", "responds", "remarked", "observed", "tweeted", "tweets",
    "emphasized", "emphasised", "emphasizes", "concluded", "conceded",
    "predicted", "promised", "vowed", "vows", "boasted", "complained",
    "joked", "quipped", "shouted", "urged", "urges", "countered",
    "cautioned", "confirmed", "alleged", "maintained", "contended",
    "asserted", "asserts", "reported", "reports", "believes", "believed",
    "thinks", "thought", "wondered", "mused", "testified", "pledged",
    "predicts", "charged", "recounted", "proclaimed", "assured", "repeated",
    "reiterated", "exclaimed", "snapped", "retorted", "agreed", "opined",
    "posted", "texted", "messaged", "conceded", "chimed", "saying",
    "telling", "adding", "claiming", "warning", "arguing", "noting",
    "insisting", "explaining", "writing", "stressing", "asking", NULL
};

/* Auxiliaries and adverbs allowed between a subject and its verb. */
static const char *const AUX[] = {
    "also", "later", "then", "again", "has", "had", "have", "would", "will",
    "once", "previously", "repeatedly", "recently", "further", "similarly",
    "reportedly", "ultimately", "simply", "flatly", "publicly", "privately",
    "had", "just", "still", "never", "often", "always", "himself",
    "herself", "may", "might", "could", "did", "does", "do", "is", "was",
    "has", "once", "first", "not", "earlier", NULL
};

static const char *const PRONOUNS_SG[] = { "he", "she", NULL };
static const char *const PRONOUNS[] = {
    "he", "she", "they", "we", "i", "it", "you", NULL
};

static const char *const DETS[] = {
    "the", "a", "an", "another", "his", "her", "their", "its", "our", "my",
    "one", "two", "three", "four", "several", "many", "some", "other",
    "both", "all", "most", "these", "those", "this", "that", "no", "each",
    "few", "senior", "top", NULL
};

static const char *const PARTICLES[] = {
    "bin", "ibn", "de", "da", "del", "della", "der", "den", "van", "von",
    "al", "el", "la", "le", "du", "di", "dos", "das", "y", "ben", "abu",
    NULL
};

/* Titles written before a name: stripped from it, kept as its role. */
static const char *const TITLES[] = {
    "president", "minister", "mr", "mrs", "ms", "dr", "sen", "senator",
    "rep", "representative", "gov", "governor", "secretary", "general",
    "gen", "chancellor", "king", "queen", "pope", "judge", "justice",
    "chairman", "chairwoman", "leader", "speaker", "sir", "lord", "prof",
    "professor", "rev", "mayor", "attorney", "chief", "commissioner",
    "premier", "prince", "princess", "sheikh", "ambassador", "director",
    "spokesman", "spokeswoman", "spokesperson", "lt", "col", "sgt", "capt",
    "adm", "admiral", "colonel", "captain", "candidate", "nominee",
    "chair", "ceo", "dictator", "supreme", NULL
};

/* Heads that stand for any head of state or government ("the Russian
 * leader" = "Russian president Vladimir Putin"). */
static const char *const LEADERS[] = {
    "leader", "president", "premier", "minister", "chancellor", "king",
    "queen", "chairman", "dictator", "ruler", "monarch", "emperor",
    "head", NULL
};

/* Verbs that name a term: what Moscow calls its "special operation". */
static const char *const NAMING[] = {
    "calls", "called", "call", "dubbed", "dubs", "termed", "terms",
    "labeled", "labelled", "labels", "branded", "brands", "describes",
    "described", NULL
};

/* Function words, months and days: never a name on their own. */
static const char *const STOP[] = {
    "the", "a", "an", "but", "and", "or", "in", "on", "at", "for", "of",
    "to", "with", "by", "from", "as", "if", "when", "while", "after",
    "before", "since", "because", "this", "that", "these", "those",
    "there", "then", "so", "yet", "it", "he", "she", "they", "we", "i",
    "you", "his", "her", "their", "its", "our", "my", "meanwhile",
    "however", "still", "also", "now", "today", "yesterday", "last",
    "next", "earlier", "later", "according", "during", "despite",
    "although", "though", "what", "who", "how", "why", "where", "which",
    "asked", "some", "many", "most", "all", "both", "every", "no",
    "not", "mr", "mrs", "ms", "dr", "sept", "jan", "feb", "aug", "oct",
    "nov", "dec", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "january", "february", "march",
    "april", "june", "july", "august", "september", "october",
    "november", "december", "delivering", "meeting", "citing", NULL
};

/* Titles and initials written with a period inside a name ("Mr. Obama"). */
static const char *const HON[] = {
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col",
    "sgt", "capt", "prof", "rev", "st", "jr", "adm", "maj", "cmdr",
    "amb", "pres", "supt", "insp", NULL
};

static const char *const *const LISTS[] = { /* in the order of L_* */
    CUES, AUX, PRONOUNS_SG, PRONOUNS, DETS, PARTICLES, TITLES, LEADERS,
    NAMING, STOP, HON
};
#define NLISTS (sizeof LISTS / sizeof LISTS[0])

/* Add each listed word (lowercase ASCII, at most 15 bytes) to the token
 * view's word table (lexicon.c builds it once per process) with a bit per
 * list it is on, from bit CRI_WQ_SHIFT: the token view then gives the
 * class bits of every token (qcls; 0 for non-words, words of 16 bytes or
 * more, possessives and unlisted words). */
void cri_quote_words(cri_w16_ent *tab, unsigned bits)
{
    size_t l;
    for (l = 0; l < NLISTS; l++) {
        const char *const *w;
        for (w = LISTS[l]; *w; w++)
            cri_w16_add(tab, bits, *w, (uint64_t)1 << (CRI_WQ_SHIFT + l));
    }
}

static int is_cue(const qctx *c, size_t i)
{
    return is_word(c, i) && !c->inq[i] && tin(c, i, L_CUES);
}

/* "according to" at i (returns 2, its length) */
static int is_according(const qctx *c, size_t i)
{
    return i + 1 < c->nt && !c->inq[i] && teq(c, i, "according") &&
           teq(c, i + 1, "to");
}

static int is_stop(const qctx *c, size_t i)
{
    return tin(c, i, L_STOP);
}

/* Is token i a period after a title or an initial ("Mr.", "E.") inside
 * a name? */
static int name_period(const qctx *c, size_t i)
{
    return i > 0 && i + 1 < c->nt && is_punct(c, i, ".") &&
           c->t[i].start == c->t[i - 1].end && is_cap(c, i - 1) &&
           (tlen(c, i - 1) == 1 || tin(c, i - 1, L_HON)) && is_cap(c, i + 1);
}


/* --- growth ------------------------------------------------------------- */

static cr_quote *push_quote(qctx *c)
{
    cr_quote *q;
    if (c->nq == c->capq) {
        size_t nc = c->capq ? c->capq * 2 : 16;
        cr_quote *nq = realloc(c->q, nc * sizeof *nq);
        if (!nq)
            return NULL;
        c->q = nq;
        c->capq = nc;
    }
    q = &c->q[c->nq++];
    memset(q, 0, sizeof *q);
    q->cont = -1;
    return q;
}

/* --- names -------------------------------------------------------------- */

/* Folded key of tokens [a, b]: words joined by one space, hyphens as
 * spaces, a trailing possessive dropped. NULL on OOM. */
static char *name_key(const qctx *c, size_t a, size_t b, size_t *klen)
{
    cri_buf buf = {0};
    size_t i;
    for (i = a; i <= b; i++) {
        const char *p = tptr(c, i);
        char *f = NULL;
        size_t fl = (size_t)tlen(c, i), k;
        for (k = 0; k < fl && (unsigned char)p[k] < 0x80; k++)
            ;
        if (k == fl) { /* ASCII: cr_fold lower-cases it, nothing more */
            if (i == b && fl > 2 && p[fl - 2] == '\'' &&
                (p[fl - 1] | 0x20) == 's')
                fl -= 2;
            if (cri_buf_reserve(&buf, fl + 1)) {
                cri_buf_free(&buf);
                return NULL;
            }
            if (buf.len)
                buf.data[buf.len++] = ' ';
            for (k = 0; k < fl; k++) {
                char ch = p[k];
                buf.data[buf.len++] = ch == '-' ? ' '
                                      : (ch >= 'A' && ch <= 'Z')
                                          ? (char)(ch + 32) : ch;
            }
            buf.data[buf.len] = '\0';
            continue;
        }
        if (cr_fold(p, fl, &f, &fl) != CR_OK) {
            cri_buf_free(&buf);
            return NULL;
        }
        if (i == b && fl > 2 && f[fl - 2] == '\'' && f[fl - 1] == 's')
            fl -= 2;
        for (k = 0; k < fl; k++)
            if (f[k] == '-')
                f[k] = ' ';
        if ((buf.len && cri_buf_putc(&buf, ' ')) ||
            cri_buf_append(&buf, f, fl)) {
            free(f);
            cri_buf_free(&buf);
            return NULL;
        }
        free(f);
    }
    if (!buf.data && cri_buf_putc(&buf, '\0') == 0)
        buf.len = 0;
    *klen = buf.len;
    return buf.data;
}

/* The text of tokens [a, b] with a trailing possessive dropped. */
static char *name_text(const qctx *c, size_t a, size_t b)
{
    uint32_t s = c->t[a].start, e = c->t[b].end;
    const char *p = c->text;
    if (e - s > 2 && p[e - 2] == '\'' && p[e - 1] == 's')
        e -= 2;
    else if (e - s > 4 && (unsigned char)p[e - 4] == 0xE2 &&
             (unsigned char)p[e - 3] == 0x80 &&
             (unsigned char)p[e - 2] == 0x99 && p[e - 1] == 's')
        e -= 4;
    return cri_strndup(p + s, e - s);
}

/* The end of a capitalised span starting at a (inclusive), within the
 * sentence: capitalised words and particles between them. */
static size_t cap_span_end(const qctx *c, size_t a)
{
    size_t b = a, i = a + 1, words = 1;
    while (i < c->nt && words < Q_NAME_MAX + 3 && c->sent[i] == c->sent[a]) {
        if (is_cap(c, i) && !c->inq[i] == !c->inq[a]) {
            b = i;
            words++;
            i++;
        } else if (name_period(c, i)) {
            i++;
        } else if (is_word(c, i) && tin(c, i, L_PARTICLES) && i + 1 < c->nt &&
                   is_cap(c, i + 1)) {
            i++;
        } else {
            break;
        }
        /* a possessive ends a name: "Korea's leader" */
        {
            const char *p = tptr(c, b);
            int n = tlen(c, b);
            if (n > 2 && p[n - 1] == 's' &&
                (p[n - 2] == '\'' || (unsigned char)p[n - 2] == 0x99))
                break;
        }
    }
    return b;
}

static int has_possessive(const qctx *c, size_t i)
{
    const char *p = tptr(c, i);
    int n = tlen(c, i);
    return n > 2 && p[n - 1] == 's' &&
           (p[n - 2] == '\'' || (unsigned char)p[n - 2] == 0x99);
}

static size_t find_ent(const qctx *c, const char *key, size_t klen)
{
    size_t i;
    for (i = 0; i < c->nents; i++)
        if (c->ents[i].klen == klen && memcmp(c->ents[i].key, key, klen) == 0)
            return i;
    return (size_t)-1;
}

/* Does word w (length wl) occur as a whole word in key? Returns 1 for the
 * last word, 2 for another position, 0 for none. */
static int word_in(const char *key, size_t klen, const char *w, size_t wl)
{
    size_t i = 0;
    int found = 0;
    while (i < klen) {
        size_t j = i;
        while (j < klen && key[j] != ' ')
            j++;
        if (j - i == wl && memcmp(key + i, w, wl) == 0)
            found = (j == klen) ? 1 : 2;
        i = j + 1;
    }
    return found;
}

static void add_role(qctx *c, const char *head, size_t hl, const char *mods,
                     size_t ml, size_t ent)
{
    struct role *r;
    if (c->nroles >= Q_MAX_ROLES)
        return;
    if (!c->roles) {
        c->roles = malloc(Q_MAX_ROLES * sizeof *c->roles);
        if (!c->roles)
            return;
    }
    r = &c->roles[c->nroles];
    r->head = cri_strndup(head, hl);
    r->mods = cri_strndup(mods, ml);
    if (!r->head || !r->mods) {
        free(r->head);
        free(r->mods);
        return;
    }
    r->ent = ent;
    c->nroles++;
}

/* Fold one token into buf (possessive dropped) as a modifier word. */
static void fold_word(const qctx *c, size_t i, cri_buf *buf)
{
    char *f = NULL;
    size_t fl = 0;
    if (cr_fold(tptr(c, i), (size_t)tlen(c, i), &f, &fl) != CR_OK)
        return;
    if (fl > 2 && f[fl - 2] == '\'' && f[fl - 1] == 's')
        fl -= 2;
    if (buf->len)
        cri_buf_putc(buf, ' ');
    cri_buf_append(buf, f, fl);
    free(f);
}

static void remember_mention(qctx *c, size_t tok, size_t ent)
{
    if (c->nments >= Q_MAX_MENTIONS)
        return;
    if (!c->ments) {
        c->ments = malloc(Q_MAX_MENTIONS * sizeof *c->ments);
        if (!c->ments)
            return;
    }
    c->ments[c->nments].tok = (uint32_t)tok;
    c->ments[c->nments].ent = ent;
    c->nments++;
}

/* Pass 1: entities and roles. */
static cr_status scan_names(qctx *c)
{
    size_t i = 0;
    while (i < c->nt) {
        size_t a, b, nm, k;
        if (!is_cap(c, i) || c->inq[i]) {
            i++;
            continue;
        }
        a = i;
        b = cap_span_end(c, a);
        i = b + 1;
        /* drop leading function words ("The", "But") and titles */
        while (a <= b && (is_stop(c, a) || c->t[a].kind == CR_TOK_PUNCT))
            a++;
        nm = a;
        for (k = a; k < b; k++)
            if (tin(c, k, L_TITLES) || (k + 1 <= b && teq(c, k, "prime")))
                nm = k + 1;
        while (nm < b && c->t[nm].kind == CR_TOK_PUNCT)
            nm++;
        if (nm > b || a > b)
            continue;
        if (b - nm + 1 < 2 || b - nm + 1 > Q_NAME_MAX)
            continue; /* single words are surnames, found by lookup */
        {
            size_t klen, e;
            char *key = name_key(c, nm, b, &klen);
            if (!key)
                return CR_ENOMEM;
            e = find_ent(c, key, klen);
            if (e == (size_t)-1 && c->nents < Q_MAX_ENTS) {
                char *canon = name_text(c, nm, b);
                if (!canon) {
                    free(key);
                    return CR_ENOMEM;
                }
                e = c->nents++;
                c->ents[e].key = key;
                c->ents[e].klen = klen;
                c->ents[e].canon = canon;
            } else {
                free(key);
            }
            if (e == (size_t)-1)
                continue;
            /* apposition before: [mods] head NAME, head lowercase or a
               stripped title */
            {
                size_t h = (size_t)-1, m0;
                if (nm > a) {
                    h = nm - 1;
                } else if (nm > 0 && is_word(c, nm - 1) && !is_cap(c, nm - 1) &&
                           !tin(c, nm - 1, L_CUES) && !is_stop(c, nm - 1) &&
                           !tin(c, nm - 1, L_NAMING)) {
                    h = nm - 1;
                }
                if (h != (size_t)-1) {
                    cri_buf mods = {0};
                    char *hf = NULL;
                    size_t hl = 0;
                    m0 = h;
                    while (m0 > 0 && h - m0 < 4 && c->sent[m0 - 1] == c->sent[h] &&
                           is_word(c, m0 - 1) &&
                           (is_cap(c, m0 - 1) || has_possessive(c, m0 - 1)) &&
                           !is_stop(c, m0 - 1))
                        m0--;
                    for (k = m0; k < h; k++)
                        fold_word(c, k, &mods);
                    if (cr_fold(tptr(c, h), (size_t)tlen(c, h), &hf, &hl) == CR_OK) {
                        add_role(c, hf, hl, mods.data ? mods.data : "",
                                 mods.len, e);
                        free(hf);
                    }
                    cri_buf_free(&mods);
                    remember_mention(c, nm, e);
                }
            }
            /* apposition after: NAME, the [mods] head, */
            if (b + 3 < c->nt && is_punct(c, b + 1, ",") &&
                (teq(c, b + 2, "the") || teq(c, b + 2, "a"))) {
                size_t j = b + 3, end = (size_t)-1;
                while (j < c->nt && j < b + 3 + 5 && is_word(c, j) &&
                       !tin(c, j, L_CUES) && !is_stop(c, j))
                    end = j++;
                if (end != (size_t)-1 && j < c->nt &&
                    c->t[j].kind == CR_TOK_PUNCT && !is_cap(c, end)) {
                    cri_buf mods = {0};
                    char *hf = NULL;
                    size_t hl = 0;
                    for (k = b + 3; k < end; k++)
                        fold_word(c, k, &mods);
                    if (cr_fold(tptr(c, end), (size_t)tlen(c, end), &hf, &hl) == CR_OK) {
                        add_role(c, hf, hl, mods.data ? mods.data : "",
                                 mods.len, e);
                        free(hf);
                    }
                    cri_buf_free(&mods);
                    remember_mention(c, nm, e);
                }
            }
        }
    }
    return CR_OK;
}

/* Do modifier words of a mention (space-separated) all match a role's?
 * A word matches when one is a prefix of the other of at least 4 bytes
 * ("korea" / "korean", "russia" / "russian"). */
static int mods_match(const char *want, const char *have)
{
    return cri_words_in(want, have, 4);
}

/* --- speaker resolution ------------------------------------------------- */

typedef struct spk {
    size_t a, b;     /* mention tokens, inclusive */
    int found;
    int pronoun;
    int np;          /* a common-noun phrase ("the Russian leader") */
    size_t ent;      /* resolved entity or -1 */
    char *name;      /* resolved name when not an entity (owned) */
} spk;

/* Resolve a name mention [a, b] to an entity: exact key, else all words
 * inside one entity (the surname "Kim" inside "Kim Jong-Un"). Several
 * candidates: the one whose last word it is, if unique; else none. */
static void resolve_name(qctx *c, spk *s)
{
    size_t klen, i, best = (size_t)-1, nbest = 0, lastw = (size_t)-1, nlast = 0;
    char *key;
    size_t a = s->a, k;
    for (k = s->a; k < s->b; k++)
        if (tin(c, k, L_TITLES) || teq(c, k, "prime"))
            a = k + 1;
    while (a < s->b && c->t[a].kind == CR_TOK_PUNCT)
        a++;
    key = name_key(c, a, s->b, &klen);
    if (!key)
        return;
    s->ent = find_ent(c, key, klen);
    if (s->ent == (size_t)-1) {
        for (i = 0; i < c->nents; i++) {
            const char *w = key;
            int all = 1, last = 0;
            while (*w && all) {
                const char *we = strchr(w, ' ');
                size_t wl = we ? (size_t)(we - w) : strlen(w);
                int r = word_in(c->ents[i].key, c->ents[i].klen, w, wl);
                if (!r)
                    all = 0;
                if (r == 1)
                    last = 1;
                w = we ? we + 1 : w + wl;
            }
            if (all) {
                best = i;
                nbest++;
                if (last) {
                    lastw = i;
                    nlast++;
                }
            }
        }
        if (nbest == 1)
            s->ent = best;
        else if (nlast == 1)
            s->ent = lastw;
    }
    if (s->ent == (size_t)-1 && nbest == 0)
        s->name = name_text(c, a, s->b); /* a name of its own */
    free(key);
}

/* Resolve a noun phrase [a, b] ("the North Korean leader") through the
 * roles: same head (or both heads of state), matching modifiers, exactly
 * one entity. */
static void resolve_np(qctx *c, spk *s)
{
    size_t h = s->b, k, i, found = (size_t)-1;
    cri_buf mods = {0};
    char *hf = NULL;
    size_t hl = 0;
    int many = 0, generic;
    if (!is_word(c, h))
        return;
    for (k = s->a; k < h; k++)
        if (!tin(c, k, L_DETS))
            fold_word(c, k, &mods);
    if (!mods.len) { /* "the leader", "a spokesman": not specific */
        cri_buf_free(&mods);
        return;
    }
    if (cr_fold(tptr(c, h), (size_t)tlen(c, h), &hf, &hl) != CR_OK) {
        cri_buf_free(&mods);
        return;
    }
    if (hl > 2 && hf[hl - 2] == '\'' && hf[hl - 1] == 's')
        hf[hl -= 2] = '\0';
    generic = tin(c, h, L_LEADERS);
    for (i = 0; i < c->nroles; i++) {
        const struct role *r = &c->roles[i];
        int head_ok = strcmp(r->head, hf) == 0;
        if (!head_ok && generic) {
            const char *const *l;
            for (l = LEADERS; *l && !head_ok; l++)
                head_ok = strcmp(r->head, *l) == 0;
        }
        if (!head_ok || !mods_match(mods.data, r->mods))
            continue;
        if (found == (size_t)-1)
            found = r->ent;
        else if (found != r->ent)
            many = 1;
    }
    if (!many)
        s->ent = found;
    free(hf);
    cri_buf_free(&mods);
}

/* A pronoun: the last person before tok — a resolved speaker or a name
 * seen with a role. */
static void resolve_pronoun(qctx *c, spk *s, size_t tok)
{
    size_t i, best_tok = 0;
    size_t ent = (size_t)-1;
    if (!tin(c, s->a, L_PRONOUNS_SG))
        return;
    for (i = c->nments; i-- > 0 && c->nments - i <= 64;) {
        if (c->ments[i].tok < tok) {
            if (ent == (size_t)-1 || c->ments[i].tok > best_tok) {
                ent = c->ments[i].ent;
                best_tok = c->ments[i].tok;
            }
        }
    }
    s->ent = ent;
}

/* Parse a subject ending at token e (inclusive, going left). */
static int subject_back(qctx *c, size_t e, size_t lo, spk *s)
{
    size_t k = e, a;
    int skipped = 0;
    memset(s, 0, sizeof *s);
    s->ent = (size_t)-1;
    /* auxiliaries and -ly adverbs */
    while (k > lo && is_word(c, k) && !is_cap(c, k) && skipped < 3 &&
           (tin(c, k, L_AUX) ||
            (tlen(c, k) > 4 && tptr(c, k)[tlen(c, k) - 1] == 'y' &&
             tptr(c, k)[tlen(c, k) - 2] == 'l'))) {
        k--;
        skipped++;
    }
    if (k < lo || c->inq[k] || !is_word(c, k))
        return 0;
    if (tin(c, k, L_PRONOUNS) && !is_cap(c, k) ? 1 : (tin(c, k, L_PRONOUNS) && tlen(c, k) <= 4)) {
        s->a = s->b = k;
        s->pronoun = 1;
        s->found = 1;
        return 1;
    }
    if (teq(c, k, "who") && k >= lo + 2 && is_punct(c, k - 1, ",")) {
        k -= 2;
        if (!is_word(c, k))
            return 0;
    }
    if (is_cap(c, k) && !is_stop(c, k)) {
        a = k;
        for (;;) {
            if (a > lo + 1 && name_period(c, a - 1)) {
                a -= 2;
                continue;
            }
            if (a > lo && k - a < Q_NAME_MAX && !c->inq[a - 1] &&
                (is_cap(c, a - 1) ||
                 (tin(c, a - 1, L_PARTICLES) && a >= lo + 2 && is_cap(c, a - 2))) &&
                (!is_stop(c, a - 1) || (a >= lo + 1 && name_period(c, a))) &&
                !has_possessive(c, a - 1)) {
                a--;
                continue;
            }
            break;
        }
        /* "the House", "the New York Times": an organisation phrase */
        if (a > lo && tin(c, a - 1, L_DETS)) {
            s->a = a - 1;
            s->b = k;
            s->np = 1;
            s->found = 1;
            return 1;
        }
        s->a = a;
        s->b = k;
        s->found = 1;
        return 1;
    }
    if (is_stop(c, k) || tin(c, k, L_CUES) || is_cap(c, k))
        return 0;
    /* common noun phrase: back to a determiner within Q_NP_MAX words */
    a = k;
    while (a > lo && k - a < Q_NP_MAX && !c->inq[a - 1] &&
           (is_word(c, a - 1) || c->t[a - 1].kind == CR_TOK_NUMBER)) {
        if (tin(c, a - 1, L_DETS)) {
            a--;
            break;
        }
        if (tin(c, a - 1, L_CUES) || (is_stop(c, a - 1) &&
            !teq(c, a - 1, "of") && !teq(c, a - 1, "for") &&
            !teq(c, a - 1, "to") && !teq(c, a - 1, "in") &&
            !teq(c, a - 1, "at") && !teq(c, a - 1, "from")))
            break;
        a--;
    }
    while (a < k && (teq(c, a, "of") || teq(c, a, "for") || teq(c, a, "in") ||
                     teq(c, a, "to") || teq(c, a, "at") || teq(c, a, "from")))
        a++;
    s->a = a;
    s->b = k;
    s->np = 1;
    s->found = 1;
    return 1;
}

/* Parse a subject starting at token a (going right), up to hi (exclusive).
 * *next receives the token after it. */
static int subject_fwd(qctx *c, size_t a, size_t hi, spk *s, size_t *next)
{
    size_t k = a;
    memset(s, 0, sizeof *s);
    s->ent = (size_t)-1;
    if (a >= hi || !is_word(c, a) || c->inq[a])
        return 0;
    if (tin(c, a, L_PRONOUNS)) {
        s->a = s->b = a;
        s->pronoun = 1;
        s->found = 1;
        *next = a + 1;
        return 1;
    }
    if (is_cap(c, a) && !tin(c, a, L_DETS)) {
        size_t b = cap_span_end(c, a);
        if (b >= hi)
            b = hi - 1;
        while (b > a && is_stop(c, b))
            b--;
        if (is_stop(c, a) && b == a)
            return 0;
        s->a = a;
        s->b = b;
        s->found = 1;
        *next = b + 1;
        return 1;
    }
    if (!tin(c, a, L_DETS)) {
        /* a role before a name: coach Ann Lee said */
        for (k = a; k < hi && k < a + 3 && is_word(c, k) && !is_cap(c, k) &&
                    !is_stop(c, k) && !tin(c, k, L_CUES) && !tin(c, k, L_AUX);
             k++)
            ;
        if (k > a && k < hi && is_cap(c, k) && !is_stop(c, k)) {
            size_t b = cap_span_end(c, k);
            if (b >= hi)
                b = hi - 1;
            s->a = k;
            s->b = b;
            s->found = 1;
            *next = b + 1;
            return 1;
        }
        return 0;
    }
    k = a + 1;
    while (k < hi && k - a <= Q_NP_MAX && is_word(c, k) && !c->inq[k] &&
           !tin(c, k, L_CUES) && !tin(c, k, L_AUX) &&
           (!is_stop(c, k) || teq(c, k, "of")) &&
           !(tlen(c, k) > 4 && memcmp(tptr(c, k) + tlen(c, k) - 3, "ing", 3) == 0))
        k++;
    if (k == a + 1)
        return 0;
    while (k > a + 1 && teq(c, k - 1, "of"))
        k--;
    s->a = a;
    s->b = k - 1;
    s->np = 1;
    s->found = 1;
    *next = k;
    return 1;
}

static void resolve(qctx *c, spk *s, size_t at)
{
    if (!s->found)
        return;
    if (s->pronoun)
        resolve_pronoun(c, s, at);
    else if (s->np)
        resolve_np(c, s);
    else
        resolve_name(c, s);
}

static size_t attrib_after_core(qctx *c, size_t k, size_t close, spk *s,
                                size_t *cue);

/* The attribution after a quotation, from token k: [,] S cue | [,] cue S.
 * On success fills s and *cue and returns the last token used. */
static size_t attrib_after(qctx *c, size_t k, size_t close, spk *s,
                           size_t *cue)
{
    int after_period = close > 0 && c->t[close - 1].kind == CR_TOK_PUNCT &&
                       teq(c, close - 1, ".");
    if (k >= c->nt)
        return 0;
    if (is_punct(c, k, ",") || is_dash(c, k))
        k++;
    if (k >= c->nt || c->para[k] != c->para[close])
        return 0;
    /* a byline after a dash: "…" — Sonya Herridge */
    if (k > 0 && is_dash(c, k - 1) && is_cap(c, k) && !is_stop(c, k)) {
        size_t b = cap_span_end(c, k);
        if (b > k && (b + 1 >= c->nt || c->para[b + 1] != c->para[k] ||
                      memchr(c->text + c->t[b].end, '\n',
                             c->t[b + 1].start - c->t[b].end))) {
            memset(s, 0, sizeof *s);
            s->ent = (size_t)-1;
            s->a = k;
            s->b = b;
            s->found = 1;
            *cue = k - 1;
            return b;
        }
    }
    if (after_period && is_cap(c, k)) {
        /* a new sentence: only a bare "Smith said." attributes */
        size_t r = attrib_after_core(c, k, close, s, cue);
        if (r && (r + 1 >= c->nt || is_term(c, r + 1) ||
                  is_punct(c, r + 1, ",")))
            return r;
        return 0;
    }
    return attrib_after_core(c, k, close, s, cue);
}

static size_t attrib_after_core(qctx *c, size_t k, size_t close, spk *s,
                                size_t *cue)
{
    size_t hi, nx;
    hi = k + Q_NP_MAX + 4 < c->nt ? k + Q_NP_MAX + 4 : c->nt;
    if (is_cue(c, k)) {
        if (subject_fwd(c, k + 1, hi, s, &nx)) {
            *cue = k;
            return nx - 1;
        }
        return 0;
    }
    if (subject_fwd(c, k, hi, s, &nx)) {
        size_t j = nx;
        /* a parenthesis after the name: Jason Chaffetz (R-Utah) said */
        if (j < hi && is_punct(c, j, "(")) {
            size_t m = j + 1;
            while (m < c->nt && m < j + 8 && !is_punct(c, m, ")"))
                m++;
            if (m < c->nt && is_punct(c, m, ")"))
                j = m + 1;
        }
        /* apposition: "John Smith, a spokesman, said" */
        if (j < hi && is_punct(c, j, ",")) {
            size_t m = j + 1;
            int seg = 0;
            while (m < c->nt && m < j + 24 && c->t[m].kind != CR_TOK_QUOTE &&
                   !is_term(c, m)) {
                if (is_punct(c, m, ",")) {
                    if (m + 1 < c->nt && is_cue(c, m + 1)) {
                        j = m + 1;
                        break;
                    }
                    if (++seg >= 2)
                        break;
                }
                m++;
            }
        }
        while (j < c->nt && j < nx + 3 && is_word(c, j) && tin(c, j, L_AUX))
            j++;
        if (j < c->nt && is_cue(c, j)) {
            *cue = j;
            return j;
        }
    }
    /* otherwise the first reporting verb a few words on, its subject read
       backwards: IMF chief economist Maury Obstfeld said */
    {
        size_t j;
        for (j = k; j < c->nt && j < k + Q_NP_MAX + 3; j++) {
            if (c->t[j].kind == CR_TOK_QUOTE || is_term(c, j) ||
                is_punct(c, j, ";") || c->para[j] != c->para[close])
                break;
            if (is_cue(c, j)) {
                if (j > k && subject_back(c, j - 1, k, s)) {
                    *cue = j;
                    return j;
                }
                break;
            }
        }
    }
    return 0;
}

/* The attribution before an opening mark o: S cue [:|,] "Q",
 * according to S, "Q". */
static int attrib_before(qctx *c, size_t o, spk *s, size_t *cue)
{
    size_t k, lo = c->sent_first[c->sent[o]];
    if (o > 0 && o == lo && is_punct(c, o - 1, ":"))
        lo = c->sent_first[c->sent[o - 1]]; /* Smith said:¶"Q" */
    if (o == 0 || o <= lo)
        return 0;
    k = o - 1;
    if ((is_punct(c, k, ":") || is_punct(c, k, ",")) && k > lo)
        k--;
    if (is_cue(c, k) && k > lo) {
        if (subject_back(c, k - 1, lo, s)) {
            *cue = k;
            return 1;
        }
        /* "said Smith:" */
    }
    return 0;
}

/* The nearest reporting verb before token o in its sentence, outside
 * quotations, with a subject. */
static int attrib_sentence(qctx *c, size_t o, spk *s, size_t *cue)
{
    size_t lo = c->sent_first[c->sent[o]], k;
    if (o > lo + Q_SENT_LOOKBACK)
        lo = o - Q_SENT_LOOKBACK;
    for (k = o; k-- > lo;) {
        if (is_according(c, k)) {
            size_t nx;
            size_t hi = k + 2 + Q_NP_MAX < c->nt ? k + 2 + Q_NP_MAX : c->nt;
            if (subject_fwd(c, k + 2, hi, s, &nx)) {
                *cue = k;
                return 2;
            }
        }
        if (is_cue(c, k) && k > lo && subject_back(c, k - 1, lo, s)) {
            *cue = k;
            return 1;
        }
    }
    return 0;
}

/* Turn a resolved spk into the quote's fields. */
static cr_status set_speaker(qctx *c, cr_quote *q, spk *s, size_t cue,
                             int cue_len, double conf)
{
    q->has_speaker = 1;
    q->speaker.start = c->t[s->a].start;
    q->speaker.end = c->t[s->b].end;
    q->cue.start = c->t[cue].start;
    q->cue.end = c->t[cue + (size_t)cue_len - 1].end;
    q->confidence = conf;
    if (s->ent != (size_t)-1) {
        q->name = cri_strndup(c->ents[s->ent].canon, strlen(c->ents[s->ent].canon));
        if (!q->name)
            return CR_ENOMEM;
        if (!s->pronoun)
            remember_mention(c, s->a, s->ent);
    } else if (s->name) {
        q->name = s->name;
        s->name = NULL;
    } else {
        q->confidence = conf * 0.8;
    }
    free(s->name);
    s->name = NULL;
    return CR_OK;
}

static cr_status copy_speaker(cr_quote *q, const cr_quote *p)
{
    q->has_speaker = p->has_speaker;
    q->speaker = p->speaker;
    q->cue = p->cue;
    q->confidence = p->confidence;
    if (p->name) {
        q->name = cri_strndup(p->name, strlen(p->name));
        if (!q->name)
            return CR_ENOMEM;
    }
    return CR_OK;
}

/* --- passes 2 and 3: quotations ----------------------------------------- */

typedef struct piece { size_t o, e; int closed; } piece;

static uint32_t content_start(const qctx *c, size_t o)
{
    return c->t[o].end;
}

/* Is the quotation between tokens o and e (exclusive) a title or slogan:
 * 2 to Q_TITLE_MAX_WORDS words, every one capitalised except short
 * function words? */
static int title_like(const qctx *c, size_t o, size_t e)
{
    static const char *const MINOR[] = {
        "of", "the", "a", "an", "to", "for", "and", "in", "on", "at", "by",
        "with", "or", NULL
    };
    size_t j, words = 0, caps = 0;
    for (j = o + 1; j < e && j < c->nt; j++) {
        if (c->t[j].kind == CR_TOK_NUMBER)
            return 0;
        if (c->t[j].kind != CR_TOK_WORD)
            continue;
        words++;
        if (is_cap(c, j))
            caps++;
        else {
            const char *const *m;
            int minor = 0;
            for (m = MINOR; *m && !minor && j > o + 1; m++)
                minor = teq(c, j, *m);
            if (!minor)
                return 0;
        }
        if (words > Q_TITLE_MAX_WORDS)
            return 0;
    }
    return words >= 2 && caps >= 2;
}

static cr_status add_quotations(qctx *c)
{
    size_t i = 0;
    piece pc[64];
    while (i < c->nt) {
        size_t np = 0, words = 0, o, k, first_idx, j;
        int fam, kind, closed_all = 1, sentence_like, prev_ok;
        if (!is_open(c, i)) {
            i++;
            continue;
        }
        fam = qfam(c, i);
        /* collect pieces */
        o = i;
        for (;;) {
            size_t p = c->para[o], e = o + 1, close = (size_t)-1;
            int depth = 0;
            while (e < c->nt && c->para[e] == p) {
                if (is_close(c, e) && qfam(c, e) == fam) {
                    if (depth == 0) {
                        close = e;
                        break;
                    }
                    depth--;
                } else if (is_open(c, e) && qfam(c, e) == fam &&
                           tlen(c, e) > 1 && depth < 8) {
                    depth++; /* a curly mark nested in its own family */
                }
                e++;
            }
            if (close != (size_t)-1) {
                pc[np].o = o;
                pc[np].e = close;
                pc[np].closed = 1;
                np++;
                break;
            }
            pc[np].o = o;
            pc[np].e = e; /* first token of the next paragraph, or nt */
            pc[np].closed = 0;
            np++;
            if (e < c->nt && is_open(c, e) && qfam(c, e) == fam && np < 64) {
                o = e;
                continue;
            }
            closed_all = 0;
            break;
        }
        /* words inside */
        for (k = 0; k < np; k++)
            for (j = pc[k].o + 1; j < pc[k].e; j++) {
                c->inq[j] = 1;
                if (c->t[j].kind == CR_TOK_WORD || c->t[j].kind == CR_TOK_NUMBER)
                    words++;
            }
        for (k = 0; k < np; k++) {
            c->inq[pc[k].o] = 1;
            if (pc[k].closed)
                c->inq[pc[k].e] = 1;
        }
        i = pc[np - 1].closed ? pc[np - 1].e + 1 : pc[np - 1].e;
        if (words == 0 || c->mark_only)
            continue;
        /* kind */
        o = pc[0].o;
        {
            size_t sf = c->sent_first[c->sent[o]];
            prev_ok = o == 0 || o == sf || c->para[o - 1] != c->para[o] ||
                      memchr(c->text + c->t[o - 1].end, '\n',
                             c->t[o].start - c->t[o - 1].end) != NULL ||
                      is_punct(c, o - 1, ":") || is_punct(c, o - 1, ",") ||
                      is_punct(c, o - 1, ";") || is_punct(c, o - 1, "(") ||
                      is_dash(c, o - 1) || is_term(c, o - 1) ||
                      is_cue(c, o - 1) || c->t[o - 1].kind == CR_TOK_QUOTE;
        }
        {
            size_t last = pc[0].closed ? pc[0].e - 1 : pc[0].e - 1;
            sentence_like = is_cap(c, o + 1) && last > o &&
                            (is_term(c, last) || is_punct(c, last, ","));
        }
        if (np > 1)
            kind = CR_QUOTE_STATEMENT;
        else if (title_like(c, pc[0].o, pc[0].e))
            kind = CR_QUOTE_FRAGMENT; /* "Doomed to Succeed," "Make America Great Again." */
        else if (!prev_ok)
            kind = CR_QUOTE_FRAGMENT;
        else if (words <= Q_FRAG_MAX_WORDS && !sentence_like)
            kind = CR_QUOTE_FRAGMENT;
        else
            kind = CR_QUOTE_STATEMENT;
        /* emit pieces */
        first_idx = c->nq;
        for (k = 0; k < np; k++) {
            cr_quote *q = push_quote(c);
            uint32_t s, e;
            if (!q)
                return CR_ENOMEM;
            s = content_start(c, pc[k].o);
            e = pc[k].closed ? c->t[pc[k].e].start : c->t[pc[k].e - 1].end;
            if (!pc[k].closed && pc[k].e - 1 == pc[k].o)
                e = s;
            while (s < e && (c->text[s] == ' ' || c->text[s] == '\n' ||
                             c->text[s] == '\t' || c->text[s] == '\r'))
                s++;
            while (e > s && (c->text[e - 1] == ' ' || c->text[e - 1] == '\n' ||
                             c->text[e - 1] == '\t' || c->text[e - 1] == '\r'))
                e--;
            q->start = s;
            q->end = e;
            q->kind = (uint8_t)kind;
            q->cont = k ? (int32_t)(c->nq - 2) : -1;
            q->confidence = closed_all ? 0.5 : 0.3;
        }
        /* attribution */
        if (c->pending_from != (size_t)-1 && c->pending_tok == o &&
            kind == CR_QUOTE_STATEMENT) {
            /* the second half of "…," he said, "…": same speaker */
            const cr_quote *p = &c->q[c->pending_from];
            c->q[first_idx].cont = (int32_t)c->pending_from;
            for (k = 0; k < np; k++) {
                cr_status st = copy_speaker(&c->q[first_idx + k], p);
                if (st != CR_OK)
                    return st;
            }
            c->pending_from = (size_t)-1;
            c->prev_q = first_idx;
            c->prev_para = c->para[pc[np - 1].o];
            continue;
        }
        {
            spk s;
            size_t cue = 0, last_used = 0;
            int found = 0, cl = 1;
            double conf = 0.9;
            memset(&s, 0, sizeof s);
            s.ent = (size_t)-1;
            if (kind == CR_QUOTE_FRAGMENT) {
                /* a term named by someone: what Moscow calls its "..." */
                size_t m = o, steps = 0;
                while (m > 0 && steps < 3 && is_word(c, m - 1) &&
                       (tin(c, m - 1, L_DETS) || teq(c, m - 1, "it") ||
                        teq(c, m - 1, "them") || teq(c, m - 1, "as"))) {
                    m--;
                    steps++;
                }
                if (m > 1 && is_word(c, m - 1) && tin(c, m - 1, L_NAMING) &&
                    c->sent[m - 1] == c->sent[o] &&
                    subject_back(c, m - 2, c->sent_first[c->sent[o]], &s)) {
                    cue = m - 1;
                    found = 1;
                    conf = 0.6;
                } else if ((cl = attrib_sentence(c, o, &s, &cue)) != 0) {
                    found = 1;
                    conf = 0.6;
                } else {
                    cl = 1;
                }
            } else {
                size_t close0 = pc[0].e;
                if (pc[0].closed &&
                    (last_used = attrib_after(c, close0 + 1, close0, &s, &cue))) {
                    found = 1;
                } else if (attrib_before(c, o, &s, &cue)) {
                    found = 1;
                } else if ((cl = attrib_sentence(c, o, &s, &cue)) != 0) {
                    found = 1;
                    conf = 0.75;
                } else {
                    cl = 1;
                    if (np > 1 && pc[np - 1].closed) {
                        size_t ce = pc[np - 1].e;
                        if ((last_used = attrib_after(c, ce + 1, ce, &s, &cue)))
                            found = 1;
                    }
                }
            }
            if (!closed_all)
                conf *= 0.5;
            if (found) {
                resolve(c, &s, o);
                for (k = 0; k < np; k++) {
                    cr_status st;
                    if (k > 0 && s.ent == (size_t)-1 && c->q[first_idx].name &&
                        !s.name) {
                        s.name = cri_strndup(c->q[first_idx].name,
                                             strlen(c->q[first_idx].name));
                        if (!s.name)
                            return CR_ENOMEM;
                    }
                    st = set_speaker(c, &c->q[first_idx + k], &s, cue, cl, conf);
                    if (st != CR_OK)
                        return st;
                }
            } else if (kind == CR_QUOTE_STATEMENT && c->prev_q != (size_t)-1 &&
                       c->q[c->prev_q].has_speaker &&
                       c->para[o] <= c->prev_para + Q_INHERIT_PARAS) {
                /* an unattributed quotation continues the last speaker */
                for (k = 0; k < np; k++) {
                    cr_status st = copy_speaker(&c->q[first_idx + k],
                                                &c->q[c->prev_q]);
                    if (st != CR_OK)
                        return st;
                    c->q[first_idx + k].confidence = 0.5;
                }
            }
            if (kind == CR_QUOTE_STATEMENT) {
                c->pending_from = (size_t)-1;
                if (found && last_used && np == 1 && last_used + 2 < c->nt &&
                    (is_punct(c, last_used + 1, ",") ||
                     is_punct(c, last_used + 1, ":")) &&
                    is_open(c, last_used + 2) &&
                    c->para[last_used + 2] == c->para[o]) {
                    c->pending_from = c->nq - 1;
                    c->pending_tok = last_used + 2;
                }
                c->prev_q = first_idx;
                c->prev_para = c->para[pc[np - 1].o];
            }
        }
    }
    return CR_OK;
}

/* --- pass 4: reported speech -------------------------------------------- */

static cr_status add_indirect(qctx *c)
{
    size_t k;
    for (k = 1; k + 1 < c->nt; k++) {
        size_t th = (size_t)-1, j, lo, last, sidx;
        spk s;
        cr_quote *q;
        uint32_t a, e;
        if (!is_cue(c, k))
            continue;
        sidx = c->sent[k];
        lo = c->sent_first[sidx];
        last = c->sent_last[sidx];
        if (k + 1 <= last && teq(c, k + 1, "that"))
            th = k + 1;
        else if (k + 2 <= last && tin(c, k + 1, L_PRONOUNS) &&
                 !is_cap(c, k + 1) && !teq(c, k + 1, "it") &&
                 !teq(c, k + 1, "you") && is_word(c, k + 2) &&
                 !is_cap(c, k + 2) &&
                 (tin(c, k + 2, L_AUX) || teq(c, k + 2, "would") ||
                  teq(c, k + 2, "are") || teq(c, k + 2, "were") ||
                  teq(c, k + 2, "wants") || teq(c, k + 2, "wanted") ||
                  teq(c, k + 2, "believed") || teq(c, k + 2, "believes") ||
                  teq(c, k + 2, "hoped") || teq(c, k + 2, "hopes") ||
                  teq(c, k + 2, "expected") || teq(c, k + 2, "expects") ||
                  teq(c, k + 2, "can") || teq(c, k + 2, "should")))
            th = k; /* "said he was confident": the clause starts at he */
        else if (teq(c, k, "told") || teq(c, k, "tells") || teq(c, k, "telling")) {
            for (j = k + 1; j <= last && j < k + 6; j++) {
                if (teq(c, j, "that") && !c->inq[j]) {
                    th = j;
                    break;
                }
                if (c->t[j].kind != CR_TOK_WORD)
                    break;
            }
        }
        if (th == (size_t)-1 || th >= last)
            continue;
        if (k <= lo || !subject_back(c, k - 1, lo, &s))
            continue;
        /* the clause: to the end of the sentence, or to a statement that
           opens inside it */
        if (last > th + Q_CLAUSE_MAX)
            last = th + Q_CLAUSE_MAX;
        for (j = th + 1; j <= last; j++)
            if (c->inq[j] && is_open(c, j) && j > th + 1 &&
                (is_punct(c, j - 1, ":") || is_punct(c, j - 1, ",")))
                break;
        j--;
        while (j > th && (is_term(c, j) || is_punct(c, j, ":") ||
                          is_punct(c, j, ",") ||
                          (c->t[j].kind == CR_TOK_QUOTE && is_close(c, j) &&
                           !is_open(c, j) && 0)))
            j--;
        if (j <= th)
            continue;
        a = c->t[th + 1].start;
        e = c->t[j].end;
        resolve(c, &s, k);
        q = push_quote(c);
        if (!q) {
            free(s.name);
            return CR_ENOMEM;
        }
        q->start = a;
        q->end = e;
        q->kind = CR_QUOTE_INDIRECT;
        {
            cr_status st = set_speaker(c, q, &s, k, 1, 0.7);
            if (st != CR_OK)
                return st;
        }
        k = j;
    }
    return CR_OK;
}

/* --- driver ------------------------------------------------------------- */

static int cmp_idx(const void *pa, const void *pb, const cr_quote *q)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    if (q[a].start != q[b].start)
        return q[a].start < q[b].start ? -1 : 1;
    if (q[a].end != q[b].end)
        return q[a].end < q[b].end ? -1 : 1;
    return a < b ? -1 : (a > b);
}

/* Insertion-merge sort of indices (quotations arrive in order, reported
 * speech in order: two sorted runs), stable, no global state. */
static void sort_idx(size_t *idx, size_t n, const cr_quote *q, size_t *tmp)
{
    size_t mid = 0, i, a, b, o = 0;
    for (i = 1; i < n && !mid; i++)
        if (cmp_idx(&idx[i - 1], &idx[i], q) > 0)
            mid = i;
    if (!mid)
        return;
    /* make sure both runs are sorted; fall back to insertion otherwise */
    for (i = mid + 1; i < n; i++)
        if (cmp_idx(&idx[i - 1], &idx[i], q) > 0) {
            size_t j;
            for (j = 1; j < n; j++) {
                size_t v = idx[j], m = j;
                while (m > 0 && cmp_idx(&idx[m - 1], &v, q) > 0) {
                    idx[m] = idx[m - 1];
                    m--;
                }
                idx[m] = v;
            }
            return;
        }
    a = 0;
    b = mid;
    while (a < mid || b < n) {
        if (b >= n || (a < mid && cmp_idx(&idx[a], &idx[b], q) <= 0))
            tmp[o++] = idx[a++];
        else
            tmp[o++] = idx[b++];
    }
    memcpy(idx, tmp, n * sizeof *idx);
}

void cr_quotes_free(cr_quote *q, size_t n)
{
    size_t i;
    if (!q)
        return;
    for (i = 0; i < n; i++)
        free(q[i].name);
    free(q);
}

cr_status cri_quotes_find(const cri_xtext *x, cr_quote **out, size_t *n)
{
    qctx c;
    const cr_span *sents, *paras;
    size_t ns, npara, i, si, pi;
    size_t *idx = NULL, *tmp = NULL, *inv = NULL;
    cr_quote *sorted = NULL;
    cr_status rc = CR_OK;

    *out = NULL;
    *n = 0;
    memset(&c, 0, sizeof c);
    c.prev_q = c.pending_from = (size_t)-1;
    if (x->nt == 0)
        return CR_OK;
    c.text = x->text;
    c.len = x->len;
    c.t = x->t;
    c.nt = x->nt;
    c.cls = x->qcls;
    sents = cr_doc_sentences(x->doc, &ns);
    paras = cr_doc_paragraphs(x->doc, &npara);
    c.para = malloc(c.nt * sizeof *c.para);
    c.sent = malloc(c.nt * sizeof *c.sent);
    c.sent_first = malloc((ns + c.nt + 1) * sizeof *c.sent_first);
    c.sent_last = malloc((ns + c.nt + 1) * sizeof *c.sent_last);
    c.inq = calloc(c.nt, 1);
    c.ents = malloc(Q_MAX_ENTS * sizeof *c.ents);
    if (!c.para || !c.sent || !c.sent_first || !c.sent_last || !c.inq ||
        !c.ents) {
        rc = CR_ENOMEM;
        goto done;
    }
    /* sentence and paragraph of each token; tokens between sentences (there
       should be none) get a sentence of their own */
    si = 0;
    pi = 0;
    c.nsent = 0;
    for (i = 0; i < c.nt; i++) {
        si = x->sent[i]; /* the first sentence not ending before it */
        while (pi < npara && paras[pi].end <= c.t[i].start)
            pi++;
        c.para[i] = (uint32_t)pi;
        {
            size_t sid = (si < ns && sents[si].start <= c.t[i].start) ? si : ns + i;
            if (i == 0 || sid != c.sent_key) {
                c.sent_first[c.nsent] = (uint32_t)i;
                c.nsent++;
                c.sent_key = sid;
            }
            c.sent[i] = (uint32_t)(c.nsent - 1);
            c.sent_last[c.nsent - 1] = (uint32_t)i;
        }
    }
    /* mark quoted tokens first: names (pass 1) are read outside quotations */
    c.mark_only = 1;
    rc = add_quotations(&c);
    if (rc != CR_OK)
        goto done;
    c.mark_only = 0;
    rc = scan_names(&c);
    if (rc != CR_OK)
        goto done;
    memset(c.inq, 0, c.nt);
    rc = add_quotations(&c);
    if (rc != CR_OK)
        goto done;
    rc = add_indirect(&c);
    if (rc != CR_OK)
        goto done;
    if (c.nq == 0)
        goto done;
    idx = malloc(c.nq * sizeof *idx);
    tmp = malloc(c.nq * sizeof *tmp);
    inv = malloc(c.nq * sizeof *inv);
    sorted = malloc(c.nq * sizeof *sorted);
    if (!idx || !tmp || !inv || !sorted) {
        rc = CR_ENOMEM;
        goto done;
    }
    for (i = 0; i < c.nq; i++)
        idx[i] = i;
    sort_idx(idx, c.nq, c.q, tmp);
    for (i = 0; i < c.nq; i++)
        inv[idx[i]] = i;
    for (i = 0; i < c.nq; i++) {
        sorted[i] = c.q[idx[i]];
        if (sorted[i].cont >= 0)
            sorted[i].cont = (int32_t)inv[sorted[i].cont];
    }
    free(c.q);
    c.q = NULL;
    *out = sorted;
    *n = c.nq;
    sorted = NULL;
    c.nq = 0;
done:
    free(idx);
    free(tmp);
    free(inv);
    free(sorted);
    cr_quotes_free(c.q, c.nq);
    for (i = 0; i < c.nents; i++) {
        free(c.ents[i].key);
        free(c.ents[i].canon);
    }
    free(c.ents);
    for (i = 0; i < c.nroles; i++) {
        free(c.roles[i].head);
        free(c.roles[i].mods);
    }
    free(c.roles);
    free(c.ments);
    free(c.para);
    free(c.sent);
    free(c.sent_first);
    free(c.sent_last);
    free(c.inq);
    return rc;
}

cr_status cr_extract_quotes(const char *text, size_t len, const cr_doc *doc,
                            const cr_limits *lim, cr_quote **out, size_t *n)
{
    cri_xtext x;
    cr_status rc;
    if (!out || !n || (!text && len))
        return CR_EINVAL;
    *out = NULL;
    *n = 0;
    rc = cri_xtext_init(&x, text, len, doc, lim);
    if (rc == CR_OK)
        rc = cri_quotes_find(&x, out, n);
    cri_xtext_free(&x);
    return rc;
}
