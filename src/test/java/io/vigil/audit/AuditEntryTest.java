package io.vigil.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AuditEntryTest {

    @Test
    void signalEntriesAreIdempotentByEventId() {
        AuditEntry accepted = AuditEntry.signalAccepted("site-0001", "ev-9");
        AuditEntry quarantined = AuditEntry.signalQuarantined("site-0001", "ev-9", "bad_signature");

        assertThat(accepted.kind()).isEqualTo(AuditKind.SIGNAL_ACCEPTED);
        assertThat(accepted.dedupKey()).isEqualTo("ev-9");
        assertThat(quarantined.reason()).isEqualTo("bad_signature");
        assertThat(quarantined.actor()).isEqualTo(Actor.system("trust"));
        assertThat(AuditEntry.operatorAction("alice", "acknowledge").dedupKey()).isNull();
    }

    @Test
    void detailsAreKeptAsGivenOrWrittenOnceFromATree() {
        assertThat(AuditEntry.operatorAction("a", "x").details("{ \"b\" : 1.50,\"a\":2 }").details())
                .isEqualTo("{ \"b\" : 1.50,\"a\":2 }");
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", "line\nbreak");
        map.put("a", 1);
        assertThat(AuditEntry.operatorAction("a", "x").details(map).details()).isEqualTo("{\"z\":\"line\\nbreak\",\"a\":1}");
    }

    @Test
    void refusesWhatPostgresqlTextCannotHoldVerbatim() {
        assertThatThrownBy(() -> AuditEntry.signalAccepted("site\u0000", "ev")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> AuditEntry.signalAccepted("site\ud800x", "ev")).hasMessageContaining("surrogate");
        assertThatThrownBy(() -> Actor.operator("\udc00")).hasMessageContaining("surrogate");
        // a valid pair is fine
        assertThat(AuditEntry.signalAccepted("site-\ud83d\udea8", "ev").siteId()).isEqualTo("site-\ud83d\udea8");
    }

    @Test
    void refusesInvalidDetailsAndKinds() {
        AuditEntry entry = AuditEntry.operatorAction("alice", "acknowledge");
        assertThatThrownBy(() -> entry.details("{\"a\":")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> entry.details("1 2")).hasMessageContaining("more than one");
        assertThatThrownBy(() -> entry.details("")).hasMessageContaining("empty");
        assertThatThrownBy(() -> AuditEntry.of("Signal", Actor.system("x"))).hasMessageContaining("dotted");
        assertThatThrownBy(() -> AuditEntry.of("signal.accepted'; --", Actor.system("x"))).hasMessageContaining("dotted");
    }
}
