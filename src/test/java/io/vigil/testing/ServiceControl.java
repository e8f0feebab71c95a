package io.vigil.testing;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Stops and starts one of the real services, for outage tests. */
public final class ServiceControl {

    private ServiceControl() {}

    public static void stop(String service) {
        run("down", service);
    }

    public static void start(String service) {
        run("up", service);
    }

    private static void run(String action, String service) {
        if (!TestEnvironment.get().mode().equals("local")) {
            ContainerServices.control(action, service);
            return;
        }
        try {
            Process process = new ProcessBuilder("scripts/services", action, service).inheritIO().start();
            if (!process.waitFor(180, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("scripts/services " + action + " " + service + " failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
