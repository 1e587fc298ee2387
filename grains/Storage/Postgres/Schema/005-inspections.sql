-- Inspections (PostgresInspectionStore), insert only: headers, seals and one row per frozen unit,
-- keyed by the inspection and the unit's order in the frozen shape (a subtree is a range of it).
-- Moments are UTC ticks (100 ns), as .NET gives them.
CREATE TABLE inspection (
    id       text COLLATE "C" PRIMARY KEY,
    taken_at bigint NOT NULL,
    data     bytea NOT NULL
);

CREATE TABLE inspection_seal (
    id          text COLLATE "C" PRIMARY KEY,
    captured_at bigint NOT NULL
);

-- frozen: the unit's row (FrozenCodec.Row); work: its tasks and own open alerts, compressed.
CREATE TABLE inspection_unit (
    inspection text COLLATE "C" NOT NULL,
    ord        integer NOT NULL,
    unit_id    text COLLATE "C" NOT NULL,
    depth      integer NOT NULL,
    frozen     bytea NOT NULL,
    work       bytea NOT NULL,
    PRIMARY KEY (inspection, ord),
    UNIQUE (inspection, unit_id)
);
