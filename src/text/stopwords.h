/*
 * stopwords.h — the internal view of the stopword lists (see stopwords.c).
 *
 * cr_is_stopword() in crossread.h is the lookup the rest of the library and
 * its users call; the functions here expose the lists themselves so tests
 * can check them and documentation can count them. Nothing here is API.
 */
#ifndef CR_STOPWORDS_H
#define CR_STOPWORDS_H

#include <stddef.h>

/* No stopword in any list is longer than this many bytes; longer words are
 * rejected before any comparison. A unit test holds the lists to it. */
#define CRI_STOPWORD_MAX_BYTES 32

/* The number of stopwords for lang (same codes as cr_is_stopword); 0 for an
 * unknown language or NULL. */
size_t cri_stopword_count(const char *lang);

/* The list for lang, folded and strictly sorted by strcmp(); *n (may be
 * NULL) receives its length. Borrowed: static storage. NULL (and *n = 0)
 * for an unknown language. */
const char *const *cri_stopword_list(const char *lang, size_t *n);

/* The code of the i-th language that has a list ("da" ... "tr", one code
 * per list, aliases such as "nb" left out); NULL when i is past the end. */
const char *cri_stopword_lang(size_t i);

#endif /* CR_STOPWORDS_H */
