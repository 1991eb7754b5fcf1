/*
 * langvote.c — a fast first opinion on an article's language, from the
 * stopword lists.
 *
 * Function words are the most frequent words of any text and differ between
 * languages, so counting, over the first words of an article, how many are
 * stopwords of each language identifies long news texts almost for free.
 * The vote only answers when the evidence is overwhelming (thresholds
 * below, reasoning in docs/ALGORITHMS.md); otherwise it abstains and the
 * caller asks CLD2, which is accurate but costs ~40 ns a byte. Closely
 * related languages (Danish/Norwegian/Swedish, Spanish/Portuguese) rarely
 * clear the margin and so go to CLD2, as do short texts and texts in
 * scripts without lists.
 *
 * The table maps each folded stopword to the set of languages that list
 * it. It is built once per process (pthread_once) from the static lists
 * and never changes afterwards; lookups are read-only and thread-safe.
 */
#include "text/langvote.h"

#include <pthread.h>
#include <string.h>

#include "text/stopwords.h"

/* Tunables of the vote. */
#define VOTE_MAX_WORDS 400   /* words examined at most */
#define VOTE_MIN_HITS 12     /* stopword hits the winner needs at least */
#define VOTE_MIN_SHARE 0.15  /* ... as a share of the ASCII words examined */
#define VOTE_MARGIN 2.5      /* winner's hits over the runner-up's, at least */
#define VOTE_MAX_NONASCII 0.3 /* abstain when more words than this are non-ASCII */
#define VOTE_EARLY_EVERY 64  /* check for an early decision this often */
#define VOTE_EARLY_FACTOR 3  /* early: VOTE_MIN_HITS times this ... */
#define VOTE_EARLY_MARGIN 4.0 /* ... and this margin over the runner-up */

#define TABLE_BITS 13
#define TABLE_SIZE (1u << TABLE_BITS)

/* The probe array is kept small (8 bytes a slot, 64 KiB, cache-resident);
 * the words themselves are compared only when the full hash matches. */
typedef struct entry {
    uint32_t hash;  /* full hash of the word */
    uint32_t langs; /* bit i: cri_stopword_lang(i) lists the word; 0: empty */
} entry;

static entry table[TABLE_SIZE];
static const char *words_of[TABLE_SIZE]; /* the word in each used slot */
static size_t nlangs;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

/* FNV-1a. The keys are the fixed lists, not outside data; outside words
 * only probe, so a fixed hash cannot be flooded. */
static uint32_t hash(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    size_t i;
    for (i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 16777619u;
    }
    return h;
}

static void build_table(void)
{
    const char *code;
    size_t li, k, n;
    for (li = 0; (code = cri_stopword_lang(li)) != NULL && li < 32; li++) {
        const char *const *words = cri_stopword_list(code, &n);
        for (k = 0; k < n; k++) {
            size_t len = strlen(words[k]);
            uint32_t h = hash(words[k], len), slot = h & (TABLE_SIZE - 1);
            if (len > CRI_STOPWORD_MAX_BYTES)
                continue;
            while (table[slot].langs && strcmp(words_of[slot], words[k]) != 0)
                slot = (slot + 1) & (TABLE_SIZE - 1);
            table[slot].hash = h;
            words_of[slot] = words[k];
            table[slot].langs |= (uint32_t)1 << li;
        }
    }
    nlangs = li;
}

/* The language set of a lowercase ASCII word, 0 when it is no stopword. */
static uint32_t lookup(const char *w, size_t n)
{
    uint32_t h = hash(w, n), slot = h & (TABLE_SIZE - 1);
    while (table[slot].langs) {
        if (table[slot].hash == h && strncmp(words_of[slot], w, n) == 0 &&
            words_of[slot][n] == '\0')
            return table[slot].langs;
        slot = (slot + 1) & (TABLE_SIZE - 1);
    }
    return 0;
}

/* Apply the thresholds: `factor` scales the minimum hits and `margin` is
 * the lead over the runner-up (stricter for an early decision). Returns the winning language index, or -1. */
static int decide(const unsigned *counts, unsigned words, unsigned ascii,
                  double factor, double margin)
{
    unsigned best = 0, second = 0;
    size_t li;
    int win = -1;
    if (words == 0 || (double)(words - ascii) > VOTE_MAX_NONASCII * words)
        return -1;
    for (li = 0; li < nlangs; li++) {
        if (counts[li] > best) {
            second = best;
            best = counts[li];
            win = (int)li;
        } else if (counts[li] > second) {
            second = counts[li];
        }
    }
    if (best < factor * VOTE_MIN_HITS || (double)best < VOTE_MIN_SHARE * ascii ||
        (double)best < margin * second)
        return -1;
    return win;
}

int cri_lang_vote(const char *text, const cr_token *tok, size_t ntok,
                  char code[8])
{
    unsigned counts[32] = {0};
    unsigned words = 0, ascii = 0;
    size_t i, li;
    int win = -1;
    char w[CRI_STOPWORD_MAX_BYTES + 1];

    pthread_once(&table_once, build_table);
    for (i = 0; i < ntok && words < VOTE_MAX_WORDS; i++) {
        size_t n = tok[i].end - tok[i].start, k;
        const char *s = text + tok[i].start;
        uint32_t set;
        if (tok[i].kind != CR_TOK_WORD)
            continue;
        /* Most texts are settled long before the limit: stop as soon as
         * the evidence clears every threshold several times over. */
        if (words && words % VOTE_EARLY_EVERY == 0 &&
            (win = decide(counts, words, ascii, VOTE_EARLY_FACTOR,
                          VOTE_EARLY_MARGIN)) >= 0)
            break;
        words++;
        for (k = 0; k < n; k++)
            if ((unsigned char)s[k] >= 0x80)
                break;
        if (k < n)
            continue;
        ascii++;
        if (n > CRI_STOPWORD_MAX_BYTES)
            continue;
        for (k = 0; k < n; k++)
            w[k] = (s[k] >= 'A' && s[k] <= 'Z') ? (char)(s[k] + 32) : s[k];
        set = lookup(w, n);
        for (li = 0; set; li++, set >>= 1)
            counts[li] += set & 1u;
    }
    if (win < 0)
        win = decide(counts, words, ascii, 1.0, VOTE_MARGIN);
    if (win < 0)
        return 0;
    strncpy(code, cri_stopword_lang((size_t)win), 7);
    code[7] = '\0';
    return 1;
}
