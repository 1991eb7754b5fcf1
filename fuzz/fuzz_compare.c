/*
 * fuzz_compare.c — libFuzzer target for the comparison (cr_compare_*) and
 * the word diff (cr_diff_words). The input is cut into up to three
 * articles at 0xFF bytes; invalid UTF-8 is cut at the first bad byte.
 * Aborts when an invariant breaks:
 *  - every group member, diff step and difference lies inside its
 *    article's text, and a group holds at most one passage per article;
 *  - every statement/fragment quotation is in exactly one quotation group,
 *    every sentence in exactly one fact group;
 *  - diff steps cover both passages in order, without gaps.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crossread.h"

#define CHECK(c)        \
    do {                \
        if (!(c))       \
            abort();    \
    } while (0)

static void check_ref(const cr_compare *c, const cr_cmp_ref *r)
{
    const cr_cmp_article *a = cr_compare_article(c, r->article);
    CHECK(a && r->span.start <= r->span.end && r->span.end <= a->text_len);
}

static void check_groups(const cr_compare *c, const cr_cmp_group *g,
                         size_t n, int facts)
{
    size_t i, j, k, m, nd, total = 0, want = 0, na = cr_compare_narticles(c);
    for (i = 0; i < n; i++) {
        CHECK(g[i].n >= 1 && g[i].n <= na);
        for (j = 0; j < g[i].n; j++) {
            check_ref(c, &g[i].members[j]);
            for (k = 0; k < j; k++)
                CHECK(g[i].members[k].article != g[i].members[j].article);
        }
        total += g[i].n;
        for (m = 1; m < g[i].n; m++) {
            const cr_diff_op *d = cr_compare_group_diff(c, facts, i, m, &nd);
            for (k = 0; k < nd; k++) {
                cr_cmp_ref ra = g[i].members[0], rb = g[i].members[m];
                ra.span = d[k].a;
                rb.span = d[k].b;
                check_ref(c, &ra);
                check_ref(c, &rb);
                CHECK(k == 0 || (d[k - 1].a.end <= d[k].a.start &&
                                 d[k - 1].b.end <= d[k].b.start));
            }
        }
    }
    for (i = 0; i < na; i++) {
        size_t nq;
        const cr_quote *q = cr_compare_quotes(c, i, &nq);
        if (facts)
            cr_compare_sentences(c, i, &nq), want += nq;
        else
            for (k = 0; k < nq; k++)
                want += q[k].kind != CR_QUOTE_INDIRECT;
    }
    CHECK(total == want);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *p = (const char *)data, *end = p + size;
    cr_compare *c = NULL;
    cr_diff_op *ops = NULL;
    size_t n, i, nops;
    int arts = 0;
    const cr_cmp_diff *d;
    char *texts[3] = {NULL, NULL, NULL};
    size_t lens[3] = {0, 0, 0};

    if (cr_compare_new(NULL, &c) != CR_OK)
        return 0;
    while (p <= end && arts < 3) {
        const char *cut = memchr(p, 0xFF, (size_t)(end - p));
        size_t len = cut ? (size_t)(cut - p) : (size_t)(end - p), bad = 0;
        cr_article a;
        char id[2] = {(char)('a' + arts), 0};
        if (cr_utf8_validate(p, len, &bad) != CR_OK)
            len = bad;
        texts[arts] = malloc(len + 1);
        if (!texts[arts])
            break;
        memcpy(texts[arts], p, len);
        texts[arts][len] = '\0';
        lens[arts] = len;
        memset(&a, 0, sizeof a);
        a.id = id;
        a.text = texts[arts];
        a.text_len = len;
        a.lang = (char *)"en";
        (void)cr_compare_add(c, &a, NULL, NULL);
        arts++;
        if (!cut)
            break;
        p = cut + 1;
    }
    if (arts >= 2 && cr_diff_words(texts[0], lens[0], texts[1], lens[1], "en",
                                   &ops, &nops) == CR_OK) {
        for (i = 0; i < nops; i++)
            CHECK(ops[i].a.start <= ops[i].a.end && ops[i].a.end <= lens[0] &&
                  ops[i].b.start <= ops[i].b.end && ops[i].b.end <= lens[1]);
        free(ops);
    }
    if (cr_compare_run(c, NULL) == CR_OK) {
        const cr_cmp_group *g = cr_compare_quote_groups(c, &n);
        check_groups(c, g, n, 0);
        g = cr_compare_facts(c, &n);
        check_groups(c, g, n, 1);
        d = cr_compare_differences(c, &n);
        for (i = 0; i < n; i++) {
            check_ref(c, &d[i].a);
            check_ref(c, &d[i].b);
        }
    }
    cr_compare_free(c);
    for (i = 0; i < 3; i++)
        free(texts[i]);
    return 0;
}
