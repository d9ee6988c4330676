-- Pukara knowledge base, version 1: documents with provenance, full-text search,
-- near-duplicate signatures, problems, observations, and extraction results.

CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    url TEXT,
    reliability TEXT NOT NULL DEFAULT 'F' CHECK (reliability IN ('A','B','C','D','E','F')),
    credibility INTEGER NOT NULL DEFAULT 6 CHECK (credibility BETWEEN 1 AND 6)
);

CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    url TEXT,
    title TEXT,
    published TEXT,
    published_precision TEXT,
    language TEXT,
    media_type TEXT NOT NULL,
    source_id INTEGER REFERENCES sources(id),
    text TEXT NOT NULL,
    tlp TEXT NOT NULL DEFAULT 'clear',
    releasable_to TEXT NOT NULL DEFAULT '',
    duplicate_of TEXT REFERENCES documents(id),
    similarity REAL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_duplicate_of ON documents(duplicate_of);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text, content='documents', content_rowid='rowid',
    tokenize="unicode61 remove_diacritics 2"
);
CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER documents_au AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
    VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

-- MinHash signature of each document and its LSH band buckets, for near-duplicates.
CREATE TABLE document_signatures (
    doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    signature BLOB NOT NULL
);
CREATE TABLE document_bands (
    band INTEGER NOT NULL,
    bucket INTEGER NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE
);
CREATE INDEX document_bands_lookup ON document_bands(band, bucket);

CREATE TABLE problems (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    location TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE observations (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    observed_at TEXT,
    observed_precision TEXT,
    lat REAL CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),
    lon REAL CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),
    geometry TEXT,
    sensor TEXT,
    unit TEXT,
    value REAL,
    confidence REAL CHECK (confidence IS NULL OR confidence BETWEEN 0 AND 1),
    place TEXT,
    external_id TEXT,
    properties TEXT NOT NULL DEFAULT '{}',
    source_path TEXT NOT NULL,
    location TEXT NOT NULL,
    tlp TEXT NOT NULL DEFAULT 'clear',
    releasable_to TEXT NOT NULL DEFAULT '',
    ingested_at TEXT NOT NULL
);
CREATE INDEX observations_kind_time ON observations(kind, observed_at);

-- Resolved entities (gazetteer places and registry or discovered actors) that documents use.
CREATE TABLE places (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT,
    admin1 TEXT,
    lat REAL,
    lon REAL,
    parent_id TEXT
);
CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT,
    parent_id TEXT,
    discovered INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE actor_aliases (
    actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    alias_key TEXT NOT NULL,
    PRIMARY KEY (actor_id, alias_key)
);
CREATE INDEX actor_aliases_key ON actor_aliases(alias_key);

CREATE TABLE mentions (
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('place', 'actor')),
    ref_id TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    surface TEXT NOT NULL
);
CREATE INDEX mentions_doc ON mentions(doc_id);
CREATE INDEX mentions_ref ON mentions(kind, ref_id);

CREATE TABLE facts (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    indicator TEXT NOT NULL,
    value REAL NOT NULL,
    value_max REAL,
    unit TEXT NOT NULL,
    period TEXT,
    place_id TEXT,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    original TEXT NOT NULL,
    tlp TEXT NOT NULL DEFAULT 'clear',
    releasable_to TEXT NOT NULL DEFAULT ''
);
CREATE INDEX facts_indicator ON facts(indicator, place_id, period);
CREATE INDEX facts_doc ON facts(doc_id);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    type TEXT NOT NULL,
    date TEXT,
    date_precision TEXT,
    place_id TEXT,
    actor_ids TEXT NOT NULL DEFAULT '[]',
    announced INTEGER NOT NULL DEFAULT 0,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    evidence TEXT NOT NULL,
    tlp TEXT NOT NULL DEFAULT 'clear',
    releasable_to TEXT NOT NULL DEFAULT ''
);
CREATE INDEX events_type_date ON events(type, date);
CREATE INDEX events_doc ON events(doc_id);
