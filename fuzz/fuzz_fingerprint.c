/*
 * fuzz_fingerprint.c — libFuzzer target for cr_fingerprint_text, whose scan
 * of the text has a fast path (64-byte ASCII blocks, tokens hashed in
 * registers) and a general one (non-ASCII bytes, the text's last bytes).
 *
 * The first input byte picks the shingle size (1..16); the rest is the
 * text, any bytes. Checks: fingerprinting succeeds, twice with the same
 * result; words <= len / 2 + 1, shingles <= max(words - k + 1, 1), and no
 * shingles without words; and the same text with every ASCII space turned
 * into U+00A0 (another separator, but one that sends the tokens next to it
 * through the general path) has the same fingerprint.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "crossread.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data + (size ? 1 : 0);
    size_t len = size ? size - 1 : 0, i, n = 0, k;
    cr_dedup_opts o;
    cr_fingerprint a, b, c;
    char *nb;

    cr_dedup_opts_default(&o);
    o.shingle = size ? 1 + data[0] % 16 : 5;
    k = o.shingle;
    if (cr_fingerprint_text(text, len, NULL, &o, &a) != CR_OK ||
        cr_fingerprint_text(text, len, NULL, &o, &b) != CR_OK ||
        memcmp(&a, &b, sizeof a) != 0)
        abort();
    if (a.words > len / 2 + 1 || (a.words == 0) != (a.shingles == 0) ||
        a.shingles > (a.words > k ? a.words - k + 1 : 1))
        abort();
    nb = malloc(2 * len + 1);
    if (!nb)
        return 0;
    for (i = 0; i < len; i++) {
        if (text[i] == ' ') {
            nb[n++] = (char)0xC2;
            nb[n++] = (char)0xA0;
        } else {
            nb[n++] = text[i];
        }
    }
    if (cr_fingerprint_text(nb, n, NULL, &o, &c) != CR_OK ||
        memcmp(&a, &c, sizeof a) != 0)
        abort();
    free(nb);
    return 0;
}
