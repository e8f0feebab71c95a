package io.vigil.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Tells the local development broker to re-read its configuration, ACLs and CRL: SIGHUP to the pid in
 * {@code vigil.pki.broker-pid-file} (written by {@code scripts/services up}). Mosquitto 2.0.11 keeps
 * connected clients across it. In production the broker host reloads itself (docs/delivery.md,
 * "Certificate revocation at the broker").
 */
public final class BrokerReload {

    /** What happened, for the operator's output. */
    public sealed interface Outcome {
        record Signalled(long pid) implements Outcome {}
        record NoBroker(String why) implements Outcome {}
    }

    private BrokerReload() {}

    public static Outcome signal(Path pidFile) {
        if (pidFile == null || !Files.isRegularFile(pidFile)) {
            return new Outcome.NoBroker("no pid file " + pidFile + ": reload the broker yourself (SIGHUP)");
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim());
        } catch (IOException | NumberFormatException e) {
            return new Outcome.NoBroker("unreadable pid file " + pidFile + ": reload the broker yourself (SIGHUP)");
        }
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                // the JDK cannot send SIGHUP itself
                Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid)).inheritIO().start();
                if (kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                    return new Outcome.Signalled(pid);
                }
            } catch (IOException e) {
                return new Outcome.NoBroker("cannot signal broker " + pid + ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new Outcome.NoBroker("cannot signal broker " + pid + ": reload it yourself (SIGHUP)");
        }
        return new Outcome.NoBroker("broker " + pid + " of " + pidFile + " is not running");
    }
}
