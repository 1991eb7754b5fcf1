/*
 * fuzz_entities.c — libFuzzer target for entity extraction
 * (cr_extract_entities), the merge of entity sets (cr_entities_merge) and
 * cited sources (cr_extract_cites, with the entity set and without).
 * Any bytes go in; invalid UTF-8 is cut at the first bad byte (the
 * extractor takes validated text). The input is also split in two at its
 * middle newline and both halves merged, as a story of two articles.
 * Aborts when an invariant breaks:
 *  - every mention lies inside the text, is non-empty and names an entity;
 *  - mentions are ordered by start, then longer first;
 *  - each entity has a name and a key, a known type, and as many mentions
 *    as the array holds for it (at least one), confidence in (0, 1];
 *  - the merge maps every entity to a story entity whose mention count is
 *    the sum of its members';
 *  - every cite lies inside the text, has a name, a known kind, a cue
 *    inside the text, a cited_by that names another cite, an entity index
 *    inside the set (-1 without one); cites are ordered by start; the same
 *    number of cites comes out with and without the entity set given.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crossread.h"

#define CHECK(c)        \
    do {                \
        if (!(c))       \
            abort();    \
    } while (0)

static void check_set(const cr_entity_set *s, size_t len)
{
    size_t i;
    uint32_t *count = calloc(s->n_entities + 1, sizeof *count);
    CHECK(count);
    for (i = 0; i < s->n_mentions; i++) {
        const cr_mention *m = &s->mentions[i];
        CHECK(m->start < m->end && m->end <= len);
        CHECK(m->entity < s->n_entities);
        CHECK(m->how >= CR_MENTION_NAME && m->how <= CR_MENTION_DEMONYM);
        CHECK(m->confidence > 0.0 && m->confidence <= 1.0);
        CHECK(i == 0 || s->mentions[i - 1].start < m->start ||
              (s->mentions[i - 1].start == m->start &&
               s->mentions[i - 1].end >= m->end));
        count[m->entity]++;
    }
    for (i = 0; i < s->n_entities; i++) {
        const cr_entity *e = &s->entities[i];
        CHECK(e->name && e->key && strlen(e->name) > 0);
        CHECK(e->type >= CR_ENT_PERSON && e->type <= CR_ENT_OTHER);
        CHECK(e->mentions == count[i] && e->mentions > 0);
        CHECK(e->confidence > 0.0 && e->confidence <= 1.0);
    }
    free(count);
}

static void check_cites(const cr_cite *c, size_t n, size_t len,
                        size_t nents)
{
    size_t i;
    for (i = 0; i < n; i++) {
        CHECK(c[i].start < c[i].end && c[i].end <= len);
        CHECK(c[i].name && strlen(c[i].name) > 0);
        CHECK(c[i].kind >= CR_CITE_AGENCY && c[i].kind <= CR_CITE_CREDIT);
        CHECK(c[i].cue.start <= c[i].cue.end && c[i].cue.end <= len);
        CHECK(c[i].cited_by >= -1 && c[i].cited_by < (int32_t)n &&
              c[i].cited_by != (int32_t)i);
        CHECK(c[i].entity >= -1 && c[i].entity < (int32_t)nents);
        CHECK(c[i].confidence > 0.0 && c[i].confidence <= 1.0);
        CHECK(i == 0 || c[i - 1].start <= c[i].start);
    }
}

static int analyse(const char *text, size_t len, cr_entity_set *s)
{
    cr_doc *doc = NULL;
    cr_status rc;
    if (cr_doc_analyze(text, len, "en", NULL, &doc) != CR_OK)
        return -1;
    rc = cr_extract_entities(text, len, doc, NULL, s);
    if (rc == CR_OK) {
        cr_cite *c = NULL, *c2 = NULL;
        size_t n = 0, n2 = 0;
        if (cr_extract_cites(text, len, doc, s, NULL, &c, &n) == CR_OK &&
            cr_extract_cites(text, len, NULL, NULL, NULL, &c2, &n2) == CR_OK) {
            check_cites(c, n, len, s->n_entities);
            check_cites(c2, n2, len, 0);
            CHECK(n == n2);
        }
        cr_cites_free(c, n);
        cr_cites_free(c2, n2);
    }
    cr_doc_free(doc);
    if (rc != CR_OK) {
        CHECK(s->entities == NULL && s->n_entities == 0 && s->mentions == NULL);
        return -1;
    }
    check_set(s, len);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    size_t len = size, bad = 0, cut, i;
    cr_entity_set s[2], story;
    uint32_t *map = NULL;
    if (cr_utf8_validate(text, len, &bad) != CR_OK)
        len = bad;
    memset(s, 0, sizeof s);
    cut = len / 2;
    while (cut < len && text[cut] != '\n')
        cut++;
    if (analyse(text, cut, &s[0]) == 0 &&
        analyse(text + cut, len - cut, &s[1]) == 0 &&
        cr_entities_merge(s, 2, &story, &map) == CR_OK) {
        size_t off = s[0].n_entities;
        uint32_t *sum = calloc(story.n_entities + 1, sizeof *sum);
        CHECK(sum);
        for (i = 0; i < s[0].n_entities + s[1].n_entities; i++) {
            const cr_entity *e = i < off ? &s[0].entities[i]
                                         : &s[1].entities[i - off];
            CHECK(map[i] < story.n_entities);
            sum[map[i]] += e->mentions;
        }
        for (i = 0; i < story.n_entities; i++) {
            CHECK(story.entities[i].mentions == sum[i]);
            CHECK(story.entities[i].articles >= 1 &&
                  story.entities[i].articles <= 2);
        }
        CHECK(story.mentions == NULL);
        free(sum);
        free(map);
        cr_entity_set_clear(&story);
    }
    cr_entity_set_clear(&s[0]);
    cr_entity_set_clear(&s[1]);
    return 0;
}
