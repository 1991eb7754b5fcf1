/*
 * cmd_stories.c — `crossread stories` (the stored stories, newest first)
 * and `crossread story ID` (one story's articles in time order), as text
 * or JSON (docs/JSON.md). `add` made the stories; these only read them.
 */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

static const char stories_help[] =
    "Usage: crossread stories [--limit N] [--source NAME] [--min-articles N]\n"
    "                         [--min-outlets N] [--since DATE] [--until DATE]\n"
    "                         [--json]\n"
    "\n"
    "List the stories in the store, newest first (by the latest publication\n"
    "among their articles; undated stories last). A story is one event as\n"
    "reported by one or more outlets; `crossread add` assigns every article\n"
    "to one as it arrives. Columns: story id, articles (a group of copies of\n"
    "one article counts once), outlets, first and last publication date, and\n"
    "the label: the headline of the story's most central article (its lead\n"
    "sentence when it has no title).\n"
    "\n"
    "Options:\n"
    "  --limit N         stop after N stories (those the filters keep)\n"
    "  --source NAME     only stories that outlet NAME reported\n"
    "  --min-articles N  only stories of N articles or more\n"
    "  --min-outlets N   only stories that N or more outlets reported\n"
    "  --since DATE      only stories whose latest article is from DATE on\n"
    "                    (YYYY-MM-DD, YYYY-MM or YYYY; UTC)\n"
    "  --until DATE      only stories whose first article is from DATE or\n"
    "                    before (a month or a year counts whole)\n"
    "                    (with either, undated stories are left out)\n"
    "  --json            one JSON object per story (docs/JSON.md)\n"
    "\n"
    "Examples:\n"
    "  crossread add examples/seeds && crossread stories\n"
    "  crossread stories --limit 20 --source reuters\n"
    "  crossread stories --min-outlets 2    # the stories covered side by side\n"
    "  crossread stories --since 2023-09-13 --until 2023-09-14\n"
    "  crossread stories --json | jq -c 'select(.outlets | length >= 3)'\n"
    "  crossread story 1                     # the articles of story 1\n";

static const char story_help[] =
    "Usage: crossread story ID [--json]\n"
    "\n"
    "Show one story: its label, counts, outlets and dates, then its articles\n"
    "in order of publication (undated last): date, outlet, id and title. A\n"
    "near-duplicate copy is marked \"copy of ID\" (it joined the story of the\n"
    "article it copies and does not count again). ID is a number from\n"
    "`crossread stories`.\n"
    "\n"
    "Options:\n"
    "  --json          one JSON object with the articles in \"members\"\n"
    "\n"
    "Examples:\n"
    "  crossread story 1\n"
    "  crossread story 12 --json | jq -r '.members[].source' | sort -u\n"
    "\n"
    "Exit status 4 when there is no such story.\n";

/* Widest label in the table, in bytes (cut at a character boundary). */
#define LABEL_COLUMN 72

typedef struct stories_ctx {
    const cli_opts *o;
    long n;
    long limit, min_articles, min_outlets; /* 0: none */
    const char *since, *until;             /* NULL: none */
} stories_ctx;

static void put_outlets(const cr_stored_story *s)
{
    size_t i;
    putchar('[');
    for (i = 0; i < s->noutlets; i++) {
        if (i)
            putchar(',');
        json_cstr(stdout, s->outlets[i]);
    }
    putchar(']');
}

/* The fields of a story as JSON members, without braces. */
static void story_json_fields(const cr_stored_story *s)
{
    int first = 1;
    json_key(stdout, "id", &first);
    printf("%lld", (long long)s->id);
    json_key(stdout, "label", &first);
    json_cstr(stdout, s->label);
    json_key(stdout, "articles", &first);
    printf("%lld", (long long)s->articles);
    json_key(stdout, "copies", &first);
    printf("%lld", (long long)(s->members - s->articles));
    json_key(stdout, "outlets", &first);
    put_outlets(s);
    json_key(stdout, "first", &first);
    json_cstr(stdout, s->first);
    json_key(stdout, "last", &first);
    json_cstr(stdout, s->last);
    json_key(stdout, "active", &first);
    fputs(s->active ? "true" : "false", stdout);
}

/* The date part of a published value, or "-". */
static const char *day(const char *published, char buf[11])
{
    if (!published)
        return "-";
    snprintf(buf, 11, "%s", published);
    return buf;
}

/* Print s, cut to at most max bytes at a character boundary ("..." when
 * cut). */
static void put_cut(const char *s, size_t max)
{
    size_t n = strlen(s);
    if (n <= max) {
        fputs(s, stdout);
        return;
    }
    n = max - 3;
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    fwrite(s, 1, n, stdout);
    fputs("...", stdout);
}

/* A --since / --until value: YYYY, YYYY-MM or YYYY-MM-DD (a real month
 * and a day the month has). Published values in the store are ISO 8601,
 * so comparing their first strlen(d) bytes with d compares the dates at
 * d's precision. */
static int date_arg(const char *opt, const char *d)
{
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    size_t n = d ? strlen(d) : 0, i;
    int ok = n == 4 || n == 7 || n == 10, y = 0, m = 1, dd = 1;
    for (i = 0; ok && i < n; i++)
        ok = (i == 4 || i == 7) ? d[i] == '-' : d[i] >= '0' && d[i] <= '9';
    if (ok) {
        y = atoi(d);
        if (n >= 7)
            m = atoi(d + 5);
        if (n == 10)
            dd = atoi(d + 8);
        ok = m >= 1 && m <= 12 && dd >= 1 && dd <= mdays[m - 1] &&
             !(m == 2 && dd == 29 &&
               !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
    }
    if (!ok)
        return cli_usage_error("stories", "%s takes a date as YYYY-MM-DD, "
                               "YYYY-MM or YYYY, not '%s'", opt,
                               d ? d : "");
    return 0;
}

static int visit_story(const cr_stored_story *s, void *vctx)
{
    stories_ctx *c = vctx;
    char f[11], l[11];
    if (c->since) {
        /* newest first, undated last: nothing after this one can match */
        if (!s->last || strncmp(s->last, c->since, strlen(c->since)) < 0)
            return 1;
    }
    if (c->until &&
        (!s->first || strncmp(s->first, c->until, strlen(c->until)) > 0))
        return 0;
    if (s->articles < c->min_articles || (long)s->noutlets < c->min_outlets)
        return 0;
    if (c->o->json) {
        putchar('{');
        story_json_fields(s);
        puts("}");
    } else {
        printf("%6lld %5lld %4zu  %-10s  %-10s  ", (long long)s->id,
               (long long)s->articles, s->noutlets, day(s->first, f),
               day(s->last, l));
        put_cut(s->label, LABEL_COLUMN);
        putchar('\n');
    }
    c->n++;
    return c->limit && c->n >= c->limit;
}

int cmd_stories(int argc, char **argv, cli_opts *o)
{
    stories_ctx c;
    const char *source = NULL;
    cr_store *st;
    cr_error err;
    cr_status rc;
    int i;

    memset(&c, 0, sizeof c);
    c.o = o;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        int g;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(stories_help, stdout);
            return EXIT_OK;
        }
        if (strcmp(a, "--limit") == 0 || strcmp(a, "--min-articles") == 0 ||
            strcmp(a, "--min-outlets") == 0) {
            long *v = a[2] == 'l' ? &c.limit
                      : a[6] == 'a' ? &c.min_articles
                                    : &c.min_outlets;
            if (cli_positive("stories", a, i + 1 < argc ? argv[++i] : NULL,
                             v))
                return EXIT_USAGE;
            continue;
        }
        if (strcmp(a, "--source") == 0) {
            if (i + 1 >= argc)
                return cli_usage_error("stories", "--source needs a value");
            source = argv[++i];
            continue;
        }
        if (strcmp(a, "--since") == 0 || strcmp(a, "--until") == 0) {
            const char *d = i + 1 < argc ? argv[++i] : NULL;
            if (date_arg(a, d))
                return EXIT_USAGE;
            if (a[2] == 's')
                c.since = d;
            else
                c.until = d;
            continue;
        }
        g = cli_global_opt(argc, argv, &i, o);
        if (g < 0)
            return EXIT_USAGE;
        if (g == 0)
            return cli_usage_error("stories", "unexpected argument '%s'", a);
    }
    st = cli_open_store(o);
    if (!st)
        return EXIT_FATAL;
    if (!o->json)
        printf("%6s %5s %4s  %-10s  %-10s  %s\n", "STORY", "ARTS", "OUTL",
               "FIRST", "LAST", "LABEL");
    memset(&err, 0, sizeof err);
    /* the limit counts the stories the filters keep: applied here */
    rc = cr_store_stories(st, source, 0, visit_story, &c, &err);
    cr_store_close(st);
    if (rc != CR_OK) {
        fprintf(stderr, "crossread stories: %s: %s\n", cr_strerror(rc),
                err.msg);
        return EXIT_FATAL;
    }
    if (!o->json && !o->quiet)
        fprintf(stderr, "%ld stor%s\n", c.n, c.n == 1 ? "y" : "ies");
    return EXIT_OK;
}

/* ---- story ID ----------------------------------------------------------- */

typedef struct story_ctx {
    const cli_opts *o;
    long n;
} story_ctx;

static int story_header(const cr_stored_story *s, void *vctx)
{
    story_ctx *c = vctx;
    char f[11], l[11];
    size_t i;
    if (c->o->json) {
        putchar('{');
        story_json_fields(s);
        fputs(",\"members\":[", stdout);
        return 0;
    }
    printf("story %lld: %s\n", (long long)s->id, s->label);
    printf("%lld article%s", (long long)s->articles,
           s->articles == 1 ? "" : "s");
    if (s->members > s->articles)
        printf(" (+%lld cop%s)", (long long)(s->members - s->articles),
               s->members - s->articles == 1 ? "y" : "ies");
    printf(", %zu outlet%s", s->noutlets, s->noutlets == 1 ? "" : "s");
    for (i = 0; i < s->noutlets; i++)
        printf("%s%s", i ? ", " : " (", s->outlets[i]);
    if (s->noutlets)
        putchar(')');
    if (s->first)
        printf(", %s to %s", day(s->first, f), day(s->last, l));
    else
        fputs(", undated", stdout);
    printf("%s\n\n", s->active ? ", active" : "");
    printf("%-20s %-16s %-34s %s\n", "PUBLISHED", "OUTLET", "ID", "TITLE");
    return 0;
}

static int story_article(const cr_story_article *a, void *vctx)
{
    story_ctx *c = vctx;
    if (c->o->json) {
        int first = 1;
        if (c->n)
            putchar(',');
        putchar('{');
        json_key(stdout, "id", &first);
        json_cstr(stdout, a->id);
        json_key(stdout, "source", &first);
        json_cstr(stdout, a->source);
        json_key(stdout, "published", &first);
        json_cstr(stdout, a->published);
        json_key(stdout, "title", &first);
        json_cstr(stdout, a->title);
        json_key(stdout, "copy_of", &first);
        json_cstr(stdout, a->copy_of);
        json_key(stdout, "clustered", &first);
        fputs(a->clustered ? "true" : "false", stdout);
        putchar('}');
    } else {
        printf("%-20s %-16.16s %-34s %s", a->published ? a->published : "-",
               a->source ? a->source : "-", a->id, a->title ? a->title : "-");
        if (a->copy_of)
            printf("  [copy of %s]", a->copy_of);
        putchar('\n');
    }
    c->n++;
    return 0;
}

int cli_story_id(const char *cmd, const char *arg, long long *id)
{
    char *end;
    errno = 0;
    *id = strtoll(arg, &end, 10);
    if (errno || *end || end == arg || *id <= 0)
        return cli_usage_error(cmd, "story ID is a positive number, not '%s'",
                               arg);
    return 0;
}

int cmd_story(int argc, char **argv, cli_opts *o)
{
    story_ctx c;
    const char *idarg = NULL;
    long long id = 0;
    cr_store *st;
    cr_error err;
    cr_status rc;
    int i;

    memset(&c, 0, sizeof c);
    c.o = o;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i];
        int g;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(story_help, stdout);
            return EXIT_OK;
        }
        if (a[0] != '-' && !idarg) {
            idarg = a;
            continue;
        }
        g = cli_global_opt(argc, argv, &i, o);
        if (g < 0)
            return EXIT_USAGE;
        if (g == 0)
            return cli_usage_error("story", "unexpected argument '%s'", a);
    }
    if (!idarg)
        return cli_usage_error("story", "which story? (an ID from "
                                        "`crossread stories`)");
    if (cli_story_id("story", idarg, &id))
        return EXIT_USAGE;
    st = cli_open_store(o);
    if (!st)
        return EXIT_FATAL;
    memset(&err, 0, sizeof err);
    rc = cr_store_story_get(st, (int64_t)id, story_header, &c, &err);
    if (rc == CR_OK)
        rc = cr_store_story_articles(st, (int64_t)id, story_article, &c, &err);
    cr_store_close(st);
    if (rc == CR_ENOTFOUND) {
        fprintf(stderr, "crossread story: no story %lld in %s\n", id, o->db);
        return EXIT_NOTFOUND;
    }
    if (rc != CR_OK) {
        fprintf(stderr, "crossread story: %s: %s\n", cr_strerror(rc), err.msg);
        return EXIT_FATAL;
    }
    if (o->json)
        puts("]}");
    return EXIT_OK;
}
