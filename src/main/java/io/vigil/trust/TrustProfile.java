package io.vigil.trust;

import java.util.Locale;

/**
 * How a site's messages are authenticated (docs/envelope.md, "Trust profiles"), chosen at enrolment.
 * {@code assurance} is what accepted signals and their events are marked with.
 */
public enum TrustProfile {
    SIGNED("signed", "signed"),
    DC09_AES("dc09-aes", "dc09-aes"),
    OWNTRACKS_SECRET("owntracks-secret", "owntracks-secret"),
    TRANSPORT_ONLY("transport-only", "transport");

    private final String code;
    private final String assurance;

    TrustProfile(String code, String assurance) {
        this.code = code;
        this.assurance = assurance;
    }

    public String code() {
        return code;
    }

    public String assurance() {
        return assurance;
    }

    /** True for the profiles whose key is a symmetric secret held in {@code site_secrets}. */
    public boolean usesSecrets() {
        return this == DC09_AES || this == OWNTRACKS_SECRET;
    }

    public static TrustProfile parse(String code) {
        for (TrustProfile p : values()) {
            if (p.code.equals(code == null ? null : code.toLowerCase(Locale.ROOT))) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown trust profile " + code
                + " (signed, dc09-aes, owntracks-secret, transport-only)");
    }
}
