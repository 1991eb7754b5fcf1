/*
 * report.c — what the comparison renderers share: how articles, quotes and
 * differences are named, and which facts are shared or unique.
 */
#include "report.h"

#include <string.h>

const char *report_label(const cr_compare *c, uint32_t art)
{
    const cr_cmp_article *a = cr_compare_article(c, art);
    size_t i, n = cr_compare_narticles(c);
    if (!a)
        return "?";
    if (!a->source || !*a->source)
        return a->id;
    for (i = 0; i < n; i++) {
        const cr_cmp_article *b = cr_compare_article(c, i);
        if (i != art && b->source && strcmp(b->source, a->source) == 0)
            return a->id;
    }
    return a->source;
}

const char *report_quote_kind(uint8_t kind)
{
    switch (kind) {
    case CR_QUOTE_STATEMENT: return "statement";
    case CR_QUOTE_FRAGMENT: return "fragment";
    default: return "indirect";
    }
}

const char *report_diff_kind(uint8_t kind)
{
    switch (kind) {
    case CR_CMP_FRAMING: return "framing";
    case CR_CMP_NUMBERS: return "numbers";
    case CR_CMP_DATES: return "dates";
    default: return "names";
    }
}

const char *report_at(const cr_compare *c, uint32_t art, cr_span s,
                      size_t *len)
{
    const cr_cmp_article *a = cr_compare_article(c, art);
    if (!a || s.end < s.start || s.end > a->text_len) {
        *len = 0;
        return "";
    }
    *len = s.end - s.start;
    return a->text + s.start;
}

const char *report_speaker(const cr_compare *c, uint32_t art, uint32_t q)
{
    size_t n;
    const cr_quote *qs = cr_compare_quotes(c, art, &n);
    return q < n ? qs[q].name : NULL;
}

int report_fact_shared(const cr_compare *c, const cr_cmp_group *g)
{
    size_t n = cr_compare_narticles(c);
    return n > 1 && g->n == n;
}

int report_fact_unique(const cr_compare *c, const cr_cmp_group *g)
{
    return cr_compare_narticles(c) > 1 && g->n == 1;
}

int report_only_quote(const cr_compare *c, const cr_cmp_group *g,
                      uint32_t art, int statement)
{
    return g->n == 1 && g->members[0].article == art &&
           report_quote_is_statement(c, g) == statement;
}

int report_quote_is_statement(const cr_compare *c, const cr_cmp_group *g)
{
    size_t i, n;
    for (i = 0; i < g->n; i++) {
        const cr_quote *q = cr_compare_quotes(c, g->members[i].article, &n);
        if (g->members[i].index < n &&
            q[g->members[i].index].kind == CR_QUOTE_STATEMENT)
            return 1;
    }
    return 0;
}

size_t report_trim(const char *t, size_t len)
{
    while (len && (t[len - 1] == ',' || t[len - 1] == ' ' ||
                   t[len - 1] == '\n'))
        len--;
    return len;
}

const char *report_languages(const cr_compare *c, char *buf, size_t cap)
{
    size_t i, j, n = cr_compare_narticles(c), o = 0;
    int several = 0;
    if (!cap)
        return NULL;
    buf[0] = '\0';
    for (i = 0; i < n; i++) {
        const char *l = cr_compare_article(c, i)->lang;
        int seen = 0;
        if (!l)
            continue;
        for (j = 0; j < i; j++) {
            const char *m = cr_compare_article(c, j)->lang;
            if (m && strcmp(m, l) == 0)
                seen = 1;
        }
        if (seen)
            continue;
        several += o > 0;
        if (o + strlen(l) + 3 < cap)
            o += (size_t)snprintf(buf + o, cap - o, "%s%s", o ? ", " : "", l);
    }
    return several ? buf : NULL;
}

const char *report_cite_kind(uint8_t kind)
{
    switch (kind) {
    case CR_CITE_AGENCY: return "agency";
    case CR_CITE_OUTLET: return "outlet";
    case CR_CITE_OFFICIAL: return "official";
    case CR_CITE_ORG: return "organisation";
    case CR_CITE_PERSON: return "person";
    case CR_CITE_ANONYMOUS: return "anonymous";
    default: return "credit";
    }
}

int report_cite_line(const cr_compare *c, uint32_t art, size_t i, char *buf,
                     size_t cap)
{
    size_t n, j, o;
    const cr_cite *k = cr_compare_cites(c, art, &n);
    const cr_cmp_article *a = cr_compare_article(c, art);
    if (i >= n || !cap)
        return -1;
    o = (size_t)snprintf(buf, cap, "%s (%s", k[i].name,
                         report_cite_kind(k[i].kind));
    if (o < cap && k[i].cue.end > k[i].cue.start &&
        k[i].cue.end <= a->text_len)
        o += (size_t)snprintf(buf + o, cap - o, ": %.*s",
                              (int)(k[i].cue.end - k[i].cue.start),
                              a->text + k[i].cue.start);
    if (o < cap)
        o += (size_t)snprintf(buf + o, cap - o, ")");
    for (j = 0; j < n && o < cap; j++)
        if (k[j].cited_by == (int32_t)i)
            o += (size_t)snprintf(buf + o, cap - o, ", relaying %s (%s)",
                                  k[j].name, report_cite_kind(k[j].kind));
    return k[i].cited_by >= 0 ? 0 : 1;
}

void report_collapsed(FILE *f, const char *t, size_t len,
                      void (*put)(FILE *, char))
{
    size_t i;
    int space = 0;
    for (i = 0; i < len; i++) {
        char ch = t[i];
        if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
            if (!space)
                fputc(' ', f);
            space = 1;
            continue;
        }
        space = 0;
        put(f, ch);
    }
}
