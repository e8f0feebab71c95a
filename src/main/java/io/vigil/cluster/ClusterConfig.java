package io.vigil.cluster;

import io.vigil.config.ConfigException;
import io.vigil.config.VigilProperties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/**
 * The cluster settings (docs/cluster.md, "Configuration"), built once from the properties.
 *
 * @param cluster         the cluster's name: its nodes' shared escalation consumer group, so that
 *                        receivers of other clusters on the same database (a benchmark's) stay apart
 * @param nodeId          this node's name in leases and status
 * @param leaseDuration   a lease not renewed for this long may be taken by another node
 * @param receiverSlots   fixed number of MQTT receiver slots in the cluster
 * @param slotClientIdPrefix slot n's MQTT client id is this + n, when there is more than one slot
 */
public record ClusterConfig(String cluster, String nodeId, Duration leaseDuration, int receiverSlots,
                            String slotClientIdPrefix) {

    public ClusterConfig {
        if (nodeId.isBlank() || nodeId.length() > 200) {
            throw new ConfigException("vigil.cluster.node-id must be 1 to 200 characters");
        }
        if (leaseDuration.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigException("vigil.cluster.lease-duration must be at least 1s");
        }
        if (receiverSlots < 1 || receiverSlots > 1000) {
            throw new ConfigException("vigil.cluster.receiver-slots must be between 1 and 1000");
        }
    }

    public static ClusterConfig from(VigilProperties properties) {
        String nodeId = properties.get("vigil.cluster.node-id", "");
        return new ClusterConfig(properties.get("vigil.escalation.group-id"), nodeId.isBlank() ? defaultNodeId() : nodeId,
                properties.getDuration("vigil.cluster.lease-duration", Duration.ofSeconds(6)),
                properties.getInt("vigil.cluster.receiver-slots", 1),
                properties.get("vigil.cluster.slot-client-id-prefix", "vigil-receiver-"));
    }

    /** A third of the lease: one renewal may fail without the lease being lost. */
    public Duration renewEvery() {
        return leaseDuration.dividedBy(3);
    }

    /** The host name and process id: two receivers started on one host without a node id stay two nodes. */
    private static String defaultNodeId() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
