/*
 * cmd_stream.c — `crossread stream`: the pipeline shape. JSON Lines in on
 * stdin, one JSON line out per article on stdout, in input order, no store.
 * A bad line gets an error on stderr (line, column, reason) and the stream
 * goes on. Later stages (dedup, stories, extraction) add their fields to the
 * same line; docs/JSON.md is the schema.
 */
#include "cli.h"

#include <string.h>

static const char help[] =
    "Usage: crossread stream [OPTIONS] < articles.jsonl > analysed.jsonl\n"
    "\n"
    "Read articles as JSON Lines on stdin (gzip accepted), analyse each in\n"
    "memory, and write one JSON object per article to stdout, in input order:\n"
    "  {\"id\":..., \"source\":..., \"lang\":..., \"published\":..., \"published_how\":...,\n"
    "   \"paragraphs\":N, \"sentences\":N, \"tokens\":N}\n"
    "Each line is flushed as it is written, so the command works as a filter in\n"
    "pipelines (Spark's pipe(), Kafka consumers, shell). Bad lines are reported\n"
    "on stderr and skipped; the exit status is then 1.\n"
    "\n"
    "Examples:\n"
    "  crossread stream < ../shared/data/ecbplus/articles.jsonl | head -3\n"
    "  zcat feed.jsonl.gz | crossread stream | jq -c 'select(.lang != \"en\")'\n";

typedef struct stream_ctx {
    cli_opts *o;
    long failed;
} stream_ctx;

static int on_article(void *vctx, cr_article *a, const char *where)
{
    stream_ctx *c = vctx;
    cr_doc *doc = NULL;
    cr_status rc;
    size_t nt, ns, np;
    int first = 1;
    const char *how = NULL;

    if (!a->published)
        cr_article_infer_date(a);
    rc = cr_doc_analyze(a->text, a->text_len, a->lang, &c->o->lim, &doc);
    if (rc != CR_OK) {
        fprintf(stderr, "crossread: %s: article %s: %s\n", where, a->id,
                cr_strerror(rc));
        c->failed++;
        cr_article_clear(a);
        return 0;
    }
    cr_doc_tokens(doc, &nt);
    cr_doc_sentences(doc, &ns);
    cr_doc_paragraphs(doc, &np);
    switch (a->published_how) {
    case CR_DATE_GIVEN: how = "given"; break;
    case CR_DATE_MARKER: how = "marker"; break;
    case CR_DATE_INFERRED: how = "inferred"; break;
    default: break;
    }
    putchar('{');
    json_key(stdout, "id", &first);
    json_cstr(stdout, a->id);
    json_key(stdout, "source", &first);
    json_cstr(stdout, a->source);
    json_key(stdout, "lang", &first);
    json_cstr(stdout, cr_doc_lang(doc));
    json_key(stdout, "published", &first);
    json_cstr(stdout, a->published);
    json_key(stdout, "published_how", &first);
    json_cstr(stdout, how);
    printf(",\"paragraphs\":%zu,\"sentences\":%zu,\"tokens\":%zu}\n", np, ns,
           nt);
    fflush(stdout);
    cr_doc_free(doc);
    cr_article_clear(a);
    return 0;
}

int cmd_stream(int argc, char **argv, cli_opts *o)
{
    stream_ctx c;
    cli_input in;
    char *paths[1] = {(char *)"-"};
    int i;

    for (i = 1; i < argc; i++) {
        const char *x = argv[i];
        int g;
        if (strcmp(x, "-h") == 0 || strcmp(x, "--help") == 0) {
            fputs(help, stdout);
            return EXIT_OK;
        }
        g = cli_global_opt(argc, argv, &i, o);
        if (g < 0)
            return EXIT_USAGE;
        if (g == 0)
            return cli_usage_error("stream", "unexpected argument '%s'", x);
    }
    memset(&c, 0, sizeof c);
    memset(&in, 0, sizeof in);
    c.o = o;
    in.lim = &o->lim;
    in.format = CLI_FMT_JSONL;
    in.on_article = on_article;
    in.ctx = &c;
    cli_read_paths(&in, paths, 1);
    return in.errors + c.failed ? EXIT_INPUT : EXIT_OK;
}
