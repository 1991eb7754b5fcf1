/*
 * text.h — internal helpers shared by the files of the text pipeline
 * (token.c, sentence.c). Second symbol tier: cri_ names, not API.
 *
 * Whitespace is defined once, here, so that the tokenizer ("tokens cover
 * every non-space character"), the sentence splitter and the paragraph
 * splitter agree on what separates things.
 */
#ifndef CR_TEXT_H
#define CR_TEXT_H

#include <stddef.h>

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

#endif /* CR_TEXT_H */
