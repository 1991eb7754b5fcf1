/*
 * crossread.h — the public contract of libcrossread.
 *
 * libcrossread turns news articles into analysed documents (tokens,
 * sentences, paragraphs, language), stores them, and — as the pipeline grows —
 * groups them into stories and compares their coverage. This header is the
 * whole API: what is not declared here is not part of it.
 *
 * Conventions, stated once for the whole API:
 *
 *  - Every fallible function returns a cr_status; CR_OK (zero) is success.
 *    Results come back through out-parameters. cr_strerror() names a status.
 *    The library never prints, never exits, and keeps no global mutable
 *    state.
 *  - Ownership words: "borrowed" means the pointer stays owned by whoever
 *    handed it over and must outlive the call (or, for returned pointers,
 *    stays valid until the named object is freed); "owned by the caller"
 *    means the caller releases it with the named function. Every *_free
 *    function accepts NULL.
 *  - Text is UTF-8. Every offset is a byte offset into the original text,
 *    end-exclusive. Original text is never modified; normalised forms are
 *    separate keys.
 *  - The library does no I/O of its own choosing: parsers work on buffers the
 *    caller read; only the store (cr_store_*) touches a file, the one the
 *    caller names.
 *  - Everything that comes from outside is bounded by cr_limits; exceeding a
 *    limit is the error CR_ELIMIT, never a crash or unbounded work.
 */
#ifndef CROSSREAD_H
#define CROSSREAD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define CR_API __attribute__((visibility("default")))
#else
#define CR_API
#endif

#define CR_VERSION "0.1.0"

/* ------------------------------------------------------------------------ */
/* Status                                                                   */
/* ------------------------------------------------------------------------ */

typedef enum cr_status {
    CR_OK = 0,
    CR_ENOMEM,   /* out of memory */
    CR_EINVAL,   /* invalid argument (a caller bug) */
    CR_EUTF8,    /* input is not valid UTF-8 */
    CR_EBINARY,  /* input looks binary (NUL bytes or control characters) */
    CR_EJSON,    /* malformed JSON */
    CR_EFIELD,   /* a field is missing or has the wrong type */
    CR_EEMPTY,   /* an article without text */
    CR_ELIMIT,   /* a hard limit (cr_limits) was exceeded */
    CR_EDATE,    /* a date that cannot be parsed */
    CR_ESTORE,   /* the store failed (SQLite error, schema too new, ...) */
    CR_ENOTFOUND,/* no such article */
    CR_ELANG     /* language resources (stemmer) unavailable */
} cr_status;

/* A static, human-readable name for a status. Never NULL. */
CR_API const char *cr_strerror(cr_status st);

/* Where and why a parse failed. Filled by parsers on error. */
typedef struct cr_error {
    size_t offset;    /* byte offset into the buffer given to the parser */
    char msg[200];    /* one line, no trailing newline */
} cr_error;

/* ------------------------------------------------------------------------ */
/* Limits on everything fed from outside                                    */
/* ------------------------------------------------------------------------ */

typedef struct cr_limits {
    size_t max_article_bytes; /* text of one article (default 4 MiB) */
    size_t max_line_bytes;    /* one JSON Lines record (default 16 MiB) */
    size_t max_field_bytes;   /* id, source, url, title, ... (default 64 KiB) */
    int max_json_depth;       /* nesting of JSON values (default 32) */
    size_t max_token_bytes;   /* longer runs are cut into pieces (default 256) */
} cr_limits;

/* Fill *lim with the defaults above. */
CR_API void cr_limits_default(cr_limits *lim);

/* ------------------------------------------------------------------------ */
/* Articles                                                                 */
/* ------------------------------------------------------------------------ */

/* How a published date became known. */
typedef enum cr_date_how {
    CR_DATE_NONE = 0,    /* unknown */
    CR_DATE_GIVEN,       /* a metadata field (JSON "published") */
    CR_DATE_MARKER,      /* the leading " date YYYY-MM-DD " marker of a text */
    CR_DATE_INFERRED     /* inferred from the id or url (".../2023/09/13/...") */
} cr_date_how;

/* One article. All strings are NUL-terminated UTF-8, owned by the struct
 * and released by cr_article_clear(); any of them except id and text may be
 * NULL. The struct itself is the caller's (usually on the stack). */
typedef struct cr_article {
    char *id;           /* unique within a store */
    char *source;       /* outlet, e.g. "reuters" */
    char *url;
    char *title;
    char *lang;         /* ISO 639-1 code when given or detected */
    char *published;    /* ISO 8601: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" */
    cr_date_how published_how;
    char *text;         /* body text, metadata markers removed */
    size_t text_len;    /* bytes in text, without the NUL */
} cr_article;

/* Release the strings of *a and zero it. Accepts NULL. */
CR_API void cr_article_clear(cr_article *a);

/* Parse one plain-text article (the seed format): the whole buffer is the
 * body, except an optional leading " date YYYY-MM-DD " marker, which sets
 * published (CR_DATE_MARKER) and is removed; surrounding whitespace is
 * trimmed. `id` (borrowed, may be NULL: then the content hash of the body
 * is the id) becomes the article id. A marker shaped like a date that is
 * not a real one ("2023-02-30") is CR_EDATE. On success
 * *out is filled (caller clears it); on failure *out is left zeroed and
 * *err (may be NULL) says where and why. Rejects invalid UTF-8 (CR_EUTF8),
 * binary data (CR_EBINARY), empty text (CR_EEMPTY) and articles longer than
 * lim->max_article_bytes (CR_ELIMIT). `lim` may be NULL for defaults. */
CR_API cr_status cr_parse_text(const char *buf, size_t len, const char *id,
                               const cr_limits *lim, cr_article *out,
                               cr_error *err);

/* Parse one JSON Lines record in the interchange schema:
 * {"id", "source", "url", "title", "published", "lang", "text"}; unknown
 * fields are ignored, "id" and "text" are required, the others may be
 * missing or null. "text" may be empty only when "title" is not (a
 * headline-only item): it is then stored as "". Blank text and no title is
 * CR_EEMPTY. The record must be one JSON object (trailing whitespace
 * allowed). Errors as for cr_parse_text, plus CR_EJSON (with the offset of
 * the bad byte), CR_EFIELD and CR_EDATE. */
CR_API cr_status cr_parse_jsonl(const char *line, size_t len,
                                const cr_limits *lim, cr_article *out,
                                cr_error *err);

/* If published is missing, try to infer a date from the url or id
 * ("/2023/09/13/", "2023-09-13", "20230913" between separators) and set
 * CR_DATE_INFERRED. Returns CR_OK whether or not a date was found. */
CR_API cr_status cr_article_infer_date(cr_article *a);

/* Check that buf is valid UTF-8 (no overlongs, no surrogates, nothing past
 * U+10FFFF). Returns CR_OK, or CR_EUTF8 with *bad_offset (may be NULL) set
 * to the first offending byte. */
CR_API cr_status cr_utf8_validate(const char *buf, size_t len,
                                  size_t *bad_offset);

/* A fixed, versioned 128-bit hash of the text (XXH3-128), as 32 lowercase
 * hex digits plus NUL into out[33]. Stable across runs and machines: it is
 * stored. */
#define CR_CONTENT_HASH_VERSION 1
CR_API void cr_content_hash(const char *text, size_t len, char out[33]);

/* ------------------------------------------------------------------------ */
/* Text pipeline                                                            */
/* ------------------------------------------------------------------------ */

typedef enum cr_token_kind {
    CR_TOK_WORD = 1,   /* letters, with inner hyphens/apostrophes/periods */
    CR_TOK_NUMBER,     /* 1953, 4.5, 200,000, 76%, 2nd */
    CR_TOK_PUNCT,      /* . , ; : ! ? ( ) - — … and the like */
    CR_TOK_QUOTE,      /* any quote mark: " “ ” ‘ ’ « » „ ‚ ‹ › `` '' */
    CR_TOK_SYMBOL      /* anything else: $ % & @ # emoji ... */
} cr_token_kind;

/* Flags on a quote token: which way it opens or closes. */
#define CR_QUOTE_OPEN  1u  /* “ ‘ « „ ‚ ‹ `` or a straight quote that opens */
#define CR_QUOTE_CLOSE 2u  /* ” ’ » › '' or a straight quote that closes */
/* Flag on word tokens: starts with an uppercase letter. */
#define CR_TOK_CAPITALIZED 4u

typedef struct cr_token {
    uint32_t start, end;  /* byte offsets into the text */
    uint8_t kind;         /* cr_token_kind */
    uint8_t flags;        /* CR_QUOTE_* and CR_TOK_CAPITALIZED */
} cr_token;

typedef struct cr_span {
    uint32_t start, end;  /* byte offsets into the text */
} cr_span;

/* Tokenize text (assumed valid UTF-8; invalid bytes become SYMBOL tokens).
 * *tokens is owned by the caller (free with free()); *n receives the count.
 * Tokens cover every non-space character exactly once, in order. */
CR_API cr_status cr_tokenize(const char *text, size_t len,
                             const cr_limits *lim, cr_token **tokens,
                             size_t *n);

/* Split into sentences, given the tokens of the same text. *sents (caller
 * frees with free()) receives spans from the first to the last token of each
 * sentence. Survives abbreviations ("Sept. 13", "U.S.", "Mr."), initials,
 * decimal numbers and quotations that contain sentence ends. Paragraph
 * breaks (a blank line, or a newline in single-newline texts) always end a
 * sentence. */
CR_API cr_status cr_split_sentences(const char *text, size_t len,
                                    const cr_token *tokens, size_t ntok,
                                    cr_span **sents, size_t *n);

/* Split into paragraphs: spans of text separated by blank lines, or by
 * single newlines when the text has no blank lines. Spans are trimmed of
 * surrounding whitespace; empty paragraphs are skipped. */
CR_API cr_status cr_split_paragraphs(const char *text, size_t len,
                                     cr_span **paras, size_t *n);

/* Identify the language (CLD2). Writes an ISO 639-1 code (or "und" when
 * unknown or unreliable) into code[8]. Looks at no more than the first
 * 64 KiB. *reliable (may be NULL) says whether CLD2 trusted its answer. */
CR_API cr_status cr_detect_language(const char *text, size_t len,
                                    char code[8], int *reliable);

/* The match key of a token or any UTF-8 string: Unicode NFKC, case folded,
 * with diacritics stripped ("Kim Jong-Un" and "kim jong-un" match).
 * *out is owned by the caller (free with free()); *out_len its length. */
CR_API cr_status cr_fold(const char *s, size_t len, char **out,
                         size_t *out_len);

/* A Snowball stemmer for one language. */
typedef struct cr_stemmer cr_stemmer;

/* Create a stemmer for an ISO 639-1 code ("en", "de", ...). CR_ELANG when
 * Snowball has no algorithm for the language. *out owned by the caller
 * (free with cr_stemmer_free). Not thread-safe: one per thread. */
CR_API cr_status cr_stemmer_new(const char *lang, cr_stemmer **out);
CR_API void cr_stemmer_free(cr_stemmer *st);

/* Stem a folded word. The result is borrowed: valid until the next call on
 * the same stemmer. */
CR_API cr_status cr_stem(cr_stemmer *st, const char *word, size_t len,
                         const char **stem, size_t *stem_len);

/* Is the folded word a stopword in lang? Unknown languages have none. */
CR_API int cr_is_stopword(const char *lang, const char *word, size_t len);

/* The analysis of one text: tokens, sentences, paragraphs, language. */
typedef struct cr_doc cr_doc;

/* Analyse text (valid UTF-8). `lang` (borrowed, may be NULL) skips
 * detection when given. *out is owned by the caller (cr_doc_free). The doc
 * borrows nothing: it does not keep a pointer to text. */
CR_API cr_status cr_doc_analyze(const char *text, size_t len,
                                const char *lang, const cr_limits *lim,
                                cr_doc **out);
CR_API void cr_doc_free(cr_doc *doc);

/* Accessors; returned arrays are borrowed from the doc. */
CR_API const cr_token *cr_doc_tokens(const cr_doc *doc, size_t *n);
CR_API const cr_span *cr_doc_sentences(const cr_doc *doc, size_t *n);
CR_API const cr_span *cr_doc_paragraphs(const cr_doc *doc, size_t *n);
CR_API const char *cr_doc_lang(const cr_doc *doc);      /* "en", "und" */
CR_API int cr_doc_lang_reliable(const cr_doc *doc);

/* ------------------------------------------------------------------------ */
/* Near-duplicates                                                          */
/* ------------------------------------------------------------------------ */

/* Syndicated copies, reposts and light edits of one article are found by
 * comparing fingerprints: MinHash signatures over word shingles of the
 * folded token stream, indexed with LSH bands and verified by estimated
 * Jaccard similarity and containment (so a truncated copy still matches).
 * Fingerprints are stored: their layout and hashing are fixed per
 * CR_FINGERPRINT_VERSION. docs/ALGORITHMS.md explains the defaults. */

#define CR_FINGERPRINT_VERSION 1
#define CR_MINHASH_SIZE 64     /* minhash values per fingerprint */

typedef struct cr_dedup_opts {
    unsigned shingle;      /* words per shingle, 1..16 (default 5);
                              fingerprints made with different values do
                              not compare */
    double threshold;      /* similarity at which an article is a copy:
                              max(Jaccard, containment of the shorter in the
                              longer), in (0, 1] (default 0.5, reasoning in
                              docs/ALGORITHMS.md) */
    int64_t window;        /* seconds; fingerprints of articles older than
                              the newest time added minus window are
                              evicted from the in-memory index (0: never) */
} cr_dedup_opts;

/* Fill *o with the defaults. */
CR_API void cr_dedup_opts_default(cr_dedup_opts *o);

/* A fixed-size, versioned fingerprint of one text. Plain data: copy it,
 * store it (cr_fingerprint_encode), compare it. */
typedef struct cr_fingerprint {
    uint32_t minhash[CR_MINHASH_SIZE];
    uint64_t exact;        /* hash of the folded token stream: equal for
                              texts that differ only in case, spacing,
                              punctuation and quote style */
    uint32_t shingles;     /* distinct shingles in the text */
    uint32_t words;        /* word and number tokens in the text */
} cr_fingerprint;

/* Fingerprint a text from its analysis (doc made from the same text; a
 * doc whose tokens lie outside the text is CR_EINVAL). `doc` may be NULL:
 * the text is then tokenized here (cr_tokenize, default limits), with the
 * same result. `opts` may be NULL for defaults (only `shingle` matters). A
 * text without words gets shingles = 0 and is never a copy of anything. */
CR_API cr_status cr_fingerprint_text(const char *text, size_t len,
                                     const cr_doc *doc,
                                     const cr_dedup_opts *opts,
                                     cr_fingerprint *out);

/* Estimated Jaccard similarity of two fingerprints (0..1); *containment
 * (may be NULL) receives the estimated share of the smaller text's
 * shingles found in the larger one. Containment is estimated from the
 * Jaccard estimate and the shingle counts while the larger text has at
 * most 4 times the shingles of the smaller; beyond that 64 minhashes
 * cannot tell, and it is reported as the Jaccard estimate (its lower
 * bound). Both are 0 when either text has no words. */
CR_API double cr_fingerprint_similarity(const cr_fingerprint *a,
                                        const cr_fingerprint *b,
                                        double *containment);

/* Serialise to / from a portable little-endian byte string of exactly
 * CR_FINGERPRINT_BYTES bytes (for storage). Decoding checks the version
 * byte: CR_EINVAL on a wrong size or version. */
#define CR_FINGERPRINT_BYTES (1 + 4 * CR_MINHASH_SIZE + 8 + 4 + 4)
CR_API void cr_fingerprint_encode(const cr_fingerprint *fp,
                                  unsigned char out[CR_FINGERPRINT_BYTES]);
CR_API cr_status cr_fingerprint_decode(const unsigned char *buf, size_t len,
                                       cr_fingerprint *out);

/* A streaming near-duplicate index. Articles are added one at a time, in
 * time order; each is compared with the articles already indexed and
 * reported as new or as a copy of an earlier one. It keeps a compact form
 * of each fingerprint (about 270 bytes per article at the defaults, see
 * cr_dedup_memory), not the fingerprint itself. Not thread-safe: one
 * index per thread, or a lock around it. */
typedef struct cr_dedup cr_dedup;

CR_API cr_status cr_dedup_new(const cr_dedup_opts *opts, cr_dedup **out);
CR_API void cr_dedup_free(cr_dedup *d);

typedef struct cr_dedup_match {
    int64_t key;           /* key of the earlier article it copies, or -1 */
    double similarity;     /* max(Jaccard, containment) with it, 0..1 */
    int exact;             /* 1 when the folded token streams are equal */
} cr_dedup_match;

/* Compare fp with the index, then add it under `key` (any caller-chosen
 * number, unique per article: a store rowid or a sequence number) with
 * publication time `time` (seconds since the epoch; 0 if unknown, taken as
 * the latest time added so far). *match says whether it copies an earlier
 * article — the most similar one at or above the threshold, the earliest
 * (by time, then by order added) on ties. A copy is indexed too, so later
 * copies of it are found. With a window, an article already older than the
 * window when it arrives is compared but not indexed. A text without words
 * is neither matched nor indexed. Deterministic for a given sequence of
 * calls. CR_ELIMIT when the live articles span 2^28 additions. */
CR_API cr_status cr_dedup_add(cr_dedup *d, int64_t key, int64_t time,
                              const cr_fingerprint *fp,
                              cr_dedup_match *match);

/* Drop fingerprints with time < before from the index, including ones
 * added out of time order, and free the memory they held. Returns how many
 * were dropped through *n (may be NULL). cr_dedup_add also evicts by the
 * window of the options as time advances (articles added out of order are
 * then skipped by queries at once and dropped within window/8). */
CR_API cr_status cr_dedup_evict(cr_dedup *d, int64_t before, size_t *n);

/* Articles in the index, and bytes of memory the index holds (its slots
 * and band tables; not the short-lived buffers of a table rebuild). */
CR_API size_t cr_dedup_size(const cr_dedup *d);
CR_API size_t cr_dedup_memory(const cr_dedup *d);

/* ------------------------------------------------------------------------ */
/* Store (SQLite)                                                           */
/* ------------------------------------------------------------------------ */

typedef struct cr_store cr_store;

/* Open (creating if needed) the store at path, migrating an older schema
 * forward. CR_ESTORE when the file is not a crossread store or its schema is
 * newer than this library. *err (may be NULL) gets SQLite's message. *out is
 * owned by the caller (cr_store_close). */
CR_API cr_status cr_store_open(const char *path, cr_store **out,
                               cr_error *err);
CR_API void cr_store_close(cr_store *st);

/* The schema version this library writes. */
#define CR_SCHEMA_VERSION 1
CR_API int cr_store_schema_version(const cr_store *st);

/* Writes are batched: cr_store_add opens a transaction when none is open
 * and commits every `batch` articles (cr_store_set_batch, default 10000;
 * 0 means 1) or every 64 MiB of text, whichever comes first;
 * cr_store_flush commits what is pending. cr_store_close flushes. A crash
 * loses at most the uncommitted batch, never consistency. */
CR_API void cr_store_set_batch(cr_store *st, unsigned batch);
CR_API cr_status cr_store_flush(cr_store *st, cr_error *err);

typedef enum cr_add_result {
    CR_ADD_NEW = 1,        /* stored */
    CR_ADD_SAME_ID,        /* an article with this id is already stored */
    CR_ADD_SAME_CONTENT    /* the same article under another id: identical
                              text, same source, same published date (the
                              same text from another outlet or day is a
                              republication and is stored) */
} cr_add_result;

/* Store one article with its analysis (doc may be NULL: then counts are
 * stored as unknown and lang is taken from the article). *result says what
 * happened; `existing_id` (may be NULL, size existing_cap) receives the id
 * already stored when the result is SAME_ID or SAME_CONTENT. */
CR_API cr_status cr_store_add(cr_store *st, const cr_article *a,
                              const cr_doc *doc, cr_add_result *result,
                              char *existing_id, size_t existing_cap,
                              cr_error *err);

/* A stored article as read back: the article plus store facts. */
typedef struct cr_stored {
    cr_article article;
    char content_hash[33];
    char ingested[32];     /* ISO 8601 UTC time of ingestion */
    int64_t sentences;     /* -1 when unknown */
    int64_t tokens;        /* -1 when unknown */
    int lang_detected;     /* 1 when lang came from detection, not metadata */
} cr_stored;

/* Release the strings of *s. Accepts NULL. */
CR_API void cr_stored_clear(cr_stored *s);

/* Read one article by id into *out (caller clears with cr_stored_clear).
 * CR_ENOTFOUND when there is none. */
CR_API cr_status cr_store_get(cr_store *st, const char *id, cr_stored *out,
                              cr_error *err);

/* Call fn for every stored article (text not loaded: article.text is NULL),
 * ordered by published date then id. fn returns non-zero to stop early.
 * `source` (may be NULL) filters by outlet. The cr_stored passed to fn is
 * borrowed for the duration of the call. */
typedef int (*cr_store_visit_fn)(const cr_stored *s, void *ctx);
CR_API cr_status cr_store_list(cr_store *st, const char *source,
                               cr_store_visit_fn fn, void *ctx,
                               cr_error *err);

/* Number of stored articles. */
CR_API cr_status cr_store_count(cr_store *st, int64_t *n, cr_error *err);

#ifdef __cplusplus
}
#endif

#endif /* CROSSREAD_H */
