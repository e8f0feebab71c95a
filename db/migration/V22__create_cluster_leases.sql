-- Redundant receivers (docs/cluster.md): the nodes of a cluster meet only here. A cluster is named
-- by its nodes' shared escalation consumer group, so receivers of other clusters (a benchmark's, a
-- test's) may use the same database without taking each other's leases.
-- A lease is held by one process (instance) of one node until expires_at, set from the database's
-- clock. The fencing token grows by one whenever the lease changes hands or had expired; a
-- singleton's transaction locks its lease row FOR SHARE with its token, so a stale holder writes nothing.

CREATE TABLE cluster_lease (
    cluster     text        NOT NULL,
    name        text        NOT NULL,
    node_id     text        NOT NULL,
    instance    uuid        NOT NULL,
    token       bigint      NOT NULL CHECK (token > 0),
    acquired_at timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    PRIMARY KEY (cluster, name)
);

-- One row per node id: which process runs it, since when, when it last renewed and whether it
-- stopped cleanly (status, and refusing a second process started with the same node id).
CREATE TABLE cluster_node (
    cluster    text        NOT NULL,
    node_id    text        NOT NULL,
    instance   uuid        NOT NULL,
    started_at timestamptz NOT NULL,
    seen_at    timestamptz NOT NULL,
    stopped_at timestamptz,
    PRIMARY KEY (cluster, node_id)
);

REVOKE ALL ON cluster_lease, cluster_node FROM PUBLIC;
GRANT SELECT, INSERT, UPDATE ON cluster_lease, cluster_node TO ${app_role};
