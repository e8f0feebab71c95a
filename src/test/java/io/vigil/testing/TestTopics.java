package io.vigil.testing;

import io.vigil.config.VigilProperties;
import io.vigil.kafka.KafkaClientConfig;
import io.vigil.kafka.KafkaPrincipal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes a test's own topics when it is done. Each partition keeps files open in the broker, and a
 * suite creates a dozen topics per test receiver: left behind, they exhaust the broker's descriptors
 * after a few dozen runs on a developer's machine.
 */
final class TestTopics {

    private static final Logger LOG = LoggerFactory.getLogger(TestTopics.class);

    private TestTopics() {}

    /** Deletes every topic whose name starts with {@code prefix}; a failure is logged, not thrown (cleanup only). */
    static void deleteWithPrefix(VigilProperties properties, String prefix) {
        Map<String, Object> config = KafkaClientConfig.from(properties).client(KafkaPrincipal.ADMIN);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(config)) {
            List<String> own = admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                    .filter(name -> name.startsWith(prefix)).toList();
            if (!own.isEmpty()) {
                admin.deleteTopics(own).all().get(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("could not delete the test topics {}*: {}", prefix, rootCause(e));
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.toString();
    }
}
