/*
 * dedup.c — what add, stream and eval share about near-duplicates: the
 * options (--threshold, --shingle, --window, --no-dedup), time spans, the
 * time of an article, and an in-memory streaming detector that maps the
 * index's keys (input sequence numbers) back to article ids.
 *
 * The detector keeps the id of every article the index may still report,
 * in a ring ordered by sequence number. It mirrors the index's clock: the
 * newest time added so far, an unknown time (0) taken as that newest one,
 * and the window's cutoff = newest - window. The index never reports an
 * article older than the cutoff, so ids are dropped from the front of the
 * ring once they fall behind it; an out-of-order straggler behind a newer
 * front waits there until the front moves on (memory stays bounded by the
 * window, plus stragglers).
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define SPAN_MAX ((int64_t)100 * 366 * 86400) /* longest window: 100 years */

void cli_dedup_defaults(cli_dedup *c, int64_t window)
{
    memset(c, 0, sizeof *c);
    cr_dedup_opts_default(&c->opts);
    c->opts.window = window;
}

int cli_parse_span(const char *s, int64_t *out)
{
    static const struct {
        char unit;
        int64_t seconds;
    } units[] = {{'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400},
                 {'w', 7 * 86400}};
    char *end;
    unsigned long long v;
    int64_t mul = 1;
    size_t k;

    if (!s || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno)
        return -1;
    if (*end) {
        if (end[1])
            return -1;
        for (k = 0; k < sizeof units / sizeof units[0]; k++)
            if (*end == units[k].unit)
                mul = units[k].seconds;
        if (mul == 1 && *end != 's')
            return -1;
    }
    if (v > (unsigned long long)(SPAN_MAX / mul))
        return -1;
    *out = (int64_t)v * mul;
    return 0;
}

const char *cli_span_str(int64_t span, char *buf, size_t cap)
{
    if (span <= 0)
        snprintf(buf, cap, "0");
    else if (span % 86400 == 0)
        snprintf(buf, cap, "%lldd", (long long)(span / 86400));
    else if (span % 3600 == 0)
        snprintf(buf, cap, "%lldh", (long long)(span / 3600));
    else if (span % 60 == 0)
        snprintf(buf, cap, "%lldm", (long long)(span / 60));
    else
        snprintf(buf, cap, "%llds", (long long)span);
    return buf;
}

int cli_dedup_opt(int argc, char **argv, int *i, const char *cmd,
                  cli_dedup *c)
{
    const char *a = argv[*i];
    const char *v = *i + 1 < argc ? argv[*i + 1] : NULL;
    char *end;

    if (strcmp(a, "--no-dedup") == 0) {
        c->off = 1;
        return 1;
    }
    if (strcmp(a, "--threshold") != 0 && strcmp(a, "--shingle") != 0 &&
        strcmp(a, "--window") != 0)
        return 0;
    if (!v) {
        cli_usage_error(cmd, "%s needs a value", a);
        return -1;
    }
    (*i)++;
    if (a[2] == 't') {
        double t;
        errno = 0;
        t = strtod(v, &end);
        if (errno || *end || end == v || !(t > 0.0 && t <= 1.0)) {
            cli_usage_error(cmd, "--threshold needs a number in (0, 1], got '%s'",
                            v);
            return -1;
        }
        c->opts.threshold = t;
    } else if (a[2] == 's') {
        unsigned long n;
        errno = 0;
        n = strtoul(v, &end, 10);
        if (errno || *end || end == v || *v == '-' || n < 1 || n > 16) {
            cli_usage_error(cmd, "--shingle needs a whole number 1..16, got '%s'",
                            v);
            return -1;
        }
        c->opts.shingle = (unsigned)n;
    } else if (cli_parse_span(v, &c->opts.window) != 0) {
        cli_usage_error(cmd,
                        "--window needs a span such as 7d, 36h, 90m, 3600s "
                        "or 0 (no window), got '%s'",
                        v);
        return -1;
    }
    return 1;
}

int64_t cli_article_time(const cr_article *a)
{
    int64_t t = 0;
    if (a->published && cr_date_seconds(a->published, &t) != CR_OK)
        t = 0;
    return t;
}

/* ---- the in-memory detector --------------------------------------------- */

typedef struct ring_entry {
    int64_t time;   /* effective time, as the index sees it */
    int64_t tag;    /* the caller's number for it (stream: its story) */
    char *id;       /* owned */
} ring_entry;

struct cli_dupstream {
    cr_dedup *index;
    cr_dedup_opts opts;
    ring_entry *ring;   /* cap entries, a power of two */
    size_t cap, start;  /* ring[start] holds sequence number `first` */
    int64_t first;      /* sequence number of the oldest id kept */
    int64_t next;       /* sequence number of the next article */
    int64_t newest;     /* the index's clock */
    int have_time;
};

cr_status cli_dupstream_new(const cr_dedup_opts *o, cli_dupstream **out)
{
    cli_dupstream *s = calloc(1, sizeof *s);
    cr_status rc;
    *out = NULL;
    if (!s)
        return CR_ENOMEM;
    s->opts = *o;
    rc = cr_dedup_new(o, &s->index);
    if (rc != CR_OK) {
        free(s);
        return rc;
    }
    *out = s;
    return CR_OK;
}

static ring_entry *slot(cli_dupstream *s, int64_t q);

void cli_dupstream_free(cli_dupstream *s)
{
    int64_t q;
    if (!s)
        return;
    for (q = s->first; q < s->next; q++)
        free(slot(s, q)->id);
    free(s->ring);
    cr_dedup_free(s->index);
    free(s);
}

/* Where sequence number q lives in the ring (first <= q <= next). */
static ring_entry *slot(cli_dupstream *s, int64_t q)
{
    return &s->ring[(s->start + (size_t)(q - s->first)) & (s->cap - 1)];
}

/* Make room for, and fill, the entry of sequence number s->next (the id
 * copied; time set later). It counts once s->next moves past it. */
static cr_status ring_push(cli_dupstream *s, const char *id)
{
    size_t len = (size_t)(s->next - s->first), n = strlen(id);
    ring_entry *e;
    if (len == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 256, k;
        ring_entry *r = malloc(cap * sizeof *r);
        if (!r)
            return CR_ENOMEM;
        for (k = 0; k < len; k++)
            r[k] = s->ring[(s->start + k) & (s->cap - 1)];
        free(s->ring);
        s->ring = r;
        s->cap = cap;
        s->start = 0;
    }
    e = slot(s, s->next);
    e->id = malloc(n + 1);
    if (!e->id)
        return CR_ENOMEM;
    memcpy(e->id, id, n + 1);
    e->time = 0;
    e->tag = 0;
    return CR_OK;
}

void cli_dupstream_set_tag(cli_dupstream *s, int64_t seq, int64_t tag)
{
    if (seq >= s->first && seq < s->next)
        slot(s, seq)->tag = tag;
}

int64_t cli_dupstream_tag(cli_dupstream *s, int64_t seq)
{
    return seq >= s->first && seq < s->next ? slot(s, seq)->tag : 0;
}

cr_status cli_dupstream_add(cli_dupstream *s, const cr_article *a,
                            const cr_doc *doc, int64_t *seq,
                            cr_dedup_match *m, const char **of_id)
{
    cr_fingerprint fp;
    ring_entry *e;
    int64_t t = cli_article_time(a);
    cr_status rc;

    *of_id = NULL;
    m->key = -1;
    m->similarity = 0.0;
    m->exact = 0;
    *seq = s->next;
    rc = cr_fingerprint_text(a->text, a->text_len, doc, &s->opts, &fp);
    if (rc != CR_OK)
        return rc;
    if ((rc = ring_push(s, a->id)) != CR_OK)
        return rc;
    rc = cr_dedup_add(s->index, s->next, t, &fp, m);
    if (rc != CR_OK) {
        free(slot(s, s->next)->id);
        return rc;
    }
    /* the index's clock, mirrored */
    if (!s->have_time) {
        s->newest = t;
        s->have_time = 1;
    }
    if (t == 0)
        t = s->newest;
    if (t > s->newest)
        s->newest = t;
    slot(s, s->next)->time = t;
    s->next++;
    if (m->key >= s->first && m->key < s->next) {
        *of_id = slot(s, m->key)->id;
    } else if (m->key >= 0) { /* not kept: cannot happen (file comment) */
        m->key = -1;
        m->similarity = 0.0;
        m->exact = 0;
    }
    /* Drop the ids the index can no longer report (older than its cutoff;
     * the one just matched is at or after it). The newest stays. */
    if (s->opts.window > 0 && s->newest > INT64_MIN + s->opts.window) {
        int64_t cutoff = s->newest - s->opts.window;
        while (s->first < s->next - 1 && s->first != m->key &&
               (e = slot(s, s->first))->time < cutoff) {
            free(e->id);
            e->id = NULL;
            s->start = (s->start + 1) & (s->cap - 1);
            s->first++;
        }
    }
    return CR_OK;
}
