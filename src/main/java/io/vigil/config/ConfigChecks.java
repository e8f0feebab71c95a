package io.vigil.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;

/** Checks that several typed configurations make of their values. */
public final class ConfigChecks {

    private ConfigChecks() {}

    public static void requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(key + " must be positive");
        }
    }

    /** Whether a listener on this address is reachable from this host only. */
    public static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
