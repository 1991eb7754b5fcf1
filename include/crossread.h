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

/* Seconds since the Unix epoch (UTC) of a normalised published date, as
 * cr_article.published holds it: "YYYY-MM-DD" (midnight UTC) or
 * "YYYY-MM-DDTHH:MM:SSZ". CR_EDATE for any other string, CR_EINVAL for
 * NULL; *t is 0 on failure. */
CR_API cr_status cr_date_seconds(const char *published, int64_t *t);

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

#define CR_FINGERPRINT_VERSION 2
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
                              punctuation, quote style and diacritics */
    uint32_t shingles;     /* distinct shingles in the text */
    uint32_t words;        /* tokens (runs of letters and digits) in it */
} cr_fingerprint;

/* Fingerprint a text. The fingerprint reads the text itself, in one pass
 * (the runs of letters and digits, folded; docs/ALGORITHMS.md), so it needs
 * no analysis: `doc` is not used (version 1 took its tokens) and may be
 * NULL. `opts` may be NULL for defaults (only `shingle` matters). A text
 * without words gets shingles = 0 and is never a copy of anything.
 * CR_ELIMIT for a text over 4 GB. */
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
/* Stories                                                                  */
/* ------------------------------------------------------------------------ */

/* A story is one real-world event as covered by many outlets. The
 * clusterer assigns articles to stories online: each article, as it is
 * added, is compared with the active stories and joins the best one when
 * its score reaches the threshold, or starts a new story. The score is a
 * weighted mean of three TF-IDF cosines — stemmed content words (title
 * words count more), names (capitalized spans) and numbers and dates
 * mentioned — between the article and the story (its centroid, or its
 * retained article most like the new one, whichever is closer), times a
 * decay in the distance from the article's publication time to the
 * story's centre in time (the mean time of its dated articles, so a story
 * fed every few days still ages). IDF statistics grow
 * with the stream. Candidates come from an inverted index over each active
 * story's strongest features, so an addition costs about the same however
 * many stories are active. A story with no new article for longer than a
 * window retires: it takes no more articles and keeps only its summary
 * (id, label, count, times, member keys) until released. Every default is
 * explained in docs/ALGORITHMS.md. Deterministic: the same calls in the
 * same order give the same stories. No I/O. Not thread-safe: one
 * clusterer per thread, or a lock around it. */

typedef struct cr_story_opts {
    double threshold;    /* score at which an article joins a story, in
                            (0, 1] (default 0.30) */
    double w_terms;      /* channel weights, >= 0 and not all 0 (default */
    double w_names;      /* 0.40, 0.35, 0.25), normalised over the      */
    double w_numbers;    /* channels that both sides have               */
    double title_weight; /* a title word counts as this many body words,
                            in [0, 16] (default 2) */
    int64_t grace;       /* seconds of distance in publication time,
                            from the mean time of a story's dated
                            articles, that cost nothing (default 2 days) */
    int64_t half_life;   /* beyond grace the score halves every half_life
                            seconds (default 7 days); 0 ignores time */
    int64_t window;      /* seconds: a story with no article within window
                            of the newest time seen retires (default 14
                            days); 0 never */
    size_t max_active;   /* active stories at most (default 2^20); past it
                            the least recently active retires */
} cr_story_opts;

/* Fill *o with the defaults. */
CR_API void cr_story_opts_default(cr_story_opts *o);

typedef struct cr_clusterer cr_clusterer;

/* Create a clusterer. `opts` may be NULL for the defaults; out-of-range
 * options are CR_EINVAL. *out is owned by the caller (cr_clusterer_free). */
CR_API cr_status cr_clusterer_new(const cr_story_opts *opts,
                                  cr_clusterer **out);
CR_API void cr_clusterer_free(cr_clusterer *c);

typedef struct cr_story_match {
    int64_t story;       /* id of the story the article joined; ids count
                            from 1 in order of creation */
    int is_new;          /* 1 when the article started the story */
    double score;        /* its score with the story (0 when new) */
} cr_story_match;

/* Assign article `a` (borrowed; its title, text, published and lang are
 * read) to a story, under `key`: any caller-chosen number unique per
 * article (a store rowid, a sequence number). `doc` is the analysis of
 * a->text (cr_doc_analyze) and may be NULL: the text is then analysed here.
 * The language is the doc's, else a->lang. A published date that is
 * missing or not normalised makes the article ignore time; it is then
 * taken at the newest time seen for retirement. An article without words
 * in title or text starts a story of its own. Before comparing, the
 * article's time retires the stories the window has passed by (as
 * cr_clusterer_retire). *match (may be NULL) receives the story.
 * CR_ELIMIT after 2^31 distinct features or 2^32 - 2 active stories. */
CR_API cr_status cr_clusterer_add(cr_clusterer *c, int64_t key,
                                  const cr_article *a, const cr_doc *doc,
                                  cr_story_match *match);

/* Retire every active story whose latest article time (or time of
 * addition, for undated articles) is before `before` (seconds since the
 * epoch). *n (may be NULL) receives how many retired. */
CR_API cr_status cr_clusterer_retire(cr_clusterer *c, int64_t before,
                                     size_t *n);

/* One story as it stands. */
typedef struct cr_story_info {
    int64_t id;
    size_t articles;     /* articles it holds */
    int64_t first, last; /* earliest and latest publication time of its
                            dated articles, seconds since the epoch; both
                            0 when none is dated */
    const char *label;   /* the headline (or, for an article without one,
                            the lead sentence) of its most central
                            retained article; borrowed, see below */
    int active;          /* 1 while it can take articles */
} cr_story_info;

/* Look up story `id`: CR_ENOTFOUND when there is none (never created, or
 * released). The label and the member keys are borrowed from c, valid
 * until the next cr_clusterer_add, cr_clusterer_retire or
 * cr_story_release on it. Keys are in order of addition. */
CR_API cr_status cr_story_get(cr_clusterer *c, int64_t id,
                              cr_story_info *out);
CR_API cr_status cr_story_members(cr_clusterer *c, int64_t id,
                                  const int64_t **keys, size_t *n);

/* Forget a retired story (after the caller saved it): CR_EINVAL while it
 * is active, CR_ENOTFOUND when there is none. A forever stream releases
 * the stories it has saved to keep memory bounded. */
CR_API cr_status cr_story_release(cr_clusterer *c, int64_t id);

typedef struct cr_story_stats {
    size_t articles;     /* articles added */
    int64_t stories;     /* stories created (ids run 1..stories) */
    size_t active;       /* active stories */
    size_t features;     /* distinct features in the IDF table */
    size_t memory;       /* bytes held by the clusterer */
} cr_story_stats;

/* Counters of a clusterer; memory walks the active stories. */
CR_API void cr_clusterer_stats(const cr_clusterer *c, cr_story_stats *out);

/* ------------------------------------------------------------------------ */
/* Extraction: quotes                                                       */
/* ------------------------------------------------------------------------ */

/* Quotations and reported speech with their speakers, from an article's
 * tokens (whose quote marks carry CR_QUOTE_OPEN / CR_QUOTE_CLOSE). The
 * method, its tunables and its measured accuracy are in
 * docs/ALGORITHMS-quotes.md. English reporting patterns; no I/O. */

typedef enum cr_quote_kind {
    CR_QUOTE_STATEMENT = 1, /* a direct quotation standing as a clause:
                               "Q," S said / S said: "Q" / S claimed "Q" */
    CR_QUOTE_FRAGMENT,      /* a quoted term or partial quotation woven into
                               the reporter's sentence: against "evil",
                               in "building a strong, modern Russia." */
    CR_QUOTE_INDIRECT       /* reported speech: S said that ... */
} cr_quote_kind;

typedef struct cr_quote {
    uint32_t start, end;    /* the quoted words: inside the marks (for
                               indirect speech, the reported clause) */
    uint8_t kind;           /* cr_quote_kind */
    uint8_t has_speaker;    /* 1 when speaker holds a mention */
    int32_t cont;           /* index (in the same array) of the piece this
                               one continues — a quotation interrupted by
                               its attribution or reopened in the next
                               paragraph — or -1 */
    cr_span speaker;        /* the speaker's mention ("he", "Kim", "the
                               Russian leader"); 0,0 when none */
    char *name;             /* the speaker's canonical name ("Kim Jong-Un")
                               as first written in full in the article;
                               NULL when unresolved (never guessed).
                               Owned by the array, see cr_quotes_free */
    cr_span cue;            /* the reporting verb ("said", "according
                               to"); 0,0 when none */
    double confidence;      /* 0..1: how sure the attribution is */
} cr_quote;

/* Extract the quotations of text (valid UTF-8). `doc` is the analysis of
 * the same text (cr_doc_analyze) and may be NULL: the text is analysed
 * here with `lim` (may be NULL for defaults). *out (owned by the caller,
 * free with cr_quotes_free) receives *n quotes ordered by start, then end;
 * *out is NULL when *n is 0. Every span lies inside the text. CR_EINVAL
 * for a doc whose tokens lie outside the text. */
CR_API cr_status cr_extract_quotes(const char *text, size_t len,
                                   const cr_doc *doc, const cr_limits *lim,
                                   cr_quote **out, size_t *n);

/* Release an array from cr_extract_quotes (its names too). Accepts NULL. */
CR_API void cr_quotes_free(cr_quote *q, size_t n);

/* ------------------------------------------------------------------------ */
/* Extraction: dates and quantities                                         */
/* ------------------------------------------------------------------------ */

/* Dates and quantities written in an article's text — its temporal and
 * numeric expressions (cr_expr), found from its tokens. The JSON outputs
 * call them the article's "mentions". The patterns, tunables and limits
 * are in docs/ALGORITHMS.md ("Dates and quantities"). English words; no
 * I/O. */

typedef enum cr_expr_type {
    CR_EXPR_DATE = 1,    /* a day, month, year, season, week, decade or
                            interval: "Sept. 13", "earlier in August",
                            "in the spring of 2023", "last year" */
    CR_EXPR_QUANTITY     /* a number or range with its unit: "four to
                            five hours", "200,000 troops", "$5 billion",
                            "30 percent" */
} cr_expr_type;

typedef enum cr_expr_how {
    CR_EXPR_GIVEN = 1,   /* everything in value is written in the text */
    CR_EXPR_INFERRED,    /* part of value (the year of "Sept. 13", all of
                            "last year") comes from the anchor date */
    CR_EXPR_UNRESOLVED   /* a date that needs an anchor and has none:
                            value is "" */
} cr_expr_how;

typedef struct cr_expr {
    uint32_t start, end;    /* the words of the mention, with the time word
                               that leads it ("in 2022", "earlier in
                               August", "on Wednesday") */
    uint8_t type;           /* cr_expr_type */
    uint8_t how;            /* cr_expr_how (quantities: GIVEN) */
    char value[24];         /* dates, normalised: "2023-09-13", "2023-09",
                               "2023", "2023-W37" (ISO week), "2023-21"
                               (EDTF season: 21 spring, 22 summer, 23
                               autumn, 24 winter), "199X" (a decade, EDTF),
                               "2019/2021" (an interval); "" when
                               unresolved and for quantities */
    double number;          /* quantities: the value, scaled ("$5 billion"
                               is 5e9, "30 percent" is 30); dates: 0 */
    double number_hi;       /* the upper end of a range ("four to five
                               hours": 4 and 5); equal to number otherwise */
    char unit[24];          /* quantities: "USD", "GBP", "EUR", ... for a
                               currency sign or code, "percent", a unit
                               inside the number ("km" of "3km"), or the
                               counted word that follows, lower-cased
                               ("hours", "troops"); "" when none */
    double confidence;      /* 0..1 */
} cr_expr;

/* Extract the dates and quantities of text (valid UTF-8). `doc` is its
 * analysis (cr_doc_analyze) and may be NULL: the text is then analysed
 * here with `lim` (may be NULL). `anchor` (borrowed, may be NULL) is the
 * article's publication date as cr_article.published holds it
 * ("YYYY-MM-DD..."): year-less and relative dates are resolved from it and
 * marked CR_EXPR_INFERRED. Without one, the latest year the text states
 * after a time word or in a full date ("in the spring of 2023") resolves
 * year-less days and months (with lower confidence); relative dates ("last
 * year", "on Wednesday") stay unresolved. *out (owned by the caller, free
 * with cr_exprs_free) receives *n expressions ordered by start, not
 * overlapping; NULL when *n is 0. CR_EINVAL for a doc whose tokens lie
 * outside the text. Linear in the tokens. */
CR_API cr_status cr_extract_exprs(const char *text, size_t len,
                                  const cr_doc *doc, const char *anchor,
                                  const cr_limits *lim, cr_expr **out,
                                  size_t *n);

/* Release an array from cr_extract_exprs. Accepts NULL. */
CR_API void cr_exprs_free(cr_expr *m);

/* ------------------------------------------------------------------------ */
/* Extraction: entities and sources                                         */
/* ------------------------------------------------------------------------ */

/* People, organisations and places named in an article, with every mention
 * and the aliases that name the same one ("Kim Jong-Un" = "Kim Jong Un" =
 * "Kim" = "the North Korean leader"), and the sources the article cites
 * (agencies, outlets, officials, credits), with who relays whom. Found from
 * capitalised spans, titles and honorifics, appositions, and a compiled-in
 * gazetteer of countries, capitals, major cities, regions, demonyms, news
 * organisations and institutions (src/extract/gazetteer.tsv). English
 * patterns; no I/O. The method is in docs/ALGORITHMS.md ("Entities",
 * "Cited sources"). */

typedef enum cr_entity_type {
    CR_ENT_PERSON = 1,
    CR_ENT_ORG,            /* organisations, news media, governments */
    CR_ENT_PLACE,          /* countries, cities, regions, sites */
    CR_ENT_OTHER           /* events, works, unclassified names */
} cr_entity_type;

/* What the gazetteer knows an entity to be (0 when it is not listed). */
typedef enum cr_entity_class {
    CR_ENTC_NONE = 0,
    CR_ENTC_COUNTRY,
    CR_ENTC_CITY,          /* capitals and other cities */
    CR_ENTC_REGION,        /* continents, regions, states, provinces */
    CR_ENTC_AGENCY,        /* news agencies and wire services */
    CR_ENTC_OUTLET,        /* newspapers, broadcasters, news sites */
    CR_ENTC_GOVERNMENT,    /* a government or one of its bodies */
    CR_ENTC_INTERNATIONAL  /* international organisations */
} cr_entity_class;

/* How a mention names its entity. */
typedef enum cr_mention_how {
    CR_MENTION_NAME = 1,   /* the name or a spelling of it ("Kim Jong Un",
                              "President Vladimir Putin", "AFP") */
    CR_MENTION_PARTIAL,    /* a word of a person's name ("Kim", "Putin") */
    CR_MENTION_ROLE,       /* a role ("the North Korean leader", "North
                              Korea's leader", "Kremlin spokesperson") */
    CR_MENTION_DEMONYM     /* an adjective of a place ("Russian" -> Russia) */
} cr_mention_how;

typedef struct cr_mention {
    uint32_t start, end;   /* the mention as written, possessive excluded */
    uint32_t entity;       /* index into cr_entity_set.entities */
    uint8_t how;           /* cr_mention_how */
    double confidence;     /* 0..1 */
} cr_mention;

typedef struct cr_entity {
    char *name;            /* canonical name: the gazetteer's, else the
                              longest spelling first written in the
                              article, without title ("Kim Jong-Un") */
    char *key;             /* match key: folded (cr_fold), hyphens as
                              spaces, periods dropped ("kim jong un") */
    char *country;         /* the country a place, organisation or role
                              belongs to ("Russia" for Moscow, the Kremlin,
                              TASS, and for a person seen as "Russian
                              president"); NULL when unknown */
    char *role;            /* persons: the first apposition written before
                              or after the name ("North Korean leader"),
                              NULL when none */
    uint8_t type;          /* cr_entity_type */
    uint8_t cls;           /* cr_entity_class */
    uint32_t mentions;     /* how many mentions name it (in a merged set:
                              summed over the articles) */
    uint32_t articles;     /* 1; in a merged set, how many articles */
    double confidence;     /* 0..1: the best of its mentions */
} cr_entity;

/* The entities of one article (or, from cr_entities_merge, of a story).
 * Strings and arrays are owned by the set (cr_entity_set_clear). */
typedef struct cr_entity_set {
    cr_entity *entities;   /* in order of first mention */
    size_t n_entities;
    cr_mention *mentions;  /* ordered by start, then longer first; mentions
                              may nest (a role contains a place: "the
                              Kremlin leader"); NULL in a merged set */
    size_t n_mentions;
} cr_entity_set;

/* Find the entities of text (valid UTF-8). `doc` is its analysis
 * (cr_doc_analyze), or NULL: then the text is analysed here with `lim`
 * (may be NULL). *out is filled (zeroed on failure; release with
 * cr_entity_set_clear). Every mention lies inside the text and names one
 * entity; every entity has at least one mention. A person mention that
 * fits several people (a surname two of them share, "the leader" with no
 * modifier) is left out rather than guessed. CR_EINVAL for a doc whose
 * tokens lie outside the text. */
CR_API cr_status cr_extract_entities(const char *text, size_t len,
                                     const cr_doc *doc, const cr_limits *lim,
                                     cr_entity_set *out);

/* Release what *s holds and zero it. Accepts NULL. */
CR_API void cr_entity_set_clear(cr_entity_set *s);

/* Merge the entity sets of a story's articles (`sets`, n of them,
 * borrowed) into one set of story entities (*out, released with
 * cr_entity_set_clear; no mentions). Two entities are one when their keys
 * are equal (so spelling, hyphens, diacritics and titles do not split
 * them) and their types agree, or when a person known by part of a name
 * ("Putin") matches exactly one person whose full name contains it. The
 * merged name is the most complete spelling (most words, then most
 * mentions, then first seen). *map (owned by the caller, free()) receives,
 * for set i's entity j, the story entity at map[off_i + j], where off_i is
 * the sum of n_entities over the sets before i. */
CR_API cr_status cr_entities_merge(const cr_entity_set *sets, size_t n,
                                   cr_entity_set *out, uint32_t **map);

typedef enum cr_cite_kind {
    CR_CITE_AGENCY = 1,    /* a news agency: "RIA Novosti reported",
                              "according to Russian news agencies" */
    CR_CITE_OUTLET,        /* a newspaper, broadcaster or site */
    CR_CITE_OFFICIAL,      /* a government, its bodies and officials:
                              "Washington believes", "Western intelligence
                              agencies suspect", "Kremlin spokesperson
                              Dmitry Peskov" */
    CR_CITE_ORG,           /* another named organisation */
    CR_CITE_PERSON,        /* a person named as a source ("according to
                              X", "citing X"); people who are quoted are
                              cr_extract_quotes' speakers, not cites */
    CR_CITE_ANONYMOUS,     /* "sources said", "people familiar with" */
    CR_CITE_CREDIT         /* a picture or reporting credit: "(Reuters)",
                              "— AFP", "Photo: Reuters", "Reporting by X" */
} cr_cite_kind;

typedef struct cr_cite {
    uint32_t start, end;   /* the source as written, leading determiner
                              excluded ("Russian state news agency RIA
                              Novosti", "Reuters") */
    char *name;            /* canonical name ("RIA Novosti", "Dmitry
                              Peskov"), or the phrase itself for a source
                              without one ("Western intelligence
                              agencies"); never NULL, owned by the array */
    uint8_t kind;          /* cr_cite_kind */
    cr_span cue;           /* what marks the citation: "reported",
                              "According to", "Citing", "believes", "(",
                              "Photo:", "Reporting by" */
    int32_t cited_by;      /* index (same array) of the source that relays
                              this one — Peskov is cited by TASS in "Citing
                              Kremlin spokesperson Dmitry Peskov, the TASS
                              news agency said" — or -1 */
    int32_t entity;        /* index into the entity set passed in, or -1
                              (always -1 when none was passed) */
    double confidence;     /* 0..1 */
} cr_cite;

/* Find the sources text cites. `doc` as for cr_extract_entities; `ents`
 * (borrowed, may be NULL: then they are found here) is the entity set of
 * the same text. *out (owned by the caller, free with cr_cites_free)
 * receives *n cites ordered by start; NULL when none. */
CR_API cr_status cr_extract_cites(const char *text, size_t len,
                                  const cr_doc *doc, const cr_entity_set *ents,
                                  const cr_limits *lim, cr_cite **out,
                                  size_t *n);

/* Release an array from cr_extract_cites (names too). Accepts NULL. */
CR_API void cr_cites_free(cr_cite *c, size_t n);

/* One article's extraction: everything the stage finds in it. Filled by
 * cr_extract_all, written to the store from borrowed arrays
 * (cr_store_add_extraction) and read back into arrays owned by the struct
 * (cr_store_get_extraction). Released with cr_extraction_clear. The links
 * inside keep their meaning: a quote's cont, a mention's entity, a cite's
 * cited_by and entity index the arrays of the same struct. */
typedef struct cr_extraction {
    cr_quote *quotes;
    size_t n_quotes;
    cr_expr *exprs;
    size_t n_exprs;
    cr_entity_set entities;  /* entities and their mentions */
    cr_cite *cites;
    size_t n_cites;
} cr_extraction;

/* Release what *x holds (as cr_quotes_free, cr_exprs_free,
 * cr_entity_set_clear and cr_cites_free would) and zero it. Accepts NULL. */
CR_API void cr_extraction_clear(cr_extraction *x);

/* The whole extraction stage on one article, as `crossread add`, `stream`
 * and `inspect` run it: cr_extract_quotes, cr_extract_entities,
 * cr_extract_exprs (with `anchor`, the publication date, may be NULL) and
 * cr_extract_cites given those entities — *out receives exactly what the
 * four calls would return — but the text is analysed at most once (`doc`
 * NULL: here, as English, with `lim`) and the token view the four read
 * (tokens checked against the text, word classes, sentences,
 * capitalisation) is built once.
 * On failure *out is zeroed and *stage (when stage is not NULL) names the
 * step that failed, a static string: "analysis", "quotes", "entities",
 * "mentions" or "cited sources"; NULL on success. */
CR_API cr_status cr_extract_all(const char *text, size_t len,
                                const cr_doc *doc, const char *anchor,
                                const cr_limits *lim, cr_extraction *out,
                                const char **stage);

/* ------------------------------------------------------------------------ */
/* Comparison                                                               */
/* ------------------------------------------------------------------------ */

/* Lay the coverage of one story side by side: which quotations are the same
 * utterance in several articles (with a word diff of each pair), which
 * sentences report the same fact, which facts only one article carries,
 * where aligned passages differ in numbers or in framing, and a short
 * extractive summary. English words that share no stem meet through
 * synonym classes compiled into the library from WordNet 3.0 ("arms" /
 * "weapons"). The method and its tunables are in docs/ALGORITHMS.md
 * ("Comparison"). The comparison copies what it is given; it does no I/O. */

/* Word diff: how passage b rewrites passage a. */
typedef enum cr_diff_kind {
    CR_DIFF_EQUAL = 0,  /* the same words (after folding and stemming) */
    CR_DIFF_DELETE,     /* words of a that b leaves out (b span empty) */
    CR_DIFF_INSERT,     /* words b adds (a span empty) */
    CR_DIFF_REPLACE     /* words of a rendered differently in b */
} cr_diff_kind;

typedef struct cr_diff_op {
    uint8_t kind;      /* cr_diff_kind */
    cr_span a, b;      /* byte spans in each text; an empty span (start ==
                          end) marks where the other side's words sit */
} cr_diff_op;

/* Diff the words of a[0..alen) and b[0..blen) (valid UTF-8, English or any
 * language with a Snowball stemmer in `lang`, NULL for folding only).
 * Words compare equal when their stems match, so "fronts" = "front" and
 * "Victory" = "victory"; punctuation and quote marks are not compared.
 * *ops (caller frees with free()) covers both passages in order. Passages
 * longer than CR_DIFF_MAX_WORDS words are one REPLACE. */
#define CR_DIFF_MAX_WORDS 4000
CR_API cr_status cr_diff_words(const char *a, size_t alen, const char *b,
                               size_t blen, const char *lang,
                               cr_diff_op **ops, size_t *n);

typedef struct cr_compare_opts {
    double quote_min;   /* similarity from which two quotations of
                           different articles are the same utterance */
    double fact_min;    /* similarity from which two sentences of different
                           articles report the same fact */
    unsigned summary;   /* sentences in the summary */
} cr_compare_opts;

CR_API void cr_compare_opts_default(cr_compare_opts *o);

typedef struct cr_compare cr_compare;

/* A new, empty comparison. opts may be NULL for defaults; *out is owned by
 * the caller (cr_compare_free). */
CR_API cr_status cr_compare_new(const cr_compare_opts *opts,
                                cr_compare **out);
CR_API void cr_compare_free(cr_compare *c);

/* Add one article (copied). Articles are numbered 0, 1, ... in the order
 * added; add them in any order, the report orders them by publication.
 * `lim` may be NULL. CR_EINVAL after cr_compare_run. */
CR_API cr_status cr_compare_add(cr_compare *c, const cr_article *a,
                                const cr_limits *lim, cr_error *err);

/* Align everything. Call once, after the last cr_compare_add. */
CR_API cr_status cr_compare_run(cr_compare *c, cr_error *err);

/* A passage of one article: a quotation or a sentence. */
typedef struct cr_cmp_ref {
    uint32_t article;  /* article number */
    uint32_t index;    /* quotation (cr_compare_quotes) or sentence number */
    cr_span span;      /* its bytes in the article text */
} cr_cmp_ref;

/* The articles: number n is the n-th added. `first` is 1 for the article(s)
 * published earliest. The strings are borrowed from the comparison. */
typedef struct cr_cmp_article {
    const char *id, *source, *title, *published, *lang;
    const char *text;
    size_t text_len;
    int64_t time;        /* seconds since the epoch; INT64_MIN when undated */
    int first;
    size_t nquotes, nsentences;
} cr_cmp_article;

CR_API size_t cr_compare_narticles(const cr_compare *c);
CR_API const cr_cmp_article *cr_compare_article(const cr_compare *c,
                                                size_t i);
/* Articles in report order: by publication time (undated last), then as
 * added. *n receives the count; borrowed. */
CR_API const uint32_t *cr_compare_order(const cr_compare *c, size_t *n);
/* The quotations of article i (cr_extract_quotes), borrowed. */
CR_API const cr_quote *cr_compare_quotes(const cr_compare *c, size_t i,
                                         size_t *n);
/* The sentences of article i, borrowed. */
CR_API const cr_span *cr_compare_sentences(const cr_compare *c, size_t i,
                                           size_t *n);
/* The sources article i cites (cr_extract_cites, with its entities),
 * borrowed: who each outlet relies on, side by side. */
CR_API const cr_cite *cr_compare_cites(const cr_compare *c, size_t i,
                                       size_t *n);

/* A group of passages, at most one per article: one utterance quoted by
 * several articles, or one fact reported by several (or, with n == 1, by
 * one article only). Every two members aligned with each other (complete
 * link: A ~ B and B ~ C alone do not put A and C in one group). */
typedef struct cr_cmp_group {
    const cr_cmp_ref *members;  /* ordered as cr_compare_order */
    size_t n;
    double similarity;          /* lowest similarity of a member to the
                                   group's first member (for facts, two
                                   sentences carrying one aligned quotation
                                   count at least that quotation group's
                                   similarity); 1 when n == 1 */
    double centrality;          /* how much of the story the passage
                                   carries (facts; 0 for quotations) */
    const char *speaker;        /* quotations: the speaker's name when the
                                   members' resolved speakers agree, else
                                   NULL */
} cr_cmp_group;

/* Quotation groups: every statement or fragment quotation of every article
 * is in exactly one group (indirect speech is compared as sentences).
 * Groups of two or more come first, by size then position. */
CR_API const cr_cmp_group *cr_compare_quote_groups(const cr_compare *c,
                                                   size_t *n);
/* Fact groups: every sentence (outside the headline) of every article is in
 * exactly one group, ordered by centrality. */
CR_API const cr_cmp_group *cr_compare_facts(const cr_compare *c, size_t *n);
/* The summary: indexes into the fact groups, most central first, at most
 * opts.summary. */
CR_API const uint32_t *cr_compare_summary(const cr_compare *c, size_t *n);

/* A difference between two aligned passages. */
typedef enum cr_cmp_diff_kind {
    CR_CMP_FRAMING = 1, /* a term one side words differently, where one
                           side marks its wording as the outlet's own (an
                           editorial "(...)" or "[...]" insertion, or a term
                           quoted as a fragment in the story) */
    CR_CMP_NUMBERS,     /* the numbers or quantities differ */
    CR_CMP_NAMES,       /* the names (capitalized words) differ */
    CR_CMP_DATES        /* the dates differ (normalised values, see
                           cr_extract_exprs) */
} cr_cmp_diff_kind;

typedef struct cr_cmp_diff {
    uint8_t kind;       /* cr_cmp_diff_kind */
    uint8_t in_quote;   /* 1: within a quotation group, 0: a fact group */
    uint32_t group;     /* index of that group */
    cr_cmp_ref a, b;    /* the differing words in each article */
} cr_cmp_diff;

CR_API const cr_cmp_diff *cr_compare_differences(const cr_compare *c,
                                                 size_t *n);

/* The word diff between member 0 and member m of quotation group g (or of
 * fact group g when facts is 1), borrowed. */
CR_API const cr_diff_op *cr_compare_group_diff(const cr_compare *c,
                                               int facts, size_t g,
                                               size_t m, size_t *n);

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
#define CR_SCHEMA_VERSION 4
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

/* The key of the article that the last cr_store_add on st stored (result
 * CR_ADD_NEW), or -1 when that call stored nothing. A key is the article's
 * row id: positive, unique, stable for the life of the store, and what the
 * near-duplicate functions below take. */
CR_API int64_t cr_store_last_key(const cr_store *st);

/* A stored article as read back: the article plus store facts. */
typedef struct cr_stored {
    cr_article article;
    char content_hash[33];
    char ingested[32];     /* ISO 8601 UTC time of ingestion */
    int64_t sentences;     /* -1 when unknown */
    int64_t tokens;        /* -1 when unknown */
    int lang_detected;     /* 1 when lang came from detection, not metadata */
    int64_t key;           /* the store's key for it (cr_store_last_key) */
} cr_stored;

/* Release the strings of *s. Accepts NULL. */
CR_API void cr_stored_clear(cr_stored *s);

/* Read one article by id into *out (caller clears with cr_stored_clear).
 * CR_ENOTFOUND when there is none. */
CR_API cr_status cr_store_get(cr_store *st, const char *id, cr_stored *out,
                              cr_error *err);

/* Read one article by key, as cr_store_get does by id (text loaded).
 * CR_ENOTFOUND when there is none. */
CR_API cr_status cr_store_get_key(cr_store *st, int64_t key, cr_stored *out,
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

/* Near-duplicates in the store. Beside each article the store keeps its
 * fingerprint (the cr_fingerprint_encode bytes) and, when the article was
 * found to copy an earlier one, a link to that one with the similarity and
 * whether the copy is exact. Links point from a copy to an article indexed
 * before it, so they form trees: a group of copies is an article that
 * copies nothing plus every article linked to it, directly or through
 * other copies.
 *
 * All fingerprints of a store are of one kind, one CR_FINGERPRINT_VERSION
 * and one shingle size, both recorded in its meta table.
 * cr_store_check_fingerprints must succeed on a handle before it reads or
 * writes fingerprints. */

/* Check that fingerprints made with opts (NULL: the defaults; only
 * `shingle` matters) belong with the store's: same CR_FINGERPRINT_VERSION,
 * same shingle size. A store without fingerprints adopts both. Fingerprints
 * of an older version are deleted with every duplicate link (they are
 * derived data; cr_store_unfingerprinted then lists every article, to be
 * fingerprinted and linked again) and the store adopts the new kind.
 * CR_ESTORE when its fingerprints are of a newer version (this crossread
 * cannot read them; the store takes no new ones), CR_EINVAL when they use
 * another shingle size; err says which. From this call on, the
 * commit that ends a batch of cr_store_add waits for that article's
 * cr_store_add_fingerprint (or the next cr_store_add, or a flush), so an
 * article and its fingerprint are committed together. */
CR_API cr_status cr_store_check_fingerprints(cr_store *st,
                                             const cr_dedup_opts *opts,
                                             cr_error *err);

/* Store fp as the fingerprint of the article with `key`, replacing any
 * earlier one, and, when m (may be NULL) names an earlier article
 * (m->key >= 0), the link "key copies m->key" with m's similarity and
 * exactness, replacing any earlier link of key. Written in the batch
 * transaction as cr_store_add writes (a long run of these commits every
 * `batch` calls too). CR_ENOTFOUND when a key names no stored article,
 * CR_EINVAL when m->key == key or the store's fingerprints were not
 * checked. */
CR_API cr_status cr_store_add_fingerprint(cr_store *st, int64_t key,
                                          const cr_fingerprint *fp,
                                          const cr_dedup_match *m,
                                          cr_error *err);

/* Call fn with the fingerprint of every stored article published at most
 * `window` seconds before the newest dated article (window 0: all of
 * them), in publication order (then id), then with those of the undated
 * articles in the order they were stored, with time 0: the order and
 * times cr_dedup_add takes, so an index is rebuilt by adding each (with
 * the same window in its options). Times are cr_date_seconds of the
 * published date. fn returns non-zero to stop; it may read the store but
 * not write to it. CR_ESTORE when a stored fingerprint does not decode. */
typedef int (*cr_store_fingerprint_fn)(int64_t key, int64_t time,
                                       const cr_fingerprint *fp, void *ctx);
CR_API cr_status cr_store_fingerprints(cr_store *st, int64_t window,
                                       cr_store_fingerprint_fn fn, void *ctx,
                                       cr_error *err);

/* The keys of the stored articles without a fingerprint (stored before
 * the store had fingerprints, or with near-duplicate detection switched
 * off), in the order cr_store_fingerprints uses. *keys is owned by the
 * caller (free with free()), *n receives the count; 8 bytes per key. */
CR_API cr_status cr_store_unfingerprinted(cr_store *st, int64_t **keys,
                                          size_t *n, cr_error *err);

/* One article of a group of copies, as cr_store_dup_groups reports it.
 * Strings are borrowed for the duration of the callback. */
typedef struct cr_dup_member {
    int64_t key;
    const char *id;
    const char *source;     /* may be NULL */
    const char *published;  /* may be NULL */
    const char *title;      /* may be NULL */
    int64_t bytes;          /* length of the text in bytes */
    int64_t copy_of;        /* key of the member it was found to copy; -1
                               for the one member that copies nothing */
    const char *copy_of_id; /* that member's id; NULL when copy_of is -1 */
    double similarity;      /* with copy_of (cr_dedup_match); 0 for none */
    int exact;              /* 1 when its folded words equal copy_of's */
} cr_dup_member;

/* Call fn for every group of copies with at least min_size members (0 and
 * 1 mean 2): largest group first, then in the order their first articles
 * were stored. Members are ordered by publication date (undated last),
 * then key. `canonical` indexes the group's canonical copy, its most
 * complete version: the longest text, then the earliest published, then
 * the lowest key. The array is borrowed for the call. fn returns non-zero
 * to stop; it may read the store. Memory: every link of the store (about
 * 40 bytes per copy) and one group at a time. */
typedef int (*cr_store_group_fn)(const cr_dup_member *members, size_t n,
                                 size_t canonical, void *ctx);
CR_API cr_status cr_store_dup_groups(cr_store *st, size_t min_size,
                                     cr_store_group_fn fn, void *ctx,
                                     cr_error *err);

/* Stories in the store. The store keeps what a clusterer (cr_clusterer_*)
 * decided: each story with its label, its first and last publication and
 * whether it is still active, and the story of each article. The caller
 * runs the clusterer and names the stories: ids here are the store's own
 * (positive, stable), not the clusterer's. An article is a member of at
 * most one story, either "clustered" (the clusterer took it; such members
 * are numbered in the order they were taken, so a later run can replay
 * them into a new clusterer) or as a copy (a near-duplicate, which joins
 * the story of the article it copies and does not count again). A
 * story's article count is its members that copy no other member; its
 * outlets are the distinct sources of all its members. Writes go into the
 * batch transaction as cr_store_add's do. */

/* Start writing stories on this handle: from this call on, the commit
 * that ends a batch of cr_store_add also waits for that article's
 * cr_store_story_add (or the next cr_store_add, or a flush), so an article
 * and its story are committed together. Required before any write below. */
CR_API cr_status cr_store_check_stories(cr_store *st, cr_error *err);

/* Create an empty, active story with an empty label; *id receives its id. */
CR_API cr_status cr_store_story_new(cr_store *st, int64_t *id,
                                    cr_error *err);

/* Make the article `key` a member of `story`: `clustered` 1 when the
 * clusterer took it (the story is then active again if it was retired), 0
 * when it joins as a copy. The story's first and last publication take in
 * the article's date; `label` (may be NULL: unchanged) becomes the story's
 * label. CR_ENOTFOUND when the article or the story does not exist,
 * CR_EINVAL when the article already has a story or before
 * cr_store_check_stories. A long run of these commits every `batch`
 * calls. */
CR_API cr_status cr_store_story_add(cr_store *st, int64_t story, int64_t key,
                                    int clustered, const char *label,
                                    cr_error *err);

/* Mark `story` retired (the clusterer will add nothing more to it; it is
 * not replayed), with its final label (NULL: unchanged). CR_ENOTFOUND when
 * there is no such story. */
CR_API cr_status cr_store_story_retire(cr_store *st, int64_t story,
                                       const char *label, cr_error *err);

/* The story of the article `key` into *story; CR_ENOTFOUND (and *story 0)
 * when it has none. */
CR_API cr_status cr_store_story_of(cr_store *st, int64_t key, int64_t *story,
                                   cr_error *err);

/* Call fn with the clustered members of the active stories and the last
 * `recent` clustered articles of any story, in the order the clusterer
 * took them, each with its story and whether that story is active: adding
 * each article to a new clusterer in this order rebuilds the clusterer
 * that made them — exactly when this is every clustered article (recent
 * at least their number, or no story retired yet), else its active
 * stories with term statistics from the articles replayed. fn returns
 * non-zero to stop; it may read the store but not write to it. */
typedef int (*cr_store_member_fn)(int64_t key, int64_t story, int active,
                                  void *ctx);
CR_API cr_status cr_store_story_replay(cr_store *st, size_t recent,
                                       cr_store_member_fn fn, void *ctx,
                                       cr_error *err);

/* An article without a story, and the article it was found to copy (-1
 * when none). */
typedef struct cr_unstoried {
    int64_t key;
    int64_t copy_of;
} cr_unstoried;

/* The stored articles without a story (the articles of the current
 * `crossread add` run, or stored before the store had stories, or left by
 * an interrupted run), in time order: by publication time, each undated
 * article taken at the newest publication time stored before it (those
 * with nothing dated before them first), ties in the order they were
 * stored. An archive stored in any order thus comes back in time order,
 * and a feed stored in time order comes back as it came. *out is owned by
 * the caller (free with free()); *n receives the count; 16 bytes each. */
CR_API cr_status cr_store_unstoried(cr_store *st, cr_unstoried **out,
                                    size_t *n, cr_error *err);

/* Delete every story and membership (before re-clustering the store). In
 * the batch transaction: a crash before the commit keeps the old stories. */
CR_API cr_status cr_store_stories_clear(cr_store *st, cr_error *err);

/* A stored story as read back. Strings and the outlets array are borrowed
 * for the duration of the callback. */
typedef struct cr_stored_story {
    int64_t id;
    const char *label;      /* "" when not known yet */
    const char *first;      /* earliest published of its members, */
    const char *last;       /* latest; NULL when none is dated */
    int64_t articles;       /* members that copy no other member */
    int64_t members;        /* all members, copies included */
    const char *const *outlets; /* distinct sources of the members, by */
    size_t noutlets;            /* earliest publication, then name */
    int active;             /* 1 while the clusterer may add to it */
} cr_stored_story;

/* Call fn for the stories, newest first: by last publication (latest
 * first, then higher id), the undated ones after them by id, highest
 * first. `source` (may be NULL) keeps the stories with at least one
 * member from that outlet; `limit` (0: no limit) stops after that many.
 * fn returns non-zero to stop; it may read the store. */
typedef int (*cr_store_story_fn)(const cr_stored_story *s, void *ctx);
CR_API cr_status cr_store_stories(cr_store *st, const char *source,
                                  size_t limit, cr_store_story_fn fn,
                                  void *ctx, cr_error *err);

/* Call fn once with story `id`; CR_ENOTFOUND when there is none. */
CR_API cr_status cr_store_story_get(cr_store *st, int64_t id,
                                    cr_store_story_fn fn, void *ctx,
                                    cr_error *err);

/* One member of a story as cr_store_story_articles reports it. Strings
 * are borrowed for the duration of the callback. */
typedef struct cr_story_article {
    int64_t key;
    const char *id;
    const char *source;     /* may be NULL */
    const char *published;  /* may be NULL */
    const char *title;      /* may be NULL */
    const char *copy_of;    /* id of the article it was found to copy (in
                               this story or not); NULL when none */
    int clustered;          /* 1: the clusterer took it; 0: a copy */
} cr_story_article;

/* Call fn for each member of story `id` by publication (undated last),
 * then key. CR_ENOTFOUND when there is no such story. fn returns non-zero
 * to stop; it may read the store. */
typedef int (*cr_store_article_fn)(const cr_story_article *a, void *ctx);
CR_API cr_status cr_store_story_articles(cr_store *st, int64_t id,
                                         cr_store_article_fn fn, void *ctx,
                                         cr_error *err);

/* Extraction results in the store. Beside each article the store keeps
 * what the extraction stage found in it: its quotes (cr_extract_quotes),
 * dates and quantities (cr_extract_exprs), entities with their mentions
 * (cr_extract_entities) and cited sources (cr_extract_cites), as one
 * cr_extraction (declared with cr_extract_all). */

/* Must succeed on a handle before it writes extractions. From this call
 * on, the commit that ends a batch of cr_store_add waits for that
 * article's cr_store_add_extraction (or the next cr_store_add, or a
 * flush), so an article and its extraction are committed together. */
CR_API cr_status cr_store_check_extraction(cr_store *st, cr_error *err);

/* Store *x (borrowed) as the extraction of the article with `key`,
 * replacing any earlier one, in the batch transaction as cr_store_add
 * writes. CR_ENOTFOUND when key names no article; CR_EINVAL before
 * cr_store_check_extraction, or when a link inside x points outside its
 * array or a span outside the article's text. */
CR_API cr_status cr_store_add_extraction(cr_store *st, int64_t key,
                                         const cr_extraction *x,
                                         cr_error *err);

/* Read the stored extraction of the article with `key` into *out (zeroed
 * first; release with cr_extraction_clear): every array in the order it
 * was written, names and strings copied. CR_ENOTFOUND when none is stored
 * (an article stored before schema version 4, or by a run that did not
 * extract). A stored entity's `articles` is 1. */
CR_API cr_status cr_store_get_extraction(cr_store *st, int64_t key,
                                         cr_extraction *out, cr_error *err);

/* The keys of the stored articles without a stored extraction, oldest
 * first. *keys is owned by the caller (free()); *n receives the count. */
CR_API cr_status cr_store_unextracted(cr_store *st, int64_t **keys,
                                      size_t *n, cr_error *err);

#ifdef __cplusplus
}
#endif

#endif /* CROSSREAD_H */
