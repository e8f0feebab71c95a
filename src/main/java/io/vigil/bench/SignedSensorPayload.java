package io.vigil.bench;

import io.vigil.trust.Encoding;
import io.vigil.trust.device.DeviceSigner;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * vigil_ingest's message: a signed JWS envelope (EdDSA, as real sites send) whose body is a sensor
 * reading carrying the stamp as a text reading, {@code {"readings": {"bench": "<stamp>"}}}. It comes
 * out of normalisation as one {@code sensor} event on events.sensor with the stamp in
 * {@code sensor.readings.bench}, where {@link #decode} finds it without parsing the JSON.
 */
public final class SignedSensorPayload implements StampEncoder, StampDecoder {

    static final String CONTENT_TYPE = "application/vnd.vigil.sensor+json";
    private static final byte[] MARKER = "\"bench\":\"".getBytes(StandardCharsets.US_ASCII);

    private final EnrolledBenchSites sites = new EnrolledBenchSites();

    @Override
    public void prepare(BenchContext context) {
        sites.enroll(context);
    }

    @Override
    public byte[] encode(String siteId, BenchStamp stamp) {
        DeviceSigner signer = sites.signer(siteId);
        byte[] body = ("{\"readings\": {\"bench\": \"" + BenchPayload.INSTANCE.header(stamp) + "\"}}")
                .getBytes(StandardCharsets.US_ASCII);
        return signer.sign(Encoding.JWS, CONTENT_TYPE, body);
    }

    @Override
    public Optional<BenchStamp> decode(byte[] event) {
        int at = indexOf(event, MARKER);
        return at < 0 ? Optional.empty() : BenchPayload.INSTANCE.decode(event, at + MARKER.length);
    }

    private static int indexOf(byte[] bytes, byte[] marker) {
        outer:
        for (int i = 0; i <= bytes.length - marker.length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (bytes[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
