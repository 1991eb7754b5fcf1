/*
 * date.c — calendar checks, ISO 8601 normalisation and date inference.
 *
 * All dates are proleptic Gregorian with four-digit years (1..9999). Time
 * zone conversion goes through a day count (days since 1970-01-01, the
 * civil-from-days algorithms of H. Hinnant), so crossing midnight, month
 * ends, leap days and year ends needs no special cases. Nothing here
 * allocates; every function is linear in its input. See ingest.h for the
 * contracts.
 */
#include "ingest/ingest.h"

#include <string.h>

int cri_days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30,
                                31, 31, 30, 31, 30, 31};
    int leap;
    if (m < 1 || m > 12)
        return 0;
    leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return m == 2 && leap ? 29 : dim[m - 1];
}

int cri_date_valid(int y, int m, int d)
{
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1)
        return 0;
    return d <= cri_days_in_month(y, m);
}

/* Read n ASCII digits at s[0..n) into *v; 0 when one is not a digit. */
static int digits(const char *s, int n, int *v)
{
    int k, r = 0;
    for (k = 0; k < n; k++) {
        if (s[k] < '0' || s[k] > '9')
            return 0;
        r = r * 10 + (s[k] - '0');
    }
    *v = r;
    return 1;
}

/* Write v as n zero-padded digits at p (v >= 0 and fits in n digits). */
static void put_digits(char *p, int v, int n)
{
    while (n-- > 0) {
        p[n] = (char)('0' + v % 10);
        v /= 10;
    }
}

int cri_date_shape(const char *s, size_t len, int *y, int *m, int *d)
{
    if (len < 10 || s[4] != '-' || s[7] != '-')
        return 0;
    return digits(s, 4, y) && digits(s + 5, 2, m) && digits(s + 8, 2, d);
}

/* Days from 1970-01-01 to y-m-d (valid date). */
static long long days_from_civil(int y, int m, int d)
{
    long long yy = (long long)y - (m <= 2);
    long long era = (yy >= 0 ? yy : yy - 399) / 400;
    long long yoe = yy - era * 400;
    long long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* The civil date of day z since 1970-01-01. */
static void civil_from_days(long long z, int *y, int *m, int *d)
{
    long long era, doe, yoe, doy, mp;
    z += 719468;
    era = (z >= 0 ? z : z - 146096) / 146097;
    doe = z - era * 146097;
    yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* Write "YYYY-MM-DD" (no NUL) at out. */
static void format_date(char *out, int y, int m, int d)
{
    put_digits(out, y, 4);
    out[4] = '-';
    put_digits(out + 5, m, 2);
    out[7] = '-';
    put_digits(out + 8, d, 2);
}

/* Check y-m-d, setting *why to the first thing wrong. */
static int check_ymd(int y, int m, int d, const char **why)
{
    if (y < 1) {
        *why = "year 0000 is out of range";
        return 0;
    }
    if (m < 1 || m > 12) {
        *why = "month is out of range";
        return 0;
    }
    if (d < 1 || d > cri_days_in_month(y, m)) {
        *why = "day is out of range for the month";
        return 0;
    }
    return 1;
}

int cri_date_normalize(const char *s, size_t len, char out[CRI_DATE_MAX],
                       const char **why)
{
    const char *dummy;
    int y, m, d, hh, mi, ss = 0, oh = 0, om = 0, sign = 0;
    size_t pos;
    long long mins;

    if (!why)
        why = &dummy;
    *why = "expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|+HH:MM]";
    if (!cri_date_shape(s, len, &y, &m, &d))
        return -1;
    if (!check_ymd(y, m, d, why))
        return -1;
    if (len == 10) {
        format_date(out, y, m, d);
        out[10] = '\0';
        return 0;
    }
    if (s[10] != 'T' && s[10] != 't' && s[10] != ' ') {
        *why = "expected 'T' or ' ' between date and time";
        return -1;
    }
    if (len < 16 || !digits(s + 11, 2, &hh) || s[13] != ':' ||
        !digits(s + 14, 2, &mi)) {
        *why = "expected HH:MM after the date";
        return -1;
    }
    pos = 16;
    if (pos < len && s[pos] == ':') {
        if (len - pos < 3 || !digits(s + pos + 1, 2, &ss)) {
            *why = "expected two digits of seconds";
            return -1;
        }
        pos += 3;
        if (pos < len && (s[pos] == '.' || s[pos] == ',')) {
            pos++;
            if (pos >= len || s[pos] < '0' || s[pos] > '9') {
                *why = "expected digits after the decimal point";
                return -1;
            }
            while (pos < len && s[pos] >= '0' && s[pos] <= '9')
                pos++;
        }
    }
    if (pos < len && (s[pos] == 'Z' || s[pos] == 'z')) {
        pos++;
    } else if (pos < len && (s[pos] == '+' || s[pos] == '-')) {
        sign = s[pos] == '+' ? 1 : -1;
        pos++;
        if (len - pos < 2 || !digits(s + pos, 2, &oh)) {
            *why = "expected a zone offset +HH:MM or -HH:MM";
            return -1;
        }
        pos += 2;
        if (pos < len && s[pos] == ':') {
            if (len - pos < 3 || !digits(s + pos + 1, 2, &om)) {
                *why = "expected a zone offset +HH:MM or -HH:MM";
                return -1;
            }
            pos += 3;
        } else if (len - pos >= 2 && digits(s + pos, 2, &om)) {
            pos += 2;
        }
    }
    if (pos != len) {
        *why = "unexpected characters after the time";
        return -1;
    }
    if (hh > 23 || mi > 59 || ss > 59) {
        *why = "time of day is out of range";
        return -1;
    }
    if (oh > 23 || om > 59) {
        *why = "zone offset is out of range";
        return -1;
    }
    mins = days_from_civil(y, m, d) * 1440 + hh * 60 + mi -
           (long long)sign * (oh * 60 + om);
    {
        long long days = mins >= 0 ? mins / 1440 : -((-mins + 1439) / 1440);
        long long rem = mins - days * 1440;
        civil_from_days(days, &y, &m, &d);
        hh = (int)(rem / 60);
        mi = (int)(rem % 60);
    }
    if (y < 1 || y > 9999) {
        *why = "date is out of range after conversion to UTC";
        return -1;
    }
    format_date(out, y, m, d);
    out[10] = 'T';
    put_digits(out + 11, hh, 2);
    out[13] = ':';
    put_digits(out + 14, mi, 2);
    out[16] = ':';
    put_digits(out + 17, ss, 2);
    out[19] = 'Z';
    out[20] = '\0';
    return 0;
}

int cri_date_is_normal(const char *s)
{
    size_t len;
    int y, m, d, hh, mi, ss;
    if (!s)
        return 0;
    len = strlen(s);
    if (len != 10 && len != 20)
        return 0;
    if (!cri_date_shape(s, len, &y, &m, &d) || !cri_date_valid(y, m, d))
        return 0;
    if (len == 10)
        return 1;
    return s[10] == 'T' && digits(s + 11, 2, &hh) && s[13] == ':' &&
           digits(s + 14, 2, &mi) && s[16] == ':' &&
           digits(s + 17, 2, &ss) && s[19] == 'Z' && hh <= 23 && mi <= 59 &&
           ss <= 59;
}

/* An ASCII digit. */
static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

/* Try a date starting at s[i], where s[i] is a digit preceded by a
 * non-digit (or the start). Writes out and returns 1 on a match. */
static int date_at(const char *s, size_t len, size_t i, char out[11])
{
    int y = 0, m = 0, d = 0;
    size_t run = 0;
    while (i + run < len && run < 9 && is_digit(s[i + run]))
        run++;
    if (run == 8) {
        /* YYYYMMDD, bounded by non-digits (the run stopped before 9). */
        digits(s + i, 4, &y);
        digits(s + i + 4, 2, &m);
        digits(s + i + 6, 2, &d);
    } else if (run == 4 && len - i >= 10) {
        char sep = s[i + 4];
        if (sep != '-' && sep != '/' && sep != '_')
            return 0;
        if (s[i + 7] != sep || !digits(s + i + 5, 2, &m) ||
            !digits(s + i + 8, 2, &d))
            return 0;
        if (i + 10 < len && is_digit(s[i + 10]))
            return 0;
        digits(s + i, 4, &y);
    } else {
        return 0;
    }
    if (y < 1900 || y > 2100 || !cri_date_valid(y, m, d))
        return 0;
    format_date(out, y, m, d);
    out[10] = '\0';
    return 1;
}

int cri_date_find(const char *s, size_t len, char out[11])
{
    size_t i;
    if (!s)
        return 0;
    for (i = 0; i < len; i++) {
        if (!is_digit(s[i]) || (i > 0 && is_digit(s[i - 1])))
            continue;
        if (date_at(s, len, i, out))
            return 1;
    }
    return 0;
}

cr_status cr_date_seconds(const char *date, int64_t *t)
{
    int y, m, d, hh = 0, mi = 0, ss = 0;
    if (t)
        *t = 0;
    if (!date || !t)
        return CR_EINVAL;
    if (!cri_date_is_normal(date))
        return CR_EDATE;
    (void)cri_date_shape(date, 10, &y, &m, &d);
    if (date[10] == 'T') {
        (void)digits(date + 11, 2, &hh);
        (void)digits(date + 14, 2, &mi);
        (void)digits(date + 17, 2, &ss);
    }
    *t = (int64_t)days_from_civil(y, m, d) * 86400 + hh * 3600 + mi * 60 + ss;
    return CR_OK;
}

int cri_date_format(int64_t t, char out[CRI_DATE_MAX])
{
    long long days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    long long rem = t - days * 86400;
    int y, m, d;
    civil_from_days(days, &y, &m, &d);
    if (y < 1 || y > 9999)
        return -1;
    format_date(out, y, m, d);
    if (rem == 0) {
        out[10] = '\0';
        return 0;
    }
    out[10] = 'T';
    put_digits(out + 11, (int)(rem / 3600), 2);
    out[13] = ':';
    put_digits(out + 14, (int)(rem / 60 % 60), 2);
    out[16] = ':';
    put_digits(out + 17, (int)(rem % 60), 2);
    out[19] = 'Z';
    out[20] = '\0';
    return 0;
}
