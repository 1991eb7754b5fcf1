/*
 * mentions.c — dates and quantities written in an article's text
 * (cr_extract_exprs).
 *
 * One pass over the tokens of an analysed document. At each token the
 * date patterns are tried first, then the quantity pattern; the longest
 * match is kept and the scan resumes after it, so a number that is part of
 * a date ("Sept. 13, 2023") is never also a quantity. Every pattern looks
 * at a bounded window of tokens, so the work is linear in the tokens.
 *
 * Dates are normalised to ISO 8601 forms (and EDTF, ISO 8601-2, where ISO
 * has none): YYYY-MM-DD, YYYY-MM, YYYY, YYYY-Www (ISO week), YYYY-21..24
 * (spring, summer, autumn, winter), 199X (a decade), A/B (an interval).
 * What the text leaves open — the year of "Sept. 13", the month of "on
 * Wednesday", everything of "last year" — comes from the anchor: the
 * article's publication date, or, when it has none, the latest year the
 * text itself states ("In the spring of 2023 ..."), which resolves only
 * year-less days and months. Such a mention is marked inferred; one the
 * anchor cannot resolve is kept, unresolved, with an empty value.
 *
 * Quantities: a number (digits, "200,000", "1.5m", "4-5", or number words
 * such as "four", "twenty-five", "two hundred thousand"), a scale
 * ("billion", "bn", "m"), an optional range ("four to five", "between 10
 * and 20"), and a unit: a currency sign or code, "percent" (also "%",
 * "per cent"), or the counted word that follows ("hours", "troops").
 *
 * Tunables are the M_* constants below; docs/ALGORITHMS.md ("Dates and
 * quantities") explains each.
 */
#include "extract/extract.h"
#include "ingest/ingest.h"
#include "util/util.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- tunables ----------------------------------------------------------- */

#define M_YEAR_MIN 1000      /* a 4-digit number after "in", "since" ... */
#define M_YEAR_MAX 2199      /* ... in this range is a year */
#define M_BARE_YEAR_MIN 1800 /* one with no such word before it is a year */
#define M_BARE_YEAR_MAX 2100 /* only in this range (else a quantity) */
#define M_NEAR_MONTHS 6      /* a year-less month or day is taken in the
                                year that puts it nearest the anchor */
#define M_CONF_GIVEN 0.95    /* everything written out */
#define M_CONF_INFERRED 0.85 /* year or month from the publication date */
#define M_CONF_WEEKDAY 0.7   /* "on Wednesday": the last one before the
                                publication date, usually right in news */
#define M_CONF_CONTEXT 0.6   /* year from a year stated elsewhere */
#define M_CONF_BARE_YEAR 0.6 /* "the 2022 election": a year by its shape */
#define M_CONF_UNIT 0.9      /* a number with a unit, currency or percent */
#define M_CONF_BARE 0.6      /* a number with none */

/* --- tokens ------------------------------------------------------------- */

typedef struct mctx {
    const char *text;
    size_t len;
    const cr_token *t;
    size_t nt;
    const uint8_t *lists;     /* the token view's: lists each token is on
                                (CRI_M_*) */
    int ay, am, ad;          /* anchor; ay 0 when none */
    int anchor_day;          /* 1: the anchor is a publication date; 0: a
                                year stated in the text */
    cr_expr *m;
    size_t n, cap;
} mctx;

/* Token i's length and bytes; past the last token, an empty token at the
 * end of the text, so patterns may look ahead without bounds checks. */
static size_t tlen(const mctx *c, size_t i)
{
    return i < c->nt ? c->t[i].end - c->t[i].start : 0;
}
static const char *tptr(const mctx *c, size_t i)
{
    return c->text + (i < c->nt ? c->t[i].start : c->len);
}
static int kind(const mctx *c, size_t i) { return i < c->nt ? c->t[i].kind : 0; }
static int is_cap(const mctx *c, size_t i)
{
    return kind(c, i) == CR_TOK_WORD && (c->t[i].flags & CR_TOK_CAPITALIZED);
}
/* Tokens i and i + 1 touch (no space between). */
static int adjacent(const mctx *c, size_t i)
{
    return i + 1 < c->nt && c->t[i].end == c->t[i + 1].start;
}

/* Case-insensitive ASCII comparison of token i with w. */
static int teq(const mctx *c, size_t i, const char *w)
{
    return i < c->nt && cri_eq_lower(c->text + c->t[i].start,
                                     c->t[i].end - c->t[i].start, w);
}

/* Index (from 0) of token i in a NULL-terminated list, or -1. Only the
 * words with the token's first letter are compared. */
static int tfind(const mctx *c, size_t i, const char *const *list)
{
    const char *p;
    size_t n;
    unsigned f;
    int k;
    if (i >= c->nt)
        return -1;
    p = c->text + c->t[i].start;
    n = c->t[i].end - c->t[i].start;
    f = (unsigned char)p[0];
    f |= ((f - 'A') < 26u) << 5;
    for (k = 0; list[k]; k++)
        if ((unsigned char)list[k][0] == f && cri_eq_lower(p, n, list[k]))
            return k;
    return -1;
}

/* Is token i on the list `bit` (CRI_M_*) of the token view? */
static int on(const mctx *c, size_t i, unsigned bit)
{
    return i < c->nt && (c->lists[i] & bit);
}

/* Lower-cased ASCII copy of token i into buf[cap]; 0 when it does not fit. */
static int tlower(const mctx *c, size_t i, char *buf, size_t cap)
{
    size_t n = tlen(c, i), k;
    if (n + 1 > cap)
        return 0;
    for (k = 0; k < n; k++) {
        char a = tptr(c, i)[k];
        buf[k] = (char)(a >= 'A' && a <= 'Z' ? a + 32 : a);
    }
    buf[n] = '\0';
    return 1;
}

/* --- word lists ----------------------------------------------------------- */

static const char *const MONTHS[] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", NULL};
static const char *const MONTH_ABBR[] = {
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
    "nov", "dec", NULL};
static const char *const WEEKDAYS[] = { /* from Monday, as ISO counts */
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sunday", NULL};
static const char *const SEASONS[] = { /* EDTF 21..24 */
    "spring", "summer", "autumn", "winter", "fall", NULL};
/* Words that make a following month, season or number a time: "in
 * August", "since 1953", "earlier in August", "by 2030". */
static const char *const LEADS[] = {
    "in", "on", "since", "by", "until", "till", "during", "from",
    "through", "throughout", "before", "after", "early", "late", "earlier",
    "later", "mid", "last", "next", "this", "around", "circa", "between",
    "year", "as", "of", NULL};
/* Of those, the ones that belong to the mention's words. */
static const char *const LEADS_KEPT[] = {
    "in", "on", "since", "by", "until", "till", "during", "from",
    "through", "throughout", "before", "after", "early", "late", "earlier",
    "later", "mid", "around", "circa", NULL};
static const char *const SMALL[] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
    "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
    "sixteen", "seventeen", "eighteen", "nineteen", NULL};
static const char *const TENS[] = {
    "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
    "ninety", NULL};
static const struct { const char *w; double v; } SCALES[] = {
    {"hundred", 1e2}, {"thousand", 1e3}, {"million", 1e6}, {"billion", 1e9},
    {"trillion", 1e12}, {"bn", 1e9}, {"mn", 1e6}, {"tn", 1e12}, {NULL, 0}};
/* Currency signs and codes: the unit written into cr_expr.unit. */
static const struct { const char *w; const char *code; } CURRENCIES[] = {
    {"$", "USD"}, {"US$", "USD"}, {"\xC2\xA3", "GBP"}, {"\xE2\x82\xAC", "EUR"},
    {"\xC2\xA5", "JPY"}, {"\xE2\x82\xB9", "INR"}, {"\xE2\x82\xBD", "RUB"},
    {"usd", "USD"}, {"eur", "EUR"}, {"gbp", "GBP"}, {"jpy", "JPY"},
    {"cny", "CNY"}, {"rub", "RUB"}, {"inr", "INR"}, {NULL, NULL}};

static int month_of(const mctx *c, size_t i)
{
    int k;
    if (!is_cap(c, i))
        return 0;
    if ((k = tfind(c, i, MONTHS)) >= 0)
        return k + 1;
    if ((k = tfind(c, i, MONTH_ABBR)) >= 0)
        return k + 1;
    if (teq(c, i, "sept"))
        return 9;
    return 0;
}

/* After a month at i: the index past it and, for an abbreviation ("Sept.",
 * "Aug."), its point; the point after a full name ends the sentence. */
static size_t past_month(const mctx *c, size_t i)
{
    if (adjacent(c, i) && teq(c, i + 1, ".") && tfind(c, i, MONTHS) < 0)
        return i + 2;
    return i + 1;
}

/* --- numbers -------------------------------------------------------------- */

/* Digits at s[0..n): "200,000", "1.5", "13". *val gets the value, *used
 * the bytes read. 0 when s does not start with a digit. Commas must group
 * three digits. */
static int read_digits(const char *s, size_t n, double *val, size_t *used)
{
    size_t k = 0;
    double v = 0;
    if (n == 0 || s[0] < '0' || s[0] > '9')
        return 0;
    while (k < n) {
        if (s[k] >= '0' && s[k] <= '9') {
            v = v * 10 + (s[k] - '0');
            k++;
        } else if (s[k] == ',' && k + 3 < n + 1 && k + 3 <= n &&
                   s[k + 1] >= '0' && s[k + 1] <= '9' && s[k + 2] >= '0' &&
                   s[k + 2] <= '9' && s[k + 3] >= '0' && s[k + 3] <= '9' &&
                   (k + 4 >= n || s[k + 4] < '0' || s[k + 4] > '9')) {
            k++;
        } else {
            break;
        }
    }
    if (k + 1 < n && s[k] == '.' && s[k + 1] >= '0' && s[k + 1] <= '9') {
        double f = 0.1;
        k++;
        while (k < n && s[k] >= '0' && s[k] <= '9') {
            v += f * (s[k] - '0');
            f /= 10;
            k++;
        }
    }
    *val = v;
    *used = k;
    return 1;
}

/* A token that is exactly a whole number of 1 to 4 digits: its value, else
 * -1. */
static int small_int(const mctx *c, size_t i)
{
    size_t n, k;
    int v = 0;
    if (kind(c, i) != CR_TOK_NUMBER || (n = tlen(c, i)) > 4)
        return -1;
    for (k = 0; k < n; k++) {
        char d = tptr(c, i)[k];
        if (d < '0' || d > '9')
            return -1;
        v = v * 10 + (d - '0');
    }
    return v;
}

/* A day of the month at token i: "13", "13th", "1st". */
static int day_of(const mctx *c, size_t i)
{
    int v = small_int(c, i);
    if (v < 0 && kind(c, i) == CR_TOK_NUMBER && tlen(c, i) >= 3 &&
        tlen(c, i) <= 4) {
        const char *p = tptr(c, i);
        size_t n = tlen(c, i);
        const char *suf = p + n - 2;
        if (strncmp(suf, "st", 2) == 0 || strncmp(suf, "nd", 2) == 0 ||
            strncmp(suf, "rd", 2) == 0 || strncmp(suf, "th", 2) == 0) {
            v = p[0] - '0';
            if (n == 4)
                v = v * 10 + (p[1] - '0');
            if (p[0] < '0' || p[0] > '9' || (n == 4 && (p[1] < '0' || p[1] > '9')))
                v = -1;
        }
    }
    return v >= 1 && v <= 31 ? v : 0;
}

/* A year at token i: four digits in [lo, hi]; else 0. */
static int year_of(const mctx *c, size_t i, int lo, int hi)
{
    int v = tlen(c, i) == 4 ? small_int(c, i) : -1;
    return v >= lo && v <= hi ? v : 0;
}

/* Number words from token i: "four", "twenty-five", "two hundred
 * thousand", "a dozen", "a million". *next gets the token after them,
 * *tail_scale the scale word they end with (1 when none). */
static int read_words(const mctx *c, size_t i, double *val, size_t *next,
                      double *tail_scale)
{
    double total = 0, cur = 0, tail = 1;
    size_t j = i;
    int any = 0, k;
    if (is_cap(c, i) && i > 0 && is_cap(c, i - 1))
        return 0; /* part of a name: "Ground Zero", "Ocean's Eleven" */
    if (teq(c, j, "a") || teq(c, j, "an")) {
        /* only "a hundred", "a million", "a dozen" */
        int s = 0;
        if (!on(c, j + 1, CRI_M_NUMBER))
            return 0; /* none of those (the token view knows) */
        for (k = 0; SCALES[k].w; k++)
            if (SCALES[k].v >= 100 && teq(c, j + 1, SCALES[k].w))
                s = 1;
        if (!s && !teq(c, j + 1, "dozen"))
            return 0;
        cur = 1;
        j++;
    }
    for (; j < c->nt && kind(c, j) == CR_TOK_WORD; j++) {
        char w[32], *dash;
        int handled = 0;
        if (!(c->lists[j] & CRI_M_NUMBER) && !memchr(tptr(c, j), '-', tlen(c, j)))
            break; /* none of the words below (the token view knows) */
        if (!tlower(c, j, w, sizeof w))
            break;
        if ((dash = strchr(w, '-')) != NULL) { /* twenty-five */
            int a = -1, b = -1;
            *dash = '\0';
            for (k = 0; TENS[k]; k++)
                if (strcmp(w, TENS[k]) == 0)
                    a = 20 + 10 * k;
            for (k = 1; k < 10; k++)
                if (strcmp(dash + 1, SMALL[k]) == 0)
                    b = k;
            if (a < 0 || b < 0)
                break;
            cur += a + b;
            any = 1;
            tail = 1;
            continue;
        }
        for (k = 0; SMALL[k] && !handled; k++)
            if (strcmp(w, SMALL[k]) == 0)
                cur += k, handled = 1;
        for (k = 0; TENS[k] && !handled; k++)
            if (strcmp(w, TENS[k]) == 0)
                cur += 20 + 10 * k, handled = 1;
        if (!handled && strcmp(w, "dozen") == 0 && (any || cur > 0))
            cur = (cur ? cur : 1) * 12, handled = 1;
        for (k = 0; SCALES[k].w && !handled && (any || cur > 0); k++) {
            if (SCALES[k].v < 100 || strcmp(w, SCALES[k].w) != 0)
                continue;
            if (SCALES[k].v == 100) {
                cur *= 100;
            } else {
                total += cur * SCALES[k].v;
                cur = 0;
            }
            handled = 2;
            tail = SCALES[k].v;
        }
        if (!handled && strcmp(w, "and") == 0 && any) {
            /* "two hundred and fifty": only before another number word */
            char w2[32];
            int more = 0;
            if (tlower(c, j + 1, w2, sizeof w2)) {
                for (k = 0; SMALL[k]; k++)
                    more |= strcmp(w2, SMALL[k]) == 0;
                for (k = 0; TENS[k]; k++)
                    more |= strncmp(w2, TENS[k], strlen(TENS[k])) == 0;
            }
            if (!more)
                break;
            continue;
        }
        if (!handled)
            break;
        if (handled == 1)
            tail = 1;
        any = 1;
    }
    if (!any)
        return 0;
    *val = total + cur;
    *next = j;
    *tail_scale = tail;
    return 1;
}

/* --- output --------------------------------------------------------------- */

static cr_expr *push(mctx *c, size_t first, size_t last, int type)
{
    cr_expr *m;
    if (cri_grow((void **)&c->m, &c->cap, c->n + 1, sizeof *c->m) != 0)
        return NULL;
    m = &c->m[c->n++];
    memset(m, 0, sizeof *m);
    m->start = c->t[first].start;
    m->end = c->t[last].end;
    m->type = (uint8_t)type;
    return m;
}

/* --- anchors and date arithmetic ----------------------------------------- */

/* Days since 1970-01-01 of a valid y-m-d. */
static int64_t days_of(int y, int m, int d)
{
    char iso[11];
    int64_t t = 0;
    snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
    cr_date_seconds(iso, &t);
    return t / 86400;
}

static void ymd_of(int64_t days, int *y, int *m, int *d)
{
    char iso[CRI_DATE_MAX];
    *y = *m = *d = 0;
    if (cri_date_format(days * 86400, iso) == 0)
        cri_date_shape(iso, strlen(iso), y, m, d);
}

/* The year that puts month m (day d, 0 for the month as a whole) nearest
 * the anchor; ties go to the past, as news mostly looks back. */
static int nearest_year(const mctx *c, int m, int d)
{
    int best = c->ay, y;
    long bd = -1;
    if (!c->anchor_day)
        return c->ay;
    for (y = c->ay - 1; y <= c->ay + 1; y++) {
        long diff;
        if (d && cri_date_valid(y, m, d))
            diff = (long)(days_of(y, m, d) - days_of(c->ay, c->am, c->ad));
        else if (d)
            continue;
        else
            diff = (long)((y * 12 + m) - (c->ay * 12 + c->am)) * 30;
        if (bd < 0 || labs(diff) < bd || (labs(diff) == bd && diff < 0)) {
            bd = labs(diff);
            best = y;
        }
    }
    return bd > M_NEAR_MONTHS * 31 ? c->ay : best;
}

/* Fill a date mention's value, how and confidence. `inferred`: part of
 * the value came from the anchor. */
static void set_date(const mctx *c, cr_expr *m, int inferred,
                     double conf, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
static void set_date(const mctx *c, cr_expr *m, int inferred,
                     double conf, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(m->value, sizeof m->value, fmt, ap);
    va_end(ap);
    m->how = inferred ? CR_EXPR_INFERRED : CR_EXPR_GIVEN;
    m->confidence = inferred && !c->anchor_day ? M_CONF_CONTEXT : conf;
}

static void set_unresolved(cr_expr *m, double conf)
{
    m->value[0] = '\0';
    m->how = CR_EXPR_UNRESOLVED;
    m->confidence = conf;
}

/* ISO week of a day: "YYYY-Www". */
static void iso_week(int64_t days, char *out, size_t cap)
{
    /* the Thursday of the same ISO week decides the year */
    int64_t wd = ((days % 7) + 7 + 3) % 7; /* 0 = Monday (1970-01-01 was a Thursday) */
    int64_t thu = days - wd + 3;
    int y, m, d;
    ymd_of(thu, &y, &m, &d);
    snprintf(out, cap, "%04d-W%02d", y,
             (int)((thu - days_of(y, 1, 1)) / 7 + 1));
}

/* The first token of a mention whose main words start at i: back over
 * "the" and one or two lead words that belong to it ("earlier in",
 * "in the"). *dir receives -1 for "last", 1 for "next", 0 otherwise. */
static size_t lead_start(const mctx *c, size_t i, int *dir)
{
    size_t s = i;
    *dir = 0;
    if (s > 0 && teq(c, s - 1, "last"))
        *dir = -1, s--;
    else if (s > 0 && teq(c, s - 1, "next"))
        *dir = 1, s--;
    else if (s > 0 && teq(c, s - 1, "this"))
        s--;
    if (s > 0 && teq(c, s - 1, "the") && s >= 2 && on(c, s - 2, CRI_M_KEPT))
        s--;
    if (s > 0 && on(c, s - 1, CRI_M_KEPT)) {
        s--;
        if (s > 0 && on(c, s - 1, CRI_M_KEPT) &&
            (teq(c, s, "in") || teq(c, s, "on")))
            s--; /* earlier in, later on */
    }
    if (s > 0 && kind(c, s - 1) == CR_TOK_PUNCT && teq(c, s - 1, "-") &&
        adjacent(c, s - 1) && teq(c, s - 2, "mid"))
        s -= 2;
    return s;
}

/* Is the word before i one that makes what follows a time? */
static int has_lead(const mctx *c, size_t i)
{
    if (i == 0)
        return 0;
    if (on(c, i - 1, CRI_M_LEAD))
        return 1;
    return teq(c, i - 1, "the") && i >= 2 && on(c, i - 2, CRI_M_LEAD);
}

/* --- date patterns: each returns the last token matched, or -1 ----------- */

typedef long tokidx;

/* Month-led: "Sept. 13", "September 13, 2023", "August 2023", "in
 * August", "earlier in August", "last March". */
static tokidx date_month(mctx *c, size_t i)
{
    int mo = month_of(c, i), d, y = 0, dir;
    size_t j, s;
    cr_expr *m;
    if (!mo)
        return -1;
    j = past_month(c, i);
    s = lead_start(c, i, &dir);
    if (j < c->nt && (d = day_of(c, j)) > 0) {
        size_t last = j;
        if (teq(c, j + 1, ",") && (y = year_of(c, j + 2, M_YEAR_MIN, M_YEAR_MAX)))
            last = j + 2;
        else if ((y = year_of(c, j + 1, M_YEAR_MIN, M_YEAR_MAX)))
            last = j + 1;
        if (y && !cri_date_valid(y, mo, d))
            return -1;
        if (!(m = push(c, s, last, CR_EXPR_DATE)))
            return -2;
        if (y) {
            set_date(c, m, 0, M_CONF_GIVEN, "%04d-%02d-%02d", y, mo, d);
        } else if (c->ay) {
            y = nearest_year(c, mo, d);
            if (cri_date_valid(y, mo, d))
                set_date(c, m, 1, M_CONF_INFERRED, "%04d-%02d-%02d", y, mo, d);
            else
                set_unresolved(m, M_CONF_INFERRED);
        } else {
            set_unresolved(m, M_CONF_INFERRED);
        }
        return (tokidx)last;
    }
    {
        size_t k = j;
        if (teq(c, k, ","))
            k++;
        if (teq(c, k, "of"))
            k++;
        if ((y = year_of(c, k, M_YEAR_MIN, M_YEAR_MAX))) {
            if (!(m = push(c, s, k, CR_EXPR_DATE)))
                return -2;
            set_date(c, m, 0, M_CONF_GIVEN, "%04d-%02d", y, mo);
            return (tokidx)k;
        }
    }
    /* a month alone is a month only after a time word ("in May") */
    if (!has_lead(c, i))
        return -1;
    if (!(m = push(c, s, j - 1, CR_EXPR_DATE)))
        return -2;
    if (!c->ay) {
        set_unresolved(m, M_CONF_INFERRED);
        return (tokidx)(j - 1);
    }
    if (dir < 0 && c->anchor_day)
        y = mo < c->am ? c->ay : c->ay - 1;
    else if (dir > 0 && c->anchor_day)
        y = mo > c->am ? c->ay : c->ay + 1;
    else
        y = nearest_year(c, mo, 0);
    set_date(c, m, 1, M_CONF_INFERRED, "%04d-%02d", y, mo);
    return (tokidx)(j - 1);
}

/* Day-led: "13 September 2023", "13th of September". */
static tokidx date_day(mctx *c, size_t i)
{
    int d = day_of(c, i), mo, y;
    size_t j = i + 1, last, s;
    int dir;
    cr_expr *m;
    if (!d)
        return -1;
    if (teq(c, j, "of"))
        j++;
    if (!(mo = month_of(c, j)))
        return -1;
    last = past_month(c, j) - 1;
    y = year_of(c, last + 1, M_YEAR_MIN, M_YEAR_MAX);
    if (y)
        last++;
    if (y && !cri_date_valid(y, mo, d))
        return -1;
    s = lead_start(c, i, &dir);
    if (!(m = push(c, s, last, CR_EXPR_DATE)))
        return -2;
    if (y) {
        set_date(c, m, 0, M_CONF_GIVEN, "%04d-%02d-%02d", y, mo, d);
    } else if (c->ay && cri_date_valid(nearest_year(c, mo, d), mo, d)) {
        y = nearest_year(c, mo, d);
        set_date(c, m, 1, M_CONF_INFERRED, "%04d-%02d-%02d", y, mo, d);
    } else {
        set_unresolved(m, M_CONF_INFERRED);
    }
    return (tokidx)last;
}

/* Seasons: "in the spring of 2023", "summer 2022", "last winter". */
static tokidx date_season(mctx *c, size_t i)
{
    int se = tfind(c, i, SEASONS), y, dir;
    size_t k = i + 1, s;
    cr_expr *m;
    if (se < 0 || kind(c, i) != CR_TOK_WORD)
        return -1;
    if (se == 4)
        se = 2; /* fall = autumn */
    if (teq(c, k, "of"))
        k++;
    s = lead_start(c, i, &dir);
    if ((y = year_of(c, k, M_YEAR_MIN, M_YEAR_MAX))) {
        if (!(m = push(c, s, k, CR_EXPR_DATE)))
            return -2;
        set_date(c, m, 0, M_CONF_GIVEN, "%04d-%d", y, 21 + se);
        return (tokidx)k;
    }
    /* without a year only "last/this/next spring" */
    if (!(i > 0 && (teq(c, i - 1, "last") || teq(c, i - 1, "this") ||
                    teq(c, i - 1, "next"))))
        return -1;
    if (!(m = push(c, s, i, CR_EXPR_DATE)))
        return -2;
    if (!c->anchor_day) {
        set_unresolved(m, M_CONF_INFERRED);
        return (tokidx)i;
    }
    {
        /* the anchor's season: Mar-May spring, Jun-Aug summer, Sep-Nov
           autumn, Dec-Feb winter (of the year it starts in) */
        int as = c->am == 12 || c->am <= 2 ? 3 : (c->am - 3) / 3;
        int asy = c->am <= 2 ? c->ay - 1 : c->ay;
        y = asy;
        if (dir < 0)
            y = se < as ? asy : asy - 1;
        else if (dir > 0)
            y = se > as ? asy : asy + 1;
        set_date(c, m, 1, M_CONF_INFERRED, "%04d-%d", y, 21 + se);
    }
    return (tokidx)i;
}

/* Weekdays: "on Wednesday", "last Friday", "Wednesday, Sept. 13". */
static tokidx date_weekday(mctx *c, size_t i)
{
    int wd = is_cap(c, i) ? tfind(c, i, WEEKDAYS) : -1, dir, y, mo, d;
    size_t s, k = i + 1;
    cr_expr *m;
    tokidx r;
    if (wd < 0)
        return -1;
    if (teq(c, k, ","))
        k++;
    if (month_of(c, k) || day_of(c, k)) {
        /* the weekday belongs to the full date after it */
        size_t before = c->n;
        r = month_of(c, k) ? date_month(c, k) : date_day(c, k);
        if (r >= 0 && c->n == before + 1) {
            int dd;
            c->m[before].start = c->t[lead_start(c, i, &dd)].start;
            return r;
        }
        if (r == -2)
            return r;
    }
    s = lead_start(c, i, &dir);
    if (!(m = push(c, s, i, CR_EXPR_DATE)))
        return -2;
    if (!c->anchor_day) {
        set_unresolved(m, M_CONF_WEEKDAY);
        return (tokidx)i;
    }
    {
        int64_t a = days_of(c->ay, c->am, c->ad), day;
        int aw = (int)(((a % 7) + 7 + 3) % 7); /* 0 = Monday */
        if (dir > 0)
            day = a + ((wd - aw + 7) % 7 ? (wd - aw + 7) % 7 : 7);
        else if (dir < 0)
            day = a - ((aw - wd + 7) % 7 ? (aw - wd + 7) % 7 : 7);
        else
            day = a - (aw - wd + 7) % 7;
        ymd_of(day, &y, &mo, &d);
        set_date(c, m, 1, M_CONF_WEEKDAY, "%04d-%02d-%02d", y, mo, d);
    }
    return (tokidx)i;
}

/* Relative: "today", "yesterday", "last year", "this month", "next
 * week", "three days ago", "a year ago". */
static tokidx date_relative(mctx *c, size_t i)
{
    static const char *const UNITS[] = {"day", "week", "month", "year",
                                        "days", "weeks", "months", "years",
                                        NULL};
    static const char *const DEICTIC[] = {"yesterday", "today", "tomorrow",
                                          "tonight", NULL};
    int k = tfind(c, i, DEICTIC), unit = -1, y, mo, d, dir;
    int64_t a, shift = 0, day;
    size_t s = i, last = i;
    double num = 0, sc;
    cr_expr *m;
    char buf[32];

    if (k >= 0) {
        unit = 0;
        shift = k == 0 ? -1 : k == 2 ? 1 : 0;
        s = lead_start(c, i, &dir);
    } else if ((teq(c, i, "last") || teq(c, i, "this") || teq(c, i, "next") ||
                teq(c, i, "past")) &&
               (unit = tfind(c, i + 1, UNITS)) >= 0 && unit < 4) {
        shift = teq(c, i, "last") ? -1 : teq(c, i, "next") ? 1 : 0;
        if (teq(c, i, "past"))
            return -1; /* "the past year" is a span, not a date */
        last = i + 1;
        s = lead_start(c, i, &dir);
        if (s == i && i > 0 && (teq(c, i - 1, "earlier") || teq(c, i - 1, "later")))
            s = i - 1;
    } else {
        size_t j;
        if (small_int(c, i) > 0)
            num = small_int(c, i), j = i + 1;
        else if (!read_words(c, i, &num, &j, &sc) && !((teq(c, i, "a") || teq(c, i, "an")) &&
                                                   (num = 1, j = i + 1)))
            return -1;
        if ((unit = tfind(c, j, UNITS)) < 0 || !teq(c, j + 1, "ago") ||
            num < 1 || num > 1000)
            return -1;
        unit %= 4;
        shift = -(int64_t)num;
        last = j + 1;
    }
    if (!(m = push(c, s, last, CR_EXPR_DATE)))
        return -2;
    if (!c->anchor_day) {
        set_unresolved(m, M_CONF_INFERRED);
        return (tokidx)last;
    }
    a = days_of(c->ay, c->am, c->ad);
    switch (unit) {
    case 0:
        ymd_of(a + shift, &y, &mo, &d);
        set_date(c, m, 1, M_CONF_INFERRED, "%04d-%02d-%02d", y, mo, d);
        break;
    case 1:
        day = a + 7 * shift;
        iso_week(day, buf, sizeof buf);
        set_date(c, m, 1, M_CONF_INFERRED, "%s", buf);
        break;
    case 2: {
        int64_t mm = (int64_t)c->ay * 12 + (c->am - 1) + shift;
        set_date(c, m, 1, M_CONF_INFERRED, "%04d-%02d", (int)(mm / 12),
                 (int)(mm % 12) + 1);
        break;
    }
    default:
        set_date(c, m, 1, M_CONF_INFERRED, "%04d", (int)(c->ay + shift));
    }
    return (tokidx)last;
}

/* Years: "in 2022", "since 1953", "2019-2021", "from 2019 to 2021",
 * "the 1990s", "mid-2023", "the 2022 election". */
static tokidx date_year(mctx *c, size_t i)
{
    int y = 0, y2 = 0, lead = has_lead(c, i), dir;
    size_t s, last = i;
    cr_expr *m;
    const char *p = tptr(c, i);
    size_t n = tlen(c, i);

    if (kind(c, i) == CR_TOK_WORD && n == 8 && (p[0] == 'm' || p[0] == 'M') &&
        strncmp(p + 1, "id-", 3) == 0) {
        /* mid-2023 is one word token */
        int v = 0, k;
        for (k = 4; k < 8 && p[k] >= '0' && p[k] <= '9'; k++)
            v = v * 10 + (p[k] - '0');
        if (k < 8 || v < M_YEAR_MIN || v > M_YEAR_MAX)
            return -1;
        s = lead_start(c, i, &dir);
        if (!(m = push(c, s, i, CR_EXPR_DATE)))
            return -2;
        set_date(c, m, 0, M_CONF_GIVEN, "%04d", v);
        return (tokidx)i;
    }
    if (kind(c, i) != CR_TOK_NUMBER)
        return -1;
    if (n == 5 && p[4] == 's' && small_int(c, i) < 0) {
        /* a decade: 1990s */
        int v = 0, k;
        for (k = 0; k < 4 && p[k] >= '0' && p[k] <= '9'; k++)
            v = v * 10 + (p[k] - '0');
        if (k < 4 || v % 10 || v < M_YEAR_MIN || v > M_YEAR_MAX)
            return -1;
        s = lead_start(c, i, &dir);
        if (s == i && i > 0 && teq(c, i - 1, "the"))
            s = i - 1;
        if (!(m = push(c, s, i, CR_EXPR_DATE)))
            return -2;
        set_date(c, m, 0, M_CONF_GIVEN, "%03dX", v / 10);
        return (tokidx)i;
    }
    if (n == 9 && (p[4] == '-')) {
        /* 2019-2021 in one token */
        int a = 0, b = 0, k;
        for (k = 0; k < 9; k++) {
            if (k == 4)
                continue;
            if (p[k] < '0' || p[k] > '9')
                return -1;
            if (k < 4)
                a = a * 10 + (p[k] - '0');
            else
                b = b * 10 + (p[k] - '0');
        }
        y = a;
        y2 = b;
    } else if (n == 10 && p[4] == '-' && p[7] == '-') {
        /* an ISO date written in the text */
        int yy, mm, dd;
        if (!cri_date_shape(p, n, &yy, &mm, &dd) || !cri_date_valid(yy, mm, dd))
            return -1;
        s = lead_start(c, i, &dir);
        if (!(m = push(c, s, i, CR_EXPR_DATE)))
            return -2;
        set_date(c, m, 0, M_CONF_GIVEN, "%04d-%02d-%02d", yy, mm, dd);
        return (tokidx)i;
    } else {
        y = year_of(c, i, M_YEAR_MIN, M_YEAR_MAX);
        if (!y)
            return -1;
        /* "2019 to 2021", "between 2019 and 2021", "2019 - 2021" */
        if ((teq(c, i + 1, "to") || teq(c, i + 1, "-") || teq(c, i + 1, "\xE2\x80\x93") ||
             (teq(c, i + 1, "and") && i > 0 && teq(c, i - 1, "between"))) &&
            (y2 = year_of(c, i + 2, M_YEAR_MIN, M_YEAR_MAX)))
            last = i + 2;
    }
    if (y2 && (y2 <= y || y2 - y > 100)) {
        y2 = 0;
        last = i;
        if (n == 9)
            return -1;
    }
    if (!lead) {
        /* by its shape alone: a year unless a plural noun follows (that
           is a count: "2000 troops") */
        int bare_ok = y >= M_BARE_YEAR_MIN && y <= M_BARE_YEAR_MAX &&
                      (!y2 || y2 <= M_BARE_YEAR_MAX);
        size_t nx = last + 1;
        if (!bare_ok)
            return -1;
        if (kind(c, nx) == CR_TOK_WORD && !is_cap(c, nx) && tlen(c, nx) > 2 &&
            tptr(c, nx)[tlen(c, nx) - 1] == 's' && !teq(c, nx, "was") &&
            !teq(c, nx, "is") && !teq(c, nx, "has"))
            return -1;
    }
    s = lead_start(c, i, &dir);
    if (!(m = push(c, s, last, CR_EXPR_DATE)))
        return -2;
    if (y2)
        set_date(c, m, 0, lead ? M_CONF_GIVEN : M_CONF_BARE_YEAR, "%04d/%04d", y, y2);
    else
        set_date(c, m, 0, lead ? M_CONF_GIVEN : M_CONF_BARE_YEAR, "%04d", y);
    return (tokidx)last;
}

/* --- quantities ------------------------------------------------------------ */

/* The first byte of token i, ASCII lower-cased (0 past the end): a
 * listed word can only equal the token when it starts with it. */
static unsigned first_lower(const mctx *c, size_t i)
{
    unsigned f = i < c->nt ? (unsigned char)c->text[c->t[i].start] : 0;
    return f | ((f - 'A') < 26u) << 5;
}

static const char *currency_at(const mctx *c, size_t i)
{
    unsigned f = first_lower(c, i);
    int k;
    for (k = 0; CURRENCIES[k].w; k++)
        if ((unsigned char)CURRENCIES[k].w[0] == f &&
            teq(c, i, CURRENCIES[k].w))
            return CURRENCIES[k].code;
    return NULL;
}

static double scale_word(const mctx *c, size_t i)
{
    unsigned f = first_lower(c, i);
    int k;
    for (k = 0; SCALES[k].w; k++)
        if ((unsigned char)SCALES[k].w[0] == f && teq(c, i, SCALES[k].w))
            return SCALES[k].v;
    return 0;
}

/* One number from token i: digits (with the suffix of the token: "1.5m",
 * "2.4bn", "30%", "3km") or number words, then a scale word. *next is the
 * token after it; *suffix_unit receives a unit written inside the token
 * ("km"); *percent is set for "30%". 0 when no number starts at i, or the
 * token is an ordinal, a time or a decade. *scale receives the scale word's
 * factor (1 when none). */
static int read_number(const mctx *c, size_t i, int after_currency,
                       double *val, double *hi, size_t *next,
                       char *suffix_unit, size_t ucap, int *percent,
                       double *scale)
{
    double v, s;
    size_t used, j = i + 1;
    *hi = -1;
    suffix_unit[0] = '\0';
    if (kind(c, i) == CR_TOK_NUMBER) {
        const char *p = tptr(c, i), *rest;
        size_t n = tlen(c, i), rl;
        if (!read_digits(p, n, &v, &used))
            return 0;
        rest = p + used;
        rl = n - used;
        if (rl > 0 && (rest[0] == '-' || rest[0] == '/') && rl > 1 &&
            rest[1] >= '0' && rest[1] <= '9') {
            /* 4-5 in one token */
            double v2;
            size_t u2;
            if (rest[0] == '/' || !read_digits(rest + 1, rl - 1, &v2, &u2) ||
                v2 < v)
                return 0; /* 3/4, and scores such as 2-0 */
            *hi = v2;
            rest += 1 + u2;
            rl -= 1 + u2;
        }
        if (rl > 0) {
            if (memchr(rest, ':', rl) || (rl == 2 && (!strncmp(rest, "st", 2) ||
                                                      !strncmp(rest, "nd", 2) ||
                                                      !strncmp(rest, "rd", 2) ||
                                                      !strncmp(rest, "th", 2))))
                return 0;
            if (rl == 1 && rest[0] == 's')
                return 0; /* 1990s, 90s */
            if (rl == 1 && rest[0] == '%') {
                *percent = 1;
            } else if ((rl == 2 && !strncmp(rest, "bn", 2)) ||
                       (rl == 1 && rest[0] == 'b' && after_currency)) {
                v *= 1e9, *hi = *hi >= 0 ? *hi * 1e9 : -1;
            } else if ((rl == 2 && !strncmp(rest, "tn", 2))) {
                v *= 1e12, *hi = *hi >= 0 ? *hi * 1e12 : -1;
            } else if ((rl == 1 && rest[0] == 'm' &&
                        (after_currency || (kind(c, j) == CR_TOK_WORD &&
                                            !is_cap(c, j) &&
                                            !cr_is_stopword("en", tptr(c, j), tlen(c, j))))) ||
                       (rl == 2 && !strncmp(rest, "mn", 2))) {
                v *= 1e6, *hi = *hi >= 0 ? *hi * 1e6 : -1;
            } else if (rl == 1 && (rest[0] == 'k' || rest[0] == 'K') && after_currency) {
                v *= 1e3, *hi = *hi >= 0 ? *hi * 1e3 : -1;
            } else {
                /* a unit inside the token: 3km, 5kg, 1.5m */
                size_t k;
                for (k = 0; k < rl; k++)
                    if (!((rest[k] >= 'a' && rest[k] <= 'z') ||
                          (rest[k] >= 'A' && rest[k] <= 'Z')))
                        return 0;
                if (rl + 1 > ucap)
                    return 0;
                memcpy(suffix_unit, rest, rl);
                suffix_unit[rl] = '\0';
            }
        }
    } else if (!read_words(c, i, &v, &j, scale)) {
        return 0;
    } else if (v == 1 && teq(c, i, "one") && !scale_word(c, j) &&
               (kind(c, j) != CR_TOK_WORD || is_cap(c, j) ||
                cr_is_stopword("en", tptr(c, j), tlen(c, j)) ||
                (i > 0 && (teq(c, i - 1, "no") || teq(c, i - 1, "any") ||
                           teq(c, i - 1, "every") || teq(c, i - 1, "some") ||
                           teq(c, i - 1, "each") || teq(c, i - 1, "the") ||
                           teq(c, i - 1, "this") || teq(c, i - 1, "that"))))) {
        return 0; /* "one of", "no one", "the one": a pronoun, not a count */
    }
    if (kind(c, i) == CR_TOK_NUMBER)
        *scale = 1;
    if (!suffix_unit[0] && !*percent && (s = scale_word(c, j)) > 0) {
        v *= s;
        if (*hi >= 0)
            *hi *= s;
        *scale = s;
        j++;
    }
    *val = v;
    *next = j;
    return 1;
}

/* A lower-case word that is not a function word. */
static int content_word(const mctx *c, size_t i)
{
    return kind(c, i) == CR_TOK_WORD && !is_cap(c, i) &&
           !cr_is_stopword("en", tptr(c, i), tlen(c, i));
}

/* Ends in s (and is not a short word such as "is", "was", "has"). */
static int plural(const mctx *c, size_t i)
{
    return tlen(c, i) > 3 && tptr(c, i)[tlen(c, i) - 1] == 's';
}

static tokidx quantity(mctx *c, size_t i)
{
    const char *cur = NULL;
    size_t j = i, next, last;
    double v, hi, v2, hi2, sc, sc2;
    int percent = 0, pct2 = 0;
    char su[24], su2[24];
    cr_expr *m;

    if ((cur = currency_at(c, i)) != NULL) {
        if (!(adjacent(c, i) || kind(c, i) == CR_TOK_WORD))
            return -1;
        j = i + 1;
        if (teq(c, i, "us") && teq(c, j, "$") && adjacent(c, i))
            j++;
    } else if (teq(c, i, "US") && teq(c, i + 1, "$") && adjacent(c, i)) {
        cur = "USD";
        j = i + 2;
    }
    if (!read_number(c, j, cur != NULL, &v, &hi, &next, su, sizeof su, &percent,
                     &sc))
        return -1;
    /* a range: "four to five", "4 - 5", "between 10 and 20" */
    if (hi < 0 && (teq(c, next, "to") || teq(c, next, "-") ||
                   teq(c, next, "\xE2\x80\x93") ||
                   (teq(c, next, "and") && i > 0 && teq(c, i - 1, "between")))) {
        size_t k = next + 1, n2;
        if (cur && currency_at(c, k))
            k++;
        if (read_number(c, k, cur != NULL, &v2, &hi2, &n2, su2, sizeof su2, &pct2,
                        &sc2) && hi2 < 0) {
            /* "four to five million": the second's scale is the first's */
            if (sc == 1 && sc2 > 1)
                v *= sc2;
            hi = v2;
            next = n2;
            percent |= pct2;
            if (!su[0])
                memcpy(su, su2, sizeof su);
        }
    }
    if (hi >= 0 && hi < v)
        hi = -1;
    last = next - 1;
    if (!percent && teq(c, next, "%") && adjacent(c, next - 1))
        percent = 1, last = next;
    else if (!percent && (teq(c, next, "percent") || teq(c, next, "pct")))
        percent = 1, last = next;
    else if (!percent && teq(c, next, "per") && teq(c, next + 1, "cent"))
        percent = 1, last = next + 1;
    if (!(m = push(c, i, last, CR_EXPR_QUANTITY)))
        return -2;
    m->number = v;
    m->number_hi = hi >= 0 ? hi : v;
    m->how = CR_EXPR_GIVEN;
    if (percent) {
        snprintf(m->unit, sizeof m->unit, "percent");
    } else if (cur) {
        snprintf(m->unit, sizeof m->unit, "%s", cur);
    } else if (su[0]) {
        snprintf(m->unit, sizeof m->unit, "%s", su);
    } else if (content_word(c, next)) {
        /* the counted word; "two new ones", "ten police officers": an
           uninflected word before a plural is its modifier */
        if (content_word(c, next + 1) && !plural(c, next) && plural(c, next + 1))
            next++;
        if (tlower(c, next, m->unit, sizeof m->unit)) {
            /* "five years' jail": the possessive mark is not the unit's */
            size_t ul = strlen(m->unit);
            if (ul > 1 && m->unit[ul - 1] == '\'')
                m->unit[ul - 1] = '\0';
            else if (ul > 3 && strcmp(m->unit + ul - 3, "\xE2\x80\x99") == 0)
                m->unit[ul - 3] = '\0';
            m->end = c->t[next].end;
            last = next;
        }
    }
    m->confidence = m->unit[0] ? M_CONF_UNIT : M_CONF_BARE;
    return (tokidx)last;
}

/* --- which tokens can start a mention -------------------------------------- */

/* Most tokens start nothing; the patterns above are tried only at numbers,
 * currency signs and the words below (and the number words and "mid-"
 * joined by a hyphen), found with one hash probe per word. */
static const char *const *const STARTER_LISTS[] = {
    MONTHS, MONTH_ABBR, WEEKDAYS, SEASONS, SMALL, TENS, NULL};
static const char *const STARTER_WORDS[] = {
    "sept", "yesterday", "today", "tomorrow", "tonight", "last", "this",
    "next", "past", "a", "an", "us", "usd", "eur", "gbp", "jpy", "cny",
    "rub", "inr", "mid", NULL};

/* Add the words, lower-cased, a mention can start with to the token view's
 * word table (lexicon.c builds it once per process) as CRI_WM_START: the
 * token view then says of every word token whether a mention may start
 * with it (mstart). */
static void add_words(cri_w16_ent *tab, unsigned bits,
                      const char *const *w, unsigned bit)
{
    for (; *w; w++)
        cri_w16_add(tab, bits, *w, (uint64_t)bit << CRI_WM_SHIFT);
}

void cri_expr_words(cri_w16_ent *tab, unsigned bits)
{
    static const char *const MORE_NUMBER[] = {"dozen", "and", NULL};
    const char *const *const *l;
    int k;
    for (l = STARTER_LISTS; *l; l++)
        add_words(tab, bits, *l, CRI_M_START);
    add_words(tab, bits, STARTER_WORDS, CRI_M_START);
    add_words(tab, bits, SMALL, CRI_M_NUMBER);
    add_words(tab, bits, TENS, CRI_M_NUMBER);
    add_words(tab, bits, MORE_NUMBER, CRI_M_NUMBER);
    for (k = 0; SCALES[k].w; k++)
        cri_w16_add(tab, bits, SCALES[k].w,
                    (uint64_t)CRI_M_NUMBER << CRI_WM_SHIFT);
    add_words(tab, bits, LEADS, CRI_M_LEAD);
    add_words(tab, bits, LEADS_KEPT, CRI_M_KEPT);
}

/* May a mention start at token i? */
static int may_start(const mctx *c, size_t i)
{
    if (c->t[i].kind == CR_TOK_NUMBER)
        return 1;
    if (c->t[i].kind == CR_TOK_SYMBOL)
        return currency_at(c, i) != NULL;
    return c->lists[i] & CRI_M_START;
}

/* --- the anchor ------------------------------------------------------------ */

/* The latest year the text states after a time word or in a full date. */
static int context_year(const mctx *c)
{
    size_t i;
    int best = 0;
    for (i = 0; i < c->nt; i++) {
        int y = year_of(c, i, M_YEAR_MIN, M_YEAR_MAX);
        if (y && y > best && (has_lead(c, i) || (i > 0 && month_of(c, i - 1)) ||
                              (i > 1 && teq(c, i - 1, ",") && day_of(c, i - 2)) ||
                              (i > 0 && day_of(c, i - 1)) ||
                              (i > 0 && tfind(c, i - 1, SEASONS) >= 0)))
            best = y;
    }
    return best;
}

cr_status cri_exprs_find(const cri_xtext *x, const char *anchor,
                         cr_expr **out, size_t *n)
{
    mctx c;
    cr_status rc = CR_OK;
    size_t i;

    *out = NULL;
    *n = 0;
    memset(&c, 0, sizeof c);
    if (x->len == 0)
        return CR_OK;
    c.text = x->text;
    c.len = x->len;
    c.t = x->t;
    c.nt = x->nt;
    c.lists = x->lists;
    if (anchor && strlen(anchor) >= 10 &&
        cri_date_shape(anchor, 10, &c.ay, &c.am, &c.ad) &&
        cri_date_valid(c.ay, c.am, c.ad) && c.ay > 1 && c.ay < 9999) {
        c.anchor_day = 1;
    } else {
        c.ay = context_year(&c);
        c.am = c.ad = 0;
    }
    for (i = 0; i < c.nt; i++) {
        tokidx r;
        if (!may_start(&c, i))
            continue;
        r = date_month(&c, i);
        if (r == -1)
            r = date_day(&c, i);
        if (r == -1)
            r = date_season(&c, i);
        if (r == -1)
            r = date_weekday(&c, i);
        if (r == -1)
            r = date_relative(&c, i);
        if (r == -1)
            r = date_year(&c, i);
        if (r == -1)
            r = quantity(&c, i);
        if (r == -2) {
            rc = CR_ENOMEM;
            goto done;
        }
        if (r >= 0) {
            /* a mention may start before i (its lead words), never before
               the end of the previous one */
            if (c.n >= 2 && c.m[c.n - 1].start < c.m[c.n - 2].end)
                c.m[c.n - 1].start = c.m[c.n - 2].end;
            while (c.m[c.n - 1].start < c.m[c.n - 1].end &&
                   cri_is_space((unsigned char)c.text[c.m[c.n - 1].start]))
                c.m[c.n - 1].start++;
            i = (size_t)r;
        }
    }
done:
    if (rc != CR_OK) {
        free(c.m);
        return rc;
    }
    *out = c.m;
    *n = c.n;
    return CR_OK;
}

cr_status cr_extract_exprs(const char *text, size_t len, const cr_doc *doc,
                           const char *anchor, const cr_limits *lim,
                           cr_expr **out, size_t *n)
{
    cri_xtext x;
    cr_status rc;
    if (!out || !n || (!text && len))
        return CR_EINVAL;
    *out = NULL;
    *n = 0;
    rc = cri_xtext_init(&x, text, len, doc, lim);
    if (rc == CR_OK)
        rc = cri_exprs_find(&x, anchor, out, n);
    cri_xtext_free(&x);
    return rc;
}

void cr_exprs_free(cr_expr *m)
{
    free(m);
}
