/*
 * util.h — internal helpers shared across libcrossread's modules.
 *
 * Second symbol tier: functions here are prefixed cri_ ("crossread
 * internal"), visible across the library's files but hidden from its users
 * (the library builds with -fvisibility=hidden; only CR_API symbols in
 * include/crossread.h are exported). Nothing here is API.
 */
#ifndef CR_UTIL_H
#define CR_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "crossread.h"

/* Fill err (may be NULL) with an offset and a printf-style message; returns
 * st so callers can write `return cri_fail(err, CR_EJSON, off, "...")`. */
cr_status cri_fail(cr_error *err, cr_status st, size_t offset,
                   const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Copy len bytes into a new NUL-terminated string; NULL on OOM. Owned by
 * the caller (free()). */
char *cri_strndup(const char *s, size_t len);

/* Resolve lim to the defaults when NULL. */
const cr_limits *cri_limits(const cr_limits *lim);

/* A growable byte buffer. Zero-initialise, append, free with cri_buf_free. */
typedef struct cri_buf {
    char *data;   /* NUL-terminated when non-NULL */
    size_t len;
    size_t cap;
} cri_buf;

int cri_buf_reserve(cri_buf *b, size_t extra); /* 0 on success, -1 on OOM */
int cri_buf_append(cri_buf *b, const char *s, size_t len);
int cri_buf_putc(cri_buf *b, char c);
void cri_buf_free(cri_buf *b);

/* Grow the array *p (of elements of `elem` bytes, *cap of them) to hold at
 * least `need`, doubling from 16. Returns 0, or -1 on overflow or out of
 * memory (then *p and *cap are unchanged). */
int cri_grow(void **p, size_t *cap, size_t need, size_t elem);

/* Decode one UTF-8 code point at s[i] (i < len). Returns the code point and
 * sets *adv to its byte length; an invalid sequence yields -1 with *adv = 1.
 * Does not accept overlongs or surrogates. */
int32_t cri_utf8_decode(const unsigned char *s, size_t len, size_t i,
                        size_t *adv);

#endif /* CR_UTIL_H */
