/*
 * report.h — the comparison reports of `crossread compare` (and of
 * `crossread show`, which compares a stored story): one renderer per
 * format over a finished cr_compare, and the helpers they share. The
 * renderers only read the comparison; all wording lives here, none in the
 * library.
 */
#ifndef CR_REPORT_H
#define CR_REPORT_H

#include "cli.h"

typedef enum {
    REPORT_TEXT = 0,
    REPORT_JSON,
    REPORT_MD,
    REPORT_HTML
} report_format;

/* A copy of a compared article (near-duplicate detection): listed under
 * the article it copies, not compared again. */
typedef struct report_copy {
    const char *id, *source, *published;
    const char *copy_of;    /* id of the article it copies */
} report_copy;

typedef struct report_opts {
    report_format format;
    int color;          /* text: ANSI colors */
    int width;          /* text: columns to fit (100) */
    const char *title;  /* the story's label, or NULL */
    const report_copy *copies; /* copies of the compared articles */
    size_t ncopies;
} report_opts;

/* The JSON schema version of the report (docs/JSON.md, "compare"). */
#define REPORT_SCHEMA "crossread.compare/1"

void report_text(FILE *f, const cr_compare *c, const report_opts *o);
void report_json(FILE *f, const cr_compare *c, const report_opts *o);
void report_md(FILE *f, const cr_compare *c, const report_opts *o);
void report_html(FILE *f, const cr_compare *c, const report_opts *o);

/* --- shared by the renderers (report.c) ---------------------------------- */

/* How an article is named in a report: its outlet, or its id when it has
 * none (articles of one outlet are told apart by id). Borrowed. */
const char *report_label(const cr_compare *c, uint32_t art);

/* "statement", "fragment", "indirect". */
const char *report_quote_kind(uint8_t kind);

/* "framing", "numbers", "names". */
const char *report_diff_kind(uint8_t kind);

/* The text of a span of article art. */
const char *report_at(const cr_compare *c, uint32_t art, cr_span s,
                      size_t *len);

/* "agency", "outlet", "official", "organisation", "person", "anonymous",
 * "credit". */
const char *report_cite_kind(uint8_t kind);

/* Cite i of article art as one line into buf[cap]: "TASS (agency: said),
 * relaying Dmitry Peskov (official)". Returns 1 for a source the article
 * cites itself, 0 for one it only relays through another (listed with that
 * one), -1 when there is no cite i. */
int report_cite_line(const cr_compare *c, uint32_t art, size_t i, char *buf,
                     size_t cap);

/* The articles' languages as "de, en" in buf[cap] when there are several,
 * else NULL: passages align within one language only. */
const char *report_languages(const cr_compare *c, char *buf, size_t cap);

/* Write t[0..len) with each run of whitespace as one space and every
 * other byte through put (which escapes it for the format). */
void report_collapsed(FILE *f, const char *t, size_t len,
                      void (*put)(FILE *, char));

/* len without the trailing commas and spaces a quotation often keeps
 * ("Q," he said). */
size_t report_trim(const char *t, size_t len);

/* The speaker name of quotation q of article art, or NULL. */
const char *report_speaker(const cr_compare *c, uint32_t art, uint32_t q);

/* Facts by coverage: shared by every article (n == articles), reported by
 * one only (n == 1). 1/0. With one article nothing is shared or unique. */
int report_fact_shared(const cr_compare *c, const cr_cmp_group *g);
int report_fact_unique(const cr_compare *c, const cr_cmp_group *g);

/* Is quotation group g a statement group (not only fragments)? */
int report_quote_is_statement(const cr_compare *c, const cr_cmp_group *g);

/* Is g a quotation only article art carries: a statement (statement 1) or
 * a quoted term (statement 0)? */
int report_only_quote(const cr_compare *c, const cr_cmp_group *g,
                      uint32_t art, int statement);

#endif
