/*
 * dup_metrics.h — scoring a predicted grouping of articles against gold
 * groups: pairwise precision, recall and F1 (over pairs of articles put in
 * one group) and the adjusted Rand index (Hubert & Arabie 1985).
 * Self-contained (C11 and libc only, static functions) so the CLI's
 * `crossread eval dups` and bench/dedup_bench.c can share it.
 *
 * Input: n items, each with a gold label and a predicted label (any
 * integers; equal labels = same group). Items missing from the gold are the
 * caller's business (give each its own label). O(n log n).
 */
#ifndef CR_DUP_METRICS_H
#define CR_DUP_METRICS_H

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

typedef struct dup_scores {
    size_t items;
    double gold_pairs;     /* pairs in one gold group */
    double pred_pairs;     /* pairs in one predicted group */
    double true_pairs;     /* pairs in one group in both */
    double precision, recall, f1;
    double ari;
} dup_scores;

typedef struct dup_lp_ {
    int64_t a, b;
} dup_lp_;

static int dup_lp_cmp_(const void *x, const void *y)
{
    const dup_lp_ *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    if (p->b != q->b)
        return p->b < q->b ? -1 : 1;
    return 0;
}

/* Sum over groups of C(size, 2) for the sorted labels of v (by .a, and by
 * .b too when both). */
static double dup_pairs_sorted_(const dup_lp_ *v, size_t n, int both)
{
    double s = 0.0;
    size_t i = 0;
    while (i < n) {
        size_t j = i + 1;
        while (j < n && v[j].a == v[i].a && (!both || v[j].b == v[i].b))
            j++;
        s += (double)(j - i) * (double)(j - i - 1) / 2.0;
        i = j;
    }
    return s;
}

/* Score pred against gold (arrays of n labels). Returns 0, or -1 on OOM. */
static int dup_score(const int64_t *gold, const int64_t *pred, size_t n,
                     dup_scores *out)
{
    dup_lp_ *v = malloc((n ? n : 1) * sizeof *v);
    size_t i;
    double all, expected, maxidx;
    if (!v)
        return -1;
    out->items = n;
    for (i = 0; i < n; i++) {
        v[i].a = gold[i];
        v[i].b = pred[i];
    }
    qsort(v, n, sizeof *v, dup_lp_cmp_);
    out->gold_pairs = dup_pairs_sorted_(v, n, 0);
    out->true_pairs = dup_pairs_sorted_(v, n, 1);
    for (i = 0; i < n; i++) {
        v[i].a = pred[i];
        v[i].b = 0;
    }
    qsort(v, n, sizeof *v, dup_lp_cmp_);
    out->pred_pairs = dup_pairs_sorted_(v, n, 0);
    free(v);

    out->precision = out->pred_pairs > 0 ? out->true_pairs / out->pred_pairs : 1.0;
    out->recall = out->gold_pairs > 0 ? out->true_pairs / out->gold_pairs : 1.0;
    out->f1 = out->precision + out->recall > 0
                  ? 2 * out->precision * out->recall /
                        (out->precision + out->recall)
                  : 0.0;
    all = (double)n * (double)(n > 0 ? n - 1 : 0) / 2.0;
    expected = all > 0 ? out->gold_pairs * out->pred_pairs / all : 0.0;
    maxidx = (out->gold_pairs + out->pred_pairs) / 2.0;
    out->ari = maxidx - expected != 0.0
                   ? (out->true_pairs - expected) / (maxidx - expected)
                   : 1.0;
    return 0;
}

#endif /* CR_DUP_METRICS_H */
