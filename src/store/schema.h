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
 *
 * Version 4 adds what the extraction stage found in each article
 * (src/store/extract.c). Every table is keyed by (article, idx): idx is the
 * position in the array the extractor returned, so the links between rows
 * (a quote's `cont`, a mention's `entity`, a cite's `cited_by` and
 * `entity`) are idx values of the same article; kinds and types are the
 * values of the public enums; offsets are bytes into article.text
 * (start_byte, end_byte: the span, end-exclusive). All
 * rows follow their article out on delete.
 *
 *   extracted — one row per article whose extraction is stored (an article
 *   without one was stored before this version, or by a run that did not
 *   extract)
 *       article  INTEGER PRIMARY KEY  article.rowid
 *
 *   quote — cr_quote: quotations and reported speech
 *       start_byte, end_byte       the quoted words
 *       kind        INTEGER        cr_quote_kind (1 statement, 2 fragment,
 *                                  3 indirect)
 *       cont        INTEGER        idx of the piece it continues, or NULL
 *       speaker     TEXT           canonical name of the speaker, or NULL
 *       speaker_start, speaker_end the speaker's mention, or NULL
 *       cue_start, cue_end         the reporting verb, or NULL
 *       confidence  REAL
 *
 *   expr — cr_expr: dates and quantities ("mentions" in the JSON outputs)
 *       start_byte, end_byte
 *       type        INTEGER        cr_expr_type (1 date, 2 quantity)
 *       how         INTEGER        cr_expr_how (1 given, 2 inferred,
 *                                  3 unresolved)
 *       value       TEXT           the normalised date, NULL when none
 *       number, number_hi REAL     quantities (0 for dates)
 *       unit        TEXT           NULL when none
 *       confidence  REAL
 *   Index: (value) of dates, to find the articles that name a day.
 *
 *   entity — cr_entity: the people, organisations and places it names
 *       name, key   TEXT NOT NULL  canonical name and match key
 *       country, role TEXT         may be NULL
 *       type        INTEGER        cr_entity_type
 *       class       INTEGER        cr_entity_class (0 when not listed)
 *       mentions    INTEGER        how many mentions name it
 *       confidence  REAL
 *   Index: (key), to find the articles that name an entity.
 *
 *   entity_mention — cr_mention: every mention of an entity
 *       start_byte, end_byte
 *       entity      INTEGER        idx of its entity
 *       how         INTEGER        cr_mention_how
 *       confidence  REAL
 *
 *   cite — cr_cite: the sources it cites
 *       start_byte, end_byte
 *       name        TEXT NOT NULL
 *       kind        INTEGER        cr_cite_kind
 *       cue_start, cue_end         what marks the citation, or NULL
 *       cited_by    INTEGER        idx of the source that relays it, or NULL
 *       entity      INTEGER        idx of its entity, or NULL
 *       confidence  REAL
 *
 *   A v3 store's articles have no extraction after the step; callers
 *   extract them later (cr_store_unextracted).
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

/* Version 3 -> 4: extraction results. */
#define CRI_EXTRACT_KEY                                                      \
    "  article INTEGER NOT NULL"                                             \
    "          REFERENCES article (rowid) ON DELETE CASCADE,"                \
    "  idx     INTEGER NOT NULL,"                                            \
    "  start_byte INTEGER NOT NULL,"                                         \
    "  end_byte   INTEGER NOT NULL CHECK (end_byte >= start_byte),"
#define CRI_MIGRATION_4                                                      \
    "CREATE TABLE extracted ("                                               \
    "  article INTEGER PRIMARY KEY"                                          \
    "          REFERENCES article (rowid) ON DELETE CASCADE"                 \
    ");"                                                                     \
    "CREATE TABLE quote ("                                                   \
    CRI_EXTRACT_KEY                                                          \
    "  kind          INTEGER NOT NULL CHECK (kind BETWEEN 1 AND 3),"         \
    "  cont          INTEGER,"                                               \
    "  speaker       TEXT,"                                                  \
    "  speaker_start INTEGER,"                                               \
    "  speaker_end   INTEGER,"                                               \
    "  cue_start     INTEGER,"                                               \
    "  cue_end       INTEGER,"                                               \
    "  confidence    REAL NOT NULL,"                                         \
    "  PRIMARY KEY (article, idx)"                                           \
    ") WITHOUT ROWID;"                                                       \
    "CREATE TABLE expr ("                                                    \
    CRI_EXTRACT_KEY                                                          \
    "  type       INTEGER NOT NULL CHECK (type IN (1, 2)),"                  \
    "  how        INTEGER NOT NULL CHECK (how BETWEEN 1 AND 3),"             \
    "  value      TEXT,"                                                     \
    "  number     REAL NOT NULL,"                                            \
    "  number_hi  REAL NOT NULL,"                                            \
    "  unit       TEXT,"                                                     \
    "  confidence REAL NOT NULL,"                                            \
    "  PRIMARY KEY (article, idx)"                                           \
    ") WITHOUT ROWID;"                                                       \
    "CREATE INDEX expr_value ON expr (value) WHERE value IS NOT NULL;"       \
    "CREATE TABLE entity ("                                                  \
    "  article    INTEGER NOT NULL"                                          \
    "             REFERENCES article (rowid) ON DELETE CASCADE,"             \
    "  idx        INTEGER NOT NULL,"                                         \
    "  name       TEXT NOT NULL,"                                            \
    "  key        TEXT NOT NULL,"                                            \
    "  country    TEXT,"                                                     \
    "  role       TEXT,"                                                     \
    "  type       INTEGER NOT NULL,"                                         \
    "  class      INTEGER NOT NULL,"                                         \
    "  mentions   INTEGER NOT NULL,"                                         \
    "  confidence REAL NOT NULL,"                                            \
    "  PRIMARY KEY (article, idx)"                                           \
    ") WITHOUT ROWID;"                                                       \
    "CREATE INDEX entity_key ON entity (key);"                               \
    "CREATE TABLE entity_mention ("                                          \
    CRI_EXTRACT_KEY                                                          \
    "  entity     INTEGER NOT NULL,"                                         \
    "  how        INTEGER NOT NULL,"                                         \
    "  confidence REAL NOT NULL,"                                            \
    "  PRIMARY KEY (article, idx)"                                           \
    ") WITHOUT ROWID;"                                                       \
    "CREATE TABLE cite ("                                                    \
    CRI_EXTRACT_KEY                                                          \
    "  name       TEXT NOT NULL,"                                            \
    "  kind       INTEGER NOT NULL,"                                         \
    "  cue_start  INTEGER,"                                                  \
    "  cue_end    INTEGER,"                                                  \
    "  cited_by   INTEGER,"                                                  \
    "  entity     INTEGER,"                                                  \
    "  confidence REAL NOT NULL,"                                            \
    "  PRIMARY KEY (article, idx)"                                           \
    ") WITHOUT ROWID;"

#endif /* CR_STORE_SCHEMA_H */
