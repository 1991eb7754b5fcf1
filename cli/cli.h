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
    EXIT_NOTFOUND = 4 /* inspect: no such article */
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

/* Report a usage error for `cmd` and return EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...);

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

/* --- progress ------------------------------------------------------------ */

typedef struct cli_progress {
    int on;
    double start, last;
} cli_progress;

void cli_progress_start(cli_progress *p, int on);
void cli_progress_tick(cli_progress *p, long n, const char *what);
void cli_progress_end(cli_progress *p);
double cli_now(void);

/* --- subcommands --------------------------------------------------------- */

int cmd_add(int argc, char **argv, cli_opts *o);
int cmd_list(int argc, char **argv, cli_opts *o);
int cmd_inspect(int argc, char **argv, cli_opts *o);
int cmd_stream(int argc, char **argv, cli_opts *o);
int cmd_dups(int argc, char **argv, cli_opts *o);
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

/* Store helpers shared by subcommands: open with a clear message. */
cr_store *cli_open_store(const cli_opts *o);

#endif /* CR_CLI_H */
