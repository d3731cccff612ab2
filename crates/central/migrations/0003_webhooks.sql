-- The providers' notifications and what is relayed to tills.
--
-- `webhook` keeps every notification as it arrived (bounded to 64 KiB), whatever Central made of it:
-- `accepted` (verified, routed and relayed), `duplicate` (the same store, provider, reference and event
-- already accepted: providers retry), `refused` (bad credentials, a body Central cannot read, a reference
-- of another store), `unverified` (the provider's read endpoint could not confirm it) or `unroutable`
-- (verified, but no enrolled till owns the reference). Credentials are never stored: the headers kept
-- say only whether an Authorization or Apurata-Auth header was present.
--
-- Both tables carry `store_code` first in their keys (Citus: distributed by `store_code`, like the others).

CREATE TABLE webhook (
    store_code   text        NOT NULL,
    id           bigserial   NOT NULL,
    provider     text        NOT NULL CHECK (provider IN ('acuotaz', 'apagos', 'aplazame')),
    received_at  timestamptz NOT NULL DEFAULT now(),
    verdict      text        NOT NULL
                 CHECK (verdict IN ('accepted', 'duplicate', 'refused', 'unverified', 'unroutable')),
    reason       text        NOT NULL DEFAULT '',
    -- The till's id of the operation (order id, voucher order_id, checkout mid) and the provider's event.
    reference    text,
    event        text,
    method       text        NOT NULL,
    query        text        NOT NULL DEFAULT '',
    headers      jsonb       NOT NULL,
    peer         text,
    body         bytea       NOT NULL CHECK (octet_length(body) <= 65536),
    -- What the provider's read endpoint answered (aPagos' info, Aplazame's status), when Central asked.
    verified     jsonb,
    -- Where the notification and the read disagree (the read is what is recorded and relayed).
    mismatch     text,
    -- (provider, reference, event) as a JSON array: one accepted notification per key and store.
    dedup_key    text,
    PRIMARY KEY (store_code, id)
);
CREATE UNIQUE INDEX webhook_accepted_once ON webhook (store_code, dedup_key)
    WHERE verdict = 'accepted';
CREATE INDEX webhook_by_reference ON webhook (store_code, reference);

-- What each till fetches (`GET …/events?after=`). Ids increase per till in commit order: an insert for a
-- till takes that till's advisory lock first, so a till never sees a newer id before an older one.
CREATE TABLE relay_event (
    store_code   text        NOT NULL,
    till_code    text        NOT NULL,
    id           bigserial   NOT NULL,
    provider     text        NOT NULL,
    reference    text        NOT NULL,
    event        text        NOT NULL,
    payload      jsonb       NOT NULL,
    received_at  timestamptz NOT NULL DEFAULT now(),
    webhook_id   bigint      NOT NULL,
    PRIMARY KEY (store_code, id)
);
CREATE INDEX relay_event_by_till ON relay_event (store_code, till_code, id);
