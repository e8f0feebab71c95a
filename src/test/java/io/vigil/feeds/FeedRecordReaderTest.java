package io.vigil.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FeedRecordReaderTest {

    private final FeedInput input = new FeedInput("incidents", "events.security");

    @Test
    void readsByTopicAndIgnoresUnknownFields() throws Exception {
        FeedRecord incident = input.read("incidents", FeedSamples.bytes(FeedSamples.incident("c-1", "s-1", "opened", null)));
        FeedRecord event = input.read("events.security", FeedSamples.bytes(FeedSamples.securityEvent("e-1", "s-2")));

        assertThat(incident).isInstanceOf(IncidentChange.class);
        assertThat(incident.id()).isEqualTo("c-1");
        assertThat(((IncidentChange) incident).zones()).containsExactly("015", "016");
        assertThat(event).isInstanceOf(SecurityEvent.class);
        assertThat(event.id()).isEqualTo("e-1");
        assertThat(event.priority()).isEqualTo(3);
    }

    @Test
    void malformedRecordsAreReportedNotGuessed() {
        assertThatThrownBy(() -> input.read("incidents", "not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedFeedRecordException.class);
        assertThatThrownBy(() -> input.read("incidents", "[1]".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("not a JSON object");
        var noId = FeedSamples.incident("c-1", "s", "opened", null);
        noId.remove("change_id");
        assertThatThrownBy(() -> input.read("incidents", FeedSamples.bytes(noId))).hasMessageContaining("change_id");
        var badPriority = FeedSamples.incident("c-1", "s", "opened", null).put("priority", 9);
        assertThatThrownBy(() -> input.read("incidents", FeedSamples.bytes(badPriority))).hasMessageContaining("priority");
        var badTime = FeedSamples.securityEvent("e", "s").put("occurred_at", "yesterday");
        assertThatThrownBy(() -> input.read("events.security", FeedSamples.bytes(badTime))).hasMessageContaining("occurred_at");
        assertThatThrownBy(() -> input.read("incidents", "{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(MalformedFeedRecordException.class);
        assertThatThrownBy(() -> input.read("other", FeedSamples.bytes(FeedSamples.securityEvent("e", "s"))))
                .hasMessageContaining("no feed reads");
    }
}
