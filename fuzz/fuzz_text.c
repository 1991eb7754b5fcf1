/*
 * fuzz_text.c — libFuzzer target for cr_parse_text (and the UTF-8 and date
 * helpers it leans on).
 *
 * The first input byte picks the id mode (given, or NULL so the content
 * hash becomes the id); the rest is the article. Small limits make the size
 * limit reachable. Checks: on success the body is valid UTF-8, NUL-free,
 * trimmed and non-empty, published (when set) a real date from the marker;
 * on failure *out is zeroed and the error has an offset inside the input and
 * a message. cr_utf8_validate must agree with a byte-at-a-time reference,
 * and cri_date_normalize / cri_date_find must only produce normal dates.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crossread.h"
#include "ingest/ingest.h"
#include "util/util.h"

/* A slow reference validator on util.c's decoder: first bad offset, or
 * SIZE_MAX when s is valid. */
static size_t reference_bad(const unsigned char *s, size_t len)
{
    size_t i = 0, adv;
    while (i < len) {
        if (cri_utf8_decode(s, len, i, &adv) < 0)
            return i;
        i += adv;
    }
    return SIZE_MAX;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const cr_article zero;
    const char *buf = (const char *)data + (size ? 1 : 0);
    size_t len = size ? size - 1 : 0, bad = SIZE_MAX, ref;
    const char *id = size && (data[0] & 1) ? NULL : "fuzz-id";
    char date[CRI_DATE_MAX];
    cr_limits lim;
    cr_article a;
    cr_error err;
    cr_status st;

    /* The fast validator agrees with the reference. */
    ref = reference_bad((const unsigned char *)buf, len);
    st = cr_utf8_validate(buf, len, &bad);
    if ((st == CR_OK) != (ref == SIZE_MAX) || (st != CR_OK && bad != ref))
        abort();

    /* Date helpers only ever produce normalised dates. */
    if (cri_date_normalize(buf, len, date, NULL) == 0 &&
        !cri_date_is_normal(date))
        abort();
    if (cri_date_find(buf, len, date) && !cri_date_is_normal(date))
        abort();

    cr_limits_default(&lim);
    lim.max_article_bytes = 200;
    lim.max_field_bytes = 40;
    memset(&err, 0, sizeof err);
    st = cr_parse_text(buf, len, id, &lim, &a, &err);
    if (st == CR_OK) {
        if (!a.id || !a.text || a.text_len == 0 ||
            a.text_len > lim.max_article_bytes ||
            strlen(a.text) != a.text_len)
            abort();
        if (cr_utf8_validate(a.text, a.text_len, NULL) != CR_OK)
            abort();
        if (cri_is_space((unsigned char)a.text[0]) ||
            cri_is_space((unsigned char)a.text[a.text_len - 1]))
            abort();
        if (!id && strlen(a.id) != 32)
            abort();
        if (a.published) {
            if (a.published_how != CR_DATE_MARKER ||
                strlen(a.published) != 10 ||
                !cri_date_is_normal(a.published))
                abort();
        } else if (a.published_how != CR_DATE_NONE) {
            abort();
        }
    } else {
        if (err.offset > len || err.msg[0] == '\0')
            abort();
        if (memcmp(&a, &zero, sizeof a) != 0)
            abort();
    }
    cr_article_clear(&a);
    return 0;
}
