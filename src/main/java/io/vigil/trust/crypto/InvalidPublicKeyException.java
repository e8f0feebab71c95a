package io.vigil.trust.crypto;

/** Stored key bytes are not a usable public key of the stated algorithm. Permanent: fix the registry entry. */
public final class InvalidPublicKeyException extends Exception {
    public InvalidPublicKeyException(String message) {
        super(message);
    }
}
