/*
 * test_stories.c — the online story clusterer (src/stories/): the seed pair
 * is one story; two events of one topic ("Tara Reid enters rehab" and
 * "Lindsay Lohan enters rehab") stay apart; the same report two years later
 * is a new story; the same calls give the same stories; stories retire by
 * window and by the active cap, keep their summary, and can be released;
 * empty text, missing or bad dates and bad arguments are handled; labels.
 *
 * The seed articles are read from examples/seeds/ (the tests run from the
 * repository root); every other text is written here.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread.h"

/* --- helpers ------------------------------------------------------------ */

/* An article on the stack; strings borrowed (never cleared). */
static cr_article art(const char *id, const char *title, const char *text,
                      const char *published)
{
    cr_article a;
    memset(&a, 0, sizeof a);
    a.id = (char *)id;
    a.title = (char *)title;
    a.text = (char *)(text ? text : "");
    a.text_len = text ? strlen(text) : 0;
    a.published = (char *)published;
    a.lang = (char *)"en";
    return a;
}

static int64_t add(cr_clusterer *c, int64_t key, const cr_article *a)
{
    cr_story_match m;
    assert_int_equal(cr_clusterer_add(c, key, a, NULL, &m), CR_OK);
    assert_true(m.story > 0);
    return m.story;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    assert_non_null(buf);
    *len = fread(buf, 1, (size_t)n, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

/* Parse a seed article (cr_parse_text). Returns 0 when the file is not
 * there (the test is then skipped). */
static int seed(const char *name, cr_article *out)
{
    char path[256];
    size_t len = 0;
    char *buf;
    snprintf(path, sizeof path, "examples/seeds/%s", name);
    buf = slurp(path, &len);
    if (!buf) {
        snprintf(path, sizeof path, "../examples/seeds/%s", name);
        buf = slurp(path, &len);
    }
    if (!buf)
        return 0;
    assert_int_equal(cr_parse_text(buf, len, name, NULL, out, NULL), CR_OK);
    free(buf);
    return 1;
}

#define SEED_A "000_ff2d2d851122c57f.txt"
#define SEED_B "004_6fa277031cd45622.txt"

/* Same topic, two events: two outlets each. */
static const char *const REID[][2] = {
    {"Tara Reid checks into rehab at Promises",
     "Actress Tara Reid has checked herself into the Promises Treatment "
     "Center in Malibu, her publicist Jack Ketsoyan said on Friday. The "
     "33-year-old American Pie star entered the facility on Tuesday, "
     "Ketsoyan told People magazine. \"We appreciate your respect to her "
     "and her family's privacy at this time,\" he said. Reid has long been "
     "a fixture of the Hollywood party scene."},
    {"American Pie actress Tara Reid enters rehab",
     "Tara Reid is seeking treatment at Promises in Malibu, according to "
     "her representative Jack Ketsoyan. The actress, 33, went to the "
     "treatment center earlier this week. Ketsoyan did not say what Reid "
     "was being treated for and asked for privacy for Reid and her "
     "family. The American Pie star was once a regular of the tabloids."},
};
static const char *const LOHAN[][2] = {
    {"Lindsay Lohan checks into Betty Ford Center",
     "Lindsay Lohan checked into the Betty Ford Center in Rancho Mirage "
     "late Thursday to begin a 90-day court-ordered rehab stay, her lawyer "
     "Shawn Holley said. The 26-year-old actress had left a Newport Beach "
     "facility within minutes on Thursday. Judge James Dabney had ordered "
     "Lohan into treatment after her car crash case."},
    {"Lohan enters rehab at Betty Ford after court order",
     "Actress Lindsay Lohan is at the Betty Ford Center, attorney Shawn "
     "Holley confirmed on Friday, complying with the sentence handed down "
     "by Judge James Dabney. Lohan, 26, must spend 90 days in a locked "
     "rehab facility. She had briefly checked into a Newport Beach clinic "
     "that the court had not approved."},
};

/* --- the seed pair ------------------------------------------------------ */

static void test_seed_pair_one_story(void **state)
{
    cr_article a, b;
    cr_clusterer *c;
    cr_story_match m;
    cr_story_info info;
    (void)state;
    if (!seed(SEED_A, &a))
        skip();
    assert_true(seed(SEED_B, &b));
    assert_int_equal(cr_clusterer_new(NULL, &c), CR_OK);
    assert_int_equal(cr_clusterer_add(c, 1, &a, NULL, &m), CR_OK);
    assert_int_equal(m.is_new, 1);
    assert_int_equal(cr_clusterer_add(c, 2, &b, NULL, &m), CR_OK);
    assert_int_equal(m.is_new, 0);
    assert_int_equal(m.story, 1);
    assert_true(m.score >= 0.30);
    assert_int_equal(cr_story_get(c, 1, &info), CR_OK);
    assert_int_equal(info.articles, 2);
    assert_int_equal(info.active, 1);
    /* 004 is dated by its marker, 000 is not */
    assert_int_equal(info.first, 1694563200); /* 2023-09-13 */
    assert_int_equal(info.last, 1694563200);
    assert_non_null(strstr(info.label, "Kim Jong"));
    cr_clusterer_free(c);

    /* the other order, and among unrelated news */
    assert_int_equal(cr_clusterer_new(NULL, &c), CR_OK);
    {
        cr_article r0 = art("r0", REID[0][0], REID[0][1], NULL);
        cr_article l0 = art("l0", LOHAN[0][0], LOHAN[0][1], NULL);
        int64_t s1, s2, s3, s4;
        s1 = add(c, 1, &r0);
        s2 = add(c, 2, &b);
        s3 = add(c, 3, &l0);
        s4 = add(c, 4, &a);
        assert_int_equal(s4, s2);
        assert_int_not_equal(s2, s1);
        assert_int_not_equal(s2, s3);
    }
    cr_clusterer_free(c);
    cr_article_clear(&a);
    cr_article_clear(&b);
}

/* --- hard negatives ----------------------------------------------------- */

static void test_same_topic_other_event_apart(void **state)
{
    cr_clusterer *c;
    int order, i;
    (void)state;
    /* interleaved both ways: each event is one story, never the other's */
    for (order = 0; order < 2; order++) {
        int64_t r[2], l[2];
        assert_int_equal(cr_clusterer_new(NULL, &c), CR_OK);
        for (i = 0; i < 2; i++) {
            cr_article ra = art("r", REID[i][0], REID[i][1], NULL);
            cr_article la = art("l", LOHAN[i][0], LOHAN[i][1], NULL);
            if (order == 0) {
                r[i] = add(c, 2 * i, &ra);
                l[i] = add(c, 2 * i + 1, &la);
            } else {
                l[i] = add(c, 2 * i, &la);
                r[i] = add(c, 2 * i + 1, &ra);
            }
        }
        assert_int_equal(r[0], r[1]);
        assert_int_equal(l[0], l[1]);
        assert_int_not_equal(r[0], l[0]);
        cr_clusterer_free(c);
    }
}

/* --- time --------------------------------------------------------------- */

static void test_two_years_apart(void **state)
{
    cr_clusterer *c;
    cr_article a0 = art("a0", REID[0][0], REID[0][1], "2021-03-05");
    cr_article a1 = art("a1", REID[1][0], REID[1][1], "2021-03-06");
    cr_article b0 = art("b0", REID[0][0], REID[0][1], "2023-03-05");
    cr_article u = art("u", REID[1][0], REID[1][1], NULL);
    int64_t s0, s1, s2;
    (void)state;
    assert_int_equal(cr_clusterer_new(NULL, &c), CR_OK);
    s0 = add(c, 1, &a0);
    s1 = add(c, 2, &a1);
    assert_int_equal(s0, s1); /* a day apart: one story */
    s2 = add(c, 3, &b0);      /* the very same text two years on */
    assert_int_not_equal(s2, s0);
    /* an undated copy ignores time: it joins one of them */
    assert_true(add(c, 4, &u) == s2);
    cr_clusterer_free(c);

    /* with time ignored (half_life 0, no window) they are one story */
    {
        cr_story_opts o;
        cr_story_opts_default(&o);
        o.half_life = 0;
        o.window = 0;
        assert_int_equal(cr_clusterer_new(&o, &c), CR_OK);
        s0 = add(c, 1, &a0);
        assert_int_equal(add(c, 2, &b0), s0);
        cr_clusterer_free(c);
    }
}

/* A story's time is its centre, not its newest article: the same text every
 * day makes one story for a few weeks, then a new one, not one story for
 * ever; a follow-up days after a burst still joins it. */
static void test_no_endless_chain(void **state)
{
    cr_clusterer *c;
    char date[16];
    int64_t first = 0, cur = 0, s;
    int day, nstories = 0, run = 0, longest = 0;
    (void)state;
    assert_int_equal(cr_clusterer_new(NULL, &c), CR_OK);
    for (day = 0; day < 90; day++) {
        cr_article a;
        snprintf(date, sizeof date, "2020-%02d-%02d", 1 + day / 30,
                 1 + day % 30);
        a = art("d", REID[0][0], REID[0][1], date);
        s = add(c, day, &a);
        if (day == 0)
            first = s;
        if (day < 10)
            assert_int_equal(s, first); /* a continuing event */
        if (s != cur) {
            nstories++;
            run = 0;
            cur = s;
        }
        if (++run > longest)
            longest = run;
    }
    assert_true(nstories >= 3);
    assert_true(longest <= 40);
    cr_clusterer_free(c);

    /* a burst, then a follow-up four days on: one story */
    assert_int_equal(cr_clusterer_new(NULL, &c), CR_OK);
    for (day = 0; day < 5; day++) {
        cr_article a = art("b", REID[day % 2][0], REID[day % 2][1],
                           "2020-05-01");
        s = add(c, day, &a);
        if (day == 0)
            first = s;
        assert_int_equal(s, first);
    }
    {
        cr_article f = art("f", REID[1][0], REID[1][1], "2020-05-05");
        assert_int_equal(add(c, 9, &f), first);
    }
    cr_clusterer_free(c);
}

/* --- determinism -------------------------------------------------------- */

static void run_sequence(int64_t *stories, double *scores, size_t *n)
{
    cr_clusterer *c;
    cr_article a, b;
    int have = seed(SEED_A, &a) && seed(SEED_B, &b);
    size_t k = 0;
    int i;
    cr_story_match m;
    assert_int_equal(cr_clusterer_new(NULL, &c), CR_OK);
    for (i = 0; i < 2; i++) {
        cr_article r = art("r", REID[i][0], REID[i][1], "2013-08-01");
        cr_article l = art("l", LOHAN[i][0], LOHAN[i][1], "2013-08-02");
        assert_int_equal(cr_clusterer_add(c, (int64_t)k, &r, NULL, &m),
                         CR_OK);
        stories[k] = m.story;
        scores[k++] = m.score;
        assert_int_equal(cr_clusterer_add(c, (int64_t)k, &l, NULL, &m),
                         CR_OK);
        stories[k] = m.story;
        scores[k++] = m.score;
    }
    if (have) {
        assert_int_equal(cr_clusterer_add(c, (int64_t)k, &a, NULL, &m),
                         CR_OK);
        stories[k] = m.story;
        scores[k++] = m.score;
        assert_int_equal(cr_clusterer_add(c, (int64_t)k, &b, NULL, &m),
                         CR_OK);
        stories[k] = m.story;
        scores[k++] = m.score;
        cr_article_clear(&a);
        cr_article_clear(&b);
    }
    *n = k;
    cr_clusterer_free(c);
}

static void test_deterministic(void **state)
{
    int64_t s1[8], s2[8];
    double c1[8], c2[8];
    size_t n1, n2, i;
    (void)state;
    run_sequence(s1, c1, &n1);
    run_sequence(s2, c2, &n2);
    assert_int_equal(n1, n2);
    for (i = 0; i < n1; i++) {
        assert_int_equal(s1[i], s2[i]);
        assert_memory_equal(&c1[i], &c2[i], sizeof c1[i]);
    }
}

/* --- retirement --------------------------------------------------------- */

static void test_retirement(void **state)
{
    cr_clusterer *c;
    cr_story_opts o;
    cr_story_info info;
    cr_story_stats st;
    const int64_t *keys;
    size_t n;
    cr_article r0 = art("r0", REID[0][0], REID[0][1], "2020-01-01");
    cr_article r1 = art("r1", REID[1][0], REID[1][1], "2020-01-02");
    cr_article l0 = art("l0", LOHAN[0][0], LOHAN[0][1], "2020-02-15");
    cr_article late = art("late", REID[1][0], REID[1][1], "2020-02-16");
    int64_t s, t;
    (void)state;
    assert_int_equal(cr_clusterer_new(NULL, &c), CR_OK);
    s = add(c, 10, &r0);
    assert_int_equal(add(c, 11, &r1), s);
    /* six weeks later: the window (14 days) retires the first story */
    t = add(c, 12, &l0);
    assert_int_not_equal(t, s);
    assert_int_equal(cr_story_get(c, s, &info), CR_OK);
    assert_int_equal(info.active, 0);
    assert_int_equal(info.articles, 2);
    assert_string_equal(info.label, REID[0][0]);
    assert_int_equal(cr_story_members(c, s, &keys, &n), CR_OK);
    assert_int_equal(n, 2);
    assert_int_equal(keys[0], 10);
    assert_int_equal(keys[1], 11);
    /* a retired story takes no more articles */
    assert_int_not_equal(add(c, 13, &late), s);
    cr_clusterer_stats(c, &st);
    assert_int_equal(st.articles, 4);
    assert_int_equal(st.stories, 3);
    assert_int_equal(st.active, 2);
    assert_true(st.memory > 0);
    /* release: only retired stories */
    assert_int_equal(cr_story_release(c, t), CR_EINVAL);
    assert_int_equal(cr_story_release(c, s), CR_OK);
    assert_int_equal(cr_story_get(c, s, &info), CR_ENOTFOUND);
    assert_int_equal(cr_story_release(c, s), CR_ENOTFOUND);
    /* explicit retirement of everything */
    assert_int_equal(cr_clusterer_retire(c, INT64_MAX, &n), CR_OK);
    assert_int_equal(n, 2);
    cr_clusterer_stats(c, &st);
    assert_int_equal(st.active, 0);
    cr_clusterer_free(c);

    /* the active cap retires the least recently active story */
    cr_story_opts_default(&o);
    o.max_active = 1;
    assert_int_equal(cr_clusterer_new(&o, &c), CR_OK);
    r0.published = l0.published = NULL;
    s = add(c, 1, &r0);
    t = add(c, 2, &l0);
    assert_int_not_equal(s, t);
    assert_int_equal(cr_story_get(c, s, &info), CR_OK);
    assert_int_equal(info.active, 0);
    assert_int_equal(cr_story_get(c, t, &info), CR_OK);
    assert_int_equal(info.active, 1);
    cr_clusterer_free(c);
}

/* --- bad input ---------------------------------------------------------- */

static void test_empty_and_undated(void **state)
{
    cr_clusterer *c;
    cr_story_info info;
    cr_story_match m;
    cr_article headline = art("h", "Tara Reid checks into rehab at Promises",
                              NULL, NULL);
    cr_article nothing = art("n", NULL, "", NULL);
    cr_article punct = art("p", "...", "!!! ?? --", NULL);
    cr_article baddate = art("b", REID[1][0], REID[1][1], "2023-02-30");
    cr_article notitle = art("t", NULL,
                             "Tara Reid has entered rehab in Malibu. Her "
                             "publicist confirmed it on Friday.",
                             "yesterday");
    int64_t s, x;
    (void)state;
    assert_int_equal(cr_clusterer_new(NULL, &c), CR_OK);
    /* headline-only item: clustered by its headline */
    s = add(c, 1, &headline);
    assert_int_equal(add(c, 2, &baddate), s); /* bad date: time ignored */
    /* no words at all: a story of its own */
    x = add(c, 3, &nothing);
    assert_int_not_equal(x, s);
    assert_int_not_equal(add(c, 4, &punct), s);
    /* without a title the label is the lead sentence */
    assert_int_equal(cr_clusterer_add(c, 5, &notitle, NULL, &m), CR_OK);
    assert_int_equal(cr_story_get(c, x, &info), CR_OK);
    assert_int_equal(info.articles, 1);
    assert_string_equal(info.label, "");
    assert_int_equal(info.first, 0);
    {
        cr_clusterer *d;
        int64_t y;
        assert_int_equal(cr_clusterer_new(NULL, &d), CR_OK);
        y = add(d, 1, &notitle);
        assert_int_equal(cr_story_get(d, y, &info), CR_OK);
        assert_string_equal(info.label, "Tara Reid has entered rehab in "
                                        "Malibu.");
        cr_clusterer_free(d);
    }
    cr_clusterer_free(c);
}

static void test_with_doc_and_bad_args(void **state)
{
    cr_clusterer *c;
    cr_story_opts o;
    cr_doc *doc;
    cr_story_match m1, m2;
    cr_story_info info;
    const int64_t *keys;
    size_t n;
    cr_article a = art("a", REID[0][0], REID[0][1], NULL);
    (void)state;
    /* a doc given or analysed here: the same result */
    assert_int_equal(cr_doc_analyze(a.text, a.text_len, "en", NULL, &doc),
                     CR_OK);
    assert_int_equal(cr_clusterer_new(NULL, &c), CR_OK);
    assert_int_equal(cr_clusterer_add(c, 1, &a, doc, &m1), CR_OK);
    assert_int_equal(cr_clusterer_add(c, 2, &a, NULL, &m2), CR_OK);
    assert_int_equal(m1.story, m2.story);
    assert_true(m2.score > 0.99);
    assert_int_equal(cr_clusterer_add(c, 3, &a, doc, NULL), CR_OK);
    cr_doc_free(doc);

    assert_int_equal(cr_clusterer_add(NULL, 1, &a, NULL, NULL), CR_EINVAL);
    assert_int_equal(cr_clusterer_add(c, 1, NULL, NULL, NULL), CR_EINVAL);
    assert_int_equal(cr_story_get(c, 99, &info), CR_ENOTFOUND);
    assert_int_equal(cr_story_members(c, 99, &keys, &n), CR_ENOTFOUND);
    assert_int_equal(cr_story_get(c, 1, NULL), CR_EINVAL);
    assert_int_equal(cr_clusterer_retire(NULL, 0, NULL), CR_EINVAL);
    cr_clusterer_free(c);
    cr_clusterer_free(NULL);

    cr_story_opts_default(&o);
    o.threshold = 0;
    assert_int_equal(cr_clusterer_new(&o, &c), CR_EINVAL);
    cr_story_opts_default(&o);
    o.w_terms = o.w_names = o.w_numbers = 0;
    assert_int_equal(cr_clusterer_new(&o, &c), CR_EINVAL);
    cr_story_opts_default(&o);
    o.title_weight = 100;
    assert_int_equal(cr_clusterer_new(&o, &c), CR_EINVAL);
    cr_story_opts_default(&o);
    o.max_active = 0;
    assert_int_equal(cr_clusterer_new(&o, &c), CR_EINVAL);
    cr_story_opts_default(&o);
    o.window = -1;
    assert_int_equal(cr_clusterer_new(&o, &c), CR_EINVAL);
    assert_int_equal(cr_clusterer_new(NULL, NULL), CR_EINVAL);
}

/* Many stories: ids, members and retirement stay consistent while slots
 * are reused and the index compacts. */
static void test_many_stories(void **state)
{
    cr_clusterer *c;
    cr_story_opts o;
    cr_story_stats st;
    char title[64], text[256];
    int i;
    int64_t last = 0;
    (void)state;
    cr_story_opts_default(&o);
    o.max_active = 50;
    assert_int_equal(cr_clusterer_new(&o, &c), CR_OK);
    for (i = 0; i < 600; i++) {
        /* every 3 consecutive articles share a made-up name and number */
        int g = i / 3;
        cr_article a;
        int64_t s;
        snprintf(title, sizeof title, "Zorblat%d Quennick reports %d",
                 g, 1000 + g);
        snprintf(text, sizeof text,
                 "The firm Zorblat%d Quennick said %d units were shipped "
                 "from Vorlund%d. Analysts at Mirabel%d expect more.",
                 g, 1000 + g, g, g);
        a = art("x", title, text, NULL);
        s = add(c, i, &a);
        if (i % 3 == 0) {
            assert_true(s > last);
            last = s;
        } else {
            assert_int_equal(s, last);
        }
    }
    cr_clusterer_stats(c, &st);
    assert_int_equal(st.stories, 200);
    assert_true(st.active <= 50);
    cr_clusterer_free(c);
}

/* Cached norms follow the IDF: an article added again after the stream
 * has grown twentyfold (many IDF epochs, its story untouched meanwhile)
 * still scores as a copy (cosine 1 in every channel), and one that shares
 * only its topic words does not join. */
static void test_norms_across_epochs(void **state)
{
    cr_clusterer *c;
    cr_story_match m;
    cr_article a, b;
    char title[64], text[256];
    int i;
    (void)state;
    assert_int_equal(cr_clusterer_new(NULL, &c), CR_OK);
    a = art("a", "Quarnby council approves Telvik bridge plan",
            "The Quarnby council approved on Tuesday a 240 million plan for "
            "the Telvik bridge, mayor Ilse Brondar said.", NULL);
    assert_int_equal(cr_clusterer_add(c, 0, &a, NULL, &m), CR_OK);
    assert_int_equal(m.is_new, 1);
    for (i = 1; i <= 40; i++) {
        snprintf(title, sizeof title, "Vendel%d opens the Sarro%d plant", i,
                 i);
        snprintf(text, sizeof text,
                 "Vendel%d opened on Friday the Sarro%d plant, with %d "
                 "jobs, the council said of the bridge and the plan.",
                 i, i, 100 + i);
        b = art("x", title, text, NULL);
        assert_int_equal(cr_clusterer_add(c, i, &b, NULL, &m), CR_OK);
        assert_int_equal(m.is_new, 1);
    }
    assert_int_equal(cr_clusterer_add(c, 41, &a, NULL, &m), CR_OK);
    assert_int_equal(m.story, 1);
    assert_true(m.score > 0.99 && m.score < 1.01);
    cr_clusterer_free(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_pair_one_story),
        cmocka_unit_test(test_same_topic_other_event_apart),
        cmocka_unit_test(test_two_years_apart),
        cmocka_unit_test(test_no_endless_chain),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_retirement),
        cmocka_unit_test(test_empty_and_undated),
        cmocka_unit_test(test_with_doc_and_bad_args),
        cmocka_unit_test(test_many_stories),
        cmocka_unit_test(test_norms_across_epochs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
