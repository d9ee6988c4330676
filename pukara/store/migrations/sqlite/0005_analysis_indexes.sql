-- Version 5: covering indexes for the analyses (pukara.analyse.shifts), which group events
-- and figures by place and effort over date ranges. With them the grouped counts read only
-- the index, never the table rows: on 1 million facts + events, 0.2 s instead of 1-2 s.
CREATE INDEX IF NOT EXISTS events_place_effort
    ON events(place_id, effort, date, announced, doc_id, type);
CREATE INDEX IF NOT EXISTS facts_place_effort
    ON facts(place_id, effort, period, doc_id, indicator, unit, value);
