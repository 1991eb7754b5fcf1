/*
 * fuzz_mentions.c — libFuzzer target for the date and quantity scanner
 * (cr_extract_exprs). The first byte picks an anchor (none, a
 * publication date, a date-time, a malformed one); the rest is the text
 * (invalid UTF-8 cut at the first bad byte). Aborts when an invariant
 * breaks:
 *  - every mention lies inside the text, non-empty, ordered, not
 *    overlapping the one before;
 *  - type and how are known; quantities are GIVEN with number <= number_hi;
 *  - a date's value is empty exactly when it is UNRESOLVED, and is made of
 *    digits, '-', '/', 'W' and 'X' only;
 *  - value and unit are NUL-terminated; confidence is in (0, 1].
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
    static const char *const anchors[] = {NULL, "2023-09-13", "2021-01-01T23:59:59Z",
                                          "2024-02-29", "0001-01-01", "9999-12-31",
                                          "not a date", ""};
    const char *anchor, *text;
    size_t len, bad = 0, n = 0, i, k;
    cr_expr *m = NULL;
    if (size == 0)
        return 0;
    anchor = anchors[data[0] % (sizeof anchors / sizeof anchors[0])];
    text = (const char *)data + 1;
    len = size - 1;
    if (cr_utf8_validate(text, len, &bad) != CR_OK)
        len = bad;
    if (cr_extract_exprs(text, len, NULL, anchor, NULL, &m, &n) != CR_OK)
        return 0;
    for (i = 0; i < n; i++) {
        CHECK(m[i].start < m[i].end && m[i].end <= len);
        CHECK(i == 0 || m[i - 1].end <= m[i].start);
        CHECK(m[i].type == CR_EXPR_DATE || m[i].type == CR_EXPR_QUANTITY);
        CHECK(m[i].how >= CR_EXPR_GIVEN && m[i].how <= CR_EXPR_UNRESOLVED);
        CHECK(memchr(m[i].value, 0, sizeof m[i].value) != NULL);
        CHECK(memchr(m[i].unit, 0, sizeof m[i].unit) != NULL);
        CHECK(m[i].confidence > 0 && m[i].confidence <= 1);
        if (m[i].type == CR_EXPR_QUANTITY) {
            CHECK(m[i].how == CR_EXPR_GIVEN && m[i].number <= m[i].number_hi);
        } else {
            CHECK((m[i].how == CR_EXPR_UNRESOLVED) == (m[i].value[0] == 0));
            for (k = 0; m[i].value[k]; k++)
                CHECK((m[i].value[k] >= '0' && m[i].value[k] <= '9') ||
                      m[i].value[k] == '-' || m[i].value[k] == '/' ||
                      m[i].value[k] == 'W' || m[i].value[k] == 'X');
        }
    }
    cr_exprs_free(m);
    return 0;
}
