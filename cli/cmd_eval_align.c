/*
 * cmd_eval_align.c — `crossread eval align FILE`: how well the comparison
 * finds the same quotation in two independent renderings of one text.
 *
 * FILE holds JSON Lines {"line": N, "a": "...", "b": "..."}: a sentence
 * with quotations as rendered by translator a and by translator b (the
 * shape of ../shared/data/translations/de-en.jsonl). For each line, the a
 * sentence is compared (cr_compare, as `crossread compare` does) with the b
 * renderings of that line and of its neighbours — the surrounding
 * sentences of the same text, often the same speaker — as distractors.
 * Each direct quotation of a either joins a quotation of b (a prediction,
 * right when it is one of the b quotations of the same line) or none.
 * Prints precision (right / predicted) and recall (right / a quotations
 * whose line has a b quotation).
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

#define ALIGN_NEIGHBOURS 3   /* b lines on each side as distractors */
#define ALIGN_MAX_GAP 12     /* ... when their line numbers are this close */

static const char help[] =
    "Usage: crossread eval align [--json] [--verbose] FILE\n"
    "\n"
    "Score quotation alignment across two renderings of the same sentences.\n"
    "FILE is JSON Lines {\"line\":N,\"a\":TEXT,\"b\":TEXT} (e.g.\n"
    "../shared/data/translations/de-en.jsonl: German news sentences with\n"
    "quotations, translated into English by two translators). Each a\n"
    "sentence is compared with the b sentences of its line and of up to 3\n"
    "neighbouring lines (distractors), exactly as `crossread compare` aligns\n"
    "quotations. Prints precision and recall of the a quotations' matches.\n"
    "\n"
    "Options:\n"
    "  --json       one JSON object\n"
    "  --verbose    print every miss and every wrong match on stderr\n";

typedef struct item {
    long line;
    char *a, *b;
    size_t alen, blen;
} item;

/* Write code point cp as UTF-8 at o; returns bytes written. */
static size_t put_utf8(char *o, unsigned cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | cp >> 6);
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | cp >> 12);
        o[1] = (char)(0x80 | (cp >> 6 & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | cp >> 18);
    o[1] = (char)(0x80 | (cp >> 12 & 0x3F));
    o[2] = (char)(0x80 | (cp >> 6 & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

static int hex4(const char *p, unsigned *out)
{
    unsigned v = 0;
    int i;
    for (i = 0; i < 4; i++) {
        char ch = p[i];
        v <<= 4;
        if (ch >= '0' && ch <= '9') v |= (unsigned)(ch - '0');
        else if (ch >= 'a' && ch <= 'f') v |= (unsigned)(ch - 'a' + 10);
        else if (ch >= 'A' && ch <= 'F') v |= (unsigned)(ch - 'A' + 10);
        else return -1;
    }
    *out = v;
    return 0;
}

/* Decode the JSON string whose opening quote is at p into a new
 * NUL-terminated buffer (decoding never lengthens a JSON string). NULL on a
 * malformed string. */
static char *json_string(const char *p, const char *end, size_t *len)
{
    char *out = malloc((size_t)(end - p) + 1), *o = out;
    if (!out || p >= end || *p++ != '"')
        goto bad;
    while (p < end && *p != '"') {
        unsigned cp;
        if (*p != '\\') {
            *o++ = *p++;
            continue;
        }
        if (++p >= end)
            goto bad;
        switch (*p) {
        case 'n': cp = '\n'; break;
        case 't': cp = '\t'; break;
        case 'r': cp = '\r'; break;
        case 'b': cp = '\b'; break;
        case 'f': cp = '\f'; break;
        case 'u':
            if (end - p < 5 || hex4(p + 1, &cp))
                goto bad;
            p += 4;
            if (cp >= 0xD800 && cp < 0xDC00) {
                unsigned lo;
                if (end - p < 7 || p[1] != '\\' || p[2] != 'u' ||
                    hex4(p + 3, &lo) || lo < 0xDC00 || lo >= 0xE000)
                    goto bad;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                p += 6;
            } else if (cp >= 0xDC00 && cp < 0xE000) {
                goto bad;
            }
            break;
        default: cp = (unsigned char)*p;
        }
        o += put_utf8(o, cp);
        p++;
    }
    if (p >= end)
        goto bad;
    *o = '\0';
    *len = (size_t)(o - out);
    return out;
bad:
    free(out);
    return NULL;
}

/* The value of "key" in a flat JSON object line: a string (decoded, new
 * buffer) or, with num set, a number into *num. -1 when absent or bad. */
static int field(const char *line, size_t n, const char *key, char **str,
                 size_t *slen, long *num)
{
    const char *end = line + n, *p = line;
    size_t kl = strlen(key);
    while ((p = memchr(p, '"', (size_t)(end - p))) != NULL) {
        const char *q = p + 1;
        if ((size_t)(end - q) > kl && memcmp(q, key, kl) == 0 &&
            q[kl] == '"') {
            q += kl + 1;
            while (q < end && (*q == ' ' || *q == ':' || *q == '\t'))
                q++;
            if (num) {
                char *e;
                *num = strtol(q, &e, 10);
                return e == q ? -1 : 0;
            }
            *str = json_string(q, end, slen);
            return *str ? 0 : -1;
        }
        /* skip this string */
        for (q = p + 1; q < end && *q != '"'; q++)
            if (*q == '\\')
                q++;
        p = q + 1;
        if (p >= end)
            break;
    }
    return -1;
}

/* The direct quotations (statements and fragments) of text. */
static size_t direct(const cr_quote *q, size_t n)
{
    size_t i, k = 0;
    for (i = 0; i < n; i++)
        k += q[i].kind != CR_QUOTE_INDIRECT;
    return k;
}

typedef struct tally {
    long gold, predicted, right, aquotes;
} tally;

/* Compare line i's a against the b renderings around it. */
static cr_status score_line(const item *it, size_t nit, size_t i,
                            const cli_opts *o, tally *t)
{
    size_t lo = i, hi = i + 1, k, nq, ng, g, m, nbq = 0, rank_a = 0;
    cr_compare *c = NULL;
    cr_article a, b;
    cr_error err;
    char *btext = NULL;
    size_t blen = 0, bstart = 0, bend = 0;
    const cr_quote *aq, *bq;
    const cr_cmp_group *gr;
    cr_status rc;

    while (lo > 0 && i - lo < ALIGN_NEIGHBOURS &&
           labs(it[lo - 1].line - it[i].line) <= ALIGN_MAX_GAP)
        lo--;
    while (hi < nit && hi - i <= ALIGN_NEIGHBOURS &&
           labs(it[hi].line - it[i].line) <= ALIGN_MAX_GAP)
        hi++;
    for (k = lo; k < hi; k++)
        blen += it[k].blen + 2;
    btext = malloc(blen + 1);
    if (!btext)
        return CR_ENOMEM;
    blen = 0;
    for (k = lo; k < hi; k++) {
        if (k == i)
            bstart = blen;
        memcpy(btext + blen, it[k].b, it[k].blen);
        blen += it[k].blen;
        if (k == i)
            bend = blen;
        memcpy(btext + blen, "\n\n", 2);
        blen += 2;
    }
    btext[blen] = '\0';
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    memset(&err, 0, sizeof err);
    a.id = (char *)"a";
    a.text = it[i].a;
    a.text_len = it[i].alen;
    a.lang = (char *)"en";
    b.id = (char *)"b";
    b.text = btext;
    b.text_len = blen;
    b.lang = (char *)"en";
    if ((rc = cr_compare_new(NULL, &c)) != CR_OK ||
        (rc = cr_compare_add(c, &a, &o->lim, &err)) != CR_OK ||
        (rc = cr_compare_add(c, &b, &o->lim, &err)) != CR_OK ||
        (rc = cr_compare_run(c, &err)) != CR_OK)
        goto done;
    aq = cr_compare_quotes(c, 0, &nq);
    bq = cr_compare_quotes(c, 1, &k);
    {
        size_t j;
        for (j = 0; j < k; j++)
            nbq += bq[j].kind != CR_QUOTE_INDIRECT && bq[j].start >= bstart &&
                   bq[j].end <= bend;
    }
    gr = cr_compare_quote_groups(c, &ng);
    for (g = 0; g < ng; g++) {
        const cr_cmp_ref *ra = NULL, *rb = NULL;
        for (m = 0; m < gr[g].n; m++) {
            if (gr[g].members[m].article == 0)
                ra = &gr[g].members[m];
            else
                rb = &gr[g].members[m];
        }
        if (!ra)
            continue;
        t->aquotes++;
        t->gold += nbq > 0;
        if (!rb) {
            if (o->verbose && nbq)
                fprintf(stderr, "line %ld: no match for \"%.*s\"\n",
                        it[i].line, (int)(ra->span.end - ra->span.start),
                        it[i].a + ra->span.start);
            continue;
        }
        t->predicted++;
        /* right: inside line i's b; when a and b have as many direct
         * quotations, the one in the same place */
        if (rb->span.start >= bstart && rb->span.end <= bend) {
            size_t na = direct(aq, nq), j, rb_rank = 0;
            int ok = 1;
            rank_a = 0;
            for (j = 0; j < nq; j++)
                if (aq[j].kind != CR_QUOTE_INDIRECT && aq[j].start < ra->span.start)
                    rank_a++;
            for (j = 0; j < k; j++)
                if (bq[j].kind != CR_QUOTE_INDIRECT && bq[j].start >= bstart &&
                    bq[j].start < rb->span.start)
                    rb_rank++;
            if (na == nbq && rank_a != rb_rank)
                ok = 0;
            t->right += ok;
            if (ok)
                continue;
        }
        if (o->verbose)
            fprintf(stderr, "line %ld: \"%.*s\" matched \"%.*s\"\n",
                    it[i].line, (int)(ra->span.end - ra->span.start),
                    it[i].a + ra->span.start,
                    (int)(rb->span.end - rb->span.start),
                    btext + rb->span.start);
    }
done:
    if (rc != CR_OK)
        fprintf(stderr, "crossread eval align: line %ld: %s\n", it[i].line,
                err.msg[0] ? err.msg : cr_strerror(rc));
    cr_compare_free(c);
    free(btext);
    return rc;
}

int cmd_eval_align(int argc, char **argv, cli_opts *o)
{
    const char *path = NULL;
    FILE *f;
    char *line = NULL;
    size_t cap = 0, n = 0, ncap = 0, i;
    int ai;
    ssize_t ll;
    item *it = NULL;
    long lineno = 0, bad = 0;
    tally t = {0, 0, 0, 0};
    int rc = EXIT_OK;
    double p, r, f1;

    for (ai = 2; ai < argc; ai++) {
        int g;
        if (strcmp(argv[ai], "-h") == 0 || strcmp(argv[ai], "--help") == 0) {
            fputs(help, stdout);
            return EXIT_OK;
        }
        if ((g = cli_global_opt(argc, argv, &ai, o)) < 0)
            return EXIT_USAGE;
        if (g)
            continue;
        if (argv[ai][0] == '-' && argv[ai][1])
            return cli_usage_error("eval align", "unknown option '%s'",
                                   argv[ai]);
        if (path)
            return cli_usage_error("eval align", "one FILE only");
        path = argv[ai];
    }
    if (!path)
        return cli_usage_error("eval align", "no FILE given");
    f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
    if (!f) {
        fprintf(stderr, "crossread eval align: cannot open %s\n", path);
        return EXIT_FATAL;
    }
    while ((ll = getline(&line, &cap, f)) > 0) {
        item x;
        lineno++;
        memset(&x, 0, sizeof x);
        if (ll <= 1)
            continue;
        if (field(line, (size_t)ll, "line", NULL, NULL, &x.line) ||
            field(line, (size_t)ll, "a", &x.a, &x.alen, NULL) ||
            field(line, (size_t)ll, "b", &x.b, &x.blen, NULL) ||
            cr_utf8_validate(x.a, x.alen, NULL) != CR_OK ||
            cr_utf8_validate(x.b, x.blen, NULL) != CR_OK) {
            fprintf(stderr, "%s:%ld: expected {\"line\":N,\"a\":TEXT,"
                            "\"b\":TEXT} with valid UTF-8\n", path, lineno);
            free(x.a);
            free(x.b);
            bad++;
            continue;
        }
        if (n == ncap) {
            item *g = realloc(it, (ncap = ncap ? 2 * ncap : 256) * sizeof *it);
            if (!g) {
                free(x.a);
                free(x.b);
                rc = EXIT_FATAL;
                break;
            }
            it = g;
        }
        it[n++] = x;
    }
    free(line);
    if (f != stdin)
        fclose(f);
    for (i = 0; i < n && rc == EXIT_OK; i++)
        if (score_line(it, n, i, o, &t) == CR_ENOMEM)
            rc = EXIT_FATAL;
    p = t.predicted ? (double)t.right / (double)t.predicted : 0;
    r = t.gold ? (double)t.right / (double)t.gold : 0;
    f1 = p + r > 0 ? 2 * p * r / (p + r) : 0;
    if (o->json)
        printf("{\"lines\":%zu,\"quotes\":%ld,\"gold\":%ld,\"predicted\":%ld,"
               "\"right\":%ld,\"precision\":%.4f,\"recall\":%.4f,"
               "\"f1\":%.4f}\n",
               n, t.aquotes, t.gold, t.predicted, t.right, p, r, f1);
    else
        printf("%zu lines, %ld quotations in a (%ld with a b counterpart on "
               "their line)\n"
               "aligned %ld, right %ld: precision %.4f recall %.4f F1 %.4f\n",
               n, t.aquotes, t.gold, t.predicted, t.right, p, r, f1);
    for (i = 0; i < n; i++) {
        free(it[i].a);
        free(it[i].b);
    }
    free(it);
    if (rc == EXIT_OK && bad)
        rc = EXIT_INPUT;
    return rc;
}
