-- The audit trail (PostgresAuditStore), as the SQLite store keeps it. Names and times are
-- compared in the "C" collation: byte order, the ordinal order every store reads chains in,
-- whatever the database's own collation. Times are the entries' own text (ISO 8601 UTC with
-- milliseconds), stored as written: the hashes cover that text.

-- id grows in the order rows are appended; appends hold one lock from their first row to their
-- commit, so the rows visible at any moment are the ones up to some id, and the checkpoint pass
-- picks up from the last id it read (audit_watermark).
CREATE TABLE audit (
    id        bigserial PRIMARY KEY,
    chain     text COLLATE "C" NOT NULL,
    seq       bigint NOT NULL,
    at        text COLLATE "C" NOT NULL,
    actor     text NOT NULL,
    action    text NOT NULL,
    unit_id   text COLLATE "C",
    task_id   text,
    before    text,
    after     text,
    prev_hash text NOT NULL,
    hash      text NOT NULL,
    ref       text
);
CREATE INDEX audit_time ON audit (at, chain, seq);
CREATE INDEX audit_ref ON audit (ref) WHERE ref IS NOT NULL;
CREATE INDEX audit_ref_chain ON audit (chain, seq) WHERE ref IS NOT NULL;
CREATE INDEX audit_chain ON audit (chain, seq);

CREATE TABLE audit_checkpoint (
    chain     text COLLATE "C" NOT NULL,
    seq       bigint NOT NULL,
    hash      text NOT NULL,
    at        text NOT NULL,
    scheme    text,
    mac       text,
    key_id    text,
    signature text,
    PRIMARY KEY (chain, seq)
);

-- One row (id 1): the highest audit.id the checkpoint pass has covered.
CREATE TABLE audit_watermark (
    id      integer PRIMARY KEY,
    last_id bigint NOT NULL
);
