package io.vigil.trust.replay;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SipHashTest {

    /** The SipHash paper's Appendix A vector: key 00..0f, message 00..0e (15 bytes) -> a129ca6149be45e5. */
    @Test
    void matchesThePublishedTestVector() {
        long k0 = 0x0706050403020100L;
        long k1 = 0x0f0e0d0c0b0a0908L;
        StringBuilder rest = new StringBuilder();
        for (char c = 1; c <= 0x0e; c++) {
            rest.append(c);
        }
        // "" + separator 0x00 + 01..0e is exactly the 15-byte message 00..0e
        assertThat(new SipHash(k0, k1).hash("", rest.toString())).isEqualTo(0xa129ca6149be45e5L);
    }

    @Test
    void siteAndMessageIdAreSeparated() {
        SipHash hash = new SipHash(1, 2);
        assertThat(hash.hash("site-1", "abc")).isNotEqualTo(hash.hash("site-1a", "bc"));
    }
}
