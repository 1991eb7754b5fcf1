/*
 * dup_metrics.c — pairwise scores and ARI of a predicted grouping, the
 * string map and the gold reader behind them. See dup_metrics.h.
 */
#include "dup_metrics.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xxhash.h>

/* ---- scores ------------------------------------------------------------- */

typedef struct label_pair {
    int64_t a, b;
} label_pair;

static int pair_cmp(const void *x, const void *y)
{
    const label_pair *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    if (p->b != q->b)
        return p->b < q->b ? -1 : 1;
    return 0;
}

/* Sum over groups of C(size, 2) for the sorted labels of v (grouped by .a,
 * and by .b too when `both`). */
static double pairs_sorted(const label_pair *v, size_t n, int both)
{
    double s = 0.0;
    size_t i = 0;
    while (i < n) {
        size_t j = i + 1;
        while (j < n && v[j].a == v[i].a && (!both || v[j].b == v[i].b))
            j++;
        s += (double)(j - i) * (double)(j - i - 1) / 2.0;
        i = j;
    }
    return s;
}

int dup_score(const int64_t *gold, const int64_t *pred, size_t n,
              dup_scores *out)
{
    label_pair *v = malloc((n ? n : 1) * sizeof *v);
    size_t i;
    double all, expected, maxidx;
    if (!v)
        return -1;
    out->items = n;
    for (i = 0; i < n; i++) {
        v[i].a = gold[i];
        v[i].b = pred[i];
    }
    qsort(v, n, sizeof *v, pair_cmp);
    out->gold_pairs = pairs_sorted(v, n, 0);
    out->true_pairs = pairs_sorted(v, n, 1);
    for (i = 0; i < n; i++) {
        v[i].a = pred[i];
        v[i].b = 0;
    }
    qsort(v, n, sizeof *v, pair_cmp);
    out->pred_pairs = pairs_sorted(v, n, 0);
    free(v);

    out->precision =
        out->pred_pairs > 0 ? out->true_pairs / out->pred_pairs : 1.0;
    out->recall = out->gold_pairs > 0 ? out->true_pairs / out->gold_pairs : 1.0;
    out->f1 = out->precision + out->recall > 0
                  ? 2 * out->precision * out->recall /
                        (out->precision + out->recall)
                  : 0.0;
    all = (double)n * (double)(n > 0 ? n - 1 : 0) / 2.0;
    expected = all > 0 ? out->gold_pairs * out->pred_pairs / all : 0.0;
    maxidx = (out->gold_pairs + out->pred_pairs) / 2.0;
    out->ari = maxidx - expected != 0.0
                   ? (out->true_pairs - expected) / (maxidx - expected)
                   : 1.0;
    return 0;
}

/* ---- string map ----------------------------------------------------------- */

struct dup_map {
    char **k;        /* keys (owned), NULL for an empty slot */
    int64_t *v;
    size_t cap, n;   /* cap is a power of two, kept at least 2 n */
    uint64_t seed;
};

dup_map *dup_map_new(void)
{
    dup_map *m = calloc(1, sizeof *m);
    if (m)
        m->seed = XXH3_64bits(&m, sizeof m) ^ (uint64_t)time(NULL);
    return m;
}

void dup_map_free(dup_map *m)
{
    size_t i;
    if (!m)
        return;
    for (i = 0; i < m->cap; i++)
        free(m->k[i]);
    free(m->k);
    free(m->v);
    free(m);
}

size_t dup_map_size(const dup_map *m)
{
    return m ? m->n : 0;
}

/* The slot of key: where it is, or the empty slot where it would go. */
static size_t find_slot(const dup_map *m, const char *key, size_t len)
{
    size_t i = (size_t)XXH3_64bits_withSeed(key, len, m->seed) & (m->cap - 1);
    while (m->k[i] && strcmp(m->k[i], key) != 0)
        i = (i + 1) & (m->cap - 1);
    return i;
}

/* Double the table. 0, or -1 when out of memory (the map is unchanged). */
static int grow(dup_map *m)
{
    size_t cap = m->cap ? 2 * m->cap : 1024, i;
    char **k = calloc(cap, sizeof *k);
    int64_t *v = calloc(cap, sizeof *v);
    dup_map old = *m;
    if (!k || !v) {
        free(k);
        free(v);
        return -1;
    }
    m->k = k;
    m->v = v;
    m->cap = cap;
    for (i = 0; i < old.cap; i++)
        if (old.k[i]) {
            size_t j = find_slot(m, old.k[i], strlen(old.k[i]));
            m->k[j] = old.k[i];
            m->v[j] = old.v[i];
        }
    free(old.k);
    free(old.v);
    return 0;
}

int64_t *dup_map_slot(dup_map *m, const char *key, int create)
{
    size_t len = strlen(key), i;
    if (m->cap && (i = find_slot(m, key, len), m->k[i]))
        return &m->v[i];
    if (!create)
        return NULL;
    if (2 * (m->n + 1) > m->cap && grow(m) != 0)
        return NULL;
    i = find_slot(m, key, len);
    m->k[i] = malloc(len + 1);
    if (!m->k[i])
        return NULL;
    memcpy(m->k[i], key, len + 1);
    m->v[i] = 0;
    m->n++;
    return &m->v[i];
}

/* ---- gold files ------------------------------------------------------------ */

int dup_gold_load(const char *path, dup_map *gold, char *msg, size_t cap)
{
    return dup_gold_load_names(path, gold, NULL, NULL, msg, cap);
}

void dup_names_free(char **names, size_t n)
{
    size_t i;
    for (i = 0; names && i < n; i++)
        free(names[i]);
    free(names);
}

int dup_gold_load_names(const char *path, dup_map *gold, char ***names,
                        size_t *nnames, char *msg, size_t cap)
{
    size_t ncap = 0;
    FILE *f = fopen(path, "r");
    char *line = NULL;
    size_t lcap = 0;
    ssize_t got;
    long lineno = 0;
    dup_map *groups = NULL;
    int ret = -1;

    if (names) {
        *names = NULL;
        *nnames = 0;
    }
    if (!f) {
        snprintf(msg, cap, "%s: cannot open: %s", path, strerror(errno));
        return -1;
    }
    groups = dup_map_new();
    if (!groups)
        goto oom;
    while ((got = getline(&line, &lcap, f)) > 0) {
        char *tab, *end;
        int64_t *g, *id;
        lineno++;
        if (got > DUP_MAX_LINE) {
            snprintf(msg, cap, "%s:%ld: line longer than %d bytes", path,
                     lineno, DUP_MAX_LINE);
            goto done;
        }
        while (got && (line[got - 1] == '\n' || line[got - 1] == '\r'))
            line[--got] = '\0';
        if (got == 0)
            continue;
        tab = strchr(line, '\t');
        if (!tab) {
            snprintf(msg, cap, "%s:%ld: expected id<TAB>group", path, lineno);
            goto done;
        }
        if (lineno == 1 && tab - line == 2 && strncmp(line, "id", 2) == 0)
            continue; /* header */
        *tab = '\0';
        end = strchr(tab + 1, '\t');
        if (end)
            *end = '\0';
        g = dup_map_slot(groups, tab + 1, 1);
        if (!g)
            goto oom;
        if (!*g) {
            *g = (int64_t)dup_map_size(groups);
            if (names) {
                char *name = strdup(tab + 1);
                if (name && *nnames == ncap) {
                    size_t nc = ncap ? 2 * ncap : 64;
                    char **t = realloc(*names, nc * sizeof *t);
                    if (t) {
                        *names = t;
                        ncap = nc;
                    }
                }
                if (!name || *nnames == ncap) {
                    free(name);
                    goto oom;
                }
                (*names)[(*nnames)++] = name;
            }
        }
        if (dup_map_slot(gold, line, 0)) {
            snprintf(msg, cap, "%s:%ld: id \"%.100s\" is listed twice", path,
                     lineno, line);
            goto done;
        }
        id = dup_map_slot(gold, line, 1);
        if (!id)
            goto oom;
        *id = *g;
    }
    if (ferror(f)) {
        snprintf(msg, cap, "%s: cannot read: %s", path, strerror(errno));
        goto done;
    }
    ret = 0;
    goto done;
oom:
    snprintf(msg, cap, "%s: out of memory", path);
done:
    free(line);
    fclose(f);
    dup_map_free(groups);
    return ret;
}

int dup_labels_reserve(int64_t **gold, int64_t **pred, size_t *cap, size_t n)
{
    size_t nc;
    int64_t *g, *p;
    if (n < *cap)
        return 0;
    nc = *cap ? 2 * *cap : 4096;
    if (nc > SIZE_MAX / sizeof **gold)
        return -1;
    g = realloc(*gold, nc * sizeof *g);
    if (!g)
        return -1;
    *gold = g;
    p = realloc(*pred, nc * sizeof *p);
    if (!p)
        return -1;
    *pred = p;
    *cap = nc;
    return 0;
}
