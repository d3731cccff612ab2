-- Signed updates of the desktop app (`updates`). A release is one version for one updater target (for
-- example `linux-x86_64-deb`): the bundle's bytes and its minisign signature, checked against the
-- chain's release key when it was published. Each store gets the version a chain admin or its store
-- manager chose; a till asks for it and downloads the bundle through a ticket that lasts an hour.
CREATE TABLE app_release (
    version       text        NOT NULL,
    target        text        NOT NULL,
    notes         text        NOT NULL DEFAULT '',
    signature     text        NOT NULL,
    bundle        bytea       NOT NULL,
    sha256        text        NOT NULL,
    published_at  timestamptz NOT NULL DEFAULT now(),
    published_by  text        NOT NULL,
    PRIMARY KEY (version, target)
);

CREATE TABLE store_release (
    store_code  text        PRIMARY KEY REFERENCES store (store_code),
    version     text        NOT NULL,
    chosen_by   text        NOT NULL,
    chosen_at   timestamptz NOT NULL DEFAULT now()
);

-- The bundle's URL in a manifest carries a random token; Central keeps its SHA-256 only.
CREATE TABLE update_ticket (
    token_hash  text        PRIMARY KEY,
    store_code  text        NOT NULL,
    till_code   text        NOT NULL,
    version     text        NOT NULL,
    target      text        NOT NULL,
    expires_at  timestamptz NOT NULL
);
