-- Heartbeat supervision across nodes (docs/cluster.md, "Supervision"): each node consumes only its
-- Kafka partitions' events, so the last sign of life of every site is shared here (written once per
-- escalation batch when more than one node runs) and every node feeds the others' into its engine,
-- so that the node that judges deadlines knows every heartbeat, and a new one does after a takeover.
-- No foreign key to sites: like device_sequences, written behind the hot path.

CREATE TABLE site_last_seen (
    site_id    text        PRIMARY KEY,
    seen_at    timestamptz NOT NULL,
    updated_at timestamptz NOT NULL
);
CREATE INDEX site_last_seen_updated ON site_last_seen (updated_at);

REVOKE ALL ON site_last_seen FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE ON site_last_seen TO ${app_role};
