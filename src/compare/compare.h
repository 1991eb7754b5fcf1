/*
 * compare.h — what the files of src/compare/ share: the word view of a text
 * (words and numbers with their match keys) and the word diff over keys.
 * Private to src/compare/.
 */
#ifndef CR_COMPARE_INT_H
#define CR_COMPARE_INT_H

#include "crossread.h"

/* A word or number of a text, with the keys passages are compared by. */
typedef struct cri_word {
    uint32_t start, end; /* bytes in the text */
    uint32_t tok;        /* index of its cr_token */
    uint64_t fold;       /* hash of the folded word */
    uint64_t stem;       /* hash of its stem (the fold's hash when the
                            language has no stemmer) */
    uint64_t pre[2];     /* hashes of the first CRI_PREFIX characters of
                            the folded word, and of its second part when it
                            is hyphenated ("Jong-Un": "jong", "un"); 0 for
                            none. Loose keys that match across inflection,
                            derivation and demonyms (Russia, Russian) */
    uint8_t kind;        /* CR_TOK_WORD or CR_TOK_NUMBER */
    uint8_t cap;         /* capitalized */
    uint8_t stop;        /* a stopword of the text's language */
    uint8_t brk;         /* punctuation separates it from the word before
                            (a clause or parenthesis boundary) */
    uint8_t nsyn;        /* its synonym classes: ids[syn..syn+nsyn) of
                            cri_word_synsets; 0 when none */
    uint32_t syn;
} cri_word;

#define CRI_PREFIX 5

/* The loose keys of a folded word (cri_word.pre): the hash of its first
 * CRI_PREFIX characters, and of those of the part after its first hyphen
 * (0 when it has none). */
void cri_prefix_keys(const char *f, size_t fn, uint64_t pre[2]);

/* The words of text (tokens from cr_tokenize/cr_doc of the same text),
 * keyed with `st` (may be NULL) and the stopwords of `lang` (may be NULL).
 * *out (caller frees) gets *n words in order. */
cr_status cri_words(const char *text, size_t len, const cr_token *tok,
                    size_t ntok, cr_stemmer *st, const char *lang,
                    cri_word **out, size_t *n);

/* Synonym classes (synonyms.c): WordNet synsets, as small integers: the
 * synset is id >> 3 (below cri_synset_limit()), id & CRI_SYN_HYPER says
 * that it is the class directly above the word's first sense rather than
 * one of its senses, id & 3 is the part of speech (0 noun, 1 verb, 2
 * adjective, 3 adverb). cri_synsets writes to out[0..max) the classes of a
 * folded English word (its own, and those of the lemmas its regular
 * inflections give) and returns how many. */
#define CRI_SYN_MAX 24
#define CRI_SYN_HYPER 4u
size_t cri_synsets(const char *f, size_t fn, uint32_t *out, size_t max);
uint32_t cri_synset_limit(void);

/* Give each content word of w[0..nw) (English text; not a stopword, not a
 * number, not a capitalized word other than the first of a sentence: a
 * name) its synonym classes: *ids (caller frees) gets them all, each word
 * its range (cri_word.syn, .nsyn). `starts` lists the first word of each
 * sentence (nstarts of them, ascending; may be NULL). */
cr_status cri_word_synsets(const char *text, cri_word *w, size_t nw,
                           const uint32_t *starts, size_t nstarts,
                           uint32_t **ids, size_t *nids);

/* One step of a diff over word indexes: a[a0..a1) against b[b0..b1). */
typedef struct cri_dop {
    uint8_t kind;                /* cr_diff_kind */
    uint32_t a0, a1, b0, b1;
} cri_dop;

/* Diff two word sequences by their stem keys (a longest common
 * subsequence, common prefix and suffix first). A lone stopword left equal
 * between two changes joins them, so "follow excellently the" against
 * "brilliantly inherit the" reads as one replacement; a change that crosses
 * punctuation on one side only is cut there, the rest becoming a deletion
 * or insertion ("operation" → "War) and in building" reads as "operation"
 * → "War" and + "and in building"). Sequences whose
 * product of lengths exceeds CRI_DIFF_MAX_CELLS come out as one REPLACE.
 * *ops (caller frees) gets *n steps covering both sequences. */
#define CRI_DIFF_MAX_CELLS ((size_t)4 << 20)
cr_status cri_diff(const cri_word *a, size_t na, const cri_word *b,
                   size_t nb, cri_dop **ops, size_t *n);

/* The byte spans of a diff step over words a and b (an empty span sits
 * where the other side's words are). */
void cri_dop_spans(const cri_dop *op, const cri_word *a, size_t na,
                   const cri_word *b, size_t nb, cr_diff_op *out);

#endif
