/*
 * jsonl.c — one JSON Lines record in the interchange schema to a cr_article.
 *
 * A small strict JSON scanner (RFC 8259) specialised for one shape: a
 * top-level object whose known members ("id", "source", "url", "title",
 * "published", "lang", "text") are decoded, and whose other members are
 * validated and skipped whatever they hold. No tree is built and nothing
 * recurses: nested values are skipped with an explicit stack, bounded by
 * lim->max_json_depth. Every byte of the line is looked at a bounded number
 * of times, so the work is linear in the line on any input.
 *
 * Strings are scanned 16 bytes at a time (SSE2; elsewhere a 64-bit word at
 * a time) up to the first byte that needs a look (quote, backslash,
 * control, DEL, non-ASCII);
 * UTF-8 sequences are validated in place, escapes decoded (surrogate pairs
 * joined, lone surrogates rejected), and decoded bytes copied in runs
 * straight into the buffer that becomes the article's field.
 *
 * Rules beyond the grammar, stated once:
 *  - Duplicate keys: every occurrence is checked, the last one wins.
 *  - "id" may be a string or a number (its literal text is kept); "id" and
 *    "text" are required; "id" may not be null or empty, "text" not
 *    null; "text" may be empty or whitespace only (then stored empty) only
 *    when the record has a non-blank "title". Other known fields
 *    may be missing, null or "" (all three leave the field NULL); any other
 *    type is CR_EFIELD.
 *  - "published" is normalised by cri_date_normalize; "lang" keeps the
 *    lower-cased primary subtag of a tag like "en" or "en-US" and is
 *    otherwise ignored ("und" included).
 *  - "text" is kept exactly as decoded (offsets refer to it).
 *  - A NUL anywhere (raw or \u0000) is CR_EBINARY; so is a field whose
 *    control characters make it look binary (cri_looks_binary).
 */
#include "ingest/ingest.h"
#include "util/util.h"

#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__) && !defined(CRI_NO_SSE2)
#include <emmintrin.h>
#endif

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)
#define HAS_ZERO(x) (((x) - ONES) & ~(x) & HIGHS)
#define HAS_LESS(x, n) (((x) - ONES * (n)) & ~(x) & HIGHS)

/* The fields of the schema, in the order of cr_article. */
enum field { F_ID, F_SOURCE, F_URL, F_TITLE, F_LANG, F_PUBLISHED, F_TEXT,
             F_COUNT, F_UNKNOWN = F_COUNT };

static const char *const field_names[F_COUNT] = {
    "id", "source", "url", "title", "lang", "published", "text"};

/* Keys longer than this cannot be a known field: they are not decoded. */
#define KEY_MAX 16

/* What a string scan learned besides the decoded bytes. */
typedef struct jstr {
    size_t len;        /* decoded length (counted even past the limit) */
    size_t nctrl;      /* control characters produced by escapes */
    size_t first_ctrl; /* line offset of the first one's backslash */
} jstr;

/* One known field as scanned. */
typedef struct jfield {
    cri_buf buf;  /* decoded value (reused by duplicate keys) */
    int state;    /* 0 missing, 1 null, 2 string, 3 number literal */
    int blank;    /* the string is empty or whitespace only */
    size_t off;   /* line offset of the value */
} jfield;

/* Parser state for one line. */
typedef struct jp {
    const unsigned char *s; /* the line (borrowed) */
    size_t len;
    size_t i;               /* current offset */
    const cr_limits *lim;
    cr_error *err;
    cri_buf stack;          /* '{' / '[' of containers being skipped */
    cri_buf key;            /* decoded key of the current member */
} jp;

/* ---- errors ------------------------------------------------------------ */

/* The error for a line that ends where more JSON is needed. */
static cr_status truncated(jp *p)
{
    return cri_fail(p->err, CR_EJSON, p->len,
                    "unexpected end of line, truncated record?");
}

/* A syntax error at p->i: "<what>, got <the byte there>". */
static cr_status expected(jp *p, const char *what)
{
    unsigned c;
    if (p->i >= p->len)
        return truncated(p);
    c = p->s[p->i];
    if (c == 0)
        return cri_fail(p->err, CR_EBINARY, p->i, "NUL byte in record");
    if (c > 0x20 && c < 0x7F)
        return cri_fail(p->err, CR_EJSON, p->i, "%s, got '%c'", what, c);
    return cri_fail(p->err, CR_EJSON, p->i, "%s, got byte 0x%02x", what, c);
}

static cr_status nomem(jp *p)
{
    return cri_fail(p->err, CR_ENOMEM, p->i, "out of memory");
}

/* ---- lexical pieces ---------------------------------------------------- */

/* Skip JSON whitespace (space, tab, CR, LF) from p->i. */
static void skip_ws(jp *p)
{
    while (p->i < p->len) {
        unsigned char c = p->s[p->i];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        p->i++;
    }
}

/* Read 4 hex digits at s (4 bytes must be readable) into *v; 0 when one
 * is not a hex digit. */
static int hex4(const unsigned char *s, unsigned *v)
{
    unsigned r = 0;
    int k;
    for (k = 0; k < 4; k++) {
        unsigned c = s[k], d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            return 0;
        r = r << 4 | d;
    }
    *v = r;
    return 1;
}

/* 1 when s[0..n) is "\\u" followed by up to 4 hex digits, or a prefix of
 * that cut short by the end of the line. */
static int u_escape_prefix(const unsigned char *s, size_t n)
{
    size_t k;
    if ((n >= 1 && s[0] != '\\') || (n >= 2 && s[1] != 'u'))
        return 0;
    for (k = 2; k < n && k < 6; k++)
        if (!strchr("0123456789abcdefABCDEF", s[k]) || s[k] == 0)
            return 0;
    return 1;
}

/* Append n decoded bytes to out unless that would pass limit; count them
 * either way. Returns -1 on OOM. */
static int emit(cri_buf *out, size_t limit, jstr *js, const void *b, size_t n)
{
    if (out && js->len + n <= limit && n > 0 &&
        cri_buf_append(out, b, n) != 0)
        return -1;
    js->len += n;
    return 0;
}

/* Decode the escape at p->i (a backslash) into a code point; advances p->i
 * past it. */
static cr_status scan_escape(jp *p, uint32_t *cp)
{
    size_t at = p->i;
    unsigned hi, lo;
    if (p->len - at < 2)
        return truncated(p);
    switch (p->s[at + 1]) {
    case '"': *cp = '"'; break;
    case '\\': *cp = '\\'; break;
    case '/': *cp = '/'; break;
    case 'b': *cp = '\b'; break;
    case 'f': *cp = '\f'; break;
    case 'n': *cp = '\n'; break;
    case 'r': *cp = '\r'; break;
    case 't': *cp = '\t'; break;
    case 'u':
        if (!u_escape_prefix(p->s + at, p->len - at))
            return cri_fail(p->err, CR_EJSON, at,
                            "invalid \\u escape, expected 4 hex digits");
        if (p->len - at < 6)
            return truncated(p);
        hex4(p->s + at + 2, &hi);
        if (hi >= 0xDC00 && hi <= 0xDFFF)
            return cri_fail(p->err, CR_EUTF8, at,
                            "unpaired low surrogate \\u%04x in string", hi);
        if (hi >= 0xD800 && hi <= 0xDBFF) {
            const unsigned char *q = p->s + at + 6;
            size_t rest = p->len - at - 6;
            if (rest >= 6 && q[0] == '\\' && q[1] == 'u' && hex4(q + 2, &lo) &&
                lo >= 0xDC00 && lo <= 0xDFFF) {
                *cp = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                p->i = at + 12;
                return CR_OK;
            }
            if (rest < 6 && u_escape_prefix(q, rest))
                return truncated(p);
            return cri_fail(p->err, CR_EUTF8, at,
                            "unpaired high surrogate \\u%04x in string", hi);
        }
        *cp = hi;
        p->i = at + 6;
        return CR_OK;
    default: {
        unsigned c = p->s[at + 1];
        if (c > 0x20 && c < 0x7F)
            return cri_fail(p->err, CR_EJSON, at,
                            "invalid escape '\\%c' in string", c);
        return cri_fail(p->err, CR_EJSON, at,
                        "invalid escape in string (byte 0x%02x after '\\')",
                        c);
    }
    }
    p->i = at + 2;
    return CR_OK;
}

/* Scan the string starting at p->i (a '"'), leaving p->i past its closing
 * quote. Decoded bytes go to out (may be NULL: validate only) while they fit
 * in limit; *js says how long the whole value is and which controls it
 * holds. */
static cr_status scan_string(jp *p, cri_buf *out, size_t limit, jstr *js)
{
    const unsigned char *s = p->s;
    size_t len = p->len, i = p->i + 1, run = i;
    js->len = 0;
    js->nctrl = 0;
    js->first_ctrl = SIZE_MAX;
    for (;;) {
        unsigned c;
#if defined(__SSE2__) && !defined(CRI_NO_SSE2)
        /* 16 bytes at a time, stopping at the first byte that needs a
         * look: signed, "< 0x20" also catches every non-ASCII byte */
        while (len - i >= 16) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
            __m128i m = _mm_or_si128(
                _mm_or_si128(_mm_cmplt_epi8(v, _mm_set1_epi8(0x20)),
                             _mm_cmpeq_epi8(v, _mm_set1_epi8('"'))),
                _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')),
                             _mm_cmpeq_epi8(v, _mm_set1_epi8(0x7F))));
            unsigned stop = (unsigned)_mm_movemask_epi8(m);
            if (stop) {
                i += (unsigned)__builtin_ctz(stop);
                break;
            }
            i += 16;
        }
#endif
        while (len - i >= 8) {
            uint64_t w;
            memcpy(&w, s + i, sizeof w);
            if ((w & HIGHS) || HAS_LESS(w, 0x20) ||
                HAS_ZERO(w ^ (ONES * '"')) || HAS_ZERO(w ^ (ONES * '\\')) ||
                HAS_ZERO(w ^ (ONES * 0x7F)))
                break;
            i += 8;
        }
        if (i >= len) {
            p->i = i;
            return truncated(p);
        }
        c = s[i];
        if (c == '"' || c == '\\') {
            if (emit(out, limit, js, s + run, i - run) != 0)
                return nomem(p);
            if (c == '"') {
                p->i = i + 1;
                return CR_OK;
            } else {
                uint32_t cp = 0;
                unsigned char u[4];
                size_t n;
                cr_status st;
                p->i = i;
                st = scan_escape(p, &cp);
                if (st != CR_OK)
                    return st;
                if (cp == 0)
                    return cri_fail(p->err, CR_EBINARY, i,
                                    "\\u0000 (NUL) in string");
                if ((cp < 0x20 && !cri_is_space((unsigned char)cp)) ||
                    cp == 0x7F) {
                    if (js->first_ctrl == SIZE_MAX)
                        js->first_ctrl = i;
                    js->nctrl++;
                }
                if (cp < 0x80) {
                    u[0] = (unsigned char)cp;
                    n = 1;
                } else if (cp < 0x800) {
                    u[0] = (unsigned char)(0xC0 | cp >> 6);
                    u[1] = (unsigned char)(0x80 | (cp & 0x3F));
                    n = 2;
                } else if (cp < 0x10000) {
                    u[0] = (unsigned char)(0xE0 | cp >> 12);
                    u[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
                    u[2] = (unsigned char)(0x80 | (cp & 0x3F));
                    n = 3;
                } else {
                    u[0] = (unsigned char)(0xF0 | cp >> 18);
                    u[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
                    u[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
                    u[3] = (unsigned char)(0x80 | (cp & 0x3F));
                    n = 4;
                }
                if (emit(out, limit, js, u, n) != 0)
                    return nomem(p);
                i = run = p->i;
            }
        } else if (c < 0x20) {
            if (c == 0)
                return cri_fail(p->err, CR_EBINARY, i, "NUL byte in string");
            return cri_fail(p->err, CR_EJSON, i,
                            "raw control character 0x%02x in string (must "
                            "be escaped)",
                            c);
        } else if (c == 0x7F) {
            if (js->first_ctrl == SIZE_MAX)
                js->first_ctrl = i;
            js->nctrl++;
            i++;
        } else if (c >= 0x80) {
            size_t n = cri_utf8_seq(s, len, i);
            if (!n && cri_utf8_cut(s, len, i))
                return truncated(p);
            if (!n)
                return cri_utf8_fail(p->err, s, len, i, 0);
            i += n;
        } else {
            i++;
        }
    }
}

/* Scan a number per the RFC 8259 grammar; p->i ends past it. */
static cr_status scan_number(jp *p)
{
    const unsigned char *s = p->s;
    if (p->i < p->len && s[p->i] == '-')
        p->i++;
    if (p->i >= p->len)
        return truncated(p);
    if (s[p->i] == '0') {
        p->i++;
        if (p->i < p->len && s[p->i] >= '0' && s[p->i] <= '9')
            return cri_fail(p->err, CR_EJSON, p->i,
                            "leading zeros are not allowed in numbers");
    } else if (s[p->i] >= '1' && s[p->i] <= '9') {
        while (p->i < p->len && s[p->i] >= '0' && s[p->i] <= '9')
            p->i++;
    } else {
        return expected(p, "expected a digit in number");
    }
    if (p->i < p->len && s[p->i] == '.') {
        p->i++;
        if (p->i >= p->len || s[p->i] < '0' || s[p->i] > '9')
            return expected(p, "expected a digit after '.' in number");
        while (p->i < p->len && s[p->i] >= '0' && s[p->i] <= '9')
            p->i++;
    }
    if (p->i < p->len && (s[p->i] == 'e' || s[p->i] == 'E')) {
        p->i++;
        if (p->i < p->len && (s[p->i] == '+' || s[p->i] == '-'))
            p->i++;
        if (p->i >= p->len || s[p->i] < '0' || s[p->i] > '9')
            return expected(p, "expected a digit in number exponent");
        while (p->i < p->len && s[p->i] >= '0' && s[p->i] <= '9')
            p->i++;
    }
    return CR_OK;
}

/* Scan the literal word (true, false, null) at p->i. */
static cr_status scan_literal(jp *p, const char *word)
{
    size_t k, n = strlen(word);
    for (k = 0; k < n; k++) {
        if (p->i + k >= p->len)
            return truncated(p);
        if (p->s[p->i + k] != (unsigned char)word[k]) {
            p->i += k;
            return cri_fail(p->err, CR_EJSON, p->i,
                            "invalid literal, expected '%s'", word);
        }
    }
    p->i += n;
    return CR_OK;
}

/* Scan an object key at p->i and the ':' after it; the key is decoded into
 * p->key when it is short enough to be a known field. */
static cr_status scan_key(jp *p, jstr *js)
{
    cr_status st;
    if (p->i >= p->len || p->s[p->i] != '"')
        return expected(p, "expected '\"' to start an object key");
    p->key.len = 0;
    if (p->key.data)
        p->key.data[0] = '\0';
    st = scan_string(p, &p->key, KEY_MAX, js);
    if (st != CR_OK)
        return st;
    skip_ws(p);
    if (p->i >= p->len || p->s[p->i] != ':')
        return expected(p, "expected ':' after object key");
    p->i++;
    skip_ws(p);
    return CR_OK;
}

/* The error for a container that opens past lim->max_json_depth. */
static cr_status too_deep(jp *p)
{
    return cri_fail(p->err, CR_ELIMIT, p->i,
                    "JSON nested deeper than %d levels (--max-json-depth)",
                    p->lim->max_json_depth);
}

/* Validate and skip the value at p->i, which sits at nesting depth
 * `depth` (the top-level object's members are at depth 1; a container
 * there opens depth 2). Iterative, with p->stack for open containers. */
static cr_status skip_value(jp *p, int depth)
{
    cr_status st;
    jstr js;
    p->stack.len = 0;
    for (;;) {
        /* A value is expected at p->i. */
        unsigned c;
        skip_ws(p);
        if (p->i >= p->len)
            return truncated(p);
        c = p->s[p->i];
        if (c == '{' || c == '[') {
            if ((size_t)depth + p->stack.len + 1 >
                (size_t)(p->lim->max_json_depth < 0 ? 0
                                                    : p->lim->max_json_depth))
                return too_deep(p);
            if (cri_buf_putc(&p->stack, (char)c) != 0)
                return nomem(p);
            p->i++;
            skip_ws(p);
            if (p->i < p->len && p->s[p->i] == (c == '{' ? '}' : ']')) {
                p->i++;
                p->stack.len--;
            } else if (c == '{') {
                st = scan_key(p, &js);
                if (st != CR_OK)
                    return st;
                continue;
            } else {
                continue;
            }
        } else {
            if (c == '"')
                st = scan_string(p, NULL, 0, &js);
            else if (c == 't')
                st = scan_literal(p, "true");
            else if (c == 'f')
                st = scan_literal(p, "false");
            else if (c == 'n')
                st = scan_literal(p, "null");
            else if (c == '-' || (c >= '0' && c <= '9'))
                st = scan_number(p);
            else
                st = expected(p, "expected a JSON value");
            if (st != CR_OK)
                return st;
        }
        /* A value ended: close containers until one wants another value. */
        for (;;) {
            char top;
            if (p->stack.len == 0)
                return CR_OK;
            top = p->stack.data[p->stack.len - 1];
            skip_ws(p);
            if (p->i < p->len && p->s[p->i] == ',') {
                p->i++;
                skip_ws(p);
                if (top == '{') {
                    st = scan_key(p, &js);
                    if (st != CR_OK)
                        return st;
                }
                break;
            }
            if (p->i < p->len && p->s[p->i] == (top == '{' ? '}' : ']')) {
                p->i++;
                p->stack.len--;
                continue;
            }
            return expected(p, top == '{'
                                   ? "expected ',' or '}' after object member"
                                   : "expected ',' or ']' after array "
                                     "element");
        }
    }
}

/* ---- fields ------------------------------------------------------------ */

/* The known field a decoded key names, or F_UNKNOWN. */
static enum field key_field(const cri_buf *key, const jstr *js)
{
    int f;
    if (js->len > KEY_MAX || !key->data)
        return F_UNKNOWN;
    for (f = 0; f < F_COUNT; f++)
        if (strlen(field_names[f]) == js->len &&
            memcmp(field_names[f], key->data, js->len) == 0)
            return (enum field)f;
    return F_UNKNOWN;
}

/* The JSON type of a value starting with byte c, for messages. */
static const char *type_name(unsigned c)
{
    switch (c) {
    case '{': return "an object";
    case '[': return "an array";
    case 't':
    case 'f': return "a boolean";
    case 'n': return "null";
    case '"': return "a string";
    default: return "a number";
    }
}

/* Scan the value of known field f at p->i into fl. */
static cr_status scan_field(jp *p, enum field f, jfield *fl)
{
    const char *name = field_names[f];
    size_t limit = f == F_TEXT ? p->lim->max_article_bytes
                               : p->lim->max_field_bytes;
    unsigned c;
    cr_status st;
    jstr js;

    if (p->i >= p->len)
        return truncated(p);
    c = p->s[p->i];
    fl->off = p->i;
    fl->buf.len = 0;
    if (fl->buf.data)
        fl->buf.data[0] = '\0';
    if (c == 'n') {
        st = scan_literal(p, "null");
        if (st != CR_OK)
            return st;
        if (f == F_ID || f == F_TEXT)
            return cri_fail(p->err, CR_EFIELD, fl->off,
                            "field \"%s\" is null", name);
        fl->state = 1;
        return CR_OK;
    }
    if (f == F_ID && (c == '-' || (c >= '0' && c <= '9'))) {
        st = scan_number(p);
        if (st != CR_OK)
            return st;
        if (p->i - fl->off > limit)
            return cri_fail(p->err, CR_ELIMIT, fl->off,
                            "field \"id\" is %zu bytes, limit is %zu "
                            "(--max-field-bytes)",
                            p->i - fl->off, limit);
        if (cri_buf_append(&fl->buf, (const char *)p->s + fl->off,
                           p->i - fl->off) != 0)
            return nomem(p);
        fl->state = 3;
        return CR_OK;
    }
    if (c != '"') {
        if (c != '{' && c != '[' && c != 't' && c != 'f' && c != '-' &&
            (c < '0' || c > '9'))
            return expected(p, "expected a JSON value");
        return cri_fail(p->err, CR_EFIELD, fl->off,
                        "field \"%s\" must be a string%s, got %s", name,
                        f == F_ID ? " or a number" : "", type_name(c));
    }
    /* The text is most of a record: room for the rest of the line (its
     * decoded length is no more) saves growing the buffer step by step. */
    if (f == F_TEXT &&
        cri_buf_reserve(&fl->buf, p->len - p->i < limit ? p->len - p->i
                                                        : limit) != 0)
        return nomem(p);
    st = scan_string(p, &fl->buf, limit, &js);
    if (st != CR_OK)
        return st;
    if (js.len > limit) {
        if (f == F_TEXT)
            return cri_fail(p->err, CR_ELIMIT, fl->off,
                            "text is %zu bytes, limit is %zu "
                            "(--max-article-bytes)",
                            js.len, limit);
        return cri_fail(p->err, CR_ELIMIT, fl->off,
                        "field \"%s\" is %zu bytes, limit is %zu "
                        "(--max-field-bytes)",
                        name, js.len, limit);
    }
    if (cri_looks_binary(js.nctrl, js.len))
        return cri_fail(p->err, CR_EBINARY, js.first_ctrl,
                        "field \"%s\" looks binary: %zu control characters "
                        "in %zu bytes",
                        name, js.nctrl, js.len);
    if (js.len == 0 && f == F_ID)
        return cri_fail(p->err, CR_EFIELD, fl->off,
                        "field \"%s\" is empty", name);
    {
        size_t k = 0;
        while (k < js.len && cri_is_space((unsigned char)fl->buf.data[k]))
            k++;
        fl->blank = k == js.len;
    }
    fl->state = js.len ? 2 : 1;
    return CR_OK;
}

/* Reduce a language tag ("en", "EN-us", "pt_BR", "zh-Hant-TW") to its
 * lower-cased primary subtag in place; 0 when it is not such a tag. */
static int normalize_lang(char *s)
{
    size_t n = 0, k, sub;
    while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z'))
        n++;
    if (n < 2 || n > 3)
        return 0;
    k = n;
    while (s[k] == '-' || s[k] == '_') {
        k++;
        sub = 0;
        while ((s[k] >= 'a' && s[k] <= 'z') || (s[k] >= 'A' && s[k] <= 'Z') ||
               (s[k] >= '0' && s[k] <= '9')) {
            k++;
            sub++;
        }
        if (sub < 1 || sub > 8)
            return 0;
    }
    if (s[k] != '\0')
        return 0;
    for (k = 0; k < n; k++)
        if (s[k] >= 'A' && s[k] <= 'Z')
            s[k] = (char)(s[k] - 'A' + 'a');
    s[n] = '\0';
    return strcmp(s, "und") != 0;
}

/* Move the decoded fields into *a; takes the buffers. */
static cr_status build_article(jp *p, jfield *fl, cr_article *a)
{
    char **slot[F_COUNT];
    int f;
    slot[F_ID] = &a->id;
    slot[F_SOURCE] = &a->source;
    slot[F_URL] = &a->url;
    slot[F_TITLE] = &a->title;
    slot[F_LANG] = &a->lang;
    slot[F_PUBLISHED] = &a->published;
    slot[F_TEXT] = &a->text;

    if (fl[F_ID].state == 0)
        return cri_fail(p->err, CR_EFIELD, 0,
                        "missing required field \"id\"");
    if (fl[F_TEXT].state == 0)
        return cri_fail(p->err, CR_EFIELD, 0,
                        "missing required field \"text\"");
    if (fl[F_TEXT].blank) {
        /* A headline alone is an article (corpora such as ECB+ carry
         * one-sentence items); nothing at all is not. */
        if (fl[F_TITLE].state != 2 || fl[F_TITLE].blank)
            return cri_fail(p->err, CR_EEMPTY, fl[F_TEXT].off,
                            fl[F_TEXT].buf.len ? "text is whitespace only "
                                                 "and there is no title"
                                               : "text is empty and there "
                                                 "is no title");
        fl[F_TEXT].buf.len = 0;
        if (cri_buf_append(&fl[F_TEXT].buf, "", 0) != 0)
            return nomem(p);
        fl[F_TEXT].state = 2;
    }
    if (fl[F_PUBLISHED].state == 2) {
        char norm[CRI_DATE_MAX];
        const char *why = NULL;
        cri_buf *b = &fl[F_PUBLISHED].buf;
        if (cri_date_normalize(b->data, b->len, norm, &why) != 0)
            return cri_fail(p->err, CR_EDATE, fl[F_PUBLISHED].off,
                            "field \"published\": %s", why);
        b->len = 0;
        if (cri_buf_append(b, norm, strlen(norm)) != 0)
            return nomem(p);
        a->published_how = CR_DATE_GIVEN;
    }
    if (fl[F_LANG].state == 2 && !normalize_lang(fl[F_LANG].buf.data))
        fl[F_LANG].state = 1;
    for (f = 0; f < F_COUNT; f++) {
        if (fl[f].state >= 2) {
            *slot[f] = fl[f].buf.data;
            if (f == F_TEXT)
                a->text_len = fl[f].buf.len;
            fl[f].buf.data = NULL;
            fl[f].buf.len = fl[f].buf.cap = 0;
        }
    }
    return CR_OK;
}

cr_status cr_parse_jsonl(const char *line, size_t len, const cr_limits *lim,
                         cr_article *out, cr_error *err)
{
    jp p;
    jfield fl[F_COUNT];
    cr_article a;
    cr_status st = CR_OK;
    int f;

    memset(&p, 0, sizeof p);
    memset(fl, 0, sizeof fl);
    memset(&a, 0, sizeof a);
    if (out)
        memset(out, 0, sizeof *out);
    if (!out || (!line && len))
        return cri_fail(err, CR_EINVAL, 0, "invalid argument");
    p.s = (const unsigned char *)(line ? line : "");
    p.len = len;
    p.lim = cri_limits(lim);
    p.err = err;

    if (len > p.lim->max_line_bytes) {
        st = cri_fail(err, CR_ELIMIT, p.lim->max_line_bytes,
                      "record is %zu bytes, limit is %zu (--max-line-bytes)",
                      len, p.lim->max_line_bytes);
        goto done;
    }
    if (len >= 3 && p.s[0] == 0xEF && p.s[1] == 0xBB && p.s[2] == 0xBF)
        p.i = 3;
    skip_ws(&p);
    if (p.i >= len) {
        st = cri_fail(err, CR_EJSON, p.i, "empty line, expected a JSON "
                                          "object");
        goto done;
    }
    if (p.s[p.i] != '{') {
        st = expected(&p, "expected '{': a record is one JSON object");
        goto done;
    }
    if (p.lim->max_json_depth < 1) {
        st = too_deep(&p);
        goto done;
    }
    p.i++;
    skip_ws(&p);
    if (p.i < len && p.s[p.i] == '}') {
        p.i++;
    } else {
        for (;;) {
            jstr js;
            enum field which;
            st = scan_key(&p, &js);
            if (st != CR_OK)
                goto done;
            which = key_field(&p.key, &js);
            if (which == F_UNKNOWN)
                st = skip_value(&p, 1);
            else
                st = scan_field(&p, which, &fl[which]);
            if (st != CR_OK)
                goto done;
            skip_ws(&p);
            if (p.i < len && p.s[p.i] == ',') {
                p.i++;
                skip_ws(&p);
                continue;
            }
            if (p.i < len && p.s[p.i] == '}') {
                p.i++;
                break;
            }
            st = expected(&p, "expected ',' or '}' after object member");
            goto done;
        }
    }
    skip_ws(&p);
    if (p.i < len) {
        st = expected(&p, "unexpected data after the JSON object");
        goto done;
    }
    st = build_article(&p, fl, &a);
    if (st != CR_OK)
        goto done;
    *out = a;
    memset(&a, 0, sizeof a);

done:
    cr_article_clear(&a);
    for (f = 0; f < F_COUNT; f++)
        cri_buf_free(&fl[f].buf);
    cri_buf_free(&p.stack);
    cri_buf_free(&p.key);
    return st;
}
