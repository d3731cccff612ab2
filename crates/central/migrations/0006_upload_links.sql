-- One-time pages where a customer uploads a transfer receipt from their own phone (`phone_upload`). The
-- till makes the receipt's URL token and sends only its SHA-256 (`receipt_token_hash`); the page's own
-- token is kept as its SHA-256 too. A link lasts minutes and takes one file.
CREATE TABLE upload_link (
    store_code          text        NOT NULL REFERENCES store (store_code),
    id                  bigint      GENERATED ALWAYS AS IDENTITY,
    till_code           text        NOT NULL,
    token_hash          text        NOT NULL,
    receipt_token_hash  text        NOT NULL,
    created_at          timestamptz NOT NULL DEFAULT now(),
    expires_at          timestamptz NOT NULL,
    used_at             timestamptz,
    PRIMARY KEY (store_code, id)
);
-- Looked up by the page's token alone (the phone knows no store); 32 random bytes make it unique.
CREATE INDEX upload_link_by_token ON upload_link (token_hash);
