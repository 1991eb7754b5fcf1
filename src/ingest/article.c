/*
 * article.c — the cr_article struct's life cycle, the plain-text (seed)
 * article format, and date inference from urls and ids.
 *
 * A plain-text article is the whole buffer: an optional UTF-8 BOM, an
 * optional leading " date YYYY-MM-DD " marker (metadata, removed), then the
 * body, trimmed of surrounding ASCII whitespace. Checks run on the body
 * only, cheapest and most telling first: size limit, binary data, UTF-8.
 * Everything outside the body is ASCII by construction, so the body is the
 * only part that needs validation. See crossread.h for the contracts.
 */
#include "ingest/ingest.h"
#include "util/util.h"

#include <stdlib.h>
#include <string.h>

void cr_article_clear(cr_article *a)
{
    if (!a)
        return;
    free(a->id);
    free(a->source);
    free(a->url);
    free(a->title);
    free(a->lang);
    free(a->published);
    free(a->text);
    memset(a, 0, sizeof *a);
}

/* Skip ASCII whitespace from s[i]; returns the first non-space index. */
static size_t skip_space(const unsigned char *s, size_t len, size_t i)
{
    while (i < len && cri_is_space(s[i]))
        i++;
    return i;
}

/* Look for the " date YYYY-MM-DD " marker at s[i..len). Returns 1 and sets
 * *date_at (offset of the date) and *end (just past the date) when the
 * shape is there: leading whitespace, "date", whitespace, YYYY-MM-DD, then
 * whitespace or the end. The date itself is checked by the caller. */
static int find_marker(const unsigned char *s, size_t len, size_t i,
                       size_t *date_at, size_t *end)
{
    int y = 0, m = 0, d = 0;
    size_t k;
    i = skip_space(s, len, i);
    if (len - i < 5 || memcmp(s + i, "date", 4) != 0 ||
        !cri_is_space(s[i + 4]))
        return 0;
    k = skip_space(s, len, i + 4);
    if (!cri_date_shape((const char *)s + k, len - k, &y, &m, &d))
        return 0;
    if (k + 10 < len && !cri_is_space(s[k + 10]))
        return 0;
    *date_at = k;
    *end = k + 10;
    return 1;
}

/* Check a caller-given id: non-empty, valid UTF-8, within the field limit. */
static cr_status check_id(const char *id, const cr_limits *lim,
                          cr_error *err)
{
    size_t n = strlen(id);
    if (n == 0)
        return cri_fail(err, CR_EINVAL, 0, "id is empty");
    if (n > lim->max_field_bytes)
        return cri_fail(err, CR_ELIMIT, 0,
                        "id is %zu bytes, limit is %zu (--max-field-bytes)",
                        n, lim->max_field_bytes);
    if (cr_utf8_validate(id, n, NULL) != CR_OK)
        return cri_fail(err, CR_EINVAL, 0, "id is not valid UTF-8");
    return CR_OK;
}

cr_status cr_parse_text(const char *buf, size_t len, const char *id,
                        const cr_limits *lim, cr_article *out, cr_error *err)
{
    const unsigned char *s = (const unsigned char *)buf;
    cr_article a;
    cr_status st = CR_OK;
    cri_ctrl ctrl;
    size_t start = 0, end = len, date_at = 0, date_end = 0, bad = 0;
    int has_marker = 0;

    memset(&a, 0, sizeof a);
    if (out)
        memset(out, 0, sizeof *out);
    if (!out || (!buf && len))
        return cri_fail(err, CR_EINVAL, 0, "invalid argument");
    lim = cri_limits(lim);
    if (id) {
        st = check_id(id, lim, err);
        if (st != CR_OK)
            goto done;
    }

    if (len >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        start = 3;
    if (find_marker(s, len, start, &date_at, &date_end)) {
        int y = 0, m = 0, d = 0;
        cri_date_shape(buf + date_at, len - date_at, &y, &m, &d);
        if (!cri_date_valid(y, m, d)) {
            st = cri_fail(err, CR_EDATE, date_at,
                          "invalid date %.10s in the date marker",
                          buf + date_at);
            goto done;
        }
        has_marker = 1;
        start = date_end;
    }
    start = skip_space(s, len, start);
    while (end > start && cri_is_space(s[end - 1]))
        end--;
    if (end == start) {
        st = cri_fail(err, CR_EEMPTY, start,
                      has_marker ? "text is empty after the date marker"
                                 : "text is empty");
        goto done;
    }
    if (end - start > lim->max_article_bytes) {
        st = cri_fail(err, CR_ELIMIT, start + lim->max_article_bytes,
                      "text is %zu bytes, limit is %zu (--max-article-bytes)",
                      end - start, lim->max_article_bytes);
        goto done;
    }
    cri_ctrl_scan(buf + start, end - start, &ctrl);
    if (ctrl.first_nul != SIZE_MAX) {
        st = cri_fail(err, CR_EBINARY, start + ctrl.first_nul,
                      "NUL byte in text");
        goto done;
    }
    if (cri_looks_binary(ctrl.count, end - start)) {
        st = cri_fail(err, CR_EBINARY, start + ctrl.first,
                      "text looks binary: %zu control characters in %zu "
                      "bytes",
                      ctrl.count, end - start);
        goto done;
    }
    if (cr_utf8_validate(buf + start, end - start, &bad) != CR_OK) {
        st = cri_utf8_fail(err, s + start, end - start, bad, start);
        goto done;
    }

    a.text = cri_strndup(buf + start, end - start);
    a.text_len = end - start;
    if (!a.text)
        goto nomem;
    if (id) {
        a.id = cri_strndup(id, strlen(id));
    } else {
        char hash[33];
        cr_content_hash(a.text, a.text_len, hash);
        a.id = cri_strndup(hash, 32);
    }
    if (!a.id)
        goto nomem;
    if (has_marker) {
        a.published = cri_strndup(buf + date_at, 10);
        if (!a.published)
            goto nomem;
        a.published_how = CR_DATE_MARKER;
    }
    *out = a;
    return CR_OK;

nomem:
    st = cri_fail(err, CR_ENOMEM, 0, "out of memory");
done:
    cr_article_clear(&a);
    return st;
}

cr_status cr_article_infer_date(cr_article *a)
{
    char date[11];
    int found;
    if (!a)
        return CR_EINVAL;
    if (a->published)
        return CR_OK;
    found = (a->url && cri_date_find(a->url, strlen(a->url), date)) ||
            (a->id && cri_date_find(a->id, strlen(a->id), date));
    if (!found)
        return CR_OK;
    a->published = cri_strndup(date, 10);
    if (!a->published)
        return CR_ENOMEM;
    a->published_how = CR_DATE_INFERRED;
    return CR_OK;
}
