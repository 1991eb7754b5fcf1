/*
 * quote_metrics.c — the gold attribution reader and the quotation scores
 * of `crossread eval quotes`. See quote_metrics.h for what is counted.
 */
#include "quote_metrics.h"
#include "dup_metrics.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Lines of attributions.jsonl longer than this are an error. */
#define QM_MAX_LINE (16u << 20)
/* Deepest JSON nesting read (the format needs 5). */
#define QM_MAX_DEPTH 64

struct qm_gold {
    qm_record *rec;
    size_t n, cap;
    dup_map *first;          /* id -> index + 1 of its first record */
};

/* ---- a strict reader for one JSON line ---------------------------------- */

typedef struct jr {
    const char *p, *end;
    const char *bad;         /* what went wrong, NULL while all is well */
    int depth;
} jr;

static int j_fail(jr *r, const char *why)
{
    if (!r->bad)
        r->bad = why;
    return -1;
}

static void j_ws(jr *r)
{
    while (r->p < r->end && (*r->p == ' ' || *r->p == '\t' || *r->p == '\n' ||
                             *r->p == '\r'))
        r->p++;
}

static int j_peek(jr *r)
{
    j_ws(r);
    return r->p < r->end ? (unsigned char)*r->p : -1;
}

static int j_expect(jr *r, char c)
{
    if (j_peek(r) != (unsigned char)c)
        return j_fail(r, c == ':' ? "expected ':'" : "malformed JSON");
    r->p++;
    return 0;
}

static int hexval(int c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

/* A string at r->p: validated, and decoded into *out (malloc'd, NUL-
 * terminated) when out is not NULL. \u escapes become UTF-8 (a lone
 * surrogate becomes U+FFFD). */
static int j_string(jr *r, char **out)
{
    const char *s;
    char *buf = NULL, *w = NULL;
    if (j_peek(r) != '"')
        return j_fail(r, "expected a string");
    s = ++r->p;
    while (r->p < r->end && *r->p != '"') {
        if ((unsigned char)*r->p < 0x20)
            return j_fail(r, "control character in a string");
        if (*r->p == '\\' && r->end - r->p > 1)
            r->p++;
        r->p++;
    }
    if (r->p >= r->end)
        return j_fail(r, "unterminated string");
    if (out) {
        buf = w = malloc((size_t)(r->p - s) + 1);
        if (!buf)
            return j_fail(r, "out of memory");
    }
    while (s < r->p) {
        unsigned long cp;
        int k;
        if (*s != '\\') {
            if (w)
                *w++ = *s;
            s++;
            continue;
        }
        s++;
        switch (*s) {
        case '"': case '\\': case '/': cp = (unsigned char)*s; break;
        case 'b': cp = '\b'; break;
        case 'f': cp = '\f'; break;
        case 'n': cp = '\n'; break;
        case 'r': cp = '\r'; break;
        case 't': cp = '\t'; break;
        case 'u':
            if (r->p - s < 5) {
                free(buf);
                return j_fail(r, "bad \\u escape");
            }
            for (cp = 0, k = 1; k <= 4; k++) {
                int h = hexval((unsigned char)s[k]);
                if (h < 0) {
                    free(buf);
                    return j_fail(r, "bad \\u escape");
                }
                cp = cp * 16 + (unsigned long)h;
            }
            s += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && r->p - s >= 7 && s[1] == '\\' &&
                s[2] == 'u') {
                unsigned long lo = 0;
                for (k = 3; k <= 6 && hexval((unsigned char)s[k]) >= 0; k++)
                    lo = lo * 16 + (unsigned long)hexval((unsigned char)s[k]);
                if (k == 7 && lo >= 0xDC00 && lo < 0xE000) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                    s += 6;
                }
            }
            if (cp >= 0xD800 && cp < 0xE000)
                cp = 0xFFFD;
            break;
        default:
            free(buf);
            return j_fail(r, "bad escape in a string");
        }
        s++;
        if (!w)
            continue;
        if (cp < 0x80) {
            *w++ = (char)cp;
        } else if (cp < 0x800) {
            *w++ = (char)(0xC0 | (cp >> 6));
            *w++ = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            *w++ = (char)(0xE0 | (cp >> 12));
            *w++ = (char)(0x80 | ((cp >> 6) & 0x3F));
            *w++ = (char)(0x80 | (cp & 0x3F));
        } else {
            *w++ = (char)(0xF0 | (cp >> 18));
            *w++ = (char)(0x80 | ((cp >> 12) & 0x3F));
            *w++ = (char)(0x80 | ((cp >> 6) & 0x3F));
            *w++ = (char)(0x80 | (cp & 0x3F));
        }
    }
    r->p++;
    if (w)
        *w = '\0';
    if (out)
        *out = buf;
    return 0;
}

/* A number; *v (may be NULL) receives it when it is a whole number that
 * fits a long long, else the call fails when v is not NULL. */
static int j_number(jr *r, long long *v)
{
    const char *s;
    int whole = 1;
    j_ws(r);
    s = r->p;
    if (r->p < r->end && *r->p == '-')
        r->p++;
    if (r->p >= r->end || *r->p < '0' || *r->p > '9')
        return j_fail(r, "malformed JSON");
    while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
        r->p++;
    if (r->p < r->end && *r->p == '.') {
        whole = 0;
        r->p++;
        if (r->p >= r->end || *r->p < '0' || *r->p > '9')
            return j_fail(r, "malformed number");
        while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
            r->p++;
    }
    if (r->p < r->end && (*r->p == 'e' || *r->p == 'E')) {
        whole = 0;
        r->p++;
        if (r->p < r->end && (*r->p == '+' || *r->p == '-'))
            r->p++;
        if (r->p >= r->end || *r->p < '0' || *r->p > '9')
            return j_fail(r, "malformed number");
        while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
            r->p++;
    }
    if (!v)
        return 0;
    if (!whole || r->p - s > 18)
        return j_fail(r, "expected a whole number");
    {
        char tmp[24];
        memcpy(tmp, s, (size_t)(r->p - s));
        tmp[r->p - s] = '\0';
        *v = strtoll(tmp, NULL, 10);
    }
    return 0;
}

static int j_literal(jr *r, const char *word)
{
    size_t l = strlen(word);
    j_ws(r);
    if ((size_t)(r->end - r->p) < l || memcmp(r->p, word, l) != 0)
        return j_fail(r, "malformed JSON");
    r->p += l;
    return 0;
}

/* Step into an object or array: '{' or '['. */
static int j_open(jr *r, char c)
{
    if (j_peek(r) != (unsigned char)c)
        return j_fail(r, c == '{' ? "expected an object" : "expected an array");
    if (++r->depth > QM_MAX_DEPTH)
        return j_fail(r, "nested too deep");
    r->p++;
    return 0;
}

/* The next member of an object opened by j_open: 1 with its key in *key
 * (malloc'd) and r->p at the value, 0 at the closing brace, -1 on error.
 * *first is 1 before the first member. */
static int j_member(jr *r, int *first, char **key)
{
    int c = j_peek(r);
    if (c == '}') {
        r->p++;
        r->depth--;
        return 0;
    }
    if (!*first && j_expect(r, ','))
        return -1;
    *first = 0;
    if (j_string(r, key))
        return -1;
    if (j_expect(r, ':')) {
        free(*key);
        return -1;
    }
    return 1;
}

/* The next element of an array opened by j_open: 1 at an element, 0 at
 * the closing bracket, -1 on error. */
static int j_element(jr *r, int *first)
{
    int c = j_peek(r);
    if (c == ']') {
        r->p++;
        r->depth--;
        return 0;
    }
    if (!*first && j_expect(r, ','))
        return -1;
    *first = 0;
    return j_peek(r) < 0 ? j_fail(r, "truncated JSON") : 1;
}

static int j_skip(jr *r)
{
    int c = j_peek(r), first = 1, k;
    char *key;
    switch (c) {
    case '"': return j_string(r, NULL);
    case 't': return j_literal(r, "true");
    case 'f': return j_literal(r, "false");
    case 'n': return j_literal(r, "null");
    case '{':
        if (j_open(r, '{'))
            return -1;
        while ((k = j_member(r, &first, &key)) > 0) {
            free(key);
            if (j_skip(r))
                return -1;
        }
        return k;
    case '[':
        if (j_open(r, '['))
            return -1;
        while ((k = j_element(r, &first)) > 0)
            if (j_skip(r))
                return -1;
        return k;
    case -1: return j_fail(r, "truncated JSON");
    default: return j_number(r, NULL);
    }
}

/* ---- the gold ----------------------------------------------------------- */

/* Make room for element n of the array *p of *cap elements of `size`
 * bytes, doubling from 16. 0, or -1 when out of memory (*p unchanged). */
static int grow(void *p, size_t *cap, size_t n, size_t size)
{
    void **arr = p, *na;
    size_t nc;
    if (n < *cap)
        return 0;
    nc = *cap ? *cap * 2 : 16;
    if (!(na = realloc(*arr, nc * size)))
        return -1;
    *arr = na;
    *cap = nc;
    return 0;
}

static int push_span(qm_record *rec, size_t *cap, size_t s, size_t e)
{
    if (grow(&rec->spans, cap, rec->nspans, sizeof *rec->spans))
        return -1;
    rec->spans[rec->nspans].s = s;
    rec->spans[rec->nspans].e = e;
    rec->nspans++;
    return 0;
}

/* {"bytes": [[s, e], ...], ...} → spans appended to rec; *n counts them. */
static int read_piece(jr *r, qm_record *rec, size_t *cap, size_t *n)
{
    int first = 1, k;
    char *key;
    if (j_peek(r) == 'n')
        return j_literal(r, "null"); /* no source */
    if (j_open(r, '{'))
        return -1;
    while ((k = j_member(r, &first, &key)) > 0) {
        int isbytes = strcmp(key, "bytes") == 0, f2 = 1, k2;
        free(key);
        if (!isbytes) {
            if (j_skip(r))
                return -1;
            continue;
        }
        if (j_open(r, '['))
            return -1;
        while ((k2 = j_element(r, &f2)) > 0) {
            long long s, e;
            int f3 = 1;
            if (j_open(r, '[') || j_element(r, &f3) != 1 || j_number(r, &s) ||
                j_element(r, &f3) != 1 || j_number(r, &e))
                return j_fail(r, "a span is not [start, end]");
            if (j_element(r, &f3) != 0)
                return j_fail(r, "a span is not [start, end]");
            if (s < 0 || e < s || e > (long long)UINT32_MAX)
                return j_fail(r, "a span with end before start or out of range");
            if (push_span(rec, cap, (size_t)s, (size_t)e))
                return j_fail(r, "out of memory");
            (*n)++;
        }
        if (k2 < 0)
            return -1;
    }
    return k;
}

static int read_attr(jr *r, qm_record *rec, size_t *scap, qm_attr *a)
{
    int first = 1, k;
    char *key;
    memset(a, 0, sizeof *a);
    if (j_open(r, '{'))
        return -1;
    a->content = a->source = rec->nspans;
    /* content and source may come in either order: read both into the
       record's spans, remembering where each began */
    while ((k = j_member(r, &first, &key)) > 0) {
        int rc = 0;
        if (strcmp(key, "content") == 0) {
            size_t at = rec->nspans, n = 0;
            rc = read_piece(r, rec, scap, &n);
            a->content = at;
            a->ncontent = n;
        } else if (strcmp(key, "source") == 0) {
            size_t at = rec->nspans, n = 0;
            rc = read_piece(r, rec, scap, &n);
            a->source = at;
            a->nsource = n;
        } else if (strcmp(key, "direct") == 0) {
            if (j_peek(r) == 't')
                rc = j_literal(r, "true"), a->direct = 1;
            else
                rc = j_literal(r, "false");
            if (rc)
                j_fail(r, "\"direct\" is not a boolean");
        } else {
            rc = j_skip(r);
        }
        free(key);
        if (rc)
            return -1;
    }
    return k;
}

static int read_record(jr *r, qm_record *rec)
{
    int first = 1, k, have_attrs = 0;
    char *key;
    size_t acap = 0, scap = 0;
    if (j_open(r, '{'))
        return -1;
    while ((k = j_member(r, &first, &key)) > 0) {
        int rc = 0;
        if (strcmp(key, "id") == 0) {
            free(rec->id);
            rec->id = NULL;
            rc = j_string(r, &rec->id);
        } else if (strcmp(key, "attributions") == 0) {
            int f2 = 1, k2;
            have_attrs = 1;
            if (j_open(r, '[')) {
                free(key);
                return -1;
            }
            while ((k2 = j_element(r, &f2)) > 0) {
                if (grow(&rec->attrs, &acap, rec->nattrs, sizeof *rec->attrs)) {
                    free(key);
                    return j_fail(r, "out of memory");
                }
                if (read_attr(r, rec, &scap, &rec->attrs[rec->nattrs])) {
                    free(key);
                    return -1;
                }
                rec->nattrs++;
            }
            rc = k2;
        } else {
            rc = j_skip(r);
        }
        free(key);
        if (rc)
            return -1;
    }
    if (k < 0)
        return -1;
    if (!rec->id)
        return j_fail(r, "no \"id\" string");
    if (!have_attrs)
        return j_fail(r, "no \"attributions\" array");
    if (j_peek(r) >= 0)
        return j_fail(r, "more after the object");
    return 0;
}

static void record_clear(qm_record *rec)
{
    free(rec->id);
    free(rec->attrs);
    free(rec->spans);
    memset(rec, 0, sizeof *rec);
}

void qm_gold_free(qm_gold *g)
{
    size_t i;
    if (!g)
        return;
    for (i = 0; i < g->n; i++)
        record_clear(&g->rec[i]);
    free(g->rec);
    dup_map_free(g->first);
    free(g);
}

qm_gold *qm_gold_new(void)
{
    qm_gold *g = calloc(1, sizeof *g);
    if (g && !(g->first = dup_map_new())) {
        free(g);
        g = NULL;
    }
    return g;
}

int qm_gold_add_line(qm_gold *g, const char *line, size_t len, size_t *col,
                     const char **why)
{
    qm_record rec;
    jr r;
    int64_t *slot;

    memset(&rec, 0, sizeof rec);
    memset(&r, 0, sizeof r);
    r.p = line;
    r.end = line + len;
    *col = 0;
    if (len > QM_MAX_LINE) {
        *why = "line too long";
        return -1;
    }
    if (j_peek(&r) < 0)
        return 0; /* blank */
    if (read_record(&r, &rec) != 0) {
        *why = r.bad ? r.bad : "malformed JSON";
        *col = (size_t)(r.p - line) + 1;
        goto fail;
    }
    *why = "out of memory";
    if (grow(&g->rec, &g->cap, g->n, sizeof *g->rec))
        goto fail;
    rec.next = -1;
    if (!(slot = dup_map_slot(g->first, rec.id, 1)))
        goto fail;
    if (*slot == 0) {
        *slot = (int64_t)g->n + 1;
    } else {
        long k = (long)*slot - 1;
        while (g->rec[k].next >= 0)
            k = g->rec[k].next;
        g->rec[k].next = (long)g->n;
    }
    g->rec[g->n++] = rec;
    *why = NULL;
    return 0;
fail:
    record_clear(&rec);
    return -1;
}

qm_gold *qm_gold_load(const char *path, char *msg, size_t cap)
{
    FILE *f = fopen(path, "r");
    qm_gold *g = f ? qm_gold_new() : NULL;
    char *line = NULL;
    size_t lcap = 0, col;
    ssize_t len;
    long lineno = 0;
    const char *why = NULL;

    if (!g) {
        snprintf(msg, cap, "%s: %s", path, f ? "out of memory" : strerror(errno));
        goto fail;
    }
    while ((len = getline(&line, &lcap, f)) >= 0) {
        lineno++;
        if (qm_gold_add_line(g, line, (size_t)len, &col, &why) != 0) {
            if (col)
                snprintf(msg, cap, "%s:%ld:%zu: %s", path, lineno, col, why);
            else
                snprintf(msg, cap, "%s:%ld: %s", path, lineno, why);
            goto fail;
        }
    }
    if (ferror(f)) {
        snprintf(msg, cap, "%s: %s", path, strerror(errno));
        goto fail;
    }
    free(line);
    fclose(f);
    return g;
fail:
    free(line);
    if (f)
        fclose(f);
    qm_gold_free(g);
    return NULL;
}

qm_record *qm_gold_find(qm_gold *g, const char *id)
{
    int64_t *slot = dup_map_slot(g->first, id, 0);
    return slot ? &g->rec[*slot - 1] : NULL;
}

qm_record *qm_gold_records(qm_gold *g, size_t *n)
{
    *n = g->n;
    return g->rec;
}

int qm_record_fits(const qm_record *r, size_t len)
{
    size_t i;
    for (i = 0; i < r->nspans; i++)
        if (r->spans[i].e > len)
            return -1;
    return 0;
}

/* ---- matching ----------------------------------------------------------- */

/* Width of a quote mark at p[i] (" ' ` “ ” ‘ ’ « »), or 0. */
static int mark_at(const unsigned char *p, size_t i, size_t e)
{
    if (p[i] == '"' || p[i] == '\'' || p[i] == '`')
        return 1;
    if (i + 3 <= e && p[i] == 0xE2 && p[i + 1] == 0x80 &&
        (p[i + 2] == 0x9C || p[i + 2] == 0x9D || p[i + 2] == 0x98 ||
         p[i + 2] == 0x99))
        return 3;
    if (i + 2 <= e && p[i] == 0xC2 && (p[i + 1] == 0xAB || p[i + 1] == 0xBB))
        return 2;
    return 0;
}

static int is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
           c == '\f';
}

/* Trim spaces and quote marks at both ends, and , ; : at the end. */
static qm_span trim(const char *text, size_t len, qm_span s)
{
    const unsigned char *p = (const unsigned char *)text;
    int w, changed = 1;
    if (s.e > len)
        s.e = len;
    while (changed && s.s < s.e) {
        unsigned char last = p[s.e - 1];
        changed = 1;
        if (is_space(p[s.s]))
            s.s++;
        else if ((w = mark_at(p, s.s, s.e)) > 0)
            s.s += (size_t)w;
        else if (is_space(last) || last == ',' || last == ';' || last == ':' ||
                 last == '"' || last == '\'')
            s.e--;
        else if (s.e - s.s >= 3 && p[s.e - 3] == 0xE2 && p[s.e - 2] == 0x80 &&
                 (last == 0x9D || last == 0x99 || last == 0x9C))
            s.e -= 3;
        else if (s.e - s.s >= 2 && p[s.e - 2] == 0xC2 && last == 0xBB)
            s.e -= 2;
        else
            changed = 0;
    }
    return s;
}

static int overlaps(qm_span a, qm_span b)
{
    return a.s < b.e && b.s < a.e;
}

static void lower_ascii(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z')
            *s = (char)(*s - 'A' + 'a');
        else if (*s == '-')
            *s = ' ';
}

/* The last space-separated word of s (three bytes or more) inside t. */
static int last_word_in(const char *s, const char *t)
{
    const char *w = strrchr(s, ' ');
    w = w ? w + 1 : s;
    return strlen(w) >= 3 && strstr(t, w) != NULL;
}

/* Does the predicted canonical name name the gold source's person? */
static int same_name(const char *text, const qm_record *r, const qm_attr *g,
                     const char *name)
{
    char gs[512], nm[256];
    size_t gl = 0, i, k;
    if (!name || g->nsource == 0)
        return 0;
    for (k = 0; k < g->nsource; k++) {
        const qm_span *sp = &r->spans[g->source + k];
        for (i = sp->s; i < sp->e && gl + 1 < sizeof gs; i++)
            gs[gl++] = text[i];
    }
    gs[gl] = '\0';
    for (i = 0; name[i] && i + 1 < sizeof nm; i++)
        nm[i] = name[i];
    nm[i] = '\0';
    lower_ascii(gs);
    lower_ascii(nm);
    return last_word_in(nm, gs) || last_word_in(gs, nm);
}

static int speaker_right(const char *text, const qm_record *r,
                         const qm_attr *g, const cr_quote *q)
{
    size_t k;
    qm_span sp;
    sp.s = q->speaker.start;
    sp.e = q->speaker.end;
    for (k = 0; k < g->nsource && q->has_speaker; k++)
        if (overlaps(sp, r->spans[g->source + k]))
            return 1;
    return same_name(text, r, g, q->name);
}

static void print_span(FILE *f, const char *text, size_t s, size_t e)
{
    size_t i;
    if (e - s > 160)
        e = s + 160;
    for (i = s; i < e; i++)
        putc(text[i] == '\n' ? ' ' : text[i], f);
}

void qm_score(const char *text, size_t len, const cr_quote *q, size_t nq,
              const qm_record *r, int direct_only, unsigned kinds,
              qm_counts *c, FILE *errors)
{
    size_t i, j, a, k;

    /* predictions: each utterance (a root of cont links) with its pieces */
    for (i = 0; i < nq; i++) {
        int ov = 0, ex = 0;
        const qm_attr *hit = NULL;
        if (!(QM_KIND(q[i].kind) & kinds) || q[i].cont >= 0)
            continue;
        c->pred++;
        for (j = i; j < nq; j++) {
            size_t root = j;
            qm_span ps;
            while (q[root].cont >= 0)
                root = (size_t)q[root].cont;
            if (root != i)
                continue;
            ps.s = q[j].start;
            ps.e = q[j].end;
            ps = trim(text, len, ps);
            for (a = 0; a < r->nattrs; a++) {
                const qm_attr *g = &r->attrs[a];
                if (direct_only && !g->direct)
                    continue;
                for (k = 0; k < g->ncontent; k++) {
                    qm_span gp = r->spans[g->content + k];
                    qm_span gt = trim(text, len, gp);
                    if (overlaps(ps, gp)) {
                        ov = 1;
                        if (!hit)
                            hit = g;
                    }
                    if (gt.s == ps.s && gt.e == ps.e)
                        ex = 1;
                }
            }
        }
        c->pred_ok_ov += ov;
        c->pred_ok_ex += ex;
        if (!hit) {
            if (errors) {
                fprintf(errors, "FALSE   %s: ", r->id);
                print_span(errors, text, q[i].start, q[i].end);
                putc('\n', errors);
            }
            continue;
        }
        c->spk_n++;
        c->spk_none += !q[i].has_speaker;
        if (speaker_right(text, r, hit, &q[i])) {
            c->spk_ok++;
        } else if (errors) {
            fprintf(errors, "SPEAKER %s: predicted \"", r->id);
            print_span(errors, text, q[i].speaker.start, q[i].speaker.end);
            fprintf(errors, "\" (%s), gold \"", q[i].name ? q[i].name : "-");
            if (hit->nsource)
                print_span(errors, text, r->spans[hit->source].s,
                           r->spans[hit->source].e);
            fputs("\": ", errors);
            print_span(errors, text, q[i].start,
                       q[i].end < q[i].start + 60 ? q[i].end : q[i].start + 60);
            putc('\n', errors);
        }
    }

    /* gold attributions */
    for (a = 0; a < r->nattrs; a++) {
        const qm_attr *g = &r->attrs[a];
        int ov = 0, ex = 0, fr = 0;
        if (direct_only && !g->direct)
            continue;
        c->gold++;
        for (k = 0; k < g->ncontent; k++) {
            qm_span gp = r->spans[g->content + k];
            qm_span gt = trim(text, len, gp);
            for (i = 0; i < nq; i++) {
                qm_span ps;
                ps.s = q[i].start;
                ps.e = q[i].end;
                if (!overlaps(ps, gp))
                    continue;
                if (!(QM_KIND(q[i].kind) & kinds)) {
                    fr = 1;
                    continue;
                }
                ov = 1;
                ps = trim(text, len, ps);
                if (ps.s == gt.s && ps.e == gt.e)
                    ex = 1;
            }
        }
        c->gold_ok_ov += ov;
        c->gold_ok_ex += ex;
        c->frag_on_gold += !ov && fr;
        if (!ov && errors && g->ncontent) {
            fprintf(errors, "MISS    %s: ", r->id);
            print_span(errors, text, r->spans[g->content].s,
                       r->spans[g->content].e);
            putc('\n', errors);
        }
    }
}

qm_prf qm_prf_of(long ok_pred, long pred, long ok_gold, long gold)
{
    qm_prf x;
    x.p = pred ? (double)ok_pred / (double)pred : 0.0;
    x.r = gold ? (double)ok_gold / (double)gold : 0.0;
    x.f1 = x.p + x.r > 0 ? 2 * x.p * x.r / (x.p + x.r) : 0.0;
    return x;
}
