-- Version 3: materialised event clusters. Reports of the same happening (same type, nearby
-- place, close dates, overlapping actors) are grouped into one cluster, so that analyses count
-- events rather than articles. pukara.analyse.clusters.refresh_event_clusters() rewrites these
-- tables as a batch step; cluster_events() reads them only while cluster_state still matches the
-- events table (same count and highest id), and recomputes otherwise.

CREATE TABLE clusters (
    cluster_id INTEGER PRIMARY KEY,          -- the smallest member event id: stable and unique
    type TEXT NOT NULL,
    activity TEXT,
    announced INTEGER NOT NULL DEFAULT 0,
    date TEXT,                               -- best (most precise, most reported) date, ISO
    date_precision TEXT,
    place_id TEXT,                           -- best (most specific, most reported) place
    admin1_id TEXT,
    actor_ids TEXT NOT NULL DEFAULT '',      -- union of the members' actors, space separated
    event_ids TEXT NOT NULL,                 -- member event ids, space separated, ascending
    doc_ids TEXT NOT NULL,                   -- every reporting document, near-duplicates included
    sources TEXT NOT NULL DEFAULT '',        -- source names, one per line
    n_events INTEGER NOT NULL,
    n_documents INTEGER NOT NULL,            -- independent documents (near-duplicates folded)
    n_sources INTEGER NOT NULL,              -- distinct sources of the independent documents
    doc_id TEXT NOT NULL,                    -- document of the example sentence
    evidence TEXT NOT NULL                   -- one example sentence
);
CREATE INDEX clusters_date ON clusters(date);
CREATE INDEX clusters_type_date ON clusters(type, date);
CREATE INDEX clusters_place ON clusters(place_id, activity, announced, date);  -- hotspot counts

CREATE TABLE event_clusters (
    event_id INTEGER PRIMARY KEY REFERENCES events(id) ON DELETE CASCADE,
    cluster_id INTEGER NOT NULL
);
CREATE INDEX event_clusters_cluster ON event_clusters(cluster_id);

-- Actors of each cluster, one row each, with the cluster's place, date and announced flag
-- copied in, so that "which armed groups act where" is one index-only grouped scan.
CREATE TABLE cluster_actors (
    actor_id TEXT NOT NULL,
    cluster_id INTEGER NOT NULL,
    place_id TEXT,
    date TEXT,
    announced INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (actor_id, cluster_id)
) WITHOUT ROWID;
CREATE INDEX cluster_actors_place ON cluster_actors(actor_id, place_id, announced, date);

-- One row: what the materialised tables were computed from and with which settings.
CREATE TABLE cluster_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n_events INTEGER NOT NULL,
    max_event_id INTEGER NOT NULL,
    max_km REAL NOT NULL,
    day_window INTEGER NOT NULL,
    refreshed_at TEXT NOT NULL
);

-- Hotspots count figures per (place, economy) over a window, from independent documents; this
-- index covers that grouped count (the table rows are never read).
CREATE INDEX facts_place_activity ON facts(place_id, activity, period, doc_id, value);
