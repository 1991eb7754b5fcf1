/*
 * fuzz_jsonl.c — libFuzzer target for cr_parse_jsonl.
 *
 * Feeds the input as one JSON Lines record under small limits (so the
 * field, text, line and depth limits are all reachable) and checks the
 * parser's promises: on success the article is well-formed (id and text
 * present, text valid UTF-8, non-blank and NUL-free, published in a
 * normalised form, every field within its limit); on failure *out is zeroed
 * and the error has an offset inside the input and a message. Any broken
 * promise aborts. Date inference runs on every parsed article too.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crossread.h"
#include "ingest/ingest.h"

/* Abort unless s is NULL or a NUL-terminated valid UTF-8 string of at most
 * max bytes. */
static void check_field(const char *s, size_t max)
{
    size_t n;
    if (!s)
        return;
    n = strlen(s);
    if (n > max || cr_utf8_validate(s, n, NULL) != CR_OK)
        abort();
}

static void check_article(const cr_article *a, const cr_limits *lim)
{
    size_t k;
    if (!a->id || !a->id[0] || !a->text)
        abort();
    if (strlen(a->text) != a->text_len || a->text_len > lim->max_article_bytes)
        abort();
    if (cr_utf8_validate(a->text, a->text_len, NULL) != CR_OK)
        abort();
    /* Blank text is stored empty, and only for a headline-only item: a
     * record with a non-blank title. */
    k = 0;
    while (k < a->text_len && cri_is_space((unsigned char)a->text[k]))
        k++;
    if (k == a->text_len) {
        size_t t = 0;
        if (a->text_len != 0 || !a->title)
            abort();
        while (a->title[t] && cri_is_space((unsigned char)a->title[t]))
            t++;
        if (!a->title[t])
            abort();
    }
    check_field(a->id, lim->max_field_bytes);
    check_field(a->source, lim->max_field_bytes);
    check_field(a->url, lim->max_field_bytes);
    check_field(a->title, lim->max_field_bytes);
    check_field(a->lang, 3);
    if (a->source && !a->source[0])
        abort();
    if (a->lang && strlen(a->lang) < 2)
        abort();
    if ((a->published != NULL) != (a->published_how != CR_DATE_NONE))
        abort();
    if (a->published && !cri_date_is_normal(a->published))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const cr_article zero;
    cr_limits lim;
    cr_article a;
    cr_error err;
    cr_status st;

    cr_limits_default(&lim);
    lim.max_article_bytes = 300;
    lim.max_line_bytes = 2048;
    lim.max_field_bytes = 40;
    lim.max_json_depth = 6;

    memset(&err, 0, sizeof err);
    st = cr_parse_jsonl((const char *)data, size, &lim, &a, &err);
    if (st == CR_OK) {
        check_article(&a, &lim);
        if (a.published_how != CR_DATE_GIVEN &&
            a.published_how != CR_DATE_NONE)
            abort();
        if (cr_article_infer_date(&a) != CR_OK)
            abort();
        check_article(&a, &lim);
    } else {
        if (err.offset > size || err.msg[0] == '\0' ||
            memchr(err.msg, '\n', strlen(err.msg)))
            abort();
        if (memcmp(&a, &zero, sizeof a) != 0)
            abort();
    }
    cr_article_clear(&a);
    return 0;
}
