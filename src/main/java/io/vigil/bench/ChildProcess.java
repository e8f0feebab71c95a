package io.vigil.bench;

import io.vigil.config.VigilProperties;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A process the benchmark measures from outside: started with a command line, its output (stdout
 * and stderr together) copied to a log file and handed line by line to a listener, its readiness
 * recognised by a line. Being a separate OS process is what lets the operating system's accounting
 * ({@link ProcessAccounting}) attribute CPU time and memory to it alone.
 */
public final class ChildProcess implements AutoCloseable {

    /** Receives each line of the child's output, on the thread that reads it. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = (child, line) -> { };

        void onLine(ChildProcess child, String line);
    }

    private static final int TAIL_LINES = 40;
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        // a harness stopped with Ctrl-C takes its children along
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "bench-children"));
    }

    private final String name;
    private final Process process;
    private final PrintWriter input;
    private final PrintWriter log;
    private final Predicate<String> readyLine;
    private final Listener listener;
    private final Deque<String> tail = new ArrayDeque<>();
    /** Counted down at the ready line or at the end of output, whichever comes first. */
    private final CountDownLatch readyOrGone = new CountDownLatch(1);
    private final CompletableFuture<Void> outputEnded = new CompletableFuture<>();
    private volatile boolean ready;

    private ChildProcess(String name, Process process, Path logFile, Predicate<String> readyLine, Listener listener)
            throws IOException {
        this.name = name;
        this.process = process;
        this.readyLine = readyLine;
        this.listener = listener;
        this.input = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        RUNNING.add(process);
        process.onExit().thenRun(() -> RUNNING.remove(process));
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        this.log = new PrintWriter(Files.newBufferedWriter(logFile, StandardCharsets.UTF_8), true);
        Thread reader = new Thread(this::readOutput, "bench-child-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code command}, then waits until a line satisfies {@code readyLine} (or the process
     * exits: that is a failure); every line also goes to {@code listener} and to {@code logFile}.
     */
    public static ChildProcess start(String name, List<String> command, Path logFile, Predicate<String> readyLine,
                                 Listener listener, Duration timeout) throws IOException, InterruptedException {
        ChildProcess child = launch(name, command, logFile, readyLine, listener);
        child.readyOrGone.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!child.ready) {
            boolean exited = child.process.waitFor(1, TimeUnit.SECONDS);
            child.close();
            // 137 / 143: killed with SIGKILL / SIGTERM from outside
            throw new IllegalStateException(name + (exited ? " exited with code " + child.process.exitValue() + " before it was ready"
                    : " was not ready within " + timeout) + "; its last lines:\n" + child.tail());
        }
        return child;
    }

    /** Starts {@code command} and returns at once, for a process that says nothing until it is done. */
    public static ChildProcess launch(String name, List<String> command, Path logFile, Listener listener) throws IOException {
        return launch(name, command, logFile, line -> false, listener);
    }

    private static ChildProcess launch(String name, List<String> command, Path logFile, Predicate<String> readyLine,
                                   Listener listener) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .directory(VigilProperties.home().toFile());
        return new ChildProcess(name, builder.start(), logFile, readyLine, listener);
    }

    /**
     * {@code java <jvmOptions> -Dvigil.home=... [the harness's own -Dvigil.*] -jar target/vigil.jar <arguments>}:
     * the distribution the harness itself belongs to, so every child runs the same build.
     */
    public static List<String> vigilCommand(List<String> jvmOptions, Map<String, String> overrides, List<String> arguments) {
        Path jar = VigilProperties.home().resolve("target/vigil.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: build the distribution first (mvn package, or ./vigil)");
        }
        List<String> command = new ArrayList<>(javaCommand(jvmOptions));
        // settings the harness got as -D (VIGIL_JAVA_OPTS) hold for its children too; environment variables are inherited
        System.getProperties().stringPropertyNames().stream().sorted()
                .filter(key -> key.startsWith("vigil.") || key.startsWith("camel."))
                .filter(key -> !overrides.containsKey(key) && !key.equals("vigil.home"))
                .forEach(key -> command.add("-D" + key + "=" + System.getProperty(key)));
        overrides.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(arguments);
        return command;
    }

    /** {@code java} of this JVM with the given options, the project home, and an English locale (parsable numbers). */
    public static List<String> javaCommand(List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Dvigil.home=" + VigilProperties.home());
        command.add("-Duser.language=en");
        command.add("-Duser.country=US");
        return command;
    }

    public long pid() {
        return process.pid();
    }

    public ProcessAccounting accounting() {
        return ProcessAccounting.of(process.pid());
    }

    /** Writes one line to the child's standard input. */
    public void send(String line) {
        input.println(line);
    }

    /** SIGTERM (the graceful path of {@code vigil run}), then SIGKILL if it has not exited within {@code grace}. */
    public void terminate(Duration grace) throws InterruptedException {
        input.close();
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Completes when the child's output has ended (it exited) and every line has gone to the listener. */
    public CompletableFuture<Void> outputEnded() {
        return outputEnded;
    }

    public boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The last lines of output, for error messages. */
    public synchronized String tail() {
        return String.join("\n", tail);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private void readOutput() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             PrintWriter logWriter = log) {
            String line;
            while ((line = reader.readLine()) != null) {
                logWriter.println(line);
                synchronized (this) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
                try {
                    listener.onLine(this, line);
                } catch (RuntimeException e) {
                    logWriter.println("(bench: the harness could not use the line above: " + e + ")");
                }
                if (!ready && readyLine.test(line)) {
                    ready = true;
                    readyOrGone.countDown();
                }
            }
        } catch (IOException e) {
            // the process went away
        } finally {
            readyOrGone.countDown();
            outputEnded.complete(null);
        }
    }
}
