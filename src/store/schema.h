/*
 * schema.h — the store's SQL schema, as the ordered list of forward
 * migrations that build it. Private to src/store/: only store.c includes it.
 *
 * A store's schema version is SQLite's `PRAGMA user_version`. Migration step
 * N (CRI_MIGRATION_N) takes a store from version N-1 to version N; store.c
 * applies each step in its own transaction and sets user_version in that
 * same transaction, so a crash leaves the store at one version or the next,
 * never between. A fresh (empty) database is version 0.
 *
 * Rules for changing the schema:
 *  - never edit a released step; append a new one and bump
 *    CR_SCHEMA_VERSION in include/crossread.h;
 *  - the `meta` table and its 'application' key are how a crossread store is
 *    recognised: keep them in every version;
 *  - 'content_hash_version' records the cr_content_hash() version the
 *    content_hash column was computed with. When CR_CONTENT_HASH_VERSION
 *    changes, a step must recompute the column and update this key (store.c
 *    refuses a store whose hashes are of another version).
 *
 * Version 1:
 *
 *   meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)
 *       'application'          = 'crossread'
 *       'content_hash_version' = '1'
 *       'created'              = ISO 8601 UTC time the store was created
 *
 *   article — one row per stored article
 *       rowid          INTEGER PRIMARY KEY
 *       id             TEXT NOT NULL UNIQUE   the article id
 *       source, url, title, lang              TEXT, may be NULL
 *       lang_detected  INTEGER NOT NULL       1 when lang came from detection
 *       published      TEXT                   "YYYY-MM-DD[THH:MM:SSZ]"
 *       published_how  TEXT                   'given'|'marker'|'inferred'|NULL
 *       text           TEXT NOT NULL          the body text
 *       content_hash   TEXT NOT NULL          cr_content_hash(text), indexed
 *       sentences      INTEGER                NULL when unknown
 *       tokens         INTEGER                NULL when unknown
 *       ingested       TEXT NOT NULL          "2026-11-23T12:00:00Z"
 *   Indexes: content_hash (dedup), (published, id) (listing order), source
 *   (listing filter).
 *
 * Version 2 adds near-duplicate detection:
 *
 *   meta 'fingerprint_version'  = the CR_FINGERPRINT_VERSION of the stored
 *                                 fingerprints ('1')
 *   meta 'fingerprint_shingle'  = their shingle size; written with the
 *                                 first fingerprint (absent before)
 *   When CR_FINGERPRINT_VERSION grows, cr_store_check_fingerprints
 *   deletes the older fingerprints and every duplicate link (derived
 *   data, recomputed by fingerprinting the unfingerprinted articles) and
 *   records the new version; fingerprints of a newer version are refused.
 *
 *   fingerprint — one row per fingerprinted article
 *       article  INTEGER PRIMARY KEY   article.rowid
 *       data     BLOB NOT NULL         cr_fingerprint_encode() bytes
 *
 *   duplicate — one row per article found to copy an earlier one
 *       article     INTEGER PRIMARY KEY  the copy (article.rowid)
 *       of          INTEGER NOT NULL     the article it copies
 *       similarity  REAL NOT NULL        max(Jaccard, containment), 0..1
 *       exact       INTEGER NOT NULL     1: equal folded token streams
 *   Index: of (groups, and foreign-key checks on delete). Both tables
 *   follow their articles out on delete (ON DELETE CASCADE).
 *
 *   A v1 store's articles have no fingerprints after the step; callers
 *   fingerprint them later (cr_store_unfingerprinted).
 *
 * Version 3 adds stories (src/store/stories.c):
 *
 *   story — one row per story: articles from one or more outlets about one
 *   event, as the clusterer (cr_clusterer_*) grouped them
 *       id      INTEGER PRIMARY KEY  the story id shown to users
 *       label   TEXT NOT NULL        its most central headline (or lead
 *                                    sentence), '' until the first is known
 *       first   TEXT                 earliest `published` of its members,
 *       last    TEXT                 latest; NULL while none is dated
 *       active  INTEGER NOT NULL     1 while the clusterer may still add to
 *                                    it: the next `add` rebuilds its state
 *                                    from the active stories' members
 *   Indexes: (last, id) (listing, newest first); id of the active stories
 *   (partial index: the few stories a new run continues).
 *
 *   story_member — one row per article that belongs to a story
 *       article  INTEGER PRIMARY KEY  article.rowid
 *       story    INTEGER NOT NULL     story.id
 *       seq      INTEGER              position in the sequence of articles
 *                                     the clusterer took (replay order);
 *                                     NULL for a copy (a near-duplicate),
 *                                     which joins the story of the article
 *                                     it copies without being clustered
 *   Index: (story, seq). Members follow their articles out on delete; a
 *   story's members follow the story.
 *
 *   Counts are not stored: a story's articles are its members that copy no
 *   other member (a group of copies counts once), its outlets the distinct
 *   sources of all its members. A v2 store's articles have no story after
 *   the step; callers cluster them later (cr_store_unstoried).
 */
#ifndef CR_STORE_SCHEMA_H
#define CR_STORE_SCHEMA_H

/* Version 0 -> 1: the initial schema. */
#define CRI_MIGRATION_1                                                      \
    "CREATE TABLE meta ("                                                    \
    "  key   TEXT PRIMARY KEY,"                                              \
    "  value TEXT NOT NULL"                                                  \
    ");"                                                                     \
    "INSERT INTO meta (key, value) VALUES"                                   \
    "  ('application', 'crossread'),"                                        \
    "  ('content_hash_version', '1'),"                                       \
    "  ('created', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));"                  \
    "CREATE TABLE article ("                                                 \
    "  rowid         INTEGER PRIMARY KEY,"                                   \
    "  id            TEXT NOT NULL UNIQUE,"                                  \
    "  source        TEXT,"                                                  \
    "  url           TEXT,"                                                  \
    "  title         TEXT,"                                                  \
    "  lang          TEXT,"                                                  \
    "  lang_detected INTEGER NOT NULL DEFAULT 0"                             \
    "                CHECK (lang_detected IN (0, 1)),"                       \
    "  published     TEXT,"                                                  \
    "  published_how TEXT"                                                   \
    "                CHECK (published_how IN"                                \
    "                       ('given', 'marker', 'inferred')),"               \
    "  text          TEXT NOT NULL,"                                         \
    "  content_hash  TEXT NOT NULL,"                                         \
    "  sentences     INTEGER,"                                               \
    "  tokens        INTEGER,"                                               \
    "  ingested      TEXT NOT NULL"                                          \
    ");"                                                                     \
    "CREATE INDEX article_content_hash ON article (content_hash);"           \
    "CREATE INDEX article_published ON article (published, id);"             \
    "CREATE INDEX article_source ON article (source);"

/* Version 1 -> 2: fingerprints and duplicate links. */
#define CRI_MIGRATION_2                                                      \
    "INSERT INTO meta (key, value) VALUES ('fingerprint_version', '1');"     \
    "CREATE TABLE fingerprint ("                                             \
    "  article INTEGER PRIMARY KEY"                                          \
    "          REFERENCES article (rowid) ON DELETE CASCADE,"                \
    "  data    BLOB NOT NULL"                                                \
    ");"                                                                     \
    "CREATE TABLE duplicate ("                                               \
    "  article    INTEGER PRIMARY KEY"                                       \
    "             REFERENCES article (rowid) ON DELETE CASCADE,"             \
    "  of         INTEGER NOT NULL"                                          \
    "             REFERENCES article (rowid) ON DELETE CASCADE,"             \
    "  similarity REAL NOT NULL,"                                            \
    "  exact      INTEGER NOT NULL CHECK (exact IN (0, 1)),"                 \
    "  CHECK (of <> article)"                                                \
    ");"                                                                     \
    "CREATE INDEX duplicate_of ON duplicate (of);"

/* Version 2 -> 3: stories and their members. */
#define CRI_MIGRATION_3                                                      \
    "CREATE TABLE story ("                                                   \
    "  id     INTEGER PRIMARY KEY,"                                          \
    "  label  TEXT NOT NULL DEFAULT '',"                                     \
    "  first  TEXT,"                                                         \
    "  last   TEXT,"                                                         \
    "  active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))"           \
    ");"                                                                     \
    "CREATE INDEX story_last ON story (last, id);"                           \
    "CREATE INDEX story_active ON story (id) WHERE active = 1;"              \
    "CREATE TABLE story_member ("                                            \
    "  article INTEGER PRIMARY KEY"                                          \
    "          REFERENCES article (rowid) ON DELETE CASCADE,"                \
    "  story   INTEGER NOT NULL"                                             \
    "          REFERENCES story (id) ON DELETE CASCADE,"                     \
    "  seq     INTEGER"                                                      \
    ");"                                                                     \
    "CREATE INDEX story_member_story ON story_member (story, seq);"

#endif /* CR_STORE_SCHEMA_H */
