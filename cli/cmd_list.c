/*
 * cmd_list.c — `crossread list`: stored articles in publication order, as a
 * table or as JSON Lines.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char help[] =
    "Usage: crossread list [--source NAME] [--limit N] [--json]\n"
    "\n"
    "List stored articles ordered by publication date (undated last), then id.\n"
    "The table shows id, outlet, date (with * when inferred from url or id),\n"
    "language, sentences and title. --json prints one JSON object per line\n"
    "(docs/JSON.md).\n"
    "\n"
    "Examples:\n"
    "  crossread list\n"
    "  crossread list --source breitbart --limit 5\n"
    "  crossread list --json | jq -r .source | sort | uniq -c\n";

typedef struct list_ctx {
    const cli_opts *o;
    long limit, n;
} list_ctx;


static int visit(const cr_stored *s, void *vctx)
{
    list_ctx *c = vctx;
    const cr_article *a = &s->article;
    if (c->o->json) {
        int first = 1;
        putchar('{');
        json_key(stdout, "id", &first);
        json_cstr(stdout, a->id);
        json_key(stdout, "source", &first);
        json_cstr(stdout, a->source);
        json_key(stdout, "published", &first);
        json_cstr(stdout, a->published);
        json_key(stdout, "published_how", &first);
        json_cstr(stdout, cli_date_how_name(a->published_how));
        json_key(stdout, "lang", &first);
        json_cstr(stdout, a->lang);
        json_key(stdout, "title", &first);
        json_cstr(stdout, a->title);
        json_key(stdout, "url", &first);
        json_cstr(stdout, a->url);
        json_key(stdout, "sentences", &first);
        printf("%lld", (long long)s->sentences);
        json_key(stdout, "tokens", &first);
        printf("%lld", (long long)s->tokens);
        json_key(stdout, "content_hash", &first);
        json_cstr(stdout, s->content_hash);
        json_key(stdout, "ingested", &first);
        json_cstr(stdout, s->ingested);
        puts("}");
    } else {
        const char *t = a->title ? a->title : "";
        printf("%-34.34s %-14.14s %-10.10s%s %-3.3s %5lld  %.60s\n", a->id,
               a->source ? a->source : "-",
               a->published ? a->published : "-",
               a->published_how == CR_DATE_INFERRED ? "*" : " ",
               a->lang ? a->lang : "-", (long long)s->sentences, t);
    }
    c->n++;
    return c->limit > 0 && c->n >= c->limit;
}

int cmd_list(int argc, char **argv, cli_opts *o)
{
    list_ctx c;
    const char *source = NULL;
    cr_store *st;
    cr_error err;
    cr_status rc;
    int i;

    memset(&c, 0, sizeof c);
    c.o = o;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(help, stdout);
            return EXIT_OK;
        }
        if (strcmp(a, "--source") == 0 || strcmp(a, "--limit") == 0) {
            const char *v = i + 1 < argc ? argv[++i] : NULL;
            if (!v)
                return cli_usage_error("list", "%s needs a value", a);
            if (a[2] == 's') {
                source = v;
            } else {
                char *end;
                c.limit = strtol(v, &end, 10);
                if (*end || c.limit <= 0)
                    return cli_usage_error("list", "--limit needs a positive number");
            }
            continue;
        }
        int g = cli_global_opt(argc, argv, &i, o);
        if (g < 0)
            return EXIT_USAGE;
        if (g == 0)
            return cli_usage_error("list", "unexpected argument '%s'", a);
    }
    st = cli_open_store(o);
    if (!st)
        return EXIT_FATAL;
    if (!o->json)
        printf("%-34s %-14s %-11s %-3s %5s  %s\n", "ID", "SOURCE", "PUBLISHED",
               "LNG", "SENTS", "TITLE");
    memset(&err, 0, sizeof err);
    rc = cr_store_list(st, source, visit, &c, &err);
    cr_store_close(st);
    if (rc != CR_OK) {
        fprintf(stderr, "crossread: list: %s: %s\n", cr_strerror(rc), err.msg);
        return EXIT_FATAL;
    }
    if (!o->json && !o->quiet)
        fprintf(stderr, "%ld article%s\n", c.n, c.n == 1 ? "" : "s");
    return EXIT_OK;
}
