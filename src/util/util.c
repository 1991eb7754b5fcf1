/*
 * util.c — status names, default limits, error filling, small buffers and
 * the UTF-8 decoder every module shares. See util.h for the contracts.
 */
#include "util/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *cr_strerror(cr_status st)
{
    switch (st) {
    case CR_OK: return "ok";
    case CR_ENOMEM: return "out of memory";
    case CR_EINVAL: return "invalid argument";
    case CR_EUTF8: return "invalid UTF-8";
    case CR_EBINARY: return "binary data";
    case CR_EJSON: return "malformed JSON";
    case CR_EFIELD: return "missing or wrong field";
    case CR_EEMPTY: return "empty article";
    case CR_ELIMIT: return "limit exceeded";
    case CR_EDATE: return "bad date";
    case CR_ESTORE: return "store error";
    case CR_ENOTFOUND: return "not found";
    case CR_ELANG: return "language not supported";
    }
    return "unknown status";
}

void cr_limits_default(cr_limits *lim)
{
    if (!lim)
        return;
    lim->max_article_bytes = (size_t)4 << 20;
    lim->max_line_bytes = (size_t)16 << 20;
    lim->max_field_bytes = (size_t)64 << 10;
    lim->max_json_depth = 32;
    lim->max_token_bytes = 256;
}

const cr_limits *cri_limits(const cr_limits *lim)
{
    static const cr_limits defaults = {(size_t)4 << 20, (size_t)16 << 20,
                                       (size_t)64 << 10, 32, 256};
    return lim ? lim : &defaults;
}

cr_status cri_fail(cr_error *err, cr_status st, size_t offset,
                   const char *fmt, ...)
{
    if (err) {
        va_list ap;
        err->offset = offset;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
    }
    return st;
}

char *cri_strndup(const char *s, size_t len)
{
    char *p = malloc(len + 1);
    if (!p)
        return NULL;
    memcpy(p, s, len);
    p[len] = '\0';
    return p;
}

int cri_buf_reserve(cri_buf *b, size_t extra)
{
    size_t need, cap;
    char *p;
    if (extra > SIZE_MAX - b->len - 1)
        return -1;
    need = b->len + extra + 1;
    if (need <= b->cap)
        return 0;
    cap = b->cap ? b->cap : 64;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    p = realloc(b->data, cap);
    if (!p)
        return -1;
    b->data = p;
    b->cap = cap;
    return 0;
}

int cri_buf_append(cri_buf *b, const char *s, size_t len)
{
    if (cri_buf_reserve(b, len))
        return -1;
    if (len)
        memcpy(b->data + b->len, s, len);
    b->len += len;
    b->data[b->len] = '\0';
    return 0;
}

int cri_buf_putc(cri_buf *b, char c)
{
    return cri_buf_append(b, &c, 1);
}

void cri_buf_free(cri_buf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

int cri_grow(void **p, size_t *cap, size_t need, size_t elem)
{
    size_t nc;
    void *q;
    if (need <= *cap)
        return 0;
    nc = *cap ? *cap : 16;
    while (nc < need) {
        if (nc > SIZE_MAX / 2)
            return -1;
        nc *= 2;
    }
    if (elem && nc > SIZE_MAX / elem)
        return -1;
    q = realloc(*p, nc * elem);
    if (!q)
        return -1;
    *p = q;
    *cap = nc;
    return 0;
}

int32_t cri_utf8_decode(const unsigned char *s, size_t len, size_t i,
                        size_t *adv)
{
    unsigned c = s[i];
    int32_t cp;
    size_t n, k;
    *adv = 1;
    if (c < 0x80)
        return (int32_t)c;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
        cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        cp = c & 0x07;
    } else {
        return -1;
    }
    if (i + n > len)
        return -1;
    for (k = 1; k < n; k++) {
        unsigned cc = s[i + k];
        if ((cc & 0xC0) != 0x80)
            return -1;
        cp = (cp << 6) | (int32_t)(cc & 0x3F);
    }
    if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF))
        return -1;
    *adv = n;
    return cp;
}
