/*
 * extract.c — the preamble every extractor shares: analyse the text when
 * no doc is given, and check that the doc's tokens belong to the text; and
 * the whole stage in one call (cr_extract_all), which analyses the text at
 * most once and builds the token view entities and cites read once.
 */
#include "extract/extract.h"

#include <string.h>

cr_status cri_extract_doc(const char *text, size_t len, const cr_doc *doc,
                          const cr_limits *lim, cr_doc **own,
                          const cr_doc **used, const cr_token **t,
                          size_t *nt)
{
    size_t i;
    cr_status rc;
    *own = NULL;
    if (!doc) {
        rc = cr_doc_analyze(text, len, "en", lim, own);
        if (rc != CR_OK)
            return rc;
        doc = *own;
    }
    *used = doc;
    *t = cr_doc_tokens(doc, nt);
    for (i = 0; i < *nt; i++)
        if ((*t)[i].start >= (*t)[i].end || (*t)[i].end > len ||
            (i && (*t)[i].start < (*t)[i - 1].end))
            return CR_EINVAL;
    return CR_OK;
}

cr_status cr_extract_all(const char *text, size_t len, const cr_doc *doc,
                         const char *anchor, const cr_limits *lim,
                         cr_extraction *out, const char **stage)
{
    cr_doc *own = NULL;
    cri_xtext x;
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
        st = "quotes";
        rc = cr_extract_quotes(text, len, doc, lim, &out->quotes,
                               &out->n_quotes);
    }
    if (rc == CR_OK) {
        st = "entities";
        rc = cri_xtext_init(&x, text, len, doc, lim);
        if (rc == CR_OK)
            rc = cri_entities_find(&x, &out->entities);
    }
    if (rc == CR_OK) {
        st = "mentions";
        rc = cr_extract_exprs(text, len, doc, anchor, lim, &out->exprs,
                              &out->n_exprs);
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
