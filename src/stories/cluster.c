/*
 * cluster.c — the online story clusterer (cr_clusterer_*, cr_story_*).
 *
 * State, all bounded per story or per feature:
 *  - the feature table: every distinct feature hash seen (features.c) gets
 *    a number; per feature its document frequency (IDF), case statistics
 *    for name words, and its posting list: the active stories that post it;
 *  - active stories ("slots"): a centroid per channel (the top features by
 *    weight x IDF of the sum of their articles' unit TF-IDF vectors, kept
 *    as TF mass so IDF can move under it), up to CRI_MEMBERS retained
 *    article vectors, and the features they post in the index;
 *  - every story not released ("records"): id, counts, times, member keys,
 *    and once retired, its label.
 *
 * Adding an article: extract and intern its features, update IDF, look its
 * strongest features up in the index (most recent postings first), score
 * the best-overlapping candidates in full against centroid and members,
 * join the best at or above the threshold or start a story, update that
 * story's centroid, members and postings.
 *
 * Postings are slot numbers, oldest first. A story withdraws its postings
 * (each removed from its list, the others keeping their order) when it
 * retires, and withdraws and reposts them all at the end of the lists when
 * its posted set changes, so a list holds only active stories, in the
 * order of their latest reposting, and the index walk reads nothing stale.
 */
#include "stories/stories.h"
#include "util/util.h"
#include "ingest/ingest.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define NO_SLOT UINT32_MAX

#define MAX_FEATURES ((uint32_t)1 << 31)
#define LOG_TABLE 65536 /* ln(df + 1) precomputed below this df */

static const unsigned CEN_MAX[CRI_NCHAN] = {CRI_CEN_TERMS, CRI_CEN_NAMES,
                                            CRI_CEN_NUMBERS};
static const unsigned ART_MAX[CRI_NCHAN] = {CRI_ART_TERMS, CRI_ART_NAMES,
                                            CRI_ART_NUMBERS};
static const unsigned IDX_MAX[CRI_NCHAN] = {CRI_IDX_TERMS, CRI_IDX_NAMES,
                                            CRI_IDX_NUMBERS};
static const unsigned QRY_MAX[CRI_NCHAN] = {CRI_QRY_TERMS, CRI_QRY_NAMES,
                                            CRI_QRY_NUMBERS};

/* A weighted feature: feature number and weight (TF mass, IDF applied at
 * scoring). Vectors are sorted by f. */
typedef struct fw {
    uint32_t f;
    float w;
} fw;

typedef struct feat {
    uint32_t df;         /* articles containing it */
    uint32_t cap_mid;    /* name words: written capitalized mid-sentence */
    uint32_t low_mid;    /* ... and in lower case mid-sentence */
    uint32_t plen, pcap; /* posting list: slots, oldest first */
    uint32_t *post;
} feat;

/* A retained article of a story. */
typedef struct member {
    fw *v;                   /* channels concatenated, each sorted by f */
    uint16_t n[CRI_NCHAN];
    float norm[CRI_NCHAN];   /* TF-IDF norms at the slot's epoch */
    char *label;             /* title or lead sentence (owned) */
} member;

typedef struct slot {
    struct rec *r;           /* its record; NULL when the slot is free */
    fw *cen[CRI_NCHAN];      /* centroid, each sorted by f, cap CEN_MAX */
    uint16_t ncen[CRI_NCHAN];
    float cnorm[CRI_NCHAN];  /* centroid TF-IDF norms at epoch */
    uint32_t epoch;          /* IDF epoch of cnorm and the member norms */
    uint32_t *idx;           /* posted features, sorted */
    uint16_t nidx;
    member mem[CRI_MEMBERS];
    int nmem;
    int64_t act_t;           /* latest article time (addition time when
                                undated), for retirement */
    uint64_t act_seq;        /* order of that addition, breaks ties */
    size_t hpos;             /* position in the retirement heap */
    uint32_t next_free;
} slot;

typedef struct rec {
    int64_t id;
    size_t count;
    int64_t first, last;     /* dated articles' span */
    int dated;
    size_t ndated;
    double tmean;            /* mean time of the dated articles */
    int64_t *keys;
    size_t nkeys, capkeys;
    char *label;             /* chosen at retirement (owned) */
    uint32_t slot;           /* NO_SLOT when retired */
} rec;

typedef struct ranked {
    uint32_t f;
    float w;
    double score;
} ranked;

struct cr_clusterer {
    cr_story_opts o;
    double wch[CRI_NCHAN];

    /* feature table: open addressing over hashes (key 0 = empty), each
     * with its number, which indexes feats (one cache line per probe) */
    struct fslot {
        uint64_t key;
        uint32_t num;
    } *ftab;
    size_t fcap;             /* power of two, at most half full */
    feat *feats;
    uint32_t nfeat, capfeat;
    float logtab[LOG_TABLE]; /* ln(i + 1) */

    /* active stories */
    slot *slots;
    float *acc;              /* per slot (capslot entries): its index
                                overlap in the current query, 0 outside
                                one; what the index walk reads of a slot
                                (a few hundred bytes) is these 4 bytes */
    uint32_t nslot, capslot, free_slot;
    size_t nactive;
    uint32_t *heap;          /* slots ordered by (act_t, act_seq) */

    /* records by id: open addressing, backward-shift deletion */
    rec **recs;
    size_t reccap, nrec;
    int64_t last_id;

    size_t narticles;
    uint32_t epoch;          /* IDF epoch: moves when the stream has grown
                                by 1/CRI_EPOCH_GROWTH since the last */
    size_t epoch_next;       /* narticles at which the next begins */
    uint64_t seq;
    int64_t now;             /* newest time seen, 0 before any */
    int have_now;

    /* stemmers by language */
    struct {
        char lang[8];
        cr_stemmer *st;      /* NULL: none for this language */
    } stem[16];
    int nstem;

    /* per-article scratch */
    cri_sfeats sf;
    fw *av[CRI_NCHAN];       /* the article's vectors */
    uint16_t an[CRI_NCHAN];
    size_t avcap[CRI_NCHAN];
    size_t aqcap[CRI_NCHAN];
    fw *aq[CRI_NCHAN];       /* ... as queries: w x IDF^2 / norm, so that
                                a dot with TF mass is the cosine's
                                numerator over the other side's norm */
    uint32_t *touched;       /* slots the query touched */
    size_t ntouched, acccap;
    fw *tmp;                 /* merge buffer */
    size_t tmpcap;
    ranked *rk;              /* ranking buffer */
    size_t rkcap;
};

/* ---- small helpers ----------------------------------------------------- */


static double idf(const cr_clusterer *c, uint32_t f, double logn)
{
    uint32_t df = c->feats[f].df;
    double l = df < LOG_TABLE ? c->logtab[df] : log((double)df + 1.0);
    return logn - l + 1.0;
}

/* ln(N + 1) for the current number of articles. */
static double log_n(const cr_clusterer *c)
{
    return c->narticles < LOG_TABLE ? c->logtab[c->narticles]
                                    : log((double)c->narticles + 1.0);
}

/* Days from 1970-01-01 of a civil date (proleptic Gregorian). */
static int64_t days_from_civil(int y, int m, int d)
{
    int64_t era, yoe, doy, doe;
    y -= m <= 2;
    era = (y >= 0 ? y : y - 399) / 400;
    yoe = y - era * 400;
    doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* Seconds since the epoch of a normalised published date; 0 when there is
 * none or it is not normalised. */
static int parse_time(const char *p, int64_t *t)
{
    int y, m, d, i;
    int64_t s;
    if (!p || !cri_date_is_normal(p))
        return 0;
    if (!cri_date_shape(p, strlen(p), &y, &m, &d))
        return 0;
    s = days_from_civil(y, m, d) * 86400;
    if (p[10] == 'T') {
        int v[3];
        for (i = 0; i < 3; i++)
            v[i] = (p[11 + 3 * i] - '0') * 10 + (p[12 + 3 * i] - '0');
        s += v[0] * 3600 + v[1] * 60 + v[2];
    }
    *t = s;
    return 1;
}

/* ---- options ----------------------------------------------------------- */

void cr_story_opts_default(cr_story_opts *o)
{
    if (!o)
        return;
    memset(o, 0, sizeof *o);
    o->threshold = CRI_STORY_THRESHOLD;
    o->w_terms = CRI_STORY_W_TERMS;
    o->w_names = CRI_STORY_W_NAMES;
    o->w_numbers = CRI_STORY_W_NUMBERS;
    o->title_weight = CRI_STORY_TITLE_WEIGHT;
    o->grace = CRI_STORY_GRACE;
    o->half_life = CRI_STORY_HALF_LIFE;
    o->window = CRI_STORY_WINDOW;
    o->max_active = CRI_STORY_MAX_ACTIVE;
}

static int opts_valid(const cr_story_opts *o)
{
    if (!(o->threshold > 0.0 && o->threshold <= 1.0))
        return 0;
    if (!(o->w_terms >= 0.0 && o->w_names >= 0.0 && o->w_numbers >= 0.0))
        return 0;
    if (!(o->w_terms + o->w_names + o->w_numbers > 0.0))
        return 0;
    if (!(o->title_weight >= 0.0 && o->title_weight <= 16.0))
        return 0;
    if (o->grace < 0 || o->half_life < 0 || o->window < 0)
        return 0;
    return o->max_active >= 1 && o->max_active < NO_SLOT;
}

/* ---- feature table ----------------------------------------------------- */

static int ftable_grow(cr_clusterer *c)
{
    size_t cap = c->fcap ? c->fcap * 2 : 4096, i, j, mask = cap - 1;
    struct fslot *t = calloc(cap, sizeof *t);
    if (!t)
        return -1;
    for (i = 0; i < c->fcap; i++) {
        if (!c->ftab[i].key)
            continue;
        j = (size_t)c->ftab[i].key & mask;
        while (t[j].key)
            j = (j + 1) & mask;
        t[j] = c->ftab[i];
    }
    free(c->ftab);
    c->ftab = t;
    c->fcap = cap;
    return 0;
}

/* The number of feature `hash`; with `insert`, a new feature is added
 * (df 0). Returns NO_SLOT when absent (or on OOM / limit, *rc set). */
static uint32_t feature(cr_clusterer *c, uint64_t hash, int insert,
                        cr_status *rc)
{
    size_t mask, i;
    if (c->fcap) {
        mask = c->fcap - 1;
        i = (size_t)hash & mask;
        while (c->ftab[i].key) {
            if (c->ftab[i].key == hash)
                return c->ftab[i].num;
            i = (i + 1) & mask;
        }
    }
    if (!insert)
        return NO_SLOT;
    if (c->nfeat >= MAX_FEATURES) {
        *rc = CR_ELIMIT;
        return NO_SLOT;
    }
    if (((size_t)c->nfeat + 1) * 2 > c->fcap) {
        if (ftable_grow(c)) {
            *rc = CR_ENOMEM;
            return NO_SLOT;
        }
    }
    if (c->nfeat == c->capfeat) {
        size_t cap = c->capfeat;
        if (cri_grow((void **)&c->feats, &cap, (size_t)c->nfeat + 1,
                 sizeof *c->feats)) {
            *rc = CR_ENOMEM;
            return NO_SLOT;
        }
        c->capfeat = (uint32_t)(cap < MAX_FEATURES ? cap : MAX_FEATURES);
    }
    mask = c->fcap - 1;
    i = (size_t)hash & mask;
    while (c->ftab[i].key)
        i = (i + 1) & mask;
    c->ftab[i].key = hash;
    c->ftab[i].num = c->nfeat;
    memset(&c->feats[c->nfeat], 0, sizeof c->feats[c->nfeat]);
    return c->nfeat++;
}

/* Case statistics: is the word usually capitalized mid-sentence? */
static int is_cap(void *ctx, uint64_t h)
{
    cr_clusterer *c = ctx;
    uint32_t f = feature(c, h, 0, NULL);
    if (f == NO_SLOT)
        return 0;
    return c->feats[f].cap_mid >= 2 &&
           c->feats[f].cap_mid > c->feats[f].low_mid;
}

/* ---- records ----------------------------------------------------------- */

static size_t rec_hash(int64_t id, size_t mask)
{
    uint64_t x = (uint64_t)id * 0x9e3779b97f4a7c15ULL;
    return (size_t)(x >> 17) & mask;
}

static rec *rec_find(const cr_clusterer *c, int64_t id)
{
    size_t mask, i;
    if (!c->reccap)
        return NULL;
    mask = c->reccap - 1;
    i = rec_hash(id, mask);
    while (c->recs[i]) {
        if (c->recs[i]->id == id)
            return c->recs[i];
        i = (i + 1) & mask;
    }
    return NULL;
}

static int rec_insert(cr_clusterer *c, rec *r)
{
    size_t mask, i;
    if ((c->nrec + 1) * 2 > c->reccap) {
        size_t cap = c->reccap ? c->reccap * 2 : 1024, k;
        rec **t = calloc(cap, sizeof *t);
        if (!t)
            return -1;
        for (k = 0; k < c->reccap; k++) {
            if (!c->recs[k])
                continue;
            i = rec_hash(c->recs[k]->id, cap - 1);
            while (t[i])
                i = (i + 1) & (cap - 1);
            t[i] = c->recs[k];
        }
        free(c->recs);
        c->recs = t;
        c->reccap = cap;
    }
    mask = c->reccap - 1;
    i = rec_hash(r->id, mask);
    while (c->recs[i])
        i = (i + 1) & mask;
    c->recs[i] = r;
    c->nrec++;
    return 0;
}

static void rec_remove(cr_clusterer *c, int64_t id)
{
    size_t mask = c->reccap - 1, i = rec_hash(id, mask), j, k;
    while (c->recs[i] && c->recs[i]->id != id)
        i = (i + 1) & mask;
    if (!c->recs[i])
        return;
    c->recs[i] = NULL;
    c->nrec--;
    /* backward-shift: move later entries of the run into the hole */
    j = i;
    for (;;) {
        j = (j + 1) & mask;
        if (!c->recs[j])
            break;
        k = rec_hash(c->recs[j]->id, mask);
        /* move when k is cyclically outside (i, j] */
        if ((i <= j) ? (k <= i || k > j) : (k <= i && k > j)) {
            c->recs[i] = c->recs[j];
            c->recs[j] = NULL;
            i = j;
        }
    }
}

static void rec_free(rec *r)
{
    if (!r)
        return;
    free(r->keys);
    free(r->label);
    free(r);
}

/* ---- retirement heap --------------------------------------------------- */

static int heap_less(const cr_clusterer *c, uint32_t a, uint32_t b)
{
    const slot *x = &c->slots[a], *y = &c->slots[b];
    if (x->act_t != y->act_t)
        return x->act_t < y->act_t;
    return x->act_seq < y->act_seq;
}

static void heap_set(cr_clusterer *c, size_t i, uint32_t s)
{
    c->heap[i] = s;
    c->slots[s].hpos = i;
}

static void heap_up(cr_clusterer *c, size_t i)
{
    uint32_t s = c->heap[i];
    while (i > 0) {
        size_t p = (i - 1) / 2;
        if (!heap_less(c, s, c->heap[p]))
            break;
        heap_set(c, i, c->heap[p]);
        i = p;
    }
    heap_set(c, i, s);
}

static void heap_down(cr_clusterer *c, size_t i)
{
    uint32_t s = c->heap[i];
    size_t n = c->nactive;
    for (;;) {
        size_t l = 2 * i + 1, m = i;
        uint32_t ms = s;
        if (l < n && heap_less(c, c->heap[l], ms)) {
            m = l;
            ms = c->heap[l];
        }
        if (l + 1 < n && heap_less(c, c->heap[l + 1], ms)) {
            m = l + 1;
            ms = c->heap[l + 1];
        }
        if (m == i)
            break;
        heap_set(c, i, ms);
        i = m;
    }
    heap_set(c, i, s);
}

static void heap_remove(cr_clusterer *c, uint32_t s)
{
    size_t i = c->slots[s].hpos;
    uint32_t last = c->heap[--c->nactive];
    if (i == c->nactive)
        return;
    heap_set(c, i, last);
    heap_up(c, i);
    heap_down(c, c->slots[last].hpos);
}

/* ---- postings ---------------------------------------------------------- */

/* Withdraw a slot's postings: each is removed from its list, the rest
 * keeping their order. The search is sequential, from the oldest end for a
 * retiring story (the least recently active: its postings are among the
 * oldest) and from the newest end for a story that changes. */
static void unpost(cr_clusterer *c, uint32_t si, int oldest)
{
    slot *s = &c->slots[si];
    uint16_t i;
    for (i = 0; i < s->nidx; i++) {
        feat *ft = &c->feats[s->idx[i]];
        uint32_t p; /* the position after the slot's posting */
        if (oldest) {
            for (p = 0; p < ft->plen && ft->post[p] != si; p++)
                ;
            p++;
        } else {
            for (p = ft->plen; p > 0 && ft->post[p - 1] != si; p--)
                ;
        }
        if (p == 0 || p > ft->plen)
            continue; /* not posted: cannot happen */
        memmove(ft->post + p - 1, ft->post + p,
                (ft->plen - p) * sizeof *ft->post);
        ft->plen--;
        if (ft->pcap > 16 && ft->plen < ft->pcap / 4) {
            uint32_t cap = ft->pcap / 2;
            uint32_t *np = realloc(ft->post, cap * sizeof *np);
            if (np) {
                ft->post = np;
                ft->pcap = cap;
            }
        }
    }
    s->nidx = 0;
}

/* Post the features s->idx[0..nidx) of slot si, at the ends of the
 * lists. */
static cr_status post_all(cr_clusterer *c, uint32_t si)
{
    slot *s = &c->slots[si];
    uint16_t i;
    for (i = 0; i < s->nidx; i++) {
        feat *ft = &c->feats[s->idx[i]];
        if (ft->plen == ft->pcap) {
            size_t cap = ft->pcap;
            if (cri_grow((void **)&ft->post, &cap, (size_t)ft->plen + 1,
                     sizeof *ft->post))
                return CR_ENOMEM;
            ft->pcap = (uint32_t)cap;
        }
        ft->post[ft->plen++] = si;
    }
    return CR_OK;
}

/* ---- vectors ----------------------------------------------------------- */

/* x ranks before y: higher score, then lower feature number (a total
 * order: feature numbers are unique in a vector). */
static int ranked_before(const ranked *x, const ranked *y)
{
    return x->score > y->score || (x->score == y->score && x->f < y->f);
}

/* Rearrange r[0..n) so that its first k elements are the k first by
 * ranked_before (in no particular order among themselves). Quickselect
 * with a median-of-three pivot: deterministic, O(n) on average. */
static void select_first(ranked *r, size_t n, size_t k)
{
    size_t lo = 0, hi = n;
    ranked tmp;
#define SWAP(i, j) (tmp = r[i], r[i] = r[j], r[j] = tmp)
    if (k >= n)
        return;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2, i, st;
        /* median of lo, mid, hi-1 to hi-1 */
        if (ranked_before(&r[mid], &r[lo]))
            SWAP(mid, lo);
        if (ranked_before(&r[hi - 1], &r[lo]))
            SWAP(hi - 1, lo);
        if (ranked_before(&r[mid], &r[hi - 1]))
            SWAP(mid, hi - 1);
        for (st = lo, i = lo; i < hi - 1; i++)
            if (ranked_before(&r[i], &r[hi - 1])) {
                SWAP(i, st);
                st++;
            }
        SWAP(st, hi - 1);
        if (st == k || st + 1 == k)
            return;
        if (k < st)
            hi = st;
        else
            lo = st + 1;
    }
#undef SWAP
}

/* Sort v[0..n) by feature number (unique, so there is one order):
 * quicksort down to runs of 16, then insertion. */
static void sort_fw(fw *v, size_t n)
{
    size_t i, j;
    while (n > 16) {
        uint32_t a = v[0].f, b = v[n / 2].f, c = v[n - 1].f, piv;
        fw t;
        piv = a < b ? (b < c ? b : (a < c ? c : a))
                    : (a < c ? a : (b < c ? c : b));
        i = 0;
        j = n - 1;
        for (;;) { /* Hoare partition */
            while (v[i].f < piv)
                i++;
            while (v[j].f > piv)
                j--;
            if (i >= j)
                break;
            t = v[i];
            v[i] = v[j];
            v[j] = t;
            i++;
            j--;
        }
        /* v[0..j] <= piv <= v[j+1..n): recurse on the smaller side */
        if (j + 1 < n - j - 1) {
            sort_fw(v, j + 1);
            v += j + 1;
            n -= j + 1;
        } else {
            sort_fw(v + j + 1, n - j - 1);
            n = j + 1;
        }
    }
    for (i = 1; i < n; i++) {
        fw x = v[i];
        for (j = i; j > 0 && v[j - 1].f > x.f; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

/* Sort a few feature numbers (insertion). */
static void sort_u32(uint32_t *v, size_t n)
{
    size_t i, j;
    for (i = 1; i < n; i++) {
        uint32_t x = v[i];
        for (j = i; j > 0 && v[j - 1] > x; j--)
            v[j] = v[j - 1];
        v[j] = x;
    }
}

/* Keep the `keep` entries of v[0..n) with the highest w x IDF (ties: lower
 * feature number), sorted by f; `sorted` says v already is. Returns the
 * new length. `rk` is scratch of n entries. */
static size_t top_by_tfidf(const cr_clusterer *c, fw *v, size_t n,
                           size_t keep, ranked *rk, double logn, int sorted)
{
    size_t i, k = 0;
    ranked kth;
    if (n <= keep) {
        if (!sorted)
            sort_fw(v, n);
        return n;
    }
    for (i = 0; i < n; i++) {
        rk[i].f = v[i].f;
        rk[i].w = v[i].w;
        rk[i].score = v[i].w * idf(c, v[i].f, logn);
    }
    select_first(rk, n, keep);
    /* the keep-th best; keep, in v's order, what ranks no lower */
    kth = rk[0];
    for (i = 1; i < keep; i++)
        if (ranked_before(&kth, &rk[i]))
            kth = rk[i];
    for (i = 0; i < n; i++) {
        ranked x;
        x.f = v[i].f;
        x.w = v[i].w;
        x.score = v[i].w * idf(c, v[i].f, logn);
        if (!ranked_before(&kth, &x))
            v[k++] = v[i];
    }
    if (!sorted)
        sort_fw(v, k);
    return k;
}

/* Squared norm of v under current IDF. */
static double norm2(const cr_clusterer *c, const fw *v, size_t n,
                    double logn)
{
    double s = 0;
    size_t i;
    for (i = 0; i < n; i++) {
        double x = v[i].w * idf(c, v[i].f, logn);
        s += x * x;
    }
    return s;
}

/* Dot product of a and b (both sorted by f) under current IDF. */
static double dot(const cr_clusterer *c, const fw *a, size_t na,
                  const fw *b, size_t nb, double logn)
{
    size_t i = 0, j = 0;
    double s = 0;
    while (i < na && j < nb) {
        if (a[i].f < b[j].f) {
            i++;
        } else if (a[i].f > b[j].f) {
            j++;
        } else {
            double x = idf(c, a[i].f, logn);
            s += (double)a[i].w * b[j].w * x * x;
            i++;
            j++;
        }
    }
    return s;
}

/* Sum of a.w x b.w over the features a and b (both sorted by f) share. */
static double qdot(const fw *a, size_t na, const fw *b, size_t nb)
{
    size_t i = 0, j = 0;
    double s = 0;
    while (i < na && j < nb) {
        uint32_t x = a[i].f, y = b[j].f;
        if (x == y)
            s += (double)a[i++].w * b[j++].w;
        else if (x < y)
            i++;
        else
            j++;
    }
    return s;
}

/* Weighted mean over channels present on both sides of the cosines of the
 * article (its query vectors c->aq, norms an2) with b (TF mass, TF-IDF
 * norms bnorm). */
static double score_vs(const cr_clusterer *c, const double an2[CRI_NCHAN],
                       fw *const b[CRI_NCHAN], const uint16_t bn[CRI_NCHAN],
                       const float bnorm[CRI_NCHAN])
{
    double num = 0, den = 0;
    int ch;
    for (ch = 0; ch < CRI_NCHAN; ch++) {
        if (!c->an[ch] || !bn[ch] || an2[ch] <= 0 || c->wch[ch] <= 0 ||
            !(bnorm[ch] > 0))
            continue;
        num += c->wch[ch] * qdot(c->aq[ch], c->an[ch], b[ch], bn[ch]) /
               bnorm[ch];
        den += c->wch[ch];
    }
    return den > 0 ? num / den : 0.0;
}

static double member_score(const cr_clusterer *c,
                           const double an2[CRI_NCHAN], const member *m)
{
    fw *b[CRI_NCHAN];
    b[0] = m->v;
    b[1] = m->v + m->n[0];
    b[2] = m->v + m->n[0] + m->n[1];
    return score_vs(c, an2, b, m->n, m->norm);
}

/* Recompute the TF-IDF norms of slot s's centroid and members under the
 * current IDF. Done when the story changes and, for a story scored, once
 * per IDF epoch: between epochs the IDF moves by little (the stream grows
 * by less than 1/CRI_EPOCH_GROWTH), and scoring then walks no IDF on the
 * story's side. */
static void slot_norms(cr_clusterer *c, slot *s, double logn)
{
    int ch, m;
    for (ch = 0; ch < CRI_NCHAN; ch++)
        s->cnorm[ch] = (float)sqrt(norm2(c, s->cen[ch], s->ncen[ch], logn));
    for (m = 0; m < s->nmem; m++) {
        const fw *v = s->mem[m].v;
        for (ch = 0; ch < CRI_NCHAN; ch++) {
            s->mem[m].norm[ch] =
                (float)sqrt(norm2(c, v, s->mem[m].n[ch], logn));
            v += s->mem[m].n[ch];
        }
    }
    s->epoch = c->epoch;
}

/* Time factor of article time t against a story's dated articles: the
 * distance is to their mean time, the story's centre in time, as the
 * centroid is its centre in content. A story fed day after day moves its
 * centre more slowly than its newest article, so it cannot chain on for
 * months; the burst of an event keeps its centre where its coverage is. */
static double time_factor(const cr_clusterer *c, const rec *r, int dated,
                          int64_t t)
{
    double d;
    if (!dated || !r->dated || c->o.half_life <= 0)
        return 1.0;
    d = fabs((double)t - r->tmean);
    if (d <= (double)c->o.grace)
        return 1.0;
    return exp2(-(d - (double)c->o.grace) / (double)c->o.half_life);
}

/* ---- stories ----------------------------------------------------------- */

static void member_clear(member *m)
{
    free(m->v);
    free(m->label);
    memset(m, 0, sizeof *m);
}

/* Centrality of member m: its score against the story's centroid. */
static double centrality(const cr_clusterer *c, const slot *s,
                         const member *m, double logn)
{
    double num = 0, den = 0;
    const fw *mv[CRI_NCHAN];
    int ch;
    mv[0] = m->v;
    mv[1] = m->v + m->n[0];
    mv[2] = m->v + m->n[0] + m->n[1];
    for (ch = 0; ch < CRI_NCHAN; ch++) {
        if (!m->n[ch] || !s->ncen[ch] || c->wch[ch] <= 0 ||
            !(m->norm[ch] > 0) || !(s->cnorm[ch] > 0))
            continue;
        num += c->wch[ch] *
               dot(c, mv[ch], m->n[ch], s->cen[ch], s->ncen[ch], logn) /
               ((double)m->norm[ch] * s->cnorm[ch]);
        den += c->wch[ch];
    }
    return den > 0 ? num / den : 0.0;
}

/* The most central retained member with a label (first on ties), or -1. */
static int central_member(const cr_clusterer *c, const slot *s)
{
    double logn = log_n(c), best = -1;
    int i, bi = -1;
    for (i = 0; i < s->nmem; i++) {
        double x;
        if (!s->mem[i].label)
            continue;
        x = centrality(c, s, &s->mem[i], logn);
        if (x > best) {
            best = x;
            bi = i;
        }
    }
    return bi;
}

static void slot_release(cr_clusterer *c, uint32_t si)
{
    slot *s = &c->slots[si];
    int i, ch;
    unpost(c, si, 1);
    for (i = 0; i < s->nmem; i++)
        member_clear(&s->mem[i]);
    s->nmem = 0;
    for (ch = 0; ch < CRI_NCHAN; ch++) {
        free(s->cen[ch]);
        s->cen[ch] = NULL;
        s->ncen[ch] = 0;
    }
    free(s->idx);
    s->idx = NULL;
    s->r = NULL;
    s->next_free = c->free_slot;
    c->free_slot = si;
}

static void retire_slot(cr_clusterer *c, uint32_t si)
{
    slot *s = &c->slots[si];
    rec *r = s->r;
    int m = central_member(c, s);
    if (m >= 0 && !r->label) {
        r->label = s->mem[m].label; /* move: the member is freed next */
        s->mem[m].label = NULL;
    }
    r->slot = NO_SLOT;
    heap_remove(c, si);
    slot_release(c, si);
}

cr_status cr_clusterer_retire(cr_clusterer *c, int64_t before, size_t *n)
{
    size_t k = 0;
    if (n)
        *n = 0;
    if (!c)
        return CR_EINVAL;
    while (c->nactive && c->slots[c->heap[0]].act_t < before) {
        retire_slot(c, c->heap[0]);
        k++;
    }
    if (n)
        *n = k;
    return CR_OK;
}

/* Recompute the posted features of slot si (top IDX_MAX per channel of the
 * centroid by weight x IDF) and repost when they changed. */
static cr_status reindex(cr_clusterer *c, uint32_t si, double logn,
                         ranked *rk)
{
    slot *s = &c->slots[si];
    uint32_t ids[CRI_IDX_TERMS + CRI_IDX_NAMES + CRI_IDX_NUMBERS];
    size_t n = 0, i;
    int ch;
    for (ch = 0; ch < CRI_NCHAN; ch++) {
        size_t m = s->ncen[ch];
        for (i = 0; i < m; i++) {
            rk[i].f = s->cen[ch][i].f;
            rk[i].w = s->cen[ch][i].w;
            rk[i].score = s->cen[ch][i].w * idf(c, s->cen[ch][i].f, logn);
        }
        select_first(rk, m, IDX_MAX[ch]);
        for (i = 0; i < m && i < IDX_MAX[ch]; i++)
            ids[n++] = rk[i].f;
    }
    sort_u32(ids, n);
    if (s->idx && n == s->nidx && !memcmp(ids, s->idx, n * sizeof *ids))
        return CR_OK;
    unpost(c, si, 0);
    if (!s->idx) {
        s->idx = malloc(sizeof ids);
        if (!s->idx)
            return CR_ENOMEM;
    }
    memcpy(s->idx, ids, n * sizeof *ids);
    s->nidx = (uint16_t)n;
    return post_all(c, si);
}

/* Add the article's unit TF-IDF vector (as TF mass) to the centroid of
 * slot si, keeping the top CEN_MAX per channel. */
static cr_status centroid_add(cr_clusterer *c, slot *s,
                              const double an2[CRI_NCHAN], double logn,
                              ranked *rk)
{
    int ch;
    for (ch = 0; ch < CRI_NCHAN; ch++) {
        size_t i = 0, j = 0, k = 0, na = c->an[ch], nb = s->ncen[ch];
        double inv;
        const fw *a = c->av[ch], *b = s->cen[ch];
        if (!na || an2[ch] <= 0)
            continue;
        inv = 1.0 / sqrt(an2[ch]);
        if (cri_grow((void **)&c->tmp, &c->tmpcap, na + nb, sizeof *c->tmp))
            return CR_ENOMEM;
        while (i < na || j < nb) {
            if (j == nb || (i < na && a[i].f < b[j].f)) {
                c->tmp[k].f = a[i].f;
                c->tmp[k++].w = (float)(a[i++].w * inv);
            } else if (i == na || b[j].f < a[i].f) {
                c->tmp[k++] = b[j++];
            } else {
                c->tmp[k].f = a[i].f;
                c->tmp[k++].w = (float)(b[j++].w + a[i++].w * inv);
            }
        }
        k = top_by_tfidf(c, c->tmp, k, CEN_MAX[ch], rk, logn, 1);
        if (!s->cen[ch]) {
            s->cen[ch] = malloc(CEN_MAX[ch] * sizeof *s->cen[ch]);
            if (!s->cen[ch])
                return CR_ENOMEM;
        }
        memcpy(s->cen[ch], c->tmp, k * sizeof *c->tmp);
        s->ncen[ch] = (uint16_t)k;
    }
    return CR_OK;
}

/* Title, else lead sentence, else text start: one line, cut to
 * CRI_LABEL_MAX bytes at a character boundary. Owned by the caller. */
static char *make_label(const cr_article *a, const cr_doc *doc)
{
    const char *s = NULL;
    size_t n = 0, i, k = 0;
    char *out;
    int space = 0;
    if (a->title && *a->title) {
        s = a->title;
        n = strlen(s);
    } else if (a->text && a->text_len) {
        size_t ns = 0;
        const cr_span *sp = doc ? cr_doc_sentences(doc, &ns) : NULL;
        s = a->text;
        n = a->text_len;
        if (sp && ns && sp[0].end <= a->text_len) {
            s = a->text + sp[0].start;
            n = sp[0].end - sp[0].start;
        }
    }
    if (!s)
        return NULL;
    out = malloc(CRI_LABEL_MAX + 1);
    if (!out)
        return NULL;
    for (i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        size_t len;
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' ||
            ch == '\v' || ch == '\f') {
            space = k > 0;
            continue;
        }
        len = ch < 0x80 ? 1 : ch >= 0xF0 ? 4 : ch >= 0xE0 ? 3 : 2;
        if (k + space + len > CRI_LABEL_MAX)
            break;
        if (space)
            out[k++] = ' ';
        space = 0;
        for (; len && i < n; len--)
            out[k++] = s[i++];
        i--;
    }
    out[k] = '\0';
    return out;
}

/* A member from the article's vectors. */
static cr_status member_make(cr_clusterer *c, member *m, char *label,
                             double logn)
{
    size_t n = (size_t)c->an[0] + c->an[1] + c->an[2], off = 0;
    int ch;
    m->v = malloc((n ? n : 1) * sizeof *m->v);
    if (!m->v)
        return CR_ENOMEM;
    for (ch = 0; ch < CRI_NCHAN; ch++) {
        memcpy(m->v + off, c->av[ch], c->an[ch] * sizeof *m->v);
        m->n[ch] = c->an[ch];
        m->norm[ch] = (float)sqrt(norm2(c, c->av[ch], c->an[ch], logn));
        off += c->an[ch];
    }
    m->label = label;
    return CR_OK;
}

/* Retain the article in slot s; when full, drop the least central of the
 * members and the article (the article itself when it is least central). */
static cr_status members_add(cr_clusterer *c, slot *s, char *label,
                             double logn)
{
    member m;
    int i, worst = -1;
    double wv;
    cr_status rc;
    memset(&m, 0, sizeof m);
    rc = member_make(c, &m, label, logn);
    if (rc != CR_OK) {
        free(label);
        return rc;
    }
    if (s->nmem < CRI_MEMBERS) {
        s->mem[s->nmem++] = m;
        return CR_OK;
    }
    wv = centrality(c, s, &m, logn);
    for (i = 0; i < s->nmem; i++) {
        double x = centrality(c, s, &s->mem[i], logn);
        if (x < wv) {
            wv = x;
            worst = i;
        }
    }
    if (worst < 0) {
        member_clear(&m);
        return CR_OK;
    }
    member_clear(&s->mem[worst]);
    memmove(&s->mem[worst], &s->mem[worst + 1],
            (size_t)(s->nmem - worst - 1) * sizeof s->mem[0]);
    s->mem[s->nmem - 1] = m;
    return CR_OK;
}

static cr_status rec_add_key(rec *r, int64_t key, int dated, int64_t t)
{
    if (cri_grow((void **)&r->keys, &r->capkeys, r->nkeys + 1, sizeof *r->keys))
        return CR_ENOMEM;
    r->keys[r->nkeys++] = key;
    r->count++;
    if (dated) {
        if (!r->dated || t < r->first)
            r->first = t;
        if (!r->dated || t > r->last)
            r->last = t;
        r->dated = 1;
        r->ndated++;
        r->tmean += ((double)t - r->tmean) / (double)r->ndated;
    }
    return CR_OK;
}

/* ---- create / free ----------------------------------------------------- */

cr_status cr_clusterer_new(const cr_story_opts *opts, cr_clusterer **out)
{
    cr_clusterer *c;
    double sum;
    size_t i;
    if (!out)
        return CR_EINVAL;
    *out = NULL;
    c = calloc(1, sizeof *c);
    if (!c)
        return CR_ENOMEM;
    if (opts)
        c->o = *opts;
    else
        cr_story_opts_default(&c->o);
    if (!opts_valid(&c->o)) {
        free(c);
        return CR_EINVAL;
    }
    sum = c->o.w_terms + c->o.w_names + c->o.w_numbers;
    c->wch[0] = c->o.w_terms / sum;
    c->wch[1] = c->o.w_names / sum;
    c->wch[2] = c->o.w_numbers / sum;
    for (i = 0; i < LOG_TABLE; i++)
        c->logtab[i] = (float)log((double)i + 1.0);
    c->free_slot = NO_SLOT;
    *out = c;
    return CR_OK;
}

void cr_clusterer_free(cr_clusterer *c)
{
    uint32_t i;
    size_t k;
    int ch;
    if (!c)
        return;
    for (i = 0; i < c->nslot; i++) {
        slot *s = &c->slots[i];
        int m;
        for (m = 0; m < s->nmem; m++)
            member_clear(&s->mem[m]);
        for (ch = 0; ch < CRI_NCHAN; ch++)
            free(s->cen[ch]);
        free(s->idx);
    }
    free(c->slots);
    free(c->heap);
    for (k = 0; k < c->reccap; k++)
        rec_free(c->recs[k]);
    free(c->recs);
    for (i = 0; i < c->nfeat; i++)
        free(c->feats[i].post);
    free(c->feats);
    free(c->ftab);
    for (ch = 0; ch < c->nstem; ch++)
        cr_stemmer_free(c->stem[ch].st);
    cri_sfeats_free(&c->sf);
    for (ch = 0; ch < CRI_NCHAN; ch++) {
        free(c->av[ch]);
        free(c->aq[ch]);
    }
    free(c->acc);
    free(c->touched);
    free(c->tmp);
    free(c->rk);
    free(c);
}

/* The stemmer for lang (cached; NULL when Snowball has none). */
static cr_stemmer *stemmer_for(cr_clusterer *c, const char *lang)
{
    int i;
    cr_stemmer *st = NULL;
    if (!lang || !*lang || strlen(lang) >= sizeof c->stem[0].lang)
        return NULL;
    for (i = 0; i < c->nstem; i++)
        if (!strcmp(c->stem[i].lang, lang))
            return c->stem[i].st;
    if (cr_stemmer_new(lang, &st) != CR_OK)
        st = NULL;
    if (c->nstem < (int)(sizeof c->stem / sizeof c->stem[0])) {
        strcpy(c->stem[c->nstem].lang, lang);
        c->stem[c->nstem].st = st;
        c->nstem++;
        return st;
    }
    cr_stemmer_free(st); /* cache full: languages past 16 go unstemmed */
    return NULL;
}

/* A free slot index (growing the arrays), or NO_SLOT on OOM / limit. */
static uint32_t slot_alloc(cr_clusterer *c, cr_status *rc)
{
    uint32_t si;
    if (c->free_slot != NO_SLOT) {
        si = c->free_slot;
        c->free_slot = c->slots[si].next_free;
        return si;
    }
    if (c->nslot >= NO_SLOT - 1) {
        *rc = CR_ELIMIT;
        return NO_SLOT;
    }
    if (c->nslot == c->capslot) {
        size_t cap = c->capslot ? (size_t)c->capslot * 2 : 64;
        slot *s = realloc(c->slots, cap * sizeof *s);
        float *x;
        uint32_t *h;
        if (!s) {
            *rc = CR_ENOMEM;
            return NO_SLOT;
        }
        c->slots = s;
        h = realloc(c->heap, cap * sizeof *h);
        if (!h) {
            *rc = CR_ENOMEM;
            return NO_SLOT;
        }
        c->heap = h;
        x = realloc(c->acc, cap * sizeof *x);
        if (!x) {
            *rc = CR_ENOMEM;
            return NO_SLOT;
        }
        c->acc = x;
        c->capslot = (uint32_t)cap;
    }
    si = c->nslot++;
    memset(&c->slots[si], 0, sizeof c->slots[si]);
    c->acc[si] = 0.0f;
    return si;
}

/* ---- add --------------------------------------------------------------- */

/* A candidate: its slot and index overlap. Ties of overlap go to the
 * lower slot number (deterministic, and it needs no look at the slot,
 * whose memory is cold: thousands of candidates are touched per query). */
typedef struct cand {
    uint32_t slot;
    float acc;
} cand;

static int cand_better(cand x, cand y)
{
    return x.acc > y.acc || (x.acc == y.acc && x.slot < y.slot);
}

/* The CRI_CANDIDATES best of the touched slots into top[] (in no
 * particular order); returns how many. One pass with a heap whose root is
 * the worst kept: most slots lose to it at one comparison. The slots'
 * overlaps are reset to 0 for the next query. */
static size_t best_candidates(cr_clusterer *c, cand *top)
{
    size_t i, n = 0;
    for (i = 0; i < c->ntouched; i++) {
        cand x;
        size_t j = 0;
        x.slot = c->touched[i];
        x.acc = c->acc[x.slot];
        c->acc[x.slot] = 0.0f;
        if (n < CRI_CANDIDATES) {
            /* sift up: parents are worse than children */
            j = n++;
            while (j > 0 && cand_better(top[(j - 1) / 2], x)) {
                top[j] = top[(j - 1) / 2];
                j = (j - 1) / 2;
            }
            top[j] = x;
            continue;
        }
        if (!cand_better(x, top[0]))
            continue;
        for (;;) { /* sift down from the root */
            size_t l = 2 * j + 1, w = l;
            if (l >= n)
                break;
            if (l + 1 < n && cand_better(top[l], top[l + 1]))
                w = l + 1;
            if (!cand_better(x, top[w]))
                break;
            top[j] = top[w];
            j = w;
        }
        top[j] = x;
    }
    return n;
}

/* Make the touched list cover every slot, and one more entry (the walk
 * writes one past its end). */
static cr_status scratch_slots(cr_clusterer *c)
{
    size_t cap = c->acccap;
    uint32_t *t;
    if (c->nslot < cap)
        return CR_OK;
    cap = cap ? cap : 64;
    while (cap <= c->nslot)
        cap *= 2;
    t = realloc(c->touched, cap * sizeof *t);
    if (!t)
        return CR_ENOMEM;
    c->touched = t;
    c->acccap = cap;
    return CR_OK;
}

/* Gather candidate slots from the index: for the article's strongest
 * features, the most recent live postings; accumulate for each slot the
 * channel-weighted share of the article's TF-IDF mass it posts. */
static cr_status gather(cr_clusterer *c, const double an2[CRI_NCHAN],
                        double logn, ranked *rk)
{
    int ch;
    size_t i, nt = 0;
    uint32_t *touched;
    float *acc = c->acc;
    cr_status rc = scratch_slots(c);
    if (rc != CR_OK)
        return rc;
    touched = c->touched;
    for (ch = 0; ch < CRI_NCHAN; ch++) {
        size_t n = c->an[ch], q;
        if (!n || an2[ch] <= 0 || c->wch[ch] <= 0)
            continue;
        for (i = 0; i < n; i++) {
            double x = idf(c, c->av[ch][i].f, logn);
            rk[i].f = c->av[ch][i].f;
            rk[i].w = c->av[ch][i].w;
            rk[i].score = c->av[ch][i].w * x;
        }
        q = n < QRY_MAX[ch] ? n : QRY_MAX[ch];
        select_first(rk, n, q);
        for (i = 0; i < q; i++)
            CRI_PREFETCH(&c->feats[rk[i].f]);
        for (i = 0; i < q; i++) {
            feat *ft = &c->feats[rk[i].f];
            float share = (float)(c->wch[ch] * rk[i].score * rk[i].score /
                                  an2[ch]);
            const uint32_t *p = ft->post + ft->plen,
                           *lo = ft->plen > CRI_POSTINGS_READ
                                     ? p - CRI_POSTINGS_READ
                                     : ft->post;
            if (!(share > 0)) /* a slot's overlap is 0 until touched */
                continue;
            /* without branches: whether a slot is new to the query is
             * unpredictable, and a mispredicted branch would stall the
             * loads of the postings that follow */
            while (p > lo) {
                uint32_t sl = *--p;
                float a = acc[sl];
                touched[nt] = sl;
                nt += a == 0.0f;
                acc[sl] = a + share;
            }
        }
    }
    c->ntouched = nt;
    return CR_OK;
}

/* Intern the extracted features into the article's vectors (df counted
 * once per feature), update the case statistics, and keep the top
 * ART_MAX per channel. */
static cr_status intern(cr_clusterer *c, ranked **rk, size_t *rkcap)
{
    cr_status rc = CR_OK;
    size_t i;
    int ch;
    /* the hundreds of look-ups below land at random in a table of
     * megabytes: ask for their cache lines first, so that the misses
     * overlap instead of following one another */
    if (c->fcap) {
        size_t mask = c->fcap - 1;
        for (ch = 0; ch < CRI_NCHAN; ch++)
            for (i = 0; i < c->sf.n[ch]; i++)
                CRI_PREFETCH(
                    &c->ftab[(size_t)c->sf.v[ch][i].hash & mask]);
        for (i = 0; i < c->sf.nmid; i++)
            CRI_PREFETCH(&c->ftab[(size_t)c->sf.mid[i] & mask]);
        for (i = 0; i < c->sf.nlow; i++)
            CRI_PREFETCH(&c->ftab[(size_t)c->sf.low[i] & mask]);
    }
    for (ch = 0; ch < CRI_NCHAN; ch++) {
        size_t n = c->sf.n[ch], k = 0;
        if (cri_grow((void **)&c->av[ch], &c->avcap[ch], n + 1,
                 sizeof *c->av[ch]))
            return CR_ENOMEM;
        for (i = 0; i < n; i++) {
            uint32_t f;
            if (!(c->sf.v[ch][i].w > 0))
                continue;
            f = feature(c, c->sf.v[ch][i].hash, 1, &rc);
            if (f == NO_SLOT)
                return rc;
            if (c->feats[f].df < UINT32_MAX)
                c->feats[f].df++;
            c->av[ch][k].f = f;
            c->av[ch][k].w = c->sf.v[ch][i].w;
            k++;
        }
        c->an[ch] = (uint16_t)(k < 65535 ? k : 65535);
        if (cri_grow((void **)rk, rkcap, k + 1, sizeof **rk))
            return CR_ENOMEM;
    }
    for (i = 0; i < c->sf.nmid; i++) {
        uint32_t f = feature(c, c->sf.mid[i], 1, &rc);
        if (f == NO_SLOT)
            return rc;
        if (c->feats[f].cap_mid < UINT32_MAX)
            c->feats[f].cap_mid++;
    }
    for (i = 0; i < c->sf.nlow; i++) {
        uint32_t f = feature(c, c->sf.low[i], 0, NULL);
        if (f != NO_SLOT && c->feats[f].low_mid < UINT32_MAX)
            c->feats[f].low_mid++;
    }
    return CR_OK;
}

cr_status cr_clusterer_add(cr_clusterer *c, int64_t key,
                           const cr_article *a, const cr_doc *doc,
                           cr_story_match *match)
{
    cr_status rc = CR_OK;
    cr_doc *own = NULL;
    const char *lang = NULL;
    ranked *rk;
    size_t i;
    double an2[CRI_NCHAN], logn, best = -1;
    int64_t t = 0;
    int dated, ch;
    uint32_t best_slot = NO_SLOT, si;
    char *label = NULL;
    cand cands[CRI_CANDIDATES];
    rec *r = NULL;
    slot *s;

    if (match)
        memset(match, 0, sizeof *match);
    if (!c || !a || (a->text_len && !a->text))
        return CR_EINVAL;

    /* analysis and language */
    if (!doc && a->text_len) {
        rc = cr_doc_analyze(a->text, a->text_len, a->lang, NULL, &own);
        if (rc != CR_OK)
            goto done;
        doc = own;
    }
    if (doc && strcmp(cr_doc_lang(doc), "und"))
        lang = cr_doc_lang(doc);
    else if (a->lang && *a->lang)
        lang = a->lang;

    /* time, and retirement by the window */
    dated = parse_time(a->published, &t);
    if (dated && !c->have_now) {
        /* stories of undated articles added before any time was known are
         * taken at this first time (all equal: the heap order stands) */
        size_t h;
        for (h = 0; h < c->nactive; h++)
            c->slots[c->heap[h]].act_t = t;
        c->now = t;
        c->have_now = 1;
    } else if (dated && t > c->now) {
        c->now = t;
    }
    if (!dated)
        t = c->now;
    if (c->o.window > 0 && c->have_now)
        (void)cr_clusterer_retire(c, c->now - c->o.window, NULL);
    while (c->nactive >= c->o.max_active)
        retire_slot(c, c->heap[0]);

    /* features, IDF */
    rc = cri_story_features(&c->sf, a->title, a->text ? a->text : "",
                            a->text_len, doc, stemmer_for(c, lang), lang,
                            c->o.title_weight, is_cap, c);
    if (rc != CR_OK)
        goto done;
    rc = intern(c, &c->rk, &c->rkcap);
    if (rc != CR_OK)
        goto done;
    rk = c->rk;
    c->narticles++;
    if (c->narticles >= c->epoch_next) {
        c->epoch++;
        c->epoch_next = c->narticles + c->narticles / CRI_EPOCH_GROWTH + 1;
    }
    logn = log_n(c);
    for (ch = 0; ch < CRI_NCHAN; ch++) {
        double inv;
        c->an[ch] = (uint16_t)top_by_tfidf(c, c->av[ch], c->an[ch],
                                           ART_MAX[ch], rk, logn, 0);
        an2[ch] = norm2(c, c->av[ch], c->an[ch], logn);
        if (cri_grow((void **)&c->aq[ch], &c->aqcap[ch],
                     (size_t)c->an[ch] + 1, sizeof *c->aq[ch])) {
            rc = CR_ENOMEM;
            goto done;
        }
        inv = an2[ch] > 0 ? 1.0 / sqrt(an2[ch]) : 0.0;
        for (i = 0; i < c->an[ch]; i++) {
            double x = idf(c, c->av[ch][i].f, logn);
            c->aq[ch][i].f = c->av[ch][i].f;
            c->aq[ch][i].w = (float)(c->av[ch][i].w * x * x * inv);
        }
    }
    if (cri_grow((void **)&c->rk, &c->rkcap,
             CRI_CEN_TERMS + CRI_ART_TERMS + CRI_CEN_NAMES + CRI_ART_NAMES +
                 CRI_CEN_NUMBERS + CRI_ART_NUMBERS,
             sizeof *rk)) {
        rc = CR_ENOMEM;
        goto done;
    }
    rk = c->rk;

    /* candidates, scored in full */
    rc = gather(c, an2, logn, rk);
    if (rc != CR_OK)
        goto done;
    if (c->ntouched) {
        size_t nc = best_candidates(c, cands);
        for (i = 0; i < nc; i++)
            CRI_PREFETCH(&c->slots[cands[i].slot]);
        for (i = 0; i < nc; i++) {
            slot *cs = &c->slots[cands[i].slot];
            double tf = time_factor(c, cs->r, dated, t), sc;
            int m;
            /* a score is at most tf: skip what cannot join or win */
            if (tf < c->o.threshold || tf < best)
                continue;
            if (cs->epoch != c->epoch)
                slot_norms(c, cs, logn);
            sc = score_vs(c, an2, cs->cen, cs->ncen, cs->cnorm);
            /* member links lift a story whose centroid drifted from the
             * article, not one it barely shares: members are scored only
             * when the centroid score reaches a part of the threshold */
            if (sc * tf < c->o.threshold * CRI_MEMBER_GATE)
                m = cs->nmem;
            else
                m = 0;
            for (; m < cs->nmem; m++) {
                double x = member_score(c, an2, &cs->mem[m]);
                if (x > sc)
                    sc = x;
            }
            sc *= tf;
            if (sc > best ||
                (sc == best && cs->r->id < c->slots[best_slot].r->id)) {
                best = sc;
                best_slot = cands[i].slot;
            }
        }
    }

    label = make_label(a, doc);
    if (best_slot != NO_SLOT && best >= c->o.threshold) {
        si = best_slot;
        s = &c->slots[si];
        r = s->r;
        rc = rec_add_key(r, key, dated, t);
        if (rc != CR_OK)
            goto done;
        if (match) {
            match->story = r->id;
            match->score = best;
        }
    } else {
        si = slot_alloc(c, &rc);
        if (si == NO_SLOT)
            goto done;
        r = calloc(1, sizeof *r);
        if (r)
            r->id = c->last_id + 1;
        if (!r || rec_insert(c, r)) {
            free(r);
            r = NULL;
            c->slots[si].next_free = c->free_slot;
            c->free_slot = si;
            rc = CR_ENOMEM;
            goto done;
        }
        s = &c->slots[si];
        c->last_id++;
        r->slot = si;
        s->r = r;
        s->nmem = 0;
        s->nidx = 0;
        s->act_t = t;
        s->act_seq = c->seq;
        c->heap[c->nactive] = si;
        s->hpos = c->nactive++;
        heap_up(c, s->hpos);
        rc = rec_add_key(r, key, dated, t);
        if (rc != CR_OK)
            goto done;
        if (match) {
            match->story = r->id;
            match->is_new = 1;
        }
    }
    /* the story takes the article; its retirement key only grows */
    if (t > s->act_t)
        s->act_t = t;
    s->act_seq = c->seq++;
    heap_down(c, s->hpos);
    rc = centroid_add(c, s, an2, logn, rk);
    if (rc == CR_OK) {
        slot_norms(c, s, logn);
        rc = members_add(c, s, label, logn);
        label = NULL;
    }
    if (rc == CR_OK)
        rc = reindex(c, si, logn, rk);
done:
    free(label);
    cr_doc_free(own);
    return rc;
}

/* ---- queries ----------------------------------------------------------- */

cr_status cr_story_get(cr_clusterer *c, int64_t id, cr_story_info *out)
{
    rec *r;
    if (!c || !out)
        return CR_EINVAL;
    memset(out, 0, sizeof *out);
    r = rec_find(c, id);
    if (!r)
        return CR_ENOTFOUND;
    out->id = r->id;
    out->articles = r->count;
    out->first = r->dated ? r->first : 0;
    out->last = r->dated ? r->last : 0;
    out->active = r->slot != NO_SLOT;
    if (r->slot != NO_SLOT) {
        const slot *s = &c->slots[r->slot];
        int m = central_member(c, s);
        out->label = m >= 0 ? s->mem[m].label : "";
    } else {
        out->label = r->label ? r->label : "";
    }
    return CR_OK;
}

cr_status cr_story_members(cr_clusterer *c, int64_t id,
                           const int64_t **keys, size_t *n)
{
    rec *r;
    if (!c || !keys || !n)
        return CR_EINVAL;
    *keys = NULL;
    *n = 0;
    r = rec_find(c, id);
    if (!r)
        return CR_ENOTFOUND;
    *keys = r->keys;
    *n = r->nkeys;
    return CR_OK;
}

cr_status cr_story_release(cr_clusterer *c, int64_t id)
{
    rec *r;
    if (!c)
        return CR_EINVAL;
    r = rec_find(c, id);
    if (!r)
        return CR_ENOTFOUND;
    if (r->slot != NO_SLOT)
        return CR_EINVAL;
    rec_remove(c, id);
    rec_free(r);
    return CR_OK;
}

void cr_clusterer_stats(const cr_clusterer *c, cr_story_stats *out)
{
    size_t mem, i;
    uint32_t k;
    if (!out)
        return;
    memset(out, 0, sizeof *out);
    if (!c)
        return;
    out->articles = c->narticles;
    out->stories = c->last_id;
    out->active = c->nactive;
    out->features = c->nfeat;
    mem = sizeof *c + c->fcap * sizeof *c->ftab +
          (size_t)c->capfeat * sizeof *c->feats +
          (size_t)c->capslot * (sizeof *c->slots + sizeof *c->heap) +
          c->reccap * sizeof *c->recs +
          (size_t)c->capslot * sizeof *c->acc +
          c->acccap * sizeof *c->touched;
    for (k = 0; k < c->nfeat; k++)
        mem += (size_t)c->feats[k].pcap * sizeof *c->feats[k].post;
    for (k = 0; k < c->nslot; k++) {
        const slot *s = &c->slots[k];
        int m, ch;
        if (!s->r)
            continue;
        for (ch = 0; ch < CRI_NCHAN; ch++)
            mem += s->cen[ch] ? CEN_MAX[ch] * sizeof(fw) : 0;
        mem += s->idx ? (CRI_IDX_TERMS + CRI_IDX_NAMES + CRI_IDX_NUMBERS) *
                            sizeof(uint32_t)
                      : 0;
        for (m = 0; m < s->nmem; m++)
            mem += ((size_t)s->mem[m].n[0] + s->mem[m].n[1] +
                    s->mem[m].n[2]) * sizeof(fw) +
                   (s->mem[m].label ? CRI_LABEL_MAX + 1 : 0);
    }
    for (i = 0; i < c->reccap; i++) {
        const rec *r = c->recs[i];
        if (!r)
            continue;
        mem += sizeof *r + r->capkeys * sizeof *r->keys +
               (r->label ? strlen(r->label) + 1 : 0);
    }
    out->memory = mem;
}
