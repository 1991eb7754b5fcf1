/*
 * stories_bench.h — what the story benchmarks share (bench/stories_eval.c,
 * bench/stories_stream.c): fatal errors, the SplitMix64 generator and
 * --set NAME=VALUE for cr_story_opts. Each includer defines BENCH_NAME.
 */
#ifndef CR_STORIES_BENCH_H
#define CR_STORIES_BENCH_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread.h"

static void die(const char *msg, const char *arg)
{
    fprintf(stderr, BENCH_NAME ": %s%s%s\n", msg, arg ? ": " : "",
            arg ? arg : "");
    exit(2);
}

/* SplitMix64: advances *s and returns the next value. */
static inline uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

/* One option of cr_story_opts from NAME=VALUE (seconds, or days with a d
 * suffix, for the times). */
static void set_opt(cr_story_opts *o, const char *kv)
{
    const char *eq = strchr(kv, '=');
    char *end;
    double v;
    size_t n;
    if (!eq)
        die("--set wants NAME=VALUE", kv);
    n = (size_t)(eq - kv);
    v = strtod(eq + 1, &end);
    if (end == eq + 1)
        die("bad value", kv);
    if (*end == 'd')
        v *= 86400;
#define OPT(name, expr)                                                        \
    if (n == strlen(#name) && !strncmp(kv, #name, n)) {                        \
        o->name = expr;                                                        \
        return;                                                                \
    }
    OPT(threshold, v)
    OPT(w_terms, v)
    OPT(w_names, v)
    OPT(w_numbers, v)
    OPT(title_weight, v)
    OPT(grace, (int64_t)v)
    OPT(half_life, (int64_t)v)
    OPT(window, (int64_t)v)
    OPT(max_active, (size_t)v)
#undef OPT
    die("unknown option", kv);
}

#endif /* CR_STORIES_BENCH_H */
