package io.vigil.trust.keys;

import io.vigil.config.VigilProperties;
import java.nio.file.Path;

/**
 * Where the key-encryption key of the site secrets lives ({@code vigil.trust.secrets.kek-file}):
 * enrolment creates it when missing, the receiver only reads it.
 */
public record SecretsConfig(Path kekFile) {

    public static SecretsConfig from(VigilProperties p) {
        return new SecretsConfig(p.getPath("vigil.trust.secrets.kek-file", "var/secrets/kek"));
    }

    /** The KEK for reading secrets, or null when there is none yet (then no secret authenticates anything). */
    public KeyEncryptionKey loadKek() {
        return KeyEncryptionKey.load(kekFile);
    }

    /** The KEK for writing secrets, created owner-only when missing. */
    public KeyEncryptionKey loadOrCreateKek() {
        return KeyEncryptionKey.loadOrCreate(kekFile);
    }
}
