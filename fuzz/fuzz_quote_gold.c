/*
 * fuzz_quote_gold.c — libFuzzer target for the gold attribution reader and
 * the quotation scores of `crossread eval quotes` (cli/quote_metrics.c).
 * The input is gold lines, then a NUL byte, then an article text (invalid
 * UTF-8 cut at the first bad byte). Every line goes through
 * qm_gold_add_line; the quotes extracted from the text are scored against
 * each record that fits it, with the error listing on. Aborts when an
 * invariant breaks:
 *  - a refused line says why;
 *  - every span of an accepted record has start <= end, and attributions
 *    index only spans of their record;
 *  - counts are consistent: correct <= predicted, found <= gold, exact
 *    matches <= overlap matches, right speakers <= matched.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread.h"
#include "../cli/quote_metrics.h"

#define CHECK(c)        \
    do {                \
        if (!(c))       \
            abort();    \
    } while (0)

static void check_counts(const qm_counts *c)
{
    CHECK(c->pred_ok_ex <= c->pred_ok_ov && c->pred_ok_ov <= c->pred);
    CHECK(c->gold_ok_ex <= c->gold_ok_ov && c->gold_ok_ov <= c->gold);
    CHECK(c->spk_ok <= c->spk_n && c->spk_none <= c->spk_n &&
          c->spk_n == c->pred_ok_ov);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *in = (const char *)data, *nul = memchr(in, 0, size);
    size_t glen = nul ? (size_t)(nul - in) : size, at = 0, nrec, i, k;
    const char *text = nul ? nul + 1 : "";
    size_t len = nul ? size - glen - 1 : 0, bad = 0, nq = 0;
    qm_gold *g = qm_gold_new();
    qm_record *recs;
    cr_doc *doc = NULL;
    cr_quote *q = NULL;
    FILE *sink = fopen("/dev/null", "w");

    if (!g || !sink)
        abort();
    while (at < glen) {
        const char *line = in + at, *eol = memchr(line, '\n', glen - at);
        size_t ll = eol ? (size_t)(eol - line) + 1 : glen - at, col;
        const char *why = NULL;
        if (qm_gold_add_line(g, line, ll, &col, &why) != 0)
            CHECK(why && *why && col <= ll + 1);
        at += ll;
    }
    recs = qm_gold_records(g, &nrec);
    for (i = 0; i < nrec; i++) {
        CHECK(recs[i].id != NULL);
        for (k = 0; k < recs[i].nspans; k++)
            CHECK(recs[i].spans[k].s <= recs[i].spans[k].e);
        for (k = 0; k < recs[i].nattrs; k++) {
            const qm_attr *a = &recs[i].attrs[k];
            CHECK(a->content + a->ncontent <= recs[i].nspans);
            CHECK(a->source + a->nsource <= recs[i].nspans);
        }
        CHECK(qm_gold_find(g, recs[i].id) != NULL);
    }
    if (cr_utf8_validate(text, len, &bad) != CR_OK)
        len = bad;
    if (cr_doc_analyze(text, len, "en", NULL, &doc) == CR_OK &&
        cr_extract_quotes(text, len, doc, NULL, &q, &nq) == CR_OK) {
        for (i = 0; i < nrec; i++) {
            qm_counts d, all;
            if (qm_record_fits(&recs[i], len) != 0)
                continue;
            memset(&d, 0, sizeof d);
            memset(&all, 0, sizeof all);
            qm_score(text, len, q, nq, &recs[i], 1, QM_DIRECT_KINDS, &d, sink);
            qm_score(text, len, q, nq, &recs[i], 0, QM_ALL_KINDS, &all, NULL);
            check_counts(&d);
            check_counts(&all);
        }
    }
    cr_quotes_free(q, nq);
    cr_doc_free(doc);
    qm_gold_free(g);
    fclose(sink);
    return 0;
}
