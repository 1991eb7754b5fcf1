/*
 * dedup.h — internal constants and helpers shared by the two files of the
 * near-duplicate stage: fingerprint.c (cr_fingerprint_*: what a text's
 * fingerprint is, fixed per CR_FINGERPRINT_VERSION) and index.c
 * (cr_dedup_*: the streaming LSH index). Second symbol tier: cri_ names,
 * not API. The "Near-duplicates" section of docs/ALGORITHMS.md has the
 * prose and the measurements behind every number here.
 */
#ifndef CR_DEDUP_H
#define CR_DEDUP_H

#include <stdint.h>

#include "crossread.h"

/* Default options (cr_dedup_opts_default). */
#define CRI_DEDUP_SHINGLE 5       /* words per shingle */
#define CRI_DEDUP_THRESHOLD 0.5   /* max(Jaccard, containment) of a copy */
#define CRI_DEDUP_MAX_SHINGLE 16  /* larger shingle options are CR_EINVAL */

/* Containment is estimated from Jaccard and the two shingle counts; with
 * 64 minhashes that estimate is only trustworthy while the longer text has
 * at most this many times the shingles of the shorter one (a chance match
 * of a few bins is multiplied by the size ratio). Beyond it, containment is
 * taken to be the Jaccard estimate, its lower bound. */
#define CRI_DEDUP_MAX_RATIO 4.0

/* Share of the smaller text's shingles found in the larger one, estimated
 * from `matches` equal minhash values out of CR_MINHASH_SIZE and the
 * shingle counts sa, sb (both > 0). *jaccard receives matches / size.
 * Used by cr_fingerprint_similarity and by the index, so both agree. */
double cri_dedup_containment(unsigned matches, uint32_t sa, uint32_t sb,
                             double *jaccard);

#endif /* CR_DEDUP_H */
