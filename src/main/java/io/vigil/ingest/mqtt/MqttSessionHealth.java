package io.vigil.ingest.mqtt;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The receiver's MQTT session as a health endpoint reads it (bean {@code mqttSessionHealth}): the
 * connection state, and an alarm that stays raised after a session takeover or a lost session until
 * someone clears it, even when messages flow again (docs/delivery.md, "Session takeover").
 */
public final class MqttSessionHealth {

    public enum State { CONNECTING, CONNECTED, DISCONNECTED }

    public enum AlarmKind { TAKEN_OVER, SESSION_LOST }

    public record Alarm(AlarmKind kind, String clientId, Instant at) {}

    private volatile State state = State.CONNECTING;
    private volatile Instant since = Instant.now();
    private volatile Alarm alarm;
    private final AtomicLong takeovers = new AtomicLong();
    private final AtomicLong sessionsLost = new AtomicLong();

    public State state() { return state; }
    public Instant since() { return since; }
    public Optional<Alarm> alarm() { return Optional.ofNullable(alarm); }
    public long takeovers() { return takeovers.get(); }
    public long sessionsLost() { return sessionsLost.get(); }

    /** Connected and no alarm raised. */
    public boolean healthy() {
        return state == State.CONNECTED && alarm == null;
    }

    public void clearAlarm() {
        alarm = null;
    }

    void connected(Instant at) { change(State.CONNECTED, at); }

    void disconnected(Instant at) { change(State.DISCONNECTED, at); }

    void takenOver(String clientId, Instant at) {
        takeovers.incrementAndGet();
        alarm = new Alarm(AlarmKind.TAKEN_OVER, clientId, at);
        change(State.DISCONNECTED, at);
    }

    void sessionLost(String clientId, Instant at) {
        sessionsLost.incrementAndGet();
        alarm = new Alarm(AlarmKind.SESSION_LOST, clientId, at);
    }

    private void change(State next, Instant at) {
        state = next;
        since = at;
    }
}
