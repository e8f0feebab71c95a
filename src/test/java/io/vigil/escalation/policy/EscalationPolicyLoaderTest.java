package io.vigil.escalation.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.config.ConfigException;
import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EscalationPolicyLoaderTest {

    static final Path SHIPPED = Path.of("config/escalation-policy.yaml");

    @Test
    void theShippedPolicyLoadsWithLifeSafetyFirstAndOperatorOnlyRestores() {
        EscalationPolicy policy = EscalationPolicyLoader.load(SHIPPED);

        for (EventCategory category : new EventCategory[] {EventCategory.FIRE, EventCategory.PANIC, EventCategory.DURESS}) {
            assertThat(policy.priority(category, 3)).isEqualTo(1);
            assertThat(policy.restore(category)).isEqualTo(RestorePolicy.OPERATOR);
        }
        assertThat(policy.restore(EventCategory.TECHNICAL)).isEqualTo(RestorePolicy.AUTO_RESOLVE);
        assertThat(policy.priority(EventCategory.UNKNOWN, 3)).as("unlisted: the event's priority").isEqualTo(3);
        assertThat(policy.opensIncidents(EventClass.ALARM)).isTrue();
        assertThat(policy.opensIncidents(EventClass.OPEN)).isFalse();
        assertThat(policy.timer(1).after()).isEqualTo(Duration.ofSeconds(30));
        assertThat(policy.confirmation().applies(EventCategory.BURGLARY)).isTrue();
        assertThat(policy.runaway().burst()).isPositive();
    }

    @Test
    void aLifeSafetyCategoryThatARestoreWouldFinishIsRefused() throws Exception {
        String yaml = Files.readString(SHIPPED).replace("fire: {priority: 1, restore: operator}",
                "fire: {priority: 1, restore: auto_close}");

        assertThatThrownBy(() -> load(yaml)).isInstanceOf(ConfigException.class).hasMessageContaining("fire")
                .hasMessageContaining("restore: operator");
    }

    @Test
    void mistakesNameTheFieldThatIsWrong() throws Exception {
        String shipped = Files.readString(SHIPPED);

        assertThatThrownBy(() -> load(shipped.replace("  burglary:", "  burglery:")))
                .hasMessageContaining("categories.burglery");
        assertThatThrownBy(() -> load(shipped.replace("window: 10m", "window: ten minutes")))
                .hasMessageContaining("correlation.window");
        assertThatThrownBy(() -> load(shipped.replace("  burst: 10", "  burst: 10\n  bursts: 3")))
                .hasMessageContaining("unknown key bursts");
        assertThatThrownBy(() -> load(shipped.replace("1: {after: 30s, steps: 5}", "1: {after: 30s, steps: 5, x: 1}")))
                .hasMessageContaining("escalation.1");
        assertThatThrownBy(() -> load(shipped.replace("  priority: 1\n\n# token", "  priority: 0\n\n# token")))
                .hasMessageContaining("confirmation.priority");
        assertThatThrownBy(() -> load(shipped.replace("[alarm, trouble", "[alarm, restore, trouble")))
                .hasMessageContaining("restore");
    }

    private static EscalationPolicy load(String yaml) {
        return EscalationPolicyLoader.load(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
    }
}
