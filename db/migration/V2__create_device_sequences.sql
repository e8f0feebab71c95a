-- The replay guard's per-device state (docs/envelope.md, "Replay"): the highest sequence number
-- accepted from a device and a bitmap of which of the 64 numbers below it were seen (bit i = seq
-- high_water - i). Written behind the hot path about once a second; merged, never moved backwards.
-- No foreign key to sites: the guard's write-behind must not fail on registry changes.

CREATE TABLE device_sequences (
    site_id     text        NOT NULL,
    device_id   text        NOT NULL,
    high_water  bigint      NOT NULL CHECK (high_water >= 0),
    window_bits bigint      NOT NULL,
    updated_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (site_id, device_id)
);

GRANT SELECT, INSERT, UPDATE ON device_sequences TO ${app_role};
