/*
 * extract.c — the extraction stage in the tool: running the extractors
 * over an article (for `add`, `stream` and `inspect --file`), and what they
 * found as the JSON arrays `crossread stream` and `crossread inspect
 * --json` write: quotes, entities, mentions (dates and quantities) and
 * cited sources. One
 * writer for every command; docs/JSON.md is the schema.
 */
#include "cli.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static const char *quote_kind_name(uint8_t k)
{
    switch (k) {
    case CR_QUOTE_STATEMENT: return "statement";
    case CR_QUOTE_FRAGMENT: return "fragment";
    default: return "indirect";
    }
}

const char *cli_expr_how_name(uint8_t h)
{
    switch (h) {
    case CR_EXPR_GIVEN: return "given";
    case CR_EXPR_INFERRED: return "inferred";
    default: return "unresolved";
    }
}

/* A span of text as a JSON string, or null when empty. */
static void span_or_null(FILE *f, const char *text, uint32_t start,
                         uint32_t end)
{
    if (end > start)
        json_str(f, text + start, end - start);
    else
        fputs("null", f);
}

void json_quotes(FILE *f, const char *text, const cr_quote *q, size_t n)
{
    size_t i;
    putc('[', f);
    for (i = 0; i < n; i++) {
        fprintf(f, "%s{\"start\":%u,\"end\":%u,\"kind\":\"%s\",\"text\":",
                i ? "," : "", (unsigned)q[i].start, (unsigned)q[i].end,
                quote_kind_name(q[i].kind));
        json_str(f, text + q[i].start, q[i].end - q[i].start);
        fputs(",\"speaker\":", f);
        if (q[i].has_speaker || q[i].name) {
            fputs("{\"name\":", f);
            json_cstr(f, q[i].name);
            if (q[i].has_speaker)
                fprintf(f, ",\"start\":%u,\"end\":%u}",
                        (unsigned)q[i].speaker.start,
                        (unsigned)q[i].speaker.end);
            else
                fputs(",\"start\":null,\"end\":null}", f);
        } else {
            fputs("null", f);
        }
        fputs(",\"cue\":", f);
        span_or_null(f, text, q[i].cue.start, q[i].cue.end);
        fprintf(f, ",\"confidence\":%.2f,\"continues\":", q[i].confidence);
        if (q[i].cont >= 0)
            fprintf(f, "%d}", (int)q[i].cont);
        else
            fputs("null}", f);
    }
    putc(']', f);
}

void json_exprs(FILE *f, const char *text, const cr_expr *m, size_t n)
{
    size_t i;
    putc('[', f);
    for (i = 0; i < n; i++) {
        fprintf(f, "%s{\"start\":%u,\"end\":%u,\"type\":\"%s\",\"text\":",
                i ? "," : "", (unsigned)m[i].start, (unsigned)m[i].end,
                m[i].type == CR_EXPR_DATE ? "date" : "quantity");
        json_str(f, text + m[i].start, m[i].end - m[i].start);
        if (m[i].type == CR_EXPR_DATE) {
            fputs(",\"value\":", f);
            json_cstr(f, m[i].value[0] ? m[i].value : NULL);
            fprintf(f, ",\"how\":\"%s\"", cli_expr_how_name(m[i].how));
        } else {
            fprintf(f, ",\"number\":%.15g,\"number_hi\":%.15g,\"unit\":",
                    m[i].number, m[i].number_hi);
            json_cstr(f, m[i].unit[0] ? m[i].unit : NULL);
        }
        fprintf(f, ",\"confidence\":%.2f}", m[i].confidence);
    }
    putc(']', f);
}

static const char *const ENT_TYPE[] = {"other", "person", "org", "place", "other"};
static const char *const ENT_CLASS[] = {
    NULL, "country", "city", "region", "agency", "outlet", "government",
    "international"};
static const char *const MENTION_HOW[] = {"name", "name", "partial", "role",
                                          "demonym"};

void json_entities(FILE *f, const char *text, const cr_entity_set *s)
{
    size_t i, m;
    size_t *head = NULL, *next = NULL;
    putc('[', f);
    /* each entity's mentions, in text order: one linked list per entity */
    if (s->n_entities) {
        head = malloc(s->n_entities * sizeof *head);
        next = malloc((s->n_mentions + 1) * sizeof *next);
        if (!head || !next)
            s = NULL; /* out of memory: an empty list */
    }
    for (i = 0; s && i < s->n_entities; i++)
        head[i] = SIZE_MAX;
    for (m = s ? s->n_mentions : 0; m-- > 0;) {
        next[m] = head[s->mentions[m].entity];
        head[s->mentions[m].entity] = m;
    }
    for (i = 0; s && i < s->n_entities; i++) {
        const cr_entity *e = &s->entities[i];
        fprintf(f, "%s{\"id\":%zu,\"name\":", i ? "," : "", i);
        json_cstr(f, e->name);
        fprintf(f, ",\"type\":\"%s\",\"class\":",
               ENT_TYPE[e->type < 5 ? e->type : 0]);
        json_cstr(f, e->cls < 8 ? ENT_CLASS[e->cls] : NULL);
        fputs(",\"country\":", f);
        json_cstr(f, e->country);
        fputs(",\"role\":", f);
        json_cstr(f, e->role);
        fprintf(f, ",\"confidence\":%.2f,\"mentions\":[", e->confidence);
        for (m = head[i]; m != SIZE_MAX; m = next[m]) {
            const cr_mention *x = &s->mentions[m];
            fprintf(f, "%s{\"start\":%u,\"end\":%u,\"text\":",
                   m == head[i] ? "" : ",", (unsigned)x->start,
                   (unsigned)x->end);
            json_str(f, text + x->start, x->end - x->start);
            fprintf(f, ",\"how\":\"%s\",\"confidence\":%.2f}",
                   MENTION_HOW[x->how < 5 ? x->how : 0], x->confidence);
        }
        fputs("]}", f);
    }
    putc(']', f);
    free(head);
    free(next);
}

static const char *const CITE_KIND[] = {
    "other", "agency", "outlet", "official", "org", "person", "anonymous",
    "credit"};

void json_cites(FILE *f, const char *text, const cr_cite *c, size_t n)
{
    size_t i;
    putc('[', f);
    for (i = 0; i < n; i++) {
        fprintf(f, "%s{\"start\":%u,\"end\":%u,\"text\":", i ? "," : "",
               (unsigned)c[i].start, (unsigned)c[i].end);
        json_str(f, text + c[i].start, c[i].end - c[i].start);
        fputs(",\"name\":", f);
        json_cstr(f, c[i].name);
        fprintf(f, ",\"kind\":\"%s\",\"cue\":",
               CITE_KIND[c[i].kind < 8 ? c[i].kind : 0]);
        json_str(f, text + c[i].cue.start, c[i].cue.end - c[i].cue.start);
        fputs(",\"cited_by\":", f);
        if (c[i].cited_by >= 0)
            fprintf(f, "%d", (int)c[i].cited_by);
        else
            fputs("null", f);
        fputs(",\"entity\":", f);
        if (c[i].entity >= 0)
            fprintf(f, "%d", (int)c[i].entity);
        else
            fputs("null", f);
        fprintf(f, ",\"confidence\":%.2f}", c[i].confidence);
    }
    putc(']', f);
}

cr_status cli_extract(const cr_article *a, const cr_doc *doc,
                      const cr_limits *lim, cr_extraction *x,
                      const char **stage)
{
    return cr_extract_all(a->text, a->text_len, doc, a->published, lim, x,
                          stage);
}

void json_extraction(FILE *f, const char *text, const cr_extraction *x,
                     int *first)
{
    json_key(f, "quotes", first);
    json_quotes(f, text, x->quotes, x->n_quotes);
    json_key(f, "entities", first);
    json_entities(f, text, &x->entities);
    json_key(f, "mentions", first);
    json_exprs(f, text, x->exprs, x->n_exprs);
    json_key(f, "cites", first);
    json_cites(f, text, x->cites, x->n_cites);
}
