/*
 * report_html.c — the comparison as one self-contained HTML page: no
 * script, no network, no external asset; styles inline. A reader sees the
 * outlets side by side: a timeline, the summary, each quotation as every
 * outlet renders it with the words that differ marked, the quotations and
 * facts only one outlet carries, the facts all carry, and the differences.
 * Headings structure the page; colors meet WCAG AA contrast and every
 * marked change also carries a text cue (strike-through, underline) so
 * color is never the only signal.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

static const char css[] =
    "body{font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;"
    "color:#1a1a1a;background:#fff;margin:0 auto;max-width:78rem;"
    "padding:1rem 1.5rem 3rem}"
    "h1{font-size:1.6rem;margin:.5rem 0}"
    "h2{font-size:1.25rem;border-bottom:2px solid #d0d7de;padding-bottom:.2rem;"
    "margin-top:2rem}"
    "h3{font-size:1.05rem;margin:1.2rem 0 .4rem}"
    ".meta{color:#4a4a4a}"
    "a{color:#0b57d0}"
    "a:focus,summary:focus{outline:3px solid #0b57d0;outline-offset:2px}"
    "table{border-collapse:collapse;width:100%}"
    "th,td{border:1px solid #d0d7de;padding:.4rem .6rem;text-align:left;"
    "vertical-align:top}"
    "th{background:#f3f5f7}"
    ".cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));"
    "gap:.8rem}"
    ".card{border:1px solid #d0d7de;border-radius:6px;padding:.6rem .8rem;"
    "background:#fafbfc}"
    ".outlet{font-weight:600;color:#1f3a5f}"
    ".first{display:inline-block;font-size:.8rem;background:#1f3a5f;color:#fff;"
    "border-radius:3px;padding:0 .35rem;margin-left:.4rem}"
    "blockquote{margin:.3rem 0;font-style:normal}"
    "del{background:#ffe0e0;color:#7a0010;text-decoration:line-through}"
    "ins{background:#d9f5dd;color:#064d17;text-decoration:underline}"
    ".only{border-left:4px solid #8a4b00;padding-left:1.8rem}"
    ".shared{border-left:4px solid #064d17;padding-left:.6rem}"
    ".kind{font-weight:600;text-transform:uppercase;font-size:.8rem;"
    "color:#8a4b00}"
    ".skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:1rem;"
    "background:#fff;padding:.3rem}"
    "ul{padding-left:1.3rem}"
    "footer{margin-top:3rem;color:#4a4a4a;font-size:.9rem}";

/* One byte of HTML text, escaped. */
static void html_char(FILE *f, char ch)
{
    switch (ch) {
    case '<': fputs("&lt;", f); break;
    case '>': fputs("&gt;", f); break;
    case '&': fputs("&amp;", f); break;
    case '"': fputs("&quot;", f); break;
    default: fputc(ch, f);
    }
}

/* t[0..len) as HTML text, runs of whitespace as one space. */
static void esc(FILE *f, const char *t, size_t len)
{
    report_collapsed(f, t, len, html_char);
}

static void escs(FILE *f, const char *s)
{
    if (s)
        esc(f, s, strlen(s));
}

static void label(FILE *f, const cr_compare *c, uint32_t art)
{
    fputs("<span class=\"outlet\">", f);
    escs(f, report_label(c, art));
    fputs("</span>", f);
}

static void span_text(FILE *f, const cr_compare *c, uint32_t art, cr_span s)
{
    size_t len;
    const char *t = report_at(c, art, s, &len);
    esc(f, t, len);
}

/* Member m of quotation group g with its changed words marked: member 0
 * against member 1 (deleted/replaced words), the others against member 0
 * (inserted/replacing words). */
static void marked(FILE *f, const cr_compare *c, const cr_cmp_group *g,
                   size_t gi, size_t m)
{
    const cr_cmp_ref *r = &g->members[m];
    size_t n = 0, k, len;
    const cr_diff_op *ops = NULL;
    const char *t = report_at(c, r->article, r->span, &len);
    uint32_t at = r->span.start, end;
    if (g->n > 1)
        ops = cr_compare_group_diff(c, 0, gi, m ? m : 1, &n);
    len = report_trim(t, len);
    end = r->span.start + (uint32_t)len;
    t -= r->span.start; /* index by article offsets */
    fputs("“", f);
    for (k = 0; k < n; k++) {
        const cr_span *s = m ? &ops[k].b : &ops[k].a;
        if (ops[k].kind == CR_DIFF_EQUAL || s->end <= s->start ||
            s->start < at || s->end > end)
            continue;
        esc(f, t + at, s->start - at);
        fputs(m ? "<ins>" : "<del>", f);
        esc(f, t + s->start, s->end - s->start);
        fputs(m ? "</ins>" : "</del>", f);
        at = s->end;
    }
    if (end > at)
        esc(f, t + at, end - at);
    fputs("”", f);
}

static void head(FILE *f, const cr_compare *c, const report_opts *o,
                 size_t n)
{
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8"
          "\">\n<meta name=\"viewport\" content=\"width=device-width, "
          "initial-scale=1\">\n<title>",
          f);
    if (o->title)
        escs(f, o->title);
    else
        fputs("Coverage compared", f);
    fprintf(f, " — crossread</title>\n<style>%s</style>\n</head>\n<body>\n"
               "<a class=\"skip\" href=\"#quotes\">Skip to the quotations"
               "</a>\n<header>\n<h1>",
            css);
    if (o->title)
        escs(f, o->title);
    else
        fputs("Coverage compared", f);
    fprintf(f, "</h1>\n<p class=\"meta\">%zu article%s side by side.</p>\n",
            n, n == 1 ? "" : "s");
    {
        char langs[200];
        if (report_languages(c, langs, sizeof langs)) {
            fputs("<p><strong>Note:</strong> the articles are in several "
                  "languages (", f);
            escs(f, langs);
            fputs("); quotations and facts are aligned within one language "
                  "only.</p>\n", f);
        }
    }
    fputs("</header>\n<main>\n", f);
}

void report_html(FILE *f, const cr_compare *c, const report_opts *o)
{
    size_t n, i, j, ng, nf, nsum, nd;
    const uint32_t *order = cr_compare_order(c, &n);
    const cr_cmp_group *g, *facts;
    const cr_cmp_diff *d;
    const uint32_t *sum;
    int any, titles = 0;

    head(f, c, o, n);
    for (i = 0; i < n; i++)
        titles |= cr_compare_article(c, i)->title != NULL;

    fputs("<section aria-labelledby=\"h-when\">\n<h2 id=\"h-when\">Who "
          "reported it, and when</h2>\n<table>\n<thead><tr><th scope=\"col\">"
          "Published</th><th scope=\"col\">Outlet</th>",
          f);
    if (titles)
        fputs("<th scope=\"col\">Title</th>", f);
    fputs("<th scope=\"col\">Sentences</th><th scope=\"col\">Quotations"
          "</th></tr></thead>\n<tbody>\n",
          f);
    for (i = 0; i < n; i++) {
        const cr_cmp_article *a = cr_compare_article(c, order[i]);
        fputs("<tr><td>", f);
        escs(f, a->published ? a->published : "undated");
        if (a->first)
            fputs("<span class=\"first\">first</span>", f);
        fputs("</td><th scope=\"row\">", f);
        label(f, c, order[i]);
        fputs("</th>", f);
        if (titles) {
            fputs("<td>", f);
            escs(f, a->title);
            fputs("</td>", f);
        }
        fprintf(f, "<td>%zu</td><td>%zu</td></tr>\n", a->nsentences,
                a->nquotes);
        for (j = 0; j < o->ncopies; j++) {
            const report_copy *k = &o->copies[j];
            if (!k->copy_of || strcmp(k->copy_of, a->id) != 0)
                continue;
            fputs("<tr><td>", f);
            escs(f, k->published ? k->published : "undated");
            fputs("</td><td>copy: ", f);
            escs(f, k->source ? k->source : k->id);
            fprintf(f, "</td><td colspan=\"%d\">a copy of ", titles ? 3 : 2);
            escs(f, report_label(c, order[i]));
            fputs("</td></tr>\n", f);
        }
    }
    fputs("</tbody>\n</table>\n</section>\n", f);

    facts = cr_compare_facts(c, &nf);
    sum = cr_compare_summary(c, &nsum);
    if (nsum) {
        fputs("<section aria-labelledby=\"h-short\">\n<h2 id=\"h-short\">In "
              "short</h2>\n<ul>\n",
              f);
        for (i = 0; i < nsum; i++) {
            const cr_cmp_group *x = &facts[sum[i]];
            fputs("<li>", f);
            span_text(f, c, x->members[0].article, x->members[0].span);
            fputs(" <span class=\"meta\">(", f);
            for (j = 0; j < x->n; j++) {
                if (j)
                    fputs(", ", f);
                escs(f, report_label(c, x->members[j].article));
            }
            fputs(")</span></li>\n", f);
        }
        fputs("</ul>\n</section>\n", f);
    }

    g = cr_compare_quote_groups(c, &ng);
    fputs("<section id=\"quotes\" aria-labelledby=\"h-quotes\">\n<h2 "
          "id=\"h-quotes\">The same words, as each outlet quotes them</h2>\n",
          f);
    for (i = 0, any = 0; i < ng && g[i].n > 1; i++, any++) {
        fprintf(f, "<h3>%zu. ", i + 1);
        escs(f, g[i].speaker ? g[i].speaker : "Speaker unresolved");
        fprintf(f, " <span class=\"meta\">— %zu outlets, similarity %.2f"
                   "</span></h3>\n<div class=\"cols\">\n",
                g[i].n, g[i].similarity);
        for (j = 0; j < g[i].n; j++) {
            fputs("<div class=\"card\">", f);
            label(f, c, g[i].members[j].article);
            fputs("<blockquote>", f);
            marked(f, c, &g[i], i, j);
            fputs("</blockquote></div>\n", f);
        }
        fputs("</div>\n", f);
    }
    if (!any)
        fputs("<p>No quotation appears in more than one article.</p>\n", f);
    for (i = 0; i < n && n > 1; i++) {
        int hd = 0, terms = 0;
        for (j = 0; j < ng; j++) {
            const cr_cmp_ref *r = &g[j].members[0];
            const char *sp;
            if (!report_only_quote(c, &g[j], order[i], 1))
                continue;
            if (!hd++) {
                fputs("<h3>Quotations only ", f);
                label(f, c, order[i]);
                fputs(" carries</h3>\n<ul class=\"only\">\n", f);
            }
            sp = report_speaker(c, r->article, r->index);
            fputs("<li><strong>", f);
            escs(f, sp ? sp : "(speaker unresolved)");
            fputs("</strong>: ", f);
            marked(f, c, &g[j], j, 0);
            fputs("</li>\n", f);
        }
        for (j = 0; j < ng; j++) {
            if (!report_only_quote(c, &g[j], order[i], 0))
                continue;
            if (!hd++) {
                fputs("<h3>Quotations only ", f);
                label(f, c, order[i]);
                fputs(" carries</h3>\n<ul class=\"only\">\n", f);
            }
            fputs(terms++ ? ", " : "<li>Quoted terms and phrases: ", f);
            marked(f, c, &g[j], j, 0);
        }
        if (terms)
            fputs("</li>\n", f);
        if (hd)
            fputs("</ul>\n", f);
    }
    fputs("</section>\n", f);

    if (n > 1) {
        fputs("<section aria-labelledby=\"h-facts\">\n<h2 id=\"h-facts\">"
              "Facts, outlet by outlet</h2>\n<table>\n<thead><tr><th "
              "scope=\"col\">Reported by</th>",
              f);
        for (i = 0; i < n; i++) {
            fputs("<th scope=\"col\">", f);
            label(f, c, order[i]);
            fputs("</th>", f);
        }
        fputs("</tr></thead>\n<tbody>\n", f);
        /* shared facts first, then those some carry, then each outlet's
         * own, outlet by outlet (facts keep their centrality order within
         * each part) */
        size_t *pass = malloc((nf ? nf : 1) * sizeof *pass), *rank;
        rank = malloc((n ? n : 1) * sizeof *rank);
        for (i = 0; pass && rank && i < n; i++)
            rank[order[i]] = i;
        for (i = 0; pass && rank && i < nf; i++)
            pass[i] = report_fact_shared(c, &facts[i]) ? 0
                      : facts[i].n > 1 ? 1
                                       : 2 + rank[facts[i].members[0].article];
        for (any = 0; pass && rank && any < 2 + (int)n; any++)
            for (i = 0; i < nf; i++) {
                const cr_cmp_group *x = &facts[i];
                int shared = report_fact_shared(c, x);
                size_t col;
                if (pass[i] != (size_t)any)
                    continue;
                fprintf(f, "<tr class=\"%s\"><th scope=\"row\">%s</th>",
                        shared ? "shared" : x->n == 1 ? "only" : "some",
                        shared ? "all" : x->n == 1 ? "only here" : "some");
                for (col = 0; col < n; col++) {
                    fputs("<td>", f);
                    for (j = 0; j < x->n; j++)
                        if (x->members[j].article == order[col])
                            span_text(f, c, x->members[j].article,
                                      x->members[j].span);
                    fputs("</td>", f);
                }
                fputs("</tr>\n", f);
            }
        free(pass);
        free(rank);
        fputs("</tbody>\n</table>\n</section>\n", f);
    }

    fputs("<section aria-labelledby=\"h-cites\">\n<h2 id=\"h-cites\">Who they "
          "cite</h2>\n<div class=\"cols\">\n",
          f);
    for (i = 0; i < n; i++) {
        size_t nc, k, shown = 0;
        char line[512];
        cr_compare_cites(c, order[i], &nc);
        fputs("<div class=\"card\">", f);
        label(f, c, order[i]);
        fputs("<ul>", f);
        for (k = 0; k < nc; k++)
            if (report_cite_line(c, order[i], k, line, sizeof line) == 1) {
                fputs("<li>", f);
                escs(f, line);
                fputs("</li>", f);
                shown++;
            }
        if (!shown)
            fputs("<li>no source named</li>", f);
        fputs("</ul></div>\n", f);
    }
    fputs("</div>\n</section>\n", f);

    d = cr_compare_differences(c, &nd);
    fputs("<section aria-labelledby=\"h-diff\">\n<h2 id=\"h-diff\">Where they "
          "differ</h2>\n",
          f);
    if (!nd)
        fputs("<p>No differences in numbers, names or framing between "
              "aligned passages.</p>\n",
              f);
    else
        fputs("<ul>\n", f);
    for (i = 0; i < nd; i++) {
        fprintf(f, "<li><span class=\"kind\">%s</span> (in a %s): ",
                report_diff_kind(d[i].kind),
                d[i].in_quote ? "quotation" : "sentence");
        label(f, c, d[i].a.article);
        fputs(" <del>", f);
        span_text(f, c, d[i].a.article, d[i].a.span);
        fputs("</del> — ", f);
        label(f, c, d[i].b.article);
        fputs(" <ins>", f);
        span_text(f, c, d[i].b.article, d[i].b.span);
        fputs("</ins></li>\n", f);
    }
    if (nd)
        fputs("</ul>\n", f);
    fputs("</section>\n</main>\n<footer><p>Made with crossread compare. "
          "<del>Struck</del> words are the first outlet's; <ins>underlined"
          "</ins> words are how another outlet renders them.</p></footer>\n"
          "</body>\n</html>\n",
          f);
}
