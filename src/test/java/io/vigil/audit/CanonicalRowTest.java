package io.vigil.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class CanonicalRowTest {

    private static final byte[] PREV = new byte[32];

    static {
        for (int i = 0; i < 32; i++) {
            PREV[i] = (byte) i;
        }
    }

    private static AuditRow row(String siteId, String incidentId) {
        return new AuditRow(42, AuditRow.micros(Instant.parse("2025-01-05T10:00:00.123456Z")), 1, "signal.quarantined",
                "system", "trust", siteId, incidentId, "ev-1", "bad_signature",
                "{\"topic\":\"sites/site-0001/alarm\",\"n\":1.50}", "ev-1", PREV, null);
    }

    @Test
    void knownAnswerVectorComputedIndependently() {
        // bytes and hash computed with Python's struct and hashlib from the description in docs/audit.md
        CanonicalRow canonical = new CanonicalRow();
        AuditRow row = row("site-0001", null);

        assertThat(Hex.of(canonical.encode(row))).isEqualTo("01000000000000002a00062af293302a40000000127369676e616c2e"
                + "71756172616e74696e65640000000673797374656d00000005747275737400000009736974652d30303031ffffffff00"
                + "00000465762d310000000d6261645f7369676e61747572650000002a7b22746f706963223a2273697465732f736974"
                + "652d303030312f616c61726d222c226e223a312e35307d0000000465762d31");
        assertThat(Hex.of(canonical.hash(PREV, row)))
                .isEqualTo("f45b92b1cc9fbdc8f1c90419765f89715517250fa25a66f82bc4908141dcc08a");
    }

    @Test
    void lengthPrefixesKeepNeighbouringFieldsAndNullApart() {
        CanonicalRow canonical = new CanonicalRow();
        byte[] split1 = canonical.hash(PREV, row("ab", "c"));
        byte[] split2 = canonical.hash(PREV, row("a", "bc"));
        byte[] nullIncident = canonical.hash(PREV, row("site", null));
        byte[] emptyIncident = canonical.hash(PREV, row("site", ""));

        assertThat(split1).isNotEqualTo(split2);
        assertThat(nullIncident).isNotEqualTo(emptyIncident);
    }

    @Test
    void everyColumnAndThePreviousHashAreCovered() {
        CanonicalRow canonical = new CanonicalRow();
        AuditRow base = row("site-0001", "inc-1");
        byte[] hash = canonical.hash(PREV, base);
        AuditRow[] changed = {
                new AuditRow(43, base.recordedAtMicros(), 1, base.kind(), base.actorType(), base.actorId(), base.siteId(),
                        base.incidentId(), base.eventId(), base.reason(), base.details(), base.dedupKey(), PREV, null),
                new AuditRow(42, base.recordedAtMicros() + 1, 1, base.kind(), base.actorType(), base.actorId(),
                        base.siteId(), base.incidentId(), base.eventId(), base.reason(), base.details(), base.dedupKey(),
                        PREV, null),
                new AuditRow(42, base.recordedAtMicros(), 1, base.kind(), base.actorType(), base.actorId(), base.siteId(),
                        base.incidentId(), base.eventId(), base.reason(), "{\"topic\":\"sites/site-0001/alarm\",\"n\":1.5}",
                        base.dedupKey(), PREV, null),
                new AuditRow(42, base.recordedAtMicros(), 1, base.kind(), base.actorType(), base.actorId(), base.siteId(),
                        base.incidentId(), base.eventId(), base.reason(), base.details(), null, PREV, null),
        };
        for (AuditRow row : changed) {
            assertThat(canonical.hash(PREV, row)).isNotEqualTo(hash);
        }
        assertThat(canonical.hash(CanonicalRow.GENESIS, base)).isNotEqualTo(hash);
    }

    @Test
    void anUnknownFormatIsRefusedRatherThanGuessed() {
        AuditRow base = row("s", null);
        AuditRow v2 = new AuditRow(1, 0, 2, base.kind(), base.actorType(), base.actorId(), null, null, null, null, null,
                null, PREV, null);
        assertThatThrownBy(() -> new CanonicalRow().hash(PREV, v2)).isInstanceOf(IllegalArgumentException.class);
    }
}
