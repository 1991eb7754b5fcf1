/*
 * input.c — from paths to articles. Walks files, directories (recursively,
 * in name order, skipping dot-files), and stdin ("-"); reads gzip
 * transparently (zlib); decides the format (JSON Lines by name — .jsonl,
 * .ndjson, .json, optionally .gz — or, for stdin, by a leading '{'; plain
 * text otherwise); cuts JSON Lines into records under the line limit; hands
 * each buffer to the library's parsers and each article to the caller.
 *
 * Every rejected input produces exactly one error line on stderr naming the
 * file, line and column (and byte offset) and the reason; reading continues
 * with the next record or file.
 */
#include "cli.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define CHUNK (64 * 1024)
#define MAX_DIR_DEPTH 64

void cli_input_error(cli_input *in, const char *path, long line, long col,
                     long long offset, const char *msg)
{
    in->errors++;
    if (line > 0)
        fprintf(stderr, "crossread: %s:%ld:%ld: %s (byte %lld)\n", path, line,
                col, msg, offset);
    else
        fprintf(stderr, "crossread: %s: %s\n", path, msg);
}

static int ends_with(const char *s, const char *suf)
{
    size_t a = strlen(s), b = strlen(suf);
    return a >= b && strcmp(s + a - b, suf) == 0;
}

static cli_format format_by_name(const char *path)
{
    static const char *const exts[] = {".jsonl", ".ndjson", ".json",
                                       ".jsonl.gz", ".ndjson.gz", ".json.gz"};
    size_t k;
    for (k = 0; k < sizeof exts / sizeof exts[0]; k++)
        if (ends_with(path, exts[k]))
            return CLI_FMT_JSONL;
    return CLI_FMT_TEXT;
}

/* Id of a text article: its path below the walked root (or its base name
 * for a file argument) without ".gz" and ".txt". Owned by the caller. */
static char *text_id(const char *path, size_t root_len)
{
    const char *s = path + root_len;
    size_t n;
    char *id;
    while (root_len && *s == '/')
        s++;
    if (!root_len || !*s) {
        s = strrchr(path, '/');
        s = s ? s + 1 : path;
    }
    n = strlen(s);
    if (n > 3 && strcmp(s + n - 3, ".gz") == 0)
        n -= 3;
    if (n > 4 && strncmp(s + n - 4, ".txt", 4) == 0)
        n -= 4;
    id = malloc(n + 1);
    if (id) {
        memcpy(id, s, n);
        id[n] = '\0';
    }
    return id;
}

/* 1-based line and column of byte `off` in buf. */
static void line_col(const char *buf, size_t len, size_t off, long *line,
                     long *col)
{
    size_t i, start = 0;
    long l = 1;
    if (off > len)
        off = len;
    for (i = 0; i < off; i++)
        if (buf[i] == '\n') {
            l++;
            start = i + 1;
        }
    *line = l;
    *col = (long)(off - start) + 1;
}

static int deliver(cli_input *in, cr_article *a, const char *where)
{
    if (in->source && !a->source) {
        a->source = strdup(in->source);
        if (!a->source) {
            cr_article_clear(a);
            return 0;
        }
    }
    in->articles++;
    return in->on_article(in->ctx, a, where);
}

/* A whole gzip/plain stream as one text article. */
static int read_text(cli_input *in, gzFile gz, const char *path,
                     const char *id, const char *pre, size_t npre)
{
    size_t cap = in->lim->max_article_bytes + 4096, len = 0, size = CHUNK;
    char *buf = malloc(size);
    int n, stop = 0;
    cr_article a;
    cr_error err;
    cr_status rc;
    long line, col;

    if (!buf) {
        cli_input_error(in, path, 0, 0, 0, "out of memory");
        return 0;
    }
    if (npre) {
        memcpy(buf, pre, npre);
        len = npre;
    }
    for (;;) {
        if (len == size) {
            char *p;
            size = size * 2 > cap + 1 ? cap + 1 : size * 2;
            if (len == size) {
                char msg[160];
                snprintf(msg, sizeof msg,
                         "file is larger than the article limit of %zu bytes "
                         "(--max-article-bytes)",
                         in->lim->max_article_bytes);
                cli_input_error(in, path, 0, 0, 0, msg);
                goto done;
            }
            p = realloc(buf, size);
            if (!p) {
                cli_input_error(in, path, 0, 0, 0, "out of memory");
                goto done;
            }
            buf = p;
        }
        n = gzread(gz, buf + len, (unsigned)(size - len));
        if (n < 0) {
            int zerr;
            char msg[200];
            snprintf(msg, sizeof msg, "cannot read: %s", gzerror(gz, &zerr));
            cli_input_error(in, path, 0, 0, 0, msg);
            goto done;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    in->bytes += (long)len;
    memset(&a, 0, sizeof a);
    memset(&err, 0, sizeof err);
    rc = cr_parse_text(buf, len, id, in->lim, &a, &err);
    if (rc != CR_OK) {
        char msg[260];
        line_col(buf, len, err.offset, &line, &col);
        snprintf(msg, sizeof msg, "%s: %s", cr_strerror(rc), err.msg);
        if (rc == CR_EEMPTY || rc == CR_ELIMIT)
            cli_input_error(in, path, 0, 0, 0, msg);
        else
            cli_input_error(in, path, line, col, (long long)err.offset, msg);
        goto done;
    }
    stop = deliver(in, &a, path);
done:
    free(buf);
    return stop;
}

/* Parse one JSON Lines record (line without its newline). */
static int jsonl_record(cli_input *in, const char *path, long lineno,
                        long long line_off, const char *line, size_t len)
{
    cr_article a;
    cr_error err;
    cr_status rc;
    size_t i;
    char where[600], msg[260];

    for (i = 0; i < len; i++)
        if (line[i] != ' ' && line[i] != '\t' && line[i] != '\r')
            break;
    if (i == len)
        return 0; /* blank line */
    memset(&a, 0, sizeof a);
    memset(&err, 0, sizeof err);
    rc = cr_parse_jsonl(line, len, in->lim, &a, &err);
    if (rc != CR_OK) {
        snprintf(msg, sizeof msg, "%s: %s", cr_strerror(rc), err.msg);
        cli_input_error(in, path, lineno, (long)err.offset + 1,
                        line_off + (long long)err.offset, msg);
        return 0;
    }
    snprintf(where, sizeof where, "%s:%ld", path, lineno);
    return deliver(in, &a, where);
}

/* A gzip/plain stream of JSON Lines. `pre` holds bytes already read. */
static int read_jsonl(cli_input *in, gzFile gz, const char *path,
                      const char *pre, size_t npre)
{
    char *chunk = malloc(CHUNK);
    char *line = NULL;
    size_t llen = 0, lcap = 0, maxl = in->lim->max_line_bytes;
    long lineno = 1;
    long long off = 0, line_off = 0;
    int over = 0, stop = 0, n, first = 1;

    if (!chunk) {
        cli_input_error(in, path, 0, 0, 0, "out of memory");
        return 0;
    }
    while (!stop) {
        size_t got, i, s;
        if (first && npre) {
            memcpy(chunk, pre, npre);
            n = (int)npre;
        } else {
            n = gzread(gz, chunk, CHUNK);
        }
        first = 0;
        if (n < 0) {
            int zerr;
            char msg[200];
            snprintf(msg, sizeof msg, "cannot read: %s", gzerror(gz, &zerr));
            cli_input_error(in, path, lineno, 1, off, msg);
            break;
        }
        if (n == 0)
            break;
        got = (size_t)n;
        in->bytes += (long)got;
        for (s = 0, i = 0; i <= got && !stop; i++) {
            int eol = i < got && chunk[i] == '\n';
            size_t piece;
            if (i < got && !eol)
                continue;
            piece = i - s;
            if (!over && llen + piece > maxl) {
                char msg[160];
                snprintf(msg, sizeof msg,
                         "%s: line is longer than %zu bytes (--max-line-bytes)",
                         cr_strerror(CR_ELIMIT), maxl);
                cli_input_error(in, path, lineno, 1, line_off, msg);
                over = 1;
            }
            if (!over && piece) {
                if (llen + piece > lcap) {
                    size_t nc = lcap ? lcap : CHUNK;
                    char *p;
                    while (nc < llen + piece)
                        nc *= 2;
                    p = realloc(line, nc);
                    if (!p) {
                        cli_input_error(in, path, lineno, 1, line_off,
                                        "out of memory");
                        over = 1;
                    } else {
                        line = p;
                        lcap = nc;
                    }
                }
                if (!over) {
                    memcpy(line + llen, chunk + s, piece);
                    llen += piece;
                }
            }
            off += (long long)piece;
            if (eol) {
                if (!over)
                    stop = jsonl_record(in, path, lineno, line_off, line ? line : "", llen);
                off += 1;
                lineno++;
                line_off = off;
                llen = 0;
                over = 0;
            }
            s = i + 1;
        }
    }
    if (!stop && !over && llen)
        stop = jsonl_record(in, path, lineno, line_off, line, llen);
    free(chunk);
    free(line);
    return stop;
}

static int read_file(cli_input *in, const char *path, size_t root_len)
{
    gzFile gz;
    cli_format fmt = in->format;
    int stop = 0, is_stdin = strcmp(path, "-") == 0;
    char pre[1];
    size_t npre = 0;
    const char *name = is_stdin ? "stdin" : path;

    if (is_stdin) {
        int fd = dup(0);
        gz = fd >= 0 ? gzdopen(fd, "rb") : NULL;
        if (!gz && fd >= 0)
            close(fd);
    } else {
        gz = gzopen(path, "rb");
    }
    if (!gz) {
        char msg[300];
        snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
        cli_input_error(in, name, 0, 0, 0, msg);
        return 0;
    }
    gzbuffer(gz, 128 * 1024);
    if (fmt == CLI_FMT_AUTO && !is_stdin)
        fmt = format_by_name(path);
    if (fmt == CLI_FMT_AUTO) { /* stdin: skip whitespace, peek a byte */
        int c;
        do {
            c = gzgetc(gz);
        } while (c == ' ' || c == '\t' || c == '\r' || c == '\n');
        if (c >= 0) {
            pre[0] = (char)c;
            npre = 1;
        }
        fmt = c == '{' ? CLI_FMT_JSONL : CLI_FMT_TEXT;
    }
    if (fmt == CLI_FMT_JSONL) {
        stop = read_jsonl(in, gz, name, pre, npre);
    } else {
        char *id = in->id ? strdup(in->id)
                          : is_stdin ? strdup("stdin") : text_id(path, root_len);
        if (!id)
            cli_input_error(in, name, 0, 0, 0, "out of memory");
        else
            stop = read_text(in, gz, name, id, pre, npre);
        free(id);
    }
    gzclose(gz);
    return stop;
}

static int name_cmp(const struct dirent **a, const struct dirent **b)
{
    return strcmp((*a)->d_name, (*b)->d_name);
}

static int skip_dot(const struct dirent *d)
{
    return d->d_name[0] != '.';
}

static int walk(cli_input *in, const char *path, size_t root_len, int depth)
{
    struct stat sb;
    struct dirent **names = NULL;
    int n, k, stop = 0;

    if (strcmp(path, "-") == 0)
        return read_file(in, path, root_len);
    if (lstat(path, &sb) != 0) {
        char msg[300];
        snprintf(msg, sizeof msg, "cannot open: %s", strerror(errno));
        cli_input_error(in, path, 0, 0, 0, msg);
        return 0;
    }
    if (S_ISLNK(sb.st_mode) && stat(path, &sb) != 0) {
        cli_input_error(in, path, 0, 0, 0, "dangling symbolic link");
        return 0;
    }
    if (S_ISREG(sb.st_mode) || S_ISFIFO(sb.st_mode))
        return read_file(in, path, root_len);
    if (!S_ISDIR(sb.st_mode)) {
        cli_input_error(in, path, 0, 0, 0, "not a file or directory");
        return 0;
    }
    if (depth > MAX_DIR_DEPTH) {
        cli_input_error(in, path, 0, 0, 0, "directories nested too deep");
        return 0;
    }
    n = scandir(path, &names, skip_dot, name_cmp);
    if (n < 0) {
        char msg[300];
        snprintf(msg, sizeof msg, "cannot read directory: %s", strerror(errno));
        cli_input_error(in, path, 0, 0, 0, msg);
        return 0;
    }
    for (k = 0; k < n; k++) {
        size_t pl = strlen(path), nl = strlen(names[k]->d_name);
        char *child = malloc(pl + nl + 2);
        if (!child) {
            cli_input_error(in, path, 0, 0, 0, "out of memory");
            continue;
        }
        memcpy(child, path, pl);
        child[pl] = '/';
        memcpy(child + pl + 1, names[k]->d_name, nl + 1);
        /* do not follow symbolic links to directories (no cycles) */
        if (!stop) {
            struct stat cb;
            if (lstat(child, &cb) == 0 && S_ISLNK(cb.st_mode) &&
                stat(child, &cb) == 0 && S_ISDIR(cb.st_mode))
                ; /* skipped */
            else
                stop = walk(in, child, root_len, depth + 1);
        }
        free(child);
        free(names[k]);
    }
    free(names);
    return stop;
}

int cli_read_paths(cli_input *in, char **paths, int npaths)
{
    int k;
    for (k = 0; k < npaths; k++) {
        struct stat sb;
        size_t root = 0;
        const char *p = paths[k];
        if (strcmp(p, "-") != 0 && stat(p, &sb) == 0 && S_ISDIR(sb.st_mode))
            root = strlen(p);
        if (walk(in, p, root, 0))
            return 1;
    }
    return 0;
}
