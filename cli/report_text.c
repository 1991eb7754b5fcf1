/*
 * report_text.c — the comparison for a terminal: sections in the order a
 * reader asks the questions (who, what it says, who quotes whom, what is
 * shared, what is only here, where they differ), wrapped to the width,
 * colored only when stdout is a terminal. Markdown (report_md.c) has the
 * same sections.
 */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#define BOLD "\033[1m"
#define DIM "\033[2m"
#define RED "\033[31m"
#define GREEN "\033[32m"
#define CYAN "\033[36m"
#define RESET "\033[0m"

typedef struct out {
    FILE *f;
    const report_opts *o;
    int col;      /* current column */
    int indent;   /* continuation indent */
} out;

static void style(out *w, const char *s)
{
    if (w->o->color)
        fputs(s, w->f);
}

static void newline(out *w)
{
    fputc('\n', w->f);
    w->col = 0;
}

/* Print text[0..len) word by word, breaking lines at the width; newlines
 * and runs of spaces in the text become one space. */
static void words(out *w, const char *t, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t j, cols = 0;
        while (i < len && (t[i] == ' ' || t[i] == '\n' || t[i] == '\t' ||
                           t[i] == '\r'))
            i++;
        if (i >= len)
            break;
        for (j = i; j < len && t[j] != ' ' && t[j] != '\n' && t[j] != '\t' &&
                    t[j] != '\r';
             j++)
            if (((unsigned char)t[j] & 0xC0) != 0x80)
                cols++;
        if (w->col > w->indent && w->col + 1 + (int)cols > w->o->width) {
            newline(w);
            fprintf(w->f, "%*s", w->indent, "");
            w->col = w->indent;
        } else if (w->col > w->indent) {
            fputc(' ', w->f);
            w->col++;
        }
        while (w->col < w->indent) {
            fputc(' ', w->f);
            w->col++;
        }
        fwrite(t + i, 1, j - i, w->f);
        w->col += (int)cols;
        i = j;
    }
}

static void cwords(out *w, const char *s)
{
    words(w, s, strlen(s));
}

/* A quotation in curly marks, its trailing comma dropped. */
static void quoted(out *w, const char *t, size_t len)
{
    char *q = malloc(len + 8);
    len = report_trim(t, len);
    if (!q) {
        words(w, t, len);
        return;
    }
    memcpy(q, "\xe2\x80\x9c", 3);
    memcpy(q + 3, t, len);
    memcpy(q + 3 + len, "\xe2\x80\x9d", 3);
    words(w, q, len + 6);
    free(q);
}

/* Columns of a UTF-8 string (one per character). */
static int columns(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* Start an item line: `lead` at column `at`, continuation at `indent`. */
static void item(out *w, int at, const char *lead, int indent)
{
    if (w->col)
        newline(w);
    fprintf(w->f, "%*s%s", at, "", lead);
    w->col = at + columns(lead);
    w->indent = indent;
}

static void heading(out *w, const char *h)
{
    if (w->col)
        newline(w);
    newline(w);
    style(w, BOLD);
    fputs(h, w->f);
    style(w, RESET);
    newline(w);
}

static void passage(out *w, const cr_compare *c, uint32_t art, cr_span s,
                    int in_marks)
{
    size_t len;
    const char *t = report_at(c, art, s, &len);
    char lead[96];
    snprintf(lead, sizeof lead, "%.40s: ", report_label(c, art));
    item(w, 4, "", 6);
    style(w, CYAN);
    cwords(w, lead);
    style(w, RESET);
    if (in_marks)
        quoted(w, t, len);
    else
        words(w, t, len);
}

/* The changes of a diff, one compact line: "strongly → deeply; − and will". */
static void changes(out *w, const cr_compare *c, const cr_cmp_group *g,
                    int facts, size_t gi, size_t m)
{
    size_t n, k, shown = 0, len;
    const cr_diff_op *ops = cr_compare_group_diff(c, facts, gi, m, &n);
    const char *t;
    for (k = 0; k < n; k++) {
        if (ops[k].kind == CR_DIFF_EQUAL)
            continue;
        if (!shown) {
            char lead[96];
            snprintf(lead, sizeof lead, "changes in %.40s: ",
                     report_label(c, g->members[m].article));
            item(w, 6, lead, 8);
        } else {
            cwords(w, "·");
        }
        shown++;
        if (ops[k].a.end > ops[k].a.start) {
            t = report_at(c, g->members[0].article, ops[k].a, &len);
            style(w, RED);
            if (ops[k].kind == CR_DIFF_DELETE)
                cwords(w, "−");
            words(w, t, len);
            style(w, RESET);
        }
        if (ops[k].kind == CR_DIFF_REPLACE)
            cwords(w, "→");
        if (ops[k].b.end > ops[k].b.start) {
            t = report_at(c, g->members[m].article, ops[k].b, &len);
            style(w, GREEN);
            if (ops[k].kind == CR_DIFF_INSERT)
                cwords(w, "+");
            words(w, t, len);
            style(w, RESET);
        }
    }
}

/* The quoted terms (fragments) only article art carries, on one line. */
static void terms(out *w, const cr_compare *c, const cr_cmp_group *g,
                  size_t ng, uint32_t art, int *head)
{
    size_t j, len, k = 0;
    char buf[128];
    for (j = 0; j < ng; j++) {
        const cr_cmp_ref *r = &g[j].members[0];
        const char *t;
        if (!report_only_quote(c, &g[j], art, 0))
            continue;
        if (!(*head)++) {
            snprintf(buf, sizeof buf, "QUOTES ONLY %s CARRIES",
                     report_label(c, art));
            heading(w, buf);
        }
        if (!k++) {
            item(w, 2, "• ", 4);
            cwords(w, "quoted terms and phrases:");
        }
        t = report_at(c, r->article, r->span, &len);
        quoted(w, t, len);
    }
}

void report_text(FILE *f, const cr_compare *c, const report_opts *o)
{
    out w = {f, o, 0, 0};
    size_t n, i, j, ng, nf, nsum;
    const uint32_t *order = cr_compare_order(c, &n);
    const cr_cmp_group *g, *facts;
    const cr_cmp_diff *d;
    const uint32_t *sum;
    char buf[256];
    int any;

    style(&w, BOLD);
    if (o->title)
        cwords(&w, o->title);
    else
        cwords(&w, "Coverage compared");
    style(&w, RESET);
    snprintf(buf, sizeof buf, "(%zu article%s)", n, n == 1 ? "" : "s");
    cwords(&w, buf);

    if (report_languages(c, buf, sizeof buf)) {
        char note[sizeof buf + 128];
        snprintf(note, sizeof note, "Note: the articles are in several "
                 "languages (%s); quotations and facts are aligned within "
                 "one language only.", buf);
        item(&w, 0, "", 0);
        cwords(&w, note);
    }
    heading(&w, "WHO REPORTED IT, AND WHEN");
    for (i = 0; i < n; i++) {
        const cr_cmp_article *a = cr_compare_article(c, order[i]);
        snprintf(buf, sizeof buf, "%-20.20s  %.60s%s",
                 a->published ? a->published : "undated",
                 report_label(c, order[i]), a->first ? "  (first)" : "");
        item(&w, 2, buf, 6);
        if (a->title) {
            item(&w, 6, "", 6);
            cwords(&w, a->title);
        }
        for (j = 0; j < o->ncopies; j++) {
            const report_copy *k = &o->copies[j];
            if (!k->copy_of || strcmp(k->copy_of, a->id) != 0)
                continue;
            snprintf(buf, sizeof buf, "copy: %s %s (%s)",
                     k->published ? k->published : "undated",
                     k->source ? k->source : "-", k->id);
            item(&w, 6, "", 8);
            cwords(&w, buf);
        }
    }

    facts = cr_compare_facts(c, &nf);
    sum = cr_compare_summary(c, &nsum);
    if (nsum) {
        heading(&w, "IN SHORT");
        for (i = 0; i < nsum; i++) {
            const cr_cmp_group *x = &facts[sum[i]];
            size_t len;
            const char *t = report_at(c, x->members[0].article,
                                      x->members[0].span, &len);
            item(&w, 2, "• ", 4);
            words(&w, t, len);
            style(&w, DIM);
            item(&w, 4, "", 4);
            for (j = 0; j < x->n; j++) {
                snprintf(buf, sizeof buf, "%s%s", report_label(c,
                         x->members[j].article), j + 1 < x->n ? "," : "");
                cwords(&w, buf);
            }
            style(&w, RESET);
        }
    }

    g = cr_compare_quote_groups(c, &ng);
    any = 0;
    for (i = 0; i < ng && g[i].n > 1; i++) {
        if (!any++)
            heading(&w, "THE SAME WORDS, AS EACH OUTLET QUOTES THEM");
        snprintf(buf, sizeof buf, "%zu. %s — %zu outlets, similarity %.2f",
                 i + 1, g[i].speaker ? g[i].speaker : "speaker unresolved",
                 g[i].n, g[i].similarity);
        item(&w, 2, buf, 4);
        for (j = 0; j < g[i].n; j++)
            passage(&w, c, g[i].members[j].article, g[i].members[j].span,
                    1);
        for (j = 1; j < g[i].n; j++)
            changes(&w, c, &g[i], 0, i, j);
    }
    for (i = 0; i < n && n > 1; i++) {
        int head = 0;
        for (j = 0; j < ng; j++) {
            const cr_cmp_ref *r = &g[j].members[0];
            const char *sp;
            if (!report_only_quote(c, &g[j], order[i], 1))
                continue;
            if (!head++) {
                snprintf(buf, sizeof buf, "QUOTES ONLY %s CARRIES",
                         report_label(c, order[i]));
                heading(&w, buf);
            }
            sp = report_speaker(c, r->article, r->index);
            snprintf(buf, sizeof buf, "%.60s: ", sp ? sp : "(unresolved)");
            item(&w, 2, "• ", 4);
            cwords(&w, buf);
            {
                size_t len;
                const char *t = report_at(c, r->article, r->span, &len);
                quoted(&w, t, len);
            }
        }
        terms(&w, c, g, ng, order[i], &head);
    }

    if (n > 1) {
        any = 0;
        for (i = 0; i < nf; i++) {
            const cr_cmp_group *x = &facts[i];
            if (!report_fact_shared(c, x))
                continue;
            if (!any++)
                heading(&w, "WHAT ALL OUTLETS REPORT");
            item(&w, 2, "•", 4);
            for (j = 0; j < x->n; j++)
                passage(&w, c, x->members[j].article, x->members[j].span, 0);
        }
        for (i = 0; i < n; i++) {
            int head = 0;
            for (j = 0; j < nf; j++) {
                const cr_cmp_group *x = &facts[j];
                size_t len;
                const char *t;
                if (!report_fact_unique(c, x) ||
                    x->members[0].article != order[i])
                    continue;
                if (!head++) {
                    snprintf(buf, sizeof buf, "ONLY %s REPORTS",
                             report_label(c, order[i]));
                    heading(&w, buf);
                }
                t = report_at(c, x->members[0].article, x->members[0].span,
                              &len);
                item(&w, 2, "• ", 4);
                words(&w, t, len);
            }
        }
    }

    any = 0;
    for (i = 0; i < n; i++) {
        size_t nc, k;
        char line[512];
        cr_compare_cites(c, order[i], &nc);
        if (!nc)
            continue;
        if (!any++)
            heading(&w, "WHO THEY CITE");
        snprintf(buf, sizeof buf, "%s:", report_label(c, order[i]));
        item(&w, 2, buf, 4);
        for (k = 0; k < nc; k++)
            if (report_cite_line(c, order[i], k, line, sizeof line) == 1) {
                item(&w, 4, "• ", 6);
                cwords(&w, line);
            }
    }

    d = cr_compare_differences(c, &ng);
    if (ng)
        heading(&w, "WHERE THEY DIFFER");
    for (i = 0; i < ng; i++) {
        size_t la, lb;
        const char *ta = report_at(c, d[i].a.article, d[i].a.span, &la);
        const char *tb = report_at(c, d[i].b.article, d[i].b.span, &lb);
        snprintf(buf, sizeof buf, "%-8s ", report_diff_kind(d[i].kind));
        item(&w, 2, buf, 11);
        snprintf(buf, sizeof buf, "%s:", report_label(c, d[i].a.article));
        cwords(&w, buf);
        style(&w, RED);
        if (la)
            words(&w, ta, la);
        else
            cwords(&w, "(nothing)");
        style(&w, RESET);
        snprintf(buf, sizeof buf, "— %s:", report_label(c, d[i].b.article));
        cwords(&w, buf);
        style(&w, GREEN);
        if (lb)
            words(&w, tb, lb);
        else
            cwords(&w, "(nothing)");
        style(&w, RESET);
        cwords(&w, d[i].in_quote ? "(in a quotation)" : "(in a sentence)");
    }
    if (w.col)
        newline(&w);
}
