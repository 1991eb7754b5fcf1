/*
 * main.c — the crossread command: global options, subcommand dispatch,
 * help texts, and the small shared pieces (JSON writer, progress line).
 */
#include "cli.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage_text[] =
    "crossread " CR_VERSION " — turn news articles into stories and compare their coverage\n"
    "\n"
    "Usage: crossread [GLOBAL OPTIONS] COMMAND [ARGS]\n"
    "\n"
    "Commands:\n"
    "  add PATH...      ingest articles (text files, JSON Lines, directories, -, .gz)\n"
    "  list             list stored articles\n"
    "  inspect ID       show what crossread knows about one article (or --file PATH)\n"
    "  stream           read JSON Lines on stdin, write one analysis line per article\n"
    "                   (with the earlier article it copies, if any)\n"
    "  dups             list groups of copies: syndicated and reposted articles\n"
    "  stories          list stories (one event, many outlets), newest first\n"
    "  story ID         show one story's articles in time order\n"
    "  compare PATH...  lay the given articles' coverage side by side (no store)\n"
    "  show STORY       the same for a stored story\n"
    "  eval dups        score near-duplicate detection against gold groups\n"
    "  eval stories     score story clustering against gold stories\n"
    "  eval quotes      score quotes and speakers against gold attributions\n"
    "  eval align       score quotation alignment across two translations\n"
    "  help [COMMAND]   show help for a command\n"
    "\n"
    "Global options:\n"
    "  --db PATH              store file (default ./crossread.db, or $CROSSREAD_DB)\n"
    "  --json                 machine-readable output (see docs/JSON.md)\n"
    "  -q, --quiet            no progress line and no notes on stderr\n"
    "  -v, --verbose          one line per article on stderr\n"
    "  --max-article-bytes N  longest article text accepted (default 4194304)\n"
    "  --max-line-bytes N     longest JSON Lines record (default 16777216)\n"
    "  --max-field-bytes N    longest id/title/url/... field (default 65536)\n"
    "  --max-json-depth N     deepest JSON nesting (default 32)\n"
    "  -h, --help             this help; `crossread COMMAND --help` for a command\n"
    "  --version              print the version\n"
    "\n"
    "Examples:\n"
    "  crossread add examples/seeds                # two articles, one event\n"
    "  crossread add --source reuters today.jsonl.gz\n"
    "  crossread list --json | head\n"
    "  crossread inspect 004_6fa277031cd45622\n"
    "  crossread dups --min-size 3\n"
    "  crossread stories --limit 10\n"
    "  crossread story 1\n"
    "  crossread compare examples/seeds/*         # two outlets, side by side\n"
    "  crossread show 1 --format html -o story.html\n"
    "  zcat feed.jsonl.gz | crossread stream > analysed.jsonl\n"
    "\n"
    "Exit status: 0 ok; 1 some input was rejected (the rest was processed);\n"
    "2 usage error; 3 store or I/O failure; 4 article or story not found.\n";

double cli_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void cli_progress_start(cli_progress *p, int on)
{
    p->on = on;
    p->start = p->last = cli_now();
}

void cli_progress_tick(cli_progress *p, long n, const char *what)
{
    double t;
    if (!p->on || (n & 255) != 0)
        return;
    t = cli_now();
    if (t - p->last < 0.25)
        return;
    p->last = t;
    fprintf(stderr, "\r%ld %s (%.0f/s)   ", n, what,
            n / (t - p->start > 1e-9 ? t - p->start : 1e-9));
    fflush(stderr);
}

void cli_progress_end(cli_progress *p)
{
    if (p->on)
        fputs("\r\033[K", stderr);
}

void json_str(FILE *f, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    size_t i, run = 0;
    if (!s) {
        fputs("null", f);
        return;
    }
    putc('"', f);
    for (i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        fwrite(s + run, 1, i - run, f);
        run = i + 1;
        switch (c) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        default:
            fputs("\\u00", f);
            putc(hex[c >> 4], f);
            putc(hex[c & 15], f);
        }
    }
    fwrite(s + run, 1, len - run, f);
    putc('"', f);
}

void json_cstr(FILE *f, const char *s)
{
    json_str(f, s, s ? strlen(s) : 0);
}

void json_key(FILE *f, const char *key, int *first)
{
    if (!*first)
        putc(',', f);
    *first = 0;
    json_cstr(f, key);
    putc(':', f);
}

const char *cli_date_how_name(cr_date_how h)
{
    switch (h) {
    case CR_DATE_GIVEN: return "given";
    case CR_DATE_MARKER: return "marker";
    case CR_DATE_INFERRED: return "inferred";
    default: return NULL;
    }
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "crossread%s%s: ", cmd ? " " : "", cmd ? cmd : "");
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nTry 'crossread %s%s--help'.\n", cmd ? cmd : "",
            cmd ? " " : "");
    return EXIT_USAGE;
}

int cli_positive(const char *cmd, const char *flag, const char *v, long *out)
{
    char *end;
    errno = 0;
    *out = v ? strtol(v, &end, 10) : 0;
    if (!v || errno || *end || end == v || *out <= 0)
        return cli_usage_error(cmd, "%s needs a positive whole number", flag),
               -1;
    return 0;
}

static int parse_size(const char *flag, const char *v, size_t *out)
{
    char *end;
    unsigned long long x;
    errno = 0;
    if (!v || !*v || *v == '-')
        goto bad;
    x = strtoull(v, &end, 10);
    if (errno || *end || x == 0)
        goto bad;
    *out = (size_t)x;
    return 0;
bad:
    fprintf(stderr, "crossread: %s needs a positive whole number, got '%s'\n",
            flag, v ? v : "");
    return -1;
}

int cli_global_opt(int argc, char **argv, int *i, cli_opts *o)
{
    const char *a = argv[*i];
    const char *v = *i + 1 < argc ? argv[*i + 1] : NULL;
    size_t n;
    static const struct {
        const char *flag;
        int which;
    } sizes[] = {{"--max-article-bytes", 0},
                 {"--max-line-bytes", 1},
                 {"--max-field-bytes", 2},
                 {"--max-json-depth", 3}};
    size_t k;

    if (strcmp(a, "--json") == 0) {
        o->json = 1;
        return 1;
    }
    if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
        o->quiet = 1;
        o->progress = 0;
        return 1;
    }
    if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0) {
        o->verbose = 1;
        return 1;
    }
    if (strcmp(a, "--db") == 0) {
        if (!v) {
            fprintf(stderr, "crossread: --db needs a path\n");
            return -1;
        }
        o->db = v;
        (*i)++;
        return 1;
    }
    for (k = 0; k < sizeof sizes / sizeof sizes[0]; k++) {
        if (strcmp(a, sizes[k].flag) != 0)
            continue;
        if (parse_size(a, v, &n))
            return -1;
        (*i)++;
        switch (sizes[k].which) {
        case 0: o->lim.max_article_bytes = n; break;
        case 1: o->lim.max_line_bytes = n; break;
        case 2: o->lim.max_field_bytes = n; break;
        default:
            if (n > 10000) {
                fprintf(stderr, "crossread: --max-json-depth is at most 10000\n");
                return -1;
            }
            o->lim.max_json_depth = (int)n;
        }
        return 1;
    }
    return 0;
}

cr_store *cli_open_store(const cli_opts *o)
{
    cr_store *st = NULL;
    cr_error err;
    cr_status rc;
    memset(&err, 0, sizeof err);
    rc = cr_store_open(o->db, &st, &err);
    if (rc != CR_OK) {
        fprintf(stderr, "crossread: cannot open store %s: %s%s%s\n", o->db,
                cr_strerror(rc), err.msg[0] ? ": " : "", err.msg);
        return NULL;
    }
    return st;
}

static const struct {
    const char *name;
    int (*fn)(int, char **, cli_opts *);
} commands[] = {
    {"add", cmd_add},
    {"list", cmd_list},
    {"inspect", cmd_inspect},
    {"stream", cmd_stream},
    {"dups", cmd_dups},
    {"stories", cmd_stories},
    {"story", cmd_story},
    {"eval", cmd_eval},
    {"compare", cmd_compare},
    {"show", cmd_show},
};

int main(int argc, char **argv)
{
    cli_opts o;
    int i, r;
    const char *env;
    size_t k;

    memset(&o, 0, sizeof o);
    env = getenv("CROSSREAD_DB");
    o.db = env && *env ? env : "crossread.db";
    o.progress = isatty(2);
    cr_limits_default(&o.lim);

    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(usage_text, stdout);
            return EXIT_OK;
        }
        if (strcmp(a, "--version") == 0) {
            printf("crossread %s (store schema %d)\n", CR_VERSION,
                   CR_SCHEMA_VERSION);
            return EXIT_OK;
        }
        r = cli_global_opt(argc, argv, &i, &o);
        if (r < 0)
            return EXIT_USAGE;
        if (r == 0)
            break;
    }
    if (i >= argc) {
        fputs(usage_text, stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[i], "help") == 0) {
        if (i + 1 >= argc) {
            fputs(usage_text, stdout);
            return EXIT_OK;
        }
        for (k = 0; k < sizeof commands / sizeof commands[0]; k++)
            if (strcmp(argv[i + 1], commands[k].name) == 0) {
                char *hv[] = {argv[i + 1], (char *)"--help", NULL};
                return commands[k].fn(2, hv, &o);
            }
        return cli_usage_error(NULL, "no command '%s'", argv[i + 1]);
    }
    for (k = 0; k < sizeof commands / sizeof commands[0]; k++)
        if (strcmp(argv[i], commands[k].name) == 0)
            return commands[k].fn(argc - i, argv + i, &o);
    if (argv[i][0] == '-')
        return cli_usage_error(NULL, "unknown option '%s'", argv[i]);
    return cli_usage_error(NULL, "unknown command '%s'", argv[i]);
}
