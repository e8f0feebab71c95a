-- Redundant receivers (docs/cluster.md): the nodes of a cluster meet only here.
-- A lease is held by one process (instance) of one node until expires_at, set from the database's
-- clock. The fencing token grows by one whenever the lease changes hands or had expired; a
-- singleton's transaction locks its lease row FOR SHARE with its token, so a stale holder writes nothing.

CREATE TABLE cluster_lease (
    name        text        PRIMARY KEY,
    node_id     text        NOT NULL,
    instance    uuid        NOT NULL,
    token       bigint      NOT NULL CHECK (token > 0),
    acquired_at timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL
);

-- One row per node id: which process runs it, since when, when it last renewed and whether it
-- stopped cleanly (status, and refusing a second process started with the same node id).
CREATE TABLE cluster_node (
    node_id    text        PRIMARY KEY,
    instance   uuid        NOT NULL,
    started_at timestamptz NOT NULL,
    seen_at    timestamptz NOT NULL,
    stopped_at timestamptz
);

REVOKE ALL ON cluster_lease, cluster_node FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE ON cluster_lease, cluster_node TO ${app_role};
