package io.vigil.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The receiver as its own operating-system process ({@code java -jar target/vigil.jar run}), so a
 * test can kill it with SIGKILL mid-stream and the benchmark can read its CPU time and RSS.
 * Configuration overrides go in as {@code -Dkey=value}.
 */
public final class VigilProcess implements AutoCloseable {

    private final Process process;
    private final CountDownLatch started = new CountDownLatch(1);
    private final List<String> output = new ArrayList<>();

    private VigilProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(this::readOutput, "vigil-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static VigilProcess start(Map<String, String> overrides, Duration timeout) throws IOException, InterruptedException {
        Path jar = Path.of("target/vigil.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("target/vigil.jar is missing: integration tests run after `mvn package`");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Dvigil.home=" + Path.of("").toAbsolutePath()));
        overrides.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.addAll(List.of("-jar", jar.toString(), "run"));
        VigilProcess vigil = new VigilProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        if (!vigil.started.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            vigil.kill();
            throw new IllegalStateException("Vigil did not start within " + timeout + ":\n" + vigil.output());
        }
        return vigil;
    }

    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook, no graceful drain — what a crash or the OOM killer does. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the graceful shutdown path. */
    public int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return process.exitValue();
    }

    public synchronized String output() {
        return String.join("\n", output);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (this) {
                    output.add(line);
                }
                if (line.contains("Apache Camel") && line.contains(" started in ")) {
                    started.countDown();
                }
            }
        } catch (IOException e) {
            // the process went away
        }
    }
}
