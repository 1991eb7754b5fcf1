/*
 * cmd_compare.c — `crossread compare FILE...` and `crossread show STORY`:
 * the coverage of one story side by side. compare needs no store: it reads
 * files, directories, JSON Lines and stdin like `add` and compares all it
 * read as one story. show compares the articles of a stored story (its
 * copies, found by near-duplicate detection, are listed under the article
 * they copy rather than compared again). Both write the report in the
 * chosen format (report_*.c).
 */
#include "report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char help[] =
    "Usage: crossread compare [OPTIONS] FILE|DIR|- ...\n"
    "\n"
    "Compare how several articles cover one story, without a store: who\n"
    "reported it and when, which quotations are the same words in several\n"
    "outlets (with a word diff of each pair), the quotations only one outlet\n"
    "carries, the facts all outlets report, what only one reports, and where\n"
    "aligned passages differ in numbers, names or framing. Inputs are read as\n"
    "by `crossread add` (text files with an optional \" date YYYY-MM-DD \"\n"
    "marker, JSON Lines, directories, gzip, - for stdin).\n"
    "\n"
    "Options:\n"
    "  --format F        text (default), json, md or html\n"
    "  -o, --output PATH write the report to PATH instead of stdout\n"
    "  --color WHEN      text colors: auto (default: when stdout is a\n"
    "                    terminal), always, never\n"
    "  --width N         text: columns to fit (default 100)\n"
    "  --title TEXT      a title for the report\n"
    "  --quote-min X     similarity from which two quotations are the same\n"
    "                    words, 0..1 (default 0.34)\n"
    "  --fact-min X      similarity from which two sentences report the same\n"
    "                    fact, 0..1 (default 0.20)\n"
    "  --source NAME     outlet for inputs that name none\n"
    "\n"
    "The JSON schema is in docs/JSON.md (\"compare\"); the method in\n"
    "docs/ALGORITHMS.md (\"Comparison\").\n"
    "\n"
    "Examples:\n"
    "  crossread compare examples/seeds/*\n"
    "  crossread compare --format html -o seeds.html examples/seeds/*\n"
    "  crossread compare --format json a.txt b.txt | jq '.differences'\n";

static const char show_help[] =
    "Usage: crossread show [OPTIONS] STORY\n"
    "\n"
    "Compare the coverage of stored story STORY (an ID from `crossread\n"
    "stories`): the report of `crossread compare` over its articles. Copies\n"
    "of an article (syndicated or republished, see `crossread dups`) are\n"
    "listed with their outlet and time under the article they copy.\n"
    "\n"
    "Options: --format, -o/--output, --color, --width, --quote-min,\n"
    "--fact-min as for `crossread compare` (see compare --help); --title\n"
    "replaces the story's label; --db PATH names the store.\n"
    "\n"
    "Examples:\n"
    "  crossread add examples/seeds && crossread stories\n"
    "  crossread show 1\n"
    "  crossread show --format html -o story-1.html 1\n";

typedef struct cmp_ctx {
    cr_compare *c;
    const cr_limits *lim;
    long failed;
} cmp_ctx;

static int on_article(void *vctx, cr_article *a, const char *where)
{
    cmp_ctx *x = vctx;
    cr_error err;
    cr_status rc;
    memset(&err, 0, sizeof err);
    if (!a->published)
        cr_article_infer_date(a);
    rc = cr_compare_add(x->c, a, x->lim, &err);
    if (rc != CR_OK) {
        fprintf(stderr, "crossread compare: %s: %s\n", where,
                err.msg[0] ? err.msg : cr_strerror(rc));
        x->failed++;
    }
    cr_article_clear(a);
    return rc == CR_ENOMEM;
}

/* Parse a similarity in [0, 1]. */
static int parse_unit(const char *s, double *out)
{
    char *end;
    double v;
    if (!s || !*s)
        return -1;
    v = strtod(s, &end);
    if (*end || !(v >= 0 && v <= 1))
        return -1;
    *out = v;
    return 0;
}

/* What the options of compare and show set. */
typedef struct cmp_args {
    cr_compare_opts co;
    report_opts ro;
    const char *output, *color, *source;
    char **paths;       /* compare: inputs; show: the story ID */
    int npaths;
} cmp_args;

/* Parse the options of `cmd`; the other arguments go to a->paths. Returns
 * -1 to go on, else the exit code. */
static int parse_args(int argc, char **argv, cli_opts *o, const char *cmd,
                      const char *help_text, cmp_args *a)
{
    int i;
    cr_compare_opts_default(&a->co);
    memset(&a->ro, 0, sizeof a->ro);
    a->ro.width = 100;
    a->color = "auto";
    a->output = a->source = NULL;
    a->npaths = 0;
    a->paths = calloc((size_t)argc + 1, sizeof *a->paths);
    if (!a->paths)
        return EXIT_FATAL;
    for (i = 1; i < argc; i++) {
        const char *x = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int g;
        if (strcmp(x, "-h") == 0 || strcmp(x, "--help") == 0) {
            fputs(help_text, stdout);
            return EXIT_OK;
        }
        if (strcmp(x, "--format") == 0) {
            if (!v) goto missing;
            if (strcmp(v, "text") == 0) a->ro.format = REPORT_TEXT;
            else if (strcmp(v, "json") == 0) a->ro.format = REPORT_JSON;
            else if (strcmp(v, "md") == 0) a->ro.format = REPORT_MD;
            else if (strcmp(v, "html") == 0) a->ro.format = REPORT_HTML;
            else
                return cli_usage_error(cmd, "--format is text, json, md or "
                                       "html, not '%s'", v);
            i++;
        } else if (strcmp(x, "-o") == 0 || strcmp(x, "--output") == 0) {
            if (!v) goto missing;
            a->output = v;
            i++;
        } else if (strcmp(x, "--color") == 0) {
            if (!v) goto missing;
            if (strcmp(v, "auto") && strcmp(v, "always") && strcmp(v, "never"))
                return cli_usage_error(cmd, "--color is auto, always or "
                                       "never, not '%s'", v);
            a->color = v;
            i++;
        } else if (strcmp(x, "--width") == 0) {
            char *end;
            long w;
            if (!v) goto missing;
            w = strtol(v, &end, 10);
            if (*end || w < 40 || w > 1000)
                return cli_usage_error(cmd, "--width is 40..1000");
            a->ro.width = (int)w;
            i++;
        } else if (strcmp(x, "--title") == 0) {
            if (!v) goto missing;
            a->ro.title = v;
            i++;
        } else if (strcmp(x, "--quote-min") == 0 ||
                   strcmp(x, "--fact-min") == 0) {
            double d;
            if (!v) goto missing;
            if (parse_unit(v, &d))
                return cli_usage_error(cmd, "%s is a number in 0..1, not "
                                       "'%s'", x, v);
            if (x[2] == 'q')
                a->co.quote_min = d;
            else
                a->co.fact_min = d;
            i++;
        } else if (strcmp(x, "--source") == 0) {
            if (!v) goto missing;
            a->source = v;
            i++;
        } else if ((g = cli_global_opt(argc, argv, &i, o)) != 0) {
            if (g < 0)
                return EXIT_USAGE;
        } else if (x[0] == '-' && x[1]) {
            return cli_usage_error(cmd, "unknown option '%s'", x);
        } else {
            a->paths[a->npaths++] = argv[i];
        }
        continue;
    missing:
        return cli_usage_error(cmd, "%s needs a value", x);
    }
    return -1;
}

/* Run the comparison and write the report. */
static int finish(cr_compare *c, cmp_args *a, const char *cmd, int rc)
{
    cr_error err;
    cr_status st;
    FILE *f = stdout;
    memset(&err, 0, sizeof err);
    if ((st = cr_compare_run(c, &err)) != CR_OK) {
        fprintf(stderr, "crossread %s: %s\n", cmd,
                err.msg[0] ? err.msg : cr_strerror(st));
        return EXIT_FATAL;
    }
    if (a->output && !(f = fopen(a->output, "w"))) {
        fprintf(stderr, "crossread %s: cannot write %s: %s\n", cmd, a->output,
                strerror(errno));
        return EXIT_FATAL;
    }
    a->ro.color = strcmp(a->color, "always") == 0 ||
                  (strcmp(a->color, "auto") == 0 && !a->output && isatty(1) &&
                   !getenv("NO_COLOR"));
    switch (a->ro.format) {
    case REPORT_JSON: report_json(f, c, &a->ro); break;
    case REPORT_MD: report_md(f, c, &a->ro); break;
    case REPORT_HTML: report_html(f, c, &a->ro); break;
    default: report_text(f, c, &a->ro);
    }
    if (ferror(f) || (f != stdout && fclose(f) != 0)) {
        fprintf(stderr, "crossread %s: write error%s%s\n", cmd,
                a->output ? " on " : "", a->output ? a->output : "");
        rc = EXIT_FATAL;
    }
    return rc;
}

int cmd_compare(int argc, char **argv, cli_opts *o)
{
    cmp_args a;
    cmp_ctx x;
    cli_input in;
    cr_status st;
    int rc = parse_args(argc, argv, o, "compare", help, &a);

    if (rc >= 0) {
        free(a.paths);
        return rc;
    }
    if (a.npaths == 0) {
        free(a.paths);
        return cli_usage_error("compare", "no articles given (try "
                               "`crossread compare examples/seeds/*`)");
    }
    memset(&x, 0, sizeof x);
    memset(&in, 0, sizeof in);
    if ((st = cr_compare_new(&a.co, &x.c)) != CR_OK) {
        free(a.paths);
        fprintf(stderr, "crossread compare: %s\n", cr_strerror(st));
        return EXIT_FATAL;
    }
    x.lim = &o->lim;
    in.lim = &o->lim;
    in.source = a.source;
    in.on_article = on_article;
    in.ctx = &x;
    cli_read_paths(&in, a.paths, a.npaths);
    free(a.paths);
    if (cr_compare_narticles(x.c) == 0) {
        fprintf(stderr, "crossread compare: no article could be read\n");
        cr_compare_free(x.c);
        return EXIT_INPUT;
    }
    rc = finish(x.c, &a, "compare",
                in.errors + x.failed ? EXIT_INPUT : EXIT_OK);
    cr_compare_free(x.c);
    return rc;
}

/* --- show ----------------------------------------------------------------- */

typedef struct show_ctx {
    report_copy *copies;
    size_t ncopies, capcopies;
    int64_t *keys;          /* members the clusterer took: compared */
    size_t nkeys, capkeys;
    char *label;
    int oom;
} show_ctx;

static int on_story(const cr_stored_story *s, void *vctx)
{
    show_ctx *c = vctx;
    if (s->label && *s->label && !(c->label = strdup(s->label)))
        c->oom = 1;
    return c->oom;
}

static char *dup_opt(const char *s, int *oom)
{
    char *d;
    if (!s)
        return NULL;
    if (!(d = strdup(s)))
        *oom = 1;
    return d;
}

static int on_member(const cr_story_article *m, void *vctx)
{
    show_ctx *c = vctx;
    if (m->clustered || !m->copy_of) {
        if (c->nkeys == c->capkeys) {
            size_t cap = c->capkeys ? 2 * c->capkeys : 32;
            int64_t *k = realloc(c->keys, cap * sizeof *k);
            if (!k)
                return c->oom = 1;
            c->keys = k;
            c->capkeys = cap;
        }
        c->keys[c->nkeys++] = m->key;
        return 0;
    }
    if (c->ncopies == c->capcopies) {
        size_t cap = c->capcopies ? 2 * c->capcopies : 16;
        report_copy *k = realloc(c->copies, cap * sizeof *k);
        if (!k)
            return c->oom = 1;
        c->copies = k;
        c->capcopies = cap;
    }
    {
        report_copy *r = &c->copies[c->ncopies++];
        r->id = dup_opt(m->id, &c->oom);
        r->source = dup_opt(m->source, &c->oom);
        r->published = dup_opt(m->published, &c->oom);
        r->copy_of = dup_opt(m->copy_of, &c->oom);
    }
    return c->oom;
}

static void show_free(show_ctx *c)
{
    size_t i;
    for (i = 0; i < c->ncopies; i++) {
        free((char *)c->copies[i].id);
        free((char *)c->copies[i].source);
        free((char *)c->copies[i].published);
        free((char *)c->copies[i].copy_of);
    }
    free(c->copies);
    free(c->keys);
    free(c->label);
}

int cmd_show(int argc, char **argv, cli_opts *o)
{
    cmp_args a;
    show_ctx s;
    cr_store *st = NULL;
    cr_compare *c = NULL;
    cr_error err;
    cr_status r;
    long long id;
    size_t i;
    int rc = parse_args(argc, argv, o, "show", show_help, &a);

    if (rc >= 0) {
        free(a.paths);
        return rc;
    }
    if (a.npaths != 1) {
        free(a.paths);
        return cli_usage_error("show", "which story? (one ID from "
                                       "`crossread stories`)");
    }
    rc = cli_story_id("show", a.paths[0], &id);
    free(a.paths);
    if (rc)
        return rc;
    memset(&s, 0, sizeof s);
    memset(&err, 0, sizeof err);
    if (!(st = cli_open_store(o)))
        return EXIT_FATAL;
    r = cr_store_story_get(st, (int64_t)id, on_story, &s, &err);
    if (r == CR_OK)
        r = cr_store_story_articles(st, (int64_t)id, on_member, &s, &err);
    if (r == CR_ENOTFOUND) {
        fprintf(stderr, "crossread show: no story %lld in %s\n", id, o->db);
        rc = EXIT_NOTFOUND;
        goto done;
    }
    if (r == CR_OK && s.oom)
        r = CR_ENOMEM;
    if (r == CR_OK)
        r = cr_compare_new(&a.co, &c);
    for (i = 0; r == CR_OK && i < s.nkeys; i++) {
        cr_stored one;
        memset(&one, 0, sizeof one);
        r = cr_store_get_key(st, s.keys[i], &one, &err);
        if (r == CR_OK)
            r = cr_compare_add(c, &one.article, &o->lim, &err);
        cr_stored_clear(&one);
    }
    if (r != CR_OK) {
        fprintf(stderr, "crossread show: story %lld: %s%s%s\n", id,
                cr_strerror(r), err.msg[0] ? ": " : "", err.msg);
        rc = EXIT_FATAL;
        goto done;
    }
    if (!a.ro.title)
        a.ro.title = s.label;
    a.ro.copies = s.copies;
    a.ro.ncopies = s.ncopies;
    rc = finish(c, &a, "show", EXIT_OK);
done:
    cr_compare_free(c);
    cr_store_close(st);
    show_free(&s);
    return rc;
}
