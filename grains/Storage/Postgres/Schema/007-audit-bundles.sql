-- The audit trail in bundles (PostgresAuditStore), in place of step 002's row per entry. Each
-- entry cost the server a wide row and three index entries, about a third of an update's
-- statement time and as much log as the unit's own state; now a group commit's entries are one
-- compressed row, and each chain in it one narrow row.
--
-- Step 002's tables are dropped when empty. A trail written in them is not converted: this
-- step refuses to run, so no node starts on a database whose trail it could not read.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM audit) THEN
        RAISE EXCEPTION 'The audit trail holds entries in the layout before bundles (table audit), which this version does not read. Start Cascade on a new database.';
    END IF;
    DROP TABLE audit;
    DROP TABLE audit_watermark;
END $$;

-- A bundle: the entries one transaction stored, packed (JSON, Brotli) in the order they were
-- appended. newest and oldest are the latest and earliest of their times (the entries' own text),
-- so bundles newest first are the time index. id grows in the order bundles are stored: appends
-- hold one lock from their first row to their commit, so the bundles visible at any moment are
-- those up to some id, and the checkpoint pass picks up from the last id it read.
CREATE TABLE audit_bundle (
    id      bigserial PRIMARY KEY,
    newest  text COLLATE "C" NOT NULL,
    oldest  text COLLATE "C" NOT NULL,
    entries bytea NOT NULL
);
-- Packed already: kept out of line as it is, not compressed again.
ALTER TABLE audit_bundle ALTER COLUMN entries SET STORAGE EXTERNAL;
CREATE INDEX audit_bundle_newest ON audit_bundle (newest, id);

-- Where a chain's entries are: seqs low to high of chain in bundle. hash is entry high's, or
-- null for an entry stored beside one of the same seq (a redelivery with another time), kept for
-- verify to report and no chain's head. keyed is the highest seq among them that carries a ref.
-- Rows are appended in bundle order, so a block range index finds a pass's rows for next to nothing.
CREATE TABLE audit_run (
    chain  text COLLATE "C" NOT NULL,
    high   bigint NOT NULL,
    low    bigint NOT NULL,
    hash   text,
    bundle bigint NOT NULL,
    keyed  bigint
);
CREATE INDEX audit_run_chain ON audit_run (chain, high, bundle);
CREATE INDEX audit_run_keyed ON audit_run (chain, keyed) WHERE keyed IS NOT NULL;
CREATE INDEX audit_run_bundle ON audit_run USING brin (bundle);

-- The refs a chain's entries carry (a keyed chain's request ids), each once.
CREATE TABLE audit_ref (
    chain text COLLATE "C" NOT NULL,
    ref   text NOT NULL,
    PRIMARY KEY (chain, ref)
);

-- One row (id 1): the highest audit_bundle.id the checkpoint pass has covered.
CREATE TABLE audit_watermark (
    id          integer PRIMARY KEY,
    last_bundle bigint NOT NULL
);
