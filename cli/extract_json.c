/*
 * extract_json.c — what the extraction stage found in an article, as the
 * JSON arrays `crossread stream` and `crossread inspect --json` write:
 * quotes and mentions (dates and quantities). One writer for both commands;
 * docs/JSON.md is the schema.
 */
#include "cli.h"

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
