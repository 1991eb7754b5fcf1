/*
 * ingest.h — internal helpers of the ingest stage, shared with later stages.
 *
 * The ingest stage turns outside bytes (plain-text articles, JSON Lines
 * records) into cr_article structs: it validates UTF-8, rejects binary data,
 * parses and normalises dates. The date helpers and the byte-class scanners
 * declared here are reused by other modules (the store, the CLI's filters),
 * so they live in this header rather than as statics. Like util.h, nothing
 * here is API: every name is prefixed cri_ and hidden from library users.
 *
 * Dates are proleptic Gregorian, years 1..9999. A "normalised" date is
 * either "YYYY-MM-DD" (10 bytes) or "YYYY-MM-DDTHH:MM:SSZ" (20 bytes, UTC),
 * the two forms cr_article.published may hold.
 */
#ifndef CR_INGEST_H
#define CR_INGEST_H

#include <stddef.h>
#include <stdint.h>

#include "crossread.h"

/* ---- dates (date.c) ---------------------------------------------------- */

/* Size of a buffer that holds any normalised date plus its NUL. */
#define CRI_DATE_MAX 21

/* 1 when y-m-d is a real calendar day (1 <= y <= 9999, leap years
 * included), else 0. */
int cri_date_valid(int y, int m, int d);

/* Days in month m (1..12) of year y; 0 for a month out of range. */
int cri_days_in_month(int y, int m);

/* Read exactly "YYYY-MM-DD" (ASCII digits, '-' separators) from the first
 * 10 bytes of s (len >= 10 required, else 0). Returns 1 and sets *y, *m, *d
 * when the shape matches, whether or not the date is valid; 0 otherwise. */
int cri_date_shape(const char *s, size_t len, int *y, int *m, int *d);

/* Parse an ISO 8601 / RFC 3339 date or date-time from s[0..len):
 *   YYYY-MM-DD
 *   YYYY-MM-DD(T|t| )HH:MM[:SS[(.|,)fraction]][Z|z|(+|-)HH[[:]MM]]
 * A date alone becomes "YYYY-MM-DD"; a date-time becomes
 * "YYYY-MM-DDTHH:MM:SSZ" converted to UTC (a time without a zone is taken as
 * UTC; fractions of a second are dropped). Ranges are checked (month, day in
 * month with leap years, hour 0..23, minute and second 0..59, zone offset
 * up to 23:59). Writes the NUL-terminated result into out and returns 0, or
 * returns -1 with *why (may be NULL) pointing to a static lower-case reason.
 * Linear in len. */
int cri_date_normalize(const char *s, size_t len, char out[CRI_DATE_MAX],
                       const char **why);

/* 1 when s (NUL-terminated) is a normalised date in one of the two forms
 * above, with valid ranges; else 0. */
int cri_date_is_normal(const char *s);

/* Look for a date embedded in a url or id: "YYYY/MM/DD", "YYYY-MM-DD",
 * "YYYY_MM_DD" (one separator throughout) or an 8-digit "YYYYMMDD", each
 * bounded by non-digits (or the ends of s), a valid calendar day with year
 * 1900..2100. The first match wins: writes "YYYY-MM-DD" into out and
 * returns 1; returns 0 when there is none. Linear in len. */
int cri_date_find(const char *s, size_t len, char out[11]);

/* The normalised date of time t (seconds since the epoch): "YYYY-MM-DD"
 * when t is midnight UTC, else "YYYY-MM-DDTHH:MM:SSZ". Either form sorts
 * (as a string) with the stored dates the way the times sort, except that a
 * date alone sorts before the times of its own day, which is midnight's
 * place. Returns 0, or -1 when the year leaves 1..9999. */
int cri_date_format(int64_t t, char out[CRI_DATE_MAX]);

/* ---- bytes and UTF-8 (utf8.c) ------------------------------------------ */

/* 1 for the ASCII whitespace the ingest stage trims: space \t \n \v \f \r. */
int cri_is_space(unsigned char c);

/* Length (1..4) of the valid UTF-8 sequence at s[i] (i < len), or 0 when
 * the sequence there is invalid (bad lead byte, truncated, overlong,
 * surrogate, above U+10FFFF). */
size_t cri_utf8_seq(const unsigned char *s, size_t len, size_t i);

/* 1 when s[i..len) is a proper prefix of a valid UTF-8 sequence: valid so
 * far, cut short by the end of the buffer (i < len). */
int cri_utf8_cut(const unsigned char *s, size_t len, size_t i);

/* Fill err for the invalid UTF-8 sequence at s[i] (i < len, as found by
 * cri_utf8_seq) and return CR_EUTF8. The reported offset is base + i, so a
 * caller that validated a slice can report offsets in its whole buffer. */
cr_status cri_utf8_fail(cr_error *err, const unsigned char *s, size_t len,
                        size_t i, size_t base);

/* Control characters that make text look binary: C0 controls other than
 * \t \n \v \f \r, and DEL. NUL is counted too, and also noted on its own. */
typedef struct cri_ctrl {
    size_t count;     /* control bytes seen */
    size_t first;     /* offset of the first one; SIZE_MAX when none */
    size_t first_nul; /* offset of the first NUL; SIZE_MAX when none */
} cri_ctrl;

/* Count the control bytes of s[0..len) into *c (overwritten). */
void cri_ctrl_scan(const char *s, size_t len, cri_ctrl *c);

/* 1 when count control characters in len bytes make the text look binary:
 * more than one in 32 bytes, so a stray escape character in an article
 * passes while binary files (and very short strings of controls) do not.
 * NUL is always rejected separately by the callers. */
int cri_looks_binary(size_t count, size_t len);

#endif /* CR_INGEST_H */
