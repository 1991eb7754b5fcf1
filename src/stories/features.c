/*
 * features.c — what an article is made of, for story clustering: three
 * channels of weighted features, each a seeded 64-bit hash of a tagged key.
 *
 *  - terms (channel 0, "T"): folded, stopword-filtered, stemmed words of the
 *    title and the body, split at hyphens, possessives and abbreviation
 *    periods removed ("Korea's" → "korea", "U.S." → "us");
 *  - names (channel 1, "N" one word, "S" a span): runs of capitalized words
 *    that are not stopwords. A capitalized word where any word would be
 *    capitalized (first of a sentence, after an opening quote or a colon,
 *    any word of a Title Case Headline) counts only when the article itself
 *    writes it capitalized elsewhere mid-sentence, or the stream usually
 *    does (the caller's is_cap). Each word is a feature and so is each run
 *    of two or more ("kim jong un");
 *  - numbers and dates (channel 2, "#" a number, "D" a date): numbers of
 *    two characters or more with thousands separators removed ("200,000" →
 *    "200000"), a number joined to words by a hyphen taken alone
 *    ("36-year-old" → "36", as in "aged 36"); month-day pairs in either order ("Sept. 13",
 *    "13 September" → "09-13"); a capitalized weekday or month on its own
 *    ("on Thursday", "in December"), which is then neither a term nor a
 *    name.
 *
 * Weights are 1 + ln(tf) (tf itself below 1), where a title occurrence
 * counts as title_weight body occurrences and a body occurrence in
 * sentence k (from 0) as 1 + (title_weight - 1) * 2^(-k / LEAD_HALF): the
 * lead sentence states the event like a headline, the weight of what
 * follows falls towards 1 (news is written as an inverted pyramid). IDF is the clusterer's business (cluster.c).
 */
#include "stories/stories.h"
#include "text/stopwords.h"
#include "util/util.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

/* Token flags kept in f->tokflag during one extraction. */
#define TF_INITIAL 1u /* in a position where any word is capitalized */
#define TF_NAME 2u    /* decided: part of a name */
#define TF_CAND 4u    /* capitalized, not a stopword */

#define MAX_SPAN_PARTS 6 /* longer capitalized runs are not one name */
#define FAST_FOLD 64     /* ASCII words up to this length skip cr_fold */
#define TERM_CACHE 32768 /* words whose term feature is remembered */

/* ---- scratch management ------------------------------------------------ */

void cri_sfeats_free(cri_sfeats *f)
{
    int c;
    if (!f)
        return;
    for (c = 0; c < CRI_NCHAN; c++)
        free(f->v[c]);
    free(f->mid);
    free(f->low);
    free(f->tab_key);
    free(f->tab_pos);
    free(f->tab_chan);
    free(f->tab_used);
    free(f->dn_key);
    free(f->dn_used);
    free(f->tokflag);
    free(f->fold);
    free(f->word);
    free(f->wstop);
    free(f->stop_tab);
    free(f->term_tab);
    memset(f, 0, sizeof *f);
}


/* Empty a hash table of 64-bit keys (0 = empty) that lists the slots it
 * filled in `used`, and give it `cap` slots at least (a power of two; at
 * most half of them are ever filled). Only the filled slots are emptied:
 * a table keeps the size of the longest article seen, and most articles
 * fill a small part of it. 1 when the table was made anew, -1 on OOM. */
static int keys_reset(uint64_t **key, uint32_t **used, size_t *kcap,
                      size_t *nused, size_t cap)
{
    size_t i;
    if (cap > *kcap) {
        free(*key);
        free(*used);
        *key = calloc(cap, sizeof **key);
        *used = malloc((cap / 2 + 1) * sizeof **used);
        *nused = 0;
        *kcap = *key && *used ? cap : 0;
        return *kcap ? 1 : -1;
    }
    for (i = 0; i < *nused; i++)
        (*key)[(*used)[i]] = 0;
    *nused = 0;
    return 0;
}

/* Empty the accumulation table and make room for `need` features. */
static int table_reset(cri_sfeats *f, size_t need)
{
    size_t cap = 256;
    int r;
    while (cap < need * 2)
        cap *= 2;
    r = keys_reset(&f->tab_key, &f->tab_used, &f->tab_cap, &f->tab_nused,
                   cap);
    if (r == 1) {
        free(f->tab_pos);
        free(f->tab_chan);
        f->tab_pos = malloc(cap * sizeof *f->tab_pos);
        f->tab_chan = malloc(cap);
        if (!f->tab_pos || !f->tab_chan)
            r = -1;
    }
    if (r < 0) {
        f->tab_cap = 0;
        f->tab_nused = 0;
        return -1;
    }
    return 0;
}

/* Double the accumulation table, keeping its entries. */
static int table_grow(cri_sfeats *f)
{
    size_t cap = f->tab_cap * 2, i, j, mask = cap - 1;
    uint64_t *key = calloc(cap, sizeof *key);
    uint32_t *pos = malloc(cap * sizeof *pos);
    uint8_t *chan = malloc(cap);
    uint32_t *used = malloc((cap / 2 + 1) * sizeof *used);
    size_t nused = 0;
    if (!key || !pos || !chan || !used) {
        free(key);
        free(pos);
        free(chan);
        free(used);
        return -1;
    }
    for (i = 0; i < f->tab_cap; i++) {
        if (!f->tab_key[i])
            continue;
        j = (size_t)f->tab_key[i] & mask;
        while (key[j])
            j = (j + 1) & mask;
        key[j] = f->tab_key[i];
        pos[j] = f->tab_pos[i];
        chan[j] = f->tab_chan[i];
        used[nused++] = (uint32_t)j;
    }
    free(f->tab_key);
    free(f->tab_pos);
    free(f->tab_chan);
    free(f->tab_used);
    f->tab_key = key;
    f->tab_pos = pos;
    f->tab_chan = chan;
    f->tab_used = used;
    f->tab_nused = nused;
    f->tab_cap = cap;
    return 0;
}

/* Add weight w to feature `hash` of channel c. The table is kept at most
 * half full. */
static int feat_add(cri_sfeats *f, int c, uint64_t hash, float w)
{
    size_t mask, i;
    if ((f->n[0] + f->n[1] + f->n[2] + 1) * 2 > f->tab_cap &&
        table_grow(f))
        return -1;
    mask = f->tab_cap - 1;
    i = (size_t)hash & mask;
    while (f->tab_key[i]) {
        if (f->tab_key[i] == hash && f->tab_chan[i] == c) {
            f->v[c][f->tab_pos[i]].w += w;
            return 0;
        }
        i = (i + 1) & mask;
    }
    if (cri_grow((void **)&f->v[c], &f->cap[c], f->n[c] + 1, sizeof(cri_sfeat)))
        return -1;
    f->tab_key[i] = hash;
    f->tab_used[f->tab_nused++] = (uint32_t)i;
    f->tab_chan[i] = (uint8_t)c;
    f->tab_pos[i] = (uint32_t)f->n[c];
    f->v[c][f->n[c]].hash = hash;
    f->v[c][f->n[c]].w = w;
    f->n[c]++;
    return 0;
}

static int list_add(uint64_t **v, size_t *n, size_t *cap, uint64_t h)
{
    if (cri_grow((void **)v, cap, *n + 1, sizeof **v))
        return -1;
    (*v)[(*n)++] = h;
    return 0;
}

/* ---- keys -------------------------------------------------------------- */

static uint64_t key_hash(char tag, const char *s, size_t n)
{
    /* The tag picks the seed, so equal strings of different kinds (the
     * name "may", the month) are different features. */
    uint64_t h = XXH3_64bits_withSeed(
        s, n, CRI_STORY_SEED ^ ((uint64_t)(unsigned char)tag << 56));
    return h ? h : 1;
}

uint64_t cri_story_word_hash(const char *w, size_t n)
{
    return key_hash('N', w, n);
}

/* Fold token bytes s[0..n) and append the result to f->fold
 * (NUL-terminated) at *out_off, dropping a possessive ('s or a trailing ')
 * and periods ("u.s." → "us"). Sets *out_n. Apostrophes were mapped to
 * ASCII by the fold. */
static cr_status fold_word(cri_sfeats *f, const char *s, size_t n,
                           size_t *out_off, size_t *out_n)
{
    size_t i, k = 0;
    int ascii = 1;
    char *tmp = NULL;
    size_t tlen = 0;
    const char *src = s;
    size_t slen = n, k0 = f->fold_len;

    if (n <= FAST_FOLD) {
        for (i = 0; i < n; i++)
            if ((unsigned char)s[i] & 0x80)
                ascii = 0;
    } else {
        ascii = 0;
    }
    if (!ascii) {
        cr_status rc = cr_fold(s, n, &tmp, &tlen);
        if (rc != CR_OK)
            return rc;
        src = tmp;
        slen = tlen;
    }
    if (k0 + slen + 1 > UINT32_MAX ||
        (k0 + slen + 1 > f->fold_cap &&
         cri_grow((void **)&f->fold, &f->fold_cap, k0 + slen + 1, 1))) {
        free(tmp);
        return CR_ENOMEM;
    }
    k = k0;
    for (i = 0; i < slen; i++) {
        char ch = src[i];
        if (ascii && ch >= 'A' && ch <= 'Z')
            ch = (char)(ch + 32);
        if (ch == '.')
            continue;
        f->fold[k++] = ch;
    }
    free(tmp);
    if (k >= k0 + 2 && f->fold[k - 2] == '\'' && f->fold[k - 1] == 's')
        k -= 2;
    else if (k >= k0 + 1 && f->fold[k - 1] == '\'')
        k -= 1;
    f->fold[k] = '\0';
    f->fold_len = k + 1;
    *out_off = k0;
    *out_n = k - k0;
    return CR_OK;
}

/* ---- months ------------------------------------------------------------ */

static int month_of(const char *w, size_t n)
{
    static const struct {
        const char *name;
        unsigned char len, m;
    } months[] = {
        {"january", 7, 1},   {"jan", 3, 1},  {"february", 8, 2},
        {"feb", 3, 2},       {"march", 5, 3}, {"mar", 3, 3},
        {"april", 5, 4},     {"apr", 3, 4},  {"may", 3, 5},
        {"june", 4, 6},      {"jun", 3, 6},  {"july", 4, 7},
        {"jul", 3, 7},       {"august", 6, 8}, {"aug", 3, 8},
        {"september", 9, 9}, {"sept", 4, 9}, {"sep", 3, 9},
        {"october", 7, 10},  {"oct", 3, 10}, {"november", 8, 11},
        {"nov", 3, 11},      {"december", 8, 12}, {"dec", 3, 12},
    };
    /* the letters months begin with: a d f j m n o s */
    const uint32_t initials = 1u << 0 | 1u << 3 | 1u << 5 | 1u << 9 |
                              1u << 12 | 1u << 13 | 1u << 14 | 1u << 18;
    unsigned c0 = (unsigned char)w[0] - 'a';
    size_t i;
    if (n < 3 || n > 9 || c0 >= 26 || !(initials >> c0 & 1))
        return 0;
    for (i = 0; i < sizeof months / sizeof months[0]; i++)
        if (months[i].len == n && months[i].name[0] == w[0] &&
            !memcmp(months[i].name, w, n))
            return months[i].m;
    return 0;
}

/* Day of the week 1..7 of a folded word ("monday"), else 0. */
static int weekday_of(const char *w, size_t n)
{
    static const char *const days[] = {"monday", "tuesday", "wednesday",
                                       "thursday", "friday", "saturday",
                                       "sunday"};
    size_t i;
    if (n < 6 || n > 9) /* "monday" .. "wednesday" */
        return 0;
    for (i = 0; i < 7; i++)
        if (days[i][0] == w[0] && strlen(days[i]) == n &&
            !memcmp(days[i], w, n))
            return (int)i + 1;
    return 0;
}

/* Day of month 1..31 of a number token ("13", "13th"), else 0. */
static int day_of(const char *s, size_t n)
{
    int d = 0;
    size_t i = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9' && i < 2)
        d = d * 10 + (s[i++] - '0');
    if (i == 0 || (i < n && s[i] >= '0' && s[i] <= '9'))
        return 0;
    if (i < n && !(n - i == 2 && (!strncmp(s + i, "st", 2) ||
                                  !strncmp(s + i, "nd", 2) ||
                                  !strncmp(s + i, "rd", 2) ||
                                  !strncmp(s + i, "th", 2))))
        return 0;
    return d >= 1 && d <= 31 ? d : 0;
}

/* ---- stopwords ---------------------------------------------------------- */

/* A language's stopword list as a hash set, built once per language in
 * the extractor's scratch (cr_is_stopword would find the language again
 * and bisect the list for every word). */
typedef struct stoplist {
    const uint64_t *tab;   /* open addressing over the words' 64-bit
                              hashes (never 0), 0 empty */
    size_t mask;
    const char *const *src; /* the list (NULL: none) */
} stoplist;

static uint64_t stop_hash(const char *w, size_t n)
{
    uint64_t h = XXH3_64bits_withSeed(w, n, CRI_STORY_SEED);
    return h ? h : 1;
}

/* Resolve the list of lang into *sl, (re)building f's table when the
 * language changed. -1 on OOM. */
static int stoplist_get(cri_sfeats *f, const char *lang, stoplist *sl)
{
    size_t n, cap = 16, i;
    const char *const *w = cri_stopword_list(lang, &n);
    sl->tab = NULL;
    sl->mask = 0;
    sl->src = NULL;
    if (!w || !n)
        return 0;
    if (f->stop_src != w) {
        uint64_t *tab;
        while (cap < n * 2)
            cap *= 2;
        tab = calloc(cap, sizeof *tab);
        if (!tab)
            return -1;
        for (i = 0; i < n; i++) {
            uint64_t h = stop_hash(w[i], strlen(w[i]));
            size_t j = (size_t)h & (cap - 1);
            while (tab[j] && tab[j] != h)
                j = (j + 1) & (cap - 1);
            tab[j] = h;
        }
        free(f->stop_tab);
        f->stop_tab = tab;
        f->stop_mask = cap - 1;
        f->stop_src = w;
    }
    sl->tab = f->stop_tab;
    sl->mask = f->stop_mask;
    sl->src = w;
    return 0;
}

/* 1 when the word of n bytes whose stop_hash is h is in the list: the
 * same answer as cr_is_stopword but for a 64-bit hash collision (about
 * one word in 2^55 misread). */
static int is_stop_hash(const stoplist *sl, uint64_t h, size_t n)
{
    size_t i;
    if (!sl->tab || n == 0 || n > CRI_STOPWORD_MAX_BYTES)
        return 0;
    i = (size_t)h & sl->mask;
    while (sl->tab[i]) {
        if (sl->tab[i] == h)
            return 1;
        i = (i + 1) & sl->mask;
    }
    return 0;
}


/* ---- one text (title or body) ------------------------------------------ */

typedef struct text_ctx {
    cri_sfeats *f;
    const char *s;          /* the text */
    const cr_token *tok;
    size_t ntok;
    unsigned char *flag;    /* per token, TF_* */
    uint32_t *word;         /* per token, its folded word (fold_words) */
    uint64_t *wstop;        /* ... and its stop_hash */
    float w;                /* weight of an occurrence */
    cr_stemmer *stem;
    const stoplist *stop;
    cri_case_fn is_cap;
    void *cap_ctx;
    uint64_t *docnames;     /* set of name hashes written mid-sentence */
    uint32_t *docnames_used; /* its filled slots */
    size_t *docnames_nused;
    const cr_span *sents;   /* body sentences (NULL for the title) */
    size_t nsent, si;       /* ... and the current one */
    float lead;             /* extra weight of the lead sentence */
    size_t docnames_mask;
} text_ctx;

static int docnames_has(const text_ctx *t, uint64_t h)
{
    size_t i = (size_t)h & t->docnames_mask;
    while (t->docnames[i]) {
        if (t->docnames[i] == h)
            return 1;
        i = (i + 1) & t->docnames_mask;
    }
    return 0;
}

static void docnames_put(text_ctx *t, uint64_t h)
{
    size_t i = (size_t)h & t->docnames_mask;
    while (t->docnames[i]) {
        if (t->docnames[i] == h)
            return;
        i = (i + 1) & t->docnames_mask;
    }
    t->docnames[i] = h;
    t->docnames_used[(*t->docnames_nused)++] = (uint32_t)i;
}

/* Mark sentence-initial positions. sents may be NULL (one sentence, as for
 * a title); title_case marks every word. */
static void mark_initial(text_ctx *t, const cr_span *sents, size_t nsent,
                         int title_case)
{
    size_t i, si = 0;
    int first = 1;
    for (i = 0; i < t->ntok; i++) {
        const cr_token *k = &t->tok[i];
        t->flag[i] = 0;
        while (sents && si < nsent && k->start >= sents[si].end) {
            si++;
            first = 1;
        }
        if (k->kind == CR_TOK_WORD || k->kind == CR_TOK_NUMBER) {
            int initial = first || title_case;
            if (i > 0) {
                const cr_token *p = &t->tok[i - 1];
                if (p->kind == CR_TOK_QUOTE && (p->flags & CR_QUOTE_OPEN))
                    initial = 1;
                if (p->kind == CR_TOK_PUNCT && p->end - p->start == 1 &&
                    t->s[p->start] == ':')
                    initial = 1;
            }
            if (initial)
                t->flag[i] |= TF_INITIAL;
            first = 0;
        }
    }
}

/* Fold and hash every word token once, for the passes below (word_of).
 * The word's entry of the term cache is fetched ahead of its use. */
static cr_status fold_words(text_ctx *t)
{
    size_t i, off, n;
    cr_status rc;
    for (i = 0; i < t->ntok; i++) {
        const cr_token *k = &t->tok[i];
        t->word[2 * i] = t->word[2 * i + 1] = 0;
        t->wstop[i] = 0;
        if (k->kind != CR_TOK_WORD)
            continue;
        rc = fold_word(t->f, t->s + k->start, k->end - k->start, &off, &n);
        if (rc != CR_OK)
            return rc;
        t->word[2 * i] = (uint32_t)off;
        t->word[2 * i + 1] = (uint32_t)n;
        if (n >= 2) {
            uint64_t h = stop_hash(t->f->fold + off, n);
            t->wstop[i] = h;
            CRI_PREFETCH(
                &t->f->term_tab[2 * ((size_t)h & (TERM_CACHE - 1))]);
        }
    }
    return CR_OK;
}

/* The folded form of word token i (NUL-terminated), its length in *n. */
static const char *word_of(const text_ctx *t, size_t i, size_t *n)
{
    *n = t->word[2 * i + 1];
    return t->f->fold + t->word[2 * i];
}

/* Pass 1: mark name candidates; collect names written mid-sentence into
 * the docnames set and the stream's case lists. */
static cr_status pass_case(text_ctx *t)
{
    cri_sfeats *f = t->f;
    size_t i, n;
    for (i = 0; i < t->ntok; i++) {
        const cr_token *k = &t->tok[i];
        const char *w;
        uint64_t h;
        if (k->kind != CR_TOK_WORD)
            continue;
        w = word_of(t, i, &n);
        if (n < 2)
            continue;
        if ((k->flags & CR_TOK_CAPITALIZED) &&
            !is_stop_hash(t->stop, t->wstop[i], n))
            t->flag[i] |= TF_CAND;
        if (t->flag[i] & TF_INITIAL)
            continue;
        h = cri_story_word_hash(w, n);
        if (t->flag[i] & TF_CAND) {
            docnames_put(t, h);
            if (list_add(&f->mid, &f->nmid, &f->capmid, h))
                return CR_ENOMEM;
        } else if (!(k->flags & CR_TOK_CAPITALIZED)) {
            if (list_add(&f->low, &f->nlow, &f->caplow, h))
                return CR_ENOMEM;
        }
    }
    return CR_OK;
}

/* Split w[0..n) at hyphens: calls back for each non-empty part. */
typedef cr_status (*part_fn)(text_ctx *t, const char *p, size_t n, void *u);

static cr_status each_part(text_ctx *t, const char *w, size_t n, part_fn fn,
                           void *u)
{
    size_t a = 0, b;
    cr_status rc;
    for (b = 0; b <= n; b++) {
        if (b == n || w[b] == '-') {
            if (b > a) {
                rc = fn(t, w + a, b - a, u);
                if (rc != CR_OK)
                    return rc;
            }
            a = b + 1;
        }
    }
    return CR_OK;
}

/* A word part's term feature: stopwords and one-letter parts give none,
 * other parts their stem. Stemming is the dearest step of the extraction,
 * so the term of each word is remembered in f->term_tab (direct-mapped,
 * TERM_CACHE entries of word hash and term hash, 0 = no term; emptied
 * when the stemmer or the stopword list changes). A hit is the same
 * answer but for a 64-bit collision of two words' hashes. */
static cr_status term_hashed(text_ctx *t, const char *p, size_t n,
                             uint64_t h)
{
    uint64_t term = 0, *e;
    if (n < 2)
        return CR_OK;
    e = &t->f->term_tab[2 * ((size_t)h & (TERM_CACHE - 1))];
    if (e[0] == h) {
        term = e[1];
    } else {
        if (!is_stop_hash(t->stop, h, n)) {
            const char *st = p;
            size_t sn = n;
            if (t->stem && cr_stem(t->stem, p, n, &st, &sn) != CR_OK) {
                st = p;
                sn = n;
            }
            term = key_hash('T', st, sn);
        }
        e[0] = h;
        e[1] = term;
    }
    if (!term)
        return CR_OK;
    return feat_add(t->f, 0, term, t->w) ? CR_ENOMEM : CR_OK;
}

static cr_status term_part(text_ctx *t, const char *p, size_t n, void *u)
{
    (void)u;
    return n < 2 ? CR_OK : term_hashed(t, p, n, stop_hash(p, n));
}

/* A span of name parts being built: the parts joined by spaces. */
typedef struct span_buf {
    char buf[MAX_SPAN_PARTS * 32 + 16];
    size_t len;
    int parts;
    int overflow;
} span_buf;

static cr_status name_part(text_ctx *t, const char *p, size_t n, void *u)
{
    span_buf *sp = u;
    if (sp->parts >= MAX_SPAN_PARTS || sp->len + n + 1 > sizeof sp->buf)
        sp->overflow = 1;
    if (!sp->overflow) {
        if (sp->parts)
            sp->buf[sp->len++] = ' ';
        memcpy(sp->buf + sp->len, p, n);
        sp->len += n;
    }
    sp->parts++;
    if (n < 2)
        return CR_OK;
    return feat_add(t->f, 1, key_hash('N', p, n), t->w) ? CR_ENOMEM : CR_OK;
}

static cr_status span_end(text_ctx *t, span_buf *sp)
{
    cr_status rc = CR_OK;
    if (sp->parts >= 2 && !sp->overflow &&
        feat_add(t->f, 1, key_hash('S', sp->buf, sp->len), t->w))
        rc = CR_ENOMEM;
    sp->len = 0;
    sp->parts = 0;
    sp->overflow = 0;
    return rc;
}

/* Pass 2: decide names, emit terms, names and numbers. */
static cr_status pass_emit(text_ctx *t)
{
    cri_sfeats *f = t->f;
    span_buf sp;
    size_t i, n;
    cr_status rc;
    int prev_name = 0;

    sp.len = 0;
    sp.parts = 0;
    sp.overflow = 0;
    for (i = 0; i < t->ntok; i++) {
        const cr_token *k = &t->tok[i];
        int is_name = 0;
        if (t->sents && t->si < t->nsent &&
            k->start >= t->sents[t->si].end) {
            while (t->si < t->nsent && k->start >= t->sents[t->si].end)
                t->si++;
            t->w = 1.0f + t->lead * exp2f(-(float)t->si / CRI_STORY_LEAD_HALF);
        }
        if (k->kind == CR_TOK_NUMBER) {
            const char *s = t->s + k->start;
            size_t len = k->end - k->start, j, m = 0;
            char num[64];
            int day = day_of(s, len), mon = 0;
            /* month-day in either order: "Sept. 13", "13 September" */
            if (day) {
                size_t p = i;
                if (p > 0 && t->tok[p - 1].kind == CR_TOK_PUNCT &&
                    t->s[t->tok[p - 1].start] == '.')
                    p--;
                if (p > 0 && t->tok[p - 1].kind == CR_TOK_WORD &&
                    (t->tok[p - 1].flags & CR_TOK_CAPITALIZED)) {
                    const char *w = word_of(t, p - 1, &n);
                    mon = month_of(w, n);
                }
                if (!mon && i + 1 < t->ntok &&
                    t->tok[i + 1].kind == CR_TOK_WORD &&
                    (t->tok[i + 1].flags & CR_TOK_CAPITALIZED)) {
                    const char *w = word_of(t, i + 1, &n);
                    mon = month_of(w, n);
                }
            }
            if (mon) {
                char d[8];
                d[0] = (char)('0' + mon / 10);
                d[1] = (char)('0' + mon % 10);
                d[2] = '-';
                d[3] = (char)('0' + day / 10);
                d[4] = (char)('0' + day % 10);
                if (feat_add(f, 2, key_hash('D', d, 5), t->w))
                    return CR_ENOMEM;
            } else if (len <= sizeof num) {
                for (j = 0; j < len; j++) {
                    char ch = s[j];
                    if (ch == ',')
                        continue;
                    /* "36-year-old" is the number 36 ("aged 36") */
                    if (ch == '-' && j + 1 < len &&
                        ((s[j + 1] | 32) >= 'a' && (s[j + 1] | 32) <= 'z'))
                        break;
                    if (ch >= 'A' && ch <= 'Z')
                        ch = (char)(ch + 32);
                    num[m++] = ch;
                }
                if (m >= 2 && feat_add(f, 2, key_hash('#', num, m), t->w))
                    return CR_ENOMEM;
            }
        } else if (k->kind == CR_TOK_WORD) {
            int wd = 0, mo = 0;
            const char *w = word_of(t, i, &n);
            if (k->flags & CR_TOK_CAPITALIZED) {
                wd = weekday_of(w, n);
                mo = wd ? 0 : month_of(w, n);
            }
            /* a capitalized weekday or month is a time, not a name or a
             * topic word: "on Thursday", "in December" */
            if (wd || mo) {
                char d[3];
                int next_day = i + 1 < t->ntok &&
                               t->tok[i + 1].kind == CR_TOK_NUMBER;
                if (wd) {
                    d[0] = 'w';
                    d[1] = (char)('0' + wd);
                } else {
                    d[0] = 'm';
                    d[1] = (char)('0' + mo / 10);
                    d[2] = (char)('0' + mo % 10);
                }
                /* a month before a day number is counted as the date */
                if ((wd || !next_day) &&
                    feat_add(f, 2, key_hash('D', d, wd ? 2 : 3), t->w))
                    return CR_ENOMEM;
                if (prev_name) {
                    rc = span_end(t, &sp);
                    if (rc != CR_OK)
                        return rc;
                }
                prev_name = 0;
                continue;
            }
            if (t->flag[i] & TF_CAND) {
                if (!(t->flag[i] & TF_INITIAL)) {
                    is_name = 1;
                } else {
                    uint64_t h = cri_story_word_hash(w, n);
                    is_name = docnames_has(t, h) ||
                              (t->is_cap && t->is_cap(t->cap_ctx, h));
                }
            }
            /* a word of one part was hashed by fold_words */
            rc = memchr(w, '-', n) ? each_part(t, w, n, term_part, NULL)
                                   : term_hashed(t, w, n, t->wstop[i]);
            if (rc != CR_OK)
                return rc;
            if (is_name) {
                rc = each_part(t, w, n, name_part, &sp);
                if (rc != CR_OK)
                    return rc;
            }
        }
        /* a span is a run of adjacent name words */
        if (!is_name && prev_name) {
            rc = span_end(t, &sp);
            if (rc != CR_OK)
                return rc;
        }
        prev_name = is_name;
    }
    return prev_name ? span_end(t, &sp) : CR_OK;
}

/* Title Case Headline: at least three words that are not stopwords, all
 * capitalized. Then every word's capital is uninformative. */
static int title_case(const text_ctx *t)
{
    size_t i, words = 0, fl;
    for (i = 0; i < t->ntok; i++) {
        if (t->tok[i].kind != CR_TOK_WORD)
            continue;
        fl = t->word[2 * i + 1];
        if (fl < 2 || is_stop_hash(t->stop, t->wstop[i], fl))
            continue;
        if (!(t->tok[i].flags & CR_TOK_CAPITALIZED))
            return 0;
        words++;
    }
    return words >= 3;
}

cr_status cri_story_features(cri_sfeats *f, const char *title,
                             const char *text, size_t text_len,
                             const cr_doc *doc, cr_stemmer *stem,
                             const char *lang, double title_weight,
                             cri_case_fn is_cap, void *cap_ctx)
{
    cr_status rc = CR_OK;
    cr_token *ttok = NULL;
    size_t nttok = 0, nbtok = 0, nsent = 0, c, need, cap;
    const cr_token *btok = NULL;
    const cr_span *sents = NULL;
    text_ctx tb, tt;
    int tcase = 0;
    stoplist stop;

    for (c = 0; c < CRI_NCHAN; c++)
        f->n[c] = 0;
    f->nmid = f->nlow = 0;
    if (doc) {
        btok = cr_doc_tokens(doc, &nbtok);
        sents = cr_doc_sentences(doc, &nsent);
    }
    if (title && *title) {
        rc = cr_tokenize(title, strlen(title), NULL, &ttok, &nttok);
        if (rc != CR_OK)
            goto done;
    }
    /* About three features per token (a term, a name, a span); the
     * table grows if a text has more. */
    need = (nbtok + nttok) * 3 + 16;
    f->fold_len = 0;
    if (table_reset(f, need) ||
        cri_grow((void **)&f->tokflag, &f->tokflag_cap, nbtok + nttok + 1, 1) ||
        cri_grow((void **)&f->word, &f->word_cap, 2 * (nbtok + nttok) + 2,
                 sizeof *f->word) ||
        cri_grow((void **)&f->wstop, &f->wstop_cap, nbtok + nttok + 1,
                 sizeof *f->wstop)) {
        rc = CR_ENOMEM;
        goto done;
    }
    cap = 64;
    while (cap < (nbtok + nttok) * 2)
        cap *= 2;
    if (keys_reset(&f->dn_key, &f->dn_used, &f->dn_cap, &f->dn_nused, cap) <
        0) {
        rc = CR_ENOMEM;
        goto done;
    }

    memset(&tb, 0, sizeof tb);
    tb.f = f;
    tb.s = text;
    tb.tok = btok;
    tb.ntok = nbtok;
    tb.flag = f->tokflag;
    tb.word = f->word;
    tb.wstop = f->wstop;
    tb.lead = title_weight > 1.0 ? (float)(title_weight - 1.0) : 0.0f;
    tb.w = 1.0f + tb.lead;
    tb.sents = sents;
    tb.nsent = nsent;
    if (stoplist_get(f, lang, &stop)) {
        rc = CR_ENOMEM;
        goto done;
    }
    if (!f->term_tab) {
        f->term_tab = calloc(2 * TERM_CACHE, sizeof *f->term_tab);
        if (!f->term_tab) {
            rc = CR_ENOMEM;
            goto done;
        }
        f->term_stem = stem;
        f->term_stop = stop.src;
    } else if (f->term_stem != (const void *)stem ||
               f->term_stop != (const void *)stop.src) {
        memset(f->term_tab, 0, 2 * TERM_CACHE * sizeof *f->term_tab);
        f->term_stem = stem;
        f->term_stop = stop.src;
    }
    tb.stem = stem;
    tb.stop = &stop;
    tb.is_cap = is_cap;
    tb.cap_ctx = cap_ctx;
    tb.docnames = f->dn_key;
    tb.docnames_mask = f->dn_cap - 1;
    tb.docnames_used = f->dn_used;
    tb.docnames_nused = &f->dn_nused;
    tt = tb;
    tt.s = title;
    tt.tok = ttok;
    tt.ntok = nttok;
    tt.flag = f->tokflag + nbtok;
    tt.word = f->word + 2 * nbtok;
    tt.wstop = f->wstop + nbtok;
    tt.w = (float)title_weight;
    tt.sents = NULL;

    rc = fold_words(&tb);
    if (rc == CR_OK)
        rc = fold_words(&tt);
    if (rc != CR_OK)
        goto done;
    if (nttok)
        tcase = title_case(&tt);
    mark_initial(&tb, sents, nsent, 0);
    mark_initial(&tt, NULL, 0, tcase);
    rc = pass_case(&tb);
    if (rc == CR_OK)
        rc = pass_case(&tt);
    if (rc == CR_OK)
        rc = pass_emit(&tb);
    if (rc == CR_OK)
        rc = pass_emit(&tt);
    if (rc != CR_OK)
        goto done;
    for (c = 0; c < CRI_NCHAN; c++) {
        size_t j;
        for (j = 0; j < f->n[c]; j++)
            f->v[c][j].w = f->v[c][j].w <= 1.0f ? f->v[c][j].w
                                                 : 1.0f + logf(f->v[c][j].w);
    }
done:
    free(ttok);
    return rc;
}
