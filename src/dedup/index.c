/*
 * index.c — the streaming near-duplicate index (cr_dedup_*): LSH bands over
 * compact MinHash signatures, verification by estimated Jaccard and
 * containment, eviction by time. The "Near-duplicates" section of
 * docs/ALGORITHMS.md has the reasoning and the measurements behind the
 * numbers below.
 *
 * Layout (270-300 bytes per indexed article at the defaults):
 *
 *  - Slots. Every indexed article gets the next sequence number `seq` and a
 *    slot in a chunk of CHUNK_SLOTS slots (152 bytes each): the low 16 bits
 *    of each of its 64 minhash values (a chance agreement of two such
 *    values is 1 in 65,536, too rare to bias the similarity), its key, its
 *    time (seconds from the first time the index saw, saturated to 32
 *    bits), the low 32 bits of its exact hash and its shingle count (0
 *    marks a dead slot). Live slots have seqs in [head, next); a chunk is
 *    freed as soon as none of its slots is live, so eviction returns memory
 *    in chunk steps.
 *  - Bands. BANDS tables, one per band of ROWS signature values. A band's
 *    key is its two 16-bit values (32 bits, recomputable from the slot, so
 *    entries can be deleted and tables rebuilt without storing keys). Each
 *    table is open addressing with linear probing, positions from a hash
 *    seeded per index (keys come from outside data). An entry is 32 bits:
 *    the slot's seq modulo 2^sbits, and above it a tag of hash bits, so a
 *    probe rejects almost every foreign entry without touching its slot.
 *    Deletion leaves a tombstone. When a table passes LOAD_MAX (live
 *    entries plus tombstones), or eviction leaves one below LOAD_LOW, all
 *    tables are rebuilt from the slots at LOAD_TARGET: a few sequential
 *    passes over the slots, each entry's home computed, the entries radix
 *    sorted by home and laid down left to right — no random access per
 *    entry, which matters once the index outgrows the caches. sbits grows
 *    (with a rebuild) as the span of live seqs does.
 *  - A band key shared by KEY_CAP live articles (one story syndicated a
 *    hundred times, or hostile input) gets no more entries: the earlier
 *    members stand for the group, and probe runs and verifications per
 *    query stay bounded.
 *
 * A query probes its BANDS keys; every slot that agrees with it on a whole
 * band is a candidate and is verified on all 64 values; the best candidate
 * at or above the threshold is the match (highest similarity, then earliest
 * time, then earliest added). Which slots of a key at KEY_CAP have entries
 * is decided at insertion and recorded per slot (chunk.inband), and a
 * rebuild lays down exactly those entries: so the table seed changes where
 * entries sit, never which are found.
 */
#include "dedup/dedup.h"
#include "util/util.h"

#include <stdlib.h>
#include <string.h>

#ifndef BANDS
#define BANDS 24           /* LSH bands of ROWS rows: rows 0..47 */
#endif
#define ROWS 2
_Static_assert(BANDS <= 32, "chunk.inband has one bit per band");
#define KEY_CAP 16         /* entries per band key */
#define CHUNK_BITS 8
#define CHUNK_SLOTS (1u << CHUNK_BITS)
#define TABLE_MIN 1024     /* entries per band table, at least */
#define LOAD_MAX 0.85      /* rebuild above this (live + tombstones) */
#define LOAD_TARGET 0.68   /* load right after a rebuild */
#define LOAD_LOW 0.30      /* shrink below this after eviction */
#define SBITS_MIN 16
#define SBITS_MAX 28       /* live seqs span less than 2^28 articles */
#define ENT_EMPTY 0xFFFFFFFFu
#define ENT_TOMB 0xFFFFFFFEu
#define OOO 0x80000000u    /* shingles flag: added out of time order */

#if BANDS * ROWS > CR_MINHASH_SIZE
#error "bands use more rows than a fingerprint has"
#endif

typedef struct chunk {
    uint16_t sig[CHUNK_SLOTS][CR_MINHASH_SIZE]; /* low 16 bits of minhashes */
    int64_t key[CHUNK_SLOTS];
    int32_t time[CHUNK_SLOTS];      /* seconds from tbase, saturated */
    uint32_t exact[CHUNK_SLOTS];    /* low 32 bits of the exact hash */
    uint32_t shingles[CHUNK_SLOTS]; /* distinct shingles | OOO; 0: dead */
    uint32_t inband[CHUNK_SLOTS];   /* bit b: the slot has an entry in band
                                       b's table (KEY_CAP left it out of
                                       the others) */
    uint32_t live;                  /* live slots in this chunk */
} chunk;

typedef struct band {
    uint32_t *e;      /* entries: ENT_EMPTY, ENT_TOMB or tag<<sbits | seq */
    size_t size;      /* entries allocated (any number >= TABLE_MIN) */
    size_t used;      /* live entries */
    size_t tomb;      /* tombstones */
    unsigned sbits;   /* seq bits in an entry (the index's, except while a
                         widening rebuild is under way or failed midway) */
    uint64_t seed;
} band;

struct cr_dedup {
    cr_dedup_opts o;
    chunk **dir;        /* chunk of seq s: dir[(s >> CHUNK_BITS) - dir_base],
                           NULL once freed */
    uint64_t dir_base;  /* chunk number of dir[0] */
    size_t ndir, capdir;
    size_t nchunks;     /* chunks allocated */
    uint64_t head;      /* no live slot below head */
    uint64_t next;      /* seq of the next slot */
    size_t live;        /* live slots */
    unsigned sbits;     /* seq bits in a band entry */
    band bands[BANDS];
    int have_time;      /* tbase and newest are set */
    int64_t tbase;      /* slot times count from here */
    int64_t newest;     /* latest time added */
    int64_t ooo_min;    /* earliest (relative) time of a live slot added
                           out of order; INT64_MAX when none */
    unsigned long rebuilds; /* band tables rebuilt so far */
};

static uint64_t mix64(uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

/* a - b, saturated to the int64 range. */
static int64_t sat_sub(int64_t a, int64_t b)
{
    if (b > 0 && a < INT64_MIN + b)
        return INT64_MIN;
    if (b < 0 && a > INT64_MAX + b)
        return INT64_MAX;
    return a - b;
}

/* A time relative to tbase, as stored in a slot. */
static int32_t rel32(const cr_dedup *d, int64_t t)
{
    int64_t r = sat_sub(t, d->tbase);
    return r > INT32_MAX ? INT32_MAX : r < INT32_MIN ? INT32_MIN : (int32_t)r;
}

static chunk *chunk_of(const cr_dedup *d, uint64_t seq)
{
    uint64_t c = seq >> CHUNK_BITS;
    if (c < d->dir_base || c - d->dir_base >= d->ndir)
        return NULL;
    return d->dir[c - d->dir_base];
}

#define SLOT(seq) ((size_t)((seq) & (CHUNK_SLOTS - 1)))

/* The table hash of band b's key in sig. */
static uint64_t band_hash(const band *bd, const uint16_t *sig, unsigned b)
{
    uint64_t k = (uint64_t)sig[b * ROWS] << 16 | sig[b * ROWS + 1];
    return mix64(k ^ bd->seed);
}

static size_t home(const band *bd, uint64_t h)
{
    return (size_t)(((h & 0xFFFFFFFFu) * (uint64_t)bd->size) >> 32);
}

static uint32_t tag_of(uint64_t h, unsigned sbits)
{
    uint32_t t = (uint32_t)(h >> 32) >> sbits;
    return t == (UINT32_MAX >> sbits) ? 0 : t; /* never all ones */
}

static uint32_t entry(uint64_t h, uint64_t seq, unsigned sbits)
{
    return tag_of(h, sbits) << sbits |
           (uint32_t)(seq & ((UINT64_C(1) << sbits) - 1));
}

/* The live seq a band entry's low bits stand for. */
static uint64_t entry_seq(const cr_dedup *d, uint32_t e, unsigned sbits)
{
    uint64_t mask = (UINT64_C(1) << sbits) - 1;
    return d->head + (((uint64_t)e - d->head) & mask);
}

static int band_equal(const uint16_t *a, const uint16_t *b, unsigned band_no)
{
    return a[band_no * ROWS] == b[band_no * ROWS] &&
           a[band_no * ROWS + 1] == b[band_no * ROWS + 1];
}

/* Probe band b's table bd (seq bits `sbits`) for the key of sig with
 * hash h: returns how many live slots agree with sig on band b (stopping
 * at KEY_CAP) and sets *free_at to where an entry would go (the first
 * tombstone or the empty position that ends the run). */
static unsigned band_probe(const cr_dedup *d, const band *bd, unsigned b,
                           uint64_t h, const uint16_t *sig, unsigned sbits,
                           size_t *free_at)
{
    uint32_t tag = tag_of(h, sbits);
    size_t i = home(bd, h), first_free = SIZE_MAX;
    unsigned same = 0;
    for (;;) {
        uint32_t e = bd->e[i];
        if (e == ENT_EMPTY) {
            *free_at = first_free == SIZE_MAX ? i : first_free;
            return same;
        }
        if (e == ENT_TOMB) {
            if (first_free == SIZE_MAX)
                first_free = i;
        } else if (e >> sbits == tag) {
            uint64_t seq = entry_seq(d, e, sbits);
            chunk *c = chunk_of(d, seq);
            if (c && band_equal(c->sig[SLOT(seq)], sig, b) &&
                ++same >= KEY_CAP) {
                *free_at = SIZE_MAX;
                return same;
            }
        }
        if (++i == bd->size)
            i = 0;
    }
}

/* Store e at position i of bd (an empty or tombstone position). */
static void band_set(band *bd, size_t i, uint32_t e)
{
    if (bd->e[i] == ENT_TOMB)
        bd->tomb--;
    bd->e[i] = e;
    bd->used++;
}

/* Sort v[0..n) by the high 32 bits (a table position below `size`),
 * stably, with LSD radix passes of at most RADIX_BITS bits: one pass when
 * positions fit, else two halves of their bit width, so the counters stay
 * few (small tables are rebuilt often while an index grows) and in cache.
 * tmp has room for n items. Returns the sorted array (v or tmp). */
#define RADIX_BITS 16
static uint64_t *sort_by_home(uint64_t *v, uint64_t *tmp, size_t n,
                              size_t size)
{
    unsigned bits = 1, pass, passes, width[2];
    size_t *count, i, sum, nc;
    while (bits < 32 && ((size_t)1 << bits) < size)
        bits++;
    passes = bits > RADIX_BITS ? 2 : 1;
    width[0] = passes == 2 ? bits / 2 : bits;
    width[1] = bits - width[0];
    count = malloc(((size_t)1 << (width[0] > width[1] ? width[0] : width[1])) *
                   sizeof *count);
    if (!count)
        return NULL;
    for (pass = 0; pass < passes; pass++) {
        unsigned sh = 32 + (pass ? width[0] : 0);
        size_t mask = ((size_t)1 << width[pass]) - 1;
        uint64_t *x;
        nc = mask + 1;
        memset(count, 0, nc * sizeof *count);
        for (i = 0; i < n; i++)
            count[(v[i] >> sh) & mask]++;
        for (sum = 0, i = 0; i < nc; i++) {
            size_t c = count[i];
            count[i] = sum;
            sum += c;
        }
        for (i = 0; i < n; i++)
            tmp[count[(v[i] >> sh) & mask]++] = v[i];
        x = v;
        v = tmp;
        tmp = x;
    }
    free(count);
    return v;
}

#define FILL_GROUP 4 /* bands rebuilt per pass over the slots */

/* Lay the items v[0..n) of a band (home << 32 | entry, in seq order)
 * into the empty table nb. The items are sorted by home position and laid
 * down left to right, so the table is written sequentially: a valid
 * linear-probing table (every entry at or after its home, no empty
 * position in between) without a random access per entry. tmp has room
 * for n items. No KEY_CAP check here: the items are the entries the table
 * held (chunk.inband), at most KEY_CAP per key already. */
static cr_status band_lay(band *nb, uint64_t *v, size_t n, uint64_t *tmp)
{
    size_t i, pos = 0, nwrap = 0;
    uint64_t *sorted = sort_by_home(v, tmp, n, nb->size), *wrap;
    if (!sorted)
        return CR_ENOMEM;
    wrap = sorted == v ? tmp : v; /* free now */
    for (i = 0; i < n; i++) {
        size_t hm = (size_t)(sorted[i] >> 32);
        uint32_t e = (uint32_t)sorted[i];
        if (pos < hm)
            pos = hm;
        if (pos >= nb->size) { /* past the end: wraps around, below */
            wrap[nwrap++] = e;
            continue;
        }
        nb->e[pos++] = e;
    }
    for (pos = 0, i = 0; i < nwrap; i++) {
        while (nb->e[pos] != ENT_EMPTY)
            pos++;
        nb->e[pos] = (uint32_t)wrap[i];
    }
    nb->used = n;
    return CR_OK;
}

/* Rebuild every band table from the live slots with seq bits `sbits`,
 * each sized for its live entries at LOAD_TARGET. One sequential pass over
 * the slots makes the items of FILL_GROUP bands, whose new tables then
 * replace the old ones, so at most FILL_GROUP tables exist twice. On
 * failure the bands rebuilt so far keep their new tables (each table is
 * valid on its own, with its own sbits) and d->sbits is unchanged. */
static cr_status rebuild_bands(cr_dedup *d, unsigned sbits)
{
    band nb[FILL_GROUP];
    uint64_t *v, seq;
    size_t stride = d->live + 1, cnt[FILL_GROUP];
    unsigned b, g, ng;
    cr_status rc = CR_OK;
    v = malloc((FILL_GROUP + 1) * stride * sizeof *v);
    if (!v)
        return CR_ENOMEM;
    for (g = 0; g < BANDS && rc == CR_OK; g += FILL_GROUP) {
        ng = BANDS - g < FILL_GROUP ? BANDS - g : FILL_GROUP;
        memset(nb, 0, sizeof nb);
        for (b = 0; b < ng; b++) {
            const band *bd = &d->bands[g + b];
            size_t size = (size_t)((double)(bd->used + 1) / LOAD_TARGET);
            if (size < TABLE_MIN)
                size = TABLE_MIN;
            nb[b] = *bd;
            nb[b].used = nb[b].tomb = 0;
            nb[b].sbits = sbits;
            nb[b].size = size;
            nb[b].e = malloc(size * sizeof *nb[b].e);
            if (!nb[b].e) {
                rc = CR_ENOMEM;
                break;
            }
            memset(nb[b].e, 0xFF, size * sizeof *nb[b].e);
        }
        memset(cnt, 0, sizeof cnt);
        for (seq = d->head; seq < d->next && rc == CR_OK; seq++) {
            chunk *c = chunk_of(d, seq);
            const uint16_t *sig;
            uint32_t in;
            if (!c) {
                seq |= CHUNK_SLOTS - 1;
                continue;
            }
            if (!c->shingles[SLOT(seq)])
                continue;
            sig = c->sig[SLOT(seq)];
            in = c->inband[SLOT(seq)];
            /* the entries the tables hold now, no others: which slots of
             * a key at KEY_CAP keep entries is decided once, at insertion,
             * so the answers never depend on when tables are rebuilt */
            for (b = 0; b < ng; b++) {
                uint64_t h;
                if (!(in >> (g + b) & 1u))
                    continue;
                h = band_hash(&nb[b], sig, g + b);
                v[b * stride + cnt[b]++] =
                    (uint64_t)home(&nb[b], h) << 32 | entry(h, seq, sbits);
            }
        }
        for (b = 0; b < ng && rc == CR_OK; b++)
            rc = band_lay(&nb[b], v + b * stride, cnt[b],
                          v + FILL_GROUP * stride);
        for (b = 0; b < ng; b++) {
            if (rc != CR_OK) {
                free(nb[b].e);
                continue;
            }
            free(d->bands[g + b].e);
            d->bands[g + b] = nb[b];
        }
    }
    free(v);
    d->rebuilds++; /* some tables may have changed even on failure */
    if (rc != CR_OK)
        return rc;
    d->sbits = sbits;
    return CR_OK;
}

/* 1 when some band table is due for a rebuild: too full (counting
 * tombstones) with `adding` more entries, or, after eviction, mostly
 * empty. */
static int bands_due(const cr_dedup *d, size_t adding)
{
    unsigned b;
    for (b = 0; b < BANDS; b++) {
        const band *bd = &d->bands[b];
        if ((double)(bd->used + bd->tomb + adding) > LOAD_MAX * (double)bd->size ||
            (bd->size > TABLE_MIN && (double)bd->used < LOAD_LOW * (double)bd->size))
            return 1;
    }
    return 0;
}

/* Delete seq's entry (if it has one) from every band. */
static void bands_delete(cr_dedup *d, uint64_t seq, const uint16_t *sig,
                         uint32_t inband)
{
    unsigned b;
    for (b = 0; b < BANDS; b++) {
        band *bd = &d->bands[b];
        uint64_t h;
        uint32_t e;
        size_t i;
        if (!(inband >> b & 1u))
            continue; /* never inserted: its key was at KEY_CAP */
        h = band_hash(bd, sig, b);
        e = entry(h, seq, bd->sbits);
        i = home(bd, h);
        for (;;) {
            uint32_t x = bd->e[i];
            if (x == ENT_EMPTY)
                break;
            if (x == e) {
                bd->e[i] = ENT_TOMB;
                bd->used--;
                bd->tomb++;
                break;
            }
            if (++i == bd->size)
                i = 0;
        }
    }
}

/* Advance head past dead slots and drop directory entries below it. */
static void advance_head(cr_dedup *d)
{
    size_t drop = 0;
    while (d->head < d->next) {
        chunk *c = chunk_of(d, d->head);
        if (!c) {
            d->head = (d->head | (CHUNK_SLOTS - 1)) + 1;
            continue;
        }
        if (c->shingles[SLOT(d->head)])
            break;
        d->head++;
    }
    if (d->head > d->next)
        d->head = d->next;
    while (drop < d->ndir && !d->dir[drop] &&
           ((d->dir_base + drop + 1) << CHUNK_BITS) <= d->head)
        drop++;
    if (drop) {
        memmove(d->dir, d->dir + drop, (d->ndir - drop) * sizeof *d->dir);
        d->ndir -= drop;
        d->dir_base += drop;
    }
}

/* Remove live slot seq from the index; frees its chunk when it was the
 * chunk's last live slot. */
static void evict_slot(cr_dedup *d, uint64_t seq)
{
    chunk *c = chunk_of(d, seq);
    size_t s = SLOT(seq);
    bands_delete(d, seq, c->sig[s], c->inband[s]);
    c->inband[s] = 0;
    c->shingles[s] = 0;
    d->live--;
    if (--c->live == 0) {
        d->dir[(seq >> CHUNK_BITS) - d->dir_base] = NULL;
        free(c);
        d->nchunks--;
    }
}

/* Evict live slots with (relative) time < before: the prefix from head
 * always; the out-of-order ones further on when `sweep` (a pass over all
 * live slots). Adds the count to *n. */
static void evict_before(cr_dedup *d, int64_t before, int sweep, size_t *n)
{
    uint64_t seq;
    while (d->head < d->next) {
        chunk *c = chunk_of(d, d->head);
        if (c && c->shingles[SLOT(d->head)]) {
            if (c->time[SLOT(d->head)] >= before)
                break;
            evict_slot(d, d->head);
            (*n)++;
        }
        advance_head(d);
    }
    if (!sweep || d->ooo_min >= before)
        return;
    d->ooo_min = INT64_MAX;
    for (seq = d->head; seq < d->next; seq++) {
        chunk *c = chunk_of(d, seq);
        size_t s = SLOT(seq);
        if (!c) {
            seq |= CHUNK_SLOTS - 1;
            continue;
        }
        if (!c->shingles[s])
            continue;
        if (c->time[s] < before) {
            int last = c->live == 1;
            evict_slot(d, seq);
            (*n)++;
            if (last)
                seq |= CHUNK_SLOTS - 1;
        } else if ((c->shingles[s] & OOO) && c->time[s] < d->ooo_min) {
            d->ooo_min = c->time[s];
        }
    }
    advance_head(d);
}

/* The window's lower bound relative to tbase, or INT64_MIN without one. */
static int64_t cutoff_of(const cr_dedup *d)
{
    if (d->o.window <= 0 || !d->have_time)
        return INT64_MIN;
    return sat_sub(sat_sub(d->newest, d->o.window), d->tbase);
}

cr_status cr_dedup_new(const cr_dedup_opts *opts, cr_dedup **out)
{
    cr_dedup *d;
    unsigned b;
    uint64_t seed;
    if (!out)
        return CR_EINVAL;
    *out = NULL;
    d = calloc(1, sizeof *d);
    if (!d)
        return CR_ENOMEM;
    if (opts)
        d->o = *opts;
    else
        cr_dedup_opts_default(&d->o);
    if (d->o.shingle < 1 || d->o.shingle > CRI_DEDUP_MAX_SHINGLE ||
        !(d->o.threshold > 0.0 && d->o.threshold <= 1.0) || d->o.window < 0) {
        free(d);
        return CR_EINVAL;
    }
    d->sbits = SBITS_MIN;
    d->ooo_min = INT64_MAX;
    /* A fixed table seed. Answers do not depend on it (rebuilds keep the
     * entries insertion chose, see chunk.inband); a fixed one keeps even
     * memory layout the same from run to run. */
    seed = mix64(0x6465647570736565ULL);
    for (b = 0; b < BANDS; b++) {
        band *bd = &d->bands[b];
        bd->seed = mix64(seed + b);
        bd->sbits = SBITS_MIN;
        bd->size = TABLE_MIN;
        bd->e = malloc(TABLE_MIN * sizeof *bd->e);
        if (!bd->e) {
            cr_dedup_free(d);
            return CR_ENOMEM;
        }
        memset(bd->e, 0xFF, TABLE_MIN * sizeof *bd->e);
    }
    *out = d;
    return CR_OK;
}

void cr_dedup_free(cr_dedup *d)
{
    size_t i;
    unsigned b;
    if (!d)
        return;
    for (i = 0; i < d->ndir; i++)
        free(d->dir[i]);
    free(d->dir);
    for (b = 0; b < BANDS; b++)
        free(d->bands[b].e);
    free(d);
}

/* Make room for slot d->next: seq bits, a directory entry, a chunk. */
static cr_status reserve_slot(cr_dedup *d)
{
    uint64_t cn = d->next >> CHUNK_BITS;
    if (d->next - d->head + 1 > (UINT64_C(1) << SBITS_MAX))
        return CR_ELIMIT;
    if (d->next - d->head + 1 > (UINT64_C(1) << d->sbits)) {
        cr_status rc = rebuild_bands(d, d->sbits + 1);
        if (rc != CR_OK)
            return rc;
    }
    if (d->ndir == 0)
        d->dir_base = cn;
    if (cn - d->dir_base >= d->ndir) {
        if (d->ndir == d->capdir) {
            size_t cap = d->capdir ? 2 * d->capdir : 16;
            chunk **nd = realloc(d->dir, cap * sizeof *nd);
            if (!nd)
                return CR_ENOMEM;
            d->dir = nd;
            d->capdir = cap;
        }
        d->dir[d->ndir++] = NULL;
    }
    if (!d->dir[cn - d->dir_base]) {
        chunk *c = malloc(sizeof *c);
        if (!c)
            return CR_ENOMEM;
        memset(c->shingles, 0, sizeof c->shingles);
        c->live = 0;
        d->dir[cn - d->dir_base] = c;
        d->nchunks++;
    }
    return CR_OK;
}

static unsigned sig_matches(const uint16_t *a, const uint16_t *b)
{
    unsigned i, m = 0;
    for (i = 0; i < CR_MINHASH_SIZE; i++)
        m += a[i] == b[i];
    return m;
}

cr_status cr_dedup_add(cr_dedup *d, int64_t key, int64_t time,
                       const cr_fingerprint *fp, cr_dedup_match *match)
{
    uint16_t sig[CR_MINHASH_SIZE];
    uint64_t hash[BANDS];
    size_t at[BANDS];  /* where the entry goes; SIZE_MAX: key at KEY_CAP */
    uint64_t seen[64], best_seq = 0, seq;
    int64_t cutoff;
    int32_t rtime, best_time = 0;
    double best = -1.0;
    unsigned b, i;
    int ooo = 0;
    size_t dropped = 0;
    uint32_t shingles;
    cr_status rc;
    chunk *c;
    unsigned long gen;

    if (!d || !fp || !match)
        return CR_EINVAL;
    match->key = -1;
    match->similarity = 0.0;
    match->exact = 0;

    if (!d->have_time) {
        d->tbase = time;
        d->newest = time;
        d->have_time = 1;
    }
    if (time == 0)
        time = d->newest; /* unknown: now */
    if (time > d->newest)
        d->newest = time;
    else if (time < d->newest)
        ooo = 1;
    rtime = rel32(d, time);
    cutoff = cutoff_of(d);
    if (cutoff != INT64_MIN) {
        /* stragglers are swept at most window/8 late (and skipped by
         * queries meanwhile), so a sweep over the index is rare */
        evict_before(d, cutoff, d->ooo_min < sat_sub(cutoff, d->o.window / 8),
                     &dropped);
        if (dropped && bands_due(d, 0) &&
            (rc = rebuild_bands(d, d->sbits)) != CR_OK)
            return rc;
    }
    if (fp->shingles == 0)
        return CR_OK; /* no words: nothing to compare or index */

    for (i = 0; i < CR_MINHASH_SIZE; i++)
        sig[i] = (uint16_t)fp->minhash[i];
    shingles = fp->shingles < OOO ? fp->shingles : OOO - 1;
    memset(seen, 0xFF, sizeof seen);

    /* Query: every live slot that agrees on a whole band is verified.
     * The bands' first probes are cache misses: issue them all at once. */
    for (b = 0; b < BANDS; b++) {
        hash[b] = band_hash(&d->bands[b], sig, b);
#if defined(__GNUC__)
        {
            /* and the next line: a run is ~10 entries, 40 bytes, and
             * crosses into it more often than not */
            const band *bd = &d->bands[b];
            size_t p = home(bd, hash[b]);
            __builtin_prefetch(&bd->e[p]);
            if (bd->size - p > 16)
                __builtin_prefetch(&bd->e[p + 16]);
        }
#endif
    }
    for (b = 0; b < BANDS; b++) {
        band *bd = &d->bands[b];
        uint64_t h = hash[b];
        uint32_t tag = tag_of(h, bd->sbits);
        size_t p = home(bd, h), first_free = SIZE_MAX;
        unsigned same = 0;
        for (;;) {
            uint32_t e = bd->e[p];
            size_t s;
            double jac, sim;
            if (e == ENT_EMPTY)
                break;
            if (e == ENT_TOMB || e >> bd->sbits != tag) {
                if (e == ENT_TOMB && first_free == SIZE_MAX)
                    first_free = p;
                if (++p == bd->size)
                    p = 0;
                continue;
            }
            if (++p == bd->size)
                p = 0;
            seq = entry_seq(d, e, bd->sbits);
            c = chunk_of(d, seq);
            s = SLOT(seq);
            if (!c || !c->shingles[s] || !band_equal(c->sig[s], sig, b))
                continue;
            same++;
            if (seen[seq & 63] == seq || c->time[s] < cutoff)
                continue;
            seen[seq & 63] = seq;
            sim = cri_dedup_containment(sig_matches(c->sig[s], sig), shingles,
                                        c->shingles[s] & ~OOO, &jac);
            if (sim < d->o.threshold || sim < best ||
                (sim == best && (c->time[s] > best_time ||
                                 (c->time[s] == best_time && seq > best_seq))))
                continue;
            best = sim;
            best_seq = seq;
            best_time = c->time[s];
            match->key = c->key[s];
            match->similarity = sim;
            match->exact = c->exact[s] == (uint32_t)fp->exact;
        }
        at[b] = same >= KEY_CAP ? SIZE_MAX : first_free == SIZE_MAX ? p : first_free;
    }

    /* Index it, unless it is already outside the window. */
    if (rtime < cutoff)
        return CR_OK;
    gen = d->rebuilds;
    if ((rc = reserve_slot(d)) != CR_OK)
        return rc;
    if (bands_due(d, 1) && (rc = rebuild_bands(d, d->sbits)) != CR_OK)
        return rc;
    seq = d->next++;
    c = chunk_of(d, seq);
    i = (unsigned)SLOT(seq);
    memcpy(c->sig[i], sig, sizeof sig);
    c->key[i] = key;
    c->time[i] = rtime;
    c->exact[i] = (uint32_t)fp->exact;
    c->shingles[i] = shingles | (ooo ? OOO : 0);
    c->inband[i] = 0;
    c->live++;
    d->live++;
    if (ooo && rtime < d->ooo_min)
        d->ooo_min = rtime;
    for (b = 0; b < BANDS; b++) {
        band *bd = &d->bands[b];
        size_t p = at[b];
        if (gen != d->rebuilds) /* tables rebuilt since the query */
            band_probe(d, bd, b, hash[b], sig, bd->sbits, &p);
        if (p != SIZE_MAX) {
            band_set(bd, p, entry(hash[b], seq, bd->sbits));
            c->inband[i] |= 1u << b;
        }
    }
    return CR_OK;
}

cr_status cr_dedup_evict(cr_dedup *d, int64_t before, size_t *n)
{
    size_t dropped = 0;
    if (n)
        *n = 0;
    if (!d)
        return CR_EINVAL;
    if (d->have_time)
        evict_before(d, sat_sub(before, d->tbase), 1, &dropped);
    if (n)
        *n = dropped;
    return dropped && bands_due(d, 0) ? rebuild_bands(d, d->sbits) : CR_OK;
}

size_t cr_dedup_size(const cr_dedup *d)
{
    return d ? d->live : 0;
}

size_t cr_dedup_memory(const cr_dedup *d)
{
    size_t m;
    unsigned b;
    if (!d)
        return 0;
    m = sizeof *d + d->capdir * sizeof *d->dir + d->nchunks * sizeof(chunk);
    for (b = 0; b < BANDS; b++)
        m += d->bands[b].size * sizeof *d->bands[b].e;
    return m;
}
