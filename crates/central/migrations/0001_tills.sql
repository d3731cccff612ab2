-- Stores, their tills and how a till proves who it is; every till's audit chain as it pushed it.
--
-- Every table a store's data lands in carries `store_code` first in its primary key, so the schema runs
-- unchanged on a distributed engine (Citus: `create_distributed_table('<table>', 'store_code')`, with the
-- tables that hold no store's rows as reference tables). The big tables are partitioned by day: old days
-- detach or move to cheaper storage without touching the new ones.

CREATE TABLE store (
    store_code  text        PRIMARY KEY,
    name        text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE till (
    store_code    text        NOT NULL REFERENCES store (store_code),
    till_code     text        NOT NULL,
    label         text        NOT NULL DEFAULT '',
    -- Ed25519 public key given at enrollment; the private half never leaves the till.
    public_key    bytea       NOT NULL,
    enrolled_at   timestamptz NOT NULL DEFAULT now(),
    -- The last seq up to which Central holds the chain without a hole, and that entry's hash.
    high_water    bigint      NOT NULL DEFAULT 0,
    head_hash     text        NOT NULL DEFAULT '0000000000000000000000000000000000000000000000000000000000000000',
    max_seq       bigint      NOT NULL DEFAULT 0,
    last_push_at  timestamptz,
    last_seen_at  timestamptz,
    PRIMARY KEY (store_code, till_code)
);

-- One-time enrollment codes, kept as their SHA-256 only; a till names its store when it sends one.
CREATE TABLE enrollment_code (
    store_code  text        NOT NULL REFERENCES store (store_code),
    code_hash   text        NOT NULL,
    till_code   text        NOT NULL,
    created_by  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    PRIMARY KEY (store_code, code_hash)
);

-- Nonces of signed requests seen in the last minutes: a replayed request finds its nonce here.
CREATE TABLE request_nonce (
    store_code  text        NOT NULL,
    till_code   text        NOT NULL,
    nonce       text        NOT NULL,
    seen_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (store_code, till_code, nonce)
);
CREATE INDEX request_nonce_by_age ON request_nonce (seen_at);

-- Each till's audit chain, append-only. (till, seq) is unique: the push takes the till's advisory lock
-- and reads before it writes, because a partitioned table's unique key must include the partition key.
CREATE TABLE audit_entry (
    store_code   text        NOT NULL,
    till_code    text        NOT NULL,
    day          date        NOT NULL,
    seq          bigint      NOT NULL,
    at           text        NOT NULL,
    subject      text        NOT NULL,
    subject_id   bigint      NOT NULL,
    content      text        NOT NULL,
    prev_hash    text        NOT NULL,
    hash         text        NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (store_code, till_code, seq, day)
) PARTITION BY RANGE (day);
CREATE INDEX audit_entry_by_till ON audit_entry (store_code, till_code, seq);

-- What Central found wrong in a till's chain: an entry sent again with another content (`rewritten`), an
-- entry whose hash or link to the one before does not hold (`broken`).
CREATE TABLE finding (
    store_code  text        NOT NULL,
    till_code   text        NOT NULL,
    seq         bigint      NOT NULL,
    kind        text        NOT NULL CHECK (kind IN ('rewritten', 'broken')),
    detail      text        NOT NULL,
    found_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (store_code, till_code, seq, kind)
);
