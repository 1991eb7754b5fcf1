/*
 * doc.c — the analysed document: one call runs the text pipeline
 * (tokens → sentences, paragraphs, language) over a text and keeps the
 * results as offset arrays. The language is the caller's when given, else
 * the stopword vote's when it is decisive (langvote.c), else CLD2's. The doc owns its arrays and borrows nothing.
 */
#include "text/langvote.h"
#include "util/util.h"

#include <stdlib.h>
#include <string.h>

struct cr_doc {
    cr_token *tokens;  /* owned */
    size_t ntok;
    cr_span *sents;    /* owned */
    size_t nsent;
    cr_span *paras;    /* owned */
    size_t npara;
    char lang[8];      /* ISO 639-1 or "und" */
    int lang_reliable; /* 1 when detected reliably or given */
};

cr_status cr_doc_analyze(const char *text, size_t len, const char *lang,
                         const cr_limits *lim, cr_doc **out)
{
    cr_status rc;
    cr_doc *d;

    if (!text || !out)
        return CR_EINVAL;
    *out = NULL;
    lim = cri_limits(lim);
    if (len > lim->max_article_bytes)
        return CR_ELIMIT;
    d = calloc(1, sizeof *d);
    if (!d)
        return CR_ENOMEM;
    rc = cr_tokenize(text, len, lim, &d->tokens, &d->ntok);
    if (rc != CR_OK)
        goto done;
    rc = cr_split_sentences(text, len, d->tokens, d->ntok, &d->sents,
                            &d->nsent);
    if (rc != CR_OK)
        goto done;
    rc = cr_split_paragraphs(text, len, &d->paras, &d->npara);
    if (rc != CR_OK)
        goto done;
    if (lang && *lang && strlen(lang) < sizeof d->lang) {
        memcpy(d->lang, lang, strlen(lang) + 1);
        d->lang_reliable = 1;
    } else if (cri_lang_vote(text, d->tokens, d->ntok, d->lang)) {
        d->lang_reliable = 1;
    } else {
        rc = cr_detect_language(text, len, d->lang, &d->lang_reliable);
        if (rc != CR_OK)
            goto done;
    }
done:
    if (rc != CR_OK) {
        cr_doc_free(d);
        return rc;
    }
    *out = d;
    return CR_OK;
}

void cr_doc_free(cr_doc *doc)
{
    if (!doc)
        return;
    free(doc->tokens);
    free(doc->sents);
    free(doc->paras);
    free(doc);
}

const cr_token *cr_doc_tokens(const cr_doc *doc, size_t *n)
{
    *n = doc->ntok;
    return doc->tokens;
}

const cr_span *cr_doc_sentences(const cr_doc *doc, size_t *n)
{
    *n = doc->nsent;
    return doc->sents;
}

const cr_span *cr_doc_paragraphs(const cr_doc *doc, size_t *n)
{
    *n = doc->npara;
    return doc->paras;
}

const char *cr_doc_lang(const cr_doc *doc)
{
    return doc->lang;
}

int cr_doc_lang_reliable(const cr_doc *doc)
{
    return doc->lang_reliable;
}
