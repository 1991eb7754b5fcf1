/*
 * cmd_inspect.c — `crossread inspect`: everything crossread knows about one
 * article — metadata, language, paragraphs, sentences and, on request,
 * tokens — from the store (by id) or straight from a file (--file). The
 * --tokens/--sentences/--paragraphs listings are also the format of the
 * spec tests in tests/spec/.
 */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

static const char help[] =
    "Usage: crossread inspect [OPTIONS] ID\n"
    "       crossread inspect [OPTIONS] --file PATH\n"
    "\n"
    "Show one article: metadata, language, paragraphs and sentences with byte\n"
    "offsets into its text. With --file, PATH (a plain-text article, or the\n"
    "first record of a .jsonl file) is analysed without a store.\n"
    "\n"
    "Options:\n"
    "  --file PATH     analyse a file instead of a stored article\n"
    "  --paragraphs    print only paragraphs:  START<TAB>END<TAB>TEXT\n"
    "  --sentences     print only sentences:   START<TAB>END<TAB>TEXT\n"
    "  --tokens        print only tokens:      START<TAB>END<TAB>KIND<TAB>FLAGS<TAB>TEXT\n"
    "  --json          everything as one JSON object (tokens included with --tokens)\n"
    "\n"
    "Examples:\n"
    "  crossread inspect 004_6fa277031cd45622\n"
    "  crossread inspect --file examples/seeds/000_ff2d2d851122c57f.txt --sentences\n"
    "  crossread inspect --json --tokens 10_13ecbplus | jq '.tokens | length'\n";

static const char *kind_name(uint8_t k)
{
    switch (k) {
    case CR_TOK_WORD: return "word";
    case CR_TOK_NUMBER: return "number";
    case CR_TOK_PUNCT: return "punct";
    case CR_TOK_QUOTE: return "quote";
    default: return "symbol";
    }
}

static void flags_str(uint8_t f, char out[20])
{
    out[0] = '\0';
    if (f & CR_QUOTE_OPEN)
        strcat(out, "open");
    if (f & CR_QUOTE_CLOSE)
        strcat(out, out[0] ? ",close" : "close");
    if (f & CR_TOK_CAPITALIZED)
        strcat(out, out[0] ? ",cap" : "cap");
    if (!out[0])
        strcat(out, "-");
}

/* Text with newlines and tabs turned into spaces. */
static void put_flat(const char *s, size_t len)
{
    size_t i;
    for (i = 0; i < len; i++)
        putchar(s[i] == '\n' || s[i] == '\t' || s[i] == '\r' ? ' ' : s[i]);
}

static void list_spans(const char *text, const cr_span *sp, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        printf("%u\t%u\t", (unsigned)sp[i].start, (unsigned)sp[i].end);
        put_flat(text + sp[i].start, sp[i].end - sp[i].start);
        putchar('\n');
    }
}

static void json_spans(const char *key, const char *text, const cr_span *sp,
                       size_t n, int *first)
{
    size_t i;
    json_key(stdout, key, first);
    putchar('[');
    for (i = 0; i < n; i++) {
        printf("%s{\"start\":%u,\"end\":%u,\"text\":", i ? "," : "",
               (unsigned)sp[i].start, (unsigned)sp[i].end);
        json_str(stdout, text + sp[i].start, sp[i].end - sp[i].start);
        putchar('}');
    }
    putchar(']');
}


/* Read a whole (possibly gzipped) file through the input walker. */
typedef struct grab {
    cr_article a;
    int got;
} grab;

static int grab_one(void *ctx, cr_article *a, const char *where)
{
    grab *g = ctx;
    (void)where;
    g->a = *a; /* take ownership */
    memset(a, 0, sizeof *a);
    g->got = 1;
    return 1;
}

int cmd_inspect(int argc, char **argv, cli_opts *o)
{
    const char *id = NULL, *file = NULL;
    int want_tok = 0, want_sent = 0, want_para = 0, i, rc = EXIT_OK;
    cr_stored s;
    cr_doc *doc = NULL;
    cr_status st;
    const cr_article *a;
    size_t nt, ns, np, k;
    const cr_token *tok;
    const cr_span *sent, *para;
    grab g;
    cr_extraction ex;      /* stored (or, with --file, made) extraction */
    int have_x = 0;

    memset(&s, 0, sizeof s);
    memset(&ex, 0, sizeof ex);
    memset(&g, 0, sizeof g);
    for (i = 1; i < argc; i++) {
        const char *x = argv[i];
        if (strcmp(x, "-h") == 0 || strcmp(x, "--help") == 0) {
            fputs(help, stdout);
            return EXIT_OK;
        }
        if (strcmp(x, "--tokens") == 0) {
            want_tok = 1;
        } else if (strcmp(x, "--sentences") == 0) {
            want_sent = 1;
        } else if (strcmp(x, "--paragraphs") == 0) {
            want_para = 1;
        } else if (strcmp(x, "--file") == 0) {
            if (i + 1 >= argc)
                return cli_usage_error("inspect", "--file needs a path");
            file = argv[++i];
        } else if (x[0] == '-' && x[1]) {
            int gopt = cli_global_opt(argc, argv, &i, o);
            if (gopt < 0)
                return EXIT_USAGE;
            if (gopt == 0)
                return cli_usage_error("inspect", "unknown option '%s'", x);
        } else if (!id) {
            id = x;
        } else {
            return cli_usage_error("inspect", "one ID at a time");
        }
    }
    if (!id == !file)
        return cli_usage_error("inspect", "give an ID or --file PATH");

    if (file) {
        cli_input in;
        char *paths[1];
        memset(&in, 0, sizeof in);
        in.lim = &o->lim;
        in.on_article = grab_one;
        in.ctx = &g;
        paths[0] = (char *)file;
        cli_read_paths(&in, paths, 1);
        if (!g.got)
            return EXIT_INPUT;
        if (!g.a.published)
            cr_article_infer_date(&g.a);
        s.article = g.a;
        s.sentences = s.tokens = -1;
    } else {
        cr_store *store = cli_open_store(o);
        cr_error err;
        if (!store)
            return EXIT_FATAL;
        memset(&err, 0, sizeof err);
        st = cr_store_get(store, id, &s, &err);
        /* what extraction found, when it was stored with the article */
        if (st == CR_OK)
            have_x = cr_store_get_extraction(store, s.key, &ex, NULL) == CR_OK;
        cr_store_close(store);
        if (st == CR_ENOTFOUND) {
            fprintf(stderr, "crossread: inspect: no article '%s' in %s\n", id,
                    o->db);
            return EXIT_NOTFOUND;
        }
        if (st != CR_OK) {
            fprintf(stderr, "crossread: inspect: %s: %s\n", cr_strerror(st),
                    err.msg);
            return EXIT_FATAL;
        }
    }
    a = &s.article;
    st = cr_doc_analyze(a->text, a->text_len,
                        file ? a->lang : (s.lang_detected ? NULL : a->lang),
                        &o->lim, &doc);
    if (st != CR_OK) {
        fprintf(stderr, "crossread: inspect: %s\n", cr_strerror(st));
        rc = EXIT_FATAL;
        goto done;
    }
    tok = cr_doc_tokens(doc, &nt);
    sent = cr_doc_sentences(doc, &ns);
    para = cr_doc_paragraphs(doc, &np);
    if (file && o->json) {
        const char *stage;
        have_x = cli_extract(a, doc, &o->lim, &ex, &stage) == CR_OK;
    }

    if (o->json) {
        int first = 1;
        putchar('{');
        json_key(stdout, "id", &first);
        json_cstr(stdout, a->id);
        json_key(stdout, "source", &first);
        json_cstr(stdout, a->source);
        json_key(stdout, "url", &first);
        json_cstr(stdout, a->url);
        json_key(stdout, "title", &first);
        json_cstr(stdout, a->title);
        json_key(stdout, "published", &first);
        json_cstr(stdout, a->published);
        json_key(stdout, "published_how", &first);
        json_cstr(stdout, cli_date_how_name(a->published_how));
        json_key(stdout, "lang", &first);
        json_cstr(stdout, cr_doc_lang(doc));
        json_key(stdout, "lang_reliable", &first);
        fputs(cr_doc_lang_reliable(doc) ? "true" : "false", stdout);
        json_key(stdout, "bytes", &first);
        printf("%zu", a->text_len);
        json_key(stdout, "text", &first);
        json_str(stdout, a->text, a->text_len);
        json_spans("paragraphs", a->text, para, np, &first);
        json_spans("sentences", a->text, sent, ns, &first);
        json_key(stdout, "token_count", &first);
        printf("%zu", nt);
        if (want_tok) {
            json_key(stdout, "tokens", &first);
            putchar('[');
            for (k = 0; k < nt; k++) {
                char fl[20];
                flags_str(tok[k].flags, fl);
                printf("%s{\"start\":%u,\"end\":%u,\"kind\":\"%s\",\"flags\":\"%s\"}",
                       k ? "," : "", (unsigned)tok[k].start,
                       (unsigned)tok[k].end, kind_name(tok[k].kind), fl);
            }
            putchar(']');
        }
        if (have_x)
            json_extraction(stdout, a->text, &ex, &first);
        puts("}");
        goto done;
    }
    if (want_para || want_sent || want_tok) {
        if (want_para)
            list_spans(a->text, para, np);
        if (want_sent)
            list_spans(a->text, sent, ns);
        if (want_tok)
            for (k = 0; k < nt; k++) {
                char fl[20];
                flags_str(tok[k].flags, fl);
                printf("%u\t%u\t%s\t%s\t", (unsigned)tok[k].start,
                       (unsigned)tok[k].end, kind_name(tok[k].kind), fl);
                put_flat(a->text + tok[k].start, tok[k].end - tok[k].start);
                putchar('\n');
            }
        goto done;
    }
    printf("id:         %s\n", a->id);
    printf("source:     %s\n", a->source ? a->source : "-");
    if (a->url)
        printf("url:        %s\n", a->url);
    if (a->title)
        printf("title:      %s\n", a->title);
    printf("published:  %s%s%s%s\n", a->published ? a->published : "unknown",
           a->published ? " (" : "",
           a->published ? cli_date_how_name(a->published_how) : "",
           a->published ? ")" : "");
    printf("language:   %s%s\n", cr_doc_lang(doc),
           cr_doc_lang_reliable(doc) ? "" : " (unreliable)");
    printf("size:       %zu bytes, %zu paragraphs, %zu sentences, %zu tokens\n",
           a->text_len, np, ns, nt);
    if (!file)
        printf("stored:     %s, content hash %s\n", s.ingested, s.content_hash);
    printf("\nsentences (byte offsets):\n");
    for (k = 0; k < ns; k++) {
        printf("%4zu [%u,%u) ", k + 1, (unsigned)sent[k].start,
               (unsigned)sent[k].end);
        put_flat(a->text + sent[k].start, sent[k].end - sent[k].start);
        putchar('\n');
    }
done:
    cr_extraction_clear(&ex);
    cr_doc_free(doc);
    cr_stored_clear(&s);
    return rc;
}
