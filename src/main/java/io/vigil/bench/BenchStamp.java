package io.vigil.bench;

/**
 * What every benchmark message carries so that the far end can count it exactly and time it: the
 * run it belongs to, whether it is warm-up or measured, a sequence number unique within the run and
 * phase, and the wall-clock time it was published (epoch microseconds).
 */
public record BenchStamp(String tag, Phase phase, long sequence, long publishedMicros) {

    /**
     * The passes of a message scenario, each with its own sequence numbers 0..n-1: warm-up (primes the
     * JIT and the connections; awaited, not reported), measured (as fast as the window allows, or at
     * {@code --rate}: throughput and CPU), paced (at a moderate fixed rate every scenario can sustain:
     * latency without a queue in front of the slowest stage).
     */
    public enum Phase {
        WARMUP('W'),
        MEASURED('M'),
        PACED('P');

        private final char code;

        Phase(char code) {
            this.code = code;
        }

        char code() {
            return code;
        }

        static Phase of(char code) {
            for (Phase phase : values()) {
                if (phase.code == code) {
                    return phase;
                }
            }
            throw new IllegalArgumentException("unknown phase code");
        }
    }

    public BenchStamp {
        if (tag == null || !BenchPayload.isTag(tag)) {
            throw new IllegalArgumentException("a run tag is " + BenchPayload.TAG_LENGTH + " characters of [a-z0-9]");
        }
        if (sequence < 0 || publishedMicros < 0) {
            throw new IllegalArgumentException("sequence and publish time must not be negative");
        }
    }
}
