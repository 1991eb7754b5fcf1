/*
 * langvote.h — the stopword vote on a text's language (langvote.c).
 * Internal; the public entry point is cr_doc_analyze.
 */
#ifndef CR_LANGVOTE_H
#define CR_LANGVOTE_H

#include "crossread.h"

/* Vote on the language of text from its tokens. Returns 1 and writes an
 * ISO 639-1 code into code[8] when the stopwords of one language clearly
 * dominate; returns 0 (code untouched) when the vote abstains. */
int cri_lang_vote(const char *text, const cr_token *tok, size_t ntok,
                  char code[8]);

#endif /* CR_LANGVOTE_H */
