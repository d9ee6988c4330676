-- Version 2: what each figure and event is about (activity: coca, gold_mining, ...), whether
-- it measures state effort, and the first-level division of each place, so that analyses
-- can group by economy and by department without reading reference data.
ALTER TABLE places ADD COLUMN admin1_id TEXT;
ALTER TABLE facts ADD COLUMN activity TEXT;
ALTER TABLE facts ADD COLUMN effort INTEGER NOT NULL DEFAULT 0;
ALTER TABLE events ADD COLUMN activity TEXT;
ALTER TABLE events ADD COLUMN effort INTEGER NOT NULL DEFAULT 0;
CREATE INDEX facts_activity ON facts(activity, period);
CREATE INDEX events_activity ON events(activity, date);
CREATE INDEX places_admin1 ON places(admin1_id);
