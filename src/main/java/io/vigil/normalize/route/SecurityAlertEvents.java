package io.vigil.normalize.route;

import io.vigil.normalize.CanonicalEvent;
import io.vigil.normalize.EventCategory;
import io.vigil.normalize.EventClass;
import io.vigil.normalize.EventIds;
import io.vigil.normalize.Qualifier;
import io.vigil.normalize.SourceFormat;
import io.vigil.ingest.mqtt.MqttSessionAlert;
import io.vigil.ingest.mqtt.MqttSessionHealth;
import io.vigil.trust.SecurityAlert;
import java.util.Map;
import java.util.TreeMap;

/**
 * A burst of rejected messages from one site as a canonical {@code security} event, so escalation
 * opens an incident for it like for any other signal (docs/envelope.md, "reject bursts").
 */
public final class SecurityAlertEvents {

    /** The pseudo device of events Vigil raises itself. */
    public static final String RECEIVER_DEVICE = "vigil-receiver";
    public static final String CODE = "reject_burst";
    public static final String SESSION_TAKEN_OVER = "session_taken_over";
    public static final String SESSION_LOST = "session_lost";

    private SecurityAlertEvents() {}

    public static CanonicalEvent of(SecurityAlert alert) {
        // one id per site and burst start: a redelivered alert keeps its id
        String messageId = "reject-burst-" + alert.firstAt().toEpochMilli();
        Map<String, Integer> reasons = new TreeMap<>(alert.reasons());
        return new CanonicalEvent(CanonicalEvent.SPEC_VERSION, EventIds.eventId(alert.site(), messageId, 0),
                alert.site(), RECEIVER_DEVICE, null, SourceFormat.RECEIVER, EventClass.SECURITY,
                EventCategory.TAMPER, CODE, true, Qualifier.EVENT, null, null, null, 2,
                alert.count() + " rejected messages within " + alert.window().toSeconds() + " s: " + reasons,
                null, alert.lastAt(), alert.lastAt(), null, messageId, null, null, null);
    }

    /**
     * The receiver's MQTT session taken over or found gone: an event of the receiver's client id, which
     * no site can have (reserved ids, docs/envelope.md).
     */
    public static CanonicalEvent of(MqttSessionAlert alert) {
        boolean takenOver = alert.kind() == MqttSessionHealth.AlarmKind.TAKEN_OVER;
        String code = takenOver ? SESSION_TAKEN_OVER : SESSION_LOST;
        String messageId = code.replace('_', '-') + "-" + alert.at().toEpochMilli();
        return new CanonicalEvent(CanonicalEvent.SPEC_VERSION, EventIds.eventId(alert.clientId(), messageId, 0),
                alert.clientId(), RECEIVER_DEVICE, null, SourceFormat.RECEIVER, EventClass.SECURITY,
                EventCategory.TAMPER, code, true, Qualifier.EVENT, null, null, null, 1,
                "MQTT session of " + alert.clientId() + " at " + alert.serverUri()
                        + (takenOver ? " taken over: " : " lost: ") + alert.detail(),
                null, alert.at(), alert.at(), null, messageId, null, null, null);
    }
}
