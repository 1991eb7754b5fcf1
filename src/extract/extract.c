/*
 * extract.c — the whole extraction stage in one call (cr_extract_all):
 * the text analysed at most once, and one token view (cri_xtext: tokens
 * checked against the text, word classes looked up once) that all four
 * scanners read.
 */
#include "extract/extract.h"

#include <string.h>

cr_status cr_extract_all(const char *text, size_t len, const cr_doc *doc,
                         const char *anchor, const cr_limits *lim,
                         cr_extraction *out, const char **stage)
{
    cri_xtext x;
    cr_doc *own = NULL;
    const char *st = "analysis";
    cr_status rc = CR_OK;
    memset(&x, 0, sizeof x);
    if (stage)
        *stage = NULL;
    if (!out || (!text && len))
        return CR_EINVAL;
    memset(out, 0, sizeof *out);
    if (!doc) {
        rc = cr_doc_analyze(text, len, "en", lim, &own);
        doc = own;
    }
    if (rc == CR_OK) {
        st = "quotes"; /* the first scanner, which checked the tokens */
        rc = cri_xtext_init(&x, text, len, doc, lim);
        if (rc == CR_OK)
            rc = cri_quotes_find(&x, &out->quotes, &out->n_quotes);
    }
    if (rc == CR_OK) {
        st = "entities";
        rc = cri_entities_find(&x, &out->entities);
    }
    if (rc == CR_OK) {
        st = "mentions";
        rc = cri_exprs_find(&x, anchor, &out->exprs, &out->n_exprs);
    }
    if (rc == CR_OK) {
        st = "cited sources";
        rc = cri_cites_find(&x, &out->entities, &out->cites, &out->n_cites);
    }
    cri_xtext_free(&x);
    cr_doc_free(own);
    if (rc != CR_OK) {
        cr_extraction_clear(out);
        if (stage)
            *stage = st;
    }
    return rc;
}
