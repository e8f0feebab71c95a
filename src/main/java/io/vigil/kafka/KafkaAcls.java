package io.vigil.kafka;

import io.vigil.config.VigilProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The least-privilege ACLs of each stage's principal (docs/topics.md, "Principals and ACLs"), derived
 * from the configured topic names and consumer groups — exact names, never a wildcard — and created by
 * the admin principal at start. Creating an ACL that exists is a no-op, so this is idempotent.
 */
public final class KafkaAcls {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaAcls.class);
    /** The feed sinks of docs/feeds.md, each with its own consumer group. */
    private static final List<String> FEED_SINKS = List.of("cef-tls", "cef-udp", "ecs-http", "ecs-file", "hec", "webhook");

    private KafkaAcls() {}

    /** Every ACL binding Vigil's principals need with this configuration. */
    public static List<AclBinding> required(VigilProperties properties, KafkaClientConfig clients) {
        Grants grants = new Grants(properties, clients);
        grants.writes(KafkaPrincipal.INGEST, "accepted", "quarantine", "security");
        grants.reads(KafkaPrincipal.INGEST, "accepted"); // the replay guard's look-back at start, without a group
        grants.reads(KafkaPrincipal.NORMALIZE, "accepted");
        grants.group(KafkaPrincipal.NORMALIZE, "vigil.normalize.group-id");
        grants.writes(KafkaPrincipal.NORMALIZE, "alarm", "sensor", "location", "location-precise", "heartbeat",
                "security", "quarantine");
        grants.reads(KafkaPrincipal.ESCALATION, "alarm", "heartbeat", "security");
        grants.group(KafkaPrincipal.ESCALATION, "vigil.escalation.group-id");
        grants.writes(KafkaPrincipal.ESCALATION, "incidents");
        grants.reads(KafkaPrincipal.AUDIT, "accepted", "quarantine");
        grants.group(KafkaPrincipal.AUDIT, "vigil.audit.signals.group-id");
        grants.reads(KafkaPrincipal.FEEDS, "incidents", "security");
        FEED_SINKS.forEach(sink -> grants.group(KafkaPrincipal.FEEDS, "vigil.feeds." + sink + ".group-id"));
        grants.reads(KafkaPrincipal.LOCATION_READER, "location-precise");
        grants.group(KafkaPrincipal.LOCATION_READER, "vigil.kafka.location-reader.group-id");
        return grants.bindings;
    }

    /** Creates the bindings as the admin principal (existing ones stay as they are); nothing without TLS. */
    public static void ensure(KafkaClientConfig clients, List<AclBinding> bindings) {
        if (!clients.tls()) {
            LOG.warn("Kafka without TLS (vigil.kafka.security-protocol=PLAINTEXT): no principals, no ACLs");
            return;
        }
        try (Admin admin = Admin.create(clients.client(KafkaPrincipal.ADMIN))) {
            admin.createAcls(bindings).all().get(30, TimeUnit.SECONDS);
            awaitApplied(admin, bindings);
            LOG.info("Kafka ACLs in place: {} bindings", bindings.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating Kafka ACLs", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create Kafka ACLs: " + e.getMessage(), e);
        }
    }

    /**
     * The controller acknowledges new ACLs before the broker's authoriser has them from the metadata
     * log: a client that starts right away would be refused. The broker answers DescribeAcls from
     * that authoriser, so once it lists every binding, they are in force.
     */
    private static void awaitApplied(Admin admin, List<AclBinding> bindings)
            throws InterruptedException, ExecutionException, TimeoutException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!admin.describeAcls(AclBindingFilter.ANY).values().get(30, TimeUnit.SECONDS).containsAll(bindings)) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("the broker did not apply the new ACLs within 30 s");
            }
            Thread.sleep(50);
        }
    }

    private static final class Grants {
        private final VigilProperties properties;
        private final KafkaClientConfig clients;
        private final List<AclBinding> bindings = new ArrayList<>();
        private final java.util.Map<KafkaPrincipal, String> names = new java.util.EnumMap<>(KafkaPrincipal.class);

        Grants(VigilProperties properties, KafkaClientConfig clients) {
            this.properties = properties;
            this.clients = clients;
        }

        void writes(KafkaPrincipal principal, String... roles) {
            for (String role : roles) {
                allow(principal, ResourceType.TOPIC, properties.get("vigil.kafka.topic." + role), AclOperation.WRITE);
            }
        }

        void reads(KafkaPrincipal principal, String... roles) {
            for (String role : roles) {
                allow(principal, ResourceType.TOPIC, properties.get("vigil.kafka.topic." + role), AclOperation.READ);
            }
        }

        void group(KafkaPrincipal principal, String groupKey) {
            allow(principal, ResourceType.GROUP, properties.get(groupKey), AclOperation.READ);
        }

        private void allow(KafkaPrincipal principal, ResourceType type, String name, AclOperation operation) {
            bindings.add(new AclBinding(new ResourcePattern(type, name, PatternType.LITERAL),
                    new AccessControlEntry("User:" + names.computeIfAbsent(principal, clients::principalName), "*", operation,
                            AclPermissionType.ALLOW)));
        }
    }
}
