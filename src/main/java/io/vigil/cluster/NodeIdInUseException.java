package io.vigil.cluster;

import io.vigil.config.ConfigException;
import java.time.Duration;

/** Another running process uses this node id: two nodes under one name would share each other's leases. */
public final class NodeIdInUseException extends ConfigException {

    public NodeIdInUseException(String nodeId, Duration leaseDuration) {
        super("node id " + nodeId + " is in use by another running process (renewed within " + leaseDuration
                + "); give each node its own vigil.cluster.node-id");
    }
}
