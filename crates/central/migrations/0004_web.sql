-- Hosted receipts (aPagos' transfer photos), head-office people and their sessions.
--
-- `receipt` and `receipt_fetch` carry `store_code` first in their keys like every store's table. The
-- public URL names only the token, so the receipt is found by `token_hash` through a plain index: on a
-- distributed engine that lookup visits every shard, which is fine for a photo opened a few times. A
-- unique index on the hash alone would not distribute, and 32 random bytes do not collide anyway.
-- People and sessions are the chain's, not a store's: reference tables on such an engine.

CREATE TABLE receipt (
    store_code    text        NOT NULL REFERENCES store (store_code),
    -- SHA-256 (hex) of the URL's token: the database alone cannot rebuild a working URL.
    token_hash    text        NOT NULL,
    till_code     text        NOT NULL,
    content_type  text        NOT NULL,
    bytes         bytea       NOT NULL,
    sha256        text        NOT NULL,
    size          bigint      NOT NULL,
    uploaded_at   timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    PRIMARY KEY (store_code, token_hash)
);
CREATE INDEX receipt_by_token ON receipt (token_hash);

-- Every GET of a receipt URL, answered or not (an unknown token is logged with store_code '').
CREATE TABLE receipt_fetch (
    store_code   text        NOT NULL,
    id           bigint      GENERATED ALWAYS AS IDENTITY,
    token_hash   text        NOT NULL,
    fetched_at   timestamptz NOT NULL DEFAULT now(),
    remote_addr  text        NOT NULL,
    user_agent   text        NOT NULL DEFAULT '',
    status       smallint    NOT NULL,
    PRIMARY KEY (store_code, id)
);
CREATE INDEX receipt_fetch_by_token ON receipt_fetch (token_hash);

CREATE TABLE app_user (
    -- Kept lower-case: the address people sign in with, whatever its case.
    email          text        PRIMARY KEY,
    display_name   text        NOT NULL,
    -- argon2id, PHC string (algorithm, parameters and salt travel with the hash).
    password_hash  text        NOT NULL,
    role           text        NOT NULL CHECK (role IN ('chain_admin', 'store_manager')),
    disabled       boolean     NOT NULL DEFAULT false,
    created_at     timestamptz NOT NULL DEFAULT now()
);

-- The stores a store manager sees (a chain admin sees all and has no rows here).
CREATE TABLE user_store (
    email       text NOT NULL REFERENCES app_user (email) ON DELETE CASCADE,
    store_code  text NOT NULL REFERENCES store (store_code),
    PRIMARY KEY (email, store_code)
);

CREATE TABLE web_session (
    -- SHA-256 (hex) of the cookie's token: a copy of this table signs nobody in.
    token_hash  text        PRIMARY KEY,
    email       text        NOT NULL REFERENCES app_user (email) ON DELETE CASCADE,
    csrf_token  text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    expires_at  timestamptz NOT NULL
);
CREATE INDEX web_session_by_expiry ON web_session (expires_at);

-- Failed sign-ins per typed e-mail (known or not), to slow down guessing.
CREATE TABLE login_failure (
    email      text        NOT NULL,
    failed_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_failure_by_email ON login_failure (email, failed_at);
