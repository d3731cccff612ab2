-- The store's confirmation of Aplazame checkouts (`confirmation`): Aplazame asks the store to confirm a
-- checkout in `pending`/`confirmation_required` in its answer to that IPN, and Central answers for the
-- store from what its till said.
--
-- `aplazame_confirmation` has one row per store and checkout, keyed by our `mid` (Caja's order id,
-- `STORE-TILL-…`): what the till announced when it created the checkout (Aplazame's checkout id when
-- known, the total in integer cents, the currency, test mode or not, and its policy: `auto` confirms a
-- checkout whose status matches the announcement, `ask` waits for the cashier), the store's decision
-- (`ok`/`ko`, who made it: a person's name or `rule`, why, when, from which till), and what was given to
-- Aplazame (`given`, once; a contrary decision after it is refused).
--
-- `aplazame_answer` logs every answer Central gave to a confirmation request: `ok`, `ko` or `deferred`
-- (no decision in time: a non-2xx, so that Aplazame asks again). Purged with the notifications.

CREATE TABLE aplazame_confirmation (
    store_code    text        NOT NULL REFERENCES store (store_code),
    mid           text        NOT NULL,
    till_code     text        NOT NULL,
    checkout_id   text,
    total_cents   bigint      CHECK (total_cents > 0),
    currency      text,
    sandbox       boolean,
    policy        text        CHECK (policy IN ('auto', 'ask')),
    announced_at  timestamptz,
    decision      text        CHECK (decision IN ('ok', 'ko')),
    decided_by    text,
    reason        text,
    decided_at    timestamptz,
    decided_till  text,
    given         text        CHECK (given IN ('ok', 'ko')),
    given_reason  text,
    given_at      timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (store_code, mid)
);
CREATE INDEX aplazame_confirmation_by_time ON aplazame_confirmation (store_code, created_at);

CREATE TABLE aplazame_answer (
    store_code   text        NOT NULL,
    id           bigserial   NOT NULL,
    mid          text        NOT NULL,
    checkout_id  text        NOT NULL,
    answer       text        NOT NULL CHECK (answer IN ('ok', 'ko', 'deferred')),
    reason       text        NOT NULL DEFAULT '',
    at           timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (store_code, id)
);
CREATE INDEX aplazame_answer_by_mid ON aplazame_answer (store_code, mid);
CREATE INDEX aplazame_answer_by_time ON aplazame_answer (store_code, at);
