-- Pukara knowledge base on PostgreSQL 15 + PostGIS, version 1: the same tables and columns
-- as the SQLite store after its migration 0007 (stable ids), with geometry columns and
-- spatial indexes, and a tsvector for full-text search instead of FTS5.
-- Dates and periods are ISO text; *_lo / *_hi hold the first and last day they cover
-- ('YYYY-MM-DD'), compared as text with the "C" collation so that order is byte order.
-- releasable_to is ',PE,CO,' (or '' when unrestricted); tlp_rank orders TLP levels
-- (clear 0 .. red 4) so that an audience filter is one comparison.

CREATE EXTENSION IF NOT EXISTS postgis;

CREATE TABLE sources (
    id BIGSERIAL PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    url TEXT,
    reliability TEXT NOT NULL DEFAULT 'F' CHECK (reliability IN ('A','B','C','D','E','F')),
    credibility INTEGER NOT NULL DEFAULT 6 CHECK (credibility BETWEEN 1 AND 6),
    protected INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    url TEXT,
    title TEXT,
    published TEXT COLLATE "C",
    published_precision TEXT,
    published_lo TEXT COLLATE "C",
    published_hi TEXT COLLATE "C",
    language TEXT,
    media_type TEXT NOT NULL,
    source_id BIGINT REFERENCES sources(id),
    author TEXT,
    text TEXT NOT NULL,
    tlp TEXT NOT NULL DEFAULT 'clear',
    tlp_rank INTEGER NOT NULL DEFAULT 0,
    releasable_to TEXT NOT NULL DEFAULT '',
    duplicate_of TEXT REFERENCES documents(id),
    similarity DOUBLE PRECISION,
    ingested_at TEXT NOT NULL,
    search tsvector
);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);
CREATE INDEX documents_search ON documents USING GIN (search);
CREATE INDEX documents_marking ON documents(tlp_rank, releasable_to);

CREATE TABLE document_signatures (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    signature BYTEA NOT NULL
);
CREATE TABLE document_bands (
    band INTEGER NOT NULL,
    bucket BIGINT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX document_bands_lookup ON document_bands(band, bucket);

CREATE TABLE problems (
    id BIGSERIAL PRIMARY KEY,
    path TEXT NOT NULL,
    location TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL,
    fingerprint TEXT UNIQUE
);

CREATE TABLE observations (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    observed_at TEXT COLLATE "C",
    observed_precision TEXT,
    lat DOUBLE PRECISION CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),
    lon DOUBLE PRECISION CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),
    geometry TEXT,
    sensor TEXT,
    unit TEXT,
    value DOUBLE PRECISION,
    confidence DOUBLE PRECISION CHECK (confidence IS NULL OR confidence BETWEEN 0 AND 1),
    place TEXT,
    external_id TEXT,
    properties TEXT NOT NULL DEFAULT '{}',
    source_path TEXT NOT NULL,
    location TEXT NOT NULL,
    tlp TEXT NOT NULL DEFAULT 'clear',
    tlp_rank INTEGER NOT NULL DEFAULT 0,
    releasable_to TEXT NOT NULL DEFAULT '',
    ingested_at TEXT NOT NULL,
    geom geometry(Point, 4326) GENERATED ALWAYS AS (
        CASE WHEN lat IS NULL OR lon IS NULL THEN NULL
             ELSE ST_SetSRID(ST_MakePoint(lon, lat), 4326) END) STORED
);
CREATE INDEX observations_kind_time ON observations(kind, observed_at);
CREATE INDEX observations_geom ON observations USING GIST (geom);

CREATE TABLE places (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT,
    admin1 TEXT,
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    parent_id TEXT,
    admin1_id TEXT,
    geom geometry(Point, 4326) GENERATED ALWAYS AS (
        CASE WHEN lat IS NULL OR lon IS NULL THEN NULL
             ELSE ST_SetSRID(ST_MakePoint(lon, lat), 4326) END) STORED
);
CREATE INDEX places_admin1 ON places(admin1_id);
CREATE INDEX places_parent ON places(parent_id);
CREATE INDEX places_geom ON places USING GIST (geom);

-- First-level divisions as polygons (the gazetteer's department shapes, loaded by the
-- store on first use) for point-in-polygon placement of observations.
CREATE TABLE regions (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    geom geometry(MultiPolygon, 4326) NOT NULL
);
CREATE INDEX regions_geom ON regions USING GIST (geom);

CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT,
    parent_id TEXT,
    discovered INTEGER NOT NULL DEFAULT 0,
    role TEXT,
    status TEXT
);
CREATE INDEX actors_parent ON actors(parent_id);
CREATE TABLE actor_aliases (
    actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    alias_key TEXT NOT NULL,
    PRIMARY KEY (actor_id, alias_key)
);
CREATE INDEX actor_aliases_key ON actor_aliases(alias_key text_pattern_ops);

CREATE TABLE mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('place', 'actor')),
    ref_id TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    surface TEXT NOT NULL
);
CREATE INDEX mentions_doc ON mentions(doc_id, kind);
CREATE INDEX mentions_ref ON mentions(kind, ref_id);

CREATE TABLE facts (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    indicator TEXT NOT NULL,
    value DOUBLE PRECISION NOT NULL,
    value_max DOUBLE PRECISION,
    unit TEXT NOT NULL,
    period TEXT COLLATE "C",
    period_lo TEXT COLLATE "C",
    period_hi TEXT COLLATE "C",
    when_lo TEXT COLLATE "C",
    when_hi TEXT COLLATE "C",
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
CREATE INDEX facts_indicator ON facts(indicator, place_id, period);
CREATE INDEX facts_doc ON facts(doc_id, activity);
CREATE INDEX facts_place_activity ON facts(place_id, activity, when_lo, when_hi, doc_id, value);
CREATE INDEX facts_place_effort ON facts(place_id, effort, period_lo, period_hi, doc_id, indicator);

CREATE TABLE events (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    date TEXT COLLATE "C",
    date_precision TEXT,
    date_lo TEXT COLLATE "C",
    date_hi TEXT COLLATE "C",
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
CREATE INDEX events_type_date ON events(type, date_lo);
CREATE INDEX events_doc ON events(doc_id);
CREATE INDEX events_place_effort ON events(place_id, effort, date_lo, date_hi, announced, doc_id, type);

CREATE TABLE event_actors (
    actor_id TEXT NOT NULL,
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    PRIMARY KEY (actor_id, event_id)
);
CREATE INDEX event_actors_event ON event_actors(event_id);

CREATE TABLE actor_relations (
    id TEXT PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    source_id TEXT NOT NULL,
    target_id TEXT NOT NULL,
    cue TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    date TEXT COLLATE "C",
    tlp TEXT NOT NULL DEFAULT 'clear',
    tlp_rank INTEGER NOT NULL DEFAULT 0,
    releasable_to TEXT NOT NULL DEFAULT ''
);
CREATE INDEX actor_relations_source ON actor_relations(source_id, kind);
CREATE INDEX actor_relations_target ON actor_relations(target_id, kind);
CREATE INDEX actor_relations_doc ON actor_relations(doc_id);

CREATE TABLE routes (
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
CREATE INDEX routes_doc ON routes(doc_id);
CREATE INDEX routes_key ON routes(route_key, doc_id);

-- Two actors named in one sentence of a document; an actor and a place named in one
-- sentence. Written by the store with each document.
CREATE TABLE actor_pairs (
    actor_a TEXT NOT NULL,
    actor_b TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (actor_a, actor_b, doc_id)
);
CREATE INDEX actor_pairs_doc ON actor_pairs(doc_id);
CREATE TABLE actor_places (
    actor_id TEXT NOT NULL,
    place_id TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (actor_id, place_id, doc_id)
);
CREATE INDEX actor_places_doc ON actor_places(doc_id);

-- Materialised event clusters (one per happening); see pukara.analyse.clusters.
CREATE TABLE clusters (
    cluster_id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    activity TEXT,
    announced INTEGER NOT NULL DEFAULT 0,
    date TEXT COLLATE "C",
    date_precision TEXT,
    date_lo TEXT COLLATE "C",
    date_hi TEXT COLLATE "C",
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
    date_lo TEXT COLLATE "C",
    date_hi TEXT COLLATE "C",
    announced INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (actor_id, cluster_id)
);
CREATE INDEX cluster_actors_place ON cluster_actors(actor_id, place_id, announced, date_lo);
CREATE TABLE cluster_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n_events INTEGER NOT NULL,
    max_km DOUBLE PRECISION NOT NULL,
    day_window INTEGER NOT NULL,
    refreshed_at TEXT NOT NULL,
    events_version BIGINT NOT NULL DEFAULT 0
);

-- Counts that change whenever claims are written: the clusters and web caches compare it.
CREATE TABLE store_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    events_version BIGINT NOT NULL DEFAULT 0,
    content_version BIGINT NOT NULL DEFAULT 0
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
