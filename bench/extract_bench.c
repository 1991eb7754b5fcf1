/*
 * extract_bench.c — throughput of the extraction stage on one core.
 *
 *   extract_bench FILE.jsonl [FILE.jsonl...]
 *
 * Reads the articles, analyses each (cr_doc_analyze, timed), then times
 * cr_extract_quotes and cr_extract_exprs on the analysis (CPU time,
 * best of 5 runs per article, over the article bytes). Accuracy is
 * measured elsewhere: `crossread eval quotes`, tests/unit/test_mentions.c.
 */
#include "crossread.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define RUNS 5

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Best of RUNS timings of one extractor; *found gets its count. */
static double time_quotes(const cr_article *a, const cr_doc *doc, long *found)
{
    double best = -1, t;
    int rep;
    for (rep = 0; rep < RUNS; rep++) {
        cr_quote *q = NULL;
        size_t n = 0;
        t = cpu_now();
        cr_extract_quotes(a->text, a->text_len, doc, NULL, &q, &n);
        t = cpu_now() - t;
        best = best < 0 || t < best ? t : best;
        if (rep == 0)
            *found += (long)n;
        cr_quotes_free(q, n);
    }
    return best;
}

static double time_mentions(const cr_article *a, const cr_doc *doc,
                            long *found)
{
    double best = -1, t;
    int rep;
    for (rep = 0; rep < RUNS; rep++) {
        cr_expr *m = NULL;
        size_t n = 0;
        t = cpu_now();
        cr_extract_exprs(a->text, a->text_len, doc, a->published, NULL, &m, &n);
        t = cpu_now() - t;
        best = best < 0 || t < best ? t : best;
        if (rep == 0)
            *found += (long)n;
        cr_exprs_free(m);
    }
    return best;
}

int main(int argc, char **argv)
{
    double t_q = 0, t_m = 0, t_an = 0, bytes = 0;
    long articles = 0, quotes = 0, mentions = 0;
    int d;
    if (argc < 2) {
        fprintf(stderr, "usage: extract_bench FILE.jsonl...\n");
        return 2;
    }
    for (d = 1; d < argc; d++) {
        FILE *fp = fopen(argv[d], "r");
        char *line = NULL;
        size_t cap = 0;
        ssize_t ll;
        if (!fp) {
            perror(argv[d]);
            return 1;
        }
        while ((ll = getline(&line, &cap, fp)) > 0) {
            cr_article a;
            cr_doc *doc = NULL;
            double t0;
            if (cr_parse_jsonl(line, (size_t)ll, NULL, &a, NULL) != CR_OK)
                continue;
            t0 = cpu_now();
            if (cr_doc_analyze(a.text, a.text_len, a.lang, NULL, &doc) == CR_OK) {
                t_an += cpu_now() - t0;
                t_q += time_quotes(&a, doc, &quotes);
                t_m += time_mentions(&a, doc, &mentions);
                bytes += (double)a.text_len;
                articles++;
            }
            cr_doc_free(doc);
            cr_article_clear(&a);
        }
        free(line);
        fclose(fp);
    }
    printf("%ld articles, %.2f MB (CPU, one core):\n", articles, bytes / 1e6);
    printf("  quotes    %7.1f MB/s  (%ld found)\n", t_q > 0 ? bytes / t_q / 1e6 : 0, quotes);
    printf("  mentions  %7.1f MB/s  (%ld found)\n", t_m > 0 ? bytes / t_m / 1e6 : 0, mentions);
    printf("  analysis + quotes + mentions %.1f MB/s\n",
           t_an + t_q + t_m > 0 ? bytes / (t_an + t_q + t_m) / 1e6 : 0);
    return 0;
}
