/*
 * quotes_bench.c — throughput of quotation extraction on one core.
 *
 *   quotes_bench FILE.jsonl [FILE.jsonl...]
 *
 * Reads the articles, then times cr_extract_quotes alone (CPU time, best
 * of 5 runs per article, over the article bytes) and cr_doc_analyze +
 * cr_extract_quotes. Accuracy is measured by `crossread eval quotes`.
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

int main(int argc, char **argv)
{
    double t_ex = 0, t_an = 0, bytes = 0;
    long articles = 0, quotes = 0;
    int d;
    if (argc < 2) {
        fprintf(stderr, "usage: quotes_bench FILE.jsonl...\n");
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
            double t0, t1, best = -1;
            int rep;
            if (cr_parse_jsonl(line, (size_t)ll, NULL, &a, NULL) != CR_OK)
                continue;
            t0 = cpu_now();
            if (cr_doc_analyze(a.text, a.text_len, a.lang, NULL, &doc) == CR_OK) {
                t_an += cpu_now() - t0;
                for (rep = 0; rep < RUNS; rep++) {
                    cr_quote *q = NULL;
                    size_t nq = 0;
                    t1 = cpu_now();
                    cr_extract_quotes(a.text, a.text_len, doc, NULL, &q, &nq);
                    t1 = cpu_now() - t1;
                    if (best < 0 || t1 < best)
                        best = t1;
                    if (rep == 0)
                        quotes += (long)nq;
                    cr_quotes_free(q, nq);
                }
                t_ex += best;
                bytes += (double)a.text_len;
                articles++;
            }
            cr_doc_free(doc);
            cr_article_clear(&a);
        }
        free(line);
        fclose(fp);
    }
    printf("quotes: %ld articles, %.2f MB, %ld quotes; extraction %.1f MB/s, "
           "analysis + extraction %.1f MB/s (CPU, one core)\n",
           articles, bytes / 1e6, quotes, t_ex > 0 ? bytes / t_ex / 1e6 : 0,
           t_an + t_ex > 0 ? bytes / (t_an + t_ex) / 1e6 : 0);
    return 0;
}
