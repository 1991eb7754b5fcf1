/*
 * fold.c — match keys: the form of a word or phrase used to compare, never
 * to display. NFKC, Unicode case folding and diacritics stripped (utf8proc),
 * plus typographic apostrophes and hyphens mapped to ASCII, so that
 * "Korea’s" = "Korea's" and "Jong‑Un" (U+2011) = "jong-un". ASCII input
 * takes a fast path that never calls utf8proc.
 */
#include "util/util.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Map typographic apostrophes and hyphens to ASCII, in place; returns the
 * new length (never longer). */
static size_t ascii_punct(char *s, size_t len)
{
    size_t i = 0, o = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c == 0xE2 && i + 2 < len && (unsigned char)s[i + 1] == 0x80) {
            unsigned char d = (unsigned char)s[i + 2];
            if (d == 0x98 || d == 0x99 || d == 0xB2) { /* ‘ ’ ′ */
                s[o++] = '\'';
                i += 3;
                continue;
            }
            if (d == 0x90 || d == 0x91) { /* ‐ ‑ */
                s[o++] = '-';
                i += 3;
                continue;
            }
        }
        s[o++] = s[i++];
    }
    s[o] = '\0';
    return o;
}

cr_status cr_fold(const char *s, size_t len, char **out, size_t *out_len)
{
    size_t i;
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t n;
    char *r;

    if (!s || !out || !out_len)
        return CR_EINVAL;
    *out = NULL;
    *out_len = 0;
    for (i = 0; i < len; i++)
        if ((unsigned char)s[i] >= 0x80)
            break;
    if (i == len) { /* ASCII fast path */
        r = malloc(len + 1);
        if (!r)
            return CR_ENOMEM;
        for (i = 0; i < len; i++) {
            char c = s[i];
            r[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
        }
        r[len] = '\0';
        *out = r;
        *out_len = len;
        return CR_OK;
    }
    if (len > ((size_t)1 << 28))
        return CR_ELIMIT;
    n = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len,
                     &mapped,
                     UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                         UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
                         UTF8PROC_IGNORE);
    if (n < 0)
        return n == UTF8PROC_ERROR_NOMEM ? CR_ENOMEM : CR_EUTF8;
    *out_len = ascii_punct((char *)mapped, (size_t)n);
    *out = (char *)mapped;
    return CR_OK;
}
