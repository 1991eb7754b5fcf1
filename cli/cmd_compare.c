/*
 * cmd_compare.c — `crossread compare FILE...`: the coverage of the given
 * articles side by side, no store needed. Reads files, directories, JSON
 * Lines and stdin like `add`, compares everything it read as one story and
 * writes the report in the chosen format.
 */
#include "report.h"

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

int cmd_compare(int argc, char **argv, cli_opts *o)
{
    cr_compare_opts co;
    report_opts ro;
    cmp_ctx x;
    cli_input in;
    const char *output = NULL, *color = "auto", *source = NULL;
    char **paths;
    int npaths = 0, i, rc;
    FILE *f = stdout;
    cr_error err;
    cr_status st;

    cr_compare_opts_default(&co);
    memset(&ro, 0, sizeof ro);
    ro.width = 100;
    paths = calloc((size_t)argc + 1, sizeof *paths);
    if (!paths)
        return EXIT_FATAL;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        int g;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(help, stdout);
            free(paths);
            return EXIT_OK;
        }
        if (strcmp(a, "--format") == 0) {
            if (!v) goto missing;
            if (strcmp(v, "text") == 0) ro.format = REPORT_TEXT;
            else if (strcmp(v, "json") == 0) ro.format = REPORT_JSON;
            else if (strcmp(v, "md") == 0) ro.format = REPORT_MD;
            else if (strcmp(v, "html") == 0) ro.format = REPORT_HTML;
            else {
                free(paths);
                return cli_usage_error("compare", "--format is text, json, "
                                       "md or html, not '%s'", v);
            }
            i++;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            if (!v) goto missing;
            output = v;
            i++;
        } else if (strcmp(a, "--color") == 0) {
            if (!v) goto missing;
            if (strcmp(v, "auto") && strcmp(v, "always") && strcmp(v, "never")) {
                free(paths);
                return cli_usage_error("compare", "--color is auto, always "
                                       "or never, not '%s'", v);
            }
            color = v;
            i++;
        } else if (strcmp(a, "--width") == 0) {
            char *end;
            long w;
            if (!v) goto missing;
            w = strtol(v, &end, 10);
            if (*end || w < 40 || w > 1000) {
                free(paths);
                return cli_usage_error("compare", "--width is 40..1000");
            }
            ro.width = (int)w;
            i++;
        } else if (strcmp(a, "--title") == 0) {
            if (!v) goto missing;
            ro.title = v;
            i++;
        } else if (strcmp(a, "--quote-min") == 0 ||
                   strcmp(a, "--fact-min") == 0) {
            double d;
            if (!v) goto missing;
            if (parse_unit(v, &d)) {
                free(paths);
                return cli_usage_error("compare", "%s is a number in 0..1, "
                                       "not '%s'", a, v);
            }
            if (a[2] == 'q')
                co.quote_min = d;
            else
                co.fact_min = d;
            i++;
        } else if (strcmp(a, "--source") == 0) {
            if (!v) goto missing;
            source = v;
            i++;
        } else if ((g = cli_global_opt(argc, argv, &i, o)) != 0) {
            if (g < 0) {
                free(paths);
                return EXIT_USAGE;
            }
        } else if (a[0] == '-' && a[1]) {
            free(paths);
            return cli_usage_error("compare", "unknown option '%s'", a);
        } else {
            paths[npaths++] = argv[i];
        }
        continue;
    missing:
        free(paths);
        return cli_usage_error("compare", "%s needs a value", a);
    }
    if (npaths == 0) {
        free(paths);
        return cli_usage_error("compare", "no articles given (try "
                               "`crossread compare examples/seeds/*`)");
    }
    memset(&x, 0, sizeof x);
    memset(&in, 0, sizeof in);
    memset(&err, 0, sizeof err);
    if ((st = cr_compare_new(&co, &x.c)) != CR_OK) {
        free(paths);
        fprintf(stderr, "crossread compare: %s\n", cr_strerror(st));
        return EXIT_FATAL;
    }
    x.lim = &o->lim;
    in.lim = &o->lim;
    in.source = source;
    in.on_article = on_article;
    in.ctx = &x;
    cli_read_paths(&in, paths, npaths);
    free(paths);
    if (cr_compare_narticles(x.c) == 0) {
        fprintf(stderr, "crossread compare: no article could be read\n");
        cr_compare_free(x.c);
        return EXIT_INPUT;
    }
    if ((st = cr_compare_run(x.c, &err)) != CR_OK) {
        fprintf(stderr, "crossread compare: %s\n",
                err.msg[0] ? err.msg : cr_strerror(st));
        cr_compare_free(x.c);
        return EXIT_FATAL;
    }
    if (output && !(f = fopen(output, "w"))) {
        fprintf(stderr, "crossread compare: cannot write %s\n", output);
        cr_compare_free(x.c);
        return EXIT_FATAL;
    }
    ro.color = strcmp(color, "always") == 0 ||
               (strcmp(color, "auto") == 0 && !output && isatty(1) &&
                !getenv("NO_COLOR"));
    switch (ro.format) {
    case REPORT_JSON: report_json(f, x.c, &ro); break;
    case REPORT_MD: report_md(f, x.c, &ro); break;
    case REPORT_HTML: report_html(f, x.c, &ro); break;
    default: report_text(f, x.c, &ro);
    }
    rc = in.errors + x.failed ? EXIT_INPUT : EXIT_OK;
    if (ferror(f) || (f != stdout && fclose(f) != 0)) {
        fprintf(stderr, "crossread compare: write error%s%s\n",
                output ? " on " : "", output ? output : "");
        rc = EXIT_FATAL;
    }
    cr_compare_free(x.c);
    return rc;
}
