/*
 * bench_text.c — throughput of the text pipeline on real articles.
 *
 * Reads a JSON Lines corpus, parses it once, then times, over enough
 * repetitions to process at least --mb megabytes of text:
 *   parse     cr_parse_jsonl on every line
 *   validate  cr_utf8_validate on every text
 *   tokenize  cr_tokenize
 *   sentences cr_tokenize + cr_split_sentences + cr_split_paragraphs
 *   langid    cr_detect_language
 *   pipeline  cr_doc_analyze (all of the above but parsing)
 *   entities  cr_extract_entities on the analysed document
 *   cites     cr_extract_cites on the analysed document and its entities
 *   ent+cites both, as crossread stream runs them
 * and prints MB/s and articles/s for each, one core (CPU time of this
 * process), best of --runs runs.
 * Usage: bench_text FILE.jsonl [--mb N] [--runs N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "crossread.h"

typedef struct {
    char **lines;
    size_t *lens;
    size_t n;
    cr_article *arts;
    cr_doc **docs;          /* analysed once, for the extraction stages */
    cr_entity_set *ents;
    size_t text_bytes, line_bytes;
} corpus;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts); /* the work, not the
                                                     other jobs of a shared
                                                     machine */
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int load(const char *path, corpus *c)
{
    FILE *f = fopen(path, "rb");
    char *line = NULL;
    size_t cap = 0, alloc = 0;
    ssize_t got;
    if (!f) {
        perror(path);
        return -1;
    }
    while ((got = getline(&line, &cap, f)) > 0) {
        cr_article a;
        cr_error err;
        if (line[got - 1] == '\n')
            got--;
        memset(&a, 0, sizeof a);
        if (cr_parse_jsonl(line, (size_t)got, NULL, &a, &err) != CR_OK)
            continue;
        if (c->n == alloc) {
            alloc = alloc ? alloc * 2 : 1024;
            c->lines = realloc(c->lines, alloc * sizeof *c->lines);
            c->lens = realloc(c->lens, alloc * sizeof *c->lens);
            c->arts = realloc(c->arts, alloc * sizeof *c->arts);
            if (!c->lines || !c->lens || !c->arts)
                return -1;
        }
        c->lines[c->n] = malloc((size_t)got);
        memcpy(c->lines[c->n], line, (size_t)got);
        c->lens[c->n] = (size_t)got;
        c->arts[c->n] = a;
        c->text_bytes += a.text_len;
        c->line_bytes += (size_t)got;
        c->n++;
    }
    free(line);
    fclose(f);
    return c->n ? 0 : -1;
}

enum { B_PARSE, B_VALIDATE, B_TOKENIZE, B_SENTENCES, B_LANGID, B_PIPELINE,
       B_ENTITIES, B_CITES, B_EXTRACT, B_N };
static const char *names[B_N] = {"parse", "validate", "tokenize",
                                 "sentences", "langid", "pipeline",
                                 "entities", "cites", "ent+cites"};

static size_t sink;

static void one(int which, const corpus *c, size_t i)
{
    const cr_article *a = &c->arts[i];
    switch (which) {
    case B_PARSE: {
        cr_article b;
        cr_error err;
        memset(&b, 0, sizeof b);
        if (cr_parse_jsonl(c->lines[i], c->lens[i], NULL, &b, &err) == CR_OK)
            sink += b.text_len;
        cr_article_clear(&b);
        break;
    }
    case B_VALIDATE:
        sink += cr_utf8_validate(a->text, a->text_len, NULL) == CR_OK;
        break;
    case B_TOKENIZE:
    case B_SENTENCES: {
        cr_token *t = NULL;
        cr_span *s = NULL, *p = NULL;
        size_t nt = 0, ns = 0, np = 0;
        cr_tokenize(a->text, a->text_len, NULL, &t, &nt);
        if (which == B_SENTENCES) {
            cr_split_sentences(a->text, a->text_len, t, nt, &s, &ns);
            cr_split_paragraphs(a->text, a->text_len, &p, &np);
        }
        sink += nt + ns + np;
        free(t);
        free(s);
        free(p);
        break;
    }
    case B_LANGID: {
        char code[8];
        int rel;
        cr_detect_language(a->text, a->text_len, code, &rel);
        sink += (size_t)code[0];
        break;
    }
    case B_ENTITIES:
    case B_EXTRACT: {
        cr_entity_set e;
        if (cr_extract_entities(a->text, a->text_len, c->docs[i], NULL, &e) ==
            CR_OK) {
            sink += e.n_mentions;
            if (which == B_EXTRACT) {
                cr_cite *ci = NULL;
                size_t n = 0;
                cr_extract_cites(a->text, a->text_len, c->docs[i], &e, NULL,
                                 &ci, &n);
                sink += n;
                cr_cites_free(ci, n);
            }
        }
        cr_entity_set_clear(&e);
        break;
    }
    case B_CITES: {
        cr_cite *ci = NULL;
        size_t n = 0;
        cr_extract_cites(a->text, a->text_len, c->docs[i], &c->ents[i], NULL,
                         &ci, &n);
        sink += n;
        cr_cites_free(ci, n);
        break;
    }
    case B_PIPELINE: {
        cr_doc *d = NULL;
        size_t n;
        if (cr_doc_analyze(a->text, a->text_len, NULL, NULL, &d) == CR_OK) {
            cr_doc_sentences(d, &n);
            sink += n;
        }
        cr_doc_free(d);
        break;
    }
    }
}

int main(int argc, char **argv)
{
    corpus c;
    double mb = 200;
    int runs = 3, i, w;
    memset(&c, 0, sizeof c);
    if (argc < 2) {
        fprintf(stderr, "usage: bench_text FILE.jsonl [--mb N] [--runs N]\n");
        return 2;
    }
    for (i = 2; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--mb") == 0)
            mb = strtod(argv[i + 1], NULL);
        else if (strcmp(argv[i], "--runs") == 0)
            runs = (int)strtol(argv[i + 1], NULL, 10);
    }
    if (load(argv[1], &c) != 0) {
        fprintf(stderr, "bench_text: no articles in %s\n", argv[1]);
        return 1;
    }
    printf("corpus: %s: %zu articles, %.1f MB of text (%.0f bytes/article)\n",
           argv[1], c.n, c.text_bytes / 1e6, (double)c.text_bytes / c.n);
    printf("%-10s %10s %12s   (best of %d runs, >= %.0f MB each, one core, CPU time)\n",
           "stage", "MB/s", "articles/s", runs, mb);
    c.docs = calloc(c.n, sizeof *c.docs);
    c.ents = calloc(c.n, sizeof *c.ents);
    if (!c.docs || !c.ents)
        return 1;
    for (i = 0; i < (int)c.n; i++)
        if (cr_doc_analyze(c.arts[i].text, c.arts[i].text_len, NULL, NULL,
                           &c.docs[i]) != CR_OK ||
            cr_extract_entities(c.arts[i].text, c.arts[i].text_len, c.docs[i],
                                NULL, &c.ents[i]) != CR_OK) {
            fprintf(stderr, "bench_text: article %d does not analyse\n", i);
            return 1;
        }
    for (w = 0; w < B_N; w++) {
        double best = 1e30;
        size_t reps = (size_t)(mb * 1e6 / (double)c.text_bytes) + 1, r, k;
        int run;
        for (run = 0; run < runs; run++) {
            double t0 = now(), dt;
            for (r = 0; r < reps; r++)
                for (k = 0; k < c.n; k++)
                    one(w, &c, k);
            dt = now() - t0;
            if (dt < best)
                best = dt;
        }
        {
            double bytes = (double)(w == B_PARSE ? c.line_bytes : c.text_bytes) * reps;
            printf("%-10s %10.1f %12.0f\n", names[w], bytes / best / 1e6,
                   (double)c.n * reps / best);
        }
    }
    for (i = 0; i < (int)c.n; i++) {
        free(c.lines[i]);
        cr_article_clear(&c.arts[i]);
        cr_doc_free(c.docs[i]);
        cr_entity_set_clear(&c.ents[i]);
    }
    free(c.docs);
    free(c.ents);
    free(c.lines);
    free(c.lens);
    free(c.arts);
    return sink == 0;
}
