/*
 * test_entities.c — entities with aliases (cr_extract_entities), the merge
 * of a story's entity sets (cr_entities_merge), cited sources
 * (cr_extract_cites) and the whole stage in one call (cr_extract_all: the
 * same results as the four extractors): the seed articles (PRODUCT.md,
 * seed case points 5 and 6), every pattern (titles, honorifics, particles, hyphens and
 * diacritics, appositions before and after a name, roles through
 * demonyms and institutions, gazetteer names, organisation and place
 * words), the failure cases (ambiguous surnames and roles, sentence
 * openers, capitalised words that are not names, empty input), the
 * order of the generated tables, and the packed short words (cri_w16_pack)
 * the word lists are indexed by.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crossread.h"
#include "seed.h"
#include "extract/extract.h"

typedef struct got {
    char *text;
    size_t len;
    cr_entity_set s;
    cr_cite *c;
    size_t nc;
} got;

static void check_invariants(const got *g)
{
    size_t i;
    uint32_t *seen = calloc(g->s.n_entities + 1, sizeof *seen);
    assert_non_null(seen);
    for (i = 0; i < g->s.n_mentions; i++) {
        const cr_mention *m = &g->s.mentions[i];
        assert_true(m->start < m->end && m->end <= g->len);
        assert_true(m->entity < g->s.n_entities);
        assert_true(m->how >= CR_MENTION_NAME && m->how <= CR_MENTION_DEMONYM);
        assert_true(m->confidence > 0 && m->confidence <= 1);
        assert_true(i == 0 || g->s.mentions[i - 1].start < m->start ||
                    (g->s.mentions[i - 1].start == m->start &&
                     g->s.mentions[i - 1].end >= m->end));
        /* entities are numbered in order of first mention */
        if (!seen[m->entity]) {
            size_t k, first = 0;
            for (k = 0; k < g->s.n_entities; k++)
                first += seen[k] != 0;
            assert_int_equal(m->entity, first);
        }
        seen[m->entity]++;
    }
    for (i = 0; i < g->s.n_entities; i++) {
        const cr_entity *e = &g->s.entities[i];
        assert_int_equal(seen[i], e->mentions);
        assert_true(e->mentions > 0);
        assert_non_null(e->name);
        assert_non_null(e->key);
        assert_true(e->type >= CR_ENT_PERSON && e->type <= CR_ENT_OTHER);
        assert_true(e->confidence > 0 && e->confidence <= 1);
    }
    free(seen);
    for (i = 0; i < g->nc; i++) {
        const cr_cite *c = &g->c[i];
        assert_true(c->start < c->end && c->end <= g->len);
        assert_non_null(c->name);
        assert_true(strlen(c->name) > 0);
        assert_true(c->kind >= CR_CITE_AGENCY && c->kind <= CR_CITE_CREDIT);
        assert_true(c->cue.start <= c->cue.end && c->cue.end <= g->len);
        assert_true(c->cited_by >= -1 && c->cited_by < (int32_t)g->nc &&
                    c->cited_by != (int32_t)i);
        assert_true(c->entity >= -1 && c->entity < (int32_t)g->s.n_entities);
        assert_true(c->confidence > 0 && c->confidence <= 1);
        assert_true(i == 0 || g->c[i - 1].start <= c->start);
    }
}

static void extract(got *g, const char *text, size_t len)
{
    cr_doc *doc = NULL;
    memset(g, 0, sizeof *g);
    g->text = malloc(len + 1);
    assert_non_null(g->text);
    memcpy(g->text, text, len);
    g->text[len] = '\0';
    g->len = len;
    assert_int_equal(cr_doc_analyze(g->text, len, "en", NULL, &doc), CR_OK);
    assert_int_equal(cr_extract_entities(g->text, len, doc, NULL, &g->s), CR_OK);
    assert_int_equal(cr_extract_cites(g->text, len, doc, &g->s, NULL, &g->c,
                                      &g->nc), CR_OK);
    cr_doc_free(doc);
    check_invariants(g);
}

static void run(got *g, const char *text) { extract(g, text, strlen(text)); }

static void got_free(got *g)
{
    cr_entity_set_clear(&g->s);
    cr_cites_free(g->c, g->nc);
    free(g->text);
}

static void read_seed(got *g, const char *path)
{
    cr_article a;
    seed_article(path, &a);
    extract(g, a.text, a.text_len);
    cr_article_clear(&a);
}

/* The entity named `name`, or -1. */
static int ent(const got *g, const char *name)
{
    size_t i;
    for (i = 0; i < g->s.n_entities; i++)
        if (strcmp(g->s.entities[i].name, name) == 0)
            return (int)i;
    return -1;
}

/* The entity of a mention written exactly as `text`, or -1 (none: -1;
 * several different entities: -2). */
static int ent_of(const got *g, const char *text)
{
    size_t i, n = strlen(text);
    int found = -1;
    for (i = 0; i < g->s.n_mentions; i++) {
        const cr_mention *m = &g->s.mentions[i];
        if (m->end - m->start == n && memcmp(g->text + m->start, text, n) == 0) {
            if (found >= 0 && found != (int)m->entity)
                return -2;
            found = (int)m->entity;
        }
    }
    return found;
}

/* Entity `name` exists with this type, and each alias (NULL-terminated
 * list) is a mention of it. */
static void expect_entity(const got *g, const char *name, int type, ...)
{
    va_list ap;
    const char *alias;
    int e = ent(g, name);
    if (e < 0)
        fail_msg("no entity '%s'", name);
    if (g->s.entities[e].type != type)
        fail_msg("'%s' has type %d, want %d", name, g->s.entities[e].type, type);
    va_start(ap, type);
    while ((alias = va_arg(ap, const char *)) != NULL) {
        int a = ent_of(g, alias);
        if (a != e) {
            va_end(ap);
            fail_msg("'%s' is entity %d ('%s'), want '%s'", alias, a,
                     a >= 0 ? g->s.entities[a].name : "none", name);
        }
    }
    va_end(ap);
}

static size_t count_type(const got *g, int type)
{
    size_t i, n = 0;
    for (i = 0; i < g->s.n_entities; i++)
        n += g->s.entities[i].type == type;
    return n;
}

/* --- the seeds ----------------------------------------------------------- */

static void test_seed_000_entities(void **state)
{
    got g;
    (void)state;
    read_seed(&g, "examples/seeds/000_ff2d2d851122c57f.txt");
    expect_entity(&g, "Kim Jong-Un", CR_ENT_PERSON, "Kim Jong-Un", "Kim",
                  "The North Korean leader", "North Korean leader", NULL);
    expect_entity(&g, "Vladimir Putin", CR_ENT_PERSON, "Vladimir Putin",
                  "Putin", "the Kremlin leader", NULL);
    expect_entity(&g, "Dmitry Peskov", CR_ENT_PERSON, "Dmitry Peskov",
                  "Kremlin spokesperson", NULL);
    expect_entity(&g, "Sergei Shoigu", CR_ENT_PERSON, "Sergei Shoigu", NULL);
    assert_int_equal(count_type(&g, CR_ENT_PERSON), 4); /* nobody else */
    expect_entity(&g, "Russia", CR_ENT_PLACE, "Russia", "Russian", NULL);
    expect_entity(&g, "North Korea", CR_ENT_PLACE, "North Korea", NULL);
    expect_entity(&g, "Pyongyang", CR_ENT_PLACE, "Pyongyang", NULL);
    expect_entity(&g, "Moscow", CR_ENT_PLACE, "Moscow", NULL);
    expect_entity(&g, "Ukraine", CR_ENT_PLACE, "Ukraine", NULL);
    expect_entity(&g, "Amur Oblast", CR_ENT_PLACE, "Amur Oblast", NULL);
    expect_entity(&g, "Vostochny Cosmodrome", CR_ENT_PLACE,
                  "Vostochny Cosmodrome", NULL);
    expect_entity(&g, "Washington", CR_ENT_PLACE, "Washington", NULL);
    expect_entity(&g, "RIA Novosti", CR_ENT_ORG, "RIA Novosti", NULL);
    expect_entity(&g, "TASS", CR_ENT_ORG, "TASS", NULL);
    expect_entity(&g, "Kremlin", CR_ENT_ORG, "Kremlin", NULL);
    assert_int_equal(g.s.entities[ent(&g, "TASS")].cls, CR_ENTC_AGENCY);
    assert_int_equal(g.s.entities[ent(&g, "Kremlin")].cls, CR_ENTC_GOVERNMENT);
    assert_string_equal(g.s.entities[ent(&g, "Kim Jong-Un")].country,
                        "North Korea");
    assert_string_equal(g.s.entities[ent(&g, "Dmitry Peskov")].role,
                        "Kremlin spokesperson");
    /* capitalised words that name nothing on their own */
    assert_int_equal(ent(&g, "Victory"), -1);
    assert_int_equal(ent(&g, "Sept"), -1);
    assert_int_equal(ent(&g, "Citing"), -1);
    got_free(&g);
}

static void test_seed_004_entities(void **state)
{
    got g;
    (void)state;
    read_seed(&g, "examples/seeds/004_6fa277031cd45622.txt");
    expect_entity(&g, "Kim Jong Un", CR_ENT_PERSON, "Kim Jong Un",
                  "North Korea's leader", "North Korean leader", NULL);
    expect_entity(&g, "Vladimir Putin", CR_ENT_PERSON, "Vladimir Putin",
                  "the Russian leader", "Russian president", NULL);
    assert_int_equal(count_type(&g, CR_ENT_PERSON), 2);
    expect_entity(&g, "Russia", CR_ENT_PLACE, "Russia", NULL);
    expect_entity(&g, "North Korea", CR_ENT_PLACE, "North Korea", NULL);
    expect_entity(&g, "Moscow", CR_ENT_PLACE, "Moscow", NULL);
    expect_entity(&g, "Pyongyang", CR_ENT_PLACE, "Pyongyang", NULL);
    expect_entity(&g, "Ukraine", CR_ENT_PLACE, "Ukraine", NULL);
    expect_entity(&g, "Reuters", CR_ENT_ORG, "Reuters", NULL);
    got_free(&g);
}

static void test_seed_merge(void **state)
{
    got a, b;
    cr_entity_set sets[2], story;
    uint32_t *map = NULL;
    size_t off;
    (void)state;
    read_seed(&a, "examples/seeds/000_ff2d2d851122c57f.txt");
    read_seed(&b, "examples/seeds/004_6fa277031cd45622.txt");
    sets[0] = a.s;
    sets[1] = b.s;
    off = a.s.n_entities;
    assert_int_equal(cr_entities_merge(sets, 2, &story, &map), CR_OK);
    assert_null(story.mentions);
    /* Kim Jong-Un = Kim Jong Un, Putin = Putin, Russia = Russia */
    assert_int_equal(map[ent(&a, "Kim Jong-Un")], map[off + ent(&b, "Kim Jong Un")]);
    assert_int_equal(map[ent(&a, "Vladimir Putin")],
                     map[off + ent(&b, "Vladimir Putin")]);
    assert_int_equal(map[ent(&a, "Russia")], map[off + ent(&b, "Russia")]);
    assert_true(map[ent(&a, "Kim Jong-Un")] != map[ent(&a, "Vladimir Putin")]);
    assert_true(map[ent(&a, "North Korea")] != map[ent(&a, "Kim Jong-Un")]);
    {
        const cr_entity *k = &story.entities[map[ent(&a, "Kim Jong-Un")]];
        assert_int_equal(k->articles, 2);
        assert_int_equal(k->type, CR_ENT_PERSON);
        assert_int_equal(k->mentions,
                         a.s.entities[ent(&a, "Kim Jong-Un")].mentions +
                             b.s.entities[ent(&b, "Kim Jong Un")].mentions);
        assert_string_equal(k->key, "kim jong un");
    }
    /* entities one article has stay single */
    assert_int_equal(story.entities[map[ent(&a, "TASS")]].articles, 1);
    assert_int_equal(story.entities[map[off + ent(&b, "Reuters")]].articles, 1);
    free(map);
    cr_entity_set_clear(&story);
    got_free(&a);
    got_free(&b);
}

/* --- patterns ------------------------------------------------------------ */

static void test_spellings(void **state)
{
    got g;
    (void)state;
    /* hyphens, diacritics and titles do not split an entity */
    run(&g, "Kim Jong-un met officials in Pyongyang. Later Kim Jong Un left, "
            "and Mr. Kim said nothing. José Martínez spoke. Jose Martinez "
            "then left. President Vladimir Putin arrived; Putin smiled.");
    expect_entity(&g, "Kim Jong-un", CR_ENT_PERSON, "Kim Jong-un",
                  "Kim Jong Un", "Kim", NULL);
    expect_entity(&g, "José Martínez", CR_ENT_PERSON, "Jose Martinez", NULL);
    expect_entity(&g, "Vladimir Putin", CR_ENT_PERSON, "Putin", NULL);
    assert_int_equal(count_type(&g, CR_ENT_PERSON), 3);
    got_free(&g);
    /* particles stay inside a name */
    run(&g, "Ursula von der Leyen visited Kyiv on Monday. Later von der "
            "Leyen met Abu Bakr al-Baghdadi's envoy. Ludwig van Beethoven wrote.");
    expect_entity(&g, "Ursula von der Leyen", CR_ENT_PERSON,
                  "Ursula von der Leyen", "von der Leyen", NULL);
    expect_entity(&g, "Ludwig van Beethoven", CR_ENT_PERSON, NULL);
    expect_entity(&g, "Kyiv", CR_ENT_PLACE, NULL);
    assert_int_equal(ent(&g, "Monday"), -1);
    got_free(&g);
    /* a plural title is a title too */
    run(&g, "Sens. Jon Tester and David Vitter wrote to the bank. Sens. "
            "Tester and Vitter signed.");
    assert_int_equal(ent(&g, "Sens"), -1);
    expect_entity(&g, "Jon Tester", CR_ENT_PERSON, "Tester", NULL);
    got_free(&g);
    /* a name may hold a May */
    run(&g, "Prime Minister Theresa May spoke in May 2017.");
    expect_entity(&g, "Theresa May", CR_ENT_PERSON, NULL);
    got_free(&g);
}

static void test_ambiguous(void **state)
{
    got g;
    (void)state;
    /* a surname two people share is not guessed */
    run(&g, "John Smith met Mary Smith in London. Smith said it went well.");
    assert_int_equal(ent_of(&g, "Smith"), -1);
    expect_entity(&g, "John Smith", CR_ENT_PERSON, NULL);
    expect_entity(&g, "Mary Smith", CR_ENT_PERSON, NULL);
    got_free(&g);
    /* nor a role two people fit, nor a role with no modifier */
    run(&g, "Russian President Vladimir Putin met Belarusian President "
            "Alexander Lukashenko. The president said little, and the "
            "Belarusian leader smiled.");
    assert_int_equal(ent_of(&g, "The president"), -1);
    assert_int_equal(ent_of(&g, "the Belarusian leader"),
                     ent(&g, "Alexander Lukashenko"));
    got_free(&g);
    /* a lone surname with no full name stays itself */
    run(&g, "Trump said he would win. Trump later left.");
    assert_true(ent_of(&g, "Trump") >= 0);
    got_free(&g);
}

static void test_roles(void **state)
{
    got g;
    (void)state;
    /* appositions before and after the name; roles by demonym, possessive
       and institution (Kremlin -> Russia) */
    run(&g, "Dmitry Peskov, the Kremlin spokesman, spoke first. The Kremlin "
            "spokesman later added a line. Russia's foreign minister Sergei "
            "Lavrov met French President Emmanuel Macron. The French leader "
            "left; Russia's foreign minister stayed. The Russian foreign "
            "minister spoke.");
    expect_entity(&g, "Dmitry Peskov", CR_ENT_PERSON, "the Kremlin spokesman",
                  "The Kremlin spokesman", NULL);
    expect_entity(&g, "Sergei Lavrov", CR_ENT_PERSON,
                  "Russia's foreign minister", "The Russian foreign minister",
                  NULL);
    expect_entity(&g, "Emmanuel Macron", CR_ENT_PERSON, "The French leader",
                  NULL);
    assert_string_equal(g.s.entities[ent(&g, "Emmanuel Macron")].country,
                        "France");
    got_free(&g);
    /* a minister is not a leader */
    run(&g, "Russian President Vladimir Putin and Russian Prime Minister "
            "Mikhail Mishustin met. The Russian leader spoke, then the "
            "Russian prime minister.");
    expect_entity(&g, "Vladimir Putin", CR_ENT_PERSON, "The Russian leader",
                  NULL);
    expect_entity(&g, "Mikhail Mishustin", CR_ENT_PERSON,
                  "the Russian prime minister", NULL);
    got_free(&g);
}

static void test_gazetteer(void **state)
{
    got g;
    (void)state;
    run(&g, "US officials met WHO experts in Geneva. Who knows? The New York "
            "Times and Reuters reported it, as did Al Jazeera and AFP.");
    expect_entity(&g, "United States", CR_ENT_PLACE, "US", NULL);
    expect_entity(&g, "World Health Organization", CR_ENT_ORG, "WHO", NULL);
    assert_int_equal(ent_of(&g, "Who"), -1);
    expect_entity(&g, "Geneva", CR_ENT_PLACE, NULL);
    expect_entity(&g, "The New York Times", CR_ENT_ORG, NULL);
    assert_int_equal(g.s.entities[ent(&g, "The New York Times")].cls,
                     CR_ENTC_OUTLET);
    assert_int_equal(g.s.entities[ent(&g, "Agence France-Presse")].cls,
                     CR_ENTC_AGENCY);
    expect_entity(&g, "Al Jazeera", CR_ENT_ORG, NULL);
    got_free(&g);
    /* demonyms, one-word and two-word, and hyphenated pairs */
    run(&g, "Russian and North Korean troops, Korean-Russian friendship, "
            "South Korean firms and Chinese banks.");
    expect_entity(&g, "Russia", CR_ENT_PLACE, "Russian", NULL);
    expect_entity(&g, "North Korea", CR_ENT_PLACE, "North Korean", NULL);
    expect_entity(&g, "South Korea", CR_ENT_PLACE, "South Korean", NULL);
    expect_entity(&g, "China", CR_ENT_PLACE, "Chinese", NULL);
    expect_entity(&g, "Korea", CR_ENT_PLACE, "Korean", NULL);
    assert_int_equal(g.s.mentions[0].how, CR_MENTION_DEMONYM);
    got_free(&g);
    /* a country that is also a given name stays a name inside a name */
    run(&g, "Chad Smith played drums. Chad held elections.");
    expect_entity(&g, "Chad Smith", CR_ENT_PERSON, NULL);
    expect_entity(&g, "Chad", CR_ENT_PLACE, NULL);
    got_free(&g);
}

static void test_suffixes(void **state)
{
    got g;
    (void)state;
    run(&g, "The Russian Defense Ministry said troops left Amur Oblast for "
            "the Vostochny Cosmodrome. The Bank of England and the Office for "
            "National Statistics agreed. The Russo-Ukrainian War goes on.");
    expect_entity(&g, "Russian Defense Ministry", CR_ENT_ORG, NULL);
    expect_entity(&g, "Amur Oblast", CR_ENT_PLACE, NULL);
    expect_entity(&g, "Vostochny Cosmodrome", CR_ENT_PLACE, NULL);
    expect_entity(&g, "Bank of England", CR_ENT_ORG, NULL);
    expect_entity(&g, "Office for National Statistics", CR_ENT_ORG, NULL);
    expect_entity(&g, "Russo-Ukrainian War", CR_ENT_OTHER, NULL);
    assert_int_equal(count_type(&g, CR_ENT_PERSON), 0);
    got_free(&g);
}

static void test_lone_words(void **state)
{
    got g;
    (void)state;
    /* sentence openers and one-off capitalised words are not entities; a
       word written twice inside sentences, or before a reporting verb, is */
    run(&g, "Delivering aid is hard. Meanwhile the \"Victory\" parade went "
            "on. Analysts said Gazprom would raise prices, and Gazprom did. "
            "Later Acme said no.");
    assert_int_equal(ent(&g, "Delivering"), -1);
    assert_int_equal(ent(&g, "Meanwhile"), -1);
    assert_int_equal(ent(&g, "Victory"), -1);
    expect_entity(&g, "Gazprom", CR_ENT_OTHER, "Gazprom", NULL);
    expect_entity(&g, "Acme", CR_ENT_OTHER, NULL);
    assert_int_equal(g.s.entities[ent(&g, "Gazprom")].mentions, 2);
    got_free(&g);
}

static void test_times_are_not_names(void **state)
{
    got g;
    (void)state;
    /* a day or month after "Early" is a time, as after "Late" or "Last";
       names that end in one stay names */
    run(&g, "Early Friday, police in Dover said the man was arrested. Late "
            "Tuesday the Senate voted. Early March talks began. Next Monday "
            "Theresa May will travel to Paris. Early Childhood Alliance "
            "director Ann Lee spoke.");
    assert_int_equal(ent(&g, "Early Friday"), -1);
    assert_int_equal(ent(&g, "Early March"), -1);
    assert_int_equal(ent(&g, "Late Tuesday"), -1);
    expect_entity(&g, "Theresa May", CR_ENT_PERSON, NULL);
    expect_entity(&g, "Early Childhood Alliance", CR_ENT_ORG, NULL);
    expect_entity(&g, "Dover", CR_ENT_OTHER, NULL);
    assert_int_equal(count_type(&g, CR_ENT_OTHER), 1);
    got_free(&g);
}

static void test_empty_and_args(void **state)
{
    got g;
    cr_entity_set s, story;
    uint32_t *map = (uint32_t *)&s;
    cr_cite *c = (cr_cite *)&s;
    size_t n = 7;
    (void)state;
    run(&g, "");
    assert_int_equal(g.s.n_entities, 0);
    assert_null(g.s.mentions);
    assert_int_equal(g.nc, 0);
    got_free(&g);
    run(&g, "   \n\n  all lowercase words, nothing named here.  ");
    assert_int_equal(g.s.n_entities, 0);
    got_free(&g);
    assert_int_equal(cr_extract_entities(NULL, 3, NULL, NULL, &s), CR_EINVAL);
    assert_int_equal(cr_extract_entities("abc", 3, NULL, NULL, NULL), CR_EINVAL);
    assert_int_equal(cr_extract_cites(NULL, 3, NULL, NULL, NULL, &c, &n),
                     CR_EINVAL);
    assert_int_equal(cr_extract_cites("abc", 3, NULL, NULL, NULL, NULL, &n),
                     CR_EINVAL);
    assert_int_equal(cr_entities_merge(NULL, 0, &story, &map), CR_OK);
    assert_int_equal(story.n_entities, 0);
    assert_null(map);
    assert_int_equal(cr_entities_merge(NULL, 1, &story, &map), CR_EINVAL);
    cr_entity_set_clear(NULL);
    cr_cites_free(NULL, 0);
}

static void test_linear(void **state)
{
    /* long runs of capitalised words, of roles and of single letters stay
       fast (no quadratic work) and within the limits */
    size_t n = 400000, i;
    char *s = malloc(n + 1);
    got g;
    (void)state;
    assert_non_null(s);
    for (i = 0; i < n; i++)
        s[i] = (i % 7 == 6) ? ' ' : (i % 7 == 0 ? 'A' + (char)(i / 7 % 26) : 'a' + (char)(i % 5));
    s[n] = '\0';
    extract(&g, s, n);
    got_free(&g);
    for (i = 0; i + 14 <= n; i += 14)
        memcpy(s + i, "Russian leader", 14);
    extract(&g, s, n);
    got_free(&g);
    free(s);
}

/* cri_w16_pack against a byte-by-byte reference: every length up to 17,
 * letters of both cases, digits, punctuation, a non-ASCII byte, and words
 * that end at the end of their buffer (fewer than 16 bytes readable). */
static void test_w16_pack(void **state)
{
    static const char *const words[] = {
        "a", "Kim", "KIM", "kim", "U.S.", "NATO", "AP", "x1", "Jong-Un",
        "co-operation", "spokeswoman", "SPOKESWOMAN", "Internationalists",
        "abcdefghijklmnop", "ABCDEFGHIJKLMNOPQ", "@[`{", "Z", "z9Z",
        "caf\xC3\xA9", "12345678", "Abcdefgh", "Abcdefghi"};
    cri_w16_ent tab[64];
    size_t i;
    (void)state;
    memset(tab, 0, sizeof tab);
    for (i = 0; i < sizeof words / sizeof words[0]; i++) {
        const char *w = words[i];
        size_t n = strlen(w), k, up = 0, lo = 0, hi = 0;
        unsigned char ref[16] = {0};
        char buf[64];
        cri_w16 a, b;
        unsigned sa = 99, sb = 99;
        int ra, rb;
        for (k = 0; k < n; k++) {
            unsigned char c = (unsigned char)w[k];
            up += c >= 'A' && c <= 'Z';
            lo += c >= 'a' && c <= 'z';
            hi |= c >= 0x80;
            if (k < 16)
                ref[k] = (unsigned char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        }
        /* with 16 readable bytes, and with only the word itself */
        memset(buf, 'Q', sizeof buf);
        memcpy(buf, w, n);
        ra = cri_w16_pack(buf, n, buf + sizeof buf, &a, &sa);
        rb = cri_w16_pack(w, n, w + n, &b, &sb);
        assert_int_equal(ra, rb);
        { /* the key alone, either way: the same */
            cri_w16 k1 = {0, 0}, k2 = {0, 0};
            assert_int_equal(cri_w16_pack_key(buf, n, buf + sizeof buf, &k1), ra);
            assert_int_equal(cri_w16_pack_key(w, n, w + n, &k2), ra);
            if (ra)
                assert_true(k1.lo == a.lo && k1.hi == a.hi && k2.lo == a.lo &&
                            k2.hi == a.hi);
        }
        assert_int_equal(ra, n > 0 && n <= 16 && !hi);
        if (!ra)
            continue;
        assert_true(a.lo == b.lo && a.hi == b.hi);
        assert_int_equal(sa, sb);
        for (k = 0; k < 16; k++)
            assert_int_equal((unsigned)((k < 8 ? a.lo >> (8 * k)
                                               : a.hi >> (8 * (k - 8))) & 0xFF),
                             ref[k]);
        assert_int_equal(!!(sa & W16_LOWER), lo > 0);
        assert_int_equal(!!(sa & W16_CAPITAL), up > 0);
        assert_int_equal(!!(sa & W16_LETTERS2), up + lo >= 2);
        /* a lowercase word is found by its packed form */
        if (!up) {
            cri_w16_add(tab, 6, w, 1u << (i % 32));
            assert_true(cri_w16_get(tab, 6, &a) & (1u << (i % 32)));
        }
    }
    {
        cri_w16 k;
        unsigned sh;
        assert_true(cri_w16_pack("xyz", 3, "xyz" + 3, &k, &sh));
        assert_int_equal(cri_w16_get(tab, 6, &k), 0);
    }
}

/* The lists of the token view's one word table: every gazetteer key's
 * first word (and the word after "the ") is marked as one a key may start
 * with, so entities.c's pre-filter never hides a gazetteer name a span's
 * key can spell (words, spaces, apostrophes); the lists
 * of mentions.c and cites.c follow the whole token (a possessive is on
 * none), the starting words a hyphenated word's first part. */
static void test_token_view_lists(void **state)
{
    size_t n, i;
    const cri_gaz *g = cri_gaz_table(&n);
    cri_xtext x;
    (void)state;
    for (i = 0; i < n; i++) {
        char text[128];
        size_t kl = strlen(g[i].key);
        if (kl + 1 > sizeof text || g[i].key[strspn(g[i].key,
                                      "abcdefghijklmnopqrstuvwxyz0123456789 '")])
            continue; /* "rfe/rl": tokens that no span's key joins so */
        memcpy(text, g[i].key, kl + 1);
        if (text[0] >= 'a' && text[0] <= 'z')
            text[0] = (char)(text[0] - 32);
        assert_int_equal(cri_xtext_init(&x, text, kl, NULL, NULL), CR_OK);
        assert_true(x.nt > 0);
        assert_true(x.lists[0] & CRI_G_FIRST);
        if (strncmp(g[i].key, "the ", 4) == 0 && x.nt > 1)
            assert_true(x.lists[1] & CRI_G_FIRST);
        cri_xtext_free(&x);
    }
    {
        static const char t[] =
            "Zqxv said twenty-five in Korea's mid-2023 hundred today's U.S. "
            "according Kim";
        assert_int_equal(cri_xtext_init(&x, t, sizeof t - 1, NULL, NULL),
                         CR_OK);
        assert_int_equal(x.nt, 11);
        assert_false(x.lists[0] & CRI_G_FIRST);             /* Zqxv */
        assert_true(x.cls[1] & LX_CUE);                     /* said */
        assert_true(x.qcls[1] & 1u);                        /* CUES */
        assert_true(x.lists[2] & CRI_M_START);              /* twenty-five */
        assert_false(x.lists[2] & CRI_M_NUMBER);
        assert_true(x.lists[3] & (CRI_M_LEAD | CRI_M_KEPT)); /* in */
        assert_true(x.lists[4] & CRI_G_FIRST);              /* Korea's */
        assert_true(x.lists[5] & CRI_M_START);              /* mid-2023 */
        assert_true(x.lists[6] & CRI_M_NUMBER);             /* hundred */
        assert_false(x.lists[7] & CRI_M_START);             /* today's */
        assert_true(x.cls[7] & XT_POSS);
        assert_true(x.lists[8] & CRI_G_FIRST);              /* U.S. */
        assert_true(x.lists[9] & CRI_C_SPELLED);            /* according */
        cri_xtext_free(&x);
    }
}

static void test_tables_sorted(void **state)
{
    size_t n, i;
    const cri_gaz *t = cri_gaz_table(&n);
    (void)state;
    assert_true(n > 500);
    for (i = 1; i < n; i++)
        assert_true(strcmp(t[i - 1].key, t[i].key) < 0);
    assert_non_null(cri_gaz_lookup("north korea", 11));
    assert_string_equal(cri_gaz_lookup("kremlin", 7)->country, "Russia");
    assert_true(cri_lex_lookup("leader", 6) & LX_LEADER);
    assert_true(cri_lex_lookup("said", 4) & LX_CUE);
    assert_int_equal(cri_lex_lookup("zzzz", 4), 0);
}

/* --- cited sources -------------------------------------------------------- */

/* The cite whose source text is `text` (and whose cue is `cue`, when not
 * NULL), or -1. */
static int cite(const got *g, const char *text, const char *cue)
{
    size_t i, n = strlen(text);
    for (i = 0; i < g->nc; i++) {
        const cr_cite *c = &g->c[i];
        if (c->end - c->start == n && memcmp(g->text + c->start, text, n) == 0 &&
            (!cue || (c->cue.end - c->cue.start == strlen(cue) &&
                      memcmp(g->text + c->cue.start, cue, strlen(cue)) == 0)))
            return (int)i;
    }
    return -1;
}

static void expect_cite(const got *g, const char *text, const char *cue,
                        int kind, const char *name)
{
    int i = cite(g, text, cue);
    if (i < 0)
        fail_msg("no cite '%s' with cue '%s'", text, cue ? cue : "any");
    if (g->c[i].kind != kind)
        fail_msg("cite '%s' is kind %d, want %d", text, g->c[i].kind, kind);
    if (strcmp(g->c[i].name, name) != 0)
        fail_msg("cite '%s' is named '%s', want '%s'", text, g->c[i].name, name);
}

static void test_seed_000_cites(void **state)
{
    got g;
    int tass, peskov;
    (void)state;
    read_seed(&g, "examples/seeds/000_ff2d2d851122c57f.txt");
    expect_cite(&g, "Russian state news agency RIA Novosti", "reported",
                CR_CITE_AGENCY, "RIA Novosti");
    expect_cite(&g, "Russian news agencies", "According to", CR_CITE_AGENCY,
                "Russian news agencies");
    expect_cite(&g, "Kremlin spokesperson Dmitry Peskov", "Citing",
                CR_CITE_OFFICIAL, "Dmitry Peskov");
    expect_cite(&g, "TASS news agency", "said", CR_CITE_AGENCY, "TASS");
    expect_cite(&g, "Washington", "believes", CR_CITE_OFFICIAL, "Washington");
    /* the chain: TASS citing Peskov */
    tass = cite(&g, "TASS news agency", NULL);
    peskov = cite(&g, "Kremlin spokesperson Dmitry Peskov", NULL);
    assert_int_equal(g.c[peskov].cited_by, tass);
    assert_int_equal(g.c[tass].cited_by, -1);
    assert_int_equal(g.c[tass].entity, ent(&g, "TASS"));
    /* nothing else: the people quoted (Kim, Putin) are speakers, not cites */
    assert_int_equal(g.nc, 5);
    got_free(&g);
}

static void test_seed_004_cites(void **state)
{
    got g;
    (void)state;
    read_seed(&g, "examples/seeds/004_6fa277031cd45622.txt");
    expect_cite(&g, "Western intelligence agencies", "suspect",
                CR_CITE_OFFICIAL, "Western intelligence agencies");
    expect_cite(&g, "Reuters", "(Reuters)", CR_CITE_CREDIT, "Reuters");
    assert_int_equal(g.nc, 2);
    got_free(&g);
}

static void test_cite_patterns(void **state)
{
    got g;
    (void)state;
    run(&g, "The deal is off, said Reuters. According to people familiar "
            "with the talks, it failed. Sources said more. Dmitry Peskov told "
            "TASS it was over. Interfax quoted Sergei Lavrov as saying no. "
            "Moscow said no, citing a Defence Ministry statement. According "
            "to figures from the Office for National Statistics, prices rose. "
            "Administration officials said so, and the White House "
            "announced it.");
    expect_cite(&g, "Reuters", "said", CR_CITE_AGENCY, "Reuters");
    expect_cite(&g, "people familiar with the talks", "According to",
                CR_CITE_ANONYMOUS, "people familiar with the talks");
    expect_cite(&g, "Sources", "said", CR_CITE_ANONYMOUS, "Sources");
    expect_cite(&g, "TASS", "told", CR_CITE_AGENCY, "TASS");
    expect_cite(&g, "Dmitry Peskov", "told", CR_CITE_PERSON, "Dmitry Peskov");
    assert_int_equal(g.c[cite(&g, "Dmitry Peskov", NULL)].cited_by,
                     cite(&g, "TASS", NULL));
    expect_cite(&g, "Sergei Lavrov", "quoted", CR_CITE_PERSON, "Sergei Lavrov");
    assert_int_equal(g.c[cite(&g, "Sergei Lavrov", NULL)].cited_by,
                     cite(&g, "Interfax", NULL));
    expect_cite(&g, "Moscow", "said", CR_CITE_OFFICIAL, "Moscow");
    expect_cite(&g, "Defence Ministry statement", "citing", CR_CITE_OFFICIAL,
                "Defence Ministry");
    assert_int_equal(g.c[cite(&g, "Defence Ministry statement", NULL)].cited_by,
                     cite(&g, "Moscow", NULL));
    expect_cite(&g, "Office for National Statistics", "According to",
                CR_CITE_ORG, "Office for National Statistics");
    expect_cite(&g, "Administration officials", "said", CR_CITE_OFFICIAL,
                "Administration officials");
    expect_cite(&g, "White House", "announced", CR_CITE_OFFICIAL, "White House");
    got_free(&g);
    /* "the agency" is the agency named before it; with none, it is not
       guessed */
    run(&g, "The agency said nothing. RIA Novosti reported a meeting. The "
            "agency said it lasted hours.");
    assert_int_equal(g.nc, 2);
    assert_string_equal(g.c[0].name, "RIA Novosti");
    expect_cite(&g, "agency", "said", CR_CITE_AGENCY, "RIA Novosti");
    assert_int_equal(g.c[1].entity, g.c[0].entity);
    got_free(&g);
}

static void test_credits(void **state)
{
    got g;
    (void)state;
    run(&g, "Kim Jong Un attends a meeting.(Reuters)\n"
            "Troops at the border (AP Photo/Jane Doe)\n"
            "Photo: AFP\n"
            "The talks ended late on Tuesday.\n"
            "\xE2\x80\x94 AFP\n"
            "Reporting by Jane Doe and John Roe in Moscow; Editing by Ann Lee\n"
            "Copyright 2023 Reuters\n");
    expect_cite(&g, "Reuters", "(Reuters)", CR_CITE_CREDIT, "Reuters");
    expect_cite(&g, "AP", "(AP Photo/Jane Doe)", CR_CITE_CREDIT,
                "Associated Press");
    expect_cite(&g, "AFP", "Photo:", CR_CITE_CREDIT, "Agence France-Presse");
    expect_cite(&g, "AFP", "\xE2\x80\x94", CR_CITE_CREDIT, "Agence France-Presse");
    expect_cite(&g, "Jane Doe", "Reporting by", CR_CITE_CREDIT, "Jane Doe");
    expect_cite(&g, "John Roe", "Reporting by", CR_CITE_CREDIT, "John Roe");
    expect_cite(&g, "Ann Lee", "Editing by", CR_CITE_CREDIT, "Ann Lee");
    assert_int_equal(cite(&g, "Moscow", NULL), -1);
    expect_cite(&g, "Reuters", "Copyright", CR_CITE_CREDIT, "Reuters");
    got_free(&g);
}

static void test_not_cites(void **state)
{
    got g;
    (void)state;
    /* people who are quoted, denials, places as places, parentheses that
       are not credits, pronouns and contractions */
    run(&g, "Kim said he was confident. The Russian leader said it too. Both "
            "Moscow and Pyongyang have denied the claims. Reporters in Paris "
            "said little. Jason Chaffetz (R-Utah) spoke. I'll report back. "
            "They said nothing. Having said that, it ended.");
    assert_int_equal(g.nc, 0);
    got_free(&g);
    /* a reporting verb with no subject in its sentence */
    run(&g, "said. reported, \"quoted\" according to. citing (");
    assert_int_equal(g.nc, 0);
    got_free(&g);
}

static void test_cites_alone(void **state)
{
    /* without an entity set, the entities are found inside, and entity is
       -1 */
    const char *t = "Citing Kremlin spokesperson Dmitry Peskov, the TASS news "
                    "agency said so.";
    cr_cite *c = NULL;
    size_t n = 0, i;
    (void)state;
    assert_int_equal(cr_extract_cites(t, strlen(t), NULL, NULL, NULL, &c, &n),
                     CR_OK);
    assert_int_equal(n, 2);
    for (i = 0; i < n; i++)
        assert_int_equal(c[i].entity, -1);
    assert_string_equal(c[0].name, "Dmitry Peskov");
    assert_int_equal(c[0].cited_by, 1);
    cr_cites_free(c, n);
}

/* --- the whole stage in one call ----------------------------------------- */

static void same_str(const char *a, const char *b)
{
    if (!a || !b)
        assert_true(a == b);
    else
        assert_string_equal(a, b);
}

/* cr_extract_all (doc given, or NULL) returns exactly what the four
 * extractors return called one by one. */
static void expect_all_equal(const char *text, size_t len, const char *anchor)
{
    cr_doc *doc = NULL;
    cr_extraction one, all;
    const char *stage = "x";
    size_t i;
    int pass;
    assert_int_equal(cr_doc_analyze(text, len, "en", NULL, &doc), CR_OK);
    memset(&one, 0, sizeof one);
    assert_int_equal(cr_extract_quotes(text, len, doc, NULL, &one.quotes,
                                       &one.n_quotes), CR_OK);
    assert_int_equal(cr_extract_entities(text, len, doc, NULL, &one.entities),
                     CR_OK);
    assert_int_equal(cr_extract_exprs(text, len, doc, anchor, NULL, &one.exprs,
                                      &one.n_exprs), CR_OK);
    assert_int_equal(cr_extract_cites(text, len, doc, &one.entities, NULL,
                                      &one.cites, &one.n_cites), CR_OK);
    for (pass = 0; pass < 2; pass++) {
        assert_int_equal(cr_extract_all(text, len, pass ? NULL : doc, anchor,
                                        NULL, &all, &stage), CR_OK);
        assert_null(stage);
        assert_int_equal(all.n_quotes, one.n_quotes);
        for (i = 0; i < one.n_quotes; i++) {
            const cr_quote *a = &all.quotes[i], *b = &one.quotes[i];
            assert_int_equal(a->start, b->start);
            assert_int_equal(a->end, b->end);
            assert_int_equal(a->kind, b->kind);
            assert_int_equal(a->has_speaker, b->has_speaker);
            assert_int_equal(a->cont, b->cont);
            assert_int_equal(a->speaker.start, b->speaker.start);
            assert_int_equal(a->speaker.end, b->speaker.end);
            assert_int_equal(a->cue.start, b->cue.start);
            same_str(a->name, b->name);
            assert_true(a->confidence == b->confidence);
        }
        assert_int_equal(all.entities.n_entities, one.entities.n_entities);
        for (i = 0; i < one.entities.n_entities; i++) {
            const cr_entity *a = &all.entities.entities[i],
                            *b = &one.entities.entities[i];
            same_str(a->name, b->name);
            same_str(a->key, b->key);
            same_str(a->country, b->country);
            same_str(a->role, b->role);
            assert_int_equal(a->type, b->type);
            assert_int_equal(a->cls, b->cls);
            assert_int_equal(a->mentions, b->mentions);
            assert_true(a->confidence == b->confidence);
        }
        assert_int_equal(all.entities.n_mentions, one.entities.n_mentions);
        for (i = 0; i < one.entities.n_mentions; i++) {
            const cr_mention *a = &all.entities.mentions[i],
                             *b = &one.entities.mentions[i];
            assert_int_equal(a->start, b->start);
            assert_int_equal(a->end, b->end);
            assert_int_equal(a->entity, b->entity);
            assert_int_equal(a->how, b->how);
        }
        assert_int_equal(all.n_exprs, one.n_exprs);
        for (i = 0; i < one.n_exprs; i++) {
            const cr_expr *a = &all.exprs[i], *b = &one.exprs[i];
            assert_int_equal(a->start, b->start);
            assert_int_equal(a->end, b->end);
            assert_int_equal(a->type, b->type);
            assert_int_equal(a->how, b->how);
            assert_string_equal(a->value, b->value);
            assert_string_equal(a->unit, b->unit);
            assert_true(a->number == b->number && a->number_hi == b->number_hi);
        }
        assert_int_equal(all.n_cites, one.n_cites);
        for (i = 0; i < one.n_cites; i++) {
            const cr_cite *a = &all.cites[i], *b = &one.cites[i];
            assert_int_equal(a->start, b->start);
            assert_int_equal(a->end, b->end);
            assert_string_equal(a->name, b->name);
            assert_int_equal(a->kind, b->kind);
            assert_int_equal(a->cue.start, b->cue.start);
            assert_int_equal(a->cited_by, b->cited_by);
            assert_int_equal(a->entity, b->entity);
        }
        cr_extraction_clear(&all);
    }
    cr_extraction_clear(&one);
    cr_doc_free(doc);
}

static void test_extract_all(void **state)
{
    static const char *const seeds[] = {
        "examples/seeds/000_ff2d2d851122c57f.txt",
        "examples/seeds/004_6fa277031cd45622.txt"};
    const char *t = "Citing Kremlin spokesperson Dmitry Peskov, the TASS news "
                    "agency said on Sept. 13 that 200,000 troops had left. "
                    "\"It is over,\" Peskov said.";
    const char *other = "A different text, longer than the first one by far, "
                        "so that its tokens run past the end of t.";
    cr_extraction x;
    cr_doc *doc = NULL;
    const char *stage = NULL;
    size_t i;
    (void)state;
    for (i = 0; i < 2; i++) {
        cr_article a;
        seed_article(seeds[i], &a);
        expect_all_equal(a.text, a.text_len, a.published);
        cr_article_clear(&a);
    }
    expect_all_equal(t, strlen(t), "2023-09-20");
    expect_all_equal(t, strlen(t), NULL);
    expect_all_equal("", 0, NULL);
    /* failures: what failed is named, and nothing is returned */
    assert_int_equal(cr_extract_all(t, strlen(t), NULL, NULL, NULL, NULL,
                                    &stage), CR_EINVAL);
    assert_int_equal(cr_doc_analyze(other, strlen(other), "en", NULL, &doc),
                     CR_OK);
    assert_int_equal(cr_extract_all(t, 20, doc, NULL, NULL, &x, &stage),
                     CR_EINVAL);
    assert_string_equal(stage, "quotes");
    assert_null(x.quotes);
    assert_int_equal(x.n_quotes + x.entities.n_entities + x.n_exprs + x.n_cites,
                     0);
    cr_doc_free(doc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_seed_000_entities),
        cmocka_unit_test(test_seed_004_entities),
        cmocka_unit_test(test_seed_merge),
        cmocka_unit_test(test_spellings),
        cmocka_unit_test(test_ambiguous),
        cmocka_unit_test(test_roles),
        cmocka_unit_test(test_gazetteer),
        cmocka_unit_test(test_suffixes),
        cmocka_unit_test(test_lone_words),
        cmocka_unit_test(test_times_are_not_names),
        cmocka_unit_test(test_empty_and_args),
        cmocka_unit_test(test_linear),
        cmocka_unit_test(test_tables_sorted),
        cmocka_unit_test(test_w16_pack),
        cmocka_unit_test(test_seed_000_cites),
        cmocka_unit_test(test_seed_004_cites),
        cmocka_unit_test(test_cite_patterns),
        cmocka_unit_test(test_credits),
        cmocka_unit_test(test_not_cites),
        cmocka_unit_test(test_cites_alone),
        cmocka_unit_test(test_extract_all),
        cmocka_unit_test(test_token_view_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
