-- The web hosts' Data Protection key ring (PostgresKeyRing): every node on the database shares it.
CREATE TABLE data_protection_key (
    name text COLLATE "C" PRIMARY KEY,
    xml  text NOT NULL
);
