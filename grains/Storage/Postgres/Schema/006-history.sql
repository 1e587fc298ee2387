-- History points (PostgresHistoryStore). history holds each point's figures in PointCodec's form,
-- keyed by the day's number (DateOnly.DayNumber) then the unit: a day's points are one range of
-- the key (a past day's tree, pruning), and one unit's days are a seek each.
CREATE TABLE history (
    day     integer NOT NULL,
    unit_id text COLLATE "C" NOT NULL,
    data    bytea NOT NULL,
    PRIMARY KEY (day, unit_id)
);

-- A unit's parent, name, kind and depth from the day they were first recorded or changed; a
-- point reads with the row in force on its day (the latest at or before it).
CREATE TABLE history_unit (
    unit_id   text COLLATE "C" NOT NULL,
    day       integer NOT NULL,
    parent_id text COLLATE "C",
    name      text NOT NULL,
    kind      integer NOT NULL,
    depth     integer NOT NULL,
    PRIMARY KEY (unit_id, day)
);
