package io.vigil.escalation;

import static io.vigil.escalation.IncidentState.ACKNOWLEDGED;
import static io.vigil.escalation.IncidentState.CLOSED;
import static io.vigil.escalation.IncidentState.IN_PROGRESS;
import static io.vigil.escalation.IncidentState.NEW;
import static io.vigil.escalation.IncidentState.RESOLVED;
import static io.vigil.escalation.IncidentTransitions.By.OPERATOR;
import static io.vigil.escalation.IncidentTransitions.By.SYSTEM;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class IncidentTransitionsTest {

    @Test
    void operatorsWorkAnIncidentThroughItsStatesInOrder() {
        assertThat(IncidentTransitions.change(NEW, ACKNOWLEDGED, OPERATOR)).contains(IncidentChange.ACKNOWLEDGED);
        assertThat(IncidentTransitions.change(ACKNOWLEDGED, IN_PROGRESS, OPERATOR)).contains(IncidentChange.IN_PROGRESS);
        assertThat(IncidentTransitions.change(IN_PROGRESS, RESOLVED, OPERATOR)).contains(IncidentChange.RESOLVED);
        assertThat(IncidentTransitions.change(RESOLVED, CLOSED, OPERATOR)).contains(IncidentChange.CLOSED);
    }

    @Test
    void operatorsCannotSkipTheAcknowledgementNorCloseWhatIsNotResolved() {
        assertThat(IncidentTransitions.allowed(NEW, RESOLVED, OPERATOR)).isFalse();
        assertThat(IncidentTransitions.allowed(NEW, IN_PROGRESS, OPERATOR)).isFalse();
        assertThat(IncidentTransitions.allowed(NEW, CLOSED, OPERATOR)).isFalse();
        assertThat(IncidentTransitions.allowed(IN_PROGRESS, CLOSED, OPERATOR)).isFalse();
        assertThat(IncidentTransitions.allowed(RESOLVED, NEW, OPERATOR)).isFalse();
    }

    @Test
    void theSystemResolvesOnRestoresAndReopensButNeverAcknowledges() {
        for (IncidentState open : new IncidentState[] {NEW, ACKNOWLEDGED, IN_PROGRESS}) {
            assertThat(IncidentTransitions.change(open, RESOLVED, SYSTEM)).contains(IncidentChange.AUTO_RESOLVED);
        }
        assertThat(IncidentTransitions.change(RESOLVED, NEW, SYSTEM)).contains(IncidentChange.REOPENED);
        assertThat(IncidentTransitions.allowed(NEW, ACKNOWLEDGED, SYSTEM)).isFalse();
    }

    @Test
    void nothingLeavesClosed() {
        for (IncidentState to : IncidentState.values()) {
            for (IncidentTransitions.By by : IncidentTransitions.By.values()) {
                assertThat(IncidentTransitions.allowed(CLOSED, to, by)).isFalse();
            }
        }
    }
}
