/*
 * seed.h — for unit tests: read one of the seed articles (examples/seeds,
 * the plain-text format with its date marker) into an article. Include
 * after cmocka.h; the tests run from the repository root.
 */
#ifndef CR_TEST_SEED_H
#define CR_TEST_SEED_H

#include <stdio.h>

#include "crossread.h"

/* Parse the seed at path into *a (clear with cr_article_clear). */
static void seed_article(const char *path, cr_article *a)
{
    FILE *fp = fopen(path, "rb");
    char buf[65536];
    size_t n;
    cr_error e;
    assert_non_null(fp);
    n = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    assert_int_equal(cr_parse_text(buf, n, NULL, NULL, a, &e), CR_OK);
}

#endif /* CR_TEST_SEED_H */
