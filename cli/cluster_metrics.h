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

#endif /* CR_CLUSTER_METRICS_H */
