/*
 * extract.c — the preamble every extractor shares: analyse the text when
 * no doc is given, and check that the doc's tokens belong to the text.
 */
#include "extract/extract.h"

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
