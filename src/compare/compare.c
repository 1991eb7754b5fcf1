/*
 * compare.c — one story's coverage side by side (see the "Comparison"
 * section of include/crossread.h and docs/ALGORITHMS.md).
 *
 * cr_compare_add analyses each article (tokens, sentences, quotations, word
 * keys). cr_compare_run then:
 *   1. scores every pair of quotations of different articles (content
 *      stems and their synonyms, character trigrams, containment for
 *      partial quotes, speaker agreement) and groups them greedily, best
 *      pair first, complete link (every two members of a group aligned),
 *      never two passages of one article in a group;
 *   2. does the same for sentences (IDF-weighted cosine over content
 *      words, names and numbers weighing more, synonyms, the kinds of
 *      source cited) to find the facts;
 *   3. ranks facts by centrality (how strongly the story's other articles
 *      echo them) for the summary;
 *   4. diffs every aligned pair and reports the differences that matter:
 *      numbers, names, and framing (a term one article marks as its own).
 */
#include "compare/compare.h"
#include "util/util.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

/* Tunables. The similarities are in [0, 1]. */
#define QUOTE_MIN_DEFAULT 0.34  /* quotations: the same utterance from here.
                                   Two independent translations of one
                                   sentence share about half their content
                                   stems and more of their trigrams;
                                   quotes of one speaker on one topic share
                                   a few names */
#define FACT_MIN_DEFAULT 0.20   /* sentences: the same fact from here */
#define SUMMARY_DEFAULT 5       /* sentences in the summary */
#define W_STEMS 0.6             /* quote score: weight of stem Dice ... */
#define W_TRIGRAMS 0.4          /* ... and of character-trigram Dice */
#define CONTAIN_MIN_WORDS 4     /* a partial quote aligns by containment
                                   only from this many content words */
#define CONTAIN_FACTOR 0.9      /* containment's score: this x the share of
                                   the shorter quote found in the longer */
#define QUOTE_WEAK 0.20         /* below quote_min, a pair of statements
                                   still aligns when each is the other's
                                   clear best match in its article ... */
#define WEAK_MIN_WORDS 3        /* ... for statements of this many content
                                   words or more */
#define QUOTE_MARGIN 0.10       /* ... ahead of the runner-up by this much
                                   (competitive linking: two translations
                                   of one sentence share few words, but
                                   more than with any other sentence) */
#define W_CONTEXT 0.15          /* bonus: this x the Dice of two
                                   statements' contexts (the same speaker,
                                   verb and venue introduce the same
                                   words; a quoted term's identity is its
                                   own words only) ... */
#define CONTEXT_MIN_WORDS 2     /* ... when both have this many words */
#define SPEAKER_AGREE 0.10      /* bonus when both speakers resolve alike */
#define SPEAKER_DIFFER 0.15     /* malus when they resolve differently */
#define FACT_MIN_SHARED 3        /* ... and from this many keys in common:
                                   two names alone are not a fact */
#define W_NAME 1.5              /* fact score: a name counts this much ... */
#define W_NUMBER 2.0            /* ... a number this much, a stem 1 */
#define EXPR_SEED 0x657870u     /* date/quantity keys apart from words */
#define CITE_SEED 0x63697465u   /* cited-source keys apart from words */
#define W_CITE W_NAME           /* the kind of source a sentence cites
                                   counts as a word */
#define DIFF_MAX_WORDS 5         /* a number or name difference is a
                                   replacement of at most this many words
                                   a side; longer ones are rewording */
#define W_SYNONYM 0.5            /* two different words of one synonym class
                                   (WordNet synsets, src/compare/
                                   synonyms.c) count this much of an exact
                                   match: a class holds a word's frequent
                                   senses, not necessarily the one the text
                                   means */
#define W_HYPERNYM 0.4           /* a word and the class directly above
                                   one of its senses count this much */
#define SYN_WORDS_MAX 64         /* synonym candidates kept per passage */
#define LEAD_SENTENCES 3        /* centrality bonus for an article's lead */
#define LEAD_BONUS 0.05

/* ---- small sets of 64-bit keys ------------------------------------------ */

typedef struct keyset {
    uint64_t *k;   /* sorted, unique */
    float *w;      /* weight of each key (facts); NULL for quotes */
    size_t n;
} keyset;

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return a < b ? -1 : a > b;
}

/* Sort and deduplicate k[0..n); returns the new count. */
static size_t uniq(uint64_t *k, size_t n)
{
    size_t i, o = 0;
    qsort(k, n, sizeof *k, cmp_u64);
    for (i = 0; i < n; i++)
        if (o == 0 || k[o - 1] != k[i])
            k[o++] = k[i];
    return o;
}

static size_t common(const keyset *a, const keyset *b)
{
    size_t i = 0, j = 0, c = 0;
    while (i < a->n && j < b->n) {
        if (a->k[i] < b->k[j])
            i++;
        else if (a->k[i] > b->k[j])
            j++;
        else
            c++, i++, j++;
    }
    return c;
}

/* The place of key k in a, or -1. */
static ptrdiff_t key_index(const keyset *a, uint64_t k)
{
    size_t lo = 0, hi = a->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (a->k[mid] == k)
            return (ptrdiff_t)mid;
        if (a->k[mid] < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static int has_key(const keyset *a, uint64_t k) { return key_index(a, k) >= 0; }

/* The weight of key k in a (0 when absent). */
static float key_weight(const keyset *a, uint64_t k)
{
    ptrdiff_t i = key_index(a, k);
    return i < 0 ? 0 : a->w ? a->w[i] : 1;
}

static double dice(const keyset *a, const keyset *b)
{
    return a->n + b->n ? 2.0 * (double)common(a, b) / (double)(a->n + b->n)
                       : 0;
}

/* ---- document frequencies ----------------------------------------------- */

typedef struct dfmap {
    uint64_t *k;
    uint32_t *v;
    size_t cap, n;   /* cap: a power of two */
} dfmap;

static uint32_t *df_slot(dfmap *m, uint64_t k, int add)
{
    size_t i;
    if (add && (m->n + 1) * 2 > m->cap) {
        dfmap g = {0};
        g.cap = m->cap ? m->cap * 2 : 256;
        g.k = calloc(g.cap, sizeof *g.k);
        g.v = calloc(g.cap, sizeof *g.v);
        if (!g.k || !g.v) {
            free(g.k);
            free(g.v);
            return NULL;
        }
        for (i = 0; i < m->cap; i++)
            if (m->v[i]) {
                size_t j = (size_t)m->k[i] & (g.cap - 1);
                while (g.v[j])
                    j = (j + 1) & (g.cap - 1);
                g.k[j] = m->k[i];
                g.v[j] = m->v[i];
            }
        g.n = m->n;
        free(m->k);
        free(m->v);
        *m = g;
    }
    if (!m->cap)
        return NULL;
    i = (size_t)k & (m->cap - 1);
    while (m->v[i] && m->k[i] != k)
        i = (i + 1) & (m->cap - 1);
    if (!m->v[i]) {
        if (!add)
            return NULL;
        m->k[i] = k;
        m->n++;
    }
    return &m->v[i];
}

/* ---- the comparison ----------------------------------------------------- */

/* A word of a passage that has synonym classes in the story: its key in
 * the passage's keyset (stem for quotations, loose prefix key for
 * sentences), its weight there, and its classes ids[syn..syn+nsyn) of its
 * article. */
typedef struct synword {
    uint64_t key;
    float w;
    uint32_t syn, nsyn;
} synword;

/* A class of a synonym word of a passage: the synset, whether it lies
 * above the word, and the word (its index among the passage's). */
typedef struct synclass {
    uint32_t cls;
    uint8_t hyper, word;
} synclass;

/* The synonym words of passage p of some kind: list[at[p]..at[p+1]); their
 * classes, by synset: cls[cat[p]..cat[p+1]); sig[p]: one bit per synset
 * (its number mod 64), to tell quickly that two passages share none. */
typedef struct synlist {
    synword *list;
    uint32_t *at;
    synclass *cls;
    uint32_t *cat;
    uint64_t *sig;
} synlist;

typedef struct art {
    cr_article a;          /* owned copy */
    cr_cmp_article pub;
    cr_doc *doc;
    const cr_token *tok;
    size_t ntok;
    const cr_span *sent;
    size_t nsent;
    cr_quote *q;
    size_t nq;
    cri_word *w;
    size_t nw;
    uint32_t *sw;          /* sentence s covers words sw[s]..sw[s+1) */
    keyset *sk;            /* sentence keys (facts) */
    keyset *qk, *qt;       /* quote stems, quote trigrams */
    keyset *qc;            /* quote context: content stems of its
                              sentences outside the quote marks */
    uint32_t *qw;          /* quote q covers words qw[2q]..qw[2q+1) */
    double *cent;          /* sentence centrality */
    cr_entity_set ents;    /* its entities (cr_extract_entities) */
    cr_cite *cites;        /* the sources it cites (cr_extract_cites) */
    size_t ncites;
    cr_expr *ex;           /* its dates and quantities (cr_extract_exprs) */
    size_t nex;
    uint32_t *ment;        /* ment[m]: the story entity of mention m */
    uint32_t *syn;         /* the words' synonym classes (cri_word.syn) */
    size_t nsyn;
    synlist qs, ss;        /* synonym words of each quotation, sentence */
} art;

typedef struct group {
    cr_cmp_group pub;
    cr_cmp_ref *m;         /* members, owned */
    cr_diff_op **diff;     /* diff[m] of member 0 against m (m >= 1) */
    size_t *ndiff;
    double first_pos;      /* for ordering */
} group;

typedef struct edge {
    double s;
    uint32_t x, y;         /* unit numbers */
} edge;

struct cr_compare {
    cr_compare_opts o;
    art *a;
    size_t n, cap;
    int ran;
    uint32_t *order;        /* articles in report order */
    uint32_t *rank;         /* rank[article]: its place in order */
    cr_cmp_group *qg, *fg;  /* public views */
    group *qgs, *fgs;
    size_t nqg, nfg;
    uint32_t *summary;
    size_t nsummary;
    cr_cmp_diff *diffs;
    size_t ndiffs, capdiffs;
    uint64_t *frag;         /* letters_key of each fragment quotation */
    size_t nfrag;
    cr_entity_set ents;     /* the story's entities (cr_entities_merge) */
};

void cr_compare_opts_default(cr_compare_opts *o)
{
    if (!o)
        return;
    o->quote_min = QUOTE_MIN_DEFAULT;
    o->fact_min = FACT_MIN_DEFAULT;
    o->summary = SUMMARY_DEFAULT;
}

cr_status cr_compare_new(const cr_compare_opts *opts, cr_compare **out)
{
    cr_compare *c;
    if (!out)
        return CR_EINVAL;
    *out = NULL;
    c = calloc(1, sizeof *c);
    if (!c)
        return CR_ENOMEM;
    if (opts)
        c->o = *opts;
    else
        cr_compare_opts_default(&c->o);
    *out = c;
    return CR_OK;
}

static void free_groups(group *g, size_t n)
{
    size_t i, m;
    for (i = 0; i < n; i++) {
        if (g[i].diff)
            for (m = 0; m < g[i].pub.n; m++)
                free(g[i].diff[m]);
        free(g[i].diff);
        free(g[i].ndiff);
        free(g[i].m);
    }
    free(g);
}

static void free_keysets(keyset *k, size_t n)
{
    size_t i;
    if (!k)
        return;
    for (i = 0; i < n; i++) {
        free(k[i].k);
        free(k[i].w);
    }
    free(k);
}

static void synlist_free(synlist *l)
{
    free(l->list);
    free(l->at);
    free(l->cls);
    free(l->cat);
    free(l->sig);
}

void cr_compare_free(cr_compare *c)
{
    size_t i;
    if (!c)
        return;
    for (i = 0; i < c->n; i++) {
        art *a = &c->a[i];
        cr_article_clear(&a->a);
        cr_doc_free(a->doc);
        cr_quotes_free(a->q, a->nq);
        free(a->w);
        free(a->sw);
        free_keysets(a->sk, a->nsent);
        free_keysets(a->qk, a->nq);
        free_keysets(a->qt, a->nq);
        free_keysets(a->qc, a->nq);
        free(a->qw);
        free(a->cent);
        cr_entity_set_clear(&a->ents);
        free(a->ment);
        cr_cites_free(a->cites, a->ncites);
        cr_exprs_free(a->ex);
        free(a->syn);
        synlist_free(&a->qs);
        synlist_free(&a->ss);
    }
    free(c->a);
    free(c->order);
    free(c->rank);
    free_groups(c->qgs, c->nqg);
    free_groups(c->fgs, c->nfg);
    free(c->qg);
    free(c->fg);
    free(c->summary);
    free(c->diffs);
    free(c->frag);
    cr_entity_set_clear(&c->ents);
    free(c);
}

static char *dup_or_null(const char *s)
{
    return s ? cri_strndup(s, strlen(s)) : NULL;
}

/* First word index at or after byte offset off. */
static uint32_t word_at(const art *a, uint32_t off)
{
    size_t lo = 0, hi = a->nw;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (a->w[mid].start < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (uint32_t)lo;
}

/* Character trigrams of the letters and digits of a quotation, folded (one
 * space between words), as hashes. */
static cr_status trigrams(const char *text, const cri_word *w, size_t n,
                          keyset *out)
{
    cri_buf b = {0};
    size_t i, cap = 0, nk = 0;
    uint64_t *k = NULL;
    for (i = 0; i < n; i++) {
        char *f = NULL;
        size_t fn = 0;
        if (cr_fold(text + w[i].start, w[i].end - w[i].start, &f, &fn) !=
                CR_OK ||
            cri_buf_putc(&b, ' ') || cri_buf_append(&b, f, fn)) {
            free(f);
            cri_buf_free(&b);
            return CR_ENOMEM;
        }
        free(f);
    }
    if (cri_buf_putc(&b, ' ')) {
        cri_buf_free(&b);
        return CR_ENOMEM;
    }
    for (i = 0; i + 3 <= b.len; i++) {
        if (cri_grow((void **)&k, &cap, nk + 1, sizeof *k)) {
            free(k);
            cri_buf_free(&b);
            return CR_ENOMEM;
        }
        k[nk++] = XXH3_64bits(b.data + i, 3);
    }
    cri_buf_free(&b);
    out->k = k;
    out->n = nk ? uniq(k, nk) : 0;
    out->w = NULL;
    return CR_OK;
}

/* Content stems of words w[0..n): not stopwords (numbers are kept). */
static cr_status stems(const cri_word *w, size_t n, keyset *out)
{
    size_t i, nk = 0;
    uint64_t *k = malloc((n ? n : 1) * sizeof *k);
    if (!k)
        return CR_ENOMEM;
    for (i = 0; i < n; i++)
        if (!w[i].stop)
            k[nk++] = w[i].stem;
    out->k = k;
    out->n = nk ? uniq(k, nk) : 0;
    out->w = NULL;
    return CR_OK;
}

/* Index of the sentence holding word w (the last one starting at or
 * before it). */
static size_t sentence_of(const art *a, uint32_t w)
{
    size_t lo = 0, hi = a->nsent;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (a->sw[mid] <= w)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? lo - 1 : 0;
}

/* The context of the quotation over words [w0, w1): content stems of the
 * sentences it lies in, outside it (its attribution: speaker, verb,
 * venue). */
static cr_status context(const art *a, uint32_t w0, uint32_t w1, keyset *out)
{
    uint32_t c0, c1, i;
    size_t nk = 0;
    uint64_t *k;
    out->k = NULL;
    out->w = NULL;
    out->n = 0;
    if (!a->nsent || w0 >= a->nw)
        return CR_OK;
    c0 = a->sw[sentence_of(a, w0)];
    c1 = a->sw[sentence_of(a, w1 > w0 ? w1 - 1 : w0) + 1];
    k = malloc((c1 - c0 + 1) * sizeof *k);
    if (!k)
        return CR_ENOMEM;
    for (i = c0; i < c1; i++)
        if ((i < w0 || i >= w1) && !a->w[i].stop)
            k[nk++] = a->w[i].stem;
    out->k = k;
    out->n = nk ? uniq(k, nk) : 0;
    return CR_OK;
}

static cr_status analyse(art *a, const cr_limits *lim)
{
    cr_stemmer *st = NULL;
    const char *lang;
    size_t s, q, cap = 0;
    cr_status rc;

    if ((rc = cr_doc_analyze(a->a.text, a->a.text_len, a->a.lang, lim,
                             &a->doc)) != CR_OK)
        return rc;
    lang = cr_doc_lang(a->doc);
    if (cr_stemmer_new(lang, &st) != CR_OK)
        st = NULL;
    a->tok = cr_doc_tokens(a->doc, &a->ntok);
    a->sent = cr_doc_sentences(a->doc, &a->nsent);
    rc = cri_words(a->a.text, a->a.text_len, a->tok, a->ntok, st, lang,
                   &a->w, &a->nw);
    cr_stemmer_free(st);
    if (rc != CR_OK)
        return rc;
    /* the whole extraction stage, one token view for its four parts */
    {
        cr_extraction x;
        if ((rc = cr_extract_all(a->a.text, a->a.text_len, a->doc,
                                 a->a.published, lim, &x, NULL)) != CR_OK)
            return rc;
        a->q = x.quotes;
        a->nq = x.n_quotes;
        a->ents = x.entities;
        a->cites = x.cites;
        a->ncites = x.n_cites;
        a->ex = x.exprs;
        a->nex = x.n_exprs;
    }
    (void)cap;
    a->sw = malloc((a->nsent + 1) * sizeof *a->sw);
    a->sk = calloc(a->nsent ? a->nsent : 1, sizeof *a->sk);
    a->cent = calloc(a->nsent ? a->nsent : 1, sizeof *a->cent);
    a->qw = malloc((2 * a->nq + 1) * sizeof *a->qw);
    a->qk = calloc(a->nq ? a->nq : 1, sizeof *a->qk);
    a->qt = calloc(a->nq ? a->nq : 1, sizeof *a->qt);
    a->qc = calloc(a->nq ? a->nq : 1, sizeof *a->qc);
    if (!a->sw || !a->sk || !a->cent || !a->qw || !a->qk || !a->qt ||
        !a->qc)
        return CR_ENOMEM;
    for (s = 0; s < a->nsent; s++)
        a->sw[s] = word_at(a, a->sent[s].start);
    a->sw[a->nsent] = (uint32_t)a->nw;
    if (lang && strcmp(lang, "en") == 0 &&
        (rc = cri_word_synsets(a->a.text, a->w, a->nw, a->sw, a->nsent,
                               &a->syn, &a->nsyn)) != CR_OK)
        return rc;
    for (q = 0; q < a->nq; q++) {
        uint32_t w0 = word_at(a, a->q[q].start), w1 = word_at(a, a->q[q].end);
        a->qw[2 * q] = w0;
        a->qw[2 * q + 1] = w1;
        if ((rc = stems(a->w + w0, w1 - w0, &a->qk[q])) != CR_OK ||
            (rc = trigrams(a->a.text, a->w + w0, w1 - w0, &a->qt[q])) !=
                CR_OK ||
            (rc = context(a, w0, w1, &a->qc[q])) != CR_OK)
            return rc;
    }
    a->pub.id = a->a.id;
    a->pub.source = a->a.source;
    a->pub.title = a->a.title;
    a->pub.published = a->a.published;
    a->pub.lang = lang;
    a->pub.text = a->a.text;
    a->pub.text_len = a->a.text_len;
    a->pub.nquotes = a->nq;
    a->pub.nsentences = a->nsent;
    if (!a->a.published || cr_date_seconds(a->a.published, &a->pub.time))
        a->pub.time = INT64_MIN;
    return CR_OK;
}

cr_status cr_compare_add(cr_compare *c, const cr_article *a,
                         const cr_limits *lim, cr_error *err)
{
    art *x;
    cr_status rc;
    if (!c || !a || !a->id || !a->text)
        return cri_fail(err, CR_EINVAL, 0, "cr_compare_add: NULL argument");
    if (c->ran)
        return cri_fail(err, CR_EINVAL, 0,
                        "cr_compare_add: the comparison already ran");
    if (c->n >= UINT32_MAX / 2)
        return cri_fail(err, CR_ELIMIT, 0, "too many articles to compare");
    if (cri_grow((void **)&c->a, &c->cap, c->n + 1, sizeof *c->a))
        return cri_fail(err, CR_ENOMEM, 0, "out of memory");
    x = &c->a[c->n];
    memset(x, 0, sizeof *x);
    c->n++;
    x->a.id = dup_or_null(a->id);
    x->a.source = dup_or_null(a->source);
    x->a.url = dup_or_null(a->url);
    x->a.title = dup_or_null(a->title);
    x->a.lang = dup_or_null(a->lang);
    x->a.published = dup_or_null(a->published);
    x->a.published_how = a->published_how;
    x->a.text = cri_strndup(a->text, a->text_len);
    x->a.text_len = a->text_len;
    if (!x->a.id || !x->a.text || (a->source && !x->a.source) ||
        (a->title && !x->a.title) || (a->published && !x->a.published) ||
        (a->lang && !x->a.lang) || (a->url && !x->a.url))
        return cri_fail(err, CR_ENOMEM, 0, "out of memory");
    if ((rc = analyse(x, lim)) != CR_OK)
        return cri_fail(err, rc, 0, "article %s: %s", a->id,
                        cr_strerror(rc));
    return CR_OK;
}

/* ---- report order ------------------------------------------------------- */

typedef struct timed {
    int64_t t;
    uint32_t i;
} timed;

static int by_time(const void *x, const void *y)
{
    const timed *a = x, *b = y;
    if (a->t != b->t) {
        if (a->t == INT64_MIN)
            return 1;
        if (b->t == INT64_MIN)
            return -1;
        return a->t < b->t ? -1 : 1;
    }
    return a->i < b->i ? -1 : a->i > b->i;
}

static cr_status order_articles(cr_compare *c)
{
    size_t i;
    int64_t first = INT64_MIN;
    timed *t = malloc((c->n ? c->n : 1) * sizeof *t);
    c->order = malloc((c->n ? c->n : 1) * sizeof *c->order);
    c->rank = malloc((c->n ? c->n : 1) * sizeof *c->rank);
    if (!t || !c->order || !c->rank) {
        free(t);
        return CR_ENOMEM;
    }
    for (i = 0; i < c->n; i++) {
        t[i].t = c->a[i].pub.time;
        t[i].i = (uint32_t)i;
    }
    qsort(t, c->n, sizeof *t, by_time);
    for (i = 0; i < c->n; i++) {
        c->order[i] = t[i].i;
        c->rank[t[i].i] = (uint32_t)i;
    }
    free(t);
    if (c->n)
        first = c->a[c->order[0]].pub.time;
    for (i = 0; i < c->n; i++)
        c->a[i].pub.first = first != INT64_MIN && c->a[i].pub.time == first;
    return CR_OK;
}

/* ---- grouping ----------------------------------------------------------- */

/* A passage as the grouping sees it. */
typedef struct unit {
    uint32_t art, index;
    cr_span span;
} unit;

static int edge_order(const void *x, const void *y)
{
    const edge *a = x, *b = y;
    if (a->s != b->s)
        return a->s > b->s ? -1 : 1;
    if (a->x != b->x)
        return a->x < b->x ? -1 : 1;
    return a->y < b->y ? -1 : a->y > b->y;
}

static uint32_t find(uint32_t *parent, uint32_t x)
{
    while (parent[x] != x)
        x = parent[x] = parent[parent[x]];
    return x;
}

/* Pairs of units with a value each: open addressing over the key
 * x << 32 | y (x < y); UINT64_MAX marks a free slot (no pair has it). */
typedef struct pairset {
    uint64_t *k;
    float *v;
    size_t mask;           /* capacity - 1, capacity a power of two */
} pairset;

static uint64_t pair_key(uint32_t x, uint32_t y)
{
    return x < y ? (uint64_t)x << 32 | y : (uint64_t)y << 32 | x;
}

static size_t pair_slot(const pairset *p, uint64_t k)
{
    size_t i = (size_t)((k * 0x9E3779B97F4A7C15u) >> 17) & p->mask;
    while (p->k[i] != UINT64_MAX && p->k[i] != k)
        i = (i + 1) & p->mask;
    return i;
}

/* Room for n pairs. */
static cr_status pairset_init(pairset *p, size_t n)
{
    size_t cap = 16;
    while (cap < 2 * n + 2)
        cap *= 2;
    p->k = malloc(cap * sizeof *p->k);
    p->v = malloc(cap * sizeof *p->v);
    if (!p->k || !p->v) {
        free(p->k);
        free(p->v);
        p->k = NULL;
        p->v = NULL;
        return CR_ENOMEM;
    }
    memset(p->k, 0xFF, cap * sizeof *p->k);
    p->mask = cap - 1;
    return CR_OK;
}

static void pairset_free(pairset *p)
{
    free(p->k);
    free(p->v);
}

/* Add the pair (x, y) with value v, keeping the larger value of a pair
 * added twice (at most the n pairs pairset_init made room for). */
static void pairset_put(pairset *p, uint32_t x, uint32_t y, float v)
{
    uint64_t k = pair_key(x, y);
    size_t i = pair_slot(p, k);
    if (p->k[i] != k) {
        p->k[i] = k;
        p->v[i] = v;
    } else if (v > p->v[i]) {
        p->v[i] = v;
    }
}

/* The value of the pair (x, y); `none` when absent. */
static float pairset_get(const pairset *p, uint32_t x, uint32_t y, float none)
{
    uint64_t k = pair_key(x, y);
    size_t i;
    if (!p->k)
        return none;
    i = pair_slot(p, k);
    return p->k[i] == k ? p->v[i] : none;
}

/* May the groups of roots rx and ry (linked lists through next[]) become
 * one? Only when no article has a passage in both and every passage of one
 * aligned with every passage of the other: a group is a clique of aligned
 * pairs, never a chain (A ~ B and B ~ C do not put A with C). */
static int joinable(const unit *u, const uint32_t *next, const pairset *p,
                    uint32_t rx, uint32_t ry)
{
    uint32_t i, j;
    for (i = rx; i != UINT32_MAX; i = next[i])
        for (j = ry; j != UINT32_MAX; j = next[j])
            if (u[i].art == u[j].art || pairset_get(p, i, j, -1) < 0)
                return 0;
    return 1;
}

/* Group units greedily along edges (best first, complete link): two groups
 * join when an edge links them and every two of their passages form an
 * edge, and no group holds two units of one article. *gid receives each
 * unit's group root. */
static cr_status group_units(const unit *u, size_t nu, edge *e, size_t ne,
                             uint32_t *gid)
{
    uint32_t *next = malloc((nu ? nu : 1) * sizeof *next);
    uint32_t *tail = malloc((nu ? nu : 1) * sizeof *tail);
    pairset p = {0};
    size_t i;
    if (!next || !tail || pairset_init(&p, ne) != CR_OK) {
        free(next);
        free(tail);
        return CR_ENOMEM;
    }
    for (i = 0; i < ne; i++)
        pairset_put(&p, e[i].x, e[i].y, (float)(e[i].s > 0 ? e[i].s : 0));
    for (i = 0; i < nu; i++) {
        gid[i] = (uint32_t)i;
        next[i] = UINT32_MAX;
        tail[i] = (uint32_t)i;
    }
    if (ne)
        qsort(e, ne, sizeof *e, edge_order);
    for (i = 0; i < ne; i++) {
        uint32_t rx = find(gid, e[i].x), ry = find(gid, e[i].y), lo, hi;
        if (rx == ry || !joinable(u, next, &p, rx, ry))
            continue;
        lo = rx < ry ? rx : ry;
        hi = rx < ry ? ry : rx;
        gid[hi] = lo;
        next[tail[lo]] = hi;
        tail[lo] = tail[hi];
    }
    for (i = 0; i < nu; i++)
        gid[i] = find(gid, (uint32_t)i);
    free(next);
    free(tail);
    pairset_free(&p);
    return CR_OK;
}

/* Order the members of a group as the articles are ordered (insertion
 * sort: a group holds at most one passage per article). */
static void sort_members(const cr_compare *c, cr_cmp_ref *m, size_t n)
{
    size_t i, j;
    for (i = 1; i < n; i++) {
        cr_cmp_ref x = m[i];
        for (j = i; j > 0 && c->rank[m[j - 1].article] > c->rank[x.article];
             j--)
            m[j] = m[j - 1];
        m[j] = x;
    }
}

/* Build groups from units and their roots. */
static cr_status make_groups(cr_compare *c, const unit *u, size_t nu,
                             const uint32_t *gid, group **out, size_t *nout)
{
    size_t i, ng = 0;
    uint32_t *slot = malloc((nu ? nu : 1) * sizeof *slot);
    group *g = NULL;
    if (!slot)
        return CR_ENOMEM;
    for (i = 0; i < nu; i++)
        slot[i] = UINT32_MAX;
    for (i = 0; i < nu; i++)
        if (gid[i] == i)
            slot[i] = (uint32_t)ng++;
    g = calloc(ng ? ng : 1, sizeof *g);
    if (!g) {
        free(slot);
        return CR_ENOMEM;
    }
    for (i = 0; i < nu; i++)
        g[slot[gid[i]]].pub.n++;
    for (i = 0; i < ng; i++) {
        g[i].m = calloc(g[i].pub.n, sizeof *g[i].m);
        if (!g[i].m) {
            free(slot);
            free_groups(g, ng);
            return CR_ENOMEM;
        }
        g[i].pub.n = 0;
        g[i].pub.similarity = 1;
    }
    for (i = 0; i < nu; i++) {
        group *x = &g[slot[gid[i]]];
        cr_cmp_ref *r = &x->m[x->pub.n++];
        r->article = u[i].art;
        r->index = u[i].index;
        r->span = u[i].span;
    }
    for (i = 0; i < ng; i++) {
        sort_members(c, g[i].m, g[i].pub.n);
        g[i].pub.members = g[i].m;
        g[i].first_pos = (double)c->rank[g[i].m[0].article] * 1e10 +
                         g[i].m[0].span.start;
    }
    free(slot);
    *out = g;
    *nout = ng;
    return CR_OK;
}

/* A posting of an inverted index: passage `unit` has key `key` (weight w). */
typedef struct posting {
    uint64_t key;
    uint32_t unit;
    float w;
    uint64_t word;         /* synonym postings: the word's key, its low
                              bit set for a class above the word */
} posting;

static int posting_order(const void *x, const void *y)
{
    const posting *a = x, *b = y;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    return a->unit < b->unit ? -1 : a->unit > b->unit;
}

/* An inverted index over postings: p sorted by key then unit; end[t] is one
 * past the last posting of p[t]'s key; byu[first[x]..first[x+1]) are the
 * postings of unit x. */
typedef struct pindex {
    posting *p;
    size_t np;
    uint32_t *end, *first, *byu;
} pindex;

static void pindex_free(pindex *ix)
{
    free(ix->p);
    free(ix->end);
    free(ix->first);
    free(ix->byu);
}

/* Index the postings ix->p[0..ix->np) of nu units (takes ix->p). */
static cr_status pindex_build(pindex *ix, size_t nu)
{
    size_t t, x;
    uint32_t *fill;
    ix->end = malloc((ix->np ? ix->np : 1) * sizeof *ix->end);
    ix->first = calloc(nu + 1, sizeof *ix->first);
    ix->byu = malloc((ix->np ? ix->np : 1) * sizeof *ix->byu);
    fill = malloc((nu ? nu : 1) * sizeof *fill);
    if (!ix->end || !ix->first || !ix->byu || !fill) {
        free(fill);
        return CR_ENOMEM;
    }
    if (ix->np)
        qsort(ix->p, ix->np, sizeof *ix->p, posting_order);
    for (t = ix->np; t-- > 0;)
        ix->end[t] = t + 1 < ix->np && ix->p[t + 1].key == ix->p[t].key
                         ? ix->end[t + 1]
                         : (uint32_t)(t + 1);
    for (t = 0; t < ix->np; t++)
        ix->first[ix->p[t].unit + 1]++;
    for (x = 0; x < nu; x++)
        ix->first[x + 1] += ix->first[x];
    for (x = 0; x < nu; x++)
        fill[x] = ix->first[x];
    for (t = 0; t < ix->np; t++)
        ix->byu[fill[ix->p[t].unit]++] = (uint32_t)t;
    free(fill);
    return CR_OK;
}

/* The synonym postings of units u[0..nu) (their quotations' synonym words
 * when `quotes`, else their sentences'): one per class of each word, keyed
 * by synset, with the word's weight and key (its low bit set for a class
 * above the word). */
static cr_status syn_index(const cr_compare *c, const unit *u, size_t nu,
                           int quotes, pindex *ix)
{
    size_t x, t, q;
    memset(ix, 0, sizeof *ix);
    for (x = 0; x < nu; x++) {
        const art *a = &c->a[u[x].art];
        const synlist *l = quotes ? &a->qs : &a->ss;
        for (t = l->at[u[x].index]; t < l->at[u[x].index + 1]; t++)
            ix->np += l->list[t].nsyn;
    }
    ix->p = malloc((ix->np ? ix->np : 1) * sizeof *ix->p);
    if (!ix->p)
        return CR_ENOMEM;
    ix->np = 0;
    for (x = 0; x < nu; x++) {
        const art *a = &c->a[u[x].art];
        const synlist *l = quotes ? &a->qs : &a->ss;
        for (t = l->at[u[x].index]; t < l->at[u[x].index + 1]; t++)
            for (q = 0; q < l->list[t].nsyn; q++) {
                uint32_t id = a->syn[l->list[t].syn + q];
                posting *p = &ix->p[ix->np++];
                p->key = id >> 3;
                p->unit = (uint32_t)x;
                p->w = l->list[t].w;
                p->word = (l->list[t].key & ~(uint64_t)1) |
                          ((id & CRI_SYN_HYPER) != 0);
            }
    }
    return pindex_build(ix, nu);
}

/* The units after x in the synonym index that have a word linked to one
 * of x's (a class both have, two different words, not both below it):
 * reach[y] gets the sum of link strength x weights over the linked pairs
 * of words, which bounds what soft_matches can find; units reached first
 * are appended to touch[0..*nt). */
static void syn_reach(const pindex *ix, const unit *u, uint32_t x,
                      double *reach, uint32_t *touch, size_t *nt)
{
    uint32_t q, r;
    for (q = ix->first[x]; q < ix->first[x + 1]; q++) {
        uint32_t pt = ix->byu[q];
        uint64_t wx = ix->p[pt].word;
        for (r = pt + 1; r < ix->end[pt]; r++) {
            uint32_t y = ix->p[r].unit;
            uint64_t wy = ix->p[r].word;
            if (u[y].art == u[x].art || (wx | 1) == (wy | 1) || (wx & wy & 1))
                continue;
            if (!reach[y])
                touch[(*nt)++] = y;
            reach[y] += ((wx | wy) & 1 ? W_HYPERNYM : W_SYNONYM) *
                        (double)ix->p[pt].w * ix->p[r].w;
        }
    }
}

/* ---- quotations --------------------------------------------------------- */

/* The match key of a name: folded, hyphens as spaces, spaces single ("Kim
 * Jong-Un" = "Kim Jong Un"), as the entity keys are written. NULL when it
 * cannot be folded; the caller frees. */
static char *name_key(const char *name)
{
    char *f = NULL, *p;
    size_t fn = 0, o = 0, i;
    if (!name || cr_fold(name, strlen(name), &f, &fn) != CR_OK)
        return NULL;
    for (i = 0, p = f; i < fn; i++) {
        char ch = f[i] == '-' ? ' ' : f[i];
        if (ch == '.' || (ch == ' ' && (o == 0 || p[o - 1] == ' ')))
            continue;
        p[o++] = ch;
    }
    while (o && p[o - 1] == ' ')
        o--;
    p[o] = '\0';
    return p;
}

/* The story entity a quotation's speaker is: the entity of a mention that
 * overlaps the speaker's mention, else the story entity whose key is the
 * speaker's resolved name. UINT32_MAX when neither. */
static uint32_t speaker_entity(const cr_compare *c, const art *a,
                               const cr_quote *q)
{
    size_t m;
    char *k;
    uint32_t found = UINT32_MAX;
    if (q->has_speaker && a->ment)
        for (m = 0; m < a->ents.n_mentions; m++) {
            const cr_mention *x = &a->ents.mentions[m];
            if (x->start < q->speaker.end && q->speaker.start < x->end &&
                c->ents.entities[a->ment[m]].type == CR_ENT_PERSON)
                return a->ment[m];
        }
    if (!q->name || !(k = name_key(q->name)))
        return UINT32_MAX;
    for (m = 0; m < c->ents.n_entities; m++)
        if (c->ents.entities[m].key && strcmp(c->ents.entities[m].key, k) == 0) {
            found = (uint32_t)m;
            break;
        }
    free(k);
    return found;
}

/* The speaker's match key: its story entity, else its folded name; 0 when
 * unresolved. */
static uint64_t speaker_key(const cr_compare *c, uint32_t art_i,
                            const cr_quote *q)
{
    uint32_t e = speaker_entity(c, &c->a[art_i], q);
    char *k;
    uint64_t h;
    if (e != UINT32_MAX)
        return XXH3_64bits(&e, sizeof e) | 1;
    if (!(k = name_key(q->name)))
        return 0;
    h = XXH3_64bits(k, strlen(k)) | 1;
    free(k);
    return h;
}

/* The speaker's name for a report: its story entity's name, else the name
 * the quotation resolved to. */
static const char *speaker_name(const cr_compare *c, uint32_t art_i,
                                const cr_quote *q)
{
    uint32_t e = speaker_entity(c, &c->a[art_i], q);
    return e != UINT32_MAX ? c->ents.entities[e].name : q->name;
}

/* Merge the articles' entities into the story's; map every mention. */
static cr_status merge_entities(cr_compare *c)
{
    cr_entity_set *sets = malloc((c->n ? c->n : 1) * sizeof *sets);
    uint32_t *map = NULL;
    size_t i, m, off = 0;
    cr_status rc;
    if (!sets)
        return CR_ENOMEM;
    for (i = 0; i < c->n; i++)
        sets[i] = c->a[i].ents;
    rc = cr_entities_merge(sets, c->n, &c->ents, &map);
    free(sets);
    if (rc != CR_OK)
        return rc;
    for (i = 0; i < c->n; i++) {
        art *a = &c->a[i];
        a->ment = malloc((a->ents.n_mentions ? a->ents.n_mentions : 1) *
                         sizeof *a->ment);
        if (!a->ment) {
            free(map);
            return CR_ENOMEM;
        }
        for (m = 0; m < a->ents.n_mentions; m++)
            a->ment[m] = map[off + a->ents.mentions[m].entity];
        off += a->ents.n_entities;
    }
    free(map);
    return CR_OK;
}

/* ---- synonyms ----------------------------------------------------------- */

/* Keep, of each word's synonym classes, those another word of the story
 * (another stem) also has: only they can make two different words meet. */
static cr_status story_synsets(cr_compare *c)
{
    uint32_t lim = cri_synset_limit(), k, o;
    uint64_t *owner = calloc(lim ? lim : 1, sizeof *owner);
    uint8_t *multi = calloc(lim ? lim : 1, 1);
    size_t i, x;
    if (!owner || !multi) {
        free(owner);
        free(multi);
        return CR_ENOMEM;
    }
    for (i = 0; i < c->n; i++)
        for (x = 0; x < c->a[i].nw; x++) {
            const cri_word *w = &c->a[i].w[x];
            for (k = 0; k < w->nsyn; k++) {
                uint32_t id = c->a[i].syn[w->syn + k] >> 3;
                if (id >= lim)
                    continue;
                if (!owner[id])
                    owner[id] = w->stem | 1;
                else if (owner[id] != (w->stem | 1))
                    multi[id] = 1;
            }
        }
    for (i = 0; i < c->n; i++)
        for (x = 0; x < c->a[i].nw; x++) {
            cri_word *w = &c->a[i].w[x];
            for (k = 0, o = 0; k < w->nsyn; k++) {
                uint32_t id = c->a[i].syn[w->syn + k];
                if ((id >> 3) < lim && multi[id >> 3])
                    c->a[i].syn[w->syn + o++] = id;
            }
            w->nsyn = (uint8_t)o;
        }
    free(owner);
    free(multi);
    return CR_OK;
}

/* The synonym words of np passages of a: passage p covers words
 * [r[p * step], r[p * step + 1]). Keyed by stem, or by loose prefix key
 * when `prefix`; a key is listed once per passage; weight 1. */
static cr_status synlist_build(const art *a, size_t np, const uint32_t *r,
                               size_t step, int prefix, synlist *out)
{
    size_t p, n = 0, cap = 0;
    uint32_t x;
    out->list = NULL;
    out->at = malloc((np + 1) * sizeof *out->at);
    if (!out->at)
        return CR_ENOMEM;
    for (p = 0; p < np; p++) {
        out->at[p] = (uint32_t)n;
        for (x = r[p * step]; x < r[p * step + 1] && x < a->nw; x++) {
            const cri_word *w = &a->w[x];
            uint64_t key = prefix ? w->pre[0] : w->stem;
            size_t j;
            if (!w->nsyn || n - out->at[p] >= SYN_WORDS_MAX)
                continue;
            for (j = out->at[p]; j < n && out->list[j].key != key; j++)
                ;
            if (j < n)
                continue;
            if (cri_grow((void **)&out->list, &cap, n + 1, sizeof *out->list))
                return CR_ENOMEM;
            out->list[n].key = key;
            out->list[n].w = 1;
            out->list[n].syn = w->syn;
            out->list[n].nsyn = w->nsyn;
            n++;
        }
    }
    out->at[np] = (uint32_t)n;
    /* the classes of each passage's words, by synset */
    {
        size_t nc = 0, t, k;
        for (t = 0; t < n; t++)
            nc += out->list[t].nsyn;
        out->cls = malloc((nc ? nc : 1) * sizeof *out->cls);
        out->cat = malloc((np + 1) * sizeof *out->cat);
        out->sig = calloc(np ? np : 1, sizeof *out->sig);
        if (!out->cls || !out->cat || !out->sig)
            return CR_ENOMEM;
        nc = 0;
        for (p = 0; p < np; p++) {
            out->cat[p] = (uint32_t)nc;
            for (t = out->at[p]; t < out->at[p + 1]; t++)
                for (k = 0; k < out->list[t].nsyn; k++) {
                    uint32_t id = a->syn[out->list[t].syn + k];
                    synclass sc;
                    size_t j = nc;
                    sc.cls = id >> 3;
                    sc.hyper = (id & CRI_SYN_HYPER) != 0;
                    sc.word = (uint8_t)(t - out->at[p]);
                    while (j > out->cat[p] && out->cls[j - 1].cls > sc.cls) {
                        out->cls[j] = out->cls[j - 1];
                        j--;
                    }
                    out->cls[j] = sc;
                    nc++;
                    out->sig[p] |= (uint64_t)1 << (sc.cls & 63);
                }
        }
        out->cat[np] = (uint32_t)nc;
    }
    return CR_OK;
}

/* Synonym matches between passage p of a (keys ka) and passage q of b
 * (keys kb), among the words that have no exact counterpart on the other
 * side. Two words are linked with strength W_SYNONYM when they share a
 * synset, W_HYPERNYM when one's synset lies directly above the other's
 * first sense ("ammunition" under {weaponry, arms}); two words below one
 * synset ("rifle", "pistol") are not linked. Each word of p takes its
 * best link (strength x both weights) to a word of q and each word of q
 * its best to a word of p (so "weapons and ammunition" both meet "arms":
 * greedy matching as for word embeddings), and the two directions are
 * averaged; returns the averaged sum. The classes of both are merged by synset: the cost is
 * their count, not the product of their word counts. */
static double soft_matches(const synlist *sa, size_t p, const keyset *ka,
                           const synlist *sb, size_t q, const keyset *kb)
{
    const synword *x = sa->list + sa->at[p], *y = sb->list + sb->at[q];
    size_t nx = sa->at[p + 1] - sa->at[p], ny = sb->at[q + 1] - sb->at[q];
    const synclass *cx = sa->cls + sa->cat[p], *ex = sa->cls + sa->cat[p + 1];
    const synclass *cy = sb->cls + sb->cat[q], *ey = sb->cls + sb->cat[q + 1];
    double bx[SYN_WORDS_MAX], by[SYN_WORDS_MAX], d1 = 0, d2 = 0;
    uint64_t free_x = 0, free_y = 0;
    size_t j;
    if (!nx || !ny || !(sa->sig[p] & sb->sig[q]))
        return 0;
    for (j = 0; j < nx; j++)
        if (!has_key(kb, x[j].key))
            free_x |= (uint64_t)1 << j;
    for (j = 0; j < ny; j++)
        if (!has_key(ka, y[j].key))
            free_y |= (uint64_t)1 << j;
    if (!free_x || !free_y)
        return 0;
    memset(bx, 0, nx * sizeof *bx);
    memset(by, 0, ny * sizeof *by);
    while (cx < ex && cy < ey) {
        const synclass *i, *k, *ix, *iy;
        if (cx->cls < cy->cls) {
            cx++;
            continue;
        }
        if (cx->cls > cy->cls) {
            cy++;
            continue;
        }
        for (ix = cx; ix < ex && ix->cls == cx->cls; ix++)
            ;
        for (iy = cy; iy < ey && iy->cls == cy->cls; iy++)
            ;
        for (i = cx; i < ix; i++)
            for (k = cy; k < iy; k++) {
                double v;
                if (!(free_x >> i->word & 1) || !(free_y >> k->word & 1) ||
                    (i->hyper && k->hyper))
                    continue;
                v = (i->hyper || k->hyper ? W_HYPERNYM : W_SYNONYM) *
                    x[i->word].w * y[k->word].w;
                if (v > bx[i->word])
                    bx[i->word] = v;
                if (v > by[k->word])
                    by[k->word] = v;
            }
        cx = ix;
        cy = iy;
    }
    for (j = 0; j < nx; j++)
        d1 += bx[j];
    for (j = 0; j < ny; j++)
        d2 += by[j];
    return (d1 + d2) / 2;
}

/* The score of quotation i of a against j of b, given how many character
 * trigrams they share (tri). */
/* The word part of a quotation score: stems and trigrams, or containment,
 * given the shared content stems (synonyms counting their strength). */
static double quote_words(const keyset *ka, const keyset *kb, size_t nt,
                          size_t tri, double shared)
{
    double s = (ka->n + kb->n ? W_STEMS * 2.0 * shared /
                                    (double)(ka->n + kb->n)
                              : 0) +
               (nt ? W_TRIGRAMS * 2.0 * (double)tri / (double)nt : 0);
    size_t lo = ka->n < kb->n ? ka->n : kb->n;
    if (lo >= CONTAIN_MIN_WORDS) {
        double cont = CONTAIN_FACTOR * shared / (double)lo;
        if (cont > s)
            s = cont;
    }
    return s;
}

/* The score of quotation i of a against j of b, given how many character
 * trigrams they share (tri). Synonyms are looked for only when they could
 * lift the score to `floor` (a score below it decides nothing), given
 * that they add at most `syn_max` shared stems (syn_reach). */
static double quote_score_with(const art *a, size_t i, const art *b,
                               size_t j, uint64_t ska, uint64_t skb,
                               size_t tri, double syn_max, double floor)
{
    const keyset *ka = &a->qk[i], *kb = &b->qk[j];
    size_t nt = a->qt[i].n + b->qt[j].n;
    size_t sx = a->qs.at[i + 1] - a->qs.at[i], sy = b->qs.at[j + 1] - b->qs.at[j];
    double shared = (double)common(ka, kb), rest = 0, s;
    if (ska && skb)
        rest += ska == skb ? SPEAKER_AGREE : -SPEAKER_DIFFER;
    if (a->q[i].kind == CR_QUOTE_STATEMENT &&
        b->q[j].kind == CR_QUOTE_STATEMENT &&
        a->qc[i].n >= CONTEXT_MIN_WORDS && b->qc[j].n >= CONTEXT_MIN_WORDS)
        rest += W_CONTEXT * dice(&a->qc[i], &b->qc[j]);
    /* a synonym counts at most W_SYNONYM of a shared stem */
    if (W_SYNONYM * (double)(sx < sy ? sx : sy) < syn_max)
        syn_max = W_SYNONYM * (double)(sx < sy ? sx : sy);
    if (syn_max > 0 &&
        quote_words(ka, kb, nt, tri, shared + syn_max) + rest >= floor)
        shared += soft_matches(&a->qs, i, ka, &b->qs, j, kb);
    s = quote_words(ka, kb, nt, tri, shared) + rest;
    return s;
}

static double quote_score(const art *a, size_t i, const art *b, size_t j,
                          uint64_t ska, uint64_t skb)
{
    return quote_score_with(a, i, b, j, ska, skb,
                            common(&a->qt[i], &b->qt[j]), HUGE_VAL, -1);
}

/* Shared trigram counts for all pairs of quotations, fast: the most
 * frequent trigrams (" th", "the", ...) are bits of a small bitmap per
 * quotation (an AND and a popcount count them), the others go through an
 * inverted index whose posting lists are short. Exact either way. */
#define TRI_BITS 256            /* frequent trigrams kept as bits */
#define TRI_WORDS (TRI_BITS / 64)

typedef struct trindex {
    uint64_t (*bits)[TRI_WORDS]; /* per unit */
    pindex ix;                   /* rare trigrams */
} trindex;

static void trindex_free(trindex *t)
{
    free(t->bits);
    pindex_free(&t->ix);
}

typedef struct keycount {
    uint64_t key;
    uint32_t n;
} keycount;

static int by_count(const void *x, const void *y)
{
    const keycount *a = x, *b = y;
    if (a->n != b->n)
        return a->n > b->n ? -1 : 1;
    return a->key < b->key ? -1 : a->key > b->key;
}

static cr_status trindex_build(const cr_compare *c, const unit *u, size_t nu,
                               trindex *t)
{
    dfmap df = {0}, bit = {0};
    keycount *kc = NULL;
    size_t x, j, nk = 0, np = 0;
    cr_status rc = CR_ENOMEM;
    memset(t, 0, sizeof *t);
    for (x = 0; x < nu; x++) {
        const keyset *k = &c->a[u[x].art].qt[u[x].index];
        for (j = 0; j < k->n; j++) {
            uint32_t *v = df_slot(&df, k->k[j], 1);
            if (!v)
                goto done;
            (*v)++;
        }
    }
    kc = malloc((df.n ? df.n : 1) * sizeof *kc);
    if (!kc)
        goto done;
    for (j = 0; j < df.cap; j++)
        if (df.v[j] > 1) {
            kc[nk].key = df.k[j];
            kc[nk++].n = df.v[j];
        }
    if (nk)
        qsort(kc, nk, sizeof *kc, by_count);
    for (j = 0; j < nk && j < TRI_BITS; j++) {
        uint32_t *v = df_slot(&bit, kc[j].key, 1);
        if (!v)
            goto done;
        *v = (uint32_t)j + 1;
    }
    t->bits = calloc(nu ? nu : 1, sizeof *t->bits);
    for (x = 0; x < nu; x++)
        np += c->a[u[x].art].qt[u[x].index].n;
    t->ix.p = malloc((np ? np : 1) * sizeof *t->ix.p);
    if (!t->bits || !t->ix.p)
        goto done;
    for (x = 0; x < nu; x++) {
        const keyset *k = &c->a[u[x].art].qt[u[x].index];
        for (j = 0; j < k->n; j++) {
            uint32_t *b = df_slot(&bit, k->k[j], 0), *d;
            if (b) {
                t->bits[x][(*b - 1) / 64] |= (uint64_t)1 << ((*b - 1) % 64);
                continue;
            }
            d = df_slot(&df, k->k[j], 0);
            if (!d || *d < 2)
                continue; /* a trigram of one quotation matches nothing */
            t->ix.p[t->ix.np].key = k->k[j];
            t->ix.p[t->ix.np].unit = (uint32_t)x;
            t->ix.p[t->ix.np].w = 1;
            t->ix.p[t->ix.np].word = 0;
            t->ix.np++;
        }
    }
    rc = pindex_build(&t->ix, nu);
done:
    free(df.k);
    free(df.v);
    free(bit.k);
    free(bit.v);
    free(kc);
    return rc;
}

/* Add to acc[y] the rare trigrams unit x shares with each later unit y;
 * touched units are listed in touch[0..*nt). */
static void trindex_rare(const trindex *t, uint32_t x, uint32_t *acc,
                         uint32_t *touch, size_t *nt)
{
    uint32_t q, r;
    for (q = t->ix.first[x]; q < t->ix.first[x + 1]; q++) {
        uint32_t pt = t->ix.byu[q];
        for (r = pt + 1; r < t->ix.end[pt]; r++) {
            uint32_t y = t->ix.p[r].unit;
            if (!acc[y]++)
                touch[(*nt)++] = y;
        }
    }
}

static size_t trindex_bits(const trindex *t, uint32_t x, uint32_t y)
{
    size_t n = 0, w;
    for (w = 0; w < TRI_WORDS; w++)
        n += (size_t)__builtin_popcountll(t->bits[x][w] & t->bits[y][w]);
    return n;
}

typedef struct best2 {
    double s1, s2;   /* best and second-best score */
    uint32_t arg;    /* the unit with the best */
} best2;

static void note_best(best2 *b, double s, uint32_t who)
{
    if (s > b->s1) {
        b->s2 = b->s1;
        b->s1 = s;
        b->arg = who;
    } else if (s > b->s2) {
        b->s2 = s;
    }
}

/* A statement of at least WEAK_MIN_WORDS content words: long enough for a
 * weak match to mean something. */
static int long_statement(const cr_compare *c, const unit *q)
{
    const art *a = &c->a[q->art];
    return a->q[q->index].kind == CR_QUOTE_STATEMENT &&
           a->qk[q->index].n >= WEAK_MIN_WORDS;
}

static cr_status align_quotes(cr_compare *c)
{
    size_t nu = 0, i, j, x, y, ne = 0, cap = 0;
    unit *u;
    uint64_t *sk;
    uint32_t *gid;
    edge *e = NULL;
    best2 *best = NULL;
    trindex tri;
    uint32_t *tacc = NULL, *touch = NULL, *stouch = NULL;
    double floor, *reach = NULL;
    pindex sy = {0};
    cr_status rc = CR_ENOMEM;

    memset(&tri, 0, sizeof tri);

    for (i = 0; i < c->n; i++)
        if ((rc = synlist_build(&c->a[i], c->a[i].nq, c->a[i].qw, 2, 0,
                                &c->a[i].qs)) != CR_OK)
            return rc;
    rc = CR_ENOMEM;
    for (i = 0; i < c->n; i++)
        for (j = 0; j < c->a[i].nq; j++)
            nu += c->a[i].q[j].kind != CR_QUOTE_INDIRECT;
    u = malloc((nu ? nu : 1) * sizeof *u);
    sk = malloc((nu ? nu : 1) * sizeof *sk);
    gid = malloc((nu ? nu : 1) * sizeof *gid);
    if (!u || !sk || !gid)
        goto done;
    nu = 0;
    for (i = 0; i < c->n; i++)
        for (j = 0; j < c->a[i].nq; j++) {
            const cr_quote *q = &c->a[i].q[j];
            if (q->kind == CR_QUOTE_INDIRECT)
                continue;
            u[nu].art = (uint32_t)i;
            u[nu].index = (uint32_t)j;
            u[nu].span.start = q->start;
            u[nu].span.end = q->end;
            sk[nu++] = speaker_key(c, (uint32_t)i, q);
        }
    /* best[x * c->n + a]: the two best scores of unit x against the units
     * of article a, and which unit had the best */
    best = malloc((nu ? nu : 1) * c->n * sizeof *best);
    if (!best)
        goto done;
    for (x = 0; x < nu * c->n; x++) {
        best[x].s1 = best[x].s2 = -1;
        best[x].arg = UINT32_MAX;
    }
    if (trindex_build(c, u, nu, &tri) != CR_OK)
        goto done;
    tacc = calloc(nu ? nu : 1, sizeof *tacc);
    touch = malloc((nu ? nu : 1) * sizeof *touch);
    reach = calloc(nu ? nu : 1, sizeof *reach);
    stouch = malloc((nu ? nu : 1) * sizeof *stouch);
    if (!tacc || !touch || !reach || !stouch)
        goto done;
    if ((rc = syn_index(c, u, nu, 1, &sy)) != CR_OK)
        goto done;
    rc = CR_ENOMEM;
    /* a pair below this can neither align nor stand in the way of a
     * weak pair (competitive linking) */
    floor = (c->o.quote_min < QUOTE_WEAK ? c->o.quote_min : QUOTE_WEAK) -
            QUOTE_MARGIN;
    for (x = 0; x < nu; x++) {
        size_t nt = 0, nst = 0, k;
        trindex_rare(&tri, (uint32_t)x, tacc, touch, &nt);
        syn_reach(&sy, u, (uint32_t)x, reach, stouch, &nst);
        for (y = x + 1; y < nu; y++) {
            double s;
            if (u[x].art == u[y].art)
                continue;
            s = quote_score_with(&c->a[u[x].art], u[x].index,
                                 &c->a[u[y].art], u[y].index, sk[x], sk[y],
                                 trindex_bits(&tri, (uint32_t)x,
                                              (uint32_t)y) + tacc[y],
                                 reach[y], floor);
            note_best(&best[x * c->n + u[y].art], s, (uint32_t)y);
            note_best(&best[y * c->n + u[x].art], s, (uint32_t)x);
            if (s < QUOTE_WEAK && s < c->o.quote_min)
                continue;
            if (s < c->o.quote_min &&
                (!long_statement(c, &u[x]) || !long_statement(c, &u[y])))
                continue;
            if (cri_grow((void **)&e, &cap, ne + 1, sizeof *e))
                goto done;
            e[ne].s = s > 1 ? 1 : s;
            e[ne].x = (uint32_t)x;
            e[ne].y = (uint32_t)y;
            ne++;
        }
        for (k = 0; k < nt; k++)
            tacc[touch[k]] = 0;
        for (k = 0; k < nst; k++)
            reach[stouch[k]] = 0;
    }
    /* keep weak edges only between clear mutual best matches whose
     * speakers do not resolve to two different people: two renderings of
     * one utterance have one speaker */
    for (i = 0, j = 0; i < ne; i++) {
        const best2 *bx = &best[e[i].x * c->n + u[e[i].y].art],
                    *by = &best[e[i].y * c->n + u[e[i].x].art];
        uint64_t kx = sk[e[i].x], ky = sk[e[i].y];
        if (e[i].s < c->o.quote_min &&
            (bx->arg != e[i].y || by->arg != e[i].x ||
             bx->s2 > e[i].s - QUOTE_MARGIN ||
             by->s2 > e[i].s - QUOTE_MARGIN || (kx && ky && kx != ky)))
            continue;
        e[j++] = e[i];
    }
    ne = j;
    if ((rc = group_units(u, nu, e, ne, gid)) != CR_OK ||
        (rc = make_groups(c, u, nu, gid, &c->qgs, &c->nqg)) != CR_OK)
        goto done;
    /* similarity to the first member; the common speaker */
    for (i = 0; i < c->nqg; i++) {
        group *g = &c->qgs[i];
        const art *a0 = &c->a[g->m[0].article];
        const cr_quote *q0 = &a0->q[g->m[0].index];
        uint64_t k0 = speaker_key(c, g->m[0].article, q0);
        int agree = k0 != 0;
        for (j = 1; j < g->pub.n; j++) {
            const art *b = &c->a[g->m[j].article];
            const cr_quote *qb = &b->q[g->m[j].index];
            uint64_t kb = speaker_key(c, g->m[j].article, qb);
            double s = quote_score(a0, g->m[0].index, b, g->m[j].index, k0,
                                   kb);
            if (s > 1)
                s = 1;
            if (s < g->pub.similarity)
                g->pub.similarity = s;
            if (kb != k0)
                agree = 0;
        }
        g->pub.speaker = agree ? speaker_name(c, g->m[0].article, q0) : NULL;
    }
    rc = CR_OK;
done:
    free(u);
    free(sk);
    free(gid);
    free(e);
    free(best);
    free(tacc);
    free(touch);
    free(reach);
    free(stouch);
    pindex_free(&sy);
    trindex_free(&tri);
    return rc;
}

/* ---- facts -------------------------------------------------------------- */

/* Keys of sentence s of a: content stems, names (capitalized words not
 * opening the sentence) and numbers, with their kind weight; IDF comes
 * later. */
/* Does word w of a lie inside a role mention? The mention's index, or -1. */
static ptrdiff_t in_role(const art *a, const cri_word *w)
{
    size_t m;
    for (m = 0; m < a->ents.n_mentions; m++) {
        const cr_mention *x = &a->ents.mentions[m];
        if (x->start > w->start)
            break; /* mentions are ordered by start */
        if (x->how == CR_MENTION_ROLE && w->start >= x->start &&
            w->end <= x->end)
            return (ptrdiff_t)m;
    }
    return -1;
}

/* Append the loose keys of the words of a name to k (room assumed). */
static size_t name_keys(const char *name, uint64_t *k, float *w, size_t n)
{
    char *f = NULL;
    size_t fn = 0, i = 0;
    if (!name || cr_fold(name, strlen(name), &f, &fn) != CR_OK)
        return n;
    while (i < fn) {
        size_t j = i;
        uint64_t pre[2];
        while (j < fn && f[j] != ' ')
            j++;
        if (j > i) {
            cri_prefix_keys(f + i, j - i, pre);
            k[n] = pre[0];
            w[n++] = (float)W_NAME;
            if (pre[1]) {
                k[n] = pre[1];
                w[n++] = (float)W_NAME;
            }
        }
        i = j + 1;
    }
    free(f);
    return n;
}

/* Words in a name: the room its keys take. */
static size_t name_words(const char *name)
{
    size_t n = 1;
    for (; name && *name; name++)
        n += *name == ' ' || *name == '-';
    return n;
}

/* The key of a date or quantity, by its normalised value: "Sept. 13" and
 * "September 13" of one year, "200,000 troops" and "200000 troops" meet.
 * 0 for an unresolved date. */
static uint64_t expr_key(const cr_expr *x)
{
    if (x->type == CR_EXPR_DATE)
        return x->value[0]
                   ? XXH3_64bits_withSeed(x->value, strlen(x->value),
                                          EXPR_SEED) | 1
                   : 0;
    {
        struct {
            double lo, hi;
            char unit[24];
        } q;
        memset(&q, 0, sizeof q);
        q.lo = x->number;
        q.hi = x->number_hi;
        memcpy(q.unit, x->unit, sizeof q.unit);
        return XXH3_64bits_withSeed(&q, sizeof q, EXPR_SEED + 1) | 1;
    }
}

static cr_status sentence_keys(const cr_compare *c, art *a, size_t s)
{
    uint32_t w0 = a->sw[s], w1 = a->sw[s + 1], i;
    keyset *k = &a->sk[s];
    size_t n = 0, o, p, room = 2 * (w1 - w0) + 1 + a->nex + a->ncites, m;
    ptrdiff_t last = -1;
    for (m = 0; m < a->ents.n_mentions && a->ment; m++)
        if (a->ents.mentions[m].how == CR_MENTION_ROLE)
            room += name_words(c->ents.entities[a->ment[m]].name) * 2;
    k->k = malloc(room * sizeof *k->k);
    k->w = malloc(room * sizeof *k->w);
    if (!k->k || !k->w)
        return CR_ENOMEM;
    /* the kinds of source it attributes what it says to: two outlets
     * that both ascribe a claim to officials ("Washington believes",
     * "Western intelligence agencies suspect") report it alike */
    for (m = 0; m < a->ncites; m++)
        if (a->cites[m].kind != CR_CITE_CREDIT &&
            a->cites[m].cue.start >= a->sent[s].start &&
            a->cites[m].cue.start < a->sent[s].end) {
            uint8_t kind = a->cites[m].kind;
            k->k[n] = XXH3_64bits_withSeed(&kind, 1, CITE_SEED) | 1;
            k->w[n++] = (float)W_CITE;
        }
    /* its dates and quantities by value */
    for (m = 0; m < a->nex; m++)
        if (a->ex[m].start >= a->sent[s].start &&
            a->ex[m].start < a->sent[s].end &&
            (k->k[n] = expr_key(&a->ex[m])) != 0)
            k->w[n++] = (float)W_NUMBER;
    for (i = w0; i < w1; i++) {
        const cri_word *w = &a->w[i];
        float kw = w->kind == CR_TOK_NUMBER ? (float)W_NUMBER
                   : (w->cap && i > w0)     ? (float)W_NAME
                                            : 1.0f;
        ptrdiff_t r = a->ment ? in_role(a, w) : -1;
        if (r >= 0 && r != last) {
            /* a role also stands for the name it resolves to: "the
             * Kremlin leader" has the keys of "Vladimir Putin" too */
            n = name_keys(c->ents.entities[a->ment[r]].name, k->k, k->w, n);
            last = r;
        }
        if (w->stop)
            continue;
        for (p = 0; p < 2 && w->pre[p]; p++) {
            k->k[n] = w->pre[p];
            k->w[n] = kw;
            n++;
        }
    }
    /* sort by key, keep the highest weight of a repeated key */
    for (i = 1; i < n; i++) {
        uint64_t kk = k->k[i];
        float ww = k->w[i];
        size_t j = i;
        while (j > 0 && k->k[j - 1] > kk) {
            k->k[j] = k->k[j - 1];
            k->w[j] = k->w[j - 1];
            j--;
        }
        k->k[j] = kk;
        k->w[j] = ww;
    }
    for (i = 0, o = 0; i < n; i++) {
        if (o && k->k[o - 1] == k->k[i]) {
            if (k->w[i] > k->w[o - 1])
                k->w[o - 1] = k->w[i];
            continue;
        }
        k->k[o] = k->k[i];
        k->w[o] = k->w[i];
        o++;
    }
    k->n = o;
    return CR_OK;
}

/* The similarity of sentence s of a and t of b: the cosine of their
 * weighted keys, synonym matches (soft_matches) adding link strength x the
 * product of the words' weights to the dot product; 0 when they share
 * fewer than FACT_MIN_SHARED keys (synonyms are not counted: the minimum
 * asks for words both use). */
static double fact_similarity(const art *x, size_t s, const art *y, size_t t)
{
    const keyset *a = &x->sk[s], *b = &y->sk[t];
    size_t shared = 0;
    size_t i = 0, j = 0;
    double dot = 0, na = 0, nb = 0;
    for (i = 0; i < a->n; i++)
        na += (double)a->w[i] * a->w[i];
    for (j = 0; j < b->n; j++)
        nb += (double)b->w[j] * b->w[j];
    i = j = 0;
    while (i < a->n && j < b->n) {
        if (a->k[i] < b->k[j])
            i++;
        else if (a->k[i] > b->k[j])
            j++;
        else
            dot += (double)a->w[i++] * b->w[j++], shared++;
    }
    if (shared >= FACT_MIN_SHARED)
        dot += soft_matches(&x->ss, s, a, &y->ss, t, b);
    return na > 0 && nb > 0 && shared >= FACT_MIN_SHARED ? dot / sqrt(na * nb)
                                                          : 0;
}

/* Score every pair of sentences of different articles that share at least
 * FACT_MIN_SHARED keys (the similarity of the others is 0 by definition)
 * through an inverted index: the cost is the sum over keys of the square
 * of their sentence counts, not the square of the sentence count. An
 * index over the synonym classes bounds what synonyms can add to a pair
 * (syn_reach); they are matched only where they could make it a fact. Adds each score to both sentences' centrality,
 * and pairs from fact_min on to *e. */
static cr_status sentence_pairs(cr_compare *c, const unit *u, size_t nu,
                                edge **e, size_t *ne)
{
    pindex ex = {0}, sy = {0};
    size_t x, t, q, ecap = 0, ntouch, nst;
    uint32_t *touch = NULL, *cnt = NULL, *stouch = NULL;
    double *acc = NULL, *norm = NULL, *reach = NULL;
    cr_status rc = CR_ENOMEM;

    for (x = 0; x < nu; x++)
        ex.np += c->a[u[x].art].sk[u[x].index].n;
    ex.p = malloc((ex.np ? ex.np : 1) * sizeof *ex.p);
    touch = malloc((nu ? nu : 1) * sizeof *touch);
    stouch = malloc((nu ? nu : 1) * sizeof *stouch);
    cnt = calloc(nu ? nu : 1, sizeof *cnt);
    acc = calloc(nu ? nu : 1, sizeof *acc);
    norm = calloc(nu ? nu : 1, sizeof *norm);
    reach = calloc(nu ? nu : 1, sizeof *reach);
    if (!ex.p || !touch || !stouch || !cnt || !acc || !norm || !reach)
        goto done;
    ex.np = 0;
    for (x = 0; x < nu; x++) {
        const keyset *k = &c->a[u[x].art].sk[u[x].index];
        for (t = 0; t < k->n; t++) {
            ex.p[ex.np].key = k->k[t];
            ex.p[ex.np].unit = (uint32_t)x;
            ex.p[ex.np].w = k->w[t];
            ex.p[ex.np].word = 0;
            norm[x] += (double)k->w[t] * k->w[t];
            ex.np++;
        }
        norm[x] = sqrt(norm[x]);
    }
    if ((rc = pindex_build(&ex, nu)) != CR_OK ||
        (rc = syn_index(c, u, nu, 0, &sy)) != CR_OK)
        goto done;
    rc = CR_ENOMEM;
    for (x = 0; x < nu; x++) {
        ntouch = nst = 0;
        for (q = ex.first[x]; q < ex.first[x + 1]; q++) {
            uint32_t pt = ex.byu[q], r;
            for (r = pt + 1; r < ex.end[pt]; r++) {
                uint32_t y = ex.p[r].unit;
                if (u[y].art == u[x].art)
                    continue;
                if (!cnt[y]++)
                    touch[ntouch++] = y;
                acc[y] += (double)ex.p[pt].w * ex.p[r].w;
            }
        }
        /* synonyms only add to pairs that share keys (a pair they alone
         * link shares fewer than FACT_MIN_SHARED) */
        syn_reach(&sy, u, (uint32_t)x, reach, stouch, &nst);
        for (q = 0; q < ntouch; q++) {
            uint32_t y = touch[q];
            double sim;
            if (reach[y] > 0 && cnt[y] >= FACT_MIN_SHARED && norm[x] > 0 &&
                norm[y] > 0 &&
                (acc[y] + reach[y]) / (norm[x] * norm[y]) >= c->o.fact_min) {
                const art *a = &c->a[u[x].art], *b = &c->a[u[y].art];
                acc[y] += soft_matches(&a->ss, u[x].index, &a->sk[u[x].index],
                                       &b->ss, u[y].index, &b->sk[u[y].index]);
            }
            sim = cnt[y] >= FACT_MIN_SHARED && norm[x] > 0 && norm[y] > 0
                      ? acc[y] / (norm[x] * norm[y])
                      : 0;
            cnt[y] = 0;
            acc[y] = 0;
            /* centrality: the echo of a sentence in the others */
            c->a[u[x].art].cent[u[x].index] += sim;
            c->a[u[y].art].cent[u[y].index] += sim;
            if (sim < c->o.fact_min)
                continue;
            if (cri_grow((void **)e, &ecap, *ne + 1, sizeof **e))
                goto done;
            (*e)[*ne].s = sim;
            (*e)[*ne].x = (uint32_t)x;
            (*e)[*ne].y = y;
            (*ne)++;
        }
        for (q = 0; q < nst; q++)
            reach[stouch[q]] = 0;
    }
    rc = CR_OK;
done:
    pindex_free(&ex);
    pindex_free(&sy);
    free(touch);
    free(stouch);
    free(cnt);
    free(acc);
    free(norm);
    free(reach);
    return rc;
}

/* The sentence of article a that holds byte offset off. */
static size_t sentence_at(const art *a, uint32_t off)
{
    size_t lo = 0, hi = a->nsent;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (a->sent[mid].start <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? lo - 1 : 0;
}

/* Sentences that carry the same quotation report the same fact, whatever
 * else they say: an edge of score 1 between the sentences of every two
 * members of a quotation group (units numbered article by article, from
 * base[article]). *qp receives each such pair of sentences with the
 * quotation group's similarity. */
static cr_status quote_sentence_edges(const cr_compare *c, const size_t *base,
                                      edge **e, size_t *ne, pairset *qp)
{
    size_t g, i, j, cap = *ne, np = 0;
    for (g = 0; g < c->nqg; g++)
        np += c->qgs[g].pub.n * (c->qgs[g].pub.n - 1) / 2;
    if (pairset_init(qp, np) != CR_OK)
        return CR_ENOMEM;
    for (g = 0; g < c->nqg; g++) {
        const group *gr = &c->qgs[g];
        for (i = 0; i < gr->pub.n; i++)
            for (j = i + 1; j < gr->pub.n; j++) {
                const cr_cmp_ref *x = &gr->m[i], *y = &gr->m[j];
                const art *ax = &c->a[x->article], *ay = &c->a[y->article];
                if (!ax->nsent || !ay->nsent)
                    continue;
                if (cri_grow((void **)e, &cap, *ne + 1, sizeof **e))
                    return CR_ENOMEM;
                (*e)[*ne].s = 1;
                (*e)[*ne].x = (uint32_t)(base[x->article] +
                                         sentence_at(ax, x->span.start));
                (*e)[*ne].y = (uint32_t)(base[y->article] +
                                         sentence_at(ay, y->span.start));
                pairset_put(qp, (*e)[*ne].x, (*e)[*ne].y,
                            (float)gr->pub.similarity);
                (*ne)++;
            }
    }
    return CR_OK;
}

static int by_centrality(const void *x, const void *y)
{
    const group *a = x, *b = y;
    if (a->pub.centrality != b->pub.centrality)
        return a->pub.centrality > b->pub.centrality ? -1 : 1;
    return a->first_pos < b->first_pos ? -1 : a->first_pos > b->first_pos;
}

static cr_status align_facts(cr_compare *c)
{
    dfmap df = {0};
    size_t nu = 0, i, s, ne = 0, nsent = 0, *base = NULL;
    unit *u = NULL;
    uint32_t *gid = NULL;
    edge *e = NULL;
    pairset qp = {0};
    cr_status rc = CR_ENOMEM;

    for (i = 0; i < c->n; i++)
        for (s = 0; s < c->a[i].nsent; s++) {
            keyset *k = &c->a[i].sk[s];
            size_t j;
            if ((rc = sentence_keys(c, &c->a[i], s)) != CR_OK)
                goto done;
            rc = CR_ENOMEM;
            for (j = 0; j < k->n; j++) {
                uint32_t *v = df_slot(&df, k->k[j], 1);
                if (!v)
                    goto done;
                (*v)++;
            }
            nsent++;
        }
    /* weight = kind weight x IDF over the story's sentences */
    for (i = 0; i < c->n; i++)
        for (s = 0; s < c->a[i].nsent; s++) {
            keyset *k = &c->a[i].sk[s];
            size_t j;
            for (j = 0; j < k->n; j++) {
                uint32_t *v = df_slot(&df, k->k[j], 0);
                double idf = log(1.0 + (double)nsent / (v ? *v : 1));
                k->w[j] = (float)(k->w[j] * idf);
            }
        }
    /* the synonym words of each sentence, weighted as their keys */
    for (i = 0; i < c->n; i++) {
        art *a = &c->a[i];
        if ((rc = synlist_build(a, a->nsent, a->sw, 1, 1, &a->ss)) != CR_OK)
            goto done;
        rc = CR_ENOMEM;
        for (s = 0; s < a->nsent; s++) {
            uint32_t t;
            for (t = a->ss.at[s]; t < a->ss.at[s + 1]; t++)
                a->ss.list[t].w = key_weight(&a->sk[s], a->ss.list[t].key);
        }
    }
    nu = nsent;
    u = malloc((nu ? nu : 1) * sizeof *u);
    gid = malloc((nu ? nu : 1) * sizeof *gid);
    if (!u || !gid)
        goto done;
    nu = 0;
    for (i = 0; i < c->n; i++)
        for (s = 0; s < c->a[i].nsent; s++) {
            u[nu].art = (uint32_t)i;
            u[nu].index = (uint32_t)s;
            u[nu].span = c->a[i].sent[s];
            nu++;
        }
    base = malloc((c->n + 1) * sizeof *base);
    if (!base)
        goto done;
    base[0] = 0;
    for (i = 0; i < c->n; i++)
        base[i + 1] = base[i] + c->a[i].nsent;
    if ((rc = sentence_pairs(c, u, nu, &e, &ne)) != CR_OK ||
        (rc = quote_sentence_edges(c, base, &e, &ne, &qp)) != CR_OK)
        goto done;
    rc = CR_ENOMEM;
    for (i = 0; i < c->n; i++)
        for (s = 0; s < c->a[i].nsent; s++) {
            if (c->n > 1)
                c->a[i].cent[s] /= (double)(c->n - 1);
            if (s < LEAD_SENTENCES)
                c->a[i].cent[s] += LEAD_BONUS;
        }
    if ((rc = group_units(u, nu, e, ne, gid)) != CR_OK ||
        (rc = make_groups(c, u, nu, gid, &c->fgs, &c->nfg)) != CR_OK)
        goto done;
    for (i = 0; i < c->nfg; i++) {
        group *g = &c->fgs[i];
        const cr_cmp_ref *m0 = &g->m[0];
        size_t j;
        for (j = 0; j < g->pub.n; j++) {
            g->pub.centrality += c->a[g->m[j].article].cent[g->m[j].index];
            if (j) {
                /* the score the pair aligned on: its cosine, or the
                 * similarity of a quotation both sentences carry */
                double sim = fact_similarity(&c->a[m0->article], m0->index,
                                             &c->a[g->m[j].article],
                                             g->m[j].index);
                double q = pairset_get(
                    &qp, (uint32_t)(base[m0->article] + m0->index),
                    (uint32_t)(base[g->m[j].article] + g->m[j].index), -1);
                if (q > sim)
                    sim = q;
                if (sim < g->pub.similarity)
                    g->pub.similarity = sim;
            }
        }
    }
    qsort(c->fgs, c->nfg, sizeof *c->fgs, by_centrality);
    rc = CR_OK;
done:
    free(df.k);
    free(df.v);
    free(u);
    free(gid);
    free(e);
    free(base);
    pairset_free(&qp);
    return rc;
}

/* ---- diffs and differences ---------------------------------------------- */

static int quote_ctx_order(const void *x, const void *y)
{
    const group *a = x, *b = y;
    if ((a->pub.n > 1) != (b->pub.n > 1))
        return a->pub.n > 1 ? -1 : 1;
    if (a->pub.n != b->pub.n)
        return a->pub.n > b->pub.n ? -1 : 1;
    return a->first_pos < b->first_pos ? -1 : a->first_pos > b->first_pos;
}

/* Word range of a group member. */
static void member_words(const art *a, const cr_cmp_ref *r, int facts,
                         uint32_t *w0, uint32_t *w1)
{
    if (facts) {
        *w0 = a->sw[r->index];
        *w1 = a->sw[r->index + 1];
    } else {
        *w0 = a->qw[2 * r->index];
        *w1 = a->qw[2 * r->index + 1];
    }
}

/* Is the text just before `start` (spaces skipped) an opening bracket, and
 * just after `end` a closing one, within the passage [lo, hi)? */
static int bracketed(const char *t, uint32_t lo, uint32_t hi, uint32_t start,
                     uint32_t end)
{
    uint32_t i = start, j = end;
    while (i > lo && t[i - 1] == ' ')
        i--;
    while (j < hi && t[j] == ' ')
        j++;
    return i > lo && j < hi && (t[i - 1] == '(' || t[i - 1] == '[') &&
           (t[j] == ')' || t[j] == ']');
}

/* Letters and digits of t[s..e), folded, as one hash: "Jong-Un" and
 * "Jong Un" hash alike. */
static uint64_t letters_key(const char *t, uint32_t s, uint32_t e)
{
    char *f = NULL;
    size_t fn = 0, i, o = 0;
    uint64_t h;
    if (cr_fold(t + s, e - s, &f, &fn) != CR_OK)
        return 0;
    for (i = 0; i < fn; i++)
        if (f[i] != ' ' && f[i] != '-' && f[i] != '\'' && f[i] != '.')
            f[o++] = f[i];
    h = XXH3_64bits(f, o);
    free(f);
    return h;
}

/* The letters_key of every fragment quotation of the story, sorted. */
static cr_status fragment_keys(cr_compare *c)
{
    size_t i, j, n = 0;
    for (i = 0; i < c->n; i++)
        for (j = 0; j < c->a[i].nq; j++)
            n += c->a[i].q[j].kind == CR_QUOTE_FRAGMENT;
    c->frag = malloc((n ? n : 1) * sizeof *c->frag);
    if (!c->frag)
        return CR_ENOMEM;
    for (i = 0; i < c->n; i++)
        for (j = 0; j < c->a[i].nq; j++) {
            const cr_quote *q = &c->a[i].q[j];
            if (q->kind == CR_QUOTE_FRAGMENT)
                c->frag[c->nfrag++] =
                    letters_key(c->a[i].a.text, q->start, q->end);
        }
    if (c->nfrag)
        qsort(c->frag, c->nfrag, sizeof *c->frag, cmp_u64);
    return CR_OK;
}

/* Does the folded text of t[s..e) equal a fragment quotation of the story? */
static int quoted_term(const cr_compare *c, const char *t, uint32_t s,
                       uint32_t e)
{
    uint64_t k = letters_key(t, s, e);
    return c->nfrag &&
           bsearch(&k, c->frag, c->nfrag, sizeof *c->frag, cmp_u64) != NULL;
}

/* Does w[a..b) hold a number? */
static int has_number(const cri_word *w, uint32_t a, uint32_t b)
{
    uint32_t i;
    for (i = a; i < b; i++)
        if (w[i].kind == CR_TOK_NUMBER)
            return 1;
    return 0;
}

/* Is w[a..b) a name: some content words, all capitalized? */
static int is_name(const cri_word *w, uint32_t a, uint32_t b)
{
    uint32_t i, content = 0;
    for (i = a; i < b; i++) {
        if (w[i].stop)
            continue;
        if (w[i].kind != CR_TOK_WORD || !w[i].cap)
            return 0;
        content++;
    }
    return content > 0;
}

static cr_status add_diff(cr_compare *c, uint8_t kind, int in_quote,
                          size_t g, const group *gr, size_t m,
                          const cr_diff_op *op)
{
    cr_cmp_diff *d;
    size_t i;
    /* a quotation's difference shows again in its sentence: report once */
    for (i = 0; i < c->ndiffs; i++) {
        const cr_cmp_diff *x = &c->diffs[i];
        if (x->a.article == gr->m[0].article &&
            x->b.article == gr->m[m].article &&
            x->a.span.start == op->a.start && x->a.span.end == op->a.end &&
            x->b.span.start == op->b.start && x->b.span.end == op->b.end)
            return CR_OK;
    }
    if (cri_grow((void **)&c->diffs, &c->capdiffs, c->ndiffs + 1,
                 sizeof *c->diffs))
        return CR_ENOMEM;
    d = &c->diffs[c->ndiffs++];
    d->kind = kind;
    d->in_quote = (uint8_t)in_quote;
    d->group = (uint32_t)g;
    d->a.article = gr->m[0].article;
    d->a.index = gr->m[0].index;
    d->a.span = op->a;
    d->b.article = gr->m[m].article;
    d->b.index = gr->m[m].index;
    d->b.span = op->b;
    return CR_OK;
}

/* The date or quantity of article a that overlaps span sp, or NULL. */
static const cr_expr *expr_in(const art *a, const cr_span *sp)
{
    size_t i;
    for (i = 0; i < a->nex; i++)
        if (a->ex[i].start < sp->end && sp->start < a->ex[i].end)
            return &a->ex[i];
    return NULL;
}

/* Classify one diff step of member 0 against member m of group gr. */
static cr_status classify(cr_compare *c, int facts, size_t g,
                          const group *gr, size_t m, const cri_dop *op,
                          const cr_diff_op *sp, const cri_word *wa,
                          const cri_word *wb)
{
    const art *a = &c->a[gr->m[0].article], *b = &c->a[gr->m[m].article];
    const cr_span *pa = &gr->m[0].span, *pb = &gr->m[m].span;
    int in_quote = !facts;
    uint32_t qa0 = pa->start, qa1 = pa->end, qb0 = pb->start, qb1 = pb->end;

    if (op->kind == CR_DIFF_EQUAL)
        return CR_OK;
    if (op->kind == CR_DIFF_REPLACE &&
        letters_key(a->a.text, sp->a.start, sp->a.end) ==
            letters_key(b->a.text, sp->b.start, sp->b.end))
        return CR_OK; /* "Jong-Un" / "Jong Un" */
    /* a quotation's brackets may sit just outside its marks' span */
    if (!facts) {
        qa0 = qa0 > 0 ? qa0 - 1 : 0;
        qb0 = qb0 > 0 ? qb0 - 1 : 0;
        qa1 = qa1 < a->a.text_len ? qa1 + 1 : qa1;
        qb1 = qb1 < b->a.text_len ? qb1 + 1 : qb1;
    }
    if ((op->a1 > op->a0 &&
         (bracketed(a->a.text, qa0, qa1, sp->a.start, sp->a.end) ||
          (op->a1 - op->a0 >= 2 &&
           quoted_term(c, a->a.text, sp->a.start, sp->a.end)))) ||
        (op->b1 > op->b0 &&
         (bracketed(b->a.text, qb0, qb1, sp->b.start, sp->b.end) ||
          (op->b1 - op->b0 >= 2 &&
           quoted_term(c, b->a.text, sp->b.start, sp->b.end)))))
        return add_diff(c, CR_CMP_FRAMING, in_quote, g, gr, m, sp);
    if (op->kind != CR_DIFF_REPLACE || op->a1 - op->a0 > DIFF_MAX_WORDS ||
        op->b1 - op->b0 > DIFF_MAX_WORDS)
        return CR_OK;
    {
        const cr_expr *xa = expr_in(a, &sp->a), *xb = expr_in(b, &sp->b);
        if (xa && xb && xa->type == xb->type) {
            if (xa->type == CR_EXPR_DATE && xa->value[0] && xb->value[0] &&
                strcmp(xa->value, xb->value) != 0)
                return add_diff(c, CR_CMP_DATES, in_quote, g, gr, m, sp);
            if (xa->type == CR_EXPR_QUANTITY &&
                (xa->number != xb->number || xa->number_hi != xb->number_hi))
                return add_diff(c, CR_CMP_NUMBERS, in_quote, g, gr, m, sp);
        }
    }
    if (has_number(wa, op->a0, op->a1) && has_number(wb, op->b0, op->b1))
        return add_diff(c, CR_CMP_NUMBERS, in_quote, g, gr, m, sp);
    if (is_name(wa, op->a0, op->a1) && is_name(wb, op->b0, op->b1))
        return add_diff(c, CR_CMP_NAMES, in_quote, g, gr, m, sp);
    return CR_OK;
}

static cr_status diff_groups(cr_compare *c, group *gs, size_t ng, int facts)
{
    size_t g, m, k;
    for (g = 0; g < ng; g++) {
        group *gr = &gs[g];
        const art *a = &c->a[gr->m[0].article];
        uint32_t a0, a1;
        if (gr->pub.n < 2)
            continue;
        gr->diff = calloc(gr->pub.n, sizeof *gr->diff);
        gr->ndiff = calloc(gr->pub.n, sizeof *gr->ndiff);
        if (!gr->diff || !gr->ndiff)
            return CR_ENOMEM;
        member_words(a, &gr->m[0], facts, &a0, &a1);
        for (m = 1; m < gr->pub.n; m++) {
            const art *b = &c->a[gr->m[m].article];
            uint32_t b0, b1;
            cri_dop *ops = NULL;
            size_t nops = 0;
            cr_status rc;
            member_words(b, &gr->m[m], facts, &b0, &b1);
            if ((rc = cri_diff(a->w + a0, a1 - a0, b->w + b0, b1 - b0, &ops,
                               &nops)) != CR_OK)
                return rc;
            gr->diff[m] = malloc((nops ? nops : 1) * sizeof **gr->diff);
            if (!gr->diff[m]) {
                free(ops);
                return CR_ENOMEM;
            }
            gr->ndiff[m] = nops;
            for (k = 0; k < nops; k++) {
                cri_dop_spans(&ops[k], a->w + a0, a1 - a0, b->w + b0,
                              b1 - b0, &gr->diff[m][k]);
                if ((rc = classify(c, facts, g, gr, m, &ops[k],
                                   &gr->diff[m][k], a->w + a0,
                                   b->w + b0)) != CR_OK) {
                    free(ops);
                    return rc;
                }
            }
            free(ops);
        }
    }
    return CR_OK;
}

/* ---- run and accessors -------------------------------------------------- */

static cr_status publish(cr_compare *c)
{
    size_t i, ns = 0;
    c->qg = malloc((c->nqg ? c->nqg : 1) * sizeof *c->qg);
    c->fg = malloc((c->nfg ? c->nfg : 1) * sizeof *c->fg);
    c->summary = malloc(((size_t)c->o.summary + 1) * sizeof *c->summary);
    if (!c->qg || !c->fg || !c->summary)
        return CR_ENOMEM;
    for (i = 0; i < c->nqg; i++)
        c->qg[i] = c->qgs[i].pub;
    for (i = 0; i < c->nfg; i++)
        c->fg[i] = c->fgs[i].pub;
    for (i = 0; i < c->nfg && ns < c->o.summary; i++)
        c->summary[ns++] = (uint32_t)i;
    c->nsummary = ns;
    return CR_OK;
}

cr_status cr_compare_run(cr_compare *c, cr_error *err)
{
    cr_status rc;
    if (!c)
        return cri_fail(err, CR_EINVAL, 0, "cr_compare_run: NULL comparison");
    if (c->ran)
        return cri_fail(err, CR_EINVAL, 0, "cr_compare_run: already ran");
    c->ran = 1;
    if ((rc = order_articles(c)) != CR_OK ||
        (rc = merge_entities(c)) != CR_OK ||
        (rc = story_synsets(c)) != CR_OK || (rc = align_quotes(c)) != CR_OK)
        goto fail;
    qsort(c->qgs, c->nqg, sizeof *c->qgs, quote_ctx_order);
    if ((rc = align_facts(c)) != CR_OK || (rc = fragment_keys(c)) != CR_OK ||
        (rc = diff_groups(c, c->qgs, c->nqg, 0)) != CR_OK ||
        (rc = diff_groups(c, c->fgs, c->nfg, 1)) != CR_OK ||
        (rc = publish(c)) != CR_OK)
        goto fail;
    return CR_OK;
fail:
    return cri_fail(err, rc, 0, "comparison failed: %s", cr_strerror(rc));
}

size_t cr_compare_narticles(const cr_compare *c)
{
    return c ? c->n : 0;
}

const cr_cmp_article *cr_compare_article(const cr_compare *c, size_t i)
{
    return c && i < c->n ? &c->a[i].pub : NULL;
}

const uint32_t *cr_compare_order(const cr_compare *c, size_t *n)
{
    *n = c && c->ran ? c->n : 0;
    return *n ? c->order : NULL;
}

const cr_quote *cr_compare_quotes(const cr_compare *c, size_t i, size_t *n)
{
    *n = c && i < c->n ? c->a[i].nq : 0;
    return *n ? c->a[i].q : NULL;
}

const cr_cite *cr_compare_cites(const cr_compare *c, size_t i, size_t *n)
{
    *n = c && i < c->n ? c->a[i].ncites : 0;
    return *n ? c->a[i].cites : NULL;
}

const cr_span *cr_compare_sentences(const cr_compare *c, size_t i, size_t *n)
{
    *n = c && i < c->n ? c->a[i].nsent : 0;
    return *n ? c->a[i].sent : NULL;
}

const cr_cmp_group *cr_compare_quote_groups(const cr_compare *c, size_t *n)
{
    *n = c && c->ran ? c->nqg : 0;
    return *n ? c->qg : NULL;
}

const cr_cmp_group *cr_compare_facts(const cr_compare *c, size_t *n)
{
    *n = c && c->ran ? c->nfg : 0;
    return *n ? c->fg : NULL;
}

const uint32_t *cr_compare_summary(const cr_compare *c, size_t *n)
{
    *n = c && c->ran ? c->nsummary : 0;
    return *n ? c->summary : NULL;
}

const cr_cmp_diff *cr_compare_differences(const cr_compare *c, size_t *n)
{
    *n = c && c->ran ? c->ndiffs : 0;
    return *n ? c->diffs : NULL;
}

const cr_diff_op *cr_compare_group_diff(const cr_compare *c, int facts,
                                        size_t g, size_t m, size_t *n)
{
    const group *gs;
    *n = 0;
    if (!c || !c->ran)
        return NULL;
    gs = facts ? c->fgs : c->qgs;
    if (g >= (facts ? c->nfg : c->nqg) || m == 0 || m >= gs[g].pub.n ||
        !gs[g].diff)
        return NULL;
    *n = gs[g].ndiff[m];
    return gs[g].diff[m];
}
