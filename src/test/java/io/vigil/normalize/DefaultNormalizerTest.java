package io.vigil.normalize;

import static io.vigil.normalize.TestSignals.reason;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DefaultNormalizerTest {
    private final DefaultNormalizer normalizer = TestSignals.normalizer();

    @ParameterizedTest
    @ValueSource(strings = {"application/vnd.vigil.cid", "Application/VND.Vigil.CID", "application/vnd.vigil.cid; charset=us-ascii",
        "application/vnd.vigil.cid ; version=\"1\""})
    void dispatchesOnTheMediaTypeIgnoringCaseAndParameters(String contentType) {
        assertThat(normalize(contentType, "1234 18 1131 01 015")).isInstanceOf(Decoded.class);
    }

    @Test
    void contentTypeProblemsHaveTheirOwnReasons() {
        assertThat(((Undecodable) normalize(null, "x")).reasonCode()).isEqualTo("content_type.missing");
        assertThat(reason("application/vnd.vigil.cid; broken", "x")).isEqualTo("content_type.invalid");
        assertThat(reason("text/plain", "x")).isEqualTo("content_type.unsupported");
    }

    @Test
    void oversizedBodiesAreRefusedBeforeParsing() {
        byte[] body = new byte[DefaultNormalizer.MAX_BODY_BYTES + 1];
        assertThat(normalizer.normalize(TestSignals.ctx(), ContentTypes.HEARTBEAT, body))
                .isInstanceOfSatisfying(Undecodable.class, u -> assertThat(u.reasonCode()).isEqualTo("body.too_large"));
    }

    @Test
    void heartbeatAcceptsAnEmptyOrSmallBody() {
        CanonicalEvent event = ((Decoded) normalizer.normalize(TestSignals.ctx(), ContentTypes.HEARTBEAT, null)).events().get(0);

        assertThat(event.eventClass()).isEqualTo(EventClass.HEARTBEAT);
        assertThat(event.sourceFormat()).isEqualTo(SourceFormat.HEARTBEAT);
        assertThat(reason(ContentTypes.HEARTBEAT, "x".repeat(HeartbeatDecoder.MAX_BODY + 1))).isEqualTo("heartbeat.too_large");
    }

    @Test
    void contextFieldsAreCopiedIntoEveryEvent() {
        SignalContext ctx = TestSignals.ctx("site-9", "panel-3", "msg-77");
        List<CanonicalEvent> events = ((Decoded) normalizer.normalize(ctx, ContentTypes.SIA_DCS,
                "#1234|NBA01/BR01".getBytes(StandardCharsets.UTF_8))).events();

        assertThat(events).allSatisfy(e -> {
            assertThat(e.specVersion()).isEqualTo("1");
            assertThat(e.siteId()).isEqualTo("site-9");
            assertThat(e.deviceId()).isEqualTo("panel-3");
            assertThat(e.messageId()).isEqualTo("msg-77");
            assertThat(e.keyId()).isEqualTo("key-1");
            assertThat(e.receivedAt()).isEqualTo(TestSignals.RECEIVED_AT);
            assertThat(e.occurredAt()).isEqualTo(TestSignals.ISSUED_AT);
        });
    }

    @Test
    void eventIdsSurviveRedeliveryAndDifferByPosition() {
        SignalContext ctx = TestSignals.ctx("site-9", "panel-3", "msg-77");
        byte[] body = "#1234|NBA01/BR01".getBytes(StandardCharsets.UTF_8);

        List<CanonicalEvent> first = ((Decoded) normalizer.normalize(ctx, ContentTypes.SIA_DCS, body)).events();
        List<CanonicalEvent> redelivered = ((Decoded) normalizer.normalize(ctx, ContentTypes.SIA_DCS, body)).events();

        assertThat(redelivered).extracting(CanonicalEvent::eventId)
                .containsExactlyElementsOf(first.stream().map(CanonicalEvent::eventId).toList());
        assertThat(first.get(0).eventId()).isNotEqualTo(first.get(1).eventId());
        assertThat(first.get(0).eventId()).isEqualTo(EventIds.eventId("site-9", "msg-77", 0));
    }

    @Test
    void undecodableDetailsNeverCarryRawControlCharacters() {
        Undecodable undecodable = (Undecodable) normalize(ContentTypes.CONTACT_ID, "1234 18 1131 01 01\u001b[2J\n5");

        assertThat(undecodable.reasonCode()).isEqualTo("cid.bad_format");
        assertThat(undecodable.detail()).doesNotContain("\u001b", "\n").contains("\\x1B");
    }

    @Test
    void eventsSerialiseAsSnakeCaseJsonWithoutNulls() {
        String json = EventJson.write(((Decoded) normalize(ContentTypes.CONTACT_ID, "1234 18 1131 01 015")).events().get(0));

        assertThat(json).contains("\"spec_version\":\"1\"", "\"class\":\"alarm\"", "\"code_known\":true",
                "\"occurred_at\":\"2025-03-01T10:00:00Z\"", "\"source_format\":\"cid\"").doesNotContain("null", "\"user\"");
    }

    private NormalizeResult normalize(String contentType, String body) {
        return normalizer.normalize(TestSignals.ctx(), contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
