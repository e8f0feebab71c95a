package io.vigil.dc09;

import io.vigil.config.VigilProperties;
import java.time.Duration;

/**
 * The DC-09 port's settings ({@code vigil.dc09.*}), defaults as in docs/dc09.md.
 *
 * @param maxFrameBytes largest frame from LF to CR; a TCP frame reaching it before its CR closes the connection
 * @param idleTimeout   a TCP connection silent this long is closed
 * @param frameTimeout  a frame must be complete this long after its first byte (slowloris)
 * @param timeBehind    oldest frame timestamp accepted, relative to the receiver's clock
 * @param timeAhead     newest frame timestamp accepted
 */
public record Dc09Config(Listener tcp, Listener udp, int maxFrameBytes, Duration idleTimeout, Duration frameTimeout,
                         int maxConnections, Duration timeBehind, Duration timeAhead) {

    /** The length field's largest value (0FFF) plus CRC (4), length (4), LF and CR. */
    public static final int LARGEST_FRAME = 0xFFF + 10;

    public record Listener(boolean enabled, String host, int port) {
        public Listener {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("vigil.dc09 port must be 0..65535");
            }
        }
    }

    public Dc09Config {
        if (maxFrameBytes < 32 || maxFrameBytes > LARGEST_FRAME) {
            throw new IllegalArgumentException("vigil.dc09.max-frame-bytes must be 32.." + LARGEST_FRAME);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("vigil.dc09.max-connections must be at least 1");
        }
        for (Duration d : new Duration[] {idleTimeout, frameTimeout, timeBehind, timeAhead}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("vigil.dc09 timeouts and time window must be positive");
            }
        }
    }

    public static Dc09Config from(VigilProperties p) {
        return new Dc09Config(
                new Listener(p.getBoolean("vigil.dc09.tcp.enabled", false), p.get("vigil.dc09.tcp.host", "127.0.0.1"),
                        p.getInt("vigil.dc09.tcp.port", 9500)),
                new Listener(p.getBoolean("vigil.dc09.udp.enabled", false), p.get("vigil.dc09.udp.host", "127.0.0.1"),
                        p.getInt("vigil.dc09.udp.port", 9500)),
                p.getInt("vigil.dc09.max-frame-bytes", 1024),
                p.getDuration("vigil.dc09.idle-timeout", Duration.ofSeconds(60)),
                p.getDuration("vigil.dc09.frame-timeout", Duration.ofSeconds(10)),
                p.getInt("vigil.dc09.max-connections", 1000),
                p.getDuration("vigil.dc09.time-behind", Duration.ofSeconds(40)),
                p.getDuration("vigil.dc09.time-ahead", Duration.ofSeconds(20)));
    }

    public boolean anyEnabled() {
        return tcp.enabled() || udp.enabled();
    }
}
