-- Version 6: actor relations and what actor graphs and profiles read.
-- actor_relations: sentences that state an alliance, rivalry, leadership or membership
-- between two actors (source = leader or member in the directed kinds), with evidence.
-- actors.role / actors.status: a person's role and fate from the registry ("killed 2013-08").
-- event_actors: the actors of each event, one row each, kept by triggers, so that "events
-- naming X" is an indexed lookup instead of a scan of every events.actor_ids JSON list.
-- actor_pairs: two actors named in one sentence of a document, one row per document, kept
-- by triggers from the actor mentions and the events' actors, so that the actor graph is one
-- grouped scan. Derived data: a merge that rewrites mentions.ref_id or events.actor_ids
-- should delete and rebuild the pairs of the documents it touches.

CREATE TABLE actor_relations (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    source_id TEXT NOT NULL,
    target_id TEXT NOT NULL,
    cue TEXT NOT NULL DEFAULT '',
    evidence TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    date TEXT,
    tlp TEXT NOT NULL DEFAULT 'clear',
    releasable_to TEXT NOT NULL DEFAULT ''
);
CREATE INDEX actor_relations_source ON actor_relations(source_id, kind);
CREATE INDEX actor_relations_target ON actor_relations(target_id, kind);
CREATE INDEX actor_relations_doc ON actor_relations(doc_id);

ALTER TABLE actors ADD COLUMN role TEXT;
ALTER TABLE actors ADD COLUMN status TEXT;
CREATE INDEX actors_parent ON actors(parent_id);

CREATE TABLE event_actors (
    actor_id TEXT NOT NULL,
    event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    PRIMARY KEY (actor_id, event_id)
) WITHOUT ROWID;
CREATE INDEX event_actors_event ON event_actors(event_id);

INSERT OR IGNORE INTO event_actors(actor_id, event_id)
SELECT j.value, e.id
FROM events e,
     json_each(CASE WHEN json_valid(e.actor_ids) THEN e.actor_ids ELSE '[]' END) j;

CREATE TRIGGER events_actors_ai AFTER INSERT ON events BEGIN
    INSERT OR IGNORE INTO event_actors(actor_id, event_id)
    SELECT value, new.id
    FROM json_each(CASE WHEN json_valid(new.actor_ids) THEN new.actor_ids ELSE '[]' END);
END;
CREATE TRIGGER events_actors_au AFTER UPDATE OF actor_ids ON events BEGIN
    DELETE FROM event_actors WHERE event_id = old.id;
    INSERT OR IGNORE INTO event_actors(actor_id, event_id)
    SELECT value, new.id
    FROM json_each(CASE WHEN json_valid(new.actor_ids) THEN new.actor_ids ELSE '[]' END);
END;

CREATE TABLE actor_pairs (
    actor_a TEXT NOT NULL,  -- actor_a < actor_b
    actor_b TEXT NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (actor_a, actor_b, doc_id)
) WITHOUT ROWID;
CREATE INDEX actor_pairs_doc ON actor_pairs(doc_id);

-- An event is one sentence: its actors are named together.
CREATE TRIGGER event_actors_pairs AFTER INSERT ON event_actors BEGIN
    INSERT OR IGNORE INTO actor_pairs(actor_a, actor_b, doc_id)
    SELECT min(x.actor_id, new.actor_id), max(x.actor_id, new.actor_id), e.doc_id
    FROM event_actors x JOIN events e ON e.id = new.event_id
    WHERE x.event_id = new.event_id AND x.actor_id != new.actor_id;
END;

-- Two actor mentions less than 400 characters apart with no sentence break between them:
-- a line break, or . ! ? (and a closing quote) then a space and a capital, digit or opening
-- mark. The gap read runs to the second mention's first letter. This is the sentence
-- splitter's rule (extract/text.py) without its abbreviation list, so "Gen. X" may cut a
-- pair, which only loses a co-occurrence.
CREATE TRIGGER mentions_actor_pairs AFTER INSERT ON mentions WHEN new.kind = 'actor' BEGIN
    INSERT OR IGNORE INTO actor_pairs(actor_a, actor_b, doc_id)
    SELECT min(p.ref_id, new.ref_id), max(p.ref_id, new.ref_id), new.doc_id
    FROM (
        SELECT m.ref_id,
               max(m.start, new.start) - min(m.end, new.end) AS width,
               substr(d.text, min(m.end, new.end) + 1,
                      max(m.start, new.start) - min(m.end, new.end) + 1) AS gap
        FROM mentions m JOIN documents d ON d.id = m.doc_id
        WHERE m.doc_id = new.doc_id AND m.kind = 'actor' AND m.ref_id != new.ref_id
    ) p
    WHERE p.width BETWEEN 0 AND 400
      AND instr(p.gap, char(10)) = 0
      AND p.gap NOT GLOB '*[.!?…] [A-Z0-9ÁÉÍÓÚÑ¿¡"“«(]*'
      AND p.gap NOT GLOB '*[.!?…]["”’»)] [A-Z0-9ÁÉÍÓÚÑ¿¡"“«(]*';
END;

-- The same two rules over what is already stored.
INSERT OR IGNORE INTO actor_pairs(actor_a, actor_b, doc_id)
SELECT min(x.actor_id, y.actor_id), max(x.actor_id, y.actor_id), e.doc_id
FROM event_actors x
JOIN event_actors y ON y.event_id = x.event_id AND y.actor_id > x.actor_id
JOIN events e ON e.id = x.event_id;

INSERT OR IGNORE INTO actor_pairs(actor_a, actor_b, doc_id)
SELECT min(p.a, p.b), max(p.a, p.b), p.doc_id
FROM (
    SELECT m1.ref_id AS a, m2.ref_id AS b, m1.doc_id,
           substr(d.text, m1.end + 1, m2.start - m1.end + 1) AS gap
    FROM mentions m1
    JOIN mentions m2 ON m2.doc_id = m1.doc_id AND m2.kind = 'actor' AND m2.ref_id != m1.ref_id
         AND m2.start >= m1.end AND m2.start - m1.end <= 400
    JOIN documents d ON d.id = m1.doc_id
    WHERE m1.kind = 'actor'
) p
WHERE instr(p.gap, char(10)) = 0
  AND p.gap NOT GLOB '*[.!?…] [A-Z0-9ÁÉÍÓÚÑ¿¡"“«(]*'
  AND p.gap NOT GLOB '*[.!?…]["”’»)] [A-Z0-9ÁÉÍÓÚÑ¿¡"“«(]*';

-- An actor profile counts the figures of the documents about the actor by activity: a
-- covering index keeps that to an index range per document.
CREATE INDEX facts_doc_activity ON facts(doc_id, activity);
