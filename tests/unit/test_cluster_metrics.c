/*
 * test_cluster_metrics.c — cli/cluster_metrics.h: pairwise and BCubed
 * scores (cm_evaluate) and where the errors are (cm_errors_find), on small
 * clusterings worked out by hand, and the shuffle's determinism.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "../../cli/cluster_metrics.h"

#define EPS 1e-9

/* Gold stories A, B, C; predicted 1 holds both A and one B, 2 the other
 * two B, 3 the C:
 *   items   0  1  2  3  4  5
 *   pred    1  1  1  2  2  3
 *   gold    A  A  B  B  B  C
 * Pairs put together: 3 + 1 = 4, of them right: A-A and B-B = 2. Pairs
 * that belong together: A 1 + B 3 = 4. BCubed precision per item 2/3,
 * 2/3, 1/3, 1, 1, 1; recall 1, 1, 1/3, 2/3, 2/3, 1 (both 14/18). */
static const int64_t pred1[] = {1, 1, 1, 2, 2, 3};
static const int64_t gold1[] = {10, 10, 20, 20, 20, 30};

static void test_evaluate_by_hand(void **state)
{
    cm_result r;
    (void)state;
    assert_int_equal(cm_evaluate(pred1, gold1, 6, &r), 0);
    assert_int_equal(r.items, 6);
    assert_int_equal(r.pred_clusters, 3);
    assert_int_equal(r.gold_clusters, 3);
    assert_true(r.pair_tp == 2 && r.pair_pred == 4 && r.pair_gold == 4);
    assert_true(fabs(r.pair_p - 0.5) < EPS && fabs(r.pair_r - 0.5) < EPS);
    assert_true(fabs(r.pair_f1 - 0.5) < EPS);
    assert_true(fabs(r.b3_p - 14.0 / 18) < EPS);
    assert_true(fabs(r.b3_r - 14.0 / 18) < EPS);
}

static void test_errors_by_hand(void **state)
{
    cm_errors e;
    (void)state;
    assert_int_equal(cm_errors_find(pred1, gold1, 6, &e), 0);
    /* A and B put together in story 1: 2 A x 1 B = 2 wrong pairs */
    assert_int_equal(e.nmerges, 1);
    assert_true(e.merges[0].a == 10 && e.merges[0].b == 20);
    assert_true(fabs(e.merges[0].pairs - 2) < EPS);
    /* B split 1 + 2: 2 pairs lost, parts largest first */
    assert_int_equal(e.nsplits, 1);
    assert_true(e.splits[0].gold == 20 && fabs(e.splits[0].pairs - 2) < EPS);
    assert_int_equal(e.splits[0].nparts, 2);
    assert_int_equal(e.parts[e.splits[0].first], 2);
    assert_int_equal(e.parts[e.splits[0].first + 1], 1);
    /* merges undone: {A A} {B} {B B} {C}: precision 1, recall 2/4 */
    assert_true(fabs(e.merges_fixed.pair_p - 1) < EPS);
    assert_true(fabs(e.merges_fixed.pair_r - 0.5) < EPS);
    /* splits undone: the B of story 1 joins story 2: gold exactly */
    assert_true(fabs(e.splits_fixed.pair_f1 - 1) < EPS);
    assert_true(fabs(e.splits_fixed.b3_f1 - 1) < EPS);
    cm_errors_free(&e);
    assert_null(e.merges);
}

/* The wrong pairs of all merges are the pairs put together wrongly; the
 * lost pairs of all splits the pairs that belong together and were not
 * put together. Ties are ordered by gold label. */
static void test_errors_account_for_every_pair(void **state)
{
    /* story 7 holds 2 A, 2 B, 2 C (three merges of 4 pairs each); story 8
     * holds 1 A and 1 D; story 9 the other D */
    static const int64_t pred[] = {7, 7, 7, 7, 7, 7, 8, 8, 9};
    static const int64_t gold[] = {1, 1, 2, 2, 3, 3, 1, 4, 4};
    cm_errors e;
    cm_result r;
    double wrong = 0, lost = 0;
    size_t i;
    (void)state;
    assert_int_equal(cm_evaluate(pred, gold, 9, &r), 0);
    assert_int_equal(cm_errors_find(pred, gold, 9, &e), 0);
    for (i = 0; i < e.nmerges; i++)
        wrong += e.merges[i].pairs;
    for (i = 0; i < e.nsplits; i++)
        lost += e.splits[i].pairs;
    assert_true(fabs(wrong - (r.pair_pred - r.pair_tp)) < EPS);
    assert_true(fabs(lost - (r.pair_gold - r.pair_tp)) < EPS);
    /* 1+2, 1+3, 2+3 (4 pairs each, by label), then 1+4 (1 pair) */
    assert_int_equal(e.nmerges, 4);
    assert_true(e.merges[0].a == 1 && e.merges[0].b == 2);
    assert_true(e.merges[1].a == 1 && e.merges[1].b == 3);
    assert_true(e.merges[2].a == 2 && e.merges[2].b == 3);
    assert_true(e.merges[3].a == 1 && e.merges[3].b == 4);
    assert_true(fabs(e.merges[3].pairs - 1) < EPS);
    /* A split 2 + 1 (2 pairs), D split 1 + 1 (1 pair) */
    assert_int_equal(e.nsplits, 2);
    assert_true(e.splits[0].gold == 1 && fabs(e.splits[0].pairs - 2) < EPS);
    assert_true(e.splits[1].gold == 4 && fabs(e.splits[1].pairs - 1) < EPS);
    cm_errors_free(&e);
}

static void test_errors_none_and_empty(void **state)
{
    static const int64_t same[] = {5, 5, 6};
    cm_errors e;
    (void)state;
    assert_int_equal(cm_errors_find(same, same, 3, &e), 0);
    assert_int_equal(e.nmerges, 0);
    assert_int_equal(e.nsplits, 0);
    assert_true(fabs(e.merges_fixed.pair_f1 - 1) < EPS);
    assert_true(fabs(e.splits_fixed.pair_f1 - 1) < EPS);
    cm_errors_free(&e);
    assert_int_equal(cm_errors_find(NULL, NULL, 0, &e), 0);
    assert_int_equal(e.nmerges + e.nsplits, 0);
    cm_errors_free(&e);
}

/* A seed names one order, and each order is a permutation. */
static void test_shuffle_is_a_seeded_permutation(void **state)
{
    size_t a[50], b[50], seen[50], i;
    (void)state;
    for (i = 0; i < 50; i++)
        a[i] = b[i] = i;
    cm_shuffle(a, 50, 3);
    cm_shuffle(b, 50, 3);
    assert_memory_equal(a, b, sizeof a);
    memset(seen, 0, sizeof seen);
    for (i = 0; i < 50; i++)
        seen[a[i]]++;
    for (i = 0; i < 50; i++)
        assert_int_equal(seen[i], 1);
    for (i = 0; i < 50; i++)
        b[i] = i;
    cm_shuffle(b, 50, 4);
    assert_memory_not_equal(a, b, sizeof a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_evaluate_by_hand),
        cmocka_unit_test(test_errors_by_hand),
        cmocka_unit_test(test_errors_account_for_every_pair),
        cmocka_unit_test(test_errors_none_and_empty),
        cmocka_unit_test(test_shuffle_is_a_seeded_permutation),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
