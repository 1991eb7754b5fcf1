/*
 * cluster_metrics.h — clustering quality against gold labels, in one
 * self-contained header (C11, libc only) so the evaluation driver and the
 * CLI's `eval stories` compute the same numbers.
 *
 * Items carry a predicted and a gold cluster label (any int64 values).
 * Two families of measures:
 *
 *  - Pairwise, over all unordered pairs of items (the measure of the
 *    news-stream clustering literature): precision = pairs put together
 *    that belong together / pairs put together; recall = pairs put
 *    together that belong together / pairs that belong together.
 *  - BCubed (Bagga & Baldwin 1998; Amigó et al. 2009): per item, precision
 *    = share of its predicted cluster in its gold cluster, recall = share
 *    of its gold cluster in its predicted cluster (the item itself
 *    included), averaged over items.
 *
 * Both come from the contingency table n_ij (items in predicted cluster i
 * and gold cluster j): pairwise TP = sum C(n_ij, 2); BCubed P = sum
 * n_ij^2 / a_i / N with a_i the predicted cluster sizes. A ratio with an
 * empty denominator (no pairs put together, no pairs that belong together)
 * is 1: nothing claimed, nothing wrong. O(N log N).
 */
#ifndef CR_CLUSTER_METRICS_H
#define CR_CLUSTER_METRICS_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct cm_result {
    size_t items;
    size_t pred_clusters, gold_clusters;
    double pair_p, pair_r, pair_f1;
    double b3_p, b3_r, b3_f1;
    double pair_tp, pair_pred, pair_gold; /* pair counts */
} cm_result;

typedef struct cm_item {
    int64_t pred, gold;
} cm_item;

/* Order by pred, then gold. */
static inline int cm_cmp_item(const void *a, const void *b)
{
    const cm_item *x = a, *y = b;
    if (x->pred != y->pred)
        return x->pred < y->pred ? -1 : 1;
    return x->gold < y->gold ? -1 : x->gold > y->gold;
}

static inline double cm_f1(double p, double r)
{
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

/* Sum over the runs of `key` (items sorted by (key, other)) of
 * n_ij^2 / (run size), where n_ij are the sub-runs of equal `other`; adds
 * C(n_ij, 2) to *cells and C(run, 2) to *runs, counts runs in *nruns. */
static inline double cm_runs(const cm_item *it, size_t n, double *cells,
                             double *runs, size_t *nruns)
{
    size_t i, j, k, l;
    double b3 = 0;
    for (i = 0; i < n; i = j) {
        double a;
        for (j = i; j < n && it[j].pred == it[i].pred; j++)
            ;
        a = (double)(j - i);
        *runs += a * (a - 1) / 2;
        (*nruns)++;
        for (k = i; k < j; k = l) {
            double nij;
            for (l = k; l < j && it[l].gold == it[k].gold; l++)
                ;
            nij = (double)(l - k);
            *cells += nij * (nij - 1) / 2;
            b3 += nij * nij / a;
        }
    }
    return b3;
}

/* Evaluate n items (pred[i], gold[i]). Returns 0, or -1 when out of
 * memory. *out is filled in either case (zeros on failure). */
static inline int cm_evaluate(const int64_t *pred, const int64_t *gold,
                              size_t n, cm_result *out)
{
    cm_item *it;
    size_t i;
    double tp = 0, tp2 = 0, pp = 0, gp = 0, b3p, b3r;

    out->items = n;
    out->pred_clusters = out->gold_clusters = 0;
    out->pair_p = out->pair_r = out->pair_f1 = 0;
    out->b3_p = out->b3_r = out->b3_f1 = 0;
    out->pair_tp = out->pair_pred = out->pair_gold = 0;
    if (n == 0)
        return 0;
    it = malloc(n * sizeof *it);
    if (!it)
        return -1;
    /* by (pred, gold): runs are predicted clusters, sub-runs the cells */
    for (i = 0; i < n; i++) {
        it[i].pred = pred[i];
        it[i].gold = gold[i];
    }
    qsort(it, n, sizeof *it, cm_cmp_item);
    b3p = cm_runs(it, n, &tp, &pp, &out->pred_clusters);
    /* by (gold, pred): the same with the roles swapped */
    for (i = 0; i < n; i++) {
        it[i].pred = gold[i];
        it[i].gold = pred[i];
    }
    qsort(it, n, sizeof *it, cm_cmp_item);
    b3r = cm_runs(it, n, &tp2, &gp, &out->gold_clusters);
    free(it);
    out->pair_tp = tp;
    out->pair_pred = pp;
    out->pair_gold = gp;
    out->pair_p = pp > 0 ? tp / pp : 1.0;
    out->pair_r = gp > 0 ? tp / gp : 1.0;
    out->pair_f1 = cm_f1(out->pair_p, out->pair_r);
    out->b3_p = b3p / (double)n;
    out->b3_r = b3r / (double)n;
    out->b3_f1 = cm_f1(out->b3_p, out->b3_r);
    return 0;
}

/* Shuffle order[0..n) in place: Fisher-Yates, each draw from SplitMix64
 * started at `seed`, so that a seed names the same order in `crossread
 * eval stories --shuffle` and in bench/stories_eval --shuffle. */
static inline void cm_shuffle(size_t *order, size_t n, uint64_t seed)
{
    size_t k;
    for (k = n; k > 1; k--) {
        uint64_t z = (seed += 0x9e3779b97f4a7c15ULL);
        size_t j, t;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        z ^= z >> 31;
        j = (size_t)(z % k);
        t = order[k - 1];
        order[k - 1] = order[j];
        order[j] = t;
    }
}

/* ---- where the errors are ---------------------------------------------- */

/* Two gold clusters (a < b) that predicted clusters put together, and the
 * wrong pairs that makes: the sum over predicted clusters of n_ia * n_ib. */
typedef struct cm_merge {
    int64_t a, b;
    double pairs;
} cm_merge;

/* A gold cluster spread over several predicted ones: the pairs it lost
 * (its pairs in different predicted clusters) and the sizes of its parts,
 * largest first, at parts[first .. first + nparts) of cm_errors. */
typedef struct cm_split {
    int64_t gold;
    double pairs;
    size_t first, nparts;
} cm_split;

typedef struct cm_errors {
    cm_merge *merges;         /* most wrong pairs first, then by (a, b) */
    size_t nmerges;
    cm_split *splits;         /* most lost pairs first, then by gold */
    size_t nsplits;
    size_t *parts;
    cm_result merges_fixed;   /* each predicted cluster cut along gold */
    cm_result splits_fixed;   /* each gold cluster's items moved to its
                                 largest part */
} cm_errors;

static inline void cm_errors_free(cm_errors *e)
{
    free(e->merges);
    free(e->splits);
    free(e->parts);
    memset(e, 0, sizeof *e);
}

/* A cell of the contingency table: its gold and predicted cluster (in
 * cm_item's fields) and its size. */
typedef struct cm_cell {
    cm_item k;
    size_t size;
} cm_cell;

static inline int cm_cmp_cell_gold(const void *a, const void *b)
{
    const cm_cell *x = a, *y = b;
    if (x->k.gold != y->k.gold)
        return x->k.gold < y->k.gold ? -1 : 1;
    return x->k.pred < y->k.pred ? -1 : x->k.pred > y->k.pred;
}

static inline int cm_cmp_merge_pair(const void *a, const void *b)
{
    const cm_merge *x = a, *y = b;
    if (x->a != y->a)
        return x->a < y->a ? -1 : 1;
    return x->b < y->b ? -1 : x->b > y->b;
}

static inline int cm_cmp_merge(const void *a, const void *b)
{
    const cm_merge *x = a, *y = b;
    if (x->pairs != y->pairs)
        return x->pairs > y->pairs ? -1 : 1;
    return cm_cmp_merge_pair(a, b);
}

static inline int cm_cmp_split(const void *a, const void *b)
{
    const cm_split *x = a, *y = b;
    if (x->pairs != y->pairs)
        return x->pairs > y->pairs ? -1 : 1;
    return x->gold < y->gold ? -1 : x->gold > y->gold;
}

static inline int cm_cmp_size_desc(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x > y ? -1 : x < y;
}

/* Where the errors of n items (pred[i], gold[i]) are: the pairs of gold
 * clusters put together, the gold clusters split, and the scores with
 * only one kind of error left (what fixing the other would give).
 * Returns 0, or -1 when out of memory (*e is then empty). Free *e with
 * cm_errors_free. */
static inline int cm_errors_find(const int64_t *pred, const int64_t *gold,
                                 size_t n, cm_errors *e)
{
    cm_item *it = malloc((n ? n : 1) * sizeof *it);
    cm_cell *cell = malloc((n ? n : 1) * sizeof *cell);
    int64_t *fix = calloc(n ? n : 1, sizeof *fix);
    int64_t *fgold = calloc(n ? n : 1, sizeof *fgold);
    size_t i, j, k, l, nc = 0, cap = 0, nm = 0;
    int ok = it && cell && fix && fgold;

    memset(e, 0, sizeof *e);
    if (!ok)
        goto done;
    for (i = 0; i < n; i++) {
        it[i].pred = pred[i];
        it[i].gold = gold[i];
    }
    qsort(it, n, sizeof *it, cm_cmp_item);
    /* the cells, by (pred, gold); with only the merges left, each cell is
     * a predicted cluster of its own */
    for (i = 0; i < n; i = j) {
        for (j = i; j < n && it[j].pred == it[i].pred &&
                    it[j].gold == it[i].gold;
             j++) {
            fix[j] = (int64_t)nc;
            fgold[j] = it[j].gold;
        }
        cell[nc].k = it[i];
        cell[nc++].size = j - i;
    }
    ok = cm_evaluate(fix, fgold, n, &e->merges_fixed) == 0;
    /* merges: every two cells of one predicted cluster */
    for (i = 0; ok && i < nc; i = j) {
        for (j = i; j < nc && cell[j].k.pred == cell[i].k.pred; j++)
            ;
        for (k = i; ok && k < j; k++)
            for (l = k + 1; ok && l < j; l++) {
                if (nm == cap) {
                    size_t nc2 = cap ? 2 * cap : 64;
                    cm_merge *t = realloc(e->merges, nc2 * sizeof *t);
                    if (!t) {
                        ok = 0;
                        break;
                    }
                    e->merges = t;
                    cap = nc2;
                }
                /* cells of a run are in gold order: k's is the smaller */
                e->merges[nm].a = cell[k].k.gold;
                e->merges[nm].b = cell[l].k.gold;
                e->merges[nm++].pairs =
                    (double)cell[k].size * (double)cell[l].size;
            }
    }
    if (ok && nm) {
        qsort(e->merges, nm, sizeof *e->merges, cm_cmp_merge_pair);
        for (i = 0, k = 0; i < nm; i++) {
            if (k && e->merges[k - 1].a == e->merges[i].a &&
                e->merges[k - 1].b == e->merges[i].b)
                e->merges[k - 1].pairs += e->merges[i].pairs;
            else
                e->merges[k++] = e->merges[i];
        }
        e->nmerges = k;
        qsort(e->merges, k, sizeof *e->merges, cm_cmp_merge);
    }
    /* splits: the cells by (gold, pred); with only the splits left, a
     * gold cluster's items all go to its largest part (the first on
     * ties) */
    if (ok) {
        qsort(cell, nc, sizeof *cell, cm_cmp_cell_gold);
        e->splits = malloc((nc ? nc : 1) * sizeof *e->splits);
        e->parts = malloc((nc ? nc : 1) * sizeof *e->parts);
        ok = e->splits && e->parts;
    }
    for (i = 0; ok && i < nc; i = j) {
        double tot = 0, sq = 0;
        size_t big = i;
        for (j = i; j < nc && cell[j].k.gold == cell[i].k.gold; j++) {
            tot += (double)cell[j].size;
            sq += (double)cell[j].size * (double)cell[j].size;
            if (cell[j].size > cell[big].size)
                big = j;
        }
        /* the largest part's cluster, looked up below by gold */
        cell[i].k.pred = cell[big].k.pred;
        if (j - i < 2)
            continue;
        {
            cm_split *sp = &e->splits[e->nsplits++];
            size_t first = 0;
            if (e->nsplits > 1)
                first = e->splits[e->nsplits - 2].first +
                        e->splits[e->nsplits - 2].nparts;
            sp->gold = cell[i].k.gold;
            sp->pairs = (tot * tot - sq) / 2;
            sp->first = first;
            sp->nparts = j - i;
            for (k = i; k < j; k++)
                e->parts[first + k - i] = cell[k].size;
            qsort(e->parts + first, j - i, sizeof *e->parts,
                  cm_cmp_size_desc);
        }
    }
    if (ok) {
        /* the first cell of each gold run now holds its largest part */
        for (i = 0, k = 0; i < nc; i = j) {
            for (j = i; j < nc && cell[j].k.gold == cell[i].k.gold; j++)
                ;
            cell[k++] = cell[i];
        }
        for (i = 0; i < n; i++) {
            size_t lo = 0, hi = k;
            while (lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                if (cell[mid].k.gold < gold[i])
                    lo = mid + 1;
                else
                    hi = mid;
            }
            fix[i] = cell[lo].k.pred;
        }
        ok = cm_evaluate(fix, gold, n, &e->splits_fixed) == 0;
    }
    if (ok)
        qsort(e->splits, e->nsplits, sizeof *e->splits, cm_cmp_split);
done:
    free(it);
    free(cell);
    free(fix);
    free(fgold);
    if (!ok) {
        cm_errors_free(e);
        return -1;
    }
    return 0;
}

#endif /* CR_CLUSTER_METRICS_H */
