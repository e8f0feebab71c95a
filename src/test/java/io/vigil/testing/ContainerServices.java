package io.vigil.testing;

import io.vigil.config.VigilProperties;
import java.util.Map;

/**
 * Stand-in until the Testcontainers-based services land from main: reports no Docker engine, so
 * {@link TestEnvironment} uses the local services. On merge, main's version replaces this file.
 */
final class ContainerServices {

    private ContainerServices() {}

    static boolean dockerAvailable() {
        return false;
    }

    static Map<String, String> start(VigilProperties base) {
        throw new IllegalStateException("container services are not available in this build");
    }
}
