/*
 * dup_metrics.h — scoring a predicted grouping of articles against gold
 * groups: pairwise precision, recall and F1 (over the pairs of articles
 * put in one group) and the adjusted Rand index (Hubert & Arabie 1985);
 * plus what scoring needs around it: a string map and the gold TSV reader.
 *
 * Used by `crossread eval dups` (cmd_eval.c) and by bench/dedup_bench.c,
 * which compiles dup_metrics.c next to itself: one implementation of the
 * scores for both. C11 and libc (and libxxhash for the map's seeded hash);
 * no libcrossread.
 */
#ifndef CR_DUP_METRICS_H
#define CR_DUP_METRICS_H

#include <stddef.h>
#include <stdint.h>

typedef struct dup_scores {
    size_t items;
    double gold_pairs;     /* pairs in one gold group */
    double pred_pairs;     /* pairs in one predicted group */
    double true_pairs;     /* pairs in one group in both */
    double precision, recall, f1;
    double ari;
} dup_scores;

/* Score pred against gold: arrays of n labels, any integers, equal labels
 * meaning one group. An item missing from the gold is the caller's
 * business (give it a label of its own). Precision (recall) is 1 when
 * nothing is predicted (in the gold). O(n log n). Returns 0, or -1 when
 * out of memory. */
int dup_score(const int64_t *gold, const int64_t *pred, size_t n,
              dup_scores *out);

/* Make room for item n in two parallel label arrays (gold, predicted) of
 * *cap entries, doubling from 4096. Returns 0, or -1 when out of memory
 * (the arrays stay valid). */
int dup_labels_reserve(int64_t **gold, int64_t **pred, size_t *cap, size_t n);

/* A map from NUL-terminated strings (copied in) to int64 values, with a
 * seeded hash (keys come from outside). */
typedef struct dup_map dup_map;

/* A new, empty map; NULL when out of memory. Free with dup_map_free. */
dup_map *dup_map_new(void);
void dup_map_free(dup_map *m);

/* The value of key. Absent: NULL, unless `create`, which adds it with the
 * value 0 (NULL then means out of memory). The pointer is valid until the
 * next call that creates. */
int64_t *dup_map_slot(dup_map *m, const char *key, int create);

/* Number of keys. */
size_t dup_map_size(const dup_map *m);

/* Lines of a gold or prediction file longer than this are an error. */
#define DUP_MAX_LINE (1 << 20)

/* Read a gold TSV, `id<TAB>group[<TAB>more...]` per line, with an optional
 * header line starting "id<TAB>", into gold: id -> group number (1, 2, ...
 * in order of first appearance). Blank lines are skipped. Returns 0, or -1
 * with a one-line reason (naming the line) in msg[cap]: cannot open, a
 * line without a tab, a line over DUP_MAX_LINE, an id listed twice, out of
 * memory. */
int dup_gold_load(const char *path, dup_map *gold, char *msg, size_t cap);

/* The same, keeping the group names: (*names)[g - 1] is group g's name
 * (*nnames of them). Free with dup_names_free, also after a failure. */
int dup_gold_load_names(const char *path, dup_map *gold, char ***names,
                        size_t *nnames, char *msg, size_t cap);
void dup_names_free(char **names, size_t n);

#endif /* CR_DUP_METRICS_H */
