package io.vigil.trust.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;

/** A library that verifies envelope signatures; key decoding and validation are Bouncy Castle's for both. */
public enum CryptoProvider {

    /** Amazon Corretto Crypto Provider (AWS-LC, native): about twice as fast, where its native part loads. */
    ACCP,
    /** Bouncy Castle's pure-Java implementation: runs everywhere. */
    BOUNCYCASTLE;

    /** How status and metrics name it, with the version that verifies: {@code accp-2.5.0}, {@code bouncycastle}. */
    public String label() {
        return this == ACCP ? "accp-" + AmazonCorrettoCryptoProvider.INSTANCE.getVersionStr() : "bouncycastle";
    }

    /** Null when this provider can verify in this JVM, otherwise why not. */
    public Throwable unavailableBecause() {
        if (this == BOUNCYCASTLE) {
            return null;
        }
        try {
            return AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError();
        } catch (LinkageError e) {
            return e;
        }
    }
}
