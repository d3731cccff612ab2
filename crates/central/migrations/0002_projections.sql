-- What the chain's day page reads: each till's operations, shifts, Z reports and credit sales, projected
-- from the audit entries as they arrive (the newest seq of a row wins). Partitioned by the Lima day the
-- row belongs to, keyed by store like every store's table.

CREATE TABLE operation (
    store_code       text    NOT NULL,
    till_code        text    NOT NULL,
    day              date    NOT NULL,
    journal_id       bigint  NOT NULL,
    mode             text    NOT NULL,
    kind             text    NOT NULL,
    state            text    NOT NULL,
    collect_centimos bigint,
    tender           text,
    reason           text,
    operator_name    text,
    created_at       text    NOT NULL,
    seq              bigint  NOT NULL,
    PRIMARY KEY (store_code, day, till_code, journal_id)
) PARTITION BY RANGE (day);
CREATE INDEX operation_unknown ON operation (store_code, till_code) WHERE state IN ('unknown', 'pending');

CREATE TABLE shift (
    store_code      text    NOT NULL,
    till_code       text    NOT NULL,
    shift_id        bigint  NOT NULL,
    mode            text    NOT NULL,
    day             date    NOT NULL,
    opened_at       text    NOT NULL,
    opened_by       text,
    float_centimos  bigint,
    closed_at       text,
    closed_by       text,
    z_number        bigint,
    z_sha256        text,
    seq             bigint  NOT NULL,
    PRIMARY KEY (store_code, till_code, shift_id)
);
CREATE INDEX shift_by_day ON shift (day, store_code);

CREATE TABLE z_report (
    store_code   text        NOT NULL,
    till_code    text        NOT NULL,
    mode         text        NOT NULL,
    number       bigint      NOT NULL,
    day          date,
    snapshot     text        NOT NULL,
    sha256       text        NOT NULL,
    verified     boolean     NOT NULL DEFAULT false,
    -- The largest difference of the closing (counted minus expected, signed), in céntimos.
    difference_centimos bigint NOT NULL DEFAULT 0,
    received_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (store_code, till_code, mode, number)
);

CREATE TABLE credit_order (
    store_code       text    NOT NULL,
    till_code        text    NOT NULL,
    row_id           bigint  NOT NULL,
    order_id         text    NOT NULL,
    mode             text    NOT NULL,
    day              date    NOT NULL,
    status           text    NOT NULL,
    amount_centimos  bigint  NOT NULL,
    seq              bigint  NOT NULL,
    PRIMARY KEY (store_code, till_code, row_id)
);
CREATE INDEX credit_order_by_day ON credit_order (day, store_code);
CREATE INDEX credit_order_by_reference ON credit_order (order_id);
