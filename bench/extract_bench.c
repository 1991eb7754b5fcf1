/*
 * extract_bench.c — throughput of the extraction stage on one core.
 *
 *   extract_bench FILE.jsonl [FILE.jsonl...]
 *
 * Reads the articles and times, per article (CPU time of the process, best
 * of RUNS runs each, over the article bytes):
 *
 *   analysis   cr_doc_analyze, the text analysis every extractor reads
 *   quotes     cr_extract_quotes on the analysed document
 *   entities   cr_extract_entities on it
 *   cites      cr_extract_cites on it, the entities given
 *   mentions   cr_extract_exprs (dates and quantities) on it
 *   all        what `crossread add` runs on an article it extracts:
 *              cr_doc_analyze, then cr_extract_all (quotes, entities,
 *              mentions and cites; cli/extract.c) — the figure for the
 *              extraction throughput of the whole stage; also reported
 *              for the first of the runs alone (caches cold from the
 *              stages timed before it)
 *   one pass   the whole stage once over every article in turn, timed
 *              as one span, the articles parsed beforehand: what a
 *              `crossread add` of these files spends extracting, with
 *              no repetition and no per-article timer
 *
 * Accuracy is measured elsewhere: `crossread eval quotes`, the unit and
 * spec tests.
 */
#include "crossread.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RUNS 5

enum { ST_ANALYSIS, ST_QUOTES, ST_ENTITIES, ST_CITES, ST_MENTIONS, ST_ALL,
       NSTAGE };
static const char *const STAGE[NSTAGE] = {"analysis", "quotes", "entities",
                                          "cites", "mentions", "all"};

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* The whole stage as `crossread add` runs it on one article: analysis,
 * then cr_extract_all. Adds what was found to found[ST_ALL]; 0 on
 * success. */
static int run_all(const cr_article *a, long found[NSTAGE])
{
    cr_doc *doc = NULL;
    cr_extraction x;
    int ok;
    memset(&x, 0, sizeof x);
    ok = cr_doc_analyze(a->text, a->text_len, a->lang, NULL, &doc) == CR_OK &&
         cr_extract_all(a->text, a->text_len, doc, a->published, NULL, &x,
                        NULL) == CR_OK;
    found[ST_ALL] += (long)(x.n_quotes + x.entities.n_entities + x.n_exprs +
                            x.n_cites);
    cr_extraction_clear(&x);
    cr_doc_free(doc);
    return ok ? 0 : -1;
}

/* One run of stage st on the analysed doc (ents: its entities, for
 * cites); adds what it found to found[st]. */
static void run_one(int st, const cr_article *a, const cr_doc *doc,
                    const cr_entity_set *ents, long found[NSTAGE])
{
    switch (st) {
    case ST_ANALYSIS: {
        cr_doc *d = NULL;
        if (cr_doc_analyze(a->text, a->text_len, a->lang, NULL, &d) == CR_OK) {
            size_t nt;
            cr_doc_tokens(d, &nt);
            found[st] += (long)nt;
        }
        cr_doc_free(d);
        break;
    }
    case ST_QUOTES: {
        cr_quote *q = NULL;
        size_t n = 0;
        cr_extract_quotes(a->text, a->text_len, doc, NULL, &q, &n);
        found[st] += (long)n;
        cr_quotes_free(q, n);
        break;
    }
    case ST_ENTITIES: {
        cr_entity_set e;
        if (cr_extract_entities(a->text, a->text_len, doc, NULL, &e) == CR_OK)
            found[st] += (long)e.n_entities;
        cr_entity_set_clear(&e);
        break;
    }
    case ST_CITES: {
        cr_cite *c = NULL;
        size_t n = 0;
        cr_extract_cites(a->text, a->text_len, doc, ents, NULL, &c, &n);
        found[st] += (long)n;
        cr_cites_free(c, n);
        break;
    }
    case ST_MENTIONS: {
        cr_expr *m = NULL;
        size_t n = 0;
        cr_extract_exprs(a->text, a->text_len, doc, a->published, NULL, &m,
                         &n);
        found[st] += (long)n;
        cr_exprs_free(m);
        break;
    }
    default:
        run_all(a, found);
    }
}

int main(int argc, char **argv)
{
    double t[NSTAGE] = {0}, t_first = 0, t_pass, bytes = 0;
    long found[NSTAGE] = {0}, pass_found[NSTAGE] = {0}, articles = 0;
    cr_article *all = NULL;
    size_t nall = 0, capall = 0, i;
    int d, st;
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
            cr_entity_set ents;
            memset(&ents, 0, sizeof ents);
            if (cr_parse_jsonl(line, (size_t)ll, NULL, &a, NULL) != CR_OK)
                continue;
            if (cr_doc_analyze(a.text, a.text_len, a.lang, NULL, &doc) ==
                    CR_OK &&
                cr_extract_entities(a.text, a.text_len, doc, NULL, &ents) ==
                    CR_OK) {
                for (st = 0; st < NSTAGE; st++) {
                    double best = -1, t0;
                    long f[NSTAGE] = {0};
                    int rep;
                    for (rep = 0; rep < RUNS; rep++) {
                        t0 = cpu_now();
                        run_one(st, &a, doc, &ents, rep ? f : found);
                        t0 = cpu_now() - t0;
                        best = best < 0 || t0 < best ? t0 : best;
                        if (st == ST_ALL && rep == 0)
                            t_first += t0;
                    }
                    t[st] += best;
                }
                bytes += (double)a.text_len;
                articles++;
            }
            cr_entity_set_clear(&ents);
            cr_doc_free(doc);
            if (nall == capall) {
                size_t nc = capall ? 2 * capall : 1024;
                cr_article *nv = realloc(all, nc * sizeof *nv);
                if (!nv) {
                    fprintf(stderr, "extract_bench: out of memory\n");
                    return 1;
                }
                all = nv;
                capall = nc;
            }
            all[nall++] = a; /* kept for the single pass; owns its strings */
        }
        free(line);
        fclose(fp);
    }
    /* one pass of the whole stage over every article, one timed span
     * (the articles analysed above are those counted in bytes) */
    t_pass = cpu_now();
    for (i = 0; i < nall; i++)
        if (all[i].text_len)
            run_all(&all[i], pass_found);
    t_pass = cpu_now() - t_pass;
    for (i = 0; i < nall; i++)
        cr_article_clear(&all[i]);
    free(all);
    printf("%ld articles, %.2f MB (CPU, one core, best of %d runs per "
           "article):\n", articles, bytes / 1e6, RUNS);
    for (st = 0; st < NSTAGE; st++) {
        const char *what = st == ST_ANALYSIS ? "tokens"
                           : st == ST_ALL    ? "items" : "found";
        if (st == ST_ALL)
            printf("  analysis + all extraction (as crossread add)");
        else
            printf("  %-9s", STAGE[st]);
        printf(" %7.1f MB/s  (%ld %s)\n",
               t[st] > 0 ? bytes / t[st] / 1e6 : 0, found[st], what);
    }
    printf("  the same, first run of each article only %7.1f MB/s\n",
           t_first > 0 ? bytes / t_first / 1e6 : 0);
    printf("  the same, one pass over all articles (as add) %7.1f MB/s  "
           "(%ld items)\n",
           t_pass > 0 ? bytes / t_pass / 1e6 : 0, pass_found[ST_ALL]);
    return 0;
}
