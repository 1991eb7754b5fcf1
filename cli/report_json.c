/*
 * report_json.c — the comparison as one JSON object (schema
 * "crossread.compare/1", docs/JSON.md). Articles are named by id; every
 * passage carries byte offsets into its article's text so a consumer can
 * highlight it.
 */
#include "report.h"

/* {"article":id,"start":S,"end":E,"text":... */
static void open_ref(FILE *f, const cr_compare *c, uint32_t art, cr_span s)
{
    size_t len;
    const char *t = report_at(c, art, s, &len);
    fputs("{\"article\":", f);
    json_cstr(f, cr_compare_article(c, art)->id);
    fprintf(f, ",\"start\":%u,\"end\":%u,\"text\":", (unsigned)s.start,
            (unsigned)s.end);
    json_str(f, t, len);
}

static void put_ref(FILE *f, const cr_compare *c, uint32_t art, cr_span s)
{
    open_ref(f, c, art, s);
    fputc('}', f);
}

static const char *op_name(uint8_t k)
{
    switch (k) {
    case CR_DIFF_EQUAL: return "equal";
    case CR_DIFF_DELETE: return "delete";
    case CR_DIFF_INSERT: return "insert";
    default: return "replace";
    }
}

/* "diffs":[{"against":id,"ops":[...]}] of member 0 against the others. */
static void put_diffs(FILE *f, const cr_compare *c, int facts, size_t g,
                      const cr_cmp_group *gr)
{
    size_t m, k, n;
    fputs(",\"diffs\":[", f);
    for (m = 1; m < gr->n; m++) {
        const cr_diff_op *ops = cr_compare_group_diff(c, facts, g, m, &n);
        fprintf(f, "%s{\"against\":", m > 1 ? "," : "");
        json_cstr(f, cr_compare_article(c, gr->members[m].article)->id);
        fputs(",\"ops\":[", f);
        for (k = 0; k < n; k++) {
            fprintf(f, "%s{\"op\":\"%s\",\"a\":", k ? "," : "",
                    op_name(ops[k].kind));
            put_ref(f, c, gr->members[0].article, ops[k].a);
            fputs(",\"b\":", f);
            put_ref(f, c, gr->members[m].article, ops[k].b);
            fputc('}', f);
        }
        fputs("]}", f);
    }
    fputc(']', f);
}

void report_json(FILE *f, const cr_compare *c, const report_opts *o)
{
    size_t n, i, j, ng, nq;
    const uint32_t *order = cr_compare_order(c, &n);
    const cr_cmp_group *g;
    const cr_cmp_diff *d;
    const uint32_t *sum;

    fprintf(f, "{\"schema\":\"%s\",\"title\":", REPORT_SCHEMA);
    json_cstr(f, o->title);
    fputs(",\"articles\":[", f);
    for (i = 0; i < n; i++) {
        const cr_cmp_article *a = cr_compare_article(c, order[i]);
        fputs(i ? ",{\"id\":" : "{\"id\":", f);
        json_cstr(f, a->id);
        fputs(",\"label\":", f);
        json_cstr(f, report_label(c, order[i]));
        fputs(",\"source\":", f);
        json_cstr(f, a->source);
        fputs(",\"title\":", f);
        json_cstr(f, a->title);
        fputs(",\"published\":", f);
        json_cstr(f, a->published);
        fputs(",\"lang\":", f);
        json_cstr(f, a->lang);
        fprintf(f, ",\"first\":%s,\"sentences\":%zu,\"quotes\":%zu}",
                a->first ? "true" : "false", a->nsentences, a->nquotes);
    }
    fputs("],\"copies\":[", f);
    for (i = 0; i < o->ncopies; i++) {
        fputs(i ? ",{\"id\":" : "{\"id\":", f);
        json_cstr(f, o->copies[i].id);
        fputs(",\"source\":", f);
        json_cstr(f, o->copies[i].source);
        fputs(",\"published\":", f);
        json_cstr(f, o->copies[i].published);
        fputs(",\"copy_of\":", f);
        json_cstr(f, o->copies[i].copy_of);
        fputc('}', f);
    }
    fputs("],\"quote_groups\":[", f);
    g = cr_compare_quote_groups(c, &ng);
    for (i = 0; i < ng; i++) {
        fprintf(f, "%s{\"speaker\":", i ? "," : "");
        json_cstr(f, g[i].speaker);
        fprintf(f, ",\"similarity\":%.3f,\"members\":[", g[i].similarity);
        for (j = 0; j < g[i].n; j++) {
            const cr_cmp_ref *r = &g[i].members[j];
            const cr_quote *q = cr_compare_quotes(c, r->article, &nq) +
                                r->index;
            if (j)
                fputc(',', f);
            open_ref(f, c, r->article, r->span);
            fprintf(f, ",\"kind\":\"%s\",\"speaker\":",
                    report_quote_kind(q->kind));
            json_cstr(f, q->name);
            fputc('}', f);
        }
        fputc(']', f);
        put_diffs(f, c, 0, i, &g[i]);
        fputc('}', f);
    }
    fputs("],\"facts\":[", f);
    g = cr_compare_facts(c, &ng);
    for (i = 0; i < ng; i++) {
        fprintf(f, "%s{\"coverage\":\"%s\",\"articles\":%zu,"
                   "\"centrality\":%.3f,\"similarity\":%.3f,\"members\":[",
                i ? "," : "",
                report_fact_shared(c, &g[i])   ? "all"
                : report_fact_unique(c, &g[i]) ? "one"
                                               : "some",
                g[i].n, g[i].centrality, g[i].similarity);
        for (j = 0; j < g[i].n; j++) {
            if (j)
                fputc(',', f);
            put_ref(f, c, g[i].members[j].article, g[i].members[j].span);
        }
        fputc(']', f);
        put_diffs(f, c, 1, i, &g[i]);
        fputc('}', f);
    }
    fputs("],\"summary\":[", f);
    sum = cr_compare_summary(c, &ng);
    for (i = 0; i < ng; i++)
        fprintf(f, "%s%u", i ? "," : "", (unsigned)sum[i]);
    fputs("],\"cites\":[", f);
    for (i = 0, nq = 0; i < n; i++) {
        size_t nc, k;
        const cr_cite *ct = cr_compare_cites(c, order[i], &nc);
        for (k = 0; k < nc; k++) {
            cr_span sp;
            sp.start = ct[k].start;
            sp.end = ct[k].end;
            fputs(nq++ ? "," : "", f);
            open_ref(f, c, order[i], sp);
            fputs(",\"name\":", f);
            json_cstr(f, ct[k].name);
            fprintf(f, ",\"kind\":\"%s\",\"cue\":",
                    report_cite_kind(ct[k].kind));
            if (ct[k].cue.end > ct[k].cue.start)
                json_str(f, cr_compare_article(c, order[i])->text +
                                ct[k].cue.start,
                         ct[k].cue.end - ct[k].cue.start);
            else
                fputs("null", f);
            fputs(",\"cited_by\":", f);
            if (ct[k].cited_by >= 0 && (size_t)ct[k].cited_by < nc)
                json_cstr(f, ct[ct[k].cited_by].name);
            else
                fputs("null", f);
            fputc('}', f);
        }
    }
    fputs("],\"differences\":[", f);
    d = cr_compare_differences(c, &ng);
    for (i = 0; i < ng; i++) {
        fprintf(f, "%s{\"kind\":\"%s\",\"in\":\"%s\",\"group\":%u,\"a\":",
                i ? "," : "", report_diff_kind(d[i].kind),
                d[i].in_quote ? "quote" : "fact", (unsigned)d[i].group);
        put_ref(f, c, d[i].a.article, d[i].a.span);
        fputs(",\"b\":", f);
        put_ref(f, c, d[i].b.article, d[i].b.span);
        fputc('}', f);
    }
    fputs("]}\n", f);
}
