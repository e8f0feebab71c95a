package io.vigil.dc09;

import java.util.List;
import java.util.Objects;

/**
 * An enrolled DC-09 account.
 *
 * @param siteId     the site its signals belong to (the site identity comes from this mapping)
 * @param allowPlain whether unencrypted frames are accepted (with the lower, transport-only assurance)
 * @param keys       the account's current AES keys, newest first; empty when it has none
 */
public record Dc09Account(String siteId, boolean allowPlain, List<Dc09Key> keys) {
    public Dc09Account {
        Objects.requireNonNull(siteId, "siteId");
        keys = List.copyOf(keys);
    }

    /** An AES key as the registry hands it out: its id (for {@code vigil_kid}) and its bytes (16, 24 or 32). */
    public record Dc09Key(String keyId, byte[] key) {}
}
