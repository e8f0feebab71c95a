package io.vigil.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.camel.component.kafka.KafkaComponent;
import org.apache.camel.component.kafka.KafkaConfiguration;

/**
 * The Camel Kafka component of one stage ({@code kafka-ingest:}, {@code kafka-normalize:}, ...): the
 * shared settings of the {@code kafka} component ({@code camel.component.kafka.*}) plus this stage's
 * client certificate, so that each route connects as its own principal and gets only its ACLs.
 */
// the annotation names the component whose generated configurers set the endpoint options (groupId, batching, ...)
@org.apache.camel.spi.annotations.Component("kafka")
public final class StageKafkaComponent extends KafkaComponent {

    private final KafkaPrincipal principal;
    private final KafkaClientConfig clients;
    private final String nodeId; // null: Kafka's own client ids

    public StageKafkaComponent(KafkaPrincipal principal, KafkaClientConfig clients) {
        this(principal, clients, null);
    }

    public StageKafkaComponent(KafkaPrincipal principal, KafkaClientConfig clients, String nodeId) {
        this.principal = principal;
        this.clients = clients;
        this.nodeId = nodeId;
    }

    /**
     * The Kafka client id of a stage's clients on a node, {@code vigil.<stage>.<node id>}: consumer
     * group descriptions then say which node holds which partitions ({@code vigil cluster status}).
     */
    public static String clientId(KafkaPrincipal stage, String nodeId) {
        return "vigil." + stage.key() + "." + nodeId;
    }

    /** The node id of a client id made by {@link #clientId}, or null. */
    public static String nodeOf(String clientId) {
        if (clientId == null || !clientId.startsWith("vigil.")) {
            return null;
        }
        int dot = clientId.indexOf('.', "vigil.".length());
        return dot < 0 ? null : clientId.substring(dot + 1);
    }

    private static final java.util.List<KafkaPrincipal> STAGES = java.util.List.of(KafkaPrincipal.INGEST,
            KafkaPrincipal.NORMALIZE, KafkaPrincipal.ESCALATION, KafkaPrincipal.AUDIT, KafkaPrincipal.FEEDS);

    /** Binds the component of every stage that has routes (ingest, normalize, escalation, audit, feeds). */
    public static void bindAll(KafkaClientConfig clients, java.util.function.BiConsumer<String, Object> bind) {
        bindAll(clients, null, bind);
    }

    /** As {@link #bindAll(KafkaClientConfig, java.util.function.BiConsumer)}, the clients named after the node. */
    public static void bindAll(KafkaClientConfig clients, String nodeId, java.util.function.BiConsumer<String, Object> bind) {
        for (KafkaPrincipal stage : STAGES) {
            bind.accept(scheme(stage), new StageKafkaComponent(stage, clients, nodeId));
        }
    }

    /** The names {@link #bindAll} binds. */
    public static java.util.List<String> schemes() {
        return STAGES.stream().map(StageKafkaComponent::scheme).toList();
    }

    /** The name routes use for this stage's component, e.g. {@code kafka-ingest}. */
    public static String scheme(KafkaPrincipal principal) {
        return "kafka-" + principal.key();
    }

    @Override
    protected void doInit() throws Exception {
        // the shared component has its configuration from the properties by now: routes resolve endpoints after that
        KafkaComponent shared = getCamelContext().getComponent("kafka", KafkaComponent.class);
        KafkaConfiguration configuration = shared.getConfiguration().copy();
        Map<String, Object> additional = new HashMap<>();
        if (configuration.getAdditionalProperties() != null) {
            additional.putAll(configuration.getAdditionalProperties());
        }
        additional.putAll(clients.security(principal));
        configuration.setAdditionalProperties(additional);
        if (nodeId != null) {
            configuration.setClientId(clientId(principal, nodeId));
        }
        setConfiguration(configuration);
        if (shared.getKafkaManualCommitFactory() != null) {
            setKafkaManualCommitFactory(shared.getKafkaManualCommitFactory());
        }
        if (shared.getKafkaClientFactory() != null) {
            setKafkaClientFactory(shared.getKafkaClientFactory());
        }
        super.doInit();
    }
}
