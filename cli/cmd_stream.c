/*
 * cmd_stream.c — `crossread stream`: the pipeline shape. JSON Lines in on
 * stdin, one JSON line out per article on stdout, in input order, no store.
 * A bad line gets an error on stderr (line, column, reason) and the stream
 * goes on. Each stage adds its fields to the same line (near-duplicates:
 * duplicate_of, similarity); docs/JSON.md is the schema.
 */
#include "cli.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The default window of `stream`: an endless stream keeps the fingerprints
 * (and ids) of a week of articles, about 320 bytes each. */
#define STREAM_DEFAULT_WINDOW (7 * 86400)

static const char help[] =
    "Usage: crossread stream [OPTIONS] < articles.jsonl > analysed.jsonl\n"
    "\n"
    "Read articles as JSON Lines on stdin (gzip accepted), analyse each in\n"
    "memory, and write one JSON object per article to stdout, in input order:\n"
    "  {\"id\":..., \"source\":..., \"lang\":..., \"published\":..., \"published_how\":...,\n"
    "   \"paragraphs\":N, \"sentences\":N, \"tokens\":N,\n"
    "   \"duplicate_of\":null or the id of an earlier article it copies,\n"
    "   \"similarity\":null or its similarity to that article, 0..1,\n"
    "   \"story\":the number of the story it joined (1, 2, ... in order of\n"
    "   creation; online clustering, docs/ALGORITHMS.md \"Stories\"; a copy\n"
    "   joins the story of the article it copies),\n"
    "   \"quotes\":[{\"start\",\"end\",\"kind\",\"text\",\"speaker\":{\"name\",\"start\",\"end\"}\n"
    "   or null,\"cue\",\"confidence\",\"continues\"}, ...],\n"
    "   \"entities\":[{\"id\",\"name\",\"type\",\"class\",\"country\",\"role\",\"confidence\",\n"
    "   \"mentions\":[{\"start\",\"end\",\"text\",\"how\",\"confidence\"}, ...]}, ...],\n"
    "   \"mentions\":[dates {\"start\",\"end\",\"type\":\"date\",\"text\",\"value\"\n"
    "   (ISO: 2023-09-13, 2023-09, 2023, ...),\"how\",\"confidence\"} and quantities\n"
    "   {...,\"type\":\"quantity\",\"number\",\"number_hi\",\"unit\",...}, ...],\n"
    "   \"cites\":[{\"start\",\"end\",\"text\",\"name\",\"kind\",\"cue\",\"cited_by\",\n"
    "   \"entity\",\"confidence\"}, ...]}\n"
    "   (docs/JSON.md)\n"
    "Copies are looked for among the articles before it in the stream that are\n"
    "still in the window (by published date; undated articles count as \"now\").\n"
    "Each line is flushed as it is written, so the command works as a filter in\n"
    "pipelines (Spark's pipe(), Kafka consumers, shell). Bad lines are reported\n"
    "on stderr and skipped; the exit status is then 1. Memory stays bounded on\n"
    "an endless stream: stories with no new article within the clusterer's\n"
    "window (14 days of publication time) retire and are forgotten.\n"
    "\n"
    "Options:\n"
    "  --threshold X     similarity at which an article is a copy (default 0.5)\n"
    "  --shingle N       words per shingle, 1..16 (default 5)\n"
    "  --window SPAN     forget articles published SPAN before the newest\n"
    "                    (7d, 36h, 90m, 3600s; 0: never; default 7d): memory\n"
    "                    stays bounded on an endless stream\n"
    "  --no-dedup        no near-duplicate detection (the two fields are null)\n"
    "  --stats           at the end, one JSON line on stderr: articles clustered,\n"
    "                    stories made, active, held in memory (now and at most),\n"
    "                    released, the clusterer's memory (docs/JSON.md)\n"
    "\n"
    "Examples:\n"
    "  crossread stream < ../shared/data/ecbplus/articles.jsonl | head -3\n"
    "  zcat feed.jsonl.gz | crossread stream | jq -c 'select(.lang != \"en\")'\n"
    "  crossread stream < feed.jsonl | jq -c 'select(.duplicate_of == null)'\n";

typedef struct stream_ctx {
    cli_opts *o;
    cli_dupstream *dups;  /* NULL with --no-dedup */
    cli_stories stories;  /* the clusterer and the stories it holds */
    int64_t seq;          /* articles clustered, the clusterer's keys */
    long copies;          /* copies given the story of their original */
    long failed;
    int fatal;            /* out of memory in the detector */
} stream_ctx;

static int on_article(void *vctx, cr_article *a, const char *where)
{
    stream_ctx *c = vctx;
    cr_doc *doc = NULL;
    cr_status rc;
    size_t nt, ns, np;
    int first = 1;
    const char *of_id = NULL, *stage = NULL;
    cr_dedup_match m = {-1, 0.0, 0};
    cr_story_match sm;
    cr_extraction x;
    int64_t seq = -1, story = 0;

    if (!a->published)
        cr_article_infer_date(a);
    rc = cr_doc_analyze(a->text, a->text_len, a->lang, &c->o->lim, &doc);
    if (rc != CR_OK) {
        stage = "analysis";
        goto fail;
    }
    if (c->dups &&
        (rc = cli_dupstream_add(c->dups, a, doc, &seq, &m, &of_id)) != CR_OK) {
        stage = "near-duplicates";
        goto fail;
    }
    story = c->dups && m.key >= 0 ? cli_dupstream_tag(c->dups, m.key) : 0;
    if (story > 0) {
        c->copies++;
    } else {
        stage = "stories";
        if ((rc = cr_clusterer_add(c->stories.cl, c->seq++, a, doc, &sm)) !=
            CR_OK)
            goto fail;
        story = sm.story;
        rc = CR_ENOMEM;
        if (sm.is_new && cli_stories_track(&c->stories, story, story, 1) != 0)
            goto fail;
        (void)cli_stories_sweep(&c->stories, 0); /* no on_retire: no error */
    }
    if (c->dups)
        cli_dupstream_set_tag(c->dups, seq, story);
    if ((rc = cli_extract(a, doc, &c->o->lim, &x, &stage)) != CR_OK)
        goto fail;
    cr_doc_tokens(doc, &nt);
    cr_doc_sentences(doc, &ns);
    cr_doc_paragraphs(doc, &np);
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
    json_cstr(stdout, cli_date_how_name(a->published_how));
    printf(",\"paragraphs\":%zu,\"sentences\":%zu,\"tokens\":%zu", np, ns,
           nt);
    json_key(stdout, "duplicate_of", &first);
    json_cstr(stdout, of_id);
    json_key(stdout, "similarity", &first);
    if (of_id)
        printf("%.4f", m.similarity);
    else
        fputs("null", stdout);
    printf(",\"story\":%lld", (long long)story);
    json_extraction(stdout, a->text, &x, &first);
    fputs("}\n", stdout);
    fflush(stdout);
    cr_extraction_clear(&x);
    cr_doc_free(doc);
    cr_article_clear(a);
    return 0;
fail:
    /* One error line; the stream goes on unless memory ran out (or the
     * near-duplicate index hit its size limit). */
    fprintf(stderr, "crossread: %s: article %s: %s: %s\n", where, a->id,
            stage, cr_strerror(rc));
    c->failed++;
    c->fatal = rc == CR_ENOMEM || (rc == CR_ELIMIT && c->dups &&
                                   strcmp(stage, "near-duplicates") == 0);
    cr_doc_free(doc);
    cr_article_clear(a);
    return c->fatal;
}

/* The --stats line: what the clusterer held at the end and at most. */
static void print_stats(const stream_ctx *c)
{
    const cli_stories *s = &c->stories;
    cr_story_stats st;
    cr_clusterer_stats(s->cl, &st);
    fprintf(stderr,
            "{\"articles\":%zu,\"copies\":%ld,\"stories\":%lld,"
            "\"active\":%zu,\"held\":%zu,\"held_max\":%zu,"
            "\"released\":%zu,\"sweeps\":%zu,\"memory\":%zu,"
            "\"memory_max\":%zu}\n",
            st.articles, c->copies, (long long)st.stories, st.active, s->n,
            s->peak, s->released, s->sweeps, st.memory,
            st.memory > s->peak_memory ? st.memory : s->peak_memory);
}

int cmd_stream(int argc, char **argv, cli_opts *o)
{
    stream_ctx c;
    cli_input in;
    cli_dedup dd;
    char *paths[1] = {(char *)"-"};
    int i, rc, stats = 0;
    cr_status st;

    cli_dedup_defaults(&dd, STREAM_DEFAULT_WINDOW);
    for (i = 1; i < argc; i++) {
        const char *x = argv[i];
        int g;
        if (strcmp(x, "-h") == 0 || strcmp(x, "--help") == 0) {
            fputs(help, stdout);
            return EXIT_OK;
        }
        if (strcmp(x, "--stats") == 0) {
            stats = 1;
            continue;
        }
        g = cli_dedup_opt(argc, argv, &i, "stream", &dd);
        if (g == 0)
            g = cli_global_opt(argc, argv, &i, o);
        if (g < 0)
            return EXIT_USAGE;
        if (g == 0)
            return cli_usage_error("stream", "unexpected argument '%s'", x);
    }
    memset(&c, 0, sizeof c);
    memset(&in, 0, sizeof in);
    c.o = o;
    if (!dd.off && (st = cli_dupstream_new(&dd.opts, &c.dups)) != CR_OK) {
        fprintf(stderr, "crossread stream: near-duplicates: %s\n",
                cr_strerror(st));
        return EXIT_FATAL;
    }
    if ((st = cli_stories_new(&c.stories, NULL)) != CR_OK) {
        fprintf(stderr, "crossread stream: stories: %s\n", cr_strerror(st));
        cli_dupstream_free(c.dups);
        return EXIT_FATAL;
    }
    in.lim = &o->lim;
    in.format = CLI_FMT_JSONL;
    in.on_article = on_article;
    in.ctx = &c;
    cli_read_paths(&in, paths, 1);
    if (stats)
        print_stats(&c);
    cli_dupstream_free(c.dups);
    cli_stories_free(&c.stories);
    rc = c.fatal ? EXIT_FATAL : in.errors + c.failed ? EXIT_INPUT : EXIT_OK;
    return rc;
}
