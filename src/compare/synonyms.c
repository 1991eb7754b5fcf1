/*
 * synonyms.c — the synonym classes of English words: which words can mean
 * the same thing though they share no stem ("arms" / "weapons", "punish" /
 * "penalize").
 *
 * The classes are WordNet 3.0 synsets (Debian's wordnet-base), compiled in
 * at build time by gen_synsets.awk: for each one-word lemma, the synsets of
 * its first few senses per part of speech and, marked CRI_SYN_HYPER, the
 * synsets directly above its first noun and verb senses — those in which
 * another lemma can meet it. A word of a text is looked up as WordNet's morphy does:
 * the word itself (irregular forms of the exception lists are entries of
 * their own, carrying their base form's classes), then the lemmas its
 * regular inflections give ("weapons" → "weapon", "penalizes" →
 * "penalize", "bigger" → "big"), each in the parts of speech its rule
 * applies to. Nothing is read at run time.
 */
#include "compare/compare.h"
#include "util/util.h"

#include <stdlib.h>
#include <string.h>

#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverlength-strings"
#endif
#include "compare_syn.inc"
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

#define POS_NOUN 1u
#define POS_VERB 2u
#define POS_ADJ 4u
#define POS_ANY 15u

/* Regular inflections (WordNet's detachment rules): suffix, what replaces
 * it, and the parts of speech the rule applies to. */
static const struct rule {
    const char *suffix, *base;
    unsigned pos;
} RULES[] = {
    {"s", "", POS_NOUN | POS_VERB}, {"ses", "s", POS_NOUN},
    {"xes", "x", POS_NOUN},         {"zes", "z", POS_NOUN},
    {"ches", "ch", POS_NOUN},       {"shes", "sh", POS_NOUN},
    {"men", "man", POS_NOUN},       {"ies", "y", POS_NOUN | POS_VERB},
    {"es", "e", POS_VERB},          {"es", "", POS_VERB},
    {"ed", "e", POS_VERB},          {"ed", "", POS_VERB},
    {"ing", "e", POS_VERB},         {"ing", "", POS_VERB},
    {"er", "", POS_ADJ},            {"est", "", POS_ADJ},
    {"er", "e", POS_ADJ},           {"est", "e", POS_ADJ},
};

#define MAX_WORD 30 /* the generator keeps lemmas up to this length */

uint32_t cri_synset_limit(void) { return (SYN_ID_LIMIT >> 3) + 1; }

/* Compare the pool word at offset off with w[0..n). */
static int word_cmp(uint32_t off, const char *w, size_t n)
{
    const unsigned char *p = (const unsigned char *)SYN_POOL + off;
    size_t i;
    for (i = 0; i < n; i++) {
        if (!p[i] || p[i] != (unsigned char)w[i])
            return p[i] < (unsigned char)w[i] ? -1 : 1;
    }
    return p[n] ? 1 : 0;
}

/* Index of w[0..n) among the words, or -1. */
static long find_word(const char *w, size_t n)
{
    size_t lo = 0, hi = SYN_NWORDS;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = word_cmp(SYN_WORD[mid], w, n);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

/* Add the classes of lemma w[0..n) in parts of speech `pos` to out[0..*k)
 * (no repeats, at most max). */
static void add_lemma(const char *w, size_t n, unsigned pos, uint32_t *out,
                      size_t *k, size_t max)
{
    long e = find_word(w, n);
    uint32_t i, j;
    if (e < 0)
        return;
    for (i = SYN_FIRST[e]; i < SYN_FIRST[e + 1] && *k < max; i++) {
        uint32_t id = SYN_IDS[i];
        if (!(pos & (1u << (id & 3))))
            continue;
        for (j = 0; j < *k && out[j] != id; j++)
            ;
        if (j == *k)
            out[(*k)++] = id;
    }
}

size_t cri_synsets(const char *f, size_t fn, uint32_t *out, size_t max)
{
    char buf[MAX_WORD + 4];
    size_t k = 0, r;
    if (fn < 3 || fn > MAX_WORD + 2)
        return 0;
    if (fn <= MAX_WORD)
        add_lemma(f, fn, POS_ANY, out, &k, max);
    for (r = 0; r < sizeof RULES / sizeof RULES[0]; r++) {
        size_t sl = strlen(RULES[r].suffix), bl = strlen(RULES[r].base);
        size_t stem = fn - sl;
        if (fn <= sl + 1 || memcmp(f + stem, RULES[r].suffix, sl) != 0 ||
            stem + bl > MAX_WORD)
            continue;
        memcpy(buf, f, stem);
        memcpy(buf + stem, RULES[r].base, bl);
        add_lemma(buf, stem + bl, RULES[r].pos, out, &k, max);
    }
    return k;
}

cr_status cri_word_synsets(const char *text, cri_word *w, size_t nw,
                           const uint32_t *starts, size_t nstarts,
                           uint32_t **ids, size_t *nids)
{
    uint32_t *out = NULL, tmp[CRI_SYN_MAX];
    size_t n = 0, cap = 0, i, s = 0;
    *ids = NULL;
    *nids = 0;
    for (i = 0; i < nw; i++) {
        char *f = NULL;
        size_t fn = 0, k;
        int first;
        while (s < nstarts && starts[s] < i)
            s++;
        first = s < nstarts && starts[s] == i;
        w[i].syn = 0;
        w[i].nsyn = 0;
        if (w[i].stop || w[i].kind != CR_TOK_WORD || (w[i].cap && !first))
            continue;
        if (cr_fold(text + w[i].start, w[i].end - w[i].start, &f, &fn) !=
            CR_OK) {
            free(out);
            return CR_ENOMEM;
        }
        k = cri_synsets(f, fn, tmp, CRI_SYN_MAX);
        free(f);
        if (!k)
            continue;
        if (cri_grow((void **)&out, &cap, n + k, sizeof *out)) {
            free(out);
            return CR_ENOMEM;
        }
        memcpy(out + n, tmp, k * sizeof *tmp);
        w[i].syn = (uint32_t)n;
        w[i].nsyn = (uint8_t)k;
        n += k;
    }
    *ids = out;
    *nids = n;
    return CR_OK;
}
