package io.vigil.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * How the harness and the child processes it starts ({@code vigil bench subscriber|naive-route|supervision-probe})
 * talk: the child writes {@code BENCH ...} lines on standard output (logging goes to standard
 * error), the harness writes commands on the child's standard input, and a child exits when its
 * input ends.
 */
public final class ChildProtocol {

    public static final String READY = "BENCH READY";
    static final String PROGRESS = "BENCH PROGRESS ";
    static final String RESULT = "BENCH RESULT ";
    /** Harness to child: report the result now. */
    static final String FINISH = "finish";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChildProtocol() {}

    // -- child side

    public static void announceReady() {
        System.out.println(READY);
        System.out.flush();
    }

    public static synchronized void progress(long... counts) {
        StringBuilder line = new StringBuilder(PROGRESS.trim());
        for (long count : counts) {
            line.append(' ').append(count);
        }
        System.out.println(line);
        System.out.flush();
    }

    public static synchronized void result(Map<String, ?> result) {
        try {
            System.out.println(RESULT + JSON.writeValueAsString(result));
            System.out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads commands from standard input until it ends (the harness closed it, or died). */
    public static void serveUntilEndOfInput(Consumer<String> onCommand) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                onCommand.accept(line.trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // -- harness side

    static boolean isReady(String line) {
        return line.equals(READY);
    }

    static Optional<long[]> parseProgress(String line) {
        if (!line.startsWith(PROGRESS)) {
            return Optional.empty();
        }
        String[] parts = line.substring(PROGRESS.length()).trim().split(" ");
        long[] counts = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            counts[i] = Long.parseLong(parts[i]);
        }
        return Optional.of(counts);
    }

    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> parseResult(String line) {
        if (!line.startsWith(RESULT)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(line.substring(RESULT.length()), Map.class));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("unreadable result line from a benchmark child", e);
        }
    }
}
