/*
 * stories.h — internal to the stories stage: every default and bound of the
 * online clusterer in one place, and the interface between features.c
 * (what an article is made of: weighted terms, names and numbers) and
 * cluster.c (cr_clusterer_*, cr_story_*: the stories, their centroids, the
 * inverted index, assignment and retirement). Second symbol tier: cri_
 * names, not API. docs/ALGORITHMS.md ("Stories") gives the reasoning and the
 * measurements behind each number.
 */
#ifndef CR_STORIES_H
#define CR_STORIES_H

#include <stddef.h>
#include <stdint.h>

#include "crossread.h"

/* ---- defaults of cr_story_opts ----------------------------------------- */

/* Score (0..1, a weighted mean of per-channel cosines, times the time
 * factor) at which an article joins a story. See docs/ALGORITHMS.md, "Stories":
 * on a same-topic pair of events the same-event scores cluster above it
 * and the other-event scores below it, and F1 is flat around it. */
#define CRI_STORY_THRESHOLD 0.30

/* Channel weights (normalised over the channels both sides have). Names
 * identify an event best (who, where), content words say what happened,
 * numbers and dates (ages, tolls, scores, days) tell apart repeats of one
 * kind of event. */
#define CRI_STORY_W_TERMS 0.40
#define CRI_STORY_W_NAMES 0.35
#define CRI_STORY_W_NUMBERS 0.25

/* A title token counts as this many body tokens: the headline states the
 * event; the body also carries background. */
#define CRI_STORY_TITLE_WEIGHT 2.0

/* The lead sentence of the body weighs as a headline (title_weight); the
 * extra weight halves every LEAD_HALF sentences after it. News puts the
 * event first and background last (the inverted pyramid). */
#define CRI_STORY_LEAD_HALF 1.0f

/* Time: publication dates within GRACE of a story's centre in time (the
 * mean time of its dated articles) cost nothing (date-only stamps are
 * midnight UTC, outlets follow up next day); beyond it the score halves
 * every HALF_LIFE. Two years apart: factor ~2^-100. Measured from the
 * centre, not the newest article, a story fed every day cannot chain on
 * for months (docs/ALGORITHMS.md, "Time"). */
#define CRI_STORY_GRACE (2 * 86400)
#define CRI_STORY_HALF_LIFE (7 * 86400)

/* A story with no article within WINDOW of the newest time seen retires:
 * by then the time factor is below 2^-(14-2)/7 ~ 0.3 = the threshold
 * (its centre is at least that far back),
 * so even an identical article could not join it. */
#define CRI_STORY_WINDOW (14 * 86400)

/* Active stories kept at most; beyond it the least recently active one
 * retires (bounded memory in a forever stream of undated articles). */
#define CRI_STORY_MAX_ACTIVE ((size_t)1 << 20)

/* ---- fixed sizes (bounded memory per story, bounded work per article) -- */

#define CRI_NCHAN 3 /* channels: 0 terms, 1 names, 2 numbers */

/* Centroid size per channel: the top features by weight x IDF. */
#define CRI_CEN_TERMS 128
#define CRI_CEN_NAMES 48
#define CRI_CEN_NUMBERS 24

/* Article (and retained member) vector size per channel: the top features
 * by weight x IDF. Longer articles keep their strongest evidence. */
#define CRI_ART_TERMS 96
#define CRI_ART_NAMES 32
#define CRI_ART_NUMBERS 16

/* Features of each story posted in the inverted index, per channel, and
 * features of an article looked up in it, per channel. */
#define CRI_IDX_TERMS 24
#define CRI_IDX_NAMES 16
#define CRI_IDX_NUMBERS 6
#define CRI_QRY_TERMS 24
#define CRI_QRY_NAMES 16
#define CRI_QRY_NUMBERS 6

/* Most recent postings read per looked-up feature: a feature posted by
 * more active stories than this is common, and its oldest stories are the
 * least likely to be the one. */
#define CRI_POSTINGS_READ 512

/* Stories cache the TF-IDF norms of their centroid and members; the
 * caches of a story are recomputed when it changes and, when it is scored,
 * once per IDF epoch: a new epoch begins when the stream has grown by
 * 1/EPOCH_GROWTH of its size (IDF = ln((N+1)/(df+1)) + 1 then moves by
 * at most ln(1 + 1/16) ~ 0.06 for a feature whose df did not change). */
#define CRI_EPOCH_GROWTH 16

/* Candidate stories scored in full per article (the best by index
 * overlap). */
#define CRI_CANDIDATES 12

/* Member articles whose vectors a story retains for article-to-article
 * links and for its label (the least central is dropped when full). */
#define CRI_MEMBERS 8

/* Members are scored only for stories whose centroid score reaches this
 * part of the threshold (see cluster.c). */
#define CRI_MEMBER_GATE 0.5

/* Labels (titles or lead sentences) are cut to this many bytes at a
 * character boundary. */
#define CRI_LABEL_MAX 240

/* Seed of the feature hash (XXH3-64). Results do not depend on it except
 * through 64-bit collisions. */
#define CRI_STORY_SEED 0x6372737472793031ULL

/* A hint to fetch the cache line of p ahead of its use. */
#if defined(__GNUC__)
#define CRI_PREFETCH(p) __builtin_prefetch(p)
#else
#define CRI_PREFETCH(p) ((void)0)
#endif

/* ---- features.c -------------------------------------------------------- */

/* One feature of an article before interning: the seeded hash of its key
 * (channel-tagged) and its weight 1 + ln(tf), where tf counts a title
 * occurrence as title_weight body occurrences. */
typedef struct cri_sfeat {
    uint64_t hash;
    float w;
} cri_sfeat;

/* Name-case evidence the extractor asks for: how often the stream has
 * written the folded word w mid-sentence capitalized and in lower case.
 * Returns 1 when the word is known to be usually capitalized. */
typedef int (*cri_case_fn)(void *ctx, uint64_t name_hash);

/* Reusable scratch of the extractor (zero-initialise; free with
 * cri_sfeats_free). After cri_story_features, v[c][0..n[c]) holds the
 * features of channel c, unique, in no particular order; mid[0..nmid)
 * holds the name hashes seen capitalized mid-sentence and low[0..nlow)
 * the word hashes (same keying) seen in lower case mid-sentence, for the
 * stream's case statistics. */
typedef struct cri_sfeats {
    cri_sfeat *v[CRI_NCHAN];
    size_t n[CRI_NCHAN], cap[CRI_NCHAN];
    uint64_t *mid, *low;
    size_t nmid, nlow, capmid, caplow;
    /* private scratch */
    uint64_t *tab_key;   /* accumulation table: hash, 0 = empty */
    uint32_t *tab_pos;   /* position in v[channel] */
    uint8_t *tab_chan;
    uint32_t *tab_used;  /* the slots filled, to empty only those */
    size_t tab_cap, tab_nused;
    uint64_t *dn_key;    /* hash set of the names an article writes
                            mid-sentence (features.c) */
    uint32_t *dn_used;
    size_t dn_cap, dn_nused;
    unsigned char *tokflag; /* per token: initial / name */
    size_t tokflag_cap;
    char *fold;          /* the folded words of the article, each
                            NUL-terminated */
    size_t fold_cap, fold_len;
    uint32_t *word;      /* per word token: offset and length of its
                            folded form in fold (two entries) */
    uint64_t *wstop;     /* ... and the hash of that form (features.c) */
    size_t word_cap, wstop_cap;
    const char *const *stop_src; /* stopword list the table was built of */
    uint64_t *stop_tab;  /* its hash set (features.c) */
    size_t stop_mask;
    uint64_t *term_tab;  /* word hash -> term feature, for the stemmer and
                            stopword list below (features.c) */
    const void *term_stem, *term_stop;
} cri_sfeats;

void cri_sfeats_free(cri_sfeats *f);

/* Extract the features of an article: title (may be NULL or empty), text
 * with its analysis doc (tokens and sentences; text may be empty with
 * doc NULL), the stemmer of its language (may be NULL: words are not
 * stemmed) and its language code for stopwords (may be NULL). is_cap
 * (may be NULL) answers for sentence-initial and title-case words whether
 * the stream writes them capitalized. Deterministic. CR_ENOMEM only. */
cr_status cri_story_features(cri_sfeats *f, const char *title,
                             const char *text, size_t text_len,
                             const cr_doc *doc, cr_stemmer *stem,
                             const char *lang, double title_weight,
                             cri_case_fn is_cap, void *cap_ctx);

/* The hash under which case statistics are kept for a folded word. */
uint64_t cri_story_word_hash(const char *w, size_t n);

#endif /* CR_STORIES_H */
