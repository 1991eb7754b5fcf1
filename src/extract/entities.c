/*
 * entities.c — people, organisations and places named in an article, with
 * their aliases (cr_extract_entities), and the merge of a story's entity
 * sets (cr_entities_merge).
 *
 * Four passes over the tokens, each linear (lookups are binary searches in
 * the compiled-in tables, hash probes, or bounded windows):
 *
 *  1. spans: runs of capitalised words (with name particles, initials and
 *     "of" after an organisation word) are cut into candidates — a
 *     gazetteer name, a title and the name after it ("Russian Defense
 *     Minister Sergei Shoigu"), an organisation or place by its last word
 *     ("Amur Oblast"), a run of names, or a lone word;
 *  2. entities: candidates become entities by match key; a person written
 *     with fewer words ("Kim", "Jong Un") joins the one person whose name
 *     holds them all, and is left out when several do;
 *  3. appositions: a role written next to a person's name ("North Korean
 *     leader Kim Jong-Un", "Dmitry Peskov, the Kremlin spokesman,") is
 *     remembered with its country (demonyms, places and institutions map
 *     to one: Kremlin -> Russia);
 *  4. role mentions: "the Kremlin leader", "North Korea's leader" name the
 *     one person with a compatible role from the same country.
 *
 * Tunables are in extract.h; docs/ALGORITHMS.md ("Entities") explains them.
 */
#include "extract/extract.h"
#include "util/util.h"

#include <stdlib.h>
#include <string.h>

#define KEYCAP 256 /* bytes of a match key */
#define ENT_NAME 5 /* a run of names not yet known to be a person: becomes
                      CR_ENT_PERSON on evidence, else CR_ENT_OTHER */
#define NONE UINT32_MAX

/* --- a small string -> index map (open addressing, seeded) -------------- */

typedef struct smap {
    char **key;        /* borrowed */
    uint32_t *val;
    size_t cap;        /* power of two */
    size_t n;
    uint64_t seed;
} smap;

static uint64_t shash(const char *s, size_t n, uint64_t seed)
{
    uint64_t h = 1469598103934665603ull ^ seed;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    return h ^ (h >> 29);
}

static int smap_init(smap *m, size_t want, uint64_t seed)
{
    size_t cap = 16;
    while (cap < want * 2)
        cap *= 2;
    m->key = calloc(cap, sizeof *m->key);
    m->val = calloc(cap, sizeof *m->val);
    m->cap = cap;
    m->n = 0;
    m->seed = seed;
    return m->key && m->val ? 0 : -1;
}

static void smap_free(smap *m)
{
    free(m->key);
    free(m->val);
    memset(m, 0, sizeof *m);
}

/* The slot of key (found or empty). */
static size_t smap_slot(const smap *m, const char *k)
{
    size_t n = strlen(k), h = (size_t)shash(k, n, m->seed) & (m->cap - 1);
    while (m->key[h] && strcmp(m->key[h], k) != 0)
        h = (h + 1) & (m->cap - 1);
    return h;
}

static uint32_t smap_get(const smap *m, const char *k)
{
    size_t h;
    if (!m->cap)
        return NONE;
    h = smap_slot(m, k);
    return m->key[h] ? m->val[h] : NONE;
}

/* Insert (or overwrite) k -> v; k is borrowed and must outlive the map.
 * 0, or -1 when full (the map is sized for its use: never in practice). */
static int smap_put(smap *m, char *k, uint32_t v)
{
    size_t h = smap_slot(m, k);
    if (!m->key[h]) {
        if (m->n + 1 > m->cap / 2)
            return -1;
        m->key[h] = k;
        m->n++;
    }
    m->val[h] = v;
    return 0;
}

/* --- context ------------------------------------------------------------- */

typedef struct cand {
    uint32_t a, b;        /* tokens of the name, inclusive */
    uint32_t s, e;        /* bytes (a part of a hyphenated token may be
                             narrower than its token) */
    const cri_gaz *gaz;   /* a gazetteer name, or NULL */
    uint8_t type;         /* cr_entity_type when known */
    uint8_t single;       /* a lone word: resolved in pass 2 */
    uint8_t titled;       /* a title stood before it */
    uint8_t cue;          /* a reporting verb follows it */
    uint32_t head;        /* the title token of a titled name, or NONE */
    uint32_t ra;          /* first token of the span it came from */
    uint32_t ent;         /* the entity it became, or NONE */
    double conf;
} cand;

typedef struct role {
    uint32_t ent;
    uint32_t cls;         /* LX_LEADER, LX_SPOKES, or 0: same head */
    char head[24];
    const char *country;  /* borrowed from the gazetteer, or NULL */
    char others[64];      /* other modifier words, folded, space-separated */
} role;

typedef struct ectx {
    cri_xtext x;
    cand *c;
    size_t nc, capc;
    cr_entity *e;
    size_t ne, cape;
    uint32_t *alias;      /* entity -> the entity it is an alias of */
    uint32_t *words;      /* words in each entity's key */
    size_t capa, capw;
    cr_mention *m;
    size_t nm, capm;
    role *r;
    size_t nr, capr;
    uint8_t *used_head;   /* tokens used as the head of an apposition */
    smap keys;            /* entity key -> entity */
} ectx;

static int is_word(const ectx *c, size_t i) { return (c->x.cls[i] & XT_WORD) != 0; }
static int is_cap(const ectx *c, size_t i) { return (c->x.cls[i] & (XT_WORD | XT_CAP)) == (XT_WORD | XT_CAP); }
static int has(const ectx *c, size_t i, uint32_t f) { return (c->x.cls[i] & f) != 0; }
static int tok_is(const ectx *c, size_t i, const char *w) { return cri_xtext_is(&c->x, i, w); }

static int is_dot(const ectx *c, size_t i)
{
    return c->x.t[i].kind == CR_TOK_PUNCT && c->x.t[i].end - c->x.t[i].start == 1 &&
           c->x.text[c->x.t[i].start] == '.';
}

static size_t count_words(const char *k)
{
    size_t n = *k ? 1 : 0;
    for (; *k; k++)
        if (*k == ' ')
            n++;
    return n;
}

static cand *push_cand(ectx *c)
{
    cand *d;
    if (c->nc >= CRI_ENT_MENTION_MAX)
        return NULL;
    if (cri_grow((void **)&c->c, &c->capc, c->nc + 1, sizeof *c->c))
        return NULL;
    d = &c->c[c->nc++];
    memset(d, 0, sizeof *d);
    d->head = NONE;
    d->ent = NONE;
    return d;
}

/* A candidate for tokens [a, b]; 0, or -1 on OOM. */
static int add_cand(ectx *c, size_t a, size_t b, const cri_gaz *g,
                    uint8_t type, double conf, size_t ra)
{
    cand *d = push_cand(c);
    if (!d)
        return c->nc >= CRI_ENT_MENTION_MAX ? 0 : -1;
    d->a = (uint32_t)a;
    d->b = (uint32_t)b;
    d->s = c->x.t[a].start;
    d->e = cri_xtext_end_noposs(&c->x, b);
    d->gaz = g;
    d->type = type;
    d->conf = conf;
    d->ra = (uint32_t)ra;
    return 0;
}

static uint8_t gaz_type(const cri_gaz *g)
{
    switch (g->kind) {
    case GZ_AGENCY: case GZ_OUTLET: case GZ_GOV: case GZ_INTL:
        return CR_ENT_ORG;
    default:
        return CR_ENT_PLACE;
    }
}

static uint8_t gaz_cls(const cri_gaz *g)
{
    switch (g->kind) {
    case GZ_COUNTRY: case GZ_DEMONYM: return CR_ENTC_COUNTRY;
    case GZ_CAPITAL: case GZ_CITY: return CR_ENTC_CITY;
    case GZ_REGION: return CR_ENTC_REGION;
    case GZ_AGENCY: return CR_ENTC_AGENCY;
    case GZ_OUTLET: return CR_ENTC_OUTLET;
    case GZ_GOV: return CR_ENTC_GOVERNMENT;
    default: return CR_ENTC_INTERNATIONAL;
    }
}

/* The gazetteer entry for tokens [a, b] (with "the " before the key when
 * `the`), honouring GZ_UPPER; NULL when none. */
static const cri_gaz *gaz_at(const ectx *c, size_t a, size_t b, int the)
{
    char key[KEYCAP + 4];
    size_t n, k;
    const cri_gaz *g;
    if (!(c->x.lists[a] & CRI_G_FIRST))
        return NULL; /* no key starts with the word at a: none is made */
    if (the) {
        memcpy(key, "the ", 4);
        n = cri_xtext_key(&c->x, a, b, key + 4, KEYCAP);
        if (n == (size_t)-1)
            return NULL;
        n += 4;
    } else {
        n = cri_xtext_key(&c->x, a, b, key, KEYCAP);
        if (n == (size_t)-1)
            return NULL;
    }
    g = cri_gaz_lookup(key, n);
    if (!g || !(g->flags & GZ_UPPER))
        return g;
    for (k = a; k <= b; k++)
        if (is_word(c, k) && !has(c, k, XT_UPPER))
            return NULL;
    return g;
}

/* Longest gazetteer match starting at token a, at most `maxw` tokens and
 * not past b; *end receives its last token. */
static const cri_gaz *gaz_longest(const ectx *c, size_t a, size_t b,
                                  size_t *end)
{
    size_t k = a + 3 < b ? a + 3 : b;
    for (;; k--) {
        const cri_gaz *g = gaz_at(c, a, k, 0);
        if (g) {
            *end = k;
            return g;
        }
        if (k == a)
            return NULL;
    }
}

/* --- pass 1: capitalised spans ------------------------------------------ */

/* The last token of the capitalised span that starts at a. */
static size_t span_end(const ectx *c, size_t a)
{
    size_t b = a, j = a + 1;
    while (j < c->x.nt && j - a < CRI_ENT_SPAN_MAX &&
           c->x.sent[j] == c->x.sent[a] && !has(c, j, XT_NLBEFORE) &&
           !has(c, b, XT_POSS)) {
        if (is_cap(c, j)) {
            b = j++;
            continue;
        }
        if (is_dot(c, j) && c->x.t[j].start == c->x.t[b].end &&
            (c->x.t[b].end - c->x.t[b].start == 1 || has(c, b, LX_HON)) &&
            j + 1 < c->x.nt && is_cap(c, j + 1) && !has(c, j + 1, XT_NLBEFORE)) {
            j++;
            continue;
        }
        if (is_word(c, j) && has(c, j, LX_PARTICLE) && !has(c, j, XT_CAP)) {
            size_t k = j;
            while (k < c->x.nt && k < j + 2 && is_word(c, k) &&
                   has(c, k, LX_PARTICLE) && !has(c, k, XT_CAP))
                k++;
            if (k < c->x.nt && is_cap(c, k) && c->x.sent[k] == c->x.sent[a]) {
                j = k;
                continue;
            }
            break;
        }
        if (((tok_is(c, j, "of") && has(c, b, LX_ORGHEAD | LX_PLACESUF)) ||
             (tok_is(c, j, "for") && has(c, b, LX_ORGHEAD))) &&
            j + 1 < c->x.nt) {
            size_t k = j + 1;
            if (tok_is(c, k, "the") && k + 1 < c->x.nt)
                k++;
            if (is_cap(c, k) && c->x.sent[k] == c->x.sent[a]) {
                j = k;
                continue;
            }
        }
        break;
    }
    return b;
}

/* Is a reporting verb next after token b (past auxiliaries)? */
static int cue_after(const ectx *c, size_t b)
{
    size_t j = b + 1, n = 0;
    while (j < c->x.nt && n < 2 && is_word(c, j) && has(c, j, LX_AUX) &&
           !has(c, j, LX_CUE)) {
        j++;
        n++;
    }
    return j < c->x.nt && is_word(c, j) && !has(c, j, XT_CAP) &&
           has(c, j, LX_CUE);
}

/* Cover [a, b] with gazetteer names, longest first. When `all`, only
 * succeeds (and adds candidates) if every word is covered. Returns the
 * number of candidates added, or -1 on OOM. */
static int gaz_cover(ectx *c, size_t a, size_t b, int all)
{
    size_t k = a, end, nfound = 0;
    int added = 0;
    if (all) {
        while (k <= b) {
            if (!is_word(c, k)) {
                k++;
                continue;
            }
            if (!gaz_longest(c, k, b, &end))
                return 0;
            k = end + 1;
            nfound++;
        }
        if (!nfound)
            return 0;
    }
    for (k = a; k <= b;) {
        const cri_gaz *g = is_word(c, k) ? gaz_longest(c, k, b, &end) : NULL;
        if (!g) {
            k++;
            continue;
        }
        if (add_cand(c, k, end, g, gaz_type(g),
                     g->kind == GZ_DEMONYM ? CRI_CONF_DEMONYM : CRI_CONF_GAZ,
                     a))
            return -1;
        added++;
        k = end + 1;
    }
    return added;
}

/* A single hyphenated token whose parts are all gazetteer names
 * ("Korean-Russian"): one candidate per part. 1 when done, 0 when not such
 * a token, -1 on OOM. */
static int hyphen_parts(ectx *c, size_t i)
{
    const char *p = c->x.text + c->x.t[i].start;
    size_t n = cri_xtext_end_noposs(&c->x, i) - c->x.t[i].start, s = 0, k;
    const cri_gaz *g[4];
    size_t ps[4], pe[4], np = 0;
    if (!memchr(p, '-', n))
        return 0;
    for (k = 0; k <= n; k++) {
        if (k == n || p[k] == '-') {
            char key[64];
            size_t kl = 0, q;
            if (np == 4 || k - s == 0 || k - s >= sizeof key)
                return 0;
            for (q = s; q < k; q++) {
                char ch = p[q];
                if ((unsigned char)ch >= 0x80)
                    return 0;
                key[kl++] = (ch >= 'A' && ch <= 'Z') ? (char)(ch + 32) : ch;
            }
            g[np] = cri_gaz_lookup(key, kl);
            if (!g[np] || (g[np]->flags & GZ_UPPER))
                return 0;
            ps[np] = s;
            pe[np] = k;
            np++;
            s = k + 1;
        }
    }
    for (k = 0; k < np; k++) {
        cand *d = push_cand(c);
        if (!d)
            return c->nc >= CRI_ENT_MENTION_MAX ? 1 : -1;
        d->a = d->b = d->ra = (uint32_t)i;
        d->s = c->x.t[i].start + (uint32_t)ps[k];
        d->e = c->x.t[i].start + (uint32_t)pe[k];
        d->gaz = g[k];
        d->type = gaz_type(g[k]);
        d->conf = g[k]->kind == GZ_DEMONYM ? CRI_CONF_DEMONYM : CRI_CONF_GAZ;
    }
    return 1;
}

/* Words (not periods) in [a, b]. */
static size_t span_words(const ectx *c, size_t a, size_t b)
{
    size_t k, n = 0;
    for (k = a; k <= b; k++)
        n += is_word(c, k);
    return n;
}

/* Cut the capitalised span [a, b] into candidates. 0, or -1 on OOM. */
static int do_span(ectx *c, size_t a, size_t b)
{
    size_t k, title = NONE, n0, ra;
    int the = 0, r;
    const cri_gaz *g;
    /* leading function words, months, pronouns, adjectives ("The", "In",
       "Sept", "Western"), and "Early" before a day or month ("Early
       Friday, police said" is a time); all-capital words (US) stay */
    while (a <= b && (!is_word(c, a) ||
                      (has(c, a, LX_STOP | LX_MONTH | LX_PRONOUN | LX_ADJCAP) &&
                       !has(c, a, XT_UPPER)) ||
                      (a < b && tok_is(c, a, "early") && has(c, a + 1, LX_MONTH))))
        a++;
    if (a > b)
        return 0;
    the = a > 0 && tok_is(c, a - 1, "the");
    /* a trailing month before a number is a date ("August 2023") */
    while (b > a && has(c, b, LX_MONTH) && b + 1 < c->x.nt &&
           (c->x.t[b + 1].kind == CR_TOK_NUMBER ||
            (is_dot(c, b + 1) && b + 2 < c->x.nt &&
             c->x.t[b + 2].kind == CR_TOK_NUMBER)))
        b--;
    ra = a;
    /* the whole span is a known name */
    if ((the && (g = gaz_at(c, a, b, 1))) || (g = gaz_at(c, a, b, 0)))
        return add_cand(c, a, b, g, gaz_type(g),
                        span_words(c, a, b) > 1 || g->kind == GZ_COUNTRY ||
                                g->kind == GZ_AGENCY || g->kind == GZ_OUTLET ||
                                g->kind == GZ_GOV || g->kind == GZ_CAPITAL ||
                                g->kind == GZ_CITY || g->kind == GZ_REGION
                            ? (g->kind == GZ_DEMONYM ? CRI_CONF_DEMONYM : CRI_CONF_GAZ)
                            : CRI_CONF_GAZ_SHORT,
                        ra);
    if (has(c, a, XT_TITLECASE)) /* a headline: known names only */
        return gaz_cover(c, a, b, 0) < 0 ? -1 : 0;
    if (a == b && (r = hyphen_parts(c, a)) != 0)
        return r < 0 ? -1 : 0;
    /* a title and the name after it */
    for (k = a; k < b; k++)
        if (has(c, k, LX_TITLE | LX_HON))
            title = k;
    if (title != NONE) {
        int org = 0;
        n0 = title + 1;
        while (n0 <= b && !is_word(c, n0))
            n0++;
        for (k = n0; k <= b; k++)
            if (has(c, k, LX_ORGHEAD))
                org = 1;
        if (n0 <= b && !org && span_words(c, n0, b) <= CRI_ENT_NAME_MAX &&
            !has(c, n0, LX_STOP | LX_MONTH)) {
            cand *d;
            if (title > a && gaz_cover(c, a, title - 1, 0) < 0)
                return -1;
            if (add_cand(c, n0, b, NULL, CR_ENT_PERSON, CRI_CONF_TITLED, ra))
                return -1;
            if (c->nc && c->c[c->nc - 1].a == n0) {
                d = &c->c[c->nc - 1];
                d->titled = 1;
                d->head = (uint32_t)title;
                d->single = span_words(c, n0, b) == 1;
                d->cue = (uint8_t)cue_after(c, b);
            }
            return 0;
        }
        if (n0 > b && !org)
            return gaz_cover(c, a, b, 0) < 0 ? -1 : 0; /* "Prime Minister" */
    }
    if (has(c, b, LX_TITLE | LX_ROLE) && !has(c, b, LX_ORGHEAD))
        return gaz_cover(c, a, b, 0) < 0 ? -1 : 0; /* "Planning Minister" */
    if (span_words(c, a, b) >= 2) {
        int org = 0;
        /* a news organisation and what follows ("BBC Radio", "Reuters
           Television"): the organisation */
        {
            size_t end;
            const cri_gaz *m = gaz_longest(c, a, b, &end);
            if (m && (m->kind == GZ_AGENCY || m->kind == GZ_OUTLET) && end < b)
                return add_cand(c, a, end, m, CR_ENT_ORG, CRI_CONF_GAZ, ra);
        }
        for (k = a; k <= b; k++)
            if (has(c, k, LX_ORGHEAD) && is_cap(c, k))
                org = 1;
        if (org)
            return add_cand(c, a, b, NULL, CR_ENT_ORG, CRI_CONF_SUFFIX, ra);
        if (has(c, b, LX_PLACESUF))
            return add_cand(c, a, b, NULL, CR_ENT_PLACE, CRI_CONF_SUFFIX, ra);
        if (has(c, b, LX_EVENTSUF))
            return add_cand(c, a, b, NULL, CR_ENT_OTHER, CRI_CONF_SUFFIX, ra);
        /* names that are all known ("Russia Ukraine") */
        r = gaz_cover(c, a, b, 1);
        if (r)
            return r < 0 ? -1 : 0;
        /* a demonym before a name: "Russian Vladimir Putin" */
        {
            size_t end;
            const cri_gaz *d = gaz_longest(c, a, b, &end);
            if (d && d->kind == GZ_DEMONYM && end < b) {
                if (add_cand(c, a, end, d, CR_ENT_PLACE, CRI_CONF_DEMONYM, ra))
                    return -1;
                a = end + 1;
            }
        }
    }
    if (span_words(c, a, b) > CRI_ENT_NAME_MAX)
        return 0;
    if (span_words(c, a, b) >= 2) {
        /* a person when it starts with a given name, stands after a role
           word or before a reporting verb; acronyms and model numbers
           make an organisation or a thing; else a name of unknown kind
           that an apposition or a title may later show to be a person */
        int upper = 0, digit = 0;
        for (k = a; k <= b; k++) {
            const char *p = c->x.text + c->x.t[k].start;
            size_t q, tl = c->x.t[k].end - c->x.t[k].start;
            upper |= has(c, k, XT_UPPER) != 0;
            for (q = 0; q < tl; q++)
                digit |= p[q] >= '0' && p[q] <= '9';
        }
        if (digit)
            return add_cand(c, a, b, NULL, CR_ENT_OTHER, CRI_CONF_OTHER, ra);
        if (upper)
            return add_cand(c, a, b, NULL, CR_ENT_ORG, CRI_CONF_OTHER, ra);
        if (has(c, a, LX_GIVEN) || cue_after(c, b) ||
            (a > 0 && is_word(c, a - 1) && !has(c, a - 1, XT_CAP) &&
             has(c, a - 1, LX_ROLE)))
            return add_cand(c, a, b, NULL, CR_ENT_PERSON, CRI_CONF_NAME, ra);
        return add_cand(c, a, b, NULL, ENT_NAME, CRI_CONF_OTHER, ra);
    }
    /* one word: resolved once every full name is known; one letter
       ("A", an initial) is not a name */
    if (has(c, a, LX_STOP | LX_MONTH | LX_PRONOUN | LX_ADJCAP | LX_TITLE |
                  LX_ROLE | LX_DATA | LX_ANON | LX_MEDIA | LX_OFFICIAL |
                  LX_CREDIT) ||
        c->x.t[a].end - c->x.t[a].start < 2 ||
        (has(c, a, XT_INITIAL) && c->x.t[a].end - c->x.t[a].start > 4 &&
         memcmp(c->x.text + c->x.t[a].end - 3, "ing", 3) == 0) ||
        (c->x.t[a].end - c->x.t[a].start < 4 &&
         (unsigned char)c->x.text[c->x.t[a].start] >= 0x80))
        return 0;
    if (add_cand(c, a, b, NULL, 0, CRI_CONF_SINGLE, ra))
        return -1;
    if (c->nc && c->c[c->nc - 1].a == a) {
        c->c[c->nc - 1].single = 1;
        c->c[c->nc - 1].cue = (uint8_t)cue_after(c, b);
    }
    return 0;
}

static int pass_spans(ectx *c)
{
    size_t i = 0;
    while (i < c->x.nt) {
        size_t b;
        if (!is_cap(c, i)) {
            i++;
            continue;
        }
        b = span_end(c, i);
        if (do_span(c, i, b))
            return -1;
        i = b + 1;
    }
    return 0;
}

/* --- pass 2: entities ---------------------------------------------------- */

static uint32_t new_entity(ectx *c, const char *key, size_t klen,
                           const char *name, size_t nlen, uint8_t type,
                           uint8_t cls, const char *country)
{
    cr_entity *e;
    uint32_t id;
    if (c->ne >= CRI_ENT_MAX)
        return NONE;
    if (cri_grow((void **)&c->e, &c->cape, c->ne + 1, sizeof *c->e) ||
        cri_grow((void **)&c->alias, &c->capa, c->ne + 1, sizeof *c->alias) ||
        cri_grow((void **)&c->words, &c->capw, c->ne + 1, sizeof *c->words))
        return NONE;
    id = (uint32_t)c->ne;
    c->alias[id] = id;
    c->words[id] = (uint32_t)count_words(key);
    e = &c->e[c->ne];
    memset(e, 0, sizeof *e);
    e->key = cri_strndup(key, klen);
    e->name = cri_strndup(name, nlen);
    e->country = country ? cri_strndup(country, strlen(country)) : NULL;
    if (!e->key || !e->name || (country && !e->country)) {
        free(e->key);
        free(e->name);
        free(e->country);
        return NONE;
    }
    e->type = type;
    e->cls = cls;
    e->articles = 1;
    c->ne++;
    if (smap_put(&c->keys, e->key, id))
        return NONE;
    return id;
}

static int add_mention(ectx *c, uint32_t s, uint32_t e, uint32_t ent,
                       uint8_t how, double conf)
{
    cr_mention *m;
    if (c->nm >= CRI_ENT_MENTION_MAX)
        return 0;
    if (cri_grow((void **)&c->m, &c->capm, c->nm + 1, sizeof *c->m))
        return -1;
    m = &c->m[c->nm++];
    m->start = s;
    m->end = e;
    m->entity = ent;
    m->how = how;
    m->confidence = conf;
    return 0;
}

static uint32_t root(const ectx *c, uint32_t e)
{
    while (c->alias[e] != e)
        e = c->alias[e];
    return e;
}

/* Entities of the candidates that are gazetteer names or runs of names. */
static int pass_names(ectx *c)
{
    size_t i;
    char key[KEYCAP];
    for (i = 0; i < c->nc; i++) {
        cand *d = &c->c[i];
        uint32_t id;
        size_t kl;
        if (d->single)
            continue;
        if (d->gaz) {
            kl = 0;
            {
                /* the entity key is the canonical name's */
                const char *p = d->gaz->name;
                for (; *p && kl + 1 < sizeof key; p++)
                    key[kl++] = *p == '-' ? ' '
                              : (*p >= 'A' && *p <= 'Z') ? (char)(*p + 32) : *p;
                key[kl] = '\0';
            }
            id = smap_get(&c->keys, key);
            if (id == NONE)
                id = new_entity(c, key, kl, d->gaz->name, strlen(d->gaz->name),
                                gaz_type(d->gaz), gaz_cls(d->gaz),
                                d->gaz->country);
        } else {
            kl = cri_xtext_key(&c->x, d->a, d->b, key, sizeof key);
            if (kl == (size_t)-1 || kl == 0)
                continue;
            id = smap_get(&c->keys, key);
            if (id == NONE)
                id = new_entity(c, key, kl, c->x.text + d->s, d->e - d->s,
                                d->type, CR_ENTC_NONE, NULL);
            else if (c->e[id].type == ENT_NAME && d->type == CR_ENT_PERSON)
                c->e[id].type = CR_ENT_PERSON; /* seen as a person here */
        }
        if (id == NONE) {
            if (c->ne >= CRI_ENT_MAX)
                continue;
            return -1;
        }
        if (add_mention(c, d->s, d->e, id,
                        d->gaz && d->gaz->kind == GZ_DEMONYM ? CR_MENTION_DEMONYM
                                                             : CR_MENTION_NAME,
                        d->conf))
            return -1;
        d->ent = id;
    }
    return 0;
}

/* --- person words: which people a word of a name belongs to ------------- */

static int person_like(const cr_entity *e)
{
    return e->type == CR_ENT_PERSON || e->type == ENT_NAME;
}

typedef struct wslot {
    uint32_t e1, e2, n;   /* first two people whose name holds the word */
    uint32_t l1, ln;      /* first person whose last word it is, count */
} wslot;

typedef struct widx {
    smap map;             /* word -> wslot index */
    wslot *slot;
    char *buf;            /* the words, NUL-separated (owned) */
} widx;

static void widx_free(widx *w)
{
    smap_free(&w->map);
    free(w->slot);
    free(w->buf);
}

/* Index the words of every person (with two or more words) among
 * entities[0, ne) whose alias[] is itself (alias may be NULL). 0, or -1
 * on OOM. */
static int widx_build(widx *w, const cr_entity *e, size_t ne,
                      const uint32_t *alias, uint64_t seed)
{
    size_t i, total = 0, nw = 0, o = 0;
    memset(w, 0, sizeof *w);
    for (i = 0; i < ne; i++)
        if ((!alias || alias[i] == i) && person_like(&e[i]) &&
            strchr(e[i].key, ' ')) {
            total += strlen(e[i].key) + 1;
            nw += count_words(e[i].key);
        }
    if (smap_init(&w->map, nw + 1, seed))
        return -1;
    w->slot = malloc((nw + 1) * sizeof *w->slot);
    w->buf = malloc(total + 1);
    if (!w->slot || !w->buf)
        return -1;
    nw = 0;
    for (i = 0; i < ne; i++) {
        char *p, *q;
        if (!((!alias || alias[i] == i) && person_like(&e[i]) &&
              strchr(e[i].key, ' ')))
            continue;
        p = w->buf + o;
        memcpy(p, e[i].key, strlen(e[i].key) + 1);
        o += strlen(e[i].key) + 1;
        while (p) {
            uint32_t v;
            q = strchr(p, ' ');
            if (q)
                *q = '\0';
            v = smap_get(&w->map, p);
            if (v == NONE) {
                v = (uint32_t)nw++;
                memset(&w->slot[v], 0, sizeof w->slot[v]);
                w->slot[v].e1 = w->slot[v].l1 = NONE;
                w->slot[v].e2 = NONE;
                if (smap_put(&w->map, p, v))
                    return -1;
            }
            if (w->slot[v].e1 != i && w->slot[v].e2 != i) {
                if (w->slot[v].n == 0)
                    w->slot[v].e1 = (uint32_t)i;
                else if (w->slot[v].n == 1)
                    w->slot[v].e2 = (uint32_t)i;
                w->slot[v].n++;
            }
            if (!q && w->slot[v].l1 != i) {
                if (w->slot[v].ln == 0)
                    w->slot[v].l1 = (uint32_t)i;
                w->slot[v].ln++;
            }
            p = q ? q + 1 : NULL;
        }
    }
    return 0;
}

/* The one person other than `self` whose name holds every word of key,
 * preferring, for one word, the one person it is the surname of; NONE
 * when there is none or several. */
static uint32_t widx_person(const widx *w, const char *key, uint32_t self)
{
    char buf[KEYCAP];
    char *p = buf, *q;
    uint32_t found = NONE;
    int nwords = 0;
    size_t n = strlen(key);
    if (n >= sizeof buf || !w->map.cap)
        return NONE;
    memcpy(buf, key, n + 1);
    while (p) {
        uint32_t v, cand1;
        q = strchr(p, ' ');
        if (q)
            *q = '\0';
        nwords++;
        v = smap_get(&w->map, p);
        if (v == NONE)
            return NONE;
        if ((q || nwords > 1) && (cri_lex_lookup(p, strlen(p)) & LX_PARTICLE)) {
            p = q ? q + 1 : NULL; /* "de" in "De Vido" decides nothing */
            continue;
        }
        {
            const wslot *s = &w->slot[v];
            uint32_t others = s->n - ((self != NONE && (s->e1 == self || s->e2 == self)) ? 1 : 0);
            if (others == 1)
                cand1 = s->e1 == self ? s->e2 : s->e1;
            else if (!q && nwords == 1 && s->ln == 1 && s->l1 != self)
                cand1 = s->l1; /* "Kim": the one whose surname it is */
            else
                return NONE;
            if (cand1 == NONE || (found != NONE && found != cand1))
                return NONE;
            found = cand1;
        }
        p = q ? q + 1 : NULL;
    }
    return found;
}

/* Merge people written with fewer words into the one person whose name
 * holds them all ("Jong Un" -> "Kim Jong Un"). */
static int pass_subnames(ectx *c)
{
    widx w;
    size_t i;
    if (widx_build(&w, c->e, c->ne, c->alias, c->keys.seed)) {
        widx_free(&w);
        return -1;
    }
    for (i = 0; i < c->ne; i++) {
        uint32_t b;
        if (!person_like(&c->e[i]) || !strchr(c->e[i].key, ' '))
            continue;
        b = widx_person(&w, c->e[i].key, (uint32_t)i);
        if (b != NONE && c->words[b] > c->words[i]) {
            c->alias[i] = b;
            if (c->e[i].type == CR_ENT_PERSON)
                c->e[b].type = CR_ENT_PERSON;
        }
    }
    widx_free(&w);
    return 0;
}

/* Lone words: a word of one person's name, a name seen before, or a new
 * entity when the evidence is enough (a title, a reporting verb after it,
 * or written twice, once at least inside a sentence). */
typedef struct sstat { uint32_t total, inner, titled, cue, ent; } sstat;

static int pass_singles(ectx *c)
{
    widx w;
    smap seen;
    sstat *st = NULL;
    char (*keys)[48] = NULL;
    size_t i, ns = 0, nsingle = 0;
    int rc = -1;
    memset(&seen, 0, sizeof seen);
    for (i = 0; i < c->nc; i++)
        nsingle += c->c[i].single;
    if (!nsingle)
        return 0;
    if (widx_build(&w, c->e, c->ne, c->alias, c->keys.seed))
        goto done;
    if (smap_init(&seen, nsingle, c->keys.seed) ||
        !(st = calloc(nsingle, sizeof *st)) ||
        !(keys = malloc(nsingle * sizeof *keys)))
        goto done;
    /* count */
    for (i = 0; i < c->nc; i++) {
        cand *d = &c->c[i];
        size_t kl;
        uint32_t v;
        if (!d->single)
            continue;
        kl = cri_xtext_key(&c->x, d->a, d->b, keys[ns], sizeof keys[ns]);
        if (kl == (size_t)-1 || kl == 0) {
            d->single = 0;
            continue;
        }
        v = smap_get(&seen, keys[ns]);
        if (v == NONE) {
            v = (uint32_t)ns;
            st[v].ent = NONE;
            if (smap_put(&seen, keys[ns], v))
                goto done;
            ns++;
        }
        d->ent = v; /* the stat slot, for now */
        st[v].total++;
        st[v].inner += !has(c, d->a, XT_INITIAL);
        st[v].titled += d->titled;
        st[v].cue += d->cue;
    }
    /* resolve */
    for (i = 0; i < c->nc; i++) {
        cand *d = &c->c[i];
        sstat *s;
        uint32_t id;
        uint8_t how = CR_MENTION_NAME;
        double conf = CRI_CONF_SINGLE;
        if (!d->single)
            continue;
        s = &st[d->ent];
        d->ent = NONE;
        id = s->ent;
        if (id == NONE) {
            const char *k = keys[s - st];
            id = widx_person(&w, k, NONE);
            if (id != NONE) {
                how = CR_MENTION_PARTIAL;
                conf = CRI_CONF_PARTIAL;
                if (s->titled || s->cue)
                    c->e[id].type = CR_ENT_PERSON; /* "Mr Eddington" */
            } else if (w.map.cap && smap_get(&w.map, k) != NONE) {
                continue; /* a word of several people's names: not guessed */
            } else if ((id = smap_get(&c->keys, k)) != NONE) {
                /* a one-word name seen before */
            } else if (s->titled || s->cue || (s->total >= 2 && s->inner >= 1)) {
                id = new_entity(c, k, strlen(k), c->x.text + d->s, d->e - d->s,
                                s->titled || has(c, d->a, LX_GIVEN)
                                    ? CR_ENT_PERSON
                                : has(c, d->a, XT_UPPER) ? CR_ENT_ORG /* "BA" */
                                : CR_ENT_OTHER,
                                CR_ENTC_NONE, NULL);
                if (id == NONE) {
                    if (c->ne >= CRI_ENT_MAX)
                        continue;
                    goto done;
                }
            } else {
                continue;
            }
            s->ent = id;
        } else {
            how = person_like(&c->e[id]) && c->words[id] > 1
                      ? CR_MENTION_PARTIAL : CR_MENTION_NAME;
            conf = how == CR_MENTION_PARTIAL ? CRI_CONF_PARTIAL : CRI_CONF_SINGLE;
        }
        if (d->titled && conf < CRI_CONF_TITLED && how == CR_MENTION_NAME)
            conf = CRI_CONF_TITLED;
        if (add_mention(c, d->s, d->e, id, how, conf))
            goto done;
        d->ent = id;
        d->type = c->e[id].type;
    }
    rc = 0;
done:
    widx_free(&w);
    smap_free(&seen);
    free(st);
    free(keys);
    return rc;
}

/* --- passes 3 and 4: roles ----------------------------------------------- */

/* Modifier words before a role head at h: capitalised words (not function
 * words), possessives ("North Korea's") and lowercase title words
 * ("defense", "foreign"), at most CRI_ENT_MOD_MAX, same sentence. Returns
 * the first one (h when none). */
static size_t mods_start(const ectx *c, size_t h)
{
    size_t m = h;
    int poss = 0;
    while (m > 0 && h - m < CRI_ENT_MOD_MAX && c->x.sent[m - 1] == c->x.sent[h] &&
           is_word(c, m - 1) && !has(c, m, XT_NLBEFORE)) {
        size_t k = m - 1;
        if (has(c, k, XT_CAP) ? (has(c, k, LX_STOP | LX_PRONOUN | LX_MONTH) &&
                                 !has(c, k, XT_UPPER))
                              : !has(c, k, LX_TITLE))
            break;
        /* one possessive, with the rest of its name before it: "North
           Korea's foreign minister" */
        if (poss && (has(c, k, XT_POSS) || !has(c, k, XT_CAP)))
            break;
        poss |= has(c, k, XT_POSS) != 0;
        m = k;
    }
    return m;
}

/* Read the modifiers [m0, h): the country they name (first gazetteer name
 * with a country) into *country, the other words (folded, space-separated)
 * into others[64]. */
static void read_mods(const ectx *c, size_t m0, size_t h, const char **country,
                      char others[64])
{
    size_t k = m0, o = 0;
    *country = NULL;
    others[0] = '\0';
    while (k < h) {
        size_t end;
        const cri_gaz *g = gaz_longest(c, k, h - 1, &end);
        if (g) {
            if (!*country && g->country)
                *country = g->country;
            k = end + 1;
            continue;
        }
        {
            char w[32];
            size_t n = cri_xtext_key(&c->x, k, k, w, sizeof w);
            if (n != (size_t)-1 && n && o + n + 2 < 64) {
                if (o)
                    others[o++] = ' ';
                memcpy(others + o, w, n);
                o += n;
                others[o] = '\0';
            }
        }
        k++;
    }
}

static uint32_t role_class(const ectx *c, size_t h)
{
    return has(c, h, LX_LEADER) ? LX_LEADER : has(c, h, LX_SPOKES) ? LX_SPOKES : 0;
}

static void head_word(const ectx *c, size_t h, char out[24])
{
    if (cri_xtext_key(&c->x, h, h, out, 24) == (size_t)-1)
        out[0] = '\0';
}

/* Remember the apposition [m0, h] of entity `ent`; emit [ms, h] (ms: m0,
 * or the determiner before it) as a mention. */
static int add_role(ectx *c, size_t m0, size_t h, uint32_t ent, size_t ms)
{
    role *r;
    cr_entity *e = &c->e[ent];
    uint32_t s = c->x.t[m0].start, end = cri_xtext_end_noposs(&c->x, h);
    c->used_head[h] = 1;
    e->type = CR_ENT_PERSON;
    if (c->nr < CRI_ENT_ROLE_MAX &&
        cri_grow((void **)&c->r, &c->capr, c->nr + 1, sizeof *c->r) == 0) {
        r = &c->r[c->nr++];
        r->ent = ent;
        r->cls = role_class(c, h);
        head_word(c, h, r->head);
        read_mods(c, m0, h, &r->country, r->others);
        if (!e->country && r->country &&
            !(e->country = cri_strndup(r->country, strlen(r->country))))
            return -1;
    }
    if (!e->role && !(e->role = cri_strndup(c->x.text + s, end - s)))
        return -1;
    return add_mention(c, c->x.t[ms].start, end, ent, CR_MENTION_ROLE,
                       CRI_CONF_ROLE);
}

/* Appositions next to each person's name. */
static int pass_appositions(ectx *c)
{
    size_t i;
    for (i = 0; i < c->nc; i++) {
        const cand *d = &c->c[i];
        size_t h = NONE, b = d->b;
        if (d->ent == NONE || !person_like(&c->e[d->ent]) || d->gaz)
            continue;
        /* before: President [X Y], North Korean leader [X Y] */
        if (d->titled && d->head != NONE && has(c, d->head, LX_ROLE))
            h = d->head;
        else if (d->a > 0 && is_word(c, d->a - 1) && !has(c, d->a - 1, XT_CAP) &&
                 has(c, d->a - 1, LX_ROLE) && c->x.sent[d->a - 1] == c->x.sent[d->a])
            h = d->a - 1;
        if (h != NONE && !c->used_head[h] &&
            add_role(c, mods_start(c, h), h, d->ent, mods_start(c, h)))
            return -1;
        /* after: [X Y], the Kremlin spokesman, */
        if (b + 3 < c->x.nt && c->x.t[b + 1].kind == CR_TOK_PUNCT &&
            c->x.text[c->x.t[b + 1].start] == ',' &&
            (tok_is(c, b + 2, "the") || tok_is(c, b + 2, "a"))) {
            size_t j = b + 3, head = NONE;
            while (j < c->x.nt && j < b + 3 + CRI_ENT_MOD_MAX + 1 &&
                   is_word(c, j) && !has(c, j, LX_STOP | LX_CUE | LX_AUX)) {
                if (has(c, j, LX_ROLE))
                    head = j;
                j++;
            }
            if (head != NONE && head + 1 == j && j < c->x.nt &&
                c->x.t[j].kind == CR_TOK_PUNCT && !c->used_head[head] &&
                add_role(c, b + 3, head, d->ent, b + 2))
                return -1;
        }
    }
    return 0;
}

/* Role phrases elsewhere: "the Kremlin leader", "North Korea's leader". */
static int pass_role_mentions(ectx *c)
{
    size_t h;
    if (!c->nr)
        return 0;
    for (h = 1; h < c->x.nt; h++) {
        size_t m0, s, k;
        const char *country;
        char others[64], head[24];
        uint32_t cls, found = NONE;
        int many = 0;
        if (!is_word(c, h) || !has(c, h, LX_ROLE) || c->used_head[h])
            continue;
        if (h + 1 < c->x.nt && is_cap(c, h + 1) && !has(c, h + 1, LX_STOP) &&
            c->x.sent[h + 1] == c->x.sent[h])
            continue; /* a title before a name no one resolved */
        m0 = mods_start(c, h);
        if (m0 == h)
            continue; /* "the leader": not specific */
        read_mods(c, m0, h, &country, others);
        if (!country && !others[0])
            continue;
        cls = role_class(c, h);
        head_word(c, h, head);
        for (k = 0; k < c->nr && !many; k++) {
            const role *r = &c->r[k];
            if (cls ? r->cls != cls : strcmp(r->head, head) != 0)
                continue;
            if (country ? !r->country || strcmp(country, r->country) != 0
                        : !others[0])
                continue;
            if (!cri_words_in(others, r->others, 0))
                continue;
            if (found == NONE || root(c, found) == root(c, r->ent))
                found = r->ent;
            else
                many = 1;
        }
        if (found == NONE || many)
            continue;
        s = m0 > 0 && tok_is(c, m0 - 1, "the") ? m0 - 1 : m0;
        if (add_mention(c, c->x.t[s].start, cri_xtext_end_noposs(&c->x, h),
                        found, CR_MENTION_ROLE, CRI_CONF_ROLE))
            return -1;
    }
    return 0;
}

/* --- output -------------------------------------------------------------- */

static int cmp_mention(const void *pa, const void *pb)
{
    const cr_mention *a = pa, *b = pb;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->end != b->end)
        return a->end > b->end ? -1 : 1;
    if (a->entity != b->entity)
        return a->entity < b->entity ? -1 : 1;
    return a->how < b->how ? -1 : a->how > b->how;
}

/* The end of the run of m[i..n) in order (cmp_mention) from i. */
static size_t run_end(const cr_mention *m, size_t i, size_t n)
{
    for (i++; i < n && cmp_mention(&m[i - 1], &m[i]) <= 0; i++)
        ;
    return i;
}

/* Sort the n mentions at m by cmp_mention, stably (equal ones keep their
 * order, as with glibc's merge sort): runs already in order, as mentions
 * mostly are, are merged pairwise until one is left. tmp holds n. */
static void sort_mentions(cr_mention *m, size_t n, cr_mention *tmp)
{
    cr_mention *src = m, *dst = tmp;
    while (run_end(src, 0, n) < n) {
        size_t i = 0;
        while (i < n) {
            size_t j = run_end(src, i, n), k = j < n ? run_end(src, j, n) : n;
            size_t a = i, b = j, o = i;
            while (a < j && b < k)
                dst[o++] = cmp_mention(&src[b], &src[a]) < 0 ? src[b++]
                                                             : src[a++];
            while (a < j)
                dst[o++] = src[a++];
            while (b < k)
                dst[o++] = src[b++];
            i = k;
        }
        src = dst;
        dst = src == m ? tmp : m;
    }
    if (src != m)
        memcpy(m, src, n * sizeof *m);
}

/* Resolve aliases, drop entities without mentions, number the rest in
 * order of first mention, sort mentions; moves everything into *out. */
static int finish(ectx *c, cr_entity_set *out)
{
    size_t i, ne = 0, nm = 0;
    uint32_t *newid = NULL;
    cr_entity *ents = NULL;
    if (!c->nm)
        return 0;
    for (i = 0; i < c->nm; i++)
        c->m[i].entity = root(c, c->m[i].entity);
    {
        cr_mention *tmp = malloc(c->nm * sizeof *tmp);
        if (!tmp)
            return -1;
        sort_mentions(c->m, c->nm, tmp);
        free(tmp);
    }
    /* drop exact repeats (an apposition seen from two candidates) */
    for (i = 0; i < c->nm; i++)
        if (!nm || c->m[i].start != c->m[nm - 1].start ||
            c->m[i].end != c->m[nm - 1].end ||
            c->m[i].entity != c->m[nm - 1].entity)
            c->m[nm++] = c->m[i];
    c->nm = nm;
    newid = malloc(c->ne * sizeof *newid);
    ents = calloc(c->ne, sizeof *ents);
    if (!newid || !ents) {
        free(newid);
        free(ents);
        return -1;
    }
    for (i = 0; i < c->ne; i++)
        newid[i] = NONE;
    for (i = 0; i < c->nm; i++) {
        uint32_t e = c->m[i].entity;
        if (newid[e] == NONE) {
            newid[e] = (uint32_t)ne;
            ents[ne] = c->e[e];
            memset(&c->e[e], 0, sizeof c->e[e]);
            ne++;
        }
        c->m[i].entity = newid[e];
        if (ents[newid[e]].type == ENT_NAME)
            ents[newid[e]].type = CR_ENT_OTHER;
        ents[newid[e]].mentions++;
        if (c->m[i].confidence > ents[newid[e]].confidence)
            ents[newid[e]].confidence = c->m[i].confidence;
    }
    free(newid);
    out->entities = ents;
    out->n_entities = ne;
    out->mentions = c->m;
    out->n_mentions = c->nm;
    c->m = NULL;
    c->nm = 0;
    return 0;
}

static void free_entities(cr_entity *e, size_t n)
{
    size_t i;
    if (!e)
        return;
    for (i = 0; i < n; i++) {
        free(e[i].name);
        free(e[i].key);
        free(e[i].country);
        free(e[i].role);
    }
    free(e);
}

void cr_entity_set_clear(cr_entity_set *s)
{
    if (!s)
        return;
    free_entities(s->entities, s->n_entities);
    free(s->mentions);
    memset(s, 0, sizeof *s);
}

cr_status cri_entities_find(const cri_xtext *x, cr_entity_set *out)
{
    ectx c;
    cr_status rc = CR_ENOMEM;
    memset(out, 0, sizeof *out);
    memset(&c, 0, sizeof c);
    c.x = *x; /* borrowed: the caller frees it */
    if (c.x.nt == 0) {
        rc = CR_OK;
        goto done;
    }
    if (pass_spans(&c))
        goto done;
    if (smap_init(&c.keys, c.nc + 1, (uint64_t)(uintptr_t)&c ^ c.x.len) ||
        !(c.used_head = calloc(c.x.nt, 1)))
        goto done;
    if (pass_names(&c) || pass_subnames(&c) || pass_singles(&c) ||
        pass_appositions(&c) || pass_role_mentions(&c) || finish(&c, out))
        goto done;
    rc = CR_OK;
done:
    if (rc != CR_OK)
        cr_entity_set_clear(out);
    free_entities(c.e, c.ne);
    free(c.alias);
    free(c.words);
    free(c.m);
    free(c.c);
    free(c.r);
    free(c.used_head);
    smap_free(&c.keys);
    return rc;
}

cr_status cr_extract_entities(const char *text, size_t len, const cr_doc *doc,
                              const cr_limits *lim, cr_entity_set *out)
{
    cri_xtext x;
    cr_status rc;
    if (!out || (!text && len))
        return CR_EINVAL;
    memset(out, 0, sizeof *out);
    rc = cri_xtext_init(&x, text, len, doc, lim);
    if (rc != CR_OK)
        return rc;
    rc = cri_entities_find(&x, out);
    cri_xtext_free(&x);
    return rc;
}

/* --- across a story ------------------------------------------------------ */

/* The group key of an entity: its type, then its key ("1:kim jong un").
 * Places and organisations of the gazetteer and names the story writes in
 * full group by key; a lone word (a person known only by "Putin", or an
 * unclassified "Putin") may join one full name. */
static char *group_key(const cr_entity *e)
{
    size_t n = strlen(e->key);
    char *k = malloc(n + 3);
    if (!k)
        return NULL;
    k[0] = (char)('0' + (e->type == CR_ENT_OTHER ? CR_ENT_PERSON : e->type));
    k[1] = ':';
    memcpy(k + 2, e->key, n + 1);
    return k;
}

static int better_name(const cr_entity *x, const cr_entity *cur)
{
    size_t wx = count_words(x->key), wu = count_words(cur->key);
    if (wx != wu)
        return wx > wu;
    return x->mentions > cur->mentions;
}

cr_status cr_entities_merge(const cr_entity_set *sets, size_t n,
                            cr_entity_set *out, uint32_t **map)
{
    size_t total = 0, i, j, o, ng = 0;
    char **gk = NULL;
    uint32_t *grp = NULL, *rep = NULL, *last_set = NULL, *m = NULL;
    cr_entity *ents = NULL;
    smap groups;
    widx w;
    int oom = 0;
    cr_status rc = CR_ENOMEM;
    memset(&groups, 0, sizeof groups);
    memset(&w, 0, sizeof w);
    if (!out || !map || (!sets && n))
        return CR_EINVAL;
    memset(out, 0, sizeof *out);
    *map = NULL;
    for (i = 0; i < n; i++)
        total += sets[i].n_entities;
    if (!total)
        return CR_OK;
    {
        /* flatten */
        const cr_entity **all = malloc(total * sizeof *all);
        cr_entity *flat = NULL;
        if (!all)
            return CR_ENOMEM;
        for (i = 0, o = 0; i < n; i++)
            for (j = 0; j < sets[i].n_entities; j++)
                all[o++] = &sets[i].entities[j];
        gk = calloc(total, sizeof *gk);
        grp = malloc(total * sizeof *grp);
        rep = malloc(total * sizeof *rep);
        m = malloc(total * sizeof *m);
        flat = malloc(total * sizeof *flat);
        if (!gk || !grp || !rep || !m || !flat ||
            smap_init(&groups, total, (uint64_t)(uintptr_t)sets ^ total)) {
            free(all);
            free(flat);
            goto done;
        }
        for (i = 0; i < total; i++) {
            if (!all[i]->key) {
                free(all);
                free(flat);
                rc = CR_EINVAL;
                goto done;
            }
            flat[i] = *all[i];
        }
        free(all);
        /* people written in full, for lone words to join */
        if (widx_build(&w, flat, total, NULL, groups.seed)) {
            free(flat);
            goto done;
        }
        /* groups: a lone word that belongs to one full name takes that
           name's group; everything else groups by type and key */
        for (i = 0; i < total; i++) {
            const cr_entity *e = &flat[i];
            uint32_t g, to = NONE;
            if ((e->type == CR_ENT_PERSON || e->type == CR_ENT_OTHER) &&
                e->cls == CR_ENTC_NONE)
                to = widx_person(&w, e->key, e->type == CR_ENT_PERSON &&
                                                     strchr(e->key, ' ')
                                                 ? (uint32_t)i : NONE);
            if (to != NONE && (e->type == CR_ENT_OTHER || !strchr(e->key, ' ') ||
                               count_words(flat[to].key) > count_words(e->key)))
                e = &flat[to];
            if (!(gk[i] = group_key(e))) {
                free(flat);
                goto done;
            }
            g = smap_get(&groups, gk[i]);
            if (g == NONE) {
                g = (uint32_t)ng++;
                rep[g] = (uint32_t)i;
                if (smap_put(&groups, gk[i], g)) {
                    free(flat);
                    goto done;
                }
            }
            grp[i] = g;
        }
        /* the story entities */
        ents = calloc(ng, sizeof *ents);
        last_set = malloc(ng * sizeof *last_set);
        if (!ents || !last_set) {
            free(flat);
            goto done;
        }
        for (i = 0; i < ng; i++)
            last_set[i] = NONE;
        for (i = 0; i < total; i++) /* representative: the best name */
            if (better_name(&flat[i], &flat[rep[grp[i]]]))
                rep[grp[i]] = (uint32_t)i;
        for (i = 0, o = 0; i < n && o < total; i++)
            for (j = 0; j < sets[i].n_entities; j++, o++) {
                cr_entity *t = &ents[grp[o]];
                const cr_entity *f = &flat[o];
                m[o] = grp[o];
                t->mentions += f->mentions;
                if (last_set[grp[o]] != i) {
                    t->articles++;
                    last_set[grp[o]] = (uint32_t)i;
                }
                if (f->confidence > t->confidence)
                    t->confidence = f->confidence;
                if (!t->country && f->country)
                    oom |= !(t->country = cri_strndup(f->country, strlen(f->country)));
                if (!t->role && f->role)
                    oom |= !(t->role = cri_strndup(f->role, strlen(f->role)));
            }
        for (i = 0; i < ng; i++) {
            const cr_entity *f = &flat[rep[i]];
            ents[i].name = cri_strndup(f->name, strlen(f->name));
            ents[i].key = cri_strndup(f->key, strlen(f->key));
            ents[i].type = f->type;
            ents[i].cls = f->cls;
            oom |= !ents[i].name || !ents[i].key;
        }
        if (oom) {
            free(flat);
            goto done;
        }
        free(flat);
    }
    out->entities = ents;
    out->n_entities = ng;
    ents = NULL;
    *map = m;
    m = NULL;
    rc = CR_OK;
done:
    free_entities(ents, ng);
    if (gk)
        for (i = 0; i < total; i++)
            free(gk[i]);
    free(gk);
    free(grp);
    free(rep);
    free(last_set);
    free(m);
    smap_free(&groups);
    widx_free(&w);
    return rc;
}
