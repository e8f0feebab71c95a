package io.vigil.escalation;

import java.util.List;

/** Publishes incidents records; returns only when every record is acknowledged (acks=all), else throws. */
public interface IncidentPublisher extends AutoCloseable {

    void publish(List<OutboxRecord> records);

    @Override
    default void close() {}
}
