/*
 * stem.c — Snowball stemmers (Debian's libstemmer) keyed by ISO 639-1 code.
 * A thin owner of one sb_stemmer; stems are borrowed from it until the next
 * call, as libstemmer returns them.
 */
#include "util/util.h"

#include <libstemmer.h>
#include <stdlib.h>
#include <string.h>

struct cr_stemmer {
    struct sb_stemmer *sb; /* owned */
};

/* ISO 639-1 codes to Snowball algorithm names. */
static const struct {
    const char *code, *algo;
} algos[] = {
    {"ar", "arabic"},   {"ca", "catalan"},    {"da", "danish"},
    {"de", "german"},   {"el", "greek"},      {"en", "english"},
    {"es", "spanish"},  {"eu", "basque"},     {"fi", "finnish"},
    {"fr", "french"},   {"ga", "irish"},      {"hi", "hindi"},
    {"hu", "hungarian"}, {"hy", "armenian"},  {"id", "indonesian"},
    {"it", "italian"},  {"lt", "lithuanian"}, {"nb", "norwegian"},
    {"ne", "nepali"},   {"nl", "dutch"},      {"no", "norwegian"},
    {"pt", "portuguese"}, {"ro", "romanian"}, {"ru", "russian"},
    {"sr", "serbian"},  {"sv", "swedish"},    {"ta", "tamil"},
    {"tr", "turkish"},  {"yi", "yiddish"},
};

cr_status cr_stemmer_new(const char *lang, cr_stemmer **out)
{
    size_t i;
    const char *algo = NULL;
    cr_stemmer *st;

    if (!lang || !out)
        return CR_EINVAL;
    *out = NULL;
    for (i = 0; i < sizeof algos / sizeof algos[0]; i++)
        if (strcmp(algos[i].code, lang) == 0)
            algo = algos[i].algo;
    if (!algo)
        return CR_ELANG;
    st = calloc(1, sizeof *st);
    if (!st)
        return CR_ENOMEM;
    st->sb = sb_stemmer_new(algo, "UTF_8");
    if (!st->sb) {
        free(st);
        return CR_ELANG;
    }
    *out = st;
    return CR_OK;
}

void cr_stemmer_free(cr_stemmer *st)
{
    if (!st)
        return;
    sb_stemmer_delete(st->sb);
    free(st);
}

cr_status cr_stem(cr_stemmer *st, const char *word, size_t len,
                  const char **stem, size_t *stem_len)
{
    const sb_symbol *r;
    if (!st || !word || !stem || !stem_len)
        return CR_EINVAL;
    if (len > 1024)
        return CR_ELIMIT;
    r = sb_stemmer_stem(st->sb, (const sb_symbol *)word, (int)len);
    if (!r)
        return CR_ENOMEM;
    *stem = (const char *)r;
    *stem_len = (size_t)sb_stemmer_length(st->sb);
    return CR_OK;
}
