/*
 * fuzz_quotes.c — libFuzzer target for the quotation and speaker scanner
 * (cr_extract_quotes). Any bytes go in; invalid UTF-8 is cut at the first
 * bad byte (the extractor takes validated text). Aborts when an invariant
 * breaks:
 *  - every quote span, speaker span and cue span lies inside the text;
 *  - quotes are ordered by start, then end;
 *  - kinds are known, cont points to an earlier quote, confidence in 0..1;
 *  - a speaker mention is non-empty exactly when has_speaker is set;
 *  - a name, when present, is a NUL-terminated non-empty string.
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    size_t len = size, bad = 0, n = 0, i;
    cr_doc *doc = NULL;
    cr_quote *q = NULL;
    if (cr_utf8_validate(text, len, &bad) != CR_OK)
        len = bad;
    if (cr_doc_analyze(text, len, "en", NULL, &doc) != CR_OK)
        return 0;
    if (cr_extract_quotes(text, len, doc, NULL, &q, &n) == CR_OK) {
        for (i = 0; i < n; i++) {
            CHECK(q[i].start <= q[i].end && q[i].end <= len);
            CHECK(i == 0 || q[i - 1].start < q[i].start ||
                  (q[i - 1].start == q[i].start && q[i - 1].end <= q[i].end));
            CHECK(q[i].kind >= CR_QUOTE_STATEMENT &&
                  q[i].kind <= CR_QUOTE_INDIRECT);
            CHECK(q[i].cont >= -1 && q[i].cont < (int32_t)i);
            CHECK(q[i].confidence >= 0.0 && q[i].confidence <= 1.0);
            if (q[i].has_speaker)
                CHECK(q[i].speaker.start < q[i].speaker.end &&
                      q[i].speaker.end <= len);
            else
                CHECK(q[i].speaker.start == 0 && q[i].speaker.end == 0 &&
                      q[i].name == NULL);
            CHECK(q[i].cue.start <= q[i].cue.end && q[i].cue.end <= len);
            if (q[i].name)
                CHECK(strlen(q[i].name) > 0);
        }
        cr_quotes_free(q, n);
    } else {
        CHECK(q == NULL && n == 0);
    }
    cr_doc_free(doc);
    return 0;
}
