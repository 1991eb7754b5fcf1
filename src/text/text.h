/*
 * text.h — internal helpers shared by the files of the text pipeline
 * (token.c, sentence.c) and the fingerprint's scanner (dedup/fingerprint.c). Second symbol tier: cri_ names, not API.
 *
 * Whitespace is defined once, here, so that the tokenizer ("tokens cover
 * every non-space character"), the sentence splitter and the paragraph
 * splitter agree on what separates things.
 */
#ifndef CR_TEXT_H
#define CR_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Byte length of the whitespace character at s[i] (requires i < len), or 0
 * when s[i] does not start one. Whitespace is ASCII \t \n \v \f \r and
 * space, plus U+0085, U+00A0, U+1680, U+2000-U+200B, U+2028, U+2029,
 * U+202F, U+205F, U+2060, U+3000 and U+FEFF (the invisible separators count
 * as space, so they never become tokens). Never reads past s[len - 1]. */
size_t cri_space_len(const unsigned char *s, size_t len, size_t i);

/* 1 when the text has a blank line (a line of whitespace only) with a
 * non-blank line somewhere before it and somewhere after it, else 0. A
 * line ends at '\n'. This picks the paragraph convention of a text: blank
 * lines separate paragraphs when there are any, single newlines otherwise.
 * Linear; `text` may be NULL when len is 0. */
int cri_text_has_blank_line(const char *text, size_t len);

/* What the non-ASCII character at s[i] (i < len, s[i] >= 0x80) is to a
 * word, by the tokenizer's character classes: CRI_WORD_BODY for a letter,
 * decimal digit or combining mark (and ZWJ, ZWNJ, soft hyphen), which
 * continue a word; CRI_WORD_IDEO for a Han ideograph or Hiragana (a word
 * of its own); CRI_WORD_NONE for anything else (space, punctuation, quote
 * marks, symbols, invalid bytes). *adv receives the character's byte
 * length (1 for an invalid byte). */
enum { CRI_WORD_NONE = 0, CRI_WORD_BODY = 1, CRI_WORD_IDEO = 2 };
int cri_word_class(const unsigned char *s, size_t len, size_t i, size_t *adv);

/* Is c an ASCII letter or digit? */
static inline int cri_ascii_alnum(unsigned c)
{
    return (unsigned)((c | 0x20) - 'a') < 26u || (unsigned)(c - '0') < 10u;
}

#if defined(__GNUC__) && defined(__BYTE_ORDER__) && \
    __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define CRI_ALNUM8 1
/* The bytes of v (8 bytes of text loaded little-endian) that are ASCII
 * letters or digits: their high bit set, every other bit clear. Bytes are
 * reduced to 7 bits first so that no addition carries into the next. */
static inline uint64_t cri_ascii_alnum8(uint64_t v)
{
    const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
    uint64_t x = v & ~high, y = x | ones * 0x20; /* y: case folded */
    uint64_t let = (y + ones * (0x80 - 'a')) & ~(y + ones * (0x7F - 'z'));
    uint64_t dig = (x + ones * (0x80 - '0')) & ~(x + ones * (0x7F - '9'));
    return (let | dig) & ~v & high;
}
#endif

/* End of the run of ASCII letters and digits starting at s[j] (j <= len).
 * Eight bytes at a time where the platform allows it: the exit of a byte
 * loop at the end of every word is an unpredictable branch, and most words
 * fit in one 8-byte step. */
static inline size_t cri_ascii_alnum_end(const unsigned char *s, size_t len,
                                         size_t j)
{
#ifdef CRI_ALNUM8
    while (j + 8 <= len) {
        uint64_t v, stop;
        memcpy(&v, s + j, 8);
        stop = ~cri_ascii_alnum8(v) & 0x8080808080808080ULL;
        if (stop)
            return j + ((size_t)__builtin_ctzll(stop) >> 3);
        j += 8;
    }
#endif
    while (j < len && cri_ascii_alnum(s[j]))
        j++;
    return j;
}

#endif /* CR_TEXT_H */
