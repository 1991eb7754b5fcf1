/*
 * cli.h — what the crossread tool's files share: global options, the input
 * walker (files, directories, stdin, gzip → articles), a JSON writer and the
 * subcommands. The tool uses only the public header of libcrossread; all
 * file, terminal and process handling lives here, none in the library.
 */
#ifndef CR_CLI_H
#define CR_CLI_H

#include <stdio.h>

#include "crossread.h"

/* Exit codes (documented in crossread.1 and the README). */
enum {
    EXIT_OK = 0,      /* everything went in / was found */
    EXIT_INPUT = 1,   /* some input was rejected; the rest was processed */
    EXIT_USAGE = 2,   /* bad command line */
    EXIT_FATAL = 3,   /* store or I/O failure: the command could not run */
    EXIT_NOTFOUND = 4 /* inspect, story: no such article or story */
};

/* Options every subcommand understands. */
typedef struct cli_opts {
    const char *db;      /* --db PATH (default ./crossread.db) */
    int json;            /* --json */
    int quiet;           /* --quiet: no progress, no notes */
    int verbose;         /* --verbose: one line per article */
    int progress;        /* progress on stderr (stderr is a terminal) */
    cr_limits lim;       /* --max-* flags */
} cli_opts;

/* Parse a global option at argv[*i] (advancing *i past its value).
 * Returns 1 when consumed, 0 when not a global option, -1 on error (a
 * message has been printed). */
int cli_global_opt(int argc, char **argv, int *i, cli_opts *o);

/* "given", "marker", "inferred", or NULL for CR_DATE_NONE: how a
 * published date became known, as the JSON outputs name it. */
const char *cli_date_how_name(cr_date_how h);

/* Parse a story ID (a positive number) for command `cmd` into *id.
 * 0, or EXIT_USAGE after a usage message. */
int cli_story_id(const char *cmd, const char *arg, long long *id);

/* Report a usage error for `cmd` and return EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...);

/* A positive whole number option value (v may be NULL: missing) into
 * *out: 0, or -1 after a usage message for `cmd` naming `flag`. */
int cli_positive(const char *cmd, const char *flag, const char *v, long *out);

/* --- progress ------------------------------------------------------------ */

typedef struct cli_progress {
    int on;
    double start, last;
} cli_progress;

void cli_progress_start(cli_progress *p, int on);
void cli_progress_tick(cli_progress *p, long n, const char *what);
void cli_progress_end(cli_progress *p);
double cli_now(void);

/* --- input walker -------------------------------------------------------- */

typedef enum { CLI_FMT_AUTO = 0, CLI_FMT_TEXT, CLI_FMT_JSONL } cli_format;

typedef struct cli_input {
    const cr_limits *lim;
    cli_format format;   /* --format; AUTO decides by name or content */
    const char *source;  /* --source: outlet for articles without one */
    const char *id;      /* --id: id of a single text article (stdin) */
    /* Called for each parsed article; `where` names file[:line]. The
     * article is consumed: the callee clears it. Return non-zero to stop. */
    int (*on_article)(void *ctx, cr_article *a, const char *where);
    void *ctx;
    /* counters */
    long errors;         /* inputs rejected (one error line each) */
    long articles;       /* articles handed to on_article */
    long bytes;          /* input bytes read (uncompressed) */
} cli_input;

/* Read every path (file, directory recursively in name order, "-" for
 * stdin; ".gz" transparently) and feed articles to in->on_article. Errors
 * are printed to stderr as "PATH:LINE:COL: reason" and counted; reading
 * goes on. Returns 0, or non-zero when on_article asked to stop. */
int cli_read_paths(cli_input *in, char **paths, int npaths);

/* Print one input error line: path, line and column (1-based; line 0 means
 * not known), byte offset in the file, and the reason. */
void cli_input_error(cli_input *in, const char *path, long line, long col,
                     long long offset, const char *msg);

/* --- JSON writer --------------------------------------------------------- */

/* Write s (len bytes of UTF-8, or NULL → null) as a JSON string. */
void json_str(FILE *f, const char *s, size_t len);
/* Same for a NUL-terminated string (NULL → null). */
void json_cstr(FILE *f, const char *s);
/* "key": prefix, with a leading comma unless first. */
void json_key(FILE *f, const char *key, int *first);

/* --- extraction (extract.c) -------------------------------------------- */

/* Run the extractors (quotes, entities, dates and quantities, cited
 * sources) over article a (doc: its analysis; the published date anchors
 * its dates) into *x (release with cr_extraction_clear; zeroed on
 * failure, when *stage names the extractor that failed): cr_extract_all. */
cr_status cli_extract(const cr_article *a, const cr_doc *doc,
                      const cr_limits *lim, cr_extraction *x,
                      const char **stage);
/* The quotes of an article (text: its text) as a JSON array. */
void json_quotes(FILE *f, const char *text, const cr_quote *q, size_t n);
/* Its entities, each with its mentions, as a JSON array. */
void json_entities(FILE *f, const char *text, const cr_entity_set *s);
/* Its dates and quantities as a JSON array. */
void json_exprs(FILE *f, const char *text, const cr_expr *m, size_t n);
/* Its cited sources as a JSON array. */
void json_cites(FILE *f, const char *text, const cr_cite *c, size_t n);
/* "quotes", "entities", "mentions" and "cites" of x as members of an
 * object being written (json_key's `first`). */
void json_extraction(FILE *f, const char *text, const cr_extraction *x,
                     int *first);
/* "given", "inferred" or "unresolved" for a cr_expr_how. */
const char *cli_expr_how_name(uint8_t h);

/* --- near-duplicates (dedup.c) ----------------------------------------- */

/* What the dedup options of add, stream and eval set. */
typedef struct cli_dedup {
    cr_dedup_opts opts;  /* --threshold, --shingle, --window */
    int off;             /* --no-dedup */
} cli_dedup;

/* The library's defaults with the given window (seconds). */
void cli_dedup_defaults(cli_dedup *c, int64_t window);

/* Parse a dedup option at argv[*i] (advancing past its value) for command
 * `cmd`: --threshold X, --shingle N, --window SPAN, --no-dedup. Returns 1
 * when consumed, 0 when not a dedup option, -1 on a bad value (a usage
 * message has been printed). */
int cli_dedup_opt(int argc, char **argv, int *i, const char *cmd,
                  cli_dedup *c);

/* Parse a time span: a whole number with an optional unit s, m, h, d or w
 * ("7d", "36h", "3600s", "3600", "0"). 0 on success, -1 when malformed or
 * beyond 100 years. */
int cli_parse_span(const char *s, int64_t *out);

/* Write a span the way cli_parse_span reads it, in the largest whole unit
 * up to days ("7d", "90m", "0"), into buf[cap]; returns buf. */
const char *cli_span_str(int64_t span, char *buf, size_t cap);

/* Publication time of an article for the index: cr_date_seconds of its
 * published date, 0 (unknown) when it has none. */
int64_t cli_article_time(const cr_article *a);

/* Near-duplicate detection over a stream, in memory: each article is
 * fingerprinted and compared with the ones before it still inside the
 * window. Keys are input sequence numbers (0, 1, ...); ids are kept for as
 * long as the index may still name them, so memory stays bounded by the
 * window. */
typedef struct cli_dupstream cli_dupstream;

/* CR_EINVAL for options cr_dedup_new refuses, CR_ENOMEM. */
cr_status cli_dupstream_new(const cr_dedup_opts *o, cli_dupstream **out);
void cli_dupstream_free(cli_dupstream *s);

/* Fingerprint a (its doc, may be NULL) and add it. *seq receives its
 * sequence number, *m the match (m->key a sequence number, -1 when it
 * copies nothing) and *of_id the copied article's id, borrowed until the
 * next call (NULL when none). */
cr_status cli_dupstream_add(cli_dupstream *s, const cr_article *a,
                            const cr_doc *doc, int64_t *seq,
                            cr_dedup_match *m, const char **of_id);

/* Keep a number of the caller's (stream: the article's story) with
 * sequence number seq while its id is kept; read it back (0 when not set
 * or no longer kept: the id of a match is always still kept). */
void cli_dupstream_set_tag(cli_dupstream *s, int64_t seq, int64_t tag);
int64_t cli_dupstream_tag(cli_dupstream *s, int64_t seq);

/* --- stories (stories.c) ------------------------------------------------ */

/* A story the clusterer holds: its clusterer id and the caller's id for it
 * (the store's story id in add; the clusterer id again in stream). */
typedef struct cli_story_ref {
    int64_t cid, sid;
    int live;            /* 1: on_retire is called when it retires (add: the
                            store holds it as active, or it took an article
                            in this run); 0: released silently */
} cli_story_ref;

/* A clusterer and the stories it still holds, by clusterer id. */
typedef struct cli_stories {
    cr_clusterer *cl;
    cli_story_ref *v;    /* unreleased stories, ordered by cid */
    size_t n, cap;
    size_t next_sweep;   /* sweep when n reaches this */
    /* Called by a sweep for each retired story before it is released
     * (info borrowed); non-zero stops the sweep with an error. May be
     * NULL. */
    int (*on_retire)(void *ctx, int64_t sid, const cr_story_info *info);
    void *ctx;
    /* counters for --stats */
    size_t released, peak, sweeps, peak_active, peak_memory;
} cli_stories;

/* Zero *s and make its clusterer (o may be NULL for the defaults).
 * CR_EINVAL for options the clusterer refuses, CR_ENOMEM. */
cr_status cli_stories_new(cli_stories *s, const cr_story_opts *o);
void cli_stories_free(cli_stories *s);

/* List the new story cid (larger than every listed one) as sid, live or
 * not. 0, or -1 when out of memory. */
int cli_stories_track(cli_stories *s, int64_t cid, int64_t sid, int live);

/* The listed story cid, NULL when it is not listed. */
cli_story_ref *cli_stories_find(const cli_stories *s, int64_t cid);

/* Release the retired stories (after on_retire) when the list has grown
 * enough since the last sweep, or always when `force`. 0, or -1 when
 * on_retire failed. Samples the clusterer's active count and memory into
 * peak_active and peak_memory. */
int cli_stories_sweep(cli_stories *s, int force);

/* --- stories of `add` (add_stories.c) ----------------------------------- */

typedef struct cli_add_stories {
    cr_store *st;
    const cr_limits *lim;
    cli_stories s;       /* clusterer; sid = the store's story id */
    int quiet, verbose;
    cli_progress *prog;  /* ticks while clustering (may be NULL) */
    long created;        /* stories created by this run */
    long copies;         /* copies that joined the story they copy */
    long replayed;       /* articles replayed at start */
    long diverged;       /* replayed articles (or stories) the replay
                            grouped otherwise than the store */
    long backfilled;     /* articles an earlier run left without a story,
                            clustered at start */
    long clustered;      /* this run's articles clustered */
    double replay_seconds;
} cli_add_stories;

/* Check the store's stories, clear them when `rebuild`, rebuild the
 * clusterer from the active stories and the last `recent` clustered
 * articles (cr_store_story_replay), and cluster the stored articles
 * without a story. An exit code (messages printed). */
int cli_add_stories_start(cli_add_stories *ss, cr_store *st,
                          const cli_opts *o, int rebuild, size_t recent);

/* Give the stored article `key` (a, its analysis doc) its story: the
 * story of copy_of when it is >= 0 and has one, else the clusterer's.
 * *story receives the store's story id. */
cr_status cli_add_stories_assign(cli_add_stories *ss, int64_t key,
                                 const cr_article *a, const cr_doc *doc,
                                 int64_t copy_of, int64_t *story,
                                 cr_error *err);

/* Cluster the stored articles still without a story — the articles this
 * run added — in publication order (dated ones by time, then the undated
 * in the order they came), whatever order they were read in: a story
 * retires once the newest time seen is `window` past its last article, so
 * an archive read in file order would otherwise split its events. An exit
 * code (messages printed). */
int cli_add_stories_run(cli_add_stories *ss, const char *db);

/* Mark the stories the clusterer retired as such in the store. An exit
 * code. */
int cli_add_stories_finish(cli_add_stories *ss);
void cli_add_stories_free(cli_add_stories *ss);

/* --- subcommands --------------------------------------------------------- */

int cmd_add(int argc, char **argv, cli_opts *o);
int cmd_list(int argc, char **argv, cli_opts *o);
int cmd_inspect(int argc, char **argv, cli_opts *o);
int cmd_stream(int argc, char **argv, cli_opts *o);
int cmd_dups(int argc, char **argv, cli_opts *o);
int cmd_stories(int argc, char **argv, cli_opts *o);
int cmd_story(int argc, char **argv, cli_opts *o);

/* The arguments of `crossread eval WHAT` (argv[0] "eval", argv[1] WHAT):
 * -h/--help (prints `usage`), --gold FILE, the global options, the
 * command's own options through `opt` (may be NULL; returns 1 when it
 * consumed argv[*i], 0 when not its option, -1 after a usage message), and
 * input paths. Returns -1 when the command should run, with *gold and
 * *paths (owned by the caller, free with free(), *npaths of them, at least
 * one); otherwise the exit status to return at once (EXIT_OK after help). */
typedef int (*cli_eval_opt_fn)(int argc, char **argv, int *i, void *ctx);
int cli_eval_args(int argc, char **argv, cli_opts *o, const char *usage,
                  cli_eval_opt_fn opt, void *ctx, const char **gold,
                  char ***paths, int *npaths);

int cmd_eval_stories(int argc, char **argv, cli_opts *o); /* from cmd_eval */
int cmd_eval_quotes(int argc, char **argv, cli_opts *o);  /* from cmd_eval */
int cmd_eval(int argc, char **argv, cli_opts *o);
int cmd_compare(int argc, char **argv, cli_opts *o);
int cmd_show(int argc, char **argv, cli_opts *o);
int cmd_eval_align(int argc, char **argv, cli_opts *o); /* from cmd_eval */

/* Store helpers shared by subcommands: open with a clear message. */
cr_store *cli_open_store(const cli_opts *o);

#endif /* CR_CLI_H */
