package io.vigil.testing;

import io.vigil.bench.ChildProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The receiver as its own operating-system process ({@code java -jar target/vigil.jar run}, through
 * the benchmark's {@link ChildProcess}), so a test can kill it with SIGKILL mid-stream.
 * Configuration overrides go in as {@code -Dkey=value}; its output goes to target/test-processes/.
 */
public final class VigilProcess {

    private VigilProcess() {}

    /** Starts the receiver and returns once it is ready (its MQTT slots subscribed); {@code close()} on the result is SIGKILL. */
    public static ChildProcess start(Map<String, String> overrides, Duration timeout) throws Exception {
        String name = "vigil-" + UUID.randomUUID().toString().substring(0, 8);
        return ChildProcess.start(name, ChildProcess.vigilCommand(List.of("-Xmx512m"), overrides, List.of("run")),
                Path.of("target/test-processes", name + ".log"),
                line -> line.contains(io.vigil.app.VigilApplication.READY_LOG_LINE), ChildProcess.Listener.NONE,
                timeout);
    }
}
