-- Version 4: trafficking route statements read from documents (pukara.extract.routes).
-- One row per route a sentence states: nodes is a JSON list of place ids in travel order
-- (origin first); route_key = "<node>><node>...|<commodity>|<mode>" groups equal statements;
-- evidence is the sentence, start/end its span in the document text. commodity and mode
-- are NULL when the sentence does not say. Curated routes (refdata/data/routes.yaml) are
-- reference data and are not stored here.
CREATE TABLE IF NOT EXISTS routes (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    route_key TEXT NOT NULL,
    commodity TEXT,
    mode TEXT,
    nodes TEXT NOT NULL CHECK (json_valid(nodes)),
    evidence TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    tlp TEXT NOT NULL DEFAULT 'clear',
    releasable_to TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS routes_doc ON routes(doc_id);
-- Grouped counts per route key read only this index (pukara.analyse.trafficking).
CREATE INDEX IF NOT EXISTS routes_key ON routes(route_key, doc_id);
