/*
 * cmd_add.c — `crossread add`: ingest paths into the store. Each article is
 * dated (inferred from url/id when no date was given), analysed (tokens,
 * sentences, language) and stored in batched transactions; re-adding the
 * same id or the same text is a no-op that is counted and reported.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char help[] =
    "Usage: crossread add [OPTIONS] PATH...\n"
    "\n"
    "Ingest articles into the store (--db, default ./crossread.db).\n"
    "PATH is a file, a directory (read recursively, in name order), or - for\n"
    "stdin. Files ending in .jsonl/.ndjson/.json are JSON Lines, one article\n"
    "per line: {\"id\", \"source\", \"url\", \"title\", \"published\", \"lang\", \"text\"}.\n"
    "Anything else is one plain-text article whose id is its file name; an\n"
    "optional leading \" date YYYY-MM-DD \" marker sets its publication date.\n"
    "Gzip files (.gz) are read transparently. Re-adding an article with the\n"
    "same id or the same text changes nothing and is reported as such.\n"
    "\n"
    "Options:\n"
    "  --source NAME     outlet for articles that do not name one\n"
    "  --id ID           id of a single plain-text article read from stdin\n"
    "  --format FMT      text or jsonl: override detection by name\n"
    "  --batch N         articles per transaction (default 10000; a batch\n"
    "                    also ends at 64 MiB of text)\n"
    "  plus the global options (--db, --json, --quiet, --verbose, --max-*)\n"
    "\n"
    "Examples:\n"
    "  crossread add examples/seeds\n"
    "  crossread add --source kyiv-independent story.txt\n"
    "  crossread --db news.db add archive/2024-*.jsonl.gz\n"
    "  curl -s https://example.org/feed.jsonl | crossread add -\n"
    "\n"
    "Bad input (invalid UTF-8, malformed JSON, empty or binary files, articles\n"
    "over a limit) gets one error line naming file, line and column; the rest\n"
    "still goes in and the exit status is 1. The summary goes to stdout.\n";

typedef struct add_ctx {
    cli_opts *o;
    cr_store *st;
    cli_progress prog;
    long added, same_id, same_content, failed;
    int fatal;
} add_ctx;

static int on_article(void *vctx, cr_article *a, const char *where)
{
    add_ctx *c = vctx;
    cr_doc *doc = NULL;
    cr_add_result res = CR_ADD_NEW;
    cr_error err;
    char existing[256];
    cr_status rc;

    memset(&err, 0, sizeof err);
    existing[0] = '\0';
    if (!a->published)
        cr_article_infer_date(a);
    rc = cr_doc_analyze(a->text, a->text_len, a->lang, &c->o->lim, &doc);
    if (rc != CR_OK) {
        fprintf(stderr, "crossread: %s: article %s: %s\n", where, a->id,
                cr_strerror(rc));
        c->failed++;
        goto done;
    }
    rc = cr_store_add(c->st, a, doc, &res, existing, sizeof existing, &err);
    if (rc != CR_OK) {
        fprintf(stderr, "crossread: %s: article %s: %s: %s\n", where, a->id,
                cr_strerror(rc), err.msg);
        c->failed++;
        if (rc == CR_ESTORE)
            c->fatal = 1;
        goto done;
    }
    switch (res) {
    case CR_ADD_NEW:
        c->added++;
        if (c->o->verbose)
            fprintf(stderr, "added %s (%s)\n", a->id, cr_doc_lang(doc));
        break;
    case CR_ADD_SAME_ID:
        c->same_id++;
        if (c->o->verbose)
            fprintf(stderr, "skipped %s: already stored\n", a->id);
        break;
    case CR_ADD_SAME_CONTENT:
        c->same_content++;
        if (c->o->verbose)
            fprintf(stderr, "skipped %s: same text as stored %s\n", a->id,
                    existing);
        break;
    }
done:
    cli_progress_tick(&c->prog, c->added + c->same_id + c->same_content,
                      "articles");
    cr_doc_free(doc);
    cr_article_clear(a);
    return c->fatal;
}

int cmd_add(int argc, char **argv, cli_opts *o)
{
    add_ctx c;
    cli_input in;
    cr_error err;
    int i, npaths = 0, rc = EXIT_OK;
    unsigned long batch = 0; /* 0: the library's default */
    char **paths = calloc((size_t)argc + 1, sizeof *paths);
    double t0;

    memset(&c, 0, sizeof c);
    memset(&in, 0, sizeof in);
    if (!paths)
        return EXIT_FATAL;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        int g;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(help, stdout);
            free(paths);
            return EXIT_OK;
        }
        if (strcmp(a, "--source") == 0 || strcmp(a, "--id") == 0 ||
            strcmp(a, "--format") == 0 || strcmp(a, "--batch") == 0) {
            const char *v = i + 1 < argc ? argv[++i] : NULL;
            if (!v) {
                free(paths);
                return cli_usage_error("add", "%s needs a value", a);
            }
            if (a[2] == 's')
                in.source = v;
            else if (a[2] == 'i')
                in.id = v;
            else if (a[2] == 'b') {
                char *end;
                batch = strtoul(v, &end, 10);
                if (*end || batch == 0 || batch > 1000000) {
                    free(paths);
                    return cli_usage_error("add", "--batch needs 1..1000000");
                }
            } else if (strcmp(v, "text") == 0)
                in.format = CLI_FMT_TEXT;
            else if (strcmp(v, "jsonl") == 0)
                in.format = CLI_FMT_JSONL;
            else {
                free(paths);
                return cli_usage_error("add", "--format is text or jsonl");
            }
            continue;
        }
        if (a[0] == '-' && a[1]) {
            g = cli_global_opt(argc, argv, &i, o);
            if (g < 0) {
                free(paths);
                return EXIT_USAGE;
            }
            if (g == 0) {
                free(paths);
                return cli_usage_error("add", "unknown option '%s'", a);
            }
            continue;
        }
        paths[npaths++] = argv[i];
    }
    if (npaths == 0) {
        free(paths);
        return cli_usage_error("add", "no PATH to add");
    }
    c.o = o;
    c.st = cli_open_store(o);
    if (!c.st) {
        free(paths);
        return EXIT_FATAL;
    }
    if (batch)
        cr_store_set_batch(c.st, (unsigned)batch);
    in.lim = &o->lim;
    in.on_article = on_article;
    in.ctx = &c;
    cli_progress_start(&c.prog, o->progress && !o->quiet);
    t0 = cli_now();
    cli_read_paths(&in, paths, npaths);
    memset(&err, 0, sizeof err);
    if (cr_store_flush(c.st, &err) != CR_OK) {
        fprintf(stderr, "crossread: cannot commit to %s: %s\n", o->db, err.msg);
        c.fatal = 1;
    }
    cr_store_close(c.st);
    cli_progress_end(&c.prog);
    if (o->json) {
        printf("{\"added\":%ld,\"same_id\":%ld,\"same_content\":%ld,"
               "\"rejected\":%ld,\"seconds\":%.3f,\"db\":",
               c.added, c.same_id, c.same_content, in.errors + c.failed,
               cli_now() - t0);
        json_cstr(stdout, o->db);
        puts("}");
    } else {
        printf("added %ld new article%s", c.added, c.added == 1 ? "" : "s");
        if (c.same_id || c.same_content)
            printf("; %ld already stored (%ld same id, %ld same text)",
                   c.same_id + c.same_content, c.same_id, c.same_content);
        if (in.errors + c.failed)
            printf("; %ld rejected (see errors above)", in.errors + c.failed);
        printf(" — %s\n", o->db);
    }
    if (c.fatal)
        rc = EXIT_FATAL;
    else if (in.errors + c.failed)
        rc = EXIT_INPUT;
    free(paths);
    return rc;
}
