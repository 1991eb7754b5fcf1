/*
 * quote_metrics.h — scoring extracted quotations against gold
 * attributions: the reader of attributions.jsonl (PolNeAR's annotations in
 * the shared interchange format) and the content and speaker scores of
 * `crossread eval quotes`.
 *
 * A gold attribution has content pieces, source (speaker) pieces — UTF-8
 * byte spans, end-exclusive — and `direct` (the content opens with a quote
 * mark). A predicted quotation is an utterance: a cr_quote that continues
 * nothing together with every piece that continues it (cont links).
 *
 *  - Overlap match: a prediction is correct when one of its pieces, trimmed
 *    (below), overlaps a gold content piece; a gold attribution is found
 *    when a piece of it overlaps a predicted piece.
 *  - Exact match: the same with equality of trimmed spans. Trimming drops
 *    spaces and quote marks at both ends and , ; : at the end, so a
 *    quotation with or without its marks or trailing comma is the same.
 *  - Speaker: over the correct (overlap) predictions, the speaker is right
 *    when the predicted mention overlaps a source piece of the first gold
 *    attribution it overlaps, or the predicted canonical name and the gold
 *    source text name the same person (the last word of one, three letters
 *    or more, appears in the other, ignoring ASCII case and hyphens).
 *
 * An article annotated twice has two records; each is scored as a
 * document of its own against the same predictions (the figures are then
 * a mean over annotators, not a union). C11 and libc, plus the public
 * header for cr_quote; no I/O but the gold file.
 */
#ifndef CR_QUOTE_METRICS_H
#define CR_QUOTE_METRICS_H

#include <stddef.h>
#include <stdio.h>

#include "crossread.h"

typedef struct qm_span {
    size_t s, e;             /* byte offsets, end-exclusive */
} qm_span;

typedef struct qm_attr {
    size_t content, ncontent; /* first piece and count in the record's spans */
    size_t source, nsource;
    int direct;
} qm_attr;

/* One annotation of one article. */
typedef struct qm_record {
    char *id;                /* the article id */
    qm_attr *attrs;
    size_t nattrs;
    qm_span *spans;          /* every piece of every attribution */
    size_t nspans;
    long next;               /* index of the next record of the same id, -1 */
    int seen;                /* set by the caller when its article was read */
} qm_record;

typedef struct qm_gold qm_gold;

/* Read an attributions.jsonl file: one JSON object per line with "id"
 * (string) and "attributions" (array of objects with "content" and
 * "source", each an object whose "bytes" is an array of [start, end]
 * pairs, and "direct", a boolean); other fields are ignored, blank lines
 * skipped. Returns the gold, or NULL with a one-line reason naming the line
 * in msg[cap] (cannot open, malformed JSON, a missing or mistyped field, a
 * span with end < start, a line over 16 MiB, out of memory). Free with
 * qm_gold_free. */
qm_gold *qm_gold_load(const char *path, char *msg, size_t cap);
void qm_gold_free(qm_gold *g);

/* The same from memory: an empty gold (NULL when out of memory), and one
 * line of the file added to it (len bytes, no NUL needed). Returns 0, or -1
 * with the reason in *why (static) and the 1-based column in *col (0 when
 * not about a place in the line). */
qm_gold *qm_gold_new(void);
int qm_gold_add_line(qm_gold *g, const char *line, size_t len, size_t *col,
                     const char **why);

/* The first record for article `id` (follow ->next for more), or NULL. */
qm_record *qm_gold_find(qm_gold *g, const char *id);

/* All records, in file order. */
qm_record *qm_gold_records(qm_gold *g, size_t *n);

/* What is counted for one family of matches (direct or all). */
typedef struct qm_counts {
    long pred, pred_ok_ov, pred_ok_ex;  /* predictions, correct ones */
    long gold, gold_ok_ov, gold_ok_ex;  /* gold attributions, found ones */
    long spk_n, spk_ok, spk_none;       /* matched predictions, right
                                           speaker, no speaker at all */
    long frag_on_gold;                  /* gold found only by quotes of a
                                           kind not scored (fragments, for
                                           direct quotes) */
} qm_counts;

/* Bits of cr_quote_kind values: which predictions take part. */
#define QM_KIND(k) (1u << (k))
#define QM_DIRECT_KINDS QM_KIND(CR_QUOTE_STATEMENT)
#define QM_ALL_KINDS (QM_KIND(CR_QUOTE_STATEMENT) | QM_KIND(CR_QUOTE_FRAGMENT) | \
                      QM_KIND(CR_QUOTE_INDIRECT))

/* Check that every span of r lies inside a text of len bytes: 0, or -1. */
int qm_record_fits(const qm_record *r, size_t len);

/* Score the quotes q[nq] extracted from text against record r (which
 * qm_record_fits the text): predictions of the kinds in `kinds`, gold
 * attributions all or only the direct ones. Adds to *c. When `errors` is
 * not NULL, each gold attribution not found, prediction not correct and
 * wrong speaker is written there as a line ("MISS id: text", "FALSE id:
 * text", "SPEAKER id: predicted ... gold ...") for reading. */
void qm_score(const char *text, size_t len, const cr_quote *q, size_t nq,
              const qm_record *r, int direct_only, unsigned kinds,
              qm_counts *c, FILE *errors);

/* Precision, recall and F1 of correct/predicted and found/gold (a ratio
 * with nothing below it is 0). */
typedef struct qm_prf {
    double p, r, f1;
} qm_prf;
qm_prf qm_prf_of(long ok_pred, long pred, long ok_gold, long gold);

#endif /* CR_QUOTE_METRICS_H */
