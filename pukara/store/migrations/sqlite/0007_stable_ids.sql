-- Version 7: the shape both backends share (PostgreSQL's migration 0001 is the same schema).
-- * Facts, events, relations and routes are named by stable hashed ids (pukara.model.ids:
--   the same document gives the same ids in any store), computed here for stored rows by the
--   functions the store registers on its connection (pukara_claim_id, ...).
-- * Dates and periods get *_lo / *_hi columns (first and last day covered), so that windows
--   are plain comparisons; figures get when_lo / when_hi (their period, else the document's
--   publication) and by_agency (who estimated the figure).
-- * Markings get tlp_rank and releasable_to as ',PE,CO,' so that an audience filter is one
--   comparison and one LIKE; sources can be protected; problems get a fingerprint so that an
--   input's problem is recorded once.
-- * Span columns are span_start / span_end ("end" is reserved in PostgreSQL).
-- * Derived pairs (actor_pairs, and the new actor_places) are written by the store with each
--   document instead of by triggers: the trigger searched every earlier mention of the store
--   (quadratic ingest).

DROP TRIGGER IF EXISTS mentions_actor_pairs;
DROP TRIGGER IF EXISTS event_actors_pairs;
DROP TRIGGER IF EXISTS events_actors_ai;
DROP TRIGGER IF EXISTS events_actors_au;

ALTER TABLE sources ADD COLUMN protected INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN published_lo TEXT;
ALTER TABLE documents ADD COLUMN published_hi TEXT;
ALTER TABLE documents ADD COLUMN author TEXT;
ALTER TABLE documents ADD COLUMN tlp_rank INTEGER NOT NULL DEFAULT 0;
UPDATE documents SET published_lo = pukara_day_lo(published), published_hi = pukara_day_hi(published),
    tlp_rank = pukara_tlp_rank(tlp), releasable_to = pukara_rel(releasable_to);
CREATE INDEX documents_marking ON documents(tlp_rank, releasable_to);
ALTER TABLE problems ADD COLUMN fingerprint TEXT;
CREATE UNIQUE INDEX problems_fingerprint ON problems(fingerprint);
ALTER TABLE observations ADD COLUMN tlp_rank INTEGER NOT NULL DEFAULT 0;
UPDATE observations SET tlp_rank = pukara_tlp_rank(tlp), releasable_to = pukara_rel(releasable_to);
CREATE INDEX places_parent ON places(parent_id);

ALTER TABLE mentions RENAME COLUMN start TO span_start;
ALTER TABLE mentions RENAME COLUMN end TO span_end;
DROP INDEX mentions_doc;
CREATE INDEX mentions_doc ON mentions(doc_id, kind);

CREATE TABLE facts_v7 (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    indicator TEXT NOT NULL,
    value REAL NOT NULL,
    value_max REAL,
    unit TEXT NOT NULL,
    period TEXT,
    period_lo TEXT,
    period_hi TEXT,
    when_lo TEXT,
    when_hi TEXT,
    place_id TEXT,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    original TEXT NOT NULL,
    by_agency TEXT,
    tlp TEXT NOT NULL DEFAULT 'clear',
    tlp_rank INTEGER NOT NULL DEFAULT 0,
    releasable_to TEXT NOT NULL DEFAULT '',
    activity TEXT,
    effort INTEGER NOT NULL DEFAULT 0
);
INSERT OR IGNORE INTO facts_v7
SELECT pukara_claim_id('fact', f.doc_id, f.start, f.end, f.indicator, f.value, f.unit, f.period,
                       f.original, f.place_id),
       f.doc_id, f.indicator, f.value, f.value_max, f.unit, f.period,
       pukara_day_lo(f.period), pukara_day_hi(f.period),
       coalesce(pukara_day_lo(f.period), d.published_lo),
       coalesce(pukara_day_hi(f.period), d.published_hi),
       f.place_id, f.start, f.end, f.evidence, f.original, NULL, f.tlp, pukara_tlp_rank(f.tlp),
       pukara_rel(f.releasable_to), f.activity, f.effort
FROM facts f JOIN documents d ON d.id = f.doc_id ORDER BY f.id;
DROP TABLE facts;
ALTER TABLE facts_v7 RENAME TO facts;
CREATE INDEX facts_indicator ON facts(indicator, place_id, period);
CREATE INDEX facts_doc ON facts(doc_id, activity);
CREATE INDEX facts_place_activity ON facts(place_id, activity, when_lo, when_hi, doc_id, value);
CREATE INDEX facts_place_effort ON facts(place_id, effort, period_lo, period_hi, doc_id, indicator);

CREATE TABLE events_v7 (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    date TEXT,
    date_precision TEXT,
    date_lo TEXT,
    date_hi TEXT,
    place_id TEXT,
    actor_ids TEXT NOT NULL DEFAULT '[]',
    announced INTEGER NOT NULL DEFAULT 0,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    tlp TEXT NOT NULL DEFAULT 'clear',
    tlp_rank INTEGER NOT NULL DEFAULT 0,
    releasable_to TEXT NOT NULL DEFAULT '',
    activity TEXT,
    effort INTEGER NOT NULL DEFAULT 0
);
INSERT OR IGNORE INTO events_v7
SELECT pukara_claim_id('event', doc_id, start, end, type, place_id, date), doc_id, type, date,
       date_precision,
       pukara_day_lo(date), pukara_day_hi(date), place_id, actor_ids, announced, start, end,
       evidence, tlp, pukara_tlp_rank(tlp), pukara_rel(releasable_to), activity, effort
FROM events ORDER BY id;
CREATE TABLE event_actors_v7 (
    actor_id TEXT NOT NULL,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    PRIMARY KEY (actor_id, event_id)
) WITHOUT ROWID;
INSERT OR IGNORE INTO event_actors_v7(actor_id, event_id)
SELECT j.value, e.id FROM events_v7 e,
     json_each(CASE WHEN json_valid(e.actor_ids) THEN e.actor_ids ELSE '[]' END) j;
DROP TABLE event_actors;
DROP TABLE event_clusters;
DROP TABLE cluster_actors;
DROP TABLE clusters;
DROP TABLE cluster_state;
DROP TABLE events;
ALTER TABLE events_v7 RENAME TO events;
ALTER TABLE event_actors_v7 RENAME TO event_actors;
CREATE INDEX events_type_date ON events(type, date_lo);
CREATE INDEX events_doc ON events(doc_id);
CREATE INDEX events_place_effort ON events(place_id, effort, date_lo, date_hi, announced, doc_id, type);
CREATE INDEX event_actors_event ON event_actors(event_id);

CREATE TABLE actor_relations_v7 (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    source_id TEXT NOT NULL,
    target_id TEXT NOT NULL,
    cue TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    date TEXT,
    tlp TEXT NOT NULL DEFAULT 'clear',
    tlp_rank INTEGER NOT NULL DEFAULT 0,
    releasable_to TEXT NOT NULL DEFAULT ''
);
INSERT OR IGNORE INTO actor_relations_v7
SELECT pukara_claim_id('relation', doc_id, start, kind, source_id, target_id), doc_id, kind,
       source_id, target_id, cue, evidence, start, end, date, tlp, pukara_tlp_rank(tlp),
       pukara_rel(releasable_to)
FROM actor_relations ORDER BY id;
DROP TABLE actor_relations;
ALTER TABLE actor_relations_v7 RENAME TO actor_relations;
CREATE INDEX actor_relations_source ON actor_relations(source_id, kind);
CREATE INDEX actor_relations_target ON actor_relations(target_id, kind);
CREATE INDEX actor_relations_doc ON actor_relations(doc_id);

CREATE TABLE routes_v7 (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    route_key TEXT NOT NULL,
    commodity TEXT,
    mode TEXT,
    nodes TEXT NOT NULL,
    evidence TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    tlp TEXT NOT NULL DEFAULT 'clear',
    tlp_rank INTEGER NOT NULL DEFAULT 0,
    releasable_to TEXT NOT NULL DEFAULT ''
);
INSERT OR IGNORE INTO routes_v7
SELECT pukara_claim_id('route', doc_id, start, route_key), doc_id, route_key, commodity, mode,
       nodes, evidence, start, end, tlp, pukara_tlp_rank(tlp), pukara_rel(releasable_to)
FROM routes ORDER BY id;
DROP TABLE routes;
ALTER TABLE routes_v7 RENAME TO routes;
CREATE INDEX routes_doc ON routes(doc_id);
CREATE INDEX routes_key ON routes(route_key, doc_id);

CREATE TABLE actor_places (
    actor_id TEXT NOT NULL,
    place_id TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (actor_id, place_id, doc_id)
) WITHOUT ROWID;
CREATE INDEX actor_places_doc ON actor_places(doc_id);
-- Stored documents: an actor and a place named with no sentence break between them (the
-- rule actor_pairs used). Events' actors and places are counted through the clusters.
INSERT OR IGNORE INTO actor_places(actor_id, place_id, doc_id)
SELECT p.a, p.b, p.doc_id FROM (
    SELECT ma.ref_id AS a, mp.ref_id AS b, ma.doc_id,
           substr(d.text, min(ma.span_end, mp.span_end) + 1,
                  max(ma.span_start, mp.span_start) - min(ma.span_end, mp.span_end) + 1) AS gap
    FROM mentions ma
    JOIN mentions mp ON mp.doc_id = ma.doc_id AND mp.kind = 'place'
         AND abs(mp.span_start - ma.span_start) <= 400
    JOIN documents d ON d.id = ma.doc_id
    WHERE ma.kind = 'actor'
) p
WHERE instr(p.gap, char(10)) = 0
  AND p.gap NOT GLOB '*[.!?…] [A-Z0-9ÁÉÍÓÚÑ¿¡"“«(]*'
  AND p.gap NOT GLOB '*[.!?…]["”’»)] [A-Z0-9ÁÉÍÓÚÑ¿¡"“«(]*';

CREATE TABLE clusters (
    cluster_id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    activity TEXT,
    announced INTEGER NOT NULL DEFAULT 0,
    date TEXT,
    date_precision TEXT,
    date_lo TEXT,
    date_hi TEXT,
    place_id TEXT,
    admin1_id TEXT,
    actor_ids TEXT NOT NULL DEFAULT '',
    event_ids TEXT NOT NULL,
    doc_ids TEXT NOT NULL,
    sources TEXT NOT NULL DEFAULT '',
    n_events INTEGER NOT NULL,
    n_documents INTEGER NOT NULL,
    n_sources INTEGER NOT NULL,
    doc_id TEXT NOT NULL,
    evidence TEXT NOT NULL
);
CREATE INDEX clusters_date ON clusters(date_lo);
CREATE INDEX clusters_type_date ON clusters(type, date_lo);
CREATE INDEX clusters_place ON clusters(place_id, activity, announced, date_lo);
CREATE TABLE event_clusters (
    event_id TEXT PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    cluster_id TEXT NOT NULL
);
CREATE INDEX event_clusters_cluster ON event_clusters(cluster_id);
CREATE TABLE cluster_actors (
    actor_id TEXT NOT NULL,
    cluster_id TEXT NOT NULL,
    place_id TEXT,
    date_lo TEXT,
    date_hi TEXT,
    announced INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (actor_id, cluster_id)
) WITHOUT ROWID;
CREATE INDEX cluster_actors_place ON cluster_actors(actor_id, place_id, announced, date_lo);
CREATE TABLE cluster_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n_events INTEGER NOT NULL,
    max_km REAL NOT NULL,
    day_window INTEGER NOT NULL,
    refreshed_at TEXT NOT NULL,
    events_version INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE store_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    events_version INTEGER NOT NULL DEFAULT 0,
    content_version INTEGER NOT NULL DEFAULT 0
);
INSERT INTO store_state(id) VALUES (1);

-- Every (tlp, releasable_to) written to documents, claims or observations: whether a reader
-- can see everything is then one look at a few rows instead of a scan of the claims.
CREATE TABLE markings_seen (
    tlp TEXT NOT NULL,
    tlp_rank INTEGER NOT NULL,
    releasable_to TEXT NOT NULL,
    PRIMARY KEY (tlp, releasable_to)
);
INSERT OR IGNORE INTO markings_seen(tlp, tlp_rank, releasable_to)
SELECT tlp, tlp_rank, releasable_to FROM documents UNION SELECT tlp, tlp_rank, releasable_to FROM facts
UNION SELECT tlp, tlp_rank, releasable_to FROM events
UNION SELECT tlp, tlp_rank, releasable_to FROM observations;
