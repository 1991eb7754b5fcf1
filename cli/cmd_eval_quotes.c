/*
 * cmd_eval_quotes.c — `crossread eval quotes`: score quotation and speaker
 * extraction against gold attributions (PolNeAR's attributions.jsonl).
 * Each input article that the gold annotates is analysed and its quotes
 * extracted exactly as `crossread stream` does; quote_metrics.c matches
 * them with the gold and counts.
 */
#include "cli.h"
#include "quote_metrics.h"

#include <stdlib.h>
#include <string.h>

static const char help[] =
    "Usage: crossread eval quotes --gold ATTRIBUTIONS.jsonl [OPTIONS] INPUT...\n"
    "\n"
    "Score quotation and speaker extraction against gold attributions. The\n"
    "INPUT files (JSON Lines or text, as for `add`; - for stdin) hold the\n"
    "articles; ATTRIBUTIONS.jsonl holds, per line, an article \"id\" and its\n"
    "\"attributions\": \"content\" and \"source\" byte spans and \"direct\" (the\n"
    "format of ../shared/data/polnear; an article annotated twice has two\n"
    "lines, each scored on its own). Articles the gold does not annotate are\n"
    "skipped.\n"
    "\n"
    "Direct quotes: extracted statements against gold attributions marked\n"
    "direct. A quotation is correct when it overlaps gold content (overlap)\n"
    "or equals it once quote marks, spaces and a trailing , ; : are trimmed\n"
    "(exact); precision, recall and F1 for both, and speaker accuracy over\n"
    "the correct ones (the speaker mention overlaps the gold source, or its\n"
    "canonical name names the same person). All attributions: every kind\n"
    "extracted (statements, fragments, indirect speech) against all gold\n"
    "attributions, the same figures, for reference.\n"
    "\n"
    "Options:\n"
    "  --gold FILE       the gold attributions (required)\n"
    "  --errors          list every miss, false quotation and wrong speaker\n"
    "                    of the direct quotes before the scores\n"
    "  --json            one JSON object (docs/JSON.md)\n"
    "\n"
    "Examples:\n"
    "  crossread eval quotes --gold ../shared/data/polnear/dev/attributions.jsonl \\\n"
    "      ../shared/data/polnear/dev/articles.jsonl\n"
    "  crossread eval quotes --errors --gold gold.jsonl articles.jsonl | grep ^MISS\n";

typedef struct eq_ctx {
    cli_opts *o;
    qm_gold *gold;
    qm_counts direct, all;
    FILE *errors;          /* --errors: stdout, else NULL */
    long articles, not_in_gold, records, failed;
    int fatal;
} eq_ctx;

static int on_article(void *vctx, cr_article *a, const char *where)
{
    eq_ctx *c = vctx;
    cr_doc *doc = NULL;
    cr_quote *q = NULL;
    size_t nq = 0;
    qm_record *r = qm_gold_find(c->gold, a->id);
    cr_status rc;

    c->articles++;
    if (!r) {
        c->not_in_gold++;
        goto done;
    }
    rc = cr_doc_analyze(a->text, a->text_len, a->lang, &c->o->lim, &doc);
    if (rc == CR_OK)
        rc = cr_extract_quotes(a->text, a->text_len, doc, &c->o->lim, &q, &nq);
    if (rc != CR_OK) {
        fprintf(stderr, "crossread: %s: article %s: %s\n", where, a->id,
                cr_strerror(rc));
        c->failed++;
        c->fatal = rc == CR_ENOMEM;
        goto done;
    }
    while (r) {
        size_t n;
        qm_record *all = qm_gold_records(c->gold, &n);
        if (r->seen) {
            fprintf(stderr, "crossread eval quotes: %s: article %s given "
                    "twice; scored once\n", where, a->id);
            break;
        }
        r->seen = 1;
        if (qm_record_fits(r, a->text_len) != 0) {
            fprintf(stderr, "crossread eval quotes: %s: gold for %s has a "
                    "span past the end of its text (%zu bytes); record "
                    "skipped\n", where, a->id, a->text_len);
            c->failed++;
        } else {
            c->records++;
            qm_score(a->text, a->text_len, q, nq, r, 1, QM_DIRECT_KINDS,
                     &c->direct, c->errors);
            qm_score(a->text, a->text_len, q, nq, r, 0, QM_ALL_KINDS,
                     &c->all, NULL);
        }
        r = r->next >= 0 ? &all[r->next] : NULL;
    }
done:
    cr_quotes_free(q, nq);
    cr_doc_free(doc);
    cr_article_clear(a);
    return c->fatal;
}

static void print_json_family(const char *name, const qm_counts *k)
{
    qm_prf ov = qm_prf_of(k->pred_ok_ov, k->pred, k->gold_ok_ov, k->gold);
    qm_prf ex = qm_prf_of(k->pred_ok_ex, k->pred, k->gold_ok_ex, k->gold);
    printf("\"%s\":{\"predicted\":%ld,\"gold\":%ld,"
           "\"overlap\":{\"precision\":%.6g,\"recall\":%.6g,\"f1\":%.6g,"
           "\"correct\":%ld,\"found\":%ld},"
           "\"exact\":{\"precision\":%.6g,\"recall\":%.6g,\"f1\":%.6g,"
           "\"correct\":%ld,\"found\":%ld},"
           "\"speaker\":{\"accuracy\":%.6g,\"right\":%ld,\"matched\":%ld,"
           "\"none\":%ld},\"gold_only_other_kinds\":%ld}",
           name, k->pred, k->gold, ov.p, ov.r, ov.f1, k->pred_ok_ov,
           k->gold_ok_ov, ex.p, ex.r, ex.f1, k->pred_ok_ex, k->gold_ok_ex,
           k->spk_n ? (double)k->spk_ok / (double)k->spk_n : 0.0, k->spk_ok,
           k->spk_n, k->spk_none, k->frag_on_gold);
}

static void print_text_family(const char *title, const qm_counts *k,
                              const char *other)
{
    qm_prf ov = qm_prf_of(k->pred_ok_ov, k->pred, k->gold_ok_ov, k->gold);
    qm_prf ex = qm_prf_of(k->pred_ok_ex, k->pred, k->gold_ok_ex, k->gold);
    printf("%s\n", title);
    printf("                    precision  recall      F1   correct/predicted  found/gold\n");
    printf("  content, overlap  %9.4f %7.4f %7.4f   %7ld/%-9ld %6ld/%ld\n",
           ov.p, ov.r, ov.f1, k->pred_ok_ov, k->pred, k->gold_ok_ov, k->gold);
    printf("  content, exact    %9.4f %7.4f %7.4f   %7ld/%-9ld %6ld/%ld\n",
           ex.p, ex.r, ex.f1, k->pred_ok_ex, k->pred, k->gold_ok_ex, k->gold);
    printf("  speaker accuracy  %9.4f  (%ld/%ld correct quotations; %ld "
           "without a speaker)\n",
           k->spk_n ? (double)k->spk_ok / (double)k->spk_n : 0.0, k->spk_ok,
           k->spk_n, k->spk_none);
    if (other)
        printf("  %s: %ld\n", other, k->frag_on_gold);
}

/* --errors, the one option of its own */
static int errors_opt(int argc, char **argv, int *i, void *errors)
{
    if (strcmp(argv[*i], "--errors") != 0)
        return 0;
    *(int *)errors = 1;
    return 1;
}

int cmd_eval_quotes(int argc, char **argv, cli_opts *o)
{
    eq_ctx c;
    cli_input in;
    const char *gold = NULL;
    char **paths = NULL;
    char msg[400];
    int i, npaths = 0, rc = EXIT_OK, errors = 0;
    size_t n, k;
    long unread = 0;
    qm_record *recs;
    double t0;

    memset(&c, 0, sizeof c);
    memset(&in, 0, sizeof in);
    i = cli_eval_args(argc, argv, o, help, errors_opt, &errors, &gold,
                      &paths, &npaths);
    if (i >= 0)
        return i;
    c.o = o;
    c.errors = errors ? stdout : NULL;
    c.gold = qm_gold_load(gold, msg, sizeof msg);
    if (!c.gold) {
        fprintf(stderr, "crossread eval quotes: %s\n", msg);
        free(paths);
        return EXIT_FATAL;
    }
    in.lim = &o->lim;
    in.on_article = on_article;
    in.ctx = &c;
    t0 = cli_now();
    cli_read_paths(&in, paths, npaths);
    if (c.fatal) {
        rc = EXIT_FATAL;
        goto done;
    }
    recs = qm_gold_records(c.gold, &n);
    for (k = 0; k < n; k++)
        unread += !recs[k].seen;
    if (o->json) {
        printf("{\"articles\":%ld,\"not_in_gold\":%ld,\"records\":%ld,"
               "\"records_without_article\":%ld,",
               c.articles, c.not_in_gold, c.records, unread);
        print_json_family("direct", &c.direct);
        putchar(',');
        print_json_family("all", &c.all);
        printf(",\"seconds\":%.3f}\n", cli_now() - t0);
    } else {
        printf("%ld articles (%ld not in the gold), %ld gold records scored "
               "(%ld without their article)\n",
               c.articles, c.not_in_gold, c.records, unread);
        print_text_family("direct quotes (statements against gold direct "
                          "quotes):", &c.direct,
                          "gold direct quotes found only as fragments or "
                          "indirect speech");
        print_text_family("all attributions (every kind against all gold "
                          "attributions, for reference):", &c.all, NULL);
    }
    if (in.errors + c.failed)
        rc = EXIT_INPUT;
done:
    qm_gold_free(c.gold);
    free(paths);
    return rc;
}
