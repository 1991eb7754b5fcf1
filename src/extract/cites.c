/*
 * cites.c — the sources an article cites (cr_extract_cites): news agencies
 * and outlets, officials and governments, anonymous sources, named people
 * and organisations given as sources, and picture or reporting credits,
 * with who relays whom.
 *
 * One pass over the tokens looks for cues, each with a noun phrase read
 * from it (bounded windows):
 *
 *  - a reporting verb with its subject before it ("the TASS news agency
 *    said", "Washington believes") or, after a comma, after it ("...,
 *    said Reuters");
 *  - "according to S", and chains: "citing S" / "quoting S" (S is relayed
 *    by the main source of the sentence), "X told AGENCY" (X relayed by
 *    the agency), "AGENCY quoted X as saying";
 *  - credits: "(Reuters)", "(AP Photo/...)", "Photo: AFP", "— AFP" at the
 *    end of a line, "Reporting by A and B; Editing by C", "© Reuters".
 *
 * A noun phrase is classified through the entity set of the article (a
 * gazetteer agency or outlet, a person, a government body or a place named
 * as a government, another organisation) and its head word (agencies,
 * officials, sources, ...). People who are only quoted ("Kim said") are the
 * quotation stage's speakers, not cites. docs/ALGORITHMS.md ("Cited
 * sources") explains each rule; tunables are in extract.h.
 */
#include "extract/extract.h"
#include "util/util.h"

#include <stdlib.h>
#include <string.h>

#define NONE ((size_t)-1)

typedef struct cctx {
    cri_xtext x;
    const cr_entity_set *es;
    cr_cite *c;
    size_t nc, cap;
    uint32_t *sent_of;     /* sentence of each cite (for chains) */
    size_t capsent;
    uint8_t *chain;        /* 1 for a cite made by "citing"/"quoting" */
    size_t capchain;
    size_t *tok_of;        /* first token of each cite */
    size_t captok;
    int own_entities;      /* cite->entity is reported as -1 */
} cctx;

static int is_word(const cctx *c, size_t i) { return (c->x.cls[i] & XT_WORD) != 0; }
static int has(const cctx *c, size_t i, uint32_t f) { return (c->x.cls[i] & f) != 0; }
static int tok_is(const cctx *c, size_t i, const char *w) { return cri_xtext_is(&c->x, i, w); }

static int is_punct(const cctx *c, size_t i, const char *p)
{
    return c->x.t[i].kind == CR_TOK_PUNCT && tok_is(c, i, p);
}

static int is_dash(const cctx *c, size_t i)
{
    return c->x.t[i].kind == CR_TOK_PUNCT &&
           (tok_is(c, i, "-") || tok_is(c, i, "--") ||
            tok_is(c, i, "\xE2\x80\x94") || tok_is(c, i, "\xE2\x80\x93") ||
            tok_is(c, i, "\xE2\x80\x95"));
}

/* A period that belongs to an abbreviation in a name ("Mr.", "E."). */
static int name_dot(const cctx *c, size_t i)
{
    return i > 0 && is_punct(c, i, ".") &&
           c->x.t[i].start == c->x.t[i - 1].end &&
           (has(c, i - 1, LX_HON) || c->x.t[i - 1].end - c->x.t[i - 1].start == 1);
}

/* --- noun phrases -------------------------------------------------------- */

typedef struct np {
    size_t d, a, b;   /* determiner (or a), first and last token */
} np;

/* May token k stand inside a source phrase? */
static int np_word(const cctx *c, size_t k)
{
    if (!is_word(c, k))
        return 0;
    if (has(c, k, XT_CAP))
        return !has(c, k, LX_STOP | LX_PRONOUN | LX_MONTH) ||
               has(c, k, XT_UPPER);
    return !has(c, k, LX_STOP | LX_CUE | LX_AUX | LX_CHAIN | LX_PRONOUN);
}

static int np_link(const cctx *c, size_t k)
{
    return tok_is(c, k, "of") || tok_is(c, k, "for") || tok_is(c, k, "from");
}

/* Is token k a preposition that makes what follows a place or time, not a
 * subject ("in Paris", "to Moscow")? */
static int locative(const cctx *c, size_t k)
{
    static const char *const P[] = {"in", "at", "from", "to", "of", "for",
                                    "near", "across", "into", "on", "over",
                                    "via", "with", "by", NULL};
    const char *const *w;
    for (w = P; *w; w++)
        if (tok_is(c, k, *w))
            return 1;
    return 0;
}

/* The phrase ending at token e, read backwards within its sentence. */
static int np_back(const cctx *c, size_t e, np *p)
{
    size_t k = e, n = 1;
    if (!np_word(c, e))
        return 0;
    p->b = e;
    while (k > 0 && n < CRI_NP_MAX && c->x.sent[k - 1] == c->x.sent[e] &&
           !has(c, k, XT_NLBEFORE)) {
        size_t j = k - 1;
        if (np_word(c, j)) {
            k = j;
            n++;
        } else if (name_dot(c, j) && j > 0) {
            k = j - 1;
        } else if (np_link(c, j) && j > 0 && np_word(c, j - 1) &&
                   c->x.sent[j - 1] == c->x.sent[e]) {
            k = j - 1;
            n++;
        } else if (tok_is(c, j, "the") && j > 0 && np_link(c, j - 1) &&
                   j > 1 && np_word(c, j - 2)) {
            k = j - 2; /* "a spokesman for the ministry" */
            n++;
        } else {
            break;
        }
    }
    p->a = p->d = k;
    if (k > 0 && is_word(c, k - 1) && has(c, k - 1, LX_DET) &&
        c->x.sent[k - 1] == c->x.sent[e])
        p->d = k - 1;
    return 1;
}

/* The phrase starting at token a, read forwards within its sentence. */
static int np_fwd(const cctx *c, size_t a, np *p)
{
    size_t k, n = 0;
    if (a >= c->x.nt)
        return 0;
    p->d = a;
    if (is_word(c, a) && has(c, a, LX_DET) && !has(c, a, XT_UPPER))
        a++;
    if (a >= c->x.nt || !np_word(c, a) || c->x.sent[a] != c->x.sent[p->d])
        return 0;
    p->a = p->b = a;
    for (k = a; k < c->x.nt && n < CRI_NP_MAX && c->x.sent[k] == c->x.sent[a];) {
        if (k > a && has(c, k, XT_NLBEFORE))
            break;
        if (np_word(c, k)) {
            p->b = k++;
            n++;
        } else if (name_dot(c, k) && k + 1 < c->x.nt && np_word(c, k + 1)) {
            k++;
        } else if ((np_link(c, k) ||
                    (has(c, a, LX_ANON | LX_OFFICIAL) &&
                     (tok_is(c, k, "with") || tok_is(c, k, "to") ||
                      tok_is(c, k, "in")))) &&
                   k + 1 < c->x.nt) {
            size_t j = k + 1;
            if (tok_is(c, j, "the") && j + 1 < c->x.nt)
                j++;
            if (!np_word(c, j) || c->x.sent[j] != c->x.sent[a])
                break;
            k = j;
        } else {
            break;
        }
        if (has(c, p->b, XT_POSS))
            break;
    }
    return 1;
}

/* --- classification ------------------------------------------------------ */

/* The mentions that lie inside [s, e): indexes [*lo, *hi). */
static void mentions_in(const cctx *c, uint32_t s, uint32_t e, size_t *lo,
                        size_t *hi)
{
    size_t l = 0, h = c->es->n_mentions;
    while (l < h) {
        size_t m = l + (h - l) / 2;
        if (c->es->mentions[m].start < s)
            l = m + 1;
        else
            h = m;
    }
    *lo = l;
    while (l < c->es->n_mentions && c->es->mentions[l].start < e)
        l++;
    *hi = l;
}

typedef struct src {
    uint8_t kind;
    int32_t entity;
    const char *name;   /* borrowed: an entity name, or NULL for the
                           phrase itself */
    double conf;
} src;

/* Does the phrase hold a word with class f? */
static int np_has(const cctx *c, const np *p, uint32_t f)
{
    size_t k;
    for (k = p->a; k <= p->b; k++)
        if (is_word(c, k) && has(c, k, f))
            return 1;
    return 0;
}

static int np_has_word(const cctx *c, const np *p, const char *w)
{
    size_t k;
    for (k = p->a; k <= p->b; k++)
        if (tok_is(c, k, w))
            return 1;
    return 0;
}

/* Does a role text ("Kremlin spokesperson") hold a word of class f? */
static int role_has(const char *role, uint32_t f)
{
    char w[24];
    const char *p = role;
    while (*p) {
        size_t n = 0;
        while (p[n] && p[n] != ' ')
            n++;
        if (n < sizeof w) {
            size_t k;
            for (k = 0; k < n; k++)
                w[k] = (p[k] >= 'A' && p[k] <= 'Z') ? (char)(p[k] + 32) : p[k];
            if (cri_lex_lookup(w, n) & f)
                return 1;
        }
        p += n;
        while (*p == ' ')
            p++;
    }
    return 0;
}

/* Does the mention x end in a word of government ("Ministry")? */
static int official_name(const cctx *c, const cr_mention *x)
{
    size_t lo = 0, hi = c->x.nt;
    while (lo < hi) { /* the token that ends the mention */
        size_t m = lo + (hi - lo) / 2;
        if (c->x.t[m].end < x->end)
            lo = m + 1;
        else
            hi = m;
    }
    return lo < c->x.nt && has(c, lo, LX_OFFICIAL);
}

/* What kind of source the phrase p names; 0 when it names none. People
 * count only when `person` (a cue that names a source: "according to",
 * "citing"), except spokespeople and officials. */
static int classify(const cctx *c, const np *p, int person, src *out)
{
    size_t lo, hi, m;
    uint32_t head_end = cri_xtext_end_noposs(&c->x, p->b);
    const cr_mention *head = NULL, *last = NULL;
    int32_t media = -1;
    memset(out, 0, sizeof *out);
    out->entity = -1;
    mentions_in(c, c->x.t[p->d].start, c->x.t[p->b].end, &lo, &hi);
    for (m = lo; m < hi; m++) {
        const cr_mention *x = &c->es->mentions[m];
        const cr_entity *e;
        if (x->end > c->x.t[p->b].end || x->entity >= c->es->n_entities)
            continue;
        e = &c->es->entities[x->entity];
        if (e->cls == CR_ENTC_AGENCY || e->cls == CR_ENTC_OUTLET)
            media = (int32_t)x->entity;
        if (x->end == head_end && (!head || x->start < head->start))
            head = x; /* the longest mention that ends the phrase */
        if (!last || x->end > last->end ||
            (x->end == last->end && x->start < last->start))
            last = x;
    }
    if (media >= 0) {
        const cr_entity *e = &c->es->entities[media];
        out->kind = e->cls == CR_ENTC_AGENCY ? CR_CITE_AGENCY : CR_CITE_OUTLET;
        out->entity = media;
        out->name = e->name;
        out->conf = 0.9;
        return 1;
    }
    if (!head && is_word(c, p->b) && has(c, p->b, LX_DATA) && last) {
        head = last; /* "a Defence Ministry statement": the ministry */
    }
    if (head) {
        const cr_entity *e = &c->es->entities[head->entity];
        out->entity = (int32_t)head->entity;
        out->name = e->name;
        if (e->type == CR_ENT_PERSON) {
            /* a spokesperson speaks for an institution: a source even
               where others would only be quoted */
            int spokes = np_has(c, p, LX_SPOKES | LX_OFFICIAL) ||
                         (e->role && role_has(e->role, LX_SPOKES));
            int office = spokes || np_has(c, p, LX_GOVTITLE) ||
                         (e->role && role_has(e->role, LX_GOVTITLE));
            if (!spokes && !person)
                return 0;
            out->kind = office ? CR_CITE_OFFICIAL : CR_CITE_PERSON;
            out->conf = 0.85;
            return 1;
        }
        if (e->cls == CR_ENTC_GOVERNMENT || e->cls == CR_ENTC_INTERNATIONAL ||
            e->cls == CR_ENTC_COUNTRY || e->cls == CR_ENTC_CITY) {
            if (head->how == CR_MENTION_DEMONYM)
                goto by_head; /* "Russian officials": the head decides */
            if (e->cls != CR_ENTC_GOVERNMENT && e->cls != CR_ENTC_INTERNATIONAL &&
                (head->start != c->x.t[p->a].start ||
                 (p->a > 0 && locative(c, p->a - 1))))
                return 0; /* a place, not a government: "media in Paris" */
            out->kind = CR_CITE_OFFICIAL; /* "Washington believes" */
            out->conf = 0.8;
            return 1;
        }
        /* another organisation, official when its name ends in a word of
           government ("Defence Ministry"); a name of unknown kind
           ("Novartis", "Trump") is not guessed to be one */
        if (e->type == CR_ENT_ORG) {
            out->kind = official_name(c, head) ? CR_CITE_OFFICIAL : CR_CITE_ORG;
            out->conf = 0.6;
            return 1;
        }
        return 0;
    }
by_head:
    out->entity = -1;
    out->name = NULL;
    if (!is_word(c, p->b) || (has(c, p->b, XT_CAP) && !has(c, p->b, XT_INITIAL)))
        return 0;
    if (p->b > p->a && is_word(c, p->a) && has(c, p->a, LX_ANON) &&
        !has(c, p->b, LX_ANON | LX_MEDIA | LX_OFFICIAL)) {
        out->kind = CR_CITE_ANONYMOUS; /* "people familiar with the talks" */
        out->conf = 0.7;
        return 1;
    }
    if (has(c, p->b, LX_ANON)) {
        out->kind = CR_CITE_ANONYMOUS;
        out->conf = 0.7;
        return 1;
    }
    if (has(c, p->b, LX_MEDIA) && p->a == p->b && p->d < p->a &&
        tok_is(c, p->d, "the") &&
        (tok_is(c, p->b, "agency") || tok_is(c, p->b, "newspaper") ||
         tok_is(c, p->b, "paper") || tok_is(c, p->b, "broadcaster") ||
         tok_is(c, p->b, "channel") || tok_is(c, p->b, "outlet"))) {
        /* "the agency said": the agency (or outlet) named last */
        uint8_t want = tok_is(c, p->b, "agency") ? CR_CITE_AGENCY : CR_CITE_OUTLET;
        size_t k = c->nc;
        while (k-- > 0)
            if (c->c[k].kind == want) {
                out->kind = want;
                out->name = c->c[k].name;
                out->entity = c->c[k].entity;
                out->conf = 0.7;
                return 1;
            }
        return 0; /* none named before: not guessed */
    }
    if (has(c, p->b, LX_MEDIA)) {
        int news = np_has_word(c, p, "news") || np_has_word(c, p, "press") ||
                   np_has_word(c, p, "wire") || np_has_word(c, p, "state");
        if (tok_is(c, p->b, "agency") || tok_is(c, p->b, "agencies"))
            out->kind = news ? CR_CITE_AGENCY : CR_CITE_OFFICIAL;
        else
            out->kind = CR_CITE_OUTLET;
        out->conf = 0.7;
        return 1;
    }
    if (has(c, p->b, LX_OFFICIAL)) {
        out->kind = CR_CITE_OFFICIAL;
        out->conf = 0.7;
        return 1;
    }
    return 0;
}

/* --- output -------------------------------------------------------------- */

static int push(cctx *c, uint32_t s, uint32_t e, const src *w, uint32_t cs,
                uint32_t ce, size_t tok, int chain)
{
    cr_cite *x;
    if (c->nc >= CRI_CITE_MAX)
        return 0;
    if (cri_grow((void **)&c->c, &c->cap, c->nc + 1, sizeof *c->c) ||
        cri_grow((void **)&c->sent_of, &c->capsent, c->nc + 1, sizeof *c->sent_of) ||
        cri_grow((void **)&c->chain, &c->capchain, c->nc + 1, sizeof *c->chain) ||
        cri_grow((void **)&c->tok_of, &c->captok, c->nc + 1, sizeof *c->tok_of))
        return -1;
    x = &c->c[c->nc];
    memset(x, 0, sizeof *x);
    x->start = s;
    x->end = e;
    x->kind = w->kind;
    x->cue.start = cs;
    x->cue.end = ce;
    x->cited_by = -1;
    x->entity = c->own_entities ? -1 : w->entity;
    x->confidence = w->conf;
    x->name = w->name ? cri_strndup(w->name, strlen(w->name))
                      : cri_strndup(c->x.text + s, e - s);
    if (!x->name)
        return -1;
    c->sent_of[c->nc] = c->x.sent[tok];
    c->chain[c->nc] = (uint8_t)chain;
    c->tok_of[c->nc] = tok;
    c->nc++;
    return 0;
}

/* A cite for phrase p; returns its index, NONE when p names no source, or
 * -2 cast on OOM (see add_np_rc). */
static int add_np(cctx *c, const np *p, const src *w, size_t cue_a,
                  size_t cue_b, int chain, size_t *idx)
{
    size_t before = c->nc;
    if (push(c, c->x.t[p->a].start, cri_xtext_end_noposs(&c->x, p->b), w,
             c->x.t[cue_a].start, c->x.t[cue_b].end, p->a, chain))
        return -1;
    *idx = c->nc > before ? before : NONE;
    return 0;
}

/* --- the cues ------------------------------------------------------------ */

/* "citing S", "quoting S", "according to S" at token i (cue tokens [i, j]). */
static int cue_forward(cctx *c, size_t i, size_t j, int chain)
{
    np p;
    src w;
    size_t idx;
    if (!np_fwd(c, j + 1, &p))
        return 0;
    if (is_word(c, p.a) && has(c, p.a, LX_DATA) && !has(c, p.a, XT_CAP)) {
        /* "according to figures from the Office for National Statistics" */
        size_t k;
        for (k = p.a + 1; k <= p.b; k++)
            if (tok_is(c, k, "from") || tok_is(c, k, "by") || tok_is(c, k, "of")) {
                np q;
                if (np_fwd(c, k + 1, &q) && q.b <= p.b) {
                    p = q;
                    break;
                }
            }
    }
    if (!classify(c, &p, 1, &w))
        return 0;
    return add_np(c, &p, &w, i, j, chain, &idx);
}

/* A reporting verb at token v: its subject before it, or after it when the
 * verb follows a comma or a closing quote ("..., said Reuters"). */
static int cue_verb(cctx *c, size_t v)
{
    size_t e = v, n = 0, idx = NONE;
    np p;
    src w;
    while (e > 0 && n < 3 && is_word(c, e - 1) && has(c, e - 1, LX_AUX) &&
           !has(c, e - 1, XT_CAP)) {
        e--;
        n++;
    }
    if (e > 0 && c->x.sent[e - 1] == c->x.sent[v] && np_back(c, e - 1, &p)) {
        if (classify(c, &p, 0, &w) && add_np(c, &p, &w, v, v, 0, &idx))
            return -1;
    } else if (has(c, v, LX_AFTER) && v > 0 &&
               (is_punct(c, v - 1, ",") || c->x.t[v - 1].kind == CR_TOK_QUOTE) &&
               np_fwd(c, v + 1, &p)) {
        if (classify(c, &p, 0, &w) && add_np(c, &p, &w, v, v, 0, &idx))
            return -1;
        return 0;
    }
    /* "X told TASS": X is relayed by the agency; "TASS quoted X as saying" */
    if ((tok_is(c, v, "told") || tok_is(c, v, "tells") || tok_is(c, v, "quoted")) &&
        np_fwd(c, v + 1, &p)) {
        src f;
        size_t fi;
        int fwd_media;
        if (!classify(c, &p, 1, &f))
            return 0;
        fwd_media = f.kind == CR_CITE_AGENCY || f.kind == CR_CITE_OUTLET;
        if (tok_is(c, v, "quoted") ? idx == NONE : !fwd_media)
            return 0;
        if (add_np(c, &p, &f, v, v, 0, &fi))
            return -1;
        if (fi == NONE)
            return 0;
        if (tok_is(c, v, "quoted")) {
            c->c[fi].cited_by = (int32_t)idx;
        } else {
            /* the subject, as a person too */
            np s;
            src sw;
            if (e > 0 && np_back(c, e - 1, &s) && classify(c, &s, 1, &sw)) {
                size_t si;
                if (idx != NONE) {
                    c->c[idx].cited_by = (int32_t)fi;
                } else {
                    if (add_np(c, &s, &sw, v, v, 0, &si))
                        return -1;
                    if (si != NONE)
                        c->c[si].cited_by = (int32_t)fi;
                }
            }
        }
    }
    return 0;
}

static int credit_src(cctx *c, const cr_mention *x, size_t tok, uint32_t cs,
                      uint32_t ce)
{
    src w;
    const cr_entity *e = &c->es->entities[x->entity];
    w.kind = CR_CITE_CREDIT;
    w.entity = (int32_t)x->entity;
    w.name = e->name;
    w.conf = 0.9;
    return push(c, x->start, x->end, &w, cs, ce, tok, 0);
}

/* The agency or outlet mention that starts at token k, or NULL. */
static const cr_mention *media_at(const cctx *c, size_t k)
{
    size_t lo, hi, m;
    mentions_in(c, c->x.t[k].start, c->x.t[k].end, &lo, &hi);
    for (m = lo; m < hi; m++) {
        const cr_entity *e;
        if (c->es->mentions[m].entity >= c->es->n_entities ||
            c->es->mentions[m].end > c->x.len)
            continue;
        e = &c->es->entities[c->es->mentions[m].entity];
        if (e->cls == CR_ENTC_AGENCY || e->cls == CR_ENTC_OUTLET)
            return &c->es->mentions[m];
    }
    return NULL;
}

/* The token after the mention x that starts at token k. */
static size_t after_mention(const cctx *c, const cr_mention *x, size_t k)
{
    while (k < c->x.nt && c->x.t[k].start < x->end)
        k++;
    return k;
}

/* "(Reuters)", "(AP Photo/Jane Doe)", "(Photo: AFP)" at the "(" token i:
 * every word inside is a news organisation, a credit word, or after a
 * slash (a photographer's name). */
static int credit_paren(cctx *c, size_t i)
{
    size_t k = i + 1, close = NONE, nmedia = 0;
    int slash = 0;
    for (; k < c->x.nt && k < i + 12; k++) {
        if (is_punct(c, k, ")")) {
            close = k;
            break;
        }
        if (is_punct(c, k, "/") || is_punct(c, k, ":") || is_punct(c, k, ",")) {
            slash |= is_punct(c, k, "/");
            continue;
        }
        if (!is_word(c, k))
            return 0;
        {
            const cr_mention *x = media_at(c, k);
            if (x) {
                nmedia++;
                k = after_mention(c, x, k) - 1;
                continue;
            }
        }
        if (!has(c, k, LX_CREDIT) && !tok_is(c, k, "file") &&
            !tok_is(c, k, "pool") && !slash)
            return 0;
    }
    if (close == NONE || !nmedia)
        return 0;
    for (k = i + 1; k < close; k++) {
        const cr_mention *x = is_word(c, k) ? media_at(c, k) : NULL;
        if (!x)
            continue;
        if (credit_src(c, x, k, c->x.t[i].start, c->x.t[close].end))
            return -1;
        k = after_mention(c, x, k) - 1;
    }
    return 0;
}

/* Names after a credit cue: news organisations, or runs of capitalised
 * words (people), separated by commas, "and", "/", up to ";" or the end of
 * the line; "in Moscow" after a name is skipped. */
static int credit_names(cctx *c, size_t k, uint32_t cs, uint32_t ce)
{
    size_t n = 0;
    while (k < c->x.nt && n < 8) {
        const cr_mention *x;
        if (k > 0 && has(c, k, XT_NLBEFORE) && n)
            break;
        if (is_punct(c, k, ",") || is_punct(c, k, "/") || tok_is(c, k, "and")) {
            k++;
            continue;
        }
        if (tok_is(c, k, "in") && k + 1 < c->x.nt && has(c, k + 1, XT_CAP)) {
            k += 2;
            while (k < c->x.nt && has(c, k, XT_CAP) && !has(c, k, XT_NLBEFORE))
                k++;
            continue;
        }
        if (!is_word(c, k) || !has(c, k, XT_CAP))
            break;
        if ((x = media_at(c, k)) != NULL) {
            if (credit_src(c, x, k, cs, ce))
                return -1;
            k = after_mention(c, x, k);
        } else {
            size_t a = k;
            src w;
            while (k + 1 < c->x.nt && !has(c, k + 1, XT_NLBEFORE) &&
                   ((is_word(c, k + 1) && has(c, k + 1, XT_CAP)) ||
                    name_dot(c, k + 1)))
                k++;
            w.kind = CR_CITE_CREDIT;
            w.entity = -1;
            w.name = NULL;
            w.conf = 0.7;
            if (push(c, c->x.t[a].start, cri_xtext_end_noposs(&c->x, k), &w,
                     cs, ce, a, 0))
                return -1;
            k++;
        }
        n++;
    }
    return 0;
}

/* The words pass() compares by spelling: added to the token view's word
 * table (CRI_C_SPELLED), so that a word that is none of them and of no
 * lexicon class the pass reads is skipped with one test. */
void cri_cite_words(cri_w16_ent *tab, unsigned bits)
{
    static const char *const SPELLED[] = {
        "according", "reporting", "writing", "editing", "compiled",
        "produced", "copyright", NULL};
    const char *const *w;
    for (w = SPELLED; *w; w++)
        cri_w16_add(tab, bits, *w, (uint64_t)CRI_C_SPELLED << CRI_WM_SHIFT);
}

static int pass(cctx *c)
{
    size_t i;
    for (i = 0; i < c->x.nt; i++) {
        int r = 0;
        if (is_word(c, i)) {
            if (!(c->x.lists[i] & CRI_C_SPELLED) &&
                !has(c, i, LX_CHAIN | LX_CUE | LX_CREDIT))
                continue;
            if (tok_is(c, i, "according") && i + 1 < c->x.nt &&
                tok_is(c, i + 1, "to")) {
                r = cue_forward(c, i, i + 1, 0);
            } else if (has(c, i, LX_CHAIN)) {
                r = cue_forward(c, i, i, 1);
            } else if (has(c, i, LX_CUE) && !has(c, i, XT_CAP)) {
                r = cue_verb(c, i);
            } else if (has(c, i, LX_CREDIT) && has(c, i, XT_CAP) &&
                       i + 1 < c->x.nt && is_punct(c, i + 1, ":") &&
                       (!i || !is_punct(c, i - 1, "("))) {
                /* "Photo: Reuters" */
                r = credit_names(c, i + 2, c->x.t[i].start, c->x.t[i + 1].end);
            } else if ((tok_is(c, i, "reporting") || tok_is(c, i, "writing") ||
                        tok_is(c, i, "editing") || tok_is(c, i, "compiled") ||
                        tok_is(c, i, "produced")) &&
                       i + 1 < c->x.nt && tok_is(c, i + 1, "by") &&
                       (has(c, i, XT_CAP) || (i > 0 && tok_is(c, i - 1, "additional")))) {
                r = credit_names(c, i + 2, c->x.t[i].start, c->x.t[i + 1].end);
            } else if (tok_is(c, i, "copyright") && has(c, i, XT_CAP)) {
                size_t k = i + 1;
                if (k < c->x.nt && c->x.t[k].kind == CR_TOK_NUMBER)
                    k++;
                if (k < c->x.nt && media_at(c, k))
                    r = credit_names(c, k, c->x.t[i].start, c->x.t[i].end);
            }
        } else if (is_punct(c, i, "(")) {
            r = credit_paren(c, i);
        } else if (is_dash(c, i) && i + 1 < c->x.nt) {
            /* "— AFP" ending a line */
            const cr_mention *x = is_word(c, i + 1) ? media_at(c, i + 1) : NULL;
            if (x) {
                size_t after = after_mention(c, x, i + 1);
                if (after >= c->x.nt || has(c, after, XT_NLBEFORE))
                    r = credit_src(c, x, i + 1, c->x.t[i].start, c->x.t[i].end);
            }
        } else if (c->x.t[i].kind == CR_TOK_SYMBOL && tok_is(c, i, "\xC2\xA9") &&
                   i + 1 < c->x.nt) {
            size_t k = i + 1;
            if (c->x.t[k].kind == CR_TOK_NUMBER && k + 1 < c->x.nt)
                k++;
            if (media_at(c, k))
                r = credit_names(c, k, c->x.t[i].start, c->x.t[i].end);
        }
        if (r)
            return -1;
    }
    return 0;
}

/* A source cited through "citing"/"quoting" is relayed by the nearest
 * other source of its sentence that is not a credit. */
static void link_chains(cctx *c)
{
    size_t i, j;
    for (i = 0; i < c->nc; i++) {
        size_t best = NONE, dist = 0;
        if (!c->chain[i] || c->c[i].cited_by >= 0)
            continue;
        for (j = 0; j < c->nc; j++) {
            size_t d;
            if (j == i || c->chain[j] || c->sent_of[j] != c->sent_of[i] ||
                c->c[j].kind == CR_CITE_CREDIT)
                continue;
            d = c->tok_of[j] > c->tok_of[i] ? c->tok_of[j] - c->tok_of[i]
                                            : c->tok_of[i] - c->tok_of[j];
            if (best == NONE || d < dist) {
                best = j;
                dist = d;
            }
        }
        if (best != NONE)
            c->c[i].cited_by = (int32_t)best;
    }
}

static int cmp_idx_start(const void *pa, const void *pb, const cr_cite *c)
{
    size_t a = *(const size_t *)pa, b = *(const size_t *)pb;
    if (c[a].start != c[b].start)
        return c[a].start < c[b].start ? -1 : 1;
    return a < b ? -1 : (a > b);
}

/* Order the cites by start (stable), remapping cited_by. */
static int sort_cites(cctx *c)
{
    size_t *idx, *inv, i, j;
    cr_cite *sorted;
    if (c->nc < 2)
        return 0;
    idx = malloc(c->nc * sizeof *idx);
    inv = malloc(c->nc * sizeof *inv);
    sorted = malloc(c->nc * sizeof *sorted);
    if (!idx || !inv || !sorted) {
        free(idx);
        free(inv);
        free(sorted);
        return -1;
    }
    for (i = 0; i < c->nc; i++)
        idx[i] = i;
    /* cites come nearly in order: insertion sort is linear then */
    for (i = 1; i < c->nc; i++) {
        size_t v = idx[i];
        for (j = i; j > 0 && cmp_idx_start(&idx[j - 1], &v, c->c) > 0; j--)
            idx[j] = idx[j - 1];
        idx[j] = v;
    }
    for (i = 0; i < c->nc; i++)
        inv[idx[i]] = i;
    for (i = 0; i < c->nc; i++) {
        sorted[i] = c->c[idx[i]];
        if (sorted[i].cited_by >= 0)
            sorted[i].cited_by = (int32_t)inv[sorted[i].cited_by];
    }
    free(c->c);
    c->c = sorted;
    c->cap = c->nc;
    free(idx);
    free(inv);
    return 0;
}

void cr_cites_free(cr_cite *c, size_t n)
{
    size_t i;
    if (!c)
        return;
    for (i = 0; i < n; i++)
        free(c[i].name);
    free(c);
}

cr_status cri_cites_find(const cri_xtext *x, const cr_entity_set *ents,
                         cr_cite **out, size_t *n)
{
    cctx c;
    cr_entity_set own;
    cr_status rc;
    *out = NULL;
    *n = 0;
    memset(&c, 0, sizeof c);
    memset(&own, 0, sizeof own);
    c.x = *x; /* borrowed: the caller frees it */
    if (!ents) {
        rc = cri_entities_find(x, &own);
        if (rc != CR_OK)
            goto done;
        ents = &own;
        c.own_entities = 1;
    }
    c.es = ents;
    rc = CR_ENOMEM;
    if (pass(&c))
        goto done;
    link_chains(&c);
    if (sort_cites(&c))
        goto done;
    *out = c.c;
    *n = c.nc;
    c.c = NULL;
    c.nc = 0;
    rc = CR_OK;
done:
    cr_cites_free(c.c, c.nc);
    free(c.sent_of);
    free(c.chain);
    free(c.tok_of);
    cr_entity_set_clear(&own);
    return rc;
}

cr_status cr_extract_cites(const char *text, size_t len, const cr_doc *doc,
                           const cr_entity_set *ents, const cr_limits *lim,
                           cr_cite **out, size_t *n)
{
    cri_xtext x;
    cr_status rc;
    if (!out || !n || (!text && len))
        return CR_EINVAL;
    *out = NULL;
    *n = 0;
    rc = cri_xtext_init(&x, text, len, doc, lim);
    if (rc != CR_OK)
        return rc;
    rc = cri_cites_find(&x, ents, out, n);
    cri_xtext_free(&x);
    return rc;
}
