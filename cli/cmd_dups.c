/*
 * cmd_dups.c — `crossread dups`: the groups of copies in the store (found
 * by `add`), largest first: for each, its canonical copy, every outlet
 * that ran it and every member with its date, length and similarity to
 * the article it copies. As text or as JSON Lines, one group per line.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char help[] =
    "Usage: crossread dups [--min-size N] [--limit N] [--json]\n"
    "\n"
    "List the groups of copies in the store: syndicated wire stories,\n"
    "reposts and lightly edited versions that `crossread add` found. Each\n"
    "group shows its canonical copy (marked *: the most complete version, the\n"
    "longest text, the earliest published on ties), how many outlets ran it,\n"
    "and every member with its outlet, date, length in bytes and its\n"
    "similarity to the article it was found to copy (max of Jaccard and\n"
    "containment of word 5-grams; \"exact\" when the words are identical).\n"
    "Largest groups first. An article stored twice with the same text, outlet\n"
    "and date is one article (see `add`), not a group.\n"
    "\n"
    "Options:\n"
    "  --min-size N   only groups of at least N articles (default 2)\n"
    "  --limit N      stop after N groups\n"
    "  --json         one JSON object per group (docs/JSON.md)\n"
    "\n"
    "Examples:\n"
    "  crossread add feeds/ && crossread dups\n"
    "  crossread dups --min-size 5            # stories that ran widely\n"
    "  crossread dups --json | jq -r '[.size, .title] | @tsv'\n";

typedef struct dups_ctx {
    const cli_opts *o;
    long limit, groups, articles;
} dups_ctx;

/* The distinct outlets of the members, in member order; NULL sources are
 * not outlets. *n receives the count. Owned by the caller (free()); NULL
 * when out of memory. */
static const char **outlets(const cr_dup_member *m, size_t n, size_t *count)
{
    const char **v = malloc((n ? n : 1) * sizeof *v);
    size_t i, j, k = 0;
    if (!v)
        return NULL;
    for (i = 0; i < n; i++) {
        if (!m[i].source)
            continue;
        for (j = 0; j < k && strcmp(v[j], m[i].source) != 0; j++)
            ;
        if (j == k)
            v[k++] = m[i].source;
    }
    *count = k;
    return v;
}

static void print_json(const cr_dup_member *m, size_t n, size_t canon,
                       const char **outl, size_t nout)
{
    size_t i;
    int first = 1;
    putchar('{');
    json_key(stdout, "canonical", &first);
    json_cstr(stdout, m[canon].id);
    json_key(stdout, "title", &first);
    json_cstr(stdout, m[canon].title);
    json_key(stdout, "size", &first);
    printf("%zu", n);
    json_key(stdout, "outlets", &first);
    putchar('[');
    for (i = 0; i < nout; i++) {
        if (i)
            putchar(',');
        json_cstr(stdout, outl[i]);
    }
    putchar(']');
    json_key(stdout, "members", &first);
    putchar('[');
    for (i = 0; i < n; i++) {
        int f = 1;
        if (i)
            putchar(',');
        putchar('{');
        json_key(stdout, "id", &f);
        json_cstr(stdout, m[i].id);
        json_key(stdout, "source", &f);
        json_cstr(stdout, m[i].source);
        json_key(stdout, "published", &f);
        json_cstr(stdout, m[i].published);
        json_key(stdout, "title", &f);
        json_cstr(stdout, m[i].title);
        json_key(stdout, "bytes", &f);
        printf("%lld", (long long)m[i].bytes);
        json_key(stdout, "canonical", &f);
        fputs(i == canon ? "true" : "false", stdout);
        json_key(stdout, "copy_of", &f);
        json_cstr(stdout, m[i].copy_of_id);
        json_key(stdout, "similarity", &f);
        if (m[i].copy_of_id)
            printf("%.4f", m[i].similarity);
        else
            fputs("null", stdout);
        json_key(stdout, "exact", &f);
        fputs(m[i].copy_of_id && m[i].exact ? "true" : "false", stdout);
        putchar('}');
    }
    puts("]}");
}

static void print_text(const dups_ctx *c, const cr_dup_member *m, size_t n,
                       size_t canon, const char **outl, size_t nout)
{
    size_t i;
    printf("%s#%ld ", c->groups ? "\n" : "", c->groups + 1);
    if (m[canon].title)
        printf("\"%s\"", m[canon].title);
    else
        printf("%s", m[canon].id);
    printf(" — this story ran %zu times", n);
    if (nout) {
        printf(" in %zu outlet%s (", nout, nout == 1 ? "" : "s");
        for (i = 0; i < nout; i++)
            printf("%s%s", i ? ", " : "", outl[i]);
        putchar(')');
    }
    putchar('\n');
    for (i = 0; i < n; i++) {
        printf("  %c %-30s %-16.16s %-20s %8lld B", i == canon ? '*' : ' ',
               m[i].id, m[i].source ? m[i].source : "-",
               m[i].published ? m[i].published : "-",
               (long long)m[i].bytes);
        if (m[i].copy_of_id)
            printf("  %.2f %scopy of %s", m[i].similarity,
                   m[i].exact ? "exact " : "", m[i].copy_of_id);
        putchar('\n');
    }
}

static int visit_group(const cr_dup_member *m, size_t n, size_t canon,
                       void *vctx)
{
    dups_ctx *c = vctx;
    size_t nout = 0;
    const char **outl = outlets(m, n, &nout);
    if (!outl) {
        fprintf(stderr, "crossread dups: out of memory\n");
        return 1;
    }
    if (c->o->json)
        print_json(m, n, canon, outl, nout);
    else
        print_text(c, m, n, canon, outl, nout);
    free(outl);
    c->groups++;
    c->articles += (long)n;
    return c->limit > 0 && c->groups >= c->limit;
}

int cmd_dups(int argc, char **argv, cli_opts *o)
{
    dups_ctx c;
    long min_size = 2;
    cr_store *st;
    cr_error err;
    cr_status rc;
    int i;

    memset(&c, 0, sizeof c);
    c.o = o;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        int g;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(help, stdout);
            return EXIT_OK;
        }
        if (strcmp(a, "--min-size") == 0 || strcmp(a, "--limit") == 0) {
            const char *v = i + 1 < argc ? argv[++i] : NULL;
            if (cli_positive("dups", a, v, a[2] == 'm' ? &min_size : &c.limit))
                return EXIT_USAGE;
            continue;
        }
        g = cli_global_opt(argc, argv, &i, o);
        if (g < 0)
            return EXIT_USAGE;
        if (g == 0)
            return cli_usage_error("dups", "unexpected argument '%s'", a);
    }
    st = cli_open_store(o);
    if (!st)
        return EXIT_FATAL;
    memset(&err, 0, sizeof err);
    rc = cr_store_dup_groups(st, (size_t)min_size, visit_group, &c, &err);
    cr_store_close(st);
    if (rc != CR_OK) {
        fprintf(stderr, "crossread dups: %s: %s\n", cr_strerror(rc), err.msg);
        return EXIT_FATAL;
    }
    if (!o->json && !o->quiet)
        fprintf(stderr, "%s%ld group%s of copies, %ld articles%s\n",
                c.groups ? "\n" : "", c.groups, c.groups == 1 ? "" : "s",
                c.articles, c.groups ? "; * marks the canonical copy" : "");
    return EXIT_OK;
}
